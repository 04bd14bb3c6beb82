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

import numpy as np

from ..model import PLACE_KINDS, ROAD_CLASSES
from .common import PLACE_COLUMNS, ROAD_COLUMNS
from .encode import (attr_column, csv_cell, csv_column, interleave, json_column, xml_column,
                     xml_value)

#: Rows a chunk holds.
BLOCK = 50_000


@dataclass(frozen=True, eq=False)
class ExportColumns:
    """Every column of an export: places in id order, roads in key order.

    Lists hold Python values (None where a value is missing), as the rows of
    :func:`~sim.formats.exports.export_tables` would. ``ends``, when given, holds the
    place indices of each road's ``a`` and ``b`` (the places' ids being distinct).
    """

    places: dict[str, Sequence[Any]]
    roads: dict[str, Sequence[Any]]
    meta: dict[str, str]
    ends: tuple[np.ndarray, np.ndarray] | None = None

    def rows(self, which: str) -> Iterator[dict[str, Any]]:
        cols = self.places if which == "places" else self.roads
        names = list(cols)
        for values in zip(*(cols[k] for k in names)):
            yield dict(zip(names, values))


def export_columns(scenario, faction) -> ExportColumns:
    """The columns of ``scenario`` exported as ``faction`` sees it (holders, pockets,
    chokepoints, strongholds, usable and cut roads)."""
    from ..analysis import assess

    th, ctl = scenario.theatre, scenario.control
    pc, rc = th.columns
    found = assess(th, ctl, faction, scenario.lifelines)
    pocket_no, in_main, mask, arrays = _pockets(th, ctl, faction, found.pockets, pc)
    flags = np.zeros(pc.n, dtype=bool)
    for places in found.chokepoints.values():
        flags[[pc.index[p] for p in places]] = True
    strong = [None] * pc.n
    for pid, state in found.strongholds.items():
        strong[pc.index[pid]] = state
    places = {
        **_place_columns(th, ctl, pc),
        "pocket": _or_none(pocket_no, pocket_no == 0),
        "main_pocket": in_main.tolist(),
        "chokepoint": flags.tolist(), "stronghold": strong,
    }
    cut = np.zeros(rc.m, dtype=bool)
    if ctl.cut_roads:
        cut[arrays.edge_ids(sorted(ctl.cut_roads))] = True
    ids, ends = pc.ids, rc.ends()
    roads = {
        "a": _picked(ids, ends[0]), "b": _picked(ids, ends[1]),
        "km": rc.km.tolist(), "class": _picked(ROAD_CLASSES, rc.road_class),
        "ref": _sparse(rc.m, rc.refs, ""),
        "km_basis": _picked(("estimated", "sourced"), rc.sourced.astype(bool).astype(np.intp)),
        "note": _sparse(rc.m, rc.notes, ""),
        "usable": (mask[rc.u] & mask[rc.v] & ~cut).tolist(),
        "cut": cut.tolist(),
    }
    return ExportColumns(places, roads, _meta(scenario, faction), (ends[0], ends[1]))


def _pockets(th, ctl, faction, pockets, pc) -> tuple[np.ndarray, np.ndarray, np.ndarray, Any]:
    """Each place's pocket number (0 outside the faction's pockets) and whether it lies in
    the main pocket; which places the faction may pass; the theatre's arrays."""
    from ..analysis.engine import passable, passable_mask, pieces, theatre_arrays

    if all(p.index is not None for p in pockets):  # the array engine's: places by index
        number, main = np.zeros(pc.n, dtype=np.int64), np.zeros(pc.n, dtype=bool)
        for k, pocket in enumerate(pockets, 1):
            number[pocket.index], main[pocket.index] = k, pocket.main
        arrays = theatre_arrays(th)
        return number, main, passable_mask(th, ctl, faction.side, arrays), arrays
    graph = passable(th, ctl, faction.side)
    labels = pieces(graph)
    number = np.zeros(int(labels.max()) + 2 if len(labels) else 1, dtype=np.int64)
    main = np.zeros(len(number), dtype=bool)
    for k, pocket in enumerate(pockets, 1):
        lab = labels[pc.index[pocket.places[0]]]
        number[lab], main[lab] = k, pocket.main
    # label -1 reads the spare last entry: 0
    return number[labels], main[labels], graph.mask, graph.arrays


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

    def __getitem__(self, k):
        if isinstance(k, slice):
            at = np.arange(len(self))[k]
        else:
            at = np.arange(len(self))[[k]]  # an IndexError past either end
        if self._keep is not None:
            at = self._keep[at]
        rows = list(self._rows(at))
        return rows if isinstance(k, slice) else rows[0]

    def __iter__(self):
        return self._rows(self._keep)

    def _rows(self, at: np.ndarray | None) -> Iterator[dict[str, Any]]:
        cols = _place_columns(self._scenario.theatre, self._scenario.control, self._pc, at)
        cols["aliases"] = [list(a) for a in cols["aliases"]]
        picked = [cols[k] for k in self._FIELDS]
        return (dict(zip(self._FIELDS, row)) for row in zip(*picked))

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


def _picked(table: Sequence, codes: np.ndarray) -> list:
    """``[table[c] for c in codes.tolist()]``, picked in C.

    >>> _picked("ab", np.array([1, 0, 1]))
    ['b', 'a', 'b']
    """
    return np.fromiter(table, dtype=object, count=len(table)).take(codes).tolist()


def _or_none(values: np.ndarray, missing: np.ndarray) -> list:
    """``values`` as a list, None where ``missing``.

    >>> _or_none(np.array([3, -1]), np.array([False, True]))
    [3, None]
    """
    if not missing.any():
        return values.tolist()
    out = values.astype(object)
    out[missing] = None
    return out.tolist()


def _place_columns(th, ctl, pc, at: np.ndarray | None = None) -> dict[str, list]:
    """What an export and ``sim places`` say of each place (of the places at ``at`` only,
    if given): id, name, lat, lon, kind, country, governorate, population, aliases,
    holder and status, each a list (None where a value is missing)."""
    def of(column: np.ndarray) -> np.ndarray:
        return column if at is None else column[at]

    def listed(seq: Sequence) -> Sequence:
        return seq if at is None else [seq[i] for i in at.tolist()]

    gov, governorates, pop = of(pc.governorate), [*pc.governorates, None], of(pc.population)
    holder, status = _holder_columns(th, ctl, pc, at)
    return {
        "id": listed(pc.ids), "name": listed(pc.names), "lat": of(pc.lat).tolist(),
        "lon": of(pc.lon).tolist(), "kind": _picked(PLACE_KINDS, of(pc.kind)),
        "country": _picked(pc.countries, of(pc.country)),
        "governorate": _picked(governorates, np.where(gov >= 0, gov, len(governorates) - 1)),
        "population": _or_none(pop, pop < 0),
        "aliases": _sparse(pc.n, pc.aliases, ()) if at is None
        else [pc.aliases.get(i, ()) for i in at.tolist()],
        "holder": holder, "status": status,
    }


def _holder_columns(th, ctl, pc, at: np.ndarray | None = None) -> tuple[list, list]:
    holdings = ctl.holdings
    if getattr(holdings, "arrays", False) and th.columnar:
        codes = holdings.codes if at is None else holdings.codes[at]
        fac = [h.faction for h in holdings.distinct] + [None]
        st = [h.status for h in holdings.distinct] + [None]
        return _picked(fac, codes), _picked(st, codes)
    ids = pc.ids if at is None else [pc.ids[i] for i in at.tolist()]
    found = [holdings.get(pid) for pid in ids]
    return ([h.faction if h else None for h in found], [h.status if h else None for h in found])


def _meta(scenario, faction) -> dict[str, str]:
    th = scenario.theatre
    return {"theatre": th.id, "theatre_name": th.name, "home_country": th.home_country,
            "scenario": scenario.id, "date": scenario.date, "faction": faction.id,
            "credits": "; ".join(th.credits)}


# ---------------------------------------------------------------- GeoJSON

def _blocks(n: int, make: Callable[[int, int], str]) -> Iterator[str]:
    for start in range(0, n, BLOCK):
        yield make(start, min(n, start + BLOCK))


def _json_props(cols: dict[str, Sequence[Any]], keys: Sequence[str], lo: int, hi: int) -> list:
    """The items (for :func:`~sim.formats.encode.interleave`) of the features' lines up to
    the end of their properties, each line led by a separator from the line before."""
    items: list = []
    sep = ',\n{"type": "Feature", "properties": {'
    for k in keys:
        texts, q = json_column(cols[k][lo:hi])
        items += [f'{sep}"{k}": {q}', texts]
        sep = q + ", "
    items.append(sep[:-2] + "}")
    return items


def _coordinates(p: dict[str, Sequence[Any]]) -> list[str]:
    """Each place's ``lon, lat`` as GeoJSON writes them."""
    (lon, qx), (lat, qy) = json_column(p["lon"]), json_column(p["lat"])
    # JSON text holds no NUL (it writes control characters escaped): NULs part the places
    out = interleave([qx, lon, f"{qx}, {qy}", lat, qy + "\0"], len(lon)).split("\0")[:-1]
    return out if len(out) == len(lon) else [f"{qx}{x}{qx}, {qy}{y}{qy}" for x, y in zip(lon, lat)]


def geojson_chunks(cols: ExportColumns) -> Iterator[str]:
    """The GeoJSON FeatureCollection, one feature a line, in blocks."""
    head = json.dumps({"type": "FeatureCollection", "sim": cols.meta}, ensure_ascii=False)
    yield head[:-1] + ', "features": [\n'
    p, r = cols.places, cols.roads
    xy = _coordinates(p)
    keys = [k for k in PLACE_COLUMNS if k not in ("lat", "lon")]
    n, m = len(p["id"]), len(r["a"])

    def place_rows(lo: int, hi: int) -> str:
        items = _json_props(p, keys, lo, hi) + [
            ', "geometry": {"type": "Point", "coordinates": [', xy[lo:hi], "]}}"]
        return interleave(items, hi - lo, lead=2)

    if cols.ends is not None:  # each road's ends' coordinates, picked in C
        at = np.fromiter(xy, dtype=object, count=len(xy))

        def ends(lo: int, hi: int) -> list[list[str]]:
            return [at.take(e[lo:hi]).tolist() for e in cols.ends]
    else:
        where = dict(zip(p["id"], xy)) if m else {}

        def ends(lo: int, hi: int) -> list[list[str]]:
            return [list(map(where.__getitem__, r[k][lo:hi])) for k in ("a", "b")]

    def road_rows(lo: int, hi: int) -> str:
        a, b = ends(lo, hi)
        items = _json_props(r, ROAD_COLUMNS, lo, hi) + [
            ', "geometry": {"type": "LineString", "coordinates": [[', a, "], [", b, "]]}}"]
        return interleave(items, hi - lo, lead=2)

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
        out.append(f'    <data key="{ids["graph", name]}">{xml_value(value)}</data>')
    yield "\n".join(out) + "\n"
    p, r = cols.places, cols.roads
    node_cols = {**p, "x": p["lon"], "y": p["lat"]}
    edge_cols = {**r, "length": [km * 1000 for km in r["km"]]}

    def node(lo: int, hi: int) -> list:
        texts, q = attr_column(p["id"][lo:hi])
        return [f"    <node id={q}", texts, f"{q}>\n"]

    def edge(lo: int, hi: int) -> list:
        (a, qa), (b, qb) = attr_column(r["a"][lo:hi]), attr_column(r["b"][lo:hi])
        return [f"    <edge source={qa}", a, f"{qa} target={qb}", b, f"{qb}>\n"]

    yield from _blocks(len(p["id"]), lambda lo, hi: _xml_rows(
        "node", node_cols, _NODE_KEYS, ids, lo, hi, node, "    </node>"))
    yield from _blocks(len(r["a"]), lambda lo, hi: _xml_rows(
        "edge", edge_cols, _EDGE_KEYS, ids, lo, hi, edge, "    </edge>"))
    yield "  </graph>\n</graphml>\n"


def _xml_rows(domain, cols, keys, ids, lo, hi, open_tag, close_tag) -> str:
    items = open_tag(lo, hi)
    for name, _ in keys:
        items += xml_column(cols[name][lo:hi], f'      <data key="{ids[domain, name]}">',
                            "</data>\n")
    items.append(close_tag + "\n")
    return interleave(items, hi - lo)


# ---------------------------------------------------------------- CSV

def csv_chunks(columns: dict[str, Sequence[Any]], names: list[str]) -> Iterator[str]:
    """A CSV file of the columns ``names``, header first, in blocks."""
    def rows(lo: int, hi: int) -> str:
        buf = StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        if lo == 0:
            writer.writerow(names)
        cells = [csv_column(columns[c][lo:hi]) for c in names]
        if len(names) > 1 and all(c is not None for c in cells):
            k, items = hi - lo, [","] * (2 * len(names))
            items[0::2], items[-1] = cells, "\n"
            text = interleave(items, k)
            # what the writer would quote: a quote, a delimiter or a line end in a cell
            if ('"' not in text and "\r" not in text and text.count("\n") == k
                    and text.count(",") == (len(names) - 1) * k):
                return buf.getvalue() + text
        writer.writerows(zip(*(c if c is not None else list(map(csv_cell, columns[n][lo:hi]))
                               for c, n in zip(cells, names))))
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
