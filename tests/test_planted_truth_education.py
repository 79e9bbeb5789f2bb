"""Planted truth of indicator 20 (follow-up education of exam candidates) by origin group,
scale 0.01, reporting years 2017-2018 (the shared ``planted`` run).

The truth (manifest ``education_truth``, ``synth/files/onderwijs.py follow_up_truth``) is
computed from the world's school routes, not from the files or the monitor's code: the
exam candidates of June T resident all year T (and not newcomers of at most 6 months), by
the type of school they are in on 1 October T and, in secondary school, whether its level
is above the exam's. The monitor reads the same candidates from EXAMVOTAB T-1 and their
status from ONDERWIJSINSCHRTAB T and OPLEIDINGSNRREF, within its own frame. So the figures
must agree up to the few persons the frame and the truth's population treat differently:
each published cell within its 95 % interval of the truth, and within 0.02 of it.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kansenmonitor.indicators.education import FOLLOW_UP

OTHERS = ("generation", "residence", "age", "sex", "education", "region", "asylum", "sector")


@pytest.fixture(scope="module")
def cells(planted, realism_register):
    cfg, _ = realism_register
    truth = json.loads((cfg.out / "manifest.json").read_text(encoding="utf-8"))["education_truth"]["A20"]
    cube = planted["cube"]
    sel = (cube["indicator"] == "A20") & ~cube["adjusted"] & (cube["statistic"] == "share")
    for col in OTHERS:
        sel &= cube[col] == "T"
    rows = []
    for r in cube[sel].itertuples(index=False):
        if r.origin != "T" and r.migration == "T":
            group = r.origin
        elif r.origin == "T" and r.migration != "T":
            group = f"mig_{r.migration}"
        else:
            continue
        share = truth["share"].get(str(r.year), {}).get(group)
        if share is None:
            continue
        rows.append({"year": r.year, "group": group, "variant": r.variant, "value": r.value, "ci_low": r.ci_low,
                     "ci_high": r.ci_high, "n": r.n, "suppressed": bool(r.suppressed), "truth": share[r.variant],
                     "n_truth": truth["candidates"][str(r.year)][group]})
    return pd.DataFrame(rows)


def test_follow_up_is_produced_for_every_year_and_category(cells):
    assert set(cells["year"]) == {2017, 2018}
    assert set(cells["variant"]) == set(FOLLOW_UP)
    assert {"NL", "TR", "MA", "mig_none", "mig_nonwestern"} <= set(cells["group"])


def test_same_candidates_as_the_truth(cells):
    known = cells[cells["n"].notna()]
    gap = (known["n"].astype(float) - known["n_truth"]).abs()
    assert (gap <= (0.02 * known["n_truth"]).clip(lower=2)).all(), known[gap > (0.02 * known["n_truth"]).clip(lower=2)]


def test_follow_up_by_origin_group_recovers_the_planted_truth(cells):
    pub = cells[~cells["suppressed"]]
    assert len(pub) >= 40, len(pub)
    covered = (pub["ci_low"] <= pub["truth"] + 1e-9) & (pub["truth"] - 1e-9 <= pub["ci_high"])
    print("\n" + pub.assign(covered=covered).sort_values(["year", "group", "variant"]).to_string())
    assert covered.all(), pub[~covered]
    assert (pub["value"] - pub["truth"]).abs().max() <= 0.02
