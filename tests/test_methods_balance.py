"""Balance check per year (report §7.2.2, indicators.md §6): against Meta balance, and behaviour."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from fixtures.methods.persons import propensity_cells, reference
from kansenmonitor.methods.balance import (
    check_balance,
    chi2_survival,
    kish_ess,
    love_plot_svg,
    write_balance,
)
from kansenmonitor.methods.propensity import PropensitySpec, att_weights, fit_propensity, saturated_weights

SPEC = PropensitySpec(covariates=("age_band", "sex", "educ"))


@pytest.fixture(scope="module")
def report():
    cells = att_weights(fit_propensity(propensity_cells(), SPEC))
    return check_balance(cells, categorical=("age_band", "sex", "educ"), numeric=("age",))


def _ours_by_column(report) -> pd.DataFrame:
    lv = report.levels.copy()
    lv["column"] = np.where(lv["level"] == "(gemiddelde)", lv["covariate"],
                            lv["covariate"] + "=" + lv["level"])
    return lv.set_index(["year", "column"])


def test_asmd_matches_balance_package(report):
    """ASMD (target-group SD, as balance std_type='target'), unweighted and weighted: tol 1e-8."""
    ref = reference("balance_asmd.csv").set_index(["year", "column"])
    ours = _ours_by_column(report).loc[ref.index]
    np.testing.assert_allclose(ours["asmd_unweighted"], ref["asmd_unweighted"], rtol=1e-8)
    np.testing.assert_allclose(ours["asmd_weighted"], ref["asmd_weighted"], rtol=1e-6)


def test_kish_ess_matches_balance_package(report):
    ref = reference("balance_asmd.csv").groupby("year")["ess_reference"].first()
    ours = report.years.set_index("year")["ess_reference"].loc[ref.index]
    np.testing.assert_allclose(ours, ref, rtol=1e-6)


def test_pooled_main_effects_model_fails_yearly_check_and_says_so(report):
    """Without year interactions the fixture's weighted groups differ per year: reported as failures."""
    assert not report.passed
    assert (report.years["levels_failing"] > 0).all()
    assert len(report.failures()) == report.years["levels_failing"].sum()


def test_saturated_weights_pass_the_check_exactly():
    """Post-stratification on (age band, sex, education, year): every weighted ASMD is 0."""
    sat = saturated_weights(propensity_cells(("age_band", "sex", "educ", "year")), ("age_band", "sex", "educ"))
    assert sat.unmatched.empty
    rep = check_balance(sat.cells, categorical=("age_band", "sex", "educ"))
    assert rep.passed and rep.levels["asmd_weighted"].max() < 1e-12
    assert rep.levels["asmd_unweighted"].max() > 0.3


def test_threshold_is_configurable(report):
    cells = att_weights(fit_propensity(propensity_cells(), SPEC))
    loose = check_balance(cells, categorical=("age_band", "sex", "educ"), threshold=10.0)
    assert loose.passed and loose.threshold == 10.0


def test_chi2_survival_known_values():
    # P(chi2_1 >= 3.841459) = 0.05; P(chi2_4 >= 9.487729) = 0.05; chi2_2 survival = exp(-x/2)
    assert chi2_survival(3.841458820694124, 1) == pytest.approx(0.05, rel=1e-9)
    assert chi2_survival(9.487729036781154, 4) == pytest.approx(0.05, rel=1e-9)
    assert chi2_survival(0.7, 2) == pytest.approx(math.exp(-0.35), rel=1e-12)
    assert chi2_survival(60.0, 2) == pytest.approx(math.exp(-30), rel=1e-9)


def test_chi2_test_on_unweighted_table_equals_pearson():
    """With weights 1 the test is Pearson's chi-square on the 2 × L table of counts."""
    cells = pd.DataFrame({"x": ["a", "b", "c"], "year": 2020, "n_basis": [10.0, 20.0, 30.0],
                          "n_reference": [30.0, 20.0, 10.0], "weight": 1.0})
    lv = check_balance(cells, categorical=("x",)).levels
    obs = np.array([[10, 20, 30], [30, 20, 10]], float)
    exp = obs.sum(1, keepdims=True) * obs.sum(0, keepdims=True) / obs.sum()
    assert lv["statistic"].iloc[0] == pytest.approx(((obs - exp) ** 2 / exp).sum())


def test_kish_ess_of_equal_weights_is_n():
    assert kish_ess(np.array([3.0, 7.0]), np.array([2.5, 2.5])) == pytest.approx(10.0)


def test_love_plot_and_tables_are_written(report, tmp_path):
    paths = write_balance(report, tmp_path)
    assert all(p.exists() for p in paths)
    svg = love_plot_svg(report, year=2019)
    assert svg.startswith("<svg") and svg.count("<circle") == 2 * len(
        report.levels[report.levels["year"] == 2019])
    assert "gewogen" in svg and "(2019)" in svg
    years = pd.read_csv(paths[1])
    assert list(years["pass"]) == list(report.years["pass"])


def test_level_absent_in_basis_but_present_in_weighted_reference_fails_with_infinite_asmd():
    """Basis SD 0 and different shares: ASMD infinite, the year fails, the plot still draws it."""
    cells = pd.DataFrame({"x": ["a", "b", "a", "b"], "year": [2019, 2019, 2020, 2020],
                          "n_basis": [10.0, 0.0, 10.0, 5.0], "n_reference": [10.0, 10.0, 10.0, 5.0],
                          "weight": [0.5, 0.5, 1.0, 1.0]})
    rep = check_balance(cells, categorical=("x",))
    y19 = rep.levels[rep.levels["year"] == 2019]
    assert np.isinf(y19["asmd_weighted"]).all()
    assert list(rep.years["pass"]) == [False, True]
    assert "<circle" in love_plot_svg(rep)
