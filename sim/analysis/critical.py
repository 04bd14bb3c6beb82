"""Criticality: what the fall of each single place would cut, in one pass.

For every place a faction holds, the *criticality sweep* says what its fall
alone would cost the faction: which of its lifelines would be cut (or lose
their source or every target), which strongholds would end up in a pocket
apart from the capital, and how many people live in the places that would be
cut off from the capital's pocket. A fall is a flip: the place becomes
impassable for the faction; nothing else changes.

The sweep never removes a place and re-checks. It walks a depth-first tree of
the passable road graph once from the capital (and once from each other
lifeline source), then the tree once more in another order, which tells
where each subtree ends. In that tree a place ``p`` cuts off the whole
subtree of its child ``c`` exactly when no road leads from that subtree to a
place above ``p`` (the *low point* of ``c`` is not above ``p``). Sums over
those subtrees are differences of prefix sums along the depth-first order,
taken only where a removal cuts something off, so every quantity for every
place comes out of a handful of array operations: linear time, plus the
sorts of the tree's places by parent.

>>> from sim.control import Control, Faction, Lifeline
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.title(), 0, n, population=10) for n, i in
...      enumerate(["cap", "jn", "hub", "port", "mtn"])],
...     [Road("cap", "jn", 120), Road("jn", "hub", 120), Road("hub", "port", 120),
...      Road("jn", "mtn", 150), Road("mtn", "port", 150)])
>>> gov = Faction("gov", capital="cap", strongholds=("cap", "port"))
>>> coast = Lifeline("Capital - the coast", "gov", "cap", ("port",))
>>> result = criticality(t, Control.of(dict.fromkeys(t.places, "gov")), gov, [coast])
>>> for p in result.places:
...     print(p.place, p.lifelines, p.strongholds, p.population)
jn ('Capital - the coast',) ('port',) 30
port ('Capital - the coast',) () 0
>>> result.capital_fall.place, result.capital_fall.population, result.capital_fall.pockets_after
('cap', 40, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..control import Control, Faction, Lifeline
from ..model import Theatre
from .arrays import Passable, held_mask, passable_arrays
from .kernel import csgraph
from .change import Change, LifelineChange, largest
from .pockets import Pocket, is_pocket

# ---------------------------------------------------------------- the kernel

@dataclass(frozen=True, eq=False)
class SeparationTree:
    """A depth-first tree of a graph, with what each place's removal cuts off.

    Positions are depth-first (preorder) ranks. ``order[k]`` is the place at
    position ``k``; ``parent[k]`` the position of its tree parent (-1 at the
    root); the subtree of position ``k`` spans positions ``k .. end[k]-1``;
    ``cuts[k]`` is True when removing the parent of ``k`` cuts that subtree
    off from the root.
    """

    root: int
    order: np.ndarray
    pos: np.ndarray
    parent: np.ndarray
    end: np.ndarray
    cuts: np.ndarray

    def cut_off(self, weights: np.ndarray) -> np.ndarray:
        """For every place, the total weight its removal cuts off from the root.

        ``weights`` is indexed by place (shape ``(n,)`` or ``(n, k)``); places
        outside the root's component get 0. The removed place's own weight is
        not counted; the root's removal cuts off everything else it reached.
        Integer and boolean weights are summed exactly, in int64.
        """
        w = np.asarray(weights)
        if w.ndim == 2:
            return np.stack([self.cut_off(w[:, j]) for j in range(w.shape[1])], axis=1)
        exact = np.issubdtype(w.dtype, np.integer) or w.dtype == bool
        at, sums = self.cut_sums(_prefix(w[self.order], exact))
        out = np.zeros(len(self.pos), dtype=sums.dtype)
        out[self.order[at]] = sums
        return out

    def cut_sums(self, prefix: np.ndarray | None,
                 at: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The positions whose removal cuts something off, ascending, and what each cuts off.

        ``prefix[k]`` is the weight of positions ``0 .. k-1`` (None: each weighs 1);
        integer sums are exact. Other positions cut off nothing; ``at`` (ascending,
        holding all those positions) asks for the sums at more of them.
        """
        kids, ends, slot, cutting = self._groups()
        if at is not None and at is not cutting:
            slot = np.searchsorted(at, cutting)[slot]
        at = cutting if at is None else at
        sub = ends - kids if prefix is None else prefix[ends] - prefix[kids]
        if prefix is not None and prefix.dtype.kind == "f":
            return at, np.bincount(slot, weights=sub, minlength=len(at))
        sums = np.zeros(len(at), dtype=np.int64)
        np.add.at(sums, slot, sub.astype(np.int64, copy=False))
        return at, sums

    @property
    def cutting(self) -> np.ndarray:
        """The positions whose removal cuts something off, ascending."""
        return self._groups()[3]

    def cut_children(self, place: int) -> list[tuple[int, int]]:
        """The position ranges ``[start, end)`` that removing ``place`` cuts off."""
        k = self.pos[place]
        kids, _, slot, at = self._groups()
        i = int(np.searchsorted(at, k))
        if k < 0 or i == len(at) or at[i] != k:
            return []
        if (by_slot := self.__dict__.get("_by_slot")) is None:
            by_slot = np.argsort(slot, kind="stable")
            object.__setattr__(self, "_by_slot", by_slot)
        lo, hi = np.searchsorted(slot[by_slot], [i, i + 1])
        return [(int(c), int(self.end[c])) for c in kids[by_slot[lo:hi]]]

    def _groups(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(kids, ends, slot, at)``: the cut-off subtrees' roots and ends, and the index
        of each one's parent in ``at``, the parents ascending."""
        cached = self.__dict__.get("_cached_groups")
        if cached is None:
            kids = np.flatnonzero(self.cuts)
            at, slot = np.unique(self.parent[kids], return_inverse=True)
            cached = (kids, self.end[kids], slot, at)
            object.__setattr__(self, "_cached_groups", cached)
        return cached


def _prefix(values: np.ndarray, exact: bool = True) -> np.ndarray:
    """``p[k]``: the sum of ``values[:k]``, in int64 (or float64 when not ``exact``)."""
    out = np.zeros(len(values) + 1, dtype=np.int64 if exact else np.float64)
    np.cumsum(values, dtype=out.dtype, out=out[1:])
    return out


def separation_tree(indptr: np.ndarray, indices: np.ndarray, root: int) -> SeparationTree:
    """Depth-first tree from ``root`` with the low points that say what each removal cuts.

    ``indptr``/``indices`` is a symmetric CSR adjacency with no duplicate
    entries. Runs scipy's compiled depth-first order twice (once on the
    graph, once on the tree it finds); everything else is vectorised numpy.

    >>> ptr, idx = np.asarray([0, 1, 3, 5, 7, 8]), np.asarray([1, 0, 2, 1, 3, 2, 4, 3])
    >>> t = separation_tree(ptr, idx, 0)       # the path 0 - 1 - 2 - 3 - 4
    >>> t.cut_off(np.ones(5, dtype=int)).tolist()
    [4, 3, 2, 1, 0]
    """
    from scipy.sparse.csgraph import depth_first_order

    n = len(indptr) - 1
    order, pred = depth_first_order(csgraph(indptr, indices), root, directed=True,
                                    return_predecessors=True)
    order = order.astype(np.int32, copy=False)
    m = len(order)
    pos = np.full(n, -1, dtype=np.int32)
    pos[order] = np.arange(m, dtype=np.int32)
    # Every place's predecessor's position (clipped where it has none), read in order.
    parent = np.take(np.take(pos, pred, mode="clip"), order)
    parent[0] = -1
    kids = np.argsort(parent[1:], kind="stable").astype(np.int32) + 1
    end = _subtree_ends(parent, kids)
    low = _lowest_neighbours(indptr, indices, pos)[order]
    cuts = _cuts(parent, end, low, kids)
    return SeparationTree(int(root), order, pos, parent, end, cuts)


def _subtree_ends(parent: np.ndarray, kids: np.ndarray) -> np.ndarray:
    """For preorder positions ``k`` of a tree: where the subtree of ``k`` ends.

    ``kids`` lists the positions ``1 .. m-1`` grouped by parent, in order
    within each group. A second depth-first order of the tree, one that
    visits each place's first child (the next position) last, ends the
    subtree of ``k`` at the first leaf at or after ``k`` in the first order;
    the subtree's size is the distance between the two in the second order.
    """
    from scipy.sparse.csgraph import depth_first_order

    m = len(parent)
    k = np.arange(m, dtype=np.int32)
    if m == 1:
        return k + 1
    pk = parent[kids]
    # Each group rotated by one: the first child (parent + 1) moves to the group's end.
    rot = np.empty(m - 1, dtype=np.int32)
    rot[:-1] = np.where(pk[1:] != pk[:-1], pk[:-1] + 1, kids[1:])
    rot[-1] = pk[-1] + 1
    ptr = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.bincount(pk, minlength=m), out=ptr[1:])
    second = depth_first_order(csgraph(ptr, rot), 0, directed=True, return_predecessors=False)
    rank = np.empty(m, dtype=np.int32)
    rank[second] = k
    leaf = np.empty(m, dtype=bool)
    np.not_equal(parent[1:], k[:-1], out=leaf[:-1])
    leaf[-1] = True
    last = np.minimum.accumulate(np.where(leaf, k, m)[::-1])[::-1]
    return k + 1 + rank[last] - rank


def _lowest_neighbours(indptr: np.ndarray, indices: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """For every place with a road, the lowest position among its neighbours.

    Places without roads get an arbitrary value: only the root can be one in
    the tree, and it is never compared.
    """
    nnz = len(indices)
    vals = np.empty(nnz + 1, dtype=np.int32)
    np.take(pos, indices, out=vals[:nnz])
    vals[nnz] = np.iinfo(np.int32).max  # where trailing places without roads start
    return np.minimum.reduceat(vals, indptr[:-1])


def _cuts(parent: np.ndarray, end: np.ndarray, low: np.ndarray, kids: np.ndarray) -> np.ndarray:
    """Whether each position's subtree has no road to a place above its parent.

    A place ``j`` whose lowest neighbour ``a`` lies above its parent has a
    road over every tree edge from ``j`` up to ``y``, the child of ``a``
    that holds ``j``: mark ``+1`` at ``j`` and ``-1`` at ``y``. The marks of a
    subtree add up to the number of such roads leaving it over its parent,
    so the subtree is cut off by its parent's removal exactly when they add
    up to 0.
    """
    m = len(parent)
    j = np.flatnonzero(low < parent).astype(np.int32)
    a = low[j]
    y = a + 1  # the first child of ``a``; its subtree holds ``j`` unless a later child's does
    miss = np.flatnonzero(end[y] <= j)
    for _ in range(4):  # the next sibling starts where a subtree ends
        if not len(miss):
            break
        y[miss] = end[y[miss]]
        miss = miss[end[y[miss]] <= j[miss]]
    if len(miss):  # places with many children: search them
        keys = parent[kids].astype(np.int64) * m + kids
        at = np.searchsorted(keys, a[miss].astype(np.int64) * m + j[miss], side="right") - 1
        y[miss] = kids[at]
    marks = np.zeros(m, dtype=np.int64)
    marks[j] = 1
    marks -= np.bincount(y, minlength=m)
    prefix = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(marks, out=prefix[1:])
    cuts = prefix[end] == prefix[:-1]
    cuts[0] = False
    return cuts


def sweep_arrays(graph: Passable, capital: int | None, strongholds: np.ndarray,
                 lifelines: Sequence[tuple[int, np.ndarray]] = (),
                 population: np.ndarray | None = None,
                 held: np.ndarray | None = None,
                 unknown: np.ndarray | None = None) -> Sweep:
    """The criticality sweep on arrays.

    ``strongholds`` and each lifeline's targets are index arrays; a lifeline
    is ``(source, targets)``. Returns per-place arrays: ``strongholds`` (how
    many strongholds other than the place itself its removal cuts off from the
    capital), ``population`` (population cut off from the capital, the place
    itself excluded) and ``lifelines`` (an ``n x L`` boolean array: does the
    removal cut lifeline ``j``). Lifelines not connected to begin with are
    never counted as cut. ``held`` flags the faction's own places (default:
    all): by the main-pocket rule (:func:`~sim.analysis.pockets.is_pocket`),
    the capital's piece of territory is a pocket only while it keeps one of
    them. ``unknown`` (optional, 0/1 per place) is summed like the
    population into ``Sweep.unknown``: how many places of unknown population
    each removal cuts off.
    """
    n = graph.n
    pop = graph.arrays.population if population is None else population
    unk = None if unknown is None else np.asarray(unknown, dtype=np.int64)
    trees: dict[int, SeparationTree] = {}

    def tree(root: int) -> SeparationTree:
        if root not in trees:
            trees[root] = separation_tree(graph.indptr, graph.indices, root)
        return trees[root]

    if capital is not None and graph.mask[capital]:
        strong, people, unk_off, gone = _capital_cuts(tree(capital), strongholds, pop, held, unk)
    else:
        strong, people, unk_off = (np.zeros(n, dtype=np.int64) for _ in range(3))
        gone = np.zeros(n, dtype=bool)
    out_ll = np.zeros((n, len(lifelines)), dtype=bool)
    for j, (source, targets) in enumerate(lifelines):
        if graph.mask[source]:
            _lifeline_kills(tree(source), source, targets, out_ll[:, j])
    return Sweep(strong, people, out_ll, gone,
                 trees.get(capital) if capital is not None else None, unk_off)


def _capital_cuts(t: SeparationTree, strongholds: np.ndarray, pop: np.ndarray,
                  held: np.ndarray | None, unk: np.ndarray | None):
    """What each removal cuts off from the capital (the root of ``t``).

    Returns per-place arrays: strongholds, population and unknown-population
    places cut off, and ``gone``: whether the removal leaves the capital's
    piece with no place of the faction's own (then no main pocket remains and
    everything the capital reached counts as cut off).
    """
    n, m = len(t.pos), len(t.order)
    out = [np.zeros(n, dtype=np.int64) for _ in range(3)] + [np.zeros(n, dtype=bool)]
    own = None if held is None else held[t.order]
    n_own = m if own is None else int(np.count_nonzero(own))
    if not is_pocket(n_own):
        return out
    at = t.pos[strongholds]
    strong = np.zeros(m, dtype=np.int8)
    strong[at[at >= 0]] = 1
    # Per position, in depth-first order: strongholds, people, unknown-population, own places.
    cols = [strong, pop[t.order], None if unk is None else unk[t.order], own]
    prefix = [None if c is None else _prefix(c) for c in cols]
    at = t.cutting
    if n_own == 1:  # the only own place's removal leaves none, whatever it cuts off
        at = _merged(at, np.flatnonzero(own) if own is not None else np.zeros(1, np.int64))
    sums = [None if p is None and k < 3 else t.cut_sums(p, at)[1]
            for k, p in enumerate(prefix)]
    # The capital's piece after the removal keeps what was reached, less the place
    # itself and what its removal cuts off; it stays a pocket while that holds an own place.
    here = [None if c is None else c[at].astype(np.int64) for c in cols]
    gone = ~is_pocket(n_own - (1 if own is None else here[3]) - sums[3])
    places = t.order[at]
    for k in range(3):
        if sums[k] is not None:
            out[k][places] = np.where(gone, prefix[k][-1] - here[k], sums[k])
    out[3][places] = gone
    return out


def _merged(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The union of ``a`` (ascending, distinct) and a few more positions ``b``, ascending."""
    b = np.unique(np.asarray(b, dtype=a.dtype))
    i = np.searchsorted(a, b)
    b = b[a[np.minimum(i, len(a) - 1)] != b] if len(a) else b
    return np.insert(a, np.searchsorted(a, b), b)


def _lifeline_kills(t: SeparationTree, source: int, targets: np.ndarray, out: np.ndarray) -> None:
    """Set ``out[v]`` where removing place ``v`` cuts the lifeline from ``source`` (the root of ``t``).

    A place kills the lifeline when it is the source, or when every reachable
    target is either the place itself or in a subtree its removal cuts off.
    A lifeline reaching no target to begin with is left alone.
    """
    at = np.unique(t.pos[np.asarray(targets, dtype=np.int64)])
    at = at[at >= 0]
    if not len(at):
        return
    ind = np.zeros(len(t.order), dtype=np.int8)
    ind[at] = 1
    # A target's own fall counts with what it cuts off.
    some = _merged(t.cutting, at)
    cut = t.cut_sums(_prefix(ind), some)[1] + ind[some]
    out[t.order[some[cut >= len(at)]]] = True
    out[source] = True


@dataclass(frozen=True, eq=False)
class Sweep:
    """Per-place results of :func:`sweep_arrays` (arrays indexed by place).

    ``main_lost[i]`` is True when removing place ``i`` leaves the capital's
    piece of territory with no place of the faction's own.
    """

    strongholds: np.ndarray
    population: np.ndarray
    lifelines: np.ndarray
    main_lost: np.ndarray
    capital_tree: SeparationTree | None
    unknown: np.ndarray | None = None


# ---------------------------------------------------------------- the library function

@dataclass(frozen=True)
class PlaceCriticality:
    """What the fall of one place alone would cut.

    ``lifelines``: names of the faction's lifelines it would cut or end
    (``lifelines_lost`` are those it ends because it is their source or their
    last target held); ``strongholds``: strongholds it would cut off from the
    capital (itself excluded); ``population``: the people it would cut off,
    that is the known population of the faction's own home-country places it
    would put outside the capital's pocket (itself excluded), and ``unknown``
    how many such places have no known population. For the capital itself,
    ``pockets_after`` and ``largest_after`` describe what would remain.
    """

    place: str
    lifelines: tuple[str, ...]
    strongholds: tuple[str, ...]
    population: int
    stronghold: bool = False
    unknown: int = 0
    lifelines_lost: tuple[str, ...] = ()
    capital: bool = False
    pockets_after: int = 0
    largest_after: Pocket | None = None

    @property
    def harmless(self) -> bool:
        return not (self.lifelines or self.strongholds or self.population or self.unknown)

    def as_json(self) -> dict:
        out = {"place": self.place, "lifelines": list(self.lifelines),
               "lifelines_lost": list(self.lifelines_lost),
               "strongholds": list(self.strongholds), "population": self.population,
               "population_unknown": self.unknown, "is_stronghold": self.stronghold}
        if self.capital:
            out["pockets_after"] = self.pockets_after
            out["largest_pocket_after"] = (self.largest_after.as_json()
                                           if self.largest_after else None)
        return out


@dataclass(frozen=True)
class Criticality:
    """The criticality sweep of one faction: its places ranked by what their fall cuts.

    ``places`` holds every place other than the capital whose fall cuts
    something, most critical first (lifelines cut, then strongholds cut off,
    then people, then id); the capital's own fall is apart, in
    ``capital_fall`` (it is the loss of the capital, not one cut among
    others). ``held`` counts the places the faction holds; ``harmless`` how
    many of them cut nothing.
    """

    faction: Faction
    lifelines: tuple[Lifeline, ...]
    places: tuple[PlaceCriticality, ...]
    held: int
    harmless: int
    capital_fall: PlaceCriticality | None = None

    def top(self, n: int | None) -> tuple[PlaceCriticality, ...]:
        return self.places if n is None else self.places[:max(n, 0)]

    def of(self, place: str) -> PlaceCriticality:
        """The entry of ``place`` (an all-zero one if its fall cuts nothing)."""
        if self.capital_fall is not None and self.capital_fall.place == place:
            return self.capital_fall
        for entry in self.places:
            if entry.place == place:
                return entry
        return PlaceCriticality(place, (), (), 0, place in self.faction.strongholds)

    def change_of(self, entry: PlaceCriticality) -> Change:
        """The :class:`~sim.analysis.change.Change` the fall of ``entry.place`` alone makes."""
        by_name = {ll.name: ll for ll in self.lifelines}
        changes = []
        for name in entry.lifelines:
            ll = by_name[name]
            after = ("cut" if name not in entry.lifelines_lost
                     else "source-lost" if ll.source == entry.place else "target-lost")
            changes.append(LifelineChange(name, ll.source, ll.targets, ll.target_label,
                                          "connected", after))
        fac = self.faction
        strong = set(fac.strongholds)
        return Change(
            faction=fac.id, capital=fac.capital, capital_lost=entry.capital,
            lifelines=tuple(changes),
            strongholds_lost=(entry.place,) if entry.place in strong else (),
            strongholds_cut_off=entry.strongholds, places_lost=(entry.place,),
            people_cut_off=entry.population, unknown_cut_off=entry.unknown,
            pockets_after=entry.pockets_after, largest_after=entry.largest_after,
            held_after=self.held - 1)


def criticality(theatre: Theatre, control: Control, faction: Faction,
                lifelines: Sequence[Lifeline]) -> Criticality:
    """For every place ``faction`` holds, what its fall alone would cut; ranked.

    Only the faction's own lifelines count, and only those connected before
    the fall. See the module docstring for the method and an example.
    """
    graph = passable_arrays(theatre, control, faction.side)
    arr = graph.arrays
    own = tuple(ll for ll in lifelines if ll.faction == faction.id)
    capital = arr.index.get(faction.capital) if faction.capital else None
    # A stronghold counts while the faction or an ally holds it (else it is lost).
    strong_ids = [s for s in control.held_strongholds(faction) if s in arr.index]
    strong = np.asarray([arr.index[s] for s in strong_ids], dtype=np.int64)
    specs = [(arr.index[ll.source], np.asarray([arr.index[t] for t in ll.targets],
                                               dtype=np.int64)) for ll in own]
    held = held_mask(control, faction.id, arr, theatre)
    known, unknown = arr.people_weights(held)
    res = sweep_arrays(graph, capital, strong, specs, population=known, held=held,
                       unknown=unknown)
    n_ll = res.lifelines.sum(axis=1)
    score = (n_ll > 0) | (res.strongholds > 0) | (res.population > 0) | (res.unknown > 0)
    pick = np.flatnonzero(held & score)
    # Rank: lifelines, strongholds, people (all descending), then id.
    order = np.lexsort((pick, -res.unknown[pick], -res.population[pick], -res.strongholds[pick],
                        -n_ll[pick]))
    pick = pick[order]
    names_for = _stronghold_namer(res, strong, arr.ids)
    entries = []
    capital_entry = None
    strong_set = set(strong_ids)
    for i in pick.tolist():
        place = arr.ids[i]
        killed = [j for j in np.flatnonzero(res.lifelines[i]).tolist()]
        ended = tuple(own[j].name for j in killed if _ends(graph.mask, specs[j], i))
        sh = names_for(i) if res.strongholds[i] else ()
        entry = PlaceCriticality(place, tuple(own[j].name for j in killed), sh,
                                 int(res.population[i]), place in strong_set,
                                 int(res.unknown[i]), ended)
        if i == capital:
            count, big = _pockets_without(theatre, control, faction, graph, i, known, unknown)
            capital_entry = replace(entry, capital=True, pockets_after=count, largest_after=big)
        else:
            entries.append(entry)
    if capital is not None and held[capital] and capital_entry is None:
        count, big = _pockets_without(theatre, control, faction, graph, capital, known, unknown)
        capital_entry = PlaceCriticality(faction.capital, (), (), 0, True, capital=True,
                                         pockets_after=count, largest_after=big)
    n_held = int(held.sum())
    harmful = len(entries) + (capital_entry is not None and not capital_entry.harmless)
    return Criticality(faction, own, tuple(entries), n_held, n_held - harmful, capital_entry)


def _ends(mask: np.ndarray, spec, place: int) -> bool:
    """Whether removing ``place`` ends a lifeline: it is the source, or the last target held."""
    source, targets = spec
    if place == source:
        return True
    others = [t for t in np.asarray(targets).tolist() if t != place]
    return place in np.asarray(targets).tolist() and not any(mask[t] for t in others)


def _pockets_without(theatre, control, faction, graph, place: int, known, unknown):
    """How many pockets the faction's territory falls into without ``place``, and the largest."""
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import connected_components

    from .engine import _ids
    removed = np.zeros(graph.n, dtype=bool)
    removed[place] = True
    g = graph.without(removed)
    n = g.n
    adj = csr_array((np.ones(len(g.indices), dtype=np.int8), g.indices, g.indptr), shape=(n, n))
    _, label = connected_components(adj, directed=False)
    held = held_mask(control, faction.id, g.arrays, theatre) & g.mask
    # The pockets: the components that hold a place of the faction's own.
    comps = np.flatnonzero(is_pocket(np.bincount(label[held], minlength=n)))
    if not len(comps):
        return 0, None
    in_comp = g.mask & np.isin(label, comps)
    pop = np.bincount(label[in_comp], weights=known[in_comp], minlength=label.max() + 1)
    size = np.bincount(label[in_comp], minlength=label.max() + 1)
    # Build pockets only for the components that could be largest (most people, then most places),
    # then let the one rule of change.largest choose among them.
    tied = comps[pop[comps] == pop[comps].max()]
    tied = tied[size[tied] == size[tied].max()]  # few left: each costs a pass over the map
    ids = g.arrays.ids
    strong = set(faction.strongholds)
    home = g.arrays.home
    candidates = []
    for c in tied.tolist():
        mask = in_comp & (label == c)
        idx = np.flatnonzero(mask)  # columns keep places in id order already
        places = _ids(ids, idx) if theatre.columnar else tuple(sorted(_ids(ids, idx)))
        abroad = 0 if home is None else int((mask & ~home).sum())
        candidates.append(Pocket(places, int(known[mask].sum()),
                                 tuple(p for p in places if p in strong), False,
                                 int(unknown[mask].sum()), abroad,
                                 idx if theatre.columnar else None))
    pocket = largest(candidates)
    return len(comps), pocket


def _stronghold_namer(res: Sweep, strong: np.ndarray, ids):
    """A function naming the strongholds a place's fall cuts off (sorted ids)."""
    tree = res.capital_tree
    if tree is None or not len(strong):
        return lambda i: ()
    spos = tree.pos[strong]
    reached = spos >= 0
    spos, sid = spos[reached], strong[reached]
    order = np.argsort(spos)
    spos, sid = spos[order], sid[order]

    def names(i: int) -> tuple[str, ...]:
        if res.main_lost[i]:
            return tuple(sorted(ids[s] for s in sid.tolist() if s != i))
        found = []
        for a, b in tree.cut_children(i):
            lo, hi = np.searchsorted(spos, [a, b])
            found += [ids[s] for s in sid[lo:hi].tolist()]
        return tuple(sorted(found))

    return names
