"""Edition: the brief and every data file, loaded, parsed and validated once into one object.

Every renderer reads this object: the Markdown extension (each page), the MkDocs plugin and
`edition postbuild` (head metadata, downloads), the exports and the command line. load() keeps one Edition per project and
loads it again only when one of its inputs changed (their paths, sizes and modification times), so
a build loads once and `mkdocs serve` sees every edit. `stats["loads"]` counts the loads (a test
holds a build to one), `stats["calls"]` the calls (the extension makes one per document).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition import citation as citation_file
from edition import data as datafiles
from edition import layout as source_layout
from edition import model, notation, pages, registry, rules
from edition.project import Project
from edition.yamlio import read_plain, read_utf8

stats = {"loads": 0, "calls": 0}  # loads: inputs read and checked; calls: load() asked
_cache: dict[Path, tuple[tuple, "Edition"]] = {}
_lock = threading.Lock()


@dataclass
class Edition:
    """Everything the site is generated from, validated."""

    project: Project
    kinds: dict[str, notation.Kind]
    doc: notation.Document  # docs/brief.md, parsed (front matter included: line numbers are the file's)
    brief: model.Brief
    references: dict[str, datafiles.Reference]
    events: list[datafiles.Event]
    threads: dict[str, str]
    crosslinks: list[datafiles.Crosslink]
    glossary: list[datafiles.Term]
    citation: dict[str, Any]
    id_redirects: dict[str, dict[str, str]]
    registry: dict[str, list[str]]
    pages: dict[str, pages.SitePage]
    zones: list = field(default_factory=list)  # the damaged zones of the source (edition.rules)
    changelog: list = field(default_factory=list)  # the edition's versions, newest first (data/changelog.yml)
    layout: source_layout.Layout = field(default_factory=source_layout.Layout)  # pages, breaks (edition.layout)
    fingerprint: tuple = field(default=(), repr=False)

    @property
    def brief_uri(self) -> str:
        """The page of docs/ that holds the brief (data/citation.yml, `edition.page`)."""
        return self.citation["edition"]["page"]

    @property
    def brief_body(self) -> str:
        """The brief's Markdown as a page renders it: after its front matter."""
        return self.doc.text[notation.body_offset(self.doc.text):]


def _inputs(project: Project) -> list[Path]:
    """The files an Edition is made from."""
    files = [project.mkdocs_yml, project.source, *sorted(project.data.glob("*.yml"))]
    files += [p for p in sorted(project.docs.rglob("*.md"))
              if not any(part.startswith(".") for part in p.relative_to(project.docs).parts)]
    return files


def _fingerprint(files: list[Path]) -> tuple:
    out = []
    for path in files:
        try:
            st = path.stat()
            out.append((str(path), st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            out.append((str(path), -1, 0))
    return tuple(out)


def load(root: str | Path | None = None) -> Edition:
    """The Edition of the project at `root` (default: around the current directory), loaded again
    only when an input changed. Bad input raises an EditionError naming file, entry and problem."""
    stats["calls"] += 1
    project = Project.at(root)
    with _lock:
        fingerprint = _fingerprint(_inputs(project))
        cached = _cache.get(project.root)
        if cached and cached[0] == fingerprint:
            return cached[1]
        edition = _load(project)
        edition.fingerprint = fingerprint
        _cache[project.root] = (fingerprint, edition)
        return edition


def _load(project: Project) -> Edition:
    """Read, parse and cross-check every input."""
    stats["loads"] += 1
    kinds = notation.load_kinds(project.kinds, project.shown(project.kinds))
    cite = citation_file.load(project.citation, project.shown(project.citation))
    brief_path = project.docs / cite["edition"]["page"]
    if not brief_path.is_file():
        raise citation_file.CitationError(
            f"data/citation.yml: `edition.page` names {cite['edition']['page']}, which is not a page "
            "of docs/")
    text = read_utf8(brief_path, project.shown(brief_path), notation.NotationError)
    doc = notation.parse(text, project.shown(brief_path), kinds)
    brief = model.read_brief(doc)
    for iv in doc.interventions:
        iv.place = brief.label(iv.block)
        iv.moved_to_place = brief.label(iv.moved_to) if iv.moved_to else ""
        iv.ref_place = brief.label(iv.ref) if iv.ref else ""
    try:
        source = project.source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise notation.NotationError(f"{project.shown(project.source)}: the source extraction is "
                                     "missing: every check of the edition is made against it") from None
    zones = rules.load_zones(project.data / "damaged-zones.yml", brief, source.splitlines())
    note_lines = rules.check(doc, kinds, brief, source, zones, cite["work"])
    layout = source_layout.check(doc, kinds, brief, source, zones, note_lines)
    refs = datafiles.load_references(project.data / "references.yml", brief, cite["edition"]["date"])
    events = datafiles.load_timeline(project.data / "timeline.yml", brief, refs, cite["edition"]["date"])
    threads, links = datafiles.load_crosslinks(project.data / "crosslinks.yml", brief)
    glossary = datafiles.load_glossary(project.data / "glossary.yml", brief, events)
    rules.check_conjectures_unquoted(doc, {"threads": threads, "crosslinks": links, "glossary": glossary,
                                           "events": events, "references": refs})
    redirects = registry.load_id_redirects(project.id_redirects)
    urls = registry.load_registry(project.registry)
    registry.check_holds(project.registry, doc)  # each id of the brief still holds its registered text
    config = read_plain(project.mkdocs_yml) if project.mkdocs_yml.exists() else {}
    site_pages = pages.read_pages(project.docs, pages.nav_titles(config.get("nav")))
    pages.check_markers(site_pages)
    changelog = citation_file.load_changelog(project.data / "changelog.yml", cite["edition"], urls,
                                             redirects, list(site_pages))
    for src in redirects:
        if src not in site_pages:
            raise registry.RegistryError(f"data/id-redirects.yml: entry {src}: no such page in docs/")
    return Edition(project, kinds, doc, brief, refs, events, threads, links, glossary, cite,
                   redirects, urls, site_pages, zones, changelog, layout)
