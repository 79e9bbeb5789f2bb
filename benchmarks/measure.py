"""Run one command in a child process and measure its wall time and peak memory.

Peak memory is the largest summed resident set size of the child and all its descendants
(worker processes included), sampled with psutil every 0.2 s; works on Linux and Windows.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass
class Measurement:
    wall_s: float
    peak_rss_bytes: int
    returncode: int
    stdout: str
    stderr: str


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        for p in [proc, *proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
    except psutil.Error:
        pass
    return total


def measure(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Measurement:
    """Run ``args`` (a Python module call or any command) and measure it."""
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"km-bench-{os.getpid()}-{time.time_ns()}"
    started = time.perf_counter()
    with open(f"{out_path}.out", "w+") as out, open(f"{out_path}.err", "w+") as err:
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=err)
        peak = 0
        ps = psutil.Process(proc.pid)
        while proc.poll() is None:
            peak = max(peak, _tree_rss(ps))
            time.sleep(0.2)
        returncode = proc.returncode
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    for suffix in (".out", ".err"):
        Path(f"{out_path}{suffix}").unlink(missing_ok=True)
    return Measurement(wall, peak, returncode, stdout, stderr)


def disk_bytes(folder: Path, exclude: tuple[str, ...] = ("staging", "truth")) -> int:
    """Bytes of all files below ``folder``, leaving out the named sub-folders."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not any(part in exclude for part in path.relative_to(folder).parts):
            total += path.stat().st_size
    return total


def gib(n: int | float) -> str:
    return f"{n / 2**30:.2f} GiB"
