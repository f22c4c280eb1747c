/* The brief's "Cite" controls (overrides/partials/cite.html): a Copy button beside each citation.
   The page holds every panel's citations once, in one JSON element (template.ed-cite-data, written by
   edition.extension.cite_data); this file builds a panel's citations from it when the panel first
   opens (without JavaScript the panel gives the address and points to "How to cite"), adds the
   Copy buttons, copies in one click, closes a panel with Escape, and
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

  // The page's one source of its panels' citations (edition.extension.cite_data), read once.
  function citationData() {
    var holder = document.querySelector("template.ed-cite-data");
    if (!holder) return null;
    if (!holder.edCiteData) holder.edCiteData = JSON.parse(holder.content.textContent);
    return holder.edCiteData;
  }

  // The citations' HTML of one panel: each entry's common words with the panel's own in between,
  // its address where the data marks one (as edition.extension.cite_body builds it).
  function citationsOf(key) {
    var data = citationData();
    var middles = data && data.targets[key];
    if (!middles) return null;
    var url = data.url + (key ? "#" + key : "");
    return data.parts.map(function (part, i) { return part[0] + middles[i] + part[1]; })
      .join("\n").split("\ue000").join(url);
  }

  // A panel's citations, built from the page's data the first time it opens, in place of the
  // <noscript> that tells a reader without JavaScript where to find them.
  function fill(details) {
    var holder = details.querySelector(".ed-cite__panel > noscript");
    if (!holder) return;
    var html = citationsOf(details.getAttribute("data-cite") || "");
    if (html === null) return;
    var content = document.createElement("div");
    content.innerHTML = html;
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
