// Suggests cities of the chosen country from the site's offline gazetteer while typing; the
// server checks the name again, so the form works the same without this script.
(function () {
  "use strict";
  var script = document.getElementById("cities-script");
  var country = document.getElementById("id_app-country");
  var city = document.getElementById("id_app-city");
  var list = document.getElementById("campaign-cities");
  if (!script || !country || !city || !list) return;
  var timer = null;
  function suggest() {
    if (!country.value || city.value.length < 2) return;
    var url = script.dataset.url + "?country=" + encodeURIComponent(country.value) + "&q=" + encodeURIComponent(city.value);
    fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      list.replaceChildren.apply(list, data.cities.map(function (c) {
        var option = document.createElement("option");
        option.value = c.name;
        return option;
      }));
    }).catch(function () {});
  }
  city.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 250); });
})();
