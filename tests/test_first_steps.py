"""The README's two commands on a machine that lacks a prerequisite: each stops with one line naming the fix.

scripts/_env.sh checks, before it makes .venv, that the chosen Python (PYTHON, default python3) is
as recent as pyproject.toml's requires-python and has its venv module; scripts/serve checks its port
first. The tests run the real scripts in a copy of the project (scripts, pyproject.toml, mkdocs.yml,
requirements) with fake interpreters: shell scripts that answer the version query and fail the rest.
No virtual environment is made and nothing is installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sitetools import ROOT, SUBPATH

FILES = ("scripts/_env.sh", "scripts/serve", "scripts/test", "pyproject.toml", "mkdocs.yml",
         "requirements.txt", "requirements-dev.txt")
# What the scripts must not inherit from the shell running the tests.
UNSET = ("PYTHON", "PORT", "VENV", "SITE_URL", "CHROMIUM", "CHROMIUM_SHELL")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the files the two commands read, dated an hour ago (older than any stamp made now)."""
    root = tmp_path / "project"
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, root / name)
        past = (root / name).stat().st_mtime - 3600
        os.utime(root / name, (past, past))
    return root


def fake_python(path: Path, version: str, venv: bool = True) -> Path:
    """An executable that answers the version query with `version`, passes `import venv, ensurepip`
    only when `venv`, and fails anything else (after half-making the directory `-m venv` names)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "#!/bin/sh\n"
        'case "$*" in\n'
        f"  *version_info*) echo {version} ;;\n"
        f"  *ensurepip*) {'exit 0' if venv else 'echo No module named ensurepip >&2; exit 1'} ;;\n"
        '  "-m venv "*) mkdir -p "$3/bin"; : > "$3/bin/python"; chmod +x "$3/bin/python"; exit 1 ;;\n'
        '  *) echo "fake python: $*"; exit 0 ;;\n'
        "esac\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def run(project: Path, command: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run scripts/<command> in the copy with `env` added; its output as text. Unless the test
    names one, PYTHON is a path where there is none: a check that lets a fault through then stops
    the script at once, instead of making a real environment and installing into it."""
    base = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.setdefault("PYTHON", "/nonexistent/python3")
    return subprocess.run(["bash", str(project / "scripts" / command), *args], cwd=project,
                          env={**base, **env}, capture_output=True, text=True, timeout=20)


def one_line(result: subprocess.CompletedProcess) -> str:
    """The script's only line of error output, after checking it stopped with status 1."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def set_requires_python(project: Path, spec: str) -> None:
    """Change requires-python in the copy's pyproject.toml to `spec`."""
    toml = project / "pyproject.toml"
    text, n = re.subn(r'^requires-python = ".*"$', f'requires-python = "{spec}"',
                      toml.read_text(encoding="utf-8"), flags=re.M)
    assert n == 1
    toml.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("command", ["serve", "test"])
def test_too_old_python_stops_with_the_version_and_the_fix(project, tmp_path, command):
    # Debian 12's Python: the pinned pymdown-extensions needs 3.11.5 or later.
    python = fake_python(tmp_path / "bin" / "python3", "3.11.2")
    venv = tmp_path / "venv"
    line = one_line(run(project, command, PYTHON=str(python), VENV=str(venv)))
    assert line == (f"scripts/{command}: Python 3.11.2 found ({python}); the pinned packages need 3.11.5 "
                    f"or later: install it (e.g. pyenv install 3.11.9) and run "
                    f"PYTHON=/path/to/python3.11 scripts/{command}")
    assert not venv.exists()


def test_the_version_needed_is_read_from_pyproject(project, tmp_path):
    python = fake_python(tmp_path / "bin" / "python3", "3.11.9")
    set_requires_python(project, ">=3.12.1")
    line = one_line(run(project, "serve", PYTHON=str(python), VENV=str(tmp_path / "venv")))
    assert "Python 3.11.9 found" in line and "need 3.12.1 or later" in line
    # ...and a lower requirement lets 3.11.2 through (to the venv check, which this one fails).
    python = fake_python(tmp_path / "bin" / "python3", "3.11.2", venv=False)
    set_requires_python(project, ">=3.11.1")
    assert "cannot make a virtual environment" in one_line(
        run(project, "serve", PYTHON=str(python), VENV=str(tmp_path / "venv")))


def test_python_is_chosen_with_PYTHON_and_its_absence_named(project, tmp_path):
    missing = tmp_path / "nowhere" / "python3.11"
    line = one_line(run(project, "serve", PYTHON=str(missing), VENV=str(tmp_path / "venv")))
    assert line.startswith(f"scripts/serve: {missing} not found; the pinned packages need Python 3.11.5")
    assert line.endswith("run PYTHON=/path/to/python3.11 scripts/serve")


def test_python_without_venv_module_names_the_debian_package(project, tmp_path):
    python = fake_python(tmp_path / "bin" / "python3", "3.11.9", venv=False)
    venv = tmp_path / "venv"
    line = one_line(run(project, "serve", PYTHON=str(python), VENV=str(venv)))
    assert line == (f"scripts/serve: Python 3.11.9 ({python}) cannot make a virtual environment "
                    f"(no venv/ensurepip module): install it: sudo apt install python3-venv "
                    f"(or python3.11-venv)")
    assert not venv.exists()


def test_a_half_made_venv_is_removed(project, tmp_path):
    # The checks pass but `python -m venv` fails after making the folder: left, the next run
    # would take it for a working environment.
    python = fake_python(tmp_path / "bin" / "python3", "3.11.9")
    venv = tmp_path / "venv"
    result = run(project, "serve", PYTHON=str(python), VENV=str(venv))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"scripts/serve: could not make the virtual environment {venv} with {python} (see the error above)")
    assert not venv.exists()


def test_a_venv_made_by_too_old_a_python_is_named_with_its_fix(project, tmp_path):
    # What the old scripts left on Debian 12: .venv made with 3.11.2, its install failed.
    venv = tmp_path / "venv"
    fake_python(venv / "bin" / "python", "3.11.2")
    python = fake_python(tmp_path / "bin" / "python3", "3.11.9")
    line = one_line(run(project, "serve", PYTHON=str(python), VENV=str(venv)))
    assert line == (f"scripts/serve: {venv} was made with Python 3.11.2; the pinned packages need 3.11.5 "
                    f"or later: remove it (rm -rf {venv}) and run scripts/serve again "
                    f"(PYTHON=/path/to/python3.11 to choose the interpreter)")


@pytest.mark.parametrize("args,env,bad", [(["--port", "0"], {}, "0"), (["--port", "65536"], {}, "65536"),
                                          (["--port", "80a"], {}, "80a"), (["--port"], {}, ""),
                                          (["--port=-1"], {}, "-1"), ([], {"PORT": "eighty"}, "eighty")])
def test_a_bad_port_stops_before_anything_is_installed(project, tmp_path, args, env, bad):
    venv = tmp_path / "venv"
    line = one_line(run(project, "serve", *args, VENV=str(venv), **env))
    assert line == (f"scripts/serve: the port must be a number from 1 to 65535, not '{bad}': "
                    "e.g. scripts/serve --port 8001")
    assert not venv.exists()


@pytest.mark.parametrize("args,env", [(["--port", "8765"], {}), (["--port=8765"], {}),
                                      ([], {"PORT": "8765"})])
def test_serve_says_where_and_how_to_stop_and_passes_the_port_on(project, tmp_path, args, env):
    # An installed environment (its stamp newer than the requirements) whose python prints what
    # it is asked to run instead of running the server.
    venv = tmp_path / "venv"
    fake_python(venv / "bin" / "python", "3.11.9")
    (venv / ".installed-requirements.txt").touch()
    result = run(project, "serve", *args, VENV=str(venv), **env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"scripts/serve: building the site, then serving it at http://127.0.0.1:8765{SUBPATH}; "
        "Ctrl+C stops the server"]
    assert re.search(r"--dev-addr 127\.0\.0\.1:8765(\s|$)", result.stdout)
