"""Benchmark of the foundation: synthetic register generation and reading it back.

Usage (from the project root)::

    python3 benchmarks/foundation.py --scales 0.01 0.1 --national-year 2022

For every scale (years 2013-2022 unless ``--years``) and for one national-scale year it
prints: records written, wall time, records written per second, peak memory (the whole
process tree), bytes on disk, and the time to read the generated inputs once (every column
of every file, the floor later stages are measured against) and to stage them (read,
validate, convert to typed Parquet by year and person bucket). Every step runs in its own
child process so peak memory is measured per step. Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import disk_bytes, gib, measure  # noqa: E402

PY = sys.executable


def _run_step(label: str, args: list[str]) -> dict:
    result = measure(args)
    if result.returncode != 0:
        print(f"  {label}: FAILED (exit {result.returncode})\n{result.stderr[-2000:]}", file=sys.stderr)
        raise SystemExit(1)
    return {"wall_s": result.wall_s, "peak_rss": result.peak_rss_bytes, "stdout": result.stdout}


def bench_scale(scale: float, years: tuple[int, int], fmt: str, root: Path, keep: bool) -> dict:
    out = root / f"scale-{scale:g}-{years[0]}-{years[1]}-{fmt}"
    if out.exists():
        shutil.rmtree(out)
    synth = _run_step("synth", [PY, "-m", "kansenmonitor", "synth", "--scale", str(scale),
                                "--years", f"{years[0]}-{years[1]}", "--out", str(out), "--format", fmt])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = [f for f in manifest["files"] if not f["source"].startswith("truth")]
    records = sum(int(f["rows"]) for f in files)
    spolis = sum(int(f["rows"]) for f in files if f["source"] == "SPOLISBUS")
    size = disk_bytes(out)
    floor = _run_step("read once", [PY, str(Path(__file__).resolve().parent / "read_floor.py"), str(out)])
    staged = _run_step("stage", [PY, "-m", "kansenmonitor", "sources", "check", str(out / "catalog.toml")])
    row = {
        "scale": scale, "years": f"{years[0]}-{years[1]}", "format": fmt,
        "records": records, "spolis_records": spolis,
        "synth_s": synth["wall_s"], "records_per_s": records / synth["wall_s"],
        "synth_peak": synth["peak_rss"], "bytes": size,
        "read_once_s": floor["wall_s"], "read_once_peak": floor["peak_rss"],
        "stage_s": staged["wall_s"], "stage_peak": staged["peak_rss"],
    }
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="*", default=[0.01, 0.1])
    parser.add_argument("--years", default="2013-2022")
    parser.add_argument("--national-year", type=int, default=None,
                        help="also generate one year at scale 1.0 (national); takes minutes")
    parser.add_argument("--format", choices=("sav", "csv", "parquet"), default="parquet")
    parser.add_argument("--out", default="bench-out")
    parser.add_argument("--keep", action="store_true", help="keep the generated registers")
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    root = Path(args.out)
    root.mkdir(parents=True, exist_ok=True)

    runs = [(s, (first, last)) for s in args.scales]
    if args.national_year:
        runs.append((1.0, (args.national_year, args.national_year)))
    header = (f"{'scale':>6} {'years':>9} {'records':>12} {'SPOLIS':>12} {'synth s':>8} {'rec/s':>10} "
              f"{'peak':>10} {'on disk':>10} {'read s':>7} {'read peak':>10} {'stage s':>8} {'stage peak':>10}")
    print(header, flush=True)
    rows = []
    for scale, years in runs:
        print(f"scale {scale:g}, years {years[0]}-{years[1]}, format {args.format} ...", file=sys.stderr, flush=True)
        r = bench_scale(scale, years, args.format, root, args.keep)
        rows.append(r)
        # one line per scale as soon as it is measured (a national year takes a while)
        print(f"{r['scale']:>6g} {r['years']:>9} {r['records']:>12,} {r['spolis_records']:>12,} {r['synth_s']:>8.1f} "
              f"{r['records_per_s']:>10,.0f} {gib(r['synth_peak']):>10} {gib(r['bytes']):>10} "
              f"{r['read_once_s']:>7.1f} {gib(r['read_once_peak']):>10} {r['stage_s']:>8.1f} {gib(r['stage_peak']):>10}",
              flush=True)
        (root / "foundation.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
