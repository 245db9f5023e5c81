// World map of one recorded vote: world-atlas features (ids = ISO numeric) coloured by each
// country's vote, drawn by the site's choropleth (core/choropleth.js).
(function () {
  "use strict";
  function draw() {
    var holder = document.getElementById("vote-map");
    var payload = document.getElementById("vote-map-data");
    if (!holder || !payload || !window.VigieChoropleth) { return; }
    var data = JSON.parse(payload.textContent);
    var noVote = holder.dataset.noVote;
    var labels = data.labels;
    window.VigieChoropleth.render(holder, {
      topojson: holder.dataset.topojson,
      rows: data.values.map(function (row) { return { id: row.id, value: labels[row.vote], name: row.name }; }),
      scale: {
        type: "nominal",
        domain: [labels.yes, labels.no, labels.abstain, labels.absent, labels.non_member, noVote],
        range: ["#1b7a3e", "#b3261e", "#d89b00", "#8c8c8c", "#bdbdbd", "#ececec"]
      },
      missing: { value: noVote },
      legend: { title: null, orient: "bottom", direction: "horizontal" },
      titles: { name: holder.dataset.nameTitle, value: holder.dataset.voteTitle }
    }).then(function () {
      holder.dataset.ready = "true";
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
