"""Balance check per year after weighting (report §7.2.2; indicators.md §6).

Report §7.2.2 asks for an *evenredigheidscontrole* per year: no statistically significant
differences in the prevalence of characteristics between the basis group and the
(weighted) reference group. It names no particular test. At register scale every tiny
difference is significant, so the criterion (indicators.md §6 choice) is the absolute
standardized mean difference ``ASMD ≤ 0.05`` (configurable) for every covariate level in
every year; the significance test is reported beside it.

Input: weighted cells — covariate columns, ``year``, ``n_basis``, ``n_reference`` and
``weight`` (per reference person, e.g. from :func:`~kansenmonitor.methods.propensity.att_weights`).
Per year and covariate level (a categorical covariate is one 0/1 indicator per level, as
``balance`` one-hot encodes):

* ``basis_share``, ``reference_share`` (unweighted), ``reference_share_weighted``;
* ``asmd_unweighted``, ``asmd_weighted`` = |reference − basis| / SD, with SD the **basis
  (target) group's** sample standard deviation with ``N − 1`` in the denominator — the
  ``std_type="target"`` of Meta ``balance`` and the ``s.d.denom = "treated"`` of cobalt
  for the ATT. For a level with share p: ``SD = sqrt(p(1 − p)·N/(N − 1))``. When that SD is
  0 the ASMD is 0 if the shares are equal and infinite (a failure) otherwise — ``balance``
  returns NaN there.
* numeric covariates (age in years): the same for the mean, plus the variance ratio
  ``weighted reference variance / basis variance`` (reliability-weighted variance
  ``V₁/(V₁² − V₂)·Σw(x − m)²``, as ``balance``'s ``weighted_var``).

Per year: Kish's effective size of the weighted reference group
``ESS = (Σ n·w)² / Σ n·w²``, the largest ASMD, pass/fail, and the test: a Pearson
chi-square test of independence of group × covariate level, with the weighted reference
group's level distribution scaled to its effective size (our choice, since the report
names no test; for a numeric covariate a two-sample z test of the means with the same
effective size).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kansenmonitor.methods.propensity import BASIS, REFERENCE, YEAR

ASMD_THRESHOLD = 0.05


def chi2_survival(x: float, df: int) -> float:
    """P(χ²_df ≥ x): the regularised upper incomplete gamma Q(df/2, x/2)."""
    if df <= 0 or not math.isfinite(x):
        return float("nan") if df <= 0 else 0.0
    return _gamma_q(df / 2.0, x / 2.0)


def _gamma_q(a: float, x: float) -> float:
    if x <= 0:
        return 1.0
    log_front = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1:  # series for P, then Q = 1 − P
        term = total = 1.0 / a
        ap = a
        for _ in range(10_000):
            ap += 1
            term *= x / ap
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return max(0.0, 1.0 - total * math.exp(log_front))
    # continued fraction (modified Lentz) for Q
    tiny = 1e-300
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return math.exp(log_front) * h


def normal_two_sided(z: float) -> float:
    """Two-sided p-value of a standard normal statistic."""
    return math.erfc(abs(z) / math.sqrt(2))


def kish_ess(n: np.ndarray, w: np.ndarray) -> float:
    """Kish effective size of cells of ``n`` persons with weight ``w`` each: (Σnw)²/Σnw²."""
    s2 = float(np.sum(n * w * w))
    return float(np.sum(n * w)) ** 2 / s2 if s2 > 0 else 0.0


def _asmd(diff: float, sd: float) -> float:
    if sd > 0:
        return abs(diff) / sd
    return 0.0 if abs(diff) < 1e-12 else math.inf


def _target_sd(share_or_var: float, n: float, is_var: bool = False) -> float:
    var = share_or_var if is_var else share_or_var * (1 - share_or_var)
    return math.sqrt(var * n / (n - 1)) if n > 1 else 0.0


def _level_rows(year_cells: pd.DataFrame, covariate: str) -> tuple[list[dict], float]:
    nb = year_cells[BASIS].to_numpy(float)
    nr = year_cells[REFERENCE].to_numpy(float)
    rw = nr * year_cells["weight"].to_numpy(float)
    by = pd.DataFrame({"level": year_cells[covariate].to_numpy(), "b": nb, "r": nr, "rw": rw})
    by = by.groupby("level", sort=True).sum()
    nb_t, nr_t, rw_t = nb.sum(), nr.sum(), rw.sum()
    ess = kish_ess(nr, year_cells["weight"].to_numpy(float))
    rows = []
    chi2 = 0.0
    present = 0
    for level, r in by.iterrows():
        pb, pr, prw = r.b / nb_t, r.r / nr_t, r.rw / rw_t
        sd = _target_sd(pb, nb_t)
        rows.append({"covariate": covariate, "level": str(level), "basis_share": pb,
                     "reference_share": pr, "reference_share_weighted": prw,
                     "asmd_unweighted": _asmd(pr - pb, sd), "asmd_weighted": _asmd(prw - pb, sd),
                     "variance_ratio": np.nan})
        expected_total = r.b + prw * ess
        if expected_total > 0:
            present += 1
            for obs, size in ((r.b, nb_t), (prw * ess, ess)):
                exp = expected_total * size / (nb_t + ess)
                chi2 += (obs - exp) ** 2 / exp
    p = chi2_survival(chi2, present - 1)
    for row in rows:
        row["test"] = "chi2"
        row["statistic"] = chi2
        row["p_value"] = p
    return rows, ess


def _numeric_row(year_cells: pd.DataFrame, covariate: str) -> dict:
    x = year_cells[covariate].to_numpy(float)
    nb = year_cells[BASIS].to_numpy(float)
    nr = year_cells[REFERENCE].to_numpy(float)
    w = year_cells["weight"].to_numpy(float)
    stats = {}
    for name, f, f2 in (("b", nb, nb), ("r", nr, nr), ("rw", nr * w, nr * w * w)):
        v1, v2 = f.sum(), f2.sum()
        mean = float(np.sum(f * x) / v1)
        var = float(v1 / (v1 ** 2 - v2) * np.sum(f * (x - mean) ** 2)) if v1 ** 2 > v2 else 0.0
        stats[name] = (mean, var)
    (mb, vb), (mr, _), (mrw, vrw) = stats["b"], stats["r"], stats["rw"]
    sd = math.sqrt(vb)
    ess = kish_ess(nr, w)
    se = math.sqrt(vb / nb.sum() + vrw / ess) if ess > 0 else math.nan
    z = (mrw - mb) / se if se and se > 0 else math.nan
    return {"covariate": covariate, "level": "(gemiddelde)", "basis_share": mb,
            "reference_share": mr, "reference_share_weighted": mrw,
            "asmd_unweighted": _asmd(mr - mb, sd), "asmd_weighted": _asmd(mrw - mb, sd),
            "variance_ratio": vrw / vb if vb > 0 else math.nan, "test": "z",
            "statistic": z, "p_value": normal_two_sided(z) if math.isfinite(z) else math.nan}


@dataclass(frozen=True)
class BalanceReport:
    """Balance per year and covariate level, and per year the summary with pass/fail."""

    levels: pd.DataFrame
    years: pd.DataFrame
    threshold: float

    @property
    def passed(self) -> bool:
        return bool(self.years["pass"].all())

    def failures(self) -> pd.DataFrame:
        """The covariate levels and years whose weighted ASMD exceeds the threshold."""
        return self.levels[~(self.levels["asmd_weighted"] <= self.threshold)]


def check_balance(cells: pd.DataFrame, categorical: Sequence[str], numeric: Sequence[str] = (),
                  threshold: float = ASMD_THRESHOLD, year: str = YEAR) -> BalanceReport:
    """Balance of the weighted reference group against the basis group, per year.

    ``categorical``: covariates checked per level; ``numeric``: covariates checked on the
    mean and variance (age in years). Shares in ``basis_share`` etc. are means for numeric
    rows (level ``(gemiddelde)``).
    """
    missing = [c for c in (*categorical, *numeric, year, BASIS, REFERENCE, "weight")
               if c not in cells.columns]
    if missing:
        raise ValueError(f"weighted cell table lacks columns: {', '.join(missing)}")
    level_rows: list[dict] = []
    year_rows: list[dict] = []
    for y, yc in cells.groupby(year, sort=True):
        ess = kish_ess(yc[REFERENCE].to_numpy(float), yc["weight"].to_numpy(float))
        rows: list[dict] = []
        for c in categorical:
            rows += _level_rows(yc, c)[0]
        rows += [_numeric_row(yc, c) for c in numeric]
        for r in rows:
            r[year] = y
        level_rows += rows
        frame = pd.DataFrame(rows)
        year_rows.append({
            year: y, "n_basis": float(yc[BASIS].sum()), "n_reference": float(yc[REFERENCE].sum()),
            "ess_reference": ess, "max_asmd_unweighted": float(frame["asmd_unweighted"].max()),
            "max_asmd_weighted": float(frame["asmd_weighted"].max()),
            "levels_failing": int((~(frame["asmd_weighted"] <= threshold)).sum()),
            "min_p_value": float(frame["p_value"].min()),
            "pass": bool((frame["asmd_weighted"] <= threshold).all()),
        })
    levels = pd.DataFrame(level_rows)
    levels = levels[[year, *[c for c in levels.columns if c != year]]]
    return BalanceReport(levels=levels, years=pd.DataFrame(year_rows), threshold=threshold)


def love_plot_svg(report: BalanceReport, year: object | None = None,
                  title: str = "Balans van de referentiegroep na weging") -> str:
    """A love plot as plain SVG text: ASMD per covariate level, unweighted (open) and weighted.

    ``year`` None plots per level the largest ASMD over the years.
    """
    lv = report.levels
    if year is not None:
        lv = lv[lv[YEAR] == year]
    data = (lv.assign(label=lv["covariate"] + " = " + lv["level"])
              .groupby("label", sort=False)[["asmd_unweighted", "asmd_weighted"]].max())
    values = data.to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    # an infinite ASMD (basis SD 0) is drawn at the right edge
    x_max = float(max(finite.max() if finite.size else 0.0, report.threshold) * 1.1)
    left, right, top, row_h = 190, 30, 50, 18
    width = 640
    height = top + row_h * len(data) + 40
    plot_w = width - left - right

    def x_of(v: float) -> float:
        return left + plot_w * (min(v, x_max) / x_max if math.isfinite(v) else 1.0)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="11">',
             f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="13">{_esc(title)}'
             f'{"" if year is None else f" ({year})"}</text>',
             f'<line x1="{x_of(report.threshold):.1f}" y1="{top - 10}" x2="{x_of(report.threshold):.1f}" '
             f'y2="{height - 35}" stroke="#888" stroke-dasharray="4 3"/>',
             f'<line x1="{left}" y1="{height - 35}" x2="{width - right}" y2="{height - 35}" stroke="#000"/>']
    for i, (label, r) in enumerate(data.iterrows()):
        y = top + i * row_h
        parts.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{_esc(str(label))}</text>')
        parts.append(f'<circle cx="{x_of(r.asmd_unweighted):.1f}" cy="{y}" r="4" fill="none" '
                     f'stroke="#c0392b"><title>ongewogen {r.asmd_unweighted:.3f}</title></circle>')
        parts.append(f'<circle cx="{x_of(r.asmd_weighted):.1f}" cy="{y}" r="4" fill="#1f4e79">'
                     f'<title>gewogen {r.asmd_weighted:.3f}</title></circle>')
    for tick in np.linspace(0, x_max, 5):
        parts.append(f'<text x="{x_of(tick):.1f}" y="{height - 22}" text-anchor="middle">{tick:.2f}</text>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{height - 6}" text-anchor="middle">'
                 f'absoluut gestandaardiseerd verschil (grens {report.threshold:g}); '
                 'open = ongewogen, dicht = gewogen</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_balance(report: BalanceReport, directory: Path, stem: str = "balance") -> list[Path]:
    """Write the level table, the year table (with pass/fail) and the love plot."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / f"{stem}_levels.csv", directory / f"{stem}_years.csv",
             directory / f"{stem}_love_plot.svg"]
    report.levels.to_csv(paths[0], index=False)
    report.years.to_csv(paths[1], index=False)
    paths[2].write_text(love_plot_svg(report), encoding="utf-8")
    return paths
