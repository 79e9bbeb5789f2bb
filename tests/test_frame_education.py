"""Education level from HOOGSTEOPLTAB SOI codes (report §2.2; cbs-sources.md §C.7)."""

from __future__ import annotations

import pandas as pd

from kansenmonitor.frame.education import education_level, latest_level, soi_code_of_file


def test_first_digit_of_the_soi_code_gives_the_level():
    assert education_level(["1112", "1213", "1222", "2111", "2132", "3111", "3213"]).tolist() == \
        ["low", "low", "low", "mid", "mid", "high", "high"]


def test_missing_or_unusable_code_is_unknown():
    assert education_level(["----", None, "9999", "21", "abcd"]).tolist() == ["unk"] * 5


def test_soi_2021_code_is_used_from_2019_when_filled():
    assert soi_code_of_file(["1212", "1212", "1212"], ["2111", None, "2111"], [2019, 2019, 2018]).tolist() == \
        ["2111", "1212", "1212"]


def test_latest_file_year_not_after_the_reference_year_is_used():
    person_years = pd.DataFrame({"person": [1, 1, 1], "year": [2017, 2019, 2021]})
    records = pd.DataFrame({"person": [1, 1, 1], "year": [2018, 2019, 2020], "level": ["low", "mid", "high"]})
    assert latest_level(person_years, records).tolist() == ["unk", "mid", "high"]


def test_unknown_record_does_not_hide_an_older_known_level():
    person_years = pd.DataFrame({"person": [1], "year": [2020]})
    records = pd.DataFrame({"person": [1, 1], "year": [2018, 2020], "level": ["mid", "unk"]})
    assert latest_level(person_years, records).tolist() == ["mid"]


def test_person_not_in_hoogsteopltab_is_unknown():
    person_years = pd.DataFrame({"person": [1, 2], "year": [2019, 2019]})
    records = pd.DataFrame({"person": [1], "year": [2019], "level": ["high"]})
    assert latest_level(person_years, records).tolist() == ["high", "unk"]
