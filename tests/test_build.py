"""The built site holds the whole brief, cleanly: structure, notes, pull-quotes, apparatus."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import edition
from edition import htmlread, notation
from sitetools import ROOT, build_site, copy_project
SECTIONS = ["summary", "introduction", "japans-place-in-russian-foreign-policy", "the-economic-agenda",
            "the-security-agenda", "the-trump-factor", "policy-recommendations", "about-the-author",
            "about-gmf"]


@pytest.fixture(scope="module")
def brief(built_site) -> BeautifulSoup:
    return BeautifulSoup((built_site / "brief" / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def apparatus(built_site) -> BeautifulSoup:
    return BeautifulSoup((built_site / "about-this-edition" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def article(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


def author_text(soup: BeautifulSoup, *drop: str) -> str:
    """The brief's own text on the page: the editors' link notes and `drop` selectors removed."""
    body = BeautifulSoup(str(article(soup)), "html.parser")
    for el in body.select(", ".join(("[data-editorial]", ".xl-note", ".xl-fn") + drop)):
        el.decompose()
    return body.get_text()


def test_config_is_strict_with_link_and_anchor_validation():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^strict: true$", text, re.M)
    validation = re.search(r"^validation:\n((?:  .*\n)+)", text, re.M).group(1)
    assert yaml.safe_load(validation) == {"omitted_files": "warn", "absolute_links": "warn",
                                          "unrecognized_links": "warn", "anchors": "warn"}
    assert re.search(r"^site_url: &site_url !ENV \[SITE_URL, ", text, re.M)


def test_title_block(brief):
    h1 = article(brief).find("h1")
    assert h1["id"] == "title"
    assert h1.get_text(" ", strip=True).startswith("Japan–Russia Relations: The View from Moscow")
    assert h1.select_one(".subtitle").get_text() == "The View from Moscow"
    assert brief.select_one("#byline").get_text(strip=True) == "By Chris Miller"
    imprint = brief.select_one("#imprint").get_text(" ", strip=True)
    for part in ("Policy Brief", "The German Marshall Fund of the United States", "April 2017"):
        assert part in imprint


def test_every_section_has_its_permanent_id(brief):
    ids = [h["id"] for h in article(brief).find_all("h2")]
    assert ids == SECTIONS


def test_every_paragraph_of_the_brief_has_an_id(brief):
    body = article(brief)
    paragraphs = [p for p in body.find_all("p", recursive=False)]
    missing = [p.get_text()[:60] for p in paragraphs if not p.get("id")]
    assert not missing, f"paragraphs without an id: {missing}"
    ids = [p["id"] for p in paragraphs]
    assert len(ids) == len(set(ids))
    assert {"summary-1", "security-3", "policy-7", "gmf-1"} <= set(ids)


def test_seven_footnotes_with_working_back_links(brief):
    notes = brief.select("div.footnote li[id^='fn:']")
    assert [li["id"] for li in notes] == [f"fn:{n}" for n in range(1, 8)]
    for n in range(1, 8):
        ref = brief.select_one(f"sup[id='fnref:{n}'] a")
        assert ref["href"] == f"#fn:{n}"
        back = brief.select_one(f"li[id='fn:{n}'] a.footnote-backref")
        assert back["href"] == f"#fnref:{n}"
    urls = [a["href"] for a in brief.select("div.footnote a[href^='http']")]
    assert "http://www.gmfus.org/publications/us-russian-relations-next-presidency" in urls
    assert len(urls) == 7


def test_three_pull_quotes_set_apart(brief):
    quotes = brief.select("aside.pull-quote")
    assert [q["id"] for q in quotes] == ["pull-quote-1", "pull-quote-2", "pull-quote-3"]
    text = " ".join(quotes[2].get_text().split())
    assert text == ("“Improving Russia–U.S. ties would reduce the Kremlin’s belief that it must hedge "
                    "against the American threat.”")
    assert "of Tokyo’s defense build up" in quotes[1].get_text(" ")
    assert quotes[1].select_one(".ed-restored")


def test_sentences_cut_by_page_breaks_are_whole(brief):
    text = " ".join(author_text(brief).split())
    for sentence in ("While Russian leaders regularly attend summits in the West",
                     "as the “collector of Russian lands,” especially after the annexation of Crimea",
                     "the domestic political cloud that hangs over Trump’s ties to Moscow",
                     "In that context, Russia sees Japanese military spending today less as an opportunity "
                     "than as a potential threat."):
        assert sentence in text


def test_page_furniture_is_gone_from_the_reading_text(brief):
    text = author_text(brief, "sup[id^='fnref:']", "div.footnote")  # note numbers are not page numbers
    assert "G|M|F" not in text
    assert not re.search(r"^\s*[356]\s*$", text, re.M), "a page number survived"
    assert text.count("April 2017") == 1  # in the title block only


CRITIC_DELIMITERS = ("{~~", "{++", "{--", "{==", "{>>", "<<}")


def raw_criticmarkup(html: str) -> list[str]:
    """Each CriticMarkup delimiter a reader could meet on the page, with its text: in a text node
    (edition.htmlread: scripts' and styles' code aside, where `{--` opens a CSS custom property)
    or an attribute's value (a tooltip, a label)."""
    root = htmlread.page(html)
    texts = [text for text, _ in htmlread.text_nodes(root)]
    texts += [value for el in htmlread.elements(root) for value in el.attrib.values()]
    return [f"{delim} in {' '.join(text.split())[:80]!r}" for text in texts for delim in CRITIC_DELIMITERS
            if delim in text]


def test_no_raw_criticmarkup_reaches_the_page(built_site):
    for page in built_site.rglob("*.html"):
        found = raw_criticmarkup(page.read_text(encoding="utf-8"))
        assert not found, f"{page}: raw CriticMarkup: {found}"


@pytest.mark.parametrize("html, found", [
    ("<p>The {--old--} words</p>", ["{-- in 'The {--old--} words'"]),
    ('<p><abbr title="a {~~b~>c~~}">x</abbr></p>', ["{~~ in 'a {~~b~>c~~}'"]),
    ("<style>:root{--ed-mark:#5c4a00}</style><p>Clean {text}</p><!-- {== a comment ==} -->", []),
])
def test_the_criticmarkup_check_reads_what_a_reader_meets(html, found):
    assert raw_criticmarkup(html) == found


def test_marks_tell_what_the_source_had(brief):
    mark = brief.select_one(".ed-rejoined#ed-place-5-1")
    assert mark.get_text() == "command-and-control"
    assert mark["tabindex"] == "0"
    # the note once, as the mark's name: the marked words, then the note (no second copy)
    assert mark["aria-label"].startswith("command-and-control: Rejoined")
    assert "The source reads “commandand-control”" in mark["aria-label"] and not mark.has_attr("data-note")
    conjecture = brief.select(".ed-conjecture")
    assert len(conjecture) == 3 and all("Editors’ conjecture" in c["aria-label"] for c in conjecture)


def test_apparatus_lists_every_intervention_from_the_same_notation(brief, apparatus):
    doc = edition.load(ROOT).doc
    rows = apparatus.select(".apparatus table tbody tr")
    recorded = [iv for iv in doc.interventions if iv.form != "destination"]  # a move is one row
    assert len(rows) == len(recorded) > 40
    for row, iv in zip(rows, recorded):
        link = row.find_all("td")[1].find("a")
        assert link["href"] == f"../brief/#{iv.id}"
        assert brief.find(id=iv.id) is not None, f"{iv.id} is not on the brief's page"
    sub = next(r for r in rows if "commandand-control" in r.get_text())
    cells = [td.get_text(strip=True) for td in sub.find_all("td")]
    assert cells[2:5] == ["Rejoined", "“commandand-control”", "“command-and-control”"]
    assert apparatus.select_one("dt#kind-conjecture")


def _project_copy(tmp_path: Path) -> Path:
    return copy_project(ROOT, tmp_path / "project")


def _build(project: Path) -> subprocess.CompletedProcess:
    return build_site(project, project / "site", check=False)


def test_a_malformed_mark_stops_the_build_naming_file_and_line(tmp_path):
    project = _project_copy(tmp_path)
    brief = project / "docs" / "brief.md"
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("{>>corrected: a slip;", "{>>fixed: a slip;", 1), encoding="utf-8")
    result = _build(project)
    assert result.returncode != 0
    line = notation.line_of(text, text.index("{~~need~>"))
    assert f"docs/brief.md:{line}: unknown kind 'fixed'" in result.stderr + result.stdout


def test_an_unknown_marker_stops_the_build(tmp_path):
    project = _project_copy(tmp_path)
    page = project / "docs" / "about-this-edition.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- md:apparatuss -->\n", encoding="utf-8")
    result = _build(project)
    assert result.returncode != 0
    assert re.search(r"docs/about-this-edition\.md:\d+: unknown marker <!-- md:apparatuss -->",
                     result.stderr + result.stdout)


def test_a_link_to_a_missing_anchor_stops_the_build(tmp_path):
    project = _project_copy(tmp_path)
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[x](brief.md#security-99)\n", encoding="utf-8")
    result = _build(project)
    assert result.returncode != 0
    assert "security-99" in result.stderr + result.stdout
