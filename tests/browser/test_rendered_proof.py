"""The rendered proof (edition.browserproof): what Chromium shows of the built site is the source.

The built site passes in every view: tests/test_rendered_proof_command.py runs the deploy's command
on it. Here, one Chromium and one server for the whole file (browserproof.RenderedProof swaps the
site it serves): the headless shell, as in every browser test (conftest); the deploy runs the same
proof in the full browser before it publishes. Each fault the issue's probes found is made in a copy
of the built site -- a line appended to the edition's stylesheet where the page inlines it (the
policy's hashes recomputed, as the build does), a line appended to the site's own script, an element
put into the built brief -- and the proof must fail naming the page, the paragraph id and the words.
The faults of one paragraph are made together in ONE copy, each in a paragraph of its own, and read
in one load: each must be reported at its own paragraph, and nothing but the hidden words' absence
elsewhere. Faults of the whole page, or of a paragraph's neighbour, are made alone. Faults are made
in the built copy, not in docs/brief.md: the build will refuse raw HTML in the brief (issue 20,
point 2), and the browser proof must still catch what reaches the reader by any other way.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import edition
from edition import browserproof, csp
from sitetools import CHROMIUM_SHELL, ROOT

ONE = (browserproof.View(1280, "light", "reading"),)
# Words of #policy-6, where the probes put elements.
NOT = "Russia does not significantly"


@pytest.fixture(scope="module")
def ed():
    return edition.load(ROOT)


@pytest.fixture(scope="module")
def rendered(playwright):
    with browserproof.RenderedProof(playwright, executable=CHROMIUM_SHELL) as proof:
        yield proof


@pytest.fixture
def site(built_site, tmp_path) -> Path:
    return Path(shutil.copytree(built_site, tmp_path / "site"))


def add_css(site: Path, css: str) -> None:
    """Append `css` to edition.css where every page has it (inlined in <head>), and recompute the
    pages' Content-Security-Policy as the build's last step does."""
    changed = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        at = text.find("<style>:root{--ed-mark:")  # edition.css, first of the inlined extra_css
        if at < 0:
            continue
        end = text.index("</style>", at)
        page.write_text(text[:end] + css + text[end:], encoding="utf-8")
        changed += 1
    assert changed, "no page inlines edition.css"
    csp.apply_to_site(site)


def add_js(site: Path, js: str) -> None:
    """Append `js` to the site's own edition.js where every page has it (written into the end of
    <body>), and recompute the pages' Content-Security-Policy as the build's last step does."""
    changed = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        at = text.find("<script data-base=")  # edition.js, the site's own script (inline_js)
        if at < 0:
            continue
        end = text.index("</script>", at)
        page.write_text(text[:end] + "\n" + js + text[end:], encoding="utf-8")
        changed += 1
    assert changed, "no page holds edition.js"
    csp.apply_to_site(site)


# (name, how the copy is changed, what the proof must say about the paragraph)
CSS = "css"
JS = "js"
HTML = "html"
CLASS = "class"  # a class put on the paragraph, and maybe a rule for it
MARK = "mark"  # a change inside the paragraph's ⁋ note pointer
IMG_SVG = ('<img alt="" src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22%3E'
           '%3Ctext y=%2215%22%3Eand never will%3C/text%3E%3C/svg%3E">')
# Faults of one paragraph each, all made at once in ONE copy of the site, each in a paragraph of its
# own, and read in one load: the proof must report each at its own paragraph. {p} is the paragraph.
# (name, paragraph, kind, change, what the proof must say at that paragraph)
PARAGRAPH_FAULTS = [
    # Hidden or changed by CSS (appended to edition.css)
    ("display-none", "place-4", CSS, "#{p}{display:none}", "hidden (display: none)"),
    ("font-size-0", "summary-1", CSS, "#{p}{font-size:0}", "zero-sized (font-size: 0px)"),
    ("color-transparent", "summary-2", CSS, "#{p}{color:transparent}", "transparent (color: rgba(0, 0, 0, 0))"),
    ("opacity-0", "introduction-1", CSS, "#{p}{opacity:0}", "transparent (opacity: 0)"),
    ("clip-path", "introduction-2", CSS, "#{p}{clip-path:inset(0 0 100% 0)}", "clipped (clip-path: inset(0px 0px 100%))"),
    ("content-visibility", "place-1", CSS, "#{p}{content-visibility:hidden}", "hidden (content-visibility: hidden)"),
    ("display-var", "place-2", CSS, ":root{{--h:none}}#{p}{{display:var(--h)}}", "hidden (display: none)"),
    ("first-letter", "place-3", CSS, "#{p}::first-letter{font-size:0}", "its first letter is hidden or changed"),
    ("text-transform", "security-3", CSS, "#{p}{text-transform:uppercase}", "case-changed (text-transform: uppercase)"),
    ("text-transform-innertext", "security-3", CSS, "", "the browser renders its text as “…YETJAPANESEANDRUSSIAN"),
    ("bidi-override", "place-5", CSS, "#{p}{unicode-bidi:bidi-override;direction:rtl}", "reordered (direction: rtl)"),
    ("line-through", "economy-1", CSS, "#{p}{text-decoration:line-through}", "struck through (text-decoration: line-through)"),
    ("same-colour-as-background", "economy-2", CSS, "#{p}{color:var(--md-default-bg-color)}", "the colour of its background"),
    ("off-the-page", "economy-3", CSS, "#{p}{position:absolute;left:-9999px}", "off the page"),
    ("overflow-clipped", "security-1", CSS, "#{p}{height:0.2em;overflow:hidden}", "clipped (outside the overflow box of <p#security-1>)"),
    # Hidden through a class: the theme's own (.md-toggle), or one the stylesheet hides
    ("md-toggle-class", "security-2", CLASS, ("md-toggle", ""), "hidden (display: none)"),
    ("visibility-class", "security-5", CLASS, ("proof-probe", ".proof-probe{visibility:hidden}"), "hidden (visibility: hidden)"),
    # Markup the proof does not model (put into the built brief)
    # (<dialog> also closes the paragraph: the words after it are named after the paragraph)
    ("dialog", "policy-6", HTML, (NOT, "Russia does <dialog>not</dialog> significantly"), "hidden (display: none)"),
    ("ruby-rp", "trump-1", HTML, ("arrived", "<ruby><rp>arrived</rp></ruby>"), "hidden (display: none)"),
    ("datalist", "policy-1", HTML, ("overestimate", "<datalist>overestimate</datalist>"), "hidden (display: none)"),
    ("bdo", "author-1", HTML, ("associate director", '<bdo dir="rtl">associate director</bdo>'), "reordered (direction: rtl)"),
    ("q", "gmf-1", HTML, ("strengthens", "<q>strengthens</q>"), "generated content (q::before) adds “open-quote”"),
    ("img-svg", "security-6", HTML, ("specifics", "specifics " + IMG_SVG), "an element that draws instead of text (<img>)"),
    ("abbr-title", "trump-2", HTML, ("vacuum", '<abbr title="does indeed">vacuum</abbr>'),
     "“vacuum” is an <abbr> that no glossary entry makes"),
    ("foreign-link", "trump-3", HTML, ("perspective", '<a href="https://attacker.example/">perspective</a>'),
     "the author's words “perspective” link to “https://attacker.example/”"),
    ("bidi-control-in-mark", "policy-2", MARK, ('role="note" tabindex="0"></span>', 'role="note" tabindex="0">\u202e</span>'),
     "invisible or reordering characters (U+202E)"),
    # A note pointer may show its own sign (edition.extension.pointer_signs), and nothing else
    ("pointer-sign-made-words", "policy-3", MARK, ('data-sign="⁋"', 'data-sign="Moscow agrees"'),
     "generated content (span::before) adds “Moscow agrees” to the author's text"),
    ("pointer-sign-of-another-class", "policy-4", MARK, ('data-sign="⁋"', 'data-sign="†"'),
     "generated content (span::before) adds “†” to the author's text"),
    ("zero-width-in-note", "policy-5", MARK, ('aria-label="Editors’ division.', 'aria-label="Editors’\u200b division.'),
     "invisible or reordering characters (U+200B) in the aria-label of <span>"),
    ("ideographic-spaces-in-note", "policy-7", MARK, ('aria-label="Editors’ division.', 'aria-label="Editors’\u3000\u3000\u3000division.'),
     "invisible or reordering characters (U+3000) in the aria-label of <span>"),
]


def in_paragraph(text: str, para: str, old: str, new: str) -> str:
    """`text` (the built brief) with `old` replaced by `new` in paragraph `para`, where it occurs once."""
    start = text.index(f'<p id="{para}"')
    end = text.index("</p>", start)
    body = text[start:end]
    assert body.count(old) == 1, f"{old!r} occurs {body.count(old)} times in #{para}"
    return text[:start] + body.replace(old, new) + text[end:]


@pytest.fixture(scope="module")
def paragraph_faults(built_site, tmp_path_factory, ed, rendered) -> list[str]:
    """The proof's problems on one copy of the site with every paragraph fault made at once."""
    site = Path(shutil.copytree(built_site, tmp_path_factory.mktemp("faults") / "site"))
    page = site / "brief" / "index.html"
    text = page.read_text(encoding="utf-8")
    css = []
    for _, para, kind, change, _ in PARAGRAPH_FAULTS:
        if kind == CSS:
            css.append(change.format(p=para) if "{{" in change else change.replace("{p}", para))
        elif kind == CLASS:
            text = in_paragraph(text, para, f'<p id="{para}">', f'<p id="{para}" class="{change[0]}">')
            css.append(change[1])
        else:
            text = in_paragraph(text, para, *change)
    page.write_text(text, encoding="utf-8")
    add_css(site, "".join(css))
    return rendered.check(site, ed, ONE, ("load",), ("brief/",))


def at(problems: list[str], para: str) -> list[str]:
    """The problems named at paragraph `para` (or after it, when an element closed it)."""
    return [p for p in problems if re.match(rf"brief/#{re.escape(para)}[: ]", p)]


@pytest.mark.parametrize("name, para, kind, change, expected", PARAGRAPH_FAULTS, ids=[m[0] for m in PARAGRAPH_FAULTS])
def test_a_fault_a_reader_would_see_fails_naming_page_paragraph_and_words(paragraph_faults, name, para, kind, change, expected):
    named = [p for p in at(paragraph_faults, para) if expected in p]
    assert named, "\n".join(paragraph_faults) or "no problem found"
    assert "“" in named[0] and "”" in named[0], f"the words are not quoted: {named[0]}"


def test_each_paragraph_fault_is_reported_at_its_own_paragraph_only(paragraph_faults):
    """Made together, the faults do not mask or stand for one another: every problem the proof
    reports is at a paragraph given a fault (a fault caught elsewhere would say so here), but for
    the comparison's: the hidden words are missing from the page, named after the place before."""
    faulty = {para for _, para, *_ in PARAGRAPH_FAULTS}
    assert paragraph_faults
    stray = [p for p in paragraph_faults if not any(at([p], para) for para in faulty)
             and ": unrecorded difference (missing from the page) at source line " not in p]
    assert not stray, "\n".join(stray)


# Faults of the whole page, or of a paragraph's neighbour: each alone in a copy of the site.
MUTATIONS = [
    ("article-hidden", CSS, "article.md-content__inner{opacity:0.1}", "author text transparent (opacity: 0.1) on <article>"),
    ("overlaid", CSS, "#security-4{position:relative;z-index:5;margin-top:-8em;background:#fff}", "overlaid (covered by <p#security-4>)"),
    ("abbr-generated", CSS, "abbr{font-size:0}abbr::after{content:'other words';font-size:1rem}",
     "generated content (abbr::after) adds “other words” to the author's text"),
    # Rewritten by script (appended to edition.js, written into every page)
    ("script-rewrite", JS, 'document.addEventListener("DOMContentLoaded",function(){'
     'document.getElementById("security-3").textContent="Japan and Russia agree on China.";});',
     "unrecorded difference"),
]


@pytest.mark.parametrize("name, kind, change, expected", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_a_fault_of_the_page_fails_naming_page_paragraph_and_words(site, ed, rendered, name, kind, change, expected):
    (add_css if kind == CSS else add_js)(site, change)
    problems = rendered.check(site, ed, ONE, ("load",), ("brief/",))
    named = [p for p in at(problems, "security-3") if expected in p]
    assert named, "\n".join(problems) or "no problem found"
    if "unrecorded difference" not in expected:
        assert "“" in named[0] and "”" in named[0], f"the words are not quoted: {named[0]}"


# Faults a reader meets in one view only: each is caught in that view, and missed in another one,
# which is why the proof reads every view. The three CSS ones are made together, each on its own
# paragraph, and the four views read in one check.
PHONE_LIGHT = browserproof.View(390, "light", "reading")
DESK_LIGHT = browserproof.View(1280, "light", "reading")
VIEW_FAULTS = [
    ("phone-only", "security-3", "@media (max-width: 400px){#security-3{display:none}}",
     PHONE_LIGHT, DESK_LIGHT, "hidden (display: none)"),
    ("dark-only", "place-2", "[data-md-color-scheme=slate] #place-2{color:var(--md-default-bg-color)}",
     browserproof.View(1280, "dark", "reading"), DESK_LIGHT, "the colour of its background"),
    ("study-only", "economy-1", "[data-apparatus=study] #economy-1{visibility:hidden}",
     browserproof.View(390, "light", "study"), PHONE_LIGHT, "hidden (visibility: hidden)"),
]


@pytest.fixture(scope="module")
def view_faults(built_site, tmp_path_factory, ed, rendered) -> list[str]:
    site = Path(shutil.copytree(built_site, tmp_path_factory.mktemp("view-faults") / "site"))
    add_css(site, "".join(f[2] for f in VIEW_FAULTS))
    views = tuple(dict.fromkeys(v for f in VIEW_FAULTS for v in f[3:5]))
    return rendered.check(site, ed, views, ("load",), ("brief/",))


def views_of(problem: str) -> str:
    """The views a problem was seen in: the end of its line, "[in <view>, <arrival>; ...]"."""
    return problem.rsplit(" [in ", 1)[1]


@pytest.mark.parametrize("name, para, change, caught_in, missed_in, expected", VIEW_FAULTS,
                         ids=[f[0] for f in VIEW_FAULTS])
def test_a_fault_of_one_view_is_caught_in_that_view(view_faults, name, para, change, caught_in,
                                                     missed_in, expected):
    named = [p for p in at(view_faults, para) if expected in p]
    assert any(str(caught_in) in views_of(p) for p in named), view_faults
    assert not any(str(missed_in) in views_of(p) for p in at(view_faults, para)), view_faults


def test_the_desktop_light_view_of_the_view_faults_is_clean(view_faults):
    """None of the three faults shows at 1280 px in the light scheme in reading mode: nothing is
    reported there (each is missed where its view is not the reader's)."""
    assert not [p for p in view_faults if str(DESK_LIGHT) in views_of(p)], view_faults


def test_a_fault_after_instant_navigation_only_is_caught_there(site, ed, rendered):
    add_js(site, 'if (window.document$) document$.subscribe(function () { var p = document.getElementById("security-3");'
                 ' if (p && sessionStorage.getItem("probe")) p.textContent = "Japan and Russia agree on China.";'
                 ' sessionStorage.setItem("probe", "1"); });')
    caught = rendered.check(site, ed, (DESK_LIGHT,), ("instant",), ("brief/",))
    assert any(p.startswith("brief/#security-3") and "unrecorded difference" in p and str(DESK_LIGHT) in p
               for p in caught), caught
    assert rendered.check(site, ed, (DESK_LIGHT,), ("load",), ("brief/",)) == []


def test_a_line_of_the_source_view_hidden_or_changed(site, ed, rendered):
    """The source view quotes the extraction's lines: each must show its line, visibly."""
    add_css(site, '.sv-line[data-line="64"] .sv-text{opacity:0}')
    page = site / "source-view" / "index.html"
    text = page.read_text(encoding="utf-8")
    old = '<code class="sv-text">Russia’s</code>'
    assert text.count(old) >= 1
    page.write_text(text.replace(old, '<code class="sv-text">Russia</code>', 1), encoding="utf-8")
    problems = rendered.check(site, ed, ONE, ("load",), ("source-view/",))
    assert any(p.startswith("source-view/#line-64: author text transparent (opacity: 0) on <code>: “Russia’s Asian “pivot” has”")
               for p in problems), problems
    assert any(p.startswith("source-view/#line-65: the source view shows line 65 as “Russia”, the source reads "
                            "“Russia’s”") for p in problems), problems
