"""Tables: places, scenarios, factions, validation and export summaries as text and JSON.

The rows come from :mod:`sim.api` (plain dicts, sorted); these functions only
lay them out. Every JSON document carries a ``schema`` name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .common import describe_events, name_of, scenario_json, summarising
from .words import count, join_words


#: How many places a summarising list prints (a theatre of over SUMMARY_ABOVE places).
PLACES_SHOWN = 50


def places_text(scenario, rows: Sequence[dict]) -> str:
    """One line per place: id, name, kind, country, governorate (when any place listed
    names one; ``-`` for a place that does not), holder (and status if not held).

    On a large theatre (see :func:`~sim.report.common.summarising`) the list opens with
    how many places each faction holds, shows the first :data:`PLACES_SHOWN`, and counts
    the rest (``--json`` lists every one)."""
    if summarising(scenario) and len(rows) > PLACES_SHOWN:
        held = _holder_counts(rows)
        head = [f"{count(len(rows), 'place')}: "
                + ", ".join(f"{count(n, 'place')} held by the {scenario.faction_label(f)}"
                            for f, n in sorted(held.items(), key=lambda x: (-x[1], str(x[0])))
                            if f is not None)
                + (f", {count(held[None], 'place')} held by nobody" if None in held else ""),
                ""]
        rest = len(rows) - PLACES_SHOWN
        return ("\n".join(head) + "\n" + _place_lines(rows[:PLACES_SHOWN])
                + f"... and {count(rest, 'more place')} (--json lists every one)\n")
    return _place_lines(rows)


def _holder_counts(rows: Sequence[dict]) -> dict[str | None, int]:
    """How many of ``rows`` each faction holds (None: nobody); counted by the rows
    themselves when they can (:class:`~sim.formats.stream.PlaceRows`)."""
    if hasattr(rows, "holder_counts"):
        return rows.holder_counts()
    held: dict[str | None, int] = {}
    for r in rows:
        held[r["holder"]] = held.get(r["holder"], 0) + 1
    return held


def _place_lines(rows: Sequence[dict]) -> str:
    width = max((len(r["id"]) for r in rows), default=2)
    regions = [r.get("governorate") or "-" for r in rows]
    region_width = max(len(g) for g in regions) if any(r.get("governorate") for r in rows) else 0
    out = []
    for r, region in zip(rows, regions):
        status = f" ({r['status']})" if r["status"] not in (None, "held") else ""
        column = f"{region:<{region_width}}  " if region_width else ""
        out.append(f"{r['id']:<{width}}  {r['name']:<24} {r['kind']:<9} {r['country']}  "
                   f"{column}{r['holder'] or '-'}{status}\n")
    return "".join(out)


def places_json(scenario, rows: Sequence[dict]) -> dict[str, Any]:
    return {"schema": "sim.places/1", "scenario": scenario.id, "places": list(rows)}


def scenarios_text(rows: Sequence[dict]) -> str:
    """One line per bundled scenario, the default starred."""
    out = [f"{'*' if r['default'] else ' '} {r['id']:<20} {r['date']}  {r['title']}\n"
           for r in rows]
    return "".join(out) + "(* the default scenario)\n"


def scenarios_json(rows: Sequence[dict]) -> dict[str, Any]:
    return {"schema": "sim.scenarios/1", "scenarios": list(rows)}


def factions_text(scenario, rows: Sequence[dict]) -> str:
    """Each faction: its label, places held, capital, allies, adversary, strongholds."""
    out = [f"Factions of {scenario.title} ({scenario.id}, {scenario.date})"]
    for r in rows:
        out += ["", f"{r['id']}: the {r['label']} ({r['name']}), {count(r['places'], 'place')} held"]
        if r["aliases"]:
            out.append(f"  also called   {', '.join(r['aliases'])}")
        if r["capital"]:
            out.append(f"  capital       {name_of(scenario, r['capital'])}")
        if r["allies"]:
            out.append(f"  allies        {join_words([scenario.faction_label(a) for a in r['allies']])}")
        if r["adversary"]:
            out.append(f"  adversary     the {scenario.faction_label(r['adversary'])}")
        if r["strongholds"]:
            out.append(f"  strongholds   {join_words([name_of(scenario, p) for p in r['strongholds']])}")
        if r["lifelines"]:
            out.append(f"  lifelines     {', '.join(r['lifelines'])}")
        if r["transit"]:
            out.append(f"  transit       {', '.join(r['transit'])}")
    return "\n".join(out) + "\n"


def factions_json(scenario, rows: Sequence[dict]) -> dict[str, Any]:
    return {"schema": "sim.factions/1", "scenario": scenario_json(scenario),
            "factions": list(rows)}


def validate_scenario_text(scenario) -> str:
    return (f"ok: {scenario.id} ({scenario.date}) on theatre {scenario.theatre.id}: "
            f"{len(scenario.control.holdings)} holdings, {len(scenario.factions)} factions, "
            f"{len(scenario.lifelines)} lifelines\n")


def validate_scenario_json(scenario, file: str) -> dict[str, Any]:
    return {"schema": "sim.validate/1", "file": file, "ok": True, "scenario": scenario.id,
            "places_held": len(scenario.control.holdings), "lifelines": len(scenario.lifelines)}


def validate_theatre_text(theatre, pieces: int) -> str:
    note = "connected" if pieces == 1 else f"{pieces} pieces not joined by any road"
    return f"ok: theatre {theatre.id}: {len(theatre.places)} places, {len(theatre.roads)} roads, {note}\n"


def validate_theatre_json(theatre, pieces: int, file: str) -> dict[str, Any]:
    return {"schema": "sim.validate/1", "file": file, "ok": True, "theatre": theatre.id,
            "places": len(theatre.places), "roads": len(theatre.roads), "pieces": pieces}


def export_text(scenario, faction: str, files: Sequence[str], events: Sequence = ()) -> str:
    """ "Wrote 125 places and 162 roads of Syria[, as they are once EVENTS], seen by ..." """
    th = scenario.theatre
    after = f", as they are once {describe_events(scenario, events)}" if events else ""
    return (f"Wrote {len(th.places):,} places and {len(th.roads):,} roads of {th.name}{after}, "
            f"seen by the {scenario.faction_label(faction)}, to {' and '.join(files)}\n")


def explore_text(scenario, size: int) -> str:
    """ "An explorer page of syria-2024-campaign (125 places, 162 roads; 12 days to replay,
    27 November - 8 December 2024): 172 KB, to open in a browser, offline." """
    from ..timelines import timeline_days
    from .words import count, span_words

    th = scenario.theatre
    days = ""
    if scenario.events:
        dates = timeline_days(scenario)
        days = f"; {count(len(dates), 'day')} to replay, {span_words(dates[0], dates[-1])}"
    return (f"An explorer page of {scenario.id} ({len(th.places)} places, {len(th.roads)} roads"
            f"{days}): {max(1, round(size / 1000))} KB, to open in a browser, offline.\n")


def explore_json(scenario, size: int) -> dict[str, Any]:
    th = scenario.theatre
    return {"schema": "sim.explore/1", "scenario": scenario.id, "bytes": size,
            "places": len(th.places), "roads": len(th.roads),
            "campaign": bool(scenario.events)}


def export_json(scenario, faction: str, fmt: str, events: Sequence, files: Sequence[str]
                ) -> dict[str, Any]:
    th = scenario.theatre
    doc = {"schema": "sim.export/1", "scenario": scenario.id, "format": fmt,
           "faction": faction, "files": list(files), "places": len(th.places),
           "roads": len(th.roads)}
    if events:
        doc["events"] = [e.as_json() for e in events]
    return doc
