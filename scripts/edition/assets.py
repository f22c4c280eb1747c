"""The site's stylesheets written into each page's <head>, and search loaded at the first query.

What the two MkDocs hooks inline_css.py and lazy_search.py do, without MkDocs: both are about the
speed of a first view (see the README's "Speed, measured"). Errors are EditionErrors naming the
file and the problem; the hooks turn them into build errors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import rcssmin

from edition.errors import EditionError

# ---- stylesheets ------------------------------------------------------------------------------

COLOUR_RE = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")


def minify(css: str) -> str:
    """`css` minified by rcssmin (comments dropped, needless whitespace removed)."""
    # "{--" opens a custom property, but the build's checks read it as raw CriticMarkup: keep a space.
    return rcssmin.cssmin(css).replace("{--", "{ --")


def only_colours(css: str, used: set[str]) -> str:
    """`css` (minified, no braces in strings) without the rules for primary and accent colours
    other than `used`: the palette stylesheet has rules for all of the theme's ~20 colours."""
    out, pos = [], 0
    while pos < len(css):
        start = css.find("{", pos)
        if start < 0:
            out.append(css[pos:])
            break
        depth, end = 1, start + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        prelude, body = css[pos:start], css[start + 1:end - 1]
        pos = end
        if prelude.startswith("@"):
            body = only_colours(body, used) if "{" in body else body
            if body:
                out.append(f"{prelude}{{{body}}}")
            continue
        selectors = [sel for sel in prelude.split(",")
                     if all(colour in used for colour in COLOUR_RE.findall(sel))]
        if selectors:
            out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


def inline_styles(docs: Path, extra_css: list[str]) -> str:
    """The site's own stylesheets, in their listed order, minified for a <style> element."""
    parts = []
    for path in extra_css:
        source = Path(docs, str(path))
        if not source.is_file():
            raise EditionError(f"mkdocs.yml: extra_css lists {path}, which is not a file of {docs}")
        css = source.read_text(encoding="utf-8")
        if "</" in css:
            raise EditionError(f"{source}: '</' would end the inline <style> early")
        if re.search(r"url\(\s*['\"]?(?!data:|https?:|#)", css):
            raise EditionError(f"{source}: a relative url() would point elsewhere once inlined")
        parts.append(minify(css))
    return "\n".join(parts)


def inline_palette(theme_dirs: list[str], palette: list[dict]) -> dict[str, str]:
    """The theme's palette stylesheet, with the rules for the colours mkdocs.yml uses only."""
    found = sorted({p.name: p for d in theme_dirs
                    for p in Path(d, "assets", "stylesheets").glob("palette.*.min.css")}.values())
    if len(found) != 1:
        raise EditionError("overrides/hooks/inline_css.py: expected one assets/stylesheets/palette.*.min.css "
                           f"in the theme, found {[p.name for p in found]}: has Material changed?")
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", found[0].read_text(encoding="utf-8")).strip()
    used = {str(entry.get(key, "indigo")).lower().replace(" ", "-")
            for entry in palette for key in ("primary", "accent")}
    return {"href": f"assets/stylesheets/{found[0].name}",
            "css": only_colours(css, used).replace("{--", "{ --")}  # "{ --": see minify()


# ---- search at the first query -----------------------------------------------------------------

INDEX = "search/search_index.json"
FULL_INDEX = "search/search_index.full.json"
LAZY_WORKER = "search-lazy.js"  # in Material's assets/javascripts/workers/, beside its own worker
# Material's worker in the page's #__config: "search": "<prefix>assets/javascripts/workers/search.<hash>.min.js"
WORKER_RE = re.compile(r'"search": "(?P<folder>[^"]*assets/javascripts/workers/)(?P<name>search\.[0-9a-f]+\.min\.js)"')
# From the lazy worker's folder (site/assets/javascripts/workers/) to the full index.
FULL_INDEX_FROM_WORKER = "../../../" + FULL_INDEX


def point_at_lazy_worker(html: str, where: str) -> str:
    """Replace Material's worker URL in a page's #__config with the lazy worker's."""
    html, n = WORKER_RE.subn(lambda m: f'"search": "{m["folder"]}{LAZY_WORKER}?worker={m["name"]}'
                                       f'&index={FULL_INDEX_FROM_WORKER}"', html)
    if n != 1:
        raise EditionError(f"overrides/hooks/lazy_search.py: {where} has {n} search worker URLs in "
                           "#__config, not 1: has Material's base.html changed?")
    return html


def split_index(site: Path) -> int:
    """Move the documents of the index Material wrote to the full index; its config stays.
    Returns how many documents moved."""
    index_path = site / INDEX
    if not (site / "assets/javascripts/workers" / LAZY_WORKER).is_file():
        raise EditionError(f"overrides/hooks/lazy_search.py: docs/assets/javascripts/workers/{LAZY_WORKER} "
                           "is missing")
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EditionError(f"overrides/hooks/lazy_search.py: no {INDEX}: list the search plugin before "
                           "the hooks") from None
    (site / FULL_INDEX).write_bytes(index_path.read_bytes())
    index_path.write_text(json.dumps({"config": index["config"], "docs": []}, separators=(",", ":")),
                          encoding="utf-8")
    return len(index["docs"])
