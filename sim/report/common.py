"""What every report shares: place names, statuses, pockets, the scenario member, JSON text.

Every sentence comes from :mod:`sim.report.words`; these wrappers take the
scenario and name its places.
"""

from __future__ import annotations

import json
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
    names = [name_of(scenario, p) for p in pocket.places]
    shown = ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")
    return f"{pocket_size(scenario, pocket)}: {shown}"


def scenario_json(scenario: Scenario) -> dict[str, Any]:
    """The ``scenario`` member every JSON document carries."""
    return {"id": scenario.id, "title": scenario.title, "date": scenario.date,
            "theatre": scenario.theatre.id}


def dumps(doc: Any) -> str:
    """Stable JSON text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
