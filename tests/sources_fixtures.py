"""Tiny hand-made CBS-shaped files for the tests of kansenmonitor.sources (not a test module)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyreadstat


def write_csv(rows: list[list[object]], header: list[str], path: Path, delimiter: str = ";",
              encoding: str = "utf-8") -> Path:
    """Write rows as CSV text exactly as given (values already formatted)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [delimiter.join(header)] + [delimiter.join("" if v is None else str(v) for v in r) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def write_sav(df: pd.DataFrame, path: Path, **kwargs) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pyreadstat.write_sav(df, str(path), **kwargs)
    return path


def write_parquet(table: pa.Table | pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(table, pd.DataFrame):
        table = pa.Table.from_pandas(table, preserve_index=False)
    pq.write_table(table, path)
    return path


def write_catalog(folder: Path, sources: dict[str, dict[str, object]], buckets: int = 4,
                  extra: str = "") -> Path:
    """A catalog TOML in ``folder`` with staging in ``folder/staging``."""
    lines = ["[catalog]", 'name = "test"', 'staging = "staging"', f"buckets = {buckets}", extra, ""]
    for name, entry in sources.items():
        lines.append(f"[sources.{name}]")
        for key, value in entry.items():
            if isinstance(value, dict):
                pairs = ", ".join(f'"{k}" = "{v}"' for k, v in value.items())
                lines.append(f"{key} = {{ {pairs} }}")
            else:
                lines.append(f"{key} = {_toml(value)}")
        lines.append("")
    path = folder / "catalog.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _toml(value: object) -> str:
    if isinstance(value, str):
        return "'" + value + "'"
    return str(value).lower() if isinstance(value, bool) else str(value)


SECM_HEADER = ["RINPERSOONS", "RINPERSOON", "AANVSECM", "EINDSECM", "SECM"]


def secm_rows(n_persons: int = 6) -> list[list[object]]:
    """Two contiguous monthly-based spells per person (the second open-ended)."""
    rows: list[list[object]] = []
    for i in range(1, n_persons + 1):
        rows.append(["R", f"{i:09d}", "20190101", "20190630", "11"])
        rows.append(["R", f"{i:09d}", "20190701", "20501231", "21"])
    return rows
