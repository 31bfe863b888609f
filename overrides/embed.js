/* Symptom checker loader for partner sites. Evergreen: always load it from our site.

   <div data-triage-checker="CONDITION-ID">    (an id from DATA.conditions, below)
     <a href="https://OUR-SITE/checker/">Check your symptoms</a>
   </div>
   <script src="https://OUR-SITE/embed.js" async></script>

   Replaces each such element's content with the checker in an iframe from our site. The link
   stays until the frame says hello, so it is the fallback when the script or the frame is
   blocked. Options are data attributes, each checked here and again in the frame against an
   allow-list; anything else is ignored, and nothing is ever inserted as HTML or CSS:
     data-accent="#1a5e20"          a colour for buttons and links, used only if it keeps
                                    WCAG AA contrast (4.5:1) on white
     data-compact="true"            a smaller header
     data-emergency-number="112"    one of the official emergency numbers (the frame holds the
                                    list); shown with this page's origin
     data-source-links="new-tab"    or "this-tab": where links to our articles open
     data-share-result="level"      opt in to the "triage:result" event (level only)
     data-auto-height="true"        opt in to a frame that grows with its content (its height
                                    then shows how far the visitor has got, and the result)
     data-fhir-download="off"       no "Download my answers (FHIR)" button on the result
   The options never go in the frame's address: the frame asks for them ("triage:hello") and
   takes them only from its real parent window, whose origin the browser vouches for.
   No cookies, no storage, no other requests. Messages are accepted only from our own frame. */
(function () {
  "use strict";
  // Conditions with an embed page, their titles and level ids: written in by the build
  // (site_build/embed_data.py) from the pages and the rules.
  var DATA = /*@embed-data@*/{};
  var FIXED_HEIGHT = "640px";
  var script = document.currentScript;
  if (!script || !script.src || !window.URL || !window.postMessage) return;
  var home = new URL(".", script.src);          // embed.js sits at the site's root
  var checkerOrigin = home.origin;
  var frames = [];

  function luminance(hex) {
    var rgb = [1, 3, 5].map(function (i) {
      var c = parseInt(hex.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  }

  // White text on the accent, and the accent on white: both need 4.5:1.
  function accent(value) {
    var m = /^#([0-9a-fA-F]{6})$/.exec((value || "").trim());
    if (!m) return null;
    return 1.05 / (luminance("#" + m[1]) + 0.05) >= 4.5 ? m[1].toLowerCase() : null;
  }

  function yes(value) { return value === "" || value === "true"; }

  function options(el) {
    var out = {};
    var data = el.dataset;
    var colour = accent(data.accent);
    if (colour) out.accent = colour;
    if (yes(data.compact)) out.compact = true;
    var phone = (data.emergencyNumber || "").trim();
    if (/^[0-9][0-9 ]{0,15}$/.test(phone)) out.emergency = phone;
    if (data.sourceLinks === "new-tab" || data.sourceLinks === "this-tab") out.links = data.sourceLinks;
    if (data.shareResult === "level") out.share = "level";
    if (yes(data.autoHeight)) out.autoHeight = true;
    if (data.fhirDownload === "off") out.fhir = "off";
    return out;
  }

  function embed(el) {
    if (el.getAttribute("data-triage-state")) return;
    var condition = el.getAttribute("data-triage-checker");
    var conditions = DATA.conditions || {};
    if (!Object.prototype.hasOwnProperty.call(conditions, condition)) return;
    el.setAttribute("data-triage-state", "loading");
    var opts = options(el);

    var frame = document.createElement("iframe");
    frame.src = new URL(conditions[condition].path, home).href;
    frame.title = conditions[condition].title;
    frame.loading = "lazy";
    frame.referrerPolicy = "no-referrer";
    // Scripts and same-origin (PyScript's modules need an origin), forms (each question is a
    // form), popups that are not sandboxed (links to our articles), modals (Print).
    var sandbox = "allow-scripts allow-same-origin allow-forms allow-popups " +
      "allow-popups-to-escape-sandbox allow-modals";
    if (opts.links === "this-tab") sandbox += " allow-top-navigation-by-user-activation";
    if (opts.fhir !== "off") sandbox += " allow-downloads";  // the reader's FHIR answers file
    frame.setAttribute("sandbox", sandbox);
    frame.setAttribute("allow", "clipboard-write");
    frame.style.display = "block";
    frame.style.width = "100%";
    // One height whatever is on screen, unless the partner opted in to auto height: the frame
    // scrolls inside, so its size tells this page nothing about the answers.
    frame.style.height = FIXED_HEIGHT;
    frame.style.border = "0";
    el.appendChild(frame);
    frames.push({el: el, frame: frame, condition: condition, options: opts});
  }

  function find(source) {
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].frame.contentWindow === source) return frames[i];
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== checkerOrigin || !event.source) return;
    var rec = find(event.source);
    var data = event.data;
    if (!rec || !data || typeof data !== "object") return;
    if (data.type === "triage:hello") {
      if (rec.el.getAttribute("data-triage-state") === "loading") {
        // Our frame is up: the fallback link is no longer needed.
        rec.el.setAttribute("data-triage-state", "ready");
        Array.prototype.forEach.call(rec.el.children, function (child) {
          if (child !== rec.frame) child.hidden = true;
        });
      }
      // Each page the frame loads asks once; the frame takes the first answer only.
      event.source.postMessage({type: "triage:options", options: rec.options}, checkerOrigin);
    } else if (data.type === "triage:resize" && rec.options.autoHeight &&
               typeof data.height === "number" && isFinite(data.height)) {
      rec.frame.style.height = Math.min(Math.max(Math.round(data.height), 150), 20000) + "px";
    } else if (data.type === "triage:result" && rec.options.share === "level" &&
               data.condition === rec.condition &&
               DATA.conditions[rec.condition].levels.indexOf(data.level) !== -1) {
      rec.el.dispatchEvent(new CustomEvent("triage:result", {
        bubbles: true, detail: {condition: rec.condition, level: data.level}}));
    }
  });

  function scan() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-triage-checker]"), embed);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
