/* The theme's search box also knows places: a Massachusetts town, village, ZIP code or area (Cape Cod) typed there
 * (or a close misspelling of one) is offered first as "Find help near …", linking to /find/ for that place. A word of the
 * search vocabulary (assets/words.mjs: naloxone, detox, AA, a language's name…) gets its answer card instead,
 * in a live region, and never a place. The place
 * list (/api/v1/find.json, from this site) loads the first time the box is used; nothing typed leaves the
 * browser. Labels come from the page (site_overrides/main.html, #prn-search-places). An ES module (mkdocs.yml);
 * when the list cannot load, the box stays as the theme made it and the next focus tries again. */
import {area, loadIndex, placeLabel, resolve, suggest} from "./places.mjs";
import {answerCard, loadAnswers, loadWords, match} from "./words.mjs";

const config = document.getElementById("prn-search-places");
const query = document.querySelector(".md-search__input");
const wrap = document.querySelector(".md-search__scrollwrap");
if (config && query && wrap) {
  /* This script is {language root}/assets/search-places.js; the place list is at the site's root. */
  const root = new URL("../", import.meta.url);
  const indexUrl = new URL(config.dataset.up + "api/v1/find.json", root);
  const findUrl = new URL("find/", root);
  const wordsUrl = new URL(config.dataset.up + "api/v1/words.json", root);
  const answersUrl = new URL("assets/answers.html", root);
  let index = null, words = null, answers = null;

  /* A word of the vocabulary (naloxone, detox, AA, a language's name…) gets its answer card first, announced. */
  const answer = document.createElement("div");
  answer.className = "prn-search-answer";
  answer.setAttribute("aria-live", "polite");
  wrap.insertBefore(answer, wrap.firstChild);
  let shown = null;

  const box = document.createElement("div");
  box.className = "prn-search-place";
  box.hidden = true;
  const link = document.createElement("a");
  link.className = "md-search-result__link prn-search-place__link";
  box.appendChild(link);
  wrap.insertBefore(box, wrap.firstChild);

  const update = function () {
    const text = query.value;
    const word = words && answers ? match(words, text) : null;
    if ((word && word.entry) !== shown) {
      shown = word && word.entry;
      answer.textContent = "";
      if (shown) { answer.appendChild(answerCard(answers, shown, root)); }
    }
    if (word) { box.hidden = true; return; }
    /* An area (Cape Cod, the Vineyard) leads to /find/'s list of what is in its towns. */
    const region = index && text.trim() ? area(index, text) : null;
    const found = index && text.trim() && !region ? resolve(index, text) : null;
    let value = region ? region.name : found ? text.trim() : null;
    let label = region ? region.name : found ? placeLabel(found.town, found.label) : null;
    if (!value && index && text.trim().length >= 4) {
      const guess = suggest(index, text, 1)[0];
      if (guess) { value = guess.value; label = guess.label; }
    }
    box.hidden = !value;
    if (!value) { return; }
    link.textContent = config.dataset.near.replace("{place}", label);
    link.href = findUrl.href + "?q=" + encodeURIComponent(value);
  };

  query.addEventListener("focus", function () {
    Promise.all([loadWords(wordsUrl), loadAnswers(answersUrl)]).then(function (loaded) {
      words = loaded[0]; answers = loaded[1]; update();
    }).catch(function () { /* tried again on the next focus */ });
    loadIndex(indexUrl).then(function (loaded) { index = loaded; update(); }).catch(function () { /* tried again on the next focus */ });
  });
  query.addEventListener("input", update);
}
