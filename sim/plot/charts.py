"""Charts that are not maps: the criticality ranking, lifelines over a campaign, and a
campaign's control over time.

Each draws one series of :mod:`sim.plot.series` at a preset's size
(:mod:`sim.plot.style`), prints only the sentences :mod:`sim.report.charts`
writes from those values, and returns ``(fig, ax)``; :mod:`sim.plot` wraps them
with ``filepath`` and ``force``. Lines are told apart without colour: each has
its own line style and marker, and a label at its end.

>>> import sim
>>> from sim.plot.charts import plot_critical
>>> fig, ax = plot_critical(sim.load("syria-2024-12-06"), faction="government", top=3)
>>> [t.get_text() for t in ax.get_yticklabels()]
['Homs', 'Baniyas', 'Jableh']
"""

from __future__ import annotations

import math

import matplotlib.patheffects as pe
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..errors import InputError
from ..report import charts as words
from ..report.timeline import timeline_verdict
from ..scenario import Scenario
from . import series
from .frame import (INK, LINE_STYLES, PALETTE, Look, axis_title, date_ticks, drawn_ticklabels, fit,
                   frame, legend_below, look, new_figure, place_label, renderer, spread,
                   style_axes)
from .style import Style, faction_styles

#: Markers of lifelines, in their order (a faction's line takes its marker from
#: :func:`sim.plot.style.faction_styles`). Not the diamond, star or cross, which the
#: maps keep for chokepoints, falls and cuts; here the cross marks where a line stops.
MARKERS = ("o", "s", "^", "v", "P", "h", "p", "<", ">")
CUT = "#c00000"
HATCH = "///"


def _lighter(colour: str, share: float = 0.45) -> tuple[float, float, float]:
    r, g, b = to_rgb(colour)
    return (r + (1 - r) * share, g + (1 - g) * share, b + (1 - b) * share)


def _colour(scenario: Scenario, fid: str, lk: Look) -> str:
    if lk.bw:
        return INK
    info = scenario.theatre.factions.get(fid)
    return info.colour if info else "#777777"


# ---------------------------------------------------------------- critical

def _critical_answer(data, faction):
    from ..api import critical, default_faction

    if isinstance(data, Scenario):
        fid = faction if faction is not None else default_faction(data).id
        return critical(data, faction=fid)
    if faction is not None:
        raise InputError("give the faction to sim.critical, not to the chart of its answer",
                         key="faction")
    return data


def _check_rank(by: str, top: int) -> None:
    if by not in series.RANK_BY:
        raise InputError(f"by must be one of {', '.join(series.RANK_BY)}, got {by!r}", key="by")
    if not isinstance(top, int) or top < 1:
        raise InputError(f"top must be at least 1, got {top!r}", key="top")


def plot_critical(data, *, faction: str | None = None, by: str = "people", top: int = 10,
                  preset="screen", title: str | None = None, ax=None):
    """A horizontal bar chart of the places whose fall alone would cut off the most
    people (``by="people"``, the known population) or strongholds
    (``by="strongholds"``) from the faction's capital, the top ``top``, most first.
    ``data``: a :class:`~sim.results.CriticalAnswer` or a scenario (then ``faction``,
    default: the owner of the first lifeline). A hatched bar's fall would also cut
    or end a lifeline. The capital's own fall is not a bar: a note under the chart
    gives it. Returns ``(fig, ax)``."""
    lk = look(preset)
    _check_rank(by, top)
    answer = _critical_answer(data, faction)
    scen, result = answer.scenario, answer.value
    ranked = series.ranked(result, by)
    shown = ranked[:top]
    own = ax is None
    fig = new_figure(lk) if own else ax.figure
    ax = fig.add_subplot() if own else ax
    style_axes(ax, lk)
    ax.grid(False, axis="y")
    scale = 1e6 if by == "people" else 1
    values = [series.rank_value(e, by) / scale for e in shown]
    fill = "#c8c8c8" if lk.bw else _lighter(_colour(scen, result.faction.id, lk))
    ys = list(range(len(shown)))
    bars = ax.barh(ys, values, height=0.62, color=fill, edgecolor=INK,
                   linewidth=0.8 * lk.preset.line_scale)
    for bar, entry in zip(bars, shown):
        if entry.lifelines:
            bar.set_hatch(HATCH)
    names = [scen.theatre.places[e.place].name for e in shown]
    ax.set_yticks(ys, names, fontsize=lk.text)
    ax.set_ylim(len(shown) - 0.5 if shown else 0.5, -0.6)
    ax.set_xlim(0, max(values, default=0) * 1.02 or 1)
    if by == "people":
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(words.critical_axis_label(scen, result, by), fontsize=lk.small, color=INK)
    labels = [ax.annotate(words.bar_label(scen, entry, by), (value, y),
                          xytext=(0.5 * lk.small, 0), textcoords="offset points", va="center",
                          ha="left", fontsize=lk.small, color=INK, annotation_clip=False)
              for y, value, entry in zip(ys, values, shown)]
    if not shown:  # nothing to rank: the title and notes say so
        ax.set_visible(False)
    handles = [Patch(facecolor=fill, edgecolor=INK, hatch=HATCH,
                     label="hatched: its fall alone would also cut or end a lifeline"),
               Patch(facecolor=fill, edgecolor=INK, label="plain: it would cut or end none")]
    text = words.critical_title(scen, result, by, ranked) if title is None else title
    notes = words.critical_notes(scen, result, by, ranked, len(shown),
                                 series.unknown_only(result))
    if own:
        slot = 4.6 * lk.text * fig.dpi / 72
        box = frame(fig, lk, scen, [ax], title=text, handles=handles if shown else (),
                    notes=notes, max_height=slot * (len(shown) + 1.2) if shown else 1)
        if _crowded(fig, labels):  # two-line labels touch: one line each
            for label in labels:
                label.set_text(label.get_text().replace("\n", "; "))
            fit(fig, [ax], box)
    else:
        legend_below(ax, lk, handles)
        axis_title(ax, lk, text)
    return fig, ax


def _crowded(fig, texts) -> bool:
    """Whether any two of ``texts`` overlap."""
    r = renderer(fig)
    boxes = [t.get_window_extent(r) for t in texts]
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


# ---------------------------------------------------------------- lifelines

def _timeline_answer(data, faction):
    from ..timelines import timeline

    if isinstance(data, Scenario):
        return timeline(data, faction=faction)
    if faction is not None:
        raise InputError("give the faction to sim.timeline, not to the chart of its answer",
                         key="faction")
    return data


def _line_style(k: int, lk: Look, colour: str | None = None) -> dict:
    return dict(color=colour or (INK if lk.bw else PALETTE[k % len(PALETTE)]),
                ls=LINE_STYLES[k % len(LINE_STYLES)], marker=MARKERS[k % len(MARKERS)],
                lw=lk.line, ms=lk.marker, mec="white" if not lk.bw else INK,
                mew=0.8, mfc=None if not lk.bw else ("white" if k % 2 else INK))


def _stop(ax, lk: Look, x_from: int, x_to: int, y: float, style: dict, key: str) -> None:
    """The last stretch of a line that stops: dotted to the day it stopped, then a cross."""
    ax.plot([x_from, x_to], [y, y], color=style["color"], ls=(0, (1, 1.5)), lw=lk.line * 0.8,
            label=f"_stop:{key}")
    ax.plot([x_to], [y], ls="", marker="X", ms=lk.marker * 1.9, color=INK if lk.bw else CUT,
            mec="white", mew=1.0, zorder=5, label=f"_cross:{key}")


def _label_ends(ax, lk: Look, ends: list[tuple[tuple[float, float], str]], placed: list) -> None:
    """Labels at the ends of lines, each where it overlaps no other."""
    box = {"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85}
    for xy, text in sorted(ends, key=lambda e: (-e[0][1], e[0][0])):
        place_label(ax, lk, xy, text, placed, bbox=box, zorder=6)


def _draw_lifelines(ax, lk: Look, dates, lines) -> list[tuple[tuple[float, float], str]]:
    ends = []
    for k, line in enumerate(lines):
        style = _line_style(k, lk)
        ys = [math.nan if v is None else v for v in line.km]
        first = ys[:line.end] if line.brk is not None else ys
        ax.plot(range(len(first)), first, label=line.name, **style)
        if line.end is None:
            continue
        ends.append(((line.end, line.last_km), words.line_label(line)))
        if line.brk is None:
            continue
        _stop(ax, lk, line.end - 1, line.end, line.last_km, style, line.name)
        again = [math.nan] * (line.end + 1) + ys[line.end + 1:]
        if any(not math.isnan(v) for v in again):  # connected again after its first cut
            ax.plot(range(len(again)), again, label=f"_again:{line.name}", **style)
            last = max(i for i, v in enumerate(again) if not math.isnan(v))
            ends.append(((last, again[last]), words.again_label(line.name, again[last])))
    return ends


def plot_lifelines(data, *, faction: str | None = None, preset="screen",
                   title: str | None = None, ax=None):
    """Each lifeline's shortest route (km) day by day over a campaign, from the start
    (the day before the first change of hands) to the last date; where a lifeline
    is first cut or lost, its line stops in a cross labelled with the date.
    ``data``: a :class:`~sim.results.TimelineAnswer`, or a scenario with dated
    events (then ``faction``, default: the owner of the first lifeline).
    Returns ``(fig, ax)``."""
    lk = look(preset)
    answer = _timeline_answer(data, faction)
    scen, tl = answer.scenario, answer.value
    dates = series.timeline_dates(tl)
    lines = series.lifeline_lines(tl)
    own = ax is None
    fig = new_figure(lk) if own else ax.figure
    ax = fig.add_subplot() if own else ax
    style_axes(ax, lk)
    ends = _draw_lifelines(ax, lk, dates, lines)
    top = max((v for line in lines for v in line.km if v is not None), default=100)
    ax.set_ylim(0, top * 1.15)
    ax.set_ylabel("Shortest route (km)", fontsize=lk.small, color=INK)
    fid = tl.faction.id
    text = (words.lifelines_title(scen, fid, dates[0], dates[-1]) if title is None else title)
    handles = [Line2D([], [], color="#777777", ls=(0, (1, 1.5)), marker="X", ms=lk.marker * 1.5,
                      mfc=INK if lk.bw else CUT, mec="white", lw=lk.line * 0.8,
                      label="the day a lifeline was first cut or lost: its line stops")
               ] if any(line.brk is not None for line in lines) else []
    _finish(fig, ax, lk, scen, dates, ends, own, dict(
        title=text, subtitle=timeline_verdict(scen, tl) if title is None else "",
        handles=handles, notes=words.lifelines_notes(scen, lines)))
    return fig, ax


def _layout(fig, axes, lk: Look, scen, dates, ends, head: dict, gap_pt: float = 14) -> None:
    """Fit ``axes`` in the frame with room for the labels at the ends of their lines
    (each axis's ``ends``: (point, text) pairs, drawn for the fitting only), the date
    ticks chosen for the width the axes end up with."""
    provisional = [axis.annotate(text, xy, xytext=(0.9 * lk.small, 0), textcoords="offset points",
                                 fontsize=lk.small, va="center", annotation_clip=False)
                   for axis, pairs in zip(axes, ends) for xy, text in pairs]
    box = frame(fig, lk, scen, axes, **head, gap_pt=gap_pt)
    for axis in axes:
        date_ticks(axis, lk, dates)
    fit(fig, axes, box, gap=gap_pt * fig.dpi / 72)
    for p in provisional:
        p.remove()


def _finish(fig, ax, lk: Look, scen, dates, ends, own: bool, head: dict) -> None:
    """Date ticks, the frame (or an axis title), then the end labels where they fit."""
    date_ticks(ax, lk, dates)
    if own:
        _layout(fig, [ax], lk, scen, dates, [ends], dict(head, max_height=fig.bbox.width * 0.8))
    else:
        axis_title(ax, lk, head["title"])
        if head["handles"]:
            legend_below(ax, lk, head["handles"])
    _label_ends(ax, lk, ends, _fixed_boxes(fig, ax))


def _fixed_boxes(fig, ax) -> list:
    """The boxes of the texts already in place, which labels must not cover."""
    r = renderer(fig)
    texts = [*drawn_ticklabels(ax), ax.xaxis.label, ax.yaxis.label, ax.title, *fig.texts]
    return [t.get_window_extent(r) for t in texts if t.get_visible() and t.get_text()]


# ---------------------------------------------------------------- campaign

PANELS = ("places", "people")


def _campaign_scenario(data) -> Scenario:
    from ..timelines import require_events

    scen = data if isinstance(data, Scenario) else getattr(data, "scenario", None)
    if not isinstance(scen, Scenario):
        raise InputError("the campaign chart takes a scenario with dated events or a "
                         "timeline answer", key="data")
    require_events(scen)  # as sim.timeline refuses it
    return scen


def _campaign_axes(ax, lk: Look, panels):
    bad = [p for p in panels if p not in PANELS]
    if bad or not panels:
        raise InputError(f"panels must be some of {', '.join(PANELS)}, got {list(panels)!r}",
                         key="panels")
    if ax is None:
        fig = new_figure(lk)
        axes = list(fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0])
        return fig, axes, True
    axes = list(ax) if isinstance(ax, (tuple, list)) else [ax]
    if len(axes) != len(panels):
        raise InputError(f"give one axis per panel: {len(panels)} panels, {len(axes)} axes",
                         key="ax")
    return axes[0].figure, axes, False


def _panel_values(ser, fid: str, panel: str) -> list[float]:
    if panel == "places":
        return [float(v) for v in ser.places[fid]]
    return [math.nan if v is None else v / 1e6 for v in ser.people[fid]]


def _faction_line(scen, fid: str, lk: Look) -> dict:
    """A faction's line, as the maps draw its places: its colour (black on a handout)
    and marker shape, the marker's fill pattern on a handout, and a line style of its
    own; a light colour (a yellow) gets a dark outline to stand out from the page."""
    order = list(scen.theatre.factions)
    k = order.index(fid) if fid in order else len(order)
    st = faction_styles(scen.theatre, bw=lk.bw).get(fid) or Style("#888888", "o")
    r, g, b = to_rgb(st.colour)
    light = 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6
    effects = ([pe.Stroke(linewidth=lk.line + 1.0, foreground="#5a5a5a"), pe.Normal()]
               if light and not lk.bw else None)
    return dict(color=INK if lk.bw else st.colour, ls=LINE_STYLES[k % len(LINE_STYLES)],
                marker=st.marker, fillstyle=st.fill, mfc="#444444" if lk.bw else st.colour,
                mfcalt=st.alt, mec=INK if lk.bw else st.edge, mew=0.8, lw=lk.line,
                ms=lk.marker, path_effects=effects)


def _draw_panel(ax, lk: Look, scen, ser, panel: str):
    """One panel: a line per faction; returns the labels for the line ends and the
    crosses where a faction's main pocket ends with the loss of its capital."""
    ends, stops = [], []
    for fid in ser.factions:
        ys = _panel_values(ser, fid, panel)
        if panel == "people" and all(math.isnan(v) for v in ys):
            continue
        style = _faction_line(scen, fid, lk)
        ax.plot(range(len(ys)), ys, label=fid, **style)
        last = max(i for i, v in enumerate(ys) if not math.isnan(v))
        lost = ser.capitals_lost.get(fid)
        if panel == "people" and lost is not None and last < len(ys) - 1:
            at = ser.dates.index(lost)
            _stop(ax, lk, last, at, ys[last], style, fid)
            text = words.capital_lost_label(scen, fid, lost)
            if at == len(ys) - 1:  # at the last date: among the labels of the line ends
                ends.append((fid, ys[last], text))
            else:
                stops.append(((at, ys[last]), text))
        elif last == len(ys) - 1:
            raw = ser.places[fid][last] if panel == "places" else ser.people[fid][last]
            ends.append((fid, ys[last], words.campaign_end_label(
                scen, fid, panel, raw, ser.unknown[fid][last])))
    ax.set_ylim(0, max((v for fid in ser.factions for v in _panel_values(ser, fid, panel)
                        if not math.isnan(v)), default=1) * 1.12)
    if panel == "places":
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 2.5, 5, 10]))
    return ends, stops


PANEL_TITLES = {"places": "Places held",
                "people": "People in the main pocket, millions (+ unknown: places of "
                          "unknown population)"}


def _end_labels(ax, lk: Look, n: int, ends, placed: list) -> None:
    """Labels at the right end of the lines, spread so that none overlaps another."""
    if not ends:
        return
    r = renderer(ax.figure)
    to_px = ax.transData.transform
    ys = [to_px((n - 1, y))[1] for _, y, _ in ends]
    box = ax.get_window_extent(r)
    gap = lk.small * ax.figure.dpi / 72 * 1.35
    spots = spread(ys, gap, box.y0 + gap / 2, box.y1)
    px_to_pt = 72 / ax.figure.dpi
    for (_, y, text), want, got in zip(ends, ys, spots):
        ann = ax.annotate(text, (n - 1, y), xytext=(0.9 * lk.small, (got - want) * px_to_pt),
                          textcoords="offset points", va="center", ha="left",
                          fontsize=lk.small, color=INK, annotation_clip=False,
                          arrowprops=dict(arrowstyle="-", color="#888888", lw=0.6,
                                          shrinkA=0, shrinkB=2))
        placed.append(ann.get_window_extent(r))


def plot_campaign(data, *, preset="screen", title: str | None = None, ax=None,
                  panels=PANELS):
    """A campaign's control over time: for each faction, the places it holds and the
    people of its main pocket (the pocket holding its capital), from the start (the
    day before the first change of hands) to the scenario's date; one line per
    faction in its colour, with its own marker and line style, and a label at its
    end. ``data``: a scenario with dated events or a timeline answer. ``ax``: None,
    or one axis per panel of ``panels``. Returns ``(fig, axes)`` (``(fig, ax)``
    for one panel)."""
    lk = look(preset)
    scen = _campaign_scenario(data)
    fig, axes, own = _campaign_axes(ax, lk, tuple(panels))
    ser = series.campaign_series(scen, _timeline_answer(data, None).value)
    drawn = []
    for axis, panel in zip(axes, panels):
        style_axes(axis, lk)
        drawn.append(_draw_panel(axis, lk, scen, ser, panel))
        axis_title(axis, lk, PANEL_TITLES[panel], size=lk.small)
    labels = ser.dates
    for axis in axes:
        date_ticks(axis, lk, labels)
    for axis in axes[:-1]:
        axis.tick_params(labelbottom=False)
    held = {fid: (ser.places[fid][0], ser.places[fid][-1]) for fid in ser.factions}
    text = words.campaign_title(ser.dates[0], ser.dates[-1]) if title is None else title
    if own:
        ends = [[((len(labels) - 1, y), t) for _, y, t in e] for e, _ in drawn]
        _layout(fig, axes, lk, scen, labels, ends, dict(
            title=text, subtitle=words.campaign_summary(scen, held, ser.capitals_lost)
            if title is None else "", notes=words.campaign_notes(scen, ser),
            max_height=fig.bbox.width * 1.15), gap_pt=lk.text * 1.6)
    else:
        axis_title(axes[0], lk, f"{text}\n{PANEL_TITLES[panels[0]]}")
    for axis, (ends, stops) in zip(axes, drawn):
        placed = _fixed_boxes(fig, axis)
        _end_labels(axis, lk, len(labels), ends, placed)
        _label_ends(axis, lk, stops, placed)
    return fig, (axes[0] if len(axes) == 1 else tuple(axes))


__all__ = ["MARKERS", "PANELS", "plot_campaign", "plot_critical", "plot_lifelines"]
