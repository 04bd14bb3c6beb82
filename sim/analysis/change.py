"""Change: what a list of events does to one faction, as one value.

Every sentence ``sim`` prints about a what-if (the verdict, a chart's title, a
line of ``critical``) is written from a :class:`Change` and nothing else, so
the words and the analysis cannot drift apart.

The parts of a change, in the words of ``docs/glossary.md``:

- the *capital lost*: the faction held its capital before and not after;
- lifelines *cut* (connected before; both ends still held, no route after),
  *lost* (connected before; after, the faction no longer holds the source or
  any target), *restored*, *lengthened* or *shortened*;
- strongholds *lost* (held by the faction or an ally before, by neither
  after), newly *cut off* (held, but no longer in the main pocket) and
  *reconnected*;
- other places *isolated* (held, no longer in the main pocket), *lost*,
  *rejoined* to the main pocket, or *gained* (``gained_joined``: those
  gained that are in the main pocket after);
- the *people cut off*: the population of the faction's own places in its
  own country that were in the main pocket before and are held but outside
  it after (places of unknown population are counted apart, never as 0);
  the fallen places' people are counted as lost, separately.

:attr:`Change.kind` is the gravest part that is not empty, in the order of
:data:`KINDS`; ``"nothing"`` only when every part is empty.

>>> from sim.control import Control, Faction, Lifeline
>>> from sim.events import Fall
>>> from sim.model import Place, Road, Theatre
>>> from sim.analysis import what_if
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.upper(), 0, n, population=1000) for n, i in enumerate("abcd")],
...     [Road("a", "b", 100), Road("b", "c", 100), Road("c", "d", 100)])
>>> gov = Faction("gov", adversary="reb", capital="a", strongholds=("a", "c"))
>>> r = what_if(t, Control.of(dict.fromkeys("abcd", "gov")), gov, [], [Fall("b", "reb")])
>>> r.change.kind, r.change.strongholds_cut_off, r.change.places_isolated, r.change.people_cut_off
('stronghold-cut-off', ('c',), ('d',), 2000)
"""

from __future__ import annotations

from dataclasses import dataclass

from ..control import Control, Faction
from ..model import Theatre
from .lifelines import LifelineStatus
from .pockets import Pocket, people

#: The kinds of change, gravest first.
KINDS = (
    "capital-lost",
    "lifeline-cut",
    "lifeline-lost",
    "stronghold-cut-off",
    "stronghold-lost",
    "places-lost",
    "places-isolated",
    "lifeline-longer",
    "lifeline-restored",
    "stronghold-reconnected",
    "places-rejoined",
    "places-gained",
    "lifeline-shorter",
    "nothing",
)


@dataclass(frozen=True)
class LifelineChange:
    """One lifeline before and after: statuses, shortest lengths and the targets they reach."""

    name: str
    source: str
    targets: tuple[str, ...]
    label: str
    before: str
    after: str
    km_before: float | None = None
    km_after: float | None = None
    target_before: str | None = None
    target_after: str | None = None
    route_before: tuple[str, ...] = ()
    route_after: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """``cut``, ``lost``, ``restored``, ``longer``, ``shorter`` or ``""`` (unchanged)."""
        if self.before == "connected":
            if self.after == "cut":
                return "cut"
            if self.after != "connected":
                return "lost"
            if self.km_after > self.km_before + 0.05:
                return "longer"
            if self.km_after < self.km_before - 0.05:
                return "shorter"
            return ""
        return "restored" if self.after == "connected" else ""

    @classmethod
    def of(cls, before: LifelineStatus, after: LifelineStatus) -> LifelineChange:
        ll = before.lifeline
        return cls(ll.name, ll.source, ll.targets, ll.target_label, before.status, after.status,
                   before.route.km if before.route else None,
                   after.route.km if after.route else None,
                   before.route.target if before.route else None,
                   after.route.target if after.route else None,
                   before.route.places if before.route else (),
                   after.route.places if after.route else ())

    def as_json(self) -> dict:
        return {"name": self.name, "change": self.kind, "before": self.before,
                "after": self.after,
                "km_before": None if self.km_before is None else round(self.km_before, 1),
                "km_after": None if self.km_after is None else round(self.km_after, 1),
                "target_before": self.target_before, "target_after": self.target_after}


@dataclass(frozen=True)
class Change:
    """What events did to one faction (see the module docstring for each part)."""

    faction: str
    capital: str | None = None
    capital_lost: bool = False
    lifelines: tuple[LifelineChange, ...] = ()
    strongholds_lost: tuple[str, ...] = ()
    strongholds_cut_off: tuple[str, ...] = ()
    strongholds_reconnected: tuple[str, ...] = ()
    places_isolated: tuple[str, ...] = ()
    places_lost: tuple[str, ...] = ()
    places_rejoined: tuple[str, ...] = ()
    places_gained: tuple[str, ...] = ()
    gained_joined: tuple[str, ...] = ()
    people_cut_off: int = 0
    unknown_cut_off: int = 0
    people_lost: int = 0
    unknown_lost: int = 0
    pockets_after: int = 0
    largest_after: Pocket | None = None
    held_after: int = 0

    def lifelines_of(self, kind: str) -> tuple[LifelineChange, ...]:
        return tuple(c for c in self.lifelines if c.kind == kind)

    @property
    def kinds(self) -> tuple[str, ...]:
        """Every kind of change present, gravest first (``("nothing",)`` when none)."""
        present = {
            "capital-lost": self.capital_lost,
            "lifeline-cut": self.lifelines_of("cut"),
            "lifeline-lost": self.lifelines_of("lost"),
            "stronghold-cut-off": self.strongholds_cut_off,
            "stronghold-lost": self.strongholds_lost,
            "places-lost": [p for p in self.places_lost if p not in self.strongholds_lost],
            "places-isolated": self.places_isolated,
            "lifeline-longer": self.lifelines_of("longer"),
            "lifeline-restored": self.lifelines_of("restored"),
            "stronghold-reconnected": self.strongholds_reconnected,
            "places-rejoined": self.places_rejoined,
            "places-gained": self.places_gained,
            "lifeline-shorter": self.lifelines_of("shorter"),
        }
        found = tuple(k for k in KINDS[:-1] if present[k])
        return found or ("nothing",)

    @property
    def kind(self) -> str:
        """The gravest kind of change present."""
        return self.kinds[0]

    @property
    def empty(self) -> bool:
        return self.kind == "nothing"

    def as_json(self) -> dict:
        return {"kind": self.kind, "kinds": list(self.kinds), "capital": self.capital,
                "capital_lost": self.capital_lost,
                "lifelines": [c.as_json() for c in self.lifelines],
                "strongholds_lost": list(self.strongholds_lost),
                "strongholds_cut_off": list(self.strongholds_cut_off),
                "strongholds_reconnected": list(self.strongholds_reconnected),
                "places_isolated": list(self.places_isolated),
                "places_lost": list(self.places_lost),
                "places_rejoined": list(self.places_rejoined),
                "places_gained": list(self.places_gained),
                "places_gained_joined": list(self.gained_joined),
                "people_cut_off": self.people_cut_off,
                "people_cut_off_unknown": self.unknown_cut_off,
                "people_lost": self.people_lost, "people_lost_unknown": self.unknown_lost,
                "pockets_after": self.pockets_after,
                "largest_pocket_after": (self.largest_after.as_json()
                                         if self.largest_after else None)}


def describe_change(theatre: Theatre, faction: Faction, control_before: Control,
                    control_after: Control, before, after) -> Change:
    """The :class:`Change` between two assessments (``before``, ``after``) of ``faction``.

    The assessments are :class:`~sim.analysis.whatif.Assessment` values of the
    same faction under ``control_before`` and ``control_after``.
    """
    if _on_arrays(before) and _on_arrays(after):
        from .engine import describe_change_arrays
        return describe_change_arrays(theatre, faction, control_before, control_after,
                                      before, after)
    fid = faction.id
    main_b = set(before.main_pocket.places) if before.main_pocket else set()
    main_a = set(after.main_pocket.places) if after.main_pocket else set()
    held_b = set(control_before.places_of(fid))
    held_a = set(control_after.places_of(fid))
    strong = set(faction.strongholds)

    lost = sorted(held_b - held_a)
    gained = sorted(held_a - held_b)
    kept = held_b & held_a
    newly_out = sorted(p for p in kept if p in main_b and p not in main_a)
    back_in = sorted(p for p in kept if p not in main_b and p in main_a)
    cap = faction.capital
    capital_lost = bool(cap) and cap in held_b and cap not in held_a

    # Strongholds count as held while the faction or an ally holds them.
    sb = set(control_before.held_strongholds(faction))
    sa = set(control_after.held_strongholds(faction))
    s_lost = tuple(sorted(sb - sa))
    s_cut = tuple(sorted(p for p in sb & sa if p in main_b and p not in main_a))
    s_back = tuple(sorted(p for p in sb & sa if p not in main_b and p in main_a))

    changes = tuple(c for c in (LifelineChange.of(b, a)
                                for b, a in zip(before.lifelines, after.lifelines)) if c.kind)
    known, unknown = people(theatre, control_after, fid, newly_out)
    known_lost, unknown_lost = people(theatre, control_before, fid, lost)
    return Change(
        faction=fid, capital=cap, capital_lost=capital_lost, lifelines=changes,
        strongholds_lost=s_lost, strongholds_cut_off=s_cut, strongholds_reconnected=s_back,
        places_isolated=tuple(p for p in newly_out if p not in strong),
        places_lost=tuple(lost),
        places_rejoined=tuple(p for p in back_in if p not in strong),
        places_gained=tuple(gained), gained_joined=tuple(p for p in gained if p in main_a),
        people_cut_off=known, unknown_cut_off=unknown,
        people_lost=known_lost, unknown_lost=unknown_lost,
        pockets_after=len(after.pockets), largest_after=largest(after.pockets),
        held_after=len(held_a),
    )


def _on_arrays(assessment) -> bool:
    """Whether the array engine made ``assessment`` (its pockets know their indices)."""
    return bool(assessment.pockets) and all(p.index is not None for p in assessment.pockets)


def largest(pocket_list) -> Pocket | None:
    """The pocket with the most people (then the most places, then the first id)."""
    if not pocket_list:
        return None
    return min(pocket_list, key=lambda p: (-p.population, -len(p.places), p.places[0]))
