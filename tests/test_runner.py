"""``kansenmonitor run`` end to end on a small synthetic register: outputs, restart, run log."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from kansenmonitor.cli import main
from kansenmonitor.cube import read_cube
from kansenmonitor.disclosure.check import check_output_dir
from kansenmonitor.runner import RunConfig, run_monitor


@pytest.fixture(scope="module")
def monitor_run(tiny_register, tmp_path_factory):
    cfg, _ = tiny_register
    out = tmp_path_factory.mktemp("run") / "uitvoer"
    result = run_monitor(RunConfig(catalog=cfg.out / "catalog.toml", years=(2015, 2016), out=out, workers=2))
    return cfg, out, result


def test_run_writes_cube_parquet_and_csv_with_the_same_content(monitor_run):
    _, out, _ = monitor_run
    parquet = read_cube(out, "parquet")
    csv = read_cube(out, "csv")
    pd.testing.assert_frame_equal(parquet.reset_index(drop=True), csv.reset_index(drop=True), check_dtype=False)


def test_run_output_passes_the_check_command(monitor_run, capsys):
    _, out, _ = monitor_run
    assert check_output_dir(out) == []
    assert main(["check", str(out)]) == 0


def test_cube_holds_indicators_4_to_18_for_every_year(monitor_run):
    _, out, _ = monitor_run
    cube = read_cube(out)
    expected = {f"A{n:02d}" for n in range(4, 19)}
    assert expected - {"A06"} <= set(cube.loc[cube["year"] == 2015, "indicator"])
    assert expected <= set(cube.loc[cube["year"] == 2016, "indicator"])
    # contract hours (A06) exist only from 2016
    assert set(cube.loc[cube["indicator"] == "A06", "year"]) == {2016}


def test_contract_type_figures_carry_the_2017_trend_break_flag_only_from_2017(monitor_run):
    _, out, _ = monitor_run
    cube = read_cube(out)
    a04 = cube[cube["indicator"] == "A04"]
    assert not a04["flags"].str.contains("break_contract_2017").any()  # 2015-2016 only
    a06 = cube[cube["indicator"] == "A06"]
    assert a06["flags"].str.contains("contract_hours_from_2016").all()


def test_every_configured_breakdown_is_in_the_cube(monitor_run):
    _, out, _ = monitor_run
    cube = read_cube(out)
    a12 = cube[(cube["indicator"] == "A12") & (cube["year"] == 2016)]
    dims = ["migration", "generation", "origin", "residence", "age", "sex", "education", "region", "asylum"]
    broken_down = {tuple(d for d in dims if row[d] != "T") for _, row in a12[dims].iterrows()}
    for single in dims:
        assert (single,) in broken_down
    for other in ("generation", "age", "sex", "education", "residence"):
        assert tuple(d for d in dims if d in ("origin", other)) in broken_down


def test_run_log_accounts_for_staged_rows_and_frame_exclusions(monitor_run):
    _, out, result = monitor_run
    log = result.log
    for entry in log["staging"]:
        assert entry["rows_staged"] + sum(entry["excluded"].values()) == entry["rows_source"]
    reasons = {row["reason"] for row in log["frame_exclusions"]}
    assert "in_frame" in reasons and "not_resident_all_year" in reasons
    # every person of an indicator's population is in its figure or counted as outcome unknown
    populations = pd.DataFrame(log["indicator_populations"]).set_index(["indicator", "variant", "year"])
    cube = read_cube(out)
    dims = ["migration", "generation", "origin", "residence", "age", "sex", "education", "region", "asylum"]
    totals = cube[(cube[dims + ["sector"]] == "T").all(axis=1) & ~cube["suppressed"]]
    for row in totals.itertuples(index=False):
        logged = populations.loc[(row.indicator, row.variant, row.year)]
        assert row.n + logged["outcome_unknown"] == logged["population"]


def test_survey_indicators_1_to_3_are_shown_only_above_15000_weighted_and_10_interviews(monitor_run):
    _, out, result = monitor_run
    cube = read_cube(out)
    ebb = cube[cube["indicator"].isin(["A01", "A02", "A03"])]
    assert set(ebb["year"]) == {2015, 2016}
    published = ebb[~ebb["suppressed"]]
    assert len(published) > 0
    assert (published["n_weighted"] > 15000).all() and (published["n"] >= 10).all()
    unreliable = ebb[ebb["reason"] == "ebb_reliability"]
    assert len(unreliable) > 0  # kept in the cube, marked, with their reason
    assert unreliable["value"].isna().all()
    # the survey has no residence duration, region or asylum status: those stay totals
    assert (ebb[["residence", "region", "asylum"]] == "T").all().all()
    assert {"origin", "sex", "education"} <= {d for d in ("origin", "sex", "education") if (ebb[d] != "T").any()}
    # every interview read is accounted for
    for row in result.log["survey_interviews"]:
        assert row["read"] == row["age_outside_15_74"] + row["weight_missing"] + row["status_unknown"] + row["counted"]


def test_second_run_reuses_every_finished_bucket(monitor_run):
    cfg, out, first = monitor_run
    again = run_monitor(RunConfig(catalog=cfg.out / "catalog.toml", years=(2015, 2016), out=out, workers=1))
    assert again.buckets_computed == 0
    assert again.buckets_reused == first.buckets_computed + first.buckets_reused
    pd.testing.assert_frame_equal(read_cube(out), read_cube(out))


def test_changed_run_settings_redo_the_buckets(monitor_run, tmp_path):
    cfg, out, _ = monitor_run
    work = Path(str(out) + ".werk")
    manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
    copy = tmp_path / "werk"
    shutil.copytree(work, copy)
    result = run_monitor(RunConfig(catalog=cfg.out / "catalog.toml", years=(2016, 2016), out=tmp_path / "uit",
                                   work=copy, workers=1))
    assert result.buckets_reused == 0
    assert json.loads((copy / "manifest.json").read_text(encoding="utf-8"))["years"] != manifest["years"]


def test_run_command_with_a_missing_catalog_gives_one_line_and_no_traceback(tmp_path, capsys):
    code = main(["run", "--catalog", str(tmp_path / "nope.toml"), "--years", "2019", "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and "nope.toml" in err


def test_run_command_runs_within_a_lower_memory_limit_per_worker(tiny_register, tmp_path, capsys):
    cfg, _ = tiny_register
    out = tmp_path / "uit"
    assert main(["run", "--catalog", str(cfg.out / "catalog.toml"), "--years", "2015-2016", "--out", str(out),
                 "--workers", "1", "--memory-per-worker-mb", "512"]) == 0
    assert "cube:" in capsys.readouterr().out
    assert check_output_dir(out) == []
