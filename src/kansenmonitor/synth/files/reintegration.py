"""Re-integration: SIRWWPERSOONBUS, SIRAGPERSOONBUS (UWV trajectories after WW / for occupationally
disabled, Wajong and WIA-WGA), SRGPERSOONPWETBUS (2015-2018) and PWETSRGPERSOONBUS (2019+)
(municipal Participatiewet provisions for bijstand recipients, one count column per provision
type; a new record when a count changes). Documented default layouts (cbs-sources §17-18).

Each benefit spell gets a trajectory / provision period with a planted probability
(params.REINTEGRATION) after a geometric delay, clipped to the benefit spell and the file's years,
so records of one person never overlap.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kansenmonitor.sources import codelists as cl
from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import params as P
from kansenmonitor.synth.files import Output
from kansenmonitor.synth.truth import MIGRATION

SOURCES = ("SIRWWPERSOONBUS", "SIRAGPERSOONBUS", "SRGPERSOONPWETBUS", "PWETSRGPERSOONBUS")


def _periods(w, spells, conf, rng, lo_day, hi_day):
    """One period per selected spell: (row, start, end), clipped to the spell and [lo, hi]."""
    p = w.persons
    mig = MIGRATION[p.group[spells.row]]
    prob = np.array([conf["p"][m] for m in mig])
    take = rng.random(len(spells.row)) < prob
    delay = rng.geometric(1.0 / conf["delay_mean"], len(take)) - 1
    dur = rng.integers(conf["duration"][0], conf["duration"][1] + 1, len(take))
    start = spells.start + (delay * 30.44).astype(np.int64) + rng.integers(0, 28, len(take))
    end = start + (dur * 30.44).astype(np.int64)
    end = np.minimum(end, np.where(spells.end >= cal.OPEN_END_DAY, cal.day(w.last_year + 1) - 1, spells.end))
    start = np.maximum(start, lo_day)
    end = np.minimum(end, hi_day)
    ok = take & (end >= start) & (start <= np.minimum(spells.end, hi_day))
    open_ = ok & (end >= cal.day(w.last_year + 1) - 1) & (spells.end >= cal.OPEN_END_DAY)
    end = np.where(open_, cal.OPEN_END_DAY, end)
    return spells.row[ok], start[ok], end[ok]


def _keys(w, rows):
    return {"RINPERSOONS": pa.array(np.full(len(rows), "R", dtype=object), pa.string()),
            "RINPERSOON": w.rin.take(pa.array(rows))}


def build(w):
    rng = w.rng("reintegration")
    r = P.REINTEGRATION
    codes, weights = zip(*r["sirsoort_weights"].items())
    weights = np.asarray(weights) / np.sum(weights)
    first = max(w.sim_first_year, 2010)
    lo, hi = cal.day(first), cal.day(w.last_year + 1) - 1
    if w.last_year >= 2010:
        rows, s, e = _periods(w, w.benefits["WW"], r["sirww"], rng, lo, hi)
        cols = {**_keys(w, rows), "AANVSIRWW": cal.date_strings(s), "EINDSIRWW": cal.date_strings(e),
                "SIRSOORT": pa.array(np.array(codes, dtype=object)[rng.choice(len(codes), len(rows), p=weights)],
                                     pa.string())}
        yield Output("SIRWWPERSOONBUS", None, cols)
        ao = w.benefits["AO"]
        eligible = np.isin(ao.kind.astype(str), r["sirag"]["aosoort"])
        sub = type(ao)(row=ao.row[eligible], start=ao.start[eligible], end=ao.end[eligible], kind=ao.kind[eligible],
                       first_col=ao.first_col[eligible], last_col=ao.last_col[eligible])
        rows, s, e = _periods(w, sub, r["sirag"], rng, lo, hi)
        cols = {**_keys(w, rows), "AANVSIRAG": cal.date_strings(s), "EINDSIRAG": cal.date_strings(e),
                "SIRSOORT": pa.array(np.array(codes, dtype=object)[rng.choice(len(codes), len(rows), p=weights)],
                                     pa.string())}
        yield Output("SIRAGPERSOONBUS", None, cols)
    for source, prefix, y0, y1, names in (
            ("SRGPERSOONPWETBUS", "SRG", 2015, 2018, list(cl.PWET_PROVISIONS_OLD)),
            ("PWETSRGPERSOONBUS", "PWETSRG", 2019, 2100, list(cl.PWET_PROVISIONS_NEW))):
        a, b = max(y0, w.sim_first_year), min(y1, w.last_year)
        if a > b:
            continue
        rows, s, e = _periods(w, w.benefits["BIJ"], r["pwet"], rng, cal.day(a), cal.day(b + 1) - 1)
        if y1 < 2100:
            e = np.where(e >= cal.OPEN_END_DAY, cal.day(b + 1) - 1, e)
        pw = dict(r["provision_weights_old"])
        if prefix == "PWETSRG":
            pw.update(r["provision_weights_new_extra"])
        pwv = np.array([pw[nm] for nm in names])
        counts = (rng.random((len(rows), len(names))) < pwv[None, :] * 0.9).astype(np.int64)
        none = counts.sum(axis=1) == 0
        counts[none, rng.integers(0, len(names), int(none.sum()))] = 1
        second = rng.random(len(rows)) < r["pwet"]["second_provision"]
        counts[second, rng.integers(0, len(names), int(second.sum()))] += 1
        order = np.lexsort((s, rows))
        cols = {**_keys(w, rows[order]), f"AANV{prefix}": cal.date_strings(s[order]),
                f"EIND{prefix}": cal.date_strings(e[order])}
        for j, nm in enumerate(names):
            cols[nm] = counts[order, j]
        yield Output(source, None, cols)
