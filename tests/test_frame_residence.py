"""Residence duration on 1 January from GBAMIGRATIEBUS (report §2.2)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kansenmonitor.frame.residence import days_in_netherlands, five_years_days, residence_class, six_months_days


def classify(gen: str, moves: list[tuple[str, str]], year: int = 2019) -> tuple[str | None, bool]:
    """Residence class and ≤ 6 months flag of one person with movements (date, kind)."""
    if moves:
        days = days_in_netherlands([1] * len(moves), [m[0] for m in moves], [m[1] for m in moves], [year])
        d, settled = float(days["days"].iloc[0]), bool(days["settled_before_start"].iloc[0])
    else:
        d, settled = np.nan, False
    codes, excluded = residence_class([gen], [d], [settled], year)
    return codes[0], bool(excluded[0])


def test_thresholds_are_calendar_intervals_before_1_january():
    assert six_months_days(2019) == 184  # 1 Jul 2018 - 1 Jan 2019
    assert five_years_days(2019) == 1826  # 1 Jan 2014 - 1 Jan 2019, one leap day (2016)


def test_newcomer_of_exactly_six_months_is_excluded():
    assert classify("1", [("2018-07-01", "I")]) == (None, True)


def test_newcomer_of_six_months_and_a_day_is_new():
    assert classify("1", [("2018-06-30", "I")]) == ("new", False)


def test_exactly_five_years_is_newcomer():
    assert classify("1", [("2014-01-01", "I")]) == ("new", False)


def test_five_years_and_a_day_is_oldcomer():
    assert classify("1", [("2013-12-31", "I")]) == ("old", False)


def test_periods_are_summed_over_remigration():
    # 2010-2012 (730 days) + 2015-2019 (1461 days) = 2191 days > 5 years, each stay shorter
    moves = [("2010-01-01", "I"), ("2012-01-01", "E"), ("2015-01-01", "I")]
    days = days_in_netherlands([1, 1, 1], [m[0] for m in moves], [m[1] for m in moves], [2019])
    assert days["days"].tolist() == [730 + 1461]
    assert classify("1", moves) == ("old", False)


def test_short_stay_after_remigration_counts_earlier_stay():
    # 2016-09-01 to 2017-01-01 (122 days) + 2018-10-01 to 2019-01-01 (92 days) = 214 > 184
    moves = [("2016-09-01", "I"), ("2017-01-01", "E"), ("2018-10-01", "I")]
    assert classify("1", moves) == ("new", False)


def test_administrative_addition_and_removal_open_and_close_like_migration():
    moves = [("2010-01-01", "A"), ("2012-01-01", "V"), ("2018-10-01", "A")]
    days = days_in_netherlands([1, 1, 1], [m[0] for m in moves], [m[1] for m in moves], [2019])
    assert days["days"].tolist() == [730 + 92]


def test_movements_after_the_reference_date_do_not_count():
    days = days_in_netherlands([1, 1], ["2017-01-01", "2019-03-01"], ["I", "E"], [2019, 2020])
    assert days["days"].tolist() == [730, 789]  # 2020: up to the emigration on 1 March 2019


def test_first_generation_without_migration_date_is_oldcomer():
    assert classify("1", []) == ("old", False)


def test_earliest_movement_an_emigration_means_settled_before_1994_and_oldcomer():
    moves = [("2000-01-01", "E"), ("2018-03-01", "I")]
    days = days_in_netherlands([1, 1], [m[0] for m in moves], [m[1] for m in moves], [2019])
    assert days["settled_before_start"].tolist() == [True]
    assert classify("1", moves) == ("old", False)


def test_second_generation_is_oldcomer_whatever_the_movements():
    assert classify("2", [("2018-10-01", "I")]) == ("old", False)


def test_no_migration_background_has_no_residence_class_and_is_not_excluded():
    assert classify("none", [("2018-10-01", "I")]) == (None, False)


def test_immigration_after_the_reference_date_counts_as_zero_days():
    assert classify("1", [("2019-06-01", "I")]) == (None, True)


def test_movements_without_date_or_known_kind_are_ignored():
    days = days_in_netherlands([1, 1, 1], ["2010-01-01", None, "2011-01-01"], ["I", "I", "X"], [2019])
    assert days["days"].tolist() == [3287]  # 2010-01-01 .. 2019-01-01


@settings(max_examples=100, deadline=None)
@given(moves=st.lists(st.tuples(st.integers(0, 9000), st.sampled_from(["I", "E", "A", "V"])), min_size=1, max_size=6))
def test_days_in_netherlands_matches_walking_the_calendar(moves: list[tuple[int, str]]):
    start = dt.date(1994, 10, 1)
    ref = dt.date(2019, 1, 1)
    dated = sorted(((start + dt.timedelta(days=o), k) for o, k in moves), key=lambda m: (m[0], m[1] in "IA"))
    inside = dated[0][1] in "EV"  # settled before the file starts
    by_day: dict[dt.date, list[str]] = {}
    for day, kind in dated:
        by_day.setdefault(day, []).append(kind)
    count, day = 0, start
    while day < ref:
        for kind in by_day.get(day, []):  # closing before opening on one day
            inside = kind in "IA"
        count += inside
        day += dt.timedelta(days=1)
    got = days_in_netherlands([1] * len(dated), [m[0] for m in dated], [m[1] for m in dated], [2019])
    assert got["days"].tolist() == [count]
