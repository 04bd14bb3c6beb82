"""The explorer page as Python writes it: one offline file, small, safe to open, refused
where it would lose a file. (tests/test_explorer_engine.py and tests/test_explorer_page.py
drive it in a browser.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sim
from sim.cli import app
from sim.explorer import explorer_data, page_html, source
from sim.io import list_scenarios

runner = CliRunner()
SCENARIOS = [p.stem for p in list_scenarios()]


@pytest.fixture(scope="module")
def pages():
    return {sid: sim.explore(sim.load(sid)) for sid in SCENARIOS}


@pytest.mark.parametrize("sid", SCENARIOS)
def test_each_page_is_one_offline_file_under_2_mb(pages, sid):
    html = pages[sid].html
    assert pages[sid].size < 2_000_000
    # Nothing the browser would fetch: no external script, style sheet, font, image or frame.
    assert not re.search(r"<(script|link|img|iframe|source|embed|object)\b[^>]*\b(src|href)=", html)
    assert "@import" not in html and "@font-face" not in html
    assert not re.search(r"url\((?!['\"]?data:)", html)
    assert not re.search(r"\bfetch\(|XMLHttpRequest|import\(", html)


@pytest.mark.parametrize("sid", SCENARIOS)
def test_the_page_carries_the_scenario_the_engine_reads(pages, sid):
    html = pages[sid].html
    found = re.search(r'<script id="sim-data" type="application/json">(.*?)</script>', html, re.S)
    data = json.loads(found.group(1))
    s = sim.load(sid)
    assert data == json.loads(json.dumps(explorer_data(s)))
    assert [p["id"] for p in data["places"]] == list(s.theatre.places)
    assert len(data["roads"]) == len(s.theatre.roads)
    assert (data["campaign"] is not None) == bool(s.events)
    for script in ("engine.js", "words.js", "page.js"):
        assert source(script).strip()[:300] in html


def test_a_name_cannot_end_the_data_script_early(tmp_path):
    import dataclasses

    s = sim.load("syria-2024-12-06")
    th = s.theatre
    odd = dataclasses.replace(th.places["homs"], name="</script><script>alert(1)</script>")
    theatre = dataclasses.replace(th, places={**th.places, "homs": odd})
    html = page_html(dataclasses.replace(s, theatre=theatre))
    assert "</script><script>alert(1)" not in html
    assert html.count("</script>") == html.count("<script")


def test_explore_writes_the_page_and_never_overwrites_without_force(tmp_path):
    out = tmp_path / "explorer.html"
    r = runner.invoke(app, ["explore", "syria-2024-campaign", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("An explorer page of syria-2024-campaign (125 places, 162 roads; "
                               "12 days to replay, 27 November - 8 December 2024): ")
    assert out.read_text(encoding="utf-8") == sim.explore(sim.load("syria-2024-campaign")).html
    out.write_text("mine")
    r = runner.invoke(app, ["explore", "syria-2024-campaign", "-o", str(out)])
    assert r.exit_code != 0 and "exists; use --force" in r.stderr
    assert "Traceback" not in r.output and out.read_text() == "mine"
    r = runner.invoke(app, ["explore", "syria-2024-campaign", "-o", str(out), "--force", "--json"])
    doc = json.loads(r.stdout)
    assert doc["page"] == str(out) and doc["campaign"] is True and doc["bytes"] == out.stat().st_size


@pytest.mark.parametrize("args, words", [
    (["explore", "syria-2024-12-0"], "did you mean"),
    (["explore", "-o", "/no/such/folder/x.html"], "folder"),
])
def test_bad_explore_gets_one_line(tmp_path, args, words):
    r = runner.invoke(app, args)
    assert r.exit_code != 0 and words in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.output


def test_a_theatre_too_big_to_draw_is_refused(monkeypatch):
    import sim.explorer as ex

    monkeypatch.setattr(ex, "MAX_PLACES", 100)
    with pytest.raises(sim.InputError, match="at most 100 places and this theatre has 125"):
        sim.explore(sim.load())


def test_the_command_line_reference_of_a_page_is_how_the_cli_names_it(tmp_path):
    import shutil

    path = tmp_path / "mine.toml"
    shutil.copy(next(p for p in list_scenarios() if p.stem == "syria-2024-12-06"), path)
    assert explorer_data(sim.load(str(path)))["scenario"]["words"] == [str(path)]
    assert explorer_data(sim.load("syria-2024-12-06"))["scenario"]["words"] == ["syria-2024-12-06"]


def test_a_theatre_of_ones_own_is_named_by_the_options_that_loaded_it(tmp_path):
    import re

    graphml = Path(__file__).parent / "data"
    found = sorted(graphml.rglob("*.graphml"))
    assert found, "a GraphML theatre among the test data"
    out = tmp_path / "mine.html"
    r = runner.invoke(app, ["explore", "--theatre", str(found[0]), "--default-holder", "blue",
                            "-o", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(re.search(r'<script id="sim-data" type="application/json">(.*?)</script>',
                                out.read_text(encoding="utf-8"), re.S).group(1))
    assert data["scenario"]["words"] == ["--theatre", str(found[0]), "--default-holder", "blue"]
