"""The theme's files reach the reader as the theme ships them: the edition changes Material only
through documented extension points (template blocks, extra CSS and JS, the Markdown extension,
plugin events), never by rewriting a file the theme ships.

Every built file under the theme's asset folders is either byte for byte the installed theme's file
of the same path, or one of the site's own (a file of docs/, which the build may minify, or the
link-preview card the build draws). A theme
file rewritten in place, or written under a new name, fails, naming the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import material

from edition import ogimage

THEME = Path(material.__file__).parent / "templates"
ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GENERATED = {ogimage.URI}  # the edition's own files that the build draws (the link-preview card)


def theme_asset_dirs() -> list[str]:
    """The folders of the installed theme that hold its static files (assets/…)."""
    return sorted({p.relative_to(THEME).parts[0] for p in THEME.rglob("*")
                   if p.is_file() and p.relative_to(THEME).parts[0] == "assets"})


def changed_theme_files(site: Path) -> list[str]:
    """What is wrong with the built `site`'s theme files: each message names the file."""
    problems, compared = [], 0
    for folder in theme_asset_dirs():
        for built in sorted((site / folder).rglob("*")):
            if not built.is_file():
                continue
            rel = built.relative_to(site).as_posix()
            shipped = THEME / rel
            if shipped.is_file():
                compared += 1
                if built.read_bytes() != shipped.read_bytes():
                    problems.append(f"{rel}: differs from the installed theme's file {shipped}")
            elif not (DOCS / rel).is_file() and rel not in GENERATED:
                problems.append(f"{rel}: neither a file of the installed theme nor of docs/ "
                                "(a theme file written under a new name?)")
    if not compared:
        problems.append(f"{site}: no file of the theme's {theme_asset_dirs()} in the site")
    return problems


def test_every_theme_file_of_the_site_is_the_installed_theme_s(built_site):
    assert changed_theme_files(built_site) == []
    # the files the theme's pages load most are there, as shipped
    for pattern in ("assets/javascripts/bundle.*.min.js", "assets/stylesheets/main.*.min.css",
                    "assets/stylesheets/palette.*.min.css", "assets/javascripts/workers/search.*.min.js"):
        assert len(list(built_site.glob(pattern))) == 1, pattern


def test_one_changed_byte_of_a_theme_file_is_caught(built_site, tmp_path):
    site = Path(shutil.copytree(built_site, tmp_path / "site"))
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js"))
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    bundle.write_bytes(bytes(data))
    rel = bundle.relative_to(site).as_posix()
    assert changed_theme_files(site) == [f"{rel}: differs from the installed theme's file {THEME / rel}"]


def test_a_theme_file_under_a_new_name_is_caught(built_site, tmp_path):
    site = Path(shutil.copytree(built_site, tmp_path / "site"))
    css = next(site.glob("assets/stylesheets/main.*.min.css"))
    css.rename(css.with_name("main.0123abcd.min.css"))
    assert changed_theme_files(site) == [
        "assets/stylesheets/main.0123abcd.min.css: neither a file of the installed theme nor of docs/ "
        "(a theme file written under a new name?)"]
