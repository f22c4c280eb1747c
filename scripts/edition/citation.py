"""data/citation.yml: the one source of every bibliographic fact about the brief and this edition.

The brief is the work that is cited; this edition, and its URL, is where it was read. Everything
that names the brief (the Cite controls, "How to cite", the head metadata, the bibliography
downloads' headers, CITATION.cff) is generated from what load() returns; nothing about the brief
is written again in code or templates.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from edition.data import check_text, visible
from edition.dates import MONTHS
from edition.errors import CitationError
from edition.yamlio import read_yaml

REQUIRED = {
    "work": {"title": str, "title_sentence_case": str, "authors": list, "genre": str, "publisher": str,
             "place": str, "year": int, "month": int, "language": str, "abstract": str, "keywords": list},
    "edition": {"label": str, "title": str, "editors": str, "page": str, "bibtex_key": str},
}


def load(path: Path, shown: str = "data/citation.yml") -> dict[str, Any]:
    """Read and validate the citation metadata; raise CitationError naming the file and the field."""
    data = read_yaml(path, shown, CitationError)
    if not isinstance(data, dict):
        raise CitationError(f"{shown}: expected a mapping with `work` and `edition`")
    for part, fields in REQUIRED.items():
        block = data.get(part)
        if not isinstance(block, dict):
            raise CitationError(f"{shown}: `{part}` is missing or not a mapping")
        for name, kind in fields.items():
            value = block.get(name)
            if (not isinstance(value, kind) or isinstance(value, bool) or value == []
                    or (isinstance(value, str) and not visible(value))):
                raise CitationError(f"{shown}: `{part}.{name}` must be a non-empty {kind.__name__}"
                                    f" (found {value!r})")
        check_text(block, f"{shown}: `{part}`", "citation.yml", scope=f"{part}.", error=CitationError)
    if not re.fullmatch(r"[A-Za-z0-9_:-]+", data["edition"]["bibtex_key"]):
        raise CitationError(f"{shown}: `edition.bibtex_key` must be letters, digits, '_', ':' or '-' "
                            f"(found {data['edition']['bibtex_key']!r})")
    work = data["work"]
    for i, author in enumerate(work["authors"], 1):
        if not (isinstance(author, dict) and isinstance(author.get("given"), str)
                and isinstance(author.get("family"), str)):
            raise CitationError(f"{shown}: `work.authors` entry {i} needs `given` and `family` names")
    if not 1 <= work["month"] <= 12:
        raise CitationError(f"{shown}: `work.month` must be 1–12 (found {work['month']})")
    if not 1900 <= work["year"] <= 2100:
        raise CitationError(f"{shown}: `work.year` looks wrong (found {work['year']})")
    if not all(isinstance(k, str) and k for k in work["keywords"]):
        raise CitationError(f"{shown}: `work.keywords` must be a list of words")
    return data


def names(work: dict[str, Any]) -> str:
    """The authors as a note names them: Chris Miller; A and B; A, B, and C."""
    full = [f"{a['given']} {a['family']}" for a in work["authors"]]
    return full[0] if len(full) == 1 else ", ".join(full[:-1]) + (", and " if len(full) > 2 else " and ") + full[-1]


def work_in_a_note(work: dict[str, Any]) -> str:
    """The brief as a Chicago note names it (what the bibliography downloads say they come from)."""
    return (f"{names(work)}, “{work['title']},” {work['genre']} ({work['publisher']}, "
            f"{MONTHS[work['month'] - 1]} {work['year']})")
