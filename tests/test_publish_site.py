"""The site built from a fixture cube with withheld cells, a trend break and adjusted rows."""

from __future__ import annotations

import json
import re

from publish_fixture import fixture_site  # noqa: F401  (fixture)


def _data(site, indicator):
    text = (site / "data" / f"{indicator}.js").read_text(encoding="utf-8")
    return json.loads(re.search(r'KM\.data\["\w+"\]=(\{.*\});\s*$', text, re.S).group(1))


def test_every_indicator_of_the_cube_has_an_explorer_page_and_data(fixture_site):
    _, site, cube = fixture_site
    for indicator in sorted(cube["indicator"].unique()):
        page = (site / "verkenner" / f"{indicator}.html").read_text(encoding="utf-8")
        assert f'data-indicator="{indicator}"' in page
        assert f"data/{indicator}.js" in page
        assert _data(site, indicator)["id"] == indicator


def test_the_ra_only_audit_files_are_not_in_the_site(fixture_site):
    _, site, _ = fixture_site
    names = {p.name for p in site.rglob("*")}
    assert not names & {"audit.csv", "audit.parquet", "disclosure_audit.parquet"}


def test_withheld_rows_keep_their_reason_and_no_number(fixture_site):
    _, site, _ = fixture_site
    data = _data(site, "A04")
    f = {name: i for i, name in enumerate(data["fields"])}
    withheld = [r for r in data["rows"] if data["reasons"][r[f["reason"]]]]
    assert withheld
    assert {data["reasons"][r[f["reason"]]] for r in withheld} >= {"min_n", "secondary"}
    for r in withheld:
        assert [r[f[c]] for c in ("value", "ci_low", "ci_high", "se", "n")] == [None] * 5
    published = [r for r in data["rows"] if not data["reasons"][r[f["reason"]]]]
    assert all(r[f["ci_low"]] <= r[f["value"]] <= r[f["ci_high"]] for r in published)


def test_adjusted_rows_and_trend_breaks_reach_the_explorer(fixture_site):
    _, site, _ = fixture_site
    data = _data(site, "A04")
    assert {"adjusted": True, "method": "ps_weight"} in data["models"]
    assert {"adjusted": False, "method": ""} in data["models"]
    assert data["breaks"] == [{"flag": "break_contract_2017", "year": 2017,
                               "label": data["breaks"][0]["label"]}]
    assert data["years"] == [2015, 2016, 2017, 2018]
    assert ["migration", "region"] in data["breakdowns"]


def test_labels_give_dutch_text_for_codes_and_reasons(fixture_site):
    _, site, _ = fixture_site
    text = (site / "data" / "labels.js").read_text(encoding="utf-8")
    labels = json.loads(text.split("KM.labels=", 1)[1].rstrip().rstrip(";"))
    assert labels["symbol"] == "."
    assert labels["dimensions"]["migration"]["reference"] == "none"
    assert ["nonwestern", "Niet-westerse migratieachtergrond", "Non-western migration background"] in \
        labels["dimensions"]["migration"]["codes"]
    assert set(labels["reasons"]) >= {"min_n", "secondary", "dominance", "ebb_reliability"}


def test_the_map_has_the_35_labour_market_regions_and_the_credit(fixture_site):
    _, site, _ = fixture_site
    text = (site / "data" / "geo.js").read_text(encoding="utf-8")
    geo = json.loads(text.split("KM.geo=", 1)[1].rstrip().rstrip(";"))
    assert len(geo["amr"]) == 35 and len(geo["provincie"]) == 12
    assert all(re.fullmatch(r"AM\d\d", a["code"]) and a["d"].startswith("M") for a in geo["amr"])
    assert "CC BY 4.0" in geo["credit"]
