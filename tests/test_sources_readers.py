"""Reading sav/dta/csv/parquet into typed tables (cbs-sources.md §0.2-§0.4, §6, §7, §9)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pyreadstat
import pytest

from kansenmonitor.errors import InputError
from kansenmonitor.sources.readers import ReadOptions, iter_chunks, map_columns, read_header, read_source
from kansenmonitor.sources.spec import (GBAADRESOBJECTBUS, GBAPERSOONTAB, HOOGSTEOPLTAB, INPATAB, LANDAKTUEELREF,
                                        POLISBUS, SECMBUS, SPOLISBUS)
from sources_fixtures import write_csv, write_parquet, write_sav

SPOLIS_COLUMNS = ["RINPERSOONS", "RINPERSOON", "IKVID", "SBEID", "SDATUMAANVANGIKO", "SDATUMEINDEIKO",
                  "SBASISLOON", "SBASISUREN", "SAANTVERLU", "SAANTCTRCTURENPWK", "SCONTRACTSOORT",
                  "SSOORTBAAN", "SSECT"]
#: The same three SPOLIS records, as text (CSV) ...
SPOLIS_TEXT = [
    ["R", "12", "1001", "B01", "20190101", "20190131", "2345.67", "160", "160", "38", "o", "9", "1"],
    ["R", "000000013", "1002", "B02", "20190201", "20190228", "-10.5", "0", "0", "0", "B", "4", "52"],
    ["R", "123456789", "1003", "B01", "20190301", "20190331", "1234.56", "80.25", "80.25", "20", "N", "2", "61"],
]


def expected_spolis() -> pa.Table:
    """... and as the typed table every format must read back to."""
    return pa.table({
        "RINPERSOONS": pa.array(["R", "R", "R"]),
        "RINPERSOON": pa.array(["000000012", "000000013", "123456789"]),
        "IKVID": pa.array(["1001", "1002", "1003"]),
        "SBEID": pa.array(["B01", "B02", "B01"]),
        "SDATUMAANVANGIKO": pa.array([dt.date(2019, 1, 1), dt.date(2019, 2, 1), dt.date(2019, 3, 1)], pa.date32()),
        "SDATUMEINDEIKO": pa.array([dt.date(2019, 1, 31), dt.date(2019, 2, 28), dt.date(2019, 3, 31)], pa.date32()),
        "SBASISLOON": pa.array([2345.67, -10.5, 1234.56]),
        "SBASISUREN": pa.array([160.0, 0.0, 80.25]),
        "SAANTVERLU": pa.array([160.0, 0.0, 80.25]),
        "SAANTCTRCTURENPWK": pa.array([38.0, 0.0, 20.0]),
        "SCONTRACTSOORT": pa.array(["O", "B", "N"]),
        "SSOORTBAAN": pa.array(["9", "4", "2"]),
        "SSECT": pa.array(["01", "52", "61"]),
        "_row": pa.array([1, 2, 3], pa.int64()),
    })


def spolis_frame_numeric() -> pd.DataFrame:
    """SPSS-style: numbers as doubles (RINPERSOON too), dates as YYYYMMDD strings."""
    return pd.DataFrame({
        "RINPERSOONS": ["R", "R", "R"], "RINPERSOON": [12.0, 13.0, 123456789.0],
        "IKVID": ["1001", "1002", "1003"], "SBEID": ["B01", "B02", "B01"],
        "SDATUMAANVANGIKO": ["20190101", "20190201", "20190301"],
        "SDATUMEINDEIKO": ["20190131", "20190228", "20190331"],
        "SBASISLOON": [2345.67, -10.5, 1234.56], "SBASISUREN": [160.0, 0.0, 80.25],
        "SAANTVERLU": [160.0, 0.0, 80.25], "SAANTCTRCTURENPWK": [38.0, 0.0, 20.0],
        "SCONTRACTSOORT": ["o", "B", "N"], "SSOORTBAAN": [9.0, 4.0, 2.0], "SSECT": [1.0, 52.0, 61.0],
    })


def write_all_formats(folder):
    paths = {}
    paths["sav"] = write_sav(spolis_frame_numeric(), folder / "SPOLISBUS2019V1.sav")
    paths["dta"] = folder / "SPOLISBUS2019V2.dta"
    pyreadstat.write_dta(spolis_frame_numeric(), str(paths["dta"]))
    paths["csv_comma_point"] = write_csv(SPOLIS_TEXT, SPOLIS_COLUMNS, folder / "a" / "SPOLISBUS2019V1.csv",
                                         delimiter=",")
    semicolon = [[v.replace(".", ",") if i in (6, 7, 8, 9) else v for i, v in enumerate(r)] for r in SPOLIS_TEXT]
    paths["csv_semicolon_comma"] = write_csv(semicolon, SPOLIS_COLUMNS, folder / "b" / "SPOLISBUS2019V1.csv",
                                             delimiter=";")
    typed = pa.table({
        "RINPERSOONS": ["R", "R", "R"], "RINPERSOON": pa.array([12, 13, 123456789], pa.int64()),
        "IKVID": pa.array([1001, 1002, 1003], pa.int64()), "SBEID": ["B01", "B02", "B01"],
        "SDATUMAANVANGIKO": pa.array([dt.date(2019, 1, 1), dt.date(2019, 2, 1), dt.date(2019, 3, 1)]),
        "SDATUMEINDEIKO": pa.array([dt.datetime(2019, 1, 31), dt.datetime(2019, 2, 28), dt.datetime(2019, 3, 31)]),
        "SBASISLOON": [2345.67, -10.5, 1234.56], "SBASISUREN": [160.0, 0.0, 80.25],
        "SAANTVERLU": [160.0, 0.0, 80.25], "SAANTCTRCTURENPWK": pa.array([38, 0, 20], pa.int32()),
        "SCONTRACTSOORT": ["O", "b", "N"], "SSOORTBAAN": ["9", "4", "2"],
        "SSECT": pa.array(["01", "52", "61"]).dictionary_encode(),
    })
    paths["parquet"] = write_parquet(typed, folder / "SPOLISBUS2019V1.parquet")
    return paths


def test_same_table_in_every_format_reads_back_identically(tmp_path):
    paths = write_all_formats(tmp_path)
    expected = expected_spolis()
    for fmt, path in paths.items():
        result = read_source(path, SPOLISBUS, year=2019)
        assert result.findings == [], fmt
        assert result.table.schema == expected.schema, fmt
        assert result.table.equals(expected), (fmt, result.table.to_pydict())


def test_csv_delimiter_and_decimal_mark_are_sniffed(tmp_path):
    paths = write_all_formats(tmp_path)
    semicolon = read_header(paths["csv_semicolon_comma"])
    comma = read_header(paths["csv_comma_point"])
    assert (semicolon.delimiter, semicolon.decimal) == (";", ",")
    assert (comma.delimiter, comma.decimal) == (",", ".")


def test_csv_decimal_mark_can_be_overridden(tmp_path):
    path = write_csv([["R", "1", "20190101", "20190131", "11"]], ["RINPERSOONS", "RINPERSOON", "AANVSECM",
                                                                   "EINDSECM", "SECM"], tmp_path / "x.csv")
    assert read_header(path, ReadOptions(decimal=",")).decimal == ","
    assert read_header(path, ReadOptions(delimiter=",")).columns == ["RINPERSOONS;RINPERSOON;AANVSECM;EINDSECM;SECM"]


def test_numbers_with_the_wrong_decimal_mark_are_errors_not_guesses(tmp_path):
    rows = [r[:] for r in SPOLIS_TEXT]
    rows[1][6] = "1.234,50"
    path = write_csv(rows, SPOLIS_COLUMNS, tmp_path / "SPOLISBUS2019V1.csv", delimiter=";")
    result = read_source(path, SPOLISBUS, ReadOptions(decimal=","), year=2019)
    [finding] = result.findings
    assert (finding.variable, finding.row, finding.severity) == ("SBASISLOON", 2, "error")
    assert "'1.234,50'" in finding.problem


def test_spss_date_typed_column_reads_as_the_same_date_as_the_string_form(tmp_path):
    as_text = pd.DataFrame({"RINPERSOONS": ["R", "R"], "RINPERSOON": ["000000001", "000000002"],
                            "AANVSECM": ["20190131", "20200229"], "EINDSECM": ["20191231", ""], "SECM": ["11", "22"]})
    as_dates = as_text.assign(AANVSECM=[dt.date(2019, 1, 31), dt.date(2020, 2, 29)],
                              EINDSECM=[dt.date(2019, 12, 31), None])
    text_path = write_sav(as_text, tmp_path / "t" / "SECMBUS2021V1.sav")
    date_path = write_sav(as_dates, tmp_path / "d" / "SECMBUS2021V1.sav",
                          variable_format={"AANVSECM": "DATE11", "EINDSECM": "ADATE10"})
    assert read_header(date_path).types["AANVSECM"].startswith("DATE")
    from_text = read_source(text_path, SECMBUS).table
    from_dates = read_source(date_path, SECMBUS).table
    assert from_dates.column("AANVSECM").type == pa.date32()
    assert from_dates.equals(from_text)
    assert from_text.column("AANVSECM").to_pylist() == [dt.date(2019, 1, 31), dt.date(2020, 2, 29)]
    assert from_text.column("EINDSECM").to_pylist() == [dt.date(2019, 12, 31), None]


def test_numeric_dates_with_or_without_decimals_become_dates(tmp_path):
    df = pd.DataFrame({"RINPERSOONS": ["R", "R"], "RINPERSOON": [1.0, 2.0],
                       "AANVSECM": [20190131.0, 20190201.0], "EINDSECM": [20190228.0, float("nan")],
                       "SECM": [11.0, 21.0]})
    table = read_source(write_sav(df, tmp_path / "SECMBUS2021V1.sav"), SECMBUS).table
    assert table.column("AANVSECM").to_pylist() == [dt.date(2019, 1, 31), dt.date(2019, 2, 1)]
    assert table.column("EINDSECM").to_pylist() == [dt.date(2019, 2, 28), None]
    assert table.column("SECM").to_pylist() == ["11", "21"]


def test_open_end_20501231_becomes_null_and_is_counted(tmp_path):
    rows = [["R", "1", "20100101", "20501231", "1", "A1"], ["R", "2", "20100101", "20501231", "1", "A2"],
            ["R", "3", "20100101", "20151231", "1", "A3"]]
    path = write_csv(rows, ["RINPERSOONS", "RINPERSOON", "GBADATUMAANVANGADRESHOUDING",
                            "GBADATUMEINDEADRESHOUDING", "SOORTOBJECTNUMMER", "RINOBJECTNUMMER"],
                     tmp_path / "GBAADRESOBJECT2023BUSV1.csv")
    result = read_source(path, GBAADRESOBJECTBUS)
    assert result.table.column("GBADATUMEINDEADRESHOUDING").to_pylist() == [None, None, dt.date(2015, 12, 31)]
    [note] = result.findings
    assert (note.variable, note.row, note.count, note.severity) == ("GBADATUMEINDEADRESHOUDING", 1, 2, "info")
    assert "open einde" in note.problem


def test_20501231_in_a_start_date_stays_a_date(tmp_path):
    rows = [["R", "1", "20501231", "20501231", "11"]]
    result = read_source(write_csv(rows, ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM"],
                                   tmp_path / "SECMBUS2021V1.csv"), SECMBUS)
    assert result.table.column("AANVSECM").to_pylist() == [dt.date(2050, 12, 31)]
    assert result.table.column("EINDSECM").to_pylist() == [None]


def test_date_sentinels_88888888_and_99999999_become_null_and_are_counted(tmp_path):
    rows = [r[:] for r in SPOLIS_TEXT]
    header = SPOLIS_COLUMNS + ["SDATUMAANVANGIKV"]
    rows[0].append("88888888")
    rows[1].append("88888888")
    rows[2].append("99999999")
    result = read_source(write_csv(rows, header, tmp_path / "SPOLISBUS2019V1.csv"), SPOLISBUS, year=2019)
    assert result.table.column("SDATUMAANVANGIKV").to_pylist() == [None, None, None]
    counted = {(f.problem.split(" ")[0], f.count, f.row, f.severity) for f in result.findings}
    assert counted == {("88888888", 2, 1, "warning"), ("99999999", 1, 3, "warning")}


def test_money_sentinel_9999999999_becomes_null_and_is_counted(tmp_path):
    df = pd.DataFrame({"RINPERSOONS": ["R", "R", "R"], "RINPERSOON": ["000000001", "000000002", "000000003"],
                       "INPPERSBRUT": [25000.0, 9999999999.0, 999999999.0],
                       "INPPERSPRIM": [24000.0, 9999999999.0, -150.0], "INPPERSINK": [1.0, 2.0, 3.0]})
    result = read_source(write_sav(df, tmp_path / "INPA2019TABV1.sav"), INPATAB, year=2019)
    assert result.table.column("INPPERSBRUT").to_pylist() == [25000.0, None, None]
    assert result.table.column("INPPERSPRIM").to_pylist() == [24000.0, None, -150.0]
    counts = {(f.variable, f.problem.split(" ")[0], f.count) for f in result.findings if f.severity == "info"}
    assert counts == {("INPPERSBRUT", "9999999999", 1), ("INPPERSBRUT", "999999999", 1),
                      ("INPPERSPRIM", "9999999999", 1)}


def test_missing_code_strings_become_null(tmp_path):
    header = ["RINPERSOONS", "RINPERSOON", "GBAGESLACHT", "GBAGEBOORTEJAAR", "GBAGEBOORTEMAAND",
              "GBAGEBOORTELAND", "GBAGEBOORTELANDMOEDER", "GBAGEBOORTELANDVADER", "GBAGEBOORTELANDNL",
              "GBAAANTALOUDERSBUITENLAND", "GBAGENERATIE", "GBAHERKOMSTGROEPERING"]
    rows = [["R", "1", "2", "1985", "03", "----", "0000", "5022", "-", "2", "2", "5022"],
            ["R", "2", "-", "----", "--", "6030", "6030", "6030", "1", "0", "0", "6030"]]
    table = read_source(write_csv(rows, header, tmp_path / "GBAPERSOON2023TABV1.csv"), GBAPERSOONTAB).table
    assert table.column("GBAGEBOORTELAND").to_pylist() == [None, "6030"]
    assert table.column("GBAGEBOORTELANDMOEDER").to_pylist() == [None, "6030"]
    assert table.column("GBAGESLACHT").to_pylist() == ["2", None]
    assert table.column("GBAGEBOORTEJAAR").to_pylist() == [1985, None]
    assert table.column("GBAGEBOORTEMAAND").to_pylist() == [3, None]
    assert table.column("GBAGEBOORTELANDNL").to_pylist() == [None, "1"]


def test_numeric_rinpersoon_is_padded_to_nine_characters(tmp_path):
    df = pd.DataFrame({"RINPERSOONS": ["R", "R"], "RINPERSOON": [7.0, 10203.0],
                       "AANVSECM": ["20190101", "20190101"], "EINDSECM": ["", ""], "SECM": ["11", "11"]})
    table = read_source(write_sav(df, tmp_path / "SECMBUS2021V1.sav"), SECMBUS).table
    assert table.column("RINPERSOON").to_pylist() == ["000000007", "000010203"]


def test_rinpersoon_that_is_not_nine_digits_is_an_error(tmp_path):
    rows = [["R", "1234567890", "20190101", "", "11"], ["R", "12A", "20190101", "", "11"]]
    result = read_source(write_csv(rows, ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM"],
                                   tmp_path / "SECMBUS2021V1.csv"), SECMBUS)
    [finding] = result.findings
    assert (finding.variable, finding.row, finding.count) == ("RINPERSOON", 1, 2)
    assert result.table.column("RINPERSOON").to_pylist() == [None, None]


def test_unparseable_dates_are_reported_with_row_and_value(tmp_path):
    rows = [["R", "1", "20190101", "", "11"], ["R", "2", "20190231", "", "11"], ["R", "3", "2019-13-01", "", "11"]]
    result = read_source(write_csv(rows, ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM"],
                                   tmp_path / "SECMBUS2021V1.csv"), SECMBUS)
    [finding] = result.findings
    assert (finding.variable, finding.row, finding.count) == ("AANVSECM", 2, 2)
    assert "'20190231'" in finding.problem
    assert result.table.column("AANVSECM").to_pylist() == [dt.date(2019, 1, 1), None, None]


def test_iso_dates_in_text_are_accepted(tmp_path):
    rows = [["R", "1", "2019-01-31", "2019-02-28", "11"]]
    table = read_source(write_csv(rows, ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM"],
                                  tmp_path / "SECMBUS2021V1.csv"), SECMBUS).table
    assert table.column("EINDSECM").to_pylist() == [dt.date(2019, 2, 28)]


def test_column_names_match_case_insensitively(tmp_path):
    header = ["rinpersoons", "RINPERSOON", "OPLNIVSOI2016AGG4HBmetNIRWO", "OPLNIVSOI2021AGG4HBmetNIRWO",
              "GewichtHoogsteOpl"]
    rows = [["R", "1", "2121", "3112", "1.5"]]
    result = read_source(write_csv(rows, header, tmp_path / "HOOGSTEOPL2019TABV2.csv"), HOOGSTEOPLTAB, year=2019)
    assert result.table.column_names == ["RINPERSOONS", "RINPERSOON", "OPLNIVSOI2016AGG4HBMETNIRWO",
                                         "OPLNIVSOI2021AGG4HBMETNIRWO", "GEWICHTHOOGSTEOPL", "_row"]
    assert result.table.column("OPLNIVSOI2021AGG4HBMETNIRWO").to_pylist() == ["3112"]


def test_rename_map_maps_file_columns_onto_spec_names(tmp_path):
    rows = [["R", "1", "20190101", "20190131", "11"]]
    path = write_csv(rows, ["RINPERSOONS", "RINPERSOON", "begin", "einde", "categorie"], tmp_path / "SECMBUS2021V1.csv")
    options = ReadOptions(rename={"begin": "AANVSECM", "EINDE": "EINDSECM", "categorie": "SECM"})
    table = read_source(path, SECMBUS, options).table
    assert table.column_names == ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM", "_row"]


def test_missing_required_column_raises_naming_file_and_variable(tmp_path):
    path = write_csv([["R", "1", "20190101", "20190131"]], ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM"],
                     tmp_path / "SECMBUS2021V1.csv")
    with pytest.raises(InputError) as err:
        read_source(path, SECMBUS)
    assert err.value.finding.variable == "SECM"
    assert "SECMBUS2021V1.csv" in str(err.value)


def test_variable_required_only_from_a_year_is_not_required_before(tmp_path):
    columns = [c for c in SPOLIS_COLUMNS if c != "SAANTCTRCTURENPWK"]
    header = read_header(write_csv([], columns, tmp_path / "SPOLISBUS2015V1.csv"))
    assert map_columns(SPOLISBUS, header.columns, year=2015).missing == []
    assert [v.name for v in map_columns(SPOLISBUS, header.columns, year=2016).missing] == ["SAANTCTRCTURENPWK"]


def test_polisbus_is_read_under_spolisbus_names(tmp_path):
    header = ["RINPERSOONS", "RINPERSOON", "BAANRUGID", "BEID", "AANVBUS", "EINDBUS", "BASISLOON", "BASISUREN",
              "AANTVERLU", "CONTRACTSOORT", "SOORTBAAN", "SECT"]
    rows = [["R", "5", "77", "B9", "20080101", "20080131", "1500", "150", "150", "b", "9", "3"]]
    table = read_source(write_csv(rows, header, tmp_path / "POLISBUS2008V1.csv"), POLISBUS, year=2008).table
    assert table.column_names == ["RINPERSOONS", "RINPERSOON", "IKVID", "SBEID", "SDATUMAANVANGIKO",
                                  "SDATUMEINDEIKO", "SBASISLOON", "SBASISUREN", "SAANTVERLU", "SCONTRACTSOORT",
                                  "SSOORTBAAN", "SSECT", "_row"]
    assert table.column("SSECT").to_pylist() == ["03"]
    assert table.column("SCONTRACTSOORT").to_pylist() == ["B"]


def test_wrong_encoding_names_file_line_and_column(tmp_path):
    rows = [["R", "1", "A1", "Amsterdam", "1"], ["R", "2", "A2", "Den Haag", "1"], ["R", "3", "A3", "Café", "2"]]
    path = write_csv(rows, ["RINPERSOONS", "RINPERSOON", "RINOBJECTNUMMER", "LANDOMS", "X"],
                     tmp_path / "x.csv", encoding="cp1252")
    with pytest.raises(InputError) as err:
        header = read_header(path)
        list(iter_chunks(header, map_columns(GBAADRESOBJECTBUS, header.columns), ReadOptions()))
    assert err.value.finding.row == 3
    assert err.value.finding.variable == "LANDOMS"
    assert "line 4" in str(err.value) and "cp1252" in str(err.value)


def test_cp1252_file_reads_with_encoding_option(tmp_path):
    header = ["LAND", "LANDOMS", "LANDTYPE", "WERELDDEEL"]
    path = write_csv([["5022", "Marokko", "2", "1"], ["6024", "Indonesië", "1", "3"]], header,
                     tmp_path / "LANDAKTUEELREFV13.csv", encoding="cp1252")
    table = read_source(path, LANDAKTUEELREF, ReadOptions(encoding="cp1252")).table
    assert table.column("LANDOMS").to_pylist() == ["Marokko", "Indonesië"]


def test_chunks_keep_file_row_numbers(tmp_path):
    rows = [["R", str(i), "20190101", "", "11"] for i in range(1, 11)]
    csv_path = write_csv(rows, ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM"],
                         tmp_path / "SECMBUS2021V1.csv")
    df = pd.DataFrame(rows, columns=["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM"])
    for path in (write_sav(df, tmp_path / "SECMBUS2021V2.sav"), write_parquet(df, tmp_path / "SECMBUS2021V3.parquet")):
        options = ReadOptions(chunk_rows=3)
        header = read_header(path, options)
        chunks = list(iter_chunks(header, map_columns(SECMBUS, header.columns), options))
        assert [c.table.num_rows for c in chunks] == [3, 3, 3, 1]
        assert [r for c in chunks for r in c.table.column("_row").to_pylist()] == list(range(1, 11))
    assert read_source(csv_path, SECMBUS).table.column("_row").to_pylist() == list(range(1, 11))


def test_header_of_sav_is_read_without_data(tmp_path):
    path = write_sav(spolis_frame_numeric(), tmp_path / "SPOLISBUS2019V1.sav",
                     variable_value_labels={"SSECT": {1.0: "Agrarisch bedrijf"}})
    header = read_header(path)
    assert header.n_rows == 3
    assert header.columns == SPOLIS_COLUMNS
    assert header.value_labels["SSECT"] == {1.0: "Agrarisch bedrijf"}


def test_unsupported_format_is_an_input_error(tmp_path):
    path = tmp_path / "SPOLISBUS2019V1.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(InputError, match="unsupported file format"):
        read_header(path)


def test_flags_become_booleans_and_other_values_are_errors(tmp_path):
    df = pd.DataFrame({"RINPERSOONS": ["R"] * 3, "RINPERSOON": ["000000001", "000000002", "000000003"],
                       "AANVSECM": ["20190101"] * 3, "EINDSECM": [""] * 3, "SECM": ["11"] * 3,
                       "XKOPPELSCHOLSTUDSECM": [1.0, 0.0, 2.0], "XKOPPELPENSIOENSECM": [0.0, float("nan"), 1.0]})
    result = read_source(write_sav(df, tmp_path / "SECMBUS2021V1.sav"), SECMBUS)
    assert result.table.column("XKOPPELSCHOLSTUDSECM").type == pa.bool_()
    assert result.table.column("XKOPPELSCHOLSTUDSECM").to_pylist() == [True, False, None]
    assert result.table.column("XKOPPELPENSIOENSECM").to_pylist() == [False, None, True]
    [finding] = result.findings
    assert (finding.variable, finding.row, finding.problem) == ("XKOPPELSCHOLSTUDSECM", 3,
                                                                 "flag value is not 0 or 1: '2.0'")


def test_codes_and_keys_exported_as_decimal_text_are_normalised(tmp_path):
    rows = [["R", "12.0", "20190101", "", "11.0"], ["R", "13", "20190101", "", "21"]]
    table = read_source(write_csv(rows, ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM"],
                                  tmp_path / "SECMBUS2021V1.csv"), SECMBUS).table
    assert table.column("RINPERSOON").to_pylist() == ["000000012", "000000013"]
    assert table.column("SECM").to_pylist() == ["11", "21"]
