/* Helpers shared by find.js, plan.js, towns.js, cards.mjs and eligibility.js, loaded before them (on a translated
 * page, after assets/strings.js). Nothing here is sent anywhere.
 *
 * Interface strings are English in the scripts. A translated page's strings.js (generated from
 * translations/<lang>.yaml) maps each English string to its translation and brings its locale and labels.
 * The scripts pass t() and tn() literal English strings, which is how the translation check finds them
 * (generator/outputs/translations.py, SCRIPTS): keep the strings there. Cards and their labels are not written in
 * scripts: they are the page's <template> elements (generator/outputs/templates/cards.html). */
(function () {
  "use strict";

  var I18N = window.PRN_I18N || {lang: "en", locale: "en-GB", strings: {}, labels: {}};
  /* Registry text (names, hours) stays English: on a translated page its element gets lang="en". */
  var EN = I18N.lang === "en" ? {} : {lang: "en"};

  function fill(text, vars) {
    return text.replace(/\{(\w+)\}/g, function (m, name) { return vars && name in vars ? String(vars[name]) : m; });
  }

  /* The string in the page's language, with {name} filled in from vars. */
  function t(text, vars) {
    var entry = I18N.strings[text];
    return fill(typeof entry === "string" && entry ? entry : text, vars);
  }

  /* A string with a count: the language's plural form for n ({n} and vars filled in). */
  function tn(one, other, n, vars) {
    var entry = I18N.strings[one], all = Object.assign({n: n}, vars);
    if (entry && typeof entry === "object") {
      return fill(entry[new Intl.PluralRules(I18N.locale).select(n)] || entry.other, all);
    }
    return fill(n === 1 ? one : other, all);
  }

  function withEN(attrs) { return Object.assign({}, attrs, EN); }

  /* An element; text goes in with textContent only, so text from data is never read as HTML. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) {
      if (child) { node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); }
    });
    return node;
  }

  /* A YYYY-MM-DD date as a local calendar day (never a UTC midnight), or null when it is not a real day. */
  function parseDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!m) { return null; }
    var d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return d.getMonth() === Number(m[2]) - 1 ? d : null;
  }

  /* Dates the page's way: date(d, {day: "numeric", month: "long"}) (distances: places.mjs, formatDistance). Each
   * format is made once (toLocaleDateString with options makes a new one on every call: the planner dates
   * every step). */
  var formats = {};
  function formatter(kind, options) {
    var key = kind + JSON.stringify(options || {});
    formats[key] = formats[key] || new Intl[kind](I18N.locale, options);
    return formats[key];
  }
  function date(d, options) { return formatter("DateTimeFormat", options).format(d); }

  window.PRN = {i18n: I18N, t: t, tn: tn, withEN: withEN, el: el, parseDay: parseDay, date: date};
})();
