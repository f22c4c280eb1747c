"""The edition's errors. Every message names the file, the entry and what is wrong."""

from __future__ import annotations


class EditionError(ValueError):
    """Bad input: the message names the file (and line or entry) and the problem."""


class NotationError(EditionError):
    """docs/brief.md breaks the notation; the message names file, line and mark."""


class DataError(EditionError):
    """A data file is malformed; the message names the file, the entry and what is wrong."""


class CitationError(EditionError):
    """data/citation.yml is missing a field or has a malformed one."""


class RegistryError(EditionError):
    """The URL registry or the id redirects are malformed."""


class MarkerError(EditionError):
    """A page's <!-- md:... --> markers are missing, unknown, doubled or misplaced."""
