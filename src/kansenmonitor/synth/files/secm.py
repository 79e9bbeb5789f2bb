"""SECMBUS: socio-economic category per month as spells (cbs-sources §5).

The monthly category is the main state of the model (own business and full-time
education take priority; a student with a side job is "26"); a spell changes when the
category or any XKOPPEL...SECM flag changes, and spells start and end on month
boundaries. The file covers the simulated window (from January of the year before the
first reporting year); a state already running then keeps its earlier start date.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth.files import Output
from kansenmonitor.synth.spells import FLAG_NAMES, secm_spells

SOURCES = ("SECMBUS",)


def build(w) -> list[Output]:
    rows, start, end, code, flags = secm_spells(w.careers, w.secm)
    cols = {
        "RINPERSOONS": pa.array(np.full(len(rows), "R", dtype=object), pa.string()),
        "RINPERSOON": w.rin.take(pa.array(rows)),
        "AANVSECM": cal.date_strings(start),
        "EINDSECM": cal.date_strings(end),
        "SECM": pc.cast(pa.array(code.astype(np.int64)), pa.string()),
    }
    for i, name in enumerate(FLAG_NAMES):
        cols[name] = pa.array(np.where((flags >> i) & 1, "1", "0").astype(object), pa.string())
    return [Output("SECMBUS", None, cols)]
