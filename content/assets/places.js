/* Places and distances shared by /find/ and /plan/, from /api/v1/find.json. Loaded before both.
 * Everything runs in the browser: nothing typed is sent anywhere. */
(function () {
  "use strict";
  /* Every page also loads this file for the search box (mkdocs.yml): a page that loaded it already keeps
   * that copy, whose state (the routes and towns set by gazetteer) its own script uses. */
  if (window.PRN_PLACES) { return; }

  function norm(text) { return String(text || "").trim().toLowerCase().replace(/\s+/g, " "); }

  /* Geodesic distance on the WGS84 ellipsoid (Andoyer-Lambert), in miles: the formula the build
   * uses for the town pages (generator/geo.py), so both give the same tenth of a mile. */
  function miles(lat1, lon1, lat2, lon2) {
    var a = 6378137, f = 1 / 298.257223563, rad = Math.PI / 180;
    var b1 = Math.atan((1 - f) * Math.tan(lat1 * rad)), b2 = Math.atan((1 - f) * Math.tan(lat2 * rad));
    var dl = (lon2 - lon1) * rad;
    var h = Math.pow(Math.sin((b2 - b1) / 2), 2) + Math.cos(b1) * Math.cos(b2) * Math.pow(Math.sin(dl / 2), 2);
    var s = 2 * Math.asin(Math.min(1, Math.sqrt(h)));
    if (s === 0) { return 0; }
    var p = (b1 + b2) / 2, q = (b2 - b1) / 2;
    var x = (s - Math.sin(s)) * Math.pow(Math.sin(p) * Math.cos(q), 2) / Math.pow(Math.cos(s / 2), 2);
    var y = (s + Math.sin(s)) * Math.pow(Math.cos(p) * Math.sin(q), 2) / Math.pow(Math.sin(s / 2), 2);
    return a * (s - f / 2 * (x + y)) / 1609.344;
  }

  /* How to measure between parts of the state (the index's "travel", from generator/model/travel.py),
   * and the towns' parts: set by gazetteer(index), which every page calls before measuring. */
  var routes = {}, towns = [];

  /* Miles from a point in part `zone` to a point in part `to.zone`, and how it was measured: within one
   * part as the crow flies (via ""), else through the crossings of the shortest route (via: their ids).
   * The same sums, in the same order, as leg() in generator/model/travel.py. */
  function travel(lat, lon, zone, to) {
    if (zone === to.zone) { return {miles: miles(lat, lon, to.lat, to.lon), via: ""}; }
    var best = null;
    (routes[zone + " " + to.zone] || []).forEach(function (r) {
      var d = miles(lat, lon, r[0], r[1]) + r[2] + miles(r[3], r[4], to.lat, to.lon);
      if (!best || d < best.miles) { best = {miles: d, via: r[5]}; }
    });
    return best;
  }

  /* The part of the state a point is in: its town's when known, else that of the town whose centre is nearest. */
  function zoneAt(lat, lon) {
    var best = null, bestMiles = Infinity;
    towns.forEach(function (town) {
      var d = miles(lat, lon, town[2], town[3]);
      if (d < bestMiles) { best = town[7]; bestMiles = d; }
    });
    return best;
  }

  /* Edit distance with adjacent transpositions (optimal string alignment): "pittsfeild" is 1 from "pittsfield". */
  function editDistance(a, b) {
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) { d.push([i]); }
    for (j = 1; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1); }
      }
    }
    return d[a.length][b.length];
  }

  /* A Soundex-like key of the letters (spaces and punctuation ignored): names that sound alike share it,
   * "worchester" and "worcester" both W623. */
  var CODES = {b: 1, f: 1, p: 1, v: 1, c: 2, g: 2, j: 2, k: 2, q: 2, s: 2, x: 2, z: 2, d: 3, t: 3, l: 4, m: 5, n: 5, r: 6};
  function soundKey(text) {
    var letters = text.replace(/[^a-z]/g, "");
    if (!letters) { return ""; }
    var key = letters[0].toUpperCase(), last = CODES[letters[0]] || 0;
    for (var i = 1; i < letters.length && key.length < 4; i++) {
      var code = CODES[letters[i]] || 0;
      if (code && code !== last) { key += code; }
      if (letters[i] !== "h" && letters[i] !== "w") { last = code; }
    }
    return (key + "000").slice(0, 4);
  }

  /* Massachusetts ZIP codes start 010-027 or 055; a few well-known places just over the border, which a
   * visitor may type, are named here (a Massachusetts town or village of the same name always wins). */
  var MA_ZIP = /^(0(1[0-9]|2[0-7])|055)/;
  var ELSEWHERE = ["providence", "pawtucket", "woonsocket", "cranston", "east providence", "warwick ri", "newport ri",
    "nashua", "manchester nh", "portsmouth nh", "keene", "hartford", "new haven", "albany", "brattleboro",
    "bennington", "new york", "new york city", "rhode island", "new hampshire", "connecticut", "vermont", "maine"];

  /* The towns, villages and ZIP codes of an index, with their names normalised once:
   * every keystroke compares against all of them. */
  function gazetteer(index) {
    routes = index.travel;
    towns = index.towns;
    var townKeys = index.towns.map(function (t) { return norm(t[0]); });
    var villageKeys = index.villages.map(function (v) { return norm(v[0]); });
    var townSounds = townKeys.map(soundKey), villageSounds = villageKeys.map(soundKey);
    function label(town, name) { return name === index.towns[town][0] ? name : name + " (" + index.towns[town][0] + ")"; }
    return {
      townKeys: townKeys,
      townName: function (town) { return index.towns[town][0]; },
      villageKeys: villageKeys,
      /* The town a typed town, village or ZIP (ZIP+4 too) stands for: {label, town}, or null. */
      resolve: function (query) {
        var q = norm(query), i;
        if (!q) { return null; }
        if (/^\d{5}/.test(q)) {
          for (i = 0; i < index.zips.length; i++) {
            if (index.zips[i][0] === q.slice(0, 5)) { return {label: q.slice(0, 5), town: index.zips[i][1]}; }
          }
          return null;
        }
        i = townKeys.indexOf(q);
        if (i >= 0) { return {label: index.towns[i][0], town: i}; }
        i = villageKeys.indexOf(q);
        if (i >= 0) { return {label: index.villages[i][0], town: index.villages[i][1]}; }
        return null;
      },
      /* Places a misspelt name or ZIP may mean, closest first: [{value, label}], at most max (5).
       * A name is offered when it is a few edits away (one for short names) or sounds alike and is
       * not far off; a ZIP when one digit is wrong, missing, extra or two digits are swapped. */
      suggest: function (query, max) {
        var q = norm(query).replace(/[^a-z0-9 '-]/g, ""), found = [];
        max = max || 5;
        if (!q) { return found; }
        if (/^\d{4,6}$/.test(q)) {
          index.zips.forEach(function (z) {
            var d = editDistance(q, z[0]);
            if (d <= 1) { found.push({value: z[0], label: label(z[1], z[0]), score: d}); }
          });
        } else if (q.length >= 3) {
          var sound = soundKey(q), allowed = q.length <= 4 ? 1 : q.length <= 8 ? 2 : 3;
          var consider = function (key, sounds, name, town) {
            var d = editDistance(q, key);
            var alike = sounds === sound && d <= Math.ceil(key.length / 2);
            if (d <= allowed || alike) { found.push({value: name, label: label(town, name), score: d - (alike ? 0.5 : 0)}); }
          };
          townKeys.forEach(function (key, i) { consider(key, townSounds[i], index.towns[i][0], i); });
          villageKeys.forEach(function (key, i) { consider(key, villageSounds[i], index.villages[i][0], index.villages[i][1]); });
        }
        found.sort(function (a, b) { return a.score - b.score || a.label.localeCompare(b.label); });
        var seen = {};
        return found.filter(function (f) { return !seen[f.value] && (seen[f.value] = true); }).slice(0, max)
          .map(function (f) { return {value: f.value, label: f.label}; });
      },
      /* True when the text is a ZIP code or a known place outside Massachusetts (and no Massachusetts place). */
      outside: function (query) {
        var q = norm(query).replace(/[.,]/g, "").replace(/\s+/g, " ");
        if (/^\d{5}(-?\d{4})?$/.test(q)) { return !MA_ZIP.test(q); }
        return ELSEWHERE.indexOf(q) >= 0 || ELSEWHERE.indexOf(q.replace(/ (ri|nh|ct|vt|ny|me)$/, "")) >= 0;
      },
      /* The town or village nearest a position (the visitor's own, which stays here): {label, town, miles}. */
      nearestPlace: function (lat, lon) {
        var best = null;
        function consider(name, town, plat, plon) {
          var d = miles(lat, lon, plat, plon);
          if (!best || d < best.miles) { best = {label: label(town, name), name: name, town: town, miles: d}; }
        }
        index.towns.forEach(function (t, i) { consider(t[0], i, t[2], t[3]); });
        index.villages.forEach(function (v) { if (v.length > 3) { consider(v[0], v[1], v[2], v[3]); } });
        return best;
      }
    };
  }

  /* The point of a centre (it may have several sites) nearest to lat, lon by travel distance:
   * {point, miles, via}, or null. zone: the part of the state of lat, lon (a town's, index.towns[i][7]);
   * without it, found from the nearest town centre (a visitor's own position). */
  function nearest(center, lat, lon, zone) {
    var from = zone || zoneAt(lat, lon), best = null;
    center.points.forEach(function (point) {
      var leg = travel(lat, lon, from, point);
      if (!best || leg.miles < best.miles) { best = {point: point, miles: leg.miles, via: leg.via}; }
    });
    return best;
  }

  /* What to say when the text names no Massachusetts place (an element, or null when there is nothing to say
   * beyond "no match"): for a place elsewhere, the national helpline and FindTreatment.gov; for a misspelling,
   * "Did you mean" with each guess a button that calls choose(value). Uses assets/common.js (PRN). */
  function advice(places, index, query, choose) {
    var PRN = window.PRN, t = PRN.t, el = PRN.el, shown = String(query).trim();
    if (places.outside(query)) { return elsewhere(index, shown); }
    var guesses = places.suggest(query);
    if (!guesses.length) { return null; }
    return el("div", {"class": "prn-notice prn-guesses"}, [
      el("p", {text: t("No Massachusetts town, village or ZIP code matches \u201c{query}\u201d. Did you mean:", {query: shown})}),
      el("ul", {"class": "prn-choices"}, guesses.map(function (guess) {
        var button = el("button", {type: "button", "class": "md-button prn-choice", text: guess.label});
        button.addEventListener("click", function () { choose(guess.value); });
        return el("li", {}, [button]);
      }))
    ]);
  }

  /* For a place outside Massachusetts (query "" for a position outside it): the SAMHSA National Helpline
   * from data/help.yaml, with its source and date, and FindTreatment.gov. */
  function elsewhere(index, query) {
    var PRN = window.PRN, t = PRN.t, el = PRN.el, line = index.national;
    var name = line && PRN.i18n.strings[line.name];  /* its name translated (the catalogue's names:), or English */
    var lead = query ? t("\u201c{query}\u201d is outside Massachusetts; this site lists help in Massachusetts only.", {query: query})
      : t("You seem to be outside Massachusetts; this site lists help in Massachusetts only.");
    return el("div", {"class": "prn-notice prn-elsewhere"}, [
      el("p", {text: lead}),
      el("p", {}, [t("Anywhere in the United States:") + " ",
        line ? el("span", {}, [el("span", name ? {text: name} : PRN.withEN({text: line.name})), ", ", el("a", {href: line.call_href, text: line.call})]) : null,
        line ? " \u00b7 " : null,
        el("a", {href: "https://findtreatment.gov/", text: "FindTreatment.gov"})]),
      line ? el("p", {"class": "prn-from", text: t("Number from {source}, checked {date}.", {source: line.source,
        date: PRN.date(PRN.parseDay(line.verified), {day: "numeric", month: "long", year: "numeric"})})}) : null
    ]);
  }

  window.PRN_PLACES = {advice: advice, elsewhere: elsewhere, norm: norm, miles: miles, gazetteer: gazetteer, nearest: nearest, editDistance: editDistance, soundKey: soundKey};
})();
