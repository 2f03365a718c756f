/* Keeps this language of the site offline: registers its service worker (sw.js at the language's root, written
 * by the build) once the page has loaded, and fills the page's line (#prn-offline) with "Available offline" or
 * "Offline: showing information from <date>" when the worker answers for this page. Nothing is asked of any
 * other site; the worker asks this one only after this visit. */
(function () {
  var line = document.getElementById("prn-offline");
  var script = document.currentScript;
  if (!line || !script || !("serviceWorker" in navigator) || !window.caches) { return; }
  var root = new URL("../", script.src).href; // this script is in <language root>/assets/

  function ask() {
    var worker = navigator.serviceWorker.controller;
    if (!worker) { return; }
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) {
      if (event.data.scope !== root) { return; } // another language's worker: this one is not kept yet
      line.textContent = event.data.fromCache || !navigator.onLine ? line.dataset.offline : line.dataset.online;
    };
    worker.postMessage("prn-status", [channel.port2]);
  }

  navigator.serviceWorker.addEventListener("controllerchange", ask);
  window.addEventListener("online", ask);
  window.addEventListener("offline", ask);
  ask();
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(root + "sw.js", {scope: root}).catch(function () { /* stays online-only */ });
  });
})();
