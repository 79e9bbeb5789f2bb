"""Indicators 4-18 (report §4.2): their measures as data, and one person bucket's cells.

Every measure is a row of :data:`MEASURES`: the indicator and variant, the statistic
(share or mean), the population (an SQL condition on the person-year row) and the outcome
(an SQL expression). The person-year row joins the frame (``kansenmonitor.frame``) with
the person-year outcomes of ``person_year.py`` (employee jobs from SPOLISBUS, months per
SECM category, personal income). A person outside an indicator's population gets a null
outcome and is left out of its cells; nothing else is dropped.

Adding a variant or an indicator computed from the same person-year facts is a new row
here, not new code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import duckdb
import pandas as pd

from kansenmonitor.frame.build import in_population
from kansenmonitor.indicators.cells import GROUP_COLUMNS, CellIds, cell_ids_sql, fetch_df, person_cells_sql
from kansenmonitor.indicators.conventions import SUBSTANTIAL_MIN_WEEKLY_HOURS, hourly_wml
from kansenmonitor.indicators.person_year import (
    employee_person_year_sql,
    income_person_year_sql,
    secm_person_year_sql,
)

Inputs = dict[str, list[str]]


@dataclass(frozen=True)
class Measure:
    """One figure family of an indicator: population and outcome as SQL over the person-year row.

    Columns available: the frame's breakdown codes; ``e_*`` employee outcomes (null when the
    person has no substantial job), ``s_*`` months per SECM category (0 when none), ``i_*``
    personal income (null when not observed), and ``wml_hourly`` (the year's hourly WML).
    """

    indicator: str
    variant: str
    kind: Literal["share", "mean"]
    population: str
    y: str
    first_year: int | None = None


EMPLOYEE = "e_employee"
SELF_EMPLOYED = "s_months_self_employed > 0"
#: Income from own business that makes self-employment count as work: 12 hours a week at
#: the hourly WML over the months self-employed (indicators.md §3); and a full-time WML.
WML12_OVER_MONTHS = f"wml_hourly * {SUBSTANTIAL_MIN_WEEKLY_HOURS} * 52.0 / 12.0 * s_months_self_employed"
WML40_OVER_MONTHS = "wml_hourly * 40.0 * 52.0 / 12.0 * s_months_self_employed"

MEASURES: tuple[Measure, ...] = (
    Measure("A04", "", "share", EMPLOYEE, "e_permanent"),
    Measure("A05", "", "share", "true", f"({SELF_EMPLOYED})::DOUBLE"),
    Measure("A05", "inc_lt_wml12", "share", "true",
            f"coalesce({SELF_EMPLOYED} AND i_primary < {WML12_OVER_MONTHS}, false)::DOUBLE"),
    Measure("A05", "inc_wml12_to_wml40", "share", "true",
            f"coalesce({SELF_EMPLOYED} AND i_primary >= {WML12_OVER_MONTHS} "
            f"AND i_primary < {WML40_OVER_MONTHS}, false)::DOUBLE"),
    Measure("A05", "inc_ge_wml40", "share", "true",
            f"coalesce({SELF_EMPLOYED} AND i_primary >= {WML40_OVER_MONTHS}, false)::DOUBLE"),
    Measure("A06", "", "mean", EMPLOYEE, "e_contract_hours_pw", first_year=2016),
    Measure("A07", "paid", "mean", EMPLOYEE, "e_paid_hours_pw"),
    Measure("A07", "base", "mean", EMPLOYEE, "e_base_hours_pw"),
    Measure("A07", "paid_zero_hours", "mean", f"{EMPLOYEE} AND e_zero_hours", "e_paid_hours_pw", first_year=2016),
    Measure("A07", "base_zero_hours", "mean", f"{EMPLOYEE} AND e_zero_hours", "e_base_hours_pw", first_year=2016),
    Measure("A08", "", "mean", EMPLOYEE, "e_hourly_wage"),
    Measure("A09", "primary", "mean", "true", "i_primary"),
    Measure("A09", "personal", "mean", "true", "i_personal"),
    Measure("A09", "gross", "mean", "true", "i_gross"),
    Measure("A10", "le1", "share", EMPLOYEE, "(e_concurrent_jobs <= 1)::DOUBLE"),
    Measure("A10", "1to2", "share", EMPLOYEE, "(e_concurrent_jobs > 1 AND e_concurrent_jobs <= 2)::DOUBLE"),
    Measure("A10", "gt2", "share", EMPLOYEE, "(e_concurrent_jobs > 2)::DOUBLE"),
    *(Measure(ind, "", "share", "true", f"(s_months_{name} > 0)::DOUBLE")
      for ind, name in (("A11", "ww"), ("A12", "bijstand"), ("A13", "aozw"), ("A14", "other_benefit"))),
    *(Measure(ind, "", "mean", f"s_months_{name} > 0", f"s_months_{name}::DOUBLE")
      for ind, name in (("A15", "ww"), ("A16", "bijstand"), ("A17", "aozw"), ("A18", "other_benefit"))),
)

#: Sources the foundation indicators read (besides the frame's).
SOURCES: tuple[str, ...] = ("SPOLISBUS", "SECMBUS", "INPATAB")


def relation(inputs: Inputs, name: str, bucket: int | None, year: int | Sequence[int] | None = None) -> str:
    """A staged source restricted to one bucket (and a year or years): hive partitions prune
    the files."""
    globs = ", ".join(f"'{g}'" for g in inputs[name])
    where = []
    if bucket is not None:
        where.append(f"bucket = {int(bucket)}")
    if isinstance(year, int):
        where.append(f"year = {int(year)}")
    elif year is not None:
        where.append(f"year IN ({', '.join(str(int(y)) for y in year)})")
    condition = " AND ".join(where) or "true"
    return (f"(SELECT * FROM read_parquet([{globs}], hive_partitioning = true, union_by_name = true) "
            f"WHERE {condition})")


def person_year_sql(inputs: Inputs, bucket: int | None, year: int, frame_table: str,
                    secm_table: str = "secm_py") -> str:
    """One row per frame person of ``year`` (in the frame) with every outcome column.

    ``secm_table`` holds :func:`~kansenmonitor.indicators.person_year.secm_person_year_sql`
    of the bucket for all years (made once per bucket by :func:`bucket_cells`)."""
    parts = [f"SELECT f.*, {hourly_wml(year)}::DOUBLE AS wml_hourly"]
    joins = []
    if "SPOLISBUS" in inputs:
        spolis = relation(inputs, "SPOLISBUS", bucket, year)
        parts.append(", e.RINPERSOON IS NOT NULL AS e_employee, e.permanent AS e_permanent, "
                     "e.contract_hours_pw AS e_contract_hours_pw, e.paid_hours_pw AS e_paid_hours_pw, "
                     "e.base_hours_pw AS e_base_hours_pw, e.zero_hours AS e_zero_hours, "
                     "e.hourly_wage AS e_hourly_wage, e.concurrent_jobs AS e_concurrent_jobs")
        joins.append(f"LEFT JOIN ({employee_person_year_sql(spolis, year)}) e "
                     "ON e.RINPERSOONS = f.RINPERSOONS AND e.RINPERSOON = f.RINPERSOON")
    if "SECMBUS" in inputs:
        parts.append(", " + ", ".join(f"coalesce(s.months_{m}, 0) AS s_months_{m}" for m in
                                      ("ww", "bijstand", "aozw", "other_benefit", "self_employed")))
        joins.append(f"LEFT JOIN {secm_table} s ON s.RINPERSOONS = f.RINPERSOONS AND s.RINPERSOON = f.RINPERSOON "
                     f"AND s.year = {int(year)}")
    if "INPATAB" in inputs:
        inpa = relation(inputs, "INPATAB", bucket, year)
        parts.append(", i.income_primary AS i_primary, i.income_personal AS i_personal, "
                     "i.income_gross AS i_gross")
        joins.append(f"LEFT JOIN ({income_person_year_sql(inpa)}) i "
                     "ON i.RINPERSOONS = f.RINPERSOONS AND i.RINPERSOON = f.RINPERSOON")
    return (" ".join(parts) + f" FROM {frame_table} f " + " ".join(joins)
            + f" WHERE f.year = {int(year)} AND f.in_frame")


def measures_available(inputs: Inputs) -> list[Measure]:
    """The measures whose sources are in ``inputs`` (a catalog may lack a source)."""
    needs = {"e_": "SPOLISBUS", "s_": "SECMBUS", "i_": "INPATAB"}
    return [m for m in MEASURES
            if all(src in inputs for prefix, src in needs.items() if prefix in m.y or prefix in m.population)]


def finest_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's breakdown columns with a code for every person: ``residence`` is ``na``
    for persons without a migration background, any other missing value ``unk`` (unknown
    municipality, country of birth, sex). Nobody falls out of the totals for lack of a code."""
    out = frame.copy()
    for column in GROUP_COLUMNS:
        if column not in out.columns:
            continue
        values = out[column].astype(object)
        if column == "residence" and "migration" in out.columns:
            values = values.where(values.notna() | (out["migration"].astype(object) != "none"), "na")
        out[column] = values.where(values.notna(), "unk")
    return out


#: The table of a bucket's numbered finest cells (cells.CellIds) beside ``frame_t``.
FRAME_CELLS = "frame_cells"
#: Column of ``frame_t``: in the population of the indicators that keep pupils and
#: students (19-26 and the input indicators; report §2.1). ``in_frame`` implies it.
IN_FRAME_STUDENTS = "in_frame_students"


def load_frame_table(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, table: str = "frame_t",
                     cells_table: str = FRAME_CELLS) -> CellIds:
    """The frame's person-years in the frame *or* excluded only for being a pupil/student,
    with their finest codes and cell number (column ``cell``), as the DuckDB table
    ``table``; the numbered cells as ``cells_table``.

    ``in_frame`` says who is in the population of most indicators; ``in_frame_students``
    (:data:`IN_FRAME_STUDENTS`) who is in the population of indicators 19-26 and the input
    indicators, which keep pupils and students (report §2.1). Both share the cell numbers.

    Copied once: scanning a pandas frame of strings again for every year and measure would
    convert its object columns every time."""
    with_students = in_population(frame, keep=("student",))
    coded = finest_codes(frame[with_students].assign(**{IN_FRAME_STUDENTS: True}))
    dims = tuple(c for c in GROUP_COLUMNS if c in coded.columns)
    con.register("frame_df", coded)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {cells_table} AS {cell_ids_sql('frame_df', dims)}")
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT f.*, c.cell FROM frame_df f "
                    f"JOIN {cells_table} c ON " + " AND ".join(f"c.{d} IS NOT DISTINCT FROM f.{d}" for d in dims))
    finally:
        con.unregister("frame_df")
    return CellIds(cells_table, dims)


def bucket_cells(con: duckdb.DuckDBPyConnection, inputs: Inputs, frame: pd.DataFrame, years: Sequence[int],
                 bucket: int | None, measures: Sequence[Measure] | None = None,
                 keep_frame: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cell statistics of one bucket for ``measures`` (default: all available) and ``years``;
    with ``keep_frame`` the frame stays in DuckDB as ``frame_t`` with its numbered cells
    ``frame_cells`` (for the dynamic indicators).

    Returns the cells and a population log: per (indicator, variant, year) the persons in
    the population and those of them whose outcome is unknown (left out of the figure, e.g.
    income not observed).
    """
    measures = list(measures) if measures is not None else measures_available(inputs)
    by = [c for c in GROUP_COLUMNS if c in frame.columns]
    ids = load_frame_table(con, frame)
    if "SECMBUS" in inputs:
        con.execute("CREATE OR REPLACE TEMP TABLE secm_py AS "
                    + secm_person_year_sql(relation(inputs, "SECMBUS", bucket), min(years), max(years)))
    cells, logs = [], []
    for year in years:
        con.execute(f"CREATE OR REPLACE TEMP TABLE py AS {person_year_sql(inputs, bucket, year, 'frame_t')}")
        active = [m for m in measures if m.first_year is None or year >= m.first_year]
        # one stacked source and one aggregation per statistic, not a query per measure
        for kind in dict.fromkeys(m.kind for m in active):
            stacked = " UNION ALL ".join(
                f"SELECT '{m.indicator}' AS indicator, '{m.variant}' AS variant, year, cell, "
                f"CASE WHEN {m.population} THEN {m.y} END AS y FROM py" for m in active if m.kind == kind)
            cells.append(fetch_df(con, person_cells_sql(f"({stacked})", y="y", kind=kind, by=by, cells=ids)))
        if active:
            counts = con.execute("SELECT " + ", ".join(
                f"count(*) FILTER (WHERE {m.population}), count(*) FILTER (WHERE ({m.population}) AND ({m.y}) IS NULL)"
                for m in active) + " FROM py").fetchone()
            for i, m in enumerate(active):
                logs.append({"indicator": m.indicator, "variant": m.variant, "year": year, "bucket": bucket,
                             "population": counts[2 * i], "outcome_unknown": counts[2 * i + 1]})
    con.execute("DROP TABLE IF EXISTS py")
    if not keep_frame:
        con.execute("DROP TABLE IF EXISTS frame_t")
        con.execute(f"DROP TABLE IF EXISTS {ids.table}")
    con.execute("DROP TABLE IF EXISTS secm_py")
    return (pd.concat(cells, ignore_index=True) if cells else pd.DataFrame()), pd.DataFrame(logs)
