"""Routes: k shortest passable routes, corridor width, peacetime detour; and the CLI."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from hypothesis import given, settings
from strategies import route_cases
from typer.testing import CliRunner

from sim.analysis import find_routes
from sim.analysis.passable import passable_graph
from sim.cli import app
from sim.control import Faction
from sim.errors import InputError

runner = CliRunner()


def test_the_hub_route_is_shortest_and_the_mountain_road_second(corridor):
    t, c, gov, coast = corridor
    r = find_routes(t, c, gov, "cap", "port1", k=5)
    assert r.status == "connected"
    assert [(x.km, x.places) for x in r.routes] == [
        (360.0, ("cap", "jn", "hub", "port1")), (420.0, ("cap", "jn", "mtn", "port1"))]
    assert r.width == 1  # both go through the junction
    assert r.peacetime is None and r.detour is None


def test_peacetime_route_ignores_control_and_gives_the_detour(corridor):
    t, c, gov, coast = corridor
    r = find_routes(t, c.with_holder("hub", "reb"), gov, "cap", "port1", ignore_control=True)
    assert r.routes[0].km == 420 and r.peacetime.km == 360
    assert r.detour == pytest.approx(420 / 360)
    cut = find_routes(t, c.with_holder("jn", "reb"), gov, "cap", "port1", ignore_control=True)
    assert cut.status == "cut" and cut.routes == () and cut.peacetime.km == 360


def test_foreign_transit_widens_the_corridor(corridor):
    t, c, gov, coast = corridor
    assert find_routes(t, c, gov, "cap", "port2").width == 1
    assert find_routes(t, c.with_transit("LB", True), gov, "cap", "port2").width == 2


def test_lost_ends_and_bad_input(corridor):
    t, c, gov, coast = corridor
    assert find_routes(t, c.with_holder("cap", "reb"), gov, "cap", "jn").status == "source-lost"
    assert find_routes(t, c.with_holder("jn", "reb"), gov, "cap", "jn").status == "target-lost"
    with pytest.raises(InputError):
        find_routes(t, c, gov, "cap", "cap")
    with pytest.raises(InputError) as no_k:
        find_routes(t, c, gov, "cap", "jn", k=0)
    assert no_k.value.key == "k" and no_k.value.message == "k must be at least 1, got 0"


@settings(max_examples=150, deadline=None)
@given(route_cases())
def test_routes_are_the_k_shortest_simple_passable_paths(case):
    t, c, a, b, k = case
    r = find_routes(t, c, Faction("gov"), a, b, k=k)
    g = passable_graph(t, c, {"gov"})
    if r.status != "connected":
        assert a not in g or b not in g or not nx.has_path(g, a, b)
        return
    every = sorted(sum(g.edges[x, y]["km"] for x, y in zip(p, p[1:]))
                   for p in nx.all_simple_paths(g, a, b))
    assert [x.km for x in r.routes] == every[:k]
    for route in r.routes:
        assert route.places[0] == a and route.places[-1] == b
        assert len(set(route.places)) == len(route.places)
        assert all(p in g for p in route.places)


# ---------------------------------------------------------------- CLI


def test_cli_routes_on_the_syria_scenario():
    result = runner.invoke(app, ["routes", "damascus", "latakia", "--ignore-control"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Damascus reaches Latakia on government-held roads")
    assert "Detour factor" in result.stdout
    doc = json.loads(runner.invoke(app, ["routes", "syria-2024-12-06", "damascus", "latakia",
                                         "--k", "2", "--json"]).stdout)
    assert doc["schema"] == "sim.routes/1" and len(doc["routes"]) == 2
    assert doc["routes"][0]["km"] <= doc["routes"][1]["km"]


def test_cli_routes_errors_are_one_line():
    result = runner.invoke(app, ["routes", "damascus"])
    assert result.exit_code == 2 and result.stderr.startswith("error: name two places")
    result = runner.invoke(app, ["routes", "damascus", "lattakiaa"])
    assert result.exit_code == 2 and "did you mean" in result.stderr
    assert "Traceback" not in result.output
