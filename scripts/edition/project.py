"""Where a project's files are: one object, so that a copy of the project (a test's) is read whole."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SOURCE_NAME = "japan-russia-view-from-moscow.extracted.txt"
BRIEF_URI = "brief.md"


@dataclass(frozen=True)
class Project:
    """The files of one checkout (or copy) of the edition."""

    root: Path

    @classmethod
    def at(cls, root: str | Path | None = None) -> Project:
        """The project at `root`, or the one around the current directory."""
        if root is None:
            here = Path.cwd().resolve()
            root = next((d for d in (here, *here.parents) if (d / "mkdocs.yml").is_file()), here)
        return cls(Path(root).resolve())

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def brief(self) -> Path:
        return self.docs / BRIEF_URI

    @property
    def source(self) -> Path:
        return self.root / "source" / SOURCE_NAME

    @property
    def kinds(self) -> Path:
        return self.data / "interventions.yml"

    @property
    def citation(self) -> Path:
        return self.data / "citation.yml"

    @property
    def registry(self) -> Path:
        return self.data / "url-registry.yml"

    @property
    def id_redirects(self) -> Path:
        return self.data / "id-redirects.yml"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def partials(self) -> Path:
        return self.root / "overrides" / "partials"

    @property
    def cff(self) -> Path:
        return self.root / "CITATION.cff"

    def shown(self, path: str | Path) -> str:
        """A path as messages show it: relative to the project when it lies inside it."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
