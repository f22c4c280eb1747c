"""The fidelity checker passes on the edition and catches every kind of unrecorded change."""

from __future__ import annotations

import re

from edition import cli, notation
from sitetools import BRIEF_PATH, SOURCE_PATH, compare

BRIEF = BRIEF_PATH.read_text(encoding="utf-8")
SOURCE = SOURCE_PATH.read_text(encoding="utf-8")


def line_containing(text: str, needle: str) -> int:
    return notation.line_of(text, text.index(needle))


def test_the_edition_is_faithful():
    assert compare(BRIEF, SOURCE) == []


def test_command_line_passes_on_the_edition(capsys):
    assert cli.main(["--root", str(BRIEF_PATH.parents[1]), "fidelity"]) == 0
    assert "matches the source word for word" in capsys.readouterr().out


def test_a_deleted_word_is_caught_at_its_place():
    mutated = BRIEF.replace("mired in corruption", "mired in", 1)
    problems = compare(mutated, SOURCE)
    assert len(problems) == 1
    line = line_containing(mutated, "business is mired in")
    assert problems[0].startswith(f"docs/brief.md:{line}: unrecorded difference (missing from the edition)")
    assert "source “corruption”" in problems[0]
    assert "source line 142" in problems[0]


def test_a_changed_word_is_caught_at_its_place():
    mutated = BRIEF.replace("worrisome track record", "worrying track record", 1)
    problems = compare(mutated, SOURCE)
    assert len(problems) == 1
    assert problems[0].startswith(f"docs/brief.md:{line_containing(mutated, 'worrying')}: "
                                  "unrecorded difference (changed)")
    assert "source “worrisome”, edition “worrying”" in problems[0]


def test_a_doubled_word_is_caught():
    mutated = BRIEF.replace("little time for Tokyo", "little little time for Tokyo", 1)
    problems = compare(mutated, SOURCE)
    assert len(problems) == 1 and "(added by the edition)" in problems[0]
    assert "edition “little”" in problems[0]


def test_a_moved_sentence_is_caught_at_both_places():
    sentence = "Russian business is mired in corruption and red tape. "
    assert sentence.replace(" ", "\n", 0) in BRIEF.replace("\n", " ")
    flat = re.sub(r"Russian business is mired in corruption\nand red tape\. ", "", BRIEF, count=1)
    assert flat != BRIEF
    mutated = flat.replace("That leaves little time for Tokyo.",
                           "That leaves little time for Tokyo. " + sentence.strip(), 1)
    problems = compare(mutated, SOURCE)
    assert len(problems) == 2
    added = next(p for p in problems if "(added by the edition)" in p)
    missing = next(p for p in problems if "(missing from the edition)" in p)
    assert added.startswith(f"docs/brief.md:{line_containing(mutated, 'Tokyo. Russian business')}:")
    assert "source line 142" in missing


def test_an_intervention_whose_source_reading_is_wrong_is_caught():
    mutated = BRIEF.replace("{~~commandand-control~>", "{~~command-and-control~>", 1)
    problems = compare(mutated, SOURCE)
    assert len(problems) == 1
    line = line_containing(mutated, "{~~command-and-control~>")
    assert problems[0].startswith(f"docs/brief.md:{line}: unrecorded difference (changed)")
    assert f"The substitution at line {line} records “command-and-control” as the source reading" in problems[0]


def test_a_deletion_of_text_the_source_lacks_is_caught():
    mutated = BRIEF.replace("{--5--}", "{--7--}", 1)
    problems = compare(mutated, SOURCE)
    assert len(problems) == 1
    assert "The deletion at line" in problems[0]


def test_an_unrecorded_word_inside_a_footnote_is_caught():
    mutated = BRIEF.replace("Tom Batchelor, “Why is", "Tom Batchelor, “Why exactly is", 1)
    problems = compare(mutated, SOURCE)
    assert len(problems) == 1
    assert problems[0].startswith(f"docs/brief.md:{line_containing(mutated, 'Why exactly')}:")


def test_a_move_to_the_wrong_place_is_caught():
    mutated = BRIEF.replace("leaders{>>move #fn-1:", "leaders regularly{>>move #fn-1:", 1)
    mutated = mutated.replace("\nregularly attend summits", "\nattend summits", 1)
    problems = compare(mutated, SOURCE)
    assert problems, "a footnote put back in the wrong place must not pass"


def test_the_command_line_fails_with_the_place(tmp_path, capsys):
    copy = tmp_path / "brief.md"
    copy.write_text(BRIEF.replace("red tape", "red ribbon", 1), encoding="utf-8")
    assert cli.main(["--root", str(BRIEF_PATH.parents[1]), "fidelity", "--brief", str(copy)]) == 1
    err = capsys.readouterr().err
    assert f"{copy}:{line_containing(BRIEF, 'red tape')}: unrecorded difference (changed)" in err
    assert "1 unrecorded difference(s)" in err


def test_the_command_line_reports_malformed_notation(tmp_path, capsys):
    copy = tmp_path / "brief.md"
    copy.write_text(BRIEF.replace("{>>furniture: page number<<}", "", 1), encoding="utf-8")
    assert cli.main(["--root", str(BRIEF_PATH.parents[1]), "fidelity", "--brief", str(copy)]) == 2  # malformed input
    assert "must be followed at once by a comment" in capsys.readouterr().err
