"""Events: a capture is a flip, events never touch the old control, and events naming
what the theatre lacks are refused."""

from __future__ import annotations

import pytest

from sim.control import Control
from sim.errors import InputError, UnknownNameError
from sim.events import (CloseTransit, Contest, CutRoad, Fall, OpenRoad, OpenTransit,
                        apply_events, check_events)


def test_a_fall_flips_the_holder_and_leaves_the_place(corridor):
    t, control, *_ = corridor
    after = apply_events(control, [Fall("hub", "reb")])
    assert after.holder("hub") == "reb" and control.holder("hub") == "gov"
    assert "hub" in t.places


def test_contest_keeps_the_holder_and_roads_and_transit_toggle(corridor):
    _, control, *_ = corridor
    after = apply_events(control, [Contest("hub"), CutRoad("jn", "hub"), OpenTransit("LB")])
    assert after.holder("hub") == "gov" and after.is_contested("hub")
    assert ("hub", "jn") in after.cut_roads and "LB" in after.open_transit
    back = apply_events(after, [OpenRoad("jn", "hub"), CloseTransit("LB")])
    assert not back.cut_roads and not back.open_transit


def test_contesting_an_unheld_place_changes_nothing():
    c = Control.of({"a": "gov"})
    assert apply_events(c, [Contest("b")]) == c


@pytest.mark.parametrize("event, error, words", [
    (Fall("Hub", "reb"), UnknownNameError, "unknown place id 'Hub'; did you mean: hub?"),
    (Contest("harbour"), UnknownNameError, "unknown place id 'harbour'"),
    (CutRoad("cap", "hub"), InputError, "no road joins cap and hub"),
])
def test_events_naming_what_the_theatre_lacks_are_refused(corridor, event, error, words):
    t, *_ = corridor
    with pytest.raises(error, match=words):
        check_events(t, [event])


def test_events_the_theatre_knows_pass(corridor):
    t, *_ = corridor
    check_events(t, [Fall("hub", "reb"), Contest("jn"), CutRoad("hub", "jn"),
                     OpenTransit("LB"), OpenTransit("TR")])
