"""One id per page, one outline (edition.structure, run by the build on the built pages).

A glossary term whose id is the page's heading id, and a timeline event whose id is a year's,
give two elements with one id: the build stops naming both sources. `##` made `#` gives the brief a
second <h1>, and `##` made `####` changes its outline: the build stops naming the heading.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import edition
from edition import structure
from sitetools import ROOT, build_site, copy_project


def test_the_built_site_has_one_id_per_page_and_the_sources_outline(built_site):
    assert structure.check_site(built_site, edition.load(ROOT)) == []


def errors(result) -> str:
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "Traceback" not in out
    return out


def rename(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(pattern, new, text, count=1, flags=re.M)
    assert n == 1, pattern
    path.write_text(text, encoding="utf-8")


def test_data_ids_that_repeat_a_page_or_heading_id_stop_the_build_naming_both(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    data = project / "data"
    first_term = re.search(r"^  - id: ([\w-]+)$", (data / "glossary.yml").read_text(encoding="utf-8"), re.M)[1]
    path = data / "glossary.yml"  # the term and every `see:` that points at it
    path.write_text(re.sub(rf"(?<![\w/.-]){first_term}(?![\w/.-])", "glossary", path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    rename(data / "timeline.yml", r"^  - id: marshall-plan-1948$", "  - id: year-1948")
    for name in ("crosslinks.yml", "glossary.yml"):
        path = data / name
        path.write_text(re.sub(r"\bmarshall-plan-1948\b", "year-1948", path.read_text(encoding="utf-8")),
                        encoding="utf-8")
    out = errors(build_site(project, tmp_path / "site", check=False))
    assert "the built pages' ids or outline" in out
    assert re.search(r"glossary/index\.html:\d+: id 'glossary' twice: <h1> \(line \d+, a heading of "
                     r"docs/glossary\.md(?:, line \d+)?\) and <\w+> \(data/glossary\.yml: term 'glossary'\)", out), out
    assert re.search(r"timeline/index\.html:\d+: id 'year-1948' twice: <\w+> \(line \d+, [^)]*\) and "
                     r"<\w+> \(data/timeline\.yml: event 'year-1948'\)", out), out


@pytest.mark.parametrize("heading,new,message", [
    ("## The Security Agenda", "# The Security Agenda",
     r"brief/index\.html: 2 <h1> elements; a page has one, its title"),
    ("## The Trump Factor", "#### The Trump Factor",
     r"brief/index\.html: the heading #the-trump-factor is an <h4>, but the source's outline has "
     r"#the-trump-factor here as an <h2>"),
])
def test_the_briefs_outline_is_the_sources(tmp_path, heading, new, message):
    project = copy_project(ROOT, tmp_path / "project")
    rename(project / "docs" / "brief.md", "^" + re.escape(heading) + " ", new + " ")
    out = errors(build_site(project, tmp_path / "site", check=False))
    assert re.search(message, out), out
