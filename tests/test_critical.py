"""The criticality sweep: toy maps with known answers, and the brute-force oracle."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings, strategies as st
from strategies import assess_after, main_places, own_people_cut_off, sweep_scenarios

from sim.analysis import assess
from sim.analysis.critical import criticality
from sim.events import Fall


def test_the_junction_is_the_most_critical_place_of_the_corridor(corridor):
    t, c, gov, coast = corridor
    result = criticality(t, c, gov, [coast])
    # The capital's own fall is the loss of the capital, listed apart from the ranking.
    assert result.capital_fall.place == "cap" and result.capital_fall.capital
    assert "cap" not in [p.place for p in result.places]
    top = result.places[0]
    assert top.place == "jn"
    jn = result.of("jn")
    assert jn.lifelines == (coast.name,)
    assert jn.strongholds == ("port1", "port2")
    assert jn.population == 400  # hub, port1, port2, mtn
    # The hub is bypassed over the mountain: its fall cuts nothing.
    assert result.of("hub").harmless
    assert result.held == 6


def test_port1_is_critical_only_because_the_foreign_road_is_closed(corridor):
    t, c, gov, coast = corridor
    assert criticality(t, c, gov, [coast]).of("port1").strongholds == ("port2",)
    opened = criticality(t, c.with_transit("LB", True), gov, [coast])
    assert opened.of("port1").strongholds == ()
    assert opened.of("jn").lifelines == ()


def test_a_lifeline_already_cut_is_never_counted(corridor):
    t, c, gov, coast = corridor
    c = c.with_holder("jn", "reb")
    result = criticality(t, c, gov, [coast])
    assert all(not p.lifelines for p in result.places)
    assert result.of("cap").population == 0


def test_ranking_is_lifelines_then_strongholds_then_population(corridor):
    t, c, gov, coast = corridor
    ranked = criticality(t, c, gov, [coast]).places
    keys = [(-len(p.lifelines), -len(p.strongholds), -p.population, p.place) for p in ranked]
    assert keys == sorted(keys)


def test_the_last_own_place_of_the_capitals_piece_takes_the_main_pocket_with_it():
    """cap and s are the ally's, a the faction's: without a, the capital's piece holds
    nothing of the faction's own, so it is no pocket: both strongholds, the capital among
    them, are cut off."""
    from sim.control import Control, Faction
    from sim.model import Place, Road, Theatre

    t = Theatre.build("m", "M", "SY", [Place(i, i.title(), 0, n, population=10)
                                        for n, i in enumerate(["cap", "a", "s"])],
                      [Road("cap", "a", 1), Road("cap", "s", 1)])
    c = Control.of({"cap": "ally", "a": "gov", "s": "ally"})
    gov = Faction("gov", frozenset({"ally"}), "reb", "cap", ("cap", "s"))
    entry = criticality(t, c, gov, []).of("a")
    assert entry.strongholds == ("cap", "s") and entry.population == 0


# ---------------------------------------------------------------- oracle


def brute_force(t, c, gov, lifelines):
    """Remove each held place in turn and assess again, the slow way."""
    before = assess(t, c, gov, lifelines)
    main_before = main_places(before)
    out = {}
    for place in c.places_of("gov"):
        after = assess_after(t, c, gov, lifelines, [place])
        cut = tuple(b.lifeline.name for b, a in zip(before.lifelines, after.lifelines)
                    if b.status == "connected" and a.status != "connected")
        strong = tuple(sorted(s for s, state in after.strongholds.items()
                              if before.strongholds.get(s) == "connected" and state == "cut-off"))
        # People cut off: the faction's own places (not its ally's) pushed out of the main pocket.
        pop = own_people_cut_off(t, c, main_before, main_places(after), [place])
        out[place] = (cut, strong, pop)
    return out


@settings(max_examples=250, deadline=None)
@given(sweep_scenarios())
def test_the_sweep_equals_removing_each_place_and_rechecking(case):
    t, c, gov, lifelines = case
    fast = criticality(t, c, gov, lifelines)
    slow = brute_force(t, c, gov, lifelines)
    assert fast.held == len(slow)
    for place, (cut, strong, pop) in slow.items():
        entry = fast.of(place)
        assert (entry.lifelines, entry.strongholds, entry.population) == (cut, strong, pop), place


@settings(max_examples=200, deadline=None)
@given(sweep_scenarios())
def test_critical_and_what_if_report_the_same_change_for_the_same_fall(case):
    """One population figure: a fall's people cut off, strongholds and lifelines agree."""
    from sim.analysis import what_if

    t, c, gov, lifelines = case
    fast = criticality(t, c, gov, lifelines)
    for place in c.places_of("gov"):
        slow = what_if(t, c, gov, lifelines, [Fall(place, "reb")]).change
        mine = fast.change_of(fast.of(place))
        assert mine.people_cut_off == slow.people_cut_off, place
        assert mine.unknown_cut_off == slow.unknown_cut_off, place
        assert mine.strongholds_cut_off == slow.strongholds_cut_off, place
        assert mine.capital_lost == slow.capital_lost, place
        assert {(x.name, x.kind) for x in mine.lifelines} == \
            {(x.name, x.kind) for x in slow.lifelines if x.kind in ("cut", "lost")}, place
        if mine.capital_lost:
            assert mine.pockets_after == slow.pockets_after
            assert mine.largest_after == slow.largest_after


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 60), st.floats(0.0, 1.0), st.integers(0, 10**6))
def test_the_kernel_matches_networkx_articulation_points(n, density, seed):
    """Whatever a place's removal cuts off, it is an articulation point (or the root)."""
    import numpy as np

    from sim.analysis.arrays import from_edges, passable_from_mask
    from sim.analysis.critical import separation_tree

    rng = np.random.default_rng(seed)
    m = int(density * 2 * n)
    u, v = rng.integers(0, n, m), rng.integers(0, n, m)
    arrays = from_edges(n, u, v)
    g = passable_from_mask(arrays, np.ones(n, dtype=bool))
    tree = separation_tree(g.indptr, g.indices, 0)
    ones = np.ones(n, dtype=np.int64)
    cut = tree.cut_off(ones)
    ref = nx.Graph()
    ref.add_nodes_from(range(n))
    ref.add_edges_from(zip(arrays.edge_u.tolist(), arrays.edge_v.tolist()))
    comp = nx.node_connected_component(ref, 0)
    for x in range(n):
        if x not in comp:
            assert cut[x] == 0
            continue
        h = ref.subgraph(comp - {x})
        expected = 0 if x == 0 else len(comp) - 1 - len(nx.node_connected_component(h, 0))
        if x == 0:
            expected = len(comp) - 1
        assert cut[x] == expected, x


@st.composite
def road_graphs(draw, max_nodes=40):
    """``(n, pairs, root)``: random roads among ``n`` places (loops and repeats are dropped),
    sometimes with a fan of triangles on one place, which gives it many children in the
    depth-first tree, each with a road back to it."""
    n = draw(st.integers(1, max_nodes))
    place = st.integers(0, n - 1)
    pairs = draw(st.lists(st.tuples(place, place), max_size=2 * n))
    if n >= 3 and draw(st.booleans()):
        hub = draw(place)
        others = draw(st.permutations([i for i in range(n) if i != hub]))
        k = draw(st.integers(1, len(others) // 2))
        for x, y in zip(others[:2 * k:2], others[1:2 * k:2]):
            pairs += [(hub, x), (x, y), (y, hub)]
    return n, pairs, draw(place)


def _graph(n, pairs, mask=None):
    """The passable arrays and the networkx graph of the same roads."""
    import numpy as np

    from sim.analysis.arrays import from_edges, passable_from_mask

    u, v = (np.asarray([p[k] for p in pairs], dtype=np.int64) for k in (0, 1))
    arrays = from_edges(n, u, v, population=np.arange(n) * 7 % 11)
    mask = np.ones(n, dtype=bool) if mask is None else np.asarray(mask)
    g = passable_from_mask(arrays, mask)
    ref = nx.Graph()
    ref.add_nodes_from(np.flatnonzero(mask).tolist())
    ref.add_edges_from((a, b) for a, b in zip(arrays.edge_u.tolist(), arrays.edge_v.tolist())
                       if mask[a] and mask[b])
    return g, ref


def _joined(ref: nx.Graph, root, without=()) -> set:
    """The places joined to ``root`` in ``ref`` once the places ``without`` are taken out."""
    if root not in ref or root in without:
        return set()
    return nx.node_connected_component(nx.restricted_view(ref, list(without), []), root)


@settings(max_examples=300, deadline=None)
@given(road_graphs(), st.data())
def test_the_tree_ends_cuts_and_sums_match_removing_each_place(case, data):
    """Subtree ends, cut flags, cut children and exact sums (weights past 2**53) against
    networkx on graphs where some places have many children."""
    import numpy as np

    from sim.analysis.critical import separation_tree

    n, pairs, root = case
    g, ref = _graph(n, pairs)
    tree = separation_tree(g.indptr, g.indices, root)
    order, parent = tree.order.tolist(), tree.parent.tolist()
    comp = _joined(ref, root)
    assert sorted(order) == sorted(comp) and order[0] == root
    kids = {k: [] for k in range(len(order))}
    for k in range(1, len(order)):
        kids[parent[k]].append(k)

    def below(k):  # the positions of the subtree of k, by walking the tree
        out, todo = [], [k]
        while todo:
            x = todo.pop()
            out.append(x)
            todo += kids[x]
        return sorted(out)

    weights = np.asarray(data.draw(st.lists(st.integers(0, 2**56), min_size=n, max_size=n)),
                         dtype=np.int64)
    cut = tree.cut_off(weights)
    for k in range(len(order)):
        assert below(k) == list(range(k, int(tree.end[k]))), k
        v = order[k]
        left = _joined(ref, root, [v])
        off = [c for c in kids[k] if order[c] not in left]
        assert [c for c in kids[k] if tree.cuts[c]] == off, v
        assert tree.cut_children(v) == [(c, int(tree.end[c])) for c in off], v
        assert int(cut[v]) == sum(int(weights[x]) for x in comp - left - {v}), v
    assert all(cut[x] == 0 and tree.cut_children(x) == [] for x in range(n) if x not in comp)


@settings(max_examples=250, deadline=None)
@given(road_graphs(max_nodes=30), st.data())
def test_the_sweep_arrays_equal_removing_each_place_with_networkx(case, data):
    """Strongholds, people and unknown-population places cut off, the main pocket lost,
    lifelines cut: for every single removal, against networkx."""
    import numpy as np

    from sim.analysis.critical import sweep_arrays

    n, pairs, capital = case
    flags = st.lists(st.booleans(), min_size=n, max_size=n)
    mask = np.asarray(data.draw(flags, label="passable"))
    held = data.draw(st.none() | flags, label="held")
    held = None if held is None else np.asarray(held)
    unknown = data.draw(st.none() | st.lists(st.integers(0, 3), min_size=n, max_size=n))
    unknown = None if unknown is None else np.asarray(unknown, dtype=np.int64)
    pop = data.draw(st.none() | st.lists(st.integers(0, 10**12), min_size=n, max_size=n))
    place = st.integers(0, n - 1)
    strong = data.draw(st.lists(place, max_size=8), label="strongholds")
    lifelines = data.draw(st.lists(st.tuples(place, st.lists(place, min_size=1, max_size=3)),
                                   max_size=3), label="lifelines")
    capital = data.draw(st.none() | st.just(capital))
    g, ref = _graph(n, pairs, mask)
    people = g.arrays.population if pop is None else np.asarray(pop, dtype=np.int64)
    res = sweep_arrays(g, capital, np.asarray(strong, dtype=np.int64),
                       [(s, np.asarray(t, dtype=np.int64)) for s, t in lifelines],
                       population=None if pop is None else people, held=held, unknown=unknown)
    before = _joined(ref, capital) if capital is not None else set()
    own = {x for x in before if held is None or held[x]}
    for v in range(n):
        piece = _joined(ref, capital, [v]) if own else before
        gone = bool(own) and v in before and not (own & piece)
        off = before - {v} if gone else before - piece - {v}
        expect = (len(off & set(strong)), sum(int(people[x]) for x in off),
                  0 if unknown is None else sum(int(unknown[x]) for x in off), gone)
        got = (res.strongholds[v], res.population[v], res.unknown[v], res.main_lost[v])
        assert tuple(int(x) for x in got) == tuple(int(x) for x in expect), v
        for j, (s, targets) in enumerate(lifelines):
            reached = set(targets) & _joined(ref, s)
            kills = bool(reached) and (v == s or not (reached - {v}) & _joined(ref, s, [v]))
            assert bool(res.lifelines[v, j]) == kills, (v, j)


# ---------------------------------------------------------------- CLI


def test_cli_critical_ranks_homs_among_the_government_chokepoints():
    import json

    from typer.testing import CliRunner

    from sim.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["critical", "--faction", "government", "--top", "3"])
    assert result.exit_code == 0, result.output
    # The capital's own fall is the loss of the capital, apart from the ranking.
    assert result.stdout.startswith("The most critical government place, the capital aside, "
                                    "is Homs: its fall alone cuts Damascus off from the coast")
    assert "the government loses its capital, Damascus" in result.stdout
    assert "1  Homs" in result.stdout
    assert "from Damascus" not in result.stdout.split("The capital's own fall")[0].split(":", 1)[0]
    doc = json.loads(runner.invoke(app, ["critical", "syria-2024-12-06", "-f", "government",
                                         "--json"]).stdout)
    assert doc["schema"] == "sim.critical/1"
    homs = next(p for p in doc["places"] if p["place"] == "homs")
    assert "Damascus - the coast" in homs["lifelines"]
    assert {"latakia", "tartus"} <= set(homs["strongholds"])
    bad = runner.invoke(app, ["critical", "--faction", "goverment"])
    assert bad.exit_code == 2 and "did you mean: government" in bad.stderr
