"""The theatre: places, roads, the graph, and ids it refuses."""

from __future__ import annotations

import pytest

from sim.errors import SimError, UnknownNameError
from sim.model import Place, Road, Theatre, great_circle_km, road_key


def test_a_degree_of_latitude_is_about_111_km():
    assert great_circle_km(0, 0, 1, 0) == pytest.approx(111.2, abs=0.1)


def test_road_keys_are_unordered():
    assert road_key("b", "a") == road_key("a", "b") == ("a", "b")


def test_places_resolve_by_any_spelling_and_ids_are_required(corridor):
    t, *_ = corridor
    assert t.place("PORT1").id == "port1"
    t.require("cap", "hub")
    with pytest.raises(UnknownNameError, match="did you mean: port1"):
        t.require("cap", "Port-1x")


def test_a_missing_road_is_an_error(corridor):
    t, *_ = corridor
    assert t.road("hub", "jn").km == 120
    with pytest.raises(SimError, match="no road joins cap and hub"):
        t.road("cap", "hub")


def test_countries_resolve_by_code_or_name():
    t = Theatre.build("toy", "Toy", "SY", [Place("a", "A", 0, 0), Place("b", "B", 0, 1, country="LB")],
                      [Road("a", "b", 120)], country_names={"LB": "Lebanon", "SY": "Syria"})
    assert t.resolve_country("lebanon") == t.resolve_country("lb") == "LB"
    with pytest.raises(UnknownNameError):
        t.resolve_country("Turkey")


def test_a_theatre_without_a_faction_catalogue_takes_any_faction_id(corridor):
    t, *_ = corridor
    t.require_faction("anyone")


def _regions() -> Theatre:
    return Theatre.build("toy", "Toy", "SY", [
        Place("deir", "Deir ez-Zor", 35.3, 40.1, governorate="Deir ez-Zor"),
        Place("mayadin", "Mayadin", 35.0, 40.5, governorate="Deir ez-Zor"),
        Place("suwayda", "Suwayda", 32.7, 36.6, governorate="Suwayda"),
        Place("masnaa", "Masnaa", 33.7, 35.9, country="LB", governorate="Beqaa"),
        Place("jn", "Junction", 34.0, 37.0)], [])


def test_a_place_names_its_governorate_or_none():
    t = _regions()
    assert t.places["deir"].governorate == "Deir ez-Zor"
    assert t.places["jn"].governorate is None
    assert Place("a", "A", 0, 0).governorate is None


def test_the_governorates_of_a_theatre_are_its_places_names_each_once_sorted():
    assert _regions().governorates == ("Beqaa", "Deir ez-Zor", "Suwayda")
    assert Theatre.build("t", "T", "SY", [Place("a", "A", 0, 0)], []).governorates == ()


@pytest.mark.parametrize("name", ["Deir ez-Zor", "deir ez zor", "DEIR-EZ-ZOR", "Déir ez-Zôr",
                                  "  deir_ez.zor "])
def test_governorate_places_match_whatever_the_case_accents_and_punctuation(name):
    assert _regions().governorate_places(name) == ("deir", "mayadin")


def test_a_governorate_no_place_names_has_no_places():
    t = _regions()
    assert t.governorate_places("Idlib") == ()
    assert t.governorate_places("") == ()
    assert t.governorate_places("beqaa") == ("masnaa",)
