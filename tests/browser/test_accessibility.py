"""axe-core finds no violation on any page of the site, in either colour scheme.

No rule is disabled. Pages come from docs/ (conftest.page_paths), so a new page is checked without
touching this file; the states a reader can put a page in (the search dialog open with results,
the phone drawer open) are checked too.

Each page is loaded once and checked in both schemes: axe runs, the reader's palette toggle switches
the scheme (Material does not follow a live change of the prefers-color-scheme media, a reader's
click does), and axe runs again on the page as it then stands. Every load also proves that the page
opens in the scheme the reader's system asks for.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import PHONE, page_paths

SCHEMES = {"light": "default", "dark": "slate"}
OTHER = {"light": "dark", "dark": "light"}
NOT_FOUND = "a/b/c/nope"
# axe reports violations only (no details of passes, incomplete or inapplicable rules): every rule
# still runs; what it gathers about the elements that pass is left out.
ONLY_VIOLATIONS = {"resultTypes": ["violations"]}

_axe = Axe()


def run_axe(page, options: dict, within: str | None = None) -> list[dict]:
    """axe's violations on the page as it stands, or in the element `within` selects (axe is put
    into the page once per document)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe.axe_script)
    return page.evaluate("([within, options]) => axe.run(within ? document.querySelector(within) : document,"
                         " options).then(r => r.violations)", [within, options])


def violations(page, options: dict = ONLY_VIOLATIONS, within: str | None = None) -> str:
    """axe's violations on the page as it stands (or in `within`), one line per element, or "" when
    there are none."""
    found = run_axe(page, options, within)
    lines = []
    for v in found:
        for node in v["nodes"]:
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}\n"
                         f"    {node.get('failureSummary', '').replace(chr(10), ' ')}")
    return "\n".join(lines)


def settle(page) -> None:
    """The page's scripts have run and its fonts are in: the fonts ready, then two frames."""
    page.evaluate("() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame("
                  "() => requestAnimationFrame(() => setTimeout(r, 0)))))")


def assert_scheme(page, scheme: str) -> None:
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s"
                           " && !document.body.hasAttribute('data-md-color-switching')", arg=SCHEMES[scheme])
    settle(page)


def open_in(visit, base_url, path: str, scheme: str, **options):
    """A fresh reader whose system asks for `scheme` opens `path`: the page shows that scheme."""
    v = visit(color_scheme=scheme, **options)
    if path == NOT_FOUND:
        v.expected_failures.add(base_url + path)
    v.page.goto(base_url + path, wait_until="load")
    assert v.page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    settle(v.page)
    return v.page


def switch_scheme(page, to: str) -> None:
    """Click the palette's visible toggle, as a reader does, and wait until the scheme is applied."""
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    assert_scheme(page, to)


@pytest.mark.parametrize("path", [*page_paths(), NOT_FOUND])
def test_page_has_no_axe_violations(visit, base_url, path):
    page = open_in(visit, base_url, path, "light")
    found = {"light": violations(page)}
    switch_scheme(page, "dark")
    found["dark"] = violations(page)
    assert not any(found.values()), "\n".join(f"/{path} ({s}):\n{f}" for s, f in found.items() if f)


# Material's search: its input, the dialog and the results (the page around it is the brief's,
# checked whole in both schemes above).
SEARCH = "[data-md-component=search]"


def test_open_search_dialog_has_no_axe_violations(visit, base_url):
    """The search dialog, empty and with results, in both schemes (one load: the dialog is closed
    to switch the scheme and opened again). axe reads the search component only: the rest of the
    page is the brief's, which test_page_has_no_axe_violations reads whole in both schemes."""
    page = open_in(visit, base_url, "brief/", "light")
    found = {}
    search = page.locator(".md-search__input")
    for scheme in ("light", "dark"):
        if scheme == "dark":
            page.keyboard.press("Escape")
            switch_scheme(page, scheme)
        search.click()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.press("Backspace")
        page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for()
        found[("", scheme)] = violations(page, within=SEARCH)
        page.keyboard.type("Russia")
        page.locator(".md-search-result__item").first.wait_for()
        found[("Russia", scheme)] = violations(page, within=SEARCH)
    assert not any(found.values()), "\n".join(f"search dialog, query {q!r} ({s}):\n{f}"
                                              for (q, s), f in found.items() if f)
    # The narrowed check still reads the results: a hit's text made too faint (dark grey on the
    # dark scheme's background) is reported.
    page.locator(".md-search-result__item").first.evaluate(
        "e => [e, ...e.querySelectorAll('*')].forEach(x => x.style.color = '#444')")
    faint = violations(page, within=SEARCH)
    assert "color-contrast" in faint and "md-search-result__item" in faint, faint or "nothing reported"


def target_size(page) -> list[str]:
    """axe's target-size rule (WCAG 2.2, 2.5.8), off in axe by default but run by Lighthouse."""
    found = run_axe(page, {**ONLY_VIOLATIONS, "runOnly": {"type": "rule", "values": ["target-size"]}})
    return [f"{v['id']}: {node['target']}" for v in found for node in v["nodes"]]


# The drawer is open (its toggle checked, the navigation on screen) or closed (off screen).
DRAWER = """open => document.getElementById('__drawer').checked === open
  && (document.querySelector('.md-nav--primary').getBoundingClientRect().right > 0) === open"""


def test_phone_drawer_has_no_axe_violations(visit, base_url):
    """On a phone, the brief's targets are big enough (see the next test), and the open drawer has
    no violation in either scheme. The reader's system asks for the dark scheme here (the pages
    above are opened in the light one), so the page is proved to follow it either way."""
    page = open_in(visit, base_url, "brief/", "dark", viewport=PHONE, is_mobile=True, has_touch=True)
    small = target_size(page)
    found = {}
    for scheme in ("dark", "light"):
        if scheme == "light":
            # a tap on the page beside the drawer closes it
            page.locator("label.md-overlay[for='__drawer']").click(position={"x": PHONE["width"] - 20, "y": 400})
            page.wait_for_function(DRAWER, arg=False)
            switch_scheme(page, scheme)
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_function(DRAWER, arg=True)
        settle(page)
        found[scheme] = violations(page)
    assert not small, "/brief/ on a phone:\n" + "\n".join(small)
    assert not any(found.values()), "\n".join(f"phone drawer ({s}):\n{f}" for s, f in found.items() if f)


def test_every_target_is_big_enough_on_a_phone(visit, base_url):
    """axe's target-size rule on a phone: a link or control is 24 px or has room around it (the ids
    of "Permanent URLs"). One phone reader opens every page in turn, each by a full load; the
    brief's own targets are checked with its drawer, above."""
    v = visit(color_scheme="light", viewport=PHONE, is_mobile=True, has_touch=True)
    small = []
    for path in page_paths():
        if path == "brief/":
            continue
        v.page.goto(base_url + path, wait_until="load")
        assert v.page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES["light"]
        settle(v.page)
        small += [f"/{path}: {line}" for line in target_size(v.page)]
    assert not small, "\n".join(small)
