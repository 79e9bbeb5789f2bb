"""Every sentence of the built publication is backed by the cube's intervals."""

from __future__ import annotations

import json
import math

from publish_fixture import fixture_site  # noqa: F401  (fixture)

from kansenmonitor.cube import read_cube
from kansenmonitor.publish.figures import by_migration, figure
from kansenmonitor.publish.text import Z95, claim_is_backed


def _difference(rows, a, b):
    fa = figure(rows, **a)
    fb = figure(rows, **b)
    assert fa is not None and fb is not None and fa.usable and fb.usable, (a, b)
    return fa.value - fb.value, math.hypot(fa.se, fb.se)


def test_every_statement_agrees_with_the_intervals_of_the_cube(fixture_site):
    run_dir, site, _ = fixture_site
    statements = json.loads((site / "data" / "statements.json").read_text(encoding="utf-8"))
    kinds = {s["kind"] for s in statements}
    assert {"lower"} <= kinds and len(statements) >= 4
    rows = by_migration(read_cube(run_dir))
    for s in statements:
        figures = s["figures"]
        if len(figures) == 2:
            estimate, se = _difference(rows, *figures)
        else:
            d0, s0 = _difference(rows, figures[0], figures[1])
            d1, s1 = _difference(rows, figures[2], figures[3])
            estimate, se = d1 - d0, math.hypot(s0, s1)
        assert math.isclose(estimate, s["estimate"], rel_tol=1e-9, abs_tol=1e-12)
        low, high = estimate - Z95 * se, estimate + Z95 * se
        assert math.isclose(low, s["low"], abs_tol=1e-9) and math.isclose(high, s["high"], abs_tol=1e-9)
        assert claim_is_backed(type("C", (), {"kind": s["kind"], "low": low, "high": high})()), s["text"]


def test_the_adjusted_gap_is_stated_where_the_cube_has_adjusted_rows(fixture_site):
    _, site, _ = fixture_site
    statements = json.loads((site / "data" / "statements.json").read_text(encoding="utf-8"))
    adjusted = [s for s in statements if all(f["adjusted"] for f in s["figures"])]
    assert adjusted and all("Na correctie" in s["text"] for s in adjusted)
    page = (site / "publicatie" / "arbeidsmarktpositie.html").read_text(encoding="utf-8")
    assert all(s["text"].split(":")[0] in page for s in statements if s["chapter"] == "arbeidsmarktpositie")
