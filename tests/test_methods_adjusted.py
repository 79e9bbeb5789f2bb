"""Adjusted figures, gaps, effect sizes and the cell bootstrap (report §7.2.2, §3.3.1 e)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from fixtures.methods.persons import persons, propensity_cells, reference
from kansenmonitor.methods.adjusted import (
    adjusted_figures,
    bootstrap_adjusted,
    cell_weights_to_statistics,
    effect_sizes_table,
    outcome_cells_from_persons,
    weighted_mean,
)
from kansenmonitor.methods.propensity import PropensitySpec, att_weights, fit_propensity

SPEC = PropensitySpec(covariates=("age_band", "sex", "educ"))
KEYS = ("age_band", "sex", "educ", "year")


def _fixture_cells(outcome: str) -> pd.DataFrame:
    p = persons()
    p["grp"] = np.where(p["group"] == 1, "basis", "reference")
    return outcome_cells_from_persons(p, KEYS, outcome, group="grp")


def test_weighted_mean_and_se_match_svymean_with_survey_weights():
    """cells.py's linearisation SE = svymean(design ids=~1, weights=~w), person cells: tol 1e-10."""
    p = persons()
    r = reference("r_svymean_w.csv").set_index("variable")
    for var in ("y", "income"):
        cells = pd.DataFrame({"n": 1.0, "w": p["w"], "sum_y": p["w"] * p[var],
                              "sum_w2": p["w"] ** 2, "sum_w2y": p["w"] ** 2 * p[var],
                              "sum_w2y2": p["w"] ** 2 * p[var] ** 2})
        est, se = weighted_mean(cells)
        assert est == pytest.approx(r.loc[var, "estimate"], rel=1e-10)
        assert se == pytest.approx(r.loc[var, "se"], rel=1e-10)


@pytest.mark.parametrize("var", ["y", "income"])
def test_att_weighted_reference_mean_and_se_match_svymean(var):
    """Reference cells × ATT weights → weighted mean and fixed-weight SE equal svyby(svymean).

    svyby estimates a year as a domain of the whole reference design: the year's mean with
    the weights of the other year set to 0 (persons kept), as R survey does (tol 1e-8).
    """
    weights = att_weights(fit_propensity(propensity_cells(KEYS), SPEC))
    cells = _fixture_cells(var).query("group == 'reference'").merge(weights[[*KEYS, "weight"]], on=list(KEYS))
    r = reference("r_svymean_att.csv").set_index("year")
    for year in (2019, 2020):
        domain = cells.assign(weight=np.where(cells["year"] == year, cells["weight"], 0.0))
        est, se = weighted_mean(cell_weights_to_statistics(domain))
        assert est == pytest.approx(r.loc[year, var], rel=1e-8)
        assert se == pytest.approx(r.loc[year, f"se_{var}"], rel=1e-8)
    figs = adjusted_figures(_fixture_cells(var), SPEC, "share" if var == "y" else "mean").figures
    np.testing.assert_allclose(figs.set_index("year")["reference_weighted"], r[var], rtol=1e-8)


def _composition_only() -> pd.DataFrame:
    """Outcome depends on x and year only, identically in both groups; the groups differ in x."""
    rows = []
    for year in (2019, 2020):
        for x, p_y in (("a", 0.2), ("b", 0.5), ("c", 0.8)):
            for group, n in (("basis", {"a": 50, "b": 100, "c": 300}[x]),
                             ("reference", {"a": 400, "b": 200, "c": 100}[x])):
                k = int(round(n * p_y + (0.1 if year == 2020 else 0.0) * n))
                rows.append({"x": x, "year": year, "group": group, "n": float(n),
                             "sum_y": float(k), "sum_y2": float(k)})
    return pd.DataFrame(rows)


def test_gap_from_composition_only_is_fully_explained():
    """Identical within-cell shares: raw gap ≠ 0, weighted and doubly robust gaps 0, share explained 1."""
    spec = PropensitySpec(covariates=("x",), interactions=(("x", "year"),))
    f = adjusted_figures(_composition_only(), spec, "share").figures
    assert (f["gap_unadjusted"].abs() > 0.1).all()
    np.testing.assert_allclose(f["gap_weighted"], 0, atol=1e-9)
    np.testing.assert_allclose(f["gap_doubly_robust"], 0, atol=1e-9)
    np.testing.assert_allclose(f["share_explained"], 1, atol=1e-9)


def test_doubly_robust_corrects_a_wrong_propensity_model():
    """Propensity model without x (wrong); outcome model additive in x and year (right): DR gap 0."""
    cells = _composition_only()
    cells["z"] = "all"
    f = adjusted_figures(cells, PropensitySpec(covariates=("z",)), "share",
                         outcome_spec=PropensitySpec(covariates=("x",))).figures
    np.testing.assert_allclose(f["gap_weighted"], f["gap_unadjusted"], atol=1e-9)
    np.testing.assert_allclose(f["gap_doubly_robust"], 0, atol=1e-9)
    np.testing.assert_allclose(f["gap_regression"], 0, atol=1e-9)


def test_effect_sizes_share_cohen_h_and_ratio():
    f = adjusted_figures(_fixture_cells("y"), SPEC, "share").figures.iloc[0]
    assert f["ratio"] == pytest.approx(f["basis"] / f["reference_weighted"])
    assert f["cohen_h"] == pytest.approx(2 * math.asin(math.sqrt(f["basis"]))
                                         - 2 * math.asin(math.sqrt(f["reference_weighted"])))
    assert "cohen_d" in adjusted_figures(_fixture_cells("income"), SPEC, "mean").figures
    assert set(effect_sizes_table(adjusted_figures(_fixture_cells("y"), SPEC, "share").figures)["figure"]) \
        >= {"gap_unadjusted", "gap_weighted", "ratio", "cohen_h", "share_explained"}


def test_bootstrap_se_of_basis_share_is_binomial():
    """Persons are redrawn within (group, year): the basis share's SE ≈ √(p(1−p)/n) (±20 %)."""
    boot = bootstrap_adjusted(_fixture_cells("y"), SPEC, "share", replicates=300, seed=1)
    basis = boot[boot["figure"] == "basis"].set_index("year")
    p = persons().query("group == 1")
    for year, g in p.groupby("year"):
        expect = math.sqrt(g["y"].mean() * (1 - g["y"].mean()) / len(g))
        assert basis.loc[year, "se"] == pytest.approx(expect, rel=0.2)
        assert basis.loc[year, "ci_low"] < basis.loc[year, "estimate"] < basis.loc[year, "ci_high"]
    assert (boot["replicates"] + boot["replicates_failed"] == 300).all()


def test_bootstrap_weighted_reference_se_exceeds_fixed_weight_se_floor():
    """Re-estimating the weights: the bootstrap SE is of the order of the fixed-weight SE (0.6×-2×)."""
    boot = bootstrap_adjusted(_fixture_cells("income"), SPEC, "mean", replicates=200, seed=2)
    ref = boot[boot["figure"] == "reference_weighted"].set_index("year")
    r = reference("r_svymean_att.csv").set_index("year")
    ratio = ref["se"] / r["se_income"]
    assert ((ratio > 0.6) & (ratio < 2.0)).all()


def test_bootstrap_is_reproducible_with_a_seed():
    a = bootstrap_adjusted(_fixture_cells("y"), SPEC, "share", replicates=20, seed=7)
    b = bootstrap_adjusted(_fixture_cells("y"), SPEC, "share", replicates=20, seed=7)
    pd.testing.assert_frame_equal(a, b)


def test_share_cells_must_count_persons():
    cells = _fixture_cells("y")
    cells.loc[0, "sum_y"] = cells.loc[0, "n"] + 1
    with pytest.raises(ValueError, match="share cell row 0"):
        adjusted_figures(cells, SPEC, "share")
