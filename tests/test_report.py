"""Reports: the show report, the tables, the chart summary; every one from the values."""

from __future__ import annotations

import pytest

import sim
from sim.report import tables
from sim.report.common import pocket_size, pocket_tag
from sim.report.show import show_json, show_text


@pytest.fixture(scope="module")
def s():
    return sim.load("syria-2024-12-06")


def test_show_lists_control_and_each_factions_lifelines(s):
    text = show_text(s)
    assert text.splitlines()[0].startswith("Syria on 6 December 2024 (syria-2024-12-06")
    assert "lifeline Damascus - the coast: connected" in text
    only = show_text(s, "sdf")
    assert "The SDF" in only and "The government" not in only.split("Control", 1)[1].split(
        "foreign transit open")[1]
    doc = show_json(s)
    assert doc["schema"] == "sim.show/1" and doc["factions"]["government"]["capital"] == "damascus"


def test_pockets_are_tagged_and_sized(s):
    pockets = sim.show(s).value["government"].pockets
    assert pocket_tag(pockets[0]) == "main"
    assert pocket_size(s, pockets[0]).startswith(f"{len(pockets[0].places)} places")


def test_tables_lay_out_the_rows(s):
    rows = sim.places(s, country="LB").value
    text = tables.places_text(s, rows)
    assert len(text.splitlines()) == len(rows) and "masnaa" in text
    assert tables.scenarios_text(sim.scenarios()).endswith("(* the default scenario)\n")
    facs = tables.factions_text(s, sim.factions(s).value)
    assert "government: the government (Syrian government)" in facs
    assert "capital       Damascus" in facs


def test_the_export_summary_names_the_events(s):
    answer = sim.export(s, "geojson", fall=["homs"])
    line = tables.export_text(answer.scenario, answer.faction, ["x.geojson"], answer.events)
    assert line == ("Wrote 125 places and 162 roads of Syria, as they are once Homs falls to the "
                    "opposition, seen by the government, to x.geojson\n")
