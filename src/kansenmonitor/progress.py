"""Progress bars for every step that takes more than a few seconds.

Bars go to stderr and disappear in non-interactive runs unless ``KANSENMONITOR_PROGRESS=1``
(CI logs stay readable); set ``KANSENMONITOR_PROGRESS=0`` to silence them everywhere.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def _enabled() -> bool:
    setting = os.environ.get("KANSENMONITOR_PROGRESS")
    if setting is not None:
        return setting not in ("0", "", "false", "no")
    return sys.stderr.isatty()


def progress(items: Iterable[T], description: str, total: int | None = None, unit: str = "it") -> Iterator[T]:
    """Iterate over ``items`` with a progress bar labelled ``description``."""
    yield from tqdm(items, desc=description, total=total, unit=unit, disable=not _enabled(),
                    dynamic_ncols=True, leave=False)


def bar(description: str, total: int | None = None, unit: str = "it") -> tqdm:
    """A manual progress bar (``with bar(...) as b: b.update(n)``)."""
    return tqdm(desc=description, total=total, unit=unit, disable=not _enabled(),
                dynamic_ncols=True, leave=False)
