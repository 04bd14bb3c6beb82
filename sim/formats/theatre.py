"""The theatre folder format: ``theatre.toml`` with ``places.toml``, ``roads.csv``
and ``factions.toml`` beside it, as the bundled theatres are kept.

Each function takes a file's parsed TOML data or its text and returns values;
:func:`sim.io.load_theatre` reads the files. Every record is checked by
:mod:`sim.schema`, and every problem of a file is reported at once.

>>> read_roads_csv("a,b,km,class\\nhoms,hama,46,motorway\\n", file="roads.csv",
...                places={"homs": "homs", "hama": "hama"})
[Road(a='homs', b='hama', km=46.0, road_class='motorway', ref='', sourced=False, note='')]
>>> read_roads_csv("a,b,km\\nhoms,hama,-3\\n", file="roads.csv", places={"homs": "homs"})
Traceback (most recent call last):
...
sim.errors.ValidationError: roads.csv: 2 problem(s): line 2: road names unknown place 'hama'; \
line 2: km must be positive, got '-3'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import schema
from ..model import FactionInfo, Place, Road
from ..schema import Problems
from .common import ROAD_COLUMNS
from .rows import csv_rows

#: The files of a theatre folder, by the ``[theatre]`` key that may rename them.
THEATRE_FILES = {"places": "places.toml", "roads": "roads.csv", "factions": "factions.toml"}
#: The keys each table of the folder's TOML files may hold. ``geonameid`` is kept in
#: the bundled files for provenance (which GeoNames record a place came from) and not read.
THEATRE_KEYS = ("id", "name", "home_country", *THEATRE_FILES, "credits", "basemap")
PLACE_KEYS = ("id", "name", "lat", "lon", "kind", "country", "governorate", "population",
              "aliases", "coord_source", "geonameid")
FACTION_KEYS = ("id", "name", "colour", "aliases", "short", "words", "plural")


def table_lines(text: str, name: str) -> list[int]:
    """The line of each ``[[name]]`` header of a TOML text, in order (so that the
    problems of the i-th table can name their line).

    >>> table_lines("# places\\n[[place]]\\nid = 1\\n\\n[[place]]\\nid = 2\\n", "place")
    [2, 5]
    """
    header = f"[[{name}]]"
    return [n for n, line in enumerate(text.splitlines(), 1)
            if line.strip().split("#", 1)[0].strip() == header]


def _where(name: str, i: int, lines: list[int] | None, pid: Any = None) -> str:
    at = f"line {lines[i]} " if lines and i < len(lines) else ""
    return f"{at}[{name}[{i}]]" + (f" (id {pid!r})" if isinstance(pid, str) else "")


def theatre_head(meta: Mapping[str, Any], *, file: str = "theatre.toml") -> dict[str, Any]:
    """The ``[theatre]`` table (id, name, home_country, file names, credits, basemap)
    and the ``[countries]`` names of a parsed ``theatre.toml``, checked.

    >>> head = theatre_head({"theatre": {"id": "t", "name": "T", "home_country": "XA"}})
    >>> head["places"], head["credits"]
    ('places.toml', ())
    """
    problems = Problems(file)
    schema.unknown_keys(meta, ("theatre", "countries"), problems)
    table = schema.table(meta.get("theatre"), "theatre", problems)
    schema.unknown_keys(table, THEATRE_KEYS, problems, key="theatre")
    head: dict[str, Any] = {}
    for key in ("id", "name", "home_country"):
        if table.get(key) is None:
            problems.add("is required", key=f"theatre.{key}")
        elif key == "home_country":
            head[key] = schema.country(table.get(key), "[theatre]", problems, what=key)
        else:
            head[key] = schema.text(table.get(key), key, "[theatre]", problems)
    for key, default in THEATRE_FILES.items():
        head[key] = schema.text(table.get(key), key, "[theatre]", problems, default=default)
    head["credits"] = schema.strings(table.get("credits"), "credits", "[theatre]", problems,
                                     sep=None)
    head["basemap"] = schema.text(table.get("basemap"), "basemap", "[theatre]", problems)
    countries = schema.table(meta.get("countries"), "countries", problems)
    head["countries"] = {str(code): schema.text(name, str(code), "[countries]", problems)
                         for code, name in countries.items()}
    problems.raise_if_any()
    return head


def read_places_toml(data: Mapping[str, Any], *, file: str = "places.toml",
                     lines: list[int] | None = None) -> list[Place]:
    """The places of a parsed ``places.toml`` (``[[place]]`` tables, see
    :func:`sim.schema.place`); problems name the table (``[place[3]] (id 'homs')``) and,
    given the ``lines`` of the headers (:func:`table_lines`), its line."""
    problems = Problems(file)
    out: list[Place] = []
    first: dict[str, str] = {}
    schema.unknown_keys(data, ("place",), problems)
    for i, raw in schema.tables(data.get("place"), "place", problems):
        pid = raw.get("id")
        where = _where("place", i, lines, pid)
        schema.unknown_keys(raw, PLACE_KEYS, problems, at=where)
        if isinstance(pid, str) and pid.strip() in first:
            problems.add(f"duplicate place id {pid.strip()!r} (first at {first[pid.strip()]})",
                         at=where)
            continue
        place = schema.place(raw, where, problems, sep=None)
        if isinstance(pid, str) and pid.strip():
            first[pid.strip()] = where
        if place is not None:
            out.append(place)
    problems.raise_if_any()
    return out


def read_roads_csv(text: str, *, file: str = "roads.csv",
                   places: Mapping[str, str] | None = None) -> list[Road]:
    """The roads of a ``roads.csv`` text (``a,b,km`` and optional ``class``, ``ref``,
    ``km_basis``, ``note``; see :func:`sim.schema.road`); problems name their lines.

    ``places`` maps the theatre's place ids to themselves: each end must be one.
    """
    problems = Problems(file)
    out: list[Road] = []
    first: dict[tuple[str, str], int] = {}
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    for line, row in csv_rows(text, name, ("a", "b", "km"), problems,
                                     where=lambda n: f"line {n}", known=ROAD_COLUMNS):
        road = schema.road(row, f"line {line}", problems, places=places)
        if road is None:
            continue
        if road.key in first:
            problems.add(f"duplicate road {road.a}-{road.b} (first at line {first[road.key]})",
                         line=line)
            continue
        first[road.key] = line
        out.append(road)
    problems.raise_if_any()
    return out


def read_factions_toml(data: Mapping[str, Any], *, file: str = "factions.toml",
                       lines: list[int] | None = None) -> list[FactionInfo]:
    """The faction catalogue of a parsed ``factions.toml`` (``[[faction]]`` tables, see
    :func:`sim.schema.faction`)."""
    problems = Problems(file)
    out: dict[str, FactionInfo] = {}
    schema.unknown_keys(data, ("faction",), problems)
    for i, raw in schema.tables(data.get("faction"), "faction", problems):
        where = _where("faction", i, lines)
        schema.unknown_keys(raw, FACTION_KEYS, problems, at=where)
        info = schema.faction(raw, where, problems)
        if info is not None and info.id in out:
            problems.add(f"duplicate faction id {info.id!r}", key=f"faction[{i}]")
        elif info is not None:
            out[info.id] = info
    problems.raise_if_any()
    return list(out.values())
