"""Input indicators I1 and I2 (report §3.2.1, §3.4) on hand-made spells: every definition edge.

Each test writes a few benefit spells, provision / trajectory records and a tiny frame
(``frame_t`` with one breakdown, origin) and reads the bucket's cells and population log.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kansenmonitor.indicators import inputs
from kansenmonitor.indicators.conventions import bijstand_couple_norm_yearly
from kansenmonitor.indicators.foundation import FRAME_CELLS


def d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def person(n: int) -> str:
    return f"{n:09d}"


def spell(prefix: str, n: int, start: str, end: str | None, **extra) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person(n), f"AANV{prefix}": d(start), f"EIND{prefix}": d(end), **extra}


def provision(prefix: str, n: int, start: str, end: str | None, **counts: int) -> dict:
    columns = inputs.OLD_TYPES if prefix == "SRG" else (*inputs.OLD_TYPES, *inputs.NEW_TYPES)
    return spell(prefix, n, start, end, **{c: counts.get(c, 0) for c in columns})


def write(tmp_path: Path, name: str, rows: list[dict]) -> list[str]:
    path = tmp_path / f"{name}.parquet"
    frame = pd.DataFrame(rows)
    for col in frame.columns:
        if col.startswith(("AANV", "EIND")):
            frame[col] = pd.to_datetime(frame[col]).dt.date
    frame.to_parquet(path, index=False)
    return [path.as_posix()]


def frame_con(rows: list[tuple[int, int, str]], students: tuple[int, ...] = (), age: int = 40
              ) -> duckdb.DuckDBPyConnection:
    """``frame_t`` (person, year, origin; ``in_frame`` false for ``students``) and its cells."""
    con = duckdb.connect()
    frame = pd.DataFrame([{"RINPERSOONS": "R", "RINPERSOON": person(n), "year": y, "origin": o,
                           "in_frame": n not in students, "in_frame_students": True, "age_years": age}
                          for n, y, o in rows])
    con.register("f", frame)
    con.execute(f"CREATE TABLE {FRAME_CELLS} AS SELECT origin, (row_number() OVER ())::INTEGER AS cell "
                "FROM (SELECT DISTINCT origin FROM f)")
    con.execute(f"CREATE TABLE frame_t AS SELECT f.*, c.cell FROM f JOIN {FRAME_CELLS} c USING (origin)")
    return con


def run(tmp_path: Path, con: duckdb.DuckDBPyConnection, files: dict[str, list[dict]], years: list[int],
        data_end: str | None = None) -> inputs.InputCells:
    """The bucket's input cells; the data reach to the end of the year after the last (default)."""
    staged = {name: write(tmp_path, name, rows) for name, rows in files.items()}
    return inputs.bucket_input_cells(con, staged, years, None, data_end=data_end or f"{max(years) + 1}-12-31")


def value(result: inputs.InputCells, indicator: str, variant: str, year: int, origin: str = "NL") -> float:
    c = result.cells
    row = c[(c.indicator == indicator) & (c.variant == variant) & (c.year == year) & (c.origin == origin)]
    assert len(row) == 1, (indicator, variant, year, origin, c)
    r = row.iloc[0]
    return r["sum_y"] / r["w"]


def persons(result: inputs.InputCells, indicator: str, variant: str, year: int) -> int:
    c = result.cells
    return int(c[(c.indicator == indicator) & (c.variant == variant) & (c.year == year)]["n"].sum())


def log(result: inputs.InputCells, indicator: str, variant: str, year: int) -> tuple[int, int]:
    p = result.population
    row = p[(p.indicator == indicator) & (p.variant == variant) & (p.year == year)]
    return int(row["population"].sum()), int(row["outcome_unknown"].sum())


def test_a_provision_starting_in_month_13_is_not_counted(tmp_path):
    con = frame_con([(1, 2017, "NL"), (2, 2017, "MA")])
    result = run(tmp_path, con, {
        "BIJSTANDPERSOONBUS": [spell("BIJSTAND", 1, "2017-03-15", None, BIJSTANDSOORT="1"),
                               spell("BIJSTAND", 2, "2017-03-15", None, BIJSTANDSOORT="1")],
        "SRGPERSOONPWETBUS": [provision("SRG", 1, "2018-03-15", "2018-06-30", LOONKOSTENSUBSIDIE=1),  # month 13
                              provision("SRG", 2, "2018-03-14", "2018-06-30", LOONKOSTENSUBSIDIE=1)],  # month 12
    }, [2017])
    assert value(result, "I1a", "loonkostensubsidie", 2017, "NL") == 0.0
    assert value(result, "I1a", "loonkostensubsidie", 2017, "MA") == 1.0
    assert value(result, "I1d", "", 2017, "NL") == 12.0  # none within the year: the maximum
    assert value(result, "I1d", "", 2017, "MA") == 11.0  # eleven whole months after the inflow


def test_the_2018_cohort_is_followed_into_2019_reading_both_registers(tmp_path):
    con = frame_con([(1, 2018, "NL"), (2, 2018, "TR")])
    result = run(tmp_path, con, {
        "BIJSTANDPERSOONBUS": [spell("BIJSTAND", 1, "2018-06-01", None, BIJSTANDSOORT="1"),
                               spell("BIJSTAND", 2, "2018-06-01", None, BIJSTANDSOORT="1")],
        # person 1: one job coach from September 2018 into 2019 (one provision across the switch)
        "SRGPERSOONPWETBUS": [provision("SRG", 1, "2018-09-01", "2018-12-31", JOBCOACH=1)],
        "PWETSRGPERSOONBUS": [provision("PWETSRG", 1, "2019-01-01", "2019-03-31", JOBCOACH=1),
                              # person 2: a participation place from February 2019, only in the new register
                              provision("PWETSRG", 2, "2019-02-01", "2019-04-30", PARTICIPATIEPLAATS=1, SCHOLING=1)],
    }, [2018], data_end="2019-12-31")
    assert value(result, "I1a", "jobcoach", 2018, "NL") == 1.0
    assert value(result, "I1d", "", 2018, "NL") == 3.0  # started in September, not again in January
    assert value(result, "I1a", "participatieplaats", 2018, "TR") == 1.0
    assert value(result, "I1d", "", 2018, "TR") == 8.0
    # the new types are not asked throughout a 2018 window: no figure, and (c) counts the old types only
    assert persons(result, "I1a", "scholing", 2018) == 0
    assert value(result, "I1c", "", 2018, "TR") == 1.0


def test_a_cohort_whose_windows_run_past_the_data_is_censored_and_logged_not_counted_as_no_provision(tmp_path):
    con = frame_con([(1, 2017, "NL"), (2, 2018, "NL")])
    result = run(tmp_path, con, {
        "BIJSTANDPERSOONBUS": [spell("BIJSTAND", 1, "2017-02-01", "2017-05-31", BIJSTANDSOORT="1"),
                               spell("BIJSTAND", 2, "2018-02-01", None, BIJSTANDSOORT="1")],
        "SRGPERSOONPWETBUS": [provision("SRG", 1, "2017-03-01", "2017-04-30", VERVOER=1)],
        "PWETSRGPERSOONBUS": [provision("PWETSRG", 99, "2019-01-01", "2019-01-31", SCHOLING=1)],  # someone else
    }, [2017, 2018], data_end="2019-06-30")  # person 2's window ends in January 2019, December's would not
    assert log(result, "I1c", "", 2017) == (1, 0)
    assert log(result, "I1c", "", 2018) == (1, 1)  # in the population, outcome unknown
    assert persons(result, "I1c", "", 2018) == 0
    assert value(result, "I1c", "", 2017) == 1.0
    assert value(result, "I1b", "", 2017) == 0.0  # transport is not a provision of (b)


def test_inflow_needs_a_month_without_the_benefit_and_the_first_inflow_of_the_year_counts(tmp_path):
    con = frame_con([(1, 2017, "NL"), (2, 2017, "NL")])
    result = run(tmp_path, con, {
        "BIJSTANDPERSOONBUS": [
            # person 1: on bijstand since 2016, a new spell after a 20-day gap is no inflow
            spell("BIJSTAND", 1, "2016-01-01", "2017-01-10", BIJSTANDSOORT="1"),
            spell("BIJSTAND", 1, "2017-02-01", "2017-12-31", BIJSTANDSOORT="1"),
            # person 2: two inflows in 2017; the follow-up starts at the first (1 February)
            spell("BIJSTAND", 2, "2017-02-01", "2017-03-31", BIJSTANDSOORT="1"),
            spell("BIJSTAND", 2, "2017-06-01", "2017-12-31", BIJSTANDSOORT="1")],
        "SRGPERSOONPWETBUS": [provision("SRG", 2, "2018-01-15", "2018-03-31", JOBCOACH=1)],
    }, [2017])
    assert log(result, "I1b", "", 2017) == (1, 0)
    assert value(result, "I1d", "", 2017) == 11.0


def test_share_of_time_with_a_provision_is_within_the_time_on_bijstand(tmp_path):
    con = frame_con([(1, 2017, "NL")])
    result = run(tmp_path, con, {
        "BIJSTANDPERSOONBUS": [spell("BIJSTAND", 1, "2017-01-01", "2017-04-30", BIJSTANDSOORT="1")],  # 120 days
        "SRGPERSOONPWETBUS": [provision("SRG", 1, "2017-04-01", "2017-08-31", PARTICIPATIEPLAATS=1)],
    }, [2017])
    assert value(result, "I1f", "", 2017) == pytest.approx(30 / 120)


def test_a_student_flowing_into_bijstand_is_kept(tmp_path):
    con = frame_con([(1, 2017, "NL")], students=(1,))
    result = run(tmp_path, con, {
        "BIJSTANDPERSOONBUS": [spell("BIJSTAND", 1, "2017-09-01", None, BIJSTANDSOORT="1")],
        "SRGPERSOONPWETBUS": [provision("SRG", 1, "2017-10-01", "2018-03-31", BESCHUTWERK=1)],
    }, [2017])
    assert value(result, "I1a", "beschutwerk", 2017) == 1.0


def test_iva_is_excluded_and_wajong_and_wia_are_separate_cohorts(tmp_path):
    con = frame_con([(1, 2017, "NL"), (2, 2017, "NL"), (3, 2017, "NL")])
    result = run(tmp_path, con, {
        "AOTOTPERSOONBUS": [spell("AO", 1, "2017-03-01", None, AOSOORT="3"),   # Wajong
                            spell("AO", 2, "2017-03-01", None, AOSOORT="4"),   # WIA-WGA
                            spell("AO", 3, "2017-03-01", None, AOSOORT="5")],  # WIA-IVA
        "SIRAGPERSOONBUS": [spell("SIRAG", 1, "2017-05-01", "2017-10-31", SIRSOORT="1"),
                            spell("SIRAG", 3, "2017-05-01", "2017-10-31", SIRSOORT="1")],
    }, [2017])
    assert log(result, "I2a", "wajong", 2017) == (1, 0)
    assert log(result, "I2a", "wia", 2017) == (1, 0)  # the IVA inflow is in no cohort
    assert value(result, "I2a", "wajong", 2017) == 1.0
    assert value(result, "I2a", "wia", 2017) == 0.0
    assert value(result, "I2b", "wajong", 2017) == 2.0
    assert value(result, "I2c", "wajong", 2017) == pytest.approx(184 / 365)  # May-Oct of 1 Mar 2017-28 Feb 2018


def test_a_trajectory_running_at_the_inflow_did_not_start_after_it(tmp_path):
    con = frame_con([(1, 2017, "NL")])
    result = run(tmp_path, con, {
        "WWPERSOONBUS": [spell("WW", 1, "2017-03-01", "2017-12-31", WWSOORT="1")],
        "SIRWWPERSOONBUS": [spell("SIRWW", 1, "2017-01-01", "2017-06-30", SIRSOORT="1")],
    }, [2017])
    assert value(result, "I2a", "ww", 2017) == 0.0
    assert value(result, "I2c", "ww", 2017) > 0.0  # but it runs during the benefit


# ------------------------------------------------------------------ NUG


def inpa(n: int, year: int, position: str, breadwinner: int, income: float) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person(n), "year": year, "INPPOSHHK": position,
            "RINPERSOONSHKW": "R", "RINPERSOONHKW": person(breadwinner), "INPPERSINK": income,
            "INPPERSPRIM": income, "INPPERSBRUT": income}


def secm_year(n: int, code: str, year: int = 2018) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person(n), "SECM": code, "AANVSECM": d(f"{year}-01-01"),
            "EINDSECM": d(f"{year}-12-31")}


def nug_result(tmp_path: Path, files: dict[str, list[dict]], frame: list[tuple[int, int, str]]):
    con = frame_con(frame)
    result = run(tmp_path, con, files, [2018])
    rows = result.household_rows
    assert "RINPERSOON" not in rows.columns  # no person keys leave the bucket
    con.register("household_rows", rows)
    cells, population = inputs.household_pass_cells(con, "household_rows", ["origin"], [2018])
    return cells, population


def test_nug_needs_no_work_no_benefit_and_a_partner_earning_above_the_couple_norm(tmp_path):
    norm = bijstand_couple_norm_yearly(2018)
    files = {
        "INPATAB": [inpa(1, 2018, "3", 2, 0.0), inpa(2, 2018, "2", 2, norm + 10_000),   # NUG (partner above)
                    inpa(3, 2018, "4", 4, 0.0), inpa(4, 2018, "2", 4, norm - 1_000),    # partner below the norm
                    inpa(5, 2018, "3", 6, 0.0), inpa(6, 2018, "2", 6, norm + 10_000),   # 5 works
                    inpa(7, 2018, "2", 7, norm + 10_000), inpa(8, 2018, "3", 7, 0.0)],  # 7 is the breadwinner
        "SECMBUS": [secm_year(1, "32"), secm_year(3, "32"), secm_year(5, "11"), secm_year(7, "32"),
                    secm_year(8, "11")],
        "SRGPERSOONPWETBUS": [provision("SRG", 1, "2018-05-01", "2018-07-31", PARTICIPATIEPLAATS=1)],
    }
    cells, population = nug_result(tmp_path, files, [(1, 2018, "MA"), (3, 2018, "TR"), (5, 2018, "SR"),
                                                     (7, 2018, "NL")])
    share = cells[cells.indicator == "I1g"].set_index("origin")
    assert share.loc["MA", "sum_y"] == 1 and share.loc["TR", "sum_y"] == 0 and share.loc["SR", "sum_y"] == 0
    # a breadwinner without work whose partner (position 3) works and earns little is no NUG
    assert share.loc["NL", "sum_y"] == 0
    h = cells[(cells.indicator == "I1h") & (cells.variant == "work")]
    assert h["n"].sum() == 1 and h["sum_y"].sum() == 1
    assert population[population.indicator == "I1g"][["population", "outcome_unknown"]].values.tolist() == [[4, 0]]


def test_nug_is_unknown_without_the_partner_s_income(tmp_path):
    files = {"INPATAB": [inpa(1, 2018, "3", 2, 0.0), {**inpa(2, 2018, "2", 2, 0.0), "INPPERSINK": None}],
             "SECMBUS": [secm_year(1, "32")]}
    cells, population = nug_result(tmp_path, files, [(1, 2018, "NL")])
    assert cells[cells.indicator == "I1g"].empty
    assert population[population.indicator == "I1g"][["population", "outcome_unknown"]].values.tolist() == [[1, 1]]


def test_provisions_of_several_types_in_one_record_are_one_run_of_time(tmp_path):
    """Three types over the same period (three rows of the same days) count their days once."""
    con = frame_con([(1, 2017, "NL")])
    result = run(tmp_path, con, {
        "BIJSTANDPERSOONBUS": [spell("BIJSTAND", 1, "2017-11-13", "2018-04-11", BIJSTANDSOORT="1"),
                               spell("BIJSTAND", 1, "2018-06-05", None, BIJSTANDSOORT="1")],
        "SRGPERSOONPWETBUS": [provision("SRG", 1, "2017-05-03", "2018-01-29", LOONKOSTENSUBSIDIE=1,
                                        PARTICIPATIEPLAATS=1, JOBCOACH=1),
                              provision("SRG", 1, "2018-01-31", "2018-10-16", JOBCOACH=1, VERVOER=1),
                              provision("SRG", 1, "2018-10-18", "2018-12-31", JOBCOACH=1)],
    }, [2017])
    # window 13 Nov 2017 - 12 Nov 2018: bijstand 150 + 161 days; with a provision 78 + 71 + 134 + 26
    assert value(result, "I1f", "", 2017) == pytest.approx(309 / 311)


def test_the_couple_norm_is_published_for_2017_and_2018_and_derived_by_the_wml_elsewhere():
    from kansenmonitor.indicators.conventions import bijstand_couple_norm_monthly, bijstand_couple_norm_table, hourly_wml

    assert bijstand_couple_norm_monthly(2018) == (1417.32, False)
    assert bijstand_couple_norm_monthly(2017) == (pytest.approx(1333.78 * 1.05, abs=0.01), False)
    norm_2019, derived = bijstand_couple_norm_monthly(2019)
    assert derived and norm_2019 == pytest.approx(1417.32 * hourly_wml(2019) / hourly_wml(2018))
    assert bijstand_couple_norm_yearly(2018) == pytest.approx(12 * 1417.32)
    assert [r["derived"] for r in bijstand_couple_norm_table([2016, 2017, 2018, 2019])] == [True, False, False, True]
