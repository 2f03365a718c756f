/* The place box of the town index (/towns/): a town, village or ZIP code goes straight to its town's page;
 * a misspelling gets "Did you mean", a place outside Massachusetts the national helpline. Without this
 * script the form opens /find/ with the text. Nothing typed here is sent anywhere. */
(function () {
  "use strict";

  var form = document.getElementById("prn-townbox");
  if (!form) { return; }
  var input = form.elements.q;
  var message = document.getElementById("prn-townbox-message");
  var PRN = window.PRN, t = PRN.t, PLACES = window.PRN_PLACES;
  var loading = null;

  function load() {
    loading = loading || fetch(form.dataset.index).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (index) { return {index: index, places: PLACES.gazetteer(index)}; });
    return loading;
  }

  function go(found, index) { location.href = form.dataset.towns + index.towns[found.town][1] + "/"; }

  function answer(query) {
    load().then(function (loaded) {
      message.textContent = "";
      var found = loaded.places.resolve(query);
      if (found) { go(found, loaded.index); return; }
      message.appendChild(PLACES.advice(loaded.places, loaded.index, query, function (value) {
        input.value = value;
        answer(value);
      }) || PRN.el("p", {text: t("No Massachusetts town, village or ZIP code matches \u201c{query}\u201d. Try the town's name.", {query: query.trim()})}));
    }).catch(function () { form.submit(); });
  }

  input.addEventListener("focus", load, {once: true});
  form.addEventListener("submit", function (event) {
    if (!input.value.trim()) { return; }
    event.preventDefault();
    answer(input.value);
  });
})();
