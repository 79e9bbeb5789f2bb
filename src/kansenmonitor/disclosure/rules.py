"""The output-control rules, as configuration.

Defaults follow CBS Remote Access output practice and the ESSnet/DwB rule of thumb
(``shared/spec/methods-anchors.md`` §4.3, §4.5) and the report's EBB rule
(indicators.md §7; report §4.1: "meer dan 15.000 gewogen waarnemingen en minimaal tien
ongewogen waarnemingen"):

* ``min_n = 10``: at least 10 persons (unweighted) behind every figure. For a share the
  rule also applies to its numerator and its complement (``share_parts_min_n``): a share
  published with its n reveals a two-cell frequency table (with / without the outcome),
  and "≥ 10 units behind every cell" (§4.3, frequency tables) applies to both cells;
  §4.5 names numerator and denominator, the complement is added because which outcome is
  counted is an arbitrary coding choice (a share of 100 % discloses as much as 0 %).
* dominance ``(n=1, k=0.50)`` for magnitude statistics (income, wages, hours): the
  largest single contribution is at most half of the cell total (§4.3, ESSnet; the CBS
  parameters are still to be confirmed, §4.4 point 1). Cell statistics carry only the
  largest contribution, so only ``dominance_n = 1`` can be evaluated.
* EBB reliability (a quality rule, not a disclosure rule, §3.3): a survey figure needs
  *more than* 15,000 weighted and at least 10 unweighted observations; otherwise it is
  kept, marked ``ebb_reliability``. (indicators.md §7 writes "≥ 15,000"; the report says
  "meer dan", and the report wins.)
* no minima or maxima (§4.3, CBS RA): statistics ``min`` and ``max`` are refused.
* no linking keys in output (§4.3: RINPERSOON, RINADRES, BEID, BRIN; the brief adds
  RINPERSOONS, SBEID, IKVID, RINOBJECTNUMMER): no column may be named after them.
* nested breakdowns (``hierarchies``): origin groups sum to migration backgrounds, and
  "no migration background" is the same population in three dimensions; secondary
  suppression protects these sums too. Regions within Randstad / not Randstad can be
  added as ``Hierarchy("region", "region", {AMnn: "randstad" | "non_randstad"})`` from
  the frame's Randstad list (not a default here: that list is frame configuration).
* ``partitions``: ``randstad``/``non_randstad`` are a second classification in the
  ``region`` column and form their own tables.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from kansenmonitor.cube import DIMENSIONS, STATISTICS
from kansenmonitor.errors import ConfigError


@dataclass(frozen=True)
class Hierarchy:
    """Codes of ``child`` that sum to a code of ``parent`` (``mapping``: child → parent code).

    A child code without a parent code in ``mapping`` is not part of any sum.
    """

    child: str
    parent: str
    mapping: tuple[tuple[str, str], ...]

    def as_dict(self) -> dict[str, str]:
        """The mapping child code → parent code."""
        return dict(self.mapping)


@dataclass(frozen=True)
class Partition:
    """Codes of ``dimension`` that classify persons separately from its other codes.

    Its cells add up to the total on their own (``region``: ``randstad`` and
    ``non_randstad`` beside the labour-market regions ``AMnn``), so they form their own
    table in secondary suppression.
    """

    dimension: str
    codes: tuple[str, ...]


DEFAULT_PARTITIONS: tuple[Partition, ...] = (Partition("region", ("randstad", "non_randstad")),)

ORIGIN_TO_MIGRATION: dict[str, str] = {
    "NL": "none",
    **{c: "nonwestern" for c in ("TR", "MA", "SR", "AN", "AF", "IQ", "IR", "SO", "SY", "ER", "AFO", "NWO")},
    **{c: "western" for c in ("DE", "PL", "ID", "WO")},
}
"""Origin groups within migration backgrounds (cube.md codes; indicators.md §2)."""

DEFAULT_HIERARCHIES: tuple[Hierarchy, ...] = (
    Hierarchy("origin", "migration", tuple(ORIGIN_TO_MIGRATION.items())),
    Hierarchy("generation", "migration", (("none", "none"),)),
)

DEFAULT_KEY_COLUMNS: frozenset[str] = frozenset(
    {"RINPERSOON", "RINPERSOONS", "RINADRES", "SBEID", "BEID", "IKVID", "RINOBJECTNUMMER", "BRIN"})

PRIMARY_REASONS: tuple[str, ...] = ("min_n", "dominance", "ebb_reliability")
"""Primary rules in the order that decides a figure's single ``reason``."""

PROTECTED_REASONS: frozenset[str] = frozenset({"min_n", "dominance", "secondary"})
"""Reasons whose figures must not be recoverable by differencing (disclosure reasons;
``ebb_reliability`` is a quality rule and ``no_data`` hides nothing)."""


@dataclass(frozen=True)
class DisclosureRules:
    """Output-control rules (module docstring gives the sources of the defaults)."""

    min_n: int = 10
    share_parts_min_n: bool = True
    dominance_n: int = 1
    dominance_k: float = 0.50
    magnitude_statistics: frozenset[str] = frozenset({"mean"})
    ebb_min_weighted: float = 15000.0
    ebb_min_n: int = 10
    forbidden_statistics: frozenset[str] = frozenset({"min", "max"})
    key_columns: frozenset[str] = DEFAULT_KEY_COLUMNS
    hierarchies: tuple[Hierarchy, ...] = field(default=DEFAULT_HIERARCHIES)
    partitions: tuple[Partition, ...] = field(default=DEFAULT_PARTITIONS)

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise ConfigError("disclosure rules: " + "; ".join(problems))

    def problems(self) -> list[str]:
        """Values that make no sense; empty when the rules are usable."""
        out: list[str] = []
        if not isinstance(self.min_n, int) or self.min_n < 1:
            out.append(f"min_n must be a positive integer, not {self.min_n!r}")
        if self.dominance_n != 1:
            out.append(f"dominance_n {self.dominance_n}: cell statistics keep only the single "
                       f"largest contribution, so only n = 1 can be checked")
        if not 0 < self.dominance_k <= 1:
            out.append(f"dominance_k must be in (0, 1], not {self.dominance_k!r}")
        if self.ebb_min_weighted < 0 or self.ebb_min_n < 0:
            out.append("EBB thresholds must not be negative")
        unknown = sorted(self.magnitude_statistics - STATISTICS)
        if unknown:
            out.append(f"magnitude_statistics: unknown statistics {unknown}")
        for h in self.hierarchies:
            if h.child not in DIMENSIONS or h.parent not in DIMENSIONS:
                out.append(f"hierarchy {h.child} -> {h.parent}: not breakdown dimensions")
        for p in self.partitions:
            if p.dimension not in DIMENSIONS or not p.codes:
                out.append(f"partition of {p.dimension!r}: not a breakdown dimension, or no codes")
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-serialisable form (sets as sorted lists)."""
        d = asdict(self)
        for k, v in d.items():
            if isinstance(v, (set, frozenset)):
                d[k] = sorted(v)
        d["hierarchies"] = [{"child": h.child, "parent": h.parent, "mapping": h.as_dict()}
                            for h in self.hierarchies]
        d["partitions"] = [{"dimension": p.dimension, "codes": list(p.codes)} for p in self.partitions]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "DisclosureRules":
        """Rules from a mapping (keys as in :meth:`to_dict`); missing keys keep defaults."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(d) - names)
        if unknown:
            raise ConfigError(f"disclosure rules: unknown settings {unknown}")
        kwargs: dict[str, Any] = {}
        for k, v in d.items():
            if k in ("magnitude_statistics", "forbidden_statistics", "key_columns"):
                kwargs[k] = frozenset(v)
            elif k == "hierarchies":
                kwargs[k] = tuple(Hierarchy(h["child"], h["parent"], tuple(dict(h["mapping"]).items()))
                                  for h in v)
            elif k == "partitions":
                kwargs[k] = tuple(Partition(p["dimension"], tuple(p["codes"])) for p in v)
            elif k in ("min_n", "dominance_n", "ebb_min_n"):
                if isinstance(v, bool) or int(v) != v:
                    raise ConfigError(f"disclosure rules: {k} must be an integer, not {v!r}")
                kwargs[k] = int(v)
            elif k == "share_parts_min_n":
                if not isinstance(v, bool):
                    raise ConfigError(f"disclosure rules: {k} must be true or false, not {v!r}")
                kwargs[k] = v
            else:
                kwargs[k] = float(v)
        return cls(**kwargs)

    @classmethod
    def from_toml(cls, path: Path) -> "DisclosureRules":
        """Rules from a TOML file with the keys of :meth:`to_dict` (``[[hierarchies]]``
        tables with ``child``, ``parent`` and a ``mapping`` table; ``[[partitions]]``
        tables with ``dimension`` and ``codes``)."""
        with open(path, "rb") as fh:
            return cls.from_dict(tomllib.load(fh))

    def weaker_than(self, reference: "DisclosureRules") -> list[str]:
        """Settings in which these rules protect less than ``reference``; empty if none."""
        out: list[str] = []
        if self.min_n < reference.min_n:
            out.append(f"min_n {self.min_n} < {reference.min_n}")
        if reference.share_parts_min_n and not self.share_parts_min_n:
            out.append("share numerator/complement rule switched off")
        if self.dominance_k > reference.dominance_k:
            out.append(f"dominance_k {self.dominance_k} > {reference.dominance_k}")
        if not reference.magnitude_statistics <= self.magnitude_statistics:
            out.append("dominance not applied to " + ", ".join(
                sorted(reference.magnitude_statistics - self.magnitude_statistics)))
        if self.ebb_min_weighted < reference.ebb_min_weighted or self.ebb_min_n < reference.ebb_min_n:
            out.append("EBB reliability thresholds lowered")
        for name in ("forbidden_statistics", "key_columns"):
            missing = getattr(reference, name) - getattr(self, name)
            if missing:
                out.append(f"{name} lacks {sorted(missing)}")
        for h in reference.hierarchies:
            mine = {(x.child, x.parent): x.as_dict() for x in self.hierarchies}.get((h.child, h.parent), {})
            if not set(h.mapping) <= set(mine.items()):
                out.append(f"hierarchy {h.child} -> {h.parent} missing or incomplete")
        for p in reference.partitions:
            if p not in self.partitions:
                out.append(f"partition of {p.dimension} {list(p.codes)} missing")
        return out
