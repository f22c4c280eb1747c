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


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's scheduler (its `pytest_xdist_make_scheduler` hook), by file: each test file is
    one scope, run whole on one worker, so its module-scoped copy, build or browser page is made
    once; a worker takes the next file when it is done (tests/browser/ comes first in the order, so
    the long browser files start first). The browser files run on both workers: their waits are
    for states, not times (tests/browser/conftest.py: `follow`, `at_rest`), so a second Chromium on
    the other core does not make them fail."""
    from xdist.scheduler import LoadScopeScheduling

    class ByFile(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid.split("::", 1)[0]

    return ByFile(config, log)
