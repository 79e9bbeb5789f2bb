"""No page, data file or download of the built site contains a figure the gate withheld."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from publish_fixture import fixture_site  # noqa: F401  (fixture)
from publish_scan import site_files, texts

from kansenmonitor.cube import KEY_COLUMNS, read_cube


_TEXT_FILES = (".html", ".txt", ".pdf", ".md")


def _forms(x: float) -> set[str]:
    """How a number can appear: raw or rounded for the browser (with a decimal point), or in
    Dutch text as per cent or amount (decimal comma; marked ``nl:``)."""
    out = {repr(x), f"{x:.6g}", f"{x:.5g}"}
    out |= {"nl:" + f"{100 * x:.1f}".replace(".", ",") + "%", "nl:" + f"{x:.2f}".replace(".", ",")}
    return {s for s in out if len(s.removeprefix("nl:").lstrip("-0.,").replace(",", "").replace(".", "")
                                  .rstrip("%")) >= 3}


def _pattern(form: str) -> re.Pattern[str]:
    body = re.escape(form.removeprefix("nl:"))
    return re.compile(rf"(?<![\d.,]){body}(?![\d])")


def _withheld_and_published(run_dir, pre_gate):
    published = read_cube(run_dir)
    merged = published[list(KEY_COLUMNS) + ["suppressed"]].merge(pre_gate, on=list(KEY_COLUMNS),
                                                                  suffixes=("", "_pre"))
    numbers = ["value", "se", "ci_low", "ci_high"]
    withheld = merged[merged["suppressed"]][numbers].to_numpy(dtype=float).ravel()
    shown = published[~published["suppressed"]][numbers].to_numpy(dtype=float).ravel()
    return withheld[np.isfinite(withheld)], shown[np.isfinite(shown)]


def test_no_withheld_value_appears_in_any_file_of_the_site(fixture_site):
    run_dir, site, pre_gate = fixture_site
    withheld, shown = _withheld_and_published(run_dir, pre_gate)
    assert len(withheld) > 40
    allowed = set().union(*(_forms(float(x)) for x in shown))
    needles = set().union(*(_forms(float(x)) for x in withheld)) - allowed
    patterns = {form: _pattern(form) for form in needles}
    hits = []
    for path in site_files(site):
        for name, text in texts(path):
            dutch = name.endswith(_TEXT_FILES)
            hits += [(name, form) for form, pattern in patterns.items()
                     if (form.startswith("nl:") == dutch or not form.startswith("nl:")) and pattern.search(text)]
    assert not hits, hits[:10]


def test_no_withheld_value_in_any_parquet_of_the_site(fixture_site):
    run_dir, site, pre_gate = fixture_site
    withheld, _ = _withheld_and_published(run_dir, pre_gate)
    withheld = withheld[withheld != np.round(withheld)]  # 0 and 1 (clipped intervals) say nothing
    parquets = [p for p in site_files(site) if p.suffix == ".parquet"]
    for path in parquets:
        frame = pd.read_parquet(path)
        for column in frame.select_dtypes("number").columns:
            values = frame[column].dropna().to_numpy(dtype=float)
            close = np.isclose(values[:, None], withheld[None, :], rtol=1e-9, atol=0).any()
            assert not close, f"{path.name}:{column} holds a withheld value"
    assert all(math.isfinite(x) for x in withheld)
