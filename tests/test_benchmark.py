"""The benchmark's own logic (edition.benchmark): the bare-HTML limit it measures beside the naive
site, and the targets its report prints. The measurements themselves need Lighthouse and minutes;
`edition benchmark` is run by hand (README, "Speed, measured")."""

from __future__ import annotations

import html
import re

from edition import benchmark, htmlread
from edition.benchmark import PageFigures


def test_the_bare_html_limit_is_one_file_of_the_whole_text_with_no_css_or_js(tmp_path):
    site = benchmark.make_bare_site(tmp_path / "bare")
    assert [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()] == ["index.html"]
    page = (site / "index.html").read_text(encoding="utf-8")
    tags = {el.tag for el in htmlread.elements(htmlread.page(page))}
    assert "p" in tags and not {"script", "style", "link", "img"} & tags
    body = html.unescape(re.sub(r"<[^>]+>", " ", page.split("<body>", 1)[1]))
    assert body.split() == benchmark.SOURCE_TEXT.read_text(encoding="utf-8").split(), "not the whole text"


def _figures(**brief) -> tuple[list[PageFigures], list[PageFigures], list[PageFigures]]:
    scores = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}
    ours = [PageFigures("edition", "brief/", 90_000, 8, scores=dict(scores), lcp_ms=900, tbt_ms=40, cls=0.0),
            PageFigures("edition", "", 70_000, 8, scores=dict(scores), lcp_ms=800, tbt_ms=30, cls=0.0)]
    for key, value in brief.items():
        setattr(ours[0], key, value)
    naive = [PageFigures("naive", "", 91_000, 7, scores=dict(scores), lcp_ms=1400, tbt_ms=40, cls=0.0)]
    bare = [PageFigures("bare", "", 9_000, 1, scores=dict(scores), lcp_ms=650, tbt_ms=0, cls=0.0)]
    return ours, naive, bare


def test_the_report_sets_the_brief_beside_the_naive_site_and_the_bare_html_limit():
    lines = benchmark.report(*_figures()[:2], 2.5, 0.7, _figures()[2])
    text = "\n".join(lines)
    assert "| bare | / | 9,000 | 1 |" in text
    assert "- bytes on first view: 10.00 (90,000 / 9,000)" in text
    assert "- LCP: 1.38 (900 ms / 650 ms)" in text
    assert "- [met] brief LCP at most 1,000 ms: 900 ms; bare-HTML limit 650 ms" in lines
    assert "- [met] no layout shift (CLS 0) on every page: CLS 0.000 everywhere" in lines
    assert "- [met] full build under 3 s: 2.50 s" in lines
    assert "counted at 0 bytes" not in text  # no site here requested another origin


def test_the_report_says_what_a_blocked_request_to_another_origin_leaves_out():
    """The naive site asks Google Fonts for Roboto; the benchmark's Chromium cannot reach it, so the
    naive page's bytes leave the fonts out, and the report says so beside the table."""
    ours, naive, bare = _figures()
    naive[0].foreign = ["https://fonts.googleapis.com/css?family=Roboto"]
    text = "\n".join(benchmark.report(ours, naive, 2.5, 0.7, bare))
    assert ("naive /: 1 request(s) to other origins, blocked here and counted at 0 bytes (on the open web "
            "they would add to its weight): https://fonts.googleapis.com/css?family=Roboto") in text


def test_the_report_names_each_missed_target_and_by_how_much():
    ours, naive, bare = _figures(lcp_ms=1_250, cls=0.02, bytes=95_000)
    ours[0].scores["performance"] = 97
    lines = benchmark.report(ours, naive, 3.4, 0.7, bare)
    assert "- [MISSED] brief LCP at most 1,000 ms: missed by 250 ms (1,250 ms); bare-HTML limit 650 ms" in lines
    assert "- [MISSED] no layout shift (CLS 0) on every page: /brief/ 0.020" in lines
    assert "- [MISSED] brief no heavier than the naive site: missed by 4,000 bytes (4%)" in lines
    assert "- [MISSED] Lighthouse 100 ×4 on /brief/: missed by performance 3 points" in lines
    assert "- [MISSED] full build under 3 s: missed by 0.40 s" in lines
    assert not any(re.match(r"- \[MISSED\] .* on /:", line) for line in lines)


def test_each_metric_is_the_median_of_its_own_runs():
    """The brief's LCP in Lighthouse takes two values (README "Speed, measured"): the median run by
    performance need not hold the median LCP, so each metric is the median of its own runs."""
    fig = PageFigures("edition", "brief/", 90_000, 9)
    runs = [({"performance": 97}, 1588.0, 177.0, 0.0), ({"performance": 95}, 952.0, 262.0, 0.0),
            ({"performance": 96}, 1620.0, 208.0, 0.001)]
    benchmark.summarize_runs(fig, runs)
    assert fig.scores == {"performance": 96}
    assert (fig.lcp_ms, fig.tbt_ms, fig.cls) == (1588.0, 208.0, 0.0)
    assert fig.perf_runs == [95, 96, 97] and fig.lcp_runs == [952.0, 1620.0, 1588.0]
    naive = PageFigures("naive", "", 91_000, 7, scores={"performance": 99}, lcp_ms=1500, tbt_ms=100, cls=0.0)
    row = next(line for line in benchmark.report([fig], [naive], 2.0, 1.0) if line.startswith("| edition | /brief/"))
    assert row.endswith("| 95 96 97 | 952 1,620 1,588 |")


def test_the_brief_s_parts_are_weighed_by_what_each_adds_compressed():
    note = "Supplied. The publisher, named in full as in the brief’s last page. " * 3
    page = ("<html><head><style>.a{color:red}" + "".join(f".x{i}{{margin:{i}px}}" for i in range(200))
            + f"</style></head><body><p>Text <span aria-label=\"[GMF]: {note}\" class=\"ed ed-supplied\" "
              f"id=\"m\">[GMF]</span> and <span class=\"ed ed-gap\" data-note=\"Lost: {note}\">[…]</span>"
              " more text.</p></body></html>")
    parts = dict(benchmark.page_parts(page))
    assert parts["the edition's inline stylesheet"] > 200
    assert parts["the marks' notes (aria-label; data-note in headings)"] > 40
    assert parts["editors' links beside the paragraphs"] == 0 and parts["permalinks and Cite controls"] == 0
    lines = benchmark.report([PageFigures("edition", "brief/", bytes=100, requests=2)],
                             [PageFigures("naive", "", bytes=90, requests=1)], 1.0, 1.0, None,
                             benchmark.page_parts(page))
    assert f"- the edition's inline stylesheet: {parts['the edition' + chr(39) + 's inline stylesheet']:,} bytes" in lines


def test_the_edition_s_script_written_into_the_page_counts_as_its_own_work(built_site):
    """edition.js is written into every page (inline_js): the trace's work in it is the edition's,
    not the theme's; Material's inline scripts stay the theme's."""
    html = (built_site / "brief" / "index.html").read_text(encoding="utf-8")
    owners = benchmark.inline_owners(html, benchmark.own_inline_texts())
    mine = html.count("\n", 0, html.index("<script data-base=")) + 1
    assert owners[mine] == "edition", owners
    palette = html.count("\n", 0, html.index('<script>var palette=')) + 1
    assert owners[palette] == "theme", owners
    assert list(owners.values()).count("edition") == 1, owners
