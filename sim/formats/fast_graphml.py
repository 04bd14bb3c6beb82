"""The fast reader of GraphML theatres: the file streamed, its nodes and edges as columns.

The file is parsed by :func:`xml.etree.ElementTree.iterparse` one element at a
time: each node and edge is read as soon as it ends (its ``<data>`` by the
``<key>`` declarations, defaults filled in) and then dropped, so that the tree
of a large file is never held whole. The attributes are gathered as columns and
checked by :mod:`sim.formats.fast`, with the OSMnx conventions of the checking
reader: ``x``/``y`` in degrees (or ``lon``/``lat``), ``length`` in metres (or
``km``), the road class from OSM's ``highway``, ``ref`` and ``name`` lists
written as Python lists, parallel and opposite edges collapsed into the
shortest road, self-loops dropped. Whatever :mod:`sim.formats.fast` leaves
alone (a problem, a projected graph, a document type declaration, a key
declared after the graph) sends the file to the checking reader,
:func:`sim.formats.graphml.read_graphml` with ``fast=False``.

>>> text = ('<graphml><key id="x" for="node" attr.name="x"/><key id="y" for="node" '
...         'attr.name="y"/><graph><node id="b"><data key="x">1</data><data key="y">0</data>'
...         '</node><node id="a"><data key="x">0</data><data key="y">0</data></node>'
...         '<edge source="b" target="a"/><edge source="a" target="a"/></graph></graphml>')
>>> road = read_graphml_fast(text).theatre.road("a", "b")
>>> road.a, round(road.km, 1), road.sourced
('b', 111.2, False)
"""

from __future__ import annotations

import io
import re
from sys import intern
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import numpy as np

from ..model import ROAD_CLASSES, great_circle_km
from .common import OSM_CREDIT, Loaded
from .fast import Head, Places, Roads, Unusual, assemble, floats, need, quiet_gc
from .graphml import _class_from_osm, _geographic, _osm_list

#: The node attributes the readers use (besides the coordinates).
NODE_FIELDS = ("name", "kind", "country", "governorate", "population", "aliases",
               "coord_source", "holder", "status")
#: The edge attributes the readers use.
EDGE_FIELDS = ("km", "length", "highway", "ref", "name", "note", "class", "km_basis")
#: How many nodes are gathered before they are checked as places.
BATCH = 50_000
_NUMBERS = frozenset({"km", "length"})  # the edge attributes that are numbers, not words
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")


def read_graphml_fast(data: str | bytes, *, file: str = "", stem: str = "theatre",
                      home_country: str | None = None) -> Loaded | None:
    """The theatre :func:`~sim.formats.graphml.read_graphml` reads from the same text,
    kept as columns; None if it holds anything the fast path leaves to the checking
    reader (every bad file among them)."""
    try:
        with quiet_gc():
            graph = _Graph(Places("junction"))
            graph.parse(_bytes(data))
            head = Head.of(graph.meta)
            done = graph.places_read().finish(home_country or head.home_country)
            roads = Roads(done)
            graph.add_roads(roads, done)
            credits = [OSM_CREDIT] if "osmnx" in graph.meta.get("created_with", "").lower() \
                else []
            return assemble(done, roads.finish(collapse=True), file=file, stem=stem,
                            meta=head, credits=credits)
    except Unusual:
        return None


def _bytes(data: str | bytes) -> bytes:
    """The file's bytes, if the fast path reads them as the checking reader does: UTF-8
    (declared so, or not declared), without a document type declaration (which may
    declare entities, refused by the checking reader, or attribute defaults)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    need(b"<!DOCTYPE" not in raw and b"<!ENTITY" not in raw)
    need(not raw.startswith((b"\xff\xfe", b"\xfe\xff")))  # UTF-16 or UTF-32
    declared = _ENCODING.match(raw.lstrip(b"\xef\xbb\xbf"))
    need(declared is None or declared.group(1).lower() in (b"utf-8", b"utf8"))
    return raw


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


class _Graph:
    """The nodes and edges of a GraphML file, as the checking reader sees them, gathered
    as columns of raw attribute values."""

    def __init__(self, places: Places) -> None:
        self.places = places
        self.names: dict[str, str] = {}
        self.defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}, "graph": {}}
        self.meta: dict[str, str] = {}
        self.ids: list[str] = []
        self.nodes: dict[str, list[Any]] = {k: [] for k in (*NODE_FIELDS, "lat", "lon")}
        self.without_lat = 0
        self.edges: dict[str, list[Any]] = {k: [] for k in ("a", "b", *EDGE_FIELDS)}

    def parse(self, raw: bytes) -> None:
        """Read the file's keys, graph attributes, nodes and edges."""
        depth, graph, top, started = 0, None, None, False
        try:
            for event, el in ET.iterparse(io.BytesIO(raw), events=("start", "end")):
                if event == "start":
                    depth += 1
                    if depth == 1:
                        need(_local(el.tag) == "graphml")
                    elif depth == 2:
                        top = el
                        if graph is None and _local(el.tag) == "graph":
                            graph = el
                    continue
                depth -= 1
                if depth == 2 and top is graph and _local(el.tag) in ("node", "edge"):
                    started = True
                    self._child(el)
                    graph.remove(el)  # read: let it go  # type: ignore[union-attr]
                elif depth == 1:
                    if _local(el.tag) == "key" and "id" in el.attrib:
                        need(not started)  # a key after the nodes it could name
                        self._key(el)
                    elif el is graph:
                        self.meta = self._attrs(el, "graph")
                        graph.clear()
        except (ET.ParseError, ValueError, LookupError):
            raise Unusual from None
        need(graph is not None)

    def _key(self, el: ET.Element) -> None:
        name = el.attrib.get("attr.name") or el.attrib["id"]
        self.names[el.attrib["id"]] = name
        default = next((c for c in el if _local(c.tag) == "default"), None)
        if default is None:
            return
        domain = el.attrib.get("for", "all")
        for each in ((domain,) if domain != "all" else ("node", "edge", "graph")):
            self.defaults.setdefault(each, {})[name] = _text(default)

    def _attrs(self, el: ET.Element, domain: str) -> dict[str, str]:
        """The attributes of a node, edge or graph by name, defaults filled in."""
        out = dict(self.defaults.get(domain, {}))
        names = self.names
        for d in el:
            if _local(d.tag) == "data" and "key" in d.attrib:
                key = d.attrib["key"]
                out[names.get(key, key)] = _text(d)
        return out

    def _child(self, el: ET.Element) -> None:
        """Gather a node or an edge of the graph (its other children are not read)."""
        kind = _local(el.tag)
        if kind == "node":
            a = self._attrs(el, "node")
            self.ids.append(el.attrib.get("id", ""))
            for name in NODE_FIELDS:
                self.nodes[name].append(a.get(name))
            self.nodes["lat"].append(a["lat"] if "lat" in a else a.get("y"))
            self.nodes["lon"].append(a["lon"] if "lon" in a else a.get("x"))
            self.without_lat += "lat" not in a
            if len(self.ids) >= BATCH:
                self._flush()
        elif kind == "edge":
            u, v = el.attrib.get("source", ""), el.attrib.get("target", "")
            if u == v and u:
                return  # a self-loop changes no route: dropped
            a = self._attrs(el, "edge")
            self.edges["a"].append(intern(u))
            self.edges["b"].append(intern(v))
            for name in EDGE_FIELDS:
                value = a.get(name)
                self.edges[name].append(value if value is None or name in _NUMBERS
                                        else intern(value))

    def _flush(self) -> None:
        """Check the nodes gathered so far as places (and let their raw values go)."""
        if self.ids:
            self.places.add({"id": self.ids, **self.nodes}, len(self.ids))
            self.ids = []
            self.nodes = {k: [] for k in self.nodes}

    def places_read(self) -> Places:
        """The places of every node (a projected graph's x/y are not degrees)."""
        crs = self.meta.get("crs", "")
        need(not (crs and not _geographic(crs) and self.without_lat))
        self._flush()
        return self.places

    def add_roads(self, roads: Roads, places: Any) -> None:
        """Check the edges as roads: their km (given in km, or in metres, or measured
        between their ends), default class, ref and note as the checking reader makes
        them."""
        e = self.edges
        m = len(e["a"])
        if not m:
            return
        km = np.empty(m, dtype=np.float64)
        sourced = np.ones(m, dtype=bool)
        by_km = [i for i, v in enumerate(e["km"]) if v]
        by_m = [i for i, v in enumerate(e["length"]) if v and not e["km"][i]]
        for rows, values, scale in ((by_km, e["km"], 1), (by_m, e["length"], 1000)):
            if rows:
                found = floats([values[i] for i in rows])
                need((found > 0).all())
                km[rows] = found / scale if scale != 1 else found
        measured = sorted(set(range(m)).difference(by_km, by_m))
        if measured:
            ia = places.lookup([e["a"][i] for i in measured])
            ib = places.lookup([e["b"][i] for i in measured])
            lat, lon = places.columns.lat, places.columns.lon
            for i, p, q in zip(measured, ia.tolist(), ib.tolist()):
                km[i] = great_circle_km(float(lat[p]), float(lon[p]), float(lat[q]),
                                        float(lon[q]))
                need(km[i] > 0)
            sourced[measured] = False
        named = _each(e["name"], lambda w: "; ".join(_osm_list(w or "")))
        roads.add({"a": e["a"], "b": e["b"], "class": e["class"], "km_basis": e["km_basis"],
                   "ref": _each(e["ref"], lambda r: ";".join(_osm_list(r or ""))),
                   "note": [n or w for n, w in zip(e["note"], named)]},
                  m, km=km, sourced=sourced, default_class=np.asarray(
                      _each(e["highway"], lambda h: ROAD_CLASSES.index(_class_from_osm(h or ""))),
                      dtype=np.int64))


def _text(el: ET.Element) -> str:
    """An element's text, as the checking reader reads it (an element inside it would
    add its own text there: left to the checking reader)."""
    need(not len(el))
    return (el.text or "").strip()


def _each(values: list[Any], of: Callable[[Any], Any]) -> list[Any]:
    """``of`` of each value, worked out once per distinct value."""
    table = {v: of(v) for v in set(values)}
    return [table[v] for v in values]
