"""Citing: the Cite controls and permalinks of the brief, "How to cite", CITATION.cff and the page
metadata reference managers read, all from data/citation.yml."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from edition import citation, exports
from edition.errors import NotationError
from edition.extension import cite_data_file, cite_json, cite_panels
from sitetools import BRIEF_PATH, ROOT, SOURCE_PATH, build_site, compare, copy_project, run_cli, with_cite_panels

DATA = citation.load(ROOT / "data" / "citation.yml")
STYLES = ["Link", "Chicago (note)", "APA", "APA (in the text)", "MLA", "MLA (in the text)", "BibTeX"]


@pytest.fixture(scope="module")
def brief(built_site) -> BeautifulSoup:
    """The brief with its Cite panels' citations in place, as a reader who opens them reads them."""
    return with_cite_panels(built_site / "brief" / "index.html")


def site_url(built_site: Path) -> str:
    """The site_url the site was built with, read from its sitemap."""
    return re.search(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8")).group(1)


def entries(details) -> dict[str, str]:
    """A Cite panel's citations as plain text, by style."""
    out = {}
    for entry in details.select(".ed-cite__entry"):
        label = entry.select_one(".ed-cite__label").get_text()
        out[label] = " ".join(entry.select_one(".ed-cite__text").get_text().split()) if label != "BibTeX" \
            else entry.select_one(".ed-cite__text").get_text()
    return out


# ---- CITATION.cff ----------------------------------------------------------------------------


def test_citation_cff_is_valid_cff_1_2_0():
    schema = json.loads((ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text())
    document = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


def test_citation_cff_agrees_with_the_metadata_file():
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == exports.render_cff(DATA)
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    work = cff["preferred-citation"]
    assert work["title"] == DATA["work"]["title"] and work["type"] == "report"
    assert work["authors"] == [{"family-names": "Miller", "given-names": "Chris"}]
    assert (work["year"], work["month"]) == (2017, 4)
    assert work["institution"]["name"] == "The German Marshall Fund of the United States"


def test_the_check_command_catches_a_stale_citation_cff(tmp_path):
    project = copy_project(ROOT, tmp_path)
    (tmp_path / "CITATION.cff").write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("citation", "--check", cwd=project).returncode == 0
    meta = project / "data" / "citation.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("year: 2017", "year: 2016"), encoding="utf-8")
    stale = run_cli("citation", "--check", cwd=project)
    assert stale.returncode == 1 and "CITATION.cff does not match data/citation.yml" in stale.stderr
    assert run_cli("citation", "--update", cwd=project).returncode == 0
    assert "year: 2016" in (project / "CITATION.cff").read_text(encoding="utf-8")


def test_bad_citation_metadata_stops_the_build_naming_file_and_field(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    meta = project / "data" / "citation.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("  publisher: The German", "  publishr: The German"),
                    encoding="utf-8")
    with pytest.raises(AssertionError) as failed:
        build_site(project, tmp_path / "site")
    assert "data/citation.yml: `work.publisher` must be a non-empty str" in str(failed.value)


# ---- the Cite controls and permalinks --------------------------------------------------------


def test_the_author_text_is_untouched():
    source = SOURCE_PATH.read_text(encoding="utf-8")
    assert compare(BRIEF_PATH.read_text(encoding="utf-8"), source) == []


def test_every_section_and_paragraph_has_a_permalink_and_a_cite_control_before_it(brief, built_site):
    base = site_url(built_site) + "brief/"
    article = brief.select_one("article.md-content__inner")
    sections = article.find_all("h2")
    assert len(sections) == 9
    for h2 in sections:
        tools = h2.find_previous_sibling()
        assert "ed-tools--section" in tools["class"], h2["id"]
        assert entries(tools.details)["Link"] == f"{base}#{h2['id']}"
        assert h2.select_one(f'a.headerlink[href="#{h2["id"]}"]')
    paragraphs = [p for p in sections[0].find_all_next("p", id=True) if p.parent is article]
    assert len(paragraphs) >= 33
    for p in paragraphs:
        tools = p.find_previous_sibling()
        assert "ed-tools--paragraph" in tools["class"], p["id"]
        assert tools["data-editorial"] == "cite"
        link = tools.select_one("a.ed-permalink")
        assert link["href"] == f"#{p['id']}" and link.get("aria-label")
        # a page marker ([p. 5], data-editorial="page") is a mark of the text, not a tool
        assert not p.select("[data-editorial]:not(.ed-page), .ed-tools"), f"tools inside #{p['id']}"
        cites = entries(tools.details)
        assert list(cites) == STYLES
        for style in ("Chicago (note)", "APA", "MLA", "BibTeX"):
            assert f"{base}#{p['id']}" in cites[style], (p["id"], style)
    brief_tools = article.select_one(".ed-tools--brief")
    assert brief_tools.find_next_sibling() is sections[0].find_previous_sibling()
    assert entries(brief_tools.details)["Link"] == base


def test_a_paragraph_citation_in_each_style(brief, built_site):
    url = site_url(built_site) + "brief/#security-3"
    cites = entries(brief.find(id="security-3").find_previous_sibling().details)
    assert cites["Chicago (note)"] == (
        "Chris Miller, Japan–Russia Relations: The View from Moscow, Policy Brief (Washington, DC: The "
        "German Marshall Fund of the United States, April 2017), 3, “The Security Agenda,” para. 3, web "
        f"edition, {citation.version_statement(DATA['edition'])}, {url}.")
    version, day = DATA["edition"]["version"], citation.long_date(DATA["edition"]["date"])
    assert cites["APA"] == ("Miller, C. (2017). Japan–Russia relations: The view from Moscow (Policy Brief; "
                            f"web edition, version {version}, {day}). The German Marshall Fund of the "
                            f"United States. {url}")
    assert cites["APA (in the text)"] == "(Miller, 2017, p. 3, The Security Agenda section, para. 3)"
    assert cites["MLA"].startswith("Miller, Chris. Japan–Russia Relations: The View from Moscow. The German "
                                   "Marshall Fund of the United States, Apr. 2017. Policy Brief.")
    assert cites["MLA (in the text)"] == "(Miller 3, “The Security Agenda,” par. 3)"
    bib = cites["BibTeX"]
    assert bib.startswith("@techreport{miller2017japanrussia-security-3,\n") and bib.endswith("}")
    assert bib.count("{") == bib.count("}")
    assert "  month       = apr," in bib and f"  url         = {{{url}}}," in bib
    assert "  pages       = {3}," in bib  # the page of the PDF (edition.layout)
    # a heading the editors supplied is named in square brackets
    summary = entries(brief.find(id="summary-2").find_previous_sibling().details)
    assert "April 2017), [1], [Summary], para. 2" in summary["Chicago (note)"]
    # a paragraph that runs over a page end has two pages, in each style's form
    over = entries(brief.find(id="trump-4").find_previous_sibling().details)
    assert "April 2017), [4]–5, “The Trump Factor,” para. 4," in over["Chicago (note)"]
    assert over["APA (in the text)"] == "(Miller, 2017, pp. [4]–5, The Trump Factor section, para. 4)"
    assert over["MLA (in the text)"] == "(Miller [4]–5, “The Trump Factor,” par. 4)"
    assert "  pages       = {[4]--5}," in over["BibTeX"]  # [4]: inferred, not printed
    # the whole brief has no page locator
    whole = entries(brief.select_one(".ed-tools--brief details"))
    assert whole["APA (in the text)"] == "(Miller, 2017)" and "pages" not in whole["BibTeX"]


def test_cite_controls_work_without_javascript_and_stay_out_of_search(brief, built_site):
    raw = BeautifulSoup((built_site / "brief" / "index.html").read_text(encoding="utf-8"), "html.parser")
    base = site_url(built_site) + "brief/"
    panels = raw.select("details.ed-cite")
    for details in panels:
        assert details.summary.get_text() == "Cite" and details.summary.get("aria-label")
        # without JavaScript the panel gives the place's address and points to How to cite;
        # the citations themselves are in the page once, not in every panel
        fallback = details.select_one(".ed-cite__panel > noscript")
        key = details["data-cite"]
        # (both by their final address, written by the extension: no engine rewrites a <noscript>'s links)
        assert [a["href"] for a in fallback.select("a")] == [base + (f"#{key}" if key else ""), "../how-to-cite/"]
        assert not details.select(".ed-cite__entry") and not details.select("button.ed-cite__copy")
    # in a <template>, not a JSON <script>: Material's instant navigation would run that as a script;
    # in a site build the template is empty and names the file that holds the JSON (edition postbuild)
    data = raw.select("template.ed-cite-data")
    # no script in the article: the Cite loader is part of the site's one script (edition.js), no inline one
    assert raw.select("article script") == []
    assert len(data) == 1 and data[0].get_text() == ""
    file = built_site / "brief" / data[0]["data-src"]
    assert sorted(json.loads(file.read_text(encoding="utf-8"))) == sorted(d["data-cite"] for d in panels)
    # Material drops the data-search-exclude attribute once it has indexed the page; what it kept
    # out is proved on the index. Its documents are in search_index.full.json (lazy_search.py).
    index = (built_site / "search" / "search_index.full.json").read_text(encoding="utf-8")
    assert "techreport" not in json.dumps([d for d in json.loads(index)["docs"]
                                           if d["location"].startswith("brief/")])
    # cite.js is not loaded with the page: edition.js, written into the page, loads it at the first
    # reach for a panel
    own = brief.select("script[data-base]")
    assert len(own) == 1 and not own[0].has_attr("src") and "cite.js" in own[0].get_text()
    assert not brief.select('script[src$="cite.js"]') and not raw.select('script[src$="cite.js"]')
    # The controls' styles are in the page itself (the edition plugin's inline_css); an opened
    # panel's are in cite-panel.css, linked at the first reach for a control (edition.js) or at once
    # without JavaScript.
    assert any(".ed-cite__summary{" in s.get_text() for s in brief.head.find_all("style"))
    assert not any(".ed-cite__panel{position" in s.get_text() for s in brief.head.find_all("style"))
    assert [n.decode_contents() for n in brief.head.select("noscript")
            if "cite-panel" in n.decode_contents()] == [
        '<link href="../assets/stylesheets/cite-panel.css" rel="stylesheet"/>']


def test_every_cite_panel_is_built_from_the_page_data_exactly(built_site):
    """The one JSON source gives back every panel's citations as the `citations` macro renders them
    (the examples of How to cite, rendered in their page without JavaScript, are the same places)."""
    raw = (built_site / "brief" / "index.html").read_text(encoding="utf-8")
    panels = cite_panels(raw, built_site / "brief")
    how = BeautifulSoup((built_site / "how-to-cite" / "index.html").read_text(encoding="utf-8"), "html.parser")
    examples = how.select(".ed-cite-example")
    base = site_url(built_site) + "brief/"
    for example, key in zip(examples, ["", "the-security-agenda", "security-3"]):
        assert entries(example)["Link"] == base + (f"#{key}" if key else "")
        assert entries(BeautifulSoup(panels[key], "html.parser")) == entries(example), key
    # its link to How to cite is the page's address, as MkDocs writes the others
    more = BeautifulSoup(panels["security-3"], "html.parser").select_one(".ed-cite__more a")
    assert more["href"] == "../how-to-cite/" and (built_site / "how-to-cite" / "index.html").is_file()


def test_the_cite_data_file_holds_what_the_extension_puts_in_the_page(built_site):
    """The site build moves each page's Cite data into a file named by its hash (edition postbuild):
    a plain map of each panel's id to its citations, those the extension alone (no hooks, as
    Zensical would run it) writes into the page."""
    import markdown

    from edition.extension import EditionExtension

    raw = (built_site / "brief" / "index.html").read_text(encoding="utf-8")
    name = BeautifulSoup(raw, "html.parser").select_one("template.ed-cite-data")["data-src"]
    body = (built_site / "brief" / name).read_bytes()
    assert re.fullmatch(r"cite-data\.[0-9a-f]{8}\.json", name)
    assert name == f"cite-data.{hashlib.sha256(body).hexdigest()[:8]}.json", "named by its content"
    text = BRIEF_PATH.read_text(encoding="utf-8").split("---\n", 2)[2]
    inline = markdown.markdown(text, extensions=["attr_list", "md_in_html", "footnotes", "toc", EditionExtension(
        root=str(ROOT), site_url=site_url(built_site), page="brief.md")])
    assert 'data-src=' not in inline and len(re.findall(r'class="ed-cite-data"', inline)) == 1
    from_file, from_page = cite_panels(raw, built_site / "brief"), cite_panels(inline)
    assert len(from_file) > 40 and from_file == from_page
    assert json.loads(body) == from_file, "the file is the plain map the panels read"


@pytest.mark.parametrize("fault, message", [
    ("{{ json|safe }}</template>\n<template class=\"ed-cite-data\">{}",
     r"brief/index\.html: the page has 2 Cite data elements \(template\.ed-cite-data\); its Cite panels read one"),
    ("{{ json|safe }},", r"brief/index\.html: the Cite data \(template\.ed-cite-data\) is not JSON: "),
])
def test_a_bad_cite_data_element_stops_the_build_naming_the_page(tmp_path, fault, message):
    # named as the built page: `edition postbuild` moves the data out of any engine's output
    project = copy_project(ROOT, tmp_path / "project")
    partial = project / "overrides" / "partials" / "cite.html"
    text = partial.read_text(encoding="utf-8")
    assert text.count("{{ json|safe }}") == 1
    partial.write_text(text.replace("{{ json|safe }}", fault), encoding="utf-8")
    result = build_site(project, tmp_path / "site", check=False)
    assert result.returncode != 0
    assert re.search(message, result.stdout + result.stderr), result.stdout + result.stderr
    assert not list((tmp_path / "site" / "brief").glob("cite-data.*.json")), "no data file for a bad page"


def test_the_cite_data_is_a_plain_map_that_cannot_end_its_element(tmp_path):
    panels = {"": "<p>A</p>", "p-1": "<p>B &amp; </template><script>x()</script></p>"}
    text = cite_json(panels)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == panels
    # a data element that is JSON but no such map stops the build (edition postbuild), naming the page
    for data in ('["<p>A</p>"]', '{"p-1": ["<p>A</p>"]}'):
        with pytest.raises(NotationError, match=r"^brief/index\.html: the Cite data \(template\.ed-cite-data\) is not "
                                                r"the panels' data \(a map of each panel's id to its citations' HTML\)$"):
            cite_data_file(f'<template class="ed-cite-data">{data}</template>', "brief/index.html")
    # and the panels read from a data file that is no such map name the file
    page = '<template class="ed-cite-data" data-src="cite-data.0.json"></template>'
    for data, problem in (('["<p>A</p>"]', "not a map of each panel's id"), ("{", "not JSON")):
        (tmp_path / "cite-data.0.json").write_text(data, encoding="utf-8")
        with pytest.raises(NotationError, match=f"^{re.escape(str(tmp_path / 'cite-data.0.json'))}: {problem}"):
            cite_panels(page, tmp_path)


def test_how_to_cite_gives_examples_from_the_same_metadata(built_site):
    page = BeautifulSoup((built_site / "how-to-cite" / "index.html").read_text(encoding="utf-8"), "html.parser")
    examples = page.select(".ed-cite-example")
    assert len(examples) == 4
    texts = [entries(e) for e in examples]
    assert texts[0]["Link"] == site_url(built_site) + "brief/"
    assert texts[2]["Link"] == site_url(built_site) + "brief/#security-3"
    assert texts[3]["Chicago (bibliography)"].startswith("Miller, Chris. Japan–Russia Relations")


# ---- metadata in the page head ---------------------------------------------------------------


def meta(soup, **attrs) -> list[str]:
    return [m["content"] for m in soup.find_all("meta", attrs=attrs)]


def test_the_brief_carries_highwire_dublin_core_open_graph_and_json_ld(brief, built_site):
    """Highwire describes the brief, the work cited; Dublin Core, Open Graph and JSON-LD this page,
    the edition, which JSON-LD bases on the brief (tests/test_metadata.py: what Zotero reads)."""
    url = site_url(built_site) + "brief/"
    work, edition = DATA["work"], DATA["edition"]
    assert meta(brief, name="citation_title") == [work["title"]]
    assert meta(brief, name="citation_author") == ["Miller, Chris"]
    assert meta(brief, name="citation_publication_date") == ["2017"]  # Scholar: a full date or the year alone
    assert meta(brief, name="citation_technical_report_institution") == [work["publisher"]]
    assert meta(brief, name="citation_publisher") == meta(brief, name="citation_public_url") == []
    assert meta(brief, name="prism.edition") == [f"web edition, {citation.version_statement(edition)}"]
    assert meta(brief, name="DC.title") == [edition["title"]] and meta(brief, name="DC.date") == [edition["date"]]
    assert meta(brief, name="DC.identifier") == [url]
    assert meta(brief, property="og:url") == [url] and meta(brief, property="og:type") == ["article"]
    ld = json.loads(brief.find("script", type="application/ld+json").string)
    assert ld["@type"] == "WebPage" and ld["name"] == edition["title"] and ld["url"] == url
    assert ld["isBasedOn"]["author"][0]["familyName"] == "Miller"
    assert ld["isBasedOn"]["publisher"]["name"] == work["publisher"] and "publisher" not in ld
    assert brief.find("link", rel="canonical")["href"] == url


def test_every_page_has_its_own_description_canonical_url_and_open_graph(built_site):
    base = site_url(built_site)
    sitemap = set(re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8")))
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").as_posix()
        if rel.startswith("."):
            continue
        front = yaml.safe_load(md.read_text(encoding="utf-8").split("---\n")[1])
        assert front.get("description"), f"docs/{rel}: no `description:` in its front matter"
        url = rel[:-3] + "/" if rel != "index.md" else ""
        page = BeautifulSoup((built_site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert meta(page, name="description") == [" ".join(front["description"].split())], rel
        assert page.find("link", rel="canonical")["href"] == base + url, rel
        assert meta(page, property="og:url") == [base + url], rel
        assert base + url in sitemap, rel


def test_robots_txt_points_at_the_sitemap(built_site):
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {site_url(built_site)}sitemap.xml" in robots.splitlines()
