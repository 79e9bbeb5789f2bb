"""Planted-truth expectations of indicators A04, A05 and A12 per person-year.

A realised outcome recomputed from the generator's own draws always agrees with the
monitor and says nothing about its intervals. These functions give, per person and
reporting year *t*, the *probability* of the outcome under the generating process,
conditional on a stated set of information. Persons are independent given that
information, so a group's share estimate has expectation equal to the mean of these
probabilities over the group's persons, and its binomial interval covers that mean at
(at least) the nominal rate.

**A05 / A12** (at least one month in *t* with SECM 13/14 resp. SECM 22). Conditioning:
everything up to December *t*-1 and the event that the person stays in the labour part
of the monthly model all year (in the frame: no month as pupil/student or pensioner;
residence, age, the school-leaving age and the AOW month are fixed beforehand, early
retirement is the only random way out). The monthly model is a Markov chain on an
augmented state: employee (months in work 0..5+, temporary main contract or not),
self-employed, bijstand, disability, inactive, other benefit and WW (months of
entitlement left). Its transition probabilities per person-month are those of
``labour.simulate`` (the same functions compute them): the reversible chain, WW inflow
after 6 months of work (higher with a temporary contract), job-to-job moves (faster
from temporary contracts) with the contract of the new job drawn with the planted
probability, WW exits and the entitlement distribution, early retirement (killed
paths). ``P(ever S in t | ...) = 1 - P(never S and no retirement) / P(no retirement)``,
computed exactly with products of the (restricted) monthly transition matrices,
vectorised over persons.

**A04** (the substantial job with most base hours in *t* has contract O). The contract
type of a job is drawn once when the job starts (planted ``p_o``: ``p_perm_new`` for a
main job), and a temporary main job converts to permanent with a monthly hazard. The
expectation is conditional on every other draw up to December *t* (states, jobs, their
dates, hours, wages, SPOLIS records apart from SCONTRACTSOORT), which fixes the
employee population and which job is the main job. The contract is not independent of
that information -- temporary jobs end 5x faster, raise WW inflow, agency work and
payrolling occur only with one of the two contract types, the tenure of jobs running
when the simulation starts is drawn by contract -- so the probability is the exact
posterior by Bayes' rule over the two contract types, with the conversion month
integrated out (its monthly hazard given no move; the year's contract is the one with
most base hours of the job's records). Side jobs (contract independent of everything
else), DGA and sheltered-work jobs (always O when not N) have their planted
probability.
"""

from __future__ import annotations

import numpy as np

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import countries as C
from kansenmonitor.synth import params as P
from kansenmonitor.synth.labour import (ABSENT, CHAIN_STATES, CHILD, CONTRACT_B, CONTRACT_N, EMP, KIND_DGA, KIND_MAIN,
                                        KIND_SIDE, NCH, STUDENT, WW, chain_rates, early_retirement_hazard,
                                        job_end_hazard, p_permanent_new, pi_from_eta, ww_entitlement_pmf,
                                        ww_find_hazard, ww_inflow_rate, ww_to_bijstand_share, wsw_probability)

# Augmented states: EMP(d, f) = 2 d + f (d months in work 0..5, 5 meaning >= 5; f temporary
# main contract), then SELF, BIJ, AO, INACT, OTHB, then WW(R) with R months of entitlement
# left after this one (0..12, 12 meaning >= 12).
_SELF, _BIJ, _AO, _INACT, _OTHB = 12, 13, 14, 15, 16
_WW0 = 17
_R_MAX = 12
NSTATE = _WW0 + _R_MAX + 1
#: chain position (labour.CHAIN_STATES order) -> augmented index of the non-EMP states
_AUG = {1: _SELF, 2: _BIJ, 3: _AO, 4: _INACT, 5: _OTHB}
#: chain positions that early retirement can end (EMP, SELF, AO, INACT, OTHB; not BIJ, WW)
_RETIRABLE = {0, 1, 3, 4, 5}
#: day offsets of a job start within the month: entry into work (d = 1..20) and job-to-job
#: moves (dd = 1..28 plus 0..2 days)
_NEED_W = np.r_[np.full(20, 1 / 20), np.zeros(10)]
_MOVE_W = np.convolve(np.full(28, 1 / 28), np.full(3, 1 / 3))
_MOVE_W = np.r_[_MOVE_W, np.zeros(30 - len(_MOVE_W))]


def _run_start(state: np.ndarray, start_before: np.ndarray, m0: int, col: np.ndarray | int) -> np.ndarray:
    """Month number in which the state a person is in at ``col`` began (the model's ``since``)."""
    n, T = state.shape
    chg = np.ones(state.shape, bool)
    chg[:, 1:] = state[:, 1:] != state[:, :-1]
    last = np.maximum.accumulate(np.where(chg, np.arange(T)[None, :], 0), axis=1)
    col = np.broadcast_to(np.asarray(col), (n,))
    r0 = last[np.arange(n), col]
    return np.where((r0 == 0) & (start_before >= 0), start_before, m0 + r0).astype(np.int64)


def _p_new_job_temporary(lat_base, birth, level, u, ms: int, weights: np.ndarray) -> np.ndarray:
    """P(contract B) of a new main job starting at day offsets 0..29 of the month (``weights``)."""
    p_not = (1.0 - wsw_probability(level, u)) * (1.0 - P.CONTRACT_N_SHARE)
    offs = np.flatnonzero(weights)
    n = len(birth)
    first = 1.0 - p_permanent_new(lat_base, birth, np.full(n, ms + offs[0], np.int32))
    last = 1.0 - p_permanent_new(lat_base, birth, np.full(n, ms + offs[-1], np.int32))
    out = first * weights[offs].sum()
    moving = np.flatnonzero(first != last)  # an age band boundary falls inside the month
    if len(moving):
        acc = np.zeros(len(moving))
        for o in offs:
            start = np.full(len(moving), ms + o, np.int32)
            acc += weights[o] * (1.0 - p_permanent_new(lat_base[moving], birth[moving], start))
        out[moving] = acc
    return out * p_not


def chain_expectations(w, year: int) -> dict[str, np.ndarray]:
    """P(no early retirement in ``year``), P(>= 1 month bijstand), P(>= 1 month SECM 13/14)
    per person of the bucket, given December ``year``-1 and no early retirement (module
    docstring). NaN for persons not in the labour part of the model all year."""
    p, e, c = w.persons, w.education, w.careers
    lat = c.latent
    n = p.n
    c0 = w.month_col(year, 1)
    dc = c0 - 1
    labour_states = np.r_[CHAIN_STATES, WW]
    cand = np.isin(c.state[:, c0:c0 + 12], labour_states).all(axis=1)
    idx = np.flatnonzero(cand)
    m = len(idx)
    out = {k: np.full(n, np.nan) for k in ("p_no_retirement", "p_bijstand", "p_self_employed")}
    if not m:
        return out
    birth = p.birth[idx]
    birth_m = cal.month_of_day(birth).astype(np.int64)
    u = lat.u[idx]
    nw = C.IS_NONWESTERN[p.group[idx]]
    wst = C.IS_WESTERN[p.group[idx]]
    first_gen = p.gen[idx] == 1
    low_edu = e.level[idx] == 0
    level = e.level[idx]
    base = lat.perm_logit_base[idx]
    pi = pi_from_eta(c.eta_years[year][idx])
    cyc = P.CYCLE.get(year, 0.0)

    # ---------------------------------------------------------------- December year-1
    s_dec = c.state[idx, dc]
    mon_dec = c.m0 + dc
    since = _run_start(c.state[idx, : dc + 1], c.start_before[idx], c.m0, dc)
    # v[state, version, person]: probability of the augmented state, for all paths, paths
    # avoiding bijstand and paths avoiding self-employment (killed: early retirement)
    v = np.zeros((NSTATE, 3, m))
    rows = np.arange(m)
    emp = s_dec == EMP
    d0 = np.minimum(mon_dec - since, 5)
    mj = c.main_job[idx, dc]
    if (emp & (mj < 0)).any():
        raise AssertionError("employee without a main job")
    f0 = np.where(emp, c.jobs["contract"][np.maximum(mj, 0)] == CONTRACT_B, False)
    v[(2 * d0 + f0)[emp], :, rows[emp]] = 1.0
    for pos, aug in _AUG.items():
        v[aug, :, rows[s_dec == CHAIN_STATES[pos]]] = 1.0
    inww = s_dec == WW
    R0 = c.ww_entitle[idx, dc].astype(np.int64) - (mon_dec + 1 - since)
    if (R0[inww] < 0).any():
        raise AssertionError("WW entitlement exhausted before the year")
    v[_WW0 + np.minimum(R0[inww], _R_MAX), :, rows[inww]] = 1.0
    init = ~np.isin(s_dec, labour_states)
    if np.isin(s_dec[init], [ABSENT, CHILD, STUDENT], invert=True).any():
        raise AssertionError("a person enters the labour model from an unexpected state")

    # ---------------------------------------------------------------- the twelve months
    for k in range(12):
        mon = c.m0 + c0 + k
        ms = int(cal.month_start_day(np.array([mon]))[0])
        me = int(cal.month_end_day(np.array([mon]))[0])
        age_m = mon - birth_m
        surv = 1.0 - np.where(age_m >= 720, early_retirement_hazard(age_m, year), 0.0)
        q_need = _p_new_job_temporary(base, birth, level, u, ms, _NEED_W)
        q_move = _p_new_job_temporary(base, birth, level, u, ms, _MOVE_W)
        lam = [np.minimum(ww_inflow_rate(u, nw, np.full(m, f, bool), cyc), 1.0) for f in (0, 1)]
        hmove = [min(float(job_end_hazard(bool(f), cyc)), 1.0) for f in (0, 1)]
        hf = ww_find_hazard(u, nw, first_gen, age_m, low_edu, cyc)
        h_emp = np.clip(hf, 0.0, 1.0)
        h_ao = np.clip(hf + P.WW["to_ao"], 0.0, 1.0) - h_emp
        pb = ww_to_bijstand_share(nw, wst)
        ages, inv = np.unique(age_m, return_inverse=True)
        ent = ww_entitlement_pmf(ages / 12, year, _R_MAX + 1)[inv]  # entitlement 0..13+ months
        r_new = np.zeros((_R_MAX + 1, m))  # R = entitlement - 1 after the inflow month
        r_new[:_R_MAX] = ent[:, 1:_R_MAX + 1].T
        r_new[_R_MAX] += ent[:, _R_MAX + 1]
        # chain move probabilities pm[from position, to position, person]
        pm = np.zeros((NCH, NCH, m))
        for pos in range(NCH):
            rates, tot, pmove = chain_rates(np.full(m, pos, np.int64), pi, nonwestern=nw)
            pm[pos] = (pmove[:, None] * rates / np.maximum(tot, 1e-12)[:, None]).T
            pm[pos, pos] = 1.0 - pmove
        # with early retirement applied to the destination
        pm_s = pm.copy()
        for j in _RETIRABLE:
            pm_s[:, j] *= surv

        new = np.zeros_like(v)

        def enter_work(mass, q):
            new[1] += mass * q
            new[0] += mass * (1.0 - q)

        # from EMP(d, f)
        for d in range(6):
            for f in (0, 1):
                mass = v[2 * d + f]
                if not mass.any():
                    continue
                la = lam[f] if d >= 5 else 0.0
                if d >= 5:
                    new[_WW0:] += (mass * la)[None, :, :] * r_new[:, None, :]
                rest = mass * (1.0 - la)
                for j in range(1, NCH):
                    new[_AUG[j]] += rest * pm_s[0, j]
                stay = rest * pm_s[0, 0]
                dn = min(d + 1, 5)
                h = hmove[f]
                new[2 * dn + f] += stay * (1.0 - h)
                new[2 * dn + 1] += stay * (h * q_move)
                new[2 * dn + 0] += stay * (h * (1.0 - q_move))
        # from SELF, BIJ, AO, INACT, OTHB
        for pos, aug in _AUG.items():
            mass = v[aug]
            enter_work(mass * pm_s[pos, 0], q_need)
            for j in range(1, NCH):
                new[_AUG[j]] += mass * pm_s[pos, j]
        # from WW(R)
        for R in range(_R_MAX + 1):
            mass = v[_WW0 + R]
            if not mass.any():
                continue
            enter_work(mass * (h_emp * surv), q_need)
            new[_AO] += mass * (h_ao * surv)
            stay = mass * (1.0 - h_emp - h_ao)
            if R == 0:
                new[_BIJ] += stay * pb
                new[_INACT] += stay * ((1.0 - pb) * surv)
            else:
                new[_WW0 + R - 1] += stay
        # first month in the labour model (school leavers, persons registered on 1 January)
        if k == 0 and init.any():
            ii = np.flatnonzero(init)
            q0 = q_need[ii].copy()
            absent = s_dec[ii] == ABSENT
            if absent.any():
                a = ii[absent]
                e2, e1 = p.entry2[idx[a]], p.entry1[idx[a]]
                ent_day = np.where((e2 >= ms) & (e2 <= me), e2, e1)
                off = np.where((ent_day >= ms) & (ent_day <= me), ent_day - ms, 0)
                q_abs = np.zeros(len(a))
                for o in np.unique(off):
                    s_ = off == o
                    wv = np.zeros(30)
                    wv[o] = 1.0
                    q_abs[s_] = _p_new_job_temporary(base[a][s_], birth[a][s_], level[a][s_], u[a][s_], ms, wv)
                q0[absent] = q_abs
            new[:, :, ii] = 0.0
            for j in range(NCH):
                pj = pi[ii, j].astype(np.float64) * (surv[ii] if j in _RETIRABLE else 1.0)
                if j == 0:
                    new[1][:, ii] += pj * q0
                    new[0][:, ii] += pj * (1.0 - q0)
                else:
                    new[_AUG[j]][:, ii] += pj
        new[_BIJ, 1] = 0.0
        new[_SELF, 2] = 0.0
        v = new

    alive = v[:, 0].sum(axis=0)
    never_bij = v[:, 1].sum(axis=0)
    never_self = v[:, 2].sum(axis=0)
    secm_self = lat.self_type[idx] != 12  # DGA's are SECM 12, not 13/14
    out["p_no_retirement"][idx] = alive
    out["p_bijstand"][idx] = 1.0 - never_bij / alive
    out["p_self_employed"][idx] = np.where(secm_self, 1.0 - never_self / alive, 0.0)
    return out


def job_year(w, year: int) -> dict[str, np.ndarray]:
    """SPOLIS facts per job of ``year`` (indicators.md §3, person_year.spolis_jobs_sql):
    base hours, days, base wage summed over the job's records, substantial, and the main
    job of each person (substantial with most base hours)."""
    jm = w.polis(year).job_month
    jobs = w.careers.jobs
    uj, inv = np.unique(jm["job"], return_inverse=True)
    hours = np.bincount(inv, weights=jm["hours"])
    days = np.bincount(inv, weights=jm["days"])
    wage = np.bincount(inv, weights=jm["wage"])
    with np.errstate(divide="ignore", invalid="ignore"):
        weekly = hours * 7.0 / days
        hourly = np.where(hours > 0, wage / hours, 0.0)
    substantial = ((jobs["soortbaan"][uj] != 2) & (jobs["contract"][uj] != CONTRACT_N) & (days > 0)
                   & (weekly >= 12) & (hours > 0) & (np.round(hourly, 6) >= round(cal.wml_hour(year), 6)))
    person = jobs["person"][uj]
    sj, sh, sp = uj[substantial], hours[substantial], person[substantial]
    order = np.lexsort((sh, sp))
    sp_o = sp[order]
    last = np.r_[sp_o[1:] != sp_o[:-1], True][: len(sp_o)]
    main = sj[order][last]
    # ties in base hours between the two largest substantial jobs of a person
    sh_o = sh[order]
    second_eq = np.r_[False, (sp_o[1:] == sp_o[:-1]) & (sh_o[1:] == sh_o[:-1])][: len(sp_o)]
    ties = int((second_eq & last).sum())
    return {"job": uj, "hours": hours, "days": days, "substantial": substantial, "main_job": main,
            "main_person": sp_o[last], "ties": ties, "jm": jm}


def _log(x):
    with np.errstate(divide="ignore"):
        return np.log(x)


def permanent_expectations(w, year: int) -> dict[str, np.ndarray]:
    """Per person of the bucket: has a substantial job in ``year`` (the A04 population),
    the main job's kind, and P(the main job's contract in ``year`` is O | every draw but
    the contract types and conversions) (module docstring)."""
    p, c = w.persons, w.careers
    jobs = c.jobs
    n = p.n
    jy = job_year(w, year)
    employee = np.zeros(n, bool)
    p_perm = np.full(n, np.nan)
    kind = np.full(n, -1, np.int8)
    main, person = jy["main_job"], jy["main_person"]
    employee[person] = True
    kind[person] = jobs["kind"][main]
    pj = np.full(len(main), np.nan)
    k = jobs["kind"][main]
    sb = jobs["soortbaan"][main]
    pj[k == KIND_DGA] = 1.0  # not N (N jobs are not substantial): O
    pj[k == KIND_SIDE] = jobs["p_o"][main][k == KIND_SIDE]
    wsw = (k == KIND_MAIN) & (sb == 3)
    pj[wsw] = 1.0
    post = (k == KIND_MAIN) & ~wsw
    pj[post] = _posterior_permanent(w, year, main[post], jy["jm"])
    p_perm[person] = pj
    return {"employee": employee, "p_permanent": p_perm, "main_kind": kind, "ties": jy["ties"]}


def contract_posterior(w, year: int, jid: np.ndarray) -> dict[str, np.ndarray]:
    """The contract of KIND_MAIN jobs ``jid`` (not sheltered work, not N) given every other draw
    up to December of ``year`` (module docstring, A04): ``O`` and ``B`` the posterior
    probabilities of the contract drawn when the job started, ``conv`` (jobs x months up to
    December) P(the first B -> O conversion falls in that month | B); the rest of the mass: no
    conversion by December."""
    p, c = w.persons, w.careers
    lat = c.latent
    jobs = c.jobs
    m = len(jid)
    last_col = w.month_col(year, 12)
    T = last_col + 1
    i = jobs["person"][jid]
    st = c.state[i, :T]
    mjm = c.main_job[i, :T]
    span = mjm == jid[:, None]
    if not span.any(axis=1).all():
        raise AssertionError("a main job that never was a person's main job at the end of a month")
    cols = np.arange(T)
    b = np.where(span, cols, T).min(axis=1)
    e_ = np.where(span, cols, -1).max(axis=1)
    if (span.sum(axis=1) != e_ - b + 1).any():
        raise AssertionError("a main job spell with gaps")
    initial = jobs["initial"][jid]
    mon = c.m0 + cols
    years = mon // 12 + 1970
    cyc = np.array([P.CYCLE.get(int(y), 0.0) for y in years])
    # job-to-job move hazard and conversion probability (given no move) per month
    hO = np.minimum(job_end_hazard(False, cyc), 1.0)
    hB = np.minimum(job_end_hazard(True, cyc), 1.0)
    conv = (np.minimum(hB + P.CONVERSION_B_TO_O, 1.0) - hB) / (1.0 - hB)
    # months evaluated for a move while this job was the main job: (b, e], and b itself for
    # jobs running when the simulation starts (created before the job dynamics of month 0)
    stay = span & ((cols[None, :] > b[:, None]) | initial[:, None])
    nxt = e_ + 1
    has_nxt = nxt <= last_col
    nxt_c = np.minimum(nxt, last_col)
    moved = has_nxt & (st[np.arange(m), nxt_c] == EMP)
    # WW inflow checks: months k in (b, e + 1] with the job the main job at the end of k - 1,
    # in the labour model at k, >= 6 months in work
    birth_m = cal.month_of_day(p.birth[i]).astype(np.int64)
    aow_m = cal.aow_month(birth_m)
    check = np.zeros((m, T), bool)
    check[:, 1:] = span[:, :-1]
    labour = np.isin(st, [ABSENT, CHILD, STUDENT], invert=True) & (mon[None, :] < aow_m[:, None])
    emp_since = _run_start(c.state[i, :T], c.start_before[i], c.m0, b)
    check &= labour & ((mon[None, :] - emp_since[:, None]) >= 6)
    inflow = st == WW
    u = lat.u[i]
    nw = C.IS_NONWESTERN[p.group[i]]
    logL = {}
    for contract, h in (("O", hO), ("B", hB)):
        is_b = contract == "B"
        lam = np.minimum(ww_inflow_rate(u[:, None], nw[:, None], np.full((m, T), is_b), cyc[None, :]), 1.0)
        ll = np.where(check, np.where(inflow, _log(lam), _log(1.0 - lam)), 0.0).sum(axis=1)
        ll += np.where(stay, _log(1.0 - h)[None, :], 0.0).sum(axis=1)
        ll += np.where(moved, _log(h[nxt_c]), 0.0)
        logL[contract] = ll
    # the contract draw and the job type drawn with it (r partition of _JobMaker.make)
    fj = P.FLEX_JOB_TYPE
    p_o = jobs["p_o"][jid]
    sb = jobs["soortbaan"][jid]
    payroll = jobs["payroll"][jid]
    cat_b = np.select([sb == 4, sb == 5, payroll], [fj["agency"], fj["oncall"], 0.0], 1.0 - fj["agency"] - fj["oncall"])
    cat_o = np.select([sb == 4, sb == 5, payroll], [0.0, fj["oncall_among_permanent"], P.PAYROLL_SHARE],
                      1.0 - fj["oncall_among_permanent"] - P.PAYROLL_SHARE)
    logL["O"] += _log(p_o) + _log(cat_o)
    logL["B"] += _log(1.0 - p_o) + _log(cat_b)
    # tenure of jobs running at the start: exponential, mean 14 (B) or 96 (O) months, floored
    # to days, bounded below by age 16 and the registration date
    ms0 = int(cal.month_start_day(np.array([c.m0]))[0])
    lower = np.maximum(p.birth[i] + int(16 * 365.25), p.entry1[i])
    orig = jobs["orig_start"][jid].astype(np.int64)
    for contract, months in (("O", 96), ("B", 14)):
        mu = months * 30.44
        k = np.where(initial, ms0 - orig, 0)
        exact = np.log(np.exp(-k / mu) - np.exp(-(k + 1) / mu))
        censored = -np.where(initial, ms0 - lower, 0) / mu
        ll = np.where(lower >= ms0, 0.0, np.where(orig > lower, exact, censored))
        logL[contract] += np.where(initial, ll, 0.0)
    can_convert = stay & (sb != 4)[:, None]
    q = np.where(can_convert, conv[None, :], 0.0)
    not_yet = np.cumprod(np.c_[np.ones(m), 1.0 - q[:, :-1]], axis=1)
    top = np.maximum(logL["O"], logL["B"])
    wo, wb = np.exp(logL["O"] - top), np.exp(logL["B"] - top)
    return {"O": wo / (wo + wb), "B": wb / (wo + wb), "conv": not_yet * q}


def _posterior_permanent(w, year: int, jid: np.ndarray, jm: dict) -> np.ndarray:
    """P(year contract O | G) of KIND_MAIN jobs ``jid`` (not sheltered work, not N)."""
    m = len(jid)
    if not m:
        return np.zeros(0)
    post = contract_posterior(w, year, jid)
    payroll = w.careers.jobs["payroll"][jid]
    T = post["conv"].shape[1]
    # given B: the first conversion month over the no-move months up to December of the year
    y0col = w.month_col(year, 1)
    jm_sel = np.isin(jm["job"], jid)
    pos = np.searchsorted(np.sort(jid), jm["job"][jm_sel])
    order = np.argsort(jid)
    row = order[pos]
    hours_m = np.zeros((m, 12))
    np.add.at(hours_m, (row, jm["t"][jm_sel] - y0col), jm["hours"][jm_sel])
    total = hours_m.sum(axis=1)
    o_hours_from = np.cumsum(hours_m[:, ::-1], axis=1)[:, ::-1]  # hours of months >= k
    y_if_conv = np.ones((m, T))
    y_if_conv[:, y0col:T] = 2.0 * o_hours_from > total[:, None]
    y_b = (post["conv"] * y_if_conv).sum(axis=1)
    y_o = np.where(payroll & (year >= P.PAYROLL_FROM_YEAR), 0.0, 1.0)
    return post["O"] * y_o + post["B"] * y_b
