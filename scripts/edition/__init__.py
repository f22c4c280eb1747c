"""The edition engine: the brief and the editors' data, parsed once, rendered anywhere.

One package holds the logic of the web edition of Chris Miller's "Japan–Russia Relations: The View
from Moscow"; MkDocs is only one of its users. A module per concern:

    errors      the one exception family: every message names file, entry and problem
    project     where a project's files are (docs/, data/, source/, mkdocs.yml)
    yamlio      reading a YAML file into a named error
    gitio       the one way to run git, with one error naming the command
    htmlread    the one HTML reader for built pages (lxml)
    cssread     the one CSS reader: a stylesheet's statements, a rule's declarations
    notation    the edition's CriticMarkup notation: grammar, kinds, parse, what it refuses
    model       the brief as places (one name each), blocks, footnotes
    layout      the source's layout as evidence: paragraph ends, page starts, lost lines
    rules       each kind of editorial mark's rule, enforced at load
    dates       dates at their true precision
    data        the editors' data files (cross-links, timeline, references, glossary), checked
                against their schemas (schema/*.schema.json, the one statement of their limits)
    citation    data/citation.yml and data/changelog.yml: facts about the brief and the edition
    exports     BibTeX, CSL-JSON, CITATION.cff: one writer each
    fidelity    the proof that the reading text is the source plus recorded interventions
    registry    the URL registry and the renamed-id redirects
    comments    the authors' comments in docs/*.md, kept out of the built pages
    pages       the site's Markdown pages: markers, titles
    loader      Edition: everything above, loaded once per change of its inputs
    templates   the Jinja partials of overrides/partials, rendered into element-tree fragments
    metadata    the head metadata (Highwire, DC, Open Graph, JSON-LD) as plain data
    head        what overrides/main.html writes into a page's <head>
    extension   the Python-Markdown extension that renders the edition (no MkDocs needed)
    assets      the site's stylesheets inlined, each page keeping the rules it can use
    ogimage     the link-preview card, drawn at build time
    sitemap     each page's sitemap date: its sources' last commit
    staticstyle what the stylesheets do to the brief's text, read without a browser
    proof       fidelity proved on the built brief, its search index and its citations
    structure   one id per page, one outline: checks of the built pages
    csp         the Content-Security-Policy, one per page, and its check
    postbuild   `edition postbuild SITE`: what any engine's built site gets (downloads, Cite data,
                sitemap dates, the proof, the CSP)
    plugin      the MkDocs plugin (the one package that imports mkdocs): the build's order
    serving     a built site served on 127.0.0.1 as GitHub Pages serves it (serve, tests)
    browserproof fidelity proved in Chromium, in every view (`edition fidelity --browser`)
    benchmark   `edition benchmark`: the edition against a naive site and the bare-HTML limit
    cli         the `edition` command
"""

from edition.errors import EditionError
from edition.loader import Edition, load

__all__ = ["Edition", "EditionError", "load"]
