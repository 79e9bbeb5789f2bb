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
