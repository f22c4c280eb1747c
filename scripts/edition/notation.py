"""The edition's notation: CriticMarkup marks, each followed by a comment naming its kind.

The grammar is written here once; the renderer (edition.extension) and the fidelity proof
(edition.fidelity) both work from the interventions this module parses. The kinds are defined in
data/interventions.yml:

    {~~source~>edition~~}{>>kind: reason<<}    substitution
    {++editors' words++}{>>kind: reason<<}     insertion
    {--source words--}{>>kind: reason<<}       deletion
    {>>move #label: reason<<}                  where the source had words the edition moved
    {==moved words==}{>>#label<<}              where the edition sets them
    {>>note: reason<<}                         an editors' remark that changes no word
    [^N]: ...                                  a footnote: moved from the origin {>>move #fn-N<<}

A mark is one line long. Anything malformed raises NotationError naming the file, line and mark.

Only the notation: the brief holds Markdown, its marks, and no other markup (`check_markup`).
The extension alone links, abbreviates or titles an author's word, so the brief may hold only the
raw HTML its layout needs (ALLOWED_HTML: the title's subtitle, the title block's spans, the
pull-quotes' asides, the address's line breaks), attribute lists of ids and the layout's classes
(ALLOWED_CLASSES), and Markdown links only in a footnote whose text is the address it links to.
A character reference (&…; other than &lt; &gt; &amp; &quot;, which are text), an autolink, an image or a link definition is refused, and so is
every character that changes what a reader sees without being seen (HIDDEN: bidi controls,
zero-width characters, unusual spaces such as U+3000), in the text, its marks and its notes alike.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from edition.errors import NotationError
from edition.yamlio import read_yaml

# data/interventions.yml's fields, their types, the marks and in_text's values: its schema (read by
# edition.data.check_entries), the one statement of them.
KINDS_SCHEMA = json.loads((Path(__file__).parent / "schema" / "interventions.schema.json").read_text(encoding="utf-8"))
_KIND = KINDS_SCHEMA["$defs"]["kind"]["properties"]
MARK_FORMS = tuple(_KIND["mark"]["enum"])  # the CriticMarkup form a kind takes
RULES = ("line-end", "short", "slip", "furniture", "zone", "heading")  # what each means: edition.rules
NOTE_RULES = ("paragraph", "page")  # the rules a note's kind may keep: edition.layout
IN_TEXT = tuple(_KIND["in_text"]["enum"])  # how a note's kind shows in the reading text
PAGE_LABEL_RE = re.compile(r"^page-(?P<n>[1-9]\d?)$")

# One alternation so that marks are found left to right without overlapping.
TOKEN_RE = re.compile(
    r"\{~~(?P<sub_old>.*?)~>(?P<sub_new>.*?)~~\}"
    r"|\{\+\+(?P<ins>.*?)\+\+\}"
    r"|\{--(?P<del>.*?)--\}"
    r"|\{==(?P<dest>.*?)==\}"
    r"|\{>>(?P<comment>.*?)<<\}"
)
COMMENT_RE = re.compile(
    r"^(?P<kind>[a-z]+)?\s*(?:#(?P<label>[\w.:-]+))?\s*(?:from\s+#(?P<ref>[\w:-]+))?"
    r"\s*(?::\s*(?P<reason>.*\S))?\s*$"
)
DELIMITERS = ("{~~", "~~}", "~>", "{++", "++}", "{--", "--}", "{==", "==}", "{>>", "<<}")
FOOTNOTE_DEF_RE = re.compile(r"^\[\^(?P<n>\d+)\]:[ \t]*(?P<text>.*)$", re.M)
ID_RE = re.compile(r"\{:?[^}\n]*?#(?P<id>[\w:-]+)[^}\n]*\}|\bid=\"(?P<html_id>[\w:-]+)\"")
FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n---\n", re.S)

# The raw HTML the brief may hold: each tag exactly as written here.
ALLOWED_HTML = (
    re.compile(r'<span class="subtitle">'),  # the title's subtitle
    re.compile(r"<span>"),  # a line of the title block
    re.compile(r"</span>"),
    re.compile(r'<aside class="pull-quote" id="pull-quote-[1-9][0-9]?" markdown>'),
    re.compile(r"</aside>"),
    re.compile(r"<br>"),  # a line of the publisher's address
)
ALLOWED_CLASSES = ("byline", "title-meta", "disclaimer", "address")  # of an attribute list
TAG_RE = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<rest>[^<>]*)>?")
AUTOLINK_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:|[^\s<>@]+@)[^\s<>]*>")
OTHER_MARKUP_RE = re.compile(r"<[!?/](?!--)")  # a doctype, processing instruction or stray end tag
# A character reference other than the four that write markup's own characters as text.
ENTITY_RE = re.compile(r"&(?!(?:lt|gt|amp|quot);)(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
ATTR_LIST_RE = re.compile(r"\{(?![~+=>-]{2}|[~+=-]{2}\})(?P<colon>:?)[ \t]*(?P<body>[^{}\n]*?)[ \t]*\}")
LINK_RE = re.compile(r"(?P<image>!?)\[(?P<text>[^\[\]\n]*)\]\((?P<url>[^()\s]*)(?P<title>[^)\n]*)\)")
LINK_DEF_RE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]+\]:", re.M)
REF_LINK_RE = re.compile(r"\]\[|\]\(")
HIDDEN_CATEGORIES = ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp")


def _hidden(ch: str) -> bool:  # also edition.data's rule for display text
    """A character that changes what a reader sees without being seen: a control or format
    character (bidi controls, zero-width characters), a private or unassigned one, or a space other
    than the plain one (U+00A0, U+2000–U+200A, U+3000 …). Line ends are the Markdown's own."""
    if ch == "\n":
        return False
    cat = unicodedata.category(ch)
    return cat in HIDDEN_CATEGORIES or (cat == "Zs" and ch != " ")


def shows_all(text: str, allowed: str = "\n") -> bool:
    """No character of `text` but those in `allowed` is _hidden: the quick test, before a search
    for the one to name. str.isprintable() is false exactly for Unicode's Other (Cc Cf Cs Co Cn)
    and Separator (Zl Zp Zs) characters but the ASCII space: _hidden's rule, in C, from the same
    Unicode database (tests/test_notation.py holds the two equal over every code point)."""
    for ch in allowed:
        text = text.replace(ch, "")
    return text.isprintable()


def check_markup(text: str, path: str) -> None:
    """Refuse, naming line and element, what is not the notation (see the module's docstring)."""

    def fail(pos: int, problem: str) -> None:
        raise NotationError(f"{path}:{line_of(text, pos)}: {problem}")

    if not shows_all(text):
        pos, ch = next((pos, ch) for pos, ch in enumerate(text) if _hidden(ch))
        fail(pos, f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')} is not allowed in the brief, its "
                  "marks or its notes (bidi controls, zero-width characters and unusual spaces change "
                  "what a reader sees without being seen; write a plain space or nothing)")
    # Comments are the editors' (the comments hook drops them); their text is not scanned.
    masked = re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    if "<!--" in masked:
        fail(masked.index("<!--"), "an HTML comment “<!--” that is never closed")
    # The marks' comments are the editors' reasons: rendered as text, but scanned like the rest.
    for m in ENTITY_RE.finditer(masked):
        fail(m.start(), f"the character reference “{m.group(0)}” is not part of the notation "
                        "(write the character itself; only &lt; &gt; &amp; &quot; are allowed)")
    for m in AUTOLINK_RE.finditer(masked):
        fail(m.start(), f"the autolink “{m.group(0)}” is not part of the notation (only the "
                        "edition links an author's word)")
    for m in TAG_RE.finditer(masked):
        tag = m.group(0)
        if not tag.endswith(">") or not any(a.fullmatch(tag) for a in ALLOWED_HTML):
            fail(m.start(), f"raw HTML element <{m.group('close')}{m.group('name').lower()}> "
                            f"(“{tag[:80]}”) is not part of the notation: the brief may hold only "
                            "Markdown, its marks, and the layout's <span>, <aside class=\"pull-quote\"> "
                            "and <br>")
    m = OTHER_MARKUP_RE.search(TAG_RE.sub(lambda t: " " * len(t.group(0)), masked))
    if m:
        fail(m.start(), f"markup “{masked[m.start():m.start() + 20].strip()}” is not part of the notation")
    for m in ATTR_LIST_RE.finditer(TOKEN_RE.sub(lambda t: " " * len(t.group(0)), masked)):
        for token in m.group("body").split():
            if token.startswith("#") and re.fullmatch(r"#[\w:-]+", token):
                continue
            if token.startswith(".") and token[1:] in ALLOWED_CLASSES:
                continue
            fail(m.start(), f"“{token}” in the attribute list “{m.group(0)}” is not part of the "
                            "notation: an attribute list gives a block its #id and one of the "
                            f"layout's classes ({', '.join('.' + c for c in ALLOWED_CLASSES)}), "
                            "nothing else")
    for m in LINK_DEF_RE.finditer(masked):
        fail(m.start(), f"the link definition “{m.group(0)}” is not part of the notation (only the "
                        "edition links an author's word)")
    unmarked = TOKEN_RE.sub(lambda t: " " * len(t.group(0)) if t.group("comment") is not None
                            else t.group(0), masked)
    for m in LINK_RE.finditer(unmarked):
        line_start = text.rfind("\n", 0, m.start()) + 1
        in_note = FOOTNOTE_DEF_RE.match(text, line_start) is not None
        label = reading_text(text[m.start("text"):m.end("text")])
        if m.group("image"):
            fail(m.start(), f"the image “{m.group(0)[:80]}” is not part of the notation")
        if not in_note or m.group("title").strip() or label != m.group("url"):
            fail(m.start(), f"the link “{m.group(0)[:80]}” is not part of the notation: only a "
                            "note's printed address may link, to itself, without a title (the "
                            "edition alone links an author's word)")
    rest = LINK_RE.sub(lambda t: " " * len(t.group(0)), unmarked)
    m = REF_LINK_RE.search(rest)
    if m:
        fail(m.start(), f"a Markdown link “{rest[max(0, m.start() - 30):m.end() + 30].strip()}” that "
                        "is not a note's printed address is not part of the notation")


@dataclass
class Kind:
    """One kind of intervention, as data/interventions.yml defines it."""

    name: str
    mark: str
    label: str
    description: str
    needs_from: bool = False
    brackets: str = ""  # the two characters that enclose its words in the reading text: "[]", "⟨⟩"
    rule: str = ""  # the rule its marks keep (edition.rules, edition.layout)
    in_text: str = "note"  # a note's kind: "note" (a pointer, its class's sign), "anchor" (an anchor that
    #                        shows nothing: the record is in the apparatus), "page" (a page marker)

    @property
    def open(self) -> str:
        return self.brackets[:1]

    @property
    def close(self) -> str:
        return self.brackets[1:]


@dataclass
class Intervention:
    """One recorded intervention: where it stands in the Markdown and what it changes."""

    form: str  # substitution, insertion, deletion, origin, destination, note
    kind: str
    start: int  # offset of the whole mark (with its comment) in the Markdown
    end: int
    line: int
    source: str = ""  # the source's reading ("" for an insertion)
    edition: str = ""  # the edition's reading ("" for a deletion)
    reason: str = ""
    label: str = ""  # a move's label
    ref: str = ""  # "restored from #ref"
    block: str = ""  # id of the paragraph, heading, pull-quote or note it stands in
    id: str = ""  # its own anchor in the rendered page: ed-<block>-<n>
    moved_to: str = ""  # for a move's origin: the block its words now stand in
    moved_text: str = ""  # for a move's origin: the moved words (shortened), as the reader sees them
    moved_to_anchor: str = ""  # for a move's origin: the id of the place its words now stand at
    place: str = ""  # the name of its block, as the model names places (set by edition.loader)
    moved_to_place: str = ""  # the name of the block its words now stand in (set by edition.loader)
    ref_place: str = ""  # the name of the block it is restored from (set by edition.loader)


@dataclass
class Document:
    """A parsed edition page: its text and every intervention in it, in order."""

    path: str
    text: str
    interventions: list[Intervention] = field(default_factory=list)

    def by_label(self) -> dict[str, Intervention]:
        """Move destinations by label."""
        return {i.label: i for i in self.interventions if i.form == "destination"}


def load_kinds(path: Path, shown: str | None = None) -> dict[str, Kind]:
    """Read and validate the kinds of intervention (data/interventions.yml): its shape against its
    schema (scripts/edition/schema/interventions.schema.json), then what fields require of each other."""
    path = Path(path)
    shown = shown or str(path)
    data = read_yaml(path, shown, NotationError)
    from edition.data import check_entries  # edition.data reads edition.notation's rule of hidden characters

    check_entries("interventions.yml", data, shown, lambda keys, entry, name: None if keys else f"kind '{name}'",
                  NotationError, quote="")
    kinds = {}
    for name, entry in data["kinds"].items():
        where = f"{shown}: kind '{name}'"
        brackets = entry.get("brackets", "")
        if brackets and (len(brackets) != 2 or entry["mark"] != "insertion"):
            raise NotationError(f"{where}: brackets must be two characters (an opening and a closing "
                                f"one), for a kind that marks an insertion; found {brackets!r}")
        rule = entry.get("rule", "")
        if entry["mark"] in ("substitution", "insertion", "deletion") and rule not in RULES:
            raise NotationError(f"{where}: a kind that changes words needs a `rule`, one of "
                                f"{', '.join(RULES)} (found {rule!r})")
        if entry["mark"] == "move" and rule:
            raise NotationError(f"{where}: a move keeps the rule of its form; no `rule`")
        if entry["mark"] == "note" and rule and rule not in NOTE_RULES:
            raise NotationError(f"{where}: a note's kind may keep only the rule "
                                f"{' or '.join(NOTE_RULES)} (found {rule!r})")
        in_text = entry.get("in_text", "note")
        if in_text != "note" and entry["mark"] != "note":
            raise NotationError(f"{where}: in_text must be one of {', '.join(IN_TEXT)}, for a kind "
                                f"that marks a note (found {in_text!r})")
        if (in_text == "page") != (rule == "page"):
            raise NotationError(f"{where}: a page marker (in_text: page) and the rule page go together")
        kinds[name] = Kind(name, entry["mark"], entry["label"], entry["description"].strip(),
                           bool(entry.get("from", False)), brackets, rule, in_text)
    for form in ("move", "note"):
        if not any(k.mark == form for k in kinds.values()):
            raise NotationError(f"{shown}: no kind with mark '{form}'")
    return kinds


def line_of(text: str, offset: int) -> int:
    """1-based line number of an offset."""
    return text.count("\n", 0, offset) + 1


def block_ids(text: str) -> list[tuple[int, int, str]]:
    """(start, end, id) of every block (paragraph, heading, pull-quote, footnote) that has an id.

    A block is a run of non-blank lines, except that each footnote definition is its own block;
    its id is the one Python-Markdown gives the note (fn:N). A block without an id gets "".
    (Kept for the last few texts: a load asks it of the same brief once per quotation mark.)
    """
    return list(_block_ids(text))


@functools.lru_cache(maxsize=8)
def _block_ids(text: str) -> tuple[tuple[int, int, str], ...]:
    blocks = []
    for m in re.finditer(r"(?:^[^\n]*\S[^\n]*(?:\n|\Z))+", text, re.M):
        start = m.start()
        for line in re.finditer(r"[^\n]*(?:\n|\Z)", m.group(0)):
            if not line.group(0):
                continue
            fn = FOOTNOTE_DEF_RE.match(line.group(0).rstrip("\n"))
            if fn:
                if start < m.start() + line.start():
                    blocks.append(_block(text, start, m.start() + line.start()))
                blocks.append((m.start() + line.start(), m.start() + line.end(), f"fn:{fn.group('n')}"))
                start = m.start() + line.end()
        if start < m.end():
            blocks.append(_block(text, start, m.end()))
    return tuple(blocks)


def _block(text: str, start: int, end: int) -> tuple[int, int, str]:
    """A block and the last id its attribute lists, heading or HTML tag give it."""
    chunk = text[start:end]
    chunk = TOKEN_RE.sub("", chunk)  # an id inside a comment is not the block's
    ids = [m.group("id") or m.group("html_id") for m in ID_RE.finditer(chunk)]
    return (start, end, ids[0] if ids else "")


def parse(text: str, path: str, kinds: dict[str, Kind]) -> Document:
    """Parse the edition's Markdown into its interventions, validating every mark."""
    doc = Document(path, text)
    matches = list(TOKEN_RE.finditer(text))
    # Delimiters left over once every well-formed mark is taken out are malformed marks.
    rest = TOKEN_RE.sub(lambda m: " " * len(m.group(0)), text)
    for delim in DELIMITERS:
        pos = rest.find(delim)
        if pos >= 0:
            raise NotationError(f"{path}:{line_of(text, pos)}: unbalanced or malformed CriticMarkup "
                               f"'{delim}' near “{text[max(0, pos - 30):pos + 30].strip()}”")
    check_markup(text, path)
    blocks = block_ids(text)
    i = 0
    while i < len(matches):
        m = matches[i]
        line = line_of(text, m.start())
        where = f"{path}:{line}"
        if m.group("comment") is not None:
            iv = _standalone(m, kinds, where)
            i += 1
        else:
            nxt = matches[i + 1] if i + 1 < len(matches) else None
            if nxt is None or nxt.start() != m.end() or nxt.group("comment") is None:
                raise NotationError(f"{where}: the mark “{m.group(0)}” must be followed at once by a "
                                   "comment naming its kind, like {>>rejoined: reason<<}")
            iv = _attached(m, nxt, kinds, where)
            i += 2
        iv.line = line
        doc.interventions.append(iv)
    _assign_blocks(doc, blocks, kinds)
    _check_moves(doc)
    _check_restorations(doc, blocks)
    _describe_moves(doc)
    return doc


def _comment(raw: str, where: str) -> re.Match:
    m = COMMENT_RE.match(raw)
    if not m:
        raise NotationError(f"{where}: cannot read the comment “{{>>{raw}<<}}”; expected "
                           "“kind: reason”, “move #label: reason” or “#label”")
    return m


def _standalone(m: re.Match, kinds: dict[str, Kind], where: str) -> Intervention:
    """A comment on its own: a move's origin or an editors' note."""
    c = _comment(m.group("comment"), where)
    kind = c.group("kind")
    if not kind:
        raise NotationError(f"{where}: the label comment “{m.group(0)}” must follow a "
                           "{==moved words==} mark")
    if kind not in kinds:
        raise NotationError(f"{where}: unknown kind '{kind}' in “{m.group(0)}”")
    form = kinds[kind].mark
    if form == "move":
        if not c.group("label"):
            raise NotationError(f"{where}: the move “{m.group(0)}” needs a #label")
        if not c.group("reason"):
            raise NotationError(f"{where}: the move “{m.group(0)}” gives no reason; each move says "
                               f"its own, like {{>>move #{c.group('label')}: reason<<}}")
        return Intervention("origin", kind, m.start(), m.end(), 0, label=c.group("label"),
                            reason=c.group("reason"))
    if form == "note":
        if not c.group("reason"):
            raise NotationError(f"{where}: the note “{m.group(0)}” says nothing")
        label = c.group("label") or ""
        if kinds[kind].in_text == "page" and not PAGE_LABEL_RE.match(label):
            raise NotationError(f"{where}: a page marker names its page, like "
                               f"{{>>{kind} #page-3: evidence<<}}; found “{m.group(0)}”")
        if kinds[kind].in_text != "page" and label:
            raise NotationError(f"{where}: only moves and page markers take a #label (“{m.group(0)}”)")
        return Intervention("note", kind, m.start(), m.end(), 0, reason=c.group("reason"), label=label)
    raise NotationError(f"{where}: the kind '{kind}' marks a {form}, but “{m.group(0)}” stands alone")


def _attached(m: re.Match, com: re.Match, kinds: dict[str, Kind], where: str) -> Intervention:
    """A substitution, insertion, deletion or move destination with its comment."""
    c = _comment(com.group("comment"), where)
    start, end = m.start(), com.end()
    if m.group("dest") is not None:
        if c.group("kind") or not c.group("label") or c.group("reason"):
            raise NotationError(f"{where}: a {{==moved words==}} mark takes only its label, "
                               f"like {{>>#label<<}}; found “{com.group(0)}”")
        return Intervention("destination", "move", start, end, 0, edition=m.group("dest"),
                            source=m.group("dest"), label=c.group("label"))
    kind = c.group("kind")
    if kind not in kinds:
        raise NotationError(f"{where}: unknown kind '{kind}' in “{com.group(0)}”")
    k = kinds[kind]
    if m.group("sub_old") is not None:
        form, source, edition = "substitution", m.group("sub_old"), m.group("sub_new")
    elif m.group("ins") is not None:
        form, source, edition = "insertion", "", m.group("ins")
    else:
        form, source, edition = "deletion", m.group("del"), ""
    if k.mark != form:
        raise NotationError(f"{where}: the kind '{kind}' marks a {k.mark}, not a {form} "
                           f"(“{m.group(0)}”)")
    if not c.group("reason"):
        raise NotationError(f"{where}: “{m.group(0)}{com.group(0)}” gives no reason")
    if k.needs_from and not c.group("ref"):
        raise NotationError(f"{where}: a '{kind}' intervention must say where it comes from "
                           f"(“{kind} from #paragraph-id: reason”)")
    if c.group("label"):
        raise NotationError(f"{where}: only moves take a #label (“{com.group(0)}”)")
    if not (source or edition).strip():
        raise NotationError(f"{where}: the mark “{m.group(0)}” is empty")
    return Intervention(form, kind, start, end, 0, source=source, edition=edition,
                        reason=c.group("reason"), ref=c.group("ref") or "")


def _assign_blocks(doc: Document, blocks: list[tuple[int, int, str]], kinds: dict[str, Kind]) -> None:
    """Give each intervention its block and its own id: ed-<block>-<n>; a paragraph break's (or
    division's) ed-<block>-break; a page marker's page-N. A page marker may stand alone between blocks: its
    block is then the next one (the first of its page)."""
    counts: dict[str, int] = {}
    seen_pages: dict[str, int] = {}
    for iv in doc.interventions:
        shows = kinds[iv.kind].in_text if iv.kind in kinds else "note"
        k = next((k for k, b in enumerate(blocks) if b[0] <= iv.start < b[1]), None)
        if shows == "page" and k is not None and not blocks[k][2] \
                and not TOKEN_RE.sub("", doc.text[blocks[k][0]:blocks[k][1]]).strip():
            k = next((j for j in range(k + 1, len(blocks)) if blocks[j][2]), None)
        if k is None or not blocks[k][2]:
            raise NotationError(f"{doc.path}:{iv.line}: this intervention stands in a block "
                               "without an id; give the paragraph one ({: #id })")
        iv.block = blocks[k][2]
        if shows == "page":
            if iv.label in seen_pages:
                raise NotationError(f"{doc.path}:{iv.line}: #{iv.label} is marked twice (also line "
                                   f"{seen_pages[iv.label]})")
            seen_pages[iv.label] = iv.line
            iv.id = iv.label
            continue
        if iv.kind in kinds and kinds[iv.kind].rule == "paragraph":  # one per paragraph, at its start
            iv.id = f"ed-{iv.block.replace(':', '')}-break"
            if any(o.id == iv.id for o in doc.interventions if o is not iv):
                raise NotationError(f"{doc.path}:{iv.line}: a second {iv.kind} mark in #{iv.block}")
            continue
        counts[iv.block] = counts.get(iv.block, 0) + 1
        iv.id = f"ed-{iv.block.replace(':', '')}-{counts[iv.block]}"


def _check_moves(doc: Document) -> None:
    """Every move has one origin and one destination; footnotes are destinations of fn-N."""
    origins: dict[str, Intervention] = {}
    for iv in doc.interventions:
        if iv.form == "origin":
            if iv.label in origins:
                raise NotationError(f"{doc.path}:{iv.line}: the move #{iv.label} has two origins "
                                   f"(also line {origins[iv.label].line})")
            origins[iv.label] = iv
    dests: dict[str, tuple[int, str]] = {}
    for iv in doc.interventions:
        if iv.form == "destination":
            if iv.label in dests:
                raise NotationError(f"{doc.path}:{iv.line}: the label #{iv.label} marks two places")
            dests[iv.label] = (iv.line, iv.block)
    for fn in FOOTNOTE_DEF_RE.finditer(doc.text):
        dests[f"fn-{fn.group('n')}"] = (line_of(doc.text, fn.start()), f"fn:{fn.group('n')}")
    for label, (line, _) in dests.items():
        if label not in origins:
            raise NotationError(f"{doc.path}:{line}: #{label} is set here, but no "
                               f"{{>>move #{label}: …<<}} says where the source had it")
    for label, iv in origins.items():
        if label not in dests:
            raise NotationError(f"{doc.path}:{iv.line}: the move #{label} has no destination "
                               f"(no {{==…==}}{{>>#{label}<<}} and no footnote)")
        iv.moved_to = dests[label][1]


def _check_restorations(doc: Document, blocks: list[tuple[int, int, str]]) -> None:
    """Restored words must stand, word for word, in the block they are restored from."""
    by_id = {b[2]: b for b in blocks if b[2]}
    for iv in doc.interventions:
        if not iv.ref:
            continue
        if iv.ref not in by_id:
            raise NotationError(f"{doc.path}:{iv.line}: restored from #{iv.ref}, but no block has "
                               "that id")
        start, end, _ = by_id[iv.ref]
        words = " ".join(reading_text(doc.text[start:end]).split())
        if " ".join(iv.edition.split()) not in words:
            raise NotationError(f"{doc.path}:{iv.line}: the restored words “{iv.edition}” do not "
                               f"stand in #{iv.ref}")


SUMMARY_CHARS = 80


def _describe_moves(doc: Document) -> None:
    """What the apparatus says of each move's origin: its words and where they went."""
    dests = doc.by_label()
    footnotes = {f"fn-{m.group('n')}": m.group("text") for m in FOOTNOTE_DEF_RE.finditer(doc.text)}
    for iv in doc.interventions:
        if iv.form != "origin":
            continue
        words = dests[iv.label].edition if iv.label in dests else footnotes[iv.label]
        words = " ".join(reading_text(words).split())
        iv.moved_text = words if len(words) <= SUMMARY_CHARS else words[:SUMMARY_CHARS] + "…"
        iv.moved_to_anchor = dests[iv.label].id if iv.label in dests else iv.moved_to


def body_offset(text: str) -> int:
    """Where a page's Markdown starts after its YAML front matter (0 when it has none)."""
    m = FRONT_MATTER_RE.match(text)
    return m.end() if m else 0


def reading_text(markdown: str) -> str:
    """The edition's reading of a piece of Markdown, marks resolved, comments dropped."""

    def edition(m: re.Match) -> str:
        if m.group("sub_new") is not None:
            return m.group("sub_new")
        if m.group("ins") is not None:
            return m.group("ins")
        if m.group("dest") is not None:
            return m.group("dest")
        return ""

    return TOKEN_RE.sub(edition, markdown)
