// Quick statement entry: focus the field that needs attention; Ctrl+Enter saves from a text box.
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("statement-form");
    if (!form) { return; }
    var focusData = document.getElementById("statement-focus");
    var name = focusData ? JSON.parse(focusData.textContent) : "country";
    var field = form.elements.namedItem(name);
    if (field && typeof field.focus === "function") { field.focus(); }
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.tagName === "TEXTAREA") {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
