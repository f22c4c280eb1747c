"""Published addresses stay published: the registry, its command, and the redirects for pages and ids.

The registry check runs against the site the session built (fixture built_site). The faults it
must catch (a renamed id, a moved page) are made on a copy of the project, built for real.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition import pages
from edition import registry as url_registry
from sitetools import add_id_redirects, PROJECT, ROOT, build_in_process, build_site, copy_project, run_cli

REGISTRY, MKDOCS_YML = PROJECT.registry, PROJECT.mkdocs_yml


def check_copy(project: Path, site: Path) -> tuple[list[str], dict[str, list[str]]]:
    """The registry check of a mutated copy against its build."""
    pages, _ = url_registry.read_site(site)
    registry = url_registry.load_registry(project / "data" / "url-registry.yml")
    return url_registry.check(registry, pages, url_registry.load_page_redirects(project / "mkdocs.yml"))


def test_every_published_address_is_registered_and_every_registered_one_published(built_site):
    pages, _ = url_registry.read_site(built_site)
    failures, new = url_registry.check(url_registry.load_registry(REGISTRY), pages,
                                       url_registry.load_page_redirects(MKDOCS_YML))
    assert not failures, "\n".join(failures)
    assert not new, f"published but not registered (run `edition urls --update`): {new}"


def test_registry_holds_every_section_and_paragraph_of_the_brief():
    registry = url_registry.load_registry(REGISTRY)
    brief = (ROOT / "docs" / "brief.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"^#+ .*\{ #([\w-]+) \}$", brief, re.M))  # sections
    ids |= set(re.findall(r"^\{:[^}\n]*#([\w-]+)[^}\n]*\}$", brief, re.M))  # paragraphs
    assert {"security-3", "the-security-agenda", "policy-7", "summary"} <= ids
    assert ids <= set(registry["/brief/"]), ids - set(registry["/brief/"])
    assert {"fn:1", "fn:7"} <= set(registry["/brief/"])
    assert not [i for i in registry["/brief/"] if i.startswith(("ed-", "fnref"))]


def test_the_command_checks_the_committed_registry_and_documents_itself():
    run = run_cli("urls", "--check", cwd=ROOT)
    assert run.returncode == 0, run.stderr
    usage = run_cli("urls", "--help", cwd=ROOT).stdout
    assert "--update" in usage and "never drops" in usage


def test_renaming_a_registered_id_fails_naming_it_until_an_id_redirect_is_declared(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    renamed = re.compile(r"(?<![\w-])author-1(?![\w-])")  # and every data file that refers to it
    for path in [project / "docs" / "brief.md", *(project / "data").glob("*.yml")]:
        if path.name not in ("url-registry.yml", "id-redirects.yml"):
            path.write_text(renamed.sub("author-1-new", path.read_text(encoding="utf-8")), encoding="utf-8")
    build_site(project, tmp_path / "site")
    failures, new = check_copy(project, tmp_path / "site")
    assert [f for f in failures if f.startswith("/brief/#author-1: a registered id is gone")], failures
    assert new == {"/brief/": ["author-1-new"]}

    add_id_redirects(project, "brief.md:\n  author-1: author-1-new\n")
    build_in_process(project, tmp_path / "site2")
    failures, _ = check_copy(project, tmp_path / "site2")
    assert failures == []
    page = BeautifulSoup((tmp_path / "site2" / "brief" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    anchor = page.find(id="author-1")
    assert anchor.name == "span" and "id-redirect" in anchor["class"] and not anchor.get_text()
    assert anchor.parent["id"] == "author-1-new"


def test_moving_a_registered_page_fails_naming_it_until_a_redirect_is_declared(tmp_path, monkeypatch):
    project = copy_project(ROOT, tmp_path / "project")
    (project / "docs" / "urls.md").rename(project / "docs" / "addresses.md")
    for path in [project / "mkdocs.yml", *(project / "docs").glob("*.md")]:
        path.write_text(path.read_text(encoding="utf-8").replace("urls.md", "addresses.md"), encoding="utf-8")
    # The page the registry's marker belongs on is the package's to say: moved with the page.
    monkeypatch.setitem(pages.MARKERS, "url-registry", "addresses.md")
    build_in_process(project, tmp_path / "site")
    failures, _ = check_copy(project, tmp_path / "site")
    assert [f for f in failures if f.startswith("/urls/: a registered page is gone")], failures

    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "redirect_maps: {}", "redirect_maps: {urls.md: addresses.md}"), encoding="utf-8")
    build_in_process(project, tmp_path / "site2")
    failures, _ = check_copy(project, tmp_path / "site2")
    assert failures == []
    redirect = (tmp_path / "site2" / "urls" / "index.html").read_text(encoding="utf-8")
    assert 'href="../addresses/"' in redirect and "window.location.hash" in redirect


def test_update_adds_new_ids_and_never_drops_a_registered_one(tmp_path, built_site):
    registry_path = tmp_path / "url-registry.yml"
    registry = url_registry.load_registry(REGISTRY)
    registry["/brief/"] = [i for i in registry["/brief/"] if i != "security-4"] + ["a-retired-id"]
    registry_path.write_text(url_registry.dump_registry(registry), encoding="utf-8")
    assert url_registry.run(built_site, True, registry_path, MKDOCS_YML) == 1  # the lost id
    updated = url_registry.load_registry(registry_path)
    assert "security-4" in updated["/brief/"] and "a-retired-id" in updated["/brief/"]
    assert updated["/brief/"].index("security-4") == updated["/brief/"].index("security-3") + 1


@pytest.mark.parametrize("entry, message", [
    ("brief.md:\n  gone-id: no-such-id\n", "brief.md: gone-id → no-such-id: the page has no element with id no-such-id"),
    ("brief.md:\n  security-4: security-3\n", "brief.md: security-4 → security-3: the page still has"),
    ("nowhere.md:\n  a: b\n", "entry nowhere.md: no such page"),
    ("brief.md: [a, b]\n", "entry 'brief.md'"),
])
def test_a_bad_id_redirect_stops_the_build_naming_the_file_and_entry(tmp_path, entry, message):
    project = copy_project(ROOT, tmp_path / "project")
    if entry.startswith("brief.md: ["):  # the brief's entry itself malformed: the whole file is this
        (project / "data" / "id-redirects.yml").write_text(entry, encoding="utf-8")
    else:
        add_id_redirects(project, entry)
    with pytest.raises(AssertionError) as failed:
        build_site(project, tmp_path / "site")
    assert "data/id-redirects.yml" in str(failed.value) and message in str(failed.value)


def test_the_urls_page_documents_the_scheme_and_lists_every_registered_address(built_site):
    page = BeautifulSoup((built_site / "urls" / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in page.select(".url-registry a[href]")}
    for path, ids in url_registry.load_registry(REGISTRY).items():
        base = "./" if path == "/urls/" else "../" + path.lstrip("/")
        assert base in hrefs, path
        for i in ids:
            assert f"{base}#{i}" in hrefs, f"{path}#{i}"
