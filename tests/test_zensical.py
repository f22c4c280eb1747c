"""The same edition under Zensical, Material's successor: `zensical build` (pinned in
requirements-dev.txt) and `edition postbuild site` give the brief and every data page with the same
marks, ids, text, footnotes and glossary terms as the MkDocs build, the same head metadata, a
Content-Security-Policy on every page, the same downloads and Cite data, and the proof passes on it.

What differs, by design: the theme variant (Zensical's own "modern" look of the same markup), the
search (Zensical's search.json, not Material's worker, so no lazy search), and the site's own
stylesheets, which Zensical links (the inlining is the MkDocs plugin's)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition import csp
from edition.extension import cite_panels
from sitetools import ROOT, copy_project

PAGES = ["", "brief/", "timeline/", "references/", "glossary/", "about-this-edition/", "source-view/",
         "changes/", "how-to-cite/", "urls/"]
SITE_URL = "https://example.github.io/japan-russia-view-from-moscow/"
# The head's metadata both engines must give alike (the CSP's hashes differ with the inline scripts
# each theme writes; generator names the engine).
HEAD_RE = re.compile(r"^(og:|article:|citation_|DC\.|twitter:|description$)")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> tuple[Path, str]:
    """The project built by Zensical, then finished by `edition postbuild`: its folder and the
    postbuild's output."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("zensical") / "project")
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "SITE_URL": SITE_URL,
           "HOME": str(project), "NO_COLOR": "1"}
    built = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    site = project / "site"
    post = subprocess.run([sys.executable, "-m", "edition.cli", "--root", str(project), "postbuild", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert post.returncode == 0, post.stdout + post.stderr
    return site, post.stdout


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, page: str):
    found = soup(site, page).select_one("article.md-content__inner")
    assert found is not None, f"{site}/{page}: no article"
    return found


def words(el) -> str:
    return " ".join(el.get_text(" ").split())


def head(site: Path, page: str) -> dict:
    out: dict = {}
    for meta in soup(site, page).select("head meta"):
        key = meta.get("property") or meta.get("name") or ""
        if HEAD_RE.match(key):
            out.setdefault(key, []).append(meta.get("content"))
    return out


@pytest.mark.parametrize("page", PAGES)
def test_each_page_has_the_same_edition(zensical_site, built_site, page):
    ours, theirs = article(built_site, page), article(zensical_site[0], page)
    ids = [[e["id"] for e in el.select("[id]") if not e["id"].startswith("__")] for el in (ours, theirs)]
    assert ids[1] == ids[0], page  # (ids starting "__" are the theme's own: Zensical's __skip)
    for selector in (".ed", ".ed-anchor", ".ed-page", ".ed-moved", ".footnote li", ".tl-event", ".ref-entry",
                     ".gl-entry", ".apparatus tbody tr", ".xl-note", ".ed-tools", ".url-registry__page",
                     ".ed-cite-example", ".sv-line"):
        assert [words(e) for e in theirs.select(selector)] == [words(e) for e in ours.select(selector)], \
            (page, selector)
    assert [(a.get("title"), a.get_text()) for a in theirs.select("abbr")] == \
        [(a.get("title"), a.get_text()) for a in ours.select("abbr")], page
    assert [(e.get("aria-label"), e.get("data-note")) for e in theirs.select(".ed")] == \
        [(e.get("aria-label"), e.get("data-note")) for e in ours.select(".ed")], page
    # the text: the theme's own bits (permalink signs, its copy buttons) aside
    for el in (ours, theirs):
        for extra in el.select(".headerlink, .md-clipboard, .md-content__button"):
            extra.decompose()
    assert words(theirs) == words(ours), page


@pytest.mark.parametrize("page", PAGES)
def test_each_page_has_the_same_head_metadata_and_a_policy(zensical_site, built_site, page):
    site = zensical_site[0]
    assert head(site, page) == head(built_site, page), page
    ld = [json.loads(s.string) for s in soup(site, page).select('script[type="application/ld+json"]')]
    assert ld == [json.loads(s.string) for s in soup(built_site, page).select('script[type="application/ld+json"]')]
    html = (site / page / "index.html").read_text(encoding="utf-8")
    assert csp.check_page(html, page) == []
    if page == "brief/":
        assert ld and head(site, page)["citation_title"]


def test_the_downloads_card_and_cite_data_are_the_same(zensical_site, built_site):
    site, out = zensical_site
    for name in ("references.bib", "references.json", "assets/images/og-card.png"):
        assert (site / name).read_bytes() == (built_site / name).read_bytes(), name
    ours, theirs = [(s / "brief" / "index.html").read_text(encoding="utf-8") for s in (built_site, site)]
    assert re.search(r'<template class="ed-cite-data" data-src="cite-data\.[0-9a-f]{8}\.json">', theirs)
    panels = cite_panels(theirs, site / "brief")
    assert len(panels) > 40 and panels == cite_panels(ours, built_site / "brief")
    assert "sitemap: " in out  # dated from git where there is one (a copy has none: tests/test_plugin.py)


def test_the_proof_ran_on_zensical_s_output_and_read_its_search_index(zensical_site):
    site, out = zensical_site
    assert (site / "search.json").is_file() and not (site / "search").exists()
    assert "proof: the built brief is faithful to the source" in out
    assert re.search(r"csp: 11 pages", out)
    assert not (site / "hooks").exists() and not list(site.rglob("*.py")), "nothing executable published"
