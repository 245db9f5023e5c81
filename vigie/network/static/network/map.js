// Draws the member directory map: member organisations per headquarters country, by the site's
// choropleth (core/choropleth.js) on the vendored world-atlas TopoJSON (never a CDN).
(function () {
  "use strict";
  var options = document.currentScript.dataset;
  var holder = document.getElementById("member-map-chart");
  var dataNode = document.getElementById("member-map-data");
  if (!holder || !dataNode || !window.VigieChoropleth) { return; }
  var rows = JSON.parse(dataNode.textContent);
  window.VigieChoropleth.render(holder, {
    topojson: options.atlas,
    rows: rows.map(function (row) { return { id: row.id, value: row.count, name: row.name }; }),
    scale: { type: "quantitative", scheme: "teals" },
    missing: "#e6e3dc",
    // Below the map, so that on a phone the map keeps the width; whole numbers (counts).
    legend: { title: options.label, orient: "bottom", format: "d", tickMinStep: 1, labelFontSize: 12, titleFontSize: 12 },
    titles: { name: " ", value: options.label },
    height: 360,
    strokeWidth: 0.5,
    description: holder.getAttribute("aria-label")
  }).then(function () {
    holder.classList.add("chart-drawn");
    var table = document.getElementById("member-map-table");
    if (table && window.location.hash !== "#member-map-table") { table.removeAttribute("open"); }
  });
})();
