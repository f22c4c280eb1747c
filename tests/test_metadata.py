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

from edition import citation, comments, ogimage, sitemap
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


def test_the_brief_is_dated_by_its_year_alone_in_every_format(brief):
    """The brief prints "April 2017": Scholar takes a full date or the year alone, never 2017/04."""
    year = str(DATA["work"]["year"])
    assert meta(brief, name="citation_publication_date") == [year]
    assert meta(brief, name="DC.date") == [year]
    assert meta(brief, property="article:published_time") == [year]
    assert json.loads(brief.find("script", type="application/ld+json").string)["datePublished"] == year
    assert all(SCHOLAR_DATE.match(d) for d in meta(brief, name="citation_publication_date"))


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


# ---- JSON-LD ---------------------------------------------------------------------------------


def test_json_ld_names_the_editors_and_the_brief_as_gmf_published_it(brief):
    ld = json.loads(brief.find("script", type="application/ld+json").string)
    assert ld["editor"] == {"@type": "Person", "name": DATA["edition"]["editors"]}
    original = ld["isBasedOn"]
    assert original["@type"] == "Report" and original["name"] == DATA["work"]["title"]
    assert original["url"] == GMF_URL and original["datePublished"] == "2017-04-03"
    assert original["publisher"] == {"@type": "Organization", "name": DATA["work"]["publisher"]}
    assert [a["familyName"] for a in original["author"]] == ["Miller"]
    assert ld["url"] != original["url"] and ld["image"].endswith(ogimage.URI)


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
