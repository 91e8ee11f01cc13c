/* kwalibot chat widget loader, served as /embed.js by `python -m bot.web`.
 *
 * One script tag on any page starts the widget:
 *   <script src="https://CHAT-HOST:8000/embed.js" data-title="Vraag het kwalibot" async></script>
 * Settings are data- attributes of that tag (all optional):
 *   data-title, data-subtitle, data-placeholder   texts in the widget's header and input field
 *   data-target="#id"       render inside that element instead of as a launcher bubble
 *   data-embedded="true"    always open, no launcher (use with data-target)
 *   data-storage="local"    where the browser keeps the conversation: "local" (survives reloads and
 *                           closing the browser) or "session" (until the tab is closed)
 *   data-socket-url         the Rasa server, when not the one the page server announces
 *   data-init-payload       the first message sent for a new visitor (default "/greet")
 *   data-hide-when-not-connected="false"  keep the widget visible while the bot is unreachable
 * The server fills in SETTINGS: socketUrl (KWALIBOT_PUBLIC_RASA_URL or this host on the Rasa
 * port) and the path of the vendored rasa-webchat build on this server.
 */
(function () {
  "use strict";
  var SETTINGS = __KWALIBOT_SETTINGS__;
  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var base = script && script.src ? script.src : window.location.href;

  function flag(value, fallback) {
    return value === undefined ? fallback : value === "true";
  }

  function start() {
    var target = data.target ? document.querySelector(data.target) : null;
    window.WebChat.default({
      socketUrl: data.socketUrl || SETTINGS.socketUrl,
      socketPath: "/socket.io/",
      initPayload: data.initPayload || "/greet",
      customData: { language: "nl" },
      title: data.title || "kwalibot",
      subtitle: data.subtitle || "Vragen over mbo-kwalificaties",
      inputTextFieldHint: data.placeholder || "Typ je vraag…",
      embedded: flag(data.embedded, false),
      hideWhenNotConnected: flag(data.hideWhenNotConnected, true),
      showFullScreenButton: false,
      params: { storage: data.storage === "session" ? "session" : "local" }
    }, target);
  }

  if (window.WebChat && window.WebChat.default) {
    start();
    return;
  }
  var widget = document.createElement("script");
  widget.src = new URL(SETTINGS.widget, base).href;
  widget.async = true;
  widget.onload = start;
  widget.onerror = function () {
    if (window.console) console.error("kwalibot: de chatwidget kon niet geladen worden van " + widget.src);
  };
  (document.head || document.body).appendChild(widget);
})();
