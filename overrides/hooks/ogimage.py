"""The link-preview card: og-card.png drawn from data/citation.yml at build time (the logic:
scripts/edition/ogimage.py; overrides/main.html names it in og:image and twitter:image)."""

import logging

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from edition import ogimage
from edition.errors import EditionError

log = logging.getLogger("mkdocs.hooks.ogimage")


def on_files(files, config):
    """Add the card to the site's files, so that it is written like any other."""
    try:
        png = ogimage.card_for(config.extra["citation"])
    except EditionError as exc:
        raise PluginError(str(exc)) from exc
    config.extra["og_image"] = {"uri": ogimage.URI, "width": ogimage.WIDTH, "height": ogimage.HEIGHT,
                                "alt": ogimage.alt_text(config.extra["citation"])}
    files.append(File.generated(config, ogimage.URI, content=png))
    log.debug("ogimage: %s, %d bytes", ogimage.URI, len(png))
    return files
