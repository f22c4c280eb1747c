/* cite.js at the first reach for a Cite control, or at once on How to cite (see cite.js). */
(function () {
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
  if (window.document$) window.document$.subscribe(atLoad);
  else atLoad();
})();
