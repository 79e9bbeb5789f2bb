"""Municipalities, address objects and the VSLGWBTAB / GEMEENTEREGIO reference files.

The 342 municipalities and their labour-market regions come from the packaged
``data/gemeente_amr_provincie_2023.csv``. Municipal populations are not in that file: the
~60 largest municipalities get their approximate 2023 population (rounded public CBS
figures, labelled an assumption in the manifest), the others share the remainder with
deterministic lognormal sizes. Persons with a non-western background are concentrated in
the big Randstad cities through origin-specific municipality weights.

Address objects are a global universe (shared by all person buckets): every object has a
municipality; VSLGWBTAB maps SOORTOBJECTNUMMER + RINOBJECTNUMMER to ``gemYYYY`` (4-digit
code without GM prefix, cbs-sources §21) and ``wcYYYY``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kansenmonitor.synth import countries as C

#: Approximate 2023 population of the larger municipalities (assumption: rounded CBS figures).
KNOWN_POPULATION: dict[str, int] = {
    "Amsterdam": 918_000, "Rotterdam": 664_000, "'s-Gravenhage": 556_000, "Utrecht": 367_000,
    "Eindhoven": 238_000, "Groningen": 235_000, "Tilburg": 224_000, "Almere": 219_000, "Breda": 185_000,
    "Nijmegen": 180_000, "Apeldoorn": 165_000, "Arnhem": 165_000, "Haarlem": 163_000, "Haarlemmermeer": 160_000,
    "Enschede": 160_000, "Amersfoort": 160_000, "Zaanstad": 158_000, "'s-Hertogenbosch": 157_000,
    "Zwolle": 130_000, "Leiden": 127_000, "Zoetermeer": 127_000, "Leeuwarden": 125_000, "Maastricht": 121_000,
    "Dordrecht": 120_000, "Ede": 119_000, "Alphen aan den Rijn": 113_000, "Alkmaar": 110_000, "Westland": 112_000,
    "Emmen": 107_000, "Delft": 104_000, "Venlo": 102_000, "Deventer": 101_000, "Sittard-Geleen": 91_000,
    "Helmond": 93_000, "Oss": 93_000, "Amstelveen": 92_000, "Hilversum": 92_000, "Súdwest-Fryslân": 90_000,
    "Heerlen": 87_000, "Schiedam": 80_000, "Vlaardingen": 75_000, "Purmerend": 92_000, "Lelystad": 80_000,
    "Capelle aan den IJssel": 67_000, "Diemen": 31_000, "Gouda": 74_000, "Nissewaard": 85_000,
    "Den Helder": 57_000, "Roosendaal": 78_000, "Bergen op Zoom": 68_000, "Leidschendam-Voorburg": 77_000,
    "Rijswijk": 56_000, "Hoorn": 74_000, "Oosterhout": 56_000, "Veenendaal": 67_000, "Nieuwegein": 64_000,
    "Zeist": 66_000, "Middelburg": 49_000, "Vlissingen": 45_000, "Terneuzen": 55_000, "Kerkrade": 45_000,
    "Velsen": 69_000,
}
NATIONAL_POP = 17_800_000
BIG4 = ("Amsterdam", "Rotterdam", "'s-Gravenhage", "Utrecht")
#: Extra concentration of non-western persons (multiplier on population weight; assumption).
NW_CONCENTRATION = {"big4": 3.0, "city100k": 1.6, "suburb_randstad": 1.9, "other": 0.45}
SUBURBS = ("Almere", "Schiedam", "Vlaardingen", "Capelle aan den IJssel", "Diemen", "Zaanstad", "Rijswijk",
           "Leidschendam-Voorburg", "Nissewaard", "Lelystad", "Amstelveen", "Zoetermeer", "Haarlemmermeer")
#: Randstad labour-market regions (the four big-city regions and their ring; assumption).
RANDSTAD_AMR = ("AM17", "AM18", "AM19", "AM20", "AM21", "AM22", "AM23", "AM13", "AM34", "AM37", "AM11", "AM12")


@dataclass
class Geography:
    gm_code: np.ndarray  # "0363" strings (no GM prefix), one per municipality
    gm_name: np.ndarray
    amr: np.ndarray
    population: np.ndarray  # assumed population per municipality (float)
    group_weights: np.ndarray  # (n_groups, n_municipalities) probability of living there by origin
    obj_offset: np.ndarray  # first object index per municipality
    obj_count: np.ndarray  # objects per municipality
    n_objects: int
    table_rows: list[dict]  # the packaged csv rows (GEMEENTEREGIO)

    def municipality_of_object(self, obj: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.obj_offset, obj, side="right") - 1

    def draw_municipality(self, rng: np.random.Generator, group: np.ndarray) -> np.ndarray:
        out = np.empty(len(group), dtype=np.int32)
        for g in np.unique(group):
            sel = np.flatnonzero(group == g)
            cw = np.cumsum(self.group_weights[g])
            out[sel] = np.minimum(np.searchsorted(cw, rng.random(len(sel)) * cw[-1], side="right"),
                                  len(cw) - 1)
        return out

    def draw_object(self, rng: np.random.Generator, municipality: np.ndarray) -> np.ndarray:
        return (self.obj_offset[municipality] + (rng.random(len(municipality)) *
                                                 self.obj_count[municipality]).astype(np.int64)).astype(np.int64)


def load_gemeente_rows() -> list[dict]:
    text = resources.files("kansenmonitor").joinpath("data/gemeente_amr_provincie_2023.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def build_geography(seed: int, n_objects: int) -> Geography:
    rows = load_gemeente_rows()
    rng = np.random.default_rng(np.random.SeedSequence([seed, 10_001]))
    names = np.array([r["gemeente_naam"] for r in rows], dtype=object)
    codes = np.array([r["gemeente_code"][2:] for r in rows], dtype=object)
    amr = np.array([r["amr_code"] for r in rows], dtype=object)
    known = np.array([KNOWN_POPULATION.get(n, 0) for n in names], dtype=float)
    rest = NATIONAL_POP - known.sum()
    unknown = known == 0
    sizes = rng.lognormal(0.0, 0.55, int(unknown.sum()))
    pop = known.copy()
    pop[unknown] = sizes / sizes.sum() * rest
    kind = np.full(len(rows), "other", dtype=object)
    city = (pop >= 100_000)
    kind[city] = "city100k"
    kind[np.isin(names, SUBURBS)] = "suburb_randstad"
    kind[np.isin(names, BIG4)] = "big4"
    nw_mult = np.array([NW_CONCENTRATION[k] for k in kind])
    w_mult = np.where(np.isin(kind, ["big4", "city100k", "suburb_randstad"]), 1.3, 0.85)
    weights = np.empty((len(C.GROUPS), len(rows)))
    for gi, g in enumerate(C.GROUPS):
        if g == "NL":
            m = np.where(kind == "big4", 0.75, 1.0)
        elif g in C.NONWESTERN_GROUPS:
            m = nw_mult
        else:
            m = w_mult
        weights[gi] = pop * m / (pop * m).sum()
    counts = np.maximum(1, np.round(pop / pop.sum() * n_objects)).astype(np.int64)
    offset = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return Geography(gm_code=codes, gm_name=names, amr=amr, population=pop, group_weights=weights,
                     obj_offset=offset, obj_count=counts, n_objects=int(counts.sum()), table_rows=rows)


def object_ids(obj: np.ndarray) -> pa.Array:
    """RINOBJECTNUMMER strings (16 digits, a bijective scramble of the object index)."""
    # multiplier coprime to 10 and small enough that index * multiplier fits in uint64
    x = (np.asarray(obj, dtype=np.uint64) * np.uint64(97_531_864_213)
         + np.uint64(1_442_695_040_888_963)) % np.uint64(10**16)
    return pc.utf8_lpad(pc.cast(pa.array(x.astype(np.int64)), pa.string()), 16, "0")


def object_kinds(obj: np.ndarray) -> pa.Array:
    """SOORTOBJECTNUMMER: BAG object type (verblijfsobject; a few ligplaats / standplaats)."""
    h = (np.asarray(obj, dtype=np.int64) * 2_654_435_761) % 1000
    kinds = np.array(["VBO", "LIG", "STA"], dtype=object)
    return pa.array(kinds[np.where(h < 994, 0, np.where(h < 997, 1, 2))], pa.string())


def vslgwbtab_chunks(geo: Geography, years: range, chunk: int = 1_000_000):
    """VSLGWBTAB rows in chunks: one row per address object, gemYYYY/wcYYYY per year."""
    gm = pa.array(geo.gm_code.astype(str), pa.string())
    for start in range(0, geo.n_objects, chunk):
        obj = np.arange(start, min(start + chunk, geo.n_objects), dtype=np.int64)
        mun = geo.municipality_of_object(obj)
        gem = gm.take(pa.array(mun))
        wijk = pc.utf8_lpad(pc.cast(pa.array(((obj * 40_503) % 17).astype(np.int64)), pa.string()), 2, "0")
        wc = pc.binary_join_element_wise(gem, wijk, "")
        unknown = ((obj * 2_654_435_761) % 10_000) == 7  # a few objects without municipality ("----")
        gem = pc.if_else(pa.array(unknown), pa.scalar("----"), gem)
        wc = pc.if_else(pa.array(unknown), pa.scalar("------"), wc)
        cols = {"SOORTOBJECTNUMMER": object_kinds(obj), "RINOBJECTNUMMER": object_ids(obj)}
        for y in years:
            cols[f"gem{y}"] = gem
        for y in years:
            cols[f"wc{y}"] = wc
        yield pa.table(cols)


def gemeenteregio_table(geo: Geography) -> pa.Table:
    cols = ("gemeente_code", "gemeente_naam", "amr_code", "amr_naam", "provincie_code", "provincie_naam")
    return pa.table({c: pa.array([r[c] for r in geo.table_rows], pa.string()) for c in cols})
