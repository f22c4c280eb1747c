"""The brief reads as continuous text: the editors' apparatus stands aside, measured in Chromium.

The editors' links (overrides/partials/connections.html) stand in the margin on wide screens and
fold under one control per paragraph on narrow ones; the reader's mode, reading or study
(docs/assets/javascripts/edition.js), is remembered; on a phone no paragraph's first line is
shortened by the paragraph's ¶ and Cite tools, which stay reachable from the keyboard.
"""

from __future__ import annotations

from playwright.sync_api import expect

from conftest import DESKTOP, PHONE, at_rest

# The author's share of the brief's height, in reading mode: the targets.
AUTHOR_SHARE = {"desktop": (DESKTOP, 0.85), "phone": (PHONE, 0.80)}

# The author's blocks: the brief's paragraphs, pull-quotes and headings with ids, each with the
# space that separates it from the next block (its bottom margin), editorial elements aside.
SHARE_JS = """() => {
  const article = document.querySelector('article.md-content__inner');
  const blocks = [...article.querySelectorAll(':scope > p[id], :scope > aside[id], :scope > h2[id]')]
    .filter(e => !e.closest('[data-editorial]'));
  const author = blocks.reduce((sum, e) =>
    sum + e.getBoundingClientRect().height + parseFloat(getComputedStyle(e).marginBottom), 0);
  return [author, article.getBoundingClientRect().height];
}"""

# Each paragraph's first line: its width, the width it could have, the width of the word after it
# (with a space), and whether it ends the paragraph or an author's line break ends it.
FIRST_LINES_JS = """() => [...document.querySelectorAll('article.md-content__inner > p[id]')].map(p => {
  const s = getComputedStyle(p);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const lines = [];  // [top, left, right] of each line of the paragraph
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    for (let i = 0; i < t.length; i++) {
      range.setStart(t, i); range.setEnd(t, i + 1);
      const r = range.getClientRects()[0];
      if (!r || r.width === 0) continue;
      const line = lines.find(l => Math.abs(l[0] - r.top) < r.height / 2);
      if (line) { line[1] = Math.min(line[1], r.left); line[2] = Math.max(line[2], r.right); line[5] = t; line[6] = i; }
      else lines.push([r.top, r.left, r.right, t, i, t, i, r.bottom]);
    }
  }
  // A pointer to an editors' note has no text node (its sign is generated content): its box is
  // part of the line nearest to it.
  for (const n of p.querySelectorAll('.ed-note')) {
    const r = n.getBoundingClientRect();
    if (!r.width || !lines.length) continue;
    const mid = (r.top + r.bottom) / 2;
    const line = lines.reduce((a, b) => Math.abs((a[0] + a[7]) / 2 - mid) <= Math.abs((b[0] + b[7]) / 2 - mid) ? a : b);
    line[1] = Math.min(line[1], r.left); line[2] = Math.max(line[2], r.right);
  }
  const content = p.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  // The first word of the second line: would it have fitted on the first?
  let next = 0, forced = false;
  if (lines.length > 1) {
    const [, , , t, i] = lines[1];
    range.setStart(lines[0][5], lines[0][6] + 1); range.setEnd(t, i);
    forced = !!range.cloneContents().querySelector('br');  // a line break the author set
    const word = t.data.slice(i).match(/^\\S+/);
    range.setStart(t, i); range.setEnd(t, i + (word ? word[0].length : 1));
    next = range.getBoundingClientRect().width + parseFloat(s.fontSize) * 0.25;  // and a space
  }
  const first = lines.length ? lines[0][2] - lines[0][1] : 0;
  return {id: p.id, first, content, next, last: lines.length < 2 || forced};
})"""


def open_brief(visit, viewport, mode: str | None = None):
    """The brief in a fresh browser, its apparatus mode stored beforehand when given."""
    v = visit(viewport=viewport)
    if mode:
        v.page.add_init_script(f"localStorage.setItem('edition.apparatus', '{mode}')")
    return v


def test_reading_mode_puts_the_authors_text_in_front(visit, base_url):
    for name, (viewport, target) in AUTHOR_SHARE.items():
        page = open_brief(visit, viewport).page
        page.goto(f"{base_url}brief/")
        expect(page.locator("html")).to_have_attribute("data-apparatus", "reading")
        author, height = page.evaluate(SHARE_JS)
        share = author / height
        assert share >= target, (f"{name} {viewport['width']} px: the author's blocks are "
                                 f"{author:.0f} of {height:.0f} px ({share:.1%}), under {target:.0%}")


def test_no_first_line_is_shortened_on_a_phone(visit, base_url):
    page = open_brief(visit, PHONE).page
    page.goto(f"{base_url}brief/")
    lines = page.evaluate(FIRST_LINES_JS)
    assert len(lines) > 30, "the brief's paragraphs were not found"
    short = [f"#{l['id']}: {l['first']:.0f} of {l['content']:.0f} px (next word {l['next']:.0f} px)"
             for l in lines
             if not l["last"] and l["first"] < 0.95 * l["content"]
             and l["first"] + l["next"] < l["content"] - 1]  # a word would have fitted (1 px: rounding)
    assert not short, "first lines shortened at 390 px:\n" + "\n".join(short)


# The elements matching a selector that are shown, or hidden, as Playwright's to_be_visible and
# to_be_hidden judge it (rendered -- not in a closed <details>, say --, visibility: visible, a box of
# some size), named by the paragraph before their note; all judged in one call.
WRONGLY_SHOWN_JS = """([selector, shown]) => [...document.querySelectorAll(selector)].filter(e => {
  const r = e.getBoundingClientRect();
  return (e.checkVisibility() && getComputedStyle(e).visibility === 'visible'
          && r.width > 0 && r.height > 0) !== shown;
}).map(e => { const note = e.closest('.xl-note'), p = note && note.previousElementSibling;
              return (p && p.id ? '#' + p.id + ' ' : '') + e.className; })"""


def expect_all(page, selector: str, shown: bool) -> None:
    """Every element matching `selector` is shown (or hidden), waiting for the page to get there."""
    try:
        page.wait_for_function(f"args => ({WRONGLY_SHOWN_JS})(args).length === 0", arg=[selector, shown])
    except Exception:
        wrong = page.evaluate(WRONGLY_SHOWN_JS, [selector, shown])
        raise AssertionError(f"{'hidden' if shown else 'shown'}: {wrong}") from None


def test_the_mode_switches_is_remembered_and_study_shows_every_note(visit, base_url):
    for viewport in (DESKTOP, PHONE):
        page = open_brief(visit, viewport).page
        page.goto(f"{base_url}brief/")
        notes = page.locator("article .xl-note .xl-body")
        count = notes.count()
        assert count > 20, "the brief's editors' notes were not found"
        button = page.locator("button.xl-mode")
        expect(button).to_have_attribute("aria-pressed", "false")
        if viewport is PHONE:  # folded: only the controls show
            expect_all(page, "article .xl-note .xl-body", shown=False)
            expect(page.locator("article .xl-note summary").first).to_be_visible()
        button.click()
        expect(page.locator("html")).to_have_attribute("data-apparatus", "study")
        expect(button).to_have_attribute("aria-pressed", "true")
        page.reload()
        expect(page.locator("html")).to_have_attribute("data-apparatus", "study")
        expect(page.locator("button.xl-mode")).to_have_attribute("aria-pressed", "true")
        expect_all(page, "article .xl-note .xl-body", shown=True)
        expect_all(page, "article .xl-note .xl-body .xl-why", shown=True)  # the editors' explanations too
        page.locator("button.xl-mode").click()
        expect(page.locator("html")).to_have_attribute("data-apparatus", "reading")
        page.reload()
        expect(page.locator("html")).to_have_attribute("data-apparatus", "reading")


def test_notes_stand_beside_their_paragraph_on_a_wide_screen(visit, base_url):
    page = open_brief(visit, DESKTOP).page
    page.goto(f"{base_url}brief/")
    placed = page.evaluate("""() => [...document.querySelectorAll('article > .xl-note')].map(n => {
        const p = n.previousElementSibling.getBoundingClientRect(), r = n.getBoundingClientRect();
        return [n.previousElementSibling.id, r.left >= p.right, r.top >= p.top - 1 && r.top < p.bottom];
      })""")
    wrong = [pid for pid, beside, aligned in placed if not (beside and aligned)]
    assert placed and not wrong, f"notes not in the margin beside their paragraph: {wrong}"


def test_paragraph_tools_reached_by_keyboard_on_a_phone(visit, base_url):
    page = open_brief(visit, PHONE).page
    page.goto(f"{base_url}brief/")
    target = "security-3"
    tools = page.locator(f"[id='{target}']").locator("xpath=preceding-sibling::div[1]")
    permalink = tools.locator(".ed-permalink")
    # Focus what comes before the tools, then Tab into them as a keyboard reader does.
    tools.locator("xpath=preceding-sibling::*[1]").evaluate(
        "e => { const f = [...e.querySelectorAll('a[href], summary, button, [tabindex=\\'0\\']')].pop();"
        " if (f) f.focus(); else { e.tabIndex = -1; e.focus(); } }")
    page.keyboard.press("Tab")
    expect(permalink).to_be_focused()
    expect(permalink).to_be_in_viewport()
    page.keyboard.press("Tab")
    summary = tools.locator("summary.ed-cite__summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    expect(tools.locator("details.ed-cite")).to_have_attribute("open", "")
    expect(tools.locator(".ed-cite__panel")).to_be_visible()
    page.keyboard.press("Escape")
    permalink.focus()
    # Material writes the address of the section that Tab scrolled into view 250 ms later; a press
    # before that lands first and is then overwritten (see conftest.follow).
    at_rest(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}brief/#{target}")


# Every layout shift of the page, as Chromium reports it (the Layout Instability API): its value,
# what moved, and whether that is in the brief's article (the text and its tools).
SHIFTS_INIT = """window.__shifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shifts.push(
  [e.value, (e.sources || []).map(s => { const n = s.node, el = n && (n.nodeType === 1 ? n : n.parentElement);
    return [el ? el.tagName + "." + el.className : String(n), !!(el && el.closest("article"))]; })]); })
  .observe({type: "layout-shift", buffered: true});"""


def test_the_brief_loads_without_a_layout_shift(visit, base_url):
    # The study-mode button that edition.js adds beside the brief's Cite control moved the
    # control 12 px down (CLS 0.002 in Lighthouse) until the row was given the button's height.
    for viewport in (PHONE, DESKTOP):
        page = open_brief(visit, viewport).page
        page.add_init_script(SHIFTS_INIT)
        page.goto(f"{base_url}brief/")
        expect(page.locator(".ed-tools--brief button.xl-mode")).to_be_visible()
        page.wait_for_timeout(500)
        shifts = page.evaluate("window.__shifts")
        in_article = [s for s in shifts if any(inside for _, inside in s[1])]
        assert in_article == [], f"{viewport['width']} px: {shifts}"


def test_without_javascript_an_opened_note_gives_each_link_s_explanation(visit, base_url):
    """No study mode without JavaScript: an opened note shows every explanation, once, at the link
    it explains; a link back carries no copy of it (Material's instant previews would take a title
    off anyway, so only a reader without JavaScript ever had it)."""
    page = visit(viewport=PHONE, java_script_enabled=False).page
    page.goto(f"{base_url}brief/")
    note = page.locator("article .xl-note:has(.xl-out .xl-why)").first
    whys = note.locator(".xl-out .xl-why")
    expect(whys.first).to_be_hidden()  # folded, as on a phone with JavaScript
    note.locator("summary .xl-marker").click()  # where a finger taps: the row's right end holds the next ¶'s tools
    for i in range(whys.count()):
        expect(whys.nth(i)).to_be_visible()
    assert page.locator("article a.xl-back").count() > 20
    assert page.locator("article a.xl-back[title]").count() == 0


def test_on_a_phone_a_tap_on_a_folded_note_s_summary_opens_it(visit, base_url):
    """The next paragraph's ¶ and Cite row is raised onto a folded note's summary row (cite.css):
    its empty width must leave the summary the tap (Playwright's click fails if another element
    would take it)."""
    page = open_brief(visit, PHONE).page
    page.goto(f"{base_url}brief/")
    notes = page.locator("article .xl-note:has(+ .ed-tools--paragraph)")
    assert notes.count() > 10
    for i in (0, notes.count() // 2, notes.count() - 1):
        note = notes.nth(i)
        note.locator("summary .xl-marker").click()
        expect(note.locator(".xl-body")).to_be_visible()


def test_the_favicon_written_into_the_page_is_drawn_and_not_fetched(visit, base_url):
    """The favicon is a data: URI in the page (edition.assets.favicon_data_uri): Chromium draws it as
    an image of the file's size, and the first view asks the server for no icon."""
    v = visit()
    v.page.goto(f"{base_url}brief/", wait_until="networkidle")
    drawn = v.page.evaluate("""() => new Promise(done => { const img = new Image();
      img.onload = () => done([img.naturalWidth, img.naturalHeight]); img.onerror = () => done(null);
      img.src = document.querySelector('link[rel="icon"]').href; })""")
    assert drawn and drawn[0] > 0 and drawn[1] > 0, f"the favicon does not draw: {drawn}"
    assert not [u for u in v.requests if "favicon" in u or u.endswith((".ico", ".svg"))], v.requests


# An opened Cite panel's box, its opened control and its first citation, as Chromium computes them.
PANEL_STYLE_JS = """details => {
  const pick = (e, names) => e ? Object.fromEntries(names.map(n => [n, getComputedStyle(e)[n]])) : null;
  return {panel: pick(details.querySelector('.ed-cite__panel'), ['display', 'position', 'zIndex', 'borderTopWidth',
            'borderTopStyle', 'boxShadow', 'overflowY', 'textAlign', 'backgroundColor']),
          summary: pick(details.querySelector('summary'), ['color', 'backgroundColor']),
          entry: pick(details.querySelector('.ed-cite__entry'), ['display', 'columnGap']),
          copy: pick(details.querySelector('.ed-cite__copy'), ['borderTopWidth', 'cursor']),
          body: getComputedStyle(document.body).backgroundColor,
          link: getComputedStyle(details.closest('.ed-tools').querySelector('.ed-permalink')).color};
}"""


def test_an_opened_cite_panel_is_styled_though_its_styles_come_later(visit, base_url):
    """The brief's first view fetches no cite-panel.css (its rules are no part of the first paint);
    the first reach for a Cite control links it (edition.js), and the opened panel stands over the
    text as before, boxed, its citations in their grid with their Copy buttons. Without JavaScript,
    the <noscript> link styles the panel the same."""
    v = visit()
    page = v.page
    page.goto(f"{base_url}brief/", wait_until="networkidle")
    sheet = lambda: [u for u in v.requests if u.endswith("/cite-panel.css")]  # noqa: E731
    assert sheet() == [], "the first view fetched cite-panel.css"
    details = page.locator('details.ed-cite[data-cite="security-3"]')
    where = "d => d.closest('.ed-tools').nextElementSibling.getBoundingClientRect().top + scrollY"
    before = details.evaluate(where)
    details.locator("summary").click()
    expect(details.locator(".ed-cite__entry .ed-cite__copy").first).to_be_visible()
    style = details.evaluate(PANEL_STYLE_JS)
    assert style["panel"] | {"backgroundColor": None} == {
        "display": "block", "position": "absolute", "zIndex": "3", "borderTopWidth": "1px", "borderTopStyle": "solid",
        "boxShadow": style["panel"]["boxShadow"], "overflowY": "auto", "textAlign": "left", "backgroundColor": None}, style
    assert style["panel"]["boxShadow"] != "none" and style["panel"]["backgroundColor"] == style["body"], style
    assert style["summary"]["backgroundColor"] == style["link"] != style["summary"]["color"], style  # pressed
    assert style["entry"] == {"display": "grid", "columnGap": style["entry"]["columnGap"]} and \
        style["entry"]["columnGap"] not in ("normal", "0px"), style
    assert style["copy"] == {"borderTopWidth": "1px", "cursor": "pointer"}, style
    # over the text: the paragraph under the control has not moved
    after = details.evaluate(where)
    assert after == before, f"opening the panel moved the paragraph from {before} to {after}"
    assert len(sheet()) == 1, v.requests

    page = visit(java_script_enabled=False).page
    page.goto(f"{base_url}brief/")
    details = page.locator('details.ed-cite[data-cite="security-3"]')
    details.locator("summary").click()
    expect(details.locator(".ed-cite__panel noscript + *, .ed-cite__panel a").first).to_be_visible()
    style = details.evaluate(PANEL_STYLE_JS)
    assert (style["panel"]["display"], style["panel"]["position"], style["panel"]["zIndex"]) == ("block", "absolute", "3")
