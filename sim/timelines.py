"""The timeline question: a campaign scenario day by day, as the command line asks it.

>>> import sim
>>> t = sim.timeline(sim.load("syria-2024-campaign"))
>>> t.faction.id, t.days[0].date
('government', '2024-11-27')
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

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


def require_events(scenario: Scenario) -> None:
    """Refuse a scenario without dated events, naming the bundled campaign to try."""
    if scenario.events:
        return
    why = f"{scenario.id} lists no dated events ([[event]] tables)"
    try:
        why += f"; try {default_campaign(scenario.theatre.id)}"
    except InputError:
        pass
    raise InputError(why, key="scenario")


def timeline(scenario: Scenario, *, faction: str | None = None,
             date: str | None = None) -> TimelineAnswer:
    """``scenario``'s dated changes of hands day by day, judged for ``faction`` (default:
    the owner of the first lifeline): each day's verdict, the lifelines cut or
    restored, the strongholds and people newly cut off, and the first cut of each
    lifeline with the change of hands that did it; with ``date`` (YYYY-MM-DD), the
    report speaks of that day only. A scenario without dated events is refused,
    naming the bundled campaign; so is a date outside the timeline."""
    from .analysis.timeline import campaign_timeline, day_after
    from .api import default_faction, resolve_faction

    require_events(scenario)
    fac = resolve_faction(scenario, faction) if faction is not None else default_faction(scenario)
    start = scenario.start or scenario.control
    began = start_date(scenario)
    value = campaign_timeline(scenario.theatre, start, scenario.events, fac, scenario.lifelines,
                              since=day_after(began) if began else None, until=scenario.date)
    if date is not None:
        date = _in_timeline(value, date)
    return TimelineAnswer(scenario, value, date)


def timeline_days(scenario: Scenario) -> list[str]:
    """The dates a timeline of ``scenario`` covers (none without dated events): from the
    day after the scenario it extends to its own date.

    >>> import sim
    >>> days = timeline_days(sim.load("syria-2024-campaign"))
    >>> days[0], days[-1], len(days)
    ('2024-11-27', '2024-12-08', 12)
    """
    from .analysis.timeline import day_after, timeline_dates

    began = start_date(scenario)
    return timeline_dates(scenario.events, since=day_after(began) if began else None,
                          until=scenario.date)


def _in_timeline(value, date) -> str:
    from . import campaign

    when = campaign.day(date, key="date")
    dates = [d.date for d in value.days]
    if when not in dates:
        raise InputError(f"{when} is not a day of the timeline, which runs from {dates[0]} "
                         f"to {dates[-1]}", key="date")
    return when


def on_date(scenario: Scenario, date: str) -> Scenario:
    """``scenario`` as it stood on ``date`` (YYYY-MM-DD): its control of that date
    (:meth:`~sim.scenario.Scenario.control_on`) and that date as its own.

    A campaign's dates run from its eve (the date of the scenario it starts from,
    :func:`start_date`: the control before any change of hands), or else from the
    date of its first event, to the scenario's own date. A scenario without dated
    events is refused, naming the bundled campaign; so is a date outside that range.

    >>> import sim
    >>> s = on_date(sim.load("syria-2024-campaign"), "2024-12-01")
    >>> s.date, s.control.holder("aleppo"), s.control.holder("homs")
    ('2024-12-01', 'opposition', 'government')
    """
    from . import campaign

    when = campaign.day(date, key="date")
    try:
        require_events(scenario)
    except InputError as exc:
        raise InputError(f"only a campaign scenario is asked on a date: {exc.message}",
                         key="date") from None
    eve = start_date(scenario)
    first = eve or min(e.date for e in scenario.events)
    if not first <= when <= scenario.date:
        since = f"{first} (its eve, before any change of hands)" if eve else first
        raise InputError(f"{when} is outside the campaign {scenario.id}, which runs from "
                         f"{since} to {scenario.date}", key="date")
    return replace(scenario, date=when, control=scenario.control_on(when))


def start_date(scenario: Scenario) -> str | None:
    """The date of the scenario a campaign starts from (the one it ``extends``), if it
    has one: the timeline's days begin the day after it.

    >>> import sim
    >>> start_date(sim.load("syria-2024-campaign"))
    '2024-11-26'
    """
    from .errors import SimError

    if not scenario.extends:
        return None
    here = Path(scenario.path).parent / f"{scenario.extends}.toml" if scenario.path else None
    try:
        path = here if here is not None and here.is_file() else io.find_scenario(scenario.extends)
        date = io.read_toml(path).get("scenario", {}).get("date")
    except SimError:
        return None
    return str(date) if date else None
