"""The site built from a fixture cube with withheld cells, a trend break and adjusted rows."""

from __future__ import annotations

import json
import re

from publish_fixture import fixture_site  # noqa: F401  (fixture)

from kansenmonitor.indicators.registry import INDICATORS
from kansenmonitor.publish.data import indicator_metas
from kansenmonitor.publish.pages import e, explorer_page
from kansenmonitor.runner import indicators_table


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


def test_explorer_shows_the_dutch_definition_with_the_english_one_below(fixture_site):
    _, site, _ = fixture_site
    ind = INDICATORS["A04"]
    page = (site / "verkenner" / "A04.html").read_text(encoding="utf-8")
    assert f"<dd>{e(ind.definition_nl)}</dd>" in page
    assert f'<dd lang="en" class="km-muted">{e(ind.definition_en)}</dd>' in page
    data = _data(site, "A04")
    assert data["definition"] == ind.definition_nl and data["definition_en"] == ind.definition_en


def test_variant_labels_on_the_pages_are_dutch():
    metas = indicator_metas(indicators_table())
    assert metas["A27"].variant_label("") == "ongeacht welk werk"
    assert metas["A07"].variant_label("paid") == "verloonde uren"
    assert metas["A38"].variant_label("ww_1m") == "na WW, de maand erna"
    assert metas["A04"].variant_label("") == "totaal"
    page = explorer_page(metas["A07"])
    assert "<li><code>paid_zero_hours</code> verloonde uren, nulurencontracten</li>" in page
    assert "paid hours, zero-hours contracts" not in page


def test_a_run_folder_without_dutch_definitions_shows_the_english_ones():
    older = indicators_table().drop(columns=["definition_nl", "variants_nl"])
    meta = indicator_metas(older)["A27"]
    assert meta.definition_nl == meta.definition_en and not meta.dutch_definition
    assert meta.variant_label("same_job") == "the same job (same IKVID)"
    page = explorer_page(meta)
    assert page.count(e(meta.definition_en)) == 1 and f'<dd lang="en">{e(meta.definition_en)}</dd>' in page
