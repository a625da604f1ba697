"""`klinik serve`: the built site over HTTP, gzip for text and the site's own 404 page."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys
from pathlib import Path

from generator.util.errors import GeneratorError
from generator.util.media_types import media_type

BEACONS, BEACON_LIMIT = ("/api/tayangan", "/api/pencarian-gagal"), 1024
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    """Compress a static file once per version: phones on slow data get text at a quarter of its size."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static handler: gzip for text files, and the site's own 404 page for unknown paths."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def guess_type(self, path):
        """By extension, except the files util/media_types names (the Atom feed is application/atom+xml)."""
        return media_type(Path(os.path.relpath(path, self.directory)).as_posix()) or super().guess_type(path)

    def do_POST(self):
        """The beacons (page views, failed searches) of a site built with `intake: /`: a static preview has no store,
        so it answers 204 and counts nothing."""
        if self.path.split("?", 1)[0] not in BEACONS:
            self.send_error(501, "hanya situs statis")
            return
        length = self.headers.get("Content-Length", "0")
        self.rfile.read(min(int(length) if length.isdigit() else 0, BEACON_LIMIT))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

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

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        """Log method, path and status only: never query strings or client addresses."""
        sys.stderr.write(f"{self.command} {self.path.split('?', 1)[0]} {args[1] if len(args) > 1 else ''}\n")


def serve_site(site_dir: Path, host: str, port: int) -> None:
    """Serve the built site over HTTP until interrupted."""
    if not (site_dir / "index.html").exists():
        raise GeneratorError(f"{site_dir}/index.html tidak ada: jalankan `klinik build` dulu")
    handler = functools.partial(_SiteHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        print(f"Situs Klinik PKP: http://{host}:{port}/", file=sys.stderr)
        server.serve_forever()
