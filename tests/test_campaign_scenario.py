"""The bundled campaign `syria-2024-campaign`: the offensive of 27 November - 8 December 2024,
one dated, cited [[event]] per change of hands.

The campaign must agree with the two bundled snapshots on their dates (place by place, holder
and status), cite a real source for every event, stay inside the offensive's dates, and end
with the government out of its main cities.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import sim
from sim.analysis import assess
from sim.cli import app

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "scenarios" / "syria-2024-campaign.toml"
FIRST_DAY, LAST_DAY = "2024-11-27", "2024-12-08"


@pytest.fixture(scope="module")
def campaign():
    return sim.load("syria-2024-campaign")


def differences(got, want) -> list[str]:
    """The places where two controls differ in holder or status, one line each."""
    lines = []
    for pid in sorted(set(got.holdings) | set(want.holdings)):
        a = (got.holder(pid), got.status(pid))
        b = (want.holder(pid), want.status(pid))
        if a != b:
            lines.append(f"  {pid}: campaign {a[0]} ({a[1]}), snapshot {b[0]} ({b[1]})")
    return lines


@pytest.mark.parametrize("snapshot, day", [("syria-2024-11-26", "2024-11-26"),
                                           ("syria-2024-12-06", "2024-12-06")])
def test_the_campaign_agrees_with_the_snapshot_of_its_date(campaign, snapshot, day):
    got, want = campaign.control_on(day), sim.load(snapshot).control
    wrong = differences(got, want)
    assert not wrong, (f"{len(wrong)} place(s) differ on {day} between syria-2024-campaign and "
                       f"{snapshot}:\n" + "\n".join(wrong))
    for pid in want.holdings:  # the same test, said the way the two helpers say it
        assert got.is_contested(pid) == want.is_contested(pid), pid


def test_the_campaign_starts_from_the_eve_and_ends_on_8_december(campaign):
    assert campaign.id == "syria-2024-campaign"
    assert campaign.date == LAST_DAY
    assert campaign.extends == "syria-2024-11-26"
    assert campaign.theatre.id == "syria"
    assert campaign.control == campaign.control_on(LAST_DAY)


def test_every_event_is_dated_within_the_offensive(campaign):
    outside = [f"{e.date} {e.place}" for e in campaign.events
               if not FIRST_DAY <= e.date <= LAST_DAY]
    assert campaign.events and not outside, outside


def test_every_event_cites_a_source_with_an_address_and_restates_its_fact(campaign):
    problems = []
    for e in campaign.events:
        src = campaign.sources.get(e.source)
        if src is None:
            problems.append(f"{e.date} {e.place}: cites {e.source!r}, which is no [[source]]")
        elif not (src.url.startswith("https://") and src.title and src.outlet and src.date):
            problems.append(f"{e.date} {e.place}: source {e.source!r} lacks a title, outlet, "
                            f"date or https address")
        if len(e.evidence.split()) < 6:
            problems.append(f"{e.date} {e.place}: no evidence sentence")
    assert not problems, "\n".join(problems)


def test_each_event_changes_something(campaign):
    """No event repeats the control of the day before: each is a change of hands, or a
    place becoming contested (or a contested place being secured)."""
    control = campaign.start
    idle = []
    for e in campaign.events:
        before = (control.holder(e.place), control.status(e.place))
        if before == (e.faction, e.status):
            idle.append(f"{e.date} {e.place}")
        if e.before is not None:
            assert e.before == before[0], f"{e.date} {e.place}: from {e.before}, was {before[0]}"
        control = control.with_holding(e.place, e.holding())
    assert not idle, idle


def test_the_end_state_has_the_main_cities_out_of_government_hands(campaign):
    end = campaign.control
    kept = [p for p in ("damascus", "homs", "aleppo", "hama", "latakia", "tartus")
            if end.holder(p) == "government"]
    assert not kept, kept


def test_on_8_december_homs_falls_before_damascus_and_damascus_before_the_coast(campaign):
    order = [e.place for e in campaign.events if e.date == LAST_DAY]
    assert order.index("homs") < order.index("damascus") < order.index("tartus")
    assert order.index("damascus") < order.index("latakia")


def test_homs_is_contested_from_6_december_until_it_falls(campaign):
    assert not campaign.control_on("2024-12-05").is_contested("homs")
    for day in ("2024-12-06", "2024-12-07"):
        on = campaign.control_on(day)
        assert (on.holder("homs"), on.is_contested("homs")) == ("government", True), day
    assert campaign.control_on(LAST_DAY).holder("homs") == "opposition"


def test_the_coast_is_first_cut_from_damascus_when_homs_falls(campaign):
    gov = campaign.factions["government"]

    def coast(control):
        found = assess(campaign.theatre, control, gov, campaign.lifelines)
        return next(s.status for s in found.lifelines if s.lifeline.name == "Damascus - the coast")

    assert coast(campaign.control_on("2024-12-07")) == "connected"
    control = campaign.control_on("2024-12-07")
    for e in (e for e in campaign.events if e.date == LAST_DAY):
        control = control.with_holding(e.place, e.holding())
        if coast(control) != "connected":
            assert (e.place, coast(control)) == ("homs", "cut")
            break
    else:
        pytest.fail("the coast is never cut from Damascus")


def test_the_end_state_questions_make_sense(campaign):
    """The factions and lifelines syria-2024-12-06 adds are here too."""
    assert campaign.factions["druze"].capital == "suwayda"
    assert campaign.factions["druze"].adversary == "government"
    assert "aleppo" in campaign.factions["opposition"].strongholds
    assert any(lf.name == "Idlib - Aleppo or Hama" for lf in campaign.lifelines)


def test_sim_validate_says_ok():
    result = CliRunner().invoke(app, ["validate", str(FILE)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: syria-2024-campaign")
    assert str(sim.api.validate(FILE)).startswith("ok: syria-2024-campaign")


def test_sim_scenarios_lists_the_campaign():
    assert "syria-2024-campaign" in {row["id"] for row in sim.scenarios()}
