"""Criticality: what the fall of each single place would cut, in one pass.

For every place a faction holds, the *criticality sweep* says what its fall
alone would cost the faction: which of its lifelines would be cut (or lose
their source or every target), which strongholds would end up in a pocket
apart from the capital, and how many people live in the places that would be
cut off from the capital's pocket. A fall is a flip: the place becomes
impassable for the faction; nothing else changes.

The sweep never removes a place and re-checks. It walks a depth-first tree of
the passable road graph once from the capital (and once from each other
lifeline source). In that tree a place ``p`` cuts off the whole subtree of
its child ``c`` exactly when no road leads from that subtree to a place above
``p`` (the *low point* of ``c`` is not above ``p``). Sums over those subtrees
are differences of prefix sums along the depth-first order, so every
quantity for every place comes out of a handful of array operations: linear
time, plus a logarithmic factor for the range minima.

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
        """
        w = np.asarray(weights)
        if w.ndim == 2:
            return np.stack([self.cut_off(w[:, j]) for j in range(w.shape[1])], axis=1)
        exact = np.issubdtype(w.dtype, np.integer) or w.dtype == bool
        acc = np.int64 if exact else np.float64
        m = len(self.order)
        prefix = np.zeros(m + 1, dtype=acc)
        np.cumsum(w[self.order], dtype=acc, out=prefix[1:])
        child = np.flatnonzero(self.cuts)
        sub = prefix[self.end[child]] - prefix[child]
        by_pos = np.bincount(self.parent[child], weights=sub, minlength=m)
        out = np.zeros(len(self.pos), dtype=acc)
        out[self.order] = np.rint(by_pos).astype(acc) if exact else by_pos
        return out

    def cut_children(self, place: int) -> list[tuple[int, int]]:
        """The position ranges ``[start, end)`` that removing ``place`` cuts off."""
        k = self.pos[place]
        if k < 0:
            return []
        kids, parents = self._cut_kids()
        lo, hi = np.searchsorted(parents, [k, k + 1])
        return [(int(c), int(self.end[c])) for c in kids[lo:hi]]

    def _cut_kids(self) -> tuple[np.ndarray, np.ndarray]:
        cached = self.__dict__.get("_kids")
        if cached is None:
            kids = np.flatnonzero(self.cuts)
            kids = kids[np.argsort(self.parent[kids], kind="stable")]
            cached = (kids, self.parent[kids])
            object.__setattr__(self, "_kids", cached)
        return cached


def _sparse_table(values: np.ndarray, pad) -> list[np.ndarray]:
    """Levels ``t[j][k] = min(values[k : k + 2**j])``, each padded to ``len(values) + 1``.

    Entries whose window would run past the end hold ``pad``.
    """
    m = len(values)
    first = np.full(m + 1, pad, dtype=values.dtype)
    first[:m] = values
    levels = [first]
    span = 1
    while 2 * span <= m:
        prev = levels[-1]
        nxt = np.full(m + 1, pad, dtype=values.dtype)
        np.minimum(prev[:m + 1 - 2 * span], prev[span:m + 1 - span], out=nxt[:m + 1 - 2 * span])
        levels.append(nxt)
        span *= 2
    return levels


def _subtree_ends(parent: np.ndarray) -> np.ndarray:
    """For preorder positions ``k``: the first later position whose parent lies before ``k``.

    That is where the subtree of ``k`` ends. Found for all ``k`` at once by
    binary lifting over a sparse table of the parents' positions.
    """
    m = len(parent)
    table = _sparse_table(parent, -1)
    k = np.arange(m, dtype=parent.dtype)
    at = k + 1
    for j in range(len(table) - 1, -1, -1):
        # Step over the next 2**j positions when all their parents are at or after k.
        at += (table[j][at] >= k) * parent.dtype.type(1 << j)
    return at


def _range_min(values: np.ndarray, start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """``min(values[start:stop])`` for every pair (each range non-empty)."""
    big = np.iinfo(values.dtype).max
    table = _sparse_table(values, big)
    length = stop - start
    j = np.zeros(len(length), dtype=np.int8)
    # floor(log2(length)) without floating point.
    for level in range(1, len(table)):
        j[length >= (1 << level)] = level
    flat = np.concatenate(table)
    width = len(values) + 1
    base = j.astype(np.int64) * width
    span = (np.int32(1) << j.astype(np.int32))
    return np.minimum(flat[base + start], flat[base + (stop - span)])


def separation_tree(indptr: np.ndarray, indices: np.ndarray, root: int) -> SeparationTree:
    """Depth-first tree from ``root`` with the low points that say what each removal cuts.

    ``indptr``/``indices`` is a symmetric CSR adjacency with no duplicate
    entries. Runs scipy's compiled depth-first order once; everything else is
    vectorised numpy.
    """
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import depth_first_order

    n = len(indptr) - 1
    data = np.ones(len(indices), dtype=np.int8)
    graph = csr_array((data, indices, indptr), shape=(n, n))
    order, pred = depth_first_order(graph, root, directed=True, return_predecessors=True)
    order = order.astype(np.int32, copy=False)
    m = len(order)
    pos = np.full(n, -1, dtype=np.int32)
    pos[order] = np.arange(m, dtype=np.int32)
    parent = np.full(m, -1, dtype=np.int32)
    if m > 1:
        parent[1:] = pos[pred[order[1:]]]
    # Lowest position each place touches directly: itself or any neighbour.
    deg = np.diff(indptr)
    local = pos.copy()
    rows = np.flatnonzero(deg > 0)
    if len(rows):
        mins = np.minimum.reduceat(pos[indices], indptr[rows])
        local[rows] = np.minimum(local[rows], mins)
    end = _subtree_ends(parent)
    low = _range_min(local[order], np.arange(m, dtype=np.int32), end)
    cuts = np.zeros(m, dtype=bool)
    cuts[1:] = low[1:] >= parent[1:]
    return SeparationTree(int(root), order, pos, parent, end, cuts)


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
    unk = np.zeros(n, dtype=np.int64) if unknown is None else np.asarray(unknown, dtype=np.int64)
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
                  held: np.ndarray | None, unk: np.ndarray):
    """What each removal cuts off from the capital (the root of ``t``).

    Returns per-place arrays: strongholds, population and unknown-population
    places cut off, and ``gone``: whether the removal leaves the capital's
    piece with no place of the faction's own (then no main pocket remains and
    everything the capital reached counts as cut off).
    """
    n = len(t.pos)
    reached = t.pos >= 0
    strong = np.zeros(n, dtype=np.int64)
    strong[strongholds] = 1
    own = reached if held is None else held & reached
    zeros = np.zeros(n, dtype=np.int64)
    if not is_pocket(int(own.sum())):
        return zeros, zeros.copy(), zeros.copy(), np.zeros(n, dtype=bool)
    cols = np.stack([strong, pop.astype(np.int64), own.astype(np.int64), unk], axis=1)
    cut = t.cut_off(cols)
    total = cols[reached].sum(axis=0)
    # The capital's piece after the removal keeps what was reached, less the place
    # itself and what its removal cuts off; it stays a pocket while that holds an own place.
    gone = reached & ~is_pocket(total[2] - own - cut[:, 2])
    return (np.where(gone, total[0] - strong, cut[:, 0]),
            np.where(gone, total[1] - pop, cut[:, 1]),
            np.where(gone, total[3] - unk, cut[:, 3]), gone)


def _lifeline_kills(t: SeparationTree, source: int, targets: np.ndarray, out: np.ndarray) -> None:
    """Set ``out[v]`` where removing place ``v`` cuts the lifeline from ``source`` (the root of ``t``).

    A place kills the lifeline when it is the source, or when every reachable
    target is either the place itself or in a subtree its removal cuts off.
    A lifeline reaching no target to begin with is left alone.
    """
    targets = np.unique(np.asarray(targets, dtype=np.int64))
    reached = targets[t.pos[targets] >= 0]
    if not len(reached):
        return
    ind = np.zeros(len(t.pos), dtype=np.int64)
    ind[reached] = 1
    cut = t.cut_off(ind) + ind
    out[:] = cut >= len(reached)
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
    held = held_mask(control, faction.id, arr)
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

    removed = np.zeros(graph.n, dtype=bool)
    removed[place] = True
    g = graph.without(removed)
    n = g.n
    adj = csr_array((np.ones(len(g.indices), dtype=np.int8), g.indices, g.indptr), shape=(n, n))
    _, label = connected_components(adj, directed=False)
    held = held_mask(control, faction.id, g.arrays) & g.mask
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
        places = tuple(sorted(ids[k] for k in np.flatnonzero(mask).tolist()))
        abroad = 0 if home is None else int((mask & ~home).sum())
        candidates.append(Pocket(places, int(known[mask].sum()),
                                 tuple(p for p in places if p in strong), False,
                                 int(unknown[mask].sum()), abroad))
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
