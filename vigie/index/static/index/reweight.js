// The reweighting sliders say what a weight means: its share of the total ("80%"), read by
// screen readers (aria-valuetext) and shown beside the slider, updated as any slider moves.
(function () {
  "use strict";
  var form = document.getElementById("weights");
  if (!form) { return; }
  var sliders = Array.prototype.slice.call(form.querySelectorAll("input[type=range]"));
  // The number in the reader's locale, the "%" placed as the server places it (the pattern is
  // "0%" in English, "0 %" with a narrow no-break space in French): one rule for both.
  var number = new Intl.NumberFormat(document.documentElement.lang || "en", { maximumFractionDigits: 0 });
  var pattern = form.dataset.percentPattern || "0%";
  var percent = { format: function (share) { return pattern.replace("0", number.format(share * 100)); } };
  var template = form.dataset.shareText || "{share}";

  function update() {
    var total = sliders.reduce(function (sum, slider) { return sum + Number(slider.value); }, 0);
    sliders.forEach(function (slider) {
      var share = percent.format(total ? Number(slider.value) / total : 0);
      slider.setAttribute("aria-valuetext", share);
      var output = document.getElementById(slider.getAttribute("aria-describedby"));
      if (output) { output.textContent = template.replace("{share}", share); }
    });
  }

  form.addEventListener("input", update);
  update();
})();
