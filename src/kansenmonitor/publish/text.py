"""Generated sentences that state figures, and claim a difference only when the intervals allow it.

A difference between two groups (or a change of that difference between two years) is
*stated* only when its 95 % interval excludes zero: the difference's standard error is
``sqrt(se_a² + se_b²)`` (a z-test on the difference). The groups compared are disjoint, so
their estimates are independent. Across years the same persons recur, which correlates the
two years' gaps positively and makes the true variance of their change *smaller*; treating
them as independent is therefore conservative: a change called significant here is
significant. Otherwise the sentence says the difference is not significant.

Every sentence comes with its :class:`Claim` (what it asserts, the estimate and interval)
so that tests and the site's ``statements.json`` can check each claim against the cube.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Literal

from kansenmonitor.publish.labels import format_difference, format_value

Z95 = 1.959963984540054

ClaimKind = Literal["higher", "lower", "no_difference", "widened", "narrowed", "reversed", "rose", "fell",
                    "unchanged", "level"]

#: Claims that assert a difference; they need an interval that excludes zero.
DIRECTIONAL: frozenset[str] = frozenset({"higher", "lower", "widened", "narrowed", "reversed", "rose", "fell"})


@dataclass(frozen=True)
class Figure:
    """One published (or withheld) figure of the cube."""

    value: float | None
    se: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    n: int | None = None
    key: dict = field(default_factory=dict, compare=False)

    @property
    def usable(self) -> bool:
        """Published with a standard error (a withheld figure has neither)."""
        return _finite(self.value) and _finite(self.se)


@dataclass(frozen=True)
class Difference:
    """``a - b`` with its standard error and 95 % interval."""

    estimate: float
    se: float

    @property
    def low(self) -> float:
        return self.estimate - Z95 * self.se

    @property
    def high(self) -> float:
        return self.estimate + Z95 * self.se

    @property
    def significant(self) -> bool:
        """The 95 % interval excludes zero."""
        return self.low > 0 or self.high < 0

    @property
    def direction(self) -> int:
        """+1 or -1 when significant, 0 otherwise."""
        if not self.significant:
            return 0
        return 1 if self.estimate > 0 else -1


@dataclass(frozen=True)
class Claim:
    """What a sentence asserts: kind, estimate and 95 % interval, and the figures used."""

    kind: ClaimKind
    estimate: float | None = None
    low: float | None = None
    high: float | None = None
    figures: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Statement:
    text: str
    claim: Claim

    def to_json(self) -> dict:
        return {"text": self.text, **asdict(self.claim)}


def _finite(x: object) -> bool:
    return x is not None and isinstance(x, (int, float)) and math.isfinite(float(x))


def difference(a: Figure, b: Figure) -> Difference | None:
    """``a - b`` of two independent figures; None when either is withheld or lacks an se."""
    if not (a.usable and b.usable):
        return None
    return Difference(float(a.value) - float(b.value), math.hypot(float(a.se), float(b.se)))


def change_of_difference(first: Difference, last: Difference) -> Difference:
    """``last - first`` of two gaps (conservative: years treated as independent)."""
    return Difference(last.estimate - first.estimate, math.hypot(first.se, last.se))


def claim_is_backed(claim: Claim) -> bool:
    """True when the claim's kind agrees with its interval: a directional claim needs an
    interval that excludes zero on its side; "no difference"/"unchanged" one that includes it."""
    if claim.kind == "level":
        return True
    if claim.low is None or claim.high is None:
        return False
    excludes = claim.low > 0 or claim.high < 0
    if claim.kind in ("higher", "rose"):
        return claim.low > 0
    if claim.kind in ("lower", "fell"):
        return claim.high < 0
    if claim.kind in ("widened", "narrowed", "reversed"):
        return excludes
    return not excludes  # no_difference, unchanged


def _interval(d: Difference, statistic: str, unit: str) -> str:
    low = format_difference(d.low, statistic, unit, sign=True)
    high = format_difference(d.high, statistic, unit, sign=True)
    suffix = high[len(high.split(" ")[0]):]  # the unit, once
    return f"95%-interval {low.split(' ')[0]} tot {high.split(' ')[0]}{suffix}"


def level_text(value: float, statistic: str, unit: str) -> str:
    text = format_value(value, statistic, unit)
    return text if statistic == "share" or not unit or unit == "aandeel" else f"{text} {unit}"


def gap_statement(name: str, year: int, basis: Figure, reference: Figure, basis_phrase: str,
                  reference_phrase: str, statistic: str, unit: str) -> Statement | None:
    """The two groups' figures of one year and their difference, claimed only when significant.

    None when either figure is withheld (then nothing can be said about the difference)."""
    d = difference(basis, reference)
    if d is None:
        return None
    figures = (basis.key, reference.key)
    head = (f"{name} in {year}: {level_text(basis.value, statistic, unit)} bij {basis_phrase}, "
            f"{level_text(reference.value, statistic, unit)} bij {reference_phrase}.")
    amount = format_difference(abs(d.estimate), statistic, unit, sign=False)
    if d.direction > 0:
        tail = f" Dat is {amount} hoger ({_interval(d, statistic, unit)})."
        kind: ClaimKind = "higher"
    elif d.direction < 0:
        tail = f" Dat is {amount} lager ({_interval(d, statistic, unit)})."
        kind = "lower"
    else:
        tail = (f" Het verschil ({format_difference(d.estimate, statistic, unit)}) is niet significant "
                f"({_interval(d, statistic, unit)}).")
        kind = "no_difference"
    return Statement(head + tail, Claim(kind, d.estimate, d.low, d.high, figures))


def change_statement(first_year: int, last_year: int, first: tuple[Figure, Figure], last: tuple[Figure, Figure],
                     statistic: str, unit: str) -> Statement | None:
    """How the difference (basis - reference) changed between two years; "narrowed" or
    "widened" only when the change's interval excludes zero and the first gap was itself
    significant (otherwise only that the difference rose or fell)."""
    d0, d1 = difference(*first), difference(*last)
    if d0 is None or d1 is None:
        return None
    c = change_of_difference(d0, d1)
    figures = (first[0].key, first[1].key, last[0].key, last[1].key)
    amount = format_difference(abs(c.estimate), statistic, unit, sign=False)
    when = f"Tussen {first_year} en {last_year}"
    if c.direction == 0:
        text = (f"{when} is het verschil niet significant veranderd (verandering "
                f"{format_difference(c.estimate, statistic, unit)}, {_interval(c, statistic, unit)}).")
        kind: ClaimKind = "unchanged"
    elif d0.direction != 0 and c.direction == -d0.direction:
        if d1.direction == -d0.direction:
            text = f"{when} is het verschil omgedraaid: een verandering van {amount} ({_interval(c, statistic, unit)})."
            kind = "reversed"
        else:
            text = f"{when} is het verschil {amount} kleiner geworden ({_interval(c, statistic, unit)})."
            kind = "narrowed"
    elif d0.direction != 0:
        text = f"{when} is het verschil {amount} groter geworden ({_interval(c, statistic, unit)})."
        kind = "widened"
    else:
        word = "gestegen" if c.direction > 0 else "gedaald"
        text = (f"{when} is het verschil (eerste groep min tweede) {amount} {word} "
                f"({_interval(c, statistic, unit)}).")
        kind = "rose" if c.direction > 0 else "fell"
    return Statement(text, Claim(kind, c.estimate, c.low, c.high, figures))
