"""The built site carries the editors' apparatus as specified, and leaves the author's words alone.

Cross-links and back-links beside the brief's paragraphs, the Timeline, the References with their
downloads, the Glossary and its tooltips: checked in the HTML that `mkdocs build --strict` wrote
(fixture built_site). Bad data and unknown markers stop a real build (on a copy of the project).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

import edition
from sitetools import BRIEF_PATH, ROOT, SOURCE_PATH, build_site, compare, copy_project

DATA = edition.load(ROOT)


@pytest.fixture(scope="module")
def pages(built_site):
    """Parsed HTML of the pages the apparatus touches, by site path."""
    out = {}
    for name in ("brief", "timeline", "references", "glossary"):
        out[name] = BeautifulSoup((built_site / name / "index.html").read_text(encoding="utf-8"), "html.parser")
    return out


def note_after(soup, pid: str):
    """The editors' note that follows paragraph #pid, or None."""
    p = soup.find(id=pid)
    nxt = p.find_next_sibling()
    return nxt if nxt is not None and "xl-note" in (nxt.get("class") or []) else None


def resolve(built_site: Path, page: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link of `page` (site path like 'brief/') points at."""
    url = urljoin(f"http://site/{page}", href)
    parts = urlsplit(url)
    path = built_site / parts.path.lstrip("/")
    if parts.path.endswith("/"):
        path = path / "index.html"
    return path, parts.fragment


def assert_links_resolve(built_site: Path, page: str, anchors) -> int:
    """Every internal link among `anchors` leads to an existing file and id."""
    ids: dict[Path, set[str]] = {}
    n = 0
    for a in anchors:
        href = a["href"]
        if href.startswith("http"):
            continue
        path, fragment = resolve(built_site, page, href)
        assert path.exists(), f"{page}: {href} leads to no file"
        if fragment:
            if path not in ids:
                ids[path] = set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))
            assert fragment in ids[path], f"{page}: {href} leads to no #{fragment}"
        n += 1
    return n


# ---- the author's text is untouched ---------------------------------------------------------


def test_fidelity_still_holds():
    source = SOURCE_PATH.read_text(encoding="utf-8")
    assert compare(BRIEF_PATH.read_text(encoding="utf-8"), source) == []


def test_apparatus_stands_outside_the_authors_paragraphs(pages):
    brief = pages["brief"]
    for pid, place in DATA.brief.places.items():
        if re.fullmatch(r"[a-z]+-\d+", pid) and not pid.startswith("pull-quote"):
            p = brief.find(id=pid)
            assert p is not None and p.name == "p", pid
            # a page marker ([p. 5], data-editorial="page") is a mark of the text, not a link
            assert not p.select("[data-editorial]:not(.ed-page), .xl-note, .xl-fn"), f"editors' links inside #{pid}"


# ---- cross-links and back-links -------------------------------------------------------------


def test_every_crosslink_is_shown_after_its_paragraph_with_its_annotation(pages):
    brief = pages["brief"]
    for link in DATA.crosslinks:
        note = note_after(brief, link.source)
        assert note is not None, f"no editors' note after #{link.source}"
        assert note.get("role") == "note" and "Editors’ links" in note.get_text()
        a = note.select_one(f'ul.xl-out a[href="#{link.target}"]')
        assert a is not None, f"#{link.source} does not link to #{link.target}"
        assert link.note in " ".join(a.parent.get_text().split())


def test_every_linked_paragraph_shows_what_refers_to_it(pages):
    brief = pages["brief"]
    for link in DATA.crosslinks:
        note = note_after(brief, link.target)
        assert note is not None, f"no editors' note after #{link.target}"
        back = note.select_one(f'p.xl-from a[href="#{link.source}"]')
        assert back is not None, f"#{link.target} does not say it is referred to from #{link.source}"
        assert back.parent.get_text().startswith("Referred to from")


def test_links_in_the_brief_apparatus_resolve(built_site, pages):
    anchors = pages["brief"].select(".xl-note a[href], .xl-fn a[href]")
    assert assert_links_resolve(built_site, "brief/", anchors) > 50


# ---- timeline -------------------------------------------------------------------------------


def test_timeline_is_an_axis_of_years_with_every_event(pages):
    tl = pages["timeline"]
    axis = tl.select_one("ol.tl")
    assert axis is not None
    years = [h.find(string=True, recursive=False).strip() for h in axis.select("li.tl-year > h2.tl-year-label")]
    assert years == sorted(set(years)) and "1956" in years and "2017" in years
    for event in DATA.events:
        li = tl.find(id=event.id)
        assert li is not None and "tl-event" in li["class"], event.id
        assert li.find_parent("li", class_="tl-year").h2["id"] == f"year-{event.date.year}"
        assert li.select_one("time")["datetime"] == event.date.iso
        assert event.title in li.get_text()
        for pid in event.mentions:
            assert li.select_one(f'.tl-mentions a[href="../brief/#{pid}"]'), f"{event.id} → {pid}"
        if event.context:
            ctx = li.select_one(".tl-context")
            assert "Editors’ context." in ctx.get_text() and event.context["source"] in ctx.get_text()


def test_paragraphs_that_mention_an_event_link_back_to_it(pages):
    brief = pages["brief"]
    for event in DATA.events:
        for pid in event.mentions:
            holder = brief.find(id=pid) if pid.startswith("fn:") else note_after(brief, pid)
            assert holder is not None, f"#{pid} has no editors' links"
            assert holder.select_one(f'a[href="../timeline/#{event.id}"]'), f"#{pid} does not link to {event.id}"


def test_timeline_links_resolve(built_site, pages):
    assert assert_links_resolve(built_site, "timeline/", pages["timeline"].select("ol.tl a[href]")) > 40


# ---- references -----------------------------------------------------------------------------


def test_references_are_full_entries_with_archive_and_back_links(pages):
    refs_page, brief = pages["references"], pages["brief"]
    entries = refs_page.select("ul.ref-list > li.ref-entry")
    assert len(entries) == 7
    for ref in DATA.references.values():
        li = refs_page.find(id=ref.id)
        assert li is not None, ref.id
        assert li.select_one(f'a.ref-url[href="{ref.url}"]')
        archive = li.select_one("a.ref-archive")  # a known capture, or an honestly labelled look-up
        assert archive["href"] == f"https://web.archive.org/web/{ref.archived or '*'}/{ref.url}"
        assert archive.get_text() == (f"Archived copy (Wayback Machine, captured {ref.archived[:4]}-"
                                      f"{ref.archived[4:6]}-{ref.archived[6:8]})" if ref.archived
                                      else "Look up archived copies (Wayback Machine)")
        assert li.select_one(f'a.ref-back[href="../brief/#fnref:{ref.note}"]')
        assert brief.find(id=f"fnref:{ref.note}") is not None
        footnote = brief.find(id=f"fn:{ref.note}")
        assert footnote.select_one(f'.xl-fn a[href="../references/#{ref.id}"]'), f"note {ref.note} → {ref.id}"
        assert ref.date.display in li.get_text()


def test_errors_in_the_notes_are_noted_by_the_editors(pages):
    refs_page = pages["references"]

    def notes(rid):
        return " ".join(p.get_text() for p in refs_page.find(id=rid).select(".ref-editors"))

    assert "20151112" in notes("pinchuk-2015") and "2014" in notes("pinchuk-2015")
    assert "The note prints the date as November 12, 2014" in refs_page.find(id="pinchuk-2015").get_text()
    assert "Foriegn" in notes("russia-mfa-2016")
    assert "russian-shift" in notes("kucera-2014")
    assert all(p.get_text().startswith("Editors’ note.") for p in refs_page.select(".ref-editors"))


def test_chicago_style(pages):
    text = " ".join(pages["references"].find(id="kucera-2014").p.get_text().split())
    assert text == ("Kucera, Joshua. “Putin Signals Russia’s Shift to Asia.” The Diplomat, October 31, 2014. "
                    "http://thediplomat.com/2014/10/putin-signals-russian-shift-to-asia/.")
    text = " ".join(pages["references"].find(id="batchelor-2017").p.get_text().split())
    assert text.startswith("Batchelor, Tom. “Why is Vladimir Putin so late for meetings with world leaders?” The")


def test_bibliography_downloads_are_generated_and_linked(built_site, pages):
    links = {a["href"] for a in pages["references"].select("a[download]")}
    assert links == {"../references.bib", "../references.json"}
    bib = (built_site / "references.bib").read_text(encoding="utf-8")
    assert sorted(re.findall(r"^@\w+\{([\w-]+),$", bib, re.M)) == sorted(DATA.references)
    items = json.loads((built_site / "references.json").read_text(encoding="utf-8"))
    assert sorted(i["id"] for i in items) == sorted(DATA.references)


def test_references_links_resolve(built_site, pages):
    assert assert_links_resolve(built_site, "references/", pages["references"].select("ul.ref-list a[href]")) > 20


# ---- glossary -------------------------------------------------------------------------------


def test_glossary_page_has_every_term(built_site, pages):
    gl = pages["glossary"]
    for term in DATA.glossary:
        entry = gl.find(id=term.id)
        assert entry is not None and term.term in entry.dt.get_text(), term.id
        for pid in term.occurs_in:
            assert entry.select_one(f'.gl-occurs a[href="../brief/#{pid}"]')
    assert assert_links_resolve(built_site, "glossary/", gl.select("dl.gl-list a[href]")) > 40


def test_tooltips_wrap_only_glossary_forms_and_only_the_authors_words(pages):
    brief = pages["brief"]
    forms = {f: t.short for t in DATA.glossary for f in t.forms}
    abbrs = brief.select("abbr")
    assert len(abbrs) > 40
    for abbr in abbrs:
        assert abbr.get_text() in forms and abbr["title"] == forms[abbr.get_text()]
        assert abbr.find_parent(class_="ed") is None, "a tooltip inside an editorial mark"
        link = abbr.find_parent("a")
        assert link is None or not link.get_text().startswith("http"), "a tooltip inside a URL"
    for term in ("Putin", "Kuril Islands", "APEC", "sanctions", "Russian Far East", "Crimea"):
        assert brief.find("abbr", string=term) is not None, term


def test_a_term_has_its_tooltip_once_in_each_section(pages):
    article = pages["brief"].select_one("article")
    sections, current = [], []
    for el in article.descendants:
        if getattr(el, "name", None) == "h2":
            sections.append(current)
            current = []
        elif getattr(el, "name", None) == "abbr":
            current.append(el["title"])
    sections.append(current)
    assert sum(len(s) for s in sections) > 40
    for glosses in sections:
        assert len(glosses) == len(set(glosses)), "a term glossed twice in one section"
    # …and again in a later section, where a reader may arrive by a link.
    assert sum(1 for s in sections if any("Putin" in g or "Vladimir" in g for g in s)) > 3


def test_new_pages_are_in_the_navigation(pages):
    nav = [a.get_text().strip() for a in pages["brief"].select("nav.md-nav--primary a.md-nav__link")]
    for title in ("Timeline", "References", "Glossary"):
        assert title in nav


# ---- the build stops on bad data ------------------------------------------------------------


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    """A copy of what the build reads, to break."""
    return copy_project(ROOT, tmp_path / "project")


def build(project: Path) -> subprocess.CompletedProcess:
    return build_site(project, project / "site", check=False)


def test_build_stops_on_bad_data(project_copy):
    path = project_copy / "data" / "timeline.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('date: "2014-03-18"', 'date: "2014-13"'),
                    encoding="utf-8")
    result = build(project_copy)
    assert result.returncode != 0
    assert ("data/timeline.yml: event 'crimea-annexation-2014': date '2014-13' is not YYYY, YYYY-MM or "
            "YYYY-MM-DD") in result.stderr + result.stdout


def test_build_stops_on_an_unknown_marker(project_copy):
    page = project_copy / "docs" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- md:glosary -->\n", encoding="utf-8")
    result = build(project_copy)
    assert result.returncode != 0
    assert re.search(r"docs/glossary\.md:\d+: unknown marker <!-- md:glosary -->", result.stderr + result.stdout)
