"""Asylum status holder: yes / no (report §7.2.5; cbs-sources.md §4).

Definition: a person whose migration motive in MIGMOTIEFBUS is asylum
(:data:`kansenmonitor.sources.codelists.ASYLUM_MOTIVES`: asylum and asylum family
reunification). MIGMOTIEFBUS keeps the first migration since 1998; the motive used is that
of the person's earliest record starting on or after 1 January 1998 with a known motive.

Choices: the status is a characteristic of the person, the same in every reference year
(a status holder stays one after naturalisation, as in CBS's asylum-cohort statistics).
Everyone without an asylum motive is ``no``, including persons without a migration
background and persons who are not in MIGMOTIEFBUS (born in the Netherlands, or migrated
before 1998).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kansenmonitor.frame._arrays import code_in, codes, day_number, day_numbers
from kansenmonitor.sources.codelists import ASYLUM_MOTIVES

#: MIGMOTIEFBUS starts with migrations from this date (cbs-sources.md §4).
MOTIVES_FROM = (1998, 1, 1)


def first_motive(person: Any, start: Any, motive: Any) -> pd.Series:
    """The motive of each person's earliest record since 1998 with a known motive (indexed by person)."""
    m = codes(motive)
    df = pd.DataFrame({"person": np.asarray(person), "start": day_numbers(start), "motive": m})
    df = df[df["motive"].notna() & df["start"].notna() & (df["start"] >= day_number(*MOTIVES_FROM))]
    df = df.sort_values(["person", "start"], kind="stable").drop_duplicates("person", keep="first")
    return pd.Series(df["motive"].to_numpy(dtype=object), index=df["person"].to_numpy())


def asylum_status(persons: Any, motive_person: Any, motive_start: Any, motive: Any) -> np.ndarray:
    """``yes`` / ``no`` for each of ``persons`` from MIGMOTIEFBUS records (person, start, motive)."""
    first = first_motive(motive_person, motive_start, motive)
    mine = pd.Series(np.asarray(persons)).map(first).to_numpy(dtype=object, na_value=None)
    return np.where(code_in(np.asarray(mine, dtype=object), ASYLUM_MOTIVES), "yes", "no").astype(object)
