"""The results cube: its columns, types and codes as data, and its files.

Every stage writes, and every product reads, one tidy table (``shared/spec/cube.md``):
one row per figure, identified by :data:`KEY_COLUMNS` (indicator, variant, year, the ten
breakdown dimensions, statistic, adjusted, method). A dimension that is not broken down
carries the total code ``T``.

This module owns the *schema* (names, Arrow types, allowed codes) and the two file
formats; the Dutch and English *labels* of the breakdown codes live in
``kansenmonitor.frame.breakdowns``.

Files (written by :func:`write_cube`, read by :func:`read_cube`):

* ``cube.parquet`` — Arrow types of :data:`CUBE_SCHEMA`, rows in key order.
* ``cube.csv`` — the same rows and columns: UTF-8 without byte-order mark, comma
  separated, ``\\n`` line ends, one header row with the column names; decimal point
  ``.``, no thousands separator; floats in the shortest positional notation that reads
  back to the identical double (e.g. ``0.1``, ``0.00001``, ``35000``); integers as
  digits; booleans ``true``/``false``; a null number is an empty field; strings are
  never null (an empty field in a text column is the empty string), quoted only when
  they contain a comma, quote or line break.

Besides the cube, the output gate keeps an *evidence sheet* per figure (unweighted and
weighted counts, numerator count, largest contribution); its measure columns are
declared here (:data:`EVIDENCE_MEASURES`) because the indicator stage produces them and
the disclosure stage consumes them (methods-anchors §4.5).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

# --- codes (cube.md "Columns") -------------------------------------------------------

TOTAL = "T"
"""Code of a dimension that is not broken down."""

DIMENSIONS: tuple[str, ...] = (
    "migration", "generation", "origin", "residence", "age", "sex", "education",
    "region", "asylum", "sector",
)
"""Breakdown dimensions, in cube column order."""

DIMENSION_CODES: dict[str, frozenset[str] | re.Pattern[str]] = {
    # "unk" (unknown) and residence "na" (no migration background) extend cube.md so that
    # every person sits in a finest cell (docs/cube-codes.md)
    "migration": frozenset({"T", "none", "western", "nonwestern", "unk"}),
    "generation": frozenset({"T", "none", "1", "2", "unk"}),
    "origin": frozenset({"T", "NL", "TR", "MA", "SR", "AN", "AF", "IQ", "IR", "SO", "SY", "ER",
                         "AFO", "NWO", "DE", "PL", "ID", "WO", "unk"}),
    "residence": frozenset({"T", "new", "old", "na", "unk"}),
    "age": frozenset({"T", "youth", "adult"}),
    "sex": frozenset({"T", "M", "F", "unk"}),
    "education": frozenset({"T", "low", "mid", "high", "unk"}),
    # the labour-market regions (CBS codes AMnn; 35 regions in 2023, numbered up to AM38),
    # and Randstad / not Randstad
    "region": re.compile(r"T|AM[0-9]{2}|randstad|non_randstad|unk"),
    "asylum": frozenset({"T", "yes", "no"}),
    # sector classes are set by the indicators that use them (A27, A28, A40)
    "sector": re.compile(r"[A-Za-z0-9_]{1,32}"),
}
"""Allowed codes per dimension: a set, or a pattern the whole code must match."""

STATISTICS: frozenset[str] = frozenset(
    {"share", "mean", "median", "p25", "p75", "count", "gap", "ratio"})
"""Allowed values of ``statistic``; ``share`` is a proportion in [0, 1], never per cent."""

REASONS: frozenset[str] = frozenset(
    {"min_n", "dominance", "secondary", "ebb_reliability", "no_data"})
"""Why the output gate withheld a figure (``reason``; empty when published)."""

INDICATOR_PATTERN = re.compile(r"A(0[1-9]|[1-3][0-9]|40)|I1[a-h]|I2[a-c]|E0[12]")
"""Indicator ids: appendix A ``A01``..``A40``, input indicators ``I1a``..``I1h`` (``I1g``, ``I1h``: NUG)
and ``I2a``..``I2c``, and early school leaving ``E01``, ``E02`` (prefix documented in
``indicators/registry.py``).
A later issue that adds ids with a new prefix extends this pattern."""

VARIANT_PATTERN = re.compile(r"[a-z0-9_]{0,32}")
METHOD_PATTERN = re.compile(r"[a-z0-9_]{0,32}")
FLAGS_PATTERN = re.compile(r"([a-z0-9_]+(;[a-z0-9_]+)*)?")

# --- columns -------------------------------------------------------------------------

CUBE_SCHEMA = pa.schema(
    [pa.field("indicator", pa.string(), nullable=False),
     pa.field("variant", pa.string(), nullable=False),
     pa.field("year", pa.int64(), nullable=False)]
    + [pa.field(d, pa.string(), nullable=False) for d in DIMENSIONS]
    + [pa.field("statistic", pa.string(), nullable=False),
       pa.field("value", pa.float64()),
       pa.field("se", pa.float64()),
       pa.field("ci_low", pa.float64()),
       pa.field("ci_high", pa.float64()),
       pa.field("n", pa.int64()),
       pa.field("n_weighted", pa.float64()),
       pa.field("adjusted", pa.bool_(), nullable=False),
       pa.field("method", pa.string(), nullable=False),
       pa.field("suppressed", pa.bool_(), nullable=False),
       pa.field("reason", pa.string(), nullable=False),
       pa.field("flags", pa.string(), nullable=False)]
)
"""Arrow schema of ``cube.parquet`` (cube.md). Non-nullable fields never hold nulls."""

CUBE_COLUMNS: tuple[str, ...] = tuple(CUBE_SCHEMA.names)

KEY_COLUMNS: tuple[str, ...] = (
    ("indicator", "variant", "year") + DIMENSIONS + ("statistic", "adjusted", "method"))
"""Columns that identify one figure; unique in a valid cube."""

FAMILY_COLUMNS: tuple[str, ...] = ("indicator", "variant", "year", "statistic", "adjusted", "method")
"""Columns shared by the figures of one table (everything in the key but the dimensions)."""

FIGURE_COLUMNS: tuple[str, ...] = ("value", "se", "ci_low", "ci_high", "n", "n_weighted")
"""Columns withheld (null) in a suppressed row."""

EVIDENCE_MEASURES: dict[str, pa.DataType] = {
    "n": pa.int64(),            # unweighted persons behind the figure
    "n_weighted": pa.float64(),  # weighted count
    "n_y": pa.int64(),          # unweighted persons with a non-zero outcome (share numerator)
    "sum_abs_y": pa.float64(),  # sum of absolute weighted contributions |w*y|
    "max_y": pa.float64(),      # largest single absolute weighted contribution
    "max_share": pa.float64(),  # max_y / sum_abs_y (0 when sum_abs_y is 0)
}
"""Evidence of one figure for the output gate (methods-anchors §4.5: "an evidence sheet
per output: unweighted n per cell, max contribution share"). Not for publication."""

_STRING_COLUMNS = [f.name for f in CUBE_SCHEMA if pa.types.is_string(f.type)]
_FLOAT_COLUMNS = [f.name for f in CUBE_SCHEMA if pa.types.is_floating(f.type)]
_INT_COLUMNS = [f.name for f in CUBE_SCHEMA if pa.types.is_integer(f.type)]
_BOOL_COLUMNS = [f.name for f in CUBE_SCHEMA if pa.types.is_boolean(f.type)]


def pandas_dtype(arrow_type: pa.DataType) -> object:
    """The pandas dtype used for an Arrow type in this package's frames."""
    if pa.types.is_string(arrow_type):
        return object
    if pa.types.is_integer(arrow_type):
        return "Int64"
    if pa.types.is_boolean(arrow_type):
        return bool
    return "float64"


def empty_cube() -> pd.DataFrame:
    """A cube with no rows and every column at its pandas dtype."""
    return pd.DataFrame({f.name: pd.Series([], dtype=pandas_dtype(f.type)) for f in CUBE_SCHEMA})


def is_code(value: object, allowed: frozenset[str] | re.Pattern[str]) -> bool:
    """True when ``value`` is a string in ``allowed`` (a set, or a pattern it must fully match)."""
    if not isinstance(value, str):
        return False
    if isinstance(allowed, frozenset):
        return value in allowed
    return allowed.fullmatch(value) is not None


def _first(df: pd.DataFrame, mask: pd.Series | np.ndarray) -> str:
    """Short description of the first row selected by ``mask`` and the count."""
    mask = np.asarray(mask, dtype=bool)
    idx = int(np.flatnonzero(mask)[0])
    row = df.iloc[idx]
    key = describe_key(row)
    count = int(mask.sum())
    more = f" (and {count - 1} more rows)" if count > 1 else ""
    return f"row {idx + 1} [{key}]{more}"


def describe_key(row: Mapping[str, object] | pd.Series) -> str:
    """One-line description of a figure's key, e.g. ``A04 2022 origin=TR sex=F share``."""
    parts = [str(row.get("indicator", "?"))]
    if row.get("variant"):
        parts.append(f"/{row['variant']}")
    parts.append(f" {row.get('year', '?')}")
    for d in DIMENSIONS:
        code = row.get(d, TOTAL)
        if code != TOTAL and code is not None:
            parts.append(f" {d}={code}")
    parts.append(f" {row.get('statistic', '?')}")
    if row.get("adjusted"):
        parts.append(f" adjusted:{row.get('method', '')}")
    elif row.get("method"):
        parts.append(f" method:{row['method']}")
    return "".join(parts)


def validate_cube(df: pd.DataFrame) -> list[str]:
    """Problems with a cube frame, one line each; empty when it is a valid cube.

    Checks, per cube.md: exactly the columns of :data:`CUBE_SCHEMA`; types; no nulls in
    text, boolean and key columns; codes of ``indicator``, ``variant``, every dimension,
    ``statistic``, ``method``, ``reason`` and ``flags``; an adjusted figure names its
    method; ``reason`` empty iff published; ``value`` null iff suppressed; no ``se`` or
    interval without a value; both interval ends or neither; finite numbers;
    ``ci_low <= value <= ci_high``; ``se >= 0``; shares and their interval in [0, 1];
    ``n >= 0`` and ``n_weighted >= 0``; a published figure has ``n`` and
    ``n_weighted``; unique keys.
    """
    problems: list[str] = []
    missing = [c for c in CUBE_COLUMNS if c not in df.columns]
    extra = [c for c in df.columns if c not in CUBE_COLUMNS]
    if missing:
        problems.append(f"missing columns: {', '.join(missing)}")
    if extra:
        problems.append(f"columns not in the cube schema: {', '.join(map(str, extra))}")
    if missing:
        return problems
    if len(df) == 0:
        return problems
    df = df.reset_index(drop=True)

    for c in _STRING_COLUMNS:
        if pd.api.types.infer_dtype(df[c], skipna=False) == "string":
            continue
        bad = ~df[c].map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        if bad.any():
            problems.append(f"column {c}: not a string (or null) in {_first(df, bad)}")
    for c in _BOOL_COLUMNS:
        if not pd.api.types.is_bool_dtype(df[c]) or df[c].isna().any():
            problems.append(f"column {c}: must be boolean without nulls")
    for c in _INT_COLUMNS + _FLOAT_COLUMNS:
        if not (pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])):
            problems.append(f"column {c}: must be numeric")
    if problems:
        return problems
    for c in _INT_COLUMNS:
        x = df[c].astype("Float64")
        bad = (x.notna() & (x != x.round())).to_numpy(dtype=bool)
        if bad.any():
            problems.append(f"column {c}: not an integer in {_first(df, bad)}")
    if df["year"].isna().any():
        problems.append(f"column year: null in {_first(df, df['year'].isna())}")

    checks: list[tuple[str, frozenset[str] | re.Pattern[str]]] = [
        ("indicator", INDICATOR_PATTERN), ("variant", VARIANT_PATTERN),
        ("statistic", STATISTICS), ("method", METHOD_PATTERN), ("flags", FLAGS_PATTERN),
    ] + [(d, DIMENSION_CODES[d]) for d in DIMENSIONS]
    for c, allowed in checks:
        uniq = df[c].unique()
        bad_codes = {u for u in uniq if not is_code(u, allowed)}
        if bad_codes:
            bad = df[c].isin(bad_codes).to_numpy()
            shown = ", ".join(sorted(map(repr, bad_codes))[:5])
            problems.append(f"column {c}: unknown code {shown} in {_first(df, bad)}")

    suppressed = df["suppressed"].to_numpy(dtype=bool)
    reason = df["reason"].astype(str)
    bad = suppressed & ~reason.isin(REASONS).to_numpy()
    if bad.any():
        problems.append(f"suppressed figure without a known reason in {_first(df, bad)}")
    bad = ~suppressed & (reason != "").to_numpy()
    if bad.any():
        problems.append(f"published figure with a suppression reason in {_first(df, bad)}")
    bad = df["adjusted"].to_numpy(dtype=bool) & (df["method"] == "").to_numpy()
    if bad.any():
        problems.append(f"adjusted figure without a method in {_first(df, bad)}")

    value = df["value"].astype("float64").to_numpy()
    has_value = ~np.isnan(value)
    bad = has_value == suppressed
    if bad.any():
        problems.append(f"value must be null exactly when suppressed: {_first(df, bad)}")
    floats = {c: df[c].astype("float64").to_numpy() for c in _FLOAT_COLUMNS}
    for c, x in floats.items():
        bad = np.isinf(x)
        if bad.any():
            problems.append(f"column {c}: infinite in {_first(df, bad)}")
    se, lo, hi = floats["se"], floats["ci_low"], floats["ci_high"]
    bad = ~has_value & (~np.isnan(se) | ~np.isnan(lo) | ~np.isnan(hi))
    if bad.any():
        problems.append(f"standard error or interval without a value in {_first(df, bad)}")
    bad = np.isnan(lo) != np.isnan(hi)
    if bad.any():
        problems.append(f"interval with one end missing in {_first(df, bad)}")
    with np.errstate(invalid="ignore"):
        bad = has_value & ~np.isnan(lo) & ((lo > value) | (value > hi))
        if bad.any():
            problems.append(f"value outside its interval (ci_low <= value <= ci_high) in {_first(df, bad)}")
        bad = se < 0
        if bad.any():
            problems.append(f"negative standard error in {_first(df, bad)}")
        is_share = (df["statistic"] == "share").to_numpy()
        bad = is_share & ((value < 0) | (value > 1) | (lo < 0) | (hi > 1))
        if bad.any():
            problems.append(f"share or its interval outside [0, 1] in {_first(df, bad)}")
        n = df["n"].astype("float64").to_numpy()
        bad = n < 0
        if bad.any():
            problems.append(f"negative n in {_first(df, bad)}")
        bad = floats["n_weighted"] < 0
        if bad.any():
            problems.append(f"negative n_weighted in {_first(df, bad)}")
    bad = ~suppressed & (np.isnan(n) | np.isnan(floats["n_weighted"]))
    if bad.any():
        problems.append(f"published figure without n or n_weighted in {_first(df, bad)}")

    dup = df.duplicated(list(KEY_COLUMNS), keep="first").to_numpy()
    if dup.any():
        problems.append(f"duplicate key (two figures for one cell) in {_first(df, dup)}")
    return problems


def normalise_cube(df: pd.DataFrame) -> pd.DataFrame:
    """The cube's columns in schema order, at their pandas dtypes, rows in key order."""
    out = pd.DataFrame({f.name: df[f.name].astype(pandas_dtype(f.type)) for f in CUBE_SCHEMA})
    return out.sort_values(list(KEY_COLUMNS), kind="stable").reset_index(drop=True)


def _to_arrow(df: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    arrays = []
    for f in schema:
        s = df[f.name].astype(pandas_dtype(f.type))
        arrays.append(pa.array(s, type=f.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=schema)


def _format_float(x: float) -> str:
    """The shortest text that reads back as ``x``, always positional with a decimal point
    (never an integer-looking, key-like value); empty for NaN."""
    if np.isnan(x):
        return ""
    text = repr(x)  # the same shortest round-trip digits, several times faster ...
    if "e" in text or "n" in text:  # ... but scientific for very small or large values
        return np.format_float_positional(x, unique=True, trim="0")
    return text


def _float_texts(values: np.ndarray) -> np.ndarray:
    """:func:`_format_float` of every value at once: Arrow writes the same shortest
    round-trip digits as ``repr``; an integer-looking text gets ``.0``, and the rare
    scientific one (very small or large) is rewritten positionally."""
    arr = pa.array(np.asarray(values, dtype="float64"), type=pa.float64(), from_pandas=True)  # NaN -> null
    text = pc.cast(arr, pa.string())
    scientific = pc.fill_null(pc.match_substring(text, "e"), False)
    plain = pc.and_(pc.invert(pc.match_substring(text, ".")), pc.invert(scientific))
    text = pc.if_else(plain, pc.binary_join_element_wise(text, ".0", ""), text)
    out = pc.fill_null(text, "").to_numpy(zero_copy_only=False).astype(object)
    for i in np.flatnonzero(scientific.to_numpy(zero_copy_only=False)):
        out[i] = _format_float(float(values[i]))
    return out


def _csv_texts(s: pd.Series, type_: pa.DataType) -> np.ndarray:
    """The CSV texts of one column (module docstring): empty for a missing value; floats by
    :func:`_float_texts`, integers in decimal, booleans ``true``/``false``, strings as they are.
    Vectorised with Arrow: a Python loop over every value cost most of writing the cube."""
    if pa.types.is_floating(type_):
        return _float_texts(s.astype("float64").to_numpy())
    if pa.types.is_boolean(type_):
        arr = pa.array(s.astype(object), type=pa.bool_(), from_pandas=True)
        text = pc.if_else(arr, "true", "false")
    elif pa.types.is_integer(type_):
        text = pc.cast(pa.array(s.astype(object), type=pa.int64(), from_pandas=True), pa.string())
    else:
        text = pc.cast(pa.array(s.astype(object), from_pandas=True), pa.string())
    return pc.fill_null(text, "").to_numpy(zero_copy_only=False).astype(object)


def write_csv_table(df: pd.DataFrame, path: Path, schema: pa.Schema) -> None:
    """Write ``df`` as CSV in the package's format (see the module docstring)."""
    columns = [_csv_texts(df[f.name], f.type) for f in schema]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(schema.names)
    writer.writerows(zip(*columns))
    Path(path).write_bytes(buf.getvalue().encode("utf-8"))


def _column_difference(name: str, found: list[str], expected: list[str]) -> str:
    extra = [c for c in found if c not in expected]
    missing = [c for c in expected if c not in found]
    if not extra and not missing:
        return f"{name}: columns in another order than the schema"
    return f"{name}: columns not in the schema {extra}, missing {missing}"


def read_csv_table(path: Path, schema: pa.Schema) -> pd.DataFrame:
    """Read a CSV written by :func:`write_csv_table` back to the frame it came from."""
    # every field as text, an empty field as the empty string (never null), with Arrow's
    # CSV reader: several times faster than pandas' on a cube of a million rows
    with Path(path).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    table = pacsv.read_csv(path, parse_options=pacsv.ParseOptions(newlines_in_values=True),
                           convert_options=pacsv.ConvertOptions(
                               column_types={name: pa.string() for name in header},
                               strings_can_be_null=False, quoted_strings_can_be_null=False))
    if table.schema.names != list(schema.names):
        raise ValueError(_column_difference(Path(path).name, table.schema.names, schema.names))
    out = {}
    for f in schema:
        text = table.column(f.name)
        if pa.types.is_floating(f.type) or pa.types.is_integer(f.type):
            target = pa.float64() if pa.types.is_floating(f.type) else pa.int64()
            try:
                numbers = pc.cast(pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text), target)
            except pa.ArrowInvalid as exc:
                raise ValueError(f"{path}: column {f.name} holds a value that is not a number ({exc})") from None
            out[f.name] = (numbers.to_pandas().astype("float64") if target == pa.float64()
                           else numbers.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get))
        elif pa.types.is_boolean(f.type):
            s = text.to_pandas()
            if not s.isin(["true", "false"]).all():
                raise ValueError(f"{path}: column {f.name} holds values other than true/false")
            out[f.name] = s == "true"
        else:
            out[f.name] = _column_to_pandas(text, f.type)
    return pd.DataFrame(out)


def write_table(df: pd.DataFrame, directory: Path, stem: str, schema: pa.Schema,
                csv_too: bool = True) -> list[Path]:
    """Write ``df`` as ``stem.parquet`` (and ``stem.csv``) with ``schema``; return the paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    parquet_path = directory / f"{stem}.parquet"
    pq.write_table(_to_arrow(df, schema), parquet_path)
    paths = [parquet_path]
    if csv_too:
        csv_path = directory / f"{stem}.csv"
        write_csv_table(df, csv_path, schema)
        paths.append(csv_path)
    return paths


def read_parquet_table(path: Path, schema: pa.Schema) -> pd.DataFrame:
    """Read a Parquet file to the package's pandas dtypes; its columns must match ``schema``."""
    table = pq.read_table(path)
    if table.schema.names != schema.names:
        raise ValueError(_column_difference(Path(path).name, table.schema.names, schema.names))
    return pd.DataFrame({f.name: _column_to_pandas(table.column(f.name), f.type) for f in schema})


def _column_to_pandas(column: pa.ChunkedArray, type_: pa.DataType) -> pd.Series:
    """One Arrow column at the package's pandas dtype (:func:`pandas_dtype`). Text goes to
    Python strings straight from Arrow: pandas 3 would first make its own Arrow-backed
    strings and then convert those one by one (5 s for a cube of 763k figures)."""
    if pa.types.is_string(type_) or pa.types.is_large_string(type_):
        return pd.Series(column.to_numpy(zero_copy_only=False), dtype=object)
    return column.to_pandas().astype(pandas_dtype(type_))


def write_cube(df: pd.DataFrame, directory: Path) -> list[Path]:
    """Validate and write the cube as ``cube.parquet`` and ``cube.csv`` (same content).

    Raises ``ValueError`` listing the problems when ``df`` is not a valid cube.
    """
    problems = validate_cube(df)
    if problems:
        raise ValueError("not a valid cube:\n" + "\n".join(problems))
    return write_table(normalise_cube(df), Path(directory), "cube", CUBE_SCHEMA)


def read_cube(directory: Path, fmt: str = "parquet") -> pd.DataFrame:
    """Read ``cube.parquet`` (``fmt="parquet"``) or ``cube.csv`` (``fmt="csv"``) from ``directory``."""
    directory = Path(directory)
    if fmt == "parquet":
        return read_parquet_table(directory / "cube.parquet", CUBE_SCHEMA)
    if fmt == "csv":
        return read_csv_table(directory / "cube.csv", CUBE_SCHEMA)
    raise ValueError(f"unknown cube format {fmt!r} (parquet or csv)")


def frames_identical(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """True when two frames have the same columns, row order and values (nulls equal)."""
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    for c in a.columns:
        x, y = a[c], b[c]
        if pd.api.types.is_float_dtype(x) or pd.api.types.is_float_dtype(y):
            xv = x.astype("float64").to_numpy()
            yv = y.astype("float64").to_numpy()
            if not np.array_equal(xv, yv, equal_nan=True):
                return False
        elif not x.astype(object).where(x.notna(), None).equals(y.astype(object).where(y.notna(), None)):
            return False
    return True
