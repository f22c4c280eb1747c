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

from edition.site import (  # noqa: F401 (MkDocs calls them by name; logic: edition.assets)
    lazy_search_on_post_build as on_post_build,
    lazy_search_on_post_page as on_post_page,
    lazy_search_on_post_template as on_post_template,
)
