"""Drawing: maps composed from their layers, on a figure laid out for them.

The only entry point to matplotlib; :mod:`sim.plot` imports it only when a chart
is asked for. It uses :class:`matplotlib.figure.Figure` directly, so no GUI
backend or global pyplot state is involved. A map is drawn in this order, each
layer keeping clear of the ones before: base map, roads, routes, places and
their marks, the legend (inside the map, in the corner that hides no place, or
outside it), the scale bar (in a free corner), the place names, the names of
seas and countries.
"""

from __future__ import annotations

import io as _bytes_io
import math
from collections.abc import Sequence

from ..analysis import Assessment, WhatIf, assess
from ..control import Control, Faction
from ..events import Fall
from ..report.words import date_words
from ..report import describe_events, verdict
from ..report.whatif import chart_summary
from ..scenario import Scenario
from . import legend as legend_mod
from .basemap import draw_basemap, name_areas, overlay_keys, scale_bar
from .boxes import Boxes
from .labels import TextSizer, place_labels
from .layers import draw_places, draw_roads, draw_routes
from .layout import Layout, wrap
from .plan import MapPlan, aspect, faction_plan, labelled, neutral_plan
from .style import Preset, check_labels, faction_styles, preset as get_preset

#: The order of a legend's entries (a faction's entries come first, in the theatre's order).
KEY_ORDER = ("foreign", "contested", "capital", "stronghold", "cut-off", "chokepoint", "usable",
             "unusable", "road:", "route", "road-cut", "falls", "marked", "golan")


def _renderer(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def new_figure(**kw):
    """A figure with no GUI backend attached."""
    from matplotlib.figure import Figure

    return Figure(**kw)


def legend_keys(scenario: Scenario, plans: Sequence[MapPlan]) -> list[str]:
    """The legend keys of several maps (a before and after pair), each once, in order."""
    keys = dict.fromkeys(k for plan in plans for k in (*plan.legend,
                                                       *overlay_keys(scenario.theatre, plan.extent)))
    factions = list(scenario.theatre.factions)

    def rank(key: str):
        if key.startswith("faction:"):
            fid = key.split(":", 1)[1]
            return (0, factions.index(fid) if fid in factions else len(factions), key)
        head = "road:" if key.startswith("road:") else key
        return (1, KEY_ORDER.index(head) if head in KEY_ORDER else len(KEY_ORDER), 0)

    return sorted(keys, key=rank)


#: The width (inches) of a map that takes every name at its preset's sizes.
FULL_WIDTH = 9.0


def _dense(ax, pr: Preset) -> Preset:
    """The preset for a map that names every place: markers and type shrunk with the
    map's width (a small map of many names gets smaller type, not long leaders)."""
    from dataclasses import replace

    k = min(1.0, max(0.6, ax.get_window_extent().width / ax.figure.dpi / FULL_WIDTH))
    return replace(pr, font_scale=round(pr.font_scale * k, 3),
                   marker_scale=round(pr.marker_scale * k, 3))


def draw_map(ax, scenario: Scenario, plan: MapPlan, pr: Preset, level: str, *, title: str = "",
             items: list | None = None, wrap_title: bool = True) -> Boxes:
    """Draw ``plan`` on ``ax`` in layers (see the module's text); ``items``: legend
    handles to place inside the map. Returns the boxes of what was drawn."""
    fig = ax.figure
    renderer = _renderer(fig)
    x0, x1, y0, y1 = plan.extent
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.apply_aspect()
    styles = faction_styles(scenario.theatre, bw=pr.bw)
    draw_basemap(ax, scenario.theatre, pr)
    boxes = Boxes()
    draw_roads(ax, plan, pr, boxes, renderer)
    draw_routes(ax, plan, pr)
    dense = _dense(ax, pr) if level == "all" else pr
    reach, own = draw_places(ax, plan, styles, dense, boxes)
    if items:
        legend_mod.inside(ax, items, pr, boxes, renderer)
    scale_bar(ax, pr, boxes, renderer)
    sizer = TextSizer(fig, renderer)
    optional = {p.id for p in plan.places if level == "major" and not (
        p.marked or p.capital or p.cut_off or p.chokepoint
        or (p.stronghold and pr.far_strongholds))}
    place_labels(ax, plan, labelled(plan, level, pr.major_population, pr.strongholds), dense,
                 boxes, sizer, reach, own, crowded=level == "all", optional=optional)
    name_areas(ax, scenario.theatre, pr, boxes, sizer)
    if title:
        if wrap_title:
            title = wrap(title, ax.get_window_extent(renderer).width, pr.font("map_title"),
                         renderer, "bold")
        ax.set_title(title, fontsize=pr.font("map_title"), loc="left", fontweight="bold")
    return boxes


def compose(scenario: Scenario, plans: Sequence[MapPlan], titles: Sequence[str], *,
            pr: Preset, level: str, fig_title: str = "", summary: str = "", axes=None,
            title_kind: str = "title", legend: bool = True):
    """Draw ``plans`` (one map, or a before and after pair) with their ``titles``:
    on ``axes`` as they are, or, with ``axes=None``, on a new figure of the preset's
    size laid out under ``fig_title`` (in the type of ``title_kind``) and ``summary``. The legend lists what all the
    maps draw. Returns ``(fig, [ax, ...])``."""
    styles = faction_styles(scenario.theatre, bw=pr.bw)
    keys = legend_keys(scenario, plans)
    items = legend_mod.handles(scenario, plans[-1], styles, pr, keys) if legend else None
    if axes is not None:
        axes = list(axes)
        for i, (ax, plan, title) in enumerate(zip(axes, plans, titles)):
            draw_map(ax, scenario, plan, pr, level, title=title,
                     items=items if i == len(plans) - 1 else None)
        return axes[0].figure, axes
    fig = new_figure(figsize=pr.figsize if len(plans) == 1 else pr.pair_figsize, dpi=pr.dpi)
    lay = Layout(fig, _renderer(fig), pr)
    lay.header(fig_title, title_kind, "title", "bold")
    lay.header(summary, "summary", "summary")
    lay.footer(credits_line(scenario))
    outside = items and pr.legend == "outside"
    cells, _where = lay.maps(list(titles), aspect(plans[0].extent),
                             (lambda n: legend_mod.outside(fig, items, pr, ncols=n)) if outside
                             else None)
    axes = [lay.axes_for(c) for c in cells]
    for i, (ax, plan, cell) in enumerate(zip(axes, plans, cells)):
        inner = items if items and not outside and i == len(plans) - 1 else None
        draw_map(ax, scenario, plan, pr, level, title=cell.title, items=inner, wrap_title=False)
    return fig, axes


def _options(preset, labels) -> tuple[Preset, str]:
    pr = get_preset(preset)
    return pr, check_labels(labels, pr.labels)


def plot_map(scenario: Scenario, control: Control, faction: Faction, *, ax=None,
             assessment: Assessment | None = None, title: str = "",
             mark: Sequence[str] = (), routes: bool = True, legend: bool = True,
             preset: str | Preset = "screen", labels: str | None = None):
    """Draw ``faction``'s view of the map under ``control``.

    Roads the faction can use are solid, the others dashed grey; cut roads
    carry a cross. Places carry their holder's colour and marker shape,
    strongholds are larger, strongholds cut off from the capital are ringed,
    chokepoints sit in diamonds, contested places in dashed rings, the shortest
    route of each connected lifeline is a band, and the places in ``mark`` (e.g.
    those that fell) are starred. Returns ``(fig, ax)``.
    """
    pr, level = _options(preset, labels)
    a = assessment or assess(scenario.theatre, control, faction, scenario.lifelines)
    plan = faction_plan(scenario, control, faction, a, mark, routes=routes)
    fig, axes = compose(scenario, [plan], [title], pr=pr, level=level,
                        axes=None if ax is None else [ax], legend=legend)
    return fig, axes[0]


def plot_holdings(scenario: Scenario, control: Control | None = None, *, ax=None,
                  title: str | None = None, mark: Sequence[str] = (),
                  preset: str | Preset = "screen", labels: str | None = None):
    """Who holds what, from no one's point of view: every road drawn alike by its
    class, places by holder, contested places ringed, cut roads crossed, each
    faction's capital marked, ``mark`` ringed thickly. Returns ``(fig, ax)``."""
    pr, level = _options(preset, labels)
    control = scenario.control if control is None else control
    plan = neutral_plan(scenario, control, mark)
    if title is None:  # a campaign's control is its end state: say so
        title = (f"{scenario.title}: who holds what on {date_words(scenario.date)}"
                 if scenario.events else f"{scenario.title} ({scenario.date})")
    fig, axes = compose(scenario, [plan], [title], pr=pr, level=level,
                        axes=None if ax is None else [ax])
    return fig, axes[0]


def plot_whatif(scenario: Scenario, result: WhatIf, *, axes=None, title: str | None = None,
                preset: str | Preset = "screen", labels: str | None = None):
    """A before / after pair of maps for a what-if, under its verdict (or
    ``title``) and summary.

    ``axes``: two axes to draw on, or None for a new figure. Returns
    ``(fig, (ax_before, ax_after))``.
    """
    pr, level = _options(preset, labels)
    before = faction_plan(scenario, scenario.control, result.faction, result.before)
    after = faction_plan(scenario, result.control_after, result.faction, result.after,
                         _falls(result))
    titles = [f"Before: {scenario.title}", "After: " + describe_events(scenario, result.events)]
    fig, (ax_b, ax_a) = compose(scenario, [before, after], titles, pr=pr, level=level,
                                fig_title=verdict(scenario, result) if title is None else title,
                                summary=chart_summary(scenario, result), axes=axes)
    return fig, (ax_b, ax_a)


def _falls(result: WhatIf) -> list[str]:
    return [e.place for e in result.events if isinstance(e, Fall)]


def plot_after(scenario: Scenario, result: WhatIf, *, ax=None, title: str | None = None,
               preset: str | Preset = "screen", labels: str | None = None):
    """The map after a what-if's events, the fallen places starred; titled with the
    verdict unless ``title`` is given. Returns ``(fig, ax)``."""
    return plot_map(scenario, result.control_after, result.faction, ax=ax,
                    assessment=result.after, mark=_falls(result), preset=preset, labels=labels,
                    title=verdict(scenario, result) if title is None else title)


def plot_scenario(scenario: Scenario, faction: Faction, *, ax=None, title: str | None = None,
                  preset: str | Preset = "screen", labels: str | None = None):
    """One map of a scenario as ``faction`` sees it: its usable roads, pockets,
    lifeline routes, chokepoints and cut-off strongholds. Returns ``(fig, ax)``."""
    label = scenario.faction_label(faction.id)
    if title is None:
        title = f"{scenario.title} ({scenario.date}), seen from the {label}"
    return plot_map(scenario, scenario.control, faction, ax=ax, title=title, preset=preset,
                    labels=labels)


def credits_line(scenario: Scenario) -> str:
    """The theatre's data credits, as the foot of a figure says them."""
    return "; ".join([*scenario.theatre.credits, "made with sim"]) + "."


def credit(fig, scenario: Scenario) -> None:
    """The theatre's data credits at the foot of the figure."""
    fig.text(0.01, 0.01, credits_line(scenario), fontsize=7.5, color="#555555", gid="credit")


def figure_bytes(fig, fmt: str = "png", dpi: float | None = None) -> bytes:
    """The figure rendered to bytes in ``fmt`` (png, svg, pdf), deterministically,
    at ``dpi`` (default: the figure's own)."""
    buf = _bytes_io.BytesIO()
    meta = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}
    _renderer(fig)
    fig.savefig(buf, format=fmt, metadata=meta.get(fmt), dpi=dpi or fig.dpi)
    return buf.getvalue()
