"""A small gated run folder for the publication tests, written by the real output gate.

Two indicators over 2015-2018: A04 (share; trend break 2017 inside the years) and A08
(mean, a magnitude); total, migration background (also adjusted, ``ps_weight``), origin,
five labour-market regions and migration x region. Some cells are small (withheld for
``min_n``, which makes the gate withhold others as ``secondary``) and one is dominated.
Values carry many distinct digits so that a test can look for a withheld value anywhere.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kansenmonitor.cube import CUBE_COLUMNS, DIMENSIONS, TOTAL
from kansenmonitor.disclosure import DisclosureRules, apply_output_control, write_publication
from kansenmonitor.frame.breakdowns import codes_table
from kansenmonitor.frame.region import load_region_table
from kansenmonitor.indicators.registry import INDICATORS
from kansenmonitor.runner import indicators_table

YEARS = (2015, 2016, 2017, 2018)
REGIONS = {"AM01": 400, "AM02": 380, "AM18": 900, "AM22": 820, "AM05": 300}
MIGRATION = {"none": 0.75, "western": 0.12, "nonwestern": 0.13}
LEVEL = {"A04": {"none": 0.78, "western": 0.71, "nonwestern": 0.58},
         "A08": {"none": 21.0, "western": 19.5, "nonwestern": 16.0}}
#: (indicator, year, codes) of cells made small: withheld by the gate (min_n).
SMALL = {("A04", 2016, (("migration", "nonwestern"), ("region", "AM05"))),
         ("A04", 2018, (("origin", "MA"),)),
         ("A08", 2017, (("migration", "western"), ("region", "AM01")))}
#: A dominated mean (one contribution is most of the total): withheld for dominance.
DOMINATED = {("A08", 2018, (("migration", "nonwestern"), ("region", "AM22")))}


def _row(indicator: str, year: int, codes: dict[str, str], n: int, value: float, se: float,
         adjusted: bool = False) -> tuple[dict, dict]:
    share = indicator == "A04"
    lo, hi = value - 1.959964 * se, value + 1.959964 * se
    if share:
        lo, hi = max(0.0, lo), min(1.0, hi)
    key = {"indicator": indicator, "variant": "", "year": year, **{d: codes.get(d, TOTAL) for d in DIMENSIONS},
           "statistic": "share" if share else "mean", "adjusted": adjusted, "method": "ps_weight" if adjusted else ""}
    flags = ";".join(INDICATORS[indicator].flags_for_year(year))
    cube = {**key, "value": value, "se": se, "ci_low": lo, "ci_high": hi, "n": n, "n_weighted": float(n),
            "suppressed": False, "reason": "", "flags": flags}
    dominated = (indicator, year, tuple(sorted(codes.items()))) in {
        (i, y, tuple(sorted(c))) for i, y, c in DOMINATED}
    n_y = int(round(value * n)) if share else n
    max_share = 0.95 if dominated else 1.0 / max(n, 1)
    ev = {**key, "n": n, "n_weighted": float(n), "n_y": n_y, "sum_abs_y": 100.0 * n,
          "max_y": max_share * 100.0 * n, "max_share": max_share}
    return cube, ev


def fixture_cube(seed: int = 11) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The pre-gate cube and its evidence."""
    rng = np.random.default_rng(seed)
    small = {(i, y, tuple(sorted(c))) for i, y, c in SMALL}
    cubes, evs = [], []

    def add(indicator: str, year: int, codes: dict[str, str], n: int, level: float, adjusted: bool = False) -> None:
        if (indicator, year, tuple(sorted(codes.items()))) in small:
            n = 6
        share = indicator == "A04"
        drift = (year - YEARS[0]) * (0.012 if share else 0.3)
        value = level + drift + rng.uniform(-0.02, 0.02) * (1 if share else 40) + rng.uniform(0, 1e-4)
        se = math.sqrt(value * (1 - value) / n) if share else 0.3 * value / math.sqrt(n)
        c, e = _row(indicator, year, codes, n, value, se, adjusted)
        cubes.append(c)
        evs.append(e)

    for indicator, levels in LEVEL.items():
        overall = sum(MIGRATION[m] * levels[m] for m in MIGRATION)
        for year in YEARS:
            total = sum(REGIONS.values())
            add(indicator, year, {}, total, overall)
            for m, share_of in MIGRATION.items():
                n_m = int(total * share_of)
                add(indicator, year, {"migration": m}, n_m, levels[m])
                add(indicator, year, {"migration": m}, n_m, levels[m] + (0.05 if indicator == "A04" else 1.5)
                    * (m != "none"), adjusted=True)
                for region, n_r in REGIONS.items():
                    add(indicator, year, {"migration": m, "region": region}, int(n_r * share_of),
                        levels[m] + rng.uniform(-0.03, 0.03) * (1 if indicator == "A04" else 30))
            for region, n_r in REGIONS.items():
                add(indicator, year, {"region": region}, n_r, overall + rng.uniform(-0.03, 0.03))
            for origin, n_o, level in (("NL", int(total * 0.75), levels["none"]), ("TR", 120, levels["nonwestern"]),
                                       ("MA", 110, levels["nonwestern"] - 0.01)):
                add(indicator, year, {"origin": origin}, n_o, level)
    cube = pd.DataFrame(cubes)[list(CUBE_COLUMNS)]
    cube["n"] = cube["n"].astype("Int64")
    ev = pd.DataFrame(evs)
    ev["n"] = ev["n"].astype("Int64")
    ev["n_y"] = ev["n_y"].astype("Int64")
    return cube, ev


def write_fixture_run(directory: Path) -> tuple[Path, pd.DataFrame]:
    """Write a gated run folder to ``directory``; returns it and the pre-gate cube."""
    cube, ev = fixture_cube()
    published, audit = apply_output_control(cube, ev, DisclosureRules(), magnitudes={("A08", "")})
    extra = {"codes": codes_table(load_region_table()), "indicators": indicators_table()}
    write_publication(directory, published, audit, DisclosureRules(), extra_tables=extra)
    return directory, cube


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> tuple[Path, Path, pd.DataFrame]:
    """(run folder, built site, pre-gate cube) of the fixture run."""
    from kansenmonitor.publish.site import build_site

    base = tmp_path_factory.mktemp("publish")
    run_dir, cube = write_fixture_run(base / "run")
    site = build_site(run_dir, base / "site").out
    return run_dir, site, cube
