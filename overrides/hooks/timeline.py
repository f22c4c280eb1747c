"""The Timeline page: every dated event of data/timeline.yml on a vertical axis of years.

Fills the `<!-- md:timeline -->` marker of docs/timeline.md with overrides/partials/timeline.html.
The data are validated when the build starts (scripts/edition_data.py); a bad entry stops it with
the file and the entry. The paragraphs that mention an event link back here (connections.py).
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import edition_data  # noqa: E402

TIMELINE_URI = "timeline.md"
MARKER = "<!-- md:timeline -->"

_state: dict = {}


def on_config(config):
    """Read and validate the data files once per build."""
    _state["data"] = edition_data.load_for_build(config)
    return config


def on_page_markdown(markdown: str, page, config, files):
    """Replace the marker with the timeline."""
    if page.file.src_uri != TIMELINE_URI:
        return None
    data = _state["data"]
    brief_url = get_relative_url(files.get_file_from_path("brief.md").url, page.url)
    refs_url = get_relative_url(files.get_file_from_path("references.md").url, page.url)
    years = [(year, list(group)) for year, group in
             itertools.groupby(data.events, key=lambda e: e.date.year)]
    macros = config.theme.get_env().get_template("partials/timeline.html").module
    html = str(macros.timeline(years, data.brief.places, data.references, brief_url, refs_url))
    return markdown.replace(MARKER, html)
