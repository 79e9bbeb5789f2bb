"""Bad input corpus: every problem gives a non-zero exit and ONE line naming file, variable
and row, never a traceback (errors.py; cbs-sources.md §0)."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kansenmonitor.errors import InputError
from kansenmonitor.sources.check import EXIT_CONFIG, EXIT_INPUT, EXIT_OK, check_catalog
from kansenmonitor.sources.staging import stage_catalog
from sources_fixtures import SECM_HEADER, secm_rows, write_catalog, write_csv


@dataclass
class Case:
    file: str  # the file name the message must name
    variable: str | None  # the variable it must name (None: none applies)
    row: int | None  # the data row it must name (None: none applies)
    words: str  # a phrase the message must contain


def _secm(tmp_path: Path, rows=None, header=SECM_HEADER) -> Path:
    write_csv(secm_rows(4) if rows is None else rows, header, tmp_path / "SECMBUS2022V1.csv")
    return write_catalog(tmp_path, {"SECMBUS": {"path": "SECMBUS*.csv"}})


def missing_column(tmp_path):
    rows = [r[:4] for r in secm_rows(2)]
    return _secm(tmp_path, rows, SECM_HEADER[:4]), Case("SECMBUS2022V1.csv", "SECM", None, "not found")


def unknown_code(tmp_path):
    rows = secm_rows(3)
    rows[2][4] = "77"
    return _secm(tmp_path, rows), Case("SECMBUS2022V1.csv", "SECM", 3, "code not in the code list")


def bad_date(tmp_path):
    rows = secm_rows(3)
    rows[1][3] = "2019-06-31"
    return _secm(tmp_path, rows), Case("SECMBUS2022V1.csv", "EINDSECM", 2, "not a date")


def overlapping_spells(tmp_path):
    rows = secm_rows(3)
    rows[5][2] = "20190301"
    return _secm(tmp_path, rows), Case("SECMBUS2022V1.csv", "AANVSECM", 6, "overlapping spell")


def end_before_start(tmp_path):
    rows = secm_rows(3)
    rows[4][3] = "20181231"
    return _secm(tmp_path, rows), Case("SECMBUS2022V1.csv", "EINDSECM", 5, "end date before start date")


def duplicate_person(tmp_path):
    header = ["RINPERSOONS", "RINPERSOON", "OPLNIVSOI2016AGG4HBMETNIRWO", "GEWICHTHOOGSTEOPL"]
    rows = [["R", "1", "2121", "1.0"], ["R", "2", "3112", "1.0"], ["R", "3", "1212", "1.0"], ["R", "2", "2111", "1.0"]]
    write_csv(rows, header, tmp_path / "HOOGSTEOPL2019TABV1.csv")
    catalog = write_catalog(tmp_path, {"HOOGSTEOPLTAB": {"path": "HOOGSTEOPL*TABV*.csv"}})
    return catalog, Case("HOOGSTEOPL2019TABV1.csv", "RINPERSOONS+RINPERSOON", 4, "duplicate key")


def wrong_encoding(tmp_path):
    rows = [["5022", "Marokko", "2", "1"], ["5107", "Curaçao", "2", "2"]]
    write_csv(rows, ["LAND", "LANDOMS", "LANDTYPE", "WERELDDEEL"], tmp_path / "LANDAKTUEELREFV13.csv",
              encoding="cp1252")
    catalog = write_catalog(tmp_path, {"LANDAKTUEELREF": {"path": "LANDAKTUEELREFV*.csv"}})
    return catalog, Case("LANDAKTUEELREFV13.csv", "LANDOMS", 2, 'encoding = "cp1252"')


def wrong_encoding_deep_in_a_large_file(tmp_path):
    rows = [["R", str(i), "20100101", "", "1", f"OBJ{i:06d}"] for i in range(1, 4001)]
    rows[3499][5] = "Straße"
    write_csv(rows, ["RINPERSOONS", "RINPERSOON", "GBADATUMAANVANGADRESHOUDING", "GBADATUMEINDEADRESHOUDING",
                     "SOORTOBJECTNUMMER", "RINOBJECTNUMMER"], tmp_path / "GBAADRESOBJECT2023BUSV1.csv",
              encoding="latin-1")
    catalog = write_catalog(tmp_path, {"GBAADRESOBJECTBUS": {"path": "GBAADRESOBJECT*.csv"}})
    return catalog, Case("GBAADRESOBJECT2023BUSV1.csv", "RINOBJECTNUMMER", 3500, "line 3501")


def empty_file(tmp_path):
    return _secm(tmp_path, []), Case("SECMBUS2022V1.csv", None, None, "no data rows")


def zero_byte_file(tmp_path):
    (tmp_path / "SECMBUS2022V1.csv").write_bytes(b"")
    return write_catalog(tmp_path, {"SECMBUS": {"path": "SECMBUS*.csv"}}), \
        Case("SECMBUS2022V1.csv", None, None, "empty file")


def wrong_number_of_fields(tmp_path):
    rows = secm_rows(2)
    rows[2].append("extra")
    return _secm(tmp_path, rows), Case("SECMBUS2022V1.csv", None, 3, "has 6 fields")


def damaged_sav(tmp_path):
    (tmp_path / "SECMBUS2022V1.sav").write_bytes(b"$FL2 this is not really an SPSS file")
    return write_catalog(tmp_path, {"SECMBUS": {"path": "SECMBUS*.sav"}}), \
        Case("SECMBUS2022V1.sav", None, None, "cannot read sav file")


def missing_year(tmp_path):
    write_csv(secm_rows(1), SECM_HEADER, tmp_path / "x.csv")
    return write_catalog(tmp_path, {"SPOLISBUS": {"path": "data/{year}/SPOLISBUS{year}V*.sav"}}), \
        Case("SPOLISBUS{year}V*.sav", None, None, "no SPOLISBUS file for year 2019")


CASES = [missing_column, unknown_code, bad_date, overlapping_spells, end_before_start, duplicate_person,
         wrong_encoding, wrong_encoding_deep_in_a_large_file, empty_file, zero_byte_file, wrong_number_of_fields,
         damaged_sav, missing_year]


def assert_names(message: str, case: Case) -> None:
    assert case.file in message
    assert case.words in message
    if case.variable is not None:
        assert f"variable {case.variable}" in message
    if case.row is not None:
        assert f"row {case.row}:" in message or f"row {case.row} " in message


@pytest.mark.parametrize("make_case", CASES, ids=[c.__name__ for c in CASES])
def test_stage_catalog_raises_one_input_error(tmp_path, make_case):
    catalog, case = make_case(tmp_path)
    with pytest.raises(InputError) as err:
        stage_catalog(catalog, years=[2019])
    assert_names(str(err.value), case)
    assert (err.value.finding.variable, err.value.finding.row) == (case.variable, case.row)


@pytest.mark.parametrize("make_case", CASES, ids=[c.__name__ for c in CASES])
def test_check_catalog_prints_one_line_and_fails(tmp_path, make_case):
    catalog, case = make_case(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    code = check_catalog(catalog, years=[2019], out=out, err=err)
    lines = err.getvalue().splitlines()
    assert code == EXIT_INPUT
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert_names(lines[0], case)
    assert "Traceback" not in err.getvalue() + out.getvalue()


def test_check_catalog_reports_a_bad_catalog_with_exit_code_2(tmp_path):
    path = tmp_path / "catalog.toml"
    path.write_text('[sources.SPOLIS]\npath = "x"\n', encoding="utf-8")
    err = io.StringIO()
    assert check_catalog(path, err=err, out=io.StringIO()) == EXIT_CONFIG
    assert err.getvalue().count("\n") == 1 and "unknown source [sources.SPOLIS]" in err.getvalue()


def test_check_catalog_succeeds_and_summarises(tmp_path):
    catalog = _secm(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert check_catalog(catalog, out=out, err=err) == EXIT_OK
    assert err.getvalue() == ""
    assert "SECMBUS: SECMBUS2022V1.csv: 8 rows staged" in out.getvalue()
    assert "open einde" in out.getvalue()


def test_check_in_a_fresh_process_writes_one_line_to_stderr(tmp_path):
    """Exclusions logged for an earlier source must not add lines to stderr before the error."""
    rows = secm_rows(2)
    rows[0][4] = "77"
    write_csv(rows, SECM_HEADER, tmp_path / "SECMBUS2022V1.csv")
    _, case = duplicate_person(tmp_path)
    catalog = write_catalog(tmp_path, {"SECMBUS": {"path": "SECMBUS*.csv", "on_invalid": "exclude"},
                                       "HOOGSTEOPLTAB": {"path": "HOOGSTEOPL*TABV*.csv"}})
    code = ("import sys; from kansenmonitor.sources.check import check_catalog; "
            f"sys.exit(check_catalog({str(catalog)!r}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == EXIT_INPUT
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert_names(done.stderr, case)


def test_overlap_in_polisbus_is_reported_in_polisbus_names(tmp_path):
    header = ["RINPERSOONS", "RINPERSOON", "BAANRUGID", "BEID", "AANVBUS", "EINDBUS", "BASISLOON", "BASISUREN",
              "AANTVERLU", "CONTRACTSOORT", "SOORTBAAN", "SECT"]
    rows = [["R", "5", "77", "B9", "20080101", "20080131", "1500", "150", "150", "O", "9", "3"],
            ["R", "5", "77", "B9", "20080115", "20080215", "1500", "150", "150", "O", "9", "3"]]
    write_csv(rows, header, tmp_path / "POLISBUS2008V1.csv")
    catalog = write_catalog(tmp_path, {"POLISBUS": {"path": "POLISBUS*.csv"}})
    with pytest.raises(InputError) as err:
        stage_catalog(catalog, years=[2008])
    assert_names(str(err.value), Case("POLISBUS2008V1.csv", "AANVBUS", 2, "same RINPERSOONS, RINPERSOON, BAANRUGID"))
