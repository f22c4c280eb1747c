"""A page load restyles the page once, measured in Chromium's own trace.

Material's bundle, as it starts, used to make Chromium restyle the whole page three more times (the
brief: ~1,200 elements each time, in the start-up task that holds the reader's first tap):
- its instant navigation makes every relative URL absolute, and setting the theme stylesheet's
  href reloads it; overrides/main.html does that in the head, before there is a page to restyle;
- its palette adds a <meta name="color-scheme"> and sets its content; the edition's build takes the
  meta out of the bundle (edition.assets.without_colour_scheme_meta), and edition.css gives the
  root the dark scheme with <body>;
- it turns <html>'s class no-js into js, and the theme's data-table rules (`table:not([class])`)
  made any class change restyle the changed element's whole subtree; they now read the edition's
  class for data tables (edition.assets.data_tables_by_class).
Each of the three is put back in turn, by serving the reader the file as it was: the measure finds
the restyle again, so it can fail."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import PHONE
from sitetools import SUBPATH

# What the edition changed, and the text it replaced, in the file a reader is served.
HEAD_SCRIPT = ('<script>document.querySelectorAll("link[href]").forEach(function(l){if(!/^(?:[a-z]+:)?'
               '\\/\\//i.test(l.getAttribute("href")))l.href=l.href})</script>')
NO_META, META = "let o={};", 'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);'
DATA_TABLE, NO_CLASS = "table.ed-table", "table:not([class])"


def whole_page_restyles(browser, page, url: str) -> list[int]:
    """The element counts of the style recalculations, from the moment the theme's bundle starts,
    that restyle at least half of the page's elements."""
    browser.start_tracing(page=page, categories=["devtools.timeline"])
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(1000)  # the bundle's start-up runs on after load
    finally:
        events = json.loads(browser.stop_tracing())["traceEvents"]
    elements = page.evaluate("document.getElementsByTagName('*').length")
    starts = [e["ts"] for e in events if e.get("name") == "EvaluateScript"
              and "/bundle." in ((e.get("args") or {}).get("data") or {}).get("url", "")]
    assert starts, "the theme's bundle never ran"
    return [e["args"]["elementCount"] for e in events
            if e.get("name") == "UpdateLayoutTree" and e["ts"] >= starts[0]
            and (e.get("args") or {}).get("elementCount", 0) >= elements / 2]


@pytest.mark.parametrize("path", ["brief/", "about-this-edition/"])
def test_the_theme_s_start_up_restyles_no_whole_page(browser, visit, base_url, path):
    v = visit(PHONE)
    assert whole_page_restyles(browser, v.page, base_url + path) == []


TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}


def served_as_before(page, site: Path, pattern: str, new: str, old: str) -> None:
    """Serve the reader the built file matching `pattern` with the edition's `new` text put back to
    `old` (read from the built `site`: the page's host name is the browser's alone)."""
    def handle(route):
        rel = urlsplit(route.request.url).path.removeprefix(SUBPATH)
        file = site / (rel + "index.html" if rel.endswith("/") or not rel else rel)
        body = file.read_text(encoding="utf-8")
        assert new in body, f"{file} has no {new!r}: the test no longer matches the build"
        route.fulfill(status=200, content_type=TYPES[file.suffix], body=body.replace(new, old))
    page.route(pattern, handle)


@pytest.mark.parametrize("pattern, new, old", [
    ("**/brief/", HEAD_SCRIPT, ""),
    ("**/assets/javascripts/bundle.*.min.js", NO_META, META),
    ("**/assets/stylesheets/main.*.min.css", DATA_TABLE, NO_CLASS),
], ids=["head links left relative", "colour-scheme meta back", "data tables without a class"])
def test_each_change_put_back_restyles_the_whole_page_again(browser, visit, base_url, built_site,
                                                           pattern, new, old):
    v = visit(PHONE)
    served_as_before(v.page, built_site, pattern, new, old)
    assert whole_page_restyles(browser, v.page, base_url + "brief/"), "the measure cannot fail"


@pytest.mark.parametrize("scheme, expected", [("dark", "dark"), ("light", "normal")])
def test_the_root_follows_the_colour_scheme_without_the_meta(visit, base_url, scheme, expected):
    """The page's own scroll bars are the root's: dark with the dark scheme, as Material's meta made
    them, now from edition.css; and the bundle adds no colour-scheme meta."""
    v = visit(PHONE, color_scheme=scheme)
    v.page.goto(base_url + "brief/")
    v.page.wait_for_timeout(300)
    assert v.page.evaluate("getComputedStyle(document.documentElement).colorScheme") == expected
    assert v.page.evaluate("document.querySelectorAll('meta[name=color-scheme]').length") == 0
    v.page.locator("form[data-md-component=palette] label:not([hidden])").click()  # the reader's toggle
    v.page.wait_for_timeout(300)
    assert v.page.evaluate("getComputedStyle(document.documentElement).colorScheme") == (
        "normal" if expected == "dark" else "dark")
