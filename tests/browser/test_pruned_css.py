"""The theme's main stylesheet, pruned at build time (edition.assets.prune_theme_css), styles every
element of every page exactly as Material's whole stylesheet does: the computed style of each
element is compared with the page loaded with Material's original file in its place: every page on a
laptop (light), the brief on a phone (dark) too, and with the search dialog open and a glossary
tooltip shown. (About two minutes: every property of ~1,500 elements and their ::before/::after.)"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from conftest import DESKTOP, PHONE, page_paths

ORIGINAL = next(Path(material.__file__).parent.glob("templates/assets/stylesheets/main.*.min.css"))

# Every element's computed style and its ::before's and ::after's, one string per element, in
# document order. Custom properties are left out: one that differs and is used shows in a property.
STYLES = """() => Array.from(document.querySelectorAll("body *")).map(e => {
  const one = s => Array.from(s).filter(p => !p.startsWith("--")).sort()
    .map(p => p[0] + p.length + ":" + s.getPropertyValue(p)).join(";");
  return e.tagName + "." + e.className + " " + [null, "::before", "::after"]
    .map(pseudo => one(getComputedStyle(e, pseudo))).join(" | ");
})"""


def styles(visit, base_url, path, original, state=None, **options):
    """Computed styles of the page at `path`, with the pruned stylesheet or Material's own."""
    v = visit(**options)
    if original:
        v.page.route(re.compile(r".*/assets/stylesheets/main\.[0-9a-f]+\.min\.css$"),
                     lambda route: route.fulfill(path=str(ORIGINAL), content_type="text/css"))
    v.page.goto(base_url + path)
    v.page.wait_for_load_state("networkidle")
    if state:
        state(v.page)
    return v.page.evaluate(STYLES)


def open_search(page):
    page.locator(".md-search__input").click()
    page.keyboard.type("Russia")
    page.locator(".md-search-result__item").first.wait_for()


def show_tooltip(page):
    page.locator("article abbr").first.hover()
    page.locator(".md-tooltip2--active, .md-tooltip--active").first.wait_for()


def compare(pruned: list[str], whole: list[str], where: str) -> None:
    assert len(pruned) == len(whole), f"{where}: the pages differ in elements"
    diffs = [(a, b) for a, b in zip(pruned, whole) if a != b]
    if diffs:
        a, b = diffs[0]
        props = [f"{x} (whole: {y})" for x, y in zip(a.split(";"), b.split(";")) if x != y]
        pytest.fail(f"{where}: {len(diffs)} elements styled otherwise; first {a.split(' ')[0]}: {props[:5]}")


@pytest.mark.parametrize("path", page_paths())
def test_every_page_is_styled_as_with_the_whole_stylesheet(visit, base_url, path):
    # every page on a laptop; the brief, the page with the most kinds of element, on a phone too
    for viewport, scheme in ((DESKTOP, "light"), *([(PHONE, "dark")] if path == "brief/" else [])):
        args = dict(viewport=viewport, color_scheme=scheme)
        compare(styles(visit, base_url, path, False, **args), styles(visit, base_url, path, True, **args),
                f"/{path} {scheme} {viewport['width']}px")


@pytest.mark.parametrize("name,state", [("search", open_search), ("tooltip", show_tooltip)])
def test_search_and_tooltips_are_styled_as_with_the_whole_stylesheet(visit, base_url, name, state):
    compare(styles(visit, base_url, "brief/", False, state), styles(visit, base_url, "brief/", True, state),
            f"/brief/ with the {name} open")
