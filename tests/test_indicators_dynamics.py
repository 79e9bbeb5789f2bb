"""Labour-market dynamics on hand-made person histories: every transition edge of report §5.2.

Each test writes a few SPOLIS, SECM and address records for one or two persons, builds
the person-month panel for 2018-2019 (with November-December 2017) and reads the
per person-year summary that indicators 27 and 29-37 are computed from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kansenmonitor.indicators import dynamics
from kansenmonitor.indicators.person_month import month_index

FIRST, LAST = 2018, 2019
WAGE = 20.0  # well above the hourly WML


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def month_end(year: int, month: int) -> dt.date:
    return (pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)).date()


def job_months(person: str, ikv: str, employer: str, contract: str, months: list[tuple[int, int]],
               hours_per_week: float = 36.0, sector: str = "33") -> list[dict]:
    """Monthly SPOLIS records of one job (STIJDVAKTYPE 5)."""
    rows = []
    for year, month in months:
        start, end = dt.date(year, month, 1), month_end(year, month)
        days = (end - start).days + 1
        hours = hours_per_week * days / 7.0
        rows.append({"RINPERSOONS": "R", "RINPERSOON": person, "IKVID": ikv, "SBEID": employer, "SSECT": sector,
                     "SCONTRACTSOORT": contract, "SSOORTBAAN": "9", "SDATUMAANVANGIKO": start,
                     "SDATUMEINDEIKO": end, "SBASISUREN": hours, "SBASISLOON": hours * WAGE, "year": year})
    return rows


def span(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out, (y, m) = [], first
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def secm(person: str, code: str, start: str, end: str | None) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person, "SECM": code, "AANVSECM": d(start),
            "EINDSECM": d(end) if end else None}


def address(person: str, start: str = "2000-01-01", end: str | None = None) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person, "GBADATUMAANVANGADRESHOUDING": d(start),
            "GBADATUMEINDEADRESHOUDING": d(end) if end else None}


def with_person(sql: str) -> str:
    """The panel keys persons by one integer (person_month.PERSON_KEY); the tests name them."""
    return f"SELECT lpad((pk // 256)::VARCHAR, 9, '0') AS RINPERSOON, * FROM ({sql})"


def panel_of(tmp_path: Path, spolis: list[dict], secm_rows: list[dict], addresses: list[dict]
             ) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection holding the person-month panel (``panel``) of these histories."""
    files = {}
    for name, rows in (("SPOLISBUS", spolis), ("SECMBUS", secm_rows), ("GBAADRESOBJECTBUS", addresses)):
        path = tmp_path / f"{name}.parquet"
        frame = pd.DataFrame(rows)
        for col in ("EINDSECM", "GBADATUMEINDEADRESHOUDING"):  # open ends (None) as a date column
            if col in frame:
                frame[col] = pd.to_datetime(frame[col]).dt.date
        frame.to_parquet(path, index=False)
        files[name] = [path.as_posix()]
    con = duckdb.connect()
    dynamics.build_panel(con, files, None, FIRST, LAST)
    return con


def summary(tmp_path: Path, spolis: list[dict], secm_rows: list[dict], addresses: list[dict]) -> pd.DataFrame:
    """The per person-year summary of the dynamic indicators for these histories."""
    con = panel_of(tmp_path, spolis, secm_rows, addresses)
    out = con.execute(with_person(dynamics.person_year_summary_sql("panel", FIRST, LAST))).df()
    panel = con.execute(with_person("SELECT * FROM panel") + " ORDER BY RINPERSOON, mi").df()
    exits = con.execute(with_person(dynamics.benefit_exits_sql("panel", FIRST, LAST))).df()
    con.close()
    out.attrs["panel"] = panel
    out.attrs["exits"] = exits.set_index(["RINPERSOON", "year", "benefit"]).sort_index()
    return out.set_index(["RINPERSOON", "year"]).sort_index()


def employed_all_along(person: str) -> list[dict]:
    return [secm(person, "11", "2017-01-01", None)]


def test_temporary_to_permanent_at_the_same_employer_with_a_one_month_gap_bridged(tmp_path):
    spolis = (job_months("000000001", "1", "E1", "B", span((2018, 1), (2018, 4)))
              + job_months("000000001", "2", "E1", "O", span((2018, 6), (2019, 12))))  # May without a job
    s = summary(tmp_path, spolis, employed_all_along("000000001"), [address("000000001")])
    row = s.loc[("000000001", 2018)]
    assert row["temp_months"] == 4
    assert row["to_permanent_same"] == 1 and row["to_permanent_other"] == 0


def test_a_two_month_gap_is_not_bridged(tmp_path):
    spolis = (job_months("000000001", "1", "E1", "B", span((2018, 1), (2018, 4)))
              + job_months("000000001", "2", "E1", "O", span((2018, 7), (2019, 12))))  # May and June without
    s = summary(tmp_path, spolis, employed_all_along("000000001"), [address("000000001")])
    row = s.loc[("000000001", 2018)]
    assert row["to_permanent_same"] == 0 and row["to_permanent_other"] == 0


def test_temporary_to_permanent_at_another_employer(tmp_path):
    spolis = (job_months("000000001", "1", "E1", "B", span((2018, 1), (2018, 8)))
              + job_months("000000001", "2", "E2", "O", span((2018, 9), (2019, 12))))
    s = summary(tmp_path, spolis, employed_all_along("000000001"), [address("000000001")])
    row = s.loc[("000000001", 2018)]
    assert row["to_permanent_same"] == 0 and row["to_permanent_other"] == 1


def test_a_move_into_january_counts_in_january_s_year_using_december_of_the_year_before(tmp_path):
    spolis = (job_months("000000001", "1", "E1", "B", span((2017, 11), (2017, 12)))
              + job_months("000000001", "1", "E1", "O", span((2018, 1), (2019, 12))))
    s = summary(tmp_path, spolis, employed_all_along("000000001"), [address("000000001")])
    assert s.loc[("000000001", 2018), "to_permanent_same"] == 1
    # ... and the person is in 2018's population: B months of November-December of the year
    # before count (a move into January was in neither year's population before)
    assert s.loc[("000000001", 2018), "temp_months"] == 2


def test_a_job_that_runs_across_the_year_boundary_is_retained_in_december(tmp_path):
    spolis = job_months("000000001", "1", "E1", "O", span((2017, 11), (2019, 12)))
    s = summary(tmp_path, spolis, employed_all_along("000000001"), [address("000000001")])
    y2018 = s.loc[("000000001", 2018)]
    assert y2018["work_at_risk"] == 12 and y2018["kept"] == 12 and y2018["kept_same_job"] == 12
    # the last year's December has no observed next month: not at risk, never "not retained"
    y2019 = s.loc[("000000001", 2019)]
    assert y2019["work_at_risk"] == 11 and y2019["kept"] == 11


def test_four_weekly_declarations_that_cross_months_are_split_by_days(tmp_path):
    rows = []
    start = d("2017-11-01")
    while start <= d("2019-12-31"):
        end = start + dt.timedelta(days=27)
        hours = 36.0 * 4
        rows.append({"RINPERSOONS": "R", "RINPERSOON": "000000001", "IKVID": "1", "SBEID": "E1", "SSECT": "33",
                     "SCONTRACTSOORT": "O", "SSOORTBAAN": "9", "SDATUMAANVANGIKO": start, "SDATUMEINDEIKO": end,
                     "SBASISUREN": hours, "SBASISLOON": hours * WAGE, "year": start.year})
        start = end + dt.timedelta(days=1)
    s = summary(tmp_path, rows, employed_all_along("000000001"), [address("000000001")])
    panel = s.attrs["panel"]
    in_2018 = panel[panel["year"] == 2018]
    assert in_2018["job"].all() and len(in_2018) == 12
    assert in_2018["weekly_hours"].round(6).eq(36.0).all()  # 36 hours a week in every month
    assert s.loc[("000000001", 2018), "kept"] == 12


def test_outflow_to_ww_only_when_the_benefit_starts_the_next_month(tmp_path):
    spolis = (job_months("000000001", "1", "E1", "O", span((2017, 11), (2018, 5)))
              + job_months("000000002", "2", "E2", "O", span((2017, 11), (2018, 5))))
    secm_rows = [secm("000000001", "11", "2017-01-01", "2018-05-31"), secm("000000001", "21", "2018-06-01", None),
                 # person 2: a month without income first, WW only from July
                 secm("000000002", "11", "2017-01-01", "2018-05-31"), secm("000000002", "21", "2018-07-01", None)]
    s = summary(tmp_path, spolis, secm_rows, [address("000000001"), address("000000002")])
    first, second = s.loc[("000000001", 2018)], s.loc[("000000002", 2018)]
    assert first["out_ww"] == 1 and first["out_other"] == 0
    assert second["out_ww"] == 0 and second["out_other"] == 1
    assert first["ww_months"] == 7 and first["ww_to_work"] == 0


def test_a_person_who_emigrates_flows_out_to_other_and_leaves_the_panel(tmp_path):
    spolis = job_months("000000001", "1", "E1", "O", span((2017, 11), (2018, 5)))
    secm_rows = [secm("000000001", "11", "2017-01-01", "2018-05-31")]
    s = summary(tmp_path, spolis, secm_rows, [address("000000001", end="2018-05-31")])
    row = s.loc[("000000001", 2018)]
    assert row["work_months"] == 5 and row["work_at_risk"] == 5 and row["kept"] == 4
    assert row["out_other"] == 1 and row["out_ww"] == row["out_bijstand"] == row["out_aozw"] == 0
    panel = s.attrs["panel"]
    assert panel["mi"].max() == month_index(2018, 5)  # nothing after emigration


def test_ww_and_bijstand_transitions_look_at_the_next_month(tmp_path):
    spolis = job_months("000000001", "1", "E1", "O", span((2018, 9), (2019, 12)))
    secm_rows = [secm("000000001", "21", "2018-01-01", "2018-03-31"), secm("000000001", "22", "2018-04-01",
                                                                          "2018-08-31"),
                 secm("000000001", "11", "2018-09-01", None)]
    s = summary(tmp_path, spolis, secm_rows, [address("000000001")])
    row = s.loc[("000000001", 2018)]
    assert row["ww_months"] == 3 and row["ww_to_bijstand"] == 1 and row["ww_to_work"] == 0
    assert row["bijstand_months"] == 5 and row["bijstand_to_work"] == 1


def test_self_employment_counts_as_work_and_keeps_its_own_sector_class(tmp_path):
    secm_rows = [secm("000000001", "13", "2017-01-01", None)]
    s = summary(tmp_path, job_months("000000002", "9", "E9", "O", span((2018, 1), (2018, 2))),
                secm_rows + employed_all_along("000000002"), [address("000000001"), address("000000002")])
    row = s.loc[("000000001", 2018)]
    assert row["work_months"] == 12 and row["kept"] == 12 and row["kept_same_job"] == 12
    con = duckdb.connect()
    assert con.execute(f"SELECT {dynamics.sector_class('false', 'NULL', 'true')}").fetchone()[0] == "self"
    assert con.execute(f"SELECT {dynamics.sector_class('true', chr(39) + '64' + chr(39), 'false')}"
                       ).fetchone()[0] == "gov"
    assert con.execute(f"SELECT {dynamics.sector_class('true', chr(39) + '5' + chr(39), 'false')}"
                       ).fetchone()[0] == "05"


@pytest.mark.parametrize("next_hours, comparable", [(36.0, True), (30.0, True), (24.0, False)])
def test_retention_with_comparable_hours_needs_80_percent_of_the_hours(tmp_path, next_hours, comparable):
    spolis = (job_months("000000001", "1", "E1", "O", span((2018, 1), (2018, 6)), hours_per_week=36.0)
              + job_months("000000001", "2", "E2", "O", span((2018, 7), (2019, 12)), hours_per_week=next_hours))
    s = summary(tmp_path, spolis, employed_all_along("000000001"), [address("000000001")])
    row = s.loc[("000000001", 2018)]
    assert row["kept"] == 12
    assert row["kept_same_job"] == 11  # June -> July changes job
    assert row["kept_comparable"] == (12 if comparable else 11)


def test_job_found_after_ww_counts_months_from_the_exit_and_censors_an_open_follow_up(tmp_path):
    secm_rows = [secm("000000001", "21", "2018-01-01", "2018-03-31"), secm("000000001", "11", "2018-04-01", None),
                 # person 2 leaves WW in March 2019 and finds no job before the data end
                 secm("000000002", "21", "2019-01-01", "2019-03-31"), secm("000000002", "31", "2019-04-01", None),
                 # person 3 leaves bijstand in June 2018, finds work five months later
                 secm("000000003", "22", "2018-01-01", "2018-06-30"), secm("000000003", "11", "2018-11-01", None)]
    spolis = (job_months("000000001", "1", "E1", "O", span((2018, 4), (2019, 12)))
              + job_months("000000003", "3", "E3", "B", span((2018, 11), (2019, 12))))
    s = summary(tmp_path, spolis, secm_rows, [address(p) for p in ("000000001", "000000002", "000000003")])
    exits = s.attrs["exits"]
    first = exits.loc[("000000001", 2018, "ww")]
    assert first["exit_mi"] == month_index(2018, 3) and first["months_to_job"] == 1
    assert first["observed_months"] == month_index(2019, 12) - month_index(2018, 3)
    second = exits.loc[("000000002", 2019, "ww")]
    assert pd.isna(second["months_to_job"]) and second["observed_months"] == 9
    third = exits.loc[("000000003", 2018, "bijstand")]
    assert third["months_to_job"] == 5
    # the measures: found within 1 month / 1 year, censored when the window is not observed
    con = duckdb.connect()
    con.register("exits", exits.reset_index())
    by_variant = {}
    for m in dynamics.MEASURES:
        if m.table != "exits":
            continue
        rows = con.execute(f"SELECT RINPERSOON, CASE WHEN {m.population} THEN {m.y} END FROM exits "
                           f"WHERE {m.population} ORDER BY RINPERSOON").fetchall()
        by_variant[(m.indicator, m.variant)] = {k: None if v is None else float(v) for k, v in rows}
    assert by_variant[("A38", "ww_1m")] == {"000000001": 1.0, "000000002": 0.0}  # April observed: no job
    assert by_variant[("A38", "ww_1y")] == {"000000001": 1.0, "000000002": None}  # 9 months observed: censored
    # 21 months observed: the 3-year window is censored even though a job was found in it
    assert by_variant[("A38", "ww_3y")] == {"000000001": None, "000000002": None}
    assert by_variant[("A38", "bijstand_1m")] == {"000000003": 0.0}
    assert by_variant[("A38", "bijstand_1y")] == {"000000003": 1.0}
    assert by_variant[("A39", "bijstand")] == {"000000003": None}  # 18 months observed < 36
    assert by_variant[("A39", "ww_censored")] == {"000000001": 0.0, "000000002": 1.0}


@pytest.mark.parametrize("months_to_job, observed, expected", [
    (5, 40, 5.0), (None, 40, 36.0), (38, 40, 36.0), (5, 20, None), (None, 20, None)])
def test_months_to_a_job_are_capped_at_36_and_need_a_full_window(months_to_job, observed, expected):
    measure = next(m for m in dynamics.MEASURES if (m.indicator, m.variant) == ("A39", "ww"))
    con = duckdb.connect()
    value = con.execute(f"SELECT {measure.y} FROM (SELECT ?::INTEGER AS months_to_job, ?::INTEGER AS observed_months)",
                        [months_to_job, observed]).fetchone()[0]
    assert value == expected


def wage_summary(tmp_path: Path, spolis: list[dict]) -> pd.DataFrame:
    con = panel_of(tmp_path, spolis, employed_all_along("000000001"), [address("000000001")])
    out = con.execute(dynamics.wage_changes_sql("panel", FIRST, LAST)).df()
    con.close()
    return out.set_index("year").sort_index()


def with_wage(rows: list[dict], wage: float) -> list[dict]:
    return [{**r, "SBASISLOON": r["SBASISUREN"] * wage} for r in rows]


def test_a_wage_rise_within_a_job_counts_only_year_on_year(tmp_path):
    # a 12 % raise in July 2018 inside one job: no change in 2018; in 2019 the job's yearly
    # mean is compared with 2018's (half the year at the old wage): +5.7 %
    spolis = (with_wage(job_months("000000001", "1", "E1", "O", span((2018, 1), (2018, 6))), 20.0)
              + with_wage(job_months("000000001", "1", "E1", "O", span((2018, 7), (2019, 12))), 22.4))
    s = wage_summary(tmp_path, spolis)
    assert pd.isna(s.loc[2018, "max_change"])  # the job started in 2018: nothing to compare with
    # hours-weighted: every month has 36 hours a week, so the mean is over months
    assert s.loc[2019, "max_change"] == pytest.approx(22.4 / ((20.0 * 6 + 22.4 * 6) / 12) - 1)
    assert s.loc[2019, "max_change_same"] == s.loc[2019, "max_change"] and pd.isna(s.loc[2019, "max_change_other"])


def test_a_wage_change_between_jobs_counts_across_a_one_month_gap_by_employer(tmp_path):
    spolis = (with_wage(job_months("000000001", "1", "E1", "O", span((2018, 1), (2018, 3))), 20.0)
              # April without a job, then another employer at a 10 % higher wage
              + with_wage(job_months("000000001", "2", "E2", "O", span((2018, 5), (2018, 8))), 22.0)
              # straight on to a lower-paid job at the same employer E2
              + with_wage(job_months("000000001", "3", "E2", "O", span((2018, 9), (2019, 12))), 19.0))
    s = wage_summary(tmp_path, spolis)
    row = s.loc[2018]
    assert row["job_months"] == 11
    assert row["max_change_other"] == pytest.approx(0.10)
    assert row["min_change_same"] == pytest.approx(19.0 / 22.0 - 1)
    rise10 = next(m for m in dynamics.MEASURES if (m.indicator, m.variant) == ("A28", "rise10_other"))
    fall10 = next(m for m in dynamics.MEASURES if (m.indicator, m.variant) == ("A28", "fall10_same"))
    con = duckdb.connect()
    con.register("w", s.reset_index())
    assert con.execute(f"SELECT {rise10.y}, {fall10.y} FROM w WHERE year = 2018").fetchone() == (1.0, 1.0)


def test_a_two_month_gap_between_jobs_is_not_a_wage_change(tmp_path):
    spolis = (with_wage(job_months("000000001", "1", "E1", "O", span((2018, 1), (2018, 3))), 20.0)
              + with_wage(job_months("000000001", "2", "E2", "O", span((2018, 6), (2019, 12))), 25.0))
    s = wage_summary(tmp_path, spolis)
    assert pd.isna(s.loc[2018, "max_change"])


def quartiles(wages: list[float], min_employees: int = 10) -> list[int]:
    rows = pd.DataFrame({"year": 2018, "employer": "E1", "wage": wages, "k": range(len(wages))})
    con = duckdb.connect()
    con.register("rows", rows)
    out = con.execute(f"SELECT k, quartile FROM ({dynamics.employer_quartiles_sql('rows', min_employees)}) "
                      "ORDER BY k").fetchall()
    return [q for _, q in out]


def test_within_employer_quartiles_split_twelve_distinct_wages_three_by_three():
    assert quartiles([float(w) for w in range(12, 0, -1)]) == [4, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1]


def test_tied_wages_share_one_quartile_and_the_order_mirrors():
    wages = [10.0, 10.0, 10.0, 12.0, 14.0, 14.0, 16.0, 18.0, 20.0, 22.0, 24.0]
    up = quartiles(wages)
    assert up[0] == up[1] == up[2] == 1 and up[4] == up[5]
    assert quartiles([-w for w in wages]) == [5 - q for q in up]


def test_employers_too_small_to_rank_are_left_out():
    assert quartiles([float(w) for w in range(9)]) == []
    assert len(quartiles([float(w) for w in range(9)], min_employees=9)) == 9


def test_after_leaving_ww_the_first_contract_the_time_to_permanent_and_whether_work_lasts(tmp_path):
    secm_rows = [secm("000000001", "21", "2018-01-01", "2018-03-31"), secm("000000001", "11", "2018-04-01", None),
                 secm("000000002", "21", "2018-01-01", "2018-03-31"), secm("000000002", "11", "2018-04-01",
                                                                          "2018-06-30")]
    spolis = (job_months("000000001", "1", "E1", "B", span((2018, 4), (2018, 9)))
              + job_months("000000001", "1", "E1", "O", span((2018, 10), (2019, 12)))
              + job_months("000000002", "2", "E2", "B", span((2018, 4), (2018, 6))))
    s = summary(tmp_path, spolis, secm_rows, [address("000000001"), address("000000002")])
    exits = s.attrs["exits"]
    first = exits.loc[("000000001", 2018, "ww")]
    assert first["first_contract"] == "B" and first["months_to_permanent"] == 7
    assert first["works_6m"] and first["works_12m"]
    second = exits.loc[("000000002", 2018, "ww")]
    assert second["months_to_job"] == 1 and not second["works_6m"] and not second["works_12m"]
    assert pd.isna(second["months_to_permanent"])


def test_of_two_jobs_with_equal_hours_the_main_job_is_one_whole_job_whatever_the_row_order(tmp_path):
    months = [(2018, 3)]
    first = job_months("000000070", "000000000001", "E1", "O", months) + job_months("000000070", "000000000002", "E2",
                                                                                      "B", months, sector="52")
    for k, rows in enumerate((first, list(reversed(first)))):
        folder = tmp_path / str(k)
        folder.mkdir()
        panel = panel_of(folder, rows, employed_all_along("000000070"), [address("000000070")]).execute(
            "SELECT ikv, employer, contract, sector FROM panel WHERE job").fetchall()
        assert panel == [("000000000002", "E2", "B", "52")]  # the highest IKVID, all of its columns
