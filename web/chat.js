/* Start the chat widget (rasa-webchat) against the assistant's socket.io channel.
 * window.ASSISTANT comes from config.js (written by tools/web.py from RASA_PUBLIC_URL);
 * without it the widget talks to port 5005 of the host that served this page.
 *
 * Language: window.ASSISTANT.language, else the page's <html lang> (lang.js sets it on the
 * demo page): "fa…" is Persian, anything else English. It picks the widget's own texts and
 * the greeting (the assistant reads the `language` of the /greet payload). Each message takes
 * its own direction (dir="auto": Persian right-to-left, English left-to-right). */
(function () {
  "use strict";
  var TEXTS = {
    en: {
      initPayload: "/greet",
      title: "Pain questions",
      subtitle: "General information, not a diagnosis",
      inputTextFieldHint: "Ask about your pain…",
      connectingText: "Connecting to the assistant…",
      launcher: "Open the chat with the assistant",
      send: "Send",
      conversation: "Conversation with the assistant"
    },
    fa: {
      initPayload: '/greet{"language":"fa"}',
      title: "پرسش‌های درد",
      subtitle: "اطلاعات عمومی، نه تشخیص پزشکی",
      inputTextFieldHint: "دربارهٔ دردتان بپرسید…",
      connectingText: "در حال اتصال به دستیار…",
      launcher: "گفت‌وگو با دستیار",
      send: "ارسال",
      conversation: "گفت‌وگو با دستیار"
    }
  };
  var SESSION = "chat_session"; // rasa-webchat's fixed storage key
  var SESSION_LANGUAGE = "assistant_chat_language";
  var PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";

  var config = window.ASSISTANT || {};
  var socketUrl = config.socketUrl || (window.location.protocol + "//" + window.location.hostname + ":5005");
  var wanted = String(config.language || document.documentElement.lang || "en").toLowerCase();
  var lang = wanted.indexOf("fa") === 0 ? "fa" : "en";
  var texts = TEXTS[lang];

  // The emergency number in the page's text (Persian digits in Persian text).
  if (config.emergencyNumber) {
    var numbers = document.querySelectorAll(".emergency-number");
    for (var i = 0; i < numbers.length; i++) {
      var persian = (numbers[i].closest("[lang]") || document.documentElement).getAttribute("lang") === "fa";
      numbers[i].textContent = persian ? String(config.emergencyNumber).replace(/[0-9]/g, function (d) {
        return PERSIAN_DIGITS.charAt(+d);
      }) : config.emergencyNumber;
    }
  }

  /* rasa-webchat keeps one conversation under a fixed key. Keep one per language: on a change
   * of language, put the stored conversation aside under its language and bring back the one
   * of the new language (or none: the widget then greets in the new language). */
  function keepOneConversationPerLanguage() {
    try {
      var store = window.localStorage;
      var current = store.getItem(SESSION_LANGUAGE) || "en"; // before this, every conversation was English
      if (current !== lang) {
        var open = store.getItem(SESSION);
        if (open !== null) { store.setItem(SESSION + "." + current, open); }
        var kept = store.getItem(SESSION + "." + lang);
        if (kept !== null) {
          store.setItem(SESSION, kept);
          store.removeItem(SESSION + "." + lang);
        } else {
          store.removeItem(SESSION);
        }
      }
      store.setItem(SESSION_LANGUAGE, lang);
    } catch (e) { /* storage blocked: the widget starts a new conversation anyway */ }
  }

  /* Each message, quick reply, the title and the input take the direction of their own text;
   * the widget's buttons get names and its message list can be scrolled from the keyboard
   * (rasa-webchat gives neither). */
  var DIRECTED = ".rw-message-text, .rw-reply, .rw-new-message, .rw-title";
  function each(node, selector, fn) {
    if (node.matches(selector)) { fn(node); }
    var found = node.querySelectorAll(selector);
    for (var j = 0; j < found.length; j++) { fn(found[j]); }
  }
  function label(text) {
    return function (el) { if (!el.getAttribute("aria-label")) { el.setAttribute("aria-label", text); } };
  }
  function prepare(node) {
    if (node.nodeType !== 1) { return; }
    each(node, DIRECTED, function (el) { el.setAttribute("dir", "auto"); });
    each(node, ".rw-launcher", label(texts.launcher));
    each(node, ".rw-send", label(texts.send));
    each(node, ".rw-new-message", label(texts.inputTextFieldHint));
    each(node, ".rw-widget-container", function (el) {
      el.setAttribute("role", "complementary");
      label(texts.title)(el);
    });
    each(node, ".rw-title", function (el) { el.setAttribute("aria-level", "2"); }); // an h4 right after the page's h1
    each(node, "#rw-messages", function (el) {
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "log");
      label(texts.conversation)(el);
    });
  }
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      for (var k = 0; k < mutation.addedNodes.length; k++) { prepare(mutation.addedNodes[k]); }
    });
  }).observe(document.body, { childList: true, subtree: true });

  keepOneConversationPerLanguage();
  window.WebChat.default({
    socketUrl: socketUrl,
    socketPath: "/socket.io/",
    initPayload: texts.initPayload,
    title: texts.title,
    subtitle: texts.subtitle,
    inputTextFieldHint: texts.inputTextFieldHint,
    connectingText: texts.connectingText,
    params: { storage: "local" },
    showMessageDate: false,
    hideWhenNotConnected: false,
    customData: { language: lang }
  }, null);
  prepare(document.body);
})();
