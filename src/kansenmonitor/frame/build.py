"""The population frame: one row per person-year with every breakdown code (report §2.1, §2.2).

:func:`build_frame` reads the staged Parquet sources of one person bucket with DuckDB SQL
(only the columns it needs, only the bucket asked for), then applies the small
classifications of this package:

========================  ==========================================  =======================
frame column(s)           definition                                   module
========================  ==========================================  =======================
resident_all_year         address spells cover 1 Jan - 31 Dec          :mod:`.resident` (§2.1)
age_years, age            age on 1 January; youth / adult              :mod:`.age` (§2.2)
generation, origin,       generation, origin group, migration          :mod:`.origin` (§2.2)
migration, origin_country background
residence, newcomer_6m    residence duration on 1 January              :mod:`.residence` (§2.2)
education                 highest attained level, latest file ≤ t      :mod:`.education` (§2.2)
municipality, region,     municipality with most days in t -> AMR      :mod:`.region` (§7.2.4)
region_randstad           -> Randstad
asylum                    first migration motive asylum                :mod:`.asylum` (§7.2.5)
student, pensioner        SECMBUS or enrolments + AOW age              :mod:`.exclusions` (§2.1, §7.1.3)
in_frame, excluded_reason first exclusion reason that applies          :mod:`.exclusions`
========================  ==========================================  =======================

Rows: every person in GBAPERSOONTAB with at least one registered address day in year *t*
(the BRP population of *t*). Excluded person-years stay in the frame with their
``excluded_reason`` (``in_frame`` false), so the number excluded per reason can be logged
(:func:`exclusion_counts`), and indicators that keep students (19-26, input indicators)
select with :func:`in_population` instead of ``in_frame``. ``age_out_of_range`` also
covers an unknown birth year (no age group can be given). Quality statistics (agreement with
GBAGENERATIE / GBAHERKOMSTGROEPERING, unmapped municipalities, unknown origins, inputs not
given) are in ``frame.attrs["quality"]``.

Inputs are a mapping source name -> Parquet path: a directory (all ``*.parquet`` below it)
or a glob, in the staging layout ``<SOURCE>/<filestem>/bucket=<b>/*.parquet`` (person
files), ``.../year=<y>/bucket=<b>/*.parquet`` (yearly person files) or ``data.parquet``
(reference files). Required: GBAPERSOONTAB, GBAADRESOBJECTBUS, GBAMIGRATIEBUS,
LANDAKTUEELREF, and SECMBUS or ONDERWIJSINSCHRTAB (by ``FrameConfig.exclusion_source``).
Optional: MIGMOTIEFBUS (else ``asylum`` null), HOOGSTEOPLTAB (else ``education`` null),
VSLGWBTAB (else the region columns null), GEMEENTEREGIO (else the packaged 2023 table).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

import duckdb
import numpy as np
import pandas as pd

from kansenmonitor.errors import ConfigError, InputError
from kansenmonitor.frame import age as age_mod
from kansenmonitor.frame import asylum as asylum_mod
from kansenmonitor.frame import education as edu_mod
from kansenmonitor.frame import exclusions as excl_mod
from kansenmonitor.frame import origin as origin_mod
from kansenmonitor.frame import region as region_mod
from kansenmonitor.frame import residence as res_mod
from kansenmonitor.frame import resident as resident_mod
from kansenmonitor.frame._arrays import codes
from kansenmonitor.frame.breakdowns import DIMENSIONS, RANDSTAD_AMR
from kansenmonitor.sources import spec

# Variable names, all from the catalog (sources/spec.py); a rename there fails here at import.
_P, _A, _M, _MM, _S = spec.GBAPERSOONTAB, spec.GBAADRESOBJECTBUS, spec.GBAMIGRATIEBUS, spec.MIGMOTIEFBUS, spec.SECMBUS
_H, _O, _V, _L = spec.HOOGSTEOPLTAB, spec.ONDERWIJSINSCHRTAB, spec.VSLGWBTAB, spec.LANDAKTUEELREF
KEYS = tuple(_P.variable(k).name for k in ("RINPERSOONS", "RINPERSOON"))
P_SEX = _P.variable("GBAGESLACHT").name
P_BIRTH = tuple(_P.variable(v).name for v in ("GBAGEBOORTEJAAR", "GBAGEBOORTEMAAND", "GBAGEBOORTEDAG"))
P_LAND = tuple(_P.variable(v).name for v in ("GBAGEBOORTELAND", "GBAGEBOORTELANDMOEDER", "GBAGEBOORTELANDVADER"))
P_LANDNL = _P.variable("GBAGEBOORTELANDNL").name
P_GENERATIE = _P.variable("GBAGENERATIE").name
P_HERKOMST = _P.variable("GBAHERKOMSTGROEPERING").name
A_START, A_END = _A.spell or ("", "")
A_OBJECT = (_A.variable("SOORTOBJECTNUMMER").name, _A.variable("RINOBJECTNUMMER").name)
M_DATE, M_KIND = _M.variable("AANVANGMIGRATIEDATUM").name, _M.variable("MIGRATIESOORT").name
MM_START, MM_MOTIVE = _MM.variable("AANVMIGMOTIEF").name, _MM.variable("MIGMOTIEF").name
S_START, S_END = _S.spell or ("", "")
S_SECM = _S.variable("SECM").name
S_FLAG_STUDENT = _S.variable("XKOPPELSCHOLSTUDSECM").name
S_FLAG_PENSION = _S.variable("XKOPPELPENSIOENSECM").name
O_TYPE = _O.variable("TYPEONDERWIJS").name
O_MBO = _O.variable("MBOLEERWEG").name
O_HO = _O.variable("HOVORM").name
V_OBJECT = tuple(_V.variable(v).name for v in ("SOORTOBJECTNUMMER", "RINOBJECTNUMMER"))
#: GBAGESLACHT codes (codelists.GBAGESLACHT) -> cube ``sex`` codes.
SEX_CODES: dict[str, str] = {"1": "M", "2": "F"}

BUCKET_COLUMN = "bucket"
YEAR_COLUMN = "year"


@dataclass(frozen=True)
class FrameConfig:
    """Choices of the population frame that are configuration, not code."""

    #: Where students and pensioners come from (:mod:`.exclusions`): "secm" (report §2.1) or
    #: "enrolment" (ONDERWIJSINSCHRTAB + AOW age, report §7.1.3).
    exclusion_source: excl_mod.ExclusionSource = "secm"
    #: With "secm": the SECM category (default) or the XKOPPEL flags.
    secm_basis: excl_mod.SecmBasis = "category"
    #: With "secm": months of student / pension status in year t needed to be flagged.
    secm_min_months: int = 1
    #: Labour-market regions counted as Randstad.
    randstad_amr: frozenset[str] = field(default_factory=lambda: RANDSTAD_AMR)
    #: With municipality_year "region_table": the regional classification every year is shown
    #: in (the region table of the closest year is used; the packaged table is 2023).
    region_year: int = region_mod.PACKAGED_REGION_YEAR
    #: "region_table": one classification for all years (``region_year``); "reference_year":
    #: each year in the classification of the region table closest to it. The VSLGWBTAB
    #: gem<YYYY> column is always the one closest to the region table's year.
    municipality_year: Literal["region_table", "reference_year"] = "region_table"
    #: Refuse years the student/pension source does not cover (SECMBUS up to its release).
    check_coverage: bool = True

    def __post_init__(self) -> None:
        allowed = {"exclusion_source": ("secm", "enrolment"), "secm_basis": ("category", "flags"),
                   "municipality_year": ("region_table", "reference_year")}
        for name, values in allowed.items():
            if getattr(self, name) not in values:
                raise ConfigError(f"FrameConfig.{name} must be one of {values}, not {getattr(self, name)!r}")
        if self.secm_min_months < 1 or self.secm_min_months > 12:
            raise ConfigError(f"FrameConfig.secm_min_months must be 1-12, not {self.secm_min_months}")


# ------------------------------------------------------------------ reading
#: An input: a folder, a file or a glob, or several of them (e.g. ``StagedSource.glob``).
InputPath = str | os.PathLike | list[str]


def _glob(path: str | os.PathLike) -> str:
    path = os.fspath(path)
    if os.path.isdir(path):
        return os.path.join(path, "**", "*.parquet")
    return path


def _relation(inputs: dict[str, InputPath], name: str) -> str:
    value = inputs[name]
    paths = value if isinstance(value, (list, tuple)) else [value]
    literal = ", ".join("'" + _glob(p).replace("'", "''") + "'" for p in paths)
    return f"read_parquet([{literal}], hive_partitioning = true, union_by_name = true)"


def _columns(con: duckdb.DuckDBPyConnection, inputs: dict[str, InputPath], name: str) -> dict[str, str]:
    """Upper-cased column name -> actual name of a staged source."""
    try:
        rows = con.sql(f"DESCRIBE SELECT * FROM {_relation(inputs, name)}").fetchall()
    except duckdb.Error as exc:
        raise InputError(name, None, f"cannot read staged Parquet at {inputs[name]}: {exc}") from None
    return {str(r[0]).upper(): str(r[0]) for r in rows}


def _require(cols: dict[str, str], name: str, variables: tuple[str, ...]) -> None:
    missing = [v for v in variables if v.upper() not in cols]
    if missing:
        raise InputError(name, missing[0], "variable missing from the staged file"
                         + (f" (also {', '.join(missing[1:])})" if len(missing) > 1 else ""))


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _bucket_filter(cols: dict[str, str], bucket: int | None, notes: list[str], name: str) -> str:
    if bucket is None:
        return "TRUE"
    if BUCKET_COLUMN.upper() not in cols:
        notes.append(f"{name}: no bucket partition; read whole file and joined on the bucket's persons")
        return "TRUE"
    return f"{_q(cols[BUCKET_COLUMN.upper()])} = {int(bucket)}"


def _date(year: int, month: int, day: int) -> str:
    return f"DATE '{year:04d}-{month:02d}-{day:02d}'"


@dataclass
class _Reader:
    con: duckdb.DuckDBPyConnection
    inputs: dict[str, InputPath]
    bucket: int | None
    persons_view: str
    notes: list[str]

    def has(self, name: str) -> bool:
        return name in self.inputs and bool(self.inputs[name])

    def person_rows(self, name: str, select: dict[str, str], where: str = "TRUE",
                    required: tuple[str, ...] = ()) -> pd.DataFrame:
        """Rows of a person-level source joined to the bucket's persons (column ``pid``).

        ``select`` maps output alias -> SQL expression over the source's columns.
        """
        cols = _columns(self.con, self.inputs, name)
        _require(cols, name, KEYS + required)
        sel = ", ".join(f"{expr} AS {_q(alias)}" for alias, expr in select.items())
        sql = (f"SELECT p.pid, {sel} FROM {_relation(self.inputs, name)} s "
               f"JOIN {self.persons_view} p ON s.{_q(KEYS[0])} = p.{_q(KEYS[0])} "
               f"AND s.{_q(KEYS[1])} = p.{_q(KEYS[1])} "
               f"WHERE {_bucket_filter(cols, self.bucket, self.notes, name)} AND ({where})")
        return self.con.sql(sql).df()


def _read_reference(con: duckdb.DuckDBPyConnection, inputs: dict[str, InputPath], name: str,
                    columns: tuple[str, ...]) -> pd.DataFrame:
    cols = _columns(con, inputs, name)
    _require(cols, name, columns)
    sel = ", ".join(f"{_q(cols[c.upper()])} AS {_q(c)}" for c in columns)
    return con.sql(f"SELECT {sel} FROM {_relation(inputs, name)}").df()


def _region_tables(con: duckdb.DuckDBPyConnection, inputs: dict[str, InputPath], reader: _Reader,
                   config: FrameConfig) -> dict[int, pd.DataFrame]:
    """Municipality -> labour-market region tables by classification year.

    GEMEENTEREGIO staged per year (``year=<y>``) gives one table per year; a single
    unpartitioned table counts as ``config.region_year``; without GEMEENTEREGIO the packaged
    2023 table is used.
    """
    if not reader.has("GEMEENTEREGIO"):
        return {region_mod.PACKAGED_REGION_YEAR: region_mod.load_region_table()}
    cols = _columns(con, inputs, "GEMEENTEREGIO")
    wanted = (region_mod.GEMEENTE_CODE, region_mod.AMR_CODE)
    _require(cols, "GEMEENTEREGIO", wanted)
    sel = ", ".join(f"{_q(cols[c.upper()])} AS {_q(c)}" for c in wanted)
    if YEAR_COLUMN.upper() in cols:
        sel += f", {_q(cols[YEAR_COLUMN.upper()])} AS table_year"
    df = con.sql(f"SELECT {sel} FROM {_relation(inputs, 'GEMEENTEREGIO')}").df()
    if "table_year" not in df:
        return {config.region_year: df}
    return {int(y): part.drop(columns="table_year") for y, part in df.groupby("table_year")}


def _closest(tables: dict[int, Any], year: int) -> int:
    """The key of ``tables`` closest to ``year`` (ties: the later)."""
    return min(tables, key=lambda y: (abs(y - year), -y))


# ------------------------------------------------------------------ building
def _categorical(values: np.ndarray, dimension: str, categories: list[str] | None = None) -> pd.Categorical:
    """Codes as a categorical over the cube code list; a code outside it is a bug, not data."""
    allowed = categories if categories is not None else list(DIMENSIONS[dimension].code_values)
    idx, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    unexpected = set(uniques) - set(allowed)
    if unexpected:
        raise AssertionError(f"{dimension}: codes outside the cube code list: {sorted(unexpected)}")
    position = np.append(pd.Index(allowed).get_indexer(pd.Index(uniques, dtype=object)), -1)
    return pd.Categorical.from_codes(position[np.where(idx < 0, len(uniques), idx)], categories=allowed)


def _validate_years(years: list[int]) -> list[int]:
    if not years:
        raise ConfigError("build_frame needs at least one reference year")
    out = sorted({int(y) for y in years})
    for t in out:
        try:
            age_mod.aow_age(t)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    return out


def build_frame(con: duckdb.DuckDBPyConnection, inputs: dict[str, InputPath], years: list[int],
                bucket: int | None, config: FrameConfig) -> pd.DataFrame:
    """The population frame of one person bucket (None: all persons) for ``years``.

    One row per person-year (module docstring); columns ``RINPERSOONS``, ``RINPERSOON``,
    ``year``, the breakdown codes ``migration``, ``generation``, ``origin``,
    ``residence``, ``age``, ``sex``, ``education``, ``region`` (AMnn),
    ``region_randstad``, ``asylum``; ``age_years``, ``birth_date``, ``origin_country``,
    ``municipality``, ``residence_days``; flags ``resident_all_year``, ``student``,
    ``pensioner``, ``newcomer_6m``, ``in_ebb_age_range``; ``in_frame`` and
    ``excluded_reason``.
    """
    years = _validate_years(years)
    required = ["GBAPERSOONTAB", "GBAADRESOBJECTBUS", "GBAMIGRATIEBUS", "LANDAKTUEELREF",
                "SECMBUS" if config.exclusion_source == "secm" else "ONDERWIJSINSCHRTAB"]
    for name in required:
        if not inputs.get(name):
            raise InputError(name, None, "source not among the frame inputs")
    notes: list[str] = []
    quality: dict[str, Any] = {"notes": notes}
    lo, hi = years[0], years[-1]

    # --- persons of the bucket (GBAPERSOONTAB)
    pcols = _columns(con, inputs, "GBAPERSOONTAB")
    _require(pcols, "GBAPERSOONTAB", KEYS + (P_SEX,) + P_BIRTH[:2] + P_LAND)
    optional = [c for c in (P_BIRTH[2], P_LANDNL, P_GENERATIE, P_HERKOMST) if c.upper() in pcols]
    sel = ", ".join(_q(pcols[c.upper()]) + " AS " + _q(c) for c in KEYS + (P_SEX,) + P_BIRTH[:2] + P_LAND
                    + tuple(optional))
    persons = con.sql(f"SELECT {sel} FROM {_relation(inputs, 'GBAPERSOONTAB')} "
                      f"WHERE {_bucket_filter(pcols, bucket, notes, 'GBAPERSOONTAB')} "
                      f"ORDER BY {_q(KEYS[0])}, {_q(KEYS[1])}").df()
    n_rows = len(persons)
    persons = persons.drop_duplicates(list(KEYS), keep="first").reset_index(drop=True)
    quality["persons"] = len(persons)
    quality["duplicate_person_rows"] = n_rows - len(persons)
    persons["pid"] = np.arange(len(persons), dtype=np.int64)
    view = f"_km_frame_persons_{uuid.uuid4().hex}"
    con.register(view, persons[list(KEYS) + ["pid"]])
    try:
        reader = _Reader(con, inputs, bucket, view, notes)
        frame = _assemble(con, reader, inputs, persons, years, lo, hi, config, quality)
    finally:
        con.unregister(view)
    frame.attrs["quality"] = quality
    return frame


def _assemble(con: duckdb.DuckDBPyConnection, reader: _Reader, inputs: dict[str, InputPath], persons: pd.DataFrame,
              years: list[int], lo: int, hi: int, config: FrameConfig, quality: dict[str, Any]) -> pd.DataFrame:
    notes: list[str] = quality["notes"]
    n = len(persons)

    # --- address spells touching the years, with the municipality of each address
    acols = _columns(con, inputs, "GBAADRESOBJECTBUS")
    _require(acols, "GBAADRESOBJECTBUS", (A_START, A_END) + A_OBJECT)
    gem_by_year: dict[int, str] = {}
    vjoin, vsel = "", ""
    if reader.has("VSLGWBTAB"):
        vcols = _columns(con, inputs, "VSLGWBTAB")
        _require(vcols, "VSLGWBTAB", V_OBJECT)
        actual = list(vcols.values())
        tables = _region_tables(con, inputs, reader, config)
        table_of_year = {t: _closest(tables, config.region_year if config.municipality_year == "region_table" else t)
                         for t in years}
        for t in years:  # municipality codes of the classification the region table uses
            gem_by_year[t] = region_mod.choose_gem_column(actual, table_of_year[t])
        quality["region_table_years"] = {str(t): y for t, y in table_of_year.items()}
        distinct = sorted(set(gem_by_year.values()))
        vsel = ", " + ", ".join(f"v.{_q(c)} AS {_q('gem:' + c)}" for c in distinct)
        vjoin = (f"LEFT JOIN (SELECT {_q(vcols[V_OBJECT[0].upper()])} AS so, {_q(vcols[V_OBJECT[1].upper()])} AS ro, "
                 + ", ".join(_q(c) for c in distinct) + f" FROM {_relation(inputs, 'VSLGWBTAB')}) v "
                 f"ON a.{_q(A_OBJECT[0])} = v.so AND a.{_q(A_OBJECT[1])} = v.ro")
        quality["municipality_columns"] = {str(t): c for t, c in gem_by_year.items()}
    else:
        notes.append("VSLGWBTAB not given: region columns are null")
    bfilter = _bucket_filter(acols, reader.bucket, notes, "GBAADRESOBJECTBUS")
    sql = (f"SELECT p.pid, a.{_q(A_START)} AS start, a.{_q(A_END)} AS stop{vsel} "
           f"FROM {_relation(inputs, 'GBAADRESOBJECTBUS')} a "
           f"LEFT JOIN {reader.persons_view} p "
           f"ON a.{_q(KEYS[0])} = p.{_q(KEYS[0])} AND a.{_q(KEYS[1])} = p.{_q(KEYS[1])} "
           f"{vjoin} WHERE {bfilter} AND (a.{_q(A_START)} IS NULL OR a.{_q(A_START)} <= {_date(hi, 12, 31)}) "
           f"AND (a.{_q(A_END)} IS NULL OR a.{_q(A_END)} >= {_date(lo, 1, 1)})")
    spells = con.sql(sql).df()
    quality["address_spells_without_person"] = int(spells["pid"].isna().sum())
    quality["address_spells_without_start"] = int(spells["start"].isna().sum())
    spells = spells[spells["pid"].notna()].astype({"pid": np.int64})

    base = resident_mod.resident_all_year(spells["pid"].to_numpy(), spells["start"], spells["stop"], years)
    pid = base["pid"] = base.pop("person").to_numpy(dtype=np.int64)
    year = base["year"].to_numpy(dtype=np.int64)
    m = len(base)

    # --- person characteristics (computed once per person, taken per person-year)
    birth = age_mod.birth_date(persons[P_BIRTH[0]], persons[P_BIRTH[1]],
                               persons[P_BIRTH[2]] if P_BIRTH[2] in persons else None)
    own, mother, father = (persons[c] for c in P_LAND)
    gen = origin_mod.generation(own, mother, father, persons[P_LANDNL] if P_LANDNL in persons else None)
    country = origin_mod.origin_country(gen, own, mother, father)
    land = _read_reference(con, inputs, "LANDAKTUEELREF",
                           tuple(_L.variable(v).name for v in ("LAND", "LANDTYPE", "WERELDDEEL")))
    group = origin_mod.origin_group(country, land)
    group[gen == "none"] = "NL"
    migration = origin_mod.migration_background(group)
    sex = pd.Series(codes(persons[P_SEX]), dtype=object).map(SEX_CODES).to_numpy(dtype=object, na_value=None)
    quality["unknown_generation"] = int(pd.isna(gen).sum())
    quality["unknown_origin_group"] = int((pd.notna(gen) & pd.isna(group)).sum())
    quality["unknown_origin_countries"] = sorted(set(pd.Series(country[pd.notna(country) & pd.isna(group)],
                                                               dtype=object).dropna()))[:50]
    quality["cbs_comparison"] = origin_mod.compare_with_cbs(
        gen, country, persons[P_GENERATIE] if P_GENERATIE in persons else None,
        persons[P_HERKOMST] if P_HERKOMST in persons else None)

    birth_py = birth[pid]
    gen_py = gen[pid]
    age_years = age_mod.age_on_1_january(birth_py, year)
    age_group = age_mod.age_group(birth_py, year)

    # --- residence duration (GBAMIGRATIEBUS)
    mig = reader.person_rows("GBAMIGRATIEBUS", {"d": _q(M_DATE), "kind": _q(M_KIND)},
                             required=(M_DATE, M_KIND))
    days = res_mod.days_in_netherlands(mig["pid"].to_numpy(), mig["d"], mig["kind"], years)
    days = days.rename(columns={"person": "pid"})
    joined = pd.DataFrame({"pid": pid, "year": year}).merge(days, on=["pid", "year"], how="left")
    residence_days = joined["days"].to_numpy(dtype=np.float64)
    settled = joined["settled_before_start"].fillna(False).to_numpy(dtype=bool)
    residence, newcomer_6m = res_mod.residence_class(gen_py, residence_days, settled, year)

    # --- education (HOOGSTEOPLTAB)
    if reader.has("HOOGSTEOPLTAB"):
        hcols = _columns(con, inputs, "HOOGSTEOPLTAB")
        if YEAR_COLUMN.upper() not in hcols:
            raise InputError("HOOGSTEOPLTAB", YEAR_COLUMN, "no year=<y> partition in the staged layout")
        has21 = edu_mod.SOI2021_HB.upper() in hcols
        sel = {"file_year": _q(hcols[YEAR_COLUMN.upper()]), "c16": _q(edu_mod.SOI2016_HB)}
        if has21:
            sel["c21"] = _q(edu_mod.SOI2021_HB)
        hrec = reader.person_rows("HOOGSTEOPLTAB", sel, where=f"{_q(hcols[YEAR_COLUMN.upper()])} <= {hi}",
                                  required=(edu_mod.SOI2016_HB,))
        soi = edu_mod.soi_code_of_file(hrec["c16"], hrec["c21"] if has21 else None, hrec["file_year"])
        records = pd.DataFrame({"person": hrec["pid"].to_numpy(), "year": hrec["file_year"].to_numpy(dtype=np.int64),
                                "level": edu_mod.education_level(soi)})
        education = edu_mod.latest_level(pd.DataFrame({"person": pid, "year": year}), records)
        quality["education_file_years"] = sorted(int(y) for y in pd.unique(records["year"]))
    else:
        education = np.full(m, None, dtype=object)
        notes.append("HOOGSTEOPLTAB not given: education is null")

    # --- region (address with most days -> municipality -> AMR -> Randstad)
    municipality = np.full(m, None, dtype=object)
    amr_codes: list[str] = []
    if gem_by_year:
        for col in sorted(set(gem_by_year.values())):
            ys = [t for t, c in gem_by_year.items() if c == col]
            main = region_mod.main_value_by_year(spells["pid"].to_numpy(), spells["start"], spells["stop"],
                                                 region_mod.gemeente_code(spells["gem:" + col]), ys)
            main = main.rename(columns={"person": "pid"})
            got = pd.DataFrame({"pid": pid, "year": year}).merge(main, on=["pid", "year"], how="left")
            take = np.isin(year, ys)
            municipality[take] = got["value"].to_numpy(dtype=object, na_value=None)[take]
        amr = np.full(m, None, dtype=object)
        for table_year in sorted(set(table_of_year.values())):
            take = np.isin(year, [t for t, y in table_of_year.items() if y == table_year])
            amr[take] = region_mod.amr_of_gemeente(municipality[take], tables[table_year])
            amr_codes = sorted(set(amr_codes) | (set(codes(tables[table_year][region_mod.AMR_CODE])) - {None}))
        randstad = region_mod.randstad(amr, config.randstad_amr)
        quality["person_years_without_municipality"] = int(pd.isna(municipality).sum())
        quality["person_years_municipality_not_in_region_table"] = int((pd.notna(municipality) & pd.isna(amr)).sum())
    else:
        amr = np.full(m, None, dtype=object)
        randstad = np.full(m, None, dtype=object)

    # --- asylum (MIGMOTIEFBUS)
    if reader.has("MIGMOTIEFBUS"):
        mot = reader.person_rows("MIGMOTIEFBUS", {"start": _q(MM_START), "motive": _q(MM_MOTIVE)},
                                 required=(MM_START, MM_MOTIVE))
        asylum = asylum_mod.asylum_status(np.arange(n), mot["pid"].to_numpy(), mot["start"], mot["motive"])[pid]
    else:
        asylum = np.full(m, None, dtype=object)
        notes.append("MIGMOTIEFBUS not given: asylum is null")

    # --- students and pensioners
    student, pensioner = _students_and_pensioners(con, reader, inputs, pid, year, birth_py, years, config, quality)

    resident = base["resident_all_year"].to_numpy(dtype=bool)
    reason = excl_mod.excluded_reason(resident, age_group, student, pensioner, newcomer_6m)
    keys = persons.loc[pid, list(KEYS)].reset_index(drop=True)
    frame = pd.DataFrame({
        KEYS[0]: keys[KEYS[0]], KEYS[1]: keys[KEYS[1]], "year": year,
        "migration": _categorical(migration[pid], "migration"),
        "generation": _categorical(gen_py, "generation"),
        "origin": _categorical(group[pid], "origin"),
        "residence": _categorical(residence, "residence"),
        "age": _categorical(age_group, "age"),
        "sex": _categorical(sex[pid], "sex"),
        "education": _categorical(education, "education"),
        "region": _categorical(amr, "region", amr_codes),
        "region_randstad": _categorical(randstad, "region", ["randstad", "non_randstad"]),
        "asylum": _categorical(asylum, "asylum"),
        "age_years": pd.array(age_years, dtype="Int64"),
        "birth_date": birth_py,
        "origin_country": pd.Series(country[pid], dtype=object),
        "municipality": pd.Series(municipality, dtype=object),
        "residence_days": pd.array(residence_days, dtype="Int64"),
        "resident_all_year": resident,
        "student": student,
        "pensioner": pensioner,
        "newcomer_6m": newcomer_6m,
        "in_ebb_age_range": age_mod.in_ebb_age_range(age_years),
        "in_frame": pd.isna(reason),
        "excluded_reason": pd.Categorical(reason, categories=list(excl_mod.EXCLUSION_REASONS)),
    })
    # persons are numbered in key order, so (pid, year) order is (RINPERSOONS, RINPERSOON, year) order
    order = np.lexsort((year, pid))
    return frame.take(order).reset_index(drop=True)


def _students_and_pensioners(con: duckdb.DuckDBPyConnection, reader: _Reader, inputs: dict[str, InputPath],
                             pid: np.ndarray, year: np.ndarray, birth: np.ndarray, years: list[int],
                             config: FrameConfig, quality: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = years[0], years[-1]
    py = pd.DataFrame({"pid": pid, "year": year})
    if config.exclusion_source == "secm":
        scols = _columns(con, inputs, "SECMBUS")
        _require(scols, "SECMBUS", (S_START, S_END, S_SECM))
        if config.check_coverage and not secm_covers(con, inputs, hi):
            raise InputError("SECMBUS", S_START, f"has no spell in December {hi} or later: students and "
                             f"pensioners of {hi} are unknown (report §7.1.3: use exclusion_source='enrolment' "
                             "for the more recent year)")
        select = {"start": _q(S_START), "stop": _q(S_END), "secm": _q(S_SECM)}
        if config.secm_basis == "flags":
            _require(scols, "SECMBUS", (S_FLAG_STUDENT, S_FLAG_PENSION))
            select |= {"fs": _q(S_FLAG_STUDENT), "fp": _q(S_FLAG_PENSION)}
            relevant = f"({_q(S_FLAG_STUDENT)} OR {_q(S_FLAG_PENSION)})"
        else:
            codes_sql = ", ".join(f"'{c}'" for c in sorted(excl_mod.STUDENT_SECM | excl_mod.PENSION_SECM))
            relevant = f"{_q(S_SECM)} IN ({codes_sql})"
        where = (f"{relevant} AND {_q(S_START)} <= {_date(hi, 12, 31)} "
                 f"AND ({_q(S_END)} IS NULL OR {_q(S_END)} >= {_date(lo, 1, 1)})")
        rows = reader.person_rows("SECMBUS", select, where=where)
        status = excl_mod.secm_status(rows["pid"].to_numpy(), rows["start"], rows["stop"], rows["secm"], years,
                                      basis=config.secm_basis, student_flag=rows.get("fs"),
                                      pension_flag=rows.get("fp"), min_months=config.secm_min_months)
        got = py.merge(status.rename(columns={"person": "pid"}), on=["pid", "year"], how="left")
        return (got["student"].fillna(False).to_numpy(dtype=bool), got["pensioner"].fillna(False).to_numpy(dtype=bool))

    ocols = _columns(con, inputs, "ONDERWIJSINSCHRTAB")
    if YEAR_COLUMN.upper() not in ocols:
        raise InputError("ONDERWIJSINSCHRTAB", YEAR_COLUMN, "no year=<y> partition in the staged layout")
    _require(ocols, "ONDERWIJSINSCHRTAB", (O_TYPE,))
    ycol = _q(ocols[YEAR_COLUMN.upper()])
    present = {int(r[0]) for r in con.sql(f"SELECT DISTINCT {ycol} FROM {_relation(inputs, 'ONDERWIJSINSCHRTAB')}")
               .fetchall() if r[0] is not None}
    quality["enrolment_file_years"] = sorted(present)
    missing = [t for t in years if t not in present]
    if config.check_coverage and missing:
        raise InputError("ONDERWIJSINSCHRTAB", YEAR_COLUMN, f"no enrolments of 1 October {missing[0]}; students of "
                         f"year {missing[0]} are unknown")
    if lo - 1 not in present:
        quality["notes"].append(f"ONDERWIJSINSCHRTAB {lo - 1} absent: students of {lo} from 1 October {lo} only")
    select = {"file_year": ycol, "kind": _q(O_TYPE)}
    if O_MBO.upper() in ocols:
        select["mbo"] = _q(O_MBO)
    if O_HO.upper() in ocols:
        select["ho"] = _q(O_HO)
    rows = reader.person_rows("ONDERWIJSINSCHRTAB", select, where=f"{ycol} BETWEEN {lo - 1} AND {hi}")
    full_time = excl_mod.full_time_enrolment(rows["kind"], rows.get("mbo"), rows.get("ho"))
    status = excl_mod.enrolment_student(rows["pid"].to_numpy(), rows["file_year"], full_time, years)
    got = py.merge(status.rename(columns={"person": "pid"}), on=["pid", "year"], how="left")
    student = got["student"].fillna(False).to_numpy(dtype=bool)
    pensioner = age_mod.reaches_aow_age_in_or_before(birth, year)
    return student, pensioner


def secm_covers(con: duckdb.DuckDBPyConnection, inputs: dict[str, InputPath], year: int) -> bool:
    """True if SECMBUS (the whole file, all buckets) has a spell starting or ending in December ``year`` or later.

    A monthly file that knows December of ``year`` covers the year. Two ``LIMIT 1`` probes
    with one date predicate each, so Parquet row-group statistics keep them cheap.
    """
    limit = _date(year, 12, 1)
    for column in (S_START, S_END):
        rows = con.sql(f"SELECT 1 FROM {_relation(inputs, 'SECMBUS')} WHERE {_q(column)} >= {limit} LIMIT 1").fetchall()
        if rows:
            return True
    return False


#: Frame column whose truth (or, for ``age``, absence) means each exclusion reason applies.
_REASON_CONDITIONS: dict[str, str] = {"not_resident_all_year": "resident_all_year", "age_out_of_range": "age",
                                      "student": "student", "pensioner": "pensioner", "newcomer_6m": "newcomer_6m"}


def in_population(frame: pd.DataFrame, keep: tuple[str, ...] = ()) -> np.ndarray:
    """Person-years in the population when the exclusion reasons in ``keep`` do not apply.

    ``in_population(frame)`` equals ``frame["in_frame"]``; indicators 19-26 and the input
    indicators, which keep pupils and students (report §2.1), use ``keep=("student",)``.
    ``excluded_reason`` holds only the first reason, so this looks at every flag.
    """
    unknown = set(keep) - set(_REASON_CONDITIONS)
    if unknown:
        raise ValueError(f"unknown exclusion reason(s) {sorted(unknown)}")
    mask = np.ones(len(frame), dtype=bool)
    for reason, column in _REASON_CONDITIONS.items():
        if reason in keep:
            continue
        if reason == "not_resident_all_year":
            mask &= frame[column].to_numpy(dtype=bool)
        elif reason == "age_out_of_range":
            mask &= frame[column].notna().to_numpy()
        else:
            mask &= ~frame[column].to_numpy(dtype=bool)
    return mask


def exclusion_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Persons per year and exclusion reason (``in_frame`` for those kept), for the run log."""
    reason = frame["excluded_reason"].astype(object).where(frame["excluded_reason"].notna(), "in_frame")
    counts = frame.assign(reason=reason).groupby(["year", "reason"], observed=True).size()
    return counts.rename("persons").reset_index()
