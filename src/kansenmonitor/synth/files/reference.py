"""Reference files written once: LANDAKTUEELREF, GEMEENTEREGIO, VSLGWBTAB, OPLEIDINGSNRREF."""

from __future__ import annotations

from kansenmonitor.synth.countries import landaktueelref_table
from kansenmonitor.synth.education import opleidingsnrref_table
from kansenmonitor.synth.files import Output
from kansenmonitor.synth.geography import gemeenteregio_table, vslgwbtab_chunks

SOURCES = ("LANDAKTUEELREF", "GEMEENTEREGIO", "VSLGWBTAB", "OPLEIDINGSNRREF")


def build_global(g):
    yield Output("LANDAKTUEELREF", None, _cols(landaktueelref_table()))
    yield Output("GEMEENTEREGIO", 2023, _cols(gemeenteregio_table(g.geo)))
    yield Output("OPLEIDINGSNRREF", None, _cols(opleidingsnrref_table()))
    years = range(g.cfg.years[0] - 1, g.cfg.years[1] + 1)
    for chunk in vslgwbtab_chunks(g.geo, years):
        yield Output("VSLGWBTAB", None, _cols(chunk))


def _cols(t):
    return {name: t.column(name).combine_chunks() for name in t.column_names}
