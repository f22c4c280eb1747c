"""The References page and the bibliography downloads, from data/references.yml.

- Fills the `<!-- md:references -->` marker of docs/references.md with the entries in Chicago
  notes-bibliography style (overrides/partials/references.html), each with its anchor, its
  web-archive link, the editors' notes on errors in the note, and back-links to the brief.
- Adds references.bib (BibTeX) and references.json (CSL-JSON) to the site, generated from the
  same data at every build (scripts/edition_data.py), so that the page's links to them are checked
  like any other link.
The links from each footnote of the brief to its entry are connections.py's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import edition_data  # noqa: E402

REFERENCES_URI = "references.md"
MARKER = "<!-- md:references -->"
DOWNLOADS = {"references.bib": edition_data.bibtex, "references.json": edition_data.csl_json}

_state: dict = {}


def on_config(config):
    """Read and validate the data files once per build."""
    _state["data"] = edition_data.load_for_build(config)
    return config


def on_files(files, config):
    """Add the BibTeX and CSL-JSON files, generated from the data, to the site."""
    for uri, render in DOWNLOADS.items():
        files.append(File.generated(config, uri, content=render(_state["data"].references)))
    return files


def on_page_markdown(markdown: str, page, config, files):
    """Replace the marker with the bibliography."""
    if page.file.src_uri != REFERENCES_URI:
        return None
    data = _state["data"]
    brief_url = get_relative_url(files.get_file_from_path("brief.md").url, page.url)
    timeline_url = get_relative_url(files.get_file_from_path("timeline.md").url, page.url)
    refs = sorted(data.references.values(), key=lambda r: r.sort_key)
    events = {r.id: [e for e in data.events if e.reference == r.id] for r in refs}
    macros = config.theme.get_env().get_template("partials/references.html").module
    html = str(macros.bibliography(refs, data.brief, events, brief_url, timeline_url))
    return markdown.replace(MARKER, html)
