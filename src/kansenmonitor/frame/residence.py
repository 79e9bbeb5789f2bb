"""Length of residence in the Netherlands on 1 January: newcomers and settled migrants (report §2.2).

Definition (report §2.2, after SEO 2018; indicators.md §2):

- Reference date 1 January of year *t*. Periods in the Netherlands are **summed over
  re-migrations** (GBAMIGRATIEBUS): an immigration (MIGRATIESOORT ``I``) or administrative
  addition (``A``) opens a period, an emigration (``E``) or administrative removal (``V``)
  closes it; a period runs from the movement date to the next movement (or the reference
  date).
- ``new`` (newcomer): more than 6 months and at most 5 years.
- at most 6 months: excluded from the analysis (``newcomer_6m``).
- ``old`` (settled): more than 5 years; also all second generation, and first generation
  without a known migration date (settled before GBAMIGRATIEBUS starts, 1 October 1994).

Choices:

- *Exactly 5 years*: the report says newcomers stay "maximaal vijf jaar" and settled
  migrants "minstens vijf jaar", so exactly five years fits both; cube.md and
  indicators.md make it ``new`` (≤ 5 years), and so does this module.
- *Calendar months and years*: "6 months" and "5 years" are the calendar intervals before
  the reference date, in days: 1 July *t*-1 to 1 January *t* (184 days) and 1 January
  *t*-5 to 1 January *t* (1826 or 1827 days). A single stay starting on 1 July *t*-1 is
  therefore exactly 6 months (excluded), one starting on 1 January *t*-5 exactly 5 years
  (``new``). A period counts from its first day up to, not including, the day of the next
  movement.
- *Earliest movement an emigration*: the person lived here before the file starts, i.e.
  with no known migration date, so ``old`` (report: such persons "hebben zich naar
  verwachting voor het begin van het GBAMIGRATIEBUS bestand (1 oktober 1994) hier
  gevestigd"). Their counted days start on 1 October 1994 (a lower bound).
- *No migration background*: not applicable (None). The report splits by residence duration
  *within* the group with a migration background; giving the reference group ``old`` would
  make a cube cell ``residence=old`` mix settled migrants with persons without a migration
  background.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kansenmonitor.frame._arrays import OPEN_END, code_in, codes, day_number, day_numbers

#: First date covered by GBAMIGRATIEBUS (report §2.2).
GBAMIGRATIEBUS_START = "1994-10-01"
#: MIGRATIESOORT codes (codelists.MIGRATIESOORT) that open / close a period in the Netherlands.
IN_MOVEMENTS: frozenset[str] = frozenset({"I", "A"})
OUT_MOVEMENTS: frozenset[str] = frozenset({"E", "V"})


def six_months_days(year: int) -> int:
    """Days from 1 July ``year``-1 to 1 January ``year`` (the 6-month threshold)."""
    return day_number(year) - day_number(year - 1, 7, 1)


def five_years_days(year: int) -> int:
    """Days from 1 January ``year``-5 to 1 January ``year`` (the 5-year threshold)."""
    return day_number(year) - day_number(year - 5)


def days_in_netherlands(person: Any, movement_date: Any, movement_kind: Any,
                        years: list[int]) -> pd.DataFrame:
    """Days lived in the Netherlands before 1 January of each year, summed over stays.

    Input: one row per movement (person id, AANVANGMIGRATIEDATUM, MIGRATIESOORT). Movements
    without a date or with an unknown kind are ignored. Output: one row per (person, year)
    for persons with at least one usable movement, with ``days`` (int) and
    ``settled_before_start`` (the person's earliest movement is an emigration or removal).
    """
    kind = codes(movement_kind)
    ev = pd.DataFrame({"person": np.asarray(person), "d": day_numbers(movement_date),
                       "is_in": code_in(kind, IN_MOVEMENTS), "is_out": code_in(kind, OUT_MOVEMENTS)})
    ev = ev[ev["d"].notna() & (ev["is_in"] | ev["is_out"])]
    if ev.empty:
        return pd.DataFrame({"person": pd.Series([], dtype=ev["person"].dtype), "year": pd.Series([], dtype=np.int64),
                             "days": pd.Series([], dtype=np.int64), "settled_before_start": pd.Series([], dtype=bool)})
    ev["d"] = ev["d"].astype(np.int64)
    # on one day, a closing movement is taken before an opening one (the person ends "in")
    ev = ev.sort_values(["person", "d", "is_in"], kind="stable")
    first = ev.groupby("person", sort=False).head(1)
    settled = first.loc[first["is_out"], "person"]
    # persons settled before the file starts: an implicit opening on its first day
    start = day_number(*map(int, GBAMIGRATIEBUS_START.split("-")))
    if len(settled):
        implicit = pd.DataFrame({"person": settled.to_numpy(), "d": start, "is_in": True, "is_out": False})
        implicit = implicit.merge(first[["person", "d"]].rename(columns={"d": "d0"}), on="person")
        implicit = implicit[implicit["d"] < implicit["d0"]].drop(columns="d0")
        ev = pd.concat([implicit, ev], ignore_index=True).sort_values(["person", "d", "is_in"], kind="stable")
    nxt = ev.groupby("person", sort=False)["d"].shift(-1)
    ev["next"] = nxt.fillna(OPEN_END).astype(np.int64)
    opens = ev[ev["is_in"]]
    persons = ev["person"].drop_duplicates().to_numpy()
    frames = []
    for t in years:  # a handful of reference years, each fully vectorised
        ref = day_number(t)
        span = np.clip(np.minimum(opens["next"].to_numpy(), ref) - opens["d"].to_numpy(), 0, None)
        days = pd.Series(span, index=opens["person"].to_numpy()).groupby(level=0).sum()
        frames.append(pd.DataFrame({"person": persons, "year": t,
                                    "days": days.reindex(persons, fill_value=0).to_numpy(dtype=np.int64)}))
    out = pd.concat(frames, ignore_index=True)
    out["settled_before_start"] = out["person"].isin(settled.to_numpy())
    return out


def residence_class(gen: Any, days: Any, settled_before_start: Any, year: int | np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Residence-duration code and the ≤ 6 months exclusion flag per person-year.

    ``gen``: generation codes (``none``/``1``/``2``); ``days``: days in the Netherlands
    before 1 January (NaN when the person has no movement in GBAMIGRATIEBUS);
    ``settled_before_start``: earliest movement is an emigration. Returns
    (codes ``new``/``old``/None, ``newcomer_6m`` booleans).
    """
    g = np.asarray(gen, dtype=object)
    d = np.asarray(days, dtype=np.float64)
    settled = np.asarray(settled_before_start, dtype=bool)
    t = np.broadcast_to(np.asarray(year, dtype=np.int64), g.shape)
    uniq, inv = np.unique(t, return_inverse=True)
    six = np.array([six_months_days(int(y)) for y in uniq])[inv.reshape(g.shape)]
    five = np.array([five_years_days(int(y)) for y in uniq])[inv.reshape(g.shape)]
    first = g == "1"
    known_date = first & ~np.isnan(d) & ~settled
    newcomer_6m = known_date & (d <= six)
    out = np.full(len(g), None, dtype=object)
    out[g == "2"] = "old"
    out[first & ~known_date] = "old"
    out[known_date & (d > six) & (d <= five)] = "new"
    out[known_date & (d > five)] = "old"
    return out, newcomer_6m
