"""GeoJSON theatres: a FeatureCollection of Point places and LineString roads.

Points carry the place fields (``id``, ``name``, ``kind``, ``country``,
``governorate``, ``population``, ``aliases``), LineStrings the road fields (``a``, ``b``,
``km`` or ``length_m``, ``class``, ``ref``). A line without ``a``/``b`` is
snapped to the nearest places within :data:`SNAP_KM` of its ends; a line
without a length is measured along its coordinates.

>>> text = ('{"type": "FeatureCollection", "features": ['
...         '{"type": "Feature", "properties": {"id": "a"},'
...         ' "geometry": {"type": "Point", "coordinates": [0, 0]}},'
...         '{"type": "Feature", "properties": {"id": "b"},'
...         ' "geometry": {"type": "Point", "coordinates": [1, 0]}},'
...         '{"type": "Feature", "properties": {"a": "a", "b": "b", "km": 120},'
...         ' "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 0]]}}]}')
>>> read_geojson(text, home_country="XA").theatre.road("a", "b").km
120.0
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from .. import schema
from ..errors import InputError
from ..model import Place, great_circle_km
from .common import SNAP_KM, Loaded, _Draft, _text, quiet_gc

Position = tuple[float, float]


def read_geojson(text: str | bytes, *, file: str = "", stem: str = "theatre",
                 home_country: str | None = None, fast: bool = True) -> Loaded:
    """A theatre from a GeoJSON FeatureCollection of Point places and LineString roads.

    Problems name the feature by its index in ``features`` (``features[3]``).

    The features are read by the fast reader (:mod:`sim.formats.fast_geojson`, the
    theatre kept as columns) unless it leaves them to the checking reader, which makes
    each feature a :class:`~sim.model.Place` or a :class:`~sim.model.Road` and reports
    every problem; ``fast=False`` reads them with the checking reader only. Both give
    the same theatre.
    """
    if fast:
        from .fast_geojson import read_geojson_fast

        loaded = read_geojson_fast(text, file=file, stem=stem, home_country=home_country)
        if loaded is not None:
            return loaded
    features, meta = _collection(text, file)
    draft = _Draft()
    lines: list[tuple[int, dict, list[Position]]] = []
    for i, feature in enumerate(features):
        line = _read_feature(draft, i, feature)
        if line is not None:
            lines.append(line)
    valid = [p for p, _ in draft.places.values()]
    for i, props, positions in lines:
        _read_line(draft, f"features[{i}]", props, positions, valid, file)
    return draft.theatre(file=file, stem=stem, meta=meta, home_country=home_country,
                         meta_where="sim")


def _collection(text: str | bytes, file: str) -> tuple[list, dict]:
    """The features and the ``sim`` metadata of a FeatureCollection's text."""
    try:
        with quiet_gc():
            doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=file or None, line=exc.lineno) from None
    except UnicodeDecodeError:
        raise InputError("not a UTF-8 text file", file=file or None) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", file=file or None) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise InputError(f"not valid JSON: {exc}", file=file or None) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise InputError("a theatre in GeoJSON must be a FeatureCollection", file=file or None)
    features = doc.get("features")
    if not isinstance(features, list):
        raise InputError("the FeatureCollection has no list of features", file=file or None)
    meta = doc.get("sim") if isinstance(doc.get("sim"), dict) else {}
    return features, meta


def _read_feature(draft: _Draft, i: int, feature: Any) -> tuple[int, dict, list] | None:
    """Add a Point feature's place to the draft; return a LineString's parts for later."""
    where = f"features[{i}]"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        got = feature.get("type") if isinstance(feature, dict) else feature
        draft.problems.add(f"must be a Feature (type \"Feature\"), got {schema.shown(got)}",
                           at=where)
        return None
    geometry = feature.get("geometry")
    props = feature.get("properties")
    if props is not None and not isinstance(props, dict):
        draft.problems.add(f"properties must be an object, got {schema.shown(props)}", at=where)
        return None
    props = props or {}
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if kind == "Point":
        pos = _position(coords)
        if props.get("id") is not None:
            where += f" (id {_text(props.get('id'))!r})"
        if pos is None:
            draft.problems.add(f"Point needs coordinates [lon, lat], got {schema.shown(coords)}",
                               at=where)
            draft.claim(_text(props.get("id")))
            return None
        draft.add_place({**props, "lon": pos[0], "lat": pos[1]}, where, "town")
        return None
    if kind == "LineString":
        positions = [_position(c) for c in coords] if isinstance(coords, list) else []
        if len(positions) < 2 or None in positions:
            draft.problems.add("LineString needs two or more [lon, lat] positions", at=where)
            return None
        return i, props, positions
    shown = schema.shown(kind) if kind else "none"
    draft.problems.add(f"geometry must be a Point (place) or a LineString (road), got {shown}",
                       at=where)
    return None


def _position(value: Any) -> Position | None:
    """(lon, lat) of a GeoJSON position, or None if it is not one (a longitude outside
    -180 to 180 or a latitude outside -90 to 90 is not)."""
    if (isinstance(value, list) and len(value) >= 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                    and _finite(v) for v in value[:2])
            and abs(value[0]) <= 180 and abs(value[1]) <= 90):
        return float(value[0]), float(value[1])
    return None


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def _nearest(places: Iterable[Place], lon: float, lat: float) -> tuple[Place | None, float]:
    best, best_km = None, math.inf
    for p in places:
        d = great_circle_km(lat, lon, p.lat, p.lon)
        if d < best_km or (d == best_km and best is not None and p.id < best.id):
            best, best_km = p, d
    return best, best_km


def _snap(draft: _Draft, where: str, props: dict, positions: list[Position],
          valid: list[Place]) -> tuple[list[str], list[str]] | None:
    """The line's ends (given, or snapped to the nearest places) and what was snapped;
    None if an end has no place near enough."""
    ends = [_text(props.get("a")), _text(props.get("b"))]
    snapped: list[str] = []
    ok = True
    for k, pos in ((0, positions[0]), (1, positions[-1])):
        if ends[k]:
            continue
        place, dist = _nearest(valid, *pos)
        if place is None or dist > SNAP_KM:
            near = f" (nearest: {place.id!r}, {dist:.2f} km)" if place else ""
            draft.problems.add(f"no '{'ab'[k]}' given and no place within {SNAP_KM} km of the "
                               f"line's {('start', 'end')[k]}{near}", at=where)
            ok = False
            continue
        ends[k] = place.id
        snapped.append(snapped_words(k, place.id, dist))
    return (ends, snapped) if ok else None


def _length(draft: _Draft, where: str, props: dict, positions: list[Position]) -> float | None:
    """The line's km: given as ``km`` or ``length_m``, else measured along it."""
    if props.get("km") is not None:
        return schema.positive(props.get("km"), "km", where, draft.problems)
    if props.get("length_m") is not None:
        metres = schema.positive(props.get("length_m"), "length_m", where, draft.problems)
        return metres / 1000 if metres is not None else None
    km = measured_km(positions)
    if km <= 0:
        draft.problems.add("the line has no length; give km", at=where)
        return None
    return km


def measured_km(positions: list[Position]) -> float:
    """The length of a line along its (lon, lat) positions, in km."""
    return sum(great_circle_km(p[1], p[0], q[1], q[0]) for p, q in pairwise(positions))


def snap_note(snapped: list[str]) -> str:
    """What the note of a road (and of its load) says of its snapped ends."""
    return f"ends snapped to the nearest places: {', '.join(snapped)}"


def snapped_words(end: int, place_id: str, km: float) -> str:
    """How a load note names a line end snapped to a place ``km`` away (``a=homs (120 m
    away)``)."""
    return f"{'ab'[end]}={place_id} ({km * 1000:.0f} m away)"


def _read_line(draft: _Draft, where: str, props: dict, positions: list[Position],
               valid: list[Place], file: str) -> None:
    """Add a LineString feature's road to the draft."""
    found = _snap(draft, where, props, positions, valid)
    if found is None:
        return
    ends, snapped = found
    record = {**props, "a": ends[0], "b": ends[1]}
    if snapped:
        said = snap_note(snapped)
        draft.notes.append(f"{file or 'GeoJSON'} {where}: {said}")
        note = schema.text(props.get("note"), "note", where, draft.problems)
        record["note"] = f"{note}; {said}" if note else said
    draft.add_road(record, where, km=_length(draft, where, props, positions))
