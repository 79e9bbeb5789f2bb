"""``sources inspect``: variables, labels, the likely source and a rename suggestion (§U.1)."""

from __future__ import annotations

import tomllib

import pandas as pd
import pyarrow as pa

from kansenmonitor.sources.inspect import inspect_file, match_columns, rank_sources, value_fit
from kansenmonitor.sources.spec import SECMBUS, SPOLISBUS
from sources_fixtures import write_csv, write_parquet, write_sav


def snippet(report: str) -> dict:
    """The suggested catalog entry at the end of the report, parsed as TOML."""
    text = report.split("Suggested catalog entry", 1)[1].split("\n", 1)[1]
    return tomllib.loads(text)


def test_sav_report_lists_variables_rows_labels_and_suggests_renames(tmp_path):
    df = pd.DataFrame({"RINPERSOONS": ["R", "R"], "rinpersoon": [12.0, 13.0],
                       "begin_periode": ["20190101", "20190201"], "eind_periode": ["20190131", "20501231"],
                       "SECMCODE": [11.0, 22.0], "XKOPPELWERKNSECM": [1.0, 0.0], "ONDERWIJSNR_crypt": ["a", "b"]})
    path = write_sav(df, tmp_path / "2022" / "SECMBUS2022V1.sav",
                     variable_value_labels={"SECMCODE": {11.0: "Werknemer", 22.0: "Bijstand"}},
                     column_labels={"begin_periode": "Aanvang"})
    report = inspect_file(path)
    assert "Format: sav; 2 rows; 7 variables" in report
    assert "Most likely source: SECMBUS" in report
    assert "SECMCODE: 11 = Werknemer, 22 = Bijstand" in report
    assert "label: Aanvang" in report
    assert "(person numbers not shown)" in report and "000000012" not in report
    entry = snippet(report)["sources"]["SECMBUS"]
    assert entry["rename"] == {"begin_periode": "AANVSECM", "eind_periode": "EINDSECM", "SECMCODE": "SECM"}
    assert entry["path"] == (tmp_path.as_posix() + "/{year}/SECMBUS{year}V*.sav")


def test_csv_report_names_delimiter_and_decimal_for_the_catalog(tmp_path):
    header = ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM"]
    path = write_csv([["R", "1", "20190101", "20190131", "11"]], header, tmp_path / "SECMBUS2022V1.csv")
    entry = snippet(inspect_file(path))["sources"]["SECMBUS"]
    assert (entry["rename"], entry["delimiter"], entry["decimal"]) == ({}, ";", ".")


def test_source_is_recognised_from_columns_when_the_name_says_nothing(tmp_path):
    table = pa.table({"RINPERSOONS": ["R"], "RINPERSOON": ["000000001"], "IKVID": ["1"], "SBEID": ["2"],
                      "SDATUMAANVANGIKO": ["20190101"], "SDATUMEINDEIKO": ["20190131"], "SBASISLOON": [1.0],
                      "SSECT": ["52"]})
    report = inspect_file(write_parquet(table, tmp_path / "export.parquet"))
    assert "Most likely source: SPOLISBUS" in report
    assert rank_sources("export.parquet", table.column_names)[0][0] == "SPOLISBUS"


def test_yyyymmdd_values_point_to_date_variables():
    dates = pa.array(["20190101", "20190201", "20501231"])
    codes = pa.array(["11", "22", "21"])
    secm_start, secm = SECMBUS.variable("AANVSECM"), SECMBUS.variable("SECM")
    assert value_fit(secm_start, dates) == 1.0
    assert value_fit(secm_start, codes) == 0.0
    assert value_fit(secm, codes) == 1.0
    sample = pa.table({"d1": dates, "x": codes})
    matches = {m.column: m.variable.name if m.variable else None
               for m in match_columns(SECMBUS, ["d1", "x"], sample)}
    assert matches["d1"] in ("AANVSECM", "EINDSECM")


def test_unrelated_columns_get_no_match():
    sample = pa.table({"weight": pa.array([1.0, 2.0])})
    [match] = match_columns(SPOLISBUS, ["weight"], sample)
    assert match.variable is None
