"""Material's bundle without the <meta name="color-scheme"> its palette adds at every page load
(edition.assets.without_colour_scheme_meta, patch_theme_bundle; overrides/hooks/theme_js.py).
tests/browser/test_startup_restyles.py measures what that saves, and that the page's scroll bars
still follow the colour scheme."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from edition import assets
from edition.errors import EditionError

MOUNT = ('function li(e){let t=M("input",e),r=x("meta",{name:"theme-color"});document.head.appendChild(r);'
         'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);let n=Wt("(x)");'
         'o.content=a.colorScheme}')


def test_the_meta_becomes_a_plain_object_and_nothing_else_changes():
    patched = assets.without_colour_scheme_meta(MOUNT, "bundle.x.min.js")
    assert patched == MOUNT.replace('let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
                                    "let o={};")
    assert 'x("meta",{name:"theme-color"})' in patched  # the theme colour's meta stays


@pytest.mark.parametrize("text, found", [("function li(e){}", 0), (MOUNT + MOUNT, 2)])
def test_a_bundle_without_exactly_one_such_meta_stops_the_build_naming_it(text, found):
    with pytest.raises(EditionError, match=rf"theme_js\.py: the theme's bundle\.x\.min\.js holds {found} copies"):
        assets.without_colour_scheme_meta(text, "bundle.x.min.js")


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    folder = site / "assets" / "javascripts"
    folder.mkdir(parents=True)
    (folder / "bundle.0123abcd.min.js").write_text(MOUNT + "\n//# sourceMappingURL=bundle.0123abcd.min.js.map\n")
    (folder / "bundle.0123abcd.min.js.map").write_text("{}")
    (folder / "cite.js").write_text("x")
    for page in ("index.html", "brief/index.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        depth = "../" * page.count("/")
        (site / page).write_text(f'<script src="{depth}assets/javascripts/bundle.0123abcd.min.js" defer></script>')
    return site


def test_the_site_points_at_the_patched_bundle_under_its_new_name(tmp_path):
    site = _site(tmp_path)
    old, new = assets.patch_theme_bundle(site)
    folder = site / "assets" / "javascripts"
    assert old == "bundle.0123abcd.min.js" and re.fullmatch(r"bundle\.[0-9a-f]{8}\.min\.js", new)
    assert sorted(p.name for p in folder.iterdir()) == sorted([new, "cite.js"]), "the old file and its map go"
    text = (folder / new).read_text()
    assert "color-scheme" not in text and "sourceMappingURL" not in text
    assert new == f"bundle.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.js"
    assert 'src="../assets/javascripts/' + new in (site / "brief" / "index.html").read_text()
    assert 'src="assets/javascripts/' + new in (site / "index.html").read_text()
    assert assets.patch_theme_bundle(_site(tmp_path / "again"))[1] == new  # the same site, the same name


def test_a_site_without_one_theme_bundle_stops_the_build_naming_it(tmp_path):
    site = _site(tmp_path)
    (site / "assets" / "javascripts" / "bundle.0123abcd.min.js").unlink()
    with pytest.raises(EditionError, match=r"theme_js\.py: expected one assets/javascripts/bundle\.\*\.min\.js"):
        assets.patch_theme_bundle(site)


def test_the_built_site_loads_the_patched_bundle_by_its_hash(built_site):
    bundles = list((built_site / "assets" / "javascripts").glob("bundle.*.min.js*"))
    assert len(bundles) == 1, bundles  # no source map left to mislead
    text = bundles[0].read_text(encoding="utf-8")
    assert '{name:"color-scheme"}' not in text and 'let o={};' in text
    assert bundles[0].name == f"bundle.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.js"
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        names = set(re.findall(r"bundle\.[0-9a-f]{8}\.min\.js", html))
        assert names <= {bundles[0].name}, f"{page.relative_to(built_site)}: {names}"
