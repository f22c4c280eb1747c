"""Shared fixtures: the site built once per test session, and served like GitHub Pages serves it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitetools import ROOT, SUBPATH, build_site, serve_site

# The tests build copies of the project outside git (sitetools.copy_project); in CI (CI=true) a
# build without git stops (edition.sitemap), which is the deploy's check, not theirs. The tests of
# that check set CI themselves.
os.environ.pop("CI", None)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built with --strict from the working tree into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    build_site(ROOT, out)
    return out


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the built site served on 127.0.0.1 under a project subpath (/<repo>/)."""
    with serve_site(built_site, SUBPATH) as url:
        yield url


def pytest_collection_modifyitems(config, items):
    """Groups for pytest-xdist's `--dist loadgroup` (pytest.ini): every browser test on one worker,
    one at a time as a reader's machine runs one page at a time (two Chromiums side by side on two
    cores make timing-bound tests fail at random), and each other file whole on a worker, so that
    its module-scoped copy or build is made once. The other workers take the other files."""
    for item in items:
        parts = Path(str(item.fspath)).parts
        group = "browser" if "browser" in parts[-2:-1] else Path(str(item.fspath)).stem
        item.add_marker(pytest.mark.xdist_group(group))
