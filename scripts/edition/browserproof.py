"""Fidelity proved where the reader reads: the built site in Chromium, as the browser shows it.

edition.proof reads the built brief as HTML; a stylesheet, a script or an element the browser hides
can still change what a reader sees. This serves a built site on 127.0.0.1 (edition.serving), opens
it in Debian's Chromium through Playwright, and, at 390 and 1280 px wide, in the light and the dark
scheme, in reading and in study mode, both after a full load (once the site's scripts have run) and
after arriving by Material's instant navigation from another page, reads what the browser shows
(browserproof.js: text nodes, computed styles, generated content, ::first-letter and ::first-line,
boxes, clipping and what covers the text). The page's text is then put back to the source by the
same reading (edition.proof: marks back to their recorded source readings) and compared word for
word with the source by the same comparison (edition.proof.compare_words, on edition.fidelity's
words). Any author word hidden, clipped, transparent, zero-sized, reordered, case-changed, struck,
overlaid or supplemented by generated content fails, naming the page, the paragraph id and the words.

Pages checked, and why:
- brief/: the author's text, whole;
- source-view/: the extraction's lines of the three damaged zones, quoted line by line so that a
  reader can check the editors' decisions: each line must show its source line, word for word.
Other pages quote the author's words only as short phrases inside the editors' own prose (About this
edition, Changes, the glossary's and timeline's "in the brief" links) or not at all (How to cite
gives the title only); they are not the author's text and the proof does not read them.

`edition fidelity --browser SITE` runs it; the deploy workflow runs it on the site it uploads.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from edition import fidelity, proof
from edition.data import glossary_map
from edition.errors import EditionError
from edition.loader import Edition
from edition.serving import SUBPATH, serve_site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# The browser reaches the server as http://edition.test/<subpath> (port 80: Material's instant
# navigation matches links against sitemap.xml, whose addresses have no port); every other host
# name is unresolvable, so nothing the site asks for can leave the machine.
HOST = "edition.test"
ORIGIN = f"http://{HOST}"
READER_JS = (Path(__file__).with_suffix(".js")).read_text(encoding="utf-8")
MODE_KEY = "edition.apparatus"  # edition.js keeps the reader's mode there
TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class View:
    """One way a reader sees the site."""

    width: int
    scheme: str  # "light" or "dark"
    mode: str  # "reading" or "study"

    def __str__(self) -> str:
        return f"{self.width} px, {self.scheme}, {self.mode} mode"


VIEWS = tuple(View(w, s, m) for w in (390, 1280) for s in ("light", "dark") for m in ("reading", "study"))
HEIGHT = {390: 844, 1280: 800}
ARRIVALS = ("load", "instant")  # a full page load; instant navigation from another page


class _Browser(proof.Node):
    """An element as Chromium showed it: what hides or changes it (`why`), notes on it."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: proof.Node | None,
                 why: list[str], notes: list[str]):
        super().__init__(tag, attrs, parent)
        self.why, self.notes = why, notes


def tree(data: dict, parent: proof.Node | None = None) -> _Browser:
    """browserproof.js's reading of an element, as edition.proof's Nodes."""
    node = _Browser(data["t"], data["a"], parent, data["w"], [n for key, n in data["n"] if key not in proof.GENERATED])
    for child in data["c"]:
        node.children.append(child if isinstance(child, str) else tree(child, node))
    return node


class _Reader(proof._Reader):
    """edition.proof's reading of the brief, with what the browser says hides or changes a part."""

    def __init__(self, ed: Edition, glossary: dict[str, str], page_url: str = ""):
        super().__init__(ed, None)
        self.glossary, self.page_url = glossary, page_url
        self.last = ""  # the last place read: words outside every place are named after it

    def element(self, el: proof.Node, block: str):
        if el.attrs.get("id") in self.places:
            self.last = el.attrs["id"]
        elif not block and self.last:  # outside every place (an element closed the paragraph)
            block = f"{self.last} (after it, outside every paragraph)"
        if isinstance(el, _Browser):
            here = el.attrs["id"] if el.attrs.get("id") in self.places else block
            for note in el.notes:
                self.problems.append(f"#{here}: {note}: “{_words(el)}”")
            self.check_markup(el, here)
        return super().element(el, block)

    def check_markup(self, el: proof.Node, block: str) -> None:
        """Markup only the edition makes may title or link an author's words."""
        if "data-editorial" in el.attrs:
            return
        text = " ".join(el.text().split())
        if el.tag == "abbr" and text not in self.glossary:
            self.problems.append(f"#{block}: “{text}” is an <abbr> that no glossary entry makes")
        elif el.tag == "abbr" and el.attrs.get("title") != self.glossary[text]:
            self.problems.append(f"#{block}: “{text}” is titled “{el.attrs.get('title', '')}”, which is not "
                                 "its gloss in data/glossary.yml")
        elif "title" in el.attrs and el.tag not in ("abbr",) and "ed" not in el.classes:
            self.problems.append(f"#{block}: “{text}” carries a title the edition does not give: "
                                 f"“{el.attrs['title']}”")
        if el.tag == "a" and "href" in el.attrs and text:
            href = el.attrs["href"]
            if href.startswith("#") or (self.page_url and href.startswith(self.page_url + "#")):
                return  # a place of the page itself (a note's number, its way back)
            if href.startswith(("http://", "https://")) and text == href:
                return  # a printed address (proof.check_structure: the target is what it prints)
            self.problems.append(f"#{block}: the author's words “{text}” link to “{href}”")

    def why_hidden(self, el: proof.Node) -> str:
        if isinstance(el, _Browser) and el.why:
            return "; ".join(dict.fromkeys(el.why))
        return super().why_hidden(el)


def _words(el: proof.Node, limit: int = 80) -> str:
    text = " ".join(el.text().split())
    return text[:limit] + ("…" if len(text) > limit else "")


def check_brief(data: dict, ed: Edition, source: str, where: str, page_url: str = "",
                compared: dict | None = None) -> list[str]:
    """The brief's article as the browser showed it (browserproof.js), put back to the source and
    compared with it: edition.proof's reading and comparison, on what the reader saw. `compared`:
    the comparisons already made (the same words in another view give the same verdict)."""
    root = tree(data)
    tokens, problems = proof.read_brief(root, ed, _Reader(ed, glossary_map(ed.glossary), page_url))
    problems = [f"{where}{p}" for p in problems]
    compared = {} if compared is None else compared
    key = tuple(tokens)
    if key not in compared:
        compared[key] = proof.compare_words(tokens, ed, source, where)
    problems += compared[key]
    problems += proof.check_structure(root, ed, source, where)
    return problems


def check_source_lines(lines: list[dict], ed: Edition, source: str, where: str) -> list[str]:
    """Each line of the source view shows its line of the source, word for word, visibly."""
    src = source.splitlines()
    problems = []
    for data in lines:
        root = tree(data)
        n = int(root.attrs.get("data-line", "0") or 0)
        reader = _Reader(ed, {})
        shown = [w for w, _ in proof.words(reader.element(root, f"line-{n}"))]
        problems += [f"{where}{p}" for p in reader.problems]
        expected = [w.text for w in fidelity.source_words(src[n - 1])] if 0 < n <= len(src) else []
        if shown != expected:
            problems.append(f"{where}#line-{n}: the source view shows line {n} as “{' '.join(shown)}”, "
                            f"the source reads “{' '.join(expected)}”")
    return problems


def site_path(site: Path) -> str:
    """The path the site is published under (/<repo>/ on GitHub Pages): its sitemap's first
    address's, the one its links and instant navigation expect; else the project's default."""
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        m = re.search(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap.read_text(encoding="utf-8"))
        if m:
            path = urlsplit(m.group(1)).path or "/"
            return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    return SUBPATH


PAGES = {
    # page path: (selector read, checker)
    "brief/": "article",
    "source-view/": "article .sv-line .sv-text",
}


class RenderedProof:
    """One Chromium and one server for many checks (a test's mutations swap the site served)."""

    def __init__(self, playwright=None, executable: str | None = None) -> None:
        """`playwright`: a started Playwright to launch Chromium from (one process can run only one
        sync Playwright at a time: the tests share theirs); without it, one of its own.
        `executable`: the Chromium to run (default: CHROMIUM)."""
        self._playwright = playwright
        self._executable = executable or CHROMIUM
        self._stack = contextlib.ExitStack()
        self._dir = Path(tempfile.mkdtemp(prefix="browserproof-"))
        self._served = self._dir / "site"  # a link to the site of the current check
        self._seen: dict[tuple[str, str, str], list[str]] = {}
        self._compared: dict[tuple, list[str]] = {}

    def __enter__(self) -> RenderedProof:
        from playwright.sync_api import sync_playwright

        if not Path(self._executable).exists():
            raise EditionError(f"{self._executable} is missing: the rendered proof needs Chromium (set CHROMIUM)")
        url = self._stack.enter_context(serve_site(self._served, "/"))
        pw = self._playwright or self._stack.enter_context(sync_playwright())
        rules = f"MAP {HOST}:80 127.0.0.1:{urlsplit(url).port}, MAP * ~NOTFOUND"
        self.browser = pw.chromium.launch(executable_path=self._executable,
                                          args=[*CHROMIUM_ARGS, f"--host-resolver-rules={rules}"])
        self._stack.callback(self.browser.close)
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()
        if self._served.is_symlink():
            self._served.unlink()
        shutil.rmtree(self._dir / "wrapper", ignore_errors=True)
        self._dir.rmdir()

    def _serve(self, site: Path) -> None:
        """Serve `site` at the path its site_url gives (sitemap.xml), as GitHub Pages will."""
        self.base = ORIGIN + site_path(site)
        if self._served.is_symlink():
            self._served.unlink()
        wrapper = self._dir / "wrapper"
        shutil.rmtree(wrapper, ignore_errors=True)  # holds links only: the sites are not touched
        parts = site_path(site).strip("/").split("/")
        if parts == [""]:
            self._served.symlink_to(site.resolve(), target_is_directory=True)
            return
        holder = wrapper.joinpath(*parts[:-1])
        holder.mkdir(parents=True)
        (holder / parts[-1]).symlink_to(site.resolve(), target_is_directory=True)
        self._served.symlink_to(wrapper, target_is_directory=True)

    def check(self, site: Path, ed: Edition, views: tuple[View, ...] = VIEWS,
              arrivals: tuple[str, ...] = ARRIVALS, pages: tuple[str, ...] = tuple(PAGES)) -> list[str]:
        """Every problem a reader would see on `pages` of `site`, in each view and arrival."""
        self._serve(site)
        self._seen.clear()
        self._compared.clear()
        source = ed.project.source.read_text(encoding="utf-8")
        editors_own = [iv.id for iv in ed.doc.interventions if iv.form in ("insertion", "note")]
        seen: dict[str, list[str]] = {}  # each problem, with the views it was seen in
        for view in views:
            for problem, how in self._view(view, ed, source, editors_own, arrivals, pages):
                seen.setdefault(problem, []).append(how)
        every = len(VIEWS) * len(ARRIVALS)
        return [f"{p} [{'in every view' if len(hows) == every else 'in ' + '; '.join(hows)}]"
                for p, hows in seen.items()]

    def _view(self, view: View, ed: Edition, source: str, editors_own: list[str],
              arrivals: tuple[str, ...], pages: tuple[str, ...]) -> list[tuple[str, str]]:
        context = self.browser.new_context(viewport={"width": view.width, "height": HEIGHT[view.width]},
                                           color_scheme=view.scheme, reduced_motion="reduce", locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(f"try {{ localStorage.setItem({MODE_KEY!r}, {view.mode!r}); }} catch (e) {{}}")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        base = self.base
        problems: list[tuple[str, str]] = []
        try:
            # Each page by a full load, then each again by instant navigation from another page
            # (the one read before it, or the home page).
            steps = [(path, "load") for path in pages if "load" in arrivals]
            steps += [(path, "instant") for path in pages if "instant" in arrivals]
            current = None
            for path, arrival in steps:
                how = f"{view}, {'full load' if arrival == 'load' else 'instant navigation'}"
                found = []
                if arrival == "load":
                    page.goto(base + path, wait_until="load")
                else:
                    if current in (None, path):
                        page.goto(base, wait_until="load")
                    found += self._arrive_instantly(page, path)
                current = path
                found += self._settle(page, view, path)
                found += self._read(page, path, ed, source, editors_own)
                problems += [(p, how) for p in found]
            problems += [(f"a script of the site failed: {e}", str(view)) for e in errors]
        finally:
            context.close()
        return problems

    @staticmethod
    def _arrive_instantly(page, path: str) -> list[str]:
        """From the page open, follow the site's own link to `path` (its navigation's, which every
        page has; clicked as a script would, since on a phone it is in the closed drawer): Material's
        instant navigation fetches the page and swaps it in, and the site's scripts run again."""
        page.wait_for_function("() => window.document$ !== undefined")
        page.evaluate("window.__edition_proof_first_load = true")
        link = page.locator(f"nav a[href$='/{path}']").first
        if link.count() == 0:
            return [f"{path}: no link to it in the site's navigation"]
        link.evaluate("a => a.click()")
        page.wait_for_url(f"**/{path}")
        if not page.evaluate("window.__edition_proof_first_load === true"):
            return [f"{path}: not reached by instant navigation: the page was loaded whole"]
        return []

    @staticmethod
    def _settle(page, view: View, path: str) -> list[str]:
        """Wait until the site's scripts have run: the mode on <html>, the scheme on <body>, the
        fonts, two frames."""
        page.wait_for_function("m => document.documentElement.getAttribute('data-apparatus') === m"
                               " && document.body.hasAttribute('data-md-color-scheme')"
                               " && document.querySelector('article') !== null", arg=view.mode)
        if path == "brief/":
            page.wait_for_selector("button.xl-mode", state="attached")
        page.evaluate("() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame("
                      "() => requestAnimationFrame(() => setTimeout(r, 0)))))")
        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        expected = "slate" if view.scheme == "dark" else "default"
        if scheme != expected:
            return [f"{path}: the page shows the {scheme} scheme, not {expected}"]
        return []

    @staticmethod
    def _signs(ed: Edition) -> dict[str, str]:
        """Each note pointer's sign by its mark's id, as the extension draws it."""
        from edition.extension import pointer_signs

        return pointer_signs(ed)

    def _read(self, page, path: str, ed: Edition, source: str, editors_own: list[str]) -> list[str]:
        selector = PAGES[path]
        text = page.evaluate(READER_JS, {"selector": selector, "editorsOwn": editors_own,
                                         "signs": self._signs(ed), "places": list(ed.brief.places)})
        key = (path, page.url.split("#")[0], text)
        if key in self._seen:  # the same reading in another view: the same verdict
            return self._seen[key]
        data = json.loads(text)
        if not data:
            return [f"{path}: nothing matches “{selector}” on the page"]
        if path == "brief/":
            found = check_brief(data[0], ed, source, path, page.url.split("#")[0], self._compared)
        else:
            found = check_source_lines(data, ed, source, path)
        self._seen[key] = found
        return found


def check_site(site: Path, ed: Edition, views: tuple[View, ...] = VIEWS) -> tuple[list[str], float]:
    """The rendered proof of a built site, in every view: its problems and the seconds it took."""
    start = time.monotonic()
    with RenderedProof() as rendered:
        problems = rendered.check(site, ed, views)
    return problems, time.monotonic() - start
