"""Generated sentences claim a difference or change only when the 95 % interval allows it."""

from __future__ import annotations

import pytest

from kansenmonitor.publish.text import (
    Claim,
    Figure,
    change_statement,
    claim_is_backed,
    difference,
    gap_statement,
)

NW, NL = "personen met een niet-westerse migratieachtergrond", "personen zonder migratieachtergrond"


def _gap(a: Figure, b: Figure, statistic: str = "share", unit: str = "aandeel"):
    return gap_statement("Percentage met vast contract", 2022, a, b, NW, NL, statistic, unit)


def test_a_clear_gap_is_stated_with_its_size_and_interval():
    s = _gap(Figure(0.655, 0.010), Figure(0.797, 0.004))
    assert s.claim.kind == "lower"
    assert "65,5% bij personen met een niet-westerse" in s.text
    assert "14,2 procentpunt lager" in s.text
    assert "95%-interval -16,3 tot -12,1 procentpunt" in s.text
    assert claim_is_backed(s.claim)


def test_a_gap_whose_interval_contains_zero_is_called_not_significant():
    # difference 0.03, se sqrt(0.012^2 + 0.012^2) = 0.0170: interval -0.003 to 0.063
    s = _gap(Figure(0.53, 0.012), Figure(0.50, 0.012))
    assert s.claim.kind == "no_difference"
    assert "niet significant" in s.text and "hoger" not in s.text and "lager" not in s.text
    assert s.claim.low < 0 < s.claim.high


def test_overlapping_intervals_can_still_differ_significantly():
    # 95% intervals 0.5416-0.6184 and 0.4916-0.5684 overlap; the difference 0.05 has se 0.0277
    # (interval -0.004 to 0.104): not significant; with se 0.015 each it is (0.008 to 0.092)
    assert _gap(Figure(0.58, 0.0196), Figure(0.53, 0.0196)).claim.kind == "no_difference"
    assert _gap(Figure(0.58, 0.015), Figure(0.53, 0.015)).claim.kind == "higher"


def test_nothing_is_said_about_a_withheld_figure():
    assert _gap(Figure(None, None), Figure(0.797, 0.004)) is None
    assert difference(Figure(0.5, None), Figure(0.4, 0.01)) is None


def test_amounts_are_stated_in_their_unit_with_dutch_decimals():
    s = gap_statement("Uurloon", 2022, Figure(15.2, 0.1), Figure(17.85, 0.1), NW, NL, "mean", "euro per uur")
    assert "15,20 euro per uur bij" in s.text and "2,65 euro per uur lager" in s.text


@pytest.mark.parametrize("first,last,kind", [
    # gap -0.20 -> -0.10 (change +0.10, se ~0.021): narrowed
    (((0.55, 0.01), (0.75, 0.01)), ((0.65, 0.01), (0.75, 0.01)), "narrowed"),
    # gap -0.10 -> -0.20: widened
    (((0.65, 0.01), (0.75, 0.01)), ((0.55, 0.01), (0.75, 0.01)), "widened"),
    # gap -0.10 -> -0.09 (change 0.01, se 0.028): unchanged
    (((0.65, 0.01), (0.75, 0.01)), ((0.66, 0.01), (0.75, 0.01)), "unchanged"),
    # gap -0.10 -> +0.10: reversed
    (((0.65, 0.01), (0.75, 0.01)), ((0.85, 0.01), (0.75, 0.01)), "reversed"),
    # gap 0.00 (not significant) -> +0.10: the difference rose, nothing "widened"
    (((0.75, 0.01), (0.75, 0.01)), ((0.85, 0.01), (0.75, 0.01)), "rose"),
])
def test_a_change_of_the_gap_is_named_only_when_its_interval_allows(first, last, kind):
    f = tuple(Figure(v, se) for v, se in first)
    g = tuple(Figure(v, se) for v, se in last)
    s = change_statement(2019, 2022, f, g, "share", "aandeel")
    assert s.claim.kind == kind
    assert claim_is_backed(s.claim)
    if kind == "unchanged":
        assert "niet significant veranderd" in s.text


def test_claims_disagreeing_with_their_interval_are_caught():
    assert not claim_is_backed(Claim("higher", 0.02, -0.01, 0.05))
    assert not claim_is_backed(Claim("no_difference", 0.05, 0.01, 0.09))
    assert not claim_is_backed(Claim("narrowed", 0.02, -0.01, 0.05))
    assert claim_is_backed(Claim("lower", -0.05, -0.09, -0.01))
