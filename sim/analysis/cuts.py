"""Cuts: the fewest (or cheapest) captures that sever a lifeline, and the most harmful captures.

A *cut* of a lifeline is a set of places whose fall leaves no passable route
from its source to any of its targets. :func:`min_cut` finds a smallest one,
or with weights a cheapest one (``population``: big cities are dear to take;
any numeric place attribute works). The source and the targets are never part
of a cut, nor are places nobody holds (open foreign transit cannot fall).

The method is the classic one for vertex cuts: every place becomes two nodes,
an entrance and an exit, joined by an arc whose capacity is the place's
weight; roads become arcs of unlimited capacity. A maximum flow from the
source to an extra node behind the targets saturates a minimum set of
entrance-exit arcs: those places are the cut (Menger's theorem). scipy's
compiled max-flow does the work. Among cuts of equal weight the one with the
fewest places wins.

The other question, which ``n`` captures cut the most off the capital, is
answered by :func:`~sim.analysis.captures.best_captures` (importable from here
too).

>>> from sim.control import Control, Faction
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.title(), 0, n) for n, i in enumerate(["cap", "a", "b", "c", "port"])],
...     [Road("cap", "a", 1), Road("cap", "b", 1), Road("a", "c", 1), Road("b", "c", 1),
...      Road("c", "port", 1)])
>>> ctl = Control.of(dict.fromkeys(t.places, "gov"))
>>> cut = min_cut(t, ctl, Faction("gov"), "cap", ["port"])
>>> cut.status, cut.places
('cuttable', ('c',))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..control import Control, Faction
from ..errors import InputError, UnknownNameError
from ..model import Place, Theatre
from .arrays import Passable, TheatreArrays, held_any, passable_arrays, passable_from_mask

CUT_STATUSES = ("cuttable", "uncuttable", "already-cut", "source-lost", "target-lost")
INT32_MAX = 2**31 - 1
_METHOD = "edmonds_karp"


# ---------------------------------------------------------------- weights

def place_weights(theatre: Theatre, weight: str, arrays: TheatreArrays | None = None) -> np.ndarray:
    """The cost of taking each place under ``weight``, in theatre order.

    ``uniform``: every place costs 1. ``population``: its population; a place
    whose population is unknown is weighed as the smallest known population of
    a place of the home country (:func:`unknown_population_weight`), so that
    taking it is never assumed free. Any other name: that numeric attribute of
    :class:`~sim.model.Place` (missing values count 0). Negative values are
    refused.
    """
    ids = list(theatre.places)
    if weight == "uniform":
        return np.ones(len(ids), dtype=np.int64)
    fields = sorted(k for k, v in Place.__dataclass_fields__.items() if v.type in ("int", "float",
                    "int | None", "float | None"))
    if weight != "population" and weight not in Place.__dataclass_fields__:
        raise UnknownNameError("weight", weight, ["uniform", *fields])
    values = [getattr(theatre.places[p], weight, None) for p in ids]
    bad = [p for p, v in zip(ids, values) if v is not None and
           (not isinstance(v, (int, float)) or isinstance(v, bool))]
    if bad:
        raise InputError(f"weight {weight!r} is not a number at {', '.join(bad[:3])}",
                         key="weight")
    fill = unknown_population_weight(theatre) if weight == "population" else 0
    clean = [fill if v is None else v for v in values]
    if any(v < 0 or (isinstance(v, float) and not math.isfinite(v)) for v in clean):
        raise InputError(f"weight {weight!r} must be a finite number >= 0", key="weight")
    if all(isinstance(v, int) for v in clean):
        return np.asarray(clean, dtype=np.int64)
    return np.asarray(clean, dtype=np.float64)


def unknown_population_weight(theatre: Theatre) -> int:
    """What the ``population`` weight charges for a place of unknown population: the
    smallest known population of a home-country place (1 if none is known)."""
    known = [p.population for p in theatre.places.values()
             if p.population is not None and p.population > 0
             and p.country == theatre.home_country]
    return min(known) if known else 1


# ---------------------------------------------------------------- the flow kernel

class FlowNetwork:
    """The node-split network of a passable graph, built once and reused by every query.

    Place ``v`` is an entrance ``2v`` and an exit ``2v + 1`` joined by an arc
    holding the place's capacity; a road ``u - v`` is two arcs, exit of one to
    entrance of the other. A network built for several targets also has an
    extra node ``2n`` joined to each target (exit to it, and it to the
    entrance). Each arc's reverse is stored too (capacity 0), so the flow
    scipy returns lines up entry for entry with the capacities, and the
    residual graph and its transpose are plain array operations.

    The flow runs backwards, from the targets to the source's entrance: the
    network is its own mirror image (turn every arc round and swap entrances
    with exits), so this is the same problem, and on road maps, where the
    source is usually central and the targets outlying, the searches of the
    flow stay on the smaller side. The cut read off is still the one nearest
    the source.
    """

    def __init__(self, graph: Passable, targets: Sequence[int] = ()) -> None:
        n = graph.n
        self.n = n
        self.targets = tuple(sorted(set(int(t) for t in targets)))
        self.hub = 2 * n
        self.places = places = np.flatnonzero(graph.mask).astype(np.int64)
        # Every row's heads come sorted without a sort: the entrance 2i leads to the exits
        # 2w + 1 of its neighbours w and its own exit 2i + 1 (placed among them after the
        # neighbours below i), then the hub; the exit 2i likewise to entrances 2w and 2i.
        ip, ix = graph.indptr.astype(np.int64), graph.indices.astype(np.int64)
        deg = np.diff(ip)
        rows = np.repeat(np.arange(n, dtype=np.int64), deg)
        below = np.bincount(rows[ix < rows], minlength=n)
        tt = np.asarray(self.targets, dtype=np.int64)
        length = deg + graph.mask + np.isin(np.arange(n), tt)
        self.indptr = indptr = np.zeros(2 * n + 2, dtype=np.int64)
        np.cumsum(np.append(np.repeat(length, 2), 2 * len(tt)), out=indptr[1:])
        heads = np.empty(int(indptr[-1]), dtype=np.int64)
        kind = np.empty(len(heads), dtype=np.int8)
        rev = np.empty(len(heads), dtype=np.int64)
        j = np.arange(len(ix)) - ip[rows]
        j += j >= below[rows]
        road_in, road_out = indptr[2 * rows] + j, indptr[2 * rows + 1] + j
        heads[road_in], kind[road_in] = 2 * ix + 1, 3   # reverse of the road arc into 2i
        heads[road_out], kind[road_out] = 2 * ix, 1     # the road arc out of 2i + 1
        twin = _twins(ip, ix, rows, n)
        rev[road_in], rev[road_out] = road_out[twin], road_in[twin]
        self._pair(heads, kind, rev, indptr[2 * places] + below[places], 2 * places + 1, 0,
                   indptr[2 * places + 1] + below[places], 2 * places, 3)
        if len(tt):
            hub_row = indptr[2 * n] + 2 * np.arange(len(tt))
            self._pair(heads, kind, rev, hub_row, 2 * tt, 4, indptr[2 * tt + 1] - 1, self.hub, 3)
            self._pair(heads, kind, rev, indptr[2 * tt + 2] - 1, self.hub, 2, hub_row + 1,
                       2 * tt + 1, 3)
        self.indptr = indptr.astype(np.int32)
        self.indices = heads.astype(np.int32)
        self.rev = rev
        self.road = np.flatnonzero(kind == 1)
        self.place_slot = np.full(n, -1, dtype=np.int64)
        self.place_slot[places] = indptr[2 * places] + below[places]
        self.hub_slots = np.flatnonzero((kind == 2) | (kind == 4))

    @staticmethod
    def _pair(heads, kind, rev, at, head, arc_kind, back_at, back_head, back_kind) -> None:
        """Arcs at slots ``at`` and their reverses at ``back_at``, each the other's ``rev``."""
        heads[at], kind[at], rev[at] = head, arc_kind, back_at
        heads[back_at], kind[back_at], rev[back_at] = back_head, back_kind, at

    def max_flow(self, source: int, targets: np.ndarray, cost: np.ndarray, eligible: np.ndarray,
                 road_cap: int | None = None):
        """Maximum flow between ``source`` and ``targets``, and the minimum cut nearest the source.

        ``targets`` must be the network's own targets, or a single place for a
        network built without targets. Returns ``(value, cut)``: ``cut``
        holds the places whose exit can still reach the source's entrance in
        the residual network but whose entrance cannot. ``value`` is None
        when no finite cut exists.
        """
        from scipy.sparse import csr_array
        from scipy.sparse.csgraph import breadth_first_order, maximum_flow

        places = self.places
        cost = np.asarray(cost)
        finite = eligible[places]
        total = int(cost[places[finite]].sum()) if finite.any() else 0
        inf = total + 1 if road_cap is None else max(total + 1, road_cap * len(self.road) + 1)
        start = self.hub if self.targets else int(2 * targets[0] + 1)
        out_of_start = int(self.indptr[start + 1] - self.indptr[start])
        if inf > INT32_MAX or (road_cap is None and inf * max(1, out_of_start) > INT32_MAX):
            # The flow could overflow the compiled 32-bit max-flow.
            raise OverflowError("capacities do not fit the compiled max-flow")
        data = np.zeros(len(self.indices), dtype=np.int32)
        data[self.road] = inf if road_cap is None else road_cap
        data[self.place_slot[places]] = np.where(finite, cost[places], inf)
        data[self.hub_slots] = inf
        size = 2 * self.n + 1
        end = int(2 * source)
        net = self._matrix(data)
        result = maximum_flow(net, start, end, method=_METHOD)
        value = int(result.flow_value)
        if value >= inf and road_cap is None:
            return None, np.zeros(0, dtype=np.int64)
        flow = result.flow
        if np.array_equal(flow.indptr, self.indptr) and np.array_equal(flow.indices, self.indices):
            left = data - flow.data
        else:  # a scipy whose flow matrix is laid out differently
            left = np.asarray((net - flow.tocsr())[self._rows(), self.indices]).ravel()
        # Who can still reach the source's entrance: a search on the transposed residual.
        keep = left[self.rev] > 0
        kept = np.zeros(len(keep) + 1, dtype=np.int32)
        np.cumsum(keep, out=kept[1:])
        transposed = csr_array((np.ones(int(kept[-1]), dtype=np.int8), self.indices[keep],
                                kept[self.indptr]), shape=(size, size))
        reach = breadth_first_order(transposed, end, directed=True, return_predecessors=False)
        seen = np.zeros(size, dtype=bool)
        seen[reach] = True
        n = self.n
        cut = np.flatnonzero(seen[1:2 * n:2] & ~seen[0:2 * n:2])
        return value, cut

    def _rows(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))

    def _matrix(self, data: np.ndarray):
        """The capacity matrix with ``data``; one sparse object reused, so its checks run once."""
        from scipy.sparse import csr_array

        net = self.__dict__.get("_net")
        if net is None:
            size = 2 * self.n + 1
            net = csr_array((data.copy(), self.indices, self.indptr), shape=(size, size))
            net.has_sorted_indices  # noqa: B018 - computed once and cached by scipy
            self._net = net
        net.data[:] = data
        return net


def _twins(indptr: np.ndarray, indices: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """For each entry ``(i, w)`` of a symmetric CSR with sorted rows, the entry ``(w, i)``."""
    codes = rows * n + indices  # increasing: rows in order, each row's neighbours sorted
    return np.searchsorted(codes, indices * n + rows)


def flow_network(graph: Passable, targets: np.ndarray) -> FlowNetwork:
    """The graph's :class:`FlowNetwork` for ``targets``, built on first use and kept.

    One network without sink arcs serves every single-target query; each set
    of several targets gets its own.
    """
    cache = graph.__dict__.get("_flow_networks")
    if cache is None:
        cache = {}
        object.__setattr__(graph, "_flow_networks", cache)
    key = () if len(targets) == 1 else tuple(sorted(set(targets.tolist())))
    if key not in cache:
        cache[key] = FlowNetwork(graph, key)
    return cache[key]


def vertex_cut_arrays(graph: Passable, source: int, targets: np.ndarray, cost: np.ndarray,
                      eligible: np.ndarray, *, unit_roads: bool = False):
    """Minimum-weight set of places separating ``source`` from every target.

    ``cost`` (integers >= 0) is indexed by place; places not ``eligible``
    cannot be cut. Returns ``(value, places)``: the cut's total cost and the
    index array of the cut, or ``(None, empty)`` if no finite cut exists. With
    ``unit_roads`` every road also has capacity 1 and the value counts
    place-disjoint routes (a direct road counts as one).
    """
    targets = np.unique(np.asarray(targets, dtype=np.int64))
    if not unit_roads and len(targets) == 1:
        got = _cut_through_trees(graph, int(source), int(targets[0]), cost, eligible)
        if got is not None:
            return got
    return flow_network(graph, targets).max_flow(source, targets, cost, eligible,
                                                 road_cap=1 if unit_roads else None)


def _expand(indptr: np.ndarray, indices: np.ndarray, rows: np.ndarray):
    """(row, neighbour) pairs of the given rows of a CSR adjacency."""
    starts, stops = indptr[rows], indptr[rows + 1]
    lens = stops - starts
    rep = np.repeat(rows, lens)
    offs = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens)
    return rep, indices[np.repeat(starts, lens) + offs]


@dataclass(frozen=True, eq=False)
class Peel:
    """The graph with its dead-end trees peeled off.

    ``core`` flags the places left once places with at most one road are
    removed again and again; ``parent[v]`` is the neighbour through which a
    peeled place ``v`` hangs (-1 if none). Every route from a peeled place
    to anywhere outside its tree runs up the parents to the core.
    """

    core: np.ndarray
    parent: np.ndarray
    graph: Passable

    def path_to_core(self, v: int) -> list[int] | None:
        path = [v]
        while not self.core[path[-1]]:
            up = int(self.parent[path[-1]])
            if up < 0:
                return None
            path.append(up)
        return path


def peel(graph: Passable) -> Peel:
    """The :class:`Peel` of ``graph`` (computed once and kept with it)."""
    got = graph.__dict__.get("_peel")
    if got is not None:
        return got
    n = graph.n
    deg = graph.degree().astype(np.int64)
    alive = graph.mask.copy()
    parent = np.full(n, -1, dtype=np.int64)
    leaves = np.flatnonzero(alive & (deg <= 1))
    while len(leaves):
        alive[leaves] = False
        rows, nb = _expand(graph.indptr, graph.indices, leaves)
        up = alive[nb]
        rows, nb = rows[up], nb[up].astype(np.int64)
        parent[rows] = nb
        np.subtract.at(deg, nb, 1)
        cand = np.unique(nb)
        leaves = cand[alive[cand] & (deg[cand] <= 1)]
    core_graph = passable_from_mask(graph.arrays, alive, graph.edges)
    got = Peel(alive, parent, core_graph)
    object.__setattr__(graph, "_peel", got)
    return got


def _cut_through_trees(graph: Passable, s: int, t: int, cost: np.ndarray, eligible: np.ndarray):
    """A one-target cut that uses the dead-end trees, or None to do the full flow.

    If ``s`` hangs in a tree, every place between it and the core (the core
    place included) cuts it off alone; likewise for ``t``. Otherwise the cut
    lies in the core, between the places where the two trees join it.
    """
    pl = peel(graph)
    ps, pt = pl.path_to_core(s), pl.path_to_core(t)
    if ps is None or pt is None or set(ps) & set(pt):
        return None
    cost = np.asarray(cost)
    singles = [v for v in ps[1:] + pt[1:] if eligible[v]]
    best = min(singles, key=lambda v: (cost[v], v)) if singles else None
    core_el = eligible & pl.core
    core_el[[ps[-1], pt[-1]]] = False
    if best is not None and (not core_el.any() or cost[best] <= cost[core_el].min()):
        return int(cost[best]), np.asarray([best], dtype=np.int64)
    value, cut = flow_network(pl.graph, np.asarray([pt[-1]])).max_flow(
        ps[-1], np.asarray([pt[-1]]), cost, core_el)
    if best is not None and (value is None or cost[best] <= value):
        return int(cost[best]), np.asarray([best], dtype=np.int64)
    return value, cut


def _split_arcs(graph: Passable, targets: np.ndarray):
    """Arcs of the node-split network (for the networkx fallback)."""
    n = graph.n
    places = np.flatnonzero(graph.mask)
    u, v = graph.arrays.edge_u[graph.edges], graph.arrays.edge_v[graph.edges]
    road_tail = np.concatenate([2 * u + 1, 2 * v + 1]).astype(np.int64)
    road_head = np.concatenate([2 * v, 2 * u]).astype(np.int64)
    sink_tail = (2 * targets + 1).astype(np.int64)
    return places, road_tail, road_head, sink_tail, 2 * n


def _vertex_cut_networkx(graph: Passable, source: int, targets: np.ndarray, cost,
                         eligible: np.ndarray):
    """The same cut by networkx, for costs the compiled max-flow cannot hold."""
    import networkx as nx

    places, rt, rh, st, sink = _split_arcs(graph, np.unique(targets))
    net = nx.DiGraph()
    for p in places.tolist():
        if eligible[p]:
            net.add_edge(2 * p, 2 * p + 1, capacity=cost[p])
        else:
            net.add_edge(2 * p, 2 * p + 1)
    net.add_edges_from(zip(rt.tolist(), rh.tolist()))
    net.add_edges_from((t, sink) for t in st.tolist())
    net.add_node(2 * source + 1)
    try:
        value, (reach, _) = nx.minimum_cut(net, 2 * source + 1, sink)
    except nx.NetworkXUnbounded:
        return None, np.zeros(0, dtype=np.int64)
    cut = sorted(p for p in places.tolist() if 2 * p in reach and 2 * p + 1 not in reach)
    return value, np.asarray(cut, dtype=np.int64)


# ---------------------------------------------------------------- min cut

@dataclass(frozen=True)
class MinCut:
    """A cheapest set of places whose fall severs ``source`` from every target.

    ``status``: ``cuttable`` (``places`` is the cut), ``uncuttable`` (no set
    of places that can fall severs it: a target is next door, or every route
    runs through places nobody holds), ``already-cut`` (no passable route
    now), ``source-lost`` or ``target-lost``. ``cost`` is the cut's total
    weight; ``routes`` the number of place-disjoint passable routes.
    """

    faction: str
    source: str
    targets: tuple[str, ...]
    weight: str
    status: str
    places: tuple[str, ...] = ()
    cost: float = 0
    routes: int = 0

    def as_json(self) -> dict:
        return {"faction": self.faction, "source": self.source, "targets": list(self.targets),
                "weight": self.weight, "status": self.status, "places": list(self.places),
                "cost": self.cost, "disjoint_routes": self.routes}


def min_cut(theatre: Theatre, control: Control, faction: Faction, source: str,
            targets: Sequence[str], weight: str = "uniform") -> MinCut:
    """The cheapest set of places whose fall cuts ``source`` off from all ``targets``.

    Places are ids. ``weight`` is ``uniform``, ``population`` or a numeric
    place attribute (see :func:`place_weights`). Ties go to the cut with
    fewer places; the places are returned sorted by id.
    """
    targets = tuple(dict.fromkeys(targets))
    graph = passable_arrays(theatre, control, faction.side)
    arr = graph.arrays
    theatre.require(source, *targets)
    s = arr.resolve(source)
    tt = np.asarray([arr.resolve(t) for t in targets], dtype=np.int64)
    base = dict(faction=faction.id, source=source, targets=targets, weight=weight)
    if not graph.mask[s]:
        return MinCut(status="source-lost", **base)
    live = tt[graph.mask[tt]]
    if not len(live):
        return MinCut(status="target-lost", **base)
    if s in set(live.tolist()):
        return MinCut(status="uncuttable", **base)
    w = place_weights(theatre, weight, arr)
    eligible = graph.mask.copy()
    eligible &= held_any(theatre, control, arr)
    eligible[s] = False
    eligible[live] = False
    routes = disjoint_routes(graph, s, live)
    if routes == 0:
        return MinCut(status="already-cut", **base)
    value, cut = _cheapest_cut(graph, s, live, w, eligible)
    if value is None:
        return MinCut(status="uncuttable", routes=routes, **base)
    names = tuple(sorted(arr.ids[i] for i in cut.tolist()))
    cost = w[cut].sum()
    return MinCut(status="cuttable", places=names, routes=routes,
                  cost=int(cost) if np.issubdtype(w.dtype, np.integer) else float(cost), **base)


def disjoint_routes(graph: Passable, source: int, targets: np.ndarray) -> int:
    """How many passable routes from ``source`` to the targets share no place but the source.

    Each route ends at the first target it meets; a direct road counts as one.
    """
    targets = np.unique(np.asarray(targets, dtype=np.int64))
    if not graph.mask[source] or not graph.mask[targets].any():
        return 0
    inner = graph.mask.copy()
    inner[source] = False
    inner[targets] = False
    value, _ = vertex_cut_arrays(graph, source, targets[graph.mask[targets]],
                                 np.ones(graph.n, dtype=np.int64), inner, unit_roads=True)
    return int(value)


def _cheapest_cut(graph: Passable, s: int, targets: np.ndarray, w: np.ndarray,
                  eligible: np.ndarray):
    """Cheapest cut, fewest places among the cheapest.

    Equal positive weights need nothing more; otherwise each place costs
    ``w * (k + 1) + 1`` (``k`` eligible places), so weight decides first and
    the number of places breaks ties. Costs too big for the compiled
    max-flow (32-bit) go to networkx.
    """
    k = int(eligible.sum())
    live = w[eligible]
    if k and np.issubdtype(w.dtype, np.integer) and live.min() == live.max() and live.min() > 0:
        try:
            value, cut = vertex_cut_arrays(graph, s, targets, np.ones(len(w), dtype=np.int64),
                                           eligible)
        except OverflowError:
            value, cut = _vertex_cut_networkx(graph, s, targets, [1] * len(w), eligible)
        return (None if value is None else int(value) * int(live.min())), cut
    if np.issubdtype(w.dtype, np.integer):
        scaled = w.astype(np.int64) * (k + 1) + 1
        total = int(scaled[eligible].sum()) if k else 0
        if total + 1 <= INT32_MAX:
            try:
                return vertex_cut_arrays(graph, s, targets, scaled, eligible)
            except OverflowError:
                pass
        cost = [int(x) * (k + 1) + 1 for x in w.tolist()]
    else:
        cost = [float(x) * (k + 1) + 1 for x in w.tolist()]
    return _vertex_cut_networkx(graph, s, targets, cost, eligible)


# The best-captures search lives in its own module; its names stay importable from here.
from .captures import EXACT_SWEEPS, Captures, best_captures, capture_search  # noqa: F401

