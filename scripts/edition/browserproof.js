// What a reader sees of an element of the page (the brief's <article>, a line of the source view),
// read by edition.browserproof in Chromium after the site's scripts have run. Returns a tree of
// {t: tag, a: {attributes the proof reads}, w: [why hidden or changed], n: [notes], c: [children]}
// (a child string is a text node the reader sees). The proof in Python (edition.proof) puts the
// marks back to their source readings and compares the words with the source; this file only
// says, from computed styles and boxes, which text a reader cannot see as the source has it.
(opts) => {
  "use strict";
  const SKIP_TAGS = new Set(["script", "style", "noscript", "template"]);
  const SKIP_CLASSES = ["headerlink", "footnote-backref"];
  const ATTRS = ["id", "class", "data-editorial", "hidden", "aria-hidden", "href", "title", "data-line",
                 "data-cite", "style", "dir"];
  // Elements whose content is drawn, not text: the proof cannot read what they show.
  const REPLACED = new Set(["img", "svg", "canvas", "video", "audio", "iframe", "object", "embed",
                            "picture", "input", "textarea", "select", "button", "meter", "progress", "math"]);
  // Characters that reorder or hide text without showing themselves.
  const INVISIBLE = /[\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3000\u3164\uFEFF\uFFA0]/u;
  const editorsOwn = new Set(opts.editorsOwn || []);
  // Each note pointer's sign, by its mark's id (edition.extension.pointer_signs): the one piece of
  // generated content a pointer may show, and only while it holds no text of its own.
  const signs = opts.signs || {};

  function rgba(value) {
    const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value || "");
    if (!m) return null;
    let a = m[4] === undefined ? 1 : parseFloat(m[4]);
    if (m[4] && m[4].endsWith("%")) a /= 100;
    return [parseFloat(m[1]), parseFloat(m[2]), parseFloat(m[3]), a];
  }
  function luminance(c) {
    const ch = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  }
  function over(top, bottom) { // top composited over an opaque bottom
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  }
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    const dark = /dark/.test(getComputedStyle(document.documentElement).colorScheme);
    let bg = dark ? [18, 18, 18, 1] : [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  }
  function generated(text) { // the string a computed `content` prints, or "" for none/""/normal
    if (!text || text === "none" || text === "normal") return "";
    const out = [];
    const re = /"((?:[^"\\]|\\.)*)"|([a-z-]+\([^)]*\))|([a-z-]+)/g;
    let m;
    while ((m = re.exec(text))) {
      if (m[1] !== undefined) out.push(m[1].replace(/\\([0-9a-fA-F]{1,6}) ?|\\(.)/g,
        (s, hex, ch) => hex ? String.fromCodePoint(parseInt(hex, 16)) : ch));
      else if (m[2]) out.push(m[2]);
      else if (m[3]) out.push(m[3]); // open-quote, close-quote...
    }
    return out.join("");
  }

  // What hides or changes an element's text, from its computed style (and its box).
  function why(el, style, ownText, isMark) {
    const w = [];
    if (style.display === "none") w.push("hidden (display: none)");
    if (style.visibility !== "visible") w.push(`hidden (visibility: ${style.visibility})`);
    if (style.contentVisibility && style.contentVisibility !== "visible" && style.contentVisibility !== "auto")
      w.push(`hidden (content-visibility: ${style.contentVisibility})`);
    if (parseFloat(style.opacity) < 0.2) w.push(`transparent (opacity: ${style.opacity})`);
    if (style.clipPath && style.clipPath !== "none") w.push(`clipped (clip-path: ${style.clipPath})`);
    if (style.clip && style.clip !== "auto" && /absolute|fixed/.test(style.position)) w.push(`clipped (clip: ${style.clip})`);
    if (style.transform && style.transform !== "none") w.push(`transformed (transform: ${style.transform})`);
    if (style.writingMode && style.writingMode !== "horizontal-tb") w.push(`turned (writing-mode: ${style.writingMode})`);
    if (style.direction !== "ltr") w.push(`reordered (direction: ${style.direction})`);
    if (/override|plaintext/.test(style.unicodeBidi)) w.push(`reordered (unicode-bidi: ${style.unicodeBidi})`);
    if (/line-through/.test(style.textDecorationLine)) w.push("struck through (text-decoration: line-through)");
    if (ownText && !isMark) {
      if (style.textTransform !== "none") w.push(`case-changed (text-transform: ${style.textTransform})`);
      if (style.fontVariantCaps && style.fontVariantCaps !== "normal") w.push(`case-changed (font-variant-caps: ${style.fontVariantCaps})`);
    }
    if (ownText) {
      if (parseFloat(style.fontSize) < 4) w.push(`zero-sized (font-size: ${style.fontSize})`);
      const fill = rgba(style.webkitTextFillColor) || rgba(style.color);
      if (fill && fill[3] < 0.2) w.push(`transparent (color: ${style.webkitTextFillColor || style.color})`);
      else if (fill) {
        const bg = background(el);
        const fg = over(fill, bg);
        const l1 = luminance(fg), l2 = luminance(bg);
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        if (ratio < 1.5) w.push(`the colour of its background (color ${style.color} on ${"rgb(" + bg.slice(0, 3).join(", ") + ")"}, contrast ${ratio.toFixed(2)}:1)`);
      }
    }
    return w;
  }

  // Generated content and first-letter/first-line styles: notes on the element.
  function pseudos(el, style, isMark) {
    const n = [];
    for (const p of ["::before", "::after"]) {
      const ps = getComputedStyle(el, p);
      if (ps.display === "none" || ps.content === "none" || ps.content === "normal") continue;
      const text = generated(ps.content);
      const note = el.getAttribute("aria-label") || el.getAttribute("data-note"); // a mark's note: its name, or its data-note in a heading
      if (isMark && note && text.includes(note)) continue; // the editors' note, shown on hover
      if (isMark && p === "::before" && el.id in signs && text === signs[el.id] && !el.textContent) continue; // the pointer's sign
      if (text.trim() || /url\(|image/.test(ps.content)) n.push([`${el.localName}.${Array.from(el.classList).sort().join(".")}${p}=${text.trim()}`, `generated content (${el.localName}${p}) adds “${text.trim() || ps.content}” to the author's text`]);
      else if (/absolute|fixed/.test(ps.position)) {
        const bg = rgba(ps.backgroundColor);
        if ((bg && bg[3] > 0.2) || ps.backgroundImage !== "none")
          n.push([p, `generated content (${el.localName}${p}) is a box that may cover the author's text`]);
      }
    }
    if (/^(block|list-item|flow-root|table-cell)$/.test(style.display)) {
      for (const p of ["::first-letter", "::first-line"]) {
        const ps = getComputedStyle(el, p);
        const w = [];
        if (parseFloat(ps.fontSize) < 4) w.push(`font-size: ${ps.fontSize}`);
        const c = rgba(ps.webkitTextFillColor) || rgba(ps.color);
        if (c && c[3] < 0.2) w.push(`color: ${ps.color}`);
        if (ps.textTransform !== style.textTransform) w.push(`text-transform: ${ps.textTransform}`);
        if (ps.visibility !== style.visibility) w.push(`visibility: ${ps.visibility}`);
        if (/line-through/.test(ps.textDecorationLine)) w.push("text-decoration: line-through");
        if (parseFloat(ps.opacity) < 0.2) w.push(`opacity: ${ps.opacity}`);
        if (w.length) n.push([p, `its ${p.slice(2).replace("-", " ")} is hidden or changed (${el.localName}${p}: ${w.join("; ")})`]);
      }
    }
    return n;
  }

  // Boxes: a text node with no box, clipped by an ancestor's overflow, off the page, or covered.
  const clippers = new Map();
  function clipRects(node) {
    const out = [];
    for (let e = node.parentElement; e && e !== document.documentElement; e = e.parentElement) {
      if (!clippers.has(e)) {
        const s = getComputedStyle(e);
        clippers.set(e, /hidden|clip/.test(s.overflowX + s.overflowY) ? e.getBoundingClientRect() : null);
      }
      if (clippers.get(e)) out.push([e, clippers.get(e)]);
    }
    return out;
  }
  const pending = []; // [text node, rects, tree node] checked for overlays once the tree is built
  function textWhy(node, treeNode) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width >= 1 && r.height >= 1);
    if (!rects.length) return ["zero-sized (the text has no box on the page)"];
    const w = [];
    const sx = window.scrollX, sy = window.scrollY;
    const docW = document.documentElement.scrollWidth;
    for (const r of rects) {
      if (r.right + sx <= 0 || r.bottom + sy <= 0 || r.left + sx >= docW) {
        w.push("off the page (its box lies outside the document)");
        break;
      }
      for (const [e, c] of clipRects(node)) {
        const iw = Math.min(r.right, c.right) - Math.max(r.left, c.left);
        const ih = Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top);
        if (iw < r.width * 0.9 || ih < r.height * 0.9) {
          w.push(`clipped (outside the overflow box of <${e.localName}${e.id ? "#" + e.id : ""}${e.className ? "." + String(e.className).split(" ").join(".") : ""}>)`);
          break;
        }
      }
      if (w.length) break;
    }
    if (!w.length) pending.push([node, rects.map((r) => [r.left + sx, r.top + sy, r.width, r.height]), treeNode]);
    return w;
  }
  function paints(e) {
    if (!e || e === document.documentElement || e === document.body) return false;
    const s = getComputedStyle(e);
    const bg = rgba(s.backgroundColor);
    return (bg && bg[3] > 0.2) || s.backgroundImage !== "none" || REPLACED.has(e.localName)
      || Array.from(e.childNodes).some((c) => c.nodeType === 3 && c.data.trim());
  }
  function overlays() {
    // Every overlay is found by hit-testing, pointer-events or not: a constructed style sheet
    // (no CSP applies to it) makes everything a target while the points are tested, then goes.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("*, *::before, *::after { pointer-events: auto !important; }");
    const saved = document.adoptedStyleSheets;
    const x0 = window.scrollX, y0 = window.scrollY;
    const html = document.documentElement;
    const behaviour = html.style.scrollBehavior;
    html.style.scrollBehavior = "auto";
    try {
      // Candidates: every element that paints something (a background, an image, text) with a
      // box that meets a box of the author's text; only where they meet is the page hit-tested
      // (scrolled there), so that what is painted on top is what decides.
      const sx = window.scrollX, sy = window.scrollY;
      const boxes = [];
      for (const e of document.body.querySelectorAll("*")) {
        if (!paints(e)) continue;
        const s = getComputedStyle(e);
        if (s.visibility !== "visible" || parseFloat(s.opacity) < 0.2) continue;
        const r = e.getBoundingClientRect();
        if (r.width >= 1 && r.height >= 1) boxes.push([e, r.left + sx, r.top + sy, r.right + sx, r.bottom + sy]);
      }
      const BAND = 200; // boxes filed by the bands of 200 px of the page they reach
      const bands = new Map();
      for (const box of boxes) {
        for (let k = Math.floor(box[2] / BAND); k <= Math.floor(box[4] / BAND); k++) {
          if (!bands.has(k)) bands.set(k, []);
          bands.get(k).push(box);
        }
      }
      const points = [];
      for (const [node, rects, treeNode] of pending) {
        const parent = node.parentElement;
        for (const [x, y, w, h] of rects) {
          const near = new Set();
          for (let k = Math.floor(y / BAND); k <= Math.floor((y + h) / BAND); k++) for (const box of bands.get(k) || []) near.add(box);
          for (const [e, l, t, r, b] of near) {
            if (e === parent || e.contains(parent)) continue;
            const il = Math.max(l, x), ir = Math.min(r, x + w), it = Math.max(t, y), ib = Math.min(b, y + h);
            if (ir - il >= 2 && ib - it >= h / 2) points.push([(il + ir) / 2, (it + ib) / 2, parent, treeNode]);
          }
        }
      }
      points.sort((a, b) => a[1] - b[1]);
      if (points.length) document.adoptedStyleSheets = [...saved, sheet];
      for (const [x, y, parent, treeNode] of points) {
        if (treeNode.w.length) continue;
        const vx = x - window.scrollX, vy = y - window.scrollY; // scrolled only when out of the middle
        if (vx < 0 || vx >= window.innerWidth || vy < window.innerHeight * 0.2 || vy >= window.innerHeight * 0.8)
          window.scrollTo(Math.max(0, x - window.innerWidth / 2), Math.max(0, y - window.innerHeight * 0.3));
        const px = x - window.scrollX, py = y - window.scrollY;
        if (px < 0 || px >= window.innerWidth || py < 0 || py >= window.innerHeight) continue;
        const hit = document.elementFromPoint(px, py);
        if (!hit || hit === parent || parent.contains(hit) && !paints(hit)) continue;
        let cover = hit, painted = false;
        for (; cover && !cover.contains(parent); cover = cover.parentElement) if (paints(cover)) { painted = true; break; }
        if (painted) {
          const cls = typeof cover.className === "string" && cover.className.trim() ? "." + cover.className.trim().split(/\s+/).join(".") : "";
          treeNode.w.push(`overlaid (covered by <${cover.localName}${cover.id ? "#" + cover.id : ""}${cls}>)`);
        }
      }
    } finally {
      window.scrollTo(x0, y0);
      html.style.scrollBehavior = behaviour;
      document.adoptedStyleSheets = saved;
    }
  }

  function invisibles(text) {
    const found = [];
    for (const ch of text) if (INVISIBLE.test(ch)) found.push("U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0"));
    return Array.from(new Set(found));
  }

  function attrs(el) {
    const a = {};
    for (const name of ATTRS) if (el.hasAttribute(name)) a[name] = el.getAttribute(name);
    return a;
  }

  function read(el, inheritedWhy, isRoot) {
    const tag = el.localName;
    const out = { t: tag, a: attrs(el), w: [], n: [], c: [] };
    const editorial = el.hasAttribute("data-editorial") || SKIP_TAGS.has(tag)
      || SKIP_CLASSES.some((c) => el.classList.contains(c));
    if (editorial) {
      // The editors' parts are not read as the author's text; characters that reorder the
      // author's words around them are still the author's concern.
      const inv = invisibles(el.textContent + Array.from(el.attributes).map((a) => a.value).join(" "));
      if (inv.length && !SKIP_TAGS.has(tag)) out.n.push(["chars", `invisible or reordering characters (${inv.join(", ")}) in the editors' part <${tag}${el.id ? "#" + el.id : ""}>`]);
      return out;
    }
    const style = getComputedStyle(el);
    const isMark = editorsOwn.has(el.id);
    const ownText = Array.from(el.childNodes).some((c) => c.nodeType === 3 && c.data.trim());
    out.w = inheritedWhy.concat(why(el, style, ownText, isMark));
    if (REPLACED.has(tag)) out.w.push(`an element that draws instead of text (<${tag}>)`);
    let passed = [];
    if (isRoot && out.w.length) { // what hides the whole root is said of each part of it
      passed = out.w.map((r) => / on </.test(r) ? r : `${r} on <${tag}>`);
      out.w = [];
    }
    out.n = out.w.length && style.display === "none" ? [] : pseudos(el, style, el.classList.contains("ed"));
    if (innerNotes.has(el)) out.n.push(["innerText", innerNotes.get(el)]);
    for (const a of el.attributes) {
      const inv = invisibles(a.value);
      if (inv.length) out.n.push(["chars", `invisible or reordering characters (${inv.join(", ")}) in the ${a.name} of <${tag}>`]);
    }
    if (out.w.length) {
      out.c = [el.textContent];
      if (!el.textContent.trim()) out.c = [`<${tag}>`];
      return out;
    }
    for (const child of el.childNodes) {
      if (child.nodeType === 1) out.c.push(read(child, passed, false));
      else if (child.nodeType === 3 || child.nodeType === 4) {
        const text = child.data;
        if (!text.trim()) { out.c.push(text); continue; }
        const inv = invisibles(text);
        if (inv.length) out.n.push(["chars", `invisible or reordering characters (${inv.join(", ")}) in the text of <${tag}>`]);
        const node = { t: "#text", a: {}, w: passed.slice(), n: [], c: [text] };
        node.w.push(...textWhy(child, node));
        out.c.push(node);
      }
    }
    return out;
  }

  function ancestorsWhy(el) {
    const w = [];
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      for (const reason of why(e, s, false, false)) {
        if (/^(hidden|transparent|clipped|transformed|turned|reordered|struck)/.test(reason))
          w.push(`${reason} on <${e.localName}${e.id ? "#" + e.id : ""}>`);
      }
    }
    return w;
  }

  // The browser's own account of each place's text (innerText: what it renders as text, with
  // text-transform applied and hidden parts left out) against the text nodes read here.
  function innerTextNotes(root) {
    for (const el of root.querySelectorAll("[id]")) {
      if (!(opts.places || []).includes(el.id)) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let mine = "";
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(t);
        const parent = t.parentElement;
        if (parent.closest("script,style,noscript,template")) continue;
        if (getComputedStyle(parent).visibility !== "visible" || !range.getClientRects().length) continue;
        mine += t.data;
      }
      const a = el.innerText.replace(/\s+/g, ""), b = mine.replace(/\s+/g, "");
      if (a !== b) {
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        innerNotes.set(el, `the browser renders its text as “…${a.slice(Math.max(0, i - 20), i + 30)}…” where the page has “…${b.slice(Math.max(0, i - 20), i + 30)}…” (innerText)`);
      }
    }
  }
  const innerNotes = new Map();
  const results = [];
  for (const root of document.querySelectorAll(opts.selector)) innerTextNotes(root);
  for (const root of document.querySelectorAll(opts.selector)) {
    const w = root.parentElement ? ancestorsWhy(root.parentElement) : [];
    const out = read(root, w, true);
    const line = root.closest("[data-line]");
    if (line) out.a["data-line"] = line.getAttribute("data-line");
    results.push(out);
  }
  overlays();
  return JSON.stringify(results);
}
