"""Lifelines: the shortest passable route to the nearest target, and the statuses."""

from __future__ import annotations

from sim.analysis import lifeline_status
from sim.events import Fall, apply_events


def test_connected_lifeline_takes_the_shortest_route(corridor):
    t, c, gov, coast = corridor
    s = lifeline_status(t, c, coast, gov.side)
    assert s.status == "connected"
    assert s.route.places == ("cap", "jn", "hub", "port1")
    assert s.route.km == 360
    assert [r.target for r in s.routes] == ["port1", "port2"]


def test_source_and_target_lost(corridor):
    t, c, gov, coast = corridor
    assert lifeline_status(t, apply_events(c, [Fall("cap", "reb")]), coast, gov.side).status == "source-lost"
    both = apply_events(c, [Fall("port1", "reb"), Fall("port2", "reb")])
    assert lifeline_status(t, both, coast, gov.side).status == "target-lost"


def test_one_target_lost_leaves_the_lifeline_to_the_other(corridor):
    t, c, gov, coast = corridor
    s = lifeline_status(t, apply_events(c, [Fall("port1", "reb")]), coast, gov.side)
    # port2 lies behind port1, and the foreign road is closed: nothing reaches it.
    assert s.status == "cut" and s.route is None
    opened = lifeline_status(t, apply_events(c.with_transit("LB", True), [Fall("port1", "reb")]),
                             coast, gov.side)
    assert (opened.status, opened.route.places, opened.route.km) == (
        "connected", ("cap", "xa", "xb", "port2"), 860)
