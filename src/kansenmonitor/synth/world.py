"""One person bucket's simulated world, shared by all file builders of that bucket.

Everything random is drawn from ``numpy.random.Generator`` streams seeded with
(seed, bucket, stream name), so a bucket's content does not depend on which other files
are generated, on the number of worker processes, or on the order of the file builders.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import countries as C
from kansenmonitor.synth import params as P
from kansenmonitor.synth.config import SynthConfig
from kansenmonitor.synth.education import Education, SchoolRoute, draw_education, draw_route
from kansenmonitor.synth.employers import Employers
from kansenmonitor.synth.geography import Geography
from kansenmonitor.synth.households import Couples, draw_couples
from kansenmonitor.synth.labour import Careers, draw_latent, simulate
from kansenmonitor.synth.population import Persons, build_persons
from kansenmonitor.synth.spells import BenefitSpells, Secm, benefit_spells, secm_months
from kansenmonitor.synth.spolis import PolisYear, build_year

#: Persons per generation bucket (keeps memory bounded: ~150k persons x months).
PERSONS_PER_BUCKET = 150_000
#: Maximum persons drawn per bucket (ids are bucket << 22 | local index).
BUCKET_ID_SPACE = 1 << 21


def n_generation_buckets(scale: float, bucket_persons: int = PERSONS_PER_BUCKET) -> int:
    ever = 25_500_000 * scale  # persons ever registered since 1995 (GBAPERSOONTAB rows)
    return max(1, int(np.ceil(ever / bucket_persons)))


def _take(obj, idx):
    """A copy of a dataclass of per-person arrays restricted to rows ``idx``."""
    import dataclasses

    vals = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    n = len(next(v for v in vals.values() if isinstance(v, np.ndarray)))
    return type(obj)(**{k: (v[idx] if isinstance(v, np.ndarray) and len(v) == n else v) for k, v in vals.items()})


def _expand(sub: Careers, act: np.ndarray, n: int, lat) -> Careers:
    """Careers of the active subset -> careers of all persons of the bucket (others ABSENT)."""
    def full(a, fill=0):
        out = np.full((n,) + a.shape[1:], fill, dtype=a.dtype)
        out[act] = a
        return out

    jobs = sub.jobs
    jobs.cols["person"][: jobs.n] = act[jobs.cols["person"][: jobs.n]]
    return Careers(m0=sub.m0, T=sub.T, state=full(sub.state), tday=full(sub.tday), ww_ext=full(sub.ww_ext),
                   bij_ext=full(sub.bij_ext), start_before=full(sub.start_before, -1),
                   ww_entitle=full(sub.ww_entitle), jobs=jobs, latent=lat,
                   eta_years={y: full(e) for y, e in sub.eta_years.items()},
                   main_job=None if sub.main_job is None else full(sub.main_job, -1))


def rin_strings(pid: np.ndarray) -> pa.Array:
    """RINPERSOON: 9-digit zero-padded strings, a bijective scramble of the global person index."""
    x = (pid.astype(np.int64) * 387_420_489 + 402_653_189) % 1_000_000_000
    return pc.utf8_lpad(pc.cast(pa.array(x), pa.string()), 9, "0")


@dataclass
class Globals:
    cfg: SynthConfig
    geo: Geography
    emp: Employers
    n_buckets: int


@dataclass
class World:
    g: Globals
    bucket: int
    _polis: dict = field(default_factory=dict)
    #: What the education files wrote, for the graduates truth (expected_graduates.record).
    education_written: dict = field(default_factory=dict)

    @property
    def cfg(self) -> SynthConfig:
        return self.g.cfg

    def rng(self, stream: str) -> np.random.Generator:
        return np.random.default_rng(np.random.SeedSequence([self.cfg.seed, self.bucket,
                                                             zlib.crc32(stream.encode())]))

    @property
    def first_year(self) -> int:
        return self.cfg.years[0]

    @property
    def last_year(self) -> int:
        return self.cfg.years[1]

    @property
    def sim_first_year(self) -> int:
        """The model starts a year early, so months 11-12 of t-1 exist for the first year."""
        return self.cfg.years[0] - 1

    @cached_property
    def persons(self) -> Persons:
        if self.g.n_buckets * BUCKET_ID_SPACE > 1_000_000_000:
            raise ValueError("too many buckets for unique 9-digit RINPERSOON numbers; raise bucket_persons")
        p = build_persons(self.rng("persons"), self.bucket, self.g.n_buckets, self.cfg.scale, self.last_year,
                          pid_offset=self.bucket * BUCKET_ID_SPACE)
        if p.n >= BUCKET_ID_SPACE:
            raise ValueError(f"bucket {self.bucket} has {p.n} persons, more than the id space; lower bucket_persons")
        return p

    @cached_property
    def rin(self) -> pa.Array:
        return rin_strings(self.persons.pid)

    @cached_property
    def education(self) -> Education:
        return draw_education(self.rng("education"), self.persons)

    @cached_property
    def route(self) -> SchoolRoute:
        """Routes through secondary school (own random stream: no other file changes)."""
        from kansenmonitor.synth.truth import MIGRATION

        return draw_route(self.rng("school_route"), self.education, MIGRATION[self.persons.group])

    @cached_property
    def careers(self) -> Careers:
        """The monthly model, run only for persons resident at some time in the window."""
        p = self.persons
        lat = draw_latent(self.rng("latent"), p, self.education)
        lo, hi = cal.day(self.sim_first_year), cal.day(self.last_year + 1)
        act = np.flatnonzero(((p.entry1 < hi) & (p.exit1 > lo)) | ((p.entry2 >= 0) & (p.entry2 < hi) & (p.exit2 > lo)))
        sub = simulate(self.rng("careers"), _take(p, act), _take(self.education, act), _take(lat, act), self.g.emp,
                       self.sim_first_year, self.last_year)
        return _expand(sub, act, p.n, lat)

    @cached_property
    def secm(self) -> Secm:
        return secm_months(self.careers, self.persons)

    @cached_property
    def benefits(self) -> dict[str, BenefitSpells]:
        rng = self.rng("benefits")
        return {k: benefit_spells(self.careers, self.persons, rng, k) for k in ("WW", "BIJ", "AO")}

    @cached_property
    def couples(self) -> Couples:
        """Partners over the window (INPATAB household positions, params.COUPLES)."""
        return draw_couples(self.rng("couples"), self.persons, self.first_year, self.last_year)

    @cached_property
    def monthly_amounts(self) -> dict[str, np.ndarray]:
        """Monthly benefit amounts (2013 euros) per person: WW, AO/Wajong, self-employed profit, pension."""
        p, lat = self.persons, self.careers.latent
        rng = self.rng("amounts")
        b = P.BENEFITS
        month_wage = np.exp(lat.wage_base_log) * 160.0 * np.where(p.sex == 1, 0.75, 0.95)
        ww = np.minimum(b["ww_replacement"] * month_wage, b["ww_cap"])
        young = (cal.day(2018) - p.birth) / 365.25 < 45
        ao = np.where(young & (lat.u < -0.5), b["wajong_wml_share"] * cal.wml_month(2013),
                      b["ao_replacement"] * month_wage * 0.8)
        si = P.SELF_INCOME
        profit = si["median"] * np.exp(si["sd"] * (0.5 * lat.zw + 0.87 * rng.standard_normal(p.n)))
        loss = rng.random(p.n) < si["loss_share"]
        profit[loss] = -rng.exponential(1500.0, int(loss.sum()))
        top = rng.random(p.n) < si["top_share"]
        profit[top] = si["top_scale"] * (rng.pareto(si["top_alpha"], int(top.sum())) + 1)
        pension = b["aow"] + b["pension_median"] * np.exp(b["pension_sd"] * rng.standard_normal(p.n))
        return {"WW": ww, "AO": ao, "PROFIT": profit, "PENSION": pension}

    def polis(self, year: int) -> PolisYear:
        if year not in self._polis:
            self._polis[year] = build_year(self.rng(f"spolis{year}"), year, self.persons, self.careers, self.g.emp,
                                           self.benefits["WW"], self.benefits["AO"], self.bucket, self.rin,
                                           self.cfg.scale / self.g.n_buckets, self.monthly_amounts["WW"],
                                           self.monthly_amounts["AO"])
        return self._polis[year]

    def drop_polis_table(self, year: int) -> None:
        if year in self._polis:
            self._polis[year].table = None

    def month_col(self, year: int, month: int) -> int:
        """Column of (year, month 1-12) in the careers matrices."""
        return (year - self.sim_first_year) * 12 + month - 1

    def origin_codes(self) -> np.ndarray:
        return np.array(C.GROUPS, dtype=object)[self.persons.group]
