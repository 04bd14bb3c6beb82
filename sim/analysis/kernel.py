"""The what-if kernel on arrays: pieces, reach, and what a set of falls cuts off.

Every question of a what-if comes down to a few searches of the road graph
restricted to the places a side may pass through. The kernel takes the
theatre's full symmetric road graph as a CSR adjacency (``indptr``,
``indices``, as :func:`~sim.analysis.arrays.symmetric_csr` builds it) and a
boolean ``mask`` of passable places, and never builds a filtered adjacency
(new row pointers, roads dropped) for a question:

* :func:`reach` and :func:`after_falls` run scipy's compiled breadth-first
  search over the graph in one vectorised pass's disguise: every road into a
  masked-out place is pointed at one extra *sink* place with no roads of its
  own, so a search may touch the sink but never crosses it;
* :func:`after_falls` searches the whole graph once, for the capital's piece
  after the falls, and then only the pieces next to the fallen places, to
  tell which of them were joined to the capital through those places;
* :func:`components` labels every piece at once, with scipy's connected
  components over the same graph (roads into or out of masked-out places
  turned into loops, which join nothing).

>>> # 0 - 1 - 2 - 3, and 4 on its own
>>> ptr, idx = symmetric([(0, 1), (1, 2), (2, 3)], 5)
>>> everywhere = np.ones(5, dtype=bool)
>>> components(ptr, idx, everywhere)
(array([0, 0, 0, 0, 1], dtype=int32), 2)
>>> reach(ptr, idx, everywhere, 0).tolist()
[True, True, True, True, False]
>>> falls = after_falls(ptr, idx, everywhere, [1], capital=0, strongholds=[2, 3, 4])
>>> falls.piece.tolist(), falls.cut_off.tolist(), falls.lost.tolist()
([True, False, False, False, False], [2, 3], [])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Searches of the pieces next to the fallen places that :func:`after_falls` runs
#: at most; past that one search of the whole graph before the falls is cheaper.
LOCAL_SEARCHES = 8


def csgraph(indptr: np.ndarray, indices: np.ndarray, n: int | None = None):
    """scipy's sparse graph over a CSR adjacency, in the dtypes its traversals use.

    scipy's traversals take int32 index arrays and float64 weights and
    convert anything else, a pass over every road. This builds the graph in
    those dtypes at once; its weights, never read by a traversal, are one
    shared 1.0. ``n`` (default: one per row) is the number of places.
    """
    from scipy.sparse import csr_array

    n = len(indptr) - 1 if n is None else n
    ptr = np.asarray(indptr, dtype=np.int32)
    idx = np.asarray(indices, dtype=np.int32)
    return csr_array((np.broadcast_to(np.float64(1.0), idx.shape), idx, ptr), shape=(n, n))


def symmetric(edges: Sequence[tuple[int, int]], n: int) -> tuple[np.ndarray, np.ndarray]:
    """The CSR adjacency (``indptr``, ``indices``) of ``n`` places and undirected ``edges``.

    >>> [a.tolist() for a in symmetric([(0, 1), (1, 2)], 3)]
    [[0, 1, 3, 4], [1, 0, 2, 1]]
    """
    from .arrays import symmetric_csr

    pairs = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    indptr, indices, _ = symmetric_csr(n, pairs[:, 0], pairs[:, 1])
    return indptr, indices


def _sunk(indptr: np.ndarray, indices: np.ndarray, mask: np.ndarray, patch: bool | None = None):
    """The graph with every road into a masked-out place led to a sink (place ``n``).

    One pass over the roads through a lookup table; when few places are
    masked out (or ``patch`` says so), a copy of the roads with only the
    roads into them changed.
    """
    n = len(indptr) - 1
    out = np.flatnonzero(~mask)
    if patch if patch is not None else len(out) * 64 < n:
        idx = np.asarray(indices, dtype=np.int32).copy()
        idx[_roads_into(indptr, indices, out)] = n
    else:
        lut = np.where(mask, np.arange(n, dtype=np.int32), np.int32(n))
        idx = np.take(lut, indices)
    ptr = np.empty(n + 2, dtype=np.int32)
    ptr[:-1] = indptr
    ptr[-1] = len(idx)
    return csgraph(ptr, idx)


def _roads_into(indptr: np.ndarray, indices: np.ndarray, places: np.ndarray) -> np.ndarray:
    """The entries that point to one of ``places``: in a symmetric graph, those of the
    rows of their neighbours."""
    x, w = _rows(indptr, indices, places)
    at = _spans(indptr, w)
    return at[indices[at] == np.repeat(x, np.diff(indptr)[w])]


def _rows(indptr, indices, places):
    """``(row, neighbour)`` for every entry of the rows ``places``."""
    at = _spans(indptr, places)
    return np.repeat(places, np.diff(indptr)[places]), indices[at]


def _spans(indptr, rows):
    """The entry numbers of the rows ``rows``, row after row."""
    starts, lens = indptr[rows], indptr[rows + 1] - indptr[rows]
    total = int(lens.sum())
    shift = np.repeat(starts - np.cumsum(lens) + lens, lens)
    return shift + np.arange(total, dtype=np.int64)


def _search(graph, root: int) -> np.ndarray:
    """The places (and perhaps the sink) a search of ``graph`` from ``root`` reaches."""
    from scipy.sparse.csgraph import breadth_first_order

    return breadth_first_order(graph, root, directed=True, return_predecessors=False)


def _flags(found: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n + 1, dtype=bool)
    out[found] = True
    return out[:n]


def reach(indptr: np.ndarray, indices: np.ndarray, mask: np.ndarray, root: int) -> np.ndarray:
    """Boolean array: the places joined to ``root`` through places where ``mask`` is True.

    All False when ``root`` itself is masked out.

    >>> ptr, idx = symmetric([(0, 1), (1, 2), (2, 3)], 4)
    >>> reach(ptr, idx, np.asarray([True, True, False, True]), 0).tolist()
    [True, True, False, False]
    >>> reach(ptr, idx, np.asarray([False, True, True, True]), 0).tolist()
    [False, False, False, False]
    """
    mask = np.asarray(mask, dtype=bool)
    n = len(indptr) - 1
    if not mask[root]:
        return np.zeros(n, dtype=bool)
    return _flags(_search(_sunk(indptr, indices, mask), root), n)


def components(indptr: np.ndarray, indices: np.ndarray,
               mask: np.ndarray) -> tuple[np.ndarray, int]:
    """The connected pieces of the graph restricted to the places where ``mask`` is True.

    Returns ``(labels, count)``: ``labels[i]`` (int32) is the piece of place
    ``i``, -1 where the mask is False; pieces are numbered ``0 .. count-1``
    in order of their smallest place.

    >>> ptr, idx = symmetric([(0, 3), (1, 2), (2, 4)], 5)
    >>> components(ptr, idx, np.asarray([True, True, False, True, True]))
    (array([ 0,  1, -1,  0,  2], dtype=int32), 3)
    """
    from scipy.sparse.csgraph import connected_components

    mask = np.asarray(mask, dtype=bool)
    n = len(indptr) - 1
    deg = np.diff(indptr)
    rows = np.repeat(np.arange(n, dtype=np.int32), deg)
    keep = np.take(mask, indices) & np.repeat(mask, deg)
    # A road into or out of a masked-out place becomes a loop on its row: it joins nothing.
    count, labels = connected_components(csgraph(indptr, np.where(keep, indices, rows)),
                                         directed=False)
    first = np.full(count, n, dtype=np.int64)
    np.minimum.at(first, labels[mask], np.flatnonzero(mask))
    kept = np.flatnonzero(first < n)
    if np.any(np.diff(first[kept]) < 0):
        kept = kept[np.argsort(first[kept], kind="stable")]
    new = np.full(count, -1, dtype=np.int32)
    new[kept] = np.arange(len(kept), dtype=np.int32)
    return np.where(mask, new[labels], np.int32(-1)), len(kept)


@dataclass(frozen=True, eq=False)
class Falls:
    """What :func:`after_falls` found (arrays over places, index arrays ascending).

    ``mask``: the passable places after the falls; ``piece``: the capital's
    piece after them (all False once the capital has fallen or when it was
    not passable); ``cut_off``: the strongholds joined to the capital before
    the falls that still stand but are joined to it no more; ``lost``: the
    strongholds joined to it before that fell.
    """

    mask: np.ndarray
    piece: np.ndarray
    cut_off: np.ndarray
    lost: np.ndarray


def after_falls(indptr: np.ndarray, indices: np.ndarray, mask: np.ndarray, fallen,
                capital: int, strongholds) -> Falls:
    """What the fall of the places ``fallen`` (they become impassable) does to the capital.

    ``mask`` flags the places passable before the falls; ``fallen`` and
    ``strongholds`` are index arrays (repeats ignored). One search of the
    graph after the falls finds the capital's piece; the pieces next to the
    fallen places are then searched, and joined to the capital's through
    the fallen places that joined them before, to tell which strongholds
    were joined to the capital before the falls. Past
    :data:`LOCAL_SEARCHES` such searches, one search of the graph before the
    falls tells instead.

    >>> # a ring 0 - 1 - 2 - 3 - 0 with a spur 2 - 4
    >>> ptr, idx = symmetric([(0, 1), (1, 2), (2, 3), (3, 0), (2, 4)], 5)
    >>> f = after_falls(ptr, idx, np.ones(5, dtype=bool), [2], capital=0, strongholds=[2, 3, 4])
    >>> f.piece.tolist(), f.cut_off.tolist(), f.lost.tolist()
    ([True, True, False, True, False], [4], [2])
    >>> after_falls(ptr, idx, np.ones(5, dtype=bool), [0], 0, [3]).cut_off.tolist()
    [3]
    """
    n = len(indptr) - 1
    mask = np.asarray(mask, dtype=bool)
    fallen = np.unique(np.asarray(fallen, dtype=np.int64))
    strongholds = np.asarray(strongholds, dtype=np.int64)
    after = mask.copy()
    after[fallen] = False
    none = np.zeros(0, dtype=np.int64)
    if not mask[capital]:
        return Falls(after, np.zeros(n, dtype=bool), none, none)
    graph = _sunk(indptr, indices, after)
    piece = _flags(_search(graph, capital), n) if after[capital] else np.zeros(n, dtype=bool)
    down = fallen[mask[fallen]]
    joined = _joined_through(indptr, indices, graph, after, piece, down, capital)
    if joined is None:  # too many pieces next to the falls: search the graph before them
        before = _flags(_search(_sunk(indptr, indices, mask), capital), n)
        cut, lost = before & after & ~piece, before & ~after
    else:
        cut, lost = joined
    return Falls(after, piece, np.unique(strongholds[cut[strongholds]]),
                 np.unique(strongholds[lost[strongholds]]))


def _joined_through(indptr, indices, graph, after, piece, down, capital):
    """The places joined to the capital before the falls but not after, through ``down``.

    Returns ``(cut, lost)`` boolean arrays (standing places, fallen places),
    or None past :data:`LOCAL_SEARCHES` searches. A union-find joins the
    fallen places (their own numbers), the capital's piece (``-1``) and the
    pieces next to the fallen places (``-2``, ``-3``, ..., one search each).
    """
    n = len(indptr) - 1
    fell = down.tolist()
    boss = {x: x for x in [-1, *fell]}

    def top(x: int) -> int:
        while boss[x] != x:
            boss[x] = boss[boss[x]]
            x = boss[x]
        return x

    def join(a: int, b: int) -> None:
        boss[top(a)] = top(b)

    pieces: list[np.ndarray] = []
    label = np.full(n, -1, dtype=np.int32) if len(fell) else None
    for f in fell:
        nb = indices[indptr[f]:indptr[f + 1]]
        if f == capital or piece[nb].any():
            join(f, -1)
        for w in nb[after[nb] & ~piece[nb]].tolist():
            if label[w] < 0:
                if len(pieces) == LOCAL_SEARCHES:
                    return None
                found = _search(graph, w)
                found = found[found < n]
                label[found] = len(pieces)
                pieces.append(found)
                boss[-1 - len(pieces)] = -1 - len(pieces)
            join(f, -2 - int(label[w]))
        for w in nb[~after[nb]].tolist():
            if w in boss and w >= 0:
                join(f, w)
    main = top(-1)
    cut = np.zeros(n, dtype=bool)
    for k, found in enumerate(pieces):
        if top(-2 - k) == main:
            cut[found] = True
    lost = np.zeros(n, dtype=bool)
    lost[[f for f in fell if top(f) == main]] = True
    return cut, lost
