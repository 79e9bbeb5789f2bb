"""Durations with censoring and competing destinations, from grouped exit tables (indicators.md §6).

Durations in the register are monthly (time to work, job retention, time in a benefit);
report §7.2.2 asks for the same adjustment for background characteristics, and
indicators.md §6 for survival analysis that handles censoring (indicators 25, 38, 39) and
competing risks for several destinations (28-34). Everything here works on an **exit
table** (methods-anchors §2.3): one row per (group keys, month ``t`` of exit, ``status``)
with ``n`` the number of persons (or the sum of their weights) whose spell ends at ``t``
with that status — ``0`` censored (still in the spell after month ``t``, not observed
further), ``k > 0`` event of cause ``k`` — and, for weighted tables, ``n_w2`` the sum of
squared weights. Persons censored at ``t`` are at risk at ``t`` (as in R ``survival``).

From it (per group, at every distinct exit month ``t``; ``n(t)`` at risk, ``d_k(t)``
events of cause k, ``d = Σ d_k``, ``h_k = d_k/n``, ``h = d/n``):

* Kaplan–Meier ``S(t) = Π_{s≤t} (1 − h(s))``; unweighted standard error by Greenwood,
  ``se² = S² Σ d/(n(n − d))`` (R ``summary(survfit)``'s ``std.err``); 95 % interval on the
  log scale, ``S·exp(±1.96·se/S)`` capped at 1 (R's default ``conf.type = "log"``).
* Aalen–Johansen cumulative incidence per cause ``F_k(t) = Σ_{s≤t} S(s−)·h_k(s)``
  (R ``cmprsk::cuminc`` and ``survfit`` multi-state ``pstate``); ``Σ_k F_k = 1 − S``.
* Variance of AJ (and of weighted KM): the **infinitesimal jackknife** (IJ) as R
  ``survfit`` computes it for multi-state curves and for weighted data:
  ``var = Σ_i w_i²·D_i²`` with ``D_i`` the derivative of the estimate with respect to
  person i's weight. ``D_i`` depends only on i's exit month and status, so the sum runs
  over exit-table rows with ``n_w2`` (= ``n`` unweighted) — exact for grouped data. With
  propensity weights this treats the weights as fixed; the uncertainty of estimating them
  comes from the bootstrap in :mod:`kansenmonitor.methods.adjusted` (methods-anchors §0.5).
* Values at fixed horizons (1, 3, 6, 12, 24, 36 months): the step function at the last
  exit month ``≤`` horizon; beyond a group's last exit month the value is unknown (NaN,
  ``beyond_follow_up``), never carried forward.
* Discrete-time (monthly) hazard regression: a logistic model of ``P(event of cause k in
  month t | at risk at t, x)`` fitted on person-period counts per (covariate cell, month or
  month band) — for competing risks cause-specific, the other causes ending the risk set.
  Equal to the person-month ``glm(..., binomial)`` (R) by the same IRLS as the propensity
  model.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kansenmonitor.methods.logit import LogitFit, fit_logit
from kansenmonitor.methods.propensity import PropensitySpec, design_matrix

HORIZONS = (1, 3, 6, 12, 24, 36)
Z95 = 1.959963984540054


def exit_table(persons: pd.DataFrame, by: Sequence[str] = (), time: str = "time",
               status: str = "status", weight: str | None = None) -> pd.DataFrame:
    """Collapse person rows (one spell each) to the exit table: ``by``, ``t``, ``status``, ``n``, ``n_w2``."""
    bad = (persons[time].isna() | (persons[time] < 1)).to_numpy()
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise ValueError(f"variable {time}, row {row + 1}: duration {persons[time].iloc[row]} "
                         "is not a month ≥ 1")
    w = persons[weight].to_numpy(float) if weight else np.ones(len(persons))
    df = pd.DataFrame({**{k: persons[k].to_numpy() for k in by},
                       "t": persons[time].astype(int).to_numpy(),
                       "status": persons[status].astype(int).to_numpy(), "n": w, "n_w2": w * w})
    return df.groupby([*by, "t", "status"], as_index=False, sort=True)[["n", "n_w2"]].sum()


def weighted_exits(exits: pd.DataFrame, weights: pd.DataFrame, on: Sequence[str]) -> pd.DataFrame:
    """Multiply an exit table of person counts by a weight per cell (``on`` keys, ``weight`` column)."""
    merged = exits.merge(weights[[*on, "weight"]], on=list(on), how="left", validate="many_to_one")
    missing = merged["weight"].isna()
    if missing.any():
        row = merged.loc[missing].iloc[0]
        raise ValueError("exit table row without a weight for cell "
                         + ", ".join(f"{k}={row[k]}" for k in on))
    w = merged.pop("weight").to_numpy(float)
    merged["n_w2"] = merged["n"] * w * w
    merged["n"] = merged["n"] * w
    return merged


def causes_of(exits: pd.DataFrame) -> tuple[int, ...]:
    return tuple(sorted(int(c) for c in pd.unique(exits["status"]) if c != 0))


class _Group:
    """One group's exit table arranged as arrays over distinct exit months."""

    def __init__(self, exits: pd.DataFrame, causes: tuple[int, ...]) -> None:
        self.times = np.array(sorted(pd.unique(exits["t"])), dtype=int)
        self.causes = causes
        pos = np.searchsorted(self.times, exits["t"].to_numpy())
        status = exits["status"].to_numpy()
        n = exits["n"].to_numpy(float)
        m = len(self.times)
        self.d = np.zeros((len(causes), m))
        exits_all = np.zeros(m)
        np.add.at(exits_all, pos, n)
        for k, c in enumerate(causes):
            np.add.at(self.d[k], pos[status == c], n[status == c])
        self.at_risk = np.cumsum(exits_all[::-1])[::-1]
        self.censored = exits_all - self.d.sum(axis=0)
        self.type_pos, self.type_status = pos, status  # one "type" per exit-table row
        self.type_w2 = exits["n_w2"].to_numpy(float) if "n_w2" in exits else n
        self.weighted = not np.allclose(self.type_w2, n)

    def curves(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """S(t), F_k(t) and the IJ influence of every type on S and on each F_k."""
        n, d_k = self.at_risk, self.d
        h_k = d_k / n
        h = h_k.sum(axis=0)
        m, types = len(self.times), len(self.type_pos)
        t_idx = np.arange(m)[None, :]
        at_risk = t_idx <= self.type_pos[:, None]  # type's unit is at risk at month index
        exits_here = t_idx == self.type_pos[:, None]
        dh = np.where(at_risk, -h[None, :], 0.0)
        dh_k = np.zeros((len(self.causes), types, m))
        for k, c in enumerate(self.causes):
            dh_k[k] = np.where(at_risk, -h_k[k][None, :], 0.0)
            dh_k[k] += exits_here * (self.type_status[:, None] == c)
            dh += exits_here * (self.type_status[:, None] == c)
        dh /= n[None, :]
        dh_k /= n[None, None, :]
        surv = np.cumprod(1 - h)
        s_prev = np.concatenate(([1.0], surv[:-1]))
        cif = np.cumsum(s_prev[None, :] * h_k, axis=1)
        d_surv = np.zeros((types, m))
        d_cif = np.zeros((len(self.causes), types, m))
        ds_prev = np.zeros(types)
        df_prev = np.zeros((len(self.causes), types))
        for i in range(m):
            for k in range(len(self.causes)):
                df_prev[k] = df_prev[k] + ds_prev * h_k[k, i] + s_prev[i] * dh_k[k, :, i]
                d_cif[k, :, i] = df_prev[k]
            ds_prev = ds_prev * (1 - h[i]) - s_prev[i] * dh[:, i]
            d_surv[:, i] = ds_prev
        return surv, cif, (d_surv, d_cif)

    def ij_se(self, influence: np.ndarray) -> np.ndarray:
        return np.sqrt(np.sum(self.type_w2[:, None] * influence ** 2, axis=0))


def _groups(exits: pd.DataFrame, by: Sequence[str]):
    if not by:
        yield (), exits
        return
    for key, g in exits.groupby(list(by), sort=True):
        yield (key if isinstance(key, tuple) else (key,)), g


def kaplan_meier(exits: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Kaplan–Meier survival of any event per group at every exit month, with SE and 95 % interval.

    ``se`` is Greenwood's for unweighted tables and the infinitesimal jackknife for
    weighted ones (``variance`` says which); ``cumulative_incidence`` = 1 − S.
    """
    causes = causes_of(exits)
    frames = []
    for key, g in _groups(exits, by):
        grp = _Group(g, causes)
        surv, _, (d_surv, _) = grp.curves()
        events = grp.d.sum(axis=0)
        if grp.weighted:
            se = grp.ij_se(d_surv)
            method = "infinitesimal jackknife"
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                terms = np.where(events > 0, events / (grp.at_risk * (grp.at_risk - events)), 0.0)
                # after a month in which everyone at risk had the event S = 0 and se is undefined
                se = np.where(surv > 0, surv * np.sqrt(np.cumsum(terms)), np.nan)
            method = "Greenwood"
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.where(surv > 0, se / surv, np.nan)
        frames.append(pd.DataFrame({
            **{b: k for b, k in zip(by, key)}, "t": grp.times, "at_risk": grp.at_risk,
            "events": events, "censored": grp.censored, "surv": surv, "se": se,
            "ci_low": surv * np.exp(-Z95 * rel), "ci_high": np.minimum(1.0, surv * np.exp(Z95 * rel)),
            "cumulative_incidence": 1 - surv, "variance": method}))
    return pd.concat(frames, ignore_index=True)


def aalen_johansen(exits: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Aalen–Johansen cumulative incidence per cause, per group and exit month, with IJ SE.

    One row per (group, t, cause); ``cause`` 0 is the probability of still being in the
    spell (the KM survival of any event), so that the rows of a month sum to 1.
    """
    causes = causes_of(exits)
    frames = []
    for key, g in _groups(exits, by):
        grp = _Group(g, causes)
        surv, cif, (d_surv, d_cif) = grp.curves()
        rows = [(0, surv, grp.ij_se(d_surv))]
        rows += [(c, cif[k], grp.ij_se(d_cif[k])) for k, c in enumerate(causes)]
        for cause, est, se in rows:
            frames.append(pd.DataFrame({**{b: k for b, k in zip(by, key)}, "t": grp.times,
                                        "at_risk": grp.at_risk, "cause": cause, "cif": est, "se": se}))
    out = pd.concat(frames, ignore_index=True)
    out["ci_low"] = np.clip(out["cif"] - Z95 * out["se"], 0, 1)
    out["ci_high"] = np.clip(out["cif"] + Z95 * out["se"], 0, 1)
    return out


def at_horizons(curve: pd.DataFrame, value_columns: Sequence[str], by: Sequence[str] = (),
                horizons: Sequence[int] = HORIZONS, start_values: dict[str, float] | None = None
                ) -> pd.DataFrame:
    """The step curve's values at fixed horizons, per group (``by`` may include ``cause``).

    Before the first exit month the value is ``start_values`` (S = 1, CIF = 0, SE = 0);
    after the group's last exit month it is NaN with ``beyond_follow_up`` True.
    """
    start_values = start_values or {}
    rows = []
    for key, g in _groups(curve, by):
        g = g.sort_values("t")
        times = g["t"].to_numpy()
        for h in horizons:
            i = int(np.searchsorted(times, h, side="right")) - 1
            row = {**{b: k for b, k in zip(by, key)}, "horizon": h, "beyond_follow_up": h > times[-1]}
            for col in value_columns:
                if h > times[-1]:
                    row[col] = np.nan
                elif i < 0:
                    row[col] = start_values.get(col, np.nan)
                else:
                    row[col] = g[col].iloc[i]
            rows.append(row)
    return pd.DataFrame(rows)


def person_period_table(exits: pd.DataFrame, covariates: Sequence[str],
                        bands: Sequence[int] | None = None) -> pd.DataFrame:
    """Person-months per (covariate cell, month): ``at_risk`` and ``events_<cause>``.

    ``bands``: upper month bounds of the time bands (e.g. 3, 6, 12, 24, 36); a month
    beyond the last bound is an error. Without bands every month is its own period.
    The result has a ``period`` column (the band's label ``"01-03"``, or the month).
    """
    causes = causes_of(exits)
    t_max = int(exits["t"].max())
    months = np.arange(1, t_max + 1)
    rows = []
    for key, g in _groups(exits, covariates):
        n_exit = np.zeros(t_max)
        np.add.at(n_exit, g["t"].to_numpy() - 1, g["n"].to_numpy(float))
        at_risk = np.cumsum(n_exit[::-1])[::-1]
        frame = {**{c: k for c, k in zip(covariates, key)}, "month": months, "at_risk": at_risk}
        for c in causes:
            d = np.zeros(t_max)
            sel = g["status"] == c
            np.add.at(d, g.loc[sel, "t"].to_numpy() - 1, g.loc[sel, "n"].to_numpy(float))
            frame[f"events_{c}"] = d
        rows.append(pd.DataFrame(frame))
    pp = pd.concat(rows, ignore_index=True)
    pp = pp[pp["at_risk"] > 0]
    if bands is None:
        pp["period"] = pp["month"]
    else:
        edges = [0, *bands]
        if t_max > edges[-1]:
            raise ValueError(f"month {t_max} lies beyond the last time band ({edges[-1]})")
        labels = [f"{lo + 1:02d}-{hi:02d}" for lo, hi in zip(edges[:-1], edges[1:])]
        pp["period"] = pd.cut(pp["month"], edges, labels=labels).astype(str)
    cols = ["at_risk", *[f"events_{c}" for c in causes]]
    return pp.groupby([*covariates, "period"], as_index=False, sort=True)[cols].sum()


def fit_discrete_hazard(person_periods: pd.DataFrame, cause: int, covariates: Sequence[str]
                        ) -> LogitFit:
    """Cause-specific discrete-time logistic hazard: ``logit h_k(t | x) = α_period + β·x``."""
    spec = PropensitySpec(covariates=("period", *covariates), year=None)
    x, design = design_matrix(person_periods, spec)
    return fit_logit(x, person_periods[f"events_{cause}"].to_numpy(float),
                     person_periods["at_risk"].to_numpy(float), design.columns)
