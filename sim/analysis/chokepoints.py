"""Chokepoints: places every passable route of a lifeline goes through.

A *chokepoint* of a lifeline is a place whose fall alone cuts it. They are
found in linear time: join every target to one extra node, split the graph
into biconnected blocks, and read the cut vertices on the path of the
block-cut tree from the source to that extra node. No place is removed and
re-tried.

>>> import networkx as nx
>>> g = nx.Graph([("dam", "nabk"), ("nabk", "homs"), ("homs", "tartus"),
...               ("tartus", "latakia"), ("homs", "masyaf"), ("masyaf", "latakia")])
>>> separating_places(g, "dam", ["latakia", "tartus"])
('nabk', 'homs')
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import networkx as nx

from ..control import Control, Lifeline
from ..model import Theatre
from .passable import passable_graph


class _Targets:
    """The extra node standing for "any target"; unequal to every place id."""

    def __repr__(self) -> str:
        return "<targets>"


def separating_places(graph: nx.Graph, source, targets: Iterable) -> tuple:
    """Nodes other than ``source`` whose removal leaves no path from ``source`` to any target.

    Ordered from the source outwards. A target counts only when other targets
    exist (its fall then leaves the rest unreachable). Empty if no target is
    reachable in the first place, or the source is itself a target.
    """
    targets = [t for t in dict.fromkeys(targets) if t in graph]
    if source not in graph or not targets or source in targets:
        return ()
    sink = _Targets()
    h = nx.Graph()
    h.add_edges_from(graph.edges())
    h.add_nodes_from(graph.nodes())
    h.add_edges_from((sink, t) for t in targets)
    if not nx.has_path(h, source, sink):
        return ()
    blocks = [frozenset(b) for b in nx.biconnected_components(h)]
    count: dict = {}
    for block in blocks:
        for node in block:
            count[node] = count.get(node, 0) + 1
    cut = {n for n, c in count.items() if c > 1}
    tree = nx.Graph()
    home: dict = {}
    for i, block in enumerate(blocks):
        tree.add_node(("block", i))
        for node in block:
            if node in cut:
                tree.add_edge(("block", i), ("cut", node))
            else:
                home[node] = ("block", i)
    start = ("cut", source) if source in cut else home[source]
    end = ("cut", sink) if sink in cut else home[sink]
    path = nx.shortest_path(tree, start, end)
    found = [n[1] for n in path if n[0] == "cut" and n[1] is not sink and n[1] != source]
    if len(targets) == 1:
        found = [n for n in found if n != targets[0]]
    return tuple(found)


def chokepoints(theatre: Theatre, control: Control, lifeline: Lifeline,
                side: Collection[str]) -> tuple[str, ...]:
    """The lifeline's chokepoints for ``side``, ordered from its source."""
    view = passable_graph(theatre, control, side)
    return separating_places(view, lifeline.source, lifeline.targets)
