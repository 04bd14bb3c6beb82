"""The layers of a map drawn from a :class:`~sim.plot.plan.MapPlan`: roads, lifeline
routes, places and their marks.

Every place is its own artist with the gid ``place:<id>`` (its marks
``mark:<id>:<what>``), so a test, an SVG reader or the label placer can find each
one; each drawn marker's box (pixels) goes into a :class:`~sim.plot.boxes.Boxes`
owned by its place, for the labels to keep clear of.
"""

from __future__ import annotations

import math

from matplotlib.path import Path

from .boxes import Boxes
from .plan import MapPlan, PlaceSpot
from .style import CUT_MARK, CUT_OFF_RING, ROUTE, STAR, Preset, Style, place_style

#: Road widths (points) of the ``screen`` preset in a faction's view.
WIDTH = {"motorway": 2.2, "primary": 1.6, "secondary": 1.1, "mountain": 1.1, "desert": 1.1}
#: How each class of road is drawn in the neutral view: (colour, width, dashes).
CLASS_LINE = {"motorway": ("#2b2b2b", 2.3, None), "primary": ("#4a4a4a", 1.6, None),
              "secondary": ("#6e6e6e", 1.0, None), "mountain": ("#6e6e6e", 1.2, (0, (4, 1.6))),
              "desert": ("#7d6e55", 1.2, (0, (1, 1.4)))}
OTHER_CLASS = ("#6e6e6e", 1.0, (0, (6, 2, 1, 2)))
USABLE = "#3d3d3d"
UNUSABLE = "#a8a8a8"


def _dashed_ring(dashes: int = 10) -> Path:
    """A ring of ``dashes`` short arcs: the contested mark, as a marker path."""
    verts, codes = [], []
    for i in range(dashes):
        start = 2 * math.pi * i / dashes
        for j in range(5):
            a = start + (2 * math.pi / dashes) * 0.6 * j / 4
            verts.append((math.cos(a), math.sin(a)))
            codes.append(Path.MOVETO if j == 0 else Path.LINETO)
    return Path(verts, codes)


DASHED_RING = _dashed_ring()
DIAMOND = [(0, 1), (1, 0), (0, -1), (-1, 0), (0, 1)]


def road_line(kind: str, preset: Preset, road_class: str = "") -> dict:
    """The line keywords of one kind of road: ``usable``, ``unusable`` (a faction's
    view) or ``class`` (the neutral view, by ``road_class``)."""
    if kind == "usable":
        return {"color": USABLE, "lw": preset.lw(WIDTH.get(road_class, 1.2)),
                "solid_capstyle": "round"}
    if kind == "unusable":
        return {"color": UNUSABLE, "lw": preset.lw(0.8), "ls": (0, (3, 2))}
    colour, width, dashes = CLASS_LINE.get(road_class, OTHER_CLASS)
    kw = {"color": colour, "lw": preset.lw(width), "solid_capstyle": "round"}
    if dashes:
        kw["ls"] = dashes
    return kw


def cut_kw(preset: Preset) -> dict:
    """The keywords of the cross on a cut road."""
    return {"marker": "X", "ms": preset.ms("stronghold"), "ls": "",
            "color": "#000000" if preset.bw else CUT_MARK, "mec": "white", "mew": 0.8}


def route_kw(preset: Preset) -> dict:
    """The keywords of the band along a lifeline's shortest route."""
    return {"color": "#777777" if preset.bw else ROUTE, "lw": preset.lw(6),
            "alpha": 0.45 if preset.bw else 0.35, "solid_capstyle": "round"}


def _road_kind(plan: MapPlan, road) -> tuple[str, str]:
    if plan.view is None:
        return "class", road.road_class
    return ("usable", road.road_class) if road.usable else ("unusable", "")


def draw_roads(ax, plan: MapPlan, preset: Preset, boxes: Boxes, renderer) -> None:
    """Roads: in a faction's view usable ones solid, the others dashed grey; in the
    neutral view each by its class. A cut road carries a cross at its middle. The
    roads of one look are one artist, gid ``roads:<kind>:<class>``."""
    from matplotlib.collections import LineCollection

    looks: dict[tuple[str, str], list] = {}
    for road in plan.roads:
        looks.setdefault(_road_kind(plan, road), []).append(road.ends)
    for (kind, cls), segments in sorted(looks.items()):
        kw = road_line(kind, preset, cls)
        style = {"colors": kw["color"], "linewidths": kw["lw"], "zorder": 2.5 if kind ==
                 "unusable" else 3, "gid": f"roads:{kind}:{cls}", "capstyle": "round"}
        if "ls" in kw:
            style["linestyles"] = [kw["ls"]]
        ax.add_collection(LineCollection(segments, **style), autolim=False)
    for road in plan.roads:
        (xa, ya), (xb, yb) = road.ends
        if road.cut:
            mid = ((xa + xb) / 2, (ya + yb) / 2)
            line, = ax.plot(*mid, zorder=7, gid=f"cut:{road.a}:{road.b}", **cut_kw(preset))
            boxes.add(_marker_box(ax, mid, line.get_markersize(), 0.8), "cut")


def draw_routes(ax, plan: MapPlan, preset: Preset) -> None:
    """The shortest route of each connected lifeline as a band under the roads."""
    for route in plan.routes:
        ax.plot([p[0] for p in route], [p[1] for p in route], zorder=2.8, gid="route",
                **route_kw(preset))


def marker_size(p: PlaceSpot, plan: MapPlan, preset: Preset) -> float:
    """How large ``p``'s marker is (points across)."""
    if p.holder is None:
        return preset.ms("foreign")
    if plan.view is None:
        return preset.ms("capital" if p.capital else "city" if p.kind == "city" else "town")
    return preset.ms("stronghold" if p.stronghold else "town")


def _marker_box(ax, xy, ms: float, mew: float):
    x, y = ax.transData.transform(xy)
    half = (ms / 2 + mew / 2) * ax.figure.dpi / 72
    return (x - half, y - half, x + half, y + half)


def _plot_marker(ax, boxes: Boxes, p: PlaceSpot, gid: str, ms: float, mew: float,
                 zorder: float, **kw) -> float:
    """Plot one marker of ``p`` and keep its box; returns its half-size in pixels."""
    ax.plot([p.lon], [p.lat], ms=ms, mew=mew, zorder=zorder, gid=gid, **kw)
    box = _marker_box(ax, (p.lon, p.lat), ms, mew)
    boxes.add(box, p.id)
    return (box[2] - box[0]) / 2


def chokepoint_groups(ax, plan: MapPlan, preset: Preset) -> list[tuple[list[str], float]]:
    """The chokepoints' diamonds: (place ids, size in points). Chokepoints so close
    that their diamonds would overlap (Masnaa beside Jdeidat Yabous) share one
    diamond drawn round them all, instead of a stack of crossing outlines. (A
    diamond is a ball of the L1 distance: two overlap when the L1 distance of their
    centres is under the sum of their half-sizes.)"""
    chokes = [p for p in plan.places if p.chokepoint]
    pts = ax.transData.transform([(p.lon, p.lat) for p in chokes]).reshape(-1, 2)
    pts = pts * 72 / ax.figure.dpi
    want = [marker_size(p, plan, preset) + preset.ms("town") * 1.6 for p in chokes]
    groups = [[i] for i in range(len(chokes))]

    def diamond(members: list[int]) -> tuple[float, float, float]:
        xs, ys = [pts[i][0] for i in members], [pts[i][1] for i in members]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        r = max(abs(pts[i][0] - cx) + abs(pts[i][1] - cy) + want[i] / 2 for i in members)
        return cx, cy, r

    merged = True
    while merged:
        merged = False
        shapes = [diamond(g) for g in groups]
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                (ax_, ay, ra), (bx, by, rb) = shapes[a], shapes[b]
                if abs(ax_ - bx) + abs(ay - by) < ra + rb + 1.0:
                    groups[a] = sorted(groups[a] + groups.pop(b))
                    merged = True
                    break
            if merged:
                break
    return [([chokes[i].id for i in g], 2 * diamond(g)[2]) for g in groups]


def _draw_chokepoints(ax, plan: MapPlan, preset: Preset, boxes: Boxes,
                      reach: dict[str, float]) -> dict[str, float]:
    """Draw the chokepoints' diamonds; returns each chokepoint's diamond size. A
    diamond shared by neighbours belongs to none of them (no name may cover it);
    ``reach`` gains how far (pixels) from each of their points it extends."""
    sizes = {}
    for ids, ms in chokepoint_groups(ax, plan, preset):
        spots = [plan.place(i) for i in ids]
        xy = ax.transData.transform([(p.lon, p.lat) for p in spots])
        mid = ((xy[:, 0].min() + xy[:, 0].max()) / 2, (xy[:, 1].min() + xy[:, 1].max()) / 2)
        lon, lat = ax.transData.inverted().transform(mid)
        mew = preset.lw(1.5)
        ax.plot([lon], [lat], marker=DIAMOND, ls="", mfc="none", mec="#000000", ms=ms, mew=mew,
                zorder=6.5, gid=f"mark:{'+'.join(ids)}:chokepoint")
        box = _marker_box(ax, (lon, lat), ms, mew)
        boxes.add(box, ids[0] if len(ids) == 1 else "shared:" + "+".join(ids))
        sizes.update({i: ms for i in ids})
        if len(ids) > 1:
            for p in spots:
                x, y = ax.transData.transform((p.lon, p.lat))
                reach[p.id] = max(abs(x - box[0]), abs(x - box[2]), abs(y - box[1]),
                                  abs(y - box[3]))
    return sizes


def draw_places(ax, plan: MapPlan, styles: dict[str, Style], preset: Preset,
                boxes: Boxes) -> tuple[dict[str, float], dict[str, float]]:
    """Each place as its holder's marker (colour and shape), and its marks: a star
    behind a place that falls (a thick ring round a marked place in the neutral
    view), a diamond round a chokepoint, a ring round a cut-off stronghold, a
    dashed ring outside all of them round a contested place, a dot in a capital.
    Returns how far (pixels) from its point each place's marks reach, and the
    half-size of each place's own marker."""
    reach: dict[str, float] = {}
    own: dict[str, float] = {}
    diamonds = _draw_chokepoints(ax, plan, preset, boxes, reach)
    bw = preset.bw
    for p in plan.places:
        st = place_style(styles, p.holder)
        ms = marker_size(p, plan, preset)
        big = p.stronghold or (plan.view is None and p.capital)
        mew = preset.lw(1.1) if big else preset.lw(0.6)
        kw = st.line_kw()
        if big and st.edge != "white":
            kw["markeredgecolor"] = "#000000"
        outer = ms
        if p.marked and plan.view is not None:
            outer = ms + preset.ms("town") * 2.4
            _plot_marker(ax, boxes, p, f"mark:{p.id}:falls", outer, preset.lw(0.9), 4.6,
                         marker="*", ls="", mfc="#bbbbbb" if bw else STAR, mec="#000000")
        own[p.id] = _plot_marker(ax, boxes, p, f"place:{p.id}", ms, mew, 5, **kw)
        if plan.view is None and p.capital:
            dot = "#000000" if st.edge != "white" else "#ffffff"
            ax.plot([p.lon], [p.lat], marker="o", ms=ms * 0.32, ls="", mfc=dot, mec=dot,
                    mew=0, zorder=5.1, gid=f"mark:{p.id}:capital")
        if p.chokepoint:
            outer = max(outer, diamonds[p.id])
        if p.cut_off:
            outer = max(outer, ms) + preset.ms("town") * 1.4
            _plot_marker(ax, boxes, p, f"mark:{p.id}:cut-off", outer, preset.lw(2.3), 6,
                         marker="o", ls="", mfc="none", mec="#000000" if bw else CUT_OFF_RING)
        if p.marked and plan.view is None:
            outer = max(outer, ms) + preset.ms("town") * 1.5
            _plot_marker(ax, boxes, p, f"mark:{p.id}:marked", outer, preset.lw(2.6), 6.2,
                         marker="o", ls="", mfc="none", mec="#000000")
        if p.contested:
            outer = max(outer, ms) + preset.ms("town") * 1.1
            _plot_marker(ax, boxes, p, f"mark:{p.id}:contested", outer, preset.lw(1.1), 6.8,
                         marker=DASHED_RING, ls="", mfc="none", mec="#000000")
    for owner, (x0, y0, x1, y1) in zip(boxes.owners, boxes.array()):
        if ":" not in owner and owner != "cut":
            reach[owner] = max(reach.get(owner, 0.0), (x1 - x0) / 2, (y1 - y0) / 2)
    return reach, own


__all__ = ["CLASS_LINE", "DASHED_RING", "DIAMOND", "WIDTH", "cut_kw", "draw_places",
           "chokepoint_groups", "draw_roads", "draw_routes", "marker_size", "road_line", "route_kw"]
