// City picker: searches the reference cities as the user types and offers them as radio buttons.
// The form works without it (the Search button asks the server for the same list).
(function () {
  "use strict";
  var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
  function label(c) {
    var name = c.name_zh ? (zh ? c.name_zh + " (" + c.name + ")" : c.name + " (" + c.name_zh + ")") : c.name;
    var admin = c.admin1 ? ", " + c.admin1 : "";
    var country = zh ? c.country_name_zh : c.country_name_en;
    var pop = Number(c.population).toLocaleString(zh ? "zh-CN" : "en");
    return name + admin + ", " + country + " — " + (zh ? "人口 " : "population ") + pop;
  }
  function render(box, cities) {
    var keep = box.querySelector("input[type=radio]:checked");
    var keepId = keep ? keep.value : "";
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (cities.length === 0) {
      var p = document.createElement("p");
      p.textContent = box.getAttribute("data-none") || "";
      box.appendChild(p);
      return;
    }
    cities.forEach(function (c) {
      var l = document.createElement("label");
      l.className = "choice";
      var i = document.createElement("input");
      i.type = "radio"; i.name = "city_id"; i.value = String(c.id);
      if (String(c.id) === keepId) { i.checked = true; }
      l.appendChild(i);
      l.appendChild(document.createTextNode(" " + label(c)));
      box.appendChild(l);
    });
  }
  document.querySelectorAll("[data-city-picker]").forEach(function (input) {
    var box = document.getElementById(input.getAttribute("data-city-picker"));
    if (!box) { return; }
    var timer = null, seq = 0;
    function search() {
      var q = input.value.trim();
      if (q.length === 0) { return; }
      var mine = ++seq;
      fetch("/api/v1/cities?limit=20&q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (cities) { if (mine === seq) { render(box, cities); } })
        .catch(function () { /* the Search button still works */ });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 150); });
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); search(); } });
  });
})();
