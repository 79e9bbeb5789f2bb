"""Binomial logistic regression on aggregated counts, fitted by IRLS (Newton–Raphson).

Every covariate the monitor adjusts for is categorical or banded (methods-anchors §1.4), so
the person rows collapse to cells: a row per covariate pattern with ``trials`` persons of
whom ``successes`` have the outcome. The binomial log-likelihood of the cell table equals
that of the person rows, so the estimates are exactly those of a person-level logistic
regression (R ``glm(..., family = binomial)``), at the cost of the number of cells.

Two covariances are returned:

* ``cov_model`` — the inverse Fisher information ``(X'VX)⁻¹``, ``V = diag(m·p·(1 − p))``;
* ``cov_sandwich`` — the person-level robust (sandwich, M-estimation) covariance
  ``A⁻¹ B A⁻¹`` with ``A = X'VX`` and ``B = Σ_persons x x' (y − p)²``; per cell the
  persons contribute ``s·(1 − p)² + (m − s)·p²`` to ``B``. No small-sample factor.

Non-convergence, rank deficiency and (quasi-)separation raise :class:`ModelError` naming
the offending design columns; nothing is fitted silently on a broken design.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kansenmonitor.errors import KansenmonitorError

SEPARATION_PROBABILITY = 1e-9  # a fitted cell probability this close to 0 or 1 is separation
SEPARATION_COEFFICIENT = 25.0  # |log-odds| beyond this with such a cell: coefficients diverge


class ModelError(KansenmonitorError):
    """A model that cannot be fitted on the given cells (names the design columns)."""


@dataclass(frozen=True)
class LogitFit:
    """A fitted logistic regression: coefficients, covariances and fit diagnostics."""

    columns: tuple[str, ...]
    coef: np.ndarray
    cov_model: np.ndarray
    cov_sandwich: np.ndarray
    fitted: np.ndarray  # fitted probability per cell (row of the design)
    iterations: int
    deviance: float
    converged: bool

    @property
    def se_model(self) -> np.ndarray:
        return np.sqrt(np.diag(self.cov_model))

    @property
    def se_sandwich(self) -> np.ndarray:
        return np.sqrt(np.diag(self.cov_sandwich))


def expit(eta: np.ndarray) -> np.ndarray:
    """The logistic function, numerically stable for large |eta|."""
    out = np.empty_like(eta, dtype=float)
    pos = eta >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-eta[pos]))
    e = np.exp(eta[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def _binomial_deviance(successes: np.ndarray, trials: np.ndarray, p: np.ndarray) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        fail = trials - successes
        a = np.where(successes > 0, successes * np.log(successes / (trials * p)), 0.0)
        b = np.where(fail > 0, fail * np.log(fail / (trials * (1.0 - p))), 0.0)
    return float(2.0 * np.sum(a + b))


def check_rank(x: np.ndarray, trials: np.ndarray, columns: tuple[str, ...]) -> None:
    """Raise :class:`ModelError` when the design restricted to non-empty cells is rank deficient."""
    used = x[trials > 0]
    empty = [c for c, col in zip(columns, used.T) if not np.any(col != 0)]
    if empty:
        raise ModelError(f"design columns without any person in the cells: {', '.join(empty)}")
    rank = np.linalg.matrix_rank(used)
    if rank < x.shape[1]:
        _, r = np.linalg.qr(used)
        diag = np.abs(np.diag(r))
        dependent = [c for c, d in zip(columns, diag) if d < 1e-9 * max(diag.max(), 1.0)]
        raise ModelError(
            f"design is rank deficient ({rank} of {x.shape[1]} columns independent); "
            f"collinear columns: {', '.join(dependent) or 'unknown'}"
        )


def fit_logit(x: np.ndarray, successes: np.ndarray, trials: np.ndarray,
              columns: tuple[str, ...], max_iter: int = 50, tol: float = 1e-10) -> LogitFit:
    """Fit ``logit P(y = 1) = X·β`` on cell counts by IRLS.

    ``x``: one row per cell; ``successes`` ≤ ``trials`` per cell (counts, or any
    non-negative frequencies). Convergence: the largest Newton step below ``tol`` (in
    log-odds) within ``max_iter`` iterations, else :class:`ModelError`.
    """
    x = np.asarray(x, dtype=float)
    s = np.asarray(successes, dtype=float)
    m = np.asarray(trials, dtype=float)
    if np.any(s < 0) or np.any(s > m):
        bad = int(np.flatnonzero((s < 0) | (s > m))[0])
        raise ModelError(f"cell {bad}: successes {s[bad]} outside [0, trials = {m[bad]}]")
    check_rank(x, m, columns)
    total = m.sum()
    overall = np.clip(s.sum() / total, 1e-6, 1 - 1e-6)
    beta = np.zeros(x.shape[1])
    if columns and columns[0] == "(intercept)":
        beta[0] = np.log(overall / (1 - overall))
    converged = False
    it = 0
    for it in range(1, max_iter + 1):
        p = expit(x @ beta)
        v = m * p * (1.0 - p)
        info = x.T @ (x * v[:, None])
        score = x.T @ (s - m * p)
        try:
            step = np.linalg.solve(info, score)
        except np.linalg.LinAlgError as exc:
            raise ModelError(f"information matrix singular at iteration {it}: {exc}") from exc
        beta = beta + step
        if np.max(np.abs(step)) < tol:
            converged = True
            break
    p = expit(x @ beta)
    _check_separation(x, beta, p, m, columns)
    if not converged:
        raise ModelError(f"IRLS did not converge in {max_iter} iterations "
                         f"(last step {np.max(np.abs(step)):.3g})")
    v = m * p * (1.0 - p)
    a_inv = np.linalg.inv(x.T @ (x * v[:, None]))
    meat = s * (1.0 - p) ** 2 + (m - s) * p ** 2
    b = x.T @ (x * meat[:, None])
    return LogitFit(columns=columns, coef=beta, cov_model=a_inv, cov_sandwich=a_inv @ b @ a_inv,
                    fitted=p, iterations=it, deviance=_binomial_deviance(s, m, p), converged=True)


def _check_separation(x: np.ndarray, beta: np.ndarray, p: np.ndarray, m: np.ndarray,
                      columns: tuple[str, ...]) -> None:
    extreme = (m > 0) & ((p < SEPARATION_PROBABILITY) | (p > 1 - SEPARATION_PROBABILITY))
    big = np.abs(beta) > SEPARATION_COEFFICIENT
    if extreme.any() and big.any():
        names = [c for c, b in zip(columns, big) if b]
        raise ModelError(
            f"(quasi-)complete separation: {int(extreme.sum())} cells with fitted probability "
            f"0 or 1; diverging coefficients: {', '.join(names)}"
        )
