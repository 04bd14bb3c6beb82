"""Columns: a theatre's places and roads as arrays, for theatres of a million places.

A :class:`~sim.model.Theatre` built from :class:`Place` and :class:`Road` values
keeps one Python object per place and per road. A large theatre (a national road
network) is kept as columns instead: one array per field, strings in tuples,
rare fields (aliases, refs, notes) in sparse maps. The theatre's ``places`` and
``roads`` are then read-only mappings over the columns (:class:`PlaceMap`,
:class:`RoadMap`) that build a value only when one is asked for, while the
analyses read the arrays directly.

Places are numbered ``0 .. n-1`` in id order, as in :mod:`sim.analysis.arrays`;
roads are index pairs ``u < v`` in the order of their keys.

>>> import numpy as np
>>> pc = PlaceColumns.of(["a", "b", "c"], lat=[0, 0, 0], lon=[0, 1, 2], country="XA")
>>> rc = RoadColumns.of(pc, ["b", "a"], ["c", "b"], [50.0, 100.0])
>>> places, roads = PlaceMap(pc), RoadMap(pc, rc)
>>> places["b"].lon, len(places), "z" in places
(1.0, 3, False)
>>> list(roads), roads["a", "b"].km
([('a', 'b'), ('b', 'c')], 100.0)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from .model import PLACE_KINDS, ROAD_CLASSES, Place, Road

_EMPTY: Mapping = MappingProxyType({})


class SortedIndex(Mapping):
    """id -> index over ids in sorted order, by binary search (no dict of a million keys).

    >>> ix = SortedIndex(("a", "b", "d"))
    >>> ix["d"], ix.get("c"), list(ix), len(ix)
    (2, None, ['a', 'b', 'd'], 3)
    """

    __slots__ = ("_ids",)

    def __init__(self, ids: Sequence[str]) -> None:
        self._ids = ids

    def __getitem__(self, key: str) -> int:
        ids = self._ids
        i = bisect_left(ids, key)
        if i < len(ids) and ids[i] == key:
            return i
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        ids = self._ids
        i = bisect_left(ids, key)
        return i < len(ids) and ids[i] == key

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def many(self, keys: Sequence[str]) -> np.ndarray:
        """Indices of ``keys`` (-1 for a key not present), vectorised."""
        if not len(keys):
            return np.zeros(0, dtype=np.int64)
        return np.asarray([self.get(k, -1) for k in keys], dtype=np.int64)


def _codes(values: Sequence[str], vocab: Sequence[str] | None = None
           ) -> tuple[np.ndarray, tuple[str, ...]]:
    """(codes, vocabulary) of string values: each value's position in the vocabulary,
    which is ``vocab`` followed by unseen values in sorted order."""
    known = list(vocab or ())
    arr = np.asarray(values, dtype=object)
    uniq, inverse = np.unique(arr.astype(str), return_inverse=True) if len(arr) else \
        (np.zeros(0, dtype=str), np.zeros(0, dtype=np.int64))
    extra = [u for u in uniq.tolist() if u not in known]
    table = [*known, *extra]
    pos = {v: i for i, v in enumerate(table)}
    remap = np.asarray([pos[u] for u in uniq.tolist()], dtype=np.int64)
    return remap[inverse] if len(arr) else np.zeros(0, dtype=np.int64), tuple(table)


@dataclass(frozen=True, eq=False)
class PlaceColumns:
    """Every place as columns, in id order.

    ``kind`` codes :data:`~sim.model.PLACE_KINDS`; ``country`` and ``governorate``
    code ``countries`` and ``governorates`` (-1: no governorate); ``population``
    is -1 where unknown; ``aliases`` and ``sources`` map a place's index to its
    aliases and source, for the places that have any.
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    lat: np.ndarray
    lon: np.ndarray
    kind: np.ndarray
    country: np.ndarray
    countries: tuple[str, ...]
    population: np.ndarray
    governorate: np.ndarray
    governorates: tuple[str, ...] = ()
    aliases: Mapping[int, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    sources: Mapping[int, str] = field(default_factory=lambda: _EMPTY)
    index: SortedIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", SortedIndex(self.ids))

    @property
    def n(self) -> int:
        return len(self.ids)

    @classmethod
    def of(cls, ids: Sequence[str], *, lat, lon, names: Sequence[str] | None = None,
           kind: Sequence[str] | str = "town", country: Sequence[str] | str = "",
           population=None, governorate: Sequence[str | None] | None = None,
           aliases: Mapping[int, tuple[str, ...]] | None = None,
           sources: Mapping[int, str] | None = None) -> PlaceColumns:
        """Columns from plain sequences, sorted into id order (ids must be unique).

        ``population`` may hold None (or -1) for unknown; ``kind`` and ``country`` may
        be one value for every place.
        """
        ids = list(ids)
        n = len(ids)
        order = np.asarray(sorted(range(n), key=ids.__getitem__), dtype=np.int64)
        ident = bool(np.all(order == np.arange(n)))

        def sort(seq):
            return seq if ident else [seq[i] for i in order.tolist()]

        def each(value, default):
            return [value] * n if isinstance(value, str) or value is None else list(value)

        kinds = np.asarray([PLACE_KINDS.index(k) for k in sort(each(kind, "town"))],
                           dtype=np.uint8)
        ccode, countries = _codes(sort(each(country, "")))
        pop = np.asarray([-1 if p is None else int(p) for p in sort(each(population, None))]
                         if population is not None else [-1] * n, dtype=np.int64)
        gov = sort(each(governorate, None)) if governorate is not None else [None] * n
        present = sorted({g for g in gov if g})
        gpos = {g: i for i, g in enumerate(present)}
        gcode = np.asarray([gpos[g] if g else -1 for g in gov], dtype=np.int32)
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n)
        sids = tuple(sort(ids))
        return cls(
            ids=sids, names=tuple(sort(list(names))) if names is not None else sids,
            lat=np.asarray(sort(list(lat)), dtype=np.float64),
            lon=np.asarray(sort(list(lon)), dtype=np.float64),
            kind=kinds, country=ccode.astype(np.uint16), countries=countries,
            population=pop, governorate=gcode, governorates=tuple(present),
            aliases=MappingProxyType({int(rank[i]): tuple(a) for i, a in (aliases or {}).items()
                                      if a}),
            sources=MappingProxyType({int(rank[i]): s for i, s in (sources or {}).items() if s}))

    def place(self, i: int) -> Place:
        """The :class:`~sim.model.Place` of index ``i``."""
        pop = int(self.population[i])
        gov = int(self.governorate[i])
        return Place(self.ids[i], self.names[i], float(self.lat[i]), float(self.lon[i]),
                     PLACE_KINDS[int(self.kind[i])], self.countries[int(self.country[i])],
                     None if pop < 0 else pop, self.aliases.get(i, ()), self.sources.get(i, ""),
                     self.governorates[gov] if gov >= 0 else None)

    def present_countries(self) -> list[str]:
        """The codes of the countries some place is in, sorted."""
        return sorted(self.countries[int(c)] for c in np.unique(self.country))

    def present_governorates(self) -> tuple[str, ...]:
        """The governorate names some place gives, sorted."""
        used = np.unique(self.governorate[self.governorate >= 0])
        return tuple(sorted(self.governorates[int(g)] for g in used))

    def in_country(self, code: str) -> np.ndarray:
        """Boolean array: the places in country ``code``."""
        if code not in self.countries:
            return np.zeros(self.n, dtype=bool)
        return self.country == self.countries.index(code)


@dataclass(frozen=True, eq=False)
class RoadColumns:
    """Every road as columns, in key order: ``u[e] < v[e]`` index the places it joins.

    ``road_class`` codes :data:`~sim.model.ROAD_CLASSES`; ``refs`` and ``notes`` map
    a road's position to its ref and note, for the roads that have one; ``flipped``
    marks the roads given from ``v`` to ``u`` (a road keeps the direction its file
    gave, ``Road.a`` and ``Road.b``; None: none is flipped).
    """

    u: np.ndarray
    v: np.ndarray
    km: np.ndarray
    road_class: np.ndarray
    sourced: np.ndarray
    refs: Mapping[int, str] = field(default_factory=lambda: _EMPTY)
    notes: Mapping[int, str] = field(default_factory=lambda: _EMPTY)
    flipped: np.ndarray | None = None

    @property
    def m(self) -> int:
        return len(self.u)

    @classmethod
    def of(cls, places: PlaceColumns, a: Sequence[str], b: Sequence[str], km,
           road_class: Sequence[str] | str = "primary", refs: Sequence[str] | None = None,
           sourced=None, notes: Sequence[str] | None = None) -> RoadColumns:
        """Columns of the roads joining ids ``a[e]`` and ``b[e]`` (each pair once)."""
        ia, ib = places.index.many(list(a)), places.index.many(list(b))
        if len(ia) and (ia.min() < 0 or ib.min() < 0):
            raise KeyError("a road names a place the columns lack")
        m = len(ia)
        cls_ = [road_class] * m if isinstance(road_class, str) else list(road_class)
        codes = np.asarray([ROAD_CLASSES.index(c) for c in cls_], dtype=np.uint8)
        km_a = np.asarray(km, dtype=np.float64)
        src = np.zeros(m, dtype=bool) if sourced is None else np.asarray(sourced, dtype=bool)
        return cls.sorted(np.minimum(ia, ib), np.maximum(ia, ib), km_a, codes, src,
                          dict(enumerate(refs or ())), dict(enumerate(notes or ())), places.n,
                          ia > ib)

    @classmethod
    def sorted(cls, u, v, km, road_class, sourced, refs: Mapping[int, str],
               notes: Mapping[int, str], n: int, flipped=None) -> RoadColumns:
        """Columns of roads given in any order (``u < v`` already), put in key order."""
        u, v = np.asarray(u, dtype=np.int64), np.asarray(v, dtype=np.int64)
        order = np.argsort(u * max(n, 1) + v, kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        flip = None if flipped is None or not np.any(flipped) else \
            np.asarray(flipped, dtype=bool)[order]
        return cls(u[order].astype(np.int32), v[order].astype(np.int32),
                   np.asarray(km)[order], np.asarray(road_class)[order],
                   np.asarray(sourced)[order],
                   MappingProxyType({int(rank[e]): r for e, r in refs.items() if r}),
                   MappingProxyType({int(rank[e]): t for e, t in notes.items() if t}), flip)

    def ends(self) -> tuple[np.ndarray, np.ndarray]:
        """Index arrays of each road's ``a`` and ``b`` ends, in the direction given."""
        if self.flipped is None:
            return self.u, self.v
        return np.where(self.flipped, self.v, self.u), np.where(self.flipped, self.u, self.v)

    def find(self, i: int, j: int, n: int) -> int:
        """The position of the road joining place indices ``i`` and ``j``, or -1."""
        lo, hi = (i, j) if i < j else (j, i)
        codes = self._codes(n)
        e = int(np.searchsorted(codes, lo * n + hi))
        return e if e < len(codes) and codes[e] == lo * n + hi else -1

    def _codes(self, n: int) -> np.ndarray:
        cached = self.__dict__.get("_key_codes")
        if cached is None:
            cached = self.u.astype(np.int64) * n + self.v
            object.__setattr__(self, "_key_codes", cached)
        return cached

    def road(self, e: int, ids: Sequence[str]) -> Road:
        """The :class:`~sim.model.Road` at position ``e``."""
        a, b = int(self.u[e]), int(self.v[e])
        if self.flipped is not None and self.flipped[e]:
            a, b = b, a
        return Road(ids[a], ids[b], float(self.km[e]),
                    ROAD_CLASSES[int(self.road_class[e])], self.refs.get(e, ""),
                    bool(self.sourced[e]), self.notes.get(e, ""))


class PlaceMap(Mapping):
    """The places of a columnar theatre: id -> :class:`~sim.model.Place`, built on demand."""

    __slots__ = ("columns",)

    def __init__(self, columns: PlaceColumns) -> None:
        self.columns = columns

    def __getitem__(self, pid: str) -> Place:
        return self.columns.place(self.columns.index[pid])

    def __contains__(self, pid: object) -> bool:
        return pid in self.columns.index

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns.ids)

    def __len__(self) -> int:
        return self.columns.n


class RoadMap(Mapping):
    """The roads of a columnar theatre: ``(a, b)`` key -> :class:`~sim.model.Road`."""

    __slots__ = ("places", "columns")

    def __init__(self, places: PlaceColumns, columns: RoadColumns) -> None:
        self.places, self.columns = places, columns

    def _position(self, key: object) -> int:
        if not isinstance(key, tuple) or len(key) != 2:
            return -1
        index = self.places.index
        i, j = index.get(key[0], -1), index.get(key[1], -1)
        if i < 0 or j < 0 or key[0] > key[1]:
            return -1
        return self.columns.find(i, j, self.places.n)

    def __getitem__(self, key: tuple[str, str]) -> Road:
        e = self._position(key)
        if e < 0:
            raise KeyError(key)
        return self.columns.road(e, self.places.ids)

    def __contains__(self, key: object) -> bool:
        return self._position(key) >= 0

    def __iter__(self) -> Iterator[tuple[str, str]]:
        ids = self.places.ids
        for a, b in zip(self.columns.u.tolist(), self.columns.v.tolist()):
            yield ids[a], ids[b]

    def __len__(self) -> int:
        return self.columns.m


def columns_of(places: Mapping[str, Place], roads: Mapping[tuple[str, str], Road]
               ) -> tuple[PlaceColumns, RoadColumns]:
    """The columns of a theatre built from values (places in id order, roads in key order)."""
    vals = list(places.values())
    pc = PlaceColumns.of([p.id for p in vals], lat=[p.lat for p in vals],
                         lon=[p.lon for p in vals], names=[p.name for p in vals],
                         kind=[p.kind for p in vals], country=[p.country for p in vals],
                         population=[p.population for p in vals],
                         governorate=[p.governorate for p in vals],
                         aliases={i: p.aliases for i, p in enumerate(vals) if p.aliases},
                         sources={i: p.source for i, p in enumerate(vals) if p.source})
    rs = list(roads.values())
    rc = RoadColumns.of(pc, [r.a for r in rs], [r.b for r in rs], [r.km for r in rs],
                        [r.road_class for r in rs], [r.ref for r in rs],
                        [r.sourced for r in rs], [r.note for r in rs])
    return pc, rc


def columnar(theatre):
    """The same theatre kept as columns (a large theatre's form; used to test it on small ones).

    >>> from sim.model import Place, Road, Theatre
    >>> t = Theatre.build("t", "T", "XA", [Place("a", "A", 0, 0), Place("b", "B", 0, 1)],
    ...                   [Road("a", "b", 5.0)])
    >>> c = columnar(t)
    >>> c.columnar, dict(c.places) == dict(t.places), dict(c.roads) == dict(t.roads)
    (True, True, True)
    """
    from .model import Theatre
    pc, rc = columns_of(theatre.places, theatre.roads)
    return Theatre.from_columns(theatre.id, theatre.name, theatre.home_country, pc, rc,
                                theatre.factions.values(), theatre.credits, theatre.basemap,
                                theatre.source, theatre.country_names)
