"""The k shortest routes on arrays (sim.analysis.kroutes) against networkx's
``shortest_simple_paths`` on random graphs, masks and k."""

from __future__ import annotations

from itertools import islice

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.analysis.arrays import from_edges, passable_from_mask, symmetric_csr
from sim.analysis.kroutes import BUDGET, k_shortest, k_shortest_search, shortest
from sim.errors import InputError

BUDGETS = (0, 1, 2, BUDGET)


# ---------------------------------------------------------------- graphs and the oracle

def csr(n: int, edges, kms):
    u = np.asarray([a for a, _ in edges], dtype=np.int64)
    v = np.asarray([b for _, b in edges], dtype=np.int64)
    return symmetric_csr(n, u, v, np.asarray(kms, dtype=np.float64))


def nx_of(n: int, edges, kms, mask) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(i for i in range(n) if mask[i])
    g.add_weighted_edges_from(((a, b, km) for (a, b), km in zip(edges, kms)
                               if mask[a] and mask[b]), weight="km")
    return g


def km_of(g: nx.Graph, path) -> float:
    return float(sum(g.edges[a, b]["km"] for a, b in zip(path, path[1:])))


def oracle(n, edges, kms, mask, s, t, k):
    """The first k of networkx's shortest simple paths, with their km."""
    g = nx_of(n, edges, kms, mask)
    if s not in g or t not in g or not nx.has_path(g, s, t):
        return []
    return [(km_of(g, p), p) for p in islice(nx.shortest_simple_paths(g, s, t, weight="km"), k)]


@st.composite
def cases(draw, max_nodes: int = 9, dense: bool = False, unit: bool = False):
    """(n, edges, kms, mask, source, target, k, budget): km distinct powers of two
    (every route's length its own) unless ``unit`` (every road 1 km)."""
    n = draw(st.integers(2, max_nodes))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    low = (2 * len(pairs)) // 3 if dense else 0
    edges = draw(st.lists(st.sampled_from(pairs), min_size=low,
                          max_size=len(pairs) if dense else 3 * n, unique=True))
    if unit:
        kms = [1.0] * len(edges)
    else:
        kms = [2.0 ** (e - 8) for e in draw(st.permutations(range(len(edges))))]
    mask = draw(st.lists(st.sampled_from([True, True, True, True, False]), min_size=n,
                         max_size=n))
    s, t = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
    return n, edges, kms, np.asarray(mask), s, t, draw(st.integers(1, 5)), \
        draw(st.sampled_from(BUDGETS))


def ours(n, edges, kms, mask, s, t, k, budget):
    indptr, indices, km = csr(n, edges, kms)
    return k_shortest_search(indptr, indices, km, mask, s, t, k, budget=budget).as_lists()


def assert_routes(found, n, edges, kms, mask, s, t):
    """Each route joins s to t on roads through the mask, no place twice, its km right;
    no route twice; shortest first, ties in the order of their places."""
    g = nx_of(n, edges, kms, mask)
    for km, path in found:
        assert path[0] == s and path[-1] == t and len(set(path)) == len(path)
        assert all(g.has_edge(a, b) for a, b in zip(path, path[1:]))
        assert km == km_of(g, path)
    assert len({tuple(p) for _, p in found}) == len(found)
    assert found == sorted(found)


# ---------------------------------------------------------------- properties

@settings(max_examples=400, deadline=None)
@given(cases())
def test_the_routes_are_networkx_s_k_shortest_simple_paths(case):
    n, edges, kms, mask, s, t, k, budget = case
    assert ours(n, edges, kms, mask, s, t, k, budget) == oracle(n, edges, kms, mask, s, t, k)


@settings(max_examples=200, deadline=None)
@given(cases(max_nodes=8, dense=True))
def test_dense_graphs_where_deviations_need_a_search(case):
    n, edges, kms, mask, s, t, k, budget = case
    assert ours(n, edges, kms, mask, s, t, k, budget) == oracle(n, edges, kms, mask, s, t, k)


@settings(max_examples=300, deadline=None)
@given(st.one_of(cases(unit=True), cases(max_nodes=8, dense=True, unit=True)))
def test_with_equal_road_lengths_the_lengths_are_networkx_s(case):
    n, edges, kms, mask, s, t, k, budget = case
    found = ours(n, edges, kms, mask, s, t, k, budget)
    assert_routes(found, n, edges, kms, mask, s, t)
    assert [km for km, _ in found] == sorted(km for km, _ in oracle(n, edges, kms, mask, s, t, k))


@settings(max_examples=200, deadline=None)
@given(cases())
def test_the_shortest_route_is_the_first_of_the_k(case):
    n, edges, kms, mask, s, t, k, _ = case
    indptr, indices, km = csr(n, edges, kms)
    one = shortest(indptr, indices, km, mask, s, t)
    best = oracle(n, edges, kms, mask, s, t, 1)
    assert one == (best[0] if best else None)
    g = nx_of(n, edges, kms, mask)
    if one is not None:
        assert one[0] == nx.dijkstra_path_length(g, s, t, weight="km")


# ---------------------------------------------------------------- road-like graphs

def lattice(side: int, seed: int):
    """A square lattice with gaps and a few diagonals, roads of random km."""
    rng = np.random.default_rng(seed)
    idx = np.arange(side * side).reshape(side, side)
    us, vs = [], []
    for a, b, p in [(idx[:, :-1], idx[:, 1:], 0.7), (idx[:-1, :], idx[1:, :], 0.7),
                    (idx[:-1, :-1], idx[1:, 1:], 0.1)]:
        keep = rng.random(a.size) < p
        us.append(a.ravel()[keep])
        vs.append(b.ravel()[keep])
    u, v = np.concatenate(us), np.concatenate(vs)
    return from_edges(side * side, u, v, rng.uniform(0.5, 2.0, len(u)))


@pytest.mark.parametrize("seed", range(6))
def test_on_road_like_lattices_the_routes_are_networkx_s(seed):
    arrays = lattice(14, seed)
    rng = np.random.default_rng(100 + seed)
    mask = rng.random(arrays.n) < 0.9
    graph = passable_from_mask(arrays, mask)
    edges = list(zip(arrays.edge_u.tolist(), arrays.edge_v.tolist()))
    g = nx_of(arrays.n, edges, arrays.edge_km.tolist(), mask)
    s, t = (int(x) for x in rng.choice(np.flatnonzero(mask), 2, replace=False))
    want = oracle(arrays.n, edges, arrays.edge_km.tolist(), mask, s, t, 5)
    for budget in BUDGETS:
        got = k_shortest_search(graph.indptr, graph.indices, graph.km, graph.mask, s, t, 5,
                                budget=budget)
        assert got.as_lists() == want
        assert all(km == km_of(g, p) for km, p in got.as_lists())


def test_a_deviation_whose_first_step_leads_back_through_its_place_needs_a_search():
    """The shortest route is 0-1-2. Its deviation at 1 leaves by 3, but 3's shortest way
    to 2 runs back through 1: the tree cannot finish it, a local search (or a Dijkstra)
    finds 3-2 instead."""
    edges = [(0, 1), (1, 2), (1, 3), (2, 3), (0, 3)]
    kms = [1.0, 1.0, 1.0, 5.0, 10.0]
    indptr, indices, km = csr(4, edges, kms)
    mask = np.ones(4, dtype=bool)
    local = k_shortest_search(indptr, indices, km, mask, 0, 2, 3)
    assert local.as_lists() == [(2.0, [0, 1, 2]), (7.0, [0, 1, 3, 2]), (12.0, [0, 3, 1, 2])]
    assert local.local == 1 and local.dijkstra == 0
    full = k_shortest_search(indptr, indices, km, mask, 0, 2, 3, budget=0)
    assert full.as_lists() == local.as_lists() and full.dijkstra >= 1
    assert local.as_lists() == oracle(4, edges, kms, mask, 0, 2, 3)


def test_searches_and_dijkstras_run_on_dense_graphs_and_agree():
    rng = np.random.default_rng(7)
    counts = {"local": 0, "dijkstra": 0}
    for _ in range(40):
        n = 8
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
        edges = [pr for pr in pairs if rng.random() < 0.7]
        kms = rng.uniform(0.5, 2.0, len(edges)).tolist()
        mask = np.ones(n, dtype=bool)
        want = oracle(n, edges, kms, mask, 0, n - 1, 5)
        for budget, key in ((BUDGET, "local"), (0, "dijkstra")):
            indptr, indices, km = csr(n, edges, kms)
            got = k_shortest_search(indptr, indices, km, mask, 0, n - 1, 5, budget=budget)
            assert got.as_lists() == want
            counts[key] += getattr(got, key)
    assert counts["local"] > 0 and counts["dijkstra"] > 0


@pytest.mark.parametrize("seed", range(3))
def test_each_place_is_labelled_with_the_first_route_position_its_tree_way_meets(seed):
    """The label that lets a search stop: the smallest position, on the route, of any
    route place on the tree's way from a place to the target (walked here one step at
    a time)."""
    from sim.analysis.kroutes import _Graph

    arrays = lattice(12, seed)
    graph = passable_from_mask(arrays, np.ones(arrays.n, dtype=bool))
    tree = _Graph(graph.indptr, graph.indices, graph.km, graph.mask, arrays.n - 1)
    for _, route in k_shortest_search(graph.indptr, graph.indices, graph.km, graph.mask, 0,
                                      arrays.n - 1, 3).routes:
        position, label = tree.labels(route)
        assert position.tolist() == [route.index(x) if x in route else -1
                                     for x in range(arrays.n)]
        for x in range(arrays.n):
            if not np.isfinite(tree.dist[x]):
                assert label[x] == -1
                continue
            on_way = [route.index(y) for y in tree.tree_way(x) if y in route]
            assert label[x] == min(on_way)


# ---------------------------------------------------------------- ends and bad input

def test_ends_outside_the_mask_or_apart_give_no_route_and_one_place_is_its_own_route():
    indptr, indices, km = csr(4, [(0, 1), (2, 3)], [1.0, 1.0])
    mask = np.ones(4, dtype=bool)
    assert k_shortest(indptr, indices, km, mask, 0, 3, 3) == []
    assert shortest(indptr, indices, km, mask, 0, 3) is None
    assert k_shortest(indptr, indices, km, mask & (np.arange(4) != 1), 0, 1, 3) == []
    assert k_shortest(indptr, indices, km, mask, 2, 2, 3) == [(0.0, [2])]
    assert k_shortest(indptr, indices, km, mask, 0, 1, 3) == [(1.0, [0, 1])]


def test_a_passable_graph_and_a_mask_over_every_road_agree():
    arrays = lattice(8, 3)
    mask = np.random.default_rng(3).random(arrays.n) < 0.85
    mask[[0, arrays.n - 1]] = True
    every = passable_from_mask(arrays, np.ones(arrays.n, dtype=bool))
    strip = passable_from_mask(arrays, mask)
    a = k_shortest(every.indptr, every.indices, every.km, mask, 0, arrays.n - 1, 4)
    b = k_shortest(strip.indptr, strip.indices, strip.km, strip.mask, 0, arrays.n - 1, 4)
    assert a == b


@pytest.mark.parametrize("change, message", [
    (dict(k=0), "k must be at least 1, got 0"),
    (dict(source=9), "source 9 is not a place of the graph (0 to 2)"),
    (dict(target=-1), "target -1 is not a place of the graph (0 to 2)"),
    (dict(mask=np.ones(2, dtype=bool)), "the mask must be 3 booleans, one a place"),
    (dict(km=np.array([1.0, 0.0, 1.0, 1.0])), "road lengths must be positive finite km"),
    (dict(km=np.array([1.0, 1.0])), "4 adjacency entries but 2 road lengths"),
    (dict(budget=-1), "the search budget must be at least 0, got -1"),
])
def test_bad_input_is_one_input_error(change, message):
    indptr, indices, km = csr(3, [(0, 1), (1, 2)], [1.0, 1.0])
    args = dict(indptr=indptr, indices=indices, km=km, mask=np.ones(3, dtype=bool),
                source=0, target=2, k=2) | change
    with pytest.raises(InputError) as err:
        k_shortest_search(**args)
    assert err.value.message == message
