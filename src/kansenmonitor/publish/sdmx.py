"""The cube as SDMX-CSV 2.0, with its code lists.

One observation per cube row. Columns: ``STRUCTURE`` (``dataflow``), ``STRUCTURE_ID``
(``KANSENMONITOR:DF_GELIJKE_KANSEN(1.0)``), ``ACTION`` (``I``: information), the dimensions
(the cube's key, upper case; ``TIME_PERIOD`` for the year), the measure ``OBS_VALUE`` and
the attributes. Codes that are empty in the cube (no variant, no method) become ``_Z``
("not applicable", SDMX cross-domain convention) because an SDMX dimension cannot be empty.

A withheld figure keeps its row with ``OBS_VALUE`` and every numeric attribute empty,
``OBS_STATUS`` ``M`` (missing), ``CONF_STATUS`` ``C`` (confidential, primary) or ``D``
(secondary confidentiality) and ``SUPPRESSION_REASON`` the cube's reason; an unreliable
survey figure (``ebb_reliability``) has ``CONF_STATUS`` ``F`` and ``OBS_STATUS`` ``M``.
Code lists (``codelists.csv``): one row per (code list, code) with Dutch and English names.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from kansenmonitor.cube import DIMENSIONS
from kansenmonitor.publish.labels import DIMENSION_LABELS, METHODS, REASONS, STATISTICS

AGENCY = "KANSENMONITOR"
DATAFLOW = "DF_GELIJKE_KANSEN"
VERSION = "1.0"
STRUCTURE_ID = f"{AGENCY}:{DATAFLOW}({VERSION})"
NOT_APPLICABLE = "_Z"

DIMENSION_COLUMNS = (("INDICATOR", "indicator"), ("VARIANT", "variant"), ("TIME_PERIOD", "year"),
                     *((d.upper(), d) for d in DIMENSIONS), ("STATISTIC", "statistic"), ("ADJUSTMENT", "method"))
ATTRIBUTE_COLUMNS = ("SE", "CI_LOW", "CI_HIGH", "N", "N_WEIGHTED", "OBS_STATUS", "CONF_STATUS",
                     "SUPPRESSION_REASON", "FLAGS")

_CONF = {"min_n": "C", "dominance": "C", "secondary": "D", "ebb_reliability": "F", "no_data": "F"}


def _number(x: object) -> str:
    if x is None or pd.isna(x):
        return ""
    return repr(float(x)) if not isinstance(x, (int,)) else str(x)


def sdmx_csv(cube: pd.DataFrame) -> str:
    """The SDMX-CSV 2.0 text of a (published) cube."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["STRUCTURE", "STRUCTURE_ID", "ACTION", *(c for c, _ in DIMENSION_COLUMNS), "OBS_VALUE",
                *ATTRIBUTE_COLUMNS])
    cols = {c: cube[c].to_numpy() for c in cube.columns}
    for k in range(len(cube)):
        withheld = bool(cols["suppressed"][k])
        dims = []
        for _, column in DIMENSION_COLUMNS:
            value = str(cols[column][k])
            dims.append(value if value != "" else NOT_APPLICABLE)
        reason = str(cols["reason"][k])
        numbers = ["", "", "", "", "", ""] if withheld else [
            _number(cols["value"][k]), _number(cols["se"][k]), _number(cols["ci_low"][k]), _number(cols["ci_high"][k]),
            "" if pd.isna(cols["n"][k]) else str(int(cols["n"][k])), _number(cols["n_weighted"][k])]
        w.writerow(["dataflow", STRUCTURE_ID, "I", *dims, numbers[0], *numbers[1:],
                    "M" if withheld else "A", _CONF.get(reason, "C") if withheld else "F", reason,
                    str(cols["flags"][k])])
    return out.getvalue()


def codelists(cube: pd.DataFrame, codes: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Code lists of every dimension and coded attribute: CODELIST, CODE, NAME_NL, NAME_EN."""
    rows = []
    for r in indicators.itertuples(index=False):
        rows.append(("CL_INDICATOR", r.indicator, r.name_nl, r.name_en))
    variants = sorted(set(cube["variant"]))
    for v in variants:
        rows.append(("CL_VARIANT", v or NOT_APPLICABLE, v or "niet van toepassing", v or "not applicable"))
    for d in DIMENSIONS:
        for r in codes[codes["column"] == d].sort_values("sort_order").itertuples(index=False):
            rows.append((f"CL_{d.upper()}", r.code, r.label_nl, r.label_en))
        seen = set(codes.loc[codes["column"] == d, "code"])
        for extra in sorted(set(cube[d]) - seen):
            rows.append((f"CL_{d.upper()}", extra, extra, extra))
    for s, (nl, en) in STATISTICS.items():
        rows.append(("CL_STATISTIC", s, nl, en))
    for m, (nl, en) in METHODS.items():
        rows.append(("CL_ADJUSTMENT", m or NOT_APPLICABLE, nl, en))
    for reason, (_, nl, en) in REASONS.items():
        rows.append(("CL_SUPPRESSION_REASON", reason, nl, en))
    rows += [("CL_OBS_STATUS", "A", "normale waarde", "normal value"), ("CL_OBS_STATUS", "M", "ontbreekt", "missing"),
             ("CL_CONF_STATUS", "F", "vrij", "free"), ("CL_CONF_STATUS", "C", "geheim (primair)", "confidential"),
             ("CL_CONF_STATUS", "D", "geheim (secundair)", "secondary confidentiality")]
    return pd.DataFrame(rows, columns=["CODELIST", "CODE", "NAME_NL", "NAME_EN"])


def structure_table() -> pd.DataFrame:
    """Which column is a dimension, the measure or an attribute, with its code list."""
    rows = [(c, "dimension", "" if c == "TIME_PERIOD" else f"CL_{c}",
             DIMENSION_LABELS.get(col, (col,))[0]) for c, col in DIMENSION_COLUMNS]
    rows.append(("OBS_VALUE", "measure", "", "waarde (aandeel 0-1, gemiddelde, mediaan ...)"))
    for a in ATTRIBUTE_COLUMNS:
        coded = a in ("OBS_STATUS", "CONF_STATUS", "SUPPRESSION_REASON")
        rows.append((a, "attribute", f"CL_{a}" if coded else "", a.lower()))
    return pd.DataFrame(rows, columns=["COLUMN", "ROLE", "CODELIST", "DESCRIPTION_NL"])


def write_sdmx(cube: pd.DataFrame, codes: pd.DataFrame, indicators: pd.DataFrame, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "data.csv", folder / "codelists.csv", folder / "structure.csv"]
    paths[0].write_text(sdmx_csv(cube), encoding="utf-8", newline="")
    codelists(cube, codes, indicators).to_csv(paths[1], index=False, lineterminator="\n")
    structure_table().to_csv(paths[2], index=False, lineterminator="\n")
    return paths
