"""Write tiny staged-Parquet fixtures in the staging layout the frame reads.

Layout (as the source readers stage it): ``<root>/<SOURCE>/<filestem>/bucket=<b>/part-0.parquet``
for longitudinal person files, ``.../year=<y>/bucket=<b>/part-0.parquet`` for yearly
person files and ``.../data.parquet`` for reference files. Keys and codes are strings,
dates DATE, flags BOOLEAN, as the readers promise.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kansenmonitor.buckets import person_bucket

N_BUCKETS = 4


def d(text: str | None) -> dt.date | None:
    """ISO date string -> date (None stays None)."""
    return None if text is None else dt.date.fromisoformat(text)


def _table(df: pd.DataFrame, dates: tuple[str, ...] = (), flags: tuple[str, ...] = (),
           ints: tuple[str, ...] = ()) -> pa.Table:
    fields = []
    for col in df.columns:
        if col in dates:
            fields.append(pa.field(col, pa.date32()))
        elif col in flags:
            fields.append(pa.field(col, pa.bool_()))
        elif col in ints:
            fields.append(pa.field(col, pa.int64()))
        else:
            fields.append(pa.field(col, pa.string()))
    data = {c: [None if (v is None or (isinstance(v, float) and pd.isna(v))) else v for v in df[c].tolist()]
            for c in df.columns}
    return pa.table(data, schema=pa.schema(fields))


def write_person_file(root: Path, source: str, filestem: str, rows: list[dict], *, dates: tuple[str, ...] = (),
                      flags: tuple[str, ...] = (), ints: tuple[str, ...] = (), year: int | None = None) -> str:
    """Write a person-level source split by bucket; returns the source folder (an input path)."""
    df = pd.DataFrame(rows)
    base = root / source / filestem
    buckets = [person_bucket(s, p, N_BUCKETS) for s, p in zip(df["RINPERSOONS"], df["RINPERSOON"])]
    df = df.assign(_b=buckets)
    for b, part in df.groupby("_b"):
        folder = base / (f"year={year}" if year is not None else "") / f"bucket={b}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(_table(part.drop(columns="_b"), dates, flags, ints), folder / "part-0.parquet")
    return str(root / source)


def write_reference_file(root: Path, source: str, filestem: str, rows: list[dict]) -> str:
    """Write a reference file as ``data.parquet``; returns its path."""
    folder = root / source / filestem
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(_table(pd.DataFrame(rows)), folder / "data.parquet")
    return str(folder / "data.parquet")
