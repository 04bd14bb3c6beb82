"""One main-pocket rule: its graph form and its array forms agree on random theatres (hypothesis).

The graph form is :func:`sim.analysis.pockets.pockets`; the array forms are
:func:`~sim.analysis.arrays.main_pocket` (one graph), the criticality sweep's
``main_lost`` (every single removal) and the risk kernel's trials
(:func:`~sim.analysis.arrays.main_pocket_trials`). Property tests of one module
live in that module's file.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st
from strategies import assess_after, main_places, risk_cases, sweep_scenarios

from sim.analysis import assess, passable_places
from sim.analysis.arrays import held_mask, main_pocket, passable_arrays
from sim.analysis.critical import sweep_arrays
from sim.analysis.risk import risk_arrays


def _arrays(t, c, gov):
    graph = passable_arrays(t, c, gov.side)
    arr = graph.arrays
    return graph, arr, arr.index[gov.capital], held_mask(c, gov.id, arr)


@settings(max_examples=200, deadline=None)
@given(sweep_scenarios())
def test_the_array_main_pocket_is_the_graph_main_pocket(case):
    t, c, gov, _ = case
    graph, arr, cap, held = _arrays(t, c, gov)
    fast = {arr.ids[i] for i in np.flatnonzero(main_pocket(graph, cap, held)).tolist()}
    assert fast == main_places(assess(t, c, gov, []))


@settings(max_examples=200, deadline=None)
@given(sweep_scenarios())
def test_the_sweep_loses_the_main_pocket_exactly_when_a_fall_leaves_none(case):
    t, c, gov, _ = case
    graph, arr, cap, held = _arrays(t, c, gov)
    res = sweep_arrays(graph, cap, np.zeros(0, dtype=np.int64), held=held)
    main_before = main_places(assess(t, c, gov, []))
    for place in sorted(passable_places(t, c, gov.side)):
        gone = bool(main_before) and place in main_before and \
            not main_places(assess_after(t, c, gov, [], [place]))
        assert bool(res.main_lost[arr.index[place]]) == gone, place


@settings(max_examples=150, deadline=None)
@given(risk_cases(), st.data())
def test_the_trials_keep_the_main_pocket_exactly_when_the_graph_does(case, data):
    """With chances 0 and 1 every trial is the same: a stronghold is outside the main pocket
    in all of them or in none, as the graph form says after the same falls."""
    if case is None:
        return
    t, c, gov, _, probs = case
    fallen = [p for p in sorted(probs) if data.draw(st.booleans(), label=p)]
    graph, arr, cap, held = _arrays(t, c, gov)
    at_risk = np.asarray([arr.index[p] for p in sorted(probs)], dtype=np.int64)
    p_fall = np.asarray([1.0 if p in fallen else 0.0 for p in sorted(probs)])
    strong = np.asarray([arr.index[s] for s in gov.strongholds], dtype=np.int64)
    trials = 70
    hits = risk_arrays(graph, at_risk, p_fall, cap, strong, [], held, trials,
                       np.random.default_rng(0))
    main_after = main_places(assess_after(t, c, gov, [], fallen))
    for s, off, lost in zip(gov.strongholds, hits["cut_off"], hits["lost"]):
        standing = s in passable_places(t, c, gov.side) and s not in fallen
        assert lost == (0 if standing else trials), s
        assert off == (trials if standing and s not in main_after else 0), s
