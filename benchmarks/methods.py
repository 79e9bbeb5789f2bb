"""Time and peak memory of the adjustment methods on a national-sized cell table.

Prints figures; it is not a test. The cell table has the monitor's structure at national
scale — years × ages in years × sex × education level × regions × {basis, reference} —
with person counts drawn around ``--persons`` in total (the reference group ~8 times the
basis group, the basis group younger and lower educated). Steps timed:

1. propensity fit (IRLS on the covariate cells, main effects + year),
2. ATT weights (with mean-ratio trimming),
3. balance check per year (every covariate level, age also numeric),
4. adjusted figures + cell bootstrap of a share (``--replicates`` refits),
5. weighted Kaplan–Meier and Aalen–Johansen on an exit table per (year, age band, sex,
   education, group, month, status), and a cause-specific discrete hazard model.

Usage (repository root)::

    PYTHONPATH=src python benchmarks/methods.py                 # national: ~17 million persons
    PYTHONPATH=src python benchmarks/methods.py --scale 0.01    # persons of a scale-0.01 register

The matrices are small (about 100 columns), where a multi-threaded BLAS only loses time
(on a loaded 2-core machine a 107 × 107 solve took 40 ms with 2 OpenBLAS threads and
0.1 ms with one). The benchmark therefore runs with one BLAS thread unless
``OPENBLAS_NUM_THREADS`` / ``OMP_NUM_THREADS`` is set; the run should do the same.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before numpy is imported

import argparse  # noqa: E402
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import psutil

from kansenmonitor.methods.adjusted import bootstrap_adjusted
from kansenmonitor.methods.balance import check_balance
from kansenmonitor.methods.propensity import PropensitySpec, Trimming, att_weights, fit_propensity
from kansenmonitor.methods.survival import (
    aalen_johansen,
    fit_discrete_hazard,
    kaplan_meier,
    person_period_table,
    weighted_exits,
)

NATIONAL_PERSONS = 17_000_000
YEARS = tuple(range(2013, 2023))
AGES = tuple(range(15, 75))  # the labour-market population, 15-74
EDUCATION = ("1", "2", "3", "9")
REGIONS = tuple(f"GM{r:02d}" for r in range(35))


def covariate_cells(persons: float, rng: np.random.Generator) -> pd.DataFrame:
    """Basis and reference person counts per (year, age, sex, education, region) cell."""
    grid = pd.MultiIndex.from_product([YEARS, AGES, ("M", "V"), EDUCATION, REGIONS],
                                      names=["year", "age", "sex", "educ", "region"]).to_frame(index=False)
    age = grid["age"].to_numpy()
    edu = grid["educ"].map({"1": 0.35, "2": 0.35, "3": 0.25, "9": 0.05}).to_numpy()
    region = rng.gamma(2.0, 0.5, len(REGIONS))[grid["region"].str[2:].astype(int).to_numpy()]
    base = np.exp(-((age - 45) / 25.0) ** 2) * edu * region
    young = (0.15 + np.exp(-((age - 30) / 15.0) ** 2)) * np.where(grid["educ"] == "1", 1.6, 1.0)
    ref_mean = base / base.sum() * persons * 8 / 9
    basis_mean = base * young / (base * young).sum() * persons / 9
    grid["n_reference"] = rng.poisson(ref_mean).astype(float)
    grid["n_basis"] = rng.poisson(basis_mean).astype(float)
    grid["age_band"] = pd.cut(grid["age"], [14, 24, 34, 44, 54, 64, 74]).astype(str)
    return grid


def outcome_cells(cells: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """A share outcome (employment) per cell and group, depending on age, education and group."""
    p = 0.75 - 0.004 * np.abs(cells["age"] - 40) + 0.05 * (cells["educ"] == "3")
    frames = []
    for group, col, shift in (("basis", "n_basis", -0.08), ("reference", "n_reference", 0.0)):
        n = cells[col].to_numpy()
        k = rng.binomial(n.astype(np.int64), np.clip(p + shift, 0.01, 0.99)).astype(float)
        frames.append(cells[["year", "age", "sex", "educ", "region"]].assign(
            group=group, n=n, sum_y=k, sum_y2=k))
    out = pd.concat(frames, ignore_index=True)
    return out[out["n"] > 0]


def exits(cells: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Exit table per (year, age band, sex, education, group, month 1-36, status 0-3)."""
    keys = ["year", "age_band", "sex", "educ"]
    pooled = cells.groupby(keys, as_index=False)[["n_basis", "n_reference"]].sum()
    frames = []
    months = np.arange(1, 37)
    for group, col in (("basis", "n_basis"), ("reference", "n_reference")):
        persons = (pooled[col].to_numpy() * 0.05).astype(np.int64)  # 5 % start a spell
        hazard = 0.06 if group == "reference" else 0.045
        surv = (1 - hazard) ** (months - 1)
        share = np.concatenate([surv * hazard, [surv[-1] * (1 - hazard)]])
        draws = np.array([rng.multinomial(n, share / share.sum()) for n in persons])
        for status, frac in ((1, 0.6), (2, 0.25), (3, 0.15)):
            ev = np.round(draws[:, :36] * frac)
            frames.append(_long(pooled[keys], group, ev, status))
        frames.append(_long(pooled[keys], group, draws[:, 36:], 0, month0=36))
    out = pd.concat(frames, ignore_index=True)
    return out[out["n"] > 0]


def _long(keys: pd.DataFrame, group: str, counts: np.ndarray, status: int, month0: int = 1) -> pd.DataFrame:
    reps = counts.shape[1]
    frame = keys.loc[keys.index.repeat(reps)].reset_index(drop=True)
    frame["group"] = group
    frame["t"] = np.tile(np.arange(month0, month0 + reps), len(keys))
    frame["status"] = status
    frame["n"] = counts.reshape(-1).astype(float)
    frame["n_w2"] = frame["n"]
    return frame


def measure(label: str, fn: Callable[[], Any]) -> Any:
    tracemalloc.start()
    t0 = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = psutil.Process().memory_info().rss
    print(f"{label:<48} {seconds:9.2f} s   peak {peak / 2**20:9.1f} MiB   rss {rss / 2**20:8.1f} MiB")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the national population")
    parser.add_argument("--replicates", type=int, default=50, help="bootstrap replicates")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    cells = covariate_cells(NATIONAL_PERSONS * args.scale, rng)
    occupied = cells[(cells["n_basis"] + cells["n_reference"]) > 0]
    print(f"cells {len(cells):,} ({len(occupied):,} occupied), persons basis "
          f"{cells['n_basis'].sum():,.0f}, reference {cells['n_reference'].sum():,.0f}")
    spec = PropensitySpec(covariates=("age", "sex", "educ", "region"))
    model = measure("1 propensity fit (IRLS, cells)", lambda: fit_propensity(occupied, spec))
    print(f"  {len(model.fit.columns)} coefficients, {model.fit.iterations} iterations")
    weights = measure("2 ATT weights + trimming (20 × mean)",
                      lambda: att_weights(model, Trimming(max_ratio=20)))
    report = measure("3 balance check per year",
                     lambda: check_balance(weights, categorical=("age", "sex", "educ", "region"),
                                           numeric=("age",)))
    print(f"  {len(report.levels):,} level rows; years passing: {int(report.years['pass'].sum())}"
          f"/{len(report.years)}; max weighted ASMD {report.years['max_asmd_weighted'].max():.3f}")
    outcome = outcome_cells(occupied, rng)
    measure(f"4 adjusted figures + bootstrap ({args.replicates} refits)",
            lambda: bootstrap_adjusted(outcome, spec, "share", replicates=args.replicates, seed=args.seed))
    table = exits(cells, rng)
    band_spec = PropensitySpec(covariates=("age_band", "sex", "educ"))
    band_cells = cells.groupby(["year", "age_band", "sex", "educ"], as_index=False)[
        ["n_basis", "n_reference"]].sum()
    band_weights = att_weights(fit_propensity(band_cells, band_spec))
    ref = table[table["group"] == "reference"]
    wexits = weighted_exits(ref, band_weights, ["year", "age_band", "sex", "educ"])
    print(f"exit table rows {len(table):,}")
    measure("5a weighted Kaplan–Meier per year", lambda: kaplan_meier(wexits, by=("year",)))
    measure("5b weighted Aalen–Johansen per year", lambda: aalen_johansen(wexits, by=("year",)))
    pp = measure("5c person-period table (bands)",
                 lambda: person_period_table(table, ("age_band", "sex", "educ", "group"),
                                             bands=(3, 6, 12, 24, 36)))
    measure("5d cause-specific discrete hazard (work)",
            lambda: fit_discrete_hazard(pp, 1, ("age_band", "sex", "educ", "group")))


if __name__ == "__main__":
    main()
