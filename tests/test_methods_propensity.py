"""Propensity model on cell counts (report §7.2.2): against R glm, and its weights' properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.methods.persons import persons, propensity_cells, reference
from kansenmonitor.methods.logit import ModelError
from kansenmonitor.methods.propensity import (
    PropensitySpec,
    Trimming,
    att_weights,
    coefficient_table,
    fit_propensity,
    saturated_weights,
)

SPEC = PropensitySpec(covariates=("age_band", "sex", "educ"))
R_TERMS = {"(Intercept)": "(intercept)", "age_band25-34": "age_band=25-34",
           "age_band35-44": "age_band=35-44", "age_band45-64": "age_band=45-64",
           "sexV": "sex=V", "educ_f2": "educ=2", "educ_f3": "educ=3", "year_f2020": "year=2020"}


def test_cell_fit_equals_r_glm_on_person_rows():
    """Coefficients, model and sandwich SEs match R glm on 600 person rows (tol 1e-7)."""
    table = coefficient_table(fit_propensity(propensity_cells(), SPEC)).set_index("term")
    r = reference("r_propensity.csv")
    r["term"] = r["term"].map(R_TERMS)
    r = r.set_index("term").loc[table.index]
    for col in ("estimate", "se_model", "se_sandwich"):
        np.testing.assert_allclose(table[col], r[col], rtol=1e-7, atol=1e-9)


def test_att_weights_equal_r_weights_per_person():
    """Each reference person's normalised ATT weight equals the one computed from R's fit."""
    cells = att_weights(fit_propensity(propensity_cells(), SPEC))
    p = persons().merge(reference("r_att_weights.csv")[["id", "att"]], on="id")
    ref = p[p["group"] == 0].merge(cells, on=["age", "age_band", "sex", "educ", "year"])
    assert len(ref) == (p["group"] == 0).sum()
    np.testing.assert_allclose(ref["weight"], ref["att"], rtol=1e-8)


def test_weights_sum_to_basis_size_per_year():
    cells = att_weights(fit_propensity(propensity_cells(), SPEC))
    by = cells.assign(wr=cells["n_reference"] * cells["weight"]).groupby("year")[["wr", "n_basis"]].sum()
    np.testing.assert_allclose(by["wr"], by["n_basis"], rtol=1e-12)


def test_trimming_caps_at_mean_ratio_and_keeps_total():
    model = fit_propensity(propensity_cells(), SPEC)
    plain = att_weights(model)
    trimmed = att_weights(model, Trimming(max_ratio=2.0))
    assert trimmed["trimmed"].sum() > 0
    for year, c in trimmed.groupby("year"):
        n = c["n_reference"].to_numpy()
        assert np.sum(n * c["weight"]) == pytest.approx(c["n_basis"].sum())
        assert c["weight"][n > 0].max() < plain[plain["year"] == year]["weight"][n > 0].max()


def test_quantile_trimming_caps_the_top_weights():
    model = fit_propensity(propensity_cells(), SPEC)
    trimmed = att_weights(model, Trimming(quantile=0.9))
    share = trimmed["trimmed"].sum() / trimmed["n_reference"].sum()
    assert 0 < share <= 0.1 + 1e-9


def test_level_without_reference_persons_is_an_error_naming_it():
    cells = propensity_cells(("age_band", "sex", "educ", "year"))
    cells.loc[cells["educ"] == 3, "n_reference"] = 0.0
    with pytest.raises(ModelError, match="educ level 3"):
        fit_propensity(cells, SPEC)


def test_collinear_interaction_is_reported():
    cells = propensity_cells(("age_band", "sex", "educ", "year"))
    cells["sex2"] = cells["sex"]
    spec = PropensitySpec(covariates=("age_band", "sex", "sex2"))
    with pytest.raises(ModelError, match="rank deficient"):
        fit_propensity(cells, spec)


def test_saturated_weights_report_cells_without_reference():
    cells = propensity_cells(("age_band", "sex", "educ", "year"))
    drop = (cells["age_band"] == "18-24") & (cells["educ"] == 1) & (cells["year"] == 2019)
    cells.loc[drop, "n_reference"] = 0.0
    sat = saturated_weights(cells, ("age_band", "sex", "educ"))
    assert sat.unmatched_basis[2019] == cells.loc[drop, "n_basis"].sum() > 0
    assert sat.unmatched_basis[2020] == 0


cell_counts = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 30)), min_size=12, max_size=12)


@settings(max_examples=40, deadline=None)
@given(cell_counts)
def test_saturated_weights_reproduce_basis_distribution(counts):
    """Post-stratified reference weights give exactly the basis group's cell distribution."""
    grid = pd.MultiIndex.from_product([["a", "b", "c"], ["M", "V"], [2019, 2020]],
                                      names=["x", "sex", "year"]).to_frame(index=False)
    grid["n_basis"] = [float(b) for b, _ in counts]
    grid["n_reference"] = [float(r) for _, r in counts]
    sat = saturated_weights(grid, ("x", "sex")).cells
    np.testing.assert_allclose(sat["n_reference"] * sat["weight"], sat["n_basis"], atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(cell_counts)
def test_saturated_logit_model_equals_post_stratification(counts):
    """With every cell's interaction in the model, ATT odds weights equal the saturated ones."""
    grid = pd.MultiIndex.from_product([["a", "b", "c"], ["M", "V"]], names=["x", "year"]).to_frame(index=False)
    grid = pd.concat([grid, grid]).reset_index(drop=True)
    grid["n_basis"] = [float(b) + 1 for b, _ in counts]
    grid["n_reference"] = [float(r) for _, r in counts]
    spec = PropensitySpec(covariates=("x",), interactions=(("x", "year"),))
    ipw = att_weights(fit_propensity(grid, spec)).groupby(["x", "year"])["weight"].first()
    sat = saturated_weights(grid, ("x",)).cells.set_index(["x", "year"])["weight"]
    np.testing.assert_allclose(ipw.loc[sat.index], sat, rtol=1e-6)


def test_index_design_products_equal_the_dense_design():
    """The bincount products of the index design equal those of the 0/1 matrix it stands for."""
    from kansenmonitor.methods.propensity import design_matrix

    cells = propensity_cells(("age_band", "sex", "educ", "year"))
    spec = PropensitySpec(covariates=("age_band", "sex", "educ"), interactions=(("educ", "year"),))
    x, design = design_matrix(cells, spec)
    dense = x.dense()
    assert dense.shape == (len(cells), len(design.columns))
    assert "educ=3:year=2020" in design.columns
    col = design.columns.index("educ=3:year=2020")
    np.testing.assert_array_equal(dense[:, col], ((cells["educ"] == 3) & (cells["year"] == 2020)).astype(float))
    rng = np.random.default_rng(0)
    v, beta, r = rng.random(len(cells)), rng.normal(size=dense.shape[1]), rng.normal(size=len(cells))
    np.testing.assert_allclose(x.gram(v), dense.T @ (dense * v[:, None]), atol=1e-12)
    np.testing.assert_allclose(x.matvec(beta), dense @ beta, atol=1e-12)
    np.testing.assert_allclose(x.rmatvec(r), dense.T @ r, atol=1e-12)


def test_quasi_complete_separation_in_an_interaction_is_an_error():
    """A (level, year) cell with basis persons only: the interaction diverges and is named."""
    grid = pd.MultiIndex.from_product([["a", "b", "c"], [2019, 2020]], names=["x", "year"]).to_frame(index=False)
    grid["n_basis"] = [10.0, 12.0, 8.0, 9.0, 11.0, 7.0]
    grid["n_reference"] = [20.0, 0.0, 15.0, 18.0, 14.0, 16.0]
    spec = PropensitySpec(covariates=("x",), interactions=(("x", "year"),))
    with pytest.raises(ModelError, match=r"separation: 1 cells"):
        fit_propensity(grid, spec)
