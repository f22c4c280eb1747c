"""The site's own scripts, minified in the built site (edition.assets.minify_scripts, hook
edition postbuild): the reader gets them without the sources' comments, and the browser
tests (tests/browser/) run those minified copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition import assets
from edition.errors import EditionError

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "docs" / "assets" / "javascripts").rglob("*.js"))


def test_every_script_of_the_site_is_minified_in_the_build(built_site):
    assert SOURCES, "docs/assets/javascripts holds no script: the test would prove nothing"
    for source in SOURCES:
        built = built_site / source.relative_to(ROOT / "docs")
        text = built.read_text(encoding="utf-8")
        assert "/*" not in text and "\n  " not in text, f"{built}: not minified"
        assert len(text) < 0.8 * source.stat().st_size, f"{built}: hardly smaller than its source"


def test_minifying_keeps_the_code_and_drops_the_comments(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    for root in (docs, site):
        (root / "assets" / "javascripts" / "workers").mkdir(parents=True)
    code = '/* what it does */\n(function () {\n  "use strict";\n  // one\n  var a = "/* kept */";\n  f(a);\n})();\n'
    for rel in ("assets/javascripts/x.js", "assets/javascripts/workers/w.js"):
        (docs / rel).write_text(code)
        (site / rel).write_text(code)
    done = assets.minify_scripts(docs, site)
    assert [d[0] for d in done] == ["assets/javascripts/workers/w.js", "assets/javascripts/x.js"]
    assert (site / "assets/javascripts/x.js").read_text() == '(function(){"use strict";var a="/* kept */";f(a);})();\n'
    assert (docs / "assets/javascripts/x.js").read_text() == code  # the source keeps its comments


def test_a_script_missing_from_the_built_site_stops_the_build_naming_it(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "assets" / "javascripts").mkdir(parents=True)
    site.mkdir()
    (docs / "assets" / "javascripts" / "gone.js").write_text("f();\n")
    with pytest.raises(EditionError, match=r"assets/javascripts/gone\.js: not in the built site"):
        assets.minify_scripts(docs, site)
