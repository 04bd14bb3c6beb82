"""The public API: what `import sim` offers, answering as the command line does."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import sim
from sim.cli import app


@pytest.fixture(scope="module")
def s():
    return sim.load("syria-2024-12-06")


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def test_all_names_exist_and_are_documented():
    for name in sim.__all__:
        obj = getattr(sim, name)
        if callable(obj) and not isinstance(obj, type):
            assert obj.__doc__, name


def test_import_sim_does_not_import_matplotlib():
    code = "import sys, sim; sim.plot; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


def test_the_verdict_is_the_command_lines(s):
    r = sim.what_if(s, fall=["Hims"])
    assert r.verdict == cli("what-if", "--fall", "Hims").stdout.splitlines()[0]
    assert r.text() == cli("what-if", "--fall", "Hims").stdout
    assert json.loads(r.json()) == json.loads(cli("what-if", "--fall", "Hims", "--json").stdout)


@pytest.mark.parametrize("call, args", [
    (lambda s: sim.critical(s, faction="government"), ["critical", "--faction", "government"]),
    (lambda s: sim.cut(s, "damascus", ["latakia", "tartus"]), ["cut", "damascus", "latakia",
                                                               "tartus"]),
    (lambda s: sim.captures(s, 2, faction="government"),
     ["cut", "--captures", "2", "--faction", "government"]),
    (lambda s: sim.routes(s, "damascus", "latakia", k=2), ["routes", "damascus", "latakia",
                                                           "--k", "2"]),
    (lambda s: sim.risk(s, faction="government", chances={"Hims": 0.7}, trials=300),
     ["risk", "--faction", "government", "--p", "homs=0.7", "--trials", "300"]),
    (lambda s: sim.show(s, faction="sdf"), ["show", "--faction", "sdf"]),
    (lambda s: sim.places(s, country="LB"), ["places", "--country", "LB"]),
    (lambda s: sim.factions(s), ["factions"]),
])
def test_every_answer_is_what_the_command_prints(s, call, args):
    answer = call(s)
    assert answer.text() == cli(*args).stdout
    assert answer.to_json() == json.loads(cli(*args, "--json").stdout)
    assert answer.verdict == answer.text().splitlines()[0]


@pytest.mark.parametrize("kwargs, error, words", [
    ({"fall": ["Homz"]}, sim.UnknownNameError, ["unknown place 'Homz'", "homs"]),
    ({"fall": ["homs:rebelz"]}, sim.UnknownNameError, ["unknown faction 'rebelz'", "opposition"]),
    ({"fall": ["damascus:government"]}, sim.InputError, ["already held"]),
    ({"cut_road": ["homs:latakia"]}, sim.InputError, ["no road joins homs and latakia"]),
    ({"fall": ["homs"], "faction": "goverment"}, sim.UnknownNameError, ["government"]),
    ({}, sim.InputError, ["name at least one event"]),
])
def test_names_and_refusals_are_the_command_lines(s, kwargs, error, words):
    with pytest.raises(error) as caught:
        sim.what_if(s, **kwargs)
    for word in words:
        assert word in str(caught.value)


def test_the_default_captor_is_the_holders_adversary(s):
    assert sim.make_events(s, fall=["homs"])[0].faction == "opposition"
    assert sim.make_events(s, fall=["latakia:sdf"])[0].faction == "sdf"
    assert sim.make_events(s, fall=[("latakia", "sdf")])[0].faction == "sdf"


def test_library_errors_name_arguments_not_flags(s):
    with pytest.raises(sim.InputError) as caught:
        sim.critical(s, faction="government", top=-1)
    assert caught.value.key == "top" and "--" not in str(caught.value)
    r = cli("critical", "--faction", "government", "--top", "-1")
    assert r.exit_code == 2 and "[--top]" in r.stderr


def test_export_after_events_writes_the_state_after(s):
    before = json.loads(sim.export(s, "geojson").value)
    after = json.loads(sim.export(s, "geojson", fall=["homs"]).value)

    def holder(doc):
        return next(f["properties"]["holder"] for f in doc["features"]
                    if f["properties"].get("id") == "homs")
    assert (holder(before), holder(after)) == ("government", "opposition")
