"""Adjusted indicators: weighted reference value, gaps, regression adjustment, effect sizes, bootstrap.

Report §7.2.2 advises to correct the comparison of a basis group with the reference group
for background characteristics in two ways: (a) weighting the groups to the
characteristics and (b) taking the characteristics along as explanatory variables. Report
§3.3.1 e asks for effect sizes beside the differences. All of it is computed from
**outcome cells** — one row per (covariate pattern, year, ``group``) with ``group`` either
:data:`BASIS_GROUP` or :data:`REFERENCE_GROUP` and the unweighted cell statistics of
``indicators/cells.py``: ``n`` persons, ``sum_y = Σy``, ``sum_y2 = Σy²`` (register data:
every person weight 1). Per year, with ``a_c`` the ATT weight of a reference person in
cell c (:func:`~kansenmonitor.methods.propensity.att_weights`):

* ``basis`` ``B = Σ_c sum_y_b / Σ_c n_b``; ``reference_unweighted`` ``R₀``;
* ``reference_weighted`` ``R_w = Σ a_c·sum_y_r / Σ a_c·n_r`` (Hájek);
* ``reference_regression``: an outcome regression ``m(x)`` — ordinary least squares of y
  on the propensity model's design (main effects, year, configured interactions; a linear
  probability model for shares) fitted on the reference persons of all years — averaged
  over the basis group's cells: ``Σ n_b·m(x) / Σ n_b``;
* ``reference_doubly_robust``: that plus the weighted mean residual of the reference
  group, ``Σ a_c (sum_y_r − n_r·m(x)) / Σ a_c·n_r`` (augmented IPW for the ATT: consistent
  if either the propensity or the outcome model is right);
* gaps ``basis − reference`` for each; ``share_explained`` = ``1 − gap_weighted /
  gap_unadjusted`` (and ``share_explained_doubly_robust``): the part of the raw gap that
  the characteristics account for; NaN when the raw gap is 0;
* effect sizes: difference (the gap), ``ratio`` ``B / R_w``, and for shares Cohen's
  ``h = 2·asin√B − 2·asin√R_w``, for means Cohen's ``d = (B − R_w) / √((s²_B + s²_w)/2)``.

Uncertainty (:func:`bootstrap_adjusted`): a **cell-level bootstrap** that redraws the
persons of every (group, year) stratum with replacement — a multinomial draw of the
stratum's size over its units — and repeats the *whole* pipeline on each replicate:
propensity fit, weights (with the same trimming), outcome regression and every figure.
It therefore accounts for the estimation of the weights and of the outcome model. For a
share the units are (cell, y = 0/1), so the draw is exactly a person-level bootstrap. For
a mean the cell's persons are not known individually: a replicate cell with ``n*`` persons
gets the mean ``ȳ + s·ε/√n*`` (ε standard normal, s the cell's SD) — the within-cell
resampling matched in its first two moments, not exact. It does not account for persons
appearing in several years (years are resampled independently), for survey design
(strata, clusters) or for the choice of covariates. Standard error = SD of the replicates;
95 % interval = their 2.5 and 97.5 percentiles. Replicates whose model cannot be fitted
are counted (``replicates_failed``), never silently dropped.

:func:`weighted_mean` is the fixed-weight Hájek mean with its linearisation SE
(``indicators/cells.py``; R ``survey::svymean`` with ``svydesign(ids = ~1, weights = )``),
for figures whose weights are taken as given.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from kansenmonitor.methods.logit import ModelError
from kansenmonitor.methods.propensity import (
    BASIS,
    REFERENCE,
    PropensitySpec,
    att_weights,
    design_matrix,
    fit_propensity,
)

BASIS_GROUP = "basis"
REFERENCE_GROUP = "reference"
Kind = Literal["share", "mean"]
STAT_COLUMNS = ("n", "sum_y", "sum_y2")


def _check_outcome_cells(cells: pd.DataFrame, spec: PropensitySpec, kind: Kind) -> None:
    missing = [c for c in (*spec.factors(), "group", *STAT_COLUMNS) if c not in cells.columns]
    if missing:
        raise ValueError(f"outcome cell table lacks columns: {', '.join(missing)}")
    groups = set(pd.unique(cells["group"]))
    if not groups <= {BASIS_GROUP, REFERENCE_GROUP}:
        raise ValueError(f"group must be {BASIS_GROUP!r} or {REFERENCE_GROUP!r}, found "
                         f"{sorted(map(str, groups - {BASIS_GROUP, REFERENCE_GROUP}))}")
    if kind == "share":
        bad = (cells["sum_y"] < 0) | (cells["sum_y"] > cells["n"]) | (cells["sum_y2"] != cells["sum_y"])
        if bad.any():
            raise ValueError(f"share cell row {int(np.flatnonzero(bad.to_numpy())[0])}: sum_y must be "
                             "a count of persons with y = 1 (0 ≤ sum_y = sum_y2 ≤ n)")


def wide_cells(cells: pd.DataFrame, spec: PropensitySpec) -> pd.DataFrame:
    """One row per (covariates, year) with the basis and reference statistics side by side."""
    keys = list(spec.factors())
    wide = cells.pivot_table(index=keys, columns="group", values=list(STAT_COLUMNS),
                             aggfunc="sum", fill_value=0.0)
    wide.columns = [f"{stat}_{grp}" for stat, grp in wide.columns]
    for stat in STAT_COLUMNS:
        for grp in (BASIS_GROUP, REFERENCE_GROUP):
            if f"{stat}_{grp}" not in wide.columns:
                wide[f"{stat}_{grp}"] = 0.0
    wide = wide.reset_index()
    wide[BASIS] = wide[f"n_{BASIS_GROUP}"]
    wide[REFERENCE] = wide[f"n_{REFERENCE_GROUP}"]
    return wide


def _outcome_regression(wide: pd.DataFrame, spec: PropensitySpec) -> np.ndarray:
    """OLS of y on the design in the reference group, from cell sums; predictions per cell.

    Levels come from all cells (basis and reference), so every basis cell gets a prediction;
    a level without reference persons makes the normal equations singular and ``lstsq``
    returns the minimum-norm solution (that level predicted at its baseline).
    """
    x, _ = design_matrix(wide, spec)
    xtx = x.gram(wide[f"n_{REFERENCE_GROUP}"].to_numpy(float))
    xty = x.rmatvec(wide[f"sum_y_{REFERENCE_GROUP}"].to_numpy(float))
    beta, *_ = np.linalg.lstsq(xtx, xty, rcond=None)
    return x.matvec(beta)


def _effect_sizes(kind: Kind, b: float, rw: float, var_b: float, var_rw: float) -> dict[str, float]:
    out = {"ratio": b / rw if rw != 0 else math.nan}
    if kind == "share":
        out["cohen_h"] = 2 * math.asin(math.sqrt(b)) - 2 * math.asin(math.sqrt(min(max(rw, 0.0), 1.0)))
    else:
        pooled = math.sqrt((var_b + var_rw) / 2)
        out["cohen_d"] = (b - rw) / pooled if pooled > 0 else math.nan
    return out


def _year_figures(g: pd.DataFrame, kind: Kind) -> dict[str, float]:
    nb, nr = g[f"n_{BASIS_GROUP}"].to_numpy(float), g[f"n_{REFERENCE_GROUP}"].to_numpy(float)
    yb, yr = g[f"sum_y_{BASIS_GROUP}"].to_numpy(float), g[f"sum_y_{REFERENCE_GROUP}"].to_numpy(float)
    y2b, y2r = g[f"sum_y2_{BASIS_GROUP}"].to_numpy(float), g[f"sum_y2_{REFERENCE_GROUP}"].to_numpy(float)
    a, m = g["weight"].to_numpy(float), g["predicted"].to_numpy(float)
    b = yb.sum() / nb.sum()
    r0 = yr.sum() / nr.sum()
    wn = np.sum(a * nr)
    rw = np.sum(a * yr) / wn
    r_reg = np.sum(nb * m) / nb.sum()
    r_dr = r_reg + np.sum(a * (yr - nr * m)) / wn
    var_b = y2b.sum() / nb.sum() - b * b
    var_rw = np.sum(a * y2r) / wn - rw * rw
    gap0, gap_w, gap_dr = b - r0, b - rw, b - r_dr
    fig = {"basis": b, "reference_unweighted": r0, "reference_weighted": rw,
           "reference_regression": r_reg, "reference_doubly_robust": r_dr,
           "gap_unadjusted": gap0, "gap_weighted": gap_w, "gap_regression": b - r_reg,
           "gap_doubly_robust": gap_dr,
           "share_explained": 1 - gap_w / gap0 if gap0 != 0 else math.nan,
           "share_explained_doubly_robust": 1 - gap_dr / gap0 if gap0 != 0 else math.nan}
    fig.update(_effect_sizes(kind, b, rw, var_b, var_rw))
    return fig


@dataclass(frozen=True)
class Adjusted:
    """Point estimates per year (wide: one column per figure) and the weighted cells used."""

    figures: pd.DataFrame
    cells: pd.DataFrame
    coefficients: dict[str, float]  # the propensity model's, by term


def adjusted_figures(cells: pd.DataFrame, spec: PropensitySpec, kind: Kind,
                     outcome_spec: PropensitySpec | None = None,
                     start: dict[str, float] | None = None) -> Adjusted:
    """All adjusted figures per year from outcome cells (see the module docstring).

    ``outcome_spec``: the outcome regression's covariates and interactions; by default the
    propensity model's (report §7.2.2 b: the same characteristics as explanatory variables).
    """
    outcome_spec = outcome_spec or spec
    _check_outcome_cells(cells, spec, kind)
    keys = list(dict.fromkeys([*spec.factors(), *outcome_spec.factors()]))
    wide = wide_cells(cells, PropensitySpec(covariates=tuple(k for k in keys if k != spec.year),
                                            year=spec.year))
    model = fit_propensity(wide, spec, start=start)
    weighted = att_weights(model)
    weighted["predicted"] = _outcome_regression(weighted, outcome_spec)
    rows = [{spec.year: y, **_year_figures(g, kind)} for y, g in weighted.groupby(spec.year, sort=True)]
    return Adjusted(figures=pd.DataFrame(rows), cells=weighted,
                    coefficients=dict(zip(model.fit.columns, model.fit.coef)))


def _units(cells: pd.DataFrame, kind: Kind) -> pd.DataFrame:
    """Bootstrap units: (cell, y) for shares, cells for means; ``count`` persons each."""
    if kind == "mean":
        return cells.assign(count=cells["n"].astype(float))
    ones = cells.assign(count=cells["sum_y"].astype(float), y=1.0)
    zeros = cells.assign(count=(cells["n"] - cells["sum_y"]).astype(float), y=0.0)
    return pd.concat([ones, zeros], ignore_index=True)


def _redraw(units: pd.DataFrame, strata: list[np.ndarray], rng: np.random.Generator,
            kind: Kind) -> pd.DataFrame:
    count = units["count"].to_numpy(float)
    new = np.zeros(len(units))
    for idx in strata:
        total = int(round(count[idx].sum()))
        if total > 0:
            new[idx] = rng.multinomial(total, count[idx] / count[idx].sum())
    rep = units.copy()
    rep["n"] = new
    if kind == "share":
        rep["sum_y"] = new * rep["y"].to_numpy()
        rep["sum_y2"] = rep["sum_y"]
        return rep.drop(columns=["y", "count"])
    n0 = units["n"].to_numpy(float)
    mean = units["sum_y"].to_numpy(float) / np.where(n0 > 0, n0, 1)
    var = np.where(n0 > 1, (units["sum_y2"].to_numpy(float) - n0 * mean ** 2) / np.maximum(n0 - 1, 1), 0.0)
    sd = np.sqrt(np.maximum(var, 0.0))
    mean_star = mean + sd * rng.standard_normal(len(units)) / np.sqrt(np.maximum(new, 1))
    rep["sum_y"] = new * mean_star
    rep["sum_y2"] = np.maximum(new - 1, 0) * var + new * mean_star ** 2
    return rep.drop(columns=["count"])


def bootstrap_adjusted(cells: pd.DataFrame, spec: PropensitySpec, kind: Kind,
                       replicates: int = 200, seed: int = 20261122,
                       outcome_spec: PropensitySpec | None = None) -> pd.DataFrame:
    """Point estimates with bootstrap SE and 95 % percentile interval, per year and figure (long).

    Columns: year, ``figure``, ``estimate``, ``se``, ``ci_low``, ``ci_high``,
    ``replicates`` (used) and ``replicates_failed``.
    """
    full = adjusted_figures(cells, spec, kind, outcome_spec)
    point = full.figures
    year = spec.year
    units = _units(cells, kind)
    strata = list(units.groupby(["group", year], sort=True).indices.values())
    rng = np.random.default_rng(seed)
    reps: list[pd.DataFrame] = []
    failed = 0
    for _ in range(replicates):
        rep = _redraw(units, strata, rng, kind)
        rep = rep[rep["n"] > 0]
        try:
            reps.append(adjusted_figures(rep, spec, kind, outcome_spec, start=full.coefficients).figures)
        except (ModelError, np.linalg.LinAlgError):
            failed += 1
    long_point = point.melt(id_vars=[year], var_name="figure", value_name="estimate")
    if not reps:
        raise ModelError(f"all {replicates} bootstrap replicates failed to fit")
    allreps = pd.concat(reps, ignore_index=True).melt(id_vars=[year], var_name="figure")
    summary = allreps.groupby([year, "figure"])["value"].agg(
        se=lambda v: float(np.nanstd(v, ddof=1)),
        ci_low=lambda v: float(np.nanpercentile(v, 2.5)),
        ci_high=lambda v: float(np.nanpercentile(v, 97.5))).reset_index()
    out = long_point.merge(summary, on=[year, "figure"], how="left")
    out["replicates"] = len(reps)
    out["replicates_failed"] = failed
    return out


def cell_weights_to_statistics(cells: pd.DataFrame, weight: str = "weight") -> pd.DataFrame:
    """Unweighted cells (n, sum_y, sum_y2) with one weight per cell → the weighted sums of cells.py."""
    a = cells[weight].to_numpy(float)
    out = cells.copy()
    out["w"] = cells["n"] * a
    out["sum_w2"] = cells["n"] * a * a
    out["sum_w2y"] = cells["sum_y"] * a * a
    out["sum_w2y2"] = cells["sum_y2"] * a * a
    out["sum_y2"] = cells["sum_y2"] * a
    out["sum_y"] = cells["sum_y"] * a
    return out


def weighted_mean(cells: pd.DataFrame) -> tuple[float, float]:
    """Hájek mean ``Σwy/Σw`` and its linearisation SE with the weights fixed (cells.py formula).

    ``se² = N/(N − 1)·Σw²(y − R)²/W²``, ``Σw²(y − R)² = sum_w2y2 − 2R·sum_w2y + R²·sum_w2``:
    R ``survey::svymean`` for a one-stage design without strata.
    """
    n, w = float(cells["n"].sum()), float(cells["w"].sum())
    r = float(cells["sum_y"].sum()) / w
    ss = float(cells["sum_w2y2"].sum() - 2 * r * cells["sum_w2y"].sum() + r * r * cells["sum_w2"].sum())
    return r, math.sqrt(n / (n - 1) * ss) / w


def effect_sizes_table(figures: pd.DataFrame, year: str = "year") -> pd.DataFrame:
    """The gap and effect-size figures of :func:`adjusted_figures`, long, for the run output."""
    keep = [c for c in ("gap_unadjusted", "gap_weighted", "gap_doubly_robust", "ratio",
                        "cohen_h", "cohen_d", "share_explained") if c in figures.columns]
    return figures.melt(id_vars=[year], value_vars=keep, var_name="figure", value_name="estimate")


def outcome_cells_from_persons(persons: pd.DataFrame, keys: Sequence[str], outcome: str,
                               group: str = "group") -> pd.DataFrame:
    """Person rows (``group`` holding basis/reference) → outcome cells; for tests and small inputs."""
    p = persons.assign(_y=persons[outcome].astype(float))
    p["_y2"] = p["_y"] ** 2
    out = p.groupby([*keys, group], as_index=False).agg(n=("_y", "size"), sum_y=("_y", "sum"),
                                                        sum_y2=("_y2", "sum"))
    out["n"] = out["n"].astype(float)
    return out.rename(columns={group: "group"})


def _survival_figures(exits: pd.DataFrame, spec: PropensitySpec, horizons: Sequence[int],
                      start: dict[str, float] | None = None
                      ) -> tuple[pd.DataFrame, dict[str, float]]:
    """Per year, cause and horizon: basis CIF, weighted reference CIF and their gap."""
    from kansenmonitor.methods.survival import aalen_johansen, at_horizons, weighted_exits

    keys = list(spec.factors())
    counts = exits.pivot_table(index=keys, columns="group", values="n", aggfunc="sum", fill_value=0.0)
    cells = pd.DataFrame({BASIS: counts.get(BASIS_GROUP, 0.0),
                          REFERENCE: counts.get(REFERENCE_GROUP, 0.0)}).reset_index()
    model = fit_propensity(cells, spec, start=start)
    weights = att_weights(model)
    basis = exits[exits["group"] == BASIS_GROUP]
    ref = weighted_exits(exits[exits["group"] == REFERENCE_GROUP], weights, keys)
    out = []
    for label, table in (("basis", basis), ("reference_weighted", ref)):
        curve = aalen_johansen(table, by=(spec.year,))
        h = at_horizons(curve, ["cif"], by=(spec.year, "cause"), horizons=horizons,
                        start_values={"cif": 0.0})
        out.append(h.assign(curve=label))
    both = pd.concat(out, ignore_index=True)
    wide = both.pivot_table(index=[spec.year, "cause", "horizon"], columns="curve", values="cif",
                            dropna=False).reset_index()
    wide["gap"] = wide["basis"] - wide["reference_weighted"]
    long = wide.melt(id_vars=[spec.year, "cause", "horizon"], value_vars=["basis", "reference_weighted", "gap"],
                     var_name="figure", value_name="estimate")
    return long, dict(zip(model.fit.columns, model.fit.coef))


def bootstrap_survival(exits: pd.DataFrame, spec: PropensitySpec, horizons: Sequence[int] = (1, 3, 6, 12, 24, 36),
                       replicates: int = 200, seed: int = 20261122) -> pd.DataFrame:
    """Cumulative incidence per cause at horizons, basis vs weighted reference, with bootstrap SE.

    ``exits``: an exit table (``survival.py``) with the propensity factors, ``group``
    (basis/reference), ``t``, ``status`` and ``n`` (persons). ``cause`` 0 is the share still
    in the spell (KM survival), so cumulative job finding with one destination is 1 − that.
    The bootstrap redraws persons within (group, year) — every exit-table row is a set of
    identical persons, so the draw is exact — and refits the propensity model on each
    replicate; it accounts for estimating the weights (methods-anchors §0.5), unlike the
    fixed-weight IJ SE of ``aalen_johansen``. Columns as :func:`bootstrap_adjusted`.
    """
    point, coefficients = _survival_figures(exits, spec, horizons)
    units = exits.assign(count=exits["n"].astype(float))
    strata = list(units.groupby(["group", spec.year], sort=True).indices.values())
    rng = np.random.default_rng(seed)
    reps, failed = [], 0
    keys = [spec.year, "cause", "horizon", "figure"]
    for _ in range(replicates):
        count = units["count"].to_numpy()
        new = np.zeros(len(units))
        for idx in strata:
            total = int(round(count[idx].sum()))
            new[idx] = rng.multinomial(total, count[idx] / count[idx].sum())
        rep = exits.assign(n=new, n_w2=new)
        rep = rep[rep["n"] > 0]
        try:
            reps.append(_survival_figures(rep, spec, horizons, start=coefficients)[0])
        except (ModelError, np.linalg.LinAlgError):
            failed += 1
    if not reps:
        raise ModelError(f"all {replicates} bootstrap replicates failed to fit")
    summary = pd.concat(reps, ignore_index=True).groupby(keys)["estimate"].agg(
        se=lambda v: float(np.nanstd(v, ddof=1)) if v.notna().sum() > 1 else np.nan,
        ci_low=lambda v: float(np.nanpercentile(v, 2.5)) if v.notna().any() else np.nan,
        ci_high=lambda v: float(np.nanpercentile(v, 97.5)) if v.notna().any() else np.nan).reset_index()
    out = point.merge(summary, on=keys, how="left")
    out["replicates"] = len(reps)
    out["replicates_failed"] = failed
    return out
