"""Indicators 19-24, 26 and early school leaving on hand-made inputs: every definition edge
of report §5.1 (``kansenmonitor.indicators.education``).

Each test writes a few rows of the education files as staged Parquet (``year=<t>``
partitions), a hand-made frame (``frame_t`` with its numbered cells) and computes one
bucket's cells. Figure year T: exams of June T are in EXAMVOTAB T-1, their status on
1 October T in ONDERWIJSINSCHRTAB T; early school leavers of T in VSVTAB T-1.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kansenmonitor.indicators import education
from kansenmonitor.indicators.registry import INDICATORS
from kansenmonitor.runner import _flags

T = 2019
REF = [  # OPLEIDINGSNRREF: programme number, SOI level, type, field
    ("100", "1221", "VO", None), ("101", "2131", "VO", None), ("102", "2132", "VO", None),
    ("200", "2121", "MBO", "Techniek"), ("201", "2111", "MBO", "Zorg en welzijn"),
    ("202", "2112", "MBO", "Economie"), ("300", "3112", "HBO", "Techniek"), ("400", "3113", "WO", "Recht"),
]


def person(i: int) -> str:
    return f"{i:09d}"


def exam(i: int, kind: str) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person(i), "EXAMVOSCHOOLSOORT": kind, "EXAMVOGESLAAGD": "1"}


def enrol(i: int, oplnr: str, kind: str, first: str = "1", leerweg: str | None = None, main: str | None = None) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person(i), "OPLNR": oplnr, "TYPEONDERWIJS": kind,
            "HOOFDINSCHR": main or ("11" if kind in ("HBO", "WO") else "01"), "MBOLEERWEG": leerweg,
            "EERSTEJAARS": first}


def svo(i: int, problem: str = "2", applications: int = 1, match: str | None = "3", weight: float = 1.0) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person(i), "OPLNR": "200", "SVOLEERWEG": "1",
            "SVOVRGStageProbleem": problem, "SVOVRGAantalSollicitatiesStage": applications,
            "SVOVRGAansluitwerk": match, "SVOGEWICHT": weight}


def vsv(i: int, status: str, school: str = "MBO", reason: str | None = None) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person(i), "VSVSTATUS": status, "VSVONDERWIJSSOORT": school,
            "VSVREDEN": reason}


def write(tmp_path: Path, name: str, rows: list[dict], year: int | None) -> str:
    folder = tmp_path / name / (f"year={year}" if year is not None else "")
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows).to_parquet(folder / "data.parquet", index=False)
    return (tmp_path / name / "**" / "*.parquet").as_posix()


def compute(tmp_path: Path, files: dict[str, dict[int | None, list[dict]]], persons: list[int],
            students: tuple[int, ...] = (), years: tuple[int, ...] = (T,)):
    """Cells and population log of ``files`` for a frame of ``persons`` (origin NL, in
    the frame every year; ``students`` only in the frame that keeps students)."""
    inputs = {}
    for name, by_year in files.items():
        for year, rows in by_year.items():
            inputs[name] = [write(tmp_path, name, rows, year)]
    ref = [{"OPLNR": o, "OPLNIVSOI2016AGG4": s, "ONDERWIJSSOORT": t, "SECTORMBO": f} for o, s, t, f in REF]
    inputs.setdefault("OPLEIDINGSNRREF", [write(tmp_path, "OPLEIDINGSNRREF", ref, None)])
    con = duckdb.connect()
    rows = [{"RINPERSOONS": "R", "RINPERSOON": person(i), "year": y, "in_frame": i not in students,
             "in_frame_students": True, "origin": "NL", "sex": "M", "cell": 1} for i in persons for y in years]
    con.register("f", pd.DataFrame(rows))
    con.execute("CREATE TABLE frame_t AS SELECT * FROM f")
    con.execute("CREATE TABLE frame_cells AS SELECT 'NL' AS origin, 'M' AS sex, 1 AS cell")
    cells, log = education.bucket_education_cells(con, inputs, list(years), None)
    con.close()
    return cells, log


def value(cells: pd.DataFrame, indicator: str, variant: str, year: int = T) -> float:
    c = cells[(cells["indicator"] == indicator) & (cells["variant"] == variant) & (cells["year"] == year)]
    assert len(c) == 1, (indicator, variant, c)
    return float(c["sum_y"].iloc[0] / c["w"].iloc[0])


def logged(log: pd.DataFrame, indicator: str, variant: str, year: int = T) -> dict:
    row = log[(log["indicator"] == indicator) & (log["variant"] == variant) & (log["year"] == year)]
    assert len(row) == 1
    return row.iloc[0].to_dict()


def test_exam_candidate_without_an_enrolment_on_the_next_1_october_has_no_education(tmp_path):
    cells, _ = compute(tmp_path, {"EXAMVOTAB": {T - 1: [exam(1, "HAVO"), exam(2, "HAVO")]},
                                  "ONDERWIJSINSCHRTAB": {T: [enrol(1, "300", "HBO")]}}, [1, 2])
    assert value(cells, "A20", "none") == 0.5
    assert value(cells, "A20", "hbo") == 0.5


def test_vmbo_to_havo_and_havo_to_vwo_are_a_higher_secondary_level_repeating_is_not(tmp_path):
    exams = [exam(1, "VMBOTL"), exam(2, "HAVO"), exam(3, "HAVO"), exam(4, "VMBOKB")]
    nxt = [enrol(1, "101", "VO"), enrol(2, "102", "VO"), enrol(3, "101", "VO"), enrol(4, "200", "MBO", leerweg="1")]
    cells, _ = compute(tmp_path, {"EXAMVOTAB": {T - 1: exams}, "ONDERWIJSINSCHRTAB": {T: nxt}}, [1, 2, 3, 4])
    assert value(cells, "A20", "vo_higher") == 0.5  # vmbo -> havo, havo -> vwo
    assert value(cells, "A20", "vo_other") == 0.25  # havo again
    assert value(cells, "A20", "mbo") == 0.25
    assert sum(value(cells, "A20", v) for v in education.FOLLOW_UP) == pytest.approx(1.0)


def test_only_main_enrolments_count_and_the_highest_wins(tmp_path):
    nxt = [enrol(1, "200", "MBO", leerweg="1"), enrol(1, "400", "WO"), enrol(2, "300", "HBO", main="02")]
    cells, _ = compute(tmp_path, {"EXAMVOTAB": {T - 1: [exam(1, "VWO"), exam(2, "VWO")]},
                                  "ONDERWIJSINSCHRTAB": {T: nxt}}, [1, 2])
    assert value(cells, "A20", "wo") == 0.5
    assert value(cells, "A20", "none") == 0.5  # a secondary enrolment is not a main enrolment


def test_follow_up_is_not_produced_without_the_enrolments_of_the_next_1_october(tmp_path):
    cells, log = compute(tmp_path, {"EXAMVOTAB": {T - 1: [exam(1, "HAVO"), exam(2, "VWO")]}}, [1, 2])
    assert not (cells["indicator"] == "A20").any()
    row = logged(log, "A20", "none")
    assert row["population"] == 2 and row["outcome_unknown"] == 2
    assert f"ONDERWIJSINSCHRTAB {T}" in row["missing_input"]
    assert value(cells, "A19", "havo") == 0.5  # the school types need no follow-up


def test_school_types_of_exam_candidates_and_a_candidate_counts_once(tmp_path):
    exams = [exam(1, "VMBOGL"), exam(2, "VMBOKB"), exam(3, "VMBOTL"), exam(3, "HAVO"), exam(4, "VWO")]
    cells, log = compute(tmp_path, {"EXAMVOTAB": {T - 1: exams}}, [1, 2, 3, 4])
    assert value(cells, "A19", "vmbo_t") == 0.25
    assert value(cells, "A19", "vmbo_other") == 0.25
    assert value(cells, "A19", "havo") == 0.25  # person 3: vmbo-t and havo exams, the highest counts
    assert int(cells[(cells["indicator"] == "A19") & (cells["variant"] == "havo")]["n"].iloc[0]) == 4
    assert logged(log, "A19", "vwo")["population"] == 4


def test_exam_candidates_of_june_t_come_from_the_file_of_study_year_t_minus_1(tmp_path):
    cells, _ = compute(tmp_path, {"EXAMVOTAB": {T - 1: [exam(1, "VWO")], T: [exam(1, "HAVO")]}}, [1])
    assert value(cells, "A19", "vwo") == 1.0


def test_a_student_outside_the_frame_of_most_indicators_is_counted_a_non_resident_is_logged(tmp_path):
    cells, log = compute(tmp_path, {"EXAMVOTAB": {T - 1: [exam(1, "HAVO"), exam(2, "VWO"), exam(3, "VWO")]}},
                         [1, 2], students=(1,))
    assert value(cells, "A19", "havo") == 0.5  # person 1 (a pupil) counts; person 3 is not in the frame
    row = logged(log, "A19", "havo")
    assert row["population"] == 2 and row["outside_frame"] == 1


def test_field_of_study_keeps_bol_and_bbl_apart(tmp_path):
    rows = [enrol(1, "200", "MBO", leerweg="1"), enrol(2, "201", "MBO", leerweg="3"),
            enrol(3, "200", "MBO", leerweg="3"), enrol(4, "300", "HBO"),
            enrol(5, "201", "MBO", first="0", leerweg="1")]  # not a first-year
    cells, log = compute(tmp_path, {"ONDERWIJSINSCHRTAB": {T: rows}}, [1, 2, 3, 4, 5])
    assert value(cells, "A21", "techniek_bol") == 1.0
    assert value(cells, "A21", "zorg_welzijn_bol") == 0.0
    assert value(cells, "A21", "techniek_bbl") == 0.5
    assert value(cells, "A21", "zorg_welzijn_bbl") == 0.5
    assert value(cells, "A21", "techniek") == 0.75  # mbo bol, mbo bbl and hbo techniek of 4 first-years
    assert value(cells, "A21", "techniek_hbo") == 1.0
    assert value(cells, "A21", "techniek_mbo4") == 1.0
    assert value(cells, "A21", "zorg_welzijn_mbo2") == 1.0
    assert logged(log, "A21", "techniek")["population"] == 4


def test_first_year_from_the_year_before_when_the_file_has_no_first_year_flag(tmp_path):
    rows = [{k: v for k, v in enrol(i, o, "MBO", leerweg="1").items() if k != "EERSTEJAARS"}
            for i, o in ((1, "200"), (2, "201"))]
    before = [{k: v for k, v in enrol(2, "201", "MBO", leerweg="1").items() if k != "EERSTEJAARS"}]
    cells, _ = compute(tmp_path, {"ONDERWIJSINSCHRTAB": {T: rows, T - 1: before}}, [1, 2])
    assert value(cells, "A21", "techniek") == 1.0  # person 2 was in mbo already


def test_sbb_prospects_are_linked_by_programme_number_and_a_programme_without_sbb_row_is_unknown(tmp_path):
    rows = [enrol(1, "200", "MBO", leerweg="1"), enrol(2, "201", "MBO", leerweg="3"),
            enrol(3, "202", "MBO", leerweg="1"), enrol(4, "300", "HBO")]
    sbb = [{"OPLNR": "200", "CREBO": "25001", "KANSWERK": "4"}, {"OPLNR": "201", "CREBO": "25002", "KANSWERK": "2"}]
    cells, log = compute(tmp_path, {"ONDERWIJSINSCHRTAB": {T: rows}, "SBBKANS": {T: sbb}}, [1, 2, 3, 4])
    assert value(cells, "A22", "k4") == 0.5 and value(cells, "A22", "k2") == 0.5
    assert value(cells, "A22", "mean") == 3.0
    assert value(cells, "A22", "bol_k4") == 1.0 and value(cells, "A22", "bbl_k2") == 1.0
    row = logged(log, "A22", "k4")
    assert row["population"] == 3 and row["outcome_unknown"] == 1  # programme 202 has no SBB row; hbo is out


def test_sbb_prospects_are_not_produced_without_the_years_sbb_file(tmp_path):
    rows = [enrol(1, "200", "MBO", leerweg="1")]
    cells, log = compute(tmp_path, {"ONDERWIJSINSCHRTAB": {T: rows}, "SBBKANS": {T - 1: [
        {"OPLNR": "200", "CREBO": "1", "KANSWERK": "4"}]}}, [1])
    assert not (cells["indicator"] == "A22").any()
    assert logged(log, "A22", "mean")["outcome_unknown"] == 1
    assert f"SBBKANS {T}" in logged(log, "A22", "mean")["missing_input"]


def test_applications_for_an_internship_in_cumulative_classes(tmp_path):
    rows = [svo(1, applications=1), svo(2, applications=3), svo(3, applications=7), svo(4, applications=12)]
    cells, _ = compute(tmp_path, {"SVO": {T: rows}}, [1, 2, 3, 4])
    assert value(cells, "A24", "1") == 0.25
    assert value(cells, "A24", "ge2") == 0.75
    assert value(cells, "A24", "ge4") == 0.5
    assert value(cells, "A24", "ge7") == 0.5
    assert value(cells, "A24", "ge11") == 0.25


def test_survey_indicators_use_the_weights(tmp_path):
    rows = [svo(1, problem="1", weight=3.0), svo(2, problem="2", weight=1.0), svo(3, problem="1", weight=0.0)]
    cells, log = compute(tmp_path, {"SVO": {T: rows}}, [1, 2, 3])
    assert value(cells, "A23", "") == 0.75
    c = cells[cells["indicator"] == "A23"].iloc[0]
    assert c["n"] == 2 and c["w"] == 4.0 and c["sum_w2"] == 10.0
    assert logged(log, "A23", "")["outcome_unknown"] == 1  # no positive weight


def test_job_match_classes_and_the_2019_question_change(tmp_path):
    rows = [svo(1, match="4"), svo(2, match="1"), svo(3, match=None)]
    cells, log = compute(tmp_path, {"SVO": {T: rows}}, [1, 2, 3])
    assert value(cells, "A26", "good") == 0.5 and value(cells, "A26", "poor") == 0.5
    assert logged(log, "A26", "good")["outcome_unknown"] == 1
    cube = pd.DataFrame({"indicator": ["A26", "A26", "A23"], "year": [2018, 2019, 2019]})
    assert list(_flags(cube)) == ["", "break_svo_2019", ""]
    assert INDICATORS["A26"].source_type == "survey" and INDICATORS["A24"].source_type == "survey"


def test_early_school_leavers_and_their_main_reasons(tmp_path):
    rows = [vsv(1, "1", "MBO", "4"), vsv(2, "2", "MBO"), vsv(3, "3", "VO"), vsv(4, "1", "VO", "1")]
    cells, log = compute(tmp_path, {"VSVTAB": {T - 1: rows}}, [1, 2, 3, 4])
    assert value(cells, "E01", "") == 0.5
    assert value(cells, "E01", "mbo") == 0.5 and value(cells, "E01", "vo") == 0.5
    assert value(cells, "E02", "school") == 0.5 and value(cells, "E02", "labour_market") == 0.5
    assert logged(log, "E02", "school")["population"] == 2


def test_field_codes_of_programme_labels():
    assert education.field_code("Zorg en welzijn") == "zorg_welzijn"
    assert education.field_code(" Gezondheidszorg ") == "zorg_welzijn"
    assert education.field_code("Ruimtevaart") == "other"
    assert education.field_code(None) is None
    con = duckdb.connect()
    con.register("r", pd.DataFrame([{"OPLNR": o, "OPLNIVSOI2016AGG4": s, "ONDERWIJSSOORT": t, "SECTORMBO": f}
                                    for o, s, t, f in REF]))
    got = con.sql(education.programme_table_sql("r")).df().set_index("OPLNR")
    assert got.loc["201", "level"] == "mbo2" and got.loc["300", "level"] == "hbo" and got.loc["400", "level"] == "wo"
    assert got.loc["101", "secondary_rank"] == 2 and pd.isna(got.loc["101", "field"])


def test_every_measure_is_a_registered_variant():
    for m in education.MEASURES:
        ind = INDICATORS[m.indicator]
        assert m.variant in ind.variants or (m.variant == "" and not ind.variants), (m.indicator, m.variant)
        assert ind.keeps_students
