"""Pairs of falls: toy maps with known answers, and the brute-force oracle on random graphs."""

from __future__ import annotations

import json
from itertools import combinations

import pytest
from hypothesis import given, settings, strategies as st
from strategies import assess_after, draw_edges, draw_faction, draw_lifelines, main_places
from typer.testing import CliRunner

import sim
from sim.analysis import assess, passable_places
from sim.analysis.pairs import critical_pairs
from sim.cli import app
from sim.control import Control, Faction, Lifeline
from sim.errors import InputError
from sim.model import Place, Road, Theatre

runner = CliRunner()


def two_roads():
    """cap - north - port and cap - south - port, and a spur from port to a farm:
    either road alone keeps the port, both together cut it off."""
    t = Theatre.build("d", "D", "SY", [Place(i, i.title(), 0, n, population=10 * (n + 1))
                                        for n, i in enumerate(["cap", "north", "south", "port",
                                                               "farm"])],
                      [Road("cap", "north", 1), Road("cap", "south", 1), Road("north", "port", 1),
                       Road("south", "port", 1), Road("port", "farm", 1)])
    gov = Faction("gov", adversary="reb", capital="cap", strongholds=("cap", "port"))
    coast = Lifeline("Capital - the coast", "gov", "cap", ("port",))
    return t, Control.of(dict.fromkeys(t.places, "gov")), gov, coast


def test_two_parallel_roads_are_cut_only_together():
    t, c, gov, coast = two_roads()
    result = critical_pairs(t, c, gov, [coast])
    assert (result.held, result.candidates, result.considered) == (5, 4, 6)
    best = result.pairs[0]
    assert best.places == ("north", "south")
    assert best.lifelines == (coast.name,) and best.strongholds == ("port",)
    assert best.population == 40 + 50  # port and farm; the fallen roads' towns are lost
    # Neither road alone cuts anything: all of it is the pair's own.
    assert (best.beyond_lifelines, best.beyond_strongholds, best.beyond_population) == \
        ((coast.name,), ("port",), 90)
    # The port's own fall ends the lifeline: every pair with it cuts it, and the farm too.
    port_pairs = [p for p in result.pairs if "port" in p.places]
    assert all(p.lifelines_lost == (coast.name,) for p in port_pairs)
    assert all(p.beyond_lifelines == () for p in port_pairs)


def test_ties_are_broken_by_the_places_ids():
    t, c, gov, coast = two_roads()
    ranked = critical_pairs(t, c, gov, [coast], top=100).pairs
    keys = [(-len(p.lifelines), -len(p.strongholds), -p.population, -p.unknown, p.places)
            for p in ranked]
    assert keys == sorted(keys) and len(set(p.places for p in ranked)) == len(ranked)


def test_top_and_refusals():
    t, c, gov, coast = two_roads()
    assert len(critical_pairs(t, c, gov, [coast], top=2).pairs) == 2
    none = critical_pairs(t, c, gov, [coast], top=0)
    assert none.top == 0 and none.harmful == 4 and none.pairs[0].places == ("north", "south")
    with pytest.raises(InputError) as bad:
        critical_pairs(t, c, gov, [coast], top=-1)
    assert bad.value.key == "top"
    with pytest.raises(InputError) as both:
        critical_pairs(t, c, gov, [coast], workers=2, scheduler="tcp://127.0.0.1:1")
    assert both.value.key == "workers"


def test_a_faction_with_fewer_than_two_places_has_no_pair():
    t, c, gov, coast = two_roads()
    c = Control.of({"cap": "gov", "north": "gov", "south": "reb", "port": "reb", "farm": "reb"})
    result = critical_pairs(t, c, gov, [coast])
    assert (result.candidates, result.considered, result.pairs) == (1, 0, ())
    scen = sim.load("syria-2024-12-06")
    druze = sim.critical(scen, faction="druze", pairs=True)
    assert druze.value.held == 1 and druze.verdict == (
        "The Druze factions hold fewer than two places to pass through besides the capital, "
        "so there is no pair of falls to judge.")
    nobody = sim.critical(scen, faction="islamic-state", pairs=True)
    assert nobody.verdict.startswith("The Islamic State holds no place in this scenario")


# ---------------------------------------------------------------- oracle

@st.composite
def pair_cases(draw, max_nodes=9):
    """A random theatre with places of unknown population and a foreign one, the control
    (some places contested, a contested policy), gov and its lifelines."""
    n = draw(st.integers(2, max_nodes))
    edges = draw_edges(draw, n, max_size=2 * n)
    countries = ["SY"] * (n - 1) + [draw(st.sampled_from(["SY", "LB"]))]
    pops = draw(st.lists(st.one_of(st.none(), st.integers(0, 50)), min_size=n, max_size=n))
    t = Theatre.build("r", "R", "SY", [Place(f"p{i}", f"P{i}", 0.0, float(i),
                                             country=countries[i], population=pops[i])
                                       for i in range(n)],
                      [Road(f"p{a}", f"p{b}", 10.0 + a + b) for a, b in edges])
    holders = draw(st.lists(st.sampled_from(["gov", "gov", "gov", "ally", "reb"]),
                            min_size=n, max_size=n))
    contested = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    c = Control.of({f"p{i}": holders[i] for i in range(n) if countries[i] == "SY"},
                   contested=draw(st.sampled_from(["holder", "closed"])),
                   open_transit=frozenset(draw(st.sets(st.just("LB")))))
    for i in range(n):
        if contested[i] and countries[i] == "SY":
            c = c.with_holder(f"p{i}", holders[i], status="contested")
    ids = [f"p{i}" for i in range(n)]
    home = ids[:n - 1] if countries[-1] == "LB" else ids
    gov = draw_faction(draw, home, max_strongholds=4)
    return t, c, gov, draw_lifelines(draw, ids, max_count=3, max_targets=3)


def _what_falls_cut(t, c, gov, lifelines, before, fallen):
    """Recomputed from scratch (networkx): lifelines cut or ended, strongholds cut off, and
    the faction's own home places pushed out of the main pocket, the fallen aside."""
    after = assess_after(t, c, gov, lifelines, fallen)
    cut = tuple(b.lifeline.name for b, a in zip(before.lifelines, after.lifelines)
                if b.status == "connected" and a.status != "connected")
    strong = {s for s, state in after.strongholds.items()
              if before.strongholds.get(s) == "connected" and state == "cut-off"}
    places = {p for p in main_places(before) - main_places(after) - set(fallen)
              if c.holder(p) == "gov" and t.places[p].country == t.home_country}
    return cut, strong, places


def _people(t, places):
    return (sum(t.places[p].population or 0 for p in places),
            sum(t.places[p].population is None for p in places))


def brute_force(t, c, gov, lifelines):
    """Every pair of candidates, each fallen for real and the faction assessed again."""
    own = [ll for ll in lifelines if ll.faction == gov.id]
    before = assess(t, c, gov, own)
    open_ = passable_places(t, c, gov.side)
    candidates = sorted(p for p in c.places_of("gov") if p in open_ and p != gov.capital)
    single = {p: _what_falls_cut(t, c, gov, own, before, [p]) for p in candidates}
    out = {}
    for x, y in combinations(candidates, 2):
        cut, strong, places = _what_falls_cut(t, c, gov, own, before, [x, y])
        if not (cut or strong or any(_people(t, places))):  # places of 0 people cut nothing
            continue
        (cx, sx, px), (cy, sy, py) = single[x], single[y]
        out[(x, y)] = (cut, tuple(sorted(strong)), *_people(t, places),
                       tuple(n for n in cut if n not in cx and n not in cy),
                       tuple(sorted(strong - sx - sy)), *_people(t, places - px - py))
    return candidates, out


@settings(max_examples=200, deadline=None)
@given(pair_cases())
def test_the_pairs_equal_removing_each_pair_and_rechecking(case):
    t, c, gov, lifelines = case
    candidates, slow = brute_force(t, c, gov, lifelines)
    fast = critical_pairs(t, c, gov, lifelines, top=len(candidates) ** 2 + 1)
    assert fast.candidates == len(candidates)
    assert fast.harmful == len(slow)
    got = {e.places: (e.lifelines, e.strongholds, e.population, e.unknown, e.beyond_lifelines,
                      e.beyond_strongholds, e.beyond_population, e.beyond_unknown)
           for e in fast.pairs}
    assert got == slow
    order = sorted(slow, key=lambda k: (-len(slow[k][0]), -len(slow[k][1]), -slow[k][2],
                                        -slow[k][3], k))
    assert [e.places for e in fast.pairs] == order
    # The same answer whatever the chunking, and from the top of the ranking alone.
    assert critical_pairs(t, c, gov, lifelines, top=len(candidates) ** 2 + 1, chunks=3) == fast
    assert critical_pairs(t, c, gov, lifelines, top=2).pairs == fast.pairs[:2]


# ---------------------------------------------------------------- the library and the command

def test_the_same_answer_and_json_in_any_number_of_chunks():
    scen = sim.load("syria-2024-12-06")
    serial = sim.critical(scen, faction="government", pairs=True, top=20)
    for chunks in (1, 2, 3, 7):
        other = sim.critical(scen, faction="government", pairs=True, top=20, chunks=chunks)
        assert other.value == serial.value
        assert other.json() == serial.json()


def test_progress_counts_the_sweeps():
    scen = sim.load("syria-2024-12-06")
    calls = []
    answer = sim.critical(scen, faction="government", pairs=True, chunks=5,
                          progress=lambda done, total: calls.append((done, total)))
    sweeps = answer.value.candidates - 1
    assert len(calls) == 5 and calls[-1] == (sweeps, sweeps)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_cli_pairs_report_and_json():
    r = runner.invoke(app, ["critical", "syria-2024-12-06", "-f", "government", "--pairs",
                            "--top", "3"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("The two government places, the capital aside, whose falls "
                               "together would cut the most are Dumayr and Qutayfah: together "
                               "they cut Damascus off from the coast")
    assert "1  Dumayr + Qutayfah" in r.stdout and "neither fall alone cuts any of it" in r.stdout
    doc = json.loads(runner.invoke(app, ["critical", "syria-2024-12-06", "-f", "government",
                                         "--pairs", "--json"]).stdout)
    assert doc["schema"] == "sim.critical-pairs/1" and len(doc["pairs"]) == 10
    first = doc["pairs"][0]
    assert first["rank"] == 1 and first["places"] == ["dumayr", "qutayfah"]
    assert first["beyond"]["strongholds"] == first["strongholds"]
    # The single sweep takes no cluster: that is refused, in one line.
    bad = runner.invoke(app, ["critical", "-f", "government", "--workers", "2"])
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1
    assert bad.stderr.startswith("error: [--workers]: only the ranking of pairs")


def test_the_progress_bar_is_off_under_json_even_on_a_terminal():
    import io

    from sim.cli.questions import progress_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    with progress_bar("Sweeps", Terminal(), enabled=False) as callback:
        assert callback is None
    screen = Terminal()
    with progress_bar("Sweeps", screen, delay=0) as callback:
        sim.critical(sim.load(), faction="government", pairs=True, progress=callback)
    assert "Sweeps" in screen.getvalue()
