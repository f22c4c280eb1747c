"""The bibliography downloads are valid for the real tools that read them.

references.bib, as the built site serves it, goes through biber (Debian's, in tool mode with its
data model validated): no WARN or ERROR line. references.json is valid against the CSL data schema
(tests/data/csl-data.json) and citeproc-js (tests/js, pinned) renders every entry cleanly in the
CSL project's Chicago (notes and bibliography), APA and MLA styles (tests/data/csl/): no style
error, no "undefined", author, title, year and URL present, no name printed twice. Each check is
shown catching the fault it is for, on data with that fault. scripts/install-test-tools
(run by scripts/test) installs biber and citeproc-js.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

import edition
from edition import exports
from edition.errors import DataError
from sitetools import ROOT, copy_project

DATA = edition.load(ROOT)
CSL_DIR = ROOT / "tests" / "data" / "csl"
STYLES = ["chicago-note-bibliography", "apa", "modern-language-association"]
RENDER = ROOT / "tests" / "js" / "render.mjs"
INSTALL = "run scripts/install-test-tools (scripts/test does)"


# ---- the tools ------------------------------------------------------------------------------


def biber_problems(bib: str, tmp_path: Path) -> tuple[list[str], str]:
    """biber's WARN and ERROR lines on a BibTeX file, and the file biber wrote from it."""
    if not shutil.which("biber"):
        pytest.fail(f"biber is not installed: {INSTALL}")
    (tmp_path / "references.bib").write_text(bib, encoding="utf-8")
    run = subprocess.run(["biber", "--tool", "--validate-datamodel", "--nolog", "--output-file",
                          "out.bib", "references.bib"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120)
    lines = (run.stdout + run.stderr).splitlines()
    problems = [line for line in lines if re.match(r"(WARN|ERROR)\b", line)]
    if run.returncode and not problems:
        problems = [f"biber exited {run.returncode}: {run.stderr.strip()}"]
    out = tmp_path / "out.bib"
    return problems, out.read_text(encoding="utf-8") if out.exists() else ""


def render(items: list[dict], tmp_path: Path) -> dict:
    """citeproc-js's bibliography of `items` in each style: {style: {"entries": {id: text}, "errors"}}."""
    if not shutil.which("node") or not (ROOT / "tests" / "js" / "node_modules" / "citeproc").is_dir():
        pytest.fail(f"node or citeproc-js (tests/js/node_modules) is missing: {INSTALL}")
    path = tmp_path / "references.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(["node", str(RENDER), str(path), str(CSL_DIR / "locales-en-US.xml"),
                          *(str(CSL_DIR / f"{s}.csl") for s in STYLES)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def schema_errors(items: list[dict]) -> list[str]:
    """Where references.json breaks the CSL data schema: 'item N (id) field: message'."""
    schema = json.loads((ROOT / "tests" / "data" / "csl-data.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    out = []
    for err in jsonschema.Draft7Validator(schema).iter_errors(items):
        path = list(err.absolute_path)
        where = f"item {path[0]} ({items[path[0]].get('id')})" if path else "top level"
        out.append(f"{where} {'/'.join(map(str, path[1:]))}: {err.message}")
    return out


def entry_problems(item: dict, text: str) -> list[str]:
    """What is wrong with one rendered bibliography entry of a CSL-JSON item."""
    problems = [f"'{bad}' in the entry" for bad in ("[CSL STYLE ERROR", "undefined", "n.d.") if bad in text]
    low = text.casefold()
    if item["title"].casefold() not in low:
        problems.append("the title is missing")
    for name in item.get("author", []):
        if (name.get("family") or name.get("literal", "")).casefold() not in low:
            problems.append(f"the author {name} is missing")
    if "issued" not in item:
        problems.append("the item has no date")
    elif str(item["issued"]["date-parts"][0][0]) not in text:
        problems.append("the year is missing")
    if item["URL"] not in text:
        problems.append(f"the URL {item['URL']} is missing")
    names = {item.get("container-title"), item.get("publisher"),
             *(a.get("literal") for a in item.get("author", []))} - {None}
    rest = low.replace(item["URL"].casefold(), " ")  # a name in the address is not a name printed
    for name in sorted(names):
        if rest.count(name.casefold()) > 1:
            problems.append(f"'{name}' printed {rest.count(name.casefold())} times")
    return problems


def rendering_problems(items: list[dict], tmp_path: Path) -> list[str]:
    """Every problem of every entry in every style, as 'style, id: problem'."""
    by_id = {i["id"]: i for i in items}
    out = []
    for style, result in render(items, tmp_path).items():
        out += [f"{style}: {e}" for e in result["errors"]]
        if sorted(result["entries"]) != sorted(by_id):
            out.append(f"{style}: rendered {sorted(result['entries'])}, not {sorted(by_id)}")
        for rid, text in result["entries"].items():
            out += [f"{style}, {rid}: {p} in “{text}”" for p in entry_problems(by_id[rid], text)]
    return out


@pytest.fixture(scope="module")
def served(built_site) -> dict[str, str]:
    """The downloads as the built site serves them."""
    return {name: (built_site / name).read_text(encoding="utf-8")
            for name in ("references.bib", "references.json")}


# ---- BibTeX, read by biber ------------------------------------------------------------------


def test_biber_reads_every_entry_without_a_warning(served, tmp_path):
    problems, out = biber_problems(served["references.bib"], tmp_path)
    assert problems == []
    assert sorted(re.findall(r"^@\w+\{([\w-]+),$", out, re.M)) == sorted(DATA.references)
    # the unsigned newspaper article: a @misc that names its newspaper, sortable by its key
    unsigned = served["references.bib"].split("@misc{japan-times-2016,")[1].split("\n}")[0]
    assert "  howpublished = {The Japan Times}," in unsigned
    assert "  key         = {Abe hopes investment in Far East will aid progress on Russia peace talks}," in unsigned
    assert "author" not in unsigned


def test_biber_catches_an_article_without_an_author(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "bibtex_type", lambda r: r.bibtex_type)  # the unsigned one an @article
    problems, _ = biber_problems(exports.references_bibtex(DATA.references, DATA.citation), tmp_path)
    assert problems == ["WARN - Datamodel: Entry 'japan-times-2016' (references.bib): "
                        "Missing mandatory field 'author'"]


def test_biber_catches_a_field_its_data_model_does_not_know(tmp_path):
    bib = exports.references_bibtex(DATA.references, DATA.citation)
    bib = bib.replace("  journal     = {The Diplomat},", "  journal     = {The Diplomat},\n  publsher = {X},")
    problems, _ = biber_problems(bib, tmp_path)
    assert len(problems) == 1 and "Entry 'kucera-2014'" in problems[0] and "publsher" in problems[0], problems


# ---- CSL-JSON: the schema, and citeproc-js in three styles ---------------------------------


def test_csl_json_is_valid_against_the_csl_data_schema(served):
    assert schema_errors(json.loads(served["references.json"])) == []


def test_the_schema_catches_a_malformed_item(served):
    items = json.loads(served["references.json"])
    items[1]["container_title"] = items[1].pop("container-title")
    items[2]["author"] = [{"name": "Ministry"}]
    errors = schema_errors(items)
    assert len(errors) == 2, errors
    assert errors[0].startswith("item 1 (pinchuk-2015) : Additional properties are not allowed ('container_title'")
    assert errors[1].startswith("item 2 (russia-mfa-2016) author/0: ")


def test_citeproc_renders_every_entry_cleanly_in_chicago_apa_and_mla(served, tmp_path):
    items = json.loads(served["references.json"])
    assert {i["id"]: i["URL"] for i in items} == {r.id: r.url for r in DATA.references.values()}
    assert rendering_problems(items, tmp_path) == []
    entries = render(items, tmp_path)
    assert entries["chicago-note-bibliography"]["entries"]["miller-2016"] == (
        "Miller, Chris. “U.S.–Russian Relations in the Next Presidency.” The German Marshall Fund of the "
        "United States, December 2016. http://www.gmfus.org/publications/us-russian-relations-next-presidency.")
    assert entries["modern-language-association"]["entries"]["japan-times-2016"].startswith(
        "“Abe Hopes Investment in Far East Will Aid Progress on Russia Peace Talks.” The Japan Times, 4 Dec. 2016, ")


def test_the_render_check_catches_a_publisher_printed_twice_and_a_missing_date(served, tmp_path):
    items = json.loads(served["references.json"])
    miller = next(i for i in items if i["id"] == "miller-2016")
    miller["container-title"] = miller["publisher"]  # the old data: container = publisher
    del next(i for i in items if i["id"] == "kucera-2014")["issued"]
    problems = rendering_problems(items, tmp_path)
    twice = [p for p in problems if "'The German Marshall Fund of the United States' printed 2 times" in p]
    assert sorted(p.split(":")[0] for p in twice) == sorted(f"{s}, miller-2016" for s in STYLES), problems
    undated = [p.split(" in “")[0] for p in problems if "kucera-2014" in p]
    assert undated == [  # MLA leaves an undated item's date out; Chicago and APA print "n.d."
        "chicago-note-bibliography, kucera-2014: 'n.d.' in the entry",
        "chicago-note-bibliography, kucera-2014: the item has no date",
        "apa, kucera-2014: 'n.d.' in the entry", "apa, kucera-2014: the item has no date",
        "modern-language-association, kucera-2014: the item has no date"], undated
    assert len(problems) == len(twice) + len(undated), problems


def test_the_entry_check_names_each_fault():
    item = {"id": "x", "title": "A Title", "author": [{"family": "Writer", "given": "Ann"}],
            "container-title": "The Paper", "issued": {"date-parts": [[2016, 5, 1]]}, "URL": "http://example.org/a"}
    assert entry_problems(item, "Writer, Ann. “A Title.” The Paper, May 1, 2016. http://example.org/a.") == []
    assert entry_problems(item, "Writer, Ann. “A Title.” The Paper, n.d. [CSL STYLE ERROR: x] undefined") == [
        "'[CSL STYLE ERROR' in the entry", "'undefined' in the entry", "'n.d.' in the entry",
        "the year is missing", "the URL http://example.org/a is missing"]
    assert entry_problems(item, "“Untitled.” The Paper. The Paper, 2016. http://example.org/a") == [
        "the title is missing", "the author {'family': 'Writer', 'given': 'Ann'} is missing",
        "'The Paper' printed 2 times"]


# ---- the data, and the page the reader gets -------------------------------------------------


def test_the_build_refuses_a_publisher_that_repeats_the_container(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    path = project / "data" / "references.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    miller = next(e for e in data["references"] if e["id"] == "miller-2016")
    miller["container"] = miller["publisher"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        edition.load(project)
    assert str(exc.value) == ("data/references.yml: reference 'miller-2016': 'publisher' repeats 'container' "
                              "('The German Marshall Fund of the United States'): every citation style "
                              "would print it twice; give it once")


def test_the_references_page_prints_the_publisher_once(built_site):
    page = BeautifulSoup((built_site / "references" / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(page.find(id="miller-2016").p.get_text().split())
    assert text == ("Miller, Chris. “U.S.–Russian Relations in the Next Presidency.” The German Marshall Fund "
                    "of the United States, December 2016. "
                    "http://www.gmfus.org/publications/us-russian-relations-next-presidency.")


# ---- the brief's own citation ---------------------------------------------------------------


def test_the_briefs_bibtex_credits_gmf_with_the_report_and_names_the_edition_it_was_read_in(tmp_path):
    """The BibTeX of the brief's Cite control, read by biber and bibtexparser: a @techreport of its
    institution, GMF; this edition only where it was read (`url`, and `note` with its version),
    with no publisher, organization, editor or howpublished that could credit GMF with it."""
    import bibtexparser

    url = "https://x.test/brief/"
    bib = exports.cite_bibtex(DATA.citation, "", url, exports.bibtex_note(DATA.citation, {"kind": "brief", "para": None}))
    problems, _ = biber_problems(bib, tmp_path)
    assert problems == []
    library = bibtexparser.parse_string(bib)
    assert library.failed_blocks == [] and len(library.entries) == 1
    entry = library.entries[0]
    fields = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == "techreport"
    assert fields["institution"] == DATA.citation["work"]["publisher"]
    assert not {"publisher", "organization", "editor", "howpublished"} & set(fields)
    assert fields["url"] == url
    assert fields["note"] == f"Web edition, version {DATA.citation['edition']['version']} " \
                             f"({edition.citation.long_date(DATA.citation['edition']['date'])})"
