"""Measure the edition against a naive site made from the same source, and print the figures.

Usage: .venv/bin/edition benchmark [--build-runs N] [--lighthouse-runs N] [--no-lighthouse]
                                             [--json FILE] [--reports DIR]

Not a test: run it by hand (a few minutes) and copy what it prints into the README. In one run it
1. builds this site (mkdocs build --strict) and a naive one: the extracted text of the brief pasted
   into docs/index.md of a default Material configuration, generated in a temporary folder; each
   build is timed the same way (wall time of the whole command, median of N runs); and writes the
   bare-HTML limit: the same text as one HTML file with no stylesheet and no script (what no site
   of this text can beat);
2. serves the three with gzip on 127.0.0.1 under the project subpath, as GitHub Pages serves them;
3. opens every page in a fresh Chromium profile (first view) and records the bytes transferred,
   the number of requests and the requests to other origins;
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


def first_views(browser, base: str, site: str, paths: list[str]) -> list[PageFigures]:
    """Open each page in a fresh profile; sum what went over the wire until the network is idle."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    figures = []
    for path in paths:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        seen = []
        page.on("requestfinished", lambda r: seen.append(r))
        page.on("requestfailed", lambda r: seen.append(r))
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(500)
        fig = PageFigures(site, path)
        for request in seen:
            fig.requests += 1
            if not request.url.startswith(origin) and not request.url.startswith(("data:", "blob:")):
                fig.foreign.append(request.url)
            fig.bytes += _transferred(request)
        figures.append(fig)
        context.close()
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
           bare: list[PageFigures] | None = None) -> list[str]:
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
    brief = next(f for f in ours if f.path == BRIEF)
    base = naive[0]
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
    target(f"full build under {BUILD_TARGET_S:.0f} s", build_s < BUILD_TARGET_S,
           f"{build_s:.2f} s" if build_s < BUILD_TARGET_S else f"missed by {build_s - BUILD_TARGET_S:.2f} s")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edition benchmark", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-runs", type=int, default=3, help="builds to time per site (median)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page; the median run is reported (default 3)")
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
            ours = first_views(browser, ours_url, "edition", page_paths(ours_dir))
            naive = first_views(browser, naive_url, "naive", [""])
            bare = first_views(browser, bare_url, "bare", [""])
            browser.close()
            if not args.no_lighthouse:
                for base, figs in ((ours_url, ours), (naive_url, naive), (bare_url, bare)):
                    for fig in figs:
                        print(f"Lighthouse on {fig.site} /{fig.path}…", file=sys.stderr)
                        lighthouse(base + fig.path, args.reports or tmp, fig, args.lighthouse_runs)

    lines = report(ours, naive, build_s, naive_build_s, bare)
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({"build_s": build_s, "naive_build_s": naive_build_s,
                                         "pages": [asdict(f) for f in [*ours, *naive, *bare]]}, indent=2))
    return 0


