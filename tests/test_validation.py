"""The data files are read strictly and their text is display text: each fault is caught and named.

What YAML would silently convert (an unquoted date), silently drop (a key given twice) or render
as it is (blank required text, bidi and zero-width controls, a 100 kB label) stops the load with
the file, the entry and the field. The fields, types, formats and limits are the schemas'
(scripts/edition/schema/, edition.data.validate); the messages are the edition's.

Most faults are made in the text of one data file, written alone to a temporary data/ folder and
read by that file's loader against the real brief and the real other files (load_text): the
YAML is exactly what an editor could write, and no test copies or loads the whole project. The
length limits are checked on the parsed data in memory (edition.data.validate, what each loader
runs first). One test builds a mutated copy of the project with `mkdocs build --strict` and shows
the build stops with the named error; one runs `edition data` on a copy.

The faults, each a parametrize id of test_a_fault_in_a_data_file_is_named unless said otherwise:
  timeline.yml   an unquoted impossible date (1956-02-30); a title YAML reads as a boolean (yes) or
                 a number (2016, 1:20); a key given twice (brief_date); a blank title ("   ",
                 zero-width characters only, a tab); every length limit (test_every_limit_stops_the_load)
  references.yml a boolean note (yes); a blank item of editors_notes; an unquoted impossible date
                 on the command line (test_the_command_line_names_a_fault_without_a_traceback)
  glossary.yml   a blank short; a right-to-left override in short; a zero-width joiner in a form
  crosslinks.yml a thread given twice; a zero-width space in a note; a 100 kB thread label
  citation.yml   a key given twice (genre); a blank genre (U+00A0 and a space); each of the 17
                 refused characters in place
Added with the schemas: a no-break space and a line break in a title, an unknown top-level key
(crosslinks.yml), a blank optional field (container), a number as an id (glossary.yml).
data/changelog.yml, data/damaged-zones.yml, data/interventions.yml and data/id-redirects.yml have
schemas too (edition.data.check_entries, which names their entries as their loaders do); their
headers and schemas are checked here, the faults of id-redirects.yml too
(test_a_fault_in_the_id_redirects_is_named); the others' faults are tests/test_changelog.py's and
tests/test_rules.py's, each made in the file's text alone.
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata
from pathlib import Path

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

import edition
from edition import citation, cli, data, registry, rules
from edition.data import ENTRY_SCHEMAS, LIMITS, SCHEMA_DIR, SCHEMA_FILES
from edition.errors import CitationError, DataError, EditionError, RegistryError
from edition.yamlio import DataLoader
from sitetools import ROOT, build_site, copy_project

REFUSED_CHARS = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E,
                 0x200F, 0x061C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]


# ---- helpers (tests/test_edition_data.py, test_input_bounds.py and test_source_hosts.py use them too)


@functools.cache
def real() -> edition.Edition:
    """The real edition, loaded once: the brief and the other files a data file is checked against."""
    return edition.load(ROOT)


def load_file(path: Path):
    """What the edition's loader of this data file returns for `path` (its name says which file),
    checked against the real brief, references, events and edition date."""
    ed = real()
    latest = ed.citation["edition"]["date"]
    loaders = {
        "citation.yml": lambda: citation.load(path),
        "references.yml": lambda: data.load_references(path, ed.brief, latest),
        "timeline.yml": lambda: data.load_timeline(path, ed.brief, ed.references, latest),
        "crosslinks.yml": lambda: data.load_crosslinks(path, ed.brief),
        "glossary.yml": lambda: data.load_glossary(path, ed.brief, ed.events),
        "changelog.yml": lambda: citation.load_changelog(path, ed.citation["edition"], ed.registry,
                                                         ed.id_redirects, list(ed.pages)),
        "damaged-zones.yml": lambda: rules.load_zones(path, ed.brief, source_lines()),
        "id-redirects.yml": lambda: registry.load_id_redirects(path),
    }
    return loaders[path.name]()


@functools.cache
def source_lines() -> list[str]:
    """The source extraction's lines, as edition.load reads them for the damaged zones."""
    return (ROOT / "source" / "japan-russia-view-from-moscow.extracted.txt").read_text(encoding="utf-8").splitlines()


def edited(name: str, *changes: tuple[str, str]) -> tuple[str, int]:
    """The text of data/<name> with each (old, new) made (each `old` occurs exactly once), and the
    1-based line the first change starts on."""
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    line = 0
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        line = line or text[:text.index(old)].count("\n") + 1
        text = text.replace(old, new)
    return text, line


def load_text(tmp_path: Path, name: str, text: str):
    """Load `text` as data/<name> (written alone to tmp_path/data/) with the file's own loader."""
    path = tmp_path / "data" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_file(path)


def load_error(tmp_path: Path, name: str, text: str, error: type[EditionError] = EditionError) -> str:
    """The message of the `error` that loading `text` as data/<name> raises."""
    with pytest.raises(error) as exc:
        load_text(tmp_path, name, text)
    return str(exc.value)


@functools.cache
def parsed(name: str):
    """data/<name> as the loaders read it (DataLoader), parsed once: copy it before changing it."""
    return yaml.load((ROOT / "data" / name).read_text(encoding="utf-8"), Loader=DataLoader)


# ---- faults written in a data file's text --------------------------------------------------

REFUSED_MESSAGE = "(bidi controls and zero-width characters are not allowed in display text)"
SOVIET_TITLE = "title: >-\n      Soviet–Japanese Joint Declaration"
FAULTS = [  # id, file, (old, new), error, message ({line}: the line after the change's first)
    ("unquoted-impossible-date", "timeline.yml", ('date: "1956-10-19"', "date: 1956-02-30"), DataError,
     "data/timeline.yml: event 'soviet-offer-1956': date '1956-02-30' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    *[(f"title-read-as-{kind}-{value}", "timeline.yml",
       (SOVIET_TITLE, f"title: {value}\n    old_title: >-\n      Soviet–Japanese Joint Declaration"),
       # the displaced text becomes an unknown field only if the type passes: the type comes first
       DataError, f"data/timeline.yml: event 'soviet-offer-1956': field 'title' should be str, not {kind}")
      for value, kind in [("yes", "bool"), ("2016", "int"), ("1:20", "int")]],
    ("note-read-as-bool", "references.yml", ("note: 1\n", "note: yes\n"), DataError,
     "data/references.yml: reference 'kucera-2014': field 'note' should be int, not bool"),
    ("duplicate-key-timeline", "timeline.yml",
     ('    brief_date: "1956"\n', '    brief_date: "1956"\n    brief_date: "1955"\n'), DataError,
     "data/timeline.yml: line {line}: duplicate key 'brief_date' in `events → 'soviet-offer-1956'` "
     "(YAML would silently keep the last value)"),
    ("duplicate-key-citation", "citation.yml", ("  genre: Policy Brief\n", "  genre: Policy Brief\n  genre: Report\n"),
     CitationError, "data/citation.yml: line {line}: duplicate key 'genre' in `work` (YAML would silently "
                    "keep the last value)"),
    ("duplicate-thread", "crosslinks.yml",
     ("  kurils: The Kuril Islands\n", "  kurils: The Kuril Islands\n  kurils: The Southern Kurils\n"),
     DataError, "data/crosslinks.yml: line {line}: duplicate key 'kurils' in `threads` (YAML would "
                "silently keep the last value)"),
    *[(f"blank-title-{i}", "timeline.yml", (SOVIET_TITLE, f"title: {blank}\n    x: >-\n      Soviet–Japanese Joint Declaration"),
       DataError, "data/timeline.yml: event 'soviet-offer-1956': missing required field 'title'")
      for i, blank in enumerate(['"   "', '"\\u200b \\u2060"', '"\\t"'])],
    ("blank-glossary-short", "glossary.yml",
     ("short: North Atlantic Treaty Organization, the Western military alliance founded in 1949.", 'short: "  "'),
     DataError, "data/glossary.yml: term 'nato': missing required field 'short'"),
    ("blank-list-item", "references.yml",
     ("putin-signals-russian-shift-to-asia/\n    editors_notes:\n",
      'putin-signals-russian-shift-to-asia/\n    editors_notes:\n      - " "\n'),
     DataError, "data/references.yml: reference 'kucera-2014': field 'editors_notes' has an empty item"),
    ("blank-citation-genre", "citation.yml", ("  genre: Policy Brief\n", '  genre: "\\u00a0 "\n'), CitationError,
     "data/citation.yml: `work.genre` must be a non-empty str (found '\\xa0 ')"),
    ("rtl-override-in-glossary-short", "glossary.yml",
     ("the Western military alliance", "the Western \u202emilitary alliance"), DataError,
     f"data/glossary.yml: term 'nato': field 'short' contains U+202E RIGHT-TO-LEFT OVERRIDE {REFUSED_MESSAGE}"),
    ("zero-width-space-in-crosslink-note", "crosslinks.yml",
     ("returns almost word for word", "returns almost\u200b word for word"), DataError,
     "data/crosslinks.yml: link 'summary-1 → introduction-1': field 'note' contains U+200B ZERO WIDTH "
     f"SPACE {REFUSED_MESSAGE}"),
    ("zero-width-joiner-in-a-form", "glossary.yml", ("forms: [NATO]", "forms: [NA\u200dTO]"), DataError,
     f"data/glossary.yml: term 'nato': field 'forms' contains U+200D ZERO WIDTH JOINER {REFUSED_MESSAGE}"),
    *[(f"U+{code:04X}-in-citation-place", "citation.yml",
       ("  place: Washington, DC\n", f"  place: Washington,{chr(code)} DC\n"), CitationError,
       f"data/citation.yml: `work`: field 'place' contains U+{code:04X} {unicodedata.name(chr(code))} "
       f"{REFUSED_MESSAGE}") for code in REFUSED_CHARS],
    ("no-break-space-in-a-title", "timeline.yml", ("Soviet–Japanese Joint Declaration", "Soviet–Japanese\u00a0Joint Declaration"),
     DataError, "data/timeline.yml: event 'soviet-offer-1956': field 'title' contains U+00A0 NO-BREAK SPACE (control "
                "characters and spaces other than the plain one are not allowed in display text)"),
    ("title-on-two-lines", "timeline.yml", (SOVIET_TITLE, "title: |-\n      Soviet–Japanese\n      Joint Declaration"),
     DataError, "data/timeline.yml: event 'soviet-offer-1956': title must be one line"),
    ("blank-optional-field", "references.yml", ("container: The Diplomat\n", 'container: " "\n'), DataError,
     "data/references.yml: reference 'kucera-2014': field 'container' is empty"),
    ("number-as-id", "glossary.yml", ("- id: nato\n", "- id: 1949\n"), DataError,
     "data/glossary.yml: term #16: field 'id' should be str, not int"),
    ("unknown-top-level-key", "crosslinks.yml", ("\nlinks:\n", "\nlink:\n  - {}\nlinks:\n"), DataError,
     "data/crosslinks.yml: unknown top-level key 'link' (known: threads, links)"),
    ("100-kB-thread-label", "crosslinks.yml",
     ("  summit-2016: The Putin–Abe summit of December 2016\n", f"  summit-2016: {'Summit ' * 14285}x\n"),
     DataError, "data/crosslinks.yml: thread 'summit-2016': field 'label' is 99996 characters long, over "
                "its limit of 80 (see scripts/edition/schema/crosslinks.schema.json)"),
]


@pytest.mark.parametrize("name, change, error, message", [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_a_fault_in_a_data_file_is_named(tmp_path, name, change, error, message):
    text, line = edited(name, change)
    assert load_error(tmp_path, name, text, error) == message.format(line=line + 1)


def test_the_command_line_names_a_fault_without_a_traceback(tmp_path, capsys):
    project = copy_project(ROOT, tmp_path / "project")
    text, _ = edited("references.yml", ('date: "2016-12-15"', "date: 2016-12-32"))
    (project / "data" / "references.yml").write_text(text, encoding="utf-8")
    assert cli.main(["--root", str(project), "data"]) == 2
    assert capsys.readouterr().err == ("data: data/references.yml: reference 'yoshida-2016': date "
                                       "'2016-12-32' is not YYYY, YYYY-MM or YYYY-MM-DD\n")


def test_an_unquoted_valid_date_still_parses_at_its_precision(tmp_path):
    text, _ = edited("timeline.yml", ('date: "1956-10-19"', "date: 1956-10-19"))
    event = next(e for e in load_text(tmp_path, "timeline.yml", text) if e.id == "soviet-offer-1956")
    assert (event.date.iso, event.date.display) == ("1956-10-19", "October 19, 1956")


def test_the_loader_keeps_date_like_values_as_their_text():
    assert yaml.load("a: 1956-02-30\nb: 2016-12-15\nc: 1956\n", Loader=DataLoader) == {
        "a": "1956-02-30", "b": "2016-12-15", "c": 1956}


# ---- length limits: stated once, in the schemas ----------------------------------------------


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


def with_value(name: str, key: str, text: str):
    """A copy of data/<name>, parsed, whose first value of field `key` (as LIMITS names it) is `text`."""
    value = copy.deepcopy(parsed(name))
    if name == "crosslinks.yml" and key == "label":
        value["threads"][next(iter(value["threads"]))] = text
    elif name == "crosslinks.yml" and key == "thread":  # a thread's id (a key) and a link's thread
        value["links"][0]["thread"] = text
    else:
        top = {"timeline.yml": "events", "references.yml": "references", "glossary.yml": "terms",
               "crosslinks.yml": "links"}.get(name)
        assert _set_first(value[top] if top else value, key.split("."), text), key
    return value


LIMIT_CASES = [(n, k) for n, fields in LIMITS.items() for k in fields]


@pytest.mark.parametrize("name, key", LIMIT_CASES, ids=[f"{n}-{k}" for n, k in LIMIT_CASES])
def test_every_limit_stops_the_load(name, key):
    limit = LIMITS[name][key]
    with pytest.raises(DataError) as exc:
        data.validate(name, with_value(name, key, "a" * (limit + 1)))
    field = key.split(".", 1)[1] if name == "citation.yml" else key
    assert re.fullmatch(rf"data/{re.escape(name)}: [^:]+: field '{re.escape(field)}' is {limit + 1} "
                        rf"characters long, over its limit of {limit} \(see "
                        rf"scripts/edition/schema/{re.escape(name[:-4])}\.schema\.json\)", str(exc.value)), str(exc.value)


def test_the_limits_are_the_schemas_and_a_whitespace_run_counts_as_one_character():
    limit = LIMITS["timeline.yml"]["title"]
    schema = data.SCHEMAS["timeline.yml"]["$defs"]["event"]["properties"]["title"]
    assert schema["maxLength"] == limit == 200
    spaced = "a" * (limit - 2) + "   \t  b"  # 200 characters as shown, 205 as typed
    data.validate("timeline.yml", with_value("timeline.yml", "title", spaced))
    with pytest.raises(DataError, match=r"field 'title' is 201 characters long"):
        data.validate("timeline.yml", with_value("timeline.yml", "title", spaced + "c"))


def test_data_found_valid_is_checked_again_once_it_changes():
    """edition.data keeps, per process, which data it found valid (by a digest of its repr): the
    same data is not validated twice, and data that changed, even to a value that prints alike in
    YAML (the number 2016 for the text "2016"), is validated and its fault named."""
    valid = parsed("timeline.yml")
    data.validate("timeline.yml", valid)
    data.validate("timeline.yml", copy.deepcopy(valid))  # remembered: passes again
    as_number = copy.deepcopy(valid)
    as_number["events"][0]["title"] = 2016
    with pytest.raises(DataError, match=r"field 'title'"):
        data.validate("timeline.yml", as_number)
    as_text = copy.deepcopy(valid)
    as_text["events"][0]["title"] = "2016"
    data.validate("timeline.yml", as_text)
    with pytest.raises(DataError, match=r"field 'title'"):  # the valid text did not vouch for the number
        data.validate("timeline.yml", as_number)


def test_a_too_long_title_stops_the_mkdocs_build_with_the_named_error(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    text, _ = edited("timeline.yml", ("title: Soviet forces occupy the southern Kuril Islands at the end "
                                      "of the Second World War",
                                      f"title: {'Soviet forces occupy ' * 10}"))
    (project / "data" / "timeline.yml").write_text(text, encoding="utf-8")
    result = build_site(project, tmp_path / "site", check=False)
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out, out
    assert ("data/timeline.yml: event 'soviet-occupation-kurils-1945': field 'title' is 209 characters "
            "long, over its limit of 200 (see scripts/edition/schema/timeline.schema.json)") in out, out
    assert not (tmp_path / "site" / "brief" / "index.html").exists()


# ---- the schemas and the data files' headers -------------------------------------------------


def test_the_real_data_are_valid_against_the_schemas_as_any_json_schema_tool_reads_them():
    """What an editor's tool does with the header's `yaml-language-server: $schema=` line: the
    schemas are valid draft 2020-12, their references resolve from the folder, the data pass."""
    registry = Registry().with_resources(
        (p.name, Resource.from_contents(data._read_schema(p.name))) for p in SCHEMA_DIR.glob("*.schema.json"))
    for name in (*SCHEMA_FILES, *ENTRY_SCHEMAS):
        schema = data._read_schema(Path(data.schema_file(name)).name)
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft202012Validator(schema, registry=registry).validate(parsed(name))
        broken = copy.deepcopy(parsed(name))
        broken["unknown-top-level-key"] = 1
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.Draft202012Validator(schema, registry=registry).validate(broken)


@pytest.mark.parametrize("name", (*SCHEMA_FILES, *ENTRY_SCHEMAS))
def test_each_data_file_header_points_to_its_schema_and_restates_no_limit(name):
    header = "\n".join(line for line in (ROOT / "data" / name).read_text(encoding="utf-8").splitlines()
                       if line.startswith("#"))
    pointer = f"scripts/edition/schema/{name[:-4]}.schema.json"
    assert pointer in header and (ROOT / pointer).is_file()
    assert f"# yaml-language-server: $schema=../{pointer}\n" in header + "\n"
    assert "Length limits" not in header and not re.search(r"\b\w+ \d{2,4} ·", header)


# ---- data/id-redirects.yml: its schema (scripts/edition/schema/id-redirects.schema.json) and the
# one rule the loader adds; each fault made in the file's text alone (load_text)

REDIRECT = "  introduction-3: introduction-2  # edition 1.2"
REDIRECTS = "data/id-redirects.yml"
REDIRECT_FAULTS = [  # id, (old, new), message
    ("an id redirected to itself", (REDIRECT, "  introduction-2: introduction-2  # edition 1.2"),
     f"{REDIRECTS}: brief.md: entry 'introduction-2' redirects to itself"),
    ("a page that is no source file", ("brief.md:\n" + REDIRECT, "brief:\n" + REDIRECT),
     f"{REDIRECTS}: entry 'brief' is not a page's source file, like brief.md"),
    ("a page without its ids", (REDIRECT, "  # nothing"),
     f"{REDIRECTS}: entry 'brief.md': expected a mapping of old id to new id"),
    ("a new id with a space", (REDIRECT, "  introduction-3: introduction 2  # edition 1.2"),
     f"{REDIRECTS}: entry 'brief.md': introduction-3 must be an id: a single word without spaces, quotes or # "
     "(found 'introduction 2')"),
    ("an old id with a #", (REDIRECT, '  "#introduction-3": introduction-2  # edition 1.2'),
     f"{REDIRECTS}: entry 'brief.md': '#introduction-3' is not an id: a single word without spaces, quotes or #"),
    ("an id that is a number", (REDIRECT, "  introduction-3: 2  # edition 1.2"),
     f"{REDIRECTS}: entry 'brief.md': introduction-3 must be an id: a single word without spaces, quotes or # "
     "(found 2)"),
    ("an over-long id", (REDIRECT, f"  introduction-3: {'x' * 201}  # edition 1.2"),
     f"{REDIRECTS}: entry 'brief.md': introduction-3 is 201 characters long, over its limit of 200 (see "
     "scripts/edition/schema/id-redirects.schema.json)"),
    ("a list", ("brief.md:\n" + REDIRECT, "- brief.md"),
     f"{REDIRECTS}: expected a mapping of a page's source file (like brief.md) to its old ids and their new ones"),
]


@pytest.mark.parametrize("change, message", [(c, m) for _, c, m in REDIRECT_FAULTS],
                         ids=[n for n, _, _ in REDIRECT_FAULTS])
def test_a_fault_in_the_id_redirects_is_named(tmp_path, change, message):
    text, _ = edited("id-redirects.yml", change)
    assert load_error(tmp_path, "id-redirects.yml", text, RegistryError) == message


def test_an_empty_id_redirects_file_declares_none(tmp_path):
    text = (ROOT / "data" / "id-redirects.yml").read_text(encoding="utf-8")
    assert load_text(tmp_path, "id-redirects.yml", text[:text.index("brief.md:")]) == {}
