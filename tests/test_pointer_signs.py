"""The pointers to the editors' notes on the built brief: each a sign of its class in an attribute,
drawn by the stylesheet, with no text of its own; a kind that would point without a sign stops the
render naming it. (What a reader copies and finds is proved in Chromium:
tests/browser/test_pointer_signs_in_browser.py.)"""

from __future__ import annotations

import json
import re

import markdown
import pytest
from bs4 import BeautifulSoup

import edition
from edition.errors import NotationError
from edition.extension import POINTER_SIGNS, EditionExtension, letters, pointer_signs
from sitetools import ROOT, copy_project

ED = edition.load(ROOT)


@pytest.fixture(scope="module")
def brief(built_site) -> BeautifulSoup:
    return BeautifulSoup((built_site / "brief" / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_note_shown_in_the_text_is_a_pointer_with_its_class_sign_and_no_text(brief):
    pointers = brief.select("article .ed-note")
    noted = [iv for iv in ED.doc.interventions if iv.form == "note" and ED.kinds[iv.kind].in_text == "note"]
    assert sorted(p["id"] for p in pointers) == sorted(iv.id for iv in noted)
    signs = pointer_signs(ED)
    for p in pointers:
        assert p.get_text() == "" and p["data-sign"] == signs[p["id"]], p["id"]
        assert (p.get("aria-label") or p.get("data-note")) and p.get("tabindex") in ("0", None)
    by_kind = {iv.kind: [signs[i.id] for i in noted if i.kind == iv.kind] for iv in noted}
    assert set(by_kind["witness"]) == {"†"} and set(by_kind["division"]) == {"⁋"}
    assert by_kind["note"] == [letters(n) for n in range(1, len(by_kind["note"]) + 1)]
    # the stylesheet draws the sign from the attribute
    css = " ".join(s.get_text() for s in brief.head.find_all("style"))
    assert re.search(r"\.ed-note::before\{content:attr\(data-sign\)\}", css.replace(" ", ""))


def test_the_letters_run_a_to_z_then_aa():
    assert [letters(n) for n in (1, 2, 26, 27, 28, 52, 53)] == ["a", "b", "z", "aa", "ab", "az", "ba"]


def test_the_search_index_holds_no_pointer_text(built_site):
    index = json.loads((built_site / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("brief/"))
    assert "semi-isolation that followed" in " ".join(text.split())
    assert not re.search(r"(?<!\w)ed\.|[†⁋]", text)


def test_a_kind_that_points_without_a_sign_stops_the_render_naming_it(tmp_path):
    """A new kind of note shown in the text, with no sign in POINTER_SIGNS: the brief's render
    fails with the kind's name, not a page with an empty pointer."""
    assert "remark" not in POINTER_SIGNS
    project = copy_project(ROOT, tmp_path / "project")
    kinds = project / "data" / "interventions.yml"
    kinds.write_text(kinds.read_text(encoding="utf-8") + (
        "  remark:\n    mark: note\n    label: Editors’ remark\n    description: >-\n      A remark.\n"),
        encoding="utf-8")
    brief = project / "docs" / "brief.md"
    text = brief.read_text(encoding="utf-8")
    assert text.count("{>>note: four partners") == 1
    brief.write_text(text.replace("{>>note: four partners", "{>>remark: four partners"), encoding="utf-8")
    body = brief.read_text(encoding="utf-8").split("---\n", 2)[2]
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "footnotes", "tables", "toc",
                                       EditionExtension(root=str(project), site_url="https://x.test/",
                                                        page="brief.md")])
    with pytest.raises(NotationError, match=r"data/interventions\.yml: kind 'remark' shows a pointer in "
                                            r"the reading text \(in_text: note\), but it has no sign"):
        md.convert(body)
