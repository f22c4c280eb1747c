"""The source's layout as evidence: where the brief's paragraphs end and where its pages begin.

The extraction marks no paragraph and keeps only three of the PDF's page numbers, so both are the
editors' reading of the evidence, recorded in the notation and checked here against the source:

Paragraphs (kinds with the rule `paragraph`: `break`, `division`). Every paragraph of the running
text that follows another in the same section (a pull-quote between them does not count) opens
with one such mark. A line of the running text is *short* when it has at most SHORT (85%) of the
characters of the median of the MEASURE_LINES (3) lines of running text before it (lines longer
than MERGED characters, where the extraction ran two printed lines together, are left out); a
short line is what a paragraph's last line looks like in a ragged-right column.

- `{>>break: short last line<<}`: the paragraph before ends on a short line;
- `{>>break: witness<<}`: a web witness's mark at the end of the paragraph before attests the break;
- `{>>division: reason<<}`: there is no such evidence; the editors divide the text, and say why.

A break that claims evidence the source does not give, a division where the evidence exists, a
paragraph without its mark, and a short line inside a paragraph all stop the build, naming the line.
Inside a paragraph a short line is no evidence where the line after it is short too (the column
narrows there, beside a pull-quote) or in a damaged zone (data/damaged-zones.yml), where lines are
lost and each line's reading is recorded.

Pages (kinds with the rule `page`: `{>>page #page-N: evidence<<}`, where page N begins). The
markers run page-1, page-2, … in order; each printed page number the edition removes as
furniture must fall on its own page, and each footnote must stand on the page that cites it.

One account of the pages: what the notes say about pages and footnotes is derived here, never
written by hand. Each page marker's note gets the page's source lines, whether its number is printed
(the line that prints it) or inferred, and where each of its footnotes stands: at the foot of the
page (only blank lines, furniture or other footnotes follow it on the page) or inside it, between
the words the extraction sets around it. Each footnote's move note gets its lines and the same
position. A hand-written position ("foot of", "closes page") in such a note stops the build, and so
does a quotation followed by its source line, “words” (line N), anywhere in the marks' notes or the
zones' reasons, when line N does not read so. A citation's page locator marks an inferred page
number in brackets, as "p. [2]".
"""

from __future__ import annotations

import difflib
import re
import statistics
from dataclasses import dataclass, field

from edition import fidelity, notation
from edition.errors import NotationError
from edition.model import Brief

SHORT = 0.85
MEASURE_LINES = 3
MERGED = 62
EVIDENCE = ("short last line", "witness")  # what a `break` may claim, at the start of its reason
PAGE_NUMBER_RE = re.compile(r"^\d{1,2}$")


@dataclass
class Line:
    """A line of the running text, measured against the lines before it."""

    number: int
    text: str
    measure: float | None  # median length of the lines before it (None: too few to judge)
    before: list[int]  # the lengths the measure is the median of

    @property
    def short(self) -> bool:
        return self.measure is not None and len(self.text) <= SHORT * self.measure

    def figures(self) -> str:
        tail = self.text if len(self.text) <= 40 else "…" + self.text[-38:].lstrip()
        if self.measure is None:
            return f"source line {self.number} (“{tail}”, {len(self.text)} characters)"
        return (f"source line {self.number} (“{tail}”) has {len(self.text)} characters, "
                f"{len(self.text) / self.measure:.0%} of the median of the {len(self.before)} lines "
                f"before it ({self.measure:g}); short is at most {SHORT:.0%}")


@dataclass
class Footnote:
    """A footnote as the extraction sets it: its lines, and where on its page it stands."""

    number: str
    first: int
    last: int
    page: int
    at_foot: bool  # only blank lines, furniture or other footnotes follow it on its page
    before: tuple[str, int] = ("", 0)  # the word before it and its line (inside a page)
    after: tuple[str, int] = ("", 0)  # the word after it and its line

    def position(self) -> str:
        """"at the foot of page 2" or "inside page 2, between “leaders” (line 87) and “regularly” (line 90)"."""
        if self.at_foot:
            return f"at the foot of page {self.page}"
        return (f"inside page {self.page}, between “{self.before[0]}” (line {self.before[1]}) and "
                f"“{self.after[0]}” (line {self.after[1]})")

    def lines(self) -> str:
        return f"line {self.first}" if self.first == self.last else f"lines {self.first}–{self.last}"


@dataclass
class Page:
    """A page of the PDF: its number, its first and last line of the source, its marker."""

    number: int
    first: int
    last: int
    mark: notation.Intervention
    printed: int = 0  # the source line of its printed page number (0: none survives, it is inferred)
    notes: list[Footnote] = field(default_factory=list)
    end: int = 0  # its last line that is not blank

    @property
    def label(self) -> str:
        """The page number as a citation gives it: "3", or "[2]" where it is inferred."""
        return str(self.number) if self.printed else f"[{self.number}]"

    def account(self) -> str:
        """What the page data say of this page, for its marker's note."""
        number = (f"its printed number {self.number} survives (line {self.printed})" if self.printed
                  else f"its number, {self.number}, is inferred: no printed number survives")
        out = f"Page {self.number}: source lines {self.first}–{self.end}; {number}"
        for group in _groups(self.notes):
            names = (f"footnote {group[0].number}" if len(group) == 1
                     else f"footnotes {group[0].number}–{group[-1].number}")
            span = Footnote("", group[0].first, group[-1].last, self.number, True)
            out += f"; {names} ({span.lines()}) {group[-1].position() if group[-1].at_foot else group[0].position()}"
        return out


def _groups(notes: list[Footnote]) -> list[list[Footnote]]:
    """Footnotes that follow one another in the source, grouped."""
    groups: list[list[Footnote]] = []
    for fn in notes:
        if groups and groups[-1][-1].at_foot == fn.at_foot and fn.first - groups[-1][-1].last <= 2:
            groups[-1].append(fn)
        else:
            groups.append([fn])
    return groups


@dataclass
class Layout:
    """What the source's layout says, as checked: its pages, each place's pages, the breaks."""

    pages: list[Page] = field(default_factory=list)
    place_pages: dict[str, tuple[int, int]] = field(default_factory=dict)
    breaks: dict[str, Line] = field(default_factory=dict)  # paragraph id -> the line before its break

    def pages_of(self, place: str) -> str:
        """'p. 3' or 'pp. [4]–5' for a place of the brief ('' if it has no words of the source); a
        page number that is inferred, not printed, stands in brackets."""
        first, last = self.place_pages.get(place, (0, 0))
        if not first:
            return ""
        label = {p.number: p.label for p in self.pages}
        a, b = label.get(first, str(first)), label.get(last, str(last))
        return f"p. {a}" if first == last else f"pp. {a}–{b}"


def word_lines(doc: notation.Document, source: str) -> list[tuple[fidelity.Word, int]]:
    """Every word of the edition's source reading, with the source line it aligns with (0: none)."""
    words = fidelity.words_of(fidelity.undo(doc))
    src = fidelity.source_words(source)
    matcher = difflib.SequenceMatcher(None, [w.text for w in src], [w.text for w in words],
                                      autojunk=False)
    line = [0] * len(words)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            line[b + k] = src[a + k].where
    return list(zip(words, line))


def check(doc: notation.Document, kinds: dict[str, notation.Kind], brief: Brief, source: str,
          zones: list, note_lines: dict[int, tuple[int, int]]) -> Layout:
    """Check the paragraph breaks and the page markers against the source; return the layout."""
    lines = source.splitlines()
    aligned = word_lines(doc, source)
    blocks = notation.block_ids(doc.text)
    span = {b[2]: (b[0], b[1]) for b in blocks if b[2]}
    removed = [(iv.start, iv.end) for iv in doc.interventions if iv.form == "deletion"]
    by_block: dict[str, list[int]] = {}  # the source lines of each block's words (not those it removes)
    for w, n in aligned:
        if not n or any(a <= w.where < b for a, b in removed):
            continue
        bid = next((b[2] for b in blocks if b[0] <= w.where < b[1]), "")
        if bid:
            by_block.setdefault(bid, []).append(n)
    check_quoted_lines(doc, source, zones)
    layout = Layout()
    layout.pages = _pages(doc, kinds, brief, lines, aligned, note_lines)
    for pid, ls in by_block.items():
        pages = [p.number for p in layout.pages for n in (min(ls), max(ls)) if p.first <= n <= p.last]
        if pages:
            layout.place_pages[pid] = (min(pages), max(pages))
    for sid, section in brief.places.items():  # a section's pages: from its heading to its last block
        if section.kind == "section":
            spans = [layout.place_pages[pid] for pid, p in brief.places.items()
                     if p.section == sid and pid in layout.place_pages]
            if spans:
                layout.place_pages[sid] = (min(a for a, _ in spans), max(b for _, b in spans))
    running = {pid for pid, p in brief.places.items() if p.kind == "paragraph"}
    running_lines = sorted({n for pid in running for n in by_block.get(pid, [])})
    measured = {n: _measure(n, lines, running_lines) for n in running_lines}
    in_zone = {n for z in zones for n in range(z.first, z.last + 1)}
    _check_interiors(doc, brief, running, by_block, measured, in_zone, span)
    _check_breaks(doc, kinds, brief, running, by_block, measured, span, aligned, layout)
    return layout


def _measure(n: int, lines: list[str], running_lines: list[int]) -> Line:
    """Line n of the source, with the lengths of the lines of running text before it."""
    before = [len(lines[m - 1]) for m in reversed(running_lines) if m < n and len(lines[m - 1]) <= MERGED]
    before = before[:MEASURE_LINES]
    text = lines[n - 1]
    measure = statistics.median(before) if len(before) >= 2 and len(text) <= MERGED else None
    return Line(n, text, measure, before)


def _check_interiors(doc: notation.Document, brief: Brief, running: set[str],
                     by_block: dict[str, list[int]], measured: dict[int, Line], in_zone: set[int],
                     span: dict[str, tuple[int, int]]) -> None:
    """No short line inside a paragraph of the running text, outside the damaged zones."""
    for pid in brief.places:
        if pid not in running or pid not in by_block:
            continue
        ls = sorted(set(by_block[pid]))
        for n, after in zip(ls, ls[1:]):
            line = measured[n]
            narrows = len(measured[after].text) <= SHORT * (line.measure or 0)  # beside a pull-quote
            if line.short and n not in in_zone and not narrows:
                raise NotationError(
                    f"{doc.path}:{notation.line_of(doc.text, span[pid][0])}: #{pid}: {line.figures()}: "
                    "a short line, evidence of a paragraph end, "
                    f"inside the paragraph: divide it after this line ({{>>break: short last line<<}} "
                    "at the start of the new paragraph)")


def _check_breaks(doc: notation.Document, kinds: dict[str, notation.Kind], brief: Brief,
                  running: set[str], by_block: dict[str, list[int]], measured: dict[int, Line],
                  span: dict[str, tuple[int, int]], aligned: list, layout: Layout) -> None:
    """Each paragraph that follows another opens with its break mark, whose evidence holds."""
    marks: dict[str, list[notation.Intervention]] = {}
    for iv in doc.interventions:
        if iv.kind in kinds and kinds[iv.kind].rule == "paragraph":
            marks.setdefault(iv.block, []).append(iv)
    previous = ""
    for pid, place in brief.places.items():
        if place.kind == "section":
            previous = ""
            continue
        if pid not in running:
            continue
        found = marks.pop(pid, [])
        where = f"{doc.path}:{notation.line_of(doc.text, span[pid][0])}: #{pid}"
        if not previous:
            if found:
                raise NotationError(f"{doc.path}:{found[0].line}: #{pid} opens its section: a "
                                    f"{found[0].kind} mark belongs only between two paragraphs")
            previous = pid
            continue
        if len(found) != 1:
            raise NotationError(f"{where}: the break between #{previous} and #{pid} needs one mark at "
                                "the start of the paragraph, {>>break: short last line<<}, "
                                "{>>break: witness<<} or {>>division: reason<<}"
                                + (f"; found {len(found)}" if found else ""))
        iv = found[0]
        start = span[pid][0]
        if notation.reading_text(doc.text[start:iv.start]).strip():
            raise NotationError(f"{doc.path}:{iv.line}: the {iv.kind} mark of #{pid} must stand at "
                                "the start of the paragraph")
        if previous not in by_block:
            raise NotationError(f"{where}: #{previous}, the paragraph before, has no words of the "
                                "source, so nothing can attest a break after it")
        last = measured[max(by_block[previous])]
        end = span[previous][1]
        last_word = max((w.where for w, n in aligned if n and span[previous][0] <= w.where < end), default=0)
        witness = any(o.kind == "witness" and last_word < o.start < end for o in doc.interventions)
        claimed = next((e for e in EVIDENCE if iv.reason.lower().startswith(e)), "")
        figures = last.figures()
        if kinds[iv.kind].in_text == "anchor":  # a break with evidence
            if not claimed:
                raise NotationError(f"{doc.path}:{iv.line}: the {iv.kind} mark of #{pid} must name its "
                                    f"evidence first: {' or '.join(EVIDENCE)}")
            if claimed == "short last line" and not last.short:
                raise NotationError(f"{doc.path}:{iv.line}: the {iv.kind} mark of #{pid} claims a short "
                                    f"last line, but {figures}: not short. Record the break as the "
                                    "editors' division, or name its witness")
            if claimed == "witness" and not witness:
                raise NotationError(f"{doc.path}:{iv.line}: the {iv.kind} mark of #{pid} claims a "
                                    f"witness, but no witness mark stands at the end of #{previous}")
            iv.reason = f"{iv.reason}: {figures}" if claimed == "short last line" else \
                f"{iv.reason} (the web witness’s mark at the end of the paragraph before); {figures}"
        else:  # the editors' division: there must be no evidence
            if last.short or witness:
                raise NotationError(f"{doc.path}:{iv.line}: #{pid} is marked as the editors' division, "
                                    f"but the break has evidence ({'a short last line: ' + figures if last.short else 'a witness at the end of #' + previous}): "
                                    "record it as {>>break: …<<}")
            iv.reason = f"{iv.reason} (no evidence in the source: {figures}; no witness reaches it)"
        layout.breaks[pid] = last
        previous = pid
    for pid, ivs in marks.items():
        raise NotationError(f"{doc.path}:{ivs[0].line}: a {ivs[0].kind} mark in #{pid}, which follows "
                            "no paragraph of the same section")


def _pages(doc: notation.Document, kinds: dict[str, notation.Kind], brief: Brief, lines: list[str],
           aligned: list, note_lines: dict[int, tuple[int, int]]) -> list[Page]:
    """The page markers, in order, each checked against the printed page numbers and the notes."""
    marks = [(n, iv) for n, iv in enumerate(doc.interventions)
             if iv.kind in kinds and kinds[iv.kind].rule == "page"]
    if not marks:
        return []
    pages: list[Page] = []
    for k, (n, iv) in enumerate(marks, start=1):
        number = int(notation.PAGE_LABEL_RE.match(iv.label)["n"])
        if number != k:
            raise NotationError(f"{doc.path}:{iv.line}: #{iv.label} is page marker number {k}: the "
                                f"markers run #page-1, #page-2, … in order")
        first = note_lines.get(n, (0, 0))[-1]
        if pages and first <= pages[-1].first:
            raise NotationError(f"{doc.path}:{iv.line}: #{iv.label} begins at source line {first}, "
                                f"not after #page-{k - 1} (line {pages[-1].first})")
        last_line = max((k for k, line in enumerate(lines, 1) if line.strip()), default=0)
        pages.append(Page(number, first, last_line, iv))
    for a, b in zip(pages, pages[1:]):
        a.last = b.first - 1
    if pages[0].first != next(k for k, line in enumerate(lines, 1) if line.strip()):
        raise NotationError(f"{doc.path}:{pages[0].mark.line}: #page-1 must begin at the source's "
                            f"first line (it begins at line {pages[0].first})")

    def page_at(line: int) -> int:
        return next((p.number for p in pages if p.first <= line <= p.last), 0)

    for n, iv in enumerate(doc.interventions):
        if iv.form == "deletion" and kinds[iv.kind].rule == "furniture" and PAGE_NUMBER_RE.match(iv.source):
            line = note_lines.get(n, (0, 0))[0]
            if page_at(line) != int(iv.source):
                raise NotationError(f"{doc.path}:{iv.line}: the printed page number {iv.source} (source "
                                    f"line {line}) falls on page {page_at(line)} as the page markers "
                                    "divide the source: a marker is misplaced")
    notes = {m["n"]: (m.start(), m.end()) for m in notation.FOOTNOTE_DEF_RE.finditer(doc.text)}
    for m in re.finditer(r"\[\^(\d+)\](?!:)", doc.text):
        number = m.group(1)
        a, b = notes.get(number, (0, 0))
        ref = next((n for w, n in aligned if n and m.start(1) in w.offsets), 0)
        note = [n for w, n in aligned if n and a <= w.where < b]
        if ref and note and page_at(ref) != page_at(min(note)):
            raise NotationError(f"{doc.path}: note {number} stands on page {page_at(min(note))} of the "
                                f"source (line {min(note)}), but the text that cites it on page "
                                f"{page_at(ref)} (line {ref}): a page marker is misplaced")
    _account(doc, kinds, pages, lines, aligned, note_lines, notes, page_at)
    return pages


POSITION_RE = re.compile(r"\b(foot of|head of the page|closes page|closes it|top of (its|the) page)\b", re.I)
QUOTED_LINE_RE = re.compile(r"“([^“”…]+)”(?:,| \() ?(?:source )?line (\d+)\)?")


def _account(doc: notation.Document, kinds: dict[str, notation.Kind], pages: list[Page], lines: list[str],
             aligned: list, note_lines: dict[int, tuple[int, int]], notes: dict[str, tuple[int, int]],
             page_at) -> None:
    """Derive each page's account and each footnote's position from the page data, and add them to
    the notes of the page markers and of the footnotes' moves (so no note states them by hand)."""
    # page furniture: a line the edition removes as furniture, or one that reads like it (the
    # footer's date the edition moves into the title block)
    removed = {iv.source for iv in doc.interventions if iv.form == "deletion" and kinds[iv.kind].rule == "furniture"}
    furniture = {n for n, line in enumerate(lines, 1) if line.strip() in removed or PAGE_NUMBER_RE.match(line.strip())}
    for page in pages:
        page.end = max((n for n in range(page.first, page.last + 1) if lines[n - 1].strip()), default=page.last)
        page.printed = next((note_lines.get(n, (0, 0))[0] for n, iv in enumerate(doc.interventions)
                             if iv.form == "deletion" and kinds[iv.kind].rule == "furniture"
                             and PAGE_NUMBER_RE.match(iv.source) and int(iv.source) == page.number), 0)
    spans = {}
    for number, (a, b) in notes.items():
        ls = [n for w, n in aligned if n and a <= w.where < b]
        if ls:
            spans[number] = (min(ls), max(ls))
    note_set = {n for a, b in spans.values() for n in range(a, b + 1)}
    footnotes: dict[str, Footnote] = {}
    for number, (first, last) in sorted(spans.items(), key=lambda kv: kv[1]):
        page = next(p for p in pages if p.first <= first <= p.last)
        rest = [n for n in range(last + 1, page.last + 1)
                if lines[n - 1].strip() and n not in furniture and n not in note_set]
        before = next((n for n in range(first - 1, 0, -1) if lines[n - 1].strip()), 0)
        after = rest[0] if rest else 0
        fn = Footnote(number, first, last, page.number, not rest,
                      (_word(lines[before - 1], -1), before) if before else ("", 0),
                      (_word(lines[after - 1], 0), after) if after else ("", 0))
        footnotes[number] = fn
        page.notes.append(fn)
    for n, iv in enumerate(doc.interventions):
        is_page = iv.kind in kinds and kinds[iv.kind].rule == "page"
        fn = re.fullmatch(r"fn-(\d+)", iv.label or "") if iv.form == "origin" else None
        if not (is_page or fn):
            continue
        said = POSITION_RE.search(iv.reason)
        if said:
            raise NotationError(f"{doc.path}:{iv.line}: the {iv.kind} note #{iv.label} says “{said.group(0)}”: "
                                "where pages begin and end and where footnotes stand is derived from the "
                                "page data (edition.layout) and added to the note; do not state it by hand")
        if is_page:
            page = next(p for p in pages if p.mark is iv)
            iv.reason = f"{iv.reason}. {page.account()}"
        elif fn and fn.group(1) in footnotes:
            f = footnotes[fn.group(1)]
            iv.reason = f"{iv.reason}; the extraction sets it at {f.lines()}, {f.position()}"


def _word(line: str, k: int) -> str:
    """The first (k=0) or last (k=-1) word of a source line, without quotation marks or punctuation."""
    return line.split()[k].strip("“”\"‘’,.;:")


def check_quoted_lines(doc: notation.Document, source: str, zones: list) -> None:
    """Every “words” (line N) in the marks' notes and the zones' reasons quotes line N as it reads."""
    lines = source.splitlines()
    texts = [(f"{doc.path}:{iv.line}: the {iv.kind} note {iv.id}", iv.reason) for iv in doc.interventions]
    for zone in zones:
        texts += [(f"data/damaged-zones.yml: zone '{zone.id}': line {a.line}", a.reason) for a in zone.assign]
        texts += [(f"data/damaged-zones.yml: zone '{zone.id}': lost mark '{x.mark}'", x.reason) for x in zone.lost]
    for where, text in texts:
        for m in QUOTED_LINE_RE.finditer(text):
            quoted, n = " ".join(m.group(1).split()), int(m.group(2))
            line = " ".join(lines[n - 1].split()) if 0 < n <= len(lines) else ""
            if quoted.strip() not in line:
                raise NotationError(f"{where}: quotes “{m.group(1)}” as source line {n}, which reads "
                                    f"“{lines[n - 1] if 0 < n <= len(lines) else ''}”")

