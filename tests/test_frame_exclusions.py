"""Students, pensioners and the exclusion reason (report §2.1, §7.1.3)."""

from __future__ import annotations

import pandas as pd

from kansenmonitor.frame.exclusions import (enrolment_student, excluded_reason, full_time_enrolment, secm_status)


def status(spells: list[tuple[str, str | None, str]], years: list[int], **kw) -> dict[int, tuple[bool, bool]]:
    out = secm_status([1] * len(spells), [s[0] for s in spells], [s[1] for s in spells], [s[2] for s in spells],
                      years, **kw)
    return {int(y): (bool(s), bool(p)) for y, s, p in zip(out["year"], out["student"], out["pensioner"])}


def test_secm_student_codes_26_and_31_in_any_month():
    assert status([("2019-11-01", "2019-11-30", "26")], [2019]) == {2019: (True, False)}
    assert status([("2015-01-01", "2019-01-31", "31")], [2019, 2020]) == {2019: (True, False)}


def test_secm_pension_code_25_is_pensioner():
    assert status([("2018-06-01", None, "25")], [2019, 2020]) == {2019: (False, True), 2020: (False, True)}


def test_secm_employee_is_neither():
    assert status([("2015-01-01", None, "11")], [2019]) == {}


def test_secm_spell_outside_the_year_does_not_count():
    assert status([("2018-01-01", "2018-12-31", "31")], [2019]) == {}


def test_secm_min_months_needs_enough_months():
    spells = [("2019-01-01", "2019-02-28", "26"), ("2019-03-01", None, "11")]
    assert status(spells, [2019], min_months=3) == {}
    assert status(spells, [2019], min_months=2) == {2019: (True, False)}


def test_secm_flags_basis_uses_xkoppel_flags_not_the_category():
    out = secm_status([1, 2], ["2019-01-01", "2019-01-01"], [None, None], ["11", "11"], [2019], basis="flags",
                      student_flag=[True, False], pension_flag=[False, True])
    assert out[["person", "student", "pensioner"]].values.tolist() == [[1, True, False], [2, False, True]]


def test_secm_category_basis_ignores_the_flags():
    out = secm_status([1], ["2019-01-01"], [None], ["11"], [2019], basis="category", student_flag=[True],
                      pension_flag=[True])
    assert out.empty


def test_enrolment_on_1_october_makes_student_in_that_and_the_next_year():
    out = enrolment_student([1], [2019], [True], [2018, 2019, 2020, 2021])
    assert out["year"].tolist() == [2019, 2020]


def test_part_time_bbl_and_dual_enrolments_are_not_full_time():
    full = full_time_enrolment(["VO", "MBO", "MBO", "MBO", "HBO", "WO", "WO", "VAVO"],
                               [None, "1", "3", None, None, None, None, None],
                               [None, None, None, None, "1", "2", "3", None])
    assert full.tolist() == [True, True, False, True, True, False, False, True]


def test_not_full_time_enrolment_is_not_student():
    assert enrolment_student([1], [2019], [False], [2019]).empty


def test_first_applicable_exclusion_reason_is_recorded():
    reason = excluded_reason(resident_all_year=[False, True, True, True, True, True],
                             age_group=["adult", None, "adult", "adult", "youth", "adult"],
                             student=[True, True, True, False, False, False],
                             pensioner=[False, False, True, True, False, False],
                             newcomer_6m=[True, False, True, True, True, False])
    assert reason.tolist() == ["not_resident_all_year", "age_out_of_range", "student", "pensioner",
                               "newcomer_6m", None]


def test_status_frame_has_one_row_per_person_year():
    out = secm_status([1, 1], ["2019-01-01", "2019-06-01"], ["2019-05-31", None], ["26", "25"], [2019])
    assert isinstance(out, pd.DataFrame)
    assert out[["person", "year", "student", "pensioner"]].values.tolist() == [[1, 2019, True, True]]
