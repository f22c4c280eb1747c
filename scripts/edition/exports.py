"""The edition's bibliographic files, one writer each: BibTeX, CSL-JSON and CITATION.cff.

- bibtex_entry() writes every BibTeX entry of the site: the References download (references.bib)
  and the BibTeX of every Cite control, escaping TeX's special characters in every field but `url`.
- csl_json() writes references.json (what Zotero, Mendeley and pandoc import).
- render_cff() writes CITATION.cff from data/citation.yml (`edition citation --update`).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from edition.citation import version_statement, work_in_a_note
from edition.data import Reference

TEX_ESCAPES = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
               **{c: "\\" + c for c in "&%$#_{}"}}
TEX_SPECIAL_RE = re.compile("|".join(re.escape(c) for c in TEX_ESCAPES))
# In a `url` (read verbatim by biblatex) only what would end the field or the entry is encoded,
# as the URL standard encodes it; everything else stands as it is.
URL_ESCAPES = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", "\n": "%0A"}
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
VERBATIM_FIELDS = {"url"}  # biblatex reads these verbatim: TeX escapes would show, so tex_url()
CFF_HEADER = ("# Generated from data/citation.yml by `edition citation --update`: edit that file,\n"
              "# not this one. tests/test_citation.py checks that the two agree.\n")


def tex(value: str) -> str:
    """A BibTeX field value with every TeX special character escaped."""
    return TEX_SPECIAL_RE.sub(lambda m: TEX_ESCAPES[m.group(0)], value)


def tex_url(value: str) -> str:
    """A `url` field: the characters that would break out of it percent-encoded."""
    return "".join(URL_ESCAPES.get(c, c) for c in value)


class Braced(str):
    """A value BibTeX must take as it stands: a corporate author, not a list of names."""


def bibtex_entry(entry_type: str, key: str, fields: list[tuple[str, Any]]) -> str:
    """One BibTeX entry. Every value is escaped (a `url` by tex_url); `month` is the bare macro;
    a title or a Braced value is braced twice, so that its capitals and words are kept."""
    lines = [f"@{entry_type}{{{key},"]
    for name, value in fields:
        if name == "month":
            lines.append(f"  {name:<11} = {BIBTEX_MONTHS[int(value) - 1]},")
            continue
        text = tex_url(str(value)) if name in VERBATIM_FIELDS else tex(str(value))
        if name == "title" or isinstance(value, Braced):
            text = "{" + text + "}"
        lines.append(f"  {name:<11} = {{{text}}},")
    return "\n".join(lines + ["}"])


def _names(authors: list[dict[str, str]]) -> str:
    return " and ".join(f"{a['family']}, {a['given']}" for a in authors)


def bibtex_type(r: Reference) -> str:
    """The entry type of a reference: an unsigned article is a @misc, since biber's data model and
    BibTeX's standard styles require an author of an @article (and a newspaper is not one)."""
    if r.bibtex_type == "article" and not r.authors and not r.organization:
        return "misc"
    return r.bibtex_type


def references_bibtex(refs: dict[str, Reference], citation: dict) -> str:
    """The references as a BibTeX file (UTF-8), one entry per note, keyed by the entry's id.
    Valid for biber's data model and BibTeX's standard styles: an entry nobody signs has a `key`
    (its title, as the References page sorts it) so that BibTeX can sort it."""
    work = work_in_a_note(citation["work"])
    out = [f"% The sources cited in {work}.",
           "% Generated from data/references.yml by the web edition; UTF-8.", ""]
    for r in sorted(refs.values(), key=lambda r: r.note):
        entry_type = bibtex_type(r)
        fields: list[tuple[str, Any]] = []
        if r.authors:
            fields.append(("author", _names(r.authors)))
        elif r.organization:
            fields.append(("author", Braced(r.organization)))
        else:
            fields.append(("key", r.title))
        fields.append(("title", r.title))
        if entry_type == "article":
            fields.append(("journal", r.container))
        elif entry_type == "techreport":
            fields.append(("institution", r.publisher or r.container))
            fields.append(("type", "Publication"))
        elif r.container or r.publisher:
            fields.append(("howpublished", r.container or r.publisher))
        fields.append(("year", r.date.year))
        if r.date.month:
            fields.append(("month", r.date.month))
        fields.append(("date", r.date.iso))
        fields.append(("url", r.url))
        fields.append(("note", f"Cited in note {r.note} of {work}. {r.archive_label}: {r.archive_url}"))
        out.append(bibtex_entry(entry_type, r.id, fields) + "\n")
    return "\n".join(out)


def cite_bibtex(citation: dict, key_suffix: str, url: str, note: str, pages: str = "") -> str:
    """The BibTeX of one Cite control: the brief as a @techreport, the place in `note`, and its
    page or pages of the PDF in `pages` ("3", "4--5"; none for the whole brief)."""
    w, e = citation["work"], citation["edition"]
    key = e["bibtex_key"] + (f"-{key_suffix}" if key_suffix else "")
    return bibtex_entry("techreport", key, [
        ("author", _names(w["authors"])), ("title", w["title"]), ("institution", w["publisher"]),
        ("address", w["place"]), ("type", w["genre"]), ("year", w["year"]), ("month", w["month"]),
        *([("pages", pages.replace("–", "--"))] if pages else []),
        ("url", url), ("note", note)])


def csl_json(refs: dict[str, Reference], citation: dict) -> str:
    """The references as CSL-JSON (what Zotero, Mendeley and pandoc import)."""
    work = work_in_a_note(citation["work"])
    items = []
    for r in sorted(refs.values(), key=lambda r: r.note):
        item: dict[str, Any] = {"id": r.id, "type": r.csl_type, "title": r.title}
        if r.authors:
            item["author"] = [{"family": a["family"], "given": a["given"]} for a in r.authors]
        elif r.organization:
            item["author"] = [{"literal": r.organization}]
        if r.container:
            item["container-title"] = r.container
        if r.publisher:
            item["publisher"] = r.publisher
        item["issued"] = {"date-parts": [r.date.csl()]}
        item["URL"] = r.url
        item["note"] = f"Cited in note {r.note} of {work}. {r.archive_label}: {r.archive_url}"
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def cff(data: dict) -> dict:
    """The CITATION.cff document: this edition, with the brief as its preferred citation."""
    work, edition = data["work"], data["edition"]
    authors = [{"family-names": a["family"], "given-names": a["given"]} for a in work["authors"]]
    abstract = " ".join(work["abstract"].split())
    return {
        "cff-version": "1.2.0",
        "message": (f"This repository is a {edition['label']} of a policy brief. Please cite the brief "
                    f"itself, as below, and give the URL of the {edition['label']} where you read it "
                    "(see the edition's page \"How to cite\")."),
        "title": edition["title"],
        "authors": [{"name": edition["editors"]}],
        "version": edition["version"],
        "date-released": edition["date"],
        "url": edition["url"],
        "abstract": abstract,
        "keywords": list(work["keywords"]),
        "preferred-citation": {
            "type": "report",
            "title": work["title"],
            "authors": authors,
            "institution": {"name": work["publisher"], "city": work["place"]},
            "collection-title": work["genre"],
            "year": work["year"],
            "month": work["month"],
            "languages": [{"en": "eng"}.get(work["language"], work["language"])],  # ISO 639-3
            "abstract": abstract,
        },
    }


def render_cff(data: dict) -> str:
    """CITATION.cff as text."""
    return CFF_HEADER + yaml.safe_dump(cff(data), sort_keys=False, allow_unicode=True, width=100)


def bibtex_note(citation: dict, target: dict) -> str:
    """The `note` of a Cite control's BibTeX: the edition, its version and date, and the place cited in it."""
    label = citation["edition"]["label"]
    note = f"{label[:1].upper()}{label[1:]}, {version_statement(citation['edition'])}"
    if target["kind"] != "brief":
        section = f"[{target['section']}]" if target["supplied"] else f"“{target['section']}”"
        note += f"; {section}"
    if target["para"]:
        note += f", para. {target['para']}"
    return note
