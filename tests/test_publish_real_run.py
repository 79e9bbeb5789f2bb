"""The site builds from a real (small) run of the monitor on the synthetic register."""

from __future__ import annotations

import json

import pytest

from kansenmonitor.cli import main
from kansenmonitor.runner import RunConfig, run_monitor


@pytest.mark.slow
def test_publish_builds_the_site_of_a_real_run(tiny_register, tmp_path, capsys):
    cfg, _ = tiny_register
    out = tmp_path / "uitvoer"
    run_monitor(RunConfig(catalog=cfg.out / "catalog.toml", years=(2015, 2016), out=out, workers=1))
    assert main(["publish", str(out), "--out", str(tmp_path / "site")]) == 0
    assert "site:" in capsys.readouterr().out
    site = tmp_path / "site"
    manifest = json.loads((site / "site.json").read_text(encoding="utf-8"))
    assert {"A04", "A08", "A12"} <= set(manifest["indicators"])
    for name in ("index.html", "verkenner/A04.html", "data/A04.js", "downloads/A04.xlsx", "downloads/kubus/sdmx/data.csv",
                 "publicatie/arbeidsmarktpositie.html", "factsheet.pdf", "rapport.pdf"):
        assert (site / name).is_file(), name
    report = (site / "rapport.html").read_text(encoding="utf-8")
    assert "SPOLISBUS" in report and "Gebruikte bestanden" in report  # from the run manifest
