"""Origin groups and the country codes behind them (cbs-sources.md §C.6).

The monitor classifies persons from GBAPERSOONTAB plus LANDAKTUEELREF, so every country
code the generator writes is listed here with its LANDTYPE (1 western, 2 non-western) and
WERELDDEEL (1 Africa, 2 America, 3 Asia, 4 Europe, 5 Oceania). Codes and names of the
countries standing in for the "other" groups are CBS/BRP land codes as labelled in
NIDIO's ``labels_nidio.do`` (cbs-sources.md source S-NIDIO); their LANDTYPE/WERELDDEEL
follow the CBS definition quoted in §C.6.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    landtype: str  # "1" westers, "2" niet-westers
    werelddeel: str  # 1 Afrika, 2 Amerika, 3 Azie, 4 Europa, 5 Oceanie


COUNTRIES: tuple[Country, ...] = (
    Country("6030", "Nederland", "1", "4"),
    Country("6043", "Turkije", "2", "3"),
    Country("5022", "Marokko", "2", "1"),
    Country("5007", "Suriname", "2", "2"),
    Country("7011", "Nederlandse Antillen (oud)", "2", "2"),
    Country("5095", "Aruba", "2", "2"),
    Country("5106", "Bonaire", "2", "2"),
    Country("5107", "Curacao", "2", "2"),
    Country("5108", "Saba", "2", "2"),
    Country("5109", "Sint Eustatius", "2", "2"),
    Country("5110", "Sint Maarten", "2", "2"),
    Country("6023", "Afghanistan", "2", "3"),
    Country("5043", "Irak", "2", "3"),
    Country("5012", "Iran", "2", "3"),
    Country("6013", "Somalie", "2", "1"),
    Country("7009", "Syrie", "2", "3"),
    Country("9003", "Eritrea", "2", "1"),
    # other Africa (non-western)
    Country("5024", "Ghana", "2", "1"),
    Country("6005", "Nigeria", "2", "1"),
    Country("5020", "Ethiopie", "2", "1"),
    Country("5067", "Kaapverdie", "2", "1"),
    Country("8025", "Kaapverdie", "2", "1"),  # CBS keeps two codes for Cape Verde (§C.6)
    Country("7014", "Egypte", "2", "1"),
    Country("6047", "Algerije", "2", "1"),
    Country("7034", "Soedan", "2", "1"),
    # other non-western (Asia, Latin America)
    Country("6022", "China", "2", "3"),
    Country("7046", "India", "2", "3"),
    Country("7020", "Pakistan", "2", "3"),
    Country("8024", "Vietnam", "2", "3"),
    Country("5027", "Filipijnen", "2", "3"),
    Country("7033", "Sri Lanka", "2", "3"),
    Country("6008", "Brazilie", "2", "2"),
    Country("5033", "Colombia", "2", "2"),
    Country("6034", "Israel", "2", "3"),
    # Germany (three codes), Poland, Indonesia (two codes)
    Country("9089", "Duitsland", "1", "4"),
    Country("6029", "Bondsrepubliek Duitsland", "1", "4"),
    Country("7085", "Duitse Democratische Republiek", "1", "4"),
    Country("7028", "Polen", "1", "4"),
    Country("6024", "Indonesie", "1", "3"),
    Country("9030", "Nederlands-Indie", "1", "3"),
    # other western
    Country("5010", "Belgie", "1", "4"),
    Country("6039", "Verenigd Koninkrijk", "1", "4"),
    Country("5002", "Frankrijk", "1", "4"),
    Country("7044", "Italie", "1", "4"),
    Country("6037", "Spanje", "1", "4"),
    Country("7050", "Portugal", "1", "4"),
    Country("7047", "Roemenie", "1", "4"),
    Country("7024", "Bulgarije", "1", "4"),
    Country("6038", "Oekraine", "1", "4"),
    Country("5053", "Rusland", "1", "4"),
    Country("6003", "Griekenland", "1", "4"),
    Country("6014", "Verenigde Staten van Amerika", "1", "2"),
    Country("5001", "Canada", "1", "2"),
    Country("6016", "Australie", "1", "5"),
    Country("7035", "Japan", "1", "3"),
)
COUNTRY_INDEX: dict[str, Country] = {c.code: c for c in COUNTRIES}

#: Origin groups in cube.md order: (cube code, label, western?, country codes, weights of the
#: codes among persons *born in* that country, by birth-year era where it matters).
GROUPS: tuple[str, ...] = ("NL", "TR", "MA", "SR", "AN", "AF", "IQ", "IR", "SO", "SY", "ER", "AFO", "NWO",
                           "DE", "PL", "ID", "WO")
G = {g: i for i, g in enumerate(GROUPS)}
NONWESTERN_GROUPS = ("TR", "MA", "SR", "AN", "AF", "IQ", "IR", "SO", "SY", "ER", "AFO", "NWO")
WESTERN_GROUPS = ("DE", "PL", "ID", "WO")
IS_NONWESTERN = np.array([g in NONWESTERN_GROUPS for g in GROUPS])
IS_WESTERN = np.array([g in WESTERN_GROUPS for g in GROUPS])
REFUGEE_GROUPS = ("AF", "IQ", "IR", "SO", "SY", "ER")
IS_REFUGEE_GROUP = np.array([g in REFUGEE_GROUPS for g in GROUPS])
#: EU/EFTA origin: their immigrants get CBS-derived EU motives, not IND motives (§4).
IS_EU_GROUP = np.array([g in ("DE", "PL") for g in GROUPS])

#: Country codes per group with relative weights (single era). Special eras handled in
#: :func:`birth_country_codes` (Germany before/after 1990, Antilles before/after 2010,
#: Indonesia before/after 1949).
GROUP_COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "NL": (("6030",), (1.0,)),
    "TR": (("6043",), (1.0,)),
    "MA": (("5022",), (1.0,)),
    "SR": (("5007",), (1.0,)),
    "AN": (("7011", "5095"), (0.85, 0.15)),
    "AF": (("6023",), (1.0,)),
    "IQ": (("5043",), (1.0,)),
    "IR": (("5012",), (1.0,)),
    "SO": (("6013",), (1.0,)),
    "SY": (("7009",), (1.0,)),
    "ER": (("9003",), (1.0,)),
    "AFO": (("5024", "6005", "5020", "5067", "8025", "7014", "6047", "7034"),
            (0.22, 0.15, 0.12, 0.12, 0.04, 0.15, 0.08, 0.12)),
    "NWO": (("6022", "7046", "7020", "8024", "5027", "7033", "6008", "5033", "6034"),
            (0.20, 0.17, 0.10, 0.09, 0.08, 0.05, 0.12, 0.10, 0.09)),
    "DE": (("9089",), (1.0,)),
    "PL": (("7028",), (1.0,)),
    "ID": (("6024",), (1.0,)),
    "WO": (("5010", "6039", "5002", "7044", "6037", "7050", "7047", "7024", "6038", "5053", "6003",
            "6014", "5001", "6016", "7035"),
           (0.16, 0.13, 0.07, 0.08, 0.07, 0.04, 0.08, 0.08, 0.06, 0.05, 0.04, 0.07, 0.02, 0.03, 0.02)),
}

#: All distinct country codes as an array; persons store an index into it.
CODES: tuple[str, ...] = tuple(c.code for c in COUNTRIES) + ("----",)
CODE_INDEX = {c: i for i, c in enumerate(CODES)}
UNKNOWN = CODE_INDEX["----"]
NL_CODE = CODE_INDEX["6030"]


def birth_country_codes(rng: np.random.Generator, group: np.ndarray, birth_year: np.ndarray) -> np.ndarray:
    """Index (into :data:`CODES`) of a birth country in the country of the origin group.

    Germany: 6029 (West) / 7085 (GDR) for births before 1991, 9089 after. Antilles: 7011 for
    births before 2011, the island codes 5106-5110 after (plus Aruba 5095 throughout).
    Indonesia: 9030 (Nederlands-Indie) for births before 1950, 6024 after.
    """
    n = len(group)
    out = np.full(n, NL_CODE, dtype=np.int16)
    for gi, g in enumerate(GROUPS):
        sel = np.flatnonzero(group == gi)
        if not len(sel):
            continue
        codes, w = GROUP_COUNTRIES[g]
        w = np.asarray(w) / np.sum(w)
        pick = rng.choice(len(codes), size=len(sel), p=w)
        out[sel] = np.array([CODE_INDEX[c] for c in codes], dtype=np.int16)[pick]
        by = birth_year[sel]
        u = rng.random(len(sel))
        if g == "DE":
            out[sel[(by < 1991) & (u < 0.85)]] = CODE_INDEX["6029"]
            out[sel[(by < 1991) & (u >= 0.85)]] = CODE_INDEX["7085"]
        elif g == "AN":
            islands = np.array([CODE_INDEX[c] for c in ("5107", "5110", "5106", "5108", "5109")])
            late = (by >= 2011) & (out[sel] == CODE_INDEX["7011"])
            out[sel[late]] = islands[rng.choice(5, size=int(late.sum()), p=[0.7, 0.15, 0.1, 0.03, 0.02])]
        elif g == "ID":
            out[sel[by < 1950]] = CODE_INDEX["9030"]
    return out


def landaktueelref_table() -> pa.Table:
    """LANDAKTUEELREF: every code the register uses, with LANDTYPE and WERELDDEEL."""
    return pa.table({
        "LAND": pa.array([c.code for c in COUNTRIES], pa.string()),
        "LANDOMS": pa.array([c.name for c in COUNTRIES], pa.string()),
        "LANDTYPE": pa.array([c.landtype for c in COUNTRIES], pa.string()),
        "WERELDDEEL": pa.array([c.werelddeel for c in COUNTRIES], pa.string()),
    })


def group_of_code() -> dict[str, str]:
    """Country code -> origin group (cube code), for the manifest and tests."""
    out = {}
    for g, (codes, _) in GROUP_COUNTRIES.items():
        for c in codes:
            out[c] = g
    out.update({"6029": "DE", "7085": "DE", "9030": "ID", "5106": "AN", "5107": "AN", "5108": "AN",
                "5109": "AN", "5110": "AN"})
    return out
