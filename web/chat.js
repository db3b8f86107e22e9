/* Start the chat widget (rasa-webchat) against the assistant's socket.io channel.
 * window.ASSISTANT comes from config.js (written by tools/web.py from RASA_PUBLIC_URL);
 * without it the widget talks to port 5005 of the host that served this page. */
(function () {
  "use strict";
  var config = window.ASSISTANT || {};
  var socketUrl = config.socketUrl || (window.location.protocol + "//" + window.location.hostname + ":5005");
  var number = document.getElementById("emergency-number");
  if (number && config.emergencyNumber) { number.textContent = config.emergencyNumber; }
  window.WebChat.default({
    socketUrl: socketUrl,
    socketPath: "/socket.io/",
    initPayload: "/greet",
    title: "Pain questions",
    subtitle: "General information, not a diagnosis",
    inputTextFieldHint: "Ask about your pain…",
    connectingText: "Connecting to the assistant…",
    params: { storage: "local" },
    showMessageDate: false,
    hideWhenNotConnected: false,
    customData: { language: "en" }
  }, null);
})();
