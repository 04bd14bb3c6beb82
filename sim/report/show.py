"""The scenario report (``sim show``): control, pockets, lifelines and chokepoints.

Text lists who holds what and, for each faction with lifelines or
strongholds, its pockets, strongholds and lifelines; JSON follows the
``sim.show/1`` schema in ``docs/json-output.md``.
"""

from __future__ import annotations

from typing import Any

from ..analysis import Assessment, assess
from ..scenario import Scenario
from .common import (POCKET_KEY, listed, name_of, names_limit, pocket_lines, scenario_json,
                     status_text)
from .words import count, join_words

SHOW_SCHEMA = "sim.show/1"


def scenario_assessments(scenario: Scenario) -> dict[str, Assessment]:
    """An assessment of every faction of the scenario, by id."""
    return {fid: assess(scenario.theatre, scenario.control, fac, scenario.lifelines)
            for fid, fac in scenario.factions.items()}


def show_json(scenario: Scenario, assessments: dict[str, Assessment] | None = None
              ) -> dict[str, Any]:
    """The scenario as the ``sim.show/1`` JSON document (``assessments``: those of
    :func:`scenario_assessments`, if already made)."""
    ctl = scenario.control
    factions = {}
    for fid, a in (assessments or scenario_assessments(scenario)).items():
        fac = scenario.factions[fid]
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


def show_text(scenario: Scenario, faction: str | None = None,
              assessments: dict[str, Assessment] | None = None) -> str:
    """The scenario as text: control, then each faction with strongholds or lifelines;
    with ``faction``, only that faction's pockets and lifelines."""
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
        contested = ctl.contested_places(fid)
        out.append(f"  {scenario.faction_label(fid)} ({len(places):,}): "
                   f"{listed(scenario, places)}")
        if contested:
            out.append(f"    contested: {listed(scenario, contested)}")
    if ctl.cut_roads:
        cut = sorted(ctl.cut_roads)
        limit = names_limit(scenario) or len(cut)
        out.append("  cut roads: " + ", ".join(f"{name_of(scenario, a)} - {name_of(scenario, b)}"
                                               for a, b in cut[:limit])
                   + (f" and {count(len(cut) - limit, 'other road')}" if len(cut) > limit
                      else ""))
    out.append("  foreign transit open: " + (", ".join(th.country_name(c) for c in
                                                    sorted(ctl.open_transit)) or "none"))
    for fid, a in (assessments or scenario_assessments(scenario)).items():
        fac = scenario.factions[fid]
        if (faction is not None and fid != faction) or not (
                fac.strongholds or scenario.lifelines_of(fid)):
            continue
        cap = f", capital {name_of(scenario, fac.capital)}" if fac.capital else ""
        out += ["", f"The {scenario.faction_label(fid)}{cap}"]
        if len(a.pockets) > 1:
            out.append(f"  pockets ({POCKET_KEY}):")
        out += pocket_lines(scenario, a.pockets, "  pocket {}")
        off = [name_of(scenario, p) for p, s in a.strongholds.items() if s == "cut-off"]
        lost = [name_of(scenario, p) for p, s in a.strongholds.items() if s == "lost"]
        if off:
            out.append(f"  strongholds cut off: {join_words(off)}")
        if lost:
            out.append(f"  strongholds lost: {join_words(lost)}")
        for s in a.lifelines:
            chokes = a.chokepoints[s.lifeline.name]
            out.append(f"  lifeline {s.lifeline.name}: {status_text(scenario, s)}")
            if chokes:
                out.append(f"    chokepoints: {', '.join(name_of(scenario, p) for p in chokes)}")
    return "\n".join(out) + "\n"
