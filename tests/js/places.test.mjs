// The pure functions of content/assets/places.mjs, on a small index in the shape of /api/v1/find.json v2
// (schema/find.schema.json). Run: node --test tests/js/
import assert from "node:assert/strict";
import {test} from "node:test";

import {area, changedIn, changedNear, complete, formatDistance, inArea, inPlace, miles, nearest, nearestPlace, outside, rank, resolve, suggest} from "../../content/assets/places.mjs";

const town = (name, slug, lat, lon, zone, region = "western") => ({name, slug, lat, lon, region, prsc: "", rlc: "", zone});
const INDEX = {
  version: 2,
  towns: [
    town("Pittsfield", "pittsfield", 42.4501, -73.2454, "main"),
    town("Worcester", "worcester", 42.2626, -71.8023, "main", "central"),
    town("Barnstable", "barnstable", 41.7003, -70.3002, "cape", "southeast"),
    town("Nantucket", "nantucket", 41.2835, -70.0995, "nantucket", "southeast"),
    town("Boston", "boston", 42.316, -71.0898, "main", "metro-boston"),
    town("Easton", "easton", 42.0245, -71.1287, "main", "southeast"),
  ],
  villages: [{name: "Hyannis", town: "barnstable", lat: 41.6601, lon: -70.2967},
    {name: "East Boston", town: "boston", lat: 42.3642, lon: -71.0257},
    {name: "South Boston", town: "boston", lat: 42.3347, lon: -71.0375}],
  zips: [{zip: "01201", town: "pittsfield", lat: 42.4522, lon: -73.2506}, {zip: "02601", town: "barnstable", lat: 41.6601, lon: -70.2967},
    {zip: "01602", town: "worcester", lat: 42.2703, lon: -71.8416}, {zip: "02128", town: "boston", lat: 42.3642, lon: -71.0257}],
  nicknames: [{name: "Eastie", place: "East Boston"}, {name: "Southie", place: "South Boston"}],
  areas: [{name: "Cape Cod", also: ["the Cape"], towns: ["barnstable"], sources: []},
    {name: "Martha's Vineyard", also: ["the Vineyard"], towns: [], sources: []}],
  // One route from the mainland and the Cape to the island: out at the Hyannis terminal, 30 mi by ferry, in at
  // Nantucket's (the index names no route from the island back, so nothing there is measured from it).
  travel: {
    "cape nantucket": [{exit: {lat: 41.6525, lon: -70.2881}, miles: 30, entry: {lat: 41.2835, lon: -70.0995}, via: "ferry"}],
    "main nantucket": [{exit: {lat: 41.6525, lon: -70.2881}, miles: 30, entry: {lat: 41.2835, lon: -70.0995}, via: "ferry"}],
  },
  centers: [],
  coaches: [],
};
const center = (id, lat, lon, zone) => ({id, points: [{lat, lon, approximate: false, name: id, address: "", zone}]});

test("resolve: a town, a village, a ZIP and a ZIP+4 stand for their town, each measured from its own centre", () => {
  assert.equal(resolve(INDEX, "  pittsfield ").town.slug, "pittsfield");
  assert.deepEqual(resolve(INDEX, "pittsfield").at, {lat: 42.4501, lon: -73.2454, zone: "main"});
  assert.deepEqual(resolve(INDEX, "Hyannis"), {label: "Hyannis", town: INDEX.towns[2], at: {lat: 41.6601, lon: -70.2967, zone: "cape"}});
  assert.deepEqual(resolve(INDEX, "02601-1234"), {label: "02601", town: INDEX.towns[2], at: {lat: 41.6601, lon: -70.2967, zone: "cape"}});
  assert.deepEqual(resolve(INDEX, "01201").at, {lat: 42.4522, lon: -73.2506, zone: "main"});
  assert.equal(resolve(INDEX, "Atlantis"), null);
  assert.equal(resolve(INDEX, "99999"), null);
  assert.equal(resolve(INDEX, ""), null);
});

test("suggest: a misspelling, a sound-alike and a ZIP one digit off", () => {
  assert.deepEqual(suggest(INDEX, "Pittsfeild"), [{value: "Pittsfield", label: "Pittsfield"}]);
  assert.deepEqual(suggest(INDEX, "Worchester").map((s) => s.value), ["Worcester"]);
  assert.deepEqual(suggest(INDEX, "Hyanis"), [{value: "Hyannis", label: "Hyannis (Barnstable)"}]);
  assert.deepEqual(suggest(INDEX, "02061"), [{value: "02601", label: "02601 (Barnstable)"}]);
  assert.deepEqual(suggest(INDEX, "zz"), []);
  assert.equal(suggest(INDEX, "Pittsfeild", 0).length, 1);  // 0 or none: the default of five
});

test("complete: places that start with the text, villages named with their town", () => {
  assert.deepEqual(complete(INDEX, "hy", 8), [{value: "Hyannis", label: "Hyannis (Barnstable)"}]);
  assert.deepEqual(complete(INDEX, "016", 8), [{value: "01602", label: "01602 (Worcester)"}]);
  assert.deepEqual(complete(INDEX, "", 8), []);
});

test("outside: places over the border and ZIP codes of other states", () => {
  assert.ok(outside("Providence, RI") && outside("10001") && outside("Nashua"));
  assert.ok(!outside("Pittsfield") && !outside("01201") && !outside("05501"));
});

test("rank: nearest first by travel, through the route between parts of the state", () => {
  const here = center("here", 42.45, -73.25, "main");
  const far = center("far", 42.26, -71.80, "main");
  const island = center("island", 41.2835, -70.0995, "nantucket");
  const ranked = rank(INDEX, [far, island, here], INDEX.towns[0]);
  assert.deepEqual(ranked.map((r) => r.center.id), ["here", "far", "island"]);
  assert.equal(ranked[0].near.via, "");
  // From Barnstable (cape) to Nantucket: to the terminal, the ferry, then to the centre, in that order.
  const trip = nearest(INDEX, island, INDEX.towns[2]);
  const legs = miles(41.7003, -70.3002, 41.6525, -70.2881) + 30 + miles(41.2835, -70.0995, 41.2835, -70.0995);
  assert.deepEqual([trip.via, trip.miles], ["ferry", legs]);
  assert.equal(nearest(INDEX, here, INDEX.towns[3]), null);  // no route from the island in this index
  // A centre without a located site is left out; equals keep the index's order.
  const twin = center("twin", 42.45, -73.25, "main");
  assert.deepEqual(rank(INDEX, [here, {id: "nowhere", points: []}, twin], INDEX.towns[0]).map((r) => r.center.id), ["here", "twin"]);
});

test("rank: what may have ended comes after every current choice; what moved or closed is never ranked", () => {
  const standing = (c, value) => ({...c, standing: value});
  const oldNear = standing(center("old-near", 42.45, -73.25, "main"), "may-have-ended");
  const changed = standing(center("changed", 42.44, -73.24, "main"), "may-have-changed");
  const far = standing(center("far", 42.26, -71.80, "main"), "current");
  const moved = standing(center("moved", 42.4501, -73.2454, "main"), "moved");
  const closed = standing(center("closed", 42.0, -71.5, "main"), "closed");
  const all = [oldNear, moved, far, changed, closed];
  assert.deepEqual(rank(INDEX, all, INDEX.towns[0]).map((r) => r.center.id), ["changed", "far", "old-near"]);
  // Named without a distance when within the miles the list reaches, nearest first.
  assert.deepEqual(changedNear(INDEX, all, INDEX.towns[0], 80).map((c) => c.id), ["moved"]);
  assert.deepEqual(changedNear(INDEX, all, INDEX.towns[0], 500).map((c) => c.id), ["moved", "closed"]);
  assert.deepEqual(changedNear(INDEX, [far, oldNear], INDEX.towns[0], 500), []);
});

test("rank from a position finds its part of the state from the nearest town", () => {
  const ranked = rank(INDEX, [center("cape", 41.66, -70.29, "cape")], {lat: 41.70, lon: -70.30});
  assert.equal(ranked[0].near.via, "");
});

test("nearestPlace: the town or village nearest a position", () => {
  const found = nearestPlace(INDEX, 41.661, -70.297);
  assert.equal(found.name, "Hyannis");
  assert.equal(found.label, "Hyannis (Barnstable)");
  assert.ok(found.miles < 1);
});

test("formatDistance: a tenth of a mile, in the page's locale", () => {
  assert.equal(formatDistance(2.25, "en-GB"), "2.3 mi");
  assert.equal(formatDistance(12, "en-GB"), "12.0 mi");
  assert.equal(formatDistance(12.34, "pt-BR"), "12,3 mi");
  assert.equal(formatDistance(12.34, "pt-BR", "{miles} milhas"), "12,3 milhas");  // the catalogue's unit
  assert.equal(formatDistance(1234.5, "es-US"), "1,234.5 mi");
});

test("inPlace: a listing placed at its town's or ZIP code's centre, under 0.05 mi away, is in the place", () => {
  assert.equal(inPlace(0.049, "town"), true);
  assert.equal(inPlace(0.049, "zip"), true);
  assert.equal(inPlace(0.05, "town"), false);  // "0.1 mi"
  assert.equal(inPlace(0, "exact"), false);  // an exact position is as near as it says
});

test("miles: the geodesic distance the town pages use (Pittsfield to Worcester, about 76 mi)", () => {
  assert.equal(miles(42, -71, 42, -71), 0);
  const d = miles(42.4501, -73.2454, 42.2626, -71.8023);
  assert.ok(d > 74 && d < 78, String(d));
});

test("resolve: a nickname gives its neighbourhood's own position, labelled as typed", () => {
  const boston = INDEX.towns[4];
  assert.deepEqual(resolve(INDEX, "Southie"), {label: "Southie", town: boston, at: {lat: 42.3347, lon: -71.0375, zone: "main"}, place: "South Boston"});
  assert.deepEqual(resolve(INDEX, " eastie ").at, resolve(INDEX, "East Boston").at);
  assert.deepEqual(resolve(INDEX, "02128").at, resolve(INDEX, "Eastie").at);
  assert.notDeepEqual(resolve(INDEX, "East Boston").at, resolve(INDEX, "Boston").at);
});

test("suggest and complete: a nickname is its own answer, so Eastie never suggests Easton", () => {
  assert.deepEqual(suggest(INDEX, "Eastie"), [{value: "Eastie", label: "Eastie (East Boston)"}]);
  assert.deepEqual(complete(INDEX, "sout", 8), [{value: "Southie", label: "Southie (South Boston)"},
    {value: "South Boston", label: "South Boston (Boston)"}]);
});

test("rank: from a neighbourhood, its own listing comes first", () => {
  const harbor = center("harbor", 42.3642, -71.0257, "main"), roxbury = center("roxbury", 42.3251, -71.0953, "main");
  assert.deepEqual(rank(INDEX, [roxbury, harbor], resolve(INDEX, "Eastie").at).map((r) => r.center.id), ["harbor", "roxbury"]);
  assert.deepEqual(rank(INDEX, [harbor, roxbury], resolve(INDEX, "Boston").at).map((r) => r.center.id), ["roxbury", "harbor"]);
});

test("area: an area's name or other name, in any case, with or without its apostrophe or 'the'; a town is no area", () => {
  for (const typed of ["Cape Cod", "cape cod ", "the Cape", "The cape", "Cape"]) { assert.equal(area(INDEX, typed).name, "Cape Cod", typed); }
  for (const typed of ["Martha's Vineyard", "Martha\u2019s Vineyard", "marthas vineyard", "the Vineyard", "Vineyard"]) {
    assert.equal(area(INDEX, typed).name, "Martha's Vineyard", typed);
  }
  assert.equal(area(INDEX, "Nantucket"), null);  // the island is one town: a place, measured from its centre
  assert.equal(area(INDEX, "Barnstable"), null);
  assert.equal(resolve(INDEX, "Cape Cod"), null);  // never a point
});

test("area: offered as typed, and its name is its own answer (never a town), a misspelling corrected", () => {
  assert.deepEqual(complete(INDEX, "cape", 8), [{value: "Cape Cod", label: "Cape Cod"}]);
  assert.deepEqual(complete(INDEX, "Marthas", 8), [{value: "Martha's Vineyard", label: "Martha's Vineyard"}]);
  assert.deepEqual(suggest(INDEX, "the Cape"), [{value: "Cape Cod", label: "Cape Cod"}]);
  assert.deepEqual(suggest(INDEX, "Cape Codd"), [{value: "Cape Cod", label: "Cape Cod"}]);
});

test("inArea: the centres with a site in the area's towns, by town and name, ended after current, gone left out", () => {
  const at = (id, town, standing = "current") => ({id, name: id, standing,
    points: [{lat: 41.7, lon: -70.3, approximate: false, name: id, address: "", town, zone: "cape"}]});
  const cape = area(INDEX, "Cape Cod");
  const centers = [at("Zeta", "barnstable"), at("Alpha", "barnstable", "may-have-ended"), at("Beta", "barnstable"),
    at("Far", "pittsfield"), at("Shut", "barnstable", "closed")];
  assert.deepEqual(inArea(INDEX, centers, cape).map(n => n.center.id), ["Beta", "Zeta", "Alpha"]);
  assert.ok(inArea(INDEX, centers, cape).every(n => n.point.town === "barnstable" && !("miles" in n)));
  assert.deepEqual(changedIn(INDEX, centers, cape).map(c => c.id), ["Shut"]);
});
