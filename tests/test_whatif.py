"""What-if: a faction assessed before and after events, on the corridor."""

from __future__ import annotations

from sim.analysis import assess, what_if
from sim.analysis.whatif import restoring_roads
from sim.events import CutRoad, Fall, OpenTransit, apply_events


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


def test_reopening_a_cut_road_is_offered_when_it_alone_restores_the_lifeline(corridor):
    t, c, gov, coast = corridor
    r = what_if(t, c, gov, [coast], [CutRoad("jn", "hub"), CutRoad("jn", "mtn")])
    assert r.after.lifeline(coast.name).status == "cut"
    offered = {key: s.route.km for key, s in r.restorers[coast.name]}
    assert offered == {("hub", "jn"): 360, ("jn", "mtn"): 420}
    assert restoring_roads(t, r.control_after, coast, gov.side)[0][0] == ("hub", "jn")


def test_names_are_not_ids_in_the_analysis(corridor):
    """A name where an id belongs is refused with the closest ids, never a new holding."""
    import pytest

    from sim.analysis import what_if
    from sim.analysis.cuts import min_cut
    from sim.analysis.routes import find_routes
    from sim.errors import UnknownNameError
    from sim.events import Fall

    t, control, gov, coast = corridor
    with pytest.raises(UnknownNameError, match="did you mean: hub"):
        what_if(t, control, gov, [coast], [Fall("Hub", "reb")])
    with pytest.raises(UnknownNameError):
        find_routes(t, control, gov, "Cap", "port1")
    with pytest.raises(UnknownNameError):
        min_cut(t, control, gov, "cap", ["Port1"])
