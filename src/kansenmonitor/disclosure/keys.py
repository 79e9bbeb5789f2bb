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
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

KEY_LIKE = re.compile(r"(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])")
_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*")
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")


def is_key_like(text: str) -> bool:
    """Whether ``text`` holds something that looks like a nine-digit person key."""
    if _NUMBER.fullmatch(text):
        return bool(_INTEGER.fullmatch(text)) and len(text.strip().lstrip("+-")) == 9
    return KEY_LIKE.search(text) is not None


# is_key_like in RE2 (no look-behind), for Arrow's vectorised regex; ASCII only, so values
# with other characters (whose \d may match other digits) take the Python path
_S = r"[ \t\n\r\f\v\x1c-\x1f]"  # Python's ASCII \s (RE2's \s lacks \v and \x1c-\x1f)
_RE2_NUMBER = rf"^{_S}*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?{_S}*$"
_RE2_NINE_DIGIT_INTEGER = rf"^{_S}*[+-]?[0-9]{{9}}{_S}*$"
_RE2_KEY_LIKE = r"(^|[^0-9A-Za-z])[0-9]{9}($|[^0-9A-Za-z])"


def key_like_mask(values: list[str]) -> list[bool]:
    """:func:`is_key_like` of every value, vectorised (an output column can hold a few
    hundred thousand distinct numbers as text)."""
    if not values:
        return []
    arr = pa.array(values, pa.string())
    ascii_ = pc.string_is_ascii(arr)
    number = pc.match_substring_regex(arr, _RE2_NUMBER)
    nine = pc.match_substring_regex(arr, _RE2_NINE_DIGIT_INTEGER)
    run = pc.match_substring_regex(arr, _RE2_KEY_LIKE)
    mask = pc.or_(nine, pc.and_(pc.invert(number), run)).to_pylist()
    for i, ok in enumerate(ascii_.to_pylist()):
        if not ok:
            mask[i] = is_key_like(values[i])
    return mask


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
            unique = [str(u) for u in s.dropna().unique()]
            bad = [u for u, hit in zip(unique, key_like_mask(unique)) if hit]
            hits = s[s.astype(str).isin(bad)] if bad else s.iloc[0:0]
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

