"""Each kind of mark keeps its rule (data/interventions.yml `rule`, scripts/edition/rules.py): a mark
that misclassifies a change stops the load, and so the build, naming the mark, its line in the
Markdown and its line in the source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import edition
from edition import notation
from edition.errors import DataError, NotationError
from sitetools import ROOT, build_site, copy_project, load_error
from test_validation import edited
from test_validation import load_error as validation_error


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


# ---- data/interventions.yml: its shape (scripts/edition/schema/interventions.schema.json) and what
# load_kinds checks of the fields together. Each fault is made in the file's text alone and read by
# notation.load_kinds.

KINDS_SCHEMA = "scripts/edition/schema/interventions.schema.json"
KINDS = "data/interventions.yml"
KIND_FAULTS = [  # id, (old, new) in data/interventions.yml (old occurs once), the message
    # what the loader checks of the fields together
    ("a kind without a rule", ("    rule: slip\n", ""),
     f"{KINDS}: kind 'corrected': a kind that changes words needs a `rule`, one of line-end, short, slip, "
     "furniture, zone, heading (found '')"),
    ("brackets on a substitution", ("    rule: slip\n", '    rule: slip\n    brackets: "[]"\n'),
     f"{KINDS}: kind 'corrected': brackets must be two characters (an opening and a closing one), for a "
     "kind that marks an insertion; found '[]'"),
    ("one bracket", ('    brackets: "⟨⟩"\n', '    brackets: "⟨"\n'),
     f"{KINDS}: kind 'conjecture': brackets must be two characters (an opening and a closing one), for a "
     "kind that marks an insertion; found '⟨'"),
    ("a move with a rule", ("    mark: move\n", "    mark: move\n    rule: zone\n"),
     f"{KINDS}: kind 'move': a move keeps the rule of its form; no `rule`"),
    ("a note with a rule of words", ("    rule: paragraph\n    in_text: anchor\n", "    rule: slip\n    in_text: anchor\n"),
     f"{KINDS}: kind 'break': a note's kind may keep only the rule paragraph or page (found 'slip')"),
    ("in_text on an insertion", ("    rule: zone\n    label: Restored\n", "    rule: zone\n    in_text: anchor\n    label: Restored\n"),
     f"{KINDS}: kind 'restored': in_text must be one of note, anchor, page, for a kind that marks a note "
     "(found 'anchor')"),
    ("a page marker without the rule page", ("    rule: page\n    in_text: page\n", "    rule: paragraph\n    in_text: page\n"),
     f"{KINDS}: kind 'page': a page marker (in_text: page) and the rule page go together"),
    ("no kind of move", ("    mark: move\n", "    mark: note\n"), f"{KINDS}: no kind with mark 'move'"),
    # what the schema states
    ("a mark that is none", ("    mark: substitution\n    rule: line-end\n", "    mark: swap\n    rule: line-end\n"),
     f"{KINDS}: kind 'rejoined': mark 'swap' is not one of substitution, insertion, deletion, move, note"),
    ("a kind without its label", ("    label: Rejoined\n", ""),
     f"{KINDS}: kind 'rejoined': missing required field 'label'"),
    ("an unknown field", ("    rule: slip\n", "    rules: slip\n"),
     f"{KINDS}: kind 'corrected': unknown field 'rules' (known: brackets, description, from, in_text, label, "
     "mark, rule)"),
    ("a from that is no boolean", ("    from: true\n", "    from: 1\n"),
     f"{KINDS}: kind 'restored': from must be true or false (found 1)"),
    ("an in_text that is none", ("    in_text: anchor\n", "    in_text: margin\n"),
     f"{KINDS}: kind 'break': in_text 'margin' is not one of note, anchor, page"),
    ("a blank label", ("    label: Corrected\n", '    label: " "\n'), f"{KINDS}: kind 'corrected': label is empty"),
    ("a label that is a number", ("    label: Corrected\n", "    label: 12\n"),
     f"{KINDS}: kind 'corrected': label should be str, not int"),
    ("a label of two lines", ("    label: Corrected\n", '    label: "Cor-\\nrected"\n'),
     f"{KINDS}: kind 'corrected': label must be one line"),
    ("a zero-width space in a label", ("    label: Corrected\n", '    label: "Cor\\u200brected"\n'),
     f"{KINDS}: kind 'corrected': label contains U+200B ZERO WIDTH SPACE (bidi controls and zero-width "
     "characters are not allowed in display text)"),
    ("an over-long label", ("    label: Corrected\n", f"    label: Corrected{' again' * 10}\n"),
     f"{KINDS}: kind 'corrected': label is 69 characters long, over its limit of 60 (see {KINDS_SCHEMA})"),
    ("a kind that is no mapping", ("  move:\n    mark: move\n", "  move: move\n  moved:\n    mark: move\n"),
     f"{KINDS}: kind 'move': expected a mapping of fields"),
    ("no kinds", ("kinds:\n  rejoined:\n", "kinds: {}\nold:\n  rejoined:\n"),
     f"{KINDS}: unknown top-level key 'old' (known: kinds)"),
]


@pytest.mark.parametrize("change, message", [(c, m) for _, c, m in KIND_FAULTS], ids=[n for n, _, _ in KIND_FAULTS])
def test_a_fault_in_the_kinds_stops_the_load_naming_it(tmp_path, change, message):
    original = (ROOT / "data" / "interventions.yml").read_text(encoding="utf-8")
    text, _ = edited("interventions.yml", change)
    assert text != original, "the change did not apply"
    path = tmp_path / "data" / "interventions.yml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NotationError) as failed:
        notation.load_kinds(path, KINDS)
    assert str(failed.value) == message


def test_no_kinds_stops_the_load(tmp_path):
    path = tmp_path / "interventions.yml"
    path.write_text("kinds: {}\n", encoding="utf-8")
    with pytest.raises(NotationError, match=r"^data/interventions\.yml: expected a mapping with `kinds:`, a "
                                            r"mapping of kind names to entries$"):
        notation.load_kinds(path, KINDS)


# ---- data/damaged-zones.yml: its shape (scripts/edition/schema/damaged-zones.schema.json) and what
# load_zones checks against the source and the brief. Each fault is made in the file's text alone,
# read by rules.load_zones against the real brief and source (test_validation.load_text); the
# faults that need the marks (a lost mark that is none, one left out) are tests/test_source_view.py's.

ZONES_SCHEMA = "scripts/edition/schema/damaged-zones.schema.json"
Z1 = "data/damaged-zones.yml: zone 'pull-quote-1'"
LINE_67 = '{line: 67, as: body, place: place-2, reason: "Continues the body sentence of line 66."}'
LINE_71 = '{line: 71, as: blank, reason: "An empty line of the extraction."}'
LOST_1 = "        mark: ed-place-2-3\n        lines: [1, 2]\n        measure: [64, 66, 67]\n"
ZONE_FAULTS = [  # id, (old, new) in data/damaged-zones.yml (old occurs once) or a function of its text, the message
    # what the loader checks against the source and the brief
    ("lines beyond the source", ("[242, 259]", "[242, 999]"),
     "data/damaged-zones.yml: zone 'pull-quote-3': lines must be [first, last], 1 ≤ first ≤ last ≤ 413 "
     "(the source's lines), not [242, 999]"),
    ("lines backwards", ("lines: [64, 72]", "lines: [72, 64]"),
     f"{Z1}: lines must be [first, last], 1 ≤ first ≤ last ≤ 413 (the source's lines), not [72, 64]"),
    ("a pull_quote that is a paragraph", ("pull_quote: pull-quote-1\n", "pull_quote: place-2\n"),
     f"{Z1}: pull_quote 'place-2' is not a pull-quote of docs/brief.md"),
    ("a blank line with a place", (LINE_71, LINE_71.replace("as: blank,", "as: blank, place: place-2,")),
     f"{Z1}: line 71: a line assigned as blank needs exactly the fields as, line, reason"),
    ("a body line without its place", (LINE_67, LINE_67.replace(" place: place-2,", "")),
     f"{Z1}: line 67: a line assigned as body needs exactly the fields as, line, place, reason"),
    ("a line outside the zone", (LINE_67, LINE_67 + "\n      - {line: 99, as: body, place: place-2, reason: x}"),
     f"{Z1}: line 99: outside the zone (lines 64–72)"),
    ("fewest above most", (LOST_1, LOST_1.replace("[1, 2]", "[2, 1]")),
     f"{Z1}: lost mark 'ed-place-2-3': `lines` must be how many lines are lost, a number (2) or [fewest, "
     "most] ([1, 2]; [1, null] where the most is not known), not [2, 1]"),
    ("a lost place that is none", ("      - place: place-2\n        mark: ed-place-2-3\n",
                                   "      - place: place-22\n        mark: ed-place-2-3\n"),
     f"{Z1}: lost mark 'ed-place-2-3': place 'place-22' is not a place of docs/brief.md"),
    # what the schema states
    ("no zones", lambda s: s[:s.index("zones:")] + "zones: []\n",
     "data/damaged-zones.yml: expected a mapping with `zones:`, a non-empty list of the zones"),
    ("an unknown field", ("    pull_quote: pull-quote-1\n", "    pull_quote: pull-quote-1\n    pull_quotes: 1\n"),
     f"{Z1}: unknown field 'pull_quotes' (known: assign, id, lines, lost, note, pull_quote)"),
    ("a zone without its note", ("    note: >-\n      From the body line", "    notes: >-\n      From the body line"),
     f"{Z1}: unknown field 'notes' (known: assign, id, lines, lost, note, pull_quote)"),
    ("a zone without its lost", ("    lost: []\n", ""),
     "data/damaged-zones.yml: zone 'pull-quote-3': missing required field 'lost'"),
    ("an id that is no id", ("  - id: pull-quote-1\n", "  - id: Pull quote 1\n"),
     "data/damaged-zones.yml: zone 'Pull quote 1': `id` must be lower-case words joined by hyphens "
     "(found 'Pull quote 1')"),
    ("lines that are no pair", ("lines: [64, 72]", "lines: 64-72"),
     f"{Z1}: `lines` must be [first, last], two line numbers of the source (found '64-72')"),
    ("lines from line 0", ("lines: [64, 72]", "lines: [0, 72]"),
     f"{Z1}: `lines` item 1 must be a line number of the source (found 0)"),
    ("a blank note", lambda s: re.sub(r"    note: >-\n(      .*\n)+", lambda _: '    note: "\\u200b "\n', s, count=1),
     f"{Z1}: `note` contains U+200B ZERO WIDTH SPACE (bidi controls and zero-width characters are not "
     "allowed in display text)"),
    ("an over-long note", ("the lines that finished the body sentence are missing.",
                           "the lines that finished the body sentence are missing." + " more" * 100),
     f"{Z1}: `note` is 737 characters long, over its limit of 600 (see {ZONES_SCHEMA})"),
    ("an unknown as", ("{line: 68, as: body,", "{line: 68, as: quote,"),
     f"{Z1}: line 68: `as` 'quote' is not one of body, pull-quote, heading, furniture, blank"),
    ("a line number in quotes", (LINE_67, LINE_67.replace("line: 67", 'line: "67"')),
     f"{Z1}: assign entry 4: `line` must be a line number of the source (found '67')"),
    ("an assignment's field misspelt", (LINE_67, LINE_67.replace("reason:", "reasons:")),
     f"{Z1}: line 67: unknown field 'reasons' (known: as, line, place, reason)"),
    ("a reason of two lines", (LINE_67, LINE_67.replace("Continues the body", "Continues\\nthe body")),
     f"{Z1}: line 67: `reason` must be one line"),
    ("an over-long reason", (LINE_67, LINE_67.replace("Continues the body", "Continues " + "the " * 80 + "body")),
     f"{Z1}: line 67: `reason` is 355 characters long, over its limit of 300 (see {ZONES_SCHEMA})"),
    ("a reason that is a number", (LINE_67, LINE_67.replace('"Continues the body sentence of line 66."', "12")),
     f"{Z1}: line 67: `reason` should be str, not int"),
    ("a blank reason", (LINE_67, LINE_67.replace('"Continues the body sentence of line 66."', '" \\t"')),
     f"{Z1}: line 67: `reason` is empty"),
    ("a bidi control in a reason", (LINE_67, LINE_67.replace("Continues the", "Continues \u202ethe")),
     f"{Z1}: line 67: `reason` contains U+202E RIGHT-TO-LEFT OVERRIDE (bidi controls and zero-width "
     "characters are not allowed in display text)"),
    ("a count in words", (LOST_1, LOST_1.replace("lines: [1, 2]", "lines: two")),
     f"{Z1}: lost mark 'ed-place-2-3': `lines` must be how many lines are lost, a number (2) or [fewest, "
     "most] ([1, 2]; [1, null] where the most is not known) (found 'two')"),
    ("a count of none", (LOST_1, LOST_1.replace("lines: [1, 2]", "lines: [0, 2]")),
     f"{Z1}: lost mark 'ed-place-2-3': `lines` item 1 must be a number of lines, 1 or more (found 0)"),
    ("a count of three numbers", (LOST_1, LOST_1.replace("lines: [1, 2]", "lines: [1, 2, 3]")),
     f"{Z1}: lost mark 'ed-place-2-3': `lines` must be how many lines are lost, a number (2) or [fewest, "
     "most] ([1, 2]; [1, null] where the most is not known) (found [1, 2, 3])"),
    ("a measure that is no list", (LOST_1, LOST_1.replace("measure: [64, 66, 67]", "measure: 64")),
     f"{Z1}: lost mark 'ed-place-2-3': `measure` must be a list of source lines ([] where none survives) "
     "(found 64)"),
    ("a lost entry without its reason", (LOST_1 + "        reason: \"The sentence breaks",
                                         LOST_1 + "        why: \"The sentence breaks"),
     f"{Z1}: lost mark 'ed-place-2-3': unknown field 'why' (known: lines, mark, measure, place, reason)"),
    ("a mark that is a number", (LOST_1, LOST_1.replace("mark: ed-place-2-3", "mark: 23")),
     f"{Z1}: lost entry 1: `mark` must be the id of a mark of docs/brief.md (found 23)"),
]


@pytest.mark.parametrize("change, message", [(c, m) for _, c, m in ZONE_FAULTS],
                         ids=[name for name, _, _ in ZONE_FAULTS])
def test_a_fault_in_the_damaged_zones_stops_the_load_naming_it(tmp_path, change, message):
    text = change(ROOT.joinpath("data", "damaged-zones.yml").read_text(encoding="utf-8")) if callable(change) \
        else edited("damaged-zones.yml", change)[0]
    assert text != ROOT.joinpath("data", "damaged-zones.yml").read_text(encoding="utf-8"), "the change did not apply"
    assert validation_error(tmp_path, "damaged-zones.yml", text, DataError) == message


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
