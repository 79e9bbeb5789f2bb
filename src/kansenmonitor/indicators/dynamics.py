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
A28 rise5 ...     persons with at least two months with a main substantial job in *t*: share with
                  an hourly-wage rise of at least 5 % / 10 % (``rise5``, ``rise10``) or a fall of at
                  least 5 % / 10 % (``fall5``, ``fall10``) in *t*, within a job year on year or
                  between jobs (gap <= 1 month); ``_same`` / ``_other``: at the same / another
                  employer (:func:`wage_changes_sql`); by sector of origin
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
A38 / A39 advice  report §5.3 advice b, among the exits that find work within 12 months (window
                  observed): ``_first_job_permanent`` the first work is a permanent contract;
                  ``_lasting_6m`` / ``_lasting_12m`` still working 6 / 12 months after the first
                  month of work (unknown when past the data); A39 ``_to_permanent``: months from
                  the exit to the first permanent main contract, capped at 36 (full window)
================  ==============================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import duckdb
import pandas as pd

from kansenmonitor.indicators.cells import GROUP_COLUMNS, CellIds, fetch_df, person_cells_sql
from kansenmonitor.indicators.foundation import FRAME_CELLS, relation
from kansenmonitor.sources.codelists import SSECT as SSECT_LABELS
from kansenmonitor.indicators.person_month import (
    PERSON_KEY,
    main_job_months_sql,
    month_index,
    panel_sql,
    presence_spells_sql,
    secm_months_sql,
    self_employed_income_sql,
    transitions_sql,
)

Inputs = dict[str, list[str]]

#: Sources the dynamic indicators read (besides the frame's).
SOURCES: tuple[str, ...] = ("SPOLISBUS", "SECMBUS", "INPATAB", "GBAADRESOBJECTBUS")

#: SSECT codes of government (Overheid, cbs-sources §C.4): one sector class ``gov``.
GOVERNMENT_SSECT: tuple[str, ...] = ("61", "62", "63", "64", "65", "66")
#: Share of the month's weekly hours that a next month must keep to be "comparable" (A27).
COMPARABLE_HOURS_SHARE = 0.8
#: Breakdowns of the indicators by sector (A27): sector alone and crossed with these.
SECTOR_CROSSINGS: tuple[tuple[str, ...], ...] = (("sector",), ("migration", "sector"))
#: Employers need at least this many employees (with a known wage) in a year to rank them
#: (indicator 40; report §5.2: "werkgevers met genoeg werknemers"; configurable).
MIN_EMPLOYEES_TO_RANK = 10
#: Follow-up of indicators 38-39 in months (report §5.2, 4g: "drie jaar vooruit").
MAX_MONTHS_TO_JOB = 36
#: Retention of a month with work (indicator 27), as conditions on a transitions row: any work
#: the next month; the same job (IKVID), or self-employment after self-employment; work with
#: at least COMPARABLE_HOURS_SHARE of the month's weekly hours (employees) or self-employment.
KEPT = "work1"
KEPT_SAME_JOB = "((job AND job1 AND ikv1 = ikv) OR (NOT job AND self_counts AND self1 AND NOT job1))"
KEPT_COMPARABLE = (f"(work1 AND CASE WHEN job THEN job1 AND hours1 >= {COMPARABLE_HOURS_SHARE} * weekly_hours "
                   "ELSE self1 END)")
#: Indicators that look back into November-December of the year before (and, for wage
#: changes within a job, at the job's wage in the year before).
PREVIOUS_YEAR_INDICATORS: frozenset[str] = frozenset({"A28", "A29", "A30"})
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
    table: Literal["summary", "exits", "wages"] = "summary"


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
    *(DynamicMeasure("A28", f"{direction}{pct}{suffix}", "job_months >= 2",
                     f"coalesce({'max' if direction == 'rise' else 'min'}_change{suffix} "
                     f"{'>=' if direction == 'rise' else '<='} {'' if direction == 'rise' else '-'}{pct / 100}, "
                     f"false)::DOUBLE", table="wages")
      for direction in ("rise", "fall") for pct in (5, 10) for suffix in ("", "_same", "_other")),
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
    # report §5.3 advice b: the contract after leaving the benefit, whether the outflow lasts,
    # and the time until a permanent contract
    *(DynamicMeasure("A38", f"{benefit}_first_job_permanent",
                     f"benefit = '{benefit}' AND observed_months >= 12 AND months_to_job <= 12",
                     "(first_contract = 'O')::DOUBLE", table="exits")
      for benefit in ("ww", "bijstand")),
    *(DynamicMeasure("A38", f"{benefit}_lasting_{k}m",
                     f"benefit = '{benefit}' AND observed_months >= 12 AND months_to_job <= 12",
                     f"works_{k}m::DOUBLE", table="exits")
      for benefit in ("ww", "bijstand") for k in (6, 12)),
    *(DynamicMeasure("A39", f"{benefit}_to_permanent", f"benefit = '{benefit}'",
                     f"CASE WHEN observed_months >= {MAX_MONTHS_TO_JOB} "
                     f"THEN least(coalesce(months_to_permanent, {MAX_MONTHS_TO_JOB}), {MAX_MONTHS_TO_JOB})::DOUBLE END",
                     kind="mean", table="exits")
      for benefit in ("ww", "bijstand")),
    *(DynamicMeasure("A39", f"{benefit}_censored", f"benefit = '{benefit}'",
                     f"(months_to_job IS NULL AND observed_months < {MAX_MONTHS_TO_JOB})::DOUBLE", table="exits")
      for benefit in ("ww", "bijstand")),
)


def build_panel(con: duckdb.DuckDBPyConnection, inputs: Inputs, bucket: int | None, first_year: int,
                last_year: int, table: str = "panel", persons: str | None = None,
                keep_presence: bool = False) -> dict[str, int]:
    """Create the temporary table ``table``: the person-month panel of one bucket from
    November of ``first_year - 1`` to December of ``last_year`` with each month's next
    months (:func:`~kansenmonitor.indicators.person_month.transitions_sql`), for the persons in
    ``persons`` (a table with RINPERSOONS, RINPERSOON; default everybody), and the table
    ``panel_jobs``: the main substantial job of every person-month of the bucket (also of
    persons outside ``persons``; the employer pass of indicator 40 ranks all employees).
    Returns counts for the run log (person-months, self-employed years without income).
    ``keep_presence``: keep the table ``pm_presence`` (months in the register as ranges,
    :func:`~kansenmonitor.indicators.person_month.presence_spells_sql`) for the caller, who
    drops it (indicator 25 censors at emigration with it)."""
    years = list(range(first_year - 1, last_year + 1))
    if persons:
        con.execute(f"CREATE OR REPLACE TEMP TABLE pm_keep AS SELECT DISTINCT RINPERSOONS, RINPERSOON, "
                    f"{PERSON_KEY} AS pk FROM {persons}")

    def only_persons(relation: str, by_pk: bool = False) -> str:
        if not persons:
            return relation
        on = "k.pk = x.pk" if by_pk else "k.RINPERSOONS = x.RINPERSOONS AND k.RINPERSOON = x.RINPERSOON"
        return f"(SELECT x.* FROM {relation} x SEMI JOIN pm_keep k ON {on})"

    con.execute(f"CREATE OR REPLACE TEMP TABLE pm_secm AS "
                f"{secm_months_sql(only_persons(relation(inputs, 'SECMBUS', bucket)), first_year, last_year)}")
    if "SPOLISBUS" in inputs:
        spolis = relation(inputs, "SPOLISBUS", bucket, years)
        con.execute(f"CREATE OR REPLACE TEMP TABLE panel_jobs AS "
                    f"{main_job_months_sql(spolis, first_year, last_year)}")
    else:
        con.execute("CREATE OR REPLACE TEMP TABLE panel_jobs AS SELECT NULL::BIGINT AS pk, NULL::BIGINT AS mi, NULL::BIGINT AS n_jobs, NULL::VARCHAR AS ikv, "
                    "NULL::VARCHAR AS employer, NULL::VARCHAR AS contract, NULL::VARCHAR AS sector, "
                    "NULL::DOUBLE AS hourly_wage, NULL::DOUBLE AS weekly_hours WHERE false")
    presence = None
    if "GBAADRESOBJECTBUS" in inputs:
        address = only_persons(relation(inputs, "GBAADRESOBJECTBUS", bucket))
        con.execute(f"CREATE OR REPLACE TEMP TABLE pm_presence AS "
                    f"{presence_spells_sql(address, first_year, last_year)}")
        presence = "pm_presence"
    income = None
    if "INPATAB" in inputs:
        con.execute(f"CREATE OR REPLACE TEMP TABLE pm_self AS "
                    f"{self_employed_income_sql(relation(inputs, 'INPATAB', bucket, years), 'pm_secm', first_year, last_year)}")
        income = "pm_self"
    con.execute(f"CREATE OR REPLACE TEMP TABLE pm_jobs_kept AS SELECT * FROM {only_persons('panel_jobs', by_pk=True)}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE pm_months AS {panel_sql('pm_secm', 'pm_jobs_kept', presence, income)}")
    counts = {}
    if income:
        counts["self_employed_years_without_income"] = con.execute(
            "SELECT count(*) FROM pm_self WHERE NOT income_known").fetchone()[0]
    # every table is dropped as soon as it is used: under a bucket's memory limit a dead
    # table still takes buffer space, and DuckDB would spill it to disk
    for t in ("pm_secm", "pm_self", "pm_keep", "pm_jobs_kept", *(() if keep_presence else ("pm_presence",))):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {transitions_sql('pm_months')}")
    con.execute("DROP TABLE pm_months")
    counts = {"person_months": con.execute(f"SELECT count(*) FROM {table}").fetchone()[0], **counts}
    return counts


#: The per person-year counts of :func:`person_year_summary_sql` from the months of the year.
_SUMMARY_COUNTS = ("work_months", "work_at_risk", "kept", "kept_same_job", "kept_comparable", "out_ww",
                   "out_bijstand", "out_aozw", "out_other", "ww_months", "ww_to_work", "ww_to_bijstand",
                   "bijstand_months", "bijstand_to_work")


def person_year_summary_sql(panel: str, first_year: int, last_year: int) -> str:
    """Per person and reference year: months at risk and events of every dynamic measure.

    ``panel`` is the panel with its next months (:func:`build_panel`; absent months: no
    work, no benefit). The reference year of a next-month transition is the year of *m*;
    of a temporary -> permanent move the year of the permanent month. ``temp_months`` (the
    population of indicators 29 and 30) counts the months with a temporary main contract in
    the year and in November-December of the year before.
    """
    last_mi = month_index(last_year, 12)
    first_mi = month_index(first_year, 1)
    return f"""
    WITH t AS (
        SELECT *, mi + 1 <= {last_mi} AS obs1 FROM {panel}
    ), flows AS (
        SELECT *,
               work AND obs1 AND NOT work1 AND ww1 AND NOT in_ww AS e_out_ww,
               work AND obs1 AND NOT work1 AND bijstand1 AND NOT in_bijstand AS e_out_bij,
               work AND obs1 AND NOT work1 AND aozw1 AND NOT in_aozw AS e_out_aozw,
               -- B -> O: O the next month, or after one month without a substantial job
               CASE WHEN job AND contract = 'B' AND job1 AND contract1 = 'O' THEN 1
                    WHEN job AND contract = 'B' AND NOT job1 AND job2 AND contract2 = 'O' THEN 2 END AS perm_gap
        FROM t
    ), by_month_year AS (
        SELECT pk, year,
               count(*) FILTER (WHERE work) AS work_months,
               count(*) FILTER (WHERE work AND obs1) AS work_at_risk,
               count(*) FILTER (WHERE work AND obs1 AND {KEPT}) AS kept,
               count(*) FILTER (WHERE work AND obs1 AND {KEPT_SAME_JOB}) AS kept_same_job,
               count(*) FILTER (WHERE work AND obs1 AND {KEPT_COMPARABLE}) AS kept_comparable,
               count(*) FILTER (WHERE e_out_ww) AS out_ww,
               count(*) FILTER (WHERE e_out_bij) AS out_bijstand,
               count(*) FILTER (WHERE e_out_aozw) AS out_aozw,
               count(*) FILTER (WHERE work AND obs1 AND NOT work1 AND NOT e_out_ww AND NOT e_out_bij
                                AND NOT e_out_aozw) AS out_other,
               count(*) FILTER (WHERE in_ww) AS ww_months,
               count(*) FILTER (WHERE in_ww AND obs1 AND work1) AS ww_to_work,
               count(*) FILTER (WHERE in_ww AND obs1 AND bijstand1) AS ww_to_bijstand,
               count(*) FILTER (WHERE in_bijstand) AS bijstand_months,
               count(*) FILTER (WHERE in_bijstand AND obs1 AND work1) AS bijstand_to_work
        FROM flows WHERE mi >= {first_mi} GROUP BY pk, year
    ), perm AS (
        SELECT pk, (mi + perm_gap) // 12 AS year,
               count(*) FILTER (WHERE CASE perm_gap WHEN 1 THEN employer1 ELSE employer2 END = employer)
                   AS to_permanent_same,
               count(*) FILTER (WHERE CASE perm_gap WHEN 1 THEN employer1 ELSE employer2 END IS DISTINCT FROM employer)
                   AS to_permanent_other
        FROM flows WHERE perm_gap IS NOT NULL AND (mi + perm_gap) >= {first_mi} AND (mi + perm_gap) <= {last_mi}
        GROUP BY ALL
    ), temp AS (
        -- the population of 29/30: a temporary main contract in the year or in November-
        -- December of the year before (report §5.2), so that a move into January counts
        SELECT pk, ref_year AS year, count(*) AS temp_months
        FROM (SELECT pk, year AS ref_year FROM flows WHERE job AND contract = 'B'
              UNION ALL
              SELECT pk, year + 1 AS ref_year FROM flows WHERE job AND contract = 'B' AND month >= 11)
        WHERE ref_year BETWEEN {first_year} AND {last_year}
        GROUP BY ALL
    )
    SELECT pk, year, {", ".join(f"coalesce(b.{c}, 0) AS {c}" for c in _SUMMARY_COUNTS)},
           coalesce(tm.temp_months, 0) AS temp_months,
           coalesce(perm.to_permanent_same, 0) AS to_permanent_same,
           coalesce(perm.to_permanent_other, 0) AS to_permanent_other
    FROM by_month_year b FULL OUTER JOIN temp tm USING (pk, year) FULL OUTER JOIN perm USING (pk, year)
    """


def benefit_exits_sql(panel: str, first_year: int, last_year: int) -> str:
    """Per person, reference year and benefit (WW, bijstand): the first exit from the
    benefit in the year (a month with it as SECM followed by a month without), the months
    from that exit month to the first month with work after it (``months_to_job``; 1 = the
    next month; null when none is observed) and to the first month with a permanent main
    contract (``months_to_permanent``), the contract of the first work (``first_contract``:
    O, B, or ``self`` for self-employment), whether the person works 6 and 12 months after
    that first month of work (``works_6m``, ``works_12m``; null when past the data), and the
    months observed after the exit (up to the panel's end). Work is looked for in the
    :data:`MAX_MONTHS_TO_JOB` months after the exit (every measure of 38 and 39 stops there;
    a later job is "none within 36 months" for all of them), so the range join of an exit
    with the person's later months stays short."""
    last_mi = month_index(last_year, 12)
    first_mi = month_index(first_year, 1)
    exits = " UNION ALL ".join(
        f"SELECT pk, year, '{name}' AS benefit, min(mi) AS exit_mi FROM {panel} "
        f"WHERE in_{name} AND NOT {name}1 AND mi >= {first_mi} AND mi + 1 <= {last_mi} GROUP BY ALL"
        for name in ("ww", "bijstand"))
    return f"""
    WITH exits AS ({exits}),
    after AS (
        SELECT e.pk, e.year, e.benefit, e.exit_mi,
               min(p.mi) FILTER (WHERE p.work) AS job_mi,
               min(p.mi) FILTER (WHERE p.job AND p.contract = 'O') AS permanent_mi,
               arg_min(CASE WHEN p.job THEN p.contract ELSE 'self' END, p.mi) FILTER (WHERE p.work) AS first_contract
        FROM exits e LEFT JOIN {panel} p ON p.pk = e.pk AND p.mi > e.exit_mi
                                         AND p.mi <= e.exit_mi + {MAX_MONTHS_TO_JOB} AND p.work
        GROUP BY e.pk, e.year, e.benefit, e.exit_mi
    )
    SELECT a.pk, a.year, a.benefit, a.exit_mi, a.job_mi - a.exit_mi AS months_to_job,
           a.permanent_mi - a.exit_mi AS months_to_permanent, a.first_contract,
           CASE WHEN a.job_mi + 6 <= {last_mi} THEN coalesce(w6.work, false) END AS works_6m,
           CASE WHEN a.job_mi + 12 <= {last_mi} THEN coalesce(w12.work, false) END AS works_12m,
           {last_mi} - a.exit_mi AS observed_months
    FROM after a
    LEFT JOIN {panel} w6 ON w6.pk = a.pk AND w6.mi = a.job_mi + 6
    LEFT JOIN {panel} w12 ON w12.pk = a.pk AND w12.mi = a.job_mi + 12
    """


def wage_changes_sql(panel: str, first_year: int, last_year: int, changes: str | None = None) -> str:
    """Hourly-wage changes per person and reference year (indicator 28, report §5.2 4e).

    A job's hourly wage in a year is the hours-weighted mean of its monthly hourly base wage
    over the months it is the person's main substantial job. Changes: *within a job* only
    year on year (the job's wage in *t* against *t − 1*, attributed to *t*); *between jobs*
    always, when the main job changes from one month to the next or after one month without
    a substantial job: the new job's wage in the year it starts against the old job's in the
    year it ends, attributed to the year of the new job's first month, same employer when
    SBEID is equal. Per person-year: ``job_months`` (months with a main substantial job),
    ``max_change`` / ``min_change`` over all changes, and the same over changes at the same
    employer (``_same``; within-job changes are) and at another employer (``_other``); the
    sector of origin of every change is in :func:`wage_change_sectors_sql`. ``changes``: a
    table of :func:`wage_change_events_sql` made before (computed here when None).
    """
    return f"""
    WITH {_wage_change_ctes(panel, first_year, changes)}
    SELECT m.pk, m.year, m.job_months,
           max(c.change) AS max_change, min(c.change) AS min_change,
           max(c.change) FILTER (WHERE c.same) AS max_change_same,
           min(c.change) FILTER (WHERE c.same) AS min_change_same,
           max(c.change) FILTER (WHERE NOT c.same) AS max_change_other,
           min(c.change) FILTER (WHERE NOT c.same) AS min_change_other
    FROM months m LEFT JOIN changes c USING (pk, year)
    GROUP BY m.pk, m.year, m.job_months
    """


def wage_change_events_sql(panel: str) -> str:
    """Every hourly-wage change (indicator 28): person, reference year, relative change,
    same employer or not, sector of origin (definitions in :func:`wage_changes_sql`)."""
    return f"""
    WITH jy AS (
        SELECT pk, ikv, year, any_value(employer) AS employer, arg_max(sector, mi) AS sector,
               sum(hourly_wage * weekly_hours) / nullif(sum(weekly_hours), 0) AS wage
        FROM {panel} WHERE job GROUP BY pk, ikv, year
    ), within_job AS (
        SELECT c.pk, c.year, c.wage / p.wage - 1 AS change, true AS same, p.sector AS origin_sector
        FROM jy c JOIN jy p ON p.pk = c.pk AND p.ikv = c.ikv AND p.year = c.year - 1
    ), switches AS (
        SELECT pk, ikv AS from_ikv, year AS from_year,
               CASE WHEN job1 THEN ikv1 ELSE ikv2 END AS to_ikv,
               CASE WHEN job1 THEN mi + 1 ELSE mi + 2 END // 12 AS to_year,
               employer = CASE WHEN job1 THEN employer1 ELSE employer2 END AS same, sector AS origin_sector
        FROM {panel}
        WHERE job AND ((job1 AND ikv1 <> ikv) OR (NOT job1 AND job2 AND ikv2 <> ikv))
    ), between_jobs AS (
        SELECT s.pk, s.to_year AS year, t.wage / f.wage - 1 AS change,
               coalesce(s.same, false) AS same, s.origin_sector
        FROM switches s
        JOIN jy f ON f.pk = s.pk AND f.ikv = s.from_ikv AND f.year = s.from_year
        JOIN jy t ON t.pk = s.pk AND t.ikv = s.to_ikv AND t.year = s.to_year
    )
    SELECT * FROM within_job WHERE change IS NOT NULL
    UNION ALL SELECT * FROM between_jobs WHERE change IS NOT NULL
    """


def _wage_change_ctes(panel: str, first_year: int, changes: str | None) -> str:
    first_mi = month_index(first_year, 1)
    return f"""
    changes AS ({f"SELECT * FROM {changes}" if changes else wage_change_events_sql(panel)}),
    months AS (
        SELECT pk, year, count(*) AS job_months FROM {panel} WHERE job AND mi >= {first_mi} GROUP BY ALL
    )"""


def wage_change_sectors_sql(panel: str, first_year: int, changes: str | None = None) -> str:
    """Indicator 28 by sector of origin: per person, reference year and sector class of the
    main job's months in the year (persons with >= 2 such months are in the population),
    the largest rise and fall among the changes coming from a job in that sector."""
    first_mi = month_index(first_year, 1)
    sector = sector_class("true", "sector", "false")
    origin = sector_class("true", "c.origin_sector", "false")
    return f"""
    WITH {_wage_change_ctes(panel, first_year, changes)},
    sector_months AS (
        SELECT pk, year, {sector} AS sector, count(*) AS job_months
        FROM {panel} WHERE job AND mi >= {first_mi} GROUP BY ALL
    ), sector_changes AS (
        SELECT c.pk, c.year, {origin} AS sector, c.change, c.same FROM changes c
    )
    SELECT m.pk, m.year, m.sector, m.job_months,
           max(c.change) AS max_change, min(c.change) AS min_change,
           max(c.change) FILTER (WHERE c.same) AS max_change_same,
           min(c.change) FILTER (WHERE c.same) AS min_change_same,
           max(c.change) FILTER (WHERE NOT c.same) AS max_change_other,
           min(c.change) FILTER (WHERE NOT c.same) AS min_change_other
    FROM sector_months m LEFT JOIN sector_changes c USING (pk, year, sector)
    GROUP BY m.pk, m.year, m.sector, m.job_months
    """


def employer_rows_sql(panel: str, first_year: int) -> str:
    """Indicator 40, first part (per person bucket): one row per person and year with a main
    substantial job: the job that is the main one in most months of the year (then most
    weekly hours), its employer (SBEID), its hourly wage in the year (hours-weighted mean of
    the months as main job) and sector class. Every employee is kept, also those outside the
    frame: an employer's quartiles rank all its employees (:func:`employer_quartiles_sql`)."""
    first_mi = month_index(first_year, 1)
    return f"""
    WITH jobs AS (
        SELECT pk, year, ikv, any_value(employer) AS employer, arg_max(sector, mi) AS sector,
               count(*) AS months, sum(weekly_hours) AS hours,
               sum(hourly_wage * weekly_hours) / nullif(sum(weekly_hours), 0) AS wage
        FROM {panel} WHERE job AND mi >= {first_mi} GROUP BY pk, year, ikv
    )
    SELECT pk, year, arg_max(employer, months * 1e6 + hours) AS employer,
           arg_max(wage, months * 1e6 + hours) AS wage,
           arg_max({sector_class('true', 'sector', 'false')}, months * 1e6 + hours) AS sector
    FROM jobs GROUP BY pk, year
    """


def employer_quartiles_sql(rows: str, min_employees: int) -> str:
    """Indicator 40, second part (one pass over all buckets' employer rows, keyed by
    employer): the within-employer hourly-wage quartile of every employee of an employer
    with at least ``min_employees`` employees with a known wage in the year.

    An employee's position is the mid-rank of the wage among the employer's *n* wages,
    ``(first rank − 1 + last rank) / 2n`` in (0, 1) (first and last rank of the employees
    with that wage), and the quartile is ``floor(4 · position) + 1``: tied wages share one
    quartile, and reversing the order of the wages mirrors the quartiles (but for a position
    exactly on a quarter, which goes up)."""
    return f"""
    WITH ranked AS (
        SELECT *, count(*) OVER e AS employees,
               (rank() OVER w - 1 + cume_dist() OVER w * count(*) OVER e) / (2.0 * count(*) OVER e) AS position
        FROM {rows} WHERE employer IS NOT NULL AND wage IS NOT NULL
        WINDOW e AS (PARTITION BY year, employer), w AS (PARTITION BY year, employer ORDER BY wage)
    )
    SELECT *, least(4, floor(4 * position) + 1)::INTEGER AS quartile
    FROM ranked WHERE employees >= {int(min_employees)}
    """


def sector_months_sql(panel: str, first_year: int, last_year: int) -> str:
    """Retention (A27) per person, reference year and sector class of the month at risk."""
    last_mi = month_index(last_year, 12)
    first_mi = month_index(first_year, 1)
    return f"""
    SELECT pk, year, {sector_class('job', 'sector', 'self_counts')} AS sector,
           count(*) AS work_at_risk,
           count(*) FILTER (WHERE {KEPT}) AS kept,
           count(*) FILTER (WHERE {KEPT_SAME_JOB}) AS kept_same_job,
           count(*) FILTER (WHERE {KEPT_COMPARABLE}) AS kept_comparable
    FROM {panel}
    WHERE work AND mi >= {first_mi} AND mi + 1 <= {last_mi}
    GROUP BY ALL
    """


@dataclass
class DynamicCells:
    """What one bucket contributes to the dynamic indicators."""

    cells: pd.DataFrame         # indicators 27-39 without sector
    sector_cells: pd.DataFrame  # indicators 27 and 28 by sector
    population: pd.DataFrame    # population log (as foundation.bucket_cells)
    panel_counts: dict[str, int]
    employer_rows: pd.DataFrame  # indicator 40: employees per year with employer and wage, no person keys


def bucket_dynamic_cells(con: duckdb.DuckDBPyConnection, inputs: Inputs, frame_table: str, years: Sequence[int],
                         bucket: int | None, cells_table: str = FRAME_CELLS, extra_persons: str | None = None,
                         keep_panel: bool = False) -> DynamicCells:
    """Cells of indicators 27-39 for one bucket and its rows for the employer pass of 40.

    ``frame_table`` is the bucket's frame in DuckDB with the finest breakdown codes
    (``foundation.bucket_cells`` makes ``frame_t``); when it has the column ``cell``, the
    numbered cells are in ``cells_table`` (``frame_cells``). Sharing the panel (indicator
    25): ``extra_persons`` (a table with RINPERSOONS, RINPERSOON) are added to the panel's
    persons, while these indicators' populations stay the ``in_frame`` persons; with
    ``keep_panel`` the tables ``panel`` and ``pm_presence`` are kept for the caller, who
    drops them."""
    first, last = min(years), max(years)
    # the panel holds the persons in the frame in some year: nobody else is in a population
    extra = f" UNION SELECT RINPERSOONS, RINPERSOON FROM {extra_persons}" if extra_persons else ""
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_persons AS SELECT DISTINCT RINPERSOONS, RINPERSOON "
                f"FROM {frame_table} WHERE in_frame{extra}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_frame AS SELECT *, {PERSON_KEY} AS pk FROM {frame_table} "
                "WHERE in_frame")
    counts = build_panel(con, inputs, bucket, first, last, persons="dyn_persons", keep_presence=keep_panel)
    frame_columns = {r[0] for r in con.execute(f"DESCRIBE {frame_table}").fetchall()}
    by = [c for c in GROUP_COLUMNS if c != "sector" and c in frame_columns]
    # person rows carry the bucket's cell number, not the codes (foundation.load_frame_table)
    ids = CellIds(cells_table, tuple(by)) if "cell" in frame_columns else None
    keys = "f.cell" if ids else ", ".join(f"f.{c}" for c in by)
    cols = "cell" if ids else ", ".join(by)
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_py AS "
                f"SELECT f.year, {keys}, s.* EXCLUDE (pk, year) "
                f"FROM dyn_frame f JOIN ({person_year_summary_sql('panel', first, last)}) s "
                f"ON s.pk = f.pk AND s.year = f.year")
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_exits AS "
                f"SELECT f.year, {keys}, s.* EXCLUDE (pk, year) "
                f"FROM dyn_frame f JOIN ({benefit_exits_sql('panel', first, last)}) s "
                f"ON s.pk = f.pk AND s.year = f.year")
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_changes AS {wage_change_events_sql('panel')}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_wages AS "
                f"SELECT f.year, {keys}, s.* EXCLUDE (pk, year) "
                f"FROM dyn_frame f JOIN ({wage_changes_sql('panel', first, last, 'dyn_changes')}) s "
                f"ON s.pk = f.pk AND s.year = f.year")
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_sector AS "
                f"SELECT f.year, {keys}, s.* EXCLUDE (pk, year) "
                f"FROM dyn_frame f JOIN ({sector_months_sql('panel', first, last)}) s "
                f"ON s.pk = f.pk AND s.year = f.year")
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_wage_sector AS "
                f"SELECT f.year, {keys}, s.* EXCLUDE (pk, year) "
                f"FROM dyn_frame f JOIN ({wage_change_sectors_sql('panel', first, 'dyn_changes')}) s "
                f"ON s.pk = f.pk AND s.year = f.year")
    # the person-year tables are made; the person-month panel goes (memory: tables
    # are dropped as soon as they are used)
    for t in ("dyn_changes", *(() if keep_panel else ("panel",))):
        con.execute(f"DROP TABLE {t}")
    tables = {"summary": "dyn_py", "exits": "dyn_exits", "wages": "dyn_wages"}
    cells, logs = [], []
    # one stacked source and one aggregation per (table, statistic) instead of a query per
    # measure: the measures of a table differ only in their expressions
    groups: dict[tuple[str, str], list[DynamicMeasure]] = {}
    for m in MEASURES:
        groups.setdefault((m.table, m.kind), []).append(m)
    for (table_key, kind), measures in groups.items():
        table = tables[table_key]
        stacked = " UNION ALL ".join(
            f"SELECT '{m.indicator}' AS indicator, '{m.variant}' AS variant, year, {cols}, "
            f"({m.population}) AS in_population, CASE WHEN {m.population} THEN {m.y} END AS y, "
            f"{m.weight if m.weight else '1.0'}::DOUBLE AS wt FROM {table}" for m in measures)
        con.execute(f"CREATE OR REPLACE TEMP TABLE dyn_stacked AS {stacked}")
        cells.append(fetch_df(con, person_cells_sql("dyn_stacked", y="y", kind=kind, by=by, weight="wt",
                                                  cells=ids)))
        for indicator, variant, year, population, unknown in con.execute(
                "SELECT indicator, variant, year, count(*) FILTER (WHERE in_population), "
                "count(*) FILTER (WHERE in_population AND y IS NULL) FROM dyn_stacked GROUP BY ALL").fetchall():
            logs.append({"indicator": indicator, "variant": variant, "year": int(year), "bucket": bucket,
                         "population": int(population), "outcome_unknown": int(unknown)})
    for t in ("dyn_stacked", "dyn_py", "dyn_exits", "dyn_wages"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    sector_cells = []
    for m in MEASURES:
        if m.indicator != "A27":
            continue
        source = (f"(SELECT '{m.indicator}' AS indicator, '{m.variant}' AS variant, year, sector, "
                  f"{cols}, {m.y} AS y, {m.weight} AS wt FROM dyn_sector)")
        sector_cells.append(fetch_df(con, person_cells_sql(source, y="y", kind=m.kind, by=[*by, "sector"],
                                                         weight="wt", cells=ids)))
    con.execute("DROP TABLE dyn_sector")
    for m in MEASURES:
        if m.indicator != "A28" or m.variant.endswith(("_same", "_other")):  # by sector: rises and falls only
            continue
        source = (f"(SELECT '{m.indicator}' AS indicator, '{m.variant}' AS variant, year, sector, "
                  f"{cols}, CASE WHEN {m.population} THEN {m.y} END AS y FROM dyn_wage_sector)")
        sector_cells.append(fetch_df(con, person_cells_sql(source, y="y", kind=m.kind, by=[*by, "sector"],
                                                         cells=ids)))
    con.execute("DROP TABLE dyn_wage_sector")
    employer_rows = fetch_df(
        con, f"SELECT e.*, f.pk IS NOT NULL AS in_frame, {', '.join(f'f.{c}' for c in by)} "
        f"FROM ({employer_rows_sql('(SELECT *, true AS job, mi // 12 AS year FROM panel_jobs)', first)}) e "
        f"LEFT JOIN dyn_frame f "
        f"ON f.pk = e.pk AND f.year = e.year")
    employer_rows = employer_rows.drop(columns=["pk"])  # no person keys leave the bucket
    for t in ("dyn_py", "dyn_exits", "dyn_wages", "dyn_changes", "dyn_sector", "dyn_wage_sector",
              "panel_jobs", "dyn_persons", "dyn_frame", *(() if keep_panel else ("panel",))):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return DynamicCells(pd.concat(cells, ignore_index=True), pd.concat(sector_cells, ignore_index=True),
                        pd.DataFrame(logs), counts, employer_rows)


def employer_pass_cells(con: duckdb.DuckDBPyConnection, rows: str, by: Sequence[str],
                        min_employees: int = MIN_EMPLOYEES_TO_RANK) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Indicator 40 from the employer rows of every bucket (``rows``: a relation): cells of
    the frame persons' quartiles (q1-q4), the same by sector, and a log per year of
    employees, employees of employers too small to rank and frame persons ranked."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE ranked AS {employer_quartiles_sql(rows, min_employees)}")
    cells, sector_cells = [], []
    for q in (1, 2, 3, 4):
        source = (f"(SELECT 'A40' AS indicator, 'q{q}' AS variant, year, sector, {', '.join(by)}, "
                  f"(quartile = {q})::DOUBLE AS y FROM ranked WHERE in_frame)")
        cells.append(fetch_df(con, person_cells_sql(source, y="y", kind="share", by=list(by))))
        sector_cells.append(fetch_df(con, person_cells_sql(source, y="y", kind="share", by=[*by, "sector"])))
    log = con.execute(
        f"SELECT r.year, count(*) AS employees, count(*) - coalesce(k.ranked, 0) AS not_ranked, "
        f"coalesce(k.in_frame, 0) AS frame_persons_ranked "
        f"FROM {rows} r LEFT JOIN (SELECT year, count(*) AS ranked, count(*) FILTER (WHERE in_frame) AS in_frame "
        f"FROM ranked GROUP BY year) k USING (year) GROUP BY r.year, k.ranked, k.in_frame ORDER BY r.year").df()
    con.execute("DROP TABLE ranked")
    return pd.concat(cells, ignore_index=True), pd.concat(sector_cells, ignore_index=True), log
