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
    """pytest-xdist's scheduler (its `pytest_xdist_make_scheduler` hook), by scope: every test of
    tests/browser/ is one scope, so one worker runs them one at a time, as a reader's machine runs
    one page at a time (two streams of these timing-bound tests side by side on two cores made them
    fail at random); each other file is a scope of its own, so its module-scoped copy or build is
    made once. The rendered proof's command (tests/test_rendered_proof_command.py) runs a Chromium
    of its own on the other worker: its waits are for states, with no bound on time but a hang
    guard. (The `xdist_group` mark would say the same, but xdist 3.8 cannot group under pytest 9.)"""
    from xdist.scheduler import LoadScopeScheduling

    class BrowserApart(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "tests/browser" if path.startswith("tests/browser/") else path

    return BrowserApart(config, log)
