"""What readers see instead of codes: labels, CBS symbols and Dutch number formats.

Code labels of the breakdowns come from the run's ``codes.parquet``; this module adds the
words for the columns the cube leaves as codes (statistic, reason, flags, method) and the
CBS table symbols (``.`` = figure unknown, insufficiently reliable or secret; empty = cannot
occur). A withheld figure is always shown as ``.`` with the reason beside it.
"""

from __future__ import annotations

import math

#: CBS symbol of a withheld or missing figure ("het cijfer is onbekend, onvoldoende
#: betrouwbaar of geheim").
SYMBOL_WITHHELD = "."

#: Why a figure is withheld: short mark shown beside the symbol, Dutch and English text.
REASONS: dict[str, tuple[str, str, str]] = {
    "min_n": ("n", "geheim: te weinig personen (minder dan 10, of te weinig met of zonder de uitkomst)",
              "confidential: too few persons"),
    "dominance": ("d", "geheim: een of twee personen bepalen het grootste deel van de uitkomst",
                  "confidential: dominated by one or two contributions"),
    "secondary": ("s", "geheim: weggelaten om een ander geheim cijfer te beschermen (secundaire geheimhouding)",
                  "confidential: withheld to protect another figure (secondary suppression)"),
    "ebb_reliability": ("b", "onvoldoende betrouwbaar: te weinig waarnemingen in de enquête (EBB-regel)",
                        "insufficiently reliable: too few survey observations"),
    "no_data": ("o", "gegevens ontbreken", "no data"),
}

STATISTICS: dict[str, tuple[str, str]] = {
    "share": ("aandeel", "share"), "mean": ("gemiddelde", "mean"), "median": ("mediaan", "median"),
    "p25": ("25e percentiel", "25th percentile"), "p75": ("75e percentiel", "75th percentile"),
    "count": ("aantal", "count"), "gap": ("verschil met referentiegroep", "gap to the reference group"),
    "ratio": ("verhouding", "ratio"),
}

METHODS: dict[str, tuple[str, str]] = {
    "": ("ongecorrigeerd", "unadjusted"),
    "ps_weight": ("gecorrigeerd (weging met propensityscores)", "adjusted (propensity-score weighting)"),
    "regression": ("gecorrigeerd (regressie)", "adjusted (regression)"),
    "doubly_robust": ("gecorrigeerd (doubly robust)", "adjusted (doubly robust)"),
    "km": ("Kaplan-Meier", "Kaplan-Meier"),
    "aalen_johansen": ("Aalen-Johansen", "Aalen-Johansen"),
}

FLAGS: dict[str, tuple[str, str]] = {
    "censored": ("gecensureerd: december heeft nog geen waargenomen volgende maand; overgangen van januari-november",
                 "censored: December has no observed next month"),
    "left_truncated": ("links afgekapt: het SPOLIS-jaar ervoor ontbreekt, overgangen uit november-december "
                       "van dat jaar zijn niet te zien", "left truncated: the SPOLIS year before is missing"),
    "follow_up_incomplete": ("volgperiode onvolledig: de data eindigen minder dan 3 jaar na het afstuderen van dit "
                             "cohort; wie nog geen baan had, is gecensureerd",
                             "follow-up incomplete: the data end less than 3 years after this cohort graduated"),
}

DIMENSION_LABELS: dict[str, tuple[str, str]] = {
    "migration": ("Migratieachtergrond", "Migration background"),
    "generation": ("Generatie", "Generation"),
    "origin": ("Herkomstgroep", "Origin group"),
    "residence": ("Verblijfsduur", "Length of residence"),
    "age": ("Leeftijd", "Age"),
    "sex": ("Geslacht", "Sex"),
    "education": ("Opleidingsniveau", "Education level"),
    "region": ("Regio", "Region"),
    "asylum": ("Asielstatus", "Asylum status"),
    "sector": ("Sector", "Sector"),
}

#: The group each breakdown is compared with by default (report §1: people with a
#: non-western migration background against people without one).
REFERENCE: dict[str, str] = {
    "migration": "none", "generation": "none", "origin": "NL", "residence": "na", "age": "adult",
    "sex": "M", "education": "mid", "asylum": "no",
}

#: Basis and reference of the headline comparisons (monitor's title).
BASIS_GROUP = ("migration", "nonwestern")
REFERENCE_GROUP = ("migration", "none")


def reason_text(reason: str) -> str:
    return REASONS.get(reason, ("?", reason, reason))[1]


def reason_mark(reason: str) -> str:
    return REASONS.get(reason, ("?", reason, reason))[0]


def is_percentage(statistic: str, unit: str = "") -> bool:
    """Shares are proportions in the cube and shown as per cent."""
    return statistic == "share" or (statistic in ("gap",) and unit in ("aandeel", "share"))


def decimals_for(unit: str) -> int:
    """Decimals shown for a figure of this unit (euro per year: whole euros)."""
    if unit in ("euro per jaar",):
        return 0
    if unit in ("euro per uur",):
        return 2
    return 1


def format_number(value: float, decimals: int = 1, sign: bool = False) -> str:
    """Dutch number: decimal comma, point as thousands separator (``12.345,6``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return SYMBOL_WITHHELD
    text = f"{abs(value):,.{decimals}f}".replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    if value < 0 and text.strip("0,.") != "":
        text = "-" + text
    elif sign and text.strip("0,.") != "":
        text = "+" + text
    return text


def format_value(value: float | None, statistic: str, unit: str = "", sign: bool = False) -> str:
    """A figure as readers see it: shares in per cent (``65,5%``), amounts in their unit's
    decimals; ``.`` for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return SYMBOL_WITHHELD
    if is_percentage(statistic, unit):
        return format_number(100 * value, 1, sign) + "%"
    return format_number(value, decimals_for(unit), sign)


def format_difference(value: float, statistic: str, unit: str = "", sign: bool = True) -> str:
    """A difference: percentage points for shares (``-14,2 procentpunt``), else the unit."""
    if is_percentage(statistic, unit):
        return format_number(100 * value, 1, sign) + " procentpunt"
    return format_number(value, decimals_for(unit), sign) + (f" {unit}" if unit else "")
