"""What a reader does with the editors' apparatus, done in Chromium against the built site.

The cross-links, the Timeline, the References and the Glossary (data/*.yml, rendered by
edition.extension), and the permalinks and Cite panels of the brief
(overrides/partials/cite.html, docs/assets/javascripts/cite.js). Expected values come from the data
files, so that a test follows the data rather than restating it. Every test also fails if a
request went to another origin or a request of the site failed (the `visit` fixture).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from edition.extension import cite_panels

from conftest import ORIGIN, at_rest, follow

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


def _data(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


EVENTS = {e["id"]: e for e in _data("timeline.yml")["events"]}
REFERENCES = {r["note"]: r for r in _data("references.yml")["references"]}
TERMS = {form: t for t in _data("glossary.yml")["terms"] for form in t["forms"]}
CROSSLINKS = {(x["from"], x["to"]) for x in _data("crosslinks.yml")["links"]}

# How long a reader's eye takes to find a link after the page moved (see `follow`).

# Editors' cross-links a reader follows and comes back from: (from paragraph, to paragraph).
CROSSLINK_CASES = [
    ("summary-1", "trump-1"),      # a claim of the summary to the passage that supports it
    ("policy-1", "introduction-2"),  # a recommendation to the analysis behind it
]

# Timeline events a reader opens by their address, and follows to the brief.
EVENT_CASES = ["soviet-offer-1956", "putin-abe-summit-2016"]

# Footnotes a reader follows to their reference entry and back.
FOOTNOTE_CASES = [1, 5]

# Glossary terms whose tooltip a reader opens in the brief (a form of data/glossary.yml).
TOOLTIP_CASES = ["Shinzo Abe", "Kuril Islands"]

# Kinds of intervention whose row on "About this edition" a reader follows to the mark.
APPARATUS_KINDS = ["corrected", "conjecture"]

# Citation styles of a paragraph's Cite panel, by their label.
CITE_STYLES = ["Chicago (note)", "APA", "MLA", "BibTeX"]


def by_id(page, anchor: str):
    """The element with this id (ids such as fn:1 are not valid CSS selectors as #fn:1)."""
    return page.locator(f"[id='{anchor}']")


def assert_arrived(page, anchor: str) -> None:
    """The element `anchor` is the URL's target, in the window below the sticky header, and marked
    so that the reader sees where they arrived (its style differs from an element like it)."""
    page.wait_for_function(
        """id => { const e = document.getElementById(id), r = e.getBoundingClientRect();
                   const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
                   return r.top >= header - 1 && r.top < innerHeight * 0.6; }""", arg=anchor)
    assert by_id(page, anchor).evaluate("e => e.matches(':target')"), f"#{anchor} is not the :target"
    target, other = by_id(page, anchor).evaluate(
        """t => { const sig = e => { const s = getComputedStyle(e);
                    return [s.backgroundColor, s.outlineStyle, s.boxShadow, s.borderTopColor].join(' | '); };
                  const like = [...document.querySelectorAll(t.tagName)]
                    .find(e => e !== t && e.className === t.className && e.id && !e.matches(':target'));
                  return [sig(t), like ? sig(like) : null]; }""")
    assert other is not None, f"nothing like #{anchor} to compare it with"
    assert target != other, f"#{anchor} looks like any other: {target}"


def canonical(page) -> str:
    """The page's permanent address (site_url), as its citations give it."""
    return page.locator("link[rel=canonical]").get_attribute("href")




def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab from the top of the page until the focus is on an element matching `selector`."""
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{limit} presses of Tab never reached {selector}")


# ----- Editors' cross-links --------------------------------------------------------------------

@pytest.mark.parametrize("source, target", CROSSLINK_CASES)
def test_follow_an_editors_link_to_its_paragraph_and_come_back(reader, base_url, source, target):
    assert (source, target) in CROSSLINKS, "the case is not a link of data/crosslinks.yml"
    page = reader.page
    page.goto(f"{base_url}brief/")
    link = page.locator(f"[id='{source}'] + .xl-note a.xl-to[href$='#{target}']")
    expect(link).to_have_count(1)
    follow(page, link)
    expect(page).to_have_url(f"{base_url}brief/#{target}")
    assert_arrived(page, target)
    page.go_back()
    expect(page).not_to_have_url(re.compile(f"#{target}$"))
    expect(by_id(page, source)).to_be_in_viewport()
    assert not by_id(page, target).evaluate("e => e.matches(':target')")


@pytest.mark.parametrize("source, target", CROSSLINK_CASES)
def test_linked_paragraph_shows_what_refers_to_it(reader, base_url, source, target):
    page = reader.page
    page.goto(f"{base_url}brief/#{target}")
    referred = page.locator(f"[id='{target}'] + .xl-note .xl-from")
    expect(referred).to_contain_text("Referred to from")
    expect(referred).to_be_in_viewport()
    back = referred.locator(f"a.xl-back[href$='#{source}']")
    expect(back).to_have_count(1)
    follow(page, back)
    expect(page).to_have_url(f"{base_url}brief/#{source}")
    assert_arrived(page, source)


# ----- Permalinks and Cite panels ----------------------------------------------------------------

def test_paragraph_permalink_reached_from_the_keyboard(reader, base_url):
    page = reader.page
    page.goto(f"{base_url}brief/")
    tools = page.locator(".ed-tools--paragraph").first
    assert float(tools.evaluate("e => getComputedStyle(e).opacity")) < 0.1, \
        "a paragraph's tools show before the reader asks for them"
    tab_to(page, "article .ed-permalink")
    link = page.locator("article .ed-permalink:focus")
    expect(link).to_be_visible()
    expect(link).to_be_in_viewport()
    assert float(link.evaluate("e => getComputedStyle(e.closest('.ed-tools')).opacity")) > 0.9, \
        "the focused permalink is invisible"
    anchor = link.get_attribute("href").rsplit("#", 1)[1]
    assert link.evaluate("e => e.closest('.ed-tools').nextElementSibling.id") == anchor, \
        "the permalink does not stand before the paragraph it links to"
    at_rest(page)  # Tab scrolled the page (see `follow`)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}brief/#{anchor}")
    assert_arrived(page, anchor)


def test_cite_a_paragraph_from_the_keyboard_and_copy_it(visit, base_url):
    page = visit(full=True).page  # the Clipboard API is the full browser's
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=ORIGIN)
    page.goto(f"{base_url}brief/")
    tab_to(page, "article .ed-permalink")
    anchor = page.locator("article .ed-permalink:focus").get_attribute("href").rsplit("#", 1)[1]
    page.keyboard.press("Tab")
    summary = page.locator("article summary.ed-cite__summary:focus")
    expect(summary).to_have_text("Cite")
    expect(summary).to_be_visible()
    page.keyboard.press("Enter")
    panel = page.locator(".ed-tools--paragraph details[open] .ed-cite__panel")
    expect(panel).to_have_count(1)
    expect(panel).to_be_visible()
    url = f"{canonical(page)}#{anchor}"
    assert url.startswith("http") and f"/brief/#{anchor}" in url
    entry = lambda label: panel.locator(".ed-cite__entry").filter(  # noqa: E731
        has=page.locator(".ed-cite__label", has_text=re.compile(f"^{re.escape(label)}$")))
    expect(entry("Link").locator(".ed-cite__text")).to_have_text(url)
    for style in CITE_STYLES:
        text = entry(style).locator(".ed-cite__text")
        expect(text).to_contain_text("Miller")
        expect(text).to_contain_text(url)
    expect(entry("BibTeX").locator(".ed-cite__text")).to_contain_text(f"url         = {{{url}}}")
    for style in ("Chicago (note)", "BibTeX"):
        citation = entry(style).locator(".ed-cite__text").inner_text().strip()
        button = entry(style).locator("button.ed-cite__copy")
        expect(button).to_be_visible()
        button.click()
        expect(button).to_have_text("Copied")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == citation, f"{style}: the clipboard holds {copied!r}"
    # Escape closes the panel and gives the focus back to its control.
    panel.locator("button.ed-cite__copy").first.focus()
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    expect(page.locator("article summary.ed-cite__summary:focus")).to_have_count(1)


def test_cite_js_builds_each_panel_as_the_page_data_gives_it(reader, base_url, built_site):
    """cite.js and edition.extension.cite_panels read the page's one JSON source (the file the page
    names, edition postbuild) the same way."""
    page = reader.page
    page.goto(f"{base_url}brief/")
    panels = cite_panels(page.content(), built_site / "brief")
    assert len(panels) >= 40
    for key in ("", "summary", "security-3", "policy-6"):
        details = page.locator(f'details.ed-cite[data-cite="{key}"]')
        details.locator("summary").click()
        expect(details.locator(".ed-cite__entry")).to_have_count(7)  # the first: once the data is here
        shown = details.locator(".ed-cite__entry").evaluate_all(
            "es => es.map(e => [e.querySelector('.ed-cite__label').textContent,"
            " e.querySelector('.ed-cite__text').innerHTML])")
        expected = [[e.select_one(".ed-cite__label").get_text(), e.select_one(".ed-cite__text").decode_contents()]
                    for e in BeautifulSoup(panels[key], "html.parser").select(".ed-cite__entry")]
        assert [label for label, _ in shown] == [label for label, _ in expected] and len(shown) == 7, key
        for (label, html), (_, want) in zip(shown, expected):
            assert BeautifulSoup(html, "html.parser").get_text() == BeautifulSoup(want, "html.parser").get_text(), \
                (key, label)
        assert details.locator(".ed-cite__more a").get_attribute("href") == "../how-to-cite/"


def test_cite_js_and_the_cite_data_load_only_when_a_panel_opens(reader, base_url):
    """A first view of the brief fetches neither cite.js nor the Cite data (edition.js); a panel
    opened from the keyboard while the data is on its way, then another, shows its citations with
    their Copy buttons when the data arrives, one panel open at a time."""
    page, held = reader.page, []
    # the data's answer is held until the test releases it
    page.route(re.compile(r".*/brief/cite-data\.[0-9a-f]{8}\.json$"), lambda route: held.append(route))
    page.goto(f"{base_url}brief/", wait_until="networkidle")  # nothing more is on its way
    lazy = lambda: [u for u in reader.requests if u.endswith("/cite.js") or "/cite-data." in u]  # noqa: E731
    assert lazy() == []
    first = page.locator('details.ed-cite[data-cite="security-3"]')
    first.locator("summary").focus()
    # cite.js comes and asks for the data, which the route holds
    with page.expect_request(lambda r: "/cite-data." in r.url):
        page.keyboard.press("Enter")
    expect(first).to_have_js_property("open", True)
    for _ in range(200):  # the request is out; its route's handler runs as Playwright's events come
        if held:
            break
        page.wait_for_timeout(20)
    assert held, "the data's request was never routed"
    second = page.locator('details.ed-cite[data-cite="policy-6"]')
    second.locator("summary").click()
    expect(first).to_have_js_property("open", False)
    expect(second.locator(".ed-cite__entry")).to_have_count(0)
    held[0].continue_()
    expect(second.locator(".ed-cite__entry")).to_have_count(7)
    expect(second.locator("button.ed-cite__copy")).to_have_count(7)
    expect(second.locator(".ed-cite__entry .ed-cite__text").first).to_have_text(re.compile(r"/brief/#policy-6$"))
    first.locator("summary").click()
    expect(first.locator(".ed-cite__entry")).to_have_count(7)
    expect(second).to_have_js_property("open", False)
    assert [u.rsplit("/", 1)[1].split(".")[0] for u in lazy()] == ["cite", "cite-data"], lazy()


def test_cite_controls_work_after_instant_navigation(reader, base_url):
    """With Material's instant navigation (no page load): How to cite's examples get their Copy
    buttons at once (edition.js loads cite.js there), and a panel of the brief reached from
    there fills from the brief's data file."""
    page = reader.page
    page.goto(base_url)
    page.evaluate("window.__same_document = true")  # lost on a full page load
    follow(page, page.locator("article a", has_text="How to cite").first)
    expect(page).to_have_url(f"{base_url}how-to-cite/")
    entries = page.locator(".ed-cite-example .ed-cite__entry")
    expect(entries.first).to_be_visible()
    expect(page.locator(".ed-cite-example button.ed-cite__copy")).to_have_count(entries.count())
    follow(page, page.locator("nav a", has_text="The brief").first)
    expect(page).to_have_url(f"{base_url}brief/")
    details = page.locator('details.ed-cite[data-cite="security-3"]')
    details.locator("summary").click()
    expect(details.locator(".ed-cite__entry")).to_have_count(7)
    expect(details.locator("button.ed-cite__copy")).to_have_count(7)
    assert page.evaluate("window.__same_document === true"), "a full page load, not instant navigation"
    assert len([u for u in reader.requests if u.endswith("/cite.js")]) == 1


def test_cite_controls_work_when_how_to_cite_is_opened_first_and_revisited(reader, base_url):
    """How to cite loaded first (cite.js comes at once there, after Material's deferred bundle, and
    follows its instant navigation): back on How to cite after the brief, the examples have their
    Copy buttons again; the loader, run again at each arrival, loads cite.js once."""
    page = reader.page
    page.goto(f"{base_url}how-to-cite/")
    copies = page.locator(".ed-cite-example button.ed-cite__copy")
    expect(copies.first).to_be_visible()
    count = copies.count()
    page.evaluate("window.__same_document = true")
    follow(page, page.locator("nav a", has_text="The brief").first)
    expect(page).to_have_url(f"{base_url}brief/")
    follow(page, page.locator("nav a", has_text="How to cite").first)
    expect(page).to_have_url(f"{base_url}how-to-cite/")
    expect(copies).to_have_count(count)
    assert page.evaluate("window.__same_document === true"), "a full page load, not instant navigation"
    assert len([u for u in reader.requests if u.endswith("/cite.js")]) == 1


def test_without_javascript_a_cite_panel_gives_the_address_and_how_to_cite(visit, base_url):
    page = visit(java_script_enabled=False).page
    page.goto(f"{base_url}brief/")
    details = page.locator('details.ed-cite[data-cite="security-3"]')
    details.locator("summary").click()
    links = details.locator(".ed-cite__panel a")
    expect(links).to_have_count(2)
    assert links.nth(0).inner_text().endswith("/brief/#security-3")
    expect(links.nth(1)).to_have_text("How to cite")
    links.nth(1).click()
    expect(page).to_have_url(f"{base_url}how-to-cite/")
    expect(page.locator(".ed-cite-example .ed-cite__entry").first).to_be_visible()


# ----- Timeline --------------------------------------------------------------------------------

def test_every_timeline_event_has_its_own_anchor(reader, base_url):
    page = reader.page
    page.goto(f"{base_url}timeline/")
    events = page.locator("li.tl-event").evaluate_all(
        "es => es.map(e => [e.id, e.querySelector('a.tl-permalink').getAttribute('href')])")
    ids = [i for i, _ in events]
    assert sorted(ids) == sorted(EVENTS), "the Timeline shows other events than data/timeline.yml"
    assert len(set(ids)) == len(ids), "two events share an anchor"
    for eid, href in events:
        assert href.endswith(f"#{eid}"), f"the ¶ of #{eid} links to {href}"


@pytest.mark.parametrize("event", EVENT_CASES)
def test_opening_an_event_address_scrolls_to_it(reader, base_url, event):
    page = reader.page
    page.goto(f"{base_url}timeline/#{event}")
    assert_arrived(page, event)
    assert page.evaluate("window.scrollY") > 200, "the page did not move to the event"


@pytest.mark.parametrize("event", EVENT_CASES)
def test_from_an_event_to_the_paragraph_that_mentions_it(reader, base_url, event):
    paragraph = EVENTS[event]["mentions"][0]
    page = reader.page
    page.goto(f"{base_url}timeline/#{event}")
    link = by_id(page, event).locator(f".tl-mentions a[href$='/brief/#{paragraph}']")
    expect(link).to_have_count(1)
    follow(page, link)
    expect(page).to_have_url(f"{base_url}brief/#{paragraph}")
    assert_arrived(page, paragraph)
    # and the paragraph leads back to the event.
    back = page.locator(f"[id='{paragraph}'] + .xl-note a.xl-event[href$='/timeline/#{event}']")
    expect(back).to_have_count(1)


# ----- References ------------------------------------------------------------------------------

@pytest.mark.parametrize("note", FOOTNOTE_CASES)
def test_footnote_leads_to_its_reference_and_back(reader, base_url, note):
    entry = REFERENCES[note]["id"]
    page = reader.page
    page.goto(f"{base_url}brief/")
    # The reader meets the note number in the text, reads the note, and follows it to the entry.
    follow(page, page.locator(f"[id='fnref:{note}'] a.footnote-ref"))
    expect(page).to_have_url(f"{base_url}brief/#fn:{note}")
    follow(page, page.locator(f"[id='fn:{note}'] a.xl-ref"))
    expect(page).to_have_url(f"{base_url}references/#{entry}")
    assert_arrived(page, entry)
    # The entry leads back to the place in the text that cites it.
    follow(page, page.locator(f"[id='{entry}'] a.ref-back"))
    expect(page).to_have_url(f"{base_url}brief/#fnref:{note}")
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        "        return r.top >= 0 && r.bottom <= innerHeight; }", arg=f"fnref:{note}")


# ----- Glossary --------------------------------------------------------------------------------

@pytest.mark.parametrize("form", TOOLTIP_CASES)
def test_glossary_tooltip_on_hover_of_a_term(reader, base_url, form):
    gloss = TERMS[form]["short"]
    page = reader.page
    page.goto(f"{base_url}brief/")
    term = page.locator("article p[id] abbr", has_text=re.compile(f"^{re.escape(form)}$")).first
    term.scroll_into_view_if_needed()
    expect(page.locator(".md-tooltip2--active")).to_have_count(0)
    term.hover()
    tip = page.locator(".md-tooltip2--active")
    expect(tip).to_be_visible()
    expect(tip).to_have_text(gloss)
    page.mouse.move(5, 5)
    expect(tip).to_have_count(0)


# ----- About this edition ----------------------------------------------------------------------

@pytest.mark.parametrize("kind", APPARATUS_KINDS)
def test_apparatus_link_lands_on_the_mark_in_the_brief(reader, base_url, kind):
    page = reader.page
    page.goto(f"{base_url}about-this-edition/")
    row = page.locator(".apparatus table tbody tr").filter(
        has=page.locator(f"a[href$='#kind-{kind}']")).first
    reading = row.locator("td").nth(4).inner_text().strip("“”")
    link = row.locator("a[href*='/brief/#ed-']")
    mark = link.get_attribute("href").rsplit("#", 1)[1]
    follow(page, link)
    expect(page).to_have_url(f"{base_url}brief/#{mark}")
    expect(by_id(page, mark)).to_have_class(re.compile(rf"\bed-{kind}\b"))
    expect(by_id(page, mark)).to_have_text(reading)
    assert_arrived(page, mark)
