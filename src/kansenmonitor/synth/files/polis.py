"""SPOLISBUS (2010+) and POLISBUS (2006-2009, POLIS names) per reporting year."""

from __future__ import annotations

from kansenmonitor.sources.spec import POLISBUS
from kansenmonitor.synth.files import Output

SOURCES = ("SPOLISBUS", "POLISBUS")
_TO_POLIS = {new: old for old, new in POLISBUS.rename_to_successor.items()}


def build(w):
    for year in range(w.first_year, w.last_year + 1):
        cols = dict(w.polis(year).table)
        if year < 2016:  # contract hours exist from 2016 (cbs-sources §6.3; indicators.md §3)
            cols.pop("SAANTCTRCTURENPWK", None)
        if year >= 2010:
            yield Output("SPOLISBUS", year, cols)
        else:
            polis = {}
            for k, v in cols.items():
                name = _TO_POLIS.get(k, k)
                if name in POLISBUS.variable_names:
                    polis[name] = v
            yield Output("POLISBUS", year, polis)
        del cols
        w.drop_polis_table(year)  # keep the per-person sums, free the records
