"""The theme's main stylesheet, pruned at build time (edition.assets.prune_theme_css), styles every
element of every page exactly as Material's whole stylesheet does: the computed style of each
element is compared with the page loaded with Material's original file in its place: every page on a
laptop (light), the brief on a phone (dark) too, and with the search dialog open and a glossary
tooltip shown (every property of ~1,500 elements and their ::before/::after)."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from edition import assets

from conftest import DESKTOP, PHONE, page_paths

ORIGINAL = next(Path(material.__file__).parent.glob("templates/assets/stylesheets/main.*.min.css"))
# Material's file with its data-table rules keyed to the edition's class for data tables, as the build
# does before pruning (edition.assets.data_tables_by_class: that rewrite is tested on its own, here
# only the pruning is).
WHOLE = assets.data_tables_by_class(ORIGINAL.read_text(encoding="utf-8"), ORIGINAL.name)

# Every element's computed style and its ::before's and ::after's, one string per element, in
# document order. Custom properties are left out: one that differs and is used shows in a property.
# The page returns a 32-bit FNV-1a hash of each string (the strings of the brief are tens of MB: sent
# whole, they took a minute a page); the strings themselves only for the elements that differ.
STYLE_OF = """e => {
  const one = s => Array.from(s).filter(p => !p.startsWith("--")).sort()
    .map(p => p[0] + p.length + ":" + s.getPropertyValue(p)).join(";");
  // a ::before or ::after without content is not rendered: its content ("none") is all there is
  const pseudo = name => { const s = getComputedStyle(e, name);
    return s.content === "none" || s.content === "normal" ? "content:" + s.content : one(s); };
  return e.tagName + "." + e.className + " " + one(getComputedStyle(e)) + " | " + pseudo("::before")
    + " | " + pseudo("::after");
}"""
HASHES = """() => { const style = %s;
  return Array.from(document.querySelectorAll("body *")).map(e => {
    let h = 0x811c9dc5; const text = style(e);
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h;
  });
}""" % STYLE_OF
DETAILS = """indices => { const style = %s; const all = document.querySelectorAll("body *");
  return indices.map(i => style(all[i])); }""" % STYLE_OF


def styles(visit, base_url, path, original, state=None, **options):
    """The page at `path`, with the pruned stylesheet or Material's own, and its style hashes."""
    v = visit(**options)
    if original:
        v.page.route(re.compile(r".*/assets/stylesheets/main\.[0-9a-f]+\.min\.css$"),
                     lambda route: route.fulfill(body=WHOLE, content_type="text/css"))
    v.page.goto(base_url + path)
    v.page.wait_for_load_state("networkidle")
    if state:
        state(v.page)
    return v.page, v.page.evaluate(HASHES)


def open_search(page):
    page.locator(".md-search__input").click()
    page.keyboard.type("Russia")
    page.locator(".md-search-result__item").first.wait_for()


def show_tooltip(page):
    page.locator("article abbr").first.hover()
    page.locator(".md-tooltip2--active, .md-tooltip--active").first.wait_for()


def compare(pruned: tuple, whole: tuple, where: str) -> None:
    """The two pages' elements styled alike; else the first that differs, property by property."""
    (pruned_page, a), (whole_page, b) = pruned, whole
    assert len(a) == len(b), f"{where}: the pages differ in elements"
    diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if diffs:
        x, = pruned_page.evaluate(DETAILS, diffs[:1])
        y, = whole_page.evaluate(DETAILS, diffs[:1])
        props = [f"{p} (whole: {q})" for p, q in zip(x.split(";"), y.split(";")) if p != q]
        pytest.fail(f"{where}: {len(diffs)} elements styled otherwise; first {x.split(' ')[0]}: {props[:5]}")


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
