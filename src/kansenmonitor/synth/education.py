"""Education: each person's final level and SOI code, the school-leaving age, the attained
level on any date (HOOGSTEOPLTAB) and the OPLEIDINGSNRREF reference file.

The final level is drawn from the Dutch cohort curve (params.EDU_NL_BY_COHORT) shifted by
origin group and generation (params.EDU_SHIFT: an ASSUMPTION except for the
second-generation tertiary shares, edu_second_gen_tertiary_2018), so the level of young
people rises over years through cohort replacement. The attained level at a date follows
the path towards the final level (vmbo/havo-vwo onderbouw at 16, upper secondary at
17-18, the final diploma at the leaving age).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import countries as C
from kansenmonitor.synth import params as P
from kansenmonitor.synth.population import Persons

SOI_CODES = tuple(c for lvl in (0, 1, 2) for c, _, _ in P.SOI_FINAL[lvl])
SOI_INDEX = {c: i for i, c in enumerate(SOI_CODES)}
#: OPLNR catalogue: a few programme numbers per SOI code (6-digit strings, synthetic).
OPLNR_PER_CODE = 4


@dataclass
class Education:
    level: np.ndarray  # int8 0 low, 1 mid, 2 high (final)
    soi: np.ndarray  # int8 index into SOI_CODES (final)
    leave_age_m: np.ndarray  # int32 age in months at leaving education (-1: arrived as adult, no NL schooling)
    oplnr_pick: np.ndarray  # int8 which OPLNR of the SOI code
    coverage_u: np.ndarray  # float32 latent for HOOGSTEOPLTAB coverage


def draw_education(rng: np.random.Generator, p: Persons) -> Education:
    n = p.n
    byear = cal.year_of_day(p.birth).astype(float)
    ys, vals = zip(*P.EDU_NL_BY_COHORT)
    vals = np.asarray(vals)
    pl = np.interp(byear, ys, vals[:, 0])
    pm = np.interp(byear, ys, vals[:, 1])
    ph = np.interp(byear, ys, vals[:, 2])
    lm, lh = np.log(pm / pl), np.log(ph / pl)
    shift = np.array([P.EDU_SHIFT.get((C.GROUPS[g], int(k)), (0.0, 0.0)) for g, k in zip(p.group, p.gen)]) \
        if n < 2000 else _shift_lookup(p)
    lm = lm + shift[:, 0]
    lh = lh + shift[:, 1] + np.where((p.sex == 1) & (byear >= 1970), P.EDU_FEMALE_HIGH_SHIFT, 0.0)
    z = np.stack([np.zeros(n), lm, lh], axis=1)
    pr = np.exp(z - z.max(axis=1, keepdims=True))
    pr /= pr.sum(axis=1, keepdims=True)
    u = rng.random(n)
    level = (u > pr[:, 0]).astype(np.int8) + (u > pr[:, 0] + pr[:, 1]).astype(np.int8)
    soi = np.zeros(n, np.int8)
    leave = np.zeros(n, np.float64)
    for lvl in (0, 1, 2):
        sel = np.flatnonzero(level == lvl)
        codes, w, ages = zip(*P.SOI_FINAL[lvl])
        w = np.asarray(w, float)
        if lvl == 0:  # basisonderwijs-only is mostly older cohorts and first-generation migrants
            pick = np.empty(len(sel), np.int64)
            old = (byear[sel] < 1960) | (p.gen[sel] == 1)
            w_old = w.copy()
            w_young = w.copy()
            w_young[0] *= 0.25
            pick[old] = rng.choice(len(codes), size=int(old.sum()), p=w_old / w_old.sum())
            pick[~old] = rng.choice(len(codes), size=int((~old).sum()), p=w_young / w_young.sum())
        else:
            pick = rng.choice(len(codes), size=len(sel), p=w / w.sum())
        soi[sel] = np.array([SOI_INDEX[c] for c in codes], np.int8)[pick]
        leave[sel] = np.asarray(ages)[pick] + rng.normal(0.0, 0.6, len(sel))
    leave = np.maximum(leave, 16.0)  # compulsory education until 16 (qualification duty to 18 ignored)
    leave_m = (leave * 12).astype(np.int32)
    # persons who arrived as adults (after their leaving age) had no schooling in NL
    arrival_age_m = np.where(p.arrival >= 0, (p.arrival - p.birth) / 30.44, -1.0)
    adult_arrival = (p.arrival >= 0) & (arrival_age_m > leave_m)
    leave_m[adult_arrival] = -1
    return Education(level=level, soi=soi, leave_age_m=leave_m,
                     oplnr_pick=rng.integers(0, OPLNR_PER_CODE, n).astype(np.int8),
                     coverage_u=rng.random(n).astype(np.float32))


def _shift_lookup(p: Persons) -> np.ndarray:
    table = np.zeros((len(C.GROUPS), 3, 2))
    for (g, k), v in P.EDU_SHIFT.items():
        table[C.G[g], k] = v
    return table[p.group, p.gen]


def attained_soi(e: Education, p: Persons, at_day: int) -> np.ndarray:
    """SOI code index attained on ``at_day`` (-1: below 15 / nothing yet), vectorised."""
    age_m = ((at_day - p.birth) / 30.44).astype(np.int32)
    final = e.soi.astype(np.int32)
    out = final.copy()
    still = (e.leave_age_m >= 0) & (age_m < e.leave_age_m)
    lvl = e.level
    # path milestones while still in education
    basis = SOI_INDEX["1112"]
    low_sec = np.where(lvl == 2, SOI_INDEX["1222"], SOI_INDEX["1221"])
    upper = np.where(np.isin(final, [SOI_INDEX[c] for c in ("3112", "3211", "3111")]), SOI_INDEX["2131"],
                     SOI_INDEX["2132"])
    cur = np.where(age_m < 16 * 12, basis, low_sec)
    cur = np.where((lvl == 2) & (age_m >= 18 * 12), upper, cur)
    cur = np.where((lvl == 1) & (age_m >= 17 * 12 + 6) & np.isin(final, [SOI_INDEX["2121"], SOI_INDEX["2112"]]),
                   SOI_INDEX["2111"], cur)
    out = np.where(still, cur, out)
    out = np.where(age_m < 12 * 12, -1, out)
    return out.astype(np.int16)


def oplnr_codes() -> list[str]:
    """The synthetic OPLNR catalogue: OPLNR_PER_CODE numbers per SOI code, in SOI_CODES order."""
    return [f"{100000 + 1000 * i + 37 * k + 11:06d}" for i in range(len(SOI_CODES)) for k in range(OPLNR_PER_CODE)]


def opleidingsnrref_table() -> pa.Table:
    codes = oplnr_codes()
    soi = [SOI_CODES[i // OPLNR_PER_CODE] for i in range(len(codes))]
    soort = {"1": "VO", "2": "MBO", "3": "HBO"}
    kind = []
    for c in soi:
        if c.startswith("3"):
            kind.append("WO" if c in ("3113", "3212", "3213") else "HBO")
        elif c in ("1213", "2111", "2112", "2121"):
            kind.append("MBO")
        else:
            kind.append("VO")
    sectors = ["Techniek", "Zorg en welzijn", "Economie", "Landbouw", "Onderwijs", "Gedrag en maatschappij"]
    return pa.table({
        "OPLNR": pa.array(codes, pa.string()),
        "OPLNIVSOI2016AGG4": pa.array(soi, pa.string()),
        "ONDERWIJSSOORT": pa.array(kind, pa.string()),
        "SECTORMBO": pa.array([sectors[i % len(sectors)] for i in range(len(codes))], pa.string()),
        "CREBO": pa.array([f"{25000 + i}" if k == "MBO" else None for i, k in enumerate(kind)], pa.string()),
        "OPLNAAM": pa.array([f"Opleiding {c} ({soort.get(s[0], '')} niveau {s})" for c, s in zip(codes, soi)],
                            pa.string()),
    })


def coverage_probability(p: Persons, e: Education, at_day: int, year: int) -> np.ndarray:
    """Probability to be in HOOGSTEOPLTAB (registers + EBB), by age, generation and arrival."""
    cv = P.HOOGSTEOPL_COVERAGE
    age = (at_day - p.birth) / 365.25
    prob = np.where(age < 30, cv["young_register"],
                    np.where(age < 50, cv["older_native_30"] + (cv["older_native_50"] - cv["older_native_30"]) * (age - 30) / 20,
                             np.where(age < 65, cv["older_native_50"] + (cv["older_native_65"] - cv["older_native_50"]) * (age - 50) / 15,
                                      cv["older_native_65"] - 0.004 * (age - 65))))
    prob = np.where(e.leave_age_m < 0, cv["first_gen_adult_arrival"], prob)
    prob = prob + cv["trend_per_year"] * (year - 2013)
    return np.clip(prob, 0.05, 0.99)


#: Exam codes of EXAMVOTAB (index 0: no exam).
EXAM_KINDS = ("", "VMBOBB", "VMBOKB", "VMBOGL", "VMBOTL", "HAVO", "VWO")
_EXAM = {k: i for i, k in enumerate(EXAM_KINDS)}
#: Age (calendar year of the June exam minus birth year) of the exams, and years to stack.
EXAM_AGE = {"vmbo": 16, "havo": 17, "vwo": 18}
#: Type codes of the education files (0 none / 1 VO / 2 MBO / 3 HBO / 4 WO).
TYPE_NONE, TYPE_VO, TYPE_MBO, TYPE_HBO, TYPE_WO = 0, 1, 2, 3, 4


@dataclass
class SchoolRoute:
    """Each person's route through secondary school and on (the education files of
    indicators 19-22 and VSVTAB). Ages are offsets from the birth year: an exam at ``16``
    is in June of birth year + 16; school year ``k`` starts in September of birth year + k.
    Secondary school starts in school year 12 (leerjaar 1).

    The final level and SOI code (``Education``) are not changed: the route only says how a
    person gets there (vmbo -> mbo 4 -> hbo, vmbo -> havo -> hbo, havo -> vwo -> wo, ...)."""

    track1: np.ndarray  # int16 SOI index of the secondary programme up to the first exam
    exam1: np.ndarray  # int8 EXAM_KINDS index (0: no exam)
    exam1_age: np.ndarray  # int8
    track2: np.ndarray  # int16 SOI index after the first exam (-1: none)
    exam2: np.ndarray  # int8 (0: none)
    exam2_age: np.ndarray  # int8
    mbo_until: np.ndarray  # int8 school year from which the post-secondary type starts (mbo before it)
    post_type: np.ndarray  # int8 type after secondary school (TYPE_*; 0: leaves)

    @property
    def last_exam_age(self) -> np.ndarray:
        return np.where(self.exam2 > 0, self.exam2_age, self.exam1_age)


def draw_route(rng: np.random.Generator, e: Education, migration: np.ndarray) -> SchoolRoute:
    """Routes (params.EDU_ROUTES) from the final SOI code and the migration background
    (``none`` / ``western`` / ``nonwestern`` per person)."""
    r = P.EDU_ROUTES
    n = len(e.soi)
    code = np.array(SOI_CODES, dtype=object)[e.soi]
    u = rng.random((n, 4))
    idx = SOI_INDEX
    track1 = np.full(n, idx["1212"], np.int16)
    exam1 = np.zeros(n, np.int8)
    exam1_age = np.zeros(n, np.int8)
    track2 = np.full(n, -1, np.int16)
    exam2 = np.zeros(n, np.int8)
    exam2_age = np.zeros(n, np.int8)
    post = np.zeros(n, np.int8)
    gt = idx["1221"]

    def vmbo_exam(sel, is_gt):
        mixed, basic = u[sel, 3] < r["exam_mixed"], u[sel, 3] < r["exam_basic"]
        exam1[sel] = np.where(is_gt, np.where(mixed, _EXAM["VMBOGL"], _EXAM["VMBOTL"]),
                              np.where(basic, _EXAM["VMBOBB"], _EXAM["VMBOKB"]))
        exam1_age[sel] = EXAM_AGE["vmbo"]

    # low finals: vmbo (b/k or g/t) with an exam, or no exam (basis, praktijk, havo/vwo onderbouw)
    for c, track, exam in (("1212", "1212", True), ("1221", "1221", True), ("1112", "1212", False),
                           ("1211", "1211", False), ("1222", "1222", False)):
        sel = np.flatnonzero(code == c)
        track1[sel] = idx[track]
        if exam:
            vmbo_exam(sel, np.full(len(sel), track == "1221"))
    # mbo finals (entree and mbo 2-4): vmbo, then mbo
    for c, share in r["vmbo_gt"].items():
        sel = np.flatnonzero(code == c)
        is_gt = u[sel, 0] < share
        track1[sel] = np.where(is_gt, gt, idx["1212"])
        vmbo_exam(sel, is_gt)
        post[sel] = TYPE_MBO
    # havo / vwo finals: the track to the exam, then leave
    for c, kind in (("2131", "HAVO"), ("2132", "VWO")):
        sel = np.flatnonzero(code == c)
        track1[sel] = idx[c]
        exam1[sel] = _EXAM[kind]
        exam1_age[sel] = EXAM_AGE[kind.lower()]
    # hbo finals: havo (default), vmbo -> mbo 4 -> hbo, vmbo -> havo -> hbo, or vwo
    sel = np.flatnonzero(np.isin(code, ["3111", "3112", "3211"]))
    p_vmbo = np.array([r["hbo_via_vmbo"][m] for m in migration[sel]]) if len(sel) else np.zeros(0)
    via_vmbo = u[sel, 0] < p_vmbo
    via_mbo = via_vmbo & (u[sel, 1] < r["via_mbo"])
    via_havo2 = via_vmbo & ~via_mbo
    via_vwo = ~via_vmbo & (u[sel, 1] < r["hbo_via_vwo"])
    track1[sel] = np.where(via_vmbo, gt, np.where(via_vwo, idx["2132"], idx["2131"]))
    exam1[sel] = np.where(via_vmbo, np.where(u[sel, 3] < r["exam_mixed"], _EXAM["VMBOGL"], _EXAM["VMBOTL"]),
                          np.where(via_vwo, _EXAM["VWO"], _EXAM["HAVO"]))
    exam1_age[sel] = np.where(via_vmbo, EXAM_AGE["vmbo"], np.where(via_vwo, EXAM_AGE["vwo"], EXAM_AGE["havo"]))
    track2[sel] = np.where(via_havo2, idx["2131"], -1)
    exam2[sel] = np.where(via_havo2, _EXAM["HAVO"], 0)
    exam2_age[sel] = np.where(via_havo2, EXAM_AGE["vmbo"] + 2, 0)
    post[sel] = TYPE_HBO
    mbo_until = np.zeros(n, np.int8)
    mbo_until[sel] = np.where(via_mbo, EXAM_AGE["vmbo"] + 3, 0)
    # wo finals: vwo, or havo -> vwo
    sel = np.flatnonzero(np.isin(code, ["3113", "3212", "3213"]))
    p_havo = np.array([r["wo_via_havo"][m] for m in migration[sel]]) if len(sel) else np.zeros(0)
    stack = u[sel, 0] < p_havo
    track1[sel] = np.where(stack, idx["2131"], idx["2132"])
    exam1[sel] = np.where(stack, _EXAM["HAVO"], _EXAM["VWO"])
    exam1_age[sel] = np.where(stack, EXAM_AGE["havo"], EXAM_AGE["vwo"])
    track2[sel] = np.where(stack, idx["2132"], -1)
    exam2[sel] = np.where(stack, _EXAM["VWO"], 0)
    exam2_age[sel] = np.where(stack, EXAM_AGE["havo"] + 2, 0)
    post[sel] = TYPE_WO
    # persons whose leaving age comes before an exam take no exam
    leave_years = e.leave_age_m / 12.0
    no_exam1 = (e.leave_age_m < 0) | (leave_years < exam1_age)
    exam1[no_exam1] = 0
    no_exam2 = no_exam1 | (leave_years < exam2_age)
    exam2[no_exam2] = 0
    track2[no_exam2] = -1
    return SchoolRoute(track1=track1, exam1=exam1, exam1_age=exam1_age, track2=track2, exam2=exam2,
                       exam2_age=exam2_age, mbo_until=np.maximum(mbo_until, 0).astype(np.int8), post_type=post)
