"""Place names on a map, placed so that none covers another, a marker, the legend
or the scale bar.

Greedy, most important place first (:func:`~sim.plot.plan.labelled` gives the
order). Each name tries the eight spots around its marker, then rings of spots
further out, joined to the marker by a thin leader line; a name that finds no
room is tried one type size smaller. A spot must lie inside the map, its box
must hit no box already taken (markers, names, leader lines, legend, scale
bar), and its leader line must cross no marker or name but its own.

Every name is a :class:`matplotlib.text.Annotation` with the gid
``label:<id>``; its leader line has the gid ``leader:<id>``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

import numpy as np
import matplotlib.patheffects as pe
from matplotlib.text import Text

from .boxes import Boxes, segment_points
from .plan import MapPlan
from .style import INK, Preset

#: Spare room (points) kept round each name's box.
PAD = 1.0
#: One step smaller: the type size a name is tried at when it finds no room.
SHRINK = 0.84
#: The smallest type (points) a name is shrunk to when it finds no room.
SMALLEST = 4.5
#: The first ring of spots: (angle in degrees, preference order).
NEAR = (10, 190, 45, 135, -40, -140, 90, -90)


class TextSizer:
    """Measures text boxes (pixels) on one figure, each string once."""

    def __init__(self, fig, renderer) -> None:
        self.fig, self.renderer, self._cache = fig, renderer, {}

    def size(self, text: str, fontsize: float, weight: str = "normal",
             style: str = "normal") -> tuple[float, float]:
        key = (text, fontsize, weight, style)
        if key not in self._cache:
            t = Text(0, 0, text, fontsize=fontsize, fontweight=weight, fontstyle=style)
            t.set_figure(self.fig)
            bb = t.get_window_extent(self.renderer)
            self._cache[key] = (bb.width, bb.height)
        return self._cache[key]


def candidates(x: float, y: float, w: float, h: float, gap: float, rings: int,
               step: float) -> np.ndarray:
    """Spots for a ``w`` x ``h`` box round the point (x, y), nearest first: rows
    of (centre x, centre y, ring). Ring 0 touches the marker (``gap`` from its
    centre); each further ring is ``step`` further out, with more angles.

    >>> c = candidates(0, 0, 10, 4, 3, rings=2, step=5)
    >>> c[0].round(1).tolist(), int(c[-1, 2])
    ([7.9, 0.9, 0.0], 2)
    """
    rows = []
    for ring in range(rings + 1):
        r = gap + ring * step
        angles = NEAR if ring == 0 else [a * 360 / (8 + 4 * ring) + 10
                                         for a in range(8 + 4 * ring)]
        for a in angles:
            t = math.radians(a)
            rows.append((x + math.cos(t) * (r + w / 2), y + math.sin(t) * (r + h / 2), ring))
    return np.array(rows, dtype=float)


def _leader_ok(start, box, owner: str, boxes: Boxes, strict: bool | None = True) -> bool:
    """Does a leader from ``start`` to ``box`` cross nothing but its own marks (not
    ``strict``: no name, leader, legend or scale bar, though it may cross markers;
    None: anything goes)?"""
    if strict is None:
        return True
    end = _nearest_on_box(start, box)
    pts = segment_points(start, end)[1:-1]
    if strict:
        return not boxes.covers(pts, owner)
    return not boxes.covers(pts, owner, only=("label:", "leader:", "legend", "scalebar"))


def _nearest_on_box(pt, box):
    return (min(max(pt[0], box[0]), box[2]), min(max(pt[1], box[1]), box[3]))


def _crowding(bx: np.ndarray, h: float, owner: str, boxes: Boxes) -> np.ndarray:
    """For each candidate box, how many other places' markers lie within a line's
    height of it: a name goes where it leaves the most room for its neighbours'."""
    grown = bx + np.array([-h, -h, h, h])
    arr = boxes.array()
    marks = np.array([":" not in o and o not in ("legend", "scalebar", "cut") and o != owner
                      for o in boxes.owners], dtype=bool)
    if not len(arr) or not marks.any():
        return np.zeros(len(bx))
    m = arr[marks][None, :, :]
    g = grown[:, None, :]
    near = ((g[..., 0] < m[..., 2]) & (g[..., 2] > m[..., 0])
            & (g[..., 1] < m[..., 3]) & (g[..., 3] > m[..., 1]))
    return near.sum(axis=1)


def _try_place(xy, wh, owner: str, marker_half: float, *, frame, boxes: Boxes, rings: int,
               strict: bool | None = True, px: float = 1.0):
    """The best free spot, as (box, ring), or None: the nearest ring with a free
    spot, and in it the spot that crowds the fewest neighbours (then the first
    in the order of preference)."""
    pad = PAD * px  # px: pixels per point
    w, h = wh[0] + 2 * pad, wh[1] + 2 * pad
    cands = candidates(xy[0], xy[1], w, h, marker_half + pad, rings, step=0.7 * h + 2 * px)
    bx = np.column_stack([cands[:, 0] - w / 2, cands[:, 1] - h / 2,
                          cands[:, 0] + w / 2, cands[:, 1] + h / 2])
    ok = ((bx[:, 0] >= frame[0]) & (bx[:, 1] >= frame[1]) & (bx[:, 2] <= frame[2])
          & (bx[:, 3] <= frame[3]))
    ok &= ~boxes.hit_mask(bx, owner)
    if not ok.any():
        return None
    crowd = _crowding(bx, h, owner, boxes)
    for ring in range(rings + 1):
        idx = [i for i in np.flatnonzero(ok & (cands[:, 2] == ring))
               if ring == 0 or _leader_ok(_start(xy, bx[i], marker_half), tuple(bx[i]), owner,
                                          boxes, strict)]
        if idx:
            best = min(idx, key=lambda i: (crowd[i], i))
            return tuple(bx[best]), ring
    return None


def _start(xy, box, half: float):
    """Where a leader leaves the marker: its edge, on the side facing the box."""
    cx, cy = (box[0] + box[2]) / 2 - xy[0], (box[1] + box[3]) / 2 - xy[1]
    norm = math.hypot(cx, cy) or 1.0
    return (xy[0] + cx / norm * half, xy[1] + cy / norm * half)


def _attempts(size: float, rings: int, last_rings: int, smallest: float = 0.0,
              far: bool = True):
    """(type size, rings, strict leader) to try in turn: near the marker first, even
    one size smaller; then a little further out; then smaller still, down to
    ``smallest`` (not below :data:`SMALLEST`), before any long leader; leaders
    that may cross markers come last. Without ``far``, no long leader at all."""
    small = round(size * SHRINK, 2)
    yield from ((size, 0, True), (small, 0, True), (size, 2, True), (small, 3, True))
    fs = small
    while fs * SHRINK >= max(SMALLEST, smallest):
        fs = round(fs * SHRINK, 2)
        yield fs, 3, True
    if not far:
        return
    yield fs, rings, True
    yield fs, last_rings, True
    yield fs, last_rings, False
    yield fs, last_rings + 8, None  # the last resort: a leader that may cross anything


def place_labels(ax, plan: MapPlan, ids: Sequence[str], preset: Preset, boxes: Boxes,
                 sizer: TextSizer, marker_half: dict[str, float],
                 own_half: dict[str, float] | None = None, *, rings: int = 7,
                 last_rings: int = 16, crowded: bool = False,
                 optional: Collection[str] = ()) -> list[str]:
    """Name the places ``ids`` (most important first) on ``ax``; returns the ids
    that found no room. ``boxes`` holds what the names must keep clear of, and
    gains each name's box. Only a ``crowded`` map (every place named) shrinks a
    name below two sizes smaller than its own; an ``optional`` name (a town named
    for its size alone) is left out rather than drawn far from its place on a
    long leader. ``marker_half`` is how far
    (pixels) each place's marks reach from its point, ``own_half`` the half-size
    of its own marker (where a leader line starts; default: ``marker_half``)."""
    own_half = marker_half if own_half is None else own_half
    fig = ax.figure
    abox = ax.get_window_extent()
    frame = (abox.x0 + 2, abox.y0 + 2, abox.x1 - 2, abox.y1 - 2)
    stroke = [pe.withStroke(linewidth=2.4 * preset.font_scale, foreground="white")]
    missed = []
    for pid in ids:
        p = plan.place(pid)
        xy = tuple(ax.transData.transform((p.lon, p.lat)))
        weight = "bold" if p.big else "normal"
        size = preset.font("label_big" if p.big else "label")
        found = None
        floor = 0.0 if crowded else size * SHRINK * SHRINK * 0.999
        for fs, n, strict in _attempts(size, rings, last_rings, floor, pid not in optional):
            found = _try_place(xy, sizer.size(p.name, fs, weight), pid, marker_half[pid],
                               frame=frame, boxes=boxes, rings=n, strict=strict,
                               px=fig.dpi / 72)
            if found:
                break
        if not found:
            missed.append(pid)
            continue
        box, ring = found
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        to_pt = 72 / fig.dpi
        ax.annotate(p.name, (p.lon, p.lat), xytext=((cx - xy[0]) * to_pt, (cy - xy[1]) * to_pt),
                    textcoords="offset points", ha="center", va="center", fontsize=fs,
                    fontweight=weight, color=INK, path_effects=stroke, zorder=9,
                    gid=f"label:{pid}", annotation_clip=False)
        boxes.add(box, f"label:{pid}")
        if ring:
            _leader(ax, xy, box, min(own_half.get(pid, 0.0), marker_half[pid]), pid, boxes,
                    preset)
    return missed


def _leader(ax, xy, box, half: float, pid: str, boxes: Boxes, preset: Preset) -> None:
    """A thin line from the marker's edge to its name, and its path kept clear."""
    start = _start(xy, box, half)
    end = _nearest_on_box(start, box)
    inv = ax.transData.inverted()
    (x0, y0), (x1, y1) = inv.transform([start, end])
    # Cased in white, so that a leader never reads as a road.
    ax.plot((x0, x1), (y0, y1), color="#333333", lw=preset.lw(0.55), zorder=8.5,
            gid=f"leader:{pid}", solid_capstyle="round",
            path_effects=[pe.withStroke(linewidth=preset.lw(2.2), foreground="white")])
    for pt in segment_points(start, end, step=4.0)[1:-1]:
        boxes.add((pt[0] - 1, pt[1] - 1, pt[0] + 1, pt[1] + 1), f"leader:{pid}")


__all__ = ["PAD", "SMALLEST", "SHRINK", "TextSizer", "candidates", "place_labels"]
