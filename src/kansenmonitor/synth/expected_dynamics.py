"""Planted-truth expectations of the labour-market dynamics (indicators 27, 29-30, 38) and
the planted monthly hazards of the manifest.

The monitor measures dynamics on its person-month panel (``indicators/person_month.py``):
*work* in a month is a substantial job (SPOLIS records of one job summed over the month:
not an internship, contract O/B, at least 12 base hours a week, base hourly wage at least
the hourly WML of 1 January) or self-employment (SECM 13/14) when the year's primary
income reaches the WML for 12 hours a week over the self-employed months. The generator's
model states are not that: an employee may hold an 8-hour job (no work for the monitor),
a 12-hour job whose base hours scatter around the threshold month by month, a job paid
below the WML; a person on bijstand may hold a substantial side job; a job that ends on day
*d* of a month still has a partial record in it. The truths below follow the monitor's
definitions: they are probabilities of the monitor's outcome, computed from the
probabilities the generator draws with (the functions of ``labour.py``, the job draws of
``labour._JobMaker``, the SPOLIS record rules of ``spolis.py``), never from the draws.

**A27 (retention), per person-month with work** (:func:`p_work_next_month`): P(work in
*m* + 1 | F_m), F_m everything the generator drew up to the end of month *m* (states, jobs
and their attributes, SPOLIS records of *m*), and, when *m* + 1 falls in the same calendar
year, no early retirement in *m* + 1 (frame persons of a year do not retire in it). The
year's self-employment income test (:func:`self_employment_counts`) is taken as given: it
is a function of the whole year's income, not a one-month event. Enumerated: the move of the
monthly model (chain, WW inflow and exits, entitlement end, phases), the day of a state
change (a job ending on day *d* keeps a partial record of *d* - 1 days), job-to-job moves
and the start day of the new job, the attributes of a new main, side or DGA job (contract,
job type, zero-hours, hours, sector and employer, wage; mixtures over the planted
distributions, :class:`NewJobs`), side jobs ending and starting, and the SPOLIS noise on
base hours with the rounding of base hours and base wage (:func:`p_existing_job_substantial`).
Given F_m the outcome's probability is exactly this, so over a cell
``(realised - sum p) / sqrt(sum p (1 - p))`` is ~N(0, 1) (a martingale).

**A38 ww_1y, per first WW exit of a year** (:func:`ww_exit_work_within_year`): P(work in one
of the 12 months after the exit month | F at the exit month, the next month is not WW, no
early retirement in the rest of the year), forward over the monthly model on augmented
states of the paths without work so far.

**A29 / A30, per person-year in the population** (:func:`temp_to_permanent`): P(a move from
a temporary to a permanent main contract in the year with the same / another employer |
every draw up to December but the contract types of the jobs and the B -> O conversions,
and being in the population), summed over the combinations of the jobs' posterior
contract outcomes (``expected.contract_posterior``, as A04).

**Hazards** (:data:`HAZARDS`, :func:`monthly_hazards`): the probabilities the model draws its
monthly moves with, averaged by year and origin group over the person-months at risk.

Approximations (each far below the sampling error at scale 0.01, stated where made): the
base-hours test of a new job in its first month uses one record (four-weekly declarants
split some months in two); a new job's wage test ignores the rounding of the base wage to
whole euros; a month with two records sums two rounded normal variables as a normal
variable; in the WW-exit chain a new job's type is fixed at its start and the months out of
the model (emigration, school) are the realised ones (they are fixed beforehand).
"""
from __future__ import annotations

import numpy as np

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import params as P
from kansenmonitor.synth.employers import Employers, sector_weights_for
from kansenmonitor.synth.labour import KIND_DGA, KIND_MAIN, KIND_SIDE, CONTRACT_N

#: SPOLIS: relative noise of a record's base hours (spolis.build_year).
HOURS_NOISE = 0.02
#: Standard deviation of the job-level log-wage noise (labour._JobMaker.make).
JOB_WAGE_SD = P.WAGE["job_sd"]
#: Monitor: at least this many base hours a week for a substantial job (indicators.md §3).
MIN_WEEKLY_HOURS = 12.0


# ------------------------------------------------------------------ normal distribution
def norm_sf(x: np.ndarray) -> np.ndarray:
    """P(Z > x) for a standard normal Z (erfc of Numerical Recipes, relative error < 1.2e-7)."""
    z = np.abs(np.asarray(x, dtype=np.float64)) / np.sqrt(2.0)
    t = 1.0 / (1.0 + 0.5 * z)
    r = t * np.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
    return np.where(np.asarray(x) >= 0, 0.5 * r, 1.0 - 0.5 * r)


def norm_cdf(x: np.ndarray) -> np.ndarray:
    return norm_sf(-np.asarray(x, dtype=np.float64))


# ------------------------------------------------------------------ SPOLIS records of a job-month
def fourweekly_boundary(month: np.ndarray) -> np.ndarray:
    """Day number of the four-weekly period boundary inside ``month`` (after its first day), or
    a day past the month when there is none (spolis.segments: 13 periods of 28 days from 1 January)."""
    month = np.asarray(month, dtype=np.int64)
    ms = cal.month_start_day(month).astype(np.int64)
    me = cal.month_end_day(month).astype(np.int64)
    y0 = cal.month_start_day(month - month % 12).astype(np.int64)  # 1 January of the month's year
    k = (ms - y0) // 28 + 1
    b = y0 + 28 * k
    return np.where((b > ms) & (b <= me) & (k <= 12), b, me + 1)


def record_days(month, lo, hi, fourweekly) -> tuple[np.ndarray, np.ndarray]:
    """Days of the (at most two) SPOLIS records of a job active on days ``lo``..``hi`` of ``month``
    (0 when absent): monthly declarants one record, four-weekly ones split at the period boundary."""
    lo = np.asarray(lo, dtype=np.int64)
    hi = np.asarray(hi, dtype=np.int64)
    b = np.where(np.asarray(fourweekly, dtype=bool), fourweekly_boundary(month), np.iinfo(np.int32).max)
    d1 = np.clip(np.minimum(hi, b - 1) - lo + 1, 0, None)
    d2 = np.clip(hi - np.maximum(lo, b) + 1, 0, None)
    return d1, d2


def _grid_threshold(days: np.ndarray) -> np.ndarray:
    """Smallest base-hours total (a multiple of 0.01) that the monitor counts as >= 12 hours a
    week over ``days`` days (its test ``base_hours * 7.0 / days >= 12`` in floating point)."""
    days = np.asarray(days, dtype=np.float64)
    c = np.ceil(np.round(MIN_WEEKLY_HOURS * days / 7.0 * 100.0, 6)) / 100.0
    lower = np.round(c - 0.01, 2)
    return np.where(lower * 7.0 / np.maximum(days, 1) >= MIN_WEEKLY_HOURS, lower, c)


def p_hours_ok(weekly, d1, d2) -> np.ndarray:
    """P(base hours of the month >= 12 a week) for a job with ``weekly`` contract hours (not a
    zero-hours job) and records of ``d1``, ``d2`` days: each record's base hours are
    round(weekly * (1 + e) * days / 7, 2) with e ~ N(0, 0.02) (spolis.build_year). Exact for one
    record; for two, the sum of the rounded values is treated as normal (error ~1e-5)."""
    weekly = np.asarray(weekly, dtype=np.float64)
    d1 = np.asarray(d1, dtype=np.float64)
    d2 = np.asarray(d2, dtype=np.float64)
    days = d1 + d2
    mu = weekly * days / 7.0
    sd = HOURS_NOISE * weekly / 7.0 * np.sqrt(d1 ** 2 + d2 ** 2)
    g = _grid_threshold(days)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = norm_sf((g - 0.005 - mu) / sd)
    p = np.where(sd > 0, p, (mu >= g).astype(float))
    return np.where(days > 0, p, 0.0)


def zero_hours_week(job: np.ndarray, bucket: int, month: np.ndarray) -> np.ndarray:
    """Weekly hours of an on-call zero-hours job in ``month`` (a hash of job and month, spolis)."""
    from kansenmonitor.synth.spolis import _hash_u

    u = _hash_u(np.asarray(job, dtype=np.int64) + bucket * 7919, np.asarray(month, dtype=np.int64))
    return np.minimum(np.where(u < 0.12, 0.0, -np.log(np.maximum(1 - u, 1e-9)) * 11.0), 38.0)


def job_hourly_wage(jobs, p, idx: np.ndarray, year: int) -> np.ndarray:
    """Base hourly wage of jobs ``idx`` in their SPOLIS records of ``year`` (spolis.build_year:
    indexation and within-job growth, the WML floor of regular jobs)."""
    wy = jobs["wage_year"][idx].astype(np.int64)
    wi = cal.wage_index(np.arange(2000, 2031))
    idx_ratio = wi[year - 2000] / wi[wy - 2000]
    hourly = jobs["wage"][idx] * idx_ratio * (1 + jobs["growth"][idx]) ** np.maximum(year - wy, 0)
    y0 = cal.day(year)
    age = ((y0 - p.birth[jobs["person"][idx]]) / 365.25).astype(np.int32)
    floor = cal.youth_wml_factor(age, year) * cal.wml_hour(year)
    regular = ~jobs["below_wml"][idx] & (jobs["soortbaan"][idx] != 2)
    return np.where(regular & (hourly < floor), floor * 1.01, hourly)


def _one_record_exact(weekly: np.ndarray, days: np.ndarray, hourly: np.ndarray, wml: float) -> np.ndarray:
    """P(substantial) of job-months with one record, summing over the values of its base hours
    B = round(weekly (1 + e) days / 7, 2) within 6.5 sd: the monitor's hours test on B and its
    wage test on round(hourly B) / B."""
    out = np.zeros(len(weekly))
    mu = weekly * days / 7.0
    sd = HOURS_NOISE * mu
    lo = np.floor((mu - 6.5 * sd) * 100) / 100
    npts = (np.ceil(13 * sd * 100) + 2).astype(np.int64)
    order = np.argsort(npts)
    for a in range(0, len(order), 64):
        ii = order[a:a + 64]
        m = int(npts[ii].max())
        b = np.round(lo[ii, None] + np.arange(m)[None, :] / 100.0, 2)
        pb = norm_cdf((b + 0.005 - mu[ii, None]) / sd[ii, None]) - norm_cdf((b - 0.005 - mu[ii, None]) / sd[ii, None])
        with np.errstate(divide="ignore", invalid="ignore"):
            ok = ((b * 7.0 / days[ii, None] >= MIN_WEEKLY_HOURS) & (b > 0)
                  & (np.round(np.round(hourly[ii, None] * b) / b, 6) >= round(wml, 6)))
        out[ii] = (pb * ok).sum(axis=1)
    return out


def p_existing_job_substantial(jobs, p, emp: Employers, bucket: int, idx: np.ndarray, month: np.ndarray,
                               lo: np.ndarray, hi: np.ndarray, rng: np.random.Generator | None = None,
                               draws: int = 4000) -> np.ndarray:
    """P(job ``idx`` is substantial in ``month`` | it has records on days ``lo``..``hi`` of it).

    Everything about the job is known (contract, type, hours, wage path, employer's
    declaration period); what is random is the SPOLIS noise on each record's base hours. The
    wage test is certain unless the hourly wage is within the rounding of the base wage of
    the threshold; those few job-months are integrated by simulation with ``draws`` draws of
    the noise (``rng``, independent of the generator's draws)."""
    idx = np.asarray(idx, dtype=np.int64)
    month = np.broadcast_to(np.asarray(month, dtype=np.int64), idx.shape)
    lo = np.broadcast_to(np.asarray(lo, dtype=np.int64), idx.shape)
    hi = np.broadcast_to(np.asarray(hi, dtype=np.int64), idx.shape)
    out = np.zeros(len(idx))
    if not len(idx):
        return out
    year = month // 12 + 1970
    fw = emp.fourweekly[jobs["employer"][idx]] & (jobs["kind"][idx] != KIND_DGA)
    d1, d2 = record_days(month, lo, hi, fw)
    days = d1 + d2
    n_rec = (d1 > 0).astype(int) + (d2 > 0).astype(int)
    eligible = (days > 0) & (jobs["soortbaan"][idx] != 2) & (jobs["contract"][idx] != CONTRACT_N)
    weekly = jobs["hours"][idx].astype(np.float64)
    zero = jobs["zero_hours"][idx]
    for y in np.unique(year):
        sel = np.flatnonzero((year == y) & eligible)
        if not len(sel):
            continue
        wml = cal.wml_hour(int(y))
        hourly = job_hourly_wage(jobs, p, idx[sel], int(y))
        # hours
        z = zero[sel]
        ph = p_hours_ok(weekly[sel], d1[sel], d2[sel])
        if z.any():
            zs = sel[z]
            ow = zero_hours_week(idx[zs], bucket, month[zs])
            b1 = np.round(ow * d1[zs] / 7.0, 2)
            b2 = np.round(ow * d2[zs] / 7.0, 2)
            bh = b1 * d1[zs] / np.maximum(d1[zs], 1) + b2 * d2[zs] / np.maximum(d2[zs], 1)
            okh = (bh * 7.0 / days[zs] >= MIN_WEEKLY_HOURS) & (bh > 0)
            w1 = np.round(hourly[z] * b1)
            w2 = np.round(hourly[z] * b2)
            with np.errstate(divide="ignore", invalid="ignore"):
                okw = np.round((w1 + w2) / bh, 6) >= round(wml, 6)
            ph = ph.copy()
            ph[z] = (okh & okw).astype(float)
        # wage: certain when the hourly wage is farther from the threshold than the base-wage
        # rounding can move it (0.5 euro per record over the fewest base hours that pass)
        b_min = np.maximum(_grid_threshold(days[sel]) - 0.01, 1e-9)
        slack = 0.5 * n_rec[sel] / b_min + 1e-9
        sure_ok = hourly - wml > slack
        sure_no = wml - hourly > slack
        pw = np.where(sure_ok, 1.0, 0.0)
        res = np.where(z, ph, ph * pw)
        res = np.where(sure_no & ~z, 0.0, res)
        unsure = np.flatnonzero(~z & ~sure_ok & ~sure_no)
        one = unsure[n_rec[sel][unsure] == 1]
        if len(one):
            s1 = sel[one]
            dd = np.where(d1[s1] > 0, d1[s1], d2[s1])
            res[one] = _one_record_exact(weekly[s1], dd, hourly[one], wml)
        two = unsure[n_rec[sel][unsure] == 2]
        if len(two):
            r = rng if rng is not None else np.random.default_rng(12345)
            s2 = sel[two]
            e1 = r.normal(0, HOURS_NOISE, (len(s2), draws))
            e2 = r.normal(0, HOURS_NOISE, (len(s2), draws))
            a = weekly[s2][:, None]
            b1 = np.round(a * (1 + e1) * d1[s2][:, None] / 7.0, 2)
            b2 = np.round(a * (1 + e2) * d2[s2][:, None] / 7.0, 2)
            h = hourly[two][:, None]
            bh = b1 + b2
            with np.errstate(divide="ignore", invalid="ignore"):
                ok = (bh * 7.0 / days[s2][:, None] >= MIN_WEEKLY_HOURS) & (bh > 0) & \
                    (np.round((np.round(h * b1) + np.round(h * b2)) / bh, 6) >= round(wml, 6))
            res[two] = ok.mean(axis=1)
        out[sel] = res
    return out


# ------------------------------------------------------------------ the monitor's work flag, realised
def self_employment_counts(w, year: int) -> np.ndarray:
    """Per person: whether the monitor counts self-employment in ``year`` as work
    (person_month.self_employed_income_sql): primary income (INPATAB) at least the hourly WML x
    12 hours x 52 / 12 per month with SECM 13/14; true without an INPATAB row."""
    from kansenmonitor.synth.files.income import year_income

    n = w.persons.n
    out = np.ones(n, bool)
    if not (w.first_year <= year <= w.last_year):
        return out
    sel, prim, _, _, _ = year_income(w, year)
    t0 = w.month_col(year, 1)
    months = np.isin(w.secm.code[sel, t0:t0 + 12], (13, 14)).sum(axis=1)
    wml = float(f"{cal.wml_hour(year):.6f}")
    out[sel] = prim >= wml * MIN_WEEKLY_HOURS * 52.0 / 12.0 * months
    return out


def job_months_substantial(w, year: int) -> dict:
    """The monitor's substantial-job test on every job-month of ``year`` (its formulas on the
    summed SPOLIS records): person, column, job and the flag."""
    jm = w.polis(year).job_month
    jobs = w.careers.jobs
    with np.errstate(divide="ignore", invalid="ignore"):
        weekly = jm["hours"] * 7.0 / jm["days"]
        hourly = jm["wage"] / jm["hours"]
        ok = ((jobs["soortbaan"][jm["job"]] != 2) & (jm["contract"] < 2) & (jm["hours"] > 0)
              & (weekly >= MIN_WEEKLY_HOURS) & (np.round(hourly, 6) >= round(cal.wml_hour(year), 6)))
    return {"person": jm["person"], "t": jm["t"], "job": jm["job"], "substantial": ok}


def monitor_work(w) -> tuple[np.ndarray, np.ndarray, dict]:
    """(n, T) monitor work per person and month of the simulated window (a substantial job, or
    SECM 13/14 with the year's income test), the job part alone, and the counts flag per year.
    SPOLIS is in the register for the reporting years only: before them no month has a job."""
    c = w.careers
    n, T = c.state.shape
    job = np.zeros((n, T), bool)
    counts = {}
    for year in range(w.sim_first_year, w.last_year + 1):
        counts[year] = self_employment_counts(w, year)
        if year < w.first_year:
            continue
        s = job_months_substantial(w, year)
        ok = s["substantial"] & (s["t"] >= 0) & (s["t"] < T)
        job[s["person"][ok], s["t"][ok]] = True
    self13 = np.isin(w.secm.code, (13, 14))
    years = w.sim_first_year + np.arange(T) // 12
    cnt = np.stack([counts[int(y)] for y in years], axis=1)
    return job | (self13 & cnt), job, counts


# ------------------------------------------------------------------ new jobs: planted attribute mixtures
_SECTOR_KINDS = ("regular", "high", "low", "side", "agency", "wsw")


class NewJobs:
    """Probabilities that a new job (labour._JobMaker.make) is substantial in a month.

    The log wage of a new job is ``mu + premium + N(0, job_sd)``: ``mu`` the person's planted
    base log wage with the year's index and the age profile, ``premium`` the employer's, the
    employer drawn by sector (kind-specific weights) and within it by size. The distribution
    of ``premium + noise`` is a mixture over the employer universe, tabulated per sector kind."""

    GRID = np.linspace(-2.5, 2.5, 4001)

    def __init__(self, emp: Employers):
        self.emp = emp
        self.cdf = {}
        prem = emp.premium
        for kind in _SECTOR_KINDS:
            wts = sector_weights_for(kind)
            pe = np.zeros(emp.n)
            for s, ws in enumerate(wts):
                if ws <= 0:
                    continue
                idx, cum = emp.by_sector_idx[s], emp.by_sector_cum[s]
                if len(idx) == 0:
                    pe += ws / emp.n
                else:
                    pe[idx] += ws * np.diff(np.r_[0.0, cum]) / cum[-1]
            self.cdf[kind] = self._mixture(prem, pe)
        payroll = np.flatnonzero(emp.payroll)
        if not len(payroll):
            from kansenmonitor.synth.employers import SECTORS

            payroll = np.flatnonzero(np.array(SECTORS, dtype=object)[emp.sector] == "52")
        self.cdf["payroll"] = self._mixture(prem[payroll], np.full(len(payroll), 1.0 / len(payroll)))
        small = np.flatnonzero(emp.size < 10)
        if not len(small):
            small = np.arange(emp.n)
        self.cdf["dga"] = self._mixture(prem[small], np.full(len(small), 1.0 / len(small)))

    @classmethod
    def _mixture(cls, prem: np.ndarray, weight: np.ndarray) -> np.ndarray:
        # premiums binned to 0.0005 (the noise sd is 0.06: the binning moves the CDF by < 1e-5)
        keep = weight > 0
        b = np.round(prem[keep] / 0.0005).astype(np.int64)
        ub, inv = np.unique(b, return_inverse=True)
        wt = np.bincount(inv, weights=weight[keep]) / weight[keep].sum()
        centres = ub * 0.0005
        out = np.zeros(len(cls.GRID))
        for a in range(0, len(centres), 256):
            out += (wt[a:a + 256, None] * norm_cdf((cls.GRID[None, :] - centres[a:a + 256, None]) / JOB_WAGE_SD)).sum(axis=0)
        return out

    def below(self, kind: str, t: np.ndarray) -> np.ndarray:
        """P(premium + noise < t) for jobs of sector kind ``kind``."""
        return np.interp(t, self.GRID, self.cdf[kind], left=0.0, right=1.0)

    @staticmethod
    def _age(birth: np.ndarray, start: np.ndarray) -> np.ndarray:
        return ((start - birth) / 365.25).astype(np.int32)

    @staticmethod
    def _mu(lat_wage_base: np.ndarray, age: np.ndarray, year: int) -> np.ndarray:
        agef = 0.36 * (1 - np.exp(-np.maximum(age - 16, 0) / 9.0)) - 0.36 + np.where(age > 58, -0.02, 0.0)
        return lat_wage_base + np.log(cal.wage_index(year)) + agef

    def wage_ok(self, kind: str, mu: np.ndarray, age: np.ndarray, year: int, side: bool = False) -> np.ndarray:
        """P(the new job's hourly wage in its first year >= the hourly WML | sector kind)."""
        wml = cal.wml_hour(year)
        f = cal.youth_wml_factor(age, year)
        below_w = self.below(kind, np.log(wml) - mu)  # P(drawn wage < WML)
        # lifted to the (youth) floor: adults land in [WML, 1.06 WML], young people below WML;
        # the planted below-WML share is paid 80-98 % of the floor
        p = np.where(f >= 1.0, 1.0 - P.WAGE["below_wml_share"] * below_w, 1.0 - below_w)
        if side:
            yw = (age < cal.adult_wml_age(year)) * 0.8
            p_floor = np.clip((1.2 - 1.0 / np.maximum(f, 1e-9)) / 0.2, 0.0, 1.0)
            p = yw * p_floor + (1 - yw) * p
        return p

    def main_parts(self, p, e, lat, who: np.ndarray, start: np.ndarray, year: int, by_contract: bool = False):
        """(A, Z) of a new main job starting on day ``start``: P(substantial) = A x P(contract hours
        pass) + Z x P(zero-hours pass) (the contract N flag, job type, sector, wage included);
        ``by_contract`` adds the parts of temporary jobs and P(temporary): (A, Z, A_B, Z_B, P_B)."""
        from kansenmonitor.synth.labour import p_permanent_new, wsw_probability

        birth = p.birth[who]
        age = self._age(birth, start)
        mu = self._mu(lat.wage_base_log[who], age, year)
        lvl = e.level[who]
        edu_kind = np.where(lvl == 2, "high", np.where(lvl == 0, "low", "regular"))
        w_edu = np.zeros(len(who))
        for k in ("high", "low", "regular"):
            s = edu_kind == k
            if s.any():
                w_edu[s] = self.wage_ok(k, mu[s], age[s], year)
        w_ag = self.wage_ok("agency", mu, age, year)
        w_wsw = self.wage_ok("wsw", mu, age, year)
        w_pay = self.wage_ok("payroll", mu, age, year)
        po = p_permanent_new(lat.perm_logit_base[who], birth, start)
        ws = wsw_probability(lvl, lat.u[who])
        fj = P.FLEX_JOB_TYPE
        zs = fj["oncall_zero_hours"]
        oncall = (1 - po) * fj["oncall"] + po * fj["oncall_among_permanent"]
        zero_nonwsw = oncall * zs * w_edu
        nonzero_nonwsw = ((1 - po) * (fj["agency"] * w_ag + (1 - fj["agency"] - fj["oncall"]) * w_edu
                                      + fj["oncall"] * (1 - zs) * w_edu)
                          + po * (fj["oncall_among_permanent"] * (1 - zs) * w_edu + P.PAYROLL_SHARE * w_pay
                                  + (1 - fj["oncall_among_permanent"] - P.PAYROLL_SHARE) * w_edu))
        keep = 1.0 - P.CONTRACT_N_SHARE
        a = keep * ((1 - ws) * nonzero_nonwsw + ws * (1 - oncall * zs) * w_wsw)
        z = keep * ((1 - ws) * zero_nonwsw + ws * oncall * zs * w_wsw)
        if not by_contract:
            return a, z
        # temporary (B, not sheltered work, not N): the job-to-job and WW inflow hazards differ
        a_b = keep * (1 - ws) * (1 - po) * (fj["agency"] * w_ag + (1 - fj["agency"] - fj["oncall"]) * w_edu
                                             + fj["oncall"] * (1 - zs) * w_edu)
        z_b = keep * (1 - ws) * (1 - po) * fj["oncall"] * zs * w_edu
        p_b = keep * (1 - ws) * (1 - po)
        return a, z, a_b, z_b, p_b

    def side_parts(self, p, lat, who: np.ndarray, start: np.ndarray, year: int) -> tuple[np.ndarray, np.ndarray]:
        """(A, Z) of a new side job (internships are never substantial)."""
        birth = p.birth[who]
        age = self._age(birth, start)
        mu = self._mu(lat.wage_base_log[who], age, year) - 0.12
        wk = self.wage_ok("side", mu, age, year, side=True)
        intern = ((age < 27) & (age >= 16)) * P.INTERNSHIP_SHARE
        return (1 - intern) * (1 - 0.25 * 0.6) * wk, (1 - intern) * 0.25 * 0.6 * wk

    def dga(self, p, lat, who: np.ndarray, start: np.ndarray, year: int) -> np.ndarray:
        """P(a new DGA job is substantial in a month with records): contract O (not N) and wage."""
        birth = p.birth[who]
        age = self._age(birth, start)
        mu = self._mu(lat.wage_base_log[who], age, year) + 0.45
        return 0.2 * self.wage_ok("dga", mu, age, year)


def new_jobs(emp: Employers) -> NewJobs:
    """The new-job mixtures of an employer universe, made once per process."""
    nj = getattr(emp, "_new_jobs", None)
    if nj is None:
        nj = NewJobs(emp)
        emp._new_jobs = nj
    return nj


def _hours_pass(sex: np.ndarray, days: np.ndarray) -> np.ndarray:
    """P(contract hours of a new main job pass the base-hours test) in a month with ``days``
    days of one record, by sex (params.HOURS; 12 hours scatter around the threshold)."""
    out = np.zeros(len(sex))
    coin = p_hours_ok(np.full(len(sex), 12.0), days, np.zeros(len(sex)))
    for sx, key in ((0, "men"), (1, "women")):
        h, wt = map(np.asarray, zip(*P.HOURS[key]))
        wt = wt / wt.sum()
        s = sex == sx
        out[s] = wt[h > 12].sum() + wt[h == 12].sum() * coin[s]
    return np.where(days > 0, out, 0.0)


def _side_hours_pass(days: np.ndarray) -> np.ndarray:
    h, wt = map(np.asarray, zip(*P.HOURS["side"]))
    wt = wt / wt.sum()
    coin = p_hours_ok(np.full(len(days), 12.0), days, np.zeros(len(days)))
    return np.where(days > 0, wt[h > 12].sum() + wt[h == 12].sum() * coin, 0.0)


def _zero_hours_pass(days: np.ndarray) -> np.ndarray:
    """P(an on-call zero-hours job passes the base-hours test in a month of ``days`` days): its
    weekly hours are -11 log(1 - u) for u >= 0.12 (u a hash of job and month, uniform)."""
    days = np.asarray(days, dtype=np.float64)
    g = _grid_threshold(days)
    x = (g - 0.005) * 7.0 / np.maximum(days, 1)  # weekly hours needed
    return np.where(days > 0, np.exp(-np.maximum(x, -11 * np.log(0.88)) / 11.0) * (x <= 38.0), 0.0)


# ------------------------------------------------------------------ the state of a person at the end of a month
def side_jobs_held(c) -> np.ndarray:
    """(n, T) the side job (row of the job table) a person holds at the end of each month, -1
    none: a side job is held from the month it is created up to the month before the one
    in which it is ended (its end day falls in that month or is the last day before it)."""
    jobs = c.jobs
    n, T = c.state.shape
    out = np.full((n, T), -1, np.int32)
    sel = np.flatnonzero(jobs["kind"] == KIND_SIDE)
    first = jobs["born"][sel].astype(np.int64) - c.m0
    end = jobs["end"][sel].astype(np.int64)
    mo = cal.month_of_day(np.minimum(end, cal.day(2100))).astype(np.int64)
    last = np.where(end >= cal.month_end_day(mo), mo, mo - 1) - c.m0
    last = np.minimum(last, T - 1)
    for k in range(T):
        held = (first <= k) & (last >= k)
        who = jobs["person"][sel[held]]
        if len(np.unique(who)) != len(who):
            raise AssertionError("a person with two side jobs at the end of a month")
        out[who, k] = sel[held]
    return out


class _Month:
    """What the model does in one month, seen from the end of the month before: the
    distribution of the next state and the day draws, for every person of a bucket."""

    def __init__(self, w, nj: NewJobs, k1: int, cache: dict):
        from kansenmonitor.synth.population import KIND_CODE

        c, p = w.careers, w.persons
        self.w, self.nj, self.k1 = w, nj, k1
        self.mon = c.m0 + k1
        self.year = self.mon // 12 + 1970
        self.ms = int(cal.month_start_day(np.array([self.mon]))[0])
        self.me = int(cal.month_end_day(np.array([self.mon]))[0])
        self.ndays = self.me - self.ms + 1
        self.birth_m = cache["birth_m"]
        self.age_m = self.mon - self.birth_m
        self.cyc = P.CYCLE.get(self.year, 0.0)
        ps = np.zeros(11)
        for s in ("EMP", "SELF", "BIJ", "WW", "AO", "PENSION", "OTHB"):
            ps[P.S[s]] = P.SIDE_JOB_P[s]
        self.side_p_state = ps
        self.asylum_early = ((p.motive_kind == KIND_CODE["asylum"]) & (p.arrival >= 0)
                             & (self.mon - cal.month_of_day(np.maximum(p.arrival, 0)) < 36))

    def side_p(self, state: int, who: np.ndarray) -> np.ndarray:
        """labour.simulate's probability of holding a side job in ``state`` (persons ``who``)."""
        from kansenmonitor.synth import countries as C
        from kansenmonitor.synth.labour import PENSION, STUDENT

        p = self.w.persons
        age_m = self.age_m[who]
        if state == STUDENT:
            ps = np.where(C.IS_NONWESTERN[p.group[who]], P.SIDE_JOB_P["STUDENT_NW"], P.SIDE_JOB_P["STUDENT"])
            ps = np.where(age_m >= 192, ps, ps * 0.4)
        else:
            ps = np.full(len(who), self.side_p_state[state])
            if state == PENSION:
                ps = np.where(age_m >= 900, 0.0, ps)
        return np.where(self.asylum_early[who], ps * P.SIDE_JOB_ASYLUM_EARLY, ps)

    # -------------------------------------------------------------- new jobs
    def new_main(self, who: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """(len(who), len(offsets)) P(a new main job starting on day ms + offset is substantial
        this month); 0 when it starts after the month."""
        return self._new(who, offsets, "main")

    def new_side(self, who, offsets):
        return self._new(who, offsets, "side")

    def new_dga(self, who, offsets):
        return self._new(who, offsets, "dga")

    def _new(self, who: np.ndarray, offsets: np.ndarray, kind: str) -> np.ndarray:
        w, nj = self.w, self.nj
        p, e, lat = w.persons, w.education, w.careers.latent
        offsets = np.asarray(offsets, dtype=np.int64)
        out = np.zeros((len(who), len(offsets)))
        if not len(who):
            return out
        days = np.maximum(self.me - (self.ms + offsets) + 1, 0).astype(np.float64)
        ones = np.ones(len(offsets), np.int64)
        if kind == "main":
            hp = np.stack([_hours_pass(np.full(len(offsets), sx, np.int8), days) for sx in (0, 1)])
        elif kind == "side":
            hp = np.stack([_side_hours_pass(days)] * 2)
        else:
            hp = np.stack([(days > 0).astype(float)] * 2)
        zp = _zero_hours_pass(days)

        def parts(sub, start):
            if kind == "main":
                return nj.main_parts(p, e, lat, who[sub], start, self.year)
            if kind == "side":
                return nj.side_parts(p, lat, who[sub], start, self.year)
            return nj.dga(p, lat, who[sub], start, self.year), np.zeros(len(sub))

        birth = p.birth[who]
        first = self.ms + int(offsets.min())
        a0, z0 = parts(np.arange(len(who)), np.full(len(who), first, np.int64))
        sex = p.sex[who].astype(np.int64) if kind == "main" else np.zeros(len(who), np.int64)
        out = a0[:, None] * hp[sex] + z0[:, None] * zp[None, :]
        # a birthday inside the month changes the age-dependent draws from that day on
        age0 = ((first - birth) / 365.25).astype(np.int32)
        starts = self.ms + offsets
        later = ((starts[None, :] - birth[:, None]) / 365.25).astype(np.int32) != age0[:, None]
        moving = np.flatnonzero(later.any(axis=1))
        if len(moving):
            bday = starts[np.argmax(later[moving], axis=1)]
            a1, z1 = parts(moving, bday.astype(np.int64))
            alt = a1[:, None] * hp[sex[moving]] + z1[:, None] * zp[None, :]
            out[moving] = np.where(later[moving], alt, out[moving])
        return out * (days > 0)[None, :] * ones[None, :]


def _job_class(jobs, p, idx: np.ndarray, year: int) -> np.ndarray:
    """0: never substantial in ``year``, 1: substantial in any month with a record of at least
    a day, 2: depends on the month's records (12-hour and zero-hours jobs, wages within the
    base-wage rounding of the WML: 0.5 euro over 12/7 base hours)."""
    wml = cal.wml_hour(year)
    hourly = job_hourly_wage(jobs, p, idx, year)
    weekly = jobs["hours"][idx].astype(np.float64)
    zero = jobs["zero_hours"][idx]
    never = ((jobs["soortbaan"][idx] == 2) | (jobs["contract"][idx] == CONTRACT_N)
             | (~zero & (weekly < 11.0)) | (hourly < wml - 0.3))
    always = ~never & ~zero & (weekly >= 16.0) & (hourly > wml + 0.3)
    return np.where(never, 0, np.where(always, 1, 2))


def _last_day_grid(starts: np.ndarray, ms: int, me: int) -> np.ndarray:
    """Per job starting on day ``starts``: the candidate last days of a month from ``ms`` to
    ``me`` (the day before, days 1-27 but not before the start, the month's end)."""
    return np.concatenate([np.full((len(starts), 1), ms - 1),
                           np.maximum(ms + np.arange(1, 28)[None, :] - 1, starts[:, None]),
                           np.full((len(starts), 1), me)], axis=1)


def _partial_probabilities(jobs, p, emp, bucket, jb: np.ndarray, month: int, lo: np.ndarray,
                           his: np.ndarray, rng) -> np.ndarray:
    """P(substantial) of jobs ``jb`` with records from ``lo`` to each column of ``his``."""
    out = np.zeros(his.shape)
    if not len(jb):
        return out
    year = month // 12 + 1970
    cls = _job_class(jobs, p, jb, year)
    has = his >= lo[:, None]
    out[(cls == 1)[:, None] & has] = 1.0
    todo = np.flatnonzero(cls == 2)
    if len(todo):
        r, col = np.nonzero(has[todo])
        rows = todo[r]
        out[rows, col] = p_existing_job_substantial(jobs, p, emp, bucket, jb[rows], month, lo[rows],
                                                    his[rows, col], rng)
    return out


def p_work_next_month(w, work: np.ndarray, columns=None, nj: NewJobs | None = None,
                      rng: np.random.Generator | None = None) -> np.ndarray:
    """(n, T) P(the monitor sees work in month k + 1 | F_k) for the person-months with monitor
    work (``work``, :func:`monitor_work`) in the columns ``k`` (default: the months of the
    reporting years whose next month is simulated); NaN elsewhere. See the module docstring
    for what F_k holds and what is enumerated."""
    from kansenmonitor.synth import countries as C
    from kansenmonitor.synth.labour import (ABSENT, AO, BIJ, CHAIN_POS, CHAIN_STATES, CHILD, CONTRACT_B, EMP, INACT,
                                            OTHB, PENSION, SELF, STUDENT, WW, chain_rates, early_retirement_hazard,
                                            job_end_hazard, pi_from_eta, ww_find_hazard, ww_inflow_rate,
                                            ww_to_bijstand_share)

    c, p, e = w.careers, w.persons, w.education
    lat, jobs, emp = c.latent, c.jobs, w.g.emp
    n, T = c.state.shape
    st_all = c.state
    nj = nj or NewJobs(emp)
    rng = rng or np.random.default_rng([w.cfg.seed, w.bucket, 27])
    if columns is None:
        columns = range(w.month_col(w.first_year, 1), T - 1)
    out = np.full((n, T), np.nan)
    held_side = side_jobs_held(c)
    counts = {y: self_employment_counts(w, y) for y in range(w.sim_first_year, w.last_year + 1)}
    cache = {"birth_m": cal.month_of_day(p.birth).astype(np.int64)}
    aow_all = cal.aow_month(cache["birth_m"])
    nw_all, wst_all = C.IS_NONWESTERN[p.group], C.IS_WESTERN[p.group]
    ever_pension = np.maximum.accumulate(st_all == PENSION, axis=1)
    # the month each state run started (the model's ``since``)
    chg = np.ones(st_all.shape, bool)
    chg[:, 1:] = st_all[:, 1:] != st_all[:, :-1]
    last = np.maximum.accumulate(np.where(chg, np.arange(T)[None, :], 0), axis=1)
    since_all = np.where((last == 0) & (c.start_before[:, None] >= 0), c.start_before[:, None], c.m0 + last)
    x28 = np.arange(1, 29)
    for k in columns:
        k1 = k + 1
        idx = np.flatnonzero(work[:, k])
        m = len(idx)
        if not m:
            continue
        mo = _Month(w, nj, k1, cache)
        ms, me, mon, year = mo.ms, mo.me, mo.mon, mo.year
        same_year = (mon - 1) // 12 == mon // 12
        prev = st_all[idx, k]
        nxt = st_all[idx, k1]
        present = p.resident_at(idx, np.full(m, ms + 14))
        age_m = mo.age_m[idx]
        J = c.main_job[idx, k].astype(np.int64)
        S = held_side[idx, k].astype(np.int64)
        u, nw, wst = lat.u[idx], nw_all[idx], wst_all[idx]
        self_type = lat.self_type[idx]
        # ---------------------------------------------------------- next state distribution
        child1 = present & (age_m < 180)
        student1 = present & ~child1 & (nxt == STUDENT)
        pension1 = present & ~child1 & ~student1 & ((mon >= aow_all[idx]) | ever_pension[idx, k])
        labour1 = present & ~child1 & ~student1 & ~pension1
        dist = np.zeros((m, 11))
        dist[~present, ABSENT] = 1.0
        dist[child1, CHILD] = 1.0
        dist[student1, STUDENT] = 1.0
        dist[pension1, PENSION] = 1.0
        eta = c.eta_years[year]
        in_chain = np.isin(prev, CHAIN_STATES)
        init = np.flatnonzero(labour1 & ~in_chain & (prev != WW))
        if len(init):  # first month in the labour model: the stationary distribution
            dist[init[:, None], CHAIN_STATES[None, :]] = pi_from_eta(eta[idx[init]])
        iw = np.flatnonzero(labour1 & (prev == WW))
        if len(iw):
            hf = ww_find_hazard(u[iw], nw[iw], p.gen[idx[iw]] == 1, age_m[iw], e.level[idx[iw]] == 0, mo.cyc)
            h_emp = np.clip(hf, 0.0, 1.0)
            h_ao = np.clip(hf + P.WW["to_ao"], 0.0, 1.0) - h_emp
            ended = c.ww_entitle[idx[iw], k].astype(np.int64) - (mon - since_all[idx[iw], k]) <= 0
            rest = 1.0 - h_emp - h_ao
            pb = ww_to_bijstand_share(nw[iw], wst[iw])
            dist[iw, EMP] = h_emp
            dist[iw, AO] = h_ao
            dist[iw, WW] = np.where(ended, 0.0, rest)
            dist[iw, BIJ] = np.where(ended, rest * pb, 0.0)
            dist[iw, INACT] = np.where(ended, rest * (1 - pb), 0.0)
        ic = np.flatnonzero(labour1 & in_chain)
        if len(ic):  # the chain, with WW inflow from a job held >= 6 months
            pos = np.zeros(len(ic), np.int64)
            for s_, j_ in CHAIN_POS.items():
                pos[prev[ic] == s_] = j_
            rates, tot, pmove = chain_rates(pos, pi_from_eta(eta[idx[ic]]), nonwestern=nw[ic])
            pm = pmove[:, None] * rates / np.maximum(tot, 1e-12)[:, None]
            pm[np.arange(len(ic)), pos] = 1.0 - pmove
            at_risk = (prev[ic] == EMP) & (mon - since_all[idx[ic], k] >= 6)
            mj = J[ic]
            flex = np.where(mj >= 0, jobs["contract"][np.maximum(mj, 0)] == CONTRACT_B, False)
            lam = np.where(at_risk, np.minimum(ww_inflow_rate(u[ic], nw[ic], flex, mo.cyc), 1.0), 0.0)
            dist[ic[:, None], CHAIN_STATES[None, :]] = pm * (1.0 - lam)[:, None]
            dist[ic, WW] += lam
        # early retirement from age 60 (EMP, SELF, INACT, AO, OTHB); within the year of the
        # month before, the frame has no early retirement: condition on none
        old = np.flatnonzero(labour1 & (age_m >= 720))
        if len(old):
            her = early_retirement_hazard(age_m[old], year)
            retir = np.array([EMP, SELF, INACT, AO, OTHB])
            moved = dist[old][:, retir] * her[:, None]
            dist[old[:, None], retir[None, :]] -= moved
            if same_year:
                dist[old] /= dist[old].sum(axis=1, keepdims=True)
            else:
                dist[old, PENSION] += moved.sum(axis=1)
        # ---------------------------------------------------------- jobs held at the end of k
        hasJ = np.flatnonzero(J >= 0)
        sJ_full = np.zeros(m)
        sJ_end = np.zeros((m, 29))  # [x]: ended by a change on day x (records up to ms + x - 2)
        if len(hasJ):
            jb = J[hasJ]
            stj = jobs["start"][jb].astype(np.int64)
            lo = np.maximum(stj, ms)
            his = np.concatenate([np.maximum(ms + x28[None, :] - 2, stj[:, None]), np.full((len(jb), 1), me)], axis=1)
            pr_ = _partial_probabilities(jobs, p, emp, w.bucket, jb, mon, lo, his, rng)
            sJ_end[hasJ, 1:] = pr_[:, :28]
            sJ_full[hasJ] = pr_[:, 28]
        hasS = np.flatnonzero(S >= 0)
        sS_full = np.zeros(m)
        sS_endbar = np.zeros(m)  # mean over the end day ms - 1 + U, U 0..27
        intern_free = np.zeros(m)
        is_intern = np.zeros(m, bool)
        if len(hasS):
            sb = S[hasS]
            sts = jobs["start"][sb].astype(np.int64)
            lo = np.maximum(sts, ms)
            his = _last_day_grid(sts, ms, me)
            pr_ = _partial_probabilities(jobs, p, emp, w.bucket, sb, mon, lo, his, rng)
            sS_endbar[hasS] = (1 - pr_[:, :28]).mean(axis=1)
            sS_full[hasS] = pr_[:, 28]
            is_intern[hasS] = jobs["soortbaan"][sb] == 2
            intern_free[hasS] = np.clip(ms - sts - 90, 0, 90) / 90.0
        # ---------------------------------------------------------- new jobs
        off30 = np.arange(30)
        nM = np.zeros((m, 30))
        can_emp = np.flatnonzero(dist[:, EMP] > 0)
        nM[can_emp] = mo.new_main(idx[can_emp], off30)
        dga_type = self_type == 12
        can_dga = np.flatnonzero((dist[:, SELF] > 0) & dga_type)
        nD = np.zeros((m, 30))
        nD[can_dga] = mo.new_dga(idx[can_dga], off30)
        nSbar = np.zeros(m)
        side_c = np.flatnonzero(present)
        nSbar[side_c] = mo.new_side(idx[side_c], np.arange(28)).mean(axis=1)
        # ---------------------------------------------------------- day of a change
        entering = (prev == ABSENT) & present
        e2, e1 = p.entry2[idx], p.entry1[idx]
        ent_day = np.where((e2 >= ms) & (e2 <= me), e2, e1)
        d_enter = np.where((ent_day >= ms) & (ent_day <= me), ent_day - ms + 1, 1)
        ex = np.where((p.exit1[idx] >= ms - 31) & (p.exit1[idx] <= me), p.exit1[idx], p.exit2[idx])
        d_leave = np.clip(ex - ms + 1, -30, 31)
        jk = np.where(J >= 0, jobs["kind"][np.maximum(J, 0)], -1)
        res = np.zeros(m)
        for s_new in range(11):
            pr = dist[:, s_new]
            hit = np.flatnonzero(pr > 0)
            if not len(hit):
                continue
            changed = prev[hit] != s_new
            jkh = jk[hit]
            q_main = np.ones(len(hit))
            # no change: the job runs on (with a job-to-job move for employees)
            stay_emp = ~changed & (s_new == EMP) & (jkh == KIND_MAIN)
            if stay_emp.any():
                i = hit[stay_emp]
                hm = np.minimum(job_end_hazard(jobs["contract"][J[i]] == CONTRACT_B, mo.cyc), 1.0)
                new_no = 1.0 - nM[i]  # offsets 0..29; the new job starts on dd - 1 + (0, 1, 2)
                after = (new_no[:, :-2] + new_no[:, 1:-1] + new_no[:, 2:]) / 3.0
                move_no = ((1.0 - sJ_end[i, 1:29]) * after).mean(axis=1)
                q_main[stay_emp] = (1 - hm) * (1 - sJ_full[i]) + hm * move_no
            stay_dga = ~changed & (s_new == SELF) & (jkh == KIND_DGA)
            q_main[stay_dga] = 1 - sJ_full[hit[stay_dga]]
            ch = np.flatnonzero(changed)
            if len(ch):
                i = hit[ch]
                fixed = np.where(s_new == ABSENT, d_leave[i], np.where(entering[i], d_enter[i], 0))
                # a change on day d (1..20): the old job's records up to day d - 1, a new job from day d
                old_no = np.where((J[i] >= 0)[:, None], 1 - sJ_end[i, 1:21], 1.0)
                if s_new == EMP:
                    new_no = 1 - nM[i, :20]
                elif s_new == SELF:
                    new_no = np.where(dga_type[i][:, None], 1 - nD[i, :20], 1.0)
                else:
                    new_no = 1.0
                q = (old_no * new_no).mean(axis=1)
                fx = np.flatnonzero(fixed != 0)
                if len(fx):
                    ii = i[fx]
                    dfx = fixed[fx]
                    oo = np.ones(len(fx))
                    hj = J[ii] >= 0
                    if hj.any():
                        jb = J[ii[hj]]
                        stj = jobs["start"][jb].astype(np.int64)
                        hi = np.maximum(ms + dfx[hj] - 2, stj)
                        oo[hj] = 1 - p_existing_job_substantial(jobs, p, emp, w.bucket, jb, mon,
                                                                 np.maximum(stj, ms), hi, rng)
                    o_new = np.clip(np.maximum(dfx, 1) - 1, 0, 29)
                    nn = np.ones(len(fx))
                    if s_new == EMP:
                        nn = 1 - nM[ii, o_new]
                    elif s_new == SELF:
                        nn = np.where(dga_type[ii], 1 - nD[ii, o_new], 1.0)
                    q[fx] = oo * nn
                q_main[ch] = q
            # side jobs
            if s_new == ABSENT:
                q_side = np.ones(len(hit))
                hs = np.flatnonzero(S[hit] >= 0)
                if len(hs):
                    ii = hit[hs]
                    sb = S[ii]
                    sts = jobs["start"][sb].astype(np.int64)
                    hi = np.maximum(ms + d_leave[ii] - 2, sts)
                    q_side[hs] = 1 - p_existing_job_substantial(jobs, p, emp, w.bucket, sb, mon,
                                                                np.maximum(sts, ms), hi, rng)
            else:
                ps = mo.side_p(s_new, idx[hit])
                q_start = np.where(ps > 0, np.clip(P.SIDE_JOB_END * ps / np.maximum(1 - ps, 1e-6), 0, 1), 0.0)
                no_new = 1 - q_start * nSbar[hit]
                e_end = np.where(ps <= 0, 1.0, P.SIDE_JOB_END)
                q_reg = (1 - e_end) * (1 - sS_full[hit]) + e_end * sS_endbar[hit] * no_new
                free = e_end + (1 - e_end) * intern_free[hit]
                q_int = (1 - free) + free * no_new
                q_side = np.where(S[hit] >= 0, np.where(is_intern[hit], q_int, q_reg), no_new)
            # own business counted as work (the year's income test, given)
            q_self = np.ones(len(hit))
            if s_new == SELF:
                q_self = np.where(np.isin(self_type[hit], (13, 14)) & counts[year][idx[hit]], 0.0, 1.0)
            res[hit] += pr[hit] * q_main * q_side * q_self
        # present nowhere next month (not in the model, no records): no work
        out[idx, k] = 1.0 - res
    return out


# ------------------------------------------------------------------ A29 / A30: temporary -> permanent
def monitor_main_jobs(w, years) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(n, T) the monitor's main job of each person-month (the substantial job with most base
    hours; -1 none), its contract in the SPOLIS records (0 O, 1 B), and whether two substantial
    jobs share the most base hours (the monitor's arg_max then picks either), for ``years``."""
    c = w.careers
    n, T = c.state.shape
    main = np.full((n, T), -1, np.int64)
    con = np.full((n, T), -1, np.int8)
    tie = np.zeros((n, T), bool)
    for year in years:
        s = job_months_substantial(w, year)
        jm = w.polis(year).job_month
        ok = s["substantial"] & (s["t"] >= 0) & (s["t"] < T)
        pr, t, jb, h, cc = s["person"][ok], s["t"][ok], s["job"][ok], jm["hours"][ok], jm["contract"][ok]
        order = np.lexsort((jb, h, t, pr))
        pr, t, jb, h, cc = pr[order], t[order], jb[order], h[order], cc[order]
        last = np.r_[(pr[1:] != pr[:-1]) | (t[1:] != t[:-1]), True]
        main[pr[last], t[last]] = jb[last]
        con[pr[last], t[last]] = cc[last]
        same_cell = np.r_[False, (pr[1:] == pr[:-1]) & (t[1:] == t[:-1]) & (h[1:] == h[:-1])]
        tied = last & same_cell
        tie[pr[tied], t[tied]] = True
    return main, con, tie


def _job_contract_outcomes(w, year: int, jobs_in: np.ndarray) -> dict[str, np.ndarray]:
    """Per job of ``jobs_in``: P(O), P(B) and, for main jobs that can convert, the cumulative
    P(first conversion in a column <= c | B) (zeros otherwise), given every other draw up to
    December of ``year`` (expected.contract_posterior for the main jobs; side jobs their
    planted probability; DGA (not N) and sheltered work permanent)."""
    from kansenmonitor.synth.expected import contract_posterior

    jobs = w.careers.jobs
    T = w.month_col(year, 12) + 1
    k = jobs["kind"][jobs_in]
    sb = jobs["soortbaan"][jobs_in]
    po = np.ones(len(jobs_in))
    cum = np.zeros((len(jobs_in), T))
    conv = (k == KIND_MAIN) & (sb != 3)
    if conv.any():
        cp = contract_posterior(w, year, jobs_in[conv])
        po[conv] = cp["O"]
        cum[conv] = np.cumsum(cp["conv"], axis=1)
    side = k == KIND_SIDE
    po[side] = jobs["p_o"][jobs_in[side]]
    return {"O": po, "B": 1.0 - po, "cum": cum, "converts": conv}


def temp_to_permanent(w, year: int, main: np.ndarray, con: np.ndarray, tie: np.ndarray | None = None
                      ) -> dict[str, np.ndarray]:
    """Indicators 29 and 30 per person for ``year`` (dynamics.person_year_summary_sql): the
    population (a month from November of the year before to December of ``year`` whose main
    substantial job has contract B), realised and
    its probability, and P(a move B -> O in ``year`` with the same / another employer |
    G, in the population), G every draw up to December of ``year`` but the contract types
    of the jobs and the B -> O conversions (as A04). Given G the monitor's main job of every
    month and its employer are fixed; each job's contract is an independent posterior draw
    (O, or B converting in some month), so the probabilities are sums over the combinations
    of the outcomes of the person's main jobs of the 0/1 results of the monitor's rules.

    ``main`` / ``con`` / ``tie``: :func:`monitor_main_jobs` for the years whose SPOLIS is in
    the register (the months before the first reporting year have no job for the monitor;
    its figures of that year are flagged ``left_truncated``).

    A job's outcome is the number of its main months (November of the year before to
    December) with contract B before it turns O: 0 (permanent, or converted before), 1, ...,
    all; a side job is O or B throughout; DGA and sheltered-work jobs are O; a payroll job is
    recorded B from 2017. Where two substantial jobs share the most base hours in a month
    (``tie``; rare: the noise on base hours is continuous, rounded to 0.01) the monitor's
    choice between them is arbitrary; the truth takes the one :func:`monitor_main_jobs`
    takes, and ``tie_months`` counts such months in the window."""
    c = w.careers
    jobs = c.jobs
    n, T = c.state.shape
    c0 = w.month_col(year, 1)
    win = np.arange(c0 - 2, c0 + 12)
    W = len(win)
    in_year = win >= c0
    out = {k: np.full(n, np.nan) for k in ("p_population", "p_same", "p_other")}
    mw_all, cw_all = main[:, win], con[:, win]
    out["population"] = ((mw_all >= 0) & (cw_all == 1)).any(axis=1)  # B in November t-1 .. December t
    out["tie_months"] = tie[:, win].sum(axis=1) if tie is not None else np.zeros(n, np.int64)
    jj = np.maximum(mw_all, 0)
    maybe_b = (mw_all >= 0) & (((jobs["kind"][jj] == KIND_MAIN) & (jobs["soortbaan"][jj] != 3))
                               | (jobs["kind"][jj] == KIND_SIDE) | jobs["payroll"][jj])
    cand = np.flatnonzero(maybe_b.any(axis=1))
    if not len(cand):
        return out
    mw = mw_all[cand]
    npers = len(cand)
    valid = mw >= 0
    # rank of each main month among the same job's main months, and the job's slot in the person
    rank = np.zeros((npers, W), np.int64)
    slot = np.full((npers, W), -1, np.int64)
    nslots = np.zeros(npers, np.int64)
    for q in range(W):
        same_before = np.zeros(npers, np.int64)
        sl = np.full(npers, -1, np.int64)
        for q2 in range(q):
            eq = valid[:, q] & (mw[:, q2] == mw[:, q])
            same_before += eq
            sl = np.where(eq & (sl < 0), slot[:, q2], sl)
        rank[:, q] = same_before
        new_job = valid[:, q] & (same_before == 0)
        sl = np.where(new_job, nslots, sl)
        nslots += new_job
        slot[:, q] = np.where(valid[:, q], sl, -1)
    J = int(nslots.max())
    occ = np.zeros((npers, J), np.int64)  # main months of each slot
    job_of = np.full((npers, J), -1, np.int64)
    cols = np.full((npers, J, W), -1, np.int64)  # absolute column of the r-th main month
    for q in range(W):
        v = valid[:, q]
        r_ = np.flatnonzero(v)
        occ[r_, slot[r_, q]] += 1
        job_of[r_, slot[r_, q]] = mw[r_, q]
        cols[r_, slot[r_, q], rank[r_, q]] = win[q]
    # each slot's outcomes: (probability, B months before turning O); payroll handled apart
    jobs_in = np.unique(job_of[job_of >= 0])
    outc = _job_contract_outcomes(w, year, jobs_in)
    MX = W + 1
    opt_p = np.zeros((npers, J, MX))
    pp, ss = np.nonzero(job_of >= 0)
    row = np.searchsorted(jobs_in, job_of[pp, ss])
    M = occ[pp, ss]
    po, pb = outc["O"][row], outc["B"][row]
    payroll = np.zeros((npers, J), bool)
    pay = jobs["payroll"][job_of[pp, ss]]
    payroll[pp[pay], ss[pay]] = True
    conv = outc["converts"][row] & ~pay
    fixed = ~conv & ~pay
    opt_p[pp[pay], ss[pay], 0] = 1.0
    opt_p[pp[fixed], ss[fixed], 0] = po[fixed]
    opt_p[pp[fixed], ss[fixed], M[fixed]] += pb[fixed]
    if conv.any():
        i = np.flatnonzero(conv)
        cm = outc["cum"][row[i]]  # (pairs, T)
        cl = np.minimum(np.maximum(cols[pp[i], ss[i]], 0), cm.shape[1] - 1)
        upto = np.take_along_axis(cm, cl, axis=1)  # P(converted by the r-th main month | B)
        r_ = np.arange(W)[None, :]
        mi = M[i][:, None]
        upto = np.where(r_ < mi, upto, 1.0)
        probs = np.zeros((len(i), MX))
        probs[:, 0] = po[i] + pb[i] * upto[:, 0]
        probs[:, 1:W] = pb[i][:, None] * np.diff(upto, axis=1)
        probs[np.arange(len(i)), M[i]] += pb[i] * (1.0 - upto[np.arange(len(i)), M[i] - 1]) * (M[i] == W)
        opt_p[pp[i], ss[i]] = probs
    opt_p[:, :, :][nslots[:, None] <= np.arange(J)[None, :], 0] = 1.0  # empty slots: one outcome
    # enumerate the combinations (mixed radix over the outcomes with positive probability)
    nz = opt_p > 0
    nopt = nz.sum(axis=2)
    order_opts = np.argsort(~nz, axis=2, kind="stable")  # positive outcomes first
    ncomb = np.prod(nopt, axis=1)
    person = np.repeat(np.arange(npers), ncomb)
    combo = np.arange(len(person)) - np.repeat(np.cumsum(ncomb) - ncomb, ncomb)
    prob = np.ones(len(person))
    switch = np.zeros((len(person), J), np.int64)
    radix = np.ones(len(person), np.int64)
    for s_ in range(J):
        no = nopt[person, s_]
        digit = (combo // radix) % no
        radix = radix * no
        o = order_opts[person, s_, digit]
        prob *= opt_p[person, s_, o]
        switch[:, s_] = o
    # the monitor's contract per window month: B before the switch, O after (payroll: B from 2017)
    sl = slot[person]
    rk = rank[person]
    has = sl >= 0
    sw = np.take_along_axis(switch, np.maximum(sl, 0), axis=1)
    is_pay = np.take_along_axis(payroll[person], np.maximum(sl, 0), axis=1)
    yr = (c.m0 + win) // 12 + 1970
    contract = np.where(is_pay, (yr >= P.PAYROLL_FROM_YEAR)[None, :].astype(np.int64), (rk < sw).astype(np.int64))
    contract = np.where(has, contract, -1)
    emp_seq = np.where(mw >= 0, jobs["employer"][np.maximum(mw, 0)], -1)[person]
    pop = (contract == 1).any(axis=1)
    same = np.zeros(len(person), bool)
    other = np.zeros(len(person), bool)
    for q in range(W):
        b_here = contract[:, q] == 1
        for gap in (1, 2):
            r = q + gap
            if r >= W or not in_year[r]:
                continue
            ok = b_here & (contract[:, r] == 0)
            if gap == 2:
                ok &= ~has[:, q + 1]
            same |= ok & (emp_seq[:, r] == emp_seq[:, q])
            other |= ok & (emp_seq[:, r] != emp_seq[:, q])
    p_pop = np.bincount(person, weights=prob * pop, minlength=npers)
    p_same = np.bincount(person, weights=prob * (pop & same), minlength=npers)
    p_other = np.bincount(person, weights=prob * (pop & other), minlength=npers)
    ok = p_pop > 0
    out["p_population"][cand[ok]] = p_pop[ok]
    out["p_same"][cand[ok]] = p_same[ok] / p_pop[ok]
    out["p_other"][cand[ok]] = p_other[ok] / p_pop[ok]
    return out


# ------------------------------------------------------------------ A38 ww_1y: work within a year after leaving WW
# Augmented states of the paths without work so far: employee EMP(d, f, jt) with d months in
# work (0..5, 5 = >= 5; WW inflow from d = 5), f a temporary main contract (faster job-to-job
# moves and WW inflow), jt the main job's type for the monitor (never substantial, a 12-hour
# job, a zero-hours job; a job that is always substantial is work); own business SELF (not
# counted as work that year, or a DGA job that is not substantial), BIJ, AO, INACT, OTHB,
# pension PEN, out of the model OUT (emigrated, pupil), WW(R) with R months of entitlement left.
_NJT = 3
_A_SELF, _A_BIJ, _A_AO, _A_INACT, _A_OTHB, _A_PEN, _A_OUT = 36, 37, 38, 39, 40, 41, 42
_A_WW0 = 43
_R_MAX = 12
_NA = _A_WW0 + _R_MAX + 1
#: side job of the path: none, a side job of type never / 12 hours / zero hours, the side job held at the exit
_NS = 5


def _emp(d: int, f: int, jt: int) -> int:
    return (d * 2 + f) * _NJT + jt


def _type_months(ndays: int) -> np.ndarray:
    """(3, 32) P(substantial) of a job of type never / 12 hours / zero hours with records of
    0..31 days in a month (one record)."""
    L = np.arange(32, dtype=np.float64)
    out = np.zeros((3, 32))
    out[1] = p_hours_ok(np.full(32, 12.0), L, np.zeros(32))
    out[2] = _zero_hours_pass(L)
    out[:, ndays + 1:] = 0.0
    return out


def ww_exit_work_within_year(w, year: int, held_side: np.ndarray, nj: NewJobs,
                             rng: np.random.Generator | None = None) -> dict[str, np.ndarray]:
    """Indicator 38 ``ww_1y`` per person: the first WW exit of ``year`` (a month with WW, SECM 21,
    followed by one without; ``exit_col`` the column of the last WW month, -1 none) and
    P(work in one of the 12 months after it | F at the exit month, the next month is not WW,
    no early retirement in the rest of ``year``) (NaN when the 12 months are not all simulated).

    F at the exit month: everything drawn up to its end, in particular the months of WW
    entitlement left and the side job held. Forward over the 12 months on the augmented states
    above, keeping the paths without work: the WW exits (job finding, disability, end of the
    entitlement to bijstand or inactivity), the chain, WW inflow, job-to-job moves, early
    retirement (killed within ``year``: the frame's persons do not retire in it; the paths
    with work are taken to be exposed to it in every month, a second-order approximation), the
    type of every new main, side or DGA job drawn with the planted mixtures (NewJobs), side jobs
    ending and starting, partial records of jobs that end or start in a month, and the
    monitor's self-employment income test of each year (given). Approximations: a new job's
    type is fixed at its start (its wage test is not redone at the turn of the year), and the
    months out of the labour model (emigration, school) are those realised (they are fixed
    beforehand)."""
    from kansenmonitor.synth import countries as C
    from kansenmonitor.synth.expected import _run_start
    from kansenmonitor.synth.labour import (ABSENT, AO, BIJ, CHILD, EMP, INACT, NCH, OTHB, PENSION,
                                            SELF, STUDENT, WW, chain_rates, early_retirement_hazard, job_end_hazard,
                                            pi_from_eta, ww_entitlement_pmf, ww_find_hazard, ww_inflow_rate,
                                            ww_to_bijstand_share)

    c, p, e = w.careers, w.persons, w.education
    lat, jobs, emp = c.latent, c.jobs, w.g.emp
    n, T = c.state.shape
    rng = rng or np.random.default_rng([w.cfg.seed, w.bucket, 38])
    c0 = w.month_col(year, 1)
    st = c.state
    exit_col = np.full(n, -1, np.int64)
    for k in range(c0 + 11, c0 - 1, -1):  # the first exit of the year wins
        if k + 1 > T - 1:
            continue
        ex = (st[:, k] == WW) & (st[:, k + 1] != WW)
        exit_col[ex] = k
    p_out = np.full(n, np.nan)
    counts = {y: self_employment_counts(w, y) if w.sim_first_year <= y <= w.last_year else np.ones(n, bool)
              for y in (year, year + 1, year + 2)}
    birth_m = cal.month_of_day(p.birth).astype(np.int64)
    aow_m = cal.aow_month(birth_m)
    h_sex = {}
    for sx, key in ((0, "men"), (1, "women")):
        h, wt = map(np.asarray, zip(*P.HOURS[key]))
        wt = wt / wt.sum()
        h_sex[sx] = (wt[h > 12].sum(), wt[h == 12].sum())
    hs, ws_ = map(np.asarray, zip(*P.HOURS["side"]))
    ws_ = ws_ / ws_.sum()
    side16, side12 = ws_[hs > 12].sum(), ws_[hs == 12].sum()
    ps_state = np.zeros(11)
    for s_ in ("EMP", "SELF", "BIJ", "WW", "AO", "PENSION", "OTHB"):
        ps_state[P.S[s_]] = P.SIDE_JOB_P[s_]
    from kansenmonitor.synth.population import KIND_CODE
    asylum = (p.motive_kind == KIND_CODE["asylum"]) & (p.arrival >= 0)
    arrival_m = cal.month_of_day(np.maximum(p.arrival, 0))
    # labour-state code of each augmented state (for the side-job probability)
    a_state = np.full(_NA, EMP)
    a_state[[_A_SELF, _A_BIJ, _A_AO, _A_INACT, _A_OTHB, _A_PEN, _A_OUT]] = [SELF, BIJ, AO, INACT, OTHB, PENSION, ABSENT]
    a_state[_A_WW0:] = WW
    chain_aug = {1: _A_SELF, 2: _A_BIJ, 3: _A_AO, 4: _A_INACT, 5: _A_OTHB}
    retirable_aug = [_A_SELF, _A_AO, _A_INACT, _A_OTHB]
    for tau in range(c0, c0 + 12):
        grp = np.flatnonzero((exit_col == tau))
        if not len(grp) or tau + 12 > T - 1:
            continue
        m = len(grp)
        rows = np.arange(m)
        sx = p.sex[grp]
        # ------------------------------------------------------------ the state at the exit month
        since = _run_start(st[grp, :tau + 1], c.start_before[grp], c.m0, tau)
        R0 = c.ww_entitle[grp, tau].astype(np.int64) - (c.m0 + tau + 1 - since)
        v = np.zeros((_NA, _NS, m))
        S0 = held_side[grp, tau]
        s_idx = np.where(S0 >= 0, 4, 0)
        s_intern = (S0 >= 0) & (jobs["soortbaan"][np.maximum(S0, 0)] == 2)
        s_idx[s_intern] = 1
        v[_A_WW0 + np.clip(R0, 0, _R_MAX), s_idx, rows] = 1.0
        worked = np.zeros(m)
        prev_phase = np.full(m, 0)  # 0 labour, 1 out, 2 AOW pension
        for j in range(1, 13):
            k = tau + j
            mon = c.m0 + k
            yk = mon // 12 + 1970
            ms = int(cal.month_start_day(np.array([mon]))[0])
            me = int(cal.month_end_day(np.array([mon]))[0])
            nd = me - ms + 1
            cyc = P.CYCLE.get(yk, 0.0)
            age_m = mon - birth_m[grp]
            in_t = yk == year
            rs = st[grp, k]
            phase = np.where(np.isin(rs, [ABSENT, CHILD, STUDENT]), 1,
                             np.where(mon >= aow_m[grp], 2, 0))
            tm = _type_months(nd)
            kill_old = np.array([(1 - tm[jt, 0:20]).mean() for jt in range(3)])  # change on day 1..20
            kill_new = np.array([(1 - tm[jt, nd - np.arange(20)]).mean() for jt in range(3)])
            off = np.arange(30)
            Lnew = np.clip(nd - off, 0, 31)
            kill_move = np.zeros((3, 3))
            for a_ in range(3):
                old = 1 - tm[a_, np.arange(28)]  # dd - 1 days
                for b_ in range(3):
                    nw_ = 1 - tm[b_, Lnew]
                    after = (nw_[:-2] + nw_[1:-1] + nw_[2:]) / 3.0  # start dd - 1 + (0, 1, 2)
                    kill_move[a_, b_] = (old * after).mean()
            # ---------------------------------------------------------- hazards of the month
            eta = c.eta_years[yk][grp]
            pi = pi_from_eta(eta)
            nwg, wsg = C.IS_NONWESTERN[p.group[grp]], C.IS_WESTERN[p.group[grp]]
            pm = np.zeros((NCH, NCH, m))
            for pos in range(NCH):
                rates, tot, pmove = chain_rates(np.full(m, pos, np.int64), pi, nonwestern=nwg)
                pm[pos] = (pmove[:, None] * rates / np.maximum(tot, 1e-12)[:, None]).T
                pm[pos, pos] = 1.0 - pmove
            lam = [np.minimum(ww_inflow_rate(lat.u[grp], nwg, np.full(m, f, bool), cyc), 1.0) for f in (0, 1)]
            hmove = [min(float(job_end_hazard(bool(f), cyc)), 1.0) for f in (0, 1)]
            hf = ww_find_hazard(lat.u[grp], nwg, p.gen[grp] == 1, age_m, e.level[grp] == 0, cyc)
            h_emp = np.clip(hf, 0.0, 1.0)
            h_ao = np.clip(hf + P.WW["to_ao"], 0.0, 1.0) - h_emp
            pb = ww_to_bijstand_share(nwg, wsg)
            ent = ww_entitlement_pmf(age_m / 12, yk, _R_MAX + 1)
            r_new = np.zeros((_R_MAX + 1, m))
            r_new[:_R_MAX] = ent[:, 1:_R_MAX + 1].T
            r_new[_R_MAX] += ent[:, _R_MAX + 1]
            her = np.where(age_m >= 720, early_retirement_hazard(age_m, yk), 0.0)
            # new main jobs: P(contract f, type) with type 0 never, 1 12 hours, 2 zero hours (3: work)
            a_, z_, a_b, z_b, p_b = nj.main_parts(p, e, lat, grp, np.full(m, ms, np.int64), yk, by_contract=True)
            p16 = np.where(sx == 1, h_sex[1][0], h_sex[0][0])
            p12 = np.where(sx == 1, h_sex[1][1], h_sex[0][1])
            newtype = np.zeros((2, 4, m))
            for f, (aa, zz, pf) in enumerate(((a_ - a_b, z_ - z_b, 1 - p_b), (a_b, z_b, p_b))):
                newtype[f, 3] = aa * p16
                newtype[f, 1] = aa * p12
                newtype[f, 2] = zz
                newtype[f, 0] = np.maximum(pf - aa * (p16 + p12) - zz, 0.0)
            sa, sz = nj.side_parts(p, lat, grp, np.full(m, ms, np.int64), yk)
            side_type = np.stack([np.maximum(1 - sa * (side16 + side12) - sz, 0.0), sa * side12, sz])  # never, 12h, zero
            q_dga = nj.dga(p, lat, grp, np.full(m, ms, np.int64), yk)
            self_counts = np.isin(lat.self_type[grp], (13, 14)) & counts[yk][grp]
            dga_type = lat.self_type[grp] == 12
            # the side job held at the exit: its monthly probabilities
            has4 = np.flatnonzero((S0 >= 0) & ~s_intern)
            p4_full = np.zeros(m)
            p4_end = np.zeros(m)
            if len(has4):
                sb = S0[has4].astype(np.int64)
                st4 = jobs["start"][sb].astype(np.int64)
                lo = np.maximum(st4, ms)
                his = _last_day_grid(st4, ms, me)
                pr4 = _partial_probabilities(jobs, p, emp, w.bucket, sb, mon, lo, his, rng)
                p4_full[has4] = pr4[:, 28]
                p4_end[has4] = pr4[:, :28].mean(axis=1)
            # ---------------------------------------------------------- side-job transitions by destination
            asy = asylum[grp] & (mon - arrival_m[grp] < 36)

            def side_matrix(state_code: int) -> np.ndarray:
                """(NS to, NS from, m): side-job moves into a month in ``state_code``, times
                P(no side work this month)."""
                if state_code in (ABSENT, INACT, CHILD):
                    ps = np.zeros(m)
                else:
                    ps = np.full(m, ps_state[state_code])
                    if state_code == PENSION:
                        ps = np.where(age_m >= 900, 0.0, ps)
                ps = np.where(asy, ps * P.SIDE_JOB_ASYLUM_EARLY, ps)
                q = np.where(ps > 0, np.clip(P.SIDE_JOB_END * ps / np.maximum(1 - ps, 1e-6), 0, 1), 0.0)
                e_ = np.where(ps <= 0, 1.0, P.SIDE_JOB_END)
                start_no = np.array([(1 - tm[t_, nd - np.arange(28)]).mean() for t_ in range(3)])  # by new type
                M = np.zeros((_NS, _NS, m))
                # a new side job (never / 12 h / zero) or none
                def starts(mass_factor):
                    out = np.zeros((_NS, m))
                    out[0] = mass_factor * (1 - q)
                    for t_ in range(3):
                        out[1 + t_] = mass_factor * q * side_type[t_] * start_no[t_]
                    return out
                M[:, 0] = starts(np.ones(m))
                for s_ in (1, 2, 3, 4):
                    if s_ == 4:
                        full_no, end_no = 1 - p4_full, 1 - p4_end
                    else:
                        full_no = np.full(m, 1 - tm[s_ - 1, nd])
                        end_no = np.full(m, (1 - tm[s_ - 1, np.arange(28)]).mean())
                    M[s_, s_] += (1 - e_) * full_no
                    M[:, s_] += starts(e_ * end_no)
                return M

            SM = {code: side_matrix(code) for code in (EMP, SELF, BIJ, WW, AO, INACT, OTHB, PENSION, ABSENT)}
            new = np.zeros_like(v)

            def put(dst: int, src_mass: np.ndarray, weight: np.ndarray):
                """Mass of (NS, m) moved into labour state ``dst`` with probability x P(no main work)."""
                new[dst] += np.einsum("tsm,sm->tm", SM[int(a_state[dst])], src_mass * weight[None, :])

            before = v.sum(axis=(0, 1))
            er_killed = np.zeros(m)
            lab = phase == 0
            to_out = phase == 1
            to_pen = phase == 2
            # --------------------------------------------------------- deterministic phases
            for a in range(_NA):
                mass = v[a]
                if not mass.any():
                    continue
                if a < 36:
                    jt = a % _NJT
                    ko = np.full(m, kill_old[jt])
                else:
                    ko = np.ones(m)
                if a == _A_PEN:  # retired: stays retired (out of the model if absent)
                    put(_A_PEN, mass * ~to_out, np.ones(m))
                    put(_A_OUT, mass * to_out, np.ones(m))
                    continue
                put(_A_OUT, mass * to_out, ko)
                put(_A_PEN, mass * to_pen, ko)
            # --------------------------------------------------------- the labour model
            first_month_labour = lab & (prev_phase != 0)
            lm = lab.astype(float)

            def to_emp_new(src_mass, weight, d_next=0):
                """Entry into work at a change on day 1..20 with a new main job."""
                for f in (0, 1):
                    for jt in range(3):
                        put(_emp(d_next, f, jt), src_mass, weight * newtype[f, jt] * kill_new[jt])

            def to_self(src_mass, weight):
                keep = np.where(self_counts, 0.0, np.where(dga_type, 1 - q_dga, 1.0))
                put(_A_SELF, src_mass, weight * keep)

            for a in range(_NA):
                mass = v[a] * lm[None, :]
                if not mass.any() or a == _A_PEN:
                    continue
                if a == _A_OUT:  # back into the labour model: the stationary distribution
                    w0 = first_month_labour.astype(float)
                    to_emp_new(mass, w0 * pi[:, 0])
                    to_self(mass, w0 * pi[:, 1])
                    for pos, aug in chain_aug.items():
                        if aug != _A_SELF:
                            put(aug, mass, w0 * pi[:, pos])
                    continue
                if a >= _A_WW0:
                    R = a - _A_WW0
                    stay = 1 - h_emp - h_ao
                    if j == 1:
                        stay_w = np.zeros(m)  # conditioned on leaving WW in the first month
                    else:
                        stay_w = stay
                    to_emp_new(mass, h_emp)
                    put(_A_AO, mass, h_ao)
                    if R == 0:
                        put(_A_BIJ, mass, stay * pb)
                        put(_A_INACT, mass, stay * (1 - pb))
                    else:
                        put(_A_WW0 + R - 1, mass, stay_w)
                    continue
                if a < 36:
                    d, f, jt = a // _NJT // 2, (a // _NJT) % 2, a % _NJT
                    la = lam[f] if d >= 5 else np.zeros(m)
                    for R in range(_R_MAX + 1):
                        put(_A_WW0 + R, mass, la * r_new[R] * kill_old[jt])
                    rest = 1 - la
                    for pos, aug in chain_aug.items():
                        if aug == _A_SELF:
                            keep = np.where(self_counts, 0.0, np.where(dga_type, 1 - q_dga, 1.0))
                            put(aug, mass, rest * pm[0, pos] * kill_old[jt] * keep)
                        else:
                            put(aug, mass, rest * pm[0, pos] * kill_old[jt])
                    stay = rest * pm[0, 0]
                    dn = min(d + 1, 5)
                    full_no = 1 - tm[jt, nd]
                    put(_emp(dn, f, jt), mass, stay * (1 - hmove[f]) * full_no)
                    for f2 in (0, 1):
                        for jt2 in range(3):
                            put(_emp(dn, f2, jt2), mass, stay * hmove[f] * newtype[f2, jt2] * kill_move[jt, jt2])
                    continue
                pos = {_A_SELF: 1, _A_BIJ: 2, _A_AO: 3, _A_INACT: 4, _A_OTHB: 5}[a]
                for pos2, aug in chain_aug.items():
                    if pos2 == pos:
                        if aug == _A_SELF:
                            put(aug, mass, pm[pos, pos] * np.where(self_counts, 0.0, 1.0))
                        else:
                            put(aug, mass, pm[pos, pos])
                    elif aug == _A_SELF:
                        to_self(mass, pm[pos, pos2])
                    else:
                        put(aug, mass, pm[pos, pos2])
                to_emp_new(mass, pm[pos, 0])
            # --------------------------------------------------------- early retirement
            old = her > 0
            if old.any():
                ret = [x for x in range(36)] + retirable_aug
                moved = np.zeros((_NS, m))
                for a in ret:
                    mv = new[a] * (her * lab)[None, :]
                    new[a] -= mv
                    moved += mv
                if in_t:
                    er_killed = moved.sum(axis=0)
                else:
                    new[_A_PEN] += moved
            after = new.sum(axis=(0, 1))
            newly = before - er_killed - after
            if j == 1:  # the mass staying in WW was dropped (conditioning on the exit): not work
                stay_mass = np.zeros(m)
                for a in range(_A_WW0, _NA):
                    R = a - _A_WW0
                    if R > 0:
                        stay_mass += v[a].sum(axis=0) * (1 - h_emp - h_ao) * lab
                newly = newly - stay_mass
            # paths with work: exposed to early retirement like the others (within the year: excluded)
            worked = (worked + newly) * (1 - np.where(in_t, her * lab, 0.0))
            v = new
            prev_phase = phase
        nowork = v.sum(axis=(0, 1))
        p_out[grp] = worked / (worked + nowork)
    return {"exit_col": exit_col, "p": p_out}


# ------------------------------------------------------------------ the planted monthly hazards
#: Monthly hazards written to the manifest: name -> (state at the end of the month before,
#: what the probability is of). Each is the mean, over the person-months of a cell (the year
#: of the month, origin group) in that state and in the labour part of the model in the month,
#: of the probability the generator draws the move with given its state at the end of the
#: month before (labour.py: chain_rates, ww_find_hazard, ww_to_bijstand_share,
#: ww_inflow_rate, job_end_hazard, early_retirement_hazard, p_permanent_new).
HAZARDS: dict[str, tuple[str, str]] = {
    "ww_to_job": ("WW", "employee the next month (WW -> job; job finding hazard, >= 1 is certain)"),
    "ww_to_bijstand": ("WW", "bijstand the next month (entitlement ended; share going to bijstand, else inactive)"),
    "ww_to_disability": ("WW", "disability benefit the next month"),
    "ww_to_inactive": ("WW", "inactive the next month (entitlement ended, no bijstand)"),
    "bijstand_to_job": ("BIJ", "employee the next month (reversible chain: c[EMP, BIJ] x pi_EMP)"),
    "employee_retention": ("EMP", "employee the next month (any job; WW inflow, chain moves and early retirement "
                                  "are the exits)"),
    "employee_job_end": ("EMP", "the main job ends the next month (the person leaves employment or moves to "
                                "another job)"),
    "employee_job_to_job": ("EMP", "a job-to-job move the next month (job_end_hazard by contract)"),
    "employee_to_ww": ("EMP", "WW the next month (only after >= 6 months in work)"),
    "employee_to_bijstand": ("EMP", "bijstand the next month"),
    "employee_to_disability": ("EMP", "disability benefit the next month"),
    "employee_to_self_employed": ("EMP", "self-employment the next month"),
    "employee_to_other": ("EMP", "inactive, another benefit or early retirement the next month"),
    "temporary_conversion": ("EMP with a temporary main job (B, not yet converted)",
                             "employed the next month and the job converted to permanent (not agency work)"),
    "temporary_to_permanent": ("EMP with a temporary main job (B, not yet converted)",
                               "employed the next month with a permanent main contract: conversion, or a "
                               "job-to-job move to a new job drawn permanent (p_perm_new)"),
}


def _chain_matrices(pi: np.ndarray, nonwestern: np.ndarray) -> np.ndarray:
    """(n, 6, 6) P(chain state next month | chain state) with stationary distributions ``pi``
    (labour.chain_rates for every position)."""
    from kansenmonitor.synth.labour import NCH, chain_rates

    n = len(pi)
    out = np.zeros((n, NCH, NCH))
    for pos in range(NCH):
        rates, tot, pmove = chain_rates(np.full(n, pos, np.int64), pi, nonwestern=nonwestern)
        out[:, pos] = pmove[:, None] * rates / np.maximum(tot, 1e-12)[:, None]
        out[:, pos, pos] = 1.0 - pmove
    return out


def monthly_hazards(w) -> dict[str, list[float]]:
    """Additive sums (probability sum, person-months) of :data:`HAZARDS` keyed
    ``hazard|<name>|<year>|<origin group or none/western/nonwestern>``: the moves from the
    months of the reporting years into the month after (the year is that of the month
    before, as for indicator 27)."""
    from kansenmonitor.synth import countries as C
    from kansenmonitor.synth.labour import (AO, BIJ, CHAIN_POS, CHAIN_STATES, CONTRACT_B, EMP, INACT, OTHB, PENSION,
                                            SELF, STUDENT, WW, early_retirement_hazard, job_end_hazard,
                                            p_permanent_new, pi_from_eta, ww_find_hazard, ww_inflow_rate,
                                            ww_to_bijstand_share)

    c, p, e = w.careers, w.persons, w.education
    lat, jobs = c.latent, c.jobs
    n, T = c.state.shape
    st = c.state
    birth_m = cal.month_of_day(p.birth).astype(np.int64)
    aow_m = cal.aow_month(birth_m)
    nw, wst = C.IS_NONWESTERN[p.group], C.IS_WESTERN[p.group]
    mig = np.where(nw, 2, np.where(wst, 1, 0))
    agg: dict[str, list[float]] = {}
    pm_year: dict[int, np.ndarray] = {}
    # run starts of every month, once
    chg = np.ones(st.shape, bool)
    chg[:, 1:] = st[:, 1:] != st[:, :-1]
    last = np.maximum.accumulate(np.where(chg, np.arange(T)[None, :], 0), axis=1)
    since_all = np.where((last == 0) & (c.start_before[:, None] >= 0), c.start_before[:, None], c.m0 + last)

    def add(name, year, who, prob):
        for kind, codes, labels in (("group", p.group[who], C.GROUPS), ("mig", mig[who], ("none", "western", "nonwestern"))):
            s = np.bincount(codes, weights=prob, minlength=len(labels))
            cnt = np.bincount(codes, minlength=len(labels))
            for g, lab in enumerate(labels):
                if cnt[g]:
                    a = agg.setdefault(f"hazard|{name}|{year}|{lab}", [0.0, 0.0])
                    a[0] += float(s[g])
                    a[1] += float(cnt[g])

    for k in range(w.month_col(w.first_year, 1), T - 1):
        k1 = k + 1
        mon = c.m0 + k1
        year = mon // 12 + 1970  # the move's parameters are those of its month
        cell = (mon - 1) // 12 + 1970  # the cell: the year of the month before (as indicator 27)
        ms = int(cal.month_start_day(np.array([mon]))[0])
        cyc = P.CYCLE.get(year, 0.0)
        age_m = mon - birth_m
        present = p.resident_on(ms + 14)
        labour = present & (age_m >= 180) & (st[:, k1] != STUDENT) & (mon < aow_m) & (st[:, k] != PENSION)
        her = np.where(age_m >= 720, early_retirement_hazard(age_m, year), 0.0)
        eta = c.eta_years[year]
        # WW
        iw = np.flatnonzero(labour & (st[:, k] == WW))
        if len(iw):
            hf = ww_find_hazard(lat.u[iw], nw[iw], p.gen[iw] == 1, age_m[iw], e.level[iw] == 0, cyc)
            h_emp = np.clip(hf, 0.0, 1.0)
            h_ao = np.clip(hf + P.WW["to_ao"], 0.0, 1.0) - h_emp
            ended = c.ww_entitle[iw, k].astype(np.int64) - (mon - since_all[iw, k]) <= 0
            rest = (1.0 - h_emp - h_ao) * ended
            pb = ww_to_bijstand_share(nw[iw], wst[iw])
            add("ww_to_job", cell, iw, h_emp * (1 - her[iw]))
            add("ww_to_disability", cell, iw, h_ao * (1 - her[iw]))
            add("ww_to_bijstand", cell, iw, rest * pb)
            add("ww_to_inactive", cell, iw, rest * (1 - pb) * (1 - her[iw]))
        # chain states (the chain's move probabilities change once a year, with pi)
        ic = np.flatnonzero(labour & np.isin(st[:, k], CHAIN_STATES))
        if not len(ic):
            continue
        if year not in pm_year:
            pm_year.clear()
            pm_year[year] = _chain_matrices(pi_from_eta(eta), nw)
        pos = np.zeros(len(ic), np.int64)
        for s_, j_ in CHAIN_POS.items():
            pos[st[ic, k] == s_] = j_
        pm = pm_year[year][ic, pos]
        bij = st[ic, k] == BIJ
        add("bijstand_to_job", cell, ic[bij], pm[bij, 0] * (1 - her[ic[bij]]))
        em = st[ic, k] == EMP
        ie = ic[em]
        pe = pm[em]
        J = c.main_job[ie, k]
        flex = np.where(J >= 0, jobs["contract"][np.maximum(J, 0)] == CONTRACT_B, False)
        lam = np.where(mon - since_all[ie, k] >= 6, np.minimum(ww_inflow_rate(lat.u[ie], nw[ie], flex, cyc), 1.0), 0.0)
        h_er = her[ie]
        stay = (1 - lam) * pe[:, 0] * (1 - h_er)
        hm = np.minimum(job_end_hazard(flex, cyc), 1.0)
        add("employee_retention", cell, ie, stay)
        add("employee_job_end", cell, ie, 1 - stay * (1 - hm))
        add("employee_job_to_job", cell, ie, stay * hm)
        add("employee_to_ww", cell, ie, lam)
        add("employee_to_bijstand", cell, ie, (1 - lam) * pe[:, CHAIN_POS[BIJ]])
        add("employee_to_disability", cell, ie, (1 - lam) * pe[:, CHAIN_POS[AO]] * (1 - h_er))
        add("employee_to_self_employed", cell, ie, (1 - lam) * pe[:, CHAIN_POS[SELF]] * (1 - h_er))
        add("employee_to_other", cell, ie, (1 - lam) * ((pe[:, CHAIN_POS[INACT]] + pe[:, CHAIN_POS[OTHB]]) * (1 - h_er)
                                                          + (pe[:, 0] + pe[:, CHAIN_POS[AO]] + pe[:, CHAIN_POS[SELF]]
                                                             + pe[:, CHAIN_POS[INACT]] + pe[:, CHAIN_POS[OTHB]]) * h_er))
        tb = flex & (J >= 0)
        Jt = np.maximum(J, 0)
        tb &= (jobs["conv_month"][Jt] < 0) | (jobs["conv_month"][Jt] >= mon)  # not converted before this month
        if tb.any():
            i = ie[tb]
            agency = jobs["soortbaan"][Jt[tb]] == 4
            conv = np.where(agency, 0.0, np.minimum(hm[tb] + P.CONVERSION_B_TO_O, 1.0) - hm[tb])
            po = p_permanent_new(lat.perm_logit_base[i], p.birth[i], np.full(len(i), ms + 14, np.int64))
            keep = stay[tb]
            add("temporary_conversion", cell, i, keep * conv)
            add("temporary_to_permanent", cell, i, keep * (conv + hm[tb] * po))
    return agg
