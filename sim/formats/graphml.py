"""GraphML theatres, as OSMnx writes them (or as :func:`sim.formats.export_graphml` does).

Node ``x``/``y`` are degrees (or ``lon``/``lat``), edge ``length`` metres (or
``km``). Parallel and opposite directed edges collapse into one undirected
road with the shortest length; self-loops are dropped. Places take the node
id, the ``name`` attribute (else the id) and kind ``junction`` unless the file
says otherwise.

>>> text = ('<graphml><key id="x" for="node" attr.name="x"/><key id="y" for="node" '
...         'attr.name="y"/><graph><node id="a"><data key="x">0</data><data key="y">0</data>'
...         '</node><node id="b"><data key="x">1</data><data key="y">0</data></node>'
...         '<edge source="a" target="b"/></graph></graphml>')
>>> round(read_graphml(text).theatre.road("a", "b").km, 1)
111.2
"""

from __future__ import annotations

import ast
from typing import Any
from xml.parsers import expat

from .. import schema
from ..errors import InputError
from ..model import ROAD_CLASSES, great_circle_km
from .common import OSM_CREDIT, OSM_HIGHWAY_CLASS, Loaded, _Draft, quiet_gc


class _Element:
    __slots__ = ("attrs", "children", "line", "parts", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], line: int) -> None:
        self.tag, self.attrs, self.line = tag, attrs, line
        self.children: list[_Element] = []
        self.parts: list[str] = []

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()

    def find(self, tag: str) -> _Element | None:
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
        with quiet_gc():
            parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(f"not valid XML: {expat.ErrorString(exc.code)}", file=file or None,
                         line=exc.lineno) from None
    except (ValueError, UnicodeError, LookupError) as exc:  # LookupError: an unknown encoding
        raise InputError(f"not valid XML: {exc}", file=file or None) from None
    return root


def _osm_list(value: str) -> list[str]:
    """OSMnx writes merged attributes as a Python list literal: "['service', 'unclassified']"."""
    if value.startswith("[") and value.endswith("]"):
        try:
            items = ast.literal_eval(value)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
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


class _Keys:
    """The ``<key>`` declarations of a GraphML file: attribute names and defaults."""

    def __init__(self, top: _Element) -> None:
        self.names: dict[str, str] = {}
        self.defaults: dict[str, dict[str, str]] = {"node": {}, "edge": {}, "graph": {}}
        for key in top.children:
            if key.tag != "key" or "id" not in key.attrs:
                continue
            name = key.attrs.get("attr.name") or key.attrs["id"]
            self.names[key.attrs["id"]] = name
            default = key.find("default")
            if default is None:
                continue
            domain = key.attrs.get("for", "all")
            for each in ((domain,) if domain != "all" else ("node", "edge", "graph")):
                self.defaults.setdefault(each, {})[name] = default.text

    def attrs_of(self, el: _Element, domain: str) -> dict[str, str]:
        """The attributes of a node, edge or graph, by name, defaults filled in."""
        out = dict(self.defaults.get(domain, {}))
        for d in el.children:
            if d.tag == "data" and "key" in d.attrs:
                out[self.names.get(d.attrs["key"], d.attrs["key"])] = d.text
        return out


def read_graphml(data: str | bytes, *, file: str = "", stem: str = "theatre",
                 home_country: str | None = None, fast: bool = True) -> Loaded:
    """A theatre from GraphML as OSMnx writes it (or as :func:`export_graphml` does).

    Every value is read as text and checked; the declared ``attr.type`` is not
    trusted. Problems name the node or edge and its line.

    The file is read by the fast reader (:mod:`sim.formats.fast_graphml`, streamed,
    the theatre kept as columns) unless it leaves it to the checking reader, which
    makes each node a :class:`~sim.model.Place` and each edge a
    :class:`~sim.model.Road` and reports every problem; ``fast=False`` reads it with the
    checking reader only. Both give the same theatre.
    """
    if fast:
        from .fast_graphml import read_graphml_fast

        loaded = read_graphml_fast(data, file=file, stem=stem, home_country=home_country)
        if loaded is not None:
            return loaded
    root = _parse_xml(data, file)
    top = root.find("graphml")
    if top is None:
        raise InputError("not a GraphML file (no <graphml> element)", file=file or None)
    graph = top.find("graph")
    if graph is None:
        raise InputError("the GraphML file holds no <graph>", file=file or None)
    keys = _Keys(top)
    meta = keys.attrs_of(graph, "graph")
    crs = meta.get("crs", "")
    draft = _Draft()
    coords: dict[str, tuple[float, float]] = {}
    for el in graph.children:
        if el.tag == "node":
            _read_node(draft, el, keys.attrs_of(el, "node"), crs, coords)
    for el in graph.children:
        if el.tag == "edge":
            _read_edge(draft, el, keys.attrs_of(el, "edge"), coords)
    made_from_osm = "osmnx" in meta.get("created_with", "").lower()
    return draft.theatre(file=file, stem=stem, meta=meta, home_country=home_country,
                         collapse=True, credits=[OSM_CREDIT] if made_from_osm else [],
                         meta_where="graph")


def _read_node(draft: _Draft, el: _Element, a: dict[str, str], crs: str,
               coords: dict[str, tuple[float, float]]) -> None:
    """Add a node's place to the draft (and its coordinates to ``coords``)."""
    nid = el.attrs.get("id", "")
    where = f"node {nid!r} (line {el.line})"
    if crs and not _geographic(crs) and "lat" not in a:
        draft.problems.add(f"the graph's crs is {crs!r}, so x/y are not degrees; save the graph "
                           f"unprojected", at=where)
        draft.claim(nid)
        return
    fields = {**a, "id": nid, "lat": a.get("lat", a.get("y")), "lon": a.get("lon", a.get("x"))}
    place = draft.add_place(fields, where, "junction")
    if place is not None:
        coords[nid] = (place.lat, place.lon)


def _read_edge(draft: _Draft, el: _Element, a: dict[str, str],
               coords: dict[str, tuple[float, float]]) -> None:
    """Add an edge's road to the draft; a self-loop changes no route and is dropped."""
    u, v = el.attrs.get("source", ""), el.attrs.get("target", "")
    if u == v and u:
        return
    where = f"edge {u}->{v} (line {el.line})"
    sourced = True
    if a.get("km"):
        km = schema.positive(a["km"], "km", where, draft.problems)
    elif a.get("length"):
        metres = schema.positive(a["length"], "length", where, draft.problems)
        km = metres / 1000 if metres is not None else None
    elif u in coords and v in coords:
        km, sourced = great_circle_km(*coords[u], *coords[v]), False
        if km <= 0:
            draft.problems.add("no length and its ends coincide; give length", at=where)
            km = None
    else:
        km = None  # an end is missing or bad: said so
    record = {**a, "a": u, "b": v, "ref": ";".join(_osm_list(a.get("ref", ""))),
              "note": a.get("note") or "; ".join(_osm_list(a.get("name", "")))}
    draft.add_road(record, where, km=km, sourced=sourced,
                   default_class=_class_from_osm(a.get("highway", "")))
