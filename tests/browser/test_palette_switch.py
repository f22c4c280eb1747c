"""The colour scheme's switch, measured in Chromium: no colour fades while the scheme changes, and
by Material's own means: it marks <body> with `data-md-color-switching` while it applies a scheme,
and its palette stylesheet (served as the theme ships it) stops transitions under that mark."""

from __future__ import annotations

from conftest import DESKTOP

# Records the colour transitions that start on the page (each fires `transitionrun`); the toggle's
# own icon and tooltip fade in as they always did, and are no colour.
COUNT_TRANSITIONS = """() => {
  window.__transitions = [];
  document.addEventListener('transitionrun', e => /color/.test(e.propertyName) && window.__transitions.push(
    e.target.tagName.toLowerCase() + '.' + e.target.className + ' ' + e.propertyName), true);
}"""


def switch_scheme(page) -> None:
    """Click the colour scheme's visible toggle, as a reader does, and wait until the switch is
    over: the scheme applied, Material's mark gone, and two frames drawn since (a transition starts,
    and fires `transitionrun`, at the first style update that meets the new colours)."""
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'"
                           " && !document.body.hasAttribute('data-md-color-switching')")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def test_switching_the_colour_scheme_fades_no_colour(visit, base_url):
    v = visit(DESKTOP)
    page = v.page
    page.emulate_media(reduced_motion="no-preference")  # transitions as most readers have them
    page.goto(base_url + "brief/")
    page.evaluate(COUNT_TRANSITIONS)
    switch_scheme(page)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("window.__transitions") == [], page.evaluate("window.__transitions")


def test_without_the_themes_stop_rule_the_switch_would_fade(visit, base_url):
    """The check above can fail: with the rule that stops transitions under Material's mark
    overridden (by a stylesheet added through the page's CSSOM, which the CSP allows), links fade to
    their new colour and the check sees them."""
    v = visit(DESKTOP)
    page = v.page
    page.emulate_media(reduced_motion="no-preference")
    page.goto(base_url + "brief/")
    page.evaluate(COUNT_TRANSITIONS)
    page.evaluate("""() => { const sheet = new CSSStyleSheet();
      sheet.replaceSync('body[data-md-color-switching] .md-typeset a { transition: color 250ms !important; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""")
    switch_scheme(page)
    assert page.evaluate("window.__transitions"), "no transition ran: the first test proves nothing"
