"""Best captures: toy maps with known answers, and brute force over capture sets."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings, strategies as st
from strategies import assess_after, cut_cases, draw_faction, main_places, own_people_cut_off

from sim.analysis import assess
from sim.analysis.captures import EXACT_SWEEPS, best_captures, exact_bound
from sim.control import Control, Faction
from sim.errors import InputError
from sim.model import Place, Road, Theatre


def test_greedy_is_used_and_said_beyond_the_budget(corridor):
    t, c, gov, coast = corridor
    got = best_captures(t, c, gov, 2, exact_sweeps=0)
    assert got.method == "greedy"
    assert got.places == ("jn",)
    assert got.strongholds == ("port1", "port2")
    exact = best_captures(t, c, gov, 2)
    assert exact.method == "exact" and exact.places == ("jn",)


def test_by_population_takes_the_place_behind_which_most_people_live():
    # cap -- a -- port (a stronghold, 10 people); cap -- b -- town (1,000 people).
    t = Theatre.build("c", "C", "SY",
                      [Place("cap", "Cap", 0, 0, population=1), Place("a", "A", 0, 1, population=1),
                       Place("port", "Port", 0, 2, population=10),
                       Place("b", "B", 1, 1, population=1),
                       Place("town", "Town", 1, 2, population=1000)],
                      [Road("cap", "a", 1), Road("a", "port", 1), Road("cap", "b", 1),
                       Road("b", "town", 1)])
    c = Control.of(dict.fromkeys(t.places, "gov"))
    gov = Faction("gov", adversary="reb", capital="cap", strongholds=("cap", "port"))
    by_strongholds = best_captures(t, c, gov, 1)
    assert (by_strongholds.places, by_strongholds.strongholds, by_strongholds.population) == \
        (("a",), ("port",), 10)
    by_people = best_captures(t, c, gov, 1, by="population")
    assert (by_people.places, by_people.strongholds, by_people.population) == \
        (("b",), (), 1000)
    assert best_captures(t, c, gov, 0).places == ()


def test_more_captures_allowed_never_cut_less_when_the_capital_is_an_allys():
    # cap (the ally's, a stronghold) -- own (the faction's, a dead end); far (the faction's) apart.
    t = Theatre.build("c", "C", "SY", [Place(i, i.title(), 0, n, population=0)
                                        for n, i in enumerate(["cap", "own", "far"])],
                      [Road("cap", "own", 1)])
    c = Control.of({"cap": "ally", "own": "gov", "far": "gov"})
    gov = Faction("gov", frozenset({"ally"}), "reb", "cap", ("cap",))
    # Taking the faction's last place by the capital leaves it no main pocket.
    for n in (1, 2, 3):
        got = best_captures(t, c, gov, n)
        assert (got.method, got.places, got.strongholds) == ("exact", ("own",), ("cap",)), n


def test_bad_input_names_the_parameter(corridor):
    t, c, gov, coast = corridor
    with pytest.raises(InputError) as bad_by:
        best_captures(t, c, gov, 1, by="people")
    assert bad_by.value.key == "by"
    assert bad_by.value.message == "by must be strongholds or population, got 'people'"
    with pytest.raises(InputError) as bad_n:
        best_captures(t, c, gov, -1)
    assert bad_n.value.key == "n" and "--" not in bad_n.value.message


# ---------------------------------------------------------------- oracle


def brute_captures(t, c, gov, n, by):
    before = assess(t, c, gov, [])
    main0 = main_places(before)
    side = [p for p, h in c.holdings.items() if h.faction in gov.side and p in main0
            and p != gov.capital]
    best = None
    for k in range(n + 1):
        for subset in combinations(sorted(side), k):
            after = assess_after(t, c, gov, [], subset)
            strong = sum(1 for s, st_ in after.strongholds.items()
                         if before.strongholds.get(s) == "connected" and st_ == "cut-off")
            # People cut off: the faction's own places, not its ally's.
            pop = own_people_cut_off(t, c, main0, main_places(after), subset)
            key = (strong, pop) if by == "strongholds" else (pop, strong)
            best = key if best is None or key > best else best
    return best


@settings(max_examples=120, deadline=None)
@given(cut_cases(max_nodes=8), st.integers(1, 3), st.sampled_from(["strongholds", "population"]),
       st.data())
def test_exact_captures_match_brute_force(case, n, by, data):
    t, c, _, _, _ = case
    ids = sorted(t.places)
    held = [p for p in ids if c.holder(p) == "gov"]
    if not held:
        return
    gov = draw_faction(data.draw, ids, max_strongholds=4, capitals=held)
    got = best_captures(t, c, gov, n, by=by, exact_sweeps=10**6)
    assert got.method == "exact"
    key = ((len(got.strongholds), got.population) if by == "strongholds"
           else (got.population, len(got.strongholds)))
    assert key == brute_captures(t, c, gov, n, by)
    assert len(got.places) <= n


def _faction_on_its_side(t, c, data):
    """``gov`` with a capital its side (it or its ally) holds, or None if it holds none."""
    ids = sorted(t.places)
    side = [p for p in ids if c.holder(p) in ("gov", "ally")]
    return draw_faction(data.draw, ids, max_strongholds=4, capitals=side) if side else None


@settings(max_examples=60, deadline=None)
@given(cut_cases(max_nodes=7), st.integers(1, 2), st.data())
def test_exact_captures_match_brute_force_when_the_capital_may_be_an_allys(case, n, data):
    """The main-pocket rule at work: the capital's piece is a pocket only while it holds
    a place of the faction itself, which captures can take away."""
    t, c, _, _, _ = case
    gov = _faction_on_its_side(t, c, data)
    if gov is None:
        return
    got = best_captures(t, c, gov, n, exact_sweeps=10**6)
    assert got.method == "exact"
    assert (len(got.strongholds), got.population) == brute_captures(t, c, gov, n, "strongholds")


# ---------------------------------------------------------------- bounded work


def ring(n: int, every: int = 3):
    """A ring of ``n`` places p00 .. p(n-1), the capital p00, a stronghold every ``every``."""
    ids = [f"p{i:02d}" for i in range(n)]
    t = Theatre.build("ring", "Ring", "SY", [Place(p, p.upper(), 0, i, population=1)
                                              for i, p in enumerate(ids)],
                      [Road(ids[i], ids[(i + 1) % n], 1) for i in range(n)])
    gov = Faction("gov", adversary="reb", capital="p00", strongholds=tuple(ids[::every]))
    return t, Control.of(dict.fromkeys(ids, "gov")), gov


def test_the_exact_bound_counts_every_level_of_the_search():
    # One sweep for the empty set, one per single capture, one per pair: 1 + 29 + 406.
    assert [exact_bound(29, n) for n in (0, 1, 2, 3)] == [0, 1, 30, 436]
    # Beyond the pool every subset of it may be visited, but no more.
    assert exact_bound(29, 29) == 2**29 - 1
    assert exact_bound(29, 30) == exact_bound(29, 10**12) == 2**29
    # Capped, it stops early (a pool of a million costs no big sums).
    assert EXACT_SWEEPS < exact_bound(10**6, 10**6, cap=EXACT_SWEEPS) < 10**7


def test_many_captures_on_a_ring_stay_within_the_budget_and_find_the_pair():
    t, c, gov = ring(30)
    got = best_captures(t, c, gov, 29)
    assert got.method == "greedy"  # an exact search over 2**29 sets is out of budget
    assert got.sweeps <= EXACT_SWEEPS + 29
    # Exact for as many captures as the budget allows: the capital's two neighbours.
    assert got.places == ("p01", "p29")
    assert len(got.strongholds) == 9
    # Two captures fit the budget exactly: one sweep for nothing taken, one per first capture.
    two = best_captures(t, c, gov, 2)
    assert (two.method, two.places, two.sweeps) == ("exact", ("p01", "p29"), 30)


def test_more_captures_than_places_ask_no_more_than_taking_them_all(corridor):
    t, c, gov, coast = corridor
    every = best_captures(t, c, gov, len(t.places))
    for n in (len(t.places) + 1, 10**12):
        got = best_captures(t, c, gov, n)
        assert got.n == n and got.method == "exact"
        assert (got.places, got.strongholds, got.sweeps) == \
            (every.places, every.strongholds, every.sweeps)
    assert best_captures(t, c, gov, 10**12, exact_sweeps=0).sweeps <= 1 + len(t.places)


def test_the_exact_search_stops_at_its_budget_even_if_the_bound_were_wrong(monkeypatch):
    import sim.analysis.captures as captures

    t, c, gov = ring(30)
    monkeypatch.setattr(captures, "exact_bound", lambda pool, n, cap=None: 0)
    got = best_captures(t, c, gov, 29, exact_sweeps=40)
    assert got.method == "greedy"
    assert got.sweeps <= 40 + 29
    # Greedy alone takes nothing on a ring (no single capture cuts anything off); what the
    # exact search found in its 40 sweeps is kept.
    assert got.strongholds and best_captures(t, c, gov, 29, exact_sweeps=0).places == ()


def test_progress_is_reported_sweep_by_sweep_and_ends_at_the_total():
    t, c, gov = ring(12)
    for n, budget in ((2, EXACT_SWEEPS), (11, EXACT_SWEEPS), (11, 20)):
        calls = []
        got = best_captures(t, c, gov, n, exact_sweeps=budget,
                            progress=lambda done, total: calls.append((done, total)))
        done = [d for d, _ in calls]
        assert done == sorted(done) and all(d <= total for d, total in calls)
        assert calls[-1] == (got.sweeps, got.sweeps)
        assert len(calls) == got.sweeps + 1
    # Watching changes nothing.
    assert best_captures(t, c, gov, 11, exact_sweeps=20) == got


@settings(max_examples=150, deadline=None)
@given(cut_cases(max_nodes=9), st.integers(0, 12), st.integers(0, 40),
       st.sampled_from(["strongholds", "population"]), st.data())
def test_sweeps_never_pass_the_budget_and_what_greedy_needs(case, n, budget, by, data):
    t, c, _, _, _ = case
    gov = _faction_on_its_side(t, c, data)
    if gov is None:
        return
    got = best_captures(t, c, gov, n, by=by, exact_sweeps=budget)
    # The greedy search runs one sweep a capture, and never more captures than places.
    assert got.sweeps <= max(budget, 1) + min(n, len(t.places))
    assert len(got.places) <= n
    if got.method == "exact":
        assert got.sweeps <= max(budget, 1)
        if n <= 3:
            key = ((len(got.strongholds), got.population) if by == "strongholds"
                   else (got.population, len(got.strongholds)))
            assert key == brute_captures(t, c, gov, n, by)


@settings(max_examples=40, deadline=None)
@given(cut_cases(max_nodes=7), st.integers(0, 3), st.data())
def test_exact_captures_beyond_the_places_match_brute_force_over_every_set(case, extra, data):
    t, c, _, _, _ = case
    ids = sorted(t.places)
    held = [p for p in ids if c.holder(p) == "gov"]
    if not held:
        return
    gov = draw_faction(data.draw, ids, max_strongholds=4, capitals=held)
    n = len(ids) + extra
    got = best_captures(t, c, gov, n, exact_sweeps=10**6)
    assert got.method == "exact" and got.sweeps <= 2 ** len(ids)
    assert (len(got.strongholds), got.population) == brute_captures(t, c, gov, n, "strongholds")
