"""One emendation policy, stated once on "About this edition" ("The method"), after the MLA
Committee on Scholarly Editions' guidelines: a clear reading text in which only evident
typographical slips are corrected, each with its source reading recorded at its place. The author's
errors of fact and the wording of quotations stay as printed, with an editors' note.

The build holds every `corrected` mark to the policy's definition (the rule `slip`,
edition.rules.slip_problem): one word changed, by its spelling, an inflectional ending or a hyphen
in a compound; never a digit, a mark of punctuation or a word inside a quotation. Each fault below
stops the load of a mutated copy of the project, naming the line and the reason.
"""

from __future__ import annotations

import re

import pytest

import edition
from edition.errors import NotationError
from sitetools import ROOT, load_error

ED = edition.load(ROOT)

# (block, the source's reading, the edition's reading): every slip the edition corrects.
SLIPS = [
    ("summary-2", "idealogical", "ideological"),  # spelling; the brief spells it right in policy-4
    ("trump-1", "need", "needed"),  # ending
    ("trump-2", "look", "looks"),  # ending: “the multilateral context … look likely”
    ("trump-4", "look", "looks"),  # ending: “hope in Tokyo … look likely”
    ("author-1", "Brady Johnson", "Brady-Johnson"),  # hyphen of a compound name
    ("fn:3", "Foriegn", "Foreign"),  # spelling
]

# (block, the words kept as printed, a word of the editors' note beside them): the author's errors
# and the wording of quotations, which the policy keeps.
KEPT = [
    ("place-2", "in the economy, and in politics", "comma after “economy” is kept as printed"),  # quoted
    ("fn:2", "November 12, 2014", "kept as printed"),  # the Reuters report is of 2015
    ("trump-1", "with Abe in Tokyo", "Yamaguchi"),  # the delay was in Yamaguchi Prefecture
    ("place-5", "fourth among priority partners", "fifth"),  # four partners are named before Japan
]


@pytest.mark.parametrize(("block", "source", "reading"), SLIPS, ids=[f"{b}:{s}" for b, s, _ in SLIPS])
def test_each_slip_is_corrected_with_a_record_at_its_place(block, source, reading):
    marks = [iv for iv in ED.doc.interventions if iv.block == block and iv.source == source]
    assert marks, f"the slip “{source}” in #{block} has no mark: it is kept without a word"
    assert [(iv.kind, iv.edition) for iv in marks] == [("corrected", reading)], marks
    assert marks[0].reason.strip(), f"the correction of “{source}” in #{block} gives no reason"


def test_the_policy_is_applied_to_every_slip_and_only_one_way():
    corrected = sorted((iv.block, iv.source, iv.edition) for iv in ED.doc.interventions
                       if iv.kind == "corrected")
    assert corrected == sorted(SLIPS), "a correction not listed as a slip, or a slip not corrected"
    assert [iv.line for iv in ED.doc.interventions if iv.kind == "sic"] == [], \
        "a slip kept with [sic], against the stated policy"


@pytest.mark.parametrize(("block", "printed", "noted"), KEPT, ids=[b for b, _, _ in KEPT])
def test_the_authors_errors_and_quotations_stay_as_printed_with_a_note(block, printed, noted):
    from edition import notation

    start, end = next((a, b) for a, b, bid in notation.block_ids(ED.doc.text) if bid == block)
    reading = " ".join(notation.reading_text(ED.doc.text[start:end]).split())
    assert printed in reading, f"#{block} no longer reads “{printed}” as printed"
    notes = [iv.reason for iv in ED.doc.interventions if iv.block == block and iv.kind == "note"]
    assert any(noted in n for n in notes), (block, notes)


def test_the_policy_is_stated_once_on_about_with_its_standard_and_examples():
    about = (ROOT / "docs" / "about-this-edition.md").read_text(encoding="utf-8")
    method = " ".join(about.split("## The method", 1)[1].split("\n## ", 1)[0].split())
    assert "Committee on Scholarly Editions" in method
    assert "**Emendation.**" in method
    for _, source, reading in SLIPS:
        assert f"“{source}” to “{reading}”" in method or source in ("look", "need", "Foriegn"), source
    assert "2014" in method and "comma" in method and "fourth" in method
    assert about.count("**Emendation.**") == 1


# Corrections the policy refuses: each mutates a copy of the brief, and the load stops naming the
# line, the mark and why. The first four are the edition's own former corrections.
REFUSED = [
    ("a number", "Reuters, November 12, 2014{>>note:",
     "Reuters, November 12, {~~2014~>2015~~}{>>corrected: the year<<}{>>note:",
     r"the corrected mark “2015” .* breaks the rule of its kind \(slip\): “2014” has a digit"),
    ("a quotation's punctuation", "in the economy, and in",
     "in the {~~economy,~>economy~~}{>>corrected: the comma<<} and in",
     r"the corrected mark “economy” .* \(slip\): it stands inside a quotation"),
    ("a mark of punctuation", "2016 was no different.", "2016 was no {~~different.~>different;~~}{>>corrected: x<<}",
     r"the corrected mark “different;” .* \(slip\): “different.” has a mark of punctuation"),
    ("a word inside a quotation", "role in the world, in",
     "role in the {~~world~>worlds~~}{>>corrected: an ending<<}, in",
     r"the corrected mark “worlds” .* \(slip\): it stands inside a quotation"),
    ("another word", "fourth among priority", "{~~fourth~>fifth~~}{>>corrected: the count<<} among priority",
     r"the corrected mark “fifth” .* \(slip\): “fourth” → “fifth” is neither a spelling slip"),
    ("two words", "Abe in Tokyo in December", "Abe {~~in Tokyo~>at Nagato~~}{>>corrected: the place<<} in December",
     r"the corrected mark “at Nagato” .* \(slip\): a correction changes one word only"),
]


@pytest.mark.parametrize(("old", "new", "message"), [(o, n, m) for _, o, n, m in REFUSED],
                         ids=[name for name, *_ in REFUSED])
def test_a_correction_beyond_a_typographical_slip_stops_the_build(tmp_path, old, new, message):
    error = load_error(tmp_path, "docs/brief.md", (old, new), error=NotationError)
    assert error.startswith("docs/brief.md:"), error
    assert re.search(message, error), error
