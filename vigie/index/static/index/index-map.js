/* The index map: colour by the overall score or by a dimension, redrawn when the choice changes,
 * by the site's choropleth (core/choropleth.js). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("index-map");
    var select = document.querySelector("[data-map-select]");
    if (!element || !window.VigieChoropleth) { return; }
    var all = JSON.parse(document.getElementById("map-values").textContent);
    var labels = JSON.parse(document.getElementById("map-labels").textContent);

    function draw(field) {
      element.dataset.field = field;
      element.dataset.title = labels[field];
      element.removeAttribute("data-rendered");
      return window.VigieChoropleth.render(element, {
        topojson: element.dataset.topojson,
        rows: all[field].map(function (row) { return { id: row.id, value: row.value, name: row.name }; }),
        scale: { type: "quantitative", scheme: "blues", domain: [0, 100] },
        missing: "#d9dde1",
        legend: { title: labels[field], orient: "bottom-left" },
        titles: { name: element.dataset.nameLabel, value: labels[field] },
        format: ".1f",
        frame: false
      });
    }

    draw(element.dataset.field);
    if (select) {
      select.addEventListener("change", function () {
        draw(select.value);
        var url = new URL(window.location.href);
        url.searchParams.set("dimension", select.value);
        window.history.replaceState(null, "", url);
      });
    }
  });
})();
