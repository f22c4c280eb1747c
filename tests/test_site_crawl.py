"""The built site works under a project subpath, as GitHub Pages serves it: every page, link, anchor
and asset resolves, and the 404 page is whole at any depth. Uses a real HTTP server on 127.0.0.1
(fixture site_url) and urllib; absolute links to the site's own site_url are checked too."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from sitetools import SUBPATH

CSS_URL_RE = re.compile(r"url\(\s*['\"]?(?!data:)([^'\")]+)['\"]?\s*\)")


def fetch(url: str) -> tuple[int, str, bytes]:
    """Status, content type and body of a GET, 404s included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def canonical_base(built_site) -> str:
    """The site_url the site was built with (its sitemap's first address)."""
    return re.search(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8")).group(1)


def local(url: str, base: str, published: str) -> str | None:
    """`url` as served here if it is the site's own (relative, or under its site_url), else None."""
    if url.startswith(published):
        url = base + url[len(published):]
    parts = urlsplit(url)
    served = urlsplit(base)
    if parts.scheme not in ("http", "https") or parts.netloc != served.netloc:
        return None
    return url


def links_of(soup: BeautifulSoup):
    """Every URL a page refers to: links, stylesheets, scripts, images, data files, and its head metadata."""
    for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
                      ("source", "src"), ("iframe", "src"), ("template", "data-src")):
        for el in soup.find_all(tag):
            if el.get(attr):
                yield el[attr]
    for m in soup.find_all("meta", content=True):
        if m.get("property") in ("og:url", "og:image") or (m.get("name") or "").startswith(("citation_", "DC.identifier")):
            if m["content"].startswith("http"):
                yield m["content"]


@pytest.fixture(scope="module")
def crawl(site_url, built_site):
    """Every page reachable from the home page: {url: soup}, and every (page, link) seen."""
    published = canonical_base(built_site)
    pages, seen_links, assets, todo = {}, [], {}, [site_url]
    while todo:
        url = todo.pop()
        if url in pages:
            continue
        status, ctype, body = fetch(url)
        assert status == 200, f"{url}: HTTP {status}"
        soup = BeautifulSoup(body.decode("utf-8"), "html.parser")
        pages[url] = soup
        for href in links_of(soup):
            target = local(urljoin(url, href), site_url, published)
            if target is None:
                continue
            seen_links.append((url, href, target))
            doc, _ = urldefrag(target)
            if doc.endswith("/") or doc.endswith(".html"):
                if doc not in pages:
                    todo.append(doc)
            else:
                assets.setdefault(doc, url)
    return pages, seen_links, assets


def test_every_page_in_the_sitemap_is_reached_and_served(crawl, site_url, built_site):
    pages, _, _ = crawl
    published = canonical_base(built_site)
    sitemap = re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert sitemap and all(loc.startswith(published) for loc in sitemap)
    for loc in sitemap:
        assert site_url + loc[len(published):] in pages, f"{loc} is not linked from any page"
    assert len(pages) >= 5


def test_every_internal_link_and_anchor_resolves(crawl):
    pages, links, _ = crawl
    ids = {url: {el["id"] for el in soup.find_all(id=True)} for url, soup in pages.items()}
    broken = []
    for page, href, target in links:
        doc, fragment = urldefrag(target)
        if doc not in pages:
            continue  # an asset: checked below
        if fragment and fragment not in ids[doc]:
            broken.append(f"{page}: {href} → no #{fragment} on {doc}")
    assert not broken, "\n".join(broken)
    assert len(links) > 500


def test_every_asset_loads_including_what_stylesheets_refer_to(crawl):
    _, _, assets = crawl
    todo, done, broken = list(assets.items()), set(), []
    while todo:
        url, page = todo.pop()
        if url in done:
            continue
        done.add(url)
        status, ctype, body = fetch(url)
        if status != 200:
            broken.append(f"{page}: {url} → HTTP {status}")
            continue
        if url.endswith(".css"):
            for ref in CSS_URL_RE.findall(body.decode("utf-8")):
                if not ref.startswith(("http:", "https:", "#", "/")):
                    todo.append((urljoin(url, ref), url))
    assert not broken, "\n".join(broken)
    # The site's own stylesheets are written into each page (the edition plugin's inline_css), not linked.
    # So are its own scripts but those of one page's feature (the table filter of About).
    assert any(u.endswith("apparatus-filter.js") for u in done)
    assert not any(u.endswith(("cite.css", "edition.js")) for u in done)
    # the Cite panels' data file each page names (edition postbuild), fetched like the rest
    assert any(re.search(r"/brief/cite-data\.[0-9a-f]{8}\.json$", u) for u in done)


@pytest.mark.parametrize("missing", ["missing", "a/b/c/missing", "brief/no-such-page/", "deep/er/x.html"])
def test_the_404_page_is_whole_at_any_depth_under_the_subpath(site_url, missing):
    url = site_url + missing
    status, ctype, body = fetch(url)
    assert status == 404 and "text/html" in ctype
    soup = BeautifulSoup(body.decode("utf-8"), "html.parser")
    assert soup.find("h1").get_text() == "404 - Not found"
    refs = [el["href"] for el in soup.find_all("link", href=True) if "stylesheet" in el.get("rel", [])]
    refs += [el["src"] for el in soup.find_all("script", src=True)]
    refs += [a["href"] for a in soup.select("nav a[href]") if not a["href"].startswith("http")]
    assert any(r.endswith(".css") for r in refs) and any(r.endswith(".js") for r in refs)
    for ref in refs:
        target = urljoin(url, ref)
        assert target.startswith(site_url), f"{ref} leaves the subpath from {url}"
        assert fetch(target)[0] == 200, f"404 page at {missing}: {ref} → {target} does not load"


def test_a_missing_page_outside_the_subpath_is_not_served_from_the_site(site_url):
    root = site_url[: -len(SUBPATH)] + "/brief/"
    assert fetch(root)[0] == 404
