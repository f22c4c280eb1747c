"""The brief as places: every block of docs/brief.md with an id, named once for every use.

A place is a heading, paragraph, pull-quote or footnote the editors' apparatus can point at. Its
`label` is the one name the whole site gives it: in the apparatus table, the editors' links, the
References, the Cite controls, the Timeline, the Glossary and the marks' notes. The scheme:

    a section heading     its title, in square brackets when the editors supplied it ("[Summary]")
    a numbered paragraph  its section's name, ¶ and its number ("The Security Agenda ¶ 3")
    a footnote            "note 3"
    a pull-quote          "pull-quote 2"
    any other block       its id in words ("Imprint", "GMF address")
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from edition import notation

HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<title>.*?)[ \t]*(?:\{[^}\n]*\})?[ \t]*$")
TAG_RE = re.compile(r"<[^>\n]+>")
FOOTNOTE_REF_RE = re.compile(r"\[\^(\d+)\](?!:)")
NUMBERED_RE = re.compile(r"-(?P<n>\d+)$")
SUPPLIED_KIND = "supplied"  # the kind of intervention by which the editors supply a heading
ACRONYMS = {"gmf": "GMF"}


@dataclass
class Place:
    """A block of the brief that has an id, and the one name the site gives it."""

    id: str
    label: str  # "The Security Agenda ¶ 3", "[Summary]", "note 2", "pull-quote 1", "Imprint"
    section: str  # the id of the section it stands in
    text: str  # its reading text, marks resolved, markup stripped
    kind: str = "block"  # section, paragraph, note, pull-quote, block
    section_title: str = ""  # its section's title as printed (or as supplied)
    supplied: bool = False  # its section's heading was supplied by the editors
    number: str = ""  # a numbered paragraph's number in its section


@dataclass
class Brief:
    """The ids of docs/brief.md and what stands under each."""

    places: dict[str, Place]
    footnotes: dict[int, str]  # note number: reading text of the note (Markdown, marks resolved)
    cited_in: dict[int, str] = field(default_factory=dict)  # note number: id of the citing paragraph

    def exists(self, block_id: str) -> bool:
        return block_id in self.places

    def label(self, block_id: str) -> str:
        """The name of a place (a footnote's id is fn:N)."""
        return self.places[block_id].label if block_id in self.places else block_id


def plain(markdown: str) -> str:
    """The words of a piece of the brief's Markdown: marks resolved, tags and attributes dropped."""
    text = notation.reading_text(markdown)
    text = re.sub(r"\{:?[ \t]*[#.][^}\n]*\}", " ", text)
    text = TAG_RE.sub(" ", text)
    text = re.sub(r"\[([^\[\]\n]*)\]\([^)\s]*\)", r"\1", text)
    text = re.sub(r"\[\^\d+\]:?", " ", text)
    return " ".join(html.unescape(text).split())  # text, not markup: it is escaped where printed


def words_of_id(block_id: str) -> str:
    """imprint -> Imprint; gmf-address -> GMF address."""
    words = [ACRONYMS.get(w, w) for w in block_id.split("-")]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def read_brief(doc: notation.Document) -> Brief:
    """Every block of the parsed brief that has an id, with its name and its section."""
    text = doc.text
    supplied_blocks = {iv.block for iv in doc.interventions if iv.kind == SUPPLIED_KIND}
    places: dict[str, Place] = {}
    footnotes: dict[int, str] = {}
    cited_in: dict[int, str] = {}
    section, section_title, section_label, supplied = "", "", "", False
    for start, end, block_id in notation.block_ids(text):
        chunk = text[start:end]
        heading = HEADING_RE.match(chunk.strip()) if chunk.lstrip().startswith("#") else None
        if heading and block_id:
            section, section_title = block_id, plain(heading["title"])
            supplied = block_id in supplied_blocks
            section_label = f"[{section_title}]" if supplied else section_title
            places[block_id] = Place(block_id, section_label, section, section_title, "section",
                                     section_title, supplied)
            continue
        if not block_id:
            continue
        number = ""
        if block_id.startswith("fn:"):
            n = int(block_id[3:])
            body = notation.FOOTNOTE_DEF_RE.match(chunk.strip())
            footnotes[n] = notation.reading_text(body["text"]) if body else ""
            kind, label = "note", f"note {n}"
        elif block_id.startswith("pull-quote-"):
            kind, label = "pull-quote", f"pull-quote {block_id.rsplit('-', 1)[1]}"
        elif NUMBERED_RE.search(block_id):
            number = NUMBERED_RE.search(block_id)["n"]
            kind, label = "paragraph", f"{section_label} ¶ {number}"
        else:
            kind, label = "block", words_of_id(block_id)
        for ref in FOOTNOTE_REF_RE.finditer(chunk):
            cited_in.setdefault(int(ref.group(1)), block_id)
        places[block_id] = Place(block_id, label, section, plain(chunk), kind, section_title,
                                 supplied, number)
    return Brief(places, footnotes, cited_in)
