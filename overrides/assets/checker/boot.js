/* Runs before Python is ready. Keeps an answer given early, and makes sure the page never hangs:
   if Python is not ready in 8 seconds, or its files fail to load, it says so and offers the
   step-by-step checker. Decides nothing clinical. */
(function () {
  "use strict";
  var READY_TIMEOUT_MS = 8000;
  var root = document.querySelector("[data-triage-checker-app]");
  if (!root) return;
  window.triageEarly = [];

  function state() { return root.getAttribute("data-state"); }

  function fail() {
    if (state() !== "loading") return;
    root.setAttribute("data-state", "failed");
    root.querySelector("[data-triage-stage]").hidden = true;
    root.querySelector("[data-triage-status]").textContent = "";
    var box = root.querySelector("[data-triage-fallback]");
    box.hidden = false;
    box.querySelector("h2").focus();
  }

  root.addEventListener("submit", function (event) {
    if (state() === "ready") return;
    event.preventDefault();
    if (state() === "failed") return;
    var form = event.target;
    var checked = form.querySelectorAll("input:checked");
    var error = form.querySelector(".triage-error");
    var multiple = form.querySelector("input[type=checkbox]") !== null;
    if (!checked.length && !multiple) {
      error.hidden = false;
      return;
    }
    error.hidden = true;
    var values = Array.prototype.map.call(checked, function (i) { return i.value; })
      .filter(function (v) { return v !== ""; });
    window.triageEarly = [[form.getAttribute("data-question"), multiple ? values : values[0]]];
    root.querySelector("[data-triage-status]").textContent =
      "Thank you. Getting the next question ready\u2026";
  });

  window.setTimeout(function () { if (state() !== "ready") fail(); }, READY_TIMEOUT_MS);
  // A runtime file that fails to load (blocked, offline, 404) shows the fallback at once.
  window.addEventListener("error", function (event) {
    var t = event.target;
    var url = t && t !== window && (t.src || t.href);
    if (url && /\/assets\/(runtime|checker)\//.test(url)) fail();
  }, true);
  window.addEventListener("unhandledrejection", fail);
})();
