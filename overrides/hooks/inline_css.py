"""Put the site's own stylesheets into every page's <head> instead of linking them.

The stylesheets of `extra_css` in mkdocs.yml are small, and each <link> to one is a request that
holds back the first paint; so is the theme's small palette stylesheet. This hook takes them out of `extra_css` (so the theme links none),
reads them from docs/ in their listed order, minifies them with rcssmin, and hands the
result to overrides/main.html as `config.extra.inline_css`, which writes it in a <style> where the
theme would have linked them (after its own stylesheets, so the cascade is unchanged). The files
stay in docs/ and are still copied to the site. The palette stylesheet, read from the theme, is
handed over as `config.extra.inline_palette` and written in place of its <link>.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import rcssmin
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.inline_css")

def minify(css: str) -> str:
    """`css` minified by rcssmin (comments dropped, needless whitespace removed)."""
    # "{--" opens a custom property, but the build's checks read it as raw CriticMarkup: keep a space.
    return rcssmin.cssmin(css).replace("{--", "{ --")


COLOUR_RE = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")


def only_colours(css: str, used: set[str]) -> str:
    """`css` (minified, no braces in strings) without the rules for primary and accent colours
    other than `used`: the palette stylesheet has rules for all of the theme's ~20 colours."""
    out, pos = [], 0
    while pos < len(css):
        start = css.find("{", pos)
        if start < 0:
            out.append(css[pos:])
            break
        depth, end = 1, start + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        prelude, body = css[pos:start], css[start + 1:end - 1]
        pos = end
        if prelude.startswith("@"):
            body = only_colours(body, used) if "{" in body else body
            if body:
                out.append(f"{prelude}{{{body}}}")
            continue
        selectors = [sel for sel in prelude.split(",")
                     if all(colour in used for colour in COLOUR_RE.findall(sel))]
        if selectors:
            out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


def on_config(config):
    """Read and minify the extra_css files; the theme then links none of them."""
    parts = []
    for path in config.extra_css:
        source = Path(config.docs_dir, str(path))
        if not source.is_file():
            raise PluginError(f"overrides/hooks/inline_css.py: extra_css lists {path}, which is not "
                              f"a file of {config.docs_dir}")
        css = source.read_text(encoding="utf-8")
        if "</" in css:
            raise PluginError(f"{source}: '</' would end the inline <style> early")
        if re.search(r"url\(\s*['\"]?(?!data:|https?:|#)", css):
            raise PluginError(f"{source}: a relative url() would point elsewhere once inlined")
        parts.append(minify(css))
    config.extra["inline_css"] = "\n".join(parts)
    # The theme's palette stylesheet (the two colour schemes, 2 kB compressed) is render-blocking
    # too: overrides/main.html writes it in place of its <link>.
    palettes = sorted({p.name: p for d in config.theme.dirs
                       for p in Path(d, "assets", "stylesheets").glob("palette.*.min.css")}.values())
    if len(palettes) != 1:
        raise PluginError("overrides/hooks/inline_css.py: expected one assets/stylesheets/palette.*.min.css "
                          f"in the theme, found {[p.name for p in palettes]}: has Material changed?")
    palette = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", palettes[0].read_text(encoding="utf-8")).strip()
    used = {str(entry.get(key, "indigo")).lower().replace(" ", "-")
            for entry in (config.theme["palette"] or []) for key in ("primary", "accent")}
    palette = only_colours(palette, used).replace("{--", "{ --")  # "{ --": see minify()
    config.extra["inline_palette"] = {"href": f"assets/stylesheets/{palettes[0].name}", "css": palette}
    log.debug("inline_css: %d stylesheets, %d characters", len(parts), len(config.extra["inline_css"]))
    config.extra_css = []
    return config
