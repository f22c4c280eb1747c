/* The brief's "Cite" controls (overrides/partials/cite.html): a Copy button beside each citation.
   Without JavaScript the citations are plain text in a <details> (the browser reads them out of the
   panel's <noscript>); with it, this file turns that <noscript> into the panel's content when the
   panel first opens, adds the Copy buttons, copies in one click, closes a panel with Escape, and
   keeps one panel open at a time. Works with Material's instant navigation: events are delegated
   to the document. */
(function () {
  "use strict";

  // A Copy button for every citation under `root` that has none yet.
  function addButtons(root) {
    root.querySelectorAll(".ed-cite__entry").forEach(function (entry) {
      if (entry.querySelector(".ed-cite__copy")) return;
      var label = entry.querySelector(".ed-cite__label");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ed-cite__copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy the " + (label ? label.textContent : "") + " citation");
      entry.appendChild(button);
    });
  }

  // A panel's citations, out of its <noscript>, the first time it opens.
  function fill(details) {
    var holder = details.querySelector(".ed-cite__panel > noscript");
    if (!holder) return;
    var content = document.createElement("div");
    if (holder.firstElementChild) {
      // Parsed without scripting (Material's instant navigation uses a DOMParser): already elements.
      while (holder.firstChild) content.appendChild(holder.firstChild);
    } else {
      content.innerHTML = holder.textContent;
    }
    addButtons(content);
    holder.replaceWith.apply(holder, Array.prototype.slice.call(content.childNodes));
  }

  function showButtons() {
    addButtons(document); // the examples of "How to cite"; the panels get theirs in fill()
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(el) {
    var text = el.innerText.trim(), html = el.innerHTML.trim();
    var clip = navigator.clipboard;
    if (clip && window.ClipboardItem && clip.write && el.tagName === "P") {
      // Rich text keeps the italics of titles when pasted into a word processor.
      var item = new window.ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" })
      });
      return clip.write([item]).catch(function () { return clip.writeText(text); })
        .catch(function () { return fallbackCopy(text); });
    }
    if (clip && clip.writeText) {
      return clip.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function say(button, words) {
    var label = button.getAttribute("data-label") || button.getAttribute("aria-label");
    button.setAttribute("data-label", label);
    button.textContent = words;
    button.setAttribute("aria-label", words);
    window.setTimeout(function () {
      button.textContent = "Copy";
      button.setAttribute("aria-label", label);
    }, 2000);
  }

  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest("details.ed-cite > summary");
    if (summary) fill(summary.parentElement); // before the panel shows: no empty frame
    var button = event.target.closest && event.target.closest(".ed-cite__copy");
    if (!button) return;
    var text = button.parentElement.querySelector(".ed-cite__text");
    if (!text) return;
    copy(text).then(function () { say(button, "Copied"); },
                    function () { say(button, "Select and copy"); });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = event.target.closest && event.target.closest("details.ed-cite[open]");
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });

  // One panel open at a time ("toggle" does not bubble: listen while capturing).
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.matches || !opened.matches("details.ed-cite") || !opened.open) return;
    fill(opened); // opened other than by a click
    document.querySelectorAll("details.ed-cite[open]").forEach(function (other) {
      if (other !== opened) other.open = false;
    });
  }, true);

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(showButtons); // every page, with instant navigation too
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showButtons);
  } else {
    showButtons();
  }
})();
