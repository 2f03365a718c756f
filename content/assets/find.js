/* Find help near you: resolves a town, village, neighbourhood or ZIP code, measures distances and
 * filters, all in the browser from /api/v1/find.json (assets/places.mjs). Nothing typed here is sent anywhere.
 * A classic script, so that it takes ?q= out of the address before the theme starts (below); the modules it
 * uses load with import(). The cards are the page's <template> elements (assets/cards.mjs). */
(function () {
  "use strict";

  var MAX_OPTIONS = 8;
  var FARTHEST = 15;  /* miles from the nearest Massachusetts town or village beyond which a position is elsewhere */
  var root = document.getElementById("prn-find");
  if (!root) { return; }
  var form = root.querySelector("form");
  var input = document.getElementById("prn-q");
  var listbox = document.getElementById("prn-q-options");
  var status = document.getElementById("prn-status");  /* the result summary, focused once a place is chosen */
  var message = document.getElementById("prn-message");  /* next to the box: no match, did you mean, elsewhere */
  var results = document.getElementById("prn-results");
  var toggle = document.getElementById("prn-filters-toggle");
  var index = null;
  var labels = null;
  var printMore = document.querySelector("#prn-print-more span");
  var active = -1;
  var options = [];

  /* Interface strings are English here; on a translated page assets/strings.js brings their translations
   * and the filter labels in that language (assets/common.js). Registry text (names, hours) stays English. */
  var PRN = window.PRN, I18N = PRN.i18n, t = PRN.t, tn = PRN.tn, withEN = PRN.withEN, el = PRN.el;

  /* mkdocs-material opens its own search box for any ?q= in the address. This script runs before the
   * theme's (it is not deferred), takes the query out, and puts it back once the theme has started. */
  var initial = new URLSearchParams(location.search);
  if (initial.has("q")) { history.replaceState(null, "", location.pathname); }

  var PLACES = null, CARDS = null, WORDS = null;  /* assets/places.mjs, cards.mjs and words.mjs, once loaded */
  var vocabulary = null, answers = null;  /* /api/v1/words.json and the answer cards (assets/answers.html) */
  /* "Use my location": the visitor's position (kept on this device) and the place nearest it, while the box
   * still shows that place's name. */
  var located = null;

  /* ---- places ---- */

  function resolve(query) { return PLACES.resolve(index, query); }

  /* A word of the search vocabulary (assets/words.mjs), or null: asked before any place, so it never becomes one. */
  function word(query) { return WORDS && vocabulary && answers ? WORDS.match(vocabulary, query) : null; }

  function suggestions(query) {
    if (!index || word(query)) { return []; }
    var out = PLACES.complete(index, query, MAX_OPTIONS);
    /* Nothing starts so: the places a misspelling may mean ("Worchester": Worcester, Dorchester…). */
    return !out.length && PLACES.norm(query).length >= 4 ? PLACES.suggest(index, query, MAX_OPTIONS) : out;
  }

  /* ---- the combobox (WAI-ARIA 1.2 pattern with aria-activedescendant) ---- */

  function showOptions(list) {
    options = list;
    active = -1;
    listbox.textContent = "";
    list.forEach(function (option, i) {
      var item = el("li", {id: "prn-q-option-" + i, role: "option", "aria-selected": "false", text: option.label});
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
      listbox.appendChild(item);
    });
    var open = list.length > 0;
    listbox.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(i) {
    var items = listbox.querySelectorAll("li");
    items.forEach(function (item, n) { item.setAttribute("aria-selected", n === i ? "true" : "false"); });
    active = i;
    if (i >= 0) { input.setAttribute("aria-activedescendant", "prn-q-option-" + i); }
    else { input.removeAttribute("aria-activedescendant"); }
  }

  function choose(i) {
    pick(options[i].value);
  }

  /* A place chosen from a list (the autocomplete or "Did you mean"): search it and show the answer. */
  function pick(value) {
    input.value = value;
    showOptions([]);
    search({focus: true});
  }

  /* Each keystroke updates the suggestions, and the results as soon as the text names a place. */
  input.addEventListener("input", function () {
    located = null;
    showOptions(suggestions(input.value));
    if (index && (resolve(input.value) || PLACES.area(index, input.value) || word(input.value))) { search(); }
  });
  input.addEventListener("blur", function () { showOptions([]); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault(); highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault(); highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault(); choose(active);
    } else if (event.key === "Escape") {
      showOptions([]);
    }
  });

  /* ---- filters and URL state ---- */

  function fillSelect(name, entries) {
    var select = form.elements[name];
    entries.forEach(function (entry) { select.appendChild(el("option", {value: entry[0], text: entry[1]})); });
  }

  function pairs(labels) { return Object.keys(labels).map(function (k) { return [k, labels[k]]; }); }

  function setUpFilters() {
    labels = Object.assign({}, index.labels, I18N.labels);
    fillSelect("type", pairs(labels.types).concat([["coach", t("Coaches")]]));
    fillSelect("lang", pairs(labels.language));
    fillSelect("mode", pairs(labels.mode));
    fillSelect("focus", pairs(labels.track).map(function (p) { return ["track:" + p[0], p[1]]; })
      .concat(pairs(labels.specialty).map(function (p) { return ["specialty:" + p[0], p[1]]; })));
  }

  var FIELDS = ["q", "type", "lang", "mode", "focus", "within"];
  var FLAGS = ["masshealth", "carc", "expired"];

  function readState() {
    var state = {};
    FIELDS.forEach(function (name) { state[name] = form.elements[name].value; });
    FLAGS.forEach(function (name) { state[name] = form.elements[name].checked; });
    return state;
  }

  /* The address keeps the search so it can be shared, except a place found from the visitor's position:
   * where someone is never goes into a URL (a bookmark, the history, a shared link). */
  function writeUrl(state) {
    var params = new URLSearchParams();
    var fromPosition = located && located.label === state.q;
    FIELDS.forEach(function (name) {
      if (name === "q" && fromPosition) { return; }
      if (state[name] && !(name === "within" && state[name] === "25")) { params.set(name, state[name]); }
    });
    if (state.within === "") { params.set("within", "any"); }
    FLAGS.forEach(function (name) { if (state[name]) { params.set(name, "1"); } });
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
    printMore.textContent = location.href;  // on paper, under the nearest places (print.css)
  }

  /* On a phone the filters fold behind "Filters (n)", n the filters in use (site.css hides the fieldset
   * while the button says aria-expanded="false"; wider screens show both). */
  function countFilters(state) {
    var n = FLAGS.filter(function (name) { return state[name]; }).length;
    ["type", "lang", "mode", "focus"].forEach(function (name) { if (state[name]) { n++; } });
    toggle.textContent = n ? t("Filters ({n})", {n: n}) : t("Filters");
  }

  toggle.addEventListener("click", function () {
    toggle.setAttribute("aria-expanded", toggle.getAttribute("aria-expanded") === "true" ? "false" : "true");
  });

  function loadUrl() {
    var params = initial;
    FIELDS.forEach(function (name) {
      if (!params.has(name)) { return; }
      var value = params.get(name);
      form.elements[name].value = name === "within" && value === "any" ? "" : value;
    });
    FLAGS.forEach(function (name) { form.elements[name].checked = params.get(name) === "1"; });
  }

  /* ---- matching ---- */

  function centerMatches(center, state) {
    if (state.type && state.type !== center.type) { return false; }
    /* A centre whose languages are not stated stays: its card says to call and ask. */
    if (state.lang && center.languages.length && center.languages.indexOf(state.lang) < 0) { return false; }
    if (state.mode === "phone" || state.mode === "text") { return false; }
    if (state.mode === "video" && !center.virtual) { return false; }
    if (state.focus) {
      var parts = state.focus.split(":");
      if (parts[0] !== "track" || center.tracks.indexOf(parts[1]) < 0) { return false; }
    }
    return true;
  }

  function coachMatches(coach, state, town) {
    if (state.type && state.type !== "coach") { return false; }
    if (state.lang && coach.languages.indexOf(state.lang) < 0) { return false; }
    if (state.mode && coach.modes.indexOf(state.mode) < 0) { return false; }
    if (state.focus) {
      var parts = state.focus.split(":");
      var list = parts[0] === "track" ? coach.tracks : coach.specialties;
      if (list.indexOf(parts[1]) < 0) { return false; }
    }
    if (state.masshealth && !coach.masshealth) { return false; }
    if (state.carc && coach.carc !== "current" && coach.carc !== "renewal_due") { return false; }
    if (coach.carc === "expired" && !state.expired) { return false; }
    return town === null || coach.statewide || coach.towns.indexOf(town.slug) >= 0 ||
      coach.regions.indexOf(town.region) >= 0;
  }

  /* ---- rendering ---- */

  /* How far `near` ({point, miles, via}) is in the page's language: "12.3 mi" (the catalogue's "{miles} mi":
   * "12,3 milhas" in Portuguese), or "in this town" for a listing placed at the town's centre (PLACES.inPlace). */
  function distance(near) {
    var precision = near.point.precision;
    if (!PLACES.inPlace(near.miles, precision)) { return PLACES.formatDistance(near.miles, I18N.locale, t("{miles} mi")); }
    return precision === "zip" ? t("in this ZIP code") : t("in this town");
  }
  function via(near) { return PLACES.inPlace(near.miles, near.point.precision) ? "" : labels.route[near.via]; }

  /* A centre's card (templates/cards.html), at its nearest point when `near` is given ({point, miles, via}; an
   * area's listing gives {point} alone, with no distance). */
  function centerItem(center, near, lang) {
    var point = near && near.point, measured = near && near.miles !== undefined;
    var page = new URL("../" + center.url, location.href).href;
    var item = CARDS.card("prn-tpl-center", Object.assign(CARDS.freshness(center), {
      name: center.name, url: "../" + center.url, type: labels.type[center.type], page_url: page,
      distance: measured ? distance(near) : "", via: measured ? via(near) : "",
      address: point ? point.address : "", no_address: !(point && point.address), approximate: point && point.precision === "town",
      approximate_zip: point && point.precision === "zip",
      ask_languages: lang && !center.languages.length, phone: center.phone, phone_href: center.phone_href,
      no_phone: !center.phone, hours: center.hours, virtual: !near && center.virtual, call_before: center.call_before
    }));
    item.dataset.id = center.id;
    return CARDS.share(item, page);
  }

  /* The CARC status in the page's language, from its state and expiry date (as the coach pages say it). */
  function carcLabel(coach) {
    var template = labels.carc && labels.carc[coach.carc];
    if (!template) { return coach.carc_label; }
    var day = PRN.parseDay(coach.carc_expires);
    return template.replace("%(date)s", day ? PRN.date(day, {day: "numeric", month: "long", year: "numeric"}) : "");
  }

  function coachItem(coach) {
    var names = function (codes, list) { return codes.map(function (c) { return list[c]; }).join(", "); };
    var page = new URL("../" + coach.url, location.href).href;
    var item = CARDS.card("prn-tpl-coach", {
      name: coach.name, url: "../" + coach.url, page_url: page, example: coach.example, carc: carcLabel(coach),
      languages: names(coach.languages, labels.language), modes: names(coach.modes, labels.mode),
      masshealth: coach.masshealth
    });
    item.dataset.id = coach.id;
    return CARDS.share(item, page);
  }

  /* The nearest matching places beyond the chosen distance, named with how far and how measured:
   * "Nearest: PIER Recovery Center, 42.5 mi via Orleans". Null when nothing matches at all. */
  var BEYOND = 3;
  function nearestBeyond(ranked) {
    if (!ranked.length) { return null; }
    var line = el("p", {id: "prn-nearest"}, [document.createTextNode(t("Nearest:") + " ")]);
    ranked.slice(0, BEYOND).forEach(function (n, i) {
      if (i) { line.appendChild(document.createTextNode("; ")); }
      line.appendChild(el("a", withEN({href: "../" + n.center.url, text: n.center.name})));
      line.appendChild(document.createTextNode(", " + [distance(n.near), via(n.near)].filter(Boolean).join(" ")));
    });
    return line;
  }

  /* A list shows PAGE items and a button for the next PAGE, so a keystroke costs the same at any registry size. */
  var PAGE = 20;

  function section(title, id, items, render, listClass) {
    if (!items.length) { return null; }
    var box = CARDS.card("prn-tpl-section", {title: title});
    var list = box.querySelector("ul"), more = box.querySelector(".prn-more");
    box.setAttribute("aria-labelledby", id);
    box.querySelector("h2").id = id;
    list.className = listClass;
    var shown = 0;
    function showNext() {
      var first = null;
      items.slice(shown, shown + PAGE).forEach(function (item) {
        var node = render(item);
        first = first || node;
        list.appendChild(node);
      });
      shown = Math.min(items.length, shown + PAGE);
      more.textContent = t("Show {n} more", {n: Math.min(PAGE, items.length - shown)});
      more.hidden = shown >= items.length;
      return first;
    }
    showNext();
    more.addEventListener("click", function () {
      var link = showNext().querySelector("a");
      if (link) { link.focus(); }
    });
    return box;
  }

  /* No listed coach matches: the routes that lead to a recovery coach today (as /coaches/ gives them). */
  function noCoach() { return CARDS.card("prn-tpl-no-coach", {}); }

  /* The answer for the place in the box (or the visitor's position). With {focus: true} (a place was chosen:
   * Enter, a pick, "Use my location"), focus moves to the summary, scrolled on screen with the first result. */
  function search(how) {
    if (!index) { return; }
    var state = readState();
    writeUrl(state);
    countFilters(state);
    results.textContent = "";
    message.textContent = "";
    if (!state.q.trim()) { status.textContent = ""; return; }
    var here = located && located.label === state.q ? located : null;
    var said = here ? null : word(state.q);
    if (said) {
      var card = WORDS.answerCard(answers, said.entry, new URL("../", location.href));
      results.appendChild(card);
      status.textContent = card.querySelector("h2").textContent;
      if (how && how.focus) { showAnswer(); }
      return;
    }
    var region = here ? null : PLACES.area(index, state.q);
    if (region) { showArea(region, state, how); return; }
    var place = here || resolve(state.q);
    if (!place) {
      status.textContent = "";
      message.appendChild(CARDS.advice(index, state.q, pick) ||
        el("p", {text: t("No Massachusetts town, village or ZIP code matches \u201c{query}\u201d. Try the town's name.", {query: state.q.trim()})}));
      if (how && how.focus) { reveal(message); }
      return;
    }
    var town = place.town;
    /* Distances from the visitor's own position when located, else from the place's own (a ZIP code's or
     * neighbourhood's centre, else its town's: as on the town page). */
    var from = here ? {lat: here.lat, lon: here.lon} : place.at;
    var within = state.within ? Number(state.within) : Infinity;
    var ranked = PLACES.rank(index, index.centers.filter(function (center) { return centerMatches(center, state); }), from);
    var near = ranked.filter(function (n) { return n.near.miles <= within; });
    /* What moved or closed and would have been among the first places shown: named without a distance. */
    var reach = near.length ? Math.max.apply(null, near.slice(0, PAGE).map(function (n) { return n.near.miles; })) : within;
    var changed = PLACES.changedNear(index, index.centers.filter(function (center) { return centerMatches(center, state); }), from, reach);
    var coaches = index.coaches.filter(function (coach) { return coachMatches(coach, state, place.town); });
    var where = PLACES.placeLabel(town, place.label);
    var vars = {place: where, miles: state.within, coaches: coaches.length};
    status.textContent = (here ? (state.within ? tn("{n} place within {miles} miles of you, near {place}", "{n} places within {miles} miles of you, near {place}", near.length, vars)
      : tn("{n} place by distance from you, near {place}", "{n} places by distance from you, near {place}", near.length, vars))
      : state.within ? tn("{n} place within {miles} miles of {place}", "{n} places within {miles} miles of {place}", near.length, vars)
      : tn("{n} place near {place}", "{n} places near {place}", near.length, vars)) +
      (coaches.length ? tn(", and {n} coach who works there.", ", and {n} coaches who work there.", coaches.length) : ".") +
      (near.length ? " " + t("Nearest: {name}, {distance}, {phone}.", {name: near[0].center.name, distance: distance(near[0].near),
        phone: near[0].center.phone || (index.helpline ? index.helpline.call : "")}) : "");
    var parts = [
      section(state.within ? t("Places within {miles} miles of {place}", vars) : t("Places near {place}", vars),
        "prn-places", near, function (n) { return centerItem(n.center, n.near, state.lang); }, "prn-near"),
      section(t("Changed recently"), "prn-changed", changed, function (c) { return centerItem(c, null); }, "prn-near prn-changed-list"),
      section(t("Coaches who work in {town}", {town: town.name}), "prn-coaches", coaches, coachItem, "prn-cards") ||
        noCoach()
    ];
    if (!near.length) {
      parts.unshift(el("div", {"class": "prn-notice", id: "prn-nothing-near"}, [
        nearestBeyond(ranked),
        el("p", {text: state.within ? t("Nothing within {miles} miles matches. These options work from anywhere:", vars)
          : t("Nothing nearby matches. These options work from anywhere:")}),
        anywhere(state, [town.region])
      ]));
    }
    parts.push(el("p", {}, [el("a", {href: "../towns/" + town.slug + "/", text: t("Everything near {town} on one page", {town: town.name})})]));
    parts.forEach(function (part) { if (part) { results.appendChild(part); } });
    if (how && how.focus) { showAnswer(); }
  }

  /* What works from anywhere, when nothing near matches: virtual centres, and coaches who meet by video or phone
   * statewide or in one of `regions`. */
  function anywhere(state, regions) {
    var virtual = index.centers.filter(function (c) { return c.virtual && !PLACES.gone(c) && centerMatches(c, {type: "", lang: "", mode: "", focus: ""}); });
    var remote = index.coaches.filter(function (c) {
      return (c.modes.indexOf("video") >= 0 || c.modes.indexOf("phone") >= 0) && coachMatches(c, state, null) &&
        (c.statewide || regions.some(function (r) { return c.regions.indexOf(r) >= 0; }));
    });
    return section(t("Virtual and phone options"), "prn-virtual", virtual.concat(remote), function (item) {
      return item.points ? centerItem(item, null) : coachItem(item);
    }, "prn-near");
  }

  /* An area typed (Cape Cod, the Berkshires): no one point, so no distance. The listings in its towns, what moved
   * or closed there, the coaches who work in any of its towns, the statewide numbers and a link to each town. */
  function showArea(region, state, how) {
    var name = labels.area[region.name] || region.name;  // "los Berkshires"
    var kept = index.centers.filter(function (center) { return centerMatches(center, state); });
    var listed = PLACES.inArea(index, kept, region);
    var towns = region.towns.map(function (slug) { return PLACES.town(index, slug); });
    var coaches = index.coaches.filter(function (coach) {
      return towns.some(function (town) { return coachMatches(coach, state, town); });
    });
    var first = listed[0] && listed[0].center;
    status.textContent = tn("{n} place in {place}", "{n} places in {place}", listed.length, {place: name}) +
      (coaches.length ? tn(", and {n} coach who works there.", ", and {n} coaches who work there.", coaches.length) : ".") +
      (first ? " " + t("First listed: {name}, {phone}.", {name: first.name,
        phone: first.phone || (index.helpline ? index.helpline.call : "")}) : "");
    var source = region.sources[0];
    var contains = CARDS.card("prn-tpl-area-towns", {area: name, source: source.title, source_url: source.url,
      source_date: CARDS.sourceDate(source.date)});
    var links = contains.querySelector(".prn-area__links");
    towns.forEach(function (town, i) {
      if (i) { links.appendChild(document.createTextNode(", ")); }
      links.appendChild(el("a", withEN({href: "../towns/" + town.slug + "/", text: town.name})));
    });
    var empty = listed.length ? null : el("div", {"class": "prn-notice", id: "prn-nothing-near"}, [
      el("p", {text: t("Nothing listed in {place} matches. These options work from anywhere:", {place: name})}),
      anywhere(state, towns.map(function (town) { return town.region; }))
    ]);
    [CARDS.card("prn-tpl-area", {area: name}), empty,
      section(t("Places in {place}", {place: name}), "prn-places", listed,
        function (n) { return centerItem(n.center, {point: n.point}, state.lang); }, "prn-near"),
      section(t("Changed recently"), "prn-changed", PLACES.changedIn(index, kept, region),
        function (c) { return centerItem(c, null); }, "prn-near prn-changed-list"),
      contains,
      section(t("Coaches who work in {town}", {town: name}), "prn-coaches", coaches, coachItem, "prn-cards") || noCoach()
    ].forEach(function (part) { if (part) { results.appendChild(part); } });
    if (how && how.focus) { showAnswer(); }
  }

  /* The summary on screen below the sticky header (scroll-margin in site.css), focused, the first result under it. */
  function showAnswer() {
    status.focus({preventScroll: true});
    /* Scrolled only when the summary, or the first result's name and number, would be off screen. */
    var first = results.querySelector("li a[href^='tel:']") || results.querySelector("li") || status;
    if (status.getBoundingClientRect().top < 56 || first.getBoundingClientRect().bottom > window.innerHeight - 64) {
      status.scrollIntoView({block: "start"});
    }
  }

  /* A message (no match, "Did you mean", a place elsewhere) scrolled wholly on screen when its end would sit
   * under the help bar: its choices are the next thing to tap. */
  function reveal(node) {
    var bar = document.querySelector(".prn-help__bar");
    var bottom = bar ? bar.getBoundingClientRect().top : window.innerHeight;
    var box = node.getBoundingClientRect();
    if (box.bottom > bottom) { window.scrollBy(0, Math.min(box.bottom - bottom + 8, box.top - 64)); }
  }

  /* ---- wiring ---- */

  form.addEventListener("submit", function (event) { event.preventDefault(); showOptions([]); search({focus: true}); });
  form.addEventListener("change", function (event) { if (event.target !== input) { search(); } });

  document.getElementById("prn-locate").addEventListener("click", function () {
    if (!navigator.geolocation) { status.textContent = t("This browser cannot share its location."); return; }
    status.textContent = t("Finding your location\u2026 (it stays on your device)");
    navigator.geolocation.getCurrentPosition(function (pos) {
      if (!index) { status.textContent = t("The search could not load. Browse help by town instead."); return; }
      var lat = pos.coords.latitude, lon = pos.coords.longitude;
      var nearest = PLACES.nearestPlace(index, lat, lon);
      if (nearest.miles > FARTHEST) {
        status.textContent = "";
        message.textContent = "";
        message.appendChild(CARDS.elsewhere(""));
        return;
      }
      located = {label: nearest.name, town: nearest.town, lat: lat, lon: lon};
      input.value = nearest.name;
      showOptions([]);
      search({focus: true});
    }, function () { status.textContent = t("Your location is not available. Type a town or ZIP code instead."); });
  });

  var themeStarted = new Promise(function (resolve) {
    if (document.readyState === "complete") { resolve(); } else { window.addEventListener("load", resolve); }
  });

  /* The modules, then the index and the theme's start. If the index cannot load: the page's one notice, with the
   * help numbers and a Retry button. */
  function start() {
    Promise.all([import("./places.mjs"), import("./cards.mjs"), import("./words.mjs")]).then(function (modules) {
      PLACES = modules[0];
      CARDS = modules[1];
      WORDS = modules[2];
      var at = new URL(root.dataset.index, location.href);
      return Promise.all([PLACES.loadIndex(at), themeStarted, WORDS.loadWords(new URL("words.json", at)),
        WORDS.loadAnswers(new URL("../assets/answers.html", location.href))]);
    }).then(function (loaded) {
      index = loaded[0];
      vocabulary = loaded[2];
      answers = loaded[3];
      setUpFilters();
      loadUrl();
      root.hidden = false;
      search();
    }).catch(function () {
      root.hidden = false;
      if (CARDS) { CARDS.loadFailed(results, start); } else { status.textContent = t("The search could not load. Browse help by town instead."); }
    });
  }
  start();
})();
