"""Entry point: ``generate(SynthConfig) -> SynthResult``.

The population is split into generation buckets of ~150k persons (a function of the scale
only). Each bucket is simulated independently (its own random streams) -- in worker
processes (spawn context) when more than one core is useful -- and its tables are
streamed to the per-file writers in bucket order, so the output is identical whatever
the number of workers. Reference files (countries, municipalities, address objects,
education numbers) are written once.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import psutil
import pyarrow as pa

from kansenmonitor.progress import bar
from kansenmonitor.synth import files as F
from kansenmonitor.synth.config import SynthConfig, SynthResult
from kansenmonitor.synth.employers import build_employers
from kansenmonitor.synth.geography import build_geography
from kansenmonitor.synth.manifest import write_catalog, write_manifest
from kansenmonitor.synth.world import Globals, World, n_generation_buckets
from kansenmonitor.synth.writers import Sinks, TruthSinks, to_table

#: Address objects per resident (~8.3 M dwellings / 17.5 M residents).
OBJECTS_PER_PERSON = 0.47
_GLOBALS: Globals | None = None


def build_globals(cfg: SynthConfig) -> Globals:
    n_buckets = n_generation_buckets(cfg.scale, cfg.bucket_persons)
    national_equiv = 17_500_000 * cfg.scale
    geo = build_geography(cfg.seed, max(400, int(national_equiv * OBJECTS_PER_PERSON)))
    emp = build_employers(cfg.seed, national_equiv)
    return Globals(cfg=cfg, geo=geo, emp=emp, n_buckets=n_buckets)


def _globals(cfg: SynthConfig) -> Globals:
    global _GLOBALS
    if _GLOBALS is None or _GLOBALS.cfg != cfg:
        _GLOBALS = build_globals(cfg)
    return _GLOBALS


def _bucket_outputs(cfg: SynthConfig, bucket: int, emit) -> dict:
    """Simulate one bucket and pass every table to ``emit(kind, source, year, table)``.

    Tables are emitted one at a time and dropped, so a worker holds one bucket's model state
    plus one table at a time. Returns the bucket's truth aggregates.
    """
    from kansenmonitor.synth import truth

    g = _globals(cfg)
    w = World(g=g, bucket=bucket)
    for module in F.PERSON_MODULES:
        for out in module.build(w):
            emit("file", out.source, out.year, to_table(out.source, out.year, out.columns))
    mp = truth.month_panel(w)
    agg = truth.aggregates(w, mp)
    agg.update(F.onderwijs.follow_up_truth(w))  # indicator 20 (manifest education_truth)
    if cfg.write_truth:
        dyn_truth = truth.dynamics(w) if cfg.write_truth_dynamics else None
        emit("truth", "persons", None, truth.persons_table(w))
        emit("truth", "person_year", None, truth.person_year_table(w, dyn_truth))
        emit("truth", "person_month", None, truth.person_month_table(w, mp, dyn_truth))
        # ---- indicator 25: the graduates followed in the world (expected_graduates)
        from kansenmonitor.synth import expected_dynamics, expected_graduates

        work = dyn_truth["work"] if dyn_truth else expected_dynamics.monitor_work(w)[0]
        grads, grad_agg = expected_graduates.graduates(w, work)
        for k, v in grad_agg.items():
            agg[k] = v
        if grads is not None and grads.num_rows:
            emit("truth", "graduates", None, grads)
    return agg


def run_bucket_to_parts(cfg: SynthConfig, bucket: int) -> dict:
    """Worker: write the bucket's tables as Arrow IPC part files; return their list and aggregates."""
    part_dir = cfg.out / ".parts" / f"b{bucket:05d}"
    part_dir.mkdir(parents=True, exist_ok=True)
    parts = []

    def emit(kind, source, year, table):
        path = part_dir / f"{len(parts):04d}.arrow"
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        parts.append((kind, source, year, str(path)))

    agg = _bucket_outputs(cfg, bucket, emit)
    return {"parts": parts, "aggregates": agg}


def generate(config: SynthConfig) -> SynthResult:
    """Write the synthetic register described by ``config``; see :mod:`kansenmonitor.synth`."""
    t_start = time.perf_counter()
    cfg = config
    cfg.out.mkdir(parents=True, exist_ok=True)
    if (cfg.out / "truth").exists():
        shutil.rmtree(cfg.out / "truth")
    g = _globals(cfg)
    sinks = Sinks(cfg)
    for module in F.GLOBAL_MODULES:
        for out in module.build_global(g):
            sinks.write(out.source, out.year, to_table(out.source, out.year, out.columns))
    truth_sinks = TruthSinks(cfg.out)
    aggregates: dict[str, list[float]] = {}
    peak = [psutil.Process().memory_info().rss]

    def emit(kind, source, year, table) -> None:
        if kind == "file":
            sinks.write(source, year, table)
        else:
            truth_sinks.write(source, table)

    def merge(agg: dict) -> None:
        for k, (a, b) in agg.items():
            acc = aggregates.setdefault(k, [0.0, 0.0])
            acc[0] += a
            acc[1] += b
        rss = psutil.Process().memory_info().rss
        try:
            rss += sum(c.memory_info().rss for c in psutil.Process().children(recursive=True))
        except psutil.Error:
            pass
        peak[0] = max(peak[0], rss)

    n = g.n_buckets
    workers = cfg.workers if cfg.workers is not None else min(os.cpu_count() or 1, n)
    with bar("synthetisch register: buckets", total=n, unit="bucket") as b:
        if workers <= 1:
            for k in range(n):
                merge(_bucket_outputs(cfg, k, emit))
                b.update(1)
        else:
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as ex:
                pending = {}
                nxt = 0
                for k in range(min(n, workers + 1)):
                    pending[k] = ex.submit(run_bucket_to_parts, cfg, k)
                    nxt = k + 1
                for k in range(n):
                    res = pending.pop(k).result()
                    if nxt < n:
                        pending[nxt] = ex.submit(run_bucket_to_parts, cfg, nxt)
                        nxt += 1
                    for kind, source, year, path in res["parts"]:
                        with pa.memory_map(path) as src:
                            table = pa.ipc.open_file(src).read_all()
                        emit(kind, source, year, table)
                        del table
                        os.remove(path)
                    merge(res["aggregates"])
                    b.update(1)
            shutil.rmtree(cfg.out / ".parts", ignore_errors=True)
    reports = sinks.close() + truth_sinks.close()
    result = SynthResult(out=cfg.out, files=reports, wall_seconds=time.perf_counter() - t_start,
                         peak_rss_bytes=peak[0], buckets=n)
    write_catalog(cfg, reports)
    write_manifest(cfg, result, aggregates, n)
    result.wall_seconds = time.perf_counter() - t_start
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m kansenmonitor.synth.generate --scale S --years A-B --out DIR [--format F] [--seed N]``."""
    import argparse

    ap = argparse.ArgumentParser(description="Genereer een synthetisch CBS-register")
    ap.add_argument("--scale", type=float, default=0.01)
    ap.add_argument("--years", default="2013-2022")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--format", default="parquet", choices=("parquet", "csv", "sav"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--no-truth", action="store_true")
    ap.add_argument("--truth-dynamics", action="store_true",
                    help="add the dynamics expectations to the truth files for any number of years")
    a = ap.parse_args(argv)
    y0, _, y1 = a.years.partition("-")
    cfg = SynthConfig(out=a.out, scale=a.scale, years=(int(y0), int(y1 or y0)), format=a.format, seed=a.seed,
                      workers=a.workers, truth=False if a.no_truth else None,
                      truth_dynamics=True if a.truth_dynamics else None)
    res = generate(cfg)
    print(res.summary())
    print(json.dumps({"wall_seconds": round(res.wall_seconds, 1), "peak_rss_gb": round(res.peak_rss_bytes / 1e9, 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
