"""Migration generation, country of origin, origin group and migration background (report §2.2).

Definitions (report §2.2 a-b and footnote 4; CBS "Afbakening generaties met
migratieachtergrond", cbs-sources.md §1):

- **First generation**: born abroad, at least one parent born abroad.
- **Second generation**: born in the Netherlands, at least one parent born abroad.
- **No migration background** (``none``): everyone else, including persons born abroad
  with two parents born in the Netherlands.
- **Country of origin**: first generation: own country of birth; second generation: the
  mother's country of birth, unless that is the Netherlands, then the father's.
- **Origin group** (cube.md ``origin``): the thirteen non-western groups of the report
  (SEO 2018) and Germany, Poland, Indonesia and other western; the named countries by their
  CBS codes (§C.6, :data:`~kansenmonitor.frame.breakdowns.ORIGIN_GROUPS`), the rest by
  LANDAKTUEELREF: LANDTYPE non-western and WERELDDEEL Africa -> ``AFO``, other non-western
  -> ``NWO``, western -> ``WO``.
- **Migration background** (``none``/``western``/``nonwestern``) follows from the origin
  group, so the two are consistent by construction. Western / non-western is CBS's
  classification as LANDAKTUEELREF records it (non-western: Africa, Latin America, Asia
  except Indonesia and Japan, and Turkey).

Choice (unknown parents): a parent whose country of birth is unknown is taken to be born in
the person's own country of birth. Thus a person born abroad with unknown parents is first
generation with their own country as origin (CBS uses the own country of birth when the
parents' are unknown), and a person born in the Netherlands with unknown parents has no
migration background. A missing own country of birth falls back on GBAGEBOORTELANDNL; if
that is unknown too, generation and origin are unknown (null).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kansenmonitor.frame._arrays import codes
from kansenmonitor.frame.breakdowns import COUNTRY_NL, COUNTRY_TO_ORIGIN, ORIGIN_MIGRATION
from kansenmonitor.sources import spec

_LAND = spec.LANDAKTUEELREF.variable("LAND").name
_LANDTYPE = spec.LANDAKTUEELREF.variable("LANDTYPE").name
_WERELDDEEL = spec.LANDAKTUEELREF.variable("WERELDDEEL").name
#: LANDTYPE codes (codelists.LANDTYPE) and the WERELDDEEL code of Africa (codelists.WERELDDEEL).
LANDTYPE_WESTERN = "1"
LANDTYPE_NONWESTERN = "2"
WERELDDEEL_AFRICA = "1"

# Internal location codes of a country of birth.
_NL, _ABROAD, _UNKNOWN = 1, 0, -1


def _location(country: np.ndarray, born_nl_flag: np.ndarray | None = None) -> np.ndarray:
    known = pd.notna(country)
    loc = np.where(known, np.where(country == COUNTRY_NL, _NL, _ABROAD), _UNKNOWN)
    if born_nl_flag is not None:
        flag = codes(born_nl_flag)
        loc = np.where(~known & (flag == "1"), _NL, loc)
        loc = np.where(~known & (flag == "0"), _ABROAD, loc)
    return loc


def generation(own_country: Any, mother_country: Any, father_country: Any,
               born_in_nl: Any | None = None) -> np.ndarray:
    """``none`` / ``1`` / ``2`` / None from GBAGEBOORTELAND, -MOEDER, -VADER (§2.2).

    ``born_in_nl`` (GBAGEBOORTELANDNL, "1"/"0") is used only where the own country is missing.
    """
    own = _location(codes(own_country), None if born_in_nl is None else np.asarray(born_in_nl, dtype=object))
    mother = _location(codes(mother_country))
    father = _location(codes(father_country))
    # an unknown parent country counts as the person's own (module docstring)
    mother = np.where(mother == _UNKNOWN, own, mother)
    father = np.where(father == _UNKNOWN, own, father)
    parent_abroad = (mother == _ABROAD) | (father == _ABROAD)
    out = np.full(len(own), None, dtype=object)
    out[(own == _ABROAD) & parent_abroad] = "1"
    out[(own == _NL) & parent_abroad] = "2"
    out[(own != _UNKNOWN) & ~parent_abroad] = "none"
    return out


def origin_country(gen: Any, own_country: Any, mother_country: Any, father_country: Any) -> np.ndarray:
    """CBS country code of origin (footnote 4 of §2.2); the Netherlands for ``none``.

    First generation: own country of birth (None when only GBAGEBOORTELANDNL said abroad).
    Second generation: the mother's country unless it is the Netherlands or unknown, then the
    father's.
    """
    g = np.asarray(gen, dtype=object)
    own, mother, father = codes(own_country), codes(mother_country), codes(father_country)
    mother_abroad = pd.notna(mother) & (mother != COUNTRY_NL)
    second = np.where(mother_abroad, mother, father)
    out = np.full(len(g), None, dtype=object)
    out[g == "none"] = COUNTRY_NL
    out[g == "1"] = own[g == "1"]
    out[g == "2"] = second[g == "2"]
    return out


def origin_group(country: Any, land_ref: pd.DataFrame) -> np.ndarray:
    """Origin group code (cube.md ``origin``) of CBS country codes.

    Named countries first (:data:`~kansenmonitor.frame.breakdowns.COUNTRY_TO_ORIGIN`, which
    makes Indonesia western whatever the reference file says); other countries by
    LANDAKTUEELREF LANDTYPE and WERELDDEEL. A country missing from LANDAKTUEELREF or without
    LANDTYPE gets None (counted by :func:`compare_with_cbs` callers as unknown origin).
    """
    c = pd.Series(codes(country), dtype=object)
    ref = pd.DataFrame({"land": codes(land_ref[_LAND]), "type": codes(land_ref[_LANDTYPE]),
                        "part": codes(land_ref[_WERELDDEEL]) if _WERELDDEEL in land_ref else None})
    ref = ref.dropna(subset=["land"]).drop_duplicates("land", keep="last").set_index("land")
    residual = np.where(ref["type"] == LANDTYPE_WESTERN, "WO",
                        np.where(ref["type"] == LANDTYPE_NONWESTERN,
                                 np.where(ref["part"] == WERELDDEEL_AFRICA, "AFO", "NWO"), None))
    by_ref = pd.Series(residual, index=ref.index, dtype=object)
    named = c.map(COUNTRY_TO_ORIGIN)
    out = named.where(named.notna(), c.map(by_ref))
    return out.to_numpy(dtype=object, na_value=None)


def migration_background(group: Any) -> np.ndarray:
    """``none`` / ``western`` / ``nonwestern`` / None from the origin group."""
    return pd.Series(np.asarray(group, dtype=object)).map(ORIGIN_MIGRATION).to_numpy(dtype=object, na_value=None)


#: GBAGENERATIE codes (codelists.GBAGENERATIE) -> the frame's generation codes.
GBAGENERATIE_TO_GENERATION: dict[str, str] = {"0": "none", "1": "1", "2": "2"}


def compare_with_cbs(gen: Any, country: Any, gbageneratie: Any | None = None,
                     gbaherkomstgroepering: Any | None = None) -> dict[str, int]:
    """Agreement of the derived generation and origin country with CBS's own variables.

    GBAGENERATIE and GBAHERKOMSTGROEPERING follow the pre-2022 CBS definition, which the
    report uses, so disagreement points at a data or rule problem. It is a quality
    statistic, not an error: CBS imputes missing parents (GBAIMPUTATIECODE) where this
    rule does not. Counts only persons where both sides are known.
    """
    g = np.asarray(gen, dtype=object)
    out: dict[str, int] = {"persons": len(g)}
    if gbageneratie is not None:
        cbs = pd.Series(codes(gbageneratie), dtype=object).map(GBAGENERATIE_TO_GENERATION).to_numpy(dtype=object)
        both = pd.notna(g) & pd.notna(cbs)
        out["generation_compared"] = int(both.sum())
        out["generation_disagree"] = int((both & (g != cbs)).sum())
    if gbaherkomstgroepering is not None:
        mine, cbs_c = codes(country), codes(gbaherkomstgroepering)
        both = pd.notna(mine) & pd.notna(cbs_c)
        out["origin_compared"] = int(both.sum())
        out["origin_disagree"] = int((both & (mine != cbs_c)).sum())
    return out
