"""Additive cell statistics and their GROUPING SETS roll-up (indicators/cells.py)."""

from __future__ import annotations

import itertools

import duckdb
import numpy as np
import pandas as pd
import pytest

from kansenmonitor.cube import DIMENSIONS, TOTAL, validate_cube
from kansenmonitor.indicators.cells import (
    Z95,
    merge_cells,
    person_cells_sql,
    rollup,
    split_rollup,
    wilson_interval,
)

BY = ["origin", "sex", "education"]
GROUPING_SETS = [("origin",), ("sex",), ("education",), ("origin", "sex"), ("origin", "education")]


def _persons(seed: int = 7, n: int = 1500) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    origin = rng.choice(["NL", "TR", "MA", "SO"], n, p=[0.6, 0.2, 0.15, 0.05])
    return pd.DataFrame({
        "indicator": np.where(rng.random(n) < 0.5, "A04", "A05"),
        "variant": "",
        "year": rng.choice([2021, 2022], n),
        "origin": origin,
        "sex": rng.choice(["M", "F"], n),
        "education": rng.choice(["low", "mid", "high", "unk"], n),
        "share_y": rng.integers(0, 2, n).astype(float),
        "mean_y": np.round(rng.lognormal(3.0, 0.6, n), 2) - 5.0,  # some negative contributions
        "wt": rng.uniform(50.0, 900.0, n),
    })


def _cells(con, persons: pd.DataFrame, kind: str, weighted: bool) -> pd.DataFrame:
    con.register("persons", persons)
    sql = person_cells_sql("persons", y=f"{kind}_y", kind=kind, by=BY,
                           weight="wt" if weighted else None)
    return con.sql(sql).df()


def _direct(persons: pd.DataFrame, kind: str, weighted: bool) -> pd.DataFrame:
    """Every grouping set computed straight from the persons with pandas."""
    rows = []
    for gs in [(), *GROUPING_SETS]:
        keys = ["indicator", "variant", "year", *gs]
        for key, g in persons.groupby(keys):
            y = g[f"{kind}_y"].to_numpy()
            w = g["wt"].to_numpy() if weighted else np.ones(len(g))
            n, big_w = len(g), w.sum()
            r = (w * y).sum() / big_w
            if weighted:
                se = np.sqrt(n / (n - 1) * ((w * (y - r)) ** 2).sum()) / big_w
            elif kind == "share":
                se = np.sqrt(r * (1 - r) / n)
            else:
                se = np.std(y, ddof=1) / np.sqrt(n)
            contrib = np.abs(w * y)
            row = dict(zip(keys, key))
            row.update({d: row.get(d, TOTAL) for d in DIMENSIONS})
            row.update({"statistic": kind, "value": r, "se": se, "n": n, "n_weighted": big_w,
                        "n_y": int((y != 0).sum()), "max_share": contrib.max() / contrib.sum()})
            if kind == "mean":
                row.update({"ci_low": r - Z95 * se, "ci_high": r + Z95 * se})
            else:  # Wilson, with the design-effect-adjusted size when weighted
                if not weighted:
                    m = n
                elif 0 < r < 1:
                    m = r * (1 - r) / se ** 2
                else:  # no variance to adjust by: Kish's effective size
                    m = big_w ** 2 / (w ** 2).sum()
                half = Z95 * np.sqrt(r * (1 - r) / m + Z95 ** 2 / (4 * m * m))
                centre = r + Z95 ** 2 / (2 * m)
                row.update({"ci_low": max(0.0, (centre - half) / (1 + Z95 ** 2 / m)),
                            "ci_high": min(1.0, (centre + half) / (1 + Z95 ** 2 / m))})
            rows.append(row)
    return pd.DataFrame(rows)


def _compare(rolled: pd.DataFrame, direct: pd.DataFrame) -> None:
    keys = ["indicator", "variant", "year", *DIMENSIONS]
    merged = rolled.merge(direct, on=keys, how="outer", suffixes=("", "_direct"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged.loc[merged["_merge"] != "both", keys]
    assert len(rolled) == len(direct)
    np.testing.assert_array_equal(merged["n"].astype(int), merged["n_direct"].astype(int))
    np.testing.assert_array_equal(merged["n_y"].astype(int), merged["n_y_direct"].astype(int))
    for c in ["value", "se", "ci_low", "ci_high", "n_weighted", "max_share"]:
        np.testing.assert_allclose(merged[c].astype(float), merged[f"{c}_direct"].astype(float),
                                   rtol=1e-9, atol=1e-12, err_msg=c)


@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("kind", ["share", "mean"])
def test_rollup_equals_a_direct_groupby_for_every_grouping_set(kind, weighted):
    persons = _persons()
    con = duckdb.connect()
    rolled = rollup(con, _cells(con, persons, kind, weighted), GROUPING_SETS)
    _compare(rolled, _direct(persons, kind, weighted))
    cube, _ = split_rollup(rolled)
    assert validate_cube(cube) == []


def test_cells_merged_from_two_buckets_equal_one_pass():
    persons = _persons(seed=11)
    con = duckdb.connect()
    bucket = np.arange(len(persons)) % 2
    one_pass = _cells(con, persons, "mean", True)
    parts = [_cells(con, persons[bucket == b].reset_index(drop=True), "mean", True) for b in (0, 1)]
    merged = merge_cells(parts)
    keys = ["indicator", "variant", "year", *BY, "kind"]
    expected = one_pass.sort_values(keys).reset_index(drop=True)[merged.columns]
    pd.testing.assert_frame_equal(merged.reset_index(drop=True), expected, check_dtype=False,
                                  rtol=1e-12)
    rolled_parts = rollup(con, pd.concat(parts, ignore_index=True), GROUPING_SETS)
    rolled_once = rollup(con, one_pass, GROUPING_SETS)
    pd.testing.assert_frame_equal(rolled_parts, rolled_once, rtol=1e-12)


def test_rollup_fills_ungrouped_and_absent_dimensions_with_the_total_code():
    persons = _persons()
    con = duckdb.connect()
    rolled = rollup(con, _cells(con, persons, "share", False), [("sex",)])
    assert set(rolled["origin"]) == {TOTAL} and set(rolled["region"]) == {TOTAL}
    per_year = rolled.groupby(["indicator", "year"])
    assert per_year.size().eq(3).all()  # total, M, F
    totals = rolled[rolled["sex"] == TOTAL]
    assert totals["n"].sum() == len(persons)


def test_rollup_always_includes_the_overall_total_and_deduplicates_sets():
    persons = _persons()
    con = duckdb.connect()
    rolled = rollup(con, _cells(con, persons, "share", False), [("origin", "sex"), ("sex", "origin")])
    grand = rolled[(rolled[list(DIMENSIONS)] == TOTAL).all(axis=1)]
    assert len(grand) == 4  # 2 indicators × 2 years
    assert not rolled.duplicated(["indicator", "year", *DIMENSIONS]).any()


def test_rollup_rejects_finest_cells_coded_as_total():
    persons = _persons()
    persons.loc[0, "origin"] = TOTAL
    con = duckdb.connect()
    with pytest.raises(ValueError, match="not finest codes"):
        rollup(con, _cells(con, persons, "share", False), [("origin",)])


def test_rollup_rejects_a_grouping_set_on_a_dimension_the_cells_lack():
    persons = _persons()
    con = duckdb.connect()
    with pytest.raises(ValueError, match="has no column"):
        rollup(con, _cells(con, persons, "share", False), [("residence",)])


def test_rollup_rejects_share_cells_with_outcomes_outside_zero_to_one():
    persons = _persons()
    persons["share_y"] = persons["share_y"] * 2
    con = duckdb.connect()
    with pytest.raises(ValueError, match="inconsistent sums"):
        rollup(con, _cells(con, persons, "share", False), [("origin",)])


@pytest.mark.parametrize("k, n, low, high", [
    (50, 100, 0.4038315303659956, 0.5961684696340044),
    (3, 17, 0.061911266376209945, 0.4102945856883412),
    (0, 10, 0.0, 0.27753279986288926),
    (10, 10, 0.7224672001371109, 1.0),
])
def test_wilson_interval_matches_reference_values_including_zero_and_n(k, n, low, high):
    lo, hi = wilson_interval(np.array([k / n]), np.array([float(n)]))
    assert lo[0] == pytest.approx(low, abs=1e-12)
    assert hi[0] == pytest.approx(high, abs=1e-12)
    assert lo[0] <= k / n <= hi[0]


def test_wilson_interval_is_exactly_zero_or_one_at_the_edges_and_null_without_persons():
    lo, hi = wilson_interval(np.array([0.0, 1.0, 0.5]), np.array([7.0, 7.0, 0.0]))
    assert lo[0] == 0.0 and hi[1] == 1.0
    assert np.isnan(lo[2]) and np.isnan(hi[2])


def test_shares_of_zero_and_one_get_a_wilson_interval_inside_the_unit_interval():
    persons = pd.DataFrame({"indicator": "A04", "variant": "", "year": 2022,
                            "origin": ["NL"] * 12 + ["TR"] * 12,
                            "share_y": [0.0] * 12 + [1.0] * 12})
    con = duckdb.connect()
    con.register("persons", persons)
    cells = con.sql(person_cells_sql("persons", y="share_y", kind="share", by=["origin"])).df()
    rolled = rollup(con, cells, [("origin",)]).set_index("origin")
    z2 = Z95 ** 2
    assert rolled.loc["NL", ["value", "se", "ci_low"]].tolist() == [0.0, 0.0, 0.0]
    assert rolled.loc["NL", "ci_high"] == pytest.approx(z2 / (12 + z2))
    assert rolled.loc["TR", ["value", "ci_high"]].tolist() == [1.0, 1.0]
    assert rolled.loc["TR", "ci_low"] == pytest.approx(12 / (12 + z2))


def test_persons_with_a_null_outcome_are_outside_the_cells():
    persons = pd.DataFrame({"indicator": "A08", "variant": "", "year": 2022, "sex": ["M", "M", "F"],
                            "mean_y": [10.0, None, 30.0]})
    con = duckdb.connect()
    con.register("persons", persons)
    cells = con.sql(person_cells_sql("persons", y="mean_y", kind="mean", by=["sex"])).df()
    assert cells["n"].sum() == 2


def test_every_listed_combination_of_two_dimensions_can_be_rolled_up():
    persons = _persons()
    con = duckdb.connect()
    sets = list(itertools.combinations(BY, 1)) + list(itertools.combinations(BY, 2))
    rolled = rollup(con, _cells(con, persons, "share", False), sets)
    levels = rolled[BY].ne(TOTAL).apply(lambda r: tuple(c for c in BY if r[c]), axis=1)
    assert set(levels) == {(), *sets}


def test_the_randstad_class_fills_the_region_column_beside_the_labour_market_regions():
    persons = pd.DataFrame({"indicator": "A04", "variant": "", "year": 2022,
                            "region": ["AM18", "AM18", "AM22", "AM01", "AM01", "AM38"],
                            "region_randstad": ["randstad"] * 3 + ["non_randstad"] * 3,
                            "share_y": [1.0, 0.0, 1.0, 0.0, 0.0, 1.0]})
    con = duckdb.connect()
    con.register("persons", persons)
    cells = con.sql(person_cells_sql("persons", y="share_y", kind="share",
                                     by=["region", "region_randstad"])).df()
    rolled = rollup(con, cells, [("region",), ("region_randstad",)]).set_index("region")
    assert sorted(rolled.index) == ["AM01", "AM18", "AM22", "AM38", "T", "non_randstad", "randstad"]
    assert rolled.loc["randstad", "n"] == 3 and rolled.loc["randstad", "value"] == pytest.approx(2 / 3)
    assert rolled.loc["T", "n"] == 6
    with pytest.raises(ValueError, match="names a dimension twice"):
        rollup(con, cells, [("region", "region_randstad")])


def test_a_share_of_person_months_pools_the_months_and_clusters_them_by_person():
    # person i: at_risk_i months, events_i of them; y = events / at_risk, weight = at_risk
    at_risk = np.array([12.0, 3.0, 7.0, 12.0, 1.0, 5.0, 9.0, 12.0, 2.0, 6.0, 11.0, 4.0])
    events = np.array([12.0, 1.0, 7.0, 10.0, 0.0, 5.0, 8.0, 12.0, 1.0, 6.0, 11.0, 2.0])
    persons = pd.DataFrame({"indicator": "A27", "variant": "", "year": 2021, "origin": "NL", "sex": "M",
                            "education": "mid", "y": events / at_risk, "months": at_risk})
    con = duckdb.connect()
    con.register("persons", persons)
    cells = con.sql(person_cells_sql("persons", y="y", kind="share", by=BY, weight="months")).df()
    row = rollup(con, cells, []).iloc[0]
    r = events.sum() / at_risk.sum()
    assert row["value"] == pytest.approx(r)                  # pooled person-months
    assert row["n"] == len(at_risk)                          # persons behind the figure
    assert row["n_weighted"] == pytest.approx(at_risk.sum())  # person-months at risk
    m = len(at_risk)
    expected_se = np.sqrt(m / (m - 1) * ((events - r * at_risk) ** 2).sum() / at_risk.sum() ** 2)
    assert row["se"] == pytest.approx(expected_se)
    assert row["ci_low"] < r < row["ci_high"]
