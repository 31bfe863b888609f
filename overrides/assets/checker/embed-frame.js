/* The checker's side of embedding (/embed/). Runs before Python starts.

   Opened on its own (not in a frame), the page takes no options: it is the checker as on
   /checker/. In a frame, it says hello to its parent window and waits (at most ANSWER_MS) for
   the partner's loader (embed.js) to answer with the options. It takes the answer only from
   its real parent: a message whose source is window.parent and whose origin is a web origin
   that, where the browser says who frames us (location.ancestorOrigins), is that one. Nothing
   optional is ever read from the address. Each option is checked again here against an
   allow-list and used only as plain text or as a checked colour value, never as HTML or CSS:
   - emergency: one of the official emergency numbers (the build writes the list in), shown
     with the partner's origin, "112 (number provided by https://clinic.example)";
   - accent, compact, links (where links to our articles open);
   - autoHeight: only then are resize messages posted (the height shows progress and result);
   - share ("level"): only then, after telling the reader on screen, is
     {"type": "triage:result", "condition": ..., "level": ...} posted when a result shows.
   Messages go only to the partner's origin (an exact target origin); the hello, which carries
   nothing, goes to the parent before its origin is known. A page that frames us without
   answering gets the plain checker, and a link's answers (the fragment) are read only when the
   page is not framed or the parent has answered. Decides nothing clinical, never reads the
   answers. */
(function () {
  "use strict";
  // Level ids per condition and the official emergency numbers: written in by the build
  // (site_build/embed_data.py) from the rules and site_build/emergency_numbers.py.
  var DATA = /*@embed-data@*/{};
  var ANSWER_MS = 2000;
  var root = document.querySelector("[data-triage-checker-app]");
  var wrapper = document.querySelector("[data-triage-embed]");
  if (!root || !wrapper || window.parent === window) return;

  // Framed: Python waits for the options (boot.js holds it) and ignores a link's answers
  // until the parent has answered.
  window.triageHold = true;
  root.setAttribute("data-read-fragment", "no");
  var settled = false;

  function release() {
    if (settled) return false;
    settled = true;
    window.triageHold = false;
    if (window.triageRelease) window.triageRelease();
    return true;
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
    if (typeof value !== "string" || !/^[0-9a-fA-F]{6}$/.test(value)) return null;
    var hex = "#" + value.toLowerCase();
    return 1.05 / (luminance(hex) + 0.05) >= 4.5 ? hex : null;
  }

  function officialNumber(value) {
    if (typeof value !== "string") return null;
    var digits = value.replace(/ /g, "");
    return (DATA.emergency_numbers || []).indexOf(digits) !== -1 ? digits : null;
  }

  function linkTarget(target) {
    root.setAttribute("data-link-target", target);
    var anchors = wrapper.querySelectorAll("a[href]");
    for (var j = 0; j < anchors.length; j++) {
      anchors[j].setAttribute("target", target);
      anchors[j].setAttribute("rel", "noopener");
    }
  }

  // In a frame, links to our articles open in a new tab unless the partner asks otherwise.
  linkTarget("_blank");

  function apply(partner, options) {
    var number = officialNumber(options.emergency);
    if (number) {
      var shown = number + " (number provided by " + partner + ")";
      root.setAttribute("data-emergency-number", shown);
      var spots = document.querySelectorAll("[data-triage-emergency-text]");
      for (var i = 0; i < spots.length; i++) spots[i].textContent = shown;
    }
    if (options.links === "this-tab") linkTarget("_top");
    if (options.fhir === "off") root.setAttribute("data-fhir-download", "off");
    if (options.compact === true) document.documentElement.setAttribute("data-compact", "");
    var accent = readableAccent(options.accent);
    if (accent) {
      ["--sa-accent", "--sa-accent-hover"].forEach(function (name) {
        document.body.style.setProperty(name, accent);
      });
    }
    root.removeAttribute("data-read-fragment");
    if (options.autoHeight === true) postHeights(partner);
    if (options.share === "level") shareLevel(partner);
  }

  // Height: posted whenever the content's height changes; only with the auto-height opt-in.
  function postHeights(partner) {
    var lastHeight = 0;
    function postHeight() {
      var height = Math.ceil(wrapper.getBoundingClientRect().bottom + window.scrollY + 8);
      if (height !== lastHeight) {
        lastHeight = height;
        window.parent.postMessage({type: "triage:resize", height: height}, partner);
      }
    }
    document.documentElement.setAttribute("data-auto-height", "");
    if (window.ResizeObserver) new ResizeObserver(postHeight).observe(wrapper);
    window.addEventListener("load", postHeight);
    postHeight();
  }

  // Result level: only when the partner asked for it, and after telling the reader.
  function shareLevel(partner) {
    var notice = document.querySelector("[data-triage-shared]");
    if (notice) {
      notice.textContent = "This checker is shown on " + new URL(partner).host + ". When you get " +
        "your result, that website is told how urgent it is, for example \u201csee a doctor\u201d. " +
        "It is not told your answers.";
      notice.hidden = false;
    }
    var condition = root.getAttribute("data-condition");
    var levels = (DATA.levels || {})[condition] || [];
    var shown = null;
    new MutationObserver(function () {
      var level = root.getAttribute("data-level");
      if (level === shown) return;
      shown = level;
      if (level && levels.indexOf(level) !== -1) {
        window.parent.postMessage({type: "triage:result", condition: condition, level: level}, partner);
      }
    }).observe(root, {attributes: true, attributeFilter: ["data-level"]});
  }

  var ancestors = window.location.ancestorOrigins;
  var claimed = ancestors && ancestors.length ? ancestors[0] : null;

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (settled || event.source !== window.parent || !data || typeof data !== "object" ||
        data.type !== "triage:options") return;
    var origin = event.origin;
    if (!/^https?:\/\/[^\/?#]+$/.test(origin) || (claimed !== null && claimed !== origin)) return;
    var options = data.options && typeof data.options === "object" ? data.options : {};
    apply(origin, options);
    release();
  });
  window.setTimeout(release, ANSWER_MS);
  window.parent.postMessage({type: "triage:hello"}, claimed || "*");
})();
