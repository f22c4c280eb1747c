"""data/citation.yml and data/changelog.yml: the facts about the brief and about this edition.

The brief is the work that is cited; this edition, its version and its URL, is where it was read.
Everything that names the brief (the Cite controls, "How to cite", the head metadata, the
bibliography downloads' headers, CITATION.cff) is generated from what load() returns; nothing about
the brief is written again in code or templates. load_changelog() reads the edition's versions, the
newest of which must be the version and date that citation.yml gives.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition.data import check_entries, squash, validate
from edition.dates import MONTHS
from edition.errors import CitationError, DataError
from edition.yamlio import read_yaml

DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def load(path: Path, shown: str = "data/citation.yml") -> dict[str, Any]:
    """Read and validate the citation metadata; raise CitationError naming the file and the field.
    Its fields, their types and formats, its limits: scripts/edition/schema/citation.schema.json;
    here only what a schema cannot say: the days are real days."""
    data = read_yaml(path, shown, CitationError)
    validate("citation.yml", data, shown, CitationError)
    days = [("edition.date", data["edition"]["date"])]
    if "web_publication" in data["work"]:
        days.append(("work.web_publication.date", data["work"]["web_publication"]["date"]))
    for name, day in days:
        if parse_day(day) is None:
            raise CitationError(f"{shown}: `{name}` must be a real date written YYYY-MM-DD (found {day!r})")
    return data


def parse_day(value: Any) -> datetime.date | None:
    """A YYYY-MM-DD text as a date, or None if it is not one (a wrong format or no such day)."""
    if not isinstance(value, str) or not DAY_RE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def long_date(value: str) -> str:
    """A YYYY-MM-DD date as the edition writes it: November 25, 2026."""
    day = datetime.date.fromisoformat(value)
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def version_statement(edition: dict[str, Any]) -> str:
    """The edition's version as every citation gives it: version 1.1 (November 25, 2026)."""
    return f"version {edition['version']} ({long_date(edition['date'])})"


def names(work: dict[str, Any]) -> str:
    """The authors as a note names them: Chris Miller; A and B; A, B, and C."""
    full = [f"{a['given']} {a['family']}" for a in work["authors"]]
    return full[0] if len(full) == 1 else ", ".join(full[:-1]) + (", and " if len(full) > 2 else " and ") + full[-1]


def work_in_a_note(work: dict[str, Any]) -> str:
    """The brief as a Chicago note names it (what the bibliography downloads say they come from)."""
    return (f"{names(work)}, “{work['title']},” {work['genre']} ({work['publisher']}, "
            f"{MONTHS[work['month'] - 1]} {work['year']})")


# ---- data/changelog.yml ------------------------------------------------------------------------

CHANGELOG = "data/changelog.yml"
# Its fields, their types and formats, its limits: scripts/edition/schema/changelog.schema.json
# (edition.data.check_entries); load_changelog checks only what a schema cannot.


@dataclass
class Version:
    """One version of the edition and what it changed in the text, the apparatus and the ids."""

    version: str
    date: str
    summary: str = ""
    text: list[str] = field(default_factory=list)
    apparatus: list[str] = field(default_factory=list)
    added: list[dict[str, Any]] = field(default_factory=list)  # {page: "/x/", ids: [...]}
    moved: list[str] = field(default_factory=list)
    renamed: list[dict[str, str]] = field(default_factory=list)  # {page: "/x/", from: old, to: new}
    removed: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The version's id on the Changes page: version-1-1."""
        return "version-" + self.version.replace(".", "-")

    @property
    def display_date(self) -> str:
        """Its date as the edition writes it: November 25, 2026."""
        return long_date(self.date)

    @property
    def key(self) -> tuple[int, ...]:
        """The version as numbers, for ordering: 1.10 comes after 1.9."""
        return tuple(int(n) for n in self.version.split("."))


def _site_path(page: str) -> str:
    """A page of docs/ as the registry names it: brief.md -> /brief/, index.md -> /."""
    stem = page[:-3] if page.endswith(".md") else page
    return "/" if stem == "index" else f"/{stem}/"


def _ids(value: dict[str, Any], where: str, pages: set[str], redirects: dict[str, dict[str, str]]) -> dict[str, list]:
    """The (valid) `ids` of a version: each added page a page of the site, each renamed id redirected.
    (The added ids are links of the Changes page, which the strict build checks exist on their page.)"""
    for i, entry in enumerate(value["added"], 1):
        if entry["page"] not in pages:
            raise DataError(f"{where}: `ids.added` entry {i}: page {entry['page']!r} is neither a page of "
                            "docs/ nor registered in data/url-registry.yml")
    by_path = {_site_path(page): ids for page, ids in redirects.items()}
    for i, entry in enumerate(value["renamed"], 1):
        if by_path.get(entry["page"], {}).get(entry["from"]) != entry["to"]:
            raise DataError(f"{where}: `ids.renamed` entry {i}: {entry['page']}#{entry['from']} → "
                            f"#{entry['to']} is not declared in data/id-redirects.yml: a renamed id needs "
                            "its redirect")
    return {"added": value["added"], "renamed": value["renamed"],
            "moved": [squash(v) for v in value.get("moved", [])], "removed": [squash(v) for v in value["removed"]]}


def _version_name(keys: list[str], entry: Any, index: int) -> str | None:
    """How messages name an entry of `versions`: by its version, or by its number."""
    if keys:
        return None
    name = entry.get("version") if isinstance(entry, dict) else None
    return f"version {name!r}" if isinstance(name, str) else f"entry #{index + 1}"


def load_changelog(path: Path, edition: dict[str, Any], registry: dict[str, list[str]],
                   redirects: dict[str, dict[str, str]], pages: list[str]) -> list[Version]:
    """The edition's versions, newest first, validated; the newest must be citation.yml's version and
    date. `pages`: the pages of docs/ (brief.md), which with the registry's are the site's pages."""
    known = set(registry) | {_site_path(uri) for uri in pages}
    data = read_yaml(path, CHANGELOG, DataError)
    check_entries("changelog.yml", data, CHANGELOG, _version_name)
    out: list[Version] = []
    for i, entry in enumerate(data["versions"]):
        name = entry["version"]
        where = f"{CHANGELOG}: {_version_name([], entry, i)}"
        if parse_day(entry["date"]) is None:
            raise DataError(f"{where}: `date` must be a real date written YYYY-MM-DD (found {entry['date']!r})")
        ids = _ids(entry["ids"], where, known, redirects)
        version = Version(name, entry["date"], squash(entry.get("summary", "")),
                          [squash(v) for v in entry["text"]], [squash(v) for v in entry["apparatus"]],
                          ids["added"], ids["moved"], ids["renamed"], ids["removed"])
        if any(v.key == version.key for v in out):
            raise DataError(f"{where}: the version stands twice")
        if out:
            newer = out[-1]
            if version.key > newer.key:
                raise DataError(f"{where}: out of order: versions go newest first, and {name} comes "
                                f"after {newer.version}")
            if version.date > newer.date:
                raise DataError(f"{where}: dated {version.date}, after the newer version "
                                f"{newer.version} ({newer.date})")
        out.append(version)
    newest = out[0]
    if (newest.version, newest.date) != (edition["version"], edition["date"]):
        raise DataError(f"{CHANGELOG}: the newest version is {newest.version} of {newest.date}, but "
                        f"data/citation.yml gives `edition.version` {edition['version']} and "
                        f"`edition.date` {edition['date']}: the two must agree")
    return out
