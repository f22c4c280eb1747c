"""The metadata in each page's <head>: computed here, as plain data, from data/citation.yml.

Two works meet on the brief's page, and each format says which one it describes:

- the brief, Chris Miller's Policy Brief, which The German Marshall Fund of the United States (GMF)
  published in April 2017, is the work a reader cites. The Highwire Press tags (citation_*), which
  Google Scholar and Zotero's Embedded Metadata translator read as "how to cite what this page
  presents", describe it: its title, author, year, institution and series; and `prism.edition`
  says in which edition it was read here. None of them gives this page's address as the brief's
  (no citation_public_url, citation_abstract_html_url or citation_fulltext_html_url) and none
  names a publisher of it other than the report's institution.
- this web edition is the page itself. Open Graph, Dublin Core and the JSON-LD describe it: its
  title, address, version and language. It has no publisher and no named editor: the JSON-LD
  states its responsibility in words (`creditText`) and points to the brief with `isBasedOn`, a
  Report whose author is Miller and whose publisher is GMF.

page_head() returns {"links": [{"rel", "href"}], "meta": [{"attr", "key", "content"}], "jsonld": {...}
or None}; the template
(overrides/main.html) only writes them out. tests/test_metadata.py reads the built page as Zotero's
translator does and holds it to this account.
"""

from __future__ import annotations

from typing import Any

from edition.citation import long_date, names
from edition.dates import MONTHS


# The vocabularies of the prefixed names, declared as Dublin Core in HTML does (the Embedded
# Metadata translator reads these links and knows both prefixes by default).
SCHEMAS = [{"rel": "schema.DC", "href": "http://purl.org/dc/elements/1.1/"},
           {"rel": "schema.prism", "href": "http://prismstandard.org/namespaces/1.2/basic/"}]


def _tag(attr: str, key: str, content: str) -> dict[str, str]:
    return {"attr": attr, "key": key, "content": content}


def edition_statement(citation: dict[str, Any]) -> str:
    """The edition a reader read the brief in, as its citations name it: web edition, version 1.2
    (November 25, 2026)."""
    edition = citation["edition"]
    return f"{edition['label']}, version {edition['version']} ({long_date(edition['date'])})"


def responsibility(citation: dict[str, Any]) -> str:
    """Who is responsible for what, in words: the author and publisher of the brief, and the
    editors of this edition, who are not named, and which GMF has neither published nor endorsed."""
    work, edition = citation["work"], citation["edition"]
    return (f"Text by {names(work)}, {work['genre']} ({work['publisher']}, "
            f"{MONTHS[work['month'] - 1]} {work['year']}). This {edition['label']} and its apparatus "
            f"are by {edition['editors'][:1].lower()}{edition['editors'][1:]}, who are not named; it is "
            f"not published or endorsed by {work['publisher']} or the author.")


def the_brief(citation: dict[str, Any]) -> dict[str, Any]:
    """The brief as schema.org describes it: a Report by Miller, published by GMF in the month the
    PDF prints (the day its web publication's copies give is unverified, About this edition), at
    the address of that web publication where one is recorded."""
    work = citation["work"]
    web = work.get("web_publication") or {"url": None}
    brief = {
        "@type": "Report",
        "name": work["title"],
        "author": [{"@type": "Person", "name": f"{a['given']} {a['family']}",
                    "givenName": a["given"], "familyName": a["family"]} for a in work["authors"]],
        "publisher": {"@type": "Organization", "name": work["publisher"]},
        "datePublished": f"{work['year']:04d}-{work['month']:02d}",
        "genre": work["genre"],
        "inLanguage": work["language"],
    }
    if web["url"]:
        brief["url"] = web["url"]
    return brief


def page_head(citation: dict[str, Any], *, src_uri: str, url: str | None, site_name: str,
              title: str, description: str, card: dict[str, Any] | None = None,
              site_url: str | None = None) -> dict[str, Any]:
    """The head metadata of one page: Open Graph on every page; on the brief's page the Highwire
    tags of the brief, Dublin Core of this edition's page, and the JSON-LD of the edition, based
    on the brief. `card`: the link-preview card ({uri, width, height, alt}), shown by its absolute
    URL when the site's URL is known."""
    is_brief = src_uri == citation["edition"]["page"]
    meta = [
        _tag("property", "og:site_name", site_name),
        _tag("property", "og:title", title),
        _tag("property", "og:description", " ".join(description.split())),
        _tag("property", "og:type", "article" if is_brief else "website"),
        _tag("property", "og:locale", "en_US"),
    ]
    if url:
        meta.append(_tag("property", "og:url", url))
    image = f"{site_url}{card['uri']}" if card and site_url else None
    if image:
        meta += [
            _tag("property", "og:image", image),
            _tag("property", "og:image:type", "image/png"),
            _tag("property", "og:image:width", str(card["width"])),
            _tag("property", "og:image:height", str(card["height"])),
            _tag("property", "og:image:alt", card["alt"]),
            _tag("name", "twitter:card", "summary_large_image"),
            _tag("name", "twitter:image", image),
            _tag("name", "twitter:image:alt", card["alt"]),
        ]
    if not is_brief:
        return {"links": [], "meta": meta, "jsonld": None}
    meta += brief_tags(citation) + edition_dc(citation, url)
    return {"links": SCHEMAS, "meta": meta, "jsonld": edition_jsonld(citation, url, image)}


def brief_tags(citation: dict[str, Any]) -> list[dict[str, str]]:
    """The brief as Highwire Press tags (Google Scholar, Zotero): a technical report of an institution.

    The brief prints "April 2017": Google Scholar's inclusion guidelines ask for
    citation_publication_date as a full date or "a year alone otherwise", so the year alone. The
    article's Open Graph author is the brief's author (the text on the page is his)."""
    work = citation["work"]
    tags = [_tag("property", "article:author", f"{a['given']} {a['family']}") for a in work["authors"]]
    tags.append(_tag("name", "citation_title", work["title"]))
    tags += [_tag("name", "citation_author", f"{a['family']}, {a['given']}") for a in work["authors"]]
    tags += [
        _tag("name", "citation_publication_date", f"{work['year']:04d}"),
        _tag("name", "citation_technical_report_institution", work["publisher"]),
        _tag("name", "citation_series_title", work["genre"]),
        _tag("name", "citation_language", work["language"]),
        _tag("name", "citation_keywords", "; ".join(work["keywords"])),
        _tag("name", "citation_abstract", " ".join(work["abstract"].split())),
        # PRISM's edition of a publication: the edition the brief was read in, here.
        _tag("name", "prism.edition", edition_statement(citation)),
    ]
    return tags


def edition_dc(citation: dict[str, Any], url: str | None) -> list[dict[str, str]]:
    """This page, the edition, in Dublin Core: its title, the day of its version, its language and
    address. No creator (its editors are not named), no publisher (it has none), and no type (the
    Embedded Metadata translator would give a Dublin Core type to the brief as its report type)."""
    edition, work = citation["edition"], citation["work"]
    tags = [_tag("name", "DC.title", edition["title"]),
            _tag("name", "DC.date", edition["date"]),
            _tag("name", "DC.language", work["language"])]
    if url:
        tags.append(_tag("name", "DC.identifier", url))
    return tags


def edition_jsonld(citation: dict[str, Any], url: str | None, image: str | None) -> dict[str, Any]:
    """The edition's page in schema.org: a WebPage with its version, based on the brief."""
    edition, work = citation["edition"], citation["work"]
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": edition["title"],
        "version": edition["version"],
        "dateModified": edition["date"],
        "inLanguage": work["language"],
        "creditText": responsibility(citation),
        "isBasedOn": the_brief(citation),
        "isAccessibleForFree": True,
    }
    if url:
        ld["url"] = url
    if image:
        ld["image"] = image
    return ld
