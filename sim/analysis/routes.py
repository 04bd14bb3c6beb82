"""Routes: the k shortest passable roads between two places, and how wide the corridor is.

For a faction and two places this module gives the ``k`` shortest *simple*
passable routes by km (no place twice), the *corridor width* (how many routes
exist that share no place but their two ends: the number of places the
adversary must take to cut the pair apart, by Menger's theorem, unless the two
are neighbours), and for comparison the *peacetime* route: the shortest road
when control is ignored (every place open, no road cut). The *detour factor*
is the shortest passable route's length over the peacetime one's.

>>> from sim.control import Control, Faction
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.title(), 0, n) for n, i in enumerate(["a", "b", "c", "d"])],
...     [Road("a", "b", 100), Road("b", "d", 100), Road("a", "c", 150), Road("c", "d", 150)])
>>> ctl = Control.of({"a": "gov", "b": "reb", "c": "gov", "d": "gov"})
>>> r = find_routes(t, ctl, Faction("gov"), "a", "d", ignore_control=True)
>>> [(x.km, x.places) for x in r.routes], r.width, r.peacetime.km, r.detour
([(300.0, ('a', 'c', 'd'))], 1, 200.0, 1.5)
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import networkx as nx

from ..control import Control, Faction
from ..errors import InputError
from ..model import Theatre
from .lifelines import Route
from .passable import passable_graph
from .size import use_arrays

ROUTE_STATUSES = ("connected", "cut", "source-lost", "target-lost")


@dataclass(frozen=True)
class Routes:
    """The passable routes of ``faction`` from ``source`` to ``target``.

    ``status`` is ``connected``, ``cut`` (no passable route), ``source-lost``
    or ``target-lost`` (an end is not passable for the faction). ``routes``
    are the shortest first (by km, then by the places passed); ``width`` the
    number of place-disjoint passable routes; ``peacetime`` the shortest
    route ignoring control (None unless asked for, or if the road graph
    itself does not join them); ``detour`` the shortest passable km over the
    peacetime km.
    """

    faction: str
    source: str
    target: str
    status: str
    routes: tuple[Route, ...]
    width: int
    peacetime: Route | None = None
    detour: float | None = None

    def as_json(self) -> dict:
        return {"faction": self.faction, "source": self.source, "target": self.target,
                "status": self.status, "routes": [r.as_json() for r in self.routes],
                "disjoint_routes": self.width,
                "peacetime": self.peacetime.as_json() if self.peacetime else None,
                "detour_factor": None if self.detour is None else round(self.detour, 3)}


def _km(graph: nx.Graph, path) -> float:
    return float(sum(graph.edges[a, b]["km"] for a, b in zip(path, path[1:])))


def find_routes(theatre: Theatre, control: Control, faction: Faction, source: str, target: str,
                k: int = 3, ignore_control: bool = False) -> Routes:
    """The ``k`` shortest passable routes from ``source`` to ``target`` for ``faction``.

    With ``ignore_control`` the result also holds the peacetime route and the
    detour factor.
    """
    theatre.require(source, target)
    if source == target:
        raise InputError("a route needs two different places")
    if k < 1:
        raise InputError(f"k must be at least 1, got {k}", key="k")
    if use_arrays(theatre):
        return _find_routes_arrays(theatre, control, faction, source, target, k, ignore_control)
    view = passable_graph(theatre, control, faction.side)
    peace = detour = None
    if ignore_control and nx.has_path(theatre.graph, source, target):
        path = nx.dijkstra_path(theatre.graph, source, target, weight="km")
        peace = Route(target, _km(theatre.graph, path), tuple(path))
    base = dict(faction=faction.id, source=source, target=target, peacetime=peace)
    if source not in view:
        return Routes(status="source-lost", routes=(), width=0, **base)
    if target not in view:
        return Routes(status="target-lost", routes=(), width=0, **base)
    if not nx.has_path(view, source, target):
        return Routes(status="cut", routes=(), width=0, **base)
    found = []
    for path in islice(nx.shortest_simple_paths(view, source, target, weight="km"), k):
        found.append(Route(target, _km(view, path), tuple(path)))
    found.sort(key=lambda r: (r.km, r.places))
    if peace is not None and peace.km > 0:
        detour = found[0].km / peace.km
    width = corridor_width(theatre, control, faction, source, target)
    return Routes(status="connected", routes=tuple(found), width=width, detour=detour, **base)


def _find_routes_arrays(theatre: Theatre, control: Control, faction: Faction, source: str,
                        target: str, k: int, ignore_control: bool) -> Routes:
    """:func:`find_routes` on arrays (a large theatre): Yen's method over compiled
    shortest paths (:mod:`~sim.analysis.kroutes`)."""
    import numpy as np

    from .arrays import passable_from_mask
    from .engine import passable
    from .kroutes import k_shortest, shortest

    graph = passable(theatre, control, faction.side)
    arr = graph.arrays
    s, t = arr.index[source], arr.index[target]

    def route(km: float, places) -> Route:
        return Route(target, float(km), tuple(arr.ids[i] for i in places))

    peace = None
    if ignore_control:
        whole = passable_from_mask(arr, np.ones(arr.n, dtype=bool))
        found = shortest(whole.indptr, whole.indices, whole.km, whole.mask, s, t)
        peace = route(*found) if found else None
    base = dict(faction=faction.id, source=source, target=target, peacetime=peace)
    if not graph.mask[s]:
        return Routes(status="source-lost", routes=(), width=0, **base)
    if not graph.mask[t]:
        return Routes(status="target-lost", routes=(), width=0, **base)
    found = k_shortest(graph.indptr, graph.indices, graph.km, graph.mask, s, t, k)
    if not found:
        return Routes(status="cut", routes=(), width=0, **base)
    routes = sorted((route(km, places) for km, places in found), key=lambda r: (r.km, r.places))
    detour = routes[0].km / peace.km if peace is not None and peace.km > 0 else None
    from .cuts import disjoint_routes
    width = disjoint_routes(graph, s, np.asarray([t]))
    return Routes(status="connected", routes=tuple(routes), width=width, detour=detour, **base)


def corridor_width(theatre: Theatre, control: Control, faction: Faction, source: str,
                   target: str) -> int:
    """How many passable routes join the two places without sharing a place between them."""
    import numpy as np

    from .arrays import passable_arrays
    from .cuts import disjoint_routes

    graph = passable_arrays(theatre, control, faction.side)
    arr = graph.arrays
    return disjoint_routes(graph, arr.index[source], np.asarray([arr.index[target]]))
