"""Measure the edition against a naive site made from the same source, and print the figures.

Usage: .venv/bin/edition benchmark [--build-runs N] [--lighthouse-runs N] [--trace-runs N]
                                   [--pages PATH ...] [--no-lighthouse] [--results FILE]
                                   [--json FILE] [--reports DIR]

Not a test: run it by hand (several minutes); it prints the figures and writes them to
benchmark/results.md (--results; --json for every figure as JSON), the file the README points to.
In one run it
1. builds this site (mkdocs build --strict) and a naive one: the extracted text of the brief pasted
   into docs/index.md of a default Material configuration, generated in a temporary folder; each
   build is timed the same way (wall time of the whole command, median of N runs); and writes the
   bare-HTML limit: the same text as one HTML file with no stylesheet and no script (what no site
   of this text can beat);
2. serves the three with gzip on 127.0.0.1 under the project subpath, as GitHub Pages serves them;
3. opens every page in a fresh Chromium profile (first view) and records the bytes transferred
   (the theme's own files apart), the number of requests and the requests to other origins; and,
   tracing each load (median of N), the main-thread work of the edition's own scripts and of the
   theme's, with the blocking time of the long tasks each one leads;
4. runs Lighthouse 12 (npm, package.json; Node 20; Debian's Chromium) on every page: the four
   category scores with LCP, TBT and CLS, on Lighthouse's default mobile profile (median of N runs);
5. prints the figures, the brief's as ratios to the naive site's and to the bare-HTML limit's, and
   each target with how much it is missed by.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import html
import http.server
import json
import mimetypes
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from edition.project import Project

ROOT = Project.at().root  # the project around the current directory
from edition.serving import SUBPATH, _Handler  # noqa: E402

SOURCE_TEXT = ROOT / "source" / "japan-russia-view-from-moscow.extracted.txt"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BRIEF = "brief/"
BUILD_TARGET_S = 3.0
LCP_TARGET_MS = 1000.0
OWN_WORK_TARGET_MS = 50.0
# The brief's first view when the build still patched Material's files (bundle patch, pruned and
# re-keyed stylesheets), as issue 18 measured it with `edition benchmark --no-lighthouse`: the
# reference against which the unpatched figures show what dropping the patches cost.
PATCHED_BRIEF_BYTES = 90_598
PATCHED_BRIEF_REQUESTS = 9
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml")

NAIVE_CONFIG = """\
site_name: "Japan–Russia Relations: The View from Moscow"
theme:
  name: material
"""


@dataclass
class PageFigures:
    """What one page costs a reader on first view, and what Lighthouse makes of it."""

    site: str
    path: str
    bytes: int = 0
    requests: int = 0
    foreign: list[str] = field(default_factory=list)
    scores: dict[str, int] = field(default_factory=dict)
    lcp_ms: float | None = None
    tbt_ms: float | None = None
    cls: float | None = None
    perf_runs: list[int] = field(default_factory=list)
    lcp_runs: list[float] = field(default_factory=list)
    # From a Chromium trace of the load (median of the runs): main-thread script work (evaluation,
    # compilation, callbacks, with the style and layout they force) by whose script it is, and the
    # blocking time (the part of each task over 50 ms) of the tasks each one's work leads.
    own_ms: float | None = None
    theme_ms: float | None = None
    own_blocking_ms: float | None = None
    theme_blocking_ms: float | None = None
    own_runs: list[float] = field(default_factory=list)
    theme_bytes: int = 0  # of `bytes`: the theme's own files (Material's stylesheets, bundle, worker)
    theme_requests: int = 0


# ----- build --------------------------------------------------------------------------------

def make_naive_site(folder: Path) -> Path:
    """A default Material site whose one page is the extracted text, pasted as it is."""
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(NAIVE_CONFIG, encoding="utf-8")
    (folder / "docs" / "index.md").write_text(SOURCE_TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    return folder / "mkdocs.yml"


def make_bare_site(folder: Path) -> Path:
    """The bare-HTML limit: the extracted text as one HTML page, a paragraph per blank-line-separated
    block, with no stylesheet, no script and no other file; returns the site's folder."""
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    blocks = [" ".join(b.split()) for b in text.split("\n\n") if b.strip()]
    body = "\n".join(f"<p>{html.escape(b)}</p>" for b in blocks)
    page = ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(blocks[0])}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n")
    (folder / "site").mkdir(parents=True)
    (folder / "site" / "index.html").write_text(page, encoding="utf-8")
    return folder / "site"


def timed_build(config: Path, out: Path, runs: int) -> float:
    """Median wall time, in seconds, of `mkdocs build --strict` of `config` into `out`."""
    times = []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q",
                                 "-f", str(config), "-d", str(out)],
                                cwd=config.parent, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"benchmark: building {config} failed:\n{result.stdout}{result.stderr}")
    return statistics.median(times)


# ----- serve with gzip ------------------------------------------------------------------------

class _GzipHandler(_Handler):
    """The GitHub-Pages-like handler of the tests, plus gzip for text, as GitHub Pages sends it."""

    protocol_version = "HTTP/1.1"

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        body = path.read_bytes()
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith(("javascript", "json", "xml")):
            ctype += "; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)

    def copyfile(self, source, outputfile):
        outputfile.write(source.data)


@dataclass
class _Body:
    data: bytes

    def close(self):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """Browsers drop connections they no longer need; that is no error worth a traceback."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_gzip(directory: Path):
    """Serve `directory` with gzip at http://127.0.0.1:<free port><SUBPATH>; yields that URL."""
    handler = functools.partial(type("Handler", (_GzipHandler,), {"prefix": SUBPATH}), directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()


# ----- measure ----------------------------------------------------------------------------------

def page_paths(site: Path) -> list[str]:
    """Every page of a built site, as a path under its base URL ("" for home)."""
    paths = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel.startswith(("search", "assets")):
            continue
        paths.append("" if rel == "." else rel + "/")
    return paths


TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute"]
SCRIPT_EVENTS = ("EvaluateScript", "v8.compile", "v8.compileModule", "FunctionCall", "TimerFire",
                 "EventDispatch", "FireAnimationFrame", "FireIdleCallback")
LONG_TASK_US = 50_000
INLINE_SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<text>.*?)</script>", re.S)


def own_inline_texts(root: Path = ROOT) -> str:
    """What the edition writes into its pages as scripts: its templates (overrides/) and its own
    scripts as the plugin inlines them (docs/assets/javascripts, minified: edition.assets)."""
    from edition import assets

    scripts = sorted((root / "docs" / "assets" / "javascripts").glob("*.js"))
    return "\n".join([p.read_text(encoding="utf-8") for p in sorted((root / "overrides").rglob("*.html"))]
                     + [assets.inline_scripts(root / "docs", [p.relative_to(root / "docs").as_posix()])
                        for p in scripts])


def inline_owners(html: str, own_templates: str) -> dict[int, str]:
    """The first line (1-based) of each inline script of a page that runs, and whose it is: "edition"
    when its text is the edition's own (own_inline_texts: its templates, its scripts written into
    the page), else "theme"."""
    owners = {}
    for m in INLINE_SCRIPT_RE.finditer(html):
        if "src=" in m["attrs"] or "application/" in m["attrs"]:
            continue
        line = html.count("\n", 0, m.start("text")) + 1
        owners[line] = "edition" if m["text"].strip() and m["text"].strip() in own_templates else "theme"
    return owners


def script_owner(url: str, line: int | None, page_url: str, inline: dict[int, str]) -> str | None:
    """Whose a script is: "theme" (Material's bundle, workers and inline scripts), "edition" (the site's
    own files under assets/javascripts and the inline scripts of overrides/), or None (not the site's)."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    if path == page_url.split("#", 1)[0]:
        starts = [n for n in inline if line is not None and n <= line]
        return inline[max(starts)] if starts else "theme"
    if "/assets/javascripts/" not in path:
        return None
    name = path.rsplit("/", 1)[-1]
    if re.fullmatch(r"(bundle|search)\.[0-9a-f]{8}\.min\.js", name) or "/lunr/" in path:
        return "theme"
    return "edition"


def is_theme_file(url: str) -> bool:
    """Whether a request is for one of the theme's shipped files (Material's stylesheets, bundle,
    search worker and lunr), as opposed to the page or the edition's own files."""
    path = url.split("?", 1)[0]
    name = path.rsplit("/", 1)[-1]
    return ("/assets/" in path and (re.fullmatch(r"(main|palette|bundle|search)\.[0-9a-f]{8}\.min\.(css|js)", name)
                                    is not None or "/lunr/" in path))


def main_thread_work(events: list[dict], page_url: str, inline: dict[int, str]) -> dict[str, float]:
    """From a Chromium trace of one page load: on the page's main thread (CrRendererMain of the
    renderer that evaluated its scripts), the milliseconds of script work of the edition and of the
    theme (top-level script events only, so the style and layout a script forces count once, as its
    own), and each one's blocking time: the part over 50 ms of every task, given to whose script
    work was the larger part of the task."""
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}
    scripts = [e for e in events if e.get("ph") == "X" and e.get("name") in SCRIPT_EVENTS
               and (e["pid"], e["tid"]) in main]
    owned = []
    for e in scripts:
        data = e.get("args", {}).get("data") or {}
        url = data.get("url") or e.get("args", {}).get("fileName") or ""
        owner = script_owner(url, data.get("lineNumber"), page_url, inline) if url else None
        if owner:
            owned.append((e["ts"], e["ts"] + e.get("dur", 0), owner, (e["pid"], e["tid"])))
    owned.sort(key=lambda o: (o[0], -o[1]))
    top, end = [], {}
    for start, stop, owner, thread in owned:  # nested events are inside their parent's time
        if start >= end.get(thread, -1):
            top.append((start, stop, owner, thread))
            end[thread] = stop
    work = {"edition": 0.0, "theme": 0.0}
    for start, stop, owner, _ in top:
        work[owner] += (stop - start) / 1000
    blocking = {"edition": 0.0, "theme": 0.0}
    for task in events:
        if task.get("name") != "RunTask" or task.get("ph") != "X" or (task["pid"], task["tid"]) not in main:
            continue
        if task.get("dur", 0) <= LONG_TASK_US:
            continue
        t0, t1 = task["ts"], task["ts"] + task["dur"]
        inside = {"edition": 0, "theme": 0}
        for start, stop, owner, thread in top:
            if thread == (task["pid"], task["tid"]) and start < t1 and stop > t0:
                inside[owner] += min(stop, t1) - max(start, t0)
        if any(inside.values()):
            lead = max(inside, key=inside.get)
            blocking[lead] += (task["dur"] - LONG_TASK_US) / 1000
    return {"edition": work["edition"], "theme": work["theme"],
            "edition_blocking": blocking["edition"], "theme_blocking": blocking["theme"]}


def first_views(browser, base: str, site: str, paths: list[str], site_dir: Path | None = None,
                runs: int = 3) -> list[PageFigures]:
    """Open each page in a fresh profile, `runs` times, tracing the load; the bytes and requests
    that went over the wire until the network was idle (first run), and the main-thread work of the
    edition's and the theme's scripts (median of the runs, when `site_dir` is the built site)."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    own_templates = own_inline_texts()
    figures = []
    for path in paths:
        fig = PageFigures(site, path)
        inline = {}
        if site_dir is not None:
            inline = inline_owners((site_dir / path / "index.html").read_text(encoding="utf-8"), own_templates)
        measured = []
        for n in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            seen = []
            page.on("requestfinished", lambda r: seen.append(r))
            page.on("requestfailed", lambda r: seen.append(r))
            browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            trace = json.loads(browser.stop_tracing())
            events = trace["traceEvents"] if isinstance(trace, dict) else trace
            if n == 0:
                for request in seen:
                    fig.requests += 1
                    if not request.url.startswith(origin) and not request.url.startswith(("data:", "blob:")):
                        fig.foreign.append(request.url)
                    fig.bytes += _transferred(request)
                    if is_theme_file(request.url):
                        fig.theme_bytes += _transferred(request)
                        fig.theme_requests += 1
            measured.append(main_thread_work(events, base + path, inline))
            context.close()
        if site_dir is not None:
            fig.own_ms = statistics.median(m["edition"] for m in measured)
            fig.theme_ms = statistics.median(m["theme"] for m in measured)
            fig.own_blocking_ms = statistics.median(m["edition_blocking"] for m in measured)
            fig.theme_blocking_ms = statistics.median(m["theme_blocking"] for m in measured)
            fig.own_runs = [round(m["edition"], 1) for m in measured]
        figures.append(fig)
    return figures


def _transferred(request) -> int:
    """Bytes a request brought over the wire: headers plus the (compressed) body.

    Chromium reports no body size for a worker's script, so Content-Length stands in for it."""
    try:
        sizes = request.sizes()
    except Exception:  # a failed request (e.g. to an unreachable host) brought nothing
        return 0
    body = sizes["responseBodySize"]
    if body <= 0:
        response = request.response()
        body = int(response.headers.get("content-length", 0)) if response else 0
    return body + max(sizes["responseHeadersSize"], 0)


# The parts of the brief's page a reader of the naive site does not get, by what they are for.
BRIEF_PARTS = (
    ("editors' links beside the paragraphs", r'<div class="xl-note".*?</details>\s*</div>'),
    ("permalinks and Cite controls", r'<div class="ed-tools[^"]*".*?</details>\s*</div>'),
    ("the edition's inline stylesheet", r"<style>.*?</style>"),
    ("the marks' notes (aria-label; data-note in headings)", r'<span [^>]*class="ed ed-[^>]*>'),
    ("tooltips (title: glossary terms, heading permalinks)", r' title="[^"]*"'),
    ("the Content-Security-Policy <meta> (the hashes of every page's inline styles and scripts)",
     r'<meta http-equiv="Content-Security-Policy"[^>]*>'),
    ("head metadata (citation_*, DC, Open Graph, JSON-LD)", r'<meta (?:name|property)="(?:citation_|DC\.|dc\.|og:|twitter:|prism)[^>]*>|<script type="application/ld\+json">.*?</script>'),
)


def page_parts(html: str) -> list[tuple[str, int]]:
    """What each part of BRIEF_PARTS adds to the page's compressed size (gzip 6, as served): the
    page's size less its size without that part."""
    def size(text: str) -> int:
        return len(gzip.compress(text.encode("utf-8"), 6))

    def without(pattern: str) -> str:
        if 'class="ed ed-' in pattern:  # the tags stay, without their notes
            return re.sub(pattern, lambda m: re.sub(r' (?:data-note|aria-label)="[^"]*"', "", m[0]), html)
        return re.sub(pattern, "", html, flags=re.S)

    whole = size(html)
    return [(name, whole - size(without(pattern))) for name, pattern in BRIEF_PARTS]


def lighthouse(url: str, out_dir: Path, fig: PageFigures, runs: int) -> None:
    """Run Lighthouse `runs` times on `url` (default mobile profile); keep the median run in `fig`.

    Lighthouse's simulated throttling scales what it observes on this machine's CPU, so a single
    run swings by several points when the machine is busy; the run with the median performance
    score is reported whole (scores and metrics from the same run)."""
    results = []
    for n in range(runs):
        report = out_dir / f"lh-{fig.site}-{fig.path.strip('/') or 'home'}-{n + 1}.json"
        cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"]
        result = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM},
                                capture_output=True, text=True, timeout=240)
        if result.returncode != 0 or not report.exists():
            print(f"benchmark: Lighthouse failed on {url}:\n{result.stderr[-2000:]}", file=sys.stderr)
            continue
        data = json.loads(report.read_text(encoding="utf-8"))
        audits = data["audits"]
        results.append(({c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES},
                        audits["largest-contentful-paint"].get("numericValue"),
                        audits["total-blocking-time"].get("numericValue"),
                        audits["cumulative-layout-shift"].get("numericValue")))
    summarize_runs(fig, results)


def summarize_runs(fig: PageFigures, results: list[tuple[dict, float | None, float | None, float | None]]) -> None:
    """Lighthouse's runs of one page into `fig`: the scores of the median run (by performance), and
    LCP, TBT and CLS each the median of its own runs (they need not move together)."""
    if not results:
        return
    results = sorted(results, key=lambda r: (r[0]["performance"], -(r[1] or 0)))
    fig.scores = results[len(results) // 2][0]
    fig.lcp_ms, fig.tbt_ms, fig.cls = (_median([r[i] for r in results]) for i in (1, 2, 3))
    fig.perf_runs = [r[0]["performance"] for r in results]
    fig.lcp_runs = [r[1] for r in results if r[1] is not None]


def _median(values: list) -> float | None:
    """The median of the values Lighthouse gave (None when it gave none)."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ----- report -----------------------------------------------------------------------------------

def _num(value, unit="", digits=0):
    return "—" if value is None else f"{value:,.{digits}f}{unit}"


def report(ours: list[PageFigures], naive: list[PageFigures], build_s: float, naive_build_s: float,
           bare: list[PageFigures] | None = None, parts: list[tuple[str, int]] | None = None) -> list[str]:
    """The figures, ratios and targets as printable lines; also what the README quotes."""
    bare = bare or []
    lines = ["Pages (first view, fresh profile; Lighthouse 12, default mobile profile; the scores of the",
             "median run, LCP, TBT and CLS each the median of the runs; Perf runs and LCP runs: every run's)", ""]
    head = ("| Site | Page | Bytes | Requests | Other origins | Perf | A11y | Best pr. | SEO | LCP | TBT | CLS "
            "| Perf runs | LCP runs |")
    lines += [head, "|" + "---|" * 14]
    for f in [*ours, *naive, *bare]:
        s = f.scores
        lines.append(f"| {f.site} | /{f.path} | {f.bytes:,} | {f.requests} | {len(f.foreign)} | "
                     f"{s.get('performance', '—')} | {s.get('accessibility', '—')} | "
                     f"{s.get('best-practices', '—')} | {s.get('seo', '—')} | {_num(f.lcp_ms, ' ms')} | "
                     f"{_num(f.tbt_ms, ' ms')} | {_num(f.cls, '', 3)} | {' '.join(map(str, f.perf_runs))} | "
                     f"{' '.join(_num(v) for v in f.lcp_runs)} |")
    for f in [*ours, *naive, *bare]:
        if f.foreign:  # blocked in the benchmark's Chromium: what they would weigh is not counted
            lines += ["", f"{f.site} /{f.path}: {len(f.foreign)} request(s) to other origins, blocked here and "
                      f"counted at 0 bytes (on the open web they would add to its weight): "
                      + ", ".join(sorted(set(f.foreign))[:3])]
    lines += ["", "Main-thread work at load (Chromium trace of a first view, this machine's CPU, median of the",
              "traced runs): script evaluation, compilation and callbacks with the style and layout they force,",
              "the edition's own scripts apart from the theme's; blocking: the part over 50 ms of each task,",
              "given to whose script work led the task; the theme's share of that blocking time beside it", ""]
    lines += ["| Site | Page | Edition's own | Theme's | Edition's blocking | Theme's blocking | Theme's share "
              "of blocking | Lighthouse TBT | Edition's own, runs |", "|" + "---|" * 9]
    for f in [*ours, *naive, *bare]:
        if f.own_ms is None:
            continue
        total = (f.own_blocking_ms or 0) + (f.theme_blocking_ms or 0)
        share = f"{f.theme_blocking_ms / total:.0%}" if total else "— (no long task)"
        lines.append(f"| {f.site} | /{f.path} | {_num(f.own_ms, ' ms', 1)} | {_num(f.theme_ms, ' ms', 1)} | "
                     f"{_num(f.own_blocking_ms, ' ms')} | {_num(f.theme_blocking_ms, ' ms')} | {share} | "
                     f"{_num(f.tbt_ms, ' ms')} | {' '.join(_num(v, '', 1) for v in f.own_runs)} |")
    brief = next(f for f in ours if f.path == BRIEF)
    base = naive[0]
    lines += ["", "What the theme's own files cost the brief's first view, unpatched (Material's stylesheets,",
              "bundle and search worker as Material ships them), beside the naive site's and beside the last",
              f"measure with the patches (issue 18: {PATCHED_BRIEF_BYTES:,} bytes, {PATCHED_BRIEF_REQUESTS} requests)", ""]
    lines.append(f"- the theme's files: {brief.theme_bytes:,} bytes in {brief.theme_requests} requests "
                 f"(naive site: {base.theme_bytes:,} bytes in {base.theme_requests}); the brief's page and the "
                 f"edition's own files: {brief.bytes - brief.theme_bytes:,} bytes in "
                 f"{brief.requests - brief.theme_requests} requests")
    lines.append(f"- the brief against the patched build: {brief.bytes - PATCHED_BRIEF_BYTES:+,} bytes, "
                 f"{brief.requests - PATCHED_BRIEF_REQUESTS:+d} requests")
    if parts:
        lines += ["", "What the brief's page carries that the naive page does not (bytes each part adds to the page,",
                  "compressed as served)", ""]
        lines += [f"- {name}: {size:,} bytes" for name, size in parts]
    lines += ["", "The brief as a ratio to the naive site (below 1: the edition is lighter or faster)", ""]
    lines.append(f"- bytes on first view: {brief.bytes / base.bytes:.2f} ({brief.bytes:,} / {base.bytes:,})")
    lines.append(f"- requests: {brief.requests / base.requests:.2f} ({brief.requests} / {base.requests})")
    if brief.lcp_ms and base.lcp_ms:
        lines.append(f"- LCP: {brief.lcp_ms / base.lcp_ms:.2f} ({brief.lcp_ms:,.0f} ms / {base.lcp_ms:,.0f} ms)")
    lines.append(f"- build time: {build_s / naive_build_s:.2f} ({build_s:.2f} s / {naive_build_s:.2f} s)")
    limit = bare[0] if bare else None
    if limit is not None:
        lines += ["", "The brief as a ratio to the bare-HTML limit (the same text, one file, no CSS or JS)", ""]
        lines.append(f"- bytes on first view: {brief.bytes / limit.bytes:.2f} ({brief.bytes:,} / {limit.bytes:,})")
        lines.append(f"- requests: {brief.requests / limit.requests:.2f} ({brief.requests} / {limit.requests})")
        if brief.lcp_ms and limit.lcp_ms:
            lines.append(f"- LCP: {brief.lcp_ms / limit.lcp_ms:.2f} ({brief.lcp_ms:,.0f} ms / {limit.lcp_ms:,.0f} ms)")
        if brief.tbt_ms is not None and limit.tbt_ms is not None:
            lines.append(f"- TBT: {brief.tbt_ms:,.0f} ms / {limit.tbt_ms:,.0f} ms")

    lines += ["", "Targets", ""]

    def target(name: str, met: bool, detail: str) -> None:
        lines.append(f"- [{'met' if met else 'MISSED'}] {name}: {detail}")

    for f in ours:
        if not f.scores:
            target(f"Lighthouse 100 ×4 on /{f.path}", False, "Lighthouse did not run")
            continue
        short = {c: 100 - v for c, v in f.scores.items() if v < 100}
        target(f"Lighthouse 100 ×4 on /{f.path}", not short,
               "all 100" if not short else "missed by " + ", ".join(f"{c} {d} points" for c, d in short.items()))
    foreign = sorted({u for f in ours for u in f.foreign})
    target("no request to another origin", not foreign,
           "none" if not foreign else f"{len(foreign)} distinct: " + ", ".join(foreign[:5]))
    extra = brief.bytes - base.bytes
    target("brief no heavier than the naive site", extra <= 0,
           f"{-extra:,} bytes lighter" if extra <= 0 else f"missed by {extra:,} bytes ({extra / base.bytes:.0%})")
    if brief.lcp_ms and base.lcp_ms:
        slower = brief.lcp_ms - base.lcp_ms
        target("brief no slower (LCP) than the naive site", slower <= 0,
               f"{-slower:,.0f} ms faster" if slower <= 0 else f"missed by {slower:,.0f} ms")
    else:
        target("brief no slower (LCP) than the naive site", False, "no LCP measured")
    limit_ms = f"; bare-HTML limit {limit.lcp_ms:,.0f} ms" if limit is not None and limit.lcp_ms else ""
    if brief.lcp_ms:
        target(f"brief LCP at most {LCP_TARGET_MS:,.0f} ms", brief.lcp_ms <= LCP_TARGET_MS,
               (f"{brief.lcp_ms:,.0f} ms" if brief.lcp_ms <= LCP_TARGET_MS
                else f"missed by {brief.lcp_ms - LCP_TARGET_MS:,.0f} ms ({brief.lcp_ms:,.0f} ms)") + limit_ms)
    else:
        target(f"brief LCP at most {LCP_TARGET_MS:,.0f} ms", False, "no LCP measured")
    shifted = [f for f in ours if f.cls is None or f.cls > 0]
    target("no layout shift (CLS 0) on every page", not shifted,
           "CLS 0.000 everywhere" if not shifted else ", ".join(
               f"/{f.path} {'—' if f.cls is None else f'{f.cls:.3f}'}" for f in shifted))
    traced = [f for f in ours if f.own_ms is not None]
    over = [f for f in traced if f.own_ms > OWN_WORK_TARGET_MS]
    target(f"the edition's own main-thread work at load at most {OWN_WORK_TARGET_MS:.0f} ms on every page",
           bool(traced) and not over,
           "not traced" if not traced else (
               f"at most {max(f.own_ms for f in traced):.1f} ms (/{max(traced, key=lambda f: f.own_ms).path})"
               if not over else ", ".join(f"/{f.path} {f.own_ms:.1f} ms" for f in over)))
    unscored = [f for f in ours if "performance" not in f.scores]
    target("performance reported for every page", not unscored,
           f"{len(ours)} pages" if not unscored else "none for " + ", ".join(f"/{f.path}" for f in unscored))
    target(f"full build under {BUILD_TARGET_S:.0f} s", build_s < BUILD_TARGET_S,
           f"{build_s:.2f} s" if build_s < BUILD_TARGET_S else f"missed by {build_s - BUILD_TARGET_S:.2f} s")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edition benchmark", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-runs", type=int, default=3, help="builds to time per site (median)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page; the median run is reported (default 3)")
    parser.add_argument("--trace-runs", type=int, default=3,
                        help="traced loads per page for the main-thread work (median; default 3)")
    parser.add_argument("--pages", nargs="*", metavar="PATH",
                        help="only these pages of the edition (e.g. brief/ ''), to iterate quickly")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmark" / "results.md",
                        help="write the printed figures to this file too (default benchmark/results.md)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (bytes and requests only)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this folder")
    args = parser.parse_args(argv)
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    if not args.no_lighthouse and not LIGHTHOUSE.exists():
        sys.exit("benchmark: Lighthouse is missing: run `npm ci` in the repository first")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        tmp = Path(tmp)
        ours_dir, naive_dir = tmp / "site", tmp / "naive-site"
        print("Building both sites…", file=sys.stderr)
        build_s = timed_build(ROOT / "mkdocs.yml", ours_dir, args.build_runs)
        naive_build_s = timed_build(make_naive_site(tmp / "naive"), naive_dir, args.build_runs)
        bare_dir = make_bare_site(tmp / "bare")

        with serve_gzip(ours_dir) as ours_url, serve_gzip(naive_dir) as naive_url, \
                serve_gzip(bare_dir) as bare_url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS[1:])
            print("Measuring first views…", file=sys.stderr)
            ours = first_views(browser, ours_url, "edition", [p for p in page_paths(ours_dir) if args.pages is None or p in args.pages], ours_dir, args.trace_runs)
            naive = first_views(browser, naive_url, "naive", [""], naive_dir, args.trace_runs)
            bare = first_views(browser, bare_url, "bare", [""], bare_dir, args.trace_runs)
            parts = page_parts((ours_dir / BRIEF / "index.html").read_text(encoding="utf-8"))
            browser.close()
            if not args.no_lighthouse:
                for base, figs in ((ours_url, ours), (naive_url, naive), (bare_url, bare)):
                    for fig in figs:
                        print(f"Lighthouse on {fig.site} /{fig.path}…", file=sys.stderr)
                        lighthouse(base + fig.path, args.reports or tmp, fig, args.lighthouse_runs)

    lines = report(ours, naive, build_s, naive_build_s, bare, parts)
    print("\n".join(lines))
    if args.results:
        args.results.parent.mkdir(parents=True, exist_ok=True)
        runs = ("no Lighthouse" if args.no_lighthouse else f"Lighthouse runs per page: {args.lighthouse_runs}")
        args.results.write_text(
            "# `edition benchmark`: one run's output\n\n"
            f"Written by `edition benchmark` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
            f"builds timed: {args.build_runs}; traced loads per page: {args.trace_runs}; {runs}). "
            "Run it again to replace this file; the figures depend on the machine and its load.\n\n"
            + "\n".join(lines) + "\n", encoding="utf-8")
        print(f"benchmark: figures written to {args.results}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps({"build_s": build_s, "naive_build_s": naive_build_s,
                                         "pages": [asdict(f) for f in [*ours, *naive, *bare]]}, indent=2))
    return 0


