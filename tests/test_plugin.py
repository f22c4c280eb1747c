"""The edition's MkDocs plugin (edition.plugin) and `edition postbuild` (edition.postbuild).

A failed build publishes nothing: MkDocs writes the site into a staging folder beside site_dir, and
the plugin moves it into place only once `edition postbuild` (the proof, the CSP) has passed and
MkDocs has logged no warning. A failed build leaves the previous site as it was, or none."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from edition import cli, csp, postbuild
from sitetools import ROOT, build_site, copy_project

PREVIOUS = "<!doctype html><title>the previous site</title>"
# A change that only the proof on the built brief sees: the words a mark moved, hidden by its
# partial (the edition loads and renders; the built brief no longer shows the author's words).
UNFAITHFUL = ("overrides/partials/edition.html", '<span class="ed-moved" id="{{ iv.id }}">',
              '<span class="ed-moved" id="{{ iv.id }}" hidden>')
# A change only MkDocs' strict mode sees, after the plugin's post_build: a link to no page.
BROKEN_LINK = ("docs/index.md", "\n# ", "\n[a link to no page](no-such-page.md)\n\n# ")


def change(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.mark.parametrize("mutation, says", [
    (UNFAITHFUL, "the built brief is not faithful to the source"),
    (BROKEN_LINK, "no-such-page.md"),
], ids=["proof fails", "strict warning"])
def test_a_failed_build_leaves_the_previous_site(tmp_path, mutation, says):
    project = copy_project(ROOT, tmp_path / "project")
    change(project, *mutation)
    out = tmp_path / "out" / "site"
    out.mkdir(parents=True)
    (out / "index.html").write_text(PREVIOUS, encoding="utf-8")
    result = build_site(project, out, check=False)
    assert result.returncode != 0
    assert says in result.stdout + result.stderr
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == PREVIOUS
    assert leftovers(out) == []


def test_a_failed_first_build_leaves_no_site(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    change(project, *UNFAITHFUL)
    out = tmp_path / "out" / "site"
    result = build_site(project, out, check=False)
    assert result.returncode != 0 and "not faithful" in result.stdout + result.stderr
    assert not out.exists() and leftovers(out) == []


def test_a_good_build_replaces_the_previous_site_whole(built_site, tmp_path):
    """What the session's build left: the site in place, every page with its policy, no staging
    folder beside it; a second build into the same place replaces the first, stale files too."""
    assert leftovers(built_site) == []
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 11 and all(csp.check_page(p.read_text(encoding="utf-8"), p.name) == [] for p in pages)


def test_postbuild_names_a_missing_search_index(built_site, tmp_path, capsys):
    site = Path(shutil.copytree(built_site, tmp_path / "site"))
    shutil.rmtree(site / "search")
    for page in site.rglob("*.html"):  # as an engine's fresh output: no policy yet
        page.write_text(csp.META_RE.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    assert cli.main(["--root", str(ROOT), "postbuild", str(site)]) == 2
    err = capsys.readouterr().err
    assert "brief/: no search index in the site (looked for search/search_index.full.json" in err
    assert "search.json" in err


def test_postbuild_dates_a_sitemap_without_dates(tmp_path):
    """Zensical writes <url><loc> only: each entry gets its sources' last commit's day."""
    import edition

    site = tmp_path / "site"
    site.mkdir()
    base = "https://example.org/e/"
    (site / "sitemap.xml").write_text(
        "<urlset>\n" + "".join(f"  <url>\n    <loc>{base}{u}</loc>\n  </url>\n" for u in ("", "brief/", "urls/"))
        + "</urlset>\n", encoding="utf-8")
    s = postbuild.Site(site, edition.load(ROOT))
    postbuild.step_sitemap(s)
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert len(re.findall(r"</loc><lastmod>\d{4}-\d{2}-\d{2}</lastmod>", xml)) == 3, xml
    assert s.log == ["sitemap: 3 pages dated by their sources' last commit"]


def test_the_build_order_is_written_in_one_place():
    """The plugin's docstring lists its events in the order MkDocs calls them, and postbuild's
    docstring its steps in the order STEPS runs them."""
    from edition.plugin import plugin

    events = re.findall(r"^    (on_\w+)", plugin.__doc__, re.M)
    assert events == ["on_startup", "on_config", "on_files", "on_page_markdown", "on_post_build", "on_build_error"]
    assert all(hasattr(plugin.EditionPlugin, e) for e in events)
    steps = re.findall(r"^    (\w[\w ]*?)  +\S", postbuild.__doc__, re.M)
    assert steps == [name for name, _ in postbuild.STEPS]


def test_postbuild_twice_leaves_the_site_as_once(built_site, tmp_path):
    """The build ran postbuild (lazy search on); running it again changes no file."""
    import hashlib

    import edition

    site = Path(shutil.copytree(built_site, tmp_path / "site"))

    def digests() -> dict[str, str]:
        return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(site.rglob("*")) if p.is_file()}

    before = digests()
    postbuild.run(site, edition.load(ROOT), lazy_search=True)
    after = digests()
    assert [k for k in before if before[k] != after.get(k)] == [] and before.keys() == after.keys()


def test_one_plugin_by_its_entry_point_no_hooks_and_nothing_executable_under_overrides():
    from importlib.metadata import entry_points

    from mkdocs.config import load_config

    from edition.plugin.config import EditionConfig
    from edition.plugin.plugin import EditionPlugin

    assert entry_points(group="mkdocs.plugins")["edition"].load() is EditionPlugin
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert isinstance(config.plugins["edition"], EditionPlugin)
    assert isinstance(config.plugins["edition"].config, EditionConfig)
    assert list(config.plugins)[-1] == "edition" and not config.hooks
    assert [p for p in (ROOT / "overrides").rglob("*") if p.is_file() and p.suffix != ".html"] == []


def test_a_wrong_option_of_the_plugin_stops_the_build_naming_it(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    change(project, "mkdocs.yml", "\n  - edition\n", "\n  - edition:\n      lazy_search: sometimes\n")
    result = build_site(project, tmp_path / "site", check=False)
    assert result.returncode != 0
    assert "plugins" in result.stderr and "lazy_search" in result.stderr, result.stderr
