"""Validation rules: codes, keys, spells (cbs-sources.md §0.1, §0.3, §C)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa
import pytest

from kansenmonitor.errors import Finding, InputError
from kansenmonitor.sources.readers import ColumnMap, MappedColumn, map_columns
from kansenmonitor.sources.spec import HOOGSTEOPLTAB, SECMBUS, SPOLISBUS
from kansenmonitor.sources.validate import (PROBLEM, cross_row_checks, cross_row_summary_sql, enforce, flag_sql,
                                            row_checks)

D = dt.date


def secm_table(spells: list[tuple[str, D | None, D | None, str]]) -> pa.Table:
    return pa.table({
        "RINPERSOONS": pa.array(["R"] * len(spells)),
        "RINPERSOON": pa.array([s[0] for s in spells]),
        "AANVSECM": pa.array([s[1] for s in spells], pa.date32()),
        "EINDSECM": pa.array([s[2] for s in spells], pa.date32()),
        "SECM": pa.array([s[3] for s in spells]),
        "_row": pa.array(range(1, len(spells) + 1), pa.int64()),
        PROBLEM: pa.nulls(len(spells), pa.string()),
    })


def secm_columns() -> ColumnMap:
    return map_columns(SECMBUS, ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM"])


def flagged(table: pa.Table, columns: ColumnMap, spec=SECMBUS) -> dict[int, str | None]:
    con = duckdb.connect()
    con.register("t", table)
    rows = con.execute(f"SELECT _row, _reason FROM ({flag_sql(cross_row_checks(spec, columns), 't')}) "
                       "ORDER BY _row").fetchall()
    return dict(rows)


def test_contiguous_spells_do_not_overlap():
    table = secm_table([("000000001", D(2019, 1, 1), D(2019, 1, 31), "11"),
                        ("000000001", D(2019, 2, 1), D(2019, 2, 28), "21"),
                        ("000000001", D(2019, 3, 1), None, "11")])
    assert flagged(table, secm_columns()) == {1: None, 2: None, 3: None}


def test_spell_starting_on_the_previous_end_overlaps():
    table = secm_table([("000000001", D(2019, 1, 1), D(2019, 1, 31), "11"),
                        ("000000001", D(2019, 1, 31), D(2019, 2, 28), "21")])
    assert flagged(table, secm_columns()) == {1: None, 2: "AANVSECM: overlapping spell"}


def test_spell_after_a_nested_spell_still_overlaps_the_long_one():
    table = secm_table([("000000001", D(2019, 1, 1), D(2019, 12, 31), "11"),
                        ("000000001", D(2019, 2, 1), D(2019, 2, 28), "21"),
                        ("000000001", D(2019, 4, 1), D(2019, 4, 30), "22")])
    assert flagged(table, secm_columns()) == {1: None, 2: "AANVSECM: overlapping spell",
                                              3: "AANVSECM: overlapping spell"}


def test_open_ended_spell_overlaps_every_later_spell():
    table = secm_table([("000000001", D(2019, 3, 1), D(2030, 1, 1), "22"),
                        ("000000001", D(2019, 1, 1), None, "11")])
    assert flagged(table, secm_columns()) == {1: "AANVSECM: overlapping spell", 2: None}


def test_spells_of_different_persons_never_overlap():
    table = secm_table([("000000001", D(2019, 1, 1), None, "11"),
                        ("000000002", D(2019, 1, 1), None, "11")])
    assert flagged(table, secm_columns()) == {1: None, 2: None}


def test_overlap_summary_names_both_rows():
    table = secm_table([("000000001", D(2019, 1, 1), D(2019, 6, 30), "11"),
                        ("000000002", D(2019, 1, 1), None, "11"),
                        ("000000001", D(2019, 6, 1), D(2019, 12, 31), "21")])
    con = duckdb.connect()
    con.register("t", table)
    checks = cross_row_checks(SECMBUS, secm_columns())
    con.execute(f"CREATE TABLE f AS {flag_sql(checks, 't')}")
    assert con.execute(cross_row_summary_sql(checks, "f")).fetchone() == (0, None, None, 1, 3, 1)


def test_spolis_spells_are_checked_per_job():
    columns = map_columns(SPOLISBUS, ["RINPERSOONS", "RINPERSOON", "IKVID", "SDATUMAANVANGIKO", "SDATUMEINDEIKO"])
    table = pa.table({"RINPERSOONS": ["R", "R"], "RINPERSOON": ["000000001", "000000001"], "IKVID": ["1", "2"],
                      "SDATUMAANVANGIKO": pa.array([D(2019, 1, 1)] * 2),
                      "SDATUMEINDEIKO": pa.array([D(2019, 1, 31)] * 2),
                      "_row": pa.array([1, 2], pa.int64()), PROBLEM: pa.nulls(2, pa.string())})
    assert flagged(table, columns, SPOLISBUS) == {1: None, 2: None}


def test_duplicate_key_in_tab_file_flags_every_row_of_the_key():
    columns = map_columns(HOOGSTEOPLTAB, ["RINPERSOONS", "RINPERSOON", "OPLNIVSOI2016AGG4HBMETNIRWO",
                                          "GEWICHTHOOGSTEOPL"])
    table = pa.table({"RINPERSOONS": ["R", "R", "R", "R"],
                      "RINPERSOON": ["000000001", "000000002", "000000001", None],
                      "OPLNIVSOI2016AGG4HBMETNIRWO": ["2121", "3112", "1212", "2121"],
                      "GEWICHTHOOGSTEOPL": [1.0, 1.0, 1.0, 1.0], "_row": pa.array([1, 2, 3, 4], pa.int64()),
                      PROBLEM: pa.nulls(4, pa.string())})
    assert flagged(table, columns, HOOGSTEOPLTAB) == {1: "RINPERSOONS+RINPERSOON: duplicate key", 2: None,
                                                      3: "RINPERSOONS+RINPERSOON: duplicate key", 4: None}


def test_code_outside_code_list_is_a_row_problem():
    table = secm_table([("000000001", D(2019, 1, 1), None, "11"), ("000000002", D(2019, 1, 1), None, "19")])
    [problem] = row_checks(SECMBUS, table, secm_columns())
    assert (problem.variable, problem.mask.to_pylist(), problem.values[1].as_py()) == ("SECM", [False, True], "19")
    assert problem.problem.startswith("code not in the code list")


def test_end_before_start_and_missing_start_are_row_problems():
    table = secm_table([("000000001", D(2019, 5, 1), D(2019, 4, 30), "11"), ("000000001", None, None, "11")])
    problems = {p.problem: p.mask.to_pylist() for p in row_checks(SECMBUS, table, secm_columns())}
    assert problems == {"end date before start date": [True, False], "spell has no start date": [False, True]}


def test_missing_person_key_is_a_row_problem():
    table = secm_table([(None, D(2019, 1, 1), None, "11")])
    [problem] = row_checks(SECMBUS, table, secm_columns())
    assert (problem.variable, problem.problem) == ("RINPERSOON", "missing key value")


def test_row_problems_name_the_file_column_not_the_renamed_one():
    columns = ColumnMap([MappedColumn(c if c != "SECM" else "categorie", SECMBUS.variable(c), c)
                         for c in ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM"]], [], [], [], [])
    table = secm_table([("000000001", D(2019, 1, 1), None, "77")])
    assert row_checks(SECMBUS, table, columns)[0].variable == "categorie"


def test_fail_policy_raises_first_error_and_exclude_does_not():
    findings = [Finding("f.csv", "SECM", "bad code", row=9), Finding("f.csv", "AANVSECM", "bad date", row=4),
                Finding("f.csv", None, "extra columns", severity="warning")]
    with pytest.raises(InputError) as err:
        enforce(findings, "fail")
    assert err.value.finding.row == 4
    enforce(findings, "exclude")
    with pytest.raises(InputError):
        enforce([Finding("f.csv", "SECM", "required variable missing")], "exclude", structural=True)
