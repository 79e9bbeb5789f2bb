"""Benchmark of a monitor run: wall time per stage, peak memory, SPOLIS records per second.

Usage (from the project root)::

    python3 benchmarks/monitor.py --scales 0.01 0.1 --years 2013-2022

For every scale: generate the synthetic register (Parquet), read it once (the floor), then
``kansenmonitor run`` on it in a child process; prints the run's stage times (sources =
staging, frame and indicators per bucket, merge and roll-up, output control and writing),
its peak memory (whole process tree) and SPOLIS records per second of the whole run, and
the time of the main command (``kansenmonitor demo``) at the default scale. Not a test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import gib, measure  # noqa: E402

PY = sys.executable


def _ok(result, label: str):
    if result.returncode != 0:
        print(f"{label} failed (exit {result.returncode}):\n{result.stderr[-3000:]}", file=sys.stderr)
        raise SystemExit(1)
    return result


def bench(scale: float, years: str, root: Path, workers: int, register: Path | None = None) -> dict:
    """One scale; with ``register`` (a folder ``benchmarks/foundation.py --keep`` left) the
    register is reused instead of generated, and its staging folder is removed first so
    the run stages every file itself."""
    out = root / f"uitvoer-{scale:g}"
    for p in (out, Path(str(out) + ".werk")):
        shutil.rmtree(p, ignore_errors=True)
    if register is None:
        register = root / f"register-{scale:g}"
        shutil.rmtree(register, ignore_errors=True)
        synth = _ok(measure([PY, "-m", "kansenmonitor", "synth", "--scale", str(scale), "--years", years,
                             "--out", str(register), "--format", "parquet"]), "synth")
        synth_s = synth.wall_s
    else:
        shutil.rmtree(register / "staging", ignore_errors=True)
        synth_s = float("nan")
    floor = _ok(measure([PY, str(Path(__file__).resolve().parent / "read_floor.py"), str(register)]), "read floor")
    run = _ok(measure([PY, "-m", "kansenmonitor", "run", "--catalog", str(register / "catalog.toml"),
                       "--years", years, "--out", str(out), "--workers", str(workers)]), "run")
    manifest = json.loads((register / "manifest.json").read_text(encoding="utf-8"))
    spolis = sum(int(f["rows"]) for f in manifest["files"] if f["source"] == "SPOLISBUS")
    log = json.loads((Path(str(out) + ".werk") / "run_log.json").read_text(encoding="utf-8"))
    return {"scale": scale, "years": years, "synth_s": synth_s, "read_floor_s": floor.wall_s,
            "run_s": run.wall_s, "run_peak": run.peak_rss_bytes, "spolis_records": spolis,
            "spolis_per_s": spolis / run.wall_s, "stages": log["seconds"],
            "bucket_seconds": log.get("bucket_seconds", {})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="*", default=[0.01, 0.1])
    parser.add_argument("--years", default="2013-2022")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--demo", action="store_true", help="also time the main command (kansenmonitor demo)")
    parser.add_argument("--out", default="bench-out")
    parser.add_argument("--reuse-registers", action="store_true",
                        help="run on the registers benchmarks/foundation.py --keep left in --out "
                             "(scale-<s>-<years>-parquet) instead of generating them again")
    args = parser.parse_args()
    root = Path(args.out)
    root.mkdir(parents=True, exist_ok=True)
    rows = []
    for scale in args.scales:
        print(f"scale {scale:g} ...", file=sys.stderr, flush=True)
        register = None
        if args.reuse_registers:
            register = root / f"scale-{scale:g}-{args.years}-parquet"
            if not (register / "catalog.toml").exists():
                raise SystemExit(f"{register}: no register to reuse (run benchmarks/foundation.py --keep first)")
        rows.append(bench(scale, args.years, root, args.workers, register))
    print(f"{'scale':>6} {'synth s':>8} {'floor s':>8} {'run s':>7} {'peak':>10} {'SPOLIS rec':>12} {'rec/s':>10}  stages")
    for r in rows:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
        print(f"{r['scale']:>6g} {r['synth_s']:>8.1f} {r['read_floor_s']:>8.1f} {r['run_s']:>7.1f} "
              f"{gib(r['run_peak']):>10} {r['spolis_records']:>12,} {r['spolis_per_s']:>10,.0f}  {stages}")
        parts = ", ".join(f"{k} {v:.1f}" for k, v in r["bucket_seconds"].items())
        print(f"{'':>6} per-bucket work summed over buckets (process seconds): {parts}")
        b = r["bucket_seconds"]
        foundation = b.get("frame", 0.0) + b.get("indicators_4_18", 0.0)
        if foundation and "dynamics_27_40" in b:
            print(f"{'':>6} dynamics 27-40 / foundation stage (frame + 4-18): "
                  f"{b['dynamics_27_40'] / foundation:.2f} (target <= 2)")
    if args.demo:
        demo_dir = root / "demo"
        shutil.rmtree(demo_dir, ignore_errors=True)
        demo = _ok(measure([PY, "-m", "kansenmonitor", "demo", "--out", str(demo_dir)]), "demo")
        print(f"main command (kansenmonitor demo): {demo.wall_s:.1f} s, peak {gib(demo.peak_rss_bytes)}")
    (root / "monitor.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
