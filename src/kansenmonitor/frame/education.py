"""Level of education: low / mid / high / unk (report §2.2; cbs-sources.md §9, §C.7).

Definition (report §2.2, "opleidingsniveau in drie niveaus"):

- ``low``: primary education, vmbo, the first three years of havo/vwo, mbo-1;
- ``mid``: upper havo/vwo, mbo-2, mbo-3, mbo-4;
- ``high``: hbo, wo;
- ``unk``: not known (HOOGSTEOPLTAB does not cover the whole population).

The level is the first digit of the SOI level code (…AGG4…, e.g. ``2111`` mbo 2 -> 2 ->
``mid``) of the highest *attained* level ("HB"): OPLNIVSOI2016AGG4HBMETNIRWO, or from file
year 2019 OPLNIVSOI2021AGG4HBMETNIRWO when that is filled (the 2021 variable is the
current one from 2019; S-KK does the same), else the 2016 variable.

Choice (which HOOGSTEOPLTAB year): for reference year *t*, the person's most recent record
with a known level in a file of year ≤ *t* (reference date 1 October of the file year). The
highest attained level only rises, so an older observation is still a valid lower bound,
and HOOGSTEOPLTAB's coverage (partly from the EBB sample) differs from year to year; taking
the latest known level raises coverage without using information from after year *t*.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kansenmonitor.frame._arrays import codes, map_uniques
from kansenmonitor.sources import spec

SOI2016_HB = spec.HOOGSTEOPLTAB.variable("OPLNIVSOI2016AGG4HBMETNIRWO").name
SOI2021_HB = spec.HOOGSTEOPLTAB.variable("OPLNIVSOI2021AGG4HBMETNIRWO").name
#: First file year in which the SOI-2021 variable is used.
SOI2021_FROM = 2019

#: First digit of the SOI level code -> education level code (§C.7).
FIRST_DIGIT_LEVEL: dict[str, str] = {"1": "low", "2": "mid", "3": "high"}
UNKNOWN = "unk"


def education_level(soi_code: Any) -> np.ndarray:
    """``low``/``mid``/``high`` from SOI level codes; ``unk`` for missing or unusable codes."""
    def classify(distinct: np.ndarray) -> np.ndarray:
        c = pd.Series(codes(distinct), dtype=object)
        four_digits = c.str.fullmatch(r"\d{4}").fillna(False).astype(bool)
        level = c.str[:1].map(FIRST_DIGIT_LEVEL).where(four_digits, None)
        return level.fillna(UNKNOWN).to_numpy(dtype=object)

    return map_uniques(soi_code, classify)


def soi_code_of_file(code_2016: Any, code_2021: Any | None, file_year: Any) -> np.ndarray:
    """The SOI code to use per record: the 2021 variable from 2019 when filled, else 2016."""
    c16 = codes(code_2016)
    if code_2021 is None:
        return c16
    c21 = codes(code_2021)
    fy = np.asarray(file_year, dtype=np.int64)
    use21 = (fy >= SOI2021_FROM) & pd.notna(c21)
    return np.where(use21, c21, c16)


def latest_level(person_years: pd.DataFrame, records: pd.DataFrame) -> np.ndarray:
    """Education level per person-year from the latest known record of a year ≤ the year.

    ``person_years``: columns ``person``, ``year``. ``records``: columns ``person``,
    ``year`` (HOOGSTEOPLTAB file year) and ``level`` (from :func:`education_level`);
    records with level ``unk`` are ignored. Returns the levels aligned with
    ``person_years``, ``unk`` where no record qualifies.
    """
    left = person_years[["person", "year"]].reset_index(drop=True)
    left["_row"] = np.arange(len(left))
    rec = records.loc[records["level"] != UNKNOWN, ["person", "year", "level"]]
    if rec.empty or left.empty:
        return np.full(len(left), UNKNOWN, dtype=object)
    rec = rec.sort_values(["year", "person"], kind="stable").drop_duplicates(["person", "year"], keep="last")
    left_sorted = left.sort_values("year", kind="stable")
    joined = pd.merge_asof(left_sorted, rec.astype({"year": left["year"].dtype}), on="year", by="person",
                           direction="backward")
    out = np.full(len(left), UNKNOWN, dtype=object)
    lv = joined["level"].to_numpy(dtype=object, na_value=None)
    has = pd.notna(lv)
    out[joined["_row"].to_numpy()[has]] = lv[has]
    return out
