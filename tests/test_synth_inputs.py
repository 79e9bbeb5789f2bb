"""The synthetic register's inputs for I1, I2 and the NUG, read back from the written files:
couples in INPATAB, IVA in the disability file without trajectories, provisions of
inactive adults, and the planted truth in the manifest."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kansenmonitor.synth import params as P
from kansenmonitor.synth.files.reintegration import p_start_within, start_delay_days


def _read(cfg, source: str, year=None) -> pd.DataFrame:
    m = json.loads((cfg.out / "manifest.json").read_text())
    files = {f["year"]: cfg.out / f["path"] for f in m["files"] if f["source"] == source}
    return pd.read_parquet(files[year] if year in files else next(iter(files.values())))


def test_couples_have_one_breadwinner_and_one_partner_sharing_the_household_key(tiny_register):
    cfg, _ = tiny_register
    inpa = _read(cfg, "INPATAB", 2016)
    couples = inpa[inpa["INPPOSHHK"].isin(["2", "3", "4"])]
    assert len(couples) > 0.3 * len(inpa[inpa["INPPOSHHK"] != "5"])
    per_household = couples.groupby("RINPERSOONHKW")["INPPOSHHK"].agg(lambda s: "".join(sorted(s)))
    assert per_household.isin(["23", "24"]).all(), per_household.value_counts()
    breadwinners = couples[couples["INPPOSHHK"] == "2"]
    assert (breadwinners["RINPERSOONHKW"] == breadwinners["RINPERSOON"]).all()
    # the breadwinner has the higher personal income (the sentinel counts as 0)
    income = couples.assign(ink=couples["INPPERSINK"].where(couples["INPPERSINK"] < 9e9, 0.0))
    wide = income.pivot_table(index="RINPERSOONHKW", columns="INPPOSHHK", values="ink", aggfunc="first")
    partner = wide["3"].fillna(wide["4"])
    assert (wide["2"] >= partner).all()
    assert (inpa.loc[inpa["INPPOSHHK"] == "5", "RINPERSOONHKW"] == "---------").all()


def test_partners_are_mostly_of_the_same_origin_and_stay_together(tiny_register):
    cfg, _ = tiny_register
    persons = pd.read_parquet(cfg.out / "truth" / "persons.parquet", columns=["RINPERSOON", "origin"])
    years = []
    for year in (2015, 2016):
        c = _read(cfg, "INPATAB", year)
        c = c[c["INPPOSHHK"].isin(["3", "4"])][["RINPERSOON", "RINPERSOONHKW"]]
        years.append(c.assign(year=year))
    both = years[0].merge(years[1], on="RINPERSOON", suffixes=("_15", "_16"))
    assert (both["RINPERSOONHKW_15"] == both["RINPERSOONHKW_16"]).mean() > 0.8  # the breadwinner may switch
    pairs = years[1].merge(persons, on="RINPERSOON").merge(
        persons.rename(columns={"RINPERSOON": "RINPERSOONHKW", "origin": "origin_partner"}), on="RINPERSOONHKW")
    assert (pairs["origin"] == pairs["origin_partner"]).mean() > 0.8


def test_iva_is_in_the_disability_file_and_never_gets_a_trajectory(tiny_register):
    cfg, _ = tiny_register
    ao = _read(cfg, "AOTOTPERSOONBUS")
    sirag = _read(cfg, "SIRAGPERSOONBUS")
    assert (ao["AOSOORT"] == "5").mean() > 0.05
    iva_only = set(ao.loc[ao["AOSOORT"] == "5", "RINPERSOON"]) - set(ao.loc[ao["AOSOORT"] != "5", "RINPERSOON"])
    assert iva_only and not iva_only & set(sirag["RINPERSOON"])


def test_inactive_adults_without_benefit_get_provisions_too(tiny_register):
    cfg, _ = tiny_register
    srg = _read(cfg, "SRGPERSOONPWETBUS")
    bij = _read(cfg, "BIJSTANDPERSOONBUS")
    never_on_bijstand = set(srg["RINPERSOON"]) - set(bij["RINPERSOON"])
    assert len(never_on_bijstand) >= 0.05 * srg["RINPERSOON"].nunique()


def test_start_delay_probability_matches_the_draws():
    import numpy as np

    rng = np.random.default_rng(1)
    for mean in (3.0, 4.0):
        draws = start_delay_days(rng, 400_000, mean)
        assert (draws < 365).mean() == pytest.approx(p_start_within(mean), abs=0.002)


def test_manifest_holds_the_planted_input_truth(tiny_register):
    cfg, _ = tiny_register
    truth = json.loads((cfg.out / "manifest.json").read_text())["input_truth"]["by_group"]
    r = P.REINTEGRATION
    assert truth["SY"]["I1b"] > truth["NL"]["I1b"]  # refugee groups get provisions more often
    assert truth["NL"]["I2a"]["ww"] == pytest.approx(r["sirww"]["p"]["none"] * p_start_within(r["sirww"]["delay_mean"]))
    assert truth["NL"]["I1a"]["jobcoach"] == pytest.approx(
        r["pwet"]["p"]["none"] * p_start_within(r["pwet"]["delay_mean"]) * r["provision_weights_old"]["JOBCOACH"])
