"""The edition engine: the brief and the editors' data, parsed once, rendered anywhere.

One package holds the logic of the web edition of Chris Miller's "Japan–Russia Relations: The View
from Moscow"; MkDocs is only one of its users. A module per concern:

    errors      the one exception family: every message names file, entry and problem
    project     where a project's files are (docs/, data/, source/, mkdocs.yml)
    yamlio      reading a YAML file into a named error
    notation    the edition's CriticMarkup notation: grammar, kinds, parse
    model       the brief as places (one name each), blocks, footnotes
    dates       dates at their true precision
    data        the editors' data files (cross-links, timeline, references, glossary): schema, validation
    citation    data/citation.yml, the one source of facts about the brief
    exports     BibTeX, CSL-JSON, CITATION.cff: one writer each
    fidelity    the proof that the reading text is the source plus recorded interventions
    registry    the URL registry and the renamed-id redirects
    pages       the site's Markdown pages: markers, titles
    loader      Edition: everything above, loaded once per change of its inputs
    templates   the Jinja partials of overrides/partials, rendered into element-tree fragments
    extension   the Python-Markdown extension that renders the edition (no MkDocs needed)
    postbuild   `edition postbuild SITE`: what any engine's built site gets (downloads, Cite data,
                sitemap dates, the proof, the CSP)
    plugin      the MkDocs plugin (the one package that imports mkdocs): the build's order
    cli         the `edition` command
"""

from edition.errors import EditionError
from edition.loader import Edition, load

__all__ = ["Edition", "EditionError", "load"]
