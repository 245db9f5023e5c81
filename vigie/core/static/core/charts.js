/* Draws Vega-Lite charts with the vendored Vega under the site's Content-Security-Policy.
 * Vega compiles its expressions with the Function constructor unless the spec is parsed to a
 * syntax tree (ast: true) and evaluated by vega-interpreter, which vega-embed bundles: no
 * 'unsafe-eval' is needed. vega-embed and its tooltip inject no <style> element (their rules are
 * in vigie.css), so no 'unsafe-inline' style is needed either. Every chart of the site goes
 * through VigieCharts.embed. */
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
    return window.vegaEmbed(element, spec, options);
  }

  window.VigieCharts = { embed: embed, options: OPTIONS };
})();
