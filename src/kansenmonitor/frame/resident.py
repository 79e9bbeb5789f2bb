"""Residence in the Netherlands during the whole reference year (report §2.1).

Definition (report §2.1: "We nemen alleen mensen mee die gehele jaar in Nederland wonen
(deze informatie halen we uit GBAADRESOBJECTBUS)"; indicators.md §1): a person is
*resident all year t* when their address spells cover every day from 1 January to
31 December of *t*.

Spell conventions (cbs-sources.md §2): GBADATUMAANVANGADRESHOUDING and
GBADATUMEINDEADRESHOUDING are both days at the address (inclusive); a null end is an open
spell (staged from ``20501231``). Spells are merged when the next one starts at most one
day after the latest end so far (contiguous, overlapping or a re-registration at the same
address); a move within the Netherlands therefore does not break residence, a single day
without an address does.

The person-years returned are those with at least one registered day in the year, the
BRP population of that year; persons who lived abroad or had died the whole year are not
part of year *t* at all.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kansenmonitor.frame._arrays import OPEN_END, day_numbers, year_of


def address_islands(person: Any, start: Any, end: Any) -> pd.DataFrame:
    """Merge contiguous or overlapping spells per person into uninterrupted stays.

    Returns columns ``person``, ``start``, ``end`` (integer day numbers; an open end is
    :data:`~kansenmonitor.frame._arrays.OPEN_END`). Spells without a start date are dropped.
    """
    s = day_numbers(start)
    e = day_numbers(end)
    df = pd.DataFrame({"person": np.asarray(person), "start": s, "end": np.where(np.isnan(e), OPEN_END, e)})
    df = df[df["start"].notna()].astype({"start": np.int64, "end": np.int64})
    df = df[df["end"] >= df["start"]].sort_values(["person", "start"], kind="stable")
    if df.empty:
        return df.reset_index(drop=True)
    reach = df.groupby("person", sort=False)["end"].cummax()
    prev_reach = reach.groupby(df["person"], sort=False).shift(1)
    new_island = prev_reach.isna() | (df["start"] > prev_reach + 1)
    island = new_island.cumsum()
    out = df.groupby(island, sort=False).agg(person=("person", "first"), start=("start", "min"),
                                              end=("end", "max"))
    return out.reset_index(drop=True)


def _explode_years(person: np.ndarray, first: np.ndarray, last: np.ndarray) -> pd.DataFrame:
    n = np.clip(last - first + 1, 0, None)
    rep = np.repeat(np.arange(len(person)), n)
    offset = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    return pd.DataFrame({"person": person[rep], "year": (first[rep] + offset).astype(np.int64)})


def resident_all_year(person: Any, start: Any, end: Any, years: list[int]) -> pd.DataFrame:
    """Person-years with at least one registered day, with ``resident_all_year`` (bool).

    One row per (person, year) for ``year`` in ``years`` where the person had an address
    on some day of the year; ``resident_all_year`` is true when the merged spells cover
    1 January to 31 December.
    """
    isl = address_islands(person, start, end)
    if isl.empty or not years:
        return pd.DataFrame({"person": pd.Series([], dtype=isl["person"].dtype if "person" in isl else np.int64),
                             "year": pd.Series([], dtype=np.int64), "resident_all_year": pd.Series([], dtype=bool)})
    lo, hi = min(years), max(years)
    p = isl["person"].to_numpy()
    s = isl["start"].to_numpy()
    e = isl["end"].to_numpy()
    sy, ey = year_of(s), year_of(np.minimum(e, OPEN_END))
    # years with any registered day
    touched = _explode_years(p, np.maximum(sy, lo), np.minimum(ey, hi))
    # years entirely inside one island: from the first year starting on 1 January or later
    starts_1_jan = s == (sy - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    ends_31_dec = e == ((ey - 1970 + 1).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64) - 1)
    full_first = np.where(starts_1_jan, sy, sy + 1)
    full_last = np.where((e >= OPEN_END) | ends_31_dec, ey, ey - 1)
    full = _explode_years(p, np.maximum(full_first, lo), np.minimum(full_last, hi))
    full["resident_all_year"] = True
    out = touched.drop_duplicates().merge(full.drop_duplicates(), on=["person", "year"], how="left")
    out["resident_all_year"] = out["resident_all_year"].fillna(False).astype(bool)
    out = out[out["year"].isin(years)]
    return out.sort_values(["person", "year"], kind="stable").reset_index(drop=True)
