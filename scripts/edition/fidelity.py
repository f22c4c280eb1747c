"""Prove that the edition's reading text differs from the source only by recorded interventions.

Takes the brief as parsed by edition.notation, undoes every recorded intervention (puts moved
words back where the source had them, restores source readings, drops the editors' insertions),
strips the Markdown and HTML markup, and compares what is left word by word with the source
extraction. Any difference left over is unrecorded: it is reported with its line in the Markdown,
its line in the source and the words around it.

The notation's grammar is not written here: the interventions come from the parse, so a kind
added to data/interventions.yml is undone by the form (`mark`) it declares.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from edition import notation

CONTEXT_WORDS = 6


@dataclass
class Text:
    """A string whose every character remembers its offset in the Markdown file."""

    chars: str
    offs: list[int]

    @classmethod
    def of(cls, s: str, base: int = 0) -> Text:
        return cls(s, list(range(base, base + len(s))))

    @classmethod
    def at(cls, s: str, offset: int) -> Text:
        """Text not in the file (a space, a note's number) that points at one offset."""
        return cls(s, [offset] * len(s))

    def __add__(self, other: Text) -> Text:
        return Text(self.chars + other.chars, self.offs + other.offs)

    def __getitem__(self, sl: slice) -> Text:
        return Text(self.chars[sl], self.offs[sl])

    def sub(self, pattern: re.Pattern, repl) -> Text:
        """re.sub that keeps offsets; repl(match) returns a Text, a str or None (for '')."""
        out, pos = [], 0
        for m in pattern.finditer(self.chars):
            out.append(self[pos:m.start()])
            r = repl(m)
            if isinstance(r, str):
                r = Text.at(r, self.offs[m.start()] if self.offs else 0)
            if r is not None:
                out.append(r)
            pos = m.end()
        out.append(self[pos:])
        return join(out)


def join(parts: list[Text]) -> Text:
    return Text("".join(p.chars for p in parts), [o for p in parts for o in p.offs])


@dataclass
class Word:
    text: str
    where: int  # offset in the Markdown (of its first character), or line in the source
    offsets: tuple[int, ...] = ()  # the Markdown offsets of all its characters


HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
ATTR_LIST_RE = re.compile(r"\{:?[ \t]*[#.][^}\n]*\}")
HEADING_RE = re.compile(r"^#{1,6}[ \t]+", re.M)
TAG_RE = re.compile(r"</?[a-zA-Z][^>\n]*>")
FOOTNOTE_REF_RE = re.compile(r"\[\^(\d+)\](?!:)")
LINK_RE = re.compile(r"\[([^\[\]\n]*)\]\([^)\s]*\)")
OPENING = 3  # every mark opens with three characters: {~~ {++ {-- {==


def undo(doc: notation.Document, with_places: bool = False) -> Text:
    """The source as the edition records it: every intervention undone, all markup stripped.
    `with_places`: each insertion and comment leaves a token (\x01N\x01, N its index) where it
    stands among the source's words, so that source_lines() can place it."""
    text = doc.text
    cuts: list[tuple[int, int]] = [(0, notation.body_offset(text))]
    cuts += [(m.start(), m.end()) for m in HTML_COMMENT_RE.finditer(text)]
    footnotes = list(notation.FOOTNOTE_DEF_RE.finditer(text))

    def undone(a: int, b: int) -> Text:
        """text[a:b] with every intervention in it undone (moves' origins left for later)."""
        parts, pos = [], a
        for n, iv in enumerate(doc.interventions):
            if not a <= iv.start < b:
                continue
            parts.append(Text.of(text[pos:iv.start], pos))
            if with_places and iv.form in ("insertion", "note"):
                parts.append(Text.at(f" \x01{n}\x01 ", iv.start))
            if iv.form in ("substitution", "deletion"):
                start = iv.start + OPENING
                parts.append(Text.of(iv.source, start))
            elif iv.form == "origin":
                parts.append(Text.at("\0" + iv.label + "\0", iv.start))
            pos = iv.end
        parts.append(Text.of(text[pos:b], pos))
        return join(parts)

    moved: dict[str, Text] = {}
    for m in footnotes:
        number = Text.at(m["n"] + " ", m.start("n"))
        moved[f"fn-{m['n']}"] = number + undone(m.start("text"), m.end("text"))
        cuts.append((m.start(), m.end()))
    for iv in doc.interventions:
        if iv.form == "destination":
            moved[iv.label] = Text.of(iv.edition, iv.start + OPENING)
    # The main text: cut spans become a space, destinations vanish (their words go back below).
    parts, pos = [], 0
    for a, b in sorted(cuts):
        if a < pos:
            continue
        parts.append(undone(pos, a))
        parts.append(Text.at(" ", a))
        pos = b
    parts.append(undone(pos, len(text)))
    result = join(parts)

    def put_back(m: re.Match) -> Text:
        words = moved.pop(m.group(1))
        pad = Text.at(" ", words.offs[0] if words.offs else 0)
        return pad + words + pad

    result = result.sub(re.compile(r"\0([^\0]*)\0"), put_back)
    result = result.sub(ATTR_LIST_RE, lambda m: " ")
    result = result.sub(HEADING_RE, lambda m: "")
    result = result.sub(TAG_RE, lambda m: " ")
    current = result
    result = result.sub(LINK_RE, lambda m: Text(m.group(1), current.offs[m.start(1):m.end(1)]))
    current = result
    return result.sub(FOOTNOTE_REF_RE, lambda m: Text(m.group(1), current.offs[m.start(1):m.end(1)]))


def words_of(text: Text) -> list[Word]:
    return [Word(m.group(0), text.offs[m.start()], tuple(text.offs[m.start():m.end()]))
            for m in re.finditer(r"\S+", text.chars)]


def source_words(source: str) -> list[Word]:
    """Each word of the source with its line (1-based), counted as the words go (one pass)."""
    words, line, counted = [], 1, 0
    for m in re.finditer(r"\S+", source):
        line += source.count("\n", counted, m.start())
        counted = m.start()
        words.append(Word(m.group(0), line))
    return words


def compare(doc: notation.Document, source: str) -> list[str]:
    """Every unrecorded difference between edition and source, as a message naming its place."""
    markdown, path = doc.text, doc.path
    edition = words_of(undo(doc))
    src = source_words(source)
    matcher = difflib.SequenceMatcher(None, [w.text for w in src], [w.text for w in edition],
                                      autojunk=False)
    problems = []
    for op, s1, s2, e1, e2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # A missing word is placed after the word that precedes the gap in the edition.
        at = e1 - 1 if op == "delete" and e1 > 0 else min(e1, len(edition) - 1)
        anchor = edition[at]
        md_line = notation.line_of(markdown, anchor.where)
        src_line = src[s1].where if s1 < len(src) else src[-1].where
        src_words = " ".join(w.text for w in src[s1:s2]) or "(nothing)"
        ed_words = " ".join(w.text for w in edition[e1:e2]) or "(nothing)"
        context = " ".join(w.text for w in src[max(0, s1 - CONTEXT_WORDS):s1])
        after = " ".join(w.text for w in src[s2:s2 + CONTEXT_WORDS])
        what = {"replace": "changed", "delete": "missing from the edition",
                "insert": "added by the edition"}[op]
        inside = next((iv for iv in doc.interventions
                       if iv.start <= anchor.where < iv.end and iv.form in ("substitution", "deletion")),
                      None)
        note = (f" The {inside.form} at line {inside.line} records “{inside.source}” as the source "
                "reading, but the source does not read so." if inside else "")
        problems.append(
            f"{path}:{md_line}: unrecorded difference ({what}) at source line {src_line}: "
            f"source “{src_words}”, edition “{ed_words}”, in “… {context} ⟦{src_words}⟧ {after} …”."
            + note)
    return problems


def source_lines(doc: notation.Document, source: str) -> dict[int, tuple[int, int]]:
    """For each intervention (by its index in doc.interventions), the first and last line of the
    source where it stands: the lines of its source reading; for an insertion or a comment, the
    lines of the source words just before and just after it, in the source's order (moved words
    counted where the source had them)."""
    words = words_of(undo(doc, with_places=True))
    token = re.compile(r"^\x01(\d+)\x01$")
    edition = [w for w in words if not token.match(w.text)]
    src = source_words(source)
    matcher = difflib.SequenceMatcher(None, [w.text for w in src], [w.text for w in edition],
                                      autojunk=False)
    to_source: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            to_source[b + k] = a + k
    out: dict[int, tuple[int, int]] = {}
    seen = 0  # edition words before the current token
    for w in words:
        m = token.match(w.text)
        if not m:
            seen += 1
            continue
        before = next((to_source[i] for i in range(seen - 1, -1, -1) if i in to_source), None)
        after = next((to_source[i] for i in range(seen, len(edition)) if i in to_source), None)
        lines = [src[i].where for i in (before, after) if i is not None]
        if lines:
            out[int(m.group(1))] = (lines[0], lines[-1])
    spans = [(min(w.offsets), max(w.offsets)) if w.offsets else (0, -1) for w in edition]
    for n, iv in enumerate(doc.interventions):
        if iv.form not in ("substitution", "deletion"):
            continue
        hits = [i for i, w in enumerate(edition) if spans[i][0] < iv.end and spans[i][1] >= iv.start
                and any(iv.start <= o < iv.end for o in w.offsets)]
        if iv.source[:1].isspace() and hits:  # a line break before the reading: the word before it
            hits.insert(0, hits[0] - 1)
        if iv.source[-1:].isspace() and hits:
            hits.append(hits[-1] + 1)
        lines = [src[to_source[i]].where for i in hits if i in to_source]
        if lines:
            out[n] = (min(lines), max(lines))
    return out
