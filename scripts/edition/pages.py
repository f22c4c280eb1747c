"""The site's Markdown pages as the edition knows them: their text, titles and markers.

A marker (`<!-- md:name -->`, Material's convention: an HTML comment, invisible where nothing fills
it) is where the edition generates a page's content from the data. Each known marker stands on its
own line, exactly once, on the one page it belongs to; check_markers() stops the build otherwise,
naming the page and the marker, whatever the whitespace inside the comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from edition.errors import MarkerError
from edition.notation import body_offset

MARKERS = {  # marker: the page it belongs on
    "edition-status": "about-this-edition.md",
    "apparatus": "about-this-edition.md",
    "kinds": "about-this-edition.md",
    "timeline": "timeline.md",
    "references": "references.md",
    "glossary": "glossary.md",
    "cite-examples": "how-to-cite.md",
    "url-registry": "urls.md",
    "changes": "changes.md",
    "source-view": "source-view.md",
    "source-pages": "about-this-edition.md",
}
# Any comment that names a marker, however spaced: <!--md:x-->, <!--  md:x  -->.
ANY_MARKER_RE = re.compile(r"<!--\s*md\s*:\s*(?P<name>[^\s>]*?)\s*-->")
LINE_MARKER_RE = re.compile(r"^[ \t]*<!--\s*md\s*:\s*(?P<name>[\w-]+)\s*-->[ \t]*$", re.M)
TITLE_RE = re.compile(r"^title:[ \t]*(?P<q>[\"']?)(?P<title>.+?)(?P=q)[ \t]*$", re.M)
H1_RE = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t]*(?:\{[^}\n]*\})?[ \t]*$", re.M)


@dataclass
class SitePage:
    """One Markdown page of docs/: its source path, text after front matter, and title."""

    uri: str
    body: str
    title: str
    front_lines: int = 0  # lines of front matter before the body: messages give the file's line


def read_pages(docs: Path, nav_titles: dict[str, str]) -> dict[str, SitePage]:
    """Every Markdown page of docs/ (not dot-folders), by its path under docs/."""
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        uri = path.relative_to(docs).as_posix()
        if any(part.startswith(".") for part in uri.split("/")):
            continue
        text = path.read_text(encoding="utf-8")
        front = text[:body_offset(text)]
        m = TITLE_RE.search(front) or H1_RE.search(text[body_offset(text):])
        title = nav_titles.get(uri) or (m["title"] if m else uri)
        pages[uri] = SitePage(uri, text[body_offset(text):], title, front.count("\n"))
    return pages


def nav_titles(nav) -> dict[str, str]:
    """Page titles from mkdocs.yml's nav ({Title: page.md} entries, nested or not)."""
    out: dict[str, str] = {}
    for item in nav or []:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    out[target] = str(title)
                else:
                    out.update(nav_titles(target))
    return out


def _markers(text: str, first_line: int, where: str):
    """Every marker comment of `text` (name, line), each checked: known, alone on its line."""
    standalone = {m.start("name") for m in LINE_MARKER_RE.finditer(text)}
    for m in ANY_MARKER_RE.finditer(text):
        name, line = m["name"], first_line + text.count("\n", 0, m.start())
        if name not in MARKERS:
            raise MarkerError(f"{where}{line}: unknown marker <!-- md:{name} --> "
                              f"(known: {', '.join(sorted(MARKERS))})")
        if m.start("name") not in standalone:
            raise MarkerError(f"{where}{line}: the marker <!-- md:{name} --> must stand alone on its line")
        yield name, line


def markers_in(uri: str, text: str, front_lines: int = 0) -> list[str]:
    """The markers of one page, in order, checked: known, alone on a line, on this page, once."""
    found: list[str] = []
    for name, line in _markers(text, front_lines + 1, f"docs/{uri}:"):
        if MARKERS[name] != uri:
            raise MarkerError(f"docs/{uri}:{line}: the marker <!-- md:{name} --> belongs on "
                              f"{MARKERS[name]} only")
        if name in found:
            raise MarkerError(f"docs/{uri}:{line}: the marker <!-- md:{name} --> stands twice; "
                              "it is filled once")
        found.append(name)
    return found


def check_names(text: str) -> None:
    """In Markdown that is no page of docs/, every marker is known and alone on its line."""
    for _ in _markers(text, 1, "line "):
        pass


def check_markers(pages: dict[str, SitePage]) -> None:
    """Every page's markers are right, and every known marker stands on its page."""
    for page in pages.values():
        markers_in(page.uri, page.body, page.front_lines)
    for name, uri in MARKERS.items():
        if uri not in pages:
            raise MarkerError(f"docs/{uri}: missing: the page that holds <!-- md:{name} --> is not in docs/")
        if name not in markers_in(uri, pages[uri].body, pages[uri].front_lines):
            raise MarkerError(f"docs/{uri}: the marker <!-- md:{name} --> is missing: without it "
                              "the page would render without what it generates")
