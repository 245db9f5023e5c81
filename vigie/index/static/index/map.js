// Choropleth of an edition's scores (Vega-Lite, vendored world-atlas TopoJSON, no network).
// The chosen dimension is re-rendered in place and kept in the URL so the view can be shared.
(function () {
  "use strict";
  const element = document.getElementById("index-map");
  if (!element || typeof vegaEmbed === "undefined") return;
  const values = JSON.parse(document.getElementById("index-map-values").textContent);
  const select = document.getElementById("dimension");
  const labels = element.dataset;

  function spec(dimension) {
    const rows = values.map(function (v) {
      return { id: v.id, name: v.name, status: v.status, value: v[dimension] };
    });
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container",
      height: 420,
      projection: { type: "equalEarth" },
      data: { url: labels.topology, format: { type: "topojson", feature: "countries" } },
      transform: [
        { lookup: "id", from: { data: { values: rows, name: "scores" }, key: "id",
          fields: ["name", "status", "value"] }, default: null },
      ],
      mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.4, invalid: "show" },
      encoding: {
        color: {
          condition: { test: "datum.value === null || !isValid(datum.value)", value: "#d9d9d9" },
          field: "value", type: "quantitative", title: labels.score,
          scale: { domain: [0, 100], scheme: "viridis" },
        },
        tooltip: [
          { field: "name", title: labels.country },
          { field: "value", title: labels.score, format: ".1f" },
          { field: "status", title: labels.status },
        ],
      },
    };
  }

  function render(dimension) {
    return vegaEmbed(element, spec(dimension), { actions: false, renderer: "svg" }).then(function (result) {
      window.indexMapView = result.view;
      element.dataset.dimension = dimension;
    });
  }

  render(select.value);
  select.addEventListener("change", function () {
    const url = new URL(window.location.href);
    url.searchParams.set("dimension", select.value);
    window.history.replaceState(null, "", url);
    render(select.value);
  });
})();
