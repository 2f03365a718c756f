/* Places and distances shared by /find/ and /plan/, from /api/v1/find.json. Loaded before both.
 * Everything runs in the browser: nothing typed is sent anywhere. */
(function () {
  "use strict";

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

  /* The towns, villages and ZIP codes of an index, with their names normalised once:
   * every keystroke compares against all of them. */
  function gazetteer(index) {
    routes = index.travel;
    towns = index.towns;
    var townKeys = index.towns.map(function (t) { return norm(t[0]); });
    var villageKeys = index.villages.map(function (v) { return norm(v[0]); });
    return {
      townKeys: townKeys,
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

  window.PRN_PLACES = {norm: norm, miles: miles, gazetteer: gazetteer, nearest: nearest};
})();
