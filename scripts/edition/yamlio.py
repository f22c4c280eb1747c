"""Reading YAML files into values, or into an error that names the file.

The data files are read by a strict loader (`DataLoader`): a key given twice in one mapping is an
error with its line (PyYAML would silently keep the last), and a value that looks like a date stays
the text it is, so that edition.dates checks it and names it (PyYAML would turn `1956-02-30` into a
traceback, `1956-02-03` into a date object no field asked for).

Reading is bounded and named: a file that is not UTF-8 is an error naming the byte offset and line
of the first bad byte (not a UnicodeDecodeError traceback), and YAML anchors and aliases (`&a`,
`*a`) are refused with the line of the first one, before anything is built from them: no data file
needs them, and a few lines of nested aliases (an "alias bomb") expand into billions of values that
every check downstream would walk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from edition.errors import EditionError


class AliasError(yaml.YAMLError):
    """A data file uses a YAML anchor or alias."""

    def __init__(self, what: str, name: str, line: int) -> None:
        super().__init__(f"line {line}: YAML {what} '{name}' (anchors and aliases are not allowed in "
                         "the data files: write each value out)")


def check_no_aliases(text: str) -> None:
    """Raise AliasError at the first anchor or alias of the YAML text (its events only: nothing is
    composed or constructed, so an alias bomb costs one pass over its few kilobytes)."""
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise AliasError("alias", f"*{event.anchor}", event.start_mark.line + 1)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise AliasError("anchor", f"&{anchor}", event.start_mark.line + 1)


def read_utf8(path: Path, shown: str, error: type[EditionError] = EditionError) -> str:
    """The file's text, or `error` naming the file, the byte offset and line of a byte that is not
    UTF-8 (or that the file is missing)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise error(f"{shown}: file not found") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start:exc.end].hex(" ").upper()
        raise error(f"{shown}: byte offset {exc.start} (line {line}): byte(s) 0x{bad} are not UTF-8 "
                    "(save the file as UTF-8)") from None


class DuplicateKeyError(yaml.YAMLError):
    """A mapping of a YAML file gives the same key twice."""

    def __init__(self, key: str, line: int, where: str) -> None:
        """The message: the line, the key and the mapping it is repeated in."""
        super().__init__(f"line {line}: duplicate key '{key}' in {where} (YAML would silently keep "
                         "the last value)")


def _item_name(node: Node, index: int) -> str:
    """A list item as messages name it: its `id` if it has one, else its position."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                return f"'{value.value}'"
    return f"#{index + 1}"


def check_duplicate_keys(node: Node | None, where: str = "", seen: set[int] | None = None) -> None:
    """Raise DuplicateKeyError for the first mapping (depth first) that repeats a key."""
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, MappingNode):
        keys: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if name is not None and name in keys:
                raise DuplicateKeyError(name, key.start_mark.line + 1, f"`{where}`" if where else "the top level")
            if name is not None:
                keys.add(name)
            check_duplicate_keys(value, f"{where} → {name}" if where else str(name), seen)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            check_duplicate_keys(item, f"{where} → {_item_name(item, i)}", seen)


# LibYAML's parser when PyYAML has it (its wheels do): the same values and marks, and the build's
# reading of the data files takes 0.02 s instead of 0.3 s.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataLoader(_SafeLoader):
    """SafeLoader that refuses duplicate keys and keeps date-like values as their text."""

    def construct_document(self, node: Node) -> Any:
        """The document's value, once no mapping in it repeats a key."""
        check_duplicate_keys(node)
        return super().construct_document(node)


DataLoader.add_constructor("tag:yaml.org,2002:timestamp",
                           lambda loader, node: loader.construct_scalar(node))


def read_yaml(path: Path, shown: str, error: type[EditionError] = EditionError) -> Any:
    """The parsed file (DataLoader), or `error` naming the file (missing, not valid YAML, a key twice)."""
    text = read_utf8(path, shown, error)
    try:
        check_no_aliases(text)
        return yaml.load(text, Loader=DataLoader)
    except (DuplicateKeyError, AliasError) as exc:
        raise error(f"{shown}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise error(f"{shown}: not valid YAML: {exc}") from exc


class _PlainLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its plain data: tags like !ENV and !relative become None."""


_PlainLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_plain(path: Path) -> Any:
    """A YAML file with application tags (mkdocs.yml's !ENV, !relative) read as None (its anchors
    and aliases are allowed: mkdocs.yml shares its site_url with the extension by one)."""
    shown = Path(path).name
    text = read_utf8(path, shown)
    try:
        return yaml.load(text, Loader=_PlainLoader) or {}
    except yaml.YAMLError as exc:
        raise EditionError(f"{shown}: not valid YAML: {exc}") from exc
