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

  /* The towns, villages and ZIP codes of an index, with their names normalised once:
   * every keystroke compares against all of them. */
  function gazetteer(index) {
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

  /* The point of a centre (it may have several sites) nearest to lat, lon: {point, miles}, or null. */
  function nearest(center, lat, lon) {
    var best = null;
    center.points.forEach(function (point) {
      var d = miles(lat, lon, point.lat, point.lon);
      if (!best || d < best.miles) { best = {point: point, miles: d}; }
    });
    return best;
  }

  window.PRN_PLACES = {norm: norm, miles: miles, gazetteer: gazetteer, nearest: nearest};
})();
