/* The index map (core/partials/chart.html, drawn by core/choropleth.js): every country of the
 * world, coloured by the overall score or a dimension; grey is "no data". Choosing another
 * dimension loads its address, so the map, its title, its table and its downloads always show
 * the same thing and the address restores it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var NO_DATA = "#d9dde1";

  function start() {
    var element = document.getElementById("index-map-chart");
    var config = document.getElementById("index-map-config");
    if (!element || !config || !window.VigieChoropleth) { return; }
    config = JSON.parse(config.textContent);
    var select = document.querySelector("[data-map-select]");
    if (select && select.form) {
      select.addEventListener("change", function () { select.form.requestSubmit(); });
    }
    element.dataset.field = config.field;
    window.VigieChoropleth.render(element, {
      topojson: script.dataset.topojson,
      rows: config.values.map(function (row) { return { id: row.id, value: row.value, name: row.name }; }),
      scale: { type: "quantitative", scheme: "blues", domain: [0, 100] },
      missing: NO_DATA,
      legend: { title: config.label, orient: "bottom-left", labelFontSize: 12, titleFontSize: 12, gradientLength: 160 },
      titles: { name: config.nameLabel, value: config.label },
      format: ".1f",
      fit: true,
      height: Math.max(200, Math.min(420, Math.round((element.clientWidth || 800) * 0.5))),
      frame: false,
      description: element.getAttribute("aria-label")
    }).then(function () {
      element.classList.add("chart-drawn");
      var table = document.getElementById("index-map-table");
      if (table && window.location.hash !== "#index-map-table") { table.removeAttribute("open"); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
