/* What people type that is not a place: the search vocabulary (/api/v1/words.json, from data/words.yaml) and its
 * answer cards (assets/answers.html, rendered per language from templates/answers.html). The header search
 * (search-places.js) and /find/ (find.js) ask match() first, before any place is looked for, so a word such as
 * "detox" gets its answer and never a town ("Lenox"). A misspelling is forgiven as a town's is (places.mjs:
 * editDistance, soundKey). tests/js/words.test.mjs runs these functions under `node --test`. */
import {editDistance, norm, soundKey} from "./places.mjs";

const loads = new Map();

/* One fetch per address, shared by the page's scripts; a failure is not kept, so the next use tries again. */
function once(url, read) {
  const key = String(url);
  if (!loads.has(key)) {
    const loading = fetch(key).then(function (response) {
      if (!response.ok) { throw new Error(key + ": HTTP " + response.status); }
      return read(response);
    });
    loading.catch(function () { loads.delete(key); });
    loads.set(key, loading);
  }
  return loads.get(key);
}

/** The vocabulary at url (a promise). */
export function loadWords(url) { return once(url, function (response) { return response.json(); }); }

/** The answer cards at url (a promise of a document holding their <template>s). */
export function loadAnswers(url) {
  return once(url, function (response) {
    return response.text().then(function (text) { return new DOMParser().parseFromString(text, "text/html"); });
  });
}

/* Lower case, accents off, punctuation to spaces: "Desintoxicación" and "desintoxicacion" are one word. */
export function fold(text) {
  return norm(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

const prepared = new WeakMap();

function entries(vocabulary) {
  let list = prepared.get(vocabulary);
  if (!list) {
    list = [];
    vocabulary.words.forEach(function (entry) {
      entry.words.forEach(function (word) {
        const key = fold(word);
        list.push({entry: entry, word: word, key: key, sound: /^[a-z ]+$/.test(key) ? soundKey(key) : ""});
      });
    });
    prepared.set(vocabulary, list);
  }
  return list;
}

/* How many edits a word of this length forgives: none for three letters or fewer, as "od" or "aa"
 * are whole words of their own; one up to seven letters ("narcn"); two beyond ("desintoxicasion"). */
function allowed(length) { return length <= 3 ? 0 : length <= 7 ? 1 : 2; }

/** The vocabulary entry the text asks for, or null: {entry, word} (word: the vocabulary's spelling). The whole
 * text first (exact, then a misspelling), then its words and pairs of words ("AA meeting", "narcan near me");
 * a word of one or two letters ("aa", "na") only as the whole text. */
export function match(vocabulary, text) {
  const q = fold(text);
  if (!vocabulary || !q) { return null; }
  const list = entries(vocabulary);
  const exact = function (key) { return list.find(function (item) { return item.key === key; }); };
  const close = function (key) {
    let best = null, bestScore = Infinity;
    list.forEach(function (item) {
      if (item.key.length < 3 || Math.abs(item.key.length - key.length) > 2) { return; }
      const d = editDistance(key, item.key);
      const ok = d <= Math.min(allowed(key.length), allowed(item.key.length)) ||
        (d <= 2 && key.length >= 5 && item.sound && item.sound === soundKey(key) && d <= Math.floor(item.key.length / 3));
      if (ok && d < bestScore) { best = item; bestScore = d; }
    });
    return best;
  };
  let found = exact(q) || close(q);
  if (!found) {
    const parts = q.split(" ").filter(function (part) { return part.length >= 3; });
    const tries = [];
    for (let i = 0; i + 1 < parts.length; i++) { tries.push(parts[i] + " " + parts[i + 1]); }
    for (const key of tries.concat(parts)) {
      found = exact(key) || close(key);
      if (found) { break; }
    }
  }
  return found ? {entry: found.entry, word: found.word} : null;
}

/** The answer card of an entry, from the loaded cards: a copy of its <template>, its data-path links made
 * addresses from the language's root, and its data-if="page" part left out when the entry has no page. */
export function answerCard(answers, entry, root) {
  const node = answers.getElementById("prn-tpl-answer-" + entry.answer).content.firstElementChild.cloneNode(true);
  node.querySelectorAll("[data-if]").forEach(function (part) { if (!entry[part.dataset.if]) { part.remove(); } });
  node.querySelectorAll("[data-path]").forEach(function (link) {
    const path = link.dataset.path === "page" ? entry.page : link.dataset.path;
    link.setAttribute("href", new URL(path, root).href);
  });
  return document.importNode(node, true);
}
