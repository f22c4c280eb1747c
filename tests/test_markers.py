"""overrides/hooks/markers.py: every <!-- md:name --> marker is known and stands on its own page."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

HOOK = Path(__file__).resolve().parent.parent / "overrides" / "hooks" / "markers.py"
spec = importlib.util.spec_from_file_location("markers_hook", HOOK)
markers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(markers)


def page(uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=uri, src_path=uri))


def test_known_markers_on_their_pages_pass():
    for name, uri in markers.MARKERS.items():
        assert markers.on_page_markdown(f"text\n<!-- md:{name} -->\n", page(uri), None, None) is None


def test_unknown_marker_stops_the_build():
    with pytest.raises(PluginError, match=r"timeline\.md: unknown marker <!-- md:timelines --> \(known: "):
        markers.on_page_markdown("<!-- md:timelines -->", page("timeline.md"), None, None)


def test_marker_on_the_wrong_page_stops_the_build():
    with pytest.raises(PluginError, match=r"brief\.md: the marker <!-- md:glossary --> belongs on glossary\.md only"):
        markers.on_page_markdown("<!-- md:glossary -->", page("brief.md"), None, None)
