/* Places and distances shared by /find/, /plan/, the towns index and the header search: one native ES module
 * over /api/v1/find.json (version 2, schema/find.schema.json). It loads the index once, keeps what it derives
 * from it to itself, and exports pure functions of the index. Everything runs in the browser: nothing typed
 * is sent anywhere. tests/js/places.test.mjs runs these functions under `node --test`. */

/* ---- loading: one fetch per address, shared by every script of the page; a failed load may be retried ---- */

const loads = new Map();

/** The index at url (a promise). A failure (network, or a response that is not ok) is not kept: call again to retry. */
export function loadIndex(url) {
  const key = String(url);
  if (!loads.has(key)) {
    const loading = fetch(key).then(function (response) {
      if (!response.ok) { throw new Error("find index: HTTP " + response.status); }
      return response.json();
    });
    loading.catch(function () { loads.delete(key); });
    loads.set(key, loading);
  }
  return loads.get(key);
}

export function norm(text) { return String(text || "").trim().toLowerCase().replace(/\s+/g, " "); }

/* Geodesic distance on the WGS84 ellipsoid (Andoyer-Lambert), in miles: the formula the build uses for the
 * town pages (generator/model/geo.py), so both give the same tenth of a mile. */
export function miles(lat1, lon1, lat2, lon2) {
  const a = 6378137, f = 1 / 298.257223563, rad = Math.PI / 180;
  const b1 = Math.atan((1 - f) * Math.tan(lat1 * rad)), b2 = Math.atan((1 - f) * Math.tan(lat2 * rad));
  const dl = (lon2 - lon1) * rad;
  const h = Math.pow(Math.sin((b2 - b1) / 2), 2) + Math.cos(b1) * Math.cos(b2) * Math.pow(Math.sin(dl / 2), 2);
  const s = 2 * Math.asin(Math.min(1, Math.sqrt(h)));
  if (s === 0) { return 0; }
  const p = (b1 + b2) / 2, q = (b2 - b1) / 2;
  const x = (s - Math.sin(s)) * Math.pow(Math.sin(p) * Math.cos(q), 2) / Math.pow(Math.cos(s / 2), 2);
  const y = (s + Math.sin(s)) * Math.pow(Math.cos(p) * Math.sin(q), 2) / Math.pow(Math.sin(s / 2), 2);
  return a * (s - f / 2 * (x + y)) / 1609.344;
}

/* Edit distance with adjacent transpositions (optimal string alignment): "pittsfeild" is 1 from "pittsfield". */
export function editDistance(a, b) {
  const d = [];
  for (let i = 0; i <= a.length; i++) { d.push([i]); }
  for (let j = 1; j <= b.length; j++) { d[0][j] = j; }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1); }
    }
  }
  return d[a.length][b.length];
}

/* A Soundex-like key of the letters (spaces and punctuation ignored): names that sound alike share it,
 * "worchester" and "worcester" both W623. */
const CODES = {b: 1, f: 1, p: 1, v: 1, c: 2, g: 2, j: 2, k: 2, q: 2, s: 2, x: 2, z: 2, d: 3, t: 3, l: 4, m: 5, n: 5, r: 6};
export function soundKey(text) {
  const letters = text.replace(/[^a-z]/g, "");
  if (!letters) { return ""; }
  let key = letters[0].toUpperCase(), last = CODES[letters[0]] || 0;
  for (let i = 1; i < letters.length && key.length < 4; i++) {
    const code = CODES[letters[i]] || 0;
    if (code && code !== last) { key += code; }
    if (letters[i] !== "h" && letters[i] !== "w") { last = code; }
  }
  return (key + "000").slice(0, 4);
}

/* ---- what each index gives once (its names normalised: every keystroke compares against all of them) ---- */

const prepared = new WeakMap();

function gazetteer(index) {
  let g = prepared.get(index);
  if (!g) {
    const bySlug = new Map(index.towns.map(function (town) { return [town.slug, town]; }));
    const townKeys = index.towns.map(function (town) { return norm(town.name); });
    const villageKeys = index.villages.map(function (village) { return norm(village.name); });
    const nicknames = new Map((index.nicknames || []).map(function (n) { return [norm(n.name), n]; }));
    const areas = new Map();
    (index.areas || []).forEach(function (a) { [a.name].concat(a.also).forEach(function (name) { areas.set(areaKey(name), a); }); });
    g = {bySlug: bySlug, townKeys: townKeys, villageKeys: villageKeys, nicknames: nicknames, areas: areas,
      townSounds: townKeys.map(soundKey), villageSounds: villageKeys.map(soundKey),
      zips: new Map(index.zips.map(function (z) { return [z.zip, z]; }))};
    prepared.set(index, g);
  }
  return g;
}

/** The town with this slug, or undefined. */
export function town(index, slug) { return gazetteer(index).bySlug.get(slug); }

/** A place's name for a list: "Hyannis (Barnstable)", or the town's own name. */
export function placeLabel(townRecord, name) { return name === townRecord.name ? name : name + " (" + townRecord.name + ")"; }

/* Where a place is measured from: its own position, in its town's part of the state. */
function at(place, townRecord) { return {lat: place.lat, lon: place.lon, zone: townRecord.zone}; }

/** The place a typed town, village, neighbourhood, nickname or ZIP (ZIP+4 too) stands for, or null:
 * {label, town, at}: town is an index.towns entry; at is where distances are measured from ({lat, lon, zone}):
 * a ZIP code's own centre, a village's or neighbourhood's (its first ZIP code's), else the town's centre, as
 * generator/model/towns.py place_spot() measures. A nickname ("Southie") gives its place, labelled as typed. */
export function resolve(index, query) {
  const g = gazetteer(index), q = norm(query);
  if (!q) { return null; }
  if (/^\d{5}/.test(q)) {
    const z = g.zips.get(q.slice(0, 5));
    return z ? {label: q.slice(0, 5), town: g.bySlug.get(z.town), at: at(z, g.bySlug.get(z.town))} : null;
  }
  const nickname = g.nicknames.get(q);
  if (nickname) {
    const found = resolve(index, nickname.place);
    return found && {label: nickname.name, town: found.town, at: found.at, place: found.label};
  }
  let i = g.townKeys.indexOf(q);
  if (i >= 0) { return {label: index.towns[i].name, town: index.towns[i], at: at(index.towns[i], index.towns[i])}; }
  i = g.villageKeys.indexOf(q);
  if (i >= 0) {
    const townRecord = g.bySlug.get(index.villages[i].town);
    return {label: index.villages[i].name, town: townRecord, at: at(index.villages[i], townRecord)};
  }
  return null;
}

/* How a typed area name is compared, as generator/registry/geography.py area_key(): any case, apostrophes and a
 * leading "the" ignored ("Martha’s Vineyard", "marthas vineyard"; "The Berkshires", "Berkshires"). */
function areaKey(text) { return norm(String(text || "").replace(/['\u2018\u2019]/g, "")).replace(/^the /, ""); }

/** The area a typed name stands for (index.areas: Cape Cod, "the Cape", Martha's Vineyard…), or null: a part of
 * the state that is no one point, so /find/ lists what is in its towns rather than measuring from one spot. */
export function area(index, query) { return gazetteer(index).areas.get(areaKey(query)) || null; }

/** The centres with a located site in one of an area's towns, each with that site: [{center, point}], by the
 * site's town and then name, those that may have ended after every current one; moved and closed ones left out
 * (changedIn names them). No distance: an area has no one point to measure from. */
export function inArea(index, centers, place) {
  const towns = new Set(place.towns), found = [];
  centers.forEach(function (center) {
    const point = center.points.find(function (p) { return towns.has(p.town); });
    if (point && !gone(center)) { found.push({center: center, point: point}); }
  });
  return found.sort(function (a, b) {
    return ended(a.center) - ended(b.center) || a.point.town.localeCompare(b.point.town) ||
      a.center.name.localeCompare(b.center.name);
  });
}

/** The centres in an area's towns that moved or closed: [center], to name under "Changed recently". */
export function changedIn(index, centers, place) {
  const towns = new Set(place.towns);
  return centers.filter(function (center) {
    return gone(center) && center.points.some(function (p) { return towns.has(p.town); });
  });
}

/** Places whose name or ZIP starts with the text, for a list under the box: [{value, label}], at most max. */
export function complete(index, query, max) {
  const g = gazetteer(index), q = norm(query), out = [];
  if (!q) { return out; }
  if (/^\d+$/.test(q)) {
    index.zips.forEach(function (z) {
      if (z.zip.indexOf(q) === 0) { out.push({value: z.zip, label: z.zip + " (" + g.bySlug.get(z.town).name + ")"}); }
    });
    return out.slice(0, max);
  }
  index.towns.forEach(function (t, i) { if (g.townKeys[i].indexOf(q) === 0) { out.push({value: t.name, label: t.name}); } });
  g.nicknames.forEach(function (n, key) {
    if (key.indexOf(q) === 0) { out.push({value: n.name, label: n.name + " (" + n.place + ")"}); }
  });
  const typed = areaKey(q);
  (index.areas || []).forEach(function (a) {
    if (typed && areaKey(a.name).indexOf(typed) === 0) { out.push({value: a.name, label: a.name}); }
  });
  index.villages.forEach(function (v, i) {
    if (g.villageKeys[i].indexOf(q) === 0) { out.push({value: v.name, label: placeLabel(g.bySlug.get(v.town), v.name)}); }
  });
  return out.slice(0, max);
}

/** Places a misspelt name or ZIP may mean, closest first: [{value, label}], at most max (5).
 * A name is offered when it is a few edits away (one for short names) or sounds alike and is not far off;
 * a ZIP when one digit is wrong, missing, extra or two digits are swapped. */
export function suggest(index, query, max) {
  const g = gazetteer(index), q = norm(query).replace(/[^a-z0-9 '-]/g, ""), found = [];
  if (!q) { return found; }
  const nickname = g.nicknames.get(q);  // a nickname is its own answer: "Eastie" never becomes Easton
  if (nickname) { return [{value: nickname.name, label: nickname.name + " (" + nickname.place + ")"}]; }
  const named = g.areas.get(areaKey(q));  // so is an area's name: "the Cape" never becomes a town
  if (named) { return [{value: named.name, label: named.name}]; }
  if (/^\d{4,6}$/.test(q)) {
    index.zips.forEach(function (z) {
      const d = editDistance(q, z.zip);
      if (d <= 1) { found.push({value: z.zip, label: placeLabel(g.bySlug.get(z.town), z.zip), score: d}); }
    });
  } else if (q.length >= 3) {
    const sound = soundKey(q), allowed = q.length <= 4 ? 1 : q.length <= 8 ? 2 : 3;
    const consider = function (key, sounds, name, townRecord) {
      const d = editDistance(q, key);
      const alike = sounds === sound && d <= Math.ceil(key.length / 2);
      if (d <= allowed || alike) { found.push({value: name, label: placeLabel(townRecord, name), score: d - (alike ? 0.5 : 0)}); }
    };
    g.townKeys.forEach(function (key, i) { consider(key, g.townSounds[i], index.towns[i].name, index.towns[i]); });
    g.villageKeys.forEach(function (key, i) {
      consider(key, g.villageSounds[i], index.villages[i].name, g.bySlug.get(index.villages[i].town));
    });
    (index.areas || []).forEach(function (a) {  // "Cape Codd": Cape Cod, by edit distance only
      const d = editDistance(areaKey(q), areaKey(a.name));
      if (d <= allowed) { found.push({value: a.name, label: a.name, score: d}); }
    });
  }
  found.sort(function (a, b) { return a.score - b.score || a.label.localeCompare(b.label); });
  const seen = new Set();
  return found.filter(function (f) { return !seen.has(f.value) && seen.add(f.value); }).slice(0, max || 5)
    .map(function (f) { return {value: f.value, label: f.label}; });
}

/* Massachusetts ZIP codes start 010-027 or 055; a few well-known places just over the border, which a visitor
 * may type, are named here (a Massachusetts town or village of the same name always wins). */
const MA_ZIP = /^(0(1[0-9]|2[0-7])|055)/;
const ELSEWHERE = ["providence", "pawtucket", "woonsocket", "cranston", "east providence", "warwick ri", "newport ri",
  "nashua", "manchester nh", "portsmouth nh", "keene", "hartford", "new haven", "albany", "brattleboro",
  "bennington", "new york", "new york city", "rhode island", "new hampshire", "connecticut", "vermont", "maine"];

/** True when the text is a ZIP code or a known place outside Massachusetts (and no Massachusetts place). */
export function outside(query) {
  const q = norm(query).replace(/[.,]/g, "").replace(/\s+/g, " ");
  if (/^\d{5}(-?\d{4})?$/.test(q)) { return !MA_ZIP.test(q); }
  return ELSEWHERE.indexOf(q) >= 0 || ELSEWHERE.indexOf(q.replace(/ (ri|nh|ct|vt|ny|me)$/, "")) >= 0;
}

/** The town or village nearest a position (the visitor's own, which stays here): {label, name, town, miles}. */
export function nearestPlace(index, lat, lon) {
  const g = gazetteer(index);
  let best = null;
  function consider(name, townRecord, plat, plon) {
    const d = miles(lat, lon, plat, plon);
    if (!best || d < best.miles) { best = {label: placeLabel(townRecord, name), name: name, town: townRecord, miles: d}; }
  }
  index.towns.forEach(function (t) { consider(t.name, t, t.lat, t.lon); });
  index.villages.forEach(function (v) { consider(v.name, g.bySlug.get(v.town), v.lat, v.lon); });
  return best;
}

/* ---- travel distance: the same sums, in the same order, as leg() in generator/model/travel.py ---- */

/* The part of the state a point is in: that of the town whose centre is nearest. */
function zoneAt(index, lat, lon) {
  let best = null, bestMiles = Infinity;
  index.towns.forEach(function (t) {
    const d = miles(lat, lon, t.lat, t.lon);
    if (d < bestMiles) { best = t.zone; bestMiles = d; }
  });
  return best;
}

/* Miles from `from` to a point and how it was measured: within one part as the crow flies (via ""), else
 * through the crossings of the shortest route (via: their ids). */
function travel(index, from, to) {
  if (from.zone === to.zone) { return {miles: miles(from.lat, from.lon, to.lat, to.lon), via: ""}; }
  let best = null;
  (index.travel[from.zone + " " + to.zone] || []).forEach(function (r) {
    const d = miles(from.lat, from.lon, r.exit.lat, r.exit.lon) + r.miles + miles(r.entry.lat, r.entry.lon, to.lat, to.lon);
    if (!best || d < best.miles) { best = {miles: d, via: r.via}; }
  });
  return best;
}

/** Where distances are measured from: a town's centre (with its part of the state), or a position. */
export function origin(index, place) {
  return place.zone ? {lat: place.lat, lon: place.lon, zone: place.zone}
    : {lat: place.lat, lon: place.lon, zone: zoneAt(index, place.lat, place.lon)};
}

/** The point of a centre (it may have several sites) nearest to `from` by travel: {point, miles, via}, or null. */
export function nearest(index, center, from) {
  const start = origin(index, from);
  let best = null;
  center.points.forEach(function (point) {
    const leg = travel(index, start, point);
    if (leg && (!best || leg.miles < best.miles)) { best = {point: point, miles: leg.miles, via: leg.via}; }
  });
  return best;
}

/** Whether a centre moved or closed (its standing, model/freshness.py): never a nearest place with a distance. */
export function gone(center) { return center.standing === "moved" || center.standing === "closed"; }

function ended(center) { return center.standing === "may-have-ended" ? 1 : 0; }

/* Every located centre with its nearest point by travel from `from`: [{center, near}]. */
function measured(index, centers, from) {
  const start = origin(index, from);
  const found = [];
  centers.forEach(function (center) {
    const near = nearest(index, center, start);
    if (near) { found.push({center: center, near: near}); }
  });
  return found;
}

/** The centres ranked by travel from `from` (a town or {lat, lon}): [{center, near}], nearest first, those that
 * may have ended after every current choice (as the town pages rank them), equals in the index's order; centres
 * without a located site, and those that moved or closed, are left out. */
export function rank(index, centers, from) {
  return measured(index, centers.filter(function (center) { return !gone(center); }), from)
    .sort(function (a, b) { return ended(a.center) - ended(b.center) || a.near.miles - b.near.miles; });
}

/** The centres that moved or closed and would have been among the places within `limit` miles of `from`, nearest
 * first: [center], to name under "Changed recently" without a distance. */
export function changedNear(index, centers, from, limit) {
  return measured(index, centers.filter(gone), from).filter(function (m) { return m.near.miles <= limit; })
    .sort(function (a, b) { return a.near.miles - b.near.miles; }).map(function (m) { return m.center; });
}

/** Whether a distance should say where a listing is rather than how far: under 0.05 mi, its position only the centre
 * of its ZIP code or town ("in this town", never "0.0 mi", which claims it is next door). The town pages' rule:
 * generator/outputs/translations.py, in_place. */
export function inPlace(miles, precision) { return miles < 0.05 && (precision === "zip" || precision === "town"); }

const numberFormats = new Map();

/** A distance to a tenth of a mile in the page's locale and words: formatDistance(2.25, "en-GB") is "2.3 mi" and
 * formatDistance(2.25, "pt-BR", "{miles} milhas") "2,3 milhas" (as the town pages write it,
 * generator/outputs/translations.py; the unit is the catalogue's "{miles} mi"). */
export function formatDistance(value, locale, unit = "{miles} mi") {
  if (!numberFormats.has(locale)) {
    numberFormats.set(locale, new Intl.NumberFormat(locale, {minimumFractionDigits: 1, maximumFractionDigits: 1}));
  }
  return unit.replace("{miles}", numberFormats.get(locale).format(value));
}
