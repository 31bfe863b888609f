/* Runs before Python is ready, from the top of the page's head. Keeps an answer given early,
   starts the runtime once the page has painted, and makes sure the page never hangs: if any of
   Python's files fails to load, it says the checker could not start and offers the
   step-by-step checker; if Python is merely not ready in 8 seconds (a slow connection), it says
   so and offers the step-by-step checker, and the checker still carries on if Python arrives.
   It starts the checker's Python from PyScript's ready hook (window.triagePlugIn for a page that
   loads PyScript itself), and tells it when the page is fully parsed, its deferred scripts have
   run and any hold they set is released (the embed frame holds it until its partner's options
   arrive): window.triageWhenReady(callback). Decides nothing clinical. */
(function () {
  "use strict";
  var READY_TIMEOUT_MS = 8000;
  var parsed = false;
  var failedEarly = false;
  var slowEarly = false;
  var pythonArrived = false;
  var waiting = [];
  window.triageEarly = [];

  // No storage (this file runs before PyScript's core.js is imported). PyScript 0.7.31 opens an
  // IndexedDB database, "IDBMap/@pyscript.fs", as soon as its core module loads: the store
  // behind its pyscript.fs.mount feature, which the checker never uses. It would write that
  // database on every visit, and where storage is refused (a partner's page on another site,
  // "Don't allow sites to save data") its error handler throws and leaves a rejected promise.
  // PyScript has no setting to skip it, so a request for one of its IDBMap stores gets a
  // stand-in that never opens, never fails and writes nothing. Other names reach the browser
  // unchanged. The build refuses a runtime that uses storage any other way
  // (site_build/runtime_storage.py), and the browser tests check every storage stays empty.
  (function () {
    var PREFIX = "IDBMap/";
    function standIn() { return new EventTarget(); }
    var factory = null;
    try { factory = window.indexedDB; } catch (error) { factory = null; }
    if (!factory) {
      Object.defineProperty(window, "indexedDB", {configurable: true, value: {open: standIn}});
      return;
    }
    var open = factory.open;
    factory.open = function (name) {
      if (String(name).indexOf(PREFIX) === 0) return standIn();
      return open.apply(factory, arguments);
    };
  })();

  // Back/forward cache: a reader who opens "Read more" and comes back finds the page as they
  // left it (their result), kept in memory only. Chromium evicts a page that runs any script
  // while it is in that cache, and MicroPython frees a Python object from a finalization
  // callback when JavaScript drops its proxy: a garbage collection after the reader leaves ran
  // one and cost the page its place (about half the time here). So every registration is
  // withdrawn on pagehide and made again on pageshow, and what was collected in between is
  // cleaned up then, with the page awake.
  (function () {
    var Native = window.FinalizationRegistry;
    if (!Native) return;
    var registries = [];
    function Deferred(cleanup) {
      var entries = new Map();  // our token -> [WeakRef to the target, held value, caller's token]
      var native = new Native(function (token) {
        var entry = entries.get(token);
        if (!entry) return;
        entries.delete(token);
        cleanup(entry[1]);
      });
      this.register = function (target, held, unregisterToken) {
        var token = {};
        entries.set(token, [new WeakRef(target), held, unregisterToken]);
        native.register(target, token, token);
      };
      this.unregister = function (unregisterToken) {
        var found = false;
        entries.forEach(function (entry, token) {
          if (unregisterToken !== undefined && entry[2] === unregisterToken) {
            native.unregister(token);
            entries.delete(token);
            found = true;
          }
        });
        return found;
      };
      this.hold = function () {
        entries.forEach(function (entry, token) { native.unregister(token); });
      };
      this.resume = function () {
        entries.forEach(function (entry, token) {
          var target = entry[0].deref();
          if (target !== undefined) {
            native.register(target, token, token);
          } else {
            entries.delete(token);
            cleanup(entry[1]);
          }
        });
      };
      registries.push(this);
    }
    window.FinalizationRegistry = Deferred;
    window.addEventListener("pagehide", function () {
      registries.forEach(function (r) { r.hold(); });
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) registries.forEach(function (r) { r.resume(); });
    });
  })();

  function root() { return document.querySelector("[data-triage-checker-app]"); }

  function fail() {
    var app = root();
    if (!parsed || !app) {
      failedEarly = true;  // shown once the page is parsed
      return;
    }
    if (app.getAttribute("data-state") !== "loading") return;
    app.setAttribute("data-state", "failed");
    app.querySelector("[data-triage-slow]").hidden = true;
    app.querySelector("[data-triage-stage]").hidden = true;
    app.querySelector("[data-triage-status]").textContent = "";
    var box = app.querySelector("[data-triage-fallback]");
    box.hidden = false;
    box.querySelector("h2").focus();
  }

  // Slow, not broken: say so where the person is looking, without moving focus (they may be
  // answering), and leave the question answerable so Python can still take over.
  function slow() {
    var app = root();
    if (!parsed || !app) {
      slowEarly = true;
      return;
    }
    if (app.getAttribute("data-state") !== "loading") return;
    var box = app.querySelector("[data-triage-slow]");
    box.hidden = false;
    app.querySelector("[data-triage-live]").textContent = box.querySelector("p").textContent;
  }

  // A page script may hold the start (window.triageHold = true) until it has what the checker
  // needs, such as the embed frame waiting for its partner's options, and then call
  // window.triageRelease().
  window.triageWhenReady = function (callback) {
    pythonArrived = true;
    if (!parsed || window.triageHold) {
      waiting.push(callback);
      return;
    }
    var app = root();
    if (!app || app.getAttribute("data-state") !== "loading") return;
    var box = app.querySelector("[data-triage-slow]");
    if (!box.hidden) {
      box.hidden = true;
      app.querySelector("[data-triage-live]").textContent = "The checker is ready. You can carry on.";
    }
    try {
      callback();
    } catch (error) {
      fail();
      throw error;
    }
  };

  // A page opened at a result's link shows the first question until Python has read the answers
  // and put the result in its place: meanwhile the question's stage holds a screen's height, so
  // the footer below it does not jump down the screen as the longer result arrives.
  if (window.location.hash.indexOf("=") !== -1) {
    document.documentElement.setAttribute("data-triage-opening", "");
  }

  // The address's fragment without its "#", cut to `max` characters: the checker needs no more
  // to refuse a longer one, and copying a crafted megabyte into Python takes about a second.
  window.triageFragment = function (max) {
    return window.location.hash.slice(1, max + 1);
  };

  window.triageRelease = function () {
    window.triageHold = false;
    if (parsed) waiting.splice(0).forEach(window.triageWhenReady);
  };

  // PyScript ran the page's Python but it never reached the checker (an error on the way):
  // that is broken, not slow, so say so now rather than ask the person to wait.
  ["mpy:done", "py:done"].forEach(function (name) {
    document.addEventListener(name, function () { if (!pythonArrived) fail(); });
  });

  // The checker's Python (bytecode and rules) comes as one gzipped tar. It is unpacked here
  // rather than by PyScript's `files` setting, which unpacks a tar with MicroPython's tarfile:
  // that is the first Python the page runs, so it pays for warming up the interpreter and its
  // compiler, about 100 ms here. A host that sends the archive with a Content-Encoding (such as
  // Apache's AddEncoding) has the browser unzip it on the way: then it arrives as a plain tar.
  function pythonFiles(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
      return gunzip(bytes);
    }).then(untar);
  }

  // The archive is about 100 KB; anything past MAX_ARCHIVE_BYTES, packed or unpacked, is refused
  // rather than read (a small gzip can unpack to gigabytes).
  var MAX_ARCHIVE_BYTES = 16 * 1024 * 1024;
  var MAX_ENTRIES = 1000;

  function tooBig() {
    return new Error("The checker's Python archive is larger than " + MAX_ARCHIVE_BYTES + " bytes");
  }

  function gunzip(bytes) {
    if (bytes.length > MAX_ARCHIVE_BYTES) return Promise.reject(tooBig());
    var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")).getReader();
    var chunks = [];
    var total = 0;
    function next() {
      return reader.read().then(function (step) {
        if (step.done) {
          var out = new Uint8Array(total);
          chunks.reduce(function (at, chunk) { out.set(chunk, at); return at + chunk.length; }, 0);
          return out;
        }
        total += step.value.length;
        if (total > MAX_ARCHIVE_BYTES) {
          reader.cancel();
          throw tooBig();
        }
        chunks.push(step.value);
        return next();
      });
    }
    return next();
  }

  // [path, bytes, or null for a folder] for each entry of a ustar archive, in its order. Every
  // header is checked before it is used: its checksum, a size of octal digits only (never
  // negative) that fits in what is left of the archive, folders of size 0, a plain relative
  // path; and there are at most MAX_ENTRIES. Anything else refuses the whole archive.
  function untar(tar) {
    var text = new TextDecoder();
    var entries = [];
    if (tar.length > MAX_ARCHIVE_BYTES) throw tooBig();
    for (var at = 0; at + 512 <= tar.length && tar[at] !== 0;) {
      var field = function (start, length) {
        return text.decode(tar.subarray(at + start, at + start + length)).split("\0")[0];
      };
      var octal = function (start, length) {
        var value = field(start, length).trim();
        return /^[0-7]{1,11}$/.test(value) ? parseInt(value, 8) : -1;
      };
      var sum = 0;
      for (var k = 0; k < 512; k++) sum += k >= 148 && k < 156 ? 32 : tar[at + k];
      var name = field(0, 100);
      var prefix = field(345, 155);
      var path = (prefix ? prefix + "/" : "") + name;
      var size = octal(124, 12);
      var type = field(156, 1) || "0";
      if (entries.length >= MAX_ENTRIES || octal(148, 8) !== sum
          || !/^[A-Za-z0-9_.\/-]+$/.test(path) || /(^|\/)\.\.?(\/|$)/.test(path) || path[0] === "/"
          || size < 0 || (type !== "0" && type !== "5") || (type === "5" && size !== 0)
          || size > tar.length - at - 512) {
        throw new Error("The checker's Python archive has an entry it cannot use: " + path);
      }
      var body = tar.subarray(at + 512, at + 512 + size);
      entries.push([path.replace(/\/$/, ""), type === "5" ? null : body]);
      at += 512 + Math.ceil(size / 512) * 512;
    }
    return entries;
  }

  // A PyScript plugin on its ready hook (PyScript's plugin API): once MicroPython is ready, it
  // puts the checker's files in place and starts the checker. Only then does PyScript set up its
  // own Python helpers (it writes and imports its `pyscript` package, about 100 ms here) and run
  // the page's script; the checker needs neither, so nobody waits for them.
  // The start is cut into steps, each a task of its own (import the modules; read and check the
  // rules, which the engine keeps; start the checker; PyScript's own set-up): on a phone one task
  // of all four held the main thread for about half a second (4x CPU slowdown), and a tap in
  // the middle waited for the end of it. Between steps the browser can answer the reader.
  function plugIn(pyscript, entry, archive) {
    var files = pythonFiles(archive);
    files.catch(fail);
    pyscript.hooks.main.onReady.add(function (wrap) {
      var python = wrap.interpreter;
      return files.then(function (entries) {
        entries.forEach(function (item) {
          if (item[1] === null) python.FS.mkdir(item[0]);
          else python.FS.writeFile(item[0], item[1]);
        });
        return nextTask(function () { return python.pyimport(entry); });
      }).then(function (module) {
        return nextTask(function () { readRules(python); return module; });
      }).then(function (module) {
        return nextTask(function () { module.start(); });
      }).then(function () {
        return nextTask(function () {});  // PyScript's own set-up then runs in a task of its own
      }).catch(function (error) {
        fail();
        throw error;
      });
    });
  }

  // Runs `step` in a task of its own. A message, not a timer: a hidden tab's timers wait up
  // to a second each.
  function nextTask(step) {
    return new Promise(function (resolve, reject) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () {
        channel.port1.close();
        try { resolve(step()); } catch (error) { reject(error); }
      };
      channel.port2.postMessage(null);
    });
  }

  // The engine reads and checks a condition's rules once and keeps them: asked here, in a step
  // of its own, the checker then finds them ready. A condition it cannot read is left for the
  // checker's own start to report.
  function readRules(python) {
    var app = root();
    var condition = app && app.getAttribute("data-condition");
    if (!condition) return;
    try {
      python.pyimport("triage_core").get_condition(condition);
    } catch (error) {
      return;
    }
  }
  window.triagePlugIn = plugIn;

  // The runtime is requested once the page has painted, not from the head: on a small machine
  // its dozen files and the wasm compile otherwise hold up the first frame, and with it the
  // first question. All of it at once (preloads), so nothing waits on PyScript's import chain.
  // A page with no #triage-runtime (the offline file) loads the runtime itself and hands
  // PyScript to window.triagePlugIn.
  function startRuntime() {
    var data = document.getElementById("triage-runtime");
    if (!data || failedEarly) return;
    var runtime = JSON.parse(data.textContent);
    var started = false;
    function go() {
      if (started) return;
      started = true;
      // core.js first, then the rest in the build's order (the small Python archive before the
      // big wasm): over HTTP/1.1 a browser opens six connections to a host, so what is asked
      // for first is served first. The address is made absolute: import() would take a bundle
      // page's "assets/..." for the name of a package.
      import(new URL(runtime.core, document.baseURI).href)
        .then(function (pyscript) { plugIn(pyscript, runtime.entry, runtime.python); }, fail);
      runtime.preload.forEach(function (item) {
        var link = document.createElement("link");
        if (item[1] === "module") {
          link.rel = "modulepreload";
        } else {
          link.rel = "preload";
          link.as = "fetch";
          link.crossOrigin = "anonymous";
        }
        link.href = item[0];
        document.head.appendChild(link);
      });
    }
    if (document.visibilityState === "hidden") return go();
    requestAnimationFrame(function () { setTimeout(go, 0); });
    // No frames come to a hidden tab or a frame scrolled out of view: start anyway.
    setTimeout(go, 250);
  }

  // Another site may show this page in a frame, to dress it up or to trick a reader into
  // clicking (GitHub Pages cannot send a header that forbids it, and a <meta> policy cannot
  // say frame-ancestors). Only /embed/ (the page with [data-triage-embed]) is made for
  // partners' frames. Anywhere else, a frame from another origin gets no checker, only a link
  // that opens this page in a tab of its own.
  function framedByAnotherOrigin() {
    if (window.top === window.self) return false;
    var ancestors = window.location.ancestorOrigins;
    if (ancestors) {
      for (var i = 0; i < ancestors.length; i++) {
        if (ancestors[i] !== window.location.origin) return true;
      }
    }
    try {
      return window.top.location.origin !== window.location.origin;
    } catch (error) {
      return true;  // the top page's address is hidden from us: it is another origin
    }
  }

  function refuseFrame() {
    var app = root();
    if (!app || document.querySelector("[data-triage-embed]") || !framedByAnotherOrigin()) return false;
    app.setAttribute("data-state", "framed");
    app.querySelector("[data-triage-stage]").hidden = true;
    app.querySelector("[data-triage-status]").textContent = "";
    var box = app.querySelector("[data-triage-framed]");
    box.querySelector("a").href = window.location.href.split("#")[0];
    box.hidden = false;
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    parsed = true;
    if (refuseFrame()) return;
    if (failedEarly) fail();
    else if (slowEarly) slow();
    waiting.splice(0).forEach(window.triageWhenReady);
    startRuntime();
  });

  document.addEventListener("submit", function (event) {
    var app = event.target.closest("[data-triage-checker-app]");
    if (!app || app.getAttribute("data-state") === "ready") return;
    event.preventDefault();
    if (app.getAttribute("data-state") !== "loading") return;
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
    app.querySelector("[data-triage-status]").textContent =
      "Thank you. Getting the next question ready\u2026";
  });

  window.setTimeout(slow, READY_TIMEOUT_MS);
  // A runtime file that fails to load (blocked, offline, 404) shows the fallback at once.
  window.addEventListener("error", function (event) {
    var t = event.target;
    var url = t && t !== window && (t.src || t.href);
    if (url && /\/assets\/(runtime|checker)\//.test(url)) fail();
  }, true);
  // A promise left rejected with an Error while the runtime starts (PyScript could not load its
  // interpreter or a module) means the checker cannot start. A rejection with a DOM event is
  // different: that is how PyScript reports a browser feature it wraps for an optional
  // feature of its own (its IndexedDB store rejects with the request's error event). The
  // checker needs none of them, so that alone does not stop it.
  window.addEventListener("unhandledrejection", function (event) {
    if (event.reason instanceof Error) fail();
  });
})();
