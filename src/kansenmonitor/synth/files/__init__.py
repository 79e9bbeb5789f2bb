"""One small module per CBS file (or family of files).

A person-level module has ``SOURCES`` (the spec names it writes) and
``build(world) -> Iterator[Output]``, called once per person bucket; a reference module has
``build_global(globals) -> Iterator[Output]``, called once. An :class:`Output` is the
source name, the file year (``None`` for longitudinal and reference files, which are
named after the last year) and the columns under their spec.py names. Adding a file
means adding a module here and listing it in :data:`PERSON_MODULES` or
:data:`GLOBAL_MODULES`; the writer checks the columns against spec.py.
"""

from __future__ import annotations

from typing import NamedTuple


class Output(NamedTuple):
    source: str
    year: int | None
    columns: dict


from kansenmonitor.synth.files import (address, benefits, ebb, gba, hoogsteopl, income, migration,  # noqa: E402
                                       onderwijs, polis, reference, reintegration, secm)

PERSON_MODULES = (gba, address, migration, secm, polis, income, hoogsteopl, onderwijs, benefits, reintegration, ebb)
GLOBAL_MODULES = (reference, onderwijs)


def sources_generated() -> list[str]:
    out = []
    for m in PERSON_MODULES + GLOBAL_MODULES:
        out.extend(getattr(m, "SOURCES", ()) + getattr(m, "GLOBAL_SOURCES", ()))
    return sorted(set(out))
