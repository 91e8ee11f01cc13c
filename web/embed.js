/* kwalibot chat widget loader, served as /embed.js by `python -m bot.web`.
 *
 * One script tag on any page starts the widget:
 *   <script src="https://CHAT-HOST:8000/embed.js" data-title="Vraag het kwalibot" async></script>
 * Settings are data- attributes of that tag (all optional; docs/webchat.md has the full table):
 *   data-title, data-subtitle, data-placeholder   texts in the widget's header and input field
 *   data-target="#id"       render inside that element instead of as a launcher bubble
 *   data-embedded="true"    always open, no launcher (use with data-target)
 *   data-storage="local"    where the browser keeps the conversation: "local" (survives reloads and
 *                           closing the browser) or "session" (until the tab is closed)
 *   data-socket-url         the Rasa server, when not the one the page server announces
 *   data-init-payload       the first message sent for a new visitor (default "/greet")
 *   data-hide-when-not-connected="false"  keep the widget visible while the bot is unreachable
 *   data-color, data-user-color   the school's colours (#rgb or #rrggbb): header, launcher and buttons;
 *                           the visitor's own messages. Text on them is black or white, whichever
 *                           contrasts most, and the colour is darkened where it is text on white,
 *                           so every text keeps a contrast of at least 4.5:1 (WCAG 1.4.3)
 *   data-privacy, data-privacy-url, data-privacy-link   the privacy line under the input, the
 *                           school's privacy statement it links to, and the link's text
 * The server fills in SETTINGS: socketUrl (KWALIBOT_PUBLIC_RASA_URL or this host on the Rasa
 * port) and the path of the vendored rasa-webchat build on this server.
 *
 * After "verwijder mijn gesprek" is confirmed (the server erased the conversation and answers with
 * SETTINGS.erased), `forgetInBrowser` erases the browser's copy as well: rasa-webchat 1.0.1 keeps
 * every message in local/sessionStorage ("chat_session") and has no call to drop them, but when the
 * server confirms a session id other than the stored one it reloads its messages from storage. So
 * the stored copy is removed and the socket reconnected without a session id: the server starts a
 * new conversation, the widget's screen empties, and a status line says the conversation is gone.
 *
 * rasa-webchat 1.0.1 has no options for accessible names, live regions or keyboard use of its
 * reply buttons, so `accessible()` adds them to its DOM after each render (a MutationObserver on
 * the widget's own container). React leaves attributes and nodes it did not create alone, so
 * this survives re-renders; the vendored build itself stays the locked package's.
 */
(function () {
  "use strict";
  var SETTINGS = __KWALIBOT_SETTINGS__;
  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var base = script && script.src ? script.src : window.location.href;
  var DEFAULT_COLOR = "#135afe";
  var TEXT = {
    region: "Chat met kwalibot",
    log: "Gesprek met kwalibot",
    input: "Je vraag aan kwalibot",
    send: "Vraag versturen",
    close: "Chat sluiten",
    open: "Chat met kwalibot openen",
    fullScreen: "Volledig scherm",
    connecting: "Verbinden met kwalibot…",
    privacy: "Deel geen persoonlijke gegevens, zoals je adres of telefoonnummer. " +
             "Je gesprek wordt bewaard op de server van de school.",
    privacyLink: "Privacyverklaring"
  };

  function flag(value, fallback) {
    return value === undefined ? fallback : value === "true";
  }

  // -- colours (WCAG 2.1 relative luminance and contrast ratio) -------------------------------------
  function rgb(value) {
    var hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value || "").trim());
    if (!hex) return null;
    var digits = hex[1].length === 3 ? hex[1].replace(/./g, "$&$&") : hex[1];
    return [0, 2, 4].map(function (i) { return parseInt(digits.substr(i, 2), 16); });
  }

  function luminance(colour) {
    var c = colour.map(function (v) {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function hex(colour) {
    return "#" + colour.map(function (v) { return ("0" + Math.round(v).toString(16)).slice(-2); }).join("");
  }

  var WHITE = [255, 255, 255], BLACK = [0, 0, 0];

  function textOn(background) {
    return contrast(background, WHITE) >= contrast(background, BLACK) ? WHITE : BLACK;
  }

  // The colour itself where it reads on the background, else darkened step by step until it does.
  function readableOn(colour, background) {
    var c = colour;
    for (var step = 1; contrast(c, background) < 4.5 && step <= 20; step++) {
      c = colour.map(function (v) { return v * (1 - step / 20); });
    }
    return c;
  }

  function schoolColour(name, fallback) {
    var given = data[name];
    var parsed = rgb(given);
    if (given !== undefined && !parsed && window.console) {
      console.warn("kwalibot: data-" + name.replace(/[A-Z]/g, "-$&").toLowerCase() + '="' + given +
                   '" is geen kleur als #rgb of #rrggbb; de standaardkleur wordt gebruikt');
    }
    return parsed || fallback;
  }

  function theme() {
    var main = schoolColour("color", rgb(DEFAULT_COLOR));
    var user = schoolColour("userColor", main);
    var onMain = textOn(main), onUser = textOn(user);
    var ink = readableOn(main, WHITE);  // reply buttons and links: the colour as text on white
    var css = [
      ".rw-conversation-container .rw-header, .rw-conversation-container .rw-header .rw-title," +
      " .rw-conversation-container .rw-header span { color: " + hex(onMain) + " !important; }",
      ".rw-conversation-container .rw-client { background-color: " + hex(user) + " !important;" +
      " color: " + hex(onUser) + " !important; }",
      ".rw-conversation-container .rw-client a { color: " + hex(onUser) + " !important; }",
      ".rw-conversation-container .rw-reply, .rw-tooltip-body .rw-reply { color: " + hex(ink) + " !important; border-color: " + hex(ink) +
      " !important; background-color: #ffffff !important; }",
      ".rw-conversation-container .rw-response a { color: " + hex(readableOn(main, [244, 247, 249])) + "; }",
      // the "connecting" bar: white on the widget's light grey is 2:1
      ".rw-conversation-container .rw-loading { background-color: #5a6472 !important; color: #ffffff !important; }",
      (onMain === BLACK ? ".rw-launcher img, .rw-close-button img { filter: invert(1); }" : ""),
      // rasa-webchat removes every focus outline; keyboard users need to see where they are (WCAG 2.4.7)
      ".rw-conversation-container .rw-reply:focus-visible, .rw-conversation-container .rw-send:focus-visible," +
      " .rw-conversation-container .rw-close-button:focus-visible, .rw-launcher:focus-visible," +
      " .rw-messages-container:focus-visible, .kwalibot-privacy a:focus-visible" +
      " { outline: 3px solid " + hex(ink) + " !important; outline-offset: 2px; }",
      ".rw-conversation-container .rw-new-message:focus-visible { outline: 2px solid " + hex(ink) + " !important; }",
      // the widget's own styles come later in the page and set 16px on everything in it
      ".rw-conversation-container p.kwalibot-privacy { margin: 0 !important; padding: 4px 12px 8px !important;" +
      " background: #f4f7f9; color: #3d4654; font: 13px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto," +
      " sans-serif !important; }",
      ".rw-conversation-container p.kwalibot-notice { margin: 0 !important; padding: 8px 12px !important;" +
      " background: #ffffff; color: #1d2430; font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto," +
      " sans-serif !important; }",
      ".kwalibot-privacy a { color: " + hex(readableOn(main, [244, 247, 249])) + "; }",
      ".kwalibot-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);" +
      " white-space: nowrap; }"
    ].join("\n");
    var style = document.createElement("style");
    style.id = "kwalibot-theme";
    style.textContent = css;
    (document.head || document.body).appendChild(style);
    return { main: hex(main), user: hex(user), onUser: hex(onUser) };
  }

  // -- accessibility of rasa-webchat's DOM -----------------------------------------------------------
  function set(element, name, value) {
    if (element && element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  function privacyLine(container) {
    if (container.querySelector(".kwalibot-privacy")) return;
    var line = document.createElement("p");
    line.className = "kwalibot-privacy";
    line.id = "kwalibot-privacy";
    line.appendChild(document.createTextNode(data.privacy || TEXT.privacy));
    if (data.privacyUrl) {
      var link = document.createElement("a");
      link.href = data.privacyUrl;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = data.privacyLink || TEXT.privacyLink;
      line.appendChild(document.createTextNode(" "));
      line.appendChild(link);
    }
    container.appendChild(line);  // after the input form: React appends nothing there
  }

  function accessible(root) {
    var launcher = root.querySelector(".rw-launcher");
    var conversation = root.querySelector(".rw-conversation-container");
    if (launcher) {
      set(launcher, "aria-label", conversation ? TEXT.close : TEXT.open);
      set(launcher, "aria-expanded", conversation ? "true" : "false");
    }
    root.querySelectorAll(".rw-close-button").forEach(function (b) { set(b, "aria-label", TEXT.close); });
    root.querySelectorAll(".rw-toggle-fullscreen-button").forEach(function (b) { set(b, "aria-label", TEXT.fullScreen); });
    root.querySelectorAll(".rw-launcher img, .rw-header-buttons img").forEach(function (i) { set(i, "alt", ""); });
    var log = root.querySelector(".rw-messages-container");
    if (log) {
      set(log, "role", "log");
      set(log, "aria-live", "polite");
      set(log, "aria-label", TEXT.log);
      set(log, "tabindex", "0");  // a scrollable region: reachable by keyboard to read long answers
    }
    var input = root.querySelector(".rw-new-message");
    if (input) {
      set(input, "id", "kwalibot-vraag");
      set(input, "aria-describedby", "kwalibot-privacy");
      var form = input.form;
      if (form && !form.querySelector("label.kwalibot-label")) {
        var label = document.createElement("label");
        label.className = "kwalibot-label";
        label.htmlFor = "kwalibot-vraag";
        label.textContent = TEXT.input;
        form.appendChild(label);
      }
    }
    root.querySelectorAll(".rw-send").forEach(function (b) { set(b, "aria-label", TEXT.send); });
    root.querySelectorAll(".rw-send svg").forEach(function (s) { set(s, "aria-hidden", "true"); set(s, "focusable", "false"); });
    root.querySelectorAll("div.rw-reply").forEach(function (b) {
      set(b, "role", "button");
      set(b, "tabindex", "0");
    });
    if (conversation) privacyLine(conversation);
  }

  // Keyboard use: Enter or Space on a reply button is a click; afterwards, and after opening the
  // chat, the focus goes to the input (the clicked button disappears with the new answer).
  function keyboard(root) {
    function focusInput() {
      var tries = 0;
      (function again() {
        var input = root.querySelector(".rw-new-message");
        if (input && !input.disabled) return input.focus();
        if (++tries < 50) setTimeout(again, 100);
      })();
    }
    root.addEventListener("keydown", function (event) {
      var reply = event.target.closest && event.target.closest("div.rw-reply");
      if (reply && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        reply.click();
      }
    });
    root.addEventListener("click", function (event) {
      if (!event.target.closest) return;
      if (event.target.closest(".rw-reply")) setTimeout(focusInput, 0);
      var launcher = event.target.closest(".rw-launcher");
      if (launcher && launcher.getAttribute("aria-expanded") === "false") setTimeout(focusInput, 0);
    });
  }

  // -- "verwijder mijn gesprek": the browser's copy goes too --------------------------------------
  var STORED = "chat_session";  // rasa-webchat's storage key

  function storage() {
    return data.storage === "session" ? window.sessionStorage : window.localStorage;
  }

  function storedTexts() {
    try {
      var stored = JSON.parse(storage().getItem(STORED) || "{}");
      return (stored.conversation || []).map(function (m) { return m.text; });
    } catch (e) {
      return [];
    }
  }

  function notice(root, text) {
    var conversation = root.querySelector(".rw-conversation-container");
    if (!conversation) return;
    var line = conversation.querySelector(".kwalibot-notice");
    if (!line) {
      line = document.createElement("p");
      line.className = "kwalibot-notice";
      line.setAttribute("role", "status");
      var form = conversation.querySelector(".rw-sender");  // between the (now empty) messages and the input
      conversation.insertBefore(line, form && form.parentNode === conversation ? form : null);
      root.addEventListener("submit", function gone() {  // until the next question
        if (line.parentNode) line.parentNode.removeChild(line);
        root.removeEventListener("submit", gone, true);
      }, true);
    }
    line.textContent = text;
  }

  // `socket`: the socket.io client the confirmation came on (the `this` of a socket event handler).
  // The widget shows and stores a bot message only after its typing delay: wait for the stored copy
  // to hold the confirmation, so nothing of the old conversation is written back after the removal.
  function forgetInBrowser(root, socket) {
    var tries = 0;
    (function whenStored() {
      if (storedTexts().indexOf(SETTINGS.erased) < 0 && ++tries < 100) return setTimeout(whenStored, 50);
      storage().removeItem(STORED);
      socket.once("session_confirm", function () {  // the widget empties its screen on this event
        setTimeout(function () { notice(root, SETTINGS.erased); }, 0);
      });
      socket.disconnect();
      socket.connect();  // session_request without an id: a new, empty conversation
    })();
  }

  function start() {
    var colours = theme();
    var target = data.target ? document.querySelector(data.target) : null;
    if (!target) {  // the launcher: our own container, so the fixes stay inside the widget
      target = document.createElement("aside");
      target.setAttribute("aria-label", TEXT.region);
      document.body.appendChild(target);
    }
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      Promise.resolve().then(function () { pending = false; accessible(target); });
    }).observe(target, { childList: true, subtree: true });
    keyboard(target);
    window.WebChat.default({
      socketUrl: data.socketUrl || SETTINGS.socketUrl,
      socketPath: "/socket.io/",
      initPayload: data.initPayload || "/greet",
      customData: { language: "nl" },
      title: data.title || "kwalibot",
      subtitle: data.subtitle || "Vragen over mbo-kwalificaties",
      inputTextFieldHint: data.placeholder || "Typ je vraag…",
      connectingText: TEXT.connecting,
      embedded: flag(data.embedded, false),
      hideWhenNotConnected: flag(data.hideWhenNotConnected, true),
      showFullScreenButton: false,
      mainColor: colours.main,
      userBackgroundColor: colours.user,
      userTextColor: colours.onUser,
      params: { storage: data.storage === "session" ? "session" : "local" },
      onSocketEvent: {
        bot_uttered: function (message) {
          if (message && SETTINGS.erased && message.text === SETTINGS.erased) forgetInBrowser(target, this);
        }
      }
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
