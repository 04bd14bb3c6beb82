"""Chokepoints: toy maps with known answers, and removing each place on random graphs."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from strategies import graphs, reaches

from sim.analysis import chokepoints
from sim.analysis.chokepoints import separating_places
from sim.control import Lifeline
from sim.events import Fall, apply_events


def test_the_mountain_road_bypasses_the_hub_so_the_hub_is_no_chokepoint(corridor):
    t, c, gov, coast = corridor
    # port2 lies behind port1 (the foreign road is closed), so port1 counts too.
    assert chokepoints(t, c, coast, gov.side) == ("jn", "port1")
    assert chokepoints(t, c.with_transit("LB", True), coast, gov.side) == ()


def test_a_target_is_a_chokepoint_when_the_other_target_lies_behind_it(corridor):
    t, c, gov, coast = corridor
    c2 = apply_events(c, [Fall("hub", "reb")])
    # Route now cap-jn-mtn-port1-port2: port1 carries the only way to port2.
    assert chokepoints(t, c2, coast, gov.side) == ("jn", "mtn", "port1")
    single = Lifeline("Capital - port 1", "gov", "cap", ("port1",))
    assert chokepoints(t, c2, single, gov.side) == ("jn", "mtn")


def test_separating_places_on_a_cycle_is_empty():
    import networkx as nx
    g = nx.cycle_graph(6)
    assert separating_places(g, 0, [3]) == ()
    assert separating_places(nx.path_graph(5), 0, [4]) == (1, 2, 3)
    assert separating_places(nx.path_graph(5), 0, [4, 2]) == (1, 2)


def test_unreachable_targets_have_no_chokepoints():
    import networkx as nx
    g = nx.Graph([(0, 1), (2, 3)])
    assert separating_places(g, 0, [3]) == ()


# ---------------------------------------------------------------- oracle


def brute_force_chokepoints(g, s, targets) -> set:
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
