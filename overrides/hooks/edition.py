"""The edition's MkDocs hook: the build's one load of the edition, the bibliography downloads, and
the proof, on the built brief, that it is faithful to the source (the build stops if not).

Everything a reader sees in the pages (the marks, the apparatus, the generated pages) is rendered
by the edition's Python-Markdown extension (`edition.extension` in mkdocs.yml), which needs no
MkDocs; this hook adds what only a site build has. The logic lives in the package
(scripts/edition/site.py).
"""

from edition.site import on_config, on_files, on_page_markdown, on_post_build  # noqa: F401 (MkDocs calls them by name)
