"""GBAMIGRATIEBUS (migration movements since 1 October 1994) and MIGMOTIEFBUS (motive).

Movements: immigration "I" at the start of a residence period that did not begin with a
birth in NL, emigration "E" (or administrative removal "V", after which a return is an
administrative addition "A") at the end of a period by emigration. First-generation
persons who settled before 1 October 1994 have no record. Each row runs until the day
before the next movement (20501231 for the last). MIGMOTIEFBUS keeps the first migration
since 1998 of immigrants with an IND or EU motive (not Dutch nationals: NL, Antilles).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import countries as C
from kansenmonitor.synth.files import Output
from kansenmonitor.synth.population import MOTIVE_CODES

SOURCES = ("GBAMIGRATIEBUS", "MIGMOTIEFBUS")
DAY_OCT1994 = cal.day(1994, 10, 1)
DAY_1998 = cal.day(1998)
_CODES = np.array(C.CODES, dtype=object)
_WO = np.array([C.CODE_INDEX[c] for c in C.GROUP_COUNTRIES["WO"][0]])


def build(w) -> list[Output]:
    p = w.persons
    rng = w.rng("migration")
    n = p.n
    immigrated1 = p.arrival >= 0  # period 1 began with immigration (incl. NL-born returnees)
    other = _WO[rng.integers(0, len(_WO), n)]
    back_home = np.where(p.born_nl, other, np.where(rng.random(n) < 0.6, p.birth_country, other))
    ev_person, ev_day, ev_kind, ev_land = [], [], [], []

    def add(mask, day, kind, land):
        idx = np.flatnonzero(mask)
        ev_person.append(idx)
        ev_day.append(day[idx].astype(np.int64))
        ev_kind.append(np.asarray(kind, dtype=object)[idx] if np.ndim(kind) else np.full(len(idx), kind, dtype=object))
        ev_land.append(land[idx])

    add(immigrated1 & (p.entry1 >= DAY_OCT1994), p.entry1, "I", np.where(p.born_nl, other, p.birth_country))
    emig1 = p.exit1_reason == 1
    kind1 = np.where(p.admin_removal, "V", "E").astype(object)
    add(emig1 & (p.exit1 >= DAY_OCT1994), p.exit1, kind1, back_home)
    has2 = p.entry2 >= 0
    kind2 = np.where(p.admin_removal, "A", "I").astype(object)
    add(has2 & (p.entry2 >= DAY_OCT1994), p.entry2, kind2, back_home)
    add(has2 & (p.exit2_reason == 1), p.exit2, "E", back_home)
    person = np.concatenate(ev_person)
    day = np.concatenate(ev_day)
    kind = np.concatenate(ev_kind)
    land = np.concatenate(ev_land)
    order = np.lexsort((day, person))
    person, day, kind, land = person[order], day[order], kind[order], land[order]
    same_next = np.r_[person[1:] == person[:-1], False]
    end = np.where(same_next, np.r_[day[1:], 0] - 1, cal.OPEN_END_DAY)
    mig = {
        "RINPERSOONS": pa.array(np.full(len(person), "R", dtype=object), pa.string()),
        "RINPERSOON": w.rin.take(pa.array(person)),
        "AANVANGMIGRATIEDATUM": cal.date_strings(day),
        "EINDEMIGRATIEDATUM": cal.date_strings(end),
        "MIGRATIESOORT": pa.array(kind, pa.string()),
        "MIGRATIELAND": pa.array(_CODES[land], pa.string()),
    }
    # ---------------------------------------------------------------- migration motive
    dutch_nationals = np.isin(p.group, [C.G["NL"], C.G["AN"]])
    sel = np.flatnonzero((p.motive >= 0) & (p.arrival >= DAY_1998) & ~dutch_nationals)
    end_m = np.where(p.exit1_reason[sel] == 1, p.exit1[sel] - 1, cal.OPEN_END_DAY)
    end_m = np.where((p.exit1_reason[sel] == 2), p.exit1[sel] - 1, end_m)
    mot = {
        "RINPERSOONS": pa.array(np.full(len(sel), "R", dtype=object), pa.string()),
        "RINPERSOON": w.rin.take(pa.array(sel)),
        "AANVMIGMOTIEF": cal.date_strings(p.arrival[sel]),
        "EINDMIGMOTIEF": cal.date_strings(end_m),
        "MIGMOTIEF": pa.array(np.array(MOTIVE_CODES, dtype=object)[p.motive[sel]], pa.string()),
    }
    return [Output("GBAMIGRATIEBUS", None, mig), Output("MIGMOTIEFBUS", None, mot)]
