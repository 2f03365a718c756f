/* "Copy link" on listings and /find/ results (templates/_macros.html, share): puts the listing's address on the
 * clipboard and says so in the button's own words (data-done, from the catalogue). The buttons show only where
 * the browser can copy. Nothing is sent anywhere: "Text this" is a plain sms: link the visitor sends themselves. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) { return; }
  document.documentElement.classList.add("prn-can-copy");
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".prn-share__copy");
    if (!button) { return; }
    var status = button.parentNode.querySelector(".prn-share__done");
    navigator.clipboard.writeText(button.dataset.url).then(function () {
      status.textContent = button.dataset.done;
    }, function () {
      status.textContent = button.dataset.url;  // not allowed here: the address, to copy by hand
    });
  });
})();
