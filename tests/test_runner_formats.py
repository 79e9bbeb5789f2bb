"""The same synthetic register delivered as SPSS .sav, CSV and Parquet gives the same cube."""

from __future__ import annotations

import pandas as pd
import pytest

from kansenmonitor.cube import read_cube
from kansenmonitor.runner import RunConfig, run_monitor
from kansenmonitor.synth.config import SynthConfig
from kansenmonitor.synth.generate import generate

YEARS = (2016, 2016)


@pytest.fixture(scope="module")
def cubes(tmp_path_factory):
    out = {}
    for fmt in ("sav", "csv", "parquet"):
        root = tmp_path_factory.mktemp(f"formats_{fmt}")
        generate(SynthConfig(out=root / "register", scale=0.001, years=YEARS, format=fmt, seed=11, workers=1))
        run_monitor(RunConfig(catalog=root / "register" / "catalog.toml", years=YEARS, out=root / "uitvoer",
                              workers=1))
        out[fmt] = read_cube(root / "uitvoer")
    return out


@pytest.mark.parametrize("fmt", ["sav", "csv"])
def test_cube_from_format_equals_cube_from_parquet(cubes, fmt):
    expected = cubes["parquet"].reset_index(drop=True)
    got = cubes[fmt].reset_index(drop=True)
    assert len(got) == len(expected) > 0
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-9, atol=1e-9)
