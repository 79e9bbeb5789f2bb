"""kansenmonitor serve: the built site over http on the loopback address."""

from __future__ import annotations

import threading
import urllib.request

import pytest
from publish_fixture import fixture_site  # noqa: F401  (fixture)

from kansenmonitor.publish.run import PublishError
from kansenmonitor.publish.serve import address, make_server


def test_serve_returns_pages_and_scripts_with_their_content_types(fixture_site):
    _, site, _ = fixture_site
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = address(server)
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base + "index.html", timeout=10) as r:
            assert r.headers["Content-Type"].startswith("text/html")
            assert "Monitor gelijke kansen" in r.read().decode("utf-8")
        with urllib.request.urlopen(base + "assets/explorer.js", timeout=10) as r:
            assert r.headers["Content-Type"].startswith("text/javascript")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_serve_refuses_a_folder_without_a_site(tmp_path):
    with pytest.raises(PublishError, match="build the site first"):
        make_server(tmp_path, port=0)
