"""Minimum cuts: toy maps, and brute force on random graphs (best captures: test_captures.py)."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest
from hypothesis import given, settings, strategies as st
from strategies import cut_cases, reaches

from sim.analysis.cuts import min_cut
from sim.analysis.passable import passable_graph
from sim.control import Control, Faction
from sim.errors import InputError, UnknownNameError
from sim.model import Place, Road, Theatre


def test_the_junction_alone_cuts_the_corridor(corridor):
    t, c, gov, coast = corridor
    cut = min_cut(t, c, gov, "cap", ["port1", "port2"])
    assert (cut.status, cut.places, cut.cost, cut.routes) == ("cuttable", ("jn",), 1, 1)


def test_with_the_border_open_two_places_are_needed_and_foreign_ones_cannot_fall(corridor):
    t, c, gov, coast = corridor
    cut = min_cut(t, c.with_transit("LB", True), gov, "cap", ["port1", "port2"])
    # xa and xb are foreign: nobody holds them, so they cannot fall.
    assert cut.status == "uncuttable"
    assert cut.routes == 2
    one_port = min_cut(t, c.with_transit("LB", True), gov, "cap", ["port1"])
    assert (one_port.status, one_port.places, one_port.routes) == ("cuttable", ("jn", "port2"), 2)


def test_population_weight_prefers_two_villages_to_one_city():
    places = [Place("s", "S", 0, 0), Place("t", "T", 0, 3),
              Place("city", "City", 0, 2, population=1000), Place("a", "A", 1, 1, population=5),
              Place("b", "B", -1, 1, population=6)]
    roads = [Road("s", "a", 1), Road("s", "b", 1), Road("a", "city", 1), Road("b", "city", 1),
             Road("city", "t", 1)]
    t = Theatre.build("w", "W", "SY", places, roads)
    c = Control.of(dict.fromkeys(t.places, "gov"))
    gov = Faction("gov")
    assert min_cut(t, c, gov, "s", ["t"]).places == ("city",)
    cheap = min_cut(t, c, gov, "s", ["t"], weight="population")
    assert (cheap.places, cheap.cost, cheap.routes) == (("a", "b"), 11, 1)
    with pytest.raises(UnknownNameError):
        min_cut(t, c, gov, "s", ["t"], weight="altitude")
    with pytest.raises(InputError) as not_a_number:
        min_cut(t, c, gov, "s", ["t"], weight="name")
    assert not_a_number.value.key == "weight" and "--" not in not_a_number.value.message


def test_statuses(corridor):
    t, c, gov, coast = corridor
    assert min_cut(t, c, gov, "cap", ["jn"]).status == "uncuttable"
    assert min_cut(t, c.with_holder("cap", "reb"), gov, "cap", ["jn"]).status == "source-lost"
    assert min_cut(t, c.with_holder("hub", "reb"), gov, "cap", ["hub"]).status == "target-lost"
    cut_off = c.with_holder("jn", "reb")
    assert min_cut(t, cut_off, gov, "cap", ["port1"]).status == "already-cut"


# ---------------------------------------------------------------- oracle


def cuts_it(t, c, gov, s, targets, removed) -> bool:
    g = passable_graph(t, c, gov.side)
    keep = [v for v in g.nodes if v not in removed]
    return not reaches(g.subgraph(keep), s, targets)


@settings(max_examples=250, deadline=None)
@given(cut_cases(), st.sampled_from(["uniform", "population"]))
def test_no_cheaper_cut_exists_and_the_cut_cuts(case, weight):
    t, c, gov, s, targets = case
    result = min_cut(t, c, gov, s, targets, weight=weight)
    g = passable_graph(t, c, gov.side)
    if result.status in ("source-lost", "target-lost", "already-cut"):
        assert cuts_it(t, c, gov, s, targets, set())
        return
    eligible = [v for v in sorted(g.nodes) if v != s and v not in targets and c.holder(v)]

    def cost(subset):
        return sum(1 if weight == "uniform" else (t.places[v].population or 0) for v in subset)

    best = None
    for k in range(len(eligible) + 1):
        for subset in combinations(eligible, k):
            if cuts_it(t, c, gov, s, targets, set(subset)):
                key = (cost(subset), k)
                best = key if best is None or key < best else best
    if result.status == "uncuttable":
        assert best is None
        return
    assert best is not None
    assert cuts_it(t, c, gov, s, targets, set(result.places))
    assert (result.cost, len(result.places)) == best
    assert set(result.places) <= set(eligible)


@settings(max_examples=150, deadline=None)
@given(cut_cases())
def test_disjoint_routes_equal_networkx_connectivity(case):
    t, c, gov, s, targets = case
    target = targets[0]
    result = min_cut(t, c, gov, s, [target])
    g = nx.Graph(passable_graph(t, c, gov.side))
    if s not in g or target not in g or s == target:
        return
    if g.has_edge(s, target):
        g.remove_edge(s, target)
        expected = 1 + nx.connectivity.local_node_connectivity(g, s, target)
    else:
        expected = nx.connectivity.local_node_connectivity(g, s, target)
    assert result.routes == expected


# ---------------------------------------------------------------- CLI


def test_cli_cut_says_in_plain_words_what_to_take():
    import json

    from typer.testing import CliRunner

    from sim.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["cut", "damascus", "latakia", "tartus"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("If Homs falls, Damascus is cut off from the coast")
    doc = json.loads(runner.invoke(app, ["cut", "syria-2024-12-06", "damascus", "latakia",
                                         "tartus", "--weight", "population", "--json"]).stdout)
    assert doc["schema"] == "sim.cut/1" and doc["status"] == "cuttable"
    captures = runner.invoke(app, ["cut", "--faction", "government", "--captures", "2"])
    assert captures.exit_code == 0, captures.output
    assert "Method     exact" in captures.stdout
    greedy = json.loads(runner.invoke(app, ["cut", "-f", "government", "--captures", "6",
                                            "--json"]).stdout)
    assert greedy["schema"] == "sim.captures/1" and greedy["method"] == "greedy"
    assert runner.invoke(app, ["cut", "damascus"]).exit_code == 2
    assert runner.invoke(app, ["cut", "damascus", "homs", "--weight", "x"]).exit_code == 2
    assert runner.invoke(app, ["cut", "homs", "hama", "--captures", "2"]).exit_code == 2


def test_weights_too_big_for_32_bits_go_to_networkx_with_the_same_answer():
    places = [Place("s", "S", 0, 0), Place("t", "T", 0, 3),
              Place("city", "City", 0, 2, population=2_000_000_000),
              Place("a", "A", 1, 1, population=900_000_000),
              Place("b", "B", -1, 1, population=1_000_000_000)]
    roads = [Road("s", "a", 1), Road("s", "b", 1), Road("a", "city", 1), Road("b", "city", 1),
             Road("city", "t", 1)]
    t = Theatre.build("w", "W", "SY", places, roads)
    c = Control.of(dict.fromkeys(t.places, "gov"))
    cut = min_cut(t, c, Faction("gov"), "s", ["t"], weight="population")
    assert (cut.places, cut.cost) == (("a", "b"), 1_900_000_000)


def test_a_flow_matrix_laid_out_differently_gives_the_same_cut(corridor, monkeypatch):
    import numpy as np

    from sim.analysis import cuts

    t, c, gov, coast = corridor
    expected = min_cut(t, c.with_transit("LB", True), gov, "cap", ["port1"])
    monkeypatch.setattr(cuts.np, "array_equal", lambda a, b: False)
    got = min_cut(t, c.with_transit("LB", True), gov, "cap", ["port1"])
    assert got == expected and got.places == ("jn", "port2")
    assert np is cuts.np


def _sorted_network(graph, targets):
    """The node-split network as first written: every arc listed, then sorted by (tail, head)."""
    import numpy as np

    n = graph.n
    places = np.flatnonzero(graph.mask).astype(np.int64)
    u = graph.arrays.edge_u[graph.edges].astype(np.int64)
    v = graph.arrays.edge_v[graph.edges].astype(np.int64)
    tt = np.asarray(sorted(set(targets)), dtype=np.int64)
    hub = np.full(len(tt), 2 * n)
    fwd_t = np.concatenate([2 * places, 2 * u + 1, 2 * v + 1, 2 * tt + 1, hub])
    fwd_h = np.concatenate([2 * places + 1, 2 * v, 2 * u, hub, 2 * tt])
    kind = np.concatenate([np.zeros(len(places), np.int8), np.ones(2 * len(u), np.int8),
                           np.full(len(tt), 2, np.int8), np.full(len(tt), 4, np.int8)])
    all_t, all_h = np.concatenate([fwd_t, fwd_h]), np.concatenate([fwd_h, fwd_t])
    all_kind = np.concatenate([kind, np.full(len(kind), 3, np.int8)])
    size = 2 * n + 1
    order = np.lexsort((all_h, all_t))
    codes = all_t[order] * size + all_h[order]
    indptr = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(all_t, minlength=size), out=indptr[1:])
    return indptr, all_h[order], np.searchsorted(codes, all_h[order] * size + all_t[order]), \
        all_kind[order]


@settings(max_examples=150, deadline=None)
@given(cut_cases())
def test_the_flow_network_is_every_arc_sorted_by_tail_and_head(case):
    import numpy as np

    from sim.analysis.arrays import passable_arrays
    from sim.analysis.cuts import FlowNetwork

    t, c, gov, s, targets = case
    graph = passable_arrays(t, c, gov.side)
    idx = [graph.arrays.index[p] for p in targets]
    for tt in ([], idx):
        net = FlowNetwork(graph, tt)
        indptr, heads, rev, kind = _sorted_network(graph, tt)
        assert net.indptr.tolist() == indptr.tolist()
        assert net.indices.tolist() == heads.tolist()
        assert net.rev.tolist() == rev.tolist()
        assert net.road.tolist() == np.flatnonzero(kind == 1).tolist()
        assert net.hub_slots.tolist() == np.flatnonzero((kind == 2) | (kind == 4)).tolist()
        assert net.place_slot[net.places].tolist() == np.flatnonzero(kind == 0).tolist()
