"""Shared array helpers of the frame: codes, dates (cbs-sources.md §0.4)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from kansenmonitor.frame._arrays import as_dates, codes, day_number, day_numbers, map_uniques


def test_cbs_missing_codes_become_none():
    assert codes(["6030", "----", "-", "0000", "", None, np.nan, "---------"]).tolist() == ["6030"] + [None] * 7


def test_codes_are_stripped_and_numbers_written_without_decimals():
    assert codes([" 26 ", 26, 26.0]).tolist() == ["26", "26", "26"]


def test_codes_accept_pandas_string_series_with_missing():
    assert codes(pd.Series(["a", None], dtype="str")).tolist() == ["a", None]


def test_map_uniques_gives_missing_values_the_function_of_none():
    assert map_uniques(["a", None, "a"], lambda v: np.array([x or "?" for x in v], dtype=object)).tolist() == \
        ["a", "?", "a"]


def test_dates_from_date_objects_iso_and_yyyymmdd_strings():
    days = day_numbers([dt.date(2019, 1, 1), "2019-01-02", "20190103", None, "garbage"])
    assert days[:3].tolist() == [day_number(2019), day_number(2019, 1, 2), day_number(2019, 1, 3)]
    assert np.isnan(days[3:]).all()


def test_day_numbers_round_trip_to_dates():
    back = as_dates(np.array([day_number(2020, 2, 29), np.nan]))
    assert back[0] == np.datetime64("2020-02-29") and np.isnat(back[1])
