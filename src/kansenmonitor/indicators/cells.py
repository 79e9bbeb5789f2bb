"""Additive cell statistics at the finest breakdown cell, and their roll-up to the cube.

An indicator is computed once per person bucket as a *cell-statistics table*: one row per
``(indicator, variant, year, kind)`` and finest combination of breakdown codes, holding
sums that add up over cells and buckets (:data:`CELL_MEASURES`). With ``y`` a person's
outcome (0/1 for a share) and ``w`` their weight (1 for register data):

===========  ==================  =====================================================
column       merge               definition
===========  ==================  =====================================================
n            sum                 unweighted number of persons
w            sum                 Σ w (equals n when unweighted)
sum_y        sum                 Σ w·y
sum_y2       sum                 Σ w·y²
sum_w2       sum                 Σ w²  (Kish effective n = w² / sum_w2)
sum_w2y      sum                 Σ w²·y   (for the linearisation variance)
sum_w2y2     sum                 Σ w²·y²  (for the linearisation variance)
n_y          sum                 unweighted number of persons with y ≠ 0 (a share's numerator)
sum_abs_y    sum                 Σ |w·y|  (cell total of contributions, for dominance)
max_y        max                 max |w·y|  (largest single contribution, for dominance)
===========  ==================  =====================================================

For a share, ``y`` is 0/1, or a person's own share in [0, 1] with the weight it rests on
(a share of person-months: ``y`` = months with the event / months at risk, ``w`` = months
at risk, so that ``R`` pools the person-months and the linearised variance treats a
person's months as one cluster; indicator 27).

A *contribution* is one person's: build cells from one row per person (aggregate
person-months or jobs to the person first), so that ``n`` counts distinct persons and
``max_y`` is the largest person's contribution (methods-anchors §4.3, dominance). A
person sits in exactly one finest cell per (indicator, variant, year): breakdown codes
are fixed per person and year by the frame (indicators.md §2).

Per-bucket tables are merged exactly by summing (``max`` for ``max_y``):
:func:`merge_cells`. :func:`rollup` computes every configured breakdown from the finest
cells in one DuckDB ``GROUP BY GROUPING SETS`` pass and turns the sums into cube rows.

Estimators (``R = sum_y / w``, ``N = n``, ``W = w``, ``z = 1.959964`` the 97.5 % normal
quantile):

* value: ``R`` — a share (y ∈ {0, 1}) or a mean.
* standard error, unweighted (every weight 1, recognised exactly by
  ``Σ(w − 1)² = sum_w2 − 2·w + n = 0``): share ``sqrt(R(1 − R)/N)`` (binomial); mean
  ``sqrt(s²/N)`` with ``s² = (sum_y2 − N·R²)/(N − 1)``. Register data are a census; the
  SE is the model-based (super-population) uncertainty the report asks for (§7).
* standard error, weighted: Taylor linearisation of the ratio estimator ``R = Σwy / Σw``
  under with-replacement sampling of persons in one stratum:
  ``se² = N/(N − 1) · Σ w²(y − R)² / W²`` with
  ``Σ w²(y − R)² = sum_w2y2 − 2R·sum_w2y + R²·sum_w2``. For unit weights this is the mean
  formula above. It ignores the EBB's strata and household clustering, so it
  understates the design variance (methods-anchors §3.3); design-based variances need the
  design variables.
* 95 % interval, share: Wilson score interval with ``m`` = N when unweighted, else the
  effective size ``m = R(1 − R)/se²`` (the Kish size ``W²/sum_w2`` when R is 0 or 1);
  clipped to [0, 1]. Mean: ``R ± z·se``.
* a figure with ``N = 1`` has no standard error or interval (null); it never passes the
  output gate anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import duckdb
import numpy as np
import pandas as pd

from kansenmonitor.cube import (
    CUBE_COLUMNS,
    CUBE_SCHEMA,
    DIMENSION_CODES,
    DIMENSIONS,
    EVIDENCE_MEASURES,
    KEY_COLUMNS,
    TOTAL,
    is_code,
    pandas_dtype,
)

Z95 = NormalDist().inv_cdf(0.975)
"""97.5 % quantile of the standard normal distribution (≈ 1.959964)."""

KINDS: frozenset[str] = frozenset({"share", "mean"})
"""Statistics a cell table can roll up to; also the cube ``statistic`` of its rows."""

BASE_KEYS: tuple[str, ...] = ("indicator", "variant", "year", "kind")
"""Key columns of a cell table besides the dimension columns."""

CELL_MEASURES: dict[str, str] = {
    "n": "sum", "w": "sum", "sum_y": "sum", "sum_y2": "sum", "sum_w2": "sum",
    "sum_w2y": "sum", "sum_w2y2": "sum", "n_y": "sum", "sum_abs_y": "sum", "max_y": "max",
}
"""Additive measure columns of a cell table and how they merge."""

FRAME_COLUMNS: dict[str, str] = {"region_randstad": "region"}
"""Cell columns that carry codes of a cube dimension under another name: the ``region``
dimension has two frame columns, the labour-market region and the Randstad class
(``kansenmonitor.frame.breakdowns``); a grouping set names one of them."""

GROUP_COLUMNS: tuple[str, ...] = tuple(
    c for d in DIMENSIONS for c in (d, *[a for a, t in FRAME_COLUMNS.items() if t == d]))
"""Columns a cell table may be broken down by, in cube order."""

_INT_MEASURES = ("n", "n_y")
_UNWEIGHTED_TOL = 1e-9


@dataclass(frozen=True)
class CellIds:
    """A bucket's finest breakdown cells numbered: ``table`` holds one row per distinct
    combination of ``dims`` with its number in the column ``cell``. Person rows then carry
    one integer instead of a dozen code strings, so stacking and grouping them is cheaper;
    the codes come back from ``table`` once per cell (:func:`cell_ids_sql`)."""

    table: str
    dims: tuple[str, ...]


def fetch_df(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    """The rows of a SELECT as a pandas frame, by way of Arrow: DuckDB's own ``.df()``
    makes every code string a Python object one at a time, five times slower for a cell
    table (1.07 against 0.19 CPU seconds for 500k rows of a dozen code columns). No date
    columns here (Arrow would give them as objects)."""
    return con.sql(sql).to_arrow_table().to_pandas()


def cell_ids_sql(frame: str, dims: Sequence[str]) -> str:
    """The numbered cells (``cell`` and ``dims``) of the person rows in ``frame``."""
    cols = ", ".join(dims)
    return f"SELECT {cols}, (row_number() OVER ())::INTEGER AS cell FROM (SELECT DISTINCT {cols} FROM {frame})"


def person_cells_sql(source: str, *, y: str, kind: str, by: Sequence[str],
                     weight: str | None = None, cells: CellIds | None = None) -> str:
    """SQL that turns one row per person into a cell-statistics table.

    ``source`` is a table name or a parenthesised subquery holding one row per person with
    the columns ``indicator, variant, year``, the breakdown columns named in ``by``, the
    outcome expression ``y`` and, for survey data, the weight expression ``weight``.
    Persons whose outcome is null are outside the indicator's population and are left out.
    With ``cells`` the source has the column ``cell`` instead of the columns of
    ``cells.dims`` (the other columns of ``by`` it has itself); the result is the same.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {sorted(KINDS)}, not {kind!r}")
    unknown = [d for d in by if d not in GROUP_COLUMNS]
    if unknown:
        raise ValueError(f"not breakdown columns: {unknown}")
    w = f"({weight})::DOUBLE" if weight else "1.0::DOUBLE"
    yy = f"({y})::DOUBLE"
    measures = (f"count(*)::BIGINT AS n, fsum({w}) AS w, fsum({w} * {yy}) AS sum_y, "
                f"fsum({w} * {yy} * {yy}) AS sum_y2, fsum({w} * {w}) AS sum_w2, "
                f"fsum({w} * {w} * {yy}) AS sum_w2y, fsum({w} * {w} * {yy} * {yy}) AS sum_w2y2, "
                f"count(*) FILTER (WHERE {yy} <> 0)::BIGINT AS n_y, "
                f"fsum(abs({w} * {yy})) AS sum_abs_y, max(abs({w} * {yy})) AS max_y")
    keys = ", ".join(["indicator", "variant", "year", *by])
    if cells is None:
        return f"SELECT {keys}, '{kind}' AS kind, {measures} FROM {source} WHERE ({y}) IS NOT NULL GROUP BY {keys}"
    missing = [d for d in cells.dims if d not in by]
    if missing:
        raise ValueError(f"cells {cells.table} break down by {missing}, which are not in by")
    own = [d for d in by if d not in cells.dims]
    inner = ", ".join(["indicator", "variant", "year", "cell", *own])
    names = ", ".join(["m.indicator", "m.variant", "m.year", *[f"{'c' if d in cells.dims else 'm'}.{d}" for d in by]])
    sums = ", ".join(f"m.{c}" for c in ("n", "w", "sum_y", "sum_y2", "sum_w2", "sum_w2y", "sum_w2y2", "n_y",
                                         "sum_abs_y", "max_y"))
    return (f"SELECT {names}, '{kind}' AS kind, {sums} "
            f"FROM (SELECT {inner}, {measures} FROM {source} WHERE ({y}) IS NOT NULL GROUP BY {inner}) m "
            f"JOIN {cells.table} c USING (cell)")


def cell_key_columns(columns: Iterable[str]) -> list[str]:
    """Key columns of a cell table with these columns: base keys and its dimensions."""
    cols = list(columns)
    return [*BASE_KEYS[:3], *[d for d in GROUP_COLUMNS if d in cols], "kind"]


def merge_cells(tables: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Merge cell tables (e.g. one per person bucket) exactly: sums add, ``max_y`` maxes.

    All tables must have the same columns. The result has one row per cell key.
    """
    frames = list(tables)
    if not frames:
        raise ValueError("no cell tables to merge")
    cols = list(frames[0].columns)
    for f in frames[1:]:
        if sorted(f.columns) != sorted(cols):
            raise ValueError("cell tables to merge have different columns")
    keys = cell_key_columns(cols)
    merged = (pd.concat(frames, ignore_index=True)
              .groupby(keys, sort=True, dropna=False, observed=True)
              .agg(CELL_MEASURES).reset_index())
    return merged[keys + list(CELL_MEASURES)]


def wilson_interval(p: np.ndarray, m: np.ndarray, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion ``p`` from (effective) sample size ``m``.

    ``centre = (p + z²/2m) / (1 + z²/m)``, ``half = z·sqrt(p(1 − p)/m + z²/4m²) / (1 + z²/m)``;
    clipped to [0, 1] and widened by rounding error only so that it contains ``p``
    (at p = 0 the lower end is exactly 0, at p = 1 the upper end exactly 1). Null where
    ``m`` is not positive.
    """
    p = np.asarray(p, dtype="float64")
    m = np.asarray(m, dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        z2 = z * z
        denom = 1.0 + z2 / m
        centre = (p + z2 / (2.0 * m)) / denom
        half = z * np.sqrt(np.maximum(p * (1.0 - p), 0.0) / m + z2 / (4.0 * m * m)) / denom
        low = np.minimum(np.clip(centre - half, 0.0, 1.0), p)
        high = np.maximum(np.clip(centre + half, 0.0, 1.0), p)
    bad = ~(m > 0) | np.isnan(p)
    low = np.where(bad, np.nan, low)
    high = np.where(bad, np.nan, high)
    return low, high


def cell_estimates(kind: np.ndarray, s: pd.DataFrame) -> pd.DataFrame:
    """Value, standard error and 95 % interval from summed cell measures (module docstring).

    ``kind`` holds ``share`` or ``mean`` per row; ``s`` the :data:`CELL_MEASURES` columns.
    """
    n = s["n"].to_numpy(dtype="float64")
    w = s["w"].to_numpy(dtype="float64")
    sum_y = s["sum_y"].to_numpy(dtype="float64")
    sum_y2 = s["sum_y2"].to_numpy(dtype="float64")
    sum_w2 = s["sum_w2"].to_numpy(dtype="float64")
    sum_w2y = s["sum_w2y"].to_numpy(dtype="float64")
    sum_w2y2 = s["sum_w2y2"].to_numpy(dtype="float64")
    is_share = np.asarray(kind) == "share"
    unweighted = np.abs(sum_w2 - 2.0 * w + n) <= _UNWEIGHTED_TOL * np.maximum(n, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(w > 0, sum_y / w, np.nan)
        if np.any(is_share):
            r = np.where(is_share, np.clip(r, 0.0, 1.0), r)
        var_binom = r * (1.0 - r) / n
        s2 = np.maximum(sum_y2 - n * r * r, 0.0) / (n - 1.0)
        var_mean = s2 / n
        ssz = np.maximum(sum_w2y2 - 2.0 * r * sum_w2y + r * r * sum_w2, 0.0)
        var_lin = n / (n - 1.0) * ssz / (w * w)
        var = np.where(unweighted, np.where(is_share, var_binom, var_mean), var_lin)
        var = np.where(n >= 2, var, np.nan)
        se = np.sqrt(var)
        kish = w * w / sum_w2
        m_eff = np.where(unweighted, n,
                         np.where((var > 0) & (r > 0) & (r < 1), r * (1.0 - r) / var, kish))
        w_low, w_high = wilson_interval(r, m_eff)
        ci_low = np.where(is_share, w_low, r - Z95 * se)
        ci_high = np.where(is_share, w_high, r + Z95 * se)
    ci_low = np.where(np.isnan(se), np.nan, ci_low)
    ci_high = np.where(np.isnan(se), np.nan, ci_high)
    return pd.DataFrame({"value": r, "se": se, "ci_low": ci_low, "ci_high": ci_high})


def _source_name(con: duckdb.DuckDBPyConnection,
                 cells: str | pd.DataFrame | duckdb.DuckDBPyRelation) -> tuple[str, str | None]:
    """A name to select the cells from, and the temporary view to drop afterwards."""
    if isinstance(cells, str):
        return cells, None
    name = f"_km_cells_{id(cells):x}"
    if isinstance(cells, pd.DataFrame):
        con.register(name, cells)
    elif isinstance(cells, duckdb.DuckDBPyRelation):
        cells.create_view(name, replace=True)
    else:
        raise TypeError("cells must be a table name, a DataFrame or a DuckDB relation")
    return name, name


def _check_cells(con: duckdb.DuckDBPyConnection, src: str, columns: list[str]) -> list[str]:
    """Problems that make a cell table unusable; empty when fine."""
    required = [*BASE_KEYS, *CELL_MEASURES]
    missing = [c for c in required if c not in columns]
    if missing:
        return [f"cell table lacks columns: {', '.join(missing)}"]
    problems: list[str] = []
    for d in [c for c in GROUP_COLUMNS if c in columns]:
        codes = [r[0] for r in con.sql(f'SELECT DISTINCT "{d}" FROM {src}').fetchall()]
        allowed = DIMENSION_CODES[FRAME_COLUMNS.get(d, d)]
        bad = [c for c in codes if c is None or c == TOTAL or not is_code(c, allowed)]
        if bad:
            problems.append(f"cell column {d}: codes {bad[:5]} are not finest codes "
                            f"(null and the total code {TOTAL!r} are not allowed)")
    kinds = [r[0] for r in con.sql(f"SELECT DISTINCT kind FROM {src}").fetchall()]
    if any(k not in KINDS for k in kinds):
        problems.append(f"cell column kind: {kinds} (allowed: {sorted(KINDS)})")
    mixed = con.sql(f"SELECT indicator, variant FROM {src} GROUP BY ALL "
                    f"HAVING count(DISTINCT kind) > 1").fetchall()
    if mixed:
        problems.append(f"indicator/variant with both share and mean cells: {mixed[:5]}")
    bad_rows = con.sql(
        f"SELECT count(*) FROM {src} WHERE n < 1 OR n_y < 0 OR n_y > n OR w < 0 OR max_y < 0 "
        f"OR sum_abs_y < 0 OR max_y > sum_abs_y * (1 + 1e-9) OR (kind = 'share' AND "
        f"(sum_y < -1e-9 * w OR sum_y > w * (1 + 1e-9) "
        f"OR sum_y2 < -1e-9 * greatest(w, 1) OR sum_y2 > sum_y + 1e-9 * greatest(w, 1)))").fetchall()[0][0]
    if bad_rows:
        problems.append(f"{bad_rows} cell rows with inconsistent sums (n < 1, n_y outside [0, n], "
                        f"negative weights, max_y above sum_abs_y, or a share outcome outside [0, 1])")
    return problems


def _normalise_sets(grouping_sets: Sequence[Sequence[str]], available: list[str]) -> list[tuple[str, ...]]:
    sets: list[tuple[str, ...]] = [()]
    seen: set[frozenset[str]] = {frozenset()}
    for gs in grouping_sets:
        unknown = [c for c in gs if c not in GROUP_COLUMNS]
        if unknown:
            raise ValueError(f"grouping set {tuple(gs)}: not breakdown columns: {unknown}")
        absent = [c for c in gs if c not in available]
        if absent:
            raise ValueError(f"grouping set {tuple(gs)}: the cell table has no column {absent} "
                             f"(leave this breakdown out for this indicator)")
        dims = [FRAME_COLUMNS.get(c, c) for c in gs]
        if len(set(dims)) != len(dims):
            raise ValueError(f"grouping set {tuple(gs)} names a dimension twice")
        key = frozenset(gs)
        if key not in seen:
            seen.add(key)
            sets.append(tuple(c for c in GROUP_COLUMNS if c in key))
    return sets


def _dimension_sql(d: str, grouped: set[str]) -> str:
    """The cube column ``d``: the code of whichever of its columns is grouped, else ``T``."""
    cols = [c for c in GROUP_COLUMNS if FRAME_COLUMNS.get(c, c) == d and c in grouped]
    if not cols:
        return f"'{TOTAL}' AS \"{d}\""
    whens = " ".join(f'WHEN GROUPING("{c}") = 0 THEN "{c}"' for c in cols)
    return f"CASE {whens} ELSE '{TOTAL}' END AS \"{d}\""


def rollup(con: duckdb.DuckDBPyConnection,
           cells: str | pd.DataFrame | duckdb.DuckDBPyRelation,
           grouping_sets: Sequence[Sequence[str]]) -> pd.DataFrame:
    """Every configured breakdown from the finest cells, in one GROUPING SETS pass.

    ``grouping_sets`` is the crossing configuration as plain tuples of dimension names
    (e.g. ``[("origin",), ("sex",), ("origin", "sex")]``), or of the frame columns in
    :data:`FRAME_COLUMNS` (``("region_randstad",)`` fills the cube's ``region`` column
    with the Randstad class); the overall total ``()`` is always added, since it is the
    margin of every one-dimension table. Dimensions not grouped are filled with ``T``;
    dimensions absent from the cell table are ``T`` throughout. Cells of several buckets
    may be passed concatenated: summing is the merge.

    Returns cube rows (all :data:`~kansenmonitor.cube.CUBE_COLUMNS`; statistic = the
    cells' ``kind``; ``adjusted`` false, ``method``, ``flags`` empty; a cell with no
    weight is suppressed with reason ``no_data``) plus the evidence columns ``n_y``,
    ``sum_abs_y``, ``max_y`` and ``max_share`` (= max_y / sum_abs_y) for the output gate;
    split them with :func:`split_rollup`. Rows are in key order.
    """
    src, temp = _source_name(con, cells)
    try:
        columns = [c for c in con.sql(f"SELECT * FROM {src} LIMIT 0").columns]
        problems = _check_cells(con, src, columns)
        if problems:
            raise ValueError("cell table cannot be rolled up:\n" + "\n".join(problems))
        present = [c for c in GROUP_COLUMNS if c in columns]
        sets = _normalise_sets(grouping_sets, present)
        grouped = {c for gs in sets for c in gs}
        dim_select = ", ".join(_dimension_sql(d, grouped) for d in DIMENSIONS)
        aggs = ", ".join(
            f"sum({c})::BIGINT AS {c}" if c in _INT_MEASURES
            else (f"max({c})::DOUBLE AS {c}" if how == "max" else f"fsum({c}) AS {c}")
            for c, how in CELL_MEASURES.items())
        base = ", ".join(BASE_KEYS)
        sets_sql = ", ".join("(" + ", ".join([base, *[f'"{d}"' for d in gs]]) + ")" for gs in sets)
        sql = (f"SELECT {base}, {dim_select}, {aggs} FROM {src} "
               f"GROUP BY GROUPING SETS ({sets_sql})")
        sums = fetch_df(con, sql)
    finally:
        if temp is not None:
            con.execute(f"DROP VIEW IF EXISTS {temp}")
    return _cube_rows(sums)


def _cube_rows(sums: pd.DataFrame) -> pd.DataFrame:
    kind = sums["kind"].to_numpy(dtype=object)
    est = cell_estimates(kind, sums)
    no_weight = ~(sums["w"].to_numpy(dtype="float64") > 0)
    out = pd.DataFrame({
        "indicator": sums["indicator"].astype(object),
        "variant": sums["variant"].astype(object),
        "year": sums["year"].astype("int64"),
        **{d: sums[d].astype(object) for d in DIMENSIONS},
        "statistic": sums["kind"].astype(object),
        "value": est["value"], "se": est["se"],
        "ci_low": est["ci_low"], "ci_high": est["ci_high"],
        "n": sums["n"].astype("Int64"),
        "n_weighted": sums["w"].astype("float64"),
        "adjusted": False, "method": "",
        "suppressed": no_weight,
        "reason": np.where(no_weight, "no_data", ""),
        "flags": "",
    })
    for c in ("value", "se", "ci_low", "ci_high"):
        out.loc[no_weight, c] = np.nan
    out["reason"] = out["reason"].astype(object)
    sum_abs = sums["sum_abs_y"].to_numpy(dtype="float64")
    max_y = sums["max_y"].to_numpy(dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        max_share = np.where(sum_abs > 0, max_y / sum_abs, 0.0)
    out["n_y"] = sums["n_y"].astype("Int64")
    out["sum_abs_y"] = sum_abs
    out["max_y"] = max_y
    out["max_share"] = max_share
    out = out[list(CUBE_COLUMNS) + ["n_y", "sum_abs_y", "max_y", "max_share"]]
    out = out.astype({f.name: pandas_dtype(f.type) for f in CUBE_SCHEMA})
    return out.sort_values(list(KEY_COLUMNS), kind="stable").reset_index(drop=True)


def split_rollup(rolled: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split :func:`rollup` output into cube rows and the evidence frame of the output gate.

    The evidence frame has the key columns and :data:`~kansenmonitor.cube.EVIDENCE_MEASURES`.
    """
    cube = rolled[list(CUBE_COLUMNS)].copy()
    evidence = rolled[list(KEY_COLUMNS) + list(EVIDENCE_MEASURES)].copy()
    return cube, evidence

