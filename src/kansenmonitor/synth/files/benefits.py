"""BIJSTANDPERSOONBUS, WWPERSOONBUS, AOTOTPERSOONBUS: entitlement spells (documented default
layout, cbs-sources §14-16: variable names are not public).

Spells follow the monthly model: they start on the day the benefit state starts, end the
day before the next state starts (or at emigration/death), may run on for some months
while work is the main income (partial WW, bijstand supplement), and are open (20501231)
when still running at the end of the window. Subtypes: bijstand / IOAW / IOAZ / Bbz /
Wwik; WAO / WAZ / Wajong / WIA-WGA / WIA-IVA.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth.files import Output

SOURCES = ("BIJSTANDPERSOONBUS", "WWPERSOONBUS", "AOTOTPERSOONBUS")
_SPEC = (("BIJ", "BIJSTANDPERSOONBUS", "BIJSTAND", "BIJSTANDSOORT"), ("WW", "WWPERSOONBUS", "WW", "WWSOORT"),
         ("AO", "AOTOTPERSOONBUS", "AO", "AOSOORT"))


def build(w) -> list[Output]:
    out = []
    for key, source, prefix, kind_var in _SPEC:
        s = w.benefits[key]
        order = np.lexsort((s.start, s.row))
        rows = s.row[order]
        cols = {"RINPERSOONS": pa.array(np.full(len(rows), "R", dtype=object), pa.string()),
                "RINPERSOON": w.rin.take(pa.array(rows)),
                f"AANV{prefix}": cal.date_strings(s.start[order]),
                f"EIND{prefix}": cal.date_strings(s.end[order]),
                kind_var: pc.cast(pa.array(s.kind[order].astype(np.int64)), pa.string())}
        out.append(Output(source, None, cols))
    return out
