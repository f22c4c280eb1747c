"""Reading YAML files into values, or into an error that names the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from edition.errors import EditionError


def read_yaml(path: Path, shown: str, error: type[EditionError] = EditionError) -> Any:
    """The parsed file, or `error` naming the file (missing, or not valid YAML)."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise error(f"{shown}: file not found") from exc
    except yaml.YAMLError as exc:
        raise error(f"{shown}: not valid YAML: {exc}") from exc


class _PlainLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its plain data: tags like !ENV and !relative become None."""


_PlainLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_plain(path: Path) -> Any:
    """A YAML file with application tags (mkdocs.yml's !ENV, !relative) read as None."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_PlainLoader) or {}
