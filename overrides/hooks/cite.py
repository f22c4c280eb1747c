"""Make the brief citable: a permalink and a "Cite" control for it, each section and each paragraph.

From data/citation.yml (read and validated by scripts/citation.py) this hook
- puts, in the brief's HTML, a "Cite" control after the title block, one before each section
  heading (the heading has its own ¶ permalink from the toc extension), and a ¶ permalink with a
  "Cite" control before each paragraph of a section (overrides/partials/cite.html). They stand
  outside the author's paragraphs, so the paragraphs keep only the author's words, and the Markdown
  is never touched, so the fidelity check does not see them;
- fills the `<!-- md:cite-examples -->` marker of "How to cite" with worked examples;
- hands the metadata to the page templates as `config.extra.citation` (overrides/main.html puts it
  in the brief's <head>).
Bad metadata stops the build with the file and the field.
"""

from __future__ import annotations

import html
import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import citation  # noqa: E402

log = logging.getLogger("mkdocs.hooks.cite")

HOW_TO_CITE_URI = "how-to-cite.md"
MARKER_RE = re.compile(r"<!--\s*md:cite-examples\s*-->")
# The places "How to cite" uses as examples: a section and one of its paragraphs.
EXAMPLE_SECTION, EXAMPLE_PARAGRAPH = "the-security-agenda", "security-3"
# A section heading, or a paragraph with an id, in the HTML the Markdown became.
BLOCK_RE = re.compile(r'<h2\b[^>]*\bid="(?P<hid>[^"]+)"[^>]*>(?P<hbody>.*?)</h2>'
                      r'|<p\b[^>]*\bid="(?P<pid>[^"]+)"[^>]*>', re.S)
HEADERLINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
TAG_RE = re.compile(r"<[^>]+>")
PARA_NUMBER_RE = re.compile(r"-(\d+)$")

_state: dict = {}


def on_config(config):
    """Read the citation metadata once per build and share it with the templates."""
    try:
        data = citation.load()
    except citation.CitationError as exc:
        raise PluginError(str(exc)) from exc
    config.extra["citation"] = data
    _state.update(data=data, macros=None)
    return config


def _macros(config):
    if _state["macros"] is None:
        _state["macros"] = config.theme.get_env().get_template("partials/cite.html").module
    return _state["macros"]


def _context(page, files) -> dict:
    """The metadata, with the relative URL of "How to cite" from `page`."""
    how = files.get_file_from_path(HOW_TO_CITE_URI)
    if how is None:
        raise PluginError(f"overrides/hooks/cite.py: the Cite controls link to {HOW_TO_CITE_URI}, "
                          "which is missing from docs/")
    return {**_state["data"], "how_to_cite_url": get_relative_url(how.url, page.url)}


def _brief_url(config, files) -> str:
    """The absolute URL of the brief's page."""
    brief = files.get_file_from_path(_state["data"]["edition"]["page"])
    if brief is None:
        raise PluginError(f"data/citation.yml: `edition.page` names {_state['data']['edition']['page']}, "
                          "which is not a page of docs/")
    return config.site_url + brief.url


def _heading_text(body: str) -> str:
    """A heading's words: its ¶ link and the editors' markup removed."""
    return " ".join(html.unescape(TAG_RE.sub("", HEADERLINK_RE.sub("", body))).split())


def target(kind: str, url: str, tid: str = "", section: str = "", supplied: bool = False) -> dict:
    """What a citation points at: the brief, a section or a paragraph, and its exact URL."""
    m = PARA_NUMBER_RE.search(tid) if kind == "paragraph" else None
    return {"kind": kind, "id": tid, "url": f"{url}#{tid}" if tid else url, "section": section,
            "supplied": supplied, "para": m.group(1) if m else ""}


def on_page_markdown(markdown: str, page, config, files):
    """Fill the examples marker of "How to cite" (markers.py keeps it off every other page)."""
    if page.file.src_uri != HOW_TO_CITE_URI or not MARKER_RE.search(markdown):
        return None
    brief_md = Path(config.docs_dir, _state["data"]["edition"]["page"]).read_text(encoding="utf-8")
    m = re.search(rf"^##\s+(.+?)\s*\{{\s*#{EXAMPLE_SECTION}\s*\}}\s*$", brief_md, re.M)
    if m is None or not re.search(rf"\{{:[^}}\n]*#{EXAMPLE_PARAGRAPH}(?=[\s}}.])", brief_md):
        raise PluginError(f"overrides/hooks/cite.py: the examples of {HOW_TO_CITE_URI} cite "
                          f"#{EXAMPLE_SECTION} and #{EXAMPLE_PARAGRAPH}, which the brief no longer has")
    url, section = _brief_url(config, files), m.group(1)
    targets = [target("brief", url), target("section", url, EXAMPLE_SECTION, section),
               target("paragraph", url, EXAMPLE_PARAGRAPH, section)]
    rendered = str(_macros(config).examples(_context(page, files), targets))
    return MARKER_RE.sub(lambda _: rendered, markdown)


def on_page_content(content: str, page, config, files):
    """Insert the permalinks and Cite controls into the brief's HTML."""
    if page.file.src_uri != _state["data"]["edition"]["page"]:
        return None
    macros, ctx, url = _macros(config), _context(page, files), config.site_url + page.url
    out, pos, section, supplied, counts = [], 0, "", False, {"section": 0, "paragraph": 0}
    for m in BLOCK_RE.finditer(content):
        if m.group("hid"):
            if not section:  # the title block ends here: cite the whole brief
                out += [content[pos:m.start()], str(macros.brief_tools(ctx, target("brief", url))), "\n"]
                pos = m.start()
            section, supplied = _heading_text(m.group("hbody")), "ed-supplied" in m.group("hbody")
            tools = macros.section_tools(ctx, target("section", url, m.group("hid"), section, supplied))
            counts["section"] += 1
        elif section:
            tools = macros.paragraph_tools(ctx, target("paragraph", url, m.group("pid"), section, supplied))
            counts["paragraph"] += 1
        else:
            continue  # the title block: the brief's own Cite control covers it
        out += [content[pos:m.start()], str(tools), "\n"]
        pos = m.start()
    out.append(content[pos:])
    log.debug("cite: %d sections, %d paragraphs in %s", counts["section"], counts["paragraph"],
              page.file.src_path)
    return "".join(out)
