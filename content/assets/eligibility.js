/* "Does MassHealth pay for a coach?": turns the printable checklist into an answer as soon as the
 * visitor chooses. Without this script the page is still complete: every outcome is written out
 * below the questions. Nothing chosen here is stored or sent anywhere. */
(function () {
  "use strict";

  var form = document.getElementById("prn-eligibility");
  var result = document.getElementById("prn-eligibility-result");
  if (!form || !result) { return; }

  /* English here; a translated page loads assets/strings.js first (assets/common.js). */
  var t = window.PRN.t;

  function answer(name) {
    var checked = form.querySelector("input[name='" + name + "']:checked");
    return checked ? checked.value : "";
  }

  /* The first outcome that fits, or the number of the next question to answer. */
  function outcome() {
    var member = answer("member"), sud = answer("sud"), referral = answer("referral");
    if (!member) { return {ask: 1}; }
    if (member === "no") { return {id: "not-member"}; }
    if (member === "unsure") { return {id: "unsure-member"}; }
    if (!sud) { return {ask: 2}; }
    if (sud === "no") { return {id: "not-sud"}; }
    if (!referral) { return {ask: 3}; }
    return {id: referral === "yes" ? "likely" : "need-referral"};
  }

  function show() {
    var found = outcome();
    var sections = document.querySelectorAll(".prn-outcome");
    sections.forEach(function (section) {
      section.classList.toggle("prn-outcome--match", section.dataset.outcome === found.id);
    });
    result.textContent = "";
    result.classList.toggle("prn-result--shown", Boolean(found.id));
    result.removeAttribute("data-outcome");
    if (!found.id) {
      if (answer("member")) {
        var hint = document.createElement("p");
        hint.textContent = t("Now answer question {n}.", {n: found.ask});
        result.appendChild(hint);
      }
      return;
    }
    var section = document.getElementById("outcome-" + found.id);
    result.dataset.outcome = found.id;
    var heading = document.createElement("p");
    heading.className = "prn-result__title";
    /* Each outcome's heading is "If ...: the answer" in every language: the answer is after the first colon. */
    var title = section.querySelector("h3").textContent.replace(/\s*¶\s*$/, "").replace(/^[^:]*:\s*/, "");
    heading.textContent = t("Your answer:") + " " + title.charAt(0).toUpperCase() + title.slice(1);
    result.appendChild(heading);
    var next = section.querySelector(".prn-outcome__next").cloneNode(true);
    next.removeAttribute("id");
    next.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    result.appendChild(next);
    var more = document.createElement("p");
    var link = document.createElement("a");
    link.href = "#outcome-" + found.id;
    link.textContent = t("More about this answer");
    more.appendChild(link);
    result.appendChild(more);
  }

  form.addEventListener("change", show);
  form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  show();
})();
