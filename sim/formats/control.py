"""Control files (who holds what, as CSV or TOML) and the factions they name.

A theatre of your own has no faction catalogue: :func:`with_factions` gives
it an entry for every faction its scenario or control file names
(:func:`faction_names`), and :func:`check_control` resolves a control file's
places and factions against the theatre.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from io import StringIO
from typing import Any

from .. import schema
from ..control import STATUSES
from ..errors import InputError
from ..model import FactionInfo, Theatre
from ..schema import Problems
from .common import PLACE_COLUMNS
from .common import FACTION_PALETTE, _text, slug
from .rows import csv_rows

CONTROL_TOML_KEYS = ("date", "default_holder", "control")


# ---------------------------------------------------------------- factions

def faction_names(data: Mapping[str, Any]) -> list[str]:
    """Every faction name scenario data mentions (holders, roles, allies, lifelines).

    >>> faction_names({"scenario": {"default_holder": "Blue"},
    ...                "control": [{"faction": "red", "place": "x"}]})
    ['Blue', 'red']
    """
    found: list[Any] = []
    head = data.get("scenario")
    if isinstance(head, Mapping):
        found.append(head.get("default_holder"))
    found.extend(_field_of(data.get("control"), "faction"))
    factions = data.get("factions")
    if isinstance(factions, Mapping):
        for fid, raw in factions.items():
            found.append(fid)
            if isinstance(raw, Mapping):
                allies = raw.get("allies")
                found.extend(allies if isinstance(allies, list) else [])
                found.append(raw.get("adversary"))
    found.extend(_field_of(data.get("lifeline"), "faction"))
    return list(dict.fromkeys(n for n in found if isinstance(n, str) and slug(n)))


def _field_of(items: Any, name: str) -> list[Any]:
    """``name`` of each table in a list of tables (nothing if it is not one)."""
    if not isinstance(items, list):
        return []
    return [raw.get(name) for raw in items if isinstance(raw, Mapping)]


def with_factions(theatre: Theatre, names: Iterable[str],
                  tables: Mapping[str, Any] | None = None) -> Theatre:
    """The theatre with a catalogue entry for every faction name it does not know yet.

    A theatre loaded from GraphML, GeoJSON or CSV has no faction file: the
    factions its scenario or control file names become entries here, with ids
    slugged from the names and colours from :data:`FACTION_PALETTE` in the order
    of their ids. A scenario's ``[factions.X]`` table (``tables``) may give the
    entry a ``name``, ``short``, ``colour`` and ``aliases``. This is the one
    place that happens.

    >>> from sim.model import Place
    >>> t = Theatre.build("t", "T", "XA", [Place("a", "A", 0, 0, country="XA")], [])
    >>> t2 = with_factions(t, ["Red", "blue"], {"blue": {"name": "Blue Coalition"}})
    >>> [(f.id, f.name, f.colour) for f in t2.factions.values()]
    [('blue', 'Blue Coalition', '#1f77b4'), ('red', 'Red', '#d62728')]
    """
    known = dict(theatre.factions)
    new: dict[str, str] = {}
    for name in names:
        if theatre.factions_index.lookup(name) is None:
            new.setdefault(slug(name), name.strip())
    if not new:
        return theatre
    tables = tables if isinstance(tables, Mapping) else {}
    details = {slug(k): v for k, v in tables.items() if isinstance(k, str) and isinstance(v, Mapping)}
    for i, fid in enumerate(sorted(new), len(known)):
        table = details.get(fid, {})
        aliases = table.get("aliases")
        known[fid] = FactionInfo(fid, _text(table.get("name")) or new[fid],
                                 _text(table.get("colour")) or
                                 FACTION_PALETTE[i % len(FACTION_PALETTE)],
                                 tuple(_text(a) for a in aliases) if isinstance(aliases, list)
                                 else (), _text(table.get("short")))
    return theatre.with_factions(known.values())


# ---------------------------------------------------------------- control files

def _control_entry(place: Any, faction: Any, status: Any, where: str,
                   problems: Problems) -> dict[str, str] | None:
    before = len(problems)
    place = schema.text(place, "place", where, problems)
    faction = schema.text(faction, "faction", where, problems)
    if not place and len(problems) == before:
        problems.add("missing place", at=where)
    if not faction and len(problems) == before:
        problems.add("missing faction", at=where)
    elif faction and not any(c.isalpha() for c in faction):
        problems.add(f"faction must be a name, got {schema.shown(faction)}", at=where)
    status = schema.choice(status, "status", STATUSES, where, problems, default="held")
    if len(problems) == before:
        return {"place": place, "faction": faction, "status": status or "held", "where": where}
    return None


#: The columns of a control CSV (an exported places.csv serves too, by ``id`` and ``holder``).
CONTROL_COLUMNS = ("place", "faction", "status")


def read_control_csv(text: str, *, file: str = "control.csv") -> list[dict[str, str]]:
    """Control entries from a CSV of ``place,faction[,status]`` (a header row first).

    The columns may also be called ``id`` and ``holder``, so an exported places
    file serves as a control file (its rows without a holder are skipped).
    Each entry says where it was read.

    >>> read_control_csv("place,faction\\nhoms,opposition\\n")
    [{'place': 'homs', 'faction': 'opposition', 'status': 'held', 'where': 'line 2'}]
    """
    problems = Problems(file)
    header = _header(text)
    place_col = "place" if "place" in header else "id" if "id" in header else None
    faction_col = "faction" if "faction" in header else "holder" if "holder" in header else None
    if not place_col or not faction_col:
        raise InputError("header must name columns place, faction (and optionally status)",
                         file=file, line=1)
    out = []
    known = CONTROL_COLUMNS if place_col == "place" else (*PLACE_COLUMNS, "coord_source")
    first: dict[str, int] = {}
    for line, row in csv_rows(text, file, (place_col, faction_col), problems,
                                     where=lambda n: f"line {n}", known=known):
        if not _text(row.get(faction_col)) and faction_col == "holder":
            continue
        entry = _control_entry(row.get(place_col), row.get(faction_col), row.get("status"),
                               f"line {line}", problems)
        if entry and entry["place"] in first:
            problems.add(f"place {entry['place']!r} is named twice (first at line "
                         f"{first[entry['place']]})", line=line)
        elif entry:
            first[entry["place"]] = line
            out.append(entry)
    problems.raise_if_any()
    return out


def _header(text: str) -> list[str]:
    """The column names of a CSV text's first row."""
    try:
        row = next(csv.reader(StringIO(text.lstrip("\ufeff"), newline="")), [])
    except csv.Error:
        return []
    return [h.strip() for h in row]


def read_control_toml(data: Mapping[str, Any], *, file: str = "control.toml"
                      ) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Control entries and settings from a parsed TOML control file.

    The file holds ``[[control]]`` tables as a scenario does (``faction``,
    ``place`` or ``places``, ``status``) and, optionally, top-level ``date`` and
    ``default_holder``. Returns the entries and those settings.

    >>> read_control_toml({"default_holder": "blue",
    ...                    "control": [{"faction": "red", "places": ["a"]}]})
    ([{'place': 'a', 'faction': 'red', 'status': 'held', 'where': '[control[0].places[0]]'}], \
{'default_holder': 'blue'})
    """
    problems = Problems(file)
    for k in data:
        if k not in CONTROL_TOML_KEYS:
            problems.add(f"is not a key of a control file (it may hold "
                         f"{', '.join(CONTROL_TOML_KEYS)})", key=k)
    settings = {k: schema.text(data[k], k, f"[{k}]", problems)
                for k in ("date", "default_holder") if k in data}
    out = []
    for i, raw in schema.tables(data.get("control"), "control", problems):
        names = raw.get("places", [])
        if not isinstance(names, list):
            problems.add(f"places must be a list of place names, got {schema.shown(names)}",
                         at=f"[control[{i}]]")
            continue
        names = [raw["place"], *names] if "place" in raw else names
        if not names:
            problems.add("names no place (place = ... or places = [...])", at=f"[control[{i}]]")
            continue
        for j, name in enumerate(names):
            entry = _control_entry(name, raw.get("faction"), raw.get("status"),
                                   f"[control[{i}].places[{j}]]", problems)
            if entry:
                out.append(entry)
    problems.raise_if_any()
    return out, settings


def check_control(entries: list[dict[str, str]], theatre: Theatre, *, file: str
                  ) -> list[dict[str, str]]:
    """Scenario ``[[control]]`` tables for control-file entries, places and factions
    resolved; unknown names are reported at once, each by its line or key."""
    problems = Problems(file)
    out = []
    for entry in entries:
        found = {}
        for what, index in (("place", theatre.places_index), ("faction", theatre.factions_index)):
            found[what] = index.lookup(entry[what])
            if found[what] is None:
                sugg = index.suggest(entry[what])
                hint = f"; did you mean: {', '.join(sugg)}?" if sugg else ""
                problems.add(f"unknown {what} {entry[what]!r} in theatre {theatre.id!r}{hint}",
                             at=entry["where"])
        if None not in found.values():
            out.append({**found, "status": entry["status"]})
    problems.raise_if_any()
    return out
