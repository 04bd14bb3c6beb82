"""Everything that touches the disk: theatres, scenarios, base maps, outputs.

Bundled theatres live in ``sim/data/theatres/<id>/``; bundled scenarios in the
repository's ``scenarios/`` folder (shipped inside the wheel as
``sim/_bundled_scenarios``). Outputs are written by :mod:`sim.output`.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from . import output, schema
from .campaign import key_lines
from .inputs import display, line_locator, read_bytes, read_text, read_toml, read_toml_text
from .errors import InputError, LoadNote, UnknownNameError
from .model import Theatre
from .names import NameIndex
from .scenario import (INHERITED, Scenario, check_file, merge_scenario_data,
                       scenario_from_data)
from .schema import Problems

if TYPE_CHECKING:  # imported lazily at run time: only foreign theatres need it
    from . import formats

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
THEATRES_DIR = DATA_DIR / "theatres"
BASEMAP_DIR = DATA_DIR / "basemap"
DEFAULT_SCENARIO = "syria-2024-12-06"


def scenario_dirs() -> list[Path]:
    """Folders searched for bundled scenarios, installed copy first."""
    dirs = [PACKAGE_DIR / "_bundled_scenarios", PACKAGE_DIR.parent / "scenarios"]
    return [d for d in dirs if d.is_dir()]


# ---------------------------------------------------------------- theatres

def _theatre_dir(name: str | Path) -> Path:
    path = Path(name)
    if path.suffix == ".toml" and path.is_file():
        if path.name != "theatre.toml":
            raise InputError("is not a theatre: name a theatre's folder or its theatre.toml, a "
                             "GraphML, GeoJSON or places.csv file, or a bundled theatre id",
                             file=display(path))
        return path.parent
    if path.is_dir() and (path / "theatre.toml").is_file():
        return path
    bundled = sorted(p.name for p in THEATRES_DIR.iterdir() if (p / "theatre.toml").is_file())
    key = str(name).lower()
    if key in bundled:
        return THEATRES_DIR / key
    raise UnknownNameError("theatre", str(name), NameIndex("theatre", {b: [] for b in bundled})
                           .suggest(str(name)) or bundled)


@lru_cache(maxsize=8)
def _load_theatre_cached(folder: str) -> Theatre:
    from .formats import theatre as folder_format

    root = Path(folder)
    tfile = root / "theatre.toml"
    head = folder_format.theatre_head(read_toml(tfile), file=display(tfile))
    path = root / head["places"]
    data, text = read_toml_text(path)
    places = folder_format.read_places_toml(data, file=display(path),
                                            lines=folder_format.table_lines(text, "place"))
    path = root / head["roads"]
    roads = folder_format.read_roads_csv(read_text(path), file=display(path),
                                         places={p.id: p.id for p in places})
    _not_empty(len(places), len(roads), display(root))
    path = root / head["factions"]
    factions: list = []
    if path.is_file():
        data, text = read_toml_text(path)
        factions = folder_format.read_factions_toml(
            data, file=display(path), lines=folder_format.table_lines(text, "faction"))
    return Theatre.build(head["id"], head["name"], head["home_country"], places, roads, factions,
                         credits=head["credits"], basemap=head["basemap"], source=display(tfile),
                         country_names=head["countries"])


def _not_empty(places: int, roads: int, where: str) -> None:
    """Refuse a theatre without places or without roads: no question has an answer on it."""
    if not places or not roads:
        raise InputError(f"the theatre has no {'places' if not places else 'roads'}",
                         file=where)


def load_theatre(name: str | Path = "syria", *, home_country: str | None = None) -> Theatre:
    """Load a bundled theatre by id, or one from a folder holding ``theatre.toml``,
    or your own from GraphML, GeoJSON or CSV (see :func:`load_foreign`)."""
    if foreign_source(name) is not None:
        return load_foreign(name, home_country=home_country).theatre
    return _load_theatre_cached(str(_theatre_dir(name).resolve()))


def load_basemap(theatre: Theatre) -> Mapping[str, Any] | None:
    """The theatre's base-map GeoJSON (countries as polygons), or None if it has none.

    The file is read once per process; the data is read-only (mappings that
    refuse changes, tuples for arrays) and shared by every caller.
    """
    if not theatre.basemap:
        return None
    path = BASEMAP_DIR / theatre.basemap
    if not path.is_file():
        return None
    return _read_basemap(str(path.resolve()))


@lru_cache(maxsize=4)
def _read_basemap(path: str) -> Mapping[str, Any]:
    text = read_text(Path(path))
    try:
        return _frozen(json.loads(text))
    except (ValueError, RecursionError) as exc:
        raise InputError(f"not valid JSON: {exc}", file=display(Path(path))) from None


class _ReadOnlyDict(dict):
    """A dict that refuses changes (JSON still writes it; a copy is a plain dict)."""

    __slots__ = ()

    def _refuse(self, *_args: Any, **_kwargs: Any):
        raise TypeError("the base map is shared and read-only; copy it to change it")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __copy__(self) -> dict:
        return dict(self)

    def __deepcopy__(self, memo: dict) -> dict:
        return _thawed(self)

    def __reduce__(self):
        return (dict, (dict(self),))


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        frozen = _ReadOnlyDict()
        for k, v in value.items():
            dict.__setitem__(frozen, k, _frozen(v))
        return frozen
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _thawed(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _thawed(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thawed(v) for v in value]
    return value


# ---------------------------------------------------------------- scenarios

def list_scenarios() -> list[Path]:
    """Bundled scenario files, sorted by id (first folder wins on a clash)."""
    found: dict[str, Path] = {}
    for folder in scenario_dirs():
        for path in sorted(folder.glob("*.toml")):
            found.setdefault(path.stem, path)
    return [found[k] for k in sorted(found)]


def find_scenario(name: str | Path | None) -> Path:
    """The file of a bundled scenario id, or a path given directly."""
    if name is None:
        name = DEFAULT_SCENARIO
    path = Path(name)
    if path.suffix == ".toml" or os.sep in str(name):
        if not path.is_file():
            raise InputError("file not found", file=str(name))
        return path
    bundled = {p.stem: p for p in list_scenarios()}
    if str(name) in bundled:
        return bundled[str(name)]
    idx = NameIndex("scenario", {k: [] for k in bundled})
    found = idx.lookup(str(name))
    if found:
        return bundled[found]
    raise UnknownNameError("scenario", str(name), idx.suggest(str(name)) or sorted(bundled))


def bundled_before(theatre: str, date: str) -> Path | None:
    """The bundled scenario of the theatre ``theatre`` (an id) dated last strictly before
    ``date`` (YYYY-MM-DD), or None if none is.

    >>> bundled_before("syria", "2024-11-30").name
    'syria-2024-11-26.toml'
    """
    found = [(scen.date, path) for path in list_scenarios()
             for scen in [load_scenario(path)] if scen.theatre.id == theatre and scen.date < date]
    return max(found)[1] if found else None


#: How many scenarios deep ``extends`` may go.
MAX_EXTENDS = 32


def _scenario_data(path: Path, data: dict[str, Any], seen: tuple[Path, ...] = ()
                   ) -> dict[str, Any]:
    """The ``data`` of the scenario file ``path`` merged onto its parents' (``extends``),
    refusing a loop (by file, whatever the ids say) and a chain over :data:`MAX_EXTENDS`
    deep. A parent's own problems are reported as its file's; the child's file is checked
    with the merged data (:func:`~sim.scenario.scenario_from_data`)."""
    where = display(path)
    head = data.get("scenario", {})
    parent = head.get("extends") if isinstance(head, dict) else None
    if not parent:
        return data
    if not isinstance(parent, str):
        raise InputError(f"must name a scenario (its id or file), got {schema.shown(parent)}",
                         file=where, key="scenario.extends")
    chain = (*seen, path.resolve())
    if len(chain) > MAX_EXTENDS:
        raise InputError(f"scenarios extend each other more than {MAX_EXTENDS} deep",
                         file=where, key="scenario.extends")
    parent_path = path.parent / (parent if parent.endswith(".toml") else f"{parent}.toml")
    if not parent_path.is_file():
        parent_path = find_scenario(parent)
    if parent_path.resolve() in chain:
        loop = " -> ".join(display(p) for p in (*chain, parent_path.resolve()))
        raise InputError(f"scenarios extend each other in a loop: {loop}", file=where,
                         key="scenario.extends")
    parent_data, parent_text = read_toml_text(parent_path)
    problems = Problems(display(parent_path))
    check_file(parent_data, problems, key_lines(parent_text))
    problems.raise_if_any()
    return merge_scenario_data(_scenario_data(parent_path, parent_data, chain), data)


def load_scenario(name: str | Path | None = None, *, theatre: str | Path | None = None,
                  control: str | Path | None = None, default_holder: str | None = None,
                  home_country: str | None = None) -> Scenario:
    """Load a scenario by bundled id or path (default: the bundled default scenario).

    ``theatre`` overrides the theatre the file names (an id, a folder, or a
    GraphML, GeoJSON or CSV theatre). Given a ``theatre`` but no ``name``, no
    scenario file is read: holders come from the theatre file itself, then
    ``control`` and ``default_holder`` (see :func:`scenario_from_theatre`).
    ``control`` (a CSV or TOML control file) applies after the scenario's own
    ``[[control]]``; ``default_holder`` replaces the scenario's; ``home_country``
    is the home country of a GraphML, GeoJSON or CSV theatre (else the
    scenario's ``home_country`` key, else what :func:`load_foreign` decides).
    """
    if name is None and theatre is not None:
        return scenario_from_theatre(theatre, control=control, default_holder=default_holder,
                                     home_country=home_country)
    path = find_scenario(name)
    own, text = read_toml_text(path)
    data = _scenario_data(path, own)
    theatre_name, home = _theatre_of(data, path, theatre, home_country)
    if theatre is None and not _is_bundled_theatre(str(theatre_name)):
        theatre_name = path.parent / str(theatre_name)
        if Path(theatre_name).resolve() == path.resolve():
            raise InputError("names this scenario file itself; name a theatre: a bundled id, "
                             "a folder, a GraphML, GeoJSON or places.csv file",
                             file=display(path), key="scenario.theatre")
    if foreign_source(theatre_name) is not None:
        loaded = load_foreign(theatre_name, home_country=home)
        th, data = loaded.theatre, _with_file_holders(data, loaded.holders)
    else:
        th = load_theatre(theatre_name, home_country=home)
    data, th = _with_control(data, th, control, default_holder)
    return scenario_from_data(data, th, file=display(path), locate=line_locator(text),
                              own=own, lines=key_lines(text))


def _holder_entries(holders: Mapping[str, tuple[str, str]]) -> list[dict[str, str]]:
    """``[[control]]`` entries for the holders a theatre file carries."""
    return [{"place": p, "faction": f, "status": st} for p, (f, st) in holders.items()]


def _with_file_holders(data: dict[str, Any], holders: Mapping[str, tuple[str, str]]
                       ) -> dict[str, Any]:
    """Scenario data with the holders a theatre file carries (as exports do) applied first:
    the scenario's ``default_holder`` covers only the places they leave, and its own
    ``[[control]]`` entries come after them."""
    own = data.get("control")
    if not holders or not isinstance(own, (list, type(None))):
        return data  # a [[control]] of the wrong kind is reported as it is
    entries = _holder_entries(holders)
    inherited = dict(data.get(INHERITED) or {})
    inherited["control"] = inherited.get("control", 0) + len(entries)
    return {**data, "control": [*entries, *(own if isinstance(own, list) else [])],
            INHERITED: inherited}


def _theatre_of(data: dict[str, Any], path: Path, theatre: str | Path | None,
                home_country: str | None) -> tuple[str | Path, str | None]:
    """The theatre a scenario's data names (unless ``theatre`` overrides it) and its
    home country; every problem with them at once."""
    problems = Problems(display(path))
    head = data.get("scenario")
    if not isinstance(head, Mapping):
        problems.add("missing [scenario] table" if head is None else
                     f"must be a table, got {schema.shown(head)}", key="scenario")
        head = {}
    named = head.get("theatre")
    if theatre is None and not named:
        problems.add("is required: a bundled theatre id or a path relative to this file",
                     key="scenario.theatre")
    elif theatre is None and not isinstance(named, str):
        problems.add(f"must be a theatre id or a path, got {schema.shown(named)}",
                     key="scenario.theatre")
    home = home_country
    if home is None and head.get("home_country") is not None:
        home = schema.country(head["home_country"], "", problems,
                              what="[scenario.home_country]") or None
    problems.raise_if_any()
    return theatre or named, home


def _is_bundled_theatre(name: str) -> bool:
    """Whether ``name`` is the id of a bundled theatre (a plain word, not a path)."""
    return re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name) is not None and \
        (THEATRES_DIR / name / "theatre.toml").is_file()


# ---- foreign formats
# Your own road networks: GraphML, GeoJSON or CSV theatres, control files,
# and exports. Parsing and writing the formats is sim.formats's job; here
# the files are found, read and written.

UNDATED = "undated"
_PLACEHOLDER_DATE = "2000-01-01"


def foreign_source(name: str | Path) -> tuple[str, Path, Path | None] | None:
    """(format, file, roads file) if ``name`` is a GraphML, GeoJSON or CSV theatre, else None.

    A ``.graphml`` file; a ``.geojson`` or ``.json`` file; ``places.csv`` (or
    ``NAME-places.csv``) with ``roads.csv`` (``NAME-roads.csv``) beside it, or a
    folder holding both (and no ``theatre.toml``).

    >>> foreign_source("maps/oakland.graphml")
    ('graphml', PosixPath('maps/oakland.graphml'), None)
    >>> foreign_source("maps/mine-roads.csv")[1:]
    (PosixPath('maps/mine-places.csv'), PosixPath('maps/mine-roads.csv'))
    >>> foreign_source("syria") is None
    True
    """
    path = Path(name)
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        return "graphml", path, None
    if suffix in (".geojson", ".json"):
        return "geojson", path, None
    if suffix == ".csv":
        stem = path.stem
        if stem.endswith("roads"):
            path, stem = path.with_name(stem[:-5] + "places.csv"), stem[:-5] + "places"
        if not stem.endswith("places"):
            raise InputError("name a CSV theatre's files places.csv and roads.csv "
                             "(or NAME-places.csv and NAME-roads.csv)", file=str(name))
        return "csv", path, path.with_name(stem[:-6] + "roads.csv")
    if path.is_dir() and not (path / "theatre.toml").is_file() and (path / "places.csv").is_file():
        return "csv", path / "places.csv", path / "roads.csv"
    return None


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _load_foreign_cached(fmt: str, file: str, roads: str | None, home_country: str | None,
                         _stamp: tuple) -> formats.Loaded:
    """The theatre of a foreign file: from the cache (:mod:`sim.cache`) when it holds the
    file's contents read with the same options, else parsed (and then kept there)."""
    from . import cache

    files = [Path(f) for f in (file, roads) if f]
    options, parse = _foreign_reader(fmt, files[0], files[1] if roads else None, home_country)
    return cache.load(fmt, files, options, parse, size=sum(s[1] for s in _stamp if s))


def _foreign_reader(fmt: str, path: Path, rpath: Path | None, home_country: str | None):
    """The options of the reader of a foreign theatre (what it is told besides the files'
    contents) and a function reading the files with them."""
    from . import formats

    if fmt == "csv":
        rpath = rpath or Path("")
        prefix = path.stem[:-len("places")].rstrip("-_ ")
        options = {"places_file": display(path), "roads_file": display(rpath),
                   "folder": display(path.parent) if not prefix else display(path),
                   "stem": prefix or path.resolve().parent.name, "home_country": home_country}
        return options, lambda: formats.read_csv(read_text(path), read_text(rpath), **options)
    options = {"file": display(path), "stem": path.stem, "home_country": home_country}
    if fmt == "graphml":
        return options, lambda: formats.read_graphml(read_bytes(path), **options)
    return options, lambda: formats.read_geojson(read_text(path), **options)


def load_foreign(name: str | Path, *, home_country: str | None = None) -> formats.Loaded:
    """Your own theatre from GraphML, GeoJSON or CSV, with the holders the file names.

    The theatre's id is the file's name (or the CSV folder's). Its home country
    is ``home_country`` if given, else the one the file declares (as exports do),
    else the commonest country its places name, else ``ZZ``; places that name
    no country are in the home country. What the loader decided on the user's
    behalf (snapped GeoJSON line ends) is issued as a :class:`LoadNote`
    warning.
    """
    found = foreign_source(name)
    if found is None:
        raise InputError("not a GraphML, GeoJSON or CSV theatre", file=str(name))
    fmt, path, roads = found
    if home_country is not None:
        problems = Problems()
        home_country = schema.country(home_country, "", problems, what="home country") or None
        if len(problems):
            raise InputError(problems.messages[0])
    stamp = (_stat(path), _stat(roads) if roads else None)
    key = (fmt, str(path.resolve()), str(roads.resolve()) if roads else None,
           home_country.strip().upper() if home_country else None)
    hits = _load_foreign_cached.cache_info().hits
    loaded = _load_foreign_cached(*key, stamp)
    _not_empty(len(loaded.theatre.places), len(loaded.theatre.roads), display(path))
    if _load_foreign_cached.cache_info().hits == hits:
        for note in loaded.notes:
            warnings.warn(note, LoadNote, stacklevel=2)
    return loaded


def read_control_file(path: str | Path) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Entries and settings of a control file: CSV ``place,faction[,status]`` or TOML."""
    from . import formats

    path = Path(path)
    if path.suffix.lower() == ".csv":
        return formats.read_control_csv(read_text(path), file=display(path)), {}
    if path.suffix.lower() == ".toml":
        return formats.read_control_toml(read_toml(path), file=display(path))
    raise InputError("a control file is a .csv (place,faction[,status]) or a .toml file",
                     file=display(path))


def _with_control(data: dict[str, Any], theatre: Theatre, control: str | Path | None,
                  default_holder: str | None, parsed=None) -> tuple[dict[str, Any], Theatre]:
    """Scenario data with a control file's entries and a default holder on top, and the
    theatre, given catalogue entries for the factions named if it has no catalogue.

    ``parsed`` is the control file already read, if it was.
    """
    if parsed is None:
        parsed = read_control_file(control) if control is not None else ([], {})
    entries, settings = parsed
    head = data.get("scenario")
    head = dict(head) if isinstance(head, Mapping) else {}
    holder = default_holder or settings.get("default_holder")
    if holder:
        head["default_holder"] = holder
    data = {**data, "scenario": head}
    if not theatre.factions or entries:
        from . import formats
    if not theatre.factions:
        theatre = formats.with_factions(theatre, formats.faction_names(data) +
                                        [e["faction"] for e in entries], data.get("factions"))
    if entries:
        data["control"] = [*data.get("control", []),
                           *formats.check_control(entries, theatre, file=display(Path(control)))]
    return data, theatre


def scenario_from_theatre(theatre: str | Path, *, control: str | Path | None = None,
                          default_holder: str | None = None,
                          home_country: str | None = None) -> Scenario:
    """A scenario with no file: a theatre, the holders its file names, a control file
    and a default holder (later ones win). It has no lifelines and no capitals; its
    id and title are the theatre's, its date the control file's ``date`` or
    ``undated``."""
    from . import formats

    if foreign_source(theatre) is not None:
        loaded = load_foreign(theatre, home_country=home_country)
    else:
        loaded = formats.Loaded(load_theatre(theatre))
    th = loaded.theatre
    if not loaded.holders and control is None and not default_holder:
        raise InputError(f"say who holds the places of {th.id!r}: give a control file, a "
                         f"default holder, or a scenario naming the theatre")
    parsed = read_control_file(control) if control is not None else ([], {})
    date = parsed[1].get("date")
    data: dict[str, Any] = {
        "scenario": {"id": th.id, "title": th.name, "date": date or _PLACEHOLDER_DATE},
        "control": _holder_entries(loaded.holders),
    }
    data, th = _with_control(data, th, control, default_holder, parsed)
    file = display(Path(control)) if control is not None else th.source
    scen = scenario_from_data(data, th, file=file)
    if date:
        return scen
    holdings = {p: replace(h, date="") for p, h in scen.control.holdings.items()}
    return replace(scen, date=UNDATED,
                   control=replace(scen.control, holdings=MappingProxyType(holdings)))


def write_export(path: str | Path, content, *, force: bool = False) -> list[Path]:
    """Write an export: one file (a text, or its chunks: a large export streams), or
    (a dict of name -> text) files in the folder ``path``, all or nothing (see
    :mod:`sim.output`)."""
    if isinstance(content, Mapping):
        return output.write_files(path, content, force=force)
    return [output.write_atomic(path, content, force=force)]


# ---- documents

#: The endings of the files a folder of reports contributes to ``sim ingest``.
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown")
#: The files of such a folder that are about the folder, not reports (names starting so).
NOT_REPORTS = ("readme", "changelog", "license")


def document_files(paths: Iterable[str | Path]) -> list[Path]:
    """The documents ``paths`` name: a file as given; a folder, its regular files ending
    .txt, .md or .markdown, sorted by name, without README, CHANGELOG and LICENSE files.
    A folder with no such file is an :class:`InputError`."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            found.append(path)
            continue
        files = sorted((p for p in path.iterdir() if p.is_file()
                        and p.suffix.lower() in DOCUMENT_SUFFIXES
                        and not p.name.lower().startswith(NOT_REPORTS)), key=lambda p: p.name)
        if not files:
            kinds = f"{', '.join(DOCUMENT_SUFFIXES[:-1])} or {DOCUMENT_SUFFIXES[-1]}"
            raise InputError(f"the folder holds no report (a {kinds} file other than a "
                             f"README, CHANGELOG or LICENSE)", file=display(path))
        found += files
    return found


def read_document(path: str | Path):
    """Read a news report or digest for ``sim ingest``: UTF-8 text, optional front matter.

    Returns a :class:`sim.ingest.Document`. A missing, empty, binary or undecodable file,
    or one over :data:`sim.ingest.MAX_DOCUMENT_BYTES` (32 MiB), is an :class:`InputError`
    naming the file. At most the limit and a byte are read: ``/dev/zero`` is refused.
    """
    from . import ingest

    limit, target = ingest.MAX_DOCUMENT_BYTES, Path(path)
    name = display(target)
    if target.is_dir():
        raise InputError("is a folder, not a document", file=name)
    try:
        with open(target, "rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError("file not found", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {output.reason(exc)}", file=name) from None
    if len(raw) > limit:
        size = f"{limit // 2**20} MiB" if limit % 2**20 == 0 else f"{limit:,} bytes"
        kind = "" if target.is_file() else " (not a regular file: a device or pipe may never end)"
        raise InputError(f"larger than the {size} a document may be{kind}", file=name)
    if not raw.strip():
        raise InputError("the document is empty", file=name)
    if b"\x00" in raw[:8192]:
        raise InputError("a binary file, not a text document", file=name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start} cannot be decoded)", file=name) from None
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(4, len(text[:8192]) // 100):
        raise InputError("a binary file, not a text document", file=name)
    return ingest.parse_document(text, name)
