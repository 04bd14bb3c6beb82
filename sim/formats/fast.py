"""The fast readers' common part: a theatre's records checked a column at a time.

The checking readers (:mod:`sim.formats.csv`, :mod:`~sim.formats.geojson`,
:mod:`~sim.formats.graphml`) check each record with :mod:`sim.schema` and make a
:class:`~sim.model.Place` or a :class:`~sim.model.Road` of it: exact, and slow
for a national road network. A fast reader gathers the same fields as columns of
raw values instead; here they are checked a column at a time (numbers by numpy,
words once per distinct value, by :mod:`sim.schema`'s own validators) and made
into a theatre kept as :mod:`sim.columns`.

Wherever a column holds a value :mod:`sim.schema` would refuse, or one this
module leaves alone (a value of an odd type, two records with one id),
:class:`Unusual` is raised, and the reader hands the file to its checking
reader, which reports every problem with its file and line as it always has. So
a fast reader builds the very theatre the checking reader would build, or none.

>>> places = Places("town")
>>> places.add({"id": ["b", "a"], "lat": ["0", "0"], "lon": ["1", "0"]}, 2)
>>> done = places.finish(None)
>>> done.columns.ids, done.home
(('a', 'b'), 'ZZ')
>>> roads = Roads(done)
>>> roads.add({"a": ["b"], "b": ["a"], "km": ["111.2"]}, 1)
>>> loaded = assemble(done, roads.finish(), file="t", stem="toy", meta={})
>>> loaded.theatre.road("a", "b")
Road(a='b', b='a', km=111.2, road_class='primary', ref='', sourced=False, note='')
>>> Places("town").add({"id": ["a"], "lat": ["north"], "lon": ["0"]}, 1)
Traceback (most recent call last):
...
sim.formats.fast.Unusual
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from .. import schema
from ..columns import PlaceColumns, RoadColumns
from ..control import STATUSES
from ..model import PLACE_KINDS, ROAD_CLASSES, Road, Theatre
from ..schema import MAX_KM, MAX_POPULATION, Problems
from .common import (UNKNOWN_COUNTRY, HolderColumns, HolderMap, Loaded, _text, quiet_gc,
                     slug)

__all__ = ["FileRoadColumns", "Places", "Roads", "Unusual", "assemble", "floats", "need",
           "quiet_gc", "texts"]

_PLAIN = frozenset({str, type(None)})
_NUMBERS = frozenset({int, float})


class Unusual(Exception):
    """A file the fast path leaves to the checking reader: it holds a problem, or a value
    the fast path does not handle itself."""


def need(ok: Any) -> None:
    """Go on only if ``ok``; else leave the file to the checking reader."""
    if not ok:
        raise Unusual


def strict(check: Callable[[Any, Problems], Any]) -> Callable[[Any], Any]:
    """``check(value, problems)`` as a function of the value that raises :class:`Unusual`
    where the check notes a problem."""
    def run(value: Any) -> Any:
        problems = Problems()
        found = check(value, problems)
        need(not len(problems))
        return found
    return run


_text_of = strict(lambda v, p: schema.text(v, "text", "", p))


def texts(values: Sequence[Any] | None, n: int = 0) -> list[str]:
    """``schema.text`` of each value ("" when absent; ``n`` of them when the column is)."""
    if values is None:
        return [""] * n
    try:
        return list(map(str.strip, values))
    except TypeError:  # None, or a value that is not text
        pass
    if set(map(type, values)) == {type(None)}:
        return [""] * len(values)
    return [v.strip() if type(v) is str else "" if v is None else _text_of(v) for v in values]


_number_of = strict(lambda v, p: schema.number(v, "number", "", p))


def floats(values: Sequence[Any]) -> np.ndarray:
    """``schema.number`` of each value: a finite float, none absent (or :class:`Unusual`)."""
    if isinstance(values, np.ndarray):
        found = values.astype(np.float64)
        need(np.isfinite(found).all())
        return found
    kinds = set(map(type, values))
    try:
        if kinds == {str}:
            found = np.fromiter(map(float, values), dtype=np.float64, count=len(values))
        elif kinds <= _NUMBERS:
            found = np.asarray(values, dtype=np.float64)
        else:
            found = np.asarray([_number_of(v) for v in values], dtype=np.float64)
    except (ValueError, OverflowError, TypeError):
        raise Unusual from None
    need(np.isfinite(found).all())
    return found


_population_of = strict(lambda v, p: schema.population(v, "", p))


def populations(values: Sequence[Any] | None, n: int) -> np.ndarray:
    """``schema.population`` of each value, -1 where unknown."""
    out = np.full(n, -1, dtype=np.int64)
    if values is None:
        return out
    kinds = set(map(type, values))
    if kinds == {str} and all(values):
        try:
            found = np.fromiter(map(int, values), dtype=np.int64, count=n)
        except (ValueError, OverflowError):
            found = None
        if found is not None:
            need(((found >= 0) & (found <= MAX_POPULATION)).all())
            return found
    if kinds <= _PLAIN:
        where = [i for i, v in enumerate(values) if v]
        given = [values[i] for i in where]
        try:
            found = list(map(int, given))
        except ValueError:  # "1.2e3", "1200.0", a blank: as schema reads them
            found = [_population_of(v) for v in given]
    else:
        where = list(range(n))
        found = [v if v is None or type(v) is int else _population_of(v) for v in values]
    where = [i for i, v in zip(where, found) if v is not None]
    try:
        found = np.asarray([v for v in found if v is not None], dtype=np.int64)
    except OverflowError:
        raise Unusual from None
    need(((found >= 0) & (found <= MAX_POPULATION)).all())
    out[np.asarray(where, dtype=np.int64)] = found
    return out


_strings_of = strict(lambda v, p: schema.strings(v, "aliases", "", p, sep=";"))


def lists(values: Sequence[Any] | None, offset: int) -> dict[int, tuple[str, ...]]:
    """``schema.strings`` (text split at ``;``, or a list) of each value that gives any,
    by position plus ``offset``."""
    out: dict[int, tuple[str, ...]] = {}
    if values is None:
        return out
    for i, v in enumerate(values):
        kind = type(v)
        if not v and (v is None or kind is str or kind is list):  # no aliases
            continue
        if kind is str:
            found = tuple(s for s in map(str.strip, v.split(";")) if s)
        elif kind is list and all(type(s) is str for s in v):
            found = tuple(s for s in map(str.strip, v) if s)
        else:
            found = _strings_of(v)
        if found:
            out[offset + i] = found
    return out


def sparse(values: list[str], offset: int) -> dict[int, str]:
    """The non-empty texts by position plus ``offset``."""
    if not any(values):
        return {}
    return {offset + i: v for i, v in enumerate(values) if v}


class Vocabulary:
    """Words checked once each: every distinct raw value goes through ``check`` once,
    every distinct result gets the next code (``words[code]`` is the result)."""

    def __init__(self, check: Callable[[Any, Problems], Any]) -> None:
        self.check = strict(check)
        self.words: list[Any] = []
        self._code: dict[Any, int] = {}
        self._raw: dict[Any, int] = {}

    def codes(self, values: Sequence[Any] | None, n: int = 0) -> np.ndarray:
        """The code of each value (of None, ``n`` times, when the column is absent)."""
        if values is None:
            return np.full(n, self._word(None), dtype=np.int64)
        keyed = not set(map(type, values)) <= _PLAIN
        # True == 1 as a dict key: a value's type is part of its key when types are mixed
        keys = [(type(v), v) for v in values] if keyed else values
        try:
            distinct = set(keys)
        except TypeError:  # a list or a table where a word belongs
            raise Unusual from None
        for key in distinct.difference(self._raw):
            self._raw[key] = self._word(key[1] if keyed else key)
        if len(distinct) == 1:
            return np.full(len(keys), self._raw[distinct.pop()], dtype=np.int64)
        return np.fromiter(map(self._raw.__getitem__, keys), dtype=np.int64, count=len(keys))

    def _word(self, value: Any) -> int:
        word = self.check(value)
        code = self._code.get(word)
        if code is None:
            code = self._code[word] = len(self.words)
            self.words.append(word)
        return code

    def table(self, of: Callable[[Any], Any], dtype: Any) -> np.ndarray:
        """An array giving ``of(word)`` for each code."""
        return np.asarray([of(w) for w in self.words], dtype=dtype)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ---------------------------------------------------------------- places


@dataclass(frozen=True, eq=False)
class FinishedPlaces:
    """Checked places in id order: their columns, the holders their records name, the
    theatre's home country, and each id's index (to find road ends)."""

    columns: PlaceColumns
    holders: HolderColumns
    home: str
    index: dict[str, int]

    @property
    def n(self) -> int:
        return self.columns.n

    def lookup(self, ids: Sequence[str]) -> np.ndarray:
        """The index of the place of each id (:class:`Unusual` if one names no place)."""
        try:
            return np.fromiter(map(self.index.__getitem__, ids), dtype=np.int64,
                               count=len(ids))
        except (KeyError, TypeError):
            raise Unusual from None


class Places:
    """Place records gathered a batch at a time, each field checked as
    :func:`sim.schema.place` checks it (``default_kind`` where none is given), and
    the ``holder`` and ``status`` a record may carry as the checking readers read them."""

    def __init__(self, default_kind: str) -> None:
        self.ids: list[str] = []
        self.names: list[str] = []
        self._arrays: dict[str, list[np.ndarray]] = {k: [] for k in (
            "lat", "lon", "kind", "country", "governorate", "population", "holder", "status")}
        self.aliases: dict[int, tuple[str, ...]] = {}
        self.sources: dict[int, str] = {}
        self.kinds = Vocabulary(lambda v, p: schema.choice(v, "kind", PLACE_KINDS, "", p,
                                                           default=default_kind))
        self.countries = Vocabulary(lambda v, p: schema.country(v, "", p))
        self.governorates = Vocabulary(lambda v, p: schema.governorate(v, "", p))
        self.holders = Vocabulary(lambda v, p: schema.text(v, "holder", "", p))
        self.statuses = Vocabulary(lambda v, p: schema.choice(v, "status", STATUSES, "", p,
                                                              default="held"))

    def add(self, cols: Mapping[str, Sequence[Any] | None], n: int) -> None:
        """Check a batch of ``n`` records given as columns (field -> values); a field the
        records do not have may be left out. :class:`Unusual` if any record is bad."""
        get = cols.get
        ids = texts(get("id"), n)
        need(n and all(ids) and get("lat") is not None and get("lon") is not None)
        names = texts(get("name"), n)
        if not all(names):
            names = [name or pid for name, pid in zip(names, ids)]
        lat, lon = floats(get("lat")), floats(get("lon"))  # type: ignore[arg-type]
        need(len(lat) == len(lon) == n)
        need((np.abs(lat) <= 90).all() and (np.abs(lon) <= 180).all())
        offset = len(self.ids)
        found = self._arrays
        found["lat"].append(lat)
        found["lon"].append(lon)
        found["kind"].append(self.kinds.codes(get("kind"), n))
        found["country"].append(self.countries.codes(get("country"), n))
        found["governorate"].append(self.governorates.codes(get("governorate"), n))
        found["population"].append(populations(get("population"), n))
        holder = self.holders.codes(get("holder"), n)
        held = np.flatnonzero(self.holders.table(bool, bool)[holder])
        status = np.zeros(n, dtype=np.int64)
        given = get("status")
        status[held] = self.statuses.codes(
            None if given is None else [given[i] for i in held.tolist()], len(held))
        found["holder"].append(np.where(self.holders.table(bool, bool)[holder], holder, -1))
        found["status"].append(status)
        self.aliases.update(lists(get("aliases"), offset))
        self.sources.update(sparse(texts(get("coord_source"), n), offset))
        self.ids += ids
        self.names += names

    def finish(self, declared: str | None) -> FinishedPlaces:
        """The places in id order, in the home country ``declared`` (else the commonest
        country they name, else ``ZZ``) where they name none. :class:`Unusual` if two
        places share an id."""
        ids, n = self.ids, len(self.ids)
        need(n)
        picked = sorted(range(n), key=ids.__getitem__)
        sorted_ids = tuple(map(ids.__getitem__, picked))
        order = np.asarray(picked, dtype=np.int64)
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n)
        # in the file's order: road ends named in about that order are found faster
        index = dict(zip(ids, rank.tolist()))
        need(len(index) == n)  # else two places share an id
        col = {k: np.concatenate(v)[order] for k, v in self._arrays.items()}
        home = _home(self.countries.words, col["country"], declared)
        countries = sorted({w or home for w in self.countries.words})
        country = np.asarray([countries.index(w or home) for w in self.countries.words],
                             dtype=np.uint16)[col["country"]]
        present = sorted({w for w in self.governorates.words if w})
        gov = self.governorates.table(lambda w: present.index(w) if w else -1, np.int32)
        factions = sorted({w for w in self.holders.words if w})
        need(len(factions) < 2**15)
        holder = self.holders.table(lambda w: factions.index(w) if w else -1, np.int16)
        statuses = self.statuses.table(STATUSES.index, np.uint8)
        held = col["holder"] >= 0
        columns = PlaceColumns(
            ids=sorted_ids,
            names=tuple(map(self.names.__getitem__, picked)),
            lat=col["lat"], lon=col["lon"],
            kind=self.kinds.table(PLACE_KINDS.index, np.uint8)[col["kind"]],
            country=country, countries=tuple(countries), population=col["population"],
            governorate=gov[col["governorate"]], governorates=tuple(present),
            aliases=MappingProxyType({int(rank[i]): a for i, a in self.aliases.items()}),
            sources=MappingProxyType({int(rank[i]): s for i, s in self.sources.items()}))
        holders = HolderColumns(
            np.where(held, holder[np.maximum(col["holder"], 0)], -1).astype(np.int16),
            np.where(held, statuses[col["status"]] if len(statuses) else 0, 0).astype(np.uint8),
            tuple(factions))
        return FinishedPlaces(columns, holders, home, index)


def _home(words: list[str], codes: np.ndarray, declared: str | None) -> str:
    """The home country, as :func:`~sim.formats.common.home_country_of` decides it."""
    if declared and declared.strip():
        return declared.strip().upper()
    counts = np.bincount(codes, minlength=len(words))
    named = {w: int(c) for w, c in zip(words, counts.tolist()) if w and c}
    if not named:
        return UNKNOWN_COUNTRY
    return min(named, key=lambda c: (-named[c], c))


# ---------------------------------------------------------------- roads


@dataclass(frozen=True, eq=False)
class FileRoadColumns(RoadColumns):
    """Road columns as a file gave them: :class:`~sim.columns.RoadColumns` keeps which
    end of each road its file named first (``flipped``), so that each
    :class:`~sim.model.Road` is the one the checking reader makes."""


class Roads:
    """Road records gathered a batch at a time, each field checked as
    :func:`sim.schema.road` checks it, the ends against the finished places."""

    def __init__(self, places: FinishedPlaces, *, default_class: str = "primary",
                 sourced: bool = False) -> None:
        self.places = places
        self.m = 0
        self._arrays: dict[str, list[np.ndarray]] = {k: [] for k in (
            "u", "v", "km", "class", "sourced", "flipped")}
        self.refs: dict[int, str] = {}
        self.notes: dict[int, str] = {}
        self.default_class, self.sourced = ROAD_CLASSES.index(default_class), sourced
        self.classes = Vocabulary(lambda v, p: None if _blank(v) else
                                  schema.choice(v, "class", ROAD_CLASSES, "", p))
        self.bases = Vocabulary(lambda v, p: None if _blank(v) else
                                schema.choice(v, "km_basis", ("sourced", "estimated"), "", p))

    def add(self, cols: Mapping[str, Sequence[Any] | None], m: int, *,
            km: np.ndarray | None = None, default_class: np.ndarray | None = None,
            sourced: np.ndarray | None = None) -> None:
        """Check a batch of ``m`` records given as columns. ``km`` are lengths the reader
        worked out and checked itself (else the ``km`` column is read); ``default_class``
        (codes of :data:`~sim.model.ROAD_CLASSES`) and ``sourced`` give each road's
        defaults where they vary from road to road."""
        get = cols.get
        a, b = texts(get("a"), m), texts(get("b"), m)
        need(all(a) and all(b))
        ia, ib = self.places.lookup(a), self.places.lookup(b)
        need((ia != ib).all())
        if km is None:
            need(get("km") is not None)
            km = floats(get("km"))  # type: ignore[arg-type]
            need((km > 0).all())
        need(len(km) == m and (km <= MAX_KM).all())
        cls = self.classes.codes(get("class"), m)
        cls = self.classes.table(lambda w: -1 if w is None else ROAD_CLASSES.index(w),
                                 np.int16)[cls]
        basis = self.bases.codes(get("km_basis"), m)
        basis = self.bases.table(lambda w: -1 if w is None else int(w == "sourced"),
                                 np.int8)[basis]
        found = self._arrays
        found["u"].append(np.minimum(ia, ib))
        found["v"].append(np.maximum(ia, ib))
        found["flipped"].append(ia > ib)
        found["km"].append(np.asarray(km, dtype=np.float64))
        found["class"].append(np.where(cls < 0, self.default_class if default_class is None
                                       else default_class, cls))
        found["sourced"].append(np.where(basis < 0, self.sourced if sourced is None
                                         else sourced, basis == 1))
        self.refs.update(sparse(texts(get("ref"), m), self.m))
        self.notes.update(sparse(texts(get("note"), m), self.m))
        self.m += m

    def finish(self, collapse: bool = False) -> FileRoadColumns:
        """The roads in key order. Two roads joining the same places are
        :class:`Unusual`, unless ``collapse``: then the shortest is kept (the first of
        the shortest)."""
        empty = {"u": np.int64, "v": np.int64, "km": np.float64, "class": np.int64,
                 "sourced": bool, "flipped": bool}
        col = {k: np.concatenate(v) if v else np.zeros(0, dtype=empty[k])
               for k, v in self._arrays.items()}
        keys = col["u"].astype(np.int64) * self.places.n + col["v"]
        order = np.lexsort((col["km"], keys)) if collapse else np.argsort(keys, kind="stable")
        ordered = keys[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = ordered[1:] != ordered[:-1]
        need(collapse or first.all())
        keep = order[first]
        rank = np.full(self.m, -1, dtype=np.int64)
        rank[keep] = np.arange(len(keep))
        flipped = col["flipped"][keep]
        return FileRoadColumns(
            col["u"][keep].astype(np.int32), col["v"][keep].astype(np.int32), col["km"][keep],
            col["class"][keep].astype(np.uint8), col["sourced"][keep].astype(bool),
            MappingProxyType({int(rank[e]): r for e, r in self.refs.items() if rank[e] >= 0}),
            MappingProxyType({int(rank[e]): t for e, t in self.notes.items() if rank[e] >= 0}),
            flipped=flipped if flipped.any() else None)


# ---------------------------------------------------------------- the theatre


@dataclass(frozen=True)
class Head:
    """What a file says of itself (checked as the checking readers check it): its
    ``theatre`` id, ``theatre_name`` or ``name``, ``home_country`` and ``credits``."""

    theatre: str = ""
    name: str = ""
    home_country: str = ""
    credits: tuple[str, ...] = ()

    @classmethod
    def of(cls, meta: Mapping[str, Any]) -> Head:
        def said(k: str) -> str:
            return strict(lambda v, p: schema.text(v, k, "", p))(meta.get(k))

        home = strict(lambda v, p: schema.country(v, "", p))(meta.get("home_country"))
        credits = strict(lambda v, p: schema.strings(v, "credits", "", p))(meta.get("credits"))
        return cls(said("theatre"), said("theatre_name") or said("name"), home, credits)


def assemble(places: FinishedPlaces, roads: FileRoadColumns, *, file: str, stem: str,
             meta: Mapping[str, Any] | Head, credits: Sequence[str] = (),
             notes: Sequence[str] = ()) -> Loaded:
    """The :class:`Loaded` theatre of checked places and roads, named as
    :meth:`sim.formats.common._Draft.theatre` names it."""
    head = meta if isinstance(meta, Head) else Head.of(meta)
    tid = head.theatre or slug(stem) or "theatre"
    name = head.name or stem or tid
    credits = tuple(dict.fromkeys([*head.credits, *(c for c in map(_text, credits) if c)]))
    theatre = Theatre.from_columns(tid, name, places.home, places.columns, roads,
                                   credits=credits, source=file)
    holders = HolderMap(places.columns.ids, places.holders, places.columns.index)
    return Loaded(theatre, holders, tuple(notes))
