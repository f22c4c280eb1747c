"""Take the authors' HTML comments out of each page's content (the logic: scripts/edition/comments.py)."""

from edition.comments import strip_comments


def on_page_content(html, page, config, files):
    """The page's HTML without the comments its Markdown carried."""
    return strip_comments(html)
