"""Primary rules: every published figure passes them on its own evidence."""

from __future__ import annotations

import pytest
from figures import decision, figures

from kansenmonitor.disclosure import DisclosureRules, apply_output_control


def _gate(rows, **kwargs):
    cube, ev = figures(rows, **{k: v for k, v in kwargs.items() if k in ("statistic", "indicator")})
    rules = kwargs.get("rules", DisclosureRules())
    return apply_output_control(cube, ev, rules, magnitudes=kwargs.get("magnitudes"),
                                survey=kwargs.get("survey"))[1]


def test_min_n_suppresses_a_figure_of_nine_persons():
    assert decision(_gate([{"n": 9}])) == (True, "min_n")


def test_min_n_publishes_a_figure_of_ten_persons():
    assert decision(_gate([{"n": 10}])) == (False, "")


@pytest.mark.parametrize("n_y, failed", [(9, "min_n_numerator"), (91, "min_n_complement")])
def test_share_needs_ten_persons_with_and_ten_without_the_outcome(n_y, failed):
    audit = _gate([{"n": 100, "n_y": n_y}], statistic="share", indicator="A04")
    assert decision(audit) == (True, "min_n")
    assert audit["rules_failed"].iloc[0] == failed


def test_share_with_ten_in_numerator_and_complement_is_published():
    assert decision(_gate([{"n": 20, "n_y": 10}], statistic="share", indicator="A04")) == (False, "")


def test_share_parts_rule_can_be_switched_off():
    rules = DisclosureRules(share_parts_min_n=False)
    audit = _gate([{"n": 100, "n_y": 100}], statistic="share", indicator="A04", rules=rules)
    assert decision(audit) == (False, "")


def test_dominance_publishes_a_largest_contribution_of_half_the_total():
    assert decision(_gate([{"n": 50, "max_share": 0.50}])) == (False, "")


def test_dominance_suppresses_a_largest_contribution_of_51_percent():
    assert decision(_gate([{"n": 50, "max_share": 0.51}])) == (True, "dominance")


def test_dominance_applies_only_to_magnitude_indicators():
    rows = [{"n": 50, "max_share": 0.9}]
    assert decision(_gate(rows, magnitudes={("A09", "")})) == (False, "")
    assert decision(_gate(rows, magnitudes={("A08", "")})) == (True, "dominance")
    # without the registry's list every mean counts as a magnitude
    assert decision(_gate(rows)) == (True, "dominance")


def test_dominance_does_not_apply_to_shares():
    audit = _gate([{"n": 50, "n_y": 25, "max_share": 0.9}], statistic="share", indicator="A04")
    assert decision(audit) == (False, "")


@pytest.mark.parametrize("n_weighted, n, expected", [
    (15000.0, 40, (True, "ebb_reliability")),
    (15000.5, 40, (False, "")),
    (15000.5, 9, (True, "min_n")),
])
def test_ebb_figures_need_more_than_15000_weighted_and_ten_unweighted(n_weighted, n, expected):
    audit = _gate([{"n": n, "n_weighted": n_weighted}], survey={("A08", "")}, magnitudes=set())
    assert decision(audit) == expected


def test_ebb_rule_applies_only_to_survey_figures():
    audit = _gate([{"n": 40, "n_weighted": 40.0}], magnitudes=set())
    assert decision(audit) == (False, "")


def test_a_figure_failing_several_rules_lists_them_all_and_takes_min_n_as_reason():
    audit = _gate([{"n": 5, "n_weighted": 900.0, "max_share": 0.8}], survey={("A08", "")})
    assert decision(audit) == (True, "min_n")
    assert audit["rules_failed"].iloc[0] == "min_n;dominance;ebb_reliability"


def test_min_n_is_configurable():
    audit = _gate([{"n": 12}], rules=DisclosureRules(min_n=15))
    assert decision(audit) == (True, "min_n")
