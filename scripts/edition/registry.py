"""The record of every URL and id this site has published (data/url-registry.yml), and its check.

A published address must keep working. The registry lists every page of the built site and every
id a reader can link to on it (see "Permanent URLs", docs/urls.md, for which ids count). check()
compares it with a built site:

- a registered page that is gone fails, unless mkdocs.yml redirects it (plugin `redirects`,
  `redirect_maps: {old.md: new.md}`); its ids must then exist on the new page;
- a registered id that is gone from its page fails, unless data/id-redirects.yml maps it to the
  id that replaces it (the build then keeps an anchor with the old id there);
- a page or id that is published but not registered fails: register it with `edition urls --update`.

The registry file is not trusted alone: in a git checkout, every version of it ever committed
(registry_history) is read too, so that a hand edit that drops or renames an entry cannot hide a
lost address. Every page and id ever registered is checked as above, and one that the file has lost
fails, naming the commit that last registered it, unless it is redirected. --update restores it.

--update only adds: it never drops a registered entry. Each failure names the page and the id.

What each id of the brief holds (`holds:`): an address must keep pointing at the same words, so the
registry records, for every id of docs/brief.md (its sections, paragraphs, pull-quotes, notes),
the first HOLD_WORDS words of the author's text there, with the editors' marks undone (a
substitution's source words, a deletion's words kept, an insertion, a moved passage's new place
and every comment dropped): the editors' notes, reasons and emendations may change freely without
touching it. Every load of the edition (the build, `edition urls --check`, `edition fidelity`)
compares it with the brief (check_holds): two ids swapped, or an id given to other text, fail,
naming both ids. A deliberate move is recorded with `edition urls --move ID --reason "…"`: the id's
words are registered anew and a `moved:` entry keeps what it held before, when, and why.
--update registers the words of new ids; it never changes those of a registered one.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from edition import gitio, htmlread, notation
from edition.data import check_entries
from edition.errors import RegistryError
from edition.yamlio import read_plain, read_yaml

HOLD_WORDS = 12  # the words of an id's text the registry records (enough to tell any two apart)
WORD_RE = re.compile(r"[\w’'-]+")

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
# `holds:` gives the first words of the author's text at each id of the brief (marks taken out):
# an id that holds other words fails the build; a deliberate move is recorded, in `moved:`, with
# `edition urls --move ID --reason "..."`.
"""


@dataclass
class Page:
    """What the built site publishes at one URL."""

    ids: list[str] = field(default_factory=list)
    redirected_ids: dict[str, str] = field(default_factory=dict)  # old id: new id (id-redirects)


# ---- reading the built site ------------------------------------------------------------------


def read_page(html: str) -> tuple[Page, bool]:
    """The ids inside a page's <article> (the content, not the theme's chrome; the article's own
    too), and whether the page is a redirect (a <meta http-equiv="refresh">)."""
    page, redirect = Page(), False
    for el in htmlread.elements(htmlread.page(html)):
        if (el.get("http-equiv") or "").lower() == "refresh":
            redirect = True
        i = el.get("id")
        if i and (el.tag == "article" or htmlread.inside(el, "article")):
            if "id-redirect" in htmlread.classes(el):
                page.redirected_ids[i] = el.get("data-moved-to") or ""
            elif not any(p.match(i) for p, _ in UNPUBLISHED_IDS):
                page.ids.append(i)
    return page, redirect


def read_site(site: Path) -> tuple[dict[str, Page], set[str]]:
    """The content pages of a built site by URL path ('/brief/'), and the redirect pages' paths."""
    pages, redirects = {}, set()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        page, redirect = read_page(path.read_text(encoding="utf-8"))
        if redirect:
            redirects.add(url)
        else:
            pages[url] = page
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
    return parse_registry(read_yaml(path, f"data/{path.name}", RegistryError), f"data/{path.name}")


def parse_registry(data: object, shown: str) -> dict[str, list[str]]:
    """A registry file's parsed YAML as page URL path -> ids; `shown` names the file in errors."""
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict):
        raise RegistryError(f"{shown}: expected a mapping `pages: {{/url/: [ids]}}`")
    for url, ids in pages.items():
        if not (isinstance(url, str) and url.startswith("/")) or not isinstance(ids, list):
            raise RegistryError(f"{shown}: entry {url!r}: a page is a path starting with / and "
                                "its ids a list")
    return {url: [str(i) for i in ids] for url, ids in pages.items()}


def dump_registry(registry: dict[str, list[str]], holds: dict[str, str] | None = None,
                  moved: list[dict] | None = None) -> str:
    """The registry file's text: pages sorted by URL, ids in page order; then what each id of the
    brief holds (in the brief's order), and the deliberate moves."""
    data: dict = {"pages": {u: registry[u] for u in sorted(registry)}}
    if holds:
        data["holds"] = dict(holds)
    if moved:
        data["moved"] = list(moved)
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    return REGISTRY_HEADER + body


# ---- what each id of the brief holds ---------------------------------------------------------


def _words(markdown: str) -> list[str]:
    """The words of a block's Markdown, without its markup, attribute lists and note labels."""
    text = re.sub(r"<!--.*?-->|<[^<>]*>|\{:?[ \t]*[#.][^}\n]*\}|\[\^\d+\]:?|^#+\s", " ", markdown,
                  flags=re.S | re.M)
    return WORD_RE.findall(re.sub(r"\]\([^)\s]*\)", " ", text))


def fingerprints(doc: notation.Document) -> dict[str, str]:
    """Each id of the brief: the first HOLD_WORDS of the author's words in its block, the words no
    mark touches (every mark, with its comment, taken out); for a block all of whose words are
    marked (a supplied heading), its reading's."""
    out: dict[str, str] = {}
    for start, end, block_id in notation.block_ids(doc.text):
        if not block_id or block_id in out:
            continue
        chunk = doc.text[start:end]
        words = _words(notation.TOKEN_RE.sub(" ", chunk)) or _words(notation.reading_text(chunk))
        out[block_id] = " ".join(words[:HOLD_WORDS])
    return out


def similarity(registered: str, now: str) -> float:
    """How far an id's words now are its registered ones: 1 the same; for blocks of six words or
    more, the share of words in order (an editor's new mark on a word takes it out of the count);
    0 for a short block (a heading) that differs."""
    a, b = registered.split(), now.split()
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio() if min(len(a), len(b)) >= 6 else 0.0


def same_text(registered: str, now: str) -> bool:
    """An id still holds its registered words (80% of them in order, a short block exactly)."""
    return similarity(registered, now) >= 0.8


def load_holds(path: Path) -> tuple[dict[str, str], list[dict]]:
    """The registry's `holds:` (id -> words) and `moved:` entries, checked for form."""
    shown = f"data/{path.name}"
    data = read_yaml(path, shown, RegistryError) if path.exists() else {}
    holds, moved = (data or {}).get("holds") or {}, (data or {}).get("moved") or []
    if not isinstance(holds, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in holds.items()):
        raise RegistryError(f"{shown}: `holds:` must map each id of the brief to its first words")
    if not isinstance(moved, list) or not all(
            isinstance(e, dict) and set(e) == {"id", "was", "now", "reason"}
            and all(isinstance(v, str) and v.strip() for v in e.values()) for e in moved):
        raise RegistryError(f"{shown}: each `moved:` entry needs exactly id, was, now and reason (text)")
    return holds, moved


def check_holds(path: Path, doc: notation.Document) -> None:
    """RegistryError naming both ids if an id of the brief holds other words than it was registered
    with: two ids swapped, or one given the text of another or new text (see the module doc)."""
    holds, _ = load_holds(path)
    now = fingerprints(doc)
    problems = []
    for i, was in holds.items():
        if i not in now:
            continue  # an id gone from the brief is check()'s business (a lost address)
        own = similarity(was, now[i])
        if own == 1.0:
            continue
        other, best = max(((o, similarity(words, now[i])) for o, words in holds.items() if o != i),
                          key=lambda x: x[1], default=(None, 0.0))
        if other is not None and best > own and best >= 0.8:  # it holds another id's words
            if other in now and similarity(was, now[other]) > similarity(holds[other], now[other]):
                if i < other:
                    problems.append(f"#{i} and #{other} have swapped their text: #{i} was registered "
                                    f"holding “{was}” and now holds “{now[i]}”, which #{other} held")
            else:
                problems.append(f"#{i} now holds the text registered for #{other} (“{now[i]}”); it "
                                f"was registered holding “{was}”")
        elif own < 0.8:
            problems.append(f"#{i} was registered holding “{was}” and now holds “{now[i]}”")
    if problems:
        raise RegistryError(f"data/{path.name}: the brief's ids no longer hold their text (a permanent "
                            f"address would show other words): {'; '.join(problems)}. Put the ids "
                            "back on their text, or record a deliberate move with `edition urls "
                            "--move ID --reason \"…\"`")


def record_move(path: Path, doc: notation.Document, block_id: str, reason: str) -> str:
    """Register the words `block_id` holds now, keeping what it held before in a `moved:` entry."""
    holds, moved = load_holds(path)
    now = fingerprints(doc)
    if block_id not in now:
        raise RegistryError(f"--move {block_id}: no id {block_id} in the brief")
    if block_id not in holds:
        raise RegistryError(f"--move {block_id}: not registered yet (`edition urls --update` registers it)")
    if same_text(holds[block_id], now[block_id]):
        raise RegistryError(f"--move {block_id}: it still holds its registered words (“{now[block_id]}”)")
    if not reason.strip():
        raise RegistryError(f"--move {block_id}: give the --reason")
    moved.append({"id": block_id, "was": holds[block_id], "now": now[block_id], "reason": " ".join(reason.split())})
    holds[block_id] = now[block_id]
    registry = load_registry(path)
    path.write_text(dump_registry(registry, holds, moved), encoding="utf-8")
    return f"#{block_id} now registered holding “{now[block_id]}” (was “{moved[-1]['was']}”)"


def load_id_redirects(path: Path) -> dict[str, dict[str, str]]:
    """data/id-redirects.yml: page source file -> {old id: new id}. Its shape is its schema's
    (scripts/edition/schema/id-redirects.schema.json); a malformed entry, or an id that redirects to
    itself, raises."""
    name = f"data/{path.name}"
    if not path.exists():
        return {}
    data = read_yaml(path, name, RegistryError)
    check_entries("id-redirects.yml", data, name, lambda keys, pairs, src: None if keys else f"entry {src!r}",
                  RegistryError, quote="")
    for src, pairs in (data or {}).items():
        for old, new in pairs.items():
            if old == new:
                raise RegistryError(f"{name}: {src}: entry {old!r} redirects to itself")
    return data or {}


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


# ---- the registry's history -----------------------------------------------------------------

REGISTRY_SHOWN = "data/url-registry.yml"


@dataclass
class History:
    """Every page and id the registry file has held in a commit, each with the newest such commit."""

    pages: dict[str, str] = field(default_factory=dict)  # url: 'commit 726e807 (2026-11-25)'
    ids: dict[tuple[str, str], str] = field(default_factory=dict)  # (url, id): commit, as above
    commits: int = 0  # how many committed versions were read
    note: str = ""  # what could not be consulted (a shallow clone's older commits), if anything


def _git(args: list[str], cwd: Path, shown: str, stdin: bytes | None = None) -> bytes:
    """git's output, or RegistryError naming the file, the git command and git's own message."""
    try:
        return gitio.git(args, cwd, stdin)
    except gitio.GitError as exc:
        raise RegistryError(f"{shown}: cannot read its history: {exc}") from exc


def _versions(top: Path, rel: str, shown: str) -> list[tuple[str, str]]:
    """(commit label, 'sha:path') of each committed version of the file, newest first (renames too)."""
    log = _git(["log", "--follow", "--name-status", "--date=short", "--format=%x00%H %h %ad", "--", rel],
               top, shown).decode("utf-8", errors="replace")
    versions, name = [], rel
    for chunk in log.split("\0")[1:]:
        head, *rest = chunk.strip("\n").split("\n")
        sha, short, date = head.split(" ")
        status = [line.split("\t") for line in rest if "\t" in line]
        if status and status[0][0] == "D":
            continue  # the commit that deleted it: no version here, the older ones bear this name
        if status:
            name = status[0][-1]
        versions.append((f"commit {short} ({date})", f"{sha}:{name}"))
        if status and status[0][0].startswith(("R", "C")):
            name = status[0][1]  # older commits hold it under its former name
    return versions


def registry_history(path: Path) -> History | None:
    """Every page and id of every committed version of the registry file; None outside a git checkout."""
    path = path.resolve()
    shown = REGISTRY_SHOWN if path.parent.name == "data" else path.name
    if not any((d / ".git").exists() for d in path.parents):
        return None
    top = Path(_git(["rev-parse", "--show-toplevel"], path.parent, shown).decode().strip()).resolve()
    history = History()
    if _git(["rev-parse", "--is-shallow-repository"], top, shown).strip() == b"true":
        history.note = "a shallow clone: commits before its first are not consulted (fetch them all)"
    try:
        gitio.git(["rev-parse", "--verify", "-q", "HEAD"], top)
    except gitio.GitError:
        return history  # a repository without commits yet
    versions = _versions(top, path.relative_to(top).as_posix(), shown)
    if not versions:
        return history
    out = _git(["cat-file", "--batch"], top, shown,
               stdin="".join(f"{spec}\n" for _, spec in versions).encode())
    at = 0
    for label, spec in versions:
        end = out.index(b"\n", at)
        header = out[at:end].decode(errors="replace").split(" ")
        if len(header) != 3 or header[1] != "blob":
            raise RegistryError(f"{shown}: cannot read its history: git has no file {spec}")
        size = int(header[2])
        text, at = out[end + 1: end + 1 + size].decode("utf-8", errors="replace"), end + 2 + size
        where = f"{spec.split(':', 1)[1]} at {label}"
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise RegistryError(f"{where}: not valid YAML: {exc}") from exc
        for url, ids in parse_registry(data or {}, where).items():
            history.pages.setdefault(url, label)
            for i in ids:
                history.ids.setdefault((url, i), label)
    history.commits = len(versions)
    return history


def with_history(registry: dict[str, list[str]], history: History | None) -> dict[str, list[str]]:
    """The registry with every page and id its history holds added (after the file's own)."""
    out = {url: list(ids) for url, ids in registry.items()}
    for url in (history.pages if history else {}):
        out.setdefault(url, [])
    for url, i in (history.ids if history else {}):
        if i not in out[url]:
            out[url].append(i)
    return out


# ---- the comparison --------------------------------------------------------------------------


def check(registry: dict[str, list[str]], pages: dict[str, Page], page_redirects: dict[str, str],
          history: History | None = None) -> tuple[list[str], dict[str, list[str]]]:
    """Failures (each naming its page and id), and what is published but not registered.

    With `history`, every page and id it holds is checked too, and one the file has lost fails
    (naming the commit that last registered it) unless it is redirected."""
    failures: list[str] = []
    everything = with_history(registry, history)

    def lost(url: str, i: str | None = None) -> str:
        """'' if the file has the entry; else where history has it and how to restore it."""
        if (url in registry) if i is None else (i in registry.get(url, [])):
            return ""
        commit = history.pages[url] if i is None else history.ids[(url, i)]
        return (f" It was registered in {commit} and is missing from {REGISTRY_SHOWN} (edited by "
                "hand?): `edition urls --update` restores it")

    for url, ids in everything.items():
        where, via = url, ""
        if url not in pages:
            target = page_redirects.get(url)
            if target is None:
                failures.append(f"{url}: a registered page is gone. Restore it, or redirect it to its "
                                "new place in mkdocs.yml (plugins: redirects: redirect_maps: old.md: "
                                "new.md)." + lost(url))
                continue
            if "://" in target:
                continue  # redirected off the site: its ids are the new site's business
            where, via = target.split("#")[0], f" (redirected to {target})"
            if where not in pages:
                failures.append(f"{url}: redirected to {target}, which the site does not have")
                continue
        elif lost(url):
            failures.append(f"{url}: a registered page is still published but not in the registry."
                            + lost(url))
        page = pages[where]
        for i in ids:
            if i in page.ids and not via and lost(url, i):
                failures.append(f"{url}#{i}: a registered id is still published but not in the "
                                "registry." + lost(url, i))
            elif i not in page.ids and i not in page.redirected_ids:
                failures.append(f"{url}#{i}: a registered id is gone from {where}{via}. Restore it, or "
                                "map it to the id that replaces it in data/id-redirects.yml."
                                + lost(url, i))
    new = {}
    for url, page in pages.items():
        known = set(everything.get(url, []))
        fresh = [i for i in page.ids if i not in known]
        if url not in everything or fresh:
            new[url] = fresh
    return failures, new


def merged(registry: dict[str, list[str]], pages: dict[str, Page]) -> dict[str, list[str]]:
    """The registry with every published page and id added; nothing registered is dropped."""
    out = {url: list(ids) for url, ids in registry.items()}
    for url, page in pages.items():
        old = out.get(url, [])
        out[url] = page.ids + [i for i in old if i not in page.ids]
    return out


def run(site: Path, update: bool, registry_path: Path, mkdocs_yml: Path,
        doc: notation.Document | None = None) -> int:
    """Check (and with `update`, extend) the registry and its git history against a built site;
    with the brief's `doc`, --update also registers what each new id of the brief holds."""
    history = registry_history(registry_path)
    if history is None:
        print(f"{registry_path.name}: not in a git checkout: its history was NOT consulted; checking "
              "against the file alone")
    else:
        print(f"{registry_path.name}: checking with its history ({history.commits} committed "
              f"version(s){'; ' + history.note if history.note else ''})")
    registry = load_registry(registry_path)
    pages, _ = read_site(site)
    page_redirects = load_page_redirects(mkdocs_yml)
    failures, new = check(registry, pages, page_redirects, history)
    if update:
        updated = merged(with_history(registry, history), pages)
        restored = [f"{url}#{i}" for url, ids in updated.items() for i in ids
                    if i not in registry.get(url, []) and i not in new.get(url, [])]
        restored += [url for url in updated if url not in registry and url not in new]
        holds, moved = load_holds(registry_path)
        fresh = {i: w for i, w in (fingerprints(doc) if doc else {}).items() if i not in holds}
        text = dump_registry(updated, {**holds, **fresh}, moved)
        if (new or restored or fresh) and (not registry_path.exists()
                                  or registry_path.read_text(encoding="utf-8") != text):
            registry_path.write_text(text, encoding="utf-8")
        if fresh:
            print(f"registered what {len(fresh)} id(s) of the brief hold in {registry_path.name}")
        if new:
            n = sum(len(v) for v in new.values())
            print(f"registered {len(new)} page(s) with {n} new id(s) in {registry_path.name}")
        if restored:
            print(f"restored {len(restored)} page(s) and id(s) that {registry_path.name} had lost and "
                  f"its history holds: {', '.join(restored)}")
        failures, new = check(updated, pages, page_redirects, history)
    for line in failures:
        print(f"error: {line}", file=sys.stderr)
    for url, ids in new.items():
        what = ", ".join(f"#{i}" for i in ids) if ids else "the page"
        print(f"error: {url}: published but not registered: {what}. Run "
              "`edition urls --update`", file=sys.stderr)
    if failures or new:
        return 1
    print(f"{registry_path.name}: every page and id ever registered is published (or redirected) and "
          "registered, and every published one is registered")
    return 0
