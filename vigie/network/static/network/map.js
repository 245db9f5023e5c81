// Draws the member directory map: member organisations per headquarters country, by the site's
// choropleth (core/choropleth.js) on the vendored world-atlas TopoJSON (never a CDN).
(function () {
  "use strict";
  var holder = document.getElementById("member-map");
  var dataNode = document.getElementById("member-map-data");
  if (!holder || !dataNode || !window.VigieChoropleth) { return; }
  var rows = JSON.parse(dataNode.textContent);
  window.VigieChoropleth.render(holder, {
    topojson: holder.dataset.atlas,
    rows: rows.map(function (row) { return { id: row.id, value: row.count, name: row.name }; }),
    scale: { type: "quantitative", scheme: "teals" },
    missing: "#e6e3dc",
    // Below the map, so that on a phone the map keeps the width; whole numbers (counts).
    legend: { title: holder.dataset.label, orient: "bottom", format: "d", tickMinStep: 1 },
    titles: { name: " ", value: holder.dataset.label },
    height: 360,
    strokeWidth: 0.5
  });
})();
