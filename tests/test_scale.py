"""What a large theatre changes in reports and outputs: summaries, streamed exports.

The thresholds are lowered so that small theatres take the large theatres' paths.
"""

from __future__ import annotations

import re

import pytest

import sim
from sim import io
from sim.control import Control, Faction
from sim.formats.stream import Chunks
from sim.model import Place, Road, Theatre
from sim.report import common
from sim.scenario import Scenario


def scattered(pieces: int = 15) -> Scenario:
    """A capital with one neighbour, and ``pieces`` pairs of places with no road to it."""
    places = [Place("cap", "Cap", 0, 0, population=100), Place("nb", "Nb", 0, 1, population=5)]
    roads = [Road("cap", "nb", 3.0)]
    for k in range(pieces):
        a, b = f"x{k:02d}a", f"x{k:02d}b"
        places += [Place(a, a.upper(), 1, k, population=10 * k + 1),
                   Place(b, b.upper(), 2, k, population=None if k % 4 == 0 else k)]
        roads.append(Road(a, b, 2.0))
    t = Theatre.build("sc", "Scattered", "SY", places, roads)
    control = Control.of({p.id: "gov" for p in places})
    return Scenario("sc", "Scattered", "2025-01-01", t, control,
                    {"gov": Faction("gov", capital="cap", strongholds=("cap",))}, ())


@pytest.fixture
def summarising(monkeypatch):
    monkeypatch.setattr(common, "SUMMARY_ABOVE", 0)


def test_a_summarising_report_counts_the_pockets_it_leaves_out(summarising):
    s = scattered()
    pockets = sim.show(s).value["gov"].pockets
    text = sim.show(s).text()
    shown = re.findall(r"^  pocket \d+ ", text, flags=re.M)
    assert len(shown) == common.POCKETS_SHOWN < len(pockets)
    rest = pockets[common.POCKETS_SHOWN:]
    line = next(x for x in text.splitlines() if x.startswith("  and "))
    people, unknown = sum(p.population for p in rest), sum(p.unknown for p in rest)
    assert unknown and line == (f"  and {len(rest)} more pockets: "
                                f"{sum(len(p.places) for p in rest)} places, "
                                f"{common.people(people, unknown)}")


def test_a_summarising_report_names_the_first_places_and_counts_the_rest(summarising):
    s = scattered()
    line = next(x for x in sim.show(s).text().splitlines() if x.startswith("  gov ("))
    held = len(s.control.places_of("gov"))
    assert line.endswith(f"and {held - common.NAMES_SHOWN} other places")
    assert line.count(", ") == common.NAMES_SHOWN - 1


def test_small_reports_do_not_summarise():
    text = sim.show(scattered()).text()
    assert "more pockets" not in text and "other places" not in text


@pytest.mark.parametrize("fmt, name", [("geojson", "t.geojson"), ("graphml", "t.graphml"),
                                       ("csv", "t")])
def test_a_large_export_streams_the_same_bytes(monkeypatch, tmp_path, fmt, name):
    s = sim.load()
    whole = sim.export(s, fmt)
    monkeypatch.setattr(common, "SUMMARY_ABOVE", 0)
    streamed = sim.export(s, fmt)
    parts = streamed.value.values() if fmt == "csv" else [streamed.value]
    assert all(isinstance(p, Chunks) for p in parts)
    io.write_export(tmp_path / name, streamed.value)
    if fmt == "csv":
        for file, text in whole.value.items():
            assert (tmp_path / name / file).read_text() == text == str(streamed.value[file])
    else:
        assert (tmp_path / name).read_text() == whole.value == str(streamed.value)


def test_a_summarising_place_list_counts_every_place(summarising, monkeypatch):
    from sim.report import tables
    monkeypatch.setattr(tables, "PLACES_SHOWN", 5)
    s = sim.load()
    answer = sim.places(s)
    lines = answer.text().splitlines()
    rows = answer.value
    held = {f: sum(r["holder"] == f for r in rows) for f in {r["holder"] for r in rows}}
    assert lines[0].startswith(f"{len(rows)} places: ")
    for fid, n in held.items():
        who = "nobody" if fid is None else f"the {s.faction_label(fid)}"
        assert f"{n} places held by {who}" in lines[0] or f"{n} place held by {who}" in lines[0]
    assert len(lines) == 2 + 5 + 1 and lines[-1] == f"... and {len(rows) - 5} more places " \
        "(--json lists every one)"
    assert len(answer.to_json()["places"]) == len(s.theatre.places)
