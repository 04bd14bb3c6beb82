"""Drawing: the layers of a map (base map, roads, routes, places, labels, legend).

The only module that imports matplotlib; :mod:`sim.plot` imports it only when
a chart is asked for. It uses :class:`matplotlib.figure.Figure` directly, so
no GUI backend or global pyplot state is involved.
"""

from __future__ import annotations

import io as _bytes_io
import math
import textwrap
from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon
import matplotlib.patheffects as pe

from .. import io as sim_io
from ..analysis import Assessment, WhatIf, assess
from ..analysis.passable import passable_places
from ..control import Control, Faction
from ..events import Fall
from ..report import describe_events, verdict
from ..report.whatif import chart_summary
from ..scenario import Scenario

SEA = "#d6e6f2"
LAND = "#f5f2ea"
HOME_LAND = "#fbfaf6"
BORDER = "#9a9a9a"
FOREIGN = "#b5b5b5"
ROUTE = "#1b4f9c"
CUT_OFF_RING = "#ff7f0e"
WIDTH = {"motorway": 2.2, "primary": 1.6, "secondary": 1.1, "mountain": 1.1, "desert": 1.1}


def _extent(scenario: Scenario) -> tuple[float, float, float, float]:
    """The home country's places plus a margin of 5% of the span (foreign ones if none)."""
    th = scenario.theatre
    home = [p for p in th.places.values() if p.country == th.home_country] or list(th.places.values())
    lons = [p.lon for p in home]
    lats = [p.lat for p in home]
    margin = max(max(lons) - min(lons), max(lats) - min(lats), 1e-3) * 0.05
    return min(lons) - margin, max(lons) + margin, min(lats) - margin, max(lats) + margin


def _draw_basemap(ax, scenario: Scenario) -> None:
    data = sim_io.load_basemap(scenario.theatre)
    if not data:
        ax.set_facecolor(HOME_LAND)  # no coastline known: do not paint everything as sea
        return
    ax.set_facecolor(SEA)
    home = scenario.theatre.home_country
    for feature in data["features"]:
        code = feature["properties"].get("iso_a2", "")
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        overlay = "-" in code and code.split("-")[0] == home
        for poly in polys:
            for ring_no, ring in enumerate(poly):
                if overlay:
                    ax.add_patch(Polygon(ring, closed=True, facecolor="none", edgecolor="#8c8c8c",
                                         hatch="////", linewidth=0.4, zorder=1.5))
                elif ring_no == 0:
                    ax.add_patch(Polygon(ring, closed=True, zorder=1, linewidth=0.7,
                                         facecolor=HOME_LAND if code == home else LAND,
                                         edgecolor=BORDER))
                else:
                    ax.add_patch(Polygon(ring, closed=True, facecolor=SEA, edgecolor=BORDER,
                                         linewidth=0.5, zorder=1.1))


def _has_overlay(scenario: Scenario) -> bool:
    data = sim_io.load_basemap(scenario.theatre)
    home = scenario.theatre.home_country
    return bool(data) and any(f["properties"].get("iso_a2", "").startswith(home + "-")
                              for f in data["features"])


def _colour(scenario: Scenario, faction: str | None) -> str:
    if faction is None:
        return FOREIGN
    info = scenario.theatre.factions.get(faction)
    return info.colour if info else "#777777"


def _renderer(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def _label_places(scenario: Scenario, control: Control, faction: Faction,
                  extra: Sequence[str]) -> list[str]:
    th = scenario.theatre
    chosen = set(extra) | set(faction.strongholds)
    for pid, p in th.places.items():
        if p.country == th.home_country and (p.population or 0) >= 45_000:
            chosen.add(pid)
        if p.country != th.home_country and (p.population or 0) >= 500_000:
            chosen.add(pid)
    for fac in scenario.factions.values():
        if fac.capital:
            chosen.add(fac.capital)
    return sorted(chosen)


def plot_map(scenario: Scenario, control: Control, faction: Faction, *, ax=None,
             assessment: Assessment | None = None, title: str = "",
             mark: Sequence[str] = (), routes: bool = True, legend: bool = True):
    """Draw ``faction``'s view of the map under ``control``.

    Roads the faction can use are solid, the others dashed grey; cut roads
    carry a red cross. Places are coloured by holder, strongholds are larger,
    strongholds cut off from the capital are ringed in orange, chokepoints
    are black diamonds, the shortest route of each connected lifeline is a
    blue band, and the places in ``mark`` (e.g. those that fell) are starred.
    Returns ``(fig, ax)``.
    """
    if ax is None:
        fig = Figure(figsize=(9, 8.5), dpi=130)
        ax = fig.add_subplot()
    fig = ax.figure
    th = scenario.theatre
    a = assessment or assess(th, control, faction, scenario.lifelines)
    x0, x1, y0, y1 = _extent(scenario)
    _draw_basemap(ax, scenario)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    _draw_roads(ax, scenario, control, faction)
    if routes:
        _draw_routes(ax, scenario, a)
    _draw_places(ax, scenario, control, faction)
    chokes = _draw_marks(ax, scenario, a, mark)
    _draw_labels(ax, scenario, control, faction, [*chokes, *mark], set(mark), (x0, x1, y0, y1))
    _scale_bar(ax, x0, x1, y0, y1)
    if title:
        ax.set_title(title, fontsize=11.5, loc="left", fontweight="bold")
    if legend:
        _legend(ax, scenario, control, faction, falls=bool(mark))
    return fig, ax


def _draw_roads(ax, scenario: Scenario, control: Control, faction: Faction) -> None:
    """Usable roads solid, the others dashed grey, cut roads crossed in red."""
    th = scenario.theatre
    ok = passable_places(th, control, faction.side)
    for key, road in th.roads.items():
        pa, pb = th.places[road.a], th.places[road.b]
        xs, ys = (pa.lon, pb.lon), (pa.lat, pb.lat)
        if road.a in ok and road.b in ok and key not in control.cut_roads:
            ax.plot(xs, ys, color="#3d3d3d", lw=WIDTH.get(road.road_class, 1.2),
                    solid_capstyle="round", zorder=3)
        else:
            ax.plot(xs, ys, color="#a8a8a8", lw=0.8, ls=(0, (3, 2)), zorder=2.5)
        if key in control.cut_roads:
            ax.plot((pa.lon + pb.lon) / 2, (pa.lat + pb.lat) / 2, marker="X", ms=9,
                    color="#c00000", mec="white", mew=0.8, zorder=7)


def _draw_routes(ax, scenario: Scenario, a: Assessment) -> None:
    """The shortest route of each connected lifeline as a blue band."""
    for status in a.lifelines:
        if status.route is None:
            continue
        pts = [scenario.theatre.places[p] for p in status.route.places]
        ax.plot([p.lon for p in pts], [p.lat for p in pts], color=ROUTE, lw=6, alpha=0.35,
                solid_capstyle="round", zorder=2.8)


def _draw_places(ax, scenario: Scenario, control: Control, faction: Faction) -> None:
    """Places coloured by holder: strongholds larger, foreign places square, contested ringed."""
    th = scenario.theatre
    strong = set(faction.strongholds)
    for pid, p in th.places.items():
        holder = control.holder(pid)
        size = 70 if pid in strong else 16
        edge = "black" if pid in strong else "white"
        face = _colour(scenario, holder)
        ax.scatter([p.lon], [p.lat], s=size, c=[face], edgecolors=edge, linewidths=0.7,
                   zorder=5, marker="o" if p.country == th.home_country else "s")
        if control.is_contested(pid):
            ax.scatter([p.lon], [p.lat], s=size * 2.2, facecolors="none", edgecolors=face,
                       linewidths=1.0, linestyle=(0, (2, 1.5)), zorder=5)


def _draw_marks(ax, scenario: Scenario, a: Assessment, mark: Sequence[str]) -> list[str]:
    """Rings on cut-off strongholds, diamonds on chokepoints, stars on ``mark``;
    returns the chokepoints."""
    th = scenario.theatre
    for pid, state in a.strongholds.items():
        if state == "cut-off":
            p = th.places[pid]
            ax.scatter([p.lon], [p.lat], s=330, facecolors="none", edgecolors=CUT_OFF_RING,
                       linewidths=2.4, zorder=6)
    chokes = sorted({c for cs in a.chokepoints.values() for c in cs})
    for pid in chokes:
        p = th.places[pid]
        ax.scatter([p.lon], [p.lat], s=120, marker="D", facecolors="none", edgecolors="black",
                   linewidths=1.6, zorder=6.5)
    for pid in mark:
        p = th.places[pid]
        ax.scatter([p.lon], [p.lat], s=260, marker="*", c="#ffd400", edgecolors="black",
                   linewidths=0.9, zorder=8)
    return chokes


_LABEL_SPOTS = ((5, 4, "left"), (5, -11, "left"), (-5, 4, "right"), (-5, -11, "right"),
                (0, 9, "center"), (0, -16, "center"))


def _draw_labels(ax, scenario: Scenario, control: Control, faction: Faction,
                 extra: Sequence[str], big_ones: set[str], extent) -> None:
    """Name the places worth naming, each where it overlaps no label already placed."""
    th = scenario.theatre
    x0, x1, y0, y1 = extent
    strong = set(faction.strongholds)
    stroke = [pe.withStroke(linewidth=2.6, foreground="white")]
    renderer = _renderer(ax.figure)
    placed: list = []
    for pid in _label_places(scenario, control, faction, extra):
        p = th.places[pid]
        if not (x0 <= p.lon <= x1 and y0 <= p.lat <= y1):
            continue
        big = pid in strong or pid in big_ones
        for dx, dy, ha in _LABEL_SPOTS:
            text = ax.annotate(p.name, (p.lon, p.lat), xytext=(dx, dy), textcoords="offset points",
                               ha=ha, fontsize=8.5 if big else 7.2,
                               fontweight="bold" if big else "normal",
                               path_effects=stroke, zorder=9, color="#111111")
            box = text.get_window_extent(renderer)
            if not any(box.overlaps(other) for other in placed):
                break
            text.remove()
        else:
            text = ax.annotate(p.name, (p.lon, p.lat), xytext=(5, 4), textcoords="offset points",
                               fontsize=7, path_effects=stroke, zorder=9, color="#111111")
            box = text.get_window_extent(renderer)
        placed.append(box)


def _scale_bar(ax, x0: float, x1: float, y0: float, y1: float) -> None:
    """A bar of a round number of km in the lower left corner."""
    lat = y0 + (y1 - y0) * 0.04
    km_per_degree = 111.32 * math.cos(math.radians(lat))
    span_km = (x1 - x0) * km_per_degree
    length = next((k for k in (500, 200, 100, 50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1)
                   if k <= span_km / 5), 0.05)
    start = x0 + (x1 - x0) * 0.03
    end = start + length / km_per_degree
    stroke = [pe.withStroke(linewidth=3, foreground="white")]
    ax.plot([start, end], [lat, lat], color="#222222", lw=2.5, solid_capstyle="butt",
            zorder=9, path_effects=stroke)
    label = f"{length:g} km"
    ax.text((start + end) / 2, lat + (y1 - y0) * 0.012, label, ha="center", va="bottom",
            fontsize=8, zorder=9, path_effects=stroke)


def _legend(ax, scenario: Scenario, control: Control, faction: Faction, *,
            falls: bool = False) -> None:
    held = sorted({h.faction for h in control.holdings.values()})
    handles = [Line2D([], [], marker="o", ls="", color=_colour(scenario, f), mec="white",
                      ms=7, label=f"held by the {scenario.faction_label(f)}") for f in held]
    handles.append(Line2D([], [], marker="s", ls="", color=FOREIGN, ms=6,
                          label="foreign place"))
    label = scenario.faction_label(faction.id)
    handles += [
        Line2D([], [], marker="o", ls="", color="white", mec="black", ms=10,
               label=f"{label} stronghold"),
        Line2D([], [], marker="o", ls="", color="white", mec=CUT_OFF_RING, mew=2.2, ms=13,
               label=("stronghold in a pocket left after losing the capital"
                      if faction.capital and control.holder(faction.capital) != faction.id
                      else "stronghold cut off from the capital")),
        Line2D([], [], marker="o", ls="", color="white", mec="#777777", ms=11,
               markeredgewidth=1.0, linestyle="none", label="contested place (dashed ring)"),
        Line2D([], [], marker="D", ls="", color="white", mec="black", mew=1.5, ms=8,
               label="chokepoint of a lifeline"),
        Line2D([], [], color="#3d3d3d", lw=2, label=f"road the {label} can use"),
        Line2D([], [], color="#a8a8a8", lw=1, ls=(0, (3, 2)), label=f"road the {label} cannot use"),
        Line2D([], [], color=ROUTE, lw=6, alpha=0.35, label="shortest lifeline route"),
        Line2D([], [], marker="X", ls="", color="#c00000", ms=8, label="road cut"),
    ]
    if falls:
        handles.append(Line2D([], [], marker="*", ls="", color="#ffd400", mec="black", ms=13,
                              label="place that falls"))
    if _has_overlay(scenario):
        handles.append(Patch(facecolor="none", edgecolor="#8c8c8c", hatch="////",
                             label="Golan (occupied)"))
    ax.legend(handles=handles, loc="lower right", fontsize=7, framealpha=0.92, borderpad=0.7)


def plot_whatif(scenario: Scenario, result: WhatIf, *, axes=None):
    """A before / after pair of maps for a what-if, under its verdict.

    ``axes``: two axes to draw on, or None for a new figure. Returns
    ``(fig, (ax_before, ax_after))``.
    """
    if axes is None:
        fig = Figure(figsize=(17, 9.6), dpi=110)
        ax_b, ax_a = fig.subplots(1, 2)
        own = True
    else:
        ax_b, ax_a = axes
        fig, own = ax_a.figure, False
    plot_map(scenario, scenario.control, result.faction, ax=ax_b, assessment=result.before,
             title=f"Before: {scenario.title}", legend=False)
    plot_after(scenario, result, ax=ax_a, title="After: " + describe_events(scenario, result.events))
    if own:
        _whatif_titles(fig, scenario, result)
    return fig, (ax_b, ax_a)


def plot_after(scenario: Scenario, result: WhatIf, *, ax=None, title: str | None = None):
    """The map after a what-if's events, the fallen places starred; titled with the
    verdict unless ``title`` is given. Returns ``(fig, ax)``."""
    falls = [e.place for e in result.events if isinstance(e, Fall)]
    if title is None:
        title = "\n".join(textwrap.wrap(verdict(scenario, result), 80))
    return plot_map(scenario, result.control_after, result.faction, ax=ax,
                    assessment=result.after, title=title, mark=falls)


def _whatif_titles(fig, scenario: Scenario, result: WhatIf) -> None:
    """The verdict on top, the summary below it, the credits at the foot."""
    lines = textwrap.wrap(verdict(scenario, result), 140)
    fig.suptitle("\n".join(lines), fontsize=13, fontweight="bold", y=0.988, va="top")
    # Each title line takes about 2.6% of the figure's height; the summary sits below.
    below = 0.988 - 0.026 * len(lines) - 0.008
    summary = textwrap.wrap(chart_summary(scenario, result), 190)
    fig.text(0.5, below, "\n".join(summary), ha="center", va="top", fontsize=10,
             color="#222222")
    credit(fig, scenario)
    top = below - 0.02 * len(summary) - 0.035
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.04, top=top, wspace=0.03)


def credit(fig, scenario: Scenario) -> None:
    """The theatre's data credits at the foot of the figure."""
    credits = "; ".join([*scenario.theatre.credits, "made with sim"]) + "."
    fig.text(0.01, 0.01, credits, fontsize=7.5, color="#555555")


def plot_scenario(scenario: Scenario, faction: Faction, *, ax=None):
    """One map of a scenario as ``faction`` sees it: its usable roads, pockets,
    lifeline routes, chokepoints and cut-off strongholds. Returns ``(fig, ax)``."""
    own = ax is None
    if own:
        fig = Figure(figsize=(10, 9.6), dpi=110)
        ax = fig.add_subplot()
    fig = ax.figure
    label = scenario.faction_label(faction.id)
    plot_map(scenario, scenario.control, faction, ax=ax,
             title=f"{scenario.title} ({scenario.date}), seen from the {label}")
    if own:
        credit(fig, scenario)
        fig.subplots_adjust(left=0.02, right=0.98, bottom=0.04, top=0.95)
    return fig, ax


def new_figure(**kw):
    """A figure with no GUI backend attached."""
    return Figure(**kw)


def figure_bytes(fig, fmt: str = "png") -> bytes:
    """The figure rendered to bytes in ``fmt`` (png, svg, pdf), deterministically."""
    buf = _bytes_io.BytesIO()
    meta = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}
    fig.savefig(buf, format=fmt, metadata=meta.get(fmt))
    return buf.getvalue()
