"""Indicators 19-24 and 26 and early school leaving (report §5.1): measures as data, and one
person bucket's cells.

**Year convention.** A CBS education file of year *t* describes the study year starting in
*t* (``synth/files/onderwijs.py``): ONDERWIJSINSCHRTAB *t* holds the enrolments on
1 October *t*, EXAMVOTAB *t* the exam candidates of study year *t*/*t*+1 (exams in June
*t*+1), VSVTAB *t* the pupils enrolled on 1 October *t* with their position on 1 October
*t*+1, SBBKANS *t* the prospects of the study choice of *t*, SVO *t* the survey of *t*. A
figure's year is the **calendar year of the event it describes**:

* #19, #20: exam candidates of the exams in June *T* (EXAMVOTAB of study year *T*-1),
  their status on 1 October *T* (ONDERWIJSINSCHRTAB *T*: "the next 1 October");
* #21, #22: first-year main enrolments on 1 October *T* (ONDERWIJSINSCHRTAB *T*; SBBKANS *T*);
* #23, #24, #26: SVO *T*;
* E01, E02: pupils of study year *T*-1 whose position is measured on 1 October *T*
  (VSVTAB *T*-1).

A person's breakdowns are those of frame year *T*; the population is the frame *with*
pupils and students (``frame_t.in_frame_students``, report §2.1): resident all year *T*,
aged 15 to the state-pension age on 1 January *T*. Persons in a file but not in that
population (most early school leavers younger than 15, newcomers, persons who moved
abroad during *T*) are counted in the population log (``outside_frame``), never silently
left out. The runner stages EXAMVOTAB and VSVTAB of the year before the first year too
(:data:`PREVIOUS_YEAR_SOURCES`).

**Figures that cannot be made are not made, never shown as zero.** When a year's input
file is not in the run (EXAMVOTAB *T*-1, ONDERWIJSINSCHRTAB *T* for #20, SBBKANS *T* for
#22, ...), the figure has no cells and the population log holds its population with every
outcome unknown (``outcome_unknown`` = ``population``).

Definitions (report §5.1, shared/spec/indicators.md #19-#26, and the report's advice on
early school leaving):

* **A19** school type of the exam candidates: vmbo theoretical/mixed (gemengde and
  theoretische leerweg), vmbo other (basis- and kaderberoepsgerichte leerweg), havo, vwo.
  A person with several exams in a year counts once, with the highest school type.
* **A20** status on 1 October *T* of the exam candidates of June *T* (main enrolment,
  HOOFDINSCHR 01/11): wo, hbo, mbo, secondary education at a higher level than the exam
  (vmbo -> havo/vwo, havo -> vwo; vavo counts as secondary education), secondary
  education at the same or a lower level (``vo_other``: mostly repeating the exam year;
  the report does not name this group, it is shown so the shares add up to one), no
  education (no main enrolment). With several main enrolments the highest type counts.
* **A21** field of study (:func:`programme_table_sql`: OPLNR -> OPLEIDINGSNRREF.SECTORMBO
  classified into :data:`FIELDS`) of first-year main enrolments in mbo, hbo and wo:
  the distribution over fields (``<field>``), the distribution over fields within each
  level (``<field>_<level>``, levels :data:`LEVELS`), and for mbo within bol and within
  bbl separately (``<field>_bol``, ``<field>_bbl``). First-year: EERSTEJAARS = 1; when
  the file has no EERSTEJAARS, no main enrolment of the same type on 1 October *T*-1
  (when that file is in the run; otherwise unknown).
* **A22** SBB chance of work (KANSWERK 1 none to little - 4 good) of the programme of the
  first-year bol/bbl enrolments (MBOLEERWEG 1/2 bol, 3 bbl) of 1 October *T*, linked by
  OPLNR to SBBKANS *T*: share per class (``k1``-``k4``) and the mean class, all and for bol
  and bbl separately. An enrolment whose programme has no SBB row is counted as outcome
  unknown.
* **A23**, **A24**, **A26** from the mbo school-leavers survey SVO *T*, weighted with
  SVOGEWICHT (survey cells; the output gate applies its survey rules): A23 share with
  problems finding an internship (SVOVRGStageProbleem 1 yes / 2 no); A24 number of
  applications for an internship (SVOVRGAantalSollicitatiesStage): exactly 1, >= 2,
  >= 4, >= 7, >= 11 (cumulative), among respondents reporting a number (0 included);
  A26 match of the current job with the mbo programme (SVOVRGAansluitwerk 1 poor -
  4 good), share per class among respondents who answered (the question changed in 2019:
  flag ``break_svo_2019``). A respondent without a positive weight counts as outcome
  unknown.
* **E01** share of early school leavers (VSVSTATUS 1: left without a start qualification)
  among the VSVTAB population, all and for vo and mbo pupils separately; **E02** the
  distribution of the main reason (VSVREDEN) among the early school leavers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import duckdb
import pandas as pd

from kansenmonitor.indicators.cells import GROUP_COLUMNS, CellIds, fetch_df, person_cells_sql
from kansenmonitor.indicators.foundation import FRAME_CELLS, IN_FRAME_STUDENTS, relation
from kansenmonitor.sources import spec

Inputs = dict[str, list[str]]
Table = Literal["exam", "enrol", "svo", "vsv"]

#: Sources the education indicators read (besides the frame's).
SOURCES: tuple[str, ...] = ("EXAMVOTAB", "ONDERWIJSINSCHRTAB", "OPLEIDINGSNRREF", "SBBKANS", "SVO", "VSVTAB")
#: Sources whose file of study year T-1 gives the figures of year T: the runner stages
#: the year before the first year too.
PREVIOUS_YEAR_SOURCES: tuple[str, ...] = ("EXAMVOTAB", "VSVTAB")

_E, _O, _R, _S, _V, _K = (spec.EXAMVOTAB, spec.ONDERWIJSINSCHRTAB, spec.OPLEIDINGSNRREF, spec.SVO, spec.VSVTAB,
                          spec.SBBKANS)


def _var(source: spec.SourceSpec, name: str) -> str:
    return f'"{source.variable(name).name}"'


#: HOOFDINSCHR codes of a main enrolment (cbs-sources §10).
MAIN_ENROLMENT: tuple[str, ...] = ("01", "11")
#: EXAMVOSCHOOLSOORT -> school type of A19.
EXAM_SCHOOL_TYPE: dict[str, str] = {"VMBOTL": "vmbo_t", "VMBOGL": "vmbo_t", "VMBOBB": "vmbo_other",
                                    "VMBOKB": "vmbo_other", "HAVO": "havo", "VWO": "vwo"}
#: Rank of secondary school types (A20 "higher level"): vmbo < havo < vwo.
SCHOOL_TYPE_RANK: dict[str, int] = {"vmbo_other": 1, "vmbo_t": 1, "havo": 2, "vwo": 3}
#: SOI level of a secondary programme (OPLEIDINGSNRREF) -> the same ranks; havo/vwo
#: onderbouw counts as havo.
SECONDARY_SOI_RANK: dict[str, int] = {"1211": 1, "1212": 1, "1221": 1, "1222": 2, "2131": 2, "2132": 3}
#: A20 follow-up categories, highest first (with several main enrolments the first counts).
FOLLOW_UP: tuple[str, ...] = ("wo", "hbo", "mbo", "vo_higher", "vo_other", "none")
#: Levels of A21: mbo 1-4 from the programme's SOI level, hbo (incl. associate degree), wo.
LEVELS: tuple[str, ...] = ("mbo1", "mbo2", "mbo3", "mbo4", "hbo", "wo")
_MBO_SOI_LEVEL = {"1213": "mbo1", "2111": "mbo2", "2112": "mbo3", "2121": "mbo4"}
#: MBOLEERWEG -> bol / bbl (4 extraneus: neither).
LEERWEG: dict[str, str] = {"1": "bol", "2": "bol", "3": "bbl"}

#: Fields of study (A21): code -> (Dutch label, English label, SECTORMBO labels that map to
#: it, compared lower-case without surrounding spaces). mbo sectors and the CROHO fields of
#: higher education; a label that is not recognised is ``other`` (its count is visible as
#: that variant), a missing one makes the field unknown.
FIELDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "techniek": ("Techniek", "Engineering and technology",
                 ("techniek", "techniek en gebouwde omgeving", "techniek en procesindustrie", "bouw")),
    "zorg_welzijn": ("Zorg en welzijn, gezondheidszorg", "Health care and welfare",
                     ("zorg en welzijn", "gezondheidszorg", "zorg", "zorg, welzijn en sport")),
    "economie": ("Economie", "Economics and business", ("economie", "economie en administratie", "handel")),
    "landbouw": ("Landbouw en natuurlijke omgeving", "Agriculture and environment",
                 ("landbouw", "landbouw en natuurlijke omgeving", "groen")),
    "onderwijs": ("Onderwijs", "Education", ("onderwijs",)),
    "gedrag_maatschappij": ("Gedrag en maatschappij", "Behaviour and society", ("gedrag en maatschappij",)),
    "recht": ("Recht", "Law", ("recht",)),
    "taal_cultuur": ("Taal en cultuur", "Language and culture", ("taal en cultuur",)),
    "natuur": ("Natuur", "Natural sciences", ("natuur",)),
    "sectoroverstijgend": ("Sectoroverstijgend", "Interdisciplinary", ("sectoroverstijgend",)),
    "other": ("Overig of niet herkend", "Other or not recognised", ()),
}
#: VSVREDEN -> E02 variant (the report's reasons: school, health, personal, labour market, other).
VSV_REASONS: dict[str, str] = {"1": "labour_market", "2": "health", "3": "personal", "4": "school", "5": "other",
                               "9": "unknown"}
#: SVOVRGAansluitwerk -> A26 variant.
SVO_MATCH: dict[str, str] = {"1": "poor", "2": "moderate", "3": "sufficient", "4": "good"}
#: A24 classes: variant -> (lowest, highest or None) number of applications.
APPLICATION_CLASSES: dict[str, tuple[int, int | None]] = {"1": (1, 1), "ge2": (2, None), "ge4": (4, None),
                                                          "ge7": (7, None), "ge11": (11, None)}


def field_code(label: str | None) -> str | None:
    """The field (:data:`FIELDS` code) of a SECTORMBO label; None when the label is missing."""
    if label is None or not str(label).strip():
        return None
    key = str(label).strip().lower()
    return next((code for code, (_, _, labels) in FIELDS.items() if key in labels), "other")


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _field_sql(column: str) -> str:
    whens = " ".join(f"WHEN {_sql_str(label)} THEN '{code}'" for code, (_, _, labels) in FIELDS.items()
                     for label in labels)
    return (f"CASE WHEN nullif(trim(CAST({column} AS VARCHAR)), '') IS NULL THEN NULL "
            f"ELSE CASE lower(trim(CAST({column} AS VARCHAR))) {whens} ELSE 'other' END END")


def _case(column: str, mapping: dict[str, str | int], default: str = "NULL") -> str:
    whens = " ".join(f"WHEN {_sql_str(k)} THEN {v if isinstance(v, int) else _sql_str(v)}"
                     for k, v in mapping.items())
    return f"CASE {column} {whens} ELSE {default} END"


def programme_table_sql(ref: str) -> str:
    """One row per programme number of OPLEIDINGSNRREF (relation ``ref``): ``OPLNR``, ``field``
    (:data:`FIELDS` code; null when SECTORMBO is missing), ``level`` (:data:`LEVELS`; null
    outside mbo/hbo/wo or when the mbo level is unknown), ``type`` (ONDERWIJSSOORT upper
    case) and ``secondary_rank`` (:data:`SECONDARY_SOI_RANK`, secondary programmes only)."""
    soi, soort = _var(_R, "OPLNIVSOI2016AGG4"), _var(_R, "ONDERWIJSSOORT")
    level = (f"CASE upper({soort}) WHEN 'MBO' THEN {_case(soi, _MBO_SOI_LEVEL)} "
             f"WHEN 'HBO' THEN 'hbo' WHEN 'WO' THEN 'wo' END")
    return (f"SELECT {_var(_R, 'OPLNR')} AS OPLNR, {_field_sql(_var(_R, 'SECTORMBO'))} AS field, {level} AS level, "
            f"upper({soort}) AS type, {_case(soi, SECONDARY_SOI_RANK)} AS secondary_rank FROM {ref}")


# ---------------------------------------------------------------- measures as data

@dataclass(frozen=True)
class EducationMeasure:
    """One figure of an education indicator: the person table it is computed from, its
    population and outcome as SQL over that table's columns (module docstring)."""

    indicator: str
    variant: str
    kind: Literal["share", "mean"]
    table: Table
    population: str
    y: str


def _exam_measures() -> list[EducationMeasure]:
    out = [EducationMeasure("A19", v, "share", "exam", "true",
                            f"CASE WHEN school_type IS NOT NULL THEN (school_type = '{v}')::DOUBLE END")
           for v in ("vmbo_t", "vmbo_other", "havo", "vwo")]
    out += [EducationMeasure("A20", v, "share", "exam", "true",
                             f"CASE WHEN follow_up IS NOT NULL THEN (follow_up = '{v}')::DOUBLE END")
            for v in FOLLOW_UP]
    return out


def _enrol_measures() -> list[EducationMeasure]:
    first = "first_year IS NOT FALSE AND type IN ('MBO', 'HBO', 'WO')"

    def field_is(f: str) -> str:  # known for first-years with a known field
        return f"CASE WHEN first_year AND field IS NOT NULL THEN (field = '{f}')::DOUBLE END"

    out = []
    for f in FIELDS:
        out.append(EducationMeasure("A21", f, "share", "enrol", first, field_is(f)))
        out += [EducationMeasure("A21", f"{f}_{lv}", "share", "enrol", f"{first} AND level = '{lv}'", field_is(f))
                for lv in LEVELS]
        out += [EducationMeasure("A21", f"{f}_{lw}", "share", "enrol", f"{first} AND type = 'MBO' AND leerweg = '{lw}'",
                                 field_is(f)) for lw in ("bol", "bbl")]
    sbb = "first_year IS NOT FALSE AND type = 'MBO' AND leerweg IN ('bol', 'bbl')"
    for prefix, cond in (("", sbb), ("bol_", f"{sbb} AND leerweg = 'bol'"), ("bbl_", f"{sbb} AND leerweg = 'bbl'")):
        known = "CASE WHEN first_year AND kans IS NOT NULL THEN {} END"
        out += [EducationMeasure("A22", f"{prefix}k{k}", "share", "enrol", cond, known.format(f"(kans = {k})::DOUBLE"))
                for k in (1, 2, 3, 4)]
        out.append(EducationMeasure("A22", f"{prefix}mean", "mean", "enrol", cond, known.format("kans::DOUBLE")))
    return out


def _survey_measures() -> list[EducationMeasure]:
    answered = "CASE WHEN w > 0 AND {known} THEN ({value})::DOUBLE END"
    out = [EducationMeasure("A23", "", "share", "svo", "true",
                            answered.format(known="stage_problem IN ('1', '2')", value="stage_problem = '1'"))]
    for v, (lo, hi) in APPLICATION_CLASSES.items():
        cond = f"applications >= {lo}" + (f" AND applications <= {hi}" if hi is not None else "")
        out.append(EducationMeasure("A24", v, "share", "svo", "true",
                                    answered.format(known="applications >= 0", value=cond)))
    out += [EducationMeasure("A26", v, "share", "svo", "true",
                             answered.format(known=f"match IN ({', '.join(_sql_str(c) for c in SVO_MATCH)})",
                                             value=f"match = '{c}'"))
            for c, v in SVO_MATCH.items()]
    return out


def _vsv_measures() -> list[EducationMeasure]:
    status = "CASE WHEN status IN ('1', '2', '3') THEN (status = '1')::DOUBLE END"
    out = [EducationMeasure("E01", "", "share", "vsv", "true", status),
           EducationMeasure("E01", "vo", "share", "vsv", "school = 'VO'", status),
           EducationMeasure("E01", "mbo", "share", "vsv", "school = 'MBO'", status)]
    out += [EducationMeasure("E02", v, "share", "vsv", "status = '1'",
                             f"CASE WHEN reason IS NOT NULL THEN (reason = '{v}')::DOUBLE END")
            for v in VSV_REASONS.values()]
    return out


MEASURES: tuple[EducationMeasure, ...] = (*_exam_measures(), *_enrol_measures(), *_survey_measures(),
                                          *_vsv_measures())
#: The source files each person table needs for a figure of year T: (source, year offset).
TABLE_INPUTS: dict[str, tuple[tuple[str, int], ...]] = {
    "exam": (("EXAMVOTAB", -1),),
    "enrol": (("ONDERWIJSINSCHRTAB", 0), ("OPLEIDINGSNRREF", 0)),
    "svo": (("SVO", 0),),
    "vsv": (("VSVTAB", -1),),
}
#: Inputs that only some measures of a table need: (indicator) -> (source, year offset).
FOLLOW_UP_INPUTS: dict[str, tuple[str, int]] = {"A20": ("ONDERWIJSINSCHRTAB", 0), "A22": ("SBBKANS", 0)}


# ---------------------------------------------------------------- person tables

def staged_years(con: duckdb.DuckDBPyConnection, inputs: Inputs, name: str) -> set[int]:
    """The years of a staged source in the run: empty when the source is not in it, {-1}
    for a reference file without years (it serves every year)."""
    if name not in inputs:
        return set()
    rel = relation(inputs, name, None)
    if "YEAR" not in _present(con, rel):
        return {-1}
    return {int(r[0]) for r in con.sql(f"SELECT DISTINCT year FROM {rel}").fetchall() if r[0] is not None}


def _has(available: dict[str, set[int]], name: str, year: int) -> bool:
    """Whether the run has ``name`` for ``year`` (a reference file serves every year)."""
    years = available.get(name, set())
    return -1 in years or year in years


def _present(con: duckdb.DuckDBPyConnection, rel: str) -> set[str]:
    """Column names of a relation, upper case."""
    return {str(r[0]).upper() for r in con.sql(f"DESCRIBE SELECT * FROM {rel}").fetchall()}


def _optional(present: set[str], source: spec.SourceSpec, name: str) -> str:
    """An optional variable of ``source``, or NULL when the staged file lacks it."""
    v = source.variable(name).name
    return f'"{v}"' if v.upper() in present else "NULL"


def _main_enrolment(alias: str = "") -> str:
    return (f"{alias}{_var(_O, 'HOOFDINSCHR')} IN ({', '.join(_sql_str(c) for c in MAIN_ENROLMENT)})")


def exam_sql(exams: str, enrolments: str | None, programmes: str) -> str:
    """A19/A20 person rows: one per exam candidate of ``exams`` (EXAMVOTAB of study year
    T-1) with ``school_type`` (the highest when several exams) and ``follow_up`` on
    1 October T from the main enrolments in ``enrolments`` (ONDERWIJSINSCHRTAB T; None
    when it is not in the run: follow-up unknown)."""
    kind = _case(f"upper(trim(CAST({_var(_E, 'EXAMVOSCHOOLSOORT')} AS VARCHAR)))", EXAM_SCHOOL_TYPE)
    candidates = (f"SELECT RINPERSOONS, RINPERSOON, arg_max(school_type, coalesce({_case('school_type', SCHOOL_TYPE_RANK)}"
                  f", 0) * 2 + coalesce((school_type = 'vmbo_t')::INTEGER, 0)) AS school_type "
                  f"FROM (SELECT RINPERSOONS, RINPERSOON, {kind} AS school_type FROM {exams}) GROUP BY ALL")
    if enrolments is None:
        return f"SELECT *, NULL::VARCHAR AS follow_up FROM ({candidates})"
    typ = f"upper(trim(CAST(i.{_var(_O, 'TYPEONDERWIJS')} AS VARCHAR)))"
    exam_rank = _case("c.school_type", SCHOOL_TYPE_RANK)
    # one category per main enrolment (numbered in FOLLOW_UP order; 99 = type or level
    # unknown); a person's lowest number counts
    category = (f"CASE WHEN {typ} = 'WO' THEN 1 WHEN {typ} = 'HBO' THEN 2 WHEN {typ} = 'MBO' THEN 3 "
                f"WHEN {typ} IN ('VO', 'VAVO') AND p.secondary_rank IS NOT NULL AND {exam_rank} IS NOT NULL "
                f"THEN CASE WHEN p.secondary_rank > {exam_rank} THEN 4 ELSE 5 END ELSE 99 END")
    names = " ".join(f"WHEN {i + 1} THEN '{v}'" for i, v in enumerate(FOLLOW_UP[:5]))
    return f"""
    WITH c AS ({candidates}),
    e AS (
        SELECT c.RINPERSOONS, c.RINPERSOON, min({category}) AS category
        FROM c JOIN {enrolments} i ON i.RINPERSOONS = c.RINPERSOONS AND i.RINPERSOON = c.RINPERSOON
        LEFT JOIN ({programmes}) p ON p.OPLNR = i.{_var(_O, 'OPLNR')}
        WHERE {_main_enrolment('i.')}
        GROUP BY ALL
    )
    SELECT c.*, CASE WHEN e.category IS NULL THEN 'none' ELSE CASE e.category {names} END END AS follow_up
    FROM c LEFT JOIN e ON e.RINPERSOONS = c.RINPERSOONS AND e.RINPERSOON = c.RINPERSOON
    """


def enrolment_sql(enrolments: str, present: set[str], previous: str | None, programmes: str,
                  sbb: str | None) -> str:
    """A21/A22 person rows: one per person with a main enrolment in mbo, hbo or wo on
    1 October T (``enrolments``, whose columns are ``present``; with several, the highest
    type, then the lowest OPLNR): ``type``, ``field``, ``level``, ``leerweg`` (bol / bbl /
    null), ``first_year`` (EERSTEJAARS; without it: no main enrolment of the same type in
    ``previous`` = ONDERWIJSINSCHRTAB T-1; null when neither is known) and ``kans`` (SBB
    KANSWERK 1-4 of the programme in ``sbb`` = SBBKANS T; null when the programme has no
    SBB row or SBBKANS T is not in the run)."""
    typ = f"upper(trim(CAST({_var(_O, 'TYPEONDERWIJS')} AS VARCHAR)))"
    flag = _optional(present, _O, "EERSTEJAARS")
    if flag != "NULL":
        first = f"CASE lower(trim(CAST({flag} AS VARCHAR))) WHEN '1' THEN true WHEN 'true' THEN true " \
                f"WHEN '0' THEN false WHEN 'false' THEN false END"
    elif previous is not None:
        first = (f"NOT EXISTS (SELECT 1 FROM {previous} q WHERE q.RINPERSOONS = i.RINPERSOONS "
                 f"AND q.RINPERSOON = i.RINPERSOON AND {_main_enrolment('q.')} "
                 f"AND upper(trim(CAST(q.{_var(_O, 'TYPEONDERWIJS')} AS VARCHAR))) = {typ.replace('CAST(', 'CAST(i.')})")
    else:
        first = "NULL::BOOLEAN"
    leerweg = _case(f"trim(CAST({_optional(present, _O, 'MBOLEERWEG')} AS VARCHAR))", LEERWEG)
    kans, sbb_join = "NULL::INTEGER", ""
    if sbb is not None:
        kans = "s.kans"
        sbb_join = (f"LEFT JOIN (SELECT {_var(_K, 'OPLNR')} AS OPLNR, min(TRY_CAST({_var(_K, 'KANSWERK')} AS INTEGER)) "
                    f"AS kans FROM {sbb} GROUP BY ALL) s ON s.OPLNR = r.OPLNR")
    return f"""
    WITH r AS (
        SELECT RINPERSOONS, RINPERSOON, {_var(_O, 'OPLNR')} AS OPLNR, {typ} AS type,
               CASE WHEN {typ} = 'MBO' THEN {leerweg} END AS leerweg, {first} AS first_year
        FROM {enrolments} i
        WHERE {_main_enrolment()} AND {typ} IN ('MBO', 'HBO', 'WO')
        QUALIFY row_number() OVER (PARTITION BY RINPERSOONS, RINPERSOON
                                   ORDER BY CASE {typ} WHEN 'WO' THEN 1 WHEN 'HBO' THEN 2 ELSE 3 END, OPLNR) = 1
    )
    SELECT r.RINPERSOONS, r.RINPERSOON, r.type, r.leerweg, r.first_year, p.field,
           CASE WHEN p.type = r.type THEN p.level END AS level,
           CASE WHEN {kans} BETWEEN 1 AND 4 THEN {kans} END AS kans
    FROM r LEFT JOIN ({programmes}) p ON p.OPLNR = r.OPLNR {sbb_join}
    """


def svo_sql(svo: str, present: set[str]) -> str:
    """A23/A24/A26 person rows: one per respondent of SVO T (``svo``, whose columns are
    ``present``) with the weight ``w``."""
    return (f"SELECT RINPERSOONS, RINPERSOON, any_value(TRY_CAST({_var(_S, 'SVOGEWICHT')} AS DOUBLE)) AS w, "
            f"any_value(trim(CAST({_var(_S, 'SVOVRGStageProbleem')} AS VARCHAR))) AS stage_problem, "
            f"any_value(TRY_CAST({_var(_S, 'SVOVRGAantalSollicitatiesStage')} AS BIGINT)) AS applications, "
            f"any_value(trim(CAST({_optional(present, _S, 'SVOVRGAansluitwerk')} AS VARCHAR))) AS match FROM {svo} GROUP BY ALL")


def vsv_sql(vsv: str, present: set[str]) -> str:
    """E01/E02 person rows: one per pupil of VSVTAB T-1 (``vsv``) with ``status``,
    ``school`` (VSVONDERWIJSSOORT) and ``reason`` (:data:`VSV_REASONS` variant)."""
    reason = _case(f"trim(CAST({_optional(present, _V, 'VSVREDEN')} AS VARCHAR))", VSV_REASONS)
    return (f"SELECT RINPERSOONS, RINPERSOON, any_value(trim(CAST({_var(_V, 'VSVSTATUS')} AS VARCHAR))) AS status, "
            f"any_value(upper(trim(CAST({_var(_V, 'VSVONDERWIJSSOORT')} AS VARCHAR)))) AS school, any_value({reason}) AS reason "
            f"FROM {vsv} GROUP BY ALL")


def person_table_sql(con: duckdb.DuckDBPyConnection, inputs: Inputs, table: Table, year: int, bucket: int | None,
                     available: dict[str, set[int]]) -> tuple[str | None, list[str]]:
    """The person rows of ``table`` for figure year ``year`` (module docstring), or None when
    its main input is not in the run; and the inputs of the figure that are missing."""
    missing = [f"{name} {year + offset}" for name, offset in TABLE_INPUTS[table]
               if not _has(available, name, year + offset)]
    if missing:
        return None, missing
    programmes = programme_table_sql(relation(inputs, "OPLEIDINGSNRREF", None)) \
        if _has(available, "OPLEIDINGSNRREF", year) else \
        f"SELECT NULL::VARCHAR AS OPLNR, {', '.join(f'NULL::{t} AS {c}' for c, t in _PROGRAMME_COLUMNS)} WHERE false"
    if table == "exam":
        follow = _has(available, "ONDERWIJSINSCHRTAB", year)
        if not follow:
            missing.append(f"ONDERWIJSINSCHRTAB {year}")
        if not _has(available, "OPLEIDINGSNRREF", year):
            missing.append("OPLEIDINGSNRREF")
        enrol = relation(inputs, "ONDERWIJSINSCHRTAB", bucket, year) if follow else None
        return exam_sql(relation(inputs, "EXAMVOTAB", bucket, year - 1), enrol, programmes), missing
    if table == "enrol":
        rel = relation(inputs, "ONDERWIJSINSCHRTAB", bucket, year)
        previous = relation(inputs, "ONDERWIJSINSCHRTAB", bucket, year - 1) \
            if _has(available, "ONDERWIJSINSCHRTAB", year - 1) else None
        sbb = relation(inputs, "SBBKANS", None, year) if _has(available, "SBBKANS", year) else None
        if sbb is None:
            missing.append(f"SBBKANS {year}")
        return enrolment_sql(rel, _present(con, rel), previous, programmes, sbb), missing
    if table == "svo":
        rel = relation(inputs, "SVO", bucket, year)
        return svo_sql(rel, _present(con, rel)), missing
    rel = relation(inputs, "VSVTAB", bucket, year - 1)
    return vsv_sql(rel, _present(con, rel)), missing


_PROGRAMME_COLUMNS = (("field", "VARCHAR"), ("level", "VARCHAR"), ("type", "VARCHAR"), ("secondary_rank", "INTEGER"))


# ---------------------------------------------------------------- cells of a bucket

def _log_row(m: EducationMeasure, year: int, bucket: int | None, population: int, unknown: int, outside: int,
             missing: Sequence[str]) -> dict:
    return {"indicator": m.indicator, "variant": m.variant, "year": year, "bucket": bucket,
            "population": population, "outcome_unknown": unknown, "outside_frame": outside,
            "missing_input": "; ".join(missing)}


def _needed_missing(m: EducationMeasure, missing: list[str], year: int) -> list[str]:
    """The missing inputs that matter for measure ``m`` (A20 needs ONDERWIJSINSCHRTAB T,
    A22 SBBKANS T; the other measures only their table's inputs)."""
    follow = FOLLOW_UP_INPUTS.get(m.indicator)
    own = {f"{name} {year + offset}" for name, offset in TABLE_INPUTS[m.table]}
    return [x for x in missing if x in own or (follow is not None and x == f"{follow[0]} {year + follow[1]}")
            or (x == "OPLEIDINGSNRREF" and m.indicator in ("A20", "A21"))]


def bucket_education_cells(con: duckdb.DuckDBPyConnection, inputs: Inputs, years: Sequence[int],
                           bucket: int | None, frame_table: str = "frame_t",
                           cells_table: str = FRAME_CELLS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cells of indicators 19-24, 26, E01 and E02 for one person bucket, and the population
    log: per (indicator, variant, year) the persons in the population, those of them whose
    outcome is unknown, the persons of the source file outside the frame
    (``outside_frame``) and the inputs that were missing (``missing_input``).

    ``frame_table`` is the bucket's frame (``foundation.load_frame_table``: the column
    ``cell`` numbers the finest cells of ``cells_table``; ``in_frame_students`` is the
    population)."""
    frame_columns = {r[0] for r in con.execute(f"DESCRIBE {frame_table}").fetchall()}
    by = [c for c in GROUP_COLUMNS if c != "sector" and c in frame_columns]
    ids = CellIds(cells_table, tuple(by))
    available = {name: staged_years(con, inputs, name) for name in SOURCES}
    cells, logs = [], []
    for year in years:
        for table in TABLE_INPUTS:
            measures = [m for m in MEASURES if m.table == table]
            rows, missing = person_table_sql(con, inputs, table, year, bucket, available)
            if rows is None:
                logs += [_log_row(m, year, bucket, 0, 0, 0, missing) for m in measures]
                continue
            con.execute(f"CREATE OR REPLACE TEMP TABLE edu_src AS {rows}")
            con.execute(f"CREATE OR REPLACE TEMP TABLE edu_py AS SELECT {int(year)} AS year, f.cell, "
                        f"s.* EXCLUDE (RINPERSOONS, RINPERSOON) FROM edu_src s JOIN {frame_table} f "
                        f"ON f.RINPERSOONS = s.RINPERSOONS AND f.RINPERSOON = s.RINPERSOON "
                        f"AND f.year = {int(year)} AND f.{IN_FRAME_STUDENTS}")
            outside = con.execute("SELECT (SELECT count(*) FROM edu_src) - (SELECT count(*) FROM edu_py)").fetchall()[0][0]
            weight = "w" if table == "svo" else None
            for kind in dict.fromkeys(m.kind for m in measures):
                stacked = " UNION ALL ".join(
                    f"SELECT '{m.indicator}' AS indicator, '{m.variant}' AS variant, year, cell, "
                    f"{'w, ' if weight else ''}CASE WHEN {m.population} THEN {m.y} END AS y FROM edu_py"
                    for m in measures if m.kind == kind)
                cells.append(fetch_df(con, person_cells_sql(f"({stacked})", y="y", kind=kind, by=by, weight=weight,
                                                            cells=ids)))
            counts = con.execute("SELECT " + ", ".join(
                f"count(*) FILTER (WHERE {m.population}), "
                f"count(*) FILTER (WHERE ({m.population}) AND ({m.y}) IS NULL)" for m in measures)
                + " FROM edu_py").fetchall()[0]
            logs += [_log_row(m, year, bucket, counts[2 * i], counts[2 * i + 1], outside,
                              _needed_missing(m, missing, year)) for i, m in enumerate(measures)]
    for t in ("edu_src", "edu_py"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    cells = [c for c in cells if not c.empty]
    return (pd.concat(cells, ignore_index=True) if cells else pd.DataFrame()), pd.DataFrame(logs)
