"""Indicator 25 (report §5.1) on hand-made graduates: every edge of the definition.

Each test writes 1 October enrolments, diplomas, SPOLIS, SECM and address records for a few
persons, a frame of 2015-2019 (everybody in it with students kept), makes the graduate
cohorts, the person-month panel for them (November 2014 - December 2019) and reads the
per-graduate outcomes (``graduates.graduate_outcomes_sql``) or the cells.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kansenmonitor.indicators import dynamics, graduates
from kansenmonitor.indicators.person_month import month_index
from test_indicators_dynamics import month_end, span  # the same month helpers as the panel tests

FIRST, LAST = 2015, 2019
YEARS = list(range(FIRST, LAST + 1))
WAGE = 20.0  # well above the hourly WML
MBO_OPLNR, HBO_OPLNR, WO_OPLNR = "100011", "200011", "300011"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)



def job(person: str, ikv: str, contract: str, months: list[tuple[int, int]], wage: float = WAGE,
        hours_per_week: float = 36.0) -> list[dict]:
    """Monthly SPOLIS records of one job."""
    rows = []
    for year, month in months:
        start, end = dt.date(year, month, 1), month_end(year, month)
        hours = hours_per_week * ((end - start).days + 1) / 7.0
        rows.append({"RINPERSOONS": "R", "RINPERSOON": person, "IKVID": ikv, "SBEID": "E1", "SSECT": "33",
                     "SCONTRACTSOORT": contract, "SSOORTBAAN": "9", "SDATUMAANVANGIKO": start,
                     "SDATUMEINDEIKO": end, "SBASISUREN": hours, "SBASISLOON": hours * wage, "year": year})
    return rows


def enrolment(person: str, year: int, kind: str = "MBO", pathway: str | None = "1", form: str | None = None,
              oplnr: str = MBO_OPLNR) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person, "OPLNR": oplnr, "HOOFDINSCHR": "01", "TYPEONDERWIJS": kind,
            "MBOLEERWEG": pathway, "HOVORM": form, "year": year}


def mbo_diploma(person: str, year: int, date: str, pathway: str = "1") -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person, "EXAMENDATUMMBO": d(date), "OPLNR": MBO_OPLNR,
            "SELECTIEHOOFDDPLMBO": "1", "TYPEMBODPL": pathway, "year": year}


def ho_diploma(person: str, year: int, date: str | None, month: int | None = None, oplnr: str = HBO_OPLNR) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person, "OPLNR": oplnr, "EXAMENMAAND": month,
            "EXAMENDATUMDIPLHO": d(date) if date else None, "SOORTDIPLSOORTHO": "03", "STUDIEFASEDIPL": "B",
            "VORMOPLEIDINGHODIP": "1", "year": year}


def secm(person: str, code: str, start: str, end: str | None = None) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person, "SECM": code, "AANVSECM": d(start),
            "EINDSECM": d(end) if end else None}


def address(person: str, start: str = "2000-01-01", end: str | None = None) -> dict:
    return {"RINPERSOONS": "R", "RINPERSOON": person, "GBADATUMAANVANGADRESHOUDING": d(start),
            "GBADATUMEINDEADRESHOUDING": d(end) if end else None}


def mbo_graduate(person: str, year: int = 2015, date: str = "2016-06-15", pathway: str = "1") -> dict:
    """Enrolment on 1 October ``year`` and an mbo diploma of study year ``year``."""
    return {"enrol": [enrolment(person, year, pathway=pathway)], "mbo": [mbo_diploma(person, year, date, pathway)]}


class World:
    """Hand-made inputs; :meth:`outcomes` runs the cohort and the panel on them."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.rows: dict[str, list[dict]] = {k: [] for k in ("enrol", "mbo", "ho", "spolis", "secm", "address")}
        self.persons: list[str] = []
        self.migration: dict[str, str] = {}

    def add(self, person: str, parts: dict, spolis: list[dict] = (), secm_rows: list[dict] | None = None,
            addresses: list[dict] | None = None, migration: str = "none") -> None:
        self.persons.append(person)
        self.migration[person] = migration
        for k, v in parts.items():
            self.rows[k] += v
        self.rows["spolis"] += list(spolis)
        self.rows["secm"] += secm_rows if secm_rows is not None else [secm(person, "11", "2010-01-01")]
        self.rows["address"] += addresses if addresses is not None else [address(person)]

    def _write(self, name: str, rows: list[dict], columns: dict[str, str]) -> list[str]:
        frame = pd.DataFrame(rows, columns=list(columns)) if rows else pd.DataFrame(
            {c: pd.Series(dtype=t) for c, t in columns.items()})
        for col in ("EINDSECM", "GBADATUMEINDEADRESHOUDING", "EXAMENDATUMDIPLHO"):
            if col in frame:
                frame[col] = pd.to_datetime(frame[col]).dt.date
        for col in ("MBOLEERWEG", "HOVORM"):
            if col in frame:
                frame[col] = frame[col].astype("string")
        if "EXAMENMAAND" in frame:
            frame["EXAMENMAAND"] = frame["EXAMENMAAND"].astype("Int64")
        path = self.tmp / f"{name}.parquet"
        frame.to_parquet(path, index=False)
        return [path.as_posix()]

    def inputs(self) -> dict[str, list[str]]:
        def types(row: dict) -> dict[str, str]:
            return {c: "int64" if c == "year" else "object" for c in row}

        files = {
            "ONDERWIJSINSCHRTAB": self._write("enrol", self.rows["enrol"], types(enrolment("x", 0))),
            "DIPLOMAMBOTAB": self._write("mbo", self.rows["mbo"], types(mbo_diploma("x", 0, "2000-01-01"))),
            "DIPLOMAHOTAB": self._write("ho", self.rows["ho"], types(ho_diploma("x", 0, None))),
            # one job of somebody else: the file has its column types also when nobody here works
            "SPOLISBUS": self._write("spolis", self.rows["spolis"] + job("999999999", "9", "O", [(2015, 1)]),
                                     types(job("x", "1", "O", [(2015, 1)])[0])),
            "SECMBUS": self._write("secm", self.rows["secm"], types(secm("x", "11", "2000-01-01"))),
            "GBAADRESOBJECTBUS": self._write("address", self.rows["address"], types(address("x"))),
        }
        ref = pd.DataFrame({"OPLNR": [MBO_OPLNR, HBO_OPLNR, WO_OPLNR], "OPLNIVSOI2016AGG4": ["2111", "3111", "3113"],
                            "ONDERWIJSSOORT": ["MBO", "HBO", "WO"],
                            "SECTORMBO": ["Techniek", "Economie", "Zorg en welzijn"]})
        ref.to_parquet(self.tmp / "ref.parquet", index=False)
        files["OPLEIDINGSNRREF"] = [(self.tmp / "ref.parquet").as_posix()]
        # an enrolment file for every year, also when nobody is enrolled in it
        extra = pd.DataFrame([enrolment("999999999", y, kind="VO", pathway=None) for y in range(FIRST, LAST + 2)])
        for col in ("MBOLEERWEG", "HOVORM"):
            extra[col] = extra[col].astype("string")
        extra.to_parquet(self.tmp / "enrol_other.parquet", index=False)
        files["ONDERWIJSINSCHRTAB"].append((self.tmp / "enrol_other.parquet").as_posix())
        # and a diploma file for every study year
        pd.DataFrame([mbo_diploma("999999999", y, f"{y + 1}-06-01") for y in YEARS]).to_parquet(
            self.tmp / "mbo_other.parquet", index=False)
        files["DIPLOMAMBOTAB"].append((self.tmp / "mbo_other.parquet").as_posix())
        return files

    def connection(self) -> tuple[duckdb.DuckDBPyConnection, dict[str, list[str]]]:
        con = duckdb.connect()
        frame = pd.DataFrame([{"RINPERSOONS": "R", "RINPERSOON": p, "year": y, "in_frame": False,
                               "in_frame_students": True, "migration": self.migration[p]}
                              for p in self.persons for y in YEARS])
        con.register("frame_df", frame)
        con.execute("CREATE TEMP TABLE frame_t AS SELECT * FROM frame_df")
        return con, self.inputs()

    def outcomes(self) -> pd.DataFrame:
        con, files = self.connection()
        missing = graduates.make_graduates(con, files, "frame_t", YEARS, None)
        assert missing == []
        dynamics.build_panel(con, files, None, FIRST, LAST, persons="grad_persons", keep_presence=True)
        out = con.execute(graduates.graduate_outcomes_sql("grad_persons", "panel", "pm_presence", LAST)).df()
        con.close()
        return out.set_index("RINPERSOON")

    def cells(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        con, files = self.connection()
        missing = graduates.make_graduates(con, files, "frame_t", YEARS, None)
        dynamics.build_panel(con, files, None, FIRST, LAST, persons="grad_persons", keep_presence=True)
        out = graduates.bucket_graduate_cells(con, "frame_t", YEARS, None, missing_years=missing)
        con.close()
        return out


def test_months_from_the_diploma_month_to_the_first_month_with_a_job(tmp_path):
    w = World(tmp_path)
    w.add("000000001", mbo_graduate("000000001"), job("000000001", "1", "B", span((2016, 9), (2017, 12))))
    row = w.outcomes().loc["000000001"]
    assert row["diploma_mi"] == month_index(2016, 6)
    assert row["months_to_job"] == 3  # June -> September
    assert row["full_time"] and row["grad_type"] == "bol" and row["field"] == "techniek"
    assert row["first_wage"] == pytest.approx(WAGE)


def test_working_in_the_diploma_month_or_the_month_before_counts_as_zero(tmp_path):
    w = World(tmp_path)
    w.add("000000001", mbo_graduate("000000001"), job("000000001", "1", "B", span((2016, 3), (2017, 12))))
    w.add("000000002", mbo_graduate("000000002"), job("000000002", "2", "B", [(2016, 5)]))  # ends the month before
    w.add("000000003", mbo_graduate("000000003"), job("000000003", "3", "B", [(2016, 2)])
          + job("000000003", "4", "B", span((2016, 8), (2016, 12))))  # a job early in the study year only
    out = w.outcomes()
    assert out.loc["000000001", "months_to_job"] == 0
    assert out.loc["000000002", "months_to_job"] == 0
    assert out.loc["000000003", "months_to_job"] == 2


def test_a_graduate_who_emigrates_is_censored_not_counted_jobless(tmp_path):
    w = World(tmp_path)
    grad = {"enrol": [enrolment("000000001", 2015, kind="HBO", pathway=None, form="1", oplnr=HBO_OPLNR)],
            "ho": [ho_diploma("000000001", 2015, "2016-06-20")]}
    w.add("000000001", grad, addresses=[address("000000001", end="2016-10-15")], migration="western")
    row = w.outcomes().loc["000000001"]
    assert row["left_register"] and row["observed_months"] == 4  # July-October 2016 observed
    assert pd.isna(row["months_to_job"])
    cells, log = w.cells()
    share = cells.set_index("variant")
    # censored at emigration: in the population of the censoring share, unknown for the mean
    assert share.loc["censored_emigration", "sum_y"] == 1 and share.loc["censored_emigration", "n"] == 1
    assert "months" not in share.index
    assert share.loc["job_3m", "sum_y"] == 0  # three months observed without a job
    assert "job_6m" not in share.index  # not observed six months: unknown, not jobless
    logged = log.set_index("variant")
    assert logged.loc["months", "outcome_unknown"] == 1 and logged.loc["job_6m", "outcome_unknown"] == 1


def test_a_job_after_a_return_from_abroad_is_outside_the_follow_up(tmp_path):
    w = World(tmp_path)
    w.add("000000001", mbo_graduate("000000001"), job("000000001", "1", "O", span((2017, 6), (2017, 12))),
          addresses=[address("000000001", end="2016-08-31"), address("000000001", start="2017-05-01")])
    row = w.outcomes().loc["000000001"]
    assert row["observed_months"] == 2 and pd.isna(row["months_to_job"])


def test_bol_graduates_are_in_the_cohort_bbl_graduates_only_in_the_wage_figures(tmp_path):
    w = World(tmp_path)
    w.add("000000001", mbo_graduate("000000001"), job("000000001", "1", "B", span((2016, 7), (2017, 12)), wage=15.0))
    w.add("000000002", mbo_graduate("000000002", pathway="3"),
          job("000000002", "2", "B", span((2015, 1), (2017, 12)), wage=18.0))
    out = w.outcomes()
    assert out.loc["000000001", "grad_type"] == "bol" and out.loc["000000001", "full_time"]
    assert out.loc["000000002", "grad_type"] == "bbl" and not out.loc["000000002", "full_time"]
    cells, _ = w.cells()
    c = cells.set_index("variant")
    assert c.loc["months", "n"] == 1 and c.loc["months", "sum_y"] == 1
    assert c.loc["wage_bol", "sum_y"] == pytest.approx(15.0) and c.loc["wage_bbl", "sum_y"] == pytest.approx(18.0)
    assert c.loc["wage_bbl_techniek", "n"] == 1


def test_a_student_still_enrolled_on_1_october_of_the_next_year_is_not_a_graduate(tmp_path):
    w = World(tmp_path)
    w.add("000000001", {"enrol": [enrolment("000000001", 2015), enrolment("000000001", 2016, kind="HBO",
                                                                              pathway=None, form="1")],
                        "mbo": [mbo_diploma("000000001", 2015, "2016-06-15")]})
    w.add("000000002", mbo_graduate("000000002"))
    out = w.outcomes()
    assert "000000001" not in out.index and "000000002" in out.index


def test_part_time_students_and_diplomas_of_another_type_are_not_in_the_cohort(tmp_path):
    w = World(tmp_path)
    w.add("000000001", {"enrol": [enrolment("000000001", 2015, kind="HBO", pathway=None, form="2")],
                        "ho": [ho_diploma("000000001", 2015, "2016-06-20")]})
    w.add("000000002", {"enrol": [enrolment("000000002", 2015, pathway="2")],  # mbo bol part-time
                        "mbo": [mbo_diploma("000000002", 2015, "2016-06-15")]})
    w.add("000000003", {"enrol": [enrolment("000000003", 2015, kind="WO", pathway=None, form="1", oplnr=WO_OPLNR)],
                        "ho": [ho_diploma("000000003", 2015, "2016-06-20", oplnr=HBO_OPLNR)]})  # hbo diploma
    w.add("000000004", {"enrol": [enrolment("000000004", 2015, kind="WO", pathway=None, form="1", oplnr=WO_OPLNR)],
                        "ho": [ho_diploma("000000004", 2015, "2016-07-20", oplnr=WO_OPLNR)]})
    out = w.outcomes()
    assert list(out.index) == ["000000004"]
    assert out.loc["000000004", "grad_type"] == "wo" and out.loc["000000004", "field"] == "zorg_welzijn"


def test_the_exam_month_is_used_when_the_ho_exam_date_is_missing(tmp_path):
    w = World(tmp_path)
    w.add("000000001", {"enrol": [enrolment("000000001", 2015, kind="HBO", pathway=None, form="1", oplnr=HBO_OPLNR)],
                        "ho": [ho_diploma("000000001", 2015, None, month=2)]})  # February of the study year
    w.add("000000002", {"enrol": [enrolment("000000002", 2015, kind="HBO", pathway=None, form="1", oplnr=HBO_OPLNR)],
                        "ho": [ho_diploma("000000002", 2015, None, month=11)]})
    out = w.outcomes()
    assert out.loc["000000001", "diploma_mi"] == month_index(2016, 2)
    assert out.loc["000000002", "diploma_mi"] == month_index(2015, 11)


def test_time_to_a_permanent_contract_skips_self_employment(tmp_path):
    w = World(tmp_path)
    # temporary job, then self-employed, then a permanent job
    w.add("000000001", mbo_graduate("000000001"),
          job("000000001", "1", "B", span((2016, 7), (2016, 8)))
          + job("000000001", "2", "O", span((2017, 1), (2017, 12))),
          secm_rows=[secm("000000001", "11", "2010-01-01", "2016-08-31"),
                     secm("000000001", "13", "2016-09-01", "2016-12-31"), secm("000000001", "11", "2017-01-01")])
    w.add("000000002", mbo_graduate("000000002"), job("000000002", "3", "O", span((2017, 3), (2017, 12))),
          secm_rows=[secm("000000002", "13", "2016-07-01", "2017-02-28"), secm("000000002", "11", "2017-03-01")])
    out = w.outcomes()
    assert out.loc["000000001", "months_to_job"] == 1 and out.loc["000000001", "months_to_permanent"] == 7
    assert not out.loc["000000001", "first_work_self"]
    assert out.loc["000000002", "months_to_job"] == 1 and out.loc["000000002", "first_work_self"]
    cells, _ = w.cells()
    c = cells.set_index("variant")
    assert c.loc["permanent_months", "n"] == 1 and c.loc["permanent_months", "sum_y"] == 7  # self-employed left out
    assert c.loc["months", "n"] == 2


def test_the_follow_up_is_capped_at_36_months(tmp_path):
    w = World(tmp_path)
    w.add("000000001", mbo_graduate("000000001"))  # never works
    w.add("000000002", mbo_graduate("000000002"), job("000000002", "1", "O", span((2019, 8), (2019, 12))))  # month 38
    out = w.outcomes()
    assert out.loc["000000001", "observed_months"] == 36 and pd.isna(out.loc["000000001", "months_to_job"])
    assert pd.isna(out.loc["000000002", "months_to_job"])
    cells, _ = w.cells()
    c = cells.set_index("variant")
    assert c.loc["months", "n"] == 2 and c.loc["months", "sum_y"] == 72  # both capped at 36
    assert c.loc["job_36m", "sum_y"] == 0 and c.loc["job_36m", "n"] == 2
    assert c.loc["censored_end", "sum_y"] == 0 and c.loc["censored_emigration", "sum_y"] == 0


def test_a_recent_cohort_is_censored_at_the_end_of_the_data(tmp_path):
    w = World(tmp_path)
    w.add("000000001", mbo_graduate("000000001", year=2018, date="2019-06-10"))
    out = w.outcomes()
    row = out.loc["000000001"]
    assert row["year"] == 2018 and row["observed_months"] == 6 and not row["left_register"]
    cells, _ = w.cells()
    c = cells.set_index("variant")
    assert c.loc["censored_end", "sum_y"] == 1 and "months" not in c.index


def test_a_cohort_without_next_year_enrolments_is_logged_not_made(tmp_path):
    w = World(tmp_path)
    w.add("000000001", mbo_graduate("000000001"))
    con, files = w.connection()
    made, missing = graduates.cohort_years(con, files, [*YEARS, LAST + 1])
    con.close()
    assert made == YEARS and missing == [LAST + 1]


def test_graduates_share_the_dynamics_panel_without_joining_its_populations(tmp_path):
    w = World(tmp_path)
    w.add("000000001", mbo_graduate("000000001"), job("000000001", "1", "B", span((2016, 9), (2017, 12))))
    con, files = w.connection()
    graduates.make_graduates(con, files, "frame_t", YEARS, None)
    dyn = dynamics.bucket_dynamic_cells(con, files, "frame_t", YEARS, None, extra_persons="grad_persons",
                                        keep_panel=True)
    assert dyn.cells.empty or dyn.cells["n"].sum() == 0  # nobody in_frame: no dynamic figure
    assert con.execute("SELECT count(*) FROM panel").fetchone()[0] > 0
    cells, _ = graduates.bucket_graduate_cells(con, "frame_t", YEARS, None)
    assert cells.set_index("variant").loc["months", "sum_y"] == 3
    con.close()


def test_every_graduate_figure_is_a_registered_variant_and_the_wages_are_magnitudes():
    from kansenmonitor.indicators.registry import INDICATORS

    a25 = INDICATORS["A25"]
    variants = {v for v, *_ in graduates.measures()}
    assert variants == set(a25.variants)
    assert a25.magnitude_variants == {v for v in variants if v.startswith("wage_")}


def test_a_cohort_s_follow_up_is_complete_four_years_after_its_enrolment_year():
    assert graduates.follow_up_complete(2015, 2019)
    assert not graduates.follow_up_complete(2016, 2019)


def test_field_codes_map_the_sector_names_and_keep_unknown_apart():
    con = duckdb.connect()
    got = con.execute(f"SELECT {graduates.field_code_sql('s')} FROM (VALUES ('Techniek'), (' zorg en welzijn'), "
                      f"('Kunst'), (NULL)) t(s)").fetchall()
    con.close()
    assert [r[0] for r in got] == ["techniek", "zorg_welzijn", "other", "unk"]
