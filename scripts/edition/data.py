"""The editors' data about the brief: cross-links, timeline, references and glossary, validated.

Four YAML files in data/ hold what the editors add around the author's text:

    data/crosslinks.yml   annotated links between paragraphs of the brief
    data/timeline.yml     every dated event the brief mentions or presupposes
    data/references.yml   the seven notes as bibliographic entries
    data/glossary.yml     people, places, organisations and terms, with their forms in the text

Each file's fields are documented in its header comment and checked here (the schema): every id
they point at in the brief is checked against the places of the brief's model (edition.model), and
the files are checked against each other (an event's reference, a glossary entry's events).
Every text field is display text: required text must be visible, bidi controls and zero-width
characters are refused (REFUSED), and each field has a length limit (LIMITS, stated again in each
file's header; a test holds the two together). No address in them may be on a host that does not
qualify as a source (REFUSED_SOURCE_HOSTS: wikis, mirrors, document-sharing sites, blogs, trivia
sites). Anything wrong raises DataError with the file, the entry and what is wrong, e.g.

    data/timeline.yml: event 'crimea-2014': date '2014-13' is not YYYY, YYYY-MM or YYYY-MM-DD
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from edition.dates import PartialDate, check_not_after, date_range, parse_date
from edition.errors import DataError, EditionError
from edition.model import Brief
from edition.notation import _hidden as hidden_char
from edition.yamlio import read_yaml

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LINK_TARGET_RE = re.compile(r"\]\((?P<url>[^)\s]+)\)")
WEB_URL_RE = re.compile(r"^https?://[^\s\"'<>\\]+$")  # what a data file may link to
EVENT_KINDS = ("event", "source")
REFERENCE_TYPES = {  # our type: (CSL-JSON type, BibTeX entry type)
    "newspaper": ("article-newspaper", "article"),
    "magazine": ("article-magazine", "article"),
    "document": ("document", "misc"),
    "report": ("report", "techreport"),
}
GLOSSARY_KINDS = {"person": "Person", "place": "Place", "organisation": "Organisation",
                  "term": "Term"}

# The longest text each field may hold, in characters (whitespace runs counted as one space), per
# file; a key `a.b` is field `b` inside `a`, and a list's limit holds for each of its items. Dates,
# kinds and types have formats of their own. Each file's header states its limits: keep them equal.
LIMITS: dict[str, dict[str, int]] = {
    "crosslinks.yml": {"thread": 60, "label": 80, "from": 60, "to": 60, "note": 400},
    "timeline.yml": {"id": 60, "title": 200, "mentions": 60, "reference": 60,
                     "context.note": 2000, "context.source": 2000},
    "references.yml": {"id": 60, "title": 300, "authors.family": 100, "authors.given": 100,
                       "organization": 200, "container": 200, "publisher": 200, "url": 500,
                       "editors_notes": 2000},
    "glossary.yml": {"id": 60, "term": 100, "forms": 100, "short": 200, "definition": 3000,
                     "see": 60, "events": 60},
    "citation.yml": {"work.title": 200, "work.title_sentence_case": 200, "work.authors.given": 100,
                     "work.authors.family": 100, "work.genre": 100, "work.publisher": 200,
                     "work.place": 100, "work.language": 20, "work.abstract": 2000,
                     "work.keywords": 60, "edition.label": 80, "edition.title": 200,
                     "edition.editors": 200, "edition.page": 200, "edition.bibtex_key": 60},
}
# The fields of LIMITS that are identifiers, addresses or codes, not display text: ids and what
# points at them, a link's ends, addresses, a page, a BibTeX key, a language code, and the forms of
# the brief a term glosses (exact strings of the author's text). Every other field of LIMITS is text
# a reader sees (TEXT_FIELDS): it is rendered as text wherever it lands, in a tooltip's `title`
# too (edition.templates.tooltip_title), and tests/browser/test_plain_data.py puts markup in each.
IDENTIFIER_FIELDS = {"id", "mentions", "reference", "see", "events", "forms", "from", "to", "thread",
                     "url", "page", "bibtex_key", "language"}
TEXT_FIELDS: dict[str, list[str]] = {
    file: [key for key in limits if key.rsplit(".", 1)[-1] not in IDENTIFIER_FIELDS]
    for file, limits in LIMITS.items()}
# Characters that change how the text around them is shown without being seen: the bidi
# embeddings, overrides, isolates and marks, and the zero-width characters. Refused in every field.
REFUSED = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]")

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


def visible(text: str) -> bool:
    """Whether the text shows anything: not empty once whitespace and REFUSED characters are gone."""
    return bool(REFUSED.sub("", text).strip())


def check_text(value: Any, where: str, file: str, path: str = "", scope: str = "",
               error: type[EditionError] = DataError, in_list: bool = False) -> None:
    """Each string in `value` is display text: no REFUSED character, no blank item, within its LIMITS."""
    if isinstance(value, dict):
        for key, item in value.items():
            check_text(item, where, file, f"{path}.{key}" if path else str(key), scope, error)
    elif isinstance(value, list):
        for item in value:
            check_text(item, where, file, path, scope, error, in_list=True)
    elif isinstance(value, str):
        bad = REFUSED.search(value)
        if bad:
            char = bad.group()
            raise error(f"{where}: field '{path}' contains U+{ord(char):04X} "
                        f"{unicodedata.name(char)} (bidi controls and zero-width characters are "
                        "not allowed in display text)")
        hidden = next((c for c in value if c != "\t" and hidden_char(c)), None)
        if hidden:  # the brief's rule too (edition.notation): unusual spaces, other controls
            raise error(f"{where}: field '{path}' contains U+{ord(hidden):04X} "
                        f"{unicodedata.name(hidden, 'unnamed')} (control characters and spaces other "
                        "than the plain one are not allowed in display text)")
        if in_list and not visible(value):
            raise error(f"{where}: field '{path}' has an empty item")
        limit = LIMITS[file].get(scope + path)
        length = len(" ".join(value.split()))
        if limit is not None and length > limit:
            raise error(f"{where}: field '{path}' is {length} characters long, over its limit of "
                        f"{limit} (see the header of data/{file})")


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


def load_yaml(path: Path, top_key: str) -> Any:
    """The YAML file's value under `top_key`, or a DataError naming the file."""
    data = read_yaml(path, shown(path), DataError)
    if not isinstance(data, dict) or top_key not in data:
        raise DataError(f"{shown(path)}: expected a mapping with the key `{top_key}:`")
    return data


def check_fields(entry: Any, where: str, required: dict[str, type | tuple],
                 optional: dict[str, type | tuple] | None = None) -> None:
    """Required fields present and visible, every field of its type (a boolean is no int), none unknown."""
    optional = optional or {}
    if not isinstance(entry, dict):
        raise DataError(f"{where}: expected a mapping of fields")
    for key, kind in required.items():
        value = entry.get(key)
        if (value is None or (isinstance(value, (list, dict)) and not value)
                or (isinstance(value, str) and not visible(value))):
            raise DataError(f"{where}: missing required field '{key}'")
    for key, value in entry.items():
        kind = required.get(key, optional.get(key))
        if kind is None:
            known = ", ".join(list(required) + list(optional))
            raise DataError(f"{where}: unknown field '{key}' (known: {known})")
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if value is not None and (not isinstance(value, kinds)
                                  or (isinstance(value, bool) and bool not in kinds)):
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


def one_line(value: str, where: str, field_name: str) -> str:
    """The text with its whitespace runs as single spaces; a line break in it is an error."""
    if "\n" in value.strip():
        raise DataError(f"{where}: {field_name} must be one line")
    return " ".join(value.split())


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
    data = load_yaml(path, "references")
    refs: dict[str, Reference] = {}
    seen: set[str] = set()
    notes: dict[int, str] = {}
    for i, e in enumerate(entries(data, "references", path)):
        rid = check_id(e.get("id") if isinstance(e, dict) else None, path, "reference", seen, i)
        where = f"{shown(path)}: reference '{rid}'"
        check_fields(e, where, {"id": str, "note": int, "type": str, "title": str, "date": (str, int),
                                "url": str},
                     {"authors": list, "organization": str, "container": str, "publisher": str,
                      "date_as_printed": (str, int), "editors_notes": list, "archived": (str, int)})
        check_text(e, where, "references.yml")
        check_sources(e, where, exempt=("url",))
        archived = str(e.get("archived") or "")
        if archived and not re.fullmatch(r"(19|20)\d{12}", archived):
            raise DataError(f"{where}: archived '{archived}' is not a Wayback Machine capture's "
                            "14-digit timestamp (YYYYMMDDhhmmss)")
        if e["type"] not in REFERENCE_TYPES:
            raise DataError(f"{where}: type '{e['type']}' is not one of {', '.join(REFERENCE_TYPES)}")
        if e["note"] not in brief.footnotes:
            raise DataError(f"{where}: note {e['note']} is not a footnote of docs/brief.md")
        if e["note"] in notes:
            raise DataError(f"{where}: note {e['note']} already has the entry '{notes[e['note']]}'")
        notes[e["note"]] = rid
        if not WEB_URL_RE.match(e["url"]):
            raise DataError(f"{where}: url '{e['url']}' is not an http or https address")
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
        if e.get("publisher") and " ".join(e["publisher"].split()) == " ".join((e.get("container") or "").split()):
            raise DataError(f"{where}: 'publisher' repeats 'container' ('{e['publisher']}'): every "
                            "citation style would print it twice; give it once")
        printed = parse_date(e["date_as_printed"], where, "date_as_printed") if e.get("date_as_printed") else None
        notes_list = [" ".join(str(n).split()) for n in e.get("editors_notes") or []]
        date = parse_date(e["date"], where)
        check_not_after(date, latest, where, "date", "editors_notes", bool(notes_list))
        if printed and printed != date and not notes_list:
            raise DataError(f"{where}: the note prints {printed.iso} but the date is {date.iso}: "
                            "say why in 'editors_notes'")
        first = authors[0]["family"] if authors else e.get("organization") or one_line(e["title"], where, "title")
        refs[rid] = Reference(
            id=rid, note=e["note"], type=e["type"], title=" ".join(e["title"].split()), date=date,
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
    data = load_yaml(path, "events")
    events: list[Event] = []
    seen: set[str] = set()
    for i, e in enumerate(entries(data, "events", path)):
        eid = check_id(e.get("id") if isinstance(e, dict) else None, path, "event", seen, i)
        where = f"{shown(path)}: event '{eid}'"
        check_fields(e, where, {"id": str, "date": (str, int), "title": str, "mentions": list},
                     {"end": (str, int), "kind": str, "reference": str,
                      "brief_date": (str, int), "context": dict})
        check_text(e, where, "timeline.yml")
        check_sources(e, where)
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
        for value, name in ((date, "date"), (end, "end")):
            if value is not None:
                check_not_after(value, latest, where, name, "context", context is not None)
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
        if not isinstance(tid, str) or not ID_RE.match(tid) or not isinstance(label, str) or not visible(label):
            raise DataError(f"{shown(path)}: thread '{tid}': needs a lower-case id and a label")
        check_text({"thread": tid, "label": label}, f"{shown(path)}: thread '{tid}'", "crosslinks.yml")
    links: list[Crosslink] = []
    seen: set[tuple[str, str]] = set()
    for i, e in enumerate(entries(data, "links", path)):
        name = f"{e.get('from')} → {e.get('to')}" if isinstance(e, dict) else f"#{i + 1}"
        where = f"{shown(path)}: link '{name}'"
        check_fields(e, where, {"from": str, "to": str, "thread": str, "note": str})
        check_text(e, where, "crosslinks.yml")
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
        links.append(Crosslink(e["from"], e["to"], e["thread"], one_line(e["note"], where, "note")))
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
        check_text(e, where, "glossary.yml")
        check_sources(e, where)
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
        short = one_line(e["short"], where, "short")
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


def glossary_map(terms: list[Term]) -> dict[str, str]:
    """Every form of every term, with its one-line gloss: what the tooltips show."""
    return {form: t.short for t in terms for form in t.forms}
