"""The engine on a mini project (tests/fixtures/mini/): a brief with every kind of mark and one entry
of each data file, with the expected output of the notation, the model, the data and the exports
written out here, so that these tests do not depend on the wording of the real brief."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import edition
from edition import exports, fidelity
from edition.errors import NotationError
from sitetools import ROOT

MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini() -> edition.Edition:
    return edition.load(MINI)


def test_the_notation_reads_every_kind_of_mark(mini):
    got = [(iv.form, iv.kind, iv.id, iv.source, iv.edition, iv.line) for iv in mini.doc.interventions]
    assert got == [
        ("insertion", "supplied", "ed-summary-1", "", "Summary", 7),
        ("substitution", "rejoined", "ed-summary-1-1", "semiisolation", "semi-isolation", 9),
        ("substitution", "corrected", "ed-summary-1-2", "need", "needed", 10),
        ("note", "note", "ed-summary-1-3", "", "", 10),
        ("origin", "move", "ed-security-3-1", "", "", 16),
        ("insertion", "conjecture", "ed-security-3-2", "", "to be worried", 17),
        ("deletion", "furniture", "ed-security-3-3", "3", "", 17),
        ("destination", "move", "ed-pull-quote-1-1", "Russia", "Russia", 21),
        ("insertion", "restored", "ed-pull-quote-1-2", "", "about the build up", 21),
        ("insertion", "gap", "ed-pull-quote-1-3", "", "rest lost", 21),
        ("note", "division", "ed-security-4-break", "", "", 24),
        ("insertion", "sic", "ed-security-4-1", "", "sic: 2015", 24),
        ("origin", "move", "ed-security-4-2", "", "", 24),
        ("substitution", "rejoined", "ed-fn1-1", "bc", "b-c", 27),
    ]
    origin = mini.doc.interventions[4]
    assert (origin.label, origin.moved_text, origin.moved_to, origin.moved_to_anchor) == (
        "pq1-line", "Russia", "pull-quote-1", "ed-pull-quote-1-1")
    assert mini.doc.interventions[8].ref == "security-3"


def test_the_model_names_each_place_once(mini):
    assert {k: (p.label, p.kind, p.section) for k, p in mini.brief.places.items()} == {
        "title": ("A Mini Brief", "section", "title"),
        "summary": ("[Summary]", "section", "summary"),
        "summary-1": ("[Summary] ¶ 1", "paragraph", "summary"),
        "the-security-agenda": ("The Security Agenda", "section", "the-security-agenda"),
        "security-3": ("The Security Agenda ¶ 3", "paragraph", "the-security-agenda"),
        "pull-quote-1": ("pull-quote 1", "pull-quote", "the-security-agenda"),
        "security-4": ("The Security Agenda ¶ 4", "paragraph", "the-security-agenda"),
        "fn:1": ("note 1", "note", "the-security-agenda"),
    }
    assert mini.brief.places["security-3"].text == "Russia seems to be worried about the build up."
    assert mini.brief.cited_in == {1: "summary-1"}
    # every intervention carries the names of its places
    assert [iv.place for iv in mini.doc.interventions][:2] == ["[Summary]", "[Summary] ¶ 1"]
    assert mini.doc.interventions[8].ref_place == "The Security Agenda ¶ 3"


def test_the_data_are_read_and_ordered(mini):
    assert [(e.id, e.when, e.kind, e.mentions) for e in mini.events] == [
        ("build-up-2014", "November 2014 – January 2015", "event", ["security-3"]),
        ("report-2016", "May 1, 2016", "source", ["summary-1"])]
    assert [(x.source, x.target, x.thread) for x in mini.crosslinks] == [("summary-1", "security-3", "worry")]
    assert [(t.id, t.occurs_in) for t in mini.glossary] == [("russia", ["security-3", "pull-quote-1"])]
    assert mini.references["writer-2016"].archive_url == "https://web.archive.org/web/*/http://example.org/a-b-c"


def test_the_exports(mini):
    work = "Chris Miller, “Japan–Russia Relations: The View from Moscow,” Policy Brief (The German " \
           "Marshall Fund of the United States, April 2017)"
    assert exports.references_bibtex(mini.references, mini.citation) == f"""\
% The sources cited in {work}.
% Generated from data/references.yml by the web edition; UTF-8.

@article{{writer-2016,
  author      = {{Writer, Ann}},
  title       = {{{{A Title}}}},
  journal     = {{The Paper}},
  year        = {{2016}},
  month       = may,
  date        = {{2016-05-01}},
  url         = {{http://example.org/a-b-c}},
  note        = {{Cited in note 1 of {work}. Look up archived copies (Wayback Machine): https://web.archive.org/web/*/http://example.org/a-b-c}},
}}
"""
    assert json.loads(exports.csl_json(mini.references, mini.citation)) == [{
        "id": "writer-2016", "type": "article-newspaper", "title": "A Title",
        "author": [{"family": "Writer", "given": "Ann"}], "container-title": "The Paper",
        "issued": {"date-parts": [[2016, 5, 1]]}, "URL": "http://example.org/a-b-c",
        "note": f"Cited in note 1 of {work}. Look up archived copies (Wayback Machine): https://web.archive.org/web/*/http://example.org/a-b-c"}]
    target = {"kind": "paragraph", "section": "The Security Agenda", "supplied": False, "para": "3"}
    assert exports.cite_bibtex(mini.citation, "security-3", "https://x.test/brief/#security-3",
                               exports.bibtex_note(mini.citation, target)) == """\
@techreport{miller2017japanrussia-security-3,
  author      = {Miller, Chris},
  title       = {{Japan–Russia Relations: The View from Moscow}},
  institution = {The German Marshall Fund of the United States},
  address     = {Washington, DC},
  type        = {Policy Brief},
  year        = {2017},
  month       = apr,
  url         = {https://x.test/brief/#security-3},
  note        = {Web edition, version 0.1 (January 2, 2020); “The Security Agenda”, para. 3},
}"""
    assert exports.tex("50% & $5 #1 a_b {c}") == r"50\% \& \$5 \#1 a\_b \{c\}"


def test_the_fidelity_proof(mini, tmp_path):
    source = (MINI / "source" / "japan-russia-view-from-moscow.extracted.txt").read_text(encoding="utf-8")
    assert fidelity.compare(mini.doc, source) == []
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    brief = project / "docs" / "brief.md"
    brief.write_text(brief.read_text(encoding="utf-8").replace("state\n", "nation\n"), encoding="utf-8")
    problems = fidelity.compare(edition.load(project).doc, source)
    assert len(problems) == 1 and problems[0].startswith(
        "docs/brief.md:9: unrecorded difference (changed) at source line 2: source “state”, edition “nation”")


def render(root: Path, uri: str) -> str:
    import markdown

    from edition.extension import EditionExtension

    text = (root / "docs" / uri).read_text(encoding="utf-8")
    text = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "footnotes",
                                               EditionExtension(root=str(root), site_url="https://x.test/", page=uri)])


def test_the_extension_renders_the_mini_brief_and_its_pages(mini):
    html = render(MINI, "brief.md")
    assert re.search(r'<span [^>]*class="ed ed-rejoined"[^>]*id="ed-summary-1-1"[^>]*>semi-isolation</span>', html)
    assert re.search(r'aria-label="[^"]*: Restored from The Security Agenda ¶ 3\. The pull-quote repeats it\. '
                     r'Lost: one line of the pull-quote\."', html)
    assert html.count('<abbr title="A country.">Russia</abbr>') == 1  # first occurrence in its section
    assert '<span class="xl-marker">Editors’ links</span><span class="xl-for"> for [Summary] ¶ 1</span>' in html
    assert 'href="timeline.md#report-2016"' in html
    assert 'aria-label="Cite The Security Agenda ¶ 3"' in html and "https://x.test/brief/#security-3" in html
    timeline = render(MINI, "timeline.md")
    assert timeline.count('<li class="tl-event') == 2 and 'href="brief.md#security-3"' in timeline
    changes = render(MINI, "changes.md")
    assert '<h2 id="version-0-1">Version 0.1</h2>' in changes and '<time datetime="2020-01-02">January 2, 2020</time>' in changes
    assert '<li>Every kind of mark.</li>' in changes and '<h3 id="version-0-1-apparatus">The apparatus</h3>\n<p>No change.</p>' in changes
    about = " ".join(render(MINI, "about-this-edition.md").split())
    assert "<strong>Version 0.1</strong> of this edition, released <time datetime=\"2020-01-02\">January 2, 2020</time>" in about
    assert "restores 1 passage from" in about and "1 places" not in about  # counted, in the singular
    assert "in 1 place the words are lost and the editors offer a conjecture" in about
    assert "in 1 place the words are lost and no conjecture is offered" in about


def test_a_mark_in_a_page_other_than_the_brief_is_refused(tmp_path):
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    page = project / "docs" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA {++word++}{>>conjecture: x<<}\n", encoding="utf-8")
    with pytest.raises(NotationError, match=r"docs/glossary\.md:\d+: an edition mark “\{\+\+” outside the brief"):
        render(project, "glossary.md")
