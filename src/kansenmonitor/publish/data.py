"""The cube as compact per-indicator data for the browser, and the site's shared labels.

Each indicator becomes one file ``data/<id>.js`` that sets ``KM.data["<id>"]`` (a script,
not JSON fetched at view time, so the site also works opened from disk). Rows are arrays
with the repeated text columns replaced by indexes into small lists::

    [variant, year, group, statistic, model, value, ci_low, ci_high, se, n, reason, flags]

``group`` indexes ``groups``: the non-total codes of a figure (``{"origin": "TR", "sex":
"F"}``; ``{}`` is the total); ``breakdowns`` lists which dimensions occur together; ``model``
indexes ``models`` (adjusted, method). A withheld figure has ``null`` in every number and
its reason; only published numbers of the checked cube are ever written.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kansenmonitor.cube import DIMENSIONS, TOTAL
from kansenmonitor.publish.labels import (
    DIMENSION_LABELS,
    FLAGS,
    METHODS,
    REASONS,
    REFERENCE,
    STATISTICS,
    SYMBOL_WITHHELD,
)

ROW_FIELDS = ("variant", "year", "group", "statistic", "model", "value", "ci_low", "ci_high", "se", "n",
              "reason", "flags")


def _significant(x: float, digits: int = 6) -> float | None:
    if x is None or not math.isfinite(x):
        return None
    if x == 0:
        return 0.0
    return round(x, max(0, digits - 1 - int(math.floor(math.log10(abs(x))))))


def group_key(codes: dict[str, str]) -> str:
    """Stable text key of a group: ``origin=TR;sex=F``; empty for the total."""
    return ";".join(f"{d}={codes[d]}" for d in DIMENSIONS if d in codes)


@dataclass(frozen=True)
class IndicatorMeta:
    """Registry entry of one indicator as the site shows it (from ``indicators.parquet``).

    ``definition_nl`` and ``variants_nl`` are what the pages show; a run folder written before
    the registry had Dutch definitions has neither, and then they hold the English texts
    (``dutch_definition`` says which)."""

    id: str
    number: str
    name_nl: str
    name_en: str
    population_nl: str
    unit_nl: str
    statistic: str
    definition_nl: str
    definition_en: str
    paragraph: str
    sources: tuple[str, ...]
    kind: str
    source_type: str
    variants: dict[str, str]  # variant code -> English description
    variants_nl: dict[str, str]  # variant code -> Dutch label (English for an older run folder)
    breaks: tuple[tuple[str, int], ...]
    dutch_definition: bool = True

    @classmethod
    def from_row(cls, row: dict) -> IndicatorMeta:
        breaks = tuple((flag, int(year)) for flag, year in
                       (b.rsplit(":", 1) for b in str(row.get("trend_breaks") or "").split(";") if ":" in b))
        variants = json.loads(row.get("variants") or "{}")
        definition_nl = _text_or_none(row.get("definition_nl"))
        variants_nl_json = _text_or_none(row.get("variants_nl"))
        variants_nl = json.loads(variants_nl_json) if variants_nl_json is not None else {}
        return cls(id=row["indicator"], number=str(row["number"]), name_nl=row["name_nl"], name_en=row["name_en"],
                   population_nl=row["population_nl"], unit_nl=row["unit_nl"], statistic=row["statistic"],
                   definition_nl=definition_nl or row["definition_en"], definition_en=row["definition_en"],
                   paragraph=row["paragraph"], sources=tuple(s for s in str(row["sources"]).split(";") if s),
                   kind=row["kind"], source_type=row["source_type"], variants=variants,
                   variants_nl={code: variants_nl.get(code) or text for code, text in variants.items()},
                   breaks=breaks, dutch_definition=bool(definition_nl))

    def variant_label(self, code: str) -> str:
        """The Dutch label of a variant code (the code itself when the registry does not know it)."""
        return self.variants_nl.get(code) or code or "totaal"


def _text_or_none(value: object) -> str | None:
    """A text cell of the indicators table; None for a missing column or an empty cell."""
    return value if isinstance(value, str) and value.strip() else None


def indicator_metas(indicators: pd.DataFrame) -> dict[str, IndicatorMeta]:
    return {r["indicator"]: IndicatorMeta.from_row(r) for r in indicators.to_dict(orient="records")}


def break_descriptions() -> dict[str, str]:
    """Dutch description of every trend-break flag of the registry."""
    from kansenmonitor.indicators.registry import INDICATORS

    return {b.flag: b.description_nl for ind in INDICATORS.values() for b in ind.trend_breaks}


def _groups_of(part: pd.DataFrame) -> tuple[np.ndarray, list[dict[str, str]]]:
    codes = part[list(DIMENSIONS)].to_numpy(dtype=object)
    keys = np.array([";".join(f"{d}={c}" for d, c in zip(DIMENSIONS, row) if c != TOTAL) for row in codes],
                    dtype=object)
    unique, index = np.unique(keys, return_inverse=True)
    groups = [dict(item.split("=", 1) for item in k.split(";")) if k else {} for k in unique]
    return index, groups


def indicator_payload(part: pd.DataFrame, meta: IndicatorMeta, code_order: dict[tuple[str, str], int]) -> dict:
    """Browser data of one indicator from its rows of the (checked, published) cube."""
    part = part.reset_index(drop=True)
    group_index, groups = _groups_of(part)
    order = sorted(range(len(groups)), key=lambda i: (len(groups[i]), [
        (DIMENSIONS.index(d), code_order.get((d, c), 999), c) for d, c in groups[i].items()]))
    remap = np.empty(len(groups), dtype=int)
    remap[order] = np.arange(len(groups))
    groups = [groups[i] for i in order]
    group_index = remap[group_index]

    def lookup(values: Iterable, first: list | None = None) -> tuple[list, dict]:
        items = list(first or [])
        for v in values:
            if v not in items:
                items.append(v)
        return items, {v: i for i, v in enumerate(items)}

    variants, vi = lookup(sorted(part["variant"].unique(), key=lambda v: (list(meta.variants).index(v)
                                                                       if v in meta.variants else 99, v)))
    stats, si = lookup(sorted(part["statistic"].unique(), key=lambda s: list(STATISTICS).index(s)
                              if s in STATISTICS else 99))
    model_pairs = sorted({(bool(a), str(m)) for a, m in zip(part["adjusted"], part["method"])})
    models, mi = lookup(model_pairs)
    reasons, ri = lookup(sorted(part["reason"].unique()), first=[""])
    flags, fi = lookup(sorted(part["flags"].unique()), first=[""])

    withheld = part["suppressed"].to_numpy(dtype=bool)
    rows = []
    cols = {c: part[c].to_numpy() for c in ("variant", "year", "statistic", "adjusted", "method", "value",
                                            "ci_low", "ci_high", "se", "n", "reason", "flags")}
    for k in range(len(part)):
        hidden = withheld[k]
        numbers = [None] * 5 if hidden else [
            _significant(float(cols["value"][k])), _significant(float(cols["ci_low"][k])),
            _significant(float(cols["ci_high"][k])), _significant(float(cols["se"][k])),
            None if pd.isna(cols["n"][k]) else int(cols["n"][k])]
        rows.append([vi[cols["variant"][k]], int(cols["year"][k]), int(group_index[k]), si[cols["statistic"][k]],
                     mi[(bool(cols["adjusted"][k]), str(cols["method"][k]))], *numbers,
                     ri[cols["reason"][k]], fi[cols["flags"][k]]])
    breakdowns = sorted({tuple(g) for g in groups}, key=lambda b: (len(b), [DIMENSIONS.index(d) for d in b]))
    descriptions = break_descriptions()
    return {
        "id": meta.id, "number": meta.number, "name": meta.name_nl, "name_en": meta.name_en,
        "unit": meta.unit_nl, "statistic": meta.statistic, "population": meta.population_nl,
        "definition": meta.definition_nl, "definition_en": meta.definition_en, "paragraph": meta.paragraph,
        "sources": list(meta.sources),
        "kind": meta.kind, "source_type": meta.source_type,
        "variants": [{"code": v, "label": meta.variant_label(v)} for v in variants],
        "statistics": stats, "models": [{"adjusted": a, "method": m} for a, m in models],
        "reasons": reasons, "flags": flags,
        "breaks": [{"flag": f, "year": y, "label": descriptions.get(f, f)} for f, y in meta.breaks],
        "years": sorted(int(y) for y in part["year"].unique()),
        "breakdowns": [list(b) for b in breakdowns],
        "groups": groups, "fields": list(ROW_FIELDS), "rows": rows,
    }


def site_labels(codes: pd.DataFrame) -> dict:
    """Labels shared by every page: codes per dimension in publication order, and the words
    for statistics, methods, reasons (with their CBS symbol and mark) and flags."""
    dims: dict[str, dict] = {}
    for d in DIMENSIONS:
        part = codes[codes["column"] == d].sort_values("sort_order")
        dims[d] = {"label": DIMENSION_LABELS[d][0], "label_en": DIMENSION_LABELS[d][1],
                   "reference": REFERENCE.get(d),
                   "codes": [[c, nl, en] for c, nl, en in zip(part["code"], part["label_nl"], part["label_en"])]}
    return {
        "dimensions": dims,
        "statistics": {k: v[0] for k, v in STATISTICS.items()},
        "methods": {k: v[0] for k, v in METHODS.items()},
        "reasons": {k: {"mark": v[0], "text": v[1]} for k, v in REASONS.items()},
        "flags": {**{k: v[0] for k, v in FLAGS.items()}, **break_descriptions()},
        "symbol": SYMBOL_WITHHELD,
    }


def code_order(codes: pd.DataFrame) -> dict[tuple[str, str], int]:
    return {(c, k): int(o) for c, k, o in zip(codes["column"], codes["code"], codes["sort_order"])}


def as_script(name: str, key: str | None, payload: object) -> str:
    """``KM.<name>[key] = {...};`` — data as a classic script (works from file:// too)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    target = f"KM.{name}[{json.dumps(key)}]" if key is not None else f"KM.{name}"
    prefix = f"window.KM=window.KM||{{}};KM.{name}=KM.{name}||{{}};" if key is not None else "window.KM=window.KM||{};"
    return f"{prefix}{target}={body};\n"
