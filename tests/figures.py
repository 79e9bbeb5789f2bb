"""Small hand-made cubes and evidence frames for the cube and disclosure tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from kansenmonitor.cube import CUBE_COLUMNS, DIMENSIONS, KEY_COLUMNS, TOTAL


def figures(rows: Sequence[dict[str, Any]], *, indicator: str = "A08", statistic: str = "mean",
            year: int = 2022, variant: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """A cube and its evidence from rows giving dimension codes and evidence.

    Each row may give dimension codes (others are ``T``), ``n`` (required), ``n_y``,
    ``max_share``, ``n_weighted``, ``value``, ``statistic``, ``adjusted``/``method``.
    Values default to a share n_y / n or a mean of 10; the interval is value ± 1.
    """
    cube_rows, ev_rows = [], []
    for r in rows:
        stat = r.get("statistic", statistic)
        n = int(r["n"])
        n_y = r.get("n_y", n // 2 if stat == "share" else n)
        value = r.get("value", (n_y / n if n else 0.0) if stat == "share" else 10.0)
        se = 0.01 if stat == "share" else 1.0
        lo, hi = value - se, value + se
        if stat == "share":
            lo, hi = max(0.0, lo), min(1.0, hi)
        key = {"indicator": r.get("indicator", indicator), "variant": r.get("variant", variant),
               "year": r.get("year", year), **{d: r.get(d, TOTAL) for d in DIMENSIONS},
               "statistic": stat, "adjusted": r.get("adjusted", False), "method": r.get("method", "")}
        cube_rows.append({**key, "value": value, "se": se, "ci_low": lo, "ci_high": hi, "n": n,
                          "n_weighted": float(r.get("n_weighted", n)), "suppressed": False,
                          "reason": "", "flags": ""})
        max_share = r.get("max_share", 1.0 / n if n else 0.0)
        ev_rows.append({**key, "n": n, "n_weighted": float(r.get("n_weighted", n)),
                        "n_y": n_y, "sum_abs_y": 100.0 * n, "max_y": max_share * 100.0 * n,
                        "max_share": max_share})
    cube = pd.DataFrame(cube_rows)[list(CUBE_COLUMNS)]
    cube["n"] = cube["n"].astype("Int64")
    ev = pd.DataFrame(ev_rows)
    ev["n"] = ev["n"].astype("Int64")
    ev["n_y"] = ev["n_y"].astype("Int64")
    return cube, ev


def one_way(dimension: str, cells: dict[str, int]) -> list[dict[str, Any]]:
    """Rows of a one-dimension table: the cells with their n, and the total."""
    rows = [{dimension: code, "n": n} for code, n in cells.items()]
    rows.append({"n": sum(cells.values())})
    return rows


def decision(audit: pd.DataFrame, **codes: str) -> tuple[bool, str]:
    """(suppressed, reason) of the figure with these dimension codes (others ``T``)."""
    mask = np.ones(len(audit), dtype=bool)
    for d in DIMENSIONS:
        mask &= (audit[d] == codes.get(d, TOTAL)).to_numpy()
    for k in ("statistic", "method"):
        if k in codes:
            mask &= (audit[k] == codes[k]).to_numpy()
    rows = audit[mask]
    assert len(rows) == 1, f"expected one figure for {codes}, found {len(rows)}"
    return bool(rows["suppressed"].iloc[0]), str(rows["reason"].iloc[0])


def key_tuples(df: pd.DataFrame) -> set[tuple]:
    """Key tuples of the rows of ``df``."""
    return set(map(tuple, df[list(KEY_COLUMNS)].astype(object).to_numpy().tolist()))
