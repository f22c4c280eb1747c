"""The site's Content-Security-Policy, as Chromium enforces it, and the tests' watch for violations.

Every browser test fails on any violation (tests/browser/conftest.py, `visit`); this proves that the
watch sees one, and that the policy is in force: what a page did not bring at build time is refused.
"""

from __future__ import annotations

INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.__injected = true";
  document.head.appendChild(script);
  const style = document.createElement("style");
  style.textContent = "body { outline: 3px solid red }";
  document.head.appendChild(style);
}"""


def test_an_inline_script_and_style_added_later_are_refused_and_reported(reader, base_url):
    page = reader.page
    page.goto(base_url + "brief/")
    page.wait_for_selector(".md-content h1")
    assert reader.csp_violations == []  # the page's own scripts and styles all ran
    page.evaluate(INJECT)
    for _ in range(50):
        if len(reader.csp_violations) >= 2:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.__injected === undefined")
    assert page.evaluate("getComputedStyle(document.body).outlineStyle") != "solid"
    directives = " ".join(reader.csp_violations)
    assert "script-src-elem blocked inline" in directives and "style-src-elem blocked inline" in directives
    reader.csp_violations.clear()  # expected here; any other test fails on one
