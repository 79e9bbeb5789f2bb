"""Re-integration: SIRWWPERSOONBUS, SIRAGPERSOONBUS (UWV trajectories after WW / for occupationally
disabled, Wajong and WIA-WGA; WIA-IVA none), SRGPERSOONPWETBUS (2015-2018) and PWETSRGPERSOONBUS
(2019+) (municipal Participatiewet provisions, one count column per provision type; a provision
running across 1 January 2019 is a record in each). Documented default layouts (cbs-sources §17-18).

Each benefit spell gets a trajectory / provision with a planted probability by migration
background and origin group (params.REINTEGRATION) after a geometric delay from the spell's
start (:func:`start_delay_days`), whether or not the benefit still runs; adults inactive all
year (SECM 32) get provisions too. Provision types are present independently. A person's
records in one file never overlap: an earlier record ends two days before the next starts
(a one-day gap, so the next is a new start in the monitor's reading), and records starting
before the file's first year are not written. :func:`planted_input_truth` is the closed-form
probability of a start within 12 months of an inflow (manifest ``input_truth``).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kansenmonitor.sources import codelists as cl
from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import countries as C
from kansenmonitor.synth import params as P
from kansenmonitor.synth.files import Output
from kansenmonitor.synth.labour import INACT
from kansenmonitor.synth.truth import MIGRATION

SOURCES = ("SIRWWPERSOONBUS", "SIRAGPERSOONBUS", "SRGPERSOONPWETBUS", "PWETSRGPERSOONBUS")
MONTH_DAYS = 30.44
#: A start counts "within 12 months" when it is less than this many days after the inflow
#: (12 months from a day are 365 days but for windows holding 29 February).
WINDOW_DAYS = 365
PROVISION_TYPES = tuple(cl.PWET_PROVISIONS_NEW)


def group_probability(conf: dict, group: str) -> float:
    """The planted probability of a trajectory / provision draw per spell for an origin group."""
    mig = MIGRATION[C.G[group]]
    return min(0.95, conf["p"][mig] * conf.get("group_factor", {}).get(group, 1.0))


def start_delay_days(rng: np.random.Generator, n: int, delay_mean: float) -> np.ndarray:
    """Days from the spell's start to the start: (geometric(1 / delay_mean) - 1) months of
    30.44 days, whole days, plus U{0..27}."""
    return ((rng.geometric(1.0 / delay_mean, n) - 1) * MONTH_DAYS).astype(np.int64) + rng.integers(0, 28, n)


def p_start_within(delay_mean: float, days: int = WINDOW_DAYS) -> float:
    """P(:func:`start_delay_days` < ``days``), exact (the geometric tail summed to 1e-15)."""
    q = 1.0 / delay_mean
    total, g = 0.0, 1
    while True:
        pg = q * (1.0 - q) ** (g - 1)
        base = int((g - 1) * MONTH_DAYS)
        total += pg * min(max(days - base, 0), 28) / 28.0
        if base >= days or pg < 1e-15:
            return total
        g += 1


def planted_input_truth() -> dict:
    """Per origin group: P(a provision of each type / of I1b / of I1c, or a trajectory, starts
    within 12 months of an inflow), from the parameters alone."""
    r = P.REINTEGRATION
    weights = r["provision_weights_old"]
    work = [t for t in weights if t != "VERVOER"]
    f_pwet, f_ww, f_ag = (p_start_within(r[k]["delay_mean"]) for k in ("pwet", "sirww", "sirag"))
    out = {}
    for g in C.GROUPS:
        base = group_probability(r["pwet"], g) * f_pwet
        out[g] = {"I1a": {t.lower(): base * w for t, w in weights.items()},
                  "I1b": base * (1.0 - np.prod([1.0 - weights[t] for t in work])),
                  "I1c": base * (1.0 - np.prod([1.0 - w for w in weights.values()])),
                  "I2a": {"ww": group_probability(r["sirww"], g) * f_ww,
                          "wajong": group_probability(r["sirag"], g) * f_ag,
                          "wia": group_probability(r["sirag"], g) * f_ag}}
    return out


def _draw(w, rows, spell_start, conf, rng):
    """(row, start, end) of the draws for spells starting at ``spell_start`` of persons ``rows``."""
    by_group = np.array([group_probability(conf, g) for g in C.GROUPS])
    prob = by_group[w.persons.group[rows]]
    take = rng.random(len(rows)) < prob
    start = spell_start + start_delay_days(rng, len(rows), conf["delay_mean"])
    months = rng.integers(conf["duration"][0], conf["duration"][1] + 1, len(rows))
    end = start + (months * MONTH_DAYS).astype(np.int64)
    return rows[take], start[take], end[take]


def _no_overlap(rows, start, end, *extra):
    """Sorted by person and start; an earlier record of a person ends two days before the next
    starts (records with the same start as the next are dropped)."""
    order = np.lexsort((start, rows))
    rows, start, end = rows[order], start[order], end[order]
    extra = [e[order] for e in extra]
    same_next = np.zeros(len(rows), bool)
    same_next[:-1] = rows[1:] == rows[:-1]
    nxt = np.roll(start, -1)
    end = np.where(same_next, np.minimum(end, nxt - 2), end)
    keep = end >= start
    return (rows[keep], start[keep], end[keep], *[e[keep] for e in extra])


def _keys(w, rows):
    return {"RINPERSOONS": pa.array(np.full(len(rows), "R", dtype=object), pa.string()),
            "RINPERSOON": w.rin.take(pa.array(rows.astype(np.int64)))}


def _dates(w, start, end, open_allowed: bool):
    last = cal.day(w.last_year + 1) - 1
    end = np.minimum(end, last)
    if open_allowed:
        end = np.where(end >= last, cal.OPEN_END_DAY, end)
    return cal.date_strings(start), cal.date_strings(end)


def _trajectories(w, spells, conf, rng, prefix, codes, weights):
    lo, hi = cal.day(max(w.sim_first_year, 2010)), cal.day(w.last_year + 1) - 1
    rows, s, e = _draw(w, spells.row, spells.start, conf, rng)
    rows, s, e = _no_overlap(rows, s, e)
    ok = (s >= lo) & (s <= hi)
    rows, s, e = rows[ok], s[ok], e[ok]
    a, b = _dates(w, s, e, open_allowed=True)
    return {**_keys(w, rows), f"AANV{prefix}": a, f"EIND{prefix}": b,
            "SIRSOORT": pa.array(np.array(codes, dtype=object)[rng.choice(len(codes), len(rows), p=weights)],
                                 pa.string())}


def _nug_draws(w, rng):
    """Provisions for adults inactive (SECM 32) in every month of a year, starting in that year."""
    conf = P.REINTEGRATION["nug"]
    rows, starts = [], []
    for year in range(max(2015, w.sim_first_year), w.last_year + 1):
        t0 = w.month_col(year, 1)
        inactive = (w.careers.state[:, t0:t0 + 12] == INACT).all(axis=1)
        adult = (cal.day(year) - w.persons.birth) / 365.25 >= conf["min_age"]
        chosen = np.flatnonzero(inactive & adult & (rng.random(w.persons.n) < conf["p_year"]))
        rows.append(chosen)
        starts.append(cal.day(year) + rng.integers(0, 365, len(chosen)))
    rows = np.concatenate(rows).astype(np.int64) if rows else np.zeros(0, np.int64)
    start = np.concatenate(starts).astype(np.int64) if starts else np.zeros(0, np.int64)
    months = rng.integers(conf["duration"][0], conf["duration"][1] + 1, len(rows))
    return rows, start, start + (months * MONTH_DAYS).astype(np.int64)


def _provisions(w, rng):
    """All provision periods (row, start, end, presence matrix over PROVISION_TYPES)."""
    r = P.REINTEGRATION
    bij = w.benefits["BIJ"]
    rows, s, e = _draw(w, bij.row, bij.start, r["pwet"], rng)
    nr, ns, ne = _nug_draws(w, rng)
    rows, s, e = np.concatenate([rows, nr]), np.concatenate([s, ns]), np.concatenate([e, ne])
    weights = {**r["provision_weights_old"], **r["provision_weights_new_extra"]}
    present = rng.random((len(rows), len(PROVISION_TYPES))) < np.array([weights[t] for t in PROVISION_TYPES])[None, :]
    counts = present.astype(np.int64)
    second = rng.random(len(rows)) < r["pwet"]["second_provision"]
    counts[second] += present[second]  # two services of the types present
    return _no_overlap(rows, s, e, counts)


def build(w):
    rng = w.rng("reintegration")
    r = P.REINTEGRATION
    codes, weights = zip(*r["sirsoort_weights"].items())
    weights = np.asarray(weights) / np.sum(weights)
    if w.last_year >= 2010:
        yield Output("SIRWWPERSOONBUS", None,
                     _trajectories(w, w.benefits["WW"], r["sirww"], rng, "SIRWW", codes, weights))
        ao = w.benefits["AO"]
        eligible = np.isin(ao.kind.astype(str), r["sirag"]["aosoort"])  # WIA-IVA and WAO/WAZ: none
        sub = type(ao)(row=ao.row[eligible], start=ao.start[eligible], end=ao.end[eligible], kind=ao.kind[eligible],
                       first_col=ao.first_col[eligible], last_col=ao.last_col[eligible])
        yield Output("SIRAGPERSOONBUS", None, _trajectories(w, sub, r["sirag"], rng, "SIRAG", codes, weights))
    rows, s, e, counts = _provisions(w, rng)
    for source, prefix, y0, y1, names in (
            ("SRGPERSOONPWETBUS", "SRG", 2015, 2018, list(cl.PWET_PROVISIONS_OLD)),
            ("PWETSRGPERSOONBUS", "PWETSRG", 2019, 2100, list(cl.PWET_PROVISIONS_NEW))):
        a, b = max(y0, w.sim_first_year), min(y1, w.last_year)
        if a > b:
            continue
        lo, hi = cal.day(a), cal.day(b + 1) - 1
        cols_idx = [PROVISION_TYPES.index(n) for n in names]
        part = counts[:, cols_idx]
        # starts before the register's first year are not written; periods crossing the switch
        # are split into a record of each register
        ok = (s <= hi) & (e >= lo) & (s >= cal.day(2015)) & (part.sum(axis=1) > 0)
        ps, pe = np.maximum(s[ok], lo), e[ok]
        da, db = _dates(w, ps, np.minimum(pe, hi) if y1 < 2100 else pe, open_allowed=y1 >= 2100)
        cols = {**_keys(w, rows[ok]), f"AANV{prefix}": da, f"EIND{prefix}": db}
        for j, nm in enumerate(names):
            cols[nm] = part[ok, j]
        yield Output(source, None, cols)
