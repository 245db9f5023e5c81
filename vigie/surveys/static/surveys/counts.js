// Staff round page: refresh the invited / started / submitted counts every 15 seconds.
(function () {
  "use strict";
  var box = document.getElementById("round-counts");
  if (!box || !window.fetch) return;
  function refresh() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (counts) {
        if (!counts) return;
        box.querySelectorAll("[data-count]").forEach(function (span) {
          var value = counts[span.dataset.count];
          if (value !== undefined) span.textContent = String(value);
        });
      })
      .catch(function () {});
  }
  window.setInterval(refresh, 15000);
})();
