"""Factsheet and technical report: HTML and PDF, generated from the run that made the figures."""

from __future__ import annotations

import json
import re
import zipfile

import pandas as pd
from publish_fixture import fixture_site  # noqa: F401  (fixture)
from publish_scan import texts

from kansenmonitor.publish.pages import e


def _pages(pdf_bytes: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf_bytes))


def test_factsheet_is_one_page_with_the_headline_gaps_of_the_latest_year(fixture_site):
    _, site, _ = fixture_site
    html = (site / "factsheet.html").read_text(encoding="utf-8")
    assert "Factsheet Monitor gelijke kansen 2018" in html
    assert "Percentage met vast contract" in html and "Uurloon" in html
    statements = json.loads((site / "data" / "statements.json").read_text(encoding="utf-8"))
    gap_2018 = next(s for s in statements if s["indicator"] == "A04" and s["figures"][0]["year"] == 2018
                    and len(s["figures"]) == 2 and not s["figures"][0]["adjusted"])
    assert gap_2018["text"].replace("'", "&#x27;") in html
    pdf = (site / "factsheet.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and _pages(pdf) == 1
    text = "".join(t for _, t in texts(site / "factsheet.pdf"))
    assert "Percentage met vast contract" in text


def test_report_lists_every_registry_indicator_with_its_definition_and_paragraph(fixture_site):
    run_dir, site, _ = fixture_site
    html = (site / "rapport.html").read_text(encoding="utf-8")
    registry = pd.read_parquet(run_dir / "indicators.parquet")
    for row in registry.itertuples(index=False):
        assert f'id="{row.indicator}"' in html
        assert row.paragraph in html
        assert e(row.definition_nl) in html and e(row.definition_en) in html


def test_downloads_carry_the_dutch_definition_beside_the_english_one(fixture_site):
    run_dir, site, _ = fixture_site
    row = pd.read_parquet(run_dir / "indicators.parquet").set_index("indicator").loc["A04"]
    with zipfile.ZipFile(site / "downloads" / "A04.zip") as z:
        meta = json.loads(z.read("metadata.json"))
        readme = z.read("README.txt").decode("utf-8")
    assert meta["definitie"] == row.definition_nl and meta["definitie_en"] == row.definition_en
    assert row.definition_nl in readme and row.definition_en in readme


def test_report_states_the_rules_and_the_withheld_counts_of_the_gate(fixture_site):
    run_dir, site, _ = fixture_site
    gate = json.loads((run_dir / "gate.json").read_text(encoding="utf-8"))
    html = (site / "rapport.html").read_text(encoding="utf-8")
    assert f"{gate['rules']['min_n']} per cijfer" in html
    for reason, n in gate["suppressed_by_reason"].items():
        assert re.search(rf"<td>{reason}</td><td>[^<]*</td><td>{n}</td>", html), reason
    assert gate["files"]["cube.parquet"]["sha256"] in html
    pdf = (site / "rapport.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and _pages(pdf) > 3
    assert "Outputcontrole" in "".join(t for _, t in texts(site / "rapport.pdf"))


def test_report_keeps_run_log_person_counts_out(fixture_site):
    _, site, _ = fixture_site
    html = (site / "rapport.html").read_text(encoding="utf-8")
    assert "frame_exclusions" not in html and "indicator_populations" not in html
