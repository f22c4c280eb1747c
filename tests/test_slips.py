"""Every slip of the original is treated by the one policy stated on "About this edition".

The policy (docs/about-this-edition.md, "The method"): each slip is corrected, with its source
reading and reason recorded at its place; none is kept as printed with [sic]. The slips are listed
here by their place and their text, and each must be a `corrected` mark at that place of the parsed
brief, reading as the list says.
"""

from __future__ import annotations

import pytest

import edition
from sitetools import ROOT

ED = edition.load(ROOT)

# (block, the source's reading, the edition's reading): every slip of the brief.
SLIPS = [
    ("summary-2", "idealogical", "ideological"),
    ("place-2", "economy,", "economy"),  # the Valdai quotation: “in the economy and in politics”
    ("trump-1", "need", "needed"),
    ("trump-2", "look", "looks"),  # “the multilateral context … look likely”
    ("trump-4", "look", "looks"),  # “hope in Tokyo … look likely”
    ("author-1", "Brady Johnson", "Brady-Johnson"),
    ("fn:2", "2014", "2015"),  # the date of the Reuters report
    ("fn:3", "Foriegn", "Foreign"),
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


def test_the_policy_is_stated_on_about():
    about = (ROOT / "docs" / "about-this-edition.md").read_text(encoding="utf-8")
    method = about.split("## The method", 1)[1].split("\n## ", 1)[0]
    assert "**Slips of the original** are all treated one way: each is corrected" in method
    assert "kept as printed or corrected" not in method and "corrected or kept" not in method
