"""The notation parser rejects every malformed or unrecorded mark with its file and line."""

from __future__ import annotations

import pytest

from edition import notation
from edition.errors import NotationError
from sitetools import BRIEF_PATH, parse

BRIEF = BRIEF_PATH.read_text(encoding="utf-8")


def fails(text: str, *fragments: str) -> str:
    with pytest.raises(NotationError) as exc:
        parse(text)
    message = str(exc.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


def at(needle: str) -> str:
    return f"docs/brief.md:{notation.line_of(BRIEF, BRIEF.index(needle))}:"


def test_the_edition_parses_and_records_every_kind():
    doc = parse(BRIEF)
    kinds = {iv.kind for iv in doc.interventions}
    # every kind but sic: by the stated policy every slip is corrected (tests/test_slips.py); the
    # mini project (tests/test_fixtures.py) still reads a sic mark
    assert kinds == {"rejoined", "corrected", "restored", "conjecture", "gap", "supplied",
                     "furniture", "move", "note", "witness", "break", "division", "page"}
    ids = [iv.id for iv in doc.interventions]
    assert len(ids) == len(set(ids)), "every intervention has its own anchor"
    assert all(iv.block for iv in doc.interventions)


def test_a_mark_without_its_comment():
    fails(BRIEF.replace("{>>furniture: page number<<}", "", 1),
          at("{--3--}"), "must be followed at once by a comment")


def test_an_unknown_kind():
    fails(BRIEF.replace("{>>corrected: a slip;", "{>>fixed: a slip;", 1),
          at("{~~need~>needed~~}"), "unknown kind 'fixed'")


def test_a_kind_used_with_the_wrong_mark():
    fails(BRIEF.replace("{--3--}{>>furniture:", "{--3--}{>>rejoined:", 1),
          at("{--3--}"), "the kind 'rejoined' marks a substitution, not a deletion")


def test_a_mark_without_a_reason():
    fails(BRIEF.replace("{>>furniture: page number<<}", "{>>furniture<<}", 1),
          at("{--3--}"), "gives no reason")


def test_an_unbalanced_mark():
    fails(BRIEF.replace("{~~semiisolation~>semi-isolation~~}", "{~~semiisolation~>semi-isolation}", 1),
          at("{~~semiisolation"), "unbalanced or malformed CriticMarkup '{~~'")


def test_a_restoration_that_does_not_say_where_from():
    fails(BRIEF.replace("{>>restored from #security-6:", "{>>restored:", 1),
          at("{++of Tokyo’s defense"), "must say where it comes from")


def test_a_restoration_from_a_paragraph_that_does_not_exist():
    fails(BRIEF.replace("{>>restored from #security-6:", "{>>restored from #security-55:", 1),
          at("{++of Tokyo’s defense"), "no block has that id")


def test_restored_words_that_do_not_stand_where_they_are_said_to():
    fails(BRIEF.replace("{++of Tokyo’s defense build up++}", "{++of Tokyo’s naval build up++}", 1),
          at("{++of Tokyo’s"), "do not stand in #security-6")


def test_a_move_without_a_destination():
    fails(BRIEF.replace("{==make Russia==}{>>#pq2-make<<}", "make Russia", 1),
          at("{>>move #pq2-make"), "the move #pq2-make has no destination")


def test_moved_words_without_an_origin():
    text = BRIEF.replace("{>>move #fn-6: footnote 6, which cuts the sentence in two<<}", "", 1)
    fails(text, "#fn-6 is set here, but no {>>move #fn-6: …<<} says where the source had it")


def test_a_label_used_twice():
    text = BRIEF.replace("{==make Russia==}{>>#pq2-make<<}", "{==make Russia==}{>>#pq2-specifics<<}", 1)
    fails(text, "the label #pq2-specifics marks two places")


def test_an_intervention_outside_any_identified_block():
    text = BRIEF.replace("{: #economy-2 }\n", "\n", 1).replace(
        "Two main factors limit", "{--x--}{>>furniture: test<<} Two main factors limit", 1)
    fails(text, "stands in a block without an id")


def test_a_malformed_kinds_file(tmp_path):
    bad = tmp_path / "interventions.yml"
    bad.write_text("kinds:\n  rejoined:\n    mark: swap\n    label: R\n    description: d\n", encoding="utf-8")
    with pytest.raises(NotationError, match=r"interventions.yml: kind 'rejoined': mark 'swap'"):
        notation.load_kinds(bad)
    bad.write_text("kinds:\n  rejoined:\n    mark: substitution\n    description: d\n", encoding="utf-8")
    with pytest.raises(NotationError, match=r"kind 'rejoined': missing required field 'label'"):
        notation.load_kinds(bad)
    bad.write_text("kinds: [\n", encoding="utf-8")
    with pytest.raises(NotationError, match=r"interventions.yml: not valid YAML"):
        notation.load_kinds(bad)


def test_the_quick_test_for_hidden_characters_agrees_with_the_rule_on_every_code_point():
    """notation.shows_all (str.isprintable, in C) and notation._hidden (unicodedata, one character
    at a time) say the same of each of the 1,114,112 code points, so the quick test never lets
    through what the rule refuses; and it does refuse one (U+202E, U+00A0), but a line end."""
    differ = [f"U+{cp:04X}" for cp in range(0x110000)
              if notation.shows_all(chr(cp)) == notation._hidden(chr(cp))]
    assert differ == [], differ[:20]
    assert not notation.shows_all("Asia\u202ePacific") and not notation.shows_all("a\u00a0b")
    assert notation.shows_all("a line\nand the next") and not notation.shows_all("a\tb")
    assert notation.shows_all("a\tb", allowed="\t\n")
