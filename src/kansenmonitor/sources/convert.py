"""Convert one raw column to the monitor's type for its variable kind (cbs-sources.md §0.3, §0.4).

Raw columns arrive as strings (CSV), doubles (SPSS numeric), dates/timestamps (SPSS date
formats, Parquet) or integers (Parquet). Every kind has one target Arrow type
(:data:`ARROW_TYPES`). Values that cannot be converted become null and are returned as an
:class:`Issue` (severity "error"); sentinel values become null and are returned as an
:class:`Issue` with severity "info" or "warning" so they are counted, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.sources.spec import DATE_OPEN_END, DATE_SENTINELS, MISSING_STRINGS, MONEY_SENTINELS, Variable

#: Arrow type of each variable kind in typed tables and staged Parquet.
ARROW_TYPES: dict[str, pa.DataType] = {
    "key": pa.string(), "code": pa.string(), "str": pa.string(), "int": pa.int64(),
    "float": pa.float64(), "money": pa.float64(), "date": pa.date32(), "flag": pa.bool_(),
}

_MISSING = pa.array(MISSING_STRINGS, pa.string())
_DASHES = r"^-+$"
_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
_OPEN_END_DATE = dt.date(int(DATE_OPEN_END[:4]), int(DATE_OPEN_END[4:6]), int(DATE_OPEN_END[6:]))
_INT64_LIMIT = 2.0 ** 62


@dataclass
class Issue:
    """Values of one column with one problem: ``mask`` marks the rows (True = affected)."""

    problem: str
    mask: pa.BooleanArray
    severity: str = "error"  # "error": unusable value; "info"/"warning": sentinel turned into null


@dataclass
class Converted:
    """A converted column and the issues found while converting it."""

    values: pa.Array
    issues: list[Issue]


def convert_column(var: Variable, raw: pa.Array | pa.ChunkedArray, decimal: str = ".") -> Converted:
    """Convert ``raw`` to the type of ``var.kind``; returns the typed array and its issues.

    ``decimal`` is the decimal mark of numbers stored as text ("." or ","; §0.2 CSV deliveries).
    """
    arr = _plain(raw)
    if var.kind == "date":
        return _to_date(var, arr)
    if var.kind in ("float", "money"):
        return _to_float(var, arr, decimal)
    if var.kind == "int":
        return _to_int(arr, decimal)
    if var.kind == "flag":
        return _to_flag(arr)
    return _to_text(var, arr)


# ---------------------------------------------------------------- helpers

def _plain(raw: pa.Array | pa.ChunkedArray) -> pa.Array:
    arr = raw.combine_chunks() if isinstance(raw, pa.ChunkedArray) else raw
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    if pa.types.is_large_string(arr.type) or pa.types.is_string_view(arr.type):
        arr = arr.cast(pa.string())
    if pa.types.is_null(arr.type):
        arr = arr.cast(pa.string())
    if pa.types.is_floating(arr.type):
        arr = pc.if_else(pc.is_nan(arr), pa.scalar(None, arr.type), arr)  # SPSS system-missing
    return arr


def _false(n: int) -> pa.BooleanArray:
    return pa.array(np.zeros(n, dtype=bool))


def _mask(cond: pa.Array) -> pa.BooleanArray:
    """Null-safe boolean mask (null -> False)."""
    return pc.fill_null(cond, False)


def _any(mask: pa.BooleanArray) -> bool:
    return bool(pc.any(mask).as_py())


def _is_numeric(t: pa.DataType) -> bool:
    return pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t)


def _strip(arr: pa.Array) -> pa.Array:
    return pc.utf8_trim_whitespace(arr)


def _blank(text: pa.Array) -> pa.BooleanArray:
    """Empty or all-dash strings: missing in every kind (§0.4)."""
    empty = _mask(pc.equal(text, ""))
    if not _any(pc.starts_with(text, "-")):  # the regex only where a dash can match (speed)
        return empty
    return pc.or_(empty, _mask(pc.match_substring_regex(text, _DASHES)))


def _digits(text: pa.Array) -> pa.BooleanArray:
    """Non-empty strings of ASCII digits only (null -> False)."""
    return _mask(pc.ascii_is_decimal(text))


def _integral_text(arr: pa.Array) -> tuple[pa.Array, pa.BooleanArray]:
    """Numbers as integer strings ("11.0" -> "11"); mask of numbers that are not whole."""
    if pa.types.is_integer(arr.type):
        return arr.cast(pa.string()), _false(len(arr))
    f = arr.cast(pa.float64())
    whole = _mask(pc.and_(pc.equal(f, pc.floor(f)), pc.less(pc.abs(f), _INT64_LIMIT)))
    bad = _mask(pc.and_(pc.is_valid(f), pc.invert(whole)))
    ints = pc.if_else(whole, f, pa.scalar(None, pa.float64())).cast(pa.int64())
    return ints.cast(pa.string()), bad


def _as_text(arr: pa.Array) -> tuple[pa.Array, pa.BooleanArray]:
    """Any raw column as trimmed text; mask of numbers that are not whole numbers."""
    if pa.types.is_string(arr.type):
        return _strip(arr), _false(len(arr))
    if _is_numeric(arr.type):
        return _integral_text(arr)
    if pa.types.is_boolean(arr.type):
        return arr.cast(pa.int8()).cast(pa.string()), _false(len(arr))
    if pa.types.is_date(arr.type) or pa.types.is_timestamp(arr.type):
        return pc.replace_substring(arr.cast(pa.date32()).cast(pa.string()), "-", ""), _false(len(arr))
    return arr.cast(pa.string()), _false(len(arr))


def _null_where(arr: pa.Array, mask: pa.BooleanArray) -> pa.Array:
    return pc.if_else(mask, pa.scalar(None, arr.type), arr)


# ---------------------------------------------------------------- kinds

def _to_text(var: Variable, arr: pa.Array) -> Converted:
    """key, code and str kinds: strings; MISSING_STRINGS -> null (§0.3, §0.4)."""
    text, not_whole = _as_text(arr)
    issues: list[Issue] = []
    if _any(not_whole):
        issues.append(Issue("numeric value is not a whole number", not_whole))
    text = _null_where(text, _mask(pc.or_(_blank(text), pc.is_in(text, value_set=_MISSING))))
    if var.kind in ("key", "code") and _any(pc.match_substring(text, ".")):
        # "11.0" from a CSV export of an SPSS numeric column is code "11"
        text = pc.replace_substring_regex(text, r"^(\d+)\.0+$", r"\1")
    if var.upper:
        text = pc.utf8_upper(text)
    if var.kind == "key" and var.width:
        text, bad = _pad_key(text, var.width)
        if _any(bad):
            issues.append(Issue(f"not a {var.width}-digit number", bad))
            text = _null_where(text, bad)
    elif var.kind == "code" and var.codes:
        width = _code_width(var.codes)
        if width:
            short = _mask(pc.less(pc.utf8_length(text), width))
            if _any(short):
                text = pc.if_else(pc.and_(short, _digits(text)), pc.utf8_lpad(text, width=width, padding="0"), text)
    return Converted(text, issues)


def _pad_key(text: pa.Array, width: int) -> tuple[pa.Array, pa.BooleanArray]:
    """RINPERSOON-like keys: zero-pad digit strings to ``width``; mask of values that are not
    exactly ``width`` digits afterwards (§0.3)."""
    digits = _digits(text)
    padded = pc.if_else(digits, pc.utf8_lpad(text, width=width, padding="0"), text)
    ok = pc.and_(_digits(padded), _mask(pc.equal(pc.utf8_length(padded), width)))
    bad = _mask(pc.and_(pc.is_valid(padded), pc.invert(ok)))
    return padded, bad


def _code_width(codes: dict[str, str]) -> int | None:
    """Width to zero-pad numeric codes to, when every code is digits of one width ("01".."99")."""
    widths = {len(c) for c in codes}
    if len(widths) == 1 and all(c.isdigit() for c in codes):
        width = widths.pop()
        return width if width > 1 else None
    return None


def _numbers(arr: pa.Array, decimal: str) -> tuple[pa.Array, pa.BooleanArray]:
    """Doubles from numeric or text input; mask of text that is not a number."""
    if _is_numeric(arr.type):
        return arr.cast(pa.float64()), _false(len(arr))
    text, _ = _as_text(arr)
    text = _null_where(text, _blank(text))
    if decimal == ",":
        text = pc.replace_substring(text, ",", ".")
    ok = _mask(pc.match_substring_regex(text, _NUMBER))
    bad = _mask(pc.and_(pc.is_valid(text), pc.invert(ok)))
    return _null_where(text, bad).cast(pa.float64()), bad


def _to_float(var: Variable, arr: pa.Array, decimal: str) -> Converted:
    """float and money kinds; money sentinels 9999999999 / 999999999 -> null (§0.4, §7)."""
    values, bad = _numbers(arr, decimal)
    issues = [Issue("not a number", bad)] if _any(bad) else []
    if var.kind == "money":
        for sentinel, meaning in MONEY_SENTINELS.items():
            hit = _mask(pc.equal(values, sentinel))
            if _any(hit):
                issues.append(Issue(f"{sentinel:.0f} = {meaning} (set to null)", hit, "info"))
                values = _null_where(values, hit)
    return Converted(values, issues)


def _to_int(arr: pa.Array, decimal: str) -> Converted:
    """int kind: whole numbers from numbers or text ("1985", "1985.0"); "----" -> null (§1)."""
    if pa.types.is_integer(arr.type):
        return Converted(arr.cast(pa.int64()), [])
    values, bad = _numbers(arr, decimal)
    whole = _mask(pc.and_(pc.equal(values, pc.floor(values)), pc.less(pc.abs(values), _INT64_LIMIT)))
    fraction = _mask(pc.and_(pc.is_valid(values), pc.invert(whole)))
    bad = pc.or_(bad, fraction)
    issues = [Issue("not a whole number", bad)] if _any(bad) else []
    return Converted(_null_where(values, fraction).cast(pa.int64()), issues)


def _to_flag(arr: pa.Array) -> Converted:
    """flag kind: 0/1 (also true/false) as BOOLEAN (§5 XKOPPEL...SECM)."""
    text, not_whole = _as_text(arr)
    text = _null_where(text, _blank(text))
    ok = _mask(pc.is_in(text, value_set=pa.array(["0", "1"])))
    bad = pc.or_(_mask(pc.and_(pc.is_valid(text), pc.invert(ok))), not_whole)
    issues = [Issue("flag value is not 0 or 1", bad)] if _any(bad) else []
    return Converted(pc.equal(_null_where(text, bad), "1"), issues)


def _to_date(var: Variable, arr: pa.Array) -> Converted:
    """date kind: ``YYYYMMDD`` text or number, ISO text, or SPSS/Parquet date -> DATE (§0.4).

    Sentinels become null and are counted: 88888888 / 99999999 everywhere (warning), and
    20501231 in an ``open_end`` variable (info: an open spell).
    """
    issues: list[Issue] = []
    if pa.types.is_date(arr.type) or pa.types.is_timestamp(arr.type):
        dates = arr.cast(pa.timestamp("s")).cast(pa.date32()) if pa.types.is_timestamp(arr.type) \
            else arr.cast(pa.date32())
        if var.open_end:
            hit = _mask(pc.equal(dates, pa.scalar(_OPEN_END_DATE, pa.date32())))
            if _any(hit):
                issues.append(Issue(f"{DATE_OPEN_END} = {DATE_SENTINELS[DATE_OPEN_END]} (set to null)", hit, "info"))
                dates = _null_where(dates, hit)
        return Converted(dates, issues)

    text, not_whole = _as_text(arr)
    if _any(not_whole):
        issues.append(Issue("not a date (expected YYYYMMDD)", not_whole))
    text = _null_where(text, _blank(text))
    if _any(pc.match_substring(text, "-")):
        iso = _mask(pc.match_substring_regex(text, r"^\d{4}-\d{2}-\d{2}$"))
        text = pc.if_else(iso, pc.replace_substring(text, "-", ""), text)
    for sentinel, meaning in DATE_SENTINELS.items():
        if sentinel == DATE_OPEN_END and not var.open_end:
            continue
        hit = _mask(pc.equal(text, sentinel))
        if _any(hit):
            severity = "info" if sentinel == DATE_OPEN_END else "warning"
            issues.append(Issue(f"{sentinel} = {meaning} (set to null)", hit, severity))
            text = _null_where(text, hit)
    shaped = pc.and_(_digits(text), _mask(pc.equal(pc.utf8_length(text), 8)))
    parsed = pc.strptime(_null_where(text, pc.invert(shaped)), format="%Y%m%d", unit="s", error_is_null=True)
    dates = parsed.cast(pa.date32())
    # strptime rolls 20190231 over to 20190303: a real date keeps the day it was written with
    # (a roll-over always changes the day of the month).
    same = _mask(pc.equal(pc.day(parsed), pc.utf8_slice_codeunits(_null_where(text, pc.invert(shaped)), 6, 8)
                          .cast(pa.int64())))
    bad = _mask(pc.and_(pc.is_valid(text), pc.invert(same)))
    if _any(bad):
        issues.append(Issue("not a date (expected YYYYMMDD)", bad))
    return Converted(_null_where(dates, bad), issues)
