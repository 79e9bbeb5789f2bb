"""INPATAB (2011+) and IPI (before 2011): personal income per year (cbs-sources §7).

Persons resident on 1 January. INPPERSPRIM = wages (SPOLIS SLNINGLD of the year, DGA
salary included) + profit of own business (negative for loss makers, a Pareto tail with
incomes above EUR 1 M); INPPERSINK adds WW and disability benefits (as paid by the UWV in
SPOLIS), bijstand, other social benefits and pensions; INPPERSBRUT adds allowances for
low incomes. About 2 % carry 9999999999 (household without observed income).
Household position INPPOSHHK and breadwinner key RINPERSOONSHKW / RINPERSOONHKW follow the
couples of synth/households.py (:func:`household_positions`).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import params as P
from kansenmonitor.synth.files import Output
from kansenmonitor.synth.labour import BIJ, OTHB, PENSION, SELF

SOURCES = ("INPATAB", "IPI")
SENTINEL = 9999999999.0
MISSING_KEY = "---------"  # RINPERSOONHKW of a person without a breadwinner key (cbs-sources §0.3)
_SECM_ORDER = np.array([11, 12, 13, 14, 15, 21, 22, 23, 24, 25, 26, 31, 32])


def year_income(w, year: int):
    """Residents on 1 January of ``year`` (indices) and their INPPERSPRIM, INPPERSINK and
    INPPERSBRUT (sentinel applied), with the year's random stream positioned after the
    sentinel draw (:func:`build` draws the household position from it next)."""
    p, c = w.persons, w.careers
    amounts = w.monthly_amounts
    rng = w.rng(f"income{year}")
    sel = np.flatnonzero(p.resident_on(cal.day(year)))
    t0 = w.month_col(year, 1)
    st = c.state[sel, t0:t0 + 12]
    wi = cal.wage_index(year)
    polis = w.polis(year)
    wages = polis.person_wages[sel]
    self_months = ((st == SELF) & (c.latent.self_type[sel, None] != 12)).sum(axis=1)
    profit = self_months * amounts["PROFIT"][sel] * wi
    bij = (st == BIJ).sum(axis=1) * P.BENEFITS["bijstand"] * wi
    othb = (st == OTHB).sum(axis=1) * P.BENEFITS["othb"] * wi
    pension = (st == PENSION).sum(axis=1) * amounts["PENSION"][sel] * wi
    prim = np.round(wages + profit)
    ink = np.round(prim + polis.person_uwv[sel] + bij + othb + pension)
    age = (cal.day(year) - p.birth[sel]) / 365.25
    allowance = np.where((age >= 18) & (ink < 35_000), np.round(1300 * (1 - np.maximum(ink, 0) / 35_000)), 0.0)
    brut = ink + allowance
    sentinel = rng.random(len(sel)) < P.INCOME_SENTINEL_SHARE
    prim, ink, brut = (np.where(sentinel, SENTINEL, x) for x in (prim, ink, brut))
    return sel, prim, ink, brut, rng


def household_positions(w, sel: np.ndarray, age: np.ndarray, ink: np.ndarray, rng: np.random.Generator
                        ) -> tuple[np.ndarray, np.ndarray]:
    """INPPOSHHK and the breadwinner (person index, -1 none) of the residents ``sel`` of a year.

    A couple (synth/households.py) both resident on 1 January and aged 18+: the partner with
    the higher INPPERSINK (the sentinel counts as 0; the man on a tie) is the breadwinner
    with partner (2), the other the married (3) or unmarried (4) partner; both carry the
    breadwinner's key. Others: minors 5, young adults 6 (adult child) or 1, older adults 1
    (own key) and a few 7 / 8 (other member / unknown); 5, 6, 7 and 8 without a key (parent
    links are not modelled)."""
    p, couples = w.persons, w.couples
    index = np.full(p.n, -1, np.int64)
    index[sel] = np.arange(len(sel))
    partner = couples.partner[sel]
    j = np.where(partner >= 0, index[np.maximum(partner, 0)], -1)
    paired = (j >= 0) & (age >= 18)
    paired &= np.where(paired, age[np.maximum(j, 0)] >= 18, False)
    income = np.where(ink >= SENTINEL, 0.0, ink)
    other = income[np.maximum(j, 0)]
    leads = paired & ((income > other) | ((income == other) & (p.sex[sel] == 0)))
    adult_child = rng.random(len(sel)) < P.COUPLES["adult_child_share_18_25"]
    single = np.where(age < 18, "5", np.where(age < 26, np.where(adult_child, "6", "1"),
                                              rng.choice(["1", "7", "8"], size=len(sel), p=[0.96, 0.025, 0.015])))
    pos = np.where(leads, "2", np.where(paired, np.where(couples.married[sel], "3", "4"), single))
    breadwinner = np.where(leads, sel, np.where(paired, partner, np.where(pos == "1", sel, -1)))
    return pos, breadwinner


def build(w) -> list[Output]:
    p = w.persons
    out = []
    for year in range(w.first_year, w.last_year + 1):
        sel, prim, ink, brut, rng = year_income(w, year)
        t0 = w.month_col(year, 1)
        age = (cal.day(year) - p.birth[sel]) / 365.25
        code = w.secm.code[sel, t0:t0 + 12]
        counts = np.stack([(code == k).sum(axis=1) for k in _SECM_ORDER], axis=1)
        secj = np.where(counts.max(axis=1) > 0, _SECM_ORDER[counts.argmax(axis=1)], 32)
        pos, breadwinner = household_positions(w, sel, age, ink, rng)
        if year >= 2011:
            keys = w.rin.take(pa.array(np.maximum(breadwinner, 0)))
            no_key = pa.array(breadwinner < 0)
            cols = {"RINPERSOONS": pa.array(np.full(len(sel), "R", dtype=object), pa.string()),
                    "RINPERSOON": w.rin.take(pa.array(sel)),
                    "INPPERSBRUT": brut, "INPPERSPRIM": prim, "INPPERSINK": ink,
                    "INPSECJ": pc.cast(pa.array(secj.astype(np.int64)), pa.string()),
                    "INPPOSHHK": pa.array(pos.astype(object), pa.string()),
                    "RINPERSOONSHKW": pa.array(np.where(breadwinner < 0, "-", "R").astype(object), pa.string()),
                    "RINPERSOONHKW": pc.if_else(no_key, pa.scalar(MISSING_KEY), keys)}
            out.append(Output("INPATAB", year, cols))
        else:
            cols = {"RINPERSOONS": pa.array(np.full(len(sel), "R", dtype=object), pa.string()),
                    "RINPERSOON": w.rin.take(pa.array(sel)),
                    "PERSBRUT": brut, "PERSPRIM": prim, "PERSINK": ink}
            out.append(Output("IPI", year, cols))
    return out
