"""Age on 1 January, AOW age and age groups (report §2.2; indicators.md §1)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kansenmonitor.frame.age import (AOW_AGE, age_group, age_on_1_january, aow_age, aow_birth_cutoff, birth_date,
                                     in_ebb_age_range, reaches_aow_age_in_or_before, under_aow_age_all_year)


def born(*dates: str) -> np.ndarray:
    return np.array(dates, dtype="datetime64[D]")


def test_aow_age_table_has_2019_and_2028_from_the_report_and_sources():
    assert aow_age(2019) == (66, 4)
    assert aow_age(2020) == (66, 4)
    assert aow_age(2028) == (67, 3)
    assert aow_age(2018) == (66, 0)


def test_aow_age_before_2013_is_65():
    assert aow_age(2012) == (65, 0)
    assert aow_age(2006) == (65, 0)


def test_aow_age_after_the_table_is_an_error_not_a_guess():
    with pytest.raises(ValueError, match="2029"):
        aow_age(max(AOW_AGE) + 1)


def test_turning_aow_age_during_2019_is_not_adult_in_2019():
    # 66 years 4 months after 1953-08-31 is 2019-12-31: AOW age reached within 2019
    assert age_group(born("1953-08-31"), 2019).tolist() == [None]


def test_reaching_aow_age_on_1_january_2020_is_adult_in_2019():
    # 66 years 4 months after 1953-09-01 is 2020-01-01: under AOW age all of 2019
    assert age_group(born("1953-09-01"), 2019).tolist() == ["adult"]


def test_aow_cutoff_2019_is_september_1953():
    assert aow_birth_cutoff(2019) == np.datetime64("1953-09-01")


def test_youth_adult_boundary_is_27_on_1_january():
    groups = age_group(born("1992-01-01", "1992-01-02"), 2019)
    assert groups.tolist() == ["adult", "youth"]  # 27 on 1 Jan 2019; 26 (27 on 2 Jan)


def test_age_15_is_the_lower_bound():
    groups = age_group(born("2004-01-01", "2004-01-02"), 2019)
    assert groups.tolist() == ["youth", None]  # 15 on 1 Jan 2019; 14 until 2 Jan


def test_birthday_on_1_january_counts_on_the_reference_date():
    assert age_on_1_january(born("2000-01-01", "2000-12-31"), 2019).tolist() == [19.0, 18.0]


def test_missing_birth_day_is_taken_as_mid_month():
    b = birth_date([2000, 2000], [1, 3], [None, "--"])
    assert b.tolist() == [dt.date(2000, 1, 15), dt.date(2000, 3, 15)]
    assert age_on_1_january(b, 2019).tolist() == [18.0, 18.0]


def test_day_beyond_month_length_is_clipped_to_month_end():
    assert birth_date([2019], [2], [31]).tolist() == [dt.date(2019, 2, 28)]


def test_missing_month_is_taken_as_july():
    assert birth_date([1990], [None], [None]).tolist() == [dt.date(1990, 7, 15)]


def test_missing_birth_year_has_no_age_and_no_group():
    b = birth_date([None], [5], [5])
    assert np.isnat(b[0])
    assert np.isnan(age_on_1_january(b, 2019)[0])
    assert age_group(b, 2019).tolist() == [None]
    assert reaches_aow_age_in_or_before(b, 2019).tolist() == [False]


def test_reference_year_can_vary_per_row():
    b = born("1953-09-01", "1953-09-01")
    assert age_group(b, np.array([2019, 2020])).tolist() == ["adult", None]


def test_pensioner_by_age_is_the_complement_of_under_aow_age_all_year():
    b = born("1953-08-31", "1953-09-01")
    assert reaches_aow_age_in_or_before(b, 2019).tolist() == [True, False]


def test_ebb_age_range_is_15_to_74_inclusive():
    assert in_ebb_age_range(np.array([14, 15, 74, 75, np.nan])).tolist() == [False, True, True, False, False]


@settings(max_examples=300, deadline=None)
@given(birth=st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(1975, 12, 31)),
       year=st.integers(min_value=2006, max_value=2028))
def test_under_aow_age_all_year_matches_adding_the_aow_age_to_the_birth_date(birth: dt.date, year: int):
    years, months = aow_age(year)
    reached = pd.Timestamp(birth) + pd.DateOffset(years=years, months=months)  # clips to month end
    expected = reached >= pd.Timestamp(year + 1, 1, 1)
    assert bool(under_aow_age_all_year(np.array([birth], dtype="datetime64[D]"), year)[0]) == expected
