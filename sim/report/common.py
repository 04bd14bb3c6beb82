"""What every report shares: place names, statuses, pockets, the scenario member, JSON text.

Every sentence comes from :mod:`sim.report.words`; these wrappers take the
scenario and name its places.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..analysis import LifelineStatus, Route
from ..events import Event
from ..scenario import Scenario
from . import words
from .words import km, people_words


def name_of(scenario: Scenario, place: str) -> str:
    return scenario.theatre.places[place].name


def describe_events(scenario: Scenario, events: Sequence[Event]) -> str:
    """All events as one clause: "Homs and Qusayr fall to the opposition"."""
    return words.describe_events(words.Namer(scenario), events)


def via(scenario: Scenario, route: Route, limit: int = 4, *, instead_of: Route | None = None) -> str:
    return words.via(words.Namer(scenario), route, limit, instead_of=instead_of)


def status_text(scenario: Scenario, s: LifelineStatus) -> str:
    if s.status == "connected" and s.route:
        how = via(scenario, s.route)
        return f"connected, {km(s.route.km)} to {name_of(scenario, s.route.target)}" + (
            f" via {how}" if how else "")
    return status_words(s.status)


#: A lifeline status in words (glossary: connected, cut, lost), as the explorer page too
#: prints it.
STATUS_WORDS = {"connected": "connected", "cut": "cut", "source-lost": "lost (source not held)",
                "target-lost": "lost (no target held)"}


def status_words(status: str) -> str:
    """A lifeline status as text reports print it: :data:`STATUS_WORDS`, with "CUT" in
    capitals to stand out in a column."""
    return "CUT" if status == "cut" else STATUS_WORDS[status]


def pocket_tag(pocket) -> str:
    """ "main", "cut off" (holds a stronghold) or "isolated" (holds none)."""
    return "main" if pocket.main else "cut off" if pocket.strongholds else "isolated"


def pocket_size(scenario: Scenario, pocket) -> str:
    """ "13 places, about 1.36 million people" (foreign places are crossed, not counted)."""
    size = words.count(len(pocket.places), "place")
    if pocket.abroad:
        size += f" ({pocket.abroad} abroad)"
    if not pocket.population:
        return size + (", population unknown" if pocket.unknown else "")
    return f"{size}, {people_words(pocket.population, pocket.unknown)}"


POCKET_KEY = "main: joined to the capital; cut off: holds a stronghold; isolated: holds none"


def names(scenario: Scenario, places, limit: int | None = 12) -> str:
    """Place names as a list, the first ``limit`` of them and a count of the rest."""
    return words.Namer(scenario).places(list(places), limit=limit)


def people(known: int, unknown: int) -> str:
    """People for a report line: "about 1.40 million people", or "population unknown"."""
    return people_words(known, unknown) if known else "population unknown"


def pocket_line(scenario: Scenario, pocket, limit: int = 8) -> str:
    shown = ", ".join(name_of(scenario, p) for p in pocket.places[:limit])
    rest = len(pocket.places) - limit
    return f"{pocket_size(scenario, pocket)}: {shown}" + (f" and {rest:,} more" if rest > 0 else "")


#: A report on a theatre of more places than this summarises: the largest pockets, the
#: first names of each list and counts of the rest, instead of a million names
#: (``--json`` stays complete).
SUMMARY_ABOVE = 20_000
#: How many pockets, and how many names of a list, a summarising report prints.
POCKETS_SHOWN, NAMES_SHOWN = 10, 12


def summarising(scenario: Scenario) -> bool:
    """Whether reports on ``scenario`` summarise (its theatre has over :data:`SUMMARY_ABOVE`
    places)."""
    return len(scenario.theatre.places) > SUMMARY_ABOVE


def names_limit(scenario: Scenario) -> int | None:
    """How many names of a list a report prints: all of them, unless it summarises."""
    return NAMES_SHOWN if summarising(scenario) else None


def listed(scenario: Scenario, places: Sequence[str]) -> str:
    """Place names separated by commas: all of them, or when the report summarises the
    first :data:`NAMES_SHOWN` and a count of the rest ("and 98,286 other places")."""
    limit = names_limit(scenario)
    if limit is None or len(places) <= limit:
        return ", ".join(name_of(scenario, p) for p in places)
    return (", ".join(name_of(scenario, p) for p in places[:limit])
            + f" and {words.count(len(places) - limit, 'other place')}")


def pocket_lines(scenario: Scenario, pockets: Sequence, prefix: str) -> list[str]:
    """One line a pocket (``prefix`` formatted with its number), the largest
    :data:`POCKETS_SHOWN` only when the report summarises, then one line for the rest."""
    shown = pockets[:POCKETS_SHOWN] if summarising(scenario) else pockets
    out = [f"{prefix.format(i)} [{pocket_tag(p)}] {pocket_line(scenario, p)}"
           for i, p in enumerate(shown, 1)]
    rest = pockets[len(shown):]
    if rest:
        places = sum(len(p.places) for p in rest)
        known, unknown = sum(p.population for p in rest), sum(p.unknown for p in rest)
        out.append(f"  and {words.count(len(rest), 'more pocket')}: "
                   f"{words.count(places, 'place')}, {people(known, unknown)}")
    return out


def scenario_json(scenario: Scenario) -> dict[str, Any]:
    """The ``scenario`` member every JSON document carries."""
    return {"id": scenario.id, "title": scenario.title, "date": scenario.date,
            "theatre": scenario.theatre.id}


def dumps(doc: Any) -> str:
    """Stable JSON text: sorted keys, two-space indent, trailing newline."""
    return "".join(json_chunks(doc))


def json_chunks(doc: Any):
    """:func:`dumps` in pieces, to write as they come (:mod:`~sim.report.jsonstream`)."""
    from .jsonstream import chunks
    yield from chunks(doc)
    yield "\n"
