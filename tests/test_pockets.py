"""Pockets: the capital's pocket is the main one, and a pocket needs a place of the faction's own."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from strategies import territories, territory_theatre

from sim.analysis import passable_places, pockets
from sim.analysis.pockets import is_pocket, people
from sim.control import Control, Faction
from sim.events import Fall, apply_events
from sim.model import Place, Road, Theatre


def test_main_pocket_is_the_capitals_not_the_largest(corridor):
    t, c, gov, coast = corridor
    c2 = apply_events(c, [Fall("jn", "reb")])
    ps = pockets(t, c2, gov)
    assert ps[0].main and ps[0].places == ("cap",)
    assert len(ps[1].places) > len(ps[0].places)


def test_a_piece_with_no_place_of_the_factions_own_is_no_pocket():
    # own -- rebels -- ally -- ally: the allies' stretch is passable but holds nothing of gov's.
    t = Theatre.build("p", "P", "SY", [Place(i, i.title(), 0, n, population=10)
                                        for n, i in enumerate(["own", "reb", "al1", "al2"])],
                      [Road("own", "reb", 1), Road("reb", "al1", 1), Road("al1", "al2", 1)])
    c = Control.of({"own": "gov", "reb": "reb", "al1": "ally", "al2": "ally"})
    gov = Faction("gov", frozenset({"ally"}), capital="al1")
    ps = pockets(t, c, gov)
    # The capital's piece holds only allied places: no main pocket, one pocket left.
    assert [(p.places, p.main) for p in ps] == [(("own",), False)]
    assert not is_pocket(0) and is_pocket(1)


def test_a_pockets_people_are_the_factions_own_home_places():
    t = Theatre.build("p", "P", "SY",
                      [Place("cap", "Cap", 0, 0, population=100),
                       Place("al", "Al", 0, 1, population=50),
                       Place("x", "X", 0, 2, country="LB", population=7),
                       Place("v", "V", 0, 3)],
                      [Road("cap", "al", 1), Road("al", "x", 1), Road("x", "v", 1)])
    c = Control.of({"cap": "gov", "al": "ally", "v": "gov"}).with_transit("LB", True)
    gov = Faction("gov", frozenset({"ally"}), capital="cap")
    (main,) = pockets(t, c, gov)
    # The ally's town and the foreign one are crossed, not counted; v's population is unknown.
    assert (main.population, main.unknown, main.abroad) == (100, 1, 1)
    assert people(t, c, "gov", ["cap", "al", "x", "v"]) == (100, 1)


# ---------------------------------------------------------------- oracle


@settings(max_examples=200, deadline=None)
@given(territories())
def test_pockets_equal_components_of_the_passable_subgraph(case):
    g, holders, foreign, cut, open_lb = case
    n = g.number_of_nodes()
    t, holdings, control = territory_theatre(g, holders, foreign, cut, open_lb)
    gov = Faction("gov", frozenset({"ally"}), capital=None)
    # Oracle: build the passable subgraph by hand.
    ok = {f"p{i}" for i in range(n)
          if (not foreign[i] and holders[i] in ("gov", "ally")) or (foreign[i] and open_lb)}
    assert passable_places(t, control, gov.side) == ok
    h = nx.Graph()
    h.add_nodes_from(ok)
    cut_keys = {tuple(sorted((f"p{a}", f"p{b}"))) for a, b in cut}
    h.add_edges_from((f"p{a}", f"p{b}") for a, b in g.edges
                     if f"p{a}" in ok and f"p{b}" in ok
                     and tuple(sorted((f"p{a}", f"p{b}"))) not in cut_keys)
    expected = {frozenset(c) for c in nx.connected_components(h)
                if any(holdings.get(p) == "gov" for p in c)}
    assert {frozenset(p.places) for p in pockets(t, control, gov)} == expected
