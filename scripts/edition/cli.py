"""The `edition` command: the edition's checks and generators, one subcommand each.

    edition fidelity                   the reading text is the source plus recorded interventions?
                                       (--site DIR: the built brief; --browser DIR: in Chromium)
    edition data                       the data files valid against the brief and each other?
    edition urls --check | --update    every published address still there, and registered?
    edition citation --check | --update  CITATION.cff what data/citation.yml gives?
    edition postbuild SITE             finish a built site (any engine's): downloads, Cite data,
                                       sitemap dates, the proof, the CSP
    edition benchmark [...]            speed and size beside a naive site (needs `npm ci`)

Each takes --help. They read the project around the current directory (or --root DIR) and exit 0
when all is well, 1 when a check fails, 2 when an input is malformed (the message names the file,
the entry and the problem).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from edition import exports, fidelity, notation, registry
from edition.errors import EditionError
from edition.loader import load
from edition.project import Project


def _fidelity(args: argparse.Namespace, project: Project) -> int:
    """Prove that the edition's reading text differs from the source only by recorded interventions."""
    if args.browser:
        from edition import browserproof

        problems, seconds = browserproof.check_site(Path(args.browser), load(project.root))
        for p in problems:
            print(p, file=sys.stderr)
        views = f"{len(browserproof.VIEWS)} views x {len(browserproof.ARRIVALS)} arrivals"
        if problems:
            print(f"fidelity: {len(problems)} problem(s) in what Chromium shows of {args.browser} "
                  f"({views}, {seconds:.1f} s)", file=sys.stderr)
            return 1
        print(f"fidelity: in Chromium ({views}: 390 and 1280 px, light and dark, reading and study "
              f"mode, full load and instant navigation), the brief and the source view of {args.browser} "
              f"show the source word for word once the marks are undone ({seconds:.1f} s)")
        return 0
    if args.site:
        from edition import proof

        problems = proof.check_site(Path(args.site), load(project.root))
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            print(f"fidelity: {len(problems)} problem(s) on the built brief", file=sys.stderr)
            return 1
        print(f"fidelity: the built brief in {args.site} is the source word for word once its marks are "
              "undone; its search index and citations agree")
        return 0
    brief = Path(args.brief) if args.brief else project.brief
    source = Path(args.source) if args.source else project.source
    kinds = notation.load_kinds(project.kinds, project.shown(project.kinds))
    doc = notation.parse(brief.read_text(encoding="utf-8"), project.shown(brief), kinds)
    problems = fidelity.compare(doc, source.read_text(encoding="utf-8"))
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"fidelity: {len(problems)} unrecorded difference(s)", file=sys.stderr)
        return 1
    print(f"fidelity: the edition matches the source word for word once its "
          f"{len(doc.interventions)} recorded interventions are undone")
    return 0


def _data(args: argparse.Namespace, project: Project) -> int:
    """Validate the brief and every data file against each other, without building the site."""
    ed = load(project.root)
    print(f"data: {len(ed.crosslinks)} cross-links, {len(ed.events)} events, {len(ed.references)} "
          f"references, {len(ed.glossary)} glossary terms, {len(ed.doc.interventions)} interventions: "
          "all valid")
    return 0


def build_site(project: Project, out: Path) -> None:
    """mkdocs build --strict of the project into `out`; a failed build is a RegistryError."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q",
                             "-f", str(project.mkdocs_yml), "-d", str(out)], cwd=project.root, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise registry.RegistryError(f"mkdocs build failed:\n{result.stdout}{result.stderr}")


def _urls(args: argparse.Namespace, project: Project) -> int:
    """Check (or, with --update, extend) data/url-registry.yml and its git history against a build;
    --move ID --reason TEXT records that an id of the brief deliberately holds other text now."""
    registry.load_id_redirects(project.id_redirects)  # malformed redirects fail here too
    kinds = notation.load_kinds(project.kinds, project.shown(project.kinds))
    doc = notation.parse(project.brief.read_text(encoding="utf-8"), project.shown(project.brief), kinds)
    if args.move:
        print(registry.record_move(project.registry, doc, args.move, args.reason or ""))
        return 0
    if args.check:
        registry.check_holds(project.registry, doc)  # a swapped id fails here, naming both
    if args.site:
        return registry.run(Path(args.site), args.update, project.registry, project.mkdocs_yml, doc)
    with tempfile.TemporaryDirectory(prefix="url-registry-") as tmp:
        build_site(project, Path(tmp))
        return registry.run(Path(tmp), args.update, project.registry, project.mkdocs_yml, doc)


def _postbuild(args: argparse.Namespace, project: Project) -> int:
    """Finish a built site, as the MkDocs plugin does after its build: run this after `zensical build`."""
    from edition import postbuild

    site = Path(args.site)
    for line in postbuild.run(site, load(project.root), lazy_search=args.lazy_search):
        print(f"postbuild: {line}")
    print(f"postbuild: {site} is finished and proved")
    return 0


def _citation(args: argparse.Namespace, project: Project) -> int:
    """Check (or, with --update, regenerate) CITATION.cff from data/citation.yml."""
    from edition import citation

    expected = exports.render_cff(citation.load(project.citation, project.shown(project.citation)))
    current = project.cff.read_text(encoding="utf-8") if project.cff.exists() else None
    if current == expected:
        print("CITATION.cff is up to date with data/citation.yml")
        return 0
    if args.check:
        print("CITATION.cff does not match data/citation.yml: run `edition citation --update`",
              file=sys.stderr)
        return 1
    project.cff.write_text(expected, encoding="utf-8")
    print("CITATION.cff regenerated from data/citation.yml")
    return 0


def _check_or_update(sub: argparse.ArgumentParser, what: str) -> None:
    mode = sub.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help=f"fail if {what} is stale or wrong")
    mode.add_argument("--update", action="store_true", help=f"regenerate {what} (only if it changed)")


def parser() -> argparse.ArgumentParser:
    """The command line, with a --help for each subcommand."""
    p = argparse.ArgumentParser(prog="edition", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", help="the project's folder (default: the one around the current folder)")
    subs = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    s = subs.add_parser("fidelity", help=_fidelity.__doc__, description=fidelity.__doc__,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("--brief", help="the edition's Markdown (default: docs/brief.md)")
    s.add_argument("--source", help="the source extraction (default: source/…extracted.txt)")
    s.add_argument("--site", help="prove a built site instead: its brief page, search index and citations "
                                  "(what the build does after every build)")
    s.add_argument("--browser", metavar="SITE",
                   help="prove what Chromium shows of a built site: its brief and source view served on "
                        "127.0.0.1, in every width, colour scheme, reading mode and way of arriving "
                        "(edition.browserproof; needs Chromium, CHROMIUM=/usr/bin/chromium)")
    s.set_defaults(run=_fidelity)
    s = subs.add_parser("data", help=_data.__doc__, description=_data.__doc__)
    s.set_defaults(run=_data)
    s = subs.add_parser("urls", help=_urls.__doc__, description=registry.__doc__,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = s.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="fail if data/url-registry.yml is stale or wrong")
    mode.add_argument("--update", action="store_true", help="register new pages, ids and what they hold")
    mode.add_argument("--move", metavar="ID", help="record that the brief's ID deliberately holds other "
                                                    "text now (with --reason)")
    s.add_argument("--reason", help="why the id moved (with --move)")
    s.add_argument("--site", help="a site already built from this tree (default: build one)")
    s.set_defaults(run=_urls)
    s = subs.add_parser("citation", help=_citation.__doc__, description=_citation.__doc__)
    _check_or_update(s, "CITATION.cff")
    s.set_defaults(run=_citation)
    from edition import postbuild

    s = subs.add_parser("postbuild", help=_postbuild.__doc__, description=postbuild.__doc__,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("site", help="the built site's folder (mkdocs build -d / zensical build's site_dir)")
    s.add_argument("--lazy-search", action="store_true",
                   help="load search at the first query (Material's search worker protocol only)")
    s.set_defaults(run=_postbuild)
    s = subs.add_parser("benchmark", help="speed and size beside a naive site and the bare-HTML limit",
                        add_help=False)
    s.set_defaults(run=None)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args, rest = parser().parse_known_args(argv)
    if args.command == "benchmark":
        from edition import benchmark

        return benchmark.main(rest)
    if rest:
        parser().error(f"unrecognized arguments: {' '.join(rest)}")
    project = Project.at(args.root)
    try:
        return args.run(args, project)
    except EditionError as exc:
        print(f"{args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
