"""Render the edition's CriticMarkup notation and the apparatus generated from it.

docs/brief.md records every editorial intervention once, in CriticMarkup with a comment naming
its kind (scripts/critic.py parses it). This hook
- renders each mark in the brief as a discreet, focusable mark that tells what the source had
  (overrides/partials/edition.html), and
- fills the `<!-- md:apparatus -->` and `<!-- md:kinds -->` markers of "About this edition"
  with the table of every intervention and the list of kinds, from the same parse.
A malformed mark or an unknown kind stops the build with its file and line (unknown markers are
checked by markers.py).
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import critic  # noqa: E402

log = logging.getLogger("mkdocs.hooks.edition")

BRIEF_URI = "brief.md"
APPARATUS_URI = "about-this-edition.md"
MARKER_RE = re.compile(r"<!--\s*md:(?P<name>[\w-]+)\s*-->")
SUMMARY_CHARS = 80

_state: dict = {}


def on_config(config):
    """Load the kinds and parse the brief once per build."""
    try:
        kinds = critic.load_kinds()
        doc = critic.load_brief(Path(config.docs_dir) / BRIEF_URI, kinds)
    except critic.EditionError as exc:
        raise PluginError(str(exc)) from exc
    _decorate(doc)
    _state.update(kinds=kinds, doc=doc, env=None)
    return config


def _decorate(doc: critic.Document) -> None:
    """Add what the templates show but the parse does not need: labels, moved words, reasons."""
    dests = doc.by_label()
    footnotes = {f"fn-{m.group('n')}": m.group("text") for m in critic.FOOTNOTE_DEF_RE.finditer(doc.text)}
    group_reason: dict[str, str] = {}
    for iv in doc.interventions:
        iv.block_label = _block_label(iv.block)
        iv.moved_text = iv.moved_to_anchor = iv.moved_to_label = ""
        iv.group_reason = ""
        if iv.form == "origin":
            words = dests[iv.label].edition if iv.label in dests else footnotes[iv.label]
            words = " ".join(critic.reading_text(words).split())
            iv.moved_text = words if len(words) <= SUMMARY_CHARS else words[:SUMMARY_CHARS] + "…"
            group = iv.label.split("-")[0]
            if iv.reason:
                group_reason.setdefault(group, iv.reason)
            iv.group_reason = group_reason.get(group, "")
            iv.moved_to_anchor = dests[iv.label].id if iv.label in dests else iv.moved_to
            iv.moved_to_label = _block_label(iv.moved_to)


def _block_label(block: str) -> str:
    """How the apparatus names a place: note 3, pull-quote 2, ¶ security-4."""
    if block.startswith("fn:"):
        return f"note {block[3:]}"
    if block.startswith("pull-quote-"):
        return f"pull-quote {block.rsplit('-', 1)[1]}"
    return f"¶ {block}" if re.search(r"-\d+$", block) else block


def _macros(config):
    if _state.get("env") is None:
        _state["env"] = config.theme.get_env().get_template("partials/edition.html").module
    return _state["env"]


def on_page_markdown(markdown, page, config, files):
    """Render the marks in the brief; fill the markers of the apparatus page."""
    uri = page.file.src_uri
    if uri == BRIEF_URI:
        return _render_marks(markdown, page, config)
    # Unknown markers, and markers on the wrong page, are markers.py's concern.
    if uri != APPARATUS_URI:
        return None
    macros, doc, kinds = _macros(config), _state["doc"], _state["kinds"]
    brief = files.get_file_from_path(BRIEF_URI)
    brief_url = get_relative_url(brief.url, page.url)
    counts: dict[str, int] = {}
    for iv in doc.interventions:
        counts[iv.kind] = counts.get(iv.kind, 0) + 1

    def fill(m: re.Match) -> str:
        if m.group("name") == "apparatus":
            return str(macros.apparatus(doc.interventions, kinds, brief_url))
        if m.group("name") == "kinds":
            return str(macros.kinds_list(kinds, counts))
        return m.group(0)

    return MARKER_RE.sub(fill, markdown)


def _render_marks(markdown: str, page, config) -> str:
    """Replace every mark of the brief (as MkDocs passes it, front matter removed) with its HTML."""
    try:
        doc = critic.parse(markdown, page.file.src_path, _state["kinds"])
    except critic.EditionError as exc:
        raise PluginError(str(exc)) from exc
    _decorate(doc)
    macros, kinds = _macros(config), _state["kinds"]
    out, pos = [], 0
    for iv in doc.interventions:
        out.append(markdown[pos:iv.start])
        out.append(" ".join(str(macros.mark(iv, kinds[iv.kind])).split()))
        pos = iv.end
    out.append(markdown[pos:])
    log.debug("edition: rendered %d marks in %s", len(doc.interventions), page.file.src_path)
    return "".join(out)
