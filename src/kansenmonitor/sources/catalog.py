"""The user's catalog (TOML): where each CBS source lives and how to read it.

All paths and file versions in one configuration (cbs-sources.md §0.1; the NIDIO
``config.do`` / kansenkaart ``config/*.yml`` model): nothing else knows where a file lives.

```toml
[catalog]
name = "RA project 9999"
staging = "staging"        # typed Parquet; relative paths are relative to this file
buckets = 16               # person buckets
# optional: memory_limit = "8GB", threads = 4, chunk_rows = 1000000

[sources.SPOLISBUS]
path = "G:/Spolis/SPOLISBUS/{year}/SPOLISBUS{year}V*.sav"
rename = {}                # file column -> name the monitor expects
# optional: format = "sav" | "dta" | "csv" | "parquet", delimiter = ";", decimal = ",",
#           encoding = "cp1252", on_invalid = "fail" | "exclude",
#           file_pattern = "spolis_{year}"   (file-name pattern instead of the CBS ones)
```
"""

from __future__ import annotations

import codecs
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kansenmonitor.errors import ConfigError
from kansenmonitor.sources.files import EXTENSIONS
from kansenmonitor.sources.readers import DEFAULT_CHUNK_ROWS, ReadOptions
from kansenmonitor.sources.spec import SOURCES, SourceSpec
from kansenmonitor.sources.validate import POLICIES

CATALOG_KEYS = ("name", "staging", "buckets", "memory_limit", "threads", "chunk_rows")
SOURCE_KEYS = ("path", "rename", "format", "delimiter", "decimal", "encoding", "on_invalid", "file_pattern")
_ABSOLUTE = re.compile(r"^([A-Za-z]:[\\/]|[\\/]{2}|/)")
_MEMORY = re.compile(r"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class SourceEntry:
    """One ``[sources.NAME]`` table: the path pattern and reading options of a source."""

    name: str
    path: str  # glob pattern with optional {year}; absolute (resolved against the catalog file)
    rename: dict[str, str] = field(default_factory=dict)
    format: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    on_invalid: str = "fail"
    file_pattern: str | None = None

    @property
    def spec(self) -> SourceSpec:
        return SOURCES[self.name]

    def read_options(self, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> ReadOptions:
        """The reader options of this entry."""
        return ReadOptions(format=self.format, delimiter=self.delimiter, decimal=self.decimal,
                           encoding=self.encoding, rename=dict(self.rename), chunk_rows=chunk_rows)


@dataclass(frozen=True)
class Catalog:
    """A loaded catalog: settings plus the entries of the sources it provides."""

    path: Path
    name: str
    staging: Path
    buckets: int
    entries: dict[str, SourceEntry]
    memory_limit: str | None = None
    threads: int | None = None
    chunk_rows: int = DEFAULT_CHUNK_ROWS

    def has(self, name: str) -> bool:
        """Whether the catalog provides source ``name`` (case-insensitive)."""
        return name.upper() in self.entries

    def entry(self, name: str) -> SourceEntry:
        """The entry of source ``name``; ConfigError when the catalog does not provide it."""
        try:
            return self.entries[name.upper()]
        except KeyError:
            raise ConfigError(f"catalog {self.path}: no [sources.{name}] entry") from None

    @property
    def names(self) -> list[str]:
        """Source names provided, in catalog order."""
        return list(self.entries)

    def missing_sources(self) -> list[str]:
        """Sources of the spec that this catalog leaves out."""
        return [n for n in SOURCES if n not in self.entries]


def load_catalog(path: str | Path) -> Catalog:
    """Read and check a catalog TOML file; returns the Catalog or raises ConfigError with a
    one-line message naming the file and the offending key."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"catalog {path}: file not found")
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"catalog {path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"catalog {path}: not UTF-8 text") from None
    return parse_catalog(data, path)


def parse_catalog(data: dict, path: Path) -> Catalog:
    """Build a Catalog from parsed TOML ``data``; relative paths are resolved against ``path``'s folder."""
    where = f"catalog {path}"
    base = path.resolve().parent
    _unknown_keys(data, ("catalog", "sources"), where, "top level")
    settings = data.get("catalog", {})
    if not isinstance(settings, dict):
        raise ConfigError(f"{where}: [catalog] must be a table")
    _unknown_keys(settings, CATALOG_KEYS, where, "[catalog]")
    name = _string(settings.get("name", path.stem), where, "[catalog] name")
    staging = _resolve(_string(settings.get("staging", "staging"), where, "[catalog] staging"), base)
    buckets = _positive_int(settings.get("buckets", 16), where, "[catalog] buckets")
    threads = settings.get("threads")
    if threads is not None:
        threads = _positive_int(threads, where, "[catalog] threads")
    chunk_rows = _positive_int(settings.get("chunk_rows", DEFAULT_CHUNK_ROWS), where, "[catalog] chunk_rows")
    memory_limit = settings.get("memory_limit")
    if memory_limit is not None and (not isinstance(memory_limit, str) or not _MEMORY.match(memory_limit)):
        raise ConfigError(f"{where}: [catalog] memory_limit must be a size such as \"8GB\", not {memory_limit!r}")

    sources = data.get("sources", {})
    if not isinstance(sources, dict):
        raise ConfigError(f"{where}: [sources] must hold tables such as [sources.SPOLISBUS]")
    entries: dict[str, SourceEntry] = {}
    for raw_name, table in sources.items():
        entry = _entry(raw_name, table, base, where)
        if entry.name in entries:
            raise ConfigError(f"{where}: source {entry.name} is listed twice")
        entries[entry.name] = entry
    return Catalog(path=path.resolve(), name=name, staging=staging, buckets=buckets, entries=entries,
                   memory_limit=memory_limit, threads=threads, chunk_rows=chunk_rows)


def _entry(raw_name: str, table: object, base: Path, where: str) -> SourceEntry:
    name = raw_name.upper()
    if name not in SOURCES:
        close = difflib.get_close_matches(name, list(SOURCES), n=1)
        hint = f"; did you mean {close[0]}?" if close else f"; known sources: {', '.join(SOURCES)}"
        raise ConfigError(f"{where}: unknown source [sources.{raw_name}]{hint}")
    section = f"[sources.{raw_name}]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: {section} must be a table with at least path = \"...\"")
    _unknown_keys(table, SOURCE_KEYS, where, section)
    if "path" not in table:
        raise ConfigError(f"{where}: {section} has no path")
    raw_path = _string(table["path"], where, f"{section} path")
    if not raw_path.strip():
        raise ConfigError(f"{where}: {section} path is empty")
    rename = table.get("rename", {})
    if not isinstance(rename, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in rename.items()):
        raise ConfigError(f"{where}: {section} rename must be a table of \"file column\" = \"variable\" strings")
    fmt = _choice(table.get("format"), EXTENSIONS, where, f"{section} format")
    decimal = _choice(table.get("decimal"), (".", ","), where, f"{section} decimal")
    on_invalid = _choice(table.get("on_invalid", "fail"), POLICIES, where, f"{section} on_invalid")
    delimiter = table.get("delimiter")
    if delimiter is not None:
        delimiter = _string(delimiter, where, f"{section} delimiter")
        if delimiter == "\\t":
            delimiter = "\t"
        if len(delimiter) != 1:
            raise ConfigError(f"{where}: {section} delimiter must be one character, not {delimiter!r}")
    encoding = table.get("encoding")
    if encoding is not None:
        encoding = _string(encoding, where, f"{section} encoding")
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ConfigError(f"{where}: {section} encoding {encoding!r} is not a known text encoding") from None
    file_pattern = table.get("file_pattern")
    if file_pattern is not None:
        file_pattern = _string(file_pattern, where, f"{section} file_pattern")
    return SourceEntry(name=name, path=_resolve(raw_path, base).as_posix().replace("\\", "/"),
                       rename=dict(rename), format=fmt, delimiter=delimiter, decimal=decimal,
                       encoding=encoding, on_invalid=on_invalid, file_pattern=file_pattern)


def _resolve(text: str, base: Path) -> Path:
    if _ABSOLUTE.match(text):
        return Path(text)
    return base / text


def _unknown_keys(table: dict, allowed: tuple[str, ...], where: str, section: str) -> None:
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; allowed: {', '.join(allowed)}"
            raise ConfigError(f"{where}: {section} has unknown key {key!r}{hint}")


def _string(value: object, where: str, what: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {what} must be a string, not {value!r}")
    return value


def _positive_int(value: object, where: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: {what} must be a positive whole number, not {value!r}")
    return value


def _choice(value: object, allowed: tuple[str, ...], where: str, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.lower() not in allowed:
        raise ConfigError(f"{where}: {what} must be one of {', '.join(allowed)}, not {value!r}")
    return value.lower()
