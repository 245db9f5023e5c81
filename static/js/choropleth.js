/* A world choropleth drawn with the vendored Vega-Lite and world-atlas TopoJSON (no CDN).
 * Usage: <div data-choropleth data-topojson="…countries-110m.json" data-values-id="json-script-id"
 *             data-title="Legend title" data-domain="0,100"></div>
 * Values are [{id: ISO numeric, name, value}]; the map is an SVG so that tests and screen
 * readers can read it. The table beside the map remains the accessible, no-script version. */
(function () {
  "use strict";

  function render(element, values) {
    var domain = (element.dataset.domain || "0,100").split(",").map(Number);
    var spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container",
      height: Number(element.dataset.height || 380),
      data: { url: element.dataset.topojson, format: { type: "topojson", feature: "countries" } },
      transform: [{ lookup: "id", from: { data: { values: values }, key: "id", fields: ["value", "label"] } }],
      projection: { type: "equalEarth" },
      mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.4 },
      encoding: {
        color: {
          condition: { test: "!isValid(datum.value)", value: "#d9dde1" },
          field: "value", type: "quantitative",
          scale: { scheme: element.dataset.scheme || "blues", domain: domain },
          legend: { title: element.dataset.title || "", orient: "bottom-left" }
        },
        tooltip: [
          { field: "label", type: "nominal", title: element.dataset.nameLabel || "Country" },
          { field: "value", type: "quantitative", title: element.dataset.title || "Value", format: ".1f" }
        ]
      },
      config: { view: { stroke: null } }
    };
    return window.vegaEmbed(element, spec, { renderer: "svg", actions: false }).then(function (result) {
      element.vegaView = result.view;
      element.setAttribute("data-rendered", "true");
      return result;
    });
  }

  function valuesFrom(id) {
    var node = document.getElementById(id);
    var raw = node ? JSON.parse(node.textContent) : [];
    return raw.map(function (row) { return { id: row.id, value: row.value, label: row.name }; });
  }

  window.VigieChoropleth = { render: render, valuesFrom: valuesFrom };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-choropleth]").forEach(function (element) {
      render(element, valuesFrom(element.dataset.valuesId));
    });
  });
})();
