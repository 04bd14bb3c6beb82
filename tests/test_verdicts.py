"""The sentences people quote, pinned on the bundled scenarios.

Each case here was once worded falsely (a verdict saying "nothing new is cut off"
while the report listed places lost and isolated; a capital's fall worded as places
"cut off from" that capital; populations counting Beirut; unknown populations
counted as 0). The wording is pinned so that it stays true.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import sim
from sim.analysis import what_if
from sim.analysis.critical import criticality
from sim.cli import app
from sim.events import Fall, OpenTransit

runner = CliRunner()


def first_line(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[0]


@pytest.mark.parametrize("place, sentence", [
    ("hama", "If Hama falls to the government, the opposition loses Hama; Mhardeh, Rastan, "
             "Salamiyah and Talbiseh are isolated from Idlib, with about 204,000 people."),
    ("latakia", "If Latakia falls to the opposition, the government loses Latakia; Kassab and "
                "Qardaha are isolated from Damascus, population unknown."),
    ("palmyra", "If Palmyra falls to the opposition, the government loses Palmyra; Sukhnah is "
                "isolated from Damascus, population unknown."),
    ("qusayr", "If Qusayr falls to the opposition, the government loses Qusayr; Jousieh is "
               "isolated from Damascus, population unknown."),
    ("aleppo", "If Aleppo falls to the government, the opposition loses Aleppo; Idlib still "
               "reaches Aleppo or Hama, but the shortest opposition-held route now ends at Hama: "
               "112 km via Maarat al-Numan, Khan Shaykhun and Morek, instead of 72 km to Aleppo."),
    ("damascus", "If Damascus falls to the opposition, the government loses its capital, "
                 "Damascus; what it still holds lies in 9 pockets, the largest around Homs, with "
                 "about 2.39 million people and 11 places of unknown population."),
    ("idlib", "If Idlib falls to the government, the opposition loses its capital, Idlib; what "
              "it still holds lies in 2 pockets, the largest around Aleppo, with about 2.95 "
              "million people and 4 places of unknown population."),
    ("homs", "If Homs falls to the opposition, Damascus is cut off from the coast: no "
             "government-held road joins it to Latakia or Tartus."),
])
def test_the_verdicts_once_false_are_true(place, sentence):
    assert first_line("what-if", "--fall", place) == sentence


def test_a_capital_is_lost_not_cut_off_from_itself():
    out = runner.invoke(app, ["critical", "--faction", "government"]).stdout
    head, capital = out.split("The capital's own fall", 1)
    assert head.startswith("The most critical government place, the capital aside, is Homs")
    assert "the government loses its capital, Damascus" in capital.splitlines()[1]
    assert "cut off from Damascus" not in capital.splitlines()[1]
    risk = runner.invoke(app, ["risk", "--faction", "government", "--p", "homs=0.6",
                               "--trials", "200"]).stdout
    assert "The capital: chance that Damascus is lost" in risk
    assert not any(line.strip().startswith("Damascus") and "cut off" in line
                   for line in risk.splitlines())
    doc = json.loads(runner.invoke(app, ["risk", "--faction", "government", "--json",
                                         "--trials", "200"]).stdout)
    assert "damascus" not in doc["strongholds"] and doc["capital_lost"]["hits"] == 0


def test_what_if_and_critical_count_the_same_people_for_every_fall():
    scen = sim.load_scenario("syria-2024-12-06")
    for fid in ("government", "opposition", "sdf", "sna"):
        fac = scen.factions[fid]
        crit = criticality(scen.theatre, scen.control, fac, scen.lifelines)
        for place in scen.control.places_of(fid):
            slow = what_if(scen.theatre, scen.control, fac, scen.lifelines,
                           [Fall(place, fac.adversary)]).change
            fast = crit.change_of(crit.of(place))
            assert (fast.people_cut_off, fast.unknown_cut_off, fast.strongholds_cut_off) == \
                (slow.people_cut_off, slow.unknown_cut_off, slow.strongholds_cut_off), place


def test_no_reported_population_counts_a_foreign_place():
    scen = sim.load_scenario("syria-2024-12-06")
    gov = scen.factions["government"]
    r = what_if(scen.theatre, scen.control, gov, scen.lifelines,
                [Fall("homs", "opposition"), OpenTransit("LB")])
    th = scen.theatre
    for pocket in (*r.before.pockets, *r.after.pockets):
        syrian = [p for p in pocket.places if th.places[p].country == "SY"
                  and r.control_after.holder(p) == "government"] if pocket in r.after.pockets \
            else [p for p in pocket.places if th.places[p].country == "SY"
                  and scen.control.holder(p) == "government"]
        assert pocket.population == sum(th.places[p].population or 0 for p in syrian)
    coast = r.after.pocket_of("latakia")
    assert "beirut" in coast.places and coast.abroad > 0
    assert coast.population < 1_500_000  # Beirut alone has about 1.9 million
    text = runner.invoke(app, ["what-if", "--fall", "homs", "--open-transit", "LB"]).stdout
    assert "(8 abroad), about 1.40 million people" in text


def test_unknown_populations_are_named_not_counted_as_zero():
    out = runner.invoke(app, ["cut", "damascus", "latakia", "tartus",
                              "--weight", "population"]).stdout
    assert "total population 0" not in out
    assert "people in them: 2 places of unknown population" in out
    assert "a place of unknown population is weighed as" in out


def test_lifelines_with_several_targets_are_named_with_or():
    for sid in ("syria-2024-11-26", "syria-2024-12-06"):
        scen = sim.load_scenario(sid)
        for ll in scen.lifelines:
            if len(ll.targets) > 1:
                assert " and " not in ll.target_label, ll.name
    assert "Idlib - Aleppo or Hama" in runner.invoke(app, ["show"]).stdout


def test_the_sna_strips_are_joined_through_turkey_and_hajin_is_the_sdf_s():
    eve = runner.invoke(app, ["show", "syria-2024-11-26", "--json"])
    doc = json.loads(eve.stdout)
    sna = doc["factions"]["sna"]
    assert all(state == "connected" for state in sna["strongholds"].values())
    sdf_main = doc["factions"]["sdf"]["pockets"][0]
    assert sdf_main["main"] and "hajin" in sdf_main["places"]
    assert doc["transit_rights"] == {"sna": ["TR"]}
    for sid in ("syria-2024-11-26", "syria-2024-12-06"):
        text = runner.invoke(app, ["show", sid, "--faction", "sna"]).stdout
        assert "The SNA, capital Azaz" in text and "strongholds cut off" not in text
        assert "The government" not in text


def test_the_reports_use_the_glossary_words():
    """Words the glossary retired never come back."""
    outputs = [runner.invoke(app, args).stdout for args in (
        ["what-if", "--fall", "homs"], ["what-if", "--fall", "damascus"], ["show"],
        ["risk", "--faction", "government", "--trials", "100"],
        ["critical", "--faction", "government"])]
    for text in outputs:
        for retired in ("every target lost", "already cut off from Damascus",
                        "nothing new is cut off", "population 0"):
            assert retired not in text


def test_a_chart_of_a_capital_s_fall_never_says_cut_off_from_it():
    from sim.report.whatif import chart_summary as _summary

    scen = sim.load_scenario("syria-2024-12-06")
    gov = scen.factions["government"]
    r = what_if(scen.theatre, scen.control, gov, scen.lifelines, [Fall("damascus", "opposition")])
    line = _summary(scen, r)
    assert line.startswith("Strongholds in the pockets left: ") and "from Damascus" not in line
    r = what_if(scen.theatre, scen.control, gov, scen.lifelines, [Fall("homs", "opposition")])
    assert _summary(scen, r).startswith("Cut off from Damascus: Hmeimim Air Base, Latakia and Tartus")
