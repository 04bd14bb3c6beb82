"""The what-if kernel on arrays: toy graphs with known answers, and networkx as the oracle."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from sim.analysis import kernel
from sim.analysis.kernel import after_falls, components, reach, symmetric


@st.composite
def masked_graphs(draw, max_nodes=16):
    """``(graph, mask)``: a networkx graph on ``0 .. n-1`` and the places passable."""
    n = draw(st.integers(1, max_nodes))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    edges = draw(st.lists(st.sampled_from(pairs), max_size=2 * n, unique=True)) if pairs else []
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    mask = np.asarray(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    return g, mask


def csr(g: nx.Graph):
    return symmetric(list(g.edges), g.number_of_nodes())


def piece_of(g: nx.Graph, mask: np.ndarray, root: int) -> set[int]:
    """networkx: the places joined to ``root`` through masked places."""
    if not mask[root]:
        return set()
    return nx.node_connected_component(g.subgraph(np.flatnonzero(mask).tolist()), root)


# ---------------------------------------------------------------- toy graphs


def test_a_fall_on_the_only_road_cuts_off_what_lies_beyond():
    # 0 (capital) - 1 - 2 - 3; 1 falls: 2 and 3 are cut off, 1 is lost.
    ptr, idx = symmetric([(0, 1), (1, 2), (2, 3)], 4)
    f = after_falls(ptr, idx, np.ones(4, dtype=bool), [1], 0, [1, 2, 3])
    assert f.mask.tolist() == [True, False, True, True]
    assert f.piece.tolist() == [True, False, False, False]
    assert (f.cut_off.tolist(), f.lost.tolist()) == ([2, 3], [1])


def test_a_stronghold_already_cut_off_is_not_cut_off_again():
    # 2 is masked out before the fall: 3 was never joined to the capital.
    ptr, idx = symmetric([(0, 1), (1, 2), (2, 3)], 4)
    f = after_falls(ptr, idx, np.asarray([True, True, False, True]), [1], 0, [3])
    assert (f.cut_off.tolist(), f.lost.tolist()) == ([], [])


def test_the_capitals_fall_cuts_off_every_stronghold_it_reached():
    ptr, idx = symmetric([(0, 1), (1, 2), (3, 4)], 5)
    f = after_falls(ptr, idx, np.ones(5, dtype=bool), [0], 0, [0, 2, 4])
    assert not f.piece.any()
    assert (f.cut_off.tolist(), f.lost.tolist()) == ([2], [0])


def test_a_masked_out_capital_has_no_piece_and_nothing_to_lose():
    ptr, idx = symmetric([(0, 1)], 2)
    f = after_falls(ptr, idx, np.asarray([False, True]), [1], 0, [1])
    assert not f.piece.any() and f.cut_off.tolist() == [] and f.lost.tolist() == []
    assert f.mask.tolist() == [False, False]


def test_pieces_rejoined_through_a_chain_of_fallen_places_were_joined_before():
    # 0 - 1 - 2 - 3 and 2 - 4: 1 and 2 fall; 3 and 4 were joined through both.
    ptr, idx = symmetric([(0, 1), (1, 2), (2, 3), (2, 4)], 5)
    for searches in (kernel.LOCAL_SEARCHES, 0):
        with _local_searches(searches):
            f = after_falls(ptr, idx, np.ones(5, dtype=bool), [2, 1], 0, [3, 4, 2])
        assert (f.cut_off.tolist(), f.lost.tolist()) == ([3, 4], [2])


def test_components_number_pieces_by_their_smallest_place():
    ptr, idx = symmetric([(4, 5), (0, 5), (1, 3)], 6)
    labels, count = components(ptr, idx, np.ones(6, dtype=bool))
    assert (labels.tolist(), count) == ([0, 1, 2, 1, 0, 0], 3)
    labels, count = components(ptr, idx, np.asarray([False, True, True, True, True, True]))
    assert (labels.tolist(), count) == ([-1, 0, 1, 0, 2, 2], 3)
    assert labels.dtype == np.int32


def test_an_empty_mask_has_no_pieces_and_reaches_nothing():
    ptr, idx = symmetric([(0, 1)], 2)
    labels, count = components(ptr, idx, np.zeros(2, dtype=bool))
    assert (labels.tolist(), count) == ([-1, -1], 0)
    assert reach(ptr, idx, np.zeros(2, dtype=bool), 0).tolist() == [False, False]


def test_the_inputs_are_left_alone():
    ptr, idx = symmetric([(0, 1), (1, 2)], 3)
    mask = np.ones(3, dtype=bool)
    copies = ptr.copy(), idx.copy(), mask.copy()
    after_falls(ptr, idx, mask, [1], 0, [2])
    components(ptr, idx, mask)
    assert all((a == b).all() for a, b in zip((ptr, idx, mask), copies))


class _local_searches:
    """Run with :data:`kernel.LOCAL_SEARCHES` set to ``value`` (0: always search the whole
    graph before the falls)."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __enter__(self):
        self.saved, kernel.LOCAL_SEARCHES = kernel.LOCAL_SEARCHES, self.value

    def __exit__(self, *exc):
        kernel.LOCAL_SEARCHES = self.saved


# ---------------------------------------------------------------- networkx as the oracle


@settings(max_examples=300, deadline=None)
@given(masked_graphs())
def test_components_are_networkxs_pieces_numbered_by_smallest_place(case):
    g, mask = case
    labels, count = components(*csr(g), mask)
    pieces = sorted((sorted(c) for c in
                     nx.connected_components(g.subgraph(np.flatnonzero(mask).tolist()))),
                    key=lambda c: c[0])
    expected = np.full(len(mask), -1)
    for k, piece in enumerate(pieces):
        expected[piece] = k
    assert count == len(pieces)
    assert labels.tolist() == expected.tolist()


@settings(max_examples=300, deadline=None)
@given(masked_graphs(), st.data())
def test_reach_is_networkxs_piece_of_the_root(case, data):
    g, mask = case
    root = data.draw(st.integers(0, len(mask) - 1), label="root")
    got = reach(*csr(g), mask, root)
    assert set(np.flatnonzero(got).tolist()) == piece_of(g, mask, root)


@settings(max_examples=400, deadline=None)
@given(masked_graphs(), st.data(), st.sampled_from([0, 1, 2, 8]))
def test_after_falls_equals_searching_before_and_after_with_networkx(case, data, searches):
    g, mask = case
    n = len(mask)
    places = st.integers(0, n - 1)
    fallen = data.draw(st.lists(places, max_size=4), label="fallen")
    capital = data.draw(places, label="capital")
    strongholds = data.draw(st.lists(places, max_size=6), label="strongholds")
    with _local_searches(searches):
        got = after_falls(*csr(g), mask, fallen, capital, strongholds)
    after = mask.copy()
    after[fallen] = False
    before_piece, after_piece = piece_of(g, mask, capital), piece_of(g, after, capital)
    assert got.mask.tolist() == after.tolist()
    assert set(np.flatnonzero(got.piece).tolist()) == after_piece
    joined = sorted(set(strongholds) & before_piece)
    assert got.cut_off.tolist() == [s for s in joined if after[s] and s not in after_piece]
    assert got.lost.tolist() == [s for s in joined if not after[s]]


@settings(max_examples=200, deadline=None)
@given(masked_graphs(max_nodes=30))
def test_both_ways_of_leading_roads_to_the_sink_give_the_same_graph(case):
    g, mask = case
    ptr, idx = csr(g)
    table, patched = (kernel._sunk(ptr, idx, mask, patch=p) for p in (False, True))
    assert table.indptr.tolist() == patched.indptr.tolist()
    assert table.indices.tolist() == patched.indices.tolist()
    assert table.shape == patched.shape == (len(mask) + 1, len(mask) + 1)


@pytest.mark.parametrize("falls", [[5], [5, 6], [0]])
def test_after_falls_on_a_ring_of_spokes(falls):
    """A hub (0) with a ring (1 .. 8) and a spur off each ring place: the fall of ring
    places cuts off their spurs only; the hub's fall cuts off everything."""
    ring = [(i, i % 8 + 1) for i in range(1, 9)]
    edges = [(0, i) for i in range(1, 9)] + ring + [(i, i + 8) for i in range(1, 9)]
    g = nx.Graph(edges)
    mask = np.ones(17, dtype=bool)
    got = after_falls(*csr(g), mask, falls, 0, list(range(17)))
    after = mask.copy()
    after[falls] = False
    expected = piece_of(g, after, 0)
    assert set(np.flatnonzero(got.piece).tolist()) == expected
    assert got.cut_off.tolist() == sorted(set(range(17)) - expected - set(falls))
