"""The fast reader of GeoJSON theatres: a FeatureCollection's features read as columns.

The parsed features are sorted into Point places and LineString roads, their
properties gathered as columns and their positions as arrays, and checked by
:mod:`sim.formats.fast`. A line without ``a`` or ``b`` is snapped to the nearest
place within :data:`~sim.formats.common.SNAP_KM` of its end (a k-d tree finds the
places near each end, and the nearest of them is chosen as the checking reader
chooses it: by great-circle distance, then by id); a line without ``km`` or
``length_m`` is measured along its positions. Whatever :mod:`sim.formats.fast`
leaves alone (a problem, a feature of another kind, an end with no place near
enough) sends the features to the checking reader,
:func:`sim.formats.geojson.read_geojson` with ``fast=False``.

>>> def point(pid, lon):
...     return {"type": "Feature", "properties": {"id": pid},
...             "geometry": {"type": "Point", "coordinates": [lon, 0]}}
>>> line = {"type": "Feature", "properties": {"a": "a"},
...         "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 0.001]]}}
>>> loaded = read_features_fast([point("a", 0), point("b", 1), line], {}, home_country="XA")
>>> loaded.theatre.road("a", "b").note, loaded.notes
('ends snapped to the nearest places: b=b (111 m away)', \
('GeoJSON features[2]: ends snapped to the nearest places: b=b (111 m away)',))
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

import numpy as np

from .. import schema
from ..model import EARTH_RADIUS_KM, great_circle_km
from .common import SNAP_KM, Loaded, _text
from .fast import (FileRoadColumns, FinishedPlaces, Head, Places, Roads, Unusual, assemble,
                   floats, need, quiet_gc, strict)
from .geojson import measured_km, snap_note, snapped_words

#: The properties of a Point that the readers use (its position gives lat and lon).
PLACE_FIELDS = ("id", "name", "kind", "country", "governorate", "population", "aliases",
                "coord_source", "holder", "status")
_NUMBERS = frozenset({int, float})


def read_features_fast(features: list, meta: Mapping[str, Any], *, file: str = "",
                       stem: str = "theatre", home_country: str | None = None
                       ) -> Loaded | None:
    """The theatre :func:`~sim.formats.geojson.read_geojson` reads from the same features
    (and the collection's ``sim`` metadata), kept as columns; None if they hold anything
    the fast path leaves to the checking reader (every bad feature among them)."""
    try:
        with quiet_gc():
            head = Head.of(meta)
            (props, coords), lines = _features(features)
            cols: dict[str, Any] = {k: [p.get(k) for p in props] for k in PLACE_FIELDS}
            cols["lon"], cols["lat"] = _positions(coords)
            places = Places("town")
            places.add(cols, len(props))
            done = places.finish(home_country or head.home_country)
            roads, notes = _roads(done, lines, file)
            return assemble(done, roads, file=file, stem=stem, meta=head, notes=notes)
    except Unusual:
        return None


def _features(features: list) -> tuple[tuple[list[dict], list], list[tuple[int, dict, Any]]]:
    """((properties, coordinates) of the Points, (index, properties, coordinates) of the
    LineStrings); :class:`Unusual` for any other feature."""
    props: list[dict] = []
    coords: list[Any] = []
    lines: list[tuple[int, dict, Any]] = []
    for i, feature in enumerate(features):
        need(type(feature) is dict and feature.get("type") == "Feature")
        said = feature.get("properties")
        said = {} if said is None else said
        geometry = feature.get("geometry")
        need(type(said) is dict and type(geometry) is dict)
        kind = geometry.get("type")
        if kind == "Point":
            props.append(said)
            coords.append(geometry.get("coordinates"))
        else:
            need(kind == "LineString")
            lines.append((i, said, geometry.get("coordinates")))
    return (props, coords), lines


def _positions(coords: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) arrays of GeoJSON positions, each as the checking reader reads one: two
    finite numbers (or more), the longitude within -180 to 180, the latitude -90 to 90."""
    need(set(map(type, coords)) <= {list} and min(map(len, coords), default=2) >= 2)
    xs, ys = list(map(itemgetter(0), coords)), list(map(itemgetter(1), coords))
    need(set(map(type, xs)) | set(map(type, ys)) <= _NUMBERS)
    try:
        lon, lat = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
    except OverflowError:  # an integer too large for a float
        raise Unusual from None
    need(np.isfinite(lon).all() and np.isfinite(lat).all())
    need((np.abs(lon) <= 180).all() and (np.abs(lat) <= 90).all())
    return lon, lat


def _end(value: Any) -> str:
    """A line's ``a`` or ``b`` as the checking reader takes it ("" when absent)."""
    if type(value) is str:
        return value.strip()
    need(value is None or type(value) in _NUMBERS)
    return _text(value)


_note_of = strict(lambda v, p: schema.text(v, "note", "", p))


def _roads(places: FinishedPlaces, lines: list[tuple[int, dict, Any]], file: str
           ) -> tuple[FileRoadColumns, list[str]]:
    """The roads of the LineStrings and the notes of their load (snapped ends)."""
    if not lines:
        return Roads(places).finish(), []
    index, props, coords = zip(*lines)
    need(set(map(type, coords)) <= {list} and min(map(len, coords)) >= 2)
    lon, lat = _positions([c for each in coords for c in each])
    ends = np.cumsum(np.fromiter(map(len, coords), dtype=np.int64, count=len(coords)))
    starts = ends - np.fromiter(map(len, coords), dtype=np.int64, count=len(coords))
    a, b = [_end(p.get("a")) for p in props], [_end(p.get("b")) for p in props]
    note = [p.get("note") for p in props]
    notes: list[str] = []
    loose = [k for k in range(len(props)) if not a[k] or not b[k]]
    if loose:
        at = [(k, end) for k in loose for end, given in ((0, a[k]), (1, b[k])) if not given]
        pos = np.asarray([starts[k] if end == 0 else ends[k] - 1 for k, end in at],
                         dtype=np.int64)
        found = _nearest(places, lon[pos], lat[pos])
        snapped: dict[int, list[str]] = {}
        for (k, end), (i, km) in zip(at, found):
            (a if end == 0 else b)[k] = places.columns.ids[i]
            snapped.setdefault(k, []).append(snapped_words(end, places.columns.ids[i], km))
        for k, words in snapped.items():
            said = snap_note(words)
            notes.append(f"{file or 'GeoJSON'} features[{index[k]}]: {said}")
            given = _note_of(note[k])
            note[k] = f"{given}; {said}" if given else said
    km = _lengths(props, lon, lat, starts, ends)
    roads = Roads(places)
    roads.add({"a": a, "b": b, "class": [p.get("class") for p in props],
               "ref": [p.get("ref") for p in props],
               "km_basis": [p.get("km_basis") for p in props], "note": note}, len(props), km=km)
    return roads.finish(), notes


def _lengths(props: Sequence[dict], lon: np.ndarray, lat: np.ndarray, starts: np.ndarray,
             ends: np.ndarray) -> np.ndarray:
    """Each line's km: its ``km``, else its ``length_m`` in km (each a positive number),
    else its length measured along it (which must be more than nothing)."""
    km = np.empty(len(props), dtype=np.float64)
    given = [p.get("km") for p in props]
    metres = [p.get("length_m") for p in props]
    has_km = [k for k, v in enumerate(given) if v is not None]
    has_m = [k for k, v in enumerate(metres) if v is not None and given[k] is None]
    for rows, values, scale in ((has_km, given, 1), (has_m, metres, 1000)):
        if rows:
            found = floats([values[k] for k in rows])
            need((found > 0).all())
            km[rows] = found / scale if scale != 1 else found
    rest = sorted(set(range(len(props))).difference(has_km, has_m))
    for k in rest:
        s, e = int(starts[k]), int(ends[k])
        km[k] = measured_km(list(zip(lon[s:e].tolist(), lat[s:e].tolist())))
        need(km[k] > 0)
    return km


def _nearest(places: FinishedPlaces, lon: np.ndarray, lat: np.ndarray
             ) -> list[tuple[int, float]]:
    """For each point, the nearest place (its index) and its distance in km, as the
    checking reader finds it: least great-circle distance, then least id; :class:`Unusual`
    if a point has no place within :data:`SNAP_KM`."""
    from scipy.spatial import cKDTree

    pc = places.columns
    tree = cKDTree(_unit(pc.lat, pc.lon))
    # A chord a little longer than the one of SNAP_KM: every place within SNAP_KM is found.
    reach = 2 * math.sin(SNAP_KM * 1.01 / (2 * EARTH_RADIUS_KM)) + 1e-12
    out = []
    for x, y, near in zip(lon.tolist(), lat.tolist(),
                          tree.query_ball_point(_unit(lat, lon), r=reach)):
        found = min(((great_circle_km(y, x, float(pc.lat[i]), float(pc.lon[i])), i)
                     for i in near), default=(math.inf, -1))
        need(found[0] <= SNAP_KM)
        out.append((found[1], found[0]))
    return out


def _unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points on the unit sphere (x, y, z) of latitudes and longitudes in degrees."""
    p, q = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(p) * np.cos(q), np.cos(p) * np.sin(q), np.sin(p)])
