"""Control: who holds what, never changed in place; a faction's side; lifeline labels."""

from __future__ import annotations

from sim.control import Control, Faction, Holding, Lifeline, sorted_ids


def test_changes_return_a_new_control_in_sorted_order():
    c = Control.of({"b": "gov"})
    after = c.with_holder("a", "reb").with_road("b", "a", cut=True).with_transit("LB", True)
    assert list(after.holdings) == ["a", "b"] and list(c.holdings) == ["b"]
    assert after.cut_roads == {("a", "b")} and after.open_transit == {"LB"}
    assert not c.cut_roads and not c.open_transit


def test_contested_and_besieged_places_are_contested():
    c = Control({"a": Holding("gov", "contested"), "b": Holding("gov", "besieged"),
                 "c": Holding("gov")})
    assert [c.is_contested(p) for p in "abc"] == [True, True, False]
    assert c.holder("zz") is None and c.status("zz") is None


def test_a_side_is_the_faction_and_its_allies():
    gov = Faction("gov", frozenset({"ally"}), capital="a")
    assert gov.side == {"gov", "ally"}
    assert Control.of({"a": "gov", "b": "ally", "c": "reb"}).places_of("gov") == ["a"]


def test_lifeline_target_label_comes_from_the_label_or_the_name():
    assert Lifeline("Damascus - the coast", "gov", "d", ("l",)).target_label == "the coast"
    assert Lifeline("x", "gov", "d", ("l",), label="the sea").target_label == "the sea"
    assert Lifeline("coastline", "gov", "d", ("l",)).target_label == ""


def test_sorted_ids():
    assert sorted_ids({"b", "a"}) == ["a", "b"]
