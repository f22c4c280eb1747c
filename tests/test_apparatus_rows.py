"""Each row of the apparatus on "About this edition" says what its own mark records.

The table is checked on the built page (fixture built_site): every row's "Where" link leads to a
mark of the parsed brief, and the row's kind and reason are that mark's, never another row's. A move
that gives no reason of its own stops the load, naming the file and the line.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

import edition
from edition.errors import NotationError
from sitetools import ROOT, copy_project

ED = edition.load(ROOT)


@pytest.fixture(scope="module")
def rows(built_site) -> list:
    """The rows of the apparatus table on the built About page."""
    html = (built_site / "about-this-edition" / "index.html").read_text(encoding="utf-8")
    table = BeautifulSoup(html, "html.parser").select_one(".apparatus table")
    assert table is not None, "no apparatus table on About"
    return table.select("tbody tr")


def test_every_row_gives_the_reason_and_kind_of_its_own_mark(rows):
    marks = {iv.id: iv for iv in ED.doc.interventions}
    listed = [iv for iv in ED.doc.interventions if iv.form != "destination"]
    assert len(rows) == len(listed) > 40
    for row in rows:
        cells = row.find_all("td")
        href = cells[1].a["href"]
        assert href.startswith("../brief/#"), href
        iv = marks[href.split("#", 1)[1]]
        assert row["id"] == f"apparatus-{iv.id}"
        assert cells[2].get_text(strip=True) == ED.kinds[iv.kind].label, iv.id
        assert iv.reason, f"{iv.id} records no reason"
        zone_link = cells[5].select_one(".ed-zone-link")  # the damaged zones' rows add their zone's view
        if zone_link:
            zone_link.extract()
        assert " ".join(cells[5].get_text().split()) == " ".join(iv.reason.split()), iv.id
    reasons = [" ".join(r.find_all("td")[5].get_text().split()) for r in rows]
    fn3 = reasons[[iv.id for iv in listed].index(next(iv.id for iv in listed if iv.label == "fn-3"))]
    assert "footnote 3" in fn3 and "footnotes 2 to 4" not in fn3


def test_a_move_without_its_own_reason_stops_the_load(tmp_path):
    root = copy_project(ROOT, tmp_path / "p")
    brief = root / "docs" / "brief.md"
    text = brief.read_text(encoding="utf-8")
    mutated, n = re.subn(r"\{>>move #fn-3: [^<]*<<\}", "{>>move #fn-3<<}", text)
    assert n == 1
    brief.write_text(mutated, encoding="utf-8")
    line = mutated[:mutated.index("{>>move #fn-3<<}")].count("\n") + 1
    with pytest.raises(NotationError) as exc:
        edition.load(root)
    message = str(exc.value)
    assert f"brief.md:{line}:" in message, message
    assert "{>>move #fn-3<<}" in message and "gives no reason" in message, message
