"""The engine's one HTML reader: built pages read with lxml (libxml2's HTML parser).

Every checker that reads a built page (edition.proof, edition.structure, edition.csp,
edition.registry) reads it here, as a browser would: unclosed elements closed, character
references decoded, the text of <script> and <style> left raw. Each element keeps the line its
start tag stands on (`sourceline`), so a checker's message can name it.

(edition.templates does not read pages: it turns the edition's own partials into Python-Markdown's
element tree with the standard library's parser, which tells a bare boolean attribute from an
empty one and refuses an unbalanced tag; see its docstring.)
"""

from __future__ import annotations

from typing import Iterator

import lxml.etree
import lxml.html

# Elements whose text a reader never reads as text: code and styles.
RAW_TEXT = {"script", "style"}


def page(text: str) -> lxml.html.HtmlElement:
    """A whole page (or a fragment of one) as its <html> element; an empty page as an empty one."""
    if not text.strip():
        return lxml.html.Element("html")
    return lxml.html.document_fromstring(text)


def elements(root) -> Iterator[lxml.html.HtmlElement]:
    """`root` and every element under it, in document order (comments and processing
    instructions are no elements)."""
    return root.iter(lxml.etree.Element)


def attrs(el) -> dict[str, str]:
    """An element's attributes (a bare attribute, like `hidden`, has the value "")."""
    return dict(el.attrib)


def classes(el) -> set[str]:
    """An element's classes."""
    return set((el.get("class") or "").split())


def inside(el, tag: str) -> bool:
    """Whether `el` stands inside a `tag` element (not counting itself)."""
    return any(a.tag == tag for a in el.iterancestors())


def children(el) -> Iterator[object]:
    """An element's content in order: its text, child elements and the text after each (the text
    of a comment is skipped, the text after it is not)."""
    if el.text and isinstance(el.tag, str):
        yield el.text
    for child in el:
        if isinstance(child.tag, str):
            yield child
        if child.tail:
            yield child.tail


def text_nodes(root, skip: set[str] = RAW_TEXT) -> Iterator[tuple[str, lxml.html.HtmlElement]]:
    """Every text node under `root` with the element that holds it, in document order; the text
    of `skip` elements (by default <script> and <style>) and of comments left out."""
    for el in elements(root):
        if el.tag in skip or any(a.tag in skip for a in el.iterancestors()):
            continue
        for part in children(el):
            if isinstance(part, str):
                yield part, el
