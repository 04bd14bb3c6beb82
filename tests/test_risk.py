"""Risk: estimates converge to the exact probabilities found by enumeration."""

from __future__ import annotations

import math
from itertools import product

import pytest
from hypothesis import given, settings
from strategies import assess_after, risk_cases

from sim.analysis.risk import MAX_TRIALS, default_at_risk, estimate_risk as risk, wilson
from sim.control import Control, Faction, Lifeline
from sim.errors import InputError
from sim.model import Place, Road, Theatre


def test_two_parallel_roads_are_cut_only_when_both_fall():
    t = Theatre.build("d", "D", "SY", [Place(i, i.title(), 0, n) for n, i in
                                        enumerate(["cap", "a", "b", "port"])],
                      [Road("cap", "a", 1), Road("cap", "b", 1), Road("a", "port", 1),
                       Road("b", "port", 1)])
    c = Control.of(dict.fromkeys(t.places, "gov"))
    gov = Faction("gov", capital="cap", strongholds=("cap", "port"))
    coast = Lifeline("C", "gov", "cap", ("port",))
    r = risk(t, c, gov, [coast], {"a": 0.6, "b": 0.5}, trials=40000, seed=7)
    est = r.lifelines[0].cut
    low, high = est.interval
    assert low <= 0.3 <= high
    port = next(s for s in r.strongholds if s.place == "port")
    assert port.cut_off.hits == est.hits and port.lost.hits == 0


def test_same_seed_same_numbers_and_contested_places_are_the_default(corridor):
    t, c, gov, coast = corridor
    c = c.with_holder("jn", "gov", status="contested").with_holder("hub", "gov", status="contested")
    assert default_at_risk(t, c, gov) == {"hub": 0.5, "jn": 0.5}
    a = risk(t, c, gov, [coast], trials=1000, seed=3)
    b = risk(t, c, gov, [coast], trials=1000, seed=3)
    assert a == b
    assert a.at_risk == (("hub", 0.5), ("jn", 0.5))
    # jn is a chokepoint: the coast is cut whenever it falls.
    assert abs(a.lifelines[0].cut.probability - 0.5) < 0.06


def test_bad_input_is_refused(corridor):
    t, c, gov, coast = corridor
    with pytest.raises(InputError, match="no contested place"):
        risk(t, c, gov, [coast])
    with pytest.raises(InputError, match="between 0 and 1"):
        risk(t, c, gov, [coast], {"jn": 1.5})
    with pytest.raises(InputError, match="changes nothing"):
        risk(t, c.with_holder("jn", "reb"), gov, [coast], {"jn": 0.5})
    with pytest.raises(InputError, match="trials"):
        risk(t, c, gov, [coast], {"jn": 0.5}, trials=0)


def test_errors_name_the_parameters_not_command_line_flags(corridor):
    t, c, gov, coast = corridor
    with pytest.raises(InputError) as no_trials:
        risk(t, c, gov, [coast], {"jn": 0.5}, trials=0)
    assert no_trials.value.key == "trials"
    assert no_trials.value.message == "trials must be at least 1, got 0"
    with pytest.raises(InputError) as nothing:
        risk(t, c, gov, [coast])
    assert nothing.value.key == "probabilities" and "--" not in nothing.value.message
    with pytest.raises(InputError) as bad:
        risk(t, c, gov, [coast], {"jn": 1.5, "hub": -1})
    # Every bad chance at once.
    assert bad.value.key == "probabilities" and bad.value.message.count("between 0 and 1") == 2


def test_trials_have_a_stated_upper_limit_and_seeds_a_lower_one(corridor):
    t, c, gov, coast = corridor
    assert MAX_TRIALS == 10**8
    for trials in (MAX_TRIALS + 1, 10**12):
        with pytest.raises(InputError) as too_many:
            risk(t, c, gov, [coast], {"jn": 0.5}, trials=trials)
        assert too_many.value.key == "trials"
        assert too_many.value.message.startswith(
            f"trials must be at most 100,000,000, got {trials:,} (")
    with pytest.raises(InputError) as negative:
        risk(t, c, gov, [coast], {"jn": 0.5}, seed=-1)
    assert negative.value.key == "seed"
    assert negative.value.message == "seed must be at least 0, got -1"
    assert risk(t, c, gov, [coast], {"jn": 0.5}, trials=10, seed=None).trials == 10


def test_progress_is_reported_chunk_by_chunk_and_ends_at_the_total(corridor):
    t, c, gov, coast = corridor
    calls = []
    watched = risk(t, c, gov, [coast], {"jn": 0.5, "hub": 0.3}, trials=200_000, seed=4,
                   progress=lambda done, total: calls.append((done, total)))
    done = [d for d, _ in calls]
    assert len(calls) > 1 and done == sorted(set(done))  # strictly growing, chunk by chunk
    assert all(total == 200_000 for _, total in calls)
    assert calls[-1] == (200_000, 200_000)
    # Watching changes nothing.
    assert watched == risk(t, c, gov, [coast], {"jn": 0.5, "hub": 0.3}, trials=200_000, seed=4)


def test_wilson_interval_is_the_textbook_one():
    low, high = wilson(81, 263)
    assert math.isclose(low, 0.2553, abs_tol=1e-4) and math.isclose(high, 0.3662, abs_tol=1e-4)


# ---------------------------------------------------------------- oracle


def exact(t, c, gov, lifelines, probs):
    """Enumerate every combination of falls and weigh it by its probability."""
    places = sorted(probs)
    cut = {ll.name: 0.0 for ll in lifelines}
    off = {s: 0.0 for s in gov.strongholds}
    lost = {s: 0.0 for s in gov.strongholds}
    for falls in product([False, True], repeat=len(places)):
        weight = 1.0
        for p, f in zip(places, falls):
            weight *= probs[p] if f else 1 - probs[p]
        if weight == 0:
            continue
        a = assess_after(t, c, gov, lifelines, [p for p, f in zip(places, falls) if f])
        for s in a.lifelines:
            if s.status != "connected":
                cut[s.lifeline.name] += weight
        for s, state in a.strongholds.items():
            off[s] += weight * (state == "cut-off")
            lost[s] += weight * (state == "lost")
    return cut, off, lost


def close(estimate, p, trials) -> bool:
    p = min(max(p, 0.0), 1.0)
    return abs(estimate.probability - p) <= 5 * math.sqrt(p * (1 - p) / trials) + 1e-9


@settings(max_examples=120, deadline=None)
@given(risk_cases())
def test_estimates_converge_to_exact_probabilities(case):
    if case is None:
        return
    t, c, gov, lifelines, probs = case
    trials = 4000
    r = risk(t, c, gov, lifelines, probs, trials=trials, seed=11)
    cut, off, lost = exact(t, c, gov, lifelines, probs)
    for lr in r.lifelines:
        assert close(lr.cut, cut[lr.lifeline.name], trials), lr
    for sr in r.strongholds:
        assert close(sr.cut_off, off[sr.place], trials), sr
        assert close(sr.lost, lost[sr.place], trials), sr


# ---------------------------------------------------------------- CLI


def test_cli_risk_is_seeded_and_reads_chances():
    import json

    from typer.testing import CliRunner

    from sim.cli import app

    runner = CliRunner()
    args = ["risk", "--faction", "government", "--p", "homs=0.6", "--trials", "2000",
            "--seed", "5"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert first.stdout == runner.invoke(app, args).stdout
    assert "Homs 0.6" in first.stdout
    doc = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert doc["schema"] == "sim.risk/1" and doc["at_risk"]["homs"] == 0.6
    coast = next(x for x in doc["lifelines"] if x["name"] == "Damascus - the coast")
    assert coast["cut"]["low"] <= 0.6 <= coast["cut"]["high"]
    bad = runner.invoke(app, ["risk", "-f", "government", "--p", "homs=lots"])
    assert bad.exit_code == 2 and bad.stderr.startswith("error:")


def test_a_held_stronghold_closed_by_fighting_is_cut_off_not_lost(corridor):
    """Under a closed policy a contested stronghold is impassable but still held: risk
    calls it cut off, as the what-if does, and never lost."""
    from sim.analysis import assess
    from sim.analysis.risk import estimate_risk
    from sim.control import Control, Holding

    t, control, gov, coast = corridor
    closed = Control({**control.holdings, "port2": Holding("gov", "contested")},
                     contested="closed")
    assert assess(t, closed, gov, [coast]).strongholds["port2"] == "cut-off"
    result = estimate_risk(t, closed, gov, [coast], {"hub": 0.5}, trials=256, seed=1)
    port2 = next(s for s in result.strongholds if s.place == "port2")
    assert port2.now == "cut-off" and port2.lost.hits == 0 and port2.cut_off.hits == 256
