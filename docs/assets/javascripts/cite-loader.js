/* cite.js at the first reach for a Cite control, or at once on How to cite (see cite.js).
   Only the pages with Cite controls load this file (overrides/main.html, block content), from
   inside the content, which Material's instant navigation swaps in and whose scripts it runs
   again: the listeners are added once, and each run looks at the page it arrives with. */
(function () {
  if (window.edCiteLoader) { window.edCiteLoader(); return; }
  var src = document.currentScript.src.replace("cite-loader", "cite"), done;
  function load() {
    if (done) return;
    done = document.createElement("script");
    done.src = src;
    document.head.appendChild(done);
  }
  ["pointerover", "focusin", "click", "toggle"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var cite = event.target.closest && event.target.closest("details.ed-cite");
      if (!cite) return;
      if (cite.open) window.edCiteOpened = cite;
      load();
    }, true);
  });
  function atLoad() {
    if (document.querySelector(".ed-cite__entry, details.ed-cite[open]")) load();
  }
  window.edCiteLoader = atLoad;
  // At a first page load, after Material's (deferred) bundle has run, so that cite.js finds its
  // document$ and follows instant navigation; on arrival by instant navigation, at once.
  if (document.readyState === "complete") atLoad();
  else document.addEventListener("DOMContentLoaded", atLoad);
})();
