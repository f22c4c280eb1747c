"""The authors' comments in docs/*.md stay in the sources: none reaches the built pages.

The pages carry HTML comments for their authors (what a page is for, what never to rename), and
Python-Markdown passes an HTML comment through as raw HTML, so each was shipped to every reader.
The edition's markers are comments too, but the extension has replaced them before this runs.
"""

from __future__ import annotations

import re

COMMENT_RE = re.compile(r"<!--.*?-->[ \t]*\n?", re.S)


def strip_comments(html: str) -> str:
    """`html` (a page's content) without its HTML comments."""
    return COMMENT_RE.sub("", html)


def comments_in(text: str) -> list[str]:
    """The HTML comments of `text` (a page's Markdown or HTML), each as written."""
    return [m.group(0).rstrip() for m in re.finditer(r"<!--.*?-->", text, re.S)]
