"""The edition engine: a Python-Markdown extension that needs no MkDocs, loaded once per build,
with markers that cannot fail silently, and a build that writes nothing into the project."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
from markdown.extensions.toc import TocExtension
import pytest
from bs4 import BeautifulSoup

import edition
from edition import loader, pages
from edition.errors import MarkerError
from edition.extension import EditionExtension
from sitetools import ROOT, build_in_process, copy_project, run_cli

SITE_URL = "https://example.github.io/japan-russia-view-from-moscow/"
EXTENSIONS = ["attr_list", "md_in_html", "footnotes", "tables", "admonition", "pymdownx.details",
              "pymdownx.superfences"]


def plain_render(root: Path, uri: str) -> BeautifulSoup:
    """A page of docs/ rendered by plain Python-Markdown with the edition's extension: no MkDocs."""
    text = (root / "docs" / uri).read_text(encoding="utf-8")
    body = text[re.match(r"---\n.*?\n---\n", text, re.S).end():] if text.startswith("---\n") else text
    md = markdown.Markdown(extensions=[*EXTENSIONS, TocExtension(permalink=True),
                                       EditionExtension(root=str(root), site_url=SITE_URL, page=uri)])
    return BeautifulSoup(md.convert(body), "html.parser")


def built(built_site: Path, page: str):
    soup = BeautifulSoup((built_site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article.md-content__inner")


def words(el) -> str:
    return " ".join(el.get_text(" ").split())


def marks(el) -> list[tuple]:
    return [(m.get("id"), " ".join(m.get("class", [])), m.get("aria-label"), m.get("data-note"), m.get_text())
            for m in el.select(".ed, .ed-anchor, .ed-moved")]


def test_plain_python_markdown_renders_the_brief_as_the_build_does(built_site):
    plain, site = plain_render(ROOT, "brief.md"), built(built_site, "brief")
    for soup in (plain, site):
        for link in soup.select("a.headerlink"):
            link.decompose()
    # 60 marks, the five web-witness notes, and the 22 paragraph breaks (13 with evidence, 9 divisions)
    assert marks(plain) == marks(site) and len(marks(site)) == 87
    for selector in (".xl-note", ".xl-fn", ".ed-tools", "aside.pull-quote", "div.footnote", "abbr", ".ed-page"):
        assert [words(e) for e in plain.select(selector)] == [words(e) for e in site.select(selector)], selector
        assert plain.select(selector), selector
    assert [a["title"] for a in plain.select("abbr")] == [a["title"] for a in site.select("abbr")]
    assert words(plain) in words(site)  # the built article adds only the theme's own bits


@pytest.mark.parametrize("page, selector, count", [
    ("timeline.md", "li.tl-event", len(edition.load(ROOT).events)), ("references.md", "li.ref-entry", 7),
    ("glossary.md", "div.gl-entry", 25), ("about-this-edition.md", ".apparatus tbody tr", 85),
    ("how-to-cite.md", "section.ed-cite-example", 4), ("urls.md", "section.url-registry__page", 10),
    ("source-view.md", "div.sv-line", 37),
    ("changes.md", "h2[id^=version-]", len(edition.load(ROOT).changelog))])
def test_plain_python_markdown_renders_each_data_page(built_site, page, selector, count):
    plain, site = plain_render(ROOT, page), built(built_site, page[:-3])
    assert len(plain.select(selector)) == len(site.select(selector)) == count
    assert [words(e) for e in plain.select(selector)] == [words(e) for e in site.select(selector)]


def test_a_build_without_the_plugin_says_the_extension_was_not_told_the_page(tmp_path):
    """MkDocs without the edition plugin does not tell the extension which page it renders: the
    build stops, saying so (the same edition without the plugin: tests/test_zensical.py)."""
    project = copy_project(ROOT, tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^  - edition\n", "", text, flags=re.M), encoding="utf-8")
    assert not re.search(r"^  - edition$", config.read_text(encoding="utf-8"), flags=re.M)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-d",
                             str(tmp_path / "site")], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "in a page the extension was not told the name of: give edition.extension its `page` option" \
        in result.stderr


def test_a_build_loads_the_edition_once_and_writes_nothing_into_the_project(tmp_path):
    """One build of a copy: the edition is loaded and parsed once, and no file of the project is
    written (size and mtime of each unchanged)."""
    project = copy_project(ROOT, tmp_path / "project")

    def snapshot() -> dict[str, tuple[int, int]]:
        return {p.relative_to(project).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
                for p in project.rglob("*") if p.is_file() and "__pycache__" not in p.parts}

    files, before = snapshot(), loader.stats["loads"]
    build_in_process(project, tmp_path / "site")
    assert loader.stats["loads"] - before == 1
    assert snapshot() == files
    # An input that changes is read again (what `mkdocs serve` relies on).
    glossary = project / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edition.load(project)
    assert loader.stats["loads"] - before == 2


# ---- markers -----------------------------------------------------------------------------------


def marker_fault(tmp_path: Path, page: str, change) -> str:
    project = copy_project(ROOT, tmp_path / "project")
    path = project / "docs" / page
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(MarkerError) as exc:
        edition.load(project)
    return str(exc.value)


def test_a_marker_without_spaces_still_fills_its_page(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    page = project / "docs" / "timeline.md"
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- md:timeline -->", "<!--md:timeline-->"),
                    encoding="utf-8")
    assert len(plain_render(project, "timeline.md").select("li.tl-event")) == len(edition.load(project).events)


def test_a_missing_marker_stops_the_build(tmp_path):
    message = marker_fault(tmp_path, "about-this-edition.md", lambda t: t.replace("<!-- md:apparatus -->", ""))
    assert message == ("docs/about-this-edition.md: the marker <!-- md:apparatus --> is missing: without it "
                       "the page would render without what it generates")


def test_a_doubled_marker_stops_the_build(tmp_path):
    message = marker_fault(tmp_path, "glossary.md", lambda t: t + "\n<!-- md:glossary -->\n")
    assert re.fullmatch(r"docs/glossary\.md:\d+: the marker <!-- md:glossary --> stands twice; it is filled once", message)


def test_a_misplaced_marker_stops_the_build(tmp_path):
    message = marker_fault(tmp_path, "index.md", lambda t: t + "\n<!-- md:timeline -->\n")
    assert re.fullmatch(r"docs/index\.md:\d+: the marker <!-- md:timeline --> belongs on timeline\.md only", message)
    message = marker_fault(tmp_path / "2", "timeline.md",
                           lambda t: t.replace("<!-- md:timeline -->", "Events: <!-- md:timeline -->"))
    assert "must stand alone on its line" in message


def test_an_unknown_marker_stops_the_build(tmp_path):
    message = marker_fault(tmp_path, "timeline.md", lambda t: t + "\n<!--md:timelines-->\n")
    assert re.match(r"docs/timeline\.md:\d+: unknown marker <!-- md:timelines --> \(known: ", message)
    assert set(pages.MARKERS) <= set(message.split("(known: ")[1].rstrip(")").split(", "))


def test_the_command_line_has_a_help_for_every_subcommand():
    """The real command once (`python -m edition.cli --help`, which names each subcommand), then
    each subcommand's help through the same entry, in this process."""
    commands = ("fidelity", "data", "urls", "citation", "benchmark", "postbuild")
    result = subprocess.run([sys.executable, "-m", "edition.cli", "--help"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0 and "usage:" in result.stdout
    assert all(command in result.stdout for command in commands), result.stdout
    for command in commands:
        result = run_cli(command, "--help", cwd=ROOT)
        assert result.returncode == 0 and "usage:" in result.stdout, command


def test_a_markdown_table_is_left_to_the_theme():
    """Plain Python-Markdown gives the URLs page's Markdown table no class and no wrapper of the
    theme's: Material styles a table without a class as a data table, and wraps it for scrolling
    itself, as it does on any site (the edition writes none of the theme's private markup)."""
    plain = plain_render(ROOT, "urls.md")
    tables = plain.select("table")
    assert len(tables) == 1 and not tables[0].get("class")
    assert not plain.select("[class*=md-typeset__]")



def test_rendering_the_brief_calls_load_once_per_document():
    before = loader.stats["calls"]
    soup = plain_render(ROOT, "brief.md")
    assert loader.stats["calls"] - before == 1
    assert len(soup.select("[id^=security-]")) > 3  # the brief, with its places, was rendered
    # two documents through one Markdown: once each
    md = markdown.Markdown(extensions=[*EXTENSIONS, EditionExtension(root=str(ROOT), page="glossary.md")])
    body = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    before = loader.stats["calls"]
    md.convert(body)
    md.reset()
    md.convert(body)
    assert loader.stats["calls"] - before == 2


def test_the_page_is_the_one_named_not_the_one_whose_text_matches():
    """The brief's text rendered as another page gets no apparatus of the brief: the extension
    takes the page from its `page` option (or the engine's rendering context), not from the text."""
    body = (ROOT / "docs" / "brief.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    as_index = markdown.Markdown(extensions=[*EXTENSIONS, EditionExtension(root=str(ROOT), page="index.md")])
    with pytest.raises(edition.EditionError, match=r"docs/index\.md:\d+: an edition mark"):
        as_index.convert(body)


def test_every_marker_has_one_generator_and_an_unknown_one_is_named():
    from edition.extension import GENERATED

    assert set(GENERATED) == set(pages.MARKERS)
    md = markdown.Markdown(extensions=[*EXTENSIONS, EditionExtension(root=str(ROOT), page="glossary.md")])
    with pytest.raises(MarkerError, match=r"md:nonesuch"):
        md.convert("Text.\n\n<!-- md:nonesuch -->\n")


# What the extension must not pull in: the theme, the site engines and the site-only tools.
SITE_ONLY = ("rcssmin", "rjsmin", "PIL", "mkdocs", "material", "zensical", "edition.assets",
             "edition.ogimage", "edition.plugin", "edition.postbuild")


def test_the_extension_renders_the_brief_in_an_isolated_python_without_site_modules():
    """python -I (no PYTHONPATH, no user site, no current folder): import the extension, render the
    brief with plain Python-Markdown, and list which site-only modules were imported."""
    script = f"""
import sys, markdown
from edition.extension import EditionExtension
body = open({str(ROOT / "docs" / "brief.md")!r}, encoding="utf-8").read().split("---\\n", 2)[2]
html = markdown.markdown(body, extensions={EXTENSIONS!r} + [EditionExtension(root={str(ROOT)!r}, page="brief.md")])
assert 'id="security-3"' in html, "the brief did not render"
print(sorted(m for m in {SITE_ONLY!r} if m in sys.modules))
"""
    result = subprocess.run([sys.executable, "-I", "-c", script], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"the extension imported {result.stdout.strip()}"


def test_the_isolated_check_sees_a_site_module_imported():
    """The check above can fail: importing the postbuild command pulls in rcssmin and Pillow."""
    script = "import sys, edition.postbuild; print(sorted(m for m in ('rcssmin', 'rjsmin', 'PIL') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-I", "-c", script], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr
    assert "rcssmin" in result.stdout
