"""Education files along each person's school route (education.py ``SchoolRoute``): ONDERWIJSINSCHRTAB
(enrolments on 1 October), EXAMVOTAB (vo exam candidates), DIPLOMAMBOTAB / DIPLOMAHOTAB
(diplomas per study year), VSVTAB (early school leavers: position one year later), SVO
(mbo school-leavers survey) and SBBKANS (labour-market prospects per mbo programme).

File year = study year starting in that year (enrolment 1 October t; exams and diplomas
in t/t+1); files are written only for study years that end inside the simulated window.
Layouts for EXAMVOTAB, VSVTAB, SVO and SBBKANS are spec.py's documented defaults (§U).
:func:`follow_up_truth` is the planted truth of indicator 20 (manifest ``education_truth``).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import params as P
from kansenmonitor.synth.education import EXAM_KINDS, OPLNR_PER_CODE, SOI_CODES, SOI_INDEX, oplnr_codes
from kansenmonitor.synth.expected_graduates import record_diplomas, record_enrolments
from kansenmonitor.synth.files import Output
from kansenmonitor.synth.truth import MIGRATION

SOURCES = ("ONDERWIJSINSCHRTAB", "EXAMVOTAB", "DIPLOMAMBOTAB", "DIPLOMAHOTAB", "VSVTAB", "SVO")
GLOBAL_SOURCES = ("SBBKANS",)
_OPLNR = np.array(oplnr_codes(), dtype=object)
MBO_FINAL = [SOI_INDEX[c] for c in ("1213", "2111", "2112", "2121")]
HBO_FINAL = [SOI_INDEX[c] for c in ("3111", "3112", "3211")]
WO_FINAL = [SOI_INDEX[c] for c in ("3113", "3212", "3213")]
TYPES = np.array(["", "VO", "MBO", "HBO", "WO"], dtype=object)


def _oplnr(soi_idx, pick):
    return _OPLNR[np.asarray(soi_idx) * OPLNR_PER_CODE + np.asarray(pick)]


def school_type(e, p, r, year: int):
    """On 1 October of ``year``: (type code 0 none / 1 VO / 2 MBO / 3 HBO / 4 WO, SOI index of the
    programme, vo leerjaar 1-6) from each person's school route (``r``, synth/education.py):
    secondary school from school year 12 up to the last exam (persons without an exam: until
    they leave), then an mbo phase up to ``mbo_until`` (vmbo -> mbo 4 -> hbo), then the
    post-secondary type up to the leaving age. Persons who take an exam and have no
    post-secondary type leave at the exam."""
    at_day = cal.day(year, 10, 1)
    k = year - cal.year_of_day(p.birth).astype(np.int64)
    age_m = (at_day - p.birth) / 30.44
    last = r.last_exam_age.astype(np.int64)
    in_vo = (last == 0) | (k < last)
    t = np.where(in_vo, 1, np.where(k < r.mbo_until, 2, r.post_type))
    enrolled = (e.leave_age_m >= 0) & (age_m < e.leave_age_m) & (k >= 12) & (t > 0)
    vo_soi = np.where((r.exam2 > 0) & (r.exam1 > 0) & (k >= r.exam1_age), r.track2, r.track1)
    soi = np.where(t == 1, vo_soi, np.where((t == 2) & ~np.isin(e.soi, MBO_FINAL), SOI_INDEX["2121"], e.soi))
    leerjaar = np.clip(k - 11, 1, 6)
    return np.where(enrolled, t, 0), soi.astype(np.int64), leerjaar


def _exam_events(r, byear: np.ndarray, exam_year: int):
    """Persons with an exam in June ``exam_year`` and the EXAM_KINDS index of that exam."""
    first = (r.exam1 > 0) & (byear + r.exam1_age == exam_year)
    second = (r.exam2 > 0) & (byear + r.exam2_age == exam_year)
    return first | second, np.where(second, r.exam2, r.exam1)


def _study_years(w):
    """Study years t/t+1 from the simulated window's first year to the last reporting year; for the last
    one the exams, diplomas and positions of t+1 follow from the persons' school paths."""
    return range(w.sim_first_year, w.last_year + 1)


def _resident(w, day: int) -> np.ndarray:
    """Resident on ``day`` (dates after the window: resident at its end)."""
    return w.persons.resident_on(min(day, cal.day(w.last_year + 1) - 1))


def _opt(mask, values) -> pa.Array:
    """Optional code: the value where ``mask``, null elsewhere."""
    return pa.array(np.where(mask, values, None), pa.string())


def _mode(w, shares, stream):
    rng = w.rng(stream)
    codes, sh = zip(*shares.items())
    return np.array(codes, dtype=object)[rng.choice(len(codes), size=w.persons.n, p=np.asarray(sh) / np.sum(sh))]


def _keys(w, rows):
    return {"RINPERSOONS": pa.array(np.full(len(rows), "R", dtype=object), pa.string()),
            "RINPERSOON": w.rin.take(pa.array(rows))}


def study_migrant_enrolled(w, day: int) -> np.ndarray:
    """Study migrants without a Dutch school path (arrived as adults) who are studying on
    ``day``: arrived on or before it, studies ending after its month (params.STUDY_*)."""
    p, e = w.persons, w.education
    return ((p.study_until >= 0) & (e.leave_age_m < 0) & (p.arrival <= day)
            & (p.study_until > cal.month_of_day(np.array([day]))[0]))


def study_migrant_type(w, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(type code 3 HBO / 4 WO, SOI index of the programme) of study migrants ``idx``: wo for
    a final level at wo, else hbo (bachelor)."""
    wo = np.isin(w.education.soi[idx], WO_FINAL)
    return np.where(wo, 4, 3), np.where(wo, SOI_INDEX["3113"], SOI_INDEX["3112"])


def study_migrant_diplomas(w, y: int) -> tuple[np.ndarray, np.ndarray]:
    """Study migrants graduating in study year ``y`` (their last student month, June, falls in
    September y - August y+1) and resident on the exam day (the 15th of that month):
    (person index, exam day)."""
    p, e = w.persons, w.education
    last = p.study_until - 1
    lo, hi = cal.month_index(y, 9), cal.month_index(y + 1, 8)
    cand = np.flatnonzero((p.study_until >= 0) & (e.leave_age_m < 0) & (last >= lo) & (last <= hi))
    day = (cal.month_start_day(last[cand]) + 14).astype(np.int64)
    ok = p.resident_at(cand, day) & (p.arrival[cand] <= day)
    return cand[ok], day[ok]


def build(w):
    p, e, r = w.persons, w.education, w.route
    leerweg = _mode(w, P.MBO_LEERWEG_SHARES, "leerweg")
    hovorm = _mode(w, P.HO_VORM_SHARES, "hovorm")
    mig = MIGRATION[p.group]
    leave_day = (p.birth + e.leave_age_m * 30.44).astype(np.int64)
    for y in _study_years(w):
        rng = w.rng(f"onderwijs{y}")
        oct1 = cal.day(y, 10, 1)
        res = p.resident_on(oct1)
        typ, soi_all, leerjaar = school_type(e, p, r, y)
        prev, _, _ = school_type(e, p, r, y - 1)
        sel = np.flatnonzero(res & (typ > 0))
        t = typ[sel]
        soi = soi_all[sel]
        # study migrants (params.STUDY_*): full-time hbo / wo students until their studies end
        sm = np.flatnonzero(study_migrant_enrolled(w, oct1) & res)
        sm_type, sm_soi = study_migrant_type(w, sm)
        first_year_sm = ~study_migrant_enrolled(w, cal.day(y - 1, 10, 1))[sm]
        prev_type = np.concatenate([prev[sel], np.where(first_year_sm, 0, sm_type)])
        sel, t, soi = np.concatenate([sel, sm]), np.concatenate([t, sm_type]), np.concatenate([soi, sm_soi])
        hovorm_sel = np.where(np.arange(len(sel)) >= len(sel) - len(sm), "1", hovorm[sel]).astype(object)
        cols = {**_keys(w, sel), "OPLNR": pa.array(_oplnr(soi, e.oplnr_pick[sel]), pa.string()),
                "HOOFDINSCHR": pa.array(np.where(t >= 3, "11", "01").astype(object), pa.string()),
                "TYPEONDERWIJS": pa.array(TYPES[t], pa.string()),
                "VOLEERJAAR": pa.array(np.where(t == 1, leerjaar[sel], None), pa.int64()),
                "MBOLEERWEG": _opt(t == 2, leerweg[sel]),
                "HOVORM": _opt(t >= 3, hovorm_sel),
                "EERSTEJAARS": pa.array(np.where(prev_type != t, "1", "0").astype(object), pa.string())}
        record_enrolments(w, y, sel, TYPES[t], np.where(t == 2, leerweg[sel], None), np.where(t >= 3, hovorm_sel, None))
        yield Output("ONDERWIJSINSCHRTAB", y, cols)
        # ---------------------------------------------------------- vo exams in June y+1
        exam_day = cal.day(y + 1, 6, 15)
        takes, exam_kind = _exam_events(r, cal.year_of_day(p.birth).astype(np.int64), y + 1)
        cand = np.flatnonzero(takes & _resident(w, exam_day))
        kind = np.array(EXAM_KINDS, dtype=object)[exam_kind[cand]]
        kind_soi = np.where(kind == "HAVO", SOI_INDEX["2131"], np.where(kind == "VWO", SOI_INDEX["2132"],
                                                                       np.where(np.isin(kind, ["VMBOBB", "VMBOKB"]),
                                                                                SOI_INDEX["1212"], SOI_INDEX["1221"])))
        cols = {**_keys(w, cand), "EXAMVOSCHOOLSOORT": pa.array(kind.astype(object), pa.string()),
                "EXAMVOGESLAAGD": pa.array(np.where(rng.random(len(cand)) < P.EXAM_PASS_RATE, "1", "2").astype(object),
                                           pa.string()),
                "OPLNR": pa.array(_oplnr(kind_soi, e.oplnr_pick[cand]), pa.string())}
        yield Output("EXAMVOTAB", y, cols)
        # ---------------------------------------------------------- diplomas in study year y (Sep y - Aug y+1)
        lo, hi = cal.day(y, 9, 1), cal.day(y + 1, 8, 31)
        ok = (e.leave_age_m >= 0) & (leave_day >= lo) & (leave_day <= hi) & _resident(w, hi)
        mbo = np.flatnonzero(ok & np.isin(e.soi, MBO_FINAL))
        ex = (cal.day(y + 1, 6, 1) + rng.integers(0, 50, len(mbo))).astype(np.int64)
        earlier = mbo[(rng.random(len(mbo)) < P.MBO_EARLIER_DIPLOMA_SHARE) & (e.soi[mbo] == SOI_INDEX["2121"])]
        rows = np.concatenate([mbo, earlier])
        soi = np.concatenate([e.soi[mbo], np.full(len(earlier), SOI_INDEX["2111"])])
        exd = np.concatenate([ex, cal.day(y, 7, 1) - 365 + rng.integers(0, 30, len(earlier))])
        highest = np.concatenate([np.full(len(mbo), "1"), np.full(len(earlier), "2")])
        cols = {**_keys(w, rows), "EXAMENDATUMMBO": cal.date_strings(exd),
                "OPLNR": pa.array(_oplnr(soi, e.oplnr_pick[rows]), pa.string()),
                "SELECTIEHOOFDDPLMBO": pa.array(np.full(len(rows), "1", dtype=object), pa.string()),
                "SELECTIEHOOGSTEDPLMBO": pa.array(highest.astype(object), pa.string()),
                "TYPEMBODPL": pa.array(leerweg[rows], pa.string())}
        record_diplomas(w, "mbo", y, rows, exd, soi)
        yield Output("DIPLOMAMBOTAB", y, cols)
        ho = np.flatnonzero(ok & np.isin(e.soi, HBO_FINAL + WO_FINAL))
        ex = (cal.day(y + 1, 6, 20) + rng.integers(-60, 60, len(ho))).astype(np.int64)
        sm, sm_day = study_migrant_diplomas(w, y)
        f = np.concatenate([e.soi[ho], study_migrant_type(w, sm)[1]]).astype(e.soi.dtype)
        ho, ex = np.concatenate([ho, sm]), np.concatenate([ex, sm_day])
        master = np.isin(f, [SOI_INDEX["3211"], SOI_INDEX["3212"], SOI_INDEX["3213"]])
        fase = np.where(f == SOI_INDEX["3111"], "A", np.where(master, "M", "B"))
        soort = np.where(master, "05", "03")
        # the bachelor before a master, in an earlier study year, is in that year's file (not repeated)
        cols = {**_keys(w, ho), "OPLNR": pa.array(_oplnr(f, e.oplnr_pick[ho]), pa.string()),
                "EXAMENMAAND": cal.month_of_day(ex).astype(np.int64) % 12 + 1}
        if y >= 2013:
            cols["EXAMENDATUMDIPLHO"] = cal.date_strings(ex)
        cols.update({"SOORTDIPLSOORTHO": pa.array(soort.astype(object), pa.string()),
                     "STUDIEFASEDIPL": pa.array(fase.astype(object), pa.string()),
                     "VORMOPLEIDINGHODIP": pa.array(np.where(np.arange(len(ho)) >= len(ho) - len(sm), "1",
                                                             hovorm[ho]).astype(object), pa.string())})
        record_diplomas(w, "ho", y, ho, ex, f)
        yield Output("DIPLOMAHOTAB", y, cols)
        # ---------------------------------------------------------- early school leavers (1 Oct y -> 1 Oct y+1)
        age = (oct1 - p.birth) / 365.25
        vsv_pop = np.flatnonzero(res & np.isin(typ, [1, 2]) & (age >= 12) & (age < 23) &
                                 _resident(w, cal.day(y + 1, 10, 1)))
        nxt, _, _ = school_type(e, p, r, y + 1)
        still = nxt[vsv_pop] > 0
        qualified = (e.level[vsv_pop] >= 1)
        status = np.where(still, "2", np.where(qualified, "3", "1"))
        reden = np.array(["1", "2", "3", "4", "5", "9"], dtype=object)[
            rng.choice(6, len(vsv_pop), p=[0.3, 0.2, 0.15, 0.2, 0.05, 0.1])]
        cols = {**_keys(w, vsv_pop), "VSVSTATUS": pa.array(status.astype(object), pa.string()),
                "VSVONDERWIJSSOORT": pa.array(TYPES[typ[vsv_pop]], pa.string()),
                "VSVREDEN": _opt(status == "1", reden)}
        yield Output("VSVTAB", y, cols)
    # ---------------------------------------------------------- SVO: mbo graduates of two study years earlier
    for y in range(w.first_year, w.last_year + 1):
        rng = w.rng(f"svo{y}")
        lo, hi = cal.day(y - 2, 9, 1), cal.day(y - 1, 8, 31)
        grads = np.flatnonzero((e.leave_age_m >= 0) & (leave_day >= lo) & (leave_day <= hi) &
                               np.isin(e.soi, MBO_FINAL) & p.resident_on(cal.day(y, 3, 1)))
        resp = grads[rng.random(len(grads)) < P.SVO["sample"] * P.SVO["response"]]
        m = mig[resp]
        prob = np.array([P.SVO["stage_problem"][x] for x in m])
        mean_app = np.array([P.SVO["applications_mean"][x] for x in m])
        match = P.SVO["match_from_2019"] if y >= 2019 else P.SVO["match_before_2019"]
        mc, mw = zip(*match.items())
        weight = np.full(len(resp), len(grads) / max(len(resp), 1))
        cols = {**_keys(w, resp), "OPLNR": pa.array(_oplnr(e.soi[resp], e.oplnr_pick[resp]), pa.string()),
                "SVOLEERWEG": pa.array(leerweg[resp], pa.string()),
                "SVOVRGStageProbleem": pa.array(np.where(rng.random(len(resp)) < prob, "1", "2").astype(object),
                                                pa.string()),
                "SVOVRGAantalSollicitatiesStage": rng.geometric(1.0 / mean_app).astype(np.int64),
                "SVOVRGAansluitwerk": pa.array(np.array(mc, dtype=object)[rng.choice(len(mc), len(resp),
                                                                                     p=np.asarray(mw) / np.sum(mw))],
                                               pa.string()),
                "SVOGEWICHT": np.round(weight, 4)}
        yield Output("SVO", y, cols)


def build_global(g):
    """SBBKANS per year: prospects ("kans op werk" 1-4) of every mbo programme in the OPLNR catalogue."""
    codes = oplnr_codes()
    mbo_soi = {"1213", "2111", "2112", "2121"}
    rows = [c for i, c in enumerate(codes) if SOI_CODES[i // OPLNR_PER_CODE] in mbo_soi]
    crebo = [f"{25000 + codes.index(c)}" for c in rows]
    for y in range(g.cfg.years[0], g.cfg.years[1] + 1):
        base = np.array([(int(c) * 7919 + 13) % 4 for c in rows])
        shift = (y >= 2020) * np.array([(int(c) % 3 == 0) for c in rows])  # some programmes improve after 2020
        kans = np.clip(base + 1 + shift, 1, 4).astype(str).astype(object)
        yield Output("SBBKANS", y, {"OPLNR": pa.array(rows, pa.string()), "CREBO": pa.array(crebo, pa.string()),
                                    "KANSWERK": pa.array(kans, pa.string())})


#: Rank of a secondary programme (SOI) and of an exam (EXAM_KINDS index): vmbo 1, havo 2, vwo 3.
_VO_RANK = {"1211": 1, "1212": 1, "1221": 1, "1222": 2, "2131": 2, "2132": 3}
_EXAM_RANK = np.array([0, 1, 1, 1, 1, 2, 3])
#: Follow-up categories of indicator 20 (the monitor's variant codes).
FOLLOW_UP = ("mbo", "hbo", "wo", "vo_higher", "vo_other", "none")


def follow_up_truth(w) -> dict[str, list[float]]:
    """Planted truth of indicator 20 (manifest ``education_truth``), from the world's school
    routes: for every reporting year T, the exam candidates of June T (as EXAMVOTAB: an exam
    in June T, resident on the exam day) who are resident all of year T and were not
    newcomers of at most 6 months on 1 January T (the frame with students), by their
    status on 1 October T: the type they are enrolled in (if resident then), and for
    secondary school whether its level (vmbo < havo < vwo) is above the exam's. Aggregates
    ``edu_a20|<T>|<group>|<category>`` = [candidates in the category, candidates] for the
    origin groups and the migration backgrounds (``mig_<background>``)."""
    p, e, r = w.persons, w.education, w.route
    byear = cal.year_of_day(p.birth).astype(np.int64)
    groups = {"origin": w.origin_codes(), "migration": np.array([f"mig_{m}" for m in MIGRATION[p.group]],
                                                                dtype=object)}
    vo_rank = np.array([_VO_RANK.get(c, 0) for c in SOI_CODES])
    out: dict[str, list[float]] = {}
    for year in range(w.first_year, w.last_year + 1):
        jan1, next_jan1 = cal.day(year), cal.day(year + 1)
        takes, kind = _exam_events(r, byear, year)
        settled = p.resident_days(jan1 - 366 * 40, jan1) > 183
        cand = takes & _resident(w, cal.day(year, 6, 15)) & settled & \
            (p.resident_days(jan1, next_jan1) == next_jan1 - jan1)
        typ, soi, _ = school_type(e, p, r, year)
        typ = np.where(p.resident_on(cal.day(year, 10, 1)), typ, 0)
        higher = vo_rank[soi] > _EXAM_RANK[kind]
        category = np.select([typ == 2, typ == 3, typ == 4, (typ == 1) & higher, typ == 1],
                             ["mbo", "hbo", "wo", "vo_higher", "vo_other"], "none")
        for codes in groups.values():
            for g in np.unique(codes[cand]):
                sel = cand & (codes == g)
                n = float(sel.sum())
                for c in FOLLOW_UP:
                    out[f"edu_a20|{year}|{g}|{c}"] = [float((sel & (category == c)).sum()), n]
    return out
