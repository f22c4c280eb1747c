"""Load search when the reader searches, not with every page.

Material fetches search/search_index.json (every page's text: the largest file of a first view) and
its search worker as soon as any page opens. This hook
- moves the index's documents to search/search_index.full.json and leaves at search_index.json only
  its `config` (language, separator: what search.highlight needs on the page it opens);
- points Material at docs/assets/javascripts/workers/search-lazy.js instead of its own worker: a
  small worker that fetches the full index and loads Material's worker into itself at the first
  query (see that file for how it speaks Material's worker protocol).
Search, search.suggest and search.highlight work as before; a first view no longer carries them.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.lazy_search")

INDEX = "search/search_index.json"
FULL_INDEX = "search/search_index.full.json"
LAZY_WORKER = "search-lazy.js"  # in Material's assets/javascripts/workers/, beside its own worker
# Material's worker in the page's #__config: "search": "<prefix>assets/javascripts/workers/search.<hash>.min.js"
WORKER_RE = re.compile(r'"search": "(?P<folder>[^"]*assets/javascripts/workers/)(?P<name>search\.[0-9a-f]+\.min\.js)"')
# From the lazy worker's folder (site/assets/javascripts/workers/) to the full index.
FULL_INDEX_FROM_WORKER = "../../../" + FULL_INDEX


def _point_at_lazy_worker(html: str, where: str) -> str:
    """Replace Material's worker URL in a page's #__config with the lazy worker's."""
    html, n = WORKER_RE.subn(lambda m: f'"search": "{m["folder"]}{LAZY_WORKER}?worker={m["name"]}'
                                       f'&index={FULL_INDEX_FROM_WORKER}"', html)
    if n != 1:
        raise PluginError(f"overrides/hooks/lazy_search.py: {where} has {n} search worker URLs in "
                          "#__config, not 1: has Material's base.html changed?")
    return html


def on_post_page(output: str, page, config) -> str:
    """Every page: Material's search starts with the lazy worker."""
    return _point_at_lazy_worker(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config) -> str:
    """The 404 page too (a theme template, not a page)."""
    if template_name != "404.html":
        return output
    return _point_at_lazy_worker(output, template_name)


def on_post_build(config) -> None:
    """Split the index Material's search plugin wrote: its config stays, its documents move."""
    site = Path(config.site_dir)
    index_path = site / INDEX
    if not (site / "assets/javascripts/workers" / LAZY_WORKER).is_file():
        raise PluginError(f"overrides/hooks/lazy_search.py: docs/assets/javascripts/workers/{LAZY_WORKER} "
                          "is missing")
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PluginError(f"overrides/hooks/lazy_search.py: no {INDEX}: list the search plugin before "
                          "the hooks") from None
    (site / FULL_INDEX).write_bytes(index_path.read_bytes())
    index_path.write_text(json.dumps({"config": index["config"], "docs": []}, separators=(",", ":")),
                          encoding="utf-8")
    log.debug("lazy_search: %d documents moved to %s", len(index["docs"]), FULL_INDEX)
