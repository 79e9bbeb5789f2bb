"""A run's output folder, read for publication only after it passes the output gate.

:func:`read_checked_run` re-verifies the folder with :func:`kansenmonitor.disclosure.check.
check_output_dir` (the same check as ``kansenmonitor check DIR``) and refuses an unchecked
or failing folder; only then are the cube, code labels and indicator registry read. The run
manifest and run log come from the work folder (``DIR.werk`` by default) when it is there.
The RA-only audit files are never read here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kansenmonitor.cube import CUBE_SCHEMA, FIGURE_COLUMNS, read_parquet_table
from kansenmonitor.disclosure.check import check_output_dir
from kansenmonitor.disclosure.layout import GATE_FILE
from kansenmonitor.errors import KansenmonitorError


class PublishError(KansenmonitorError):
    """A run folder that must not be published, or a site folder that cannot be written."""


@dataclass
class RunOutput:
    """What a checked run folder holds for publication."""

    directory: Path
    cube: pd.DataFrame
    codes: pd.DataFrame
    indicators: pd.DataFrame
    gate: dict
    manifest: dict | None
    run_log: dict | None

    @property
    def work_dir(self) -> Path:
        return self.directory.with_name(self.directory.name + ".werk")


def read_checked_run(run_dir: Path, work_dir: Path | None = None, just_checked: bool = False) -> RunOutput:
    """The run folder's publishable tables; raises :class:`PublishError` when the folder did
    not pass the output gate or fails any of its checks now. ``just_checked``: the caller
    ran :func:`~kansenmonitor.disclosure.check.check_output_dir` on the folder a moment ago
    and it passed (the demo, right after its check step), so it is not run a second time."""
    run_dir = Path(run_dir)
    if not (run_dir / GATE_FILE).is_file():
        raise PublishError(f"{run_dir}: no {GATE_FILE}: this folder did not pass the output gate "
                           f"(publish only the output folder of `kansenmonitor run`)")
    problems = [] if just_checked else check_output_dir(run_dir)
    if problems:
        raise PublishError(f"{run_dir} fails the output check ({len(problems)} violations, first: {problems[0]}); "
                           f"see `kansenmonitor check {run_dir}`")
    cube = read_parquet_table(run_dir / "cube.parquet", CUBE_SCHEMA)
    withheld = cube["suppressed"].to_numpy(dtype=bool)
    for column in FIGURE_COLUMNS:  # the check guarantees it; publishing depends on it
        if cube.loc[withheld, column].notna().any():
            raise PublishError(f"{run_dir}: a withheld figure has a {column}")
    for name in ("codes", "indicators"):
        if not (run_dir / f"{name}.parquet").is_file():
            raise PublishError(f"{run_dir}: {name}.parquet missing")
    codes = pd.read_parquet(run_dir / "codes.parquet")
    indicators = pd.read_parquet(run_dir / "indicators.parquet")
    gate = json.loads((run_dir / GATE_FILE).read_text(encoding="utf-8"))
    work = Path(work_dir) if work_dir else run_dir.with_name(run_dir.name + ".werk")
    return RunOutput(run_dir, cube, codes, indicators, gate,
                     _json_or_none(work / "manifest.json"), _json_or_none(work / "run_log.json"))


def _json_or_none(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
