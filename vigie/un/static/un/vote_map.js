// World map of one recorded vote: world-atlas features (ids = ISO numeric) joined to the votes.
(function () {
  "use strict";
  function draw() {
    var holder = document.getElementById("vote-map");
    var payload = document.getElementById("vote-map-data");
    if (!holder || !payload || typeof vegaEmbed !== "function") { return; }
    var data = JSON.parse(payload.textContent);
    var noVote = holder.dataset.noVote;
    var labels = data.labels;
    var domain = [labels.yes, labels.no, labels.abstain, labels.absent, labels.non_member, noVote];
    var values = data.values.map(function (row) {
      return { id: row.id, vote: labels[row.vote], name: row.name };
    });
    var spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container",
      height: 380,
      data: { url: holder.dataset.topojson, format: { type: "topojson", feature: "countries" } },
      transform: [
        { lookup: "id", from: { data: { values: values }, key: "id", fields: ["vote", "name"] } },
        { calculate: "datum.vote || '" + noVote.replace(/'/g, "\\'") + "'", as: "shown" }
      ],
      projection: { type: "equalEarth" },
      mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.4 },
      encoding: {
        color: {
          field: "shown", type: "nominal", title: null,
          scale: { domain: domain, range: ["#1b7a3e", "#b3261e", "#d89b00", "#8c8c8c", "#bdbdbd", "#ececec"] },
          legend: { orient: "bottom", direction: "horizontal" }
        },
        tooltip: [{ field: "name", type: "nominal" }, { field: "shown", type: "nominal" }]
      }
    };
    vegaEmbed(holder, spec, { actions: false, renderer: "svg" }).then(function () {
      holder.dataset.ready = "true";
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
