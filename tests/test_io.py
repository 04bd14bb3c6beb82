"""The disk: outputs never overwrite by accident, the base map is read once, and the
library's messages speak of files and values, never of command-line flags."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import pytest

from sim import io, output
from sim.errors import InputError, OutputError, OutputExistsError

ROOT = Path(__file__).resolve().parent.parent
OAKLAND = ROOT / "tests" / "data" / "west-oakland.graphml"


def test_an_output_in_the_way_is_an_output_exists_error(tmp_path):
    target = tmp_path / "map.png"
    assert output.check_writable(target) == target
    target.write_bytes(b"x")
    with pytest.raises(OutputExistsError) as err:
        output.check_writable(target)
    assert str(err.value) == f"{target} exists" and err.value.path == str(target)
    assert isinstance(err.value, OutputError)
    assert output.check_writable(target, force=True) == target
    with pytest.raises(OutputExistsError):
        output.write_atomic(target, "y")
    assert target.read_bytes() == b"x"
    with pytest.raises(OutputError, match="does not exist"):
        output.check_writable(tmp_path / "nope" / "map.png")


def test_who_holds_the_places_is_asked_without_flag_names():
    with pytest.raises(InputError) as err:
        io.load_scenario(theatre=OAKLAND)
    assert "say who holds the places of 'west-oakland'" in str(err.value)
    assert "control file" in str(err.value) and "default holder" in str(err.value)
    assert "--" not in str(err.value)


def test_the_base_map_is_read_once_and_is_read_only():
    theatre = io.load_theatre("syria")
    first = io.load_basemap(theatre)
    assert first is io.load_basemap(theatre)  # read once per process
    assert first["type"] == "FeatureCollection" and len(first["features"]) > 5
    feature = first["features"][0]
    with pytest.raises(TypeError):
        feature["properties"]["iso_a2"] = "XX"
    with pytest.raises(TypeError):
        first.update(type="Feature")
    with pytest.raises((TypeError, AttributeError)):
        first["features"].append({})  # arrays are tuples
    # Still plain data for whoever needs it: JSON writes it, a copy may be changed.
    assert json.loads(json.dumps(first))["type"] == "FeatureCollection"
    mine = copy.deepcopy(first)
    mine["type"] = "changed"
    mine["features"].append({})
    assert first["type"] == "FeatureCollection"
    assert pickle.loads(pickle.dumps(first))["type"] == "FeatureCollection"


def test_a_theatre_without_a_base_map_has_none():
    assert io.load_basemap(io.load_theatre(OAKLAND)) is None


@pytest.mark.parametrize("content, words", [
    (b"\xff\xfe\x00bad", "not a UTF-8 text file"),
    (None, "is a folder, not a file"),
])
def test_unreadable_files_are_input_errors(tmp_path, content, words):
    path = tmp_path / "s.toml"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    with pytest.raises(InputError, match=words):
        io.read_toml(path)
