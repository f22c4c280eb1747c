"""Put the site's own stylesheets into every page's <head> instead of linking them.

The stylesheets of `extra_css` in mkdocs.yml are small, and each <link> to one is a request that
holds back the first paint; so is the theme's small palette stylesheet. This hook (its logic in scripts/edition/assets.py) takes them out of `extra_css` (so the theme links none),
reads them from docs/ in their listed order, minifies them with rcssmin, and hands the
result to overrides/main.html as `config.extra.inline_css`, which writes it in a <style> where the
theme would have linked them (after its own stylesheets, so the cascade is unchanged). The files
stay in docs/ and are still copied to the site. The theme's own files are served as it ships them.
"""

from edition.site import inline_css_on_config as on_config  # noqa: F401 (logic: edition.assets)
