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

import json
import math
import operator
from collections.abc import Iterator, Mapping, Sequence
from itertools import compress, repeat
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


def read_geojson_fast(text: str | bytes, *, file: str = "", stem: str = "theatre",
                      home_country: str | None = None) -> Loaded | None:
    """The theatre :func:`~sim.formats.geojson.read_geojson` reads from the same text, kept
    as columns; None if the text holds anything the fast path leaves to the checking
    reader (every bad file among them).

    A collection written one feature a line (as :func:`~sim.formats.export_geojson`
    writes it) is parsed a batch of lines at a time, so that the features of a large
    file are never all held at once; any other is parsed whole.
    """
    streamed = _streamed(text)
    if streamed is not None:
        try:
            return _read(streamed[1], streamed[0], file=file, stem=stem,
                         home_country=home_country)
        except _Layout:
            pass
    try:
        with quiet_gc():
            doc = json.loads(text)
    except (ValueError, RecursionError):
        return None  # the checking reader says what is wrong
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or \
            not isinstance(doc.get("features"), list):
        return None
    meta = doc.get("sim") if isinstance(doc.get("sim"), dict) else {}
    return read_features_fast(doc["features"], meta, file=file, stem=stem,
                              home_country=home_country)


def read_features_fast(features: list, meta: Mapping[str, Any], *, file: str = "",
                       stem: str = "theatre", home_country: str | None = None
                       ) -> Loaded | None:
    """The theatre :func:`~sim.formats.geojson.read_geojson` reads from the same features
    (and the collection's ``sim`` metadata), kept as columns; None if they hold anything
    the fast path leaves to the checking reader (every bad feature among them)."""
    return _read(iter([features]), meta, file=file, stem=stem, home_country=home_country)


class _Layout(Exception):
    """A text that is not laid out one feature a line after all."""


#: About how many characters of a file one batch of lines holds.
BATCH_CHARS = 1 << 22


def _streamed(text: str | bytes) -> tuple[dict, Iterator[list]] | None:
    """(the collection's ``sim`` metadata, batches of its features) if the text is laid out
    one feature a line: its first line opens the collection and ends opening its
    ``features`` (the last key), each feature line but the last ends with a comma, and
    the last line closes both. Parsing the batches then gives the features a parse of
    the whole text gives (a feature cut at a line end would leave a batch unbalanced,
    so unparsable: :class:`_Layout`). None if the text is not laid out so."""
    if not isinstance(text, str):
        return None
    tail = len(text)
    while tail and text[tail - 1].isspace():  # (rstrip would copy the whole text)
        tail -= 1
    first, last = text.find("\n"), text.rfind("\n", 0, tail)
    if first < 0 or last <= first or text[last:].strip() != "]}":
        return None
    head = text[:first].rstrip()
    try:
        pairs = json.loads(head + "]}", object_pairs_hook=list)
        doc = json.loads(head + "]}")
    except (ValueError, RecursionError):
        return None
    if not (pairs and pairs[-1] == ("features", []) and isinstance(doc, dict)
            and doc.get("type") == "FeatureCollection"):
        return None
    meta = doc.get("sim") if isinstance(doc.get("sim"), dict) else {}
    return meta, _batches(text, first + 1, last)


def _batches(text: str, pos: int, stop: int) -> Iterator[list]:
    while pos < stop:
        end = text.find("\n", pos + BATCH_CHARS, stop)
        end = stop if end < 0 else end
        body = text[pos:end].rstrip()
        pos = end + 1
        if end < stop:
            if not body.endswith(","):
                raise _Layout
            body = body[:-1]
        try:
            with quiet_gc():
                found = json.loads("[" + body + "]")
        except (ValueError, RecursionError):
            raise _Layout from None
        yield found


def _read(batches: Iterator[list], meta: Mapping[str, Any], *, file: str, stem: str,
          home_country: str | None) -> Loaded | None:
    """The theatre of batches of features (:class:`Unusual`: None)."""
    try:
        with quiet_gc():
            head = Head.of(meta)
            places, lines, offset = Places("town"), _Lines(), 0
            for batch in batches:
                props, coords = _features(batch, offset, lines)
                offset += len(batch)
                if props:
                    cols: dict[str, Any] = {k: list(map(dict.get, props, repeat(k)))
                                            for k in PLACE_FIELDS}
                    cols["lon"], cols["lat"] = _positions(coords)
                    places.add(cols, len(props))
            done = places.finish(home_country or head.home_country)
            roads, notes = lines.roads(done, file)
            return assemble(done, roads, file=file, stem=stem, meta=head, notes=notes)
    except Unusual:
        return None


def _features(features: list, offset: int, lines: _Lines) -> tuple[list[dict], list]:
    """(properties, coordinates) of the Points; the LineStrings go to ``lines``;
    :class:`Unusual` for any other feature."""
    need(set(map(type, features)) <= {dict})
    need(all(map(operator.eq, map(dict.get, features, repeat("type")), repeat("Feature"))))
    props = list(map(dict.get, features, repeat("properties")))
    kinds = set(map(type, props))
    need(kinds <= {dict, type(None)})
    if type(None) in kinds:
        props = [{} if p is None else p for p in props]
    geometries = list(map(dict.get, features, repeat("geometry")))
    need(set(map(type, geometries)) <= {dict})
    kind = list(map(dict.get, geometries, repeat("type")))
    coords = list(map(dict.get, geometries, repeat("coordinates")))
    point = list(map(operator.eq, kind, repeat("Point")))
    if all(point):
        return props, coords
    line = list(map(operator.eq, kind, repeat("LineString")))
    need(all(map(operator.or_, point, line)))
    lines.add(list(compress(range(offset, offset + len(features)), line)),
              list(compress(props, line)), list(compress(coords, line)))
    return list(compress(props, point)), list(compress(coords, point))


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


def _ends(values: list[Any]) -> list[str]:
    """Lines' ``a`` or ``b`` as the checking reader takes them ("" when absent)."""
    try:
        return list(map(str.strip, values))
    except TypeError:  # an end left to snap, or a number
        return [_end(v) for v in values]


def _end(value: Any) -> str:
    """A line's ``a`` or ``b`` as the checking reader takes it ("" when absent)."""
    if type(value) is str:
        return value.strip()
    need(value is None or type(value) in _NUMBERS)
    return _text(value)


_note_of = strict(lambda v, p: schema.text(v, "note", "", p))


class _Lines:
    """The LineStrings read so far, as columns of their properties and positions."""

    FIELDS = ("a", "b", "note", "class", "ref", "km_basis", "km", "length_m")

    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = {k: [] for k in ("index", *self.FIELDS)}
        self.lon: list[np.ndarray] = []
        self.lat: list[np.ndarray] = []
        self.counts: list[np.ndarray] = []

    def add(self, index: list[int], props: list[dict], coords: list[Any]) -> None:
        if not index:
            return
        need(set(map(type, coords)) <= {list} and min(map(len, coords)) >= 2)
        lon, lat = _positions([c for each in coords for c in each])
        self.lon.append(lon)
        self.lat.append(lat)
        self.counts.append(np.fromiter(map(len, coords), dtype=np.int64, count=len(coords)))
        self.cols["index"] += index
        for k in self.FIELDS:
            self.cols[k] += map(dict.get, props, repeat(k))

    def roads(self, places: FinishedPlaces, file: str) -> tuple[FileRoadColumns, list[str]]:
        """The roads of the lines and the notes of their load (snapped ends)."""
        cols, m = self.cols, len(self.cols["index"])
        if not m:
            return Roads(places).finish(), []
        lon, lat = np.concatenate(self.lon), np.concatenate(self.lat)
        ends = np.cumsum(np.concatenate(self.counts))
        starts = ends - np.concatenate(self.counts)
        a, b = _ends(cols["a"]), _ends(cols["b"])
        notes = _snap(places, a, b, cols, lon[starts], lat[starts], lon[ends - 1],
                      lat[ends - 1], file)
        km = _lengths(cols["km"], cols["length_m"], lon, lat, starts, ends)
        roads = Roads(places)
        roads.add({k: cols[k] for k in ("class", "ref", "km_basis", "note")} | {"a": a, "b": b},
                  m, km=km)
        return roads.finish(), notes


def _snap(places: FinishedPlaces, a: list[str], b: list[str], cols: dict[str, list[Any]],
          lon0: np.ndarray, lat0: np.ndarray, lon1: np.ndarray, lat1: np.ndarray,
          file: str) -> list[str]:
    """Give each line without ``a`` or ``b`` the nearest place to that end, say so in
    its note (``cols["note"]``), and return the notes of the load."""
    loose = [k for k in range(len(a)) if not a[k] or not b[k]]
    if not loose:
        return []
    at = [(k, end) for k in loose for end, given in ((0, a[k]), (1, b[k])) if not given]
    rows = np.asarray([k for k, _ in at], dtype=np.int64)
    first = np.asarray([end == 0 for _, end in at], dtype=bool)
    found = _nearest(places, np.where(first, lon0[rows], lon1[rows]),
                     np.where(first, lat0[rows], lat1[rows]))
    snapped: dict[int, list[str]] = {}
    ids = places.columns.ids
    for (k, end), (i, km) in zip(at, found):
        (a if end == 0 else b)[k] = ids[i]
        snapped.setdefault(k, []).append(snapped_words(end, ids[i], km))
    notes = []
    for k, words in snapped.items():
        said = snap_note(words)
        notes.append(f"{file or 'GeoJSON'} features[{cols['index'][k]}]: {said}")
        given = _note_of(cols["note"][k])
        cols["note"][k] = f"{given}; {said}" if given else said
    return notes


def _lengths(given: list[Any], metres: list[Any], lon: np.ndarray, lat: np.ndarray,
             starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Each line's km: its ``km``, else its ``length_m`` in km (each a positive number),
    else its length measured along it (which must be more than nothing)."""
    km = np.empty(len(given), dtype=np.float64)
    has_km = [k for k, v in enumerate(given) if v is not None]
    has_m = [k for k, v in enumerate(metres) if v is not None and given[k] is None]
    for rows, values, scale in ((has_km, given, 1), (has_m, metres, 1000)):
        if rows:
            found = floats([values[k] for k in rows])
            need((found > 0).all())
            km[rows] = found / scale if scale != 1 else found
    rest = sorted(set(range(len(given))).difference(has_km, has_m))
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
