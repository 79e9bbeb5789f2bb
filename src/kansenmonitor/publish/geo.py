"""Map boundaries as SVG paths, projected once when the site is built.

The TopoJSON files in ``kansenmonitor/data/geo`` (CBS Gebiedsindelingen 2023, see the README
there) are decoded here and projected with a plate carrée scaled by cos(52.2°), which keeps
the Netherlands' shape within a few per cent; the browser then only fills ready-made paths.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources

#: Credit line required by the boundaries' licence (CC BY 4.0); shown under every map.
CREDIT_NL = "Kaartgrenzen: CBS Gebiedsindelingen 2023 via PDOK (CC BY 4.0), vereenvoudigd door cartomap/nl."

LAYERS = {"amr": "arbeidsmarktregio_2023", "provincie": "provincie_2023"}
_LAT0 = 52.2
_WIDTH = 560.0


@dataclass(frozen=True)
class Area:
    """One region: CBS code (``AM18``, ``PV27``), name and SVG path in map coordinates."""

    code: str
    name: str
    path: str


def _topology(name: str) -> dict:
    text = resources.files("kansenmonitor").joinpath("data", "geo", f"{name}.topojson").read_text(encoding="utf-8")
    return json.loads(text)


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat of every arc (TopoJSON quantised, delta-encoded arcs)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])  # consecutive arcs share their end point
    return points


def _bounds(topology: dict) -> tuple[float, float, float, float]:
    lons, lats = zip(*(p for arc in _decode_arcs(topology) for p in arc))
    return min(lons), min(lats), max(lons), max(lats)


class _Projection:
    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        self.lon0, self.lat0, lon1, self.lat1 = bounds
        self.kx = math.cos(math.radians(_LAT0))
        self.scale = _WIDTH / ((lon1 - self.lon0) * self.kx)
        self.height = (self.lat1 - self.lat0) * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.kx * self.scale, (self.lat1 - lat) * self.scale


def _path(rings: list[list[tuple[float, float]]], project: _Projection) -> str:
    parts = []
    for ring in rings:
        xy = [project(lon, lat) for lon, lat in ring]
        coords = []
        last = None
        for x, y in xy:
            p = (round(x, 1), round(y, 1))
            if p != last:
                coords.append(f"{p[0]:g} {p[1]:g}")
                last = p
        if len(coords) >= 3:
            parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def map_layers() -> dict:
    """Every layer as ``{"width", "height", "amr": [Area...], "provincie": [...]}`` in one
    projection (the labour-market regions' extent)."""
    topologies = {key: _topology(name) for key, name in LAYERS.items()}
    project = _Projection(_bounds(topologies["amr"]))
    out: dict = {"width": _WIDTH, "height": round(project.height, 1), "credit": CREDIT_NL}
    for key, name in LAYERS.items():
        topology = topologies[key]
        arcs = _decode_arcs(topology)
        areas = []
        for geometry in topology["objects"][name]["geometries"]:
            polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
            props = geometry["properties"]
            areas.append(Area(props["statcode"], props["statnaam"], _path(rings, project)))
        out[key] = sorted(areas, key=lambda a: a.code)
    return out


def map_json() -> dict:
    """:func:`map_layers` as plain JSON data for the browser."""
    layers = map_layers()
    return {k: ([{"code": a.code, "name": a.name, "d": a.path} for a in v] if isinstance(v, list) else v)
            for k, v in layers.items()}
