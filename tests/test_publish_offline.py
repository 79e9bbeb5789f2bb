"""The site needs no network: no external address in any page, script or style; every local
link resolves; the scripts parse (node --check) and, where Chromium is installed, the
explorer draws its chart from disk with networking disabled."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from publish_fixture import fixture_site  # noqa: F401  (fixture)

_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
_FETCH = re.compile(r"\b(fetch|XMLHttpRequest|importScripts|WebSocket)\s*\(|\bimport\s*\(|@import", re.I)
_LOCAL = re.compile(r"""(?:src|href)\s*=\s*"([^"#?]+)""", re.I)


def test_pages_scripts_and_styles_refer_to_nothing_outside_the_site(fixture_site):
    _, site, _ = fixture_site
    for path in list(site.rglob("*.html")) + list(site.rglob("*.js")) + list(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8")
        assert not _EXTERNAL.search(text), f"{path.name} refers to an external address"
        assert not _FETCH.search(text), f"{path.name} fetches at view time"
        if path.suffix == ".css":
            assert "url(http" not in text


def test_every_local_link_of_every_page_resolves(fixture_site):
    _, site, _ = fixture_site
    for page in site.rglob("*.html"):
        for target in _LOCAL.findall(page.read_text(encoding="utf-8")):
            if target.startswith(("mailto:", "data:")):
                continue
            assert (page.parent / target).resolve().is_file(), f"{page.relative_to(site)} -> {target}"


@pytest.mark.skipif(shutil.which("node") is None, reason="node not on PATH")
def test_javascript_assets_parse():
    from importlib import resources

    assets = resources.files("kansenmonitor.publish").joinpath("assets")
    for name in ("explorer.js",):
        with resources.as_file(assets.joinpath(name)) as path:
            result = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, result.stderr


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium")
def test_explorer_draws_chart_map_and_table_from_disk_without_network(fixture_site):
    _, site, _ = fixture_site
    page = (Path(site) / "verkenner" / "A04.html").resolve().as_uri()
    for query, expect in (("?tab=grafiek&model=beide", "km-chart"), ("?tab=kaart&kaartgroep=migration:nonwestern"
                                                                    "&kleur=verschil", "km-map"),
                          ("?tab=tabel&uitsplitsing=origin", "km-withheld")):
        dom = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                              "--disable-background-networking", "--proxy-server=127.0.0.1:9",
                              "--virtual-time-budget=3000", "--dump-dom", page + query],
                             capture_output=True, text=True, timeout=120).stdout
        assert expect in dom, query
