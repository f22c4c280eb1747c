"""The MkDocs side of the edition: what overrides/hooks/edition.py hands MkDocs' events to.

The one module of the package that imports mkdocs. Everything the reader sees in the pages comes
from the Markdown extension (edition.extension), which needs no MkDocs; this adds only what a
static-site build adds around pages:
- on_config: loads the edition (the one load of the build; bad input stops the build with the
  file, the entry and the problem), gives the templates the citation metadata for the brief's
  <head> (overrides/main.html), and the extension the site's URL;
- on_files: the bibliography downloads references.bib and references.json, generated from the same
  load, so that the References page's links to them are checked like any other link.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from edition import assets, exports, extension, sitemap
from edition.errors import EditionError
from edition.loader import Edition, load

log = logging.getLogger("mkdocs.hooks.edition")

EXTENSION = "edition.extension"


def edition_for(config) -> Edition:
    """The build's Edition; an EditionError becomes a PluginError that stops the build."""
    try:
        return load(Path(config.config_file_path).resolve().parent)
    except EditionError as exc:
        raise PluginError(str(exc)) from exc


def on_config(config):
    """Load the edition once for the build and share what the templates need."""
    edition = edition_for(config)
    try:
        sitemap.check_site_url(config.site_url or "")  # SITE_URL: a one-line message, not a theme's
    except EditionError as exc:
        raise PluginError(str(exc)) from None
    config.extra["citation"] = edition.citation
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"mkdocs.yml: markdown_extensions must list {EXTENSION}: it renders the edition")
    log.debug("edition: %d interventions, %d places", len(edition.doc.interventions), len(edition.brief.places))
    return config


def on_files(files, config):
    """Add the bibliography downloads, generated from the edition's references."""
    edition = edition_for(config)
    downloads = {"references.bib": exports.references_bibtex, "references.json": exports.csl_json}
    for uri, render in downloads.items():
        files.append(File.generated(config, uri, content=render(edition.references, edition.citation)))
    return files


# ---- overrides/hooks/inline_css.py: the site's styles in each page's <head> ---------------------


def inline_css_on_config(config):
    """Read and minify the extra_css files for overrides/main.html; the theme then links none."""
    try:
        config.extra["inline_css"] = assets.inline_styles(Path(config.docs_dir), list(config.extra_css))
        config.extra["inline_palette"] = assets.inline_palette(config.theme.dirs, config.theme["palette"] or [])
    except EditionError as exc:
        raise PluginError(str(exc)) from exc
    config.extra_css = []
    return config


def inline_css_on_post_build(config) -> None:
    """The theme's main stylesheet without the rules no page of the site can use."""
    try:
        old, new, before, after = assets.prune_theme_css(Path(config.site_dir))
    except EditionError as exc:
        raise PluginError(str(exc)) from exc
    log.debug("inline_css: %s (%d bytes) pruned to %s (%d bytes)", old, before, new, after)


# ---- overrides/hooks/minify_js.py: the site's own scripts, minified --------------------------------


def minify_js_on_post_build(config) -> None:
    """The built copies of docs/assets/javascripts/**/*.js, minified."""
    try:
        done = assets.minify_scripts(Path(config.docs_dir), Path(config.site_dir))
    except EditionError as exc:
        raise PluginError(str(exc)) from exc
    for rel, before, after in done:
        log.debug("minify_js: %s %d -> %d bytes", rel, before, after)


# ---- overrides/hooks/theme_js.py: the theme's bundle without its colour-scheme <meta> -------------


def theme_js_on_post_build(config) -> None:
    """Material's bundle without the <meta name="color-scheme"> that restyles every page at load."""
    try:
        old, new = assets.patch_theme_bundle(Path(config.site_dir))
    except EditionError as exc:
        raise PluginError(str(exc)) from exc
    log.debug("theme_js: %s -> %s", old, new)


# ---- overrides/hooks/cite_data.py: the Cite panels' data in a file beside the page ---------------


def cite_data_on_post_page(output: str, page, config) -> str:
    """A page's Cite data (edition.extension.cite_data_file) into cite-data.<hash8>.json beside it;
    the page keeps only that file's address, and cite.js fetches it when a panel first opens."""
    where = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    try:
        moved = extension.cite_data_file(output, where)
    except EditionError as exc:
        raise PluginError(str(exc)) from exc
    if moved is None:
        return output
    html, name, body = moved
    folder = Path(config.site_dir) / Path(page.file.dest_uri).parent
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(body)
    return html


# ---- overrides/hooks/lazy_search.py: search loads at the first query -----------------------------


def lazy_search_on_post_page(output: str, page, config) -> str:
    """Every page: Material's search starts with the lazy worker."""
    return _lazy(output, page.file.src_uri)


def lazy_search_on_post_template(output: str, template_name: str, config) -> str:
    """The 404 page too (a theme template, not a page)."""
    return _lazy(output, template_name) if template_name == "404.html" else output


def lazy_search_on_post_build(config) -> None:
    """Split the index Material's search plugin wrote: its config stays, its documents move."""
    try:
        moved = assets.split_index(Path(config.site_dir))
    except EditionError as exc:
        raise PluginError(str(exc)) from exc
    log.debug("lazy_search: %d documents moved to %s", moved, assets.FULL_INDEX)


def _lazy(html: str, where: str) -> str:
    try:
        return assets.point_at_lazy_worker(html, where)
    except EditionError as exc:
        raise PluginError(str(exc)) from exc


def on_post_build(config) -> None:
    """The edition's fidelity, proved on the built brief, its search index and its citations: an
    unfaithful page stops the build (edition.proof)."""
    from edition import proof, structure

    ed = edition_for(config)
    clashes = structure.check_site(Path(config.site_dir), ed)  # one id per page, one outline
    if clashes:
        raise PluginError(f"the built pages' ids or outline ({len(clashes)} problem(s)):\n  " + "\n  ".join(clashes))
    problems = proof.check_site(Path(config.site_dir), ed)
    if problems:
        shown = "\n  ".join(problems[:20]) + (f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise PluginError(f"the built brief is not faithful to the source ({len(problems)} problem(s)):\n  {shown}")
    log.debug("edition: the built brief is proved faithful to the source")
