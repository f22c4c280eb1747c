"""The site's Content-Security-Policy: one <meta http-equiv> policy, the same on every page.

Scripts, styles, workers, connections, images and fonts come from the site itself only; the inline
<script>s the theme writes (Material's __md_scope, palette and tab restoration) and the <style>s
the site inlines (overrides/main.html, edition.assets) are allowed by their sha256 hashes, computed
here from the built HTML. JSON data blocks (#__config, the brief's JSON-LD) never run and need none.
No 'unsafe-inline' for scripts or styles, no 'unsafe-eval', no other origin.

One policy for the whole site, not one per page: Material's instant navigation keeps the first
page's document and appends each new page's differing <head> children to it, and a CSP <meta>,
once inserted, stays in force even when removed. Per-page policies would pile up, and a script of
page B (re-run by instant navigation) would have to be allowed by page A's policy too. So
apply_to_pages() runs after the build (the last step of `edition postbuild`, edition.postbuild:
after the other steps have edited the pages) over every HTML file of the site, redirect pages
included, and writes the union of their hashes into each. A page that only a full load shows
(FULL_LOAD_ONLY: 404.html, the server's answer to an unknown address, which instant navigation,
following the sitemap's pages only, never brings in) has that policy plus its own hashes: no
other page carries them (two hashes fewer in every page's first view).

A <meta> policy cannot carry frame-ancestors, report-uri/report-to or sandbox (browsers ignore them
there): those need an HTTP header, which GitHub Pages does not let a site set.

Everything here works on text and needs no MkDocs. Errors are EditionErrors naming the page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from edition import htmlread
from edition.errors import EditionError

# What insert_meta() writes, with the line break and indentation before it.
META_RE = re.compile(r'\n?[ \t]*<meta http-equiv="Content-Security-Policy" content="[^"]*">')
# Where the policy goes: right after <meta charset> (which must stay within a page's first 1024
# bytes), before every element of <head> that loads or runs anything; else first in <head>.
CHARSET_RE = re.compile(r"<head>\s*?(?P<indent>[ \t]*)<meta charset=[^>]*>", re.I)
HEAD_RE = re.compile(r"<head(?:\s[^>]*)?>(?P<indent>)", re.I)

# A <script> runs (and needs a hash) when its type is absent, empty, a JavaScript MIME type, or one
# of these; any other type (application/json, application/ld+json) makes it a data block.
JS_TYPES = {"", "module", "importmap", "speculationrules", "text/javascript", "application/javascript",
            "application/ecmascript", "application/x-ecmascript", "application/x-javascript",
            "text/ecmascript", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
            "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
            "text/javascript1.4", "text/javascript1.5"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href"}

# The policy, directive by directive; {scripts} and {styles} are the hashes.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' {scripts}"),
    ("style-src", "'self' {styles}"),
    ("img-src", "'self' data:"),  # data: for the SVG icons in Material's stylesheets
    ("font-src", "'self'"),
    ("connect-src", "'self'"),  # instant navigation, sitemap.xml, the search index
    ("worker-src", "'self'"),  # the search worker: a same-origin file (search-lazy.js), no blob:
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-src", "'none'"),
)
# Pages that only a full page load shows, never instant navigation (it follows the sitemap's pages).
FULL_LOAD_ONLY = ("404.html",)
# For `mkdocs serve` only: its live-reload script is inline and differs with every request.
LIVE_RELOAD_SCRIPTS = "'unsafe-inline'"


@dataclass(frozen=True)
class Inline:
    """An inline <script> that runs, or a <style>: what the policy must allow by its hash."""

    tag: str
    text: str
    line: int

    def describe(self) -> str:
        """The element for a message: tag, line and the start of its text."""
        start = " ".join(self.text.split())[:60]
        return f"<{self.tag}> at line {self.line} ({start!r})"


@dataclass
class Scan:
    """A page's inline scripts and styles, its CSP <meta>s, the head's element order, and the
    attributes the policy blocks (style="", on*="", javascript: URLs)."""

    inlines: list[Inline] = field(default_factory=list)
    metas: list[str] = field(default_factory=list)
    head: list[str] = field(default_factory=list)  # the elements of <head>, in order, as "tag" or "meta csp"
    blocked: list[str] = field(default_factory=list)


def scan(html: str) -> Scan:
    """A page, scanned (edition.htmlread: the text of a script or style is raw, as written)."""
    found = Scan()
    for el in htmlread.elements(htmlread.page(html)):
        tag, line, values = el.tag, el.sourceline, htmlread.attrs(el)
        for name, value in values.items():
            if name == "style":
                found.blocked.append(f"<{tag}> at line {line} has a style attribute")
            elif name.startswith("on"):
                found.blocked.append(f"<{tag}> at line {line} has an inline event handler {name}=")
            elif name in URL_ATTRS and value.strip().lower().startswith("javascript:"):
                found.blocked.append(f"<{tag}> at line {line} has a javascript: URL in {name}=")
        is_csp = tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy"
        if is_csp:
            found.metas.append(values.get("content", ""))
        if htmlread.inside(el, "head"):
            found.head.append("meta csp" if is_csp else f"{tag} charset" if "charset" in values else tag)
        runs = "src" not in values and values.get("type", "").strip().lower() in JS_TYPES
        if tag == "style" or (tag == "script" and runs):
            found.inlines.append(Inline(tag, el.text or "", line))
    return found


def digest(text: str) -> str:
    """The CSP source for `text`: 'sha256-<base64>' of its UTF-8 bytes, line ends as the browser's
    parser normalises them (CR LF and CR to LF)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy(scripts: set[str], styles: set[str], live_reload: bool = False) -> str:
    """The policy's text, with the hashes sorted (two builds write the same bytes)."""
    script_sources = LIVE_RELOAD_SCRIPTS if live_reload else " ".join(sorted(scripts))
    return "; ".join(f"{name} {value.format(scripts=script_sources, styles=' '.join(sorted(styles)))}".strip()
                     for name, value in DIRECTIVES)


def insert_meta(html: str, content: str, where: str) -> str:
    """`html` with the policy's <meta> after its <meta charset> (or first in <head>); a policy
    written before (a dirty rebuild) is replaced."""
    html = META_RE.sub("", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    anchor = CHARSET_RE.search(html) or HEAD_RE.search(html)
    if not anchor:
        raise EditionError(f"{where}: no <head> to put the Content-Security-Policy in")
    return f"{html[:anchor.end()]}\n{anchor['indent']}{meta}{html[anchor.end():]}"


def apply_to_pages(pages: dict[str, str], live_reload: bool = False) -> tuple[dict[str, str], int]:
    """Every page of `pages` (its path in the site: its HTML) with the site's one policy (a page of
    FULL_LOAD_ONLY: with its own hashes added). Returns the pages and the number of hashes. Stops
    with an error naming the page and element if a page has an attribute the policy blocks."""
    scripts, styles, blocked = set(), set(), []
    own: dict[str, tuple[set[str], set[str]]] = {}
    for where, html in pages.items():
        found = scan(html)
        blocked += [f"{where}: {problem}" for problem in found.blocked]
        mine = own[where] = (set(), set())
        for inline in found.inlines:
            mine[inline.tag != "script"].add(digest(inline.text))
        if where not in FULL_LOAD_ONLY:
            scripts |= mine[0]
            styles |= mine[1]
    if blocked:
        raise EditionError("edition postbuild (csp): the Content-Security-Policy would block these "
                           "(move the style or script into a file of docs/assets/):\n  "
                           + "\n  ".join(blocked))
    done = {}
    for where, html in pages.items():
        extra = own[where] if where in FULL_LOAD_ONLY else (set(), set())
        done[where] = insert_meta(html, policy(scripts | extra[0], styles | extra[1], live_reload), where)
    every = set().union(*(s | t for s, t in own.values())) if own else set()
    return done, len(every)


def apply_to_site(site: Path, live_reload: bool = False) -> tuple[int, int]:
    """Write the site's one policy into every HTML page of `site`. Returns (pages, hashes)."""
    paths = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    done, hashes = apply_to_pages({where: p.read_text(encoding="utf-8") for where, p in paths.items()}, live_reload)
    for where, html in done.items():
        paths[where].write_text(html, encoding="utf-8")
    return len(done), hashes


def directives(content: str) -> dict[str, list[str]]:
    """A policy's directives: name -> sources."""
    out: dict[str, list[str]] = {}
    for part in content.split(";"):
        words = part.split()
        if words:
            out.setdefault(words[0].lower(), words[1:])
    return out


def check_page(html: str, where: str) -> list[str]:
    """What is wrong with a built page's policy: each message names the page and the element."""
    found = scan(html)
    if len(found.metas) != 1:
        return [f"{where}: {len(found.metas)} Content-Security-Policy <meta>s, not 1"]
    problems = [f"{where}: {problem}, which the policy blocks" for problem in found.blocked]
    before = found.head[:found.head.index("meta csp")] if "meta csp" in found.head else found.head
    if before not in ([], ["meta charset"]):
        problems.append(f"{where}: the Content-Security-Policy <meta> comes after {before}: "
                        "it must precede everything in <head> but <meta charset>")
    rules = directives(found.metas[0])
    for name in ("default-src", "script-src", "style-src", "object-src", "base-uri"):
        if name not in rules:
            problems.append(f"{where}: the policy has no {name}")
    if rules.get("object-src") != ["'none'"]:
        problems.append(f"{where}: object-src is not 'none'")
    for name, sources in rules.items():
        for source in sources:
            allowed = (source in ("'self'", "'none'") or re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", source)
                       or (name == "img-src" and source == "data:"))
            if not allowed:
                problems.append(f"{where}: {name} allows {source}: only the site itself and hashes")
    for inline in found.inlines:
        directive = "script-src" if inline.tag == "script" else "style-src"
        if digest(inline.text) not in rules.get(directive, []):
            problems.append(f"{where}: {inline.describe()} has no hash in {directive}: the browser will "
                            "not apply it")
    return problems
