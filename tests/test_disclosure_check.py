"""`kansenmonitor check DIR`: re-verify a written output and fail on any violation."""

from __future__ import annotations

import json

import pytest
from figures import figures
from tamper import TAMPERINGS, rehash, write_cube_files

from kansenmonitor.cube import read_cube
from kansenmonitor.disclosure import (
    DisclosureRules,
    apply_output_control,
    check_main,
    check_output_dir,
    write_publication,
)


@pytest.fixture
def output(tmp_path):
    rows = [{"origin": o, "sex": s, "n": n} for (o, s), n in {
        ("TR", "M"): 4, ("TR", "F"): 30, ("MA", "M"): 40, ("MA", "F"): 45,
        ("NL", "M"): 300, ("NL", "F"): 310}.items()]
    rows += [{"origin": o, "n": n} for o, n in {"TR": 34, "MA": 85, "NL": 610}.items()]
    rows += [{"sex": s, "n": n} for s, n in {"M": 344, "F": 385}.items()] + [{"n": 729}]
    cube, ev = figures(rows)
    published, audit = apply_output_control(cube, ev, DisclosureRules(), magnitudes=set())
    write_publication(tmp_path / "out", published, audit)
    return tmp_path / "out"


def test_check_passes_on_an_untampered_output(output, capsys):
    assert check_output_dir(output) == []
    assert check_main(output) == 0
    assert "check passed" in capsys.readouterr().out


def test_check_catches_a_changed_value_by_its_hash(output):
    TAMPERINGS["change_value"](output, 0)
    problems = check_output_dir(output)
    assert "cube.parquet: changed after the gate (sha256 differs from gate.json)" in problems
    assert "cube.csv and cube.parquet differ" in problems


@pytest.mark.parametrize("name", ["unsuppress", "add_key_column", "add_key_like_value"])
def test_check_catches_unsafe_content_even_when_the_hashes_were_updated(output, name):
    TAMPERINGS[name](output, 0)
    rehash(output)
    problems = check_output_dir(output)
    assert problems
    assert not any("sha256" in p for p in problems)


def test_check_reports_the_rule_an_unsuppressed_cell_breaks(output):
    cube = read_cube(output)
    i = cube.index[(cube["origin"] == "TR") & (cube["sex"] == "M")][0]
    cube.loc[i, ["suppressed", "reason", "value", "n", "n_weighted"]] = [False, "", 10.0, 4, 4.0]
    write_cube_files(output, cube)
    rehash(output)
    problems = check_output_dir(output)
    expected = "published figure breaks rule min_n: [A08 2022 origin=TR sex=M"
    assert any(p.startswith(expected) for p in problems)


def test_check_catches_a_file_that_did_not_pass_the_gate(output):
    (output / "extra.csv").write_text("origin,value\nTR,0.5\n")
    assert "extra.csv: not covered by gate.json (did not pass the gate)" in check_output_dir(output)


def test_check_catches_weakened_rules_in_gate_json(output):
    gate = json.loads((output / "gate.json").read_text())
    gate["rules"]["min_n"] = 3
    (output / "gate.json").write_text(json.dumps(gate))
    assert any("rules weaker than the CBS RA defaults: min_n 3 < 10" in p for p in check_output_dir(output))


def test_check_catches_a_missing_gate_record(output):
    (output / "gate.json").unlink()
    assert check_output_dir(output) == ["gate.json missing: the output did not pass the gate"]


def test_check_main_prints_one_line_per_violation_and_fails(output, capsys):
    TAMPERINGS["add_key_column"](output, 0)
    code = check_main(output)
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 1
    assert out == check_output_dir(output)
    assert "cube.parquet: column RINPERSOON is named after a linking key" in out
