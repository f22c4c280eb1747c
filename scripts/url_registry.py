"""Check or update data/url-registry.yml, the record of every URL and id this site has published.

A published address must keep working. The registry lists every page of the built site and every
id a reader can link to on it (see "Permanent URLs", docs/urls.md, for which ids count). This
command builds the site (or reads a build given with --site) and compares:

- a registered page that is gone fails, unless mkdocs.yml redirects it (plugin `redirects`,
  `redirect_maps: {old.md: new.md}`); its ids must then exist on the new page;
- a registered id that is gone from its page fails, unless data/id-redirects.yml maps it to the
  id that replaces it (the build then keeps an anchor with the old id there);
- a page or id that is published but not registered fails --check: register it with --update.

--update only adds: it never drops a registered entry, so the registry cannot be made to forget an
address. Each failure names the page and the id.

Usage:
  python scripts/url_registry.py --check  [--site DIR]   exit 1 on any failure above
  python scripts/url_registry.py --update [--site DIR]   register new pages and ids, then check
"""

from __future__ import annotations

import argparse
import html.parser
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "data" / "url-registry.yml"
ID_REDIRECTS = ROOT / "data" / "id-redirects.yml"
MKDOCS_YML = ROOT / "mkdocs.yml"

# Ids in a page's content that are not published addresses, and why.
UNPUBLISHED_IDS = [
    (re.compile(r"^ed-"), "the editors' marks in the brief, numbered in order within their block"),
    (re.compile(r"^apparatus-ed-"), "the rows of the apparatus table, named after those marks"),
    (re.compile(r"^fnref\d*:"), "footnote back-references, numbered by the footnotes extension"),
    (re.compile(r"^__"), "the theme's own"),
]
REGISTRY_HEADER = """\
# Every page and id this site has published, so that none is lost. GENERATED: never edit by hand.
# Register new pages and ids with `python scripts/url_registry.py --update`; the tests run --check.
# Pages are paths under the site's base URL (site_url); each lists the ids on it, in page order.
# An entry stays for ever: a page that moves gets a redirect in mkdocs.yml (plugin `redirects`),
# an id that changes gets an entry in data/id-redirects.yml. See docs/urls.md.
"""


class RegistryError(Exception):
    """A registry or redirect file is malformed."""


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


def build(out: Path) -> None:
    """mkdocs build --strict of the working tree into `out`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q",
                             "-f", str(MKDOCS_YML), "-d", str(out)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RegistryError(f"mkdocs build failed:\n{result.stdout}{result.stderr}")


# ---- the registry and the redirects ----------------------------------------------------------


def src_url(src: str) -> str:
    """The URL path MkDocs gives a source file (directory URLs): 'brief.md' -> '/brief/'."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    elif stem:
        stem += "/"
    return "/" + stem


def load_registry(path: Path = REGISTRY) -> dict[str, list[str]]:
    """The registry: page URL path -> registered ids."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict):
        raise RegistryError(f"{path.name}: expected a mapping `pages: {{/url/: [ids]}}`")
    for url, ids in pages.items():
        if not (isinstance(url, str) and url.startswith("/")) or not isinstance(ids, list):
            raise RegistryError(f"{path.name}: entry {url!r}: a page is a path starting with / and "
                                "its ids a list")
    return {url: [str(i) for i in ids] for url, ids in pages.items()}


def dump_registry(registry: dict[str, list[str]]) -> str:
    """The registry file's text: pages sorted by URL, ids in page order."""
    body = yaml.safe_dump({"pages": {u: registry[u] for u in sorted(registry)}}, sort_keys=False,
                          allow_unicode=True, default_flow_style=False, width=100)
    return REGISTRY_HEADER + body


def load_id_redirects(path: Path = ID_REDIRECTS) -> dict[str, dict[str, str]]:
    """data/id-redirects.yml: page source file -> {old id: new id}; malformed entries raise."""
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
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


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its plain data: tags like !ENV and !relative become None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def load_page_redirects(path: Path = MKDOCS_YML) -> dict[str, str]:
    """The redirects of mkdocs.yml (plugin `redirects`), as URL paths: '/old/' -> '/new/#x'."""
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
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


def run(site: Path, update: bool, registry_path: Path = REGISTRY, mkdocs_yml: Path = MKDOCS_YML) -> int:
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
              "`python scripts/url_registry.py --update`", file=sys.stderr)
    if failures or new:
        return 1
    print(f"{registry_path.name}: every registered page and id is published, and every published one "
          "is registered")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="fail on lost or unregistered addresses")
    mode.add_argument("--update", action="store_true", help="register new pages and ids, then check")
    parser.add_argument("--site", type=Path, help="a site already built from this tree (default: build one)")
    args = parser.parse_args(argv)
    try:
        load_id_redirects()  # malformed redirects fail here too, not only in the build
        if args.site:
            return run(args.site, args.update)
        with tempfile.TemporaryDirectory(prefix="url-registry-") as tmp:
            build(Path(tmp))
            return run(Path(tmp), args.update)
    except RegistryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
