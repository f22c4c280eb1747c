"""The editors' brackets are characters of the page, never drawn by CSS: whoever copies, searches,
prints, cites or listens to the text gets them, so the editors' words never pass for the author's."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

import edition
from sitetools import ROOT, with_cite_panels

BRACKETS = "[]⟨⟩"
STYLESHEETS = sorted((ROOT / "docs" / "assets" / "stylesheets").glob("*.css"))
# The print legend describes the marks; it encloses no words of the text.
LEGEND = "#imprint::after"


def generated_brackets(css: str, where: str) -> list[str]:
    """Every rule whose generated `content` draws a bracket, named by file and selector."""
    problems = []
    for m in re.finditer(r"([^{};]+)\{([^{}]*)\}", css):
        selector, body = " ".join(m.group(1).split()), m.group(2)
        for decl in re.finditer(r"content\s*:\s*([^;]+)", body):
            if LEGEND not in selector and any(b in decl.group(1) for b in BRACKETS):
                problems.append(f"{where}: `{selector}` draws a bracket with content: {decl.group(1).strip()}")
    return problems


@pytest.fixture(scope="module")
def brief(built_site) -> BeautifulSoup:
    return BeautifulSoup((built_site / "brief" / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_bracketed_mark_holds_its_brackets_as_text(brief):
    ed = edition.load(ROOT)
    bracketed = {name: k for name, k in ed.kinds.items() if k.brackets}
    assert set(bracketed) == {"sic", "conjecture", "gap", "supplied"}
    marks = brief.select(", ".join(f"article .ed-{name}" for name in bracketed))
    assert len(marks) == sum(iv.kind in bracketed for iv in ed.doc.interventions) == 7
    for mark in marks:
        kind = bracketed[next(c[3:] for c in mark["class"] if c[3:] in bracketed)]
        text = mark.get_text()
        assert text[0] == kind.open and text[-1] == kind.close, text
        if mark.has_attr("aria-label"):  # what a screen reader says
            assert mark["aria-label"].startswith(text + ":"), mark["aria-label"]
        else:  # in a heading: the heading is named by its text, brackets included; the note describes it
            heading = mark.find_parent(["h1", "h2", "h3", "h4", "h5", "h6"])
            assert f"{mark['id']}-desc" in heading["aria-describedby"].split(), mark["id"]


def test_the_table_of_contents_and_headings_keep_the_brackets(brief):
    toc = [a.get_text(" ", strip=True) for a in brief.select(".md-nav--secondary a.md-nav__link")]
    assert toc[:2] == ["[Summary]", "[Introduction]"]
    heading = brief.find("h2", id="summary")
    assert heading.get_text().rstrip("¶") == "[Summary]"


def test_the_search_index_keeps_the_brackets(built_site):
    docs = json.loads((built_site / "search" / "search_index.full.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].startswith("brief/"))
    # note 2's year stays as printed, with a note (About, "The method"); no [sic] is used
    assert "November 12, 2014" in text and "[sic" not in text
    assert "⟨arisen not from interest⟩" in text
    assert "[rest of pull-quote lost]" in text
    assert any(d["title"] == "[Summary]" for d in docs)


def test_a_citation_of_a_supplied_section_keeps_its_brackets(built_site):
    brief = with_cite_panels(built_site / "brief" / "index.html")
    panel = brief.find(id="summary-2").find_previous_sibling("div", class_="ed-tools")
    cites = panel.select_one(".ed-cite__body").get_text(" ")
    assert "(Miller, 2017, p. [1], [Summary] section, para. 2)" in " ".join(cites.split())


def test_no_stylesheet_draws_a_bracket():
    problems = [p for path in STYLESHEETS for p in generated_brackets(path.read_text(encoding="utf-8"), path.name)]
    assert problems == []


def test_the_stylesheet_check_catches_a_drawn_bracket():
    css = (ROOT / "docs/assets/stylesheets/edition.css").read_text(encoding="utf-8")
    mutated = css + '\n.md-typeset .ed-conjecture::before { content: "⟨"; }\n'
    assert generated_brackets(mutated, "edition.css") == [
        'edition.css: `.md-typeset .ed-conjecture::before` draws a bracket with content: "⟨"']
