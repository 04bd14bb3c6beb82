"""Exports written piece by piece: GeoJSON, GraphML and CSV from columns, for any size.

:mod:`sim.formats.exports` describes what an export holds; this module writes it.
The rows are never built as a million dictionaries: the holders and the faction's
analysis become columns (one list or array a field, :func:`export_columns`), and
each format's text is produced from them in blocks of rows (:func:`chunks`), so a
10^6-place export streams to its file. Joined, the chunks are the export's text.

>>> from sim.control import Control, Faction
>>> from sim.model import Place, Road, Theatre
>>> from sim.scenario import Scenario
>>> t = Theatre.build("t", "T", "XA", [Place("a", "A", 1.5, 2.0), Place("b", "B", 1.5, 3.0)],
...                   [Road("a", "b", 111.0)])
>>> s = Scenario("s", "S", "2025-01-01", t, Control.of({"a": "blue", "b": "blue"}),
...              {"blue": Faction("blue", capital="a")}, ())
>>> text = str(chunks(s, s.factions["blue"], "csv")["roads.csv"])
>>> text.splitlines()[1]
'a,b,111.0,primary,,estimated,,true,false'
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from io import StringIO
from itertools import chain
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from ..model import PLACE_KINDS, ROAD_CLASSES
from .common import PLACE_COLUMNS, ROAD_COLUMNS

#: Rows a chunk holds.
BLOCK = 50_000

_js = json.encoder.encode_basestring  # a JSON string, as json.dumps(ensure_ascii=False) writes it


@dataclass(frozen=True, eq=False)
class ExportColumns:
    """Every column of an export: places in id order, roads in key order.

    Lists hold Python values (None where a value is missing), as the rows of
    :func:`~sim.formats.exports.export_tables` would.
    """

    places: dict[str, Sequence[Any]]
    roads: dict[str, Sequence[Any]]
    meta: dict[str, str]

    def rows(self, which: str) -> Iterator[dict[str, Any]]:
        cols = self.places if which == "places" else self.roads
        names = list(cols)
        for values in zip(*(cols[k] for k in names)):
            yield dict(zip(names, values))


def export_columns(scenario, faction) -> ExportColumns:
    """The columns of ``scenario`` exported as ``faction`` sees it (holders, pockets,
    chokepoints, strongholds, usable and cut roads)."""
    from ..analysis import assess
    from ..analysis.engine import passable, pieces

    th, ctl = scenario.theatre, scenario.control
    pc, rc = th.columns
    found = assess(th, ctl, faction, scenario.lifelines)
    graph = passable(th, ctl, faction.side)
    labels = pieces(graph)
    number = np.zeros(int(labels.max()) + 2 if len(labels) else 1, dtype=np.int64)
    main = np.zeros(len(number), dtype=bool)
    for k, pocket in enumerate(found.pockets, 1):
        lab = labels[pc.index[pocket.places[0]]]
        number[lab], main[lab] = k, pocket.main
    pocket_no = number[labels]  # label -1 reads the spare last entry: 0
    flags = np.zeros(pc.n, dtype=bool)
    for places in found.chokepoints.values():
        flags[[pc.index[p] for p in places]] = True
    holder, status = _holder_columns(th, ctl, pc)
    strong = [None] * pc.n
    for pid, state in found.strongholds.items():
        strong[pc.index[pid]] = state
    pop = pc.population.tolist()
    gov = pc.governorate.tolist()
    places = {
        "id": pc.ids, "name": pc.names, "lat": pc.lat.tolist(), "lon": pc.lon.tolist(),
        "kind": [PLACE_KINDS[k] for k in pc.kind.tolist()],
        "country": [pc.countries[c] for c in pc.country.tolist()],
        "governorate": [pc.governorates[g] if g >= 0 else None for g in gov],
        "population": [p if p >= 0 else None for p in pop],
        "aliases": _sparse(pc.n, pc.aliases, ()),
        "holder": holder, "status": status,
        "pocket": [k or None for k in pocket_no.tolist()],
        "main_pocket": main[labels].tolist() if len(labels) else [],
        "chokepoint": flags.tolist(), "stronghold": strong,
    }
    cut = np.zeros(rc.m, dtype=bool)
    if ctl.cut_roads:
        cut[graph.arrays.edge_ids(sorted(ctl.cut_roads))] = True
    ids, ends = pc.ids, rc.ends()
    roads = {
        "a": [ids[i] for i in ends[0].tolist()], "b": [ids[i] for i in ends[1].tolist()],
        "km": rc.km.tolist(), "class": [ROAD_CLASSES[c] for c in rc.road_class.tolist()],
        "ref": _sparse(rc.m, rc.refs, ""),
        "km_basis": ["sourced" if s else "estimated" for s in rc.sourced.tolist()],
        "note": _sparse(rc.m, rc.notes, ""),
        "usable": (graph.mask[rc.u] & graph.mask[rc.v] & ~cut).tolist(),
        "cut": cut.tolist(),
    }
    return ExportColumns(places, roads, _meta(scenario, faction))


def place_rows(scenario, country: str | None = None) -> PlaceRows:
    """Every place (of ``country`` only, if given) as a row: id, name, kind, country,
    governorate, population, lat, lon, holder, status, aliases; read from the columns
    as the rows are used (a million places are never all made dicts to print fifty)."""
    pc = scenario.theatre.columns[0]
    keep = None if country is None else np.flatnonzero(pc.in_country(country))
    return PlaceRows(scenario, keep)


class PlaceRows(Sequence):
    """The rows of :func:`place_rows`: a sequence of dicts made on access."""

    _FIELDS = ("id", "name", "kind", "country", "governorate", "population", "lat", "lon",
               "holder", "status", "aliases")

    def __init__(self, scenario, keep: np.ndarray | None) -> None:
        self._scenario = scenario
        self._pc = scenario.theatre.columns[0]
        self._keep = keep

    def __len__(self) -> int:
        return self._pc.n if self._keep is None else len(self._keep)

    def _at(self, k: int) -> int:
        return k if self._keep is None else int(self._keep[k])

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        pc, i = self._pc, self._at(k)
        h = self._scenario.control.holdings.get(pc.ids[i])
        pop, gov = int(pc.population[i]), int(pc.governorate[i])
        return dict(zip(self._FIELDS, (
            pc.ids[i], pc.names[i], PLACE_KINDS[int(pc.kind[i])], pc.countries[int(pc.country[i])],
            pc.governorates[gov] if gov >= 0 else None, pop if pop >= 0 else None,
            float(pc.lat[i]), float(pc.lon[i]), h.faction if h else None, h.status if h else None,
            list(pc.aliases.get(i, ()))), strict=True))

    def __iter__(self):
        th, pc = self._scenario.theatre, self._pc
        holder, status = _holder_columns(th, self._scenario.control, pc)
        cols = (pc.ids, pc.names, [PLACE_KINDS[k] for k in pc.kind.tolist()],
                [pc.countries[c] for c in pc.country.tolist()],
                [pc.governorates[g] if g >= 0 else None for g in pc.governorate.tolist()],
                [p if p >= 0 else None for p in pc.population.tolist()],
                pc.lat.tolist(), pc.lon.tolist(), holder, status,
                [list(a) for a in _sparse(pc.n, pc.aliases, ())])
        keep = range(pc.n) if self._keep is None else self._keep.tolist()
        names = self._FIELDS
        return (dict(zip(names, (c[i] for c in cols))) for i in keep)

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None

    def holder_counts(self) -> dict[str | None, int]:
        """How many rows each faction holds (None: held by nobody), from the columns."""
        holdings = self._scenario.control.holdings
        th = self._scenario.theatre
        if getattr(holdings, "arrays", False) and th.columnar:
            codes = holdings.codes if self._keep is None else holdings.codes[self._keep]
            counts = np.bincount(codes + 1, minlength=len(holdings.distinct) + 1)
            out: dict[str | None, int] = {}
            for c, n in enumerate(counts.tolist()):
                if n:
                    f = holdings.distinct[c - 1].faction if c else None
                    out[f] = out.get(f, 0) + n
            return out
        out = {}
        for r in self:
            out[r["holder"]] = out.get(r["holder"], 0) + 1
        return out


def _sparse(n: int, values, default) -> list:
    out = [default] * n
    for i, v in values.items():
        out[i] = v
    return out


def _holder_columns(th, ctl, pc) -> tuple[list, list]:
    holdings = ctl.holdings
    if getattr(holdings, "arrays", False) and th.columnar:
        fac = [h.faction for h in holdings.distinct] + [None]
        st = [h.status for h in holdings.distinct] + [None]
        codes = holdings.codes.tolist()
        return [fac[c] for c in codes], [st[c] for c in codes]
    found = [holdings.get(pid) for pid in pc.ids]
    return ([h.faction if h else None for h in found], [h.status if h else None for h in found])


def _meta(scenario, faction) -> dict[str, str]:
    th = scenario.theatre
    return {"theatre": th.id, "theatre_name": th.name, "home_country": th.home_country,
            "scenario": scenario.id, "date": scenario.date, "faction": faction.id,
            "credits": "; ".join(th.credits)}


# ---------------------------------------------------------------- JSON values

def _json_values(values: Sequence[Any]) -> list[str]:
    """Each value as json.dumps writes it (strings, numbers, booleans, None, lists of str)."""
    out = []
    for v in values:
        if v is None:
            out.append("null")
        elif v is True:
            out.append("true")
        elif v is False:
            out.append("false")
        elif isinstance(v, str):
            out.append(_js(v))
        elif isinstance(v, (list, tuple)):
            out.append("[" + ", ".join(_js(x) for x in v) + "]")
        else:
            out.append(repr(v))
    return out


def _blocks(n: int, make: Callable[[int, int], str]) -> Iterator[str]:
    for start in range(0, n, BLOCK):
        yield make(start, min(n, start + BLOCK))


def geojson_chunks(cols: ExportColumns) -> Iterator[str]:
    """The GeoJSON FeatureCollection, one feature a line, in blocks."""
    head = json.dumps({"type": "FeatureCollection", "sim": cols.meta}, ensure_ascii=False)
    yield head[:-1] + ', "features": [\n'
    p, r = cols.places, cols.roads
    lon, lat = _json_values(p["lon"]), _json_values(p["lat"])
    keys = [k for k in PLACE_COLUMNS if k not in ("lat", "lon")]
    n, m = len(p["id"]), len(r["a"])

    def place_rows(lo: int, hi: int) -> str:
        vals = [_json_values(p[k][lo:hi]) for k in keys]
        lines = []
        for j, row in enumerate(zip(*vals)):
            props = ", ".join(f'"{k}": {v}' for k, v in zip(keys, row))
            lines.append(f'{{"type": "Feature", "properties": {{{props}}}, "geometry": '
                         f'{{"type": "Point", "coordinates": [{lon[lo + j]}, {lat[lo + j]}]}}}}')
        return ",\n".join(lines)

    index = {pid: i for i, pid in enumerate(p["id"])} if m else {}

    def road_rows(lo: int, hi: int) -> str:
        vals = [_json_values(r[k][lo:hi]) for k in ROAD_COLUMNS]
        lines = []
        for j, row in enumerate(zip(*vals)):
            a, b = index[r["a"][lo + j]], index[r["b"][lo + j]]
            props = ", ".join(f'"{k}": {v}' for k, v in zip(ROAD_COLUMNS, row))
            lines.append(f'{{"type": "Feature", "properties": {{{props}}}, "geometry": '
                         f'{{"type": "LineString", "coordinates": [[{lon[a]}, {lat[a]}], '
                         f'[{lon[b]}, {lat[b]}]]}}}}')
        return ",\n".join(lines)

    yield from _joined(chain(_blocks(n, place_rows), _blocks(m, road_rows)))
    yield "\n]}\n"


def _joined(blocks: Iterable[str]) -> Iterator[str]:
    """Blocks of feature lines, with the separators between blocks."""
    started = False
    for block in blocks:
        if not block:
            continue
        yield (",\n" if started else "") + block
        started = True


# ---------------------------------------------------------------- GraphML

_NODE_KEYS = (("name", "string"), ("kind", "string"), ("country", "string"),
              ("governorate", "string"), ("population", "long"), ("aliases", "string"),
              ("y", "double"), ("x", "double"), ("holder", "string"), ("status", "string"),
              ("pocket", "int"), ("main_pocket", "boolean"), ("chokepoint", "boolean"),
              ("stronghold", "string"))
_EDGE_KEYS = (("km", "double"), ("length", "double"), ("class", "string"),
              ("ref", "string"), ("km_basis", "string"), ("note", "string"),
              ("usable", "boolean"), ("cut", "boolean"))


def _xml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return escape(";".join(value))
    return escape(repr(value) if isinstance(value, float) else str(value))


def graphml_chunks(cols: ExportColumns) -> Iterator[str]:
    """Undirected GraphML: keys, graph data, then nodes and edges in blocks."""
    ids: dict[tuple[str, str], str] = {}
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    for domain, keys in (("graph", [(k, "string") for k in cols.meta]), ("node", _NODE_KEYS),
                         ("edge", _EDGE_KEYS)):
        for name, kind in keys:
            ids[domain, name] = f"d{len(ids)}"
            out.append(f'  <key id="{ids[domain, name]}" for="{domain}" attr.name="{name}" '
                       f'attr.type="{kind}"/>')
    out.append('  <graph edgedefault="undirected">')
    for name, value in cols.meta.items():
        out.append(f'    <data key="{ids["graph", name]}">{_xml_value(value)}</data>')
    yield "\n".join(out) + "\n"
    p, r = cols.places, cols.roads
    node_cols = {**p, "x": p["lon"], "y": p["lat"]}
    edge_cols = {**r, "length": [km * 1000 for km in r["km"]]}
    yield from _blocks(len(p["id"]), lambda lo, hi: _xml_rows(
        "node", node_cols, _NODE_KEYS, ids, lo, hi,
        lambda j: f"    <node id={quoteattr(p['id'][j])}>", "    </node>"))
    yield from _blocks(len(r["a"]), lambda lo, hi: _xml_rows(
        "edge", edge_cols, _EDGE_KEYS, ids, lo, hi,
        lambda j: f"    <edge source={quoteattr(r['a'][j])} target={quoteattr(r['b'][j])}>",
        "    </edge>"))
    yield "  </graph>\n</graphml>\n"


def _xml_rows(domain, cols, keys, ids, lo, hi, open_tag, close_tag) -> str:
    out = []
    tags = [(name, ids[domain, name], cols[name]) for name, _ in keys]
    for j in range(lo, hi):
        out.append(open_tag(j))
        for name, key, col in tags:
            value = col[j]
            if value is None or value == "" or value == [] or value == ():
                continue
            out.append(f'      <data key="{key}">{_xml_value(value)}</data>')
        out.append(close_tag)
    return "\n".join(out) + "\n" if out else ""


# ---------------------------------------------------------------- CSV

def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return ";".join(value)
    return value


def csv_chunks(columns: dict[str, Sequence[Any]], names: list[str]) -> Iterator[str]:
    """A CSV file of the columns ``names``, header first, in blocks."""
    def rows(lo: int, hi: int) -> str:
        buf = StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        if lo == 0:
            writer.writerow(names)
        writer.writerows(zip(*([_csv_cell(v) for v in columns[c][lo:hi]] for c in names)))
        return buf.getvalue()

    n = len(columns[names[0]])
    yield from _blocks(n, rows) if n else rows(0, 0).splitlines(keepends=True)


class Chunks:
    """An export's text as chunks, produced afresh each time it is iterated;
    ``str()`` joins them (the whole text at once).

    >>> c = Chunks(lambda: iter(["a", "b"]))
    >>> list(c), str(c)
    (['a', 'b'], 'ab')
    """

    def __init__(self, make: Callable[[], Iterator[str]], count: int = 0) -> None:
        self._make = make
        self.count = count  # how many chunks it makes (about: for a progress bar)

    def __iter__(self) -> Iterator[str]:
        return self._make()

    def __str__(self) -> str:
        return "".join(self._make())


def chunks(scenario, faction, fmt: str) -> Chunks | dict[str, Chunks]:
    """The export of ``scenario`` as ``faction`` sees it in ``fmt``, as :class:`Chunks`:
    one, or for csv one by file name."""
    cols = export_columns(scenario, faction)
    n, m = (-(-len(cols.places["id"]) // BLOCK), -(-len(cols.roads["a"]) // BLOCK))
    if fmt == "geojson":
        return Chunks(lambda: geojson_chunks(cols), n + m + 2)
    if fmt == "graphml":
        return Chunks(lambda: graphml_chunks(cols), n + m + 2)
    return {"places.csv": Chunks(lambda: csv_chunks(cols.places, PLACE_COLUMNS), max(n, 1)),
            "roads.csv": Chunks(lambda: csv_chunks(cols.roads, ROAD_COLUMNS), max(m, 1))}


def tracked(content, update: Callable[[int, int], None] | None):
    """``content`` (a text, :class:`Chunks`, or a dict of either) reporting each chunk
    written to ``update(done, total)``; as it is when ``update`` is None or nothing is
    chunked."""
    parts = content.values() if isinstance(content, dict) else [content]
    total = sum(p.count for p in parts if isinstance(p, Chunks))
    if update is None or not total:
        return content
    done = 0

    def counted(chunked: Chunks) -> Chunks:
        def make() -> Iterator[str]:
            nonlocal done
            for piece in chunked:
                yield piece
                done += 1
                update(min(done, total), total)
        return Chunks(make, chunked.count)

    if isinstance(content, dict):
        return {k: counted(v) if isinstance(v, Chunks) else v for k, v in content.items()}
    return counted(content)
