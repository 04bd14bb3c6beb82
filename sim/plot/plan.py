"""What a map shows, decided before anything is drawn: a :class:`MapPlan`.

A plan is plain data (no matplotlib): the frame, the places inside it with
everything a marker says about them, the roads, the lifeline routes, and the
legend entries of exactly the things drawn. Two views build one:

- :func:`faction_plan`: one faction's view (its usable roads, strongholds,
  chokepoints, cut-off strongholds, lifeline routes);
- :func:`neutral_plan`: who holds what, from no one's point of view (roads by
  class, every faction's capital).

>>> import sim
>>> s = sim.load("syria-2024-12-06")
>>> plan = neutral_plan(s, s.control)
>>> "contested" in plan.legend, "foreign" in plan.legend, "road-cut" in plan.legend
(True, True, True)
>>> [p.name for p in plan.places if p.id == "homs"]
['Homs']
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..analysis.passable import passable_places

#: Road classes in the order a legend lists them.
ROAD_CLASSES = ("motorway", "primary", "secondary", "mountain", "desert")


@dataclass(frozen=True)
class PlaceSpot:
    """A place inside the frame and what its marker says."""

    id: str
    name: str
    lon: float
    lat: float
    holder: str | None
    foreign: bool
    population: int
    kind: str
    stronghold: bool = False
    capital: bool = False
    contested: bool = False
    cut_off: bool = False
    chokepoint: bool = False
    marked: bool = False

    @property
    def big(self) -> bool:
        """Drawn large and named in bold: a stronghold, a capital or a marked place."""
        return self.stronghold or self.capital or self.marked


@dataclass(frozen=True)
class RoadSpot:
    """A road with at least one end inside the frame (or crossing it)."""

    a: str
    b: str
    ends: tuple[tuple[float, float], tuple[float, float]]
    road_class: str
    usable: bool
    cut: bool


@dataclass(frozen=True)
class MapPlan:
    """Everything one map shows. ``view`` is the faction whose roads are judged
    (None: the neutral view); ``legend`` lists the keys of the things drawn, in
    the order a legend shows them (``faction:<id>`` for each faction holding a
    place in the frame)."""

    view: str | None
    extent: tuple[float, float, float, float]
    places: tuple[PlaceSpot, ...]
    roads: tuple[RoadSpot, ...]
    routes: tuple[tuple[tuple[float, float], ...], ...]
    legend: tuple[str, ...]
    mark_kind: str = "falls"

    def place(self, pid: str) -> PlaceSpot:
        return next(p for p in self.places if p.id == pid)


def extent(scenario) -> tuple[float, float, float, float]:
    """The home country's places plus a margin (all places if none is at home):
    7.5% of the span east and west, 5% north and south: ``(lon0, lon1, lat0, lat1)``."""
    th = scenario.theatre
    home = [p for p in th.places.values() if p.country == th.home_country] or list(th.places.values())
    lons = [p.lon for p in home]
    lats = [p.lat for p in home]
    span = max(max(lons) - min(lons), max(lats) - min(lats), 1e-3)
    # Wider at the sides, where names of places on a coast or border need room.
    mx, my = span * 0.075, span * 0.05
    return min(lons) - mx, max(lons) + mx, min(lats) - my, max(lats) + my


def aspect(ext: tuple[float, float, float, float]) -> float:
    """The map's height over its width on paper (degrees of longitude shrink with
    the cosine of the latitude)."""
    x0, x1, y0, y1 = ext
    return (y1 - y0) / ((x1 - x0) * math.cos(math.radians((y0 + y1) / 2)))


def _inside(ext, lon: float, lat: float) -> bool:
    x0, x1, y0, y1 = ext
    return x0 <= lon <= x1 and y0 <= lat <= y1


def _road_in_frame(ext, a, b) -> bool:
    x0, x1, y0, y1 = ext
    return not (max(a[0], b[0]) < x0 or min(a[0], b[0]) > x1
                or max(a[1], b[1]) < y0 or min(a[1], b[1]) > y1)


def _spots(scenario, control, ext, *, strong: Collection[str], capitals: Collection[str],
           chokes: Collection[str], cut_off: Collection[str], mark: Collection[str]):
    th = scenario.theatre
    out = []
    for pid in sorted(th.places):
        p = th.places[pid]
        if not _inside(ext, p.lon, p.lat):
            continue
        out.append(PlaceSpot(pid, p.name, p.lon, p.lat, control.holder(pid),
                             p.country != th.home_country, p.population or 0, p.kind,
                             stronghold=pid in strong, capital=pid in capitals,
                             contested=control.is_contested(pid), cut_off=pid in cut_off,
                             chokepoint=pid in chokes, marked=pid in mark))
    return tuple(out)


def _roads(scenario, control, ext, usable: Collection[str] | None) -> tuple[RoadSpot, ...]:
    th = scenario.theatre
    out = []
    for key in sorted(th.roads):
        road = th.roads[key]
        pa, pb = th.places[road.a], th.places[road.b]
        ends = ((pa.lon, pa.lat), (pb.lon, pb.lat))
        if not _road_in_frame(ext, *ends):
            continue
        cut = key in control.cut_roads
        ok = usable is None or (road.a in usable and road.b in usable and not cut)
        out.append(RoadSpot(road.a, road.b, ends, road.road_class, ok, cut))
    return tuple(out)


def _faction_keys(scenario, places: Sequence[PlaceSpot]) -> list[str]:
    held = {p.holder for p in places if p.holder is not None}
    order = [f for f in scenario.theatre.factions if f in held]
    return [f"faction:{f}" for f in order + sorted(held - set(order))]


def _common_keys(places: Sequence[PlaceSpot]) -> list[str]:
    keys = []
    if any(p.holder is None for p in places):
        keys.append("foreign")
    if any(p.contested for p in places):
        keys.append("contested")
    return keys


def faction_plan(scenario, control, faction, assessment, mark: Sequence[str] = (), *,
                 routes: bool = True) -> MapPlan:
    """``faction``'s view of the map under ``control`` (``assessment`` is its
    :class:`~sim.analysis.Assessment` under that control); ``mark``: the places
    that fall, starred.

    >>> import sim
    >>> s = sim.load("syria-2024-12-06")
    >>> r = sim.what_if(s, fall=["homs"])
    >>> plan = faction_plan(s, r.value.control_after, r.value.faction, r.value.after, ["homs"])
    >>> [k for k in plan.legend if not k.startswith("faction:")][:4]
    ['foreign', 'contested', 'stronghold', 'cut-off']
    """
    ext = extent(scenario)
    chokes = {c for cs in assessment.chokepoints.values() for c in cs}
    cut_off = {pid for pid, state in assessment.strongholds.items() if state == "cut-off"}
    capitals = {f.capital for f in scenario.factions.values() if f.capital}
    places = _spots(scenario, control, ext, strong=set(faction.strongholds), capitals=capitals,
                    chokes=chokes, cut_off=cut_off, mark=set(mark))
    usable = passable_places(scenario.theatre, control, faction.side)
    roads = _roads(scenario, control, ext, usable)
    lines = []
    if routes:
        th = scenario.theatre
        lines = [tuple((th.places[p].lon, th.places[p].lat) for p in s.route.places)
                 for s in assessment.lifelines if s.route is not None]
    keys = _faction_keys(scenario, places) + _common_keys(places)
    keys += [k for k, on in (("stronghold", any(p.stronghold for p in places)),
                             ("cut-off", any(p.cut_off for p in places)),
                             ("chokepoint", any(p.chokepoint for p in places)),
                             ("usable", any(r.usable for r in roads)),
                             ("unusable", any(not r.usable for r in roads)),
                             ("route", bool(lines)),
                             ("road-cut", any(r.cut for r in roads)),
                             ("falls", any(p.marked for p in places))) if on]
    return MapPlan(faction.id, ext, places, roads, tuple(lines), tuple(keys), "falls")


def neutral_plan(scenario, control, mark: Sequence[str] = ()) -> MapPlan:
    """Who holds what under ``control``, from no one's point of view: every road
    drawn alike by its class, each faction's capital marked, ``mark`` highlighted.

    >>> import sim
    >>> s = sim.load("syria-2024-11-26")
    >>> plan = neutral_plan(s, s.control, mark=["saraqib"])
    >>> [k for k in plan.legend if k.startswith("road:")]
    ['road:motorway', 'road:primary', 'road:secondary', 'road:mountain', 'road:desert']
    >>> plan.place("saraqib").marked, "marked" in plan.legend
    (True, True)
    """
    ext = extent(scenario)
    capitals = {f.capital for f in scenario.factions.values()
                if f.capital and control.holder(f.capital) in f.side}
    places = _spots(scenario, control, ext, strong=(), capitals=capitals, chokes=(),
                    cut_off=(), mark=set(mark))
    roads = _roads(scenario, control, ext, None)
    classes = {r.road_class for r in roads}
    keys = _faction_keys(scenario, places) + _common_keys(places)
    keys += ["capital"] if any(p.capital for p in places) else []
    keys += [f"road:{c}" for c in ROAD_CLASSES if c in classes]
    keys += [f"road:{c}" for c in sorted(classes - set(ROAD_CLASSES))]
    keys += ["road-cut"] if any(r.cut for r in roads) else []
    keys += ["marked"] if any(p.marked for p in places) else []
    return MapPlan(None, ext, places, roads, (), tuple(keys), "marked")


def labelled(plan: MapPlan, level: str, major_population: int,
             strongholds: bool = True) -> list[str]:
    """The ids of the places to name, most important first (the order labels are
    placed in): at ``all`` every place in the frame; at ``major`` the marked
    places, capitals, strongholds (unless ``strongholds`` is false), cut-off
    strongholds, chokepoints and the towns of at least ``major_population``
    people (abroad: ten times that); at ``none`` none.

    >>> import sim
    >>> s = sim.load()
    >>> plan = neutral_plan(s, s.control)
    >>> labelled(plan, "major", 1_000_000)[:3]
    ['damascus', 'qamishli', 'idlib']
    >>> labelled(plan, "none", 0)
    []
    """
    if level == "none":
        return []

    def rank(p: PlaceSpot):
        tier = (0 if p.marked else 1 if p.capital else 2 if p.stronghold or p.cut_off
                else 3 if p.chokepoint else 4)
        return tier, -p.population, p.name, p.id

    def major(p: PlaceSpot) -> bool:
        need = major_population * (10 if p.foreign else 1)
        return (p.marked or p.capital or p.chokepoint or p.cut_off or p.population >= need
                or (strongholds and p.stronghold))

    return [p.id for p in sorted(plan.places, key=rank) if level == "all" or major(p)]


__all__ = ["MapPlan", "PlaceSpot", "ROAD_CLASSES", "RoadSpot", "aspect", "extent",
           "faction_plan", "labelled", "neutral_plan"]
