"""Pairs of falls: which two places, falling together, would cut the most.

The single-place sweep (:mod:`sim.analysis.critical`) ranks every place a
faction holds, the capital aside, by what its fall alone would cut. Two falls
can cut far more than either alone: two parallel roads, each a detour for the
other. This module ranks every *pair* of those places, exactly, by the same
measure and in the same order: lifelines cut, then strongholds cut off from
the capital, then people cut off (known, then places of unknown population),
then the two places' ids.

It does not try each pair. For each first place ``a`` it runs one linear
sweep (:func:`~sim.analysis.critical.sweep_arrays`) of the passable graph
without ``a``; that sweep gives, for every second place ``b`` at once, what
``b`` cuts once ``a`` has fallen, and the pair cuts what ``a`` cuts alone and
that (``b`` itself lost, not cut off). So ``P`` places need ``P - 1`` sweeps,
not ``P * (P - 1) / 2`` searches. The first places are the natural chunks of
the work: :func:`critical_pairs` runs them through :func:`sim.batch.run_chunks`,
here or on a Dask cluster, with the same answer either way.

For each pair it reports, it also says what the pair cuts that *neither fall
alone* cuts: lifelines, strongholds and people that only the two together
cut off.

>>> from sim.control import Control, Faction, Lifeline
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.title(), 0, n, population=10) for n, i in
...      enumerate(["cap", "north", "south", "port"])],
...     [Road("cap", "north", 1), Road("cap", "south", 1), Road("north", "port", 1),
...      Road("south", "port", 1)])
>>> gov = Faction("gov", capital="cap", strongholds=("cap", "port"))
>>> coast = Lifeline("Capital - the coast", "gov", "cap", ("port",))
>>> result = critical_pairs(t, Control.of(dict.fromkeys(t.places, "gov")), gov, [coast])
>>> best = result.pairs[0]
>>> best.places, best.lifelines, best.strongholds, best.population
(('north', 'south'), ('Capital - the coast',), ('port',), 10)
>>> best.beyond_lifelines, best.beyond_strongholds, best.beyond_population
(('Capital - the coast',), ('port',), 10)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..control import Control, Faction, Lifeline
from ..errors import InputError
from ..model import Theatre
from .arrays import (Passable, from_edges, held_mask, main_pocket, passable_arrays,
                     passable_from_mask, reached_from)
from .change import Change, LifelineChange
from .critical import sweep_arrays

#: How many pairs a ranking lists when no number is given.
DEFAULT_TOP = 10


@dataclass(frozen=True)
class PairCriticality:
    """What the falls of two places together would cut (``places``: their ids, sorted).

    ``lifelines``, ``lifelines_lost``, ``strongholds``, ``population`` and
    ``unknown`` read as in :class:`~sim.analysis.critical.PlaceCriticality`,
    for both falls at once (both places are lost, never cut off). The
    ``beyond_*`` fields are the part of it that neither fall alone would cut:
    lifelines neither cuts alone, strongholds neither cuts off alone, and the
    people of the places neither cuts off alone.
    """

    places: tuple[str, str]
    lifelines: tuple[str, ...]
    strongholds: tuple[str, ...]
    population: int
    unknown: int = 0
    lifelines_lost: tuple[str, ...] = ()
    beyond_lifelines: tuple[str, ...] = ()
    beyond_strongholds: tuple[str, ...] = ()
    beyond_population: int = 0
    beyond_unknown: int = 0

    def as_json(self) -> dict:
        return {"places": list(self.places), "lifelines": list(self.lifelines),
                "lifelines_lost": list(self.lifelines_lost),
                "strongholds": list(self.strongholds), "population": self.population,
                "population_unknown": self.unknown,
                "beyond": {"lifelines": list(self.beyond_lifelines),
                           "strongholds": list(self.beyond_strongholds),
                           "population": self.beyond_population,
                           "population_unknown": self.beyond_unknown}}


@dataclass(frozen=True)
class CriticalPairs:
    """The pairs of a faction's places ranked by what their falls together cut.

    ``candidates`` counts the places paired (every place the faction holds
    and can pass through, the capital aside: the places the single sweep
    ranks), ``considered`` the pairs of them, ``harmful`` the pairs whose
    falls cut something; ``pairs`` lists the ``top`` most harmful, most
    critical first (at least the first, even when ``top`` is 0). ``held``
    counts the places the faction holds.
    """

    faction: Faction
    lifelines: tuple[Lifeline, ...]
    held: int
    candidates: int
    considered: int
    harmful: int
    pairs: tuple[PairCriticality, ...]
    top: int

    def change_of(self, entry: PairCriticality) -> Change:
        """The :class:`~sim.analysis.change.Change` the two falls make together."""
        return self._change(entry.places, entry.lifelines, entry.lifelines_lost,
                            entry.strongholds, entry.population, entry.unknown)

    def beyond_of(self, entry: PairCriticality) -> Change:
        """The part of :meth:`change_of` that neither fall alone would make."""
        lost = tuple(n for n in entry.beyond_lifelines if n in entry.lifelines_lost)
        return self._change(entry.places, entry.beyond_lifelines, lost,
                            entry.beyond_strongholds, entry.beyond_population,
                            entry.beyond_unknown)

    def _change(self, places, lifelines, lost, strongholds, people, unknown) -> Change:
        by_name = {ll.name: ll for ll in self.lifelines}
        changes = []
        for name in lifelines:
            ll = by_name[name]
            after = ("cut" if name not in lost
                     else "source-lost" if ll.source in places else "target-lost")
            changes.append(LifelineChange(name, ll.source, ll.targets, ll.target_label,
                                          "connected", after))
        fac = self.faction
        return Change(faction=fac.id, capital=fac.capital, lifelines=tuple(changes),
                      strongholds_lost=tuple(p for p in places if p in fac.strongholds),
                      strongholds_cut_off=strongholds, places_lost=tuple(places),
                      people_cut_off=people, unknown_cut_off=unknown,
                      held_after=self.held - 2)


# ---------------------------------------------------------------- the work, in chunks

@dataclass(frozen=True, eq=False)
class _PairWork:
    """Everything a chunk of first places needs, in plain arrays (sent once to each worker).

    ``graph`` is the passable graph over a bare numbering of the places;
    ``single`` the sweep of every single fall (strongholds, people, unknown,
    lifelines, main pocket lost); ``main`` the main pocket before any fall;
    ``rank`` each place's rank in id order, for the tie-breaks.
    """

    graph: Passable
    capital: int | None
    strong: np.ndarray
    specs: tuple
    known: np.ndarray
    unknown: np.ndarray
    held: np.ndarray
    candidates: np.ndarray
    rank: np.ndarray
    single: tuple
    main: np.ndarray
    top: int


def _pair_chunk(work: _PairWork, firsts: range) -> tuple[int, list[tuple]]:
    """For the first places at candidate positions ``firsts``, each paired with every later
    candidate: how many pairs cut something, and the chunk's ``top`` pairs as key tuples
    ``(-lifelines, -strongholds, -people, -unknown, rank, rank, a, b)``."""
    s1, p1, u1, ll1, gone1 = work.single
    n = work.graph.n
    weight = np.zeros(n, dtype=np.int64)
    weight[work.strong] = 1
    harmful, best = 0, []
    rows = np.repeat(np.arange(n), work.graph.degree())
    for k in firsts:
        a = int(work.candidates[k])
        others = work.candidates[k + 1:]
        res = sweep_arrays(_without(work.graph, rows, a), work.capital, work.strong,
                           work.specs, population=work.known, held=work.held,
                           unknown=work.unknown)
        reached = (res.capital_tree.pos >= 0 if res.capital_tree is not None
                   else np.zeros(n, dtype=bool))
        # What a cut off alone that is one of the others: that one is lost, not cut off.
        inside = (work.main & (gone1[a] | ~reached))[others]
        ll = (ll1[a][None, :] | res.lifelines[others]).sum(axis=1)
        cols = [ll, s1[a] - inside * weight[others] + res.strongholds[others],
                p1[a] - inside * work.known[others] + res.population[others],
                u1[a] - inside * work.unknown[others] + res.unknown[others]]
        cut = (cols[0] > 0) | (cols[1] > 0) | (cols[2] > 0) | (cols[3] > 0)
        harmful += int(cut.sum())
        if work.top > 0:
            best = _keep_best(best, cols, work.rank[a], work.rank[others], a, others, cut,
                              work.top)
    return harmful, best


def _without(graph: Passable, rows: np.ndarray, place: int) -> Passable:
    """``graph.without`` one place, by dropping its entries from the adjacency (no re-sort:
    the same arrays, faster). ``rows[e]`` is the row of adjacency entry ``e``."""
    keep = (graph.indices != place) & (rows != place)
    indptr = np.zeros(graph.n + 1, dtype=graph.indptr.dtype)
    np.cumsum(np.bincount(rows[keep], minlength=graph.n), out=indptr[1:])
    mask = graph.mask.copy()
    mask[place] = False
    u, v = graph.arrays.edge_u[graph.edges], graph.arrays.edge_v[graph.edges]
    return Passable(graph.arrays, mask, graph.edges[(u != place) & (v != place)], indptr,
                    graph.indices[keep], graph.km[keep])


def _keep_best(best: list[tuple], cols, rank_a: int, rank_b: np.ndarray, a: int,
               others: np.ndarray, cut: np.ndarray, top: int) -> list[tuple]:
    """``best`` (sorted key tuples) merged with the harmful pairs of ``a``; the first ``top``."""
    lo, hi = np.minimum(rank_a, rank_b), np.maximum(rank_a, rank_b)
    keys = [-cols[0], -cols[1], -cols[2], -cols[3], lo, hi]
    pick = cut.copy()
    if len(best) >= top:  # only pairs before the last kept one can enter
        worst = best[top - 1]
        ahead = np.zeros(len(cut), dtype=bool)
        tied = np.ones(len(cut), dtype=bool)
        for column, value in zip(keys, worst):
            ahead |= tied & (column < value)
            tied &= column == value
        pick &= ahead
    idx = np.flatnonzero(pick)
    if not len(idx):
        return best
    order = np.lexsort([k[idx] for k in reversed(keys)])[:top]
    new = [tuple(int(k[i]) for k in keys) + (a, int(others[i])) for i in idx[order].tolist()]
    return sorted(best + new)[:top]


# ---------------------------------------------------------------- one set of falls, directly

def falls_cut(graph: Passable, capital: int | None, strong: np.ndarray, specs,
              held: np.ndarray, removed: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """What the falls of the places ``removed`` cut, found directly (two searches a lifeline).

    Returns ``(lifelines, cut_off)``: whether each lifeline (``(source,
    targets)`` in ``specs``) connected before is cut or ended after, and the
    places of the main pocket before that are outside it after, the fallen
    places excepted.
    """
    gone = np.zeros(graph.n, dtype=bool)
    gone[list(removed)] = True
    after = graph.without(gone)
    before_main = main_pocket(graph, capital, held)
    cut_off = before_main & ~main_pocket(after, capital, held) & ~gone
    lifelines = np.zeros(len(specs), dtype=bool)
    for j, (source, targets) in enumerate(specs):
        if graph.mask[source] and reached_from(graph, source)[targets].any():
            lifelines[j] = gone[source] or not reached_from(after, source)[targets].any()
    return lifelines, cut_off


def _ended(mask: np.ndarray, spec, places: Sequence[int]) -> bool:
    """Whether the falls end a lifeline: the source, or every passable target, falls."""
    source, targets = spec
    if source in places:
        return True
    open_targets = [t for t in np.asarray(targets).tolist() if mask[t]]
    return bool(open_targets) and all(t in places for t in open_targets)


# ---------------------------------------------------------------- the library function

def critical_pairs(theatre: Theatre, control: Control, faction: Faction,
                   lifelines: Sequence[Lifeline], top: int | None = DEFAULT_TOP, *,
                   workers: int | None = None, scheduler: str | None = None,
                   chunks: int | None = None,
                   progress: Callable[[int, int], None] | None = None) -> CriticalPairs:
    """Every pair of the places ``faction`` holds (the capital aside), ranked by what
    their falls together would cut; the ``top`` first (default :data:`DEFAULT_TOP`).

    Only the faction's own lifelines count, and only those connected before
    the falls. The first places run in ``chunks`` (default: one each here,
    four per worker on a cluster) on ``workers`` local processes or the Dask
    cluster at ``scheduler`` (:func:`sim.batch.run_chunks`); ``progress``, if
    given, is called with ``(first places done, first places)``. Neither
    changes the answer. See the module docstring for the method.
    """
    from ..batch import check_cluster, default_chunks, run_chunks, split

    top = DEFAULT_TOP if top is None else top
    if top < 0:
        raise InputError(f"top must be at least 0, got {top}", key="top")
    check_cluster(workers, scheduler)
    # At least the worst pair is found, for the verdict, even when none is to be listed.
    work, own, ids = _prepare(theatre, control, faction, lifelines, max(top, 1))
    firsts = range(max(0, len(work.candidates) - 1))
    parts = split(firsts, chunks or default_chunks(workers, scheduler, len(firsts)))
    results = run_chunks(_pair_chunk, parts, work, workers=workers, scheduler=scheduler,
                         weights=[len(p) for p in parts], progress=progress)
    harmful = sum(r[0] for r in results)
    keys = sorted(key for r in results for key in r[1])[:work.top]
    k = len(work.candidates)
    return CriticalPairs(faction, own, int(work.held.sum()), k, k * (k - 1) // 2, harmful,
                         tuple(_entry(work, own, ids, key[-2], key[-1]) for key in keys), top)


def _prepare(theatre: Theatre, control: Control, faction: Faction,
             lifelines: Sequence[Lifeline], top: int):
    """The work of :func:`critical_pairs` (a :class:`_PairWork`), the faction's own
    lifelines and the place ids."""
    full = passable_arrays(theatre, control, faction.side)
    arr = full.arrays
    own = tuple(ll for ll in lifelines if ll.faction == faction.id)
    capital = arr.index.get(faction.capital) if faction.capital else None
    strong_ids = [s for s in control.held_strongholds(faction) if s in arr.index]
    strong = np.asarray([arr.index[s] for s in strong_ids], dtype=np.int64)
    specs = tuple((arr.index[ll.source], np.asarray([arr.index[t] for t in ll.targets],
                                                    dtype=np.int64)) for ll in own)
    held = held_mask(control, faction.id, arr, theatre)
    known, unknown = arr.people_weights(held)
    # The same graph over a bare numbering: plain arrays that pickle (no name index).
    bare = from_edges(arr.n, arr.edge_u[full.edges], arr.edge_v[full.edges])
    graph = passable_from_mask(bare, full.mask)
    res = sweep_arrays(graph, capital, strong, specs, population=known, held=held,
                       unknown=unknown)
    ok = held & graph.mask
    if capital is not None:
        ok[capital] = False
    rank = np.empty(arr.n, dtype=np.int64)
    rank[np.argsort(np.asarray(arr.ids, dtype=object), kind="stable")] = np.arange(arr.n)
    single = (res.strongholds, res.population, res.unknown, res.lifelines, res.main_lost)
    work = _PairWork(graph, capital, strong, specs, known, unknown, held, np.flatnonzero(ok),
                     rank, single, main_pocket(graph, capital, held), top)
    return work, own, arr.ids


def _entry(work: _PairWork, own: tuple[Lifeline, ...], ids, a: int, b: int) -> PairCriticality:
    """The reported pair ``a``, ``b``: what it cuts, and what neither fall cuts alone."""
    g, cap, strong, specs, held = work.graph, work.capital, work.strong, work.specs, work.held
    ll_ab, off_ab = falls_cut(g, cap, strong, specs, held, [a, b])
    ll_a, off_a = falls_cut(g, cap, strong, specs, held, [a])
    ll_b, off_b = falls_cut(g, cap, strong, specs, held, [b])
    new = off_ab & ~off_a & ~off_b
    is_strong = np.zeros(g.n, dtype=bool)
    is_strong[strong] = True
    names = [ll.name for ll in own]
    pair = tuple(sorted((ids[a], ids[b])))
    return PairCriticality(
        pair, tuple(names[j] for j in np.flatnonzero(ll_ab).tolist()),
        tuple(sorted(ids[i] for i in np.flatnonzero(off_ab & is_strong).tolist())),
        int(work.known[off_ab].sum()), int(work.unknown[off_ab].sum()),
        tuple(names[j] for j in np.flatnonzero(ll_ab).tolist()
              if _ended(g.mask, specs[j], (a, b))),
        tuple(names[j] for j in np.flatnonzero(ll_ab & ~ll_a & ~ll_b).tolist()),
        tuple(sorted(ids[i] for i in np.flatnonzero(new & is_strong).tolist())),
        int(work.known[new].sum()), int(work.unknown[new].sum()))
