"""The answer key: true person attributes, latent parameters and monthly states.

* ``truth/persons.parquet``: one row per GBA person: origin group (cube.md ``origin``
  codes), migration background, generation, sex, true (final) education level, asylum
  status, arrival, residence periods and the planted latent parameters (employability u,
  wage latent, logit of P(new main job permanent), self-employment type, base log wage).
* ``truth/person_year.parquet``: per person aged 15+ resident in a reporting year: the
  stationary probabilities ``pi_*`` of the monthly model in that year (the person's
  expected share of time in each state) and ``p_perm_new`` (probability that a new main job
  started that year is permanent); and the planted-truth expectations of indicators 4, 5
  and 12 (:mod:`kansenmonitor.synth.expected`): ``p_bijstand_any_month`` and
  ``p_self_employed_any_month`` (P(>= 1 month SECM 22 / 13-14 in the year | December of the
  year before, no early retirement), null outside the labour model for part of the year),
  ``p_no_early_retirement``, ``employee_substantial`` (a substantial job in the year: the
  population of indicator 4), ``main_job_kind`` and ``p_main_contract_permanent``
  (P(the main job's contract in the year is O | every other draw up to December)). With
  the dynamics truth (``SynthConfig.truth_dynamics``, :mod:`~kansenmonitor.synth.expected_dynamics`):
  ``ww_exit_month`` (the first WW exit of the year: its last WW month) and
  ``p_work_within_12m_after_ww_exit`` (indicator 38 ``ww_1y``); ``temp_main_contract`` (the
  population of indicators 29-30), ``main_job_tie_months``, ``p_temp_main_contract``,
  ``p_temp_to_perm_same_employer`` and ``p_temp_to_perm_other_employer`` (29, 30).
* ``truth/person_month.parquet``: per resident person aged 15+ and month of the reporting
  years: the main state (SECM code and model state), has an employee job, has a
  substantial job (SPOLIS records of one job in the month summed: not an internship,
  contract O/B, >= 12 base hours a week, hourly base wage >= hourly WML of 1 January),
  contract of the main job (most base hours in the month), on bijstand / WW / AO
  (entitlement spell covers the month), self-employed (SECM 13/14); with the dynamics
  truth ``work`` (the monitor's work: a substantial job or self-employment passing the
  year's income test) and ``p_work_next_month`` (indicator 27, months with work).

:func:`aggregates` turns a bucket's truth into additive sums (numerator, denominator)
that the manifest turns into realised group-level values next to the calibration targets,
and the planted monthly hazards by year and origin group (manifest ``hazards``).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import countries as C
from kansenmonitor.synth import expected
from kansenmonitor.synth import expected_dynamics as dyn
from kansenmonitor.synth import params as P
from kansenmonitor.synth.education import SOI_CODES
from kansenmonitor.synth.files import ebb
from kansenmonitor.synth.labour import (ABSENT, AO, BIJ, EMP, PENSION, SELF, STATES, STUDENT, WW, _age_band,
                                        _sigmoid, pi_from_eta)
from kansenmonitor.synth.population import MOTIVE_CODES

MIGRATION = np.array(["none"] + ["nonwestern" if g in C.NONWESTERN_GROUPS else "western" for g in C.GROUPS[1:]],
                     dtype=object)
GEN = np.array(["none", "1", "2"], dtype=object)
LEVEL = np.array(["low", "mid", "high"], dtype=object)


def _background(w) -> np.ndarray:
    """'NL', 'W1', 'W2', 'NW1', 'NW2' per person."""
    p = w.persons
    mig = MIGRATION[p.group]
    out = np.where(mig == "none", "NL", np.where(mig == "western", "W", "NW")).astype(object)
    return np.where(out == "NL", out, out + np.where(p.gen == 1, "1", "2").astype(object))


def persons_table(w) -> pa.Table:
    p, e, lat = w.persons, w.education, w.careers.latent
    s = lambda a: pa.array(a, pa.string())  # noqa: E731
    motive = np.where(p.motive >= 0, np.array(MOTIVE_CODES, dtype=object)[np.maximum(p.motive, 0)], "")
    return pa.table({
        "RINPERSOONS": s(np.full(p.n, "R", dtype=object)), "RINPERSOON": w.rin,
        "origin": s(np.array(C.GROUPS, dtype=object)[p.group]), "migration": s(MIGRATION[p.group]),
        "generation": s(GEN[p.gen]), "sex": s(np.where(p.sex == 0, "M", "F").astype(object)),
        "birth_date": cal.date_strings(p.birth), "education": s(LEVEL[e.level]),
        "education_soi": s(np.array(SOI_CODES, dtype=object)[e.soi]),
        "asylum": pa.array(np.isin(motive, list(P.ASYLUM_MOTIVES))), "motive": s(motive.astype(object)),
        "arrival_date": pc.if_else(pa.array(p.arrival >= 0), cal.date_strings(np.maximum(p.arrival, 0)), pa.scalar("")),
        "entry1": cal.date_strings(p.entry1), "exit1": cal.date_strings(np.minimum(p.exit1, cal.OPEN_END_DAY)),
        "entry2": pc.if_else(pa.array(p.entry2 >= 0), cal.date_strings(np.maximum(p.entry2, 0)), pa.scalar("")),
        "exit2": pc.if_else(pa.array(p.entry2 >= 0), cal.date_strings(np.minimum(p.exit2, cal.OPEN_END_DAY)),
                            pa.scalar("")),
        "u": lat.u.astype(np.float32), "wage_latent": lat.zw.astype(np.float32),
        "perm_logit_base": lat.perm_logit_base.astype(np.float32),
        "p_perm_new_age27_44": _sigmoid(lat.perm_logit_base + P.PERM_LOGIT["age"][1]).astype(np.float32),
        "self_type_secm": pc.cast(pa.array(lat.self_type.astype(np.int64)), pa.string()),
        "wage_base_log": lat.wage_base_log.astype(np.float32), "institutional": pa.array(lat.institutional),
    })


def dynamics(w) -> dict:
    """The planted-truth expectations of the dynamic indicators for one bucket
    (:mod:`kansenmonitor.synth.expected_dynamics`): the monitor's work flag and P(work next
    month) per person-month, the first WW exit and P(work within 12 months after it), and the
    temporary -> permanent population and probabilities per person-year."""
    nj = dyn.new_jobs(w.g.emp)
    work, _, _ = dyn.monitor_work(w)
    out = {"work": work, "p_work_next": dyn.p_work_next_month(w, work, nj=nj)}
    held = dyn.side_jobs_held(w.careers)
    # SPOLIS is written for the reporting years only: before them the monitor sees no job
    main, con, tie = dyn.monitor_main_jobs(w, range(w.first_year, w.last_year + 1))
    for year in range(w.first_year, w.last_year + 1):
        out[("ww", year)] = dyn.ww_exit_work_within_year(w, year, held, nj)
        out[("temp", year)] = dyn.temp_to_permanent(w, year, main, con, tie)
    return out


def person_year_table(w, dyn_truth: dict | None = None) -> pa.Table:
    p, c, lat = w.persons, w.careers, w.careers.latent
    parts = []
    for year in range(w.first_year, w.last_year + 1):
        t0 = w.month_col(year, 1)
        present = (c.state[:, t0:t0 + 12] != ABSENT).any(axis=1)
        age = ((cal.day(year) - p.birth) / 365.25).astype(np.int32)
        sel = np.flatnonzero(present & (age >= 15))
        pi = pi_from_eta(c.eta_years[year][sel])
        band = np.clip(_age_band((cal.day(year, 7, 1) - p.birth[sel]) / 365.25), 0, 4)
        pperm = _sigmoid(lat.perm_logit_base[sel] + np.asarray(P.PERM_LOGIT["age"])[band])
        cols = {"RINPERSOON": w.rin.take(pa.array(sel)), "year": np.full(len(sel), year, np.int16),
                "age": age[sel].astype(np.int16)}
        for j, name in enumerate(("EMP", "SELF", "BIJ", "AO", "INACT", "OTHB")):
            cols[f"pi_{name}"] = pi[:, j].astype(np.float32)
        cols["p_perm_new"] = pperm.astype(np.float32)
        ce = expected.chain_expectations(w, year)
        pe = expected.permanent_expectations(w, year)
        cols["p_no_early_retirement"] = _nullable(ce["p_no_retirement"][sel])
        cols["p_bijstand_any_month"] = _nullable(ce["p_bijstand"][sel])
        cols["p_self_employed_any_month"] = _nullable(ce["p_self_employed"][sel])
        cols["employee_substantial"] = pe["employee"][sel]
        cols["main_job_kind"] = pa.array(np.array(["", "main", "side", "dga"], dtype=object)[pe["main_kind"][sel] + 1],
                                         pa.string())
        cols["p_main_contract_permanent"] = _nullable(pe["p_permanent"][sel])
        if dyn_truth is not None:
            ww, tp = dyn_truth[("ww", year)], dyn_truth[("temp", year)]
            ex = ww["exit_col"][sel]
            cols["ww_exit_month"] = pa.array(np.where(ex >= 0, ex - t0 + 1, 0).astype(np.int8), pa.int8(),
                                             mask=ex < 0)
            cols["p_work_within_12m_after_ww_exit"] = _nullable(ww["p"][sel])
            cols["temp_main_contract"] = tp["population"][sel]
            cols["main_job_tie_months"] = tp["tie_months"][sel].astype(np.int8)
            cols["p_temp_main_contract"] = _nullable(tp["p_population"][sel])
            cols["p_temp_to_perm_same_employer"] = _nullable(tp["p_same"][sel])
            cols["p_temp_to_perm_other_employer"] = _nullable(tp["p_other"][sel])
        parts.append(pa.table(cols))
    return pa.concat_tables(parts)


def _nullable(x: np.ndarray) -> pa.Array:
    """float64 with NaN as null."""
    return pa.array(x, pa.float64(), mask=np.isnan(x))


def month_panel(w) -> dict:
    """Person-month truth arrays for the reporting years (resident, aged 15+)."""
    p, c = w.persons, w.careers
    t0, t1 = w.month_col(w.first_year, 1), w.month_col(w.last_year, 12) + 1
    T = t1 - t0
    n = p.n
    subst = np.zeros((n, T), bool)
    contract = np.full((n, T), 9, np.int8)
    hours_best = np.zeros((n, T))
    wage_main = np.zeros((n, T))
    for year in range(w.first_year, w.last_year + 1):
        jm = w.polis(year).job_month
        col = jm["t"] - t0
        ok = (col >= 0) & (col < T)
        pr, cl, h = jm["person"][ok], col[ok], jm["hours"][ok]
        np.logical_or.at(subst, (pr, cl), jm["substantial"][ok])
        # main job: most base hours in the month (employee jobs incl. DGA)
        order = np.lexsort((h, cl, pr))
        pr_o, cl_o = pr[order], cl[order]
        last = np.r_[(pr_o[1:] != pr_o[:-1]) | (cl_o[1:] != cl_o[:-1]), True]
        contract[pr_o[last], cl_o[last]] = jm["contract"][ok][order][last]
        hours_best[pr_o[last], cl_o[last]] = h[order][last]
        wage_main[pr_o[last], cl_o[last]] = jm["hourly"][ok][order][last]
    st = c.state[:, t0:t1]
    secm = w.secm.code[:, t0:t1]
    ben = {}
    for k, mask_state in (("BIJ", BIJ), ("WW", WW), ("AO", AO)):
        ext = c.bij_ext if k == "BIJ" else c.ww_ext if k == "WW" else np.zeros_like(c.ww_ext)
        ben[k] = (c.state == mask_state)[:, t0:t1] | ext[:, t0:t1]
    return {"t0": t0, "T": T, "state": st, "secm": secm, "subst": subst, "contract": contract,
            "has_work": w.secm.has_work[:, t0:t1], "ben": ben, "hours": hours_best, "hourly": wage_main}


def person_month_table(w, mp: dict, dyn_truth: dict | None = None) -> pa.Table:
    p = w.persons
    T = mp["T"]
    months = np.arange(T)
    years = w.first_year + months // 12
    age_jan = ((cal.day(w.first_year) - p.birth) / 365.25)[:, None] + months[None, :] / 12.0
    keep = (mp["state"] != ABSENT) & (age_jan >= 15)
    r, t = np.nonzero(keep)
    con = np.array(["O", "B", "N", "", "", "", "", "", "", ""], dtype=object)[mp["contract"][r, t]]
    return pa.table({
        "RINPERSOON": w.rin.take(pa.array(r)),
        "year": years[t].astype(np.int16), "month": (t % 12 + 1).astype(np.int8),
        "secm": pc.cast(pa.array(mp["secm"][r, t].astype(np.int64)), pa.string()),
        "state": pa.array(np.array(STATES, dtype=object)[mp["state"][r, t]], pa.string()),
        "has_work": mp["has_work"][r, t], "has_substantial_job": mp["subst"][r, t],
        "main_contract": pa.array(con, pa.string()),
        "on_bijstand": mp["ben"]["BIJ"][r, t], "on_ww": mp["ben"]["WW"][r, t], "on_ao": mp["ben"]["AO"][r, t],
        "self_employed": np.isin(mp["secm"][r, t], [13, 14]),
        **({} if dyn_truth is None else {
            "work": dyn_truth["work"][r, mp["t0"] + t],
            "p_work_next_month": _nullable(dyn_truth["p_work_next"][r, mp["t0"] + t])}),
    })


def aggregates(w, mp: dict) -> dict[str, list[float]]:
    """Additive (numerator, denominator) sums of realised truths, keyed 'statistic|cell'."""
    p, c = w.persons, w.careers
    agg: dict[str, list[float]] = {}

    def add(key, num, den):
        a = agg.setdefault(key, [0.0, 0.0])
        a[0] += float(num)
        a[1] += float(den)

    bg = _background(w)
    mig = MIGRATION[p.group]
    grp = np.array(C.GROUPS, dtype=object)[p.group]
    t0 = mp["t0"]
    st = mp["state"]
    birth_m = cal.month_of_day(p.birth)
    aow_m = cal.aow_month(birth_m)
    for year in range(w.first_year, w.last_year + 1):
        res = p.resident_on(cal.day(year))
        for b in ("none", "western", "nonwestern"):
            add(f"population_share|{year}|{b}", (res & (mig == b)).sum(), res.sum())
        for g in C.GROUPS:
            for k in (1, 2):
                add(f"population|{year}|{g}|{k}", (res & (grp == g) & (p.gen == k)).sum(), 1.0)
        ty = np.arange((year - w.first_year) * 12, (year - w.first_year) * 12 + 12)
        mon = c.m0 + t0 + ty
        age_m = mon[None, :] - birth_m[:, None]
        pres = st[:, ty] != ABSENT
        work_age = pres & (age_m >= 18 * 12) & (mon[None, :] < aow_m[:, None])
        bij = mp["ben"]["BIJ"][:, ty]
        for b in ("NL", "W1", "W2", "NW1", "NW2"):
            m_ = work_age & (bg == b)[:, None]
            add(f"bijstand_share_18_aow|{year}|{b}", (bij & m_).sum(), m_.sum())
        frame = pres & (age_m >= 15 * 12) & (mon[None, :] < aow_m[:, None]) & (st[:, ty] != STUDENT) & \
            (st[:, ty] != PENSION)
        emp_sub = frame & (st[:, ty] == EMP) & (mp["contract"][:, ty] <= 1) & mp["subst"][:, ty]
        for b in ("none", "western", "nonwestern"):
            m_ = emp_sub & (mig == b)[:, None]
            add(f"flex_share_employees|{year}|{b}", (m_ & (mp["contract"][:, ty] == 1)).sum(), m_.sum())
            f_ = frame & (mig == b)[:, None]
            add(f"self_employed_share|{year}|{b}", (f_ & np.isin(mp["secm"][:, ty], [13, 14])).sum(), f_.sum())
            add(f"ww_share|{year}|{b}", (f_ & mp["ben"]["WW"][:, ty]).sum(), f_.sum())
        lab = pres & (age_m >= 15 * 12) & (age_m < 75 * 12) & ~c.latent.institutional[:, None]
        working = mp["has_work"][:, ty] | (st[:, ty] == SELF)
        for b in ("none", "western", "nonwestern"):
            m_ = lab & (mig == b)[:, None]
            add(f"register_participation_15_74|{year}|{b}", (working & m_).sum(), m_.sum())
        # indicators 1-3: expected survey answers of the survey population's person-months
        cols = t0 + ty
        model_state = c.state[:, cols]
        ebb_work = (model_state == EMP) | (model_state == SELF) | w.secm.has_work[:, cols]
        p_emp, p_unemp = ebb.expected_answers(model_state, ebb_work, (mig == "nonwestern")[:, None])
        for b in ("all", "none", "western", "nonwestern"):
            m_ = lab if b == "all" else lab & (mig == b)[:, None]
            employed, unemployed = (p_emp * m_).sum(), (p_unemp * m_).sum()
            add(f"ebb_net_participation|{year}|{b}", employed, m_.sum())
            add(f"ebb_gross_participation|{year}|{b}", employed + unemployed, m_.sum())
            add(f"ebb_unemployment|{year}|{b}", unemployed, employed + unemployed)
        gi = p.group.astype(np.int64)
        ng = len(C.GROUPS)
        sec1314 = np.isin(mp["secm"][:, ty], [13, 14])
        flexm = emp_sub & (mp["contract"][:, ty] == 1)
        cnt = {name: np.bincount(gi, weights=arr.sum(axis=1), minlength=ng) for name, arr in
               (("lab", lab), ("labw", lab & working), ("frame", frame), ("self", frame & sec1314),
                ("emp", emp_sub), ("flex", flexm))}
        for k_, g in enumerate(C.GROUPS):
            add(f"register_participation_15_74_group|{year}|{g}", cnt["labw"][k_], cnt["lab"][k_])
            add(f"self_employed_share_group|{year}|{g}", cnt["self"][k_], cnt["frame"][k_])
            add(f"flex_share_employees_group|{year}|{g}", cnt["flex"][k_], cnt["emp"][k_])
        # hourly wage of the main job (substantial, adults 23-64) in September: log mean by group x sex x edu
        ts = ty[8]
        ok = frame[:, 8] & mp["subst"][:, ts] & (mp["hourly"][:, ts] > 0) & (age_m[:, 8] >= 23 * 12) & \
            (st[:, ts] == EMP)
        lw = np.log(np.where(ok, mp["hourly"][:, ts], 1.0))
        cell = ((p.group.astype(np.int64) * 3 + p.gen) * 2 + p.sex) * 3 + w.education.level
        ncell = len(C.GROUPS) * 18
        s_lw = np.bincount(cell[ok], weights=lw[ok], minlength=ncell)
        n_lw = np.bincount(cell[ok], minlength=ncell)
        for ci in np.flatnonzero(n_lw):
            lv, rest = ci % 3, ci // 3
            sx, rest = rest % 2, rest // 2
            k_, g_ = rest % 3, rest // 3
            add(f"log_hourly_wage|{year}|{C.GROUPS[g_]}|{k_}|{'MF'[sx]}|{lv}", s_lw[ci], n_lw[ci])
    # flows: WW start -> EMP within 12 months; bijstand in January -> EMP within 12 months;
    # WW exit -> bijstand the next month
    full = c.state
    for b in ("none", "western", "nonwestern"):
        sel = mig == b
        S = full[sel]
        ww_start = (S[:, 1:] == WW) & (S[:, :-1] != WW)
        rr, tt = np.nonzero(ww_start)
        tt = tt + 1
        ok = tt + 12 < S.shape[1]
        rr, tt = rr[ok], tt[ok]
        found = np.zeros(len(rr), bool)
        for k in range(1, 13):
            found |= S[rr, tt + k] == EMP
        add(f"ww_to_job_12m|{b}", found.sum(), len(rr))
        ww_end = (S[:, :-1] == WW) & (S[:, 1:] != WW) & (S[:, 1:] != ABSENT)
        add(f"ww_exit_to_bijstand|{b}", (ww_end & (S[:, 1:] == BIJ)).sum(), ww_end.sum())
        for jan in range(12, S.shape[1] - 12, 12):
            on = S[:, jan] == BIJ
            got = np.zeros(S.shape[0], bool)
            for k in range(1, 13):
                got |= S[:, jan + k] == EMP
            add(f"bijstand_to_job_12m|{b}", (on & got).sum(), on.sum())
    # the planted monthly hazards by year and origin group (expected_dynamics.HAZARDS)
    for k, (a, b) in dyn.monthly_hazards(w).items():
        add(k, a, b)
    # refugees (asylum motive, 18-64 at arrival): work at 18 and 30 months after arrival
    asylum = np.isin(p.motive, [MOTIVE_CODES.index(m) for m in P.ASYLUM_MOTIVES])
    arr_m = cal.month_of_day(np.maximum(p.arrival, 0))
    age_arr = (p.arrival - p.birth) / 365.25
    for cohort in (2014, 2015, 2016):
        sel = np.flatnonzero(asylum & (cal.year_of_day(np.maximum(p.arrival, 0)) == cohort) & (age_arr >= 18)
                             & (age_arr < 65) & (p.arrival >= 0))
        for k in (18, 30):
            col = arr_m[sel] + k - c.m0
            ok = (col >= 0) & (col < c.T)
            s_, col = sel[ok], col[ok]
            pres = full[s_, col] != ABSENT
            work = (full[s_, col] == EMP) | (full[s_, col] == SELF) | w.secm.has_work[s_, col]
            add(f"refugee_work_after_months|{cohort}|{k}", (work & pres).sum(), pres.sum())
    return agg
