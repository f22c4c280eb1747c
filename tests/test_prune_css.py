"""The theme's main stylesheet pruned at build time (edition.assets.prune_css, prune_theme_css): a
selector goes only when it needs a class that nothing in the site holds. The browser test
tests/browser/test_pruned_css.py proves the pages are styled as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from edition import assets
from edition.errors import EditionError

CSS = (".used{a:1}.gone{b:2}.used .gone,.used>p{c:3}.used:not(.gone){d:4}:is(.gone,.used) p{e:5}"
       "@media screen{.gone{f:6}.used{g:7}}@media print{.gone{h:8}}@font-face{font-family:x}"
       ".md-tag--x{i:9}.gone[data-x='.used']{j:10}p{k:11}")


def test_a_selector_goes_only_when_it_needs_a_class_nothing_holds():
    assert assets.prune_css(CSS, {"used"}) == (
        ".used{a:1}.used>p{c:3}.used:not(.gone){d:4}:is(.gone,.used) p{e:5}"
        "@media screen{.used{g:7}}@font-face{font-family:x}.md-tag--x{i:9}p{k:11}")


def test_nothing_goes_when_every_class_is_held():
    assert assets.prune_css(CSS, {"used", "gone"}) == CSS


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(
        "/* Material */.md-typeset{a:1}.md-banner{b:2}.md-search-result__more{c:3}"
        ".md-typeset table:not([class]) td>:first-child{d:4}\n/*# sourceMappingURL=x.map*/")
    (site / "assets" / "stylesheets" / "main.0123abcd.min.css.map").write_text("{}")
    (site / "brief").mkdir()
    (site / "brief" / "index.html").write_text(
        '<link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css"><div class="md-typeset"><table class="ed-table"></table></div>')
    (site / "bundle.js").write_text('x("div",{class:"md-search-result__more"})')
    return site


def test_the_site_points_at_the_pruned_stylesheet_under_its_new_name(tmp_path):
    site = _site(tmp_path)
    old, new, before, after = assets.prune_theme_css(site)
    assert old == "main.0123abcd.min.css" and re.fullmatch(r"main\.[0-9a-f]{8}\.min\.css", new) and new != old
    folder = site / "assets" / "stylesheets"
    assert sorted(p.name for p in folder.iterdir()) == [new], "the old file and its map are gone"
    assert (folder / new).read_text() == (".md-typeset{a:1}.md-search-result__more{c:3}"
                                          ".md-typeset table.ed-table td>:first-child{d:4}")
    assert f'href="../assets/stylesheets/{new}"' in (site / "brief" / "index.html").read_text()
    # the same site gives the same file
    again = _site(tmp_path / "again")
    assert assets.prune_theme_css(again)[1] == new


def test_a_site_without_the_theme_stylesheet_stops_the_build_naming_it(tmp_path):
    site = _site(tmp_path)
    (site / "assets" / "stylesheets" / "main.0123abcd.min.css").unlink()
    with pytest.raises(EditionError, match=r"inline_css.py: expected one assets/stylesheets/main\.\*\.min\.css"):
        assets.prune_theme_css(site)


def test_the_palette_s_no_transition_rule_is_keyed_to_the_edition_s_own_switch():
    """Material's rule for `data-md-color-switching` (set at every page load) becomes one for
    `data-ed-switching` (set by reading-mode.js at a switch only); the theme's file is otherwise kept."""
    css = "[data-md-color-switching] *,[data-md-color-switching] :after{transition-duration:0s!important}a{b:c}"
    assert assets.at_real_switches(css, "palette.x.min.css") == (
        "[data-ed-switching] *,[data-ed-switching] :after{transition-duration:0s!important}a{b:c}")
    with pytest.raises(EditionError, match=r"palette\.x\.min\.css has no \[data-md-color-switching\] rule"):
        assets.at_real_switches("a{b:c}", "palette.x.min.css")


def test_the_data_table_rules_are_keyed_to_the_edition_s_class():
    """Material's rules for a table without a class read the edition's class for its data tables
    instead: with a `[class]` test left in, every class change restyles the changed element's
    subtree (tests/browser/test_startup_restyles.py measures the page load)."""
    css = ".md-typeset table:not([class]){a:1}.md-typeset table:not([class]) td>:first-child{b:2}p{c:3}"
    assert assets.data_tables_by_class(css, "main.x.min.css") == (
        ".md-typeset table.ed-table{a:1}.md-typeset table.ed-table td>:first-child{b:2}p{c:3}")
    with pytest.raises(EditionError, match=r"main\.x\.min\.css has no table:not\(\[class\]\) rule"):
        assets.data_tables_by_class("p{c:3}", "main.x.min.css")


def test_the_built_site_has_no_class_test_and_no_table_without_the_class(built_site):
    """In what readers get: the theme's stylesheet tests no `[class]`; every table of every page has
    a class, and each data table sits in the scrolling wrapper Material's bundle would add at load
    (so the bundle adds none, and wraps no table twice)."""
    css = next((built_site / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert "[class]" not in css and "table.ed-table" in css
    from bs4 import BeautifulSoup

    data_tables = 0
    for page in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        rel = page.relative_to(built_site).as_posix()
        for table in soup.find_all("table"):
            assert table.get("class"), f"{rel}: a table without a class: {str(table)[:80]}"
            if "ed-table" in table["class"]:
                data_tables += 1
                inner = table.parent
                assert "md-typeset__table" in inner.get("class", []), f"{rel}: {str(table)[:80]} is not wrapped"
                assert "md-typeset__scrollwrap" in inner.parent.get("class", []), f"{rel}: {str(table)[:80]}"
        assert not soup.select(".md-typeset__table .md-typeset__table"), f"{rel}: a table wrapped twice"
    assert data_tables >= 2, "About's interventions and the URLs page's addresses are data tables"
