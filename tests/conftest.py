"""Shared fixtures: small synthetic registers generated once per test session, and one
monitor run on the scale-0.01 register for the planted-truth tests."""

from __future__ import annotations

import time

import duckdb
import pandas as pd
import pytest

from kansenmonitor.cube import read_cube
from kansenmonitor.frame.build import FrameConfig, build_frame, in_population
from kansenmonitor.runner import FRAME_SOURCES, RunConfig, run_monitor
from kansenmonitor.sources.catalog import load_catalog
from kansenmonitor.sources.staging import stage_catalog

from kansenmonitor.synth.config import SynthConfig
from kansenmonitor.synth.generate import generate


@pytest.fixture(scope="session")
def tiny_register(tmp_path_factory):
    """Scale 0.002 (~35k residents), reporting years 2015-2016 (contract hours appear in 2016)."""
    out = tmp_path_factory.mktemp("synth_tiny")
    cfg = SynthConfig(out=out, scale=0.002, years=(2015, 2016), format="parquet", seed=7, workers=1)
    result = generate(cfg)
    return cfg, result


@pytest.fixture(scope="session")
def realism_register(tmp_path_factory):
    """Scale 0.01 (~175k residents), reporting years 2017-2018, for the realism checks."""
    out = tmp_path_factory.mktemp("synth_realism")
    cfg = SynthConfig(out=out, scale=0.01, years=(2017, 2018), format="parquet", seed=3)
    result = generate(cfg)
    return cfg, result


@pytest.fixture(scope="session")
def planted(realism_register, tmp_path_factory):
    """The monitor on the scale-0.01 register, the monitor's own frame, and the truth files
    (shared by the planted-truth tests: one run per session)."""
    cfg, _ = realism_register
    started = time.perf_counter()
    out = tmp_path_factory.mktemp("planted_truth") / "uit"
    run_monitor(RunConfig(catalog=cfg.out / "catalog.toml", years=cfg.years, out=out, workers=2))
    cube = read_cube(out)
    # the frame exactly as the run built it (staged inputs are reused, not staged again)
    catalog = load_catalog(cfg.out / "catalog.toml")
    years = list(range(cfg.years[0], cfg.years[1] + 1))
    report = stage_catalog(catalog, years=years, sources=[s for s in FRAME_SOURCES if catalog.has(s)], workers=1)
    inputs = {name: list(staged.glob) for name, staged in report.sources.items() if staged.files}
    con = duckdb.connect()
    try:
        frame = build_frame(con, inputs, years, None, FrameConfig())
    finally:
        con.close()
    # indicator 25: the population keeps pupils and students (report §2.1)
    frame_students = frame[in_population(frame, keep=("student",))][["RINPERSOON", "year", "origin", "migration"]]
    frame = frame[frame["in_frame"].to_numpy(dtype=bool)][["RINPERSOON", "year", "origin"]]
    truth = pd.read_parquet(cfg.out / "truth" / "person_year.parquet")
    persons = pd.read_parquet(cfg.out / "truth" / "persons.parquet", columns=["RINPERSOON", "origin"])
    truth = truth.merge(persons.rename(columns={"origin": "origin_truth"}), on="RINPERSOON", how="left")
    joined = frame.merge(truth.assign(year=truth["year"].astype(int)), on=["RINPERSOON", "year"], how="left",
                         indicator=True)
    return {"cube": cube, "frame": frame, "joined": joined, "years": years,
            "seconds_monitor": time.perf_counter() - started, "frame_students": frame_students}
