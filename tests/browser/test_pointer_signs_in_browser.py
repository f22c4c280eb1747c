"""The pointers to the editors' notes, as a reader meets them in Chromium: a sign for each class of
note, explained by the key on the brief, and never a character of the author's sentence: a copied
selection, the search index and the Cite panel of the paragraph hold the author's words whole.

The paragraph is the brief's Introduction ¶ 2, whose "semi-isolation" carries a web witness's
pointer; it used to copy as "semi-isolation ed. that followed" and stand in the search index as
"semi-isolationed. that followed".
"""

from __future__ import annotations

import json
import re

from edition.extension import POINTER_SIGNS, letters

PARAGRAPH = "introduction-2"
PHRASE = "to puncture further the semi-isolation that followed Russia’s annexation of Crimea"
# What a pointer showed as text before (its "ed.", as a word of its own), and every sign a pointer
# may show now.
POINTER_RE = re.compile(r"(?<!\w)ed\.|[†⁋]")

SELECT = """id => {
  const p = document.getElementById(id);
  const range = document.createRange();
  range.selectNodeContents(p);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  return sel.toString();
}"""

# The text the browser puts on the clipboard for the selection: read in a copy event, after the
# browser's own handling of it (the event's clipboardData is written by the default action, so the
# listener reads the selection the way the default action serialises it, then lets it proceed).
COPY = """() => new Promise(resolve => {
  document.addEventListener("copy", () => setTimeout(() => resolve(window.getSelection().toString()), 0),
                            {once: true});
  document.execCommand("copy");
})"""


def one_line(text: str) -> str:
    return " ".join(text.split())


def open_brief(visit, base_url, full: bool = False):
    """The brief, open; `full`: in the full Chromium, with the Clipboard API (the shell has none)."""
    v = visit(full=full, permissions=["clipboard-read", "clipboard-write"])
    v.page.goto(base_url + "brief/")
    v.page.wait_for_load_state("networkidle")
    return v.page


def test_a_copied_paragraph_holds_the_authors_phrase_and_no_pointer(visit, base_url):
    page = open_brief(visit, base_url, full=True)
    pointers = page.locator(f"#{PARAGRAPH} .ed-note")
    assert pointers.count() >= 3, "the paragraph has its witness pointers"
    selected = one_line(page.evaluate(SELECT, PARAGRAPH))
    assert PHRASE in selected, selected
    assert not POINTER_RE.search(selected), selected
    # the clipboard: Ctrl+C on the selection, read back through the Clipboard API
    page.keyboard.press("Control+C")
    copied = one_line(page.evaluate("() => navigator.clipboard.readText()"))
    assert PHRASE in copied and not POINTER_RE.search(copied), copied
    assert copied == selected
    # and what a copy event serialises
    assert one_line(page.evaluate(COPY)) == selected
    # the reading can fail: a pointer whose sign were a character of the page would be selected
    page.evaluate(f"() => document.querySelector('#{PARAGRAPH} .ed-witness').textContent = 'ed.'")
    assert POINTER_RE.search(page.evaluate(SELECT, PARAGRAPH))


def test_every_paragraph_with_a_pointer_copies_without_it(visit, base_url):
    """Each paragraph of the brief with a pointer: its selection is its text without any sign, and
    each pointer shows its sign on screen (generated content, drawn from data-sign)."""
    page = open_brief(visit, base_url)
    ids = page.evaluate("""() => [...new Set([...document.querySelectorAll('article p[id] .ed-note')]
                                               .map(n => n.closest('p[id]').id))]""")
    assert len(ids) >= 10
    for pid in ids:
        selected = page.evaluate(SELECT, pid)
        assert not POINTER_RE.search(selected), (pid, selected[:120])
    shown = page.evaluate("""() => [...document.querySelectorAll('article .ed-note')].map(n =>
        [n.dataset.sign, getComputedStyle(n, '::before').content, n.textContent])""")
    assert shown and all(before == f'"{sign}"' and text == "" for sign, before, text in shown), shown


def test_one_sign_for_each_class_of_note_and_a_key_that_explains_them(visit, base_url):
    page = open_brief(visit, base_url)
    signs = page.evaluate("""() => Object.fromEntries(['ed-witness', 'ed-division'].map(c =>
        [c, [...new Set([...document.querySelectorAll('article .ed-note.' + c)].map(n => n.dataset.sign))]]))""")
    assert signs == {"ed-witness": [POINTER_SIGNS["witness"]], "ed-division": [POINTER_SIGNS["division"]]}
    notes = page.evaluate("""() => [...document.querySelectorAll('article .ed-note:not(.ed-witness):not(.ed-division)')]
        .map(n => n.dataset.sign)""")
    assert notes and notes == [letters(n) for n in range(1, len(notes) + 1)], "the editors' notes are lettered in order"
    key = page.locator("article details.ed-key")
    summary = key.locator("summary")
    assert summary.is_visible()
    # closed, its one line names every sign of a pointer with its class, and the editors' brackets
    line = one_line(summary.inner_text())
    assert line.startswith("Signs: a, b, c editors’ note · † web witness · ⁋ editors’ division ·"), line
    assert "[ ]" in line and "⟨ ⟩" in line
    # opened (by keyboard), it says what each sign means
    summary.focus()
    page.keyboard.press("Enter")
    assert key.get_attribute("open") is not None
    text = one_line(key.inner_text())
    for sign in ("a, b, c …", POINTER_SIGNS["witness"], POINTER_SIGNS["division"], "[ ]", "⟨ ⟩", "[p. 3]"):
        assert sign in text, sign
    for label in ("editors’ note, lettered in order", "web witness: what a web copy", "editors’ division: the editors begin"):
        assert label in text, label
    # the key comes before the first section, after the title block
    assert page.evaluate("""() => {
        const key = document.querySelector('article .ed-key'), h2 = document.querySelector('article h2');
        return !!(key.compareDocumentPosition(h2) & Node.DOCUMENT_POSITION_FOLLOWING)
            && !!(document.getElementById('imprint').compareDocumentPosition(key) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")


def test_a_pointer_is_reached_by_keyboard_and_named_by_its_note(visit, base_url):
    page = open_brief(visit, base_url)
    pointer = page.locator(f"#{PARAGRAPH} .ed-witness").first
    pointer.focus()
    focused = page.evaluate("() => [document.activeElement.id, document.activeElement.tabIndex]")
    assert focused == [pointer.get_attribute("id"), 0]
    assert pointer.get_attribute("role") == "note"
    name = pointer.get_attribute("aria-label")
    assert name.startswith("Web witness.") and pointer.get_attribute("data-note") is None  # the note once
    # focused, it opens its note as a card (the mark's ::after), and its sign stays
    card = page.evaluate("id => getComputedStyle(document.getElementById(id), '::after').content",
                         pointer.get_attribute("id"))
    assert card.strip('"').startswith("Web witness."), card
    box = pointer.bounding_box()
    assert box and box["width"] > 2 and box["height"] > 2, "the pointer has a sign to click or tap"


def test_the_search_index_and_the_cite_panel_hold_no_pointer(visit, base_url, built_site):
    index = json.loads((built_site / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith("brief/")]
    text = one_line(" ".join(d["text"] for d in docs))
    assert PHRASE in text
    assert "semi-isolationed." not in text and not POINTER_RE.search(text)
    # the Cite panel of the paragraph, opened as a reader opens it
    page = open_brief(visit, base_url)
    summary = page.locator(f"#{PARAGRAPH}").locator("xpath=preceding-sibling::*[1]").locator("summary.ed-cite__summary")
    summary.click()
    panel = page.locator(".ed-tools--paragraph details[open] .ed-cite__panel")
    panel.locator(".ed-cite__entry").first.wait_for()
    cited = one_line(panel.inner_text())
    assert f"brief/#{PARAGRAPH}" in cited and "[Introduction]" in cited
    assert not POINTER_RE.search(cited), cited
