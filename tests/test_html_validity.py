"""Valid HTML, and names that are the visible text: the Nu HTML checker on every built page, and no
focusable element or tooltip inside a heading or a link of the brief."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitetools import ROOT

VNU = ROOT / "tests" / "js" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material 9.8's own markup: its palette toggles are <input type="radio"> with autocomplete="off"
# (for Firefox's form restoration), which the specification allows only on text-like inputs.
MATERIAL_OWN = "Attribute “autocomplete” is only allowed when the input type is"


# The checker is one short run of Java: compiled by the quick compiler only (C1), it takes half the
# CPU time, with the same messages; that compiler's frames need a deeper stack than Java's default.
JAVA = ["java", "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def html_errors(*sites: Path) -> dict[Path, list[str]]:
    """The Nu HTML checker's errors on every page of each of `sites` (one run of the checker for
    all), Material's own left out, each named by page and line."""
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run scripts/install-test-tools (scripts/test does)")
    result = subprocess.run([*JAVA, "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             *map(str, sites)], capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors: dict[Path, list[str]] = {site: [] for site in sites}
    for m in messages:
        if m["type"] != "error" or m["message"].startswith(MATERIAL_OWN):
            continue
        page = Path(m["url"].removeprefix("file:"))
        site = next(site for site in sites if page.is_relative_to(site))
        errors[site].append(f"{page.relative_to(site)}:{m.get('lastLine', '?')}: {m['message']}")
    return errors


@pytest.fixture(scope="module")
def checked(built_site, tmp_path_factory):
    """The checker's errors on the built site and on a site of one page, a copy of one of its pages
    made invalid (the checker's own test), from one run of the checker: Java starts once."""
    site = tmp_path_factory.mktemp("invalid")
    page = site / "glossary" / "index.html"
    page.parent.mkdir()
    page.write_text((built_site / "glossary" / "index.html").read_text(encoding="utf-8").replace(
        "<article", '<a href="#x"><span tabindex="0">x</span></a><article', 1), encoding="utf-8")
    errors = html_errors(built_site, site)
    return errors[built_site], errors[site]


def test_every_built_page_is_valid_html(checked):
    assert checked[0] == []


def test_the_checker_names_an_invalid_page(checked):
    errors = checked[1]
    assert len(errors) == 1 and errors[0].startswith("glossary/index.html:")
    assert "“tabindex” must not appear as a descendant of the “a” element" in errors[0]


@pytest.fixture(scope="module")
def article(built_site):
    page = BeautifulSoup((built_site / "brief" / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page.select_one("article")


def test_no_focusable_note_or_tooltip_in_a_heading_or_link(article):
    holders = article.select("h1, h2, h3, h4, h5, h6, a")
    assert holders
    for holder in holders:
        assert not holder.select("[tabindex], [role], abbr"), holder
    # the marks they hold keep their notes as descriptions, beside them
    described = article.select("[aria-describedby]")
    assert sum(len(h["aria-describedby"].split()) for h in described) == 11  # 2 in headings, 9 in links
    for holder in described:
        for ref in holder["aria-describedby"].split():
            note = article.find(id=ref)
            assert note is not None and note.has_attr("hidden") and note.get_text(strip=True), ref


def test_headings_and_links_are_named_by_their_visible_text(article):
    summary = article.find("h2", id="summary")
    assert summary.get_text().rstrip("¶") == "[Summary]" and not summary.select("[aria-label]")
    for link in article.select("div.footnote a[href^='http']"):
        assert not link.select("[aria-label]"), link
        assert link.get_text() == link["href"]
