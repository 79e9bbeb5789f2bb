"""Command-line interface: ``kansenmonitor <command>`` (also ``python -m kansenmonitor``).

Every command prints a one-line message and exits non-zero on bad input or configuration
(:class:`kansenmonitor.errors.KansenmonitorError`); an unexpected failure is reported in one
line too, with the full traceback written to a log file whose path is printed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path

from kansenmonitor.errors import KansenmonitorError


def _years(text: str) -> tuple[int, int]:
    """Parse ``2013-2022`` or ``2019`` into an inclusive year range."""
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-", 1))
        else:
            first = last = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"years must look like 2013-2022 or 2019, not {text!r}") from None
    if first > last or not 1995 <= first <= 2100:
        raise argparse.ArgumentTypeError(f"year range {text!r} is empty or out of bounds")
    return first, last


def cmd_synth(args: argparse.Namespace) -> int:
    from kansenmonitor.synth.generate import SynthConfig, generate

    result = generate(SynthConfig(out=Path(args.out), scale=args.scale, years=args.years,
                                  format=args.format, seed=args.seed))
    print(result.summary())
    return 0


def cmd_sources_inspect(args: argparse.Namespace) -> int:
    from kansenmonitor.sources.inspect import inspect_file

    print(inspect_file(Path(args.file)))
    return 0


def cmd_sources_check(args: argparse.Namespace) -> int:
    from kansenmonitor.sources.check import check_catalog

    years = range(args.years[0], args.years[1] + 1) if args.years else None
    return check_catalog(Path(args.catalog), years=years, workers=args.workers)


def cmd_check(args: argparse.Namespace) -> int:
    from kansenmonitor.disclosure.check import check_main

    return check_main(Path(args.dir))


def cmd_run(args: argparse.Namespace) -> int:
    from kansenmonitor.frame.breakdowns import CrossingConfig
    from kansenmonitor.frame.build import FrameConfig
    from kansenmonitor.runner import RunConfig, run_monitor, summary_lines

    frame = FrameConfig(exclusion_source=args.exclusion_source)
    crossings = CrossingConfig.from_toml(args.crossings) if args.crossings else CrossingConfig.default()
    result = run_monitor(RunConfig(catalog=Path(args.catalog), years=args.years, out=Path(args.out),
                                   work=Path(args.work) if args.work else None, workers=args.workers,
                                   memory_limit_mb=args.memory_per_worker_mb, frame=frame, crossings=crossings))
    for line in summary_lines(result):
        print(line)
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    from kansenmonitor.indicators.document import registry_markdown

    print(registry_markdown(), end="")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from kansenmonitor.demo import run_demo

    code = run_demo(out=Path(args.out), scale=args.scale, years=args.years, seed=args.seed,
                    format=args.format)
    if code == 0:
        code = _publish_demo(Path(args.out))
    return code


def _publish_demo(out: Path) -> int:
    from kansenmonitor.publish.site import build_site

    # run_demo has just checked the output folder (step 3/3) and stopped on any violation
    site = build_site(out / "uitvoer", out / "site", work_dir=out / "werk", just_checked=True)
    print(f"\nwebsite: {site.index.resolve().as_uri()}")
    print(f"    of via een lokale server: python -m kansenmonitor serve {out / 'site'}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from kansenmonitor.publish.site import build_site

    site = build_site(Path(args.run_dir), Path(args.out), work_dir=Path(args.work) if args.work else None)
    print(f"site: {site.out} ({len(site.indicators)} indicators, {site.files} files, {site.bytes / 1e6:.1f} MB)")
    print(f"open: {site.index.resolve().as_uri()}  or  kansenmonitor serve {site.out}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kansenmonitor.publish.serve import serve

    return serve(Path(args.site_dir), port=args.port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kansenmonitor",
        description="Monitor gelijke kansen en evenredige arbeidsmarktpositie ongeacht migratieachtergrond.")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="synthetic register -> read back and validate -> summary")
    demo.add_argument("--out", default="demo", help="output folder (default: ./demo)")
    demo.add_argument("--scale", type=float, default=0.01, help="population scale, 1.0 = national (default 0.01)")
    demo.add_argument("--years", type=_years, default=(2013, 2022), help="years, e.g. 2013-2022")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--format", choices=("sav", "csv", "parquet"), default="parquet",
                      help="file format of the synthetic register (default parquet; sav and csv as CBS "
                           "delivers them are read by the same code, but writing sav is ~6x slower)")
    demo.set_defaults(func=cmd_demo)

    run = sub.add_parser("run", help="run the monitor on a catalog (synthetic or real) into an output folder")
    run.add_argument("--catalog", required=True, help="catalog TOML file")
    run.add_argument("--years", type=_years, required=True, help="reference years, e.g. 2013-2022")
    run.add_argument("--out", required=True, help="output folder (cube.parquet, cube.csv, ...)")
    run.add_argument("--work", default=None, help="work folder for restartable runs (default: OUT.werk)")
    run.add_argument("--workers", type=int, default=2, help="parallel processes (default 2)")
    run.add_argument("--memory-per-worker-mb", type=int, default=None,
                     help="DuckDB memory limit of each worker in MB (default 2048, at most half of RAM "
                          "shared by the workers); lower it on a shared machine: DuckDB then spills to the "
                          "work folder")
    run.add_argument("--exclusion-source", choices=("secm", "enrolment"), default="secm",
                     help="who are pupils/students: SECMBUS (default) or enrolments + age (report §7.1.3)")
    run.add_argument("--crossings", default=None, help="TOML file with the breakdown crossings")
    run.set_defaults(func=cmd_run)

    synth = sub.add_parser("synth", help="write a synthetic register in CBS layout")
    synth.add_argument("--scale", type=float, default=0.01, help="1.0 = national (~17.5 M persons)")
    synth.add_argument("--years", type=_years, default=(2013, 2022), help="years, e.g. 2013-2022")
    synth.add_argument("--out", required=True, help="output folder")
    synth.add_argument("--format", choices=("sav", "csv", "parquet"), default="parquet",
                       help="sav (SPSS, as CBS delivers), csv (';' and decimal comma) or parquet (default)")
    synth.add_argument("--seed", type=int, default=1)
    synth.set_defaults(func=cmd_synth)

    sources = sub.add_parser("sources", help="inspect and check CBS source files")
    sources_sub = sources.add_subparsers(dest="sources_command", required=True)
    inspect = sources_sub.add_parser("inspect", help="list a file's variables and suggest a rename map")
    inspect.add_argument("file")
    inspect.set_defaults(func=cmd_sources_inspect)
    check_sources = sources_sub.add_parser("check", help="read, validate and stage every file of a catalog")
    check_sources.add_argument("catalog", help="catalog TOML file")
    check_sources.add_argument("--years", type=_years, default=None)
    check_sources.add_argument("--workers", type=int, default=1, help="parallel processes (default 1)")
    check_sources.set_defaults(func=cmd_sources_check)

    indicators = sub.add_parser("indicators", help="print the indicator registry as Markdown")
    indicators.set_defaults(func=cmd_indicators)

    check = sub.add_parser("check", help="re-verify an output folder against the output rules")
    check.add_argument("dir")
    check.set_defaults(func=cmd_check)

    publish = sub.add_parser("publish", help="build the static website of a checked run folder")
    publish.add_argument("run_dir", help="output folder of `run` (must pass `check`)")
    publish.add_argument("--out", required=True, help="site folder (replaced when it holds an earlier site)")
    publish.add_argument("--work", default=None, help="work folder with the run manifest and log (default: RUN_DIR.werk)")
    publish.set_defaults(func=cmd_publish)

    serve = sub.add_parser("serve", help="serve a built site on http://127.0.0.1 (Python's http.server)")
    serve.add_argument("site_dir")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 = any free port)")
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        code = int(args.func(args) or 0)
    except KansenmonitorError as error:
        print(f"kansenmonitor: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kansenmonitor: afgebroken (interrupted)", file=sys.stderr)
        return 130
    except Exception as error:  # report in one line; the traceback goes to a log file
        log = Path(tempfile.gettempdir()) / "kansenmonitor-error.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(f"kansenmonitor: interne fout (internal error): {type(error).__name__}: {error} "
              f"[details: {log}]", file=sys.stderr)
        return 3
    if args.command in ("demo", "synth", "run", "publish"):
        print(f"klaar in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
