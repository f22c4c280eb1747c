"""Check the `<!-- md:name -->` markers of every page: each is known, and stands on its own page.

A marker is where a hook puts what it generates (Material's convention: an HTML comment, invisible
if no hook runs). This hook knows every marker and the page it belongs to; an unknown marker, or a
marker on the wrong page, stops the build with the file's name. The hooks that fill the markers
(edition.py, timeline.py, references.py, glossary.py) only replace them.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

MARKER_RE = re.compile(r"<!--\s*md:(?P<name>[\w-]+)\s*-->")
MARKERS = {  # marker: the page it belongs on, and the hook that fills it
    "apparatus": "about-this-edition.md",  # edition.py
    "kinds": "about-this-edition.md",  # edition.py
    "timeline": "timeline.md",  # timeline.py
    "references": "references.md",  # references.py
    "glossary": "glossary.md",  # glossary.py
    "cite-examples": "how-to-cite.md",  # cite.py
    "url-registry": "urls.md",  # urls.py
}


def on_page_markdown(markdown: str, page, config, files) -> None:
    """Fail on an unknown marker or a marker on the wrong page."""
    for m in MARKER_RE.finditer(markdown):
        name = m.group("name")
        if name not in MARKERS:
            raise PluginError(f"{page.file.src_path}: unknown marker <!-- md:{name} --> "
                              f"(known: {', '.join(sorted(MARKERS))})")
        if page.file.src_uri != MARKERS[name]:
            raise PluginError(f"{page.file.src_path}: the marker <!-- md:{name} --> belongs on "
                              f"{MARKERS[name]} only")
