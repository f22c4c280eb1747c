"""Bounded, named input errors: each fault made in a copy of the project stops the load or the
build at once with the file, the place and the problem, never a traceback or a hang.

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


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(ROOT, tmp_path / "project")


def load_message(project: Path, error: type[Exception] = EditionError) -> str:
    with pytest.raises(error) as exc:
        edition.load(project)
    return str(exc.value)


def alias_bomb() -> str:
    """Nine levels of nine aliases each: 9**9 (387 million) strings once expanded, in ~26 kB."""
    lines = ['lol: &l0 ["' + "lol" * 50 + '"' + ', "lol"' * 8 + "]"]
    for level in range(1, 10):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    text = "\n".join(lines) + "\n"
    return text + "# padding to the size of the probe\n" * ((26_000 - len(text)) // 36)


def test_a_yaml_alias_bomb_fails_in_under_a_second_naming_file_and_line(project):
    path = project / "data" / "timeline.yml"
    text = path.read_text(encoding="utf-8")
    bomb = alias_bomb()
    assert 25_000 < len(bomb.encode()) < 27_000
    line = text.count("\n", 0, text.index("events:")) + 1  # the bomb goes before `events:`
    path.write_text(text.replace("events:", bomb + "events:", 1), encoding="utf-8")
    start = time.perf_counter()
    message = load_message(project, DataError)
    assert time.perf_counter() - start < 1.0
    assert message == (f"data/timeline.yml: line {line}: YAML anchor '&l0' (anchors and aliases are "
                       "not allowed in the data files: write each value out)")


def test_an_alias_alone_is_refused_with_its_line(project):
    path = project / "data" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"^    short: .*$", text, re.M)
    line = text.count("\n", 0, first.start()) + 1
    path.write_text(text[:first.start()] + "    short: *gloss" + text[first.end():], encoding="utf-8")
    assert load_message(project, DataError) == (
        f"data/glossary.yml: line {line}: YAML alias '*gloss' (anchors and aliases are not allowed "
        "in the data files: write each value out)")


@pytest.mark.parametrize("rel,error", [("data/references.yml", DataError), ("docs/brief.md", NotationError)])
def test_a_byte_that_is_not_utf8_is_named_with_its_offset(project, rel, error):
    path = project / rel
    data = path.read_bytes()
    offset = data.index("Putin".encode()) + 1  # inside a word of the file
    path.write_bytes(data[:offset] + b"\xe9" + data[offset:])
    line = data.count(b"\n", 0, offset) + 1
    assert load_message(project, error) == (
        f"{rel}: byte offset {offset} (line {line}): byte(s) 0xE9 are not UTF-8 (save the file as UTF-8)")


def set_event_date(project: Path, day: str) -> None:
    """The Kucera event of data/timeline.yml (no editors' context) dated `day`, as the brief dates it."""
    path = project / "data" / "timeline.yml"
    text, n = re.subn(r'date: "2014-10-31"\n(\s+)brief_date: "2014-10-31"',
                      rf'date: "{day}"\n\1brief_date: "{day}"', path.read_text(encoding="utf-8"))
    assert n == 1
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("day,problem", [
    ("0000-04-03", "is before 1850, the earliest year the edition's data may give (edition.dates.EARLIEST_YEAR)"),
    ("1066-04-03", "is before 1850, the earliest year the edition's data may give (edition.dates.EARLIEST_YEAR)"),
    ("2099-04-03", "is after the edition's own date ({date}, data/citation.yml): a date the edition "
                   "cannot yet have seen needs its reason in 'context'"),
])
def test_a_date_outside_the_briefs_world_is_named(project, day, problem):
    set_event_date(project, day)
    date = edition.load(ROOT).citation["edition"]["date"]
    assert load_message(project, DataError) == (
        f"data/timeline.yml: event 'kucera-2014': date '{day}' " + problem.format(date=date))


def test_a_reference_dated_after_the_edition_needs_its_editors_notes(project):
    path = project / "data" / "references.yml"
    text = path.read_text(encoding="utf-8")
    entry = re.search(r"- id: pinchuk-2015\n(?:    .*\n|      .*\n|\n)*?(?=  - id:)", text)
    body = re.sub(r'date: "2015-11-12"', 'date: "2099-11-12"', entry.group(0))
    body = re.sub(r"    editors_notes:\n(?:      .*\n)+", "", body)
    path.write_text(text.replace(entry.group(0), body), encoding="utf-8")
    date = edition.load(ROOT).citation["edition"]["date"]
    assert load_message(project, DataError) == (
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
