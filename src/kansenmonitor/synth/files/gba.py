"""GBAPERSOONTAB: one row per person ever registered since 1995 (cbs-sources §1)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.synth import calendar as cal
from kansenmonitor.synth import countries as C
from kansenmonitor.synth.files import Output

SOURCES = ("GBAPERSOONTAB",)
_CODES = pa.array(list(C.CODES), pa.string())


def build(w) -> list[Output]:
    p = w.persons
    ymd = cal.ymd_int(p.birth)
    y, m, d = ymd // 10000, (ymd // 100) % 100, ymd % 100
    n_abroad = (p.mother_country != C.NL_CODE).astype(np.int8) + (p.father_country != C.NL_CODE).astype(np.int8)
    cols = {
        "RINPERSOONS": pa.array(np.full(p.n, "R", dtype=object), pa.string()),
        "RINPERSOON": w.rin,
        "GBAGESLACHT": pa.array(np.where(p.sex == 0, "1", "2").astype(object), pa.string()),
        "GBAGEBOORTEJAAR": pc.cast(pa.array(y), pa.string()),
        "GBAGEBOORTEMAAND": cal.int_strings(m, 2),
        "GBAGEBOORTEDAG": cal.int_strings(d, 2),
        "GBAGEBOORTELAND": _CODES.take(pa.array(p.birth_country)),
        "GBAGEBOORTELANDMOEDER": _CODES.take(pa.array(p.mother_country)),
        "GBAGEBOORTELANDVADER": _CODES.take(pa.array(p.father_country)),
        "GBAGEBOORTELANDNL": pa.array(np.where(p.born_nl, "1", "0").astype(object), pa.string()),
        "GBAAANTALOUDERSBUITENLAND": pc.cast(pa.array(n_abroad), pa.string()),
        "GBAGENERATIE": pc.cast(pa.array(p.gen), pa.string()),
        "GBAHERKOMSTGROEPERING": _CODES.take(pa.array(p.origin_country)),
        "GBAHERKOMSTLAND": _CODES.take(pa.array(p.origin_country)),
    }
    return [Output("GBAPERSOONTAB", None, cols)]
