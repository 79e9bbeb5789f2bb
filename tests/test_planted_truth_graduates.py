"""Planted-truth tests of indicator 25 (time to a job after graduation, report §5.1) at scale
0.01, reporting years 2017-2018.

The truth (``truth/graduates.parquet``, ``kansenmonitor.synth.expected_graduates``) follows
every graduate the education files wrote through the world itself: the residence periods
(emigration) and the monitor's work flag realised from the SPOLIS records and the SECM
months (``expected_dynamics.monitor_work``). It is the indicator's definition applied to the
generator's arrays, not to the files, so the monitor must reproduce it exactly on the
persons of its frame (year *t*, students kept). Only cohort 2017 exists (the 1 October 2019
enrolments are not written): diplomas in 2018, so follow-ups of about 6 months and the
shares within 1, 3 and 6 months are testable. Study migrants (params.STUDY_*) who leave the
country after graduating make the censoring at emigration visible.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

COHORT = 2017
OTHER_BREAKDOWNS = ("generation", "residence", "age", "sex", "education", "region", "asylum", "sector")


@pytest.fixture(scope="module")
def graduates(planted, realism_register):
    """Truth rows of the full-time graduates of cohort 2017 in the monitor's frame of 2017
    (students kept), with the frame's breakdown codes."""
    cfg, _ = realism_register
    truth = pd.read_parquet(cfg.out / "truth" / "graduates.parquet")
    frame = planted["frame_students"]
    joined = truth[truth["cohort_year"] == COHORT].merge(
        frame[frame["year"] == COHORT].rename(columns={"origin": "frame_origin"}), on="RINPERSOON")
    return joined[joined["full_time"]]


def _a25(cube: pd.DataFrame, variant: str, by: str) -> pd.DataFrame:
    rows = cube[(cube["indicator"] == "A25") & (cube["variant"] == variant) & (cube["year"] == COHORT)
                & ~cube["adjusted"].astype(bool)]
    for c in (*OTHER_BREAKDOWNS, "migration", "origin"):
        if c != by and c in rows:
            rows = rows[rows[c] == "T"]
    return rows.set_index(by)


def _truth_share(g: pd.DataFrame, k: int) -> tuple[int, float]:
    pop = g[g["observed_months"] >= k]
    return len(pop), float((pop["months_to_job"] <= k).mean()) if len(pop) else np.nan


@pytest.mark.parametrize("k", [1, 3, 6])
def test_job_within_k_months_by_origin_group_is_the_planted_truth(planted, graduates, k):
    cube = _a25(planted["cube"], f"job_{k}m", "origin")
    published = cube[~cube["suppressed"].astype(bool)]
    assert {"T", "NL"} <= set(published.index)  # the total and the reference group
    if k <= 3:  # and basis groups where the follow-up is long enough for most graduates
        assert len(published) >= 3
    for origin, row in published.iterrows():
        g = graduates if origin == "T" else graduates[graduates["frame_origin"] == origin]
        n, share = _truth_share(g, k)
        assert int(row["n"]) == n, (origin, k)
        assert row["value"] == pytest.approx(share, abs=1e-9), (origin, k)


def test_job_within_3_months_by_migration_background_is_the_planted_truth(planted, graduates):
    cube = _a25(planted["cube"], "job_3m", "migration")
    for migration in ("none", "western", "nonwestern"):
        row = cube.loc[migration]
        if row["suppressed"]:
            continue
        n, share = _truth_share(graduates[graduates["migration"] == migration], 3)
        assert int(row["n"]) == n and row["value"] == pytest.approx(share, abs=1e-9), migration


def test_graduates_who_leave_the_country_are_censored_not_jobless(planted, graduates):
    left = graduates[graduates["left_register"] & graduates["months_to_job"].isna()]
    assert len(left) >= 5  # the planted study migrants who leave after graduating
    # the monitor's censoring share is the truth's, and those graduates are in no job share
    # whose window they were not observed for
    row = _a25(planted["cube"], "censored_emigration", "migration").loc["T"]
    assert int(row["n"]) == len(graduates)
    if not row["suppressed"]:
        assert row["value"] == pytest.approx(len(left) / len(graduates), abs=1e-9)
    six = _a25(planted["cube"], "job_6m", "migration").loc["T"]
    assert int(six["n"]) == int((graduates["observed_months"] >= 6).sum())
    assert (left["observed_months"] < 6).any()  # some left within six months: outside that share


def test_western_first_generation_graduates_leave_more_often_than_graduates_without_migration_background(graduates):
    def censored(g: pd.DataFrame) -> float:
        return float((g["left_register"] & g["months_to_job"].isna()).mean())

    western, none = graduates[graduates["migration"] == "western"], graduates[graduates["migration"] == "none"]
    assert censored(western) > censored(none) + 0.01


def test_the_manifest_holds_the_realised_graduate_truth_by_origin_group(realism_register):
    cfg, _ = realism_register
    manifest = json.loads((cfg.out / "manifest.json").read_text(encoding="utf-8"))
    truth = pd.read_parquet(cfg.out / "truth" / "graduates.parquet")
    ft = truth[(truth["cohort_year"] == COHORT) & truth["full_time"]]
    realised = manifest["realised_truth"]
    for origin in ("T", "NL", "DE"):
        g = ft if origin == "T" else ft[ft["origin"] == origin]
        n, share = _truth_share(g, 3)
        if n:
            assert realised[f"graduates_job_3m|{COHORT}|{origin}"] == pytest.approx(share, abs=1e-4)  # 4 decimals
    cens = (ft["left_register"] & ft["months_to_job"].isna()).mean()
    assert realised[f"graduates_censored_emigration|{COHORT}|T"] == pytest.approx(cens, abs=1e-4)
