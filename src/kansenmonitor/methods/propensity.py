"""Propensity weighting of the reference group to a basis group, on cell counts (report §7.2.2).

Report §7.2.2 advises to weight the reference group (no migration background) so that it
resembles the basis group (non-western background, or one origin group): persons in the
reference group get a higher weight the higher their predicted probability of being in the
basis group given their characteristics (the propensity score). The weighting is done
**over the whole period** (one model pooled over all years, with year in the model), and
balance is checked per year (``balance.py``; indicators.md §6).

Input is a *propensity cell table*: one row per covariate pattern and year with the number
of basis persons ``n_basis`` and reference persons ``n_reference`` (methods-anchors §1.4).
All covariates are categorical or banded (age in years counts as categorical here).

* Model: ``logit P(basis | x, year) = β₀ + Σ main effects + year (+ configured two-way
  interactions)``, treatment (dummy) coding with the first sorted level as reference,
  fitted by IRLS on the cell counts (:mod:`kansenmonitor.methods.logit`): exactly the
  person-level maximum-likelihood fit.
* ATT odds weights: a reference person in a cell with fitted propensity ``p`` gets
  ``p / (1 − p)``; per year the weights are scaled so that the weighted reference group
  has the size of the basis group (``Σ n_reference·w = Σ n_basis``). Basis persons keep 1.
* Trimming (optional, :class:`Trimming`): per year, person weights above a cap are set to
  the cap — the cap is ``max_ratio`` × the mean reference weight, or the ``quantile`` of
  the reference persons' weights — and the year's weights are scaled back to the basis
  size once. After that rescaling a capped weight can exceed the cap slightly (as in
  ``balance``'s mean-ratio trimming with the sum of weights kept).
* Saturated check (:func:`saturated_weights`): each reference person in a cell gets
  ``n_basis / n_reference`` of that (covariate pattern, year) cell — post-stratification,
  which IPW equals when the model is saturated (methods-anchors §0.3). Cells with basis
  persons and no reference person cannot be reweighted: they are returned, with their
  basis count, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kansenmonitor.methods.logit import IndexDesign, LogitFit, ModelError, fit_logit

BASIS = "n_basis"
REFERENCE = "n_reference"
YEAR = "year"


@dataclass(frozen=True)
class Trimming:
    """Cap on reference weights, per year: ``max_ratio`` × mean weight, or a weight quantile."""

    max_ratio: float | None = None
    quantile: float | None = None

    def __post_init__(self) -> None:
        if (self.max_ratio is None) == (self.quantile is None):
            raise ValueError("Trimming needs exactly one of max_ratio or quantile")
        if self.max_ratio is not None and self.max_ratio <= 1:
            raise ValueError(f"Trimming max_ratio must exceed 1, got {self.max_ratio}")
        if self.quantile is not None and not 0 < self.quantile < 1:
            raise ValueError(f"Trimming quantile must lie in (0, 1), got {self.quantile}")


@dataclass(frozen=True)
class PropensitySpec:
    """The propensity model as configuration: covariates, year column, two-way interactions."""

    covariates: tuple[str, ...]
    year: str | None = YEAR  # None: no year factor (a model within one period)
    interactions: tuple[tuple[str, str], ...] = ()
    trimming: Trimming | None = None

    def factors(self) -> tuple[str, ...]:
        return (*self.covariates, self.year) if self.year is not None else self.covariates

    def __post_init__(self) -> None:
        known = set(self.factors())
        for a, b in self.interactions:
            if a not in known or b not in known:
                raise ValueError(f"interaction {a}:{b} names a factor outside {sorted(known)}")


@dataclass(frozen=True)
class Design:
    """Treatment-coded design: levels per factor (first = reference level) and column names."""

    levels: dict[str, tuple] = field(default_factory=dict)
    columns: tuple[str, ...] = ()


def factor_levels(cells: pd.DataFrame, factors: Sequence[str]) -> dict[str, tuple]:
    """Sorted distinct levels of each factor in the cells."""
    missing = [f for f in factors if f not in cells.columns]
    if missing:
        raise ModelError(f"cell table lacks covariate columns: {', '.join(missing)}")
    for f in factors:
        if cells[f].isna().any():
            row = int(np.flatnonzero(cells[f].isna().to_numpy())[0])
            raise ModelError(f"covariate {f} is missing (null) in cell row {row}; "
                             "give unknowns their own code before weighting")
    return {f: tuple(sorted(pd.unique(cells[f]))) for f in factors}


def _codes(values: pd.Series, levels: tuple) -> np.ndarray:
    codes = pd.Categorical(values, categories=list(levels)).codes
    if (codes < 0).any():
        bad = values[codes < 0].iloc[0]
        raise ModelError(f"level {bad!r} of {values.name} not in the fitted levels")
    return codes.astype(np.int64)


def design_matrix(cells: pd.DataFrame, spec: PropensitySpec,
                  design: Design | None = None) -> tuple[IndexDesign, Design]:
    """Intercept, main-effect dummies of every factor (covariates and year), interaction dummies.

    Returned as an :class:`~kansenmonitor.methods.logit.IndexDesign` (``.dense()`` gives
    the 0/1 matrix); column names ``factor=level`` and ``a=level:b=level``.
    """
    levels = design.levels if design is not None else factor_levels(cells, spec.factors())
    names: list[str] = ["(intercept)"]
    offsets: dict[str, int] = {}
    codes: dict[str, np.ndarray] = {}
    for f in spec.factors():
        offsets[f] = len(names) - 1  # column of level code 1 is offsets[f] + 1
        codes[f] = _codes(cells[f], levels[f])
        names += [f"{f}={lv}" for lv in levels[f][1:]]
    inter_offsets = []
    for a, b in spec.interactions:
        inter_offsets.append(len(names))
        names += [f"{a}={la}:{b}={lb}" for la in levels[a][1:] for lb in levels[b][1:]]
    sentinel = len(names)
    terms = [np.zeros(len(cells), dtype=np.int64)]
    for f in spec.factors():
        terms.append(np.where(codes[f] > 0, offsets[f] + codes[f], sentinel))
    for (a, b), off in zip(spec.interactions, inter_offsets):
        width = len(levels[b]) - 1
        both = (codes[a] > 0) & (codes[b] > 0)
        terms.append(np.where(both, off + (codes[a] - 1) * width + (codes[b] - 1), sentinel))
    index = np.column_stack(terms)
    return IndexDesign(index=index, n_columns=sentinel), Design(levels=levels, columns=tuple(names))


def check_overlap(cells: pd.DataFrame, spec: PropensitySpec) -> None:
    """Raise when a factor level has only basis or only reference persons (complete separation)."""
    for f in spec.factors():
        totals = cells.groupby(f, observed=True)[[BASIS, REFERENCE]].sum()
        one_sided = totals[(totals[BASIS] == 0) | (totals[REFERENCE] == 0)]
        one_sided = one_sided[(one_sided[BASIS] + one_sided[REFERENCE]) > 0]
        if len(one_sided):
            lv = one_sided.index[0]
            raise ModelError(
                f"covariate {f} level {str(lv)}: {one_sided[BASIS].iloc[0]:g} basis and "
                f"{one_sided[REFERENCE].iloc[0]:g} reference persons — no overlap, the propensity "
                "is 0 or 1 (separation); merge the level with a neighbour"
            )


def check_cells(cells: pd.DataFrame) -> None:
    """Counts must be present, finite and non-negative."""
    for col in (BASIS, REFERENCE):
        if col not in cells.columns:
            raise ModelError(f"cell table lacks column {col}")
        v = cells[col].to_numpy(dtype=float)
        bad = ~np.isfinite(v) | (v < 0)
        if bad.any():
            raise ModelError(f"column {col}, cell row {int(np.flatnonzero(bad)[0])}: count "
                             f"{v[bad][0]} is not a finite non-negative number")


@dataclass(frozen=True)
class PropensityModel:
    """A fitted pooled propensity model and the cells it was fitted on."""

    spec: PropensitySpec
    design: Design
    fit: LogitFit
    cells: pd.DataFrame  # input cells with a ``propensity`` column


def fit_propensity(cells: pd.DataFrame, spec: PropensitySpec,
                   start: dict[str, float] | None = None) -> PropensityModel:
    """Fit the pooled logistic propensity model of basis membership on the cell counts.

    ``start``: initial coefficients by term name (terms not in it start at 0).
    """
    check_cells(cells)
    check_overlap(cells, spec)
    x, design = design_matrix(cells, spec)
    s = cells[BASIS].to_numpy(dtype=float)
    m = s + cells[REFERENCE].to_numpy(dtype=float)
    beta0 = None if start is None else np.array([start.get(c, 0.0) for c in design.columns])
    fit = fit_logit(x, s, m, design.columns, start=beta0)
    out = cells.copy()
    out["propensity"] = fit.fitted
    return PropensityModel(spec=spec, design=design, fit=fit, cells=out)


def _normalise(weights: np.ndarray, n_ref: np.ndarray, target: float) -> np.ndarray:
    total = float(np.sum(n_ref * weights))
    return weights * (target / total) if total > 0 else weights


def _cap(weights: np.ndarray, n_ref: np.ndarray, trimming: Trimming) -> float:
    persons = n_ref > 0
    if trimming.max_ratio is not None:
        return trimming.max_ratio * float(np.sum(n_ref * weights) / np.sum(n_ref))
    order = np.argsort(weights[persons])
    w_sorted = weights[persons][order]
    cum = np.cumsum(n_ref[persons][order])
    idx = int(np.searchsorted(cum, trimming.quantile * cum[-1], side="left"))
    return float(w_sorted[min(idx, len(w_sorted) - 1)])


def att_weights(model: PropensityModel, trimming: Trimming | None = None) -> pd.DataFrame:
    """Per cell the ATT odds weight of one reference person, normalised to the basis size per year.

    Returns the cells with ``propensity``, ``odds``, ``weight`` (per reference person) and
    ``trimmed`` (reference persons whose weight was capped).
    """
    trimming = trimming if trimming is not None else model.spec.trimming
    cells = model.cells.copy()
    p = cells["propensity"].to_numpy()
    cells["odds"] = p / (1.0 - p)
    weight = cells["odds"].to_numpy().copy()
    trimmed = np.zeros(len(cells))
    n_ref = cells[REFERENCE].to_numpy(dtype=float)
    n_basis = cells[BASIS].to_numpy(dtype=float)
    periods = (cells.groupby(model.spec.year, sort=True).indices.values()
               if model.spec.year is not None else [np.arange(len(cells))])
    for idx in periods:
        target = float(n_basis[idx].sum())
        w = _normalise(weight[idx], n_ref[idx], target)
        if trimming is not None and n_ref[idx].sum() > 0:
            cap = _cap(w, n_ref[idx], trimming)
            over = w > cap
            trimmed[idx] = np.where(over, n_ref[idx], 0.0)
            w = _normalise(np.minimum(w, cap), n_ref[idx], target)
        weight[idx] = w
    cells["weight"] = weight
    cells["trimmed"] = trimmed
    return cells


@dataclass(frozen=True)
class SaturatedWeights:
    """Post-stratification weights and the basis cells that have no reference persons."""

    cells: pd.DataFrame  # pooled cells with ``weight`` (n_basis / n_reference; 0 when no basis)
    unmatched: pd.DataFrame  # cells with n_basis > 0 and n_reference == 0
    unmatched_basis: pd.Series  # basis persons in unmatched cells, per year


def saturated_weights(cells: pd.DataFrame, covariates: Sequence[str],
                      year: str = YEAR) -> SaturatedWeights:
    """Saturated cell reweighting: weight ``n_basis / n_reference`` per (covariates, year) cell."""
    check_cells(cells)
    keys = [*covariates, year]
    factor_levels(cells, keys)
    pooled = cells.groupby(keys, as_index=False, sort=True)[[BASIS, REFERENCE]].sum()
    ref = pooled[REFERENCE].to_numpy(dtype=float)
    basis = pooled[BASIS].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled["weight"] = np.where(ref > 0, basis / ref, 0.0)
    unmatched = pooled[(ref == 0) & (basis > 0)].reset_index(drop=True)
    per_year = unmatched.groupby(year)[BASIS].sum()
    per_year = per_year.reindex(sorted(pd.unique(pooled[year])), fill_value=0.0)
    return SaturatedWeights(cells=pooled, unmatched=unmatched, unmatched_basis=per_year)


def coefficient_table(model: PropensityModel) -> pd.DataFrame:
    """Coefficients with model-based and sandwich standard errors (for the run output)."""
    f = model.fit
    return pd.DataFrame({"term": list(f.columns), "estimate": f.coef,
                         "se_model": f.se_model, "se_sandwich": f.se_sandwich})
