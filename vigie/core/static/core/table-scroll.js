// A wide table scrolls inside its own box (.table-scroll). When the box does overflow, keyboard
// users must be able to scroll it too: it becomes focusable (arrow keys then scroll it) and a
// region named after the table's caption or the heading above it. Re-checked when the window is
// resized and when htmx swaps new content in.
(function () {
  "use strict";
  function nameOf(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) { return caption.textContent.trim(); }
    var previous = box.previousElementSibling;
    while (previous && !/^H[1-6]$/.test(previous.tagName)) { previous = previous.previousElementSibling; }
    if (!previous) {
      var section = box.closest("section, article");
      previous = section && section.querySelector("h1, h2, h3, h4, h5, h6");
    }
    return previous ? previous.textContent.trim() : "";
  }
  function update() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (box.getAttribute("tabindex") === null) {
          box.setAttribute("tabindex", "0");
          var name = nameOf(box);
          if (name) {
            box.setAttribute("role", "region");
            box.setAttribute("aria-label", name);
          }
          box.setAttribute("data-scrolls", "true");
        }
      } else if (box.getAttribute("data-scrolls") === "true") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.removeAttribute("data-scrolls");
      }
    });
  }
  var pending = null;
  function later() {
    if (pending) { window.cancelAnimationFrame(pending); }
    pending = window.requestAnimationFrame(update);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  window.addEventListener("resize", later);
  document.addEventListener("htmx:afterSettle", later);
})();
