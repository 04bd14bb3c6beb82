"""The what-if report: the verdict, then lifelines, routes, strongholds, places and pockets.

Text is for people: it opens with a one-sentence verdict. JSON is for
machines and follows the ``sim.what-if/1`` schema in ``docs/json-output.md``.
Both are deterministic (sorted, rounded), so the same question gives the
same bytes.
"""

from __future__ import annotations

from typing import Any

from ..analysis import WhatIf
from ..scenario import Scenario
from . import words
from .common import (POCKET_KEY, describe_events, name_of, names, people, pocket_line,
                     pocket_lines, pocket_size, scenario_json, status_text, via)
from .words import join_words, km

WHATIF_SCHEMA = "sim.what-if/1"


def verdict_sentence(scenario: Scenario, result: WhatIf) -> words.Sentence:
    """The verdict as a :class:`~sim.words.Sentence` (its kind and clauses)."""
    return words.sentence(words.Namer(scenario), result.change, result.events,
                          control=result.control_after, restorers=result.restorers)


def verdict(scenario: Scenario, result: WhatIf) -> str:
    """The one-sentence answer that opens a what-if report, written from ``result.change``."""
    return verdict_sentence(scenario, result).text


def whatif_text(scenario: Scenario, result: WhatIf) -> str:
    """The what-if as text: the verdict first, then each section of the answer."""
    out = [verdict(scenario, result), "", *_header_lines(scenario, result), "", "Lifelines"]
    out += _lifeline_lines(scenario, result)
    out += _section("Route changes", sorted(set(_route_changes(scenario, result))))
    out += _change_lines(scenario, result)
    out += ["", "Chokepoints before the events (one fall alone cuts the lifeline)"]
    out += _chokepoint_lines(scenario, result)
    out += ["", f"Pockets of the {scenario.faction_label(result.faction.id)} after the events "
            f"({POCKET_KEY})"]
    out += pocket_lines(scenario, result.after.pockets, "  {}.")
    return "\n".join(out) + "\n"


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", title, *lines] if lines else []


def _header_lines(scenario: Scenario, result: WhatIf) -> list[str]:
    fac = result.faction
    cap = f", capital {name_of(scenario, fac.capital)}" if fac.capital else ""
    return [f"Scenario   {scenario.title} ({scenario.id}, {scenario.date})",
            f"Events     {describe_events(scenario, result.events)}",
            f"Faction    the {scenario.faction_label(fac.id)}{cap}"]


def _lifeline_lines(scenario: Scenario, result: WhatIf) -> list[str]:
    out = []
    for b, a in zip(result.before.lifelines, result.after.lifelines):
        ll = b.lifeline
        targets = join_words([name_of(scenario, t) for t in ll.targets], "or")
        out.append(f"  {ll.name} ({name_of(scenario, ll.source)} to {targets})")
        out.append(f"    before  {status_text(scenario, b)}")
        out.append(f"    after   {status_text(scenario, a)}")
        for (ra, rb), status in result.restorers.get(ll.name, ()):
            out.append(f"            reopening the {name_of(scenario, ra)} - "
                       f"{name_of(scenario, rb)} road would restore it: "
                       f"{status_text(scenario, status)}")
    return out


def _route_changes(scenario: Scenario, result: WhatIf) -> list[str]:
    changes = []
    for b, a in result.changes():
        before = {r.target: r for r in b.routes}
        after = {r.target: r for r in a.routes}
        for t in b.lifeline.targets:
            rb, ra = before.get(t), after.get(t)
            if (rb is None and ra is None) or (rb and ra and abs(rb.km - ra.km) < 0.05):
                continue
            src = name_of(scenario, b.lifeline.source)
            how = via(scenario, ra, 3, instead_of=rb) if ra is not None and rb else ""
            new = "no route" if ra is None else km(ra.km) + (f" via {how}" if how else "")
            changes.append(f"  {src} - {name_of(scenario, t)}: "
                           f"{km(rb.km) if rb else 'no route'} -> {new}")
    return changes


def _cut_off_lines(scenario: Scenario, result: WhatIf) -> list[str]:
    ch = result.change
    out, seen = [], []
    for place in ch.strongholds_cut_off:
        pocket = result.after.pocket_of(place)
        if pocket is None:
            out.append(f"  {name_of(scenario, place)}: held, but no road is usable")
            continue
        if pocket in seen:
            continue
        seen.append(pocket)
        members = [name_of(scenario, p) for p in pocket.strongholds if p in ch.strongholds_cut_off]
        out.append(f"  {join_words(members)}: in a pocket of {pocket_line(scenario, pocket)}")
    return out


def _change_lines(scenario: Scenario, result: WhatIf) -> list[str]:
    ch = result.change
    fac = result.faction
    capital = name_of(scenario, fac.capital) if fac.capital else "the capital"
    out = _section(f"Strongholds newly cut off from {capital}", _cut_off_lines(scenario, result))
    if ch.places_isolated:
        out += ["", f"Other places newly isolated from {capital}",
                "  " + names(scenario, ch.places_isolated)]
    if ch.strongholds_cut_off or ch.places_isolated:
        out.append(f"  people cut off in all: {people(ch.people_cut_off, ch.unknown_cut_off)}")
    if ch.places_lost:
        strong = [p for p in ch.places_lost if p in ch.strongholds_lost]
        other = [p for p in ch.places_lost if p not in ch.strongholds_lost]
        out += ["", "Places lost"]
        if strong:
            out.append("  strongholds: " + names(scenario, strong))
        if other:
            out.append("  other places: " + names(scenario, other))
        if ch.people_lost or ch.unknown_lost:
            out.append(f"  people in them: {people(ch.people_lost, ch.unknown_lost)}")
    if ch.strongholds_reconnected or ch.places_rejoined:
        out += ["", f"Joined to {capital} again",
                "  " + names(scenario, ch.strongholds_reconnected + ch.places_rejoined)]
    if ch.places_gained:
        out += ["", "Places gained", "  " + names(scenario, ch.places_gained)]
    return out


def _chokepoint_lines(scenario: Scenario, result: WhatIf) -> list[str]:
    out = []
    for ll_status in result.before.lifelines:
        name = ll_status.lifeline.name
        chokes = result.before.chokepoints[name]
        text = ", ".join(name_of(scenario, p) for p in chokes) if chokes else (
            "none" if ll_status.status == "connected" else f"none ({ll_status.status})")
        out.append(f"  {name}: {text}")
    return out


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


def chart_summary(scenario: Scenario, result: WhatIf) -> str:
    """One line under the verdict: which strongholds are cut off, in what pocket, from what."""
    label = scenario.faction_label(result.faction.id)
    capital = result.faction.capital
    parts = []
    for pocket in result.after.pockets:
        cut = [p for p in pocket.strongholds if p in result.newly_cut_off]
        if cut:
            parts.append(f"{join_words([name_of(scenario, p) for p in cut])} (in a pocket of "
                         f"{pocket_size(scenario, pocket)})")
    # Once the capital is lost nothing is "cut off from" it: the pockets are what remains.
    lead = ("Strongholds in the pockets left" if result.change.capital_lost
            else f"Cut off from {name_of(scenario, capital)}" if capital else "")
    head = f"{lead}: " + "; ".join(parts) + ". " if parts and lead else ""
    return (head + f"Seen from the {label}; scenario {scenario.id} ({scenario.date}). "
            "Each map shows its own routes and chokepoints.")
