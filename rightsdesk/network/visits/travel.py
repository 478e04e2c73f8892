"""How far a volunteer lives from a facility, from county to county.

The shipped county map (geo/data/ms_counties.json) holds the counties already projected (a
spherical Albers equal-area conic centred on Mississippi, scaled to a 600-unit canvas) and keeps
no longitude or latitude, so a great-circle (haversine) distance cannot be taken from it without
guessing the canvas offset. Instead each county's centroid is taken on the map itself and map
units are turned into kilometres with the projection's own property: it is equal-area, so the
state's area on the canvas divided by its real area gives the scale exactly. Over one state the
Albers projection distorts distances by a few per cent at most, which is finer than "about 40 km"
needs. Computed once per process."""

from __future__ import annotations

import json
import math
import re
from functools import cache

from rightsdesk.geo.maps import DATA_FILE

# Mississippi's total area (land and water), US Census Bureau: 48,430 square miles.
MISSISSIPPI_AREA_KM2 = 125_433.0

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _rings(path: str) -> list[list[tuple[float, float]]]:
    """The closed rings of an SVG path made only of M, L and Z (as build_counties writes)."""
    rings = []
    for part in path.split("M")[1:]:
        values = [float(v) for v in _NUMBER.findall(part.split("Z")[0])]
        rings.append(list(zip(values[0::2], values[1::2], strict=True)))
    return rings


def _ring_area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed area and the area-weighted centroid sums of one polygon ring (shoelace)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return area / 2, cx / 6, cy / 6


@cache
def _map() -> tuple[dict[str, tuple[float, float]], float]:
    """County FIPS -> centroid on the canvas, and kilometres per canvas unit."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    centroids: dict[str, tuple[float, float]] = {}
    total = 0.0
    for county in data["counties"]:
        area = sx = sy = 0.0
        for ring in _rings(county["d"]):
            # Holes wind the other way, so their signed area subtracts as it should.
            a, cx, cy = _ring_area_centroid(ring)
            area, sx, sy = area + a, sx + cx, sy + cy
        centroids[county["fips"]] = (sx / area, sy / area)
        total += abs(area)
    return centroids, math.sqrt(MISSISSIPPI_AREA_KM2 / total)


@cache
def county_distance_km(a: str, b: str) -> float | None:
    """Straight-line kilometres between two counties' centres; None if either is unknown."""
    centroids, km_per_unit = _map()
    if a not in centroids or b not in centroids:
        return None
    (ax, ay), (bx, by) = centroids[a], centroids[b]
    return math.hypot(ax - bx, ay - by) * km_per_unit
