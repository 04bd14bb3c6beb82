"""Words: the one generator of the sentences ``sim`` prints.

Every verdict, chart title and report line about a change is written here
from a :class:`~sim.analysis.change.Change` (and the names the scenario
gives places and factions), in the terms ``docs/glossary.md`` defines. A
sentence states only what the value holds: it leads with the gravest kind of
change, and says that nothing changes only when the value is empty.

Figures for people are rounded ("about 1.36 million people"); places whose
population is unknown are named as such, never counted as 0.

>>> people_words(1_362_139), people_words(186_530, 2), people_words(0, 1)
('about 1.36 million people', 'about 187,000 people and 2 places of unknown population', '1 place of unknown population')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..analysis.change import Change, LifelineChange
from ..analysis.lifelines import Route
from ..events import CloseTransit, Contest, CutRoad, Event, Fall, OpenRoad, OpenTransit


# ---------------------------------------------------------------- small words

def join_words(words: Sequence[str], last: str = "and") -> str:
    """English list: "A", "A and B", "A, B and C".

    >>> join_words(["Latakia", "Tartus"], "or")
    'Latakia or Tartus'
    """
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def count(n: int, word: str, plural: str | None = None) -> str:
    """ "1 place", "2 places"."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def km(value: float | None) -> str:
    """A distance for people: whole km, or tenths below 10 km (street networks).

    >>> km(161.6), km(0.44), km(None)
    ('162 km', '0.4 km', '-')
    """
    if value is None:
        return "-"
    return f"{value:,.1f} km" if value < 9.95 else f"{value:,.0f} km"


def rounded(n: int) -> str:
    """A count of people to three significant figures: "1.36 million", "187,000", "950".

    >>> rounded(1_362_139), rounded(97_969), rounded(950), rounded(12_345_678)
    ('1.36 million', '98,000', '950', '12.3 million')
    """
    if n < 1000:
        return f"{n:,}"
    digits = len(str(n)) - 3
    r = int(round(n, -digits))
    if r >= 1_000_000:
        m = r / 1_000_000
        return f"{m:.{max(0, 2 - (len(str(int(m))) - 1))}f} million"
    return f"{r:,}"


def people_words(known: int, unknown: int = 0) -> str:
    """People for a sentence: rounded, with places of unknown population named apart."""
    parts = []
    if known:
        parts.append(("about " if known >= 1000 else "") + rounded(known)
                     + (" person" if known == 1 else " people"))
    if unknown:
        parts.append(count(unknown, "place") + " of unknown population")
    return join_words(parts) if parts else "no people"


def be(names: Sequence) -> str:
    return "is" if len(names) == 1 else "are"


# ---------------------------------------------------------------- names

@dataclass(frozen=True)
class Namer:
    """How a scenario names places and factions in sentences."""

    scenario: object

    def place(self, pid: str) -> str:
        return self.scenario.theatre.places[pid].name

    def places(self, ids: Sequence[str], last: str = "and", limit: int | None = None) -> str:
        if limit is not None and len(ids) > limit:
            rest = len(ids) - limit
            return ", ".join(self.place(p) for p in ids[:limit]) + \
                f" and {count(rest, 'other place')}"
        return join_words([self.place(p) for p in ids], last)

    def label(self, fid: str) -> str:
        return self.scenario.faction_label(fid)

    def the(self, fid: str | None) -> str:
        """The faction as a sentence names it: "the opposition"."""
        return "nobody" if fid is None else "the " + self.label(fid)

    def agree(self, fid: str | None, one: str, many: str) -> str:
        """The words that agree with the faction's label: ``one`` for a singular label
        ("the government loses its capital"), ``many`` for a plural one (a catalogue
        entry's ``plural``: "the Druze factions lose their capital")."""
        info = self.scenario.theatre.factions.get(fid) if fid is not None else None
        return many if info is not None and info.plural else one


def describe_event(n: Namer, event: Event) -> str:
    th = n.scenario.theatre
    if isinstance(event, Fall):
        return f"{n.place(event.place)} falls to {n.the(event.faction)}"
    if isinstance(event, Contest):
        return f"{n.place(event.place)} becomes contested"
    if isinstance(event, CutRoad):
        return f"the {n.place(event.a)} - {n.place(event.b)} road is cut"
    if isinstance(event, OpenRoad):
        return f"the {n.place(event.a)} - {n.place(event.b)} road reopens"
    if isinstance(event, OpenTransit):
        return f"transit through {th.country_name(event.country)} is open"
    if isinstance(event, CloseTransit):
        return f"transit through {th.country_name(event.country)} is closed"
    raise TypeError(event)


def describe_events(n: Namer, events: Sequence[Event]) -> str:
    """All events as one clause; several falls to one faction are grouped.

    "Homs and Qusayr fall to the opposition"
    """
    falls: dict[str, list[str]] = {}
    parts: list[str] = []
    for event in events:
        if isinstance(event, Fall):
            if event.faction not in falls:
                parts.append(f"\0{event.faction}")
            falls.setdefault(event.faction, []).append(n.place(event.place))
        else:
            parts.append(describe_event(n, event))
    out = []
    for part in parts:
        if part.startswith("\0"):
            fid = part[1:]
            names = falls[fid]
            out.append(f"{join_words(names)} {'falls' if len(names) == 1 else 'fall'} "
                       f"to {n.the(fid)}")
        else:
            out.append(part)
    return join_words(out)


_KIND_RANK = {"city": 0, "town": 1, "port": 1, "crossing": 2, "airbase": 3, "junction": 4}


def via(n: Namer, route: Route | Sequence[str], limit: int = 4, *,
        instead_of: Route | Sequence[str] | None = None) -> str:
    """The notable places a route passes, in the route's order.

    Alone, a route is described by its cities and foreign places. Compared with
    the route it replaces (``instead_of``), it is described by the places that
    route did not pass (the detour), most important first.
    """
    th = n.scenario.theatre
    places = route.places if isinstance(route, Route) else tuple(route)
    inner = places[1:-1]
    if instead_of is not None:
        old = set(instead_of.places if isinstance(instead_of, Route) else instead_of)
        notable = [p for p in inner if p not in old]
    else:
        notable = [p for p in inner if th.places[p].kind == "city"
                   or th.places[p].country != th.home_country]
    if len(notable) > limit:
        rank = sorted(notable, key=lambda p: (_KIND_RANK.get(th.places[p].kind, 5),
                                              -(th.places[p].population or 0)))
        keep = set(rank[:limit])
        notable = [p for p in notable if p in keep]
    return join_words([th.places[p].name for p in notable])


def road_words(n: Namer, fid: str, control, noun: str = "road") -> str:
    """ "government-held road", or the wider phrase when allies or borders count.

    ``noun`` is what is held: "road", or "route" for a route's length.
    """
    fac = n.scenario.factions[fid]
    label = n.label(fid)
    if control is not None and control.transit_for(fac.side):
        return f"{noun} the {label} can use"
    if fac.allies:
        return f"{noun} held by the {label} or {n.agree(fid, 'its', 'their')} allies"
    return f"{label}-held {noun}"


def anchor(n: Namer, pocket) -> str:
    """The place a pocket is named by: its most populous place of the home country."""
    th = n.scenario.theatre
    if getattr(pocket, "index", None) is not None and th.columnar:
        return n.place(_anchor_of_columns(th, pocket.index))
    home = [p for p in pocket.places if th.places[p].country == th.home_country] or list(pocket.places)
    best = min(home, key=lambda p: (-(th.places[p].population or 0),
                                    _KIND_RANK.get(th.places[p].kind, 5), p))
    return n.place(best)


def _anchor_of_columns(th, idx) -> str:
    """:func:`anchor`'s choice among the places at ``idx`` of a theatre kept as columns
    (the same order of preference, read from the columns at once)."""
    import numpy as np

    from ..model import PLACE_KINDS
    pc = th.columns[0]
    home = idx[pc.in_country(th.home_country)[idx]]
    home = home if len(home) else idx
    rank = np.asarray([_KIND_RANK.get(k, 5) for k in PLACE_KINDS])[pc.kind[home]]
    pop = np.maximum(pc.population[home], 0)
    return pc.ids[int(home[np.lexsort((home, rank, -pop))[0]])]


def lifeline_words(ll) -> str:
    """How a lifeline is named in a sentence: "Damascus - the coast"."""
    return ll.name


def ends(n: Namer, c: LifelineChange) -> str:
    """The target end of a lifeline in a sentence: its label, or its targets joined with "or"."""
    return c.label or n.places(c.targets, "or")


# ---------------------------------------------------------------- the sentence

@dataclass(frozen=True)
class Sentence:
    """A sentence about a change: its condition, and its clauses with their kinds."""

    condition: str
    clauses: tuple[tuple[str, str], ...]

    @property
    def kind(self) -> str:
        return self.clauses[0][0]

    @property
    def text(self) -> str:
        body = "; ".join(text for _, text in self.clauses)
        return (f"{self.condition}, {body}." if self.condition else body[0].upper() + body[1:] + ".")


def _cut_clause(n: Namer, c: LifelineChange, fid: str, control, restorers) -> str:
    held = [t for t in c.targets
            if control is None or control.holder(t) in n.scenario.factions[fid].side
            or control.holder(t) is None]
    text = (f"{n.place(c.source)} is cut off from {ends(n, c)}: no {road_words(n, fid, control)} "
            f"joins it to {n.places(held or c.targets, 'or')}")
    fixes = (restorers or {}).get(c.name, ())
    if fixes:
        (a, b), status = fixes[0]
        how = via(n, status.route, 3)
        text += (f"; reopening the {n.place(a)} - {n.place(b)} road would restore a "
                 f"{km(status.route.km)} route" + (f" via {how}" if how else ""))
    return text


def _lost_lifeline_clause(n: Namer, c: LifelineChange, fid: str) -> str:
    if c.after == "source-lost":
        return (f"{n.the(fid)} {n.agree(fid, 'loses', 'lose')} {n.place(c.source)}, where "
                f"{c.name} starts")
    return (f"{n.place(c.source)} loses {ends(n, c)}: {n.the(fid)} no longer "
            f"{n.agree(fid, 'holds', 'hold')} {n.places(c.targets, 'or')}")


def _longer_clause(n: Namer, c: LifelineChange, fid: str, control) -> str:
    route_words = road_words(n, fid, control, "route")
    how = via(n, c.route_after, 3, instead_of=c.route_before)
    how = f" via {how}" if how else ""
    to = n.place(c.target_after)
    if c.target_after == c.target_before:
        grows = (f"the shortest {route_words} to {to} grows from {km(c.km_before)} to "
                 f"{km(c.km_after)}{how}")
    else:
        grows = (f"the shortest {route_words} now ends at {to}: {km(c.km_after)}{how}, "
                 f"instead of {km(c.km_before)} to {n.place(c.target_before)}")
    return f"{n.place(c.source)} still reaches {ends(n, c)}, but {grows}"


def _lost_places(change: Change) -> tuple[str, ...]:
    """Places lost, strongholds first."""
    strong = set(change.strongholds_lost)
    return change.strongholds_lost + tuple(p for p in change.places_lost if p not in strong)


def _capital_clause(n: Namer, change: Change) -> str:
    fid = change.faction
    text = (f"{n.the(fid)} {n.agree(fid, 'loses its', 'lose their')} capital, "
            f"{n.place(change.capital)}")
    if change.held_after == 0:
        return text + f", and {n.agree(fid, 'holds', 'hold')} no other place"
    still = n.agree(fid, "it still holds", "they still hold")
    big = change.largest_after
    if big is None:
        return text + f"; none of the {count(change.held_after, 'place')} {still} has a usable road"
    with_people = (f", with {people_words(big.population, big.unknown)}"
                   if big.population or big.unknown else "")
    if change.pockets_after == 1:
        return text + f"; what {still} forms one pocket around {anchor(n, big)}{with_people}"
    return (text + f"; what {still} lies in {change.pockets_after} pockets, the largest "
            f"around {anchor(n, big)}{with_people}")


def _gained_clause(n: Namer, change: Change, cap: str) -> str:
    """Places gained, and whether they are joined to the capital. A capital gained is not
    said to be joined to itself: only the other places gained are judged against it."""
    fid, gained = change.faction, change.places_gained
    text = f"{n.the(fid)} {n.agree(fid, 'gains', 'gain')} {n.places(gained, limit=6)}"
    others = [p for p in gained if p != change.capital]
    joined = [p for p in change.gained_joined if p != change.capital]
    if not change.capital or not others:
        return text
    if len(others) < len(gained):  # the capital is among them: name the others apart
        return text + (f" ({n.places(joined, limit=6)} joined to {cap})" if joined
                       else f" ({n.places(others, limit=6)} isolated from {cap})")
    if len(joined) == len(gained):
        return text + f", joined to {cap}"
    if not joined:
        return text + f", isolated from {cap}"
    return text + f" ({n.places(joined, limit=6)} joined to {cap})"


def _with(change: Change, tail: str = "") -> str:
    """ ", with about 187,000 people" (or ", population unknown") for the people cut off."""
    if change.people_cut_off:
        return f", with {people_words(change.people_cut_off, change.unknown_cut_off)}{tail}"
    return ", population unknown" if change.unknown_cut_off else ""


def clause(n: Namer, change: Change, kind: str, *, control=None, restorers=None) -> str:
    """The clause that states one kind of change."""
    fid = change.faction
    label = n.label(fid)
    cap = n.place(change.capital) if change.capital else "the capital"
    if kind == "capital-lost":
        return _capital_clause(n, change)
    if kind == "lifeline-cut":
        cuts = change.lifelines_of("cut")
        text = _cut_clause(n, cuts[0], fid, control, restorers)
        if len(cuts) > 1:
            text += "; " + join_words([f"{n.place(c.source)} is also cut off from {ends(n, c)}"
                                       for c in cuts[1:]])
        return text
    if kind == "lifeline-lost":
        return join_words([_lost_lifeline_clause(n, c, fid) for c in change.lifelines_of("lost")])
    if kind == "stronghold-cut-off":
        s = change.strongholds_cut_off
        return f"{n.places(s)} {be(s)} cut off from {cap}{_with(change, ' in all')}"
    if kind in ("stronghold-lost", "places-lost"):
        return f"{n.the(fid)} {n.agree(fid, 'loses', 'lose')} {n.places(_lost_places(change), limit=6)}"
    if kind == "places-isolated":
        s = change.places_isolated
        return f"{n.places(s, limit=6)} {be(s)} isolated from {cap}{_with(change)}"
    if kind == "lifeline-longer":
        return join_words([_longer_clause(n, c, fid, control)
                           for c in change.lifelines_of("longer")[:1]])
    if kind == "lifeline-restored":
        c = change.lifelines_of("restored")[0]
        how = via(n, c.route_after, 3)
        return (f"{n.place(c.source)} reaches {ends(n, c)} again, by a {km(c.km_after)} route"
                + (f" via {how}" if how else ""))
    if kind in ("stronghold-reconnected", "places-rejoined"):
        s = change.strongholds_reconnected if kind == "stronghold-reconnected" else change.places_rejoined
        return f"{n.places(s, limit=6)} {be(s)} joined to {cap} again"
    if kind == "places-gained":
        return _gained_clause(n, change, cap)
    if kind == "lifeline-shorter":
        c = change.lifelines_of("shorter")[0]
        return (f"the shortest {label} route from {n.place(c.source)} to {ends(n, c)} shrinks "
                f"from {km(c.km_before)} to {km(c.km_after)}")
    if kind == "nothing":
        return (f"nothing changes for the {label}: every lifeline, stronghold and place "
                f"{n.agree(fid, 'it holds', 'they hold')} keeps its status")
    raise ValueError(kind)


# Kinds a later clause may add after the lead, and those a lead already covers.
_FOLLOWERS = ("lifeline-lost", "stronghold-cut-off", "stronghold-lost", "places-isolated",
              "lifeline-longer", "places-lost", "places-gained")
_COVERS = {"stronghold-lost": {"places-lost"}, "places-lost": {"stronghold-lost"},
           "stronghold-cut-off": {"places-isolated"}}


def sentence(n: Namer, change: Change, events: Sequence[Event] = (), *, control=None,
             restorers=None, followers: int = 2, condition: str | None = None) -> Sentence:
    """The sentence about ``change``: the gravest kind first, then up to ``followers`` more.
    It opens with ``condition`` if given, else "If" and the events."""
    kinds = change.kinds
    lead = kinds[0]
    clauses = [(lead, clause(n, change, lead, control=control, restorers=restorers))]
    if lead not in ("capital-lost", "lifeline-cut", "nothing"):
        covered = set(_COVERS.get(lead, ())) | {lead}
        for kind in kinds[1:]:
            if len(clauses) > followers or kind not in _FOLLOWERS or kind in covered:
                continue
            clauses.append((kind, clause(n, change, kind, control=control)))
            covered |= _COVERS.get(kind, set()) | {kind}
    if condition is None:
        condition = "If " + describe_events(n, events) if events else ""
    return Sentence(condition, tuple(clauses))


def consequences(n: Namer, change: Change, *, together: bool = False) -> str:
    """What a fall would do, as a verb phrase for ``critical``: "cuts Damascus off from the
    coast; ...". ``together``: the verbs of two falls at once ("cut Damascus off ...")."""
    s = "" if together else "s"
    parts = []
    cap = n.place(change.capital) if change.capital else "the capital"
    for c in change.lifelines_of("cut"):
        parts.append(f"cut{s} {n.place(c.source)} off from {ends(n, c)}")
    for c in change.lifelines_of("lost"):
        parts.append(f"end{s} the lifeline {c.name}")
    if change.strongholds_cut_off:
        parts.append(f"cut{s} off {n.places(change.strongholds_cut_off)} from {cap}")
    if change.people_cut_off or change.unknown_cut_off:
        who = people_words(change.people_cut_off, change.unknown_cut_off)
        parts.append(f"cut{s} off {who} in all" if change.strongholds_cut_off
                     else f"isolate{s} {who} from {cap}")
    return "; ".join(parts) or f"cut{s} nothing off"


def _cuts(change: Change) -> tuple:
    """What a fall cuts, as ``critical`` counts it: lifelines, strongholds, people."""
    return (change.lifelines, change.strongholds_cut_off, change.people_cut_off,
            change.unknown_cut_off)


def pair_words(n: Namer, change: Change, beyond: Change) -> str:
    """What two falls would do together, and what neither would do alone, for
    ``critical --pairs``: "together they cut ...; neither fall alone cuts any of it"
    (``beyond``: the part of ``change`` that neither fall makes alone)."""
    text = "together they " + consequences(n, change, together=True)
    if not any(_cuts(beyond)):
        return text + "; one fall or the other alone cuts all of it"
    if _cuts(beyond) == _cuts(change):
        return text + "; neither fall alone cuts any of it"
    return text + "; beyond what either fall cuts alone, they " + consequences(
        n, beyond, together=True)


# ---------------------------------------------------------------- campaigns

def date_words(date: str) -> str:
    """A YYYY-MM-DD date for a sentence.

    >>> date_words("2024-12-08")
    '8 December 2024'
    """
    import datetime as _dt

    d = _dt.date.fromisoformat(date)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def span_words(first: str, last: str) -> str:
    """Two dates as a span: "27 November - 8 December 2024".

    >>> span_words("2024-11-27", "2024-12-08"), span_words("2024-12-01", "2024-12-01")
    ('27 November - 8 December 2024', '1 December 2024')
    """
    if first == last:
        return date_words(first)
    a, b = date_words(first).split(" "), date_words(last).split(" ")
    head = a[:2] if a[2] == b[2] else a
    return f"{' '.join(head)} - {' '.join(b)}"


def handover_kind(event, before) -> str:
    """What a campaign event does to its place, given the holding ``before`` it
    (a :class:`~sim.control.Holding` or None): ``falls`` (to another faction),
    ``contested`` (its holder keeps it under attack), ``secured`` (its holder
    holds it fully again) or ``unchanged``."""
    holder = before.faction if before is not None else None
    status = before.status if before is not None else "held"
    if event.faction != holder:
        return "falls"
    if event.status == "contested":
        return "unchanged" if status == "contested" else "contested"
    return "secured" if status != "held" else "unchanged"


def describe_handovers(n: Namer, events: Sequence, control) -> str:
    """A day's changes of hands as one clause, each judged against ``control`` (the
    control before it) and grouped like :func:`describe_events`: "Homs and Damascus
    fall to the opposition, Suwayda becomes contested and the government secures
    Hama". Events that change nothing are left out ("" if none is left)."""
    falls: dict[str, list[str]] = {}
    contested: list[str] = []
    secured: dict[str, list[str]] = {}
    for event in events:
        kind = handover_kind(event, control.holdings.get(event.place))
        control = control.with_holding(event.place, event.holding())
        if kind == "falls":
            falls.setdefault(event.faction, []).append(event.place)
            if event.status == "contested":
                contested.append(event.place)
        elif kind == "contested":
            contested.append(event.place)
        elif kind == "secured":
            secured.setdefault(event.faction, []).append(event.place)
    parts = [f"{n.places(ps)} {'falls' if len(ps) == 1 else 'fall'} to {n.the(fid)}"
             for fid, ps in falls.items()]
    if contested:
        parts.append(f"{n.places(contested)} {'becomes' if len(contested) == 1 else 'become'} "
                     "contested")
    parts += [f"{n.the(fid)} {n.agree(fid, 'secures', 'secure')} {n.places(ps)}"
              for fid, ps in secured.items()]
    return join_words(parts)


def break_words(n: Namer, lifeline, brk, control) -> str:
    """When and how a lifeline first stopped being connected, and the change of hands
    after which it did: "Damascus is cut off from the coast on 8 December 2024, when
    Homs falls to the opposition". ``control`` is the control before that change."""
    fid = lifeline.faction
    when = f"on {date_words(brk.date)}, when {describe_handovers(n, [brk.event], control)}"
    if brk.status == "cut":
        return f"{n.place(lifeline.source)} is cut off from {lifeline_ends(n, lifeline)} {when}"
    if brk.status == "source-lost":
        return (f"{n.the(fid)} {n.agree(fid, 'loses', 'lose')} {n.place(lifeline.source)}, where "
                f"{lifeline.name} starts, {when}")
    return (f"{n.place(lifeline.source)} loses {lifeline_ends(n, lifeline)} {when}: "
            f"{n.the(fid)} no longer {n.agree(fid, 'holds', 'hold')} "
            f"{n.places(lifeline.targets, 'or')}")


def lifeline_ends(n: Namer, lifeline) -> str:
    """The target end of a :class:`~sim.control.Lifeline`: its label, or its targets."""
    return lifeline.target_label or n.places(lifeline.targets, "or")


def day_sentence(n: Namer, day) -> Sentence:
    """A campaign day's verdict: "On 8 December 2024, as Homs falls to the opposition,
    ..." (a :class:`~sim.analysis.timeline.Day`)."""
    what = describe_handovers(n, day.events, day.control_before)
    when = f"On {date_words(day.date)}"
    condition = f"{when}, as {what}" if what else f"{when}, with no change of hands"
    return sentence(n, day.change, control=day.control, condition=condition)


# ---------------------------------------------------------------- charts

def short_date(date: str) -> str:
    """A YYYY-MM-DD date as a chart's axis names it.

    >>> short_date("2024-11-27"), short_date("2024-12-08")
    ('27 Nov', '8 Dec')
    """
    import datetime as _dt

    d = _dt.date.fromisoformat(date)
    return f"{d.day} {d.strftime('%b')}"


def people_figure(known: int, unknown: int = 0) -> str:
    """People for a chart's label, as the tables give them: rounded, with the places of
    unknown population counted apart.

    >>> people_figure(1_403_201, 7), people_figure(36_143), people_figure(0, 2)
    ('1.40 million + 7 unknown', '36,100', '0 + 2 unknown')
    """
    text = rounded(known) if known else "0"
    return text + (f" + {unknown} unknown" if unknown else "")


def break_label(status: str, date: str) -> str:
    """What a chart marks where a lifeline stopped being connected (a
    :class:`~sim.analysis.timeline.Break`'s status and date).

    >>> break_label("cut", "2024-12-06"), break_label("target-lost", "2024-11-30")
    ('cut on 6 Dec', 'lost on 30 Nov (no target held)')
    """
    if status == "cut":
        return f"cut on {short_date(date)}"
    why = "source not held" if status == "source-lost" else "no target held"
    return f"lost on {short_date(date)} ({why})"

