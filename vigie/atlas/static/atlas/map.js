// The atlas map: replays the strongest measure in force for any year and filter, in the browser,
// from the map's data (atlas/map.json, fetched once from this site and revalidated by its ETag),
// drawn by the site's choropleth (core/choropleth.js) with markers for small jurisdictions.
(function () {
  "use strict";
  var script = document.currentScript;
  var COLOURS = {
    none: "#e4e4e4",
    reversal: "#b2182b",
    regulation_medical: "#c2a5cf",
    pilot: "#92c5de",
    decrim_de_facto: "#d9f0a3",
    court_ruling: "#78c679",
    decrim_de_jure: "#238443",
    regulation_adult: "#2166ac"
  };
  function pairs(text) {
    var result = {};
    text.split("|").forEach(function (pair) {
      var i = pair.indexOf("=");
      if (i > 0) { result[pair.slice(0, i)] = pair.slice(i + 1); }
    });
    return result;
  }
  var kindLabels = pairs(script.dataset.kindLabels);
  var substanceLabels = pairs(script.dataset.substanceLabels);
  var labels = JSON.parse(script.dataset.labels);
  kindLabels.none = labels.none;

  // One record per measure interval, as the map draws it, from the compact rows of map.json.
  function expand(payload) {
    var places = payload.jurisdictions;
    return payload.measures.map(function (row) {
      var place = places[row[0]];
      return {
        code: place[0], name: place[1], id: place[2], lat: place[3], lon: place[4], region: place[5],
        kind: row[1], strength: payload.strength[row[1]], from: row[2], to: row[3],
        substance: row[4], status: row[5], verified: row[6] === "verified",
        verification: payload.verification[row[6]] || row[6],
        url: payload.measure_url.replace("CODE", row[7])
      };
    });
  }

  function ready() {
    fetch(script.dataset.records, { credentials: "same-origin" })
      .then(function (answer) { return answer.json(); })
      .then(function (payload) { start(expand(payload)); });
  }

  function start(records) {
    var slider = document.getElementById("atlas-year");
    var output = document.getElementById("atlas-year-label");
    var form = document.getElementById("atlas-filters");
    var container = document.getElementById("atlas-map");
    document.getElementById("atlas-controls").hidden = false;

    function filters() {
      var data = new FormData(form);
      return { kind: data.get("kind"), substance: data.get("substance"), status: data.get("status"), region: data.get("region") };
    }

    function strongest(year) {
      var f = filters();
      var best = {};
      records.forEach(function (r) {
        if (r.from > year || (r.to !== null && year >= r.to)) { return; }
        if ((f.kind && r.kind !== f.kind) || (f.substance && r.substance !== f.substance) ||
            (f.status && r.status !== f.status) || (f.region && r.region !== f.region)) { return; }
        if (!best[r.code] || best[r.code].strength < r.strength) { best[r.code] = r; }
      });
      return Object.keys(best).map(function (code) { return best[code]; });
    }

    function renderTable(rows, year) {
      var body = document.querySelector("#atlas-table tbody");
      body.textContent = "";
      rows.sort(function (a, b) { return a.name.localeCompare(b.name); }).forEach(function (r) {
        var tr = document.createElement("tr");
        var name = document.createElement("td");
        var link = document.createElement("a");
        link.href = r.url; link.textContent = r.name;
        name.appendChild(link);
        [name, kindLabels[r.kind], substanceLabels[r.substance] || r.substance, String(r.from)].forEach(function (cell, i) {
          if (i === 0) { tr.appendChild(cell); return; }
          var td = document.createElement("td"); td.textContent = cell; tr.appendChild(td);
        });
        var check = document.createElement("td");
        var badge = document.createElement("span");
        badge.className = "badge " + (r.verified ? "badge-ok" : "badge-warn");
        badge.textContent = r.verification;
        check.appendChild(badge);
        tr.appendChild(check);
        body.appendChild(tr);
      });
      document.getElementById("atlas-table-title").dataset.year = year;
    }

    function draw(rows, year) {
      var domain = Object.keys(COLOURS);
      function row(r) { return { id: r.id, value: r.kind, name: r.name, text: kindLabels[r.kind], lat: r.lat, lon: r.lon, url: r.url }; }
      return window.VigieChoropleth.render(container, {
        topojson: script.dataset.topojson,
        rows: rows.filter(function (r) { return r.id; }).map(row),
        markers: rows.filter(function (r) { return r.lat !== null; }).map(row),
        scale: { type: "nominal", domain: domain, range: domain.map(function (k) { return COLOURS[k]; }) },
        missing: { value: "none", text: labels.none },
        legend: null,
        titles: { name: labels.jurisdiction, value: labels.kind },
        height: 460,
        fit: true
      }).then(function () {
        container.dataset.year = year;
      });
    }

    function update() {
      var year = parseInt(slider.value, 10);
      output.textContent = year;
      var rows = strongest(year);
      renderTable(rows.slice(), year);
      draw(rows, year);
    }

    slider.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    update();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
})();
