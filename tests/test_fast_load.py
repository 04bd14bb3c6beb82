"""The fast readers give the very theatre the checking readers give, or the same problems.

Each property draws a random theatre, writes it as CSV, GeoJSON or GraphML in the
spellings and layouts such files take (quoted fields, padded values, short rows,
blank lines, key defaults, OSMnx lists, parallel and opposite edges, self-loops,
lines to snap, lines to measure), spoils it in one place half of the time, and
reads it both ways: ``read_*(...)`` (the fast path, falling back on the checking
reader) and ``read_*(..., fast=False)`` (the checking reader alone, the oracle).
The two must agree on every place, road (each as its file wrote it), holder,
note, id and name, or raise the same error with the same words. A file the
checking reader accepts must be read by the fast path itself, so that the
properties test it and not the fallback.
"""

from __future__ import annotations

import csv
import json
from io import StringIO
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from sim.errors import SimError, ValidationError
from sim.formats import HolderMap, read_csv, read_geojson, read_graphml
from sim.formats.fast_csv import read_csv_fast
from sim.formats.fast_geojson import read_geojson_fast
from sim.formats.fast_graphml import read_graphml_fast
from sim.model import PLACE_KINDS, ROAD_CLASSES

PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ---------------------------------------------------------------- random theatres

PLAIN_IDS = st.text(alphabet="abcé1-_", min_size=1, max_size=4)
ODD_IDS = st.text(alphabet="ab ,\"'&<é", min_size=1, max_size=4).map(str.strip).filter(bool)
#: A few positions that several places share, so that snapping meets ties.
GRID = st.sampled_from([(0.0, 0.0), (0.25, 36.5), (-33.5, 151.25), (89.5, -179.5)])


def _place(draw, pid: str) -> dict:
    lat, lon = draw(st.one_of(GRID, st.tuples(st.floats(-90, 90), st.floats(-180, 180))))
    holder = draw(st.sampled_from([None, None, "", "gov", "reb"]))
    return {
        "id": pid, "lat": lat, "lon": lon,
        "name": draw(st.sampled_from([None, "", pid.upper(), "Ḥimṣ", "Deir ez-Zor"])),
        "kind": draw(st.sampled_from([None, "", *PLACE_KINDS, " port "])),
        "country": draw(st.sampled_from([None, "", "SY", "lb", " TR "])),
        "governorate": draw(st.sampled_from([None, "", "Homs", " Rif Dimashq "])),
        "population": draw(st.one_of(st.none(), st.integers(0, 10**7))),
        "aliases": draw(st.lists(st.sampled_from(["Hims", " Homs ", "", "Emesa"]), max_size=3)),
        "coord_source": draw(st.sampled_from([None, "", "GeoNames 12345"])),
        "holder": holder,
        "status": draw(st.sampled_from([None, "", "held", "contested", " besieged "])),
    }


@st.composite
def theatres(draw, *, parallel: bool = False) -> dict:
    """Places (a dict of fields each) and roads (the same) of a random theatre; with
    ``parallel``, roads may repeat a pair (either way round) or join a place to itself."""
    ids = draw(st.lists(st.one_of(PLAIN_IDS, PLAIN_IDS, ODD_IDS), min_size=2, max_size=7,
                        unique=True))
    places = [_place(draw, pid) for pid in ids]
    pairs = [(i, j) for i in range(len(ids)) for j in range(len(ids)) if i != j or parallel]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=10, unique_by=(
        (lambda p: p) if parallel else (lambda p: frozenset(p)))))
    if parallel and chosen:
        chosen += draw(st.lists(st.sampled_from(chosen), max_size=3))
    roads = [{"a": ids[i], "b": ids[j],
              "km": draw(st.one_of(st.floats(0.001, 40_000), st.sampled_from([1.0, 5.0]))),
              "class": draw(st.sampled_from([None, "", *ROAD_CLASSES, " desert "])),
              "ref": draw(st.sampled_from([None, "", "M5", "M5;M4"])),
              "km_basis": draw(st.sampled_from([None, "", "sourced", "estimated"])),
              "note": draw(st.sampled_from([None, "", "via the pass"]))} for i, j in chosen]
    return {"places": places, "roads": roads}


#: Values that spoil a field, as text (CSV, GraphML) and as JSON values (GeoJSON).
BAD_TEXT = {"lat": ["north", "", "91", "nan", "1e999"], "lon": ["181", "east"],
            "kind": ["hamlet"], "country": ["Lebanon", "1A"], "population": ["many", "-5", "1.5"],
            "governorate": ["12"], "status": ["lost"], "id": ["", " "], "name": [],
            "km": ["-3", "0", "ten", "50000", ""], "class": ["trail"], "km_basis": ["maybe"],
            "a": ["nowhere", ""], "b": [""]}
BAD_JSON = [True, [1], {"x": 1}, -3, 3.5, "north"]


def spoil(spec: dict, draw, *, json_values: bool = False) -> dict:
    """The theatre with one thing wrong: a bad value, a duplicate id, a self-loop."""
    places, roads = [dict(p) for p in spec["places"]], [dict(r) for r in spec["roads"]]
    how = draw(st.sampled_from(["place", "road", "duplicate", "loop"] if roads else
                               ["place", "duplicate"]))
    if how == "duplicate":
        places.append(dict(draw(st.sampled_from(places))))
    elif how == "loop":
        road = draw(st.sampled_from(roads))
        road["b"] = road["a"]
    else:
        record = draw(st.sampled_from(places if how == "place" else roads))
        field = draw(st.sampled_from([f for f, v in BAD_TEXT.items() if v and f in record]))
        pool = BAD_TEXT[field] + (BAD_JSON if json_values else [])
        record[field] = draw(st.sampled_from(pool))
        if how == "place":  # a status counts only where a holder is named
            record["holder"] = record.get("holder") or "gov"
    return {"places": places, "roads": roads}


def drawn(data, *, json_values: bool = False, **kw) -> dict:
    """A random theatre, spoilt half of the time."""
    spec = data.draw(theatres(**kw))
    if data.draw(st.booleans()):
        spec = spoil(spec, data.draw, json_values=json_values)
    return spec


# ---------------------------------------------------------------- comparing loads

def summary(loaded) -> tuple:
    """Everything a load gives: the theatre's names, its places and roads (in order, each
    road as its file gave it), the holders (as a mapping and as columns) and the notes."""
    th, hc = loaded.theatre, loaded.holder_columns
    return (th.id, th.name, th.home_country, th.credits, th.source, list(th.places.items()),
            list(th.roads.items()), list(loaded.holders.items()), loaded.notes,
            hc.faction.tolist(), hc.status.tolist(), hc.factions)


def outcome(read, *args, **kw) -> tuple:
    try:
        return ("ok", summary(read(*args, **kw)))
    except SimError as exc:
        return ("error", type(exc).__name__, str(exc))


def agree(read, fast_read, args: tuple, kw: dict) -> None:
    """The reader gives what its checking reader alone gives; a file the checking reader
    accepts is read by the fast path itself, into a theatre kept as columns."""
    fast, slow = outcome(read, *args, **kw), outcome(read, *args, fast=False, **kw)
    assert fast == slow
    event("refused" if slow[0] == "error" else "read by the fast path")
    if slow[0] == "ok":
        taken = fast_read(*args, **kw)
        assert taken is not None and taken.theatre.columnar
        assert summary(taken) == slow[1]
        assert taken.theatre == read(*args, fast=False, **kw).theatre


# ---------------------------------------------------------------- CSV


def _csv_value(value, draw) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return draw(st.sampled_from([repr, "{:.4f}".format, lambda x: f" {x!r} "]))(value)
    if isinstance(value, int):
        return draw(st.sampled_from([str, lambda v: f" {v} ", "{}.0".format, "{}e0".format]))(
            value)
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def _csv_text(records: list[dict], required: list[str], optional: list[str], draw) -> str:
    columns = draw(st.permutations(required + draw(st.lists(st.sampled_from(optional),
                                                            unique=True))))
    out = StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=draw(st.sampled_from(
        [csv.QUOTE_MINIMAL, csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    writer.writerow([f" {c}" if draw(st.booleans()) and c != "id" else c for c in columns])
    short, blank = draw(st.booleans()), draw(st.booleans())
    for record in records:
        row = [_csv_value(record.get(c), draw) for c in columns]
        while short and row and row[-1] == "":
            row.pop()  # a spreadsheet's short row: the missing fields read as empty
        writer.writerow(row)
        if blank:
            out.write("\n")
    return out.getvalue()


PLACE_OPTIONAL = ["name", "kind", "country", "governorate", "population", "aliases",
                  "coord_source", "holder", "status", "pocket"]
ROAD_OPTIONAL = ["class", "ref", "km_basis", "note", "usable"]


@PROPERTY
@given(st.data())
def test_csv_fast_reader_gives_the_checking_readers_theatre_or_problems(data):
    spec = drawn(data)
    places = _csv_text(spec["places"], ["id", "lat", "lon"], PLACE_OPTIONAL, data.draw)
    roads = _csv_text(spec["roads"], ["a", "b", "km"], ROAD_OPTIONAL, data.draw)
    if data.draw(st.integers(0, 3)) == 0:  # trouble in the layout: a column, a row, a BOM
        places = data.draw(st.sampled_from([places.replace("lat", "latt", 1),
                                            places + "x,1,2,3,4,5,6,7,8,9,10,11,12\n",
                                            "\ufeff" + places, places + "\n\n"]))
    kw = {"places_file": "t/places.csv", "roads_file": "t/roads.csv", "folder": "t",
          "stem": "rand", "home_country": data.draw(st.sampled_from([None, "XA", " xb "]))}
    agree(read_csv, read_csv_fast, (places, roads), kw)


def test_a_bad_csv_file_is_left_to_the_checking_reader_which_names_file_and_line():
    places = "id,lat,lon,kind\na,0,0,town\nb,north,1,hamlet\na,1,1,\n"
    roads = "a,b,km\na,b,-3\na,zed,2\n"
    assert read_csv_fast(places, roads) is None
    with pytest.raises(ValidationError) as found:
        read_csv(places, roads, places_file="places.csv", roads_file="roads.csv")
    assert found.value.problems == [
        "places.csv:3: lat 'north' is not a number",
        "places.csv:3: kind must be one of city, town, junction, crossing, port, airbase, "
        "got 'hamlet'",
        "places.csv:4: duplicate place id 'a' (first at places.csv:2)",
        "roads.csv:2: km must be positive, got '-3'",
        "roads.csv:3: road names unknown place 'zed'"]


def test_a_csv_theatre_keeps_each_road_as_its_file_wrote_it():
    loaded = read_csv("id,lat,lon\na,0,0\nb,0,1\nc,0,2\n", "a,b,km\nb,a,5\nb,c,6\n",
                      home_country="XA")
    assert loaded.theatre.columnar
    assert [(r.a, r.b) for r in loaded.theatre.roads.values()] == [("b", "a"), ("b", "c")]


# ---------------------------------------------------------------- GeoJSON


def _json_value(value, draw):
    if isinstance(value, list) and all(isinstance(v, str) for v in value) and draw(
            st.booleans()):
        return "; ".join(value)  # aliases may be one text
    if isinstance(value, int) and not isinstance(value, bool) and draw(st.booleans()):
        return str(value)
    return value


def _props(record: dict, fields, draw) -> dict:
    return {k: _json_value(v, draw) for k, v in record.items()
            if k in fields and (v is not None or draw(st.booleans()))}


def _line(road: dict, where: dict, draw) -> dict:
    """A LineString feature of a road: its ends given or left to snap (to the place's
    position, or a few metres off), its length given in km, in metres, or not at all."""
    start, end = ([*where.get(e, default)] if isinstance(e, str) else default
                  for e, default in ((road["a"], [0.0, 0.0]), (road["b"], [1.0, 1.0])))
    props = _props(road, ("a", "b", "class", "ref", "km_basis", "note"), draw)
    for k in ("a", "b"):
        if k in props and isinstance(props[k], str) and props[k] in where and draw(
                st.integers(0, 3)) == 0:
            del props[k]  # left to snap
    coords = [list(start), list(end)]
    if draw(st.booleans()):
        coords[0] = [coords[0][0], max(-90.0, min(90.0, coords[0][1] + 0.0001))]
    length = draw(st.sampled_from(["km", "length_m", "measured"]))
    if length == "km":
        props["km"] = road["km"]
    elif length == "length_m":
        props["length_m"] = road["km"] * 1000 if isinstance(road["km"], float) else road["km"]
    else:
        coords.insert(1, [coords[0][0] / 2 + 0.01, coords[0][1] / 2])
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "LineString", "coordinates": coords}}


def geojson_text(spec: dict, draw) -> str:
    where = {}
    features = []
    for p in spec["places"]:
        lat, lon = p["lat"], p["lon"]
        if isinstance(lat, float) and isinstance(lon, float) and isinstance(p["id"], str):
            where.setdefault(p["id"], [lon, lat])
        props = _props(p, ("id", "name", "kind", "country", "governorate", "population",
                           "aliases", "coord_source", "holder", "status"), draw)
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    lines = [_line(r, where, draw) for r in spec["roads"]]
    features = draw(st.permutations(features + lines))
    if features and draw(st.integers(0, 5)) == 0:  # a feature of the wrong shape
        feature = draw(st.sampled_from(features))
        key, bad = draw(st.sampled_from([("type", "Feat"), ("type", ["Feature"]),
                                         ("geometry", None), ("properties", ["id"]),
                                         ("geometry", {"type": "Polygon"}),
                                         ("geometry", {"type": ["Point"]})]))
        feature[key] = bad
    doc = {"type": "FeatureCollection", "features": features}
    meta = draw(st.sampled_from([None, {}, {"theatre": "t1", "theatre_name": "T One",
                                            "home_country": "sy", "credits": "A; B"}]))
    if meta is not None:
        doc["sim"] = meta
    ascii_only = draw(st.booleans())
    layout = draw(st.sampled_from(["one line", "a feature a line", "a feature a line",
                                   "indented"]))
    if layout != "a feature a line":
        return json.dumps(doc, ensure_ascii=ascii_only, indent=1 if layout == "indented" else None)
    # as exports write it, which the fast path parses a batch of lines at a time
    head = json.dumps({k: v for k, v in doc.items() if k != "features"}, ensure_ascii=ascii_only)
    body = [json.dumps(f, ensure_ascii=ascii_only, indent=draw(st.sampled_from([None] * 5 + [1])))
            for f in features]
    return head[:-1] + ', "features": [\n' + ",\n".join(body) + "\n]}\n"


def _features_fast(text, **kw):
    return read_geojson_fast(text, **kw)


@PROPERTY
@given(st.data())
def test_geojson_fast_reader_gives_the_checking_readers_theatre_or_problems(data):
    spec = drawn(data, json_values=True)
    text = geojson_text(spec, data.draw)
    kw = {"file": "t.geojson", "stem": "rand",
          "home_country": data.draw(st.sampled_from([None, "XA"]))}
    agree(read_geojson, _features_fast, (text,), kw)


def test_a_geojson_line_snaps_to_the_nearest_place_and_on_a_tie_to_the_first_id():
    point = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 0]}}
    features = [{**point, "properties": {"id": i}} for i in ("c", "b")] + [
        {"type": "Feature", "properties": {"id": "a"},
         "geometry": {"type": "Point", "coordinates": [0, 0]}},
        {"type": "Feature", "properties": {"a": "a", "note": "track"},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 0.002]]}}]
    text = json.dumps({"type": "FeatureCollection", "features": features})
    loaded = read_geojson(text, file="t.geojson", home_country="XA")
    assert loaded.theatre.columnar and loaded.theatre.road("a", "b").note == (
        "track; ends snapped to the nearest places: b=b (222 m away)")
    assert summary(loaded) == summary(read_geojson(text, file="t.geojson", home_country="XA",
                                                   fast=False))


# ---------------------------------------------------------------- GraphML


def graphml_text(spec: dict, draw) -> str:
    x, y = draw(st.sampled_from([("x", "y"), ("lon", "lat")]))
    node_attrs = [x, y, "name", "kind", "country", "governorate", "population", "aliases",
                  "coord_source", "holder", "status"]
    edge_attrs = ["length", "km", "highway", "ref", "name", "note", "class", "km_basis"]
    defaults = {"node": {"kind": draw(st.sampled_from([None, "town", "city"]))},
                "edge": {"highway": draw(st.sampled_from([None, "residential", "trunk"]))}}
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    for domain, names in (("graph", ["created_with", "crs", "theatre_name"]),
                          ("node", node_attrs), ("edge", edge_attrs)):
        for name in names:
            default = defaults.get(domain, {}).get(name)
            body = f"><default>{escape(default)}</default></key>" if default else "/>"
            out.append(f'<key id="{domain[0]}_{name}" for="{domain}" attr.name="{name}"{body}')
    out.append('<graph edgedefault="directed">')
    meta = {"created_with": draw(st.sampled_from([None, "OSMnx 1.9.4", "sim"])),
            "crs": draw(st.sampled_from([None, "epsg:4326", "+proj=longlat +datum=WGS84"])),
            "theatre_name": draw(st.sampled_from([None, "West Side"]))}
    out += [f'<data key="g_{k}">{escape(v)}</data>' for k, v in meta.items() if v]

    def data(prefix: str, values: dict) -> str:
        return "".join(f'<data key="{prefix}_{k}">{escape(str(v))}</data>' for k, v in
                       values.items() if v is not None)

    for p in spec["places"]:
        values = {k: (";".join(v) if isinstance(v, list) else v) for k, v in p.items()
                  if k not in ("id", "lat", "lon")}
        values[x], values[y] = p["lon"], p["lat"]
        out.append(f"<node id={quoteattr(str(p['id']))}>{data('n', values)}</node>")
    for r in spec["roads"]:
        length = draw(st.sampled_from(["length", "km", "measured"]))
        km = r["km"]
        values = {"length": km * 1000 if isinstance(km, float) else km} if length == "length" \
            else {"km": km} if length == "km" else {}
        values.update({k: r[k] for k in ("class", "km_basis", "note") if r[k] is not None})
        values["highway"] = draw(st.sampled_from([None, "motorway", "primary_link", "service",
                                                  "['primary', 'residential']"]))
        values["ref"] = draw(st.sampled_from([None, "M5", "['M5', 'M4']"]))
        values["name"] = draw(st.sampled_from([None, "Main St", "['A St', 'B St']"]))
        out.append(f"<edge source={quoteattr(str(r['a']))} target={quoteattr(str(r['b']))}>"
                   f"{data('e', values)}</edge>")
    out += ["</graph>", "</graphml>"]
    return "\n".join(out)


@PROPERTY
@given(st.data())
def test_graphml_fast_reader_gives_the_checking_readers_theatre_or_problems(data):
    spec = drawn(data, parallel=True)
    text = graphml_text(spec, data.draw).encode()
    kw = {"file": "t.graphml", "stem": "rand",
          "home_country": data.draw(st.sampled_from([None, "XA"]))}
    agree(read_graphml, read_graphml_fast, (text,), kw)


def test_graphml_parallel_edges_collapse_to_the_shortest_the_first_of_equals():
    text = ('<graphml><key id="x" for="node" attr.name="x"/><key id="y" for="node" '
            'attr.name="y"/><key id="l" for="edge" attr.name="length"/>'
            '<key id="r" for="edge" attr.name="ref"/><graph>'
            '<node id="a"><data key="x">0</data><data key="y">0</data></node>'
            '<node id="b"><data key="x">1</data><data key="y">0</data></node>'
            '<edge source="a" target="b"><data key="l">900</data><data key="r">A</data></edge>'
            '<edge source="b" target="a"><data key="l">500</data><data key="r">B</data></edge>'
            '<edge source="a" target="b"><data key="l">500</data><data key="r">C</data></edge>'
            '</graph></graphml>')
    road = read_graphml_fast(text).theatre.road("a", "b")
    assert (road.a, road.km, road.ref, road.sourced) == ("b", 0.5, "B", True)


def test_a_projected_graph_or_a_doctype_is_left_to_the_checking_reader():
    head = '<graphml><key id="c" for="graph" attr.name="crs"/><graph>'
    projected = head + '<data key="c">epsg:32637</data><node id="a"/></graph></graphml>'
    assert read_graphml_fast(projected) is None
    with pytest.raises(ValidationError, match="x/y are not degrees"):
        read_graphml(projected)
    doctype = '<!DOCTYPE g [<!ENTITY e "x">]>' + head + "</graph></graphml>"
    assert read_graphml_fast(doctype) is None
    with pytest.raises(SimError, match="entity declarations are not allowed"):
        read_graphml(doctype)


# ---------------------------------------------------------------- holders


def test_the_holders_a_file_names_are_a_mapping_over_two_arrays():
    places = ("id,lat,lon,holder,status\nc,0,2,reb,besieged\na,0,0,gov,\nb,0,1,,\n"
              "d,0,3,gov,contested\n")
    loaded = read_csv(places, "a,b,km\na,b,1\n", home_country="XA")
    held = loaded.holders
    assert isinstance(held, HolderMap)
    assert dict(held) == {"a": ("gov", "held"), "c": ("reb", "besieged"),
                          "d": ("gov", "contested")}
    assert list(held) == ["a", "c", "d"] and len(held) == 3 and "b" not in held
    with pytest.raises(KeyError):
        held["b"]
    cols = loaded.holder_columns
    assert cols.faction.dtype == np.int16 and cols.status.dtype == np.uint8
    assert (cols.faction.tolist(), cols.status.tolist(), cols.factions) == (
        [0, -1, 1, 0], [0, 0, 2, 1], ("gov", "reb"))
    slow = read_csv(places, "a,b,km\na,b,1\n", home_country="XA", fast=False)
    assert dict(slow.holders) == dict(held)
    assert slow.holder_columns.faction.tolist() == cols.faction.tolist()


def test_an_exported_collection_is_read_a_batch_of_lines_at_a_time(monkeypatch):
    import sim
    from sim.formats import export_geojson, exports, fast_geojson

    scenario = sim.load("syria-2024-12-06")
    text = export_geojson(scenario, exports.default_faction(scenario))
    monkeypatch.setattr(fast_geojson, "BATCH_CHARS", 300)  # many batches, cut at line ends
    batches = fast_geojson._streamed(text)[1]
    assert sum(1 for _ in batches) > 100
    assert summary(read_geojson_fast(text)) == summary(read_geojson(text, fast=False))
    spanning = text.replace('{"type": "Feature", "properties"',
                            '{"type": "Feature",\n"properties"', 1)  # a feature over two lines
    assert summary(read_geojson_fast(spanning)) == summary(read_geojson(text, fast=False))
