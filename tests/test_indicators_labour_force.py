"""Indicators 1-3 from the labour force survey: weights, waves, person clusters, breakdowns."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from kansenmonitor.indicators import labour_force as lf
from kansenmonitor.indicators.cells import cell_estimates, rollup

LAND_REF = pd.DataFrame({"LAND": ["6030", "6043", "5049", "7045"], "LANDTYPE": ["1", "2", "2", "2"],
                         "WERELDDEEL": ["3", "2", "4", "1"]})


def interview(person: str, wave: int, weight: float, status: str, age: int = 40, sex: str = "1",
              country: str | None = "6030", generation: str | None = "7", education: str | None = "2",
              year: int = 2019) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person, "year": year, "wave": wave, "weight": weight,
            "age_years": age, "status": status, "sex_code": sex, "country": country,
            "generation_code": generation, "education_code": education}


def cells_of(interviews: pd.DataFrame, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    kept = lf.classify(interviews[lf.usable(interviews)], LAND_REF, frame)
    con = duckdb.connect()
    con.register("iv", kept)
    out = pd.concat([con.execute(lf.survey_cells_sql("iv", m, lf.SURVEY_DIMENSIONS)).df() for m in lf.MEASURES],
                    ignore_index=True)
    con.close()
    return out


def totals(cells: pd.DataFrame) -> pd.DataFrame:
    con = duckdb.connect()
    rolled = rollup(con, cells, [])
    con.close()
    return rolled.set_index("indicator")


@pytest.fixture
def waves() -> pd.DataFrame:
    """Three persons, some interviewed in several waves with different weights and answers."""
    rows = [
        interview("000000001", 1, 100.0, "1"), interview("000000001", 2, 120.0, "2"),
        interview("000000001", 3, 110.0, "1"),
        interview("000000002", 1, 300.0, "3"), interview("000000002", 2, 280.0, "3"),
        interview("000000003", 1, 200.0, "2"),
        interview("000000004", 4, 150.0, "1"), interview("000000004", 5, 160.0, "1"),
    ]
    return pd.DataFrame(rows)


def test_every_wave_counts_with_its_own_weight(waves):
    t = totals(cells_of(waves))
    w = waves["weight"].to_numpy()
    employed = (waves["status"] == "1").to_numpy()
    in_lf = waves["status"].isin(["1", "2"]).to_numpy()
    assert t.loc["A03", "value"] == pytest.approx((w * employed).sum() / w.sum())
    assert t.loc["A02", "value"] == pytest.approx((w * in_lf).sum() / w.sum())
    assert t.loc["A01", "value"] == pytest.approx((w * (waves["status"] == "2")).sum() / (w * in_lf).sum())
    assert t.loc["A03", "n"] == len(waves)  # unweighted observations are interviews
    assert t.loc["A03", "n_weighted"] == pytest.approx(w.sum())


def test_standard_error_treats_a_persons_waves_as_one_cluster(waves):
    t = totals(cells_of(waves))
    df = waves.assign(y=(waves["status"] == "1").astype(float))
    r = (df["weight"] * df["y"]).sum() / df["weight"].sum()
    per_person = df.groupby("RINPERSOON").apply(lambda g: ((g["weight"] * (g["y"] - r)).sum()),
                                                include_groups=False)
    m = len(per_person)
    n = len(df)
    # the cell formula scales by n/(n - 1) with n the interviews; the clustered sum of squares is exact
    expected = np.sqrt(n / (n - 1) * (per_person ** 2).sum() / df["weight"].sum() ** 2)
    assert t.loc["A03", "se"] == pytest.approx(expected)
    # ... and differs from treating every interview as independent
    naive = np.sqrt(n / (n - 1) * ((df["weight"] * (df["y"] - r)) ** 2).sum() / df["weight"].sum() ** 2)
    assert abs(t.loc["A03", "se"] - naive) > 1e-3
    assert m == 4


def test_interviews_outside_the_population_are_counted_not_dropped_silently():
    rows = pd.DataFrame([
        interview("000000001", 1, 100.0, "1"),
        interview("000000002", 1, 100.0, "1", age=80),       # outside 15-74
        interview("000000003", 1, 100.0, "1", age=14),       # outside 15-74
        interview("000000004", 1, 0.0, "1"),                 # no usable weight
        interview("000000005", 1, float("nan"), "2"),        # no usable weight
        interview("000000006", 1, 100.0, None),              # unknown labour status
        interview("000000007", 1, 100.0, "3", year=2020),
    ])
    log = lf.exclusions(rows).set_index("year")
    assert log.loc[2019, "read"] == 6
    assert log.loc[2019, "age_outside_15_74"] == 2
    assert log.loc[2019, "weight_missing"] == 2
    assert log.loc[2019, "status_unknown"] == 1
    assert log.loc[2019, "counted"] == 1
    assert log.loc[2020, "counted"] == 1
    assert (log[["age_outside_15_74", "weight_missing", "status_unknown", "counted"]].sum(axis=1)
            == log["read"]).all()
    assert lf.usable(rows).sum() == 2


def test_breakdowns_come_from_the_survey_and_generation_from_the_frame_where_the_survey_lacks_it():
    rows = pd.DataFrame([
        interview("000000001", 1, 100.0, "1", country="6043", generation="1", age=22, sex="2", education="3"),
        interview("000000002", 1, 100.0, "1", country="5049", generation=None),  # newer EBBnw: no generation
        interview("000000003", 1, 100.0, "1", country="6030", generation=None),
        interview("000000004", 1, 100.0, "1", country=None, generation=None, sex="9", education="9"),
    ])
    frame = pd.DataFrame({"RINPERSOONS": ["R"], "RINPERSOON": ["000000002"], "year": [2019], "generation": ["2"]})
    out = lf.classify(rows, LAND_REF, frame).set_index("RINPERSOON")
    assert out.loc["000000001", ["origin", "migration", "generation", "age", "sex", "education"]].tolist() == \
        ["TR", "nonwestern", "1", "youth", "F", "high"]
    assert out.loc["000000002", ["origin", "generation"]].tolist() == ["NWO", "2"]  # generation linked
    assert out.loc["000000003", ["origin", "migration", "generation"]].tolist() == ["NL", "none", "none"]
    assert out.loc["000000004", ["origin", "migration", "generation", "sex", "education"]].tolist() == \
        ["unk", "unk", "unk", "unk", "unk"]


def test_survey_cells_roll_up_like_register_cells(waves):
    cells = cells_of(waves)
    assert set(cells["kind"]) == {"share"}
    assert (cells["variant"] == "").all()
    est = cell_estimates(cells["kind"].to_numpy(), cells)
    assert ((est["value"] >= 0) & (est["value"] <= 1)).all()
