"""Planted truth of indicator 25 (time to a job after graduation, report §5.1), realised.

The education files record what they write (:func:`record_enrolments`,
:func:`record_diplomas`: the world's school paths and the study migrants of
``params.STUDY_*``); :func:`graduates` turns that into the graduates of every cohort year
*t* whose 1 October *t* + 1 enrolments are written, and follows each in the world itself:

* cohort *t*: enrolled on 1 October *t* full-time (mbo with pathway 1 or none: ``bol``;
  hbo / wo with form 1 or none) or in mbo bbl (pathway 3, wage figures only), not enrolled
  on 1 October *t* + 1, with a diploma of the enrolment's type in study year *t* (of
  several, the latest exam day; an hbo / wo diploma's type from its programme);
* diploma month *d*: the month of the exam day;
* observed months: up to the month before the first month from *d* on in which the person
  is not resident on any day (emigration, ``Persons`` residence periods), up to December of
  the last reporting year, at most 36;
* months to a job: the first month from *d* − 1 on in the observed months with the
  monitor's *work* realised (``expected_dynamics.monitor_work``: a substantial job in the
  SPOLIS records, or SECM 13/14 passing the year's income test), months after *d*, 0 for
  *d* − 1 or *d*.

This is the indicator's definition applied to the generator's own arrays (no monitor code);
the frame of year *t* (resident all year, ages, students kept) is the monitor's, so the
planted-truth test joins the truth rows with the frame. Aggregates (manifest
``realised_truth``, over all graduates written, frame or not): ``graduates_job_<k>m|<t>|<g>``
(jobs within *k* months among full-time graduates observed *k* months) and
``graduates_censored_emigration|<t>|<g>`` (share of the full-time graduates without a job
who left the register before 36 months), ``<g>`` an origin group or ``T``.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import countries as C
from kansenmonitor.synth.education import SOI_INDEX

MAX_MONTHS = 36
WINDOWS = (1, 3, 6, 12)
_WO_SOI = [SOI_INDEX[c] for c in ("3113", "3212", "3213")]


def record_enrolments(w, year: int, idx: np.ndarray, kind: np.ndarray, pathway: np.ndarray, form: np.ndarray) -> None:
    """Keep the 1 October ``year`` enrolments written: person, TYPEONDERWIJS, MBOLEERWEG, HOVORM."""
    w.education_written[("enrol", year)] = (np.asarray(idx), np.asarray(kind, dtype=object),
                                            np.asarray(pathway, dtype=object), np.asarray(form, dtype=object))


def record_diplomas(w, kind: str, year: int, idx: np.ndarray, exam_day: np.ndarray, soi: np.ndarray) -> None:
    """Keep the diplomas (``mbo`` / ``ho``) of study ``year`` written: person, exam day, SOI."""
    w.education_written[(kind, year)] = (np.asarray(idx), np.asarray(exam_day, dtype=np.int64), np.asarray(soi))


def graduate_type(kind: np.ndarray, pathway: np.ndarray, form: np.ndarray) -> np.ndarray:
    """bol / bbl / hbo / wo of an enrolment, '' for anything else (module docstring)."""
    no_path = np.array([x is None for x in pathway])
    no_form = np.array([x is None for x in form])
    out = np.full(len(kind), "", dtype=object)
    out[(kind == "MBO") & (no_path | (pathway == "1"))] = "bol"
    out[(kind == "MBO") & (pathway == "3")] = "bbl"
    ho_ft = no_form | (form == "1")
    out[(kind == "HBO") & ho_ft] = "hbo"
    out[(kind == "WO") & ho_ft] = "wo"
    return out


def _latest(idx: np.ndarray, day: np.ndarray, *extra: np.ndarray) -> tuple[np.ndarray, ...]:
    order = np.lexsort((day, idx))
    idx, day = idx[order], day[order]
    last = np.r_[idx[1:] != idx[:-1], True] if len(idx) else np.zeros(0, bool)
    return (idx[last], day[last], *(e[order][last] for e in extra))


def _present_in_month(p, idx: np.ndarray, month: np.ndarray) -> np.ndarray:
    """Resident on at least one day of ``month`` (month numbers), per person ``idx``."""
    lo = cal.month_start_day(month).astype(np.int64)
    hi = cal.month_start_day(month + 1).astype(np.int64)
    e1, x1, e2, x2 = p.entry1[idx], p.exit1[idx], p.entry2[idx], p.exit2[idx]
    first = (np.minimum(x1, hi) - np.maximum(e1, lo)) > 0
    second = (e2 >= 0) & ((np.minimum(x2, hi) - np.maximum(e2, lo)) > 0)
    return first | second


def cohort(w, year: int) -> dict[str, np.ndarray] | None:
    """The graduates of cohort ``year`` as the files wrote them (None when the enrolments of
    1 October ``year`` + 1 or the year's files are not recorded)."""
    rec = w.education_written
    if not all(k in rec for k in (("enrol", year), ("enrol", year + 1), ("mbo", year), ("ho", year))):
        return None
    idx, kind, pathway, form = rec[("enrol", year)]
    gtype = graduate_type(kind, pathway, form)
    keep = (gtype != "") & ~np.isin(idx, rec[("enrol", year + 1)][0])
    idx, gtype = idx[keep], gtype[keep]
    m_idx, m_day, _ = _latest(*rec[("mbo", year)])
    h_idx, h_day, h_soi = rec[("ho", year)]
    h_type = np.where(np.isin(h_soi, _WO_SOI), "wo", "hbo").astype(object)
    diploma_day = np.full(len(idx), -1, np.int64)
    mbo = np.isin(gtype, ["bol", "bbl"])
    pos = np.searchsorted(m_idx, idx)
    hit = mbo & (pos < len(m_idx)) & (m_idx[np.minimum(pos, len(m_idx) - 1)] == idx)
    diploma_day[hit] = m_day[pos[hit]]
    for t in ("hbo", "wo"):
        sel = h_type == t
        t_idx, t_day = _latest(h_idx[sel], h_day[sel])
        pos = np.searchsorted(t_idx, idx)
        hit = (gtype == t) & (pos < len(t_idx)) & (t_idx[np.minimum(pos, len(t_idx) - 1)] == idx)
        diploma_day[hit] = t_day[pos[hit]]
    ok = diploma_day >= 0
    return {"idx": idx[ok], "type": gtype[ok], "diploma_month": cal.month_of_day(diploma_day[ok]).astype(np.int64)}


def follow(w, work: np.ndarray, g: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Observed months, leaving the register and months to a job of the graduates ``g``."""
    p, c = w.persons, w.careers
    idx, d = g["idx"], g["diploma_month"]
    last_m = cal.month_index(w.last_year, 12)
    last_present = np.full(len(idx), last_m, np.int64)
    open_ = np.ones(len(idx), bool)
    for k in range(0, MAX_MONTHS + 1):
        m = d + k
        gone = open_ & (m <= last_m) & ~_present_in_month(p, idx, m)
        last_present[gone] = m[gone] - 1
        open_ &= ~gone
    last_obs = np.minimum(np.minimum(last_present, last_m), d + MAX_MONTHS)
    months_to_job = np.full(len(idx), -1, np.int64)
    for k in range(-1, MAX_MONTHS + 1):
        col = d + k - c.m0
        ok = (months_to_job < 0) & (d + k <= last_obs) & (col >= 0) & (col < work.shape[1])
        hit = ok & work[idx, np.clip(col, 0, work.shape[1] - 1)]
        months_to_job[hit] = max(k, 0)
    return {"observed": np.maximum(last_obs - d, 0), "left": last_present < last_m, "months_to_job": months_to_job}


def graduates(w, work: np.ndarray) -> tuple[pa.Table, dict[str, list[float]]]:
    """The truth rows (``truth/graduates.parquet``) and the aggregates of every cohort year."""
    tables, agg = [], {}
    groups = np.array(C.GROUPS, dtype=object)
    for year in range(w.first_year, w.last_year + 1):
        g = cohort(w, year)
        if g is None:
            continue
        f = follow(w, work, g)
        mi = g["diploma_month"]
        tables.append(pa.table({
            "RINPERSOON": w.rin.take(pa.array(g["idx"])), "cohort_year": np.full(len(mi), year, np.int64),
            "grad_type": pa.array(g["type"], pa.string()), "full_time": g["type"] != "bbl",
            "diploma_year": (mi // 12 + 1970).astype(np.int64), "diploma_month": (mi % 12 + 1).astype(np.int64),
            "observed_months": f["observed"], "left_register": f["left"],
            "months_to_job": pa.array(np.where(f["months_to_job"] >= 0, f["months_to_job"], None), pa.int64()),
            "origin": pa.array(groups[w.persons.group[g["idx"]]], pa.string())}))
        ft = g["type"] != "bbl"
        origin = groups[w.persons.group[g["idx"]]]
        found, obs = f["months_to_job"], f["observed"]
        for name in (*C.GROUPS, "T"):
            sel = ft & ((origin == name) | (name == "T"))
            for k in WINDOWS:
                den = sel & (obs >= k)
                _add(agg, f"graduates_job_{k}m|{year}|{name}", (den & (found >= 0) & (found <= k)).sum(), den.sum())
            cens = sel & (found < 0) & (obs < MAX_MONTHS) & f["left"]
            _add(agg, f"graduates_censored_emigration|{year}|{name}", cens.sum(), sel.sum())
    table = pa.concat_tables(tables) if tables else None
    return table, agg


def _add(agg: dict, key: str, num, den) -> None:
    a = agg.setdefault(key, [0.0, 0.0])
    a[0] += float(num)
    a[1] += float(den)
