/* The page's language, decided before the page is drawn (loaded in <head>):
 * ?lang=fa or ?lang=en (the switch's links; the choice is remembered on this device),
 * else the choice made before, else the browser's language (fa… is Persian), else English.
 * Sets <html lang dir> (Persian is right-to-left) and the title; style.css shows the
 * <main> of that language, and chat.js starts the widget in it. */
(function () {
  "use strict";
  var LANGUAGES = { en: "ltr", fa: "rtl" };
  var TITLES = {
    en: "Pain in autoimmune diseases — ask our assistant",
    fa: "درد در بیماری‌های خودایمنی؛ از دستیار ما بپرسید"
  };
  var KEY = "assistant_page_language";

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(lang) {
    try { window.localStorage.setItem(KEY, lang); } catch (e) { /* storage blocked: the link still works */ }
  }

  var asked = (new URLSearchParams(window.location.search).get("lang") || "").toLowerCase();
  var lang;
  if (LANGUAGES[asked]) {
    lang = asked;
    remember(lang);
  } else if (LANGUAGES[stored()]) {
    lang = stored();
  } else {
    lang = String(navigator.language || "").toLowerCase().indexOf("fa") === 0 ? "fa" : "en";
  }
  var root = document.documentElement;
  root.lang = lang;
  root.dir = LANGUAGES[lang];
  document.title = TITLES[lang];
  window.PAGE_LANGUAGE = lang;

  document.addEventListener("DOMContentLoaded", function () {
    var links = document.querySelectorAll(".languages a[hreflang]");
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("hreflang") === lang) { links[i].setAttribute("aria-current", "page"); }
    }
  });
})();
