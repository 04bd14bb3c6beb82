"""A what-if's events from names, and whose lifelines it judges.

A fall is ``"PLACE"`` (to its holder's adversary) or ``"PLACE:FACTION"``; a road
``"A:B"`` or a pair; a country a name or an ISO code. Names resolve as on the
command line, with "did you mean" on a miss; a fall that would change nothing
is refused.

>>> import sim
>>> s = sim.load("syria-2024-12-06")
>>> events = make_events(s, fall=["Hims"], open_transit=["Lebanon"])
>>> events
(Fall(place='homs', faction='opposition'), OpenTransit(country='LB'))
>>> judged_faction(s, events).id
'government'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .control import Faction
from .errors import InputError
from .events import CloseTransit, Contest, CutRoad, Event, Fall, OpenRoad, OpenTransit
from .scenario import Scenario


def _pair(spec: str | Sequence[str], what: str, key: str) -> tuple[str, str]:
    if isinstance(spec, str):
        a, sep, b = spec.partition(":")
        if not sep:
            raise InputError(f"{what} is given as A:B, got {spec!r}", key=key)
        return a, b
    if len(spec) != 2:
        raise InputError(f"{what} is given as two names, got {spec!r}", key=key)
    return spec[0], spec[1]


def _fall(scenario: Scenario, spec: str | Sequence[str]) -> Fall:
    from .api import resolve_faction, resolve_place

    if isinstance(spec, str):
        place, _, captor = spec.partition(":")
    else:
        place, captor = _pair(spec, "a fall", "fall")
    pid = resolve_place(scenario, place)
    name = scenario.theatre.places[pid].name
    old = scenario.control.holder(pid)
    if captor and captor.strip():
        new = resolve_faction(scenario, captor).id
    elif old is None:
        raise InputError(f"nobody holds {name}; say who takes it, as {pid}:FACTION", key="fall")
    else:
        new = scenario.factions[old].adversary if old in scenario.factions else None
        if new is None:
            raise InputError(f"the scenario names no adversary for the "
                             f"{scenario.faction_label(old)}; say who takes {name}, as "
                             f"{pid}:FACTION", key="fall")
    if old == new and not scenario.control.is_contested(pid):
        raise InputError(f"{name} is already held by the {scenario.faction_label(new)}",
                         key="fall")
    return Fall(pid, new)


def _road(scenario: Scenario, spec, key: str) -> tuple[str, str]:
    from .api import resolve_place

    a, b = _pair(spec, "a road", key)
    th = scenario.theatre
    pa, pb = resolve_place(scenario, a), resolve_place(scenario, b)
    if not th.graph.has_edge(pa, pb):
        near = ", ".join(th.places[p].name for p in sorted(th.graph[pa]))
        raise InputError(f"no road joins {pa} and {pb}; the roads from {th.places[pa].name} "
                         f"lead to {near or 'no place'}", key=key)
    return pa, pb


def _listed(value: str | Iterable) -> list:
    """One name, or many, as a list."""
    return [value] if isinstance(value, str) else list(value)


def make_events(scenario: Scenario, *, fall: Iterable = (), contest: Iterable[str] = (),
                cut_road: Iterable = (), open_road: Iterable = (),
                open_transit: Iterable[str] = (), close_transit: Iterable[str] = ()
                ) -> tuple[Event, ...]:
    """Events from names, in this order: falls, contests, cut roads, reopened roads,
    transit opened and closed.

    A fall is ``"PLACE"`` (it falls to its holder's adversary) or
    ``"PLACE:FACTION"`` (or a pair); a fall that would change nothing is
    refused. A road is ``"A:B"`` or a pair of names; a country a name or code.

    >>> import sim
    >>> sim.make_events(sim.load(), fall=["homs"], cut_road=["homs:talbiseh"])
    (Fall(place='homs', faction='opposition'), CutRoad(a='homs', b='talbiseh'))
    """
    from .api import resolve_country, resolve_place

    events: list[Event] = [_fall(scenario, spec) for spec in _listed(fall)]
    events += [Contest(resolve_place(scenario, p)) for p in _listed(contest)]
    events += [CutRoad(*_road(scenario, s, "cut_road")) for s in _listed(cut_road)]
    events += [OpenRoad(*_road(scenario, s, "open_road")) for s in _listed(open_road)]
    events += [OpenTransit(resolve_country(scenario, c)) for c in _listed(open_transit)]
    events += [CloseTransit(resolve_country(scenario, c)) for c in _listed(close_transit)]
    return tuple(events)


def judged_faction(scenario: Scenario, events: Sequence[Event],
                   faction: str | None = None) -> Faction:
    """Whose lifelines a what-if judges: ``faction`` if named, else the holder of the
    first place that falls, else of the first contested one, else the owner of the
    first lifeline."""
    from .api import resolve_faction

    if faction is not None:
        return resolve_faction(scenario, faction)
    ctl = scenario.control
    fid = next((ctl.holder(e.place) for e in events if isinstance(e, Fall)), None)
    fid = fid or next((ctl.holder(e.place) for e in events if isinstance(e, Contest)), None)
    fid = fid or next((ll.faction for ll in scenario.lifelines), None)
    if fid is None or fid not in scenario.factions:
        raise InputError("say whose lifelines to judge: name a faction", key="faction")
    return scenario.factions[fid]
