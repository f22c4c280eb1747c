"""The registry cannot forget: the URL check reads every committed version of data/url-registry.yml.

Each fault is made on a copy of the project in a temporary git repository: the registry is
committed, then edited by hand (an id dropped or renamed in the file, with or without the page).
The check must fail naming the lost address and the commit that last registered it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from edition import registry
from edition.errors import RegistryError
from sitetools import add_id_redirects, ROOT, build_in_process, build_site, copy_project, run_cli

ID = re.compile(r"(?<![\w-])security-3(?![\w-])")  # the paragraph's id, not security-30 or -3a
# Renamed in the page too; not security-3, which "How to cite" quotes as its example.
PAGE_ID = re.compile(r"(?<![\w-])security-4(?![\w-])")


def git(repo: Path, *args: str) -> str:
    """Run git in the test's repository, as a test author; its output."""
    return subprocess.run(["git", "-c", "user.name=Registry Test", "-c", "user.email=test@example.org",
                           "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                          cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def committed_copy(tmp_path: Path) -> tuple[Path, str]:
    """A copy of the project committed to a fresh git repository, and its commit's short hash."""
    project = copy_project(ROOT, tmp_path / "project")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "The edition as published")
    return project, git(project, "rev-parse", "--short", "HEAD")


def edit(path: Path, old: re.Pattern, new: str) -> None:
    """Replace `old` by `new` in a file, which must contain it."""
    text = path.read_text(encoding="utf-8")
    assert old.search(text), path
    path.write_text(old.sub(new, text), encoding="utf-8")


def run(project: Path, site: Path, capsys, update: bool = False) -> tuple[int, str, str]:
    """registry.run on the copy: exit status, stdout, stderr."""
    status = registry.run(site, update, project / "data" / "url-registry.yml", project / "mkdocs.yml")
    out = capsys.readouterr()
    return status, out.out, out.err


def test_an_id_dropped_from_the_file_by_hand_fails_naming_it_and_its_commit(tmp_path, built_site,
                                                                            capsys):
    project, first = committed_copy(tmp_path)
    registry_file = project / "data" / "url-registry.yml"
    edit(registry_file, ID, "security-33")  # the file only: the page still has #security-3

    status, out, err = run(project, built_site, capsys)
    assert status == 1 and "checking with its history (1 committed version(s))" in out
    assert (f"/brief/#security-3: a registered id is still published but not in the registry. It was "
            f"registered in commit {first} (") in err, err

    git(project, "commit", "-q", "-am", "A hand edit, committed")  # the last commit no longer has it
    status, out, err = run(project, built_site, capsys)
    assert status == 1 and "2 committed version(s)" in out
    assert f"/brief/#security-3: a registered id is still published but not in the registry. It was " \
           f"registered in commit {first} (" in err, err

    # --update restores it (and, never dropping, keeps the id the hand edit invented, which fails).
    status, out, err = run(project, built_site, capsys, update=True)
    assert "restored 1 page(s) and id(s) that url-registry.yml had lost and its history holds: " \
           "/brief/#security-3" in out
    ids = registry.load_registry(registry_file)["/brief/"]
    assert ids.index("security-4") == ids.index("security-3") + 1 and "security-33" in ids
    assert status == 1 and "#security-3:" not in err
    assert "/brief/#security-33: a registered id is gone" in err


def test_an_id_renamed_in_the_page_and_the_file_alike_fails_until_an_id_redirect_is_declared(tmp_path):
    project, first = committed_copy(tmp_path)
    for path in [project / "docs" / "brief.md", *(project / "data").glob("*.yml")]:
        if path.name != "id-redirects.yml" and PAGE_ID.search(path.read_text(encoding="utf-8")):
            edit(path, PAGE_ID, "security-44")
    build_site(project, tmp_path / "site")
    pages, _ = registry.read_site(tmp_path / "site")
    redirects = registry.load_page_redirects(project / "mkdocs.yml")
    # The fault of issue 9: the file alone agrees with the site.
    assert registry.check(registry.load_registry(project / "data" / "url-registry.yml"), pages,
                          redirects) == ([], {})

    cli = run_cli("--root", str(project), "urls", "--check", "--site", str(tmp_path / "site"))
    assert cli.returncode == 1, cli.stdout + cli.stderr
    assert ("error: /brief/#security-4: a registered id is gone from /brief/. Restore it, or map it "
            "to the id that replaces it in data/id-redirects.yml. It was registered in commit "
            f"{first} (") in cli.stderr, cli.stderr

    # Removed from the page and the file alike, with its redirect declared: it still works, and passes.
    add_id_redirects(project, "brief.md:\n  security-4: security-44\n")
    build_in_process(project, tmp_path / "site2")
    history = registry.registry_history(project / "data" / "url-registry.yml")
    pages, _ = registry.read_site(tmp_path / "site2")
    assert pages["/brief/"].redirected_ids == {"security-4": "security-44", "introduction-3": "introduction-2"}
    assert registry.check(registry.load_registry(project / "data" / "url-registry.yml"), pages,
                          redirects, history) == ([], {})


def test_the_history_follows_the_file_through_a_rename(tmp_path, built_site, capsys):
    project = copy_project(ROOT, tmp_path / "project")
    registry_file = project / "data" / "url-registry.yml"
    git(project, "init", "-q")
    registry_file.rename(project / "data" / "addresses.yml")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "The registry under its former name")
    first = git(project, "rev-parse", "--short", "HEAD")
    git(project, "mv", "data/addresses.yml", "data/url-registry.yml")
    edit(registry_file, re.compile(r"^  - security-3\n", re.M), "")
    git(project, "commit", "-q", "-am", "Renamed, and an id dropped by hand")
    assert git(project, "log", "--follow", "--name-status", "--format=", "-1", "--",
               "data/url-registry.yml").startswith("R")

    status, out, err = run(project, built_site, capsys)
    assert status == 1 and "2 committed version(s)" in out
    assert f"/brief/#security-3: a registered id is still published but not in the registry. It was " \
           f"registered in commit {first} (" in err, err


def test_outside_a_git_checkout_the_check_says_it_did_not_consult_the_history(tmp_path, built_site,
                                                                              capsys):
    project = copy_project(ROOT, tmp_path / "project")
    assert registry.registry_history(project / "data" / "url-registry.yml") is None
    status, out, err = run(project, built_site, capsys)
    assert status == 0, err
    assert "url-registry.yml: not in a git checkout: its history was NOT consulted" in out


def test_in_a_git_checkout_where_git_fails_the_check_stops_naming_the_problem(tmp_path, built_site):
    project = copy_project(ROOT, tmp_path / "project")
    (project / ".git").write_text("gitdir: /nonexistent/repository\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"^data/url-registry.yml: cannot read its history: "
                       r"`git rev-parse --show-toplevel` failed in .*not a git repository"):
        registry.registry_history(project / "data" / "url-registry.yml")
    cli = run_cli("--root", str(project), "urls", "--check", "--site", str(built_site))
    assert cli.returncode == 2 and "urls: data/url-registry.yml: cannot read its history" in cli.stderr
