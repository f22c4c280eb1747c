"""Two builds of one commit write the same bytes: the build date is the commit's
(the edition plugin) and each page's <lastmod> its sources' last commit
(edition postbuild), so sitemap.xml and sitemap.xml.gz's gzip header agree."""

from __future__ import annotations

import datetime
import gzip
import hashlib
import os
import re
import subprocess
from pathlib import Path

from sitetools import build_site, copy_project

ROOT = Path(__file__).resolve().parent.parent


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_one_commit_are_byte_identical(built_site, tmp_path, monkeypatch):
    """The session's build (a random hash seed, as Python starts by default) and a second build
    with a fixed seed, so that set and dict orders that follow the seed differ between the two."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert "PYTHONHASHSEED" not in os.environ, "the session's build must have a random hash seed"
    build_site(ROOT, tmp_path / "two", env={"PYTHONHASHSEED": "1"})
    one, two = digests(built_site), digests(tmp_path / "two")
    assert one.keys() == two.keys()
    differ = [name for name in one if one[name] != two[name]]
    assert not differ, f"files that differ between two builds: {differ}"


def test_the_build_date_is_the_commit_date(built_site):
    """Each page is dated by a commit (its sources' last: tests/test_metadata.py), none after the one
    built; the gzip header bears the newest page's day, as MkDocs stamps it."""
    epoch = int(subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout)
    day = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%d")
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    days = re.findall(r"<lastmod>(\d{4}-\d{2}-\d{2})</lastmod>", sitemap)
    assert len(days) == sitemap.count("<lastmod>") > 0 and max(days) <= day
    with gzip.open(built_site / "sitemap.xml.gz") as gz:
        assert gz.read().decode("utf-8") == sitemap
    header = (built_site / "sitemap.xml.gz").read_bytes()[:10]
    newest = int(datetime.datetime.fromisoformat(max(days)).replace(tzinfo=datetime.timezone.utc).timestamp())
    assert int.from_bytes(header[4:8], "little") == newest  # MkDocs stamps the newest page's day


def test_the_build_date_follows_the_commit_not_the_clock(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_project(ROOT, tmp_path / "project")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": "2001-02-03T04:05:06Z",
           "GIT_COMMITTER_DATE": "2001-02-03T04:05:06Z"}
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "old"]):
        subprocess.run(cmd, cwd=project, env=env, check=True, capture_output=True)
    build_site(project, tmp_path / "site")
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2001-02-03</lastmod>" in sitemap and sitemap.count("2001-02-03") == sitemap.count("<lastmod>")
