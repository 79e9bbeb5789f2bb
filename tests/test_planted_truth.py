"""Planted-truth tests: at scale 0.01 the estimates of indicators #4, #5 and #12 by origin
group fall within their 95 % intervals of the generator's truth at about the nominal rate.

The truth of a cell is a *clean expectation* under the generating process, not the
realised outcome recomputed from the generator's own draws (that would always agree and
say nothing about the intervals). ``truth/person_year.parquet`` carries, per person-year,
probabilities computed by ``kansenmonitor.synth.expected`` from the transition
probabilities the generator draws with:

* A12 ``p_bijstand_any_month`` / A05 ``p_self_employed_any_month``: the exact probability
  of at least one month with SECM 22 (resp. 13/14) in the year, given the person's state
  (and months in work, contract, WW entitlement left) in December of the year before and
  given that the person stays in the frame all year (early retirement is the only random
  way out of it). Computed with products of the monthly transition matrices of the
  labour model (a Markov chain on an augmented state), vectorised over persons.
* A04 ``p_main_contract_permanent``: the exact probability that the contract of the
  person's main substantial job in the year is permanent, given every other draw of the
  generator up to December (jobs, dates, hours, wages, states: this fixes the employee
  population and which job is the main job). The contract is drawn with the planted
  probability when the job starts; because temporary jobs end faster, raise WW inflow,
  and agency work / payrolling / the tenure of jobs running at the start depend on it, the
  probability is the Bayes posterior over the two contract types, with the B -> O
  conversion month integrated out.

Given the conditioning information persons are independent, so a group's share has
expectation mean(p_i) over the group's persons and variance sum p_i (1 - p_i) / n^2, at
most the binomial variance the monitor's interval uses: the monitor's intervals cover
the truth at (at least) the nominal rate. The test also standardises each estimate by the
exact conditional standard deviation ``sqrt(sum p_i (1 - p_i)) / n``; those z-scores are
~N(0, 1) when the truth is right, a much sharper check of the truth and the estimates.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from kansenmonitor.indicators.conventions import hourly_wml
from kansenmonitor.synth import calendar as cal
from truth_cells import truth_of, with_coverage

INDICATORS = {  # indicator -> (truth column, population column or None for the whole frame)
    "A04": ("p_main_contract_permanent", "employee_substantial"),
    "A05": ("p_self_employed_any_month", None),
    "A12": ("p_bijstand_any_month", None),
}
OTHER_BREAKDOWNS = ("migration", "generation", "residence", "age", "sex", "education", "region", "asylum", "sector")


@pytest.fixture(scope="module")
def cells(planted):
    """One row per (indicator, origin group, year) cell: estimate, interval, truth."""
    cube, joined = planted["cube"], planted["joined"]
    sel = cube["indicator"].isin(list(INDICATORS)) & (cube["variant"] == "") & ~cube["adjusted"] & \
        (cube["statistic"] == "share") & (cube["origin"] != "T")
    for col in OTHER_BREAKDOWNS:
        sel &= cube[col] == "T"
    rows = []
    for r in cube[sel].itertuples(index=False):
        truth_col, population = INDICATORS[r.indicator]
        people = joined[(joined["year"] == r.year) & (joined["origin"] == r.origin)]
        if population is not None:
            people = people[people[population].astype(bool)]
        p = people[truth_col].to_numpy(dtype=float)
        rows.append({"indicator": r.indicator, "year": r.year, "origin": r.origin, "value": r.value, "se": r.se,
                     "ci_low": r.ci_low, "ci_high": r.ci_high, "n": r.n, "suppressed": bool(r.suppressed),
                     **truth_of(p)})
    out = with_coverage(pd.DataFrame(rows))
    out["sd_exact_over_se"] = out["sd_exact"] / out["se"]
    return out


def test_truth_covers_every_frame_person(planted):
    joined = planted["joined"]
    assert (joined["_merge"] == "both").all(), "frame persons without a truth row"
    # the frame classifies origin from GBAPERSOONTAB + LANDAKTUEELREF, the truth has the generator's
    assert (joined["origin"] == joined["origin_truth"]).all()
    for column in ("p_bijstand_any_month", "p_self_employed_any_month"):
        assert joined[column].notna().all(), column  # every frame person is in the labour model all year
        assert joined[column].between(0, 1).all(), column
    employees = joined[joined["employee_substantial"]]
    assert employees["p_main_contract_permanent"].between(0, 1).all()
    assert joined.loc[~joined["employee_substantial"], "p_main_contract_permanent"].isna().all()


def test_substantial_job_threshold_is_the_monitors():
    for year in (2017, 2018):
        assert round(cal.wml_hour(year), 6) == round(hourly_wml(year), 6)


def test_same_population_as_the_cube(cells):
    """Every cell's n (published or not) is the number of the group's frame persons (A05, A12)
    or of the group's frame persons with a substantial job (A04) in the truth."""
    assert len(cells) >= len(INDICATORS) * 2 * 17  # 17 origin groups, two years
    known = cells[cells["n"].notna()]
    assert (known["n"].astype(int) == known["n_truth"]).all(), known[known["n"].astype(int) != known["n_truth"]]
    assert (cells["truth_missing"] == 0).all()


def test_estimates_cover_the_planted_truth_at_the_nominal_rate(cells, planted):
    pub = cells[~cells["suppressed"]]
    assert len(pub) >= 80, len(pub)
    coverage = pub["covered"].mean()
    mean_abs_z = pub["z"].abs().mean()
    exact_coverage = (pub["z_exact"].abs() <= 1.96).mean()
    mean_abs_z_exact = pub["z_exact"].abs().mean()
    summary = pub.groupby("indicator").agg(cells=("covered", "size"), coverage=("covered", "mean"),
                                           mean_abs_z=("z", lambda z: z.abs().mean()),
                                           mean_abs_z_exact=("z_exact", lambda z: z.abs().mean()),
                                           sd_exact_over_se=("sd_exact_over_se", "mean"))
    print(f"\nplanted truth, {len(pub)} published cells: coverage {coverage:.3f}, mean |z| {mean_abs_z:.3f}; "
          f"exact-sd z: within 1.96 {exact_coverage:.3f}, mean |z| {mean_abs_z_exact:.3f}; "
          f"monitor run + frame {planted['seconds_monitor']:.0f} s")
    print(summary.to_string())
    # the monitor's 95 % intervals contain the truth at least about as often as they should
    # (a correct 95 % interval gives E|z| ~ 0.8; the truth conditions on more than the
    # binomial interval assumes, so |z| is smaller) ...
    assert coverage >= 0.85, coverage
    assert mean_abs_z < 1.2, mean_abs_z
    # ... and are not wider than a binomial interval around the truth
    binomial_se = np.sqrt(pub["truth"] * (1 - pub["truth"]) / pub["n"].astype(float))
    ratio = pub["se"] / binomial_se
    assert ratio.between(0.8, 1.25).all(), pub.assign(ratio=ratio).sort_values("ratio")
    assert (pub["ci_high"] - pub["ci_low"] < 2 * 1.96 * 1.25 * binomial_se + 0.02).all()
    # standardised by the exact conditional sd the errors are ~N(0, 1)
    assert exact_coverage >= 0.85, exact_coverage
    assert 0.5 < mean_abs_z_exact < 1.2, mean_abs_z_exact
    assert pub["z_exact"].abs().max() < 4.5, pub.loc[pub["z_exact"].abs().idxmax()]


def test_labour_force_survey_recovers_the_true_participation_within_its_design_based_interval(planted,
                                                                                           realism_register):
    """Indicators 1-3 against the population's true rates as the survey measures them
    (manifest realised_truth ebb_*: expected answers over the survey population's person-months)."""
    cfg, _ = realism_register
    truth = json.loads((cfg.out / "manifest.json").read_text(encoding="utf-8"))["realised_truth"]
    cube = planted["cube"]
    others = [c for c in OTHER_BREAKDOWNS if c != "migration"] + ["origin"]
    sel = cube["indicator"].isin(["A01", "A02", "A03"]) & (cube[others] == "T").all(axis=1) & ~cube["suppressed"]
    names = {"A01": "ebb_unemployment", "A02": "ebb_gross_participation", "A03": "ebb_net_participation"}
    rows = []
    for r in cube[sel].itertuples(index=False):
        group = "all" if r.migration == "T" else r.migration
        t = truth[f"{names[r.indicator]}|{r.year}|{group}"]
        rows.append({"indicator": r.indicator, "year": r.year, "group": group, "value": r.value, "se": r.se,
                     "truth": t, "covered": r.ci_low <= t <= r.ci_high, "z": (r.value - t) / r.se})
    table = pd.DataFrame(rows)
    print("\n" + table.to_string())
    net = table[table["indicator"] == "A03"]
    assert {"all", "none", "nonwestern"} <= set(net["group"])
    assert net["covered"].all(), net
    assert table["covered"].mean() >= 0.8
    assert table["z"].abs().max() < 3.5
