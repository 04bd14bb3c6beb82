"""Pockets: the connected pieces of a faction's passable territory.

A connected piece of the faction's passable territory is a *pocket* only while
it holds at least one place of the faction itself (a stretch of allied or open
foreign road alone is not a pocket). The pocket holding the faction's capital
is the *main* one; strongholds in any other pocket are *cut off*, other places
there are *isolated*. Size never decides which pocket is main.

That rule is written once, in :func:`is_pocket`; the array analyses
(:func:`sim.analysis.arrays.main_pocket` and the sweeps built on it) use the
same function.

A pocket's *people* are the population of the faction's own places in its
own country: allies' places and foreign transit towns are crossed, not
counted. Places whose population is unknown are counted apart (``unknown``),
never as 0.

>>> from sim.control import Control, Faction
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.upper(), 0, n, population=10 * (n + 1)) for n, i in enumerate("abc")],
...     [Road("a", "b", 120), Road("b", "c", 120)])
>>> c = Control.of({"a": "gov", "b": "reb", "c": "gov"})
>>> [(p.places, p.main) for p in pockets(t, c, Faction("gov", capital="a", strongholds=("a", "c")))]
[(('a',), True), (('c',), False)]
>>> pockets(t, c, Faction("gov", capital="a"))[1].population
30
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from ..control import Control, Faction
from ..model import Theatre
from .passable import passable_graph


@dataclass(frozen=True)
class Pocket:
    """One connected piece of passable territory."""

    places: tuple[str, ...]
    population: int
    strongholds: tuple[str, ...]
    main: bool
    unknown: int = 0
    abroad: int = 0
    #: The places as theatre indices (sorted), where the array engine found the pocket.
    index: object = field(default=None, compare=False, repr=False)

    def as_json(self) -> dict:
        return {"main": self.main, "places": list(self.places), "population": self.population,
                "population_unknown": self.unknown, "abroad": self.abroad,
                "strongholds": list(self.strongholds)}


def is_pocket(own_places):
    """The pocket rule: a piece of passable territory is a pocket while it holds at
    least one place of the faction itself.

    ``own_places`` is how many of the faction's own places the piece holds: an
    int, or a numpy array of such counts (one per piece, per removal or per
    trial), which gives an array of answers. The faction's *main* pocket is the
    piece holding its capital, when that piece is a pocket.

    >>> is_pocket(0), is_pocket(3)
    (False, True)
    """
    return own_places > 0


def counted(theatre: Theatre, control: Control, faction: str, place: str) -> bool:
    """Whether ``place`` counts in the faction's people: its own place in its own country."""
    return (control.holder(place) == faction
            and theatre.places[place].country == theatre.home_country)


def people(theatre: Theatre, control: Control, faction: str,
           places) -> tuple[int, int]:
    """(known population, number of places of unknown population) of the faction's
    own home-country places among ``places``."""
    known = unknown = 0
    for p in places:
        if counted(theatre, control, faction, p):
            pop = theatre.places[p].population
            if pop is None:
                unknown += 1
            else:
                known += pop
    return known, unknown


def pockets(theatre: Theatre, control: Control, faction: Faction) -> list[Pocket]:
    """The faction's pockets: main first, then by population, then by first id.

    Only pieces that are pockets by :func:`is_pocket` are listed; the one holding
    the capital is marked ``main``.
    """
    view = passable_graph(theatre, control, faction.side)
    strong = set(faction.strongholds)
    out = []
    for comp in nx.connected_components(view):
        if not is_pocket(sum(control.holder(p) == faction.id for p in comp)):
            continue
        places = tuple(sorted(comp))
        pop, unknown = people(theatre, control, faction.id, places)
        abroad = sum(theatre.places[p].country != theatre.home_country for p in places)
        out.append(Pocket(places, pop, tuple(p for p in places if p in strong),
                          faction.capital in comp if faction.capital else False, unknown, abroad))
    out.sort(key=lambda p: (not p.main, -p.population, p.places[0]))
    return out
