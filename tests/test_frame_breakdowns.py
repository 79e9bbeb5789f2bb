"""Breakdown registry (codes.parquet data) and crossing configuration (report §2.2; cube.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from kansenmonitor.frame.breakdowns import (DIMENSIONS, EXTENSION_CODES, CrossingConfig, codes_table, grouping_sets)
from kansenmonitor.frame.region import load_region_table

CUBE_MD = Path(__file__).resolve().parents[2] / "shared" / "spec" / "cube.md"
CUBE_COLUMNS = ("migration", "generation", "origin", "residence", "age", "sex", "education", "region", "asylum")


def cube_codes(column: str) -> list[str]:
    """The codes cube.md lists for a column (backticked, T excluded)."""
    for line in CUBE_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"| `{column}` |"):
            meaning = line.split("|")[3]
            return [c for c in re.findall(r"`([^`]+)`", meaning) if c != "T"]
    raise AssertionError(f"{column} not in cube.md")


@pytest.mark.parametrize("column", [c for c in CUBE_COLUMNS if c != "region"])
def test_dimension_codes_are_the_cube_codes_in_order_then_the_documented_extensions(column: str):
    assert list(DIMENSIONS[column].code_values) == cube_codes(column) + list(EXTENSION_CODES.get(column, ()))


def test_every_cube_breakdown_column_is_a_dimension():
    assert tuple(DIMENSIONS) == CUBE_COLUMNS


def test_codes_table_has_total_and_both_labels_for_every_code():
    table = codes_table(load_region_table())
    assert set(table["column"]) == set(CUBE_COLUMNS)
    totals = table[table["code"] == "T"]
    assert len(totals) == len(CUBE_COLUMNS) and (totals["sort_order"] == 0).all()
    assert table["label_nl"].str.len().gt(0).all() and table["label_en"].str.len().gt(0).all()
    assert not table.duplicated(["column", "code"]).any()


def test_region_codes_are_the_35_regions_plus_randstad_and_unknown():
    region = codes_table(load_region_table()).query("column == 'region' and code != 'T'")
    assert len(region) == 38
    assert region["code"].str.fullmatch(r"AM\d\d|randstad|non_randstad|unk").all()


def test_origin_codes_list_their_country_codes():
    table = codes_table()
    countries = dict(zip(table.loc[table["column"] == "origin", "code"], table.loc[table["column"] == "origin",
                                                                                     "countries"]))
    assert countries["TR"] == "6043"
    assert countries["ID"] == "6024;9030"
    assert set(countries["AN"].split(";")) == {"7011", "5095", "5106", "5107", "5108", "5109", "5110"}


def test_residual_origin_groups_list_countries_of_the_reference_file():
    land = pd.DataFrame({"LAND": ["9991", "9992", "6043"], "LANDTYPE": ["1", "2", "2"], "WERELDDEEL": ["3", "1", "3"]})
    table = codes_table(land_ref=land).query("column == 'origin'").set_index("code")
    assert table.loc["WO", "countries"] == "9991"
    assert table.loc["AFO", "countries"] == "9992"
    assert table.loc["TR", "countries"] == "6043"


def test_default_crossings_are_total_each_dimension_origin_by_five_and_migration_by_region():
    config = CrossingConfig.default()
    dims = [c.dimensions for c in config.crossings]
    assert dims[0] == ()
    assert [d for d in dims if len(d) == 1] == [(c,) for c in CUBE_COLUMNS]
    assert [d for d in dims if len(d) == 2] == [("origin", "generation"), ("origin", "age"), ("origin", "sex"),
                                               ("origin", "education"), ("origin", "residence"),
                                               ("migration", "region")]


def test_a_crossing_is_added_by_configuration(tmp_path: Path):
    toml = tmp_path / "crossings.toml"
    toml.write_text('single = ["sex"]\ncrossings = [["migration", "sex"], ["sex", "migration"]]\n')
    config = CrossingConfig.from_toml(toml)
    assert [c.dimensions for c in config.crossings] == [(), ("sex",), ("migration", "sex")]


def test_unknown_dimension_or_key_is_rejected():
    with pytest.raises(ValueError, match="unknown breakdown dimension"):
        CrossingConfig.from_dict({"crossings": [["origin", "religion"]]})
    with pytest.raises(ValueError, match="unknown crossing configuration key"):
        CrossingConfig.from_dict({"crosings": [["origin", "sex"]]})


def test_region_dimension_expands_to_region_and_randstad_grouping_sets():
    sets = grouping_sets(CrossingConfig.from_dict({"total": True, "single": ["region"],
                                                   "crossings": [["origin", "region"]]}))
    assert sets == [(), ("region",), ("region_randstad",), ("origin", "region"), ("origin", "region_randstad")]
