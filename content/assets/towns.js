/* The place box of the town index (/towns/): a town, village or ZIP code goes straight to its town's page;
 * a misspelling gets "Did you mean", a place outside Massachusetts the national helpline. Without this
 * script the form opens /find/ with the text. Nothing typed here is sent anywhere. An ES module. */
import {loadIndex, resolve} from "./places.mjs";
import {advice, loadFailed} from "./cards.mjs";

const form = document.getElementById("prn-townbox");
if (form) {
  const input = form.elements.q;
  const message = document.getElementById("prn-townbox-message");
  const PRN = window.PRN;
  const load = function () { return loadIndex(new URL(form.dataset.index, location.href)); };

  const answer = function (query) {
    load().then(function (index) {
      message.textContent = "";
      const found = resolve(index, query);
      if (found) { location.href = form.dataset.towns + found.town.slug + "/"; return; }
      message.appendChild(advice(index, query, function (value) {
        input.value = value;
        answer(value);
      }) || PRN.el("p", {text: PRN.t("No Massachusetts town, village or ZIP code matches \u201c{query}\u201d. Try the town's name.", {query: query.trim()})}));
    }).catch(function () { loadFailed(message, function () { answer(query); }); });
  };

  input.addEventListener("focus", function () { load().catch(function () { /* said when the visitor asks */ }); }, {once: true});
  form.addEventListener("submit", function (event) {
    if (!input.value.trim()) { return; }
    event.preventDefault();
    answer(input.value);
  });
}
