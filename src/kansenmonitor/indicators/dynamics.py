"""Labour-market dynamics (report §5.2): retention, temporary → permanent, outflow from
work, transitions out of WW and bijstand, job finding after them, from the person-month panel
(:mod:`kansenmonitor.indicators.person_month`).

Populations are frame persons of the reference year *t* (resident all year, 15 to AOW
age, not a pupil/student or pensioner; report §5.2 "Studenten en personen die een
pensioenuitkering ontvangen halen we uit de populatie"). "Work" in a month is a
substantial job or self-employment that counts (panel column ``work``). A transition
from month *m* looks at *m + 1* (and *m + 2* where a one-month gap may be bridged); a month
whose follow-up lies past the panel's last month is not at risk, and the last year's
figures carry the flag ``censored`` (their December has no observed next month). A
person absent from the panel in *m + 1* (emigrated, died, or in no register) is not
working and on no benefit then: "disappearing from the registers" (§5.2, 4f).

================  ==============================================================================
indicator         definition (report §5.2; person-year shares unless stated)
================  ==============================================================================
A27 ""            retention: share of the person-months of *t* with work that are followed by a
                  month with work; person-months pooled (a person is one cluster of months).
                  **choice**: the report averages the monthly fractions over the months; pooling
                  weighs months by their number at risk, which differs only by the seasonal
                  change in employment
A27 same_job      ... followed by the same job (same IKVID, hence employer), or for the
                  self-employed by self-employment (report §5.3 advice b)
A27 comparable    ... followed by work with at least 80 % of the month's base hours per week
                  (employees; **choice**: the report's "vergelijkbaar inkomen of uren" has no
                  threshold), or self-employment after self-employment (§5.3 advice b)
A27 by sector     the same, by sector of month *m* (cube column ``sector``, :func:`sector_class`)
A29 / A30         persons with a temporary main contract (B) in some month of *t*: share with a
                  move from B to a permanent main contract (O) in *t*, the O month right after
                  the B month or after one month without a substantial job, with the same
                  employer (SBEID) (A29) or another (A30); B months of November and December
                  of *t − 1* count for moves into January and February
A31 - A34         persons with work in *t*: share who, in some month of *t*, work and the next
                  month do not work and start WW (A31), bijstand (A32), AO/ZW (A33) that month
                  (the benefit was not their SECM of the month before), or otherwise (A34:
                  another or no benefit, or leaving the registers). Self-employed included
A35 / A36         persons with WW (SECM 21) in *t*: share with work (A35) / bijstand (A36) in
                  the month after a WW month
A37               persons with bijstand (SECM 22) in *t*: share with work the month after
A38 ww_1m ...     persons leaving WW (bijstand) in *t* (a WW month followed by a month without WW;
                  the first exit of the year): share with work in the month after the exit month
                  (``_1m``), within 12 (``_1y``) and within 36 months (``_3y``). An exit whose
                  window runs past the panel's end is censored: outcome unknown (logged), never
                  "no job", and also when a job was found inside the observed part (counting
                  those but not the others would favour recent years); a figure exists for the
                  years whose windows are observed
A39 ww, bijstand  the same exits with a full 36-month window: mean months from the exit month to
                  the first month with work, capped at 36 (36 when none within 36 months; report:
                  "gemaximeerd op drie jaar"). ``ww_censored`` / ``bijstand_censored``: share of
                  the exits of *t* censored in the survival sense (no job by the end of the data,
                  window shorter than 36 months); the survival model of the methods stage uses them
================  ==============================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import duckdb
import pandas as pd

from kansenmonitor.indicators.cells import GROUP_COLUMNS, person_cells_sql
from kansenmonitor.sources.codelists import SSECT as SSECT_LABELS
from kansenmonitor.indicators.person_month import (
    PERSON,
    main_job_months_sql,
    month_index,
    panel_sql,
    presence_months_sql,
    secm_months_sql,
    self_employed_income_sql,
)

Inputs = dict[str, list[str]]

#: Sources the dynamic indicators read (besides the frame's).
SOURCES: tuple[str, ...] = ("SPOLISBUS", "SECMBUS", "INPATAB", "GBAADRESOBJECTBUS")

#: SSECT codes of government (Overheid, cbs-sources §C.4): one sector class ``gov``.
GOVERNMENT_SSECT: tuple[str, ...] = ("61", "62", "63", "64", "65", "66")
#: Share of the month's weekly hours that a next month must keep to be "comparable" (A27).
COMPARABLE_HOURS_SHARE = 0.8
#: Breakdowns of the indicators by sector (A27): sector alone and crossed with these.
SECTOR_CROSSINGS: tuple[tuple[str, ...], ...] = (("sector",), ("migration", "sector"), ("origin", "sector"))
#: Follow-up of indicators 38-39 in months (report §5.2, 4g: "drie jaar vooruit").
MAX_MONTHS_TO_JOB = 36
#: Indicators whose last-year figures miss the December -> January transition.
NEXT_MONTH_INDICATORS: frozenset[str] = frozenset({"A27", "A31", "A32", "A33", "A34", "A35", "A36", "A37"})


def sector_class(job: str, sector: str, self_counts: str) -> str:
    """SQL for the sector class of a month with work: the main job's SSECT (two digits),
    ``gov`` for government (61-66), ``self`` for self-employment without a substantial job,
    ``unk`` for a missing or unknown SSECT (0, 99)."""
    gov = ", ".join(f"'{c}'" for c in GOVERNMENT_SSECT)
    code = f"lpad(ltrim({sector}, '0'), 2, '0')"
    return (f"CASE WHEN NOT {job} AND {self_counts} THEN 'self' "
            f"WHEN {sector} IS NULL OR {code} IN ('00', '99') THEN 'unk' "
            f"WHEN {code} IN ({gov}) THEN 'gov' ELSE {code} END")


def sector_codes() -> pd.DataFrame:
    """Rows of ``codes.parquet`` for the cube column ``sector`` (:func:`sector_class`): the
    SSECT sectors (cbs-sources §C.4; English label = the code with the Dutch name), government
    as one class, self-employment and unknown."""
    rows = [{"column": "sector", "code": "T", "label_nl": "Totaal", "label_en": "Total"}]
    for code, label in sorted(SSECT_LABELS.items()):
        if code in GOVERNMENT_SSECT or code in ("00", "99"):
            continue
        rows.append({"column": "sector", "code": code, "label_nl": label, "label_en": f"Sector {code} ({label})"})
    rows += [{"column": "sector", "code": "gov", "label_nl": "Overheid (sectoren 61-66)",
              "label_en": "Government (sectors 61-66)"},
             {"column": "sector", "code": "self", "label_nl": "Zelfstandigen", "label_en": "Self-employed"},
             {"column": "sector", "code": "unk", "label_nl": "Onbekend", "label_en": "Unknown"}]
    out = pd.DataFrame(rows)
    out["sort_order"] = range(len(out))
    out["countries"] = ""
    out["rule"] = ""
    return out


@dataclass(frozen=True)
class DynamicMeasure:
    """One dynamic figure: the population and outcome as SQL over the per person-year
    summary (``table`` "summary", :func:`person_year_summary_sql`) or the benefit exits
    (``table`` "exits", :func:`benefit_exits_sql`); ``weight`` for person-month shares. An
    outcome that is null for a person in the population is unknown (a censored follow-up)."""

    indicator: str
    variant: str
    population: str
    y: str
    weight: str | None = None
    kind: Literal["share", "mean"] = "share"
    table: Literal["summary", "exits"] = "summary"


MEASURES: tuple[DynamicMeasure, ...] = (
    DynamicMeasure("A27", "", "work_at_risk > 0", "kept::DOUBLE / work_at_risk", "work_at_risk"),
    DynamicMeasure("A27", "same_job", "work_at_risk > 0", "kept_same_job::DOUBLE / work_at_risk", "work_at_risk"),
    DynamicMeasure("A27", "comparable", "work_at_risk > 0", "kept_comparable::DOUBLE / work_at_risk",
                   "work_at_risk"),
    DynamicMeasure("A29", "", "temp_months > 0", "(to_permanent_same > 0)::DOUBLE"),
    DynamicMeasure("A30", "", "temp_months > 0", "(to_permanent_other > 0)::DOUBLE"),
    DynamicMeasure("A31", "", "work_months > 0", "(out_ww > 0)::DOUBLE"),
    DynamicMeasure("A32", "", "work_months > 0", "(out_bijstand > 0)::DOUBLE"),
    DynamicMeasure("A33", "", "work_months > 0", "(out_aozw > 0)::DOUBLE"),
    DynamicMeasure("A34", "", "work_months > 0", "(out_other > 0)::DOUBLE"),
    DynamicMeasure("A35", "", "ww_months > 0", "(ww_to_work > 0)::DOUBLE"),
    DynamicMeasure("A36", "", "ww_months > 0", "(ww_to_bijstand > 0)::DOUBLE"),
    DynamicMeasure("A37", "", "bijstand_months > 0", "(bijstand_to_work > 0)::DOUBLE"),
    # a window counts only when it is observed in full: counting the jobs found in a window
    # that runs past the data while leaving out those not (yet) found would favour recent years
    *(DynamicMeasure("A38", f"{benefit}_{label}", f"benefit = '{benefit}'",
                     f"CASE WHEN observed_months >= {k} THEN coalesce(months_to_job <= {k}, false)::DOUBLE END",
                     table="exits")
      for benefit in ("ww", "bijstand") for label, k in (("1m", 1), ("1y", 12), ("3y", 36))),
    *(DynamicMeasure("A39", benefit, f"benefit = '{benefit}'",
                     f"CASE WHEN observed_months >= {MAX_MONTHS_TO_JOB} "
                     f"THEN least(coalesce(months_to_job, {MAX_MONTHS_TO_JOB}), {MAX_MONTHS_TO_JOB})::DOUBLE END",
                     kind="mean", table="exits")
      for benefit in ("ww", "bijstand")),
    *(DynamicMeasure("A39", f"{benefit}_censored", f"benefit = '{benefit}'",
                     f"(months_to_job IS NULL AND observed_months < {MAX_MONTHS_TO_JOB})::DOUBLE", table="exits")
      for benefit in ("ww", "bijstand")),
)


def _relation(inputs: Inputs, name: str, bucket: int | None, years: Sequence[int] | None = None) -> str:
    globs = ", ".join(f"'{g}'" for g in inputs[name])
    where = []
    if bucket is not None:
        where.append(f"bucket = {int(bucket)}")
    if years is not None:
        where.append(f"year IN ({', '.join(str(int(y)) for y in years)})")
    return (f"(SELECT * FROM read_parquet([{globs}], hive_partitioning = true, union_by_name = true) "
            f"WHERE {' AND '.join(where) or 'true'})")


def build_panel(con: duckdb.DuckDBPyConnection, inputs: Inputs, bucket: int | None, first_year: int,
                last_year: int, table: str = "panel") -> dict[str, int]:
    """Create the temporary table ``table``: the person-month panel of one bucket from
    November of ``first_year - 1`` to December of ``last_year``. Returns counts for the run log
    (person-months, of which self-employed months whose year has no income record)."""
    years = list(range(first_year - 1, last_year + 1))
    con.execute(f"CREATE OR REPLACE TEMP TABLE pm_secm AS "
                f"{secm_months_sql(_relation(inputs, 'SECMBUS', bucket), first_year, last_year)}")
    if "SPOLISBUS" in inputs:
        spolis = _relation(inputs, "SPOLISBUS", bucket, years)
        con.execute(f"CREATE OR REPLACE TEMP TABLE pm_jobs AS {main_job_months_sql(spolis, first_year, last_year)}")
    else:
        con.execute("CREATE OR REPLACE TEMP TABLE pm_jobs AS SELECT NULL::VARCHAR AS RINPERSOONS, "
                    "NULL::VARCHAR AS RINPERSOON, NULL::BIGINT AS mi, NULL::BIGINT AS n_jobs, NULL::VARCHAR AS ikv, "
                    "NULL::VARCHAR AS employer, NULL::VARCHAR AS contract, NULL::VARCHAR AS sector, "
                    "NULL::DOUBLE AS hourly_wage, NULL::DOUBLE AS weekly_hours WHERE false")
    presence = None
    if "GBAADRESOBJECTBUS" in inputs:
        con.execute(f"CREATE OR REPLACE TEMP TABLE pm_presence AS "
                    f"{presence_months_sql(_relation(inputs, 'GBAADRESOBJECTBUS', bucket), first_year, last_year)}")
        presence = "pm_presence"
    income = None
    if "INPATAB" in inputs:
        con.execute(f"CREATE OR REPLACE TEMP TABLE pm_self AS "
                    f"{self_employed_income_sql(_relation(inputs, 'INPATAB', bucket, years), 'pm_secm', first_year, last_year)}")
        income = "pm_self"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {panel_sql('pm_secm', 'pm_jobs', presence, income)}")
    counts = {"person_months": con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]}
    if income:
        counts["self_employed_years_without_income"] = con.execute(
            "SELECT count(*) FROM pm_self WHERE NOT income_known").fetchone()[0]
    for t in ("pm_secm", "pm_jobs", "pm_presence", "pm_self"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return counts


def person_year_summary_sql(panel: str, first_year: int, last_year: int) -> str:
    """Per person and reference year: months at risk and events of every dynamic measure.

    A row of month *m* is joined to the person's rows of *m + 1* and *m + 2* (absent rows:
    no work, no benefit). The reference year of a next-month transition is the year of *m*;
    of a temporary -> permanent move the year of the permanent month.
    """
    last_mi = month_index(last_year, 12)
    first_mi = month_index(first_year, 1)
    return f"""
    WITH t AS (
        SELECT p.*, p.mi + 1 <= {last_mi} AS obs1,
               coalesce(n1.work, false) AS work1, coalesce(n1.job, false) AS job1,
               coalesce(n1.self_counts, false) AS self1,
               n1.ikv AS ikv1, n1.employer AS employer1, n1.contract AS contract1, n1.weekly_hours AS hours1,
               coalesce(n1.in_ww, false) AS ww1, coalesce(n1.in_bijstand, false) AS bij1,
               coalesce(n1.in_aozw, false) AS aozw1,
               coalesce(n2.job, false) AS job2, n2.employer AS employer2, n2.contract AS contract2
        FROM {panel} p
        LEFT JOIN {panel} n1 ON n1.RINPERSOONS = p.RINPERSOONS AND n1.RINPERSOON = p.RINPERSOON AND n1.mi = p.mi + 1
        LEFT JOIN {panel} n2 ON n2.RINPERSOONS = p.RINPERSOONS AND n2.RINPERSOON = p.RINPERSOON AND n2.mi = p.mi + 2
    ), flows AS (
        SELECT *,
               work AND obs1 AND NOT work1 AND ww1 AND NOT in_ww AS e_out_ww,
               work AND obs1 AND NOT work1 AND bij1 AND NOT in_bijstand AS e_out_bij,
               work AND obs1 AND NOT work1 AND aozw1 AND NOT in_aozw AS e_out_aozw,
               -- B -> O: O the next month, or after one month without a substantial job
               CASE WHEN job AND contract = 'B' AND job1 AND contract1 = 'O' THEN 1
                    WHEN job AND contract = 'B' AND NOT job1 AND job2 AND contract2 = 'O' THEN 2 END AS perm_gap
        FROM t
    ), by_month_year AS (
        SELECT {PERSON}, year,
               count(*) FILTER (WHERE work) AS work_months,
               count(*) FILTER (WHERE work AND obs1) AS work_at_risk,
               count(*) FILTER (WHERE work AND obs1 AND work1) AS kept,
               count(*) FILTER (WHERE work AND obs1 AND ((job AND job1 AND ikv1 = ikv)
                                                         OR (NOT job AND self_counts AND self1 AND NOT job1))) AS kept_same_job,
               count(*) FILTER (WHERE work AND obs1 AND work1 AND
                                (CASE WHEN job THEN job1 AND hours1 >= {COMPARABLE_HOURS_SHARE} * weekly_hours
                                      ELSE self1 END)) AS kept_comparable,
               count(*) FILTER (WHERE job AND contract = 'B') AS temp_months,
               count(*) FILTER (WHERE e_out_ww) AS out_ww,
               count(*) FILTER (WHERE e_out_bij) AS out_bijstand,
               count(*) FILTER (WHERE e_out_aozw) AS out_aozw,
               count(*) FILTER (WHERE work AND obs1 AND NOT work1 AND NOT e_out_ww AND NOT e_out_bij
                                AND NOT e_out_aozw) AS out_other,
               count(*) FILTER (WHERE in_ww) AS ww_months,
               count(*) FILTER (WHERE in_ww AND obs1 AND work1) AS ww_to_work,
               count(*) FILTER (WHERE in_ww AND obs1 AND bij1) AS ww_to_bijstand,
               count(*) FILTER (WHERE in_bijstand) AS bijstand_months,
               count(*) FILTER (WHERE in_bijstand AND obs1 AND work1) AS bijstand_to_work
        FROM flows WHERE mi >= {first_mi} GROUP BY {PERSON}, year
    ), perm AS (
        SELECT {PERSON}, (mi + perm_gap) // 12 AS year,
               count(*) FILTER (WHERE CASE perm_gap WHEN 1 THEN employer1 ELSE employer2 END = employer)
                   AS to_permanent_same,
               count(*) FILTER (WHERE CASE perm_gap WHEN 1 THEN employer1 ELSE employer2 END IS DISTINCT FROM employer)
                   AS to_permanent_other
        FROM flows WHERE perm_gap IS NOT NULL AND (mi + perm_gap) >= {first_mi} AND (mi + perm_gap) <= {last_mi}
        GROUP BY ALL
    )
    SELECT b.*, coalesce(perm.to_permanent_same, 0) AS to_permanent_same,
           coalesce(perm.to_permanent_other, 0) AS to_permanent_other
    FROM by_month_year b LEFT JOIN perm USING ({PERSON}, year)
    """


def benefit_exits_sql(panel: str, first_year: int, last_year: int) -> str:
    """Per person, reference year and benefit (WW, bijstand): the first exit from the
    benefit in the year (a month with it as SECM followed by a month without), the months
    from that exit month to the first month with work after it (1 = the next month; null
    when none is observed) and the months observed after the exit (up to the panel's end)."""
    last_mi = month_index(last_year, 12)
    first_mi = month_index(first_year, 1)
    exits = " UNION ALL ".join(
        f"SELECT p.RINPERSOONS, p.RINPERSOON, p.year, '{name}' AS benefit, min(p.mi) AS exit_mi "
        f"FROM {panel} p LEFT JOIN {panel} n1 ON n1.RINPERSOONS = p.RINPERSOONS AND n1.RINPERSOON = p.RINPERSOON "
        f"AND n1.mi = p.mi + 1 "
        f"WHERE p.{column} AND NOT coalesce(n1.{column}, false) AND p.mi >= {first_mi} AND p.mi + 1 <= {last_mi} "
        f"GROUP BY ALL"
        for name, column in (("ww", "in_ww"), ("bijstand", "in_bijstand")))
    return f"""
    WITH exits AS ({exits})
    SELECT e.RINPERSOONS, e.RINPERSOON, e.year, e.benefit, e.exit_mi,
           min(p.mi) - e.exit_mi AS months_to_job, {last_mi} - e.exit_mi AS observed_months
    FROM exits e LEFT JOIN {panel} p ON p.RINPERSOONS = e.RINPERSOONS AND p.RINPERSOON = e.RINPERSOON
         AND p.mi > e.exit_mi AND p.work
    GROUP BY e.RINPERSOONS, e.RINPERSOON, e.year, e.benefit, e.exit_mi
    """


def sector_months_sql(panel: str, first_year: int, last_year: int) -> str:
    """Retention (A27) per person, reference year and sector class of the month at risk."""
    last_mi = month_index(last_year, 12)
    first_mi = month_index(first_year, 1)
    return f"""
    SELECT p.RINPERSOONS, p.RINPERSOON, p.year, {sector_class('p.job', 'p.sector', 'p.self_counts')} AS sector,
           count(*) AS work_at_risk,
           count(*) FILTER (WHERE coalesce(n1.work, false)) AS kept,
           count(*) FILTER (WHERE (p.job AND coalesce(n1.job, false) AND n1.ikv = p.ikv)
                            OR (NOT p.job AND p.self_counts AND coalesce(n1.self_counts, false)
                                AND NOT coalesce(n1.job, false))) AS kept_same_job,
           count(*) FILTER (WHERE coalesce(n1.work, false) AND
                            (CASE WHEN p.job THEN coalesce(n1.job, false)
                                                  AND n1.weekly_hours >= {COMPARABLE_HOURS_SHARE} * p.weekly_hours
                                  ELSE coalesce(n1.self_counts, false) END)) AS kept_comparable
    FROM {panel} p
    LEFT JOIN {panel} n1 ON n1.RINPERSOONS = p.RINPERSOONS AND n1.RINPERSOON = p.RINPERSOON AND n1.mi = p.mi + 1
    WHERE p.work AND p.mi >= {first_mi} AND p.mi + 1 <= {last_mi}
    GROUP BY ALL
    """


def bucket_dynamic_cells(con: duckdb.DuckDBPyConnection, inputs: Inputs, frame_table: str, years: Sequence[int],
                         bucket: int | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, int]]:
    """Cells of indicators 27 and 29-39 for one bucket: (cells without sector, A27 cells by
    sector, population log, panel counts). ``frame_table`` is the bucket's frame in DuckDB
    with the finest breakdown codes (``foundation.bucket_cells`` makes ``frame_t``)."""
    first, last = min(years), max(years)
    counts = build_panel(con, inputs, bucket, first, last)
    by = [c for c in GROUP_COLUMNS if c != "sector"
          and c in {r[0] for r in con.execute(f"DESCRIBE {frame_table}").fetchall()}]
    keys = ", ".join(f"f.{c}" for c in by)
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_py AS "
                f"SELECT f.year, {keys}, s.* EXCLUDE (RINPERSOONS, RINPERSOON, year) "
                f"FROM {frame_table} f JOIN ({person_year_summary_sql('panel', first, last)}) s "
                f"ON s.RINPERSOONS = f.RINPERSOONS AND s.RINPERSOON = f.RINPERSOON AND s.year = f.year "
                f"WHERE f.in_frame")
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_exits AS "
                f"SELECT f.year, {keys}, s.* EXCLUDE (RINPERSOONS, RINPERSOON, year) "
                f"FROM {frame_table} f JOIN ({benefit_exits_sql('panel', first, last)}) s "
                f"ON s.RINPERSOONS = f.RINPERSOONS AND s.RINPERSOON = f.RINPERSOON AND s.year = f.year "
                f"WHERE f.in_frame")
    tables = {"summary": "dyn_py", "exits": "dyn_exits"}
    cells, logs = [], []
    for m in MEASURES:
        table = tables[m.table]
        source = (f"(SELECT '{m.indicator}' AS indicator, '{m.variant}' AS variant, year, {', '.join(by)}, "
                  f"CASE WHEN {m.population} THEN {m.y} END AS y"
                  + (f", {m.weight} AS wt" if m.weight else "") + f" FROM {table})")
        cells.append(con.execute(person_cells_sql(source, y="y", kind=m.kind, by=by,
                                                  weight="wt" if m.weight else None)).df())
        for year, population, unknown in con.execute(
                f"SELECT year, count(*) FILTER (WHERE {m.population}), "
                f"count(*) FILTER (WHERE ({m.population}) AND ({m.y}) IS NULL) FROM {table} GROUP BY year").fetchall():
            logs.append({"indicator": m.indicator, "variant": m.variant, "year": int(year), "bucket": bucket,
                         "population": int(population), "outcome_unknown": int(unknown)})
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_sector AS "
                f"SELECT f.year, {keys}, s.* EXCLUDE (RINPERSOONS, RINPERSOON, year) "
                f"FROM {frame_table} f JOIN ({sector_months_sql('panel', first, last)}) s "
                f"ON s.RINPERSOONS = f.RINPERSOONS AND s.RINPERSOON = f.RINPERSOON AND s.year = f.year "
                f"WHERE f.in_frame")
    sector_cells = []
    for m in MEASURES:
        if m.indicator != "A27":
            continue
        source = (f"(SELECT '{m.indicator}' AS indicator, '{m.variant}' AS variant, year, sector, "
                  f"{', '.join(by)}, {m.y} AS y, {m.weight} AS wt FROM dyn_sector)")
        sector_cells.append(con.execute(person_cells_sql(source, y="y", kind=m.kind, by=[*by, "sector"],
                                                         weight="wt")).df())
    for t in ("dyn_py", "dyn_exits", "dyn_sector", "panel"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return (pd.concat(cells, ignore_index=True), pd.concat(sector_cells, ignore_index=True),
            pd.DataFrame(logs), counts)
