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
class IndexDesign:
    """A 0/1 dummy design stored as the column index of each row's ones.

    ``index[i, a]`` is the design column of row i's a-th term (intercept, one per factor,
    one per interaction), or ``n_columns`` (a sentinel) when the term is at its reference
    level. Products with the design are bincounts: O(rows × terms²) instead of
    O(rows × columns²) — what makes national-scale cell tables and bootstrap refits cheap.
    """

    index: np.ndarray
    n_columns: int

    def matvec(self, beta: np.ndarray) -> np.ndarray:
        return np.append(beta, 0.0)[self.index].sum(axis=1)

    def rmatvec(self, r: np.ndarray) -> np.ndarray:
        p = self.n_columns + 1
        return sum(np.bincount(col, weights=r, minlength=p) for col in self.index.T)[:-1]

    def gram(self, v: np.ndarray) -> np.ndarray:
        """``X' diag(v) X``."""
        p = self.n_columns + 1
        g = np.zeros(p * p)
        cols = self.index.T
        for i, a in enumerate(cols):
            g += np.bincount(a * p + a, weights=v, minlength=p * p)
            for b in cols[i + 1:]:
                pair = np.bincount(a * p + b, weights=v, minlength=p * p).reshape(p, p)
                g += (pair + pair.T).reshape(-1)
        return g.reshape(p, p)[:-1, :-1]

    def dense(self) -> np.ndarray:
        out = np.zeros((len(self.index), self.n_columns + 1))
        for col in self.index.T:
            out[np.arange(len(self.index)), col] = 1.0
        return out[:, :-1]


Design = np.ndarray | IndexDesign


def matvec(x: Design, beta: np.ndarray) -> np.ndarray:
    return x.matvec(beta) if isinstance(x, IndexDesign) else x @ beta


def rmatvec(x: Design, r: np.ndarray) -> np.ndarray:
    return x.rmatvec(r) if isinstance(x, IndexDesign) else x.T @ r


def gram(x: Design, v: np.ndarray) -> np.ndarray:
    return x.gram(v) if isinstance(x, IndexDesign) else x.T @ (x * v[:, None])


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


def _rank(g: np.ndarray) -> int:
    if g.size == 0:
        return 0
    eig = np.linalg.eigvalsh(g)
    return int(np.sum(eig > 1e-10 * max(eig.max(), 1.0)))


def check_rank(x: Design, trials: np.ndarray, columns: tuple[str, ...]) -> None:
    """Raise :class:`ModelError` when the design restricted to non-empty cells is rank deficient.

    Works on the Gram matrix ``X' diag(1[trials > 0]) X`` (same rank as the used rows);
    dependent columns are found greedily, in design order.
    """
    g = gram(x, (trials > 0).astype(float))
    empty = [c for c, d in zip(columns, np.diag(g)) if d == 0]
    if empty:
        raise ModelError(f"design columns without any person in the cells: {', '.join(empty)}")
    rank = _rank(g)
    if rank < len(columns):
        kept: list[int] = []
        dependent = []
        for j, c in enumerate(columns):
            trial = [*kept, j]
            if _rank(g[np.ix_(trial, trial)]) == len(trial):
                kept = trial
            else:
                dependent.append(c)
        raise ModelError(
            f"design is rank deficient ({rank} of {len(columns)} columns independent); "
            f"collinear columns: {', '.join(dependent)}"
        )


def fit_logit(x: Design, successes: np.ndarray, trials: np.ndarray,
              columns: tuple[str, ...], max_iter: int = 50, tol: float = 1e-10,
              start: np.ndarray | None = None) -> LogitFit:
    """Fit ``logit P(y = 1) = X·β`` on cell counts by IRLS.

    ``x``: one row per cell; ``successes`` ≤ ``trials`` per cell (counts, or any
    non-negative frequencies). Convergence: the largest Newton step below ``tol`` (in
    log-odds) within ``max_iter`` iterations, else :class:`ModelError`. ``start``: initial
    coefficients (a bootstrap replicate starts from the full-sample fit).
    """
    if not isinstance(x, IndexDesign):
        x = np.asarray(x, dtype=float)
    s = np.asarray(successes, dtype=float)
    m = np.asarray(trials, dtype=float)
    if np.any(s < 0) or np.any(s > m):
        bad = int(np.flatnonzero((s < 0) | (s > m))[0])
        raise ModelError(f"cell {bad}: successes {s[bad]} outside [0, trials = {m[bad]}]")
    check_rank(x, m, columns)
    total = m.sum()
    overall = np.clip(s.sum() / total, 1e-6, 1 - 1e-6)
    beta = np.zeros(len(columns))
    if start is not None:
        beta = np.asarray(start, dtype=float).copy()
    elif columns and columns[0] == "(intercept)":
        beta[0] = np.log(overall / (1 - overall))
    converged = False
    it = 0
    for it in range(1, max_iter + 1):
        p = expit(matvec(x, beta))
        v = m * p * (1.0 - p)
        info = gram(x, v)
        score = rmatvec(x, s - m * p)
        try:
            step = np.linalg.solve(info, score)
        except np.linalg.LinAlgError as exc:
            raise ModelError(f"information matrix singular at iteration {it}: {exc}") from exc
        beta = beta + step
        if np.max(np.abs(step)) < tol:
            converged = True
            break
    p = expit(matvec(x, beta))
    _check_separation(beta, p, m, columns)
    if not converged:
        raise ModelError(f"IRLS did not converge in {max_iter} iterations "
                         f"(last step {np.max(np.abs(step)):.3g})")
    v = m * p * (1.0 - p)
    a_inv = np.linalg.inv(gram(x, v))
    meat = s * (1.0 - p) ** 2 + (m - s) * p ** 2
    b = gram(x, meat)
    return LogitFit(columns=columns, coef=beta, cov_model=a_inv, cov_sandwich=a_inv @ b @ a_inv,
                    fitted=p, iterations=it, deviance=_binomial_deviance(s, m, p), converged=True)


def _check_separation(beta: np.ndarray, p: np.ndarray, m: np.ndarray,
                      columns: tuple[str, ...]) -> None:
    extreme = (m > 0) & ((p < SEPARATION_PROBABILITY) | (p > 1 - SEPARATION_PROBABILITY))
    big = np.abs(beta) > SEPARATION_COEFFICIENT
    if extreme.any() and big.any():
        names = [c for c, b in zip(columns, big) if b]
        raise ModelError(
            f"(quasi-)complete separation: {int(extreme.sum())} cells with fitted probability "
            f"0 or 1; diverging coefficients: {', '.join(names)}"
        )
