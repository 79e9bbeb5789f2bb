"""Errors a user sees: one line naming the file, the variable and the row.

Every problem with input data is raised as :class:`InputError` (or collected as
:class:`Finding` objects by the validators); the command-line interface prints
``str(error)`` and exits non-zero, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class KansenmonitorError(Exception):
    """Base class of errors that are reported to the user as a one-line message."""


@dataclass
class Finding:
    """One validation result about input data.

    ``row`` is the 1-based data row (header not counted) of the first offending record,
    ``count`` the number of records with the same problem.
    """

    file: str
    variable: str | None
    problem: str
    row: int | None = None
    count: int = 1
    severity: str = "error"  # "error" stops the run; "warning" is logged and counted

    def message(self) -> str:
        where = [f"file {self.file}"]
        if self.variable:
            where.append(f"variable {self.variable}")
        if self.row is not None:
            where.append(f"row {self.row}")
        extra = f" ({self.count} rows)" if self.count > 1 else ""
        return f"{', '.join(where)}: {self.problem}{extra}"


class InputError(KansenmonitorError):
    """Input data that cannot be used: names the file, the variable and the row."""

    def __init__(self, file: str, variable: str | None, problem: str,
                 row: int | None = None, count: int = 1) -> None:
        self.finding = Finding(file=file, variable=variable, problem=problem, row=row, count=count)
        super().__init__(self.finding.message())

    @classmethod
    def from_finding(cls, finding: Finding) -> "InputError":
        return cls(finding.file, finding.variable, finding.problem, finding.row, finding.count)


class ConfigError(KansenmonitorError):
    """A catalog or configuration file that cannot be used."""
