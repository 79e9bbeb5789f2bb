"""``kansenmonitor run``: the monitor on any catalog (synthetic or real), end to end.

Stages: sources (stage each file once) -> per person bucket: frame and indicator cells ->
merge of the buckets' additive cells -> roll-up of every configured breakdown -> output
gate -> publication folder (``cube.parquet``, ``cube.csv``, ``codes.parquet``,
``indicators.parquet``, the audit of suppressions, ``gate.json``) and a run log.

Buckets run in parallel processes (spawn start method, so it runs the same on Windows),
each with its own DuckDB connection under an explicit memory limit. A run is restartable:
its work folder holds a manifest of the input file versions, the code version and the
run settings, and a bucket whose cells are written is not computed again while the
manifest is unchanged.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import psutil

import kansenmonitor
from kansenmonitor.errors import ConfigError, KansenmonitorError
from kansenmonitor.frame.breakdowns import CrossingConfig, codes_table, grouping_sets
from kansenmonitor.frame.build import FrameConfig, build_frame, exclusion_counts
from kansenmonitor.indicators import dynamics, education, foundation, labour_force
from kansenmonitor.indicators import inputs as input_indicators
from kansenmonitor.indicators import graduates
from kansenmonitor.indicators.cells import rollup, split_rollup
from kansenmonitor.indicators.registry import INDICATORS
from kansenmonitor.progress import bar
from kansenmonitor.sources.catalog import load_catalog
from kansenmonitor.sources.staging import StagingReport, has_source_files, stage_catalog

#: Sources the frame needs (``kansenmonitor.frame.build``) and that the run stages.
FRAME_SOURCES = ("GBAPERSOONTAB", "GBAADRESOBJECTBUS", "GBAMIGRATIEBUS", "MIGMOTIEFBUS", "SECMBUS",
                 "HOOGSTEOPLTAB", "VSLGWBTAB", "LANDAKTUEELREF", "GEMEENTEREGIO", "ONDERWIJSINSCHRTAB")


@dataclass
class RunConfig:
    """Settings of one run of the monitor."""

    catalog: Path
    years: tuple[int, int]
    out: Path
    work: Path | None = None  # default: <out>.werk beside the output folder
    workers: int = 2
    memory_limit_mb: int | None = None  # per worker; default DEFAULT_WORKER_MEMORY_MB (at most half of RAM / workers)
    frame: FrameConfig = field(default_factory=FrameConfig)
    crossings: CrossingConfig = field(default_factory=CrossingConfig.default)

    @property
    def work_dir(self) -> Path:
        return self.work if self.work is not None else self.out.with_name(self.out.name + ".werk")

    @property
    def year_list(self) -> list[int]:
        return list(range(self.years[0], self.years[1] + 1))


@dataclass
class BucketTask:
    """Everything a worker process needs for one bucket (picklable)."""

    bucket: int
    years: list[int]
    inputs: dict[str, list[str]]
    frame: FrameConfig
    out: Path
    memory_limit_mb: int
    temp_dir: Path


@dataclass
class RunResult:
    out: Path
    work: Path
    figures: int
    published: int
    suppressed_by_reason: dict[str, int]
    stage_seconds: dict[str, float]
    buckets_computed: int
    buckets_reused: int
    log: dict


def code_version() -> str:
    """Version and a hash of the package's source files: a code change redoes every bucket."""
    digest = hashlib.sha256()
    root = Path(kansenmonitor.__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{kansenmonitor.__version__}+{digest.hexdigest()[:12]}"


def _input_manifest(report: StagingReport) -> dict:
    files = {}
    for name, staged in sorted(report.sources.items()):
        for f in staged.files:
            stat = f.path.stat()
            files[f"{name}:{f.year if f.year is not None else '-'}"] = {
                "file": str(f.path), "version": f.version, "bytes": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                "rows_source": f.rows_source, "rows_staged": f.rows_staged, "excluded": f.excluded}
    return files


def _run_manifest(config: RunConfig, report: StagingReport, buckets: int) -> dict:
    return {
        "code_version": code_version(),
        "years": list(config.years),
        "buckets": buckets,
        "frame": _plain(asdict(config.frame)),
        "crossings": [list(s) for s in grouping_sets(config.crossings)],
        "inputs": _input_manifest(report),
    }


def _plain(value):
    """Settings as JSON values: sets become sorted lists (not their Python repr)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _prepare_work(work: Path, manifest: dict) -> None:
    """Keep finished buckets only when the manifest (inputs, code, settings) is unchanged."""
    path = work / "manifest.json"
    text = json.dumps(manifest, indent=2, sort_keys=True, default=str)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    if work.exists():
        shutil.rmtree(work)
    (work / "buckets").mkdir(parents=True)
    path.write_text(text, encoding="utf-8")


def run_bucket(task: BucketTask) -> Path:
    """Frame and indicator cells of one bucket, written atomically as ``bucket=<b>``."""
    con = duckdb.connect(config={"memory_limit": f"{task.memory_limit_mb}MB", "threads": 1,
                                 "temp_directory": str(task.temp_dir), "preserve_insertion_order": False})
    con.execute("SET enable_progress_bar = false")
    seconds: dict[str, float] = {}
    try:
        t0 = time.perf_counter()
        frame = build_frame(con, task.inputs, task.years, task.bucket, task.frame)
        exclusions = exclusion_counts(frame)
        seconds["frame"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        cells, population = foundation.bucket_cells(con, task.inputs, frame, task.years, task.bucket,
                                                    keep_frame=True)
        seconds["indicators_4_18"] = time.perf_counter() - t0
        sector_cells, panel_counts = None, None
        # ---- indicator 25: the graduates join the dynamics panel's persons (one panel per bucket)
        with_graduates = "SECMBUS" in task.inputs and graduates.has_sources(task.inputs)
        if with_graduates:
            t0 = time.perf_counter()
            missing_cohorts = graduates.make_graduates(con, task.inputs, "frame_t", task.years, task.bucket)
            seconds["graduates_25"] = time.perf_counter() - t0
        if "SECMBUS" in task.inputs:
            t0 = time.perf_counter()
            dyn = dynamics.bucket_dynamic_cells(con, task.inputs, "frame_t", task.years, task.bucket,
                                                extra_persons="grad_persons" if with_graduates else None,
                                                keep_panel=with_graduates)
            cells = pd.concat([cells, dyn.cells], ignore_index=True)
            population = pd.concat([population, dyn.population], ignore_index=True)
            sector_cells, panel_counts, employer_rows = dyn.sector_cells, dyn.panel_counts, dyn.employer_rows
            seconds["dynamics_27_40"] = time.perf_counter() - t0
        if with_graduates:
            t0 = time.perf_counter()
            grad_cells, grad_population = graduates.bucket_graduate_cells(con, "frame_t", task.years, task.bucket,
                                                                          missing_years=missing_cohorts)
            cells = pd.concat([cells, grad_cells], ignore_index=True)
            population = pd.concat([population, grad_population], ignore_index=True)
            for t in ("panel", "pm_presence", "grad_persons"):
                con.execute(f"DROP TABLE IF EXISTS {t}")
            seconds["graduates_25"] += time.perf_counter() - t0
        if any(name in task.inputs for name in education.SOURCES if name != "OPLEIDINGSNRREF"):
            # indicators 19-24, 26 and early school leaving (report §5.1): frame_t with students
            t0 = time.perf_counter()
            edu_cells, edu_population = education.bucket_education_cells(con, task.inputs, task.years, task.bucket)
            cells = pd.concat([cells, edu_cells], ignore_index=True)
            population = pd.concat([population, edu_population], ignore_index=True)
            seconds["education_19_26"] = time.perf_counter() - t0
        household_rows = None
        if any(s in task.inputs for s in input_indicators.SOURCES):  # input indicators I1, I2 (§3.2.1, §3.4)
            t0 = time.perf_counter()
            inp = input_indicators.bucket_input_cells(con, task.inputs, task.years, task.bucket)
            cells = pd.concat([cells, inp.cells], ignore_index=True)
            population = pd.concat([population, inp.population], ignore_index=True)
            household_rows = inp.household_rows
            seconds["inputs_I1_I2"] = time.perf_counter() - t0
        survey = None
        if "EBBNW" in task.inputs:
            t0 = time.perf_counter()
            land_ref = _reference(task.inputs, "LANDAKTUEELREF", con)
            survey = labour_force.bucket_survey_cells(con, task.inputs, task.years, task.bucket, land_ref, frame)
            seconds["survey_1_3"] = time.perf_counter() - t0
    finally:
        con.close()
    final = task.out / f"bucket={task.bucket:04d}"
    tmp = task.out / f".bucket={task.bucket:04d}.{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    cells.to_parquet(tmp / "cells.parquet", index=False)
    exclusions.assign(bucket=task.bucket).to_parquet(tmp / "exclusions.parquet", index=False)
    if sector_cells is not None:
        sector_cells.to_parquet(tmp / "sector_cells.parquet", index=False)
        employer_rows.to_parquet(tmp / "employer_rows.parquet", index=False)
        pd.DataFrame([{"bucket": task.bucket, **panel_counts}]).to_parquet(tmp / "panel_log.parquet", index=False)
    if household_rows is not None:
        household_rows.to_parquet(tmp / "household_rows.parquet", index=False)
    if survey is not None:
        survey_cells, interview_log, survey_population = survey
        survey_cells.to_parquet(tmp / "survey_cells.parquet", index=False)
        interview_log.to_parquet(tmp / "survey_log.parquet", index=False)
        population = pd.concat([population, survey_population], ignore_index=True)
    population.to_parquet(tmp / "population.parquet", index=False)
    pd.DataFrame([{"bucket": task.bucket, **seconds}]).to_parquet(tmp / "seconds.parquet", index=False)
    if final.exists():
        shutil.rmtree(final)
    os.replace(tmp, final)
    return final


#: Default DuckDB memory of one bucket worker (one thread), in MB. A bucket holds about
#: 50k-300k persons at every scale (the catalog's buckets grow with the population), and
#: its panel joins and aggregations fit in this (DuckDB spills the rest to the work
#: folder); a worker's process holds about 1 GB more (its frame in pandas, results). A
#: larger limit mostly lets DuckDB keep more cache and raises the run's peak: scale 0.1
#: peaked at 15.9 GiB with half of RAM per worker and 10.7 GiB with 3 GB. Never more than
#: half of RAM shared by the workers.
DEFAULT_WORKER_MEMORY_MB = 2048


def _memory_limit_mb(config: RunConfig) -> int:
    if config.memory_limit_mb:
        return config.memory_limit_mb
    total = psutil.virtual_memory().total // 2**20
    return max(512, min(DEFAULT_WORKER_MEMORY_MB, int(total * 0.5 / max(1, config.workers))))


def _run_buckets(tasks: list[BucketTask], workers: int) -> None:
    with bar("indicatoren per persoonsbucket", total=len(tasks), unit="bucket") as progress_bar:
        if workers <= 1 or len(tasks) <= 1:
            for task in tasks:
                run_bucket(task)
                progress_bar.update(1)
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(run_bucket, task) for task in tasks]
            for future in as_completed(futures):
                future.result()
                progress_bar.update(1)


def _drop_repeated_unknown_region(rolled: pd.DataFrame) -> pd.DataFrame:
    """The labour-market region and the Randstad class share the cube column ``region``; a
    person without a municipality is ``unk`` in both grouping sets, so those rows come twice
    with the same persons. Keep one (and check that they are the same figure)."""
    from kansenmonitor.cube import KEY_COLUMNS

    keys = list(KEY_COLUMNS)
    repeated = rolled.duplicated(keys, keep=False)
    if not repeated.any():
        return rolled
    twins = rolled[repeated]
    if (twins["region"] != "unk").any() or twins.groupby(keys, dropna=False)["n"].nunique().gt(1).any():
        raise AssertionError("roll-up produced two different figures for one cube cell")
    return rolled.drop_duplicates(keys, keep="first").reset_index(drop=True)


def _reference(inputs: dict[str, list[str]], name: str,
               con: duckdb.DuckDBPyConnection | None = None) -> pd.DataFrame | None:
    """A staged reference table (small) as a data frame, or None when the catalog lacks it."""
    if name not in inputs:
        return None
    globs = ", ".join(f"'{g}'" for g in inputs[name])
    return (con or duckdb).sql(f"SELECT * FROM read_parquet([{globs}], hive_partitioning = true, "
                               "union_by_name = true)").df()


def _sector_rollup(con: duckdb.DuckDBPyConnection, buckets_dir: Path, sets: list[tuple[str, ...]],
                   extra: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """Indicators by sector (dynamics.SECTOR_CROSSINGS whose other dimension is configured):
    a person's months can fall in several sectors, so these cells are never summed over
    sectors (the total over sectors is the indicator's own total). DuckDB reads the
    buckets' cells from their files (summing is the merge): at scale 0.1 they are tens of
    millions of rows, which pandas would hold in memory all at once."""
    files = sorted(buckets_dir.glob("bucket=*/sector_cells.parquet"))
    parts = []
    if files:
        parts.append("SELECT * FROM read_parquet([" + ", ".join(f"'{f.as_posix()}'" for f in files) + "])")
    if extra is not None and not extra.empty:
        con.register("employer_sector_cells_df", extra)
        parts.append("SELECT * FROM employer_sector_cells_df")
    if not parts:
        return None
    con.execute("CREATE OR REPLACE TEMP VIEW sector_cells AS " + " UNION ALL BY NAME ".join(parts))
    configured = {d for gs in sets for d in gs}
    sector_sets = [gs for gs in dynamics.SECTOR_CROSSINGS if all(d == "sector" or d in configured for d in gs)]
    rolled = rollup(con, "sector_cells", sector_sets)
    return rolled[rolled["sector"] != "T"].reset_index(drop=True)


def _employer_pass(con: duckdb.DuckDBPyConnection, buckets_dir: Path,
                   ) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[dict]]:
    """Indicator 40: rank every employer's employees over all buckets (one pass keyed by
    employer, bucket files read by DuckDB); returns cells, sector cells and the log."""
    files = sorted(buckets_dir.glob("bucket=*/employer_rows.parquet"))
    if not files:
        return None, None, []
    relation = "read_parquet([" + ", ".join(f"'{f.as_posix()}'" for f in files) + "])"
    columns = [c for c in con.sql(f"SELECT * FROM {relation} LIMIT 0").columns]
    by = [c for c in foundation.GROUP_COLUMNS if c in columns and c != "sector"]
    cells, sector_cells, log = dynamics.employer_pass_cells(con, relation, by)
    return cells, sector_cells, log.to_dict(orient="records")


def _household_pass(con: duckdb.DuckDBPyConnection, buckets_dir: Path, years: list[int],
                     ) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """NUG (I1g, I1h): join partners over all buckets (one pass keyed by household, bucket
    files read by DuckDB); returns cells and the population log."""
    files = sorted(buckets_dir.glob("bucket=*/household_rows.parquet"))
    if not files:
        return None, None
    relation = "read_parquet([" + ", ".join(f"'{f.as_posix()}'" for f in files) + "], union_by_name = true)"
    columns = [c for c in con.sql(f"SELECT * FROM {relation} LIMIT 0").columns]
    by = [c for c in foundation.GROUP_COLUMNS if c in columns and c != "sector"]
    return input_indicators.household_pass_cells(con, relation, by, years)


def _survey_rollup(con: duckdb.DuckDBPyConnection, buckets_dir: Path, sets: list[tuple[str, ...]]) -> pd.DataFrame | None:
    """Indicators 1-3 rolled up over the breakdowns the survey has (labour_force.SURVEY_DIMENSIONS):
    a configured crossing with a dimension the survey lacks is left out for these indicators."""
    files = sorted(buckets_dir.glob("bucket=*/survey_cells.parquet"))
    if not files:
        return None
    con.execute("CREATE OR REPLACE TEMP VIEW survey_cells AS SELECT * FROM read_parquet(["  # summing is the merge
                + ", ".join(f"'{f.as_posix()}'" for f in files) + "])")
    survey_sets = [gs for gs in sets if all(d in labour_force.SURVEY_DIMENSIONS for d in gs)]
    return rollup(con, "survey_cells", survey_sets)


def _flags(cube: pd.DataFrame, years: tuple[int, int] | None = None, previous_year_months: bool = True) -> pd.Series:
    """Trend-break flags of every figure from the indicator registry, plus the follow-up
    flags of the dynamic indicators: ``censored`` on the last year's next-month transitions
    (December has no observed next month) and ``left_truncated`` on the first year's
    temporary -> permanent moves and wage changes when the SPOLIS year before is not in the
    catalog."""
    out = []
    for i, y in zip(cube["indicator"], cube["year"]):
        flags = INDICATORS[i].flags_for_year(int(y)) if i in INDICATORS else []
        if years is not None and int(y) == years[1] and i in dynamics.NEXT_MONTH_INDICATORS:
            flags.append("censored")
        if years is not None and i == "A25" and not graduates.follow_up_complete(int(y), years[1]):
            flags.append("follow_up_incomplete")
        if years is not None and int(y) == years[0] and i in dynamics.PREVIOUS_YEAR_INDICATORS \
                and not previous_year_months:
            flags.append("left_truncated")
        out.append(";".join(flags))
    return pd.Series(out, index=cube.index, dtype=object)


def indicators_table() -> pd.DataFrame:
    """The registry as a table (``indicators.parquet`` beside the cube)."""
    rows = []
    for ind in INDICATORS.values():
        rows.append({"indicator": ind.id, "number": ind.number, "name_nl": ind.name_nl, "name_en": ind.name_en,
                     "population_nl": ind.population_nl, "population_en": ind.population_en,
                     "unit_nl": ind.unit_nl, "unit_en": ind.unit_en, "statistic": ind.statistic,
                     "definition_en": ind.definition_en, "paragraph": ind.paragraph,
                     "sources": ";".join(ind.sources), "kind": ind.kind, "source_type": ind.source_type,
                     "variants": json.dumps(ind.variants, ensure_ascii=False), "magnitude": ind.magnitude,
                     "trend_breaks": ";".join(f"{b.flag}:{b.from_year}" for b in ind.trend_breaks),
                     "definition_nl": ind.definition_nl,
                     "variants_nl": json.dumps(ind.variants_nl, ensure_ascii=False)})
    return pd.DataFrame(rows)


def run_monitor(config: RunConfig) -> RunResult:
    """Run the monitor on ``config.catalog`` for ``config.years`` into ``config.out``."""
    from kansenmonitor.disclosure.gate import apply_output_control, write_publication
    from kansenmonitor.disclosure.rules import DisclosureRules

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    catalog = load_catalog(config.catalog)
    needed = list(dict.fromkeys(n for n in (*FRAME_SOURCES, *foundation.SOURCES, *dynamics.SOURCES,
                                              *labour_force.SOURCES, *education.SOURCES,
                                              *input_indicators.SOURCES) if catalog.has(n)))
    needed += [n for n in graduates.SOURCES if catalog.has(n) and n not in needed]  # indicator 25
    for required in ("GBAPERSOONTAB", "GBAADRESOBJECTBUS", "GBAMIGRATIEBUS", "LANDAKTUEELREF"):
        if required not in needed:
            raise ConfigError(f"{config.catalog}: the catalog has no [sources.{required}]; the population frame needs it")
    report = stage_catalog(catalog, years=config.year_list, sources=needed, workers=config.workers)
    # months 11-12 of the year before the first (report §5.2): temporary -> permanent moves
    # into January and February of the first year
    previous_year_months = catalog.has("SPOLISBUS") and has_source_files(catalog, "SPOLISBUS", [config.years[0] - 1])
    if previous_year_months:
        before = stage_catalog(catalog, years=[config.years[0] - 1], sources=["SPOLISBUS"], workers=config.workers)
        report.sources["SPOLISBUS"].files.extend(before.sources["SPOLISBUS"].files)
    # exam candidates and early school leavers of year t are in the files of study year t-1
    # (indicators.education): stage the year before the first year too
    for name in education.PREVIOUS_YEAR_SOURCES:
        if name in needed and has_source_files(catalog, name, [config.years[0] - 1]):
            before = stage_catalog(catalog, years=[config.years[0] - 1], sources=[name], workers=config.workers)
            report.sources[name].files.extend(before.sources[name].files)
    # indicator 25: the last cohort needs the enrolments of 1 October of the year after
    if catalog.has("ONDERWIJSINSCHRTAB") and has_source_files(catalog, "ONDERWIJSINSCHRTAB", [config.years[1] + 1]):
        after = stage_catalog(catalog, years=[config.years[1] + 1], sources=["ONDERWIJSINSCHRTAB"],
                              workers=config.workers)
        report.sources["ONDERWIJSINSCHRTAB"].files.extend(after.sources["ONDERWIJSINSCHRTAB"].files)
    seconds["sources"] = time.perf_counter() - started

    inputs = {name: list(staged.glob) for name, staged in report.sources.items() if staged.files}
    work = config.work_dir
    _prepare_work(work, _run_manifest(config, report, catalog.buckets))
    buckets_dir = work / "buckets"
    temp_dir = work / "tmp"
    temp_dir.mkdir(exist_ok=True)
    memory = _memory_limit_mb(config)
    tasks = [BucketTask(b, config.year_list, inputs, config.frame, buckets_dir, memory, temp_dir)
             for b in range(catalog.buckets) if not (buckets_dir / f"bucket={b:04d}").exists()]
    reused = catalog.buckets - len(tasks)
    t0 = time.perf_counter()
    _run_buckets(tasks, config.workers)
    seconds["frame_and_indicators"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    con = duckdb.connect(config={"memory_limit": f"{memory}MB", "temp_directory": str(temp_dir)})
    con.execute("SET enable_progress_bar = false")
    cells_glob = (buckets_dir / "bucket=*" / "cells.parquet").as_posix()
    t_employer = time.perf_counter()
    employer_cells, employer_sector_cells, employer_log = _employer_pass(con, buckets_dir)
    employer_seconds = time.perf_counter() - t_employer
    # the buckets' cells are summed by the roll-up itself (summing is the merge): DuckDB reads
    # them straight from the bucket files, no merge in pandas first
    con.execute(f"CREATE OR REPLACE TEMP VIEW bucket_cells AS "
                f"SELECT * FROM read_parquet('{cells_glob}', hive_partitioning = false)")
    cells_relation = "bucket_cells"
    if employer_cells is not None and not employer_cells.empty:
        columns = [c for c in con.sql("SELECT * FROM bucket_cells LIMIT 0").columns]
        con.register("employer_cells_df", employer_cells[columns])
        con.execute("CREATE OR REPLACE TEMP VIEW all_cells AS SELECT * FROM bucket_cells "
                    "UNION ALL BY NAME SELECT * FROM employer_cells_df")
        cells_relation = "all_cells"
    household_cells, household_log = _household_pass(con, buckets_dir, config.year_list)  # NUG: I1g, I1h
    if household_cells is not None and not household_cells.empty:
        columns = [c for c in con.sql(f"SELECT * FROM {cells_relation} LIMIT 0").columns]
        con.register("household_cells_df", household_cells[columns])
        con.execute(f"CREATE OR REPLACE TEMP VIEW cells_with_households AS SELECT * FROM {cells_relation} "
                    "UNION ALL BY NAME SELECT * FROM household_cells_df")
        cells_relation = "cells_with_households"
    sets = grouping_sets(config.crossings)
    rolled = _drop_repeated_unknown_region(rollup(con, cells_relation, sets))
    for extra in (_sector_rollup(con, buckets_dir, sets, employer_sector_cells),
                  _survey_rollup(con, buckets_dir, sets)):
        if extra is not None:
            rolled = pd.concat([rolled, extra], ignore_index=True)
    cube, evidence = split_rollup(rolled)
    cube["flags"] = _flags(cube, config.years, previous_year_months)
    exclusions = con.sql(f"SELECT * FROM read_parquet('{(buckets_dir / 'bucket=*' / 'exclusions.parquet').as_posix()}')").df()
    population = con.sql(f"SELECT * FROM read_parquet('{(buckets_dir / 'bucket=*' / 'population.parquet').as_posix()}')").df()
    if employer_log:
        population = pd.concat([population, pd.DataFrame(
            [{"indicator": "A40", "variant": f"q{q}", "year": int(r["year"]), "bucket": -1,
              "population": int(r["frame_persons_ranked"]), "outcome_unknown": 0}
             for r in employer_log for q in (1, 2, 3, 4)])], ignore_index=True)
    if household_log is not None and not household_log.empty:
        population = pd.concat([population, household_log], ignore_index=True)
    survey_logs = sorted(buckets_dir.glob("bucket=*/survey_log.parquet"))
    survey_log = pd.concat([pd.read_parquet(f) for f in survey_logs], ignore_index=True) if survey_logs else None
    con.close()
    seconds["merge_and_rollup"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    magnitudes = {(i.id, v) for i in INDICATORS.values() if i.magnitude for v in (i.variants or {"": ""})}
    magnitudes |= {(i.id, "") for i in INDICATORS.values() if i.magnitude}
    magnitudes |= {(i.id, v) for i in INDICATORS.values() for v in i.magnitude_variants}
    survey = {(i.id, v) for i in INDICATORS.values() if i.source_type == "survey" for v in (i.variants or {"": ""})}
    rules = DisclosureRules()
    published, audit = apply_output_control(cube, evidence, rules, magnitudes=magnitudes, survey=survey)
    codes = pd.concat([codes_table(_reference(inputs, "GEMEENTEREGIO"), _reference(inputs, "LANDAKTUEELREF")),
                       dynamics.sector_codes()], ignore_index=True)
    extra = {"codes": codes,
             "indicators": indicators_table()}
    staging_out = config.out.with_name(f".{config.out.name}.new-{uuid.uuid4().hex[:8]}")
    write_publication(staging_out, published, audit, rules, extra_tables=extra)
    if config.out.exists():
        old = config.out.with_name(f".{config.out.name}.old-{uuid.uuid4().hex[:8]}")
        os.replace(config.out, old)
        os.replace(staging_out, config.out)
        shutil.rmtree(old)
    else:
        os.replace(staging_out, config.out)
    seconds["output_control_and_write"] = time.perf_counter() - t0
    seconds["total"] = time.perf_counter() - started

    log = _run_log(report, exclusions, population, seconds, reused, len(tasks), survey_log)
    log["employer_ranking"] = employer_log
    if household_log is not None:  # NUG (I1g, I1h): the couple norm used, published or derived
        from kansenmonitor.indicators.conventions import bijstand_couple_norm_table
        log["nug_income_threshold"] = bijstand_couple_norm_table(config.year_list)
    timing = sorted(buckets_dir.glob("bucket=*/seconds.parquet"))
    if timing:  # summed over buckets (process seconds, not wall time: buckets run in parallel)
        per_stage = pd.concat([pd.read_parquet(f) for f in timing]).drop(columns="bucket").sum()
        log["bucket_seconds"] = {k: round(float(v), 2) for k, v in per_stage.items()}
    log["seconds"]["employer_pass"] = round(employer_seconds, 2)
    (work / "run_log.json").write_text(json.dumps(log, indent=2, default=str), encoding="utf-8")
    suppressed = published[published["suppressed"]]
    return RunResult(out=config.out, work=work, figures=len(published), published=int((~published["suppressed"]).sum()),
                     suppressed_by_reason={str(k): int(v) for k, v in suppressed["reason"].value_counts().items()},
                     stage_seconds=seconds, buckets_computed=len(tasks), buckets_reused=reused, log=log)


def _run_log(report: StagingReport, exclusions: pd.DataFrame, population: pd.DataFrame,
             seconds: dict[str, float], reused: int, computed: int, survey_log: pd.DataFrame | None = None) -> dict:
    """What was read, excluded and why: nothing leaves the run unaccounted for."""
    staging = [{"source": s.name, "file": str(f.path), "year": f.year, "rows_source": f.rows_source,
                "rows_staged": f.rows_staged, "excluded": f.excluded}
               for s in report.sources.values() for f in s.files]
    frame = (exclusions.groupby(["year", "reason"], observed=True)["persons"].sum().reset_index()
             if not exclusions.empty else exclusions)
    counted = ["population", "outcome_unknown", *(["outside_frame"] if "outside_frame" in population.columns else [])]
    pop = (population.groupby(["indicator", "variant", "year"])[counted].sum()
           .reset_index() if not population.empty else population)
    if "missing_input" in population.columns and not population.empty:  # education: inputs not in the run
        missing = population[population["missing_input"].fillna("") != ""]
        missing = missing.groupby(["indicator", "variant", "year"])["missing_input"].first().reset_index()
        pop = pop.merge(missing, how="left", on=["indicator", "variant", "year"])
    survey = ([] if survey_log is None or survey_log.empty else
              survey_log.drop(columns="bucket", errors="ignore").groupby("year").sum().reset_index()
              .to_dict(orient="records"))
    return {"code_version": code_version(), "seconds": seconds, "buckets_reused": reused,
            "buckets_computed": computed, "staging": staging,
            "frame_exclusions": frame.to_dict(orient="records"),
            "indicator_populations": pop.to_dict(orient="records"),
            "survey_interviews": survey}


def summary_lines(result: RunResult) -> list[str]:
    lines = [f"cube: {result.out / 'cube.parquet'} ({result.figures} figures, {result.published} published)"]
    for reason, n in sorted(result.suppressed_by_reason.items()):
        lines.append(f"  withheld ({reason}): {n}")
    lines.append("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in result.stage_seconds.items()))
    lines.append(f"buckets: {result.buckets_computed} computed, {result.buckets_reused} reused")
    return lines


__all__ = ["RunConfig", "RunResult", "run_monitor", "run_bucket", "summary_lines", "KansenmonitorError"]
