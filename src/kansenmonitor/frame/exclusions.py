"""Pupils/students and pensioners in the reference year, and the frame's exclusion reason (report §2.1, §7.1.3).

Definition (report §2.1): "We laten schoolgaande, studerende en pensioengerechtigden (deze
informatie halen we uit SECMBUS) bij de meeste vragen buiten beschouwing", except for the
questions on study choice, internships and finding a job (indicators 19-26) and the input
indicators. The frame therefore *flags* students and pensioners; it never drops them.

Two sources, chosen by configuration (``FrameConfig.exclusion_source``):

``"secm"`` (the report's choice, §2.1)
    Student: at least ``min_months`` months (default 1: any month) of year *t* with SECM
    ``26`` or ``31`` ("(nog niet) schoolgaand/studerend", with / without income).
    Pensioner: any month with SECM ``25`` ("ontvanger pensioenuitkering").
    **Choice**: the SECM *category* (the dominant position of the month), not the
    XKOPPELSCHOLSTUDSECM / XKOPPELPENSIOENSECM flags. The report's words
    "schoolgaande, studerende en pensioengerechtigden" are the category labels; the flags
    mark *any* enrolment or pension income, so they would also remove working BBL and
    part-time students and employees with a small supplementary pension, whose labour-market
    position the monitor is about. ``secm_basis="flags"`` uses the flags instead.

``"enrolment"`` (the alternative of §7.1.3: ONDERWIJSINSCHRTAB plus age from the BRP, a
year more recent than SECMBUS)
    Student: enrolled in full-time education on 1 October *t*-1 or 1 October *t*
    (ONDERWIJSINSCHRTAB of those years), i.e. during part of school year *t*-1/*t* or
    *t*/*t*+1 - the enrolment counterpart of "any month of *t*". Full-time: vo and vavo;
    mbo in the BOL full-time pathway (MBOLEERWEG ``1``); hbo/wo full-time (HOVORM ``1``);
    a missing pathway or form counts as full-time. BBL, part-time and dual programmes
    combine study with work and are not counted (SECM gives full-time education priority
    over income, not part-time study).
    Pensioner: at or over the AOW age on some day of *t*
    (:func:`kansenmonitor.frame.age.reaches_aow_age_in_or_before`).

The exclusion reason of a person-year (:func:`excluded_reason`) is the first that applies
of :data:`EXCLUSION_REASONS`.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pandas as pd

from kansenmonitor.frame._arrays import OPEN_END, code_in, codes, day_number, day_numbers

ExclusionSource = Literal["secm", "enrolment"]
SecmBasis = Literal["category", "flags"]

#: SECM codes of pupils/students and of pensioners (codelists.SECM, cbs-sources.md §C.1).
STUDENT_SECM: frozenset[str] = frozenset({"26", "31"})
PENSION_SECM: frozenset[str] = frozenset({"25"})

#: ONDERWIJSINSCHRTAB codes counted as full-time education (codelists.ONDERWIJSSOORT,
#: MBO_LEERWEG, HO_VORM).
FULL_TIME_TYPES_ALWAYS: frozenset[str] = frozenset({"VO", "VAVO"})
MBO_FULL_TIME: frozenset[str] = frozenset({"1"})
HO_FULL_TIME: frozenset[str] = frozenset({"1"})

#: Exclusion reasons in order of precedence: the first that applies is recorded.
EXCLUSION_REASONS: tuple[str, ...] = ("not_resident_all_year", "age_out_of_range", "student", "pensioner",
                                      "newcomer_6m")


def _months_in_year(start: np.ndarray, end: np.ndarray, year: int) -> np.ndarray:
    """Calendar months of ``year`` touched by inclusive day ranges (0 when disjoint)."""
    lo, hi = day_number(year), day_number(year, 12, 31)
    s = np.maximum(start, lo)
    e = np.minimum(end, hi)
    sm = s.astype(np.int64).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    em = e.astype(np.int64).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return np.where(e >= s, em - sm + 1, 0)


def secm_status(person: Any, start: Any, end: Any, secm: Any, years: list[int],
                basis: SecmBasis = "category", student_flag: Any | None = None,
                pension_flag: Any | None = None, min_months: int = 1) -> pd.DataFrame:
    """Student and pensioner per person-year from SECMBUS spells (see module docstring).

    Returns columns ``person``, ``year``, ``student``, ``pensioner`` for every person-year
    with a SECMBUS spell in the year that marks either status (persons not returned are
    neither).
    """
    s = day_numbers(start)
    e = day_numbers(end)
    e = np.where(np.isnan(e), OPEN_END, e)
    if basis == "category":
        c = codes(secm)
        is_student, is_pension = code_in(c, STUDENT_SECM), code_in(c, PENSION_SECM)
    elif basis == "flags":
        if student_flag is None or pension_flag is None:
            raise ValueError("secm_basis='flags' needs XKOPPELSCHOLSTUDSECM and XKOPPELPENSIOENSECM")
        is_student = pd.Series(student_flag).fillna(False).astype(bool).to_numpy()
        is_pension = pd.Series(pension_flag).fillna(False).astype(bool).to_numpy()
    else:
        raise ValueError(f"unknown SECM basis {basis!r}")
    keep = ~np.isnan(s) & (is_student | is_pension)
    p, s, e = np.asarray(person)[keep], s[keep], e[keep]
    is_student, is_pension = is_student[keep], is_pension[keep]
    frames = []
    for t in years:  # a handful of years, each vectorised over all spells
        months = _months_in_year(s, e, t)
        df = pd.DataFrame({"person": p, "year": t, "student": np.where(is_student, months, 0),
                           "pensioner": np.where(is_pension, months, 0)})
        frames.append(df[months > 0])
    if not frames:
        return pd.DataFrame({"person": [], "year": [], "student": [], "pensioner": []})
    months = pd.concat(frames, ignore_index=True).groupby(["person", "year"], as_index=False).sum()
    months["student"] = months["student"] >= min_months
    months["pensioner"] = months["pensioner"] >= min_months
    return months[months["student"] | months["pensioner"]].reset_index(drop=True)


def full_time_enrolment(education_type: Any, mbo_pathway: Any | None = None,
                        ho_form: Any | None = None) -> np.ndarray:
    """True for enrolments in full-time education (TYPEONDERWIJS, MBOLEERWEG, HOVORM)."""
    kind = codes(education_type)
    n = len(kind)
    path = codes(mbo_pathway) if mbo_pathway is not None else np.full(n, None, dtype=object)
    form = codes(ho_form) if ho_form is not None else np.full(n, None, dtype=object)
    mbo_ok = (kind == "MBO") & (pd.isna(path) | code_in(path, MBO_FULL_TIME))
    ho_ok = code_in(kind, ("HBO", "WO")) & (pd.isna(form) | code_in(form, HO_FULL_TIME))
    return code_in(kind, FULL_TIME_TYPES_ALWAYS) | mbo_ok | ho_ok


def enrolment_student(person: Any, enrolment_year: Any, full_time: Any, years: list[int]) -> pd.DataFrame:
    """Student per person-year from 1 October enrolments: full-time in year *t*-1 or *t*.

    Returns columns ``person``, ``year``, ``student`` (always true) for student person-years.
    """
    df = pd.DataFrame({"person": np.asarray(person), "file_year": pd.to_numeric(pd.Series(enrolment_year)),
                       "full_time": np.asarray(full_time, dtype=bool)})
    df = df[df["full_time"] & df["file_year"].notna()]
    # enrolled on 1 October y -> student in y (Sep-Dec) and y + 1 (Jan-Jul)
    both = pd.concat([df.assign(year=df["file_year"]), df.assign(year=df["file_year"] + 1)], ignore_index=True)
    both["year"] = both["year"].astype(np.int64)
    out = both.loc[both["year"].isin(years), ["person", "year"]].drop_duplicates().reset_index(drop=True)
    out["student"] = True
    return out


def excluded_reason(resident_all_year: Any, age_group: Any, student: Any, pensioner: Any,
                    newcomer_6m: Any) -> np.ndarray:
    """The first exclusion reason that applies (:data:`EXCLUSION_REASONS`), None if none does."""
    conditions = (~np.asarray(resident_all_year, dtype=bool), pd.isna(np.asarray(age_group, dtype=object)),
                  np.asarray(student, dtype=bool), np.asarray(pensioner, dtype=bool),
                  np.asarray(newcomer_6m, dtype=bool))
    out = np.full(len(conditions[0]), None, dtype=object)
    for reason, cond in zip(reversed(EXCLUSION_REASONS), reversed(conditions)):
        out[cond] = reason
    return out
