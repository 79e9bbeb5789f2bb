"""Resident all year from GBAADRESOBJECTBUS address spells (report §2.1)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kansenmonitor.frame.resident import address_islands, resident_all_year


def resident(spells: list[tuple[str, str | None]], years: list[int]) -> dict[int, bool]:
    out = resident_all_year([1] * len(spells), [s for s, _ in spells], [e for _, e in spells], years)
    return dict(zip(out["year"].tolist(), out["resident_all_year"].tolist()))


def test_contiguous_split_spells_cover_the_year():
    assert resident([("2019-01-01", "2019-05-31"), ("2019-06-01", "2019-12-31")], [2019]) == {2019: True}


def test_a_one_day_gap_breaks_residence():
    assert resident([("2019-01-01", "2019-05-31"), ("2019-06-02", "2019-12-31")], [2019]) == {2019: False}


def test_open_address_end_is_resident_every_later_year():
    assert resident([("2015-03-01", None)], [2015, 2016, 2023]) == {2015: False, 2016: True, 2023: True}


def test_spell_ending_on_30_december_is_not_resident_that_year():
    assert resident([("2010-01-01", "2019-12-30")], [2018, 2019]) == {2018: True, 2019: False}


def test_spell_starting_on_1_january_is_resident_that_year():
    assert resident([("2019-01-01", "2019-12-31")], [2019]) == {2019: True}


def test_overlapping_spells_merge():
    assert resident([("2019-01-01", "2019-08-31"), ("2019-03-01", "2020-02-01")], [2019]) == {2019: True}


def test_person_years_without_any_address_day_are_absent():
    assert resident([("2016-01-01", "2017-06-30")], [2015, 2016, 2017, 2018]) == {2016: True, 2017: False}


def test_islands_merge_contiguous_but_not_gapped_spells():
    isl = address_islands([1, 1, 1], ["2019-01-01", "2019-06-01", "2019-06-03"],
                          ["2019-05-31", "2019-06-01", None])
    assert len(isl) == 2


def test_spells_without_start_are_ignored():
    assert resident([(None, "2019-12-31"), ("2018-01-01", None)], [2019]) == {2019: True}


@settings(max_examples=100, deadline=None)
@given(spells=st.lists(st.tuples(st.integers(0, 800), st.integers(0, 400), st.booleans()), min_size=1, max_size=5))
def test_resident_all_year_matches_counting_covered_days(spells: list[tuple[int, int, bool]]):
    origin = dt.date(2018, 6, 1)
    rows = [(origin + dt.timedelta(days=s), None if is_open else origin + dt.timedelta(days=s + n))
            for s, n, is_open in spells]
    covered: set[dt.date] = set()
    last = dt.date(2021, 12, 31)
    for start, end in rows:
        day = start
        while day <= (end or last):
            covered.add(day)
            day += dt.timedelta(days=1)
    out = resident_all_year([1] * len(rows), [s for s, _ in rows], [e for _, e in rows], [2019, 2020])
    got = dict(zip(out["year"].tolist(), out["resident_all_year"].tolist()))
    for year in (2019, 2020):
        days = {dt.date(year, 1, 1) + dt.timedelta(days=i) for i in range(366 if year == 2020 else 365)}
        touched = bool(days & covered)
        assert (year in got) == touched
        if touched:
            assert got[year] == (days <= covered)
