"""Material's bundle without the <meta name="color-scheme"> its palette adds at every page load.

Chromium restyles the whole page when that <meta> is added and again when its content is set: two
passes over the brief's ~1,200 elements in the bundle's start-up task, for a meta that only carries
the colour scheme up to the root (the page's scroll bars). edition.css does that with a rule that
costs nothing until the scheme changes. After the build, this hook takes the meta out of the bundle
(edition.assets.patch_theme_bundle: exact text of the pinned Material, the build stops if it is
not there once) and renames the bundle from its new content's hash, every page pointed at it.
"""

from edition.site import theme_js_on_post_build as on_post_build  # noqa: F401 (logic: edition.assets)
