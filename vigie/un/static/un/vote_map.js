// World map of one recorded vote: world-atlas features (ids = ISO numeric) coloured by each
// country's vote, drawn by the site's choropleth (core/choropleth.js).
(function () {
  "use strict";
  var script = document.currentScript;
  function draw() {
    var holder = document.getElementById("vote-map-chart");
    var payload = document.getElementById("vote-map-data");
    if (!holder || !payload || !window.VigieChoropleth) { return; }
    var data = JSON.parse(payload.textContent);
    var options = script.dataset;
    var noVote = options.noVote;
    var labels = data.labels;
    window.VigieChoropleth.render(holder, {
      topojson: options.topojson,
      rows: data.values.map(function (row) { return { id: row.id, value: labels[row.vote], name: row.name }; }),
      scale: {
        type: "nominal",
        domain: [labels.yes, labels.no, labels.abstain, labels.absent, labels.non_member, noVote],
        range: ["#1b7a3e", "#b3261e", "#d89b00", "#8c8c8c", "#bdbdbd", "#ececec"]
      },
      missing: { value: noVote },
      legend: { title: null, orient: "bottom", direction: "horizontal", labelFontSize: 12 },
      titles: { name: options.nameTitle, value: options.voteTitle },
      description: holder.getAttribute("aria-label")
    }).then(function () {
      holder.dataset.ready = "true";
      holder.classList.add("chart-drawn");
      var table = document.getElementById("vote-map-table");
      if (table && window.location.hash !== "#vote-map-table") { table.removeAttribute("open"); }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
