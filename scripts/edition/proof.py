"""Fidelity proved on what the reader gets: the built brief, its search index and its citations.

edition.fidelity proves the Markdown; this reads the page a browser gets. It walks the brief's
<article> in document order, takes the author's text as a reader sees it (editorial blocks set
aside: they are marked data-editorial), and puts every mark back to its recorded source reading
(marks are found by their ids, their recorded readings come from the one parse of the brief, and
each mark's text on the page must be its recorded edition reading). What is left must be the
source extraction word for word, each word in the block the Markdown gives it. It also fails on:

- author text that is hidden (`hidden`, `aria-hidden`), struck (<del>, <s>, <strike>), or hidden or
  changed by its style attribute or by a rule of any stylesheet the page ships (inline or linked:
  edition.staticstyle says which selectors and properties it models), or by the browser itself
  (<dialog>, <datalist>, <rp>, <bdo>, <q>, drawn elements such as <img>);
- a heading that is no whole line of the source (a paragraph turned into a heading), a paragraph
  that is a lone heading-like line of the source (a heading turned into a paragraph), or a place
  of the brief rendered as the wrong kind of element;
- a link whose printed address is not its target;
- a paragraph of the brief that the search index does not hold as the page shows it;
- a Cite control whose address or locator is not the place it stands before.

The build runs it (edition postbuild, which the plugin runs): an unfaithful edition stops the build, naming the
page, the paragraph id and the words around. `edition fidelity --site DIR` runs it on a build.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from pathlib import Path

from edition import fidelity, htmlread, notation, staticstyle
from edition.extension import cite_panels
from edition.loader import Edition

CONTEXT = 6
SKIP_TAGS = {"script", "style", "noscript", "template"}
STRUCK = {"del", "s", "strike"}
SKIP_CLASSES = {"headerlink", "footnote-backref"}
HIDING_RE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
CLOSING_PUNCTUATION = ".?!:;,”’\")"


class Node:
    """An element of the page: tag, attributes, children (Nodes and strings). The one model of the
    two readings of the brief, the page's HTML (parse) and what Chromium showed
    (edition.browserproof); edition.staticstyle matches its selectors on it."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()


def parse(page: str) -> Node:
    """A page (edition.htmlread) as Nodes under a "#document" Node."""
    root = Node("#document", {}, None)

    def add(el, parent: Node) -> None:
        node = Node(el.tag, htmlread.attrs(el), parent)
        parent.children.append(node)
        for part in htmlread.children(el):
            if isinstance(part, str):
                node.children.append(part)
            else:
                add(part, node)

    add(htmlread.page(page), root)
    return root


# Text the edition's own stylesheets print beside the author's words, each for a reason, as
# "element.classes::pseudo=text" (classes sorted). Any other generated text is a fault.
GENERATED = {
    "aside.pull-quote::before=Pull-quote",  # edition.css: says a pull-quote is one (its sentence comes twice)
    "span.::before=·",  # edition.css: the separator between the parts of the title block's imprint
}


def stylesheets(root: Node, page: Path | None = None, site: Path | None = None) -> staticstyle.StyleSheets:
    """Every stylesheet the page ships (inline, and linked files under `site`), ready to ask."""
    return staticstyle.StyleSheets(staticstyle.page_stylesheets(root, page, site), GENERATED)


BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
              "td", "th", "section", "article", "dl", "dt", "dd", "blockquote", "pre"}


class _Reader:
    """The brief's article read as the source: pieces of text with their block, in document order.
    A piece is a string of the page, a mark's recorded source reading, or a move's placeholder."""

    def __init__(self, ed: Edition, styles: staticstyle.StyleSheets | None):
        self.ed, self.styles = ed, styles
        self.by_id = {iv.id: iv for iv in ed.doc.interventions}
        self.places = ed.brief.places
        self.problems: list[str] = []
        self.moved: dict[str, list[tuple[str, str]]] = {}

    def pieces(self, node: Node, block: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for child in node.children:
            if isinstance(child, str):
                out.append((child, block))
            else:
                out += self.element(child, block)
        return out

    def element(self, el: Node, block: str) -> list[tuple[str, str]]:
        if el.tag in SKIP_TAGS or "data-editorial" in el.attrs or el.classes & SKIP_CLASSES:
            return [(" ", block)] if el.tag in BLOCK_TAGS else []
        if el.attrs.get("id") in self.places:
            block = el.attrs["id"]
        why = self.why_hidden(el)
        if why:
            text = " ".join(el.text().split())
            if text:
                self.problems.append(f"#{block}: author text {why}: “{text[:80]}”")
            return []
        iv = self.by_id.get(el.attrs.get("id", ""))
        if iv is not None and el.classes & {"ed", "ed-anchor", "ed-moved"}:
            return self.mark(el, iv, block)
        if el.tag == "div" and "footnote" in el.classes:
            for item in el.iter():
                if item.tag == "li" and item.attrs.get("id", "").startswith("fn:"):
                    n, fid = item.attrs["id"][3:], item.attrs["id"]
                    self.moved[f"fn-{n}"] = words([(f" {n} ", fid)] + self.pieces(item, fid))
            return [(" ", block)]
        inner = self.pieces(el, block)
        return [(" ", block), *inner, (" ", block)] if el.tag in BLOCK_TAGS else inner

    def why_hidden(self, el: Node) -> str:
        if "hidden" in el.attrs:
            return "hidden (the hidden attribute)"
        if el.attrs.get("aria-hidden", "").lower() == "true":
            return "hidden from screen readers (aria-hidden)"
        if HIDING_RE.search(el.attrs.get("style", "")):
            return f"hidden by its style ({el.attrs['style'].strip()})"
        if el.attrs.get("style"):
            rule = staticstyle.parse_css(f"x{{{el.attrs['style']}}}", "its style attribute")
            found = staticstyle.effects(rule[0].decls, "", {}) if rule else []
            if found:
                return f"{found[0]}, by its style ({el.attrs['style'].strip()})"
        if el.tag in STRUCK:
            return f"struck through (<{el.tag}>)"
        return self.styles.why(el) if self.styles is not None else ""

    def mark(self, el: Node, iv: notation.Intervention, block: str) -> list[tuple[str, str]]:
        kind = self.ed.kinds[iv.kind]
        shown = el.text()
        expected = {"substitution": iv.edition, "insertion": kind.open + iv.edition + kind.close,
                    "destination": iv.edition,
                    "note": ""}.get(iv.form, "")  # a note's pointer has no text: CSS draws its sign
        if " ".join(shown.split()) != " ".join(expected.split()):
            self.problems.append(f"#{block}: the mark #{iv.id} shows “{' '.join(shown.split())}”, but its "
                                 f"record reads “{expected}”")
        if iv.form in ("substitution", "deletion"):
            return [(iv.source, block)]
        if iv.form == "destination":
            self.moved[iv.label] = words([(shown, block)])
        if iv.form == "origin":
            return [(f" \0{iv.label} ", block)]
        return []


def words(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pieces of text joined, then split into words, each with the block of its first character."""
    out: list[tuple[str, str]] = []
    current, block = "", ""
    for text, where in pieces:
        for ch in text:
            if ch.isspace():
                if current:
                    out.append((current, block))
                current = ""
            else:
                if not current:
                    block = where
                current += ch
    if current:
        out.append((current, block))
    return out


def read_brief(root: Node, ed: Edition, reader: _Reader | None = None,
               styles: staticstyle.StyleSheets | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    """The source as the page records it, and the problems met on the way (`reader`: how the
    page is read; by default from its HTML, edition.browserproof gives what Chromium showed)."""
    article = next((n for n in root.iter() if n.tag == "article"), None)
    if article is None:
        return [], ["the page has no <article>"]
    reader = reader or _Reader(ed, styles if styles is not None else stylesheets(root))
    tokens = words(reader.pieces(article, ""))
    out: list[tuple[str, str]] = []
    for word, block in tokens:
        if word.startswith("\0"):
            moved = reader.moved.pop(word[1:], None)
            if moved is None:
                reader.problems.append(f"#{block}: the words moved from here (#{word[1:]}) are not on the page")
                continue
            out += moved
        else:
            out.append((word, block))
    return out, reader.problems


def _around(words: list, i: int, j: int) -> str:
    before = " ".join(w for w, *_ in words[max(0, i - CONTEXT):i])
    after = " ".join(w for w, *_ in words[j:j + CONTEXT])
    return f"“… {before} ⟦{' '.join(w for w, *_ in words[i:j])}⟧ {after} …”"


def compare_words(page: list[tuple[str, str]], ed: Edition, source: str, where: str) -> list[str]:
    """The page's recorded source against the source extraction, then against the Markdown's blocks."""
    src = [(w.text, w.where) for w in fidelity.source_words(source)]
    matcher = difflib.SequenceMatcher(None, [w for w, _ in src], [w for w, _ in page], autojunk=False)
    problems = []
    for op, s1, s2, e1, e2 in matcher.get_opcodes():
        if op == "equal":
            continue
        at = page[min(e1, len(page) - 1)][1] if page else ""
        what = {"replace": "changed", "delete": "missing from the page", "insert": "added by the page"}[op]
        problems.append(f"{where}#{at}: unrecorded difference ({what}) at source line "
                        f"{src[min(s1, len(src) - 1)][1]}: source “{' '.join(w for w, _ in src[s1:s2]) or '(nothing)'}”, "
                        f"page “{' '.join(w for w, _ in page[e1:e2]) or '(nothing)'}”, in {_around(src, s1, s2)}")
    if problems:
        return problems
    blocks = [(b, e) for b, e, _id in notation.block_ids(ed.doc.text)]
    ids = [i for *_, i in notation.block_ids(ed.doc.text)]
    markdown = []
    for w in fidelity.words_of(fidelity.undo(ed.doc)):
        k = next((k for k, (b, e) in enumerate(blocks) if b <= w.where < e), None)
        markdown.append(ids[k] if k is not None else "")
    for k, ((word, block), md_block) in enumerate(zip(page, markdown)):
        if md_block and block != md_block:
            return [f"{where}#{block}: “{word}” stands in #{block} on the page but in #{md_block} in the "
                    f"Markdown: moved out of its block, in {_around(page, k, k + 1)}"]
    return []


def check_structure(root: Node, ed: Edition, source: str, where: str) -> list[str]:
    """Headings, paragraphs and links, as the source and the model say they are."""
    problems = []
    lines = [" ".join(line.split()) for line in source.splitlines()]
    whole = set(lines) | {f"{a} {b}" for a, b in zip(lines, lines[1:])}
    kinds = {"section": {"h1", "h2", "h3", "h4", "h5", "h6"}, "paragraph": {"p"}, "pull-quote": {"aside"},
             "note": {"li"}, "block": {"p"}}
    article = next((n for n in root.iter() if n.tag == "article"), root)
    elements = {n.attrs["id"]: n for n in article.iter() if n.attrs.get("id")}
    title_section = next(iter(ed.brief.places.values())).section
    for pid, place in ed.brief.places.items():
        el = elements.get(pid)
        if el is None:
            problems.append(f"{where}#{pid}: the place is not on the page")
        elif el.tag not in kinds[place.kind]:
            problems.append(f"{where}#{pid}: a {place.kind} of the brief is rendered as <{el.tag}>")
    for el in article.iter():
        pid = el.attrs.get("id", "")
        if el.tag in kinds["section"]:
            text = _source_text(el, ed)
            if text and text not in whole:
                problems.append(f"{where}#{pid}: the heading “{text}” is no whole line of the source: "
                                "a paragraph turned into a heading?")
        elif el.tag == "p" and pid in ed.brief.places and ed.brief.places[pid].section != title_section:
            text = _source_text(el, ed)
            if text in whole and len(text.split()) <= 8 and text[-1:] not in CLOSING_PUNCTUATION:
                problems.append(f"{where}#{pid}: the paragraph “{text}” is a lone heading-like line of "
                                "the source: a heading turned into a paragraph?")
        if el.tag == "a" and el.attrs.get("href", "").startswith(("http://", "https://")) \
                and "data-editorial" not in el.attrs:
            printed = " ".join(el.text().split())
            if printed.startswith(("http://", "https://")) and printed != el.attrs["href"]:
                problems.append(f"{where}#{_block_of(el, ed)}: the link prints “{printed}” but leads to "
                                f"“{el.attrs['href']}”")
    return problems


def _block_of(el: Node, ed: Edition) -> str:
    while el is not None and el.attrs.get("id") not in ed.brief.places:
        el = el.parent
    return el.attrs["id"] if el is not None else ""


def _source_text(el: Node, ed: Edition) -> str:
    """An element's words as the source has them (marks undone, editorial parts aside)."""
    reader = _Reader(ed, None)
    return " ".join(w for w, _ in words(reader.pieces(el, "")) if not w.startswith("\0"))


def _shown_text(el: Node) -> str:
    """An element's text as a reader sees it, editorial blocks and permalinks aside."""
    parts = []
    for c in el.children:
        if isinstance(c, str):
            parts.append(c)
        elif not (c.tag in SKIP_TAGS or "data-editorial" in c.attrs or c.classes & SKIP_CLASSES):
            parts.append(_shown_text(c))
    return "".join(parts)


def check_search(root: Node, index: dict, ed: Edition, where: str) -> list[str]:
    """Every paragraph of the brief stands in the search index as the page shows it."""
    page = ed.brief_uri[:-3] + "/"
    docs = [d for d in index.get("docs", []) if d["location"].split("#")[0] == page]
    # Compared without white space: the index and the page space inline markup differently.
    text = "".join("".join(html.unescape(re.sub(r"<[^>]+>", "", d["title"] + d["text"])).split()) for d in docs)
    problems = []
    for el in root.iter():
        pid = el.attrs.get("id", "")
        if el.tag == "p" and pid in ed.brief.places:
            shown = " ".join(_shown_text(el).split())
            if shown and "".join(shown.split()) not in text:
                problems.append(f"{where}#{pid}: the search index does not hold the paragraph as the page "
                                f"shows it: “{shown[:80]}…”")
    return problems


def check_citations(root: Node, ed: Edition, where: str, panels: dict[str, str]) -> list[str]:
    """Each Cite control cites the place it stands before, at its address, with its locator (its
    citations as cite.js builds them from the page's data: `panels`, edition.extension.cite_panels)."""
    problems = []
    for el in root.iter():
        if "ed-tools" not in el.classes or el.parent is None:
            continue
        siblings = [c for c in el.parent.children if isinstance(c, Node)]
        following = next((c for c in siblings[siblings.index(el) + 1:] if "ed-tools" not in c.classes), None)
        pid = following.attrs.get("id", "") if following is not None else ""
        details = next((n for n in el.iter() if n.tag == "details" and "data-cite" in n.attrs), None)
        if details is None or details.attrs["data-cite"] not in panels:
            problems.append(f"{where}#{pid}: a Cite control without its citations")
            continue
        panel = parse(panels[details.attrs["data-cite"]])
        link = next((n for n in panel.iter() if n.tag == "a" and n.attrs.get("href", "").startswith("http")), None)
        url = link.attrs["href"] if link is not None else ""
        if "ed-tools--brief" in el.classes:
            if "#" in url:
                problems.append(f"{where}: the brief's Cite control cites “{url}”, not the brief")
            continue
        place = ed.brief.places.get(pid)
        if place is None or not url.endswith("#" + pid):
            problems.append(f"{where}#{pid}: the Cite control before it cites “{url}”")
            continue
        chicago = " ".join(_entry(panel, "Chicago (note)").split())
        if ed.citation["work"]["title"] not in chicago or place.section_title not in chicago \
                or (place.number and f"para. {place.number}," not in chicago):
            problems.append(f"{where}#{pid}: the Chicago note of its Cite control, “{chicago[:120]}”, does "
                            f"not name the brief, the section “{place.section_title}” and the paragraph")
    return problems


def _entry(panel: Node, label: str) -> str:
    """The text of the citation a Cite panel gives under `label`."""
    for entry in panel.iter():
        if "ed-cite__entry" in entry.classes:
            parts = [c for c in entry.children if isinstance(c, Node)]
            if parts and " ".join(parts[0].text().split()) == label and len(parts) > 1:
                return parts[1].text()
    return ""


# Where each engine writes its search index, and the key of its documents: Material's search plugin
# (split by lazy search into the full index and a stub), Zensical's.
SEARCH_INDEXES = {"search/search_index.full.json": "docs", "search/search_index.json": "docs",
                  "search.json": "items"}


def search_index(site: Path) -> dict | None:
    """The built site's search index as {"docs": [...]}, whichever engine wrote it; None if none."""
    for rel, key in SEARCH_INDEXES.items():
        path = site / rel
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            return {"docs": data.get(key, [])}
    return None


def check_site(site: Path, ed: Edition) -> list[str]:
    """Every problem of the built brief, its search index and its citations."""
    where = ed.brief_uri[:-3] + "/"
    page = site / where / "index.html"
    if not page.is_file():
        return [f"{where}: the brief's page is not in the built site ({page})"]
    text = page.read_text(encoding="utf-8")
    root = parse(text)
    source = ed.project.source.read_text(encoding="utf-8")
    tokens, problems = read_brief(root, ed, styles=stylesheets(root, page, site))
    problems = [f"{where}{p}" for p in problems]
    problems += compare_words(tokens, ed, source, where)
    problems += check_structure(root, ed, source, where)
    index = search_index(site)
    if index is None:
        problems.append(f"{where}: no search index in the site (looked for {', '.join(SEARCH_INDEXES)}): "
                        "the text readers search is not proved")
    else:
        problems += check_search(root, index, ed, where)
    problems += check_citations(root, ed, where, cite_panels(text, page.parent))
    return problems
