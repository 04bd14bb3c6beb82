"""The bundled Syria theatre and scenarios: data checks and the answers the product promises."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pytest
from matplotlib.path import Path as MplPath

import sim
from sim.analysis import assess, what_if
from sim.events import Fall, OpenRoad, OpenTransit
from sim.io import BASEMAP_DIR
from sim.model import great_circle_km
from sim.names import normalize

COAST = "Damascus - the coast"


@pytest.fixture(scope="module")
def theatre():
    return sim.load_theatre("syria")


@pytest.fixture(scope="module")
def dec6():
    return sim.load_scenario("syria-2024-12-06")


@pytest.fixture(scope="module")
def nov26():
    return sim.load_scenario("syria-2024-11-26")


# ---------------------------------------------------------------- data

def test_enough_places_and_every_required_one(theatre):
    assert len(theatre.places) >= 90
    required = """damascus aleppo homs hama latakia tartus idlib raqqa deir-ez-zor hasakah daraa
    suwayda quneitra nasib nabk rastan khan-shaykhun maarat-al-numan saraqib jisr-al-shughur
    ariha al-bab manbij ain-issa tal-tamr qamishli yarubiyah jableh baniyas tabqa mayadin
    al-bukamal palmyra sukhnah salamiyah ithriya khanasir masyaf qusayr yabroud qutayfah
    bab-al-hawa bab-al-salameh jarabulus kassab jdeidat-yabous masnaa jousieh arida al-tanf
    hmeimim kuweires t4 beirut tripoli amman gaziantep antakya al-qaim""".split()
    missing = [p for p in required if p not in theatre.places]
    assert not missing


SYRIAN_GOVERNORATES = {"Aleppo", "Damascus", "Daraa", "Deir ez-Zor", "Hama", "Hasakah", "Homs",
                       "Idlib", "Latakia", "Quneitra", "Raqqa", "Rif Dimashq", "Suwayda", "Tartus"}


def test_every_syrian_place_lies_in_one_of_the_14_governorates(theatre):
    syrian = [p for p in theatre.places.values() if p.country == "SY"]
    wrong = {p.id: p.governorate for p in syrian if p.governorate not in SYRIAN_GOVERNORATES}
    assert not wrong
    assert {p.governorate for p in syrian} == SYRIAN_GOVERNORATES
    assert SYRIAN_GOVERNORATES <= set(theatre.governorates)


@pytest.mark.parametrize("governorate, places", [
    ("Daraa", {"daraa", "izra", "nasib", "sanamayn", "sheikh-miskin", "ghabagheb", "jasim"}),
    ("Idlib", {"idlib", "saraqib", "khan-shaykhun", "maarat-al-numan", "jisr-al-shughur",
               "bab-al-hawa", "dana"}),
    ("Aleppo", {"aleppo", "tell-rifaat", "azaz", "al-bab", "manbij", "kuweires", "kobani",
                "jarabulus", "khanasir", "as-safira"}),
    ("Hama", {"hama", "morek", "salamiyah", "suqaylabiyah"}),
    ("Homs", {"homs", "rastan", "talbiseh", "qusayr", "palmyra", "sukhnah", "al-qaryatayn", "t4"}),
    ("Rif Dimashq", {"kiswah", "dumayr", "yabroud", "zabadani", "jdeidat-yabous"}),
    ("Latakia", {"latakia", "jableh", "qardaha", "hmeimim"}),
    ("Tartus", {"tartus", "baniyas", "safita"}),
    ("Deir ez-Zor", {"deir-ez-zor", "mayadin", "al-bukamal"}),
    ("Hasakah", {"hasakah", "qamishli", "ras-al-ayn"}),
    ("Raqqa", {"raqqa", "tal-abyad", "ain-issa", "resafa", "tabqa"}),
    ("Damascus", {"damascus"}),
])
def test_the_places_of_a_governorate(theatre, governorate, places):
    found = theatre.governorate_places(governorate)
    assert places <= set(found)
    assert list(found) == sorted(found)
    assert all(theatre.places[p].governorate == governorate for p in found)


@pytest.mark.parametrize("spelling", ["daraa", "DARAA", "Dáraa", " daraa. "])
def test_a_governorate_is_found_whatever_its_case_and_accents(theatre, spelling):
    assert theatre.governorate_places(spelling) == theatre.governorate_places("Daraa")


def test_deir_ez_zor_and_rif_dimashq_are_found_without_their_punctuation(theatre):
    assert theatre.governorate_places("deir ez zor") == theatre.governorate_places("Deir ez-Zor")
    assert "mayadin" in theatre.governorate_places("DEIR-EZ-ZOR")
    assert "zabadani" in theatre.governorate_places("rif-dimashq")


def test_places_abroad_carry_their_countrys_province(theatre):
    provinces = {"masnaa": "Beqaa", "reyhanli": "Hatay", "kilis": "Kilis",
                 "akcakale": "Sanliurfa", "ceylanpinar": "Sanliurfa", "ramtha": "Irbid",
                 "mafraq": "Mafraq", "al-qaim": "Anbar"}
    assert {p: theatre.places[p].governorate for p in provinces} == provinces


def _distance_to_ring(ring: np.ndarray, x: float, y: float) -> float:
    a, b = ring[:-1], ring[1:]
    ab = b - a
    t = np.clip(((x - a[:, 0]) * ab[:, 0] + (y - a[:, 1]) * ab[:, 1])
                / np.maximum((ab ** 2).sum(axis=1), 1e-18), 0, 1)
    px, py = a[:, 0] + t * ab[:, 0], a[:, 1] + t * ab[:, 1]
    return float(np.sqrt((px - x) ** 2 + (py - y) ** 2).min())


def test_places_lie_inside_their_countrys_polygon(theatre):
    data = json.loads((BASEMAP_DIR / "eastern-med.geojson").read_text())
    rings: dict[str, list[np.ndarray]] = {}
    for f in data["features"]:
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings.setdefault(f["properties"]["iso_a2"], []).extend(np.array(p[0]) for p in polys)
    tolerance = 0.03  # degrees, about 3 km: crossings sit on the border or the shore itself
    outside = []
    for p in theatre.places.values():
        own = rings.get(p.country)
        assert own is not None, f"{p.id}: no polygon for {p.country}"
        inside = any(MplPath(r).contains_point((p.lon, p.lat)) for r in own)
        if not inside and min(_distance_to_ring(r, p.lon, p.lat) for r in own) > tolerance:
            outside.append(p.id)
    assert not outside


def test_the_road_graph_is_connected(theatre):
    assert nx.is_connected(theatre.graph)


def test_ids_are_unique_slugs(theatre):
    ids = list(theatre.places)
    assert len(ids) == len(set(ids))
    assert all(pid == pid.lower() and pid.isascii() and " " not in pid for pid in ids)


def test_every_alias_resolves_to_exactly_one_place(theatre):
    owners: dict[str, set[str]] = {}
    for p in theatre.places.values():
        for name in (p.id, p.name, *p.aliases):
            owners.setdefault(normalize(name), set()).add(p.id)
            assert theatre.places_index.resolve(name) == p.id
    assert all(len(v) == 1 for v in owners.values())


def test_every_road_is_at_least_its_great_circle_length(theatre):
    short = []
    for road in theatre.roads.values():
        a, b = theatre.places[road.a], theatre.places[road.b]
        if road.km + 1e-6 < great_circle_km(a.lat, a.lon, b.lat, b.lon):
            short.append(road.key)
    assert not short


def test_sourced_figures_carry_over(theatre):
    import networkx as nx
    km = nx.shortest_path_length(theatre.graph, "damascus", "homs", weight="km")
    assert km == pytest.approx(162, abs=3)
    assert theatre.road("jdeidat-yabous", "masnaa").km == pytest.approx(8, abs=1)


def test_spellings_resolve(theatre):
    for name, pid in [("Hims", "homs"), ("Ḥimṣ", "homs"), ("deir el-zor", "deir-ez-zor"),
                      ("Dayr az-Zawr", "deir-ez-zor"), ("Deraa", "daraa"), ("Tadmur", "palmyra"),
                      ("Lattakia", "latakia"), ("Tartous", "tartus"), ("Halab", "aleppo")]:
        assert theatre.places_index.resolve(name) == pid


# ---------------------------------------------------------------- scenarios

def test_every_syrian_place_has_a_cited_holder(dec6, nov26):
    for scen in (dec6, nov26):
        for pid, place in scen.theatre.places.items():
            if place.country == "SY":
                h = scen.control.holdings[pid]
                assert h.source in scen.sources and h.fact, pid


def test_eve_scenario_holders(nov26):
    c = nov26.control
    for pid in ("homs", "hama", "aleppo", "damascus", "latakia", "tartus", "palmyra",
                "deir-ez-zor", "daraa", "suwayda", "quneitra", "saraqib"):
        assert c.holder(pid) == "government", pid
    assert c.holder("idlib") == "opposition"
    for pid in ("azaz", "al-bab", "afrin", "jarabulus", "tal-abyad", "ras-al-ayn"):
        assert c.holder(pid) == "sna", pid
    for pid in ("tell-rifaat", "manbij", "raqqa", "tabqa", "hasakah", "qamishli", "kobani"):
        assert c.holder(pid) == "sdf", pid
    assert c.holder("al-tanf") == "sfa"
    assert ("jdeidat-yabous", "masnaa") in c.cut_roads


def test_december_6_scenario_extends_the_eve(dec6):
    c = dec6.control
    assert dec6.extends == "syria-2024-11-26"
    for pid in ("aleppo", "hama", "daraa", "idlib"):
        assert c.holder(pid) == "opposition", pid
    assert c.holder("deir-ez-zor") == "sdf"
    assert c.holder("homs") == "government" and c.status("homs") == "contested"
    for pid in ("damascus", "latakia", "tartus"):
        assert c.holder(pid) == "government"
    assert ("jdeidat-yabous", "masnaa") in c.cut_roads


def test_default_scenario_is_december_6():
    assert sim.load_scenario().id == "syria-2024-12-06"


# ---------------------------------------------------------------- the promised answers

def test_before_any_event_the_coast_is_connected_and_homs_is_a_chokepoint(dec6):
    gov = dec6.factions["government"]
    a = assess(dec6.theatre, dec6.control, gov, dec6.lifelines)
    assert a.lifeline(COAST).status == "connected"
    assert "homs" in a.chokepoints[COAST]


def test_homs_falling_cuts_the_coast_off(dec6):
    gov = dec6.factions["government"]
    r = what_if(dec6.theatre, dec6.control, gov, dec6.lifelines, [Fall("homs", "opposition")])
    assert r.after.lifeline(COAST).status == "cut"
    coast = r.after.pocket_of("latakia")
    assert coast is not None and not coast.main
    assert {"latakia", "tartus", "jableh", "baniyas"} <= set(coast.places)
    assert "damascus" not in coast.places
    assert {"latakia", "tartus"} <= set(r.newly_cut_off)


def test_with_lebanon_open_and_the_masnaa_road_repaired_a_route_remains(dec6):
    gov = dec6.factions["government"]
    events = [Fall("homs", "opposition"), OpenTransit("LB"), OpenRoad("jdeidat-yabous", "masnaa")]
    r = what_if(dec6.theatre, dec6.control, gov, dec6.lifelines, events)
    after = r.after.lifeline(COAST)
    assert after.status == "connected"
    assert {"beirut", "masnaa"} <= set(after.route.places)


def test_with_lebanon_open_but_masnaa_cratered_the_coast_stays_cut(dec6):
    gov = dec6.factions["government"]
    r = what_if(dec6.theatre, dec6.control, gov, dec6.lifelines,
                [Fall("homs", "opposition"), OpenTransit("LB")])
    assert r.after.lifeline(COAST).status == "cut"
    # ... and the report can say what would restore it: the cratered Masnaa road.
    [(road, status)] = r.restorers[COAST]
    assert road == ("jdeidat-yabous", "masnaa")
    assert "beirut" in status.route.places
    # With Lebanon closed, reopening that road alone would not help.
    closed = what_if(dec6.theatre, dec6.control, gov, dec6.lifelines, [Fall("homs", "opposition")])
    assert COAST not in closed.restorers


def test_a_town_in_idlib_falling_cuts_nothing_new_for_the_government(dec6):
    gov = dec6.factions["government"]
    r = what_if(dec6.theatre, dec6.control, gov, dec6.lifelines, [Fall("salqin", "government")])
    assert r.changes() == []
    assert r.newly_cut_off == () and r.newly_lost == ()
