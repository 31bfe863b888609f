/* The checker's side of embedding (/embed/). Runs before Python starts.

   The partner's loader (embed.js) passes options in this page's address. Each one is checked
   again here against an allow-list, and used only as plain text or as a checked colour value:
   nothing from the address is ever put into the page as HTML or CSS.
   - partner: the origin of the page that frames us. Messages go only there (exact target origin).
   - Resize messages carry a height and nothing else.
   - Result messages are opt-in (share=level): only then, and after telling the reader on screen,
     is {"type": "triage:result", "condition": ..., "level": ...} posted when a result shows.
   Decides nothing clinical and never reads the answers. */
(function () {
  "use strict";
  var LEVELS = ["emergency", "doctor_needed", "doctor_advised", "self_care"];
  var root = document.querySelector("[data-triage-checker-app]");
  var wrapper = document.querySelector("[data-triage-embed]");
  if (!root || !wrapper) return;
  var params = new URLSearchParams(window.location.search);

  function partnerOrigin(value) {
    if (!value) return null;
    try {
      var url = new URL(value);
      if ((url.protocol !== "https:" && url.protocol !== "http:") || url.origin !== value) return null;
    } catch (e) {
      return null;
    }
    // Where the browser can say who frames us, the claim must match it.
    var ancestors = window.location.ancestorOrigins;
    if (ancestors && ancestors.length && ancestors[0] !== value) return null;
    if (window.parent === window) return null;
    return value;
  }

  function luminance(hex) {
    var rgb = [1, 3, 5].map(function (i) {
      var c = parseInt(hex.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  }

  // The accent is used for white text on it and as a colour on white: both need 4.5:1 (WCAG AA).
  function readableAccent(value) {
    if (!/^[0-9a-fA-F]{6}$/.test(value || "")) return null;
    var hex = "#" + value.toLowerCase();
    return 1.05 / (luminance(hex) + 0.05) >= 4.5 ? hex : null;
  }

  var partner = partnerOrigin(params.get("partner"));
  var emergency = (params.get("emergency") || "").trim();
  var accent = readableAccent(params.get("accent"));
  var links = params.get("links") === "this-tab" ? "_top" : "_blank";

  // Emergency number: digits, spaces and + only. Shown as text by the checker and here.
  if (/^\+?[0-9][0-9 ]{0,15}$/.test(emergency)) {
    root.setAttribute("data-emergency-number", emergency);
    var spots = document.querySelectorAll("[data-triage-emergency-text]");
    for (var i = 0; i < spots.length; i++) spots[i].textContent = emergency;
  }

  // Source links open in a new tab (default) or replace the partner's page.
  root.setAttribute("data-link-target", links);
  var anchors = wrapper.querySelectorAll("a[href]");
  for (var j = 0; j < anchors.length; j++) {
    anchors[j].setAttribute("target", links);
    anchors[j].setAttribute("rel", "noopener");
  }

  if (params.get("fhir") === "off") root.setAttribute("data-fhir-download", "off");

  if (params.get("compact") === "1") document.documentElement.setAttribute("data-compact", "");

  if (accent) {
    ["--sa-accent", "--sa-accent-hover"].forEach(function (name) {
      document.body.style.setProperty(name, accent);
    });
  }

  if (!partner) return;   // Not framed by a page that said who it is: post nothing at all.

  // Height: post whenever the content's height changes.
  var lastHeight = 0;
  function postHeight() {
    var height = Math.ceil(wrapper.getBoundingClientRect().bottom + window.scrollY + 8);
    if (height !== lastHeight) {
      lastHeight = height;
      window.parent.postMessage({type: "triage:resize", height: height}, partner);
    }
  }
  if (window.ResizeObserver) new ResizeObserver(postHeight).observe(wrapper);
  window.addEventListener("load", postHeight);
  postHeight();

  // Result level: only when the partner asked for it, and after telling the reader.
  if (params.get("share") !== "level") return;
  var notice = document.querySelector("[data-triage-shared]");
  if (notice) {
    notice.textContent = "This checker is shown on " + new URL(partner).host + ". When you get " +
      "your result, that website is told how urgent it is, for example \u201csee a doctor\u201d. " +
      "It is not told your answers.";
    notice.hidden = false;
  }
  var condition = root.getAttribute("data-condition");
  var shown = null;
  new MutationObserver(function () {
    var level = root.getAttribute("data-level");
    if (level === shown) return;
    shown = level;
    if (level && LEVELS.indexOf(level) !== -1) {
      window.parent.postMessage({type: "triage:result", condition: condition, level: level}, partner);
    }
  }).observe(root, {attributes: true, attributeFilter: ["data-level"]});
})();
