"""The editors' data about the brief: cross-links, timeline, references and glossary, validated.

Four YAML files in data/ hold what the editors add around the author's text:

    data/crosslinks.yml   annotated links between paragraphs of the brief
    data/timeline.yml     every dated event the brief mentions or presupposes
    data/references.yml   the seven notes as bibliographic entries
    data/glossary.yml     people, places, organisations and terms, with their forms in the text

Every id they point at in the brief is checked against the ids docs/brief.md gives its blocks
(critic.block_ids), and they are checked against each other (an event's reference, a glossary
entry's events). Anything wrong raises DataError with the file, the entry and what is wrong, e.g.

    data/timeline.yml: event 'crimea-2014': date '2014-13' is not YYYY, YYYY-MM or YYYY-MM-DD

The build hooks (overrides/hooks/) turn that into a PluginError that stops the build;
scripts/check_data.py runs the same validation from the command line.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import critic

ROOT = critic.ROOT
DATA_DIR = ROOT / "data"
CROSSLINKS_FILE = DATA_DIR / "crosslinks.yml"
TIMELINE_FILE = DATA_DIR / "timeline.yml"
REFERENCES_FILE = DATA_DIR / "references.yml"
GLOSSARY_FILE = DATA_DIR / "glossary.yml"

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<title>.*?)[ \t]*(?:\{[^}\n]*\})?[ \t]*$")
TAG_RE = re.compile(r"<[^>\n]+>")
FOOTNOTE_REF_RE = re.compile(r"\[\^(\d+)\](?!:)")
LINK_TARGET_RE = re.compile(r"\]\((?P<url>[^)\s]+)\)")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
EVENT_KINDS = ("event", "source")
REFERENCE_TYPES = {  # our type: (CSL-JSON type, BibTeX entry type)
    "newspaper": ("article-newspaper", "article"),
    "magazine": ("article-magazine", "article"),
    "document": ("document", "misc"),
    "report": ("report", "techreport"),
}
GLOSSARY_KINDS = {"person": "Person", "place": "Place", "organisation": "Organisation",
                  "term": "Term"}
TITLE_MAX = 160


class DataError(ValueError):
    """A data file is malformed; the message names the file, the entry and what is wrong."""


def shown(path: Path) -> str:
    """A path as messages show it: relative to the repository when it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------------------------
# Dates at their true precision


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """YYYY, YYYY-MM or YYYY-MM-DD: what an HTML <time datetime> takes."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def display(self) -> str:
        """As the brief writes dates: October 31, 2014; December 2016; 1956."""
        if self.day:
            return f"{MONTHS[self.month - 1]} {self.day}, {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def csl(self) -> list[int]:
        """CSL-JSON date-parts."""
        return [p for p in (self.year, self.month, self.day) if p]


def parse_date(value: Any, where: str, name: str = "date") -> PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD (YAML may give a bare year as int or a full date as date)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    elif hasattr(value, "isoformat"):
        value = value.isoformat()
    text = str(value)
    m = DATE_RE.match(text) if isinstance(value, str) else None
    bad = DataError(f"{where}: {name} '{text}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    if not m:
        raise bad
    year, month, day = int(m["y"]), m["m"] and int(m["m"]), m["d"] and int(m["d"])
    if month is not None and not 1 <= month <= 12:
        raise bad
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise bad
    return PartialDate(year, month or None, day or None)


def date_range(start: PartialDate, end: PartialDate | None) -> str:
    """December 15–16, 2016; March 2014; 1945."""
    if end is None:
        return start.display
    if start.precision == end.precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{MONTHS[start.month - 1]} {start.day}–{end.day}, {start.year}"
    if start.year == end.year and start.day and end.day:
        return f"{MONTHS[start.month - 1]} {start.day} – {MONTHS[end.month - 1]} {end.day}, {start.year}"
    return f"{start.display} – {end.display}"


# --------------------------------------------------------------------------------------------
# What the brief offers to point at


@dataclass
class Place:
    """A block of the brief that has an id: how the editors' links name it."""

    id: str
    label: str  # "The Security Agenda ¶ 3", "note 2", "pull-quote 1"
    section: str  # the id of the section it stands in
    text: str  # its reading text, marks resolved, markup stripped


@dataclass
class Brief:
    """The ids of docs/brief.md and what stands under each."""

    places: dict[str, Place]
    footnotes: dict[int, str]  # note number: reading text of the note
    cited_in: dict[int, str] = field(default_factory=dict)  # note number: id of the citing paragraph

    def exists(self, block_id: str) -> bool:
        return block_id in self.places


def plain(markdown: str) -> str:
    """The words of a piece of the brief's Markdown: marks resolved, tags and attributes dropped."""
    text = critic.reading_text(markdown)
    text = re.sub(r"\{:?[ \t]*[#.][^}\n]*\}", " ", text)
    text = TAG_RE.sub(" ", text)
    text = re.sub(r"\[([^\[\]\n]*)\]\([^)\s]*\)", r"\1", text)
    text = re.sub(r"\[\^\d+\]:?", " ", text)
    return " ".join(text.split())


def read_brief(path: Path = critic.BRIEF) -> Brief:
    """Every block of the brief that has an id, with a readable label and its section."""
    text = path.read_text(encoding="utf-8")
    places: dict[str, Place] = {}
    footnotes: dict[int, str] = {}
    cited_in: dict[int, str] = {}
    section, section_title = "", ""
    for start, end, block_id in critic.block_ids(text):
        chunk = text[start:end]
        heading = HEADING_RE.match(chunk.strip()) if chunk.lstrip().startswith("#") else None
        if heading and block_id:
            section, section_title = block_id, plain(heading["title"])
            places[block_id] = Place(block_id, section_title, section, section_title)
            continue
        if not block_id:
            continue
        if block_id.startswith("fn:"):
            n = int(block_id[3:])
            body = critic.FOOTNOTE_DEF_RE.match(chunk.strip())
            footnotes[n] = critic.reading_text(body["text"]) if body else ""
            label = f"note {n}"
        elif block_id.startswith("pull-quote-"):
            label = f"pull-quote {block_id.rsplit('-', 1)[1]}"
        elif re.search(r"-\d+$", block_id):
            label = f"{section_title} ¶ {block_id.rsplit('-', 1)[1]}"
        else:
            label = block_id.replace("-", " ").capitalize()  # imprint, disclaimer: "Imprint"
        for ref in FOOTNOTE_REF_RE.finditer(chunk):
            cited_in.setdefault(int(ref.group(1)), block_id)
        places[block_id] = Place(block_id, label, section, plain(chunk))
    return Brief(places, footnotes, cited_in)


# --------------------------------------------------------------------------------------------
# Shared checks


def load_yaml(path: Path, top_key: str) -> Any:
    """The YAML file's value under `top_key`, or a DataError naming the file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(f"{shown(path)}: file not found") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{shown(path)}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or top_key not in data:
        raise DataError(f"{shown(path)}: expected a mapping with the key `{top_key}:`")
    return data


def check_fields(entry: Any, where: str, required: dict[str, type | tuple],
                 optional: dict[str, type | tuple] | None = None) -> None:
    """Required fields present and non-empty, every field of the right type, no unknown field."""
    optional = optional or {}
    if not isinstance(entry, dict):
        raise DataError(f"{where}: expected a mapping of fields")
    for key, kind in required.items():
        value = entry.get(key)
        if value is None or (isinstance(value, (str, list, dict)) and not value):
            raise DataError(f"{where}: missing required field '{key}'")
    for key, value in entry.items():
        kind = required.get(key, optional.get(key))
        if kind is None:
            known = ", ".join(list(required) + list(optional))
            raise DataError(f"{where}: unknown field '{key}' (known: {known})")
        if value is not None and not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise DataError(f"{where}: field '{key}' should be {names}, not {type(value).__name__}")


def check_id(value: Any, path: Path, noun: str, seen: set[str], index: int) -> str:
    """A readable, unique id: lower-case words joined by hyphens."""
    if not isinstance(value, str) or not value:
        raise DataError(f"{shown(path)}: {noun} #{index + 1}: missing required field 'id'")
    if not ID_RE.match(value):
        raise DataError(f"{shown(path)}: {noun} '{value}': id '{value}' is not lower-case words "
                        "joined by hyphens")
    if value in seen:
        raise DataError(f"{shown(path)}: {noun} '{value}': duplicate id '{value}'")
    seen.add(value)
    return value


def check_place(value: str, brief: Brief, where: str, field_name: str) -> str:
    if not brief.exists(value):
        raise DataError(f"{where}: {field_name} '{value}' is not the id of a paragraph of "
                        "docs/brief.md")
    return value


def one_line(value: str, where: str, field_name: str, limit: int = TITLE_MAX) -> str:
    text = " ".join(value.split())
    if "\n" in value.strip() or len(text) > limit:
        raise DataError(f"{where}: {field_name} must be one line of at most {limit} characters")
    return text


def entries(data: dict, key: str, path: Path) -> list:
    value = data[key]
    if not isinstance(value, list) or not value:
        raise DataError(f"{shown(path)}: `{key}:` must be a non-empty list")
    return value


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

    @property
    def archive_url(self) -> str:
        return f"https://web.archive.org/web/2017/{self.url}"

    @property
    def csl_type(self) -> str:
        return REFERENCE_TYPES[self.type][0]

    @property
    def bibtex_type(self) -> str:
        return REFERENCE_TYPES[self.type][1]


def load_references(path: Path, brief: Brief) -> dict[str, Reference]:
    """The notes as bibliographic entries; each URL must be the one its note prints (repaired)."""
    data = load_yaml(path, "references")
    refs: dict[str, Reference] = {}
    seen: set[str] = set()
    notes: dict[int, str] = {}
    for i, e in enumerate(entries(data, "references", path)):
        rid = check_id(e.get("id") if isinstance(e, dict) else None, path, "reference", seen, i)
        where = f"{shown(path)}: reference '{rid}'"
        check_fields(e, where, {"id": str, "note": int, "type": str, "title": str, "date": (str, int, object),
                                "url": str},
                     {"authors": list, "organization": str, "container": str, "publisher": str,
                      "date_as_printed": (str, int, object), "editors_notes": list})
        if e["type"] not in REFERENCE_TYPES:
            raise DataError(f"{where}: type '{e['type']}' is not one of {', '.join(REFERENCE_TYPES)}")
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
        for a in authors:
            if not isinstance(a, dict) or not a.get("family") or not a.get("given") or set(a) - {"family", "given"}:
                raise DataError(f"{where}: each of 'authors' needs exactly 'family' and 'given'")
        if not authors and not e.get("organization") and not e.get("container"):
            raise DataError(f"{where}: give 'authors', 'organization' or at least 'container'")
        printed = parse_date(e["date_as_printed"], where, "date_as_printed") if e.get("date_as_printed") else None
        notes_list = [" ".join(str(n).split()) for n in e.get("editors_notes") or []]
        date = parse_date(e["date"], where)
        if printed and printed != date and not notes_list:
            raise DataError(f"{where}: the note prints {printed.iso} but the date is {date.iso}: "
                            "say why in 'editors_notes'")
        first = authors[0]["family"] if authors else e.get("organization") or one_line(e["title"], where, "title", 400)
        refs[rid] = Reference(
            id=rid, note=e["note"], type=e["type"], title=" ".join(e["title"].split()), date=date,
            url=e["url"], authors=authors, organization=e.get("organization") or "",
            container=e.get("container") or "", publisher=e.get("publisher") or "",
            date_as_printed=printed, editors_notes=notes_list,
            sort_key=re.sub(r"^[“”\"'‘’]|^(The|A|An) ", "", first).lower())
    missing = sorted(set(brief.footnotes) - set(notes))
    if missing:
        raise DataError(f"{shown(path)}: no entry for note(s) {', '.join(map(str, missing))} of "
                        "docs/brief.md")
    return refs


BIBTEX_SPECIAL_RE = re.compile(r"([&%$#_{}])")
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
WORK = ("Chris Miller, “Japan–Russia Relations: The View from Moscow,” Policy Brief "
        "(The German Marshall Fund of the United States, April 2017)")


def _tex(value: str) -> str:
    """A BibTeX field value with TeX's special characters escaped."""
    return BIBTEX_SPECIAL_RE.sub(r"\\\1", value)


def bibtex(refs: dict[str, Reference]) -> str:
    """The references as a BibTeX file (UTF-8), one entry per note, keyed by the entry's id."""
    out = [f"% The sources cited in {WORK}.",
           "% Generated from data/references.yml by the web edition; UTF-8.", ""]
    for r in sorted(refs.values(), key=lambda r: r.note):
        fields: list[tuple[str, str]] = []
        if r.authors:
            fields.append(("author", " and ".join(f"{_tex(a['family'])}, {_tex(a['given'])}" for a in r.authors)))
        elif r.organization:
            fields.append(("author", "{" + _tex(r.organization) + "}"))
        fields.append(("title", "{" + _tex(r.title) + "}"))
        if r.bibtex_type == "article":
            fields.append(("journal", _tex(r.container)))
        elif r.bibtex_type == "techreport":
            fields.append(("institution", _tex(r.publisher or r.container)))
            fields.append(("type", "Publication"))
        elif r.container:
            fields.append(("howpublished", _tex(r.container)))
        fields.append(("year", str(r.date.year)))
        if r.date.month:
            fields.append(("month", BIBTEX_MONTHS[r.date.month - 1]))
        fields.append(("date", r.date.iso))
        fields.append(("url", r.url))
        fields.append(("note", _tex(f"Cited in note {r.note} of {WORK}. Archived copy: {r.archive_url}")))
        body = ",\n".join(f"  {k} = {v}" if k == "month" else f"  {k} = {{{v}}}" for k, v in fields)
        out.append(f"@{r.bibtex_type}{{{r.id},\n{body}\n}}\n")
    return "\n".join(out)


def csl_json(refs: dict[str, Reference]) -> str:
    """The references as CSL-JSON (what Zotero, Mendeley and pandoc import)."""
    items = []
    for r in sorted(refs.values(), key=lambda r: r.note):
        item: dict[str, Any] = {"id": r.id, "type": r.csl_type, "title": r.title}
        if r.authors:
            item["author"] = [{"family": a["family"], "given": a["given"]} for a in r.authors]
        elif r.organization:
            item["author"] = [{"literal": r.organization}]
        if r.container:
            item["container-title"] = r.container
        if r.publisher:
            item["publisher"] = r.publisher
        item["issued"] = {"date-parts": [r.date.csl()]}
        item["URL"] = r.url
        item["note"] = f"Cited in note {r.note} of {WORK}. Archived copy: {r.archive_url}"
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


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


def load_timeline(path: Path, brief: Brief, refs: dict[str, Reference]) -> list[Event]:
    """Events in date order. A date the brief does not give as such needs the editors' context."""
    data = load_yaml(path, "events")
    events: list[Event] = []
    seen: set[str] = set()
    for i, e in enumerate(entries(data, "events", path)):
        eid = check_id(e.get("id") if isinstance(e, dict) else None, path, "event", seen, i)
        where = f"{shown(path)}: event '{eid}'"
        check_fields(e, where, {"id": str, "date": (str, int, object), "title": str, "mentions": list},
                     {"end": (str, int, object), "kind": str, "reference": str,
                      "brief_date": (str, int, object), "context": dict})
        date = parse_date(e["date"], where)
        end = parse_date(e["end"], where, "end") if e.get("end") is not None else None
        if end and end.sort_key <= date.sort_key:
            raise DataError(f"{where}: end '{end.iso}' is not after date '{date.iso}'")
        kind = e.get("kind") or "event"
        if kind not in EVENT_KINDS:
            raise DataError(f"{where}: kind '{kind}' is not one of {', '.join(EVENT_KINDS)}")
        ref = e.get("reference") or ""
        if ref and ref not in refs:
            raise DataError(f"{where}: reference '{ref}' is not an entry of data/references.yml")
        if kind == "source" and not ref:
            raise DataError(f"{where}: a source event needs its 'reference'")
        for m in e["mentions"]:
            if not isinstance(m, str):
                raise DataError(f"{where}: mentions must be paragraph ids, not {m!r}")
            check_place(m, brief, where, "mention")
        brief_date = parse_date(e["brief_date"], where, "brief_date") if e.get("brief_date") is not None else None
        context = e.get("context")
        if context is not None:
            check_fields(context, f"{where}: context", {"note": str, "source": str})
            context = {k: " ".join(v.split()) for k, v in context.items()}
        if (brief_date != date or end is not None) and context is None:
            given = f"dates it {brief_date.iso}" if brief_date else "gives no date"
            raise DataError(f"{where}: the brief {given}, the event is dated {date.iso}"
                            f"{'–' + end.iso if end else ''}: the editors' 'context' (note and "
                            "source) must say where the date comes from")
        events.append(Event(eid, date, end, one_line(e["title"], where, "title"), kind,
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
    data = load_yaml(path, "links")
    threads = data.get("threads")
    if not isinstance(threads, dict) or not threads:
        raise DataError(f"{shown(path)}: expected a mapping `threads:` of thread ids to labels")
    for tid, label in threads.items():
        if not isinstance(tid, str) or not ID_RE.match(tid) or not isinstance(label, str) or not label.strip():
            raise DataError(f"{shown(path)}: thread '{tid}': needs a lower-case id and a label")
    links: list[Crosslink] = []
    seen: set[tuple[str, str]] = set()
    for i, e in enumerate(entries(data, "links", path)):
        name = f"{e.get('from')} → {e.get('to')}" if isinstance(e, dict) else f"#{i + 1}"
        where = f"{shown(path)}: link '{name}'"
        check_fields(e, where, {"from": str, "to": str, "thread": str, "note": str})
        check_place(e["from"], brief, where, "from")
        check_place(e["to"], brief, where, "to")
        if e["from"] == e["to"]:
            raise DataError(f"{where}: a paragraph cannot link to itself")
        if (e["from"], e["to"]) in seen:
            raise DataError(f"{where}: duplicate link")
        seen.add((e["from"], e["to"]))
        if e["thread"] not in threads:
            raise DataError(f"{where}: thread '{e['thread']}' is not one of {', '.join(threads)}")
        links.append(Crosslink(e["from"], e["to"], e["thread"], one_line(e["note"], where, "note", 300)))
    return {k: v.strip() for k, v in threads.items()}, links


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
        return GLOSSARY_KINDS[self.kind]


def form_re(form: str) -> re.Pattern:
    """How the abbr extension finds a form: the exact string between word boundaries."""
    return re.compile(rf"\b{re.escape(form)}\b")


def load_glossary(path: Path, brief: Brief, events: list[Event]) -> list[Term]:
    """Glossary entries in alphabetical order; every form must occur in the brief."""
    data = load_yaml(path, "terms")
    event_ids = {e.id for e in events}
    terms: list[Term] = []
    seen: set[str] = set()
    forms_seen: dict[str, str] = {}
    for i, e in enumerate(entries(data, "terms", path)):
        tid = check_id(e.get("id") if isinstance(e, dict) else None, path, "term", seen, i)
        where = f"{shown(path)}: term '{tid}'"
        check_fields(e, where, {"id": str, "term": str, "kind": str, "forms": list, "short": str,
                                "definition": str}, {"see": list, "events": list})
        if e["kind"] not in GLOSSARY_KINDS:
            raise DataError(f"{where}: kind '{e['kind']}' is not one of {', '.join(GLOSSARY_KINDS)}")
        occurs: list[str] = []
        for form in e["forms"]:
            if not isinstance(form, str) or not form.strip() or re.search(r"[\]\n]", form):
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
        short = one_line(e["short"], where, "short", 200)
        if '"' in short:
            raise DataError(f"{where}: short must not contain '\"' (it becomes a tooltip)")
        order = list(brief.places)
        terms.append(Term(tid, e["term"].strip(), e["kind"], list(e["forms"]), short,
                          " ".join(e["definition"].split()), list(e.get("see") or []),
                          list(e.get("events") or []), sorted(occurs, key=order.index)))
    ids = {t.id for t in terms}
    for t in terms:
        for other in t.see:
            if other not in ids:
                raise DataError(f"{shown(path)}: term '{t.id}': see '{other}' is not a term of "
                                "this glossary")
    return sorted(terms, key=lambda t: t.term.lower())


def abbreviations(terms: list[Term]) -> str:
    """The Markdown abbreviation definitions (abbr extension) for every form of every term."""
    lines = [f"*[{form}]: {t.short}" for t in terms for form in t.forms]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Everything at once


@dataclass
class EditionData:
    brief: Brief
    references: dict[str, Reference]
    events: list[Event]
    threads: dict[str, str]
    crosslinks: list[Crosslink]
    glossary: list[Term]


def load_all(brief_path: Path = critic.BRIEF, data_dir: Path = DATA_DIR) -> EditionData:
    """Read and cross-check the four data files against the brief and each other."""
    brief = read_brief(brief_path)
    refs = load_references(data_dir / REFERENCES_FILE.name, brief)
    events = load_timeline(data_dir / TIMELINE_FILE.name, brief, refs)
    threads, links = load_crosslinks(data_dir / CROSSLINKS_FILE.name, brief)
    glossary = load_glossary(data_dir / GLOSSARY_FILE.name, brief, events)
    return EditionData(brief, refs, events, threads, links, glossary)


def load_for_build(config) -> EditionData:
    """load_all for a build hook: paths from the MkDocs config; bad data stops the build."""
    from mkdocs.exceptions import PluginError

    try:
        return load_all(Path(config.docs_dir) / "brief.md",
                        Path(config.config_file_path).resolve().parent / "data")
    except (DataError, critic.EditionError) as exc:
        raise PluginError(str(exc)) from exc
