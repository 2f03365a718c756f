/* The site's service worker for one language, written by the build (generator/outputs/offline.py) at the
 * language's root with its precache list inlined: [path below this file, first 16 hex digits of its SHA-256].
 * It asks only this site, only for the files on that list, and only once a page has loaded and registered it
 * (content/assets/offline.js). Requests to other origins (map tiles) are never answered or kept here.
 * Online, pages come from the network; offline, from the one cache of this build, and a page served from the
 * cache gets its scripts and data from that same cache, so no page mixes two builds. Pages not kept get the
 * offline page (every help line as a tel: link). */
"use strict";
var PRECACHE = /*PRN-PRECACHE*/null;
var PREFIX = "prn-" + PRECACHE.lang + "-";
var CACHE = PREFIX + PRECACHE.version;
var fromCache = new Set(); // the pages (client ids) this worker answered from the cache

function full(path) { return new URL(path, self.location).href; }

function hex(buffer) {
  return crypto.subtle.digest("SHA-256", buffer).then(function (digest) {
    return Array.from(new Uint8Array(digest), function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  });
}

/* Fetch one file, check it is the build's (a CDN may still hand out the old one), keep it gzipped. */
function keep(cache, entry) {
  var type;
  return fetch(full(entry[0]), {cache: "no-store", credentials: "same-origin"}).then(function (response) {
    if (!response.ok) { throw new Error(entry[0] + ": " + response.status); }
    type = response.headers.get("content-type") || "";
    return response.arrayBuffer();
  }).then(function (body) {
    return hex(body).then(function (digest) {
      if (digest.slice(0, entry[1].length) !== entry[1]) { throw new Error(entry[0] + " is not this build's"); }
      return new Response(new Blob([body]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
    });
  }).then(function (packed) {
    return cache.put(full(entry[0]), new Response(packed, {headers: {"content-type": type}}));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    var queue = PRECACHE.files.slice();
    function next() { return queue.length ? keep(cache, queue.shift()).then(next) : null; }
    return Promise.all([next(), next(), next(), next()]).catch(function (err) {
      return caches.delete(CACHE).then(function () { throw err; }); // all or nothing: the next visit tries again
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function unpack(hit) {
  return new Response(hit.body.pipeThrough(new DecompressionStream("gzip")),
    {headers: {"content-type": hit.headers.get("content-type")}});
}

/* The kept copy of a request, unpacked; a page is found with or without its query and final slash. */
function lookup(url, page) {
  return caches.open(CACHE).then(function (cache) {
    var bare = url.split("#")[0].split("?")[0];
    return cache.match(bare).then(function (hit) {
      return hit || (page && !/\/$|\.\w+$/.test(bare) ? cache.match(bare + "/") : hit);
    }).then(function (hit) {
      return hit || (page && /\/index\.html$/.test(bare) ? cache.match(bare.slice(0, -10)) : hit);
    });
  }).then(function (hit) { return hit && unpack(hit); });
}

/* The offline page, its links made to work from the address asked for. */
function offlinePage() {
  return lookup(full(PRECACHE.offline), true).then(function (hit) {
    return hit && hit.text().then(function (html) {
      return new Response(html.replace("<head>", '<head><base href="' + full(PRECACHE.offline) + '">'),
        {headers: {"content-type": "text/html; charset=utf-8"}});
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      fromCache.delete(event.resultingClientId);
      return response;
    }, function (err) {
      return lookup(request.url, true).then(function (hit) { return hit || offlinePage(); }).then(function (hit) {
        if (!hit) { throw err; }
        fromCache.add(event.resultingClientId);
        return hit;
      });
    }));
  } else if (fromCache.has(event.clientId)) {
    event.respondWith(lookup(request.url, false).then(function (hit) { return hit || fetch(request); }));
  } else {
    event.respondWith(fetch(request).catch(function (err) {
      return lookup(request.url, false).then(function (hit) { if (!hit) { throw err; } return hit; });
    }));
  }
});

/* A page asks whether it is kept (content/assets/offline.js): the answer names this worker's root. */
self.addEventListener("message", function (event) {
  if (event.data !== "prn-status" || !event.ports[0]) { return; }
  event.ports[0].postMessage({scope: self.registration.scope, version: PRECACHE.version,
    fromCache: fromCache.has(event.source && event.source.id)});
});
