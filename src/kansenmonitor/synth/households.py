"""Couples for INPATAB's household position and breadwinner key (params.COUPLES).

Partners are drawn once per generation bucket and stay together over the window. A
share of the adults is coupled; men and women of one origin group are sorted by birth
date with noise and paired in that order (ages close), a share of each group is paired
across groups instead. Persons left over stay single.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import params as P
from kansenmonitor.synth.population import Persons


@dataclass
class Couples:
    partner: np.ndarray  # int64 index of the partner in the bucket, -1 single
    married: np.ndarray  # bool, the couple is married (INPPOSHHK 3 for the partner) or not (4)


def _pair(rng: np.random.Generator, p: Persons, men: np.ndarray, women: np.ndarray, partner: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray]:
    """Pair ``men`` and ``women`` in order of birth date with noise; return those left over."""
    noise = P.COUPLES["age_noise_years"] * 365.25
    m = men[np.argsort(p.birth[men] + rng.normal(0.0, noise, len(men)))]
    w = women[np.argsort(p.birth[women] + rng.normal(0.0, noise, len(women)))]
    k = min(len(m), len(w))
    partner[m[:k]] = w[:k]
    partner[w[:k]] = m[:k]
    return m[k:], w[k:]


def draw_couples(rng: np.random.Generator, p: Persons, first_year: int, last_year: int) -> Couples:
    """Partners of the adults resident on 1 January of the first or the last year."""
    c = P.COUPLES
    age = (cal.day(last_year) - p.birth) / 365.25
    resident = p.resident_on(cal.day(first_year)) | p.resident_on(cal.day(last_year))
    coupled = resident & (age >= c["min_age"]) & (age <= c["max_age"]) & (rng.random(p.n) < c["share"])
    across = rng.random(p.n) >= c["within_group"]
    partner = np.full(p.n, -1, np.int64)
    left_men, left_women = [], []
    for g in np.unique(p.group[coupled]):
        inside = coupled & ~across & (p.group == g)
        lm, lw = _pair(rng, p, np.flatnonzero(inside & (p.sex == 0)), np.flatnonzero(inside & (p.sex == 1)), partner)
        left_men.append(lm)
        left_women.append(lw)
    mixed = coupled & across
    _pair(rng, p, np.concatenate([np.flatnonzero(mixed & (p.sex == 0)), *left_men]).astype(np.int64),
          np.concatenate([np.flatnonzero(mixed & (p.sex == 1)), *left_women]).astype(np.int64), partner)
    married_couple = rng.random(p.n) < c["married"]
    first = np.minimum(np.arange(p.n), np.where(partner >= 0, partner, np.arange(p.n)))
    return Couples(partner=partner, married=married_couple[first])
