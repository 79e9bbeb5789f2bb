"""Read every column of every file of a generated register once, and nothing else.

Usage: ``python3 benchmarks/read_floor.py DIR``. This is the floor for every later stage:
no validation, no conversion. Parquet with DuckDB, CSV with DuckDB's reader, SPSS with
pyreadstat in chunks. Prints rows read and seconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb
import pyreadstat


def _scan(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    """Count rows while decoding every column (a hash per column stops DuckDB from
    answering from the file metadata alone)."""
    return con.execute(f"SELECT count(*), bit_xor(hash(COLUMNS(*))) FROM {relation}").fetchone()[0]


def read_all(folder: Path) -> int:
    con = duckdb.connect()
    rows = 0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "staging" in path.parts or "truth" in path.parts:
            continue
        suffix = path.suffix.lower()
        if suffix == ".parquet":
            rows += _scan(con, f"read_parquet('{path.as_posix()}')")
        elif suffix == ".csv":
            rows += _scan(con, f"read_csv('{path.as_posix()}', all_varchar=true)")
        elif suffix == ".sav":
            for chunk, _ in pyreadstat.read_file_in_chunks(pyreadstat.read_sav, str(path), chunksize=500_000):
                rows += len(chunk)
    return rows


if __name__ == "__main__":
    started = time.perf_counter()
    n = read_all(Path(sys.argv[1]))
    print(f"{n} rows read in {time.perf_counter() - started:.1f} s")
