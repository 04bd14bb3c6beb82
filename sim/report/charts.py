"""The words of the charts: titles, bar labels and notes, written from the values charted.

Like the other reports, these compose the sentences of :mod:`sim.report.words`
(its names, counts, rounded people and dates) in the glossary's terms; a chart
prints nothing else. Each takes the scenario and the values the chart draws
(:mod:`sim.plot.series`), so a sentence can only say what those values hold.

>>> import sim
>>> s = sim.load("syria-2024-12-06")
>>> answer = sim.critical(s, faction="government")
>>> from sim.plot.series import ranked
>>> critical_title(s, answer.value, "people", ranked(answer.value, "people"))
'Homs is the government place whose fall alone would cut off the most people from Damascus, the capital aside: about 1.40 million people and 7 places of unknown population.'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..scenario import Scenario

#: What a map's legend calls each thing it draws ("{label}": the faction whose view it
#: is, or whose places a swatch stands for). The charts and the explorer page both use them.
LEGEND_WORDS = {
    "faction": "held by the {label}",
    "foreign": "foreign place",
    "contested": "contested place (dashed ring)",
    "stronghold": "{label} stronghold",
    "cut-off": "stronghold cut off from the capital",
    "cut-off-after-capital": "stronghold in a pocket left after losing the capital",
    "chokepoint": "chokepoint of a lifeline",
    "usable": "road the {label} can use",
    "unusable": "road the {label} cannot use",
    "route": "shortest lifeline route",
    "road-cut": "road cut",
    "falls": "place that falls",
    "capital": "capital of a faction",
    "marked": "place that changed",
    "golan": "Golan (occupied)",
}
from . import words
from .common import status_words
from .words import Namer, count, people_figure, rounded


# ---------------------------------------------------------------- critical

def _value(entry, by: str) -> int:
    return entry.population if by == "people" else len(entry.strongholds)


def _capital(n: Namer, fid: str) -> str:
    cap = n.scenario.factions[fid].capital
    return n.place(cap) if cap else "the capital"


def _aside(result) -> str:
    return ", the capital aside" if result.capital_fall is not None else ""


def critical_title(scenario: Scenario, result, by: str, entries: Sequence) -> str:
    """The title of a criticality chart ranked ``by`` people or strongholds: the place
    at the top of ``entries`` (ranked, the capital left out), or the places tied
    there, and the figure."""
    n = Namer(scenario)
    fid = result.faction.id
    label, cap = n.label(fid), _capital(n, fid)
    what = "people" if by == "people" else "strongholds"
    if result.held == 0:
        return (f"The {label} {n.agree(fid, 'holds', 'hold')} no place in this scenario, so no "
                f"fall of {n.agree(fid, 'its', 'their')} own can cut anything.")
    if not result.faction.capital:
        return (f"The {label} {n.agree(fid, 'has', 'have')} no capital, so no fall of "
                f"{n.agree(fid, 'its', 'their')} own can cut anything off from it.")
    if not entries:
        none = "people of known population" if by == "people" else "a stronghold"
        aside = _aside(result) + ("," if _aside(result) else "")
        return (f"No {label} place{aside} would by its fall alone cut off {none} "
                f"from {cap}.")
    top = [e for e in entries if _value(e, by) == _value(entries[0], by)]
    names = n.places([e.place for e in top])
    if len(top) > 1:
        figure = (f"about {rounded(top[0].population)} people" if by == "people"
                  else count(_value(top[0], by), "stronghold"))
        return (f"{names} are the {label} places whose fall alone would cut off the most "
                f"{what} from {cap}{_aside(result)}: {figure} each.")
    first = top[0]
    figure = (words.people_words(first.population, first.unknown) if by == "people"
              else f"{count(_value(first, by), 'stronghold')} "
                   f"({n.places(first.strongholds, limit=4)})")
    return (f"{names} is the {label} place whose fall alone would cut off the most {what} "
            f"from {cap}{_aside(result)}: {figure}.")


def lifelines_cut_words(entry) -> str:
    """ "cuts 1 lifeline, ends 1": the lifelines one fall would cut, and those it
    would end (their source or last target held); "" if none."""
    ended = len(entry.lifelines_lost)
    cut = len(entry.lifelines) - ended
    parts = []
    if cut:
        parts.append(f"cuts {count(cut, 'lifeline')}")
    if ended:
        parts.append(f"ends {ended}" if cut else f"ends {count(ended, 'lifeline')}")
    return ", ".join(parts)


def bar_label(scenario: Scenario, entry, by: str) -> str:
    """The label at the end of one bar: its figure, then (on a line of its own) the
    lifelines it cuts.

    "1.40 million + 7 unknown\ncuts 1 lifeline, ends 1", "2: Latakia and Tartus"."""
    if by == "people":
        text = people_figure(entry.population, entry.unknown)
    else:
        text = (f"{len(entry.strongholds)}: "
                f"{Namer(scenario).places(entry.strongholds, limit=3)}")
    more = lifelines_cut_words(entry)
    return f"{text}\n{more}" if more else text


def critical_axis_label(scenario: Scenario, result, by: str) -> str:
    cap = _capital(Namer(scenario), result.faction.id)
    if by == "people":
        return (f"People cut off from {cap}, millions (known population; "
                f"+ unknown: places of unknown population)")
    return f"Strongholds cut off from {cap}"


def critical_notes(scenario: Scenario, result, by: str, ranked: Sequence, shown: int,
                   unknown_only: Sequence[str] = ()) -> list[str]:
    """The notes under a criticality chart: what it ranks out of what, the places left
    out because they would cut off only places of unknown population, and the
    capital's own fall, listed apart."""
    from .analyses import capital_fall_words

    n = Namer(scenario)
    label = n.label(result.faction.id)
    what = "people of known population" if by == "people" else "at least one stronghold"
    aside = " (the capital aside)" if result.capital_fall is not None else ""
    notes = []
    if result.held and not ranked:
        notes.append(f"{count(result.held, label + ' place')} held; none{aside} would by its "
                     f"fall alone cut off {what}.")
    elif ranked:
        their = "its" if len(ranked) == 1 else "their"
        text = (f"Of the {count(result.held, label + ' place')} held, {len(ranked):,}{aside} "
                f"would by {their} fall alone cut off {what}")
        notes.append(text + (f"; the first {shown:,} are shown." if shown < len(ranked) else "."))
    if by == "people" and unknown_only:
        notes.append(f"Not ranked: {n.places(unknown_only, limit=8)}, whose fall alone would "
                     f"cut off only places of unknown population.")
    if result.capital_fall is not None:
        notes.append("Listed apart, the capital's own fall: "
                     + capital_fall_words(scenario, result))
    return notes


# ---------------------------------------------------------------- lifelines

def lifelines_title(scenario: Scenario, fid: str, first: str, last: str) -> str:
    """The title of a chart of a faction's lifelines over a campaign."""
    return (f"The shortest route of each {Namer(scenario).label(fid)} lifeline, day by day, "
            f"{words.span_words(first, last)}")


def line_label(line) -> str:
    """The label at the end of one lifeline's line (a
    :class:`~sim.plot.series.LifelineLine`): its name, and under it its first cut or
    its last length."""
    if line.brk is not None:
        return f"{line.name}\n{words.break_label(line.brk.status, line.brk.date)}"
    return f"{line.name}\n{words.km(line.last_km)}"


def again_label(name: str, km: float) -> str:
    """The label at the end of a lifeline's line where it is connected again after its
    first cut: its name and its last length."""
    return f"{name}\n{words.km(km)}"


def lifelines_notes(scenario: Scenario, lines: Sequence) -> list[str]:
    """The lifelines not connected at the start, with their status then; those with no
    line at all are never connected on the chart's dates."""
    idle = [f"{line.name}, {status_words(line.start_status).lower()}"
            + ("" if line.end is not None else ", and on no later date")
            for line in lines if line.start_status != "connected"]
    return [f"Not connected at the start: {'; '.join(idle)}."] if idle else []


# ---------------------------------------------------------------- campaign

def campaign_title(first: str, last: str) -> str:
    """The title of a chart of a campaign's control over time."""
    return (f"Places held and people in each faction's main pocket, "
            f"{words.span_words(first, last)}")


def campaign_summary(scenario: Scenario, held: Mapping[str, tuple[int, int]],
                     capitals_lost: Mapping[str, str]) -> str:
    """What a campaign did to who holds what: the (at most two) factions whose count of
    places held changed most, from ``held`` {faction: (first, last)}, and each capital
    lost, from ``capitals_lost`` {faction: the first date it no longer held it}."""
    n = Namer(scenario)
    moved = sorted(((abs(b - a), fid) for fid, (a, b) in held.items() if a != b),
                   key=lambda t: (-t[0], t[1]))[:2]
    parts = []
    for i, (_, fid) in enumerate(moved):
        a, b = held[fid]
        parts.append(f"{n.the(fid)} {n.agree(fid, 'goes', 'go')} from {a:,} to {b:,}"
                     + (" places held" if i == 0 else ""))
    text = words.join_words(parts) if parts else "no faction's count of places held changes"
    for fid, date in capitals_lost.items():
        cap = n.place(scenario.factions[fid].capital)
        text += (f"; {n.the(fid)} {n.agree(fid, 'loses', 'lose')} {cap}, "
                 f"{n.agree(fid, 'its', 'their')} capital, on {words.date_words(date)}")
    return text[0].upper() + text[1:] + "."


def campaign_end_label(scenario: Scenario, fid: str, panel: str, value, unknown: int = 0) -> str:
    """The label at the end of one faction's line: its name and its last figure."""
    label = Namer(scenario).label(fid)
    if panel == "places":
        return f"{label} {value:,}"
    return f"{label} {people_figure(value, unknown)}"


def capital_lost_label(scenario: Scenario, fid: str, date: str) -> str:
    """ "Damascus lost on 8 Dec": where a faction's main-pocket line stops."""
    cap = scenario.factions[fid].capital
    return f"{Namer(scenario).label(fid)}: {Namer(scenario).place(cap)} lost on {words.short_date(date)}"


def campaign_notes(scenario: Scenario, series) -> list[str]:
    """Who the chart leaves out, and why."""
    n = Namer(scenario)
    notes = []
    if series.never:
        verb = n.agree(series.never[0], "holds", "hold") if len(series.never) == 1 else "hold"
        notes.append(f"Not drawn: {words.join_words([n.the(f) for f in series.never])} "
                     f"{verb} no place on any date.")
    no_main = [f for f in series.factions if all(v is None for v in series.people[f])]
    if no_main:
        notes.append(f"No main pocket on any date (no capital held): "
                     f"{words.join_words([n.the(f) for f in no_main])}.")
    if series.capitals_lost:
        notes.append("A faction has no main pocket while it does not hold its capital: "
                     "its line of people stops there.")
    return notes




def date_tick_labels(dates: Sequence[str], compact: bool = False) -> list[str]:
    """The labels of a date axis: "27 Nov" at every date, or, ``compact``, the day alone
    with the month under it at the first date and where a month begins.

    >>> date_tick_labels(["2024-11-30", "2024-12-01", "2024-12-02"], compact=True)
    ['30\\nNov', '1\\nDec', '2']
    """
    labels = [words.short_date(d) for d in dates]
    if not compact:
        return labels
    out = []
    for k, label in enumerate(labels):
        day, month = label.split(" ")
        out.append(f"{day}\n{month}" if k == 0 or day == "1" else day)
    return out


__all__ = ["bar_label", "campaign_end_label", "campaign_notes", "campaign_summary",
           "campaign_title", "capital_lost_label", "critical_axis_label", "critical_notes",
           "critical_title", "date_tick_labels", "line_label", "lifelines_cut_words", "again_label",
           "lifelines_notes", "lifelines_title"]
