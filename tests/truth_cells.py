"""Shared by the planted-truth tests: a cell's truth from per-person probabilities, and the
coverage columns of a table of cells (estimate, interval, truth)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def truth_of(p: np.ndarray) -> dict:
    """Truth of one cell from its persons' probabilities ``p``: their mean, and the exact SD
    of the cell's share (independent Bernoulli outcomes given the truth's information)."""
    n = len(p)
    return {"n_truth": n, "truth_missing": int(np.isnan(p).sum()),
            "truth": float(np.nanmean(p)) if n else np.nan,
            "sd_exact": float(np.sqrt(np.nansum(p * (1 - p)))) / n if n else np.nan}


def with_coverage(out: pd.DataFrame) -> pd.DataFrame:
    """``covered`` (the 95 % interval holds the truth), ``z`` (by the monitor's SE) and
    ``z_exact`` (by the exact SD)."""
    out["covered"] = (out["ci_low"] <= out["truth"]) & (out["truth"] <= out["ci_high"])
    out["z"] = (out["value"] - out["truth"]) / out["se"]
    out["z_exact"] = (out["value"] - out["truth"]) / out["sd_exact"]
    return out
