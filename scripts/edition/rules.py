"""Each kind of editorial mark has a rule, and the build enforces it.

data/interventions.yml names a kind's `rule`; this module holds what each rule means, checked
against the source extraction and the damaged zones (data/damaged-zones.yml). A mark that breaks
its kind's rule raises NotationError naming the file, the line, the mark and the source line:

    line-end    (rejoined)   the edition differs from the source only by hyphens put back and
                             line breaks taken out, and a line break it takes out is one
    short       (corrected, sic)  a reading of at most 3 words and 40 characters
    furniture   (furniture)  the deleted words are page furniture (a page number, the publisher's
                             logo line G|M|F, the footer's date or series), standing alone on
                             their line of the source
    zone        (restored, conjecture, gap)  the mark stands in a damaged zone: the source
                             words before it are in the zone, and so are those after it, unless the
                             mark closes the zone's pull-quote
    heading     (supplied)   in a heading, or in the title block

A conjecture is the editors' words, never the author's: check_conjectures_unquoted() stops the build
when an editors' text (a mark's reason or note in docs/brief.md, or a text field of the data files)
quotes a run of QUOTE_RUN or more consecutive words of a conjecture outside the angle brackets that
mark them as the editors'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edition import fidelity, notation
from edition.dates import MONTHS
from edition.errors import DataError, NotationError
from edition.model import Brief
from edition.yamlio import read_yaml

from edition.notation import RULES  # noqa: F401 (the names, defined with the notation)
SHORT_WORDS, SHORT_CHARS = 3, 40
PAGE_NUMBER_RE = re.compile(r"^\d{1,2}$")
LOGO = "G|M|F"
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

    def holds(self, line: int) -> bool:
        return self.first <= line <= self.last


def load_zones(path: Path, brief: Brief, source_lines: int) -> list[Zone]:
    """data/damaged-zones.yml, validated against the brief and the source."""
    shown = f"data/{path.name}"
    data = read_yaml(path, shown, DataError)
    if not isinstance(data, dict) or not isinstance(data.get("zones"), list) or not data["zones"]:
        raise DataError(f"{shown}: expected a mapping with a non-empty list `zones:`")
    zones: list[Zone] = []
    for i, e in enumerate(data["zones"]):
        where = f"{shown}: zone '{e.get('id') if isinstance(e, dict) else i + 1}'"
        if not isinstance(e, dict) or set(e) != {"id", "pull_quote", "lines", "note"}:
            raise DataError(f"{where}: needs exactly the fields id, pull_quote, lines, note")
        lines = e["lines"]
        if (not isinstance(lines, list) or len(lines) != 2 or not all(isinstance(n, int) and not isinstance(n, bool)
                                                                     for n in lines)
                or not 1 <= lines[0] <= lines[1] <= source_lines):
            raise DataError(f"{where}: lines must be [first, last], 1 ≤ first ≤ last ≤ {source_lines} "
                            f"(the source's lines), not {lines!r}")
        if e["pull_quote"] not in brief.places or brief.places[e["pull_quote"]].kind != "pull-quote":
            raise DataError(f"{where}: pull_quote '{e['pull_quote']}' is not a pull-quote of docs/brief.md")
        zones.append(Zone(str(e["id"]), e["pull_quote"], lines[0], lines[1], " ".join(str(e["note"]).split())))
    return zones


def check(doc: notation.Document, kinds: dict[str, notation.Kind], brief: Brief, source: str,
          zones: list[Zone], work: dict[str, Any]) -> None:
    """Every mark keeps its kind's rule; the first that does not stops the build."""
    lines = fidelity.source_lines(doc, source)
    source_text = source.splitlines()
    footer = {LOGO, f"{MONTHS[work['month'] - 1]} {work['year']}", work["genre"]}
    for n, iv in enumerate(doc.interventions):
        rule = kinds[iv.kind].rule if iv.kind in kinds else ""
        if not rule:
            continue
        first, last = lines.get(n, (0, 0))
        text = iv.edition or iv.source
        where = (f"{doc.path}:{iv.line}: the {iv.kind} mark “{text}” (source line "
                 f"{first if first == last else f'{first}–{last}'})")
        problem = _broken(rule, iv, first, last, source_text, zones, brief, footer)
        if problem:
            raise NotationError(f"{where} breaks the rule of its kind ({rule}): {problem}")


def _broken(rule: str, iv: notation.Intervention, first: int, last: int, source: list[str],
            zones: list[Zone], brief: Brief, footer: set[str]) -> str:
    """What is wrong with a mark under its rule, or ''."""
    if rule == "line-end":
        if re.sub(r"[\s-]", "", iv.source) != re.sub(r"[\s-]", "", iv.edition):
            return "a rejoined word may differ from the source only by hyphens and line breaks"
        if re.search(r"\s", iv.source) and first == last:
            return "the source reading has a space where the source has no line end"
        if not re.search(r"\s", iv.source) and iv.edition.count("-") <= iv.source.count("-"):
            return "it neither takes out a line break nor puts back a hyphen"
        return ""
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
