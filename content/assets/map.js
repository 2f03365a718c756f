/* The frame guard, first: a page framed by another site (clickjacking) is hidden (html[data-prn-framed], site.css
 * and map-page.css) and asks to be shown on its own, which browsers allow only after a tap in the frame. A page at
 * the top, or framed by this same site (the map on centre and town pages), is never hidden: nothing hides a page
 * before this runs, so a script that fails to load never leaves a blank page (and a frame with scripts switched
 * off defeats any such guard: docs/ARCHITECTURE.md). The embed cards (/embed/) have no script and no guard. */
(function () {
  var ours = window.top === window.self;
  try {
    ours = ours || window.top.location.origin === window.location.origin;
  } catch (error) { /* another site's frame: its location cannot be read */ }
  if (ours) { return; }
  document.documentElement.setAttribute("data-prn-framed", "");
  try {
    window.top.location.href = window.location.href;
  } catch (error) { /* refused: the page stays hidden */ }
})();

/* "Show map" buttons: the map (and its third-party tiles) loads only when a visitor asks. */
(function () {
  "use strict";

  function enable(root) {
    root.querySelectorAll(".prn-map[data-map-src]").forEach(function (figure) {
      var button = figure.querySelector(".prn-map__show");
      if (!button || button.dataset.ready) { return; }
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var frame = document.createElement("iframe");
        // The visitor chose to see the map: the embedded map page loads its street tiles at once.
        var src = figure.dataset.mapSrc.split("#");
        frame.src = src[0] + "?street=1" + (src.length > 1 ? "#" + src[1] : "");
        frame.title = figure.dataset.mapTitle;
        frame.className = "prn-map__frame";
        button.replaceWith(frame);
      });
    });
  }

  if (window.document$) {
    window.document$.subscribe(function () { enable(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { enable(document); });
  }
})();
