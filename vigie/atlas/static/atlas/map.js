// The atlas map: replays the strongest measure in force for any year and filter, in the browser,
// from the map's data (atlas/map.json, fetched once from this site and revalidated by its ETag),
// drawn by the site's choropleth (core/choropleth.js) with markers for small jurisdictions.
// The year and the filters are kept in the address (a permalink restores them); the title, the
// table heading, the table, the CSV/PNG/SVG downloads and the embed snippet follow the view.
// The same script draws the embed page (atlas/embed/), which has no form and no table.
(function () {
  "use strict";
  var script = document.currentScript;
  // Every class at least 3:1 against the white page and distinct from the "no data" grey.
  var COLOURS = {
    none: "#d4d4d4",
    reversal: "#b2182b",
    regulation_medical: "#7b3294",
    pilot: "#c51b7d",
    decrim_de_facto: "#a6611a",
    court_ruling: "#5c8a00",
    decrim_de_jure: "#1b6b35",
    regulation_adult: "#2166ac"
  };
  var FILTERS = ["kind", "substance", "status", "region"];
  var MARKER_SIZE = 40;

  function pairs(text) {
    var result = {};
    (text || "").split("|").forEach(function (pair) {
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
      .then(function (payload) { start(expand(payload), payload.regions || {}); });
  }

  // Markers closer than one marker apart are pushed apart (in degrees, for the map's scale), so
  // that neighbouring states stay distinct instead of merging into one blob.
  function spread(markers, gap) {
    var points = markers.map(function (m, i) {
      return Object.assign({}, m, { lon: m.lon + 1e-6 * i, lat: m.lat });
    });
    for (var round = 0; round < 60; round += 1) {
      var moved = false;
      for (var i = 0; i < points.length; i += 1) {
        for (var j = i + 1; j < points.length; j += 1) {
          var dx = points[j].lon - points[i].lon;
          var dy = points[j].lat - points[i].lat;
          var distance = Math.sqrt(dx * dx + dy * dy);
          if (distance < gap) {
            var push = (gap - distance) / 2 + gap * 0.02;
            var ux = dx / distance, uy = dy / distance;
            points[i].lon -= ux * push; points[i].lat -= uy * push;
            points[j].lon += ux * push; points[j].lat += uy * push;
            moved = true;
          }
        }
      }
      if (!moved) { break; }
    }
    return points;
  }

  // The site's CSV cell and file download (core/charts.js).
  function csvCell(value) { return window.VigieCharts.csvCell(value); }
  function save(name, url) { window.VigieCharts.save(name, url); }

  function start(records, regions) {
    var slider = document.getElementById("atlas-year");
    var output = document.getElementById("atlas-year-label");
    var form = document.getElementById("atlas-filters");
    var container = document.getElementById("atlas-map");
    var title = document.getElementById("atlas-map-title");
    var tableTitle = document.getElementById("atlas-table-title");
    var snippet = document.getElementById("atlas-embed-code");
    var controls = document.getElementById("atlas-controls");
    if (controls) { controls.hidden = false; }
    var downloads = document.getElementById("atlas-downloads");
    if (downloads) { downloads.hidden = false; }
    var shown = { rows: [], year: null };

    var query = new URLSearchParams(window.location.search);
    var asked = parseInt(query.get("year"), 10);
    if (slider && asked >= parseInt(slider.min, 10) && asked <= parseInt(slider.max, 10)) {
      slider.value = String(asked);
    }
    var fixed = {};  // the embed page: its filters come from its address only
    FILTERS.forEach(function (name) {
      var value = query.get(name) || "";
      if (form && form.elements[name]) {
        var known = Array.prototype.some.call(form.elements[name].options, function (o) { return o.value === value; });
        if (known) { form.elements[name].value = value; }
      } else {
        fixed[name] = value;
      }
    });

    function filters() {
      var result = {};
      FILTERS.forEach(function (name) {
        result[name] = form && form.elements[name] ? form.elements[name].value : fixed[name];
      });
      return result;
    }

    function currentYear() {
      if (slider) { return parseInt(slider.value, 10); }
      return asked || parseInt(container.dataset.defaultYear, 10);
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
      return Object.keys(best).map(function (code) { return best[code]; })
        .sort(function (a, b) { return a.name.localeCompare(b.name); });
    }

    function cells(r) {
      return [r.name, r.code, kindLabels[r.kind], substanceLabels[r.substance] || r.substance, String(r.from), r.verification];
    }

    function renderTable(rows) {
      var body = document.querySelector("#atlas-table tbody");
      if (!body) { return; }
      body.textContent = "";
      rows.forEach(function (r) {
        var values = cells(r);
        var tr = document.createElement("tr");
        var name = document.createElement("td");
        var link = document.createElement("a");
        link.href = r.url; link.textContent = r.name;
        var code = document.createElement("span");
        code.className = "small"; code.textContent = r.code;
        name.append(link, " ", code);
        tr.appendChild(name);
        values.slice(2, 5).forEach(function (text) {
          var td = document.createElement("td"); td.textContent = text; tr.appendChild(td);
        });
        var check = document.createElement("td");
        var badge = document.createElement("span");
        badge.className = "badge " + (r.verified ? "badge-ok" : "badge-warn");
        badge.textContent = r.verification;
        check.appendChild(badge);
        tr.appendChild(check);
        body.appendChild(tr);
      });
      var more = document.getElementById("atlas-table-more");
      if (more) { more.hidden = true; }  // the table now lists every jurisdiction shown
    }

    function said(element, year) {
      if (element) { element.textContent = element.dataset.template.replace("{year}", year); }
    }

    function address(year) {
      var params = new URLSearchParams();
      params.set("year", String(year));
      var f = filters();
      FILTERS.forEach(function (name) { if (f[name]) { params.set(name, f[name]); } });
      return params.toString();
    }

    // The countries of the region chosen, which the map then zooms to (all when none is chosen).
    function regionCountries() {
      var region = filters().region;
      if (!region) { return undefined; }
      var ids = Object.keys(regions).filter(function (id) { return regions[id] === region; });
      return ids.length ? ids : undefined;
    }

    function mapHeight() {
      var width = container.clientWidth || 800;
      return Math.max(180, Math.min(460, Math.round(width * 0.52)));
    }

    function options(rows, extra) {
      var exported = !!(extra && extra.width);
      function row(r) {
        var text = kindLabels[r.kind];
        return { id: r.id, value: exported ? text : r.kind, name: r.name, text: text, lat: r.lat, lon: r.lon, url: r.url };
      }
      var width = (extra && extra.width) || container.clientWidth || 800;
      var height = (extra && extra.height) || mapHeight();
      // Pixels per degree of longitude of the world map at this size (Equal Earth, about 2:1).
      var perDegree = Math.min(width, height * 2) / 360;
      // (Equal Earth narrows the degrees of longitude away from the equator: a wide margin.)
      var gap = (Math.sqrt(MARKER_SIZE * 4 / Math.PI) + 2) / perDegree * 1.6;
      var domain = Object.keys(COLOURS);
      return Object.assign({
        topojson: script.dataset.topojson,
        rows: rows.filter(function (r) { return r.id; }).map(row),
        markers: spread(rows.filter(function (r) { return r.lat !== null; }).map(row), gap),
        scale: {
          type: "nominal",
          domain: exported ? domain.map(function (k) { return kindLabels[k]; }) : domain,
          range: domain.map(function (k) { return COLOURS[k]; })
        },
        missing: { value: exported ? labels.none : "none", text: labels.none },
        legend: null,
        titles: { name: labels.jurisdiction, value: labels.kind },
        height: height,
        fit: true,
        links: true,
        markerSize: MARKER_SIZE,
        only: regionCountries(),
        description: container.getAttribute("aria-label")
      }, extra || {});
    }

    // One drawing at a time, and only the last view asked for: two renders into the same element
    // (a kind chosen, then a year, before the first map was drawn) could finish in either order
    // and leave the older view on the page.
    var drawing = Promise.resolve();
    var lastDrawAsked = 0;
    // aria-busy says the map is being redrawn until the last view asked for is drawn.
    function draw(rows, year) {
      var ticket = ++lastDrawAsked;
      container.setAttribute("aria-busy", "true");
      drawing = drawing.catch(function () {}).then(function () {
        if (ticket !== lastDrawAsked) { return; }
        return window.VigieChoropleth.render(container, options(rows)).then(function () {
          container.dataset.year = year;
        });
      }).finally(function () {
        if (ticket === lastDrawAsked) { container.setAttribute("aria-busy", "false"); }
      });
      return drawing;
    }

    // The image downloaded is the map shown, drawn apart at a fixed size with its title, its
    // legend and its source line inside it.
    function image(format) {
      var holder = document.createElement("div");
      holder.className = "atlas-export";
      document.body.appendChild(holder);
      var extra = {
        width: 960,
        height: 480,
        links: false,
        title: { text: title ? title.textContent : "", subtitle: [labels.subtitle, labels.source] },
        legend: { title: null, orient: "bottom", columns: 4, labelFontSize: 12, labelLimit: 0, symbolType: "square" }
      };
      return window.VigieChoropleth.render(holder, options(shown.rows, extra)).then(function (result) {
        return result.view.toImageURL(format, format === "png" ? 2 : 1);
      }).then(function (url) {
        save("vigie-atlas-" + shown.year + "." + format, url);
        holder.vegaView.finalize();
        holder.remove();
      });
    }

    function downloadCsv() {
      var lines = [labels.columns.map(csvCell).join(",")];
      shown.rows.forEach(function (r) { lines.push(cells(r).map(csvCell).join(",")); });
      var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      save("vigie-atlas-" + shown.year + ".csv", url);
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }

    function update(remember) {
      var year = currentYear();
      if (output) { output.textContent = year; }
      said(title, year);
      said(tableTitle, year);
      var rows = strongest(year);
      shown = { rows: rows, year: year };
      renderTable(rows);
      var params = address(year);
      if (remember) { window.history.replaceState(null, "", "?" + params); }
      if (snippet) { snippet.value = snippet.dataset.template.replace("QUERY", params); }
      draw(rows, year);
    }

    if (slider) { slider.addEventListener("input", function () { update(true); }); }
    // Play: the years go by from the one shown (from the first if the last is shown) to the last.
    var play = document.getElementById("atlas-play");
    var timer = null;
    function stop() {
      window.clearInterval(timer);
      timer = null;
      play.textContent = labels.play;
    }
    if (play && slider) {
      play.addEventListener("click", function () {
        if (timer) { stop(); return; }
        if (slider.value === slider.max) { slider.value = slider.min; update(true); }
        play.textContent = labels.pause;
        timer = window.setInterval(function () {
          if (parseInt(slider.value, 10) >= parseInt(slider.max, 10)) { stop(); return; }
          slider.value = String(parseInt(slider.value, 10) + 1);
          update(true);
        }, 600);
      });
    }
    if (form) {
      form.addEventListener("change", function () { update(true); });
      form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
    }
    if (downloads) {
      downloads.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-format]");
        if (!button) { return; }
        if (button.dataset.format === "csv") { downloadCsv(); } else { image(button.dataset.format); }
      });
    }
    update(false);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
})();
