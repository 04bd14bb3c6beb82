"""The cache of parsed theatres: a hit reads no file twice, a change misses, a bad entry
is ignored and rewritten, ``SIM_CACHE_DIR=off`` keeps nothing, and nothing is ever
written beside the input."""

from __future__ import annotations

import json
import os
import warnings

import numpy as np
import platformdirs
import pytest

from sim import cache, formats, io
from sim.errors import LoadNote

PLACES = "id,name,lat,lon,holder\na,Alpha,0,0,blue\nb,Beta,0,1,\nc,Gamma,1,1,red\n"
ROADS = "a,b,km\nb,a,111\nb,c,112\n"


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """A cache folder of the test's own, caching files of any size, and no load remembered
    by the process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SIM_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    io._load_foreign_cached.cache_clear()
    yield folder
    io._load_foreign_cached.cache_clear()


def _theatre(tmp_path, places=PLACES, roads=ROADS):
    folder = tmp_path / "mine"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "places.csv").write_text(places)
    (folder / "roads.csv").write_text(roads)
    return folder


def _load(name, **kw):
    io._load_foreign_cached.cache_clear()  # as a new process would
    return io.load_foreign(name, **kw)


def _entries(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _same(x, y):
    assert x.theatre == y.theatre and x.notes == y.notes
    assert dict(x.holders) == dict(y.holders)
    assert [(r.a, r.b) for r in x.theatre.roads.values()] == \
        [(r.a, r.b) for r in y.theatre.roads.values()]


def test_a_second_load_reads_the_entry_and_not_the_files(tmp_path, cached, monkeypatch):
    folder = _theatre(tmp_path)
    first = _load(folder)
    assert len(_entries(cached)) == 1
    monkeypatch.setattr(formats, "read_csv", lambda *a, **k: pytest.fail("parsed again"))
    again = _load(folder)
    _same(again, first)
    assert again.theatre.columnar and again.theatre.source == first.theatre.source
    assert dict(again.holders) == {"a": ("blue", "held"), "c": ("red", "held")}
    assert len(_entries(cached)) == 1


def test_a_changed_input_is_parsed_again_and_its_old_entry_goes(tmp_path, cached):
    folder = _theatre(tmp_path)
    _load(folder)
    before = _entries(cached)
    (folder / "roads.csv").write_text(ROADS + "a,c,200\n")
    changed = _load(folder)
    assert changed.theatre.road("a", "c").km == 200
    after = _entries(cached)
    assert len(after) == 1 and after != before


def test_the_home_country_is_part_of_the_key(tmp_path, cached):
    folder = _theatre(tmp_path)
    assert _load(folder).theatre.home_country == "ZZ"
    assert _load(folder, home_country="xa").theatre.places["a"].country == "XA"
    assert _load(folder).theatre.places["a"].country == "ZZ"


@pytest.mark.parametrize("spoil", [
    lambda path: path.write_bytes(b"not a zip file"),
    lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]),
    lambda path: path.write_bytes(b""),
])
def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path, cached, spoil):
    folder = _theatre(tmp_path)
    first = _load(folder)
    (entry,) = cached.iterdir()
    spoil(entry)
    _same(_load(folder), first)
    with np.load(entry, allow_pickle=False) as data:  # written again, whole
        assert int(data["format"][0]) == cache.FORMAT
    _same(_load(folder), first)


def test_an_entry_of_arrays_that_make_no_theatre_is_ignored(tmp_path, cached):
    folder = _theatre(tmp_path)
    first = _load(folder)
    (entry,) = cached.iterdir()
    with np.load(entry, allow_pickle=False) as data:
        arrays = dict(data)
    arrays["road.v"] = arrays["road.u"]  # each road would join a place to itself
    with open(entry, "wb") as out:
        np.savez(out, **arrays)
    _same(_load(folder), first)


def test_off_keeps_nothing(tmp_path, cached, monkeypatch):
    folder = _theatre(tmp_path)
    monkeypatch.setenv("SIM_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    _load(folder)
    _load(folder)
    assert not cached.exists()


def test_the_default_folder_is_the_users_cache_folder(monkeypatch):
    monkeypatch.delenv("SIM_CACHE_DIR", raising=False)
    assert str(cache.cache_dir()) == platformdirs.user_cache_dir("sim")
    monkeypatch.setenv("SIM_CACHE_DIR", "  ")
    assert str(cache.cache_dir()) == platformdirs.user_cache_dir("sim")


def test_small_inputs_are_not_cached(tmp_path, cached, monkeypatch):
    monkeypatch.setattr(cache, "MIN_BYTES", 1 << 20)
    _load(_theatre(tmp_path))
    assert _entries(cached) == []


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path, cached, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("SIM_CACHE_DIR", str(blocker / "cache"))
    assert len(_load(_theatre(tmp_path)).theatre.places) == 3


def test_a_bad_input_is_reported_as_ever_and_cached_never(tmp_path, cached):
    folder = _theatre(tmp_path, roads="a,b,km\na,b,-3\n")
    with pytest.raises(Exception, match=r"roads.csv:2: km must be positive, got '-3'"):
        _load(folder)
    assert _entries(cached) == []


def _geojson(tmp_path):
    def point(pid, lon):
        return {"type": "Feature", "properties": {"id": pid},
                "geometry": {"type": "Point", "coordinates": [lon, 0]}}
    line = {"type": "Feature", "properties": {"a": "a"},
            "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 0.001]]}}
    path = tmp_path / "input" / "snap.geojson"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"type": "FeatureCollection",
                                "features": [point("a", 0), point("b", 1), line]}))
    return path


def test_the_notes_of_a_load_come_back_with_the_entry(tmp_path, cached):
    path = _geojson(tmp_path)
    for _ in range(2):
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            loaded = _load(path)
        assert [str(w.message) for w in said if w.category is LoadNote] == list(loaded.notes)
        assert "b=b (111 m away)" in loaded.notes[0]
    assert len(_entries(cached)) == 1


def _graphml(tmp_path):
    path = tmp_path / "input" / "g.graphml"
    path.parent.mkdir(exist_ok=True)
    path.write_text('<graphml><key id="x" for="node" attr.name="x"/><key id="y" for="node" '
                    'attr.name="y"/><graph><node id="a"><data key="x">0</data><data key="y">'
                    '0</data></node><node id="b"><data key="x">1</data><data key="y">0</data>'
                    '</node><edge source="b" target="a"/></graph></graphml>')
    return path


@pytest.mark.parametrize("make", [lambda t: _theatre(t) / "places.csv", _geojson, _graphml])
def test_no_file_is_ever_written_beside_the_input(tmp_path, cached, make):
    path = make(tmp_path)
    before = sorted(os.listdir(path.parent))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadNote)
        first = _load(path)
        again = _load(path)
    _same(again, first)
    assert sorted(os.listdir(path.parent)) == before
    assert len(_entries(cached)) == 1


def test_at_most_max_entries_are_kept(tmp_path, cached, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    for i in range(4):
        _load(_theatre(tmp_path / f"t{i}"))
    assert len(_entries(cached)) == 2


def test_a_theatre_the_checking_reader_read_is_cached_as_columns_too(tmp_path, cached):
    path = _graphml(tmp_path)  # a document type declaration: left to the checking reader
    path.write_text('<!DOCTYPE graphml>' + path.read_text())
    assert formats.read_graphml(path.read_bytes(), fast=True).theatre.columnar is False
    first = _load(path)
    again = _load(path)
    assert not first.theatre.columnar and again.theatre.columnar
    _same(again, first)
    assert again.theatre.road("a", "b").a == "b"
