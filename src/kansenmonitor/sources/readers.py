"""Read CBS source files (SPSS .sav, Stata .dta, CSV, Parquet) into typed Arrow tables.

cbs-sources.md §0.2: ``.sav`` is the primary format, with ``.dta`` copies in "geconverteerde
data" and some CSV deliveries (``;`` separator, ``,`` decimal mark); SPOLISBUS is read
column-selectively everywhere. The readers therefore

- read only the columns the source spec declares (``usecols`` / ``include_columns`` /
  Parquet column projection), in chunks so memory stays bounded (national SPOLIS has
  ~120 M rows a year, §6.1);
- match column names case-insensitively (HOOGSTEOPLTAB ``...metNIRWO``, §9) after the
  catalog's ``rename`` map, and read predecessor files (POLISBUS, IPI) under their
  successor's names (§6.1, §7);
- convert every column to its kind's type (convert.py) and add ``_row``, the 1-based data
  row in the source file, so every later problem can name the row.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pyreadstat

from kansenmonitor.errors import Finding, InputError
from kansenmonitor.sources.convert import ARROW_TYPES, convert_column
from kansenmonitor.sources.files import EXTENSIONS
from kansenmonitor.sources.spec import SourceSpec, Variable
from kansenmonitor.sources.tally import RowProblem, Tally

ROW = "_row"
DEFAULT_CHUNK_ROWS = 1_000_000
_CSV_BLOCK_BYTES = 32 << 20
_SNIFF_BYTES = 1 << 16


@dataclass(frozen=True)
class ReadOptions:
    """How to read one source file (the catalog entry's reading options)."""

    format: str | None = None  # "sav" | "dta" | "csv" | "parquet"; None: from the extension
    delimiter: str | None = None  # CSV only; None: sniffed from the header line
    decimal: str | None = None  # "." or ","; None: sniffed (CSV) or "."
    encoding: str | None = None  # CSV default utf-8; for sav/dta None means "as the file says"
    rename: Mapping[str, str] = field(default_factory=dict)  # file column -> spec variable
    chunk_rows: int = DEFAULT_CHUNK_ROWS


@dataclass
class FileHeader:
    """What a file says about itself before any data row is read."""

    path: Path
    format: str
    columns: list[str]
    types: dict[str, str]
    n_rows: int | None
    value_labels: dict[str, dict[object, str]] = field(default_factory=dict)
    column_labels: dict[str, str] = field(default_factory=dict)
    delimiter: str | None = None
    decimal: str = "."
    encoding: str | None = None


@dataclass(frozen=True)
class MappedColumn:
    """A file column that is read: its name in the file, its spec variable, its output name."""

    source: str
    variable: Variable
    output: str


@dataclass
class ColumnMap:
    """How the columns of one file map onto a source spec (§0.1: names vary by release)."""

    columns: list[MappedColumn]
    missing: list[Variable]  # required variables without a column
    extra: list[str]  # file columns that are not in the spec (not read)
    clashes: list[tuple[str, list[str]]]  # variable matched by more than one file column
    unused_renames: list[str]  # rename keys that are not a column of the file

    def source_name(self, output: str) -> str:
        """The file's column name for an output column (for messages)."""
        for c in self.columns:
            if c.output == output:
                return c.source
        return output

    def output_names(self) -> list[str]:
        return [c.output for c in self.columns]


@dataclass
class Chunk:
    """One block of typed rows and the problems found converting it."""

    table: pa.Table  # typed columns (output names) plus ``_row``
    problems: list[RowProblem]


@dataclass
class SourceTable:
    """A whole file read into memory (small files, tests, inspection)."""

    table: pa.Table
    findings: list[Finding]
    columns: ColumnMap
    header: FileHeader


# ---------------------------------------------------------------- formats and headers

def file_format(path: str | Path, declared: str | None = None) -> str:
    """The reader to use: ``declared`` when given, else from the extension (any case)."""
    fmt = (declared or Path(path).suffix.lstrip(".")).lower()
    if fmt not in EXTENSIONS:
        raise InputError(str(path), None, f"unsupported file format {fmt!r}; expected one of "
                                          f"{', '.join(EXTENSIONS)} (set format = ... in the catalog)")
    return fmt


def read_header(path: str | Path, options: ReadOptions | None = None) -> FileHeader:
    """Columns, types, row count and labels of a file, reading metadata only (sav/dta/parquet)
    or the first lines (CSV). Raises InputError for unreadable files."""
    path = Path(path)
    options = options or ReadOptions()
    fmt = file_format(path, options.format)
    if not path.is_file():
        raise InputError(str(path), None, "file not found")
    if fmt in ("sav", "dta"):
        header = _stat_header(path, fmt, options)
    elif fmt == "parquet":
        header = _parquet_header(path)
    else:
        return _csv_header(path, options)
    header.decimal = options.decimal or "."  # only used for numbers stored as text
    return header


def _stat_reader(fmt: str):
    return pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta


def _stat_header(path: Path, fmt: str, options: ReadOptions) -> FileHeader:
    try:
        _, meta = _stat_reader(fmt)(str(path), metadataonly=True, encoding=options.encoding)
    except Exception as exc:  # pyreadstat raises several exception types for bad files
        raise InputError(str(path), None, f"cannot read {fmt} file: {_one_line(exc)}") from None
    types = {c: meta.original_variable_types.get(c, meta.readstat_variable_types.get(c, "?"))
             for c in meta.column_names}
    n_rows = meta.number_rows if meta.number_rows is not None and meta.number_rows >= 0 else None
    return FileHeader(path, fmt, list(meta.column_names), types, n_rows,
                      value_labels=dict(meta.variable_value_labels or {}),
                      column_labels={c: lab for c, lab in zip(meta.column_names, meta.column_labels or [])
                                     if lab},
                      encoding=options.encoding)


def _parquet_header(path: Path) -> FileHeader:
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:
        raise InputError(str(path), None, f"cannot read parquet file: {_one_line(exc)}") from None
    schema = pf.schema_arrow
    return FileHeader(path, "parquet", list(schema.names), {f.name: str(f.type) for f in schema},
                      pf.metadata.num_rows)


def _csv_header(path: Path, options: ReadOptions) -> FileHeader:
    encoding = options.encoding or "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(str(path), None, f"unknown encoding {encoding!r}") from None
    with open(path, "rb") as fh:
        sample = fh.read(_SNIFF_BYTES)
    if not sample.strip():
        raise InputError(str(path), None, "empty file: no header line and no data rows")
    if len(sample) == _SNIFF_BYTES:  # do not cut a line (or a multi-byte character) in half
        sample = sample[: sample.rfind(b"\n") + 1] or sample
    newline = sample.find(b"\n")
    head_bytes, body_bytes = (sample[: newline + 1], sample[newline + 1:]) if newline >= 0 else (sample, b"")
    head = _decode_or_fail(path, head_bytes, encoding, None, None).lstrip("\ufeff").rstrip("\r\n")
    delimiter = options.delimiter or _sniff_delimiter(head)
    columns = [c.strip() for c in next(csv.reader([head], delimiter=delimiter))]
    body = _decode_or_fail(path, body_bytes, encoding, columns, delimiter, first_line=2)
    rows = list(csv.reader(io.StringIO("\n".join(body.splitlines()[:200])), delimiter=delimiter))
    decimal = options.decimal or _sniff_decimal(rows, delimiter)
    return FileHeader(path, "csv", columns, {c: "text" for c in columns}, None,
                      delimiter=delimiter, decimal=decimal, encoding=encoding)


def _sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _sniff_decimal(rows: list[list[str]], delimiter: str) -> str:
    """"," when numbers in the first data lines use a decimal comma (§0.2), else "."."""
    if delimiter == ",":
        comma = sum(1 for r in rows for v in r if re.fullmatch(r"\s*-?\d+,\d+\s*", v))
    else:
        comma = sum(1 for r in rows for v in r if re.fullmatch(r"\s*-?\d*,\d+\s*", v))
    point = sum(1 for r in rows for v in r if re.fullmatch(r"\s*-?\d*\.\d+\s*", v))
    return "," if comma > point else "."


def _decode_or_fail(path: Path, data: bytes, encoding: str, columns: list[str] | None,
                    delimiter: str | None, first_line: int = 1) -> str:
    """Decode ``data``; a wrong encoding raises an InputError naming the line and column."""
    try:
        return data.decode(python_encoding(encoding))
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        raise _encoding_error(path, data, exc, line, encoding, columns, delimiter) from None


def _encoding_error(path: Path, data: bytes, exc: UnicodeDecodeError, line: int, encoding: str,
                    columns: list[str] | None, delimiter: str | None) -> InputError:
    start = data.rfind(b"\n", 0, exc.start) + 1
    variable = None
    if columns and delimiter and line > 1:
        field_index = data[start:exc.start].count(delimiter.encode("ascii", "replace"))
        variable = columns[field_index] if field_index < len(columns) else None
    byte = data[exc.start:exc.start + 1].hex()
    hint = "cp1252" if _is_utf8(encoding) else "utf-8"
    problem = (f"text is not valid {encoding} (byte 0x{byte} at line {line}); "
               f"set encoding = \"{hint}\" (or the file's encoding) in the catalog")
    return InputError(str(path), variable, problem, row=line - 1 if line > 1 else None)


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig")


def python_encoding(encoding: str | None) -> str:
    """Codec name for Python decoding (UTF-8 with an optional byte-order mark by default)."""
    return "utf-8-sig" if encoding is None or _is_utf8(encoding) else encoding


def arrow_encoding(encoding: str | None) -> str:
    """Encoding name for pyarrow's CSV reader ("utf8" natively, others transcoded)."""
    return "utf8" if encoding is None or _is_utf8(encoding) else encoding


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# ---------------------------------------------------------------- column mapping

def map_columns(spec: SourceSpec, file_columns: list[str], rename: Mapping[str, str] | None = None,
                year: int | None = None) -> ColumnMap:
    """Map file columns onto ``spec`` variables; returns the columns to read and what is missing.

    Order of matching: the catalog's ``rename`` (file column -> expected name; keys matched
    exactly, then case-insensitively), then the spec name case-insensitively (§9); for a
    predecessor spec the successor's names are accepted too. Output names are the spec
    names, or the successor's for POLISBUS/IPI (``rename_to_successor``, §6.1, §7).
    Required variables of ``year`` (spec ``years``) without a column are ``missing``.
    """
    rename = dict(rename or {})
    upper_rename = {k.upper(): v for k, v in rename.items()}
    by_name: dict[str, Variable] = {}
    for v in spec.variables:
        if v.pattern is None:
            by_name[v.name.upper()] = v
    for old, new in spec.rename_to_successor.items():
        if old.upper() in by_name:
            by_name.setdefault(new.upper(), by_name[old.upper()])
    patterned = [(v, re.compile(v.pattern)) for v in spec.variables if v.pattern]

    used_renames: set[str] = set()
    chosen: dict[str, list[tuple[str, Variable, str]]] = {}
    extra: list[str] = []
    for col in file_columns:
        target = rename.get(col)
        if target is None and col.upper() in upper_rename:
            target = upper_rename[col.upper()]
        if target is not None:
            used_renames.add(col.upper())
        name = target if target is not None else col
        var = by_name.get(name.upper())
        output = None
        if var is not None:
            output = spec.rename_to_successor.get(var.name, var.name)
        else:
            for pvar, rx in patterned:
                m = rx.match(name)
                if m:
                    var, output = pvar, pvar.name + (m.group(1) if m.groups() else "")
                    break
        if var is None or output is None:
            extra.append(col)
            continue
        chosen.setdefault(output.upper(), []).append((col, var, output))

    columns: list[MappedColumn] = []
    clashes: list[tuple[str, list[str]]] = []
    for matches in chosen.values():
        if len(matches) > 1:
            clashes.append((matches[0][2], [m[0] for m in matches]))
        col, var, output = matches[0]
        columns.append(MappedColumn(col, var, output))
    found = {c.variable.name for c in columns}
    missing = [v for v in spec.variables_for_year(year) if v.required and v.name not in found]
    unused = [k for k in rename if k.upper() not in used_renames]
    return ColumnMap(columns, missing, extra, clashes, unused)


# ---------------------------------------------------------------- reading rows

#: Threads that convert the columns of one chunk.
_CONVERT_THREADS = max(1, min(4, os.cpu_count() or 1))

def iter_chunks(header: FileHeader, columns: ColumnMap, options: ReadOptions | None = None) -> Iterator[Chunk]:
    """Typed chunks of the mapped columns, in file order, each with ``_row`` and its problems.

    Memory is bounded by ``options.chunk_rows`` (sav/dta/parquet) or a 32 MB block (CSV).
    """
    options = options or ReadOptions()
    names = [c.source for c in columns.columns]
    offset = 0
    # Arrow's compute kernels release the GIL: columns convert in parallel threads.
    with ThreadPoolExecutor(max_workers=_CONVERT_THREADS) as pool:
        for raw in _raw_batches(header, names, options):
            n = raw.num_rows
            if n == 0:
                continue
            rows = pa.array(np.arange(offset + 1, offset + n + 1, dtype=np.int64))
            converted = list(pool.map(lambda col: convert_column(col.variable, raw.column(col.source), header.decimal),
                                      columns.columns))
            arrays, fields, problems = [], [], []
            for col, conv in zip(columns.columns, converted):
                raw_col = raw.column(col.source)
                arrays.append(conv.values.cast(ARROW_TYPES[col.variable.kind]))
                fields.append(pa.field(col.output, ARROW_TYPES[col.variable.kind]))
                problems.extend(RowProblem(col.source, i.problem, i.mask, raw_col if i.severity == "error" else None,
                                           i.severity) for i in conv.issues)
            arrays.append(rows)
            fields.append(pa.field(ROW, pa.int64()))
            yield Chunk(pa.Table.from_arrays(arrays, schema=pa.schema(fields)), problems)
            offset += n


def _raw_batches(header: FileHeader, names: list[str], options: ReadOptions) -> Iterator[pa.Table]:
    if header.format in ("sav", "dta"):
        yield from _stat_batches(header, names, options)
    elif header.format == "parquet":
        yield from _parquet_batches(header, names, options)
    else:
        yield from _csv_batches(header, names)


def _stat_batches(header: FileHeader, names: list[str], options: ReadOptions) -> Iterator[pa.Table]:
    reader = pyreadstat.read_file_in_chunks(
        _stat_reader(header.format), str(header.path), chunksize=max(1, options.chunk_rows),
        usecols=names or None, dates_as_pandas_datetime=True, encoding=options.encoding)
    try:
        for df, _ in reader:
            yield pa.Table.from_pandas(df, preserve_index=False)
    except InputError:
        raise
    except Exception as exc:  # a damaged or truncated file
        raise InputError(str(header.path), None, f"cannot read {header.format} file: {_one_line(exc)}") from None


def _parquet_batches(header: FileHeader, names: list[str], options: ReadOptions) -> Iterator[pa.Table]:
    try:
        pf = pq.ParquetFile(header.path)
        for batch in pf.iter_batches(batch_size=max(1, options.chunk_rows), columns=names):
            yield pa.Table.from_batches([batch])
    except Exception as exc:
        raise InputError(str(header.path), None, f"cannot read parquet file: {_one_line(exc)}") from None


def _csv_batches(header: FileHeader, names: list[str]) -> Iterator[pa.Table]:
    # Read every selected column as text: conversion (and its error messages) is ours.
    header_names = _csv_header_names(header)
    convert = pcsv.ConvertOptions(include_columns=[header_names[header.columns.index(n)] for n in names],
                                  column_types={header_names[header.columns.index(n)]: pa.string() for n in names},
                                  strings_can_be_null=False, quoted_strings_can_be_null=False)
    read = pcsv.ReadOptions(encoding=arrow_encoding(header.encoding), block_size=_CSV_BLOCK_BYTES)
    parse = pcsv.ParseOptions(delimiter=header.delimiter or ",")
    try:
        reader = pcsv.open_csv(header.path, read_options=read, parse_options=parse, convert_options=convert)
        for batch in reader:
            table = pa.Table.from_batches([batch])
            yield table.rename_columns([header.columns[header_names.index(c)] for c in table.column_names])
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise _locate_csv_problem(header, exc) from None


def _csv_header_names(header: FileHeader) -> list[str]:
    """Header names exactly as pyarrow sees them (before our stripping of spaces)."""
    with open(header.path, "rb") as fh:
        first = fh.readline()
    text = first.decode(python_encoding(header.encoding), errors="replace").lstrip("\ufeff").rstrip("\r\n")
    return next(csv.reader([text], delimiter=header.delimiter or ","))


def _locate_csv_problem(header: FileHeader, exc: BaseException) -> InputError:
    """Find the line behind a CSV error (bad encoding, wrong number of fields) by a
    streaming scan, so the message names line, column and row."""
    encoding = header.encoding or "utf-8"
    decoder_name = python_encoding(encoding)
    ncols = len(header.columns)
    with open(header.path, "rb") as fh:
        for line_no, line in enumerate(fh, start=1):
            try:
                text = line.decode(decoder_name)
            except UnicodeDecodeError as err:
                return _encoding_error(header.path, line, err, line_no, encoding, header.columns, header.delimiter)
            if line_no == 1 or not text.strip():
                continue
            fields = next(csv.reader([text.rstrip("\r\n")], delimiter=header.delimiter or ","), [])
            if len(fields) != ncols:
                return InputError(str(header.path), None, f"line {line_no} has {len(fields)} fields, "
                                                          f"the header has {ncols}", row=line_no - 1)
    return InputError(str(header.path), None, f"cannot read CSV: {_one_line(exc)}")


def read_source(path: str | Path, spec: SourceSpec, options: ReadOptions | None = None,
                year: int | None = None) -> SourceTable:
    """Read a whole (small) file into one typed table with ``_row``; returns it with the
    conversion findings (unparseable values, sentinels). Structural problems (missing
    required columns, unreadable file) raise InputError; row problems do not — see
    validate.py and staging.py for the policies."""
    options = options or ReadOptions()
    header = read_header(path, options)
    columns = map_columns(spec, header.columns, options.rename, year)
    if columns.missing:
        v = columns.missing[0]
        raise InputError(str(path), v.name, missing_problem(spec, header))
    tally = Tally(str(path))
    tables = []
    for chunk in iter_chunks(header, columns, options):
        for p in chunk.problems:
            tally.add(p, chunk.table.column(ROW))
        tables.append(chunk.table)
    if tables:
        table = pa.concat_tables(tables)
    else:
        table = pa.schema([pa.field(c.output, ARROW_TYPES[c.variable.kind]) for c in columns.columns]
                          + [pa.field(ROW, pa.int64())]).empty_table()
    return SourceTable(table, tally.findings(), columns, header)


def missing_problem(spec: SourceSpec, header: FileHeader) -> str:
    """Message for a required variable without a column."""
    shown = ", ".join(header.columns[:12]) + (" ..." if len(header.columns) > 12 else "")
    return (f"required {spec.name} variable not found among the file's columns ({shown}); "
            f"map it with rename = {{ \"<file column>\" = \"<variable>\" }} in the catalog")
