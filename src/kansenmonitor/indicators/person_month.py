"""The person-month panel: one normal form of labour-market states per person and month.

Every dynamic indicator (27-40, report §5.2) reads this panel. It is built per person
bucket with DuckDB from the staged registers, for the months from November of the year
before the first reference year (so that a one-month gap can be bridged into January,
report §5.2) up to December of the last year:

===================  =========================================================================
column               definition
===================  =========================================================================
pk                   the person (RINPERSOONS, RINPERSOON as one integer, :data:`PERSON_KEY`)
mi                   month index ``year * 12 + month - 1`` (the next month is ``mi + 1``)
year, month          calendar year and month (1-12)
present              an address spell (GBAADRESOBJECTBUS) covers at least one day of the month
secm                 the SECM code of the month: the SECMBUS spell covering most days of it
in_ww, in_bijstand,  SECM main source of income WW (21), bijstand (22), AO/ZW (24), other
in_aozw, in_other    social benefit (23) (report §4.2, 3e)
self_employed        SECM own business (13, 14)
self_counts          self-employed and the year's primary income (INPATAB) at least the WML
                     for 12 hours a week over the months self-employed (indicators.md §3);
                     true when the year's income is not in the catalog (counted in the log)
job                  a substantial job in the month (below)
ikv, employer,       the main substantial job of the month (most base hours): IKVID, SBEID,
contract, sector     contract type (O / B), SSECT
hourly_wage          base wage / base hours of the main job in the month
weekly_hours         base hours per week of the main job in the month
work                 ``job OR self_counts``
===================  =========================================================================

**Substantial job in a month** (indicators.md §3): the SPOLIS records of one job (IKVID)
that overlap the month are summed, each record contributing the share of its days that
fall in the month (a 4-weekly declaration period can cross a month boundary); the job is
substantial when it is not an internship (SSOORTBAAN 2), its contract type is O or B, its
base hours per week (base hours x 7 / days covered in the month) are at least 12 and its
hourly base wage is at least the hourly WML of 1 January of the month's year.
"""

from __future__ import annotations

from kansenmonitor.indicators.conventions import SUBSTANTIAL_MIN_WEEKLY_HOURS, hourly_wml
from kansenmonitor.indicators.person_year import PERSON_KEY

WW, BIJSTAND, AOZW, OTHER_BENEFIT = "21", "22", "24", "23"
SELF_EMPLOYED = ("13", "14")
#: The SECM codes the panel keeps (self-employment, WW, bijstand, other benefit, AO/ZW).
PANEL_SECM = (*SELF_EMPLOYED, WW, BIJSTAND, OTHER_BENEFIT, AOZW)


def month_index(year: int, month: int) -> int:
    """``year * 12 + month - 1``: consecutive months have consecutive indices."""
    return year * 12 + month - 1


def _bounds(first_year: int, last_year: int) -> tuple[str, str]:
    return f"DATE '{first_year - 1}-11-01'", f"DATE '{last_year}-12-31'"


def _wml_case(first_year: int, last_year: int, year_expr: str) -> str:
    whens = " ".join(f"WHEN {y} THEN {hourly_wml(y):.6f}" for y in range(first_year - 1, last_year + 1))
    return f"(CASE {year_expr} {whens} END)"


def _mi(date_expr: str) -> str:
    return f"(year({date_expr}) * 12 + month({date_expr}) - 1)"


def job_months_sql(spolis: str, first_year: int, last_year: int) -> str:
    """One row per (person, IKVID, month) with the job's summed SPOLIS facts in the month
    and whether it is a substantial job then (module docstring)."""
    start, end = _bounds(first_year, last_year)
    wml = _wml_case(first_year, last_year, "(mi // 12)")
    return f"""
    WITH rec AS (
        SELECT {PERSON_KEY} AS pk, IKVID, SBEID, SSECT, upper(SCONTRACTSOORT) AS contract, SSOORTBAAN,
               SDATUMAANVANGIKO AS d0, SDATUMEINDEIKO AS d1,
               coalesce(SBASISUREN, 0) AS h, coalesce(SBASISLOON, 0) AS wage,
               date_diff('day', SDATUMAANVANGIKO, SDATUMEINDEIKO) + 1 AS rdays
        FROM {spolis}
        WHERE SDATUMAANVANGIKO <= {end} AND SDATUMEINDEIKO >= {start}
          AND SDATUMEINDEIKO >= SDATUMAANVANGIKO
    ), split AS (
        SELECT *, unnest(generate_series(date_trunc('month', greatest(d0, {start})),
                                         date_trunc('month', least(d1, {end})), INTERVAL 1 MONTH)) AS m
        FROM rec
    ), part AS (
        SELECT *, date_diff('day', greatest(d0, m::DATE), least(d1, last_day(m::DATE))) + 1 AS days
        FROM split
    ), jm AS (
        SELECT pk, IKVID, {_mi('m')} AS mi,
               any_value(SBEID) AS employer, arg_max(SSECT, d1) AS sector,
               arg_max(contract, h * days / rdays) FILTER (WHERE contract IS NOT NULL) AS contract,
               sum(h * days / rdays) AS base_hours, sum(wage * days / rdays) AS base_wage, sum(days) AS days,
               bool_or(SSOORTBAAN = '2') AS intern
        FROM part GROUP BY pk, IKVID, mi
    )
    SELECT *, base_hours * 7.0 / nullif(days, 0) AS weekly_hours,
           base_wage / nullif(base_hours, 0) AS hourly_wage,
           coalesce(NOT intern AND contract IN ('O', 'B')
                    AND base_hours * 7.0 / nullif(days, 0) >= {SUBSTANTIAL_MIN_WEEKLY_HOURS}
                    AND round(base_wage / nullif(base_hours, 0), 6) >= round({wml}, 6), false) AS substantial
    FROM jm
    """


def main_job_months_sql(spolis: str, first_year: int, last_year: int) -> str:
    """One row per person-month with a substantial job: the main one (most base hours; of
    jobs with equal hours the one with the highest IKVID, so every column comes from the
    same job whatever the row order), and ``n_jobs`` the substantial jobs of the month.

    One sorted window pass (``row_number`` over the person-month by base hours and IKVID)
    instead of an aggregate per column: ``arg_max`` with a (hours, IKVID) ordering key per
    column cost five times as much (12.9 against 2.5 CPU seconds for 3.9 M person-months)."""
    return f"""
    SELECT pk, mi, count(*) OVER (PARTITION BY pk, mi) AS n_jobs,
           IKVID AS ikv, employer, contract, sector, hourly_wage, weekly_hours
    FROM ({job_months_sql(spolis, first_year, last_year)}) WHERE substantial
    QUALIFY row_number() OVER (PARTITION BY pk, mi ORDER BY base_hours DESC, IKVID DESC) = 1
    """


def secm_months_sql(secm: str, first_year: int, last_year: int) -> str:
    """One row per person-month with a SECMBUS spell: the SECM code covering most days."""
    start, end = _bounds(first_year, last_year)
    return f"""
    WITH sp AS (
        SELECT {PERSON_KEY} AS pk, SECM, AANVSECM AS d0, coalesce(EINDSECM, {end}) AS d1
        FROM {secm} WHERE AANVSECM <= {end} AND coalesce(EINDSECM, {end}) >= {start}
    ), m AS (
        SELECT *, unnest(generate_series(date_trunc('month', greatest(d0, {start})),
                                         date_trunc('month', least(d1, {end})), INTERVAL 1 MONTH)) AS m
        FROM sp
    )
    SELECT pk, {_mi('m')} AS mi,
           arg_max(SECM, date_diff('day', greatest(d0, m::DATE), least(d1, last_day(m::DATE))) * 100000
                   + date_diff('day', DATE '1900-01-01', d0)) AS secm
    FROM m GROUP BY pk, mi
    """


def presence_spells_sql(address: str, first_year: int, last_year: int) -> str:
    """Months in the register as non-overlapping month ranges per person (``mi0`` ..
    ``mi1``): the address spells' months (a month with at least one day), merged where they
    touch or overlap, so a month matches at most one range."""
    start, end = _bounds(first_year, last_year)
    d0, d1 = "GBADATUMAANVANGADRESHOUDING", "GBADATUMEINDEADRESHOUDING"
    return f"""
    WITH r AS (
        SELECT {PERSON_KEY} AS pk, {_mi(f"greatest({d0}, {start})")} AS mi0,
               {_mi(f"least(coalesce({d1}, {end}), {end})")} AS mi1
        FROM {address}
        WHERE {d0} <= {end} AND coalesce({d1}, {end}) >= {start} AND coalesce({d1}, {end}) >= {d0}
    ), o AS (
        SELECT *, CASE WHEN mi0 <= max(mi1) OVER (PARTITION BY pk ORDER BY mi0, mi1
                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                       THEN 0 ELSE 1 END AS new_range
        FROM r
    ), n AS (
        SELECT *, sum(new_range) OVER (PARTITION BY pk ORDER BY mi0, mi1 ROWS UNBOUNDED PRECEDING) AS range_no
        FROM o
    )
    SELECT pk, min(mi0) AS mi0, max(mi1) AS mi1 FROM n GROUP BY pk, range_no
    """


def self_employed_income_sql(inpa: str, secm_months: str, first_year: int, last_year: int) -> str:
    """Per person-year with months self-employed: whether the year's primary income counts
    the self-employment as work (at least the hourly WML x 12 hours a week over those months);
    ``income_known`` false when INPATAB has no row for the person and year."""
    wml = _wml_case(first_year, last_year, "s.year")
    hours = SUBSTANTIAL_MIN_WEEKLY_HOURS
    return f"""
    SELECT s.pk, s.year, s.months,
           i.INPPERSPRIM IS NOT NULL AS income_known,
           coalesce(i.INPPERSPRIM >= {wml} * {hours} * 52.0 / 12.0 * s.months, true) AS counts
    FROM (SELECT pk, mi // 12 AS year, count(*) AS months FROM {secm_months}
          WHERE secm IN {SELF_EMPLOYED} GROUP BY ALL) s
    LEFT JOIN (SELECT {PERSON_KEY} AS pk, year, INPPERSPRIM FROM {inpa}) i ON i.pk = s.pk AND i.year = s.year
    """


def panel_sql(secm_months: str, job_months: str, presence: str | None, self_income: str | None) -> str:
    """The panel from its parts (tables or subqueries named by the arguments): one row per
    person-month with work (a substantial job, or self-employment that counts), WW, bijstand
    or AO/ZW (a full outer join on the integer key of the months with a substantial job and
    those with a SECM code the panel uses); ``presence`` holds the months in the register as
    ranges (:func:`presence_spells_sql`). Every other month has no row: in it a person has no
    work, no job and none of these benefits, whether present or not; every dynamic measure
    starts from a month with a row and reads a missing next month as "none of these" (half
    the rows of a panel of every month with a SECM record, and every pass over it half the
    work). ``secm`` is the code covering most days of the month when it is one of
    self-employment, WW, bijstand, other benefit or AO/ZW, else null."""
    present_join = f"LEFT JOIN {presence} a ON a.pk = k.pk AND k.mi BETWEEN a.mi0 AND a.mi1" if presence else ""
    present_col = "a.pk IS NOT NULL" if presence else "NULL::BOOLEAN"
    income = f"LEFT JOIN {self_income} si ON si.pk = k.pk AND si.year = k.mi // 12" if self_income else ""
    counts = "coalesce(si.counts, true)" if self_income else "true"
    return f"""
    WITH k AS (
        SELECT coalesce(s.pk, j.pk) AS pk, coalesce(s.mi, j.mi) AS mi, s.secm, j.pk IS NOT NULL AS job,
               j.ikv, j.employer, j.contract, j.sector, j.hourly_wage, j.weekly_hours
        FROM (SELECT * FROM {secm_months} WHERE secm IN {PANEL_SECM}) s
        FULL OUTER JOIN {job_months} j ON s.pk = j.pk AND s.mi = j.mi
    ), rows AS (
        SELECT k.*, coalesce(k.secm IN {SELF_EMPLOYED}, false) AS self_employed FROM k
    )
    SELECT k.pk, k.mi, k.mi // 12 AS year, k.mi % 12 + 1 AS month,
           {present_col} AS present, k.secm,
           coalesce(k.secm = '{WW}', false) AS in_ww, coalesce(k.secm = '{BIJSTAND}', false) AS in_bijstand,
           coalesce(k.secm = '{AOZW}', false) AS in_aozw, coalesce(k.secm = '{OTHER_BENEFIT}', false) AS in_other,
           k.self_employed, k.self_employed AND {counts} AS self_counts,
           k.job, k.ikv, k.employer, k.contract, k.sector, k.hourly_wage, k.weekly_hours,
           k.job OR (k.self_employed AND {counts}) AS work
    FROM rows k {present_join} {income}
    WHERE k.job OR (k.self_employed AND {counts}) OR k.secm IN ('{WW}', '{BIJSTAND}', '{AOZW}')
    """


def transitions_sql(panel: str) -> str:
    """The panel with, on every row of month *m*, the person's states in *m + 1* (columns
    ``work1``, ``job1``, ``self1``, ``ww1``, ``bijstand1``, ``aozw1``, ``ikv1``, ``employer1``,
    ``contract1``, ``hours1``) and *m + 2* (``job2``, ``ikv2``, ``employer2``, ``contract2``):
    no work, no job and no benefit in a month without a row. Made once (two hash joins of
    the panel with itself on the integer key, each side with only the columns it gives and
    the second with job months only; about as fast here as a sorted window pass with lead())."""
    return f"""
    SELECT p.*,
           coalesce(n1.work, false) AS work1, coalesce(n1.job, false) AS job1,
           coalesce(n1.self_counts, false) AS self1, coalesce(n1.in_ww, false) AS ww1,
           coalesce(n1.in_bijstand, false) AS bijstand1, coalesce(n1.in_aozw, false) AS aozw1,
           n1.ikv AS ikv1, n1.employer AS employer1, n1.contract AS contract1, n1.weekly_hours AS hours1,
           coalesce(n2.job, false) AS job2, n2.ikv AS ikv2, n2.employer AS employer2, n2.contract AS contract2
    FROM {panel} p
    LEFT JOIN (SELECT pk, mi, work, job, self_counts, in_ww, in_bijstand, in_aozw, ikv, employer, contract,
                      weekly_hours FROM {panel}) n1 ON n1.pk = p.pk AND n1.mi = p.mi + 1
    LEFT JOIN (SELECT pk, mi, job, ikv, employer, contract FROM {panel} WHERE job) n2
           ON n2.pk = p.pk AND n2.mi = p.mi + 2
    """
