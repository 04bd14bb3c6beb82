"""Compact arrays of a theatre, for the linear-time and vectorised analyses.

The networkx graph of a :class:`~sim.model.Theatre` is convenient but slow to
walk from Python. The sweeps in :mod:`sim.analysis.critical`,
:mod:`sim.analysis.cuts` and :mod:`sim.analysis.risk` work on plain numpy
arrays instead: places are numbered ``0 .. n-1`` in id order, roads are two
index arrays (``u < v``) with their km, and a faction's passable road graph is
a CSR adjacency (``indptr``, ``indices``) over the same numbering, in which
impassable places simply have no roads.

The theatre's arrays are built once per theatre and cached; the passable
arrays depend on the control and the side and are cheap to rebuild.

The main-pocket rule of :mod:`sim.analysis.pockets` (the piece of passable
territory holding the capital, while it holds a place of the faction itself)
has its array forms here, both built on :func:`~sim.analysis.pockets.is_pocket`:
:func:`main_pocket` for one graph, :func:`main_pocket_trials` for many Monte
Carlo trials at once; the criticality sweep applies the same predicate to
every single removal.

>>> from sim.control import Control
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.upper(), 0, n) for n, i in enumerate("abc")],
...     [Road("a", "b", 100), Road("b", "c", 50)])
>>> g = passable_arrays(t, Control.of({"a": "gov", "b": "gov", "c": "reb"}), {"gov"})
>>> g.mask.tolist(), g.neighbours(0).tolist(), g.neighbours(2).tolist()
([True, True, False], [1], [])
>>> main_pocket(g, 0, np.asarray([False, True, False])).tolist()
[True, True, False]
>>> main_pocket(g, 0, np.asarray([False, False, True])).tolist()   # no own place: no pocket
[False, False, False]
"""

from __future__ import annotations

import weakref
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

import numpy as np

from ..control import FOUGHT_OVER, Control
from ..errors import UnknownNameError
from ..model import Theatre
from .passable import passable_places
from .pockets import is_pocket


@dataclass(frozen=True, eq=False)
class TheatreArrays:
    """A theatre's places and roads as arrays.

    ``ids[i]`` is the id of place ``i``; ``index`` maps ids back. Road ``e``
    joins ``edge_u[e] < edge_v[e]`` and is ``edge_km[e]`` long.
    ``population[i]`` is 0 where unknown; ``known[i]`` says whether it is
    known and ``home[i]`` whether the place is in the theatre's home country
    (both default to all True for synthetic theatres).
    """

    ids: tuple[str, ...]
    index: Mapping[str, int]
    edge_u: np.ndarray
    edge_v: np.ndarray
    edge_km: np.ndarray
    population: np.ndarray
    known: np.ndarray | None = None
    home: np.ndarray | None = None

    def people_weights(self, held: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(known population, unknown-population flag) of the places that count as a
        faction's people: those it holds itself (``held``) in the home country."""
        own = held if self.home is None else held & self.home
        known = np.ones(self.n, dtype=bool) if self.known is None else self.known
        return (np.where(own & known, self.population, 0).astype(np.int64),
                (own & ~known).astype(np.int64))

    @property
    def n(self) -> int:
        return len(self.ids)

    def edge_ids(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Indices of the roads joining the given place-id pairs (pairs with no road are skipped)."""
        if not pairs or not len(self.edge_u):
            return np.zeros(0, dtype=np.int64)
        n = np.int64(self.n)
        codes = self.edge_u.astype(np.int64) * n + self.edge_v
        order = np.argsort(codes, kind="stable")
        want = []
        for a, b in pairs:
            ia, ib = self.index.get(a), self.index.get(b)
            if ia is None or ib is None:
                continue
            want.append(min(ia, ib) * int(n) + max(ia, ib))
        want_arr = np.asarray(want, dtype=np.int64)
        pos = np.searchsorted(codes[order], want_arr)
        pos = np.minimum(pos, len(order) - 1)
        hit = codes[order][pos] == want_arr
        return np.sort(order[pos[hit]])

    @cached_property
    def adjacency(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The symmetric CSR of every road (``indptr``, ``indices``, ``km``) and the road
        of each entry, built once: a passable graph is this with entries dropped."""
        m = len(self.edge_u)
        indptr, indices, order = _symmetric(self.n, self.edge_u, self.edge_v)
        eid = order % m if m else order
        return indptr, indices, self.edge_km[eid], eid

    def resolve(self, place: str) -> int:
        try:
            return self.index[place]
        except KeyError:
            raise UnknownNameError("place", place) from None


def from_edges(n: int, u, v, km=None, population=None,
               ids: Sequence[str] | None = None) -> TheatreArrays:
    """Arrays for a graph given directly by its edges (synthetic theatres, benchmarks).

    Edges are stored with ``u < v``; duplicates and self-loops are dropped.

    >>> a = from_edges(3, [1, 0, 2], [0, 1, 1])
    >>> a.edge_u.tolist(), a.edge_v.tolist(), a.ids
    ([0, 1], [1, 2], ('0', '1', '2'))
    """
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    km_arr = np.ones(len(u)) if km is None else np.asarray(km, dtype=np.float64)
    lo, hi = np.minimum(u, v), np.maximum(u, v)
    ok = lo != hi
    lo, hi, km_arr = lo[ok], hi[ok], km_arr[ok]
    codes = lo * n + hi
    codes, first = np.unique(codes, return_index=True)
    ids = tuple(str(i) for i in range(n)) if ids is None else tuple(ids)
    pop = np.zeros(n, dtype=np.int64) if population is None else np.asarray(population,
                                                                             dtype=np.int64)
    return TheatreArrays(ids, _LazyIndex(ids), (codes // n).astype(np.int32),
                         (codes % n).astype(np.int32), km_arr[first], pop)


class _LazyIndex(Mapping):
    """id -> index, built on first use (synthetic theatres rarely need it)."""

    def __init__(self, ids: Sequence[str]) -> None:
        self._ids = ids
        self._map: dict[str, int] | None = None

    def _get(self) -> dict[str, int]:
        if self._map is None:
            self._map = {pid: i for i, pid in enumerate(self._ids)}
        return self._map

    def __getitem__(self, key: str) -> int:
        return self._get()[key]

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._ids)


_CACHE: dict[int, tuple[weakref.ref, TheatreArrays]] = {}


def theatre_arrays(theatre: Theatre) -> TheatreArrays:
    """The theatre's arrays, built once per theatre object and cached."""
    key = id(theatre)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is theatre:
        return hit[1]
    if theatre.columnar:
        arrays = _columnar_arrays(theatre)
        _CACHE[key] = (weakref.ref(theatre, lambda _r, k=key: _CACHE.pop(k, None)), arrays)
        return arrays
    ids = tuple(theatre.places)
    index = {pid: i for i, pid in enumerate(ids)}
    m = len(theatre.roads)
    u = np.empty(m, dtype=np.int32)
    v = np.empty(m, dtype=np.int32)
    km = np.empty(m, dtype=np.float64)
    for e, ((a, b), road) in enumerate(theatre.roads.items()):
        ia, ib = index[a], index[b]
        u[e], v[e] = (ia, ib) if ia < ib else (ib, ia)
        km[e] = road.km
    pop = np.fromiter((p.population or 0 for p in theatre.places.values()), dtype=np.int64,
                      count=len(ids))
    known = np.fromiter((p.population is not None for p in theatre.places.values()), dtype=bool,
                        count=len(ids))
    home = np.fromiter((p.country == theatre.home_country for p in theatre.places.values()),
                       dtype=bool, count=len(ids))
    arrays = TheatreArrays(ids, MappingProxyType(index), u, v, km, pop, known, home)
    _CACHE[key] = (weakref.ref(theatre, lambda _r, k=key: _CACHE.pop(k, None)), arrays)
    return arrays


def _columnar_arrays(theatre: Theatre) -> TheatreArrays:
    """The arrays of a theatre kept as columns: its columns themselves, no pass in Python."""
    pc, rc = theatre.columns
    pop = pc.population
    return TheatreArrays(pc.ids, pc.index, rc.u, rc.v, rc.km, np.maximum(pop, 0), pop >= 0,
                         pc.in_country(theatre.home_country))


def symmetric_csr(n: int, u: np.ndarray, v: np.ndarray, data: np.ndarray | None = None):
    """CSR adjacency (``indptr``, ``indices``, ``data``) of an undirected edge list.

    Neighbour lists are sorted, so the same edges give the same arrays.
    """
    indptr, indices, order = _symmetric(n, u, v)
    out_data = None if data is None else np.concatenate([data, data])[order]
    return indptr, indices, out_data


def _symmetric(n: int, u: np.ndarray, v: np.ndarray):
    """``indptr`` and ``indices`` of the symmetric CSR of edges ``u``-``v``, and the
    position of each entry in ``u`` followed by ``v`` (edge ``e``: ``e`` and ``m + e``)."""
    rows = np.concatenate([u, v]).astype(np.int64)
    cols = np.concatenate([v, u]).astype(np.int32)
    order = np.lexsort((cols, rows))
    counts = np.bincount(rows, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr, cols[order], order


@dataclass(frozen=True, eq=False)
class Passable:
    """A side's passable road graph as arrays over the theatre's place numbering.

    ``mask[i]`` says whether place ``i`` is passable; ``edges`` are the
    usable roads (both ends passable, road not cut); ``indptr``, ``indices``
    and ``km`` are their symmetric CSR adjacency.
    """

    arrays: TheatreArrays
    mask: np.ndarray
    edges: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    km: np.ndarray

    @property
    def n(self) -> int:
        return self.arrays.n

    def neighbours(self, i: int) -> np.ndarray:
        return self.indices[self.indptr[i]:self.indptr[i + 1]]

    def degree(self) -> np.ndarray:
        return np.diff(self.indptr)

    def without(self, removed: np.ndarray) -> Passable:
        """The same graph with the places flagged in ``removed`` made impassable."""
        mask = self.mask & ~removed
        return passable_from_mask(self.arrays, mask, self.edges)


def passable_from_mask(arrays: TheatreArrays, mask: np.ndarray,
                       edges: np.ndarray | None = None) -> Passable:
    """The passable graph of the places flagged in ``mask``.

    ``edges`` restricts the roads considered (default: every road). The CSR is the
    theatre's whole adjacency with the entries of unusable roads dropped, so it
    is the one :func:`symmetric_csr` builds from the usable roads alone.
    """
    u, v = arrays.edge_u, arrays.edge_v
    if edges is None:
        ok = mask[u] & mask[v]
    else:
        ok = np.zeros(len(u), dtype=bool)
        ok[edges[mask[u[edges]] & mask[v[edges]]]] = True
    indptr, indices, km, eid = arrays.adjacency
    keep = ok[eid]
    before = np.zeros(len(keep) + 1, dtype=np.int64)
    np.cumsum(keep, out=before[1:])
    return Passable(arrays, mask, np.flatnonzero(ok), before[indptr], indices[keep], km[keep])


def passable_mask(theatre: Theatre, control: Control, side: Collection[str],
                  arrays: TheatreArrays | None = None) -> np.ndarray:
    """Boolean array: which places ``side`` may pass through (see :mod:`~sim.analysis.passable`).

    Vectorised when the control keeps its holdings as arrays
    (:class:`~sim.holdings.HoldingTable`) on a theatre kept as columns.
    """
    arrays = arrays or theatre_arrays(theatre)
    holdings = control.holdings
    if _tabled(theatre, control):
        side = frozenset(side)
        mask = holdings.held_by(side)
        if control.contested == "closed":
            mask &= holdings.status_is({"held"})
        open_countries = control.transit_for(side)
        if open_countries:
            pc = theatre.columns[0]
            codes = [i for i, c in enumerate(pc.countries)
                     if c in open_countries and c != theatre.home_country]
            if codes:
                mask |= ~holdings.held() & np.isin(pc.country, codes)
        return mask
    mask = np.zeros(arrays.n, dtype=bool)
    idx = [arrays.index[p] for p in passable_places(theatre, control, side)]
    mask[np.asarray(idx, dtype=np.int64)] = True
    return mask


def _tabled(theatre: Theatre, control: Control) -> bool:
    """Whether the control's holdings are arrays over the theatre's columns."""
    return bool(getattr(control.holdings, "arrays", False)) and theatre.columnar


def passable_arrays(theatre: Theatre, control: Control, side: Collection[str]) -> Passable:
    """The passable road graph of ``side`` under ``control``, as arrays (cut roads removed)."""
    arrays = theatre_arrays(theatre)
    mask = passable_mask(theatre, control, side, arrays)
    edges = None
    if control.cut_roads:
        keep = np.ones(len(arrays.edge_u), dtype=bool)
        keep[arrays.edge_ids(sorted(control.cut_roads))] = False
        edges = np.flatnonzero(keep)
    return passable_from_mask(arrays, mask, edges)


def _where(control: Control, arrays: TheatreArrays, keep) -> np.ndarray:
    """Boolean array: the places whose holding passes ``keep`` (a pass over the holdings)."""
    mask = np.zeros(arrays.n, dtype=bool)
    mask[np.asarray([arrays.index[p] for p, h in control.holdings.items()
                     if keep(h) and p in arrays.index], dtype=np.int64)] = True
    return mask


def held_by(theatre: Theatre | None, control: Control, factions: Collection[str],
            arrays: TheatreArrays | None = None) -> np.ndarray:
    """Boolean array: the places one of ``factions`` holds itself (read from the
    holdings' codes when the theatre is given and kept as columns)."""
    if theatre is not None and _tabled(theatre, control):
        return control.holdings.held_by(frozenset(factions))
    return _where(control, arrays or theatre_arrays(theatre), lambda h: h.faction in factions)


def held_any(theatre: Theatre, control: Control,
             arrays: TheatreArrays | None = None) -> np.ndarray:
    """Boolean array: the places some faction holds."""
    if _tabled(theatre, control):
        return control.holdings.held()
    return _where(control, arrays or theatre_arrays(theatre), lambda h: True)


def contested_mask(theatre: Theatre, control: Control,
                   arrays: TheatreArrays | None = None) -> np.ndarray:
    """Boolean array: the places fought over (contested or besieged: :meth:`Control.is_contested`)."""
    if _tabled(theatre, control):
        return control.holdings.status_is(set(FOUGHT_OVER))
    return _where(control, arrays or theatre_arrays(theatre),
                  lambda h: h.status in FOUGHT_OVER)


def held_mask(control: Control, faction: str, arrays: TheatreArrays,
              theatre: Theatre | None = None) -> np.ndarray:
    """Boolean array: the places ``faction`` itself holds (:func:`held_by` of one faction)."""
    return held_by(theatre, control, {faction}, arrays)


# ---------------------------------------------------------------- the main pocket

def reached_from(graph: Passable, root: int) -> np.ndarray:
    """Boolean array: the places joined to ``root`` by passable roads (none if it is impassable)."""
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import breadth_first_order

    out = np.zeros(graph.n, dtype=bool)
    if not graph.mask[root]:
        return out
    adj = csr_array((np.ones(len(graph.indices), dtype=np.int8), graph.indices, graph.indptr),
                    shape=(graph.n, graph.n))
    out[breadth_first_order(adj, root, directed=True, return_predecessors=False)] = True
    return out


def main_pocket(graph: Passable, capital: int | None,
                held: np.ndarray | None = None) -> np.ndarray:
    """Boolean array: the faction's main pocket in ``graph`` (see :mod:`~sim.analysis.pockets`).

    The piece of passable territory that holds ``capital``, while it holds at
    least one place of the faction itself (``held`` flags them; default: every
    place counts as the faction's own). Empty when there is no capital, the
    capital is impassable, or its piece holds none of the faction's places.
    """
    if capital is None:
        return np.zeros(graph.n, dtype=bool)
    piece = reached_from(graph, capital)
    own = piece if held is None else piece & held
    if not is_pocket(int(own.sum())):
        piece[:] = False
    return piece


def main_pocket_trials(reach: np.ndarray, own_rows: np.ndarray) -> np.ndarray:
    """The main-pocket rule for many trials at once, one bit a trial.

    ``reach`` holds a row of uint64 words per node, a bit set where the
    capital reaches that node in that trial; ``own_rows`` are the rows of the
    nodes that hold places of the faction itself. Bit ``t`` of the result is
    set when, in trial ``t``, the capital's piece is a pocket: it reaches at
    least one of them (:func:`~sim.analysis.pockets.is_pocket` of a count,
    which in bits is an OR).
    """
    if not len(own_rows):
        return np.zeros(reach.shape[1:], dtype=reach.dtype)
    return np.bitwise_or.reduce(reach[own_rows], axis=0)
