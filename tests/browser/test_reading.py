"""What a reader does on the site, done in Chromium against the built site.

Every test also fails if a request went to another origin or a request of the site failed
(the `visit` fixture in conftest.py). To add a case, add a line to a CASES list.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import DESKTOP, PHONE, SUBPATH, follow

# Links a reader follows and comes back from: (page, link in the article, where it leads).
# The apparatus's own links (cross-links, timeline, references, glossary) are followed in
# test_apparatus_reading.py, which also checks where they land.
LINK_CASES = [
    ("", "article a[href$='/brief/']", "brief/"),
    ("", "article a[href$='/about-this-edition/']", "about-this-edition/"),
    ("about-this-edition/", ".apparatus table a[href*='/brief/#']", "brief/#"),
]

# Words a reader searches for, and the page the first hit must open.
SEARCH_CASES = [
    ("Kuril", "brief/"),
    ("Senkaku", "brief/"),
    ("Iturup", "timeline/"),     # an event's context (the Soviet occupation of the Kurils)
    ("Kucera", "references/"),   # a reference entry's author
    ("Liberal", "glossary/"),    # a glossary entry (Abe's party)
]

# Table-of-contents entries of the brief: (entry text, heading id).
TOC_CASES = [
    ("The Security Agenda", "the-security-agenda"),
    ("Policy Recommendations", "policy-recommendations"),
]


def scroll_y(page) -> float:
    return page.evaluate("window.scrollY")


# Where the home page leads, each in the first screen: (link text, page).
HOME_PATHS = [
    ("Read the brief", "brief/"),
    ("Timeline", "timeline/"),
    ("References", "references/"),
    ("Glossary", "glossary/"),
    ("How to cite", "how-to-cite/"),
    ("About this edition", "about-this-edition/"),
    ("permanent URL", "urls/"),
]


def test_home_says_what_this_is_and_leads_to_the_brief(reader, base_url):
    page = reader.page
    page.goto(base_url)
    article = page.locator("article")
    expect(article.locator("h1")).to_contain_text("Japan–Russia Relations: The View from Moscow")
    for words in ("Chris Miller", "German Marshall Fund", "April 2017", "every word the editors changed",
                  "timeline", "glossary"):
        expect(article).to_contain_text(words)
    follow(page, page.locator("article a", has_text="Read the brief"))
    expect(page).to_have_url(base_url + "brief/")
    expect(page.locator("article h1")).to_contain_text("The View from Moscow")
    expect(page.locator("article #byline")).to_have_text("By Chris Miller")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_home_fits_one_screen_with_every_way_in(visit, base_url, size):
    """What this is and every way in, without scrolling, on a laptop and on a phone."""
    options = {"viewport": DESKTOP} if size == "desktop" else {"viewport": PHONE, "is_mobile": True,
                                                                 "has_touch": True}
    page = visit(**options).page
    page.goto(base_url)
    for words in ("Chris Miller", "April 2017"):
        expect(page.locator("article p", has_text=words).first).to_be_in_viewport(ratio=1)
    for text, target in HOME_PATHS:
        link = page.locator("article a", has_text=text).first
        expect(link).to_have_attribute("href", re.compile(re.escape(target) + "$"))
        expect(link).to_be_in_viewport(ratio=1)
    assert scroll_y(page) == 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("entry, anchor", TOC_CASES)
def test_toc_link_moves_to_its_section(reader, base_url, entry, anchor):
    page = reader.page
    page.goto(base_url + "brief/")
    before = scroll_y(page)
    # On the brief the page's contents stand in the left sidebar, the right one being the margin
    # of the editors' side notes (apparatus-links.css).
    toc = ".md-sidebar--primary .md-nav--secondary"
    page.locator(f"{toc} .md-nav__link", has_text=entry).click()
    expect(page).to_have_url(f"{base_url}brief/#{anchor}")
    page.wait_for_function("y => window.scrollY > y + 200", arg=before)
    top = page.locator(f"#{anchor}").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 200, f"heading #{anchor} is at {top}px, not at the top of the window"
    # toc.follow: the entry is marked as where the reader is.
    expect(page.locator(f"{toc} a.md-nav__link--active[href$='#{anchor}']")).to_have_count(1)


def test_footnote_tooltip_shows_the_note(reader, base_url):
    page = reader.page
    page.goto(base_url + "brief/")
    ref = page.locator("a.footnote-ref").first
    ref.scroll_into_view_if_needed()
    ref.hover()
    tip = page.locator(".md-tooltip2--active", has_text="Joshua Kucera").first
    expect(tip).to_be_visible()


def test_editorial_mark_explains_itself_on_keyboard_focus(reader, base_url):
    page = reader.page
    page.goto(base_url + "brief/")
    mark = page.locator("article .ed-corrected").first
    mark.focus()
    expect(mark).to_be_focused()
    shown = mark.evaluate("e => getComputedStyle(e, '::after').content")
    assert "The source reads" in shown, f"the note card shows {shown!r}"


@pytest.mark.parametrize("start, link, target", LINK_CASES)
def test_follow_a_link_and_come_back(reader, base_url, start, link, target):
    page = reader.page
    page.goto(base_url + start)
    follow(page, page.locator(link).first)
    expect(page).to_have_url(re.compile(re.escape(base_url + target)))
    page.go_back()
    # Back on the page left, at the section the reader was in: navigation.tracking writes the
    # heading in view into the address while the reader scrolls to the link (here, #kinds).
    expect(page).to_have_url(re.compile(re.escape(base_url + start) + r"(#[\w-]+)?$"))
    fragment = urlsplit(page.url).fragment
    if fragment:
        expect(page.locator(f"article h2[id='{fragment}']")).to_have_count(1)
    expect(page.locator("article h1")).to_be_visible()


def test_instant_preview_of_an_internal_link(reader, base_url):
    page = reader.page
    page.goto(base_url + "about-this-edition/")
    link = page.locator(".apparatus table a[href*='/brief/#']").first
    link.scroll_into_view_if_needed()
    link.hover()
    expect(page.locator(".md-tooltip2--active")).to_be_visible()


def test_search_finds_a_word_and_opens_the_hit(reader, base_url):
    """Each word, searched for as a reader does from the page the previous hit opened (the first
    from the home page): the first hit on its page opens that page, the word marked in it."""
    page = reader.page
    page.goto(base_url)
    for word, target in SEARCH_CASES:
        page.locator(".md-search__input").click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(word)
        hit = page.locator(f".md-search-result__link[href*='/{target}']", has_text=word).first
        expect(hit, f"no hit on /{target} for {word!r}").to_be_visible()
        follow(page, hit)
        expect(page).to_have_url(re.compile(re.escape(base_url + target)))
        # search.highlight marks the word in the page it opens.
        expect(page.locator(".md-content mark", has_text=word).first, f"{word!r} unmarked").to_be_visible()


def test_colour_scheme_switch_persists_after_reload(reader, base_url):
    page = reader.page
    page.goto(base_url + "brief/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label[title='Switch to dark mode']:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(base_url)
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_heading_permalink_reached_from_the_keyboard(reader, base_url):
    page = reader.page
    page.goto(base_url + "brief/")
    page.locator("body").focus()
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('article h2 .headerlink')"):
            break
    else:
        pytest.fail("120 presses of Tab never reached a section's permalink")
    link = page.locator("article h2 .headerlink:focus")
    expect(link).to_be_visible()
    assert float(link.evaluate("e => getComputedStyle(e).opacity")) > 0.9, "the focused permalink is invisible"
    anchor = link.evaluate("e => e.closest('h2').id")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}brief/#{anchor}")


def test_back_to_top(reader, base_url):
    page = reader.page
    page.goto(base_url + "brief/")
    page.mouse.wheel(0, 4000)
    page.wait_for_function("window.scrollY > 3000")
    page.mouse.wheel(0, -300)  # Material shows the button when the reader scrolls up
    button = page.locator(".md-top")
    expect(button).to_be_visible()
    button.click()
    page.wait_for_function("window.scrollY < 10")


def test_404_page_at_a_deep_wrong_url(reader, base_url):
    page = reader.page
    wrong = base_url + "a/b/c/nope"
    reader.expected_failures.add(wrong)
    response = page.goto(wrong)
    assert response.status == 404
    expect(page.locator("article h1")).to_contain_text("404")
    # The page is styled and its links lead back into the site, however deep the wrong URL.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    follow(page, page.locator(".md-header__button.md-logo"))
    expect(page).to_have_url(base_url)
    expect(page.locator("article h1")).to_contain_text("Japan–Russia Relations: The View from Moscow")


def test_phone_reader_uses_the_navigation_drawer(visit, base_url):
    page = visit(viewport=PHONE, is_mobile=True, has_touch=True).page
    page.goto(base_url + "brief/")
    nav = page.locator(".md-nav--primary")
    expect(nav).not_to_be_in_viewport()
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(nav).to_be_in_viewport()
    follow(page, nav.locator("a.md-nav__link", has_text="About this edition"))
    expect(page).to_have_url(base_url + "about-this-edition/")
    expect(page.locator("article h1")).to_contain_text("About this edition")
    expect(nav).not_to_be_in_viewport()
    # No sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_no_request_leaves_the_origin_while_reading_everything(reader, base_url, built_site):
    """Open every page; the `visit` fixture fails the test on any request to another origin."""
    page = reader.page
    for html in sorted(built_site.rglob("index.html")):
        path = html.parent.relative_to(built_site).as_posix()
        page.goto(base_url + ("" if path == "." else path + "/"))
        page.wait_for_load_state("networkidle")
    assert reader.requests, "no request was recorded at all"
    assert SUBPATH in reader.requests[0]
