"""Municipality, labour-market region and Randstad (report §7.2.4; cbs-sources.md §2, §21)."""

from __future__ import annotations

from kansenmonitor.frame.breakdowns import RANDSTAD_AMR
from kansenmonitor.frame.region import (amr_of_gemeente, choose_gem_column, gemeente_code, load_region_table,
                                        main_value_by_year, randstad)


def test_municipality_code_with_and_without_gm_prefix():
    assert gemeente_code(["0363", "GM0363", "gm0363", "363", 363]).tolist() == ["GM0363"] * 5


def test_missing_or_malformed_municipality_code_is_none():
    assert gemeente_code(["----", None, "GM03631", "Amsterdam"]).tolist() == [None] * 4


def test_amr_lookup_in_the_packaged_2023_table():
    table = load_region_table()
    assert amr_of_gemeente(["0363", "GM0599", "0193", "0014"], table).tolist() == ["AM18", "AM22", "AM36", "AM01"]


def test_municipality_not_in_the_region_table_has_no_region():
    assert amr_of_gemeente(["9999", None], load_region_table()).tolist() == [None, None]


def test_packaged_table_has_the_35_labour_market_regions():
    table = load_region_table()
    assert table["amr_code"].nunique() == 35
    assert RANDSTAD_AMR <= set(table["amr_code"])


def test_randstad_classification_of_regions():
    assert randstad(["AM18", "AM21", "AM15", "AM11", None], RANDSTAD_AMR).tolist() == \
        ["randstad", "randstad", "non_randstad", "non_randstad", None]


def test_gem_column_closest_to_the_target_year_ties_to_the_later():
    cols = ["RINOBJECTNUMMER", "gem2019", "GEM2021", "wc2021", "gem2023"]
    assert choose_gem_column(cols, 2023) == "gem2023"
    assert choose_gem_column(cols, 2020) == "GEM2021"
    assert choose_gem_column(cols, 2030) == "gem2023"


def test_municipality_with_most_days_in_the_year_summed_over_addresses():
    # Jan-Apr and Sep-Dec in GM0363 (242 days) beat May-Aug in GM0344 (123 days)
    main = main_value_by_year([1, 1, 1], ["2019-01-01", "2019-05-01", "2019-09-01"],
                              ["2019-04-30", "2019-08-31", None], ["GM0363", "GM0344", "GM0363"], [2019, 2020])
    assert main["value"].tolist() == ["GM0363", "GM0363"]
    assert main["days"].tolist() == [242, 366]


def test_address_without_municipality_competes_as_unknown():
    main = main_value_by_year([1, 1], ["2019-01-01", "2019-03-01"], ["2019-02-28", None], ["GM0363", None], [2019])
    assert main["value"].tolist() == [None]
