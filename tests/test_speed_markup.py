"""What the speed work relies on in the built pages (README "Speed, measured"): none of the site's
own scripts holds the parser (Material's bundle is written as the theme writes it, and runs before
the site's own scripts, which need its document$), and each page loads the scripts of the features
it has only."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition import assets
from sitetools import ROOT


def pages(site: Path) -> list[Path]:
    """Every HTML page of the built site (the 404 page too), redirect stubs aside."""
    found = [p for p in sorted(site.rglob("*.html")) if "bundle." in p.read_text(encoding="utf-8")]
    assert len(found) >= 10, f"only {len(found)} pages with Material's bundle in {site}"
    return found


def external_scripts(page: Path) -> list:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("script[src]")


def test_no_script_of_the_site_holds_the_parser_and_material_runs_first(built_site):
    own = assets.inline_scripts(ROOT / "docs", ["assets/javascripts/edition.js"])
    for page in pages(built_site):
        scripts = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")("script")
        blocking = [s["src"] for s in scripts if s.has_attr("src") and not s.has_attr("defer")
                    and not s.has_attr("async") and "/bundle." not in s["src"]]
        assert not blocking, f"{page}: parser-blocking scripts {blocking}"
        # The site's own script (edition.js) is written into the page, once, not fetched: at the end
        # of the body, after Material's bundle, whose document$ it subscribes to.
        assert not [s for s in scripts if s.get("src", "").endswith("/edition.js")], page
        mine = [i for i, s in enumerate(scripts) if s.get_text() == own]
        bundle = next(i for i, s in enumerate(scripts) if "/bundle." in s.get("src", ""))
        assert len(mine) == 1 and mine[0] > bundle, f"{page}: edition.js at {mine}, the bundle at {bundle}"
        assert not [s for s in scripts[mine[0]].find_all_next() if s.name not in ("script",)], \
            f"{page}: markup after the site's own script"


@pytest.mark.parametrize("script, markers", [
    ("apparatus-filter.js", ('class="ed-filter"',)),
])
def test_a_page_loads_a_feature_s_script_only_where_the_feature_is(built_site, script, markers):
    """overrides/main.html, block content: the table filter on About; every other page's first view
    does without it. (The Cite loader is in edition.js, which every page loads: one request fewer
    on the brief than a file of its own; it loads cite.js only where there are Cite controls.)"""
    where = []
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        has = any(m in html for m in markers)
        loads = any(s["src"].endswith("/" + script) for s in external_scripts(page))
        assert loads == has, f"{page}: feature {has}, {script} {loads}"
        where += [page.parent.name] if has else []
    assert where, f"no page has the feature of {script}: the test would prove nothing"


def _inline_css(page: Path) -> str:
    return "".join(s.get_text() for s in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")("style"))


def test_each_page_inlines_only_the_rules_it_can_use(built_site):
    # The home page's separator and the Timeline's axis are styled on their own pages only; the
    # brief keeps its marks' and its Cite controls' rules; How to cite the rules of what a script it
    # loads adds (cite.js, which edition.js loads there, writes .ed-cite__copy; not on the Timeline,
    # which has no Cite control, so edition.js never loads cite.js there); the filter that
    # apparatus-filter.js shows is styled only where that script is loaded (About this edition).
    brief, home, timeline, about, cite = (_inline_css(built_site / p / "index.html")
                                          for p in ("brief", ".", "timeline", "about-this-edition", "how-to-cite"))
    assert ".home-sep" in home and ".home-sep" not in brief
    assert ".tl-year-label" in timeline and ".tl-year-label" not in brief
    assert ".ed-cite__copy" not in timeline and ".ed-cite__copy" not in home
    assert ".ed-restored" in brief and ".ed-cite__summary" in brief and ".ed-cite__copy" in cite
    assert ".ed-filter" in about and ".ed-filter" not in brief and ".ed-filter" not in home
    assert len(brief) < len(assets.inline_styles(ROOT / "docs", ["assets/stylesheets/edition.css",
                                                                  "assets/stylesheets/apparatus-links.css",
                                                                  "assets/stylesheets/cite.css"]))


def test_a_page_s_script_words_are_those_of_the_scripts_it_loads(tmp_path):
    js = tmp_path / "assets" / "javascripts"
    js.mkdir(parents=True)
    for name, text in {"loader.js": 'load("kid")', "kid.js": "x.className = 'kid-made'",
                       "other.js": "x.className = 'other-made'"}.items():
        (js / name).write_text(text, encoding="utf-8")
    scripts = {p.relative_to(tmp_path).as_posix(): assets.words(p.read_text()) for p in js.glob("*.js")}
    page = tmp_path / "brief" / "index.html"
    words = assets.loaded_script_words('<script src="../assets/javascripts/loader.js?v=1" defer></script>',
                                       page, tmp_path, scripts)
    assert "kid-made" in words and "other-made" not in words  # what the loader loads counts too
    # ... unless the loader leaves it on a page like this one (edition.js loads cite.js only where
    # there is a Cite control or a citation to copy)
    (js / "edition.js").write_text('load("cite")', encoding="utf-8")
    (js / "cite.js").write_text("x.className = 'ed-cite__copy'", encoding="utf-8")
    scripts = {p.relative_to(tmp_path).as_posix(): assets.words(p.read_text()) for p in js.glob("*.js")}
    for tag in ('<script src="../assets/javascripts/edition.js" defer></script>',
                '<script data-base="..">load("cite")</script>'):  # a file, or written into the page
        assert "ed-cite__copy" not in assets.loaded_script_words(tag + "<p>no Cite</p>", page, tmp_path, scripts)
        assert "ed-cite__copy" in assets.loaded_script_words(tag + '<details class="ed-cite">', page, tmp_path, scripts)
    assert "ed-cite__copy" not in assets.loaded_script_words(  # JSON is not a script that loads
        '<script type="application/json">"cite"</script><details class="ed-cite">', page, tmp_path, scripts)
    assert assets.loaded_script_words("<p>no script</p>", page, tmp_path, scripts) == set()
    for unknown in ('<script src="https://elsewhere.example/x.js"></script>',
                    '<script src="../assets/javascripts/missing.js"></script>'):
        assert "other-made" in assets.loaded_script_words(unknown, page, tmp_path, scripts), unknown


def test_pruning_keeps_what_may_match_and_drops_what_cannot():
    css = ("@media print{.a .gone{color:red}.a{color:blue}}@keyframes k{from{opacity:0}}"
           ".b:not(.absent),.gone2 .b{margin:0}.gone3{x:1}p{y:2}[data-x=\".gone\"]{z:3}"
           ".c::before{content:\"}{\"}")
    pruned = assets.prune_css(css, {"a", "b", "c"}, "test")
    assert pruned == ("@media print{.a{color:blue}}@keyframes k{from{opacity:0}}.b:not(.absent),.gone2 .b{margin:0}"
                      "p{y:2}[data-x=\".gone\"]{z:3}.c::before{content:\"}{\"}")
    with pytest.raises(assets.EditionError, match="somewhere.html: an unclosed '{'"):
        assets.prune_css(".a{color:red", {"a"}, "somewhere.html")


def test_each_mark_s_note_is_written_once_in_its_accessible_name(built_site):
    """A mark's note is its aria-label (the marked words, then the note), read by screen readers and
    shown on hover by the stylesheet; no second copy in data-note (issue 18: 0.7 kB of the brief's
    first view). A mark inside a heading, which has no name, keeps it once, in data-note."""
    soup = BeautifulSoup((built_site / "brief" / "index.html").read_text(encoding="utf-8"), "html.parser")
    marks = soup.select("article .ed")
    assert len(marks) > 30
    for mark in marks:
        named, held = mark.get("aria-label"), mark.get("data-note")
        assert bool(named) != bool(held), f"the note of #{mark['id']} written {'twice' if named else 'nowhere'}"
        if held:
            assert mark.find_parent(["h1", "h2", "h3", "a"]) is not None and mark.get("tabindex") is None, mark["id"]
        else:
            assert mark["tabindex"] == "0" and mark["role"] == "note", mark["id"]
    css = _inline_css(built_site / "brief" / "index.html")
    assert "content:attr(aria-label)" in css and "content:attr(data-note)" in css


def test_white_space_between_tags_is_collapsed_except_where_it_is_content():
    page = ("<head>\n    \n  <meta a>\n\n      <style>a{}\n\n  b{}</style>\n</head>\n<p>One\n  <em>two</em>\n\n"
            "   <span>three</span></p>\n<pre>  <b>x</b>\n\n    <i>y</i></pre>\n<code class=\"sv-text\">a\n  <b>c</b></code>\n"
            "<script>var a;\n\n  </script>\n  <template>{}\n\n  </template>")
    out = assets.collapse_whitespace(page)
    assert out == ("<head>\n<meta a>\n<style>a{}\n\n  b{}</style>\n</head>\n<p>One\n  <em>two</em>\n"
                   "<span>three</span></p>\n<pre>  <b>x</b>\n\n    <i>y</i></pre>\n<code class=\"sv-text\">a\n  <b>c</b></code>\n"
                   "<script>var a;\n\n  </script>\n<template>{}\n\n  </template>")
    assert assets.collapse_whitespace(out) == out


def test_the_built_pages_hold_no_blank_lines_between_tags(built_site):
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert assets.collapse_whitespace(html) == html, f"{page}: blank lines or indentation between tags"
    bibtex = (built_site / "how-to-cite" / "index.html").read_text(encoding="utf-8").split("<pre", 1)[1]
    assert "{Miller, Chris},\n  title       = " in bibtex.split("</pre>")[0], "a BibTeX entry lost its indentation"


def test_the_favicon_is_written_into_each_page_not_fetched(built_site):
    """The SVG favicon (mkdocs.yml theme.favicon) is a data: URI in each page's <link rel="icon">
    (the edition plugin, edition.assets.favicon_data_uri): the first view makes no request for it,
    and it is the same drawing as the file (the browser test draws it: test_layout.py)."""
    import xml.etree.ElementTree as ET
    from urllib.parse import unquote

    drawn = ET.tostring(ET.fromstring((ROOT / "docs/assets/images/favicon.svg").read_text(encoding="utf-8")))
    for page in pages(built_site):
        links = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select('link[rel="icon"]')
        assert len(links) == 1, f"{page}: {len(links)} icons"
        href = links[0]["href"]
        assert href.startswith("data:image/svg+xml,"), f"{page}: the favicon is fetched ({href})"
        assert ET.tostring(ET.fromstring(unquote(href.split(",", 1)[1]))) == drawn, page


def test_a_favicon_that_is_no_svg_file_stops_the_build_naming_it(tmp_path):
    docs = tmp_path / "docs"
    (docs / "img").mkdir(parents=True)
    (docs / "img" / "icon.svg").write_text("<?xml version='1.0'?>\n<svg/>", encoding="utf-8")
    with pytest.raises(assets.EditionError, match=r"theme.favicon names img/none.svg, which is not a file"):
        assets.favicon_data_uri(docs, "img/none.svg")
    with pytest.raises(assets.EditionError, match=r"icon.svg: not an SVG image"):
        assets.favicon_data_uri(docs, "img/icon.svg")
    (docs / "img" / "icon.svg").write_text('<svg fill="#000">\n  <title>A & "B" 100%</title></svg>', encoding="utf-8")
    assert assets.favicon_data_uri(docs, "img/icon.svg") == \
        "data:image/svg+xml,%3Csvg%20fill='%23000'%3E%20%3Ctitle%3EA%20%26%20'B'%20100%25%3C/title%3E%3C/svg%3E"


def test_only_plain_scripts_of_the_site_are_written_into_the_page(tmp_path):
    from mkdocs.config.config_options import ExtraScriptValue

    js = tmp_path / "js"
    js.mkdir()
    (js / "a.js").write_text("/* a comment */\nvar a = 1;\n", encoding="utf-8")
    (js / "b.js").write_text('var b = "</script>";', encoding="utf-8")
    assert assets.inline_scripts(tmp_path, ["js/a.js"]) == "var a=1;"
    with pytest.raises(assets.EditionError, match=r"extra_javascript lists js/none.js, which is not a file"):
        assets.inline_scripts(tmp_path, ["js/none.js"])
    with pytest.raises(assets.EditionError, match=r"b.js: '</script' or '<!--' would end"):
        assets.inline_scripts(tmp_path, ["js/b.js"])
    module = ExtraScriptValue()
    module.load_dict({"path": "js/a.js", "type": "module"})
    module.validate()
    with pytest.raises(assets.EditionError, match=r"js/a.js as a module or async script"):
        assets.inline_scripts(tmp_path, [module])


def test_an_opened_cite_panel_s_styles_are_no_part_of_the_brief_s_first_view(built_site):
    """cite-panel.css (an opened Cite panel, its citations) is not in the brief's inline stylesheet:
    the brief links it in <noscript> (edition.js links it at the first reach for a control; the
    browser test test_layout.py opens a panel); How to cite, whose citations show at once, inlines
    it; the file is served minified."""
    panel_rule = ".md-typeset .ed-cite__panel{display:block;position:absolute"
    brief, cite = (built_site / p / "index.html" for p in ("brief", "how-to-cite"))
    assert panel_rule not in _inline_css(brief) and ".ed-cite__summary{" in _inline_css(brief)
    assert ".md-typeset .ed-cite__panel{display:none}" in _inline_css(brief)
    def linked(page: Path) -> list[str]:  # the site's own stylesheets linked (html.parser reads <noscript>'s too)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        return [("noscript: " if link.find_parent("noscript") else "") + link["href"] for link in soup("link")
                if link.get("rel") == ["stylesheet"] and ".min.css" not in link["href"]]

    assert linked(brief) == ["noscript: ../assets/stylesheets/cite-panel.css"]
    assert panel_rule in _inline_css(cite) and ".ed-cite__copy{" in _inline_css(cite) and linked(cite) == []
    for page in pages(built_site):
        if page not in (brief, cite):
            assert linked(page) == [] and panel_rule not in _inline_css(page), page
    served = (built_site / "assets/stylesheets/cite-panel.css").read_text(encoding="utf-8")
    assert served.startswith(".md-typeset details.ed-cite[open]>summary") and "/*" not in served
    assert panel_rule in served
