"""What-if: apply events and compare a faction's situation before and after.

An :class:`Assessment` is everything the simulator says about one faction
under one control: its pockets, each lifeline's status and route, each
lifeline's chokepoints, and each stronghold's state (``connected`` to the
capital, ``cut-off`` when held but not in the capital's pocket, or ``lost``
when neither the faction nor an ally holds it). :func:`what_if` makes
one before and one after the events and keeps both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from ..control import Control, Faction, Lifeline
from ..events import Event, apply_events, check_events
from ..model import Theatre
from .change import Change, describe_change
from .chokepoints import separating_places
from .lifelines import LifelineStatus, lifeline_status
from .passable import passable_graph
from .pockets import Pocket, pockets
from .size import use_arrays

STRONGHOLD_STATES = ("connected", "cut-off", "lost")


@dataclass(frozen=True)
class Assessment:
    """A faction's pockets, lifelines, chokepoints and strongholds under one control."""

    faction: Faction
    pockets: tuple[Pocket, ...]
    lifelines: tuple[LifelineStatus, ...]
    chokepoints: Mapping[str, tuple[str, ...]]
    strongholds: Mapping[str, str]
    #: The passable graph the array engine assessed (None on the networkx path).
    graph: object = field(default=None, compare=False, repr=False)

    def lifeline(self, name: str) -> LifelineStatus:
        for status in self.lifelines:
            if status.lifeline.name == name:
                return status
        raise KeyError(name)

    def pocket_of(self, place: str) -> Pocket | None:
        for pocket in self.pockets:
            if place in pocket.places:
                return pocket
        return None

    @property
    def main_pocket(self) -> Pocket | None:
        return self.pockets[0] if self.pockets and self.pockets[0].main else None


def assess(theatre: Theatre, control: Control, faction: Faction,
           lifelines: Sequence[Lifeline], prior: Assessment | None = None) -> Assessment:
    """Assess ``faction`` (its own ``lifelines`` only) under ``control``.

    ``prior``, an assessment of the same faction under another control, may save
    work: a route it found that is still whole in a graph it contains is still
    shortest. The answer is the same with it or without.

    >>> from sim.model import Place, Road, Theatre
    >>> from sim.control import Control, Faction, Lifeline
    >>> t = Theatre.build("toy", "Toy", "SY",
    ...     [Place(i, i.upper(), 0, n) for n, i in enumerate("abc")],
    ...     [Road("a", "b", 120), Road("b", "c", 120)])
    >>> gov = Faction("gov", capital="a", strongholds=("a", "c"))
    >>> a = assess(t, Control.of(dict.fromkeys("abc", "gov")), gov, [Lifeline("A - C", "gov", "a", ("c",))])
    >>> a.chokepoints["A - C"], a.strongholds["c"]
    (('b',), 'connected')
    """
    if use_arrays(theatre):
        from .engine import assess_arrays
        return assess_arrays(theatre, control, faction, lifelines, prior)
    view = passable_graph(theatre, control, faction.side)
    own = [ll for ll in lifelines if ll.faction == faction.id]
    statuses = tuple(lifeline_status(theatre, control, ll, faction.side, view) for ll in own)
    chokes = {ll.name: separating_places(view, ll.source, ll.targets) for ll in own}
    pocket_list = tuple(pockets(theatre, control, faction))
    main = pocket_list[0] if pocket_list and pocket_list[0].main else None
    states = {}
    held = set(control.held_strongholds(faction))
    for place in faction.strongholds:
        if place not in held:
            states[place] = "lost"
        elif main is not None and place in main.places:
            states[place] = "connected"
        else:
            states[place] = "cut-off"
    return Assessment(faction, pocket_list, statuses, MappingProxyType(chokes),
                      MappingProxyType(dict(sorted(states.items()))))


def restoring_roads(theatre: Theatre, control: Control, lifeline: Lifeline,
                    side) -> tuple[tuple[tuple[str, str], LifelineStatus], ...]:
    """The cut roads whose reopening alone would reconnect a cut lifeline, each with
    the lifeline's status once it is reopened (shortest first).

    >>> from sim.model import Place, Road, Theatre
    >>> t = Theatre.build("toy", "Toy", "SY",
    ...     [Place(i, i.upper(), 0, n) for n, i in enumerate("abc")],
    ...     [Road("a", "b", 120), Road("b", "c", 120)])
    >>> c = Control.of(dict.fromkeys("abc", "gov")).with_road("b", "c", cut=True)
    >>> [(key, s.route.km) for key, s in restoring_roads(t, c, Lifeline("A - C", "gov", "a", ("c",)), {"gov"})]
    [(('b', 'c'), 240.0)]
    """
    if lifeline_status(theatre, control, lifeline, side).status != "cut":
        return ()
    found = []
    for key in sorted(control.cut_roads):
        status = lifeline_status(theatre, control.with_road(*key, cut=False), lifeline, side)
        if status.status == "connected":
            found.append((key, status))
    return tuple(sorted(found, key=lambda f: (f[1].route.km, f[0])))


@dataclass(frozen=True)
class WhatIf:
    """A faction's assessment before and after a list of events.

    ``restorers`` maps each lifeline cut after the events to the cut roads whose
    reopening alone would reconnect it. ``change`` is the one description of
    what the events did (:class:`~sim.analysis.change.Change`), from which
    every sentence about them is written.
    """

    faction: Faction
    events: tuple[Event, ...]
    before: Assessment
    after: Assessment
    control_after: Control
    restorers: Mapping[str, tuple] = field(default_factory=dict)
    change: Change | None = None
    control_before: Control | None = None

    @property
    def newly_cut_off(self) -> tuple[str, ...]:
        """Strongholds joined to the capital before, still held, but cut off after the events."""
        return self.change.strongholds_cut_off

    @property
    def newly_lost(self) -> tuple[str, ...]:
        """Strongholds the faction held before and no longer holds after the events."""
        return self.change.strongholds_lost

    def changes(self) -> list[tuple[LifelineStatus, LifelineStatus]]:
        """(before, after) pairs of lifelines whose status or length changed."""
        out = []
        for b, a in zip(self.before.lifelines, self.after.lifelines):
            km_b = b.route.km if b.route else None
            km_a = a.route.km if a.route else None
            if b.status != a.status or km_b != km_a:
                out.append((b, a))
        return out


def what_if(theatre: Theatre, control: Control, faction: Faction, lifelines: Sequence[Lifeline],
            events: Sequence[Event]) -> WhatIf:
    """Apply ``events`` to ``control`` and assess ``faction`` before and after.

    Events name places by id; an id the theatre lacks (a name such as ``"Hims"``)
    is refused with the closest ids, never added as a new holding.
    """
    check_events(theatre, events)
    after_control = apply_events(control, events)
    before = assess(theatre, control, faction, lifelines)
    after = assess(theatre, after_control, faction, lifelines, before)
    restorers = {s.lifeline.name: restoring_roads(theatre, after_control, s.lifeline, faction.side)
                 for s in after.lifelines if s.status == "cut" and after_control.cut_roads}
    change = describe_change(theatre, faction, control, after_control, before, after)
    return WhatIf(faction, tuple(events), before, after, after_control,
                  MappingProxyType({k: v for k, v in restorers.items() if v}), change, control)
