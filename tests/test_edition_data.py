"""The editors' data files: the real ones are valid, and each kind of fault is caught and named.

Each fault is made in a copy of data/ in a temporary folder, and the message is checked for the
file, the entry and what is wrong.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

import edition
from edition import cli, dates, exports
from edition.errors import DataError
from edition.data import glossary_map
from sitetools import ROOT, copy_project

DATA = ROOT / "data"


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """The data/ of a copy of the project, to break."""
    return copy_project(ROOT, tmp_path / "project") / "data"


class _NoAliases(yaml.SafeDumper):
    """Writes a value given twice out twice: the data files refuse YAML aliases (edition.yamlio)."""

    def ignore_aliases(self, data) -> bool:
        return True


def mutate(data_dir: Path, name: str, change) -> None:
    """Load data_dir/name, let `change` edit the parsed YAML, write it back."""
    path = data_dir / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")


def fails(data_dir: Path, pattern: str) -> str:
    """load_all on the copy raises DataError whose message matches `pattern` (a regex)."""
    with pytest.raises(DataError) as exc:
        edition.load(data_dir.parent)
    assert re.search(pattern, str(exc.value)), str(exc.value)
    return str(exc.value)


def entry(data: dict, key: str, eid: str) -> dict:
    return next(e for e in data[key] if e.get("id") == eid)


# ---- the real data --------------------------------------------------------------------------


def test_real_data_is_valid():
    data = edition.load(ROOT)
    assert len(data.references) == 7
    assert 20 <= len(data.crosslinks) <= 30
    assert len(data.events) >= 20
    assert len(data.glossary) >= 20


def test_every_summary_claim_and_recommendation_links_to_its_analysis():
    data = edition.load(ROOT)
    sources = {x.source for x in data.crosslinks}
    for pid in ["summary-1", "summary-2"] + [f"policy-{n}" for n in range(1, 8)]:
        assert pid in sources, f"{pid} links nowhere"
    threads = {x.thread for x in data.crosslinks}
    assert {"summit-2016", "hedging", "kurils", "sanctions", "pivots"} <= threads


def test_timeline_has_the_events_the_brief_mentions():
    events = {e.id: e for e in edition.load(ROOT).events}
    expected = {
        "soviet-offer-1956": "1956-10-19", "gmf-founded-1972": "1972",
        "crimea-annexation-2014": "2014-03-18", "putin-pivot-2014": "2014-10-24",
        "apec-manila-2015": "2015-11-18", "foreign-policy-concept-2016": "2016-11-30",
        "us-election-2016": "2016-11-08", "trump-inauguration-2017": "2017-01-20",
        "putin-abe-summit-2016": "2016-12-15", "brief-published-2017": "2017-04",
    }
    for eid, iso in expected.items():
        assert events[eid].date.iso == iso
    assert events["putin-abe-summit-2016"].end.iso == "2016-12-16"
    sources = {e.reference for e in events.values() if e.kind == "source"}
    assert sources == set(edition.load(ROOT).references), "every cited source is on the timeline"
    dates = [e.date.sort_key for e in edition.load(ROOT).events]
    assert dates == sorted(dates)


def test_check_data_script_passes_on_the_real_data(capsys):
    assert cli.main(["--root", str(ROOT), "data"]) == 0
    assert "all valid" in capsys.readouterr().out


def test_check_data_script_catches_a_fault(data_dir, capsys):
    mutate(data_dir, "timeline.yml", lambda d: entry(d, "events", "crimea-annexation-2014").update(date="2014-13"))
    assert cli.main(["--root", str(data_dir.parent), "data"]) == 2
    err = capsys.readouterr().err
    assert "timeline.yml: event 'crimea-annexation-2014': date '2014-13' is not YYYY, YYYY-MM or YYYY-MM-DD" in err


# ---- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value, iso, display", [
    ("1956", "1956", "1956"), (1956, "1956", "1956"), ("2016-12", "2016-12", "December 2016"),
    ("2014-10-31", "2014-10-31", "October 31, 2014"),
])
def test_dates_keep_their_precision(value, iso, display):
    d = dates.parse_date(value, "here")
    assert (d.iso, d.display) == (iso, display)


@pytest.mark.parametrize("value", ["2014-13", "2015-02-30", "14-03", "2014/03/18", "March 2014", "2014-3"])
def test_malformed_dates_are_refused(value):
    with pytest.raises(DataError, match=rf"here: date '{re.escape(value)}' is not YYYY, YYYY-MM or YYYY-MM-DD"):
        dates.parse_date(value, "here")


def test_date_ranges_read_naturally():
    p = dates.parse_date
    assert dates.date_range(p("2016-12-15", ""), p("2016-12-16", "")) == "December 15–16, 2016"
    assert dates.date_range(p("1945-08-28", ""), p("1945-09-05", "")) == "August 28 – September 5, 1945"


# ---- data/timeline.yml ----------------------------------------------------------------------


def test_timeline_malformed_date(data_dir):
    mutate(data_dir, "timeline.yml", lambda d: entry(d, "events", "crimea-annexation-2014").update(date="2014-13"))
    fails(data_dir, r"timeline\.yml: event 'crimea-annexation-2014': date '2014-13' is not YYYY, YYYY-MM or YYYY-MM-DD$")


def test_timeline_duplicate_id(data_dir):
    mutate(data_dir, "timeline.yml", lambda d: d["events"].append(dict(entry(d, "events", "gmf-founded-1972"))))
    fails(data_dir, r"timeline\.yml: event 'gmf-founded-1972': duplicate id 'gmf-founded-1972'")


def test_timeline_missing_field(data_dir):
    mutate(data_dir, "timeline.yml", lambda d: entry(d, "events", "gmf-founded-1972").pop("title"))
    fails(data_dir, r"timeline\.yml: event 'gmf-founded-1972': missing required field 'title'")


def test_timeline_unknown_paragraph(data_dir):
    mutate(data_dir, "timeline.yml", lambda d: entry(d, "events", "gmf-founded-1972").update(mentions=["gmf-9"]))
    fails(data_dir, r"timeline\.yml: event 'gmf-founded-1972': mention 'gmf-9' is not the id of a paragraph of docs/brief\.md")


def test_timeline_unknown_reference(data_dir):
    mutate(data_dir, "timeline.yml", lambda d: entry(d, "events", "kucera-2014").update(reference="kucera-2041"))
    fails(data_dir, r"timeline\.yml: event 'kucera-2014': reference 'kucera-2041' is not an entry of data/references\.yml")


def test_timeline_editors_date_needs_context(data_dir):
    mutate(data_dir, "timeline.yml", lambda d: entry(d, "events", "crimea-annexation-2014").pop("context"))
    fails(data_dir, r"timeline\.yml: event 'crimea-annexation-2014': the brief dates it 2014, the event is dated "
                    r"2014-03-18: the editors' 'context' \(note and source\) must say where the date comes from")


def test_timeline_context_needs_its_source(data_dir):
    mutate(data_dir, "timeline.yml", lambda d: entry(d, "events", "crimea-annexation-2014")["context"].pop("source"))
    fails(data_dir, r"timeline\.yml: event 'crimea-annexation-2014': context: missing required field 'source'")


def test_timeline_end_before_start(data_dir):
    mutate(data_dir, "timeline.yml", lambda d: entry(d, "events", "apec-manila-2015").update(end="2015-11-01"))
    fails(data_dir, r"timeline\.yml: event 'apec-manila-2015': end '2015-11-01' is not after date '2015-11-18'")


def test_timeline_unknown_field(data_dir):
    mutate(data_dir, "timeline.yml", lambda d: entry(d, "events", "gmf-founded-1972").update(dates="1972"))
    fails(data_dir, r"timeline\.yml: event 'gmf-founded-1972': unknown field 'dates'")


# ---- data/crosslinks.yml --------------------------------------------------------------------


def test_crosslink_unknown_target(data_dir):
    mutate(data_dir, "crosslinks.yml", lambda d: d["links"][0].update(to="security-9"))
    fails(data_dir, r"crosslinks\.yml: link 'summary-1 → security-9': to 'security-9' is not the id of a "
                    r"paragraph of docs/brief\.md")


def test_crosslink_unknown_source(data_dir):
    mutate(data_dir, "crosslinks.yml", lambda d: d["links"][0].update({"from": "summary-7"}))
    fails(data_dir, r"crosslinks\.yml: link 'summary-7 → introduction-1': from 'summary-7' is not the id")


def test_crosslink_duplicate(data_dir):
    mutate(data_dir, "crosslinks.yml", lambda d: d["links"].append(dict(d["links"][0])))
    fails(data_dir, r"crosslinks\.yml: link 'summary-1 → introduction-1': duplicate link")


def test_crosslink_missing_note(data_dir):
    mutate(data_dir, "crosslinks.yml", lambda d: d["links"][0].pop("note"))
    fails(data_dir, r"crosslinks\.yml: link 'summary-1 → introduction-1': missing required field 'note'")


def test_crosslink_unknown_thread(data_dir):
    mutate(data_dir, "crosslinks.yml", lambda d: d["links"][0].update(thread="kurils-2"))
    fails(data_dir, r"crosslinks\.yml: link 'summary-1 → introduction-1': thread 'kurils-2' is not one of")


def test_crosslink_to_itself(data_dir):
    mutate(data_dir, "crosslinks.yml", lambda d: d["links"][0].update(to="summary-1"))
    fails(data_dir, r"crosslinks\.yml: link 'summary-1 → summary-1': a paragraph cannot link to itself")


# ---- data/references.yml --------------------------------------------------------------------


def test_reference_duplicate_id(data_dir):
    mutate(data_dir, "references.yml", lambda d: entry(d, "references", "yoshida-2016").update(id="kucera-2014"))
    fails(data_dir, r"references\.yml: reference 'kucera-2014': duplicate id 'kucera-2014'")


def test_reference_missing_field(data_dir):
    mutate(data_dir, "references.yml", lambda d: entry(d, "references", "yoshida-2016").pop("url"))
    fails(data_dir, r"references\.yml: reference 'yoshida-2016': missing required field 'url'")


def test_reference_malformed_date(data_dir):
    mutate(data_dir, "references.yml", lambda d: entry(d, "references", "yoshida-2016").update(date="2016-12-32"))
    fails(data_dir, r"references\.yml: reference 'yoshida-2016': date '2016-12-32' is not YYYY, YYYY-MM or YYYY-MM-DD")


def test_reference_unknown_note(data_dir):
    mutate(data_dir, "references.yml", lambda d: entry(d, "references", "yoshida-2016").update(note=8))
    fails(data_dir, r"references\.yml: reference 'yoshida-2016': note 8 is not a footnote of docs/brief\.md")


def test_reference_url_must_be_the_notes(data_dir):
    mutate(data_dir, "references.yml",
           lambda d: entry(d, "references", "pinchuk-2015").update(url="http://www.reuters.com/article/usrussia-apec"))
    fails(data_dir, r"references\.yml: reference 'pinchuk-2015': url 'http://www\.reuters\.com/article/usrussia-apec' "
                    r"is not the address note 2 of docs/brief\.md links to")


def test_reference_every_note_has_an_entry(data_dir):
    mutate(data_dir, "references.yml", lambda d: d["references"].remove(entry(d, "references", "batchelor-2017")))
    fails(data_dir, r"references\.yml: no entry for note\(s\) 6 of docs/brief\.md")


def test_reference_misdated_note_needs_an_editors_note(data_dir):
    mutate(data_dir, "references.yml", lambda d: entry(d, "references", "pinchuk-2015").pop("editors_notes"))
    fails(data_dir, r"references\.yml: reference 'pinchuk-2015': the note prints 2014-11-12 but the date is "
                    r"2015-11-12: say why in 'editors_notes'")


# ---- data/glossary.yml ----------------------------------------------------------------------


def test_glossary_form_must_occur_in_the_brief(data_dir):
    mutate(data_dir, "glossary.yml", lambda d: entry(d, "terms", "kuril-islands")["forms"].append("Northern Territories"))
    fails(data_dir, r"glossary\.yml: term 'kuril-islands': form 'Northern Territories' does not occur in docs/brief\.md")


def test_glossary_duplicate_form(data_dir):
    mutate(data_dir, "glossary.yml", lambda d: entry(d, "terms", "kremlin")["forms"].append("Putin"))
    fails(data_dir, r"glossary\.yml: term 'kremlin': form 'Putin' is already a form of 'vladimir-putin'")


def test_glossary_duplicate_id(data_dir):
    mutate(data_dir, "glossary.yml", lambda d: entry(d, "terms", "kremlin").update(id="nato"))
    fails(data_dir, r"glossary\.yml: term 'nato': duplicate id 'nato'")


def test_glossary_missing_field(data_dir):
    mutate(data_dir, "glossary.yml", lambda d: entry(d, "terms", "nato").pop("short"))
    fails(data_dir, r"glossary\.yml: term 'nato': missing required field 'short'")


def test_glossary_unknown_event(data_dir):
    mutate(data_dir, "glossary.yml", lambda d: entry(d, "terms", "crimea").update(events=["crimea-2041"]))
    fails(data_dir, r"glossary\.yml: term 'crimea': event 'crimea-2041' is not an event of data/timeline\.yml")


def test_glossary_unknown_cross_reference(data_dir):
    mutate(data_dir, "glossary.yml", lambda d: entry(d, "terms", "crimea").update(see=["sevastopol"]))
    fails(data_dir, r"glossary\.yml: term 'crimea': see 'sevastopol' is not a term of this glossary")


def test_glossary_unknown_kind(data_dir):
    mutate(data_dir, "glossary.yml", lambda d: entry(d, "terms", "crimea").update(kind="peninsula"))
    fails(data_dir, r"glossary\.yml: term 'crimea': kind 'peninsula' is not one of person, place, organisation, term")


def test_not_yaml(data_dir):
    (data_dir / "glossary.yml").write_text("terms: [\n", encoding="utf-8")
    fails(data_dir, r"glossary\.yml: not valid YAML")


# ---- generated bibliography -----------------------------------------------------------------


def test_bibtex_and_csl_json_have_every_reference():
    refs = edition.load(ROOT).references
    bib = exports.references_bibtex(refs, edition.load(ROOT).citation)
    keys = re.findall(r"^@(\w+)\{([\w-]+),$", bib, re.M)
    assert sorted(k for _, k in keys) == sorted(refs)
    assert bib.count("{") == bib.count("}")
    assert "  author      = {{Ministry of Foreign Affairs of the Russian Federation}}," in bib
    assert "url         = {http://www.reuters.com/article/us-russia-apec-putin-idUSKCN0T10XD20151112}" in bib
    items = json.loads(exports.csl_json(refs, edition.load(ROOT).citation))
    assert sorted(i["id"] for i in items) == sorted(refs)
    pinchuk = next(i for i in items if i["id"] == "pinchuk-2015")
    assert pinchuk["issued"] == {"date-parts": [[2015, 11, 12]]}
    assert pinchuk["author"] == [{"family": "Pinchuk", "given": "Denis"}]


def test_the_tooltips_cover_every_form():
    terms = edition.load(ROOT).glossary
    tooltips = glossary_map(terms)
    for t in terms:
        for form in t.forms:
            assert tooltips[form] == t.short


def test_an_archive_capture_must_be_a_14_digit_timestamp(data_dir):
    mutate(data_dir, "references.yml", lambda d: d["references"][0].update(archived="2017-03-31"))
    fails(data_dir, r"data/references\.yml: reference '[\w-]+': archived '2017-03-31' is not a Wayback "
                    r"Machine capture's 14-digit timestamp \(YYYYMMDDhhmmss\)")


def test_a_known_capture_is_linked_and_labelled_as_one(data_dir):
    mutate(data_dir, "references.yml", lambda d: d["references"][0].update(archived="20170331120000"))
    ref = next(r for r in edition.load(data_dir.parent).references.values() if r.archived)
    assert ref.archive_url == f"https://web.archive.org/web/20170331120000/{ref.url}"
    assert ref.archive_label == "Archived copy (Wayback Machine, captured 2017-03-31)"
