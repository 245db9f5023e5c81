/* One world choropleth for every map of the site (atlas, UN votes, members, index), drawn with
 * the vendored Vega-Lite and world-atlas TopoJSON (no CDN) through VigieCharts.embed.
 *
 * VigieChoropleth.render(element, options) returns the promise of vega-embed's result, sets
 * element.vegaView and data-rendered="true", and replaces the view drawn before in the element.
 *   topojson     URL of the world-atlas file (feature "countries", ids are ISO numeric codes)
 *   rows         [{id, value, name, text}]: the ISO numeric id; a number (quantitative scale)
 *                or a category key (nominal scale); the name shown (else the atlas's English
 *                name); for a category, the text shown for it (else the key)
 *   scale        {type: "quantitative", scheme, domain} or {type: "nominal", domain, range}
 *   missing      countries with no row: a fill colour (quantitative), {value, text} (nominal)
 *   legend       a Vega-Lite legend object, or null for none; the default legend if omitted
 *   titles       {name, value}: the headings of the tooltip
 *   format       d3 number format of a quantitative value in the tooltip
 *   markers      [{lat, lon, value, name, text, url}]: circles on the same colour scale, for
 *                jurisdictions too small for the map (linked to url)
 *   height (380), fit (shrink to the container, padding included), strokeWidth (0.4),
 *   frame (false: no border around the view)
 *   width        a number of pixels instead of the container's width (an image to download)
 *   title        {text, subtitle}: drawn inside the chart (an image that says what it shows)
 *   links        true: each country with a row links to its row's url and is named for
 *                assistive technology ("name: text"), so the map can be walked by keyboard
 *   markerSize   the area of a marker in square pixels (60)
 *   description  what the map shows, for assistive technology (Vega's aria-label)
 *   only         [id]: draw these countries only; the projection fits them, so a region chosen
 *                in a page's filters zooms the map to it
 * The map is an SVG so that tests and screen readers can read it; the table beside each map
 * is the accessible, no-script version of the same data. */
(function () {
  "use strict";
  var SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

  function literal(value) { return JSON.stringify(value === undefined ? null : value); }

  function colour(options) {
    var scale = options.scale || { type: "quantitative" };
    var encoding = { field: "value", type: scale.type };
    if (scale.type === "nominal") {
      encoding.scale = { domain: scale.domain, range: scale.range };
    } else {
      encoding.scale = { scheme: scale.scheme || "blues" };
      if (scale.domain) { encoding.scale.domain = scale.domain; }
      if (options.missing) { encoding.condition = { test: "!isValid(datum.value)", value: options.missing }; }
    }
    if (options.legend !== undefined) { encoding.legend = options.legend; }
    return encoding;
  }

  function tooltip(options) {
    var titles = options.titles || {};
    var name = { field: "name", type: "nominal", title: titles.name || "Country" };
    if (options.scale && options.scale.type === "nominal") {
      return [name, { field: "text", type: "nominal", title: titles.value || "Value" }];
    }
    var value = { field: "value", type: "quantitative", title: titles.value || "Value" };
    if (options.format) { value.format = options.format; }
    return [name, value];
  }

  function normalised(rows) {
    return (rows || []).map(function (row) {
      var text = row.text === undefined || row.text === null ? row.value : row.text;
      return { id: row.id, value: row.value, name: row.name, text: text, lat: row.lat, lon: row.lon, url: row.url };
    });
  }

  function hasNumbers(rows) {
    return rows.some(function (row) { return typeof row.value === "number" && isFinite(row.value); });
  }

  function countriesLayer(options, rows) {
    var transform = options.only ? [{ filter: { field: "id", oneOf: options.only } }] : [];
    transform = transform.concat([
      { lookup: "id", from: { data: { values: rows }, key: "id", fields: ["value", "name", "text", "url"] } },
      { calculate: "datum.name || datum.properties.name", as: "name" }
    ]);
    var missing = options.missing;
    if (options.scale && options.scale.type === "nominal" && missing) {
      transform.push({ calculate: "datum.value || " + literal(missing.value), as: "value" });
      transform.push({ calculate: "datum.text || " + literal(missing.text || missing.value), as: "text" });
    }
    transform = transform.concat(described(options));
    return {
      data: { url: options.topojson, format: { type: "topojson", feature: "countries" } },
      transform: transform,
      // invalid: "show" keeps the countries without a value (Vega-Lite would filter them out of a
      // quantitative map); the colour's condition gives them the "missing" fill.
      mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: options.strokeWidth || 0.4, invalid: "show" },
      encoding: linked(options, { color: colourOf(options, rows), tooltip: tooltip(options) })
    };
  }

  // A link and an accessible name for each item that has a url (keyboard: Tab walks the links).
  function linked(options, encoding) {
    if (options.links) {
      encoding.href = { field: "url" };
      encoding.description = { field: "label" };
    }
    return encoding;
  }

  function described(options) {
    return options.links ? [{ calculate: "datum.name + ': ' + datum.text", as: "label" }] : [];
  }

  // A quantitative map with no number at all (e.g. no member organisation yet) has an empty
  // domain: Vega-Lite's legend then reads "NaN". Draw the countries in the "missing" fill, and no
  // legend: the page's table says there is nothing to show.
  function colourOf(options, rows) {
    var quantitative = !options.scale || options.scale.type !== "nominal";
    if (quantitative && !hasNumbers(rows)) { return { value: options.missing || "#e6e3dc" }; }
    return colour(options);
  }

  function markersLayer(options) {
    var encoding = colour(options);
    encoding.legend = null;
    delete encoding.condition;
    return {
      data: { values: normalised(options.markers) },
      transform: described(options),
      mark: { type: "circle", size: options.markerSize || 60, stroke: "#1b1f24", strokeWidth: 1, opacity: 1 },
      encoding: linked(options, {
        longitude: { field: "lon", type: "quantitative" },
        latitude: { field: "lat", type: "quantitative" },
        color: encoding,
        href: { field: "url" },
        tooltip: tooltip(options)
      })
    };
  }

  function spec(options) {
    var layers = [countriesLayer(options, normalised(options.rows))];
    if (options.markers) { layers.push(markersLayer(options)); }
    var result = {
      $schema: SCHEMA,
      width: options.width || "container",
      height: options.height || 380,
      projection: { type: "equalEarth" },
      layer: layers
    };
    if (options.description) { result.description = options.description; }
    if (options.title) { result.title = Object.assign({ anchor: "start", fontSize: 16, subtitleFontSize: 12 }, options.title); }
    if (options.fit) { result.autosize = { type: "fit", contains: "padding" }; }
    if (options.frame === false) { result.config = { view: { stroke: null } }; }
    return result;
  }

  // Vega follows a mark's link on click only: with options.links, every linked country and
  // marker is also a focusable link (Tab, then Enter), named by its aria-label.
  function focusable(element, view) {
    function walk(node) {
      (node.items || []).forEach(function (item) {
        var url = item.datum && item.datum.url;
        if (item._svg && url && item.mark && item.mark.marktype !== "group") {
          item._svg.setAttribute("tabindex", "0");
          item._svg.setAttribute("role", "link");
          item._svg.setAttribute("data-href", url);
        }
        if (item.items) { walk(item); }
      });
    }
    walk(view.scenegraph().root);
    if (!element.vigieKeys) {
      element.vigieKeys = true;
      element.addEventListener("keydown", function (event) {
        var href = event.target.getAttribute && event.target.getAttribute("data-href");
        if (href && event.key === "Enter") { window.location.href = href; }
      });
    }
  }

  function render(element, options) {
    if (element.vegaView) { element.vegaView.finalize(); }
    return window.VigieCharts.embed(element, spec(options)).then(function (result) {
      if (options.links) { focusable(element, result.view); }
      element.vegaView = result.view;
      element.setAttribute("data-rendered", "true");
      return result;
    });
  }

  window.VigieChoropleth = { render: render, spec: spec };
})();
