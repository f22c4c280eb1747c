"""The Jinja partials of overrides/partials/, rendered into element-tree fragments.

HTML lives in the templates (one macro file per partial); the Markdown extension puts what they
render into the page's element tree, so that later tree processors (the table of contents, MkDocs'
link rewriting and anchor validation) see it like any other content. fragment() reads HTML with the
standard library's parser: boolean attributes and void elements are fine, unbalanced tags are not.
It reads the edition's own partials, not built pages (edition.htmlread, lxml, reads those): lxml
would read a bare `open` and an empty `value=""` alike, which Python-Markdown's serializer writes
differently (`open`, `value=""`), and would mend an unbalanced tag that this names and refuses.
"""

from __future__ import annotations

import html

import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from pathlib import Path

import jinja2
from markdown.util import AtomicString

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def tooltip_title(text: str) -> str:
    """Data text as the value of a `title` attribute that stays text when Material's
    content.tooltips moves it into its tooltip as HTML (innerHTML).

    The value is the text HTML-escaped twice: Python-Markdown's serializer leaves an `&` that starts
    an entity as it is, so the page holds the text escaped twice, the browser's attribute holds it
    escaped once, and Material's innerHTML shows exactly the text (`<meta …>` as those characters).
    A gloss without `&`, `<` or `>` (every one today) is unchanged. Used for every title the edition
    writes from data (the glossary's <abbr>)."""
    return html.escape(html.escape(str(text), quote=False), quote=False)


class Templates:
    """The partials of one project, each loaded once (and again when its file changes)."""

    def __init__(self, overrides: Path):
        # Autoescape: every value printed into HTML (text or attribute) is escaped; the templates'
        # own markup and their macros' output are not escaped again.
        # The bytecode cache (a folder of this user's under the system's temporary folder, keyed by
        # each template's path and checked against its text) spares a new process compiling them.
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(overrides)), auto_reload=True,
                                      undefined=jinja2.StrictUndefined, autoescape=True,
                                      bytecode_cache=jinja2.FileSystemBytecodeCache())
        self.env.filters["tooltip"] = tooltip_title  # `title="{{ text|tooltip }}"`: see tooltip_title
        self._modules: dict[str, object] = {}

    def macros(self, name: str):
        """The macros of partials/<name>.html."""
        template = self.env.get_template(f"partials/{name}.html")
        key = (name, id(template))
        if key not in self._modules:
            self._modules[key] = template.module
        return self._modules[key]

    def render(self, name: str, macro: str, *args) -> str:
        """One macro of one partial, as HTML."""
        return str(getattr(self.macros(name), macro)(*args))


class _Builder(HTMLParser):
    """HTML to element tree: every start tag an element, text as AtomicString (never re-parsed)."""

    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.root = etree.Element("div")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        el = etree.SubElement(self.stack[-1], tag, {k: (k if v is None else v) for k, v in attrs})
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        etree.SubElement(self.stack[-1], tag, {k: (k if v is None else v) for k, v in attrs})

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            raise ValueError(f"{self.where}: </{tag}> closes <{self.stack[-1].tag}>")
        self.stack.pop()

    def handle_data(self, data):
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = AtomicString((parent[-1].tail or "") + data)
        else:
            parent.text = AtomicString((parent.text or "") + data)


def fragment(html: str, where: str) -> etree.Element:
    """`html` parsed into the children (and text) of a <div> that is not itself output."""
    builder = _Builder(where)
    builder.feed(html)
    builder.close()
    if len(builder.stack) != 1:
        raise ValueError(f"{where}: <{builder.stack[-1].tag}> is never closed")
    return builder.root
