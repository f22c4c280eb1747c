/* Loads cite.js (the Cite panels' citations, the Copy buttons) when the reader first reaches for a
   Cite control (pointer over it, focus on it, a click or an opening), not with the page; at once
   where citations show at load (the examples of "How to cite"). Records the panel opened last, so
   that cite.js keeps that one open. Instant navigation: events are delegated to the document. */
(function () {
  "use strict";
  var me = document.currentScript, done = false;
  function load() {
    if (done) return;
    done = true;
    var script = document.createElement("script");
    script.src = me.src.replace(/cite-loader\.js/, "cite.js");
    document.head.appendChild(script);
  }
  function reach(event) {
    var cite = event.target.closest && event.target.closest("details.ed-cite");
    if (!cite) return;
    if (cite.open) window.edCiteOpened = cite;
    load();
  }
  ["pointerover", "focusin", "click", "toggle"].forEach(function (type) {
    document.addEventListener(type, reach, true); // "toggle" does not bubble: capture
  });
  function atLoad() {
    if (document.querySelector(".ed-cite__entry, details.ed-cite[open]")) load();
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(atLoad);
  else atLoad(); // deferred: the document is parsed
})();
