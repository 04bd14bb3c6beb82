"""Passability: where a faction's convoys may go.

A route of faction F may pass only through places held by F or its allies.
Contested places are passable for their holder unless the control's policy is
``"closed"``. Foreign places that nobody holds are passable only when their
country is open for transit (to everyone, or to this faction by a standing
right declared in the scenario). A cut road is impassable whoever holds its ends.

>>> from sim.control import Control
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place("a", "A", 0, 0), Place("b", "B", 0, 1), Place("x", "X", 1, 0, country="LB")],
...     [Road("a", "b", 120), Road("a", "x", 120), Road("x", "b", 120)])
>>> c = Control.of({"a": "gov", "b": "gov"})
>>> sorted(passable_places(t, c, {"gov"}))
['a', 'b']
>>> sorted(passable_places(t, c.with_transit("LB", True), {"gov"}))
['a', 'b', 'x']
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx

from ..control import Control
from ..model import Theatre


def passable_places(theatre: Theatre, control: Control, side: Collection[str]) -> frozenset[str]:
    """Ids of the places faction ``side`` (a faction and its allies) may pass through."""
    side = frozenset(side)
    out = []
    closed_contested = control.contested == "closed"
    open_countries = control.transit_for(side)
    for pid, place in theatre.places.items():
        holding = control.holdings.get(pid)
        if holding is None:
            if place.country != theatre.home_country and place.country in open_countries:
                out.append(pid)
            continue
        if holding.faction not in side:
            continue
        if closed_contested and holding.status != "held":
            continue
        out.append(pid)
    return frozenset(out)


def passable_graph(theatre: Theatre, control: Control, side: Collection[str]) -> nx.Graph:
    """A read-only view of the road graph restricted to what ``side`` may use."""
    nodes = passable_places(theatre, control, side)
    cut = control.cut_roads

    def edge_ok(a: str, b: str) -> bool:
        return ((a, b) if a <= b else (b, a)) not in cut

    return nx.subgraph_view(theatre.graph, filter_node=nodes.__contains__, filter_edge=edge_ok)
