"""A content-hashed cache of foreign theatres: a large file parsed once, read back fast.

Parsing a GraphML, GeoJSON or CSV theatre of a million places takes seconds; the
columns it gives (:mod:`sim.columns`) are kept here as numpy arrays, so the next
load of the same file reads them back in a fraction of a second.

- **Where**: the user's cache folder (``platformdirs.user_cache_dir("sim")``, e.g.
  ``~/.cache/sim``), or the folder the environment variable ``SIM_CACHE_DIR``
  names; ``SIM_CACHE_DIR=off`` turns the cache off. Never beside the input.
- **Key**: a hash of the input files' bytes, the reader and its options (the
  format, the home country, the names the reader gives the files and the theatre),
  :data:`FORMAT`, and the source of the modules that read (so a changed reader
  never serves an old theatre). An input that changes gets a new entry, which
  replaces the entry of the old one.
- **Entry**: one ``.npz`` file of arrays (strings as one UTF-8 buffer each), read
  with ``allow_pickle=False`` and written whole or not at all (a temporary file,
  then ``os.replace``). An entry that cannot be read, or does not hold a
  consistent theatre, is ignored (and rewritten by the load that follows); a
  cache folder that cannot be written is no error either: the load goes on.
- **What**: only theatres that loaded without a problem, with the notes of their
  load, and only inputs of :data:`MIN_BYTES` or more: a smaller file is read in
  less time than its entry would be.

>>> import tempfile
>>> from pathlib import Path
>>> from sim.formats import read_csv
>>> loaded = read_csv("id,lat,lon\\na,0,0\\nb,0,1\\n", "a,b,km\\nb,a,5\\n", home_country="XA")
>>> key = entry_key("csv", [b"hash of places.csv", b"hash of roads.csv"], {"home_country": "XA"})
>>> folder = Path(tempfile.mkdtemp())
>>> read(key, "demo/places.csv", folder=folder) is None
True
>>> write(key, loaded, "demo/places.csv", folder=folder)
>>> again = read(key, "demo/places.csv", folder=folder)
>>> again.theatre == loaded.theatre, again.theatre.road("a", "b").a
(True, 'b')
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from .columns import PlaceColumns
from .control import STATUSES
from .formats.common import HolderColumns, HolderMap, Loaded
from .formats.fast import FileRoadColumns
from .model import PLACE_KINDS, ROAD_CLASSES, Theatre

__all__ = ["FORMAT", "MAX_ENTRIES", "MIN_BYTES", "cache_dir", "entry_key", "file_digest", "load",
           "read", "write"]

#: The layout of an entry; a new layout gets a new number (old entries are then unused).
FORMAT = 1
#: Inputs smaller than this (in bytes, all files together) are not cached.
MIN_BYTES = 1 << 20
#: At most this many entries are kept; writing another removes the oldest.
MAX_ENTRIES = 16
#: The modules whose source is part of every key: the readers and what they build.
_READERS = ("cache.py", "columns.py", "model.py", "schema.py", "formats/common.py",
            "formats/csv.py", "formats/rows.py", "formats/geojson.py", "formats/graphml.py",
            "formats/fast.py", "formats/fast_csv.py", "formats/fast_geojson.py",
            "formats/fast_graphml.py")
_PREFIX, _SUFFIX = "theatre-", ".npz"


def cache_dir() -> Path | None:
    """The cache folder: ``SIM_CACHE_DIR`` if set (None if it says ``off``), else the
    user's cache folder for ``sim``."""
    named = os.environ.get("SIM_CACHE_DIR", "").strip()
    if named.lower() == "off":
        return None
    if named:
        return Path(named).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("sim"))


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    digest = hashlib.sha256(str(FORMAT).encode())
    here = Path(__file__).resolve().parent
    for name in _READERS:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.digest()


def file_digest(path: Path) -> bytes | None:
    """The hash of the bytes of the regular file ``path`` (read a block at a time), or
    None if it is not one or cannot be read (its reader then says why)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe could block, a device never end
            return None
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError:
        return None


def entry_key(fmt: str, digests: Sequence[bytes], options: Mapping[str, Any]) -> str:
    """The key of the theatre a reader of format ``fmt`` makes of the files of the
    ``digests`` (see :func:`file_digest`) with ``options`` (what else it is told: the home
    country, the names it gives the files and the theatre)."""
    key = hashlib.sha256(_code_digest())
    key.update(repr((fmt, sorted(options.items()))).encode("utf-8", "surrogatepass"))
    for each in digests:
        key.update(each)
    return key.hexdigest()[:40]


# ---------------------------------------------------------------- strings as arrays


def _pack(out: dict[str, np.ndarray], name: str, strings: Sequence[str]) -> None:
    """Strings as one UTF-8 buffer, NUL-separated (or with their lengths, if one holds a NUL)."""
    joined = "\x00".join(strings)
    out[name + ".n"] = np.asarray([len(strings)], dtype=np.int64)
    if joined.count("\x00") != max(len(strings) - 1, 0):
        joined = "".join(strings)
        out[name + ".len"] = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    out[name] = np.frombuffer(joined.encode("utf-8", "surrogatepass"), dtype=np.uint8)


def _unpack(data: Mapping[str, np.ndarray], name: str) -> tuple[str, ...]:
    n = int(data[name + ".n"][0])
    text = data[name].tobytes().decode("utf-8", "surrogatepass")
    if name + ".len" in data:
        ends = np.cumsum(data[name + ".len"]).tolist()
        if len(ends) != n or (ends and ends[-1] != len(text)):
            raise ValueError(f"{name}: lengths do not fit")
        return tuple(text[a:b] for a, b in zip([0, *ends[:-1]], ends))
    found = tuple(text.split("\x00")) if n else ()
    if len(found) != n:
        raise ValueError(f"{name}: {len(found)} strings, not {n}")
    return found


def _pack_sparse(out: dict[str, np.ndarray], name: str, values: Mapping[int, Any]) -> None:
    """A map of positions to strings (or to tuples of strings) as arrays."""
    at = sorted(values)
    out[name + ".at"] = np.asarray(at, dtype=np.int64)
    items = [values[i] for i in at]
    if items and isinstance(items[0], tuple):
        out[name + ".count"] = np.fromiter(map(len, items), dtype=np.int64, count=len(items))
        items = [s for group in items for s in group]
    _pack(out, name, items)


def _unpack_sparse(data: Mapping[str, np.ndarray], name: str, size: int) -> Mapping[int, Any]:
    at = data[name + ".at"].tolist()
    items: Sequence[Any] = _unpack(data, name)
    if name + ".count" in data:
        ends = np.cumsum(data[name + ".count"]).tolist()
        if len(ends) != len(at) or (ends and ends[-1] != len(items)):
            raise ValueError(f"{name}: counts do not fit")
        items = [tuple(items[a:b]) for a, b in zip([0, *ends[:-1]], ends)]
    if len(items) != len(at) or (at and not 0 <= min(at) <= max(at) < size):
        raise ValueError(f"{name}: positions do not fit")
    return MappingProxyType(dict(zip(at, items)))


# ---------------------------------------------------------------- entries


def _arrays(loaded: Loaded) -> dict[str, np.ndarray]:
    """The arrays of an entry holding ``loaded``."""
    th = loaded.theatre
    pc, rc = th.columns
    flipped = getattr(rc, "flipped", None)
    if flipped is None and not th.columnar:  # built from values: each road as its file gave it
        flipped = np.fromiter((r.a > r.b for r in th.roads.values()), dtype=bool, count=rc.m)
    out: dict[str, np.ndarray] = {"format": np.asarray([FORMAT], dtype=np.int64)}
    _pack(out, "theatre", [th.id, th.name, th.home_country, th.source])
    _pack(out, "credits", th.credits)
    _pack(out, "notes", loaded.notes)
    _pack(out, "ids", pc.ids)
    _pack(out, "names", pc.names)
    _pack(out, "countries", pc.countries)
    _pack(out, "governorates", pc.governorates)
    _pack_sparse(out, "aliases", pc.aliases)
    _pack_sparse(out, "sources", pc.sources)
    for name in ("lat", "lon", "kind", "country", "population", "governorate"):
        out["place." + name] = np.asarray(getattr(pc, name))
    for name in ("u", "v", "km", "road_class", "sourced"):
        out["road." + name] = np.asarray(getattr(rc, name))
    out["road.flipped"] = np.zeros(rc.m, dtype=bool) if flipped is None else np.asarray(flipped)
    _pack_sparse(out, "refs", rc.refs)
    _pack_sparse(out, "road_notes", rc.notes)
    hc = loaded.holder_columns
    out["holder.faction"], out["holder.status"] = hc.faction, hc.status
    _pack(out, "factions", hc.factions)
    return out


def _loaded(data: Mapping[str, np.ndarray]) -> Loaded:
    """The theatre an entry holds; ValueError (or KeyError) if it does not hold one."""
    if int(data["format"][0]) != FORMAT:
        raise ValueError("another format")
    tid, name, home, source = _unpack(data, "theatre")
    ids = _unpack(data, "ids")
    n = len(ids)
    countries, governorates = _unpack(data, "countries"), _unpack(data, "governorates")
    place = {k: data["place." + k] for k in ("lat", "lon", "kind", "country", "population",
                                              "governorate")}
    road = {k: data["road." + k] for k in ("u", "v", "km", "road_class", "sourced",
                                            "flipped")}
    m = len(road["u"])
    factions = _unpack(data, "factions")
    holder, status = data["holder.faction"], data["holder.status"]
    _check(n, m, place, road, holder, status,
           (len(countries), len(governorates), len(factions)), ids)
    pc = PlaceColumns(ids, _unpack(data, "names"), place["lat"], place["lon"], place["kind"],
                      place["country"], countries, place["population"], place["governorate"],
                      governorates, _unpack_sparse(data, "aliases", n),
                      _unpack_sparse(data, "sources", n))
    if len(pc.names) != n:
        raise ValueError("names do not fit")
    rc = FileRoadColumns(road["u"], road["v"], road["km"], road["road_class"], road["sourced"],
                         _unpack_sparse(data, "refs", m), _unpack_sparse(data, "road_notes", m),
                         flipped=road["flipped"] if road["flipped"].any() else None)
    theatre = Theatre.from_columns(tid, name, home, pc, rc, credits=_unpack(data, "credits"),
                                   source=source)
    return Loaded(theatre, HolderMap(ids, HolderColumns(holder, status, factions), pc.index),
                  _unpack(data, "notes"))


def _check(n: int, m: int, place: Mapping[str, np.ndarray], road: Mapping[str, np.ndarray],
           holder: np.ndarray, status: np.ndarray, sizes: tuple[int, int, int],
           ids: Sequence[str]) -> None:
    """Refuse (ValueError) arrays that do not make one consistent theatre."""
    countries, governorates, factions = sizes
    fits = (all(len(a) == n for a in (*place.values(), holder, status))
            and all(len(a) == m for a in road.values()) and n > 0 and m > 0
            and all(map(str.__lt__, ids[:-1], ids[1:]))  # in id order, each once
            and place["kind"].max() < len(PLACE_KINDS) and place["country"].max() < countries
            and -1 <= place["governorate"].min() and place["governorate"].max() < governorates
            and 0 <= road["u"].min() and (road["u"] < road["v"]).all() and road["v"].max() < n
            and road["road_class"].max() < len(ROAD_CLASSES) and status.max() < len(STATUSES)
            and -1 <= holder.min() and holder.max() < factions
            and bool((np.diff(road["u"].astype(np.int64) * n + road["v"]) > 0).all()))
    if not fits:
        raise ValueError("the arrays do not make a theatre")


def load(fmt: str, files: Sequence[Path], options: Mapping[str, Any],
         parse: Callable[[], Loaded], *, size: int) -> Loaded:
    """The theatre ``parse()`` reads from ``files`` (``size`` bytes in all) with
    ``options``: the cache's entry if it has one, else parsed and kept (when it has places
    and roads). Files under :data:`MIN_BYTES`, or that cannot be read (``parse`` then says
    why), are parsed without the cache."""
    folder = cache_dir() if size >= MIN_BYTES else None
    digests = [file_digest(f) for f in files] if folder is not None else [None]
    if folder is None or None in digests:
        return parse()
    key, source = entry_key(fmt, digests, options), str(files[0])  # type: ignore[arg-type]
    loaded = read(key, source, folder=folder)
    if loaded is None:
        loaded = parse()
        if len(loaded.theatre.places) and len(loaded.theatre.roads):
            write(key, loaded, source, folder=folder)
    return loaded


def _entry(folder: Path, key: str, source: str) -> tuple[Path, str]:
    """The file of the entry ``key`` read from ``source``, and the tag its source's
    entries share."""
    tag = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return folder / f"{_PREFIX}{tag}-{key}{_SUFFIX}", tag


def read(key: str, source: str, *, folder: Path | None = None) -> Loaded | None:
    """The theatre of the entry ``key`` of ``source`` (the input's path) in ``folder``
    (default: :func:`cache_dir`), or None if there is none or it cannot be read."""
    folder = folder or cache_dir()
    if folder is None:
        return None
    path, _ = _entry(folder, key, source)
    try:
        with np.load(path, allow_pickle=False) as data:
            loaded = _loaded(data)
    except Exception:  # noqa: BLE001 - an entry that cannot be read is as good as none
        return None
    try:
        os.utime(path)  # recently used: the last to go
    except OSError:
        pass
    return loaded


def write(key: str, loaded: Loaded, source: str, *, folder: Path | None = None) -> None:
    """Keep ``loaded`` as the entry ``key`` of ``source`` in ``folder`` (default:
    :func:`cache_dir`), replacing the entries of ``source``'s older contents; nothing
    happens if the cache is off or cannot be written."""
    folder = folder or cache_dir()
    if folder is None:
        return
    path, tag = _entry(folder, key, source)
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_SUFFIX)
        with os.fdopen(fd, "wb") as out:
            np.savez(out, **_arrays(loaded))
        os.replace(tmp, path)
        tmp = None
        _tidy(folder, tag, path)
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


#: A temporary file older than this (seconds) was left by a run that died.
_STALE = 3600


def _tidy(folder: Path, tag: str, kept: Path) -> None:
    """Remove the other entries of the same source, temporary files left by runs that
    died, and the least recently used entries past :data:`MAX_ENTRIES`."""
    import time

    entries = []
    for path in folder.iterdir():
        name = path.name
        try:
            if name.startswith(".tmp-") and name.endswith(_SUFFIX):
                if path.stat().st_mtime < time.time() - _STALE:
                    path.unlink()
            elif name.startswith(_PREFIX) and name.endswith(_SUFFIX) and path != kept:
                if name.startswith(f"{_PREFIX}{tag}-"):
                    path.unlink()
                else:
                    entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[MAX_ENTRIES - 1:]:
        try:
            path.unlink()
        except OSError:
            pass
