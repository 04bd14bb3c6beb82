"""The explorer page as a user meets it, in headless Chromium: find "Hims", hand it to the
opposition, read the verdict, copy the command, undo; cut a road; replay a campaign; all
from the keyboard too. Screenshots go to ``out/explorer/`` (set SIM_SCREENSHOTS to put
them elsewhere) to be looked at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sim
from sim.cli import app
from tests.browser import browser, needs_browser, offline_page

pytestmark = needs_browser
SHOTS = Path(os.environ.get("SIM_SCREENSHOTS", "out/explorer"))


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def _page_file(tmp_path_factory, sid: str) -> Path:
    path = tmp_path_factory.mktemp("explorer") / f"{sid}.html"
    sim.explore(sim.load(sid)).save(path)
    return path


@pytest.fixture(scope="module")
def default_page(tmp_path_factory):
    return _page_file(tmp_path_factory, "syria-2024-12-06")


@pytest.fixture(scope="module")
def campaign_page(tmp_path_factory):
    return _page_file(tmp_path_factory, "syria-2024-campaign")


def _shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    page.screenshot(path=str(path))
    return path


def test_a_what_if_clicked_through_as_a_user_would(chromium, default_page):
    s = sim.load("syria-2024-12-06")
    expected = sim.what_if(s, fall=["homs"]).verdict
    with offline_page(chromium, default_page) as (page, refused):
        assert page.locator("#verdict").inner_text().startswith("Choose a place")
        page.fill("#search", "Hims")
        option = page.locator("#search-list [role=option]").first
        assert option.inner_text().startswith("Homs")
        option.click()
        assert page.locator("#place-name").inner_text() == "Homs"
        page.get_by_role("button", name="Hand to the opposition").click()
        assert page.locator("#verdict").inner_text() == expected
        command = page.locator("#cmd").input_value()
        assert command == "sim what-if syria-2024-12-06 --fall homs"
        # The command line asks the same question and opens with the same sentence.
        r = CliRunner().invoke(app, command.split()[1:])
        assert r.stdout.splitlines()[0] == expected
        assert "cut" in page.locator("#lifelines").inner_text()
        _shot(page, "homs-falls.png")
        page.get_by_role("button", name="Undo").click()
        assert page.locator("#verdict").inner_text().startswith("Choose a place")
        assert page.locator("#cmd").input_value() == ""
        assert page.get_by_role("button", name="Undo").is_disabled()
    assert refused == []


def test_every_action_from_the_keyboard_with_a_visible_focus(chromium, default_page):
    s = sim.load("syria-2024-12-06")
    with offline_page(chromium, default_page) as (page, refused):
        for presses in range(1, 7):  # past the header's buttons, the search comes first
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "search":
                break
        assert page.evaluate("document.activeElement.id") == "search" and presses <= 4
        page.keyboard.type("Ḥimṣ")
        page.keyboard.press("Enter")
        focused = page.evaluate("document.activeElement.textContent")
        assert focused == "Hand to the opposition"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", "")
        page.keyboard.press("Enter")
        assert page.locator("#verdict").inner_text() == sim.what_if(s, fall=["homs"]).verdict
        # Cut a road of Homs from its panel, by the keyboard alone.
        cut = page.get_by_role("button", name="Cut the Homs - Talbiseh road")
        cut.focus()
        page.keyboard.press("Enter")
        both = sim.what_if(s, fall=["homs"], cut_road=["homs:talbiseh"]).verdict
        assert page.locator("#verdict").inner_text() == both
        assert page.locator("#cmd").input_value() == (
            "sim what-if syria-2024-12-06 --fall homs --cut-road homs:talbiseh")
        page.keyboard.press("Control+z")
        assert page.locator("#verdict").inner_text() == sim.what_if(s, fall=["homs"]).verdict
        # Open the Lebanese border: the route the coast has left runs through Lebanon.
        page.get_by_role("checkbox", name="Lebanon").focus()
        page.keyboard.press("Space")
        transit = sim.what_if(s, fall=["homs"], open_transit=["LB"]).verdict
        assert page.locator("#verdict").inner_text() == transit
        assert page.locator("#cmd").input_value().endswith("--fall homs --open-transit LB")
        page.keyboard.press("Control+z")
        # Choose a place on the map itself: its markers are in the tab order.
        page.locator("svg.map .place").first.focus()
        page.keyboard.press("Enter")
        assert page.locator("#place-name").inner_text() == s.theatre.places[
            next(iter(s.theatre.places))].name
    assert refused == []


def test_clicking_a_road_cuts_it_and_clicking_again_reopens_it(chromium, default_page):
    s = sim.load("syria-2024-12-06")
    with offline_page(chromium, default_page) as (page, refused):
        road = page.locator("svg.map .road").nth(_road_index(s, "homs", "talbiseh"))
        road.dispatch_event("click")
        expected = sim.what_if(s, cut_road=["homs:talbiseh"]).verdict
        assert page.locator("#verdict").inner_text() == expected
        road.dispatch_event("click")
        assert page.locator("#verdict").inner_text().startswith("Choose a place")


def _road_index(s, a, b) -> int:
    keys = sorted(s.theatre.roads)
    return keys.index(tuple(sorted((a, b))))


def test_a_campaign_replays_day_by_day_with_each_days_verdict(chromium, campaign_page):
    s = sim.load("syria-2024-campaign")
    answer = sim.timeline(s)
    with offline_page(chromium, campaign_page, viewport=(1920, 1080)) as (page, refused):
        assert page.locator("#date-text").inner_text() == "8 December 2024"
        assert page.locator("#day-verdict").inner_text() == "That day: " + answer.day_verdict("2024-12-08")
        page.locator("#date").focus()
        for _ in range(8):
            page.keyboard.press("ArrowLeft")
        assert page.locator("#date-text").inner_text() == "30 November 2024"
        assert page.locator("#day-verdict").inner_text() == "That day: " + answer.day_verdict("2024-11-30")
        page.get_by_role("button", name="Large text").click()
        _shot(page, "campaign-projector.png")
        page.fill("#search", "hama")
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Hand to the opposition").click()
        command = page.locator("#cmd").input_value()
        assert command == "sim what-if syria-2024-campaign --date 2024-11-30 --fall hama"
        r = CliRunner().invoke(app, command.split()[1:])
        assert r.stdout.splitlines()[0] == page.locator("#verdict").inner_text()
        page.get_by_role("button", name="Play").click()
        page.wait_for_function("document.getElementById('date-text').textContent !== '30 November 2024'",
                               timeout=5000)
        page.get_by_role("button", name="Pause").click()
    assert refused == []


def test_a_theatre_of_ones_own_gives_the_command_that_loads_it(chromium, tmp_path):
    graphml = Path(__file__).parent / "data" / "west-oakland.graphml"
    out = tmp_path / "mine.html"
    load = ["--theatre", str(graphml), "--default-holder", "blue"]
    assert CliRunner().invoke(app, ["explore", *load, "-o", str(out)]).exit_code == 0
    with offline_page(chromium, out) as (page, refused):
        page.locator("svg.map .place").first.dispatch_event("click")
        page.get_by_role("button", name="Mark contested").click()
        command = page.locator("#cmd").input_value()
        assert command.startswith("sim what-if " + " ".join(load) + " --contest ")
        r = CliRunner().invoke(app, command.split()[1:])
        assert r.stdout.splitlines()[0] == page.locator("#verdict").inner_text()
    assert refused == []


def test_once_the_capital_falls_nothing_is_cut_off_from_it(chromium, default_page):
    from sim.report.charts import LEGEND_WORDS

    s = sim.load("syria-2024-12-06")
    with offline_page(chromium, default_page) as (page, refused):
        page.fill("#search", "Damascus")
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Hand to the opposition").click()
        assert page.locator("#verdict").inner_text() == sim.what_if(s, fall=["damascus"]).verdict
        legend = page.locator("#legend").inner_text()
        assert LEGEND_WORDS["cut-off-after-capital"] in legend
        assert LEGEND_WORDS["cut-off"] not in legend
        panel = page.locator("#strongholds").inner_text()
        assert "In the pockets left" in panel and "Cut off from Damascus" not in panel
    assert refused == []
