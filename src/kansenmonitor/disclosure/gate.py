"""The output gate: nothing is written for publication without passing it.

:func:`apply_output_control` decides, for every figure of a cube and from its evidence,
whether it is published or withheld (primary rules, then secondary suppression);
:func:`write_publication` writes a publication directory (layout in :mod:`.layout`) only
when every check of :mod:`.check` passes, first on the frames and then on the written
files.

A withheld figure keeps its row in the cube with ``suppressed = true`` and its
``reason``; ``value``, ``se``, the interval, ``n`` and ``n_weighted`` are null. The
counts are withheld too: a count below 10 is itself disclosive, and the count of a
secondary suppression would let the primary one be recovered from the table total
(methods-anchors §4.3, §4.5; indicators.md §7: a withheld figure is kept, never
silently dropped).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Collection, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kansenmonitor import __version__
from kansenmonitor.cube import (
    CUBE_COLUMNS,
    CUBE_SCHEMA,
    EVIDENCE_MEASURES,
    FIGURE_COLUMNS,
    KEY_COLUMNS,
    pandas_dtype,
    validate_cube,
    write_cube,
    write_table,
)
from kansenmonitor.disclosure.check import check_output_dir, sha256_of
from kansenmonitor.disclosure.keys import key_column_names, key_like_values
from kansenmonitor.disclosure.layout import (
    AUDIT_SCHEMA,
    AUDIT_STEM,
    CUBE_FILES,
    EVIDENCE_FILE,
    GATE_FILE,
    GATE_FORMAT,
    RA_ONLY_FILES,
)
from kansenmonitor.disclosure.primary import (
    missing_evidence,
    primary_failures,
    reason_of,
)
from kansenmonitor.disclosure.rules import DisclosureRules
from kansenmonitor.disclosure.secondary import secondary_suppression
from kansenmonitor.errors import KansenmonitorError


class OutputControlError(KansenmonitorError):
    """Output that must not be written: it breaks a disclosure rule or lacks evidence."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("output control: " + "; ".join(problems[:5])
                         + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))


def _keys_normalised(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({c: df[c].astype(pandas_dtype(CUBE_SCHEMA.field(c).type)) for c in KEY_COLUMNS})


def _resolve_flags(evidence: pd.DataFrame, rules: DisclosureRules,
                   magnitudes: Collection[tuple[str, str]] | None,
                   survey: Collection[tuple[str, str]] | None) -> pd.DataFrame:
    """Fill ``magnitude`` and ``source_type`` from the columns, the sets, or the defaults."""
    pairs = list(zip(evidence["indicator"], evidence["variant"]))
    if "magnitude" not in evidence.columns:
        if magnitudes is not None:
            evidence["magnitude"] = [p in set(magnitudes) for p in pairs]
        else:
            # without the indicator registry every mean is treated as a magnitude
            evidence["magnitude"] = evidence["statistic"].isin(rules.magnitude_statistics).to_numpy()
    if "source_type" not in evidence.columns:
        survey_set = set(survey or ())
        evidence["source_type"] = ["survey" if p in survey_set else "register" for p in pairs]
    evidence["magnitude"] = evidence["magnitude"].astype(bool)
    evidence["source_type"] = evidence["source_type"].astype(object)
    return evidence


def apply_output_control(cube_df: pd.DataFrame, evidence_df: pd.DataFrame,
                         rules: DisclosureRules | None = None, *,
                         magnitudes: Collection[tuple[str, str]] | None = None,
                         survey: Collection[tuple[str, str]] | None = None,
                         ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Decide for every figure whether it is published; return ``(published, audit)``.

    ``cube_df`` is a valid cube (figures not yet gated are ``suppressed = false``; rows
    a producer already marked, e.g. ``no_data``, stay as they are). ``evidence_df`` has
    one row per cube row: the key columns and the evidence measures
    (:data:`~kansenmonitor.cube.EVIDENCE_MEASURES`; ``n_y`` for shares, ``max_y``,
    ``sum_abs_y`` and ``max_share`` for magnitudes), and optionally the flags
    ``magnitude`` (bool: the dominance rule applies) and ``source_type``
    (``register``/``survey``). Without these columns, ``magnitudes`` and ``survey``
    (sets of ``(indicator, variant)`` from the indicator registry) decide; without
    those, every ``mean`` is treated as a magnitude and every figure as register data.

    ``published`` is the gated cube (withheld rows kept, with value, se, interval, n and
    n_weighted null). ``audit`` has one row per figure (:data:`~.layout.AUDIT_SCHEMA`):
    evidence, flags, decision, failed rules and, for secondary suppressions, the table
    that required them. Raises :class:`OutputControlError` when the cube is invalid,
    holds forbidden statistics or key columns, or evidence is missing.
    """
    rules = rules or DisclosureRules()
    problems = [f"cube: {p}" for p in validate_cube(cube_df)]
    forbidden = sorted(set(cube_df.get("statistic", pd.Series(dtype=object))) & rules.forbidden_statistics)
    if forbidden:
        problems.append(f"statistics not allowed in output: {forbidden}")
    for name, frame in (("cube", cube_df), ("evidence", evidence_df)):
        keys = key_column_names(frame.columns, rules.key_columns)
        if keys:
            problems.append(f"{name} has columns named after linking keys: {keys}")
    missing = [c for c in (*KEY_COLUMNS, "n") if c not in evidence_df.columns]
    if missing:
        problems.append(f"evidence lacks columns {missing}")
    if problems:
        raise OutputControlError(problems)

    cube = cube_df[list(CUBE_COLUMNS)].reset_index(drop=True).copy()
    ev = evidence_df.copy()
    ev[list(KEY_COLUMNS)] = _keys_normalised(ev)
    keys = _keys_normalised(cube)
    if ev.duplicated(list(KEY_COLUMNS)).any():
        raise OutputControlError(["evidence has several rows for one figure"])
    ev_cols = [c for c in ev.columns if c not in KEY_COLUMNS and c in
               (*EVIDENCE_MEASURES, "magnitude", "source_type")]
    ev = keys.merge(ev[list(KEY_COLUMNS) + ev_cols], on=list(KEY_COLUMNS), how="left",
                    indicator="_match", validate="one_to_one")
    if (ev["_match"] != "both").any():
        raise OutputControlError([f"{int((ev['_match'] != 'both').sum())} figures without evidence"])
    ev = ev.drop(columns="_match")
    if "n_weighted" not in ev.columns:
        ev["n_weighted"] = cube["n_weighted"].astype("float64")
    for c in EVIDENCE_MEASURES:
        if c not in ev.columns:
            ev[c] = np.nan
    ev = _resolve_flags(ev, rules, magnitudes, survey)
    ev["suppressed"] = cube["suppressed"].to_numpy(dtype=bool)
    ev["reason"] = cube["reason"].astype(object).to_numpy()
    live = ~ev["suppressed"].to_numpy()
    n_cube = cube["n"].astype("float64").to_numpy()
    n_ev = ev["n"].astype("float64").to_numpy()
    if (live & ~np.isclose(n_cube, n_ev, rtol=0, atol=0, equal_nan=True)).any():
        raise OutputControlError(["cube n differs from the evidence n"])
    problems = missing_evidence(ev, rules)
    if problems:
        raise OutputControlError(problems)

    failures = primary_failures(ev, rules).where(live, "")
    ev["rules_failed"] = failures.astype(object)
    primary_reason = failures.map(reason_of)
    newly = live & (primary_reason != "").to_numpy()
    ev.loc[newly, "suppressed"] = True
    ev.loc[newly, "reason"] = primary_reason[newly]
    ev["detail"] = ""
    ev = secondary_suppression(ev, rules)

    published = cube.copy()
    published["suppressed"] = ev["suppressed"].to_numpy(dtype=bool)
    published["reason"] = ev["reason"].astype(object).to_numpy()
    hide = published["suppressed"].to_numpy()
    for c in FIGURE_COLUMNS:
        published[c] = published[c].astype(pandas_dtype(CUBE_SCHEMA.field(c).type)).mask(hide)
    audit = ev[list(AUDIT_SCHEMA.names)].copy()
    audit = audit.astype({f.name: pandas_dtype(f.type) for f in AUDIT_SCHEMA})
    return published, audit


def write_publication(directory: Path, published: pd.DataFrame, audit: pd.DataFrame,
                      rules: DisclosureRules | None = None, *,
                      extra_tables: Mapping[str, pd.DataFrame] | None = None) -> Path:
    """Write a publication directory, or raise :class:`OutputControlError` and write nothing.

    ``published`` and ``audit`` come from :func:`apply_output_control`; ``extra_tables``
    (name → frame, e.g. ``codes``, ``indicators``) are written as ``<name>.parquet``
    after the same key checks. The files are written to a temporary sibling directory,
    checked as written (:func:`.check.check_output_dir`: the rules of
    :func:`.check.check_frames` on the figures read back, the files, the key scan), and
    only then moved to ``directory``, which must not exist or be empty; on any violation
    nothing is moved. Returns the path of ``gate.json``.
    """
    rules = rules or DisclosureRules()
    extra = dict(extra_tables or {})
    reserved = {Path(f).stem for f in (*CUBE_FILES, EVIDENCE_FILE, GATE_FILE)} | {AUDIT_STEM}
    problems: list[str] = []
    for name, frame in extra.items():
        if name in reserved or not name.replace("_", "").isalnum():
            problems.append(f"extra table name {name!r} is reserved or not a plain name")
        problems += [f"{name}: column {c} is named after a linking key"
                     for c in key_column_names(frame.columns, rules.key_columns)]
        problems += key_like_values(frame.reset_index(drop=True), name)
    if problems:
        raise OutputControlError(problems)

    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise OutputControlError([f"{directory} exists and is not empty"])
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = directory.parent / f".{directory.name}.partial-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        write_cube(published, tmp)
        audit_sorted = audit.sort_values(list(KEY_COLUMNS), kind="stable").reset_index(drop=True)
        write_table(audit_sorted, tmp, Path(EVIDENCE_FILE).stem, AUDIT_SCHEMA, csv_too=False)
        log = audit_sorted[audit_sorted["suppressed"].to_numpy(dtype=bool)].reset_index(drop=True)
        write_table(log, tmp, AUDIT_STEM, AUDIT_SCHEMA)
        for name, frame in extra.items():
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp / f"{name}.parquet")
        gate = _gate_record(tmp, published, rules)
        (tmp / GATE_FILE).write_text(json.dumps(gate, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        problems = check_output_dir(tmp, rules)
        if problems:
            raise OutputControlError(problems)
        if directory.exists():
            directory.rmdir()
        os.replace(tmp, directory)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return directory / GATE_FILE


def _gate_record(directory: Path, published: pd.DataFrame, rules: DisclosureRules) -> dict:
    suppressed = published["suppressed"].to_numpy(dtype=bool)
    reasons = published.loc[suppressed, "reason"].value_counts().sort_index()
    files = {}
    for path in sorted(directory.iterdir()):
        # the size in KiB (a decimal), not in bytes: a file of 100-999 MB has a nine-digit
        # byte count, which the key scan rightly refuses in published text (the sha256 is
        # what ties the record to the file)
        files[path.name] = {"sha256": sha256_of(path), "kib": round(path.stat().st_size / 1024, 3),
                            "publish": path.name not in RA_ONLY_FILES}
    return {
        "format": GATE_FORMAT,
        "kansenmonitor_version": __version__,
        "rules": rules.to_dict(),
        "figures": int(len(published)),
        "published": int((~suppressed).sum()),
        "suppressed": int(suppressed.sum()),
        "suppressed_by_reason": {str(k): int(v) for k, v in reasons.items()},
        "files": files,
    }
