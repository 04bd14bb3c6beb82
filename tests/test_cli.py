"""The command line, through typer's CliRunner: answers, JSON, charts and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sim.cli import app
from sim.io import THEATRES_DIR, list_scenarios

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_headline_what_if_opens_with_the_verdict():
    r = run("what-if", "--fall", "homs")
    assert r.exit_code == 0, r.output
    first = r.stdout.splitlines()[0]
    assert first == ("If Homs falls to the opposition, Damascus is cut off from the coast: "
                     "no government-held road joins it to Latakia or Tartus.")
    assert "Strongholds newly cut off from Damascus" in r.stdout


def test_names_resolve_in_any_spelling():
    base = json.loads(run("what-if", "--fall", "homs", "--json").stdout)
    for spelling in ("Hims", "Ḥimṣ", "HOMS", "homs:rebels", "Homs:HTS"):
        r = run("what-if", "--fall", spelling, "--json")
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout) == base


def test_json_schema_fields():
    doc = json.loads(run("what-if", "syria-2024-12-06", "--fall", "homs", "--json").stdout)
    assert doc["schema"] == "sim.what-if/1"
    assert doc["scenario"]["id"] == "syria-2024-12-06" and doc["scenario"]["date"] == "2024-12-06"
    assert doc["events"] == [{"type": "fall", "place": "homs", "faction": "opposition"}]
    assert doc["faction"] == "government"
    coast = next(l for l in doc["lifelines"] if l["name"] == "Damascus - the coast")
    assert coast["source"] == "damascus" and coast["targets"] == ["latakia", "tartus"]
    assert coast["before"]["status"] == "connected" and coast["before"]["km"] > 0
    assert coast["before"]["route"][0] == "damascus" and "homs" in coast["before"]["route"]
    assert coast["after"] == {"status": "cut", "km": None, "route": [], "target": None, "routes": []}
    assert "homs" in doc["chokepoints"]["Damascus - the coast"]
    assert {"latakia", "tartus"} <= set(doc["newly_cut_off"])
    assert doc["pockets"]["after"][0]["main"] is True
    assert "damascus" in doc["pockets"]["after"][0]["places"]


def test_output_is_byte_stable():
    a = run("what-if", "--fall", "homs", "--json").stdout
    b = run("what-if", "--fall", "homs", "--json").stdout
    assert a == b


def test_open_transit_names_what_remains():
    r = run("what-if", "--fall", "homs", "--open-transit", "LB",
            "--open-road", "jdeidat-yabous:masnaa")
    assert r.exit_code == 0
    first = r.stdout.splitlines()[0]
    assert "the shortest route the government can use to Tartus grows" in first
    assert "via Chtaura, Beirut and Tripoli" in first


def test_open_transit_with_the_crossing_cratered_names_what_would_restore_the_route():
    r = run("what-if", "--fall", "homs", "--open-transit", "LB")
    first = r.stdout.splitlines()[0]
    assert "Damascus is cut off from the coast" in first
    assert "reopening the Jdeidat Yabous - Masnaa road would restore a 255 km route" in first
    doc = json.loads(run("what-if", "--fall", "homs", "--open-transit", "LB", "--json").stdout)
    [fix] = doc["restored_by"]["Damascus - the coast"]
    assert fix["road"] == ["jdeidat-yabous", "masnaa"] and fix["status"] == "connected"


def test_a_fall_off_every_government_route_cuts_nothing():
    r = run("what-if", "--fall", "salqin:government", "--faction", "government")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == (
        "If Salqin falls to the government, the government gains Salqin, isolated from Damascus.")


@pytest.mark.parametrize("args, words", [
    (["what-if", "--fall", "Hmos"], ["unknown place 'Hmos'", "homs"]),
    (["what-if", "--fall", "homs:rebbels"], ["unknown faction 'rebbels'", "opposition"]),
    (["what-if", "--fall", "homs", "--faction", "goverment"], ["unknown faction", "government"]),
    (["what-if", "syria-2024-12-07", "--fall", "homs"], ["unknown scenario", "syria-2024-12-06"]),
    (["what-if", "--fall", "homs", "--open-transit", "XX"], ["unknown country 'XX'", "LB"]),
    (["what-if", "--cut-road", "homs:latakia"], ["no road joins homs and latakia"]),
    (["what-if", "--fall", "damascus:government"], ["already held"]),
    (["what-if"], ["name at least one event"]),
])
def test_bad_input_gets_one_clear_line(args, words):
    r = run(*args)
    assert r.exit_code != 0
    assert "Traceback" not in r.output
    err = r.stderr.strip()
    assert err.startswith("error: ") and len(err.splitlines()) == 1
    for word in words:
        assert word in err


def test_malformed_toml_names_the_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[scenario]\nid = "x"\ndate = 2024-12-06\ntheatre = "syria\n')
    r = run("validate", str(bad))
    assert r.exit_code != 0
    assert "bad.toml:4" in r.stderr and "invalid TOML" in r.stderr


def test_scenario_naming_a_place_the_theatre_lacks(tmp_path):
    src = Path(list_scenarios()[0]).read_text()
    bad = tmp_path / "bad.toml"
    bad.write_text(src.replace('places = ["tell-rifaat"]', 'places = ["tel-rifaatt", "atlantis"]'))
    r = run("validate", str(bad))
    assert r.exit_code != 0
    assert "unknown place 'atlantis'" in r.stderr
    assert "unknown place 'tel-rifaatt'" in r.stderr and "tell-rifaat" in r.stderr
    assert "line " in r.stderr


def test_road_with_negative_km(tmp_path):
    theatre = tmp_path / "syria-copy"
    shutil.copytree(THEATRES_DIR / "syria", theatre)
    roads = theatre / "roads.csv"
    lines = roads.read_text().splitlines()
    parts = lines[5].split(",")
    parts[2] = "-12.0"
    lines[5] = ",".join(parts)
    roads.write_text("\n".join(lines) + "\n")
    scen = tmp_path / "s.toml"
    scen.write_text(Path(list_scenarios()[0]).read_text()
                    .replace('theatre = "syria"', 'theatre = "syria-copy"'))
    r = run("validate", str(scen))
    assert r.exit_code != 0
    assert "roads.csv" in r.stderr and "line 6" in r.stderr and "positive" in r.stderr


def test_validate_checks_theatres_too(tmp_path):
    assert run("validate", str(THEATRES_DIR / "syria")).stdout == (
        "ok: theatre syria: 125 places, 162 roads, connected\n")
    (tmp_path / "places.csv").write_text("id,lat,lon\na,1,1\nb,1,2\na,2,2\n")
    (tmp_path / "roads.csv").write_text("a,b,km\na,b,x\n")
    r = run("validate", str(tmp_path))
    assert r.exit_code != 0
    assert "places.csv:4" in r.stderr and "duplicate place id 'a'" in r.stderr
    assert "roads.csv:2" in r.stderr


def test_validate_show_places_scenarios():
    assert "ok: syria-2024-11-26" in run("validate", str(list_scenarios()[0])).stdout
    show = run("show")
    assert show.exit_code == 0 and "chokepoints: Homs" in show.stdout
    doc = json.loads(run("show", "--json").stdout)
    assert doc["control"]["homs"]["status"] == "contested"
    places = json.loads(run("places", "--json").stdout)["places"]
    assert len(places) >= 90
    scen = json.loads(run("scenarios", "--json").stdout)["scenarios"]
    assert [s["id"] for s in scen if s["default"]] == ["syria-2024-12-06"]


def test_places_name_each_places_governorate():
    lines = {line.split()[0]: line for line in run("places").stdout.splitlines()}
    assert lines["izra"].split()[:5] == ["izra", "Izra", "town", "SY", "Daraa"]
    assert "  Deir ez-Zor  " in lines["mayadin"] and "  Beqaa  " in lines["masnaa"]
    places = {p["id"]: p for p in json.loads(run("places", "--json").stdout)["places"]}
    assert places["deir-ez-zor"]["governorate"] == "Deir ez-Zor"
    assert places["ramtha"]["governorate"] == "Irbid"
    assert all("governorate" in p for p in places.values())


def test_places_of_a_theatre_without_governorates_have_none(tmp_path):
    (tmp_path / "places.csv").write_text("id,lat,lon\na,1,1\nb,1,2\n")
    (tmp_path / "roads.csv").write_text("a,b,km\na,b,120\n")
    r = run("places", "--theatre", str(tmp_path), "--default-holder", "blue")
    assert r.stdout.splitlines()[0].split() == ["a", "a", "town", "ZZ", "blue"]
    r = run("places", "--theatre", str(tmp_path), "--default-holder", "blue", "--json")
    assert [p["governorate"] for p in json.loads(r.stdout)["places"]] == [None, None]


def test_python_dash_m_sim_works():
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "sim", "what-if", "--fall", "homs"],
                         capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.startswith("If Homs falls to the opposition")


def test_version_and_help():
    import sim

    r = run("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"sim {sim.__version__}"
    top = run("--help").stdout
    commands = top.split("Commands:", 1)[1].splitlines()
    assert len([c for c in commands if c.strip()]) == 15
    assert not any(c.rstrip().endswith("...") for c in commands)  # no summary is cut


@pytest.mark.parametrize("command", ["what-if", "show", "critical", "cut", "routes", "risk",
                                     "places", "factions", "scenarios", "validate", "export",
                                     "ingest"])
def test_every_command_has_an_example_that_runs_or_names_a_file(command):
    from sim.cli import COMMANDS

    text = run(command, "--help").stdout
    assert "Example: sim " + command in text
    example = next(e for name, _, _, e in COMMANDS if name == command)
    assert example.startswith(f"sim {command}")


def test_factions_lists_roles():
    r = run("factions")
    assert r.exit_code == 0 and "capital       Damascus" in r.stdout
    doc = json.loads(run("factions", "--json").stdout)
    assert doc["schema"] == "sim.factions/1"
    assert {f["id"] for f in doc["factions"]} >= {"government", "opposition", "sdf", "sna"}


def test_library_keys_become_flags_in_error_lines():
    r = run("risk", "--faction", "government", "--p", "homs")
    assert r.exit_code == 2 and r.stderr.startswith("error: [--p]: a chance is given as")
    r = run("what-if", "--fall", "homs", "--chart", "x.jpg")
    assert "[--chart]" in r.stderr


def test_export_writes_the_state_after_events(tmp_path):
    out = tmp_path / "after.geojson"
    r = run("export", "--fall", "homs", "-o", str(out))
    assert r.exit_code == 0 and "once Homs falls to the opposition" in r.stdout
    doc = json.loads(out.read_text())
    homs = next(f for f in doc["features"] if f["properties"].get("id") == "homs")
    assert homs["properties"]["holder"] == "opposition"


# ---------------------------------------------------------------- bounded work


@pytest.mark.parametrize("args, line", [
    (["risk", "--faction", "government", "--trials", "1000000000000"],
     "error: [--trials]: trials must be at most 100,000,000, got 1,000,000,000,000 (that many "
     "already give every chance to within 0.01 percentage points)"),
    (["risk", "--faction", "government", "--trials", "0"],
     "error: [--trials]: trials must be at least 1, got 0"),
    (["risk", "--faction", "government", "--seed", "-1"],
     "error: [--seed]: seed must be at least 0, got -1"),
    (["routes", "idlib", "hama", "--k", "1000000000"],
     "error: [--k]: k must be at most 1,000, got 1,000,000,000 (each further route takes "
     "longer to find than the last)"),
    (["routes", "idlib", "hama", "--k", "0"], "error: [--k]: k must be at least 1, got 0"),
    (["critical", "--faction", "government", "--top", "-1"],
     "error: [--top]: top must be at least 0, got -1"),
    (["cut", "--faction", "government", "--captures", "-1"],
     "error: [--captures]: n, the number of captures, must be at least 0, got -1"),
])
def test_numbers_out_of_bounds_get_one_line_naming_the_flag(args, line):
    r = run(*args)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == line + "\n"


def test_huge_numbers_that_only_ask_for_everything_are_answered():
    every = json.loads(run("critical", "--faction", "government", "--json").stdout)
    top = run("critical", "--faction", "government", "--top", "1000000000000", "--json")
    assert r_ok(top) and json.loads(top.stdout) == every
    text = run("critical", "--faction", "government", "--top", "1000000000000").stdout
    assert "--top N shows more" not in text
    doc = json.loads(run("cut", "-f", "government", "--captures", "1000000000000",
                         "--json").stdout)
    assert doc["n"] == 1000000000000 and doc["method"] == "greedy"


def r_ok(r) -> bool:
    return r.exit_code == 0 and r.stderr == ""


def test_many_captures_stay_within_the_sweep_budget():
    from sim.analysis.captures import EXACT_SWEEPS

    doc = json.loads(run("cut", "-f", "government", "--captures", "100", "--json").stdout)
    assert doc["method"] == "greedy" and doc["sweeps"] <= EXACT_SWEEPS + 100
    # Exact up to four captures, which hold the best set: the same three as an exhaustive search.
    assert doc["places"] == ["dumayr", "khan-arnabah", "qutayfah"]
    assert len(doc["strongholds"]) == 6


def test_no_progress_bar_off_a_terminal():
    r = run("risk", "--faction", "government", "--trials", "300000")
    assert r_ok(r) and "300,000 trials" in r.stdout
    r = run("cut", "-f", "government", "--captures", "4")
    assert r_ok(r) and "Method     exact" in r.stdout


def test_the_progress_bar_draws_on_a_terminal_and_nothing_elsewhere():
    import io

    from sim.cli.questions import progress_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    with progress_bar("Trials", io.StringIO()) as callback:
        assert callback is None
    screen = Terminal()
    with progress_bar("Trials", screen, delay=0) as callback:
        for done in range(0, 101, 25):
            callback(done, 100)
    assert "Trials" in screen.getvalue() and "ETA" in screen.getvalue()


def test_help_states_the_limits():
    from sim.analysis.captures import EXACT_SWEEPS
    from sim.analysis.risk import MAX_TRIALS
    from sim.api import MAX_ROUTES

    assert f"{MAX_TRIALS:,}" in run("risk", "--help").stdout
    assert f"{EXACT_SWEEPS:,}" in run("cut", "--help").stdout
    assert f"{MAX_ROUTES:,}" in run("routes", "--help").stdout


@pytest.mark.parametrize("args", [
    ["what-if", "--fall", "homs"], ["what-if", "--fall", "hims", "--json"],
    ["show", "--faction", "opposition"], ["what-if", "--fal", "homs"], ["routes", "--help"],
    ["critical"],
])
def test_a_command_parsed_alone_answers_as_the_whole_app(args):
    from sim.cli import app_for

    alone = app_for(args)
    assert alone is not app
    assert [c.name for c in alone.registered_commands] == [args[0]]
    a, b = runner.invoke(alone, args, prog_name="sim"), runner.invoke(app, args, prog_name="sim")
    assert (a.exit_code, a.output) == (b.exit_code, b.output)


@pytest.mark.parametrize("args", [[], ["--version"], ["--help"], ["wat-if"], ["-x", "show"]])
def test_anything_but_a_command_first_goes_to_the_whole_app(args):
    from sim.cli import app_for

    assert app_for(args) is app
