"""HOOGSTEOPLTAB: highest attained / followed education on 1 October (cbs-sources §9).

Coverage is partial (registers plus EBB, ~65-70 % of the population, lower for older
persons and immigrants who arrived as adults); GEWICHTHOOGSTEOPL grosses the covered
persons up to the population per age band and generation. The attained level rises over
the years for young people still in education.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth.education import OPLNR_PER_CODE, SOI_CODES, attained_soi, coverage_probability, oplnr_codes
from kansenmonitor.synth.files import Output

SOURCES = ("HOOGSTEOPLTAB",)
_SOI = np.array(SOI_CODES + ("----",), dtype=object)
_OPLNR = np.array(oplnr_codes() + ["----"], dtype=object)


def build(w) -> list[Output]:
    p, e = w.persons, w.education
    out = []
    for year in range(w.first_year, w.last_year + 1):
        rng = w.rng(f"hoogsteopl{year}")
        ref = cal.day(year, 10, 1)
        age = (ref - p.birth) / 365.25
        pop = p.resident_on(ref) & (age >= 15)
        prob = coverage_probability(p, e, ref, year)
        covered = pop & (e.coverage_u < prob)
        hb = attained_soi(e, p, ref)
        covered &= hb >= 0
        sel = np.flatnonzero(covered)
        hb_s = hb[sel].astype(np.int64)
        studying = (e.leave_age_m[sel] >= 0) & (age[sel] * 12 < e.leave_age_m[sel])
        hg_s = np.where(studying, e.soi[sel], hb_s)
        missing_hb = rng.random(len(sel)) < 0.005
        missing_hg = rng.random(len(sel)) < 0.03
        hb_code = np.where(missing_hb, len(SOI_CODES), hb_s)
        hg_code = np.where(missing_hg, len(SOI_CODES), hg_s)
        oplnr = np.where(missing_hb, len(_OPLNR) - 1, hb_s * OPLNR_PER_CODE + e.oplnr_pick[sel])
        # weight: population / covered per (5-year age band, generation)
        cell = np.minimum((age // 5).astype(np.int64), 20) * 3 + p.gen
        npop = np.bincount(cell[pop], minlength=63)
        ncov = np.bincount(cell[sel], minlength=63)
        wcell = np.where(ncov > 0, npop / np.maximum(ncov, 1), 1.0)
        cols = {"RINPERSOONS": pa.array(np.full(len(sel), "R", dtype=object), pa.string()),
                "RINPERSOON": w.rin.take(pa.array(sel)),
                "OPLNIVSOI2016AGG4HBMETNIRWO": pa.array(_SOI[hb_code], pa.string()),
                "OPLNIVSOI2016AGG4HGMETNIRWO": pa.array(_SOI[hg_code], pa.string())}
        if year >= 2019:
            cols["OPLNIVSOI2021AGG4HBMETNIRWO"] = pa.array(_SOI[hb_code], pa.string())
        cols["OPLNRHB"] = pa.array(_OPLNR[oplnr], pa.string())
        cols["GEWICHTHOOGSTEOPL"] = np.round(wcell[cell[sel]], 6)
        out.append(Output("HOOGSTEOPLTAB", year, cols))
    return out
