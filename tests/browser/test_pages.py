"""The PDF's pages and the changed paragraphs, as a reader meets them in Chromium: each #page-N
address lands on its marker, the markers stay visible in print (where a reader cites pages), and an
address the edition retired (#introduction-3, merged into #introduction-2 in 1.2) still lands on
the paragraph that holds its words."""

from __future__ import annotations

from conftest import PHONE


def test_a_page_address_lands_on_its_marker(reader, base_url):
    """Each #page-N address opened by a full load of the brief (one reader: the page emptied in
    between, so that each is a new document scrolled to its fragment, not a move within one)."""
    page = reader.page
    for n in range(1, 7):
        page.goto("about:blank")
        page.goto(f"{base_url}brief/#page-{n}")
        marker = page.locator(f"article #page-{n}")
        assert marker.inner_text() == f"[p.\xa0{n}]"
        box = marker.bounding_box()
        assert box and 0 <= box["y"] < page.viewport_size["height"], f"#page-{n} is not in view: {box}"


def test_the_page_markers_are_printed(reader, base_url):
    page = reader.page
    page.goto(f"{base_url}brief/")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => [...document.querySelectorAll('article .ed-page')].map(el => {
        const s = getComputedStyle(el), r = el.getBoundingClientRect();
        return [el.id, s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0];
    })""")
    assert shown == [[f"page-{n}", True] for n in range(1, 7)]


def test_page_5_begins_mid_sentence_on_a_phone_without_breaking_the_line(visit, base_url):
    page = visit(viewport=PHONE).page
    page.goto(f"{base_url}brief/#page-5")
    # the marker stands inline in the author's sentence, not on a line of its own
    same_line = page.evaluate("""() => {
        const m = document.querySelector('article #page-5');
        const range = document.createRange();
        range.setStart(m.nextSibling, 1); range.setEnd(m.nextSibling, 6);   // " hangs"
        const a = m.getBoundingClientRect(), b = range.getBoundingClientRect();
        return Math.abs(a.bottom - b.bottom) < 8;
    }""")
    assert same_line


def test_the_retired_address_of_a_merged_paragraph_lands_on_its_paragraph(reader, base_url):
    page = reader.page
    page.goto(f"{base_url}brief/#introduction-3")
    target = page.locator("article #introduction-3")
    assert target.evaluate("el => el.parentElement.id") == "introduction-2"
    box = page.locator("article #introduction-2").bounding_box()
    assert box and box["y"] < page.viewport_size["height"]
    assert "Nor does Russia’s foreign policy elite" in page.locator("article #introduction-2").inner_text()
