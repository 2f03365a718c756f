/* The cards and notices the page scripts draw, from the <template> elements the generator rendered into the
 * page in its language (generator/outputs/templates/cards.html): numbers and sources come from data/, words
 * from the catalogue; a script only fills in values, with textContent. Uses assets/common.js (window.PRN). */
import {area, outside, suggest} from "./places.mjs";

/** A copy of template `id`, filled from values: each [data-slot=key] gets values[key] as its text, each
 * [data-href=key] its href, and each [data-if=key] whose value is empty (false, "", null, 0) is left out. */
export function card(id, values) {
  const node = document.getElementById(id).content.firstElementChild.cloneNode(true);
  node.querySelectorAll("[data-if]").forEach(function (part) { if (!values[part.dataset.if]) { part.remove(); } });
  node.querySelectorAll("[data-slot]").forEach(function (part) { part.textContent = values[part.dataset.slot]; });
  node.querySelectorAll("[data-href]").forEach(function (part) { part.setAttribute("href", values[part.dataset.href]); });
  return node;
}

/** "Text this" and "Copy link" on a drawn listing (_macros.html, share): the message is the card's own sentence
 * from the catalogue (its .prn-share__body, filled in like every slot, then taken out of the card), the link the
 * listing's address. Nothing is sent: the visitor's messages app opens with the text written. */
export function share(node, url) {
  const body = node.querySelector(".prn-share__body");
  node.querySelector(".prn-share__text").setAttribute("href",
    "sms:?&body=" + encodeURIComponent(body.textContent.replace(/\s+/g, " ").trim()));
  node.querySelector(".prn-share__copy").dataset.url = url;
  body.remove();
  return node;
}

/** A source's date as precise as it is, in the page's language, as the pages write it
 * (Translator.source_date): "2016", "February 2026", "3 February 2021". */
export function sourceDate(text) {
  const parts = String(text || "").split("-").map(Number);
  if (parts.length < 2) { return text || ""; }
  const day = new Date(parts[0], parts[1] - 1, parts[2] || 1);
  return window.PRN.date(day, parts.length > 2 ? {day: "numeric", month: "long", year: "numeric"} : {month: "long", year: "numeric"});
}

/** The values of a centre's first line (find.json v2): its newest source's date, its standing, and how and when
 * it was confirmed with the centre ("confirmed_phone" shows the template's phone sentence). */
export function freshness(center) {
  const values = {newest: sourceDate(center.newest_source), ended: center.standing === "may-have-ended",
    moved: center.standing === "moved", closed: center.standing === "closed", state_list: center.phone_state_list,
    confirmed_on: sourceDate(center.confirmed_on)};
  if (center.confirmed_how) { values["confirmed_" + center.confirmed_how] = true; }
  return values;
}

/** For a place outside Massachusetts (query "" for a visitor's position outside it): the national helpline,
 * with its source and date, and FindTreatment.gov. */
export function elsewhere(query) {
  const shown = String(query || "").trim();
  return card("prn-tpl-elsewhere", {query: shown, located: !shown});
}

/** What to say when the text names no one Massachusetts place (an element, or null when there is nothing to say
 * beyond "no match"): for an area (Cape Cod), a link to what /find/ lists in it; for a place elsewhere,
 * elsewhere(); for a misspelling, "Did you mean" with each guess a button that calls choose(value). */
export function advice(index, query, choose) {
  const PRN = window.PRN, shown = String(query).trim();
  const region = area(index, query);
  if (region) {
    const find = new URL(document.getElementById("prn-tpl-area-advice").dataset.find, location.href);
    find.searchParams.set("q", region.name);
    const names = Object.assign({}, index.labels.area, (PRN.i18n.labels || {}).area);  // "los Berkshires" on /es/
    return card("prn-tpl-area-advice", {area: names[region.name] || region.name, find: find.href});
  }
  if (outside(query)) { return elsewhere(shown); }
  const guesses = suggest(index, query);
  if (!guesses.length) { return null; }
  return PRN.el("div", {"class": "prn-notice prn-guesses"}, [
    PRN.el("p", {text: PRN.t("No Massachusetts town, village or ZIP code matches \u201c{query}\u201d. Did you mean:", {query: shown})}),
    PRN.el("ul", {"class": "prn-choices"}, guesses.map(function (guess) {
      const button = PRN.el("button", {type: "button", "class": "md-button prn-choice", text: guess.label});
      button.addEventListener("click", function () { choose(guess.value); });
      return PRN.el("li", {}, [button]);
    }))
  ]);
}

/** The one thing a page says when the find index cannot load: the help numbers (from the banner's lines) and a
 * Retry button that calls retry(). Shown in `where`, in place of what was there. */
export function loadFailed(where, retry) {
  const notice = card("prn-tpl-load-error", {});
  notice.querySelector(".prn-retry").addEventListener("click", function () { notice.remove(); retry(); });
  where.textContent = "";
  where.appendChild(notice);
  return notice;
}
