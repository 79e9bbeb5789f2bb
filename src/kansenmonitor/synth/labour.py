"""The monthly labour-market model of one bucket, with its jobs.

Each person has a main state per month (params.STATES). Children, pupils/students and
pensioners follow age and the school-leaving age; everybody else moves in a monthly
Markov model over EMP, SELF, BIJ, AO, INACT, OTHB plus WW:

* the six chain states use a *reversible* construction: the rate from k to j is
  ``c[k, j] * pi_j`` with a symmetric ``c`` (params.CHAIN_C), so each person's stationary
  distribution is exactly ``pi`` -- a multinomial logit in origin group x generation, sex,
  education, age, business cycle, residence duration (refugees!) and a latent
  employability ``u``. Group shares are therefore clean expectations of planted parameters;
* WW is entered only from a job held >= 6 months (hazard rising with the cycle and for
  flexible contracts) and left by finding a job or at the end of the entitlement, then to
  bijstand or inactivity.

Jobs are simulated in the same monthly loop (vectorised over persons): a person entering
EMP gets a main job; jobs end by job-to-job moves (faster for temporary contracts) and
temporary contracts convert to permanent at the same job; students, and some employees,
benefit recipients and pensioners hold side jobs; DGA's hold a director's job. The
contract type of a new main job is an independent draw with the person's planted
probability (params.PERM_LOGIT), so "share of new jobs that are permanent" has a clean
expected value per group.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import countries as C
from kansenmonitor.synth import params as P
from kansenmonitor.synth.education import Education
from kansenmonitor.synth.employers import Employers, sector_weights_for
from kansenmonitor.synth.population import KIND_CODE, Persons

S = P.S
STATES = P.STATES
ABSENT, CHILD, STUDENT, EMP, SELF, WW, BIJ, AO, INACT, OTHB, PENSION = range(11)
CHAIN_STATES = np.array([EMP, SELF, BIJ, AO, INACT, OTHB])
CHAIN_POS = {s: i for i, s in enumerate(CHAIN_STATES)}
NCH = len(CHAIN_STATES)
CONTRACT_O, CONTRACT_B, CONTRACT_N = 0, 1, 2
KIND_MAIN, KIND_SIDE, KIND_DGA = 0, 1, 2


def _c_matrix(pairs: dict, default: float = 0.0) -> np.ndarray:
    c = np.full((NCH, NCH), default)
    for (a, b), v in pairs.items():
        i, j = CHAIN_POS[S[a]], CHAIN_POS[S[b]]
        c[i, j] = c[j, i] = v
    return c


C_MAT = _c_matrix(P.CHAIN_C)
#: Symmetric multipliers of c for persons with a non-western background (params.CHAIN_C_NONWESTERN).
C_MULT_NONWESTERN = _c_matrix(P.CHAIN_C_NONWESTERN, 1.0)


@dataclass
class Latent:
    """Planted person-level parameters (written to truth/persons.parquet)."""

    u: np.ndarray  # employability N(0,1)
    zw: np.ndarray  # wage latent N(0,1), corr(u) = WAGE.u_corr
    perm_logit_base: np.ndarray  # logit of P(new main job permanent) without the age term
    self_type: np.ndarray  # int8 13 / 14 / 12 (DGA)
    wage_base_log: np.ndarray  # log hourly wage without age/year/employer/job terms
    institutional: np.ndarray  # bool (EBB excludes)
    secm14: np.ndarray  # bool


@dataclass
class Jobs:
    """Growing job table (one row per IKVID)."""

    cap: int = 1024
    n: int = 0
    cols: dict = field(default_factory=dict)
    SPEC = {"person": np.int32, "employer": np.int32, "start": np.int32, "end": np.int32, "orig_start": np.int32,
            "contract": np.int8, "conv_month": np.int32, "soortbaan": np.int8, "hours": np.float32,
            "zero_hours": np.bool_, "wage": np.float32, "wage_year": np.int16, "growth": np.float32,
            "kind": np.int8, "payroll": np.bool_, "lower": np.bool_, "sentinel": np.bool_, "below_wml": np.bool_,
            "born": np.int32, "initial": np.bool_, "p_o": np.float64}
    # born: month number in which the job was created; initial: created in the first simulated
    # month for a person already working (start drawn in the past); p_o: the probability with
    # which the contract draw gave a permanent contract (O) -- for the truth (truth.py)

    def __post_init__(self):
        self.cols = {k: np.zeros(self.cap, dtype=t) for k, t in self.SPEC.items()}

    def add(self, **vals) -> np.ndarray:
        m = len(vals["person"])
        while self.n + m > self.cap:
            self.cap *= 2
            for k in self.cols:
                new = np.zeros(self.cap, dtype=self.cols[k].dtype)
                new[: self.n] = self.cols[k][: self.n]
                self.cols[k] = new
        for k, v in vals.items():
            self.cols[k][self.n: self.n + m] = v
        ids = np.arange(self.n, self.n + m, dtype=np.int32)
        self.n += m
        return ids

    def __getitem__(self, k):
        return self.cols[k][: self.n]

    def set(self, k, idx, v):
        self.cols[k][idx] = v


@dataclass
class Careers:
    m0: int  # first simulated month number
    T: int
    state: np.ndarray  # (n, T) int8
    tday: np.ndarray  # (n, T) int8 day of the month the month's state started (0: continued)
    ww_ext: np.ndarray  # (n, T) bool: WW runs on while working (partial WW)
    bij_ext: np.ndarray  # (n, T) bool: bijstand runs on while working (supplement)
    start_before: np.ndarray  # (n,) month number in which the state of the first month began
    ww_entitle: np.ndarray  # (n, T) int8 WW entitlement (months) of the running WW spell
    jobs: Jobs
    latent: Latent
    eta_years: dict  # year -> (n, 5) float32 log-odds (for the truth: pi per person-year)
    main_job: np.ndarray | None = None  # (n, T) int32 main job (IKVID row) at the end of each month, -1 none


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _age_band(age_years: np.ndarray) -> np.ndarray:
    return np.searchsorted(np.asarray(P.AGE_BAND_EDGES), age_years, side="right")


def draw_latent(rng: np.random.Generator, p: Persons, e: Education) -> Latent:
    n = p.n
    u = rng.standard_normal(n)
    rho = P.WAGE["u_corr"]
    zw = rho * u + np.sqrt(1 - rho**2) * rng.standard_normal(n)
    nw, w = C.IS_NONWESTERN[p.group], C.IS_WESTERN[p.group]
    pl = P.PERM_LOGIT
    logit = (pl["intercept"] + np.asarray(pl["edu"])[e.level] + pl["female"] * p.sex + pl["u"] * u
             + np.where(nw & (p.gen == 1), pl["nonwestern_first"], 0.0)
             + np.where(nw & (p.gen == 2), pl["nonwestern_second"], 0.0)
             + np.where(w & (p.gen == 1), pl["western_first"], 0.0)
             + np.where(w & (p.gen == 2), pl["western_second"], 0.0)
             + np.where(C.IS_REFUGEE_GROUP[p.group], pl["refugee_extra"], 0.0))
    r = rng.random(n)
    st = P.SELF_TYPE
    self_type = np.where(r < st["dga_share"], 12, np.where(r < st["dga_share"] + st["secm14_share"], 14, 13)).astype(np.int8)
    gap = np.zeros(n)
    gap_table = np.zeros((len(C.GROUPS), 3))
    for (g, k), v in P.WAGE_GAP.items():
        gap_table[C.G[g], k] = v
    gap = gap_table[p.group, p.gen]
    fem_first = np.array([P.WAGE_FEMALE_FIRST_GEN.get(g, 0.0) for g in C.GROUPS])[p.group]
    gap = gap + np.where((p.sex == 1) & (p.gen == 1), fem_first, 0.0)
    wage_base = (np.log(P.WAGE["base_2013"]) + np.asarray(P.WAGE["edu"])[e.level] + P.WAGE["female"] * p.sex
                 + gap + P.WAGE["sd"] * zw)
    age_now = (cal.day(2018) - p.birth) / 365.25
    inst = rng.random(n) < np.where(age_now >= 65, P.EBB["institutional_share_65plus"],
                                    P.EBB["institutional_share_under65"])
    return Latent(u=u, zw=zw, perm_logit_base=logit, self_type=self_type, wage_base_log=wage_base,
                  institutional=inst, secm14=self_type == 14)


def _eta_table() -> tuple[np.ndarray, ...]:
    names = ("SELF", "BIJ", "AO", "INACT", "OTHB")
    inter = np.array([P.ETA_INTERCEPT[k] for k in names])
    uload = np.array([P.ETA_U[k] for k in names])
    edu = np.array([P.ETA_EDU[k] for k in names]).T  # (3, 5)
    fem = np.array([P.ETA_FEMALE[k] for k in names])
    age = np.array([P.ETA_AGE[k] for k in names]).T  # (5 bands, 5)
    grp = np.zeros((len(C.GROUPS), 3, 5))
    for (g, k), d in P.ETA_GROUP.items():
        for j, nm in enumerate(names):
            grp[C.G[g], k, j] = d.get(nm, 0.0)
    cyc = np.array([P.CYCLE_LOAD[k] for k in names])
    return inter, uload, edu, fem, age, grp, cyc


_ETA = _eta_table()


def eta_for_year(p: Persons, e: Education, lat: Latent, year: int) -> np.ndarray:
    """Log-odds (vs EMP) of SELF, BIJ, AO, INACT, OTHB for every person in ``year`` (mid-year)."""
    inter, uload, edu, fem, age, grp, cyc = _ETA
    mid = cal.day(year, 7, 1)
    age_y = (mid - p.birth) / 365.25
    band = np.clip(_age_band(age_y), 0, 4)
    nw = C.IS_NONWESTERN[p.group]
    eta = (inter[None, :] + lat.u[:, None] * uload[None, :] + edu[e.level] + fem[None, :] * p.sex[:, None]
           + age[band] + grp[p.group, p.gen])
    fem_first = np.array([P.ETA_FEMALE_FIRST_GEN_INACT.get(g, 0.0) for g in C.GROUPS])[p.group]
    eta[:, 3] += np.where((p.sex == 1) & (p.gen == 1), fem_first, 0.0)
    c = P.CYCLE.get(year, 0.0)
    eta += (c * cyc)[None, :] * (1.0 + P.CYCLE_NW_AMPLIFY * nw)[:, None]
    if year == 2020:
        eta[:, 1] += np.where(nw, P.COVID_NW_2020, 0.0)
        eta[:, 3] += np.where(nw, P.COVID_NW_2020, 0.0)
    months = np.where(p.arrival >= 0, np.maximum((mid - p.arrival) / 30.44, 0.0), 1e6)
    for kind, eff in P.RESIDENCE_EFFECT.items():
        m = p.motive_kind == KIND_CODE[kind]
        if kind == "labour":
            m = m | ((p.gen == 1) & np.isin(p.group, [C.G["PL"], C.G["WO"]]) & (p.motive_kind == KIND_CODE["none"]))
        decay = np.exp(-months / eff["tau"])
        eta[:, 1] += np.where(m, eff["BIJ"] * decay, 0.0)
        eta[:, 3] += np.where(m, eff["INACT"] * decay, 0.0)
    return eta.astype(np.float32)


def pi_from_eta(eta: np.ndarray) -> np.ndarray:
    z = np.concatenate([np.zeros((len(eta), 1), np.float32), eta], axis=1)
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


# ------------------------------------------------------------------ transition probabilities
# The monthly loop of :func:`simulate` and the planted-truth expectations of ``truth.py`` use
# these functions, so the expectations are computed from exactly the probabilities the
# generator draws with.

def chain_rates(pos: np.ndarray, pi: np.ndarray, *, nonwestern: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Chain moves from positions ``pos`` (index into CHAIN_STATES) with stationary ``pi``:
    the rates to every chain state (0 to the own state), their sum and P(leaving this month).
    ``c`` is symmetric per person (non-western persons: ``C_MULT_NONWESTERN``), so ``pi``
    stays each person's stationary distribution.

    Conditional on the chain state at the end of the month before (and being in the labour
    part of the model this month); P(move to j) = P(leaving) x rate_j / sum of the rates. The
    chain's state does not remember how long it has lasted; ``pi`` is the person's for the
    year (``eta_for_year``: planted parameters, age, residence duration, cycle). From
    employment, WW inflow (:func:`ww_inflow_rate`) overrides the chain's move (manifest
    hazards ``bijstand_to_job``, ``employee_to_*``)."""
    rates = C_MAT[pos] * np.where(np.asarray(nonwestern, bool)[:, None], C_MULT_NONWESTERN[pos], 1.0) * pi
    rates[np.arange(len(pos)), pos] = 0.0
    tot = rates.sum(axis=1)
    return rates, tot, 1.0 - np.exp(-tot)


def ww_find_hazard(u, nonwestern, first_gen, age_m, low_edu, cyc) -> np.ndarray:
    """Monthly probability that a WW recipient moves to a job (values >= 1 mean certain).

    Conditional on being in WW at the end of the month before and in the labour part of the
    model this month; a function of the person's employability ``u``, background, generation,
    age this month (``age_m``, months; lower from 55), low education and the year's cycle. Not
    of the months on WW or left: the entitlement only decides what happens at its end
    (:func:`ww_to_bijstand_share`). Drawn before the disability exit (``WW["to_ao"]``) and
    the entitlement end, so P(job) = min(hazard, 1) (expected_dynamics.monthly_hazards
    ``ww_to_job``)."""
    w = P.WW
    age_y = age_m / 12
    return w["find_base"] * np.exp(w["find_u"] * u + w["find_nw"] * nonwestern
                                   + w["find_first_gen"] * first_gen + w["find_age55"] * (age_y >= 55)
                                   + w["find_cycle"] * cyc + w["find_low_edu"] * low_edu)


def ww_to_bijstand_share(nonwestern, western) -> np.ndarray:
    """Probability of bijstand (else inactivity) when the WW entitlement ends.

    Conditional on the entitlement ending this month (no job found and no disability this
    month, the months of entitlement used up); by background only. The monthly WW ->
    bijstand hazard is this share times P(no job, no disability) in the month the
    entitlement ends, 0 in the other months (manifest hazard ``ww_to_bijstand``)."""
    w = P.WW
    return np.where(nonwestern, w["to_bij_at_end"]["nonwestern"],
                    np.where(western, w["to_bij_at_end"]["western"], w["to_bij_at_end"]["none"]))


def ww_inflow_rate(u, nonwestern, flex, cyc) -> np.ndarray:
    """Monthly probability of WW inflow from a job held >= 6 months (flex: temporary contract).

    Conditional on being an employee at the end of the month before, for at least 6 months
    (the state, not the job), with the main job's contract drawn at its start (``flex``: B; a
    conversion to permanent does not change it); drawn after the chain move and overriding it
    (manifest hazard ``employee_to_ww``)."""
    w = P.WW
    return w["inflow_base"] * np.exp(w["cycle_load"] * cyc + w["u_load"] * u) * \
        np.where(flex, w["flex_mult"], 1.0) * (1.0 + 0.5 * nonwestern)


def ww_entitlement(age_y, draw, year: int) -> np.ndarray:
    """WW entitlement in months for age ``age_y`` (years) at inflow and a uniform(0.5, 1.5) ``draw``."""
    return np.clip(3 + ((age_y - 20) * 0.6 * draw).astype(np.int16), 3, P.WW["max_months"] if year >= 2016 else 38)


def ww_entitlement_pmf(age_y: np.ndarray, year: int, top: int) -> np.ndarray:
    """Distribution of :func:`ww_entitlement` over the uniform draw: (n, top + 1) probabilities of
    0..top months, the last column collecting everything >= top (exact: the truncation of a
    uniform variable to an integer)."""
    age_y = np.asarray(age_y, dtype=np.float64)
    cap = P.WW["max_months"] if year >= 2016 else 38
    a = (age_y - 20) * 0.6
    out = np.zeros((len(a), top + 1))
    pos = a > 0
    lo, hi = 0.5 * a, 1.5 * a
    jmax = int(np.ceil(hi.max())) + 1 if pos.any() else 0
    out[~pos, min(3, top)] = 1.0
    for j in range(jmax + 1):  # P(trunc(a * U) = j) for U ~ uniform(0.5, 1.5), a > 0
        pj = np.where(pos, np.clip(np.minimum(j + 1, hi) - np.maximum(j, lo), 0.0, None) / np.where(pos, a, 1.0), 0.0)
        months = min(max(3 + j, 3), cap)
        out[:, min(months, top)] += pj
    return out


def job_end_hazard(is_b, cyc) -> np.ndarray:
    """Monthly probability of a job-to-job move, by contract (temporary: B).

    Conditional on being an employee at the end of the month before and staying one this
    month (no chain move, no WW inflow, no early retirement), by the contract drawn when the
    main job started and the year's cycle. A temporary job that does not move converts to
    permanent with probability ``CONVERSION_B_TO_O`` (not agency work): the draw ``r`` gives
    a move when ``r < h`` and a conversion when ``h <= r < h + CONVERSION_B_TO_O`` (manifest
    hazards ``employee_job_to_job``, ``temporary_conversion``, ``temporary_to_permanent``)."""
    return np.where(is_b, P.JOB_END["B"], P.JOB_END["O"]) * np.exp(P.JOB_END["cycle_load"] * cyc)


def early_retirement_hazard(age_m, year: int) -> np.ndarray:
    """Monthly probability of early retirement from age 60 (age_m in months).

    Conditional on the month's new state being employee, self-employed, inactive, disability
    or other benefit (not bijstand, not WW); applied after the month's move."""
    h = np.where(age_m >= 756, P.EARLY_RETIREMENT["hazard_63"], P.EARLY_RETIREMENT["hazard_60"])
    return h * np.where(year < 2006, 3.0, 1.0)


def p_permanent_new(perm_logit_base, birth, start) -> np.ndarray:
    """Probability that the contract draw of a new main job starting on day ``start`` gives O.

    Conditional on a new main job being made (entry into employment or a job-to-job move):
    the person's planted logit and the age band on the start day; independent of everything
    else of the job, so sheltered work (always O) and the N flag aside it is the job's
    P(permanent)."""
    age = ((start - birth) / 365.25).astype(np.int32)
    band = np.clip(_age_band(age), 0, 4)
    return _sigmoid(perm_logit_base + np.asarray(P.PERM_LOGIT["age"])[band])


def wsw_probability(level, u) -> np.ndarray:
    """Probability that a new main job is sheltered work (SSOORTBAAN 3, always permanent)."""
    return np.where((level == 0) & (u < -1.3), P.FLEX_JOB_TYPE["wsw_low_edu_low_u"] * 5, 0.0)


class _JobMaker:
    """Draws the attributes of new jobs (vectorised over the persons that start one)."""

    def __init__(self, rng, p: Persons, e: Education, lat: Latent, emp: Employers, jobs: Jobs):
        self.rng, self.p, self.e, self.lat, self.emp, self.jobs = rng, p, e, lat, emp, jobs
        self.sector_w = {k: np.cumsum(sector_weights_for(k)) for k in ("regular", "high", "low", "side", "agency", "wsw")}
        self.payroll_idx = np.flatnonzero(emp.payroll).astype(np.int32)
        self.small_idx = np.flatnonzero(emp.size < 10).astype(np.int32)
        if not len(self.payroll_idx):
            self.payroll_idx = np.flatnonzero(np.array(emp.ssect.to_pylist()) == "52").astype(np.int32)
        if not len(self.small_idx):
            self.small_idx = np.arange(emp.n, dtype=np.int32)

    def _sector(self, kinds: np.ndarray) -> np.ndarray:
        out = np.zeros(len(kinds), np.int16)
        u = self.rng.random(len(kinds))
        for k in np.unique(kinds):
            sel = kinds == k
            cw = self.sector_w[k]
            out[sel] = np.minimum(np.searchsorted(cw, u[sel] * cw[-1], side="right"), len(cw) - 1)
        return out

    def make(self, who: np.ndarray, month: int, start: np.ndarray, kind: int, orig_start: np.ndarray | None = None):
        if not len(who):
            return np.zeros(0, np.int32)
        rng, p, e, lat = self.rng, self.p, self.e, self.lat
        m = len(who)
        year = month // 12 + 1970
        age = ((start - p.birth[who]) / 365.25).astype(np.int32)
        lvl = e.level[who]
        soortbaan = np.full(m, 9, np.int8)
        payroll = np.zeros(m, bool)
        zero = np.zeros(m, bool)
        sector_kind = np.where(lvl == 2, "high", np.where(lvl == 0, "low", "regular")).astype(object)
        if kind == KIND_MAIN:
            pr = p_permanent_new(lat.perm_logit_base[who], p.birth[who], start)
            p_o = pr
            contract = np.where(rng.random(m) < pr, CONTRACT_O, CONTRACT_B).astype(np.int8)
            r = rng.random(m)
            fj = P.FLEX_JOB_TYPE
            flex = contract == CONTRACT_B
            agency = flex & (r < fj["agency"])
            oncall = flex & (r >= fj["agency"]) & (r < fj["agency"] + fj["oncall"])
            oncall |= ~flex & (r < fj["oncall_among_permanent"])
            pay = ~flex & (r > 1 - P.PAYROLL_SHARE)
            wsw = rng.random(m) < wsw_probability(lvl, lat.u[who])
            soortbaan[agency] = 4
            soortbaan[oncall] = 5
            soortbaan[wsw] = 3
            contract[wsw] = CONTRACT_O
            zero = oncall & (rng.random(m) < fj["oncall_zero_hours"])
            payroll = pay & ~wsw
            sector_kind[agency] = "agency"
            sector_kind[wsw] = "wsw"
        elif kind == KIND_SIDE:
            student = (age < 27)
            intern = student & (age >= 16) & (rng.random(m) < P.INTERNSHIP_SHARE)
            p_o = np.where(student, 0.12, 0.4)
            contract = np.where(rng.random(m) < p_o, CONTRACT_O, CONTRACT_B).astype(np.int8)
            oncall = ~intern & (rng.random(m) < 0.25)
            soortbaan[oncall] = 5
            soortbaan[intern] = 2
            zero = oncall & (rng.random(m) < 0.6)
            sector_kind[:] = "side"
            sector_kind[intern] = np.where(lvl[intern] == 2, "high", "regular")
        else:  # DGA
            contract = np.where(rng.random(m) < 0.8, CONTRACT_N, CONTRACT_O).astype(np.int8)
            p_o = np.full(m, 0.2)
            soortbaan[:] = 1
        sector = self._sector(sector_kind)
        employer = self.emp.draw(rng, sector)
        if payroll.any():
            employer[payroll] = self.payroll_idx[(rng.random(int(payroll.sum())) * len(self.payroll_idx)).astype(np.int64)]
        if kind == KIND_DGA:
            employer = self.small_idx[(rng.random(m) * len(self.small_idx)).astype(np.int64)]
        # hours
        hours = np.zeros(m, np.float32)
        if kind == KIND_MAIN:
            for sx, key in ((0, "men"), (1, "women")):
                sel = p.sex[who] == sx
                h, w = zip(*P.HOURS[key])
                hours[sel] = np.asarray(h)[rng.choice(len(h), size=int(sel.sum()), p=np.asarray(w) / np.sum(w))]
            young = age < 23
            hours[young] = np.minimum(hours[young], np.where(rng.random(int(young.sum())) < 0.5, 24, 40))
        elif kind == KIND_SIDE:
            h, w = zip(*P.HOURS["side"])
            hours[:] = np.asarray(h)[rng.choice(len(h), size=m, p=np.asarray(w) / np.sum(w))]
            intern = soortbaan == 2
            hours[intern] = rng.choice([24, 32, 36, 40], size=int(intern.sum()))
        else:
            hours[:] = rng.choice([32, 36, 40], size=m, p=[0.15, 0.25, 0.6])
        # wages
        wi = cal.wage_index(year)
        agef = 0.36 * (1 - np.exp(-np.maximum(age - 16, 0) / 9.0)) - 0.36 + np.where(age > 58, -0.02, 0.0)
        logw = (lat.wage_base_log[who] + np.log(wi) + agef + self.emp.premium[employer]
                + rng.normal(0.0, P.WAGE["job_sd"], m))
        if kind == KIND_SIDE:
            logw -= 0.12
        if kind == KIND_DGA:
            logw += 0.45
        wage = np.exp(logw)
        floor = cal.youth_wml_factor(age, year) * cal.wml_hour(year)
        below = rng.random(m) < P.WAGE["below_wml_share"]
        lift = wage < floor
        wage = np.where(lift & ~below, floor * (1 + rng.random(m) * 0.06), wage)
        wage = np.where(lift & below, floor * rng.uniform(0.80, 0.98, m), wage)
        if kind == KIND_SIDE:  # side jobs of young people mostly pay (close to) the youth minimum wage
            yw = (age < cal.adult_wml_age(year)) & (rng.random(m) < 0.8)
            wage = np.where(yw, floor * rng.uniform(1.0, 1.2, m), wage)
        intern = soortbaan == 2
        wage[intern] = rng.uniform(1.8, 4.5, int(intern.sum()))
        growth = P.WAGE["growth_within_job"] + np.where(age < 30, P.WAGE["growth_young_extra"], 0.0) + \
            rng.normal(0, 0.01, m)
        if orig_start is None:
            orig_start = start
        ids = self.jobs.add(person=who.astype(np.int32), employer=employer, start=start.astype(np.int32),
                            end=np.full(m, cal.OPEN_END_DAY, np.int32), orig_start=orig_start.astype(np.int32),
                            contract=contract, conv_month=np.full(m, -1, np.int32), soortbaan=soortbaan,
                            hours=hours, zero_hours=zero, wage=wage.astype(np.float32),
                            wage_year=np.full(m, year, np.int16), growth=growth.astype(np.float32),
                            kind=np.full(m, kind, np.int8), payroll=payroll, born=np.full(m, month, np.int32),
                            p_o=p_o,
                            lower=rng.random(m) < P.CONTRACT_LOWERCASE_SHARE,
                            sentinel=rng.random(m) < 0.01, below_wml=lift & below)
        nflag = (kind == KIND_MAIN) & (rng.random(m) < P.CONTRACT_N_SHARE)
        if nflag.any():
            self.jobs.set("contract", ids[nflag], CONTRACT_N)
        return ids


def simulate(rng: np.random.Generator, p: Persons, e: Education, lat: Latent, emp: Employers,
             first_year: int, last_year: int) -> Careers:
    """Run the monthly model from January ``first_year`` to December ``last_year``."""
    n = p.n
    m0 = cal.month_index(first_year, 1)
    T = (last_year - first_year + 1) * 12
    state = np.zeros((n, T), np.int8)
    tday = np.zeros((n, T), np.int8)
    ww_ext = np.zeros((n, T), bool)
    bij_ext = np.zeros((n, T), bool)
    ww_ent = np.zeros((n, T), np.int8)
    jobs = Jobs(cap=max(1024, n))
    maker = _JobMaker(rng, p, e, lat, emp, jobs)
    birth_m = cal.month_of_day(p.birth)
    aow_m = cal.aow_month(birth_m)
    nw = C.IS_NONWESTERN[p.group]
    w_grp = C.IS_WESTERN[p.group]
    eta_years = {}
    cur = np.full(n, ABSENT, np.int8)
    since = np.zeros(n, np.int32)  # month number the current state started
    main_job = np.full(n, -1, np.int32)
    main_hist = np.full((n, T), -1, np.int32)
    side_job = np.full(n, -1, np.int32)
    ent = np.zeros(n, np.int16)
    ext_left_ww = np.zeros(n, np.int8)
    ext_left_bij = np.zeros(n, np.int8)
    retired = np.zeros(n, bool)
    rng.integers(18, 54, n)  # (the study end is drawn with the persons now; the draw keeps the stream)
    study_until = p.study_until
    start_before = np.full(n, -1, np.int32)
    first_seen = np.zeros(n, bool)
    side_p_student = np.where(nw, P.SIDE_JOB_P["STUDENT_NW"], P.SIDE_JOB_P["STUDENT"])
    side_p_state = np.zeros(11)
    for k in ("EMP", "SELF", "BIJ", "WW", "AO", "PENSION", "OTHB"):
        side_p_state[S[k]] = P.SIDE_JOB_P[k]
    early_asylum_arrival = (p.motive_kind == KIND_CODE["asylum"]) & (p.arrival >= 0)
    arrival_m = cal.month_of_day(np.maximum(p.arrival, 0))
    pi = None
    for t in range(T):
        mon = m0 + t
        year = mon // 12 + 1970
        if t % 12 == 0:
            eta = eta_for_year(p, e, lat, year)
            eta_years[year] = eta
            pi = pi_from_eta(eta)
            cyc = P.CYCLE.get(year, 0.0)
        ms, me = int(cal.month_start_day(np.array([mon]))[0]), int(cal.month_end_day(np.array([mon]))[0])
        mid = ms + 14
        present = p.resident_on(mid)
        age_m = mon - birth_m
        prev = cur.copy()
        new = np.full(n, ABSENT, np.int8)
        # ------------------------------------------------------------ phases
        child = present & (age_m < 180)
        student = present & ~child & (((e.leave_age_m >= 0) & (age_m < e.leave_age_m)) | (mon < study_until))
        pension = present & ~child & ~student & ((mon >= aow_m) | retired)
        labour = present & ~child & ~student & ~pension
        new[child] = CHILD
        new[student] = STUDENT
        new[pension] = PENSION
        # ------------------------------------------------------------ labour: initial draws
        in_chain = np.isin(prev, CHAIN_STATES) | (prev == WW)
        init = labour & ~in_chain
        if init.any():
            idx = np.flatnonzero(init)
            cp = np.cumsum(pi[idx], axis=1)
            pick = (rng.random(len(idx))[:, None] > cp).sum(axis=1)
            new[idx] = CHAIN_STATES[np.minimum(pick, NCH - 1)]
        # ------------------------------------------------------------ labour: WW dynamics
        cont = labour & in_chain
        inww = cont & (prev == WW)
        if inww.any():
            idx = np.flatnonzero(inww)
            w = P.WW
            h = ww_find_hazard(lat.u[idx], nw[idx], p.gen[idx] == 1, age_m[idx], e.level[idx] == 0, cyc)
            r = rng.random(len(idx))
            dur = mon - since[idx]
            out = np.full(len(idx), WW, np.int8)
            out[r < h] = EMP
            to_ao = (r >= h) & (r < h + w["to_ao"])
            out[to_ao] = AO
            ended = (out == WW) & (dur >= ent[idx])
            if ended.any():
                pb = ww_to_bijstand_share(nw[idx], w_grp[idx])
                out[ended] = np.where(rng.random(int(ended.sum())) < pb[ended], BIJ, INACT)
            new[idx] = out
            keep = (out == EMP) & (rng.random(len(idx)) < w["keep_partial_share"])
            ext_left_ww[idx[keep]] = rng.integers(1, 5, int(keep.sum()))
        # ------------------------------------------------------------ labour: chain (with WW inflow from EMP)
        inch = cont & (prev != WW)
        if inch.any():
            idx = np.flatnonzero(inch)
            pos = np.zeros(len(idx), np.int64)
            for s_, j_ in CHAIN_POS.items():
                pos[prev[idx] == s_] = j_
            rates, tot, pmove = chain_rates(pos, pi[idx], nonwestern=nw[idx])
            r = rng.random(len(idx))
            move = r < pmove
            cp = np.cumsum(rates, axis=1) / np.maximum(tot, 1e-12)[:, None]
            dest = (rng.random(len(idx))[:, None] > cp).sum(axis=1)
            out = prev[idx].copy()
            out[move] = CHAIN_STATES[np.minimum(dest[move], NCH - 1)]
            # WW inflow from a job held >= 6 months
            emp_i = (prev[idx] == EMP) & ((mon - since[idx]) >= 6)
            if emp_i.any():
                flex = np.zeros(len(idx), bool)
                mj = main_job[idx]
                has = mj >= 0
                flex[has] = jobs["contract"][mj[has]] == CONTRACT_B
                lam = ww_inflow_rate(lat.u[idx], nw[idx], flex, cyc)
                ww_now = emp_i & (rng.random(len(idx)) < lam)
                out[ww_now] = WW
            new[idx] = out
            # bijstand supplement running into a new job
            keep = (prev[idx] == BIJ) & (out == EMP) & (rng.random(len(idx)) < P.BIJ_KEEP_INTO_JOB_SHARE)
            ext_left_bij[idx[keep]] = rng.integers(1, 4, int(keep.sum()))
        # early retirement (from age 60)
        er = labour & (age_m >= 720) & np.isin(new, [EMP, SELF, INACT, AO, OTHB])
        if er.any():
            idx = np.flatnonzero(er)
            h = early_retirement_hazard(age_m[idx], year)
            go = idx[rng.random(len(idx)) < h]
            new[go] = PENSION
            retired[go] = True
        # ------------------------------------------------------------ bookkeeping of spells
        changed = new != prev
        d = np.where(changed, rng.integers(1, 21, n), 0).astype(np.int8)
        # entry into the population this month: the day of registration if it is in this month
        entering = changed & (prev == ABSENT) & present
        if entering.any():
            idx = np.flatnonzero(entering)
            ent_day = np.where((p.entry2[idx] >= ms) & (p.entry2[idx] <= me), p.entry2[idx], p.entry1[idx])
            in_month = (ent_day >= ms) & (ent_day <= me)
            d[idx[in_month]] = (ent_day[in_month] - ms + 1).astype(np.int8)
            d[idx[~in_month]] = 1
        leaving = changed & (new == ABSENT) & (prev != ABSENT)
        if leaving.any():
            idx = np.flatnonzero(leaving)
            ex = np.where((p.exit1[idx] >= ms - 31) & (p.exit1[idx] <= me), p.exit1[idx], p.exit2[idx])
            d[idx] = np.clip(ex - ms + 1, -30, 31).astype(np.int8)
        since[changed] = mon
        newly_ww = changed & (new == WW)
        if newly_ww.any():
            idx = np.flatnonzero(newly_ww)
            age_y = age_m[idx] / 12
            ent[idx] = ww_entitlement(age_y, rng.uniform(0.5, 1.5, len(idx)), year)
        # left-censoring: the first observed month of a person continues a state begun earlier
        first = present & ~first_seen
        if first.any() and t == 0:
            idx = np.flatnonzero(first)
            st = new[idx]
            mean = np.select([st == SELF, st == BIJ, st == AO, st == INACT, st == OTHB, st == WW, st == EMP],
                             [60, 36, 90, 60, 30, 4, 80], 24)
            back = (rng.exponential(1.0, len(idx)) * mean).astype(np.int32)
            lower = np.maximum(cal.month_of_day(np.maximum(p.entry1[idx], p.birth[idx])), cal.month_index(1999, 1))
            lower = np.where(np.isin(st, CHAIN_STATES) | (st == WW), np.maximum(lower, birth_m[idx] + 180), lower)
            lower = np.where(st == STUDENT, np.maximum(lower, birth_m[idx] + 180), lower)
            lower = np.where(st == PENSION, np.maximum(lower, np.where(retired[idx], lower, aow_m[idx])), lower)
            sb = np.maximum(mon - back, lower)
            sb = np.where(st == PENSION, np.maximum(np.minimum(aow_m[idx], mon), lower), sb)
            sb = np.where(st == CHILD, birth_m[idx], sb)
            sb = np.minimum(sb, mon)
            start_before[idx] = sb
            since[idx] = sb
            d[idx] = 0
            ww_i = idx[st == WW]
            ent[ww_i] = np.maximum(rng.integers(3, 25, len(ww_i)), mon - since[ww_i] + 1)
            # jobs of persons already working: original start in the past
            emp_i = idx[st == EMP]
            if len(emp_i):
                start = np.full(len(emp_i), ms, np.int32)
                ids = maker.make(emp_i, mon, start, KIND_MAIN)
                jobs.set("initial", ids, True)
                is_b = jobs["contract"][ids] == CONTRACT_B
                ten = (rng.exponential(1.0, len(ids)) * np.where(is_b, 14, 96) * 30.44).astype(np.int32)
                orig = np.maximum(ms - ten, p.birth[emp_i] + int(16 * 365.25))
                orig = np.maximum(orig, p.entry1[emp_i])
                orig = np.minimum(orig, ms)
                jobs.set("orig_start", ids, orig)
                jobs.set("start", ids, orig)
                main_job[emp_i] = ids
            dga_i = idx[(st == SELF) & (lat.self_type[idx] == 12)]
            if len(dga_i):
                ids = maker.make(dga_i, mon, np.full(len(dga_i), ms, np.int32), KIND_DGA)
                orig = np.minimum(ms, np.maximum(ms - (rng.exponential(1.0, len(ids)) * 80 * 30.44).astype(np.int32),
                                                 p.birth[dga_i] + int(20 * 365.25)))
                jobs.set("orig_start", ids, orig)
                jobs.set("start", ids, orig)
                main_job[dga_i] = ids
        first_seen |= present
        # ------------------------------------------------------------ jobs: end, start, move, convert
        end_day_change = ms + d.astype(np.int32) - 2  # the day before the new state starts (exit - 1)
        has_main = main_job >= 0
        main_kind_ok = np.where(has_main, jobs["kind"][np.maximum(main_job, 0)] == KIND_MAIN, False)
        dga_ok = np.where(has_main, jobs["kind"][np.maximum(main_job, 0)] == KIND_DGA, False)
        stop_main = has_main & (((new != EMP) & main_kind_ok) | ((new != SELF) & dga_ok))
        if stop_main.any():
            idx = np.flatnonzero(stop_main)
            jobs.set("end", main_job[idx], np.maximum(end_day_change[idx], jobs["start"][main_job[idx]]))
            main_job[idx] = -1
        # job-to-job moves and conversions of those who stay in work
        stay = (new == EMP) & (main_job >= 0)
        if stay.any():
            idx = np.flatnonzero(stay)
            jb = main_job[idx]
            con = jobs["contract"][jb]
            h = job_end_hazard(con == CONTRACT_B, cyc)
            r = rng.random(len(idx))
            move = r < h
            conv = ~move & (con == CONTRACT_B) & (jobs["conv_month"][jb] < 0) & (r < h + P.CONVERSION_B_TO_O) & \
                (jobs["soortbaan"][jb] != 4)
            if conv.any():
                jobs.set("conv_month", jb[conv], mon)
            if move.any():
                mv = idx[move]
                dd = rng.integers(1, 29, len(mv))
                jobs.set("end", main_job[mv], np.maximum(ms + dd - 2, jobs["start"][main_job[mv]]))
                main_job[mv] = maker.make(mv, mon, (ms + dd - 1 + rng.integers(0, 3, len(mv))).astype(np.int32), KIND_MAIN)
        need = (new == EMP) & (main_job < 0)
        if need.any():
            idx = np.flatnonzero(need)
            main_job[idx] = maker.make(idx, mon, (ms + np.maximum(d[idx].astype(np.int32), 1) - 1).astype(np.int32), KIND_MAIN)
        need_dga = (new == SELF) & (lat.self_type == 12) & (main_job < 0)
        if need_dga.any():
            idx = np.flatnonzero(need_dga)
            main_job[idx] = maker.make(idx, mon, (ms + np.maximum(d[idx].astype(np.int32), 1) - 1).astype(np.int32), KIND_DGA)
        # ------------------------------------------------------------ side jobs (monthly on/off)
        ps = np.where(new == STUDENT, side_p_student, side_p_state[new])
        ps = np.where((new == PENSION) & (age_m >= 900), 0.0, ps)
        ps = np.where(new == STUDENT, np.where(age_m >= 192, ps, ps * 0.4), ps)
        ps = np.where(early_asylum_arrival & (mon - arrival_m < 36), ps * P.SIDE_JOB_ASYLUM_EARLY, ps)
        has_side = side_job >= 0
        end_side = has_side & ((ps <= 0) | (rng.random(n) < P.SIDE_JOB_END) | (new == ABSENT))
        if end_side.any():
            idx = np.flatnonzero(end_side)
            e_day = np.where(new[idx] == ABSENT, end_day_change[idx], ms + rng.integers(0, 28, len(idx)) - 1)
            jobs.set("end", side_job[idx], np.maximum(e_day, jobs["start"][side_job[idx]]))
            side_job[idx] = -1
        # internships end after 3-6 months
        has_side = side_job >= 0
        if has_side.any():
            idx = np.flatnonzero(has_side)
            sj = side_job[idx]
            intern_done = (jobs["soortbaan"][sj] == 2) & (ms - jobs["start"][sj] > rng.integers(90, 180, len(idx)))
            if intern_done.any():
                jobs.set("end", sj[intern_done], ms - 1)
                side_job[idx[intern_done]] = -1
        q = np.clip(P.SIDE_JOB_END * ps / np.maximum(1 - ps, 1e-6), 0, 1)
        start_side = (side_job < 0) & (ps > 0) & (rng.random(n) < q)
        if start_side.any():
            idx = np.flatnonzero(start_side)
            side_job[idx] = maker.make(idx, mon, (ms + rng.integers(0, 28, len(idx))).astype(np.int32), KIND_SIDE)
        # ------------------------------------------------------------ benefit extensions into work
        ww_ext[:, t] = (new == EMP) & (ext_left_ww > 0)
        bij_ext[:, t] = (new == EMP) & (ext_left_bij > 0)
        ext_left_ww = np.where(new == EMP, np.maximum(ext_left_ww - 1, 0), 0).astype(np.int8)
        ext_left_bij = np.where(new == EMP, np.maximum(ext_left_bij - 1, 0), 0).astype(np.int8)
        state[:, t] = new
        main_hist[:, t] = main_job
        tday[:, t] = d
        ww_ent[:, t] = np.where(new == WW, np.minimum(ent, 127), 0)
        cur = new
    # close nothing: open jobs keep end = OPEN_END (still running at the end of the window)
    return Careers(m0=m0, T=T, state=state, tday=tday, ww_ext=ww_ext, bij_ext=bij_ext, start_before=start_before,
                   ww_entitle=ww_ent, jobs=jobs, latent=lat, eta_years=eta_years, main_job=main_hist)
