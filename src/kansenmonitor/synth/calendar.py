"""Dates, months and statutory tables used by the synthetic register.

Internally every date is an ``int32`` day number (days since 1970-01-01, as numpy's
``datetime64[D]``) and every month an ``int32`` month number (months since January 1970).
Dates leave the generator as CBS writes them: 8-character ``YYYYMMDD`` strings
(cbs-sources.md §0.4), built with pyarrow compute so that a national-scale year of
SPOLIS records costs seconds, not minutes.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.sources.spec import DATE_OPEN_END

#: Day number used internally for an open end (converted to :data:`DATE_OPEN_END`).
OPEN_END_DAY = int(np.datetime64("2050-12-31", "D").astype(np.int64))


def day(y: int, m: int = 1, d: int = 1) -> int:
    """Day number of a calendar date."""
    return int(np.datetime64(f"{y:04d}-{m:02d}-{d:02d}", "D").astype(np.int64))


def month_index(y: int | np.ndarray, m: int | np.ndarray = 1) -> np.ndarray | int:
    """Month number (months since January 1970) of year ``y``, month ``m`` (1-12)."""
    return (np.asarray(y) - 1970) * 12 + (np.asarray(m) - 1) if isinstance(y, np.ndarray) else (y - 1970) * 12 + m - 1


def month_start_day(mi: np.ndarray) -> np.ndarray:
    """First day (day number) of month numbers ``mi``."""
    return np.asarray(mi, dtype="int64").astype("datetime64[M]").astype("datetime64[D]").astype(np.int32)


def month_end_day(mi: np.ndarray) -> np.ndarray:
    """Last day (day number) of month numbers ``mi``."""
    return (month_start_day(np.asarray(mi) + 1) - 1).astype(np.int32)


def month_of_day(d: np.ndarray) -> np.ndarray:
    """Month number of day numbers ``d``."""
    return np.asarray(d, dtype="int64").astype("datetime64[D]").astype("datetime64[M]").astype(np.int32)


def year_of_day(d: np.ndarray) -> np.ndarray:
    return (month_of_day(d) // 12 + 1970).astype(np.int32)


_LUT_FIRST = int(np.datetime64("1850-01-01", "D").astype(np.int64))
_LUT_DAYS = np.arange(_LUT_FIRST, OPEN_END_DAY + 1, dtype=np.int64)


def _ymd_slow(d: np.ndarray) -> np.ndarray:
    dd = np.asarray(d, dtype="int64").astype("datetime64[D]")
    months = dd.astype("datetime64[M]")
    years = months.astype("datetime64[Y]")
    y = years.astype(np.int64) + 1970
    m = (months - years).astype(np.int64) + 1
    dom = (dd - months.astype("datetime64[D]")).astype(np.int64) + 1
    return (y * 10000 + m * 100 + dom).astype(np.int32)


_YMD_LUT = _ymd_slow(_LUT_DAYS)
_YMD_STR_LUT: pa.Array | None = None


def _in_lut(a: np.ndarray) -> bool:
    return not a.size or (a.min() >= _LUT_FIRST and a.max() < _LUT_FIRST + len(_YMD_LUT))


def ymd_int(d: np.ndarray) -> np.ndarray:
    """Day numbers -> integers YYYYMMDD (table lookup for 1850..2050)."""
    a = np.asarray(d, dtype=np.int64)
    return _YMD_LUT[a - _LUT_FIRST] if _in_lut(a) else _ymd_slow(a)


def date_strings(d: np.ndarray) -> pa.Array:
    """Day numbers -> pyarrow string array of ``YYYYMMDD`` (CBS layout)."""
    global _YMD_STR_LUT
    a = np.asarray(d, dtype=np.int64)
    if not _in_lut(a):
        return pc.cast(pa.array(_ymd_slow(a), pa.int32()), pa.string())
    if _YMD_STR_LUT is None:
        _YMD_STR_LUT = pc.cast(pa.array(_YMD_LUT, pa.int32()), pa.string())
    return _YMD_STR_LUT.take(pa.array(a - _LUT_FIRST))


def int_strings(values: np.ndarray, width: int) -> pa.Array:
    """Non-negative integers -> zero-padded strings of ``width`` characters."""
    s = pc.cast(pa.array(np.asarray(values, dtype=np.int64), pa.int64()), pa.string())
    return pc.utf8_lpad(s, width, "0")


def age_years(birth: np.ndarray, at_day: int | np.ndarray) -> np.ndarray:
    """Completed years of age on ``at_day`` for birth day numbers ``birth``."""
    b = ymd_int(birth).astype(np.int64)
    a = ymd_int(np.broadcast_to(np.asarray(at_day), np.shape(birth))).astype(np.int64)
    return ((a - b) // 10000).astype(np.int32)


# ---------------------------------------------------------------- statutory tables (cbs-sources §W)
#: Adult statutory minimum wage per month on 1 January (€, cbs-sources.md §W.1). 2011 and 2014 are
#: the values the table marks "verify"; 2011 uses the July 2011 amount divided by the July rise.
WML_MONTH: dict[int, float] = {
    2006: 1272.60, 2007: 1300.80, 2008: 1335.00, 2009: 1381.20, 2010: 1407.60, 2011: 1424.40,
    2012: 1446.60, 2013: 1469.40, 2014: 1485.60, 2015: 1501.80, 2016: 1524.60, 2017: 1551.60,
    2018: 1578.00, 2019: 1615.80, 2020: 1653.60, 2021: 1684.80, 2022: 1725.00, 2023: 1934.40,
    2024: 2300.13,
}
#: Weekly WML on 1 January (€); hourly WML used by the monitor = weekly / 40 before 2024 (§W.1).
WML_WEEK: dict[int, float] = {
    2006: 293.70, 2007: 300.20, 2008: 308.10, 2009: 318.75, 2010: 324.85, 2011: 328.70,
    2012: 333.85, 2013: 339.10, 2014: 342.85, 2015: 346.55, 2016: 351.85, 2017: 358.05,
    2018: 364.15, 2019: 372.90, 2020: 381.60, 2021: 388.80, 2022: 398.10, 2023: 446.40,
    2024: 13.27 * 40,
}


def wml_hour(year: int) -> float:
    """Hourly WML in force on 1 January of ``year`` (weekly / 40; statutory from 2024)."""
    y = min(max(year, min(WML_WEEK)), max(WML_WEEK))
    return WML_WEEK[y] / 40.0


def wml_month(year: int) -> float:
    y = min(max(year, min(WML_MONTH)), max(WML_MONTH))
    return WML_MONTH[y]


def adult_wml_age(year: int) -> int:
    """Age from which the adult WML applies (23 until mid-2017, 22 until mid-2019, then 21)."""
    return 23 if year <= 2017 else (22 if year <= 2019 else 21)


_YOUTH_PCT_OLD = {15: 0.30, 16: 0.345, 17: 0.395, 18: 0.455, 19: 0.525, 20: 0.61, 21: 0.725, 22: 0.85}
_YOUTH_PCT_NEW = {15: 0.30, 16: 0.345, 17: 0.395, 18: 0.50, 19: 0.60, 20: 0.80, 21: 1.0, 22: 1.0}


def youth_wml_factor(age: np.ndarray, year: int) -> np.ndarray:
    """Youth minimum wage as a share of the adult WML (statutory staffel, rounded)."""
    table = _YOUTH_PCT_OLD if year <= 2017 else _YOUTH_PCT_NEW
    adult = adult_wml_age(year)
    a = np.asarray(age)
    out = np.ones(a.shape, dtype=np.float64)
    for k, v in table.items():
        out[a == k] = v if k < adult else 1.0
    out[a < 15] = 0.30
    return out


#: AOW (state pension) age in months by calendar year (indicators.md §1; cbs-sources §W.2).
AOW_AGE_MONTHS: dict[int, int] = {
    2012: 65 * 12, 2013: 65 * 12 + 1, 2014: 65 * 12 + 2, 2015: 65 * 12 + 3, 2016: 65 * 12 + 6,
    2017: 65 * 12 + 9, 2018: 66 * 12, 2019: 66 * 12 + 4, 2020: 66 * 12 + 4, 2021: 66 * 12 + 4,
    2022: 66 * 12 + 7, 2023: 66 * 12 + 10, 2024: 67 * 12, 2025: 67 * 12, 2026: 67 * 12,
    2027: 67 * 12, 2028: 67 * 12 + 3,
}


_AOW_TABLE = np.array([AOW_AGE_MONTHS.get(y, 65 * 12 if y < 2013 else 67 * 12 + 3) for y in range(1900, 2101)],
                      dtype=np.int32)


def aow_age_months(year: int | np.ndarray) -> np.ndarray:
    """AOW age in months in force in calendar ``year`` (65 before 2013; 67y3m after 2028)."""
    y = np.clip(np.asarray(year, dtype=np.int64), 1900, 2100)
    return _AOW_TABLE[y - 1900]


def aow_month(birth_month: np.ndarray) -> np.ndarray:
    """Month number in which a person born in month ``birth_month`` reaches the AOW age.

    The AOW age depends on the calendar year in which it is reached; the first month in
    which age-in-months >= AOW age of that month's year is found by checking the years
    around 65-67.
    """
    bm = np.asarray(birth_month, dtype=np.int64)
    out = np.full(bm.shape, np.iinfo(np.int32).max, dtype=np.int64)
    for years in range(64, 69):
        for extra in range(12):
            m = bm + years * 12 + extra
            cy = m // 12 + 1970
            ok = (years * 12 + extra) >= aow_age_months(cy)
            out = np.where(ok & (m < out), m, out)
    return out.astype(np.int32)


#: CAO wage index (1 in 2013), used for wage levels and benefit amounts; CBS CAO-lonen ~1.5-3 %/yr.
def wage_index(year: int | np.ndarray) -> np.ndarray:
    growth = {2006: 0.021, 2007: 0.019, 2008: 0.032, 2009: 0.027, 2010: 0.015, 2011: 0.012,
              2012: 0.014, 2013: 0.012, 2014: 0.010, 2015: 0.013, 2016: 0.017, 2017: 0.015,
              2018: 0.020, 2019: 0.025, 2020: 0.029, 2021: 0.020, 2022: 0.032, 2023: 0.061,
              2024: 0.066}
    ys = np.atleast_1d(np.asarray(year))
    out = np.ones(ys.shape)
    for i, y in enumerate(ys):
        v = 1.0
        if y >= 2013:
            for k in range(2014, int(y) + 1):
                v *= 1 + growth.get(k, 0.02)
        else:
            for k in range(int(y) + 1, 2014):
                v /= 1 + growth.get(k, 0.02)
        out[i] = v
    return out if np.ndim(year) else out[0]


__all__ = ["DATE_OPEN_END", "OPEN_END_DAY", "day", "month_index", "month_start_day", "month_end_day",
           "month_of_day", "year_of_day", "ymd_int", "date_strings", "int_strings", "age_years",
           "wml_hour", "wml_month", "youth_wml_factor", "aow_month", "aow_age_months", "wage_index"]
