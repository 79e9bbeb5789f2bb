"""From monthly states to spells: SECM categories and flags, benefit entitlement spells.

Run-length encoding is vectorised over the (person, month) matrix: a spell starts where
the value changes or a person's months are interrupted, so no Python loop runs per person.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth.labour import (ABSENT, AO, BIJ, CHILD, EMP, INACT, KIND_DGA, KIND_MAIN, KIND_SIDE, OTHB,
                                        PENSION, SELF, STUDENT, WW, Careers)
from kansenmonitor.synth.population import Persons

#: SECM flag bits, in the order of spec.SECMBUS's XKOPPEL... variables.
FLAG_NAMES = ("XKOPPELWERKNSECM", "XKOPPELDGASECM", "XKOPPELZELFSTSECM", "XKOPPELOVACTIEFSECM",
              "XKOPPELSCHOLSTUDSECM", "XKOPPELWERKLUITKSECM", "XKOPPELBIJSTANDSECM", "XKOPPELSOCVOORZOVSECM",
              "XKOPPELZIEKTEAOSECM", "XKOPPELPENSIOENSECM")


def runs(mask: np.ndarray, values: np.ndarray | None = None):
    """Runs of True in each row of ``mask`` (and of equal ``values`` inside them).

    Returns (row, first column, last column), all inclusive, in row-major order.
    """
    n, T = mask.shape
    m = mask.astype(bool)
    start = m.copy()
    start[:, 1:] &= ~m[:, :-1]
    if values is not None:
        start[:, 1:] |= m[:, 1:] & m[:, :-1] & (values[:, 1:] != values[:, :-1])
    end = m.copy()
    end[:, :-1] &= ~m[:, 1:]
    if values is not None:
        end[:, :-1] |= m[:, :-1] & m[:, 1:] & (values[:, 1:] != values[:, :-1])
    rs, cs = np.nonzero(start)
    re_, ce = np.nonzero(end)
    return rs.astype(np.int64), cs.astype(np.int64), ce.astype(np.int64)


def job_month_counts(c: Careers, n: int, kinds: tuple[int, ...]) -> np.ndarray:
    """(n, T) number of jobs of the given kinds active in each month."""
    j = c.jobs
    sel = np.isin(j["kind"], kinds)
    sm = cal.month_of_day(j["start"][sel]) - c.m0
    em = cal.month_of_day(np.minimum(j["end"][sel], cal.day(2100))) - c.m0
    sm = np.clip(sm, 0, c.T)
    em = np.clip(em, -1, c.T - 1)
    ok = em >= sm
    person = j["person"][sel][ok]
    diff = np.zeros((n, c.T + 1), np.int32)
    np.add.at(diff, (person, sm[ok]), 1)
    np.add.at(diff, (person, em[ok] + 1), -1)
    return np.cumsum(diff, axis=1)[:, : c.T]


@dataclass
class Secm:
    code: np.ndarray  # (n, T) int8 SECM category (0 = not in population)
    flags: np.ndarray  # (n, T) int16 bitmask over FLAG_NAMES
    has_work: np.ndarray  # (n, T) bool employee job this month


def secm_months(c: Careers, p: Persons) -> Secm:
    st = c.state
    n = st.shape[0]
    work = job_month_counts(c, n, (KIND_MAIN, KIND_SIDE)) > 0
    dga = job_month_counts(c, n, (KIND_DGA,)) > 0
    st_type = c.latent.self_type[:, None]
    code = np.zeros(st.shape, np.int8)
    code[st == EMP] = 11
    code[(st == SELF)] = 13
    code[(st == SELF) & (st_type == 14)] = 14
    code[(st == SELF) & (st_type == 12)] = 12
    code[st == WW] = 21
    code[st == BIJ] = 22
    code[st == OTHB] = 23
    code[st == AO] = 24
    code[st == PENSION] = 25
    code[st == STUDENT] = np.where(work[st == STUDENT], 26, 31)
    code[st == CHILD] = 31
    code[st == INACT] = 32
    present = st != ABSENT
    flags = np.zeros(st.shape, np.int16)
    bits = [work & present, dga & present, (st == SELF) & (st_type == 13), (st == SELF) & (st_type == 14),
            st == STUDENT, (st == WW) | c.ww_ext, (st == BIJ) | c.bij_ext, st == OTHB, st == AO, st == PENSION]
    for i, b in enumerate(bits):
        flags |= (b.astype(np.int16) << i)
    return Secm(code=code, flags=flags, has_work=work)


def secm_spells(c: Careers, s: Secm):
    """SECMBUS spells: (row, start day, end day, code, flags)."""
    key = s.code.astype(np.int32) * 4096 + s.flags
    rows, c0, c1 = runs(s.code > 0, key)
    start_m = c.m0 + c0
    # left-censored first spells continue a state that began before the window
    early = (c0 == 0) & (c.start_before[rows] >= 0) & (c.start_before[rows] < c.m0)
    start_m = np.where(early, c.start_before[rows], start_m)
    start = cal.month_start_day(start_m)
    end = cal.month_end_day(c.m0 + c1)
    code = s.code[rows, c0]
    flags = s.flags[rows, c0]
    return rows, start, end, code, flags


@dataclass
class BenefitSpells:
    row: np.ndarray
    start: np.ndarray  # day
    end: np.ndarray  # day (OPEN_END_DAY if running at the end of the window)
    kind: np.ndarray  # int8 subtype code (BIJSTANDSOORT / WWSOORT / AOSOORT as int)
    first_col: np.ndarray
    last_col: np.ndarray


def _day_bounds(c: Careers, rows, c0, c1, rng: np.random.Generator, p: Persons):
    ms0 = cal.month_start_day(c.m0 + c0)
    d0 = c.tday[rows, c0].astype(np.int32)
    start = np.where(d0 > 0, ms0 + d0 - 1, ms0 + rng.integers(0, 28, len(rows)))
    early = (c0 == 0) & (c.start_before[rows] >= 0)
    sb = np.where(early, c.start_before[rows], c.m0)
    start = np.where(early, cal.month_start_day(sb) + rng.integers(0, 28, len(rows)), start)
    start = np.maximum(start, np.where(early, 0, ms0))
    last = c1 >= c.T - 1
    nxt = np.minimum(c1 + 1, c.T - 1)
    msn = cal.month_start_day(c.m0 + nxt)
    dn = c.tday[rows, nxt].astype(np.int32)
    changed = c.state[rows, nxt] != c.state[rows, c1]
    end = np.where(changed, msn + dn - 2, msn - 1 - rng.integers(0, 10, len(rows)))
    end = np.where(last, cal.OPEN_END_DAY, end)
    end = np.maximum(end, start)
    return start.astype(np.int32), end.astype(np.int32)


def benefit_spells(c: Careers, p: Persons, rng: np.random.Generator, which: str) -> BenefitSpells:
    st = c.state
    if which == "WW":
        mask = (st == WW) | c.ww_ext
    elif which == "BIJ":
        mask = (st == BIJ) | c.bij_ext
    else:
        mask = st == AO
    rows, c0, c1 = runs(mask)
    start, end = _day_bounds(c, rows, c0, c1, rng, p)
    prev_state = np.where(c0 > 0, st[rows, np.maximum(c0 - 1, 0)], -1)
    age_start = (start - p.birth[rows]) / 365.25
    if which == "WW":
        kind = np.ones(len(rows), np.int8)
    elif which == "BIJ":
        kind = np.ones(len(rows), np.int8)  # algemene bijstand
        kind[(prev_state == WW) & (age_start >= 50)] = 2  # IOAW
        from_self = prev_state == SELF
        kind[from_self & (age_start >= 55)] = 3  # IOAZ
        kind[from_self & (age_start < 55)] = 4  # Bbz
        kind[(cal.year_of_day(start) <= 2012) & (rng.random(len(rows)) < 0.01)] = 5  # Wwik (until 2012)
    else:
        y = cal.year_of_day(start)
        kind = np.where(start < cal.day(2006), 1, np.where(rng.random(len(rows)) < 0.25, 5, 4)).astype(np.int8)
        kind[(age_start < 27) & (rng.random(len(rows)) < 0.85)] = 3  # Wajong
        kind[(prev_state == SELF) & (y < 2004)] = 2  # WAZ
    return BenefitSpells(row=rows, start=start, end=end, kind=kind, first_col=c0, last_col=c1)
