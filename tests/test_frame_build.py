"""End-to-end: build_frame on a tiny staged register (report §2.1, §2.2)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from _frame_staging import N_BUCKETS, d, write_person_file, write_reference_file
from kansenmonitor.errors import ConfigError, InputError
from kansenmonitor.frame import FrameConfig, build_frame
from kansenmonitor.frame.build import exclusion_counts, in_population

NL, TR, MA, SY, PL, DE, ID = "6030", "6043", "5022", "7009", "7028", "9089", "6024"
YEARS = [2019, 2020]


def person(nr: int, sex: str, born: str, own: str, mother: str, father: str, generatie: str, herkomst: str) -> dict:
    y, m, day = born.split("-")
    return {"RINPERSOONS": "R", "RINPERSOON": f"{nr:09d}", "GBAGESLACHT": sex, "GBAGEBOORTEJAAR": int(y),
            "GBAGEBOORTEMAAND": int(m), "GBAGEBOORTEDAG": int(day), "GBAGEBOORTELAND": own,
            "GBAGEBOORTELANDMOEDER": mother, "GBAGEBOORTELANDVADER": father,
            "GBAGEBOORTELANDNL": "1" if own == NL else "0",
            "GBAAANTALOUDERSBUITENLAND": None, "GBAGENERATIE": generatie, "GBAHERKOMSTGROEPERING": herkomst}


PERSONS = [
    person(1, "2", "1980-05-10", NL, NL, NL, "0", NL),      # Dutch, Amsterdam, split contiguous spells
    person(2, "1", "1990-03-01", TR, TR, TR, "1", TR),      # first generation Turkey since 2010, Rotterdam
    person(3, "1", "1996-06-15", SY, SY, SY, "1", SY),      # Syrian asylum status holder since March 2016
    person(4, "2", "1985-01-20", PL, PL, PL, "1", PL),      # Polish, arrived 1 Sept 2019
    person(5, "1", "2000-02-02", NL, NL, MA, "2", MA),      # second generation, mother NL -> father Morocco; student
    person(6, "1", "1953-08-31", NL, NL, NL, "0", NL),      # reaches 66y4m on 31 Dec 2019
    person(7, "2", "1953-09-01", NL, NL, NL, "0", NL),      # reaches 66y4m on 1 Jan 2020
    person(8, "2", "1970-01-01", NL, NL, NL, "0", NL),      # emigrates mid 2019
    person(9, "1", "1959-04-04", NL, NL, NL, "0", NL),      # early retirement pension (SECM 25)
    person(10, "2", "1975-07-07", DE, NL, NL, "1", NL),     # born in Germany to NL parents; one-day address gap
    person(11, "1", "1988-11-11", NL, ID, NL, "2", ID),     # second generation Indonesia; address not in VSLGWBTAB
]


def address(nr: int, start: str, end: str | None, obj: str) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": f"{nr:09d}", "GBADATUMAANVANGADRESHOUDING": d(start),
            "GBADATUMEINDEADRESHOUDING": d(end), "SOORTOBJECTNUMMER": "VBO", "RINOBJECTNUMMER": obj}


ADDRESSES = [
    address(1, "2010-01-01", "2019-05-31", "A1"), address(1, "2019-06-01", None, "A2"),
    address(2, "2010-01-01", None, "R1"),
    address(3, "2016-03-01", None, "G1"),
    address(4, "2019-09-01", None, "U1"),
    address(5, "2000-02-02", None, "A1"),
    address(6, "1990-01-01", None, "A1"),
    address(7, "1990-01-01", None, "R1"),
    address(8, "1995-01-01", "2019-06-30", "U1"),
    address(9, "1995-01-01", None, "G1"),
    address(10, "2015-01-01", "2019-03-31", "U1"), address(10, "2019-04-02", None, "U1"),
    address(11, "1988-11-11", None, "X1"),
    address(99, "2000-01-01", None, "A1"),  # not in GBAPERSOONTAB
]

VSLGWB = [  # gem2021 of A2 is deliberately different: the frame must read gem2023 (closest to 2023)
    {"SOORTOBJECTNUMMER": "VBO", "RINOBJECTNUMMER": "A1", "gem2021": "0363", "gem2023": "0363"},
    {"SOORTOBJECTNUMMER": "VBO", "RINOBJECTNUMMER": "A2", "gem2021": "0999", "gem2023": "0363"},
    {"SOORTOBJECTNUMMER": "VBO", "RINOBJECTNUMMER": "R1", "gem2021": "0599", "gem2023": "0599"},
    {"SOORTOBJECTNUMMER": "VBO", "RINOBJECTNUMMER": "G1", "gem2021": "GM0014", "gem2023": "GM0014"},
    {"SOORTOBJECTNUMMER": "VBO", "RINOBJECTNUMMER": "U1", "gem2021": "0344", "gem2023": "0344"},
]


def migration(nr: int, date: str, kind: str) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": f"{nr:09d}", "AANVANGMIGRATIEDATUM": d(date),
            "EINDEMIGRATIEDATUM": None, "MIGRATIESOORT": kind, "MIGRATIELAND": None}


def secm(nr: int, start: str, end: str | None, code: str) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": f"{nr:09d}", "AANVSECM": d(start), "EINDSECM": d(end), "SECM": code,
            "XKOPPELSCHOLSTUDSECM": code in ("26", "31"), "XKOPPELPENSIOENSECM": code == "25"}


SECM = [
    secm(1, "2010-01-01", None, "11"), secm(2, "2010-01-01", "2020-12-31", "11"), secm(3, "2017-01-01", None, "11"),
    secm(4, "2019-09-01", None, "11"), secm(5, "2018-09-01", "2019-06-30", "31"), secm(5, "2019-07-01", None, "11"),
    secm(6, "2000-01-01", None, "11"), secm(7, "2000-01-01", None, "11"), secm(9, "2018-01-01", None, "25"),
    secm(10, "2015-01-01", None, "11"), secm(11, "2010-01-01", None, "11"),
]


def enrolment(nr: int, kind: str, mbo: str | None = None, ho: str | None = None) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": f"{nr:09d}", "OPLNR": "1", "HOOFDINSCHR": "01", "TYPEONDERWIJS": kind,
            "MBOLEERWEG": mbo, "HOVORM": ho}


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root: Path = tmp_path_factory.mktemp("staging")
    inputs = {
        "GBAPERSOONTAB": write_person_file(root, "GBAPERSOONTAB", "GBAPERSOON2023TABV1", PERSONS,
                                           ints=("GBAGEBOORTEJAAR", "GBAGEBOORTEMAAND", "GBAGEBOORTEDAG")),
        "GBAADRESOBJECTBUS": write_person_file(root, "GBAADRESOBJECTBUS", "GBAADRESOBJECT2023BUSV1", ADDRESSES,
                                               dates=("GBADATUMAANVANGADRESHOUDING", "GBADATUMEINDEADRESHOUDING")),
        "GBAMIGRATIEBUS": write_person_file(
            root, "GBAMIGRATIEBUS", "GBAMIGRATIE2023BUSV1",
            [migration(2, "2010-01-01", "I"), migration(3, "2016-03-01", "I"), migration(4, "2019-09-01", "I"),
             migration(8, "2019-07-01", "E"), migration(10, "2015-01-01", "I")],
            dates=("AANVANGMIGRATIEDATUM", "EINDEMIGRATIEDATUM")),
        "MIGMOTIEFBUS": write_person_file(
            root, "MIGMOTIEFBUS", "MIGMOTIEFBUSV2023",
            [{"RINPERSOONS": "R", "RINPERSOON": f"{3:09d}", "AANVMIGMOTIEF": d("2016-03-01"), "EINDMIGMOTIEF": None,
              "MIGMOTIEF": "03"},
             {"RINPERSOONS": "R", "RINPERSOON": f"{2:09d}", "AANVMIGMOTIEF": d("2010-01-01"), "EINDMIGMOTIEF": None,
              "MIGMOTIEF": "05"}],
            dates=("AANVMIGMOTIEF", "EINDMIGMOTIEF")),
        "SECMBUS": write_person_file(root, "SECMBUS", "SECMBUS2021V1", SECM, dates=("AANVSECM", "EINDSECM"),
                                     flags=("XKOPPELSCHOLSTUDSECM", "XKOPPELPENSIOENSECM")),
        "VSLGWBTAB": write_reference_file(root, "VSLGWBTAB", "VSLGWB2023TAB03V1", VSLGWB),
        "LANDAKTUEELREF": write_reference_file(
            root, "LANDAKTUEELREF", "LANDAKTUEELREFV13",
            [{"LAND": c, "LANDOMS": None, "LANDTYPE": t, "WERELDDEEL": w}
             for c, t, w in [(NL, "1", "4"), (TR, "2", "3"), (MA, "2", "1"), (SY, "2", "3"), (PL, "1", "4"),
                             (DE, "1", "4"), (ID, "1", "3")]]),
    }
    hoog = [({"RINPERSOONS": "R", "RINPERSOON": f"{1:09d}", "OPLNIVSOI2016AGG4HBMETNIRWO": "3112"}, 2018),
            ({"RINPERSOONS": "R", "RINPERSOON": f"{2:09d}", "OPLNIVSOI2016AGG4HBMETNIRWO": "1212",
              "OPLNIVSOI2021AGG4HBMETNIRWO": "2111"}, 2019),
            ({"RINPERSOONS": "R", "RINPERSOON": f"{1:09d}", "OPLNIVSOI2016AGG4HBMETNIRWO": "1111"}, 2021)]
    for row, year in hoog:
        write_person_file(root, "HOOGSTEOPLTAB", f"HOOGSTEOPL{year}TABV1", [row], year=year)
    inputs["HOOGSTEOPLTAB"] = str(root / "HOOGSTEOPLTAB" / "*" / "year=*" / "bucket=*" / "*.parquet")
    enrol = {2018: [enrolment(5, "MBO", mbo="1")], 2019: [enrolment(3, "MBO", mbo="3")],
             2020: [enrolment(1, "HBO", ho="2")]}
    for year, rows in enrol.items():
        write_person_file(root, "ONDERWIJSINSCHRTAB", f"ONDERWIJSINSCHRTAB{year}V1", rows, year=year)
    inputs["ONDERWIJSINSCHRTAB"] = str(root / "ONDERWIJSINSCHRTAB")
    return inputs


@pytest.fixture(scope="module")
def frame(staged: dict[str, str]) -> pd.DataFrame:
    return build_frame(duckdb.connect(), staged, YEARS, None, FrameConfig())


def row(frame: pd.DataFrame, nr: int, year: int) -> dict:
    sel = frame[(frame["RINPERSOON"] == f"{nr:09d}") & (frame["year"] == year)]
    assert len(sel) == 1, f"person {nr} year {year}: {len(sel)} rows"
    return {k: (None if pd.isna(v) else v) for k, v in sel.iloc[0].to_dict().items()}


def test_one_row_per_person_year_registered_in_the_year(frame: pd.DataFrame):
    assert not frame.duplicated(["RINPERSOONS", "RINPERSOON", "year"]).any()
    assert set(frame.loc[frame["year"] == 2019, "RINPERSOON"]) == {f"{i:09d}" for i in range(1, 12)}
    assert f"{8:09d}" not in set(frame.loc[frame["year"] == 2020, "RINPERSOON"])  # emigrated in 2019
    assert f"{99:09d}" not in set(frame["RINPERSOON"])  # address without a GBAPERSOONTAB record


def test_dutch_resident_with_split_spells_is_in_frame_with_all_codes(frame: pd.DataFrame):
    r = row(frame, 1, 2019)
    assert r["in_frame"] and r["excluded_reason"] is None and r["resident_all_year"]
    assert (r["migration"], r["generation"], r["origin"], r["residence"]) == ("none", "none", "NL", None)
    assert (r["age"], r["age_years"], r["sex"], r["education"]) == ("adult", 38, "F", "high")
    assert (r["municipality"], r["region"], r["region_randstad"], r["asylum"]) == ("GM0363", "AM18", "randstad", "no")
    assert r["birth_date"] == pd.Timestamp("1980-05-10")


def test_education_file_after_the_year_is_not_used(frame: pd.DataFrame):
    assert row(frame, 1, 2020)["education"] == "high"  # the 2021 file says low


def test_first_generation_turkish_oldcomer_in_rotterdam(frame: pd.DataFrame):
    r = row(frame, 2, 2019)
    assert (r["migration"], r["generation"], r["origin"], r["residence"]) == ("nonwestern", "1", "TR", "old")
    assert (r["education"], r["region"], r["region_randstad"], r["asylum"]) == ("mid", "AM22", "randstad", "no")
    assert r["in_frame"]


def test_syrian_status_holder_is_young_newcomer_outside_randstad(frame: pd.DataFrame):
    r = row(frame, 3, 2019)
    assert (r["origin"], r["residence"], r["age"], r["asylum"]) == ("SY", "new", "youth", "yes")
    assert (r["region"], r["region_randstad"], r["education"]) == ("AM01", "non_randstad", "unk")
    assert r["residence_days"] == 1036 and r["in_frame"]


def test_newcomer_arriving_in_september_is_first_not_resident_then_excluded_as_six_months(frame: pd.DataFrame):
    assert row(frame, 4, 2019)["excluded_reason"] == "not_resident_all_year"
    r = row(frame, 4, 2020)
    assert r["resident_all_year"] and r["newcomer_6m"] and r["excluded_reason"] == "newcomer_6m"
    assert r["residence"] is None and r["residence_days"] == 122


def test_second_generation_student_excluded_while_studying(frame: pd.DataFrame):
    r = row(frame, 5, 2019)
    assert (r["generation"], r["origin"], r["residence"]) == ("2", "MA", "old")
    assert r["student"] and r["excluded_reason"] == "student"
    assert row(frame, 5, 2020)["in_frame"]


def test_aow_boundary_in_2019(frame: pd.DataFrame):
    assert row(frame, 6, 2019)["excluded_reason"] == "age_out_of_range"
    assert row(frame, 7, 2019)["in_frame"] and row(frame, 7, 2019)["age"] == "adult"
    assert row(frame, 7, 2020)["excluded_reason"] == "age_out_of_range"


def test_emigrant_is_not_resident_all_year(frame: pd.DataFrame):
    assert row(frame, 8, 2019)["excluded_reason"] == "not_resident_all_year"


def test_early_pensioner_is_excluded_as_pensioner_under_secm(frame: pd.DataFrame):
    r = row(frame, 9, 2019)
    assert r["pensioner"] and r["excluded_reason"] == "pensioner"


def test_born_abroad_to_nl_parents_one_day_gap(frame: pd.DataFrame):
    r19, r20 = row(frame, 10, 2019), row(frame, 10, 2020)
    assert (r19["generation"], r19["origin"], r19["migration"]) == ("none", "NL", "none")
    assert r19["excluded_reason"] == "not_resident_all_year" and r20["in_frame"]


def test_second_generation_indonesian_is_western_and_address_without_municipality_has_no_region(frame):
    r = row(frame, 11, 2019)
    assert (r["migration"], r["origin"]) == ("western", "ID")
    assert r["municipality"] is None and r["region"] is None and r["region_randstad"] is None


def test_breakdown_columns_are_categoricals_over_the_cube_codes(frame: pd.DataFrame):
    assert list(frame["origin"].cat.categories)[:3] == ["NL", "TR", "MA"]
    assert list(frame["excluded_reason"].cat.categories) == ["not_resident_all_year", "age_out_of_range",
                                                              "student", "pensioner", "newcomer_6m"]


def test_quality_statistics_count_disagreement_with_gbageneratie(frame: pd.DataFrame):
    q = frame.attrs["quality"]
    assert q["cbs_comparison"]["generation_disagree"] == 1  # person 10: GBAGENERATIE 1, rule says none
    assert q["address_spells_without_person"] == 1
    assert q["municipality_columns"] == {"2019": "gem2023", "2020": "gem2023"}


def test_exclusion_counts_per_year_and_reason(frame: pd.DataFrame):
    counts = exclusion_counts(frame).set_index(["year", "reason"])["persons"]
    assert counts[(2019, "not_resident_all_year")] == 3  # persons 4, 8, 10
    assert counts[(2019, "in_frame")] == 5  # persons 1, 2, 3, 7, 11
    assert counts[(2020, "newcomer_6m")] == 1
    assert counts.groupby(level="year").sum().tolist() == [11, 10]


def test_buckets_partition_the_frame(staged: dict[str, str], frame: pd.DataFrame):
    con = duckdb.connect()
    parts = [build_frame(con, staged, YEARS, b, FrameConfig()) for b in range(N_BUCKETS)]
    together = pd.concat(parts).sort_values(["RINPERSOON", "year"]).reset_index(drop=True)
    assert together[["RINPERSOON", "year", "excluded_reason"]].astype(str).equals(
        frame[["RINPERSOON", "year", "excluded_reason"]].astype(str))


def test_enrolment_source_uses_1_october_enrolments_and_aow_age(staged: dict[str, str]):
    f = build_frame(duckdb.connect(), staged, YEARS, None, FrameConfig(exclusion_source="enrolment"))
    assert row(f, 5, 2019)["excluded_reason"] == "student"  # mbo BOL on 1 Oct 2018
    assert row(f, 5, 2020)["in_frame"]  # not enrolled on 1 Oct 2019 or 2020
    assert row(f, 3, 2019)["in_frame"] and not row(f, 3, 2019)["student"]  # BBL is not full-time
    assert row(f, 1, 2020)["in_frame"]  # part-time hbo
    assert row(f, 9, 2019)["in_frame"]  # early pension is not AOW age
    assert row(f, 6, 2019)["pensioner"] and not row(f, 7, 2019)["pensioner"]


def test_secm_flags_basis_gives_the_same_students_here(staged: dict[str, str], frame: pd.DataFrame):
    f = build_frame(duckdb.connect(), staged, YEARS, None, FrameConfig(secm_basis="flags"))
    assert f["student"].tolist() == frame["student"].tolist()
    assert f["pensioner"].tolist() == frame["pensioner"].tolist()


def test_year_beyond_secmbus_coverage_is_refused(staged: dict[str, str]):
    with pytest.raises(InputError, match="SECMBUS"):
        build_frame(duckdb.connect(), staged, [2020, 2021], None, FrameConfig())


def test_year_without_enrolment_file_is_refused(staged: dict[str, str]):
    with pytest.raises(InputError, match="ONDERWIJSINSCHRTAB"):
        build_frame(duckdb.connect(), staged, [2021], None, FrameConfig(exclusion_source="enrolment"))


def test_year_after_the_aow_table_is_a_configuration_error(staged: dict[str, str]):
    with pytest.raises(ConfigError, match="AOW"):
        build_frame(duckdb.connect(), staged, [2029], None, FrameConfig())


def test_missing_required_source_names_the_source(staged: dict[str, str]):
    inputs = {k: v for k, v in staged.items() if k != "GBAMIGRATIEBUS"}
    with pytest.raises(InputError, match="GBAMIGRATIEBUS"):
        build_frame(duckdb.connect(), inputs, YEARS, None, FrameConfig())


def test_optional_sources_missing_leave_their_columns_null(staged: dict[str, str]):
    inputs = {k: v for k, v in staged.items() if k not in ("MIGMOTIEFBUS", "HOOGSTEOPLTAB", "VSLGWBTAB")}
    f = build_frame(duckdb.connect(), inputs, [2019], None, FrameConfig())
    assert f["asylum"].isna().all() and f["education"].isna().all() and f["region"].isna().all()
    assert len(f.attrs["quality"]["notes"]) == 3


def test_inputs_may_be_folders_files_or_globs(staged: dict[str, str], frame: pd.DataFrame):
    inputs = dict(staged)
    inputs["LANDAKTUEELREF"] = str(Path(staged["LANDAKTUEELREF"]).parent.parent)  # the source folder
    inputs["GBAPERSOONTAB"] = str(Path(staged["GBAPERSOONTAB"]) / "*" / "bucket=*" / "*.parquet")
    f = build_frame(duckdb.connect(), inputs, YEARS, None, FrameConfig())
    assert f[["RINPERSOON", "year", "origin"]].astype(str).equals(frame[["RINPERSOON", "year", "origin"]].astype(str))


def test_yearly_region_tables_classify_each_year_in_its_own_classification(staged: dict[str, str],
                                                                            tmp_path: Path):
    # 2021 table: a (fictitious) municipality GM0999 in a (fictitious) region AM99
    region_2021 = [{"gemeente_code": "GM0999", "amr_code": "AM99"}, {"gemeente_code": "GM0599", "amr_code": "AM22"}]
    region_2023 = [{"gemeente_code": "GM0363", "amr_code": "AM18"}, {"gemeente_code": "GM0599", "amr_code": "AM22"}]
    for year, rows in ((2021, region_2021), (2023, region_2023)):
        write_reference_file(tmp_path, "GEMEENTEREGIO", f"gemeente_amr_provincie_{year}/year={year}", rows)
    inputs = dict(staged, GEMEENTEREGIO=str(tmp_path / "GEMEENTEREGIO"))
    by_year = build_frame(duckdb.connect(), inputs, YEARS, None, FrameConfig(municipality_year="reference_year"))
    r = row(by_year, 1, 2019)  # gem2021 and the 2021 table, closest to 2019
    assert (r["municipality"], r["region"]) == ("GM0999", "AM99")
    assert by_year.attrs["quality"]["region_table_years"] == {"2019": 2021, "2020": 2021}
    fixed = build_frame(duckdb.connect(), inputs, YEARS, None, FrameConfig())
    r = row(fixed, 1, 2019)  # gem2023 and the 2023 table
    assert (r["municipality"], r["region"], r["region_randstad"]) == ("GM0363", "AM18", "randstad")


def test_in_population_equals_in_frame_and_can_keep_students(frame: pd.DataFrame):
    assert in_population(frame).tolist() == frame["in_frame"].tolist()
    kept = frame[in_population(frame, keep=("student",))]
    assert ((kept["RINPERSOON"] == f"{5:09d}") & (kept["year"] == 2019)).any()  # the 2019 student
    assert kept["in_frame"].sum() == frame["in_frame"].sum()


def test_invalid_configuration_is_refused():
    with pytest.raises(ConfigError, match="exclusion_source"):
        FrameConfig(exclusion_source="survey")  # type: ignore[arg-type]
