"""The site's stylesheets written into each page's <head>, its own scripts minified, and search
loaded at the first query.

What the MkDocs hooks inline_css.py, minify_js.py and lazy_search.py do, without MkDocs: all are about the
speed of a first view (see the README's "Speed, measured"). Errors are EditionErrors naming the
file and the problem; the hooks turn them into build errors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, Iterator

import rcssmin
import rjsmin

from edition.errors import EditionError

# ---- stylesheets ------------------------------------------------------------------------------

COLOUR_RE = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")


def minify(css: str) -> str:
    """`css` minified by rcssmin (comments dropped, needless whitespace removed)."""
    # "{--" opens a custom property, but the build's checks read it as raw CriticMarkup: keep a space.
    return rcssmin.cssmin(css).replace("{--", "{ --")


def _blocks(css: str) -> Iterator[tuple[str, str | None]]:
    """The top-level blocks of minified `css` (no braces in strings), as (prelude, body); text
    after the last block, if any, as (text, None)."""
    pos = 0
    while pos < len(css):
        start = css.find("{", pos)
        if start < 0:
            yield css[pos:], None
            return
        depth, end = 1, start + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        yield css[pos:start], css[start + 1:end - 1]
        pos = end


def only_colours(css: str, used: set[str]) -> str:
    """`css` (minified, no braces in strings) without the rules for primary and accent colours
    other than `used`: the palette stylesheet has rules for all of the theme's ~20 colours."""
    return keep_selectors(css, lambda sel: all(colour in used for colour in COLOUR_RE.findall(sel)))


GROUPING_RULES = ("@media", "@supports", "@layer", "@container")


def keep_selectors(css: str, keep: Callable[[str], bool]) -> str:
    """`css` (minified, no braces in strings) with only the selectors `keep` accepts; a rule left
    without selectors goes. @media, @supports, @layer and @container blocks are filtered inside
    (and go when left empty); other at-rules (@font-face, @keyframes) stay whole."""
    out = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude)
            continue
        if prelude.startswith("@"):
            if prelude.startswith(GROUPING_RULES) and "{" in body:
                body = keep_selectors(body, keep)
                if body:
                    out.append(f"{prelude}{{{body}}}")
            else:
                out.append(f"{prelude}{{{body}}}")
            continue
        selectors = [sel for sel in re.split(r",(?![^()]*\))", prelude) if keep(sel)]
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
            "css": at_real_switches(only_colours(css, used), found[0].name).replace("{--", "{ --")}  # "{ --": see minify()


# Material's bundle sets this attribute on <body> while it applies a colour scheme, at every page
# load as well as at a switch, and its rule `[data-md-color-switching] *` then restyles the whole
# page twice (the brief's ~5,000 nodes: a forced style recalculation in the start-up task). The
# rule's only purpose is to stop colour transitions during a switch, so the edition keys it to its
# own attribute, which docs/assets/javascripts/reading-mode.js sets only when the reader switches.
SWITCHING = "[data-md-color-switching]"
SWITCHING_OURS = "[data-ed-switching]"


def at_real_switches(css: str, name: str) -> str:
    """The palette stylesheet with its no-transition rule keyed to the edition's own attribute."""
    if SWITCHING not in css:
        raise EditionError(f"overrides/hooks/inline_css.py: the theme's {name} has no {SWITCHING} rule "
                           "to key to the edition's own switch: has Material changed? (see edition.assets)")
    return css.replace(SWITCHING, SWITCHING_OURS)


# ---- the theme's main stylesheet, without the rules no page can use -----------------------------

THEME_CSS_RE = re.compile(r"main\.[0-9a-f]+\.min\.css")
# Classes Material's bundle composes at run time (`md-tag--${name}`, `md-source__fact--${fact}`),
# so that no file holds them whole: their rules are always kept.
COMPOSED_CLASSES = ("md-tag--", "md-source__fact--")
CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
WORD_RE = re.compile(r"-?[_a-zA-Z][\w-]*")


def _needed_classes(selector: str) -> list[str]:
    """The classes an element must have for `selector` to match it: those outside parentheses
    (a class under :not(), :is(), :where() or :has() need not be present for a match)."""
    bare = selector
    while True:
        inner = re.sub(r"\([^()]*\)", "", bare)
        if inner == bare:
            break
        bare = inner
    return CLASS_RE.findall(re.sub(r"\[[^\]]*\]", "", bare))


def prune_css(css: str, words: set[str]) -> str:
    """`css` (minified) without the selectors that need a class none of `words` is: no element of the
    site has it, and no script can give it one (edition.assets.keep_selectors)."""
    return keep_selectors(css, lambda sel: all(c in words or c.startswith(COMPOSED_CLASSES)
                                               for c in _needed_classes(sel)))


# Material styles a table without a class as a data table (`table:not([class])`) and, at every page
# load, wraps it for scrolling. With that test in its rules, every class change anywhere in a page
# restyles the changed element's whole subtree in Chromium (a `[class]` test left of a rule's last
# part, which names no class or tag: `… td > :first-child`); at load that is <html>'s no-js -> js,
# the whole page. So the edition's data tables carry a class, with Material's wrapper, from the build
# (edition.extension: Markdown tables; overrides/partials: generated ones), and the theme's
# stylesheet reads that class instead.
DATA_TABLE_CLASS = "ed-table"
DATA_TABLE = "table:not([class])"


def data_tables_by_class(css: str, name: str) -> str:
    """The theme's stylesheet with its data-table rules keyed to DATA_TABLE_CLASS instead of to a
    table without a class."""
    if DATA_TABLE not in css:
        raise EditionError(f"overrides/hooks/inline_css.py: the theme's {name} has no {DATA_TABLE} rule "
                           "to key to the edition's data-table class: has Material changed? (see edition.assets)")
    return css.replace(DATA_TABLE, f"table.{DATA_TABLE_CLASS}")


def _theme_file(folder: Path, name_re: re.Pattern, pattern: str, hook: str) -> Path:
    """The one file of the theme in `folder` whose name `name_re` matches (`pattern` for messages)."""
    found = sorted(p for p in folder.glob(pattern) if name_re.fullmatch(p.name))
    if len(found) != 1:
        rel = f"{folder.parent.name}/{folder.name}/{pattern}"
        raise EditionError(f"overrides/hooks/{hook}: expected one {rel} in the built site, found "
                           f"{[p.name for p in found]}: has Material changed?")
    return found[0]


def _replace_theme_file(old: Path, text: str, pages: list[Path]) -> Path:
    """`text` written in place of the theme's file `old`, under a name from its hash (main.<hash8>.min.css,
    bundle.<hash8>.min.js), `old` and its source map (which no longer fits) gone, every page of `pages`
    pointed at the new name. Deterministic: the same text gives the same name."""
    import hashlib

    stem, rest = old.name.split(".", 1)
    new = old.with_name(f"{stem}.{hashlib.sha256(text.encode()).hexdigest()[:8]}.{rest.split('.', 1)[1]}")
    new.write_text(text, encoding="utf-8")
    if new != old:
        old.unlink()
    old.with_name(f"{old.name}.map").unlink(missing_ok=True)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if old.name in html:
            page.write_text(html.replace(old.name, new.name), encoding="utf-8")
    return new


def prune_theme_css(site: Path) -> tuple[str, str, int, int]:
    """Material's main stylesheet in the built `site`, its data-table rules keyed to the edition's
    class (data_tables_by_class), without the rules for classes that no page,
    script or search document of the site holds (tabs, admonition kinds, blog, consent, keys …),
    written under a new name from its content's hash, every page pointed at it. Returns the old
    and new names and sizes. Deterministic: the same site gives the same bytes."""
    old = _theme_file(site / "assets" / "stylesheets", THEME_CSS_RE, "main.*.min.css", "inline_css.py")
    words: set[str] = set()
    pages = sorted(site.rglob("*.html"))
    for path in [*pages, *sorted(site.rglob("*.js")), *sorted(site.rglob("*.json"))]:
        words.update(WORD_RE.findall(path.read_text(encoding="utf-8", errors="replace")))
    css = re.sub(r"/\*.*?\*/", "", old.read_text(encoding="utf-8"), flags=re.S).strip()
    pruned = prune_css(data_tables_by_class(css, old.name), words)
    new = _replace_theme_file(old, pruned, pages)
    return old.name, new.name, len(css), len(pruned)


# ---- the theme's script, without its colour-scheme <meta> ------------------------------------------

BUNDLE_RE = re.compile(r"bundle\.[0-9a-f]+\.min\.js")
# Material's palette component, as it mounts at every page load, appends a <meta name="color-scheme">
# to <head>, then sets its content from the header's computed colour scheme. Chromium restyles the
# whole page at each of the two (the brief: two passes over ~1,200 elements in the bundle's start-up
# task, README "Speed, measured"). The meta only carries the palette's scheme up to the root, for the
# page's own scroll bars; edition.css does that with `:root:has(> body[data-md-color-scheme=slate])`,
# which costs nothing until the scheme changes. So the bundle's meta becomes a plain object: its
# later `o.content = …` then touches no element. The text is the pinned Material's, minified.
COLOUR_SCHEME_META = 'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);'
COLOUR_SCHEME_META_OFF = "let o={};"


def without_colour_scheme_meta(js: str, name: str) -> str:
    """Material's bundle with its colour-scheme <meta> taken out (see COLOUR_SCHEME_META)."""
    found = js.count(COLOUR_SCHEME_META)
    if found != 1:
        raise EditionError(f"overrides/hooks/theme_js.py: the theme's {name} holds {found} copies of "
                           f"{COLOUR_SCHEME_META!r}, not 1: has Material changed? Check what its palette "
                           "component now does with <meta name=\"color-scheme\"> (edition.assets)")
    return js.replace(COLOUR_SCHEME_META, COLOUR_SCHEME_META_OFF)


def patch_theme_bundle(site: Path) -> tuple[str, str]:
    """The theme's bundle in the built `site` without its colour-scheme <meta>, renamed from its new
    content's hash (its source map, which no longer fits, and the comment naming it go), every page
    pointed at the new name. Returns the old and new names."""
    old = _theme_file(site / "assets" / "javascripts", BUNDLE_RE, "bundle.*.min.js", "theme_js.py")
    js = without_colour_scheme_meta(old.read_text(encoding="utf-8"), old.name)
    js = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", js)
    new = _replace_theme_file(old, js, sorted(site.rglob("*.html")))
    return old.name, new.name


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
