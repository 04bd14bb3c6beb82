"""What the GraphML, GeoJSON and CSV readers share: the draft of a theatre, ids, constants.

A reader fills a :class:`_Draft` with places and roads, each built by
:mod:`sim.schema` and remembered with where it came from; the draft then
checks the whole (duplicate ids and roads) and builds the :class:`Loaded`
theatre, or raises every problem at once.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from .. import schema
from ..control import STATUSES
from ..model import Place, Road, Theatre
from ..names import normalize
from ..schema import Problems, as_text

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
PLACE_COLUMNS = ["id", "name", "lat", "lon", "kind", "country", "governorate", "population",
                 "aliases", "holder", "status", "pocket", "main_pocket", "chokepoint", "stronghold"]
ROAD_COLUMNS = ["a", "b", "km", "class", "ref", "km_basis", "note", "usable", "cut"]

_text = as_text


@contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection while millions of values are made (none of them is
    garbage yet; each collection would walk them all)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@dataclass(frozen=True)
class Loaded:
    """A theatre read from a file, the holders the file names, and notes for its user.

    ``holders`` maps place ids to ``(faction, status)`` pairs read from the file's
    own ``holder``/``status`` attributes, in id order; ``notes`` says what the loader
    decided on the user's behalf (snapped line ends). ``holder_columns`` gives the
    same holders as arrays (:class:`HolderColumns`).
    """

    theatre: Theatre
    holders: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def holder_columns(self) -> HolderColumns:
        """The holders as arrays over the theatre's places in id order (no Python object
        a place, for a theatre of a million places)."""
        if isinstance(self.holders, HolderMap):
            return self.holders.columns
        return HolderColumns.of(tuple(self.theatre.places), self.holders)


@dataclass(frozen=True, eq=False)
class HolderColumns:
    """The holders a theatre file names, as arrays over its places numbered in id order.

    ``faction[i]`` (int16) is the position in ``factions`` of the holder of place ``i``,
    -1 where the file names none; ``status[i]`` (uint8) is the position of its status
    in :data:`sim.control.STATUSES`. ``factions`` are the holders' ids, sorted.

    >>> cols = HolderColumns.of(("a", "b", "c"), {"c": ("red", "besieged"), "a": ("blue", "held")})
    >>> cols.faction.tolist(), cols.status.tolist(), cols.factions
    ([0, -1, 1], [0, 0, 2], ('blue', 'red'))
    """

    faction: Any
    status: Any
    factions: tuple[str, ...]

    @classmethod
    def of(cls, ids: Sequence[str], holders: Mapping[str, tuple[str, str]]) -> HolderColumns:
        """The columns of ``holders`` (place id -> (faction, status)) over the places ``ids``."""
        import numpy as np

        factions = tuple(sorted({f for f, _ in holders.values()}))
        code = {f: i for i, f in enumerate(factions)}
        faction = np.full(len(ids), -1, dtype=np.int16)
        status = np.zeros(len(ids), dtype=np.uint8)
        for i, pid in enumerate(ids):
            held = holders.get(pid)
            if held is not None:
                faction[i], status[i] = code[held[0]], STATUSES.index(held[1])
        return cls(faction, status, factions)


class HolderMap(Mapping):
    """The holders a file names: place id -> ``(faction, status)``, read off
    :class:`HolderColumns` on demand (in id order, the places without a holder left out).

    >>> held = HolderMap(("a", "b"), HolderColumns.of(("a", "b"), {"b": ("red", "held")}))
    >>> dict(held), "a" in held, len(held)
    ({'b': ('red', 'held')}, False, 1)
    """

    __slots__ = ("ids", "columns", "_index", "_held")

    def __init__(self, ids: Sequence[str], columns: HolderColumns, index=None) -> None:
        from ..columns import SortedIndex

        self.ids, self.columns = ids, columns
        self._index = index if index is not None else SortedIndex(ids)
        self._held = None

    def _positions(self):
        if self._held is None:
            import numpy as np
            self._held = np.flatnonzero(self.columns.faction >= 0)
        return self._held

    def __getitem__(self, pid: str) -> tuple[str, str]:
        i = self._index.get(pid, -1) if isinstance(pid, str) else -1
        code = int(self.columns.faction[i]) if i >= 0 else -1
        if code < 0:
            raise KeyError(pid)
        return self.columns.factions[code], STATUSES[int(self.columns.status[i])]

    def __contains__(self, pid: object) -> bool:
        try:
            self[pid]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        ids = self.ids
        return (ids[i] for i in self._positions().tolist())

    def __len__(self) -> int:
        return len(self._positions())


@dataclass
class _Draft:
    """Places and roads read so far, each with where it came from, and the problems found."""

    problems: Problems = field(default_factory=Problems)
    places: dict[str, tuple[Place, str]] = field(default_factory=dict)
    claimed: dict[str, str] = field(default_factory=dict)  # every place record's id, valid or not
    roads: list[tuple[Road, str]] = field(default_factory=list)
    holders: dict[str, tuple[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def claim(self, pid: str) -> None:
        """Note a place id whose record is bad, so that roads naming it are not unknown."""
        if pid:
            self.claimed.setdefault(pid, pid)

    def add_place(self, f: Mapping[str, Any], where: str, default_kind: str) -> Place | None:
        """The place of record ``f`` (see :func:`sim.schema.place`), unless it is bad
        or its id is taken."""
        pid = _text(f.get("id"))
        if pid in self.places:
            self.problems.add(f"duplicate place id {pid!r} (first at {self.places[pid][1]})",
                              at=where)
            return None
        if pid in self.claimed:
            self.problems.add(f"duplicate place id {pid!r}", at=where)
            return None
        place = schema.place(f, where, self.problems, default_kind=default_kind)
        self.claim(place.id if place is not None else pid)
        if place is not None:
            self.places[place.id] = (place, where)
            self._holding(f, place.id, where)
        return place

    def _holding(self, f: Mapping[str, Any], pid: str, where: str) -> None:
        holder = schema.text(f.get("holder"), "holder", where, self.problems)
        if not holder:
            return
        status = schema.choice(f.get("status"), "status", STATUSES, where, self.problems,
                               default="held")
        self.holders[pid] = (holder, status or "held")

    def add_road(self, record: Mapping[str, Any], where: str, **options: Any) -> Road | None:
        """The road of ``record`` (see :func:`sim.schema.road`), its ends checked
        against the places read so far."""
        road = schema.road(record, where, self.problems, places=self.claimed, **options)
        if road is not None:
            self.roads.append((road, where))
        return road

    def theatre(self, *, file: str, stem: str, meta: Mapping[str, Any],
                home_country: str | None, collapse: bool = False,
                credits: Iterable[str] = (), meta_where: str = "metadata") -> Loaded:
        """Check the draft as a whole and build the theatre; raise every problem at once.

        ``meta`` holds what the file says of itself (``theatre``, ``theatre_name``
        or ``name``, ``home_country``, ``credits``), found at ``meta_where``.
        """
        roads = self._unique_roads(collapse)
        said = {k: schema.text(meta.get(k), k, meta_where, self.problems)
                for k in ("theatre", "theatre_name", "name")}
        said["home_country"] = schema.country(meta.get("home_country"), meta_where,
                                              self.problems, what="home_country")
        declared = schema.strings(meta.get("credits"), "credits", meta_where, self.problems)
        self.problems.file = file or None
        self.problems.raise_if_any()
        home = home_country_of(self.places.values(), home_country or said["home_country"])
        places = [p if p.country else replace(p, country=home) for p, _ in self.places.values()]
        tid = said["theatre"] or slug(stem) or "theatre"
        name = said["theatre_name"] or said["name"] or stem or tid
        credits = tuple(dict.fromkeys([*declared, *(c for c in map(_text, credits) if c)]))
        theatre = Theatre.build(tid, name, home, places, (r for r, _ in roads.values()),
                                credits=credits, source=file)
        return Loaded(theatre, dict(sorted(self.holders.items())), tuple(self.notes))

    def _unique_roads(self, collapse: bool) -> dict[tuple[str, str], tuple[Road, str]]:
        """One road per pair of places: the shortest if ``collapse``, else the first
        (a later one is a duplicate)."""
        roads: dict[tuple[str, str], tuple[Road, str]] = {}
        drafted, self.roads = self.roads, []
        for road, where in drafted:
            seen = roads.get(road.key)
            if seen is None or (collapse and road.km < seen[0].km):
                roads[road.key] = (road, where)
            elif not collapse:
                self.problems.add(f"duplicate road {road.a}-{road.b} (first at {seen[1]})",
                                  at=where)
        return roads


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
