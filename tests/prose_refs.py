"""Every path, `edition` subcommand and `edition.` name that the project's prose names must exist.

The prose read: README.md, CONTRIBUTING.md, the pages in docs/, mkdocs.yml, package.json, the
templates in overrides/, the data files' header comments, and each module's docstring in
scripts/edition/. A reference is:
- a path under one of the project's folders (`scripts/serve`, `overrides/main.html`,
  `data/*.yml`: a glob must match at least one file); `hooks/…` and `partials/…` are read as under
  overrides/, as the templates write them;
- `edition <word>` in a command line: <word> must be a subcommand of `edition.cli`;
- a dotted name `edition.module` or `edition.module.name`: the module must import and hold the name.

`problems(root)` returns one message per dangling reference, naming the file, the line and what is
missing; tests/test_prose_refs.py runs it on the project and on mutated copies.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

FOLDERS = ("scripts", "overrides", "docs", "data", "tests", "source", ".ci", ".github")
RELATIVE = {"hooks": "overrides/hooks", "partials": "overrides/partials"}

# A path starts after a space, a quote, a bracket or a backtick (not inside another path, as in
# assets/javascripts/x.js), and stops at a character no path of ours holds.
PATH = re.compile(r"(?<![\w./-])((?:%s)/[\w.*/-]*[\w*/])" % "|".join(
    re.escape(f) for f in (*FOLDERS, *RELATIVE)))
# `edition fidelity`, `.venv/bin/edition urls --check`: the word after the command, in code (a
# code span, a fenced block or a docstring's indented usage) that starts with the command.
COMMAND = re.compile(r"^\s*(?:[\w./-]*/)?edition ([a-z][a-z-]+)\b")
CODE_SPAN = re.compile(r"`([^`]+)`")
# edition.proof, edition.assets.prune_theme_css; not a file name (edition.css) nor a word of one
# (about-this-edition.md).
DOTTED = re.compile(r"(?<![\w./-])edition\.([a-z_]+)(?:\.([A-Za-z_]\w*))?(?![\w-])")
FILE_SUFFIXES = {"css", "py", "html", "md", "yml", "js", "json", "txt"}

# Paths that only a build or an install makes: named in the prose, never committed.
GENERATED = (
    "tests/js/node_modules",
    "docs/assets/images/og-card.png",
)


def prose_files(root: Path) -> list[Path]:
    """The files whose text is read for references."""
    files = [root / "README.md", root / "CONTRIBUTING.md", root / "mkdocs.yml", root / "package.json"]
    files += sorted((root / "docs").rglob("*.md"))
    files += sorted((root / "overrides").rglob("*.html"))
    files += sorted((root / "data").glob("*.yml"))
    return [f for f in files if f.is_file()]


def _docstrings(root: Path) -> list[tuple[Path, int, str]]:
    """(file, first line, text) of each module docstring of the package."""
    out = []
    for py in sorted((root / "scripts" / "edition").glob("*.py")):
        tree = ast.parse(py.read_text(encoding="utf-8"))
        doc = ast.get_docstring(tree, clean=False)
        if doc and tree.body and isinstance(tree.body[0], ast.Expr):
            out.append((py, tree.body[0].lineno, doc))
    return out


def _texts(root: Path):
    """(file, line number, line, code) of every line of prose to read; `code` is the line's code:
    its code spans, or the whole line inside a fenced block or a docstring's indented usage."""
    for f in prose_files(root):
        text = f.read_text(encoding="utf-8")
        if f.suffix == ".yml" and f.parent.name == "data":
            # a data file's prose is its header comment, not its values
            text = "\n".join(line if line.lstrip().startswith("#") else "" for line in text.split("\n"))
        fenced = False
        for n, line in enumerate(text.split("\n"), 1):
            if line.lstrip().startswith("```"):
                fenced = not fenced
                continue
            yield f, n, line, [line] if fenced else CODE_SPAN.findall(line)
    for f, first, doc in _docstrings(root):
        for n, line in enumerate(doc.split("\n"), first):
            yield f, n, line, [line] if line.startswith("    ") else CODE_SPAN.findall(line)


def _path_exists(root: Path, ref: str) -> bool:
    head, _, rest = ref.partition("/")
    if head in RELATIVE:
        ref = f"{RELATIVE[head]}/{rest}"
    ref = ref.rstrip("/").rstrip(".")
    if any(ref == g or ref.startswith(g + "/") for g in GENERATED):
        return True
    if "*" in ref:
        return any(root.glob(ref))
    return (root / ref).exists()


def _subcommands() -> set[str]:
    from edition import cli

    parser = cli.parser()
    subs = next(a for a in parser._actions if a.dest == "command")
    return set(subs.choices)


def _citation_keys(root: Path) -> set[str]:
    """The fields of data/citation.yml's `edition:` mapping, which the prose names as edition.version."""
    import yaml

    path = root / "data" / "citation.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return set((data or {}).get("edition") or {})


def _dotted_exists(module: str, name: str | None) -> bool:
    try:
        mod = importlib.import_module(f"edition.{module}")
    except ModuleNotFoundError:
        package = importlib.import_module("edition")
        return name is None and hasattr(package, module)
    return name is None or hasattr(mod, name)


def problems(root: Path) -> list[str]:
    """One message per reference in the prose that names nothing in the project at `root`."""
    root = Path(root)
    commands = _subcommands()
    fields = _citation_keys(root)
    found = []
    for f, n, line, code in _texts(root):
        where = f"{f.relative_to(root)}:{n}"
        for m in PATH.finditer(line):
            ref = m.group(1)
            if "…" in ref or "<" in ref:
                continue
            if not _path_exists(root, ref):
                found.append(f"{where}: names {ref}, which does not exist")
        for span in code:
            for m in COMMAND.finditer(span.strip()):
                if m.group(1) not in commands:
                    found.append(f"{where}: names the command `edition {m.group(1)}`, which edition.cli "
                                 "does not have")
        for m in DOTTED.finditer(line):
            module, name = m.group(1), m.group(2)
            if module in fields or (name is None and module in FILE_SUFFIXES):
                continue  # data/citation.yml's edition.version; a file such as edition.css
            if not _dotted_exists(module, name):
                shown = f"edition.{module}" + (f".{name}" if name else "")
                found.append(f"{where}: names {shown}, which the edition package does not have")
    return found
