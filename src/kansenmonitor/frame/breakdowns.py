"""The breakdown dimensions of the results cube and the crossings computed (report §2.2).

This module is the data behind ``codes.parquet`` (cube.md "Labels"): for every cube
breakdown column its codes, Dutch and English labels, sort order and, for ``origin``, the
CBS country codes a group covers. It also holds the *crossing configuration*: which
combinations of dimensions every indicator is computed for. Crossings are data (a dict or
a TOML file), so adding one is configuration, not code (indicators.md §2: "the crossing set
is configuration, not code").

The frame (:func:`kansenmonitor.frame.build.build_frame`) has one column per dimension,
named as the cube column, except ``region``: a person has both a labour-market region
(frame column ``region``, ``AMnn``) and a Randstad class (frame column
``region_randstad``); both are values of the cube's ``region`` column, so the dimension
``region`` expands to two grouping sets (:func:`grouping_sets`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

TOTAL = "T"

#: CBS/BRP country code of the Netherlands (cbs-sources.md §C.6) [V].
COUNTRY_NL = "6030"


@dataclass(frozen=True)
class Code:
    """One code of a breakdown dimension."""

    code: str
    label_nl: str
    label_en: str
    #: For ``origin``: the CBS country codes the group covers explicitly (§C.6).
    countries: tuple[str, ...] = ()
    #: For ``origin``: the migration background the group belongs to.
    migration: str | None = None
    #: For residual ``origin`` groups: the rule that assigns the remaining countries.
    rule: str = ""


@dataclass(frozen=True)
class Dimension:
    """A breakdown dimension: a cube column, its codes in publication order, its frame columns."""

    name: str
    label_nl: str
    label_en: str
    codes: tuple[Code, ...]
    frame_columns: tuple[str, ...] = ()
    paragraph: str = "§2.2"

    @property
    def columns(self) -> tuple[str, ...]:
        return self.frame_columns or (self.name,)

    def code(self, code: str) -> Code:
        for c in self.codes:
            if c.code == code:
                return c
        raise KeyError(f"{self.name} has no code {code!r}")

    @property
    def code_values(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.codes)


# ------------------------------------------------------------------ origin groups (§2.2, §C.6)
ORIGIN_GROUPS: tuple[Code, ...] = (
    Code("NL", "Geen migratieachtergrond (Nederland)", "No migration background (Netherlands)",
         (COUNTRY_NL,), "none"),
    Code("TR", "Turkije", "Turkey", ("6043",), "nonwestern"),
    Code("MA", "Marokko", "Morocco", ("5022",), "nonwestern"),
    Code("SR", "Suriname", "Suriname", ("5007",), "nonwestern"),
    Code("AN", "(voormalige) Nederlandse Antillen en Aruba", "(Former) Netherlands Antilles and Aruba",
         ("7011", "5095", "5106", "5107", "5108", "5109", "5110"), "nonwestern"),
    Code("AF", "Afghanistan", "Afghanistan", ("6023",), "nonwestern"),
    Code("IQ", "Irak", "Iraq", ("5043",), "nonwestern"),
    Code("IR", "Iran", "Iran", ("5012",), "nonwestern"),
    Code("SO", "Somalië", "Somalia", ("6013",), "nonwestern"),
    Code("SY", "Syrië", "Syria", ("7009",), "nonwestern"),
    Code("ER", "Eritrea", "Eritrea", ("9003",), "nonwestern"),
    Code("AFO", "Overig Afrika", "Other Africa", (), "nonwestern",
         "LANDAKTUEELREF LANDTYPE niet-westers en WERELDDEEL Afrika, niet hierboven genoemd"),
    Code("NWO", "Overig niet-westers", "Other non-western", (), "nonwestern",
         "LANDAKTUEELREF LANDTYPE niet-westers, buiten Afrika, niet hierboven genoemd"),
    Code("DE", "Duitsland", "Germany", ("9089", "6029", "7085"), "western"),
    Code("PL", "Polen", "Poland", ("7028",), "western"),
    Code("ID", "Indonesië (incl. voormalig Nederlands-Indië)", "Indonesia (incl. former Dutch East Indies)",
         ("6024", "9030"), "western"),
    Code("WO", "Overig westers", "Other western", (), "western",
         "LANDAKTUEELREF LANDTYPE westers, niet hierboven genoemd"),
)
#: Country code -> origin group, for the explicitly named countries.
COUNTRY_TO_ORIGIN: dict[str, str] = {c: g.code for g in ORIGIN_GROUPS for c in g.countries}
#: Origin group -> migration background (none / western / nonwestern).
ORIGIN_MIGRATION: dict[str, str] = {g.code: g.migration for g in ORIGIN_GROUPS if g.migration}

#: Labour-market regions counted as Randstad. Source of the choice: CBS's definition of the
#: Randstad (cbs.nl 2008/15 "De Randstad behoort tot grootste economische regio's van
#: Europa": Almere, Noord-Holland excluding Alkmaar e.o. and the Kop van Noord-Holland,
#: Zuid-Holland, and Utrecht excluding Zuidoost-Utrecht), applied to the 2023
#: arbeidsmarktregio's: an AMR is Randstad when (nearly) all its municipalities lie in that
#: area. Not Randstad: AM15 Noord-Holland Noord (Alkmaar, Kop, West-Friesland), AM11
#: Flevoland (Almere is in the CBS Randstad but is only half of the region; Lelystad,
#: Dronten, Zeewolde, Noordoostpolder and Urk are not) and AM38 FoodValley (Gelderse
#: Vallei and Zuidoost-Utrecht). Configurable in ``FrameConfig.randstad_amr``.
RANDSTAD_AMR: frozenset[str] = frozenset({
    "AM12",  # Gooi en Vechtstreek
    "AM13",  # Midden-Utrecht
    "AM14",  # Amersfoort
    "AM17",  # Zaanstreek/Waterland
    "AM18",  # Groot Amsterdam
    "AM19",  # Holland Rijnland
    "AM20",  # Midden-Holland
    "AM21",  # Haaglanden
    "AM22",  # Rijnmond
    "AM23",  # Drechtsteden
    "AM34",  # Zuid-Holland Centraal
    "AM35",  # Gorinchem
    "AM37",  # Zuid-Kennemerland en IJmond
})


#: Code for a person whose value of a dimension is unknown (e.g. no registered municipality,
#: unknown country of birth). An extension of cube.md's code lists, so that every person sits
#: in a finest cell and nobody is dropped from totals; documented in docs/cube-codes.md.
UNKNOWN = Code("unk", "Onbekend", "Unknown")
#: Extension codes beyond cube.md, per dimension (``residence`` "na": no migration background).
EXTENSION_CODES: dict[str, tuple[str, ...]] = {
    "migration": ("unk",), "generation": ("unk",), "origin": ("unk",), "residence": ("na", "unk"),
    "sex": ("unk",), "region": ("unk",),
}


def _dimensions(amr: pd.DataFrame | None = None) -> tuple[Dimension, ...]:
    region_codes: list[Code] = []
    if amr is not None:
        for row in amr.sort_values("amr_code").itertuples(index=False):
            region_codes.append(Code(str(row.amr_code), str(row.amr_naam), str(row.amr_naam)))
    region_codes += [Code("randstad", "Randstad", "Randstad"),
                     Code("non_randstad", "Buiten de Randstad", "Outside the Randstad"), UNKNOWN]
    return (
        Dimension("migration", "Migratieachtergrond", "Migration background", (
            Code("none", "Geen migratieachtergrond", "No migration background"),
            Code("western", "Westerse migratieachtergrond", "Western migration background"),
            Code("nonwestern", "Niet-westerse migratieachtergrond", "Non-western migration background"),
            UNKNOWN)),
        Dimension("generation", "Generatie", "Generation", (
            Code("none", "Geen migratieachtergrond", "No migration background"),
            Code("1", "Eerste generatie", "First generation"),
            Code("2", "Tweede generatie", "Second generation"),
            UNKNOWN)),
        Dimension("origin", "Herkomstland", "Country of origin", (*ORIGIN_GROUPS, UNKNOWN)),
        Dimension("residence", "Verblijfsduur", "Length of residence", (
            Code("new", "Nieuwkomer (meer dan 6 maanden, hoogstens 5 jaar in Nederland)",
                 "Newcomer (more than 6 months, at most 5 years in the Netherlands)"),
            Code("old", "Oudkomer (meer dan 5 jaar in Nederland, tweede generatie of migratiedatum onbekend)",
                 "Settled migrant (more than 5 years in the Netherlands, second generation, "
                 "or migration date unknown)"),
            Code("na", "Niet van toepassing (geen migratieachtergrond)",
                 "Not applicable (no migration background)"),
            UNKNOWN)),
        Dimension("age", "Leeftijd", "Age", (
            Code("youth", "Jongeren (15 tot 27 jaar)", "Young people (15 to 27)"),
            Code("adult", "Niet-jongeren (27 jaar tot AOW-leeftijd)", "Adults (27 to state-pension age)"))),
        Dimension("sex", "Geslacht", "Sex", (
            Code("M", "Mannen", "Men"), Code("F", "Vrouwen", "Women"), UNKNOWN)),
        Dimension("education", "Onderwijsniveau", "Level of education", (
            Code("low", "Laag", "Low"), Code("mid", "Middelbaar", "Intermediate"),
            Code("high", "Hoog", "High"), Code("unk", "Onbekend", "Unknown"))),
        Dimension("region", "Arbeidsmarktregio", "Labour-market region", tuple(region_codes),
                  frame_columns=("region", "region_randstad"), paragraph="§7.2.4"),
        Dimension("asylum", "Asielstatushouder", "Asylum status holder", (
            Code("yes", "Asielstatushouder", "Asylum status holder"),
            Code("no", "Geen asielstatushouder", "Not an asylum status holder")), paragraph="§7.2.5"),
    )


#: The breakdown dimensions in cube column order (region codes without the AMR list; use
#: :func:`dimensions` with the region table for the full list).
DIMENSIONS: dict[str, Dimension] = {d.name: d for d in _dimensions()}


def dimensions(region_table: pd.DataFrame | None = None) -> dict[str, Dimension]:
    """The dimensions, with the labour-market regions of ``region_table`` (gemeente_code,
    amr_code, amr_naam; see :func:`kansenmonitor.frame.region.load_region_table`)."""
    amr = None
    if region_table is not None:
        amr = region_table.assign(amr_naam=region_table["amr_naam"] if "amr_naam" in region_table
                                  else region_table["amr_code"])
        amr = amr[["amr_code", "amr_naam"]].drop_duplicates("amr_code")
    return {d.name: d for d in _dimensions(amr)}


def codes_table(region_table: pd.DataFrame | None = None,
                land_ref: pd.DataFrame | None = None) -> pd.DataFrame:
    """The table behind ``codes.parquet``: one row per (column, code).

    Columns: ``column``, ``code``, ``label_nl``, ``label_en``, ``sort_order`` (0 = the total
    ``T``), ``countries`` (for ``origin``: the CBS country codes the group covers, sorted and
    ';'-separated; empty for other columns) and ``rule`` (how residual origin groups are
    assigned). With ``land_ref`` (LANDAKTUEELREF: LAND, LANDTYPE, WERELDDEEL) the residual
    groups AFO, NWO and WO list the countries that file assigns to them.
    """
    from kansenmonitor.frame.origin import origin_group  # local: origin imports this module

    residual: dict[str, list[str]] = {}
    if land_ref is not None:
        lands = pd.Series(land_ref["LAND"]).astype(str)
        groups = origin_group(lands.to_numpy(dtype=object), land_ref)
        for land, grp in zip(lands, groups):
            if grp in ("AFO", "NWO", "WO"):
                residual.setdefault(grp, []).append(land)
    rows: list[dict[str, Any]] = []
    for dim in dimensions(region_table).values():
        rows.append({"column": dim.name, "code": TOTAL, "label_nl": "Totaal", "label_en": "Total",
                     "sort_order": 0, "countries": "", "rule": ""})
        for i, c in enumerate(dim.codes, start=1):
            countries = sorted(set(c.countries) | set(residual.get(c.code, [])))
            rows.append({"column": dim.name, "code": c.code, "label_nl": c.label_nl, "label_en": c.label_en,
                         "sort_order": i, "countries": ";".join(countries), "rule": c.rule})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ crossings (§2.2)
@dataclass(frozen=True)
class Crossing:
    """A combination of dimensions an indicator is broken down by (empty = the total)."""

    dimensions: tuple[str, ...]

    def __post_init__(self) -> None:
        unknown = [d for d in self.dimensions if d not in DIMENSIONS]
        if unknown:
            raise ValueError(f"unknown breakdown dimension(s) {unknown}; known: {', '.join(DIMENSIONS)}")
        if len(set(self.dimensions)) != len(self.dimensions):
            raise ValueError(f"dimension repeated in crossing {self.dimensions}")


#: Default crossing configuration: the total, each dimension alone, and origin group crossed
#: with generation, age group, sex, education level and residence duration (report §2.2:
#: "We maken voor alle groepen ... een opsplitsing naar leeftijd ... en geslacht").
DEFAULT_CROSSINGS: dict[str, Any] = {
    "total": True,
    "single": list(DIMENSIONS),
    "crossings": [["origin", "generation"], ["origin", "age"], ["origin", "sex"],
                  ["origin", "education"], ["origin", "residence"],
                  # the gap by labour-market region (report §7.2.4: more regional breakdowns;
                  # the website's maps colour regions by it)
                  ["migration", "region"]],
}


@dataclass(frozen=True)
class CrossingConfig:
    """The crossings every indicator is computed for, in a fixed order without duplicates."""

    crossings: tuple[Crossing, ...] = field(default_factory=tuple)

    @classmethod
    def from_dict(cls, config: dict[str, Any]) -> "CrossingConfig":
        """From ``{"total": bool, "single": [dims], "crossings": [[dims], ...]}``.

        Every key is optional; unknown keys are an error (a typo would silently drop
        breakdowns otherwise).
        """
        unknown = set(config) - {"total", "single", "crossings"}
        if unknown:
            raise ValueError(f"unknown crossing configuration key(s) {sorted(unknown)}")
        out: list[Crossing] = []
        if config.get("total", True):
            out.append(Crossing(()))
        out.extend(Crossing((d,)) for d in config.get("single", []))
        out.extend(Crossing(tuple(c)) for c in config.get("crossings", []))
        seen: set[frozenset[str]] = set()
        unique: list[Crossing] = []
        for c in out:
            key = frozenset(c.dimensions)
            if key not in seen:
                seen.add(key)
                unique.append(c)
        return cls(tuple(unique))

    @classmethod
    def from_toml(cls, path: str | Path) -> "CrossingConfig":
        """From a TOML file with the keys of :meth:`from_dict`, e.g.::

            total = true
            single = ["migration", "origin", "sex"]
            crossings = [["origin", "sex"], ["origin", "age"]]
        """
        with open(path, "rb") as fh:
            return cls.from_dict(tomllib.load(fh))

    @classmethod
    def default(cls) -> "CrossingConfig":
        return cls.from_dict(DEFAULT_CROSSINGS)


def grouping_sets(config: CrossingConfig) -> list[tuple[str, ...]]:
    """The crossings as frame-column grouping sets (``region`` -> ``region`` and ``region_randstad``)."""
    sets: list[tuple[str, ...]] = [()]
    out: list[tuple[str, ...]] = []
    for crossing in config.crossings:
        sets = [()]
        for dim in crossing.dimensions:
            sets = [s + (col,) for s in sets for col in DIMENSIONS[dim].columns]
        for s in sets:
            if s not in out:
                out.append(s)
    return out
