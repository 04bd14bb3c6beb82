"""The series the charts draw: plain values computed from the answers, no matplotlib.

Each chart of :mod:`sim.plot.charts` draws one of these, so a test (or another
output) can check the figures a chart shows without reading pixels:

- :func:`ranked`: a criticality sweep's places ranked by the people or the
  strongholds their fall alone would cut off (the capital's own fall is apart);
- :func:`lifeline_lines`: each lifeline's shortest route, date by date, and the
  first day it stopped being connected;
- :func:`campaign_series`: each faction's places held and the people of its
  main pocket (the pocket holding its capital), date by date.

Dates are the timeline's: the start (the day before its first day, whose control
is the one the campaign starts from), then every day of :func:`sim.timeline`, from
the day after the scenario the campaign extends to the scenario's date.

>>> from sim.campaign import CampaignEvent
>>> from sim.control import Control, Faction, Lifeline
>>> from sim.model import Place, Road, Theatre
>>> from sim.analysis.timeline import campaign_timeline
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.upper(), 0, n, population=1000) for n, i in enumerate("abcd")],
...     [Road("a", "b", 100), Road("b", "c", 100), Road("c", "d", 100)])
>>> gov = Faction("gov", adversary="reb", capital="a", strongholds=("a", "d"))
>>> tl = campaign_timeline(t, Control.of(dict.fromkeys("abcd", "gov")),
...     [CampaignEvent("2024-12-02", "c", "reb")], gov, [Lifeline("A - D", "gov", "a", ("d",))],
...     until="2024-12-03")
>>> timeline_dates(tl)
('2024-12-01', '2024-12-02', '2024-12-03')
>>> line = lifeline_lines(tl)[0]
>>> line.km, line.end, line.brk.status
((300.0, None, None), 1, 'cut')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..analysis.timeline import day_after

#: What a criticality chart can rank by.
RANK_BY = ("people", "strongholds")


def _rank_key(by: str):
    if by == "people":
        return lambda e: (-e.population, -e.unknown, -len(e.strongholds), -len(e.lifelines),
                          e.place)
    return lambda e: (-len(e.strongholds), -e.population, -e.unknown, -len(e.lifelines),
                      e.place)


def ranked(result, by: str = "people") -> tuple:
    """The places of a :class:`~sim.analysis.critical.Criticality` whose fall alone would
    cut off people of known population (``by="people"``) or at least one stronghold
    (``by="strongholds"``), most first; ties by the other figure, then by id. The
    capital is not among them: its fall is ``result.capital_fall``."""
    if by == "people":
        chosen = [e for e in result.places if e.population > 0]
    else:
        chosen = [e for e in result.places if e.strongholds]
    return tuple(sorted(chosen, key=_rank_key(by)))


def rank_value(entry, by: str) -> int:
    """The figure a bar shows: people of known population, or strongholds cut off."""
    return entry.population if by == "people" else len(entry.strongholds)


def unknown_only(result) -> tuple[str, ...]:
    """Places whose fall alone would cut off only places of unknown population (no
    known people): left out of a ranking by people, and named apart."""
    return tuple(sorted(e.place for e in result.places
                        if e.population == 0 and e.unknown > 0))


def timeline_dates(timeline) -> tuple[str, ...]:
    """The dates a timeline's charts run over: the start (the day before its first
    day) and each of its days."""
    if not timeline.days:
        return ()
    return (day_after(timeline.days[0].date, -1), *(d.date for d in timeline.days))


@dataclass(frozen=True)
class LifelineLine:
    """One lifeline over a timeline's dates: the shortest route's km on each date
    (None where it is not connected), its status at the start, its first break (a
    :class:`~sim.analysis.timeline.Break`, or None) and ``end``, the index of the
    date the line ends on: the first break's date, else the last date it is
    connected (None if it never is)."""

    name: str
    km: tuple[float | None, ...]
    start_status: str
    brk: object | None
    end: int | None

    @property
    def last_km(self) -> float | None:
        """The km of the last connected date before the end."""
        upto = self.end if self.brk is None else self.end - 1
        known = [k for k in self.km[:upto + 1] if k is not None] if upto is not None else []
        return known[-1] if known else None


def _km(status) -> float | None:
    return status.route.km if status.status == "connected" and status.route else None


def lifeline_lines(timeline) -> tuple[LifelineLine, ...]:
    """Each of the faction's lifelines over :func:`timeline_dates`, in its order."""
    dates = timeline_dates(timeline)
    breaks = timeline.first_breaks
    out = []
    for i, first in enumerate(timeline.start.lifelines):
        name = first.lifeline.name
        kms = (_km(first), *(_km(d.assessment.lifelines[i]) for d in timeline.days))
        brk = breaks.get(name)
        if brk is not None:
            end = dates.index(brk.date)
        else:
            on = [k for k, v in enumerate(kms) if v is not None]
            end = on[-1] if on else None
        out.append(LifelineLine(name, kms, first.status, brk, end))
    return tuple(out)


@dataclass(frozen=True)
class CampaignSeries:
    """A campaign's control over time: for each faction that holds a place on some
    date (in the scenario's order), the places it holds (``places``), the known
    people of its main pocket (``people``: None on a date it has no main pocket)
    and that pocket's places of unknown population (``unknown``), one entry per
    date of ``dates``; ``capitals_lost``: {faction: the first date its capital was
    outside its side's usable territory, having been inside it at the start};
    ``never``: factions that hold no place on any date."""

    dates: tuple[str, ...]
    factions: tuple[str, ...]
    places: Mapping[str, tuple[int, ...]]
    people: Mapping[str, tuple[int | None, ...]]
    unknown: Mapping[str, tuple[int, ...]]
    capitals_lost: Mapping[str, str]
    never: tuple[str, ...]


def campaign_series(scenario, timeline) -> CampaignSeries:
    """The :class:`CampaignSeries` of a scenario with dated events, over the dates of
    its ``timeline`` (:func:`timeline_dates`): the
    :func:`sim.analysis.timeline.standings` of the start and of each day's control."""
    from ..analysis.passable import passable_places
    from ..analysis.timeline import standings

    dates = timeline_dates(timeline)
    th, facs = scenario.theatre, scenario.factions
    controls = [timeline.start_control, *(d.control for d in timeline.days)]
    rows: dict[str, list] = {fid: [] for fid in facs}
    for control in controls:
        for st in standings(th, control, facs):
            fac = facs[st.faction]
            main = bool(fac.capital) and fac.capital in passable_places(th, control, fac.side)
            rows[st.faction].append((st.places, st.main_people if main else None,
                                     st.main_unknown if main else 0,
                                     bool(fac.capital) and control.holder(fac.capital) == fac.id))
    shown = tuple(fid for fid in facs if any(r[0] for r in rows[fid]))
    lost = {}
    for fid in shown:
        holds = [r[3] for r in rows[fid]]
        if holds[0] and not all(holds):
            lost[fid] = dates[holds.index(False)]
    return CampaignSeries(
        dates, shown,
        {f: tuple(r[0] for r in rows[f]) for f in shown},
        {f: tuple(r[1] for r in rows[f]) for f in shown},
        {f: tuple(r[2] for r in rows[f]) for f in shown},
        lost, tuple(fid for fid in facs if fid not in shown))


__all__ = ["CampaignSeries", "LifelineLine", "RANK_BY", "campaign_series", "lifeline_lines",
           "rank_value", "ranked", "timeline_dates", "unknown_only"]
