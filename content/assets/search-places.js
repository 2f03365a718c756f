/* The theme's search box also knows places: a Massachusetts town, village or ZIP code typed there (or a close
 * misspelling of one) is offered first as "Find help near …", linking to /find/ for that place. The place
 * list (/api/v1/find.json, from this site) loads the first time the box is used; nothing typed leaves the
 * browser. Labels come from the page (site_overrides/main.html, #prn-search-places). */
(function () {
  "use strict";

  var config = document.getElementById("prn-search-places");
  var query = document.querySelector(".md-search__input");
  var wrap = document.querySelector(".md-search__scrollwrap");
  var PLACES = window.PRN_PLACES;
  if (!config || !query || !wrap || !PLACES) { return; }
  var script = document.currentScript && document.currentScript.src;
  /* This script is {language root}/assets/search-places.js; the place list is at the site's root. */
  var root = new URL("../", script || location.href);
  var indexUrl = new URL(config.dataset.up + "api/v1/find.json", root);
  var findUrl = new URL("find/", root);
  var loading = null, places = null;

  var box = document.createElement("div");
  box.className = "prn-search-place";
  box.hidden = true;
  var link = document.createElement("a");
  link.className = "md-search-result__link prn-search-place__link";
  box.appendChild(link);
  wrap.insertBefore(box, wrap.firstChild);

  function load() {
    loading = loading || fetch(indexUrl).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (index) { places = PLACES.gazetteer(index); update(); });
    return loading;
  }

  function update() {
    var text = query.value;
    var found = places && text.trim() ? places.resolve(text) : null;
    var value = found ? text.trim() : null, label = found ? found.label : null;
    if (found && found.label !== places.townName(found.town)) { label = found.label + " (" + places.townName(found.town) + ")"; }
    if (!found && places && text.trim().length >= 4) {
      var guess = places.suggest(text, 1)[0];
      if (guess) { value = guess.value; label = guess.label; }
    }
    box.hidden = !value;
    if (!value) { return; }
    link.textContent = config.dataset.near.replace("{place}", label);
    link.href = findUrl.href + "?q=" + encodeURIComponent(value);
  }

  query.addEventListener("focus", function () { load().catch(function () { loading = null; }); });
  query.addEventListener("input", update);
})();
