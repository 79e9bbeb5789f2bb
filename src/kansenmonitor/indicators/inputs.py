"""Input indicators from microdata (report §3.2.1 municipalities, §3.4 UWV; indicators.md §5).

**Inflow cohorts.** A person flows into a benefit on day *d* when a spell of that benefit
(BIJSTANDPERSOONBUS; WWPERSOONBUS; AOTOTPERSOONBUS, Wajong or WIA-WGA) starts on *d* and
no spell of the same benefit covers any of the :data:`INFLOW_GAP_DAYS` days before *d*
(**choice**: a gap of at most a month is a continuation, as the dynamics bridge one month,
report §5.2). The cohort of year *t* holds the persons of the frame of *t* who flow in
during *t*, pupils and students kept (``frame_t.in_frame_students``, report §3.2.1 "Bij deze
vraag laten we studenten ... niet buiten beschouwing", §3.4 the same); a person who flows
in more than once in *t* counts once, with the **first** inflow of the year. Breakdown codes
are those of the frame year *t*.

**Follow-up.** Twelve months from the inflow day: the window ``[d, d + 12 months)``; month
*k* (1-12) of the follow-up is ``[d + (k - 1) months, d + k months)``, so a provision starting
on ``d + 12 months`` or later (month 13) does not count. **Months to the first provision**
are the whole months elapsed from *d* to its start (0-11), and 12 when none starts in the
window (report "met een maximum van een jaar"). A cohort whose windows run past the data
(after 31 December of the run's last year, or into years whose provision register is not
in the catalog) is **censored** as a whole: its members' outcomes are unknown, logged as
``outcome_unknown``, never counted as "no provision", and the year gives no figure (its
observed part would hold only the early inflows of the year); so the cohort of the run's
last year gives none. A person who leaves the country during the window stays in it
(provisions and trajectories are for residents; leaving ends the chance of one as leaving
the benefit does).

**Which spells.** Every spell of BIJSTANDPERSOONBUS counts (algemene bijstand, IOAW, IOAZ,
Bbz: the report reads the file as a whole) and every spell of WWPERSOONBUS; for the
disability cohorts see below. A record of SIRWWPERSOONBUS / SIRAGPERSOONBUS is one
trajectory, so its first day is a start.

**Started within 12 months** (**choice**, the report's "welke voorzieningen zij krijgen" and
"start van de eerste voorziening na instroom"): a provision or trajectory counts when it
*starts* in the window; one already running at the inflow was not given after it.

I1 (§3.2.1): provisions from SRGPERSOONPWETBUS (2015-2018) and PWETSRGPERSOONBUS (2019+).
A record holds the number of services of each type over a period and a new record starts
when any count changes, so a provision of type *X* starts on the first day of a run of
records with a positive count of *X* that does not continue one ending the day before (a
provision running from 2018 into 2019 is one provision across the register switch; a
cohort whose window crosses 1 January 2019 reads both files).

==========  ======================================================================================
I1a <type>  share with a provision of the type starting in the window; the six types asked in
            both registers every year (:data:`OLD_TYPES`: wage-cost subsidy incl. temporary and
            flat-rate, WIW/ID job, sheltered work, participation place, job coach, transport),
            the eight new types (:data:`NEW_TYPES`) for cohorts from 2019 (their whole window
            lies in the new register)
I1b         at least one of the old types, transport excluded (:data:`WORK_TYPES`)
I1c         any provision: the old types, and for cohorts from 2019 every type (**choice**: only
            types asked throughout the window, so a 2018 cohort is not half on the new list)
I1d / I1e   months to the first provision of (b) / of (c), 12 when none
I1f         share of the time in assistance in the window during which a provision of (b)
            runs: days on bijstand with such a provision / days on bijstand, both within the
            window; persons pooled (each weighs with their months on bijstand, as A27)
I2a         share with a trajectory (a record of SIRWWPERSOONBUS for WW, SIRAGPERSOONBUS for
            Wajong and WIA) starting in the window; variants ``ww``, ``wajong``, ``wia``
I2b         months to the first trajectory, 12 when none
I2c         share of the time on the benefit in the window spent in a trajectory (pooled)
==========  ======================================================================================

Disability (§3.4 advice): Wajong (AOSOORT 3) and WIA-WGA (4) are separate cohorts; WIA-IVA
(5, fully and permanently disabled, no re-integration) is excluded: an IVA spell is no
inflow into ``wia`` and IVA time is not benefit time of the ``wia`` cohort. WAO and WAZ take
no new inflow since 2006 / 2004 and are left out.

The non-benefit group (NUG, I1g and I1h) needs a person's partner, who usually sits in
another person bucket; see :func:`household_rows_sql` and :func:`household_pass_cells`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import duckdb
import pandas as pd

from kansenmonitor.indicators.cells import GROUP_COLUMNS, CellIds, fetch_df, person_cells_sql
from kansenmonitor.indicators.conventions import bijstand_couple_norm_yearly
from kansenmonitor.indicators.foundation import FRAME_CELLS, IN_FRAME_STUDENTS, relation
from kansenmonitor.indicators.person_year import INCOME_CAP, PERSON_KEY
from kansenmonitor.sources import codelists as cl
from kansenmonitor.sources import spec

Inputs = dict[str, list[str]]

#: A spell starting within this many days after the end of a spell of the same benefit
#: continues it (no inflow).
INFLOW_GAP_DAYS = 31
#: Follow-up after inflow, months (report: "een jaar vooruit").
FOLLOW_UP_MONTHS = 12
#: First day of PWETSRGPERSOONBUS (SRGPERSOONPWETBUS covers 2015-2018).
REGISTER_SWITCH = "2019-01-01"
SRG_FIRST_DAY = "2015-01-01"
#: Provision types asked the same way 2015-2019 (report §3.2.1 a) and the 2019 additions.
OLD_TYPES: tuple[str, ...] = tuple(cl.PWET_PROVISIONS_OLD)
NEW_TYPES: tuple[str, ...] = tuple(t for t in cl.PWET_PROVISIONS_NEW if t not in cl.PWET_PROVISIONS_OLD)
TRANSPORT = "VERVOER"
#: Provisions of I1b, I1d, I1f: the old types, transport excluded ("direct met het werk te maken").
WORK_TYPES: tuple[str, ...] = tuple(t for t in OLD_TYPES if t != TRANSPORT)
#: WIA-IVA: fully and permanently disabled, no re-integration (report §3.4).
AOSOORT_IVA = "5"


@dataclass(frozen=True)
class Cohort:
    """An inflow cohort: the benefit file, which of its spells count, and the follow-up file."""

    variant: str
    source: str
    kinds: tuple[str, ...] | None  # codes of the file's kind variable; None: every spell
    follow_up: tuple[str, ...]


BIJSTAND = Cohort("", "BIJSTANDPERSOONBUS", None, ("SRGPERSOONPWETBUS", "PWETSRGPERSOONBUS"))
UWV_COHORTS: tuple[Cohort, ...] = (
    Cohort("ww", "WWPERSOONBUS", None, ("SIRWWPERSOONBUS",)),
    Cohort("wajong", "AOTOTPERSOONBUS", ("3",), ("SIRAGPERSOONBUS",)),
    Cohort("wia", "AOTOTPERSOONBUS", ("4",), ("SIRAGPERSOONBUS",)),
)
assert AOSOORT_IVA not in UWV_COHORTS[2].kinds and cl.AOSOORT[AOSOORT_IVA] == "WIA-IVA"
_KIND_VARIABLE = {"BIJSTANDPERSOONBUS": "BIJSTANDSOORT", "WWPERSOONBUS": "WWSOORT", "AOTOTPERSOONBUS": "AOSOORT"}

#: Sources the input indicators read (the frame's besides).
SOURCES: tuple[str, ...] = ("BIJSTANDPERSOONBUS", "WWPERSOONBUS", "AOTOTPERSOONBUS", "SIRWWPERSOONBUS",
                            "SIRAGPERSOONBUS", "SRGPERSOONPWETBUS", "PWETSRGPERSOONBUS")


@dataclass(frozen=True)
class InputMeasure:
    """One figure family: indicator, variant, statistic, outcome and weight over a cohort row."""

    indicator: str
    variant: str
    kind: Literal["share", "mean"]
    y: str
    weight: str = "1.0"
    first_year: int | None = None


def _date(text: str) -> str:
    return f"DATE '{text}'"


def spells_sql(inputs: Inputs, source: str, bucket: int | None, kinds: Sequence[str] | None) -> str:
    """Spells ``(pk, s0, s1)`` of a benefit file (open ends as 9999-12-31), those of ``kinds``."""
    src = spec.source(source)
    start, end = src.spell
    kind_var = spec.source(source).variable(_KIND_VARIABLE[source]).name
    where = f"WHERE {kind_var} IN ({', '.join(repr(k) for k in kinds)})" if kinds else ""
    return (f"SELECT {PERSON_KEY} AS pk, {start}::DATE AS s0, coalesce({end}::DATE, DATE '9999-12-31') AS s1 "
            f"FROM {relation(inputs, source, bucket)} {where}")


def inflows_sql(spells: str, years: Sequence[int]) -> str:
    """The first inflow of each person in each of ``years`` (``pk, year, d``) from ``spells``
    (module docstring: no spell of the same benefit in the :data:`INFLOW_GAP_DAYS` days before)."""
    return f"""
    WITH ordered AS (
        SELECT pk, s0, max(s1) OVER (PARTITION BY pk ORDER BY s0, s1
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end
        FROM (SELECT DISTINCT pk, s0, s1 FROM {spells})
    )
    SELECT pk, year(s0) AS year, min(s0) AS d FROM ordered
    WHERE (before_end IS NULL OR before_end < s0 - {INFLOW_GAP_DAYS})
      AND year(s0) IN ({', '.join(str(int(y)) for y in years)})
    GROUP BY pk, year(s0)
    """


def provision_records_sql(inputs: Inputs, bucket: int | None) -> str:
    """The Participatiewet provision records as ``(pk, type, p0, p1)``, one row per record and
    type with a positive count; SRGPERSOONPWETBUS records after 2018 and PWETSRGPERSOONBUS
    records before 2019 are clipped to their register's years."""
    parts = []
    for source, lo, hi in (("SRGPERSOONPWETBUS", SRG_FIRST_DAY, "2018-12-31"),
                           ("PWETSRGPERSOONBUS", REGISTER_SWITCH, "9999-12-31")):
        if source not in inputs:
            continue
        src = spec.source(source)
        start, end = src.spell
        for v in src.variables:
            if v.kind != "int":
                continue
            parts.append(f"SELECT {PERSON_KEY} AS pk, '{v.name}' AS type, greatest({start}::DATE, {_date(lo)}) AS p0, "
                         f"least(coalesce({end}::DATE, DATE '9999-12-31'), {_date(hi)}) AS p1 "
                         f"FROM {relation(inputs, source, bucket)} WHERE coalesce({v.name}, 0) > 0 "
                         f"AND {start}::DATE <= {_date(hi)} "
                         f"AND coalesce({end}::DATE, DATE '9999-12-31') >= {_date(lo)}")
    if not parts:
        return "SELECT NULL::BIGINT AS pk, NULL::VARCHAR AS type, NULL::DATE AS p0, NULL::DATE AS p1 WHERE false"
    return " UNION ALL ".join(parts)


def starts_sql(records: str, key: str) -> str:
    """Starts ``(pk, <key>, p0)``: first days of runs of ``records`` (``pk, <key>, p0, p1``) that do
    not continue a record of the same key ending the day before or later."""
    return f"""
    SELECT pk, {key}, p0 FROM (
        SELECT pk, {key}, p0, max(p1) OVER (PARTITION BY pk, {key} ORDER BY p0, p1
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end
        FROM (SELECT DISTINCT pk, {key}, p0, p1 FROM {records}))
    WHERE before_end IS NULL OR before_end < p0 - 1
    """


def _window(d: str) -> str:
    return f"({d} + INTERVAL {FOLLOW_UP_MONTHS} MONTH)::DATE"


def elapsed_months_sql(d: str, s: str) -> str:
    """Whole months from day ``d`` to day ``s`` (``d + m months <= s < d + (m + 1) months``)."""
    m = f"date_diff('month', {d}, {s})"
    return f"({m} - CASE WHEN ({d} + to_months({m}))::DATE > {s} THEN 1 ELSE 0 END)"


def overlap_days_sql(a0: str, a1: str, b0: str, b1: str) -> str:
    """Days (inclusive) shared by the intervals [a0, a1] and [b0, b1]; 0 when none."""
    return f"greatest(0, date_diff('day', greatest({a0}, {b0}), least({a1}, {b1})) + 1)"


def cohort_observed_sql(year: str, data_end: str, coverage: Sequence[tuple[str, str]]) -> str:
    """Whether every window of the cohort of ``year`` (inflow from 1 January to 31 December)
    ends by ``data_end`` and lies within the union of the follow-up registers' ``coverage``
    (first and last day each; adjacent periods join). A cohort that is not observed in full
    gives no figure: its observed part would hold only the early inflows of the year."""
    d = f"make_date({year}, 1, 1)"
    last = f"({_window(f'make_date({year}, 12, 31)')} - 1)"
    # the days [d, last] are covered when both ends fall in one merged period
    periods = sorted(coverage)
    merged: list[list[str]] = []
    for lo, hi in periods:
        if merged and pd.Timestamp(lo) <= pd.Timestamp(merged[-1][1]) + pd.Timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    inside = " OR ".join(f"({d} >= {_date(lo)} AND {last} <= {_date(hi)})" for lo, hi in merged) or "false"
    return f"({last} <= {_date(data_end)} AND ({inside}))"


def _types_in(types: Sequence[str]) -> str:
    return ", ".join(f"'{t}'" for t in types)


def _days_in_window_ctes(cohort: str, spells: str, running: str, running_days: str) -> str:
    """Two CTEs per cohort member (pk, year): ``benefit_days``, the days on the benefit
    (``spells``) in the 12-month window from the inflow day ``c.d``, and ``running_days``,
    the days of those with a provision / trajectory running (``running``: disjoint runs)."""
    win = _window("c.d")
    return f"""benefit_days AS (
        SELECT c.pk, c.year, sum({overlap_days_sql('b.s0', 'b.s1', 'c.d', f'{win} - 1')}) AS days
        FROM {cohort} c JOIN ({spells}) b ON b.pk = c.pk AND b.s0 < {win} AND b.s1 >= c.d
        GROUP BY c.pk, c.year
    ), {running_days} AS (
        SELECT c.pk, c.year,
               sum({overlap_days_sql('greatest(b.s0, r.p0)', 'least(b.s1, r.p1)', 'c.d', f'{win} - 1')}) AS days
        FROM {cohort} c JOIN ({spells}) b ON b.pk = c.pk AND b.s0 < {win} AND b.s1 >= c.d
             JOIN ({running}) r ON r.pk = c.pk AND r.p0 <= b.s1 AND r.p1 >= b.s0
        GROUP BY c.pk, c.year
    )"""


def provision_cohort_sql(cohort: str, starts: str, running: str, spells: str, data_end: str,
                         coverage: Sequence[tuple[str, str]]) -> str:
    """I1 per cohort member (``cohort``: ``pk, year, d``): ``observed`` and, when observed, the
    first start in the window per old / new type, of (b) and of (c); days on bijstand in the
    window and days of them with a provision of (b) running (``running``: disjoint runs
    ``pk, p0, p1`` of the (b) records)."""
    win = _window("c.d")
    new_ok = f"c.d >= {_date(REGISTER_SWITCH)}"
    type_cols = ", ".join(
        f"min(s.p0) FILTER (WHERE s.type = '{t}') AS first_{t.lower()}" for t in (*OLD_TYPES, *NEW_TYPES))
    return f"""
    WITH first_starts AS (
        SELECT c.pk, c.year, {type_cols},
               min(s.p0) FILTER (WHERE s.type IN ({_types_in(WORK_TYPES)})) AS first_work,
               min(s.p0) FILTER (WHERE s.type IN ({_types_in(OLD_TYPES)})
                                 OR ({new_ok} AND s.type IN ({_types_in(NEW_TYPES)}))) AS first_any
        FROM {cohort} c JOIN ({starts}) s ON s.pk = c.pk AND s.p0 >= c.d AND s.p0 < {win}
        GROUP BY c.pk, c.year
    ), {_days_in_window_ctes(cohort, spells, running, 'provision_days')}
    SELECT c.pk, c.year, c.d, {cohort_observed_sql('c.year', data_end, coverage)} AS observed,
           {new_ok} AS new_types_observed, f.* EXCLUDE (pk, year),
           coalesce(bd.days, 0) AS benefit_days, coalesce(pd.days, 0) AS provision_days
    FROM {cohort} c LEFT JOIN first_starts f USING (pk, year) LEFT JOIN benefit_days bd USING (pk, year)
         LEFT JOIN provision_days pd USING (pk, year)
    """


def trajectory_cohort_sql(cohort: str, trajectories: str, running: str, spells: str, data_end: str,
                          coverage: Sequence[tuple[str, str]]) -> str:
    """I2 per cohort member: ``observed``, the first trajectory start in the window, days on the
    benefit in the window and days of them in a trajectory (``running``: disjoint runs)."""
    win = _window("c.d")
    return f"""
    WITH first_starts AS (
        SELECT c.pk, c.year, min(t.p0) AS first_trajectory
        FROM {cohort} c JOIN ({trajectories}) t ON t.pk = c.pk AND t.p0 >= c.d AND t.p0 < {win}
        GROUP BY c.pk, c.year
    ), {_days_in_window_ctes(cohort, spells, running, 'trajectory_days')}
    SELECT c.pk, c.year, c.d, {cohort_observed_sql('c.year', data_end, coverage)} AS observed,
           f.first_trajectory, coalesce(bd.days, 0) AS benefit_days, coalesce(td.days, 0) AS trajectory_days
    FROM {cohort} c LEFT JOIN first_starts f USING (pk, year) LEFT JOIN benefit_days bd USING (pk, year)
         LEFT JOIN trajectory_days td USING (pk, year)
    """


def runs_sql(records: str) -> str:
    """Disjoint runs ``(pk, p0, p1)`` of the union of ``records`` (``pk, p0, p1``). Records are made
    distinct first: with tied rows the two window passes could order them differently and
    split one run in two."""
    return f"""
    SELECT pk, min(p0) AS p0, max(p1) AS p1 FROM (
        SELECT pk, p0, p1, sum(new_run) OVER (PARTITION BY pk ORDER BY p0, p1 ROWS UNBOUNDED PRECEDING) AS run
        FROM (SELECT pk, p0, p1,
                     CASE WHEN p0 <= max(p1) OVER (PARTITION BY pk ORDER BY p0, p1
                                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                          THEN 0 ELSE 1 END AS new_run
              FROM (SELECT DISTINCT pk, p0, p1 FROM {records})))
    GROUP BY pk, run
    """


_MONTH_DAYS = 30.4375


def _months_to(first: str) -> str:
    return f"CASE WHEN {first} IS NULL THEN 12 ELSE {elapsed_months_sql('d', first)} END"


#: I1 per cohort row (:func:`provision_cohort_sql`); null outcome = censored.
I1_MEASURES: tuple[InputMeasure, ...] = (
    *(InputMeasure("I1a", t.lower(), "share", f"(first_{t.lower()} IS NOT NULL)::DOUBLE") for t in OLD_TYPES),
    *(InputMeasure("I1a", t.lower(), "share", f"(first_{t.lower()} IS NOT NULL)::DOUBLE", first_year=2019)
      for t in NEW_TYPES),
    InputMeasure("I1b", "", "share", "(first_work IS NOT NULL)::DOUBLE"),
    InputMeasure("I1c", "", "share", "(first_any IS NOT NULL)::DOUBLE"),
    InputMeasure("I1d", "", "mean", _months_to("first_work")),
    InputMeasure("I1e", "", "mean", _months_to("first_any")),
    InputMeasure("I1f", "", "share", "provision_days / nullif(benefit_days, 0)::DOUBLE",
                 weight=f"benefit_days / {_MONTH_DAYS}"),
)
#: I2 per cohort row (:func:`trajectory_cohort_sql`); the variant is the cohort's.
I2_MEASURES: tuple[InputMeasure, ...] = (
    InputMeasure("I2a", "", "share", "(first_trajectory IS NOT NULL)::DOUBLE"),
    InputMeasure("I2b", "", "mean", _months_to("first_trajectory")),
    InputMeasure("I2c", "", "share", "trajectory_days / nullif(benefit_days, 0)::DOUBLE",
                 weight=f"benefit_days / {_MONTH_DAYS}"),
)


@dataclass
class InputCells:
    """What one bucket contributes to the input indicators."""

    cells: pd.DataFrame
    population: pd.DataFrame
    household_rows: pd.DataFrame | None  # NUG: rows for the household pass, no person keys


def _coverage_i1(inputs: Inputs) -> list[tuple[str, str]]:
    out = []
    if "SRGPERSOONPWETBUS" in inputs:
        out.append((SRG_FIRST_DAY, "2018-12-31"))
    if "PWETSRGPERSOONBUS" in inputs:
        out.append((REGISTER_SWITCH, "9999-12-31"))
    return out


def _cohort_frame_sql(inflows: str, frame_table: str) -> str:
    """Cohort members in the frame of their inflow year (students kept), with their cell."""
    return (f"SELECT i.*, f.cell FROM ({inflows}) i JOIN (SELECT *, {PERSON_KEY} AS pk FROM {frame_table} "
            f"WHERE {IN_FRAME_STUDENTS}) f ON f.pk = i.pk AND f.year = i.year")


def _measure_cells(con: duckdb.DuckDBPyConnection, table: str, measures: Sequence[InputMeasure], variant: str | None,
                   ids: CellIds, bucket: int | None) -> tuple[list[pd.DataFrame], list[dict]]:
    """Cells and population log of ``measures`` over the cohort table (censored rows: null)."""
    cells, logs = [], []
    for kind in dict.fromkeys(m.kind for m in measures):
        stacked = " UNION ALL ".join(
            f"SELECT '{m.indicator}' AS indicator, '{variant if variant is not None else m.variant}' AS variant, "
            f"year, cell, CASE WHEN observed THEN {m.y} END AS y, ({m.weight})::DOUBLE AS wt FROM {table}"
            + (f" WHERE year >= {m.first_year}" if m.first_year else "")
            for m in measures if m.kind == kind)
        con.execute(f"CREATE OR REPLACE TEMP TABLE inputs_stacked AS {stacked}")
        cells.append(fetch_df(con, person_cells_sql("inputs_stacked", y="y", kind=kind, by=list(ids.dims),
                                                  weight="wt", cells=ids)))
        for indicator, var, year, population, unknown in con.execute(
                "SELECT indicator, variant, year, count(*), count(*) FILTER (WHERE y IS NULL) "
                "FROM inputs_stacked GROUP BY ALL").fetchall():
            logs.append({"indicator": indicator, "variant": var, "year": int(year), "bucket": bucket,
                         "population": int(population), "outcome_unknown": int(unknown)})
    con.execute("DROP TABLE IF EXISTS inputs_stacked")
    return cells, logs


def _load_cohort(con: duckdb.DuckDBPyConnection, inputs: Inputs, source: str, kinds: Sequence[str] | None,
                 bucket: int | None, years: Sequence[int], frame_table: str) -> None:
    """The tables ``inputs_spells`` (the benefit's spells) and ``inputs_cohort`` (its inflow cohorts)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE inputs_spells AS {spells_sql(inputs, source, bucket, kinds)}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE inputs_cohort AS "
                f"{_cohort_frame_sql(inflows_sql('inputs_spells', years), frame_table)}")


def _provision_rows(con: duckdb.DuckDBPyConnection, inputs: Inputs, bucket: int | None, years: Sequence[int],
                    frame_table: str, data_end: str) -> None:
    """I1 per cohort member of the bijstand inflow as the table ``inputs_rows``."""
    _load_cohort(con, inputs, BIJSTAND.source, BIJSTAND.kinds, bucket, years, frame_table)
    con.execute(f"CREATE OR REPLACE TEMP TABLE inputs_records AS {provision_records_sql(inputs, bucket)}")
    running = runs_sql(f"(SELECT pk, p0, p1 FROM inputs_records WHERE type IN ({_types_in(WORK_TYPES)}))")
    per_person = provision_cohort_sql("inputs_cohort", starts_sql("inputs_records", "type"), running,
                                      "inputs_spells", data_end, _coverage_i1(inputs))
    con.execute(f"CREATE OR REPLACE TEMP TABLE inputs_rows AS SELECT r.*, c.cell FROM ({per_person}) r "
                "JOIN inputs_cohort c USING (pk, year)")


def _trajectory_rows(con: duckdb.DuckDBPyConnection, inputs: Inputs, cohort: Cohort, bucket: int | None,
                     years: Sequence[int], frame_table: str, data_end: str) -> None:
    """I2 per cohort member of one UWV benefit as the table ``inputs_rows``."""
    follow = spec.source(cohort.follow_up[0])
    start, end = follow.spell
    _load_cohort(con, inputs, cohort.source, cohort.kinds, bucket, years, frame_table)
    con.execute(f"CREATE OR REPLACE TEMP TABLE inputs_records AS SELECT {PERSON_KEY} AS pk, "
                f"{start}::DATE AS p0, coalesce({end}::DATE, DATE '9999-12-31') AS p1 "
                f"FROM {relation(inputs, follow.name, bucket)}")
    per_person = trajectory_cohort_sql("inputs_cohort", "inputs_records", runs_sql("inputs_records"),
                                       "inputs_spells", data_end, [(f"{follow.years[0]}-01-01", "9999-12-31")])
    con.execute(f"CREATE OR REPLACE TEMP TABLE inputs_rows AS SELECT r.*, c.cell FROM ({per_person}) r "
                "JOIN inputs_cohort c USING (pk, year)")


def bucket_input_cells(con: duckdb.DuckDBPyConnection, inputs: Inputs, years: Sequence[int], bucket: int | None,
                       frame_table: str = "frame_t", cells_table: str = FRAME_CELLS,
                       data_end: str | None = None) -> InputCells:
    """Cells of I1a-I1f and I2a-I2c of one bucket, and its rows for the NUG household pass.

    ``frame_table`` is ``foundation.load_frame_table``'s ``frame_t`` (with ``cell`` and
    ``in_frame_students``); ``data_end`` the last day observed (default 31 December of the
    last year)."""
    data_end = data_end or f"{max(years)}-12-31"
    frame_columns = {r[0] for r in con.execute(f"DESCRIBE {frame_table}").fetchall()}
    ids = CellIds(cells_table, tuple(c for c in GROUP_COLUMNS if c in frame_columns and c != "sector"))
    cells: list[pd.DataFrame] = []
    logs: list[dict] = []
    if BIJSTAND.source in inputs and _coverage_i1(inputs):
        _provision_rows(con, inputs, bucket, years, frame_table, data_end)
        c, g = _measure_cells(con, "inputs_rows", I1_MEASURES, None, ids, bucket)
        cells, logs = cells + c, logs + g
    for cohort in UWV_COHORTS:
        if cohort.source in inputs and cohort.follow_up[0] in inputs:
            _trajectory_rows(con, inputs, cohort, bucket, years, frame_table, data_end)
            c, g = _measure_cells(con, "inputs_rows", I2_MEASURES, cohort.variant, ids, bucket)
            cells, logs = cells + c, logs + g
    for t in ("inputs_spells", "inputs_cohort", "inputs_records", "inputs_rows"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    household = None
    if _household_columns_present(con, inputs, bucket):
        household = fetch_df(con, household_rows_sql(inputs, bucket, years, frame_table, ids.dims))
    return InputCells(pd.concat(cells, ignore_index=True) if cells else pd.DataFrame(), pd.DataFrame(logs), household)


# ------------------------------------------------------------------ NUG (report §3.2.1 advice)
def _household_columns_present(con: duckdb.DuckDBPyConnection, inputs: Inputs, bucket: int | None) -> bool:
    """Whether INPATAB carries the household position and key (not required variables) and
    SECMBUS is there: without them there are no NUG figures (I1g, I1h)."""
    if "INPATAB" not in inputs or "SECMBUS" not in inputs:
        return False
    columns = {r[0].upper() for r in con.execute(f"DESCRIBE {relation(inputs, 'INPATAB', bucket)}").fetchall()}
    return all(spec.INPATAB.variable(v).name.upper() in columns
               for v in ("INPPOSHHK", "RINPERSOONSHKW", "RINPERSOONHKW", "INPPERSINK"))



#: Positions in the household (INPPOSHHK) of a couple: 2 breadwinner with partner, 3 married
#: partner, 4 unmarried partner; 1, 5, 6, 7 have no partner in the household; 8 unknown.
POSITION_BREADWINNER_WITH_PARTNER = "2"
POSITIONS_PARTNER = ("3", "4")
POSITIONS_NO_PARTNER = ("1", "5", "6", "7")
#: SECM "other, without income": no work, benefit, pension or education in the month.
SECM_WITHOUT_INCOME = "32"
#: NUG figures are for adults (age on 1 January); younger persons have no own household role.
NUG_MIN_AGE = 18


def without_work_or_benefit_sql(secm: str, years: Sequence[int]) -> str:
    """Per person and year: ``true`` when every month of the year has SECM 32 ("overig zonder
    inkomen": no work, no benefit, no pension, not in education), ``false`` when some month
    has another SECM or no SECM record (one row per person-year with a SECM record)."""
    first, last = min(years), max(years)
    mi = "(year({d}) * 12 + month({d}) - 1)"
    return f"""
    WITH spells AS (
        SELECT {PERSON_KEY} AS pk, SECM = '{SECM_WITHOUT_INCOME}' AS without_income,
               {mi.format(d=f"greatest(AANVSECM, DATE '{first}-01-01')")} AS m0,
               {mi.format(d=f"least(coalesce(EINDSECM, DATE '{last}-12-31'), DATE '{last}-12-31')")} AS m1
        FROM {secm}
        WHERE AANVSECM <= DATE '{last}-12-31' AND coalesce(EINDSECM, DATE '{last}-12-31') >= DATE '{first}-01-01'
    ), months AS (
        SELECT pk, mi, bool_and(without_income) AS without_income
        FROM (SELECT pk, without_income, unnest(range(m0, m1 + 1)) AS mi FROM spells) GROUP BY pk, mi
    )
    SELECT pk, mi // 12 AS year, count(*) = 12 AND bool_and(without_income) AS without_work_or_benefit
    FROM months GROUP BY pk, mi // 12
    """


def household_rows_sql(inputs: Inputs, bucket: int | None, years: Sequence[int], frame_table: str,
                       dims: Sequence[str]) -> str:
    """Rows for the NUG household pass (per bucket; no person keys leave the bucket): every
    INPATAB person-year with a couple position (a possible partner) and every frame person
    aged 18+ (students kept): household key, year, position, personal income (INPPERSINK,
    capped as indicator 9; null when not observed), and for frame persons ``frame`` true,
    ``without_work_or_benefit`` (:func:`without_work_or_benefit_sql`; null when not in
    SECMBUS), a Participatiewet provision running in the year (any type / a type of I1b) and
    the breakdown codes."""
    ys = ", ".join(str(int(y)) for y in years)
    inpa = relation(inputs, "INPATAB", bucket, list(years))
    secm = relation(inputs, "SECMBUS", bucket)
    inpa_spec = spec.INPATAB
    hh = (f"{inpa_spec.variable('RINPERSOONSHKW').name} || {inpa_spec.variable('RINPERSOONHKW').name}")
    pos = inpa_spec.variable("INPPOSHHK").name
    ink = inpa_spec.variable("INPPERSINK").name
    records = provision_records_sql(inputs, bucket)
    code_cols = ", ".join(f"f.{d}" for d in dims)
    return f"""
    WITH inpa AS (
        SELECT {PERSON_KEY} AS pk, year, CASE WHEN {inpa_spec.variable('RINPERSOONHKW').name} IS NOT NULL
               THEN {hh} END AS household, {pos} AS position,
               least({ink}, {INCOME_CAP}) + ({ink} * 0) AS income  -- least() ignores nulls: keep them
        FROM {inpa}
    ), frame AS (
        SELECT *, {PERSON_KEY} AS pk FROM {frame_table}
        WHERE {IN_FRAME_STUDENTS} AND age_years >= {NUG_MIN_AGE} AND year IN ({ys})
    ), secm AS ({without_work_or_benefit_sql(secm, years)}
    ), records AS ({records}
    ), provision AS (
        SELECT f.pk, f.year, count(*) > 0 AS provision_any,
               count(*) FILTER (WHERE r.type IN ({_types_in(WORK_TYPES)})) > 0 AS provision_work
        FROM frame f JOIN records r ON r.pk = f.pk AND r.p0 <= make_date(f.year, 12, 31)
             AND r.p1 >= make_date(f.year, 1, 1)
        GROUP BY f.pk, f.year
    )
    SELECT i.household, coalesce(f.year, i.year) AS year, i.position, i.income, f.pk IS NOT NULL AS frame,
           s.without_work_or_benefit, coalesce(p.provision_any, false) AS provision_any,
           coalesce(p.provision_work, false) AS provision_work, {code_cols}
    FROM frame f FULL JOIN (SELECT * FROM inpa WHERE position IN ('2', '3', '4') OR pk IN (SELECT pk FROM frame)) i
         ON i.pk = f.pk AND i.year = f.year
         LEFT JOIN secm s ON s.pk = f.pk AND s.year = f.year
         LEFT JOIN provision p ON p.pk = f.pk AND p.year = f.year
    WHERE coalesce(f.year, i.year) IN ({ys})
    """


def nug_sql(rows: str, years: Sequence[int]) -> str:
    """Per frame person-year of the household rows (``rows``, all buckets): ``nug`` true / false /
    null (unknown) and the provision flags.

    NUG (report §3.2.1 advice; **choice** of the exact test): without work or benefit all
    year (SECM 32 every month), in a couple (INPPOSHHK 2 with one partner in 3 or 4, or 3/4
    with the breadwinner in 2, same household key and year), and the partner's personal
    income (INPPERSINK) of the year above the social-assistance norm for a couple for a full
    year (:func:`~kansenmonitor.indicators.conventions.bijstand_couple_norm_yearly`). Unknown
    when without work or benefit but not in INPATAB, position 8, no or several partners
    found, or the partner's income not observed; false when working or on a benefit in some
    month, or without a partner (1, 5, 6, 7)."""
    norms = " ".join(f"WHEN {int(y)} THEN {bijstand_couple_norm_yearly(int(y)):.2f}" for y in years)
    return f"""
    WITH partners AS (
        SELECT c.household, c.year, c.position, count(p.position) AS partners, any_value(p.income) AS partner_income
        FROM (SELECT DISTINCT household, year, position FROM {rows} WHERE frame AND household IS NOT NULL
              AND position IN ('2', '3', '4')) c
        LEFT JOIN {rows} p ON p.household = c.household AND p.year = c.year
             AND ((c.position = '2' AND p.position IN ('3', '4')) OR (c.position IN ('3', '4') AND p.position = '2'))
        GROUP BY c.household, c.year, c.position
    )
    SELECT r.*, p.partners, p.partner_income,
           CASE WHEN r.without_work_or_benefit IS NULL THEN NULL
                WHEN NOT r.without_work_or_benefit THEN false
                WHEN r.position IN ({_types_in(POSITIONS_NO_PARTNER)}) THEN false
                WHEN r.position IN ('2', '3', '4') AND p.partners = 1 AND p.partner_income IS NOT NULL
                     THEN p.partner_income > (CASE r.year {norms} END)
                ELSE NULL END AS nug
    FROM {rows} r LEFT JOIN partners p ON p.household = r.household AND p.year = r.year AND p.position = r.position
    WHERE r.frame
    """


def household_pass_cells(con: duckdb.DuckDBPyConnection, rows: str, by: Sequence[str], years: Sequence[int],
                         ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """I1g (share NUG of the frame persons aged 18+) and I1h (share of NUG persons with a
    Participatiewet provision in the year: ``any`` type, ``work`` a type of I1b) from the
    household rows of every bucket (``rows``: a relation); returns cells and population log."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE nug_rows AS {nug_sql(rows, years)}")
    source = (f"(SELECT 'I1g' AS indicator, '' AS variant, year, {', '.join(by)}, nug::DOUBLE AS y FROM nug_rows "
              f"UNION ALL SELECT 'I1h', 'any', year, {', '.join(by)}, CASE WHEN nug THEN provision_any::DOUBLE END "
              f"FROM nug_rows "
              f"UNION ALL SELECT 'I1h', 'work', year, {', '.join(by)}, CASE WHEN nug THEN provision_work::DOUBLE END "
              f"FROM nug_rows)")
    cells = fetch_df(con, person_cells_sql(source, y="y", kind="share", by=list(by)))
    log = con.execute(
        "SELECT 'I1g' AS indicator, '' AS variant, year, -1 AS bucket, count(*) AS population, "
        "count(*) FILTER (WHERE nug IS NULL) AS outcome_unknown FROM nug_rows GROUP BY year "
        "UNION ALL SELECT 'I1h', v.variant, year, -1, count(*) FILTER (WHERE nug), 0 "
        "FROM nug_rows, (VALUES ('any'), ('work')) v(variant) GROUP BY year, v.variant ORDER BY 1, 2, 3").df()
    con.execute("DROP TABLE nug_rows")
    return cells, log
