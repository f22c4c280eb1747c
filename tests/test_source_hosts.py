"""The editors' data cite no source on a host that does not qualify (edition.data.REFUSED_SOURCE_HOSTS).

Each fault is made in the text of one data file, read alone by its loader against the real brief
(test_validation.load_text), and the load must stop with the file, the entry, the field and the
host; the command line is shown to report one on a copy of the project. The real data must pass,
and the list and its exceptions must be kept in order: every host with its reason, every exception
a copy on a listed host that the data still cite.
"""

from __future__ import annotations

import re

import pytest

from edition import cli
from edition.data import REFUSED_SOURCE_HOSTS, URL_RE, WITNESS_COPIES, refused_host
from edition.errors import DataError
from sitetools import ROOT, copy_project
from test_validation import edited, load_error, real

DATA_FILES = ["timeline.yml", "glossary.yml", "references.yml", "crosslinks.yml"]
QUALIFY = "which does not qualify as a source (edition.data.REFUSED_SOURCE_HOSTS)"
FAULTS = [  # id, file, (old, new), message
    ("wikipedia-in-a-glossary-definition", "glossary.yml",
     ("https://theweek.com/briefing/1014995/shinzo-abes-legacy;", "https://en.m.wikipedia.org/wiki/Shinzo_Abe;"),
     "data/glossary.yml: term 'shinzo-abe': field 'definition' cites https://en.m.wikipedia.org/wiki/Shinzo_Abe: "
     f"its host en.m.wikipedia.org is a wiki, {QUALIFY}"),
    ("blog-in-a-timeline-source-beside-an-allowed-copy", "timeline.yml",
     ("https://valdaiclub.com/events/posts/articles/valdai-club-discusses-emerging-world-order1/;",
      "http://lewrockwell.blogspot.com/2014/11/putins-valdai-speech.html;"),
     "data/timeline.yml: event 'putin-pivot-2014': field 'context.source' cites "
     "http://lewrockwell.blogspot.com/2014/11/putins-valdai-speech.html: its host "
     f"lewrockwell.blogspot.com is a blog platform, {QUALIFY}"),
    ("document-sharing-copy-in-a-reference-note", "references.yml",
     ("(https://www.gmfus.org/news/us-russian-relations-next-presidency)",
      "(https://paperzz.com/doc/7942912/europe-s-patchwork-foreign-policy-needs-more-than-a-few-new)"),
     "data/references.yml: reference 'miller-2016': field 'editors_notes' cites "
     "https://paperzz.com/doc/7942912/europe-s-patchwork-foreign-policy-needs-more-than-a-few-new: its "
     f"host paperzz.com is a document-sharing site, {QUALIFY}"),
    ("mirror-in-a-crosslink-note", "crosslinks.yml",
     ("word for word.\n", "word for word (https://wikimili.com/en/Pivot_to_East_Asia).\n"),
     "data/crosslinks.yml: link 'summary-2 → policy-5': field 'note' cites "
     f"https://wikimili.com/en/Pivot_to_East_Asia: its host wikimili.com is a mirror of Wikipedia, {QUALIFY}"),
]


@pytest.mark.parametrize("name, change, message", [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_a_source_on_a_refused_host_is_named_with_file_entry_field_and_host(tmp_path, name, change, message):
    assert load_error(tmp_path, name, edited(name, change)[0], DataError) == message


def test_the_command_line_reports_a_refused_host_without_a_traceback(tmp_path, capsys):
    project = copy_project(ROOT, tmp_path / "project")
    text, _ = edited("glossary.yml", ("https://theweek.com/briefing/1014995/shinzo-abes-legacy;",
                                      "http://aristotle.citizendium.org/wiki/index.php?title=Shinzo_Abe;"))
    (project / "data" / "glossary.yml").write_text(text, encoding="utf-8")
    assert cli.main(["--root", str(project), "data"]) != 0
    err = capsys.readouterr().err
    assert "data/glossary.yml: term 'shinzo-abe': field 'definition' cites" in err
    assert "aristotle.citizendium.org is a wiki" in err
    assert "Traceback" not in err


def test_a_host_that_merely_ends_like_a_listed_one_is_not_refused():
    assert refused_host("https://notwikipedia.org/page") == ""
    assert refused_host("https://en.wikipedia.org/wiki/X") == "wikipedia.org"
    assert refused_host("HTTP://EN.WIKIPEDIA.ORG/wiki/X") == "wikipedia.org"


def test_every_listed_host_has_its_reason_and_every_exception_is_a_cited_copy_on_a_listed_host():
    for host, reason in REFUSED_SOURCE_HOSTS.items():
        assert host == host.lower() and "/" not in host and reason.strip(), host
    cited = {m.group().rstrip(".,;:)") for name in DATA_FILES
             for m in URL_RE.finditer((ROOT / "data" / name).read_text(encoding="utf-8"))}
    for url, why in WITNESS_COPIES.items():
        assert refused_host(url), f"{url} is on no listed host: the exception is not needed"
        assert url in cited, f"{url} is cited nowhere: drop the exception"
        assert why.strip()


def test_the_real_data_cite_no_refused_host_outside_the_exceptions():
    real()  # the check itself, on the real data (edition.load)
    for name in DATA_FILES:
        text = (ROOT / "data" / name).read_text(encoding="utf-8")
        for m in URL_RE.finditer(text):
            url = m.group().rstrip(".,;:)")
            assert not refused_host(url) or url in WITNESS_COPIES, f"data/{name}: {url}"
    assert not re.search(r"not checked in a stored copy|no stored source|was not checked",
                         " ".join((ROOT / "data" / n).read_text(encoding="utf-8") for n in DATA_FILES))
