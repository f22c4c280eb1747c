"""What the speed work relies on in the built pages (README "Speed, measured"): none of the site's
own scripts holds the parser (Material's bundle is written as the theme writes it, and runs before
the site's own scripts, which need its document$), and each page loads the scripts of the features
it has only."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def pages(site: Path) -> list[Path]:
    """Every HTML page of the built site (the 404 page too), redirect stubs aside."""
    found = [p for p in sorted(site.rglob("*.html")) if "bundle." in p.read_text(encoding="utf-8")]
    assert len(found) >= 10, f"only {len(found)} pages with Material's bundle in {site}"
    return found


def external_scripts(page: Path) -> list:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("script[src]")


def test_no_script_of_the_site_holds_the_parser_and_material_runs_first(built_site):
    for page in pages(built_site):
        scripts = external_scripts(page)
        blocking = [s["src"] for s in scripts if not s.has_attr("defer") and not s.has_attr("async")
                    and "/bundle." not in s["src"]]
        assert not blocking, f"{page}: parser-blocking scripts {blocking}"
        srcs = [s["src"] for s in scripts]
        bundle = next(i for i, src in enumerate(srcs) if "/bundle." in src)
        # Deferred scripts run in document order: reading-mode.js subscribes to Material's document$
        # and must come after the bundle (the scripts in the content do not use it at once).
        needs_material = [i for i, src in enumerate(srcs) if src.endswith("reading-mode.js")]
        assert needs_material and min(needs_material) > bundle, f"{page}: {srcs}"


@pytest.mark.parametrize("script, markers", [
    ("apparatus-filter.js", ('class="ed-filter"',)),
    ("cite-loader.js", ('class="ed-cite"', 'class="ed-cite__entry"')),
])
def test_a_page_loads_a_feature_s_script_only_where_the_feature_is(built_site, script, markers):
    """overrides/main.html, block content: the table filter on About, the Cite loader on the brief
    and How to cite; every other page's first view does without them."""
    where = []
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        has = any(m in html for m in markers)
        loads = any(s["src"].endswith("/" + script) for s in external_scripts(page))
        assert loads == has, f"{page}: feature {has}, {script} {loads}"
        where += [page.parent.name] if has else []
    assert where, f"no page has the feature of {script}: the test would prove nothing"
