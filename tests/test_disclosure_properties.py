"""Properties of the output gate on random cell tables (hypothesis).

* no published figure rests on fewer than the minimum persons (nor, for a share, on
  fewer than the minimum with and without the outcome) or breaks the dominance rule, and
  no withheld figure can be recovered by differencing;
* ``check`` passes on an untampered output and catches a random tampering.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tamper import TAMPERINGS, rehash

from kansenmonitor.cube import DIMENSIONS
from kansenmonitor.disclosure import (
    DisclosureRules,
    apply_output_control,
    check_output_dir,
    write_publication,
)
from kansenmonitor.disclosure.check import check_frames
from kansenmonitor.disclosure.rules import ORIGIN_TO_MIGRATION
from kansenmonitor.disclosure.secondary import unprotected
from kansenmonitor.indicators.cells import person_cells_sql, rollup, split_rollup

RULES = DisclosureRules()
ORIGINS = ["NL", "TR", "MA", "SO", "ER", "DE", "PL"]
GROUPING_SETS = [("migration",), ("origin",), ("sex",), ("age",), ("origin", "sex"), ("origin", "age")]
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
FILE_SETTINGS = settings(SETTINGS, max_examples=12)  # writes and checks files: ~0.5 s an example


@st.composite
def cell_tables(draw) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """A random indicator: persons in origin × sex × age cells of 0 to 60 persons, rolled up."""
    kind = draw(st.sampled_from(["share", "mean"]))
    origins = draw(st.lists(st.sampled_from(ORIGINS), min_size=2, max_size=5, unique=True))
    cells = [(o, s, a) for o in origins for s in ("M", "F") for a in ("youth", "adult")]
    # small cells, cells at the threshold and ordinary ones
    size = st.one_of(st.integers(0, 12), st.integers(9, 11), st.integers(0, 60))
    sizes = draw(st.lists(size, min_size=len(cells), max_size=len(cells)))
    sizes[draw(st.integers(0, len(cells) - 1))] = draw(st.sampled_from([9, 10, 11]))
    seed = draw(st.integers(0, 2 ** 32 - 1))
    dominant = draw(st.floats(0.0, 0.3))
    rng = np.random.default_rng(seed)
    rows = [(o, s, a) for (o, s, a), k in zip(cells, sizes) for _ in range(k)]
    if not rows:
        rows = [("NL", "M", "adult")]
    persons = pd.DataFrame(rows, columns=["origin", "sex", "age"])
    persons["migration"] = persons["origin"].map(ORIGIN_TO_MIGRATION)
    persons[["indicator", "variant", "year"]] = ["A04" if kind == "share" else "A09", "", 2022]
    if kind == "share":
        persons["y"] = (rng.random(len(persons)) < rng.uniform(0.05, 0.95)).astype(float)
    else:
        y = rng.lognormal(10.0, 0.7, len(persons))
        big = rng.random(len(persons)) < dominant  # a few persons with a huge income
        persons["y"] = np.where(big, y * 200.0, y)
    con = duckdb.connect()
    con.register("persons", persons)
    cell_table = con.sql(person_cells_sql("persons", y="y", kind=kind,
                                          by=["migration", "origin", "sex", "age"])).df()
    cube, evidence = split_rollup(rollup(con, cell_table, GROUPING_SETS))
    return kind, cube, evidence


def recoverable(audit: pd.DataFrame) -> list[str]:
    """Independent oracle: tables along one dimension, or origin groups within a migration
    background, in which a figure withheld for disclosure is the only hidden member, or
    whose hidden cells add up to fewer than the minimum persons (or, for shares, fewer
    than the minimum with or without the outcome) beside a published total."""
    family = ["indicator", "variant", "year", "statistic", "adjusted", "method"]
    a = audit.assign(hidden=audit["suppressed"] & (audit["reason"] != "no_data"),
                     protect=audit["reason"].isin(["min_n", "dominance", "secondary"]))
    tables = []
    for d in DIMENSIONS:
        cells = a[a[d] != "T"].assign(**{d: "T"})
        tables.append(cells)
    nested = a[a["origin"].isin(ORIGIN_TO_MIGRATION) & (a["migration"] == "T")]
    tables.append(nested.assign(migration=nested["origin"].map(ORIGIN_TO_MIGRATION), origin="T"))
    found = []
    keys = family + list(DIMENSIONS)
    row_of = {k: i for i, k in enumerate(a[keys].itertuples(index=False, name=None))}
    for cells in tables:
        for key, group in cells.groupby(keys):
            if key not in row_of:
                continue
            t = a.iloc[row_of[key]]
            hidden = group[group["hidden"]]
            if len(hidden) + int(t["hidden"]) == 1 and (group["protect"].any() or t["protect"]):
                found.append(f"single hidden member in {key}")
            elif not t["hidden"] and len(hidden) and hidden["protect"].any():
                n, n_y = hidden["n"].sum(), hidden["n_y"].sum()
                if n < RULES.min_n or (t["statistic"] == "share"
                                       and min(n_y, n - n_y) < RULES.min_n):
                    found.append(f"hidden cells of {n} persons in {key}")
    return found


@SETTINGS
@given(cell_tables())
def test_no_published_figure_breaks_a_primary_rule_or_can_be_recovered(table):
    kind, cube, evidence = table
    published, audit = apply_output_control(cube, evidence, RULES)
    shown = audit[~audit["suppressed"]]
    assert (shown["n"] >= RULES.min_n).all()
    if kind == "share":
        assert (shown["n_y"] >= RULES.min_n).all()
        assert (shown["n"] - shown["n_y"] >= RULES.min_n).all()
    else:
        assert (shown["max_share"] <= RULES.dominance_k).all()
    assert recoverable(audit) == []
    assert unprotected(audit, RULES) == []
    assert check_frames(published, audit, RULES) == []
    assert len(published) == len(cube)  # withheld figures stay in the cube


@FILE_SETTINGS
@given(cell_tables(), st.sampled_from(sorted(TAMPERINGS)), st.integers(0, 10 ** 6), st.booleans())
def test_check_passes_untampered_output_and_catches_a_tampered_one(table, tampering, row, forge_hashes):
    _, cube, evidence = table
    published, audit = apply_output_control(cube, evidence, RULES)
    if tampering == "unsuppress" and not published["suppressed"].any():
        tampering = "add_key_like_value"
    if tampering == "change_value":
        forge_hashes = False  # a changed value is caught by its hash only
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        write_publication(out, published, audit, RULES)
        assert check_output_dir(out) == []
        TAMPERINGS[tampering](out, row)
        if forge_hashes:
            rehash(out)
        assert check_output_dir(out), f"{tampering} (hashes forged: {forge_hashes}) not caught"
