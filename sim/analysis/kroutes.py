"""The k shortest passable routes between two places, on arrays.

A *route* here is a simple path (no place twice) from a source to a target
through passable places; its length is the sum of its roads' km, added road
by road from the source. :func:`k_shortest` gives the ``k`` shortest routes,
shortest first (routes of equal length in the order of their place indices),
and :func:`shortest` the shortest one alone. Both work on the symmetric CSR
adjacency that :class:`~sim.analysis.arrays.Passable` holds (``indptr``,
``indices`` and ``km``, one entry per road and direction), so that a theatre
of 10^6 places is answered in well under a second for a few routes.

The method is Yen's: the shortest route first, then, for each route found,
every *deviation* from it. A deviation at the route's ``i``-th place ``v``
keeps the route's first ``i`` places (the *root*), leaves ``v`` by a road no
route found so far with the same root has taken, and goes on to the target
by the shortest way that avoids the root. The shortest deviation not yet
taken is the next route. Plain Yen runs a Dijkstra for every place of every
route; here one Dijkstra from the target gives every place's distance to it
and a tree of shortest ways towards it, and the deviations are found from
those:

* the distance gives a lower bound of every deviation's length, so
  deviations are looked at cheapest bound first, and none is looked at once
  ``k`` routes at least as short are in hand;
* a deviation's search from ``v`` is an A* search guided by the distance
  (which the root's removal can only lengthen). It ends at the first place
  whose tree way to the target avoids the root: that way completes the
  shortest deviation. To tell such places apart in constant time, each
  place is labelled, once per route, with the smallest position on the route
  of any route place its tree way meets (pointer jumping over the tree);
* most searches end at their first step. A search that settles more than
  ``budget`` places gives way to a Dijkstra from the target over the graph
  without the root, bounded by the longest length still of use.

When several routes are as long as the ``k``-th, which of them are returned
is fixed (the same input gives the same routes) but not otherwise specified.

>>> import numpy as np
>>> from sim.analysis.arrays import symmetric_csr
>>> u, v = np.array([0, 0, 1, 2, 1]), np.array([1, 2, 3, 3, 2])
>>> indptr, indices, km = symmetric_csr(4, u, v, np.array([1.0, 2.0, 2.0, 1.0, 0.5]))
>>> everywhere = np.ones(4, dtype=bool)
>>> k_shortest(indptr, indices, km, everywhere, 0, 3, 3)
[(2.5, [0, 1, 2, 3]), (3.0, [0, 1, 3]), (3.0, [0, 2, 3])]
>>> k_shortest(indptr, indices, km, everywhere & (np.arange(4) != 1), 0, 3, 3)
[(3.0, [0, 2, 3])]
>>> shortest(indptr, indices, km, everywhere, 3, 0)
(2.5, [3, 2, 1, 0])
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

from ..errors import InputError

#: How many places a deviation's local search may settle before a Dijkstra takes over.
BUDGET = 20_000
#: Relative slack on the pruning bound, so that rounding never prunes a route of use.
_SLACK = 1e-9
_FALLBACK = object()


@dataclass(frozen=True)
class KRoutes:
    """The ``k`` shortest routes, and how the deviations were found.

    ``routes`` are ``(km, places)`` pairs, shortest first. ``deviations``
    counts the deviations looked at; of those, ``direct`` ended at their first
    step, ``local`` needed a longer local search and ``dijkstra`` a Dijkstra
    over the whole graph. ``labelled`` counts the routes whose places were
    labelled for the search of their deviations.
    """

    routes: tuple[tuple[float, tuple[int, ...]], ...]
    deviations: int = 0
    direct: int = 0
    local: int = 0
    dijkstra: int = 0
    labelled: int = 0

    def as_lists(self) -> list[tuple[float, list[int]]]:
        return [(km, list(places)) for km, places in self.routes]


def k_shortest(indptr, indices, km, mask, source: int, target: int,
               k: int) -> list[tuple[float, list[int]]]:
    """The ``k`` shortest simple routes from ``source`` to ``target`` through ``mask``.

    ``indptr``, ``indices`` and ``km`` are a symmetric CSR adjacency (each
    road once in each direction, positive km), ``mask`` flags the places a
    route may pass through. Returns ``(km, places)`` pairs, shortest first,
    ties in the order of the place indices; fewer than ``k`` when fewer
    routes exist, none when an end is not in ``mask`` or nothing joins them.

    >>> import numpy as np
    >>> from sim.analysis.arrays import symmetric_csr
    >>> indptr, indices, km = symmetric_csr(3, np.array([0, 1, 0]), np.array([1, 2, 2]),
    ...                                     np.array([1.0, 1.0, 5.0]))
    >>> k_shortest(indptr, indices, km, np.ones(3, dtype=bool), 0, 2, 5)
    [(2.0, [0, 1, 2]), (5.0, [0, 2])]
    """
    return k_shortest_search(indptr, indices, km, mask, source, target, k).as_lists()


def shortest(indptr, indices, km, mask, source: int,
             target: int) -> tuple[float, list[int]] | None:
    """The shortest route from ``source`` to ``target`` through ``mask``, or None.

    The same arrays as :func:`k_shortest`; the route is the first of its.

    >>> import numpy as np
    >>> from sim.analysis.arrays import symmetric_csr
    >>> indptr, indices, km = symmetric_csr(3, np.array([0, 1]), np.array([1, 2]),
    ...                                     np.array([1.5, 2.0]))
    >>> shortest(indptr, indices, km, np.ones(3, dtype=bool), 0, 2)
    (3.5, [0, 1, 2])
    >>> shortest(indptr, indices, km, np.array([True, False, True]), 0, 2) is None
    True
    """
    found = k_shortest_search(indptr, indices, km, mask, source, target, 1).routes
    return (found[0][0], list(found[0][1])) if found else None


def k_shortest_search(indptr, indices, km, mask, source: int, target: int, k: int, *,
                      budget: int = BUDGET) -> KRoutes:
    """:func:`k_shortest` with the counts of how its deviations were found.

    ``budget`` is the most places a deviation's local search settles before
    a Dijkstra over the whole graph takes over (0: always a Dijkstra).

    >>> import numpy as np
    >>> from sim.analysis.arrays import symmetric_csr
    >>> indptr, indices, km = symmetric_csr(3, np.array([0, 1, 0]), np.array([1, 2, 2]),
    ...                                     np.array([1.0, 1.0, 5.0]))
    >>> r = k_shortest_search(indptr, indices, km, np.ones(3, dtype=bool), 0, 2, 2)
    >>> r.routes, r.deviations, r.direct
    (((2.0, (0, 1, 2)), (5.0, (0, 2))), 1, 1)
    """
    indptr, indices, km, mask = _checked(indptr, indices, km, mask, source, target, k, budget)
    if not (mask[source] and mask[target]):
        return KRoutes(())
    if source == target:
        return KRoutes(((0.0, (int(source),)),))
    graph = _Graph(indptr, indices, km, mask, int(target))
    if not np.isfinite(graph.dist[source]):
        return KRoutes(())
    return _Yen(graph, int(source), k, budget).run()


def _checked(indptr, indices, km, mask, source, target, k, budget):
    """The arrays as numpy arrays, after the checks; InputError names the first problem."""
    indptr = np.asarray(indptr, dtype=np.int64)
    indices, km, mask = np.asarray(indices), np.asarray(km, dtype=np.float64), np.asarray(mask)
    n = len(indptr) - 1
    if n < 0 or indptr[0] != 0 or indptr[-1] != len(indices) or np.any(np.diff(indptr) < 0):
        raise InputError("the adjacency's row pointers do not match its entries")
    if len(km) != len(indices):
        raise InputError(f"{len(indices)} adjacency entries but {len(km)} road lengths")
    if len(indices) and (indices.min() < 0 or indices.max() >= n):
        raise InputError("an adjacency entry names a place outside the graph")
    if len(km) and not np.all((km > 0) & np.isfinite(km)):
        raise InputError("road lengths must be positive finite km")
    if mask.shape != (n,) or mask.dtype != bool:
        raise InputError(f"the mask must be {n} booleans, one a place")
    for name, place in (("source", source), ("target", target)):
        if not 0 <= int(place) < n:
            raise InputError(f"{name} {place} is not a place of the graph (0 to {n - 1})")
    if k < 1:
        raise InputError(f"k must be at least 1, got {k}", key="k")
    if budget < 0:
        raise InputError(f"the search budget must be at least 0, got {budget}", key="budget")
    return indptr, indices, km, mask


def _segments(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, entry) of every adjacency entry of ``rows``, row by row: ``owner`` is
    the position in ``rows``, ``entry`` the position in the CSR."""
    starts = indptr[rows]
    counts = indptr[rows + 1] - starts
    owner = np.repeat(np.arange(len(rows)), counts)
    before = np.cumsum(counts) - counts
    entry = np.arange(int(counts.sum())) - np.repeat(before - starts, counts)
    return owner, entry


class _Graph:
    """The passable graph, with every place's distance to the target and the tree
    of shortest ways towards it (``up[x]``: the next place from ``x``)."""

    def __init__(self, indptr, indices, km, mask, target: int) -> None:
        n = len(indptr) - 1
        if len(indices) and not mask[indices].all():
            # Keep the roads whose both ends are passable (the CSR is symmetric).
            rows = np.repeat(np.arange(n), np.diff(indptr))
            keep = mask[rows] & mask[indices]
            indices, km = indices[keep], km[keep]
            indptr = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(np.bincount(rows[keep], minlength=n), out=indptr[1:])
        self.n, self.target = n, target
        self.indptr, self.indices, self.km = indptr, indices, km
        self.dist, up = self.dijkstra(km, np.inf)
        self.up = np.where(up < 0, np.arange(n), up).astype(np.int64)

    def dijkstra(self, weights: np.ndarray, limit: float) -> tuple[np.ndarray, np.ndarray]:
        """Distances to the target and next places towards it, over ``weights`` (a
        place whose row is infinite is never passed through)."""
        from scipy.sparse import csr_array
        from scipy.sparse.csgraph import dijkstra

        adj = csr_array((weights, self.indices, self.indptr), shape=(self.n, self.n))
        return dijkstra(adj, directed=True, indices=self.target, return_predecessors=True,
                        limit=limit)

    def tree_way(self, place: int) -> list[int]:
        """The places of the tree's way from ``place`` to the target."""
        way, up, target = [place], self.up, self.target
        while way[-1] != target:
            way.append(int(up[way[-1]]))
        return way

    def pair_km(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The km of the roads ``a[j]`` - ``b[j]``."""
        owner, entry = _segments(self.indptr, a)
        hit = self.indices[entry] == b[owner]
        out = np.full(len(a), np.inf)
        np.minimum.at(out, owner[hit], self.km[entry[hit]])
        return out

    def length(self, places: tuple[int, ...]) -> float:
        """A route's km, summed road by road from its first place."""
        p = np.asarray(places, dtype=np.int64)
        return float(sum(self.pair_km(p[:-1], p[1:]).tolist()))

    def labels(self, route: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
        """(position, label) arrays for ``route``: ``position[x]`` is ``x``'s position
        on the route (-1 off it); ``label[x]`` the smallest position of any route place
        on the tree's way from ``x`` to the target (-1 if the target is out of reach)."""
        n = self.n
        p = np.asarray(route, dtype=np.int64)
        position = np.full(n, -1, dtype=np.int64)
        position[p] = np.arange(len(p))
        hop = self.up.copy()
        hop[p] = p
        spare = np.empty_like(hop)
        while True:  # pointer jumping: hop[x] becomes the first route place on x's way
            np.take(hop, hop, out=spare)
            if np.array_equal(spare, hop):
                break
            hop, spare = spare, hop
        first_pos = position[hop]
        # The smallest position on each route place's own way onwards.
        nxt = first_pos[self.up[p]]
        smallest = np.full(len(p), -1, dtype=np.int64)
        smallest[-1] = len(p) - 1
        for start in range(len(p)):
            chain, j = [], start
            while smallest[j] < 0:
                chain.append(j)
                j = int(nxt[j])
            low = int(smallest[j])
            for c in reversed(chain):
                low = min(low, c)
                smallest[c] = low
        label = np.where(first_pos >= 0, smallest[first_pos], -1)
        return position, label


class _Yen:
    """Yen's loop over a :class:`_Graph`: the routes found, the deviations in hand."""

    def __init__(self, graph: _Graph, source: int, k: int, budget: int) -> None:
        self.g, self.k, self.budget = graph, k, budget
        first = tuple(graph.tree_way(source))
        self.found = [(graph.length(first), first)]
        self.heap: list[tuple[float, tuple[int, ...]]] = []
        self.seen = {first}
        self.counts = dict(deviations=0, direct=0, local=0, dijkstra=0, labelled=0)

    def run(self) -> KRoutes:
        while len(self.found) < self.k:
            self.deviate(self.found[-1][1])
            if not self.heap:
                break
            self.found.append(heapq.heappop(self.heap))
        return KRoutes(tuple(sorted(self.found)), **self.counts)

    def bound(self) -> float:
        """The longest deviation still of use: the ``need``-th shortest in hand."""
        need = self.k - len(self.found)
        if len(self.heap) < need:
            return np.inf
        worst = heapq.nsmallest(need, self.heap)[-1][0]
        return worst + _SLACK * abs(worst)

    def taken(self, route: tuple[int, ...]) -> set[int]:
        """Codes ``i * n + w`` of the roads (route[i], w) that routes found with the same
        first ``i + 1`` places took, other than ``route``'s own next road."""
        out = set()
        for _, other in self.found:
            if other == route:
                continue
            c = 0
            while other[c] == route[c]:
                c += 1
            out.add((c - 1) * self.g.n + other[c])
        return out

    def deviate(self, route: tuple[int, ...]) -> None:
        """Add to the heap the shortest deviation at each place of ``route`` that may
        still be of use, cheapest lower bound first."""
        g = self.g
        p = np.asarray(route, dtype=np.int64)
        owner, entry = _segments(g.indptr, p[:-1])
        position, label = None, None
        w = g.indices[entry].astype(np.int64)
        pos_w = np.full(len(w), -1, dtype=np.int64)
        on_route = np.isin(w, p)
        lookup = {x: j for j, x in enumerate(route)}
        pos_w[on_route] = [lookup[x] for x in w[on_route].tolist()]
        shut = (pos_w >= 0) & (pos_w <= owner + 1)  # the root, the spur place, the next road
        taken = self.taken(route)
        if taken:
            shut |= np.isin(owner * g.n + w, np.fromiter(taken, dtype=np.int64))
        cost = np.where(shut, np.inf, g.km[entry] + g.dist[w])
        # Every place but the last has a road on (its own next one): no row is empty.
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        legs = g.pair_km(p[:-1], p[1:])
        root_km = np.concatenate([[0.0], np.cumsum(legs)])[:-1]
        lower = root_km + np.minimum.reduceat(cost, starts)
        ends = np.r_[starts[1:], len(owner)]
        for i in np.argsort(lower, kind="stable").tolist():
            if not (lower[i] < np.inf and lower[i] <= self.bound()):
                break  # no way out, or none of use: nor for the rest
            if position is None:
                position, label = g.labels(route)
                self.counts["labelled"] += 1
            a, b = starts[i], ends[i]
            steps = [(c, x, k) for c, x, k in zip(cost[a:b].tolist(), w[a:b].tolist(),
                                                  g.km[entry[a:b]].tolist()) if c < np.inf]
            self.counts["deviations"] += 1
            spur = self.spur(route, i, steps, float(root_km[i]), position, label)
            if spur is _FALLBACK:
                spur = self.spur_dijkstra(route, i, steps, float(root_km[i]))
            if spur is not None:
                places = route[:i] + tuple(spur)
                if places not in self.seen:
                    self.seen.add(places)
                    heapq.heappush(self.heap, (g.length(places), places))

    def spur(self, route, i: int, steps, root_km: float, position, label):
        """The shortest way from ``route[i]`` avoiding the root, by A* guided by the
        distance to the target; None if none is of use, _FALLBACK over budget."""
        g = self.g
        dist, indptr, indices, km = g.dist, g.indptr, g.indices, g.km
        v = route[i]
        heap = [(c, x, k, v) for c, x, k in steps]
        heapq.heapify(heap)
        parent: dict[int, int] = {}
        best: dict[int, float] = {}
        limit = self.bound() - root_km
        settled = 0
        while heap:
            key, x, gx, par = heapq.heappop(heap)
            if x in parent:
                continue
            if key > limit:
                return None
            parent[x] = par
            settled += 1
            if label[x] > i:  # the tree's way from x avoids the root: done
                self.counts["direct" if settled == 1 else "local"] += 1
                back = [x]
                while back[-1] != v:
                    back.append(parent[back[-1]])
                return back[::-1] + g.tree_way(x)[1:]
            if settled > self.budget:
                return _FALLBACK
            lo, hi = indptr[x], indptr[x + 1]
            for y, ky in zip(indices[lo:hi].tolist(), km[lo:hi].tolist()):
                if y in parent or 0 <= position[y] <= i:
                    continue
                gy = gx + ky
                if gy < best.get(y, np.inf):
                    best[y] = gy
                    heapq.heappush(heap, (gy + dist[y], y, gy, x))
        return None

    def spur_dijkstra(self, route, i: int, steps, root_km: float):
        """The shortest way from ``route[i]`` avoiding the root, by a Dijkstra from the
        target over the graph without the root, bounded by the bound."""
        g = self.g
        self.counts["dijkstra"] += 1
        limit = self.bound() - root_km
        if not limit >= 0:
            return None
        weights = g.km.copy()
        for x in route[:i + 1]:
            weights[g.indptr[x]:g.indptr[x + 1]] = np.inf
        dist, up = g.dijkstra(weights, limit)
        options = [(k + dist[x], x) for _, x, k in steps if np.isfinite(dist[x])]
        if not options or min(options)[0] > limit:
            return None
        way = [route[i], min(options)[1]]
        while way[-1] != g.target:
            way.append(int(up[way[-1]]))
        return way
