"""Primary suppression: the rules each figure must pass on its own evidence.

Evidence per figure (``kansenmonitor.cube.EVIDENCE_MEASURES`` plus the flags
``magnitude`` and ``source_type``):

* ``min_n`` — ``n < min_n`` (unweighted persons; methods-anchors §4.3: ≥ 10 units,
  unweighted, behind every cell). For shares with ``share_parts_min_n`` also the
  numerator ``n_y < min_n`` (``min_n_numerator``) and the complement
  ``n − n_y < min_n`` (``min_n_complement``); §4.5 and :mod:`.rules`.
* ``dominance`` — a magnitude figure (``magnitude`` true and statistic in
  ``magnitude_statistics``) whose largest single contribution exceeds ``dominance_k``
  of the cell total: ``max_share > k`` (so 0.50 passes, 0.51 fails).
* ``ebb_reliability`` — a survey figure (``source_type == "survey"``) with
  ``n_weighted <= ebb_min_weighted`` or ``n < ebb_min_n`` (indicators.md §7).

A figure failing several rules gets the first of :data:`~.rules.PRIMARY_REASONS` as its
cube ``reason``; the audit lists every failed rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kansenmonitor.disclosure.rules import PRIMARY_REASONS, DisclosureRules

SOURCE_TYPES = frozenset({"register", "survey"})

FAILED_RULE_REASON: dict[str, str] = {
    "min_n": "min_n", "min_n_numerator": "min_n", "min_n_complement": "min_n",
    "dominance": "dominance", "ebb_reliability": "ebb_reliability",
}
"""Detailed rule names in the audit → the cube ``reason`` they lead to (in priority order)."""


def _float(df: pd.DataFrame, col: str) -> np.ndarray:
    return df[col].astype("float64").to_numpy() if col in df.columns else np.full(len(df), np.nan)


def missing_evidence(evidence: pd.DataFrame, rules: DisclosureRules) -> list[str]:
    """Evidence the rules need but the frame lacks (for figures not yet suppressed)."""
    out: list[str] = []
    if len(evidence) == 0:
        return out
    live = (~evidence["suppressed"].to_numpy(dtype=bool) if "suppressed" in evidence
            else np.ones(len(evidence), dtype=bool))
    n = _float(evidence, "n")
    if (live & np.isnan(n)).any():
        out.append(f"{int((live & np.isnan(n)).sum())} figures without an unweighted count n")
    stat = evidence["statistic"].to_numpy(dtype=object)
    if rules.share_parts_min_n:
        bad = live & (stat == "share") & np.isnan(_float(evidence, "n_y"))
        if bad.any():
            out.append(f"{int(bad.sum())} shares without a numerator count n_y")
    mag = live & is_magnitude(evidence, rules)
    bad = mag & np.isnan(_float(evidence, "max_share"))
    if bad.any():
        out.append(f"{int(bad.sum())} magnitude figures without max_share")
    survey = live & (evidence["source_type"].to_numpy(dtype=object) == "survey")
    bad = survey & np.isnan(_float(evidence, "n_weighted"))
    if bad.any():
        out.append(f"{int(bad.sum())} survey figures without n_weighted")
    unknown = set(evidence["source_type"].unique()) - SOURCE_TYPES
    if unknown:
        out.append(f"unknown source_type {sorted(map(str, unknown))}")
    return out


def is_magnitude(evidence: pd.DataFrame, rules: DisclosureRules) -> np.ndarray:
    """Figures the dominance rule applies to."""
    return (evidence["magnitude"].to_numpy(dtype=bool)
            & evidence["statistic"].isin(rules.magnitude_statistics).to_numpy())


def primary_failures(evidence: pd.DataFrame, rules: DisclosureRules) -> pd.Series:
    """Per figure, the failed primary rules joined by ``;`` (empty string: passes).

    Needs columns ``statistic, n, n_weighted, n_y, max_share, magnitude, source_type``.
    A missing value that a rule needs counts as a failure of that rule.
    """
    n = _float(evidence, "n")
    n_y = _float(evidence, "n_y")
    stat = evidence["statistic"].to_numpy(dtype=object)
    share = stat == "share"
    with np.errstate(invalid="ignore"):
        tests: dict[str, np.ndarray] = {
            "min_n": ~(n >= rules.min_n),
            "min_n_numerator": share & rules.share_parts_min_n & ~(n_y >= rules.min_n),
            "min_n_complement": share & rules.share_parts_min_n & ~(n - n_y >= rules.min_n),
            "dominance": is_magnitude(evidence, rules)
            & ~(_float(evidence, "max_share") <= rules.dominance_k),
            "ebb_reliability": (evidence["source_type"].to_numpy(dtype=object) == "survey")
            & ~((_float(evidence, "n_weighted") > rules.ebb_min_weighted) & (n >= rules.ebb_min_n)),
        }
    names = np.array(list(tests), dtype=object)
    matrix = np.column_stack([tests[k] for k in tests]) if len(evidence) else np.zeros((0, len(tests)), bool)
    return pd.Series([";".join(names[row]) for row in matrix], index=evidence.index, dtype=object)


def reason_of(failures: str) -> str:
    """The cube ``reason`` for a ``;``-joined list of failed rules ('' if none)."""
    if not failures:
        return ""
    failed = {FAILED_RULE_REASON[f] for f in failures.split(";")}
    for reason in PRIMARY_REASONS:
        if reason in failed:
            return reason
    raise ValueError(f"unknown failed rules {failures!r}")


def aggregate_fails(n: np.ndarray, n_y: np.ndarray, sum_abs_y: np.ndarray, max_y: np.ndarray,
                    share: np.ndarray, magnitude: np.ndarray, rules: DisclosureRules) -> np.ndarray:
    """Whether the union of several hidden cells would itself fail a disclosure rule.

    When the cells of a table add up to a published total, the published figures give
    away the union of the hidden cells (its n, and its sum or numerator). That union must
    pass ``min_n`` (and, for shares, numerator and complement) and, for magnitudes, the
    dominance rule with the union's largest contribution ``max(max_y)`` over
    ``Σ sum_abs_y``. Arguments are per union (already summed / maxed).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        fails = ~(n >= rules.min_n)
        if rules.share_parts_min_n:
            fails |= share & (~(n_y >= rules.min_n) | ~(n - n_y >= rules.min_n))
        ms = np.where(sum_abs_y > 0, max_y / sum_abs_y, 0.0)
        fails |= magnitude & ~(ms <= rules.dominance_k)
    return fails
