"""The Content-Security-Policy on the built site (edition.csp, the last step of edition postbuild).

Every page carries one policy, the same on all (404.html, which only a full load shows, adds its
own hashes), that allows the site itself only and each inline script and style by its hash; the checker catches a page altered after the build. Whether the
browser agrees (no violation while reading) is the browser tests' part (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from edition import csp
from edition.errors import EditionError
from sitetools import ROOT, build_site, copy_project

PALETTE_SCRIPT = 'var palette=__md_get("__palette")'


def pages(site: Path) -> dict[str, str]:
    """Every HTML page of a built site: path -> text."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def built(built_site) -> dict[str, str]:
    return pages(built_site)


def test_every_page_has_a_policy_that_allows_its_inline_scripts_and_styles(built):
    assert {"index.html", "404.html", "brief/index.html"} <= set(built)
    for where, html in built.items():
        assert csp.check_page(html, where) == []
        found = csp.scan(html)
        # what the check counts: the theme's inline scripts and the site's own inlined stylesheet
        # (and, on the brief, the <noscript> one that shows the editors' explanations without JS)
        assert sum(i.tag == "script" for i in found.inlines) >= 3, where
        assert sum(i.tag == "style" for i in found.inlines) == 1 + ("<noscript><style>" in html), where


def test_one_policy_for_the_whole_site(built):
    # instant navigation appends a new page's differing <head> elements, and a CSP <meta> stays in
    # force once inserted: different policies per page would pile up in one document. Only the 404
    # page, never brought in by instant navigation, adds its own hashes, which no other page needs.
    policies = {csp.scan(html).metas[0] for where, html in built.items() if where != "404.html"}
    assert len(policies) == 1
    shared = policies.pop()
    missing = csp.scan(built["404.html"]).metas[0]
    rules, rules_404 = csp.directives(shared), csp.directives(missing)
    for name in rules:
        extra = set(rules_404[name]) - set(rules[name])
        assert set(rules[name]) <= set(rules_404[name]) and (not extra or name in ("script-src", "style-src")), name
    own_404 = {csp.digest(i.text) for i in csp.scan(built["404.html"]).inlines}
    added = (set(rules_404["script-src"]) | set(rules_404["style-src"])) - set(rules["script-src"]) - set(rules["style-src"])
    assert added and added <= own_404, "the 404 page's policy adds what is not its own"
    for where, html in built.items():  # what the others carry is someone's but the 404's alone
        if where != "404.html":
            assert not added & {csp.digest(i.text) for i in csp.scan(html).inlines}, where
    assert "'unsafe-eval'" not in str(rules) and "'unsafe-inline'" not in str(rules)
    assert rules["default-src"] == ["'self'"] and rules["object-src"] == ["'none'"]
    assert rules["worker-src"] == ["'self'"] and rules["connect-src"] == ["'self'"]
    assert not re.search(r"https?:|\*|//", str(rules))


def test_the_policy_follows_meta_charset_within_the_first_bytes(built):
    for where, html in built.items():
        head = html[:html.index("</head>")]
        assert head.index("<meta charset") < head.index('http-equiv="Content-Security-Policy"'), where
        assert html.index("<meta charset") < 1024, where  # the HTML spec's limit for the charset
        assert head.index('http-equiv="Content-Security-Policy"') < min(
            head.index(tag) for tag in ("<script", "<style", "<link") if tag in head), where


def test_an_inline_script_changed_after_the_build_is_caught(built):
    html = built["brief/index.html"]
    assert PALETTE_SCRIPT in html
    mutated = html.replace(PALETTE_SCRIPT, 'var palette=__md_get("__other")')
    problems = csp.check_page(mutated, "brief/index.html")
    assert len(problems) == 1
    assert problems[0].startswith("brief/index.html: <script> at line ")
    assert "var palette=__md_get(\"__other\")" in problems[0] and "script-src" in problems[0]


def test_an_inlined_stylesheet_changed_after_the_build_is_caught(built):
    html = built["timeline/index.html"]
    mutated = html.replace(":root{--ed-mark:#5c4a00", ":root{--ed-mark:#000000", 1)
    assert mutated != html
    (problem,) = csp.check_page(mutated, "timeline/index.html")
    assert problem.startswith("timeline/index.html: <style> at line ") and "style-src" in problem


def test_a_json_data_block_needs_no_hash(built):
    html = built["brief/index.html"]
    block = '<script type="application/ld+json">{'
    mutated = html.replace(block, block + '"x": 1, ', 1)
    assert mutated != html and csp.check_page(mutated, "brief/index.html") == []


@pytest.mark.parametrize("mutate, message", [
    (lambda h: h.replace("<p>", '<p onclick="go()">', 1), "inline event handler onclick="),
    (lambda h: h.replace("<p>", '<p style="color:red">', 1), "style attribute"),
    (lambda h: h.replace("<a href=", '<a href="javascript:go()" data-x=', 1), "javascript: URL in href="),
    (lambda h: h.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"),
     "script-src allows 'unsafe-eval'"),
    (lambda h: h.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
     "script-src allows 'unsafe-inline'"),
    (lambda h: h.replace("connect-src 'self'", "connect-src 'self' https://cdn.example.org"),
     "connect-src allows https://cdn.example.org"),
    (lambda h: h.replace("img-src 'self' data:", "img-src *"), "img-src allows *"),
    (lambda h: h.replace("object-src 'none'; ", ""), "the policy has no object-src"),
    (lambda h: re.sub(r'(<meta http-equiv="Content-Security-Policy"[^>]*>)', r"\1\1", h),
     "2 Content-Security-Policy"),
    (lambda h: csp.META_RE.sub("", h), "0 Content-Security-Policy"),
    (lambda h: h.replace('<meta http-equiv="Content-Security-Policy"',
                         '<link rel="icon" href="x.svg"><meta http-equiv="Content-Security-Policy"', 1),
     "the Content-Security-Policy <meta> comes after ['meta charset', 'link']"),
])
def test_a_policy_or_page_broken_after_the_build_is_caught(built, mutate, message):
    html = built["index.html"]
    mutated = mutate(html)
    assert mutated != html
    problems = csp.check_page(mutated, "index.html")
    assert any(p.startswith("index.html: ") and message in p for p in problems), problems


def test_the_build_stops_at_an_attribute_the_policy_would_block(built_site, tmp_path):
    site = shutil.copytree(built_site, tmp_path / "site")
    page = site / "glossary" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<p>", '<p onmouseover="go()">', 1), encoding="utf-8")
    line = html[:html.index("<p>")].count("\n") + 1
    with pytest.raises(EditionError, match=rf"glossary/index.html: <p> at line {line} has an inline event "
                                           r"handler onmouseover="):
        csp.apply_to_site(site)


def test_writing_the_policy_again_changes_nothing(built_site, tmp_path):
    # a dirty rebuild (mkdocs serve) meets pages that have a policy already: it is replaced, not doubled
    site = shutil.copytree(built_site, tmp_path / "site")
    csp.apply_to_site(site)
    assert pages(site) == pages(built_site)


def test_line_ends_are_hashed_as_the_browser_reads_them():
    assert csp.digest("a\r\nb\rc") == csp.digest("a\nb\nc") != csp.digest("a b c")
    # the empty script's hash, as the CSP spec's examples and browsers give it
    assert csp.digest("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def test_a_redirect_page_gets_the_policy_too(tmp_path):
    # mkdocs-redirects writes its pages after the pages are built, with an inline script of its own
    project = copy_project(ROOT, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "redirect_maps: {}", "redirect_maps: {old-brief.md: brief.md}"), encoding="utf-8")
    build_site(project, tmp_path / "site")
    html = (tmp_path / "site" / "old-brief" / "index.html").read_text(encoding="utf-8")
    assert "window.location" in html or "location.href" in html
    assert csp.check_page(html, "old-brief/index.html") == []
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert csp.scan(html).metas == csp.scan(home).metas
