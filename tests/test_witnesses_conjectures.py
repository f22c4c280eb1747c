"""The edition names its witnesses for what was seen and keeps its conjectures minimal.

Two copies of GMF's web text were seen, and only of its opening: the syndicated copy at
research.uaposition.com (no date shown) and the author's repost at christophermiller.net (June 29,
2017). Each `witness` note names the copy that reads so, never GMF's page, which was not seen. Each
conjecture is measured against the lines of its own zone (tests/test_source_view.py), and no editors'
text (a note or reason of the brief, a text of the data files) quotes a conjecture's words as the
author's: the load, and so the build, stops naming the file, the entry, the mark and the words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import edition
from edition.errors import NotationError
from sitetools import ROOT, copy_project

def page(built_site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / name / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_web_witness_is_recorded_where_it_confirms_or_contradicts(built_site):
    ed = edition.load(ROOT)
    assert ed.kinds["witness"].mark == "note" and ed.kinds["witness"].label == "Web witness"
    notes = [iv for iv in ed.doc.interventions if iv.kind == "witness"]
    by_block = {}
    for iv in notes:
        by_block.setdefault(iv.block, []).append(iv.reason)
    # the three readings: no heading, the break after "several years.", "its relation"; and the
    # break the repost contradicted (it runs #introduction-2 on with "Nor does …"); each names the
    # copy seen, with its address and date, and none claims what GMF's own page reads
    assert any("both open the text without a heading" in r for r in by_block["introduction-1"])
    assert any("both end the paragraph here" in r for r in by_block["introduction-1"])
    assert any("both read “its relation with Japan”" in r for r in by_block["introduction-2"])
    assert any("runs on here, “Nor does" in r for r in by_block["introduction-2"])
    assert ed.id_redirects["brief.md"]["introduction-3"] == "introduction-2"
    for r in by_block["introduction-1"] + by_block["introduction-2"]:
        assert "the author’s repost at christophermiller.net (June 29, 2017)" in r, r
        assert "GMF’s web text" not in r and "confirms" not in r and "April 3" not in r, r
    syndicated = [r for r in by_block["introduction-1"] + by_block["introduction-2"] if "syndicated" in r]
    assert all("the syndicated copy at research.uaposition.com (no date shown)" in r
               or "the syndicated copy breaks off" in r for r in syndicated)
    # version history stays in the changelog
    assert not any(re.search(r"[Ee]dition 1\.\d|since 1\.\d", iv.reason) for iv in ed.doc.interventions)
    # what the reader gets: each is a note on the page, labelled, at its paragraph
    brief = page(built_site, "brief")
    for pid, count in (("introduction-1", 2), ("introduction-2", 3)):
        shown = [n["aria-label"] for n in brief.find(id=pid).select(".ed-note")]
        assert len([n for n in shown if n.startswith("Web witness. ")]) == count, (pid, shown)
    assert "ed." not in brief.find(id="introduction").get_text()  # no note in the heading (or the toc)


def test_about_names_both_witnesses_with_their_dates(built_site):
    about = page(built_site, "about-this-edition")
    heading = about.find(id="the-source")
    assert heading.get_text().rstrip("¶") == "The witnesses"
    section = []
    for el in heading.find_next_siblings():
        if el.name == "h2":
            break
        section.append(" ".join(el.get_text(" ").split()))
    text = " ".join(section)
    for needed in ("The PDF, as extracted (April 2017)", "GMF's web publication",
                   "gmfus.org/news/japan-russia-relations-view-moscow", "was not seen",
                   "research.uaposition.com/the-german-marshall-fund-of-the-united-states-usa/japan-russia-relations-the-view-from-moscow/",
                   "christophermiller.net/news/2017/6/29/japan-russia-relations", "June 29, 2017",
                   "its relation with Japan", "several years."):
        assert needed in text, needed
    assert "confirm" not in text, "About says a copy confirms what only the copies seen can show"
    # the metadata follow the evidence: the brief (the PDF) is dated by month
    work = yaml.safe_load((ROOT / "data" / "citation.yml").read_text(encoding="utf-8"))["work"]
    assert (work["year"], work["month"], work.get("day")) == (2017, 4, None)


def test_the_conjecture_notes_give_reasons_once_and_figures_from_the_zones():
    ed = edition.load(ROOT)
    conjectures = [iv for iv in ed.doc.interventions if iv.kind == "conjecture"]
    assert [iv.edition for iv in conjectures] == ["arisen not from interest", "the imbalance will",
                                                   "logic is understood by"]
    for iv in conjectures:
        # the kind's definition (the brief does not repeat the words) is stated once, in the kinds
        assert "does not repeat" not in iv.reason and "about 25 characters" not in iv.reason, iv.id
        assert iv.reason.count("Lost: ") == 1 and "characters" in iv.reason, iv.id
    # #place-2: the other reading its zone allows, with "Russia’s" as a word of the body
    assert "“Russia’s” (line 65)" in conjectures[0].reason and "a word of the body" in conjectures[0].reason


def load_with(tmp_path: Path, file: str, old: str, new: str) -> str:
    """Load a copy of the project with `old` replaced by `new` in `file`; the error's message."""
    project = copy_project(ROOT, tmp_path / "project")
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(NotationError) as exc:
        edition.load(project)
    return str(exc.value)


CROSSLINK_NOTE = ("note: The brief names none of the “previous Asian ‘pivots’”. This paragraph describes the "
                  "current turn,")


def test_a_crosslink_note_quoting_a_conjecture_stops_the_load(tmp_path):
    message = load_with(tmp_path, "data/crosslinks.yml", CROSSLINK_NOTE,
                        CROSSLINK_NOTE + " which has “arisen not from interest in Asia per se”,")
    assert message.startswith("data/crosslinks.yml: link 'policy-4 → place-2': its note quotes “arisen not from”, "
                              "words of the conjecture ed-place-2-3 (⟨arisen not from interest⟩"), message


def test_a_glossary_definition_quoting_a_conjecture_stops_the_load(tmp_path):
    old = "focused on the West”, and calls"
    message = load_with(tmp_path, "data/glossary.yml", old,
                        "focused on the West”; in theory the “logic is understood by most Russian analysts”, and calls")
    assert message.startswith("data/glossary.yml: term 'pivot-to-asia': its definition quotes “logic is understood”, "
                              "words of the conjecture ed-security-2-4 (⟨logic is understood by⟩"), message


def test_an_editors_note_quoting_a_conjecture_stops_the_load(tmp_path):
    old = "the brief’s wording is kept as printed<<}"
    message = load_with(tmp_path, "docs/brief.md", old,
                        "the brief’s wording is kept as printed, and the imbalance will grow<<}")
    assert re.match(r"docs/brief\.md:\d+: the editors' note ed-place-5-2 quotes “the imbalance will”, words of the "
                    r"conjecture ed-security-2-2 \(⟨the imbalance will⟩", message), message


def test_a_conjecture_marked_as_the_editors_may_be_quoted(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    path = project / "data" / "crosslinks.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(CROSSLINK_NOTE, CROSSLINK_NOTE + " which the editors bridge with "
                                 "⟨arisen not from interest⟩,"), encoding="utf-8")
    ed = edition.load(project)
    assert any("⟨arisen not from interest⟩" in c.note for c in ed.crosslinks)
