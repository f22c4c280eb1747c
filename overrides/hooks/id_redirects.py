"""Keep renamed in-page ids working: an empty anchor with the old id where the new one is.

data/id-redirects.yml maps, per page (its source file), an old id to the id that replaced it. For
each entry this hook puts overrides/partials/id-redirects.html's anchor at the start of the element
with the new id, so that a link to #old lands on the new place, with or without JavaScript. An
entry whose page does not exist, whose new id is not on the page, or whose old id is still on it,
stops the build naming the file and the entry. scripts/url_registry.py accepts a registered id
as kept when such an anchor carries it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import url_registry  # noqa: E402

FILE = "data/id-redirects.yml"

_state: dict = {}


def on_config(config):
    """Read and check the file's form once per build."""
    try:
        _state["redirects"] = url_registry.load_id_redirects()
    except url_registry.RegistryError as exc:
        raise PluginError(str(exc)) from exc
    _state["macros"] = None
    return config


def on_files(files, config):
    """Every page named in the file exists."""
    for src in _state["redirects"]:
        if files.get_file_from_path(src) is None:
            raise PluginError(f"{FILE}: entry {src}: no such page in docs/")
    return files


def on_page_content(content: str, page, config, files):
    """Put an anchor with each old id at the start of the element with its new id."""
    pairs = _state["redirects"].get(page.file.src_uri)
    if not pairs:
        return None
    if _state["macros"] is None:
        _state["macros"] = config.theme.get_env().get_template("partials/id-redirects.html").module
    for old, new in pairs.items():
        if re.search(rf'\bid="{re.escape(old)}"', content):
            raise PluginError(f"{FILE}: {page.file.src_uri}: {old} → {new}: the page still has an "
                              f"element with id {old}; a redirect is for an id that is gone")
        opening = re.compile(rf'<[a-zA-Z][\w-]*\b[^>]*\bid="{re.escape(new)}"[^>]*>')
        anchor = str(_state["macros"].anchor(old, new))
        content, found = opening.subn(lambda m: m.group(0) + anchor, content, count=1)
        if not found:
            raise PluginError(f"{FILE}: {page.file.src_uri}: {old} → {new}: the page has no element "
                              f"with id {new}")
    return content
