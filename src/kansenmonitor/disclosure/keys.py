"""Linking keys must never reach output (methods-anchors §4.3: no RINPERSOON, RINADRES,
BEID, BRIN in output).

Two checks: no column *named* after a key (the name, split at non-alphanumeric
characters, contains a forbidden key name as a whole word, case-insensitive, so
``RINPERSOON``, ``rinpersoons`` and ``job_SBEID`` are caught and ``arbeidsmarktregio``
is not), and no *value* that looks like a person key: a run of exactly nine digits
not inside a longer word or number (RINPERSOON is a nine-digit number). A field that is
a number with a fraction (``35000.123456789``) is not a key; an integer field of nine
digits is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

KEY_LIKE = re.compile(r"(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])")
_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*")
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")


def is_key_like(text: str) -> bool:
    """Whether ``text`` holds something that looks like a nine-digit person key."""
    if _NUMBER.fullmatch(text):
        return bool(_INTEGER.fullmatch(text)) and len(text.strip().lstrip("+-")) == 9
    return KEY_LIKE.search(text) is not None


def key_column_names(columns: Iterable[Any], key_names: Iterable[str]) -> list[str]:
    """Columns named after a linking key."""
    forbidden = {k.upper() for k in key_names}
    out = []
    for c in columns:
        tokens = {t.upper() for t in re.split(r"[^0-9A-Za-z]+", str(c)) if t}
        if tokens & forbidden:
            out.append(str(c))
    return out


def key_like_values(df: pd.DataFrame, where: str) -> list[str]:
    """Key-like values in the text and integer columns of ``df``, one line per column.

    Each distinct value is tested once (output columns hold few distinct codes).
    """
    out = []
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_bool_dtype(s) or pd.api.types.is_float_dtype(s):
            continue
        if pd.api.types.is_integer_dtype(s):
            v = s.dropna().astype("int64").abs()
            hits = v[(v >= 100_000_000) & (v <= 999_999_999)]
        else:
            bad = [u for u in s.dropna().unique() if is_key_like(str(u))]
            hits = s[s.isin(bad)] if bad else s.iloc[0:0]
        if len(hits):
            out.append(f"{where}: column {c} holds {len(hits)} key-like values (nine digits), "
                       f"e.g. row {int(hits.index[0]) + 1}")
    return out


def _json_strings(obj: Any) -> Iterable[str]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield str(k)
            yield from _json_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _json_strings(v)
    elif isinstance(obj, (str, int)) and not isinstance(obj, bool):
        yield str(obj)


def scan_file(path: Path, key_names: Iterable[str]) -> list[str]:
    """Key columns and key-like values in one output file (Parquet, CSV, JSON or text)."""
    key_names = list(key_names)
    path = Path(path)
    name = path.name
    out: list[str] = []
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        df = pq.read_table(path).to_pandas()
        bad = key_column_names(df.columns, key_names)
        out += [f"{name}: column {c} is named after a linking key" for c in bad]
        out += key_like_values(df.reset_index(drop=True), name)
    elif suffix == ".csv":
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")
        bad = key_column_names(df.columns, key_names)
        out += [f"{name}: column {c} is named after a linking key" for c in bad]
        out += key_like_values(df, name)
    elif suffix == ".json":
        for s in _json_strings(json.loads(path.read_text(encoding="utf-8"))):
            if is_key_like(s):
                out.append(f"{name}: key-like text {s[:40]!r}")
    else:
        text = path.read_bytes().decode("utf-8", errors="replace")
        if KEY_LIKE.search(text):
            out.append(f"{name}: key-like value (nine digits) in the text")
    return out

