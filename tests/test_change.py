"""Change: what events did to one faction, as one value; on a four-place line.

    a -- b -- c -- d      (a the capital, c a stronghold; 1,000 people in each)
"""

from __future__ import annotations

import pytest

from sim.analysis import what_if
from sim.analysis.change import KINDS, Change, LifelineChange, largest
from sim.analysis.pockets import Pocket
from sim.control import Control, Faction, Lifeline
from sim.events import Fall
from sim.model import Place, Road, Theatre


@pytest.fixture
def line():
    t = Theatre.build("line", "Line", "SY",
                      [Place(i, i.upper(), 0, n, population=1000) for n, i in enumerate("abcd")],
                      [Road("a", "b", 100), Road("b", "c", 100), Road("c", "d", 100)])
    gov = Faction("gov", adversary="reb", capital="a", strongholds=("a", "c"))
    return t, gov, Lifeline("A - C", "gov", "a", ("c",))


def test_a_fall_in_the_middle_cuts_off_what_lies_beyond(line):
    t, gov, ll = line
    ch = what_if(t, Control.of(dict.fromkeys("abcd", "gov")), gov, [ll], [Fall("b", "reb")]).change
    assert ch.kinds == ("lifeline-cut", "stronghold-cut-off", "places-lost", "places-isolated")
    assert (ch.strongholds_cut_off, ch.places_isolated, ch.places_lost) == (("c",), ("d",), ("b",))
    assert (ch.people_cut_off, ch.people_lost) == (2000, 1000)
    assert ch.pockets_after == 2 and ch.largest_after.places == ("c", "d")
    assert not ch.capital_lost and ch.held_after == 3


def test_retaking_the_middle_reconnects_and_rejoins(line):
    t, gov, ll = line
    cut = Control.of({"a": "gov", "b": "reb", "c": "gov", "d": "gov"})
    ch = what_if(t, cut, gov, [ll], [Fall("b", "gov")]).change
    assert ch.kinds == ("lifeline-restored", "stronghold-reconnected", "places-rejoined",
                        "places-gained")
    assert (ch.strongholds_reconnected, ch.places_rejoined, ch.places_gained,
            ch.gained_joined) == (("c",), ("d",), ("b",), ("b",))
    assert ch.people_cut_off == 0 and ch.pockets_after == 1


def test_the_capitals_fall_is_the_gravest_change(line):
    t, gov, ll = line
    ch = what_if(t, Control.of(dict.fromkeys("abcd", "gov")), gov, [ll], [Fall("a", "reb")]).change
    assert ch.capital_lost and ch.kind == "capital-lost"
    assert ch.strongholds_lost == ("a",) and "lifeline-lost" in ch.kinds


def test_kinds_come_gravest_first_and_nothing_only_when_empty():
    assert Change("gov").kinds == ("nothing",) and Change("gov").empty
    assert Change("gov", places_gained=("x",), capital_lost=True).kinds == \
        ("capital-lost", "places-gained")
    # A stronghold lost is not counted again among the places lost.
    assert Change("gov", strongholds_lost=("s",), places_lost=("s",)).kinds == ("stronghold-lost",)
    assert KINDS[0] == "capital-lost" and KINDS[-1] == "nothing"


@pytest.mark.parametrize("before, after, km_before, km_after, kind", [
    ("connected", "cut", 100, None, "cut"),
    ("connected", "target-lost", 100, None, "lost"),
    ("connected", "connected", 100, 140, "longer"),
    ("connected", "connected", 140, 100, "shorter"),
    ("connected", "connected", 100, 100.04, ""),
    ("cut", "connected", None, 100, "restored"),
    ("cut", "source-lost", None, None, ""),
])
def test_a_lifelines_change(before, after, km_before, km_after, kind):
    change = LifelineChange("L", "a", ("c",), "C", before, after, km_before, km_after)
    assert change.kind == kind


def test_the_largest_pocket_has_the_most_people_then_places_then_the_first_id():
    small = Pocket(("x",), 500, (), False)
    wide = Pocket(("m", "n"), 500, (), False)
    first = Pocket(("a", "b"), 500, (), False)
    assert largest([small, wide, first]) is first
    assert largest([small, Pocket(("z",), 501, (), False)]).places == ("z",)
    assert largest([]) is None
