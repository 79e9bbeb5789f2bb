"""Indicators 1-3 (report §4.1): unemployment and participation from the labour force survey.

Source: EBBnw (``cbs-sources.md`` §8), one row per interview; a person is interviewed in
up to five quarterly waves and every interview counts with its annual weight
``EBBGEWJAARGEWICHTA`` (the report's "persons in several waves counted with their wave
weights"). Population: interviews at ages 15-74 (``EBBAFLLFT``); the survey itself leaves
out the institutional population (indicators.md §1). Labour status ``EBBAFLBBINT``:
``1`` employed (paid work of at least one hour a week), ``2`` unemployed (no paid work,
searched recently and available), ``3`` not in the labour force.

* A01 unemployment = weighted unemployed / weighted labour force (codes 1 and 2);
* A02 gross participation = weighted labour force / weighted population 15-74;
* A03 net participation = weighted employed / weighted population 15-74.

Breakdowns use the survey's own characteristics, because an interview cannot always be
linked to the registers (report §4.1): origin group and migration background from the
country of origin ``EBBAFLHERKOMSTGBA`` (the frame's classification,
:func:`kansenmonitor.frame.origin.origin_group`), generation from ``EBBAFLGENERATIE``
(absent from newer EBBnw versions: then the linked frame's generation, and ``none`` for
an origin in the Netherlands), age group from the age at the interview (youth 15-26,
adult 27-74), sex ``EBBHHBGESLACHT``, education ``OPLNIVSOI2016AGG1HB``. Residence
duration, region and asylum status are not in the survey: EBB figures are given for
their total only. :data:`SURVEY_DIMENSIONS` lists what the survey breaks down by.

**Uncertainty (design-based).** The estimator is a ratio ``R = Σ w·y / Σ w``. Its
variance is the Taylor linearisation with the person as primary sampling unit (with
replacement), so that the waves of one person, which are correlated, enter as one
cluster: ``v(R) = m/(m − 1) · Σ_i (u_i − R·v_i)² / W²`` with ``u_i = Σ_k w_k y_k`` and
``v_i = Σ_k w_k`` over person *i*'s interviews in the cell. In the cell-statistics table
this is exact because the second-order sums are taken per person:
``sum_w2 = Σ v_i²``, ``sum_w2y = Σ v_i u_i``, ``sum_w2y2 = Σ u_i²``
(:mod:`kansenmonitor.indicators.cells`). ``n`` counts interviews (the unweighted
observations of the 15,000 / 10 rule). A person whose age group changes between waves
forms one cluster per cell, and the survey's strata and post-stratification are not
modelled; without them the variance is slightly conservative (post-stratification
lowers it), and no household clustering is available in the synthetic survey.

Interviews that cannot count are never dropped silently: a missing or non-positive
weight, an age outside 15-74 (not in the population, counted for information) and an
unknown labour status are counted per year in the population log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from kansenmonitor.frame.age import ADULT_MIN_AGE, EBB_MAX_AGE, EBB_MIN_AGE
from kansenmonitor.frame.breakdowns import ORIGIN_MIGRATION
from kansenmonitor.frame.origin import origin_group
from kansenmonitor.indicators.cells import fetch_df

Inputs = dict[str, list[str]]

#: Sources indicators 1-3 read (besides LANDAKTUEELREF for the origin groups).
SOURCES: tuple[str, ...] = ("EBBNW",)

#: Breakdown dimensions the survey's own characteristics give (module docstring).
SURVEY_DIMENSIONS: tuple[str, ...] = ("migration", "generation", "origin", "age", "sex", "education")

EMPLOYED = "1"
UNEMPLOYED = "2"
NOT_IN_LABOUR_FORCE = "3"
STATUS_CODES = (EMPLOYED, UNEMPLOYED, NOT_IN_LABOUR_FORCE)

#: EBBAFLGENERATIE -> the frame's generation codes (3 and 9 are unknown).
EBB_GENERATION: dict[str, str] = {"7": "none", "1": "1", "2": "2"}
#: EBBHHBGESLACHT -> sex codes.
EBB_SEX: dict[str, str] = {"1": "M", "2": "F"}
#: OPLNIVSOI2016AGG1HB -> education codes (9 is unknown).
EBB_EDUCATION: dict[str, str] = {"1": "low", "2": "mid", "3": "high"}


@dataclass(frozen=True)
class SurveyMeasure:
    """One survey indicator: population and outcome as SQL over the interview's ``status``."""

    indicator: str
    population: str
    y: str


MEASURES: tuple[SurveyMeasure, ...] = (
    SurveyMeasure("A01", f"status IN ('{EMPLOYED}', '{UNEMPLOYED}')", f"status = '{UNEMPLOYED}'"),
    SurveyMeasure("A02", "true", f"status IN ('{EMPLOYED}', '{UNEMPLOYED}')"),
    SurveyMeasure("A03", "true", f"status = '{EMPLOYED}'"),
)

_COLUMNS = {  # output name -> (EBB variable, required)
    "weight": ("EBBGEWJAARGEWICHTA", True),
    "age_years": ("EBBAFLLFT", True),
    "status": ("EBBAFLBBINT", True),
    "sex_code": ("EBBHHBGESLACHT", False),
    "country": ("EBBAFLHERKOMSTGBA", False),
    "generation_code": ("EBBAFLGENERATIE", False),
    "education_code": ("OPLNIVSOI2016AGG1HB", False),
}


def _globs(inputs: Inputs, name: str) -> str:
    return ", ".join(f"'{g}'" for g in inputs[name])


def read_interviews(con: duckdb.DuckDBPyConnection, inputs: Inputs, years: Sequence[int],
                    bucket: int | None) -> pd.DataFrame:
    """The staged EBBnw interviews of ``years`` (and ``bucket``), with the variables of
    :data:`_COLUMNS` under their output names (null where a file lacks an optional one)."""
    relation = (f"read_parquet([{_globs(inputs, 'EBBNW')}], hive_partitioning = true, union_by_name = true)")
    present = {str(r[0]).upper(): str(r[0]) for r in con.sql(f"DESCRIBE SELECT * FROM {relation}").fetchall()}
    select = ["RINPERSOONS", "RINPERSOON", "year"]
    for out, (var, required) in _COLUMNS.items():
        if var in present:
            select.append(f'"{present[var]}" AS {out}')
        elif required:
            raise KeyError(f"EBBNW has no variable {var}")
        else:
            select.append(f"NULL::VARCHAR AS {out}")
    where = [f"year IN ({', '.join(str(int(y)) for y in years)})"]
    if bucket is not None:
        where.append(f"bucket = {int(bucket)}")
    return con.sql(f"SELECT {', '.join(select)} FROM {relation} WHERE {' AND '.join(where)}").df()


def classify(interviews: pd.DataFrame, land_ref: pd.DataFrame, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Breakdown codes of every interview from the survey's own characteristics (module
    docstring); ``frame`` (person-years with ``generation``) fills the generation where the
    survey has none. Every interview gets a code in every survey dimension (``unk`` when
    unknown), so none falls out of a total."""
    out = interviews.copy()
    n = len(out)
    country = out["country"].astype(object).where(out["country"].notna(), None)
    origin = origin_group(country.to_numpy(dtype=object), land_ref) if n else np.array([], dtype=object)
    out["origin"] = pd.Series(origin, index=out.index, dtype=object).fillna("unk")
    out["migration"] = out["origin"].map(ORIGIN_MIGRATION).fillna("unk")
    generation = out["generation_code"].astype(object).map(EBB_GENERATION)
    if frame is not None and not frame.empty and generation.isna().any():
        linked = frame[["RINPERSOONS", "RINPERSOON", "year", "generation"]].drop_duplicates(
            ["RINPERSOONS", "RINPERSOON", "year"])
        merged = out[["RINPERSOONS", "RINPERSOON", "year"]].merge(linked, how="left",
                                                                    on=["RINPERSOONS", "RINPERSOON", "year"])
        generation = generation.where(generation.notna(), pd.Series(merged["generation"].to_numpy(dtype=object),
                                                                   index=out.index))
    generation = generation.where(generation.notna() | (out["migration"] != "none"), "none")
    out["generation"] = generation.fillna("unk").astype(object)
    age = pd.to_numeric(out["age_years"], errors="coerce")
    out["age"] = np.where(age >= ADULT_MIN_AGE, "adult", "youth")
    out["sex"] = out["sex_code"].astype(object).map(EBB_SEX).fillna("unk")
    out["education"] = out["education_code"].astype(object).map(EBB_EDUCATION).fillna("unk")
    return out


def exclusions(interviews: pd.DataFrame) -> pd.DataFrame:
    """Per year: interviews read, outside 15-74, without a usable weight, with an unknown
    labour status, and counted (the rest)."""
    age = pd.to_numeric(interviews["age_years"], errors="coerce")
    weight = pd.to_numeric(interviews["weight"], errors="coerce")
    in_age = (age >= EBB_MIN_AGE) & (age <= EBB_MAX_AGE)
    bad_weight = in_age & ~(weight > 0)
    bad_status = in_age & (weight > 0) & ~interviews["status"].isin(STATUS_CODES)
    counted = in_age & (weight > 0) & interviews["status"].isin(STATUS_CODES)
    table = pd.DataFrame({"year": interviews["year"].astype("int64"), "read": 1, "age_outside_15_74": ~in_age,
                          "weight_missing": bad_weight, "status_unknown": bad_status, "counted": counted})
    return table.groupby("year").sum().reset_index() if len(table) else table


def usable(interviews: pd.DataFrame) -> pd.Series:
    """Interviews in the population of indicators 1-3 with a usable weight and status."""
    age = pd.to_numeric(interviews["age_years"], errors="coerce")
    weight = pd.to_numeric(interviews["weight"], errors="coerce")
    return ((age >= EBB_MIN_AGE) & (age <= EBB_MAX_AGE) & (weight > 0)
            & interviews["status"].isin(STATUS_CODES)).fillna(False)


def survey_cells_sql(source: str, measure: SurveyMeasure, by: Sequence[str]) -> str:
    """Cell statistics of one survey indicator with person clusters (module docstring).

    ``source`` holds one row per interview with ``RINPERSOONS, RINPERSOON, year, weight,
    status`` and the columns ``by``."""
    keys = ", ".join(["year", *by])
    y = f"({measure.y})::DOUBLE"
    return (
        f"WITH iv AS (SELECT RINPERSOONS, RINPERSOON, {keys}, weight::DOUBLE AS w, {y} AS y "
        f"FROM {source} WHERE {measure.population}), "
        f"cl AS (SELECT {keys}, count(*) AS n, fsum(w) AS v, fsum(w * y) AS u, fsum(w * y * y) AS uy, "
        f"count(*) FILTER (WHERE y <> 0) AS n_y, max(abs(w * y)) AS max_y "
        f"FROM iv GROUP BY RINPERSOONS, RINPERSOON, {keys}) "
        f"SELECT '{measure.indicator}' AS indicator, '' AS variant, {keys}, 'share' AS kind, "
        f"sum(n)::BIGINT AS n, fsum(v) AS w, fsum(u) AS sum_y, fsum(uy) AS sum_y2, fsum(v * v) AS sum_w2, "
        f"fsum(v * u) AS sum_w2y, fsum(u * u) AS sum_w2y2, sum(n_y)::BIGINT AS n_y, fsum(abs(u)) AS sum_abs_y, "
        f"max(max_y) AS max_y FROM cl GROUP BY {keys}"
    )


def bucket_survey_cells(con: duckdb.DuckDBPyConnection, inputs: Inputs, years: Sequence[int], bucket: int | None,
                        land_ref: pd.DataFrame, frame: pd.DataFrame | None = None
                        ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Cell statistics of indicators 1-3 for one person bucket, the interview log
    (:func:`exclusions`) and the population log (interviews in each indicator's population
    per year, as the register indicators log theirs). Buckets split persons, so a person's
    waves stay in one bucket and the per-person sums stay exact when buckets are merged."""
    interviews = read_interviews(con, inputs, years, bucket)
    log = exclusions(interviews)
    if bucket is not None and not log.empty:
        log = log.assign(bucket=bucket)
    kept = classify(interviews[usable(interviews)], land_ref, frame)
    columns = ["RINPERSOONS", "RINPERSOON", "year", "weight", "status", *SURVEY_DIMENSIONS]
    con.register("ebb_df", kept[columns])
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE ebb_iv AS SELECT * FROM ebb_df")
    finally:
        con.unregister("ebb_df")
    cells = [fetch_df(con, survey_cells_sql("ebb_iv", m, SURVEY_DIMENSIONS)) for m in MEASURES]
    population = [{"indicator": m.indicator, "variant": "", "year": int(year), "bucket": bucket,
                   "population": int(n), "outcome_unknown": 0}
                  for m in MEASURES
                  for year, n in con.execute(f"SELECT year, count(*) FROM ebb_iv WHERE {m.population} "
                                             "GROUP BY year").fetchall()]
    con.execute("DROP TABLE ebb_iv")
    return pd.concat(cells, ignore_index=True), log, pd.DataFrame(population)
