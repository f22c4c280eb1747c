"""The editors' data cite no source on a host that does not qualify (edition.data.REFUSED_SOURCE_HOSTS).

Each fault is made in a copy of the project (copy_project) by editing the data file's text, and the
load must stop with the file, the entry, the field and the host. The real data must pass, and the
list and its exceptions must be kept in order: every host with its reason, every exception a
copy on a listed host that the data still cite.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import edition
from edition import cli
from edition.data import REFUSED_SOURCE_HOSTS, URL_RE, WITNESS_COPIES, refused_host
from edition.errors import DataError
from sitetools import ROOT, copy_project

DATA_FILES = ["timeline.yml", "glossary.yml", "references.yml", "crosslinks.yml"]


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """The data/ of a copy of the project, to break."""
    return copy_project(ROOT, tmp_path / "project") / "data"


def edit(data_dir: Path, name: str, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in data_dir/name by `new`."""
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def load_error(data_dir: Path) -> str:
    with pytest.raises(DataError) as exc:
        edition.load(data_dir.parent)
    return str(exc.value)


def test_a_wikipedia_page_in_a_glossary_definition_is_refused_naming_file_entry_field_and_host(data_dir):
    edit(data_dir, "glossary.yml", "https://theweek.com/briefing/1014995/shinzo-abes-legacy;",
         "https://en.m.wikipedia.org/wiki/Shinzo_Abe;")
    assert load_error(data_dir) == (
        "data/glossary.yml: term 'shinzo-abe': field 'definition' cites "
        "https://en.m.wikipedia.org/wiki/Shinzo_Abe: its host en.m.wikipedia.org is a wiki, which does "
        "not qualify as a source (edition.data.REFUSED_SOURCE_HOSTS)")


def test_a_blog_in_a_timeline_source_is_refused_even_beside_an_allowed_copy(data_dir):
    edit(data_dir, "timeline.yml", "https://valdaiclub.com/events/posts/articles/valdai-club-discusses-emerging-world-order1/;",
         "http://lewrockwell.blogspot.com/2014/11/putins-valdai-speech.html;")
    assert load_error(data_dir) == (
        "data/timeline.yml: event 'putin-pivot-2014': field 'context.source' cites "
        "http://lewrockwell.blogspot.com/2014/11/putins-valdai-speech.html: its host "
        "lewrockwell.blogspot.com is a blog platform, which does not qualify as a source "
        "(edition.data.REFUSED_SOURCE_HOSTS)")


def test_a_document_sharing_copy_in_a_reference_note_is_refused(data_dir):
    edit(data_dir, "references.yml", "(https://www.gmfus.org/news/us-russian-relations-next-presidency)",
         "(https://paperzz.com/doc/7942912/europe-s-patchwork-foreign-policy-needs-more-than-a-few-new)")
    assert load_error(data_dir) == (
        "data/references.yml: reference 'miller-2016': field 'editors_notes' cites "
        "https://paperzz.com/doc/7942912/europe-s-patchwork-foreign-policy-needs-more-than-a-few-new: its "
        "host paperzz.com is a document-sharing site, which does not qualify as a source "
        "(edition.data.REFUSED_SOURCE_HOSTS)")


def test_a_mirror_in_a_crosslink_note_is_refused(data_dir):
    edit(data_dir, "crosslinks.yml", "word for word.\n",
         "word for word (https://wikimili.com/en/Pivot_to_East_Asia).\n")
    assert load_error(data_dir) == (
        "data/crosslinks.yml: link 'summary-2 → policy-5': field 'note' cites "
        "https://wikimili.com/en/Pivot_to_East_Asia: its host wikimili.com is a mirror of Wikipedia, "
        "which does not qualify as a source (edition.data.REFUSED_SOURCE_HOSTS)")


def test_the_command_line_reports_a_refused_host_without_a_traceback(data_dir, capsys):
    edit(data_dir, "glossary.yml", "https://theweek.com/briefing/1014995/shinzo-abes-legacy;",
         "http://aristotle.citizendium.org/wiki/index.php?title=Shinzo_Abe;")
    assert cli.main(["--root", str(data_dir.parent), "data"]) != 0
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
    edition.load(ROOT)  # the check itself, on the real data
    for name in DATA_FILES:
        text = (ROOT / "data" / name).read_text(encoding="utf-8")
        for m in URL_RE.finditer(text):
            url = m.group().rstrip(".,;:)")
            assert not refused_host(url) or url in WITNESS_COPIES, f"data/{name}: {url}"
    assert not re.search(r"not checked in a stored copy|no stored source|was not checked",
                         " ".join((ROOT / "data" / n).read_text(encoding="utf-8") for n in DATA_FILES))
