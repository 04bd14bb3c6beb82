"""The array engine against the networkx one, on random theatres in both forms.

Each random theatre is analysed twice: as values with dict holdings (networkx
views) and as columns with holdings as arrays (:mod:`sim.analysis.engine`). Road
lengths are distinct powers of two, so every shortest route is unique and the two
engines must agree exactly, routes included.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.analysis import size
from sim.analysis.whatif import assess, what_if
from sim.columns import columnar
from sim.control import Control, Faction, Holding, Lifeline
from sim.events import Fall
from sim.holdings import as_table
from sim.model import Place, Road, Theatre, road_key


@st.composite
def cases(draw, max_nodes=12):
    n = draw(st.integers(1, max_nodes))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    edges = draw(st.lists(st.sampled_from(pairs), max_size=min(len(pairs), 20), unique=True)) \
        if pairs else []
    foreign = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    pops = draw(st.lists(st.one_of(st.none(), st.integers(0, 1000)), min_size=n, max_size=n))
    places = [Place(f"p{i}", f"P{i}", 0.0, float(i), country="LB" if foreign[i] else "SY",
                    population=pops[i]) for i in range(n)]
    roads = [Road(f"p{a}", f"p{b}", float(2 ** k)) for k, (a, b) in enumerate(edges)]
    theatre = Theatre.build("rand", "Random", "SY", places, roads)
    holdings = {}
    for i in range(n):
        who = draw(st.sampled_from(["gov", "gov", "ally", "reb", None]))
        if who and not foreign[i]:
            holdings[f"p{i}"] = Holding(who, draw(st.sampled_from(["held", "held", "contested"])))
    ids = [f"p{i}" for i in range(n)]
    cut = draw(st.lists(st.sampled_from(edges), max_size=2, unique=True)) if edges else []
    control = Control(holdings, frozenset(road_key(f"p{a}", f"p{b}") for a, b in cut),
                      frozenset({"LB"}) if draw(st.booleans()) else frozenset(),
                      draw(st.sampled_from(["holder", "closed"])))
    gov = Faction("gov", frozenset({"ally"}), "reb", draw(st.sampled_from(ids)),
                  tuple(draw(st.lists(st.sampled_from(ids), max_size=4, unique=True))))
    lifelines = [Lifeline(f"L{k}", "gov", draw(st.sampled_from(ids)),
                          tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3,
                                              unique=True))))
                 for k in range(draw(st.integers(0, 2)))]
    fallen = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
    return theatre, control, gov, lifelines, fallen


def as_arrays(theatre, control):
    big = columnar(theatre)
    from dataclasses import replace
    return big, replace(control, holdings=as_table(big, control.holdings))


@pytest.fixture
def arrays_always(monkeypatch):
    monkeypatch.setattr(size, "NX_LIMIT", 0)


@settings(max_examples=150, deadline=None)
@given(cases())
def test_assessments_agree(case):
    theatre, control, gov, lifelines, _ = case
    slow = assess(theatre, control, gov, lifelines)
    big, table = as_arrays(theatre, control)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(size, "NX_LIMIT", 0)
        fast = assess(big, table, gov, lifelines)
    assert fast == slow


@settings(max_examples=100, deadline=None)
@given(cases())
def test_what_ifs_agree(case):
    theatre, control, gov, lifelines, fallen = case
    events = [Fall(p, "reb") for p in fallen]
    slow = what_if(theatre, control, gov, lifelines, events)
    big, table = as_arrays(theatre, control)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(size, "NX_LIMIT", 0)
        fast = what_if(big, table, gov, lifelines, events)
    assert (fast.before, fast.after, fast.change, dict(fast.restorers)) == \
        (slow.before, slow.after, slow.change, dict(slow.restorers))
    assert dict(fast.control_after.holdings) == dict(slow.control_after.holdings)


def _syria_both(name="syria-2024-12-06"):
    import sim
    s = sim.load(name)
    big = columnar(s.theatre)
    from dataclasses import replace
    return s, replace(s, theatre=big, control=replace(s.control,
                                                      holdings=as_table(big, s.control.holdings)))


def test_every_fall_of_the_bundled_scenario_reads_the_same_on_arrays(monkeypatch):
    """Every held place's fall: the same JSON answer (verdict, routes, pockets, change)
    from the networkx engine on the theatre as values and from the array engine on the
    theatre as columns."""
    import sim
    small, big = _syria_both()
    held = [p for p in small.theatre.places if small.control.holder(p)]
    slow = [sim.what_if(small, fall=[p]).json() for p in held]
    monkeypatch.setattr(size, "NX_LIMIT", 0)
    fast = [sim.what_if(big, fall=[p]).json() for p in held]
    assert len(held) > 90 and fast == slow


@pytest.mark.parametrize("fmt", ["geojson", "graphml", "csv"])
def test_the_bundled_scenario_shows_and_exports_the_same_on_arrays(monkeypatch, fmt):
    import sim
    small, big = _syria_both()
    slow = (sim.show(small).text(), sim.export(small, fmt).text())
    monkeypatch.setattr(size, "NX_LIMIT", 0)
    assert (sim.show(big).text(), sim.export(big, fmt).text()) == slow


@settings(max_examples=120, deadline=None)
@given(cases(), st.integers(1, 4), st.booleans(), st.data())
def test_routes_agree(case, k, peace, data):
    from sim.analysis.routes import find_routes
    theatre, control, gov, _, _ = case
    ids = list(theatre.places)
    if len(ids) < 2:
        return
    a, b = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
    slow = find_routes(theatre, control, gov, a, b, k=k, ignore_control=peace)
    big, table = as_arrays(theatre, control)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(size, "NX_LIMIT", 0)
        fast = find_routes(big, table, gov, a, b, k=k, ignore_control=peace)
    assert fast == slow
