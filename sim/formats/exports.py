"""Exports: a scenario as GeoJSON, GraphML or CSV, with holders and analysis results.

The files carry the holders and, seen by one faction, its pockets,
chokepoints, strongholds and usable roads as attributes (for QGIS, Gephi or a
spreadsheet); :mod:`sim.formats`' readers read them back. This is the one
module of :mod:`sim.formats` that runs the analysis.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Mapping
from io import StringIO
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..analysis import assess, passable_places
from ..control import Faction
from ..errors import InputError
from .common import EXPORT_FORMATS, PLACE_COLUMNS, ROAD_COLUMNS


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
            "country": p.country, "governorate": p.governorate, "population": p.population,
            "aliases": list(p.aliases),
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
                      ("governorate", "string"), ("population", "long"), ("aliases", "string"),
                      ("y", "double"), ("x", "double"), ("holder", "string"), ("status", "string"),
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
                         key="fmt")
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
