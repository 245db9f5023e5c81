// Shows an event's time in the visitor's own time zone, next to the organiser's time written by
// the server. The browser knows its zone (Intl); the server does not.
(function () {
  "use strict";
  function pad(n) { return String(n).padStart(2, "0"); }
  function clock(date, zone) {
    var parts = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(date);
    var hour = parts.find(function (p) { return p.type === "hour"; }).value;
    var minute = parts.find(function (p) { return p.type === "minute"; }).value;
    return pad(hour) + ":" + minute;
  }
  document.querySelectorAll("[data-event-times]").forEach(function (box) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var target = box.querySelector(".local-time");
    if (!zone || !target || zone === box.dataset.organiserZone) { return; }
    var start = new Date(box.dataset.start);
    var end = new Date(box.dataset.end);
    var lang = document.documentElement.lang || undefined;
    var day = new Intl.DateTimeFormat(lang, {
      timeZone: zone, weekday: "long", day: "numeric", month: "long"
    }).format(start);
    target.textContent = target.dataset.label + " (" + zone + "): " + day + ", " +
      clock(start, zone) + "–" + clock(end, zone);
    target.hidden = false;
  });
  // Each talk's time in the visitor's zone, after the organiser's time the server wrote.
  document.querySelectorAll("[data-talk-time]").forEach(function (talk) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === talk.dataset.organiserZone) { return; }
    var local = document.createElement("span");
    local.className = "talk-local-time small";
    local.textContent = " (" + clock(new Date(talk.getAttribute("datetime")), zone) + " " + zone + ")";
    talk.after(local);
  });
}());
