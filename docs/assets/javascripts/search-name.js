// The search dialog's accessible name. Material's search partial gives its role="dialog" element no
// name (axe: aria-dialog-name); the edition names it here rather than copying the theme's partial,
// whose markup differs from one theme version (and one engine) to the next. The name is the theme's
// own label of the search field, so it follows the site's language.
(function () {
  "use strict";
  var dialog = document.querySelector('[data-md-component="search"][role="dialog"]');
  if (!dialog || dialog.hasAttribute("aria-label")) return;
  var input = dialog.querySelector('input[data-md-component="search-query"]');
  dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
})();
