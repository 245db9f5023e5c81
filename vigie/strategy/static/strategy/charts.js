// Draws every Vega-Lite chart of the page with the vendored Vega; the data table next to each
// chart stays open when a chart cannot be drawn.
(function () {
  function draw() {
    if (!window.VigieCharts) return;
    document.querySelectorAll("[data-vega-spec]").forEach(function (element) {
      var source = document.getElementById(element.dataset.vegaSpec);
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      window.VigieCharts.embed(element, spec).then(function () {
        element.classList.add("chart-drawn");
        var table = element.parentElement.querySelector("details.chart-data");
        if (table) table.removeAttribute("open");
      }).catch(function () { element.hidden = true; });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
