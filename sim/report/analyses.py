"""Reports of the four analyses (critical, cut, routes, risk) as text and JSON.

Text opens with a one-sentence answer in plain words; JSON documents carry a
``schema`` name (``sim.critical/1``, ``sim.critical-pairs/1``, ``sim.cut/1``, ``sim.captures/1``,
``sim.routes/1``, ``sim.risk/1``). Both are deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the analyses import numpy; a report of another command need not
    from ..analysis.critical import Criticality
    from ..analysis.cuts import Captures, MinCut
    from ..analysis.pairs import CriticalPairs
    from ..analysis.risk import Estimate, Risk
    from ..analysis.routes import Routes
from . import words
from ..control import Lifeline
from ..events import Fall
from .common import name_of, scenario_json, status_words, via
from .words import join_words, km
from ..scenario import Scenario
from .words import people_words


def _names(scenario: Scenario, places: Sequence[str], last: str = "and") -> str:
    return join_words([name_of(scenario, p) for p in places], last)


def _path(scenario: Scenario, places: Sequence[str]) -> str:
    return " - ".join(name_of(scenario, p) for p in places)


def _header(scenario: Scenario, faction: str) -> list[str]:
    fac = scenario.factions.get(faction)
    cap = f", capital {name_of(scenario, fac.capital)}" if fac and fac.capital else ""
    return [f"Scenario   {scenario.title} ({scenario.id}, {scenario.date})",
            f"Faction    the {scenario.faction_label(faction)}{cap}"]


# ---------------------------------------------------------------- critical

def _impact_words(scenario: Scenario, result: Criticality, entry) -> str:
    """What one fall would do, written from its change by the one generator."""
    return words.consequences(words.Namer(scenario), result.change_of(entry))


def capital_fall_words(scenario: Scenario, result: Criticality) -> str:
    """The capital's own fall, as the verdict generator words a loss of the capital."""
    entry = result.capital_fall
    change = result.change_of(entry)
    return words.sentence(words.Namer(scenario), change,
                          [Fall(entry.place, result.faction.adversary)]
                          if result.faction.adversary else []).text


def critical_verdict(scenario: Scenario, result: Criticality, top: int | None = 10) -> str:
    """The sentence that opens the ranking: the most critical place and what its fall cuts."""
    label = scenario.faction_label(result.faction.id)
    shown = result.top(top)
    aside = ", the capital aside," if result.capital_fall is not None else ""
    if shown:
        first = shown[0]
        return (f"The most critical {label} place{aside} is {name_of(scenario, first.place)}: "
                f"its fall alone {_impact_words(scenario, result, first)}.")
    if result.held == 0:
        n, fid = words.Namer(scenario), result.faction.id
        return (f"The {label} {n.agree(fid, 'holds', 'hold')} no place in this scenario, so no "
                f"fall of {n.agree(fid, 'its', 'their')} own can cut anything.")
    return f"No single {label} place{aside} cuts anything by its fall alone."


def critical_text(scenario: Scenario, result: Criticality, top: int | None = 10) -> str:
    fac = result.faction
    shown = result.top(top)
    verdict = critical_verdict(scenario, result, top)
    out = [verdict, ""] + _header(scenario, fac.id)
    out.append(f"Places     {result.held} held; {result.held - result.harmless} cut something "
               f"by their fall alone, {result.harmless} cut nothing")
    if result.capital_fall is not None:
        out += ["", "The capital's own fall", "  " + capital_fall_words(scenario, result)]
    if shown:
        rows = [(str(i), name_of(scenario, e.place), str(len(e.lifelines)),
                 str(len(e.strongholds)), words.people_figure(e.population, e.unknown))
                for i, e in enumerate(shown, 1)]
        head = ("#", "Place", "Lifelines cut", "Strongholds cut off", "People cut off")
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
        out += ["", "The other places, ranked (people rounded; unknown: places of unknown "
                "population)"]
        out.append("  ".join(h.ljust(w) if i < 2 else h.rjust(w)
                             for i, (h, w) in enumerate(zip(head, widths))).rstrip())
        for r in rows:
            out.append("  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                                 for i, (c, w) in enumerate(zip(r, widths))).rstrip())
        out += ["", "What each fall would cut"]
        for i, e in enumerate(shown, 1):
            out.append(f"  {i}. {name_of(scenario, e.place)}: "
                       f"{_impact_words(scenario, result, e)}")
        if top is not None and len(result.places) > len(shown):
            out.append(f"  ({len(result.places) - len(shown)} more: --top N shows more)")
    return "\n".join(out) + "\n"


def critical_json(scenario: Scenario, result: Criticality, top: int | None = None) -> dict:
    cap = result.capital_fall
    return {"schema": "sim.critical/1", "scenario": scenario_json(scenario),
            "faction": result.faction.id, "capital": result.faction.capital,
            "held": result.held, "harmless": result.harmless,
            "critical": len(result.places),
            "lifelines": [ll.name for ll in result.lifelines],
            "capital_fall": None if cap is None else dict(
                cap.as_json(), verdict=capital_fall_words(scenario, result)),
            "places": [dict(e.as_json(), rank=i) for i, e in enumerate(result.top(top), 1)]}


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]], left: int = 2) -> list[str]:
    """Rows under a head, the first ``left`` columns to the left, the others to the right."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return ["  ".join(c.ljust(w) if i < left else c.rjust(w)
                      for i, (c, w) in enumerate(zip(r, widths))).rstrip()
            for r in [head, *rows]]


# ---------------------------------------------------------------- critical --pairs

def _pair_words(scenario: Scenario, result: CriticalPairs, entry) -> str:
    return words.pair_words(words.Namer(scenario), result.change_of(entry),
                            result.beyond_of(entry))


def pairs_verdict(scenario: Scenario, result: CriticalPairs) -> str:
    """The sentence that opens the ranking of pairs: the worst pair and what it cuts."""
    label = scenario.faction_label(result.faction.id)
    n, fid = words.Namer(scenario), result.faction.id
    if result.pairs and result.harmful:
        first = result.pairs[0]
        return (f"The two {label} places, the capital aside, whose falls together would cut "
                f"the most are {_names(scenario, first.places)}: "
                f"{_pair_words(scenario, result, first)}.")
    if result.held == 0:
        return (f"The {label} {n.agree(fid, 'holds', 'hold')} no place in this scenario, so no "
                f"fall of {n.agree(fid, 'its', 'their')} own can cut anything.")
    if result.candidates < 2:
        return (f"The {label} {n.agree(fid, 'holds', 'hold')} fewer than two places to pass "
                f"through besides the capital, so there is no pair of falls to judge.")
    return f"No two {label} places, the capital aside, cut anything by their falls together."


def pairs_text(scenario: Scenario, result: CriticalPairs) -> str:
    shown = result.pairs[:result.top]
    out = [pairs_verdict(scenario, result), ""] + _header(scenario, result.faction.id)
    out.append(f"Pairs      {words.count(result.considered, 'pair')} of "
               f"{words.count(result.candidates, 'place')} held (the capital aside); "
               f"{result.harmful:,} cut something by their falls together")
    if shown:
        rows = [(str(i), " + ".join(name_of(scenario, p) for p in e.places),
                 str(len(e.lifelines)), str(len(e.strongholds)),
                 words.people_figure(e.population, e.unknown))
                for i, e in enumerate(shown, 1)]
        out += ["", "The pairs, ranked (people rounded; unknown: places of unknown population)"]
        out += _table(("#", "Places", "Lifelines cut", "Strongholds cut off", "People cut off"),
                      rows)
        out += ["", "What each pair would cut, and what neither fall cuts alone"]
        out += [f"  {i}. {_names(scenario, e.places)}: {_pair_words(scenario, result, e)}"
                for i, e in enumerate(shown, 1)]
    if result.harmful > len(shown):
        out.append(f"  ({result.harmful - len(shown):,} more: --top N shows more)")
    return "\n".join(out) + "\n"


def pairs_json(scenario: Scenario, result: CriticalPairs) -> dict:
    return {"schema": "sim.critical-pairs/1", "scenario": scenario_json(scenario),
            "faction": result.faction.id, "capital": result.faction.capital,
            "held": result.held, "candidates": result.candidates,
            "considered": result.considered, "harmful": result.harmful, "top": result.top,
            "lifelines": [ll.name for ll in result.lifelines],
            "verdict": pairs_verdict(scenario, result),
            "pairs": [dict(e.as_json(), rank=i, summary=_pair_words(scenario, result, e))
                      for i, e in enumerate(result.pairs[:result.top], 1)]}


# ---------------------------------------------------------------- cut

def lifeline_for(scenario: Scenario, faction: str, source: str,
                 targets: Sequence[str]) -> Lifeline | None:
    """The scenario's lifeline with exactly this source and these targets, if any."""
    for ll in scenario.lifelines_of(faction):
        if ll.source == source and set(ll.targets) == set(targets):
            return ll
    return None


def _target_words(scenario: Scenario, result) -> str:
    ll = lifeline_for(scenario, result.faction, result.source, result.targets)
    if ll is not None and (ll.label or " - " in ll.name):
        return ll.target_label
    return _names(scenario, result.targets, "or")


def cut_verdict(scenario: Scenario, result: MinCut) -> str:
    src = name_of(scenario, result.source)
    what = _target_words(scenario, result)
    label = scenario.faction_label(result.faction)
    n = len(result.places)
    if result.status == "cuttable":
        return (f"If {_names(scenario, result.places)} {'falls' if n == 1 else 'fall'}, {src} "
                f"is cut off from {what}: no {label}-held road would join them.")
    if result.status == "uncuttable":
        return (f"No captures can cut {src} off from {what}: a target is next door, or "
                f"every route runs through places nobody holds.")
    if result.status == "already-cut":
        return f"{src} is already cut off from {what}: no {label}-held road joins them."
    agree = words.Namer(scenario).agree
    if result.status == "source-lost":
        return (f"The {label} {agree(result.faction, 'does', 'do')} not hold {src}, so there is "
                f"nothing to cut.")
    return (f"The {label} {agree(result.faction, 'holds', 'hold')} none of "
            f"{_names(scenario, result.targets, 'or')}, so there is nothing to cut.")


def _cut_cost(scenario: Scenario, result: MinCut) -> list[str]:
    """How the cut's cost reads: the known people, and the places of unknown population."""
    th = scenario.theatre
    if result.weight == "uniform":
        return ["           (no smaller set of captures cuts it)"]
    if result.weight != "population":
        return [f"           (no set of captures with a smaller total {result.weight} cuts it;",
                f"           among equals, the fewest places; a missing {result.weight} counts 0)"]
    from ..analysis.cuts import unknown_population_weight

    unknown = [p for p in result.places if th.places[p].population is None]
    known = sum(th.places[p].population or 0 for p in result.places)
    out = [f"           people in them: {people_words(known, len(unknown))}",
           "           (no set of captures with fewer people in it cuts it; among equals, the "
           "fewest places;"]
    fill = unknown_population_weight(th)
    out.append(f"           a place of unknown population is weighed as {fill:,} people, the "
               f"smallest known population)")
    if unknown:
        out.append(f"           unknown population: {_names(scenario, unknown)}")
    return out


def cut_text(scenario: Scenario, result: MinCut) -> str:
    out = [cut_verdict(scenario, result), ""] + _header(scenario, result.faction)
    out.append(f"From       {name_of(scenario, result.source)}")
    out.append(f"To         {_names(scenario, result.targets, 'or')}")
    out.append(f"Weight     {result.weight}")
    if result.status in ("cuttable", "uncuttable"):
        out.append(f"Routes     {words.count(result.routes, 'passable route')} sharing no place on "
                   f"the way")
    if result.status == "cuttable":
        out.append(f"Cut        {words.count(len(result.places), 'place')}: "
                   f"{_names(scenario, result.places)}")
        out += _cut_cost(scenario, result)
    return "\n".join(out) + "\n"


def cut_json(scenario: Scenario, result: MinCut) -> dict:
    th = scenario.theatre
    return {"schema": "sim.cut/1", "scenario": scenario_json(scenario),
            "verdict": cut_verdict(scenario, result), **result.as_json(),
            "population_unknown": [p for p in result.places if th.places[p].population is None]}


def captures_verdict(scenario: Scenario, result: Captures) -> str:
    fac = scenario.factions[result.faction]
    capital = name_of(scenario, fac.capital)
    if not result.places or (not result.strongholds and not result.population
                             and not result.unknown):
        some = "single capture" if result.n == 1 else f"set of at most {result.n} captures"
        return f"No {some} cuts anything off from {capital}."
    n = len(result.places)
    cond = f"If {_names(scenario, result.places)} {'falls' if n == 1 else 'fall'}, "
    who = people_words(result.population, result.unknown)
    if result.strongholds:
        return (cond + f"{_names(scenario, result.strongholds)} "
                f"{words.be(result.strongholds)} cut off from {capital}, with {who} in all.")
    return cond + f"{who} {'is' if result.population == 1 else 'are'} cut off from {capital}."


def captures_text(scenario: Scenario, result: Captures) -> str:
    out = [captures_verdict(scenario, result), ""] + _header(scenario, result.faction)
    out.append(f"Captures   at most {result.n}, ranked by {result.by}")
    if result.method == "exact":
        how = (f"exact: every set of at most {words.count(result.n, 'capture')} was covered "
               f"({words.count(result.sweeps, 'linear-time sweep')})")
    else:
        how = (f"greedy: one best capture at a time ({words.count(result.sweeps, 'sweep')}); too "
               f"many sets for an exact search, so a better set may exist")
    out.append(f"Method     {how}")
    if result.places:
        out.append(f"Take       {_names(scenario, result.places)}")
        out.append(f"Cut off    {words.count(len(result.strongholds), 'stronghold')}"
                   + (f": {_names(scenario, result.strongholds)}" if result.strongholds else "")
                   + f"; people: {people_words(result.population, result.unknown)}")
    return "\n".join(out) + "\n"


def captures_json(scenario: Scenario, result: Captures) -> dict:
    return {"schema": "sim.captures/1", "scenario": scenario_json(scenario),
            "verdict": captures_verdict(scenario, result), **result.as_json()}


# ---------------------------------------------------------------- routes

def routes_verdict(scenario: Scenario, result: Routes) -> str:
    a, b = name_of(scenario, result.source), name_of(scenario, result.target)
    label = scenario.faction_label(result.faction)
    if result.status == "connected":
        best = result.routes[0]
        how = via(scenario, best)
        return (f"{a} reaches {b} on {label}-held roads; the shortest route is {km(best.km)}"
                + (f" via {how}" if how else "")
                + ("; one capture can cut them apart." if result.width == 1 else
                   f"; {result.width} routes share no place on the way."))
    if result.status == "cut":
        return f"{a} is cut off from {b}: no {label}-held road joins them."
    lost = a if result.status == "source-lost" else b
    return f"The {label} cannot pass through {lost}."


def routes_text(scenario: Scenario, result: Routes) -> str:
    out = [routes_verdict(scenario, result), ""] + _header(scenario, result.faction)
    out.append(f"From       {name_of(scenario, result.source)}")
    out.append(f"To         {name_of(scenario, result.target)}")
    if result.routes:
        out += ["", f"Shortest passable routes ({len(result.routes)})"]
        for i, r in enumerate(result.routes, 1):
            out.append(f"  {i}. {km(r.km)}: {_path(scenario, r.places)}")
        w = result.width
        out += ["", f"Corridor width: {words.count(w, 'route')} sharing no place on the way"]
    if result.peacetime is not None:
        out += ["", f"Peacetime route (control ignored): {km(result.peacetime.km)}: "
                f"{_path(scenario, result.peacetime.places)}"]
        if result.detour is not None:
            out.append(f"Detour factor: {result.detour:.2f} (shortest passable route / "
                       f"peacetime route)")
    return "\n".join(out) + "\n"


def routes_json(scenario: Scenario, result: Routes) -> dict:
    return {"schema": "sim.routes/1", "scenario": scenario_json(scenario),
            "verdict": routes_verdict(scenario, result), **result.as_json()}


# ---------------------------------------------------------------- risk

def _pct(est: Estimate) -> str:
    low, high = est.interval
    return f"{100 * est.probability:5.1f}%  ({100 * low:.1f}-{100 * high:.1f}%)"


def risk_verdict(scenario: Scenario, result: Risk) -> str:
    label = scenario.faction_label(result.faction.id)
    live = [r for r in result.lifelines if r.connected]
    if not result.lifelines:
        have = words.Namer(scenario).agree(result.faction.id, "has", "have")
        return f"The {label} {have} no lifeline to judge; see the strongholds below."
    if not live:
        return (f"No {label} lifeline is connected now, so none can be cut; see the "
                f"strongholds below.")
    worst = max(live, key=lambda r: (r.cut.hits, r.lifeline.name))
    low, high = worst.cut.interval
    return (f"The {label} lifeline most at risk is {worst.lifeline.name}: cut or lost in "
            f"{100 * worst.cut.probability:.1f}% of {result.trials:,} trials "
            f"(95% interval {100 * low:.1f}-{100 * high:.1f}%).")


def risk_text(scenario: Scenario, result: Risk) -> str:
    out = [risk_verdict(scenario, result), ""] + _header(scenario, result.faction.id)
    out.append(f"Trials     {result.trials:,}, seed {result.seed}")
    out.append("At risk    " + ", ".join(f"{name_of(scenario, p)} {c:g}"
                                         for p, c in result.at_risk))
    if result.lifelines:
        out += ["", "Lifelines: chance of being cut or lost (95% interval)"]
        width = max(len(r.lifeline.name) for r in result.lifelines)
        for r in result.lifelines:
            text = _pct(r.cut) if r.connected else "  already " + status_words(r.status)
            out.append(f"  {r.lifeline.name:<{width}}  {text}")
    cap = result.faction.capital
    capital = next((s for s in result.strongholds if s.place == cap), None)
    if capital is not None:
        name = name_of(scenario, cap)
        out += ["", f"The capital: chance that {name} is lost"]
        out.append(f"  {name}  " + (f"lost {_pct(capital.lost)}" if capital.now != "lost"
                                    else "already lost"))
    others = [s for s in result.strongholds if s.place != cap]
    if others:
        frm = f" from {name_of(scenario, cap)}" if cap else ""
        out += ["", f"Other strongholds: chance of being cut off{frm}, and of being lost"]
        width = max(len(name_of(scenario, s.place)) for s in others)
        for s in others:
            name = name_of(scenario, s.place)
            if s.now == "connected":
                out.append(f"  {name:<{width}}  cut off {_pct(s.cut_off)}   lost {_pct(s.lost)}")
            else:
                out.append(f"  {name:<{width}}  already {s.now.replace('-', ' ')}")
    return "\n".join(out) + "\n"


def risk_json(scenario: Scenario, result: Risk) -> dict:
    return {"schema": "sim.risk/1", "scenario": scenario_json(scenario),
            "faction": result.faction.id, "trials": result.trials, "seed": result.seed,
            "verdict": risk_verdict(scenario, result),
            "at_risk": {p: c for p, c in result.at_risk},
            "lifelines": [{"name": r.lifeline.name, "source": r.lifeline.source,
                           "targets": list(r.lifeline.targets),
                           "status_now": r.status,
                           "cut": r.cut.as_json()}
                          for r in result.lifelines],
            "capital_lost": next((s.lost.as_json() for s in result.strongholds
                                  if s.place == result.faction.capital), None),
            "strongholds": {s.place: {"now": s.now, "cut_off": s.cut_off.as_json(),
                                      "lost": s.lost.as_json()}
                            for s in result.strongholds if s.place != result.faction.capital}}
