"""Re-verify output: ``kansenmonitor check DIR`` fails on any violation.

:func:`check_output_dir` reads a publication directory (layout in :mod:`.layout`) and
reports, one line each:

* files: ``gate.json`` present and readable; every file in the directory listed in it,
  every listed file present, and its sha256 unchanged (tampering after the gate);
* rules: those recorded in ``gate.json`` (or passed in) are not weaker than the CBS RA
  defaults of :class:`~.rules.DisclosureRules` (when read from ``gate.json``);
* the cube: valid (:func:`kansenmonitor.cube.validate_cube`); ``cube.csv`` identical to
  ``cube.parquet``; no ``min``/``max`` statistics;
* the figures, against the evidence sheet ``disclosure_audit.parquet``: one evidence row
  per figure with the same decision; a withheld figure has value, se, interval, n and
  n_weighted null; a published figure has the evidence's n and passes every primary rule
  (n ≥ min_n; share numerator and complement; dominance; EBB reliability);
* secondary protection: no withheld figure recoverable by differencing
  (:func:`~.secondary.unprotected`);
* the suppression log ``audit.parquet``/``audit.csv`` (identical) lists exactly the
  withheld figures; counts in ``gate.json`` agree with the cube;
* no column named after a linking key and no nine-digit key-like value in any file
  (:mod:`.keys`).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from kansenmonitor.cube import (
    CUBE_SCHEMA,
    FIGURE_COLUMNS,
    KEY_COLUMNS,
    describe_key,
    frames_identical,
    pandas_dtype,
    read_csv_table,
    read_parquet_table,
    validate_cube,
)
from kansenmonitor.disclosure.keys import key_column_names, scan_file
from kansenmonitor.disclosure.layout import (
    AUDIT_FILES,
    AUDIT_SCHEMA,
    CUBE_FILES,
    EVIDENCE_FILE,
    GATE_FILE,
    GATE_FORMAT,
)
from kansenmonitor.disclosure.primary import FAILED_RULE_REASON, primary_failures
from kansenmonitor.disclosure.rules import DisclosureRules
from kansenmonitor.disclosure.secondary import unprotected
from kansenmonitor.errors import ConfigError

_MAX_LINES_PER_RULE = 20


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _keys(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({c: df[c].astype(pandas_dtype(CUBE_SCHEMA.field(c).type)).to_numpy()
                         for c in KEY_COLUMNS})


def _rows(df: pd.DataFrame, mask: np.ndarray, what: str) -> list[str]:
    idx = np.flatnonzero(mask)
    out = [f"{what}: [{describe_key(df.iloc[i])}]" for i in idx[:_MAX_LINES_PER_RULE]]
    if len(idx) > _MAX_LINES_PER_RULE:
        out.append(f"{what}: ... and {len(idx) - _MAX_LINES_PER_RULE} more figures")
    return out


def check_frames(cube: pd.DataFrame, audit: pd.DataFrame, rules: DisclosureRules) -> list[str]:
    """Violations in a gated cube and its evidence frame (see the module docstring)."""
    problems = [f"cube: {p}" for p in validate_cube(cube)]
    if any(p.startswith("cube: missing columns") for p in problems):
        return problems
    forbidden = sorted(set(cube["statistic"]) & rules.forbidden_statistics)
    if forbidden:
        problems.append(f"cube: statistics not allowed in output: {forbidden}")
    for name, frame in (("cube", cube), ("evidence", audit)):
        for c in key_column_names(frame.columns, rules.key_columns):
            problems.append(f"{name}: column {c} is named after a linking key")
    missing = [c for c in AUDIT_SCHEMA.names if c not in audit.columns]
    if missing:
        problems.append(f"evidence lacks columns {missing}")
        return problems
    cube = cube.reset_index(drop=True)
    ev = _keys(cube).merge(
        pd.concat([_keys(audit), audit.drop(columns=list(KEY_COLUMNS)).reset_index(drop=True)], axis=1),
        on=list(KEY_COLUMNS), how="left", indicator="_match")
    if len(ev) != len(cube) or (ev["_match"] != "both").any() or len(audit) != len(cube):
        problems.append("evidence does not have exactly one row per figure of the cube")
        return problems
    ev = ev.drop(columns="_match")

    sup = cube["suppressed"].to_numpy(dtype=bool)
    same = (sup == ev["suppressed"].to_numpy(dtype=bool)) & (
        cube["reason"].astype(str).to_numpy() == ev["reason"].astype(str).to_numpy())
    problems += _rows(cube, ~same, "decision in the cube differs from the evidence sheet")
    # what is published is what counts: judge the cube's decisions
    ev["suppressed"] = sup
    ev["reason"] = cube["reason"].astype(object).to_numpy()
    withheld_shown = np.zeros(len(cube), dtype=bool)
    for c in FIGURE_COLUMNS:
        withheld_shown |= sup & cube[c].notna().to_numpy()
    problems += _rows(cube, withheld_shown, "withheld figure shows a value, interval or count")

    pub = ~sup
    n_cube = cube["n"].astype("float64").to_numpy()
    nw_cube = cube["n_weighted"].astype("float64").to_numpy()
    differs = pub & ((n_cube != ev["n"].astype("float64").to_numpy())
                     | (nw_cube != ev["n_weighted"].astype("float64").to_numpy()))
    problems += _rows(cube, differs, "published n or n_weighted differs from the evidence")
    failures = primary_failures(ev, rules).to_numpy(dtype=object)
    for rule in FAILED_RULE_REASON:
        hit = pub & np.array([rule in f.split(";") for f in failures], dtype=bool)
        problems += _rows(cube, hit, f"published figure breaks rule {rule}")
    problems += unprotected(ev, rules)
    return problems


def _check_files(directory: Path, gate: dict) -> list[str]:
    problems = []
    listed = gate.get("files", {})
    present = {p.relative_to(directory).as_posix() for p in directory.rglob("*")} - {GATE_FILE}
    for name in sorted(present - set(listed)):
        problems.append(f"{name}: not covered by {GATE_FILE} (did not pass the gate)")
    for name, info in sorted(listed.items()):
        path = directory / name
        if not path.is_file():
            problems.append(f"{name}: listed in {GATE_FILE} but missing")
        elif sha256_of(path) != info.get("sha256"):
            problems.append(f"{name}: changed after the gate (sha256 differs from {GATE_FILE})")
    for name in (*CUBE_FILES, EVIDENCE_FILE, *AUDIT_FILES):
        if name not in listed:
            problems.append(f"{name}: missing from the output")
    return problems


def check_output_dir(directory: Path, rules: DisclosureRules | None = None) -> list[str]:
    """Violations in a publication directory, one line each; empty when it passes.

    ``rules``: the rules to check against; by default those recorded in ``gate.json``,
    which must then not be weaker than the defaults.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return [f"{directory}: not a directory"]
    gate_path = directory / GATE_FILE
    if not gate_path.is_file():
        return [f"{GATE_FILE} missing: the output did not pass the gate"]
    try:
        gate = json.loads(gate_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{GATE_FILE}: unreadable ({exc})"]
    problems: list[str] = []
    if gate.get("format") != GATE_FORMAT:
        problems.append(f"{GATE_FILE}: format {gate.get('format')!r} is not {GATE_FORMAT!r}")
    if rules is None:
        try:
            rules = DisclosureRules.from_dict(gate.get("rules", {}))
        except (ConfigError, KeyError, TypeError, ValueError) as exc:
            problems.append(f"{GATE_FILE}: rules unusable ({exc}); checked with the defaults")
            rules = DisclosureRules()
        problems += [f"{GATE_FILE}: rules weaker than the CBS RA defaults: {w}"
                     for w in rules.weaker_than(DisclosureRules())]
    problems += _check_files(directory, gate)

    try:
        cube = read_parquet_table(directory / "cube.parquet", CUBE_SCHEMA)
        evidence = read_parquet_table(directory / EVIDENCE_FILE, AUDIT_SCHEMA)
    except (OSError, ValueError) as exc:
        problems.append(f"cannot read the cube or its evidence: {exc}")
        cube = evidence = None
    if cube is not None and evidence is not None:
        try:
            if not frames_identical(cube, read_csv_table(directory / "cube.csv", CUBE_SCHEMA)):
                problems.append("cube.csv and cube.parquet differ")
        except (OSError, ValueError) as exc:
            problems.append(f"cube.csv unreadable: {exc}")
        try:
            problems += check_frames(cube, evidence, rules)
            problems += _check_log(directory, cube)
            problems += _check_counts(gate, cube)
        except (KeyError, TypeError, ValueError) as exc:  # content too damaged to judge
            problems.append(f"cube or evidence cannot be checked: {exc}")

    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        try:
            problems += scan_file(path, rules.key_columns)
        except (OSError, ValueError) as exc:
            problems.append(f"{path.name}: cannot be scanned for keys ({exc})")
    return problems


def _check_log(directory: Path, cube: pd.DataFrame) -> list[str]:
    try:
        log = read_parquet_table(directory / AUDIT_FILES[0], AUDIT_SCHEMA)
        log_csv = read_csv_table(directory / AUDIT_FILES[1], AUDIT_SCHEMA)
    except (OSError, ValueError) as exc:
        return [f"suppression log unreadable: {exc}"]
    problems = []
    if not frames_identical(log, log_csv):
        problems.append("audit.csv and audit.parquet differ")
    withheld = _keys(cube[cube["suppressed"].to_numpy(dtype=bool)])
    logged = _keys(log)
    # a merge on the keys, not sets of Python tuples (a million of them at scale 0.01)
    both = withheld.merge(logged.drop_duplicates(), how="outer", on=list(KEY_COLUMNS), indicator=True)
    missing = int((both["_merge"] == "left_only").sum())
    extra = int((both["_merge"] == "right_only").sum())
    if missing or extra or logged.duplicated().any():
        problems.append(f"suppression log does not list exactly the withheld figures "
                        f"({missing} missing, {extra} extra)")
    return problems


def _check_counts(gate: dict, cube: pd.DataFrame) -> list[str]:
    sup = cube["suppressed"].to_numpy(dtype=bool)
    by_reason = {str(k): int(v) for k, v in cube.loc[sup, "reason"].value_counts().items()}
    if (gate.get("figures") != len(cube) or gate.get("suppressed") != int(sup.sum())
            or gate.get("suppressed_by_reason") != by_reason):
        return [f"{GATE_FILE}: counts do not match the cube"]
    return []


def check_main(directory: str | Path) -> int:
    """Command ``kansenmonitor check DIR``: print one line per violation; exit code 1 if any."""
    problems = check_output_dir(Path(directory))
    for p in problems:
        print(p)
    if problems:
        print(f"check failed: {len(problems)} violations in {directory}", file=sys.stderr)
        return 1
    cube = read_parquet_table(Path(directory) / "cube.parquet", CUBE_SCHEMA)
    print(f"check passed: {len(cube)} figures, {int(cube['suppressed'].sum())} withheld, in {directory}")
    return 0
