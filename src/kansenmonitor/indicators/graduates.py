"""Indicator 25 (report §5.1, research question 4c): time to a job after graduation, time to
a permanent contract, and the hourly wage of the first job by type × field of study.

**Cohort of year t** (report §5.1: "studenten die op 1 oktober van het peiljaar in het
voltijdsonderwijs mbo, associate degree, bachelor of master stonden ingeschreven en op 1
oktober een jaar later geen bekostigd onderwijs meer volgden ... die een diploma behaalden
in de onderwijssoort ... van de inschrijving in het peiljaar"):

* the main enrolment (HOOFDINSCHR 01/11; any enrolment when the file has no main one) on 1
  October *t* (ONDERWIJSINSCHRTAB *t*) is mbo in the BOL full-time pathway (MBOLEERWEG 1;
  ``bol``) or hbo / wo full-time (HOVORM 1; ``hbo`` / ``wo``: AD, bachelor and master are
  all enrolments of these types) — full-time as ``frame/exclusions.py`` defines it, a
  missing pathway or form counting as full-time;
* no enrolment of any kind on 1 October *t* + 1 (ONDERWIJSINSCHRTAB *t* + 1; the cohort
  exists only when that file is in the catalog);
* a diploma of the enrolment's type in study year *t* (DIPLOMAMBOTAB *t* for mbo;
  DIPLOMAHOTAB *t* for hbo / wo, its type the OPLEIDINGSNRREF.ONDERWIJSSOORT of the
  diploma's OPLNR, a diploma whose OPLNR the reference lacks counting for both); of
  several, the latest;
* in the frame of year *t* with pupils and students kept (``frame_t.in_frame_students``):
  resident all year *t*, 15 to AOW age. **Cohort year and frame year are t**, the year of
  the 1 October enrolment: a graduate who leaves the country after graduating is in the
  cohort (and censored), not dropped; the breakdown codes are those of year *t*.

**Diploma month**: the month of EXAMENDATUMMBO (mbo) or EXAMENDATUMDIPLHO (ho); where the
ho date is missing, EXAMENMAAND in study year *t* (months 9-12 in *t*, 1-8 in *t* + 1).
A graduate without either has an unknown outcome (counted in the population log).

**Outcomes** (panel of :mod:`~kansenmonitor.indicators.person_month`: ``work`` = a
substantial job or self-employment passing the WML income test, report §5.1 "ten minste
12 uur per week ... zelfstandigen ... minder dan het wettelijk minimumloon ... buiten
beschouwing"), with *d* the diploma month:

* *observed months*: the months after *d* that are observed — up to the month before the
  first month from *d* on without an address in the population register (emigration;
  report §5.1: graduates from Germany "niet meer terug in de Nederlandse
  polisadministratie" — "controleren of de personen ... nog staan ingeschreven in de BRP"),
  and up to the panel's last month (end of the data); at most 36;
* *months to a job*: 0 when working in *d* or in *d* − 1 (**choice** for the report's
  "als iemand al een baan had of als zelfstandige werkte voor de afstudeerdatum": work
  held at the graduation date, i.e. in the diploma month or the month before it; work
  earlier in the study year that ended before then does not count); else *m* − *d* for the
  first month *m* > *d* with work inside the observed months; null (none found) otherwise.
  The shortest of job and self-employment counts (one ``work`` flag);
* *months to a permanent contract*: the same with "a main substantial job with contract O"
  instead of work; self-employment never counts. Graduates whose first work is
  self-employment are left out (report: "Zelfstandig ondernemers worden bij duur tot het
  hebben van een vast contract ook buiten beschouwing gelaten");
* *first job*: the main substantial job of the first month from *d* − 1 on with a job,
  inside the observed months; its hourly wage (panel ``hourly_wage``, base wage / base
  hours of the month).

================================  ==================================================================
A25 variant                       figure (one row per graduate and cohort year)
================================  ==================================================================
``months``                        mean months to a job, capped at 36, over the graduates with a known
                                  outcome: a job found in the observed months, or 36 months observed
                                  without one (36). **Note**: graduates censored before a job are
                                  left out, so a cohort with a short follow-up shows shorter times;
                                  the survival model of the methods stage uses ``censored_*``
``job_1m`` ... ``job_36m``        share with a job within 1, 3, 6, 12, 36 months among the graduates
                                  observed at least that many months (A38's rule: a window that is
                                  not observed in full is unknown, also when a job was found in it)
``censored_emigration``           share of the cohort without a job whose follow-up ends before 36
                                  months because they left the population register
``censored_end``                  the same, because the data end
``permanent_months``              mean months to a permanent contract, capped at 36, known as
                                  ``months``; graduates whose first work is self-employment left out
``wage_<type>``                   mean hourly wage of the first job, graduates of that type with a
                                  first job (``bol``, ``bbl``, ``hbo``, ``wo``)
``wage_<type>_<field>``           the same by field of study (:func:`field_code_sql`)
================================  ==================================================================

The wage figures follow the report's advice (§5.1, end of 4c: "per combinatie van
studierichting en bbl, bol, hbo of wo het uurloon in de eerste baan te vergelijken"), so
they also cover **bbl** graduates (MBOLEERWEG 3 on 1 October *t*, same other conditions),
who are not in the time-to-job cohort (bbl is not full-time education). Part-time and dual
students are in neither.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from kansenmonitor.frame.exclusions import HO_FULL_TIME, MBO_FULL_TIME
from kansenmonitor.indicators import education
from kansenmonitor.indicators.cells import GROUP_COLUMNS, CellIds, fetch_df, person_cells_sql
from kansenmonitor.indicators.foundation import FRAME_CELLS, relation
from kansenmonitor.indicators.person_month import month_index
from kansenmonitor.indicators.person_year import PERSON_KEY
from kansenmonitor.sources import spec

Inputs = dict[str, list[str]]

#: Sources indicator 25 reads besides the panel's and the frame's.
SOURCES: tuple[str, ...] = ("ONDERWIJSINSCHRTAB", "DIPLOMAMBOTAB", "DIPLOMAHOTAB", "OPLEIDINGSNRREF")
#: Follow-up in months (report §5.1: "drie jaar").
MAX_MONTHS = 36
#: Windows of the job-found shares.
WINDOWS: tuple[int, ...] = (1, 3, 6, 12, 36)
#: MBOLEERWEG of the bbl pathway (codelists.MBO_LEERWEG).
MBO_BBL = "3"
#: Types of graduates: bol, hbo, wo are the time-to-job cohort; bbl only has wage figures.
TYPES: tuple[str, ...] = ("bol", "bbl", "hbo", "wo")
FULL_TIME_TYPES: tuple[str, ...] = ("bol", "hbo", "wo")
#: Fields of study: OPLEIDINGSNRREF.SECTORMBO (lower case) -> field code, the classification
#: of indicator 21 (``education.FIELDS``), so #21 and #25 name the same fields; ``unk`` when
#: the programme has no sector.
FIELDS: dict[str, str] = {label: code for code, (_, _, labels) in education.FIELDS.items() for label in labels}
FIELD_CODES: tuple[str, ...] = (*education.FIELDS, "unk")


def follow_up_complete(year: int, last_year: int) -> bool:
    """Whether cohort ``year``'s follow-up lies inside the data up to ``last_year``: diplomas
    fall in ``year`` + 1 at the latest, so 36 months later is ``year`` + 4 (else the figures
    carry the flag ``follow_up_incomplete``)."""
    return year + 1 + MAX_MONTHS // 12 <= last_year


def _v(source: spec.SourceSpec, name: str) -> str:
    return source.variable(name).name


def field_code_sql(sector: str) -> str:
    """SQL for the field-of-study code (:data:`FIELD_CODES`) of an OPLEIDINGSNRREF.SECTORMBO
    value (the classification of indicator 21)."""
    whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in FIELDS.items())
    return f"CASE WHEN {sector} IS NULL THEN 'unk' ELSE CASE lower(trim({sector})) {whens} ELSE 'other' END END"


def enrolment_type_sql(kind: str, pathway: str, form: str) -> str:
    """SQL for the graduate type of a 1 October enrolment: ``bol`` (mbo full-time BOL or no
    pathway), ``bbl``, ``hbo`` / ``wo`` (full-time or no form); null for anything else."""
    bol = ", ".join(f"'{c}'" for c in sorted(MBO_FULL_TIME))
    ft = ", ".join(f"'{c}'" for c in sorted(HO_FULL_TIME))
    return (f"CASE WHEN upper({kind}) = 'MBO' AND ({pathway} IS NULL OR {pathway} IN ({bol})) THEN 'bol' "
            f"WHEN upper({kind}) = 'MBO' AND {pathway} = '{MBO_BBL}' THEN 'bbl' "
            f"WHEN upper({kind}) IN ('HBO', 'WO') AND ({form} IS NULL OR {form} IN ({ft})) THEN lower({kind}) END")


def _columns(con: duckdb.DuckDBPyConnection, rel: str) -> set[str]:
    return {c.upper() for c in con.sql(f"SELECT * FROM {rel} LIMIT 0").columns}


def _optional(columns: set[str], name: str, alias: str, cast: str = "VARCHAR") -> str:
    return f"{name} AS {alias}" if name.upper() in columns else f"NULL::{cast} AS {alias}"


def enrolments_sql(con: duckdb.DuckDBPyConnection, inputs: Inputs, bucket: int | None, year: int) -> str:
    """Per person enrolled on 1 October ``year``: the graduate type of the main enrolment
    (:func:`enrolment_type_sql`; null when not mbo/hbo/wo bol, bbl or full-time)."""
    s = spec.ONDERWIJSINSCHRTAB
    rel = relation(inputs, "ONDERWIJSINSCHRTAB", bucket, year)
    cols = _columns(con, rel)
    main = _v(s, "HOOFDINSCHR")
    pathway = _optional(cols, _v(s, "MBOLEERWEG"), "pathway")
    form = _optional(cols, _v(s, "HOVORM"), "form")
    is_main = f"coalesce({main} IN ('01', '11'), false)" if main.upper() in cols else "false"
    return f"""
    SELECT RINPERSOONS, RINPERSOON,
           arg_max({enrolment_type_sql('kind', 'pathway', 'form')}, is_main::INTEGER) AS grad_type
    FROM (SELECT RINPERSOONS, RINPERSOON, {_v(s, 'TYPEONDERWIJS')} AS kind, {pathway}, {form},
                 {is_main} AS is_main FROM {rel})
    GROUP BY RINPERSOONS, RINPERSOON
    """


def _month_sql(date: str) -> str:
    return f"(year(({date})::DATE) * 12 + month(({date})::DATE) - 1)"


def diplomas_sql(con: duckdb.DuckDBPyConnection, inputs: Inputs, bucket: int | None, year: int) -> str:
    """Per person and diploma type (``mbo``, ``hbo``, ``wo``; ``ho`` when the reference lacks
    the OPLNR) of study year ``year``: the latest diploma's month index (null when its date
    and month are missing) and field code."""
    ref = (f"(SELECT {_v(spec.OPLEIDINGSNRREF, 'OPLNR')} AS oplnr, "
           f"upper({_v(spec.OPLEIDINGSNRREF, 'ONDERWIJSSOORT')}) AS soort, "
           f"{_v(spec.OPLEIDINGSNRREF, 'SECTORMBO')} AS sector FROM {relation(inputs, 'OPLEIDINGSNRREF', None)})"
           if "OPLEIDINGSNRREF" in inputs else
           "(SELECT NULL::VARCHAR AS oplnr, NULL::VARCHAR AS soort, NULL::VARCHAR AS sector WHERE false)")
    parts = []
    if "DIPLOMAMBOTAB" in inputs:
        m = spec.DIPLOMAMBOTAB
        rel = relation(inputs, "DIPLOMAMBOTAB", bucket, year)
        parts.append(f"SELECT RINPERSOONS, RINPERSOON, 'mbo' AS dtype, {_v(m, 'OPLNR')} AS oplnr, "
                     f"{_month_sql(_v(m, 'EXAMENDATUMMBO'))} AS diploma_mi FROM {rel}")
    if "DIPLOMAHOTAB" in inputs:
        h = spec.DIPLOMAHOTAB
        rel = relation(inputs, "DIPLOMAHOTAB", bucket, year)
        cols = _columns(con, rel)
        date, month = _v(h, "EXAMENDATUMDIPLHO"), _v(h, "EXAMENMAAND")
        from_date = _month_sql(date) if date.upper() in cols else "NULL::BIGINT"
        # EXAMENMAAND in study year t/t+1: September-December in t, January-August in t+1
        month = f"TRY_CAST({month} AS INTEGER)"
        from_month = (f"CASE WHEN {month} BETWEEN 9 AND 12 THEN {year * 12} + {month} - 1 "
                      f"WHEN {month} BETWEEN 1 AND 8 THEN {(year + 1) * 12} + {month} - 1 END"
                      if _v(h, "EXAMENMAAND").upper() in cols else "NULL::BIGINT")
        parts.append(f"SELECT RINPERSOONS, RINPERSOON, 'ho' AS dtype, {_v(h, 'OPLNR')} AS oplnr, "
                     f"coalesce({from_date}, {from_month}) AS diploma_mi FROM {rel}")
    if not parts:
        return ("SELECT NULL::VARCHAR AS RINPERSOONS, NULL::VARCHAR AS RINPERSOON, NULL::VARCHAR AS dtype, "
                "NULL::BIGINT AS diploma_mi, NULL::VARCHAR AS field WHERE false")
    return f"""
    WITH d AS ({" UNION ALL ".join(parts)}),
    typed AS (
        SELECT d.RINPERSOONS, d.RINPERSOON, d.diploma_mi, r.sector,
               CASE WHEN d.dtype = 'mbo' THEN 'mbo' WHEN r.soort IN ('HBO', 'WO') THEN lower(r.soort)
                    ELSE 'ho' END AS dtype
        FROM d LEFT JOIN {ref} r ON r.oplnr = d.oplnr
    )
    SELECT RINPERSOONS, RINPERSOON, dtype, max(diploma_mi) AS diploma_mi,
           {field_code_sql('arg_max(sector, coalesce(diploma_mi, -1))')} AS field
    FROM typed GROUP BY RINPERSOONS, RINPERSOON, dtype
    """


def graduates_sql(enrolled_t: str, enrolled_next: str, diplomas: str, frame_table: str, year: int) -> str:
    """The graduates of cohort ``year`` (module docstring): person keys, ``pk``, ``year``,
    ``grad_type`` (bol, bbl, hbo, wo), ``full_time`` (in the time-to-job cohort), ``field``,
    ``diploma_mi``; only persons in ``frame_table``'s year with ``in_frame_students``."""
    full_time = ", ".join(f"'{t}'" for t in FULL_TIME_TYPES)
    return f"""
    SELECT *, {PERSON_KEY} AS pk FROM (
    SELECT e.RINPERSOONS, e.RINPERSOON, {int(year)} AS year, e.grad_type, e.grad_type IN ({full_time}) AS full_time,
           d.field, d.diploma_mi
    FROM ({enrolled_t}) e
    JOIN ({diplomas}) d ON d.RINPERSOONS = e.RINPERSOONS AND d.RINPERSOON = e.RINPERSOON
     AND (d.dtype = CASE WHEN e.grad_type IN ('bol', 'bbl') THEN 'mbo' ELSE e.grad_type END
          OR (d.dtype = 'ho' AND e.grad_type IN ('hbo', 'wo')))
    SEMI JOIN {frame_table} f ON f.RINPERSOONS = e.RINPERSOONS AND f.RINPERSOON = e.RINPERSOON
     AND f.year = {int(year)} AND f.in_frame_students
    ANTI JOIN ({enrolled_next}) n ON n.RINPERSOONS = e.RINPERSOONS AND n.RINPERSOON = e.RINPERSOON
    WHERE e.grad_type IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY e.RINPERSOONS, e.RINPERSOON
                               ORDER BY d.dtype = 'ho', d.diploma_mi DESC NULLS LAST) = 1
    )"""


def _years_present(con: duckdb.DuckDBPyConnection, inputs: Inputs, name: str) -> set[int]:
    if name not in inputs:
        return set()
    rel = relation(inputs, name, None)
    if "YEAR" not in _columns(con, rel):
        return set()
    return {int(r[0]) for r in con.sql(f"SELECT DISTINCT year FROM {rel}").fetchall() if r[0] is not None}


def cohort_years(con: duckdb.DuckDBPyConnection, inputs: Inputs, years: Sequence[int]) -> tuple[list[int], list[int]]:
    """(cohort years that can be made, run years that cannot): a cohort *t* needs the
    enrolments of 1 October *t* and *t* + 1 and a diploma file of study year *t* (in any
    bucket: every bucket makes the same cohort years)."""
    enrol = _years_present(con, inputs, "ONDERWIJSINSCHRTAB")
    diploma = _years_present(con, inputs, "DIPLOMAMBOTAB") | _years_present(con, inputs, "DIPLOMAHOTAB")
    ok = [t for t in years if t in enrol and t + 1 in enrol and t in diploma]
    return ok, [t for t in years if t not in ok]


def has_sources(inputs: Inputs) -> bool:
    """Whether the catalog has what indicator 25 needs (enrolments and a diploma file)."""
    return "ONDERWIJSINSCHRTAB" in inputs and ("DIPLOMAMBOTAB" in inputs or "DIPLOMAHOTAB" in inputs)


def make_graduates(con: duckdb.DuckDBPyConnection, inputs: Inputs, frame_table: str, years: Sequence[int],
                   bucket: int | None, table: str = "grad_persons") -> list[int]:
    """Create ``table`` with the graduates of every cohort year that can be made (module
    docstring) and return the run years whose cohort cannot be made (no enrolment file of
    1 October *t* + 1, or no diploma file of study year *t*)."""
    ok, missing = cohort_years(con, inputs, years)
    parts = [graduates_sql(enrolments_sql(con, inputs, bucket, t), enrolments_sql(con, inputs, bucket, t + 1),
                           diplomas_sql(con, inputs, bucket, t), frame_table, t) for t in ok]
    body = " UNION ALL ".join(f"({p})" for p in parts) if parts else (
        "SELECT NULL::VARCHAR AS RINPERSOONS, NULL::VARCHAR AS RINPERSOON, NULL::BIGINT AS pk, NULL::INTEGER AS year, "
        "NULL::VARCHAR AS grad_type, NULL::BOOLEAN AS full_time, NULL::VARCHAR AS field, NULL::BIGINT AS diploma_mi "
        "WHERE false")
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {body}")
    return missing


def graduate_outcomes_sql(graduates: str, panel: str, presence: str | None, last_year: int) -> str:
    """Per graduate (row of ``graduates``): ``observed_months``, ``left_register``,
    ``months_to_job``, ``months_to_permanent``, ``first_work_self``, ``first_wage`` (module
    docstring). ``presence``: the months in the register as ranges per ``pk``
    (person_month.presence_spells_sql); None: nobody leaves before the end of the data."""
    last_mi = month_index(last_year, 12)
    if presence:
        stay = (f"LEFT JOIN {presence} a ON a.pk = g.pk AND g.diploma_mi BETWEEN a.mi0 AND a.mi1")
        # the last month in the register from the diploma month on (diploma month - 1: absent in it)
        last_present = "CASE WHEN a.pk IS NULL THEN g.diploma_mi - 1 ELSE a.mi1 END"
    else:
        stay, last_present = "", f"{last_mi}"
    return f"""
    WITH g AS (
        SELECT g.*, least({last_present}, {last_mi}, g.diploma_mi + {MAX_MONTHS}) AS last_obs,
               {last_present} < {last_mi} AS left_register
        FROM {graduates} g {stay}
    ), months AS (
        SELECT g.pk, g.year, p.mi, p.work, p.job, p.contract, p.hourly_wage
        FROM g JOIN {panel} p ON p.pk = g.pk AND p.mi BETWEEN g.diploma_mi - 1 AND g.last_obs
        WHERE p.work
    ), firsts AS (
        SELECT pk, year, min(mi) AS work_mi,
               min(mi) FILTER (WHERE job AND contract = 'O') AS permanent_mi,
               arg_min(hourly_wage, mi) FILTER (WHERE job) AS first_wage,
               arg_min(NOT job, mi) AS first_work_self
        FROM months GROUP BY pk, year
    )
    SELECT g.*, CASE WHEN g.diploma_mi IS NOT NULL THEN greatest(g.last_obs - g.diploma_mi, 0) END AS observed_months,
           CASE WHEN f.work_mi IS NOT NULL THEN greatest(f.work_mi - g.diploma_mi, 0) END AS months_to_job,
           CASE WHEN f.permanent_mi IS NOT NULL THEN greatest(f.permanent_mi - g.diploma_mi, 0) END
               AS months_to_permanent,
           coalesce(f.first_work_self, false) AS first_work_self, f.first_wage
    FROM g LEFT JOIN firsts f ON f.pk = g.pk AND f.year = g.year
    """


def _known_months(months: str) -> str:
    """Months capped at the follow-up when known: found in the observed months, or the whole
    follow-up observed without (then the cap)."""
    return (f"CASE WHEN {months} IS NOT NULL THEN least({months}, {MAX_MONTHS})::DOUBLE "
            f"WHEN observed_months >= {MAX_MONTHS} THEN {MAX_MONTHS}::DOUBLE END")


def measures() -> list[tuple[str, str, str, str]]:
    """Every A25 figure as (variant, statistic, population, outcome) SQL over the graduate
    outcomes (:func:`graduate_outcomes_sql`); a null outcome in the population is unknown."""
    out = [("months", "mean", "full_time", _known_months("months_to_job"))]
    out += [(f"job_{k}m", "share", "full_time",
             f"CASE WHEN observed_months >= {k} THEN coalesce(months_to_job <= {k}, false)::DOUBLE END")
            for k in WINDOWS]
    censored = f"diploma_mi IS NOT NULL AND months_to_job IS NULL AND observed_months < {MAX_MONTHS}"
    out += [("censored_emigration", "share", "full_time",
             f"CASE WHEN diploma_mi IS NOT NULL THEN ({censored} AND left_register)::DOUBLE END"),
            ("censored_end", "share", "full_time",
             f"CASE WHEN diploma_mi IS NOT NULL THEN ({censored} AND NOT left_register)::DOUBLE END"),
            ("permanent_months", "mean", "full_time AND NOT first_work_self", _known_months("months_to_permanent"))]
    out += [(f"wage_{t}", "mean", f"grad_type = '{t}' AND first_wage IS NOT NULL", "first_wage") for t in TYPES]
    out += [(f"wage_{t}_{f}", "mean", f"grad_type = '{t}' AND field = '{f}' AND first_wage IS NOT NULL",
             "first_wage") for t in TYPES for f in FIELD_CODES]
    return out


def bucket_graduate_cells(con: duckdb.DuckDBPyConnection, frame_table: str, years: Sequence[int],
                          bucket: int | None, graduates: str = "grad_persons", panel: str = "panel",
                          presence: str | None = "pm_presence", missing_years: Sequence[int] = (),
                          cells_table: str = FRAME_CELLS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cells of indicator 25 for one bucket from the graduates and the kept person-month
    panel, and the population log (per variant and year: graduates in the population and
    those with an unknown outcome; a run year whose cohort cannot be made is logged with
    population 0). The breakdowns are the frame's of the cohort year (``frame_table``)."""
    last = max(years)
    frame_columns = {r[0] for r in con.execute(f"DESCRIBE {frame_table}").fetchall()}
    by = [c for c in GROUP_COLUMNS if c != "sector" and c in frame_columns]
    ids = CellIds(cells_table, tuple(by)) if "cell" in frame_columns else None
    keys = "f.cell" if ids else ", ".join(f"f.{c}" for c in by)
    cols = "cell" if ids else ", ".join(by)
    has_presence = presence is not None and con.execute(
        f"SELECT count(*) FROM duckdb_tables() WHERE table_name = '{presence}'").fetchone()[0] > 0
    outcomes = graduate_outcomes_sql(graduates, panel, presence if has_presence else None, last)
    con.execute(f"CREATE OR REPLACE TEMP TABLE grad_out AS "
                f"SELECT {keys}, o.* FROM ({outcomes}) o "
                f"JOIN {frame_table} f ON f.RINPERSOONS = o.RINPERSOONS AND f.RINPERSOON = o.RINPERSOON "
                f"AND f.year = o.year")
    cells, logs = [], []
    for kind in ("share", "mean"):
        ms = [m for m in measures() if m[1] == kind]
        stacked = " UNION ALL ".join(
            f"SELECT 'A25' AS indicator, '{v}' AS variant, year, {cols}, ({pop}) AS in_population, "
            f"CASE WHEN {pop} THEN {y} END AS y FROM grad_out" for v, _, pop, y in ms)
        con.execute(f"CREATE OR REPLACE TEMP TABLE grad_stacked AS {stacked}")
        cells.append(fetch_df(con, person_cells_sql("grad_stacked", y="y", kind=kind, by=by, cells=ids)))
        for variant, year, population, unknown in con.execute(
                "SELECT variant, year, count(*) FILTER (WHERE in_population), "
                "count(*) FILTER (WHERE in_population AND y IS NULL) FROM grad_stacked GROUP BY ALL").fetchall():
            if population:
                logs.append({"indicator": "A25", "variant": variant, "year": int(year), "bucket": bucket,
                             "population": int(population), "outcome_unknown": int(unknown)})
    logs += [{"indicator": "A25", "variant": "", "year": int(t), "bucket": bucket, "population": 0,
              "outcome_unknown": 0} for t in missing_years]
    for t in ("grad_stacked", "grad_out"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return pd.concat(cells, ignore_index=True), pd.DataFrame(logs)
