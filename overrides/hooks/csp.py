"""Write the site's Content-Security-Policy into every page (the logic: scripts/edition/csp.py).

The last hook: it reads the pages as the build leaves them (after lazy_search's edits) and allows
their inline scripts and styles by hash. Under `mkdocs serve` scripts are allowed inline instead,
since the live-reload script MkDocs adds to each page it serves changes with every request.
"""

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition import csp
from edition.errors import EditionError

log = logging.getLogger("mkdocs.hooks.csp")
_command: dict = {}


def on_startup(command, dirty):
    """Remember whether this is `mkdocs serve`."""
    _command["serve"] = command == "serve"


def on_post_build(config):
    """Every HTML file of the site gets the policy, with the hashes of all of them."""
    try:
        pages, hashes = csp.apply_to_site(Path(config.site_dir), live_reload=_command.get("serve", False))
    except EditionError as exc:
        raise PluginError(str(exc)) from exc
    log.debug("csp: %d pages, %d hashes", pages, hashes)
