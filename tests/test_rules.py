"""Each kind of mark keeps its rule (data/interventions.yml `rule`, scripts/edition/rules.py): a mark
that misclassifies a change stops the load, and so the build, naming the mark, its line in the
Markdown and its line in the source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import edition
from edition.errors import DataError, NotationError
from sitetools import ROOT, build_site, copy_project, load_error


def broken(tmp_path: Path, old: str, new: str) -> str:
    """Load a copy of the project whose brief has `old` replaced by `new`; the error's message."""
    return load_error(tmp_path, "docs/brief.md", (old, new), error=NotationError)


def line_of(needle: str) -> int:
    text = (ROOT / "docs" / "brief.md").read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(needle)) + 1


def test_the_real_edition_keeps_every_rule():
    ed = edition.load(ROOT)
    assert {k.rule for k in ed.kinds.values()} == {"", "line-end", "slip", "short", "furniture", "zone", "heading",
                                                     "paragraph", "page"}
    assert [z.id for z in ed.zones] == ["pull-quote-1", "pull-quote-2", "pull-quote-3"]


def test_an_authors_word_deleted_as_furniture(tmp_path):
    message = broken(tmp_path, "does not significantly threaten",
                     "does {--not--}{>>furniture: page number<<} significantly threaten")
    assert message.startswith(f"docs/brief.md:{line_of('does not significantly threaten')}: the furniture "
                              "mark “not” (source line ")
    assert "breaks the rule of its kind (furniture): “not” is not page furniture" in message


def test_a_page_number_deleted_where_the_source_has_none(tmp_path):
    message = broken(tmp_path, "In theory,\nthe{>>move", "In theory,\n{--3--}{>>furniture: page number<<} the{>>move")
    assert "(furniture)" in message and "page furniture stands alone on its line of the source" in message


def test_an_invented_restoration_outside_the_damaged_zones(tmp_path):
    message = broken(tmp_path, "Russia’s main foreign policy aims",
                     "{++Japan’s++}{>>restored from #place-1: test<<} Russia’s main foreign policy aims")
    assert re.search(r"the restored mark “Japan’s” \(source line 72–74\) breaks the rule of its kind "
                     r"\(zone\): the source words after it \(line 74\) are outside the damaged zone "
                     r"'pull-quote-1' \(lines 64–72\)", message), message


def test_a_gap_far_from_any_zone(tmp_path):
    message = broken(tmp_path, "Two main factors limit", "{++lost++}{>>gap: test<<} Two main factors limit")
    assert "(zone): it stands outside every damaged zone (data/damaged-zones.yml)" in message


def test_a_rejoined_mark_that_changes_a_word(tmp_path):
    message = broken(tmp_path, "{~~semiisolation~>semi-isolation~~}", "{~~semiisolation~>semi-insulation~~}")
    assert "(line-end): a rejoined word may differ from the source only by hyphens and line breaks" in message


def test_a_rejoined_mark_that_takes_out_a_space_the_source_has_mid_line(tmp_path):
    message = broken(tmp_path, "{~~commandand-control~>command-and-control~~}",
                     "{~~commandand- control~>command-and-control~~}")
    assert "(line-end): the source reading has a space where the source has no line end" in message


def test_a_correction_longer_than_a_slip(tmp_path):
    # the emendation policy's rule for `corrected` (more of it: tests/test_slips.py)
    message = broken(tmp_path, "{~~need~>needed~~}", "{~~need~>needed as any reader knows~~}")
    assert "(slip): a correction changes one word only" in message


def test_words_supplied_in_a_body_paragraph(tmp_path):
    message = broken(tmp_path, "Two main factors limit",
                     "{++Indeed,++}{>>supplied: test<<} Two main factors limit")
    assert "(heading): words are supplied only in a heading or in the title block" in message


def test_a_kind_without_a_rule_and_a_zone_outside_the_source(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    kinds = project / "data" / "interventions.yml"
    kinds.write_text(kinds.read_text(encoding="utf-8").replace("    rule: slip\n", "", 1), encoding="utf-8")
    with pytest.raises(NotationError, match=r"data/interventions\.yml: kind 'corrected': a kind that changes "
                                            r"words needs a `rule`, one of line-end, short, slip"):
        edition.load(project)
    project = copy_project(ROOT, tmp_path / "project2")
    zones = project / "data" / "damaged-zones.yml"
    zones.write_text(zones.read_text(encoding="utf-8").replace("[242, 259]", "[242, 999]"), encoding="utf-8")
    with pytest.raises(DataError, match=r"data/damaged-zones\.yml: zone 'pull-quote-3': lines must be "
                                        r"\[first, last\], 1 ≤ first ≤ last ≤ 413"):
        edition.load(project)


def test_a_broken_rule_stops_the_build(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    brief = project / "docs" / "brief.md"
    brief.write_text(brief.read_text(encoding="utf-8").replace(
        "does not significantly", "does {--not--}{>>furniture: page number<<} significantly"), encoding="utf-8")
    result = build_site(project, tmp_path / "site", check=False)
    assert result.returncode != 0
    assert "breaks the rule of its kind (furniture)" in result.stdout + result.stderr


def test_a_rejoined_mark_that_names_the_wrong_case(tmp_path):
    # the reason names one of the two cases the kind defines, and the source decides which
    old = "{~~semiisolation~>semi-isolation~~}{>>rejoined: hyphen put back<<}"
    message = broken(tmp_path, old, old.replace("hyphen put back", "line break taken out"))
    assert ("(line-end): its reason must name its case, “hyphen put back” (the kind's description says "
            "what each means), not “line break taken out”") in message
