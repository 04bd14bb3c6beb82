"""Timelines: a campaign's dated changes of hands, day by day, for one faction.

A *campaign* is a start control and a list of dated changes of hands
(:class:`~sim.campaign.CampaignEvent`). Its *timeline* for a faction assesses
the faction on every day from the first change to the last date, and says of
each day what its changes did (a :class:`~sim.analysis.change.Change` from the
day before), and of each lifeline the first day it stopped being connected and
the change of hands that did it: the day's changes are applied one at a time,
in their order, and the *breaker* is the first after which the lifeline had no
route (or lost its source or every target).

>>> from sim.campaign import CampaignEvent
>>> from sim.control import Control, Faction, Lifeline
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.upper(), 0, n, population=1000) for n, i in enumerate("abcd")],
...     [Road("a", "b", 100), Road("b", "c", 100), Road("c", "d", 100)])
>>> gov = Faction("gov", adversary="reb", capital="a", strongholds=("a", "d"))
>>> events = [CampaignEvent("2024-12-02", "c", "reb"), CampaignEvent("2024-12-02", "b", "reb")]
>>> tl = campaign_timeline(t, Control.of(dict.fromkeys("abcd", "gov")), events, gov,
...                        [Lifeline("A - D", "gov", "a", ("d",))], until="2024-12-03")
>>> [d.date for d in tl.days], tl.days[0].change.strongholds_cut_off
(['2024-12-02', '2024-12-03'], ('d',))
>>> tl.first_breaks["A - D"].event.place, tl.first_breaks["A - D"].status
('c', 'cut')
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from ..campaign import CampaignEvent
from ..control import Control, Faction, Lifeline
from ..model import Theatre
from .change import Change, describe_change
from .lifelines import lifeline_status
from .pockets import pockets
from .whatif import Assessment, assess


@dataclass(frozen=True)
class Break:
    """The first time a lifeline stopped being connected: the ``date``, the ``status``
    it took (``cut``, ``source-lost`` or ``target-lost``), and the change of hands
    after which it had no route (``event``)."""

    lifeline: str
    date: str
    status: str
    event: CampaignEvent
    #: The control just before ``event`` (to word the change it made).
    before: Control | None = field(default=None, compare=False, repr=False)

    def as_json(self) -> dict:
        return {"lifeline": self.lifeline, "date": self.date, "status": self.status,
                "event": self.event.as_json()}


@dataclass(frozen=True)
class Day:
    """One day of a timeline: its changes of hands (``events``, in their order), the
    control and the faction's assessment at the end of it, what the day changed
    for the faction (``change``, against the day before), and the lifelines that
    stopped being connected that day (``breaks``)."""

    date: str
    events: tuple[CampaignEvent, ...]
    control: Control
    assessment: Assessment
    change: Change
    breaks: tuple[Break, ...] = ()
    control_before: Control | None = None

    @property
    def quiet(self) -> bool:
        """No change of hands on this day."""
        return not self.events


@dataclass(frozen=True)
class Timeline:
    """A faction's timeline: the start (the control before the first change), and each
    day from the first change to the last date."""

    faction: Faction
    start_control: Control
    start: Assessment
    days: tuple[Day, ...]

    @cached_property
    def first_breaks(self) -> Mapping[str, Break]:
        """Each lifeline that stopped being connected, with the first time it did (in
        the order of the faction's lifelines)."""
        first: dict[str, Break] = {}
        for day in self.days:
            for b in day.breaks:
                first.setdefault(b.lifeline, b)
        order = [s.lifeline.name for s in self.start.lifelines]
        return MappingProxyType({name: first[name] for name in order if name in first})

    def day(self, date: str) -> Day:
        for d in self.days:
            if d.date == date:
                return d
        raise KeyError(date)


def days_between(first: str, last: str) -> list[str]:
    """Every date from ``first`` to ``last`` (YYYY-MM-DD), both included.

    >>> days_between("2024-11-30", "2024-12-02")
    ['2024-11-30', '2024-12-01', '2024-12-02']
    """
    start, end = _dt.date.fromisoformat(first), _dt.date.fromisoformat(last)
    return [(start + _dt.timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def day_after(date: str, days: int = 1) -> str:
    """The date ``days`` after ``date`` (YYYY-MM-DD; negative: before).

    >>> day_after("2024-11-30"), day_after("2024-12-01", -1)
    ('2024-12-01', '2024-11-30')
    """
    return (_dt.date.fromisoformat(date) + _dt.timedelta(days=days)).isoformat()


def timeline_dates(events: Sequence[CampaignEvent], *, since: str | None = None,
                   until: str | None = None) -> list[str]:
    """The dates a timeline of ``events`` covers: every day from ``since`` (default, and
    at the latest: the first event's date) to ``until`` (default, and at the earliest:
    the last event's date); none without events.

    >>> from sim.campaign import CampaignEvent
    >>> timeline_dates([CampaignEvent("2024-12-02", "c", "reb")], until="2024-12-03")
    ['2024-12-02', '2024-12-03']
    """
    dates = sorted(e.date for e in events)
    if not dates:
        return []
    return days_between(min(since or dates[0], dates[0]), max(until or dates[-1], dates[-1]))


def _step(control: Control, event: CampaignEvent) -> Control:
    return control.with_holding(event.place, event.holding())


def _breaks(theatre: Theatre, control: Control, events: Sequence[CampaignEvent],
            faction: Faction, lifelines: Sequence[Lifeline], broken: Sequence[Lifeline],
            date: str) -> tuple[Break, ...]:
    """For each lifeline in ``broken`` (connected before the day, not after it), the
    first of the day's changes after which it was not connected."""
    out = []
    pending = list(broken)
    for event in events:
        before, control = control, _step(control, event)
        still = []
        for ll in pending:
            status = lifeline_status(theatre, control, ll, faction.side).status
            if status == "connected":
                still.append(ll)
            else:
                out.append(Break(ll.name, date, status, event, before))
        pending = still
        if not pending:
            break
    order = {ll.name: i for i, ll in enumerate(lifelines)}
    return tuple(sorted(out, key=lambda b: order[b.lifeline]))


def campaign_timeline(theatre: Theatre, start: Control, events: Sequence[CampaignEvent],
                      faction: Faction, lifelines: Sequence[Lifeline], *,
                      since: str | None = None, until: str | None = None) -> Timeline:
    """The timeline of ``events`` applied to ``start``, for ``faction`` (its own
    ``lifelines``), day by day from ``since`` (default, and at the latest: the first
    event's date) to ``until`` (default, and at the earliest: the last event's date).
    Events of one date apply in their given order."""
    ordered = sorted(events, key=lambda e: e.date)
    own = [ll for ll in lifelines if ll.faction == faction.id]
    first = assess(theatre, start, faction, own)
    if not ordered:
        return Timeline(faction, start, first, ())
    by_date: dict[str, list[CampaignEvent]] = {}
    for event in ordered:
        by_date.setdefault(event.date, []).append(event)
    control, before = start, first
    days = []
    for date in timeline_dates(ordered, since=since, until=until):
        todays = tuple(by_date.get(date, ()))
        after_control = control
        for event in todays:
            after_control = _step(after_control, event)
        after = (assess(theatre, after_control, faction, own) if todays else before)
        change = describe_change(theatre, faction, control, after_control, before, after)
        broken = [s.lifeline for s, b in zip(after.lifelines, before.lifelines)
                  if b.status == "connected" and s.status != "connected"]
        breaks = _breaks(theatre, control, todays, faction, own, broken, date) if broken else ()
        days.append(Day(date, todays, after_control, after, change, breaks, control))
        control, before = after_control, after
    return Timeline(faction, start, first, tuple(days))


@dataclass(frozen=True)
class Standing:
    """One faction on one date: the places it holds and the people of its main pocket
    (the pocket that holds its capital; 0 when it has none)."""

    faction: str
    places: int
    main_people: int
    main_unknown: int


def standings(theatre: Theatre, control: Control,
              factions: Mapping[str, Faction]) -> tuple[Standing, ...]:
    """Every faction's :class:`Standing` under ``control``, in the order of ``factions``.

    >>> from sim.model import Place, Road, Theatre
    >>> t = Theatre.build("toy", "Toy", "SY",
    ...     [Place(i, i.upper(), 0, n, population=10) for n, i in enumerate("abc")],
    ...     [Road("a", "b", 100), Road("b", "c", 100)])
    >>> ctl = Control.of({"a": "gov", "b": "gov", "c": "reb"})
    >>> [(s.faction, s.places, s.main_people) for s in standings(t, ctl,
    ...     {"gov": Faction("gov", capital="a"), "reb": Faction("reb")})]
    [('gov', 2, 20), ('reb', 1, 0)]
    """
    out = []
    for fid, faction in factions.items():
        held = len(control.places_of(fid))
        main = next((p for p in pockets(theatre, control, faction) if p.main), None)
        out.append(Standing(fid, held, main.population if main else 0,
                            main.unknown if main else 0))
    return tuple(out)
