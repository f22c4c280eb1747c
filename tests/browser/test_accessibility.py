"""axe-core finds no violation on any page of the site, in either colour scheme.

No rule is disabled. Pages come from docs/ (conftest.page_paths), so a new page is checked without
touching this file; the states a reader can put a page in (the search dialog open with results,
the phone drawer open) are checked too.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import PHONE, page_paths

SCHEMES = {"light": "default", "dark": "slate"}
NOT_FOUND = "a/b/c/nope"

_axe = Axe()


def violations(page) -> str:
    """axe's violations on the page as it stands, one line per element, or "" when there are none."""
    found = _axe.run(page).response["violations"]
    lines = []
    for v in found:
        for node in v["nodes"]:
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}\n"
                         f"    {node.get('failureSummary', '').replace(chr(10), ' ')}")
    return "\n".join(lines)


def open_in(visit, base_url, path: str, scheme: str, **options):
    v = visit(color_scheme=scheme, **options)
    if path == NOT_FOUND:
        v.expected_failures.add(base_url + path)
    v.page.goto(base_url + path)
    v.page.wait_for_load_state("networkidle")
    assert v.page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    return v.page


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", [*page_paths(), NOT_FOUND])
def test_page_has_no_axe_violations(visit, base_url, path, scheme):
    page = open_in(visit, base_url, path, scheme)
    assert not (found := violations(page)), f"/{path} ({scheme}):\n{found}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("query", ["", "Russia"])
def test_open_search_dialog_has_no_axe_violations(visit, base_url, query, scheme):
    page = open_in(visit, base_url, "brief/", scheme)
    page.locator(".md-search__input").click()
    if query:
        page.keyboard.type(query)
        page.locator(".md-search-result__item").first.wait_for()
    else:
        page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for()
    assert not (found := violations(page)), f"search dialog, query {query!r} ({scheme}):\n{found}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_phone_drawer_has_no_axe_violations(visit, base_url, scheme):
    page = open_in(visit, base_url, "brief/", scheme, viewport=PHONE, is_mobile=True, has_touch=True)
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-nav--primary").wait_for(state="visible")
    assert not (found := violations(page)), f"phone drawer ({scheme}):\n{found}"


@pytest.mark.parametrize("path", page_paths())
def test_every_target_is_big_enough_on_a_phone(visit, base_url, path):
    """axe's target-size rule (WCAG 2.2, 2.5.8), off in axe by default but run by Lighthouse, on a
    phone: a link or control is 24 px or has room around it (the ids of "Permanent URLs")."""
    page = open_in(visit, base_url, path, "light", viewport=PHONE, is_mobile=True, has_touch=True)
    found = _axe.run(page, options={"runOnly": {"type": "rule", "values": ["target-size"]}}).response["violations"]
    lines = [f"{v['id']}: {node['target']}" for v in found for node in v["nodes"]]
    assert not lines, f"/{path}:\n" + "\n".join(lines)
