"""Age on 1 January and the age groups of the monitor (report §2.2; indicators.md §1).

Definitions
-----------
- **Age** is the age in completed years on 1 January of the reference year *t*.
- **youth** (``jongeren``): 15 ≤ age < 27.
- **adult** (``niet-jongeren``): 27 ≤ age, and under the state-pension (AOW) age for the
  *whole* year *t*: the person does not reach the AOW age of year *t* before 1 January of
  *t*+1 (report §2.2: "We kijken of iemand in het gehele jaar onder de
  pensioengerechtigde leeftijd valt", table 1).
- Everyone else has no age group (excluded from the register population).
- The EBB indicators (1–3) use ages 15–74 instead (indicators.md §1); see
  :func:`in_ebb_age_range`.

Birth dates with a missing or censored part (cbs-sources.md §1: GBAGEBOORTEDAG may be
censored) are completed by one rule, :func:`birth_date`: a missing day becomes the 15th, a
missing month July. The day only matters for persons born in January (age on 1 January)
and never for the AOW rule, which compares whole months; a missing month makes both the
age and the AOW check a best guess, and such records are rare in the BRP.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from kansenmonitor.frame._arrays import integers

YOUTH_MIN_AGE = 15
ADULT_MIN_AGE = 27
EBB_MIN_AGE = 15
EBB_MAX_AGE = 74

#: AOW (state pension) age per calendar year as (years, months): report §2.2 table 1
#: (up to 2019) and cbs-sources.md §W.2 (2020-2028). Years before 2013: 65.
AOW_AGE: dict[int, tuple[int, int]] = {
    2013: (65, 1), 2014: (65, 2), 2015: (65, 3), 2016: (65, 6), 2017: (65, 9), 2018: (66, 0),
    2019: (66, 4), 2020: (66, 4), 2021: (66, 4), 2022: (66, 7), 2023: (66, 10),
    2024: (67, 0), 2025: (67, 0), 2026: (67, 0), 2027: (67, 0), 2028: (67, 3),
}
AOW_AGE_BEFORE_2013: tuple[int, int] = (65, 0)

#: Completion of a missing birth day / month (see module docstring).
IMPUTED_DAY = 15
IMPUTED_MONTH = 7


def aow_age(year: int) -> tuple[int, int]:
    """AOW age (years, months) in force in calendar ``year``.

    Raises ``ValueError`` after the last year in :data:`AOW_AGE`: from 2029 the AOW age
    follows life expectancy and is set by law five years ahead; add it to the table then.
    """
    if year < 2013:
        return AOW_AGE_BEFORE_2013
    if year not in AOW_AGE:
        raise ValueError(f"AOW age for {year} is not in the table (known up to {max(AOW_AGE)}); "
                         "add it to kansenmonitor.frame.age.AOW_AGE")
    return AOW_AGE[year]


def aow_birth_cutoff(year: int) -> np.datetime64:
    """First birth date of persons under the AOW age for the whole of ``year``.

    A person born on or after this date reaches the AOW age of ``year`` on or after
    1 January of ``year`` + 1. Because the cutoff is 1 January of ``year`` + 1 minus a whole
    number of months it is the first day of a month, and adding the AOW age to a birth date
    (with the day clipped to the month's end) is monotone in months, so the comparison
    ``birth_date >= cutoff`` is exact. Example: 2019 (66 years 4 months) -> 1953-09-01.
    """
    years, months = aow_age(year)
    month_index = (year + 1 - 1970) * 12 - (years * 12 + months)
    return np.datetime64(month_index, "M").astype("datetime64[D]")


def birth_date(birth_year: Any, birth_month: Any, birth_day: Any | None = None) -> np.ndarray:
    """Birth dates (``datetime64[D]``) from GBAGEBOORTEJAAR/-MAAND/-DAG.

    Missing year -> NaT. Missing or invalid month -> July; missing day -> the 15th; a day
    beyond the month's length (a censored or mistyped day) -> the month's last day.
    """
    y = integers(birth_year)
    m = integers(birth_month)
    d = integers(birth_day) if birth_day is not None else np.full(len(y), np.nan)
    m = np.where(np.isnan(m) | (m < 1) | (m > 12), IMPUTED_MONTH, m)
    d = np.where(np.isnan(d) | (d < 1), IMPUTED_DAY, d)
    ok = ~np.isnan(y)
    out = np.full(len(y), np.datetime64("NaT"), dtype="datetime64[D]")
    if ok.any():
        month_start = ((y[ok] - 1970) * 12 + (m[ok] - 1)).astype(np.int64).astype("datetime64[M]")
        first = month_start.astype("datetime64[D]")
        length = ((month_start + 1).astype("datetime64[D]") - first).astype(np.int64)
        day = np.minimum(d[ok].astype(np.int64), length)
        out[ok] = first + (day - 1)
    return out


def age_on_1_january(birth: np.ndarray, year: int | np.ndarray) -> np.ndarray:
    """Completed years of age on 1 January of ``year`` (float, NaN for unknown birth date).

    A person born on 1 January has their birthday on the reference date and counts it.
    """
    b = np.asarray(birth, dtype="datetime64[D]")
    t = np.broadcast_to(np.asarray(year, dtype=np.int64), b.shape)
    by = b.astype("datetime64[Y]").astype(np.int64) + 1970
    born_1_jan = b == b.astype("datetime64[Y]").astype("datetime64[D]")
    age = (t - by - np.where(born_1_jan, 0, 1)).astype(np.float64)
    age[np.isnat(b)] = np.nan
    return age


def under_aow_age_all_year(birth: np.ndarray, year: int | np.ndarray) -> np.ndarray:
    """True if the person does not reach the AOW age of ``year`` before 1 January ``year`` + 1."""
    b = np.asarray(birth, dtype="datetime64[D]")
    t = np.broadcast_to(np.asarray(year, dtype=np.int64), b.shape)
    years, inverse = np.unique(t, return_inverse=True)
    cut = np.array([aow_birth_cutoff(int(y)) for y in years], dtype="datetime64[D]")[inverse.reshape(b.shape)]
    return ~np.isnat(b) & (b >= cut)


def age_group(birth: np.ndarray, year: int | np.ndarray) -> np.ndarray:
    """``youth`` / ``adult`` / None for each birth date in reference year ``year`` (§2.2)."""
    b = np.asarray(birth, dtype="datetime64[D]")
    age = age_on_1_january(b, year)
    youth = (age >= YOUTH_MIN_AGE) & (age < ADULT_MIN_AGE)
    adult = (age >= ADULT_MIN_AGE) & under_aow_age_all_year(b, year)
    out = np.full(len(b), None, dtype=object)
    out[youth] = "youth"
    out[adult] = "adult"
    return out


def reaches_aow_age_in_or_before(birth: np.ndarray, year: int | np.ndarray) -> np.ndarray:
    """True if the person is at or over the AOW age of ``year`` on some day of ``year``.

    The pension criterion of the ``"enrolment"`` exclusion source (report §7.1.3: age from
    the BRP instead of SECMBUS); the complement of :func:`under_aow_age_all_year` for known
    birth dates.
    """
    b = np.asarray(birth, dtype="datetime64[D]")
    return ~np.isnat(b) & ~under_aow_age_all_year(b, year)


def in_ebb_age_range(age: np.ndarray) -> np.ndarray:
    """True for ages 15-74 on the reference date (EBB indicators 1-3; indicators.md §1)."""
    a = np.asarray(age, dtype=np.float64)
    return (a >= EBB_MIN_AGE) & (a <= EBB_MAX_AGE)
