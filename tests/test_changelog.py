"""The edition's version, date and change log: data/changelog.yml agrees with data/citation.yml,
its faults stop the load with a named error, and what a reader gets says which version this is
(About this edition, every Cite panel, How to cite, the Changes page, CITATION.cff); the method
text says exactly what is restored, conjectured and lost, counted from the marks."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

import edition
from edition import citation, data
from edition.errors import EditionError
from edition import registry as url_registry
from sitetools import ROOT, copy_project, with_cite_panels
from test_validation import load_error, real

DATA = citation.load(ROOT / "data" / "citation.yml")
EDITION = DATA["edition"]
STATEMENT = citation.version_statement(EDITION)  # version 1.4 (December 7, 2026)
WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def page(built_site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def counts() -> Counter:
    return Counter(iv.kind for iv in edition.load(ROOT).doc.interventions)


# ---- the data ----------------------------------------------------------------------------------


def test_the_changelog_validates_and_its_newest_version_is_the_editions():
    versions = edition.load(ROOT).changelog
    assert [v.version for v in versions][:1] == [EDITION["version"]]
    assert versions[0].date == EDITION["date"]
    assert [v.key for v in versions] == sorted({v.key for v in versions}, reverse=True)
    assert [v.date for v in versions] == sorted((v.date for v in versions), reverse=True)
    assert STATEMENT == f"version {EDITION['version']} ({citation.long_date(EDITION['date'])})"
    assert re.fullmatch(r"version \d+\.\d+(\.\d+)? \([A-Z][a-z]+ \d{1,2}, \d{4}\)", STATEMENT)


def test_every_id_the_changelog_adds_is_registered():
    registry = url_registry.load_registry(ROOT / "data" / "url-registry.yml")
    for v in edition.load(ROOT).changelog:
        for entry in v.added:
            assert entry["page"] in registry, (v.version, entry)
            assert set(entry.get("ids", [])) <= set(registry[entry["page"]]), (v.version, entry)


def test_the_cff_url_is_the_default_site_url_of_mkdocs_yml():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = re.search(r'^site_url: .*!ENV \[SITE_URL, "([^"]+)"\]$', config, re.M)
    assert default and EDITION["url"] == default.group(1)


SCHEMA = "scripts/edition/schema/changelog.schema.json"
V14, V13, V11 = ("data/changelog.yml: version '1.4'", "data/changelog.yml: version '1.3'",
                 "data/changelog.yml: version '1.1'")
SUMMARY_13 = "    summary: >-\n      One account of the pages"
RENAMED_12 = "        - {page: /brief/, from: introduction-3, to: introduction-2}\n"


def first(pattern: str, new: str, text: str) -> str:
    """`text` with the first match of `pattern` (a regular expression, multiline) replaced by `new`."""
    return re.sub(pattern, lambda _: new, text, count=1, flags=re.M)


CHANGELOG_FAULTS = [  # id, mutation of data/changelog.yml's text, the message (a regular expression)
    # what the loader checks (real days, order, the other files)
    ("duplicate version", lambda s: s.replace('version: "1.0"', 'version: "1.1"'),
     r"data/changelog.yml: version '1.1': the version stands twice"),
    ("bad date", lambda s: s.replace('date: "2026-11-25"\n    summary: >-\n      The first',
                                     'date: "2026-02-30"\n    summary: >-\n      The first'),
     r"data/changelog.yml: version '1.0': `date` must be a real date written YYYY-MM-DD "
     r"\(found '2026-02-30'\)"),
    ("unquoted date that is no day", lambda s: s.replace('date: "2026-12-07"', "date: 2026-13-25", 1),
     r"data/changelog.yml: version '1.4': `date` must be a real date written YYYY-MM-DD "
     r"\(found '2026-13-25'\)"),
    ("out of order", lambda s: s.replace('version: "1.0"', 'version: "1.9"'),
     r"data/changelog.yml: version '1.9': out of order: versions go newest first, and 1.9 comes "
     r"after 1.1"),
    ("an older version dated later", lambda s: s.replace(
        'date: "2026-11-25"\n    summary: >-\n      The first', 'date: "2026-11-26"\n    summary: >-\n      The first'),
     r"data/changelog.yml: version '1.0': dated 2026-11-26, after the newer version 1.1 \(2026-11-25\)"),
    ("a page that is none", lambda s: s.replace("- page: /changes/", "- page: /chnages/"),
     r"data/changelog.yml: version '1.1': `ids.added` entry 1: page '/chnages/' is neither a page "
     r"of docs/ nor registered in data/url-registry.yml"),
    ("a rename without its redirect", lambda s: s.replace(
        '      renamed: []\n      removed: []\n\n  - version: "1.0"',
        '      renamed:\n        - {page: /brief/, from: security-3, to: security-3a}\n      removed: []\n\n'
        '  - version: "1.0"', 1),
     r"data/changelog.yml: version '1.1': `ids.renamed` entry 1: /brief/#security-3 → #security-3a is "
     r"not declared in data/id-redirects.yml: a renamed id needs its redirect"),
    # what the schema states
    ("unquoted version", lambda s: s.replace('version: "1.4"', "version: 1.4"),
     r"data/changelog.yml: entry #1: `version` must be numbers joined by dots, in quotes, like "
     r"\"1.1\" \(found 1.4\)"),
    ("a version that is not numbers", lambda s: s.replace('version: "1.4"', 'version: "1.4b"'),
     r"data/changelog.yml: version '1.4b': `version` must be numbers joined by dots, in quotes, like "
     r"\"1.1\" \(found '1.4b'\)"),
    ("a version with a line break after it", lambda s: s.replace('version: "1.4"', 'version: "1.4\\n"'),
     r"data/changelog.yml: version '1.4\\n': `version` must be numbers joined by dots, in quotes, like "
     r"\"1.1\" \(found '1.4\\n'\)"),
    ("a date in words", lambda s: s.replace('date: "2026-12-07"', 'date: "7 December 2026"'),
     rf"{V14}: `date` must be a real date written YYYY-MM-DD \(found '7 December 2026'\)"),
    ("unknown field", lambda s: s.replace("    apparatus:", "    aparatus:", 1),
     r"data/changelog.yml: version '1.4': unknown field 'aparatus' \(known: apparatus, date, ids, "
     r"summary, text, version\)"),
    ("missing date", lambda s: s.replace('    date: "2026-12-07"\n', "", 1),
     r"data/changelog.yml: version '1.4': missing required field 'date'"),
    ("an entry that is not a mapping", lambda s: s.replace('  - version: "1.4"\n', '  - "1.4"\n  - version: "1.4"\n'),
     r"data/changelog.yml: entry #1: expected a mapping of fields"),
    ("a zero-width space", lambda s: s.replace("One engine:", "One\u200b engine:"),
     r"data/changelog.yml: version '1.1': `apparatus` item 1 contains U\+200B ZERO WIDTH SPACE \(bidi "
     r"controls and zero-width characters are not allowed in display text\)"),
    ("a no-break space", lambda s: s.replace("One engine:", "One\u00a0engine:"),
     rf"{V11}: `apparatus` item 1 contains U\+00A0 NO-BREAK SPACE \(control characters and spaces "
     r"other than the plain one are not allowed in display text\)"),
    ("an over-long entry", lambda s: s.replace("One engine:", "One engine: " + "x" * 600),
     rf"{V11}: `apparatus` item 1 is \d+ characters long, over its limit of 600 \(see {SCHEMA}\)"),
    ("an over-long summary", lambda s: s.replace(SUMMARY_13, SUMMARY_13 + " x" * 200),
     rf"{V13}: `summary` is \d+ characters long, over its limit of 400 \(see {SCHEMA}\)"),
    ("a blank summary", lambda s: first(r"    summary: >-\n(      .*\n)+", '    summary: " \\t "\n', s),
     rf"{V14}: `summary` is empty"),
    ("a summary that is a number", lambda s: first(r"    summary: >-\n(      .*\n)+", "    summary: 12\n", s),
     rf"{V14}: `summary` should be str, not int"),
    ("a summary of two lines", lambda s: first(r"    summary: >-\n(      .*\n)+", '    summary: "One\\nTwo"\n', s),
     rf"{V14}: `summary` must be one line"),
    ("a summary of a zero-width space", lambda s: first(r"    summary: >-\n(      .*\n)+", '    summary: "\u200b "\n', s),
     rf"{V14}: `summary` contains U\+200B ZERO WIDTH SPACE .*"),
    ("an empty text item", lambda s: s.replace("    text:\n      - >-\n        One emendation policy",
                                               '    text:\n      - "  "\n      - >-\n        One emendation policy'),
     rf"{V13}: `text` item 1 is empty"),
    ("a text that is no list", lambda s: first(r"    text:\n(      .*\n|\n)+", "    text: One policy\n", s),
     rf"{V13}: `text` must be a list of texts \(an empty list: \[\]\) \(found 'One policy'\)"),
    ("an item that is no text", lambda s: s.replace("    text:\n      - >-\n        One emendation policy",
                                                    "    text:\n      - 12\n      - >-\n        One emendation policy"),
     rf"{V13}: `text` item 1 must be a text \(found 12\)"),
    ("ids without renamed", lambda s: s.replace("      renamed: []\n      removed: []\n\n  - version: \"1.2\"",
                                                "      removed: []\n\n  - version: \"1.2\""),
     rf"{V13}: `ids`: missing required field 'renamed'"),
    ("ids that are no mapping", lambda s: first(r"    ids:\n(      .*\n)+", "    ids: []\n", s),
     rf"{V14}: `ids` must be a mapping with `added`, `renamed` and `removed` \(and, if any, `moved`\), each a "
     r"list \(an empty list: \[\]\) \(found \[\]\)"),
    ("an added entry without its page", lambda s: s.replace("        - page: /about-this-edition/\n          ids: [claims]",
                                                            "        - ids: [claims]", 1),
     rf"{V13}: `ids.added` entry 1: missing required field 'page'"),
    ("an added id with a space", lambda s: s.replace("ids: [claims]", "ids: [claims, the claims]"),
     rf"{V13}: `ids.added` entry 1: `ids` item 2 must be an id \(letters, digits, '-', '_', ':', '.'\) "
     r"\(found 'the claims'\)"),
    ("a rename with a fourth field", lambda s: s.replace(RENAMED_12, RENAMED_12[:-2] + ", why: merged}\n"),
     r"data/changelog.yml: version '1.2': `ids.renamed` entry 1: unknown field 'why' \(known: from, page, to\)"),
    ("a rename without its new id", lambda s: s.replace(RENAMED_12, RENAMED_12.replace(", to: introduction-2", "")),
     r"data/changelog.yml: version '1.2': `ids.renamed` entry 1: missing required field 'to'"),
    ("an over-long moved", lambda s: s.replace("          Timeline: each year's id", "          Timeline: " + "y" * 600),
     rf"{V11}: `ids.moved` item 1 is \d+ characters long, over its limit of 600 \(see {SCHEMA}\)"),
    ("a bidi override in removed", lambda s: s.replace("#introduction-3 (merged", "#introduction-3 \u202e(merged"),
     r"data/changelog.yml: version '1.2': `ids.removed` item 1 contains U\+202E RIGHT-TO-LEFT OVERRIDE .*"),
    ("an unknown top-level key", lambda s: s + "notes: []\n",
     r"data/changelog.yml: unknown top-level key 'notes' \(known: versions\)"),
    ("no versions", lambda s: s[:s.index("versions:")] + "versions: []\n",
     r"data/changelog.yml: expected a mapping with `versions:`, a list of one entry per version"),
    ("no list", lambda s: s[:s.index("versions:")] + "versions:\n  version: \"1.4\"\n",
     r"data/changelog.yml: expected a mapping with `versions:`, a list of one entry per version"),
]


@pytest.mark.parametrize("mutate, message", [(m, e) for _, m, e in CHANGELOG_FAULTS],
                         ids=[name for name, _, _ in CHANGELOG_FAULTS])
def test_a_fault_in_the_changelog_stops_the_load_naming_it(tmp_path, mutate, message):
    text = (ROOT / "data" / "changelog.yml").read_text(encoding="utf-8")
    mutated = mutate(text)
    assert mutated != text, "the mutation did not apply"
    found = load_error(tmp_path, "changelog.yml", mutated)
    assert re.fullmatch(message, found), found


def test_the_changelog_limits_are_the_schemas():
    """Each text of a version is held to the limit its schema states, counted as shown."""
    schema = data.ENTRY_SCHEMAS["changelog.yml"]
    entry = schema["$defs"]["version"]["properties"]
    assert entry["summary"]["maxLength"] == 400
    assert schema["$defs"]["texts"]["items"]["maxLength"] == 600
    for field in ("text", "apparatus"):
        assert entry[field] == {"$ref": "#/$defs/texts"}
    for field in ("moved", "removed"):
        assert entry["ids"]["properties"][field] == {"$ref": "#/$defs/texts"}


CITATION_FAULTS = [
    ('version: "1.4"', 'version: "1.4b"',
     r"data/citation.yml: `edition.version` must be numbers joined by dots, like \"1.1\" \(found '1.4b'\)"),
    ('version: "1.4"', "version: 1.4",
     r"data/citation.yml: `edition.version` must be a non-empty str \(found 1.4\)"),
    ('date: "2026-12-07"', 'date: "7 December 2026"',
     r"data/citation.yml: `edition.date` must be a real date written YYYY-MM-DD \(found '7 December 2026'\)"),
    ("url: https://example.github.io/japan-russia-view-from-moscow/",
     "url: https://example.github.io/japan-russia-view-from-moscow",
     r"data/citation.yml: `edition.url` must be an http\(s\) address ending in / \(found .*\)"),
    ('version: "1.4"', 'version: "1.5"',
     r"data/changelog.yml: the newest version is 1.4 of 2026-12-07, but data/citation.yml gives "
     r"`edition.version` 1.5 and `edition.date` 2026-12-07: the two must agree"),
    ('date: "2026-12-07"', 'date: "2026-12-08"',
     r"data/changelog.yml: the newest version is 1.4 of 2026-12-07, but data/citation.yml gives "
     r"`edition.version` 1.4 and `edition.date` 2026-12-08: the two must agree"),
]


@pytest.mark.parametrize("old, new, message", CITATION_FAULTS)
def test_a_bad_version_date_or_url_in_citation_yml_stops_the_load(tmp_path, old, new, message):
    """data/citation.yml changed alone (in a temporary data/ folder), then read with the real change
    log, the registry, the redirects and the pages, as edition.load reads them."""
    text = (ROOT / "data" / "citation.yml").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "data" / "citation.yml"
    path.parent.mkdir()
    path.write_text(text.replace(old, new), encoding="utf-8")
    ed = real()
    with pytest.raises(EditionError) as failed:
        cite = citation.load(path)
        citation.load_changelog(ROOT / "data" / "changelog.yml", cite["edition"], ed.registry,
                                ed.id_redirects, list(ed.pages))
    assert re.fullmatch(message, str(failed.value)), str(failed.value)


# ---- what a reader gets ------------------------------------------------------------------------


def test_about_shows_the_version_its_date_and_what_is_restored_conjectured_and_lost(built_site):
    about = page(built_site, "about-this-edition")
    status = about.select_one("article .ed-status")
    text = " ".join(status.get_text().split())
    assert f"Version {EDITION['version']} of this edition, released {citation.long_date(EDITION['date'])}." in text
    assert status.find("time")["datetime"] == EDITION["date"]
    assert status.find("a", string="Changes")["href"] == "../changes/"
    n = counts()
    assert (n["restored"], n["conjecture"], n["gap"]) == (1, 3, 1)  # what the method pages describe
    assert f"restores {n['restored']} passage from the place where the brief itself repeats it" in text
    assert f"in {n['conjecture']} places the words are lost and the editors offer a conjecture" in text
    assert f"in {n['gap']} place the words are lost and no conjecture is offered" in text
    assert "The edition does not restore the full text" in text
    # the kinds list below gives the same counts
    for kind in ("restored", "conjecture", "gap"):
        assert about.find(id=f"kind-{kind}").select_one(".ed-count").get_text() == f"({n[kind]})"


def test_about_ends_with_responsibility_and_rights(built_site):
    about = page(built_site, "about-this-edition")
    headings = about.select("article h2")
    assert headings[-1]["id"] == "responsibility"
    section = " ".join(" ".join(h.find_next("p").get_text().split())
                       for h in about.select("article h3[id^=responsibility], article h3#report-an-error"))
    assert "The text is Chris Miller's" in section and "The editors claim no rights in the text" in section
    assert "The editors of this edition are responsible for it" in section
    assert "The repository states no licence" in section and "reserve all rights in the apparatus" in section
    assert "Report an error" in section
    registry = url_registry.load_registry(ROOT / "data" / "url-registry.yml")
    assert {"responsibility", "responsibility-text", "responsibility-apparatus",
            "report-an-error"} <= set(registry["/about-this-edition/"])


def test_home_says_what_is_restored_conjectured_and_lost_in_the_models_numbers(built_site):
    home = " ".join(page(built_site, ".").select_one("article .home-adds").get_text().split())
    n = counts()
    assert f"{WORDS[n['restored']].capitalize()} passage of a pull-quote is restored" in home
    assert f"in {WORDS[n['conjecture']]} places the editors offer a conjecture" in home
    assert f"in {WORDS[n['gap']]} place the loss stays a gap" in home


def test_home_gives_the_briefs_length_in_words_and_minutes(built_site):
    from edition import fidelity

    source = (ROOT / "source" / "japan-russia-view-from-moscow.extracted.txt").read_text(encoding="utf-8")
    words = len(fidelity.source_words(source))
    shown = page(built_site, ".").select_one(".home-read-time").get_text()
    assert shown == f"{round(words, -2):,} words, about {round(words / 200)} minutes", (shown, words)


def test_no_page_claims_the_full_text_is_restored(built_site):
    for html in built_site.rglob("*.html"):
        text = " ".join(BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").get_text().split())
        assert not re.search(r"(?<!not )restores? the (full|whole|complete) text", text), html


def panel_entries(details) -> dict[str, str]:
    """A Cite panel's citations, as cite.js builds them from the page's data (sitetools.with_cite_panels)."""
    return {e.select_one(".ed-cite__label").get_text(): " ".join(e.select_one(".ed-cite__text").get_text().split())
            for e in details.select(".ed-cite__entry")}


def test_every_cite_panel_gives_the_version_and_date_in_every_reference_style(built_site):
    brief = with_cite_panels(built_site / "brief" / "index.html")
    panels = brief.select("details.ed-cite:has(.ed-cite__entry)")
    assert len(panels) == len(brief.select("details.ed-cite")) >= 40
    version, day = EDITION["version"], citation.long_date(EDITION["date"])
    y, m, d = (int(p) for p in EDITION["date"].split("-"))
    mla_day = f"{d} {['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'][m - 1]} {y}"
    for details in panels:
        cites = panel_entries(details)
        assert f"web edition, {STATEMENT}, " in cites["Chicago (note)"], cites["Chicago (note)"]
        assert f"(Policy Brief; web edition, version {version}, {day})" in cites["APA"], cites["APA"]
        assert f"— a web edition, version {version}, {mla_day}, " in cites["MLA"], cites["MLA"]
        assert f"note = {{Web edition, {STATEMENT}" in cites["BibTeX"], cites["BibTeX"]


def test_how_to_cite_gives_the_version_in_its_examples(built_site):
    how = page(built_site, "how-to-cite")
    examples = how.select(".ed-cite-example")
    for example in examples[:-1]:
        chicago = " ".join(example.select(".ed-cite__text")[1].get_text().split())
        assert f"web edition, {STATEMENT}, " in chicago
    bibliography = " ".join(examples[-1].select_one(".ed-cite__text").get_text().split())
    assert f"Web edition, {STATEMENT}, " in bibliography


def test_the_changes_page_lists_every_version_with_its_date_and_changes(built_site):
    changes = page(built_site, "changes")
    article = changes.select_one("article")
    versions = edition.load(ROOT).changelog
    headings = article.select("h2[id^=version-]")
    assert [h["id"] for h in headings] == [v.anchor for v in versions]
    assert [" ".join(h.get_text().split()).rstrip("¶").strip() for h in headings] == \
        [f"Version {v.version}" for v in versions]
    for h, v in zip(headings, versions):
        date = h.find_next("p", class_="ed-changes__date")
        assert date.find("time")["datetime"] == v.date and v.display_date in date.get_text()
        for key, items in (("text", v.text), ("apparatus", v.apparatus)):
            listed = article.find(id=f"{v.anchor}-{key}").find_next_sibling()
            assert [" ".join(li.get_text().split()) for li in listed.find_all("li")] == items
    assert "the current version" in headings[0].find_next("p").get_text()
    # the added pages and ids are links the strict build has checked
    by_name = {v.version: v for v in versions}
    ids = article.find(id=f"{by_name['1.1'].anchor}-ids").find_next_sibling()
    assert ids.find("a", href="../about-this-edition/#responsibility")
    assert "No id renamed." in ids.get_text() and "No page or id removed." in ids.get_text()
    # 1.2 merged two paragraphs: the rename is listed with its redirect, the removal in words
    merged = " ".join(article.find(id=f"{by_name['1.2'].anchor}-ids").find_next_sibling().get_text().split())
    assert ids is not None and "#introduction-3" in merged and "Removed: #introduction-3 (merged" in merged


# ---- CITATION.cff ------------------------------------------------------------------------------


def test_citation_cff_has_version_date_released_and_url_and_is_valid():
    document = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert document["version"] == EDITION["version"]
    assert document["date-released"] == EDITION["date"]
    assert document["url"] == EDITION["url"]
    schema = json.loads((ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text())
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


def test_the_changes_page_prints_a_changelog_entry_as_text(tmp_path):
    import markdown

    from edition.extension import EditionExtension

    project = copy_project(ROOT, tmp_path / "project")
    path = project / "data" / "changelog.yml"
    payload = '<script>alert(1)</script> & <b onmouseover="x">'
    # in a folded block scalar (>-) every character is text: the payload reaches the page as written
    path.write_text(path.read_text(encoding="utf-8").replace("One engine:", payload + " One engine:", 1),
                    encoding="utf-8")
    versions = edition.load(project).changelog
    v11 = next(v for v in versions if v.version == "1.1")
    assert v11.apparatus[0].startswith(payload)  # version 1.1's first entry
    text = (project / "docs" / "changes.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html", "toc",
                                               EditionExtension(root=str(project), site_url="https://x.test/")])
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find("script") and not soup.find("b")
    assert payload in soup.find(id=f"{v11.anchor}-apparatus").find_next_sibling().li.get_text()


def test_every_statement_about_the_site_names_a_test_that_exists():
    """About, "What the site says of itself": each test it names is in the repository, so the list
    cannot point a reader at a check that is not there."""
    about = (ROOT / "docs" / "about-this-edition.md").read_text(encoding="utf-8")
    section = about.split("{ #claims }", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith(("| Page", "| ---"))]
    assert len(rows) >= 15
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", section)
    assert len(named) >= 15
    for row in rows:
        assert "`tests/" in row or "`edition " in row or "Evidence" in row, row
    last = ""
    for path, name in re.findall(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`", section):
        last = path or last
        if not (path or name):
            continue
        text = (ROOT / last).read_text(encoding="utf-8")
        if name:
            assert f"def {name}(" in text, f"{last}::{name}"
