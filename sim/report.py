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
from .events import CloseTransit, Contest, CutRoad, Event, Fall, OpenRoad, OpenTransit
from .scenario import Scenario

WHATIF_SCHEMA = "sim.what-if/1"
SHOW_SCHEMA = "sim.show/1"


# ---------------------------------------------------------------- words

def name_of(scenario: Scenario, place: str) -> str:
    return scenario.theatre.places[place].name


def join_words(words: Sequence[str], last: str = "and") -> str:
    """English list: "A", "A and B", "A, B and C".

    >>> join_words(["Latakia", "Tartus"], "or")
    'Latakia or Tartus'
    """
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def the(scenario: Scenario, faction: str | None) -> str:
    """The faction as a sentence names it: "the opposition"."""
    return "nobody" if faction is None else "the " + scenario.faction_label(faction)


def describe_event(scenario: Scenario, event: Event) -> str:
    th = scenario.theatre
    if isinstance(event, Fall):
        return f"{name_of(scenario, event.place)} falls to {the(scenario, event.faction)}"
    if isinstance(event, Contest):
        return f"{name_of(scenario, event.place)} becomes contested"
    if isinstance(event, CutRoad):
        return f"the {name_of(scenario, event.a)} - {name_of(scenario, event.b)} road is cut"
    if isinstance(event, OpenRoad):
        return f"the {name_of(scenario, event.a)} - {name_of(scenario, event.b)} road reopens"
    if isinstance(event, OpenTransit):
        return f"transit through {th.country_name(event.country)} is open"
    if isinstance(event, CloseTransit):
        return f"transit through {th.country_name(event.country)} is closed"
    raise TypeError(event)


def describe_events(scenario: Scenario, events: Sequence[Event]) -> str:
    """All events as one clause; several falls to one faction are grouped.

    "Homs and Qusayr fall to the opposition"
    """
    falls: dict[str, list[str]] = {}
    parts: list[str] = []
    for event in events:
        if isinstance(event, Fall):
            if event.faction not in falls:
                parts.append(f"\0{event.faction}")
            falls.setdefault(event.faction, []).append(name_of(scenario, event.place))
        else:
            parts.append(describe_event(scenario, event))
    out = []
    for part in parts:
        if part.startswith("\0"):
            fid = part[1:]
            names = falls[fid]
            verb = "falls" if len(names) == 1 else "fall"
            out.append(f"{join_words(names)} {verb} to {the(scenario, fid)}")
        else:
            out.append(part)
    return join_words(out)


_KIND_RANK = {"city": 0, "town": 1, "port": 1, "crossing": 2, "airbase": 3, "junction": 4}


def via(scenario: Scenario, route: Route, limit: int = 4, *, instead_of: Route | None = None) -> str:
    """The notable places a route passes, in the route's order.

    Alone, a route is described by its cities and foreign places. Compared with
    the route it replaces (``instead_of``), it is described by the places that
    route did not pass (the detour), most important first.
    """
    th = scenario.theatre
    inner = route.places[1:-1]
    if instead_of is not None:
        old = set(instead_of.places)
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


def km(value: float | None) -> str:
    """A distance for people: whole km, or tenths below 10 km (street networks).

    >>> km(161.6), km(0.44), km(None)
    ('162 km', '0.4 km', '-')
    """
    if value is None:
        return "-"
    return f"{value:,.1f} km" if value < 9.95 else f"{value:,.0f} km"


def road_words(scenario: Scenario, faction: str, control) -> str:
    """ "government-held road", or the wider phrase when allies or borders count."""
    fac = scenario.factions[faction]
    label = scenario.faction_label(faction)
    if control.open_transit:
        return f"road the {label} can use"
    if fac.allies:
        return f"road held by the {label} or its allies"
    return f"{label}-held road"


def verdict(scenario: Scenario, result: WhatIf) -> str:
    """The one-sentence answer that opens a what-if report."""
    fid = result.faction.id
    label = scenario.faction_label(fid)
    cond = "If " + describe_events(scenario, result.events)
    newly_cut = [(b, a) for b, a in result.changes()
                 if b.status == "connected" and a.status == "cut"]
    if newly_cut:
        first_b, _ = newly_cut[0]
        ll = first_b.lifeline
        held = [name_of(scenario, t) for t in ll.targets
                if result.after.pocket_of(t) is not None]
        sentence = (f"{cond}, {name_of(scenario, ll.source)} is cut off from {ll.target_label}: "
                    f"no {road_words(scenario, fid, result.control_after)} joins it to "
                    f"{join_words(held or [name_of(scenario, t) for t in ll.targets], 'or')}")
        fixes = result.restorers.get(ll.name, ())
        if fixes:
            (a, b), status = fixes[0]
            how = via(scenario, status.route, 3)
            sentence += (f"; reopening the {name_of(scenario, a)} - {name_of(scenario, b)} road "
                         f"would restore a {km(status.route.km)} route"
                         + (f" via {how}" if how else ""))
        others = [b.lifeline for b, _ in newly_cut[1:]]
        if others:
            sentence += "; " + join_words(
                [f"{name_of(scenario, o.source)} is also cut off from {o.target_label}"
                 for o in others])
        return sentence + "."
    longer = [(b, a) for b, a in result.changes() if b.status == "connected"
              and a.status == "connected" and a.route.km > b.route.km]
    if longer:
        b, a = longer[0]
        ll = b.lifeline
        how = via(scenario, a.route, 3, instead_of=b.route)
        route_words = (f"route the {label} can use" if result.control_after.open_transit
                       else f"{label} route")
        return (f"{cond}, {name_of(scenario, ll.source)} still reaches {ll.target_label}, "
                f"but the shortest {route_words} to {name_of(scenario, a.route.target)} grows "
                f"from {km(b.route.km)} to {km(a.route.km)}" + (f" via {how}" if how else "") + ".")
    if result.newly_cut_off:
        names = join_words([name_of(scenario, p) for p in result.newly_cut_off])
        capital = name_of(scenario, result.faction.capital) if result.faction.capital else "the capital"
        return f"{cond}, {names} {'is' if len(result.newly_cut_off) == 1 else 'are'} cut off from {capital}."
    lost = [(b, a) for b, a in result.changes() if a.status in ("source-lost", "target-lost")
            and b.status != a.status]
    if lost:
        ll = lost[0][0].lifeline
        what = (ll.target_label if lost[0][1].status == "target-lost"
                else name_of(scenario, ll.source))
        return f"{cond}, the {label} loses {what} itself, but no other stronghold is cut off."
    return (f"{cond}, nothing new is cut off: every {label} lifeline and stronghold keeps "
            f"its status.")


# ---------------------------------------------------------------- text

def _status_text(scenario: Scenario, s: LifelineStatus) -> str:
    if s.status == "connected" and s.route:
        how = via(scenario, s.route)
        return f"connected, {km(s.route.km)} to {name_of(scenario, s.route.target)}" + (
            f" via {how}" if how else "")
    return {"cut": "CUT", "source-lost": "source lost", "target-lost": "every target lost"}[s.status]


def pocket_size(scenario: Scenario, pocket) -> str:
    """ "13 places, population 1,362,139" (or "population unknown")."""
    count = len(pocket.places)
    known = any(scenario.theatre.places[p].population is not None for p in pocket.places)
    people = f"population {pocket.population:,}" if known else "population unknown"
    return f"{count} place{'' if count == 1 else 's'}, {people}"


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
    if result.newly_cut_off:
        capital = name_of(scenario, fac.capital) if fac.capital else "the capital"
        out += ["", f"Strongholds newly cut off from {capital}"]
        seen = []
        for place in result.newly_cut_off:
            pocket = result.after.pocket_of(place)
            if pocket is None or pocket in seen:
                continue
            seen.append(pocket)
            members = [name_of(scenario, p) for p in pocket.strongholds]
            out.append(f"  {join_words(members)}: a pocket of {_pocket_line(scenario, pocket)}")
    if result.newly_lost:
        out += ["", "Strongholds lost", "  " + join_words([name_of(scenario, p)
                                                             for p in result.newly_lost])]
    out += ["", "Chokepoints before the events (one fall alone cuts the lifeline)"]
    for ll_status in result.before.lifelines:
        name = ll_status.lifeline.name
        chokes = result.before.chokepoints[name]
        text = ", ".join(name_of(scenario, p) for p in chokes) if chokes else (
            "none" if ll_status.status == "connected" else f"none ({ll_status.status})")
        out.append(f"  {name}: {text}")
    out += ["", f"Pockets of the {scenario.faction_label(fac.id)} after the events"]
    for i, pocket in enumerate(result.after.pockets, 1):
        tag = "main" if pocket.main else "cut off" if pocket.strongholds else "isolated"
        out.append(f"  {i}. [{tag}] {_pocket_line(scenario, pocket)}")
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
        "factions": factions,
    }


def show_text(scenario: Scenario) -> str:
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
        fac = scenario.factions[fid]
        cap = f", capital {name_of(scenario, fac.capital)}" if fac.capital else ""
        out += ["", f"The {scenario.faction_label(fid)}{cap}"]
        for i, pocket in enumerate(a.pockets, 1):
            tag = "main" if pocket.main else "cut off" if pocket.strongholds else "isolated"
            out.append(f"  pocket {i} [{tag}] {_pocket_line(scenario, pocket)}")
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
