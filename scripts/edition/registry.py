"""The record of every URL and id this site has published (data/url-registry.yml), and its check.

A published address must keep working. The registry lists every page of the built site and every
id a reader can link to on it (see "Permanent URLs", docs/urls.md, for which ids count). check()
compares it with a built site:

- a registered page that is gone fails, unless mkdocs.yml redirects it (plugin `redirects`,
  `redirect_maps: {old.md: new.md}`); its ids must then exist on the new page;
- a registered id that is gone from its page fails, unless data/id-redirects.yml maps it to the
  id that replaces it (the build then keeps an anchor with the old id there);
- a page or id that is published but not registered fails: register it with `edition urls --update`.

--update only adds: it never drops a registered entry. Each failure names the page and the id.
"""

from __future__ import annotations

import html.parser
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from edition.errors import RegistryError
from edition.yamlio import read_plain, read_yaml

# Ids in a page's content that are not published addresses, and why.
UNPUBLISHED_IDS = [
    (re.compile(r"^ed-"), "the editors' marks in the brief, numbered in order within their block"),
    (re.compile(r"^apparatus-ed-"), "the rows of the apparatus table, named after those marks"),
    (re.compile(r"^fnref\d*:"), "footnote back-references, numbered by the footnotes extension"),
    (re.compile(r"^__"), "the theme's own"),
]
REGISTRY_HEADER = """\
# Every page and id this site has published, so that none is lost. GENERATED: never edit by hand.
# Register new pages and ids with `edition urls --update`; the tests run --check.
# Pages are paths under the site's base URL (site_url); each lists the ids on it, in page order.
# An entry stays for ever: a page that moves gets a redirect in mkdocs.yml (plugin `redirects`),
# an id that changes gets an entry in data/id-redirects.yml. See docs/urls.md.
"""


@dataclass
class Page:
    """What the built site publishes at one URL."""

    ids: list[str] = field(default_factory=list)
    redirected_ids: dict[str, str] = field(default_factory=dict)  # old id: new id (id-redirects)


# ---- reading the built site ------------------------------------------------------------------


class _ContentIds(html.parser.HTMLParser):
    """Collects the ids inside a page's <article> (the content, not the theme's chrome)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.page, self.redirect = 0, Page(), False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("http-equiv", "").lower() == "refresh":
            self.redirect = True
        if tag == "article":
            self.depth += 1
        if self.depth and a.get("id"):
            if "id-redirect" in (a.get("class") or "").split():
                self.page.redirected_ids[a["id"]] = a.get("data-moved-to", "")
            elif not any(p.match(a["id"]) for p, _ in UNPUBLISHED_IDS):
                self.page.ids.append(a["id"])

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def read_site(site: Path) -> tuple[dict[str, Page], set[str]]:
    """The content pages of a built site by URL path ('/brief/'), and the redirect pages' paths."""
    pages, redirects = {}, set()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        parser = _ContentIds()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.redirect:
            redirects.add(url)
        else:
            pages[url] = parser.page
    return pages, redirects


# ---- the registry and the redirects ----------------------------------------------------------


def src_url(src: str) -> str:
    """The URL path MkDocs gives a source file (directory URLs): 'brief.md' -> '/brief/'."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    elif stem:
        stem += "/"
    return "/" + stem


def load_registry(path: Path) -> dict[str, list[str]]:
    """The registry: page URL path -> registered ids."""
    if not path.exists():
        return {}
    data = read_yaml(path, f"data/{path.name}", RegistryError) or {}
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict):
        raise RegistryError(f"data/{path.name}: expected a mapping `pages: {{/url/: [ids]}}`")
    for url, ids in pages.items():
        if not (isinstance(url, str) and url.startswith("/")) or not isinstance(ids, list):
            raise RegistryError(f"data/{path.name}: entry {url!r}: a page is a path starting with / and "
                                "its ids a list")
    return {url: [str(i) for i in ids] for url, ids in pages.items()}


def dump_registry(registry: dict[str, list[str]]) -> str:
    """The registry file's text: pages sorted by URL, ids in page order."""
    body = yaml.safe_dump({"pages": {u: registry[u] for u in sorted(registry)}}, sort_keys=False,
                          allow_unicode=True, default_flow_style=False, width=100)
    return REGISTRY_HEADER + body


def load_id_redirects(path: Path) -> dict[str, dict[str, str]]:
    """data/id-redirects.yml: page source file -> {old id: new id}; malformed entries raise."""
    name = f"data/{path.name}"
    if not path.exists():
        return {}
    data = read_yaml(path, f"data/{path.name}", RegistryError) or {}
    if not isinstance(data, dict):
        raise RegistryError(f"{name}: expected a mapping `page.md: {{old-id: new-id}}`")
    for src, pairs in data.items():
        if not (isinstance(src, str) and src.endswith(".md")) or not isinstance(pairs, dict):
            raise RegistryError(f"{name}: entry {src!r}: a page's source file (like brief.md) with "
                                "a mapping of old id to new id")
        for old, new in pairs.items():
            if not all(isinstance(x, str) and re.fullmatch(r"[^\s\"'<>#]+", x) for x in (old, new)):
                raise RegistryError(f"{name}: {src}: entry {old!r}: {new!r}: ids are single words "
                                    "without spaces, quotes or #")
            if old == new:
                raise RegistryError(f"{name}: {src}: entry {old!r} redirects to itself")
    return data


def load_page_redirects(path: Path) -> dict[str, str]:
    """The redirects of mkdocs.yml (plugin `redirects`), as URL paths: '/old/' -> '/new/#x'."""
    config = read_plain(path)
    maps: dict = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            maps = (plugin["redirects"] or {}).get("redirect_maps") or {}
    out = {}
    for old, new in maps.items():
        if re.match(r"^[a-z]+://", new):
            out[src_url(old)] = new
        else:
            page, _, frag = new.partition("#")
            out[src_url(old)] = src_url(page) + (f"#{frag}" if frag else "")
    return out


# ---- the comparison --------------------------------------------------------------------------


def check(registry: dict[str, list[str]], pages: dict[str, Page], page_redirects: dict[str, str]
          ) -> tuple[list[str], dict[str, list[str]]]:
    """Failures (each naming its page and id), and what is published but not registered."""
    failures: list[str] = []
    for url, ids in registry.items():
        where, via = url, ""
        if url not in pages:
            target = page_redirects.get(url)
            if target is None:
                failures.append(f"{url}: a registered page is gone. Restore it, or redirect it to its "
                                "new place in mkdocs.yml (plugins: redirects: redirect_maps: old.md: new.md)")
                continue
            if "://" in target:
                continue  # redirected off the site: its ids are the new site's business
            where, via = target.split("#")[0], f" (redirected to {target})"
            if where not in pages:
                failures.append(f"{url}: redirected to {target}, which the site does not have")
                continue
        page = pages[where]
        for i in ids:
            if i not in page.ids and i not in page.redirected_ids:
                failures.append(f"{url}#{i}: a registered id is gone from {where}{via}. Restore it, or "
                                f"map it to the id that replaces it in data/id-redirects.yml")
    new = {}
    for url, page in pages.items():
        known = set(registry.get(url, []))
        fresh = [i for i in page.ids if i not in known]
        if url not in registry or fresh:
            new[url] = fresh
    return failures, new


def merged(registry: dict[str, list[str]], pages: dict[str, Page]) -> dict[str, list[str]]:
    """The registry with every published page and id added; nothing registered is dropped."""
    out = {url: list(ids) for url, ids in registry.items()}
    for url, page in pages.items():
        old = out.get(url, [])
        out[url] = page.ids + [i for i in old if i not in page.ids]
    return out


def run(site: Path, update: bool, registry_path: Path, mkdocs_yml: Path) -> int:
    """Check (and with `update`, extend) the registry against a built site; print what is wrong."""
    registry = load_registry(registry_path)
    pages, _ = read_site(site)
    failures, new = check(registry, pages, load_page_redirects(mkdocs_yml))
    if update and new:
        text = dump_registry(merged(registry, pages))
        if not registry_path.exists() or registry_path.read_text(encoding="utf-8") != text:
            registry_path.write_text(text, encoding="utf-8")
        n = sum(len(v) for v in new.values())
        print(f"registered {len(new)} page(s) with {n} new id(s) in {registry_path.name}")
        new = {}
    for line in failures:
        print(f"error: {line}", file=sys.stderr)
    for url, ids in new.items():
        what = ", ".join(f"#{i}" for i in ids) if ids else "the page"
        print(f"error: {url}: published but not registered: {what}. Run "
              "`edition urls --update`", file=sys.stderr)
    if failures or new:
        return 1
    print(f"{registry_path.name}: every registered page and id is published, and every published one "
          "is registered")
    return 0


