"""Each page's date in the sitemap: the day of the last commit that changed what the page shows.

MkDocs gives every page the build date (SOURCE_DATE_EPOCH, the commit's: the edition
plugin), so each <lastmod> in sitemap.xml said that every page changed with every commit,
and a search engine learnt to ignore them. Here a page's sources are its Markdown file and the
data files that its markers render (pages.MARKERS); the brief's page renders the whole apparatus,
so its sources are the brief and every data file its marks, notes, links and Cite controls come
from. Its date is the committer date, as a UTC day like the build date, of the last commit that
touched one of them (`git log -1 --format=%ct -- <sources>`). For a page no commit has touched
yet there is no such date and the page keeps MkDocs' build date. Without git (not on the PATH, or
not a checkout) a build in CI (CI=true, as GitHub Actions sets it) stops with a message naming
why, rather than date every page by the build; a local build warns once and goes on.

The site's address (SITE_URL, mkdocs.yml's site_url) is checked here too (`check_site_url`): it is
written into every page, the sitemap and the citations, so a value with a quote or a space in it
is refused with a one-line message naming it.

`edition postbuild` (edition.postbuild, step sitemap) writes these dates into the built sitemap.xml,
whichever engine wrote it, and stamps sitemap.xml.gz with the newest of them: both stay
byte-identical from build to build of one commit.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
from pathlib import Path

from edition import gitio
from edition.errors import EditionError
from edition.pages import ANY_MARKER_RE

# Not under "mkdocs": a local build without git warns without failing `mkdocs build --strict`.
log = logging.getLogger("edition.sitemap")
_warned: set[Path] = set()
# An http(s) address of the characters an address may hold unescaped, no quote, space or angle bracket.
SITE_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d{1,5})?(?:/[A-Za-z0-9._~%!$&()*+,;=:@/-]*)?$")

MARKER_SOURCES = {  # marker: the data files (under the project root) that it renders
    "apparatus": ["data/interventions.yml", "docs/brief.md"],  # every intervention of the brief
    "kinds": ["data/interventions.yml"],
    "timeline": ["data/timeline.yml", "data/references.yml"],
    "references": ["data/references.yml"],
    "glossary": ["data/glossary.yml"],
    "cite-examples": ["data/citation.yml"],
    "url-registry": ["data/url-registry.yml", "data/id-redirects.yml"],
}
BRIEF_SOURCES = [  # the brief's page: its marks and their kinds, notes, cross-links, timeline and
    "data/interventions.yml",  # glossary links, Cite controls and renamed ids
    "data/crosslinks.yml",
    "data/timeline.yml",
    "data/references.yml",
    "data/glossary.yml",
    "data/citation.yml",
    "data/id-redirects.yml",
]


def page_sources(uri: str, markdown: str, brief_uri: str, docs_dir: str = "docs") -> list[str]:
    """The files (relative to the project root) whose last change dates the page `uri`."""
    sources = [f"{docs_dir}/{uri}"]
    if uri == brief_uri:
        sources += BRIEF_SOURCES
    for m in ANY_MARKER_RE.finditer(markdown):
        sources += MARKER_SOURCES.get(m["name"], [])
    return list(dict.fromkeys(sources))


def in_ci(environ=None) -> bool:
    """Whether the build runs in CI (CI=true, as GitHub Actions and most CI services set it)."""
    return (environ if environ is not None else os.environ).get("CI", "").strip().lower() in ("true", "1", "yes")


def _no_git(root: Path, why: str) -> None:
    """In CI: stop (EditionError). Locally: warn once per project and let the build date the page."""
    message = (f"sitemap: {why}, so no page can be dated by its last commit (sitemap.xml <lastmod>)")
    if in_ci():
        raise EditionError(f"{message}: a CI build stops rather than date every page by the build; "
                           "check out the repository with its history (actions/checkout with "
                           "fetch-depth: 0) and install git")
    if root not in _warned:
        _warned.add(root)
        log.warning("%s: each page gets the build's date (in CI, CI=true, this stops the build)", message)


def last_changed(root: Path, paths: list[str]) -> str | None:
    """The UTC day (YYYY-MM-DD) of the last commit that changed any of `paths`, or None when no
    commit has touched them, or without git outside CI (in CI that stops the build: _no_git)."""
    try:
        out = gitio.text(["log", "-1", "--format=%ct", "--", *paths], root)
    except gitio.GitError as exc:
        _no_git(root, "git is not on the PATH" if exc.missing
                else f"{root} is not a git checkout (git: {exc.said.splitlines()[0]})")
        return None
    if not out.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(out), datetime.timezone.utc).strftime("%Y-%m-%d")


def check_site_url(url: str) -> str:
    """The site's address, or EditionError naming it when it is not a plain http(s) address."""
    if not SITE_URL_RE.match(url or ""):
        bad = next((c for c in url or "" if c in "\"'<>` \\{}|^\t\n"), None)
        why = f"it contains {bad!r}" if bad else "it is not an http or https address"
        raise EditionError(f"SITE_URL (mkdocs.yml's site_url) {url!r}: {why}; give the site's "
                           "address, like https://example.github.io/japan-russia-view-from-moscow/")
    return url
