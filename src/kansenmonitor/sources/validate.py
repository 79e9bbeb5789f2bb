"""Checks on read: each problem becomes a Finding naming file, variable, first row and count.

- Structure (per file, before reading rows): required variables missing, extra columns
  (warning), two columns for one variable, rename entries that match nothing (warning).
- Row checks (per chunk, vectorised in Arrow): codes outside the code list (cbs-sources.md
  §C), missing key values (§0.3), a spell without a start or ending before it starts (§0.1).
- Cross-row checks (per person bucket, DuckDB window functions so they scale): duplicate
  keys in TAB/REF files (spec ``key``) and overlapping spells in BUS files (spec ``spell``
  within ``spell_key``; §0.1 "a unit's spells may not overlap"). A spell overlaps when it
  starts on or before the latest end of the earlier spells of the same key; contiguous
  spells (next start = end + 1 day) are fine; an open end (null) is infinitely late.

Policy per source (``on_invalid``): ``fail`` raises InputError for the first error;
``exclude`` removes the offending rows and counts them per reason (staging.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.errors import Finding, InputError
from kansenmonitor.sources.readers import ROW, ColumnMap, FileHeader, missing_problem
from kansenmonitor.sources.spec import SourceSpec
from kansenmonitor.sources.tally import RowProblem, first_error

POLICIES = ("fail", "exclude")
PROBLEM = "_problem"  # per row: label of its first row-level problem (null when none)
_FAR_FUTURE = "DATE '9999-12-31'"


def output_name(spec: SourceSpec, name: str) -> str:
    """Name of a spec variable in typed tables (successor's name for POLISBUS/IPI)."""
    return spec.rename_to_successor.get(name, name)


def column_findings(spec: SourceSpec, header: FileHeader, columns: ColumnMap) -> list[Finding]:
    """Findings about the file's columns: missing required variables and clashes (errors),
    extra columns and unused renames (warnings)."""
    file = str(header.path)
    out = [Finding(file, v.name, missing_problem(spec, header)) for v in columns.missing]
    for output, sources in columns.clashes:
        out.append(Finding(file, output, f"columns {', '.join(sources)} all match this variable; "
                                         "rename or drop all but one in the catalog"))
    if columns.extra:
        shown = ", ".join(columns.extra[:10]) + (" ..." if len(columns.extra) > 10 else "")
        out.append(Finding(file, None, f"{len(columns.extra)} column(s) not in the {spec.name} spec are "
                                       f"not read: {shown}", count=len(columns.extra), severity="warning"))
    for key in columns.unused_renames:
        out.append(Finding(file, key, "the catalog renames this column but the file has no such column",
                           severity="warning"))
    return out


def empty_file_finding(header: FileHeader) -> Finding:
    return Finding(str(header.path), None, "empty file: the file has no data rows")


def row_checks(spec: SourceSpec, table: pa.Table, columns: ColumnMap) -> list[RowProblem]:
    """Row-level problems of one typed chunk: codes outside the code list, missing key
    values, spells without a start, ends before starts."""
    problems: list[RowProblem] = []
    present = set(table.column_names)
    for col in columns.columns:
        var = col.variable
        if var.kind == "code" and var.codes:
            values = table.column(col.output)
            bad = pc.fill_null(pc.invert(pc.is_in(values, value_set=pa.array(list(var.codes)))), False)
            bad = pc.and_(bad, pc.is_valid(values))
            if pc.any(bad).as_py():
                problems.append(RowProblem(col.source, _code_problem(var.codes), bad.combine_chunks()
                                           if isinstance(bad, pa.ChunkedArray) else bad, values))
    for name in key_columns(spec, present):
        missing = pc.is_null(table.column(name))
        if pc.any(missing).as_py():
            problems.append(RowProblem(columns.source_name(name), "missing key value", _flat(missing)))
    spell = spell_columns(spec, present)
    if spell:
        start, end = (table.column(c) for c in spell)
        no_start = pc.is_null(start)
        if pc.any(no_start).as_py():
            problems.append(RowProblem(columns.source_name(spell[0]), "spell has no start date", _flat(no_start)))
        before = pc.fill_null(pc.less(end, start), False)
        if pc.any(before).as_py():
            problems.append(RowProblem(columns.source_name(spell[1]), "end date before start date",
                                       _flat(before), end))
    return problems


def _flat(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _code_problem(codes: dict[str, str]) -> str:
    listed = ", ".join(sorted(codes))
    if len(listed) > 60:
        listed = listed[:57] + "..."
    return f"code not in the code list ({listed})"


def key_columns(spec: SourceSpec, present: set[str]) -> list[str]:
    """Output names of the key variables that must not be null (spec ``key``, and for spell
    files ``spell_key``), restricted to columns present."""
    names = list(spec.spell_key if spec.spell_key else spec.key)
    return [output_name(spec, n) for n in names if output_name(spec, n) in present]


def spell_columns(spec: SourceSpec, present: set[str]) -> tuple[str, str] | None:
    """(start, end) output names of a BUS file's spell, when both are present."""
    if not spec.spell:
        return None
    start, end = (output_name(spec, n) for n in spec.spell)
    return (start, end) if start in present and end in present else None


# ---------------------------------------------------------------- cross-row checks in SQL

@dataclass(frozen=True)
class CrossRowChecks:
    """Which cross-row checks apply to a file, as SQL over one bucket of its rows."""

    key: tuple[str, ...]  # duplicate-key check (TAB/REF files); empty when not applicable
    spell: tuple[str, str] | None  # overlap check (BUS files)
    spell_key: tuple[str, ...]
    key_label: str  # names as in the file, for messages
    spell_label: str
    spell_key_label: str


def cross_row_checks(spec: SourceSpec, columns: ColumnMap) -> CrossRowChecks:
    """The duplicate-key and overlap checks that apply to ``spec`` given the file's columns."""
    present = set(columns.output_names())
    key: tuple[str, ...] = ()
    if spec.unit in ("TAB", "REF") and not spec.spell:
        names = tuple(output_name(spec, n) for n in spec.key)
        if all(n in present for n in names):
            key = names
    spell = spell_columns(spec, present)
    spell_key: tuple[str, ...] = ()
    if spell and spec.spell_key:
        spell_key = tuple(output_name(spec, n) for n in spec.spell_key)
        if not all(n in present for n in spell_key):
            spell, spell_key = None, ()
    key_label = "+".join(columns.source_name(n) for n in key)
    spell_label = columns.source_name(spell[0]) if spell else ""
    spell_key_label = ", ".join(columns.source_name(n) for n in spell_key)
    return CrossRowChecks(key, spell, spell_key, key_label, spell_label, spell_key_label)


def quote(name: str) -> str:
    """A column name as a DuckDB identifier."""
    return '"' + name.replace('"', '""') + '"'


def flag_sql(checks: CrossRowChecks, relation: str) -> str:
    """SELECT over ``relation`` adding ``_dup`` / ``_dup_first`` (duplicate key; row of the
    first occurrence) and ``_overlap`` / ``_overlap_with`` (row of the earlier spell it
    overlaps), plus ``_reason``: the first problem of the row, null for a clean row."""
    cols = ["*"]
    reasons = [PROBLEM]
    windows = []
    if checks.key:
        part = ", ".join(quote(k) for k in checks.key)
        not_null = " AND ".join(f"{quote(k)} IS NOT NULL" for k in checks.key)
        cols.append(f"coalesce({not_null} AND count(*) OVER wk > 1, false) AS _dup")
        cols.append(f"min({ROW}) OVER wk AS _dup_first")
        reasons.append(f"CASE WHEN _dup THEN '{_sql_text(checks.key_label)}: duplicate key' END")
        windows.append(f"wk AS (PARTITION BY {part})")
    if checks.spell:
        start, end = (quote(c) for c in checks.spell)
        part = ", ".join(quote(k) for k in checks.spell_key)
        valid = f"({PROBLEM} IS NULL AND {start} IS NOT NULL)"
        end_inf = f"coalesce({end}, {_FAR_FUTURE})"
        prev_end = f"max(CASE WHEN {valid} THEN {end_inf} END) OVER ws"
        cols.append(f"coalesce({valid} AND {start} <= {prev_end}, false) AS _overlap")
        cols.append(f"arg_max(CASE WHEN {valid} THEN {ROW} END, CASE WHEN {valid} THEN {end_inf} END) "
                    f"OVER ws AS _overlap_with")
        reasons.append(f"CASE WHEN _overlap THEN '{_sql_text(checks.spell_label)}: overlapping spell' END")
        windows.append(f"ws AS (PARTITION BY {part} ORDER BY {start}, {end_inf}, {ROW} "
                       "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)")
    inner = f"SELECT {', '.join(cols)} FROM {relation}"
    if windows:
        inner += " WINDOW " + ", ".join(windows)
    return f"SELECT *, coalesce({', '.join(reasons)}) AS _reason FROM ({inner})"


def cross_row_summary_sql(checks: CrossRowChecks, flagged: str) -> str:
    """One-row aggregate over a flagged relation: count, first row and the related row of
    each cross-row problem."""
    parts = []
    if checks.key:
        repeat = f"_dup AND {ROW} > _dup_first"
        parts += ["count(*) FILTER (WHERE _dup) AS dup_n",
                  f"min({ROW}) FILTER (WHERE {repeat}) AS dup_row",
                  f"arg_min(_dup_first, {ROW}) FILTER (WHERE {repeat}) AS dup_other"]
    else:
        parts += ["0 AS dup_n", "NULL AS dup_row", "NULL AS dup_other"]
    if checks.spell:
        parts += ["count(*) FILTER (WHERE _overlap) AS overlap_n",
                  f"min({ROW}) FILTER (WHERE _overlap) AS overlap_row",
                  f"arg_min(_overlap_with, {ROW}) FILTER (WHERE _overlap) AS overlap_other"]
    else:
        parts += ["0 AS overlap_n", "NULL AS overlap_row", "NULL AS overlap_other"]
    return f"SELECT {', '.join(parts)} FROM {flagged}"


@dataclass
class CrossRowSummary:
    """Cross-row problems summed over buckets: counts, first row and the row it collides with."""

    dup_n: int = 0
    dup_row: int | None = None
    dup_other: int | None = None
    overlap_n: int = 0
    overlap_row: int | None = None
    overlap_other: int | None = None

    def add(self, row: tuple) -> None:
        """Add one bucket's result of :func:`cross_row_summary_sql`."""
        dup_n, dup_row, dup_other, overlap_n, overlap_row, overlap_other = row
        self.dup_n += int(dup_n or 0)
        if dup_row is not None and (self.dup_row is None or dup_row < self.dup_row):
            self.dup_row, self.dup_other = int(dup_row), int(dup_other)
        self.overlap_n += int(overlap_n or 0)
        if overlap_row is not None and (self.overlap_row is None or overlap_row < self.overlap_row):
            self.overlap_row = int(overlap_row)
            self.overlap_other = int(overlap_other) if overlap_other is not None else None

    def findings(self, checks: CrossRowChecks, file: str) -> list[Finding]:
        """Duplicate-key and overlap findings, naming the first offending row and its partner."""
        out = []
        if self.dup_n:
            out.append(Finding(file, checks.key_label,
                               f"duplicate key: the same {checks.key_label.replace('+', ', ')} occurs on more "
                               f"than one row (first at row {self.dup_other}); a TAB file has one row per key",
                               row=self.dup_row, count=self.dup_n))
        if self.overlap_n:
            out.append(Finding(file, checks.spell_label,
                               f"overlapping spell: starts on or before the end of the spell at row "
                               f"{self.overlap_other} with the same {checks.spell_key_label}",
                               row=self.overlap_row, count=self.overlap_n))
        return out


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


# ---------------------------------------------------------------- policy

def enforce(findings: list[Finding], on_invalid: str, *, structural: bool = False) -> None:
    """Apply the ``on_invalid`` policy: raise InputError for the first error finding when
    the policy is ``fail`` or when ``structural`` (problems no row exclusion can mend:
    missing columns, empty or unreadable files)."""
    if on_invalid not in POLICIES:
        raise ValueError(f"on_invalid must be one of {POLICIES}, not {on_invalid!r}")
    if on_invalid == "fail" or structural:
        first = first_error(findings)
        if first is not None:
            raise InputError.from_finding(first)
