"""The pages' metadata as search engines, reference managers and link previews read it: the brief's
dates as Google Scholar asks, each page's own og:title, the link-preview card (og:image), JSON-LD's
isBasedOn and editor, each page's sitemap <lastmod> from git, and no authoring comment shipped."""

from __future__ import annotations

import datetime
import gzip
import json
import os
import re
import socket
import struct
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from edition import citation, comments, metadata, ogimage, sitemap
from sitetools import ROOT, build_site, copy_project

DATA = citation.load(ROOT / "data" / "citation.yml")
GMF_URL = "https://www.gmfus.org/news/japan-russia-relations-view-moscow"
SCHOLAR_DATE = re.compile(r"^\d{4}(/\d{1,2}/\d{1,2})?$")  # "2010/5/12", or a year alone
DOCS = sorted(p for p in (ROOT / "docs").rglob("*.md") if not p.relative_to(ROOT / "docs").as_posix().startswith("."))


def meta(soup: BeautifulSoup, **attrs) -> list[str]:
    return [m["content"] for m in soup.find_all("meta", attrs=attrs)]


def page_of(site: Path, md: Path) -> BeautifulSoup:
    rel = md.relative_to(ROOT / "docs").as_posix()
    url = "" if rel == "index.md" else rel[:-3] + "/"
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def lastmods(site: Path) -> dict[str, str]:
    """{page URL: its <lastmod>} from the built sitemap."""
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    return dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", xml))


@pytest.fixture(scope="module")
def brief(built_site) -> BeautifulSoup:
    return BeautifulSoup((built_site / "brief" / "index.html").read_text(encoding="utf-8"), "html.parser")


# ---- dates ---------------------------------------------------------------------------------------


def test_the_brief_is_dated_by_its_year_alone_and_the_edition_by_its_versions_day(brief):
    """The brief prints "April 2017": Scholar takes a full date or the year alone, never 2017/04.
    The page's own formats (Dublin Core, JSON-LD) date the edition: the day of its version."""
    year = str(DATA["work"]["year"])
    assert meta(brief, name="citation_publication_date") == [year]
    assert all(SCHOLAR_DATE.match(d) for d in meta(brief, name="citation_publication_date"))
    assert meta(brief, name="DC.date") == [DATA["edition"]["date"]]
    assert meta(brief, property="article:published_time") == []  # the page was not published in 2017
    assert json.loads(brief.find("script", type="application/ld+json").string)["dateModified"] == DATA["edition"]["date"]


def test_the_scholar_date_pattern_refuses_a_year_and_month():
    assert not SCHOLAR_DATE.match("2017/04") and not SCHOLAR_DATE.match("2017-04")
    assert SCHOLAR_DATE.match("2017") and SCHOLAR_DATE.match("2017/4/3")


# ---- og:title ------------------------------------------------------------------------------------


def nav_titles() -> dict[str, str]:
    """mkdocs.yml's nav, {page.md: title} (read as text: the file has MkDocs-only YAML tags)."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1]
    return {m[2]: m[1] for m in re.finditer(r"^\s*- (.+?): (\S+\.md)\s*$", nav, re.M)}


def test_every_page_has_its_own_og_title_and_the_home_page_the_sites_name(built_site):
    site_name = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser") \
        .find("meta", property="og:site_name")["content"]
    titles = nav_titles()
    seen = {}
    for md in DOCS:
        rel = md.relative_to(ROOT / "docs").as_posix()
        front = yaml.safe_load(md.read_text(encoding="utf-8").split("---\n")[1])
        expected = site_name if rel == "index.md" else front.get("title") or titles[rel]
        assert meta(page_of(built_site, md), property="og:title") == [expected], rel
        seen[rel] = expected
    assert seen["index.md"] != "Home" and seen["timeline.md"] == "Timeline"
    assert len(set(seen.values()) - {site_name}) == len(seen) - 2  # home and brief share the site's name


# ---- og:image ------------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def png_chunks(data: bytes) -> list[str]:
    names, at = [], 8
    while at < len(data):
        length = struct.unpack(">I", data[at:at + 4])[0]
        names.append(data[at + 4:at + 8].decode("ascii"))
        at += 12 + length
    return names


def test_every_page_shows_the_card_by_its_absolute_url(built_site):
    base = re.search(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8"))[1]
    card = base + ogimage.URI
    for md in DOCS:
        page = page_of(built_site, md)
        rel = md.relative_to(ROOT / "docs").as_posix()
        assert meta(page, property="og:image") == [card] == meta(page, name="twitter:image"), rel
        assert meta(page, property="og:image:width") == ["1200"] and meta(page, property="og:image:height") == ["630"]
        assert meta(page, property="og:image:alt") == [ogimage.alt_text(DATA)], rel
        assert meta(page, name="twitter:card") == ["summary_large_image"], rel
    assert "Chris Miller" in ogimage.alt_text(DATA) and DATA["work"]["title"] in ogimage.alt_text(DATA)


def test_the_card_is_a_small_png_drawn_from_the_data_the_same_every_time(built_site, monkeypatch):
    built = (built_site / ogimage.URI).read_bytes()
    assert png_size(built) == (1200, 630) and len(built) < 60_000
    assert not {"tIME", "tEXt", "iTXt", "zTXt"} & set(png_chunks(built))  # nothing that varies by build

    def no_network(*args, **kwargs):
        raise AssertionError("the card tried to reach the network")

    monkeypatch.setattr(socket, "socket", no_network)
    assert ogimage.card_for(DATA) == built == ogimage.card_for(DATA)


def test_the_card_changes_with_the_title_and_cuts_one_too_long_for_it():
    other = {**DATA, "work": {**DATA["work"], "title": "Japan–Russia Relations: The View from Tokyo"}}
    assert ogimage.card_for(other) != ogimage.card_for(DATA)
    from PIL import ImageFont

    font = ImageFont.truetype(ogimage._fonts()[0], ogimage.TITLE_SIZES[-1], layout_engine=ImageFont.Layout.BASIC)
    longest = "Relations " * 20  # 200 characters, what data/citation.yml allows
    _, lines = ogimage._title_lines(longest.strip(), ogimage._fonts()[0], ImageFont, 300)
    assert len(lines) <= ogimage.TITLE_LINES and lines[-1].endswith("Relations…")
    assert all(font.getlength(line) <= ogimage.WIDTH - 2 * ogimage.MARGIN for line in lines)
    card = ogimage.card_for({**DATA, "work": {**DATA["work"], "title": "X" * 200, "publisher": "P" * 200}})
    assert png_size(card) == (1200, 630)


# ---- JSON-LD and the two works ------------------------------------------------------------


def jsonld(page: BeautifulSoup) -> dict:
    return json.loads(page.find("script", type="application/ld+json").string)


def test_json_ld_describes_the_edition_based_on_the_brief_as_gmf_published_it(brief):
    ld = jsonld(brief)
    url = meta(brief, property="og:url")[0]
    # the page is the edition: no publisher, no author, no editor Person; its responsibility in words
    assert ld["@type"] == "WebPage" and ld["name"] == DATA["edition"]["title"] and ld["url"] == url
    assert ld["version"] == DATA["edition"]["version"] and ld["dateModified"] == DATA["edition"]["date"]
    assert not {"publisher", "author", "editor", "creator", "contributor", "sourceOrganization"} & set(ld)
    assert ld["creditText"] == metadata.responsibility(DATA)
    assert "not published or endorsed by The German Marshall Fund of the United States" in ld["creditText"]
    # the brief it is based on: Miller's Report, published by GMF
    original = ld["isBasedOn"]
    assert original["@type"] == "Report" and original["name"] == DATA["work"]["title"]
    assert original["url"] == GMF_URL and original["datePublished"] == "2017-04"  # as the PDF prints it
    assert original["publisher"] == {"@type": "Organization", "name": DATA["work"]["publisher"]}
    assert [a["familyName"] for a in original["author"]] == ["Miller"]
    assert ld["url"] != original["url"] and ld["image"].endswith(ogimage.URI)


def nodes(value):
    """Every mapping inside a JSON value."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from nodes(v)
    elif isinstance(value, list):
        for v in value:
            yield from nodes(v)


def test_no_field_says_that_gmf_published_the_edition(brief, built_site):
    """GMF is named only where a field describes the brief: the report's institution (Highwire) and
    the publisher of the JSON-LD's isBasedOn; the page's own formats (Open Graph, Dublin Core, the
    JSON-LD's top level) name no publisher and no Person who does not exist."""
    gmf = DATA["work"]["publisher"]
    naming = sorted(m.get("name") or m.get("property") for m in brief.find_all("meta", content=True)
                    if gmf in m["content"] and m.get("name") != "description")
    assert naming == ["citation_technical_report_institution"], naming
    assert not brief.find_all("meta", attrs={"name": re.compile(r"publisher|public_url|_html_url$", re.I)})
    ld = jsonld(brief)
    persons = [n for n in nodes(ld) if n.get("@type") == "Person"]
    assert [p["name"] for p in persons] == ["Chris Miller"]
    assert [n for n in nodes(ld) if "publisher" in n] == [ld["isBasedOn"]]
    # the Dublin Core and Open Graph of the page describe the edition, not the brief
    assert meta(brief, name="DC.title") == [DATA["edition"]["title"]]
    assert meta(brief, name="DC.date") == [DATA["edition"]["date"]]
    assert not brief.find_all("meta", attrs={"name": re.compile(r"^DC\.(publisher|creator|type|rights|source)$")})
    # CITATION.cff: the edition's authors are its editors as an entity (CFF's "team"), not persons;
    # GMF only as the institution of the brief, the preferred citation
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["authors"] == [{"name": DATA["edition"]["editors"]}]
    assert gmf not in json.dumps({k: v for k, v in cff.items() if k != "preferred-citation"}, ensure_ascii=False)
    # no other page claims a publisher either
    for md in DOCS:
        page = page_of(built_site, md)
        assert not [m for m in page.find_all("meta", content=True) if "publisher" in (m.get("name") or "")]


# ---- what Zotero's Embedded Metadata translator saves ----------------------------------------
# Read against zotero/translators, "Embedded Metadata.js" (lastUpdated 2026-04-27) and "RDF.js"
# (commit 6c9e20a05fdf, 2026-06-19), whose line numbers the comments give as EM nnn and RDF nnn.
# The reading below applies the translator's own selectors and order of precedence to the built
# page: a parse of the page with its rules, not a run of Zotero.

# EM 42-64: the Highwire tags it maps to item fields (processFields, EM 200-210: first match only).
HIGHWIRE = {"citation_title": "title", "citation_publication_date": "date", "citation_cover_date": "date",
            "citation_date": "date", "citation_journal_title": "publicationTitle",
            "citation_journal_abbrev": "journalAbbreviation", "citation_inbook_title": "publicationTitle",
            "citation_book_title": "bookTitle", "citation_volume": "volume", "citation_issue": "issue",
            "citation_series_title": "series", "citation_conference_title": "conferenceName",
            "citation_conference": "conferenceName", "citation_dissertation_institution": "university",
            "citation_technical_report_institution": "institution", "citation_technical_report_number": "number",
            "citation_publisher": "publisher", "citation_isbn": "ISBN", "citation_abstract": "abstractNote",
            "citation_doi": "DOI", "citation_public_url": "url", "citation_language": "language"}
# EM 88-107: the prefixes it knows without a <link rel="schema.X">.
PREFIXES = {"bib": "http://purl.org/net/biblio#", "bibo": "http://purl.org/ontology/bibo/",
            "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
            "prism": "http://prismstandard.org/namespaces/1.2/basic/", "og": "http://ogp.me/ns#",
            "article": "http://ogp.me/ns/article#", "z": "http://www.zotero.org/namespaces/export#",
            "so": "http://schema.org/"}
DC, PRISM, OG, ARTICLE, Z = (PREFIXES[k] for k in ("dc", "prism", "og", "article", "z"))


def zotero_item(html: str, location: str) -> dict:
    """The item the Embedded Metadata translator builds from a page's head (the fields this edition's
    pages can give; fields of vocabularies the page does not use are left out)."""
    soup = BeautifulSoup(html, "html.parser")
    prefixes = dict(PREFIXES)
    for link in soup.find_all("link", rel=True):  # EM 138-152: <link rel="schema.X" href=...>
        rel = " ".join(link["rel"])
        if re.match(r"^schema\.([a-zA-Z]+)", rel):
            prefixes[rel.split(".", 1)[1].lower()] = link["href"]
    hw_type = hw_guess = None
    statements: dict[str, list[str]] = {}
    for tag in soup.select("meta"):  # EM 247-327
        names, value = tag.get("name") or tag.get("property"), tag.get("content")
        if not names or not value:
            continue
        for name in names.split():
            parts = re.split(r"[.:_]", name)
            prefix, length = None, 0
            if len(parts) > 2 and parts[1].lower() in prefixes:  # EM 265-269
                prefix, length = parts[1].lower(), len(parts[0]) + len(parts[1]) + 1
            if not prefix:
                prefix, length = parts[0].lower(), len(parts[0])
            if prefix in prefixes:  # EM 274-286: a statement for the RDF translator
                prop = name[length + 1:]
                statements.setdefault(prefixes[prefix] + prop[:1].lower() + prop[1:], []).append(value)
                continue
            short = name[name.rfind("citation_"):] if "citation_" in name else name
            hw_type = {"citation_journal_title": "journalArticle",  # EM 299-324
                       "citation_technical_report_institution": "report",
                       "citation_conference_title": "conferencePaper", "citation_conference": "conferencePaper",
                       "citation_book_title": "bookSection", "citation_inbook_title": "bookSection",
                       "citation_dissertation_institution": "thesis"}.get(short, hw_type)
            if short in ("citation_title", "citation_series_title"):
                hw_guess = hw_guess or "journalArticle"

    def first(*props):  # RDF 88-113 (getFirstResults, one string)
        return next((statements[p][0] for p in props if p in statements), None)

    # RDF 863-1441: the RDF item from the prefixed tags (the properties this site's pages use)
    item = {"title": first(DC + "title", OG + "title", PREFIXES["so"] + "headline"),  # RDF 886-892
            "edition": first(PRISM + "edition"),  # RDF 1036: edition; 1038: versionNumber = edition
            "publisher": first(DC + "publisher"),  # RDF 1070-1079
            "date": first(OG + "published_time", ARTICLE + "published_time", DC + "date"),  # RDF 1116-1133
            "url": first(OG + "url"),  # RDF 1211-1222
            "abstractNote": first(OG + "description", DC + "description"),  # RDF 1228-1239, 1334-1335
            "reportType": first(DC + "type"),  # RDF 1242-1265: dc:type is the report's type
            "rights": first(DC + "rights"),  # RDF 982
            "language": first(DC + "language"),  # RDF 1317
            "creators": [{"name": c, "creatorType": "author"} for c in statements.get(DC + "creator", [])],
            "extra": first(Z + "extra")}  # RDF 1429-1441: a z: property is copied as it is
    item["versionNumber"] = item["edition"]
    # EM 336-364: the item type: a Highwire type wins ("hwTypes are generally most accurate", EM 361)
    item["itemType"] = hw_type or hw_guess or "webpage"
    # EM 401-403, 171-178: each Highwire field, from the first meta whose name ends with the tag's
    # name, replaces what the RDF gave
    for name, field in HIGHWIRE.items():
        found = soup.select_one(f'html>head>meta[name$="{name}"]')
        if found and found.get("content", "").strip():
            item[field] = " ".join(found["content"].split())
    # EM 404-420, 572-624: citation_author gives the creators, and replaces the RDF's
    authors = [m["content"] for m in soup.select('meta[name$="citation_author"]')]
    if authors:
        item["creators"] = [{"lastName": a.split(",")[0].strip(), "firstName": a.split(",", 1)[1].strip(),
                             "creatorType": "author"} for a in authors]
    # EM 565-567: then citation_abstract_html_url / citation_fulltext_html_url; EM 717-718: then the
    # canonical link, then the page's own address
    if not item["url"]:
        found = soup.select_one('html>head>meta[name$="citation_abstract_html_url"]') \
            or soup.select_one('html>head>meta[name$="citation_fulltext_html_url"]')
        canonical = soup.select_one('head > link[rel="canonical"]')
        item["url"] = found["content"] if found else canonical["href"] if canonical else location
    return {k: v for k, v in item.items() if v}


def test_zotero_saves_the_brief_with_its_author_title_publisher_and_date_and_the_editions_url_and_version(brief):
    url = meta(brief, property="og:url")[0]
    item = zotero_item(str(brief), url)
    work = DATA["work"]
    assert item["itemType"] == "report"  # from citation_technical_report_institution (EM 303-305, 361, 495-497)
    assert item["title"] == work["title"]  # citation_title over DC.title, the edition's (EM 43, 403)
    assert item["creators"] == [{"lastName": "Miller", "firstName": "Chris", "creatorType": "author"}]
    assert item["date"] == "2017"  # citation_publication_date over DC.date, the version's day (EM 44)
    assert item["institution"] == work["publisher"]  # a report's publisher field (EM 57)
    assert "publisher" not in item, "a second, different publisher: nothing gives one"
    assert item["series"] == work["genre"] and item["language"] == "en"
    assert item["url"] == url  # og:url, the edition's page (RDF 1211-1222); no citation_*url names it
    # the edition the brief was read in: PRISM's edition (RDF 1036-1038). A report has no field of
    # that name, and Zotero keeps a field its item type lacks in Extra ("Edition: ...", as
    # Zotero.Item#fromJSON does; zotero/zotero's Scaffold, _sanitizeItemForDisplay, mimics it).
    assert item["edition"] == f"web edition, version {DATA['edition']['version']} " \
                              f"({citation.long_date(DATA['edition']['date'])})"
    assert "reportType" not in item and "rights" not in item, "no Dublin Core type or rights reach the brief"


def test_the_translators_reading_catches_a_misattribution():
    """The reading above fails the head the edition had before (version 1.2): GMF as the publisher
    of the page's address, and a Dublin Core type that Zotero saved as the report's type."""
    old = ('<html><head><meta name="citation_title" content="T"><meta name="citation_publisher" content="GMF">'
           '<meta name="citation_public_url" content="https://ed.example/brief/"><meta name="DC.type" content="Text">'
           '<meta name="citation_technical_report_institution" content="GMF"></head></html>')
    item = zotero_item(old, "https://ed.example/brief/")
    assert item["publisher"] == "GMF" and item["url"] == "https://ed.example/brief/" and item["reportType"] == "Text"
    # the translator's suffix match (EM 172) finds a tag by the end of its name: a prefixed copy counts
    item = zotero_item('<html><head><meta name="dc.citation_title" content="X"></head></html>', "u")
    assert item["title"] == "X"


def test_the_head_is_computed_in_python_and_the_template_only_writes_it(built_site):
    """What overrides/main.html writes is edition.metadata.page_head's list, tag for tag."""
    page = page_of(built_site, ROOT / "docs" / "brief.md")
    url = meta(page, property="og:url")[0]
    site_url = url[: -len("brief/")]
    card = {"uri": ogimage.URI, "width": ogimage.WIDTH, "height": ogimage.HEIGHT, "alt": ogimage.alt_text(DATA)}
    head = metadata.page_head(DATA, src_uri="brief.md", url=url, site_name=DATA["work"]["title"],
                              title=DATA["work"]["title"], description=meta(page, name="description")[0],
                              card=card, site_url=site_url)
    written = [(m.get("property") and "property" or "name", m.get("property") or m.get("name"), m["content"])
               for m in page.find_all("meta", content=True)
               if (m.get("property") or m.get("name")) not in ("generator", "description", "author", "viewport")
               and not m.get("http-equiv")]
    assert written == [(t["attr"], t["key"], t["content"]) for t in head["meta"]]
    assert jsonld(page) == json.loads(json.dumps(head["jsonld"]))


# ---- sitemap ---------------------------------------------------------------------------------


def git_day(root: Path, paths: list[str]) -> str:
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct", "--", *paths], cwd=root, capture_output=True,
                           text=True, check=True).stdout.strip()
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%d")


def test_each_lastmod_is_the_last_commit_to_its_pages_sources(built_site):
    if subprocess.run(["git", "rev-parse"], cwd=ROOT, capture_output=True).returncode != 0:
        pytest.skip("not a git checkout: the pages keep the build date")
    dates = lastmods(built_site)
    base = min(dates, key=len)
    glossary = ["docs/glossary.md", "data/glossary.yml"]
    brief = ["docs/brief.md", *sitemap.BRIEF_SOURCES]
    assert dates[base + "glossary/"] == git_day(ROOT, glossary)
    assert dates[base + "brief/"] == git_day(ROOT, brief)
    assert dates[base] == git_day(ROOT, ["docs/index.md"])


def test_the_sources_of_a_page_are_its_markdown_and_the_data_its_markers_render():
    assert sitemap.page_sources("timeline.md", "x\n<!-- md:timeline -->\n", "brief.md") == \
        ["docs/timeline.md", "data/timeline.yml", "data/references.yml"]
    assert sitemap.page_sources("index.md", "# Home\n", "brief.md") == ["docs/index.md"]
    assert "data/crosslinks.yml" in sitemap.page_sources("brief.md", "", "brief.md")


def commit(project: Path, when: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for cmd in (["git", "add", "-A"], ["git", "commit", "-q", "-m", message]):
        subprocess.run(cmd, cwd=project, env=env, check=True, capture_output=True)


def test_a_page_is_dated_by_its_own_last_change_not_the_last_commit(tmp_path, monkeypatch):
    """A history of three commits: each page's <lastmod> follows its own sources; an authors'
    comment added in the last one reaches no page."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_project(ROOT, tmp_path / "project")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    commit(project, "2001-02-03T04:05:06Z", "all")
    glossary = project / "docs" / "glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n<!-- AUTHORS-ONLY-NOTE: keep out -->\n",
                        encoding="utf-8")
    commit(project, "2002-03-04T23:59:00Z", "the glossary's page")
    timeline = project / "data" / "timeline.yml"
    timeline.write_text(timeline.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    commit(project, "2003-04-05T00:30:00+02:00", "the timeline's data")  # 2003-04-04 in UTC
    build_site(project, tmp_path / "site")
    dates = lastmods(tmp_path / "site")
    base = min(dates, key=len)
    assert dates[base] == dates[base + "references/"] == "2001-02-03"
    assert dates[base + "glossary/"] == "2002-03-04"
    assert dates[base + "timeline/"] == dates[base + "brief/"] == "2003-04-04"
    sitemap_xml = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    with gzip.open(tmp_path / "site" / "sitemap.xml.gz") as gz:
        assert gz.read().decode("utf-8") == sitemap_xml
    header = (tmp_path / "site" / "sitemap.xml.gz").read_bytes()[4:8]
    assert int.from_bytes(header, "little") == int(datetime.datetime(2003, 4, 4, tzinfo=datetime.timezone.utc).timestamp())
    assert "AUTHORS-ONLY-NOTE" not in (tmp_path / "site" / "glossary" / "index.html").read_text(encoding="utf-8")


# ---- authoring comments ------------------------------------------------------------------------


def test_no_built_page_carries_an_authors_comment(built_site):
    written = [c for md in DOCS for c in comments.comments_in(md.read_text(encoding="utf-8"))
               if not re.fullmatch(r"<!--\s*md\s*:[\w-]+\s*-->", c)]
    assert len(written) >= 2  # the brief's and the home page's notes to their authors, at least
    for html in sorted(built_site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        for c in written:
            inner = " ".join(c[4:-3].split())[:60]
            assert inner not in " ".join(text.split()), f"{html.relative_to(built_site)}: ships {c[:60]!r}"
        assert comments.comments_in(text) == [], f"{html.relative_to(built_site)}: an HTML comment"


def test_strip_comments_takes_every_comment_and_nothing_else():
    html = '<p>a</p>\n<!--\n  note\n-->\n<p>b <!-- x --> c</p>'
    assert comments.strip_comments(html) == "<p>a</p>\n<p>b c</p>"
