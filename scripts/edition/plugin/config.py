"""The edition plugin's options (mkdocs.yml, `plugins: - edition: {...}`)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class EditionConfig(Config):
    """What the plugin does besides the build it always checks."""

    enabled = opt.Type(bool, default=True)
    # The site's own stylesheets (extra_css) written into every page's <head>, not linked.
    inline_css = opt.Type(bool, default=True)
    # The site's own scripts (extra_javascript) written into every page after the theme's, not linked.
    inline_js = opt.Type(bool, default=True)
    # An SVG favicon (theme.favicon) written into each page as a data: URI, not fetched.
    inline_favicon = opt.Type(bool, default=True)
    # Search loads at the first query: speaks Material's search worker protocol, so by default on
    # with Material and off with any other theme.
    lazy_search = opt.Optional(opt.Type(bool))
