"""Planted-truth tests of the labour-market dynamics: at scale 0.01 the monitor's retention
(#27), job finding within a year after WW (#38 ``ww_1y``) and temporary -> permanent moves
(#29, #30) by origin group recover the generator's truth within their intervals at about the
nominal rate.

The truth is a *clean expectation* under the generating process, following the monitor's
definitions (work = a substantial job or counted self-employment, partial months, side jobs,
12-hour jobs near the threshold), computed by ``kansenmonitor.synth.expected_dynamics`` from
the probabilities the generator draws with, never from its draws:

* #27, per person-month with work (``truth/person_month.parquet``): ``p_work_next_month`` =
  P(work next month | everything drawn up to the end of the month). The monitor pools the
  person-months of a cell, so the cell's truth is sum p / months at risk; the retained
  months minus sum p are a martingale: standardised by sqrt(sum p (1 - p)) they are ~N(0, 1).
* #38 ``ww_1y``, per first WW exit of a year (``truth/person_year.parquet``):
  ``p_work_within_12m_after_ww_exit`` = P(work in one of the 12 months after the exit month |
  everything drawn up to the end of the exit month, the next month is not WW, no early
  retirement in the rest of the year), forward over the augmented monthly model.
* #29 / #30, per person-year in the population (a temporary main contract in some month of
  the year): ``p_temp_to_perm_same_employer`` / ``_other_employer`` = P(a move to a
  permanent main contract in the year | every draw but the contract types and conversions,
  and being in the population), a sum over the jobs' posterior contract outcomes.

Given their conditioning the outcomes are independent over persons (months of a person: a
martingale), so a cell's estimate has expectation the cell's truth and the exact conditional
standard deviation sqrt(sum p (1 - p)) / n; the monitor's intervals must cover the truth at
least about as often as they claim, and the exactly standardised errors must look N(0, 1).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth.countries import GROUPS
from kansenmonitor.synth.expected_dynamics import HAZARDS
from truth_cells import truth_of, with_coverage

OTHER_BREAKDOWNS = ("migration", "generation", "residence", "age", "sex", "education", "region", "asylum", "sector")
#: indicator, variant -> (truth column, population column) in the person-year truth
PERSON_YEAR = {("A38", "ww_1y"): ("p_work_within_12m_after_ww_exit", "ww_exit_month"),
               ("A29", ""): ("p_temp_to_perm_same_employer", "temp_main_contract"),
               ("A30", ""): ("p_temp_to_perm_other_employer", "temp_main_contract")}


@pytest.fixture(scope="module")
def retention_truth(planted, realism_register):
    """Per frame person-year: person-months with work that have a next month (the A27
    population), and the sums of p and p (1 - p) over them."""
    cfg, _ = realism_register
    pm = pd.read_parquet(cfg.out / "truth" / "person_month.parquet",
                         columns=["RINPERSOON", "year", "month", "work", "p_work_next_month"])
    last = (pm["year"] == pm["year"].max()) & (pm["month"] == 12)
    risk = pm[pm["work"] & ~last].copy()
    risk["year"] = risk["year"].astype(int)
    risk["p"] = risk["p_work_next_month"].astype(float)
    risk["v"] = risk["p"] * (1 - risk["p"])
    per = risk.groupby(["RINPERSOON", "year"]).agg(months=("p", "size"), p=("p", "sum"), v=("v", "sum"),
                                                  p_missing=("p", lambda x: int(x.isna().sum()))).reset_index()
    return planted["frame"].merge(per, on=["RINPERSOON", "year"], how="left").fillna({"months": 0, "p": 0.0,
                                                                                       "v": 0.0, "p_missing": 0})


def _cube_cells(cube: pd.DataFrame, indicator: str, variant: str) -> pd.DataFrame:
    sel = (cube["indicator"] == indicator) & (cube["variant"] == variant) & ~cube["adjusted"] & \
        (cube["statistic"] == "share") & (cube["origin"] != "T")
    for col in OTHER_BREAKDOWNS:
        sel &= cube[col] == "T"
    return cube[sel][["year", "origin", "value", "se", "ci_low", "ci_high", "n", "n_weighted", "suppressed"]]


@pytest.fixture(scope="module")
def cells(planted, retention_truth):
    """One row per (indicator, year, origin group) cell: estimate, interval, truth, the exact
    conditional sd and the realised count."""
    cube, joined = planted["cube"], planted["joined"]
    rows = []
    r = retention_truth.groupby(["year", "origin"]).agg(months=("months", "sum"), p=("p", "sum"), v=("v", "sum"),
                                                        persons=("months", lambda x: int((x > 0).sum())),
                                                        p_missing=("p_missing", "sum"))
    for c in _cube_cells(cube, "A27", "").itertuples(index=False):
        t = r.loc[(c.year, c.origin)] if (c.year, c.origin) in r.index else None
        months = float(t["months"]) if t is not None else 0.0
        rows.append({"indicator": "A27", "year": c.year, "origin": c.origin, "value": c.value, "se": c.se,
                     "ci_low": c.ci_low, "ci_high": c.ci_high, "n": c.n, "n_weighted": c.n_weighted,
                     "suppressed": bool(c.suppressed), "ties": 0,
                     "n_truth": int(t["persons"]) if t is not None else 0,
                     "weight_truth": months, "truth_missing": int(t["p_missing"]) if t is not None else 0,
                     "truth": float(t["p"]) / months if months else np.nan,
                     "sd_exact": float(np.sqrt(t["v"])) / months if months else np.nan})
    for (indicator, variant), (truth_col, population) in PERSON_YEAR.items():
        for c in _cube_cells(cube, indicator, variant).itertuples(index=False):
            people = joined[(joined["year"] == c.year) & (joined["origin"] == c.origin)]
            ties = int((people["main_job_tie_months"] > 0).sum()) if population == "temp_main_contract" else 0
            people = people[people[population].notna() & (people[population] != False)]  # noqa: E712
            p = people[truth_col].to_numpy(dtype=float)
            rows.append({"indicator": indicator, "year": c.year, "origin": c.origin, "value": c.value, "se": c.se,
                         "ci_low": c.ci_low, "ci_high": c.ci_high, "n": c.n, "n_weighted": c.n_weighted,
                         "suppressed": bool(c.suppressed), "ties": ties, "weight_truth": float(len(p)),
                         **truth_of(p)})
    return with_coverage(pd.DataFrame(rows))


def test_dynamic_truth_populations_are_the_cubes(cells):
    """Every cell's n (and for #27 its person-months, n_weighted), published or not, is the
    number of the group's frame persons in the indicator's population in the truth; every
    one of them has a truth. #29/#30 read the main job's contract: where two substantial jobs
    share the most base hours the monitor's arg_max picks either, so their n may differ by
    the persons with such a month (``main_job_tie_months``; a few in ten thousand)."""
    for indicator, least in (("A27", 2 * 17), ("A29", 2 * 17), ("A30", 2 * 17), ("A38", 12)):
        # 17 origin groups, two years (#38 ww_1y: the first year; a group without WW exits has no row)
        assert (cells["indicator"] == indicator).sum() >= least, indicator
    known = cells[cells["n"].notna()]
    off = (known["n"].astype(int) - known["n_truth"]).abs()
    assert (off <= known["ties"]).all(), known[off > known["ties"]]
    assert (off <= 0.001 * known["n_truth"] + 3).all(), known
    exact = known[known["ties"] == 0]
    assert (exact["n_weighted"] == exact["weight_truth"]).all(), exact[exact["n_weighted"] != exact["weight_truth"]]
    assert (cells["truth_missing"] == 0).all(), cells[cells["truth_missing"] > 0]


def _summary(pub: pd.DataFrame, label: str) -> None:
    summary = pub.groupby(["indicator", "year"]).agg(cells=("covered", "size"), coverage=("covered", "mean"),
                                                     mean_abs_z=("z", lambda z: z.abs().mean()),
                                                     exact_within_196=("z_exact", lambda z: (z.abs() <= 1.96).mean()),
                                                     mean_abs_z_exact=("z_exact", lambda z: z.abs().mean()))
    print(f"\n{label}\n{summary.to_string()}")


def _check(pub: pd.DataFrame, min_cells: int) -> None:
    assert len(pub) >= min_cells, len(pub)
    # the monitor's 95 % intervals contain the truth at least about as often as they should
    # (the truth conditions on more than the interval assumes, so |z| is at most ~0.8) ...
    assert pub["covered"].mean() >= 0.85, pub
    assert pub["z"].abs().mean() < 1.2, pub
    # ... and standardised by the exact conditional sd the errors are ~N(0, 1)
    assert (pub["z_exact"].abs() <= 1.96).mean() >= 0.85, pub
    assert 0.45 < pub["z_exact"].abs().mean() < 1.2, pub
    assert pub["z_exact"].abs().max() < 4.5, pub.loc[pub["z_exact"].abs().idxmax()]


def test_retention_recovers_the_planted_truth(cells):
    """#27: the share of person-months with work followed by a month with work."""
    pub = cells[(cells["indicator"] == "A27") & ~cells["suppressed"]]
    _summary(pub, "A27 retention")
    _check(pub, min_cells=20)


def test_temporary_to_permanent_recovers_the_planted_truth(cells):
    """#29 (same employer) and #30 (another employer)."""
    for indicator in ("A29", "A30"):
        pub = cells[(cells["indicator"] == indicator) & ~cells["suppressed"]]
        _summary(pub, f"{indicator} temporary -> permanent")
        _check(pub, min_cells=20)


def test_work_within_a_year_after_ww_recovers_the_planted_truth(cells):
    """#38 ww_1y: few groups have enough WW exits to publish, so the counts of misses are
    bounded rather than the rates."""
    pub = cells[(cells["indicator"] == "A38") & ~cells["suppressed"]]
    _summary(pub, "A38 ww_1y")
    assert len(pub) >= 5, pub
    assert (~pub["covered"]).sum() <= 1, pub
    assert (pub["z_exact"].abs() > 1.96).sum() <= 2, pub
    assert pub["z_exact"].abs().max() < 4.0, pub
    assert pub["z_exact"].abs().mean() < 1.3, pub


def test_all_dynamic_cells_together_cover_at_the_nominal_rate(cells):
    pub = cells[~cells["suppressed"]]
    _summary(pub, "all dynamic cells")
    _check(pub, min_cells=70)


def test_manifest_hazards_are_the_rates_the_register_realises(realism_register):
    """The manifest's monthly hazards (mean probability over the person-months at risk) by
    background and year against the moves in the truth's monthly states: within 4 binomial
    standard deviations (the hazards vary over persons, so the binomial sd is an upper bound).
    The person-months at risk are counted from the states alone (a month in the state with a
    next month in the labour part of the model: resident, not at school, before the AOW age)."""
    cfg, _ = realism_register
    m = json.loads((cfg.out / "manifest.json").read_text(encoding="utf-8"))
    hazards = m["hazards"]
    assert set(HAZARDS) <= set(hazards)
    groups = {"none", "western", "nonwestern", *GROUPS}
    for name in HAZARDS:
        for year, values in hazards[name]["monthly"].items():
            assert set(values) == groups, (name, year)
            assert all(v is None or 0.0 <= v <= 1.0 for v in values.values()), (name, year)
    pm = pd.read_parquet(cfg.out / "truth" / "person_month.parquet", columns=["RINPERSOON", "year", "month", "state"])
    persons = pd.read_parquet(cfg.out / "truth" / "persons.parquet", columns=["RINPERSOON", "migration", "birth_date"])
    birth = persons["birth_date"].str
    persons["aow_month"] = cal.aow_month(cal.month_index(birth[:4].astype(int).to_numpy(),
                                                         birth[4:6].astype(int).to_numpy()))
    pm = pm.merge(persons[["RINPERSOON", "migration", "aow_month"]], on="RINPERSOON")
    pm["mi"] = cal.month_index(pm["year"].astype(int).to_numpy(), pm["month"].astype(int).to_numpy())
    nxt = pm[["RINPERSOON", "mi", "state"]].assign(mi=pm["mi"] - 1).rename(columns={"state": "next"})
    pairs = pm.merge(nxt, on=["RINPERSOON", "mi"])
    # into the labour part of the model: not (back) to school, not at the AOW age
    pairs = pairs[~pairs["next"].isin(["STUDENT", "CHILD"]) & (pairs["mi"] + 1 < pairs["aow_month"])]
    checks = {"ww_to_job": ("WW", ["EMP"]), "ww_to_bijstand": ("WW", ["BIJ"]), "bijstand_to_job": ("BIJ", ["EMP"]),
              "employee_to_ww": ("EMP", ["WW"]), "employee_retention": ("EMP", ["EMP"])}
    rows = []
    for name, (before, after) in checks.items():
        at_risk = pairs[pairs["state"] == before]
        for (year, mig), g in at_risk.groupby([at_risk["year"].astype(int), "migration"]):
            h = hazards[name]["monthly"][str(year)][mig]
            months = hazards[name]["person_months"][str(year)][mig]
            realised = g["next"].isin(after).sum()
            sd = np.sqrt(len(g) * h * (1 - h))
            rows.append({"hazard": name, "year": year, "migration": mig, "months": len(g), "manifest_months": months,
                         "hazard_value": h, "realised_rate": realised / len(g), "z": (realised - len(g) * h) / sd})
    table = pd.DataFrame(rows)
    print("\n" + table.to_string())
    assert (table["months"] == table["manifest_months"]).all(), table
    assert table["z"].abs().max() < 4.0, table
