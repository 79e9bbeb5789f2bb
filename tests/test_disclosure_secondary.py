"""Secondary suppression: no withheld figure can be recovered by differencing."""

from __future__ import annotations

import numpy as np
import pandas as pd
from figures import decision, figures, one_way

from kansenmonitor.disclosure import DisclosureRules, Hierarchy, apply_output_control
from kansenmonitor.disclosure.secondary import secondary_suppression, unprotected

RULES = DisclosureRules()


def _gate(rows, rules=RULES, **kwargs):
    cube, ev = figures(rows, **kwargs)
    return apply_output_control(cube, ev, rules, magnitudes=set())[1]


def _hidden(audit: pd.DataFrame) -> dict[str, str]:
    rows = audit[audit["suppressed"]]
    return {"|".join(c for c in r[["migration", "origin", "sex"]] if c != "T") or "T": r["reason"]
            for _, r in rows.iterrows()}


def test_a_single_suppressed_cell_triggers_suppression_of_the_smallest_other_cell():
    audit = _gate(one_way("origin", {"TR": 5, "MA": 30, "SO": 20, "NL": 200}))
    assert _hidden(audit) == {"TR": "min_n", "SO": "secondary"}
    assert "table by origin" in audit.loc[audit["origin"] == "SO", "detail"].iloc[0]


def test_two_suppressed_cells_whose_union_is_safe_need_no_secondary_suppression():
    audit = _gate(one_way("origin", {"TR": 5, "MA": 6, "SO": 20, "NL": 200}))
    assert _hidden(audit) == {"TR": "min_n", "MA": "min_n"}


def test_two_suppressed_cells_whose_union_is_below_min_n_need_a_third():
    audit = _gate(one_way("origin", {"TR": 3, "MA": 4, "SO": 20, "NL": 200}))
    assert _hidden(audit) == {"TR": "min_n", "MA": "min_n", "SO": "secondary"}


def test_no_secondary_suppression_when_the_table_total_is_withheld_too():
    audit = _gate(one_way("origin", {"TR": 4, "MA": 5}))
    assert _hidden(audit) == {"TR": "min_n", "MA": "min_n", "T": "min_n"}


def test_a_crossed_table_is_protected_in_both_directions():
    rows = [{"origin": o, "sex": s, "n": n} for (o, s), n in {
        ("TR", "M"): 4, ("TR", "F"): 30, ("MA", "M"): 40, ("MA", "F"): 45,
        ("NL", "M"): 300, ("NL", "F"): 310}.items()]
    rows += [{"origin": o, "n": n} for o, n in {"TR": 34, "MA": 85, "NL": 610}.items()]
    rows += [{"sex": s, "n": n} for s, n in {"M": 344, "F": 385}.items()] + [{"n": 729}]
    audit = _gate(rows)
    hidden = _hidden(audit)
    assert hidden["TR|M"] == "min_n"
    assert "TR|F" in hidden  # along sex: TR total minus TR-F would give TR-M
    assert {"MA|M", "NL|M"} & set(hidden)  # along origin: the men's total would give TR-M
    assert unprotected(audit, RULES) == []


def test_a_withheld_total_is_not_left_recoverable_as_the_sum_of_its_cells():
    cube, ev = figures(one_way("sex", {"M": 40, "F": 45}))
    ev["magnitude"] = False
    ev["source_type"] = "register"
    ev["suppressed"] = (ev["sex"] == "T").to_numpy()
    ev["reason"] = np.where(ev["suppressed"], "secondary", "")
    assert any("recoverable by differencing" in p for p in unprotected(ev, RULES))
    fixed = secondary_suppression(ev, RULES)
    assert fixed["suppressed"].sum() == 2
    assert unprotected(fixed, RULES) == []


def test_origin_groups_are_protected_within_their_migration_background():
    rows = one_way("origin", {"TR": 5, "MA": 300, "DE": 20, "WO": 30, "NL": 1000})[:-1]
    rows += one_way("migration", {"nonwestern": 305, "western": 50, "none": 1000})
    without = _gate(rows, rules=DisclosureRules(hierarchies=()))
    # the smallest other origin group is western: TR = nonwestern − MA would be recoverable
    assert _hidden(without) == {"TR": "min_n", "DE": "secondary"}
    assert any("origin>migration" in p for p in unprotected(without, RULES))
    with_hierarchy = _gate(rows)
    assert unprotected(with_hierarchy, RULES) == []
    assert _hidden(with_hierarchy)["TR"] == "min_n"
    assert len(_hidden(with_hierarchy)) >= 2


def test_secondary_suppression_spreads_to_other_statistics_of_the_same_persons():
    mean_rows = one_way("origin", {"TR": 50, "MA": 30, "SO": 20, "NL": 200})
    mean_rows[0]["max_share"] = 0.9  # TR mean dominated by one person
    median_rows = [{**r, "statistic": "median", "max_share": 0.01} for r in mean_rows]
    cube, ev = figures(mean_rows + median_rows)
    audit = apply_output_control(cube, ev, RULES)[1]
    assert decision(audit, origin="TR", statistic="mean") == (True, "dominance")
    assert decision(audit, origin="SO", statistic="mean") == (True, "secondary")
    # SO's n is withheld for the mean, so it must not be published with the median either
    assert decision(audit, origin="SO", statistic="median") == (True, "secondary")
    assert unprotected(audit, RULES) == []


def _ebb_gate(cells: dict[str, int]) -> pd.DataFrame:
    rows = one_way("origin", cells)
    for r in rows:
        r["n_weighted"] = r["n"] * 300.0
    cube, ev = figures(rows)
    return apply_output_control(cube, ev, RULES, survey={("A08", "")}, magnitudes=set())[1]


def test_a_cell_withheld_for_ebb_reliability_needs_no_protection():
    assert _hidden(_ebb_gate({"TR": 40, "MA": 300, "NL": 2000})) == {"TR": "ebb_reliability"}


def test_a_cell_withheld_for_ebb_reliability_protects_a_disclosive_cell():
    hidden = _hidden(_ebb_gate({"TR": 40, "SO": 5, "MA": 300, "NL": 2000}))
    assert hidden == {"TR": "ebb_reliability", "SO": "min_n"}


def test_randstad_classes_form_their_own_table_beside_the_regions():
    rows = one_way("region", {"AM01": 5, "AM02": 300, "AM18": 400, "AM22": 500})[:-1]
    rows += one_way("region", {"randstad": 900, "non_randstad": 305})
    audit = _gate(rows)
    hidden = audit.loc[audit["suppressed"], "region"].tolist()
    # AM01 needs a partner among the regions; Randstad / not Randstad cannot serve as one
    assert sorted(hidden) == ["AM01", "AM02"]
    assert unprotected(audit, RULES) == []
    region_in_randstad = Hierarchy("region", "region", (("AM01", "non_randstad"), ("AM02", "non_randstad"),
                                                        ("AM18", "randstad"), ("AM22", "randstad")))
    nested = DisclosureRules(hierarchies=RULES.hierarchies + (region_in_randstad,))
    assert unprotected(audit, nested) == []
