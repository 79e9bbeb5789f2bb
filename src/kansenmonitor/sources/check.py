"""``kansenmonitor sources check CATALOG``: stage and validate every source of a catalog.

Prints a summary (staged files, warnings, excluded rows) to stdout. A problem with the
input or the catalog is printed as ONE line on stderr naming file, variable and row
(errors.py), and the exit code is non-zero; never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from kansenmonitor.errors import ConfigError, KansenmonitorError
from kansenmonitor.sources.catalog import load_catalog
from kansenmonitor.sources.staging import stage_catalog

EXIT_OK = 0
EXIT_INPUT = 1  # input data cannot be used
EXIT_CONFIG = 2  # the catalog cannot be used


def check_catalog(catalog_path: str | Path, years: Iterable[int] | None = None,
                  sources: Iterable[str] | None = None, workers: int = 1,
                  out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Stage and check the catalog's sources; returns the exit code (0 ok, 1 input error,
    2 catalog error) after printing the summary to ``out`` or the one-line error to ``err``."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        catalog = load_catalog(catalog_path)
        report = stage_catalog(catalog, years=years, sources=sources, workers=workers)
    except ConfigError as exc:
        print(f"error: {_one_line(exc)}", file=err)
        return EXIT_CONFIG
    except KansenmonitorError as exc:
        print(f"error: {_one_line(exc)}", file=err)
        return EXIT_INPUT
    except OSError as exc:  # unreadable drive, permission denied, disk full while staging
        print(f"error: {_one_line(exc)}", file=err)
        return EXIT_INPUT
    for line in report.lines():
        print(line, file=out)
    return EXIT_OK


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
