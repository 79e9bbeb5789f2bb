"""EBBNW: labour force survey sample (cbs-sources §8).

A rotating panel: every quarter a fresh sample of ~0.25 % of the non-institutional
resident population aged 15-74 enters and is interviewed in up to 5 consecutive quarterly
waves (EBBSTKPEILINGNUMMER), with attrition after the first wave. The labour status
EBBAFLBBINT follows the register state in the interview month plus survey noise: employed
("1") = any paid work; unemployed ("2") = no work, searching and available (probability by
register state: WW, bijstand, inactive, ...); otherwise "3". Weights are post-stratified
per quarter on sex x age band x migration background so the quarterly weights sum to the
population and the annual weights (quarterly / 4) to the average population of the year.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import countries as C
from kansenmonitor.synth import params as P
from kansenmonitor.synth.education import SOI_CODES, attained_soi
from kansenmonitor.synth.files import Output
from kansenmonitor.synth.labour import EMP, SELF, STATES

SOURCES = ("EBBNW",)
_CODES = np.array(C.CODES, dtype=object)
_LEVEL1 = np.array([c[0] for c in SOI_CODES], dtype=object)
AGE_EDGES = (25, 45, 65)


#: P(searching and available) of a person who works but answers "not working".
SEARCH_WHEN_WORK_UNREPORTED = 0.2


def search_available_by_state() -> np.ndarray:
    """P(searching and available | not reporting work), indexed by the labour model's state."""
    sa = np.zeros(len(STATES))
    for k, v in P.EBB["search_available"].items():
        sa[STATES.index(k)] = v
    return sa


def expected_answers(state: np.ndarray, working: np.ndarray, nonwestern: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P(answer "employed") and P(answer "unemployed") of persons in ``state`` (the labour
    model's state in the interview month), ``working`` (an employee job, own business or
    work in SECM that month) and ``nonwestern`` (broadcast against ``state``): the planted
    truth of indicators 1-3, exactly as :func:`build` draws the answers."""
    a, b = P.EBB["report_not_working_when_working"], P.EBB["report_working_when_not"]
    mult = np.where(nonwestern, P.EBB["search_nw_mult"], 1.0)
    p_employed = np.where(working, 1.0 - a, b)
    p_unemployed = np.where(working, a * SEARCH_WHEN_WORK_UNREPORTED,
                            (1.0 - b) * search_available_by_state()[state] * mult)
    return p_employed, p_unemployed


def _quarter_start(year: int, q: int) -> int:
    return cal.day(year, 3 * q + 1, 1)


def panel(w):
    """All interviews of the simulated window: (person, interview day, wave)."""
    p, lat = w.persons, w.careers.latent
    rng = w.rng("ebb-panel")
    persons, days, waves = [], [], []
    # A sampled person is not sampled again within two years (8 quarters), as an address
    # that just left the panel is not: two overlapping panels would give one person two
    # interviews with the same wave number in one year. The inflow rate is raised by the
    # share so excluded, so the expected cohort (and the grossing-up) is unchanged.
    last_cohort = np.full(p.n, -100, np.int32)
    quarter_index = 0
    for year in range(w.sim_first_year, w.last_year + 1):
        for q in range(4):
            qs = _quarter_start(year, q)
            age = (qs - p.birth) / 365.25
            target = p.resident_on(qs) & (age >= 15) & (age < 75) & ~lat.institutional
            elig = target & (quarter_index - last_cohort >= 8)
            rate = P.EBB["quarterly_inflow"] * target.sum() / max(int(elig.sum()), 1)
            cohort = np.flatnonzero(elig & (rng.random(p.n) < rate))
            last_cohort[cohort] = quarter_index
            quarter_index += 1
            offset = rng.integers(0, 85, len(cohort))
            alive = np.ones(len(cohort), bool)
            for k in range(5):
                d = qs + offset + 91 * k
                if k:
                    alive &= rng.random(len(cohort)) < P.EBB["wave_retention"]
                ok = alive & p.resident_at(cohort, d)
                persons.append(cohort[ok])
                days.append(d[ok])
                waves.append(np.full(int(ok.sum()), k + 1, np.int8))
    return np.concatenate(persons), np.concatenate(days).astype(np.int32), np.concatenate(waves)


def build(w) -> list[Output]:
    p, c, e = w.persons, w.careers, w.education
    person, day, wave = panel(w)
    out = []
    nw = C.IS_NONWESTERN[p.group]
    bg = np.where(p.gen == 0, 0, np.where(nw, 2, 1))
    for year in range(w.first_year, w.last_year + 1):
        rng = w.rng(f"ebb{year}")
        sel = (day >= cal.day(year)) & (day < cal.day(year + 1))
        per, d, wv = person[sel], day[sel], wave[sel]
        order = np.lexsort((wv, per))
        per, d, wv = per[order], d[order], wv[order]
        m = len(per)
        mon = cal.month_of_day(d)
        col = mon - c.m0
        st = c.state[per, col]
        working = (st == EMP) | (st == SELF) | w.secm.has_work[per, col]
        noise = rng.random(m)
        report_work = np.where(working, noise >= P.EBB["report_not_working_when_working"],
                               noise < P.EBB["report_working_when_not"])
        p_search = search_available_by_state()[st] * np.where(nw[per], P.EBB["search_nw_mult"], 1.0)
        p_search = np.where(working & ~report_work, SEARCH_WHEN_WORK_UNREPORTED, p_search)
        unemployed = ~report_work & (rng.random(m) < p_search)
        bbint = np.where(report_work, "1", np.where(unemployed, "2", "3")).astype(object)
        # position in employment: permanent / flexible / self-employed
        jm = w.polis(year).job_month
        key_jm = jm["person"].astype(np.int64) * 4096 + jm["t"]
        o = np.lexsort((-jm["hours"], key_jm))
        kk = key_jm[o]
        first = np.r_[True, kk[1:] != kk[:-1]]
        main_key, main_con = kk[first], jm["contract"][o][first]
        q_key = per.astype(np.int64) * 4096 + col
        pos_i = np.searchsorted(main_key, q_key)
        pos_i = np.minimum(pos_i, max(len(main_key) - 1, 0))
        found = (len(main_key) > 0) & (main_key[pos_i] == q_key) if len(main_key) else np.zeros(m, bool)
        con = np.where(found, main_con[pos_i] if len(main_key) else 9, 9)
        pos = np.where(~report_work, "9", np.where(st == SELF, "3", np.where(con == 0, "1", np.where(con == 1, "2", "9"))))
        njobs = np.where(report_work, np.maximum(1, (st == SELF).astype(int) + w.secm.has_work[per, col].astype(int)), 0)
        # weights: post-stratification per quarter on sex x age band x background
        age = ((d - p.birth[per]) / 365.25).astype(np.int64)
        ageb = np.searchsorted(AGE_EDGES, age, side="right")
        quarter = (mon % 12) // 3
        wq = np.zeros(m)
        for q in range(4):
            qs = _quarter_start(year, q) + 45
            pa_ = (qs - p.birth) / 365.25
            popm = p.resident_on(qs) & (pa_ >= 15) & (pa_ < 75) & ~c.latent.institutional
            cell_pop = p.sex * 12 + np.searchsorted(AGE_EDGES, pa_.astype(np.int64), side="right") * 3 + bg
            npop = np.bincount(cell_pop[popm], minlength=24).astype(float)
            iq = np.flatnonzero(quarter == q)
            cell_s = p.sex[per[iq]] * 12 + ageb[iq] * 3 + bg[per[iq]]
            ns = np.bincount(cell_s, minlength=24).astype(float)
            # collapse empty cells into their sex x age cell
            coarse_pop = npop.reshape(8, 3).sum(axis=1)
            covered_pop = np.where(ns > 0, npop, 0).reshape(8, 3).sum(axis=1)
            factor = np.where(covered_pop > 0, coarse_pop / np.maximum(covered_pop, 1), 1.0)
            wcell = np.where(ns > 0, npop / np.maximum(ns, 1), 0.0) * np.repeat(factor, 3)
            wq[iq] = wcell[cell_s]
        lvl = attained_soi(e, p, cal.day(year, 10, 1))[per]
        lvl1 = np.where(lvl >= 0, _LEVEL1[np.maximum(lvl, 0)], "9")
        lvl1 = np.where(rng.random(m) < 0.04, "9", lvl1)
        cols = {"RINPERSOONS": pa.array(np.full(m, "R", dtype=object), pa.string()),
                "RINPERSOON": w.rin.take(pa.array(per)),
                "SLEUTELEBB": cal.date_strings(d),
                "EBBAFLJAAR": np.full(m, year, np.int64),
                "EBBAFLKWARTAAL": (quarter + 1).astype(np.int64),
                "EBBSTKPEILINGNUMMER": pc.cast(pa.array(wv.astype(np.int64)), pa.string()),
                "EBBGEWJAARGEWICHTA": np.round(wq / 4.0, 4),
                "EBBGEWKWARTAALGEWICHTA": np.round(wq, 4),
                "EBBAFLBBINT": pa.array(bbint, pa.string()),
                "EBBHHBGESLACHT": pa.array(np.where(p.sex[per] == 0, "1", "2").astype(object), pa.string()),
                "EBBAFLLFT": age}
        if year <= 2018:  # absent from newer EBBnw versions (cbs-sources §8)
            cols["EBBAFLGENERATIE"] = pa.array(np.array(["7", "1", "2"], dtype=object)[p.gen[per]], pa.string())
        cols["EBBAFLHERKOMSTGBA"] = pa.array(_CODES[p.origin_country[per]], pa.string())
        cols["OPLNIVSOI2016AGG1HB"] = pa.array(lvl1.astype(object), pa.string())
        cols["EBBPB1POSWRKFLEX1"] = pa.array(pos.astype(object), pa.string())
        cols["EBBAFLAANTWERK"] = njobs.astype(np.int64)
        out.append(Output("EBBNW", year, cols))
    return out
