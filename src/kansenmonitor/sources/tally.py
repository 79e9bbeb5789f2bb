"""Count problems per (variable, problem) over the chunks of a file and turn them into Findings.

Each entry keeps the number of affected rows, the first affected row and the value found
there, so the user's message can name file, variable, row, value and count
(errors.py; cbs-sources.md §0.4 on sentinels that must be counted, not dropped).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.errors import Finding

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class RowProblem:
    """Rows of one chunk with one problem in one variable (as the file names it)."""

    variable: str | None
    problem: str
    mask: pa.BooleanArray
    values: pa.Array | None = None  # raw values, to quote the first one in the message
    severity: str = "error"

    @property
    def label(self) -> str:
        """Short reason used for excluded-row counts: ``SECM: code not in the code list``."""
        return f"{self.variable}: {self.problem}" if self.variable else self.problem


@dataclass
class _Entry:
    variable: str | None
    problem: str
    severity: str
    count: int = 0
    row: int | None = None
    example: object = None


@dataclass
class Tally:
    """Accumulates problems of one file; ``findings()`` returns them as :class:`Finding`."""

    file: str
    entries: dict[tuple[str | None, str, str], _Entry] = field(default_factory=dict)

    def add(self, problem: RowProblem, rows: pa.Array) -> None:
        """Count the rows of ``problem.mask``; ``rows`` holds the 1-based data row numbers."""
        n = int(pc.sum(problem.mask).as_py() or 0)
        if n == 0:
            return
        first = int(pc.index(problem.mask, True).as_py())
        example = problem.values[first].as_py() if problem.values is not None else None
        self.add_count(problem.variable, problem.problem, problem.severity, n, int(rows[first].as_py()), example)

    def add_count(self, variable: str | None, problem: str, severity: str, count: int,
                  row: int | None, example: object = None) -> None:
        """Count ``count`` rows of a problem whose first occurrence is ``row``."""
        if count <= 0:
            return
        key = (variable, problem, severity)
        entry = self.entries.setdefault(key, _Entry(variable, problem, severity))
        entry.count += count
        if row is not None and (entry.row is None or row < entry.row):
            entry.row, entry.example = row, example

    def findings(self) -> list[Finding]:
        """All counted problems as Findings: errors first, then by first row."""
        out = [Finding(file=self.file, variable=e.variable, problem=_with_example(e.problem, e.example),
                       row=e.row, count=e.count, severity=e.severity) for e in self.entries.values()]
        return sorted(out, key=finding_order)

    def has_errors(self) -> bool:
        return any(e.severity == "error" for e in self.entries.values())


def finding_order(f: Finding) -> tuple[int, int, str]:
    """Sort key: errors before warnings before info; within those, problems without a row
    (structure: columns, empty file) first, then by first row."""
    return (SEVERITY_ORDER.get(f.severity, 3), -1 if f.row is None else f.row, f.variable or "")


def first_error(findings: list[Finding]) -> Finding | None:
    """The error finding to report when the policy is ``fail``, or None when there is none."""
    errors = [f for f in findings if f.severity == "error"]
    return min(errors, key=finding_order) if errors else None


def problem_labels(problems: list[RowProblem], n: int) -> pa.Array:
    """Per row the label of its first error problem (null when the row has none)."""
    labels = pa.nulls(n, pa.string())
    for p in problems:
        if p.severity != "error":
            continue
        labels = pc.if_else(pc.and_(pc.is_null(labels), p.mask), pa.scalar(p.label), labels)
    return labels


def _with_example(problem: str, example: object) -> str:
    if example is None:
        return problem
    text = str(example)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{problem}: {text!r}"
