"""The fuzz suite: every bad input a careless or hostile user might give, and how sim meets it.

The corpus is made by code (``tests/fuzz.py``); each family runs as one test that
fails with a list of every case that went wrong. Then hypothesis mutates the text
of each kind of file (TOML, CSV, GeoJSON, GraphML) at random. ``make test`` runs the
mutations on a fixed seed; ``make fuzz`` (``SIM_FUZZ=1``) runs many more.

A case fails on a traceback, a hang, a partial or stray file, an input changed, bad
input accepted without a word, or an error that is not one clear line.
"""

from __future__ import annotations

import collections
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzz

LONG = bool(os.environ.get("SIM_FUZZ"))
CASES = list(fuzz.corpus())
FAMILIES = sorted({case.family for case in CASES})


def _run(case: fuzz.Case) -> fuzz.Outcome:
    with tempfile.TemporaryDirectory() as folder:
        return fuzz.judge(case, Path(folder))


def _report(outcomes: list[fuzz.Outcome]) -> str:
    bad = [o for o in outcomes if o.failure]
    lines = [f"{len(bad)} of {len(outcomes)} cases failed: "
             f"{dict(collections.Counter(o.failure for o in bad))}"]
    for o in bad[:40]:
        said = (o.detail or o.stderr.strip().replace("\n", " | "))[:200]
        lines.append(f"  {o.failure}: {o.case.name} (exit {o.exit_code}) {said} {o.extra or ''}")
    return "\n".join(lines)


def test_the_corpus_is_wide():
    """Every family of the issue is covered, by hundreds of cases."""
    counts = collections.Counter(case.family.split(":")[0] for case in CASES)
    assert len(CASES) > 3000
    for family in ("type", "cell", "json", "xml", "scenario", "extends", "folder", "csv",
                   "geojson", "graphml", "output", "disk", "flags", "bounds"):
        assert counts[family] > 0, family
    assert sum(1 for case in CASES if case.expect == "error") > 1500


@pytest.mark.parametrize("family", FAMILIES)
def test_every_case_of_the_family_is_met_cleanly(family):
    outcomes = [_run(case) for case in CASES if case.family == family]
    assert not any(o.failure for o in outcomes), _report(outcomes)


# ---------------------------------------------------------------- random mutations

SYNTAX = ["[", "]", "{", "}", "=", '"', "'", ",", "\n", "#", ".", ":", "<", ">", "/", "&",
          "-", "e", "0", "9" * 400, "nan", "inf", "true", "[[", "]]", "\x00", "\ufeff", "é",
          "<node>", "</graph>", '{"type": "Feature"}', "[1, [2, [3]]]", ";"]


@st.composite
def mutated(draw, text: str) -> str:
    """``text`` after a few random edits: a slice removed, syntax inserted, a line
    repeated, two lines swapped."""
    for _ in range(draw(st.integers(1, 4))):
        edit = draw(st.sampled_from(["cut", "insert", "repeat", "swap"]))
        n = len(text)
        i = draw(st.integers(0, n))
        if edit == "cut":
            text = text[:i] + text[min(n, i + draw(st.integers(1, 40))):]
        elif edit == "insert":
            text = text[:i] + draw(st.sampled_from(SYNTAX) | st.text(max_size=8)) + text[i:]
        else:
            lines = text.split("\n")
            a, b = (draw(st.integers(0, len(lines) - 1)) for _ in range(2))
            if edit == "repeat":
                lines.insert(a, lines[b])
            else:
                lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
    return text


FUZZ = settings(max_examples=2000 if LONG else 40, deadline=None, derandomize=not LONG,
                suppress_health_check=list(HealthCheck), database=None)
BASE = fuzz.base_files()
SHOW = ["show", "s.toml"]


def _mutant(files: dict, argv: list[str]) -> None:
    outcome = _run(fuzz.Case("mutant", "mutant", files, argv, "any"))
    assert not outcome.failure, _report([outcome])


@FUZZ
@given(mutated(BASE["s.toml"]))
def test_mutated_scenario_toml(text):
    _mutant({**BASE, "s.toml": text}, SHOW)


@FUZZ
@given(mutated(BASE["isle/places.toml"]))
def test_mutated_places_toml(text):
    _mutant({**BASE, "isle/places.toml": text}, SHOW)


@FUZZ
@given(mutated(fuzz.ROADS_CSV), mutated(fuzz.PLACES_CSV))
def test_mutated_csv_theatre(roads, places):
    _mutant(fuzz.csv_theatre(places, roads), ["show", "--theatre", "csv", "--default-holder",
                                              "blue"])


@FUZZ
@given(mutated(__import__("json").dumps(fuzz.geojson_base(), indent=1)))
def test_mutated_geojson(text):
    _mutant({"t.geojson": text}, ["show", "--theatre", "t.geojson", "--default-holder", "blue"])


@FUZZ
@given(mutated(fuzz.graphml_base().replace("><", ">\n<")))
def test_mutated_graphml(text):
    _mutant({"g.graphml": text}, ["show", "--theatre", "g.graphml", "--default-holder", "blue"])


@FUZZ
@given(mutated("place,faction,status\nfenwick,red,held\nbirch,red,contested\n"))
def test_mutated_control_csv(text):
    _mutant({**BASE, "c.csv": text}, [*SHOW, "--control", "c.csv"])


@FUZZ
@given(st.sampled_from(["what-if", "show", "critical", "cut", "routes", "risk", "places",
                        "export", "factions", "validate"]),
       st.lists(st.sampled_from(["s.toml", "--fall", "birch", "birch:red", "--contest",
                                 "--cut-road", "alder:birch", "-f", "blue", "red", "", "-o",
                                 "x.geojson", "--force", "--json", "--top", "-1", "0",
                                 "--trials", "10", "--p", "birch=0.5", "--k", "2", "alder",
                                 "elm", "--captures", "2", "--country", "XA", "--chart",
                                 "c.png", "--theatre", "isle", "--open-transit", "ZZ"]),
                max_size=8))
def test_random_command_lines(command, args):
    outcome = _run(fuzz.Case("argv", "argv", BASE, [command, *args], "any",
                             outputs=("x.geojson", "c.png")))
    assert not outcome.failure, _report([outcome])
