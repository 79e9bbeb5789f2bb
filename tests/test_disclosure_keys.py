"""The vectorised key-like test (used on every text column of the output) says exactly what
the one-value rule ``is_key_like`` says."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kansenmonitor.disclosure.keys import is_key_like, key_like_mask

EDGES = ["123456789", " +123456789 ", "-123456789", "1234567890", "12345678", "0.123456789", "123456789.0",
         ".123456789", "1.23456789e5", "abc123456789", "x 123456789 y", "id_123456789", "(123456789)",
         "123 456 789", "\x0b123456789", "\x1c123456789\x1f", " 123456789\n", "\u0663" * 9, "a\u0663" * 9 + "b",
         "", "  ", "nan", "3.0", "1e9"]


def test_vectorised_key_test_agrees_with_the_rule_on_its_edges():
    assert key_like_mask(EDGES) == [is_key_like(v) for v in EDGES]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789.-+eE aZ_\t\n\x0b\x1c\u0663", max_size=16), max_size=50))
def test_vectorised_key_test_agrees_with_the_rule_on_any_text(values):
    assert key_like_mask(values) == [is_key_like(v) for v in values]
