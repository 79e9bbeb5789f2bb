"""Person-year outcomes from the staged registers: the inputs of indicators 4-18.

Each function returns DuckDB SQL over a staged source (a ``read_parquet(...)`` relation or a
table name) with one row per person (RINPERSOONS, RINPERSOON) for one reference year.
Definitions: report §4.2 and ``shared/spec/indicators.md`` §3-§4.

Spell ends that are null mean "open" (the reader turns the sentinel 20501231 into null).
"""

from __future__ import annotations

from kansenmonitor.indicators.conventions import (
    INCOME_CAP,
    SUBSTANTIAL_MIN_WEEKLY_HOURS,
    hourly_wml,
)

PERSON = "RINPERSOONS, RINPERSOON"
#: An integer for the person key (RINPERSOON is nine digits, RINPERSOONS one letter): joins
#: of the panel with itself on an integer are several times faster than on two strings.
#: Keys that are not digits (never in validated staged files) fall back to a hash.
PERSON_KEY = ("coalesce(TRY_CAST(RINPERSOON AS BIGINT) * 256 + ascii(coalesce(RINPERSOONS, ' ')), "
              "-1 - (hash(RINPERSOONS, RINPERSOON) % 4611686018427387903)::BIGINT)")


def _year_bounds(year: int) -> tuple[str, str]:
    return f"DATE '{year}-01-01'", f"DATE '{year}-12-31'"


def spolis_jobs_sql(spolis: str, year: int) -> str:
    """Job-year facts of ``year`` from SPOLISBUS records, one row per (person, IKVID).

    Records are clipped to the year (jobs that cross the year boundary count only with
    their days in ``year``); all records of one job in the year are summed (4-weekly
    declarations give several records a month). Per job:

    - ``days``: days covered by the job's records in the year;
    - ``base_hours``, ``base_wage``, ``paid_hours``: sums of SBASISUREN, SBASISLOON, SAANTVERLU;
    - ``weekly_base_hours`` = base_hours x 7 / days (indicators.md §3);
    - ``hourly_wage`` = base_wage / base_hours;
    - ``contract``: the contract type (SCONTRACTSOORT, upper case) that carries most base hours
      of the job in the year (a job can change from B to O);
    - ``intern``: any record with SSOORTBAAN 2 (stagiair);
    - ``contract_hours``: SAANTCTRCTURENPWK weighted by record days (null before 2016);
    - ``substantial``: not an internship, contract O or B, weekly base hours >= 12 and hourly
      wage >= the hourly WML of 1 January (report §4.2).
    """
    start, end = _year_bounds(year)
    wml = hourly_wml(year)
    return f"""
    WITH rec AS (
        SELECT {PERSON}, IKVID, SBEID, SSECT,
               greatest(SDATUMAANVANGIKO, {start}) AS d0,
               least(SDATUMEINDEIKO, {end}) AS d1,
               coalesce(SBASISUREN, 0) AS base_h, coalesce(SBASISLOON, 0) AS base_w,
               coalesce(SAANTVERLU, 0) AS paid_h, SAANTCTRCTURENPWK AS ctr_h,
               upper(SCONTRACTSOORT) AS contract, SSOORTBAAN
        FROM {spolis}
        WHERE SDATUMAANVANGIKO <= {end} AND SDATUMEINDEIKO >= {start}
    ), rec_days AS (
        SELECT *, date_diff('day', d0, d1) + 1 AS days FROM rec
    ), job_contract AS (
        SELECT {PERSON}, IKVID, arg_max(contract, contract_hours) AS contract
        FROM (SELECT {PERSON}, IKVID, contract, sum(base_h) AS contract_hours
              FROM rec_days WHERE contract IS NOT NULL GROUP BY ALL)
        GROUP BY ALL
    ), job AS (
        SELECT {PERSON}, IKVID,
               any_value(SBEID) AS SBEID, arg_max(SSECT, d1) AS SSECT,
               sum(days) AS days, sum(base_h) AS base_hours, sum(base_w) AS base_wage,
               sum(paid_h) AS paid_hours,
               sum(ctr_h * days) / nullif(sum(CASE WHEN ctr_h IS NOT NULL THEN days END), 0) AS contract_hours,
               bool_or(SSOORTBAAN = '2') AS intern,
               min(d0) AS first_day, max(d1) AS last_day
        FROM rec_days GROUP BY ALL
    )
    SELECT job.*, job_contract.contract,
           base_hours * 7.0 / nullif(days, 0) AS weekly_base_hours,
           base_wage / nullif(base_hours, 0) AS hourly_wage,
           coalesce(NOT intern AND job_contract.contract IN ('O', 'B')
                    AND base_hours * 7.0 / nullif(days, 0) >= {SUBSTANTIAL_MIN_WEEKLY_HOURS}
                    AND round(base_wage / nullif(base_hours, 0), 6) >= {round(wml, 6)}, false) AS substantial
    FROM job LEFT JOIN job_contract USING ({PERSON}, IKVID)
    """


def employee_person_year_sql(spolis: str, year: int) -> str:
    """Person-year employee outcomes of ``year`` (indicators 4, 6, 7, 8, 10), persons with at
    least one substantial job only.

    - ``permanent``: 1 if the substantial job with most base hours is permanent (O) (#4);
    - ``contract_hours_pw``: contract hours summed over the substantial jobs (#6, from 2016);
    - ``paid_hours_pw`` / ``base_hours_pw``: paid / base hours of all substantial jobs per week
      worked, a week worked being 7 days on which at least one substantial job ran (the union
      of the jobs' record periods) (#7);
    - ``zero_hours``: the main job has 0 contract hours (nulurencontract; from 2016);
    - ``hourly_wage``: base wage / base hours over all substantial jobs, which equals the
      base-hours-weighted mean of monthly hourly wages (#8);
    - ``concurrent_jobs``: sum over substantial jobs of days in the job / days in the year
      (35 days + full year = 1.1; 200 + 200 days = 1.1) (#10).
    """
    start, end = _year_bounds(year)
    days_in_year = 366 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 365
    jobs = spolis_jobs_sql(spolis, year)
    return f"""
    WITH jobs AS ({jobs}),
    subst AS (SELECT * FROM jobs WHERE substantial),
    recs AS (
        SELECT r.{PERSON.replace(', ', ', r.')},
               greatest(r.SDATUMAANVANGIKO, {start}) AS d0, least(r.SDATUMEINDEIKO, {end}) AS d1
        FROM {spolis} r SEMI JOIN subst s ON r.RINPERSOONS = s.RINPERSOONS
             AND r.RINPERSOON = s.RINPERSOON AND r.IKVID = s.IKVID
        WHERE r.SDATUMAANVANGIKO <= {end} AND r.SDATUMEINDEIKO >= {start}
    ), islands AS (
        SELECT *, CASE WHEN d0 <= max(d1) OVER (PARTITION BY {PERSON} ORDER BY d0, d1
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                       THEN 0 ELSE 1 END AS new_island
        FROM recs
    ), numbered AS (
        SELECT *, sum(new_island) OVER (PARTITION BY {PERSON} ORDER BY d0, d1
                                        ROWS UNBOUNDED PRECEDING) AS island
        FROM islands
    ), worked AS (
        SELECT {PERSON}, sum(date_diff('day', i0, i1) + 1) AS days_worked
        FROM (SELECT {PERSON}, island, min(d0) AS i0, max(d1) AS i1 FROM numbered GROUP BY ALL)
        GROUP BY ALL
    ), person AS (
        SELECT {PERSON},
               arg_max(contract, base_hours) AS main_contract,
               arg_max(contract_hours, base_hours) AS main_contract_hours,
               arg_max(SSECT, base_hours) AS main_sector,
               sum(base_wage) AS base_wage, sum(base_hours) AS base_hours, sum(paid_hours) AS paid_hours,
               sum(contract_hours) AS contract_hours_pw,
               sum(days) / {days_in_year}.0 AS concurrent_jobs,
               count(*) AS n_substantial_jobs
        FROM subst GROUP BY ALL
    )
    SELECT person.*, worked.days_worked,
           CASE WHEN main_contract = 'O' THEN 1.0 ELSE 0.0 END AS permanent,
           paid_hours * 7.0 / days_worked AS paid_hours_pw,
           base_hours * 7.0 / days_worked AS base_hours_pw,
           CASE WHEN main_contract_hours IS NULL THEN NULL
                WHEN main_contract_hours = 0 THEN true ELSE false END AS zero_hours,
           base_wage / nullif(base_hours, 0) AS hourly_wage
    FROM person JOIN worked USING ({PERSON})
    """


#: SECM codes of the benefit indicators 11-18 (report §4.2, 3e).
BENEFIT_SECM: dict[str, str] = {"ww": "21", "bijstand": "22", "aozw": "24", "other_benefit": "23"}
SELF_EMPLOYED_SECM = ("13", "14")
STUDENT_SECM = ("26", "31")
PENSION_SECM = ("25",)


def secm_person_year_sql(secm: str, first_year: int, last_year: int | None = None) -> str:
    """Months per SECM category in each year from ``first_year`` to ``last_year`` (default:
    the same year), one row per (person, year) present in SECMBUS.

    A spell covers a month when it overlaps it (SECM is determined per month, cbs-sources
    §5). Columns ``months_<name>`` for WW, bijstand, AO/ZW, other benefit (#11-18),
    self-employment (SECM 13/14, #5), student (26/31) and pension (25), and
    ``months_present`` (months with any SECM record). All years come from one pass over
    the spells, so a bucket's SECMBUS is read once, not once per year.
    """
    last_year = first_year if last_year is None else last_year
    start, _ = _year_bounds(first_year)
    _, end = _year_bounds(last_year)
    conditions = {**{name: f"SECM = '{code}'" for name, code in BENEFIT_SECM.items()},
                  **{name: f"SECM IN ({', '.join(repr(c) for c in codes)})"
                     for name, codes in (("self_employed", SELF_EMPLOYED_SECM), ("student", STUDENT_SECM),
                                         ("pension", PENSION_SECM))}}
    # each spell's categories as one bit each; a person-month's categories are the OR over
    # its spells (a month covered by two spells of one category counts once)
    bits = " + ".join(f"(CASE WHEN {c} THEN {1 << i} ELSE 0 END)" for i, c in enumerate(conditions.values()))
    per_year = ", ".join(f"count(*) FILTER (WHERE cats & {1 << i} <> 0) AS months_{name}"
                         for i, name in enumerate(conditions))
    mi = "(year({d}) * 12 + month({d}) - 1)"
    # integer months and an integer person key (person_month.PERSON_KEY) inside: grouping
    # on them is several times faster than on dates and key strings; the keys come back
    # from one row per person
    return f"""
    WITH spells AS (
        SELECT {PERSON_KEY} AS pk, ({bits})::INTEGER AS bits,
               {mi.format(d=f"greatest(AANVSECM, {start})")} AS m0,
               {mi.format(d=f"least(coalesce(EINDSECM, {end}), {end})")} AS m1
        FROM {secm}
        WHERE AANVSECM <= {end} AND coalesce(EINDSECM, {end}) >= {start}
    ), person_months AS (
        SELECT pk, mi, bit_or(bits) AS cats
        FROM (SELECT pk, bits, unnest(range(m0, m1 + 1)) AS mi FROM spells) GROUP BY pk, mi
    ), person_years AS (
        SELECT pk, mi // 12 AS year, {per_year}, count(*) AS months_present
        FROM person_months GROUP BY pk, year
    ), persons AS (
        SELECT DISTINCT {PERSON_KEY} AS pk, {PERSON} FROM {secm}
        WHERE AANVSECM <= {end} AND coalesce(EINDSECM, {end}) >= {start}
    )
    SELECT p.RINPERSOONS, p.RINPERSOON, y.* EXCLUDE (pk)
    FROM person_years y JOIN persons p USING (pk)
    """


def income_person_year_sql(inpa: str) -> str:
    """Personal income of one INPATAB year, capped at EUR 1,000,000 (report §4.2, 3f): one row
    per person with ``primary`` (INPPERSPRIM), ``personal`` (INPPERSINK), ``gross``
    (INPPERSBRUT); the sentinel for a household without observed income is null already and
    stays null (DuckDB's ``least`` skips nulls: ``least(NULL, cap)`` is the cap, which made an
    unobserved income EUR 1,000,000)."""
    cap = lambda column: f"CASE WHEN {column} IS NULL THEN NULL ELSE least({column}, {INCOME_CAP}) END"  # noqa: E731
    return f"""
    SELECT {PERSON},
           {cap('INPPERSPRIM')} AS income_primary,
           {cap('INPPERSINK')} AS income_personal,
           {cap('INPPERSBRUT')} AS income_gross
    FROM {inpa}
    """
