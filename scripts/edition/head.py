"""What overrides/main.html writes into a page's <head>, computed in Python for any engine.

The templates read only what every engine gives them: `config` and `page.meta`. The values here go
into the page's metadata as `page.meta.edition_head`: the MkDocs plugin puts them there for each
page (edition.plugin, on_page_markdown), the Markdown extension does under Zensical (its rendering
context's page). What the metadata says is edition.metadata's; the schema.org JSON-LD is
serialised here, ready for a <script> element.
"""

from __future__ import annotations

import json
from typing import Any

from edition import metadata, ogimage
from edition.loader import Edition

KEY = "edition_head"


def script_json(value: Any) -> str:
    """`value` as JSON for a <script type="application/ld+json"> element: nothing in it can end the
    element (<, > and & written as \\u escapes)."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
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
    card = {"uri": ogimage.URI, "width": ogimage.WIDTH, "height": ogimage.HEIGHT,
            "alt": ogimage.alt_text(edition.citation)}
    head: dict[str, Any] = {
        "html_title": f"{own} - {site_name}" if own and own != site_name and not is_home else site_name,
    }
    # What the metadata says (the brief in Highwire tags; the edition in DC, OG and JSON-LD):
    # edition.metadata, as plain data; the JSON-LD serialised here for the template.
    tags = metadata.page_head(edition.citation, src_uri=uri, url=url or None, site_name=site_name,
                              title=title, description=description, card=card, site_url=site_url or None)
    head["links"], head["meta"] = tags["links"], tags["meta"]
    head["jsonld"] = script_json(tags["jsonld"]) if tags["jsonld"] else None
    return head
