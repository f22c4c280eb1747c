"""Each page's <lastmod> in sitemap.xml: the last commit that changed the page's sources, not the
build date (the logic: scripts/edition/sitemap.py)."""

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import sitemap
from edition.errors import EditionError

log = logging.getLogger("mkdocs.hooks.sitemap")


def on_page_markdown(markdown, page, config, files):
    """Date the page by its sources; outside git it keeps MkDocs' date (the build's)."""
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    sources = sitemap.page_sources(page.file.src_uri, markdown, config.extra["citation"]["edition"]["page"], docs)
    try:
        day = sitemap.last_changed(root, sources)  # without git: stops in CI, warns locally
    except EditionError as exc:
        raise PluginError(str(exc)) from None
    if day is not None:
        page.update_date = day
    log.debug("sitemap: %s dated %s from %s", page.file.src_uri, page.update_date, ", ".join(sources))
    return markdown
