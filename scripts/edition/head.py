"""What overrides/main.html writes into a page's <head>, computed in Python for any engine.

The templates read only what every engine gives them: `config` and `page.meta`. The values here go
into the page's metadata as `page.meta.edition_head`: the MkDocs plugin puts them there for each
page (edition.plugin, on_page_markdown), the Markdown extension does under Zensical (its rendering
context's page). The schema.org JSON-LD is serialised here, ready for a <script> element.
"""

from __future__ import annotations

import json
from typing import Any

from edition import ogimage
from edition.loader import Edition

KEY = "edition_head"


def _person(a: dict) -> dict:
    return {"@type": "Person", "name": f"{a['given']} {a['family']}", "givenName": a["given"],
            "familyName": a["family"]}


def json_ld(citation: dict, url: str, date: str, card_url: str, original: dict | None) -> str:
    """The brief as a schema.org Report, read at `url`, edited by this edition's editors and based
    on the brief as GMF published it (`original`: mkdocs.yml's extra.original_publication), as the
    text of a <script type="application/ld+json"> (nothing in it can end the element)."""
    w = citation["work"]
    authors = [_person(a) for a in w["authors"]]
    publisher = {"@type": "Organization", "name": w["publisher"]}
    based_on = {"@type": "Report", "name": w["title"], "author": authors, "publisher": publisher,
                "datePublished": (original or {}).get("date") or date, "genre": w["genre"],
                "inLanguage": w["language"]}
    if original and original.get("url"):
        based_on["url"] = original["url"]
    report = {"@context": "https://schema.org", "@type": "Report", "name": w["title"], "headline": w["title"],
              "author": authors, "editor": {"@type": "Person", "name": citation["edition"]["editors"]},
              "publisher": publisher, "datePublished": date, "genre": w["genre"], "inLanguage": w["language"],
              "abstract": w["abstract"].strip(), "keywords": w["keywords"], "url": url, "mainEntityOfPage": url,
              "isBasedOn": based_on, "isAccessibleForFree": True}
    if card_url:
        report["image"] = card_url
    text = json.dumps(report, ensure_ascii=False, separators=(", ", ": "))
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def page_head(edition: Edition, uri: str, meta: dict, config: dict[str, Any]) -> dict:
    """The head's values for the page `uri` (a path under docs/) with front matter `meta`, in the
    site `config` (site_name, site_description, site_url, extra)."""
    from edition.extension import page_url

    site_name = str(config.get("site_name") or "")
    site_url = str(config.get("site_url") or "")
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    known = edition.pages.get(uri)
    is_home = uri == "index.md"
    own = str(meta.get("title") or (known.title if known else "") or "")
    title = site_name if is_home else own
    description = " ".join(str(meta.get("description") or config.get("site_description") or "").split())
    url = site_url + page_url(uri) if site_url else ""
    card = {"url": site_url + ogimage.URI if site_url else "", "type": "image/png", "width": ogimage.WIDTH,
            "height": ogimage.HEIGHT, "alt": ogimage.alt_text(edition.citation)}
    head: dict[str, Any] = {
        "html_title": f"{own} - {site_name}" if own and own != site_name and not is_home else site_name,
        "site_name": site_name, "title": title, "description": description, "url": url,
        "type": "article" if uri == edition.brief_uri else "website", "locale": "en_US",
        "card": card if card["url"] else None, "brief": None,
    }
    if uri == edition.brief_uri:
        w = edition.citation["work"]
        # The brief prints its month and year only ("April 2017"): the year alone, in every format
        # (Google Scholar takes a full date or a year; one precision for every reader).
        date = f"{int(w['year']):04d}"
        original = (config.get("extra") or {}).get("original_publication")
        head["brief"] = {
            "date": date, "title": w["title"], "publisher": w["publisher"], "genre": w["genre"],
            "language": w["language"], "keywords": list(w["keywords"]), "abstract": w["abstract"].strip(),
            "authors": [{"name": f"{a['given']} {a['family']}", "sorted": f"{a['family']}, {a['given']}"}
                        for a in w["authors"]],
            "json_ld": json_ld(edition.citation, url, date, card["url"], original),
        }
    return head
