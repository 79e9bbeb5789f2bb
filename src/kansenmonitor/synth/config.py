"""Configuration and result of a synthetic-register run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Format = Literal["sav", "csv", "parquet"]
#: Registers with at most this many reporting years get the dynamics truth by default.
DYNAMICS_TRUTH_MAX_YEARS = 3


@dataclass(frozen=True)
class SynthConfig:
    """What to generate.

    out: output folder (created); scale: share of the national population (1.0 = ~17.5 M
    residents); years: first and last reporting year (inclusive); format: file format of
    every source file; seed: everything is a deterministic function of (seed, scale, years);
    csv_delimiter / csv_decimal: CSV layout (CBS project deliveries use ';' and ',');
    truth: write out/truth/*.parquet (None: only when scale < 0.5); truth_dynamics: add the
    planted-truth expectations of the dynamic indicators (27, 29-30, 38) to the truth files
    (None: when truth files are written and the register has at most
    ``DYNAMICS_TRUTH_MAX_YEARS`` reporting years; they cost a few seconds per bucket and year);
    workers: processes (None: min(cores, buckets); results do not depend on it);
    bucket_persons: persons per generation bucket (memory per worker; part of the data's
    identity together with the seed).
    """

    out: Path
    scale: float = 0.01
    years: tuple[int, int] = (2013, 2022)
    format: Format = "parquet"
    seed: int = 1
    csv_delimiter: str = ";"
    csv_decimal: str = ","
    truth: bool | None = None
    truth_dynamics: bool | None = None
    workers: int | None = None
    bucket_persons: int = 150_000

    def __post_init__(self) -> None:
        object.__setattr__(self, "out", Path(self.out))
        if not (0 < self.scale <= 2.0):
            raise ValueError(f"scale must be in (0, 2], got {self.scale}")
        a, b = self.years
        if not (2006 <= a <= b <= 2025):
            raise ValueError(f"years must satisfy 2006 <= first <= last <= 2025, got {self.years}")
        if self.format not in ("sav", "csv", "parquet"):
            raise ValueError(f"format must be sav, csv or parquet, got {self.format!r}")
        if self.bucket_persons < 1000:
            raise ValueError("bucket_persons must be at least 1000")
        if self.csv_delimiter == self.csv_decimal:
            raise ValueError("csv_delimiter and csv_decimal must differ")

    @property
    def write_truth(self) -> bool:
        return self.truth if self.truth is not None else self.scale < 0.5

    @property
    def write_truth_dynamics(self) -> bool:
        if not self.write_truth:
            return False
        if self.truth_dynamics is not None:
            return self.truth_dynamics
        return self.years[1] - self.years[0] + 1 <= DYNAMICS_TRUTH_MAX_YEARS


@dataclass
class FileReport:
    path: str  # relative to out
    source: str
    year: int | None
    rows: int
    bytes: int


@dataclass
class SynthResult:
    """What a run wrote: files (relative paths, rows, bytes), wall time, peak memory."""

    out: Path
    files: list[FileReport] = field(default_factory=list)
    wall_seconds: float = 0.0
    peak_rss_bytes: int = 0
    buckets: int = 0

    @property
    def rows(self) -> dict[str, int]:
        return {f.path: f.rows for f in self.files}

    @property
    def total_bytes(self) -> int:
        return sum(f.bytes for f in self.files)

    def summary(self) -> str:
        lines = [f"{len(self.files)} files, {sum(f.rows for f in self.files):,} rows, "
                 f"{self.total_bytes / 1e6:,.1f} MB in {self.wall_seconds:,.1f} s "
                 f"(peak RSS {self.peak_rss_bytes / 1e9:,.2f} GB, {self.buckets} buckets)"]
        for f in self.files:
            lines.append(f"  {f.path}: {f.rows:,} rows, {f.bytes / 1e6:,.2f} MB")
        return "\n".join(lines)
