/* Draws Vega-Lite charts with the vendored Vega under the site's Content-Security-Policy.
 * Vega compiles its expressions with the Function constructor unless the spec is parsed to a
 * syntax tree (ast: true) and evaluated by vega-interpreter, which vega-embed bundles: no
 * 'unsafe-eval' is needed. vega-embed and its tooltip inject no <style> element (their rules are
 * in vigie.css), so no 'unsafe-inline' style is needed either. Every chart of the site goes
 * through VigieCharts.embed.
 *
 * Every element with data-vega-spec="ID" is drawn from the JSON of the element #ID; the data
 * table beside it closes once it is drawn. Every figure of the shared component
 * (core/partials/chart.html, <figure data-chart>) also gets its tools: downloads of what is
 * shown (CSV read from the table shown, PNG and SVG drawn with the title, unit and source line
 * inside), a permalink that restores its controls (the fields of the form named by
 * data-controls, kept in the address) and an embed snippet that keeps the same view. */
(function () {
  "use strict";
  var OPTIONS = {
    renderer: "svg",
    actions: false,
    ast: true,
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true }
  };

  function embed(element, spec, extra) {
    var options = Object.assign({}, OPTIONS, extra || {});
    return window.vegaEmbed(element, spec, options).then(function (result) {
      element.vigieSpec = spec;  // the spec drawn, redrawn with its title for a download
      return result;
    });
  }

  function csvCell(value) {
    var text = String(value === null || value === undefined ? "" : value);
    return /[",\n\r;]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // The table shown, as CSV: the header row then each row, cell by cell as it reads.
  function tableCsv(table) {
    var lines = [];
    table.querySelectorAll("tr").forEach(function (tr) {
      var cells = Array.prototype.map.call(tr.querySelectorAll("th, td"), function (cell) {
        return csvCell(cell.textContent.replace(/\s+/g, " ").trim());
      });
      lines.push(cells.join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function save(name, url) {
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function fileName(figure, format) {
    return "vigie-" + figure.id + (window.location.search ? "-" + slug(window.location.search) : "") + "." + format;
  }

  function slug(text) {
    return text.replace(/^\?/, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
  }

  // The image is the chart shown, drawn apart at a fixed width with its title, unit and source
  // line inside it, so that it says what it shows wherever it goes.
  function image(figure, format) {
    var chart = figure.querySelector(".chart");
    if (!chart || !chart.vigieSpec) { return Promise.resolve(); }
    var spec = JSON.parse(JSON.stringify(chart.vigieSpec));
    spec.title = {
      text: figure.dataset.title, subtitle: [figure.dataset.subtitle, figure.dataset.source],
      anchor: "start", fontSize: 15, subtitleFontSize: 12
    };
    if (spec.width === "container" || spec.width === undefined) { spec.width = 900; }
    if (spec.autosize) { delete spec.autosize; }
    var holder = document.createElement("div");
    holder.className = "chart-export";
    document.body.appendChild(holder);
    return window.vegaEmbed(holder, spec, OPTIONS).then(function (result) {
      return result.view.toImageURL(format, format === "png" ? 2 : 1).then(function (url) {
        save(fileName(figure, format), url);
        result.finalize();
        holder.remove();
      });
    });
  }

  function downloadCsv(figure) {
    var table = figure.querySelector(".chart-data table");
    if (!table) { return; }
    var blob = new Blob([tableCsv(table)], { type: "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    save(fileName(figure, "csv"), url);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // The address of this view: the page's own address with the current values of the figure's
  // controls (a figure with no controls always shows the same thing: no query).
  function address(figure) {
    var url = new URL(window.location.pathname, window.location.href);
    var form = figure.dataset.controls && document.getElementById(figure.dataset.controls);
    if (form) {
      new FormData(form).forEach(function (value, name) {
        if (value !== "") { url.searchParams.append(name, value); }
      });
    }
    return url;
  }

  function refresh(figure) {
    var url = address(figure);
    var link = figure.querySelector(".chart-permalink");
    if (link) { link.href = url.pathname + url.search + "#" + figure.id; }
    var code = figure.querySelector(".chart-embed-code");
    if (code && figure.dataset.embed) {
      var src = figure.dataset.embed + url.search;
      code.value = '<iframe src="' + src + '" title="' + figure.dataset.title.replace(/"/g, "&quot;") +
        ', Vigie" width="100%" height="520" loading="lazy"></iframe>';
    }
  }

  function equip(figure) {
    if (figure.vigieEquipped) { refresh(figure); return; }
    figure.vigieEquipped = true;
    var tools = figure.querySelector(".chart-tools");
    if (tools) { tools.hidden = false; }
    figure.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-format]");
      if (button && figure.contains(button)) {
        if (button.dataset.format === "csv") { downloadCsv(figure); } else { image(figure, button.dataset.format); }
        return;
      }
      var opener = event.target.closest("a[data-opens]");
      if (opener) {
        var details = document.getElementById(opener.dataset.opens);
        if (details) { details.open = true; }
      }
    });
    var form = figure.dataset.controls && document.getElementById(figure.dataset.controls);
    if (form) {
      form.addEventListener("change", function () { refresh(figure); });
      form.addEventListener("input", function () { refresh(figure); });
    }
    // A page that changes its own address (htmx, history.replaceState) tells its figures.
    document.addEventListener("vigie:address", function () { refresh(figure); });
    document.body.addEventListener("htmx:pushedIntoHistory", function () { refresh(figure); });
    refresh(figure);
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.vegaSpec);
    if (!source) { return Promise.resolve(); }
    var spec = JSON.parse(source.textContent);
    return embed(element, spec).then(function () {
      element.classList.add("chart-drawn");
      var figure = element.closest("figure[data-chart]");
      var table = (figure || element.parentElement).querySelector("details.chart-data");
      if (table && !(window.location.hash && window.location.hash === "#" + table.id)) {
        table.removeAttribute("open");
      }
    }).catch(function () { element.hidden = true; });
  }

  function scan(root) {
    root.querySelectorAll("[data-vega-spec]").forEach(draw);
    root.querySelectorAll("figure[data-chart]").forEach(equip);
  }

  function start() {
    if (!window.vegaEmbed) { return; }
    scan(document);
    // A part of the page replaced by htmx (the rankings of another region) is drawn in turn,
    // once htmx has settled it (settling puts back the attributes of the new elements).
    document.body.addEventListener("htmx:afterSettle", function (event) { scan(event.detail.target); });
  }

  window.VigieCharts = {
    embed: embed, options: OPTIONS, equip: equip, tableCsv: tableCsv, refresh: refresh,
    csvCell: csvCell, save: save
  };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
