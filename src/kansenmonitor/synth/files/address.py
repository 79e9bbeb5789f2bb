"""GBAADRESOBJECTBUS: address spells since 1995 (cbs-sources §2).

Per residence period: a first address (municipality drawn by origin group, so non-western
persons concentrate in the big Randstad cities), moves with an age-dependent rate (75 %
within the municipality), administrative re-registrations that split a stay into
contiguous spells at the same RINOBJECTNUMMER, an open end 20501231, and spells of
emigrants and deceased persons ending the day before they leave.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth.files import Output
from kansenmonitor.synth.geography import object_ids, object_kinds

SOURCES = ("GBAADRESOBJECTBUS",)
DAY_1995 = cal.day(1995)
MOVE_RATE = {"young": 0.16, "other": 0.055}
SAME_MUNICIPALITY = 0.75
ADMIN_SPLIT = 0.03


def build(w) -> list[Output]:
    p, geo = w.persons, w.g.geo
    rng = w.rng("address")
    end_day = cal.day(w.last_year + 1)
    has2 = p.entry2 >= 0
    person = np.concatenate([np.arange(p.n), np.flatnonzero(has2)])
    lo = np.concatenate([p.entry1, p.entry2[has2]]).astype(np.int64)
    hi = np.concatenate([p.exit1, p.exit2[has2]]).astype(np.int64)
    keep = hi > DAY_1995
    person, lo, hi = person[keep], lo[keep], hi[keep]
    hi_eff = np.minimum(hi, end_day)
    lo_eff = np.maximum(lo, cal.day(1985))
    dur = np.maximum(hi_eff - lo_eff, 0) / 365.25
    age_mid = ((lo_eff + hi_eff) / 2 - p.birth[person]) / 365.25
    rate = np.where((age_mid >= 18) & (age_mid < 36), MOVE_RATE["young"], MOVE_RATE["other"])
    k = np.minimum(rng.poisson(rate * dur), 12)
    nper = len(person)
    # spells: period -> k+1 pieces, boundaries uniform in (lo_eff, hi_eff)
    cnt = k + 1
    per = np.repeat(np.arange(nper), cnt)
    first = np.zeros(len(per), bool)
    first[np.cumsum(cnt) - cnt] = True
    u = rng.random(len(per))
    bnd = (lo_eff[per] + u * np.maximum(hi_eff[per] - lo_eff[per], 1)).astype(np.int64)
    bnd[first] = lo[per][first]
    order = np.lexsort((bnd, per))
    per, bnd, first = per[order], bnd[order], first[order]
    first = np.zeros(len(per), bool)
    first[np.r_[0, np.flatnonzero(np.diff(per)) + 1]] = True
    bnd[first] = lo[per[first]]
    nxt = np.r_[bnd[1:], 0]
    last = np.r_[first[1:], True]  # last piece of each period
    end = np.where(last, hi[per] - 1, nxt - 1)
    open_ = last & (hi[per] >= cal.OPEN_END_DAY)
    end = np.where(open_, cal.OPEN_END_DAY, end)
    ok = end >= bnd
    # municipality and object
    grp = p.group[person[per]]
    new_mun = first | (rng.random(len(per)) > SAME_MUNICIPALITY)
    cand = geo.draw_municipality(rng, grp)
    src = np.maximum.accumulate(np.where(new_mun, np.arange(len(per)), 0))
    mun = cand[src]
    obj = geo.draw_object(rng, mun)
    # drop spells that ended before 1995 (the register starts then)
    ok &= end >= DAY_1995
    per, bnd, end, obj = per[ok], bnd[ok], end[ok], obj[ok]
    # administrative splits: same object, contiguous spells
    split = (rng.random(len(per)) < ADMIN_SPLIT) & (np.minimum(end, end_day) - bnd > 60)
    at = (bnd + rng.random(len(per)) * (np.minimum(end, end_day) - bnd)).astype(np.int64)
    s_idx = np.flatnonzero(split)
    starts = np.concatenate([bnd, at[s_idx] + 1])
    ends = np.concatenate([np.where(split, at, end), end[s_idx]])
    objs = np.concatenate([obj, obj[s_idx]])
    pers = np.concatenate([per, per[s_idx]])
    order = np.lexsort((starts, person[pers]))
    starts, ends, objs, pers = starts[order], ends[order], objs[order], pers[order]
    rows = person[pers]
    cols = {
        "RINPERSOONS": pa.array(np.full(len(rows), "R", dtype=object), pa.string()),
        "RINPERSOON": w.rin.take(pa.array(rows)),
        "GBADATUMAANVANGADRESHOUDING": cal.date_strings(starts),
        "GBADATUMEINDEADRESHOUDING": cal.date_strings(ends),
        "SOORTOBJECTNUMMER": object_kinds(objs),
        "RINOBJECTNUMMER": object_ids(objs),
    }
    return [Output("GBAADRESOBJECTBUS", None, cols)]
