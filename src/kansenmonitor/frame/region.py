"""Municipality, labour-market region and Randstad of residence (report §7.2.4; cbs-sources.md §2, §21).

Definition: the labour-market region (arbeidsmarktregio, ``AMnn``) of the municipality the
person lives in; and whether that region belongs to the Randstad (``randstad`` /
``non_randstad``; the region list is
:data:`~kansenmonitor.frame.breakdowns.RANDSTAD_AMR`, with its source).

Route: address spell (GBAADRESOBJECTBUS SOORTOBJECTNUMMER + RINOBJECTNUMMER) ->
VSLGWBTAB ``gem<YYYY>`` (4-digit municipality code, ``"0363"``) -> ``GM0363`` ->
GEMEENTEREGIO ``gemeente_code`` -> ``amr_code``.

Choices:

- *Reference municipality*: the municipality where the person lived the most days in year
  *t* (days summed over the person's addresses in it; ties: the one lived in last). For
  persons resident all year this is where they mainly lived that year, and it is defined
  for everyone registered during *t* (a 1 January address is not).
- *Municipal classification*: one classification for all years by default: the region
  table of the year closest to ``FrameConfig.region_year`` (the packaged table: 2023) and
  the VSLGWBTAB ``gem<YYYY>`` column closest to that table's year. Every year is then shown
  in one fixed regional classification, as CBS does for time series ("volgtijdelijk
  vergelijkbaar"), and the municipality codes always match the region table (a
  municipality merged after *t* still finds its region). With GEMEENTEREGIO staged per
  year, ``FrameConfig.municipality_year = "reference_year"`` shows each year *t* in the
  classification of the region table closest to *t* instead (and the ``gem<YYYY>`` column
  closest to that). Ties: the later year.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from kansenmonitor.frame._arrays import OPEN_END, codes, day_number, day_numbers, map_uniques
from kansenmonitor.sources import spec

GEMEENTE_CODE = spec.GEMEENTEREGIO.variable("gemeente_code").name
AMR_CODE = spec.GEMEENTEREGIO.variable("amr_code").name
AMR_NAAM = spec.GEMEENTEREGIO.variable("amr_naam").name
#: Regular expression of VSLGWBTAB's yearly municipality columns (``gemYYYY``).
GEM_COLUMN = re.compile(spec.VSLGWBTAB.variable("gem").pattern or r"(?i)^gem(\d{4})$")
#: Classification year of the packaged region table.
PACKAGED_REGION_YEAR = 2023


def load_region_table(path: str | None = None) -> pd.DataFrame:
    """The municipality -> labour-market region table (GEMEENTEREGIO layout).

    Without ``path`` the packaged 2023 table (data/gemeente_amr_provincie_2023.csv). A
    ``.parquet`` path is read with pandas/pyarrow, anything else as CSV; all columns as
    strings, municipality codes normalised to ``GMxxxx``.
    """
    if path is None:
        with resources.files("kansenmonitor.data").joinpath("gemeente_amr_provincie_2023.csv").open("rb") as fh:
            table = pd.read_csv(fh, dtype=str)
    elif str(path).lower().endswith(".parquet"):
        table = pd.read_parquet(path).astype(str)
    else:
        table = pd.read_csv(path, dtype=str)
    table = table.copy()
    table[GEMEENTE_CODE] = gemeente_code(table[GEMEENTE_CODE])
    return table


def gemeente_code(code: Any) -> np.ndarray:
    """Municipality codes as ``GMxxxx``: ``"0363"``, ``"363"``, ``363``, ``"GM0363"`` -> ``"GM0363"``.

    Missing codes (``"----"``) and anything that is not 1-4 digits after an optional GM
    prefix -> None.
    """
    def normalise(distinct: np.ndarray) -> np.ndarray:
        c = pd.Series(codes(distinct), dtype=object)
        digits = c.str.upper().str.replace(r"^GM", "", regex=True)
        ok = digits.str.fullmatch(r"\d{1,4}").fillna(False).astype(bool)
        return ("GM" + digits.str.zfill(4)).where(ok, None).to_numpy(dtype=object, na_value=None)

    return map_uniques(code, normalise)


def gem_columns(columns: list[str]) -> dict[int, str]:
    """VSLGWBTAB municipality columns by classification year (``gem2021`` -> 2021)."""
    out: dict[int, str] = {}
    for col in columns:
        m = GEM_COLUMN.match(col)
        if m:
            out[int(m.group(1))] = col
    return out


def choose_gem_column(columns: list[str], target_year: int) -> str:
    """The ``gem<YYYY>`` column whose year is closest to ``target_year`` (ties: the later)."""
    by_year = gem_columns(columns)
    if not by_year:
        raise ValueError(f"no gem<YYYY> column among {columns}")
    best = min(by_year, key=lambda y: (abs(y - target_year), -y))
    return by_year[best]


def amr_of_gemeente(gemeente: Any, region_table: pd.DataFrame) -> np.ndarray:
    """Labour-market region code (``AMnn``) of ``GMxxxx`` municipality codes; None if unknown."""
    lookup = pd.Series(region_table[AMR_CODE].to_numpy(dtype=object),
                       index=gemeente_code(region_table[GEMEENTE_CODE]))
    lookup = lookup[~lookup.index.duplicated(keep="last")]
    return map_uniques(gemeente, lambda distinct: pd.Series(gemeente_code(distinct), dtype=object)
                       .map(lookup).to_numpy(dtype=object, na_value=None))


def randstad(amr: Any, randstad_amr: frozenset[str]) -> np.ndarray:
    """``randstad`` / ``non_randstad`` / None (unknown region) from AMR codes."""
    def classify(distinct: np.ndarray) -> np.ndarray:
        a = codes(distinct)
        out = np.full(len(a), None, dtype=object)
        known = pd.notna(a)
        out[known] = np.where(np.isin(a[known], list(randstad_amr)), "randstad", "non_randstad")
        return out

    return map_uniques(amr, classify)


def main_value_by_year(person: Any, start: Any, end: Any, value: Any, years: list[int]) -> pd.DataFrame:
    """Per (person, year): the ``value`` (e.g. municipality) with the most days in the year.

    Days are summed over the person's spells with the same value (an unknown value, None,
    competes like any other). Spells are inclusive day ranges with an open end for null;
    ties go to the value whose latest spell starts later. Returns columns ``person``,
    ``year``, ``value``, ``days`` for person-years with any registered day.
    """
    s = day_numbers(start)
    e = day_numbers(end)
    # group on integer codes of the values (-1 = unknown), not on the strings
    value_code, distinct = pd.factorize(pd.Series(np.asarray(value, dtype=object)), use_na_sentinel=True)
    df = pd.DataFrame({"person": np.asarray(person), "start": s, "end": np.where(np.isnan(e), OPEN_END, e),
                       "value": value_code})
    df = df[df["start"].notna()]
    frames = []
    for t in years:  # a handful of years, each vectorised over all spells
        lo, hi = day_number(t), day_number(t, 12, 31)
        days = np.minimum(df["end"].to_numpy(), hi) - np.maximum(df["start"].to_numpy(), lo) + 1
        keep = days > 0
        frames.append(df.loc[keep, ["person", "start", "value"]].assign(days=days[keep].astype(np.int64), year=t))
    allp = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["person", "start", "value", "days", "year"])
    per_value = allp.groupby(["person", "year", "value"], sort=False, as_index=False).agg(
        days=("days", "sum"), start=("start", "max"))
    per_value = per_value.sort_values(["person", "year", "days", "start"], kind="stable")
    best = per_value.drop_duplicates(["person", "year"], keep="last")[["person", "year", "value", "days"]]
    best = best.reset_index(drop=True)
    lookup = np.append(np.asarray(distinct, dtype=object), None)
    best["value"] = pd.Series(lookup[best["value"].to_numpy(dtype=np.int64)], dtype=object)
    return best
