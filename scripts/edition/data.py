"""The editors' data about the brief: cross-links, timeline, references and glossary, validated.

Four YAML files in data/ hold what the editors add around the author's text:

    data/crosslinks.yml   annotated links between paragraphs of the brief
    data/timeline.yml     every dated event the brief mentions or presupposes
    data/references.yml   the seven notes as bibliographic entries
    data/glossary.yml     people, places, organisations and terms, with their forms in the text

Each file's fields, their types, the required ones, the enums, the formats of ids, dates and
addresses, the refused characters and every length limit are declared once, in the file's JSON
Schema (scripts/edition/schema/<file>.schema.json, draft 2020-12, with common.schema.json for what
they share), and checked here with jsonschema (validate); LIMITS and TEXT_FIELDS are read from the
schemas. What a schema cannot say is checked in Python: every id they point at in the brief against
the places of the brief's model (edition.model), the files against each other (an event's
reference, a glossary entry's events), real days and their order. No address in them may be on a
host that does not qualify as a source (REFUSED_SOURCE_HOSTS: wikis, mirrors, document-sharing
sites, blogs, trivia sites). Anything wrong raises DataError with the file, the entry, the field and
what is wrong, e.g.

    data/timeline.yml: event 'crimea-2014': date '2014-13' is not YYYY, YYYY-MM or YYYY-MM-DD
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource

from edition.dates import PartialDate, check_not_after, date_range, parse_date
from edition.errors import DataError, EditionError
from edition.model import Brief
from edition.notation import _hidden as hidden_char, shows_all
from edition.yamlio import read_yaml

LINK_TARGET_RE = re.compile(r"\]\((?P<url>[^)\s]+)\)")
REFERENCE_TYPES = {  # the schema's reference types: (CSL-JSON type, BibTeX entry type)
    "newspaper": ("article-newspaper", "article"),
    "magazine": ("article-magazine", "article"),
    "document": ("document", "misc"),
    "report": ("report", "techreport"),
}

# --------------------------------------------------------------------------------------------
# The schemas: one JSON Schema (draft 2020-12) per data file, in edition/schema/, checked with
# jsonschema. They state the fields, their types, which are required, the enums, the formats of
# ids, dates and addresses, the refused characters and every length limit; the loaders below check
# only what a schema cannot (places of the brief, the files against each other, real days).

SCHEMA_DIR = Path(__file__).parent / "schema"
SCHEMA_FILES = ("crosslinks.yml", "timeline.yml", "references.yml", "glossary.yml", "citation.yml")
# What each file's entries are called in messages: its sections, each a list or a mapping of entries.
# citation.yml's sections are its two mappings, `work` and `edition`, each one entry.
SECTIONS: dict[str, dict[str, str]] = {
    "crosslinks.yml": {"threads": "thread", "links": "link"}, "timeline.yml": {"events": "event"},
    "references.yml": {"references": "reference"}, "glossary.yml": {"terms": "term"},
    "citation.yml": {"work": "", "edition": ""}}
PYTHON_TYPES = {"string": "str", "integer": "int", "array": "list", "object": "dict",
                "boolean": "bool", "number": "float", "null": "None"}


def schema_file(name: str) -> str:
    """The schema of data/<name>, as messages name it."""
    return f"scripts/edition/schema/{name.removesuffix('.yml')}.schema.json"


def _read_schema(file: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / file).read_text(encoding="utf-8"))


COMMON = _read_schema("common.schema.json")
SCHEMAS = {name: _read_schema(Path(schema_file(name)).name) for name in SCHEMA_FILES}
for _schema in (COMMON, *SCHEMAS.values()):
    Draft202012Validator.check_schema(_schema)
_REGISTRY = Registry().with_resource("common.schema.json", Resource.from_contents(COMMON))

# Characters that change how the text around them is shown without being seen: the bidi
# embeddings, overrides, isolates and marks, and the zero-width characters. Refused in every field.
# The list is the schema's (common.schema.json, $defs/plain: a pattern `^[^...]*$`).
_PLAIN = COMMON["$defs"]["plain"]["pattern"]
assert _PLAIN.startswith("^[^") and _PLAIN.endswith("]*$"), _PLAIN
REFUSED = re.compile(f"[{_PLAIN[3:-3]}]")


def visible(text: str) -> bool:
    """Whether the text shows anything: not empty once whitespace and REFUSED characters are gone."""
    return bool(REFUSED.sub("", text).strip())


def _hidden_in(text: str) -> str:
    """The first character the reader cannot see that is not plain whitespace (edition.notation's
    rule; a tab is allowed), or ""."""
    if shows_all(text, "\t\n"):
        return ""
    return next((c for c in text if c != "\t" and hidden_char(c)), "")


FORMATS = FormatChecker(formats=())
FORMATS.checks("edition-no-hidden")(lambda value: not isinstance(value, str) or not _hidden_in(value))
FORMATS.checks("edition-visible")(lambda value: not isinstance(value, str) or visible(value))


def _max_length(validator, limit, instance, schema):
    """maxLength, with a run of whitespace counted as one character (as the text is shown)."""
    if isinstance(instance, str):
        length = len(" ".join(instance.split()))
        if length > limit:
            yield ValidationError(f"is {length} characters long, over its limit of {limit}")


def _pattern(validator, pattern, instance, schema):
    """pattern, with `$` at the end of the string only: Python's `$` also matches before a final
    line break, which would let "1.1\n" pass `^[0-9.]+$` (ECMA-262's `$`, JSON Schema's, does not)."""
    if isinstance(instance, str):
        found = re.search(pattern, instance)
        if found is None or (pattern.endswith("$") and not pattern.endswith("\\$") and found.end() != len(instance)):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")


Validator = validators.extend(
    Draft202012Validator, {"maxLength": _max_length, "pattern": _pattern},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(  # a boolean or 1.0 is no integer
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool)))
_TYPES = SCHEMAS["references.yml"]["$defs"]["reference"]["properties"]["type"]["enum"]
assert list(REFERENCE_TYPES) == _TYPES, f"REFERENCE_TYPES must convert each type of the schema: {_TYPES}"
VALIDATORS = {name: Validator(schema, registry=_REGISTRY, format_checker=FORMATS)
              for name, schema in SCHEMAS.items()}


def _resolved(node: dict[str, Any], base: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A schema node with the keywords of what it refers to ($ref, in its file or common.schema.json)
    under its own, and the names of the $defs passed through."""
    if "$ref" not in node:
        return node, []
    file, _, pointer = node["$ref"].partition("#/$defs/")
    target_base = COMMON if file == "common.schema.json" else base
    target, names = _resolved(target_base["$defs"][pointer], target_base)
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}, [pointer, *names]


def _leaves(node: dict[str, Any], base: dict[str, Any], path: tuple[str, ...]):
    """(path, schema, $defs passed through) of every string field under `node`; a list's items
    share the list's path, a mapping's keys and values take their schema's `title`."""
    node, names = _resolved(node, base)
    for key, sub in node.get("properties", {}).items():
        yield from _leaves(sub, base, (*path, key))
    for keyword in ("propertyNames", "additionalProperties"):
        if isinstance(node.get(keyword), dict):
            yield from _leaves(node[keyword], base, (*path, node[keyword]["title"]))
    if "items" in node:
        yield from _leaves(node["items"], base, path)
    if "maxLength" in node:
        yield path, node, names


def _entry_fields(name: str):
    """(field as messages name it, schema, $defs) of each string field of data/<name>'s entries:
    `title`, `context.note`; in citation.yml with the section, `work.title`."""
    schema = SCHEMAS[name]
    for section in SECTIONS[name]:
        for path, node, names in _leaves(schema["properties"][section], schema, (section,)):
            yield ".".join(path if name == "citation.yml" else path[1:]), node, names


# The longest text each field may hold, in characters (a whitespace run counted as one), per file,
# as the schemas state them; a key `a.b` is field `b` inside `a`, and a list's limit holds for each
# of its items.
LIMITS: dict[str, dict[str, int]] = {
    name: {field: node["maxLength"] for field, node, _ in _entry_fields(name)} for name in SCHEMA_FILES}
# The fields that are text a reader sees (the schemas' `text` and `line`), not identifiers,
# addresses, codes or forms of the brief: each is rendered as text wherever it lands, in a
# tooltip's `title` too (edition.templates.tooltip_title), and tests/browser/test_plain_data.py
# puts markup in each.
TEXT_FIELDS: dict[str, list[str]] = {
    name: [field for field, _, names in _entry_fields(name) if "text" in names] for name in SCHEMA_FILES}


def _schema_at(name: str, path: list) -> dict[str, Any]:
    """The (resolved) schema of the value at `path` in data/<name>."""
    base = SCHEMAS[name]
    node, _ = _resolved(base, base)
    for step in path:
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step, node.get("additionalProperties"))
        node, _ = _resolved(node if isinstance(node, dict) else {}, base)
    return node


def _message(name: str, data: Any, shown_as: str, error: ValidationError) -> tuple[tuple, str]:
    """The error as the edition names it (file, entry, field, problem), with its place in the order
    the problems are reported: file order of the entries, then within an entry: the entry itself,
    its id, the required fields, unknown fields and types, display text, then formats and enums."""
    path = list(error.absolute_path)
    kind, value, spec = error.validator, error.instance, error.validator_value
    sections = SECTIONS[name]
    citation = name == "citation.yml"
    if not path:  # the file itself
        if kind == "additionalProperties":
            extra = next(k for k in value if k not in error.schema["properties"])
            return (-1, 1), (f"{shown_as}: unknown top-level key '{extra}' (known: "
                             f"{', '.join(error.schema['properties'])})")
        if kind == "required" and citation:
            missing = next(k for k in spec if k not in value)
            return (-1, 0), f"{shown_as}: `{missing}` is missing or not a mapping"
        if citation:
            return (-1, 0), f"{shown_as}: expected a mapping with `work` and `edition`"
        missing = next((k for k in spec if k not in value), "") if kind == "required" else ""
        return (-1, 0), f"{shown_as}: expected a mapping with the key `{missing or next(iter(sections))}:`"
    section = path[0]
    order = list(sections).index(section)
    if citation and len(path) == 1 and kind == "type":
        return (order, -1), f"{shown_as}: `{section}` is missing or not a mapping"
    if len(path) == 1 and "propertyNames" in error.relative_schema_path:
        where, field, entry, rest = f"{shown_as}: thread '{value}'", "thread", None, []
        key = (order, list(data[section]).index(value), 1)
    elif len(path) == 1 and not citation:
        if section == "threads":
            return (order, -1), f"{shown_as}: expected a mapping `threads:` of thread ids to labels"
        return (order, -1), f"{shown_as}: `{section}:` must be a non-empty list"
    else:
        if citation:
            entry, rest, where = data[section], path[1:], f"{shown_as}: `{section}`"
            key = (order, 0)
        elif section == "threads":
            entry, rest, where = {"label": value}, ["label"], f"{shown_as}: thread '{path[1]}'"
            key = (order, list(data[section]).index(path[1]))
        else:
            entry, rest, where = data[section][path[1]], path[2:], entry_name(
                shown_as, sections[section], data[section][path[1]], path[1])
            key = (order, path[1])
        field = ".".join(str(p) for p in rest if not isinstance(p, int))
    top = rest[0] if rest else None
    position = list(entry).index(top) if isinstance(entry, dict) and top in entry else 0
    named = f"`{section}.{field}`" if citation else field  # how a format error names the field

    def found(problem: str) -> str:
        return f"{shown_as}: {named} must be {problem} (found {value!r})"

    def pytype(types) -> str:
        return " or ".join(PYTHON_TYPES[t] for t in ([types] if isinstance(types, str) else types))

    if kind == "required" or (kind == "minItems" and rest and _required(name, path)) or (
            kind == "format" and spec == "edition-visible" and rest
            and not isinstance(rest[-1], int) and _required(name, path)):
        missing = (next(k for k in spec if k not in value) if kind == "required" else str(rest[-1]))
        at = [*path, missing] if kind == "required" else path
        inner = ".".join(str(p) for p in (rest if kind == "required" else rest[:-1]) if not isinstance(p, int))
        required = _schema_at(name, path if kind == "required" else path[:-1]).get("required", [])
        rank = (2 if not inner else 3, required.index(missing) if missing in required else 0)
        if citation:
            wanted = pytype(_schema_at(name, at).get("type", "string"))
            full = ".".join(str(p) for p in at if not isinstance(p, int))
            return (*key, *rank), (f"{shown_as}: `{full}` must be a non-empty {wanted} (found "
                                   f"{(value.get(missing) if kind == 'required' else value)!r})")
        return (*key, *rank), f"{where}: {inner + ': ' if inner else ''}missing required field '{missing}'"
    if kind == "type" and not rest:
        return (*key, 0, 0), f"{where}: expected a mapping of fields"
    if field == "id" and not citation:
        if kind == "pattern":
            return (*key, 1, 0), f"{where}: id '{value}' is not {error.schema['description']}"
        if kind == "type":
            return (*key, 1, 0), f"{where}: field 'id' should be str, not {type(value).__name__}"
    if kind == "type":
        if citation:
            return (*key, 3, position), found(f"a non-empty {pytype(spec)}")
        return (*key, 3, position), (f"{where}: field '{field}' should be {pytype(spec)}, not "
                                     f"{type(value).__name__}")
    if kind == "additionalProperties":
        extra = next(k for k in value if k not in error.schema.get("properties", {}))
        known = ", ".join(error.schema.get("properties", {}))
        inner = f"{field}: " if field else ""
        return (*key, 3, list(value).index(extra)), f"{where}: {inner}unknown field '{extra}' (known: {known})"
    # display text, in the order the problems of one string are reported: refused, hidden, empty, long
    problem = _text_problem(kind, spec, value, error, name)
    if problem == "is empty" and rest and isinstance(rest[-1], int):
        problem = "has an empty item"
    text_rank = {"pattern": 0, "format": 1 if spec == "edition-no-hidden" else 2, "maxLength": 3}
    if problem and problem != "must be one line":
        return (*key, 4, position, text_rank[kind]), f"{where}: field '{field}' {problem}"
    if kind == "minItems":
        return (*key, 5, position), f"{where}: field '{field}' must not be an empty list"
    if kind == "enum":
        if citation:
            return (*key, 5, position), found(f"one of {', '.join(map(str, spec))}")
        return (*key, 5, position), f"{where}: {field} '{value}' is not one of {', '.join(map(str, spec))}"
    if problem == "must be one line":
        return (*key, 5, position), f"{where}: {field} {problem}"
    if kind in ("pattern", "minimum", "maximum") and "description" in error.schema:
        if citation:
            return (*key, 5, position), found(error.schema["description"])
        return (*key, 5, position), f"{where}: {field} '{value}' is not {error.schema['description']}"
    return (*key, 6, position), f"{where}: field '{field}': {error.message}"


def _text_problem(kind: str, spec: Any, value: Any, error: ValidationError, name: str) -> str | None:
    """What is wrong with a display text, worded once for both converters (validate's _message and
    check_entries): a refused character, a hidden one, no visible text, too long, more than one
    line; None for any other fault."""
    if kind == "pattern" and spec == _PLAIN:
        char = REFUSED.search(value).group()
        return (f"contains U+{ord(char):04X} {unicodedata.name(char)} (bidi controls and zero-width "
                "characters are not allowed in display text)")
    if kind == "format" and spec == "edition-no-hidden":
        char = _hidden_in(value)
        return (f"contains U+{ord(char):04X} {unicodedata.name(char, 'unnamed')} (control characters and "
                "spaces other than the plain one are not allowed in display text)")
    if kind == "format" and spec == "edition-visible":
        return "is empty"
    if kind == "maxLength":
        return f"{error.message} (see {schema_file(name)})"
    if kind == "pattern" and error.schema.get("description") == COMMON["$defs"]["line"]["description"]:
        return "must be one line"
    return None


def _required(name: str, path: list) -> bool:
    """Whether the field at `path` (its last step a key) is one its mapping requires."""
    return isinstance(path[-1], str) and path[-1] in _schema_at(name, path[:-1]).get("required", [])


def entry_name(shown_as: str, noun: str, entry: Any, index: int) -> str:
    """How messages name an entry: by its id (a link by its ends), or by its number."""
    if noun == "link" and isinstance(entry, dict):
        return f"{shown_as}: link '{entry.get('from')} → {entry.get('to')}'"
    ident = entry.get("id") if isinstance(entry, dict) else None
    if isinstance(ident, str) and ident:
        return f"{shown_as}: {noun} '{ident}'"
    return f"{shown_as}: {noun} #{index + 1}"


# Data found valid in this process, by file name and a digest of the parsed YAML's repr (which tells
# 1 from "1" and a date from its text, and keeps mapping order): a build, a rebuild of `mkdocs serve`
# or a test loads files that did not change, and validity depends on nothing else.
_VALID: set[tuple[str, str]] = set()


def _faults(validator, name: str, data: Any):
    """The schema's faults in `data` (jsonschema's iter_errors); none, without looking, for data
    this process has already found valid."""
    key = (name, hashlib.sha256(repr(data).encode("utf-8")).hexdigest())
    if key in _VALID:
        return
    found = False
    for error in validator.iter_errors(data):
        found = True
        yield error
    if not found:
        _VALID.add(key)


def validate(name: str, data: Any, shown_as: str | None = None,
             error: type[EditionError] = DataError) -> None:
    """Check data/<name>'s parsed YAML against its schema; raise `error` naming the file, the
    entry, the field and the problem of the first fault (in file order), if there is one."""
    shown_as = shown_as or f"data/{name}"
    problems = sorted(_message(name, data, shown_as, e) for e in _faults(VALIDATORS[name], name, data))
    if problems:
        raise error(problems[0][1])


# --------------------------------------------------------------------------------------------
# Files whose loaders name their entries themselves: data/changelog.yml (edition.citation),
# data/damaged-zones.yml (edition.rules), data/interventions.yml (edition.notation) and
# data/id-redirects.yml (edition.registry). Their schemas (same folder, same rules of
# common.schema.json) hold one top-level list or mapping, or are one; check_entries turns the first fault into a message naming the file, the
# entry as the loader names it, the field in backticks and the problem.

ENTRY_SCHEMAS = {name: _read_schema(Path(schema_file(name)).name)
                 for name in ("changelog.yml", "damaged-zones.yml", "interventions.yml", "id-redirects.yml")}
for _schema in ENTRY_SCHEMAS.values():
    Draft202012Validator.check_schema(_schema)
ENTRY_VALIDATORS = {name: Validator(schema, registry=_REGISTRY, format_checker=FORMATS)
                    for name, schema in ENTRY_SCHEMAS.items()}
# The order in which the problems at one place are reported: the value's type, unknown fields,
# missing ones, then a text's refused characters, hidden ones, emptiness and length; then the rest.
_ENTRY_RANK = {"type": 0, "additionalProperties": 1, "required": 2, "maxLength": 6}


def _own_node(base: dict[str, Any], path: list) -> dict[str, Any]:
    """The schema node of the value at `path` in the file's own schema (its local $refs followed, not
    those to common.schema.json), or {} where the path leaves it."""
    def local(node: dict[str, Any]) -> dict[str, Any]:
        while node.get("$ref", "").startswith("#/$defs/"):
            node = {**base["$defs"][node["$ref"][len("#/$defs/"):]],
                    **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    node = local(base)
    for step in path:
        if isinstance(step, int):
            prefix = node.get("prefixItems", [])
            node = local(prefix[step] if step < len(prefix) else node.get("items", {}))
        else:
            extra = node.get("additionalProperties")
            node = local(node.get("properties", {}).get(step, extra if isinstance(extra, dict) else {}))
    return node


def _joined(label: str, keys: list[str], quote: str = "`") -> str:
    """A field as messages name it: `ids.added` entry 1: `page` (label, then the keys below it)."""
    field = quote + ".".join(keys) + quote if keys else ""
    return f"{label}: {field}" if label and field else label or field


def check_entries(name: str, data: Any, shown_as: str, entry_name: Callable[[list[str], Any, int], str | None],
                  error: type[EditionError] = DataError, quote: str = "`") -> None:
    """Check data/<name>'s parsed YAML against its schema (ENTRY_SCHEMAS); raise `error` with the first
    fault in file order, naming the file, the entry, the field in backticks and the problem. An item
    of a list is named by `entry_name(keys, item, index)` (keys: the fields that lead to the list from
    the last named entry, [] for the file's list), or, where that gives None, by the list's field and
    the item's number (`text` item 2, `ids.added` entry 1). The file's entries may be a mapping: then
    `index` is an entry's key. `quote`: what encloses a field's name in messages."""
    base = ENTRY_SCHEMAS[name]
    section = next(iter(base.get("properties", {})), None)  # None: the entries are the file's mapping
    entries, top = (data[section], 1) if section and isinstance(data, dict) and section in data else (data, 0)
    problems = []
    for e in _faults(ENTRY_VALIDATORS[name], name, data):
        path, kind, value, spec = list(e.absolute_path), e.validator, e.instance, e.validator_value
        renamed = "propertyNames" in e.schema_path  # a key (the instance) that is not a name the schema allows
        if len(path) <= top - 1 or (len(path) <= top and not renamed):  # the file itself, or its list
            if kind == "additionalProperties" and not path:
                extra = next(k for k in value if k not in base["properties"])
                problems.append(((), -1, f"{shown_as}: unknown top-level key '{extra}' (known: {section})"))
            elif section:
                problems.append(((), 0, f"{shown_as}: expected a mapping with `{section}:`, "
                                        f"{base['properties'][section]['description']}"))
            else:
                problems.append(((), 0, f"{shown_as}: expected {base['description']}"))
            continue
        where, label, keys, node, order = shown_as, "", [], entries, []
        for step in path[top:]:
            order.append(list(node).index(step) if isinstance(node, dict) else step)
            if isinstance(step, int) or node is entries:  # an item of a list, an entry of the file
                item = node[step]
                named = entry_name(keys, item, step) if not label else None
                if named:
                    where, label = f"{where}: {named}", ""
                else:  # `ids.added` entry 1, `text` item 2
                    noun = "entry" if isinstance(item, dict) else "item"
                    label = _joined(label, keys, quote) + f" {noun} {step + 1}"
                keys = []
            else:
                keys.append(step)
            node = node[step]
        if renamed:  # before the problems of its value
            order.append(list(node).index(value) - 0.5)
            inner = _joined(label, keys, quote)
            named = (entry_name(keys, node[value], value) if node is entries else None) or repr(value)
            problems.append((tuple(order), 0, f"{where}: {inner + ': ' if inner else ''}{named} is not "
                                              f"{e.schema.get('description') or 'a name allowed here'}"))
            continue
        field = _joined(label, keys, quote)
        lead = f"{where}: {field}: " if field else f"{where}: "
        rank = _ENTRY_RANK.get(kind, 7)
        if kind == "type" and not field:
            message = f"{where}: expected {_own_node(base, path).get('description') or 'a mapping of fields'}"
        elif kind == "additionalProperties":
            extra = next(k for k in value if k not in e.schema.get("properties", {}))
            message = f"{lead}unknown field '{extra}' (known: {', '.join(sorted(e.schema.get('properties', {})))})"
        elif kind == "required":
            message = f"{lead}missing required field '{next(k for k in spec if k not in value)}'"
        elif problem := _text_problem(kind, spec, value, e, name):
            if kind == "format":  # a hidden character, then no visible text (refused: 3, long: 6)
                rank = 4 if spec == "edition-no-hidden" else 5
            elif spec == _PLAIN:
                rank = 3
            message = f"{where}: {field} {problem}"
        elif kind == "enum":
            message = f"{where}: {field} {value!r} is not one of {', '.join(map(str, spec))}"
        elif kind == "type" and "description" not in _own_node(base, path):  # a text field's type
            types = " or ".join(PYTHON_TYPES[t] for t in ([spec] if isinstance(spec, str) else spec))
            message = f"{where}: {field} should be {types}, not {type(value).__name__}"
        else:
            wanted = _own_node(base, path).get("description") or e.schema.get("description")
            message = (f"{where}: {field} must be {wanted} (found {value!r})" if wanted
                       else f"{where}: {field}: {e.message}")
        problems.append((tuple(order), rank, message))
    if problems:
        raise error(min(problems)[2])


# Hosts whose pages do not qualify as a source for the editors' data, each with the reason: the
# data cite primary and official documents, newspapers of record and edited reference works
# (issue 17). A host refuses itself and its subdomains (wikipedia.org refuses en.m.wikipedia.org).
# Any address in any text field of the four data files is checked, except a reference's `url`,
# which is the address the brief's own note prints (check_sources).
REFUSED_SOURCE_HOSTS: dict[str, str] = {
    # Wikis: anyone may edit an entry, and it changes without notice.
    "wikipedia.org": "a wiki",
    "citizendium.org": "a wiki",
    "fandom.com": "a wiki",
    # Copies of Wikipedia and of other sites: they repeat a text without the control of its source.
    "wikimili.com": "a mirror of Wikipedia",
    "owiki.org": "a mirror of Wikipedia",
    "cryer.org.uk": "a mirror of Wikipedia",
    "lua.ovh": "a mirror of Wikipedia",
    "wikisum.wiki": "summaries of Wikipedia articles",
    "federal.elaws.us": "an unofficial mirror of the Federal Register",
    # Document-sharing sites: anyone may upload a copy, and nothing attests where it came from.
    "scribd.com": "a document-sharing site",
    "paperzz.com": "a document-sharing site",
    "docslib.org": "a document-sharing site",
    "studylib.net": "a document-sharing site",
    # Personal blogs and blog platforms: one person's page, without editorial control.
    "blogspot.com": "a blog platform",
    "wordpress.com": "a blog platform",
    "livejournal.com": "a blog platform",
    "sumpetblog.com": "a personal blog",
    # Trivia and aggregator sites: unattributed text, no editorial control.
    "freenews-en.tk": "an unattributed news aggregator",
    "mapsofworld.com": "a trivia site",
    "historyinorbit.com": "a trivia site",
    "cosmovisions.com": "a general-knowledge site without named authors",
    "answers.com": "a question-and-answer site",
    # School newspapers: student work, not a newspaper of record.
    "wohspioneer.org": "a high-school newspaper",
}
# The only exceptions: a copy of a work the brief itself cites, where that copy is all the editors
# saw of it. The data must call it a copy; it is evidence of what the cited work says, not an
# authority of its own.
WITNESS_COPIES: dict[str, str] = {
    "http://pacificsentinel.blogspot.com/2014/11/editorial-putin-signals-russias-shift.html":
        "the only copy seen of the article note 1 cites (Kucera, The Diplomat, October 31, 2014)",
}
URL_RE = re.compile(r"https?://[^\s<>\"“”‘’]+")  # an address in display text


def shown(path: Path) -> str:
    """A data file as messages name it: data/<name> (every data file lives in the data folder)."""
    path = Path(path)
    return f"data/{path.name}" if path.parent.name == "data" else str(path)


# --------------------------------------------------------------------------------------------
# Shared checks


def refused_host(url: str) -> str:
    """The entry of REFUSED_SOURCE_HOSTS that the address's host falls under, or ""."""
    host = (urlsplit(url).hostname or "").lower()
    return next((h for h in REFUSED_SOURCE_HOSTS if host == h or host.endswith("." + h)), "")


def check_sources(value: Any, where: str, path: str = "", exempt: tuple[str, ...] = ()) -> None:
    """No address in `value` (a field, or a mapping or list of them) is on a refused host."""
    if path in exempt:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            check_sources(item, where, f"{path}.{key}" if path else str(key), exempt)
    elif isinstance(value, list):
        for item in value:
            check_sources(item, where, path, exempt)
    elif isinstance(value, str):
        for match in URL_RE.finditer(value):
            url = match.group().rstrip(".,;:)")
            host = refused_host(url)
            if host and url not in WITNESS_COPIES:
                raise DataError(f"{where}: field '{path}' cites {url}: its host "
                                f"{urlsplit(url).hostname} is {REFUSED_SOURCE_HOSTS[host]}, which does "
                                "not qualify as a source (edition.data.REFUSED_SOURCE_HOSTS)")


def load_valid(path: Path) -> Any:
    """The data file's YAML, valid against its schema (a DataError naming the file, the entry and
    the field otherwise)."""
    data = read_yaml(path, shown(path), DataError)
    validate(path.name, data, shown(path))
    return data


def named_entries(path: Path, data: dict, section: str) -> list[tuple[str, dict]]:
    """Each entry of a (valid) section with its name for messages; an id given twice is refused."""
    noun, seen, out = SECTIONS[path.name][section], set(), []
    for i, entry in enumerate(data[section]):
        where = entry_name(shown(path), noun, entry, i)
        if "id" in entry:
            if entry["id"] in seen:
                raise DataError(f"{where}: duplicate id '{entry['id']}'")
            seen.add(entry["id"])
        out.append((where, entry))
    return out


def check_place(value: str, brief: Brief, where: str, field_name: str) -> str:
    if not brief.exists(value):
        raise DataError(f"{where}: {field_name} '{value}' is not the id of a paragraph of "
                        "docs/brief.md")
    return value


def squash(value: str) -> str:
    """The text as it is shown: its whitespace runs as single spaces, none at the ends."""
    return " ".join(value.split())


# --------------------------------------------------------------------------------------------
# data/references.yml


@dataclass
class Reference:
    id: str
    note: int
    type: str
    title: str
    date: PartialDate
    url: str
    authors: list[dict[str, str]]
    organization: str
    container: str
    publisher: str
    date_as_printed: PartialDate | None
    editors_notes: list[str]
    sort_key: str = ""
    archived: str = ""  # the 14-digit timestamp of a known Wayback Machine capture ("" if none is known)

    @property
    def archive_url(self) -> str:
        """A known capture, or else the Wayback Machine's list of every capture of the address."""
        return f"https://web.archive.org/web/{self.archived or '*'}/{self.url}"

    @property
    def archive_label(self) -> str:
        """What the archive link is, honestly: a capture, or a look-up that may find none."""
        if self.archived:
            a = self.archived
            return f"Archived copy (Wayback Machine, captured {a[:4]}-{a[4:6]}-{a[6:8]})"
        return "Look up archived copies (Wayback Machine)"

    @property
    def csl_type(self) -> str:
        return REFERENCE_TYPES[self.type][0]

    @property
    def bibtex_type(self) -> str:
        return REFERENCE_TYPES[self.type][1]


def load_references(path: Path, brief: Brief, latest: str | None = None) -> dict[str, Reference]:
    """The notes as bibliographic entries; each URL must be the one its note prints (repaired).
    `latest`: the edition's date (YYYY-MM-DD), after which a date needs its 'editors_notes'."""
    data = load_valid(path)
    refs: dict[str, Reference] = {}
    notes: dict[int, str] = {}
    for where, e in named_entries(path, data, "references"):
        rid = e["id"]
        check_sources(e, where, exempt=("url",))
        archived = str(e.get("archived") or "")
        if e["note"] not in brief.footnotes:
            raise DataError(f"{where}: note {e['note']} is not a footnote of docs/brief.md")
        if e["note"] in notes:
            raise DataError(f"{where}: note {e['note']} already has the entry '{notes[e['note']]}'")
        notes[e["note"]] = rid
        urls = [m["url"] for m in LINK_TARGET_RE.finditer(brief.footnotes[e["note"]])]
        if e["url"] not in urls:
            raise DataError(f"{where}: url '{e['url']}' is not the address note {e['note']} of "
                            f"docs/brief.md links to ({', '.join(urls) or 'none'})")
        authors = e.get("authors") or []
        if not authors and not e.get("organization") and not e.get("container"):
            raise DataError(f"{where}: give 'authors', 'organization' or at least 'container'")
        if e.get("publisher") and squash(e["publisher"]) == squash(e.get("container") or ""):
            raise DataError(f"{where}: 'publisher' repeats 'container' ('{e['publisher']}'): every "
                            "citation style would print it twice; give it once")
        printed = parse_date(e["date_as_printed"], where, "date_as_printed") if e.get("date_as_printed") else None
        notes_list = [squash(n) for n in e.get("editors_notes") or []]
        date = parse_date(e["date"], where)
        check_not_after(date, latest, where, "date", "editors_notes", bool(notes_list))
        if printed and printed != date and not notes_list:
            raise DataError(f"{where}: the note prints {printed.iso} but the date is {date.iso}: "
                            "say why in 'editors_notes'")
        first = authors[0]["family"] if authors else e.get("organization") or squash(e["title"])
        refs[rid] = Reference(
            id=rid, note=e["note"], type=e["type"], title=squash(e["title"]), date=date,
            url=e["url"], authors=authors, organization=e.get("organization") or "",
            container=e.get("container") or "", publisher=e.get("publisher") or "",
            date_as_printed=printed, editors_notes=notes_list,
            sort_key=re.sub(r"^[“”\"'‘’]|^(The|A|An) ", "", first).lower(), archived=archived)
    missing = sorted(set(brief.footnotes) - set(notes))
    if missing:
        raise DataError(f"{shown(path)}: no entry for note(s) {', '.join(map(str, missing))} of "
                        "docs/brief.md")
    return refs


# --------------------------------------------------------------------------------------------
# data/timeline.yml


@dataclass
class Event:
    id: str
    date: PartialDate
    end: PartialDate | None
    title: str
    kind: str
    mentions: list[str]
    reference: str
    brief_date: PartialDate | None
    context: dict[str, str] | None

    @property
    def when(self) -> str:
        return date_range(self.date, self.end)


def load_timeline(path: Path, brief: Brief, refs: dict[str, Reference],
                  latest: str | None = None) -> list[Event]:
    """Events in date order. A date the brief does not give as such, or one after the edition's
    own date (`latest`, YYYY-MM-DD), needs the editors' context."""
    data = load_valid(path)
    events: list[Event] = []
    for where, e in named_entries(path, data, "events"):
        eid = e["id"]
        check_sources(e, where)
        date = parse_date(e["date"], where)
        end = parse_date(e["end"], where, "end") if e.get("end") is not None else None
        if end and end.sort_key <= date.sort_key:
            raise DataError(f"{where}: end '{end.iso}' is not after date '{date.iso}'")
        kind = e.get("kind") or "event"
        ref = e.get("reference") or ""
        if ref and ref not in refs:
            raise DataError(f"{where}: reference '{ref}' is not an entry of data/references.yml")
        if kind == "source" and not ref:
            raise DataError(f"{where}: a source event needs its 'reference'")
        for m in e["mentions"]:
            check_place(m, brief, where, "mention")
        brief_date = parse_date(e["brief_date"], where, "brief_date") if e.get("brief_date") is not None else None
        context = e.get("context")
        for value, name in ((date, "date"), (end, "end")):
            if value is not None:
                check_not_after(value, latest, where, name, "context", context is not None)
        if context is not None:
            context = {k: squash(v) for k, v in context.items()}
        if (brief_date != date or end is not None) and context is None:
            given = f"dates it {brief_date.iso}" if brief_date else "gives no date"
            raise DataError(f"{where}: the brief {given}, the event is dated {date.iso}"
                            f"{'–' + end.iso if end else ''}: the editors' 'context' (note and "
                            "source) must say where the date comes from")
        events.append(Event(eid, date, end, squash(e["title"]), kind,
                            list(e["mentions"]), ref, brief_date, context))
    return sorted(events, key=lambda ev: (ev.date.sort_key, ev.kind != "event"))


# --------------------------------------------------------------------------------------------
# data/crosslinks.yml


@dataclass
class Crosslink:
    source: str
    target: str
    thread: str
    note: str


def load_crosslinks(path: Path, brief: Brief) -> tuple[dict[str, str], list[Crosslink]]:
    """The threads (id: label) and the links, each from one paragraph to another."""
    data = load_valid(path)
    threads = data["threads"]
    links: list[Crosslink] = []
    seen: set[tuple[str, str]] = set()
    for where, e in named_entries(path, data, "links"):
        check_sources(e, where)
        check_place(e["from"], brief, where, "from")
        check_place(e["to"], brief, where, "to")
        if e["from"] == e["to"]:
            raise DataError(f"{where}: a paragraph cannot link to itself")
        if (e["from"], e["to"]) in seen:
            raise DataError(f"{where}: duplicate link")
        seen.add((e["from"], e["to"]))
        if e["thread"] not in threads:
            raise DataError(f"{where}: thread '{e['thread']}' is not one of {', '.join(threads)}")
        links.append(Crosslink(e["from"], e["to"], e["thread"], squash(e["note"])))
    return {k: squash(v) for k, v in threads.items()}, links


# --------------------------------------------------------------------------------------------
# data/glossary.yml


@dataclass
class Term:
    id: str
    term: str
    kind: str
    forms: list[str]
    short: str
    definition: str
    see: list[str]
    events: list[str]
    occurs_in: list[str] = field(default_factory=list)  # ids of the brief's blocks

    @property
    def kind_label(self) -> str:
        """The kind as the Glossary page shows it: Person, Place, Organisation, Term."""
        return self.kind.capitalize()


def form_re(form: str) -> re.Pattern:
    """How the abbr extension finds a form: the exact string between word boundaries."""
    return re.compile(rf"\b{re.escape(form)}\b")


def load_glossary(path: Path, brief: Brief, events: list[Event]) -> list[Term]:
    """Glossary entries in alphabetical order; every form must occur in the brief."""
    data = load_valid(path)
    event_ids = {e.id for e in events}
    terms: list[Term] = []
    forms_seen: dict[str, str] = {}
    for where, e in named_entries(path, data, "terms"):
        tid = e["id"]
        check_sources(e, where)
        occurs: list[str] = []
        for form in e["forms"]:
            if re.search(r"[\]\n]", form):
                raise DataError(f"{where}: form {form!r} must be a one-line string without ']'")
            if form in forms_seen:
                raise DataError(f"{where}: form '{form}' is already a form of '{forms_seen[form]}'")
            forms_seen[form] = tid
            hits = [p.id for p in brief.places.values() if form_re(form).search(p.text)]
            if not hits:
                raise DataError(f"{where}: form '{form}' does not occur in docs/brief.md")
            occurs += [h for h in hits if h not in occurs]
        for ev in e.get("events") or []:
            if ev not in event_ids:
                raise DataError(f"{where}: event '{ev}' is not an event of data/timeline.yml")
        short = squash(e["short"])
        order = list(brief.places)
        terms.append(Term(tid, e["term"].strip(), e["kind"], list(e["forms"]), short,
                          squash(e["definition"]), list(e.get("see") or []),
                          list(e.get("events") or []), sorted(occurs, key=order.index)))
    ids = {t.id for t in terms}
    for t in terms:
        for other in t.see:
            if other not in ids:
                raise DataError(f"{shown(path)}: term '{t.id}': see '{other}' is not a term of "
                                "this glossary")
    return sorted(terms, key=lambda t: t.term.lower())


def glossary_map(terms: list[Term]) -> dict[str, str]:
    """Every form of every term, with its one-line gloss: what the tooltips show."""
    return {form: t.short for t in terms for form in t.forms}
