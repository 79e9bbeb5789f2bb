"""Array helpers shared by the frame classifications: codes, integers and dates as numpy.

Every classification in :mod:`kansenmonitor.frame` takes array-likes (numpy, pandas, lists)
and returns numpy arrays. Codes come out as ``object`` arrays of ``str`` with ``None`` for
missing, so tests compare ``.tolist()`` against plain lists; dates are handled as integer
day numbers (days since 1970-01-01), with :data:`OPEN_END` standing for an open spell end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from kansenmonitor.sources.spec import MISSING_STRINGS

#: Day number used for an open spell end (null end date): 9999-12-31.
OPEN_END: int = int(np.datetime64("9999-12-31", "D").astype(np.int64))

_MISSING = frozenset(MISSING_STRINGS)


def map_uniques(values: Any, fn: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Apply an element-wise code function ``fn`` to the distinct values only.

    Code columns have few distinct values among millions of rows, so string work on the
    distinct values and a gather is much faster than string work on every row. ``fn``
    receives an object array of the distinct values plus a trailing None and returns an
    object array of the same length.
    """
    s = values.reset_index(drop=True) if isinstance(values, pd.Series) else pd.Series(values)
    idx, uniques = pd.factorize(s, use_na_sentinel=True)
    distinct = np.empty(len(uniques) + 1, dtype=object)
    distinct[:-1] = np.asarray(uniques, dtype=object)
    distinct[-1] = None
    mapped = np.asarray(fn(distinct), dtype=object)
    return mapped[np.where(idx < 0, len(uniques), idx)]


def _codes_of_distinct(values: np.ndarray) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):  # distinct values only (map_uniques)
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            out[i] = None
            continue
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            v = int(v)
        text = str(v).strip()
        out[i] = None if text in _MISSING else text
    return out


def codes(values: Any) -> np.ndarray:
    """Code values as an object array of stripped strings; CBS missing codes and nulls -> None.

    Numeric input (a code column read as a number) is written without decimals.
    """
    return map_uniques(values, _codes_of_distinct)


def code_in(values: np.ndarray, members: Iterable[str]) -> np.ndarray:
    """Boolean array: code is one of ``members`` (None is never a member)."""
    return np.isin(values, list(members)) & pd.notna(values)


def integers(values: Any) -> np.ndarray:
    """Numbers as float64 (NaN for missing or non-numeric), for nullable integer inputs."""
    return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=np.float64)


def day_numbers(values: Any) -> np.ndarray:
    """Dates (date objects, datetime64, ISO or ``YYYYMMDD`` strings) as float64 day numbers.

    Missing dates are NaN; callers decide what a missing date means (an open end or an
    unusable record).
    """
    s = pd.Series(values)
    if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
        text = s.astype(object).where(s.notna(), None)
        compact = text.map(lambda v: isinstance(v, str) and len(v) == 8 and v.isdigit())
        parsed = pd.to_datetime(text.where(~compact, None), errors="coerce")
        if compact.any():
            parsed = parsed.where(~compact, pd.to_datetime(text.where(compact, None), format="%Y%m%d",
                                                             errors="coerce"))
        s = parsed
    dt = pd.to_datetime(s, errors="coerce").to_numpy().astype("datetime64[D]")
    out = dt.astype(np.int64).astype(np.float64)
    out[np.isnat(dt)] = np.nan
    return out


def day_number(year: int, month: int = 1, day: int = 1) -> int:
    """Day number of one calendar date."""
    return int(np.datetime64(f"{year:04d}-{month:02d}-{day:02d}", "D").astype(np.int64))


def year_of(days: np.ndarray) -> np.ndarray:
    """Calendar year of integer day numbers."""
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def as_dates(days: np.ndarray) -> np.ndarray:
    """Day numbers (float with NaN) back to ``datetime64[D]`` (NaT for NaN)."""
    d = np.asarray(days, dtype=np.float64)
    out = np.full(len(d), np.datetime64("NaT"), dtype="datetime64[D]")
    ok = ~np.isnan(d)
    out[ok] = d[ok].astype(np.int64).astype("datetime64[D]")
    return out
