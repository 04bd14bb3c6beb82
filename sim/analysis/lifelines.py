"""Lifelines: is there still a passable road from a source to any target?

Status is one of ``connected``, ``cut`` (both ends held, no passable route),
``source-lost`` (the source itself is not passable for the faction) or
``target-lost`` (no target is).

>>> from sim.control import Control, Lifeline
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.upper(), 0, n) for n, i in enumerate("abc")],
...     [Road("a", "b", 100), Road("b", "c", 50)])
>>> ll = Lifeline("A - C", "gov", "a", ("c",))
>>> s = lifeline_status(t, Control.of(dict.fromkeys("abc", "gov")), ll, {"gov"})
>>> s.status, s.route.km, s.route.places
('connected', 150.0, ('a', 'b', 'c'))
>>> lifeline_status(t, Control.of({"a": "gov", "b": "reb", "c": "gov"}), ll, {"gov"}).status
'cut'
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx

from ..control import Control, Lifeline
from ..model import Theatre
from .passable import passable_graph

STATUSES = ("connected", "cut", "source-lost", "target-lost")


@dataclass(frozen=True)
class Route:
    """A passable route: where it ends, its length, and the places it passes in order."""

    target: str
    km: float
    places: tuple[str, ...]

    def as_json(self) -> dict:
        return {"target": self.target, "km": round(self.km, 1), "route": list(self.places)}


@dataclass(frozen=True)
class LifelineStatus:
    """A lifeline's status, its shortest route, and the route to each reachable target."""

    lifeline: Lifeline
    status: str
    route: Route | None
    routes: tuple[Route, ...] = ()

    def as_json(self) -> dict:
        return {"status": self.status,
                "km": round(self.route.km, 1) if self.route else None,
                "route": list(self.route.places) if self.route else [],
                "target": self.route.target if self.route else None,
                "routes": [r.as_json() for r in self.routes]}


def lifeline_status(theatre: Theatre, control: Control, lifeline: Lifeline,
                    side: Collection[str], view: nx.Graph | None = None) -> LifelineStatus:
    """Judge ``lifeline`` for the faction whose side (it and its allies) is ``side``."""
    g = view if view is not None else passable_graph(theatre, control, side)
    if lifeline.source not in g:
        return LifelineStatus(lifeline, "source-lost", None)
    targets = [t for t in lifeline.targets if t in g]
    if not targets:
        return LifelineStatus(lifeline, "target-lost", None)
    dist, paths = nx.single_source_dijkstra(g, lifeline.source, weight="km")
    routes = sorted((Route(t, float(dist[t]), tuple(paths[t])) for t in targets if t in dist),
                    key=lambda r: (r.km, r.target))
    if not routes:
        return LifelineStatus(lifeline, "cut", None)
    return LifelineStatus(lifeline, "connected", routes[0], tuple(routes))
