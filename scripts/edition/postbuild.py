"""`edition postbuild SITE`: everything the edition does to a built site, on any engine's output.

What only needs the built files is done here, after the engine (MkDocs, Zensical) has written the
pages, in this order (STEPS):

    downloads     references.bib and references.json, from the edition's references
    og card       assets/images/og-card.png, the link-preview card drawn from data/citation.yml
    scripts       the site's own scripts and stylesheets (docs/assets/javascripts, stylesheets)
                  minified in the built site
    pages         one pass over every built page: its inline <style>s pruned to the rules that can
                  apply to its markup or to what the scripts it loads may add; the white space between
                  its tags (templates' blank lines) collapsed; its Cite data moved into a file beside it
                  (cite-data.<hash8>.json, fetched at first use); with lazy search, Material's
                  search worker pointed at the lazy one
    search        with lazy search: the search index's documents moved to the full index
    sitemap       each <lastmod> the day of the last commit to the page's sources
    structure     one id per page (data ids against headings and the theme's), one h1, and the
                  brief's outline as the source's (edition.structure)
    proof         the built brief, its search index and its citations faithful to the source
    csp           last: the Content-Security-Policy, with the hashes of the final pages

The MkDocs plugin (edition.plugin) calls run() in its on_post_build; after `zensical build`, run
`edition postbuild site`. Bad input or a failed proof raises an EditionError naming the file and the
problem; nothing is published by this module (the plugin moves a checked site into place).
"""

from __future__ import annotations

import datetime
import gzip
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from edition import assets, csp, exports, ogimage, sitemap
from edition.errors import EditionError
from edition.extension import cite_data_file, page_url
from edition.loader import Edition


@dataclass
class Site:
    """A built site being finished: its pages read once, kept in memory, written when changed."""

    root: Path
    edition: Edition
    lazy_search: bool = False
    live_reload: bool = False
    pages: dict[Path, str] = field(default_factory=dict)  # every *.html of the site: its text
    log: list[str] = field(default_factory=list)

    def read_pages(self) -> None:
        """The one read of the site's pages (the `pages` step); later steps use these texts."""
        self.pages = {p: p.read_text(encoding="utf-8") for p in sorted(self.root.rglob("*.html"))}

    def write_pages(self, changed: dict[Path, str]) -> None:
        for path, text in changed.items():
            path.write_text(text, encoding="utf-8")
            self.pages[path] = text


def downloads(edition: Edition) -> dict[str, bytes]:
    """The bibliography downloads, by their path in the site (the plugin also lists them as files of
    the build, so that MkDocs checks the References page's links to them)."""
    refs, cite = edition.references, edition.citation
    return {"references.bib": exports.references_bibtex(refs, cite).encode("utf-8"),
            "references.json": exports.csl_json(refs, cite).encode("utf-8")}


def og_card_meta(edition: Edition) -> dict:
    """What the page templates say about the link-preview card (og:image)."""
    return {"uri": ogimage.URI, "width": ogimage.WIDTH, "height": ogimage.HEIGHT,
            "alt": ogimage.alt_text(edition.citation)}


def _write_if_changed(path: Path, body: bytes) -> bool:
    if path.is_file() and path.read_bytes() == body:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return True


def step_downloads(site: Site) -> None:
    for uri, body in downloads(site.edition).items():
        _write_if_changed(site.root / uri, body)
        site.log.append(f"downloads: {uri}, {len(body)} bytes")


def step_og_card(site: Site) -> None:
    png = ogimage.card_for(site.edition.citation)
    _write_if_changed(site.root / ogimage.URI, png)
    site.log.append(f"og card: {ogimage.URI}, {len(png)} bytes")


def step_scripts(site: Site) -> None:
    for rel, before, after in assets.minify_scripts(site.edition.project.docs, site.root):
        site.log.append(f"scripts: {rel} {before} -> {after} bytes")
    for rel, before, after in assets.minify_stylesheets(site.edition.project.docs, site.root):
        site.log.append(f"scripts: {rel} {before} -> {after} bytes")


def step_pages(site: Site) -> None:
    site.read_pages()
    changed = {}
    scripts = {script.relative_to(site.root).as_posix(): assets.words(script.read_text(encoding="utf-8"))
               for script in sorted(site.root.rglob("*.js"))}
    before = after = 0
    for path, html in site.pages.items():
        where = path.relative_to(site.root).as_posix()
        # the Cite panels' classes come from their data, which a finished page keeps in a file
        # beside it: read there too, so that a second postbuild prunes exactly as the first
        held = re.search(r'<template class="ed-cite-data" data-src="(cite-data\.[0-9a-f]{8}\.json)"', html)
        data_words = assets.words((path.parent / held[1]).read_text(encoding="utf-8")) if held else set()
        script_words = assets.loaded_script_words(html, path, site.root, scripts)
        new = assets.collapse_whitespace(assets.prune_page_styles(html, script_words | data_words, where))
        before, after = before + len(html), after + len(new)
        moved = cite_data_file(new, where)
        if moved is not None:
            new, name, body = moved
            _write_if_changed(path.parent / name, body)
            site.log.append(f"pages: {where}: its Cite data in {name}")
        if site.lazy_search and '"search": "' in new and assets.LAZY_WORKER + "?" not in new:
            new = assets.point_at_lazy_worker(new, where)
        if new != html:
            changed[path] = new
    site.write_pages(changed)
    site.log.append(f"pages: {len(site.pages)} read, {len(changed)} changed; inline styles pruned to the "
                    f"rules each page can use: {before - after:,} bytes fewer")


def step_search(site: Site) -> None:
    if site.lazy_search:
        moved = assets.split_index(site.root)
        site.log.append(f"search: {moved} documents moved to {assets.FULL_INDEX}")


# A page's entry: its address and, as MkDocs writes it, its date (Zensical writes none).
URL_RE = re.compile(r"(?P<head><url>\s*<loc>(?P<loc>[^<]*)</loc>)(?P<lastmod>\s*<lastmod>[^<]*</lastmod>)?")
DAY_RE = re.compile(r"<lastmod>(\d{4}-\d{2}-\d{2})</lastmod>")


def step_sitemap(site: Site) -> None:
    path = site.root / "sitemap.xml"
    if not path.is_file():
        site.log.append("sitemap: no sitemap.xml in the site: no dates to set")
        return
    ed = site.edition
    urls = sorted(((page_url(uri), uri) for uri in ed.pages), key=lambda u: -len(u[0]))
    docs = ed.project.docs.relative_to(ed.project.root).as_posix()
    dated = 0

    def date(m: re.Match) -> str:
        nonlocal dated
        loc = m["loc"]
        uri = next((uri for url, uri in urls if loc.endswith("/" + url) or (not url and loc.endswith("/"))), None)
        day = None
        if uri is not None:
            day = sitemap.last_changed(ed.project.root, sitemap.page_sources(uri, ed.pages[uri].body, ed.brief_uri, docs))
        if day is None:
            return m.group(0)  # outside git, or a page no commit has touched: the engine's date, if any
        dated += 1
        if m["lastmod"]:
            return m["head"] + DAY_RE.sub(f"<lastmod>{day}</lastmod>", m["lastmod"])
        return f"{m['head']}<lastmod>{day}</lastmod>"

    xml = URL_RE.sub(date, path.read_text(encoding="utf-8"))
    path.write_text(xml, encoding="utf-8")
    days = DAY_RE.findall(xml)
    if (site.root / "sitemap.xml.gz").is_file() and days:
        stamp = int(datetime.datetime.fromisoformat(max(days)).replace(tzinfo=datetime.timezone.utc).timestamp())
        out = io.BytesIO()
        with gzip.GzipFile(fileobj=out, filename=str(path) + ".gz", mode="wb", mtime=stamp) as gz:
            gz.write(xml.encode("utf-8"))
        (site.root / "sitemap.xml.gz").write_bytes(out.getvalue())
    site.log.append(f"sitemap: {dated} pages dated by their sources' last commit")


def step_structure(site: Site) -> None:
    from edition import structure

    clashes = structure.check_site(site.root, site.edition)  # one id per page, one outline
    if clashes:
        raise EditionError(f"the built pages' ids or outline ({len(clashes)} problem(s)):\n  " + "\n  ".join(clashes))
    site.log.append("structure: one id per page, one h1, the brief's outline as the source's")


def step_proof(site: Site) -> None:
    from edition import proof

    problems = proof.check_site(site.root, site.edition)
    if problems:
        shown = "\n  ".join(problems[:20]) + (f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise EditionError(f"the built brief is not faithful to the source ({len(problems)} problem(s)):\n  {shown}")
    site.log.append("proof: the built brief is faithful to the source")


def step_csp(site: Site) -> None:
    shown = {path.relative_to(site.root).as_posix(): path for path in site.pages}
    done, hashes = csp.apply_to_pages({where: site.pages[path] for where, path in shown.items()},
                                      live_reload=site.live_reload)
    site.write_pages({shown[where]: html for where, html in done.items()})
    site.log.append(f"csp: {len(done)} pages, {hashes} hashes")


STEPS: tuple[tuple[str, Callable[[Site], None]], ...] = (
    ("downloads", step_downloads),
    ("og card", step_og_card),
    ("scripts", step_scripts),
    ("pages", step_pages),
    ("search", step_search),
    ("sitemap", step_sitemap),
    ("structure", step_structure),
    ("proof", step_proof),
    ("csp", step_csp),  # last: it hashes the pages as they are published
)


def run(root: Path, edition: Edition, *, lazy_search: bool = False, live_reload: bool = False) -> list[str]:
    """Every step of STEPS on the built site at `root`, in order. Returns what each step did."""
    if not (root / "index.html").is_file():
        raise EditionError(f"{root}: not a built site (no index.html)")
    site = Site(root, edition, lazy_search=lazy_search, live_reload=live_reload)
    for _name, step in STEPS:
        step(site)
    return site.log
