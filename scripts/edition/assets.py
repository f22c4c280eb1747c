"""The site's stylesheets written into each page's <head> (each page keeping only the rules it can
use), the pages' white space between tags collapsed, its own scripts minified, and search loaded
at the first query.

What the edition plugin (inline_css) and `edition postbuild` (pruned styles, scripts, lazy search)
do, without MkDocs: all are about the speed of a first view (measured by `edition benchmark`, whose
last run is benchmark/results.md). Errors are EditionErrors naming the
file and the problem; the plugin turns them into build errors.
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path

import rcssmin
import rjsmin

from edition import cssread
from edition.errors import EditionError

# ---- stylesheets ------------------------------------------------------------------------------


def minify(css: str) -> str:
    """`css` minified by rcssmin (comments dropped, needless whitespace removed)."""
    return rcssmin.cssmin(css)


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


# ---- the site's own scripts, written into the page -----------------------------------------------


def inline_scripts(docs: Path, extra_javascript: list) -> str:
    """The site's own scripts (mkdocs.yml extra_javascript: plain or deferred, not modules, not
    async), in their listed order, minified for one <script> at the end of each page's <body>,
    after the theme's: where a deferred script runs, with no request of its own (the CSP allows it
    by its one hash: the same text in every page)."""
    parts = []
    for entry in extra_javascript:
        path = str(getattr(entry, "path", entry))
        if getattr(entry, "type", "") or getattr(entry, "async_", False):
            raise EditionError(f"mkdocs.yml: extra_javascript lists {path} as a module or async script: "
                               "only plain or deferred scripts can be written into the page")
        source = Path(docs, path)
        if "//" in path or not source.is_file():
            raise EditionError(f"mkdocs.yml: extra_javascript lists {path}, which is not a file of {docs}")
        js = rjsmin.jsmin(source.read_text(encoding="utf-8"), keep_bang_comments=False).strip()
        if re.search(r"</script|<!--", js, re.I):
            raise EditionError(f"{source}: '</script' or '<!--' would end or change the inline <script>")
        parts.append(js)
    return "\n".join(parts)


# ---- the favicon, written into the page ---------------------------------------------------------


def favicon_data_uri(docs: Path, favicon: str) -> str:
    """The SVG favicon `favicon` (a path under `docs`, as mkdocs.yml's theme.favicon names it) as a
    data: URI for the page's <link rel="icon">: no request of its own on a first view (0.5 kB with
    its headers), and, its path being the header logo's, almost nothing added to the compressed
    page. Percent-encoded only where a URL or the attribute needs it (`<`, `>` and spaces are not
    allowed in a URL: the Nu checker refuses them); `"` becomes `'`, so the URI sits in a
    double-quoted attribute that the template writes unescaped."""
    source = Path(docs, favicon)
    if not source.is_file():
        raise EditionError(f"mkdocs.yml: theme.favicon names {favicon}, which is not a file of {docs}")
    svg = " ".join(source.read_text(encoding="utf-8").split())
    if not svg.startswith("<svg") or not svg.endswith("</svg>"):
        raise EditionError(f"{source}: not an SVG image (an <svg> element and nothing else)")
    for char, code in (("%", "%25"), ("#", "%23"), ("&", "%26"), ("'", "%27"), ('"', "'"), ("<", "%3C"),
                       (">", "%3E"), (" ", "%20")):
        svg = svg.replace(char, code)
    return "data:image/svg+xml," + svg


# What only an opened Cite panel needs: linked at the first reach for one (edition.js), inline only
# where citations show at once (How to cite; overrides/main.html).
CITE_PANEL_CSS = "assets/stylesheets/cite-panel.css"


def minify_stylesheets(docs: Path, site: Path) -> list[tuple[str, int, int]]:
    """Minify (rcssmin) the built copy of every stylesheet of docs/assets/stylesheets: those a page
    links (cite-panel.css) are fetched without their comments. Returns (path, bytes before, after)."""
    done = []
    for source in sorted((docs / "assets" / "stylesheets").glob("*.css")):
        rel = source.relative_to(docs)
        built = site / rel
        if not built.is_file():
            raise EditionError(f"{rel}: not in the built site {site}")
        text = built.read_text(encoding="utf-8")
        small = minify(text).strip() + "\n"
        if not small.strip() and text.strip():
            raise EditionError(f"{rel}: minified to nothing")
        built.write_text(small, encoding="utf-8")
        done.append((rel.as_posix(), len(text.encode()), len(small.encode())))
    return done


# ---- each page's inline stylesheet: only the rules that can apply to it --------------------------

STYLE_RE = re.compile(r"<style>(?P<css>.*?)</style>", re.S)
WORD_RE = re.compile(r"-?[A-Za-z_][\w-]*")
# In a selector, outside parentheses: the class and id names it needs.
NEEDS_RE = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")
# At-rules holding style rules: pruned inside; other at-rules (@keyframes, @font-face) stay whole.
GROUPING = ("@media", "@supports", "@layer", "@container", "@document")


def words(text: str) -> set[str]:
    """Every identifier-like word of `text` (class names, ids, words of a script's strings)."""
    return set(WORD_RE.findall(text))


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(), :not() ...)."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return [p.strip() for p in parts if p.strip()]


def _outside_brackets(selector: str) -> str:
    """The selector without what is inside ( ) and [ ]: :not(.x) needs no .x, [href*=".pdf"] no class."""
    out, depth = [], 0
    for c in selector:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out)


def may_match(selector: str, present: set[str]) -> bool:
    """Whether `selector` can match: every class and id it needs (outside brackets) is a word of the
    page or of a script that could write it. Conservative: elements, attributes and states count as
    present."""
    return all(name in present for name in NEEDS_RE.findall(_outside_brackets(selector)))


def prune_css(css: str, present: set[str], where: str = "the page") -> str:
    """`css` (minified) without the style rules none of whose selectors can match in a page whose
    words (and its scripts' words) are `present`; at-rules other than grouping ones stay whole."""
    out = []
    for prelude, body in cssread.statements(css, where, "inline stylesheet"):
        if body is None:
            out.append(prelude)
        elif prelude.startswith("@"):
            if prelude.lower().startswith(GROUPING):
                inner = prune_css(body, present, where)
                if inner:
                    out.append(f"{prelude}{{{inner}}}")
            else:
                out.append(f"{prelude}{{{body}}}")
        elif any(may_match(s, present) for s in _split_selectors(prelude)):
            # the rule whole: a browser drops a rule with any selector it cannot parse, and taking
            # such a selector out of the list would make the rule apply where it never did
            out.append(f"{prelude}{{{body}}}")
    return "".join(out)


SCRIPT_SRC_RE = re.compile(r"<script\b[^>]*?\bsrc=\"(?P<src>[^\"]+)\"")
# A script written into the page (no src, no type: JavaScript), such as the site's own (inline_js).
INLINE_SCRIPT_RE = re.compile(r"<script\b(?![^>]*\b(?:src|type)=)[^>]*>(?P<js>.*?)</script>", re.S | re.I)


# Scripts a loader loads only on pages whose markup holds one of these: edition.js, on every page,
# loads cite.js where there is a Cite control to reach or a citation to copy (docs/assets/javascripts).
LOADED_ONLY_WHERE = {"assets/javascripts/cite.js": ('class="ed-cite"', 'class="ed-cite__entry"')}


def loaded_script_words(html: str, page: Path, root: Path, scripts: dict[str, set[str]]) -> set[str]:
    """The words of the scripts a page loads (`scripts`: every script file of the site, by its path
    under `root`, with its words): those its <script src>s name and the site's scripts whose name is
    a word of one of those or of a script written into the page (a loader's: edition.js, written
    into every page, loads cite.js), unless LOADED_ONLY_WHERE says the loader leaves it on a page
    like this one. A script the site does not hold (another origin, a path outside it) cannot be
    read: every script's words then."""
    loaded: set[str] = set()
    for m in SCRIPT_SRC_RE.finditer(html):
        src = m["src"].split("?", 1)[0].split("#", 1)[0]
        try:
            rel = (page.parent / src).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = None
        if "//" in src or rel not in scripts:
            return set().union(*scripts.values())
        loaded.add(rel)
    loader_words = set().union(set(), *(scripts[rel] for rel in loaded),
                               *(words(m["js"]) for m in INLINE_SCRIPT_RE.finditer(html)))
    loaded |= {other for other in scripts if Path(other).stem in loader_words and other not in loaded
               and any(marker in html for marker in LOADED_ONLY_WHERE.get(other, ("",)))}
    return set().union(set(), *(scripts[rel] for rel in loaded))


def prune_page_styles(html: str, script_words: set[str], where: str) -> str:
    """Each inline <style> of a page keeps only the rules that can apply to the page: to its markup
    or to what the scripts it loads (`script_words`, the theme's included: loaded_script_words) may
    add to it."""
    present = words(STYLE_RE.sub("", html)) | script_words
    return STYLE_RE.sub(lambda m: "<style>" + prune_css(m["css"], present, where) + "</style>", html)


# ---- each page's white space between tags ----------------------------------------------------

# Where white space is content: preformatted elements, code (the source view's lines are <code> set
# `white-space: pre`), and the text of scripts, styles and templates (their CSP hashes are of it).
PROTECTED_RE = re.compile(r"<(pre|textarea|code|script|style|template)\b.*?</\1\s*>", re.S | re.I)
# A run of white space holding a line break, between two tags: the templates' blank lines and
# indentation. It becomes one line break, which a browser lays out as the run did (one space, or
# nothing between blocks).
BETWEEN_TAGS_RE = re.compile(r"(?<=>)[ \t\r\n]*\n[ \t\r\n]*(?=<)")


def collapse_whitespace(html: str) -> str:
    """`html` with each run of white space between two tags that holds a line break made one line
    break, outside preformatted elements, code, scripts, styles and templates. The text a reader
    sees, selects or copies is unchanged; 0.4 kB of the brief's first view (gzip) is not sent."""
    protected = [m.span() for m in PROTECTED_RE.finditer(html)]
    starts = [s for s, _ in protected]

    def one_break(m: re.Match) -> str:
        i = bisect.bisect_right(starts, m.start()) - 1
        return m[0] if i >= 0 and m.start() < protected[i][1] else "\n"

    return BETWEEN_TAGS_RE.sub(one_break, html)


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
