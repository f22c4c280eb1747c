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
from edition.browserproof import CHROMIUM  # noqa: F401 (the full browser, re-exported)
from edition.serving import SUBPATH, serve_site  # noqa: F401 (the tests' server, re-exported)
from edition.project import Project

ROOT = Path(__file__).resolve().parent.parent
PROJECT = Project(ROOT)
# Two builds of the same Chromium, both installed by scripts/install-chromium: the full browser
# (CHROMIUM, the rendered proof's, imported above), and its headless shell, which Playwright itself
# runs for a headless Chromium and which loads a page in about half the time. The tests run the
# shell; the Clipboard API is the full browser's only.
CHROMIUM_SHELL = os.environ.get("CHROMIUM_SHELL", "/usr/bin/chromium-headless-shell")
BRIEF_PATH = PROJECT.brief
SOURCE_PATH = PROJECT.source


def parse(text: str, path: str = "docs/brief.md") -> notation.Document:
    """The brief's Markdown (or a mutation of it), parsed with the project's kinds."""
    return notation.parse(text, path, notation.load_kinds(PROJECT.kinds))


def compare(markdown: str, source: str, path: str = "docs/brief.md") -> list[str]:
    """The fidelity proof of a (mutated) brief against the source: its unrecorded differences."""
    return fidelity.compare(parse(markdown, path), source)


# What only a new interpreter can take: the hash seed is fixed when Python starts.
FRESH_PROCESS_ENV = {"PYTHONHASHSEED"}


def build_site(root: Path, out: Path, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build --strict --clean` into `out`, as the command line runs it; raises with mkdocs'
    output if the build fails (unless `check` is False: a test of a build that must fail reads the
    result: its return code, and mkdocs' output as `stdout` and `stderr`).

    The build runs in this process, through mkdocs' own command (click's test runner), which saves
    the second and more that starting Python and importing MkDocs, Material and the edition take at
    each build; `env` is set for the build's duration, and the working folder is `root`, as in a
    shell. An uncaught exception comes back as the traceback a shell would print. An `env` that only
    a new interpreter can take (FRESH_PROCESS_ENV) builds in a subprocess."""
    env = {"NO_MKDOCS_2_WARNING": "1", **(env or {})}
    args = ["build", "--strict", "--clean", "-f", str(root / "mkdocs.yml"), "-d", str(out)]
    if FRESH_PROCESS_ENV & env.keys():
        result = subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=root,
                                env={**os.environ, **env}, capture_output=True, text=True)
    else:
        result = _build_here(root, args, env)
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


def _build_here(root: Path, args: list[str], env: dict) -> subprocess.CompletedProcess:
    """Run `mkdocs <args>` in this process with `env` set and `root` as the working folder, and put
    back the environment, the folder and the log handlers. mkdocs' command adds its handler per run;
    the root logger's (pytest's capture) are taken off for the run, so that a message of another
    logger (the edition's) reaches the output as in a shell: through Python's last-resort handler.
    The command also adds a filter that drops a message already logged (per process: the same
    error in a later build would not be shown) and sets how warnings are shown; both are undone."""
    import logging
    import traceback
    import warnings

    from click.testing import CliRunner
    from mkdocs.__main__ import cli

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    logger = logging.getLogger("mkdocs")
    saved_log = (list(logger.handlers), logger.level, logger.propagate)
    build_log = logging.getLogger("mkdocs.commands.build")
    saved_filters, saved_showwarning = list(build_log.filters), warnings.showwarning
    root_logger = logging.getLogger()
    saved_root = (list(root_logger.handlers), root_logger.level)
    root_logger.handlers[:] = []
    root_logger.setLevel(logging.WARNING)
    os.environ.update(env)
    os.chdir(root)
    try:
        run = CliRunner().invoke(cli, args, catch_exceptions=True)
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        logger.handlers[:] = saved_log[0]
        logger.setLevel(saved_log[1])
        logger.propagate = saved_log[2]
        root_logger.handlers[:] = saved_root[0]
        build_log.filters[:] = saved_filters
        warnings.showwarning = saved_showwarning
        root_logger.setLevel(saved_root[1])
    stderr = run.stderr
    if run.exception is not None and not isinstance(run.exception, SystemExit):
        stderr += "".join(traceback.format_exception(run.exception))
    return subprocess.CompletedProcess(["mkdocs", *args], run.exit_code, run.stdout, stderr)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`edition <args>` run in this process (edition.cli.main, what the `edition` command and
    `python -m edition.cli` call), from `cwd` if given; its exit code and what it printed, as
    `returncode`, `stdout` and `stderr`. (tests/test_engine.py runs the real command once.)"""
    import contextlib
    import io

    from edition import cli

    out, err, saved_cwd = io.StringIO(), io.StringIO(), os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exit:  # argparse's --help and usage errors
                code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 2)
    finally:
        os.chdir(saved_cwd)
    return subprocess.CompletedProcess(["edition", *args], code, out.getvalue(), err.getvalue())


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
