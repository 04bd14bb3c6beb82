"""A what-if on a date of a campaign: ``sim.what_if(..., date=D)`` and ``sim what-if --date D``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import sim
from sim.analysis import what_if as analyse
from sim.cli import app
from sim.events import Fall
from sim.report import verdict

CAMPAIGN = "syria-2024-campaign"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def camp():
    return sim.load(CAMPAIGN)


def test_on_1_december_homs_falls_on_that_day_s_control(camp):
    day = camp.with_control(camp.control_on("2024-12-01"))
    gov = day.factions["government"]
    direct = analyse(day.theatre, day.control, gov, day.lifelines, (Fall("homs", "opposition"),))
    answer = sim.what_if(camp, fall=["homs"], date="2024-12-01")
    assert answer.value == direct
    assert answer.verdict == verdict(day, direct)
    assert answer.faction.id == "government"
    assert answer.scenario.control == day.control and answer.scenario.date == "2024-12-01"


def test_the_day_s_control_differs_from_the_end_s(camp):
    """On 1 December the government still holds Homs; at the end the opposition does."""
    on_day = sim.what_if(camp, fall=["homs"], date="2024-12-01")
    assert on_day.events == (Fall("homs", "opposition"),)
    with pytest.raises(sim.InputError, match="already held by the opposition"):
        sim.what_if(camp, fall=["homs:opposition"])


def test_the_cli_prints_the_library_s_answer_and_the_date_asked(camp):
    answer = sim.what_if(camp, fall=["homs"], date="2024-12-01")
    r = run("what-if", CAMPAIGN, "--date", "2024-12-01", "--fall", "homs")
    assert r.exit_code == 0, r.output
    assert r.stdout == answer.text()
    assert r.stdout.splitlines()[0] == answer.verdict
    assert (f"Scenario   {camp.title} ({CAMPAIGN}, 2024-12-01)") in r.stdout.splitlines()


def test_the_scenario_s_own_date_is_the_same_as_no_date(camp):
    plain = sim.what_if(camp, fall=["damascus"], contest=["tartus"], faction="government")
    dated = sim.what_if(camp, fall=["damascus"], contest=["tartus"], faction="government",
                        date=camp.date)
    assert dated.text() == plain.text() and dated.to_json() == plain.to_json()
    a = run("what-if", CAMPAIGN, "--fall", "damascus", "--json")
    b = run("what-if", CAMPAIGN, "--fall", "damascus", "--json", "--date", camp.date)
    assert a.exit_code == b.exit_code == 0 and a.stdout == b.stdout


def test_the_eve_is_the_control_before_any_change_of_hands(camp):
    eve = sim.what_if(camp, fall=["hama"], date="2024-11-26")
    base = sim.what_if(sim.load("syria-2024-11-26"), fall=["hama"])
    assert eve.scenario.control == camp.control_on("2024-11-26") == camp.start
    assert eve.verdict == base.verdict


def test_a_place_already_held_on_the_date_is_refused(camp):
    assert sim.what_if(camp, fall=["homs:opposition"], date="2024-12-07").events == (
        Fall("homs", "opposition"),)  # contested on 7 December: it may still fall
    with pytest.raises(sim.InputError, match="Homs is already held by the opposition"):
        sim.what_if(camp, fall=["homs:opposition"], date="2024-12-08")
    r = run("what-if", CAMPAIGN, "--date", "2024-12-08", "--fall", "homs:opposition")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == "error: [--fall]: Homs is already held by the opposition\n"


def test_the_json_scenario_date_is_the_date_asked():
    r = run("what-if", CAMPAIGN, "--date", "2024-12-05", "--fall", "homs", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["scenario"] == {"id": CAMPAIGN, "date": "2024-12-05", "theatre": "syria",
                               "title": sim.load(CAMPAIGN).title}


@pytest.mark.parametrize("date, words", [
    ("6 December", ["[--date]", "a date is YYYY-MM-DD, got '6 December'"]),
    ("2024-02-30", ["[--date]", "a date is YYYY-MM-DD"]),
    ("2024-11-25", ["[--date]", "2024-11-25 is outside the campaign syria-2024-campaign",
                    "from 2024-11-26 (its eve, before any change of hands) to 2024-12-08"]),
    ("2024-12-09", ["[--date]", "2024-12-09 is outside the campaign", "to 2024-12-08"]),
])
def test_a_bad_date_gets_one_line(date, words):
    r = run("what-if", CAMPAIGN, "--date", date, "--fall", "homs")
    assert r.exit_code == 2 and r.stdout == ""
    assert "Traceback" not in r.output
    err = r.stderr.strip()
    assert err.startswith("error: ") and len(err.splitlines()) == 1
    for word in words:
        assert word in err


def test_a_scenario_without_events_refuses_a_date():
    r = run("what-if", "syria-2024-12-06", "--date", "2024-12-06", "--fall", "homs")
    assert r.exit_code == 2 and r.stdout == "" and "Traceback" not in r.output
    assert r.stderr == ("error: [--date]: only a campaign scenario is asked on a date: "
                        "syria-2024-12-06 lists no dated events ([[event]] tables); "
                        "try syria-2024-campaign\n")
    with pytest.raises(sim.InputError, match="lists no dated events") as exc:
        sim.what_if(sim.load("syria-2024-12-06"), fall=["homs"], date="2024-12-06")
    assert exc.value.key == "date"


def test_a_campaign_without_a_start_date_runs_from_its_first_event(camp):
    import dataclasses

    from sim.timelines import on_date

    alone = dataclasses.replace(camp, extends=None)
    first = min(e.date for e in camp.events)
    assert on_date(alone, first).control == camp.control_on(first)
    with pytest.raises(sim.InputError, match=f"which runs from {first} to 2024-12-08"):
        on_date(alone, "2024-11-26")
