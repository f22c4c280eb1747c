/* The edition's own script, on every page (mkdocs.yml extra_javascript), after Material's bundle,
   whose document$ it follows: written into each page by the edition plugin (inline_js; the
   <script> names the site's root from the page in data-base), or, with another engine, a
   deferred file. Three small jobs, one after the other below.

   1. The reader's mode for the editors' apparatus of the brief: "reading" (the default: the text in
   front, the editors' links in the margin on wide screens and folded under one control per
   paragraph on narrow ones) or "study" (every note open, with the editors' explanations).
   The mode is data-apparatus on <html>, which the stylesheets read (apparatus-links.css; print
   follows it too), and is remembered in localStorage like the colour scheme. This file adds the
   switch (a button with aria-pressed) beside the brief's Cite control. Without JavaScript the
   brief reads in reading mode and every note still opens on its own (a <details>).
   Works with Material's instant navigation: it applies the mode to every page document$ brings. */
(function () {
  "use strict";

  var KEY = "edition.apparatus";
  var MODES = ["reading", "study"];

  function stored() {
    try {
      var mode = window.localStorage.getItem(KEY);
      return MODES.indexOf(mode) >= 0 ? mode : "reading";
    } catch (e) {
      return "reading"; // storage refused (private mode, a policy): the default
    }
  }

  function remember(mode) {
    try {
      window.localStorage.setItem(KEY, mode);
    } catch (e) {
      /* not remembered; the mode still applies to this page */
    }
  }

  // The mode on <html>, every note open or closed to match, the button's state.
  function apply(mode) {
    document.documentElement.setAttribute("data-apparatus", mode);
    document.querySelectorAll(".xl-note > details").forEach(function (details) {
      details.open = mode === "study";
    });
    document.querySelectorAll("button.xl-mode").forEach(function (button) {
      button.setAttribute("aria-pressed", mode === "study" ? "true" : "false");
    });
  }

  // The switch, once, beside the brief's own Cite control (only the brief has editors' notes).
  function addButton() {
    var holder = document.querySelector(".ed-tools--brief");
    if (!holder || !document.querySelector(".xl-note") || holder.querySelector("button.xl-mode")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "xl-mode";
    button.textContent = "Study mode: all editors’ links open";
    button.setAttribute("aria-pressed", "false");
    holder.appendChild(button);
  }

  function init() {
    addButton();
    apply(stored());
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.xl-mode");
    if (!button) return;
    var mode = button.getAttribute("aria-pressed") === "true" ? "reading" : "study";
    remember(mode);
    apply(mode);
  });

  // Another tab switched the mode: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) apply(stored());
  });

  // At once (written into the page, or deferred): <html> carries the mode before the page is shown whole.
  document.documentElement.setAttribute("data-apparatus", stored());
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init); // every page, with instant navigation too
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();

/* 2. cite.js and the opened panel's styles at the first reach for a Cite control, or cite.js at
   once on How to cite (see cite.js): a first view without Cite panels opened fetches neither
   cite.js, nor cite-panel.css, nor the Cite data. The listeners
   are added once, to the document; each page, at a first load or on arrival by Material's instant
   navigation (document$), is looked at for an opened panel or a citation with a Copy button. */
(function () {
  "use strict";

  // cite.js beside this file, or, written into the page, under the site's root (data-base); the
  // opened panel's styles, cite-panel.css, beside the site's stylesheets
  var me = document.currentScript, done, styled,
    src = me.src ? new URL("cite.js", me.src).href
      : new URL("assets/javascripts/cite.js", new URL(me.getAttribute("data-base").replace(/\/?$/, "/"), location.href)).href,
    css = new URL("../stylesheets/cite-panel.css", src).href;
  function load() {
    if (done) return;
    done = document.createElement("script");
    done.src = src;
    document.head.appendChild(done);
  }
  // In <body>, outside the content: Material's instant navigation keeps it (it swaps the <head>'s
  // elements for the next page's, and the content).
  function style() {
    if (styled) return;
    styled = document.createElement("link");
    styled.rel = "stylesheet";
    styled.href = css;
    document.body.appendChild(styled);
  }
  ["pointerover", "focusin", "click", "toggle"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var cite = event.target.closest && event.target.closest("details.ed-cite");
      if (!cite) return;
      if (cite.open) window.edCiteOpened = cite;
      style();
      load();
    }, true);
  });
  function atLoad() {
    if (document.querySelector("details.ed-cite[open]")) style();
    if (document.querySelector(".ed-cite__entry, details.ed-cite[open]")) load();
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(atLoad);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", atLoad);
  } else {
    atLoad();
  }
})();

/* 3. The search dialog's accessible name: the theme's role="dialog" has none (axe:
   aria-dialog-name). Named from the theme's own label of the search field, rather than by copying
   the theme's search partial, whose markup differs from one theme version (and one engine) to
   the next. */
(function () {
  var dialog = document.querySelector('[data-md-component="search"][role="dialog"]'),
    input = dialog && dialog.querySelector('input[data-md-component="search-query"]');
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }
})();
