"""The filter by kind of the table of interventions on "About this edition", used in Chromium.

docs/assets/javascripts/apparatus-filter.js with the control of overrides/partials/edition.html
(macro `apparatus`). Expected rows come from the parsed brief, not from the page. Every test also
fails if the site's Content-Security-Policy refused anything or a request left the site (`visit`).
"""

from __future__ import annotations

from collections import Counter

import pytest
from playwright.sync_api import expect

import edition
from conftest import ROOT, follow

ROWS = [iv for iv in edition.load(ROOT).doc.interventions if iv.form != "destination"]
COUNTS = Counter(iv.kind for iv in ROWS)
TOTAL = len(ROWS)


def open_about(page, base_url: str) -> None:
    """The About page, with its filter wired up."""
    page.goto(f"{base_url}about-this-edition/")
    expect(page.locator("article .ed-filter")).to_be_visible()


def shown_kinds(page) -> list[str]:
    """The kind of every row a reader sees in the table."""
    return page.locator("article .apparatus table tbody tr:visible").evaluate_all(  # not a preview's copy
        "rows => rows.map(r => r.dataset.kind)")


@pytest.mark.parametrize("kind", ["corrected", "move", "note"])
def test_choosing_a_kind_shows_only_its_rows_and_all_restores_them(reader, base_url, kind):
    page = reader.page
    open_about(page, base_url)
    select = page.get_by_label("Show")
    count = page.locator("article .ed-filter__count")
    expect(count).to_have_text(f"Showing {TOTAL} of {TOTAL}")
    expect(page.locator(".apparatus table tbody tr:visible")).to_have_count(TOTAL)

    select.select_option(kind)
    expect(count).to_have_text(f"Showing {COUNTS[kind]} of {TOTAL}")
    assert shown_kinds(page) == [kind] * COUNTS[kind]
    expect(count).to_have_attribute("role", "status")

    select.select_option("")
    expect(count).to_have_text(f"Showing {TOTAL} of {TOTAL}")
    assert shown_kinds(page) == [iv.kind for iv in ROWS]


def test_the_filter_works_from_the_keyboard(reader, base_url):
    page = reader.page
    open_about(page, base_url)
    page.locator("#apparatus a.headerlink").focus()  # the heading just before the control
    page.keyboard.press("Tab")
    select = page.locator("article .ed-filter__select")  # not a copy in a link preview
    expect(select).to_be_focused()
    options = select.locator("option").evaluate_all("os => os.map(o => o.value)")
    first = options[1]  # the first kind listed after "All kinds"
    page.keyboard.press("ArrowDown")
    expect(select).to_have_value(first)
    expect(page.locator("article .ed-filter__count")).to_have_text(f"Showing {COUNTS[first]} of {TOTAL}")
    assert shown_kinds(page) == [first] * COUNTS[first]
    page.keyboard.press("ArrowUp")
    expect(select).to_have_value("")
    expect(page.locator("article .ed-filter__count")).to_have_text(f"Showing {TOTAL} of {TOTAL}")


def test_without_javascript_the_whole_table_and_the_kinds_links_remain(visit, base_url):
    page = visit(java_script_enabled=False).page
    page.goto(f"{base_url}about-this-edition/")
    expect(page.locator("article .ed-filter")).to_be_hidden()
    expect(page.locator(".apparatus table tbody tr:visible")).to_have_count(TOTAL)
    link = page.locator(".apparatus table a[href='#kind-corrected']").first
    link.click()
    expect(page).to_have_url(f"{base_url}about-this-edition/#kind-corrected")
    expect(page.locator("#kind-corrected")).to_be_in_viewport()


def test_only_the_page_with_the_control_loads_the_filter(reader, base_url):
    """Every other page's first view is spared the file (overrides/main.html, block content)."""
    page = reader.page
    page.goto(f"{base_url}brief/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in reader.requests if "apparatus-filter" in u]


@pytest.mark.parametrize("times", [1, 2])
def test_the_filter_works_after_instant_navigation_to_about(reader, base_url, times):
    """Arriving by Material's instant navigation (no page load), once or twice: the filter is wired
    and counts right."""
    page = reader.page
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__same_document = true")  # gone after a full page load
    for _ in range(times):
        follow(page, page.locator(".md-nav--primary a[href$='about-this-edition/']").first)
        expect(page.locator("article .ed-filter")).to_be_visible()
        if times == 2 and _ == 0:
            follow(page, page.locator(".md-nav--primary a[href$='brief/']").first)
            expect(page.locator("article .ed-filter")).to_have_count(0)
    assert page.evaluate("window.__same_document") is True, "a full page load, not instant navigation"
    page.get_by_label("Show").select_option("corrected")
    expect(page.locator("article .ed-filter__count")).to_have_text(f"Showing {COUNTS['corrected']} of {TOTAL}")
    assert shown_kinds(page) == ["corrected"] * COUNTS["corrected"]
