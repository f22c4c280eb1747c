"""Only the notation in the brief: raw HTML other than the layout's, links, titles and abbreviations
of an author's words, character references, and characters that change what is seen without being
seen are refused in docs/brief.md (its text, its marks and its notes), naming line and element.

Each probe of issue 20 is made on the real brief's text (edition.notation.check_markup runs in
every parse); one is built with `mkdocs build --strict` to show the build stops with the message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from edition.errors import NotationError
from sitetools import BRIEF_PATH, ROOT, build_site, copy_project, parse

BRIEF = BRIEF_PATH.read_text(encoding="utf-8")
SENTENCE = "Japan remains committed to building closer ties with Russia"
WORD = "Asia-Pacific"  # an author's word of the summary (#summary-1)


def refused(old: str, new: str, text: str = BRIEF) -> tuple[str, int]:
    """The message of parsing the brief with `old` (once) replaced by `new`, and the line it is on."""
    assert text.count(old) >= 1, old
    start = text.index(old)
    mutated = text[:start] + new + text[start + len(old):]
    with pytest.raises(NotationError) as exc:
        parse(mutated)
    return str(exc.value), text.count("\n", 0, start) + 1


def test_the_brief_as_it_is_passes():
    assert parse(BRIEF).interventions


HTML_PROBES = {  # issue 20's probes: markup the proof does not model
    "dialog": ("<dialog>" + SENTENCE + "</dialog>", "<dialog>"),
    "ruby": (f"<ruby>Japan<rp>(</rp><rt>x</rt><rp>)</rp></ruby>{SENTENCE[5:]}", "<ruby>"),
    "datalist": (f"<datalist>{SENTENCE}</datalist>", "<datalist>"),
    "bdo": (f'<bdo dir=rtl>{SENTENCE}</bdo>', "<bdo dir=rtl>"),
    "q": (f"<q>{SENTENCE}</q>", "<q>"),
    "img": ('<img src="data:image/svg+xml;utf8,<svg xmlns=%22http://www.w3.org/2000/svg%22/>">' + SENTENCE, "<img"),
    "abbr": (f'<abbr title="not the author\'s">{SENTENCE}</abbr>', "<abbr"),
    "a": (f'<a href="https://attacker.example/">{SENTENCE}</a>', "<a href"),
    "style": (f"<style>#security-3{{display:none}}</style>{SENTENCE}", "<style>"),
    "script": (f"<script>alert(1)</script>{SENTENCE}", "<script>"),
    "span-with-style": (f'<span style="font-size:0">{SENTENCE}</span>', "<span style"),
}


@pytest.mark.parametrize("name", list(HTML_PROBES))
def test_raw_html_is_refused_naming_line_and_element(name):
    new, shown = HTML_PROBES[name]
    message, line = refused(SENTENCE, new)
    element = re.match(r"<(\w+)", new).group(1)
    assert message.startswith(f"docs/brief.md:{line}: raw HTML element <{element}> (“{shown}")
    assert "is not part of the notation" in message


def test_raw_html_inside_a_mark_and_inside_a_note_is_refused():
    message, line = refused("{++arisen not from interest++}",
                            "{++arisen <q>not</q> from interest++}")
    assert message.startswith(f"docs/brief.md:{line}: raw HTML element <q> (“<q>”)")
    message, line = refused("[^3]: The Ministry", "[^3]: The <dialog>Ministry</dialog>")
    assert message.startswith(f"docs/brief.md:{line}: raw HTML element <dialog>")


LINK_PROBES = {
    "markdown-link": (f"[{WORD}](https://attacker.example/)", "the link “[Asia-Pacific](https://attacker.example/)”"),
    "autolink": (f"{WORD} <https://attacker.example/>", "the autolink “<https://attacker.example/>”"),
    "image": (f"![{WORD}](x.png)", "the image “![Asia-Pacific](x.png)”"),
    "link-definition": (f"{WORD}\n\n[x]: https://attacker.example/\n", "the link definition “[x]:”"),
    "entity": ("Asia&#x202E;Pacific", "the character reference “&#x202E;”"),
    "title-attribute": (f"{WORD}{{: title=\"a gloss\" }}", "“title=\"a” in the attribute list"),
    "theme-class": ("{: #summary-1 }", "“.md-toggle” in the attribute list"),
}


@pytest.mark.parametrize("name", list(LINK_PROBES))
def test_only_the_edition_links_titles_or_classes_an_authors_word(name):
    new, shown = LINK_PROBES[name]
    if name == "theme-class":
        message, line = refused("{: #summary-1 }", "{: .md-toggle #summary-1 }")
    else:
        message, line = refused(WORD, new)
        line += new.count("\n", 0, new.index("[x]")) if name == "link-definition" else 0
    assert message.startswith(f"docs/brief.md:{line}: {shown}"), message


def test_a_note_may_link_its_printed_address_to_itself_only():
    note = next(line for line in BRIEF.splitlines() if line.startswith("[^1]:"))
    url = re.search(r"\]\((http[^)]+)\)", note).group(1)
    message, line = refused(f"]({url})", "](https://attacker.example/)")
    assert message.startswith(f"docs/brief.md:{line}: the link “[http://thediplomat.com/")
    assert "only a note's printed address may link, to itself, without a title" in message
    message, _ = refused(f"]({url})", f']({url} "a title")')
    assert "only a note's printed address may link" in message


HIDDEN = {
    0x202E: "RIGHT-TO-LEFT OVERRIDE",
    0x200B: "ZERO WIDTH SPACE",
    0x3000: "IDEOGRAPHIC SPACE",
    0x00A0: "NO-BREAK SPACE",
    0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x00AD: "SOFT HYPHEN",
}
PLACES = {  # in the text, in a mark's words, in a mark's reason, in a note
    "text": ("Japan remains committed", "Japan remains{} committed"),
    "mark": ("{++arisen not from interest++}", "{{++arisen{} not from interest++}}"),
    "reason": ("{>>break: short last line<<}", "{{>>break: short{} last line<<}}"),
    "note": ("[^3]: The Ministry", "[^3]: The{}Ministry"),
}


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("code", list(HIDDEN))
def test_bidi_zero_width_and_unusual_spaces_are_refused_everywhere(place, code):
    old, new = PLACES[place]
    message, line = refused(old, new.format(chr(code) * (3 if code == 0x3000 else 1)))
    assert message.startswith(f"docs/brief.md:{line}: U+{code:04X} {HIDDEN[code]} is not allowed in "
                              "the brief, its marks or its notes")


def test_the_build_stops_on_raw_html_naming_line_and_element(tmp_path: Path):
    project = copy_project(ROOT, tmp_path / "project")
    brief = project / "docs" / "brief.md"
    text = brief.read_text(encoding="utf-8")
    line = text.count("\n", 0, text.index(SENTENCE)) + 1
    brief.write_text(text.replace(SENTENCE, f"<dialog>{SENTENCE}</dialog>", 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site", check=False)
    assert result.returncode != 0
    assert (f"ERROR   -  docs/brief.md:{line}: raw HTML element <dialog> (“<dialog>”) is not part of "
            "the notation") in result.stdout + result.stderr


@pytest.mark.parametrize("code", [0x3000, 0x00A0, 0x2007, 0x200A])
def test_the_data_files_refuse_unusual_spaces_as_the_brief_does(tmp_path, code):
    import edition
    from edition.errors import DataError

    project = copy_project(ROOT, tmp_path / "project")
    path = project / "data" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^    short: (\S+) ", text, re.M)
    path.write_text(text[:m.end(1)] + chr(code) * 3 + text[m.end(1):], encoding="utf-8")
    with pytest.raises(DataError) as exc:
        edition.load(project)
    assert re.fullmatch(rf"data/glossary\.yml: term '[\w-]+': field 'short' contains U\+{code:04X} .+ "
                        r"\(control characters and spaces other than the plain one are not allowed in "
                        r"display text\)", str(exc.value)), str(exc.value)
