"""The paragraphing and the pages are recorded with their evidence (scripts/edition/layout.py): each
break of the running text opens its paragraph with a mark that names its evidence or says that it
is the editors' division, and the build holds the claim to the source's line lengths and witnesses;
the page markers #page-1 … #page-6 are held to the printed page numbers and to the footnotes, each
at the foot of the page that cites it. Each fault below stops the load, naming the line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import edition
from edition.errors import NotationError
from sitetools import ROOT, load_error

BRIEF = (ROOT / "docs" / "brief.md").read_text(encoding="utf-8")


def broken(tmp_path: Path, *changes: tuple[str, str]) -> str:
    """Load a copy of the project with the brief changed; the error's message."""
    return load_error(tmp_path, "docs/brief.md", *changes, error=NotationError)


def line_of(needle: str) -> int:
    return BRIEF.count("\n", 0, BRIEF.index(needle)) + 1


def mark_of(pid: str) -> str:
    """The break or division mark that opens paragraph `pid` in the real brief (unique: with the
    paragraph's first words)."""
    m = re.search(r"\n\n(\{>>(?:break|division): [^\n]*?<<\} ?)((?:(?!\n\n).)*?)\n\{: #%s \}" % pid, BRIEF, re.S)
    assert m, pid
    return m.group(1) + m.group(2)[:30]


def words_of(pid: str) -> str:
    """The first words of paragraph `pid` (what mark_of gives, without the mark)."""
    return re.sub(r"^\{>>[^\n]*?<<\} ?", "", mark_of(pid))


def test_every_break_of_the_real_brief_has_its_evidence_or_is_the_editors_division():
    ed = edition.load(ROOT)
    marks = {iv.block: iv for iv in ed.doc.interventions if iv.kind in ("break", "division")}
    divisions = sorted(b for b, iv in marks.items() if iv.kind == "division")
    assert divisions == ["policy-2", "policy-3", "policy-4", "policy-5", "policy-6", "policy-7",
                         "security-3", "security-4", "security-5"]
    assert marks["introduction-2"].reason.startswith("witness")
    short = [b for b, iv in marks.items() if iv.kind == "break" and iv.reason.startswith("short last line")]
    assert len(short) == 12 and "security-6" in short
    # the figures come from the source: #security-6 opens after the short line at the foot of page 3
    assert ("source line 226 (“cooperation with Japan.”) has 23 characters, 46% of the median of the "
            "3 lines before it (50); short is at most 85%") in marks["security-6"].reason
    assert ed.layout.breaks["security-6"].number == 226
    assert all(iv.id == f"ed-{b}-break" for b, iv in marks.items())


def test_the_pages_of_the_source():
    ed = edition.load(ROOT)
    assert [(p.number, p.first, p.last) for p in ed.layout.pages] == [
        (1, 1, 46), (2, 47, 133), (3, 134, 227), (4, 228, 332), (5, 333, 380), (6, 381, 412)]
    # a page number is printed on pages 3, 5 and 6; on 1, 2 and 4 it is inferred, and a citation
    # gives it in brackets
    assert [(p.number, p.printed, p.label) for p in ed.layout.pages] == [
        (1, 0, "[1]"), (2, 0, "[2]"), (3, 227, "3"), (4, 0, "[4]"), (5, 379, "5"), (6, 412, "6")]
    assert ed.layout.pages_of("economy-2") == "p. 3" and ed.layout.pages_of("trump-4") == "pp. [4]–5"
    assert ed.layout.pages_of("security-6") == "p. [4]" and ed.layout.pages_of("fn:6") == "p. [4]"
    # a section runs from its heading to its last block
    assert ed.layout.pages_of("the-security-agenda") == "pp. 3–[4]"
    assert ed.layout.pages_of("the-trump-factor") == "pp. [4]–5"


def test_one_account_of_the_pages_and_footnotes_derived_from_the_page_data():
    ed = edition.load(ROOT)
    marks = {iv.label: iv for iv in ed.doc.interventions if iv.label}
    # each footnote's position, from the page data: 1 and 5 stand inside their pages, the others at
    # a page's foot, and the move note and the page marker say the same
    where = {fn.number: (fn.page, fn.at_foot) for p in ed.layout.pages for fn in p.notes}
    assert where == {"1": (2, False), "2": (2, True), "3": (2, True), "4": (2, True), "5": (4, False),
                     "6": (4, True), "7": (5, True)}
    assert marks["fn-1"].reason.endswith("lines 88–89, inside page 2, between “leaders” (line 87) and "
                                         "“regularly” (line 90)")
    assert marks["fn-5"].reason.endswith("lines 282–284, inside page 4, between “collector” (line 280) "
                                         "and “of” (line 286)")
    assert marks["fn-6"].reason.endswith("lines 330–332, at the foot of page 4")
    assert "footnote 1 (lines 88–89) inside page 2" in marks["page-2"].reason
    assert "footnotes 2–4 (lines 125–133) at the foot of page 2" in marks["page-2"].reason
    assert "footnote" not in marks["page-3"].reason.split("Page 3:")[1]
    # page 6 begins with the series name, which the title-series move takes from there
    assert "“Policy Brief”, line 381" in marks["page-6"].reason and "Page 6: source lines 381–412" in marks["page-6"].reason
    assert "footer" not in marks["title-series"].reason
    for p in ed.layout.pages:
        assert (f"its number, {p.number}, is inferred" in p.mark.reason) == (not p.printed)


@pytest.mark.parametrize("old, new, message", [
    ("{>>move #fn-1: footnote 1, which cuts the sentence in two<<}",
     "{>>move #fn-1: footnote 1, which stood at the foot of its page<<}",
     r"the move note #fn-1 says “foot of”: where pages begin and end and where footnotes stand is derived"),
    ("the first page: the title, the summary and the introduction<<}",
     "the first page: the title, the summary and the introduction; footnote 1 closes page 2<<}",
     r"the page note #page-1 says “closes page”"),
    ("(“ Two main factors”, line 134)", "(“ Two main factors”, line 135)",
     r"docs/brief\.md:\d+: the page note page-3: quotes “ Two main factors” as source line 135, which reads “between Japan and Russia"),
])
def test_a_hand_written_page_position_or_a_misquoted_line_stops_the_load(tmp_path, old, new, message):
    assert re.search(message, broken(tmp_path, (old, new))), broken(tmp_path / "again", (old, new))


def test_a_break_that_claims_a_short_line_the_source_does_not_have(tmp_path):
    message = broken(tmp_path, (mark_of("security-4"), "{>>break: short last line<<}" + words_of("security-4")))
    assert message.startswith(f"docs/brief.md:{line_of(mark_of('security-4'))}: the break mark of "
                              "#security-4 claims a short last line, but source line 206")
    assert "has 53 characters" in message and "not short" in message


def test_a_division_where_the_source_has_evidence(tmp_path):
    message = broken(tmp_path, (mark_of("place-3"), "{>>division: the editors' choice<<} " + words_of("place-3")))
    assert "#place-3 is marked as the editors' division, but the break has evidence (a short last " \
           "line: source line 70 (“with the West.”)" in message


def test_a_witness_claimed_where_none_stands(tmp_path):
    message = broken(tmp_path, (mark_of("summary-2"), "{>>break: witness<<}" + words_of("summary-2")))
    assert "claims a witness, but no witness mark stands at the end of #summary-1" in message


def test_a_break_without_its_mark(tmp_path):
    message = broken(tmp_path, (mark_of("place-4"), words_of("place-4")))
    assert re.match(r"docs/brief\.md:\d+: #place-4: the break between #place-3 and #place-4 needs one "
                    r"mark at the start of the paragraph", message), message


def test_a_break_mark_that_does_not_open_its_paragraph(tmp_path):
    message = broken(tmp_path, (mark_of("economy-3"), words_of("economy-3")),
                     ("Russian Far East — remains", "Russian Far East {>>break: short last line<<}— remains"))
    assert "the break mark of #economy-3 must stand at the start of the paragraph" in message


def test_a_short_line_inside_a_paragraph(tmp_path):
    # undo the split at the foot of page 3: the paragraph runs on over its short last line again
    page4 = re.search(r"\{>>page #page-4: [^\n]*<<\}", BRIEF).group(0)
    message = broken(tmp_path, ("{--3--}{>>furniture: page number<<}\n{: #security-5 }\n\n" + page4 + "\n\n"
                                + mark_of("security-6"),
                                "{--3--}{>>furniture: page number<<}\n" + page4 + " " + words_of("security-6")))
    assert re.match(r"docs/brief\.md:\d+: #security-6: source line 226 \(“cooperation with Japan\.”\) "
                    r"has 23 characters, 46% of the median of the 3 lines before it \(50\); short is at "
                    r"most 85%: a short line, evidence of a paragraph end, inside the paragraph", message), message


def test_a_page_marker_that_puts_a_printed_page_number_on_another_page(tmp_path):
    page4 = re.search(r"\{>>page #page-4: [^\n]*<<\}\n\n", BRIEF).group(0)
    message = broken(tmp_path, (page4, ""),
                     ("{>>division: the editors begin a paragraph at the example",
                      page4 + "{>>division: the editors begin a paragraph at the example"))
    assert "the printed page number 3 (source line 227) falls on page 4 as the page markers divide " \
           "the source: a marker is misplaced" in message


def test_a_page_marker_that_parts_a_footnote_from_the_page_that_cites_it(tmp_path):
    page5 = re.search(r"\{>>page #page-5: [^\n]*?<<\} ", BRIEF).group(0)
    message = broken(tmp_path, (page5, ""),
                     (mark_of("trump-4"), page5 + mark_of("trump-4")))
    assert "note 6 stands on page 5 of the source (line 330), but the text that cites it on page 4 " \
           "(line 269): a page marker is misplaced" in message


def test_page_markers_out_of_order_or_unnamed(tmp_path):
    message = broken(tmp_path, ("{>>page #page-2:", "{>>page #page-3:"), ("{>>page #page-3: after footnotes", "{>>page #page-2: after footnotes"))
    assert "#page-3 is page marker number 2: the markers run #page-1, #page-2, … in order" in message
    message = broken(tmp_path / "b", ("{>>page #page-2:", "{>>page:"))
    assert "a page marker names its page, like {>>page #page-3: evidence<<}" in message


def test_the_built_brief_shows_the_pages_and_the_divisions(built_site):
    html = (built_site / "brief" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    markers = re.findall(r'<span class="ed-page" data-editorial="page" id="page-(\d)"[^>]*>\[p\.\xa0(\d)\]</span>', article)
    assert markers == [(str(n), str(n)) for n in range(1, 7)]
    # a page that begins between blocks has its marker on a line of its own; page 5 begins mid-sentence
    assert article.count('<div class="ed-page-block">') == 4
    assert re.search(r'cloud\s+that<span[^>]*></span>\s*<span class="ed-page"[^>]*id="page-5"[^>]*>\[p\.\xa05\]</span> hangs over', article)
    # a division shows the editors' pointer (its sign ⁋, drawn by CSS: no text) at the start of its
    # paragraph; a break with evidence shows nothing
    assert re.search(r'<p id="policy-2"><span [^>]*data-sign="⁋"[^>]*id="ed-policy-2-break"[^>]*></span> Tokyo should', article)
    assert re.search(r'<p id="place-3"><span class="ed-anchor" data-kind="break" id="ed-place-3-break"></span>Russia’s main', article)
    # the markers are the editors' words: kept out of the search index
    index = json.loads((built_site / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    brief = [d for d in index["docs"] if d["location"].startswith("brief/")]
    assert len(brief) >= 10 and not [d["location"] for d in brief if "[p." in d["text"] or "p.\xa0" in d["text"]]


def test_the_pages_named_printed_or_inferred_in_prose_are_those_of_the_page_data():
    pages = edition.load(ROOT).layout.pages
    printed = [str(p.number) for p in pages if p.printed]
    inferred = [str(p.number) for p in pages if not p.printed]

    def words(path: str) -> str:
        return " ".join((ROOT / path).read_text(encoding="utf-8").split())

    assert f"three of the printed page numbers ({', '.join(printed[:-1])} and {printed[-1]})" \
        in words("docs/about-this-edition.md")
    assert f"three of the printed page numbers ({', '.join(printed)})" in words("data/interventions.yml")
    assert f"(pages {', '.join(inferred[:-1])} and {inferred[-1]}) is inferred" in words("docs/how-to-cite.md")
