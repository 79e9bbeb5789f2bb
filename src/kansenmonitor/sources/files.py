"""Locate the files of a CBS source by pattern; the highest version wins.

cbs-sources.md §0.1: CBS file names follow ``<NAME><JJJJ><TAB|BUS>V<vv>`` but names on
disk vary (``SPOLISBUS 2014V1.DTA`` with a space, ``120619 HOOGSTEOPLTAB 2008V1.sav`` with a
date-stamp prefix), folders are per year or flat, and "software should locate files by
pattern and take the highest version". The catalog gives a path pattern (a glob that may
contain ``{year}``); the source's ``file_patterns`` (spec.py) say how to read the year and
the version from a file name.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kansenmonitor.errors import Finding, InputError
from kansenmonitor.sources.spec import SourceSpec

#: File formats the readers understand (cbs-sources.md §0.2); matched case-insensitively.
EXTENSIONS: tuple[str, ...] = ("sav", "dta", "csv", "parquet")

_WILDCARD = re.compile(r"[*?\[]")
#: Start of an absolute path: a drive (``G:/``), a UNC share (``//server/share/``) or ``/``.
_ANCHOR = re.compile(r"^(?:[A-Za-z]:/|//[^/]+/[^/]+/|/)")
_YEAR_GLOB = "[0-9][0-9][0-9][0-9]"
#: Date-stamp prefix of older CBS files, e.g. ``120619 `` (§0.1, §9).
_DATE_PREFIX = r"(?:\d{6,8}[ _-]*)?"


@dataclass(frozen=True)
class FoundFile:
    """One source file chosen for staging.

    ``year`` is the data year of a yearly source (None for longitudinal and reference
    files, which hold all years in one release); ``release_year`` is the year in the file
    name (None when the name has none, e.g. ``LANDAKTUEELREFV13``); ``version`` is the
    number after ``V`` (0 when the name carries no version).
    """

    path: Path
    source: str
    year: int | None
    version: int
    release_year: int | None

    @property
    def label(self) -> str:
        """Short human label: ``SPOLISBUS 2019 (SPOLISBUS2019V2.sav)``."""
        when = f" {self.year}" if self.year is not None else ""
        return f"{self.source}{when} ({self.path.name})"


def name_regex(file_pattern: str) -> re.Pattern[str]:
    """Regular expression for one ``file_patterns`` entry of a source spec.

    ``{year}`` matches 4 digits (optionally preceded by spaces), ``{version}`` the digits
    after V; spaces in the pattern match any (or no) spaces; a date-stamp prefix and the
    extensions of :data:`EXTENSIONS` are allowed; case is ignored (§0.1).
    """
    out = "^" + _DATE_PREFIX
    for token in re.split(r"(\{year\}|\{version\})", file_pattern):
        if token == "{year}":
            out += r"\s*(?P<year>\d{4})"
        elif token == "{version}":
            out += r"(?P<version>\d+)"
        else:
            out += "".join(r"\s*" if ch == " " else re.escape(ch) for ch in token)
    out += r"\s*\.(?:" + "|".join(EXTENSIONS) + r")$"
    return re.compile(out, re.IGNORECASE)


def parse_file_name(name: str, patterns: Iterable[str]) -> tuple[int | None, int] | None:
    """(year in the name or None, version or 0) of a file name, or None when no pattern matches."""
    for pattern in patterns:
        m = name_regex(pattern).match(name)
        if m:
            groups = m.groupdict()
            year = int(groups["year"]) if groups.get("year") else None
            version = int(groups["version"]) if groups.get("version") else 0
            return year, version
    return None


def glob_files(pattern: str | Path) -> list[Path]:
    """Files matching a glob pattern, case-insensitively on every platform (as on Windows).

    Supports ``*``, ``?``, ``[...]`` in any path component and ``**`` for any depth. A
    literal component is looked up directly and only scanned for a case-insensitive match
    when the exact name does not exist, so large network folders are not listed needlessly.
    """
    text = str(pattern).replace("\\", "/")
    anchor_match = _ANCHOR.match(text)
    anchor = anchor_match.group(0) if anchor_match else ""
    parts = [p for p in text[len(anchor):].split("/") if p]
    if not parts:
        return []
    current = [Path(anchor) if anchor else Path(".")]
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        found: list[Path] = []
        for directory in current:
            if part == "**":
                found.extend([directory, *(d for d in directory.rglob("*") if d.is_dir())])
            elif _WILDCARD.search(part):
                matcher = re.compile(fnmatch.translate(part), re.IGNORECASE)
                found.extend(c for c in _children(directory) if matcher.match(c.name) and _kind_ok(c, last))
            elif _kind_ok(directory / part, last):
                found.append(directory / part)
            else:
                found.extend(c for c in _children(directory) if c.name.lower() == part.lower() and _kind_ok(c, last))
        current = found
    if parts[-1] == "**":
        return []
    return sorted(set(current))


def _children(directory: Path) -> list[Path]:
    try:
        return list(directory.iterdir())
    except OSError:
        return []


def _kind_ok(path: Path, last: bool) -> bool:
    return path.is_file() if last else path.is_dir()


def find_source_files(spec: SourceSpec, path_pattern: str | Path, years: Iterable[int] | None = None,
                      *, file_patterns: Iterable[str] | None = None,
                      findings: list[Finding] | None = None) -> list[FoundFile]:
    """The files to read for ``spec``: per year the highest version (cbs-sources.md §0.1).

    Returns one :class:`FoundFile` per requested year (sorted by year) for a yearly source;
    for longitudinal and reference sources the single file with the highest release year
    and then the highest version. ``years`` (yearly sources only) selects years; None
    takes every year found. ``file_patterns`` overrides the spec's name patterns.

    Files that match the glob but not the name patterns, and versions that lose to a
    higher one, are appended to ``findings`` (warning / info) and logged, never dropped
    silently. Raises :class:`InputError` when a requested year (or any file at all) is
    missing, naming the pattern and the year.
    """
    patterns = tuple(file_patterns) if file_patterns else spec.file_patterns
    pattern_text = str(path_pattern).replace("\\", "/")
    notes: list[Finding] = findings if findings is not None else []
    yearly = spec.period == "yearly"
    wanted = sorted(set(years)) if (years is not None and yearly) else None

    if "{year}" in pattern_text and wanted is not None and spec.unit != "REF":
        candidates = sorted({p for y in wanted for p in glob_files(pattern_text.replace("{year}", str(y)))})
    else:
        candidates = glob_files(pattern_text.replace("{year}", _YEAR_GLOB))

    parsed: list[FoundFile] = []
    unmatched: list[Path] = []
    for path in candidates:
        result = parse_file_name(path.name, patterns)
        if result is None:
            unmatched.append(path)
            continue
        release_year, version = result
        parsed.append(FoundFile(path=path, source=spec.name, year=release_year if yearly else None,
                                version=version, release_year=release_year))
    if unmatched:
        shown = ", ".join(p.name for p in unmatched[:5]) + (" ..." if len(unmatched) > 5 else "")
        notes.append(Finding(file=pattern_text, variable=None, severity="warning", count=len(unmatched),
                             problem=f"{len(unmatched)} file(s) match the path but not the {spec.name} "
                                     f"file-name patterns ({', '.join(patterns)}) and are not read: {shown}"))

    if yearly:
        chosen = _highest_per_year(parsed, notes)
        if wanted is not None:
            missing = [y for y in wanted if y not in chosen]
            if missing and spec.unit == "REF" and chosen:
                # Yearly reference tables (region classification, SBB prospects) need not exist
                # for every year: the users of the table pick the closest year it has.
                notes.append(Finding(file=pattern_text, variable=None, severity="info", count=len(missing),
                                     problem=f"{spec.name}: no file for {', '.join(map(str, missing))}; "
                                             f"the closest year of {', '.join(map(str, sorted(chosen)))} is used"))
                wanted = [y for y in wanted if y in chosen] or sorted(chosen)
            elif missing:
                raise InputError(pattern_text, None, _missing_message(spec, missing[0], patterns, unmatched))
            chosen = {y: chosen[y] for y in wanted}
        if not chosen:
            raise InputError(pattern_text, None, _missing_message(spec, None, patterns, unmatched))
        result_files = [chosen[y] for y in sorted(chosen)]
    else:
        if not parsed:
            raise InputError(pattern_text, None, _missing_message(spec, None, patterns, unmatched))
        ranked = sorted(parsed, key=lambda f: (f.release_year or -1, f.version, f.path.name))
        best = ranked[-1]
        _check_tie(ranked, best)
        if len(ranked) > 1:
            notes.append(Finding(file=str(best.path), variable=None, severity="info", count=len(ranked) - 1,
                                 problem=f"{spec.name}: using {best.path.name} (highest release and version); "
                                         f"not read: {', '.join(f.path.name for f in ranked[:-1])}"))
        result_files = [best]
    for f in result_files:
        _note_provisional(f, notes)
    return result_files


def _highest_per_year(files: list[FoundFile], notes: list[Finding]) -> dict[int, FoundFile]:
    by_year: dict[int, list[FoundFile]] = {}
    for f in files:
        if f.year is None:
            notes.append(Finding(file=str(f.path), variable=None, severity="warning",
                                 problem=f"{f.source} is a yearly source but the file name has no year; not read"))
            continue
        by_year.setdefault(f.year, []).append(f)
    chosen: dict[int, FoundFile] = {}
    for year, group in by_year.items():
        ranked = sorted(group, key=lambda f: (f.version, f.path.name))
        best = ranked[-1]
        _check_tie(ranked, best)
        chosen[year] = best
        if len(ranked) > 1:
            notes.append(Finding(file=str(best.path), variable=None, severity="info", count=len(ranked) - 1,
                                 problem=f"{best.source} {year}: using version {best.version}; not read: "
                                         f"{', '.join(f.path.name for f in ranked[:-1])}"))
    return chosen


def _check_tie(ranked: list[FoundFile], best: FoundFile) -> None:
    ties = [f for f in ranked if (f.release_year, f.version) == (best.release_year, best.version)]
    if len(ties) > 1:
        raise InputError(str(best.path.parent), None,
                         f"{len(ties)} files are the same {best.source} release and version "
                         f"({', '.join(str(f.path) for f in ties)}); narrow the catalog path so only one matches")


def _note_provisional(f: FoundFile, notes: list[Finding]) -> None:
    # §6.1: from 2015 SPOLIS has provisional monthly versions V011..V123; a 3-digit version
    # with a leading zero beats V1/V2 numerically, so say which one was taken.
    m = re.search(r"V(0\d{2})(?=\s*\.)", f.path.name, re.IGNORECASE)
    if m:
        notes.append(Finding(file=str(f.path), variable=None, severity="warning",
                             problem=f"version V{m.group(1)} looks like a provisional monthly release "
                                     "(cbs-sources.md §6.1); narrow the catalog path to use a final version"))


def _missing_message(spec: SourceSpec, year: int | None, patterns: tuple[str, ...], unmatched: list[Path]) -> str:
    what = f"no {spec.name} file for year {year}" if year is not None else f"no {spec.name} file"
    extra = ""
    if unmatched:
        extra = (f"; {len(unmatched)} file(s) match the path but not the names {', '.join(patterns)}, "
                 f"e.g. {unmatched[0].name}")
    return f"{what} matches this path pattern{extra}"
