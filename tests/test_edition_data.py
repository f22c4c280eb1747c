"""The editors' data files: the real ones are valid, and each kind of fault is caught and named.

Each fault is made in the parsed YAML of one data file, written back alone to a temporary data/
folder and read by that file's loader against the real brief and the real other files
(test_validation.load_text); the message is checked for the file, the entry and what is wrong.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

import edition
from edition import cli, dates, exports
from edition.errors import DataError
from edition.data import glossary_map
from sitetools import ROOT
from test_validation import load_error, load_text

DATA = ROOT / "data"


class _NoAliases(yaml.SafeDumper):
    """Writes a value given twice out twice: the data files refuse YAML aliases (edition.yamlio)."""

    def ignore_aliases(self, data) -> bool:
        return True


def mutated(name: str, change) -> str:
    """data/<name> parsed, edited by `change`, written back as YAML text."""
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    change(data)
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


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


# ---- faults ------------------------------------------------------------------------------


FAULTS = [  # id, file, change to its parsed YAML, what the message must contain (a regex)
    ("timeline-malformed-date", "timeline.yml",
     lambda d: entry(d, "events", "crimea-annexation-2014").update(date="2014-13"),
     r"timeline\.yml: event 'crimea-annexation-2014': date '2014-13' is not YYYY, YYYY-MM or YYYY-MM-DD$"),
    ("timeline-duplicate-id", "timeline.yml",
     lambda d: d["events"].append(dict(entry(d, "events", "gmf-founded-1972"))),
     r"timeline\.yml: event 'gmf-founded-1972': duplicate id 'gmf-founded-1972'"),
    ("timeline-missing-field", "timeline.yml",
     lambda d: entry(d, "events", "gmf-founded-1972").pop("title"),
     r"timeline\.yml: event 'gmf-founded-1972': missing required field 'title'"),
    ("timeline-unknown-paragraph", "timeline.yml",
     lambda d: entry(d, "events", "gmf-founded-1972").update(mentions=["gmf-9"]),
     r"timeline\.yml: event 'gmf-founded-1972': mention 'gmf-9' is not the id of a paragraph of docs/brief\.md"),
    ("timeline-unknown-reference", "timeline.yml",
     lambda d: entry(d, "events", "kucera-2014").update(reference="kucera-2041"),
     r"timeline\.yml: event 'kucera-2014': reference 'kucera-2041' is not an entry of data/references\.yml"),
    ("timeline-editors-date-needs-context", "timeline.yml",
     lambda d: entry(d, "events", "crimea-annexation-2014").pop("context"),
     r"timeline\.yml: event 'crimea-annexation-2014': the brief dates it 2014, the event is dated "
     r"2014-03-18: the editors' 'context' \(note and source\) must say where the date comes from"),
    ("timeline-context-needs-its-source", "timeline.yml",
     lambda d: entry(d, "events", "crimea-annexation-2014")["context"].pop("source"),
     r"timeline\.yml: event 'crimea-annexation-2014': context: missing required field 'source'"),
    ("timeline-end-before-start", "timeline.yml",
     lambda d: entry(d, "events", "apec-manila-2015").update(end="2015-11-01"),
     r"timeline\.yml: event 'apec-manila-2015': end '2015-11-01' is not after date '2015-11-18'"),
    ("timeline-unknown-field", "timeline.yml",
     lambda d: entry(d, "events", "gmf-founded-1972").update(dates="1972"),
     r"timeline\.yml: event 'gmf-founded-1972': unknown field 'dates'"),
    ("crosslink-unknown-target", "crosslinks.yml",
     lambda d: d["links"][0].update(to="security-9"),
     r"crosslinks\.yml: link 'summary-1 → security-9': to 'security-9' is not the id of a "
     r"paragraph of docs/brief\.md"),
    ("crosslink-unknown-source", "crosslinks.yml",
     lambda d: d["links"][0].update({"from": "summary-7"}),
     r"crosslinks\.yml: link 'summary-7 → introduction-1': from 'summary-7' is not the id"),
    ("crosslink-duplicate", "crosslinks.yml",
     lambda d: d["links"].append(dict(d["links"][0])),
     r"crosslinks\.yml: link 'summary-1 → introduction-1': duplicate link"),
    ("crosslink-missing-note", "crosslinks.yml",
     lambda d: d["links"][0].pop("note"),
     r"crosslinks\.yml: link 'summary-1 → introduction-1': missing required field 'note'"),
    ("crosslink-unknown-thread", "crosslinks.yml",
     lambda d: d["links"][0].update(thread="kurils-2"),
     r"crosslinks\.yml: link 'summary-1 → introduction-1': thread 'kurils-2' is not one of"),
    ("crosslink-to-itself", "crosslinks.yml",
     lambda d: d["links"][0].update(to="summary-1"),
     r"crosslinks\.yml: link 'summary-1 → summary-1': a paragraph cannot link to itself"),
    ("reference-duplicate-id", "references.yml",
     lambda d: entry(d, "references", "yoshida-2016").update(id="kucera-2014"),
     r"references\.yml: reference 'kucera-2014': duplicate id 'kucera-2014'"),
    ("reference-missing-field", "references.yml",
     lambda d: entry(d, "references", "yoshida-2016").pop("url"),
     r"references\.yml: reference 'yoshida-2016': missing required field 'url'"),
    ("reference-malformed-date", "references.yml",
     lambda d: entry(d, "references", "yoshida-2016").update(date="2016-12-32"),
     r"references\.yml: reference 'yoshida-2016': date '2016-12-32' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("reference-unknown-note", "references.yml",
     lambda d: entry(d, "references", "yoshida-2016").update(note=8),
     r"references\.yml: reference 'yoshida-2016': note 8 is not a footnote of docs/brief\.md"),
    ("reference-url-must-be-the-notes", "references.yml",
     lambda d: entry(d, "references", "pinchuk-2015").update(url="http://www.reuters.com/article/usrussia-apec"),
     r"references\.yml: reference 'pinchuk-2015': url 'http://www\.reuters\.com/article/usrussia-apec' "
     r"is not the address note 2 of docs/brief\.md links to"),
    ("reference-every-note-has-an-entry", "references.yml",
     lambda d: d["references"].remove(entry(d, "references", "batchelor-2017")),
     r"references\.yml: no entry for note\(s\) 6 of docs/brief\.md"),
    ("reference-misdated-note-needs-an-editors-note", "references.yml",
     lambda d: entry(d, "references", "pinchuk-2015").pop("editors_notes"),
     r"references\.yml: reference 'pinchuk-2015': the note prints 2014-11-12 but the date is "
     r"2015-11-12: say why in 'editors_notes'"),
    ("glossary-form-must-occur-in-the-brief", "glossary.yml",
     lambda d: entry(d, "terms", "kuril-islands")["forms"].append("Northern Territories"),
     r"glossary\.yml: term 'kuril-islands': form 'Northern Territories' does not occur in docs/brief\.md"),
    ("glossary-duplicate-form", "glossary.yml",
     lambda d: entry(d, "terms", "kremlin")["forms"].append("Putin"),
     r"glossary\.yml: term 'kremlin': form 'Putin' is already a form of 'vladimir-putin'"),
    ("glossary-duplicate-id", "glossary.yml",
     lambda d: entry(d, "terms", "kremlin").update(id="nato"),
     r"glossary\.yml: term 'nato': duplicate id 'nato'"),
    ("glossary-missing-field", "glossary.yml",
     lambda d: entry(d, "terms", "nato").pop("short"),
     r"glossary\.yml: term 'nato': missing required field 'short'"),
    ("glossary-unknown-event", "glossary.yml",
     lambda d: entry(d, "terms", "crimea").update(events=["crimea-2041"]),
     r"glossary\.yml: term 'crimea': event 'crimea-2041' is not an event of data/timeline\.yml"),
    ("glossary-unknown-cross-reference", "glossary.yml",
     lambda d: entry(d, "terms", "crimea").update(see=["sevastopol"]),
     r"glossary\.yml: term 'crimea': see 'sevastopol' is not a term of this glossary"),
    ("glossary-unknown-kind", "glossary.yml",
     lambda d: entry(d, "terms", "crimea").update(kind="peninsula"),
     r"glossary\.yml: term 'crimea': kind 'peninsula' is not one of person, place, organisation, term"),
    ("an-archive-capture-must-be-a-14-digit-timestamp", "references.yml",
     lambda d: d["references"][0].update(archived="2017-03-31"),
     r"data/references\.yml: reference '[\w-]+': archived '2017-03-31' is not a Wayback "
     r"Machine capture's 14-digit timestamp \(YYYYMMDDhhmmss\)"),
]


@pytest.mark.parametrize("name, change, pattern", [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_a_fault_is_caught_and_named(tmp_path, name, change, pattern):
    message = load_error(tmp_path, name, mutated(name, change), DataError)
    assert re.search(pattern, message), message


def test_not_yaml(tmp_path):
    assert re.search(r"glossary\.yml: not valid YAML", load_error(tmp_path, "glossary.yml", "terms: [\n", DataError))


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


# ---- data/crosslinks.yml --------------------------------------------------------------------


# ---- data/references.yml --------------------------------------------------------------------


# ---- data/glossary.yml ----------------------------------------------------------------------


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


def test_a_known_capture_is_linked_and_labelled_as_one(tmp_path):
    text = mutated("references.yml", lambda d: d["references"][0].update(archived="20170331120000"))
    ref = next(r for r in load_text(tmp_path, "references.yml", text).values() if r.archived)
    assert ref.archive_url == f"https://web.archive.org/web/20170331120000/{ref.url}"
    assert ref.archive_label == "Archived copy (Wayback Machine, captured 2017-03-31)"
