"""A static server that answers as GitHub Pages does, for the benchmarks: text, scripts and wasm
gzipped to a browser that accepts it (GitHub Pages compresses them; a benchmark of files sent
as they are charges the reader for bytes they never download), files that are already packed
(.gz, .zip, images) as they are, and each file with the MIME type GitHub Pages gives it."""
import gzip
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))
from support import SiteHandler  # noqa: E402

# Python's mimetypes varies with the version and the machine's /etc/mime.types: name them here.
MIME_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8", ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8", ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8", ".md": "text/markdown; charset=utf-8",
    ".py": "text/x-python; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
    ".ico": "image/x-icon", ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm", ".tar": "application/x-tar", ".gz": "application/gzip",
    ".zip": "application/zip", ".mpy": "application/octet-stream",
}
COMPRESSED_TYPES = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".md", ".py", ".svg",
                    ".wasm", ".tar", ".webmanifest")


class GzipHandler(SiteHandler):
    """Sends text, scripts, wasm and plain tars gzipped (Content-Encoding: gzip) to a browser
    that accepts it; everything else as it is."""
    _cache = {}

    def guess_type(self, path):
        return MIME_TYPES.get(os.path.splitext(str(path))[1].lower(), "application/octet-stream")

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        super().end_headers()

    def do_GET(self):
        path = self.translate_path(self.path.split("?", 1)[0].split("#", 1)[0])
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().do_GET()  # its redirect to the address with a slash
            path = os.path.join(path, "index.html")
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not os.path.isfile(path)
                or not path.endswith(COMPRESSED_TYPES)):
            return super().do_GET()
        if path not in self._cache:
            with open(path, "rb") as handle:
                self._cache[path] = gzip.compress(handle.read(), 6)
        body = self._cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
