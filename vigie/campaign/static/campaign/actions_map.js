// The year's actions as circles on the site's world map (core/choropleth.js markers).
(function () {
  "use strict";
  var holder = document.getElementById("actions-map");
  var dataNode = document.getElementById("actions-data");
  if (!holder || !dataNode || !window.VigieChoropleth) { return; }
  var points = JSON.parse(dataNode.textContent);
  var kinds = points.map(function (p) { return p.kind; }).filter(function (k, i, all) { return all.indexOf(k) === i; });
  var palette = ["#b5472d", "#1f5f8b", "#5b8c3a", "#7a4e9b", "#c08a1e", "#2f7f7a", "#8a8a8a", "#a33b6b", "#3b5ba3", "#6b6b3b"];
  // Countries have no value of their own: they take the "none" key, drawn in a light grey.
  window.VigieChoropleth.render(holder, {
    topojson: holder.dataset.atlas,
    rows: [],
    scale: { type: "nominal", domain: ["none"].concat(kinds), range: ["#e6e3dc"].concat(palette.slice(0, kinds.length)) },
    missing: { value: "none", text: "" },
    legend: { title: holder.dataset.kind, values: kinds },
    titles: { name: holder.dataset.country, value: holder.dataset.kind },
    markers: points.map(function (p) { return { lat: p.latitude, lon: p.longitude, value: p.kind, name: p.city + " — " + p.title, text: p.kind }; }),
    height: 380,
    strokeWidth: 0.4
  });
})();
