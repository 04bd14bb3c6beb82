"""Everything that touches the disk: theatres, scenarios, base maps, outputs.

Bundled theatres live in ``sim/data/theatres/<id>/``; bundled scenarios in the
repository's ``scenarios/`` folder (shipped inside the wheel as
``sim/_bundled_scenarios``). Outputs are written atomically (a temporary file
in the same folder, then a rename) and never over an existing file unless
``force`` is given.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import InputError, OutputError, UnknownNameError, ValidationError
from .model import PLACE_KINDS, ROAD_CLASSES, FactionInfo, Place, Road, Theatre
from .names import NameIndex
from .scenario import Scenario, merge_scenario_data, scenario_from_data

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
THEATRES_DIR = DATA_DIR / "theatres"
BASEMAP_DIR = DATA_DIR / "basemap"
DEFAULT_SCENARIO = "syria-2024-12-06"


def scenario_dirs() -> list[Path]:
    """Folders searched for bundled scenarios, installed copy first."""
    dirs = [PACKAGE_DIR / "_bundled_scenarios", PACKAGE_DIR.parent / "scenarios"]
    return [d for d in dirs if d.is_dir()]


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; a syntax error names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", file=_display(path)) from None
    except UnicodeDecodeError:
        raise InputError("not a UTF-8 text file", file=_display(path)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        msg = getattr(exc, "msg", None) or str(exc)
        raise InputError(f"invalid TOML: {msg}", file=_display(path), line=line) from None


def _line_locator(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()

    def locate(value: Any) -> int | None:
        needle = f'"{value}"' if isinstance(value, str) else str(value)
        for n, line in enumerate(lines, 1):
            if needle in line:
                return n
        return None

    return locate


# ---------------------------------------------------------------- theatres

def _theatre_dir(name: str | Path) -> Path:
    path = Path(name)
    if path.suffix == ".toml" and path.is_file():
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
    root = Path(folder)
    meta = read_toml(root / "theatre.toml")
    head = meta.get("theatre", {})
    tfile = _display(root / "theatre.toml")
    for key in ("id", "name", "home_country"):
        if key not in head:
            raise InputError("missing key", file=tfile, key=f"theatre.{key}")
    places = _read_places(root / head.get("places", "places.toml"))
    roads = _read_roads(root / head.get("roads", "roads.csv"))
    factions = _read_factions(root / head.get("factions", "factions.toml"))
    return Theatre.build(head["id"], head["name"], head["home_country"], places, roads, factions,
                         credits=tuple(head.get("credits", [])),
                         basemap=head.get("basemap", ""), source=tfile,
                         country_names=meta.get("countries", {}))


def load_theatre(name: str | Path = "syria") -> Theatre:
    """Load a bundled theatre by id, or one from a folder holding ``theatre.toml``."""
    return _load_theatre_cached(str(_theatre_dir(name).resolve()))


def _read_places(path: Path) -> list[Place]:
    data = read_toml(path)
    problems: list[str] = []
    out: list[Place] = []
    for i, raw in enumerate(data.get("place", [])):
        key = f"place[{i}]"
        try:
            lat, lon = float(raw["lat"]), float(raw["lon"])
        except (KeyError, TypeError, ValueError):
            problems.append(f"[{key}] ({raw.get('id', '?')}) needs numeric lat and lon")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.append(f"[{key}] ({raw.get('id')}) coordinates out of range")
        kind = raw.get("kind", "town")
        if kind not in PLACE_KINDS:
            problems.append(f"[{key}.kind] must be one of {', '.join(PLACE_KINDS)}, got {kind!r}")
        if not raw.get("id") or not raw.get("name"):
            problems.append(f"[{key}] needs id and name")
            continue
        pop = raw.get("population")
        out.append(Place(str(raw["id"]), str(raw["name"]), lat, lon, kind,
                         str(raw.get("country", "")).upper(),
                         int(pop) if pop is not None else None,
                         tuple(raw.get("aliases", [])), str(raw.get("coord_source", ""))))
    if problems:
        raise ValidationError(problems, file=_display(path))
    return out


def _read_roads(path: Path) -> list[Road]:
    problems: list[str] = []
    out: list[Road] = []
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise InputError("file not found", file=_display(path)) from None
    with handle:
        reader = csv.DictReader(handle)
        need = {"a", "b", "km"}
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise InputError("header must name columns a, b, km", file=_display(path), line=1)
        for row in reader:
            line = reader.line_num
            try:
                km = float(row["km"])
            except (TypeError, ValueError):
                problems.append(f"line {line}: km {row['km']!r} is not a number")
                continue
            if km <= 0:
                problems.append(f"line {line}: km must be positive, got {km}")
                continue
            cls = row.get("class") or "primary"
            if cls not in ROAD_CLASSES:
                problems.append(f"line {line}: class must be one of {', '.join(ROAD_CLASSES)}")
            out.append(Road(row["a"].strip(), row["b"].strip(), km, cls, (row.get("ref") or "").strip(),
                            (row.get("km_basis") or "").strip() == "sourced",
                            (row.get("note") or "").strip()))
    if problems:
        raise ValidationError(problems, file=_display(path))
    return out


def _read_factions(path: Path) -> list[FactionInfo]:
    if not path.is_file():
        return []
    data = read_toml(path)
    return [FactionInfo(str(f["id"]), str(f.get("name", f["id"])), str(f.get("colour", "#888888")),
                        tuple(f.get("aliases", [])), str(f.get("short", "")))
            for f in data.get("faction", [])]


def load_basemap(theatre: Theatre) -> dict[str, Any] | None:
    """The theatre's base-map GeoJSON (countries as polygons), or None if it has none."""
    if not theatre.basemap:
        return None
    path = BASEMAP_DIR / theatre.basemap
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


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


def _scenario_data(path: Path, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    data = read_toml(path)
    head = data.get("scenario", {})
    parent = head.get("extends") if isinstance(head, dict) else None
    if not parent:
        return data
    if parent in seen:
        raise InputError(f"scenarios extend each other in a loop: {' -> '.join(seen)}",
                         file=_display(path), key="scenario.extends")
    parent_path = path.parent / f"{parent}.toml"
    if not parent_path.is_file():
        parent_path = find_scenario(parent)
    return merge_scenario_data(_scenario_data(parent_path, (*seen, str(head.get("id")))), data)


def load_scenario(name: str | Path | None = None, *, theatre: str | Path | None = None) -> Scenario:
    """Load a scenario by bundled id or path (default: the bundled default scenario).

    ``theatre`` overrides the theatre the file names (an id or a folder).
    """
    path = find_scenario(name)
    data = _scenario_data(path)
    head = data.get("scenario", {})
    theatre_name = theatre or head.get("theatre")
    if not theatre_name:
        raise InputError("missing key", file=_display(path), key="scenario.theatre")
    if theatre is None and not (THEATRES_DIR / str(theatre_name)).is_dir():
        theatre_name = path.parent / str(theatre_name)
    th = load_theatre(theatre_name)
    return scenario_from_data(data, th, file=_display(path), locate=_line_locator(path))


# ---------------------------------------------------------------- outputs

def write_atomic(path: str | Path, data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` all at once; refuse to overwrite unless ``force``."""
    target = Path(path)
    if not target.parent.is_dir():
        raise OutputError(f"cannot write {target}: folder {target.parent} does not exist")
    if target.exists() and not force:
        raise OutputError(f"{target} exists; use --force to overwrite it")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target
