"""The timeline report: a campaign day by day for one faction, then each lifeline's first cut.

Text opens with the verdict of the whole campaign (the first lifeline's first
cut, how many lifelines were cut or lost, the capital's fall); then a line a
day, each the day's verdict, with the lifelines, strongholds and people it
changed; then, for each lifeline, the first day it stopped being connected and
the change of hands that did it. JSON follows ``sim.timeline/1``
(``docs/json-output.md``).
"""

from __future__ import annotations

from typing import Any

from ..analysis.timeline import Day, Timeline
from ..scenario import Scenario
from . import words
from .common import scenario_json, status_words
from .words import Namer, count, date_words, span_words

TIMELINE_SCHEMA = "sim.timeline/1"


def _break_text(n: Namer, timeline: Timeline, name: str) -> str:
    brk = timeline.first_breaks[name]
    return words.break_words(n, _lifeline(timeline, name), brk, brk.before)


def _lifeline(timeline: Timeline, name: str):
    return next(s.lifeline for s in timeline.start.lifelines if s.lifeline.name == name)


def _span(timeline: Timeline) -> str:
    return span_words(timeline.days[0].date, timeline.days[-1].date)


def timeline_verdict(scenario: Scenario, timeline: Timeline) -> str:
    """The sentence that opens the timeline, written from ``timeline``."""
    n = Namer(scenario)
    fid = timeline.faction.id
    if not timeline.days:
        return f"The scenario {scenario.id} lists no dated change of hands."
    lines = [s.lifeline for s in timeline.start.lifelines]
    broken = timeline.first_breaks
    parts = []
    if lines:
        first = lines[0]
        if first.name in broken:
            parts.append(_break_text(n, timeline, first.name))
        else:
            parts.append(f"{n.place(first.source)} stays joined to {words.lifeline_ends(n, first)} "
                         f"throughout {_span(timeline)}")
        total = len(lines)
        if broken:
            every = len(broken) == total and total > 1
            share = f"all {total}" if every else f"{len(broken)} of the {total}"
            are = "is" if len(broken) == 1 else "are"
            parts.append(f"{share} {n.label(fid)} lifelines {are} cut or lost over "
                         f"{_span(timeline)}")
        elif total > 1:
            parts.append(f"none of the {total} {n.label(fid)} lifelines is cut or lost")
    fell = next((d for d in timeline.days if d.change.capital_lost), None)
    if fell is not None:
        parts.append(f"{n.the(fid)} {n.agree(fid, 'loses its', 'lose their')} capital, "
                     f"{n.place(timeline.faction.capital)}, on {date_words(fell.date)}")
    if not parts:
        parts.append(f"{n.the(fid)} {n.agree(fid, 'has', 'have')} no lifeline to judge")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def day_verdict(scenario: Scenario, day: Day) -> str:
    """The one sentence of a day: what its changes of hands did to the faction."""
    return words.day_sentence(Namer(scenario), day).text


def _day_details(scenario: Scenario, day: Day) -> list[str]:
    """What a day changed for the faction, a line a part (none for a quiet part)."""
    n = Namer(scenario)
    ch = day.change
    why = {b.lifeline: b for b in day.breaks}

    def named(name: str) -> str:  # with the change of hands after which it had no route
        brk = why.get(name)
        if brk is None:
            return name
        return f"{name} (after {words.describe_handovers(n, [brk.event], brk.before)})"

    out = []
    for kind in ("cut", "lost", "restored"):
        names = [named(c.name) for c in ch.lifelines_of(kind)]
        if names:
            out.append(f"lifelines {kind}: {'; '.join(names)}")
    # Once the capital is lost, nothing is cut off from it: what was joined to it is
    # left in pockets without it.
    out_of = "left without the capital" if ch.capital_lost else "newly cut off"
    for label, places in ((f"strongholds {out_of}", ch.strongholds_cut_off),
                          ("strongholds lost", ch.strongholds_lost),
                          ("strongholds joined again", ch.strongholds_reconnected)):
        if places:
            out.append(f"{label}: {n.places(places)}")
    if ch.people_cut_off or ch.unknown_cut_off:
        out.append(f"people {out_of}: "
                   f"{words.people_words(ch.people_cut_off, ch.unknown_cut_off)}")
    return out


def timeline_text(scenario: Scenario, timeline: Timeline) -> str:
    """The timeline as text: the verdict, a line a day, then each lifeline's first cut."""
    n = Namer(scenario)
    fid = timeline.faction.id
    out = [timeline_verdict(scenario, timeline), ""]
    start = scenario.extends or "its own control"
    out.append(f"Scenario   {scenario.title} ({scenario.id}, {scenario.date})")
    out.append(f"Faction    the {n.label(fid)}"
               + (f", capital {n.place(timeline.faction.capital)}" if timeline.faction.capital
                  else ""))
    if timeline.days:
        out.append(f"Days       {_span(timeline)}, starting from {start}")
    out += ["", "Day by day"]
    for day in timeline.days:
        out.append(f"{day.date}  {day_verdict(scenario, day)}")
        out += [" " * 12 + line for line in _day_details(scenario, day)]
    out += ["", f"When each {n.label(fid)} lifeline was first cut or lost"]
    broken = timeline.first_breaks
    for status in timeline.start.lifelines:
        name = status.lifeline.name
        if status.status != "connected":
            text = f"not connected at the start ({status_words(status.status)})"
        elif name in broken:
            text = _break_text(n, timeline, name)
        else:
            text = "connected throughout"
        out.append(f"  {name}: {text}")
    if not timeline.start.lifelines:
        out.append("  (none)")
    return "\n".join(out) + "\n"


def _day_json(scenario: Scenario, day: Day) -> dict[str, Any]:
    return {"date": day.date, "verdict": day_verdict(scenario, day),
            "events": [e.as_json() for e in day.events], "change": day.change.as_json(),
            "breaks": [b.as_json() for b in day.breaks],
            "lifelines": [s.as_json() for s in day.assessment.lifelines],
            "strongholds": dict(day.assessment.strongholds)}


def timeline_json(scenario: Scenario, timeline: Timeline, date: str | None = None
                  ) -> dict[str, Any]:
    """The timeline as the ``sim.timeline/1`` JSON document (of one ``date`` only, if
    given: then ``verdict`` is that day's)."""
    days = [d for d in timeline.days if date is None or d.date == date]
    return {
        "schema": TIMELINE_SCHEMA, "scenario": scenario_json(scenario),
        "faction": timeline.faction.id,
        "verdict": (day_verdict(scenario, days[0]) if date else
                    timeline_verdict(scenario, timeline)),
        "start": {"extends": scenario.extends,
                  "lifelines": [s.as_json() for s in timeline.start.lifelines]},
        "days": [_day_json(scenario, d) for d in days],
        "first_breaks": [b.as_json() for b in timeline.first_breaks.values()],
    }


def day_text(scenario: Scenario, timeline: Timeline, date: str) -> str:
    """One day of the timeline as text: its verdict, then what it changed."""
    day = timeline.day(date)
    return "\n".join([day_verdict(scenario, day), *_day_details(scenario, day)]) + "\n"


__all__ = ["TIMELINE_SCHEMA", "day_text", "day_verdict", "timeline_json", "timeline_text",
           "timeline_verdict"]
