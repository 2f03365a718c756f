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
