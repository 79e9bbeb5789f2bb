"""Picking figures out of the cube for the generated texts, the publication and the factsheet.

The monitor's comparison (report §1): people with a non-western migration background (the
basis) against people without a migration background (the reference), in the table by
migration background alone (every other breakdown at its total).
"""

from __future__ import annotations

import math

import pandas as pd

from kansenmonitor.cube import DIMENSIONS, TOTAL
from kansenmonitor.publish.data import IndicatorMeta
from kansenmonitor.publish.labels import BASIS_GROUP, REFERENCE_GROUP
from kansenmonitor.publish.text import Figure

PHRASES = {"nonwestern": "personen met een niet-westerse migratieachtergrond",
           "none": "personen zonder migratieachtergrond",
           "western": "personen met een westerse migratieachtergrond"}


def by_migration(cube: pd.DataFrame) -> pd.DataFrame:
    """Rows of the table by migration background alone (other dimensions total)."""
    mask = pd.Series(True, index=cube.index)
    for d in DIMENSIONS:
        if d != "migration":
            mask &= cube[d] == TOTAL
    return cube[mask]


def main_variant(meta: IndicatorMeta, part: pd.DataFrame) -> str:
    """The variant a text speaks about: the indicator itself, else its first variant."""
    present = set(part["variant"])
    if "" in present:
        return ""
    for v in meta.variants:
        if v in present:
            return v
    return sorted(present)[0] if present else ""


def figure(rows: pd.DataFrame, indicator: str, variant: str, year: int, migration: str, statistic: str,
           adjusted: bool = False, method: str = "") -> Figure | None:
    """The figure with this key in ``rows`` (a by-migration table), or None when absent."""
    hit = rows[(rows["indicator"] == indicator) & (rows["variant"] == variant) & (rows["year"] == year)
               & (rows["migration"] == migration) & (rows["statistic"] == statistic)
               & (rows["adjusted"] == adjusted) & (rows["method"] == method)]
    if hit.empty:
        return None
    r = hit.iloc[0]

    def num(x: object) -> float | None:
        return None if pd.isna(x) else float(x)

    key = {"indicator": indicator, "variant": variant, "year": int(year), "migration": migration,
           "statistic": statistic, "adjusted": bool(adjusted), "method": method}
    return Figure(num(r["value"]), num(r["se"]), num(r["ci_low"]), num(r["ci_high"]),
                  None if pd.isna(r["n"]) else int(r["n"]), key=key)


def basis_and_reference(rows: pd.DataFrame, meta: IndicatorMeta, variant: str, year: int,
                        adjusted: bool = False, method: str = "") -> tuple[Figure | None, Figure | None]:
    return (figure(rows, meta.id, variant, year, BASIS_GROUP[1], meta.statistic, adjusted, method),
            figure(rows, meta.id, variant, year, REFERENCE_GROUP[1], meta.statistic, adjusted, method))


def adjusted_methods(rows: pd.DataFrame, indicator: str) -> list[str]:
    part = rows[(rows["indicator"] == indicator) & rows["adjusted"]]
    return sorted(set(part["method"]))


def finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)
