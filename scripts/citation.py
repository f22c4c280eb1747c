"""Check or regenerate CITATION.cff from data/citation.yml, the edition's one citation metadata file.

data/citation.yml names the work (Chris Miller's brief, as printed) and this edition (where it was
read). The build reads it through load() for the "Cite" controls, "How to cite" and the page
metadata (overrides/hooks/cite.py); this command writes the same facts as CITATION.cff at the
repository root (Citation File Format 1.2.0), the brief being its preferred citation.

Usage:
  python scripts/citation.py --check    exit 1 if CITATION.cff is not what data/citation.yml gives
  python scripts/citation.py --update   rewrite CITATION.cff (only if its content changed)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CITATION_YML = ROOT / "data" / "citation.yml"
CITATION_CFF = ROOT / "CITATION.cff"

REQUIRED = {
    "work": {"title": str, "title_sentence_case": str, "authors": list, "genre": str, "publisher": str,
             "place": str, "year": int, "month": int, "language": str, "abstract": str, "keywords": list},
    "edition": {"label": str, "title": str, "editors": str, "page": str, "bibtex_key": str},
}
CFF_HEADER = ("# Generated from data/citation.yml by `python scripts/citation.py --update`: edit that file,\n"
              "# not this one. tests/test_citation.py checks that the two agree.\n")


class CitationError(Exception):
    """data/citation.yml is missing a field or has a malformed one."""


def load(path: Path = CITATION_YML) -> dict:
    """Read and validate the citation metadata; raise CitationError naming the file and the field."""
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CitationError(f"{rel}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise CitationError(f"{rel}: expected a mapping with `work` and `edition`")
    for part, fields in REQUIRED.items():
        block = data.get(part)
        if not isinstance(block, dict):
            raise CitationError(f"{rel}: `{part}` is missing or not a mapping")
        for name, kind in fields.items():
            value = block.get(name)
            if not isinstance(value, kind) or isinstance(value, bool) or value in ("", []):
                raise CitationError(f"{rel}: `{part}.{name}` must be a non-empty {kind.__name__}"
                                    f" (found {value!r})")
    work = data["work"]
    for i, author in enumerate(work["authors"], 1):
        if not (isinstance(author, dict) and isinstance(author.get("given"), str)
                and isinstance(author.get("family"), str)):
            raise CitationError(f"{rel}: `work.authors` entry {i} needs `given` and `family` names")
    if not 1 <= work["month"] <= 12:
        raise CitationError(f"{rel}: `work.month` must be 1–12 (found {work['month']})")
    if not 1900 <= work["year"] <= 2100:
        raise CitationError(f"{rel}: `work.year` looks wrong (found {work['year']})")
    if not all(isinstance(k, str) and k for k in work["keywords"]):
        raise CitationError(f"{rel}: `work.keywords` must be a list of words")
    return data


def cff(data: dict) -> dict:
    """The CITATION.cff document: this edition, with the brief as its preferred citation."""
    work, edition = data["work"], data["edition"]
    authors = [{"family-names": a["family"], "given-names": a["given"]} for a in work["authors"]]
    return {
        "cff-version": "1.2.0",
        "message": (f"This repository is a {edition['label']} of a policy brief. Please cite the brief "
                    f"itself, as below, and give the URL of the {edition['label']} where you read it "
                    "(see the edition's page \"How to cite\")."),
        "title": edition["title"],
        "authors": [{"name": edition["editors"]}],
        "abstract": " ".join(work["abstract"].split()),
        "keywords": list(work["keywords"]),
        "preferred-citation": {
            "type": "report",
            "title": work["title"],
            "authors": authors,
            "institution": {"name": work["publisher"], "city": work["place"]},
            "collection-title": work["genre"],
            "year": work["year"],
            "month": work["month"],
            "languages": [_iso639_3(work["language"])],
            "abstract": " ".join(work["abstract"].split()),
        },
    }


def _iso639_3(code: str) -> str:
    """CFF wants ISO 639-3 language codes."""
    return {"en": "eng"}.get(code, code)


def render_cff(data: dict) -> str:
    """CITATION.cff as text."""
    body = yaml.safe_dump(cff(data), sort_keys=False, allow_unicode=True, width=100)
    return CFF_HEADER + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="fail if CITATION.cff is stale")
    mode.add_argument("--update", action="store_true", help="regenerate CITATION.cff")
    args = parser.parse_args(argv)
    try:
        expected = render_cff(load())
    except CitationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    current = CITATION_CFF.read_text(encoding="utf-8") if CITATION_CFF.exists() else None
    if current == expected:
        print("CITATION.cff is up to date with data/citation.yml")
        return 0
    if args.check:
        print("CITATION.cff does not match data/citation.yml: run `python scripts/citation.py --update`",
              file=sys.stderr)
        return 1
    CITATION_CFF.write_text(expected, encoding="utf-8")
    print("CITATION.cff regenerated from data/citation.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
