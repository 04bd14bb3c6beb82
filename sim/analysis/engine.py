"""The array engine: what-if, pockets, lifelines and chokepoints of a large theatre on arrays.

The analyses of :mod:`sim.analysis.whatif` read a networkx view of the road graph,
which is convenient and, on a theatre of a few hundred places, fast. On a large
theatre (more than :data:`~sim.analysis.size.NX_LIMIT` places: a national road network) the same
questions are answered here on the arrays of :mod:`sim.analysis.arrays`: the
passable places as a mask, the usable roads as CSR, pieces by scipy's
compiled connected components, routes by its Dijkstra, chokepoints by one
depth-first separation tree per lifeline source (:mod:`sim.analysis.critical`).
The answers are the same values (:class:`~sim.analysis.whatif.Assessment`,
:class:`~sim.analysis.change.Change`); only equally short routes may be broken
differently. The tests hold the two engines together on random graphs.

>>> from sim.control import Control, Faction, Lifeline
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.upper(), 0, n) for n, i in enumerate("abcd")],
...     [Road("a", "b", 120), Road("b", "c", 120), Road("c", "d", 5)])
>>> gov = Faction("gov", capital="a", strongholds=("a", "c"))
>>> a = assess_arrays(t, Control.of(dict.fromkeys("abcd", "gov")), gov,
...                   [Lifeline("A - D", "gov", "a", ("d",))])
>>> a.lifelines[0].route.places, a.chokepoints["A - D"], a.strongholds["c"]
(('a', 'b', 'c', 'd'), ('b', 'c'), 'connected')
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from operator import itemgetter
from types import MappingProxyType

import numpy as np

from ..control import Control, Faction, Lifeline
from ..model import Theatre
from .arrays import Passable, held_by, passable_arrays, passable_mask, theatre_arrays
from .lifelines import LifelineStatus, Route
from .pockets import Pocket, is_pocket

# ---------------------------------------------------------------- passability

#: The passable graph of a side (cut roads removed): :func:`~sim.analysis.arrays.passable_arrays`.
passable = passable_arrays

__all__ = ["assess_arrays", "chokepoints", "describe_change_arrays", "held_by", "lifeline_status",
           "passable", "passable_mask", "pieces", "pocket_list"]


def _csr(graph: Passable, weights: bool = False):
    from scipy.sparse import csr_array
    data = graph.km if weights else np.ones(len(graph.indices), dtype=np.int8)
    return csr_array((data, graph.indices, graph.indptr), shape=(graph.n, graph.n))


def pieces(graph: Passable) -> np.ndarray:
    """Piece label of each place (-1 where impassable), pieces numbered by first place."""
    from scipy.sparse.csgraph import connected_components
    _, labels = connected_components(_csr(graph), directed=False)
    labels = labels.astype(np.int64)
    labels[~graph.mask] = -1
    ok = labels >= 0
    # Renumber by each piece's smallest place index, so labels do not depend on scipy.
    first = np.full(labels.max() + 1 if ok.any() else 0, graph.n, dtype=np.int64)
    np.minimum.at(first, labels[ok], np.flatnonzero(ok))
    used = np.flatnonzero(first < graph.n)
    rank = np.full(len(first), -1, dtype=np.int64)
    rank[used[np.argsort(first[used], kind="stable")]] = np.arange(len(used))
    out = np.full(graph.n, -1, dtype=np.int64)
    out[ok] = rank[labels[ok]]
    return out


# ---------------------------------------------------------------- lifelines

def lifeline_status(graph: Passable, lifeline: Lifeline) -> LifelineStatus:
    """Judge ``lifeline`` on the passable graph (as :func:`~sim.analysis.lifelines.lifeline_status`)."""
    arr = graph.arrays
    src = arr.index.get(lifeline.source)
    if src is None or not graph.mask[src]:
        return LifelineStatus(lifeline, "source-lost", None)
    targets = [t for t in lifeline.targets if t in arr.index and graph.mask[arr.index[t]]]
    if not targets:
        return LifelineStatus(lifeline, "target-lost", None)
    from scipy.sparse.csgraph import dijkstra
    dist, pred = dijkstra(_csr(graph, weights=True), directed=True, indices=src,
                          return_predecessors=True)
    routes = []
    for t in dict.fromkeys(targets):
        i = arr.index[t]
        if not np.isfinite(dist[i]):
            continue
        path = [i]
        while path[-1] != src:
            path.append(int(pred[path[-1]]))
        routes.append(Route(t, _route_km(graph, path[::-1]), tuple(arr.ids[p] for p in path[::-1])))
    routes.sort(key=lambda r: (r.km, r.target))
    if not routes:
        return LifelineStatus(lifeline, "cut", None)
    return LifelineStatus(lifeline, "connected", routes[0], tuple(routes))


def _route_km(graph: Passable, path: Sequence[int]) -> float:
    """A route's length summed road by road from its start (as networkx sums it)."""
    total = 0.0
    ip, ix, km = graph.indptr, graph.indices, graph.km
    for a, b in zip(path, path[1:]):
        row = slice(ip[a], ip[a + 1])
        total += float(km[row][ix[row] == b].min())
    return total


def chokepoints(graph: Passable, lifeline: Lifeline) -> tuple[str, ...]:
    """The lifeline's chokepoints on the passable graph, from its source outwards
    (as :func:`~sim.analysis.chokepoints.separating_places`)."""
    from .critical import separation_tree
    arr = graph.arrays
    src = arr.index.get(lifeline.source)
    targets = [arr.index[t] for t in dict.fromkeys(lifeline.targets)
               if t in arr.index and graph.mask[arr.index[t]]]
    if src is None or not graph.mask[src] or not targets or src in targets:
        return ()
    tree = separation_tree(graph.indptr, graph.indices, src)
    tgt = np.asarray(targets, dtype=np.int64)
    reached = tgt[tree.pos[tgt] >= 0]
    if not len(reached):
        return ()
    ind = np.zeros(graph.n, dtype=np.int64)
    ind[reached] = 1
    kills = tree.cut_off(ind) + ind >= len(reached)
    kills[src] = False
    if len(targets) == 1:
        kills[targets[0]] = False
    found = np.flatnonzero(kills)
    found = found[np.argsort(tree.pos[found], kind="stable")]
    return tuple(arr.ids[i] for i in found.tolist())


# ---------------------------------------------------------------- pockets

def pocket_list(theatre: Theatre, control: Control, faction: Faction, graph: Passable
                ) -> list[Pocket]:
    """The faction's pockets (as :func:`~sim.analysis.pockets.pockets`): main first,
    then by population, then by first id."""
    arr = graph.arrays
    labels = pieces(graph)
    count = int(labels.max()) + 1 if len(labels) and labels.max() >= 0 else 0
    if not count:
        return []
    own = held_by(theatre, control, {faction.id}, arr)
    ok = labels >= 0
    own_count = np.bincount(labels[own & ok], minlength=count)
    keep = is_pocket(own_count)
    counted = own & (arr.home if arr.home is not None else True)
    known = arr.known if arr.known is not None else np.ones(arr.n, dtype=bool)
    pop = np.bincount(labels[ok], weights=np.where(counted & known, arr.population, 0)[ok],
                      minlength=count)
    unknown = np.bincount(labels[ok], weights=(counted & ~known)[ok], minlength=count)
    abroad = np.bincount(labels[ok], weights=(~arr.home)[ok] if arr.home is not None
                         else np.zeros(int(ok.sum())), minlength=count)
    strong = np.zeros(arr.n, dtype=bool)
    strong[[arr.index[s] for s in faction.strongholds if s in arr.index]] = True
    cap = arr.index.get(faction.capital) if faction.capital else None
    main_label = int(labels[cap]) if cap is not None and labels[cap] >= 0 else -1
    members = np.flatnonzero(ok & keep[np.maximum(labels, 0)])
    members = members[np.argsort(labels[members], kind="stable")]
    bounds = np.searchsorted(labels[members], np.flatnonzero(keep))
    ids = arr.ids
    names = _ids(ids, members)  # every member's id at once; each pocket is a slice of it
    has_strong = np.bincount(labels[strong & ok], minlength=count)
    ends = np.append(bounds, len(members)).tolist()
    pop, unknown, abroad = (np.rint(x).astype(np.int64).tolist() for x in (pop, unknown, abroad))
    out = []
    for k, lab in enumerate(np.flatnonzero(keep).tolist()):
        lo, hi = ends[k], ends[k + 1]
        idx = members[lo:hi]
        held_strong = _ids(ids, idx[strong[idx]]) if has_strong[lab] else ()
        out.append(Pocket(names[lo:hi], pop[lab], held_strong, lab == main_label,
                          unknown[lab], abroad[lab], idx))
    out.sort(key=lambda p: (not p.main, -p.population, p.places[0]))
    return out


# ---------------------------------------------------------------- assessment

def assess_arrays(theatre: Theatre, control: Control, faction: Faction,
                  lifelines: Sequence[Lifeline], prior=None):
    """:func:`~sim.analysis.whatif.assess` on arrays: the same
    :class:`~sim.analysis.whatif.Assessment` (``prior``: as there)."""
    from .whatif import Assessment
    graph = passable_arrays(theatre, control, faction.side)
    own = [ll for ll in lifelines if ll.faction == faction.id]
    kept = _kept_routes(graph, prior)
    statuses = tuple(kept.get(ll) or lifeline_status(graph, ll) for ll in own)
    chokes = {ll.name: chokepoints(graph, ll) for ll in own}
    found = tuple(pocket_list(theatre, control, faction, graph))
    main = _main_mask(found, graph.n)
    held = set(control.held_strongholds(faction))
    index = graph.arrays.index
    states = {p: "lost" if p not in held else "connected" if main[index[p]] else "cut-off"
              for p in faction.strongholds}
    return Assessment(faction, found, statuses, MappingProxyType(chokes),
                      MappingProxyType(dict(sorted(states.items()))), graph)


def _kept_routes(graph: Passable, prior) -> dict[Lifeline, LifelineStatus]:
    """The connected lifelines of ``prior`` whose every route is still whole in ``graph``.

    Only when ``graph`` is ``prior``'s graph less some places (no place or road
    added, no road cut): then no route got shorter, so a route still whole is
    still shortest, and the lifeline's status is the one ``prior`` found.
    """
    before = getattr(prior, "graph", None)
    if not isinstance(before, Passable) or before.arrays is not graph.arrays:
        return {}
    mask, arr = graph.mask, graph.arrays
    if (mask & ~before.mask).any():
        return {}
    pe = before.edges
    if not np.array_equal(pe[mask[arr.edge_u[pe]] & mask[arr.edge_v[pe]]], graph.edges):
        return {}
    index = arr.index
    return {s.lifeline: s for s in prior.lifelines if s.status == "connected" and all(
        mask[[index[p] for p in r.places]].all() for r in s.routes)}


def _ids(ids: Sequence[str], idx: np.ndarray) -> tuple[str, ...]:
    """The ids at indices ``idx``, as a tuple (picked in C: a pocket may hold a million)."""
    if len(idx) < 2:
        return tuple(ids[i] for i in idx.tolist())
    return itemgetter(*idx.tolist())(ids)


def _main_mask(found: Sequence[Pocket], n: int) -> np.ndarray:
    """Boolean array: the places of the main pocket among ``found`` (none if it has none)."""
    mask = np.zeros(n, dtype=bool)
    if found and found[0].main:
        mask[found[0].index] = True
    return mask


# ---------------------------------------------------------------- the change

def describe_change_arrays(theatre: Theatre, faction: Faction, control_before: Control,
                           control_after: Control, before, after):
    """:func:`~sim.analysis.change.describe_change` on arrays, for assessments the array
    engine made (their pockets know their places' indices): the same
    :class:`~sim.analysis.change.Change`."""
    from .change import Change, LifelineChange, largest
    arr = theatre_arrays(theatre)
    fid, ids = faction.id, arr.ids
    main_b, main_a = _main_mask(before.pockets, arr.n), _main_mask(after.pockets, arr.n)
    held_b = held_by(theatre, control_before, {fid}, arr)
    held_a = held_by(theatre, control_after, {fid}, arr)
    kept = held_b & held_a
    newly_out, back_in = kept & main_b & ~main_a, kept & ~main_b & main_a
    gained = held_a & ~held_b
    strong = np.zeros(arr.n, dtype=bool)
    strong[[arr.index[s] for s in faction.strongholds if s in arr.index]] = True

    def listed(mask: np.ndarray) -> tuple[str, ...]:
        return tuple(ids[i] for i in np.flatnonzero(mask).tolist())

    def people(mask: np.ndarray, own: np.ndarray) -> tuple[int, int]:
        counted = mask & own & (arr.home if arr.home is not None else True)
        known = arr.known if arr.known is not None else np.ones(arr.n, dtype=bool)
        return int(arr.population[counted & known].sum()), int(np.count_nonzero(counted & ~known))

    cap = faction.capital
    sb = set(control_before.held_strongholds(faction))
    sa = set(control_after.held_strongholds(faction))
    index = arr.index
    known, unknown = people(newly_out, held_a)
    known_lost, unknown_lost = people(held_b & ~held_a, held_b)
    changes = tuple(c for c in (LifelineChange.of(b, a)
                                for b, a in zip(before.lifelines, after.lifelines)) if c.kind)
    return Change(
        faction=fid, capital=cap,
        capital_lost=bool(cap) and bool(held_b[index[cap]]) and not held_a[index[cap]],
        lifelines=changes, strongholds_lost=tuple(sorted(sb - sa)),
        strongholds_cut_off=tuple(sorted(p for p in sb & sa
                                         if main_b[index[p]] and not main_a[index[p]])),
        strongholds_reconnected=tuple(sorted(p for p in sb & sa
                                             if not main_b[index[p]] and main_a[index[p]])),
        places_isolated=listed(newly_out & ~strong), places_lost=listed(held_b & ~held_a),
        places_rejoined=listed(back_in & ~strong), places_gained=listed(gained),
        gained_joined=listed(gained & main_a),
        people_cut_off=known, unknown_cut_off=unknown,
        people_lost=known_lost, unknown_lost=unknown_lost,
        pockets_after=len(after.pockets), largest_after=largest(after.pockets),
        held_after=int(np.count_nonzero(held_a)),
    )
