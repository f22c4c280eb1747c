"""scripts/serve, as a maintainer uses it: an edit to the edition package shows in the served site.

MkDocs rebuilds on edits to docs/, data/ and overrides/ in the same process, where a changed Python
module would not be imported again; scripts/serve restarts the server when the package changes.
The test runs the real script on a copy of the project whose package (scripts/edition/) comes first
on PYTHONPATH, edits that copy, and reads the page over HTTP until the edit shows.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sitetools import ROOT, SUBPATH

PARTS = ("mkdocs.yml", "pyproject.toml", "requirements.txt", "requirements-dev.txt", "docs", "data",
         "overrides", "scripts", "source")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_until(url: str, needle: str, seconds: float) -> str:
    """The page at `url` once it holds `needle` (or the last page read when time runs out)."""
    deadline, page = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            page = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if needle in page:
                return page
        except (OSError, http.client.HTTPException):  # the server is restarting
            pass
        time.sleep(0.5)
    return page


def test_serve_restarts_on_an_edit_to_the_package(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for part in PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, project / part)
    # A stand-in for the virtual environment: its python and mkdocs are this one's, and its stamps
    # say every requirement is installed, so scripts/serve installs nothing (above all, it must
    # not point this environment's editable package at the copy).
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for tool in ("python", "mkdocs"):
        shim = venv / "bin" / tool
        shim.write_text(f'#!/bin/sh\nexec "{Path(sys.prefix) / "bin" / tool}" "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
    for name in ("requirements.txt", "requirements-dev.txt"):
        (venv / f".installed-{name}").touch()
    port = free_port()
    env = {**os.environ, "VENV": str(venv), "PYTHONPATH": str(project / "scripts"), "PORT": str(port)}
    server = subprocess.Popen(["bash", str(project / "scripts" / "serve")], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    url = f"http://127.0.0.1:{port}{SUBPATH}about-this-edition/"
    try:
        page = fetch_until(url, ">note 2<", 90)
        if ">note 2<" not in page:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
            raise AssertionError(f"scripts/serve did not serve the site: {server.stderr.read()[-2000:]}")
        model = project / "scripts" / "edition" / "model.py"
        text = model.read_text(encoding="utf-8")
        assert 'f"note {n}"' in text
        model.write_text(text.replace('f"note {n}"', 'f"Note {n}"'), encoding="utf-8")
        assert ">Note 2<" in fetch_until(url, ">Note 2<", 90), "the edit to the package did not show"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
