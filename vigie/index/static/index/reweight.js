// Live reweighting: recombines the stored dimension scores with the sliders' weights in the
// browser (same formula as the server's CSV), updates the table and the shareable address.
(function () {
  "use strict";
  const form = document.getElementById("weights-form");
  const dataElement = document.getElementById("reweight-data");
  if (!form || !dataElement) return;
  const data = JSON.parse(dataElement.textContent);
  const sliders = Array.from(form.querySelectorAll("input[type=range]"));
  const tbody = document.querySelector("#reweighted tbody");
  const hidden = document.getElementById("weights-w");
  const csvLink = document.getElementById("weights-csv");
  const share = document.getElementById("share-url");
  const formatter = new Intl.NumberFormat(document.documentElement.lang || "en",
    { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function combine(scores, weights) {
    let total = 0;
    let sum = 0;
    let minimum = Infinity;
    for (let i = 0; i < scores.length; i += 1) {
      if (scores[i] !== null && scores[i] < minimum) minimum = scores[i];
    }
    const shift = data.method === "geometric" && minimum <= 0 ? 1 - minimum : 0;
    for (let i = 0; i < scores.length; i += 1) {
      if (scores[i] === null) continue;
      total += weights[i];
      sum += data.method === "geometric" ? weights[i] * Math.log(scores[i] + shift) : weights[i] * scores[i];
    }
    if (total === 0) return null;
    return data.method === "geometric" ? Math.exp(sum / total) - shift : sum / total;
  }

  function weightsText(weights) {
    return data.codes.map(function (code, i) { return code + ":" + weights[i]; }).join(",");
  }

  function update() {
    const weights = data.codes.map(function (code) {
      return parseFloat(form.querySelector('[data-code="' + code + '"]').value);
    });
    sliders.forEach(function (slider) {
      document.getElementById("out-" + slider.dataset.code).textContent = slider.value;
    });
    const rows = data.units.map(function (unit) {
      return { unit: unit, score: combine(unit.scores, weights) };
    }).filter(function (row) { return row.score !== null; });
    rows.sort(function (a, b) { return b.score - a.score; });
    const fragment = document.createDocumentFragment();
    let previous = null;
    let rank = 0;
    rows.forEach(function (row, position) {
      if (row.score !== previous) rank = position + 1;
      previous = row.score;
      const tr = document.createElement("tr");
      tr.dataset.unit = row.unit.code;
      const change = row.unit.rank ? row.unit.rank - rank : null;
      const cells = [rank, row.unit.name, formatter.format(row.score), row.unit.rank || "—",
        change === null || change === 0 ? "" : (change > 0 ? "▲ " + change : "▼ " + (-change))];
      cells.forEach(function (value, i) {
        const cell = document.createElement(i === 1 ? "th" : "td");
        if (i === 1) cell.scope = "row"; else cell.className = "num";
        cell.textContent = value;
        tr.appendChild(cell);
      });
      fragment.appendChild(tr);
    });
    tbody.replaceChildren(fragment);
    const text = weightsText(weights);
    hidden.value = text;
    const url = new URL(window.location.href);
    url.searchParams.set("w", text);
    window.history.replaceState(null, "", url);
    share.value = url.toString();
    csvLink.href = "?w=" + encodeURIComponent(text) + "&format=csv";
  }

  sliders.forEach(function (slider) { slider.addEventListener("input", update); });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  update();
})();
