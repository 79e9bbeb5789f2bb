"""``kansenmonitor serve SITE_DIR``: the built site on localhost, with Python's own http.server.

Only the loopback address is bound. Content types are set here rather than taken from the
operating system (Windows' registry sometimes maps ``.js`` to ``text/plain``).
"""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

from kansenmonitor.publish.run import PublishError

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".csv": "text/csv; charset=utf-8",
    ".pdf": "application/pdf", ".zip": "application/zip", ".parquet": "application/vnd.apache.parquet",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8", ".md": "text/markdown; charset=utf-8",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def log_message(self, format: str, *args: object) -> None:  # quiet: one line per request is noise here
        pass


def make_server(site: Path, port: int = 8000, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """A server for ``site`` on ``host:port`` (port 0: any free port)."""
    site = Path(site)
    if not (site / "index.html").is_file():
        raise PublishError(f"{site}: no index.html; build the site first with `kansenmonitor publish RUN_DIR --out {site}`")
    handler = functools.partial(_Handler, directory=str(site.resolve()))
    return http.server.ThreadingHTTPServer((host, port), handler)


def address(server: http.server.ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"


def serve(site: Path, port: int = 8000) -> int:
    server = make_server(site, port)
    print(f"site: {address(server)}  (stoppen: Ctrl+C)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
