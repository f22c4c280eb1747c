"""Escaping by context: a payload put into every data field and into a heading of the brief comes
out inert in every format the site generates (HTML text and attributes, the Cite panels' JSON source
that cite.js turns into markup, JSON-LD, BibTeX, CSL-JSON, CITATION.cff)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from edition import citation, exports
from edition.extension import cite_json, cite_panels
from sitetools import ROOT, build_site, copy_project

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)></noscript>}\\{'
SHORT_PAYLOAD = '"><img src=x onerror=alert(1)>}\\{'  # for the fields with a short length limit
HEADING = "## The Security Agenda { #the-security-agenda }"
ESCAPED_HEADING = "## The Security &lt;script&gt;alert(2)&lt;/script&gt; Agenda { #the-security-agenda }"


def inject(project: Path) -> None:
    """The payload in every text field of the data files. (A heading of the brief cannot take it in a
    build: the build proves the brief faithful to the source, and stops; see the test below.)"""
    def edit(name, change):
        path = project / "data" / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def cite(d):
        w, e = d["work"], d["edition"]
        for key in ("title", "title_sentence_case", "genre", "publisher", "place", "abstract"):
            w[key] = f"{w[key]} {PAYLOAD}"
        w["keywords"].append(SHORT_PAYLOAD)
        w["authors"][0]["family"] += PAYLOAD
        e["label"] = f"{e['label']} {SHORT_PAYLOAD}"  # a label of at most 80 characters
        for key in ("title", "editors"):
            e[key] = f"{e[key]} {PAYLOAD}"

    def refs(d):
        r = d["references"][0]
        r["title"] += PAYLOAD
        r["container"] += PAYLOAD
        r["authors"][0]["given"] += PAYLOAD
        r["editors_notes"] = [*(r.get("editors_notes") or []), PAYLOAD]

    def events(d):
        e = next(e for e in d["events"] if e.get("context"))
        e["title"] += PAYLOAD
        e["context"]["note"] += PAYLOAD
        e["context"]["source"] += PAYLOAD

    def terms(d):
        t = d["terms"][0]
        for key in ("term", "short", "definition"):
            t[key] += PAYLOAD

    def links(d):
        d["threads"][next(iter(d["threads"]))] += SHORT_PAYLOAD
        d["links"][0]["note"] += PAYLOAD

    edit("citation.yml", cite)
    edit("references.yml", refs)
    edit("timeline.yml", events)
    edit("glossary.yml", terms)
    edit("crosslinks.yml", links)


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("injected")
    project = copy_project(ROOT, tmp / "project")
    inject(project)
    build_site(project, tmp / "site")
    return project, tmp / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def active(page: BeautifulSoup) -> list[str]:
    """What in a page could run: inline scripts that are not data, event-handler attributes, the
    payload's image."""
    found = [f"<script>{s.string[:40]!r}" for s in page.find_all("script")
             if not s.get("src") and s.get("type") not in ("application/json", "application/ld+json")
             and "alert(" in (s.string or "")]
    found += [f"<{el.name} {a}>" for el in page.find_all(True) for a in el.attrs if a.lower().startswith("on")]
    found += [f"<img src={img['src']}>" for img in page.find_all("img", src="x")]
    return found


PAGES = ["brief", "timeline", "references", "glossary", "about-this-edition", "how-to-cite", ""]


@pytest.mark.parametrize("page", PAGES)
def test_the_payload_is_text_in_every_page(injected, built_site, page):
    _, site = injected
    html = soup(site / page / "index.html")
    assert active(html) == []
    clean = soup(built_site / page / "index.html")
    assert len(html.find_all("script")) == len(clean.find_all("script")), "a script element was added"
    if page in ("timeline", "references", "glossary"):
        assert PAYLOAD in html.get_text(), "the payload is shown as text"


def test_the_cite_panels_stay_inert_when_cite_js_reads_them(injected):
    _, site = injected
    html = (site / "brief" / "index.html").read_text(encoding="utf-8")
    holder = soup(site / "brief" / "index.html").select_one("template.ed-cite-data")
    # in a site build the page names the file of its data (edition postbuild) and holds none
    assert holder.get_text() == "" and re.fullmatch(r"cite-data\.[0-9a-f]{8}\.json", holder["data-src"])
    data = json.loads((site / "brief" / holder["data-src"]).read_text(encoding="utf-8"))
    # as the extension writes it into the page (no postbuild), nothing can end its element
    inline = cite_json(data)
    assert "<" not in inline and ">" not in inline and "&" not in inline, "the JSON could end its element"
    assert json.loads(inline) == data
    panels = cite_panels(html, site / "brief")
    assert len(panels) > 40
    for body in panels.values():
        # cite.js sets the panel's innerHTML to what it builds from the JSON: parse it as the browser would.
        inner = BeautifulSoup(body, "html.parser")
        assert active(inner) == [] and not inner.find("script")
        assert PAYLOAD in inner.get_text(), "the citations show the payload as text"



def test_json_ld_holds_the_payload_as_data(injected):
    project, site = injected
    brief = soup(site / "brief" / "index.html")
    data = json.loads(brief.find("script", type="application/ld+json").string)
    assert data["name"].endswith(PAYLOAD) and "</script>" not in brief.find("script", type="application/ld+json").string


def test_bibtex_is_parsed_whole_by_a_real_parser(injected):
    _, site = injected
    library = bibtexparser.parse_string((site / "references.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == [] and len(library.entries) == 7
    for entry in library.entries:
        assert {"title", "url", "note", "year"} <= set(entry.fields_dict), entry.key
    panels = cite_panels((site / "brief" / "index.html").read_text(encoding="utf-8"), site / "brief")
    for key, body in list(panels.items())[:5]:
        bib = BeautifulSoup(body, "html.parser").select_one("pre.ed-cite__text--code").get_text()
        lib = bibtexparser.parse_string(bib)
        assert lib.failed_blocks == [] and len(lib.entries) == 1
        # a section or paragraph also gives its page of the PDF; the whole brief (key "") none
        assert set(lib.entries[0].fields_dict) == {"author", "title", "institution", "address", "type",
                                                    "year", "month", "url", "note"} | ({"pages"} if key else set())


def test_csl_json_and_citation_cff_hold_the_payload_as_data(injected):
    project, site = injected
    items = json.loads((site / "references.json").read_text(encoding="utf-8"))
    assert any(item["title"].endswith(PAYLOAD) for item in items)
    data = citation.load(project / "data" / "citation.yml")
    cff = yaml.safe_load(exports.render_cff(data))
    assert cff["preferred-citation"]["title"].endswith(PAYLOAD)
    schema = json.loads((ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text())
    jsonschema.Draft7Validator(schema).validate(cff)


def test_tex_escapes_every_special_and_urls_cannot_break_out():
    assert exports.tex("\\ { } & % $ # _ ~ ^") == (r"\textbackslash{} \{ \} \& \% \$ \# \_ "
                                                  r"\textasciitilde{} \textasciicircum{}")
    entry = exports.bibtex_entry("misc", "k", [("url", "http://x.test/a}b{c\\d e")])
    assert "url         = {http://x.test/a%7Db%7Bc%5Cd%20e}," in entry
    assert bibtexparser.parse_string(entry).entries[0].fields_dict["url"].value == "http://x.test/a%7Db%7Bc%5Cd%20e"


def test_a_javascript_url_in_the_references_is_refused(tmp_path):
    import edition
    from edition.errors import DataError

    project = copy_project(ROOT, tmp_path / "project")
    path = project / "data" / "references.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["references"][0]["url"] = "javascript:alert(1)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=r"data/references\.yml: reference '[\w-]+': url 'javascript:alert\(1\)' "
                                        r"is not an http or https address"):
        edition.load(project)


def test_a_heading_with_an_escaped_tag_stays_text_in_the_cite_controls(tmp_path):
    """The brief's headings name its sections in the Cite controls: an escaped tag in one is text
    there, never markup (rendered by the extension alone: the build would stop on the unfaithful
    heading)."""
    import markdown

    from edition.extension import EditionExtension

    project = copy_project(ROOT, tmp_path / "project")
    brief = project / "docs" / "brief.md"
    text = brief.read_text(encoding="utf-8")
    assert HEADING in text
    brief.write_text(text.replace(HEADING, ESCAPED_HEADING), encoding="utf-8")
    # the heading's id now holds other words: recorded as the registry records a deliberate move
    registry = project / "data" / "url-registry.yml"
    held = "  the-security-agenda: The Security Agenda\n"
    assert held in registry.read_text(encoding="utf-8")
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        held, "  the-security-agenda: The Security lt script gt alert 2 lt script gt Agenda\n"), encoding="utf-8")
    body = brief.read_text(encoding="utf-8").split("---\n", 2)[2]
    out = markdown.markdown(body, extensions=["attr_list", "md_in_html", "footnotes", "toc",
                                              EditionExtension(root=str(project), site_url="https://x.test/",
                                                                               page="brief.md")])
    page = BeautifulSoup(out, "html.parser")
    assert active(page) == [] and page.find_all("script") == [] and page.select("template.ed-cite-data")
    tools = page.find(id="security-3").find_previous_sibling("div", class_="ed-tools")
    assert tools.summary["aria-label"] == "Cite The Security <script>alert(2)</script> Agenda ¶ 3"
    inner = BeautifulSoup(cite_panels(out)["security-3"], "html.parser")
    assert not inner.find("script") and "<script>alert(2)</script>" in inner.get_text()
