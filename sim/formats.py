"""Your own road networks: GraphML, GeoJSON and CSV theatres, in and out.

A theatre need not be bundled. This module turns the text of three common
formats into a :class:`Loaded` theatre, and a scenario back into those formats
with its holders and analysis results as attributes (for QGIS, Gephi or a
spreadsheet). It is pure: text in, values out; :mod:`sim.io` reads and writes
the files.

- **GraphML**, as OSMnx writes it: node ``x``/``y`` in degrees (or ``lon``/``lat``),
  edge ``length`` in metres (or ``km``). Parallel and opposite directed edges
  collapse into one undirected road with the shortest length; self-loops are
  dropped. Places take the node id, the ``name`` attribute (else the id) and
  kind ``junction`` unless the file says otherwise.
- **GeoJSON**: a FeatureCollection of Point features (places: ``id``, ``name``,
  ``kind``, ``country``, ``population``, ``aliases``) and LineString features
  (roads: ``a``, ``b``, ``km`` or ``length_m``, ``class``, ``ref``). A line
  without ``a``/``b`` is snapped to the nearest places within :data:`SNAP_KM` of
  its ends; a line without a length is measured along its coordinates.
- **CSV**: ``places.csv`` (``id,name,lat,lon,kind,country,population,aliases``,
  aliases separated by ``;``) and ``roads.csv`` (``a,b,km,class,ref``).

Any of the three may also carry ``holder`` and ``status`` for places (as
:func:`export_geojson` and friends write them); they serve as the file's own
control when no scenario is given.

Every malformed record is reported at once, each problem naming where it is:
the CSV file and line, the GraphML node or edge (and its line), the GeoJSON
feature index.

>>> loaded = read_csv("id,lat,lon\\na,0,0\\nb,0,1\\n", "a,b,km\\na,b,111.2\\n", home_country="XA")
>>> loaded.theatre.road("b", "a").km, loaded.theatre.places["a"].kind
(111.2, 'town')
"""

from __future__ import annotations

import ast
import csv
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from io import StringIO
from typing import Any
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from .analysis import assess, passable_places
from .control import STATUSES, Faction
from .errors import InputError, ValidationError
from .model import (PLACE_KINDS, ROAD_CLASSES, FactionInfo, Place, Road, Theatre,
                    great_circle_km)
from .names import normalize

#: Home country of a theatre whose places name none and whose user declares none
#: (ISO 3166 reserves ZZ for "unknown").
UNKNOWN_COUNTRY = "ZZ"
#: How far (km) a GeoJSON line's end may lie from the place it is snapped to.
SNAP_KM = 0.5
#: Colours of factions a theatre's catalogue does not know, given in order of their ids.
FACTION_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                   "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")
#: OSM ``highway`` values and the road class they count as (anything else: secondary).
OSM_HIGHWAY_CLASS = {"motorway": "motorway", "motorway_link": "motorway",
                     "trunk": "primary", "trunk_link": "primary",
                     "primary": "primary", "primary_link": "primary"}
EXPORT_FORMATS = ("geojson", "graphml", "csv")
#: The credit OpenStreetMap data needs; a GraphML file OSMnx made carries it.
OSM_CREDIT = ("Map data © OpenStreetMap contributors, available under the Open Database "
              "License (ODbL)")
#: Columns of exported places and roads, in order (GeoJSON properties and GraphML
#: attributes carry the same names; GeoJSON and GraphML keep lat/lon as coordinates).
PLACE_COLUMNS = ["id", "name", "lat", "lon", "kind", "country", "population", "aliases",
                 "holder", "status", "pocket", "main_pocket", "chokepoint", "stronghold"]
ROAD_COLUMNS = ["a", "b", "km", "class", "ref", "km_basis", "note", "usable", "cut"]


@dataclass(frozen=True)
class Loaded:
    """A theatre read from a file, the holders the file names, and notes for its user.

    ``holders`` maps place ids to ``(faction, status)`` pairs read from the file's
    own ``holder``/``status`` attributes; ``notes`` says what the loader decided on
    the user's behalf (snapped line ends).
    """

    theatre: Theatre
    holders: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


# ---------------------------------------------------------------- shared parsing

def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _float(value: Any, what: str, where: str, problems: list[str]) -> float | None:
    """A finite number from text or JSON, or None after noting the problem."""
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(f"{where}: missing {what}")
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        problems.append(f"{where}: {what} {value!r} is not a number")
        return None
    try:
        number = float(value)
    except ValueError:
        problems.append(f"{where}: {what} {value!r} is not a number")
        return None
    if not math.isfinite(number):
        problems.append(f"{where}: {what} {value!r} is not a finite number")
        return None
    return number


def _positive(value: Any, what: str, where: str, problems: list[str]) -> float | None:
    number = _float(value, what, where, problems)
    if number is not None and number <= 0:
        problems.append(f"{where}: {what} must be positive, got {value!r}")
        return None
    return number


def _aliases(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else _text(value).split(";")
    return tuple(a for a in (_text(v) for v in items) if a)


def _make_place(f: Mapping[str, Any], where: str, problems: list[str], *,
                default_kind: str) -> Place | None:
    """A place from loosely typed fields (id, name, lat, lon, kind, country, population, aliases)."""
    before = len(problems)
    pid = _text(f.get("id"))
    if not pid:
        problems.append(f"{where}: missing id")
    lat = _float(f.get("lat"), "lat", where, problems)
    lon = _float(f.get("lon"), "lon", where, problems)
    if lat is not None and not -90 <= lat <= 90:
        problems.append(f"{where}: lat {lat} is out of range (-90 to 90)")
    if lon is not None and not -180 <= lon <= 180:
        problems.append(f"{where}: lon {lon} is out of range (-180 to 180)")
    kind = _text(f.get("kind")) or default_kind
    if kind not in PLACE_KINDS:
        problems.append(f"{where}: kind must be one of {', '.join(PLACE_KINDS)}, got {kind!r}")
    population = None
    raw_pop = f.get("population")
    if _text(raw_pop):
        try:
            number = float(raw_pop)
            if isinstance(raw_pop, bool) or not number.is_integer() or number < 0:
                raise ValueError
            population = int(number)
        except (TypeError, ValueError):
            problems.append(f"{where}: population {raw_pop!r} is not a whole number")
    country = _text(f.get("country")).upper()
    if len(problems) > before:
        return None
    return Place(pid, _text(f.get("name")) or pid, lat, lon, kind, country, population,
                 _aliases(f.get("aliases")))


def _road_class(value: Any, where: str, problems: list[str]) -> str:
    cls = _text(value) or "primary"
    if cls not in ROAD_CLASSES:
        problems.append(f"{where}: class must be one of {', '.join(ROAD_CLASSES)}, got {cls!r}")
    return cls


def _sourced(value: Any, default: bool, where: str, problems: list[str]) -> bool:
    basis = _text(value)
    if not basis:
        return default
    if basis not in ("sourced", "estimated"):
        problems.append(f"{where}: km_basis must be sourced or estimated, got {basis!r}")
    return basis == "sourced"


def _holding(f: Mapping[str, Any], pid: str, where: str, holders: dict, problems: list[str]) -> None:
    holder, status = _text(f.get("holder")), _text(f.get("status")) or "held"
    if not holder:
        return
    if status not in STATUSES:
        problems.append(f"{where}: status must be one of {', '.join(STATUSES)}, got {status!r}")
    holders[pid] = (holder, status)


@dataclass
class _Draft:
    """Places and roads read so far, each with where it came from, and the problems found."""

    problems: list[str] = field(default_factory=list)
    places: dict[str, tuple[Place, str]] = field(default_factory=dict)
    claimed: set[str] = field(default_factory=set)     # ids of every place record, valid or not
    roads: list[tuple[Road, str]] = field(default_factory=list)
    holders: dict[str, tuple[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add_place(self, f: Mapping[str, Any], where: str, default_kind: str) -> Place | None:
        pid = _text(f.get("id"))
        if pid in self.places:
            self.problems.append(f"{where}: duplicate place id {pid!r} "
                                 f"(first at {self.places[pid][1]})")
            return None
        if pid in self.claimed:
            self.problems.append(f"{where}: duplicate place id {pid!r}")
            return None
        place = _make_place(f, where, self.problems, default_kind=default_kind)
        if pid:
            self.claimed.add(pid)
        if place is not None:
            self.places[pid] = (place, where)
            _holding(f, pid, where, self.holders, self.problems)
        return place

    def check_ends(self, a: str, b: str, where: str) -> bool:
        ok = True
        for end, label in ((a, "a"), (b, "b")):
            if not end:
                self.problems.append(f"{where}: missing road end {label}")
                ok = False
            elif end not in self.claimed:
                self.problems.append(f"{where}: road names unknown place {end!r}")
                ok = False
        if ok and a == b:
            self.problems.append(f"{where}: road joins {a!r} to itself")
            ok = False
        return ok

    def theatre(self, *, file: str, stem: str, meta: Mapping[str, Any],
                home_country: str | None, collapse: bool = False,
                credits: Iterable[str] = ()) -> Loaded:
        """Check the draft as a whole and build the theatre; raise every problem at once."""
        roads: dict[tuple[str, str], tuple[Road, str]] = {}
        drafted, self.roads = self.roads, []
        for road, where in drafted:
            seen = roads.get(road.key)
            if seen is None or (collapse and road.km < seen[0].km):
                roads[road.key] = (road, where)
            elif not collapse:
                self.problems.append(f"{where}: duplicate road {road.a}-{road.b} "
                                     f"(first at {seen[1]})")
        if self.problems:
            raise ValidationError(self.problems, file=file or None)
        home = home_country_of(self.places.values(), home_country or _text(meta.get("home_country")))
        places = [p if p.country else replace(p, country=home) for p, _ in self.places.values()]
        tid = _text(meta.get("theatre")) or slug(stem) or "theatre"
        name = _text(meta.get("theatre_name")) or _text(meta.get("name")) or stem or tid
        declared = meta.get("credits")
        declared = declared if isinstance(declared, list) else _text(declared).split(";")
        credits = tuple(dict.fromkeys(c for c in (_text(c) for c in [*declared, *credits]) if c))
        del drafted
        theatre = Theatre.build(tid, name, home, places, (r for r, _ in roads.values()),
                                credits=credits, source=file)
        return Loaded(theatre, dict(sorted(self.holders.items())), tuple(self.notes))


def slug(text: str) -> str:
    """A lowercase ASCII id for a name.

    >>> slug("West Oakland (OSM)")
    'west-oakland-osm'
    """
    return "-".join(normalize(text).split())


def home_country_of(places: Iterable[tuple[Place, str]] | Iterable[Place],
                    declared: str | None = None) -> str:
    """The theatre's home country: the declared one, else the commonest country its
    places name (the alphabetically first on a tie), else :data:`UNKNOWN_COUNTRY`.

    >>> home_country_of([Place("a", "A", 0, 0, country="XB")])
    'XB'
    """
    if declared and declared.strip():
        return declared.strip().upper()
    counts = Counter((p[0] if isinstance(p, tuple) else p).country for p in places)
    counts.pop("", None)
    if not counts:
        return UNKNOWN_COUNTRY
    return min(counts, key=lambda c: (-counts[c], c))


# ---------------------------------------------------------------- CSV

def _csv_rows(text: str, name: str, need: tuple[str, ...], problems: list[str]):
    reader = csv.DictReader(StringIO(text.lstrip("\ufeff"), newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in need if c not in header]
    if missing:
        problems.append(f"{name}:1: header must name columns {', '.join(need)} "
                        f"(missing {', '.join(missing)})")
        return
    try:
        for row in reader:
            if None in row:
                problems.append(f"{name}:{reader.line_num}: more fields than header columns")
                continue
            yield reader.line_num, row
    except csv.Error as exc:
        problems.append(f"{name}:{reader.line_num}: {exc}")


def read_csv(places_text: str, roads_text: str, *, places_file: str = "places.csv",
             roads_file: str = "roads.csv", folder: str = "", stem: str = "theatre",
             home_country: str | None = None) -> Loaded:
    """A theatre from the text of ``places.csv`` and ``roads.csv``.

    Places need ``id``, ``lat`` and ``lon`` (``name`` defaults to the id, ``kind``
    to ``town``, ``country`` to the home country); roads need ``a``, ``b`` and a
    positive ``km``. ``class`` defaults to ``primary``. Problems name the file and
    line (``roads.csv:4``).
    """
    draft = _Draft()
    pname, rname = places_file.rsplit("/", 1)[-1], roads_file.rsplit("/", 1)[-1]
    for line, row in _csv_rows(places_text, pname, ("id", "lat", "lon"), draft.problems):
        draft.add_place(row, f"{pname}:{line}", "town")
    same = {pid: pid for pid in draft.claimed}  # road ends share the places' id strings
    for line, row in _csv_rows(roads_text, rname, ("a", "b", "km"), draft.problems):
        where = f"{rname}:{line}"
        a, b = _text(row.get("a")), _text(row.get("b"))
        a, b = same.get(a, a), same.get(b, b)
        ends = draft.check_ends(a, b, where)
        km = _positive(row.get("km"), "km", where, draft.problems)
        cls = _road_class(row.get("class"), where, draft.problems)
        sourced = _sourced(row.get("km_basis"), False, where, draft.problems)
        if ends and km is not None:
            draft.roads.append((Road(a, b, km, cls, _text(row.get("ref")), sourced,
                                     _text(row.get("note"))), where))
    return draft.theatre(file=folder or places_file, stem=stem, meta={},
                         home_country=home_country)


# ---------------------------------------------------------------- GeoJSON

def _position(value: Any) -> tuple[float, float] | None:
    """(lon, lat) of a GeoJSON position, or None if it is not one."""
    if (isinstance(value, list) and len(value) >= 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                    and math.isfinite(v) for v in value[:2])):
        return float(value[0]), float(value[1])
    return None


def _nearest(places: Iterable[Place], lon: float, lat: float) -> tuple[Place | None, float]:
    best, best_km = None, math.inf
    for p in places:
        d = great_circle_km(lat, lon, p.lat, p.lon)
        if d < best_km or (d == best_km and best is not None and p.id < best.id):
            best, best_km = p, d
    return best, best_km


def read_geojson(text: str | bytes, *, file: str = "", stem: str = "theatre",
                 home_country: str | None = None) -> Loaded:
    """A theatre from a GeoJSON FeatureCollection of Point places and LineString roads.

    Problems name the feature by its index in ``features`` (``features[3]``).
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=file or None, line=exc.lineno) from None
    except UnicodeDecodeError:
        raise InputError("not a UTF-8 text file", file=file or None) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise InputError("a theatre in GeoJSON must be a FeatureCollection", file=file or None)
    features = doc.get("features")
    if not isinstance(features, list):
        raise InputError("the FeatureCollection has no list of features", file=file or None)
    meta = doc.get("sim") if isinstance(doc.get("sim"), dict) else {}
    draft = _Draft()
    lines: list[tuple[int, dict, list]] = []
    for i, feature in enumerate(features):
        where = f"features[{i}]"
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        props = feature.get("properties") if isinstance(feature, dict) else None
        props = props if isinstance(props, dict) else {}
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if kind == "Point":
            pos = _position(coords)
            if props.get("id") is not None:
                where += f" (id {_text(props.get('id'))!r})"
            fields = dict(props)
            fields["lon"], fields["lat"] = pos if pos else (None, None)
            if pos is None:
                draft.problems.append(f"{where}: Point needs coordinates [lon, lat], "
                                      f"got {coords!r}")
                draft.claimed.add(_text(props.get("id")))
                continue
            draft.add_place(fields, where, "town")
        elif kind == "LineString":
            positions = [_position(c) for c in coords] if isinstance(coords, list) else []
            if len(positions) < 2 or None in positions:
                draft.problems.append(f"{where}: LineString needs two or more [lon, lat] "
                                      f"positions")
                continue
            lines.append((i, props, positions))
        else:
            draft.problems.append(f"{where}: geometry must be a Point (place) or a LineString "
                                  f"(road), got {kind or 'none'}")
    valid = [p for p, _ in draft.places.values()]
    for i, props, positions in lines:
        where = f"features[{i}]"
        ends = [_text(props.get("a")), _text(props.get("b"))]
        snapped = []
        for k, pos in ((0, positions[0]), (1, positions[-1])):
            if ends[k]:
                continue
            place, dist = _nearest(valid, *pos)
            if place is None or dist > SNAP_KM:
                near = f" (nearest: {place.id!r}, {dist:.2f} km)" if place else ""
                draft.problems.append(f"{where}: no '{'ab'[k]}' given and no place within "
                                      f"{SNAP_KM} km of the line's {('start', 'end')[k]}{near}")
                ends[k] = "\0"
                continue
            ends[k] = place.id
            snapped.append(f"{'ab'[k]}={place.id} ({dist * 1000:.0f} m away)")
        if "\0" in ends:
            continue
        ok = draft.check_ends(ends[0], ends[1], where)
        if props.get("km") is not None:
            km = _positive(props.get("km"), "km", where, draft.problems)
        elif props.get("length_m") is not None:
            metres = _positive(props.get("length_m"), "length_m", where, draft.problems)
            km = metres / 1000 if metres is not None else None
        else:
            km = sum(great_circle_km(p[1], p[0], q[1], q[0])
                     for p, q in zip(positions, positions[1:]))
            if km <= 0:
                draft.problems.append(f"{where}: the line has no length; give km")
                km = None
        cls = _road_class(props.get("class"), where, draft.problems)
        sourced = _sourced(props.get("km_basis"), False, where, draft.problems)
        note = _text(props.get("note"))
        if snapped:
            said = f"ends snapped to the nearest places: {', '.join(snapped)}"
            draft.notes.append(f"{file or 'GeoJSON'} {where}: {said}")
            note = f"{note}; {said}" if note else said
        if ok and km is not None:
            draft.roads.append((Road(ends[0], ends[1], km, cls, _text(props.get("ref")), sourced,
                                     note), where))
    return draft.theatre(file=file, stem=stem, meta=meta, home_country=home_country)


# ---------------------------------------------------------------- GraphML

class _Element:
    __slots__ = ("tag", "attrs", "line", "children", "parts")

    def __init__(self, tag: str, attrs: dict[str, str], line: int) -> None:
        self.tag, self.attrs, self.line = tag, attrs, line
        self.children: list[_Element] = []
        self.parts: list[str] = []

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()

    def find(self, tag: str) -> "_Element | None":
        return next((c for c in self.children if c.tag == tag), None)


def _parse_xml(data: str | bytes, file: str) -> _Element:
    """A small element tree that remembers each element's line; no entities, no DTD tricks."""
    parser = expat.ParserCreate()
    root = _Element("", {}, 0)
    stack = [root]

    def start(name: str, attrs: dict[str, str]) -> None:
        el = _Element(name.rpartition(":")[2], attrs, parser.CurrentLineNumber)
        stack[-1].children.append(el)
        stack.append(el)

    def refuse(*_args: Any) -> None:
        raise InputError("entity declarations are not allowed", file=file or None,
                         line=parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: stack.pop()
    parser.CharacterDataHandler = lambda text: stack[-1].parts.append(text)
    parser.EntityDeclHandler = refuse
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(f"not valid XML: {expat.ErrorString(exc.code)}", file=file or None,
                         line=exc.lineno) from None
    return root


def _osm_list(value: str) -> list[str]:
    """OSMnx writes merged attributes as a Python list literal: "['service', 'unclassified']"."""
    if value.startswith("[") and value.endswith("]"):
        try:
            items = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return [value]
        if isinstance(items, list):
            return [str(v) for v in items]
    return [value] if value else []


def _class_from_osm(highway: str) -> str:
    classes = [OSM_HIGHWAY_CLASS.get(h, "secondary") for h in _osm_list(highway)] or ["secondary"]
    return min(classes, key=ROAD_CLASSES.index)


def _geographic(crs: str) -> bool:
    crs = crs.lower().replace(" ", "")
    return any(tag in crs for tag in ("4326", "crs84", "wgs84", "longlat", "latlong"))


def read_graphml(data: str | bytes, *, file: str = "", stem: str = "theatre",
                 home_country: str | None = None) -> Loaded:
    """A theatre from GraphML as OSMnx writes it (or as :func:`export_graphml` does).

    Every value is read as text and checked; the declared ``attr.type`` is not
    trusted. Problems name the node or edge and its line.
    """
    root = _parse_xml(data, file)
    top = root.find("graphml")
    if top is None:
        raise InputError("not a GraphML file (no <graphml> element)", file=file or None)
    graph = top.find("graph")
    if graph is None:
        raise InputError("the GraphML file holds no <graph>", file=file or None)
    names: dict[str, str] = {}
    defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}, "graph": {}}
    for key in top.children:
        if key.tag != "key" or "id" not in key.attrs:
            continue
        name = key.attrs.get("attr.name") or key.attrs["id"]
        names[key.attrs["id"]] = name
        default = key.find("default")
        if default is not None:
            for domain in ((key.attrs.get("for", "all"),) if key.attrs.get("for", "all") != "all"
                           else ("node", "edge", "graph")):
                defaults.setdefault(domain, {})[name] = default.text

    def attrs_of(el: _Element, domain: str) -> dict[str, str]:
        out = dict(defaults.get(domain, {}))
        for d in el.children:
            if d.tag == "data" and "key" in d.attrs:
                out[names.get(d.attrs["key"], d.attrs["key"])] = d.text
        return out

    meta = attrs_of(graph, "graph")
    projected = bool(meta.get("crs")) and not _geographic(meta["crs"])
    draft = _Draft()
    coords: dict[str, tuple[float, float]] = {}
    edges = []
    for el in graph.children:
        if el.tag == "node":
            nid = el.attrs.get("id", "")
            where = f"node {nid!r} (line {el.line})"
            a = attrs_of(el, "node")
            fields = {**a, "id": nid,
                      "lat": a.get("lat", a.get("y")), "lon": a.get("lon", a.get("x"))}
            if projected and "lat" not in a:
                draft.problems.append(f"{where}: the graph's crs is {meta['crs']!r}, so x/y are "
                                      f"not degrees; save the graph unprojected")
                draft.claimed.add(nid)
                continue
            place = draft.add_place(fields, where, "junction")
            if place is not None:
                coords[nid] = (place.lat, place.lon)
        elif el.tag == "edge":
            edges.append(el)
    for el in edges:
        u, v = el.attrs.get("source", ""), el.attrs.get("target", "")
        where = f"edge {u}->{v} (line {el.line})"
        if u == v and u:
            continue  # a self-loop changes no route
        a = attrs_of(el, "edge")
        ok = draft.check_ends(u, v, where)
        sourced = True
        if a.get("km"):
            km = _positive(a["km"], "km", where, draft.problems)
        elif a.get("length"):
            metres = _positive(a["length"], "length", where, draft.problems)
            km = metres / 1000 if metres is not None else None
        elif ok and u in coords and v in coords:
            km, sourced = great_circle_km(*coords[u], *coords[v]), False
            if km <= 0:
                draft.problems.append(f"{where}: no length and its ends coincide; give length")
                km = None
        else:
            km = None
        cls = (_road_class(a["class"], where, draft.problems) if a.get("class")
               else _class_from_osm(a.get("highway", "")))
        sourced = _sourced(a.get("km_basis"), sourced, where, draft.problems)
        note = a.get("note") or "; ".join(_osm_list(a.get("name", "")))
        ref = ";".join(_osm_list(a.get("ref", "")))
        if ok and km is not None:
            draft.roads.append((Road(u, v, km, cls, ref, sourced, note), where))
    made_from_osm = "osmnx" in meta.get("created_with", "").lower()
    return draft.theatre(file=file, stem=stem, meta=meta, home_country=home_country,
                         collapse=True, credits=[OSM_CREDIT] if made_from_osm else [])


# ---------------------------------------------------------------- factions

def faction_names(data: Mapping[str, Any]) -> list[str]:
    """Every faction name scenario data mentions (holders, roles, allies, lifelines).

    >>> faction_names({"scenario": {"default_holder": "Blue"},
    ...                "control": [{"faction": "red", "place": "x"}]})
    ['Blue', 'red']
    """
    found: list[str] = []
    head = data.get("scenario")
    if isinstance(head, Mapping):
        found.append(head.get("default_holder"))
    for raw in data.get("control") or []:
        if isinstance(raw, Mapping):
            found.append(raw.get("faction"))
    factions = data.get("factions")
    if isinstance(factions, Mapping):
        for fid, raw in factions.items():
            found.append(fid)
            if isinstance(raw, Mapping):
                allies = raw.get("allies")
                found.extend(allies if isinstance(allies, list) else [])
                found.append(raw.get("adversary"))
    for raw in data.get("lifeline") or []:
        if isinstance(raw, Mapping):
            found.append(raw.get("faction"))
    return list(dict.fromkeys(n for n in found if isinstance(n, str) and slug(n)))


def with_factions(theatre: Theatre, names: Iterable[str],
                  tables: Mapping[str, Any] | None = None) -> Theatre:
    """The theatre with a catalogue entry for every faction name it does not know yet.

    A theatre loaded from GraphML, GeoJSON or CSV has no faction file: the
    factions its scenario or control file names become entries here, with ids
    slugged from the names and colours from :data:`FACTION_PALETTE` in the order
    of their ids. A scenario's ``[factions.X]`` table (``tables``) may give the
    entry a ``name``, ``short``, ``colour`` and ``aliases``. This is the one
    place that happens.

    >>> from sim.model import Place
    >>> t = Theatre.build("t", "T", "XA", [Place("a", "A", 0, 0, country="XA")], [])
    >>> t2 = with_factions(t, ["Red", "blue"], {"blue": {"name": "Blue Coalition"}})
    >>> [(f.id, f.name, f.colour) for f in t2.factions.values()]
    [('blue', 'Blue Coalition', '#1f77b4'), ('red', 'Red', '#d62728')]
    """
    known = dict(theatre.factions)
    new: dict[str, str] = {}
    for name in names:
        if theatre.factions_index.lookup(name) is None:
            new.setdefault(slug(name), name.strip())
    if not new:
        return theatre
    details = {slug(k): v for k, v in (tables or {}).items() if isinstance(v, Mapping)}
    for i, fid in enumerate(sorted(new), len(known)):
        table = details.get(fid, {})
        aliases = table.get("aliases")
        known[fid] = FactionInfo(fid, _text(table.get("name")) or new[fid],
                                 _text(table.get("colour")) or
                                 FACTION_PALETTE[i % len(FACTION_PALETTE)],
                                 tuple(_text(a) for a in aliases) if isinstance(aliases, list)
                                 else (), _text(table.get("short")))
    return theatre.with_factions(known.values())


# ---------------------------------------------------------------- control files

def _control_entry(place: str, faction: str, status: str, where: str,
                   problems: list[str]) -> dict[str, str] | None:
    if not place:
        problems.append(f"{where}: missing place")
    if not faction:
        problems.append(f"{where}: missing faction")
    if status not in STATUSES:
        problems.append(f"{where}: status must be one of {', '.join(STATUSES)}, got {status!r}")
    if place and faction and status in STATUSES:
        return {"place": place, "faction": faction, "status": status, "where": where}
    return None


def read_control_csv(text: str, *, file: str = "control.csv") -> list[dict[str, str]]:
    """Control entries from a CSV of ``place,faction[,status]`` (a header row first).

    The columns may also be called ``id`` and ``holder``, so an exported places
    file serves as a control file (its rows without a holder are skipped).
    Each entry says where it was read.

    >>> read_control_csv("place,faction\\nhoms,opposition\\n")
    [{'place': 'homs', 'faction': 'opposition', 'status': 'held', 'where': 'line 2'}]
    """
    problems: list[str] = []
    reader = csv.DictReader(StringIO(text.lstrip("\ufeff"), newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    place_col = "place" if "place" in header else "id" if "id" in header else None
    faction_col = "faction" if "faction" in header else "holder" if "holder" in header else None
    if not place_col or not faction_col:
        raise InputError("header must name columns place, faction (and optionally status)",
                         file=file, line=1)
    out = []
    for row in reader:
        faction = _text(row.get(faction_col))
        if not faction and faction_col == "holder":
            continue
        entry = _control_entry(_text(row.get(place_col)), faction,
                               _text(row.get("status")) or "held", f"line {reader.line_num}",
                               problems)
        if entry:
            out.append(entry)
    if problems:
        raise ValidationError(problems, file=file)
    return out


CONTROL_TOML_KEYS = ("date", "default_holder", "control")


def read_control_toml(data: Mapping[str, Any], *, file: str = "control.toml"
                      ) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Control entries and settings from a parsed TOML control file.

    The file holds ``[[control]]`` tables as a scenario does (``faction``,
    ``place`` or ``places``, ``status``) and, optionally, top-level ``date`` and
    ``default_holder``. Returns the entries and those settings.

    >>> read_control_toml({"default_holder": "blue",
    ...                    "control": [{"faction": "red", "places": ["a"]}]})
    ([{'place': 'a', 'faction': 'red', 'status': 'held', 'where': '[control[0].places[0]]'}], \
{'default_holder': 'blue'})
    """
    problems = [f"[{k}] is not a key of a control file (it may hold "
                f"{', '.join(CONTROL_TOML_KEYS)})" for k in data if k not in CONTROL_TOML_KEYS]
    settings = {k: str(data[k]) for k in ("date", "default_holder") if k in data}
    out = []
    tables = data.get("control", [])
    if not isinstance(tables, list):
        problems.append("[control] must be a list of tables ([[control]])")
        tables = []
    for i, raw in enumerate(tables):
        if not isinstance(raw, Mapping):
            problems.append(f"[control[{i}]]: must be a table")
            continue
        names = raw.get("places", [])
        names = [raw["place"], *names] if "place" in raw else names
        if not isinstance(names, list) or not names:
            problems.append(f"[control[{i}]]: names no place (place = ... or places = [...])")
            continue
        for j, name in enumerate(names):
            entry = _control_entry(_text(name), _text(raw.get("faction")),
                                   _text(raw.get("status")) or "held",
                                   f"[control[{i}].places[{j}]]", problems)
            if entry:
                out.append(entry)
    if problems:
        raise ValidationError(problems, file=file)
    return out, settings


def check_control(entries: list[dict[str, str]], theatre: Theatre, *, file: str
                  ) -> list[dict[str, str]]:
    """Scenario ``[[control]]`` tables for control-file entries, places and factions
    resolved; unknown names are reported at once, each by its line or key."""
    problems: list[str] = []
    out = []
    for entry in entries:
        found = {}
        for what, index in (("place", theatre.places_index), ("faction", theatre.factions_index)):
            found[what] = index.lookup(entry[what])
            if found[what] is None:
                sugg = index.suggest(entry[what])
                hint = f"; did you mean: {', '.join(sugg)}?" if sugg else ""
                problems.append(f"{entry['where']}: unknown {what} {entry[what]!r} in theatre "
                                f"{theatre.id!r}{hint}")
        if None not in found.values():
            out.append({**found, "status": entry["status"]})
    if problems:
        raise ValidationError(problems, file=file)
    return out


# ---------------------------------------------------------------- export

def default_faction(scenario) -> Faction:
    """Whose view an export takes when none is named: the owner of the first lifeline,
    else the first faction with a capital, else the faction holding most places."""
    if scenario.lifelines:
        return scenario.factions[scenario.lifelines[0].faction]
    with_capital = [f for f in scenario.factions.values() if f.capital]
    if with_capital:
        return with_capital[0]
    counts = Counter(h.faction for h in scenario.control.holdings.values())
    if not counts:
        raise InputError("nobody holds any place; nothing to export")
    return scenario.factions[min(counts, key=lambda f: (-counts[f], f))]


def export_tables(scenario, faction: Faction) -> tuple[list[dict], list[dict]]:
    """Place and road rows with holders and the faction's analysis, in id order.

    Places: holder, status, ``pocket`` (1 = the main pocket, if the capital's;
    None outside the faction's passable territory), ``main_pocket``,
    ``chokepoint`` (of any of the faction's lifelines), ``stronghold`` (its state,
    or None). Roads: km, class, ref, ``usable`` (by the faction: both ends
    passable and not cut) and ``cut``.
    """
    th, ctl = scenario.theatre, scenario.control
    found = assess(th, ctl, faction, scenario.lifelines)
    pocket_of = {p: i for i, pocket in enumerate(found.pockets, 1) for p in pocket.places}
    main = {p for pocket in found.pockets if pocket.main for p in pocket.places}
    chokes = {p for places in found.chokepoints.values() for p in places}
    passable = passable_places(th, ctl, faction.side)
    places = []
    for pid, p in th.places.items():
        h = ctl.holdings.get(pid)
        places.append({
            "id": pid, "name": p.name, "lat": p.lat, "lon": p.lon, "kind": p.kind,
            "country": p.country, "population": p.population, "aliases": list(p.aliases),
            "holder": h.faction if h else None, "status": h.status if h else None,
            "pocket": pocket_of.get(pid), "main_pocket": pid in main,
            "chokepoint": pid in chokes, "stronghold": found.strongholds.get(pid),
        })
    roads = []
    for key, r in th.roads.items():
        cut = key in ctl.cut_roads
        roads.append({
            "a": r.a, "b": r.b, "km": r.km, "class": r.road_class, "ref": r.ref,
            "km_basis": "sourced" if r.sourced else "estimated", "note": r.note,
            "usable": not cut and r.a in passable and r.b in passable, "cut": cut,
        })
    return places, roads


def _meta(scenario, faction: Faction) -> dict[str, str]:
    th = scenario.theatre
    return {"theatre": th.id, "theatre_name": th.name, "home_country": th.home_country,
            "scenario": scenario.id, "date": scenario.date, "faction": faction.id,
            "credits": "; ".join(th.credits)}


def export_geojson(scenario, faction: Faction) -> str:
    """The scenario as a GeoJSON FeatureCollection (places as Points, roads as straight
    LineStrings); ``read_geojson`` reads it back."""
    places, roads = export_tables(scenario, faction)
    where = {row["id"]: [row["lon"], row["lat"]] for row in places}
    features = []
    for row in places:
        props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point", "coordinates": where[row["id"]]}})
    for row in roads:
        features.append({"type": "Feature", "properties": row,
                         "geometry": {"type": "LineString",
                                      "coordinates": [where[row["a"]], where[row["b"]]]}})
    # One feature a line: small diffs, and still one JSON document.
    head = json.dumps({"type": "FeatureCollection", "sim": _meta(scenario, faction)},
                      ensure_ascii=False)
    body = ",\n".join(json.dumps(f, ensure_ascii=False) for f in features)
    return head[:-1] + ', "features": [\n' + body + "\n]}\n"


def _xml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return escape(";".join(value))
    return escape(repr(value) if isinstance(value, float) else str(value))


_GRAPHML_NODE_KEYS = (("name", "string"), ("kind", "string"), ("country", "string"),
                      ("population", "long"), ("aliases", "string"), ("y", "double"),
                      ("x", "double"), ("holder", "string"), ("status", "string"),
                      ("pocket", "int"), ("main_pocket", "boolean"), ("chokepoint", "boolean"),
                      ("stronghold", "string"))
_GRAPHML_EDGE_KEYS = (("km", "double"), ("length", "double"), ("class", "string"),
                      ("ref", "string"), ("km_basis", "string"), ("note", "string"),
                      ("usable", "boolean"), ("cut", "boolean"))


def export_graphml(scenario, faction: Faction) -> str:
    """The scenario as undirected GraphML: node ``x``/``y`` in degrees, edge ``km`` and
    ``length`` in metres, holders and analysis as attributes; ``read_graphml`` reads it back."""
    places, roads = export_tables(scenario, faction)
    meta = _meta(scenario, faction)
    ids: dict[tuple[str, str], str] = {}
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    for domain, keys in (("graph", [(k, "string") for k in meta]), ("node", _GRAPHML_NODE_KEYS),
                         ("edge", _GRAPHML_EDGE_KEYS)):
        for name, kind in keys:
            ids[domain, name] = f"d{len(ids)}"
            out.append(f'  <key id="{ids[domain, name]}" for="{domain}" attr.name="{name}" '
                       f'attr.type="{kind}"/>')
    out.append('  <graph edgedefault="undirected">')
    for name, value in meta.items():
        out.append(f'    <data key="{ids["graph", name]}">{_xml_value(value)}</data>')

    def data(domain: str, values: Mapping[str, Any], indent: str) -> None:
        for name, _ in (_GRAPHML_NODE_KEYS if domain == "node" else _GRAPHML_EDGE_KEYS):
            value = values.get(name)
            if value is None or value == "" or value == []:
                continue
            out.append(f'{indent}<data key="{ids[domain, name]}">{_xml_value(value)}</data>')

    for row in places:
        out.append(f"    <node id={quoteattr(row['id'])}>")
        data("node", {**row, "x": row["lon"], "y": row["lat"]}, "      ")
        out.append("    </node>")
    for row in roads:
        out.append(f"    <edge source={quoteattr(row['a'])} target={quoteattr(row['b'])}>")
        data("edge", {**row, "length": row["km"] * 1000}, "      ")
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n"


def _csv_text(rows: list[dict], columns: list[str]) -> str:
    buf = StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else
                         ("true" if row[c] else "false") if isinstance(row[c], bool) else
                         repr(row[c]) if isinstance(row[c], float) else
                         ";".join(row[c]) if isinstance(row[c], list) else row[c]
                         for c in columns])
    return buf.getvalue()


def export_csv(scenario, faction: Faction) -> dict[str, str]:
    """The scenario as ``places.csv`` and ``roads.csv`` texts (file name -> text);
    ``read_csv`` reads them back."""
    places, roads = export_tables(scenario, faction)
    return {"places.csv": _csv_text(places, PLACE_COLUMNS), "roads.csv": _csv_text(roads, ROAD_COLUMNS)}


def export(scenario, faction: Faction, fmt: str) -> str | dict[str, str]:
    """The scenario in ``fmt`` (geojson, graphml or csv): one text, or for csv the
    texts of ``places.csv`` and ``roads.csv`` by file name."""
    writers = {"geojson": export_geojson, "graphml": export_graphml, "csv": export_csv}
    if fmt not in writers:
        raise InputError(f"format must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}",
                         key="--format")
    return writers[fmt](scenario, faction)


def format_of(path: str) -> str | None:
    """The export format a file name implies, or None (a name without a suffix: a csv folder).

    >>> format_of("out/front.geojson"), format_of("out/front.graphml"), format_of("out/front")
    ('geojson', 'graphml', 'csv')
    """
    suffix = path.lower().rpartition("/")[2].rpartition(".")
    if not suffix[1]:
        return "csv"
    return {"geojson": "geojson", "json": "geojson", "graphml": "graphml"}.get(suffix[2])
