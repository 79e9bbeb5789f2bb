"""Persons of one bucket: origin, generation, parents' countries, birth, residence periods.

Demography is anchored on the population of 1 January 2018 (params.STOCK_2018) and
extended both ways:

* the **stock** on the anchor date, with ages from group templates and, for the first
  generation, arrival dates drawn from group-specific arrival-year densities (persons who
  arrived before 1 October 1994 have no GBAMIGRATIEBUS record);
* **pre-anchor leavers**: persons registered at some time since 1995 who died or emigrated
  before 2018 (GBAPERSOONTAB holds everyone ever registered since 1995);
* **births and immigrants** after the anchor, by year and group (refugee arrivals by
  permit year), and deaths, emigration and re-migration after the anchor from hazards.

Each person has at most two residence periods (a share leaves and comes back), so
residence durations must be summed over periods, as the monitor does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import countries as C
from kansenmonitor.synth import params as P

A_DAY = cal.day(P.ANCHOR_YEAR)
DAY_1995 = cal.day(1995)
DAY_OCT1994 = cal.day(1994, 10, 1)
YEAR_DAYS = 365.25

#: Kinds of migration motive (truth), derived from the motive code.
MOTIVE_KIND = {"03": "asylum", "04": "asylum", "01": "labour", "02": "labour", "11": "labour",
               "05": "family", "06": "family", "10": "family", "07": "study", "12": "study"}
KIND_CODE = {"none": 0, "asylum": 1, "family": 2, "labour": 3, "study": 4, "other": 5}
MOTIVE_CODES = tuple(sorted({m for d in P.MOTIVES.values() for m in d}))
#: Share of first-generation immigrants with both parents born abroad (rest: one NL-born parent).
BOTH_PARENTS_ABROAD_FIRST = {"TR": 0.97, "MA": 0.97, "SR": 0.85, "AN": 0.8, "DE": 0.6, "ID": 0.45, "PL": 0.92,
                             "WO": 0.8, "AFO": 0.9, "NWO": 0.85}
#: Second generation: share with both parents born abroad (CBS 2022: 910k of 2.03M NL-born with
#: a foreign-born parent have two; large non-western groups mostly two).
BOTH_PARENTS_ABROAD_SECOND = {"TR": 0.82, "MA": 0.86, "SR": 0.5, "AN": 0.35, "DE": 0.08, "PL": 0.3, "ID": 0.12,
                              "WO": 0.18, "AFO": 0.55, "NWO": 0.5}
DEFAULT_BOTH_FIRST, DEFAULT_BOTH_SECOND = 0.95, 0.85


@dataclass
class Persons:
    """Person attributes of one bucket (all arrays of equal length n)."""

    pid: np.ndarray  # int64 global person index (RINPERSOON is derived from it)
    sex: np.ndarray  # int8: 0 man, 1 woman
    birth: np.ndarray  # int32 day number
    group: np.ndarray  # int8 index into countries.GROUPS
    gen: np.ndarray  # int8 0/1/2
    born_nl: np.ndarray  # bool
    birth_country: np.ndarray  # int16 index into countries.CODES
    mother_country: np.ndarray
    father_country: np.ndarray
    origin_country: np.ndarray
    entry1: np.ndarray  # int32 day: start of first residence period (since birth or arrival)
    exit1: np.ndarray  # int32 day: end (exclusive) of the first period, OPEN_END_DAY if still there
    exit1_reason: np.ndarray  # int8: 0 open, 1 emigrated, 2 died
    entry2: np.ndarray  # int32: start of second period (-1 none)
    exit2: np.ndarray
    exit2_reason: np.ndarray
    arrival: np.ndarray  # int32 first immigration day (-1 born in NL and never immigrated)
    motive: np.ndarray  # int8 index into MOTIVE_CODES (-1 none)
    motive_kind: np.ndarray  # int8 KIND_CODE
    admin_removal: np.ndarray  # bool: emigration registered as administrative removal ("V")
    study_until: np.ndarray  # int32 month number of the first month after a study migrant's studies (-1 none)

    @property
    def n(self) -> int:
        return len(self.pid)

    def resident_on(self, d: int) -> np.ndarray:
        return ((self.entry1 <= d) & (d < self.exit1)) | ((self.entry2 >= 0) & (self.entry2 <= d) & (d < self.exit2))

    def resident_at(self, idx: np.ndarray, days: np.ndarray) -> np.ndarray:
        """Whether persons ``idx`` are resident on their own ``days``."""
        e1, x1, e2, x2 = self.entry1[idx], self.exit1[idx], self.entry2[idx], self.exit2[idx]
        return ((e1 <= days) & (days < x1)) | ((e2 >= 0) & (e2 <= days) & (days < x2))

    def resident_days(self, lo: int, hi: int) -> np.ndarray:
        """Days resident in [lo, hi)."""
        a = np.clip(np.minimum(self.exit1, hi) - np.maximum(self.entry1, lo), 0, None)
        b = np.where(self.entry2 >= 0, np.clip(np.minimum(self.exit2, hi) - np.maximum(self.entry2, lo), 0, None), 0)
        return a + b


def _round_random(rng: np.random.Generator, x: float) -> int:
    f = int(np.floor(x))
    return f + int(rng.random() < x - f)


def _ages_from_template(rng: np.random.Generator, template: np.ndarray, n: int) -> np.ndarray:
    """Ages in days drawn from a 5-year-bin template (95+ spread over 95-104)."""
    b = rng.choice(len(template), size=n, p=template)
    width = np.where(b == len(template) - 1, 10.0, 5.0)
    return ((b * 5 + rng.random(n) * width) * YEAR_DAYS).astype(np.int32)


def _arrival_cdf(group: str) -> tuple[np.ndarray, np.ndarray]:
    knots = P.ARRIVAL_KNOTS[group]
    years = np.arange(1900, 2031)
    ky, kw = zip(*knots)
    w = np.interp(years, ky, kw, left=0.0, right=kw[-1])
    w[years < ky[0]] = 0.0
    return years, np.concatenate([[0.0], np.cumsum(w)])


def _sample_truncated_years(rng, group: str, lo_day: np.ndarray, hi_day: np.ndarray) -> np.ndarray:
    """Arrival days from the group's arrival-year density, truncated to [lo, hi)."""
    years, cum = _arrival_cdf(group)
    y0 = years[0]

    def F(d):
        t = np.clip(1970.0 + d / YEAR_DAYS - y0, 0, len(years) - 1e-9)
        i = t.astype(np.int64)
        return cum[i] + (cum[i + 1] - cum[i]) * (t - i)

    lo_f, hi_f = F(lo_day.astype(float)), F(hi_day.astype(float))
    u = lo_f + rng.random(len(lo_day)) * (hi_f - lo_f)
    i = np.clip(np.searchsorted(cum, u, side="right") - 1, 0, len(years) - 1)
    span = np.maximum(cum[i + 1] - cum[i], 1e-12)
    t = i + (u - cum[i]) / span
    d = ((t + y0 - 1970.0) * YEAR_DAYS).astype(np.int64)
    empty = (hi_f - lo_f) <= 1e-9
    d = np.where(empty, lo_day + (rng.random(len(lo_day)) * np.maximum(hi_day - lo_day, 1)).astype(np.int64), d)
    return np.clip(d, lo_day, np.maximum(hi_day - 1, lo_day)).astype(np.int32)


def _death_age_pmf() -> np.ndarray:
    a = np.arange(0, 106)
    h = np.minimum(np.exp(P.GOMPERTZ_A + P.GOMPERTZ_B * a), 0.6)
    s = np.exp(-np.concatenate([[0.0], np.cumsum(h)[:-1]]))
    f = h * s
    return f / f.sum()


_IMMIGRANT_AGE = np.array([0.05, 0.04, 0.03, 0.04, 0.17, 0.26, 0.16, 0.09, 0.06, 0.04, 0.025, 0.015, 0.01,
                           0.008, 0.006, 0.004, 0.002, 0.0, 0.0, 0.0])
_IMMIGRANT_AGE = _IMMIGRANT_AGE / _IMMIGRANT_AGE.sum()
_EMIGRANT_AGE = np.array([0.04, 0.03, 0.02, 0.03, 0.14, 0.24, 0.18, 0.11, 0.07, 0.05, 0.03, 0.02, 0.015,
                          0.012, 0.01, 0.005, 0.003, 0.0, 0.0, 0.0])
_EMIGRANT_AGE = _EMIGRANT_AGE / _EMIGRANT_AGE.sum()


class _Builder:
    """Accumulates blocks of persons before they are concatenated into :class:`Persons`."""

    def __init__(self):
        self.blocks: list[dict[str, np.ndarray]] = []

    def add(self, **cols):
        n = len(cols["group"])
        if n:
            self.blocks.append({k: np.broadcast_to(v, (n,)).copy() if np.ndim(v) == 0 else v for k, v in cols.items()})

    def concat(self) -> dict[str, np.ndarray]:
        keys = self.blocks[0].keys()
        return {k: np.concatenate([b[k] for b in self.blocks]) for k in keys}


def build_persons(rng: np.random.Generator, bucket: int, n_buckets: int, scale: float, end_year: int,
                  pid_offset: int) -> Persons:
    """Draw all persons of one bucket (ever resident from 1995 through ``end_year``)."""
    f = scale / n_buckets
    b = _Builder()
    end_day = cal.day(end_year + 1)
    # ------------------------------------------------------------ stock on the anchor date
    for (g, gen), count in P.STOCK_2018.items():
        n = _round_random(rng, count * f)
        if not n:
            continue
        gi = C.G[g]
        age = _ages_from_template(rng, P.AGE_TEMPLATES[P.AGE_TEMPLATE_OF[(g, gen)]], n)
        birth = (A_DAY - 1 - age).astype(np.int32)
        male = P.MALE_SHARE.get(g, P.MALE_SHARE_DEFAULT)
        born_abroad = np.full(n, gen == 1)
        if g == "NL":
            born_abroad = rng.random(n) < P.NL_BORN_ABROAD_SHARE
        arrival = np.full(n, -1, dtype=np.int32)
        if born_abroad.any():
            sel = np.flatnonzero(born_abroad)
            arrival[sel] = _sample_truncated_years(rng, g, birth[sel].astype(np.int64) + 1,
                                                   np.full(len(sel), A_DAY, dtype=np.int64))
        b.add(group=np.full(n, gi, np.int8), gen=np.full(n, gen, np.int8),
              sex=(rng.random(n) >= male).astype(np.int8), birth=birth, born_abroad=born_abroad,
              arrival=arrival, entry=np.where(born_abroad, arrival, birth).astype(np.int32),
              exit=np.full(n, cal.OPEN_END_DAY, np.int32), exit_reason=np.zeros(n, np.int8), origin_block=0)
    # ------------------------------------------------------------ pre-anchor deaths and emigrations
    pmf = _death_age_pmf()
    dg, dw = zip(*P.DEATH_GROUPS.items())
    dw = np.asarray(dw) / np.sum(dw)
    eg, ew = zip(*P.EMIGRANT_GROUPS.items())
    ew = np.asarray(ew) / np.sum(ew)
    for y in range(1995, P.ANCHOR_YEAR):
        y0, y1 = cal.day(y), cal.day(y + 1)
        for kind in ("death", "emigration"):
            total = P.PRE_DEATHS_PER_YEAR if kind == "death" else P.PRE_EMIGRATION[y]
            n = _round_random(rng, total * f)
            if not n:
                continue
            names, w = (dg, dw) if kind == "death" else (eg, ew)
            grp = rng.choice(len(names), size=n, p=w)
            gi = np.array([C.G[names[k]] for k in grp], dtype=np.int8)
            is_nl = gi == C.G["NL"]
            gen = np.where(is_nl, 0, np.where(rng.random(n) < (0.85 if kind == "emigration" else 0.8), 1, 2))
            exit_day = (y0 + rng.random(n) * (y1 - y0)).astype(np.int32)
            if kind == "death":
                age = ((rng.choice(len(pmf), size=n, p=pmf) + rng.random(n)) * YEAR_DAYS).astype(np.int32)
            else:
                age = _ages_from_template(rng, _EMIGRANT_AGE, n)
            birth = (exit_day - 1 - age).astype(np.int32)
            born_abroad = gen == 1
            arrival = np.full(n, -1, dtype=np.int32)
            sel = np.flatnonzero(born_abroad)
            if len(sel):
                recent = rng.random(len(sel)) < (0.7 if kind == "emigration" else 0.1)
                stay = (rng.uniform(0.3, 6.0, len(sel)) * YEAR_DAYS).astype(np.int32)
                arr_recent = np.maximum(exit_day[sel] - stay, birth[sel] + 1)
                arr_long = np.zeros(len(sel), dtype=np.int32)
                for gg in np.unique(gi[sel]):
                    m = gi[sel] == gg
                    arr_long[m] = _sample_truncated_years(rng, C.GROUPS[gg], birth[sel][m].astype(np.int64) + 1,
                                                          exit_day[sel][m].astype(np.int64))
                arrival[sel] = np.where(recent, arr_recent, arr_long)
            entry = np.where(born_abroad, arrival, birth).astype(np.int32)
            # a stay lasts at least one day (a newborn immigrant leaving on the arrival day would
            # give a migration spell that ends before it starts)
            exit_day = np.maximum(exit_day, entry + 1).astype(np.int32)
            b.add(group=gi, gen=gen.astype(np.int8), sex=(rng.random(n) >= 0.5).astype(np.int8), birth=birth,
                  born_abroad=born_abroad, arrival=arrival, entry=entry,
                  exit=exit_day, exit_reason=np.full(n, 2 if kind == "death" else 1, np.int8), origin_block=1)
    # ------------------------------------------------------------ births and immigrants after the anchor
    bg, bw = zip(*P.BIRTH_GROUP_SHARES.items())
    bw = np.asarray(bw) / np.sum(bw)
    for y in range(P.ANCHOR_YEAR, end_year + 1):
        y0, y1 = cal.day(y), cal.day(y + 1)
        n = _round_random(rng, P.BIRTHS.get(y, 163_000) * f)
        if n:
            grp = rng.choice(len(bg), size=n, p=bw)
            gi = np.array([C.G[bg[k]] for k in grp], dtype=np.int8)
            birth = (y0 + rng.random(n) * (y1 - y0)).astype(np.int32)
            b.add(group=gi, gen=np.where(gi == C.G["NL"], 0, 2).astype(np.int8),
                  sex=(rng.random(n) >= 0.512).astype(np.int8), birth=birth, born_abroad=np.zeros(n, bool),
                  arrival=np.full(n, -1, np.int32), entry=birth, exit=np.full(n, cal.OPEN_END_DAY, np.int32),
                  exit_reason=np.zeros(n, np.int8), origin_block=2)
        total = P.IMMIGRATION_TOTAL.get(y, 300_000)
        absolute = {g: v.get(y, v[max(v)]) for g, v in P.IMMIGRATION_ABS.items()}
        rest = total - sum(absolute.values())
        counts = {g: rest * s for g, s in P.IMMIGRATION_SHARES.items()}
        counts["WO"] += P.IMMIGRATION_EXTRA_WO.get(y, 0)
        counts.update(absolute)
        for g, cnt in counts.items():
            n = _round_random(rng, cnt * f)
            if not n:
                continue
            gi = C.G[g]
            arrival = (y0 + rng.random(n) * (y1 - y0)).astype(np.int32)
            tmpl = P.AGE_TEMPLATES["refugee_recent"] if g in C.REFUGEE_GROUPS else _IMMIGRANT_AGE
            age = _ages_from_template(rng, tmpl, n)
            birth = (arrival - 1 - age).astype(np.int32)
            if g == "NL":  # Dutch background: returning NL-born emigrants (60 %) and born abroad
                born_abroad = rng.random(n) >= 0.6
                gen = np.zeros(n, np.int8)
            else:
                born_abroad = np.ones(n, bool)
                gen = np.ones(n, np.int8)
            male = P.MALE_SHARE.get(g, 0.5)
            b.add(group=np.full(n, gi, np.int8), gen=gen, sex=(rng.random(n) >= male).astype(np.int8),
                  birth=birth, born_abroad=born_abroad, arrival=arrival, entry=arrival,
                  exit=np.full(n, cal.OPEN_END_DAY, np.int32), exit_reason=np.zeros(n, np.int8), origin_block=3)
    d = b.concat()
    n = len(d["group"])
    # ------------------------------------------------------------ exits after the anchor (hazards, yearly)
    entry1, exit1, reason1 = d["entry"].astype(np.int32), d["exit"].astype(np.int32), d["exit_reason"].astype(np.int8)
    entry2 = np.full(n, -1, np.int32)
    exit2 = np.full(n, cal.OPEN_END_DAY, np.int32)
    reason2 = np.zeros(n, np.int8)
    group, gen, birth, arrival = d["group"], d["gen"], d["birth"], d["arrival"]
    motive, motive_kind = _draw_motives(rng, group, gen, arrival, d["born_abroad"])
    is_nl = group == C.G["NL"]
    for y in range(P.ANCHOR_YEAR, end_year + 1):
        y0, y1 = cal.day(y), cal.day(y + 1)
        at = np.maximum(entry1, y0)
        alive = (exit1 == cal.OPEN_END_DAY) & (entry1 < y1)
        idx = np.flatnonzero(alive)
        if not len(idx):
            continue
        frac = (y1 - at[idx]) / (y1 - y0)
        age = (y0 - birth[idx]) / YEAR_DAYS
        q_death = np.minimum(np.exp(P.GOMPERTZ_A + P.GOMPERTZ_B * np.maximum(age, 0)), 0.6) * frac
        ysa = np.where(arrival[idx] >= 0, (y0 - arrival[idx]) / YEAR_DAYS, 99.0)
        k = motive_kind[idx]
        first = d["born_abroad"][idx] & ~is_nl[idx]
        haz = np.where(is_nl[idx] | (gen[idx] != 1),
                       np.where((age >= 20) & (age < 40), P.EMIG_NATIVE_YOUNG, P.EMIG_NATIVE_OTHER), 0.0)
        for kind, (h1, h2, h3) in P.EMIG_FIRST.items():
            m = first & ((k == KIND_CODE["asylum"]) if kind == "asylum" else
                         (k == KIND_CODE["labour"]) | np.isin(group[idx], [C.G["PL"], C.G["WO"]]) if kind == "labour"
                         else ~((k == KIND_CODE["asylum"]) | (k == KIND_CODE["labour"]) |
                                np.isin(group[idx], [C.G["PL"], C.G["WO"]])))
            haz = np.where(m, np.where(ysa < 2, h1, np.where(ysa < 5, h2, h3)), haz)
        q_emig = haz * frac
        u = rng.random(len(idx))
        dies = u < q_death
        emig = ~dies & (u < q_death + q_emig)
        # a stay lasts at least one day: leaving on the arrival day would give a migration
        # spell that ends before it starts
        when = np.maximum(at[idx] + rng.random(len(idx)) * (y1 - at[idx]), at[idx] + 1).astype(np.int32)
        exit1[idx[dies]] = when[dies]
        reason1[idx[dies]] = 2
        exit1[idx[emig]] = when[emig]
        reason1[idx[emig]] = 1
    # re-migration: a share of all emigrants (also pre-anchor ones) returns within 1-6 years
    emigrated = np.flatnonzero(reason1 == 1)
    share = np.where(is_nl[emigrated] | (gen[emigrated] != 1), P.RETURN_SHARE_NATIVE, P.RETURN_SHARE_MIGRANT)
    back = emigrated[rng.random(len(emigrated)) < share]
    ret = (exit1[back] + rng.uniform(*P.RETURN_YEARS, len(back)) * YEAR_DAYS).astype(np.int64)
    ok = (ret < cal.day(end_year + 1)) & (ret >= A_DAY)
    back, ret = back[ok], ret[ok]
    entry2[back] = ret
    # deaths in the second period
    age_ret = (ret - birth[back]) / YEAR_DAYS
    q = np.minimum(np.exp(P.GOMPERTZ_A + P.GOMPERTZ_B * age_ret), 0.6) * (end_day - ret) / YEAR_DAYS
    died = rng.random(len(back)) < q
    exit2[back[died]] = np.maximum(ret[died] + rng.random(int(died.sum())) * (end_day - ret[died]),
                                   ret[died] + 1).astype(np.int32)
    reason2[back[died]] = 2
    # earlier absence of stock persons: emigrated and returned before the anchor
    stock = np.flatnonzero(d["origin_block"] == 0)
    p_abs = np.array([P.EARLIER_ABSENCE_SHARE[int(x)] for x in gen[stock]])
    cand = stock[rng.random(len(stock)) < p_abs]
    lo = np.maximum(entry1[cand], DAY_1995) + 180
    hi = A_DAY - 200
    gap = (rng.uniform(1.0, 5.0, len(cand)) * YEAR_DAYS).astype(np.int64)
    ok = hi - lo > gap + 30
    cand, lo, gap = cand[ok], lo[ok], gap[ok]
    e = (lo + rng.random(len(cand)) * (hi - lo - gap)).astype(np.int32)
    r = (e + gap).astype(np.int32)
    # shift: period 1 = [entry1, e), period 2 = [r, exit1)
    entry2[cand], exit2[cand], reason2[cand] = r, exit1[cand], reason1[cand]
    exit1[cand], reason1[cand] = e, 1
    # ------------------------------------------------------------ countries of birth and of the parents
    born_abroad = d["born_abroad"]
    byear = cal.year_of_day(birth)
    own = np.full(n, C.NL_CODE, np.int16)
    abroad_nl = born_abroad & is_nl
    mig = born_abroad & ~is_nl
    own[mig] = C.birth_country_codes(rng, group[mig], byear[mig])
    if abroad_nl.any():  # Dutch background born abroad: some western/other country
        alt = C.birth_country_codes(rng, rng.choice([C.G["WO"], C.G["ID"], C.G["NWO"], C.G["DE"]],
                                                    size=int(abroad_nl.sum()), p=[0.55, 0.1, 0.2, 0.15]).astype(np.int8),
                                    byear[abroad_nl])
        own[abroad_nl] = alt
    origin_c = np.where(is_nl, C.NL_CODE, 0).astype(np.int16)
    second = (gen == 2)
    origin_c[mig] = own[mig]
    if second.any():
        origin_c[second] = C.birth_country_codes(rng, group[second], np.maximum(byear[second] - 28, 1900))
    mother = np.full(n, C.NL_CODE, np.int16)
    father = np.full(n, C.NL_CODE, np.int16)
    gname = np.array(C.GROUPS, dtype=object)[group]
    p_both = np.where(gen == 1, [BOTH_PARENTS_ABROAD_FIRST.get(g, DEFAULT_BOTH_FIRST) for g in gname],
                      [BOTH_PARENTS_ABROAD_SECOND.get(g, DEFAULT_BOTH_SECOND) for g in gname])
    foreign = gen > 0
    both = foreign & (rng.random(n) < p_both)
    one = foreign & ~both
    mother_foreign = one & (rng.random(n) < 0.5)
    mother[both | mother_foreign] = origin_c[both | mother_foreign]
    father[both] = origin_c[both]
    father[one & ~mother_foreign] = origin_c[one & ~mother_foreign]
    # a tenth of two-foreign-parent persons have a father from another (non-western) country
    mixed = both & (rng.random(n) < 0.08)
    if mixed.any():
        father[mixed] = C.birth_country_codes(rng, np.full(int(mixed.sum()), C.G["NWO"], np.int8),
                                              np.maximum(byear[mixed] - 30, 1900))
    # unknown parent countries ("----") for some older first-generation persons
    unk = (gen == 1) & (byear < 1960) & (rng.random(n) < 0.06)
    mother[unk & (rng.random(n) < 0.6)] = C.UNKNOWN
    father[unk] = C.UNKNOWN
    admin_removal = rng.random(n) < 0.15
    # a release for end_year knows nothing after it: persons entering later are not registered
    # yet, and exits / returns after the end are still open (matters when end_year < anchor)
    later = (exit1 >= end_day) & (exit1 < cal.OPEN_END_DAY)
    exit1[later], reason1[later] = cal.OPEN_END_DAY, 0
    late2 = entry2 >= end_day
    entry2[late2], exit2[late2], reason2[late2] = -1, cal.OPEN_END_DAY, 0
    later2 = (exit2 >= end_day) & (exit2 < cal.OPEN_END_DAY)
    exit2[later2], reason2[later2] = cal.OPEN_END_DAY, 0
    keep = entry1 < end_day
    arrays = dict(group=group, gen=gen, birth=birth, arrival=arrival, entry1=entry1, exit1=exit1, reason1=reason1,
                  entry2=entry2, exit2=exit2, reason2=reason2, motive=motive, motive_kind=motive_kind,
                  born_abroad=born_abroad, own=own, mother=mother, father=father, origin_c=origin_c,
                  admin_removal=admin_removal, sex=d["sex"])
    if not keep.all():
        arrays = {k: v[keep] for k, v in arrays.items()}
    group, gen, birth, arrival = arrays["group"], arrays["gen"], arrays["birth"], arrays["arrival"]
    entry1, exit1, reason1 = arrays["entry1"], arrays["exit1"], arrays["reason1"]
    entry2, exit2, reason2 = arrays["entry2"], arrays["exit2"], arrays["reason2"]
    motive, motive_kind, born_abroad = arrays["motive"], arrays["motive_kind"], arrays["born_abroad"]
    own, mother, father, origin_c = arrays["own"], arrays["mother"], arrays["father"], arrays["origin_c"]
    admin_removal, sex = arrays["admin_removal"], arrays["sex"]
    n = len(group)
    pid = pid_offset + np.arange(n, dtype=np.int64)
    study_until = _study_migrants_leave(rng, group, motive_kind, born_abroad, arrival, entry2, exit1, reason1,
                                        end_day)
    return Persons(pid=pid, sex=sex.astype(np.int8), birth=birth.astype(np.int32), group=group.astype(np.int8),
                   gen=gen.astype(np.int8), born_nl=~born_abroad, birth_country=own, mother_country=mother,
                   father_country=father, origin_country=origin_c, entry1=entry1, exit1=exit1, exit1_reason=reason1,
                   entry2=entry2, exit2=exit2, exit2_reason=reason2, arrival=arrival.astype(np.int32),
                   motive=motive, motive_kind=motive_kind, admin_removal=admin_removal, study_until=study_until)


def _study_migrants_leave(rng, group, motive_kind, born_abroad, arrival, entry2, exit1, reason1,
                          end_day: int) -> np.ndarray:
    """End of the studies of study migrants (params.STUDY_*: the first month after them,
    a July) and the departure of a share of them after graduating (sets ``exit1`` and
    ``reason1`` in place for those still resident with one residence period). The last
    draws of :func:`build_persons`, from their own generator: the earlier draws stay as they were."""
    srng = np.random.default_rng(rng.integers(2**62))
    n = len(group)
    study = (motive_kind == KIND_CODE["study"]) & born_abroad & (arrival >= 0)
    first = cal.month_of_day(np.maximum(arrival, 0)) + P.STUDY_MIN_MONTHS
    july = first + (6 - first % 12) % 12  # month numbers count from January 1970: % 12 == 6 is July
    until = np.where(study, july + 12 * srng.integers(0, P.STUDY_EXTRA_YEARS, n), -1).astype(np.int32)
    share = np.array([P.STUDY_LEAVE_SHARE.get(g, P.STUDY_LEAVE_SHARE_DEFAULT) for g in C.GROUPS])[group]
    leave_day = cal.month_start_day(np.maximum(until, 0)) + srng.integers(*P.STUDY_LEAVE_DAYS, n)
    go = study & (srng.random(n) < share) & (exit1 == cal.OPEN_END_DAY) & (entry2 < 0) & (leave_day < end_day)
    exit1[go] = leave_day[go]
    reason1[go] = 1
    return until


def _draw_motives(rng, group, gen, arrival, born_abroad) -> tuple[np.ndarray, np.ndarray]:
    """Migration motive for first-generation immigrants (all; the file keeps arrivals since 1998)."""
    n = len(group)
    motive = np.full(n, -1, np.int8)
    kind = np.zeros(n, np.int8)
    first = born_abroad & (gen == 1)
    for gi, g in enumerate(C.GROUPS):
        sel = np.flatnonzero(first & (group == gi))
        if not len(sel):
            continue
        codes, w = zip(*P.MOTIVES[g].items())
        w = np.asarray(w) / np.sum(w)
        pick = rng.choice(len(codes), size=len(sel), p=w)
        motive[sel] = np.array([MOTIVE_CODES.index(c) for c in codes], np.int8)[pick]
        kind[sel] = np.array([KIND_CODE[MOTIVE_KIND.get(c, "other")] for c in codes], np.int8)[pick]
    return motive, kind
