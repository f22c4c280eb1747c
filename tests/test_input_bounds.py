"""Bounded, named input errors: each fault stops the load or the build at once with the file, the
place and the problem, never a traceback or a hang. A fault in a data file is made in that file
alone, read by its loader against the real brief (test_validation.load_text); a fault in the brief
in a copy of the project; the build faults (environment only) share one copy of the project.

- a YAML alias bomb (26 kB) in data/timeline.yml: refused in under a second, with file and line;
- one byte that is not UTF-8 (0xE9) in data/references.yml or in the brief: file and byte offset;
- dates outside the brief's world (year 0, 1066) or after the edition's own date without a reason;
- a SOURCE_DATE_EPOCH or a SITE_URL that is not one: a one-line message from `mkdocs build`;
- a build without git: in CI (CI=true) it stops with a message; locally it warns and goes on.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

import edition
from edition import sitemap
from edition.errors import DataError, EditionError, NotationError
from sitetools import ROOT, build_site, copy_project
from test_validation import load_error, load_file, real


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One copy of the project for the builds that change only their environment (no .git)."""
    return copy_project(ROOT, tmp_path_factory.mktemp("bounds") / "project")


def load_message(project: Path, error: type[Exception] = EditionError) -> str:
    with pytest.raises(error) as exc:
        edition.load(project)
    return str(exc.value)


def data_text(name: str) -> str:
    return (ROOT / "data" / name).read_text(encoding="utf-8")


def alias_bomb() -> str:
    """Nine levels of nine aliases each: 9**9 (387 million) strings once expanded, in ~26 kB."""
    lines = ['lol: &l0 ["' + "lol" * 50 + '"' + ', "lol"' * 8 + "]"]
    for level in range(1, 10):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    text = "\n".join(lines) + "\n"
    return text + "# padding to the size of the probe\n" * ((26_000 - len(text)) // 36)


def test_a_yaml_alias_bomb_fails_in_under_a_second_naming_file_and_line(tmp_path):
    text = data_text("timeline.yml")
    bomb = alias_bomb()
    assert 25_000 < len(bomb.encode()) < 27_000
    line = text.count("\n", 0, text.index("events:")) + 1  # the bomb goes before `events:`
    real()  # the brief the timeline is checked against, read before the clock starts
    start = time.perf_counter()
    message = load_error(tmp_path, "timeline.yml", text.replace("events:", bomb + "events:", 1), DataError)
    assert time.perf_counter() - start < 1.0
    assert message == (f"data/timeline.yml: line {line}: YAML anchor '&l0' (anchors and aliases are "
                       "not allowed in the data files: write each value out)")


def test_an_alias_alone_is_refused_with_its_line(tmp_path):
    text = data_text("glossary.yml")
    first = re.search(r"^    short: .*$", text, re.M)
    line = text.count("\n", 0, first.start()) + 1
    mutated = text[:first.start()] + "    short: *gloss" + text[first.end():]
    assert load_error(tmp_path, "glossary.yml", mutated, DataError) == (
        f"data/glossary.yml: line {line}: YAML alias '*gloss' (anchors and aliases are not allowed "
        "in the data files: write each value out)")


def not_utf8(path: Path) -> tuple[bytes, str]:
    """The file's bytes with 0xE9 inside its first "Putin", and the message naming that place."""
    data = path.read_bytes()
    offset = data.index("Putin".encode()) + 1  # inside a word of the file
    line = data.count(b"\n", 0, offset) + 1
    return (data[:offset] + b"\xe9" + data[offset:],
            f"byte offset {offset} (line {line}): byte(s) 0xE9 are not UTF-8 (save the file as UTF-8)")


def test_a_byte_that_is_not_utf8_in_a_data_file_is_named_with_its_offset(tmp_path):
    broken, problem = not_utf8(ROOT / "data" / "references.yml")
    path = tmp_path / "data" / "references.yml"
    path.parent.mkdir()
    path.write_bytes(broken)
    with pytest.raises(DataError) as exc:
        load_file(path)
    assert str(exc.value) == f"data/references.yml: {problem}"


def test_a_byte_that_is_not_utf8_in_the_brief_is_named_with_its_offset(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    broken, problem = not_utf8(project / "docs" / "brief.md")
    (project / "docs" / "brief.md").write_bytes(broken)
    assert load_message(project, NotationError) == f"docs/brief.md: {problem}"


def event_dated(day: str) -> str:
    """data/timeline.yml with the Kucera event (no editors' context) dated `day`, as the brief dates it."""
    text, n = re.subn(r'date: "2014-10-31"\n(\s+)brief_date: "2014-10-31"',
                      rf'date: "{day}"\n\1brief_date: "{day}"', data_text("timeline.yml"))
    assert n == 1
    return text


@pytest.mark.parametrize("day,problem", [
    ("0000-04-03", "is before 1850, the earliest year the edition's data may give (edition.dates.EARLIEST_YEAR)"),
    ("1066-04-03", "is before 1850, the earliest year the edition's data may give (edition.dates.EARLIEST_YEAR)"),
    ("2099-04-03", "is after the edition's own date ({date}, data/citation.yml): a date the edition "
                   "cannot yet have seen needs its reason in 'context'"),
])
def test_a_date_outside_the_briefs_world_is_named(tmp_path, day, problem):
    date = real().citation["edition"]["date"]
    assert load_error(tmp_path, "timeline.yml", event_dated(day), DataError) == (
        f"data/timeline.yml: event 'kucera-2014': date '{day}' " + problem.format(date=date))


def test_a_reference_dated_after_the_edition_needs_its_editors_notes(tmp_path):
    text = data_text("references.yml")
    entry = re.search(r"- id: pinchuk-2015\n(?:    .*\n|      .*\n|\n)*?(?=  - id:)", text)
    body = re.sub(r'date: "2015-11-12"', 'date: "2099-11-12"', entry.group(0))
    body = re.sub(r"    editors_notes:\n(?:      .*\n)+", "", body)
    date = real().citation["edition"]["date"]
    assert load_error(tmp_path, "references.yml", text.replace(entry.group(0), body), DataError) == (
        f"data/references.yml: reference 'pinchuk-2015': date '2099-11-12' is after the edition's "
        f"own date ({date}, data/citation.yml): a date the edition cannot yet have seen needs its "
        "reason in 'editors_notes'")


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The build's one ERROR line (and that there is no traceback)."""
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in out, out
    errors = [line for line in out.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, out
    return errors[0]


def test_a_malformed_source_date_epoch_gives_one_line(project, tmp_path):
    result = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": "1764028800x"}, check=False)
    assert one_line_error(result) == (
        "ERROR   -  SOURCE_DATE_EPOCH '1764028800x' is not a whole number of seconds since 1970-01-01 "
        "UTC (e.g. 1764028800; `git log -1 --format=%ct` gives the commit's); unset it to use the "
        "commit's date")


def test_a_site_url_with_a_quote_gives_one_correct_line(project, tmp_path):
    url = 'https://example.github.io/x"onload="alert(1)/'
    result = build_site(project, tmp_path / "site", env={"SITE_URL": url}, check=False)
    assert one_line_error(result) == (
        f"ERROR   -  SITE_URL (mkdocs.yml's site_url) {url!r}: it contains '\"'; give the site's "
        "address, like https://example.github.io/japan-russia-view-from-moscow/")


def test_a_ci_build_without_git_stops_naming_why(project, tmp_path):
    result = build_site(project, tmp_path / "site", env={"CI": "true"}, check=False)
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out
    line = [x for x in out.splitlines() if x.startswith("ERROR") and "sitemap:" in x][0]  # after
    # MkDocs' own "Error reading page 'index.md':"
    assert line.startswith(f"ERROR   -  sitemap: {project} is not a git checkout (git: fatal: not a git repository")
    assert "a CI build stops rather than date every page by the build" in line
    assert not (tmp_path / "site" / "sitemap.xml").exists()


def test_without_git_on_the_path_ci_stops_and_a_local_build_warns(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git here
    monkeypatch.setenv("CI", "true")
    with pytest.raises(EditionError) as exc:
        sitemap.last_changed(ROOT, ["docs/brief.md"])
    assert str(exc.value).startswith("sitemap: git is not on the PATH, so no page can be dated by its "
                                     "last commit (sitemap.xml <lastmod>): a CI build stops")
    monkeypatch.delenv("CI")
    sitemap._warned.discard(ROOT)
    with caplog.at_level("WARNING", logger="edition.sitemap"):
        assert sitemap.last_changed(ROOT, ["docs/brief.md"]) is None
    assert [r.getMessage() for r in caplog.records] == [
        "sitemap: git is not on the PATH, so no page can be dated by its last commit (sitemap.xml "
        "<lastmod>): each page gets the build's date (in CI, CI=true, this stops the build)"]


def test_in_git_the_page_is_dated_by_its_commit():
    """The other side: in the checkout git answers with a day, and nothing is warned or raised."""
    day = sitemap.last_changed(ROOT, ["docs/brief.md"])
    assert day is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)
