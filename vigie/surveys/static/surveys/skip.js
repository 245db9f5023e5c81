// Skip logic in the browser: hide a question until its trigger question has a listed answer.
// The server applies the same rule when saving, so answers to hidden questions are never kept.
(function () {
  var node = document.getElementById("survey-conditions");
  var form = document.getElementById("survey-form");
  if (!node || !form) return;
  var conditions = JSON.parse(node.textContent);
  function valuesOf(code) {
    var inputs = form.querySelectorAll("[name='" + code + "']");
    var values = [];
    inputs.forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox")) {
        if (input.checked) values.push(input.value);
      } else if (input.value) {
        values.push(input.value);
      }
    });
    return values;
  }
  function update() {
    Object.keys(conditions).forEach(function (code) {
      var rule = conditions[code];
      var block = form.querySelector("[data-question-block='" + code + "']");
      var parent = form.querySelector("[data-question-block='" + rule.on + "']");
      var parentShown = parent && !parent.hidden;
      var shown = parentShown && valuesOf(rule.on).some(function (v) { return rule.values.indexOf(v) >= 0; });
      if (block) block.hidden = !shown;
    });
  }
  form.addEventListener("change", update);
  update();
})();
