/* The filter by kind of the table of interventions on "About this edition"
   (overrides/partials/edition.html, macro `apparatus`). The control is in the page, hidden: without
   JavaScript the reader gets the whole table and the kinds list's links, and no control that does
   nothing. This file shows the control; choosing a kind gives the rows of other kinds the class
   `ed-filtered-out` (hidden by docs/assets/stylesheets/edition.css: no inline style, which the
   site's Content-Security-Policy would refuse) and says in a live region how many rows are shown
   ("Showing 12 of 49"). Only the page with the control loads it (overrides/main.html). Works with
   Material's instant navigation: the change event is delegated to the document once, and the
   control is shown at every run. */
(function () {
  "use strict";

  // Show only the rows of `kind` ("" for all) and say how many are shown.
  function apply(select) {
    var filter = select.closest(".ed-filter");
    var wrap = filter.nextElementSibling;
    var table = wrap && wrap.querySelector("table");
    var count = filter.querySelector(".ed-filter__count");
    if (!table || !count) return;
    var kind = select.value;
    var shown = 0;
    table.querySelectorAll("tbody tr[data-kind]").forEach(function (row) {
      var out = kind !== "" && row.getAttribute("data-kind") !== kind;
      row.classList.toggle("ed-filtered-out", out);
      if (!out) shown += 1;
    });
    count.textContent = "Showing " + shown + " of " + count.getAttribute("data-total");
  }

  // The control, shown and in step with its current choice (a page restored from history keeps it).
  function init() {
    document.querySelectorAll(".ed-filter__select").forEach(function (select) {
      select.closest(".ed-filter").hidden = false;
      apply(select);
    });
  }

  // Loaded by the page that has the control only (overrides/main.html), from inside the content,
  // which Material's instant navigation swaps in and whose scripts it runs again: the delegated
  // listener is added once, the control is wired up at every run.
  if (!window.edApparatusFilter) {
    window.edApparatusFilter = true;
    document.addEventListener("change", function (event) {
      var select = event.target;
      if (select && select.matches && select.matches(".ed-filter__select")) apply(select);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
