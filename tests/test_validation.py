"""The data files are read strictly and their text is display text: each fault is caught and named.

What YAML would silently convert (an unquoted date), silently drop (a key given twice) or render
as it is (blank required text, bidi and zero-width controls, a 100 kB label) stops the load with
the file, the entry and the field. Each fault is made in a copy of the project (copy_project), by
editing the file's text, so that the YAML is exactly what an editor could write.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

import edition
from edition import cli
from edition.data import LIMITS
from edition.errors import CitationError, DataError, EditionError
from edition.yamlio import DataLoader
from sitetools import ROOT, copy_project

REFUSED_CHARS = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E,
                 0x200F, 0x061C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """The data/ of a copy of the project, to break."""
    return copy_project(ROOT, tmp_path / "project") / "data"


def edit(data_dir: Path, name: str, old: str, new: str) -> int:
    """Replace the one occurrence of `old` in data_dir/name by `new`; the 1-based line it starts on."""
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def fails(data_dir: Path, message: str, error: type[EditionError] = DataError) -> None:
    """Loading the copy raises `error` with exactly `message`."""
    with pytest.raises(error) as exc:
        edition.load(data_dir.parent)
    assert str(exc.value) == message


# ---- what YAML converts: dates, booleans, numbers --------------------------------------------


def test_an_unquoted_invalid_date_gets_the_named_error(data_dir):
    edit(data_dir, "timeline.yml", 'date: "1956-10-19"', "date: 1956-02-30")
    fails(data_dir, "data/timeline.yml: event 'soviet-offer-1956': date '1956-02-30' is not YYYY, "
                    "YYYY-MM or YYYY-MM-DD")


def test_an_unquoted_invalid_date_on_the_command_line_is_a_message_not_a_traceback(data_dir, capsys):
    edit(data_dir, "references.yml", 'date: "2016-12-15"', "date: 2016-12-32")
    assert cli.main(["--root", str(data_dir.parent), "data"]) == 2
    err = capsys.readouterr().err
    assert err == ("data: data/references.yml: reference 'yoshida-2016': date '2016-12-32' is not "
                   "YYYY, YYYY-MM or YYYY-MM-DD\n")


def test_an_unquoted_valid_date_still_parses_at_its_precision(data_dir):
    edit(data_dir, "timeline.yml", 'date: "1956-10-19"', "date: 1956-10-19")
    event = next(e for e in edition.load(data_dir.parent).events if e.id == "soviet-offer-1956")
    assert (event.date.iso, event.date.display) == ("1956-10-19", "October 19, 1956")


def test_the_loader_keeps_date_like_values_as_their_text():
    assert yaml.load("a: 1956-02-30\nb: 2016-12-15\nc: 1956\n", Loader=DataLoader) == {
        "a": "1956-02-30", "b": "2016-12-15", "c": 1956}


@pytest.mark.parametrize("value, kind", [("yes", "bool"), ("2016", "int"), ("1:20", "int")])
def test_a_title_yaml_reads_as_a_boolean_or_a_number_is_refused(data_dir, value, kind):
    edit(data_dir, "timeline.yml", "title: >-\n      Soviet–Japanese Joint Declaration",
         f"title: {value}\n    old_title: >-\n      Soviet–Japanese Joint Declaration")
    # the displaced text becomes an unknown field only if the type passes: the type is checked first
    fails(data_dir, f"data/timeline.yml: event 'soviet-offer-1956': field 'title' should be str, not {kind}")


def test_a_boolean_where_a_number_is_expected_is_refused(data_dir):
    edit(data_dir, "references.yml", "note: 1\n", "note: yes\n")
    fails(data_dir, "data/references.yml: reference 'kucera-2014': field 'note' should be int, not bool")


# ---- duplicate keys -------------------------------------------------------------------------


def test_a_duplicate_key_in_a_timeline_event_fails_with_its_line(data_dir):
    line = edit(data_dir, "timeline.yml", '    brief_date: "1956"\n',
                '    brief_date: "1956"\n    brief_date: "1955"\n') + 1
    fails(data_dir, f"data/timeline.yml: line {line}: duplicate key 'brief_date' in "
                    "`events → 'soviet-offer-1956'` (YAML would silently keep the last value)")


def test_a_duplicate_key_in_citation_yml_fails_with_its_line(data_dir):
    line = edit(data_dir, "citation.yml", "  genre: Policy Brief\n",
                "  genre: Policy Brief\n  genre: Report\n") + 1
    fails(data_dir, f"data/citation.yml: line {line}: duplicate key 'genre' in `work` (YAML would "
                    "silently keep the last value)", CitationError)


def test_a_duplicate_thread_in_crosslinks_fails_with_its_line(data_dir):
    line = edit(data_dir, "crosslinks.yml", "  kurils: The Kuril Islands\n",
                "  kurils: The Kuril Islands\n  kurils: The Southern Kurils\n") + 1
    fails(data_dir, f"data/crosslinks.yml: line {line}: duplicate key 'kurils' in `threads` (YAML "
                    "would silently keep the last value)")


# ---- required text must be visible -----------------------------------------------------------


@pytest.mark.parametrize("blank", ['"   "', '"\\u200b \\u2060"', '"\\t"'])
def test_a_blank_required_title_is_missing(data_dir, blank):
    edit(data_dir, "timeline.yml", "title: >-\n      Soviet–Japanese Joint Declaration",
         f"title: {blank}\n    x: >-\n      Soviet–Japanese Joint Declaration")
    fails(data_dir, "data/timeline.yml: event 'soviet-offer-1956': missing required field 'title'")


def test_a_blank_glossary_short_is_missing(data_dir):
    edit(data_dir, "glossary.yml", "short: North Atlantic Treaty Organization, the Western military "
         "alliance founded in 1949.", 'short: "  "')
    fails(data_dir, "data/glossary.yml: term 'nato': missing required field 'short'")


def test_a_blank_item_of_a_list_is_refused(data_dir):
    edit(data_dir, "references.yml", "putin-signals-russian-shift-to-asia/\n    editors_notes:\n",
         'putin-signals-russian-shift-to-asia/\n    editors_notes:\n      - " "\n')
    fails(data_dir, "data/references.yml: reference 'kucera-2014': field 'editors_notes' has an empty item")


def test_a_blank_required_citation_field_is_refused(data_dir):
    edit(data_dir, "citation.yml", "  genre: Policy Brief\n", '  genre: "\\u00a0 "\n')
    fails(data_dir, "data/citation.yml: `work.genre` must be a non-empty str (found '\\xa0 ')",
          CitationError)


# ---- bidi and zero-width controls ------------------------------------------------------------


def test_a_right_to_left_override_in_a_glossary_short_is_refused(data_dir):
    edit(data_dir, "glossary.yml", "the Western military alliance", "the Western \u202emilitary alliance")
    fails(data_dir, "data/glossary.yml: term 'nato': field 'short' contains U+202E RIGHT-TO-LEFT "
                    "OVERRIDE (bidi controls and zero-width characters are not allowed in display text)")


def test_a_zero_width_space_in_a_crosslink_note_is_refused(data_dir):
    edit(data_dir, "crosslinks.yml", "returns almost word for word", "returns almost\u200b word for word")
    fails(data_dir, "data/crosslinks.yml: link 'summary-1 → introduction-1': field 'note' contains "
                    "U+200B ZERO WIDTH SPACE (bidi controls and zero-width characters are not allowed "
                    "in display text)")


@pytest.mark.parametrize("code", REFUSED_CHARS, ids=[f"U+{c:04X}" for c in REFUSED_CHARS])
def test_every_refused_character_is_named(data_dir, code):
    edit(data_dir, "citation.yml", "  place: Washington, DC\n", f"  place: Washington,{chr(code)} DC\n")
    fails(data_dir, f"data/citation.yml: `work`: field 'place' contains U+{code:04X} "
                    f"{unicodedata.name(chr(code))} (bidi controls and zero-width characters are not "
                    "allowed in display text)", CitationError)


def test_a_zero_width_joiner_in_a_list_item_is_refused(data_dir):
    edit(data_dir, "glossary.yml", "forms: [NATO]", "forms: [NA\u200dTO]")
    fails(data_dir, "data/glossary.yml: term 'nato': field 'forms' contains U+200D ZERO WIDTH JOINER "
                    "(bidi controls and zero-width characters are not allowed in display text)")


# ---- length limits ---------------------------------------------------------------------------


def test_a_100_kb_thread_label_is_refused(data_dir):
    edit(data_dir, "crosslinks.yml", "  summit-2016: The Putin–Abe summit of December 2016\n",
         f"  summit-2016: {'Summit ' * 14285}x\n")
    fails(data_dir, "data/crosslinks.yml: thread 'summit-2016': field 'label' is 99996 characters "
                    "long, over its limit of 80 (see the header of data/crosslinks.yml)")


def _set_first(value, path: list[str], text: str) -> bool:
    """Set the first string found at `path` inside `value` (lists passed through) to `text`."""
    if isinstance(value, list):
        return any(_set_first(item, path, text) for item in value)
    if not path:
        return False
    if isinstance(value, dict) and path[0] in value:
        inner = value[path[0]]
        if len(path) == 1:
            if isinstance(inner, str):
                value[path[0]] = text
                return True
            if isinstance(inner, list) and inner and isinstance(inner[0], str):
                inner[0] = text
                return True
            return False
        return _set_first(inner, path[1:], text)
    return False


@pytest.mark.parametrize("name, key", [(n, k) for n, fields in LIMITS.items() for k in fields])
def test_every_limit_stops_the_load(data_dir, name, key):
    limit = LIMITS[name][key]
    path = data_dir / name
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=DataLoader)
    top = {"crosslinks.yml": "threads" if key in ("label",) else "links", "timeline.yml": "events",
           "references.yml": "references", "glossary.yml": "terms", "citation.yml": None}[name]
    if key == "label":
        data["threads"][next(iter(data["threads"]))] = "a" * (limit + 1)
    else:
        assert _set_first(data[top] if top else data, key.split("."), "a" * (limit + 1)), key
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    field = key.split(".", 1)[1] if name == "citation.yml" else key
    with pytest.raises(EditionError) as exc:
        edition.load(data_dir.parent)
    assert re.fullmatch(rf"data/{re.escape(name)}: [^:]+: field '{re.escape(field)}' is {limit + 1} "
                        rf"characters long, over its limit of {limit} \(see the header of "
                        rf"data/{re.escape(name)}\)", str(exc.value)), str(exc.value)


def header_limits(path: Path) -> dict[str, int]:
    """The limits a data file's header comment states: `name number` pairs after "Length limits"."""
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    start = next(i for i, line in enumerate(header) if line.startswith("# Length limits"))
    body = []
    for line in header[start + 1:]:
        if not line.startswith("#   "):
            break
        body.append(line[1:])
    pairs = [p.strip() for p in " · ".join(body).split("·")]
    out = {}
    for pair in pairs:
        m = re.fullmatch(r"([\w.]+) (\d+)", pair)
        assert m, f"{path.name}: cannot read the limit {pair!r}"
        out[m[1]] = int(m[2])
    return out


@pytest.mark.parametrize("name", list(LIMITS))
def test_each_file_header_states_the_limits_of_the_code(name):
    assert header_limits(ROOT / "data" / name) == LIMITS[name]


def test_a_header_that_drifts_from_the_code_is_noticed(tmp_path):
    copy = tmp_path / "timeline.yml"
    copy.write_text((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8")
                    .replace("· title 200 ·", "· title 250 ·"), encoding="utf-8")
    assert header_limits(copy) != LIMITS["timeline.yml"]
