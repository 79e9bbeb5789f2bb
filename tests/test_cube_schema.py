"""The cube schema (cube.md): validation and the Parquet/CSV files."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
import numpy as np
import pandas as pd
import pytest
from figures import figures

from kansenmonitor.cube import (
    CUBE_COLUMNS,
    empty_cube,
    normalise_cube,
    read_cube,
    validate_cube,
    write_cube,
)


def _cube() -> pd.DataFrame:
    cube, _ = figures([{"origin": "TR", "n": 40}, {"origin": "NL", "n": 60}, {"n": 100}])
    return cube


def test_empty_cube_is_valid_and_has_every_schema_column():
    cube = empty_cube()
    assert list(cube.columns) == list(CUBE_COLUMNS)
    assert validate_cube(cube) == []


def test_hand_made_cube_is_valid():
    assert validate_cube(_cube()) == []


@pytest.mark.parametrize("column, code", [("origin", "XX"), ("sex", "m"), ("region", "AM1"),
                                          ("statistic", "max"), ("indicator", "A41"),
                                          ("variant", "Paid"), ("flags", "break 2017")])
def test_unknown_code_is_reported(column, code):
    cube = _cube()
    cube.loc[0, column] = code
    problems = validate_cube(cube)
    assert any(p.startswith(f"column {column}: unknown code") for p in problems), problems


def test_value_must_be_null_exactly_when_suppressed():
    cube = _cube()
    cube.loc[0, "suppressed"] = True
    cube.loc[0, "reason"] = "min_n"
    assert any("value must be null exactly when suppressed" in p for p in validate_cube(cube))
    cube.loc[0, ["value", "se", "ci_low", "ci_high"]] = np.nan
    assert validate_cube(cube) == []
    cube.loc[1, "value"] = np.nan
    assert any("value must be null exactly when suppressed" in p for p in validate_cube(cube))


def test_suppressed_figure_needs_a_known_reason_and_published_figure_none():
    cube = _cube()
    cube.loc[0, ["suppressed", "reason"]] = [True, "too_small"]
    cube.loc[0, ["value", "se", "ci_low", "ci_high"]] = np.nan
    cube.loc[1, "reason"] = "min_n"
    problems = validate_cube(cube)
    assert any("without a known reason" in p for p in problems)
    assert any("published figure with a suppression reason" in p for p in problems)


def test_value_outside_its_interval_is_reported():
    cube = _cube()
    cube.loc[0, "ci_low"] = cube.loc[0, "value"] + 0.5
    cube.loc[0, "ci_high"] = cube.loc[0, "value"] + 1.0
    assert any("outside its interval" in p for p in validate_cube(cube))


def test_share_outside_unit_interval_is_reported():
    cube, _ = figures([{"n": 100, "n_y": 40}], statistic="share", indicator="A04")
    assert validate_cube(cube) == []
    cube.loc[0, ["value", "ci_low", "ci_high"]] = [40.0, 39.0, 41.0]  # per cent, not a share
    assert any("share or its interval outside [0, 1]" in p for p in validate_cube(cube))


def test_negative_counts_and_se_are_reported():
    cube = _cube()
    cube.loc[0, "n"] = -1
    cube.loc[1, "se"] = -0.1
    problems = validate_cube(cube)
    assert any("negative n" in p for p in problems)
    assert any("negative standard error" in p for p in problems)


def test_duplicate_key_is_reported():
    cube = _cube()
    cube = pd.concat([cube, cube.iloc[[0]]], ignore_index=True)
    assert any("duplicate key" in p for p in validate_cube(cube))


def test_column_outside_the_schema_is_reported():
    cube = _cube()
    cube["max_share"] = 0.1
    assert any("columns not in the cube schema: max_share" in p for p in validate_cube(cube))


def test_adjusted_figure_must_name_its_method():
    cube = _cube()
    cube.loc[0, "adjusted"] = True
    assert any("adjusted figure without a method" in p for p in validate_cube(cube))
    cube.loc[0, "method"] = "ps_weight"
    assert validate_cube(cube) == []


def test_write_cube_refuses_an_invalid_cube(tmp_path):
    cube = _cube()
    cube.loc[0, "origin"] = "XX"
    with pytest.raises(ValueError, match="unknown code"):
        write_cube(cube, tmp_path)
    assert not (tmp_path / "cube.parquet").exists()


def test_parquet_and_csv_read_back_identical_to_each_other_and_to_the_input(tmp_path):
    cube = _cube()
    cube.loc[0, ["value", "se", "ci_low", "ci_high"]] = [1e-7, 1 / 3, 1e-7 - 1e-9, 0.5]
    cube.loc[1, ["suppressed", "reason", "value", "se", "ci_low", "ci_high", "n", "n_weighted"]] = \
        [True, "min_n", np.nan, np.nan, np.nan, np.nan, pd.NA, np.nan]
    cube.loc[2, "flags"] = "break_contract_2017;censored"
    write_cube(cube, tmp_path)
    from_parquet = read_cube(tmp_path)
    from_csv = read_cube(tmp_path, fmt="csv")
    pd.testing.assert_frame_equal(from_parquet, from_csv, check_exact=True)
    pd.testing.assert_frame_equal(from_parquet, normalise_cube(cube), check_exact=True)
    assert from_parquet["n"].isna().sum() == 1


def test_csv_uses_a_decimal_point_plain_notation_and_true_false(tmp_path):
    cube = _cube()
    cube.loc[0, ["value", "ci_low", "ci_high"]] = [0.00001, 0.0, 1.5]
    write_cube(cube, tmp_path)
    text = (tmp_path / "cube.csv").read_text(encoding="utf-8")
    header, *lines = text.splitlines()
    assert header.split(",") == list(CUBE_COLUMNS)
    assert any(",0.00001," in line for line in lines)
    assert "e-05" not in text
    assert ",false," in text and ",True," not in text
    assert text.endswith("\n") and "\r" not in text


@given(st.lists(st.floats(allow_nan=True, allow_infinity=False), max_size=50))
def test_vectorised_float_texts_equal_the_one_value_format(values):
    """The CSV writer formats a float column at once with Arrow; every text must be the one
    _format_float gives (shortest round trip, positional, never integer-looking)."""
    from kansenmonitor.cube import _float_texts, _format_float

    assert list(_float_texts(np.array(values, dtype="float64"))) == [_format_float(v) for v in values]
