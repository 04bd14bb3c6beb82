"""One record schema for places, roads and factions, and one collector of problems.

Every reader of ``sim`` (theatre TOML files, the CSV, GeoJSON and GraphML
formats, control files, scenarios) checks its records here, so a place or a
road means the same thing whatever file it comes from. A reader never stops at
the first bad value and never trips over one: each validator notes what is
wrong in a :class:`Problems` collector, which names the file and raises every
problem at once as a :class:`~sim.errors.ValidationError`.

Each problem carries where it was found: a ``where`` text given by the reader
(``places.csv:4``, ``features[3]``, ``node '7' (line 12)``, ``[place[2]]``),
or a line and a key (``line 4: [control[0].faction] ...``). Each field
validator takes the value, what it is (``km``; fixed for ``lat``, ``lon``,
``population``, ``country`` and ``colour``), where it is, and the collector;
it returns the checked value, or None (or a default) after noting the problem.

>>> problems = Problems("places.csv")
>>> place({"id": "homs", "lat": "34.73", "lon": "36.72"}, "places.csv:2", problems)
Place(id='homs', name='homs', lat=34.73, lon=36.72, kind='town', country='', population=None, \
aliases=(), source='', governorate=None)
>>> place({"id": "x", "lat": "north", "lon": 36, "population": "many"}, "places.csv:3", problems)
>>> problems.messages
["places.csv:3: lat 'north' is not a number", "places.csv:3: population 'many' is not a whole number"]
"""

from __future__ import annotations

import difflib
import datetime as _dt
import math
from collections.abc import Collection, Container, Iterator, Mapping
from typing import Any

from .control import STATUSES
from .errors import ValidationError
from .model import PLACE_KINDS, ROAD_CLASSES, FactionInfo, Place, Road

__all__ = ["DEFAULT_COLOUR", "MAX_KM", "MAX_POPULATION", "PLACE_KINDS", "ROAD_CLASSES", "STATUSES",
           "Problems", "as_text", "choice", "closest", "colour", "country", "faction", "flag",
           "governorate", "latitude", "longitude", "number", "place", "population", "positive",
           "road", "shown", "strings", "table", "tables", "text", "unknown_keys"]

#: More people than any place holds: a larger population figure is a mistake.
MAX_POPULATION = 10**10
#: Longer than any road: the length of the equator, in km.
MAX_KM = 40_075
#: The colour of a faction whose record gives none.
DEFAULT_COLOUR = "#888888"
_UNSET: Any = object()


class Problems:
    """Every problem found in one input, each naming where it is; raised all at once.

    ``add`` takes the message and where it was found: a reader's own ``at``
    text, or a ``line`` and a ``key`` (formatted ``line 4: [key] message``).

    >>> found = Problems("s.toml")
    >>> found.add("must be YYYY-MM-DD", key="scenario.date")
    >>> found.add("km 'ten' is not a number", at="roads.csv:4")
    >>> len(found), found.messages[0]
    (2, '[scenario.date] must be YYYY-MM-DD')
    >>> found.raise_if_any()
    Traceback (most recent call last):
    ...
    sim.errors.ValidationError: s.toml: 2 problem(s): [scenario.date] must be YYYY-MM-DD; \
roads.csv:4: km 'ten' is not a number
    """

    def __init__(self, file: str | None = None) -> None:
        self.file = file or None
        self.messages: list[str] = []

    def add(self, message: str, *, line: int | None = None, key: str | None = None,
            at: str | None = None) -> None:
        """Note one problem found at ``at``, or at ``line`` and ``key`` of the file."""
        if key:
            message = f"[{key}] {message}"
        if line is not None:
            message = f"line {line}: {message}"
        if at:
            message = f"{at}: {message}"
        self.messages.append(message)

    def __len__(self) -> int:
        return len(self.messages)

    def __iter__(self) -> Iterator[str]:
        return iter(self.messages)

    def raise_if_any(self) -> None:
        """Raise a :class:`~sim.errors.ValidationError` listing every problem, if any."""
        if self.messages:
            raise ValidationError(self.messages, file=self.file)


# ---------------------------------------------------------------- fields

def as_text(value: Any) -> str:
    """Any scalar as stripped text, without judging it (None is empty; 3.0 is "3").

    >>> as_text(None), as_text(3.0), as_text(" Homs ")
    ('', '3', 'Homs')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def text(value: Any, what: str, where: str, problems: Problems, *, default: str = "") -> str:
    """A text field: a string, a number or a date, stripped; ``default`` if absent or not text.

    >>> found = Problems()
    >>> text(12, "ref", "roads.csv:2", found), text({"a": 1}, "name", "[place[0]]", found)
    ('12', '')
    >>> found.messages
    ["[place[0]]: name must be text, got {'a': 1}"]
    """
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (str, int, float, _dt.date, _dt.time)):
        problems.add(f"{what} must be text, got {shown(value)}", at=where)
        return default
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        problems.add(f"{what} must be text, got {value!r}", at=where)
        return default
    return as_text(value) or default


def number(value: Any, what: str, where: str, problems: Problems, *,
           required: bool = True) -> float | None:
    """A finite number from a number or its text, or None after noting the problem.

    >>> found = Problems()
    >>> number("12.5", "km", "line 2", found), number(float("nan"), "km", "line 3", found)
    (12.5, None)
    >>> found.messages
    ['line 3: km nan is not a finite number']
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.add(f"missing {what}", at=where)
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        problems.add(f"{what} {shown(value)} is not a number", at=where)
        return None
    try:
        found = float(value)
    except OverflowError:
        found = math.inf
    except ValueError:
        problems.add(f"{what} {shown(value)} is not a number", at=where)
        return None
    if not math.isfinite(found):
        problems.add(f"{what} {shown(value)} is not a finite number", at=where)
        return None
    return found


def positive(value: Any, what: str, where: str, problems: Problems, *,
             required: bool = True) -> float | None:
    """A finite number above zero (a length), or None after noting the problem.

    >>> found = Problems()
    >>> positive("-3", "km", "roads.csv:4", found), found.messages
    (None, ["roads.csv:4: km must be positive, got '-3'"])
    """
    found = number(value, what, where, problems, required=required)
    if found is not None and found <= 0:
        problems.add(f"{what} must be positive, got {shown(value)}", at=where)
        return None
    return found


def latitude(value: Any, where: str, problems: Problems, *, what: str = "lat") -> float | None:
    """A latitude in degrees, -90 to 90.

    >>> found = Problems()
    >>> latitude(91, "[place[0]]", found), found.messages
    (None, ['[place[0]]: lat 91.0 is out of range (-90 to 90)'])
    """
    return _degrees(value, what, 90, where, problems)


def longitude(value: Any, where: str, problems: Problems, *, what: str = "lon") -> float | None:
    """A longitude in degrees, -180 to 180."""
    return _degrees(value, what, 180, where, problems)


def _degrees(value: Any, what: str, limit: int, where: str, problems: Problems) -> float | None:
    found = number(value, what, where, problems)
    if found is not None and not -limit <= found <= limit:
        problems.add(f"{what} {found} is out of range (-{limit} to {limit})", at=where)
        return None
    return found


def population(value: Any, where: str, problems: Problems, *,
               what: str = "population") -> int | None:
    """A whole number of people, 0 or more (None when absent or unknown).

    >>> found = Problems()
    >>> population("1200", "a", found), population(1200.0, "b", found), population("", "c", found)
    (1200, 1200, None)
    >>> population("many", "d", found), population(-5, "e", found), found.messages
    (None, None, ["d: population 'many' is not a whole number", \
'e: population -5 is not a whole number'])
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    whole = _whole(value)
    if whole is None or whole < 0:
        problems.add(f"{what} {shown(value)} is not a whole number", at=where)
        return None
    if whole > MAX_POPULATION:
        problems.add(f"{what} {shown(value)} is more than any place holds", at=where)
        return None
    return whole


def _whole(value: Any) -> int | None:
    """An int, or a float or text that writes one ("1200", "1.2e3", 1200.0), else None."""
    if isinstance(value, int):
        return None if isinstance(value, bool) else value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    if not isinstance(value, (str, float)):
        return None
    found = number(value, "", "", Problems())  # its problem is said by the caller
    return int(found) if found is not None and found.is_integer() else None


def country(value: Any, where: str, problems: Problems, *, what: str = "country") -> str:
    """An ISO 3166 alpha-2 country code, upper-cased ("" when absent).

    >>> found = Problems()
    >>> country("lb", "a", found), country("Lebanon", "b", found), found.messages
    ('LB', '', ["b: country must be a two-letter ISO code, got 'Lebanon'"])
    """
    code = text(value, what, where, problems).upper()
    if code and not (len(code) == 2 and code.isascii() and code.isalpha()):
        problems.add(f"{what} must be a two-letter ISO code, got {shown(value)}", at=where)
        return ""
    return code


def governorate(value: Any, where: str, problems: Problems, *, blank: bool = True) -> str | None:
    """A region's name ("Idlib"), with a letter in it; None if absent or, if ``blank``, blank."""
    if value is None or (blank and isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and any(c.isalpha() for c in value):
        return value.strip()
    problems.add(f"governorate must be a name, got {shown(value)}", at=where)
    return None


def colour(value: Any, where: str, problems: Problems, *, what: str = "colour",
           default: str = "") -> str:
    """A map colour written ``#rrggbb`` (or ``#rgb``), ``default`` when absent.

    >>> found = Problems()
    >>> colour("#d62728", "a", found), colour("red", "b", found), found.messages
    ('#d62728', '', ["b: colour must be written #rrggbb, got 'red'"])
    """
    word = text(value, what, where, problems)
    if not word:
        return default
    digits = word[1:]
    if not (word.startswith("#") and len(digits) in (3, 6, 8)
            and all(c in "0123456789abcdefABCDEF" for c in digits)):
        problems.add(f"{what} must be written #rrggbb, got {shown(value)}", at=where)
        return default
    return word


def flag(value: Any, what: str, where: str, problems: Problems, *, default: bool = False) -> bool:
    """A yes/no field: a boolean, or ``true``/``false`` (also yes/no, 1/0) as text.

    >>> found = Problems()
    >>> flag(True, "secondary", "[source[0]]", found), flag("false", "cut", "x", found)
    (True, False)
    >>> flag("perhaps", "cut", "x", found), found.messages
    (False, ["x: cut must be true or false, got 'perhaps'"])
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool):
        return value
    word = as_text(value).lower() if isinstance(value, (str, int)) else None
    if word in ("true", "yes", "1", "false", "no", "0"):
        return word in ("true", "yes", "1")
    problems.add(f"{what} must be true or false, got {shown(value)}", at=where)
    return default


def choice(value: Any, what: str, choices: tuple[str, ...], where: str, problems: Problems, *,
           default: str | None = None) -> str | None:
    """One of ``choices`` (``default`` when absent), or None after noting the problem.

    >>> found = Problems()
    >>> choice(None, "status", STATUSES, "line 2", found, default="held")
    'held'
    >>> choice(7, "kind", PLACE_KINDS, "[place[0]]", found), found.messages[0]
    (None, "[place[0]]: kind must be one of city, town, junction, crossing, port, airbase, got '7'")
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        word = default
    else:
        before = len(problems)
        word = text(value, what, where, problems)
        if len(problems) > before:
            return None
    if word in choices:
        return word
    problems.add(f"{what} must be one of {', '.join(choices)}, got {word!r}", at=where)
    return None


def strings(value: Any, what: str, where: str, problems: Problems, *,
            sep: str | None = ";") -> tuple[str, ...]:
    """A list of strings (or, with a ``sep``, one text split at it), blanks dropped.

    With ``sep=None`` (a TOML file, which has lists) a text is refused, so that
    ``aliases = "Bee"`` is not mistaken for a list.

    >>> found = Problems()
    >>> strings("Hims; Homs", "aliases", "a", found), strings(["Deraa"], "aliases", "b", found)
    (('Hims', 'Homs'), ('Deraa',))
    >>> strings(5, "aliases", "[place[3]]", found), found.messages
    ((), ['[place[3]]: aliases must be a list of strings, got 5'])
    """
    if value is None:
        return ()
    if isinstance(value, str) and sep is None:
        problems.add(f"{what} must be a list of strings (write [{shown(value)}]), "
                     f"got {shown(value)}", at=where)
        return ()
    if isinstance(value, str):
        items: list[Any] = value.split(sep)
    elif isinstance(value, (list, tuple)):
        items = list(value)
        if not all(isinstance(v, str) or (isinstance(v, (int, float)) and not isinstance(v, bool))
                   for v in items):
            problems.add(f"{what} must be a list of strings, got {shown(value)}", at=where)
            return ()
    else:
        problems.add(f"{what} must be a list of strings, got {shown(value)}", at=where)
        return ()
    return tuple(s for s in (as_text(v) for v in items) if s)


def table(value: Any, key: str, problems: Problems, *, line: int | None = None) -> Mapping:
    """A TOML table at ``key`` (empty if absent), or an empty one after noting the problem.

    >>> found = Problems()
    >>> table("closed", "policy", found), found.messages
    ({}, ["[policy] must be a table, got 'closed'"])
    """
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return value
    problems.add(f"must be a table, got {shown(value)}", key=key, line=line)
    return {}


def tables(value: Any, key: str, problems: Problems) -> list[tuple[int, Mapping]]:
    """The tables of a TOML array of tables (``[[key]]``), each with its index.

    >>> found = Problems()
    >>> tables([{"id": "a"}, "b"], "place", found), found.messages
    ([(0, {'id': 'a'})], ["[place[1]] must be a table, got 'b'"])
    """
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(f"must be a list of tables ([[{key}]]), got {shown(value)}", key=key)
        return []
    out = []
    for i, item in enumerate(value):
        if isinstance(item, Mapping):
            out.append((i, item))
        else:
            problems.add(f"must be a table, got {shown(item)}", key=f"{key}[{i}]")
    return out


def unknown_keys(record: Mapping[str, Any], known: Collection[str], problems: Problems, *,
                 key: str = "", at: str | None = None, line: int | None = None) -> None:
    """Note every key of ``record`` that is not one of ``known`` (a typo, most likely),
    with the closest known keys. ``key`` is where the record is (``factions.red``).

    >>> found = Problems()
    >>> unknown_keys({"defualt_holder": "x", "id": "a"}, ("id", "default_holder"), found,
    ...              key="scenario")
    >>> found.messages
    ['[scenario.defualt_holder] unknown key; did you mean: default_holder?']
    """
    for name in record:
        if name in known:
            continue
        where = f"{key}.{name}" if key else str(name)
        problems.add(f"unknown key{closest(str(name), known)}", key=shown(where, 80).strip("'"),
                     at=at, line=line)


def closest(name: str, known: Collection[str]) -> str:
    """The closest of the ``known`` names to a misspelt one, as a "did you mean" (or the
    list of them all when none is close)."""
    close = difflib.get_close_matches(name, [str(k) for k in known], n=3, cutoff=0.6)
    return f"; did you mean: {', '.join(close)}?" if close else \
        f" (known: {', '.join(sorted(str(k) for k in known))})"


def shown(value: Any, limit: int = 60) -> str:
    """``repr`` of a bad value, cut short if it is long."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit - 3] + "..."


# ---------------------------------------------------------------- records

def place(record: Mapping[str, Any], where: str, problems: Problems, *,
          default_kind: str = "town", sep: str | None = ";") -> Place | None:
    """A :class:`~sim.model.Place` from a record's fields, or None after noting every problem.

    Fields: ``id`` (required), ``name`` (default: the id), ``lat`` and ``lon`` (degrees,
    required), ``kind`` (one of :data:`PLACE_KINDS`, default ``default_kind``), ``country`` (ISO
    code, upper-cased; empty if absent), ``governorate`` (a name, if known; blank is none unless
    ``sep`` is None, as in TOML), ``population`` (a whole number, if known), ``aliases`` (a
    list, or, where ``sep`` is given as in CSV, text separated by it) and ``coord_source``.

    >>> found = Problems()
    >>> place({"id": "hama", "lat": 35.13, "lon": 36.75, "kind": "city", "country": "sy",
    ...        "governorate": "Hama", "aliases": ["Hamah"]}, "[place[0]]", found)
    Place(id='hama', name='hama', lat=35.13, lon=36.75, kind='city', country='SY', \
population=None, aliases=('Hamah',), source='', governorate='Hama')
    >>> place({"id": "x", "kind": "hamlet"}, "[place[1]]", found)
    >>> found.messages
    ['[place[1]]: missing lat', '[place[1]]: missing lon', \
"[place[1]]: kind must be one of city, town, junction, crossing, port, airbase, got 'hamlet'"]
    """
    before = len(problems)
    pid = text(record.get("id"), "id", where, problems)
    if not pid and len(problems) == before:
        problems.add("missing id", at=where)
    name = text(record.get("name"), "name", where, problems) or pid
    lat = latitude(record.get("lat"), where, problems)
    lon = longitude(record.get("lon"), where, problems)
    kind = choice(record.get("kind"), "kind", PLACE_KINDS, where, problems, default=default_kind)
    code = country(record.get("country"), where, problems)
    region = governorate(record.get("governorate"), where, problems, blank=sep is not None)
    people = population(record.get("population"), where, problems)
    aliases = strings(record.get("aliases"), "aliases", where, problems, sep=sep)
    source = text(record.get("coord_source"), "coord_source", where, problems)
    if len(problems) > before or lat is None or lon is None or kind is None:
        return None
    return Place(pid, name, lat, lon, kind, code, people, aliases, source, region)


def road(record: Mapping[str, Any], where: str, problems: Problems, *,
         places: Container[str] | None = None, km: Any = _UNSET,
         default_class: str = "primary", sourced: bool = False) -> Road | None:
    """A :class:`~sim.model.Road` from a record's fields, or None after noting every problem.

    Fields: ``a`` and ``b`` (place ids; when ``places`` is given each must be
    one of them), ``km`` (positive), ``class`` (one of :data:`ROAD_CLASSES`,
    default ``default_class``), ``ref``, ``km_basis`` (``sourced`` or
    ``estimated``; absent: as ``sourced`` says) and ``note``. A reader that works
    the length out itself passes ``km`` (None if it could not, having said why).
    When ``places`` is a mapping of ids to themselves, the road's ends are its
    id strings (so a large theatre keeps one copy of each).

    >>> found = Problems()
    >>> road({"a": "homs", "b": "hama", "km": "46", "km_basis": "sourced"}, "line 2", found)
    Road(a='homs', b='hama', km=46.0, road_class='primary', ref='', sourced=True, note='')
    >>> road({"a": "homs", "b": "zed", "km": -3, "class": "trail"}, "line 3", found,
    ...      places={"homs", "hama"})
    >>> found.messages
    ["line 3: road names unknown place 'zed'", 'line 3: km must be positive, got -3', \
"line 3: class must be one of motorway, primary, secondary, mountain, desert, got 'trail'"]
    """
    before = len(problems)
    ends = _ends(record, where, problems, places)
    if km is _UNSET:
        km = positive(record.get("km"), "km", where, problems)
    if km is not None and km > MAX_KM:
        problems.add(f"km {km:g} is longer than the equator ({MAX_KM:,} km)", at=where)
        km = None
    cls = choice(record.get("class"), "class", ROAD_CLASSES, where, problems,
                 default=default_class)
    basis = choice(record.get("km_basis"), "km_basis", ("sourced", "estimated"), where, problems,
                   default="sourced" if sourced else "estimated")
    ref = text(record.get("ref"), "ref", where, problems)
    note = text(record.get("note"), "note", where, problems)
    if len(problems) > before or ends is None or km is None or cls is None:
        return None
    return Road(ends[0], ends[1], km, cls, ref, basis == "sourced", note)


def _ends(record: Mapping[str, Any], where: str, problems: Problems,
          places: Container[str] | None) -> tuple[str, str] | None:
    ends = []
    for label in ("a", "b"):
        end = text(record.get(label), label, where, problems)
        if not end:
            problems.add(f"missing road end {label}", at=where)
        elif places is not None and end not in places:
            problems.add(f"road names unknown place {end!r}", at=where)
        else:
            ends.append(places[end] if isinstance(places, Mapping) else end)
    if len(ends) < 2:
        return None
    if ends[0] == ends[1]:
        problems.add(f"road joins {ends[0]!r} to itself", at=where)
        return None
    return ends[0], ends[1]


def faction(record: Mapping[str, Any], where: str, problems: Problems) -> FactionInfo | None:
    """A faction's catalogue entry (:class:`~sim.model.FactionInfo`) from a record's fields.

    Fields: ``id`` (required), ``name`` (default: the id), ``colour``
    (``#rrggbb``), ``aliases`` (its names in documents), ``short`` and ``words`` (for ingest),
    and ``plural`` (true when the label is a plural noun, "Druze factions"; default false).

    >>> faction({"id": "sdf", "aliases": ["SDF"]}, "[faction[0]]", Problems())
    FactionInfo(id='sdf', name='sdf', colour='#888888', aliases=('SDF',), short='', words=(), \
plural=False)
    """
    before = len(problems)
    fid = text(record.get("id"), "id", where, problems)
    if not fid and len(problems) == before:
        problems.add("missing id", at=where)
    name = text(record.get("name"), "name", where, problems) or fid
    paint = colour(record.get("colour"), where, problems, default=DEFAULT_COLOUR)
    aliases = strings(record.get("aliases"), "aliases", where, problems, sep=None)
    short, words = (text(record.get("short"), "short", where, problems),
                    strings(record.get("words"), "words", where, problems, sep=None))
    plural = flag(record.get("plural"), "plural", where, problems)
    if len(problems) > before:
        return None
    return FactionInfo(fid, name, paint, aliases, short, words, plural)
