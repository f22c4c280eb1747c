"""Each page's date in the sitemap: the day of the last commit that changed what the page shows.

MkDocs gives every page the build date (SOURCE_DATE_EPOCH, the commit's: the edition
plugin), so each <lastmod> in sitemap.xml said that every page changed with every commit,
and a search engine learnt to ignore them. Here a page's sources are its Markdown file and the
data files that its markers render (pages.MARKERS); the brief's page renders the whole apparatus,
so its sources are the brief and every data file its marks, notes, links and Cite controls come
from. Its date is the committer date, as a UTC day like the build date, of the last commit that
touched one of them (`git log -1 --format=%ct -- <sources>`). Outside a git checkout, or for a page
no commit has touched yet, there is no such date and the page keeps MkDocs' build date.

`edition postbuild` (edition.postbuild, step sitemap) writes these dates into the built sitemap.xml,
whichever engine wrote it, and stamps sitemap.xml.gz with the newest of them: both stay
byte-identical from build to build of one commit.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from edition.pages import ANY_MARKER_RE

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


def last_changed(root: Path, paths: list[str]) -> str | None:
    """The UTC day (YYYY-MM-DD) of the last commit that changed any of `paths`, or None outside git
    or when no commit has touched them."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", *paths], cwd=root,
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    if not out.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(out), datetime.timezone.utc).strftime("%Y-%m-%d")
