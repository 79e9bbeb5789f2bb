"""Definition edges of the person-year outcomes behind indicators 4-18 (report §4.2)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from kansenmonitor.indicators.conventions import hourly_wml
from kansenmonitor.indicators.person_year import (
    employee_person_year_sql,
    income_person_year_sql,
    secm_person_year_sql,
    spolis_jobs_sql,
)

YEAR = 2019
WML = hourly_wml(YEAR)  # 372.90 / 40


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _record(person: str, job: str, start: str, end: str, base_hours: float, wage: float | None = None,
            contract: str = "O", soortbaan: str = "9", employer: str = "E1", contract_hours: float | None = 32.0,
            paid_hours: float | None = None) -> dict:
    hours_wage = wage if wage is not None else WML * 1.5
    return dict(RINPERSOONS="R", RINPERSOON=person, IKVID=job, SBEID=employer, SSECT="17",
                SDATUMAANVANGIKO=_d(start), SDATUMEINDEIKO=_d(end), SBASISUREN=base_hours,
                SBASISLOON=base_hours * hours_wage, SAANTVERLU=paid_hours if paid_hours is not None else base_hours,
                SAANTCTRCTURENPWK=contract_hours, SCONTRACTSOORT=contract, SSOORTBAAN=soortbaan)


def _full_year(person: str, job: str, weekly_hours: float, **kw) -> list[dict]:
    rows = []
    for month in range(1, 13):
        first = dt.date(YEAR, month, 1)
        last = (dt.date(YEAR + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        hours = weekly_hours * ((last - first).days + 1) / 7
        rows.append(_record(person, job, first.isoformat(), last.isoformat(), hours, **kw))
    return rows


def _query(sql_of, rows: list[dict], **kw) -> pd.DataFrame:
    con = duckdb.connect()
    frame = pd.DataFrame(rows)
    con.register("spolis_df", frame)
    con.execute("CREATE TABLE spolis AS SELECT * FROM spolis_df")
    return con.execute(sql_of("spolis", YEAR, **kw)).df()


def _jobs(rows: list[dict]) -> pd.DataFrame:
    return _query(spolis_jobs_sql, rows).set_index("IKVID")


def _persons(rows: list[dict]) -> pd.DataFrame:
    return _query(employee_person_year_sql, rows).set_index("RINPERSOON")


def test_job_of_exactly_12_base_hours_a_week_is_substantial():
    assert _jobs(_full_year("000000001", "J1", 12.0)).loc["J1", "substantial"]


def test_job_below_12_base_hours_a_week_is_not_substantial():
    assert not _jobs(_full_year("000000001", "J1", 11.9)).loc["J1", "substantial"]


def test_job_paying_below_the_hourly_minimum_wage_is_not_substantial():
    jobs = _jobs(_full_year("000000001", "J1", 38, wage=WML - 0.01) + _full_year("000000002", "J2", 38, wage=WML))
    assert not jobs.loc["J1", "substantial"]
    assert jobs.loc["J2", "substantial"]


def test_internship_is_not_a_substantial_job():
    assert not _jobs(_full_year("000000001", "J1", 38, soortbaan="2")).loc["J1", "substantial"]


def test_unknown_contract_type_is_not_a_substantial_job():
    jobs = _jobs(_full_year("000000001", "J1", 38, contract="N") + _full_year("000000002", "J2", 38, contract=None))
    assert not jobs.loc["J1", "substantial"]
    assert not jobs.loc["J2", "substantial"]


def test_lower_case_contract_type_is_read_as_upper_case():
    assert _jobs(_full_year("000000001", "J1", 38, contract="o")).loc["J1", "contract"] == "O"


def test_several_records_of_one_job_in_a_month_are_summed():
    # 4-weekly declarations: January split over two records of 12 and 19 days at 6 hours a week
    # each; per record that is < 12 h/week only if not summed per job.
    rows = [_record("000000001", "J1", "2019-01-01", "2019-01-12", 12 * 20 / 7),
            _record("000000001", "J1", "2019-01-13", "2019-01-31", 19 * 20 / 7)]
    job = _jobs(rows).loc["J1"]
    assert job["days"] == 31
    assert job["weekly_base_hours"] == pytest.approx(20.0)
    assert job["substantial"]


def test_job_crossing_the_year_boundary_counts_only_its_days_in_the_year():
    rows = [_record("000000001", "J1", "2018-12-01", "2018-12-31", 31 * 20 / 7),
            _record("000000001", "J1", "2019-01-01", "2019-01-31", 31 * 20 / 7)]
    job = _jobs(rows).loc["J1"]
    assert job["days"] == 31
    assert job["base_hours"] == pytest.approx(31 * 20 / 7)


def test_contract_type_of_the_job_with_most_base_hours_decides_permanent():
    rows = _full_year("000000001", "J1", 30, contract="B") + _full_year("000000001", "J2", 14, contract="O")
    person = _persons(rows).loc["000000001"]
    assert person["main_contract"] == "B"
    assert person["permanent"] == 0.0


def test_non_substantial_job_does_not_decide_the_contract_type():
    rows = _full_year("000000001", "J1", 30, contract="B", soortbaan="2") + _full_year("000000001", "J2", 14, contract="O")
    assert _persons(rows).loc["000000001", "permanent"] == 1.0


def test_person_without_a_substantial_job_is_not_an_employee():
    assert _persons(_full_year("000000001", "J1", 8)).empty


def test_hourly_wage_is_base_wage_over_base_hours_across_jobs():
    rows = _full_year("000000001", "J1", 20, wage=15.0) + _full_year("000000001", "J2", 20, wage=25.0)
    assert _persons(rows).loc["000000001", "hourly_wage"] == pytest.approx(20.0)


def test_paid_hours_per_week_are_relative_to_the_period_worked():
    # Half a year at 36 hours a week: 36 per week worked, not 18.
    rows = [r for r in _full_year("000000001", "J1", 36) if r["SDATUMAANVANGIKO"].month <= 6]
    assert _persons(rows).loc["000000001", "paid_hours_pw"] == pytest.approx(36.0)


def test_paid_hours_of_concurrent_jobs_are_summed_per_week_worked():
    rows = _full_year("000000001", "J1", 20) + _full_year("000000001", "J2", 16)
    assert _persons(rows).loc["000000001", "paid_hours_pw"] == pytest.approx(36.0)


def test_concurrent_jobs_35_days_plus_a_full_year_is_1_1():
    rows = _full_year("000000001", "J1", 30) + [_record("000000001", "J2", "2019-02-01", "2019-03-07", 35 * 20 / 7)]
    assert _persons(rows).loc["000000001", "concurrent_jobs"] == pytest.approx(400 / 365)


def test_zero_hours_contract_is_recognised_from_the_main_job():
    rows = _full_year("000000001", "J1", 20, contract_hours=0.0)
    assert _persons(rows).loc["000000001", "zero_hours"]


def _secm(rows: list[tuple[str, str, str | None, str]]) -> pd.DataFrame:
    con = duckdb.connect()
    frame = pd.DataFrame([dict(RINPERSOONS="R", RINPERSOON=p, AANVSECM=_d(a), EINDSECM=_d(e) if e else None, SECM=s)
                          for p, a, e, s in rows])
    con.register("secm_df", frame)
    con.execute("CREATE TABLE secm AS SELECT * FROM secm_df")
    out = con.execute(secm_person_year_sql("secm", YEAR - 1, YEAR + 1)).df()
    return out[out["year"] == YEAR].set_index("RINPERSOON")


def test_one_month_of_a_benefit_counts_as_having_it():
    out = _secm([("000000001", "2019-01-01", "2019-05-31", "11"), ("000000001", "2019-06-01", "2019-06-30", "21"),
                 ("000000001", "2019-07-01", None, "11")])
    assert out.loc["000000001", "months_ww"] == 1
    assert out.loc["000000001", "months_present"] == 12


def test_benefit_months_of_several_periods_in_a_year_are_summed():
    out = _secm([("000000001", "2018-11-01", "2019-02-28", "22"), ("000000001", "2019-03-01", "2019-08-31", "11"),
                 ("000000001", "2019-09-01", "2019-10-31", "22")])
    assert out.loc["000000001", "months_bijstand"] == 4


def test_open_secm_spell_runs_to_the_end_of_the_year():
    out = _secm([("000000001", "2015-01-01", None, "13")])
    assert out.loc["000000001", "months_self_employed"] == 12


def test_income_is_capped_at_one_million():
    con = duckdb.connect()
    frame = pd.DataFrame([dict(RINPERSOONS="R", RINPERSOON="000000001", INPPERSPRIM=2_500_000.0,
                               INPPERSINK=1_200_000.0, INPPERSBRUT=900_000.0)])
    con.register("inpa", frame)
    out = con.execute(income_person_year_sql("inpa")).df().iloc[0]
    assert out["income_primary"] == 1_000_000.0
    assert out["income_personal"] == 1_000_000.0
    assert out["income_gross"] == 900_000.0


def test_unobserved_income_stays_unknown_not_capped():
    """The sentinel 'household without observed income' is null after staging; the cap must
    keep it null (DuckDB's least() skips nulls and would return the cap of EUR 1,000,000)."""
    con = duckdb.connect()
    frame = pd.DataFrame([dict(RINPERSOONS="R", RINPERSOON="000000001", INPPERSPRIM=None,
                               INPPERSINK=None, INPPERSBRUT=None)]).astype(
        {"INPPERSPRIM": float, "INPPERSINK": float, "INPPERSBRUT": float})
    con.register("inpa", frame)
    out = con.execute(income_person_year_sql("inpa")).df().iloc[0]
    assert pd.isna(out["income_primary"]) and pd.isna(out["income_personal"]) and pd.isna(out["income_gross"])
