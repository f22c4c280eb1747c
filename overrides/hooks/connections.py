"""The editors' links in the brief: after a paragraph, where it leads and what leads to it.

For every paragraph of docs/brief.md that data/crosslinks.yml links from or to, or that
data/timeline.yml says mentions an event, this hook inserts after the paragraph an editors' note
(overrides/partials/connections.html): the annotated cross-links it starts, the paragraphs that
refer to it ("Referred to from …"), and its events on the Timeline. Each footnote gets a link to
its entry on the References page and its place on the Timeline. Only markup is added around the
author's paragraphs, never inside them, so the fidelity check is unaffected.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import edition_data  # noqa: E402

log = logging.getLogger("mkdocs.hooks.connections")

BRIEF_URI = "brief.md"
TIMELINE_URI = "timeline.md"
REFERENCES_URI = "references.md"

_state: dict = {}


def on_config(config):
    """Read and validate the data files once per build."""
    _state["data"] = edition_data.load_for_build(config)
    _state["macros"] = None
    return config


def _macros(config):
    if _state["macros"] is None:
        _state["macros"] = config.theme.get_env().get_template("partials/connections.html").module
    return _state["macros"]


def _url(files, uri: str, page) -> str:
    """The relative URL of another page of the site, from this page."""
    return get_relative_url(files.get_file_from_path(uri).url, page.url)


def on_page_markdown(markdown: str, page, config, files):
    """Insert a note after each linked paragraph, and the editors' links in each footnote."""
    if page.file.src_uri != BRIEF_URI:
        return None
    data, macros = _state["data"], _macros(config)
    places = data.brief.places
    timeline_url, references_url = _url(files, TIMELINE_URI, page), _url(files, REFERENCES_URI, page)
    by_note = {r.note: r for r in data.references.values()}
    notes = 0
    for pid in places:
        outgoing = [x for x in data.crosslinks if x.source == pid]
        incoming = [x for x in data.crosslinks if x.target == pid]
        events = [e for e in data.events if pid in e.mentions]
        if pid.startswith("fn:"):
            ref = by_note.get(int(pid[3:]))
            html = " ".join(str(macros.footnote_links(ref, events, references_url, timeline_url)).split())
            markdown, found = re.subn(rf"^(\[\^{pid[3:]}\]:[^\n]*?)[ \t]*$", lambda m: f"{m.group(1)} {html}",
                                      markdown, count=1, flags=re.M)
        elif outgoing or incoming or events:
            html = str(macros.note(places[pid], outgoing, incoming, events, places, data.threads,
                                   timeline_url))
            attr = re.compile(rf"^\{{:[^}}\n]*#{re.escape(pid)}(?=[\s}}.])[^}}\n]*\}}[ \t]*$", re.M)
            markdown, found = attr.subn(lambda m: f"{m.group(0)}\n\n{html}\n", markdown, count=1)
            notes += found
        else:
            continue
        if not found:
            raise PluginError(f"{page.file.src_path}: cannot place the editors' links of #{pid}: "
                              "no `{: #id }` line or footnote definition carries it")
    log.debug("connections: %d editors' notes in %s", notes, page.file.src_path)
    return markdown
