"""Staging: typed Parquet per (file, version), partitioned by year and person bucket, reused
while the source is unchanged (cbs-sources.md §0.1-§0.2; peers-engines.md §2.3-§2.4)."""

from __future__ import annotations

import datetime as dt
import json
import os

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from kansenmonitor.buckets import person_bucket
from kansenmonitor.errors import InputError
from kansenmonitor.sources.catalog import load_catalog
from kansenmonitor.sources.staging import stage_catalog, stage_source, staged_relation
from sources_fixtures import SECM_HEADER, secm_rows, write_catalog, write_csv, write_sav

SPOLIS_HEADER = ["RINPERSOONS", "RINPERSOON", "IKVID", "SBEID", "SDATUMAANVANGIKO", "SDATUMEINDEIKO",
                 "SBASISLOON", "SBASISUREN", "SAANTVERLU", "SAANTCTRCTURENPWK", "SCONTRACTSOORT",
                 "SSOORTBAAN", "SSECT"]


def spolis_rows(year: int, persons: int) -> list[list[str]]:
    """Two monthly records per person, written in reverse order so staging has to sort."""
    rows = []
    for i in range(persons, 0, -1):
        for month in (2, 1):
            rows.append(["R", f"{i:09d}", f"{i}01", "B1", f"{year}{month:02d}01",
                         f"{year}{month:02d}{28 if month == 2 else 31}", "2000.5", "150", "150", "36", "O", "9", "52"])
    return rows


def spolis_catalog(tmp_path, years=(2019, 2020), persons=12, **entry):
    for y in years:
        write_csv(spolis_rows(y, persons), SPOLIS_HEADER, tmp_path / "data" / str(y) / f"SPOLISBUS{y}V1.csv")
    return write_catalog(tmp_path, {"SPOLISBUS": {"path": "data/{year}/SPOLISBUS{year}V*.csv", **entry}})


def read_rows(path) -> list[dict]:
    return pq.read_table(path).to_pylist()


def test_yearly_person_file_is_staged_per_year_and_bucket(tmp_path):
    staged = stage_source(load_catalog(spolis_catalog(tmp_path)), "SPOLISBUS", [2019, 2020])
    root = tmp_path / "staging" / "SPOLISBUS"
    expected = sorted(root / f"SPOLISBUS{y}V1" / f"year={y}" / f"bucket={b}" / "part-0.parquet"
                      for y in (2019, 2020) for b in range(4))
    assert sorted(staged.paths) == expected
    assert all(p.is_file() for p in expected)
    assert staged.years == [2019, 2020]
    assert (staged.rows_source, staged.rows_staged) == (48, 48)


def test_longitudinal_person_file_is_staged_per_bucket(tmp_path):
    write_csv(secm_rows(5), SECM_HEADER, tmp_path / "SECMBUS2022V1.csv")
    catalog = write_catalog(tmp_path, {"SECMBUS": {"path": "SECMBUS*.csv"}}, buckets=3)
    staged = stage_source(catalog, "SECMBUS")
    assert sorted(p.relative_to(tmp_path / "staging").as_posix() for p in staged.paths) == [
        f"SECMBUS/SECMBUS2022V1/bucket={b}/part-0.parquet" for b in range(3)]
    assert staged.files[0].year is None and staged.files[0].release_year == 2022


def test_reference_file_is_staged_as_one_data_file(tmp_path):
    write_csv([["6030", "Nederland", "1", "4"], ["5022", "Marokko", "2", "1"]],
              ["LAND", "LANDOMS", "LANDTYPE", "WERELDDEEL"], tmp_path / "LANDAKTUEELREFV13.csv")
    staged = stage_source(write_catalog(tmp_path, {"LANDAKTUEELREF": {"path": "LANDAKTUEELREFV*.csv"}}),
                          "LANDAKTUEELREF")
    assert [p.relative_to(tmp_path / "staging").as_posix() for p in staged.paths] == [
        "LANDAKTUEELREF/LANDAKTUEELREFV13/data.parquet"]
    assert [r["LAND"] for r in read_rows(staged.paths[0])] == ["5022", "6030"]


def test_bucket_of_staged_rows_equals_person_bucket(tmp_path):
    staged = stage_source(load_catalog(spolis_catalog(tmp_path, years=(2019,), persons=60)), "SPOLISBUS", [2019])
    seen = 0
    for path in staged.paths:
        bucket = int(path.parent.name.split("=")[1])
        for row in read_rows(path):
            assert person_bucket(row["RINPERSOONS"], row["RINPERSOON"], 4) == bucket
            seen += 1
    assert seen == 120
    assert len({int(p.parent.name.split("=")[1]) for p in staged.paths if pq.read_metadata(p).num_rows}) == 4


def test_rows_are_sorted_by_person_then_spell_start_in_each_bucket(tmp_path):
    staged = stage_source(load_catalog(spolis_catalog(tmp_path, years=(2019,), persons=30)), "SPOLISBUS", [2019])
    for path in staged.paths:
        rows = read_rows(path)
        keys = [(r["RINPERSOON"], r["SDATUMAANVANGIKO"]) for r in rows]
        assert keys == sorted(keys)
    first = read_rows(staged.paths[0])[0]
    assert isinstance(first["SDATUMAANVANGIKO"], dt.date) and first["_row"] >= 1


def test_staging_is_reused_while_the_source_is_unchanged(tmp_path):
    catalog = load_catalog(spolis_catalog(tmp_path, years=(2019,)))
    first = stage_source(catalog, "SPOLISBUS", [2019]).files[0]
    stamps = {p: p.stat().st_mtime_ns for p in first.parquet_files}
    again = stage_source(catalog, "SPOLISBUS", [2019]).files[0]
    assert (first.reused, again.reused) == (False, True)
    assert {p: p.stat().st_mtime_ns for p in again.parquet_files} == stamps
    assert again.rows_staged == first.rows_staged


def test_staging_is_redone_when_the_source_is_touched_or_rewritten(tmp_path):
    catalog = load_catalog(spolis_catalog(tmp_path, years=(2019,)))
    source = tmp_path / "data" / "2019" / "SPOLISBUS2019V1.csv"
    stage_source(catalog, "SPOLISBUS", [2019])
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert stage_source(catalog, "SPOLISBUS", [2019]).files[0].reused is False
    write_csv(spolis_rows(2019, 3), SPOLIS_HEADER, source)
    restaged = stage_source(catalog, "SPOLISBUS", [2019])
    assert (restaged.files[0].reused, restaged.rows_staged) == (False, 6)


def test_staging_is_redone_when_the_rename_map_changes(tmp_path):
    write_csv(secm_rows(2), ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "categorie"],
              tmp_path / "SECMBUS2022V1.csv")
    stage_source(write_catalog(tmp_path, {"SECMBUS": {"path": "SECMBUS*.csv", "rename": {"categorie": "SECM"}}}),
                 "SECMBUS")
    changed = write_catalog(tmp_path, {"SECMBUS": {"path": "SECMBUS*.csv",
                                                   "rename": {"categorie": "SECM", "unused": "X"}}})
    assert stage_source(changed, "SECMBUS").files[0].reused is False


def test_a_new_version_replaces_the_staging_of_the_old_one(tmp_path):
    catalog = load_catalog(spolis_catalog(tmp_path, years=(2019,)))
    stage_source(catalog, "SPOLISBUS", [2019])
    write_csv(spolis_rows(2019, 2), SPOLIS_HEADER, tmp_path / "data" / "2019" / "SPOLISBUS2019V2.csv")
    staged = stage_source(catalog, "SPOLISBUS", [2019])
    assert staged.files[0].version == 2 and staged.rows_staged == 4
    assert [p.name for p in (tmp_path / "staging" / "SPOLISBUS").iterdir()] == ["SPOLISBUS2019V2"]


def test_exclude_policy_counts_excluded_rows_per_reason(tmp_path):
    rows = secm_rows(6)  # 12 rows, 2 spells per person
    rows[1][4] = "77"  # unknown SECM code
    rows[3][2] = "20191301"  # not a date
    rows[5][2] = "20190630"  # starts on the end of the previous spell: overlap
    rows[7][3] = "20190601"  # ends before its start
    write_csv(rows, SECM_HEADER, tmp_path / "SECMBUS2022V1.csv")
    catalog = write_catalog(tmp_path, {"SECMBUS": {"path": "SECMBUS*.csv", "on_invalid": "exclude"}})
    staged = stage_source(catalog, "SECMBUS")
    secm_codes = "11, 12, 13, 14, 15, 21, 22, 23, 24, 25, 26, 31, 32"
    assert staged.excluded == {f"SECM: code not in the code list ({secm_codes})": 1,
                               "AANVSECM: not a date (expected YYYYMMDD)": 1,
                               "AANVSECM: overlapping spell": 1,
                               "EINDSECM: end date before start date": 1}
    assert staged.rows_source == 12
    assert staged.rows_staged + sum(staged.excluded.values()) == staged.rows_source
    con = duckdb.connect()
    kept = {r[0] for r in con.execute(f"SELECT _row FROM {staged_relation(con, staged)}").fetchall()}
    assert kept == set(range(1, 13)) - {2, 4, 6, 8}
    manifest = json.loads((staged.files[0].directory / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["excluded"] == staged.excluded and manifest["rows_source"] == 12
    report = stage_catalog(catalog)
    assert any("excluded 1 rows: AANVSECM: overlapping spell" in line for line in report.lines())


def test_exclude_policy_drops_every_row_of_a_duplicated_key(tmp_path):
    header = ["RINPERSOONS", "RINPERSOON", "OPLNIVSOI2016AGG4HBMETNIRWO", "GEWICHTHOOGSTEOPL"]
    rows = [["R", "1", "2121", "1,0"], ["R", "2", "3112", "1,0"], ["R", "1", "1212", "1,0"], ["R", "3", "----", "2,5"]]
    write_csv(rows, header, tmp_path / "HOOGSTEOPL2019TABV1.csv")
    staged = stage_source(write_catalog(tmp_path, {"HOOGSTEOPLTAB": {"path": "HOOGSTEOPL*.csv",
                                                                     "on_invalid": "exclude"}}),
                          "HOOGSTEOPLTAB", [2019])
    assert staged.excluded == {"RINPERSOONS+RINPERSOON: duplicate key": 2}
    con = duckdb.connect()
    assert con.execute(f"SELECT RINPERSOON, OPLNIVSOI2016AGG4HBMETNIRWO, GEWICHTHOOGSTEOPL, year "
                       f"FROM {staged_relation(con, staged)} ORDER BY 1").fetchall() == [
        ("000000002", "3112", 1.0, 2019), ("000000003", None, 2.5, 2019)]


def test_overlaps_are_found_across_chunks(tmp_path):
    rows = secm_rows(4)
    rows[3][2] = "20190615"  # person 2: row 4 overlaps row 3, which is in the previous chunk of 3 rows
    write_csv(rows, SECM_HEADER, tmp_path / "SECMBUS2022V1.csv")
    sav = pd.DataFrame(rows, columns=SECM_HEADER)
    write_sav(sav, tmp_path / "sav" / "SECMBUS2022V1.sav")
    for path in ("SECMBUS*.csv", "sav/SECMBUS*.sav"):
        catalog = write_catalog(tmp_path, {"SECMBUS": {"path": path, "on_invalid": "exclude"}},
                                extra="chunk_rows = 3")
        staged = stage_source(catalog, "SECMBUS")
        assert staged.excluded == {"AANVSECM: overlapping spell": 1}, path


def test_staged_relation_reads_selected_buckets_and_years(tmp_path):
    staged = stage_source(load_catalog(spolis_catalog(tmp_path, persons=20)), "SPOLISBUS", [2019, 2020])
    con = duckdb.connect()
    everything = con.execute(f"SELECT year, bucket, count(*) FROM {staged_relation(con, staged)} "
                             "GROUP BY ALL ORDER BY ALL").fetchall()
    assert sum(n for _, _, n in everything) == 80
    one = con.execute(f"SELECT DISTINCT year, bucket FROM {staged_relation(con, staged, buckets=[2], years=[2020])}"
                      ).fetchall()
    assert one == [(2020, 2)]
    n = con.execute(f"SELECT count(*) FROM {staged_relation(con, staged, buckets=[2], years=[2020])}").fetchone()[0]
    assert n == dict(((y, b), c) for y, b, c in everything)[(2020, 2)]


def test_years_outside_a_source_range_are_not_requested(tmp_path):
    write_csv(spolis_rows(2019, 2), SPOLIS_HEADER, tmp_path / "SPOLISBUS2019V1.csv")
    polis_header = ["RINPERSOONS", "RINPERSOON", "BAANRUGID", "BEID", "AANVBUS", "EINDBUS", "BASISLOON",
                    "BASISUREN", "AANTVERLU", "CONTRACTSOORT", "SOORTBAAN", "SECT"]
    write_csv([["R", "1", "9", "B", "20080101", "20080131", "10", "1", "1", "O", "9", "52"]], polis_header,
              tmp_path / "POLISBUS2008V1.csv")
    catalog = write_catalog(tmp_path, {"SPOLISBUS": {"path": "SPOLISBUS*.csv"},
                                       "POLISBUS": {"path": "POLISBUS*.csv"}})
    report = stage_catalog(catalog, years=[2008, 2019])
    assert report.sources["SPOLISBUS"].years == [2019]
    assert report.sources["POLISBUS"].years == [2008]
    assert any("SPOLISBUS covers 2010-; years 2008 are not staged" in f.problem for f in report.findings)
    con = duckdb.connect()
    jobs = con.execute(f"SELECT IKVID, SSECT FROM {staged_relation(con, report.sources['POLISBUS'])}").fetchall()
    assert jobs == [("9", "52")]


def test_workers_with_the_spawn_start_method_stage_the_same_rows(tmp_path):
    catalog = spolis_catalog(tmp_path, persons=5)
    report = stage_catalog(catalog, years=[2019, 2020], workers=2)
    staged = report.sources["SPOLISBUS"]
    assert [f.reused for f in staged.files] == [False, False]
    assert staged.rows_staged == 20
    again = stage_catalog(catalog, years=[2019, 2020], workers=1).sources["SPOLISBUS"]
    assert [f.reused for f in again.files] == [True, True]


def test_fail_policy_leaves_no_partial_staging(tmp_path):
    rows = secm_rows(2)
    rows[2][4] = "77"
    write_csv(rows, SECM_HEADER, tmp_path / "SECMBUS2022V1.csv")
    with pytest.raises(InputError):
        stage_source(write_catalog(tmp_path, {"SECMBUS": {"path": "SECMBUS*.csv"}}), "SECMBUS")
    assert not (tmp_path / "staging" / "SECMBUS").exists()
    assert list((tmp_path / "staging" / ".partial" / "SECMBUS").iterdir()) == []


def test_fail_policy_stops_reading_a_large_file_at_the_first_bad_chunk(tmp_path):
    rows = secm_rows(10)
    rows[1][4] = "77"
    write_sav(pd.DataFrame(rows, columns=SECM_HEADER), tmp_path / "SECMBUS2022V1.sav")
    catalog = write_catalog(tmp_path, {"SECMBUS": {"path": "SECMBUS*.sav"}}, extra="chunk_rows = 4")
    with pytest.raises(InputError) as err:
        stage_source(catalog, "SECMBUS")
    assert err.value.finding.row == 2
    assert "counted in the first 4 rows; reading stopped" in str(err.value)


def test_glob_of_a_staged_source_reads_only_its_current_files(tmp_path):
    staged = stage_source(load_catalog(spolis_catalog(tmp_path, persons=7)), "SPOLISBUS", [2019, 2020])
    globs = ", ".join(f"'{g}'" for g in staged.glob)
    con = duckdb.connect()
    rows = con.execute(f"SELECT year, count(*) FROM read_parquet([{globs}], hive_partitioning = true) "
                       "GROUP BY year ORDER BY year").fetchall()
    assert rows == [(2019, 14), (2020, 14)]
    with pytest.raises(InputError, match="nothing staged"):
        staged_relation(con, staged, years=[2018])
