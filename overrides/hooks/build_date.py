"""Fix the build date to the date of the commit being built, so that two builds are byte-identical.

MkDocs stamps the build date into sitemap.xml (<lastmod>) and into the gzip header of
sitemap.xml.gz, and takes it from SOURCE_DATE_EPOCH when that is set. This hook sets it, when the
environment has not, to the committer date of HEAD (`git log -1 --format=%ct`): two builds of one
commit, on any day and in any folder, then write the same bytes. Outside a git checkout it leaves
the date alone and says so.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition.dates import source_date_epoch
from edition.errors import EditionError

log = logging.getLogger("mkdocs.hooks.build_date")

_ours: dict = {}  # the value this hook set, so that `mkdocs serve` follows new commits


def commit_epoch(root: Path) -> str | None:
    """The committer date of HEAD in seconds since the epoch, or None outside a git checkout."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                             text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return out if out.isdigit() else None


def on_config(config):
    """Set SOURCE_DATE_EPOCH before any page gets its date."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        source_date_epoch(given)  # MkDocs would end in a traceback on a value that is not a number
    except EditionError as exc:
        raise PluginError(str(exc)) from None
    if given and given != _ours.get("epoch"):
        return config  # set by whoever runs the build: theirs wins
    epoch = commit_epoch(Path(config.config_file_path).parent)
    if epoch is None:
        log.info("build_date: not a git checkout and no SOURCE_DATE_EPOCH: the build date is today's")
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = _ours["epoch"] = epoch
    return config
