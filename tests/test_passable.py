"""Passability: own and allied places, contested places by policy, foreign transit, cut roads."""

from __future__ import annotations

from sim.analysis import lifeline_status, passable_graph, passable_places
from sim.control import Control, Faction
from sim.events import Contest, CutRoad, Fall, apply_events


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


def test_the_places_of_the_corridor_by_who_holds_them_and_the_border(corridor):
    t, c, gov, coast = corridor
    home = {"cap", "jn", "hub", "port1", "port2", "mtn"}
    assert passable_places(t, c, gov.side) == home
    assert passable_places(t, c.with_transit("LB", True), gov.side) == home | {"xa", "xb"}
    assert passable_places(t, c.with_holder("hub", "reb"), gov.side) == home - {"hub"}
    assert passable_places(t, c, {"reb"}) == frozenset()


def test_a_cut_road_leaves_both_ends_passable_but_not_the_road(corridor):
    t, c, gov, coast = corridor
    view = passable_graph(t, c.with_road("hub", "jn", cut=True), gov.side)
    assert "hub" in view and "jn" in view
    assert not view.has_edge("jn", "hub") and view.has_edge("hub", "port1")
    assert t.graph.has_edge("jn", "hub")  # a view: the theatre keeps its road
