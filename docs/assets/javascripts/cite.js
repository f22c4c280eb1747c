/* The brief's "Cite" controls (overrides/partials/cite.html): a Copy button beside each citation.
   The page holds every panel's citations once, in one JSON source (template.ed-cite-data, written by
   edition.extension.cite_data): in the element itself, or, in a site build, in the file its
   data-src names (overrides/hooks/cite_data.py), fetched once. This file builds a panel's citations
   from it when the panel first opens (without JavaScript the panel gives the address and points to
   "How to cite"), adds the Copy buttons, copies in one click, closes a panel with Escape, and keeps
   one panel open at a time. cite-loader.js loads it at the reader's first reach for a Cite control
   (pointer over, focus, click or opening; the panel opened last is window.edCiteOpened).
   Works with Material's instant navigation: events are delegated to the document. */
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

  var files = {}; // the data files fetched, by address: {promise, data}

  // The page's one source of its panels' citations (edition.extension.cite_data), read once:
  // {data} at once for inline JSON; {promise, data once it is here} for a file.
  function source() {
    var holder = document.querySelector("template.ed-cite-data");
    if (!holder) return null;
    var src = holder.getAttribute("data-src");
    if (!src) {
      if (!holder.edCiteData) holder.edCiteData = { data: JSON.parse(holder.content.textContent) };
      return holder.edCiteData;
    }
    var url = new URL(src, location.href).href;
    if (!files[url]) {
      var file = files[url] = {};
      file.promise = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": HTTP " + response.status);
        return response.json();
      }).then(function (data) { file.data = data; }, function (error) {
        delete files[url]; // a later opening tries again
        throw error;
      });
    }
    return files[url];
  }

  // The citations' HTML of one panel: each entry's common words with the panel's own in between,
  // its address where the data marks one (as edition.extension.cite_body builds it).
  function citationsOf(data, key) {
    var middles = data.targets[key];
    if (!middles) return null;
    var url = data.url + (key ? "#" + key : "");
    return data.parts.map(function (part, i) { return part[0] + middles[i] + part[1]; })
      .join("\n").split("\ue000").join(url);
  }

  // Put `html` in place of the panel's <noscript> (the one holder of what it shows).
  function replace(holder, html) {
    var content = document.createElement("div");
    content.innerHTML = html;
    addButtons(content);
    holder.replaceWith.apply(holder, Array.prototype.slice.call(content.childNodes));
  }

  // A panel's citations, built from the page's data the first time it opens, in place of the
  // <noscript> that tells a reader without JavaScript where to find them; if the data is still on
  // its way, as soon as it is here (if it cannot be fetched, the <noscript>'s words show).
  function fill(details) {
    var holder = details.querySelector(".ed-cite__panel > noscript");
    var from = holder && source();
    if (!from) return;
    if (!from.data) {
      from.promise.then(function () { fill(details); },
                        function () { if (holder.parentNode) replace(holder, holder.textContent); });
      return;
    }
    var html = citationsOf(from.data, details.getAttribute("data-cite") || "");
    if (html !== null) replace(holder, html);
  }

  // Each page: the Copy buttons of "How to cite"'s examples (the panels get theirs in fill()), and
  // the panels opened before this file was here, of which the one opened last stays open.
  function atLoad() {
    addButtons(document);
    var open = document.querySelectorAll("details.ed-cite[open]"), last = window.edCiteOpened;
    open.forEach(function (details) {
      if (open.length > 1 && last && last.open && details !== last) details.open = false;
      else fill(details);
    });
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

  // A reader near a Cite control: fetch the page's data now, so that the panel opens full.
  function warm(event) {
    if (event.target.closest && event.target.closest("details.ed-cite")) source();
  }
  document.addEventListener("pointerover", warm, true);
  document.addEventListener("focusin", warm, true);

  if (document.querySelector("template.ed-cite-data")) source(); // loaded at a reach for a panel
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(atLoad); // every page, with instant navigation too
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", atLoad);
  } else {
    atLoad();
  }
})();
