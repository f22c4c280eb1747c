"""Serve a built site over real HTTP on 127.0.0.1, the way GitHub Pages serves a project site.

GitHub Pages serves a project site under /<repo>/ and answers a missing path with the site's
404.html (status 404). serve_site does the same, for the tests and the benchmark.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

SUBPATH = "/japan-russia-view-from-moscow/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix` only; anything else gets the site's 404 page."""

    prefix = "/"

    def log_message(self, *args):  # keep test output quiet
        pass

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_subpath__")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve_site(directory: Path, prefix: str = SUBPATH):
    """Serve `directory` at http://127.0.0.1:<free port><prefix>; yields that base URL."""
    handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
