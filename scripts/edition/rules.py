"""Each kind of editorial mark has a rule, and the build enforces it.

data/interventions.yml names a kind's `rule`; this module holds what each rule means, checked
against the source extraction and the damaged zones (data/damaged-zones.yml). A mark that breaks
its kind's rule raises NotationError naming the file, the line, the mark and the source line:

    line-end    (rejoined)   the edition differs from the source only by hyphens put back and
                             line breaks taken out, and a line break it takes out is one; the
                             reason names the case, "hyphen put back" or "line break taken out"
    short       (sic)        a reading of at most 3 words and 40 characters
    slip        (corrected)  an evident typographical slip, as the emendation policy of "About this
                             edition" defines it (slip_problem): the correction changes one word
                             only, by its spelling (at most SLIP_LETTERS letters changed, or two
                             transposed), by an inflectional ending (SLIP_ENDINGS) or by a hyphen
                             joining or parting a compound; never a digit, a mark of punctuation,
                             or a word inside a quotation (“…”), which stay as printed, with a note
    furniture   (furniture)  the deleted words are page furniture (a page number, the publisher's
                             logo line G|M|F, the footer's date, the series name), standing alone on
                             their line of the source
    zone        (restored, conjecture, gap)  the mark stands in a damaged zone: the source
                             words before it are in the zone, and so are those after it, unless the
                             mark closes the zone's pull-quote
    heading     (supplied)   in a heading, or in the title block

Each zone also assigns every source line of its range (body, pull-quote, furniture, heading or
blank, with the block of the brief it belongs to and why) and lists the lost lines the edition marks
there, each with how many lines are lost and the surviving lines of the same column that measure
them; load_zones() and check_lost() hold both to the source and the brief, for the page that sets
the zone's lines beside the edition's reading (docs/source-view.md), and measure_lost() holds each
restoration and conjecture to its count of lines and adds the figures to its note.

A conjecture is the editors' words, never the author's: check_conjectures_unquoted() stops the build
when an editors' text (a mark's reason or note in docs/brief.md, or a text field of the data files)
quotes a run of QUOTE_RUN or more consecutive words of a conjecture outside the angle brackets that
mark them as the editors'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition import fidelity, notation
from edition.data import ENTRY_SCHEMAS, check_entries, squash
from edition.dates import MONTHS
from edition.errors import DataError, NotationError
from edition.model import Brief

from edition.yamlio import read_yaml

SHORT_WORDS, SHORT_CHARS = 3, 40
SLIP_LETTERS = 2  # letters a spelling slip may change (a transposition counts as one)
SLIP_ENDINGS = ("s", "es", "d", "ed")  # inflectional endings a correction may add or take off
SLIP_WORD_RE = re.compile(r"[A-Za-z’'-]+")
PAGE_NUMBER_RE = re.compile(r"^\d{1,2}$")
LOGO = "G|M|F"
# What a line of a zone can be: the enum of `as` in scripts/edition/schema/damaged-zones.schema.json,
# which states the zones' fields, types and limits (edition.data.check_entries).
ZONES_SCHEMA = ENTRY_SCHEMAS["damaged-zones.yml"]
ASSIGN_AS = tuple(ZONES_SCHEMA["$defs"]["zone"]["properties"]["assign"]["items"]["properties"]["as"]["enum"])


@dataclass
class Assignment:
    """One source line of a damaged zone: what it is, the block it belongs to, and why."""

    line: int
    as_: str  # one of ASSIGN_AS
    place: str  # the id of the brief's block ('' for a blank line)
    reason: str
    text: str  # the line as the extraction prints it


@dataclass
class Lost:
    """Lines lost in a zone, as the edition marks them: a gap, a conjecture or a restoration."""

    place: str
    mark: str  # the id of the mark in the brief (ed-<block>-<n>)
    lines: tuple[int, int | None]  # how many lines are lost: fewest, most (None: not known)
    measure: list[int]  # the surviving lines of the same column the loss is measured against
    reason: str
    of: str = "body text"  # what the lines are: "body text" or "the pull-quote"
    widths: tuple[int, int] = (0, 0)  # the characters of the `measure` lines: fewest, most

    @property
    def what(self) -> str:
        """The count of lost lines, in words: "one or two lines of body text"."""
        return f"{count_words(self.lines)} of {self.of}"


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_words(lines: tuple[int, int | None]) -> str:
    """(1, 2) -> "one or two lines"; (3, 3) -> "three lines"; (1, None) -> "at least one line"."""
    a, b = lines
    word = NUMBER_WORDS[a] if a < len(NUMBER_WORDS) else str(a)
    if b is None:
        return f"at least {word} line" + ("s" if a > 1 else "")
    if b == a:
        return f"{word} line" + ("s" if a > 1 else "")
    return f"{word} or {NUMBER_WORDS[b] if b < len(NUMBER_WORDS) else b} lines"


def lines_needed(words: str, width: int) -> int:
    """The lines a text takes when set word by word in lines of at most `width` characters."""
    count, used = 0, 0
    for word in words.split():
        if count and used + 1 + len(word) <= width:
            used += 1 + len(word)
        else:
            count, used = count + 1, len(word)
    return count


QUOTE_RUN = 3  # consecutive words of a conjecture that make a quotation of it
EDITORS_RE = re.compile(r"⟨[^⟩]*⟩")  # words the text itself marks as the editors'
WORD_RE = re.compile(r"[\w’'-]+")


@dataclass
class Zone:
    """A damaged zone of the source: where a pull-quote was interleaved with the body."""

    id: str
    pull_quote: str
    first: int
    last: int
    note: str
    assign: list[Assignment] = field(default_factory=list)
    lost: list[Lost] = field(default_factory=list)

    def holds(self, line: int) -> bool:
        return self.first <= line <= self.last


def load_zones(path: Path, brief: Brief, source: list[str]) -> list[Zone]:
    """data/damaged-zones.yml, validated: its shape against its schema, then against the brief and
    the source's lines."""
    shown = f"data/{path.name}"
    data = read_yaml(path, shown, DataError)
    check_entries("damaged-zones.yml", data, shown, _zone_entry)
    zones: list[Zone] = []
    for e in data["zones"]:
        where = f"{shown}: zone '{e['id']}'"
        lines = e["lines"]
        if not lines[0] <= lines[1] <= len(source):
            raise DataError(f"{where}: lines must be [first, last], 1 ≤ first ≤ last ≤ {len(source)} "
                            f"(the source's lines), not {lines!r}")
        if e["pull_quote"] not in brief.places or brief.places[e["pull_quote"]].kind != "pull-quote":
            raise DataError(f"{where}: pull_quote '{e['pull_quote']}' is not a pull-quote of docs/brief.md")
        zone = Zone(e["id"], e["pull_quote"], lines[0], lines[1], squash(e["note"]))
        zone.assign = _assignments(e["assign"], where, zone, brief, source)
        zone.lost = _lost(e["lost"], where, brief, zone)
        zones.append(zone)
    return zones


def _zone_entry(keys: list[str], item: Any, index: int) -> str | None:
    """How messages name an item of data/damaged-zones.yml: a zone by its id, a line of `assign` by
    its number, an entry of `lost` by its mark (each by its number where that is not given)."""
    get = item.get if isinstance(item, dict) else (lambda key: None)
    if not keys:
        ident = get("id")
        return f"zone '{ident}'" if isinstance(ident, str) and ident else f"zone #{index + 1}"
    if keys == ["assign"]:
        n = get("line")
        return f"line {n}" if isinstance(n, int) and not isinstance(n, bool) else f"assign entry {index + 1}"
    if keys == ["lost"]:
        mark = get("mark")
        return f"lost mark '{mark}'" if isinstance(mark, str) else f"lost entry {index + 1}"
    return None


def _assignments(items: list[dict], where: str, zone: Zone, brief: Brief, source: list[str]) -> list[Assignment]:
    """`assign` (valid against the schema): every line of the zone once, in the source's order, each
    honest about its line."""
    span = f"{zone.first}–{zone.last}"
    out: list[Assignment] = []
    expected = zone.first
    for a in items:
        n = a["line"]
        at = f"{where}: line {n}"
        if not zone.holds(n):
            raise DataError(f"{at}: outside the zone (lines {span})")
        if n < expected:
            raise DataError(f"{at}: assigned twice")
        if n > expected:
            raise DataError(f"{where}: line {expected}: not assigned (the entry after line {expected - 1} "
                            f"is line {n}); `assign` gives every line {span} once, in order")
        kind = a["as"]
        needed = {"line", "as", "reason"} | ({"place"} if kind != "blank" else set())
        if set(a) != needed:
            raise DataError(f"{at}: a line assigned as {kind} needs exactly the fields "
                            f"{', '.join(sorted(needed))}")
        text = source[n - 1]
        if (kind == "blank") != (not text.strip()):
            raise DataError(f"{at}: assigned as {kind}, but the source line "
                            + ("is blank" if not text.strip() else f"reads “{text.strip()}”"))
        place = a.get("place", "")
        if kind != "blank":
            got = brief.places.get(place)
            if got is None:
                raise DataError(f"{at}: place {place!r} is not a place of docs/brief.md")
            fits = {"pull-quote": got.kind == "pull-quote", "heading": got.kind == "section"}
            if not fits.get(kind, got.kind not in ("pull-quote", "section")):
                raise DataError(f"{at}: assigned as {kind}, but '{place}' is a {got.kind} of docs/brief.md")
        out.append(Assignment(n, kind, place, squash(a["reason"]), text))
        expected = n + 1
    if expected <= zone.last:
        raise DataError(f"{where}: line {expected}: not assigned (`assign` ends at line {expected - 1}); "
                        f"it gives every line {span} once, in order")
    return out


def _lost(items: list[dict], where: str, brief: Brief, zone: Zone) -> list[Lost]:
    """`lost` (valid against the schema): the lost lines the edition marks in the zone (checked
    against the marks by check_lost), each with how many lines are lost and the surviving lines of
    the same column that measure them."""
    out: list[Lost] = []
    assigned = {a.line: a for a in zone.assign}
    for x in items:
        at = f"{where}: lost mark '{x['mark']}'"
        if x["place"] not in brief.places:
            raise DataError(f"{at}: place {x['place']!r} is not a place of docs/brief.md")
        n = x["lines"]
        pair = (n, n) if isinstance(n, int) else (n[0], n[1])
        if pair[1] is not None and pair[1] < pair[0]:
            raise DataError(f"{at}: `lines` must be how many lines are lost, a number (2) or "
                            f"[fewest, most] ([1, 2]; [1, null] where the most is not known), not {n!r}")
        of = "pull-quote" if brief.places[x["place"]].kind == "pull-quote" else "body"
        measure = x["measure"]
        for m in measure:
            a = assigned.get(m)
            if a is None or a.as_ != of:
                raise DataError(f"{at}: `measure` line {m!r} is not a {of} line of this zone: lost "
                                f"{of} lines are measured against the {of} lines that survive beside them")
        widths = [len(assigned[m].text.strip()) for m in measure]
        out.append(Lost(x["place"], x["mark"], pair, list(measure), squash(x["reason"]),
                        "the pull-quote" if of == "pull-quote" else "body text",
                        (min(widths), max(widths)) if widths else (0, 0)))
    return out


def measure_lost(lost: Lost, iv: notation.Intervention, zone: Zone) -> str:
    """Check a restoration's or a conjecture's words against the count of lines lost, measured by
    the surviving lines of the same column; return the figures the mark's note states (a gap's, and
    a loss with nothing to measure by: the count alone)."""
    where = f"data/damaged-zones.yml: zone '{zone.id}': lost mark '{lost.mark}'"
    a, b = lost.lines
    if iv.kind == "gap" or not iv.edition or not lost.measure:  # nothing to measure, or nothing to measure by
        return f"Lost: {lost.what}"
    low, high = lost.widths
    fewest, most = lines_needed(iv.edition, high), lines_needed(iv.edition, low)
    listed = ", ".join(str(m) for m in lost.measure)
    if iv.kind == "restored" and not (fewest <= a and (b or a) <= most):
        raise DataError(f"{where}: the restored words “{iv.edition}” ({len(iv.edition)} characters) take "
                        f"{fewest if fewest == most else f'{fewest} to {most}'} lines of {low}–{high} "
                        f"characters (source lines {listed}), but `lines` says {count_words(lost.lines)}")
    if iv.kind == "conjecture" and b is not None and fewest > b:
        raise DataError(f"{where}: the conjecture ⟨{iv.edition}⟩ ({len(iv.edition)} characters) takes "
                        f"{fewest} lines of {low}–{high} characters (source lines {listed}), more than the "
                        f"{count_words(lost.lines)} `lines` says are lost")
    kind = "pull-quote" if lost.of == "the pull-quote" else "body"
    figures = (f"Lost: {lost.what}. The {kind} lines that survive beside the loss (source lines "
               f"{listed}) hold {low}–{high} characters")
    if iv.kind == "restored":
        return f"{figures}; the {len(iv.edition)} characters restored take {count_words((fewest, fewest))}"
    return (f"{figures}, so the loss held about {a * low}–{(b or a) * high}; the words offered have "
            f"{len(iv.edition)}" + (f" and take {count_words((fewest, fewest))}" if fewest > 1 else ""))


def check_lost(doc: notation.Document, kinds: dict[str, notation.Kind], zones: list[Zone],
               lines: dict[int, tuple[int, int]]) -> None:
    """Each zone's `lost` lists exactly the marks of its zone whose kind has the rule `zone`."""
    zone_kinds = ", ".join(k for k, v in kinds.items() if v.rule == "zone")
    marks = {iv.id: (n, iv) for n, iv in enumerate(doc.interventions)}
    for zone in zones:
        where = f"data/damaged-zones.yml: zone '{zone.id}'"
        listed: set[str] = set()
        for lost in zone.lost:
            n, iv = marks.get(lost.mark, (-1, None))
            if (iv is None or iv.kind not in kinds or kinds[iv.kind].rule != "zone"
                    or not zone.holds(lines.get(n, (0, 0))[0])):
                raise DataError(f"{where}: lost mark '{lost.mark}' is not a mark of {doc.path} of a "
                                f"kind with the rule zone ({zone_kinds}) in this zone (source lines "
                                f"{zone.first}–{zone.last})")
            if iv.block != lost.place:
                raise DataError(f"{where}: lost mark '{lost.mark}' stands in '{iv.block}', not in "
                                f"place '{lost.place}'")
            if lost.mark in listed:
                raise DataError(f"{where}: lost mark '{lost.mark}' is listed twice")
            listed.add(lost.mark)
            iv.reason = f"{iv.reason}. {measure_lost(lost, iv, zone)}" if iv.reason else measure_lost(lost, iv, zone)
        for n, iv in enumerate(doc.interventions):
            first = lines.get(n, (0, 0))[0]
            if (iv.kind in kinds and kinds[iv.kind].rule == "zone" and zone.holds(first)
                    and iv.id not in listed):
                raise DataError(f"{where}: the {iv.kind} mark '{iv.id}' (source line {first}) stands in "
                                "this zone, but `lost` does not list it")


def check(doc: notation.Document, kinds: dict[str, notation.Kind], brief: Brief, source: str,
          zones: list[Zone], work: dict[str, Any]) -> dict[int, tuple[int, int]]:
    """Every mark keeps its kind's rule; the first that does not stops the build. Returns each
    mark's source lines (fidelity.source_lines), for the layout's checks (edition.layout)."""
    lines = fidelity.source_lines(doc, source)
    source_text = source.splitlines()
    footer = {LOGO, f"{MONTHS[work['month'] - 1]} {work['year']}", work["genre"]}
    for n, iv in enumerate(doc.interventions):
        rule = kinds[iv.kind].rule if iv.kind in kinds else ""
        if not rule or rule in notation.NOTE_RULES:  # a note's rule: edition.layout
            continue
        first, last = lines.get(n, (0, 0))
        text = iv.edition or iv.source
        where = (f"{doc.path}:{iv.line}: the {iv.kind} mark “{text}” (source line "
                 f"{first if first == last else f'{first}–{last}'})")
        problem = _broken(rule, iv, first, last, source_text, zones, brief, footer, _in_quotation(doc, iv))
        if problem:
            raise NotationError(f"{where} breaks the rule of its kind ({rule}): {problem}")
    check_lost(doc, kinds, zones, lines)
    return lines


def _in_quotation(doc: notation.Document, iv: notation.Intervention) -> bool:
    """Whether the mark stands inside a quotation (“…”) of its block, as the reading text reads."""
    start = next((b[0] for b in notation.block_ids(doc.text) if b[0] <= iv.start < b[1]), 0)
    before = notation.reading_text(doc.text[start:iv.start])
    return before.count("“") > before.count("”")


def _distance(a: str, b: str) -> int:
    """Letters changed between two spellings (optimal string alignment: a transposition is one)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def slip_problem(source: str, edition: str, quoted: bool = False) -> str:
    """What keeps a correction from being an evident typographical slip under the policy, or ''."""
    if quoted:
        return ("it stands inside a quotation, whose wording stays as printed: keep the source's "
                "reading, with an editors' note")
    for reading in (source, edition):
        if re.search(r"\d", reading):
            return (f"“{reading}” has a digit: a number is the author's, kept as printed with an "
                    "editors' note")
        if not all(SLIP_WORD_RE.fullmatch(w) for w in reading.split()):
            return (f"“{reading}” has a mark of punctuation: a correction changes letters, an "
                    "ending or a hyphen, never punctuation")
    a, b = source.split(), edition.split()
    if re.sub(r"[\s-]", "", source) == re.sub(r"[\s-]", "", edition):
        if min(len(a), len(b)) >= 1 and abs(len(a) - len(b)) <= 1 and max(len(a), len(b)) <= 2:
            return ""  # a hyphen joining or parting a compound
        return "only a hyphen between two words of a compound may be put in or taken out"
    if len(a) != len(b) or sum(x != y for x, y in zip(a, b)) != 1:
        return "a correction changes one word only"
    x, y = next((x, y) for x, y in zip(a, b) if x != y)
    if any(y == x + e or x == y + e for e in SLIP_ENDINGS):
        return ""
    if _distance(x.lower(), y.lower()) <= SLIP_LETTERS:
        return ""
    return (f"“{x}” → “{y}” is neither a spelling slip (at most {SLIP_LETTERS} letters changed) nor "
            f"an inflectional ending ({', '.join('-' + e for e in SLIP_ENDINGS)}): a different word "
            "is the author's, kept as printed with an editors' note")


def _broken(rule: str, iv: notation.Intervention, first: int, last: int, source: list[str],
            zones: list[Zone], brief: Brief, footer: set[str], quoted: bool = False) -> str:
    """What is wrong with a mark under its rule, or ''."""
    if rule == "line-end":
        if re.sub(r"[\s-]", "", iv.source) != re.sub(r"[\s-]", "", iv.edition):
            return "a rejoined word may differ from the source only by hyphens and line breaks"
        if re.search(r"\s", iv.source) and first == last:
            return "the source reading has a space where the source has no line end"
        if not re.search(r"\s", iv.source) and iv.edition.count("-") <= iv.source.count("-"):
            return "it neither takes out a line break nor puts back a hyphen"
        case = "line break taken out" if re.search(r"\s", iv.source) else "hyphen put back"
        if iv.reason != case:
            return (f"its reason must name its case, “{case}” (the kind's description says what each "
                    f"means), not “{iv.reason}”")
        return ""
    if rule == "slip":
        return slip_problem(iv.source, iv.edition, quoted)
    if rule == "short":
        for reading in (iv.source, iv.edition):
            if len(reading.split()) > SHORT_WORDS or len(reading) > SHORT_CHARS:
                return (f"“{reading}” is longer than a slip ({SHORT_WORDS} words, {SHORT_CHARS} "
                        "characters): a longer change is not a correction")
        return ""
    if rule == "furniture":
        line = source[first - 1].strip() if 0 < first <= len(source) else ""
        if not (PAGE_NUMBER_RE.match(iv.source) or iv.source in footer):
            return (f"“{iv.source}” is not page furniture (a page number, {LOGO}, or the footer's "
                    f"{' or '.join(sorted(footer - {LOGO}))})")
        if line != iv.source or first != last:
            return f"page furniture stands alone on its line of the source, and line {first} reads “{line}”"
        return ""
    if rule == "zone":
        zone = next((z for z in zones if z.holds(first)), None)
        if zone is None:
            return "it stands outside every damaged zone (data/damaged-zones.yml)"
        if not zone.holds(last) and iv.block != zone.pull_quote:
            return (f"the source words after it (line {last}) are outside the damaged zone "
                    f"'{zone.id}' (lines {zone.first}–{zone.last})")
        return ""
    if rule == "heading":
        place = brief.places.get(iv.block)
        title_section = next(iter(brief.places.values())).section if brief.places else ""
        if place is None or not (place.kind == "section" or place.section == title_section):
            return "words are supplied only in a heading or in the title block"
        return ""
    raise NotationError(f"data/interventions.yml: unknown rule '{rule}'")


def _words(text: str) -> list[str]:
    """The words of a text, lower-cased, with one apostrophe."""
    return [w.lower().replace("’", "'") for w in WORD_RE.findall(text)]


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    """Every run of n consecutive words."""
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def editors_texts(doc: notation.Document, data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(file, entry, text) of every editors' text that could quote the brief: the reasons and notes
    of the marks in docs/brief.md, and the text fields of the cross-links, glossary, timeline and
    references."""
    out = [(f"{doc.path}:{iv.line}", _entry(iv), iv.reason) for iv in doc.interventions if iv.reason]
    out += [("data/crosslinks.yml", f"thread '{tid}': its label", label)
            for tid, label in data.get("threads", {}).items()]
    out += [("data/crosslinks.yml", f"link '{c.source} → {c.target}': its note", c.note)
            for c in data.get("crosslinks", [])]
    for term in data.get("glossary", []):
        out += [("data/glossary.yml", f"term '{term.id}': its {name}", getattr(term, name))
                for name in ("short", "definition")]
    for e in data.get("events", []):
        out.append(("data/timeline.yml", f"event '{e.id}': its title", e.title))
        out += [("data/timeline.yml", f"event '{e.id}': its context.{k}", v) for k, v in (e.context or {}).items()]
    for r in data.get("references", {}).values():
        out += [("data/references.yml", f"reference '{r.id}': its editors_notes", n) for n in r.editors_notes]
    return out


def _entry(iv: notation.Intervention) -> str:
    """How an error names the mark whose reason or note it quotes."""
    if iv.form == "note":
        return f"the editors' note {iv.id}" if iv.kind == "note" else f"the {iv.kind} note {iv.id}"
    return f"the {iv.kind} mark {iv.id}: its reason"


def check_conjectures_unquoted(doc: notation.Document, data: dict[str, Any]) -> None:
    """No editors' text quotes a conjecture's words as the author's; the first that does stops the build.

    A quotation is a run of QUOTE_RUN consecutive words of the conjecture (case, punctuation and the
    form of the apostrophe aside) outside ⟨ ⟩; a conjecture of fewer words is out of this check's reach.
    """
    conjectures = [(iv, _words(iv.edition)) for iv in doc.interventions if iv.kind == "conjecture"]
    for where, entry, text in editors_texts(doc, data):
        found = _runs(_words(EDITORS_RE.sub(" ", text)), QUOTE_RUN)
        for iv, words in conjectures:
            runs = (tuple(words[i:i + QUOTE_RUN]) for i in range(len(words) - QUOTE_RUN + 1))
            hit = next((run for run in runs if run in found), None)
            if hit:
                raise NotationError(
                    f"{where}: {entry} quotes “{' '.join(hit)}”, words of the conjecture {iv.id} "
                    f"(⟨{iv.edition}⟩, {doc.path}:{iv.line}) as if they were the author's: a "
                    "conjecture is the editors' words; quote the author's, or set the conjecture's "
                    "words in ⟨ ⟩")
