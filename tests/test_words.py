"""The one sentence generator: every verdict says what the change holds, nothing else.

The property test builds random theatres and random events, computes the
what-if, and reads the verdict back with a parser of its own (the glossary's
phrases, not the generator's code): the kind of the sentence's lead must be
the gravest kind of the change, the places it names must be the places the
change holds, its figure of people must be the change's, and "nothing
changes" must appear exactly when the change is empty. A second oracle
recomputes the change's pockets with networkx from scratch.
"""

from __future__ import annotations

import re

import networkx as nx
from hypothesis import given, settings, strategies as st

from sim.report import words
from sim.analysis import what_if
from sim.analysis.change import KINDS
from sim.campaign import CampaignEvent
from sim.control import Control, Faction, Holding, Lifeline
from sim.events import Contest, CutRoad, Fall, OpenRoad, OpenTransit
from dataclasses import replace

from sim.model import FactionInfo, Place, Road, Theatre
from sim.scenario import Scenario

NAME = r"P\d+"
NAMES = rf"{NAME}(?:(?:, | and ){NAME})*(?: and \d+ other places?)?"


def names_in(text: str) -> list[str]:
    return re.findall(NAME, text)


@st.composite
def cases(draw, max_nodes=10):
    n = draw(st.integers(3, max_nodes))
    ids = [f"p{i}" for i in range(n)]
    countries = draw(st.lists(st.sampled_from(["SY"] * 5 + ["LB"]), min_size=n, max_size=n))
    countries[0] = "SY"
    pops = draw(st.lists(st.one_of(st.none(), st.integers(0, 3_000_000)), min_size=n, max_size=n))
    places = [Place(ids[i], f"P{i}", 0.0, float(i), "town", countries[i], population=pops[i])
              for i in range(n)]
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    edges = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=2 * n, unique=True))
    t = Theatre.build("rand", "Random", "SY", places,
                      [Road(ids[a], ids[b], 10.0 + 3 * a + b) for a, b in edges])
    holders = {}
    for i, pid in enumerate(ids):
        if countries[i] == "SY":
            holders[pid] = draw(st.sampled_from(["gov", "gov", "gov", "ally", "reb"]))
    holders["p0"] = "gov"
    c = Control.of(holders, contested=draw(st.sampled_from(["holder", "closed"])),
                   open_transit=frozenset(draw(st.sets(st.just("LB")))))
    home = [p for p in ids if t.places[p].country == "SY"]
    strongholds = tuple(draw(st.lists(st.sampled_from(home), max_size=4, unique=True)))
    gov = Faction("gov", frozenset({"ally"}), "reb", "p0", tuple(dict.fromkeys(("p0", *strongholds))))
    lifelines = []
    for k in range(draw(st.integers(0, 2))):
        src = draw(st.sampled_from(home))
        targets = tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)))
        lifelines.append(Lifeline(f"L{k}", "gov", src, targets))
    events = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["fall", "fall", "fall", "gain", "contest", "cut", "open",
                                     "transit"]))
        place = draw(st.sampled_from(home))
        if kind == "fall":
            events.append(Fall(place, "reb"))
        elif kind == "gain":
            events.append(Fall(place, "gov"))
        elif kind == "contest":
            events.append(Contest(place))
        elif kind in ("cut", "open"):
            a, b = draw(st.sampled_from(edges))
            events.append((CutRoad if kind == "cut" else OpenRoad)(ids[a], ids[b]))
        else:
            events.append(OpenTransit("LB"))
    factions = {"gov": gov, "ally": Faction("ally", frozenset({"gov"})),
                "reb": Faction("reb", adversary="gov")}
    scen = Scenario("rand", "Random", "2024-12-06", t, c, factions, tuple(lifelines))
    return scen, events


def read_lead(body: str, change) -> tuple[str, list[str]]:
    """The kind of the sentence's first clause, read from its words, and the places it names."""
    patterns = [
        ("capital-lost", rf"^the gov loses its capital, ({NAME})"),
        ("lifeline-cut", rf"^({NAME}) is cut off from .+?: no "),
        ("lifeline-lost", rf"^({NAME}) loses .+?: the gov no longer holds"),
        ("lifeline-lost", rf"^the gov loses ({NAME}), where L\d+ starts"),
        ("stronghold-cut-off", rf"^({NAMES}) (?:is|are) cut off from {NAME}"),
        ("lost", rf"^the gov loses ({NAMES})"),
        ("places-isolated", rf"^({NAMES}) (?:is|are) isolated from {NAME}"),
        ("lifeline-longer", rf"^({NAME}) still reaches .+, but the shortest"),
        ("lifeline-restored", rf"^({NAME}) reaches .+ again, by a"),
        ("joined", rf"^({NAMES}) (?:is|are) joined to {NAME} again"),
        ("places-gained", rf"^the gov gains ({NAMES})"),
        ("lifeline-shorter", r"^the shortest gov route from .+ shrinks"),
        ("nothing", r"^nothing changes for the gov: "),
    ]
    for kind, pattern in patterns:
        m = re.match(pattern, body)
        if m:
            named = names_in(m.group(1)) if m.groups() else []
            ids = [f"p{x[1:]}" for x in named]
            if kind == "lost":
                kind = "stronghold-lost" if set(ids) & set(change.strongholds_lost) else "places-lost"
            if kind == "joined":
                kind = ("stronghold-reconnected" if set(ids) & set(change.strongholds_reconnected)
                        else "places-rejoined")
            return kind, ids
    raise AssertionError(f"no glossary phrase leads {body!r}")


def main_pocket(scen, control):
    """The capital's pocket, recomputed from scratch with networkx."""
    t, gov = scen.theatre, scen.factions["gov"]
    g = nx.Graph()
    opened = control.open_transit
    for pid, place in t.places.items():
        h = control.holdings.get(pid)
        if h is None:
            ok = place.country != "SY" and place.country in opened
        else:
            ok = h.faction in gov.side and (control.contested != "closed" or h.status == "held")
        if ok:
            g.add_node(pid)
    for (a, b) in t.roads:
        if a in g and b in g and (a, b) not in control.cut_roads:
            g.add_edge(a, b)
    if "p0" not in g or control.holder("p0") != "gov":
        return set()
    return nx.node_connected_component(g, "p0")


@settings(max_examples=400, deadline=None)
@given(cases())
def test_the_verdict_says_what_the_change_holds(case):
    scen, events = case
    gov = scen.factions["gov"]
    r = what_if(scen.theatre, scen.control, gov, scen.lifelines, events)
    ch = r.change
    n = words.Namer(scen)
    text = words.sentence(n, ch, events, control=r.control_after, restorers=r.restorers).text
    cond = "If " + words.describe_events(n, events) + ", "
    assert text.startswith(cond) and text.endswith(".")
    body = text[len(cond):]
    kind, named = read_lead(body, ch)
    assert kind == ch.kind, (kind, ch.kinds, text)
    assert ("nothing changes" in text) == ch.empty, text
    if kind == "stronghold-cut-off":
        assert named == list(ch.strongholds_cut_off)
    if kind == "places-isolated" and len(ch.places_isolated) <= 6:
        assert named == list(ch.places_isolated)
    lost = set(ch.places_lost) | set(ch.strongholds_lost)
    if kind in ("stronghold-lost", "places-lost") and len(lost) <= 6:
        assert set(named) == lost
    if kind == "capital-lost":
        assert named == ["p0"]
    if kind in ("stronghold-cut-off", "places-isolated") and ch.people_cut_off:
        assert f"with {words.people_words(ch.people_cut_off, ch.unknown_cut_off)}" in body
    # The change itself, against pockets recomputed from scratch.
    main_b, main_a = main_pocket(scen, scen.control), main_pocket(scen, r.control_after)
    own_b = set(scen.control.places_of("gov"))
    own_a = set(r.control_after.places_of("gov"))
    out = sorted(p for p in own_b & own_a if p in main_b and p not in main_a)
    strong = set(gov.strongholds)
    assert set(ch.places_isolated) == {p for p in out if p not in strong}
    side_b = {p for p in strong if scen.control.holder(p) in gov.side}
    side_a = {p for p in strong if r.control_after.holder(p) in gov.side}
    assert set(ch.strongholds_cut_off) == {p for p in side_b & side_a
                                           if p in main_b and p not in main_a}
    assert set(ch.strongholds_lost) == side_b - side_a
    assert ch.people_cut_off == sum(scen.theatre.places[p].population or 0 for p in out)
    assert ch.unknown_cut_off == sum(scen.theatre.places[p].population is None for p in out)
    assert ch.capital_lost == (r.control_after.holder("p0") != "gov")
    assert ch.kind in KINDS


#: What a singular label's sentence says, and what the same sentence says of a plural one.
AGREEMENT = [("loses its capital", "lose their capital"), ("and holds no other", "and hold no other"),
             ("it still holds", "they still hold"), ("place it holds", "place they hold"),
             ("or its allies", "or their allies"), ("no longer holds", "no longer hold"),
             ("factions loses", "factions lose"), ("factions gains", "factions gain"),
             ("factions secures", "factions secure")]


def _named(scen, plural: bool):
    info = [FactionInfo("gov", "Blue factions", short="Blue factions", plural=plural),
            FactionInfo("reb", "Red Front", short="Red Front")]
    return replace(scen, theatre=scen.theatre.with_factions(info))


@settings(max_examples=300, deadline=None)
@given(cases())
def test_a_plural_label_agrees_and_a_singular_one_is_unchanged(case):
    """Every clause of every kind about a plural-labelled faction takes plural verbs and
    pronouns, and is the singular sentence with just those words changed."""
    scen, events = case
    r = what_if(scen.theatre, scen.control, scen.factions["gov"], scen.lifelines, events)
    texts = {}
    for plural in (False, True):
        n = words.Namer(_named(scen, plural))
        texts[plural] = [words.clause(n, r.change, kind, control=r.control_after,
                                      restorers=r.restorers) for kind in r.change.kinds]
        texts[plural].append(words.sentence(n, r.change, events, control=r.control_after).text)
    for one, many in zip(texts[False], texts[True]):
        assert not re.search(r"the Blue factions (no longer )?(loses|gains|holds|has|secures)\b"
                             r"|\bit (still )?holds|\bits (capital|allies)", many), many
        for singular, plural in AGREEMENT:
            one = one.replace(singular, plural)
        assert one == many


def test_a_plural_label_secures_and_a_gained_capital_is_not_joined_to_itself():
    theatre = Theatre.build("t", "T", "SY", [Place("a", "A", 0, 0), Place("b", "B", 0, 1),
                                             Place("c", "C", 0, 2)],
                            [Road("a", "b", 5.0), Road("b", "c", 5.0)])
    scen = _named(Scenario("t", "T", "2024-12-06", theatre,
                           Control.of({"a": "reb", "b": "reb", "c": "reb"}),
                           {"gov": Faction("gov", adversary="reb", capital="a"),
                            "reb": Faction("reb")}, ()), True)
    n = words.Namer(scen)
    before = scen.control.with_holding("b", Holding("gov", "contested"))
    secured = words.describe_handovers(n, [CampaignEvent("2024-12-07", "b", "gov")], before)
    assert secured == "the Blue factions secure B"
    gov = scen.factions["gov"]
    alone = what_if(theatre, scen.control, gov, (), [Fall("a", "gov")]).change
    assert words.clause(n, alone, "places-gained") == "the Blue factions gain A"
    both = what_if(theatre, scen.control, gov, (), [Fall("a", "gov"), Fall("b", "gov")]).change
    assert words.clause(n, both, "places-gained") == "the Blue factions gain A and B (B joined to A)"
    apart = what_if(theatre, scen.control, gov, (), [Fall("a", "gov"), Fall("c", "gov")]).change
    assert words.clause(n, apart, "places-gained") == "the Blue factions gain A and C (C isolated from A)"


def test_every_kind_has_a_lead_phrase():
    assert KINDS[-1] == "nothing" and len(set(KINDS)) == len(KINDS)


def test_people_are_rounded_and_unknowns_named():
    assert words.people_words(1_362_139) == "about 1.36 million people"
    assert words.people_words(186_530) == "about 187,000 people"
    assert words.people_words(0, 3) == "3 places of unknown population"
    assert words.people_words(950, 1) == "950 people and 1 place of unknown population"
    assert words.rounded(3_680_010) == "3.68 million"
