"""One id per page, one outline: checks of the built pages.

Every id a page holds is an address (a link, a Cite control, a tooltip's aria-describedby): two
elements with one id on a page make one of them unreachable, and which one a browser picks is not
the reader's choice. An id can come from the page's Markdown, a heading, the editors' data (a
glossary term, a timeline event, a reference: their ids are written as they are) or the theme's
own elements; check_site reads every built page and names both sources of each repeated id:

    glossary/index.html:214: id 'glossary' twice: <h1> (a heading of docs/glossary.md, line 96)
    and <div> (data/glossary.yml: term 'glossary')

The brief's outline is the source's (SOURCE_OUTLINE): one <h1>, its title; every section heading
an <h2>, in the brief's order; no deeper heading in the reading text. Each printed section heading
(not one the editors supplied) is a line of the source extraction. Every other page has one <h1>.
`edition postbuild` calls check_site on the built site (its step "structure", before the proof);
a problem stops the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from edition import htmlread
from edition.extension import page_url
from edition.loader import Edition

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The source's outline: the brief's title, and its sections one level below it (a policy brief of
# six pages has no subsections). The title's id is the brief's own (`{ #title }`).
SOURCE_OUTLINE = {"title": "h1", "section": "h2"}


@dataclass
class Element:
    id: str
    tag: str
    line: int
    in_article: bool


def _read(page: str) -> tuple[list[Element], list[tuple[str, str]], int]:
    """Every element with an id (its line, and whether it stands in the page's <article>), the
    headings of the <article> (level, id), and the number of <h1>s."""
    elements, headings, h1s = [], [], 0
    for el in htmlread.elements(htmlread.page(page)):
        in_article = htmlread.inside(el, "article")
        if el.tag == "h1":
            h1s += 1
        if el.tag in HEADINGS and in_article:
            headings.append((el.tag, el.get("id") or ""))
        if el.get("id"):
            elements.append(Element(el.get("id"), el.tag, el.sourceline, in_article))
    return elements, headings, h1s


def _data_ids(ed: Edition) -> dict[str, dict[str, str]]:
    """For each page of generated data: its data ids and where each comes from."""
    return {
        "glossary.md": {t.id: f"data/glossary.yml: term '{t.id}'" for t in ed.glossary},
        "timeline.md": {e.id: f"data/timeline.yml: event '{e.id}'" for e in ed.events},
        "references.md": {r: f"data/references.yml: reference '{r}'" for r in ed.references},
    }


def _heading_lines(ed: Edition, uri: str) -> dict[str, int]:
    """The line of docs/<uri> that gives each heading id (`{ #id }`), where the Markdown names it."""
    path = ed.project.docs / uri
    out: dict[str, int] = {}
    if path.is_file():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("#"):
                for part in line.split("#")[1:]:
                    name = part.strip(" {}")
                    if name:
                        out.setdefault(name, n)
    return out


def _source(el: Element, uri: str | None, data_ids: dict[str, str], lines: dict[str, int]) -> str:
    """Where an element's id comes from, as a message names it."""
    page = f"docs/{uri}" if uri else "the theme's page"
    if el.tag in HEADINGS and el.in_article:
        line = lines.get(el.id)
        return f"a heading of {page}" + (f", line {line}" if line else "")
    if el.id in data_ids and el.in_article:
        return data_ids[el.id]
    if not el.in_article or el.id.startswith("__"):
        return "the theme (Material)"
    return f"{page} (its Markdown or the partial that renders it)"


def check_page(html: str, shown: str, uri: str | None, ed: Edition) -> list[str]:
    """The page's problems: repeated ids (with both sources), and its outline."""
    elements, headings, h1s = _read(html)
    data_ids = _data_ids(ed).get(uri or "", {})
    lines = _heading_lines(ed, uri) if uri else {}
    problems: list[str] = []
    first: dict[str, Element] = {}
    for el in elements:
        if el.id in first:
            a = first[el.id]
            problems.append(f"{shown}:{el.line}: id '{el.id}' twice: <{a.tag}> (line {a.line}, "
                            f"{_source(a, uri, data_ids, lines)}) and <{el.tag}> "
                            f"({_source(el, uri, data_ids, lines)})")
        else:
            first[el.id] = el
    if uri is not None and h1s != 1:
        problems.append(f"{shown}: {h1s} <h1> elements; a page has one, its title")
    if uri == ed.brief_uri:
        problems += _brief_outline(headings, shown, ed)
    return problems


def _brief_outline(headings: list[tuple[str, str]], shown: str, ed: Edition) -> list[str]:
    """The brief's headings against the source's outline (SOURCE_OUTLINE) and its lines."""
    problems = []
    sections = [p for p in ed.brief.places.values() if p.kind == "section"]
    expected = [(SOURCE_OUTLINE["title" if p.id == "title" else "section"], p.id) for p in sections]
    found = list(headings)
    for (tag, hid), want in zip(found, expected):
        if (tag, hid) != want:
            problems.append(f"{shown}: the heading #{hid} is an <{tag}>, but the source's outline has "
                            f"#{want[1]} here as an <{want[0]}> (the title an <h1>, each section an "
                            f"<h2>: check the number of # in {ed.project.shown(ed.project.docs / ed.brief_uri)})")
            break
    if len(found) != len(expected) and not problems:
        extra = [f"<{t}> #{h}" for t, h in found[len(expected):]] or [f"#{h}" for _, h in expected[len(found):]]
        problems.append(f"{shown}: the brief has {len(found)} headings, the source's outline "
                        f"{len(expected)} ({', '.join(extra)})")
    source_lines = {" ".join(line.split()) for line in ed.project.source.read_text(encoding="utf-8").splitlines()}
    for p in sections:
        if p.id != "title" and not p.supplied and " ".join(p.section_title.split()) not in source_lines:
            problems.append(f"{shown}: the section heading #{p.id} (“{p.section_title}”) is not a "
                            "line of the source extraction: a printed heading is the source's")
    return problems


def check_site(site: Path, ed: Edition) -> list[str]:
    """Every built HTML page's problems (repeated ids, outline)."""
    uris = {page_url(uri): uri for uri in ed.pages}
    problems: list[str] = []
    for path in sorted(Path(site).rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        url = rel[: -len("index.html")] if rel.endswith("index.html") else None
        uri = uris.get(url) if url is not None else None
        problems += check_page(path.read_text(encoding="utf-8"), rel, uri, ed)
    return problems
