"""Random toy theatres for the property tests, and the brute-force oracles they share.

Every random theatre has places ``p0 .. p{n-1}`` (named ``P0 ..``) strung along
one parallel, and roads drawn from the pairs of places. The faction under test
is ``gov``, allied to ``ally``, against ``reb``. The oracles answer the slow
way: apply the falls as events and assess again.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
from hypothesis import strategies as st

from sim.analysis import assess
from sim.control import Control, Faction, Lifeline
from sim.events import Fall, apply_events
from sim.model import Place, Road, Theatre

#: Who holds a random place: mostly the government, sometimes its ally or the rebels.
HOLDERS = ("gov", "gov", "gov", "ally", "reb")


# ---------------------------------------------------------------- builders

def ids_of(n: int) -> list[str]:
    return [f"p{i}" for i in range(n)]


def draw_edges(draw, n: int, *, max_size: int, min_size: int = 0) -> list[tuple[int, int]]:
    """Distinct pairs ``(i, j)``, ``i < j``, of ``n`` places."""
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    return draw(st.lists(st.sampled_from(pairs), min_size=min_size, max_size=max_size,
                         unique=True))


def draw_holders(draw, n: int, pool: Sequence[str | None] = HOLDERS) -> list[str | None]:
    return draw(st.lists(st.sampled_from(list(pool)), min_size=n, max_size=n))


def toy_theatre(n: int, edges: Sequence[tuple[int, int]], kms: Sequence[float] | None = None,
                populations: Sequence[int | None] | None = None,
                countries: Sequence[str] | None = None) -> Theatre:
    """A theatre of places ``p0 ..`` and the roads ``edges`` (1 km each unless ``kms``)."""
    places = [Place(f"p{i}", f"P{i}", 0.0, float(i),
                    country=countries[i] if countries else "SY",
                    population=populations[i] if populations else None) for i in range(n)]
    roads = [Road(f"p{a}", f"p{b}", float(kms[k]) if kms else 1.0)
             for k, (a, b) in enumerate(edges)]
    return Theatre.build("rand", "Random", "SY", places, roads)


def draw_faction(draw, ids: Sequence[str], max_strongholds: int,
                 capitals: Sequence[str] | None = None) -> Faction:
    """``gov`` with its ally, a capital drawn from ``capitals`` (default ``ids``) and strongholds."""
    capital = draw(st.sampled_from(list(capitals or ids)))
    strongholds = tuple(draw(st.lists(st.sampled_from(list(ids)), max_size=max_strongholds,
                                      unique=True)))
    return Faction("gov", frozenset({"ally"}), "reb", capital, strongholds)


def draw_lifelines(draw, ids: Sequence[str], max_count: int, max_targets: int) -> list[Lifeline]:
    out = []
    for k in range(draw(st.integers(0, max_count))):
        src = draw(st.sampled_from(list(ids)))
        targets = tuple(draw(st.lists(st.sampled_from(list(ids)), min_size=1,
                                      max_size=max_targets, unique=True)))
        out.append(Lifeline(f"L{k}", "gov", src, targets))
    return out


# ---------------------------------------------------------------- strategies

@st.composite
def graphs(draw, max_nodes=14):
    """A plain networkx graph on ``0 .. n-1``."""
    n = draw(st.integers(2, max_nodes))
    edges = draw_edges(draw, n, max_size=3 * n)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    return g


@st.composite
def sweep_scenarios(draw, max_nodes=12):
    """``(theatre, control, gov, lifelines)``: some places contested, a contested policy drawn."""
    n = draw(st.integers(2, max_nodes))
    edges = draw_edges(draw, n, max_size=2 * n)
    holders = draw_holders(draw, n)
    contested = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    pops = draw(st.lists(st.integers(0, 50), min_size=n, max_size=n))
    t = toy_theatre(n, edges, [10.0 + a + b for a, b in edges], pops)
    c = Control.of({f"p{i}": holders[i] for i in range(n)},
                   contested=draw(st.sampled_from(["holder", "closed"])))
    for i in range(n):
        if contested[i]:
            c = c.with_holder(f"p{i}", holders[i], status="contested")
    ids = ids_of(n)
    gov = draw_faction(draw, ids, max_strongholds=4)
    return t, c, gov, draw_lifelines(draw, ids, max_count=3, max_targets=3)


@st.composite
def cut_cases(draw, max_nodes=9):
    """``(theatre, control, gov, source, targets)``: unheld places are open foreign transit."""
    n = draw(st.integers(3, max_nodes))
    edges = draw_edges(draw, n, min_size=1, max_size=2 * n)
    holders = draw_holders(draw, n, (*HOLDERS, None))
    pops = draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
    t = toy_theatre(n, edges, populations=pops,
                    countries=["SY" if h else "LB" for h in holders])
    c = Control.of({f"p{i}": h for i, h in enumerate(holders) if h}, open_transit=frozenset({"LB"}))
    ids = sorted(t.places)
    s = draw(st.sampled_from(ids))
    targets = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
    return t, c, Faction("gov", frozenset({"ally"})), s, targets


@st.composite
def risk_cases(draw, max_nodes=8):
    """``(theatre, control, gov, lifelines, chances)``, or None when gov's side holds nothing."""
    n = draw(st.integers(2, max_nodes))
    edges = draw_edges(draw, n, max_size=2 * n)
    holders = draw_holders(draw, n)
    ids = ids_of(n)
    t = toy_theatre(n, edges)
    c = Control.of(dict(zip(ids, holders)))
    side = [p for p, h in zip(ids, holders) if h != "reb"]
    if not side:
        return None
    risky = draw(st.lists(st.sampled_from(side), min_size=1, max_size=4, unique=True))
    probs = {p: draw(st.sampled_from([0.0, 0.2, 0.5, 0.9, 1.0])) for p in risky}
    gov = draw_faction(draw, ids, max_strongholds=3)
    lifelines = [Lifeline(f"L{k}", "gov", draw(st.sampled_from(ids)),
                          tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2,
                                              unique=True))))
                 for k in range(draw(st.integers(0, 2)))]
    return t, c, gov, lifelines, probs


@st.composite
def route_cases(draw, max_nodes=9):
    """``(theatre, control, a, b, k)``: roads of 1 to 9 km, places held by gov or reb."""
    n = draw(st.integers(3, max_nodes))
    edges = draw_edges(draw, n, min_size=1, max_size=2 * n)
    kms = draw(st.lists(st.integers(1, 9), min_size=len(edges), max_size=len(edges)))
    holders = draw_holders(draw, n, ("gov", "gov", "reb"))
    t = toy_theatre(n, edges, kms)
    c = Control.of({f"p{i}": h for i, h in enumerate(holders)})
    a, b = draw(st.lists(st.sampled_from(sorted(t.places)), min_size=2, max_size=2, unique=True))
    return t, c, a, b, draw(st.integers(1, 4))


@st.composite
def territories(draw, max_nodes=14):
    """``(graph, holders, foreign, cut, open_lb)``: a graph of places held by gov, reb or
    ally, some foreign (held by nobody), some roads cut, the foreign country open or not."""
    g = draw(graphs(max_nodes))
    n = g.number_of_nodes()
    holders = draw(st.lists(st.sampled_from(["gov", "reb", "ally"]), min_size=n, max_size=n))
    foreign = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    cut = draw(st.lists(st.sampled_from(sorted(g.edges)), max_size=3, unique=True)) \
        if g.edges else []
    return g, holders, foreign, cut, draw(st.booleans())


def territory_theatre(g: nx.Graph, holders, foreign, cut, open_lb):
    """The theatre, holdings and control of a :func:`territories` draw (roads of 10 km)."""
    n = g.number_of_nodes()
    t = toy_theatre(n, list(g.edges), [10.0] * g.number_of_edges(),
                    countries=["LB" if foreign[i] else "SY" for i in range(n)])
    holdings = {f"p{i}": holders[i] for i in range(n) if not foreign[i]}
    control = Control.of(holdings)
    for a, b in cut:
        control = control.with_road(f"p{a}", f"p{b}", cut=True)
    if open_lb:
        control = control.with_transit("LB", True)
    return t, holdings, control


# ---------------------------------------------------------------- oracles

def reaches(g: nx.Graph, s, targets) -> bool:
    """Whether ``s`` is in ``g`` and joined to at least one target in it."""
    return s in g and any(t in g and nx.has_path(g, s, t) for t in targets)


def assess_after(t: Theatre, c: Control, gov: Faction, lifelines, fallen):
    """The slow way: the rebels take every place in ``fallen``, then assess ``gov`` again."""
    return assess(t, apply_events(c, [Fall(p, "reb") for p in fallen]), gov, lifelines)


def main_places(assessment) -> set[str]:
    """The places of an assessment's main pocket (none when it has none)."""
    return set(assessment.main_pocket.places) if assessment.main_pocket else set()


def own_people_cut_off(t: Theatre, c: Control, main_before: set[str], main_after: set[str],
                       fallen) -> int:
    """People cut off: the population of gov's own places (not its ally's) pushed out of
    the main pocket, the fallen places aside."""
    return sum(t.places[p].population or 0 for p in main_before - main_after - set(fallen)
               if c.holder(p) == "gov")
