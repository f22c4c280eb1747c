"""The reader fixture's own checks (conftest.visit) can fail: a missing file and a refused request
are recorded as failures; a request the page itself gave up (net::ERR_ABORTED) is not."""

from __future__ import annotations


def test_a_missing_file_and_a_refused_request_are_failures_an_abandoned_one_is_not(visit, base_url):
    v = visit()
    page = v.page
    missing, refused = f"{base_url}no-such-file.js", f"{base_url}refused.js"
    page.route(refused, lambda route: route.abort("connectionrefused"))
    page.goto(base_url)
    page.evaluate("""([missing, refused]) => Promise.all([
        fetch(missing).catch(() => null),
        fetch(refused).catch(() => null),
        (() => { const c = new AbortController(); const p = fetch(location.href + "?abandoned",
            {signal: c.signal}).catch(() => null); c.abort(); return p; })(),
    ])""", [missing, refused])
    failures = list(v.failures)
    assert f"{missing} (404)" in failures, failures
    assert f"{refused} (net::ERR_CONNECTION_REFUSED)" in failures, failures
    assert any("abandoned" in u for u in v.requests) and not any("abandoned" in f for f in failures), failures
    v.failures.clear()  # made on purpose: the fixture would fail the test on them at its end
