"""The Glossary page and the tooltips on glossary terms in the text, from data/glossary.yml.

- Writes docs/.snippets/glossary-abbreviations.md (one `*[form]: gloss` line per form; generated,
  not committed) when the build starts, if its content changed. pymdownx.snippets appends it to
  every page (mkdocs.yml: auto_append) and the abbr extension turns each whole-word occurrence of a
  form into <abbr title="gloss">, which Material shows as a tooltip. abbr only wraps words already
  there. It does look at the text inside inline HTML, so after rendering this hook unwraps any
  tooltip that fell inside an editorial mark of the brief (a mark has its own note, and its words
  may be the editors', not the author's), and keeps a term's tooltip on its first occurrence in
  each section of the brief (on other pages, in the page) as glossaries in print do: a reader
  meets the gloss where the term first comes up, and the text is not underlined throughout.
- Fills the `<!-- md:glossary -->` marker of docs/glossary.md (overrides/partials/glossary.html).
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import edition_data  # noqa: E402

log = logging.getLogger("mkdocs.hooks.glossary")

GLOSSARY_URI = "glossary.md"
MARKER = "<!-- md:glossary -->"
SNIPPET = Path(".snippets") / "glossary-abbreviations.md"  # under docs_dir; see mkdocs.yml
BRIEF_URI = "brief.md"
# An editorial mark as overrides/partials/edition.html renders it: one span, no span inside.
MARK_RE = re.compile(r'(<span class="(?:ed|ed-moved)(?: [^"]*)?"[^>]*>)(.*?)(</span>)', re.S)
ABBR_TAG_RE = re.compile(r"</?abbr\b[^>]*>")
ABBR_RE = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.S)
SECTION_RE = re.compile(r"(?=<h2\b)")

_state: dict = {}


def on_config(config):
    """Validate the data and (re)write the abbreviations snippet if it changed."""
    data = edition_data.load_for_build(config)
    _state["data"] = data
    path = Path(config.docs_dir) / SNIPPET
    content = edition_data.abbreviations(data.glossary)
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        log.info("glossary: wrote %s (%d forms)", path, content.count("\n"))
    return config


def on_page_markdown(markdown: str, page, config, files):
    """Replace the marker with the glossary."""
    if page.file.src_uri != GLOSSARY_URI:
        return None
    data = _state["data"]
    brief_url = get_relative_url(files.get_file_from_path("brief.md").url, page.url)
    timeline_url = get_relative_url(files.get_file_from_path("timeline.md").url, page.url)
    terms = {t.id: t for t in data.glossary}
    events = {e.id: e for e in data.events}
    macros = config.theme.get_env().get_template("partials/glossary.html").module
    html = str(macros.glossary(data.glossary, terms, events, data.brief.places, brief_url, timeline_url))
    return markdown.replace(MARKER, html)


def on_page_content(html: str, page, config, files):
    """Unwrap tooltips inside the brief's editorial marks, and all but a term's first in a section."""
    if page.file.src_uri == BRIEF_URI:
        html = MARK_RE.sub(lambda m: m.group(1) + ABBR_TAG_RE.sub("", m.group(2)) + m.group(3), html)
        return "".join(_first_occurrences(section) for section in SECTION_RE.split(html))
    return _first_occurrences(html)


def _first_occurrences(html: str) -> str:
    """Keep the tooltip of each gloss on its first occurrence in `html` only."""
    seen: set[str] = set()

    def keep_first(m: re.Match) -> str:
        if m.group("title") in seen:
            return m.group("text")
        seen.add(m.group("title"))
        return m.group(0)

    return ABBR_RE.sub(keep_first, html)
