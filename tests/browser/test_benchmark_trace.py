"""The benchmark's main-thread figures (edition.benchmark.first_views, main_thread_work) read from
a real Chromium trace: a page whose own script works about 80 ms and whose theme-named bundle works
about 10 ms must be measured so, each apart, and the long task given to the edition's script."""

from __future__ import annotations

from edition import benchmark

BUSY = "var t0=performance.now();while(performance.now()-t0<{ms}){{}}\n"


def test_the_trace_tells_the_edition_s_work_from_the_theme_s(browser, tmp_path):
    js = tmp_path / "assets" / "javascripts"
    js.mkdir(parents=True)
    (js / "bundle.0123abcd.min.js").write_text(BUSY.format(ms=10), encoding="utf-8")
    (js / "own.js").write_text(BUSY.format(ms=80), encoding="utf-8")
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang=en><head><title>t</title></head><body><p>text</p>"
        '<script src="assets/javascripts/bundle.0123abcd.min.js"></script>'
        '<script src="assets/javascripts/own.js"></script></body></html>', encoding="utf-8")
    # Its own Chromium (from the session's Playwright): the shared one resolves only edition.test.
    own = browser.browser_type.launch(executable_path=benchmark.CHROMIUM, args=benchmark.CHROMIUM_ARGS[1:])
    try:
        with benchmark.serve_gzip(tmp_path) as url:
            (fig,) = benchmark.first_views(own, url, "edition", [""], tmp_path, runs=1)
    finally:
        own.close()
    assert 75 <= fig.own_ms < 200, fig
    assert 9 <= fig.theme_ms < fig.own_ms, fig
    assert fig.own_blocking_ms >= 25 and fig.theme_blocking_ms == 0, fig
    assert (fig.requests, fig.theme_requests) == (3, 1) and 0 < fig.theme_bytes < fig.bytes, fig
    lines = benchmark.report([PageFigures_for_brief(fig)], [fig], 1.0, 1.0)
    assert any(line.startswith("- [MISSED] the edition's own main-thread work at load at most 50 ms on every page: "
                               "/brief/ ") for line in lines), lines


def PageFigures_for_brief(fig):  # noqa: N802 - the report needs a page at brief/
    return benchmark.PageFigures(**{**fig.__dict__, "path": benchmark.BRIEF})
