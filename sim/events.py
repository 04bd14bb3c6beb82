"""What-if events: a place falls, becomes contested, a road is cut or reopened,
a foreign border opens or closes for transit.

Applying events returns a new :class:`~sim.control.Control`; the old one is
unchanged. *Capture is a flip, not a deletion*: the place stays in the graph
with a new holder, so both sides' pockets change.

>>> from sim.control import Control
>>> c = Control.of({"homs": "government"})
>>> after = apply_events(c, [Fall("homs", "opposition")])
>>> after.holder("homs"), c.holder("homs")
('opposition', 'government')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Union

from .control import Control, Holding


@dataclass(frozen=True)
class Fall:
    """``place`` falls to ``faction`` (which then holds it firmly)."""

    place: str
    faction: str

    def apply(self, control: Control) -> Control:
        return control.with_holding(self.place, Holding(self.faction, "held", fact="what-if"))

    def as_json(self) -> dict:
        return {"type": "fall", "place": self.place, "faction": self.faction}


@dataclass(frozen=True)
class Contest:
    """``place`` becomes contested; its holder is unchanged."""

    place: str

    def apply(self, control: Control) -> Control:
        old = control.holdings.get(self.place)
        if old is None:
            return control
        return control.with_holding(self.place, Holding(old.faction, "contested", old.source,
                                                        old.fact, old.date))

    def as_json(self) -> dict:
        return {"type": "contest", "place": self.place}


@dataclass(frozen=True)
class CutRoad:
    """The road between ``a`` and ``b`` is cut (cratered, blown, closed)."""

    a: str
    b: str

    def apply(self, control: Control) -> Control:
        return control.with_road(self.a, self.b, cut=True)

    def as_json(self) -> dict:
        return {"type": "cut-road", "road": [self.a, self.b]}


@dataclass(frozen=True)
class OpenRoad:
    """The road between ``a`` and ``b`` is reopened."""

    a: str
    b: str

    def apply(self, control: Control) -> Control:
        return control.with_road(self.a, self.b, cut=False)

    def as_json(self) -> dict:
        return {"type": "open-road", "road": [self.a, self.b]}


@dataclass(frozen=True)
class OpenTransit:
    """Transit through foreign ``country`` (ISO alpha-2) is allowed."""

    country: str

    def apply(self, control: Control) -> Control:
        return control.with_transit(self.country, open_=True)

    def as_json(self) -> dict:
        return {"type": "open-transit", "country": self.country}


@dataclass(frozen=True)
class CloseTransit:
    """Transit through foreign ``country`` is refused."""

    country: str

    def apply(self, control: Control) -> Control:
        return control.with_transit(self.country, open_=False)

    def as_json(self) -> dict:
        return {"type": "close-transit", "country": self.country}


Event = Union[Fall, Contest, CutRoad, OpenRoad, OpenTransit, CloseTransit]


def check_events(theatre, events: Iterable[Event]) -> None:
    """Refuse events that name what ``theatre`` lacks: a place or faction id it does not
    know, or a road it does not have. (Transit through a country with no place in the
    theatre is allowed: it changes nothing.)

    >>> from sim.model import Place, Road, Theatre
    >>> t = Theatre.build("toy", "Toy", "SY", [Place("a", "A", 0, 0), Place("b", "B", 0, 1)],
    ...                   [Road("a", "b", 120)])
    >>> check_events(t, [Fall("A", "red")])
    Traceback (most recent call last):
    ...
    sim.errors.UnknownNameError: unknown place id 'A'; did you mean: a?
    """
    from .errors import InputError

    for event in events:
        if isinstance(event, (Fall, Contest)):
            theatre.require(event.place)
        if isinstance(event, Fall):
            theatre.require_faction(event.faction)
        elif isinstance(event, (CutRoad, OpenRoad)):
            theatre.require(event.a, event.b)
            if not theatre.graph.has_edge(event.a, event.b):
                raise InputError(f"no road joins {event.a} and {event.b}")


def apply_events(control: Control, events: Iterable[Event]) -> Control:
    """Apply ``events`` in order and return the resulting control."""
    for event in events:
        control = event.apply(control)
    return control
