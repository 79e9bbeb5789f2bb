"""Asylum status holder from MIGMOTIEFBUS (report §7.2.5)."""

from __future__ import annotations

from kansenmonitor.frame.asylum import asylum_status


def test_asylum_motive_is_status_holder():
    assert asylum_status([1, 2], [1, 2], ["2015-06-01", "2016-02-01"], ["03", "04"]).tolist() == ["yes", "yes"]


def test_other_motive_is_not_status_holder():
    assert asylum_status([1], [1], ["2015-06-01"], ["01"]).tolist() == ["no"]


def test_person_without_motive_record_is_not_status_holder():
    assert asylum_status([1, 2], [1], ["2015-06-01"], ["03"]).tolist() == ["yes", "no"]


def test_first_motive_since_1998_decides():
    status = asylum_status([1, 2], [1, 1, 2, 2], ["2001-01-01", "2010-01-01", "1996-01-01", "2005-01-01"],
                           ["05", "03", "03", "07"])
    assert status.tolist() == ["no", "no"]


def test_record_without_motive_is_skipped():
    assert asylum_status([1], [1, 1], ["2001-01-01", "2003-01-01"], [None, "03"]).tolist() == ["yes"]
