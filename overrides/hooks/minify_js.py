"""The site's own scripts minified in the built site (rjsmin; logic: edition.assets.minify_scripts).

The sources in docs/assets/javascripts/ keep their comments, which explain them to a maintainer;
a reader's first view carries the scripts without them (the brief's reading-mode.js and the search
worker: 1.5 kB less, compressed).
"""

from edition.site import minify_js_on_post_build as on_post_build  # noqa: F401
