"""The engine on toy maps whose answers are known by hand."""

from __future__ import annotations

import pytest

from sim.analysis import assess, chokepoints, lifeline_status, pockets, what_if
from sim.analysis.chokepoints import separating_places
from sim.control import Control, Faction, Lifeline
from sim.events import Contest, CutRoad, Fall, OpenTransit, apply_events


def test_connected_lifeline_takes_the_shortest_route(corridor):
    t, c, gov, coast = corridor
    s = lifeline_status(t, c, coast, gov.side)
    assert s.status == "connected"
    assert s.route.places == ("cap", "jn", "hub", "port1")
    assert s.route.km == 360
    assert [r.target for r in s.routes] == ["port1", "port2"]


def test_the_mountain_road_bypasses_the_hub_so_the_hub_is_no_chokepoint(corridor):
    t, c, gov, coast = corridor
    # port2 lies behind port1 (the foreign road is closed), so port1 counts too.
    assert chokepoints(t, c, coast, gov.side) == ("jn", "port1")
    assert chokepoints(t, c.with_transit("LB", True), coast, gov.side) == ()


def test_hub_falling_lengthens_the_route_over_the_mountain(corridor):
    t, c, gov, coast = corridor
    r = what_if(t, c, gov, [coast], [Fall("hub", "reb")])
    after = r.after.lifeline(coast.name)
    assert after.status == "connected"
    assert after.route.places == ("cap", "jn", "mtn", "port1")
    assert after.route.km == 420
    assert r.newly_cut_off == ()


def test_junction_falling_cuts_the_coast_and_splits_the_pockets(corridor):
    t, c, gov, coast = corridor
    r = what_if(t, c, gov, [coast], [Fall("jn", "reb")])
    assert r.after.lifeline(coast.name).status == "cut"
    assert r.newly_cut_off == ("port1", "port2")
    main, other = r.after.pockets
    assert main.main and main.places == ("cap",)
    assert other.places == ("hub", "mtn", "port1", "port2") and not other.main
    # Capture is a flip: the rebels now hold the junction.
    assert r.control_after.holder("jn") == "reb"
    assert c.holder("jn") == "gov"


def test_open_transit_gives_a_foreign_route(corridor):
    t, c, gov, coast = corridor
    r = what_if(t, c, gov, [coast], [Fall("jn", "reb"), OpenTransit("LB")])
    after = r.after.lifeline(coast.name)
    assert after.status == "connected"
    assert after.route.places == ("cap", "xa", "xb", "port2")
    assert r.newly_cut_off == ()


def test_source_and_target_lost(corridor):
    t, c, gov, coast = corridor
    assert lifeline_status(t, apply_events(c, [Fall("cap", "reb")]), coast, gov.side).status == "source-lost"
    both = apply_events(c, [Fall("port1", "reb"), Fall("port2", "reb")])
    assert lifeline_status(t, both, coast, gov.side).status == "target-lost"


def test_a_target_is_a_chokepoint_when_the_other_target_lies_behind_it(corridor):
    t, c, gov, coast = corridor
    c2 = apply_events(c, [Fall("hub", "reb")])
    # Route now cap-jn-mtn-port1-port2: port1 carries the only way to port2.
    assert chokepoints(t, c2, coast, gov.side) == ("jn", "mtn", "port1")
    single = Lifeline("Capital - port 1", "gov", "cap", ("port1",))
    assert chokepoints(t, c2, single, gov.side) == ("jn", "mtn")


def test_cut_road_and_contested_policy(corridor):
    t, c, gov, coast = corridor
    cut = apply_events(c, [CutRoad("jn", "hub"), CutRoad("mtn", "port1")])
    assert lifeline_status(t, cut, coast, gov.side).status == "cut"
    contested = apply_events(c, [Contest("jn")])
    assert lifeline_status(t, contested, coast, gov.side).status == "connected"
    closed = Control(contested.holdings, contested.cut_roads, contested.open_transit, "closed")
    assert lifeline_status(t, closed, coast, gov.side).status == "cut"


def test_allies_places_are_passable(corridor):
    t, c, gov, coast = corridor
    c2 = apply_events(c, [Fall("jn", "militia")])
    assert lifeline_status(t, c2, coast, gov.side).status == "cut"
    allied = Faction("gov", frozenset({"militia"}), "reb", "cap", gov.strongholds)
    assert lifeline_status(t, c2, coast, allied.side).status == "connected"


def test_main_pocket_is_the_capitals_not_the_largest(corridor):
    t, c, gov, coast = corridor
    c2 = apply_events(c, [Fall("jn", "reb")])
    ps = pockets(t, c2, gov)
    assert ps[0].main and ps[0].places == ("cap",)
    assert len(ps[1].places) > len(ps[0].places)


def test_capital_lost_leaves_no_main_pocket(corridor):
    t, c, gov, coast = corridor
    a = assess(t, apply_events(c, [Fall("cap", "reb")]), gov, [coast])
    assert a.main_pocket is None
    assert a.strongholds == {"cap": "lost", "port1": "cut-off", "port2": "cut-off"}


def test_inputs_are_never_mutated(corridor):
    t, c, gov, coast = corridor
    edges = sorted(t.graph.edges())
    what_if(t, c, gov, [coast], [Fall("jn", "reb"), CutRoad("hub", "port1")])
    assert sorted(t.graph.edges()) == edges
    assert c.holder("jn") == "gov" and not c.cut_roads


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


@pytest.mark.parametrize("events", [[Fall("port1", "reb")], [CutRoad("port1", "port2")]])
def test_events_leave_the_old_control_alone(corridor, events):
    _, c, _, _ = corridor
    after = apply_events(c, events)
    assert after != c
    assert c.holder("port1") == "gov" and not c.cut_roads
