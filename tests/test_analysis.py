"""The analysis as a whole: events feed it new controls and it never changes its inputs.

Tests about one analysis module live in that module's file (``test_pockets.py``,
``test_lifelines.py``, ``test_whatif.py`` ...).
"""

from __future__ import annotations

import pytest

from sim.events import CutRoad, Fall, apply_events


@pytest.mark.parametrize("events", [[Fall("port1", "reb")], [CutRoad("port1", "port2")]])
def test_events_leave_the_old_control_alone(corridor, events):
    _, c, _, _ = corridor
    after = apply_events(c, events)
    assert after != c
    assert c.holder("port1") == "gov" and not c.cut_roads
