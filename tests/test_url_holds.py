"""Addresses that cannot swap: data/url-registry.yml records what each id of the brief holds (its
first words of the author's text, marks taken out), and every load of the edition checks it.

A swap of {: #security-3 } and {: #security-4 }, or an id given to other text, fails the build and
`edition urls --check`, naming both ids; an editors' note or reason changed in the paragraph does
not; `edition urls --move ID --reason …` records a deliberate move and the check passes again.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

import edition
from edition import notation, registry
from edition.errors import RegistryError
from sitetools import BRIEF_PATH, PROJECT, ROOT, build_site, copy_project, run_cli

BRIEF = BRIEF_PATH.read_text(encoding="utf-8")


def swapped(text: str, a: str, b: str) -> str:
    assert text.count(f"{{: #{a} }}") == 1 and text.count(f"{{: #{b} }}") == 1
    return (text.replace(f"{{: #{a} }}", "{: #SWAP }").replace(f"{{: #{b} }}", f"{{: #{a} }}")
            .replace("{: #SWAP }", f"{{: #{b} }}"))


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(ROOT, tmp_path / "project")


def load_error(project: Path) -> str:
    with pytest.raises(RegistryError) as exc:
        edition.load(project)
    return str(exc.value)


def test_the_registry_records_what_every_id_of_the_brief_holds():
    holds, moved = registry.load_holds(PROJECT.registry)
    doc = notation.parse(BRIEF, "docs/brief.md", notation.load_kinds(PROJECT.kinds))
    now = registry.fingerprints(doc)
    assert set(now) <= set(holds), f"not registered (edition urls --update): {set(now) - set(holds)}"
    assert all(holds[i] for i in now) and len(set(now.values())) == len(now)  # each tells its id apart
    assert holds["security-3"].startswith("Yet Japanese and Russian policymakers")
    registry.check_holds(PROJECT.registry, doc)  # the brief as it is passes


def test_a_swap_of_two_paragraph_ids_fails_naming_both(project):
    brief = project / "docs" / "brief.md"
    brief.write_text(swapped(BRIEF, "security-3", "security-4"), encoding="utf-8")
    message = load_error(project)
    assert message.startswith("data/url-registry.yml: the brief's ids no longer hold their text")
    assert ("#security-3 and #security-4 have swapped their text: #security-3 was registered holding "
            "“Yet Japanese and Russian policymakers") in message


def test_a_swap_of_two_near_identical_paragraphs_is_caught():
    """The summary repeats the fourth recommendation almost word for word: still told apart."""
    doc = notation.parse(swapped(BRIEF, "summary-2", "policy-4"), "docs/brief.md",
                         notation.load_kinds(PROJECT.kinds))
    with pytest.raises(RegistryError, match="#policy-4 and #summary-2 have swapped their text"):
        registry.check_holds(PROJECT.registry, doc)


def test_an_id_that_holds_other_text_than_registered_fails_naming_it(project):
    """The other way round: the registry says #security-4 held other words than it holds."""
    path = project / "data" / "url-registry.yml"
    text = path.read_text(encoding="utf-8")
    holds, _ = registry.load_holds(path)
    line = f"  security-4: {holds['security-4']}\n"
    assert text.count(line) == 1
    path.write_text(text.replace(line, "  security-4: Words this paragraph never held in any version of it\n"),
                    encoding="utf-8")
    assert ("#security-4 was registered holding “Words this paragraph never held in any version of it” "
            "and now holds “For now") in load_error(project)


def test_an_editors_note_changed_in_the_paragraph_does_not_disturb_it():
    old = "{>>break: short last line<<}Russia’s main foreign policy aims"
    assert BRIEF.count(old) == 1
    doc = notation.parse(BRIEF.replace(old, "{>>break: a short last line, as the editors now say<<}"
                                            "Russia’s main foreign policy aims"),
                         "docs/brief.md", notation.load_kinds(PROJECT.kinds))
    registry.check_holds(PROJECT.registry, doc)


def test_the_build_and_urls_check_fail_on_a_swap_and_a_recorded_move_passes(project, tmp_path):
    brief = project / "docs" / "brief.md"
    brief.write_text(swapped(BRIEF, "security-3", "security-4"), encoding="utf-8")
    result = build_site(project, tmp_path / "site", check=False)
    assert result.returncode != 0
    assert "#security-3 and #security-4 have swapped their text" in result.stdout + result.stderr

    def urls(*args: str) -> subprocess.CompletedProcess:
        return run_cli("--root", str(project), "urls", *args)

    check = urls("--check", "--site", str(tmp_path / "nosite"))
    assert check.returncode == 2
    assert "urls: data/url-registry.yml: the brief's ids no longer hold their text" in check.stderr
    assert "#security-3 and #security-4 have swapped their text" in check.stderr
    # A deliberate move: recorded, with what each held and why; then the build passes.
    for i in ("security-3", "security-4"):
        moved = urls("--move", i, "--reason", "test: the two paragraphs were renumbered on purpose")
        assert moved.returncode == 0, moved.stderr
    data = yaml.safe_load((project / "data" / "url-registry.yml").read_text(encoding="utf-8"))
    assert [m["id"] for m in data["moved"]] == ["security-3", "security-4"]
    assert data["moved"][0]["was"].startswith("Yet Japanese") and data["moved"][0]["now"].startswith("For now")
    edition.load(project)  # no error now
