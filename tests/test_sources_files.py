"""Locating source files: patterns, versions, release years (cbs-sources.md §0.1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansenmonitor.errors import Finding, InputError
from kansenmonitor.sources.files import find_source_files, glob_files, parse_file_name
from kansenmonitor.sources.spec import GBAADRESOBJECTBUS, HOOGSTEOPLTAB, LANDAKTUEELREF, SECMBUS, SPOLISBUS


def touch(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"x")


def test_highest_version_of_a_year_wins(tmp_path):
    touch(tmp_path, "SPOLISBUS2019V1.sav", "SPOLISBUS2019V2.sav", "SPOLISBUS2020V1.sav")
    found = find_source_files(SPOLISBUS, tmp_path / "SPOLISBUS{year}V*.sav", None)
    assert [(f.year, f.version, f.path.name) for f in found] == [
        (2019, 2, "SPOLISBUS2019V2.sav"), (2020, 1, "SPOLISBUS2020V1.sav")]


def test_version_10_beats_version_9_numerically(tmp_path):
    touch(tmp_path, "SPOLISBUS2019V9.sav", "SPOLISBUS2019V10.sav")
    found = find_source_files(SPOLISBUS, tmp_path / "SPOLISBUS{year}V*.sav", [2019])
    assert found[0].path.name == "SPOLISBUS2019V10.sav"
    assert found[0].version == 10


def test_losing_versions_are_reported_not_silently_ignored(tmp_path):
    touch(tmp_path, "SPOLISBUS2019V1.sav", "SPOLISBUS2019V2.sav")
    notes: list[Finding] = []
    find_source_files(SPOLISBUS, tmp_path / "SPOLISBUS{year}V*.sav", [2019], findings=notes)
    assert any("SPOLISBUS2019V1.sav" in n.problem and n.severity == "info" for n in notes)


def test_space_before_year_and_upper_case_extension_are_found(tmp_path):
    touch(tmp_path, "SPOLISBUS 2014V1.DTA")
    found = find_source_files(SPOLISBUS, tmp_path / "SPOLISBUS*", [2014])
    assert (found[0].year, found[0].version, found[0].path.name) == (2014, 1, "SPOLISBUS 2014V1.DTA")


def test_date_stamp_prefix_names_are_found(tmp_path):
    touch(tmp_path / "2008", "120619 HOOGSTEOPLTAB 2008V1.sav")
    touch(tmp_path / "2019", "HOOGSTEOPL2019TABV2.sav")
    found = find_source_files(HOOGSTEOPLTAB, tmp_path / "{year}" / "*.sav", [2008, 2019])
    assert [(f.year, f.version) for f in found] == [(2008, 1), (2019, 2)]
    assert found[0].path.name == "120619 HOOGSTEOPLTAB 2008V1.sav"


def test_year_folders_are_globbed_per_requested_year(tmp_path):
    touch(tmp_path / "2018", "SPOLISBUS2018V1.sav")
    touch(tmp_path / "2019", "SPOLISBUS2019V1.sav")
    found = find_source_files(SPOLISBUS, str(tmp_path) + "/{year}/SPOLISBUS{year}V*.sav", [2019])
    assert [f.path.name for f in found] == ["SPOLISBUS2019V1.sav"]


def test_longitudinal_source_takes_highest_release_year_then_version(tmp_path):
    touch(tmp_path, "SECMBUS2021V3.sav", "SECMBUS2022V1.sav", "SECMBUS2022V2.csv", "SECMBUS2020V9.parquet")
    found = find_source_files(SECMBUS, tmp_path / "SECMBUS*", None)
    assert len(found) == 1
    assert (found[0].path.name, found[0].release_year, found[0].version, found[0].year) == \
        ("SECMBUS2022V2.csv", 2022, 2, None)


def test_longitudinal_source_ignores_requested_years(tmp_path):
    touch(tmp_path, "GBAADRESOBJECT2023BUSV1.sav")
    found = find_source_files(GBAADRESOBJECTBUS, tmp_path / "*.sav", [2015, 2016])
    assert [f.path.name for f in found] == ["GBAADRESOBJECT2023BUSV1.sav"]


def test_reference_file_without_year_uses_version(tmp_path):
    touch(tmp_path, "LANDAKTUEELREFV10.sav", "LANDAKTUEELREFV13.sav")
    found = find_source_files(LANDAKTUEELREF, tmp_path / "LANDAKTUEELREFV*.sav", None)
    assert (found[0].path.name, found[0].release_year, found[0].year) == ("LANDAKTUEELREFV13.sav", None, None)


def test_missing_year_names_pattern_and_year(tmp_path):
    touch(tmp_path, "SPOLISBUS2019V1.sav")
    with pytest.raises(InputError) as err:
        find_source_files(SPOLISBUS, tmp_path / "SPOLISBUS{year}V*.sav", [2019, 2020])
    assert "year 2020" in str(err.value)
    assert "SPOLISBUS{year}V*.sav" in str(err.value)


def test_files_matching_the_glob_but_not_the_cbs_name_are_reported(tmp_path):
    touch(tmp_path, "SPOLISBUS2019V1.sav", "SPOLISBUS_backup.sav")
    notes: list[Finding] = []
    found = find_source_files(SPOLISBUS, tmp_path / "SPOLISBUS*.sav", None, findings=notes)
    assert [f.path.name for f in found] == ["SPOLISBUS2019V1.sav"]
    assert any("SPOLISBUS_backup.sav" in n.problem and n.severity == "warning" for n in notes)


def test_no_file_matching_the_name_pattern_says_which_files_were_seen(tmp_path):
    touch(tmp_path, "spolis_export.csv")
    with pytest.raises(InputError, match="spolis_export.csv"):
        find_source_files(SPOLISBUS, tmp_path / "*.csv", None)


def test_catalog_file_pattern_overrides_cbs_names(tmp_path):
    touch(tmp_path, "spolis_2019.parquet")
    found = find_source_files(SPOLISBUS, tmp_path / "*.parquet", [2019], file_patterns=["spolis_{year}"])
    assert (found[0].year, found[0].version) == (2019, 0)


def test_two_files_of_the_same_version_are_an_error(tmp_path):
    touch(tmp_path, "SPOLISBUS2019V1.sav", "SPOLISBUS2019V1.csv")
    with pytest.raises(InputError, match="same SPOLISBUS release and version"):
        find_source_files(SPOLISBUS, tmp_path / "SPOLISBUS*", [2019])


def test_provisional_monthly_version_is_flagged(tmp_path):
    touch(tmp_path, "SPOLISBUS2019V2.sav", "SPOLISBUS2019V011.sav")
    notes: list[Finding] = []
    found = find_source_files(SPOLISBUS, tmp_path / "SPOLISBUS*", [2019], findings=notes)
    assert found[0].version == 11
    assert any("provisional" in n.problem for n in notes)


def test_glob_matches_case_insensitively_and_recursively(tmp_path):
    touch(tmp_path / "Spolis" / "2019" / "geconverteerde data", "SPOLISBUS 2019V1.DTA")
    assert [p.name for p in glob_files(str(tmp_path) + "/spolis/**/*.dta")] == ["SPOLISBUS 2019V1.DTA"]


def test_parse_file_name_rejects_other_sources():
    assert parse_file_name("SECMBUS2021V1.sav", SPOLISBUS.file_patterns) is None
    assert parse_file_name("SPOLIS2019BUSV3.sav", SPOLISBUS.file_patterns) == (2019, 3)


def test_yearly_reference_table_missing_a_year_uses_the_years_it_has(tmp_path):
    from kansenmonitor.sources.spec import GEMEENTEREGIO

    touch(tmp_path, "gemeente_amr_provincie_2023.csv")
    notes: list[Finding] = []
    found = find_source_files(GEMEENTEREGIO, tmp_path / "gemeente_amr_provincie_{year}.csv", [2019, 2020],
                              findings=notes)
    assert [f.year for f in found] == [2023]
    assert any("no file for 2019, 2020" in n.problem for n in notes)
