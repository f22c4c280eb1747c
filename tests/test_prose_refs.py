"""No prose of the project names a script, file, command or module that does not exist
(tests/prose_refs.py): the README, the contributing guide, docs/, mkdocs.yml, package.json, the
templates, the data files' headers and the package's module docstrings."""

from __future__ import annotations

import re
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


def module_list_problems(package: Path) -> list[str]:
    """The package docstring's list of modules (edition/__init__.py, the one list) against the
    package's files: a module it does not name, or a name that is no module."""
    doc = (package / "__init__.py").read_text(encoding="utf-8").split('"""')[1]
    listed = re.findall(r"^    ([a-z_]+)\s", doc, flags=re.M)
    present = {p.stem for p in package.glob("*.py") if p.stem != "__init__"} | {
        p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    problems = [f"{package / '__init__.py'}: module {name} is not listed" for name in sorted(present - set(listed))]
    problems += [f"{package / '__init__.py'}: {name} is listed but is no module" for name in sorted(set(listed) - present)]
    problems += [f"{package / '__init__.py'}: {name} is listed twice" for name in sorted(set(listed))
                 if listed.count(name) > 1]
    return problems


def test_the_package_lists_each_of_its_modules_once():
    assert module_list_problems(ROOT / "scripts" / "edition") == []


def test_the_module_list_check_names_a_module_left_out(tmp_path):
    package = Path(shutil.copytree(ROOT / "scripts" / "edition", tmp_path / "edition", ignore=SKIP))
    (package / "newmodule.py").write_text('"""A new concern."""\n', encoding="utf-8")
    init = package / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8").replace("    gitio ", "    gitto ", 1), encoding="utf-8")
    assert module_list_problems(package) == [f"{init}: module gitio is not listed",
                                             f"{init}: module newmodule is not listed",
                                             f"{init}: gitto is listed but is no module"]
