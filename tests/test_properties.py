"""Fast algorithms against brute-force oracles on random graphs (hypothesis)."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings, strategies as st

from sim.analysis import passable_places, pockets
from sim.analysis.chokepoints import separating_places
from sim.control import Control, Faction
from sim.model import Place, Road, Theatre


@st.composite
def graphs(draw, max_nodes=14):
    n = draw(st.integers(2, max_nodes))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    edges = draw(st.lists(st.sampled_from(pairs), max_size=3 * n, unique=True))
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    return g


def reaches(g: nx.Graph, s, targets) -> bool:
    return s in g and any(t in g and nx.has_path(g, s, t) for t in targets)


def brute_force_chokepoints(g: nx.Graph, s, targets) -> set:
    targets = [t for t in targets if t in g]
    if not reaches(g, s, targets) or s in targets:
        return set()
    out = set()
    for v in g.nodes:
        if v == s or (len(targets) == 1 and v == targets[0]):
            continue
        h = g.subgraph([u for u in g.nodes if u != v])
        if not reaches(h, s, [t for t in targets if t != v]):
            out.add(v)
    return out


@settings(max_examples=300, deadline=None)
@given(graphs(), st.data())
def test_chokepoints_equal_removing_each_place(g, data):
    s = data.draw(st.sampled_from(sorted(g.nodes)))
    targets = data.draw(st.lists(st.sampled_from(sorted(g.nodes)), min_size=1, max_size=3,
                                 unique=True))
    fast = separating_places(g, s, targets)
    assert len(fast) == len(set(fast))
    assert set(fast) == brute_force_chokepoints(g, s, targets)


@settings(max_examples=200, deadline=None)
@given(graphs(), st.data())
def test_pockets_equal_components_of_the_passable_subgraph(g, data):
    n = g.number_of_nodes()
    holders = data.draw(st.lists(st.sampled_from(["gov", "reb", "ally"]), min_size=n, max_size=n))
    foreign = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    cut = data.draw(st.lists(st.sampled_from(sorted(g.edges)), max_size=3, unique=True)) \
        if g.edges else []
    open_lb = data.draw(st.booleans())
    places = [Place(f"p{i}", f"P{i}", 0.0, float(i), country="LB" if foreign[i] else "SY")
              for i in range(n)]
    roads = [Road(f"p{a}", f"p{b}", 10.0) for a, b in g.edges]
    t = Theatre.build("rand", "Random", "SY", places, roads)
    holdings = {f"p{i}": holders[i] for i in range(n) if not foreign[i]}
    control = Control.of(holdings)
    for a, b in cut:
        control = control.with_road(f"p{a}", f"p{b}", cut=True)
    if open_lb:
        control = control.with_transit("LB", True)
    gov = Faction("gov", frozenset({"ally"}), capital=None)
    # Oracle: build the passable subgraph by hand.
    ok = {f"p{i}" for i in range(n)
          if (not foreign[i] and holders[i] in ("gov", "ally")) or (foreign[i] and open_lb)}
    assert passable_places(t, control, gov.side) == ok
    h = nx.Graph()
    h.add_nodes_from(ok)
    cut_keys = {tuple(sorted((f"p{a}", f"p{b}"))) for a, b in cut}
    h.add_edges_from((f"p{a}", f"p{b}") for a, b in g.edges
                     if f"p{a}" in ok and f"p{b}" in ok
                     and tuple(sorted((f"p{a}", f"p{b}"))) not in cut_keys)
    expected = {frozenset(c) for c in nx.connected_components(h)
                if any(holdings.get(p) == "gov" for p in c)}
    assert {frozenset(p.places) for p in pockets(t, control, gov)} == expected
