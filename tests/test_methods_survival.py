"""Kaplan–Meier, Aalen–Johansen and discrete-time hazards from exit tables, against R survival/cmprsk."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.methods.persons import persons, reference
from kansenmonitor.methods.survival import (
    aalen_johansen,
    at_horizons,
    exit_table,
    fit_discrete_hazard,
    kaplan_meier,
    person_period_table,
)

STATES = {"(s0)": 0, "work": 1, "benefit": 2, "other": 3}


def test_kaplan_meier_and_greenwood_match_r_survival():
    """S(t) and Greenwood SE of S per group equal summary(survfit) to 1e-10."""
    km = kaplan_meier(exit_table(persons(), by=("group",)), by=("group",))
    r = reference("r_km.csv")
    m = r.merge(km, left_on=["group", "time"], right_on=["group", "t"], validate="one_to_one")
    assert len(m) == len(r) == len(km)
    np.testing.assert_allclose(m["at_risk"], m["n_risk"])
    np.testing.assert_allclose(m["events"], m["n_event"])
    np.testing.assert_allclose(m["surv_y"], m["surv_x"], atol=1e-10)
    np.testing.assert_allclose(m["se_y"], m["se_x"], atol=1e-10)


def test_weighted_kaplan_meier_and_ij_se_match_r_survival():
    """Weighted KM (weights w) and its infinitesimal-jackknife SE equal survfit(weights=) to 1e-10."""
    ref = persons().query("group == 0")
    km = kaplan_meier(exit_table(ref, weight="w"))
    r = reference("r_km_weighted.csv").merge(km, left_on="time", right_on="t")
    assert len(r) == len(km)
    assert (km["variance"] == "infinitesimal jackknife").all()
    np.testing.assert_allclose(r["surv_y"], r["surv_x"], atol=1e-10)
    np.testing.assert_allclose(r["se_y"], r["se_x"], atol=1e-10)


def test_aalen_johansen_and_ij_se_match_r_survfit_multistate():
    aj = aalen_johansen(exit_table(persons(), by=("group",)), by=("group",))
    r = reference("r_aj_survfit.csv")
    r["cause"] = r["state"].map(STATES)
    m = r.merge(aj, left_on=["group", "time", "cause"], right_on=["group", "t", "cause"])
    assert len(m) == len(r) == len(aj)
    np.testing.assert_allclose(m["cif"], m["pstate"], atol=1e-10)
    np.testing.assert_allclose(m["se_x"], m["se_y"], atol=1e-10)


def test_aalen_johansen_matches_cmprsk_cuminc_at_horizons():
    aj = aalen_johansen(exit_table(persons(), by=("group",)), by=("group",))
    h = at_horizons(aj[aj["cause"] > 0], ["cif", "se"], by=("group", "cause"),
                    start_values={"cif": 0.0, "se": 0.0})
    r = reference("r_cuminc.csv")
    r[["group", "cause"]] = r["curve"].str.split(" ", expand=True).astype(int)
    m = r.merge(h, left_on=["group", "cause", "time"], right_on=["group", "cause", "horizon"])
    assert len(m) == len(r) == 2 * 3 * 6
    np.testing.assert_allclose(m["cif_x"], m["cif_y"], atol=1e-10)
    # cuminc's variance is a different (delta-method) estimator: close to the IJ one, not equal
    np.testing.assert_allclose(np.sqrt(m["var"]), m["se"], rtol=0.02)


def test_discrete_hazard_matches_r_glm_on_person_months():
    p = persons()
    exits = exit_table(p, by=("sex", "educ", "group"))
    pp = person_period_table(exits, ("sex", "educ", "group"), bands=(3, 6, 12, 24, 36))
    fit = fit_discrete_hazard(pp, cause=1, covariates=("sex", "educ", "group"))
    names = {"(intercept)": "(Intercept)", "sex=V": "sexV", "educ=2": "educ_f2", "educ=3": "educ_f3",
             "group=1": "group", **{f"period={b}": f"t_band{b}" for b in ("04-06", "07-12", "13-24", "25-36")}}
    r = reference("r_hazard_work.csv").set_index("term").loc[[names[c] for c in fit.columns]]
    np.testing.assert_allclose(fit.coef, r["estimate"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(fit.se_model, r["se"], rtol=1e-7)


def test_person_months_count_every_month_at_risk():
    p = persons()
    pp = person_period_table(exit_table(p, by=("sex",)), ("sex",))
    assert pp["at_risk"].sum() == p["time"].sum()
    assert pp["events_2"].sum() == (p["status"] == 2).sum()


def test_horizon_beyond_follow_up_is_unknown_not_carried_forward():
    exits = pd.DataFrame({"t": [2, 5], "status": [1, 0], "n": [3.0, 2.0], "n_w2": [3.0, 2.0]})
    h = at_horizons(kaplan_meier(exits), ["surv"], start_values={"surv": 1.0}, horizons=(1, 3, 6))
    assert list(h["surv"].iloc[:2]) == [1.0, pytest.approx(0.4)]
    assert np.isnan(h["surv"].iloc[2]) and h["beyond_follow_up"].iloc[2]


durations = st.lists(st.tuples(st.integers(1, 12), st.integers(0, 2)), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 12), min_size=1, max_size=60))
def test_km_without_censoring_is_one_minus_empirical_cdf(times):
    p = pd.DataFrame({"time": times, "status": 1})
    km = kaplan_meier(exit_table(p))
    ecdf = [np.mean(np.array(times) <= t) for t in km["t"]]
    np.testing.assert_allclose(km["cumulative_incidence"], ecdf, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(durations)
def test_cifs_sum_to_one_minus_km_of_any_event(spells):
    p = pd.DataFrame(spells, columns=["time", "status"])
    exits = exit_table(p)
    aj = aalen_johansen(exits)
    if (p["status"] == 0).all():
        return
    total = aj[aj["cause"] > 0].groupby("t")["cif"].sum()
    km = kaplan_meier(exits).set_index("t")["surv"]
    np.testing.assert_allclose(total.loc[km.index], 1 - km, atol=1e-12)
    np.testing.assert_allclose(aj[aj["cause"] == 0].set_index("t")["cif"].loc[km.index], km, atol=1e-12)


def _exits_with_groups() -> pd.DataFrame:
    p = persons()
    p["grp"] = np.where(p["group"] == 1, "basis", "reference")
    return exit_table(p, by=("age_band", "sex", "educ", "year", "grp")).rename(columns={"grp": "group"})


def test_weighted_reference_curve_equals_aj_on_weighted_exits():
    """The bootstrap's point estimate is the AJ CIF of the ATT-weighted reference exit table."""
    from kansenmonitor.methods.adjusted import bootstrap_survival
    from kansenmonitor.methods.propensity import PropensitySpec, att_weights, fit_propensity
    from kansenmonitor.methods.survival import weighted_exits
    from fixtures.methods.persons import propensity_cells

    spec = PropensitySpec(covariates=("age_band", "sex", "educ"))
    exits = _exits_with_groups()
    boot = bootstrap_survival(exits, spec, horizons=(6, 12), replicates=40, seed=3)
    w = att_weights(fit_propensity(propensity_cells(("age_band", "sex", "educ", "year")), spec))
    ref = weighted_exits(exits[exits["group"] == "reference"], w, ["age_band", "sex", "educ", "year"])
    aj = aalen_johansen(ref, by=("year",))
    want = at_horizons(aj, ["cif"], by=("year", "cause"), horizons=(6, 12)).set_index(["year", "cause", "horizon"])
    got = boot[boot["figure"] == "reference_weighted"].set_index(["year", "cause", "horizon"])["estimate"]
    np.testing.assert_allclose(got.loc[want.index], want["cif"], atol=1e-12)
    gap = boot[boot["figure"] == "gap"]
    assert gap["se"].notna().all() and (gap["se"] > 0).all()


def test_bootstrap_se_of_basis_km_is_close_to_greenwood():
    """Unweighted basis curve: the person bootstrap SE ≈ Greenwood's (±25 %, 200 replicates)."""
    from kansenmonitor.methods.adjusted import bootstrap_survival
    from kansenmonitor.methods.propensity import PropensitySpec

    spec = PropensitySpec(covariates=("age_band", "sex", "educ"))
    boot = bootstrap_survival(_exits_with_groups(), spec, horizons=(6, 12), replicates=200, seed=4)
    basis = boot[(boot["figure"] == "basis") & (boot["cause"] == 0)].set_index(["year", "horizon"])
    p = persons().query("group == 1")
    km = kaplan_meier(exit_table(p, by=("year",)), by=("year",))
    green = at_horizons(km, ["se"], by=("year",), horizons=(6, 12)).set_index(["year", "horizon"])["se"]
    ratio = basis["se"].loc[green.index] / green
    assert ((ratio > 0.75) & (ratio < 1.25)).all(), ratio
