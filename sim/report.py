"""Reports: what-if and scenario summaries as plain text and as JSON.

Text is for people: it opens with a one-sentence verdict. JSON is for
machines and follows the schema in ``docs/json-output.md``. Both are
deterministic (sorted, rounded), so the same question gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .analysis import Assessment, LifelineStatus, Route, WhatIf, assess
from .analysis.pockets import pockets as find_pockets
from . import words
from .events import Event
from .scenario import Scenario
from .words import join_words, km, people_words

WHATIF_SCHEMA = "sim.what-if/1"
SHOW_SCHEMA = "sim.show/1"


# ---------------------------------------------------------------- words
# Every sentence comes from sim.words; these wrappers take the scenario.

def name_of(scenario: Scenario, place: str) -> str:
    return scenario.theatre.places[place].name


def describe_events(scenario: Scenario, events: Sequence[Event]) -> str:
    """All events as one clause: "Homs and Qusayr fall to the opposition"."""
    return words.describe_events(words.Namer(scenario), events)


def via(scenario: Scenario, route: Route, limit: int = 4, *, instead_of: Route | None = None) -> str:
    return words.via(words.Namer(scenario), route, limit, instead_of=instead_of)


def verdict_sentence(scenario: Scenario, result: WhatIf) -> words.Sentence:
    """The verdict as a :class:`~sim.words.Sentence` (its kind and clauses)."""
    return words.sentence(words.Namer(scenario), result.change, result.events,
                          control=result.control_after, restorers=result.restorers)


def verdict(scenario: Scenario, result: WhatIf) -> str:
    """The one-sentence answer that opens a what-if report, written from ``result.change``."""
    return verdict_sentence(scenario, result).text


# ---------------------------------------------------------------- text

def _status_text(scenario: Scenario, s: LifelineStatus) -> str:
    if s.status == "connected" and s.route:
        how = via(scenario, s.route)
        return f"connected, {km(s.route.km)} to {name_of(scenario, s.route.target)}" + (
            f" via {how}" if how else "")
    return status_words(s.status)


def status_words(status: str) -> str:
    """A lifeline status as reports print it (glossary: connected, cut, lost)."""
    return {"connected": "connected", "cut": "CUT", "source-lost": "lost (source not held)",
            "target-lost": "lost (no target held)"}[status]


def pocket_tag(pocket) -> str:
    """ "main", "cut off" (holds a stronghold) or "isolated" (holds none)."""
    return "main" if pocket.main else "cut off" if pocket.strongholds else "isolated"


def pocket_size(scenario: Scenario, pocket) -> str:
    """ "13 places, about 1.36 million people" (foreign places are crossed, not counted)."""
    size = words.count(len(pocket.places), "place")
    if pocket.abroad:
        size += f" ({pocket.abroad} abroad)"
    if not pocket.population:
        return size + (", population unknown" if pocket.unknown else "")
    return f"{size}, {people_words(pocket.population, pocket.unknown)}"


POCKET_KEY = "main: joined to the capital; cut off: holds a stronghold; isolated: holds none"


def _names(scenario: Scenario, places, limit: int | None = 12) -> str:
    """Place names as a list, the first ``limit`` of them and a count of the rest."""
    return words.Namer(scenario).places(list(places), limit=limit)


def _people(known: int, unknown: int) -> str:
    """People for a report line: "about 1.40 million people", or "population unknown"."""
    return people_words(known, unknown) if known else "population unknown"


def _pocket_line(scenario: Scenario, pocket, limit: int = 8) -> str:
    names = [name_of(scenario, p) for p in pocket.places]
    shown = ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")
    return f"{pocket_size(scenario, pocket)}: {shown}"


def whatif_text(scenario: Scenario, result: WhatIf) -> str:
    fac = result.faction
    out = [verdict(scenario, result), ""]
    out.append(f"Scenario   {scenario.title} ({scenario.id}, {scenario.date})")
    out.append(f"Events     {describe_events(scenario, result.events)}")
    cap = f", capital {name_of(scenario, fac.capital)}" if fac.capital else ""
    out.append(f"Faction    the {scenario.faction_label(fac.id)}{cap}")
    out.append("")
    out.append("Lifelines")
    for b, a in zip(result.before.lifelines, result.after.lifelines):
        ll = b.lifeline
        targets = join_words([name_of(scenario, t) for t in ll.targets], "or")
        out.append(f"  {ll.name} ({name_of(scenario, ll.source)} to {targets})")
        out.append(f"    before  {_status_text(scenario, b)}")
        out.append(f"    after   {_status_text(scenario, a)}")
        for (ra, rb), status in result.restorers.get(ll.name, ()):
            out.append(f"            reopening the {name_of(scenario, ra)} - "
                       f"{name_of(scenario, rb)} road would restore it: "
                       f"{_status_text(scenario, status)}")
    changes = []
    for b, a in result.changes():
        before = {r.target: r for r in b.routes}
        after = {r.target: r for r in a.routes}
        for t in b.lifeline.targets:
            rb, ra = before.get(t), after.get(t)
            if rb is None and ra is None:
                continue
            if rb and ra and abs(rb.km - ra.km) < 0.05:
                continue
            src = name_of(scenario, b.lifeline.source)
            new = "no route" if ra is None else km(ra.km) + (
                f" via {via(scenario, ra, 3, instead_of=rb)}"
                if rb and via(scenario, ra, 3, instead_of=rb) else "")
            changes.append(f"  {src} - {name_of(scenario, t)}: "
                           f"{km(rb.km) if rb else 'no route'} -> {new}")
    if changes:
        out += ["", "Route changes", *sorted(set(changes))]
    ch = result.change
    capital = name_of(scenario, fac.capital) if fac.capital else "the capital"
    if ch.strongholds_cut_off:
        out += ["", f"Strongholds newly cut off from {capital}"]
        seen = []
        for place in ch.strongholds_cut_off:
            pocket = result.after.pocket_of(place)
            if pocket is None:
                out.append(f"  {name_of(scenario, place)}: held, but no road is usable")
                continue
            if pocket in seen:
                continue
            seen.append(pocket)
            members = [name_of(scenario, p) for p in pocket.strongholds
                       if p in ch.strongholds_cut_off]
            out.append(f"  {join_words(members)}: in a pocket of {_pocket_line(scenario, pocket)}")
    if ch.places_isolated:
        out += ["", f"Other places newly isolated from {capital}",
                "  " + _names(scenario, ch.places_isolated)]
    if ch.strongholds_cut_off or ch.places_isolated:
        out.append(f"  people cut off in all: {_people(ch.people_cut_off, ch.unknown_cut_off)}")
    if ch.places_lost:
        strong = [p for p in ch.places_lost if p in ch.strongholds_lost]
        other = [p for p in ch.places_lost if p not in ch.strongholds_lost]
        out += ["", "Places lost"]
        if strong:
            out.append("  strongholds: " + _names(scenario, strong))
        if other:
            out.append("  other places: " + _names(scenario, other))
        if ch.people_lost or ch.unknown_lost:
            out.append(f"  people in them: {_people(ch.people_lost, ch.unknown_lost)}")
    if ch.strongholds_reconnected or ch.places_rejoined:
        out += ["", f"Joined to {capital} again",
                "  " + _names(scenario, ch.strongholds_reconnected + ch.places_rejoined)]
    if ch.places_gained:
        out += ["", "Places gained", "  " + _names(scenario, ch.places_gained)]
    out += ["", "Chokepoints before the events (one fall alone cuts the lifeline)"]
    for ll_status in result.before.lifelines:
        name = ll_status.lifeline.name
        chokes = result.before.chokepoints[name]
        text = ", ".join(name_of(scenario, p) for p in chokes) if chokes else (
            "none" if ll_status.status == "connected" else f"none ({ll_status.status})")
        out.append(f"  {name}: {text}")
    out += ["", f"Pockets of the {scenario.faction_label(fac.id)} after the events "
            f"({POCKET_KEY})"]
    for i, pocket in enumerate(result.after.pockets, 1):
        out.append(f"  {i}. [{pocket_tag(pocket)}] {_pocket_line(scenario, pocket)}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- JSON

def scenario_json(scenario: Scenario) -> dict[str, Any]:
    """The ``scenario`` member every JSON document carries."""
    return {"id": scenario.id, "title": scenario.title, "date": scenario.date,
            "theatre": scenario.theatre.id}


def whatif_json(scenario: Scenario, result: WhatIf) -> dict[str, Any]:
    """The what-if as the ``sim.what-if/1`` JSON document."""
    return {
        "schema": WHATIF_SCHEMA,
        "scenario": scenario_json(scenario),
        "events": [e.as_json() for e in result.events],
        "faction": result.faction.id,
        "verdict": verdict(scenario, result),
        "lifelines": [
            {"name": b.lifeline.name, "source": b.lifeline.source,
             "targets": list(b.lifeline.targets), "before": b.as_json(), "after": a.as_json()}
            for b, a in zip(result.before.lifelines, result.after.lifelines)],
        "chokepoints": {k: list(v) for k, v in result.before.chokepoints.items()},
        "chokepoints_after": {k: list(v) for k, v in result.after.chokepoints.items()},
        "strongholds": {"before": dict(result.before.strongholds),
                        "after": dict(result.after.strongholds)},
        "newly_cut_off": list(result.newly_cut_off),
        "restored_by": {name: [{"road": list(key), **status.as_json()} for key, status in fixes]
                        for name, fixes in result.restorers.items()},
        "newly_lost": list(result.newly_lost),
        "change": result.change.as_json(),
        "pockets": {"before": [p.as_json() for p in result.before.pockets],
                    "after": [p.as_json() for p in result.after.pockets]},
    }


def dumps(doc: Any) -> str:
    """Stable JSON text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- show

def scenario_assessments(scenario: Scenario) -> dict[str, Assessment]:
    """An assessment of every faction that has lifelines or strongholds."""
    return {fid: assess(scenario.theatre, scenario.control, fac, scenario.lifelines)
            for fid, fac in scenario.factions.items()
            if fac.strongholds or scenario.lifelines_of(fid)}


def show_json(scenario: Scenario) -> dict[str, Any]:
    """The scenario as the ``sim.show/1`` JSON document."""
    ctl = scenario.control
    factions = {}
    for fid, fac in scenario.factions.items():
        a = assess(scenario.theatre, ctl, fac, scenario.lifelines)
        factions[fid] = {
            "name": scenario.theatre.factions[fid].name if fid in scenario.theatre.factions else fid,
            "allies": sorted(fac.allies), "adversary": fac.adversary, "capital": fac.capital,
            "places": ctl.places_of(fid),
            "strongholds": dict(a.strongholds),
            "pockets": [p.as_json() for p in a.pockets],
            "lifelines": [{"name": s.lifeline.name, "source": s.lifeline.source,
                           "targets": list(s.lifeline.targets), **s.as_json(),
                           "chokepoints": list(a.chokepoints[s.lifeline.name])}
                          for s in a.lifelines],
        }
    return {
        "schema": SHOW_SCHEMA,
        "scenario": scenario_json(scenario),
        "control": {p: {"faction": h.faction, "status": h.status, "source": h.source,
                        "fact": h.fact, "date": h.date} for p, h in ctl.holdings.items()},
        "contested": sorted(p for p in ctl.holdings if ctl.is_contested(p)),
        "cut_roads": [list(k) for k in sorted(ctl.cut_roads)],
        "open_transit": sorted(ctl.open_transit),
        "contested_policy": ctl.contested,
        "transit_rights": {f: sorted(c) for f, c in sorted(ctl.transit_rights.items())},
        "sources": {sid: {"title": src.title, "outlet": src.outlet, "date": src.date,
                          "url": src.url, "secondary": src.secondary}
                    for sid, src in scenario.sources.items()},
        "factions": factions,
    }


def show_text(scenario: Scenario, faction: str | None = None) -> str:
    """The scenario as text; with ``faction``, only that faction's pockets and lifelines."""
    ctl = scenario.control
    th = scenario.theatre
    out = [f"{scenario.title} ({scenario.id}, {scenario.date}), theatre {th.name}"]
    if scenario.description:
        out += ["", scenario.description]
    out += ["", "Control"]
    for fid in scenario.factions:
        places = ctl.places_of(fid)
        if not places:
            continue
        contested = [name_of(scenario, p) for p in places if ctl.is_contested(p)]
        names = ", ".join(name_of(scenario, p) for p in places)
        out.append(f"  {scenario.faction_label(fid)} ({len(places)}): {names}")
        if contested:
            out.append(f"    contested: {', '.join(contested)}")
    if ctl.cut_roads:
        out.append("  cut roads: " + ", ".join(f"{name_of(scenario, a)} - {name_of(scenario, b)}"
                                               for a, b in sorted(ctl.cut_roads)))
    out.append("  foreign transit open: " + (", ".join(th.country_name(c) for c in
                                                    sorted(ctl.open_transit)) or "none"))
    for fid, a in scenario_assessments(scenario).items():
        if faction is not None and fid != faction:
            continue
        fac = scenario.factions[fid]
        cap = f", capital {name_of(scenario, fac.capital)}" if fac.capital else ""
        out += ["", f"The {scenario.faction_label(fid)}{cap}"]
        if len(a.pockets) > 1:
            out.append(f"  pockets ({POCKET_KEY}):")
        for i, pocket in enumerate(a.pockets, 1):
            out.append(f"  pocket {i} [{pocket_tag(pocket)}] {_pocket_line(scenario, pocket)}")
        off = [name_of(scenario, p) for p, s in a.strongholds.items() if s == "cut-off"]
        lost = [name_of(scenario, p) for p, s in a.strongholds.items() if s == "lost"]
        if off:
            out.append(f"  strongholds cut off: {join_words(off)}")
        if lost:
            out.append(f"  strongholds lost: {join_words(lost)}")
        for s in a.lifelines:
            chokes = a.chokepoints[s.lifeline.name]
            out.append(f"  lifeline {s.lifeline.name}: {_status_text(scenario, s)}")
            if chokes:
                out.append(f"    chokepoints: {', '.join(name_of(scenario, p) for p in chokes)}")
    return "\n".join(out) + "\n"


__all__ = ["describe_events", "dumps", "find_pockets", "show_json", "show_text", "verdict",
           "whatif_json", "whatif_text"]
