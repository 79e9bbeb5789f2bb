"""``kansenmonitor demo``: the main job on a freshly generated synthetic register.

Synthetic register (CBS layout) -> run the monitor on its catalog -> re-check the output
folder against the output rules -> print the headline gaps of the latest year.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from kansenmonitor.cube import read_cube
from kansenmonitor.indicators.registry import INDICATORS

#: Indicators (and variant) whose gap the demo prints.
HEADLINE: tuple[tuple[str, str], ...] = (
    ("A04", ""), ("A05", ""), ("A08", ""), ("A09", "primary"), ("A11", ""), ("A12", ""), ("A13", ""),
)


def headline_gaps(cube: pd.DataFrame, year: int | None = None, basis: str = "nonwestern",
                  reference: str = "none") -> pd.DataFrame:
    """Basis group (non-western background) against the reference group (no migration
    background) for the headline indicators of ``year`` (default: the latest): both
    values, the gap and its 95 % interval (independent groups: se = sqrt(se_b² + se_r²))."""
    totals = cube
    for dim in ("generation", "origin", "residence", "age", "sex", "education", "region", "asylum", "sector"):
        totals = totals[totals[dim] == "T"]
    totals = totals[~totals["adjusted"]]
    year = int(totals["year"].max()) if year is None else year
    rows = []
    for indicator, variant in HEADLINE:
        part = totals[(totals["indicator"] == indicator) & (totals["variant"] == variant) & (totals["year"] == year)]
        b = part[part["migration"] == basis]
        r = part[part["migration"] == reference]
        if b.empty or r.empty or b["suppressed"].iloc[0] or r["suppressed"].iloc[0]:
            continue
        vb, vr = float(b["value"].iloc[0]), float(r["value"].iloc[0])
        se = math.sqrt(float(b["se"].iloc[0]) ** 2 + float(r["se"].iloc[0]) ** 2)
        gap = vb - vr
        rows.append({"indicator": indicator, "variant": variant, "name": INDICATORS[indicator].name_nl,
                     "statistic": b["statistic"].iloc[0], "basis": vb, "reference": vr, "gap": gap,
                     "gap_low": gap - 1.959964 * se, "gap_high": gap + 1.959964 * se})
    return pd.DataFrame(rows)


def _fmt(value: float, statistic: str) -> str:
    return f"{100 * value:6.1f}%" if statistic == "share" else f"{value:9.2f}"


def format_gaps(gaps: pd.DataFrame, year: int) -> list[str]:
    lines = [f"Kerncijfers {year}: niet-westerse migratieachtergrond (NW) t.o.v. geen migratieachtergrond (NL)",
             f"{'indicator':<40} {'NW':>10} {'NL':>10} {'verschil (95%-interval)':>34}"]
    for row in gaps.itertuples(index=False):
        name = f"{row.indicator} {row.name}" + (f" ({row.variant})" if row.variant else "")
        scale = 100 if row.statistic == "share" else 1
        unit = " pp" if row.statistic == "share" else ""
        gap = f"{scale * row.gap:+.1f}{unit} ({scale * row.gap_low:+.1f} tot {scale * row.gap_high:+.1f})"
        lines.append(f"{name[:40]:<40} {_fmt(row.basis, row.statistic):>10} {_fmt(row.reference, row.statistic):>10} "
                     f"{gap:>34}")
    return lines


def run_demo(out: Path, scale: float, years: tuple[int, int], seed: int, format: str) -> int:
    """Generate, run, check and summarise; returns the exit code."""
    from kansenmonitor.disclosure.check import check_output_dir
    from kansenmonitor.runner import RunConfig, run_monitor, summary_lines
    from kansenmonitor.synth.generate import SynthConfig, generate

    register = out / "register"
    print(f"1/3 synthetisch register (schaal {scale:g}, {years[0]}-{years[1]}, {format}) -> {register}")
    result = generate(SynthConfig(out=register, scale=scale, years=years, format=format, seed=seed))
    print(f"    {sum(f.rows for f in result.files):,} records in {len(result.files)} bestanden, "
          f"{result.wall_seconds:.1f} s")
    print(f"2/3 monitor op {register / 'catalog.toml'}")
    run = run_monitor(RunConfig(catalog=register / "catalog.toml", years=years, out=out / "uitvoer",
                                work=out / "werk"))
    for line in summary_lines(run):
        print("    " + line)
    print(f"3/3 outputcontrole opnieuw: {out / 'uitvoer'}")
    problems = check_output_dir(out / "uitvoer")
    if problems:
        for p in problems:
            print(f"    SCHENDING: {p}")
        return 1
    print("    geen schendingen")
    cube = read_cube(out / "uitvoer")
    gaps = headline_gaps(cube)
    print()
    for line in format_gaps(gaps, int(cube["year"].max())):
        print(line)
    return 0
