"""The engine's one CSS reader: a stylesheet's statements and a rule's declarations.

edition.assets prunes each page's inline stylesheet with it (keeping each kept rule's bytes as
written), and edition.staticstyle reads with it what every stylesheet a page ships does to the
brief's text. Quoted strings and comments are skipped whole, so a brace or a semicolon in them
splits nothing. It stays hand-written: tinycss2, tried, writes tokens back in its own form
(`:nth-child(1n+2)` as `1n/**/+2`), and a pruned stylesheet must keep its rules' bytes.
"""

from __future__ import annotations

import re
from typing import Iterator

from edition.errors import EditionError

COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)
SPECIAL_RE = re.compile(r"[\"'{};]|/\*")  # what statements() looks at; every other character is skipped
# A declaration ends at a semicolon outside parentheses (a data: URL's `;base64` is inside).
DECLARATION_END_RE = re.compile(r";(?![^(]*\))")


def statements(css: str, where: str, what: str = "stylesheet") -> Iterator[tuple[str, str | None]]:
    """The top-level statements of `css`: (prelude, body) for a block, (statement, None) for an
    at-rule ending in ';'. An unclosed string or block, or an unbalanced '}', is an EditionError
    naming `where` and `what` ("inline stylesheet")."""
    i, start, depth, open_at, n = 0, 0, 0, 0, len(css)
    while i < n:
        special = SPECIAL_RE.search(css, i)  # the next character that can matter
        if special is None:
            break
        i = special.start()
        c = css[i]
        if c in "\"'":
            end = css.find(c, i + 1)
            while end != -1 and css[end - 1] == "\\":
                end = css.find(c, end + 1)
            if end == -1:
                raise EditionError(f"{where}: an unclosed string in the {what}")
            i = end
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end == -1 else end + 1
        elif c == "{":
            if depth == 0:
                open_at = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                raise EditionError(f"{where}: an unbalanced '}}' in the {what}")
            if depth == 0:
                yield css[start:open_at].strip(), css[open_at + 1:i]
                start = i + 1
        elif c == ";" and depth == 0:
            yield css[start:i + 1].strip(), None
            start = i + 1
        i += 1
    if depth:
        raise EditionError(f"{where}: an unclosed '{{' in the {what}")
    if css[start:].strip():
        yield css[start:].strip(), None


def declarations(body: str) -> dict[str, str]:
    """A rule's declarations, property -> value (`!important` dropped; a property's name in lower
    case, a custom property's as written)."""
    out = {}
    for decl in DECLARATION_END_RE.split(body):
        if ":" in decl and "{" not in decl:
            prop, _, value = decl.partition(":")
            prop = prop.strip()
            out[prop if prop.startswith("--") else prop.lower()] = re.sub(r"\s*!important\s*$", "", value.strip(),
                                                                        flags=re.I)
    return out
