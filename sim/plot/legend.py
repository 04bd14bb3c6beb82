"""The legend: one entry for each kind of thing the map draws, and nothing else.

The entries come from the plan's ``legend`` keys (:class:`~sim.plot.plan.MapPlan`),
so a map with no cut road has no "road cut", a map with no place abroad no grey
square, and only the factions that hold a place in the frame are listed. The
words are the glossary's (``docs/glossary.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..report.charts import LEGEND_WORDS
from .boxes import Boxes, extent_box
from .layers import DASHED_RING, DIAMOND, cut_kw, road_line, route_kw
from .plan import MapPlan
from .style import CUT_OFF_RING, FOREIGN, STAR, Preset, Style, place_style

#: The words of the road classes in a legend.
ROAD_WORDS = {"motorway": "motorway", "primary": "primary road", "secondary": "secondary road",
              "mountain": "mountain road", "desert": "desert road"}
#: Where an inside legend may go, in order of preference.
CORNERS = ("lower right", "lower left", "upper right", "upper left", "center right",
           "center left", "lower center", "upper center")


def _entry(key: str, scenario, plan: MapPlan, styles: dict[str, Style], preset: Preset):
    ms = preset.ms("stronghold") * 0.9
    label = scenario.faction_label(plan.view) if plan.view else ""
    if key.startswith("faction:"):
        fid = key.split(":", 1)[1]
        return Line2D([], [], ms=ms, **place_style(styles, fid).line_kw(),
                      label=LEGEND_WORDS["faction"].format(label=scenario.faction_label(fid)))
    if key.startswith("road:"):
        cls = key.split(":", 1)[1]
        return Line2D([], [], **road_line("class", preset, cls), label=ROAD_WORDS.get(cls, cls))
    ring = {"marker": "o", "ls": "", "mfc": "none"}
    simple = {
        "foreign": lambda: Line2D([], [], marker="s", ls="", mfc=FOREIGN, mec="#8a8a8a",
                                  ms=preset.ms("foreign") * 1.2, label=LEGEND_WORDS["foreign"]),
        "contested": lambda: Line2D([], [], marker=DASHED_RING, ls="", mfc="none", mec="black",
                                    ms=ms * 1.3, mew=preset.lw(1.1),
                                    label=LEGEND_WORDS["contested"]),
        "stronghold": lambda: Line2D([], [], marker=place_style(styles, plan.view).marker, ls="",
                                     mfc="white", mec="black",
                                     ms=ms, mew=preset.lw(1.1),
                                     label=LEGEND_WORDS["stronghold"].format(label=label)),
        "cut-off": lambda: Line2D([], [], **ring, ms=ms * 1.35, mew=preset.lw(2.3),
                                  mec="black" if preset.bw else CUT_OFF_RING,
                                  label=_cut_off_words(scenario, plan)),
        "chokepoint": lambda: Line2D([], [], marker=DIAMOND, ls="", mfc="none", mec="black",
                                     mew=preset.lw(1.5), ms=ms * 1.1,
                                     label=LEGEND_WORDS["chokepoint"]),
        "usable": lambda: Line2D([], [], **road_line("usable", preset, "primary"),
                                 label=LEGEND_WORDS["usable"].format(label=label)),
        "unusable": lambda: Line2D([], [], **road_line("unusable", preset),
                                   label=LEGEND_WORDS["unusable"].format(label=label)),
        "route": lambda: Line2D([], [], **route_kw(preset), label=LEGEND_WORDS["route"]),
        "road-cut": lambda: Line2D([], [], **cut_kw(preset), label=LEGEND_WORDS["road-cut"]),
        "falls": lambda: Line2D([], [], marker="*", ls="", mfc="#bbbbbb" if preset.bw else STAR,
                                mec="black", ms=ms * 1.5, label=LEGEND_WORDS["falls"]),
        "capital": lambda: Line2D([], [], marker="o", ls="", mfc="#cccccc", mec="black",
                                  ms=preset.ms("capital"), mew=preset.lw(1.1),
                                  label=LEGEND_WORDS["capital"]),
        "marked": lambda: Line2D([], [], **ring, ms=ms * 1.5, mec="black", mew=preset.lw(2.6),
                                 label=LEGEND_WORDS["marked"]),
        "golan": lambda: Patch(facecolor="none", edgecolor="#8c8c8c", hatch="////",
                               label=LEGEND_WORDS["golan"]),
    }
    return simple[key]()


def _cut_off_words(scenario, plan: MapPlan) -> str:
    faction = scenario.factions.get(plan.view)
    capital = faction.capital if faction else None
    if capital and not any(p.id == capital and p.holder in faction.side for p in plan.places):
        return LEGEND_WORDS["cut-off-after-capital"]
    return LEGEND_WORDS["cut-off"]


def handles(scenario, plan: MapPlan, styles: dict[str, Style], preset: Preset,
            keys: Sequence[str] | None = None) -> list:
    """The legend's handles: one per key of ``keys`` (default: ``plan.legend``; the
    base map's keys, such as ``golan``, come from
    :func:`~sim.plot.basemap.overlay_keys`). ``plan`` gives the view's words."""
    return [_entry(k, scenario, plan, styles, preset)
            for k in (plan.legend if keys is None else keys)]


def _legend_kw(preset: Preset, n: int) -> dict:
    return {"fontsize": preset.font("legend"), "framealpha": 0.95, "borderpad": 0.7,
            "handlelength": 2.2, "labelspacing": 0.45, "edgecolor": "#999999"}


def inside(ax, items: list, preset: Preset, boxes: Boxes, renderer):
    """A legend inside ``ax``, in the first corner where it hides no place (else
    where it hides fewest); its box joins ``boxes``."""
    best = None
    for loc in CORNERS:
        leg = ax.legend(handles=items, loc=loc, **_legend_kw(preset, len(items)))
        box = extent_box(leg, renderer)
        hidden = sum(1 for i, o in enumerate(boxes.owners)
                     if not o.startswith(("label:", "leader:")) and _overlap(box, boxes.array()[i]))
        if best is None or hidden < best[0]:
            best = (hidden, loc, box)
        if hidden == 0:
            break
    leg = ax.legend(handles=items, loc=best[1], **_legend_kw(preset, len(items)))
    leg.set_gid("legend")
    leg.set_zorder(10)
    boxes.add(best[2], "legend")
    return leg


def _overlap(a, b) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def outside(fig, items: list, preset: Preset, *, ncols: int = 1):
    """A figure legend (placed later by the layout); returns it."""
    leg = fig.legend(handles=items, loc="upper left", ncols=ncols,
                     **_legend_kw(preset, len(items)))
    leg.set_gid("legend")
    return leg


__all__ = ["CORNERS", "ROAD_WORDS", "handles", "inside", "outside"]
