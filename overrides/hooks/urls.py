"""The "Permanent URLs" page lists every registered address, so readers can see what is promised.

Fills the `<!-- md:url-registry -->` marker of docs/urls.md with every page and id of
data/url-registry.yml (scripts/url_registry.py writes it), as links relative to the page
(overrides/partials/urls.html); the crawl test then proves that every one of them resolves.
"""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import url_registry  # noqa: E402

URLS_URI = "urls.md"
MARKER_RE = re.compile(r"<!--\s*md:url-registry\s*-->")


def _relative(path: str, here: str) -> str:
    """The link from the directory URL `here` to the site path `path`: '/brief/' -> '../brief/'."""
    rel = posixpath.relpath(path, here)
    return rel + "/" if path.endswith("/") and not rel.endswith("/") else rel


def on_page_markdown(markdown: str, page, config, files):
    """Replace the marker with the registry (markers.py keeps it off every other page)."""
    if page.file.src_uri != URLS_URI or not MARKER_RE.search(markdown):
        return None
    try:
        registry = url_registry.load_registry()
    except url_registry.RegistryError as exc:
        raise PluginError(f"data/{exc}") from exc
    titles = {url_registry.src_url(f.src_uri): (f.page.title if f.page else "")
              for f in files.documentation_pages()}
    here = "/" + page.url
    pages = [{"path": path, "title": titles.get(path) or "", "ids": ids, "href": _relative(path, here)}
             for path, ids in sorted(registry.items())]
    macros = config.theme.get_env().get_template("partials/urls.html").module
    html = str(macros.registry(pages))
    return MARKER_RE.sub(lambda _: html, markdown)
