/* The 30-day planner. Without this script /plan/ is a printable checklist; with it, the plan gets
 * dates from a start date, the nearest Peer Recovery Support Center and the area's Recovery
 * Learning Community for a town (from /api/v1/find.json: the same choices as the town pages), a
 * week-2 step that fits whether the visitor has MassHealth, a coach search in their language,
 * ticks and notes kept in localStorage only, and an RFC 5545 calendar file made in the browser.
 * Nothing typed here is sent anywhere. An ES module: assets/places.mjs measures, assets/cards.mjs draws the cards
 * from the page's <template> elements, assets/ics.mjs writes the calendar's text. */
import * as PLACES from "./places.mjs";
import {advice, card, freshness, loadFailed} from "./cards.mjs";
import {fold, icsText} from "./ics.mjs";

(function () {
  "use strict";

  var KEY = "prn-plan";           // the one localStorage entry this page writes
  var root = document.getElementById("prn-plan");
  var form = document.getElementById("prn-plan-form");
  if (!root || !form) { return; }

  var startInput = document.getElementById("plan-start");
  var townInput = document.getElementById("plan-town");
  var townStatus = document.getElementById("plan-town-status");
  var langSelect = document.getElementById("plan-lang");
  var status = document.getElementById("plan-status");
  var summary = document.getElementById("plan-summary");
  var steps = Array.prototype.slice.call(document.querySelectorAll(".prn-step"));
  var notes = Array.prototype.slice.call(document.querySelectorAll("textarea[data-notes]"));
  var index = null;
  var state = load();

  /* Interface strings are English here; on a translated page assets/strings.js brings their translations
   * (assets/common.js). Step titles and texts come from the page itself, so the calendar file is in the
   * page's language. */
  var PRN = window.PRN, I18N = PRN.i18n, t = PRN.t, el = PRN.el, parseDay = PRN.parseDay;
  /* "Did you mean" or, for a place outside Massachusetts, the national helpline: under the town field. */
  var townAdvice = el("div", {"class": "prn-find__message prn-plan__advice", "aria-live": "polite"});
  townStatus.parentNode.parentNode.insertBefore(townAdvice, townStatus.parentNode.nextSibling);

  /* ---- storage: one JSON entry; nothing is written until the visitor changes something ---- */

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return saved && typeof saved === "object" ? saved : {};
    } catch (err) {
      return {};
    }
  }

  function save() {
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (err) { /* storage off: keep in memory */ }
  }

  function clearAll() {
    try {
      window.localStorage.removeItem(KEY);
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(KEY) === 0) { window.localStorage.removeItem(key); }
      }
    } catch (err) { /* nothing stored */ }
    state = {};
  }

  /* ---- dates (local calendar days, never UTC midnights) ---- */

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function today() { return iso(new Date()); }

  function addDays(d, n) { return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n); }
  function short(d) { return PRN.date(d, {weekday: "short", day: "numeric", month: "short"}); }
  function long(d) { return PRN.date(d, {weekday: "long", day: "numeric", month: "long", year: "numeric"}); }

  function startDay() { return parseDay(state.start) || parseDay(today()); }

  /* ---- places, as on /find/ (assets/places.mjs) ---- */

  function resolve(query) { return index ? PLACES.resolve(index, query) : null; }

  /* The centre a town names (find.json: its town page's first, current before what may have ended); none if it
   * moved or closed. */
  function center(id) {
    if (!id) { return null; }
    for (var i = 0; i < index.centers.length; i++) {
      if (index.centers[i].id === id) { return PLACES.gone(index.centers[i]) ? null : index.centers[i]; }
    }
    return null;
  }

  /* ---- drawing (text from data goes in with textContent only: PRN.el) ---- */

  /* kind: "prsc" or "rlc". The card is the page's template (templates/cards.html); names, hours and virtual
   * options are registry text, marked English there. */
  function centerCard(c, town, kind) {
    var near = PLACES.nearest(index, c, town), point = near && near.point;
    var far = near && !PLACES.inPlace(near.miles, point.precision);  // "2.3 mi from Ware", or no distance when in Ware
    var node = card("prn-tpl-plan-center", Object.assign(freshness(c), {
      prsc: kind === "prsc", rlc: kind === "rlc", name: c.name, url: "../" + c.url,
      distance: far ? PLACES.formatDistance(near.miles, I18N.locale, t("{miles} mi")) : "", town: town.name,
      via: far ? (I18N.labels.route || index.labels.route)[near.via] : "",
      address: point && point.address, no_address: !(point && point.address),
      site: kind === "rlc" && point && point.name !== c.name ? point.name : "", approximate: point && point.precision === "town",
      approximate_zip: point && point.precision === "zip",
      phone: c.phone, phone_href: c.phone_href, no_phone: !c.phone, hours: c.hours, virtual: c.virtual,
      call_before: c.call_before
    }));
    node.dataset.center = c.id;
    return node;
  }

  var slotDefaults = {};

  function fillSlot(id, content) {
    var slot = document.getElementById(id);
    if (!(id in slotDefaults)) { slotDefaults[id] = Array.prototype.slice.call(slot.childNodes).map(function (n) { return n.cloneNode(true); }); }
    slot.textContent = "";
    if (content) {
      slot.appendChild(content);
      slot.classList.add("prn-slot--filled");
    } else {
      slotDefaults[id].forEach(function (n) { slot.appendChild(n.cloneNode(true)); });
      slot.classList.remove("prn-slot--filled");
    }
  }

  function place() { return index && state.town ? resolve(state.town) : null; }

  function render() {
    var start = startDay();
    steps.forEach(function (step) {
      var day = addDays(start, Number(step.dataset.day) - 1);
      var label = step.querySelector(".prn-step__date");
      label.textContent = short(day);
      label.dataset.date = iso(day);
      step.querySelector(".prn-step__check").checked = Boolean(state.done && state.done[step.dataset.step]);
    });
    document.querySelectorAll(".prn-week__dates").forEach(function (p) {
      var first = addDays(start, Number(p.dataset.first) - 1), last = addDays(start, Number(p.dataset.last) - 1);
      p.textContent = t("{first} to {last}", {first: short(first), last: short(last)});
    });
    notes.forEach(function (area) { area.value = (state.notes && state.notes[area.dataset.notes]) || ""; });

    var member = state.masshealth || "";
    document.querySelectorAll("[data-masshealth]").forEach(function (p) {
      p.hidden = (member === "yes" || member === "no") && p.dataset.masshealth !== member;
    });
    document.querySelectorAll("[data-title-yes]").forEach(function (title) {
      if (!title.dataset.titleAny) { title.dataset.titleAny = title.textContent; }
      title.textContent = member === "yes" ? title.dataset.titleYes : member === "no" ? title.dataset.titleNo : title.dataset.titleAny;
    });

    var found = place();
    var town = found ? found.town : null;
    /* The slot's own text (\u201cyou\u201d, in the page's language) stands in until a town is chosen. */
    document.querySelectorAll("[data-slot=town]").forEach(function (span) {
      if (!("default" in span.dataset)) { span.dataset.default = span.textContent; }
      span.textContent = town ? town.name : span.dataset.default;
    });
    if (index) {
      fillSlot("plan-prsc", town && center(town.prsc) ? centerCard(center(town.prsc), town, "prsc") : null);
      fillSlot("plan-rlc", town && center(town.rlc) ? centerCard(center(town.rlc), town, "rlc") : null);
    }
    /* The same text keeps its advice node: a tap on a suggestion blurs the field (a "change" and a new
     * render) before the click, which must still find its button. */
    var query = index && state.town && !found ? state.town : "";
    if (query !== townAdvice.dataset.query) {
      townAdvice.textContent = "";
      townAdvice.dataset.query = query;
      var said = query ? advice(index, query, function (value) {
        townInput.value = value;
        state.town = value;
        changed();
        townInput.focus();
      }) : null;
      if (said) { townAdvice.appendChild(said); }
    }
    if (townAdvice.firstChild) {
      townStatus.textContent = "";
    } else if (query) {
      townStatus.textContent = t("No Massachusetts town, village or ZIP code matches \u201c{query}\u201d.", {query: state.town.trim()});
    } else {
      townStatus.textContent = found ? (found.label === town.name ? t("{town}: your nearest centre and RLC are in week 3.", {town: town.name})
        : t("{place} is in {town}: your nearest centre and RLC are in week 3.", {place: found.label, town: town.name})) : "";
    }

    var lang = state.lang || "";
    var link = document.getElementById("plan-coach-link");
    var params = new URLSearchParams();
    if (town) { params.set("q", town.name); }
    params.set("type", "coach");
    if (lang) { params.set("lang", lang); }
    link.href = "../find/?" + params.toString();
    var langName = lang && index && languageName(lang);
    link.textContent = langName ? (town ? t("Find coaches who speak {language} who work in {town}", {language: langName, town: town.name})
      : t("Find coaches who speak {language} near you", {language: langName}))
      : (town ? t("Find coaches who work in {town}", {town: town.name}) : t("Find coaches near you"));

    var bits = [t("Plan starting {date}", {date: long(start)})];
    if (town) { bits.push(PLACES.placeLabel(town, found.label)); }
    if (member === "yes") { bits.push(t("MassHealth member")); }
    if (langName) { bits.push(t("coach in {language}", {language: langName})); }
    summary.textContent = bits.join(" \u00b7 ");
    summary.hidden = false;
  }

  function languageName(code) {
    return (I18N.labels.language && I18N.labels.language[code]) || index.labels.language[code];
  }

  function showForm() {
    startInput.value = state.start || today();
    townInput.value = state.town || "";
    langSelect.value = state.lang || "";
    form.querySelectorAll("input[name=masshealth]").forEach(function (r) { r.checked = r.value === state.masshealth; });
  }

  /* ---- the calendar file (RFC 5545) ---- */

  /* A paragraph's text with each web link's address after its words, "words (https://...)": a calendar
   * shows plain text, and the address is what lets the reader open the page. */
  function withAddresses(p) {
    var text = "";
    p.childNodes.forEach(function (node) {
      text += node.textContent;
      if (node.nodeName === "A" && /^https?:/.test(node.href)) { text += " (" + node.href + ")"; }
    });
    return text;
  }

  function visibleText(container) {
    return Array.prototype.slice.call(container.querySelectorAll("p"))
      .filter(function (p) { return !p.closest("[hidden]") && !p.querySelector("p"); })
      .map(function (p) { return withAddresses(p).replace(/\s+/g, " ").trim(); })
      .filter(Boolean).join("\n");
  }

  /* A random part for the events' UIDs, made once per plan and kept with it, so two plans starting on the
   * same day never share a UID and a new download of the same plan updates its events. */
  function planId() {
    if (!state.id) {
      var bytes = crypto.getRandomValues(new Uint8Array(8));
      state.id = Array.from(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
      save();
    }
    return state.id;
  }

  function stamp(d) {
    return d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()) + "T" +
      pad(d.getUTCHours()) + pad(d.getUTCMinutes()) + pad(d.getUTCSeconds()) + "Z";
  }

  function calendar() {
    var start = startDay(), now = stamp(new Date()), compact = iso(start).replace(/-/g, ""), id = planId();
    var page = location.origin + location.pathname;
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Peer Recovery Navigator//30-day plan//" + I18N.lang.toUpperCase(),
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText(t("My 30-day recovery plan"))];
    steps.forEach(function (step) {
      var day = addDays(start, Number(step.dataset.day) - 1);
      var title = step.querySelector(".prn-step__title").textContent.trim();
      var description = visibleText(step.querySelector(".prn-step__body")) + "\n" +
        t("Numbers can change: check a centre's number on its page on this site before you call or go.") + "\n" +
        t("Your plan:") + " " + page;
      lines.push("BEGIN:VEVENT",
        "UID:" + step.dataset.step + "-" + compact + "-" + id + "@peer-recovery-navigator",
        "DTSTAMP:" + now,
        "DTSTART;VALUE=DATE:" + iso(day).replace(/-/g, ""),
        "DTEND;VALUE=DATE:" + iso(addDays(day, 1)).replace(/-/g, ""),
        "SUMMARY:" + icsText(title),
        "DESCRIPTION:" + icsText(description),
        "URL:" + page + "#step-" + step.dataset.step,
        "TRANSP:TRANSPARENT",
        /* A reminder at 9 in the morning of the step's day (an all-day event starts at midnight). */
        "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER;RELATED=START:PT9H", "DESCRIPTION:" + icsText(title), "END:VALARM",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download() {
    var blob = new Blob([calendar()], {type: "text/calendar;charset=utf-8"});
    var url = URL.createObjectURL(blob);
    var a = el("a", {href: url, download: t("30-day-recovery-plan.ics")});
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    status.textContent = t("Your calendar file is downloading: open it to add {n} all-day events to your calendar, each with a reminder at 9 in the morning.", {n: steps.length});
  }

  /* ---- wiring ---- */

  function changed() { save(); render(); }

  startInput.addEventListener("change", function () {
    if (parseDay(startInput.value)) { state.start = startInput.value; changed(); }
  });
  townInput.addEventListener("input", function () {
    if (resolve(townInput.value)) { state.town = townInput.value.trim(); changed(); }
  });
  townInput.addEventListener("change", function () { state.town = townInput.value.trim(); changed(); });
  townInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); state.town = townInput.value.trim(); changed(); }
  });
  langSelect.addEventListener("change", function () { state.lang = langSelect.value; changed(); });
  form.querySelectorAll("input[name=masshealth]").forEach(function (radio) {
    radio.addEventListener("change", function () { state.masshealth = radio.value; changed(); });
  });
  steps.forEach(function (step) {
    step.querySelector(".prn-step__check").addEventListener("change", function (event) {
      state.done = state.done || {};
      if (event.target.checked) { state.done[step.dataset.step] = true; } else { delete state.done[step.dataset.step]; }
      save();
    });
  });
  notes.forEach(function (area) {
    area.addEventListener("input", function () {
      state.notes = state.notes || {};
      if (area.value) { state.notes[area.dataset.notes] = area.value; } else { delete state.notes[area.dataset.notes]; }
      save();
    });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("plan-ics").addEventListener("click", download);
  document.getElementById("plan-print").addEventListener("click", function () { window.print(); });
  document.getElementById("plan-clear").addEventListener("click", function () {
    clearAll();
    showForm();
    render();
    status.textContent = t("Done: everything this planner kept on this device has been removed.");
  });

  form.hidden = false;
  showForm();
  render();

  /* The index, for the town's centres and the places and languages to choose from; if it cannot load, the page's
   * one notice (the help numbers and a Retry button) under the town field. */
  function start() {
    PLACES.loadIndex(new URL(root.dataset.index, location.href)).then(function (loaded) {
      index = loaded;
      var list = document.getElementById("plan-places");
      var fragment = document.createDocumentFragment();
      index.towns.forEach(function (town) { fragment.appendChild(el("option", {value: town.name})); });
      index.villages.forEach(function (v) {
        fragment.appendChild(el("option", {value: v.name, label: PLACES.placeLabel(PLACES.town(index, v.town), v.name)}));
      });
      list.appendChild(fragment);
      Object.keys(I18N.labels.language || index.labels.language).forEach(function (code) {
        langSelect.appendChild(el("option", {value: code, text: languageName(code)}));
      });
      langSelect.value = state.lang || "";
      render();
    }).catch(function () { loadFailed(townAdvice, start); });
  }
  start();
})();
