"""The timeline question: a campaign scenario day by day, as the command line asks it.

>>> import sim
>>> t = sim.timeline(sim.load("syria-2024-campaign"))  # doctest: +SKIP
>>> t.faction.id, t.days[0].date  # doctest: +SKIP
('government', '2024-11-27')
"""

from __future__ import annotations

from . import io
from .errors import InputError
from .results import TimelineAnswer
from .scenario import Scenario


def default_campaign(theatre: str | None = None) -> str:
    """The bundled campaign a timeline reads when none is named: the latest-dated
    bundled scenario that lists dated events (of ``theatre``, if given)."""
    found = []
    for path in io.list_scenarios():
        data = io.read_toml(path)
        head = data.get("scenario", {})
        if data.get("event") and (theatre is None or head.get("theatre") == theatre):
            found.append((str(head.get("date", "")), path.stem))
    if not found:
        raise InputError("no bundled scenario lists dated events: name a campaign scenario",
                         key="scenario")
    return max(found)[1]


def timeline(scenario: Scenario, *, faction: str | None = None) -> TimelineAnswer:
    """``scenario``'s dated changes of hands day by day, judged for ``faction`` (default:
    the owner of the first lifeline): each day's verdict, the lifelines cut or
    restored, the strongholds and people newly cut off, and the first cut of each
    lifeline with the change of hands that did it. A scenario without dated events
    is refused, naming the bundled campaign."""
    from .analysis.timeline import campaign_timeline
    from .api import default_faction, resolve_faction

    if not scenario.events:
        why = f"{scenario.id} lists no dated events ([[event]] tables)"
        try:
            why += f"; try {default_campaign(scenario.theatre.id)}"
        except InputError:
            pass
        raise InputError(why, key="scenario")
    fac = resolve_faction(scenario, faction) if faction is not None else default_faction(scenario)
    start = scenario.start or scenario.control
    value = campaign_timeline(scenario.theatre, start, scenario.events, fac, scenario.lifelines,
                              until=scenario.date)
    return TimelineAnswer(scenario, value)
