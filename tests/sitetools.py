"""Build the site and serve it over real HTTP on 127.0.0.1, the way GitHub Pages serves a project.

GitHub Pages serves a project site under /<repo>/ and answers a missing path with the site's
404.html (status 404). serve_site does the same, so tests see what readers will see.
"""

from __future__ import annotations

import re
import os
import subprocess
import sys
from pathlib import Path

from edition import fidelity, notation
from edition.serving import SUBPATH, serve_site  # noqa: F401 (the tests' server, re-exported)
from edition.project import Project

ROOT = Path(__file__).resolve().parent.parent
PROJECT = Project(ROOT)
BRIEF_PATH = PROJECT.brief
SOURCE_PATH = PROJECT.source


def parse(text: str, path: str = "docs/brief.md") -> notation.Document:
    """The brief's Markdown (or a mutation of it), parsed with the project's kinds."""
    return notation.parse(text, path, notation.load_kinds(PROJECT.kinds))


def compare(markdown: str, source: str, path: str = "docs/brief.md") -> list[str]:
    """The fidelity proof of a (mutated) brief against the source: its unrecorded differences."""
    return fidelity.compare(parse(markdown, path), source)


def build_site(root: Path, out: Path, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """mkdocs build --strict into `out`; raises with mkdocs' output if the build fails (unless
    `check` is False: a test of a build that must fail reads the result)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(root / "mkdocs.yml"),
         "-d", str(out)],
        cwd=root, env=full_env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


def build_in_process(root: Path, out: Path) -> None:
    """mkdocs build --strict in this process (so that a test can count or patch what it calls)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "overrides", "source")


def with_cite_panels(page_file: Path):
    """A built page (BeautifulSoup) whose Cite panels hold their citations, as cite.js builds them
    from the page's one JSON source (edition.extension.cite_panels: in the page, or in the file
    beside it that the page names) when a reader opens them."""
    from bs4 import BeautifulSoup

    from edition.extension import cite_panels

    html = page_file.read_text(encoding="utf-8")
    page, panels = BeautifulSoup(html, "html.parser"), cite_panels(html, page_file.parent)
    for details in page.select("details.ed-cite[data-cite]"):
        holder = details.select_one(".ed-cite__panel > noscript")
        if holder is not None and details["data-cite"] in panels:
            holder.replace_with(BeautifulSoup(panels[details["data-cite"]], "html.parser"))
    return page


def copy_project(root: Path, dest: Path) -> Path:
    """A copy of what the build reads, to mutate in a test (no .git: the build date is today's).
    The edition package is the installed one: a copy is built from its own docs/, data/, overrides/."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def load_error(tmp_path: Path, rel: str, *changes: tuple[str, str], error: type = Exception) -> str:
    """The message of the `error` that loading a copy of the project raises once each (old, new) of
    `changes` is made in its file `rel` (each `old` must occur there exactly once)."""
    import pytest

    import edition

    project = copy_project(ROOT, tmp_path / "project")
    path = project / rel
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(error) as exc:
        edition.load(project)
    return str(exc.value)


def add_id_redirects(project: Path, entry: str) -> None:
    """Add `entry` (YAML: a page's old ids and their new ones) to the copy's data/id-redirects.yml,
    keeping the redirects the edition already declares (a `brief.md:` entry joins the brief's)."""
    path = project / "data" / "id-redirects.yml"
    text = path.read_text(encoding="utf-8")
    if entry.startswith("brief.md:\n") and re.search(r"^brief\.md:\n", text, re.M):
        text = text.rstrip("\n") + "\n" + entry[len("brief.md:\n"):]
    else:
        text = text.rstrip("\n") + "\n" + entry
    path.write_text(text, encoding="utf-8")
