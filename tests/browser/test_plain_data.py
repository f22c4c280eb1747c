"""Plain data stays plain, where the reader reads it, and the Cite panels never show an empty frame.

A copy of the project gets markup in every text field of every data file (the list comes from the
schema, edition.data.TEXT_FIELDS): a <meta http-equiv=refresh> to another site, an <img onerror>
and an <a href> to another site, each tagged with its file and field. The copy is built and served
over real HTTP on 127.0.0.1; Chromium reaches it at http://edition.test/payload/ (each request
passed on to that server by route.fetch, since the shared browser resolves only edition.test).
On every page, hovering glossary terms and focusing back links (up to PER_PAGE of each kind: one
mechanism renders them all) shows the markup as literal text in Material's tooltip; no element of the markup exists in any page; no
request and no navigation leaves the site (the `visit` fixture's check, and the frames' URLs).

cite.js: with the Cite data file tampered (`parts: null`, a missing entry, markup that is not a
citation's, a file that is not JSON), opening a panel shows its fallback words, never an empty
panel, and no error is uncaught.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Error as PlaywrightError, expect

from conftest import ORIGIN
from edition.data import LIMITS, TEXT_FIELDS
from sitetools import ROOT, build_site, copy_project, serve_site

PAYLOADS = (  # what each text field is given, as many as its limit allows, then a tag naming it
    "<meta http-equiv=refresh content=0;url=https://attacker.example/>",
    "<img src=x onerror=alert(1)>",
    "<a href=https://attacker.example/>click</a>",
)
TOP = {"timeline.yml": "events", "references.yml": "references", "glossary.yml": "terms",
       "crosslinks.yml": "links"}


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True


def payload(limit: int, tag: str) -> str:
    """The payloads that fit in `limit` characters with their tag."""
    chosen = []
    for p in PAYLOADS:
        if len(" ".join([*chosen, p, tag])) <= limit:
            chosen.append(p)
    return " ".join([*chosen, tag])


def inject(value, path: str, file: str, injected: list[str]):
    """`value` with every string of a text field (TEXT_FIELDS[file]) given its payload."""
    if isinstance(value, dict):
        return {k: inject(v, f"{path}.{k}" if path else str(k), file, injected) for k, v in value.items()}
    if isinstance(value, list):
        return [inject(v, path, file, injected) for v in value]
    if isinstance(value, str) and path in TEXT_FIELDS[file]:
        tag = f"[{file}:{path}#{len(injected)}]"
        injected.append(tag)
        return payload(LIMITS[file][path], tag)
    return value


def inject_all(data_dir: Path) -> list[str]:
    """Every text field of every data file of the schema given its payload; the tags given."""
    injected: list[str] = []
    for file in TEXT_FIELDS:
        path = data_dir / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if file in TOP:
            data[TOP[file]] = [inject(e, "", file, injected) for e in data[TOP[file]]]
        else:
            data = inject(data, "", file, injected)
        if file == "crosslinks.yml":
            data["threads"] = {k: inject(v, "label", file, injected) for k, v in data["threads"].items()}
        path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1000),
                        encoding="utf-8")
    return injected


PREFIX = "/payload/"


def route_to(context, prefix: str, server_url: str) -> None:
    """Requests for ORIGIN + prefix go to the real server at `server_url` (route.fetch)."""
    def handle(route):
        try:
            response = route.fetch(url=server_url + route.request.url[len(ORIGIN + prefix):])
        except PlaywrightError:
            return  # a late request (the favicon) as the test closes the context: nobody waits for it
        route.fulfill(response=response)
    context.route(re.compile("^" + re.escape(ORIGIN + prefix) + ".*"), handle)


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    """The payload project, built once (SITE_URL at its address in the browser) and served."""
    root = copy_project(ROOT, tmp_path_factory.mktemp("payload") / "project")
    injected = inject_all(root / "data")
    out = root.parent / "site"
    build_site(root, out, env={"SITE_URL": ORIGIN + PREFIX})
    with serve_site(out, PREFIX) as url:
        yield out, url, injected


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).parent.as_posix() + "/" for p in site.rglob("index.html")
                  if "assets" not in p.parts)


def test_every_text_field_is_rendered_and_no_markup_from_data_is_an_element(payload_site):
    site, _, injected = payload_site
    assert len(injected) > 100 and all(f in " ".join(injected) for file in TEXT_FIELDS for f in TEXT_FIELDS[file])

    shown = set()
    for page in pages_of(site):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select('meta[http-equiv="refresh" i], img[src="x"], a[href^="https://attacker.example"]'), page
        assert "onerror" not in " ".join(str(a) for el in soup.find_all(True) for a in el.attrs), page
        shown |= {tag for tag in injected if tag in html}
    rendered = {re.sub(r"#\d+\]$", "]", t) for t in shown}
    # Each field of the schema lands on some page (the glossary's forms and ids stay the brief's).
    assert {f"[{file}:{f}]" for file in TEXT_FIELDS for f in TEXT_FIELDS[file]} <= rendered


PER_PAGE = 4  # places of each kind (glossary term, back link) hovered and focused on each page
DANGER = "meta[http-equiv=refresh i], img[src=x], a[href^='https://attacker.example'], [onerror]"


def test_in_chromium_every_tooltip_shows_the_markup_as_text_and_nothing_leaves(payload_site, visit):
    """Each page of the payload site: hover every glossary term and back link of its article (a
    term's title is from data; a back link opens Material's preview of a paragraph whose editors'
    note holds data), focus those that take focus; the glossary tooltips show the
    markup as its characters, no element of it exists in the document, no request or navigation
    leaves the site (the `visit` fixture fails the test on a request to another origin)."""
    site, server, _ = payload_site
    v = visit()
    route_to(v.page.context, PREFIX, server)
    page = v.page
    navigated: list[str] = []
    page.on("framenavigated", lambda frame: navigated.append(frame.url))
    glosses = hovered = focused = 0
    seen: set[str] = set()
    tried: dict[tuple[str, str], int] = {}
    for path in pages_of(site):
        url = ORIGIN + PREFIX + path.lstrip("./")
        page.goto(url)
        places = page.locator("article abbr, article a.xl-back")
        titles = [el.get("title") for el in BeautifulSoup((site / path / "index.html").read_text(
            encoding="utf-8"), "html.parser").select("article abbr, article a.xl-back")]
        assert places.count() == len(titles), path
        for i in range(places.count()):
            el = places.nth(i)
            kind = (path, el.evaluate("e => e.tagName"))
            # a back link carries no title of its own (its note stands in the editors' note): it
            # counts as itself
            key = titles[i] if titles[i] is not None else f"{path}#{i}"
            if key in seen or tried.get(kind, 0) >= PER_PAGE:
                continue  # each kind of place on each page, a few times: one mechanism renders all
            seen.add(key)
            tried[kind] = tried.get(kind, 0) + 1
            page.mouse.move(0, 0)
            el.hover()
            hovered += 1
            if el.evaluate("e => e.tagName") == "ABBR":
                # Its tooltip, which Material names in the term's aria-describedby.
                try:
                    tip_id = page.wait_for_function("e => e.getAttribute('aria-describedby')",
                                                    arg=el.element_handle(), timeout=5000).json_value()
                except Exception:
                    raise AssertionError(f"{path}: no tooltip for {el.evaluate('e => e.outerHTML')}") from None
                tip = page.locator(f"[id='{tip_id}']")
                expect(tip).to_be_visible()
                text = tip.inner_text()
                assert PAYLOADS[0] in text and PAYLOADS[1] in text, f"{path}: {text!r}"
                assert tip.locator(".md-tooltip2__inner *").count() == 0, tip.inner_html()
                glosses += 1
            else:  # a back link: Material shows a preview of the paragraph; its title is data
                page.mouse.move(0, 0)
                el.focus()
                expect(el).to_be_focused()
                focused += 1
                el.evaluate("e => e.blur()")  # its preview closes, and covers no other place
                expect(page.locator(".md-tooltip2--active")).to_have_count(0)
            assert page.locator(DANGER).count() == 0, f"{path}: markup from data is an element"
        assert page.locator(DANGER).count() == 0, path
        assert page.url.split("#")[0] == url, f"{path}: navigated to {page.url}"  # (the hash
        # follows the section in view: Material's navigation.tracking)
    assert glosses >= 5 and focused >= PER_PAGE, (glosses, hovered, focused)  # (4 of the brief, and
    # those of the pages that mention a term: home, About, How to cite)
    assert all(u.startswith(ORIGIN + PREFIX) for u in navigated), navigated


# ---- cite.js: the panels from a missing, malformed or tampered data file --------------------

CITE_CASES = {
    "entry-not-text": lambda d: {**d, "security-3": [d["security-3"]]},
    "missing-entry": lambda d: {k: v for k, v in d.items() if k != "security-3"},
    "markup-in-an-entry": lambda d: {**d, "security-3": d["security-3"] + '<img src=x onerror="document.title=1">'
                                     '<meta http-equiv=refresh content="0;url=https://attacker.example/">'},
    "link-elsewhere": lambda d: {**d, "security-3": re.sub(r'href="[^"]*"', 'href="https://attacker.example/"',
                                                           d["security-3"], count=1)},
    "not-json": None,
}


@pytest.fixture(scope="module")
def cite_site(built_site, tmp_path_factory):
    """A copy of the shared build, served, whose brief's Cite data file each test rewrites."""
    site = tmp_path_factory.mktemp("cite") / "site"
    shutil.copytree(built_site, site)
    data = next((site / "brief").glob("cite-data.*.json"))
    original = data.read_text(encoding="utf-8")
    with serve_site(site, "/cite/") as url:
        yield data, original, url
    data.write_text(original, encoding="utf-8")


@pytest.mark.parametrize("case", ["intact", *CITE_CASES])
def test_a_cite_panel_shows_its_citations_or_its_fallback_never_nothing(cite_site, visit, case):
    data, original, server = cite_site
    if case == "intact":
        data.write_text(original, encoding="utf-8")
    elif CITE_CASES[case] is None:
        data.write_text(original[: len(original) // 2], encoding="utf-8")  # cut short: not JSON
    else:
        data.write_text(json.dumps(CITE_CASES[case](json.loads(original)), ensure_ascii=False), encoding="utf-8")
    v = visit()
    route_to(v.page.context, "/cite/", server)
    errors: list[str] = []
    v.page.on("pageerror", lambda e: errors.append(str(e)))
    page = v.page
    page.goto(ORIGIN + "/cite/brief/")
    summary = page.locator('details.ed-cite[data-cite="security-3"] > summary')
    summary.scroll_into_view_if_needed()
    summary.click()
    panel = page.locator('details.ed-cite[data-cite="security-3"][open] .ed-cite__panel')
    expect(panel).to_be_visible()
    if case == "intact":
        expect(panel.locator(".ed-cite__entry").first).to_be_visible()
        expect(panel.locator(".ed-cite__entry")).not_to_have_count(0)
        expect(panel.locator("a[href$='/brief/#security-3']").first).to_be_visible()
    else:  # the <noscript>'s words: the place's address and "How to cite"
        expect(panel).to_contain_text("Its address: ")
        expect(panel).to_contain_text("Every style: How to cite.")
        expect(panel.locator(".ed-cite__entry")).to_have_count(0)
    assert panel.evaluate("p => p.querySelector('noscript') === null"), "the panel kept its <noscript>"
    assert page.locator(DANGER).count() == 0
    assert page.title() != "1"
    assert errors == [], errors


def test_cite_js_builds_with_dom_methods_only():
    """No HTML string becomes markup in cite.js: no innerHTML/outerHTML assignment, no
    insertAdjacentHTML, no document.write (reading innerHTML for the clipboard is not building)."""
    js = (ROOT / "docs" / "assets" / "javascripts" / "cite.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.S)
    assert not re.search(r"\.(?:inner|outer)HTML\s*(?:\+?=)(?!=)|insertAdjacentHTML|document\.write|createContextualFragment", code)
    assert "createElement" in code and "createTextNode" in code
