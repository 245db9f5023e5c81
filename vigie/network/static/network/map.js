// Draws the member directory map: member organisations per headquarters country, from the
// vendored world-atlas TopoJSON (never a CDN).
(function () {
  var holder = document.getElementById("member-map");
  var dataNode = document.getElementById("member-map-data");
  if (!holder || !dataNode || typeof vegaEmbed === "undefined") return;
  var rows = JSON.parse(dataNode.textContent);
  var spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: "container",
    height: 360,
    projection: { type: "equalEarth" },
    layer: [
      {
        data: { url: holder.dataset.atlas, format: { type: "topojson", feature: "countries" } },
        mark: { type: "geoshape", fill: "#e6e3dc", stroke: "#fff", strokeWidth: 0.5 }
      },
      {
        data: { url: holder.dataset.atlas, format: { type: "topojson", feature: "countries" } },
        transform: [
          { lookup: "id", from: { data: { values: rows }, key: "id", fields: ["count"] } },
          { filter: "datum.count > 0" }
        ],
        mark: { type: "geoshape", stroke: "#fff", strokeWidth: 0.5 },
        encoding: {
          color: { field: "count", type: "quantitative", title: holder.dataset.label,
                   scale: { scheme: "teals" } },
          tooltip: [
            { field: "properties.name", type: "nominal", title: " " },
            { field: "count", type: "quantitative", title: holder.dataset.label }
          ]
        }
      }
    ]
  };
  vegaEmbed(holder, spec, { actions: false, renderer: "svg" });
})();
