"""``kansenmonitor sources inspect FILE``: what is in a file and how to map it onto the spec.

cbs-sources.md §U.1: for several files no variable names are public, so "software should
read variable names from the .sav metadata at run time". This lists a file's variables,
types, row count and value labels, guesses which source it is (file name and columns),
proposes for every column the best-matching spec variable (exact or case-insensitive name
first, then similar names and similar values, e.g. YYYYMMDD-looking values for a date
variable) and prints a ``[sources.NAME]`` snippet with the ``rename`` table for the catalog.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pyreadstat

from kansenmonitor.errors import InputError
from kansenmonitor.sources.convert import convert_column
from kansenmonitor.sources.files import name_regex, parse_file_name
from kansenmonitor.sources.readers import FileHeader, ReadOptions, arrow_encoding, read_header
from kansenmonitor.sources.spec import SOURCES, SourceSpec, Variable

SAMPLE_ROWS = 1000
_MATCH_THRESHOLD = 0.55
_NAME_MINIMUM = 0.4


@dataclass
class ColumnMatch:
    """The proposed spec variable for one file column and why."""

    column: str
    variable: Variable | None
    how: str  # "exact", "case", "similar", ""
    score: float


def inspect_file(path: str | Path, options: ReadOptions | None = None, sample_rows: int = SAMPLE_ROWS) -> str:
    """A text report on ``path`` (sav/dta metadata plus a sample of rows; csv; parquet):
    variables, types, rows, value labels, the most likely source, the best spec variable per
    column and a suggested catalog entry with ``rename``. Raises InputError for unreadable files."""
    path = Path(path)
    header = read_header(path, options)
    sample = read_sample(header, sample_rows)
    ranking = rank_sources(path.name, header.columns)
    spec = SOURCES[ranking[0][0]]
    matches = match_columns(spec, header.columns, sample)
    return _render(header, sample, ranking, spec, matches)


def read_sample(header: FileHeader, rows: int = SAMPLE_ROWS) -> pa.Table:
    """The first ``rows`` rows of every column, untyped (as the file stores them)."""
    try:
        if header.format in ("sav", "dta"):
            reader = pyreadstat.read_sav if header.format == "sav" else pyreadstat.read_dta
            df, _ = reader(str(header.path), row_limit=rows, dates_as_pandas_datetime=True,
                           encoding=header.encoding)
            return pa.Table.from_pandas(df, preserve_index=False)
        if header.format == "parquet":
            batches = pq.ParquetFile(header.path).iter_batches(batch_size=rows)
            first = next(batches, None)
            return pa.Table.from_batches([first]) if first is not None else pq.read_schema(header.path).empty_table()
        read = pcsv.ReadOptions(encoding=arrow_encoding(header.encoding), block_size=1 << 20)
        parse = pcsv.ParseOptions(delimiter=header.delimiter or ",")
        convert = pcsv.ConvertOptions(column_types={c: pa.string() for c in header.columns})
        reader = pcsv.open_csv(header.path, read_options=read, parse_options=parse, convert_options=convert)
        first = next(iter(reader), None)
        return pa.Table.from_batches([first]).slice(0, rows) if first is not None else \
            pa.table({c: pa.array([], pa.string()) for c in header.columns})
    except InputError:
        raise
    except Exception as exc:
        raise InputError(str(header.path), None, f"cannot read a sample of rows: {' '.join(str(exc).split())}") \
            from None


def _known_names(spec: SourceSpec) -> dict[str, Variable]:
    names = {v.name.upper(): v for v in spec.variables if v.pattern is None}
    for old, new in spec.rename_to_successor.items():
        if old.upper() in names:
            names.setdefault(new.upper(), names[old.upper()])
    return names


def _pattern_match(spec: SourceSpec, column: str) -> Variable | None:
    for v in spec.variables:
        if v.pattern and re.match(v.pattern, column):
            return v
    return None


def rank_sources(file_name: str, columns: list[str]) -> list[tuple[str, float, str]]:
    """Sources ordered by how well the file name and columns fit: (name, score, reason).

    A matching CBS file-name pattern counts 1; the share of columns whose names are spec
    variables (case-insensitively) adds up to 1.
    """
    out = []
    for spec in SOURCES.values():
        named = parse_file_name(file_name, spec.file_patterns) is not None
        own = {v.name.upper() for v in spec.variables if v.pattern is None}  # not a successor's names
        hits = sum(1 for c in columns if c.upper() in own or _pattern_match(spec, c))
        share = hits / len(columns) if columns else 0.0
        coverage = hits / max(1, len([v for v in spec.variables if v.required]))
        score = (1.0 if named else 0.0) + 0.5 * share + 0.5 * min(1.0, coverage)
        reason = []
        if named:
            reason.append("file name matches " + next(p for p in spec.file_patterns
                                                     if name_regex(p).match(file_name)))
        reason.append(f"{hits} of {len(columns)} columns are {spec.name} variables")
        out.append((spec.name, score, "; ".join(reason)))
    return sorted(out, key=lambda r: -r[1])


def value_fit(var: Variable, values: pa.Array) -> float:
    """Share (0..1) of the sample's non-missing values that fit ``var``: parse as its kind,
    and lie in its code list; 0.5 when the kind says nothing (free strings, codes without
    a list) or there are no values."""
    if len(values) == 0:
        return 0.5
    converted = convert_column(var, values)
    present = int(pc.sum(pc.is_valid(converted.values)).as_py() or 0)
    errors = sum(int(pc.sum(i.mask).as_py() or 0) for i in converted.issues if i.severity == "error")
    sentinels = sum(int(pc.sum(i.mask).as_py() or 0) for i in converted.issues if i.severity != "error")
    total = present + errors + sentinels
    if total == 0:
        return 0.5
    if var.kind in ("str",) or (var.kind == "code" and not var.codes):
        return 0.5 if errors == 0 else 0.3
    good = present + sentinels
    if var.kind == "code" and var.codes:
        inside = int(pc.sum(pc.is_in(converted.values, value_set=pa.array(list(var.codes)))).as_py() or 0)
        good = inside + sentinels
    return good / total


def match_columns(spec: SourceSpec, columns: list[str], sample: pa.Table) -> list[ColumnMatch]:
    """Best spec variable per file column (one column per variable): exact names, then
    case-insensitive names and column families (gemYYYY), then the highest combined score
    of name similarity and value fit above a threshold."""
    result: dict[str, ColumnMatch] = {}
    taken: set[str] = set()
    known = _known_names(spec)
    for c in columns:
        var = known.get(c.upper())
        if var is not None and var.name not in taken:
            result[c] = ColumnMatch(c, var, "exact" if c in (var.name, spec.rename_to_successor.get(var.name))
                                    else "case", 1.0)
            taken.add(var.name)
        elif _pattern_match(spec, c):
            result[c] = ColumnMatch(c, _pattern_match(spec, c), "family", 1.0)
    candidates = []
    free_vars = [v for v in spec.variables if v.pattern is None and v.name not in taken]
    for c in columns:
        if c in result:
            continue
        values = sample.column(c) if c in sample.column_names else pa.array([], pa.string())
        for v in free_vars:
            name_sim = difflib.SequenceMatcher(None, _normalised(c), v.name.upper()).ratio()
            fit = value_fit(v, values)
            if v.kind in ("int", "float", "money", "str") or (v.kind == "code" and not v.codes):
                fit *= 0.5  # any number fits a numeric variable: weak evidence
            # Values alone are evidence only for dates (YYYYMMDD is distinctive); small code
            # lists such as 1/2 fit many columns, so other kinds also need a similar name.
            plausible = name_sim >= _NAME_MINIMUM or (v.kind == "date" and fit >= 0.9)
            if plausible:
                candidates.append((0.5 * name_sim + 0.5 * fit, name_sim, c, v))
    for score, name_sim, c, v in sorted(candidates, key=lambda t: (-t[0], -t[1], t[2], t[3].name)):
        if c in result or v.name in taken or score < _MATCH_THRESHOLD:
            continue
        result[c] = ColumnMatch(c, v, "similar", score)
        taken.add(v.name)
    return [result.get(c, ColumnMatch(c, None, "", 0.0)) for c in columns]


#: Words for the start and end of a period, written the way CBS names spell dates (AANV.../EIND...).
_PERIOD_WORDS = ((r"BEGIN|START|AANVANG|VANAF", "AANV"), (r"EINDE|END", "EIND"))


def _normalised(column: str) -> str:
    """Upper-cased column name with period words in CBS spelling (``begin_periode`` -> ``AANV_PERIODE``)."""
    name = column.upper()
    for pattern, cbs in _PERIOD_WORDS:
        name = re.sub(pattern, cbs, name)
    return name


def _examples(values: pa.Array, var: Variable | None, limit: int = 3) -> str:
    if var is not None and var.kind == "key" and var.width:
        return "(person numbers not shown)"
    shown = []
    for v in pc.unique(values.drop_null() if hasattr(values, "drop_null") else values).to_pylist():
        text = str(v)
        if text.strip() == "":
            continue
        shown.append(text if len(text) <= 16 else text[:13] + "...")
        if len(shown) == limit:
            break
    return ", ".join(shown)


def _suggested_path(header: FileHeader, spec: SourceSpec) -> str:
    name = header.path.name
    for pattern in spec.file_patterns:
        m = name_regex(pattern).match(name)
        if not m:
            continue
        spans = []
        if m.groupdict().get("year"):
            spans.append((m.start("year"), m.end("year"), "{year}"))
        if m.groupdict().get("version"):
            spans.append((m.start("version"), m.end("version"), "*"))
        for start, end, text in sorted(spans, reverse=True):
            name = name[:start] + text + name[end:]
        folder = header.path.parent.as_posix()
        year = m.groupdict().get("year")
        if year and header.path.parent.name == year:
            folder = header.path.parent.parent.as_posix() + "/{year}"
        return f"{folder}/{name}"
    return header.path.as_posix()


def _render(header: FileHeader, sample: pa.Table, ranking: list[tuple[str, float, str]], spec: SourceSpec,
            matches: list[ColumnMatch]) -> str:
    rows = f"{header.n_rows} rows" if header.n_rows is not None else "rows: unknown without reading the file"
    lines = [f"File: {header.path}", f"Format: {header.format}; {rows}; {len(header.columns)} variables"]
    if header.format == "csv":
        lines.append(f"CSV: delimiter {header.delimiter!r}, decimal mark {header.decimal!r}, "
                     f"encoding {header.encoding}")
    lines.append(f"Most likely source: {spec.name} ({spec.label}): {ranking[0][2]}")
    others = [f"{n} ({s:.2f})" for n, s, _ in ranking[1:4] if s > 0]
    if others:
        lines.append(f"Next candidates: {', '.join(others)}")
    lines.append("")
    width = max([len(c) for c in header.columns] + [8])
    lines.append(f"{'variable':<{width}}  {'type':<10}  {'match in ' + spec.name:<32}  examples")
    for m in matches:
        ftype = str(header.types.get(m.column, ""))[:10]
        target = f"{m.variable.name} ({m.how})" if m.variable is not None else "-"
        values = sample.column(m.column) if m.column in sample.column_names else pa.array([], pa.string())
        lines.append(f"{m.column:<{width}}  {ftype:<10}  {target:<32}  {_examples(values, m.variable)}")
        label = header.column_labels.get(m.column)
        if label:
            lines.append(f"{'':<{width}}  label: {label}")
    labelled = {c: lab for c, lab in header.value_labels.items() if lab}
    if labelled:
        lines += ["", "Value labels (compare on codes, not labels: cbs-sources.md §0.4):"]
        for column, labels in labelled.items():
            items = list(labels.items())
            shown = ", ".join(f"{_code_text(k)} = {v}" for k, v in items[:10])
            more = f", ... ({len(items)} labels)" if len(items) > 10 else ""
            lines.append(f"  {column}: {shown}{more}")
    matched = {m.variable.name for m in matches if m.variable is not None}
    lacking = [v.name for v in spec.variables if v.required and v.pattern is None and v.name not in matched]
    if lacking:
        lines += ["", f"Required {spec.name} variables without a matching column: {', '.join(lacking)}"]
    rename = {m.column: m.variable.name for m in matches if m.how == "similar" and m.variable is not None}
    lines += ["", "Suggested catalog entry (check every 'similar' match before use):",
              f"[sources.{spec.name}]", f"path = \"{_suggested_path(header, spec)}\""]
    pairs = ", ".join(f"\"{k}\" = \"{v}\"" for k, v in rename.items())
    lines.append(f"rename = {{ {pairs} }}" if pairs else "rename = {}")
    if header.format == "csv":
        lines.append(f"delimiter = \"{header.delimiter}\"")
        lines.append(f"decimal = \"{header.decimal}\"")
    return "\n".join(lines) + "\n"


def _code_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
