"""The theatre: places, roads and the factions documents speak of.

A *theatre* is a weighted road graph. Its nodes are :class:`Place` values
(cities, towns, junctions, border crossings, ports, air bases), its edges
:class:`Road` values with a length in km. Places outside the theatre's home
country are kept for transit questions.

>>> t = Theatre.build(
...     "toy", "Toy", "SY",
...     places=[Place("a", "A", 0.0, 0.0), Place("b", "B", 0.0, 1.0)],
...     roads=[Road("a", "b", 120.0)],
... )
>>> t.road("b", "a").km
120.0
>>> t.places_index.resolve("A")
'a'

A place may name its *governorate*, the first-level region it lies in (a Syrian
governorate, or the province of a neighbouring country):

>>> t = Theatre.build("toy", "Toy", "SY", places=[
...     Place("daraa", "Daraa", 32.6, 36.1, governorate="Daraa"),
...     Place("izra", "Izra", 32.9, 36.3, governorate="Daraa"),
...     Place("dumayr", "Dumayr", 33.6, 36.7, governorate="Rif Dimashq")], roads=[])
>>> t.governorates
('Daraa', 'Rif Dimashq')
>>> t.governorate_places("rif-dimashq")
('dumayr',)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Mapping

import networkx as nx

from .errors import InputError, UnknownNameError
from .names import NameIndex, normalize

PLACE_KINDS = ("city", "town", "junction", "crossing", "port", "airbase")
ROAD_CLASSES = ("motorway", "primary", "secondary", "mountain", "desert")
EARTH_RADIUS_KM = 6371.0088


def _faction_index(factions) -> NameIndex:
    return NameIndex("faction", {f.id: [f.name, f.short, *f.aliases] for f in factions})


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km.

    >>> round(great_circle_km(33.51, 36.29, 34.73, 36.72))
    141
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Place:
    """A node of the road graph: a city, town, junction, crossing, port or air base.

    ``governorate`` is the display name of the first-level administrative region the
    place lies in (a Syrian governorate such as ``"Deir ez-Zor"``, or the province of a
    neighbouring country), or None when the theatre does not say.
    """

    id: str
    name: str
    lat: float
    lon: float
    kind: str = "town"
    country: str = "SY"
    population: int | None = None
    aliases: tuple[str, ...] = ()
    source: str = ""
    governorate: str | None = None


def road_key(a: str, b: str) -> tuple[str, str]:
    """The order-free key of the road between ``a`` and ``b``.

    >>> road_key("homs", "hama")
    ('hama', 'homs')
    """
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True, slots=True)
class Road:
    """An edge: two place ids, its length, class, ref and whether the km was sourced."""

    a: str
    b: str
    km: float
    road_class: str = "primary"
    ref: str = ""
    sourced: bool = False
    note: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return road_key(self.a, self.b)


@dataclass(frozen=True, slots=True)
class FactionInfo:
    """A faction as documents name it: id, display name, map colour, aliases.

    ``words`` mark the faction only in front of a word for armed men ("Kurdish
    fighters", "Turkish-backed factions", "HTS-led forces"); ``sim ingest`` reads them.
    ``plural`` says the label is a plural noun ("Druze factions"): sentences say "the
    Druze factions lose their capital".
    """

    id: str
    name: str
    colour: str = "#888888"
    aliases: tuple[str, ...] = ()
    short: str = ""
    words: tuple[str, ...] = ()
    plural: bool = False

    @property
    def label(self) -> str:
        """The short word used in sentences ("government", "opposition")."""
        return self.short or self.name


@dataclass(frozen=True)
class Theatre:
    """An immutable road graph with its places, roads and faction catalogue."""

    id: str
    name: str
    home_country: str
    places: Mapping[str, Place]
    roads: Mapping[tuple[str, str], Road]
    factions: Mapping[str, FactionInfo] = field(default_factory=dict)
    factions_index: NameIndex = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    credits: tuple[str, ...] = ()
    basemap: str = ""
    source: str = ""
    country_names: Mapping[str, str] = field(default_factory=dict)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def graph(self) -> nx.Graph:
        """The road graph (frozen networkx Graph, edge attribute ``km``), built on first use.

        The array-based analyses never need it, so a very large theatre does not
        pay for it unless asked.
        """
        if "graph" not in self._cache:
            g = nx.Graph()
            g.add_nodes_from(self.places)
            g.add_edges_from((a, b, {"km": r.km}) for (a, b), r in self.roads.items())
            self._cache["graph"] = nx.freeze(g)
        return self._cache["graph"]

    @property
    def places_index(self) -> NameIndex:
        """The index of place spellings, built on first use (ids resolve without it)."""
        if "places_index" not in self._cache:
            self._cache["places_index"] = NameIndex(
                "place", {p.id: [p.name, *p.aliases] for p in self.places.values()})
        return self._cache["places_index"]

    @property
    def governorates(self) -> tuple[str, ...]:
        """The governorate names the places give, each once, sorted (empty if none gives one).

        >>> Theatre.build("t", "T", "SY", [Place("a", "A", 0, 0, governorate="Homs"),
        ...     Place("b", "B", 0, 1, governorate="Hama"), Place("c", "C", 0, 2)], []).governorates
        ('Hama', 'Homs')
        """
        if "governorates" not in self._cache and self.columnar:
            self._cache["governorates"] = self.columns[0].present_governorates()
        if "governorates" not in self._cache:
            names = {p.governorate for p in self.places.values() if p.governorate}
            self._cache["governorates"] = tuple(sorted(names))
        return self._cache["governorates"]

    def governorate_places(self, name: str) -> tuple[str, ...]:
        """The ids of the places in governorate ``name``, sorted; the name matches whatever
        its case, accents and punctuation (``"deir ez zor"`` finds ``"Deir ez-Zor"``, see
        :func:`~sim.names.normalize`). Empty if no place names that governorate.

        >>> t = Theatre.build("t", "T", "SY", [Place("b", "B", 0, 0, governorate="Deir ez-Zor"),
        ...     Place("a", "A", 0, 1, governorate="Deir ez-Zor"), Place("c", "C", 0, 2)], [])
        >>> t.governorate_places("DEIR EZ-ZÔR"), t.governorate_places("Idlib")
        (('a', 'b'), ())
        """
        if "governorate_places" not in self._cache:
            members: dict[str, list[str]] = {}
            for pid, p in self.places.items():
                if p.governorate:
                    members.setdefault(normalize(p.governorate), []).append(pid)
            self._cache["governorate_places"] = {k: tuple(sorted(v)) for k, v in members.items()}
        return self._cache["governorate_places"].get(normalize(name), ())

    def place_id(self, name: str) -> str | None:
        """The id of the place called ``name``, or None: ids first, then any spelling."""
        return name if name in self.places else self.places_index.lookup(name)

    @classmethod
    def build(cls, id: str, name: str, home_country: str, places, roads, factions=(),
              credits=(), basemap: str = "", source: str = "",
              country_names: Mapping[str, str] | None = None) -> "Theatre":
        """Check the pieces fit together and freeze them into a theatre."""
        place_map: dict[str, Place] = {}
        problems: list[str] = []
        for p in places:
            if p.id in place_map:
                problems.append(f"duplicate place id {p.id!r}")
            place_map[p.id] = p
        road_map: dict[tuple[str, str], Road] = {}
        for r in roads:
            for end in (r.a, r.b):
                if end not in place_map:
                    problems.append(f"road {r.a}-{r.b} names unknown place {end!r}")
            if r.a == r.b:
                problems.append(f"road {r.a}-{r.b} joins a place to itself")
            if not r.km > 0:
                problems.append(f"road {r.a}-{r.b} has non-positive length {r.km}")
            if r.key in road_map:
                problems.append(f"duplicate road {r.a}-{r.b}")
            road_map[r.key] = r
        if problems:
            from .errors import ValidationError
            raise ValidationError(problems, file=source or None)
        # Sort by key without building a list of (key, value) pairs: large theatres are
        # tight on memory here.
        roads_sorted = {k: road_map[k] for k in sorted(road_map)}
        del road_map
        places_sorted = {k: place_map[k] for k in sorted(place_map)}
        del place_map
        faction_map = {f.id: f for f in factions}
        return cls(
            id=id, name=name, home_country=home_country,
            places=MappingProxyType(places_sorted),
            roads=MappingProxyType(roads_sorted),
            factions=MappingProxyType(faction_map),
            factions_index=_faction_index(faction_map.values()),
            credits=tuple(credits), basemap=basemap, source=source,
            country_names=MappingProxyType(dict(country_names or {})),
        )

    @classmethod
    def from_columns(cls, id: str, name: str, home_country: str, places, roads, factions=(),
                     credits=(), basemap: str = "", source: str = "",
                     country_names: Mapping[str, str] | None = None) -> "Theatre":
        """A theatre kept as columns (:mod:`sim.columns`), for theatres of a million places.

        ``places`` and ``roads`` are :class:`~sim.columns.PlaceColumns` and
        :class:`~sim.columns.RoadColumns` a reader has already checked. The theatre's
        ``places`` and ``roads`` mappings build each value on demand.

        >>> from sim.columns import PlaceColumns, RoadColumns
        >>> pc = PlaceColumns.of(["b", "a"], lat=[0, 0], lon=[1, 0], country="XA")
        >>> t = Theatre.from_columns("t", "T", "XA", pc, RoadColumns.of(pc, ["a"], ["b"], [111.2]))
        >>> list(t.places), t.road("b", "a").km, t.places["b"].lon
        (['a', 'b'], 111.2, 1.0)
        """
        from .columns import PlaceMap, RoadMap

        faction_map = {f.id: f for f in factions}
        return cls(
            id=id, name=name, home_country=home_country,
            places=PlaceMap(places), roads=RoadMap(places, roads),
            factions=MappingProxyType(faction_map),
            factions_index=_faction_index(faction_map.values()),
            credits=tuple(credits), basemap=basemap, source=source,
            country_names=MappingProxyType(dict(country_names or {})),
            _cache={"columns": (places, roads), "columnar": True},
        )

    @property
    def columns(self):
        """The theatre's places and roads as :mod:`sim.columns` (built on first use for
        a theatre built from values)."""
        if "columns" not in self._cache:
            from .columns import columns_of
            self._cache["columns"] = columns_of(self.places, self.roads)
        return self._cache["columns"]

    @property
    def columnar(self) -> bool:
        """Whether the theatre is kept as columns (a large theatre read by a fast reader)."""
        return self._cache.get("columnar", False)

    def with_factions(self, factions) -> "Theatre":
        """The same theatre with another faction catalogue (places and roads are shared)."""
        faction_map = {f.id: f for f in factions}
        return replace(self, factions=MappingProxyType(faction_map),
                       factions_index=_faction_index(faction_map.values()), _cache=self._cache)

    def place(self, name: str) -> Place:
        """The place called ``name`` (id, name or alias, any spelling)."""
        return self.places[self.places_index.resolve(name)]

    def require(self, *ids: str) -> None:
        """Refuse any of ``ids`` that is not a place id of the theatre: analysis functions
        take ids, and a name there (``"Damascus"``) must fail, not answer "not held".

        Raises :class:`~sim.errors.UnknownNameError` with the closest ids.
        """
        for pid in ids:
            if pid not in self.places:
                raise UnknownNameError("place id", pid, self.places_index.suggest(pid))

    def require_faction(self, fid: str) -> None:
        """Refuse a faction id the theatre's catalogue does not know, with the closest ids
        (a theatre without a catalogue takes any id)."""
        if self.factions and fid not in self.factions:
            raise UnknownNameError("faction id", fid, self.factions_index.suggest(fid))

    def road(self, a: str, b: str) -> Road:
        """The road between two place ids."""
        try:
            return self.roads[road_key(a, b)]
        except KeyError:
            raise InputError(f"no road joins {a} and {b}") from None

    def faction(self, name: str) -> FactionInfo:
        """The faction called ``name`` (id, name or alias, any spelling)."""
        return self.factions[self.factions_index.resolve(name)]

    def country_name(self, code: str) -> str:
        """The display name of a country code ("LB" -> "Lebanon")."""
        return self.country_names.get(code, code)

    def countries(self) -> list[str]:
        """ISO codes of every country with a place in the theatre."""
        if "countries" not in self._cache:
            self._cache["countries"] = (self.columns[0].present_countries() if self.columnar
                                        else sorted({p.country for p in self.places.values()}))
        return list(self._cache["countries"])

    def resolve_country(self, code: str) -> str:
        """An ISO alpha-2 code present in the theatre (case-insensitive)."""
        up = code.strip().upper()
        if up in self.countries():
            return up
        for known, name in self.country_names.items():
            if name.lower() == code.strip().lower() and known in self.countries():
                return known
        raise UnknownNameError("country", code, self.countries())
