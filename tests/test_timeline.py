"""Timelines: a campaign day by day, the first cut of each lifeline and the change that
did it, and the sentences written from them (held to the values by a property test)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import sim
from sim.analysis import assess
from sim.analysis.lifelines import lifeline_status
from sim.analysis.timeline import campaign_timeline, days_between, standings
from sim.campaign import CampaignEvent, applied
from sim.cli import app
from sim.control import Control, Lifeline
from sim.report.words import Namer, day_sentence

from strategies import draw_edges, draw_faction, draw_holders, ids_of, toy_theatre

runner = CliRunner()

CAMPAIGN = """
[scenario]
id = "toy-campaign"
title = "Three days in December"
date = "2024-12-08"
theatre = "syria"
extends = "syria-2024-11-26"

[[source]]
id = "wire"
title = "Wire"
outlet = "Example Wire"
date = "2024-12-08"

[[event]]
date = "2024-12-05"
place = "hama"
faction = "opposition"
source = "wire"

[[event]]
date = "2024-12-07"
place = "homs"
faction = "government"
status = "contested"
source = "wire"

[[event]]
date = "2024-12-08"
place = "homs"
faction = "opposition"
source = "wire"

[[event]]
date = "2024-12-08"
place = "damascus"
faction = "opposition"
source = "wire"
"""


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    path = tmp_path_factory.mktemp("campaign") / "toy.toml"
    path.write_text(CAMPAIGN)
    return path


def test_every_date_is_a_day_and_quiet_days_say_so(toy):
    t = sim.timeline(sim.load(toy))
    # From the day after the scenario it extends (26 November) to its own date.
    assert [d.date for d in t.days] == days_between("2024-11-27", "2024-12-08")
    quiet = t.day("2024-12-06")
    assert quiet.quiet and quiet.change.empty
    assert t.day_verdict("2024-12-06").startswith("On 6 December 2024, with no change of hands, "
                                                  "nothing changes for the government")


def test_the_first_cut_names_the_date_and_the_fall_that_did_it(toy):
    t = sim.timeline(sim.load(toy))
    brk = t.first_breaks["Damascus - the coast"]
    assert (brk.date, brk.status, brk.event.place) == ("2024-12-08", "cut", "homs")
    assert t.verdict.startswith("Damascus is cut off from the coast on 8 December 2024, when Homs "
                                "falls to the opposition;")
    assert "the government loses its capital, Damascus, on 8 December 2024" in t.verdict
    # Homs fell first that day: Damascus, falling after, is not what cut the coast off.
    assert t.first_breaks["Damascus - Homs"].event.place == "homs"


def test_a_contest_that_changes_nothing_is_not_called_a_fall(toy):
    t = sim.timeline(sim.load(toy))
    assert t.day_verdict("2024-12-07").startswith("On 7 December 2024, as Homs becomes contested,")


def test_the_command_prints_the_day_by_day_and_the_first_cuts(toy):
    r = runner.invoke(app, ["timeline", str(toy)])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == sim.timeline(sim.load(toy)).verdict
    assert any(line.startswith("2024-12-08  On 8 December 2024, as Homs and Damascus fall to the "
                               "opposition") for line in lines)
    first = lines[lines.index("When each government lifeline was first cut or lost") + 1]
    assert first == ("  Damascus - the coast: Damascus is cut off from the coast on 8 December "
                     "2024, when Homs falls to the opposition")


def test_json_has_a_day_a_date_with_its_events_and_breaks(toy):
    r = runner.invoke(app, ["timeline", str(toy), "--json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["schema"] == "sim.timeline/1" and doc["faction"] == "government"
    assert [d["date"] for d in doc["days"]] == days_between("2024-11-27", "2024-12-08")
    last = doc["days"][-1]
    assert [e["place"] for e in last["events"]] == ["homs", "damascus"]
    assert {b["lifeline"] for b in last["breaks"]} >= {"Damascus - the coast"}
    assert doc["first_breaks"][0]["event"]["place"] == "homs"


def test_a_scenario_without_events_is_refused_naming_a_campaign():
    r = runner.invoke(app, ["timeline", "syria-2024-12-06"])
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert "lists no dated events" in r.stderr


def test_an_unknown_faction_gets_the_closest_names(toy):
    r = runner.invoke(app, ["timeline", str(toy), "--faction", "goverment"])
    assert r.exit_code != 0 and "government" in r.stderr


def test_standings_count_places_and_the_main_pocket(toy):
    s = sim.load(toy)
    rows = {r.faction: r for r in standings(s.theatre, s.control_on("2024-12-05"), s.factions)}
    gov = rows["government"]
    assert gov.places == len(s.control_on("2024-12-05").places_of("government"))
    assert gov.main_people > 1_000_000


# ---------------------------------------------------------------- the oracle

@st.composite
def campaigns(draw, max_nodes=9):
    n = draw(st.integers(3, max_nodes))
    ids = ids_of(n)
    edges = draw_edges(draw, n, max_size=2 * n, min_size=n - 1)
    theatre = toy_theatre(n, edges, populations=[draw(st.integers(0, 50)) for _ in ids])
    holders = draw_holders(draw, n)
    gov = draw_faction(draw, ids, 3)
    source = gov.capital
    targets = tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)))
    lifelines = [Lifeline("L", "gov", source, targets), Lifeline("M", "gov", targets[0], (source,))]
    events = []
    for _ in range(draw(st.integers(1, 8))):
        day = draw(st.sampled_from(["2024-12-01", "2024-12-02", "2024-12-04"]))
        place = draw(st.sampled_from(ids))
        fac = draw(st.sampled_from(["gov", "reb", "ally"]))
        status = draw(st.sampled_from(["held", "held", "contested"]))
        events.append(CampaignEvent(day, place, fac, status))
    start = Control.of({p: h for p, h in zip(ids, holders) if h})
    return theatre, start, events, gov, lifelines


def _connected(theatre, control, ll, side) -> bool:
    return lifeline_status(theatre, control, ll, side).status == "connected"


@settings(max_examples=150, deadline=None)
@given(campaigns())
def test_each_break_is_the_first_change_after_which_the_lifeline_had_no_route(case):
    theatre, start, events, gov, lifelines = case
    t = campaign_timeline(theatre, start, events, gov, lifelines, until="2024-12-04")
    ordered = sorted(events, key=lambda e: e.date)
    # Brute force: apply the changes one at a time from the start, and note when each
    # lifeline that was connected the day before is first not connected.
    for day in t.days:
        assert day.control == applied(start, events, until=day.date)
        before = applied(start, events, until=(days_between("2024-11-30", day.date)[-2]))
        todays = [e for e in ordered if e.date == day.date]
        expected = {}
        for ll in lifelines:
            if not _connected(theatre, before, ll, gov.side):
                continue
            control = before
            for e in todays:
                control = control.with_holding(e.place, e.holding())
                if not _connected(theatre, control, ll, gov.side):
                    expected[ll.name] = e
                    break
        got = {b.lifeline: b.event for b in day.breaks}
        assert {k: v for k, v in got.items()} == {
            k: v for k, v in expected.items()
            if not _connected(theatre, day.control, lifelines[0 if k == "L" else 1], gov.side)}
        after = assess(theatre, day.control, gov, lifelines)
        assert [s.status for s in after.lifelines] == [s.status for s in day.assessment.lifelines]


class _Scen:
    """Just enough of a scenario for the words generator."""

    def __init__(self, theatre, faction):
        self.theatre = theatre
        self.factions = {faction.id: faction}

    def faction_label(self, fid):
        return fid


@settings(max_examples=150, deadline=None)
@given(campaigns())
def test_each_day_sentence_leads_with_the_day_s_gravest_change(case):
    theatre, start, events, gov, lifelines = case
    t = campaign_timeline(theatre, start, events, gov, lifelines, until="2024-12-04")
    for day in t.days:
        sentence = day_sentence(Namer(_Scen(theatre, gov)), day)
        assert sentence.kind == day.change.kind
        assert sentence.text.startswith(f"On {int(day.date[-2:])} December 2024, ")
        says_nothing = "nothing changes" in sentence.text
        assert says_nothing == day.change.empty
        if day.quiet:
            assert "with no change of hands" in sentence.text and day.change.empty


@settings(max_examples=150, deadline=None)
@given(campaigns())
def test_the_verdict_states_the_first_lifeline_s_first_break_and_the_capital_s_fall(case):
    from sim.report.timeline import timeline_verdict

    theatre, start, events, gov, lifelines = case
    t = campaign_timeline(theatre, start, events, gov, lifelines, until="2024-12-04")
    text = timeline_verdict(_Scen(theatre, gov), t)
    brk = t.first_breaks.get("L")
    if brk is None:
        assert text.startswith(f"P{lifelines[0].source[1:]} stays joined to ")
    else:
        assert f"on {int(brk.date[-2:])} December 2024, when P{brk.event.place[1:]} " in text
        assert ("is cut off from" in text.split(";")[0]) == (brk.status == "cut")
    fell = [d for d in t.days if d.change.capital_lost]
    assert ("loses its capital" in text) == bool(fell)
    assert (f"{len(t.first_breaks)} of the 2" in text or "all 2" in text) == bool(t.first_breaks)
