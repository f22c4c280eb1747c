"""The damaged zones, line by line (docs/source-view.md): every source line of each zone as printed,
with its assignment and reason, beside the edition's reading; the lost lines linked to their marks;
the apparatus rows of the zones' marks linked to their zone; and data/damaged-zones.yml's `assign`
and `lost` held to the source and the brief (edition.rules)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import edition
from edition.errors import DataError
from edition.rules import ASSIGN_AS
from sitetools import ROOT, SOURCE_PATH, copy_project, load_error

ZONES = {"pull-quote-1": (64, 72), "pull-quote-2": (181, 190), "pull-quote-3": (242, 259)}
# Every restoration, conjecture and gap of the brief, and the zone it stands in.
LOST = {"ed-place-2-3": "pull-quote-1", "ed-pull-quote-1-2": "pull-quote-1",
        "ed-security-2-2": "pull-quote-2", "ed-security-2-4": "pull-quote-2",
        "ed-pull-quote-2-2": "pull-quote-2"}


def page(built_site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / name / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_each_zone_shows_every_source_line_as_printed_with_its_assignment(built_site):
    source = SOURCE_PATH.read_text(encoding="utf-8").splitlines()
    zones = {z.id: z for z in edition.load(ROOT).zones}
    article = page(built_site, "source-view").select_one("article")
    assert [t["data-zone"] for t in article.select("table.sv-zone")] == list(ZONES)
    for zid, (first, last) in ZONES.items():
        heading = article.find(id=f"zone-{zid}")
        assert heading is not None and heading.name == "h2"
        table = heading.find_next("table")
        assert table["data-zone"] == zid
        lines = table.select("td.sv-source div.sv-line")
        assert [(int(d["data-line"]), d.select_one("code.sv-text").get_text()) for d in lines] == [
            (n, source[n - 1]) for n in range(first, last + 1)]
        for div, a in zip(lines, zones[zid].assign, strict=True):
            assert div["data-as"] in ASSIGN_AS and div["data-as"] == a.as_
            label = div.select_one(".sv-as")
            assert label.get_text(" ", strip=True).startswith(a.as_)
            link = label.select_one("a")
            assert (link["href"] if link else "") == (f"../brief/#{a.place}" if a.place else "")
            assert div.select_one(".sv-reason").get_text(strip=True) == a.reason and a.reason
        places = [p["data-place"] for p in table.select("td.sv-reading p")]
        assert places == list(dict.fromkeys(a.place for a in zones[zid].assign if a.place))
    # the pull-quote and the heading the extraction caught among its lines, in zone 3
    assert [(d["data-line"], d["data-as"]) for d in article.select('[data-zone="pull-quote-3"] .sv-line')
            if d["data-as"] == "heading"] == [("250", "heading")]


def test_each_lost_line_links_to_its_mark_in_the_brief(built_site):
    article = page(built_site, "source-view").select_one("article")
    brief = page(built_site, "brief")
    ed = edition.load(ROOT)
    kinds, marks = ed.kinds, {iv.id: iv for iv in ed.doc.interventions}
    found = {}
    for table in article.select("table.sv-zone"):
        for a in table.select("a.sv-lost"):
            found[a["data-mark"]] = table["data-zone"]
            iv = marks[a["data-mark"]]
            assert a["href"] == f"../brief/#{iv.id}"
            assert a.get_text() == f"{kinds[iv.kind].open}{iv.edition}{kinds[iv.kind].close}"
            target = brief.find(id=iv.id)
            assert target is not None and f"ed-{iv.kind}" in target["class"]
    assert found == LOST
    listed = {li["data-mark"]: li.select_one("a")["href"] for li in article.select("ul.sv-lost-list li")}
    assert listed == {m: f"../brief/#{m}" for m in LOST}
    conjecture = marks["ed-security-2-2"]  # a conjecture, as the brackets show it
    assert conjecture.kind == "conjecture" and f"⟨{conjecture.edition}⟩" in article.get_text()


def test_the_apparatus_rows_of_the_zones_marks_link_to_their_zone(built_site):
    about = page(built_site, "about-this-edition")
    rows = about.select(".apparatus tbody tr")
    linked = {tr["id"][len("apparatus-"):]: [a["href"] for a in tr.select('a[href*="source-view/"]')]
              for tr in rows}
    assert {m: hrefs for m, hrefs in linked.items() if hrefs} == {
        m: [f"../source-view/#zone-{z}"] for m, z in LOST.items()}
    assert about.select_one('#the-source ~ p a[href="../source-view/"]') is not None  # About's sentence


def fault(tmp_path: Path, old: str, new: str) -> str:
    """The load's message once `old` is replaced by `new` in a copy's data/damaged-zones.yml."""
    return load_error(tmp_path, "data/damaged-zones.yml", (old, new), error=DataError)


LINE_67 = '      - {line: 67, as: body, place: place-2, reason: "Continues the body sentence of line 66."}\n'
WHERE_1, WHERE_2 = "data/damaged-zones.yml: zone 'pull-quote-1'", "data/damaged-zones.yml: zone 'pull-quote-2'"


@pytest.mark.parametrize("old, new, message", [
    (LINE_67, "", f"{WHERE_1}: line 67: not assigned (the entry after line 66 is line 68); `assign` gives "
                  "every line 64–72 once, in order"),
    (LINE_67, LINE_67 * 2, f"{WHERE_1}: line 67: assigned twice"),
    ("{line: 68, as: body,", "{line: 68, as: quote,",
     f"{WHERE_1}: line 68: `as` 'quote' is not one of body, pull-quote, heading, furniture, blank"),
    ("{line: 65, as: pull-quote, place: pull-quote-1,", "{line: 65, as: pull-quote, place: place-2,",
     f"{WHERE_1}: line 65: assigned as pull-quote, but 'place-2' is a paragraph of docs/brief.md"),
    ("{line: 70, as: body, place: place-2,", "{line: 70, as: blank,",
     f"{WHERE_1}: line 70: assigned as blank, but the source line reads “with the West.”"),
    ("{line: 66, as: body, place: place-2,", "{line: 66, as: body, place: place-9,",
     f"{WHERE_1}: line 66: place 'place-9' is not a place of docs/brief.md"),
    ("        mark: ed-security-2-2\n", "        mark: ed-place-2-3\n",
     f"{WHERE_2}: lost mark 'ed-place-2-3' is not a mark of docs/brief.md of a kind with the rule zone "
     "(restored, conjecture, gap) in this zone (source lines 181–190)"),
    ("        mark: ed-security-2-4\n", "        mark: ed-security-2-1\n",
     f"{WHERE_2}: lost mark 'ed-security-2-1' is not a mark of docs/brief.md of a kind with the rule zone "
     "(restored, conjecture, gap) in this zone (source lines 181–190)"),
    ("      - place: pull-quote-2\n        mark: ed-pull-quote-2-2\n        lines: 3\n        measure: [183, 185]\n",
     "      - place: security-2\n        mark: ed-pull-quote-2-2\n        lines: 3\n        measure: [181]\n",
     f"{WHERE_2}: lost mark 'ed-pull-quote-2-2' stands in 'pull-quote-2', not in place 'security-2'"),
    # the count of lost lines and what measures it
    ("        lines: 3\n        measure: [183, 185]\n", "        lines: 1\n        measure: [183, 185]\n",
     f"{WHERE_2}: lost mark 'ed-pull-quote-2-2': the restored words “of Tokyo’s defense build up” (27 characters) "
     "take 3 lines of 11–13 characters (source lines 183, 185), but `lines` says one line"),
    ("        lines: 3\n        measure: [183, 185]\n", "        lines: 3\n        measure: [182, 185]\n",
     f"{WHERE_2}: lost mark 'ed-pull-quote-2-2': `measure` line 182 is not a pull-quote line of this zone: "
     "lost pull-quote lines are measured against the pull-quote lines that survive beside them"),
    ("        lines: 3\n        measure: [183, 185]\n", "        lines: [3, 1]\n        measure: [183, 185]\n",
     f"{WHERE_2}: lost mark 'ed-pull-quote-2-2': `lines` must be how many lines are lost, a number (2) or "
     "[fewest, most] ([1, 2]; [1, null] where the most is not known), not [3, 1]"),
])
def test_a_fault_in_the_zones_assignments_stops_the_load(tmp_path, old, new, message):
    assert fault(tmp_path, old, new) == message


def test_a_zone_mark_left_out_of_lost_stops_the_load(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    path = project / "data" / "damaged-zones.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      - place: security-2\n        mark: ed-security-2-4\n")
    end = text.index("      - place: pull-quote-2\n", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DataError) as exc:
        edition.load(project)
    assert str(exc.value) == (f"{WHERE_2}: the conjecture mark 'ed-security-2-4' (source line 185) stands "
                              "in this zone, but `lost` does not list it")


def test_the_last_line_of_a_zone_left_unassigned_stops_the_load(tmp_path):
    last = ('      - {line: 259, as: pull-quote, place: pull-quote-3, reason: "Ends the pull-quote with its '
            'closing quotation mark."}\n')
    assert fault(tmp_path, last, "") == ("data/damaged-zones.yml: zone 'pull-quote-3': line 259: not assigned "
                                         "(`assign` ends at line 258); it gives every line 242–259 once, in order")


def test_a_conjecture_longer_than_the_lines_it_fills_stops_the_load(tmp_path):
    # one line is lost after "trends suggest", and its neighbours hold 24–26 characters
    message = load_error(tmp_path, "docs/brief.md", ("{++the imbalance will++}", "{++the imbalance between them will only++}"),
                         error=DataError)
    assert message == (f"{WHERE_2}: lost mark 'ed-security-2-2': the conjecture ⟨the imbalance between them will "
                       "only⟩ (36 characters) takes 2 lines of 24–26 characters (source lines 181, 182, 184), "
                       "more than the one line `lines` says are lost")


def test_every_loss_is_counted_and_measured_in_its_own_zone_and_the_notes_say_so(built_site):
    ed = edition.load(ROOT)
    marks = {iv.id: iv for iv in ed.doc.interventions}
    source = (ROOT / "source" / "japan-russia-view-from-moscow.extracted.txt").read_text(encoding="utf-8").splitlines()
    brief = page(built_site, "brief")
    view = " ".join(page(built_site, "source-view").select_one("article").get_text().split())
    for zone in ed.zones:
        for lost in zone.lost:
            iv = marks[lost.mark]
            kind = "pull-quote" if ed.brief.places[lost.place].kind == "pull-quote" else "body"
            assert {a.as_ for a in zone.assign if a.line in lost.measure} <= {kind}
            if iv.kind in ("restored", "conjecture"):
                assert lost.measure, (lost.mark, "a restoration or conjecture is measured")
                widths = [len(source[n - 1].strip()) for n in lost.measure]
                assert lost.widths == (min(widths), max(widths))
                assert f"hold {min(widths)}–{max(widths)} characters" in iv.reason, iv.reason
            # the note, the page and the source view all give the count the data give
            assert f"Lost: {lost.what}" in iv.reason
            mark = brief.find(id=iv.id)
            assert f"Lost: {lost.what}" in (mark.get("aria-label") or mark["data-note"])
            assert lost.what in view
            if lost.measure:
                listed = ", ".join(str(n) for n in lost.measure)
                assert (f"lines that survive beside the loss (source lines {listed}) hold "
                        f"{lost.widths[0]}–{lost.widths[1]} characters") in view
    whats = {lost.mark: lost.what for zone in ed.zones for lost in zone.lost}
    assert whats == {"ed-place-2-3": "one or two lines of body text",
                     "ed-pull-quote-1-2": "at least one line of the pull-quote",
                     "ed-security-2-2": "one line of body text",
                     "ed-security-2-4": "one or two lines of body text",
                     "ed-pull-quote-2-2": "three lines of the pull-quote"}
    # pull-quote 2's restoration: 27 characters in lines of 11–13 take three lines, not one
    assert "the 27 characters restored take three lines" in marks["ed-pull-quote-2-2"].reason
