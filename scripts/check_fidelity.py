"""Prove that the edition's reading text differs from the source only by recorded interventions.

Takes the edition's Markdown (docs/brief.md), undoes every recorded intervention (puts moved
words back where the source had them, restores source readings, drops the editors' insertions
and every bit of Markdown and HTML markup), and compares what is left word by word with
source/japan-russia-view-from-moscow.extracted.txt. Any difference left over is unrecorded: it is
reported with its line in the Markdown, its line in the source and the words around it, and the
command exits 1.

Usage: python scripts/check_fidelity.py [EDITION.md] [SOURCE.txt]
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import critic  # noqa: E402

CONTEXT_WORDS = 6


@dataclass
class Text:
    """A string whose every character remembers its offset in the Markdown file."""

    chars: str
    offs: list[int]

    @classmethod
    def of(cls, s: str, base: int = 0) -> Text:
        return cls(s, list(range(base, base + len(s))))

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
                r = Text(r, [self.offs[m.start()] if self.offs else 0] * len(r))
            if r is not None:
                out.append(r)
            pos = m.end()
        out.append(self[pos:])
        result = Text("", [])
        for t in out:
            result = result + t
        return result


@dataclass
class Word:
    text: str
    where: int  # offset in the Markdown, or line in the source


HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
ATTR_LIST_RE = re.compile(r"\{:?[ \t]*[#.][^}\n]*\}")
HEADING_RE = re.compile(r"^#{1,6}[ \t]+", re.M)
TAG_RE = re.compile(r"</?[a-zA-Z][^>\n]*>")
FOOTNOTE_REF_RE = re.compile(r"\[\^(\d+)\](?!:)")
LINK_RE = re.compile(r"\[([^\[\]\n]*)\]\([^)\s]*\)")
MOVE_ORIGIN_RE = re.compile(r"\{>>move #(?P<label>[\w.:-]+)(?::[^\n]*?)?<<\}")
DESTINATION_RE = re.compile(r"\{==(?P<text>.*?)==\}\{>>#(?P<label>[\w.:-]+)<<\}")


def undo(markdown: str) -> Text:
    """The source as the edition records it: every intervention undone, all markup stripped."""
    text = Text.of(markdown)
    text = text.sub(critic.FRONT_MATTER_RE, lambda m: " ")
    text = text.sub(HTML_COMMENT_RE, lambda m: " ")
    moved: dict[str, Text] = {}

    def take_footnote(m: re.Match) -> str:
        moved[f"fn-{m.group('n')}"] = text_of(m, "n", suffix=" ") + text_of(m, "text")
        return ""

    def text_of(m: re.Match, group: str, suffix: str = "") -> Text:
        t = Text(m.group(group), current.offs[m.start(group):m.end(group)])
        return t + Text(suffix, [t.offs[-1] if t.offs else 0] * len(suffix))

    current = text
    text = text.sub(critic.FOOTNOTE_DEF_RE, take_footnote)
    current = text

    def take_destination(m: re.Match) -> str:
        moved[m.group("label")] = text_of(m, "text")
        return ""

    text = text.sub(DESTINATION_RE, take_destination)

    def put_back(m: re.Match) -> Text:
        words = moved.pop(m.group("label"), None)
        if words is None:
            raise critic.EditionError(f"the move #{m.group('label')} has nothing to put back")
        pad = Text(" ", [words.offs[0] if words.offs else 0])
        return pad + words + pad

    text = text.sub(MOVE_ORIGIN_RE, put_back)
    if moved:
        raise critic.EditionError(f"moved words with no origin: {', '.join(sorted(moved))}")
    current = text

    def source_reading(m: re.Match) -> Text | None:
        for group in ("sub_old", "del"):
            if m.group(group) is not None:
                return Text(m.group(group), current.offs[m.start(group):m.end(group)])
        return None  # insertions and comments are the editors', not the source's

    text = text.sub(critic.TOKEN_RE, source_reading)
    text = text.sub(ATTR_LIST_RE, lambda m: " ")
    text = text.sub(HEADING_RE, lambda m: "")
    text = text.sub(TAG_RE, lambda m: " ")
    current = text
    text = text.sub(LINK_RE, lambda m: Text(m.group(1), current.offs[m.start(1):m.end(1)]))
    current = text
    text = text.sub(FOOTNOTE_REF_RE, lambda m: Text(m.group(1), current.offs[m.start(1):m.end(1)]))
    return text


def words_of(text: Text) -> list[Word]:
    return [Word(m.group(0), text.offs[m.start()]) for m in re.finditer(r"\S+", text.chars)]


def source_words(source: str) -> list[Word]:
    return [Word(m.group(0), critic.line_of(source, m.start())) for m in re.finditer(r"\S+", source)]


def compare(markdown: str, source: str, path: str = "docs/brief.md") -> list[str]:
    """Every unrecorded difference between edition and source, as a message naming its place."""
    doc = critic.parse(markdown, path)  # validates the notation first
    edition = words_of(undo(markdown))
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
        md_line = critic.line_of(markdown, anchor.where)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("edition", nargs="?", type=Path, default=critic.BRIEF)
    parser.add_argument("source", nargs="?", type=Path, default=critic.SOURCE)
    args = parser.parse_args(argv)
    markdown = args.edition.read_text(encoding="utf-8")
    source = args.source.read_text(encoding="utf-8")
    try:
        problems = compare(markdown, source, str(args.edition))
    except critic.EditionError as exc:
        print(f"fidelity: {exc}", file=sys.stderr)
        return 1
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"fidelity: {len(problems)} unrecorded difference(s)", file=sys.stderr)
        return 1
    doc = critic.parse(markdown, str(args.edition))
    print(f"fidelity: the edition matches the source word for word once its "
          f"{len(doc.interventions)} recorded interventions are undone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
