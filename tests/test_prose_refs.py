"""No prose of the project names a script, file, command or module that does not exist
(tests/prose_refs.py): the README, the contributing guide, docs/, mkdocs.yml, package.json, the
templates, the data files' headers and the package's module docstrings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import prose_refs

ROOT = Path(__file__).resolve().parent.parent
SKIP = shutil.ignore_patterns(".git", ".venv", "site", "node_modules", "__pycache__", ".cache", "*.egg-info")


def test_every_reference_in_the_prose_exists():
    assert prose_refs.problems(ROOT) == []


def test_the_prose_read_includes_every_kind_of_file():
    shown = {str(f.relative_to(ROOT)) for f in prose_refs.prose_files(ROOT)}
    for expected in ("README.md", "CONTRIBUTING.md", "mkdocs.yml", "package.json", "docs/urls.md",
                     "overrides/main.html", "data/timeline.yml"):
        assert expected in shown


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """One copy of the project; each mutation below is undone after its test."""
    target = tmp_path_factory.mktemp("prose") / "project"
    shutil.copytree(ROOT, target, ignore=SKIP)
    return target


def _mutated(copy: Path, path: str, old: str, new: str):
    file = copy / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds {old!r}: the mutation needs updating"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file, text


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("path, old, new, message", [
    ("README.md", "scripts/serve", "scripts/serve-site", "README.md:{line}: names scripts/serve-site, which does not exist"),
    ("CONTRIBUTING.md", "`.venv/bin/edition fidelity`", "`.venv/bin/edition fidelty`",
     "CONTRIBUTING.md:{line}: names the command `edition fidelty`, which edition.cli does not have"),
    ("CONTRIBUTING.md", "`edition.notation`", "`edition.notations`",
     "CONTRIBUTING.md:{line}: names edition.notations, which the edition package does not have"),
    ("docs/urls.md", "`data/url-registry.yml`", "`data/url-registry.yaml`",
     "docs/urls.md:{line}: names data/url-registry.yaml, which does not exist"),
    ("data/timeline.yml", "overrides/partials/timeline.html", "overrides/partials/events.html",
     "data/timeline.yml:{line}: names overrides/partials/events.html, which does not exist"),
])
def test_a_dangling_reference_is_named_with_its_file_and_line(copy, path, old, new, message):
    file, original = _mutated(copy, path, old, new)
    try:
        found = prose_refs.problems(copy)
    finally:
        file.write_text(original, encoding="utf-8")
    assert message.format(line=_line_of(original, old)) in found, found


def test_a_renamed_script_is_caught_wherever_the_prose_names_it(copy):
    (copy / "scripts" / "serve").rename(copy / "scripts" / "start")
    try:
        found = prose_refs.problems(copy)
    finally:
        (copy / "scripts" / "start").rename(copy / "scripts" / "serve")
    assert found and all("names scripts/serve, which does not exist" in f for f in found), found
    assert any(f.startswith("README.md:") for f in found), found
