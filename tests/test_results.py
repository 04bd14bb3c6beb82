"""Answers: the value's attributes on the answer, the text as str, JSON as stable text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sim

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def r():
    return sim.what_if(sim.load(), fall=["homs"])


def test_the_analysis_value_reads_through_the_answer(r):
    assert r.change is r.value.change
    assert r.faction.id == "government"
    with pytest.raises(AttributeError):
        r.no_such_thing


def test_str_is_the_text_and_json_is_stable(r):
    assert str(r) == r.text()
    assert r.json().endswith("\n") and json.loads(r.json()) == r.to_json()
    assert r.json() == sim.what_if(sim.load(), fall=["homs"]).json()


def test_the_sentence_carries_its_kind(r):
    assert r.sentence.kind == r.change.kind == "lifeline-cut"
    assert r.sentence.text == r.verdict


def test_critical_lists_top_in_text_and_all_in_json():
    answer = sim.critical(sim.load(), faction="government", top=3)
    assert len(answer.to_json()["places"]) == 3
    assert "3. " in answer.text() and "4. " not in answer.text()
    every = sim.critical(sim.load(), faction="government")
    assert len(every.to_json()["places"]) == len(every.value.places) >= 4


def test_validate_answers_for_scenarios_and_theatres():
    assert sim.validate(ROOT / "scenarios" / "syria-2024-12-06.toml").text().startswith(
        "ok: syria-2024-12-06")
    theatre = sim.validate(ROOT / "sim" / "data" / "theatres" / "syria")
    assert theatre.to_json()["pieces"] == 1 and "connected" in theatre.text()
