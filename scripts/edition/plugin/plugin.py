"""The edition's MkDocs plugin: everything a MkDocs build adds around the pages, in one place.

Everything a reader sees in the pages is rendered by the Markdown extension (edition.extension),
which needs no MkDocs; everything that only touches the built files is `edition postbuild`
(edition.postbuild), which any engine's output can be given. This plugin joins the two to a MkDocs
build. The build, in order:

    on_startup        `mkdocs serve` or a build (serve: live-reload scripts allowed, no staging)
    on_config         1. SOURCE_DATE_EPOCH (checked, or the commit's date: two builds are
                         identical) and SITE_URL checked
                      2. the edition loaded once (bad input stops the build, naming file and entry)
                      3. what the templates read: citation data, the og card, inline stylesheets
                         and scripts,
                         the SVG favicon as a data: URI; descriptions and authors escaped once
                      4. site_dir redirected to a staging folder beside it
    on_files          the bibliography downloads listed, so that MkDocs checks links to them
    on_page_markdown  the extension told the page; the head's values (edition.head) in page.meta;
                      its description and author escaped once
      (MkDocs renders each page with the extension: marks, apparatus, generated pages)
    on_post_build     last of all plugins: `edition postbuild` on the staging folder (downloads,
                      og card, scripts, Cite data, lazy search, sitemap dates, the proof, the CSP),
                      then, if MkDocs logged no warning, the staging folder moved to site_dir
    on_build_error    the staging folder removed: the previous site stays, or none

State is on the plugin, not in modules; every EditionError becomes one PluginError (_checked).
"""

from __future__ import annotations

import jinja2
import logging
import os
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

from edition import assets, dates, gitio, head, postbuild, sitemap
from edition.errors import EditionError
from edition.loader import Edition, load
from edition.plugin.config import EditionConfig

log = logging.getLogger("mkdocs.plugins.edition")

EXTENSION = "edition.extension"


@contextmanager
def _checked() -> Iterator[None]:
    """The one conversion: an EditionError (bad input, a failed proof) stops the build with its
    message, which names the file, the entry and the problem."""
    try:
        yield
    except EditionError as exc:
        raise PluginError(str(exc)) from exc


def commit_epoch(root: Path) -> str | None:
    """The committer date of HEAD in seconds since the epoch, or None outside a git checkout."""
    try:
        out = gitio.text(["log", "-1", "--format=%ct"], root)
    except gitio.GitError:
        return None
    return out if out.isdigit() else None


class EditionPlugin(BasePlugin[EditionConfig]):
    """The edition's build: load once, render with the extension, finish with `edition postbuild`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serve = False
        self.epoch: str | None = None  # the SOURCE_DATE_EPOCH this plugin set (serve follows commits)
        self.edition: Edition | None = None
        self.site_dir: Path | None = None  # where the checked site goes
        self.staging: Path | None = None  # where MkDocs writes it meanwhile
        self.warnings: CountHandler | None = None
        self.site: dict = {}  # site_name, site_description (as written), site_url, extra: for edition.head

    # ---- the build, in order --------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serve = command == "serve"

    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).resolve().parent
        with _checked():
            self._build_date(root)
            sitemap.check_site_url(config.site_url or "")  # SITE_URL: a one-line message
            self.edition = edition = load(root)
        if EXTENSION not in config.markdown_extensions:
            raise PluginError(f"mkdocs.yml: markdown_extensions must list {EXTENSION}: it renders the edition")
        config.mdx_configs.setdefault(EXTENSION, {})["root"] = str(root)  # the project this mkdocs.yml is in
        config.extra["citation"] = edition.citation
        config.extra["og_image"] = postbuild.og_card_meta(edition)
        self.site = {key: config[key] for key in ("site_name", "site_description", "site_url", "extra")}
        for key in ("site_description", "site_author"):
            if config[key]:
                config[key] = escape(config[key])
        if self.config.inline_css:
            with _checked():
                config.extra["inline_css"] = assets.inline_styles(Path(config.docs_dir), list(config.extra_css))
                config.extra["inline_css_cite_panel"] = assets.inline_styles(Path(config.docs_dir), [assets.CITE_PANEL_CSS])
            config.extra_css = []
        if self.config.inline_js:
            with _checked():
                config.extra["inline_js"] = assets.inline_scripts(Path(config.docs_dir), list(config.extra_javascript))
            config.extra_javascript = []
        favicon = config.theme.get("favicon")
        if self.config.inline_favicon and isinstance(favicon, str) and favicon.endswith(".svg") \
                and ":" not in favicon and not favicon.startswith("/"):
            with _checked():
                config.theme["favicon"] = assets.favicon_data_uri(Path(config.docs_dir), favicon)
        if self.config.lazy_search is None:
            self.config.lazy_search = config.theme.name == "material"
        if not self.serve:
            self._stage(config)
        log.debug("edition: %d interventions, %d places", len(edition.doc.interventions), len(edition.brief.places))
        return config

    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        for uri, body in postbuild.downloads(self.edition).items():
            files.append(File.generated(config, uri, content=body))
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """The extension is told which page it renders (MkDocs makes its Markdown for the page from
        mdx_configs next). Material's site_meta block writes the description and author into an
        attribute as they are: as escaped Markup they come out right there, and `| e` leaves them."""
        if self.config.enabled:
            config.mdx_configs[EXTENSION]["page"] = page.file.src_uri
            page.meta[head.KEY] = head.page_head(self.edition, page.file.src_uri, page.meta, self.site)
        for key in ("description", "author"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        return markdown

    def on_env(self, env, *, config, files):
        """Compiled templates kept between builds (Jinja's bytecode cache, in a folder of this
        user's under the system's temporary folder, keyed by each template's name and text): the
        theme's 50-odd templates are not compiled again at every build and rebuild."""
        if self.config.enabled:
            env.bytecode_cache = jinja2.FileSystemBytecodeCache()
        return env

    @event_priority(-100)  # after every other plugin has written its files (search, redirects)
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        with _checked():
            done = postbuild.run(Path(config.site_dir), self.edition, lazy_search=self.config.lazy_search,
                                 live_reload=self.serve)
        for line in done:
            log.debug("postbuild: %s", line)
        self._publish(config)

    def on_build_error(self, *, error: Exception) -> None:
        self._discard()

    # ---- helpers ----------------------------------------------------------------------------------

    def _build_date(self, root: Path) -> None:
        """SOURCE_DATE_EPOCH, unless whoever runs the build set it: the committer date of HEAD."""
        given = os.environ.get("SOURCE_DATE_EPOCH")
        dates.source_date_epoch(given)  # a value that is no number: a one-line message, not MkDocs' traceback
        if given and given != self.epoch:
            return
        self.epoch = commit_epoch(root)
        if self.epoch is None:
            log.info("edition: not a git checkout and no SOURCE_DATE_EPOCH: the build date is today's")
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = self.epoch

    def _stage(self, config) -> None:
        """MkDocs writes the site into a fresh folder beside site_dir (same file system: the move is
        a rename); warnings are counted, since strict mode fails the build only after post_build."""
        self.site_dir = Path(config.site_dir)
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}.staging-", dir=self.site_dir.parent))
        config.site_dir = str(self.staging)
        if config.strict:
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def _publish(self, config) -> None:
        """The checked site in place of the old one; nothing if MkDocs is about to fail the build."""
        if self.staging is None:
            return
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            if self.warnings.get_counts():
                return  # strict mode stops the build next; on_build_error discards the staging folder
        old = None
        if self.site_dir.exists():
            old = self.site_dir.with_name(f".{self.site_dir.name}.old-{uuid.uuid4().hex[:8]}")
            self.site_dir.rename(old)
        self.staging.rename(self.site_dir)
        config.site_dir = str(self.site_dir)
        self.staging = self.warnings = None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def _discard(self) -> None:
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
        self.staging = self.warnings = None
