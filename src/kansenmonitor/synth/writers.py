"""Per-file writers: parquet and CSV stream bucket by bucket; SPSS .sav is collected and
written once at the end (pyreadstat cannot append), which costs memory proportional to
the file (fine up to scale ~0.1; use parquet or CSV for national scale).

Every table is checked against spec.py: its columns must be the source's variables for
that year (required ones present, no unknown names) and are written in spec order.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from kansenmonitor.sources.spec import SOURCES
from kansenmonitor.synth.config import FileReport, SynthConfig
from kansenmonitor.synth.layout import relpath


def to_table(source: str, year: int | None, columns: dict) -> pa.Table:
    """Columns (numpy or pyarrow) -> a table in spec order, checked against spec.py."""
    spec = SOURCES[source]
    expected = [v for v in spec.variables_for_year(year) if v.pattern is None]
    patterns = [re.compile(v.pattern) for v in spec.variables if v.pattern]
    names = {v.name for v in expected}
    unknown = [c for c in columns if c not in names and not any(p.match(c) for p in patterns)]
    if unknown:
        raise ValueError(f"{source} {year}: columns not in spec.py: {unknown}")
    missing = [v.name for v in expected if v.required and v.name not in columns]
    if missing:
        raise ValueError(f"{source} {year}: required variables missing: {missing}")
    order = [v.name for v in expected if v.name in columns] + [c for c in columns if c not in names]
    arrays = []
    for c in order:
        v = columns[c]
        if isinstance(v, pa.ChunkedArray):
            v = v.combine_chunks()
        if not isinstance(v, pa.Array):
            a = np.asarray(v)
            v = pa.array(a.astype(np.float64) if a.dtype.kind == "f" else a.astype(np.int64) if a.dtype.kind in "iub" else a)
        arrays.append(v)
    return pa.Table.from_arrays(arrays, names=order)


class _Sink(ABC):
    """A file being written in parts: Parquet, CSV or SPSS."""

    def __init__(self, path: Path, cfg: SynthConfig):
        self.path, self.cfg, self.rows = path, cfg, 0
        path.parent.mkdir(parents=True, exist_ok=True)

    @abstractmethod
    def write(self, t: pa.Table) -> None:
        """Append the rows of ``t``."""

    @abstractmethod
    def close(self) -> None:
        """Finish the file."""


class ParquetSink(_Sink):
    def __init__(self, path, cfg):
        super().__init__(path, cfg)
        self.writer = None
        self.schema = None

    def write(self, t: pa.Table) -> None:
        if self.writer is None:
            self.schema = t.schema
            self.writer = pq.ParquetWriter(self.path, t.schema, compression="zstd")
        elif t.schema != self.schema:
            t = t.cast(self.schema)
        self.writer.write_table(t, row_group_size=1_000_000)
        self.rows += t.num_rows

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class CsvSink(_Sink):
    def __init__(self, path, cfg):
        super().__init__(path, cfg)
        self.writer = None

    def _decimal(self, t: pa.Table) -> pa.Table:
        cols = []
        for c in t.columns:
            if pa.types.is_floating(c.type):
                s = pc.cast(c, pa.string())
                c = pc.replace_substring(s, ".", self.cfg.csv_decimal) if self.cfg.csv_decimal != "." else s
            cols.append(c)
        return pa.Table.from_arrays(cols, names=t.column_names)

    def write(self, t: pa.Table) -> None:
        t = self._decimal(t)
        if self.writer is None:
            self.writer = pacsv.CSVWriter(self.path, t.schema, write_options=pacsv.WriteOptions(
                delimiter=self.cfg.csv_delimiter, quoting_style="needed"))
        self.writer.write_table(t)
        self.rows += t.num_rows

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class SavSink(_Sink):
    def __init__(self, path, cfg):
        super().__init__(path, cfg)
        self.tables: list[pa.Table] = []

    def write(self, t: pa.Table) -> None:
        self.tables.append(t)
        self.rows += t.num_rows

    def close(self) -> None:
        import pyreadstat

        if not self.tables:
            return
        t = pa.concat_tables(self.tables)
        self.tables = []
        df = t.to_pandas()
        for c in df.columns:
            if df[c].dtype.kind == "i":
                df[c] = df[c].astype("float64")
        pyreadstat.write_sav(df, str(self.path))


_SINKS = {"parquet": ParquetSink, "csv": CsvSink, "sav": SavSink}


class Sinks:
    """All output files of a run, opened lazily, keyed by relative path."""

    def __init__(self, cfg: SynthConfig):
        self.cfg = cfg
        self.sinks: dict[str, tuple[_Sink, str, int | None]] = {}

    def write(self, source: str, year: int | None, table: pa.Table) -> None:
        rel = relpath(source, year, self.cfg.years[1], self.cfg.format)
        if rel not in self.sinks:
            self.sinks[rel] = (_SINKS[self.cfg.format](self.cfg.out / rel, self.cfg), source, year)
        self.sinks[rel][0].write(table)

    def close(self) -> list[FileReport]:
        reports = []
        for rel, (sink, source, year) in sorted(self.sinks.items()):
            sink.close()
            size = (self.cfg.out / rel).stat().st_size if (self.cfg.out / rel).exists() else 0
            reports.append(FileReport(path=rel, source=source, year=year, rows=sink.rows, bytes=size))
        return reports


class TruthSinks:
    """out/truth/*.parquet (always parquet)."""

    def __init__(self, out: Path):
        self.out = out / "truth"
        self.sinks: dict[str, ParquetSink] = {}

    def write(self, name: str, table: pa.Table) -> None:
        if name not in self.sinks:
            self.sinks[name] = ParquetSink(self.out / f"{name}.parquet", None)
        self.sinks[name].write(table)

    def close(self) -> list[FileReport]:
        reports = []
        for name, s in sorted(self.sinks.items()):
            s.close()
            reports.append(FileReport(path=f"truth/{name}.parquet", source=f"truth:{name}", year=None,
                                      rows=s.rows, bytes=s.path.stat().st_size))
        return reports
