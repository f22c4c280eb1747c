"""A real browser for the reader tests: Debian's Chromium, driven by Playwright, launched once.

Two builds of the same Chromium (scripts/install-chromium installs both): its headless shell
(CHROMIUM_SHELL), which Playwright itself runs for a headless Chromium and which loads a page in
about half the time, for every test, the rendered proof's included; the full browser (CHROMIUM)
for the tests of the Clipboard API, which the shell does not have (`visit(full=True)`). The deploy
runs the rendered proof in the full browser.

The built site is served on 127.0.0.1 under the project subpath (tests/sitetools.py). Chromium
reaches it as http://edition.test/<subpath>: a host-resolver rule maps edition.test:80 to that
server and makes every other host name unresolvable. Two reasons:
- Material's instant navigation and link previews match links against sitemap.xml with the
  port dropped (GitHub Pages serves on the default port), so on 127.0.0.1:<random port> they would
  silently fall back to full page loads and the tests would not see what readers get.
- Nothing can leave the machine even if the site tried; every test also records each request and
  fails if one went to another origin (see `visit`).
edition.test is treated as a secure origin, as the HTTPS of GitHub Pages is: the Clipboard API
(the Cite panels' Copy buttons) exists only in secure contexts.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from edition.browserproof import CHROMIUM_ARGS, HOST, ORIGIN
from sitetools import CHROMIUM, CHROMIUM_SHELL, SUBPATH

ROOT = Path(__file__).resolve().parents[2]
DOCS_DIR = ROOT / "docs"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def page_paths() -> list[str]:
    """Every page of the site as a path under the base URL ("" for home), from docs/*.md.

    A page added to docs/ is tested (axe, no foreign requests) without touching the tests."""
    paths = []
    for md in sorted(DOCS_DIR.rglob("*.md")):
        if any(part.startswith(".") for part in md.relative_to(DOCS_DIR).parts):
            continue  # MkDocs leaves dot-files out of the site (generated snippets live there)
        rel = md.relative_to(DOCS_DIR).with_suffix("").as_posix()
        paths.append("" if rel == "index" else re.sub(r"(^|/)index$", r"\1", rel).rstrip("/") + "/")
    return paths


@pytest.fixture(scope="session")
def playwright():
    """The session's one Playwright: a process can run only one sync Playwright at a time, so the
    browser below and the rendered proof's own Chromium (test_rendered_proof) both launch from it."""
    for var, path in (("CHROMIUM", CHROMIUM), ("CHROMIUM_SHELL", CHROMIUM_SHELL)):
        if not shutil.which(path) and not Path(path).exists():
            pytest.fail(f"{path} ({var}) is missing: run scripts/install-chromium (scripts/test does)")
    with sync_playwright() as pw:
        yield pw


def launch(playwright, executable: str, site_url: str) -> Browser:
    """Chromium with edition.test mapped to the test server and every other host unresolvable."""
    port = urlsplit(site_url).port
    rules = f"MAP {HOST}:80 127.0.0.1:{port}, MAP * ~NOTFOUND"
    return playwright.chromium.launch(executable_path=executable,
                                      args=[*CHROMIUM_ARGS, f"--host-resolver-rules={rules}",
                                            f"--unsafely-treat-insecure-origin-as-secure={ORIGIN}"])


@pytest.fixture(scope="session")
def browser(playwright, site_url) -> Browser:
    """Chromium's headless shell, launched once per test session."""
    chromium = launch(playwright, CHROMIUM_SHELL, site_url)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def full_browser(playwright, site_url) -> Browser:
    """The full Chromium, launched once per session by the first test that asks for it (`visit(full=True)`):
    the Clipboard API (navigator.clipboard) exists there, not in the headless shell."""
    chromium = launch(playwright, CHROMIUM, site_url)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def base_url(site_url) -> str:
    """The site's home page as the browser reaches it."""
    return ORIGIN + SUBPATH


# Reports every Content-Security-Policy violation of every document the page opens to the test
# (window.__csp_violation, bound by `visit`): a full page load would lose a list kept in the page.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp_violation(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " at "
    + e.sourceFile + ":" + e.lineNumber + " (" + (e.sample || "") + ")");
});
"""
# Notes when the page last scrolled, on the page's own clock (see `at_rest`).
SCROLL_CLOCK = """
addEventListener("scroll", function () { window.__last_scroll = performance.now(); }, {capture: true, passive: true});
"""
CSP_CONSOLE = re.compile(r"content[- ]security[- ]policy", re.I)


@dataclass
class Visit:
    """One reader's browsing context: the page, every request it made, every CSP violation."""

    page: Page
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    expected_failures: set[str] = field(default_factory=set)
    csp_violations: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        """Requests that left the site's origin (data: and blob: URLs stay in the page)."""
        return [u for u in self.requests
                if not u.startswith(ORIGIN + "/") and not u.startswith(("data:", "blob:", "about:"))]


@pytest.fixture
def visit(browser, request):
    """Open a page as a reader: visit(viewport=PHONE, color_scheme="dark"); visit(full=True) in the
    full Chromium (a test of the Clipboard API).

    At the end of the test, fails if any request went to another origin, any request of the site
    failed (a 404 the test expects is declared in visit.expected_failures), or the site's
    Content-Security-Policy blocked anything (a violation event, or Chromium's console saying so)."""
    opened: list[tuple[Visit, object]] = []

    def open_visit(viewport: dict = DESKTOP, color_scheme: str = "light", full: bool = False,
                   **options) -> Visit:
        chromium = request.getfixturevalue("full_browser") if full else browser
        context = chromium.new_context(viewport=viewport, color_scheme=color_scheme,
                                       locale="en-GB", reduced_motion="reduce", **options)
        context.set_default_timeout(10_000)
        page = context.new_page()
        v = Visit(page)
        page.on("request", lambda r: v.requests.append(r.url))
        # A request the browser itself gave up (net::ERR_ABORTED: the favicon still on its way when
        # the test closes the page, a fetch a navigation cancelled) is no fault of the site's; a
        # refused, blocked or unanswered one is.
        page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED"
                and v.failures.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and v.failures.append(f"{r.url} ({r.status})"))
        page.expose_function("__csp_violation", lambda text: v.csp_violations.append(text))
        page.add_init_script(CSP_LISTENER + SCROLL_CLOCK)
        page.on("console", lambda m: CSP_CONSOLE.search(m.text)
                and v.csp_violations.append(f"console: {m.text}"))
        opened.append((v, context))
        return v

    yield open_visit
    problems = []
    for v, context in opened:
        problems += [f"request to another origin: {u}" for u in v.foreign()]
        problems += [f"request failed: {f}" for f in v.failures
                     if f.split(" (")[0] not in v.expected_failures]
        problems += [f"Content-Security-Policy violation: {c}" for c in v.csp_violations]
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def reader(visit) -> Visit:
    """The common case: a desktop reader in the light scheme."""
    return visit()


# Material's history bookkeeping runs a little behind scrolling; see follow().
SETTLE_MS = 300

# Resolves once SETTLE_MS of the page's own time have passed since it last scrolled. The page's
# timers run in the order they are due, so a timer due later than Material's debounced ones (100 and
# 250 ms after the scroll that set them) runs after them, however late a loaded machine runs both.
# Two frames first: a scroll just made (by a key press, say) has its event at the next frame.
AT_REST = """ms => new Promise(resolve => {
  const wait = () => { const still = performance.now() - (window.__last_scroll || -Infinity);
                       if (still >= ms) resolve(); else setTimeout(wait, ms - still); };
  requestAnimationFrame(() => requestAnimationFrame(wait));
})"""


def at_rest(page) -> None:
    """Wait until Material has done its bookkeeping of the last scroll (see `follow`)."""
    page.evaluate(AT_REST, SETTLE_MS)


def follow(page, link) -> None:
    """Click a link as a reader does: it is in view, and the page has stopped moving.

    Material keeps its history bookkeeping a little behind the scrolling (the scroll offset 100 ms
    after it stops, the address of the section in view 250 ms after); a click to another page
    sooner than that lets the old page's entry land on the new page's (a wrong fragment, a wrong
    scroll position). No reader clicks that fast; a test would, and fail at random. The wait is on
    the page's clock (`at_rest`), not the test's: on a loaded machine Material's timers run late."""
    link.hover()  # scrolls it into view, and waits for it to be attached and stable
    at_rest(page)
    link.click()
