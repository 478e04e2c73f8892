"""Build ``data/ms_counties.json`` from the US Atlas TopoJSON (run by hand).

Not used at run time: the generated JSON is committed, so the app needs
neither npm nor network access. To regenerate::

    mkdir -p /tmp/vega && cd /tmp/vega && npm install vega-datasets
    cd <repo root> && python -m rightsdesk.geo.build_counties \\
        /tmp/vega/node_modules/vega-datasets/data/us-10m.json

Despite the name, ``us-10m.json`` in vega-datasets holds *unprojected*
longitude/latitude (its transform translates to about -179.15, 17.67), so we
project here with a spherical Albers equal-area conic centred on Mississippi.
Equal-area keeps county sizes honest on a choropleth.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from rightsdesk.geo.county_names import MS_COUNTY_NAMES, MS_STATE_FIPS

OUTPUT = Path(__file__).resolve().parent / "data" / "ms_counties.json"

# Albers parameters: USGS standard parallels (as in EPSG:5070) but a central
# meridian through Mississippi so the state is drawn upright, not tilted.
STANDARD_PARALLELS = (29.5, 45.5)
ORIGIN = (-89.7, 32.7)  # (lon, lat)

# Output canvas: longest side of the state fits in this many units, with a
# margin so strokes on the border are not clipped.
CANVAS = 600.0
MARGIN = 4.0

ATTRIBUTION = (
    "County boundaries: US Atlas TopoJSON by Mike Bostock (us-10m.json as "
    "shipped in the vega-datasets npm package), ISC licence; derived from "
    "US Census Bureau cartographic boundary files (1:10,000,000)."
)

Point = tuple[float, float]
Ring = list[Point]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Undo TopoJSON quantisation: positions are delta-encoded integers."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def stitch_ring(arc_ids: Iterable[int], arcs: Sequence[list[Point]]) -> Ring:
    """Join arcs into one ring; ``~i`` (negative) means arc ``i`` reversed."""
    ring: Ring = []
    for arc_id in arc_ids:
        points = arcs[arc_id] if arc_id >= 0 else arcs[~arc_id][::-1]
        # Consecutive arcs share their joining point; keep it only once.
        ring.extend(points[1:] if ring else points)
    return ring


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    raise ValueError(f"unexpected geometry type {geometry['type']!r}")


def albers(lon: float, lat: float) -> Point:
    """Spherical Albers equal-area conic (Snyder, Map Projections, eq. 14-1ff)."""
    phi1, phi2 = (math.radians(p) for p in STANDARD_PARALLELS)
    lon0, lat0 = (math.radians(v) for v in ORIGIN)
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho0 = math.sqrt(c - 2 * n * math.sin(lat0)) / n
    rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
    theta = n * (math.radians(lon) - lon0)
    # SVG's y axis points down, hence the sign flip.
    return rho * math.sin(theta), -(rho0 - rho * math.cos(theta))


def fmt(value: float) -> str:
    """One decimal, no trailing ``.0``: far finer than the 1:10M source."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def ring_to_path(ring: Ring) -> str:
    rounded: list[tuple[str, str]] = []
    for x, y in ring:
        point = (fmt(x), fmt(y))
        if not rounded or rounded[-1] != point:  # rounding creates duplicates
            rounded.append(point)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()  # "Z" closes the ring
    head, *rest = (f"{x} {y}" for x, y in rounded)
    return f"M{head}L{' '.join(rest)}Z"


def build(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    geometries = {
        f"{int(g['id']):05d}": g
        for g in topology["objects"]["counties"]["geometries"]
        if str(g.get("id", "")).zfill(5).startswith(MS_STATE_FIPS) and g.get("type")
    }
    missing = set(MS_COUNTY_NAMES) - set(geometries)
    extra = set(geometries) - set(MS_COUNTY_NAMES)
    if missing or extra:
        raise SystemExit(f"FIPS mismatch: missing={sorted(missing)} extra={sorted(extra)}")

    projected: dict[str, list[Ring]] = {}
    for fips in MS_COUNTY_NAMES:
        rings = [
            [albers(lon, lat) for lon, lat in stitch_ring(ring_arcs, arcs)]
            for polygon in polygons_of(geometries[fips])
            for ring_arcs in polygon
        ]
        projected[fips] = rings

    xs = [x for rings in projected.values() for ring in rings for x, _ in ring]
    ys = [y for rings in projected.values() for ring in rings for _, y in ring]
    scale = (CANVAS - 2 * MARGIN) / max(max(xs) - min(xs), max(ys) - min(ys))
    width = (max(xs) - min(xs)) * scale + 2 * MARGIN
    height = (max(ys) - min(ys)) * scale + 2 * MARGIN

    def to_canvas(point: Point) -> Point:
        return (point[0] - min(xs)) * scale + MARGIN, (point[1] - min(ys)) * scale + MARGIN

    counties = [
        {
            "fips": fips,
            "name": name,
            "d": "".join(ring_to_path([to_canvas(p) for p in ring]) for ring in projected[fips]),
        }
        for fips, name in MS_COUNTY_NAMES.items()
    ]
    return {
        "attribution": ATTRIBUTION,
        "licence": "ISC",
        "source": "vega-datasets data/us-10m.json (topojson/us-atlas)",
        "projection": (
            f"Albers equal-area conic, standard parallels {STANDARD_PARALLELS}, "
            f"origin lon/lat {ORIGIN}"
        ),
        "viewBox": f"0 0 {math.ceil(width)} {math.ceil(height)}",
        "counties": counties,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="path to vega-datasets data/us-10m.json")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    data = build(json.loads(args.topojson.read_text(encoding="utf-8")))
    # Compact separators keep the shipped file small; one county per line
    # keeps diffs readable when the source data is refreshed.
    lines = [json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in data["counties"]]
    header = {k: v for k, v in data.items() if k != "counties"}
    body = json.dumps(header, ensure_ascii=False, indent=1)[:-2]
    text = body + ',\n "counties":[\n' + ",\n".join(lines) + "\n]}\n"
    json.loads(text)  # guard against a hand-assembly mistake
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode())} bytes, {len(lines)} counties)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
