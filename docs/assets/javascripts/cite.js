/* The brief's "Cite" controls (overrides/partials/cite.html): a Copy button beside each citation.
   The page holds every panel's citations once, in one JSON source (template.ed-cite-data, written by
   edition.extension.cite_json): a plain map of each panel's id ("" for the brief) to its citations'
   markup, in the element itself, or, in a site build, in the file its data-src names (moved there
   by `edition postbuild`), fetched once. This file builds a panel's citations from it when the
   panel first opens (without JavaScript the panel gives the address and points to "How to cite"),
   adds the Copy buttons, copies in one click, closes a panel with Escape, and keeps one panel open
   at a time. The panels are built with DOM methods (createElement, createTextNode) from the data,
   never with innerHTML or any HTML parser: the citation markup is read tag by tag and only the
   citations' own elements are made (build); a missing or malformed entry shows the panel's
   fallback.
   edition.js loads it at the reader's first reach for a Cite control
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

  // The page's one source of its panels' citations (edition.extension.cite_json), read once:
  // {data} at once for inline JSON; {promise, data once it is here} for a file.
  function source() {
    var holder = document.querySelector("template.ed-cite-data");
    if (!holder) return null;
    var src = holder.getAttribute("data-src");
    if (!src) {
      if (!holder.edCiteData) {
        try { holder.edCiteData = { data: JSON.parse(holder.content.textContent) }; }
        catch (e) { holder.edCiteData = { failed: true }; } // tampered: every panel's fallback
      }
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

  // The citations of one panel, as markup: the data's entry for `key`; null when the data is no
  // map or its entry is missing or not text: the panel then shows its fallback.
  function citationsOf(data, key) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return null;
    var markup = Object.prototype.hasOwnProperty.call(data, key) ? data[key] : null;
    return typeof markup === "string" ? markup : null;
  }

  // The markup a panel may hold (overrides/partials/cite.html): these elements, with a class and,
  // on a link, an address of this site or the address the link prints as its words (a place's
  // address). Anything else makes the markup malformed.
  var ELEMENTS = { DIV: "div", P: "p", PRE: "pre", I: "i", A: "a" };

  function allowedHref(value, words) {
    var url;
    try { url = new URL(value, location.href); } catch (e) { return false; }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    return url.origin === location.origin || words === value;
  }

  var TOKEN = /<(\/?)([a-z]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>|([^<]+)|</g;
  var ATTRIBUTE = /\s+([a-z-]+)="([^"<>]*)"/g;
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'" };

  // Text of citation markup with its character references decoded (what Jinja's escaping writes).
  function decode(text) {
    return text.replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z]+);/gi, function (whole, name) {
      if (name.charAt(0) !== "#") return ENTITIES.hasOwnProperty(name) ? ENTITIES[name] : whole;
      var code = name.charAt(1).toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    });
  }

  // The live nodes of citation markup, made with document.createElement and createTextNode while
  // reading it tag by tag: no HTML parser sees the data, so nothing in it loads, runs or fires.
  // Anything but ELEMENTS (with a class, and on a link an allowed address), text and their
  // balanced end tags throws: the caller shows the panel's fallback instead.
  function build(markup) {
    var out = document.createDocumentFragment(), stack = [out], m, links = [];
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(markup)) !== null) {
      var top = stack[stack.length - 1];
      if (m[4] !== undefined) { top.appendChild(document.createTextNode(decode(m[4]))); continue; }
      var tag = m[2] && ELEMENTS[m[2].toUpperCase()];
      if (!tag || tag !== m[2]) throw new Error("cite.js: unexpected markup in a citation: " + m[0]);
      if (m[1]) {
        if (stack.length < 2 || top.tagName.toLowerCase() !== tag) throw new Error("cite.js: unbalanced </" + tag + ">");
        stack.pop();
        continue;
      }
      var el = document.createElement(tag), a;
      ATTRIBUTE.lastIndex = 0;
      while ((a = ATTRIBUTE.exec(m[3])) !== null) {
        var value = decode(a[2]);
        if (a[1] === "class" && /^[\w -]*$/.test(value)) el.className = value;
        else if (a[1] === "href" && tag === "a") { el.setAttribute("href", value); links.push(el); }
        else throw new Error("cite.js: unexpected attribute " + a[1] + " in a citation");
      }
      top.appendChild(el);
      stack.push(el);
    }
    if (stack.length !== 1) throw new Error("cite.js: an element of a citation is not closed");
    links.forEach(function (link) { // once its words are known: a link may print its own address
      if (!allowedHref(link.getAttribute("href"), link.textContent)) {
        throw new Error("cite.js: a citation links to " + link.getAttribute("href"));
      }
    });
    addButtons(out);
    return out;
  }

  // The panel's own words for a reader without its citations (the <noscript>'s: its address and
  // "How to cite"), or, if even those cannot be read, a sentence of plain text.
  function fallback(holder) {
    var content;
    try { content = build(holder.textContent); } catch (e) {
      content = document.createTextNode("The citations of this place could not be read; see How to cite.");
    }
    holder.replaceWith(content);
  }

  // A panel's citations, built from the page's data the first time it opens, in place of the
  // <noscript> that tells a reader without JavaScript where to find them; if the data is still on
  // its way, as soon as it is here. If it cannot be fetched or read, or has no well-formed entry
  // for this panel, the <noscript>'s words show: never an empty panel, never an uncaught error.
  function fill(details) {
    var holder = details.querySelector(".ed-cite__panel > noscript");
    if (!holder) return;
    var from = source();
    if (!from) return fallback(holder);
    if (from.failed) return fallback(holder);
    if (!from.data) {
      from.promise.then(function () { fill(details); },
                        function () { if (holder.parentNode) fallback(holder); });
      return;
    }
    var markup = citationsOf(from.data, details.getAttribute("data-cite") || ""), content = null;
    if (markup !== null) {
      try { content = build(markup); } catch (e) { content = null; }
    }
    if (content) holder.replaceWith(content);
    else fallback(holder);
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
