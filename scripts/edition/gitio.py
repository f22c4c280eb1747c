"""The engine's one way to run git: `git(args, cwd)`, its output, or one GitError naming the command.

Used for the build date (edition.plugin: HEAD's commit date), each page's date in the sitemap
(edition.sitemap) and the URL registry's history (edition.registry). Each caller says what a
failure means for it (a local build goes on, a CI build or the registry check stops), in its own
words, around GitError's.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from edition.errors import EditionError


class GitError(EditionError):
    """git did not run (`missing`: not on the PATH), or the command failed (`said`: git's message,
    or its exit status); the message names the command, the folder and what git said."""

    def __init__(self, message: str, missing: bool = False, said: str = ""):
        super().__init__(message)
        self.missing, self.said = missing, said


def git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """The output of `git args` run in `cwd` (paths as git prints them unquoted)."""
    command = "git " + " ".join(args)
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, input=stdin,
                              capture_output=True)
    except OSError as exc:
        raise GitError(f"`{command}` cannot run in {cwd}: git does not run ({exc})", missing=True) from exc
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip() or f"exit {done.returncode}"
        raise GitError(f"`{command}` failed in {cwd}: {said}", said=said)
    return done.stdout


def text(args: list[str], cwd: Path) -> str:
    """`git args`' output as text, without the white space around it."""
    return git(args, cwd).decode("utf-8", errors="replace").strip()
