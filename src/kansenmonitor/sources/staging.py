"""Stage source files once as typed Parquet, partitioned by year and person bucket.

cbs-sources.md §0.2 and peers-engines.md §2.3: decoding ``.sav`` is where the time goes, so
each (file, version) is converted ONCE and reused while the source file is unchanged
(fingerprint: resolved path, size, mtime_ns, staging format version, source spec, rename
map and reading options, in a JSON manifest per staged file). Layout under the catalog's
staging folder::

    <SOURCE>/<filestem>/year=<y>/bucket=<b>/part-0.parquet   yearly person files
    <SOURCE>/<filestem>/bucket=<b>/part-0.parquet            longitudinal person files
    <SOURCE>/<filestem>/data.parquet                         reference files (not person-level)
    <SOURCE>/<filestem>/year=<y>/data.parquet                yearly files that are not person-level

Rows are sorted by RINPERSOON (then spell start) inside each bucket file and keep ``_row``,
the data row in the source file. Buckets are :func:`kansenmonitor.buckets.bucket_sql`.

A file is streamed chunk by chunk (readers.py) into a bucket-partitioned scratch area, so a
national SPOLIS year never sits in memory; the cross-row checks (validate.py) and the final
sort run per bucket in DuckDB with an explicit memory limit and temp directory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import numpy as np
import psutil
import pyarrow as pa
import pyarrow.parquet as pq

import kansenmonitor
from kansenmonitor.buckets import bucket_sql
from kansenmonitor.errors import ConfigError, Finding, InputError
from kansenmonitor.progress import bar, progress
from kansenmonitor.sources.catalog import Catalog, SourceEntry, load_catalog
from kansenmonitor.sources.files import FoundFile, find_source_files
from kansenmonitor.sources.readers import ROW, ColumnMap, FileHeader, iter_chunks, map_columns, read_header
from kansenmonitor.sources.spec import SOURCES, SourceSpec
from kansenmonitor.sources.tally import Tally, finding_order, problem_labels
from kansenmonitor.sources.validate import (PROBLEM, CrossRowChecks, CrossRowSummary, column_findings,
                                            cross_row_checks, cross_row_summary_sql, empty_file_finding, enforce,
                                            flag_sql, output_name, quote, row_checks, spell_columns)

log = logging.getLogger("kansenmonitor.sources")
log.addHandler(logging.NullHandler())  # the report shows exclusions; no stray stderr lines unless the app logs

#: Bump when the staged layout or typing changes: every staged file is then redone.
STAGING_FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_PART = "part-0.parquet"


@dataclass
class StagedFile:
    """One source file staged as Parquet (or reused from an earlier run)."""

    source: str
    path: Path  # the source file
    year: int | None
    version: int
    release_year: int | None
    directory: Path
    parquet_files: list[Path]
    rows_source: int
    rows_staged: int
    excluded: dict[str, int]
    findings: list[Finding]
    columns: dict[str, str]  # staged column -> DuckDB type
    reused: bool = False

    @property
    def glob(self) -> str:
        """Glob of this file's staged Parquet, for DuckDB ``read_parquet``."""
        return (self.directory / "**" / "*.parquet").as_posix()


@dataclass
class StagedSource:
    """All staged files of one source."""

    name: str
    spec: SourceSpec
    buckets: int
    files: list[StagedFile]
    findings: list[Finding] = field(default_factory=list)  # from locating the files

    @property
    def paths(self) -> list[Path]:
        """Every staged Parquet file of the source."""
        return [p for f in self.files for p in f.parquet_files]

    @property
    def glob(self) -> list[str]:
        """One glob per staged file (only current versions; never stale ones)."""
        return [f.glob for f in self.files]

    @property
    def years(self) -> list[int]:
        return sorted(f.year for f in self.files if f.year is not None)

    @property
    def rows_source(self) -> int:
        return sum(f.rows_source for f in self.files)

    @property
    def rows_staged(self) -> int:
        return sum(f.rows_staged for f in self.files)

    @property
    def excluded(self) -> dict[str, int]:
        """Excluded rows per reason, summed over files."""
        out: dict[str, int] = {}
        for f in self.files:
            for reason, n in f.excluded.items():
                out[reason] = out.get(reason, 0) + n
        return out

    @property
    def all_findings(self) -> list[Finding]:
        return self.findings + [x for f in self.files for x in f.findings]


@dataclass
class StagingReport:
    """Result of :func:`stage_catalog`: staged sources and the sources the catalog leaves out."""

    catalog: Catalog
    sources: dict[str, StagedSource]
    not_in_catalog: list[str]

    @property
    def findings(self) -> list[Finding]:
        return [f for s in self.sources.values() for f in s.all_findings]

    def lines(self) -> list[str]:
        """Human summary: one line per staged file, then warnings and exclusions."""
        out = []
        for s in self.sources.values():
            for f in s.files:
                what = "reused" if f.reused else "staged"
                when = f" {f.year}" if f.year is not None else ""
                excl = sum(f.excluded.values())
                extra = f", {excl} rows excluded" if excl else ""
                out.append(f"{s.name}{when}: {f.path.name}: {f.rows_staged} rows {what}{extra}")
                for reason, n in sorted(f.excluded.items()):
                    out.append(f"    excluded {n} rows: {reason}")
            for x in sorted(s.all_findings, key=finding_order):
                if x.severity != "error":
                    out.append(f"  {x.severity}: {x.message()}")
        if self.not_in_catalog:
            out.append(f"not in the catalog (indicators needing them lack input): {', '.join(self.not_in_catalog)}")
        return out


# ---------------------------------------------------------------- DuckDB

def default_memory_limit(workers: int = 1) -> str:
    """Half of physical memory shared by ``workers`` processes (DuckDB's own default of 80%
    ignores other processes; peers-engines.md §2.5)."""
    total = psutil.virtual_memory().total
    return f"{max(256, int(total * 0.5 / max(1, workers) / 2**20))}MB"


def connect(catalog: Catalog, workers: int = 1) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with an explicit memory limit, a temp directory under the staging
    folder and ``preserve_insertion_order = false`` (peers-engines.md §2.5)."""
    temp = _duckdb_temp(catalog)
    temp.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    threads = catalog.threads or max(1, (os.cpu_count() or 1) // max(1, workers))
    con.execute(f"SET memory_limit = '{catalog.memory_limit or default_memory_limit(workers)}'")
    con.execute(f"SET temp_directory = '{_sql_path(temp)}'")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")  # our own progress bars; no stray output
    con.execute(f"SET threads = {int(threads)}")
    return con


def _duckdb_temp(catalog: Catalog) -> Path:
    return catalog.staging / ".tmp" / f"duckdb-{os.getpid()}"


def _sql_path(path: Path) -> str:
    return path.as_posix().replace("'", "''")


# ---------------------------------------------------------------- fingerprints and manifests

def safe_stem(path: Path) -> str:
    """Folder name for a staged file: the file stem with characters that are awkward in
    globs and SQL replaced (``120619 HOOGSTEOPLTAB 2008V1`` -> ``120619_HOOGSTEOPLTAB_2008V1``)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", path.stem)


def fingerprint(catalog: Catalog, entry: SourceEntry, found: FoundFile) -> dict:
    """What a staged file depends on; staging is redone when any of it changes."""
    stat = found.path.stat()
    spec_hash = hashlib.sha256(repr(entry.spec).encode("utf-8")).hexdigest()[:16]
    return {
        "path": str(found.path.resolve()),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "staging_format": STAGING_FORMAT_VERSION,
        "spec": spec_hash,
        "rename": sorted([k, v] for k, v in entry.rename.items()),
        "format": entry.format, "delimiter": entry.delimiter, "decimal": entry.decimal,
        "encoding": entry.encoding, "on_invalid": entry.on_invalid,
        "buckets": catalog.buckets if entry.spec.person_level else None,
    }


def _load_reusable(directory: Path, fp: dict) -> StagedFile | None:
    manifest = directory / MANIFEST
    if not manifest.is_file():
        return None
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("fingerprint") != fp:
        return None
    files = [directory / p for p in data["parquet_files"]]
    if not all(p.is_file() for p in files):
        return None
    return StagedFile(source=data["source"], path=Path(data["file"]), year=data["year"], version=data["version"],
                      release_year=data["release_year"], directory=directory, parquet_files=files,
                      rows_source=data["rows_source"], rows_staged=data["rows_staged"], excluded=data["excluded"],
                      findings=[Finding(**f) for f in data["findings"]], columns=data["columns"], reused=True)


def _write_manifest(directory: Path, final: Path, staged: StagedFile, fp: dict) -> None:
    data = {
        "fingerprint": fp, "source": staged.source, "file": str(staged.path), "year": staged.year,
        "version": staged.version, "release_year": staged.release_year,
        "rows_source": staged.rows_source, "rows_staged": staged.rows_staged, "excluded": staged.excluded,
        "findings": [asdict(f) for f in staged.findings], "columns": staged.columns,
        "parquet_files": [p.relative_to(final).as_posix() for p in staged.parquet_files],
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "kansenmonitor": kansenmonitor.__version__,
    }
    tmp = directory / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, directory / MANIFEST)


# ---------------------------------------------------------------- staging one file

def stage_file(catalog: Catalog, entry: SourceEntry, found: FoundFile, workers: int = 1) -> StagedFile:
    """Stage one source file (or reuse its earlier staging); returns the StagedFile.

    Raises InputError for structural problems, and for row problems when the entry's
    ``on_invalid`` is ``fail``; with ``exclude`` offending rows are dropped and counted
    per reason in ``StagedFile.excluded`` (and the manifest).
    """
    spec = entry.spec
    source_dir = catalog.staging / spec.name
    final = source_dir / safe_stem(found.path)
    fp = fingerprint(catalog, entry, found)
    reused = _load_reusable(final, fp)
    if reused is not None:
        log.info("%s: reusing staged %s", found.label, final)
        return reused

    # Work outside <SOURCE>/ so a crashed run never leaves Parquet where readers glob.
    scratch = catalog.staging / ".partial" / spec.name
    for old in scratch.glob(f"{safe_stem(found.path)}-*"):
        shutil.rmtree(old, ignore_errors=True)
    partial = scratch / f"{safe_stem(found.path)}-{os.getpid()}"
    partial.mkdir(parents=True)
    con = connect(catalog, workers)
    try:
        staged = _convert(catalog, entry, found, con, partial, final)
        _write_manifest(partial, final, staged, fp)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    finally:
        con.close()
        shutil.rmtree(_duckdb_temp(catalog), ignore_errors=True)
    if final.exists():
        shutil.rmtree(final)
    source_dir.mkdir(parents=True, exist_ok=True)
    os.replace(partial, final)
    _remove_superseded(source_dir, final, found)
    log.info("%s: staged %d rows (%d excluded) in %s", found.label, staged.rows_staged,
             sum(staged.excluded.values()), final)
    return staged


def _convert(catalog: Catalog, entry: SourceEntry, found: FoundFile, con: duckdb.DuckDBPyConnection,
             partial: Path, final: Path) -> StagedFile:
    """Read, check and write one file into ``partial``; returns its StagedFile (located at ``final``)."""
    spec = entry.spec
    options = entry.read_options(catalog.chunk_rows)
    header = read_header(found.path, options)
    columns = map_columns(spec, header.columns, options.rename, found.year)
    findings = column_findings(spec, header, columns)
    enforce(findings, entry.on_invalid, structural=True)

    tally = Tally(str(found.path))
    raw = partial / "_raw"
    raw.mkdir()
    rows_source, schema = _read_into_scratch(catalog, entry, found, header, columns, tally, con, raw)
    if rows_source == 0 or schema is None:
        raise InputError.from_finding(empty_file_finding(header))

    checks = cross_row_checks(spec, columns)
    summary = CrossRowSummary()
    out_cols = [c.output for c in columns.columns] + [ROW]
    parquet_files, rows_staged, excluded = _check_and_write(catalog, spec, found, con, raw, partial, schema,
                                                            checks, summary, out_cols)
    for f in summary.findings(checks, str(found.path)):
        tally.add_count(f.variable, f.problem, f.severity, f.count, f.row)
    findings = sorted(findings + tally.findings(), key=finding_order)
    enforce(findings, entry.on_invalid)
    if excluded:
        log.warning("%s: %d rows excluded: %s", found.label, sum(excluded.values()),
                    "; ".join(f"{n} {r}" for r, n in sorted(excluded.items())))
    first_part = _sql_path(partial / parquet_files[0])
    types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{first_part}')").fetchall()}
    shutil.rmtree(raw)
    return StagedFile(source=spec.name, path=found.path, year=found.year, version=found.version,
                      release_year=found.release_year, directory=final,
                      parquet_files=[final / p for p in parquet_files], rows_source=rows_source,
                      rows_staged=rows_staged, excluded=excluded, findings=findings, columns=types)


def _read_into_scratch(catalog: Catalog, entry: SourceEntry, found: FoundFile, header: FileHeader,
                       columns: ColumnMap, tally: Tally, con: duckdb.DuckDBPyConnection,
                       raw: Path) -> tuple[int, pa.Schema | None]:
    """Stream the file chunk by chunk into ``raw`` (split by bucket), counting row problems;
    returns (rows read, schema of the typed chunks). With ``fail`` it stops at the first
    chunk with an error."""
    spec = entry.spec
    rows_source = 0
    schema: pa.Schema | None = None
    with bar(found.label, total=header.n_rows, unit="rows") as progress_bar:
        chunks = iter_chunks(header, columns, entry.read_options(catalog.chunk_rows))
        for number, chunk in enumerate(chunks):
            n = chunk.table.num_rows
            problems = chunk.problems + row_checks(spec, chunk.table, columns)
            for p in problems:
                tally.add(p, chunk.table.column(ROW))
            if entry.on_invalid == "fail" and tally.has_errors():
                # Fail fast: do not decode the rest of a national file to count more of the same.
                first = tally.findings()[0]
                if next(chunks, None) is not None:
                    first.problem += f" [counted in the first {rows_source + n} rows; reading stopped]"
                raise InputError.from_finding(first)
            table = chunk.table.append_column(PROBLEM, problem_labels(problems, n))
            schema = table.schema
            _write_raw(con, table, raw, number, spec.person_level, catalog.buckets)
            rows_source += n
            progress_bar.update(n)
    return rows_source, schema


def _check_and_write(catalog: Catalog, spec: SourceSpec, found: FoundFile, con: duckdb.DuckDBPyConnection,
                     raw: Path, partial: Path, schema: pa.Schema, checks: CrossRowChecks,
                     summary: CrossRowSummary, out_cols: list[str]) -> tuple[list[Path], int, dict[str, int]]:
    """Per bucket: flag duplicates and overlaps, then write the clean rows sorted; returns
    (staged files relative to ``partial``, rows staged, excluded rows per reason)."""
    order = _sort_columns(spec, set(out_cols))
    select = ", ".join(quote(c) for c in out_cols)
    units = [(b, raw / f"bucket={b}") for b in range(catalog.buckets)] if spec.person_level else [(None, raw)]
    parquet_files: list[Path] = []
    rows_staged = 0
    excluded: dict[str, int] = {}
    for bucket, folder in progress(units, f"{found.label}: checks", total=len(units), unit="bucket"):
        target = _target_path(partial, spec, found, bucket)
        target.parent.mkdir(parents=True, exist_ok=True)
        files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
        if files:
            relation = "read_parquet([" + ", ".join(f"'{_sql_path(p)}'" for p in files) + "])"
        else:  # no person of this file falls in the bucket: still write an (empty) typed file
            con.register("empty_bucket", schema.empty_table())
            relation = "empty_bucket"
        con.execute(f"CREATE OR REPLACE TEMP TABLE flagged AS {flag_sql(checks, relation)}")
        summary.add(con.execute(cross_row_summary_sql(checks, "flagged")).fetchone())
        for reason, n in con.execute("SELECT _reason, count(*) FROM flagged GROUP BY _reason").fetchall():
            if reason is None:
                rows_staged += int(n)
            else:
                excluded[reason] = excluded.get(reason, 0) + int(n)
        con.execute(f"COPY (SELECT {select} FROM flagged WHERE _reason IS NULL ORDER BY {order}) "
                    f"TO '{_sql_path(target)}' (FORMAT parquet, COMPRESSION zstd)")
        con.execute("DROP TABLE flagged")
        if not files:
            con.unregister("empty_bucket")
        parquet_files.append(target.relative_to(partial))
    return parquet_files, rows_staged, excluded


def _write_raw(con: duckdb.DuckDBPyConnection, table: pa.Table, raw: Path, number: int,
               person_level: bool, buckets: int) -> None:
    """Append one typed chunk to the scratch area, split by person bucket
    (``raw/bucket=<b>/c<number>.parquet``, uncompressed: read once, a moment later).

    DuckDB computes the buckets (:func:`~kansenmonitor.buckets.bucket_sql`); Arrow orders the
    chunk by bucket once and writes each bucket's slice (three times faster than a
    partitioned COPY, which encodes every row group per partition)."""
    if not person_level:
        pq.write_table(table, raw / f"c{number:06d}.parquet", compression="none")
        return
    con.register("chunk", table)
    try:
        bucket = con.sql(f"SELECT {bucket_sql(buckets)} AS b FROM chunk").to_arrow_table().column(0)
    finally:
        con.unregister("chunk")
    ids = bucket.to_numpy().astype(np.int64, copy=False)
    order = np.argsort(ids, kind="stable")
    counts = np.bincount(ids, minlength=buckets)
    ordered = table.take(pa.array(order))
    start = 0
    for b, n in enumerate(counts.tolist()):
        if n:
            folder = raw / f"bucket={b}"
            folder.mkdir(exist_ok=True)
            pq.write_table(ordered.slice(start, n), folder / f"c{number:06d}.parquet", compression="none")
        start += n


def _sort_columns(spec: SourceSpec, present: set[str]) -> str:
    """ORDER BY of staged rows: RINPERSOON, RINPERSOONS, spell start (or the key), then _row."""
    names: list[str] = []
    if spec.person_level:
        names += [n for n in ("RINPERSOON", "RINPERSOONS") if n in present]
    spell = spell_columns(spec, present)
    if spell:
        names.append(spell[0])
    names += [output_name(spec, k) for k in spec.key if output_name(spec, k) in present]
    seen: list[str] = []
    for n in names + [ROW]:
        if n not in seen:
            seen.append(n)
    return ", ".join(quote(n) for n in seen)


def _target_path(partial: Path, spec: SourceSpec, found: FoundFile, bucket: int | None) -> Path:
    base = partial / f"year={found.year}" if found.year is not None else partial
    if spec.person_level and bucket is not None:
        return base / f"bucket={bucket}" / _PART
    if spec.period == "reference":
        return partial / "data.parquet"
    return base / "data.parquet"


def _remove_superseded(source_dir: Path, current: Path, found: FoundFile) -> None:
    """Delete staged folders of older versions of the same year (or release) of a source."""
    for other in source_dir.iterdir():
        if other == current or not (other / MANIFEST).is_file():
            continue
        try:
            data = json.loads((other / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if data.get("source") == found.source and data.get("year") == found.year:
            log.info("%s: removing superseded staging %s", found.label, other)
            shutil.rmtree(other, ignore_errors=True)


# ---------------------------------------------------------------- sources and catalogs

def requested_years(spec: SourceSpec, years: Iterable[int] | None) -> list[int] | None:
    """The requested years a yearly source can have (spec ``years``); None = all found.
    Longitudinal and reference sources ignore years (one file holds them all)."""
    if spec.period != "yearly" or years is None:
        return None
    first, last = spec.years
    return [y for y in sorted(set(years)) if y >= first and (last is None or y <= last)]


def _locate(catalog: Catalog, name: str, years: Iterable[int] | None) -> tuple[SourceEntry, list[FoundFile],
                                                                                 list[Finding]]:
    entry = catalog.entry(name)
    wanted = requested_years(entry.spec, years)
    notes: list[Finding] = []
    if years is not None and wanted is not None:
        outside = sorted(set(years) - set(wanted))
        if outside:
            first, last = entry.spec.years
            notes.append(Finding(entry.path, None, severity="info", count=len(outside),
                                 problem=f"{name} covers {first}-{last or ''}; years {', '.join(map(str, outside))} "
                                         "are not staged from it"))
    if wanted == []:
        return entry, [], notes
    found = find_source_files(entry.spec, entry.path, wanted,
                              file_patterns=(entry.file_pattern,) if entry.file_pattern else None,
                              findings=notes)
    return entry, found, notes


def has_source_files(catalog: Catalog, name: str, years: Iterable[int]) -> bool:
    """Whether the catalog's source ``name`` has a file for every year of ``years``."""
    try:
        _, found, _ = _locate(catalog, name, years)
    except InputError:
        return False
    return bool(found)


def stage_source(catalog: Catalog | str | Path, name: str, years: Iterable[int] | None = None) -> StagedSource:
    """Stage every file of source ``name`` for ``years`` (yearly sources; None = all found);
    returns the StagedSource. Raises InputError / ConfigError with a one-line message."""
    catalog = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
    entry, found, notes = _locate(catalog, name, years)
    files = [stage_file(catalog, entry, f) for f in found]
    return StagedSource(entry.name, entry.spec, catalog.buckets, files, notes)


def _stage_job(catalog: Catalog, name: str, found: FoundFile, workers: int) -> StagedFile | Finding:
    """Worker entry point (spawn-safe): a StagedFile, or the Finding of the InputError
    (exceptions with custom arguments do not pickle back)."""
    try:
        return stage_file(catalog, catalog.entry(name), found, workers)
    except InputError as exc:
        return exc.finding


def stage_catalog(catalog: Catalog | str | Path, years: Iterable[int] | None = None,
                  sources: Iterable[str] | None = None, workers: int = 1) -> StagingReport:
    """Stage every source of the catalog (or only ``sources``) for ``years``; returns the
    StagingReport. Files are staged one by one, or by ``workers`` processes (spawn start
    method, so it behaves the same on Windows); stops at the first InputError."""
    catalog = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
    years = list(years) if years is not None else None
    names = [n.upper() for n in sources] if sources is not None else catalog.names
    for n in names:
        if n not in SOURCES:
            raise ConfigError(f"unknown source {n}; known sources: {', '.join(SOURCES)}")
        catalog.entry(n)
    located = {n: _locate(catalog, n, years) for n in names}
    jobs = [(n, f) for n in names for f in located[n][1]]
    results: dict[tuple[str, Path], StagedFile] = {}
    if workers <= 1 or len(jobs) <= 1:
        for n, f in progress(jobs, "staging", total=len(jobs), unit="file"):
            results[(n, f.path)] = stage_file(catalog, located[n][0], f)
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [((n, f.path), pool.submit(_stage_job, catalog, n, f, workers)) for n, f in jobs]
            for key, future in progress(futures, "staging", total=len(futures), unit="file"):
                outcome = future.result()
                if isinstance(outcome, Finding):
                    for _, other in futures:
                        other.cancel()
                    raise InputError.from_finding(outcome)
                results[key] = outcome
    staged = {n: StagedSource(n, located[n][0].spec, catalog.buckets,
                              [results[(n, f.path)] for f in located[n][1]], located[n][2]) for n in names}
    return StagingReport(catalog, staged, catalog.missing_sources())


# ---------------------------------------------------------------- reading staged data

def bucket_of(path: Path) -> int | None:
    """The bucket number in a staged path (``.../bucket=3/part-0.parquet``), or None."""
    for part in path.parts:
        if part.startswith("bucket="):
            return int(part.split("=", 1)[1])
    return None


def staged_relation(con: duckdb.DuckDBPyConnection | None, staged: StagedSource,
                    buckets: Iterable[int] | None = None, years: Iterable[int] | None = None) -> str:
    """SQL text of a ``read_parquet`` over the staged files of ``staged`` restricted to
    ``buckets`` and ``years`` (None = all), with hive partitioning (columns ``year`` and
    ``bucket``) and ``union_by_name`` (columns that only exist in some years).

    When ``con`` is given the relation is bound once (DESCRIBE), so a staging folder that
    was removed or damaged is reported here as an InputError naming it.
    """
    wanted_buckets = set(buckets) if buckets is not None else None
    wanted_years = set(years) if years is not None else None
    paths = [p for f in staged.files if wanted_years is None or f.year in wanted_years
             for p in f.parquet_files
             if wanted_buckets is None or bucket_of(p) is None or bucket_of(p) in wanted_buckets]
    if not paths:
        raise InputError(str(staged.name), None, f"nothing staged for buckets {sorted(wanted_buckets or [])} "
                                                 f"and years {sorted(wanted_years or [])}")
    sql = ("read_parquet([" + ", ".join(f"'{_sql_path(p)}'" for p in paths) + "], "
           "hive_partitioning = true, union_by_name = true)")
    if con is not None:
        try:
            con.execute(f"DESCRIBE SELECT * FROM {sql}").fetchall()
        except duckdb.Error as exc:
            raise InputError(str(staged.files[0].directory.parent), None,
                             f"staged {staged.name} files cannot be read ({' '.join(str(exc).split())}); "
                             "stage again") from None
    return sql
