"""The site's stylesheets written into each page's <head>, its own scripts minified, and search
loaded at the first query.

What the edition plugin (inline_css) and `edition postbuild` (scripts, lazy search) do, without MkDocs: all are about the
speed of a first view (see the README's "Speed, measured"). Errors are EditionErrors naming the
file and the problem; the plugin turns them into build errors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import rcssmin
import rjsmin

from edition.errors import EditionError

# ---- stylesheets ------------------------------------------------------------------------------


def minify(css: str) -> str:
    """`css` minified by rcssmin (comments dropped, needless whitespace removed)."""
    # "{--" opens a custom property, but the build's checks read it as raw CriticMarkup: keep a space.
    return rcssmin.cssmin(css).replace("{--", "{ --")


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
        raise EditionError(f"edition postbuild (lazy search): {where} has {n} search worker URLs in "
                           "#__config, not 1: has Material's base.html changed?")
    return html


def split_index(site: Path) -> int:
    """Move the documents of the index Material wrote to the full index; its config stays.
    Returns how many documents moved."""
    index_path = site / INDEX
    if not (site / "assets/javascripts/workers" / LAZY_WORKER).is_file():
        raise EditionError(f"edition postbuild (lazy search): docs/assets/javascripts/workers/{LAZY_WORKER} "
                           "is missing")
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EditionError(f"edition postbuild (lazy search): no {INDEX}: lazy search needs Material's "
                           "search plugin (or run postbuild without --lazy-search)") from None
    if not index["docs"] and (site / FULL_INDEX).is_file():
        return 0  # split already (a site finished before)
    (site / FULL_INDEX).write_bytes(index_path.read_bytes())
    index_path.write_text(json.dumps({"config": index["config"], "docs": []}, separators=(",", ":")),
                          encoding="utf-8")
    return len(index["docs"])


# ---- the site's own scripts, minified in the built site ----------------------------------------

def minify_scripts(docs: Path, site: Path) -> list[tuple[str, int, int]]:
    """Minify (rjsmin) the built copy of every script of docs/assets/javascripts: the sources keep
    their comments, the reader's first view does without them. Returns (path, bytes before, after)."""
    done = []
    for source in sorted((docs / "assets" / "javascripts").rglob("*.js")):
        rel = source.relative_to(docs)
        built = site / rel
        if not built.is_file():
            raise EditionError(f"{rel}: not in the built site {site}: minify_js.py runs after the build")
        text = built.read_text(encoding="utf-8")
        small = rjsmin.jsmin(text, keep_bang_comments=False).strip() + "\n"
        if not small.strip() and text.strip():
            raise EditionError(f"{rel}: minified to nothing")
        built.write_text(small, encoding="utf-8")
        done.append((rel.as_posix(), len(text.encode()), len(small.encode())))
    return done
