"""The edition as a Python-Markdown extension: any generator that runs Python-Markdown renders it.

    markdown.markdown(text, extensions=["attr_list", "md_in_html", "footnotes", "toc",
                                        EditionExtension(root=".", site_url="https://…/")])

What it renders, working on the element tree (MkDocs, Zensical or a plain markdown.markdown call):

- the marks of the brief: each {~~…~>…~~}{>>kind: reason<<} of docs/brief.md becomes the element
  partials/edition.html's `mark` renders (a preprocessor swaps each mark of the one parse for a
  placeholder; an inline processor turns the placeholder into the element);
- the glossary tooltips: <abbr> on a term's first occurrence in each section of the brief, in the
  page elsewhere (the abbr extension's tree processor, fed from data/glossary.yml);
- the paragraph apparatus of the brief: the editors' links after a paragraph, the footnotes' links,
  the ¶ permalinks and Cite controls, and the anchors that keep renamed ids alive;
- the generated pages: each `<!-- md:name -->` marker becomes what its partial renders.

Which page it renders it is told: the `page` option (the MkDocs plugin sets it for each page) or
the engine's rendering context (Zensical's); it loads the edition once per document, and renders
each marker by the generator GENERATED lists under its name. Links to other pages are written as `page.md#id`, which MkDocs
rewrites to URLs and validates like any other link.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import xml.etree.ElementTree as etree
from html import escape as escape_html
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from edition import exports, notation, pages
from edition.comments import strip_comments
from edition.data import glossary_map
from edition.errors import MarkerError, NotationError
from edition.loader import Edition, load
from edition.templates import Templates, fragment, tooltip_title

MARK_TOKEN = "\x02edition-mark:{}\x03"
MARK_TOKEN_RE = r"\x02edition-mark:(\d+)\x03"
MARKER_TOKEN = "\x02edition-marker:{}\x03"
MARKER_TOKEN_RE = re.compile(r"^\x02edition-marker:([\w-]+)\x03$")
DELIMITERS_RE = re.compile(r"\{~~|\{\+\+|\{--|\{==|\{>>")
# The places "How to cite" uses as examples: a section and one of its paragraphs.
EXAMPLE_SECTION, EXAMPLE_PARAGRAPH = "the-security-agenda", "security-3"
HOW_TO_CITE_URI, TIMELINE_URI, REFERENCES_URI = "how-to-cite.md", "timeline.md", "references.md"
CHANGES_URI = "changes.md"
# The sign of each class of pointer to an editors' note in the reading text (the kinds whose marks
# are notes shown in the text: `in_text: note` in data/interventions.yml). "letters" keys each note
# of the class by a superscript letter, in order through the brief (a, b, c …), as documentary
# editions key their textual notes; any other value is the class's one sign. A sign is an
# attribute of the pointer (data-sign), drawn by the stylesheet: never a character of the page, so
# that no selection, copy, search or citation of the author's sentence holds it. The key on the
# brief (partials/signs.html) explains each sign; the editors' own words (brackets, conjectures)
# stay characters of the page.
POINTER_SIGNS = {"note": "letters", "witness": "†", "division": "⁋"}

_templates: dict[Path, Templates] = {}


def page_url(uri: str) -> str:
    """The path MkDocs gives a page under the site (directory URLs): brief.md -> brief/."""
    stem = uri[:-3] if uri.endswith(".md") else uri
    return "" if stem in ("index", "") else (stem[:-5] if stem.endswith("/index") else stem + "/")


class EditionExtension(Extension):
    """Renders the edition of the project at `root`."""

    def __init__(self, **kwargs):
        self.config = {
            "root": ["", "the project's folder (the one with mkdocs.yml); default: around the current one"],
            "site_url": ["", "the site's address, for the exact URLs of the Cite controls"],
            "page": ["", "the page being rendered, as a path under docs/ (brief.md); the MkDocs plugin "
                         "gives it, Zensical's rendering context too; none: a page of no special kind"],
        }
        super().__init__(**kwargs)
        self.page: str | None = None
        self.tokens: list[notation.Intervention] = []
        self._edition: Edition | None = None

    @property
    def edition(self) -> Edition:
        """The edition this document is rendered from: loaded once per document (begin())."""
        if self._edition is None:
            self._edition = load(self.getConfig("root") or None)
        return self._edition

    def begin(self, md: Markdown) -> Edition:
        """A new document: the edition loaded once (again only if an input changed since), and the
        page named by the `page` option or by the engine's rendering context (Zensical's
        `rendering_context` preprocessor, whose page has the path), never guessed from the text."""
        self._edition = load(self.getConfig("root") or None)
        page = self.getConfig("page") or None
        context = md.preprocessors["rendering_context"] if "rendering_context" in md.preprocessors else None
        if page is None and context is not None:
            page = getattr(getattr(context, "page", None), "path", None)
        self.page = str(page).replace("\\", "/") if page else None
        meta = getattr(getattr(context, "page", None), "meta", None)
        if self.page and isinstance(meta, dict) and isinstance(getattr(context, "config", None), dict):
            # An engine that hands the page's metadata to its templates from here (Zensical): the
            # head's values, as the MkDocs plugin gives them (edition.head).
            from edition import head

            meta[head.KEY] = head.page_head(self._edition, self.page, meta, context.config)
            # Its theme writes the description and author into an attribute as they are (a double
            # quote cut the description short): escaped here, as the MkDocs plugin does for Material.
            for key in ("description", "author"):
                if isinstance(meta.get(key), str):
                    meta[key] = escape_html(meta[key], quote=True)
        return self._edition

    @property
    def templates(self) -> Templates:
        partials = self.edition.project.partials.parent
        if partials not in _templates:
            _templates[partials] = Templates(partials)
        return _templates[partials]

    def render(self, partial: str, macro: str, *args, one_line: bool = False) -> etree.Element:
        """A macro of a partial, as a fragment of the tree (`one_line`: white space collapsed, for
        what stands inside a paragraph)."""
        html = self.templates.render(partial, macro, *args)
        return fragment(" ".join(html.split()) if one_line else html, f"overrides/partials/{partial}.html: {macro}")

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(_Preprocessor(md, self), "edition", 25)
        md.inlinePatterns.register(_MarkProcessor(MARK_TOKEN_RE, md, self), "edition-marks", 200)
        md.treeprocessors.register(_GlossaryTreeprocessor(md, self), "edition-glossary", 7)
        md.treeprocessors.register(_ApparatusTreeprocessor(md, self), "edition-apparatus", 6)
        md.postprocessors.register(_CommentsPostprocessor(md), "edition-comments", 5)

    def reset(self) -> None:
        self.page, self.tokens, self._edition = None, [], None


class _CommentsPostprocessor(Postprocessor):
    """The authors' HTML comments stay in the sources (edition.comments): after the raw HTML is
    back in the page (priority 30), none is left for the reader."""

    def run(self, text: str) -> str:
        return strip_comments(text)


class _Preprocessor(Preprocessor):
    """Knows the page; swaps the brief's marks and every marker for placeholders."""

    def __init__(self, md: Markdown, ext: EditionExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        ext = self.ext
        edition = ext.begin(self.md)
        text = "\n".join(lines)
        shown = f"docs/{ext.page}" if ext.page else "the page"
        if ext.page == edition.brief_uri:
            text = self._swap_marks(text, edition)
        elif DELIMITERS_RE.search(text) and ext.page is None:
            m = DELIMITERS_RE.search(text)
            raise NotationError(f"the page:{text.count(chr(10), 0, m.start()) + 1}: an edition mark "
                                f"“{m.group(0)}” in a page the extension was not told the name of: give "
                                "edition.extension its `page` option (the `edition` MkDocs plugin does), or "
                                "build with an engine that names the page (Zensical)")
        elif DELIMITERS_RE.search(text):
            m = DELIMITERS_RE.search(text)
            raise NotationError(f"{shown}:{text.count(chr(10), 0, m.start()) + 1}: an edition mark "
                                f"“{m.group(0)}” outside the brief ({edition.brief_uri}); marks are "
                                "read only there")
        if ext.page not in edition.pages:  # a page of docs/ had its markers checked when the edition loaded
            pages.check_names(text)
        text = pages.LINE_MARKER_RE.sub(lambda m: f"\n{MARKER_TOKEN.format(m['name'])}\n", text)
        return text.split("\n")

    def _swap_marks(self, text: str, edition: Edition) -> str:
        """Every mark of the brief's one parse, replaced by its placeholder."""
        doc, body = edition.doc, edition.brief_body
        shift = (len(text) - len(text.lstrip())) - (len(doc.text) - len(body.lstrip()))
        out, pos = [], 0
        for i, iv in enumerate(doc.interventions):
            start, end = iv.start + shift, iv.end + shift
            if text[start:end] != doc.text[iv.start:iv.end]:
                raise NotationError(f"{doc.path}:{iv.line}: the page's text and the parsed brief "
                                    "disagree at this mark (was the file changed during the build?)")
            out += [text[pos:start], MARK_TOKEN.format(i)]
            pos = end
        self.ext.tokens = doc.interventions
        return "".join(out) + text[pos:]


class _MarkProcessor(InlineProcessor):
    """A mark's placeholder becomes its element (partials/edition.html, `mark`)."""

    def __init__(self, pattern: str, md: Markdown, ext: EditionExtension):
        super().__init__(pattern, md)
        self.ext = ext

    def handleMatch(self, m: re.Match, data: str):
        iv = self.ext.tokens[int(m.group(1))]
        ed = self.ext.edition
        sign = pointer_signs(ed).get(iv.id, "")
        root = self.ext.render("edition", "mark", iv, ed.kinds[iv.kind], sign, one_line=True)
        if len(root) != 1:
            raise ValueError("overrides/partials/edition.html: `mark` must render one element")
        return root[0], m.start(0), m.end(0)


class _GlossaryTreeprocessor(AbbrTreeprocessor):
    """The glossary's tooltips: abbr's tree processor with the forms of data/glossary.yml, then
    each gloss kept on its first occurrence in each section of the brief (in the page elsewhere).
    Marks are skipped: their text is atomic."""

    def __init__(self, md: Markdown, ext: EditionExtension):
        super().__init__(md, {})
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        # Each gloss as a title Material's tooltip keeps as text (edition.templates.tooltip_title).
        self.abbrs = {form: tooltip_title(short) for form, short in glossary_map(self.ext.edition.glossary).items()}
        super().run(root)
        for heading in [el for el in root.iter() if el.tag in HEADINGS]:  # no tooltip in a heading
            for parent in list(heading.iter()):
                for abbr in [c for c in parent if c.tag == "abbr"]:
                    _unwrap(parent, abbr)
        is_brief = self.ext.page == self.ext.edition.brief_uri
        seen: set[str] = set()
        for child in list(root):
            if is_brief and child.tag == "h2":
                seen = set()
            for parent in child.iter():
                for abbr in [c for c in parent if c.tag == "abbr"]:
                    if abbr.get("title") in seen:
                        _unwrap(parent, abbr)
                    else:
                        seen.add(abbr.get("title"))


def _unwrap(parent: etree.Element, el: etree.Element) -> None:
    """Replace `el` with its text (an abbr has no children)."""
    index = list(parent).index(el)
    text = (el.text or "") + (el.tail or "")
    if index:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(el)


class _ApparatusTreeprocessor(Treeprocessor):
    """The generated pages, the brief's paragraph apparatus, and the renamed ids' anchors."""

    def __init__(self, md: Markdown, ext: EditionExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        ed, ext = self.ext.edition, self.ext
        self._quiet_marks(root, ed)
        for parent in [root, *root.iter()]:
            for child in list(parent):
                m = MARKER_TOKEN_RE.match((child.text or "").strip()) if child.tag == "p" and not len(child) else None
                if m:
                    self._replace(parent, child, self._generate(m.group(1), ed))
        if ext.page == ed.brief_uri:
            self._page_blocks(root)
            self._connections(root, ed)
            self._cite_tools(root, ed)
            self._signs_key(root, ed)
        for old, new in ed.id_redirects.get(ext.page or "", {}).items():
            self._id_redirect(root, old, new)

    @staticmethod
    def _page_blocks(root: etree.Element) -> None:
        """A page marker that stands alone between two blocks (a page that begins with a heading or
        a paragraph) is a block of its own, not a paragraph: <div class="ed-page-block">."""
        for el in root.iter("p"):
            if (len(el) == 1 and el[0].get("class") == "ed-page" and not (el.text or "").strip()
                    and not (el[0].tail or "").strip()):
                el.tag = "div"
                el.set("class", "ed-page-block")

    def _quiet_marks(self, root: etree.Element, ed: Edition) -> None:
        """A mark inside a heading or a link: not focusable, no name of its own; its note becomes a
        description (partials/edition.html, `description`) after the heading or link, which points
        at it (aria-describedby), and the mark's data-note, which the stylesheet shows on hover.
        Headings and links are named by their visible text."""
        by_id = {iv.id: iv for iv in ed.doc.interventions}
        parents = {child: parent for parent in root.iter() for child in parent}
        for el in list(root.iter()):
            iv = by_id.get(el.get("id", ""))
            if iv is None or el.get("tabindex") is None:
                continue
            holder = parents.get(el)
            while holder is not None and holder.tag not in QUIET_HOLDERS:
                holder = parents.get(holder)
            if holder is None:
                continue
            for attribute in ("tabindex", "role", "aria-label"):
                el.attrib.pop(attribute, None)
            description = self.ext.render("edition", "description", iv, ed.kinds[iv.kind], one_line=True)[0]
            el.set("data-note", description.text or "")  # the note for the eye (hover), as aria-label was
            described = " ".join(filter(None, [holder.get("aria-describedby"), description.get("id")]))
            holder.set("aria-describedby", described)
            parent = parents[holder]  # right after the heading or link, its text flowing on after it
            description.tail, holder.tail = holder.tail, None
            parent.insert(list(parent).index(holder) + 1, description)

    @staticmethod
    def _replace(parent: etree.Element, old: etree.Element, new: etree.Element) -> None:
        index = list(parent).index(old)
        tail = old.tail
        parent.remove(old)
        children = list(new)
        for offset, child in enumerate(children):
            parent.insert(index + offset, child)
        if children:
            children[-1].tail = (children[-1].tail or "") + (tail or "")

    def _generate(self, name: str, ed: Edition) -> etree.Element:
        """What a marker stands for: the generator GENERATED lists under its name."""
        generate = GENERATED.get(name)
        if generate is None:
            raise MarkerError(f"docs/{self.ext.page}: unknown marker <!-- md:{name} -->")
        return generate(self, ed)

    # ---- the generated pages: one method per marker (GENERATED) --------------------------------

    def _apparatus(self, ed: Edition) -> etree.Element:
        return self.ext.render("edition", "apparatus", ed.doc.interventions, ed.kinds, ed.brief_uri,
                               {lost.mark: z.id for z in ed.zones for lost in z.lost})

    def _source_pages(self, ed: Edition) -> etree.Element:
        marks = [iv for iv in ed.doc.interventions if ed.kinds[iv.kind].rule == "paragraph"]
        short = sum(iv.kind == "break" and iv.reason.startswith("short last line") for iv in marks)
        return self.ext.render("edition", "source_pages", ed.layout.pages, marks, short, ed.kinds, ed.brief_uri)

    def _source_view(self, ed: Edition) -> etree.Element:
        return self.ext.render("source-view", "zones", ed.zones, _zone_readings(ed), ed.brief.places, ed.kinds,
                               ed.brief_uri)

    def _kinds(self, ed: Edition) -> etree.Element:
        counts: dict[str, int] = {}
        for iv in ed.doc.interventions:
            counts[iv.kind] = counts.get(iv.kind, 0) + 1
        return self.ext.render("edition", "kinds_list", ed.kinds, counts)

    def _changes(self, ed: Edition, macro: str = "changes") -> etree.Element:
        counts = {k: sum(iv.kind == k for iv in ed.doc.interventions) for k in ed.kinds}
        return self.ext.render("changes", macro, ed.changelog, counts, ed.kinds, CHANGES_URI, sorted(ed.pages))

    def _edition_status(self, ed: Edition) -> etree.Element:
        return self._changes(ed, "edition_status")

    def _timeline(self, ed: Edition) -> etree.Element:
        years = [(y, list(g)) for y, g in itertools.groupby(ed.events, key=lambda e: e.date.year)]
        return self.ext.render("timeline", "timeline", years, ed.brief.places, ed.references, ed.brief_uri,
                               REFERENCES_URI)

    def _references(self, ed: Edition) -> etree.Element:
        refs = sorted(ed.references.values(), key=lambda r: r.sort_key)
        events = {r.id: [e for e in ed.events if e.reference == r.id] for r in refs}
        return self.ext.render("references", "bibliography", refs, ed.brief, events, ed.brief_uri, TIMELINE_URI)

    def _glossary(self, ed: Edition) -> etree.Element:
        terms = {t.id: t for t in ed.glossary}
        events = {e.id: e for e in ed.events}
        return self.ext.render("glossary", "glossary", ed.glossary, terms, events, ed.brief.places, ed.brief_uri,
                               TIMELINE_URI)

    def _cite_examples(self, ed: Edition) -> etree.Element:
        for pid in (EXAMPLE_SECTION, EXAMPLE_PARAGRAPH):
            if pid not in ed.brief.places:
                raise MarkerError(f"docs/{HOW_TO_CITE_URI}: the examples cite #{pid}, which the "
                                  "brief no longer has")
        targets = [self._target(ed, None), self._target(ed, ed.brief.places[EXAMPLE_SECTION]),
                   self._target(ed, ed.brief.places[EXAMPLE_PARAGRAPH])]
        return self.ext.render("cite", "examples", self._cite_context(ed), targets)

    def _url_registry(self, ed: Edition) -> etree.Element:
        # Raw HTML, as URL paths relative to the page: a registered address that is gone must
        # reach `edition urls --check`, which names it and its redirect, not a link warning.
        here = "/" + page_url(self.ext.page or "urls.md")
        titles = {"/" + page_url(uri): p.title for uri, p in ed.pages.items()}
        rows = [{"path": path, "title": titles.get(path, ""), "ids": ids, "href": _relative(path, here)}
                for path, ids in sorted(ed.registry.items())]
        html = self.ext.templates.render("urls", "registry", rows)
        raw = etree.Element("p")
        raw.text = self.md.htmlStash.store(html)
        holder = etree.Element("div")
        holder.append(raw)
        return holder

    # ---- the brief's paragraph apparatus ----------------------------------------------------

    def _connections(self, root: etree.Element, ed: Edition) -> None:
        """After each linked paragraph its editors' links; in each footnote its entry and events."""
        by_id = {el.get("id"): (parent, el) for parent in [root, *root.iter()] for el in parent
                 if el.get("id")}
        by_note = {r.note: r for r in ed.references.values()}
        for pid, place in ed.brief.places.items():
            outgoing = [x for x in ed.crosslinks if x.source == pid]
            incoming = [x for x in ed.crosslinks if x.target == pid]
            events = [e for e in ed.events if pid in e.mentions]
            if pid.startswith("fn:"):
                item = by_id.get(pid)
                paragraph = item[1].findall("p")[-1] if item is not None and item[1].findall("p") else None
                if paragraph is None:
                    raise NotationError(f"{ed.doc.path}: footnote {pid[3:]} has no paragraph to link from")
                links = self.ext.render("connections", "footnote_links", by_note.get(int(pid[3:])),
                                        events, REFERENCES_URI, TIMELINE_URI)
                _before_backref(paragraph, links)
            elif outgoing or incoming or events:
                if pid not in by_id or by_id[pid][1].tag != "p":
                    raise NotationError(f"{ed.doc.path}: cannot place the editors' links of #{pid}: "
                                        "no paragraph carries that id")
                parent, el = by_id[pid]
                note = self.ext.render("connections", "note", place, outgoing, incoming, events,
                                       ed.brief.places, ed.threads, TIMELINE_URI)
                _after(parent, el, note)

    def _cite_context(self, ed: Edition) -> dict:
        """What the Cite partials read: the citation data, the link to How to cite as a page link
        (the engine rewrites and checks it), and its final address, relative to this page, for the
        panels' <noscript>, whose text is no element to an engine that rewrites links (Zensical
        left `how-to-cite.md` there)."""
        here, there = "/" + page_url(self.ext.page or ed.brief_uri), "/" + page_url(HOW_TO_CITE_URI)
        address = _relative(there, here) if here != there else "#"  # (MkDocs flags a "./" link)
        return {**ed.citation, "how_to_cite_url": HOW_TO_CITE_URI, "how_to_cite_address": address}

    def _target(self, ed: Edition, place) -> dict:
        """What a citation points at: the brief, a section or a paragraph, and its exact URL."""
        url = self.ext.getConfig("site_url") + page_url(ed.brief_uri)
        if place is None:
            t = {"kind": "brief", "id": "", "url": url, "section": "", "supplied": False, "para": "",
                 "name": "the brief"}
        else:
            kind = "section" if place.kind == "section" else "paragraph"
            t = {"kind": kind, "id": place.id, "url": f"{url}#{place.id}", "section": place.section_title,
                 "supplied": place.supplied, "para": place.number, "name": place.label}
        # the page or pages of the PDF the place stands on (edition.layout): "3", "4–5"; "" for the brief
        t["pages"] = ed.layout.pages_of(t["id"]).split(" ", 1)[-1] if t["id"] else ""
        t["bibtex"] = exports.cite_bibtex(ed.citation, t["id"], t["url"], exports.bibtex_note(ed.citation, t),
                                          t["pages"])
        return t

    def _cite_tools(self, root: etree.Element, ed: Edition) -> None:
        """The brief's Cite control after the title block, one before each section heading, a ¶
        permalink and a Cite control before each paragraph of a section; then the one JSON source
        of all their citations (cite_json: each panel's id to its citations' HTML), at the end of
        the page."""
        ctx, in_section, targets = self._cite_context(ed), False, []

        def tools(macro: str, el: etree.Element, t: dict) -> None:
            targets.append(t)
            _before(root, el, self.ext.render("cite", macro, ctx, t))

        for el in list(root):
            pid = el.get("id")
            if el.tag == "h2" and pid:
                if not in_section:
                    tools("brief_tools", el, self._target(ed, None))
                in_section = True
                place = ed.brief.places.get(pid)
                if place is None:
                    raise NotationError(f"{ed.doc.path}: the heading #{pid} is not a place of the brief")
                tools("section_tools", el, self._target(ed, place))
            elif el.tag == "p" and pid and in_section:
                tools("paragraph_tools", el, self._target(ed, ed.brief.places[pid]))
        if targets:
            # MkDocs rewrites the links of the page, not those in a JSON text: this one is written
            # as the address it would become (directory URLs, relative to the brief).
            here = "../" * page_url(ed.brief_uri).count("/")
            json_ctx = {**ctx, "how_to_cite_url": here + page_url(HOW_TO_CITE_URI)}
            panels = {t["id"]: self.ext.templates.render("cite", "citations", json_ctx, t) for t in targets}
            for child in self.ext.render("cite", "cite_data", cite_json(panels)):
                root.append(child)
        self._stash_noscripts(root)

    def _stash_noscripts(self, root: etree.Element) -> None:
        """Each <noscript> as raw HTML, its links as written (final URLs, relative to the page): an
        engine rewrites and checks the links of the page's elements, and a <noscript>'s content
        is text to a browser's parser (Zensical left `how-to-cite.md` there; MkDocs does not
        know a link to a built page)."""
        parents = {child: parent for parent in root.iter() for child in parent}
        for el in list(root.iter("noscript")):
            parent, tail = parents[el], el.tail
            el.tail = None
            placeholder = self.md.htmlStash.store(etree.tostring(el, encoding="unicode", method="html"))
            index = list(parent).index(el)
            parent.remove(el)
            text = placeholder + (tail or "")
            if index:
                prev = parent[index - 1]
                prev.tail = (prev.tail or "") + text
            else:
                parent.text = (parent.text or "") + text

    def _signs_key(self, root: etree.Element, ed: Edition) -> None:
        """The key to the signs of the reading text (partials/signs.html), after the title block and
        its notes, before the first section: each class of pointer with its sign and its kind's
        label, and the editors' brackets, underline and page markers. It closes the brief's row of
        tools (Cite, the reading mode), on whose line it fits: the key costs the author's text no
        height of its own."""
        signs = pointer_signs(ed)
        pointers = []
        for name, sign in POINTER_SIGNS.items():
            shown = [signs[iv.id] for iv in ed.doc.interventions if iv.kind == name and iv.id in signs]
            if shown:
                pointers.append({"kind": name, "label": ed.kinds[name].label, "letters": sign == "letters",
                                 "sign": shown[0] if sign != "letters" else ", ".join(shown[:3])})
        key = self.ext.render("signs", "key", pointers, ed.kinds)
        row = next((el for el in root if el.tag == "div" and "ed-tools--brief" in (el.get("class") or "").split()), None)
        if row is not None:
            row.extend(key)
            return
        at = next((i for i, el in enumerate(root) if el.tag == "h2"), len(root))
        for offset, child in enumerate(key):
            root.insert(at + offset, child)

    def _id_redirect(self, root: etree.Element, old: str, new: str) -> None:
        """An anchor with the old id at the start of the element with the new one."""
        where = f"data/id-redirects.yml: {self.ext.page}: {old} → {new}"
        if any(el.get("id") == old for el in root.iter()):
            raise NotationError(f"{where}: the page still has an element with id {old}; a redirect is "
                                "for an id that is gone")
        target = next((el for el in root.iter() if el.get("id") == new), None)
        if target is None:
            raise NotationError(f"{where}: the page has no element with id {new}")
        anchor = self.ext.render("id-redirects", "anchor", old, new)[0]
        anchor.tail = target.text
        target.text = None
        target.insert(0, anchor)


# The generated pages' markers (<!-- md:name --> in docs/*.md, edition.pages.MARKERS): what renders each.
GENERATED = {
    "apparatus": _ApparatusTreeprocessor._apparatus,
    "source-pages": _ApparatusTreeprocessor._source_pages,
    "source-view": _ApparatusTreeprocessor._source_view,
    "kinds": _ApparatusTreeprocessor._kinds,
    "changes": _ApparatusTreeprocessor._changes,
    "edition-status": _ApparatusTreeprocessor._edition_status,
    "timeline": _ApparatusTreeprocessor._timeline,
    "references": _ApparatusTreeprocessor._references,
    "glossary": _ApparatusTreeprocessor._glossary,
    "cite-examples": _ApparatusTreeprocessor._cite_examples,
    "url-registry": _ApparatusTreeprocessor._url_registry,
}

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
QUIET_HOLDERS = {"a", *HEADINGS}  # where a mark may not be focusable


def letters(n: int) -> str:
    """The n-th note's letter: a … z, then aa, ab …"""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def pointer_signs(ed: Edition) -> dict[str, str]:
    """Each pointer's sign, by its mark's id (POINTER_SIGNS); a kind that shows a pointer in the
    text but has no sign stops the build, naming it."""
    out: dict[str, str] = {}
    count: dict[str, int] = {}
    for iv in ed.doc.interventions:
        if iv.form != "note" or ed.kinds[iv.kind].in_text != "note":
            continue
        sign = POINTER_SIGNS.get(iv.kind)
        if sign is None:
            raise NotationError(f"data/interventions.yml: kind '{iv.kind}' shows a pointer in the reading "
                                f"text (in_text: note), but it has no sign (edition.extension.POINTER_SIGNS "
                                f"has signs for {', '.join(sorted(POINTER_SIGNS))})")
        if sign == "letters":
            count[iv.kind] = count.get(iv.kind, 0) + 1
            sign = letters(count[iv.kind])
        out[iv.id] = sign
    return out


def _zone_readings(ed: Edition) -> dict[str, list[tuple[str, list[tuple[str, notation.Intervention | None]]]]]:
    """Each zone's blocks in the order of its lines, their reading text cut at the zone's lost marks."""
    marks = {iv.id: iv for iv in ed.doc.interventions}
    out = {}
    for zone in ed.zones:
        blocks = list(dict.fromkeys(a.place for a in zone.assign if a.place))
        blocks += [lost.place for lost in zone.lost if lost.place not in blocks]
        out[zone.id] = []
        for pid in blocks:
            text, pos, segments = ed.brief.places[pid].text, 0, []
            for iv in sorted((marks[x.mark] for x in zone.lost if x.place == pid), key=lambda iv: iv.start):
                words = " ".join(iv.edition.split())
                at = text.find(words, pos)
                if at < 0:
                    raise NotationError(f"data/damaged-zones.yml: zone '{zone.id}': the words of the mark "
                                        f"'{iv.id}' are not in the reading of #{pid}")
                segments.append((text[pos:at], iv))
                pos = at + len(words)
            segments.append((text[pos:], None))
            out[zone.id].append((pid, segments))
    return out


def _relative(path: str, here: str) -> str:
    """The link from the directory URL `here` to the site path `path`: '/brief/' -> '../brief/'."""
    import posixpath

    rel = posixpath.relpath(path, here)
    return rel + "/" if path.endswith("/") and not rel.endswith("/") else rel


def cite_json(panels: dict[str, str]) -> str:
    """The page's Cite data, a plain map of each panel's id ("" for the brief) to its citations'
    HTML (the `citations` macro of partials/cite.html), as the text of a <template>
    (partials/cite.html, `cite_data`): nothing in it can end the element or read as markup,
    whatever the citations hold."""
    text = json.dumps(panels, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&":  # "\\u003c" is "<" to JSON.parse; no "</template>" can occur
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _panels(data: object) -> dict[str, str] | None:
    """The Cite data as a map of panel id to citations' HTML, or None if it is no such map."""
    if isinstance(data, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        return data
    return None


# The page's one Cite data element (partials/cite.html, `cite_data`): inline JSON, or, in a site
# build (edition postbuild), empty with the address of the file that holds it.
CITE_DATA_RE = re.compile(r'<template\b([^>]*\bclass="ed-cite-data"[^>]*)>(.*?)</template>', re.S)
CITE_SRC_RE = re.compile(r'\bdata-src="([^"]*)"')


def cite_data_file(page_html: str, where: str) -> tuple[str, str, bytes] | None:
    """The page's Cite data moved out of it: the page with only the file's address left in the
    element, the file's name (cite-data.<hash8>.json: cached forever), its bytes; None if the page
    has no Cite panels or names its data file already. Two data elements, or one whose JSON does not parse, stop the build."""
    found = list(CITE_DATA_RE.finditer(page_html))
    if not found:
        return None
    if len(found) > 1:
        raise NotationError(f"{where}: the page has {len(found)} Cite data elements (template.ed-cite-data); "
                            "its Cite panels read one")
    m = found[0]
    if CITE_SRC_RE.search(m.group(1)) and not m.group(2).strip():
        return None  # moved already (a site finished before)
    try:
        data = json.loads(m.group(2))
    except ValueError as exc:
        raise NotationError(f"{where}: the Cite data (template.ed-cite-data) is not JSON: {exc}") from None
    if _panels(data) is None:
        raise NotationError(f"{where}: the Cite data (template.ed-cite-data) is not the panels' data "
                            "(a map of each panel's id to its citations' HTML)")
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    name = f"cite-data.{hashlib.sha256(body).hexdigest()[:8]}.json"
    pointer = f'<template class="ed-cite-data" data-src="{name}"></template>'
    return page_html[:m.start()] + pointer + page_html[m.end():], name, body


def cite_panels(page_html: str, folder: Path | None = None) -> dict[str, str]:
    """Every Cite panel's citations' HTML in a built page, by panel id: what cite.js shows. The data
    is read from the page, or from the file its element names, in `folder` (the page's own)."""
    m = CITE_DATA_RE.search(page_html)
    if m is None:
        return {}
    src = CITE_SRC_RE.search(m.group(1))
    if src is None:
        text, where = m.group(2), "the page's Cite data (template.ed-cite-data)"
    elif folder is None:
        raise NotationError(f"the page's Cite data is in the file {src.group(1)}: give the page's folder")
    else:
        text, where = (folder / src.group(1)).read_text(encoding="utf-8"), str(folder / src.group(1))
    try:
        panels = _panels(json.loads(text))
    except ValueError as exc:
        raise NotationError(f"{where}: not JSON: {exc}") from None
    if panels is None:
        raise NotationError(f"{where}: not a map of each panel's id to its citations' HTML")
    return panels


def _before(parent: etree.Element, el: etree.Element, new: etree.Element) -> None:
    index = list(parent).index(el)
    children = list(new)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if children:
        children[-1].tail = "\n"


def _after(parent: etree.Element, el: etree.Element, new: etree.Element) -> None:
    index = list(parent).index(el) + 1
    children = list(new)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if children:
        children[-1].tail, el.tail = el.tail, "\n"


def _before_backref(paragraph: etree.Element, links: etree.Element) -> None:
    """Add the footnote's links at the end of its text: after a space, before the no-break space
    and back-link that the footnotes extension ends each note with."""
    from markdown.extensions.footnotes import NBSP_PLACEHOLDER

    backref = next((a for a in paragraph if "footnote-backref" in (a.get("class") or "")), None)
    index = list(paragraph).index(backref) if backref is not None else len(paragraph)
    prev = paragraph[index - 1] if index else None
    text = (prev.tail if prev is not None else paragraph.text) or ""
    head, nbsp, rest = text.partition(NBSP_PLACEHOLDER)
    head = head.rstrip() + " "
    if prev is not None:
        prev.tail = head
    else:
        paragraph.text = head
    children = list(links)
    for offset, child in enumerate(children):
        paragraph.insert(index + offset, child)
    if children:
        children[-1].tail = (children[-1].tail or "").rstrip() + nbsp + rest


def makeExtension(**kwargs) -> EditionExtension:  # noqa: N802 (Python-Markdown's name)
    return EditionExtension(**kwargs)
