"""Control: who holds each place, which roads are cut, which borders are open.

:class:`Control` is an immutable value. Events (:mod:`sim.events`) never
change it; they return a new one. Every :class:`Holding` keeps the provenance
of the claim it rests on (source, the fact in the project's words, date).

>>> c = Control.of({"homs": "government", "hama": "opposition"})
>>> c.holder("homs")
'government'
>>> c2 = c.with_holder("homs", "opposition")
>>> c.holder("homs"), c2.holder("homs")
('government', 'opposition')
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Iterable, Mapping

from .model import road_key

STATUSES = ("held", "contested", "besieged")
#: The statuses of a place fought over (:meth:`Control.is_contested`).
FOUGHT_OVER = ("contested", "besieged")
CONTESTED_POLICIES = ("holder", "closed")


@dataclass(frozen=True, slots=True)
class Holding:
    """Who holds one place, how firmly, and on what evidence."""

    faction: str
    status: str = "held"
    source: str = ""
    fact: str = ""
    date: str = ""


@dataclass(frozen=True)
class Control:
    """The state of the map: holdings, cut roads, open foreign transit, contested policy.

    ``contested`` is the scenario's policy for contested places: ``"holder"``
    (passable for the holder and its allies, the default) or ``"closed"``
    (passable for nobody). Foreign places nobody holds are passable only when
    their country is in ``open_transit``, or when a faction of the side
    judged has a standing right to cross it (``transit_rights``: faction id ->
    country codes, such as the Turkish-backed SNA through Turkey).
    """

    holdings: Mapping[str, Holding] = field(default_factory=dict)
    cut_roads: frozenset[tuple[str, str]] = frozenset()
    open_transit: frozenset[str] = frozenset()
    contested: str = "holder"
    transit_rights: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, holders: Mapping[str, str], **kw) -> "Control":
        """A control from a plain place -> faction mapping (for examples and tests)."""
        return cls(MappingProxyType({p: Holding(f) for p, f in sorted(holders.items())}), **kw)

    def holder(self, place: str) -> str | None:
        """The faction holding ``place``, or None (foreign or unheld)."""
        h = self.holdings.get(place)
        return h.faction if h else None

    def status(self, place: str) -> str | None:
        h = self.holdings.get(place)
        return h.status if h else None

    def is_contested(self, place: str) -> bool:
        return self.status(place) in FOUGHT_OVER

    def with_holding(self, place: str, holding: Holding) -> "Control":
        if _arrays(self.holdings):
            return replace(self, holdings=self.holdings.with_item(place, holding))
        new = dict(self.holdings)
        known = place in new
        new[place] = holding
        if not known:  # a new key: restore the sorted order
            new = {k: new[k] for k in sorted(new)}
        return replace(self, holdings=MappingProxyType(new))

    def with_holder(self, place: str, faction: str, **kw) -> "Control":
        return self.with_holding(place, Holding(faction, **kw))

    def with_road(self, a: str, b: str, cut: bool) -> "Control":
        key = road_key(a, b)
        roads = self.cut_roads | {key} if cut else self.cut_roads - {key}
        return replace(self, cut_roads=frozenset(roads))

    def with_transit(self, country: str, open_: bool) -> "Control":
        countries = self.open_transit | {country} if open_ else self.open_transit - {country}
        return replace(self, open_transit=frozenset(countries))

    def held_strongholds(self, faction: "Faction") -> tuple[str, ...]:
        """The faction's strongholds that it or an ally still holds (the others are lost).

        >>> gov = Faction("gov", frozenset({"ally"}), strongholds=("a", "b", "c"))
        >>> Control.of({"a": "gov", "b": "ally", "c": "reb"}).held_strongholds(gov)
        ('a', 'b')
        """
        return tuple(p for p in dict.fromkeys(faction.strongholds)
                     if self.holder(p) in faction.side)

    def transit_for(self, side: Iterable[str]) -> frozenset[str]:
        """The foreign countries open to ``side``: open to all, or by a right of one of its factions.

        >>> c = Control(open_transit=frozenset({"LB"}), transit_rights={"sna": frozenset({"TR"})})
        >>> sorted(c.transit_for({"sna"})), sorted(c.transit_for({"sdf"}))
        (['LB', 'TR'], ['LB'])
        """
        rights = [self.transit_rights[f] for f in side if f in self.transit_rights]
        return self.open_transit.union(*rights) if rights else self.open_transit

    def contested_places(self, faction: str) -> list[str]:
        """Sorted ids of the places ``faction`` holds as contested (or besieged)."""
        if _arrays(self.holdings):
            return self.holdings.contested_of(faction)  # type: ignore[attr-defined]
        return sorted(p for p, h in self.holdings.items()
                      if h.faction == faction and h.status != "held")

    def places_of(self, faction: str) -> list[str]:
        """Sorted ids of the places ``faction`` holds."""
        if _arrays(self.holdings):
            return self.holdings.places_of(faction)
        return sorted(p for p, h in self.holdings.items() if h.faction == faction)


@dataclass(frozen=True)
class Faction:
    """A faction's role in a scenario: allies, main adversary, capital, strongholds.

    *Strongholds* are the places the faction must keep connected to its
    capital; one in a pocket apart from the capital's is *cut off*.
    """

    id: str
    allies: frozenset[str] = frozenset()
    adversary: str | None = None
    capital: str | None = None
    strongholds: tuple[str, ...] = ()

    @property
    def side(self) -> frozenset[str]:
        """The faction and its allies: whose places it may pass through."""
        return self.allies | {self.id}


@dataclass(frozen=True)
class Lifeline:
    """A named requirement: a passable route from ``source`` to any of ``targets``.

    ``label`` names the target end in sentences ("the coast"); without one,
    the part of the name after " - " does, or else the targets' names joined
    with "or" (the targets are alternatives: any one of them will do).
    """

    name: str
    faction: str
    source: str
    targets: tuple[str, ...]
    label: str = ""

    @property
    def target_label(self) -> str:
        if self.label:
            return self.label
        parts = self.name.split(" - ", 1)
        return parts[1] if len(parts) == 2 else ""


def sorted_ids(ids: Iterable[str]) -> list[str]:
    return sorted(set(ids))


# ---------------------------------------------------------------- holdings being read
# A theatre kept as columns keeps its holdings as arrays (sim.holdings); these
# functions take either form, and import numpy only for the arrays.

def _arrays(holdings: Mapping) -> bool:
    return getattr(holdings, "arrays", False)


def new_holdings(theatre, holding: Holding | None = None) -> Mapping[str, Holding]:
    """Holdings being read: every home-country place held by ``holding`` (a scenario's
    default holder), or none. A dict, or a :class:`~sim.holdings.HoldingDraft` for a
    theatre kept as columns; either takes ``holdings[place] = holding``."""
    if theatre.columnar:
        from .holdings import columnar_holdings
        return columnar_holdings(theatre, holding)
    if holding is None:
        return {}
    home = theatre.home_country
    return {pid: holding for pid, place in theatre.places.items() if place.country == home}


def holding_factions(holdings: Mapping[str, Holding]) -> set[str]:
    """The factions holding at least one place."""
    if _arrays(holdings):
        return holdings.factions()  # type: ignore[attr-defined]
    return {h.faction for h in holdings.values()}


def unheld_home(theatre, holdings: Mapping[str, Holding]) -> list[str]:
    """Sorted ids of the theatre's home-country places that nobody holds."""
    if _arrays(holdings) and theatre.columnar:
        from .holdings import unheld_columns
        return unheld_columns(theatre, holdings)  # type: ignore[arg-type]
    home = theatre.home_country
    return sorted(pid for pid, p in theatre.places.items()
                  if p.country == home and pid not in holdings)


def frozen_holdings(holdings: Mapping[str, Holding]) -> Mapping[str, Holding]:
    """The read-only, id-ordered form of holdings being read."""
    if _arrays(holdings):
        return holdings.freeze() if hasattr(holdings, "freeze") else holdings  # type: ignore
    return MappingProxyType({k: holdings[k] for k in sorted(holdings)})
