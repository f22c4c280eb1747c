"""The Cite panels' data out of the page: each page's template.ed-cite-data JSON goes into a file
beside it, named by its hash (cite-data.<hash8>.json), and the page keeps only that file's address;
cite.js fetches it when a reader first opens a Cite panel. The extension alone (no hooks, e.g.
Zensical) leaves the JSON in the page, which cite.js reads as well. Logic: edition.site."""

from edition.site import cite_data_on_post_page as on_post_page  # noqa: F401 (MkDocs calls it by name)
