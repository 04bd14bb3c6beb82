"""The ground under the roads: countries, the occupied Golan's hatching, the names
of seas and neighbouring countries, and the scale bar.

Country names come from the base map's own ``name`` property; sea names from the
base map's names file (``sim/data/basemap/<basemap>.names.json``: a name and a point
in the sea). A name is written in grey italic in the open: inside its own country
(or sea), where it covers no place, name, legend or scale bar; a name that finds
no such room is left out rather than written over the map.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import matplotlib.patheffects as pe
from matplotlib.path import Path as MplPath

from .. import io as sim_io
from .boxes import Boxes, extent_box
from .style import AREA_NAME, BORDER, HOME_LAND, LAND, SEA, Preset

#: Grid step (pixels) of the search for open ground to write a name on.
GRID = 5.0


def _features(theatre):
    data = sim_io.load_basemap(theatre)
    return data["features"] if data else []


def _rings(feature):
    geom = feature["geometry"]
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return polys


def _is_overlay(code: str, home: str) -> bool:
    return "-" in code and code.split("-")[0] == home


def overlay_keys(theatre, ext) -> tuple[str, ...]:
    """The legend keys the base map adds in the frame ``ext``: ``golan`` when an
    overlay of the home country (the occupied Golan) shows in it."""
    x0, x1, y0, y1 = ext
    home = theatre.home_country
    for feature in _features(theatre):
        if _is_overlay(feature["properties"].get("iso_a2", ""), home):
            for poly in _rings(feature):
                if any(x0 <= x <= x1 and y0 <= y <= y1 for ring in poly for x, y in ring):
                    return ("golan",)
    return ()


def draw_basemap(ax, theatre, preset: Preset) -> None:
    """Country outlines (the home country lighter), lakes and holes as sea, an
    overlay of the home country (the occupied Golan) hatched. Each layer is one
    artist (gids ``basemap:land``, ``basemap:holes``, ``basemap:overlay``)."""
    from matplotlib.collections import PolyCollection

    features = _features(theatre)
    if not features:
        ax.set_facecolor("#ffffff" if preset.bw else HOME_LAND)  # no coastline known
        return
    sea, land, home_land = ("#e6e6e6", "#f3f3f3", "#ffffff") if preset.bw else \
        (SEA, LAND, HOME_LAND)
    ax.set_facecolor(sea)
    home = theatre.home_country
    outer, faces, holes, overlay = [], [], [], []
    for feature in features:
        code = feature["properties"].get("iso_a2", "")
        for poly in _rings(feature):
            if _is_overlay(code, home):
                overlay.extend(poly)
                continue
            outer.append(poly[0])
            faces.append(home_land if code == home else land)
            holes.extend(poly[1:])
    layers = ((outer, {"facecolors": faces, "edgecolors": BORDER, "linewidths": 0.7}, 1, "land"),
              (holes, {"facecolors": sea, "edgecolors": BORDER, "linewidths": 0.5}, 1.1,
               "holes"),
              (overlay, {"facecolors": "none", "edgecolors": "#8c8c8c", "hatch": "////",
                         "linewidths": 0.4}, 1.5, "overlay"))
    for rings, kw, z, gid in layers:
        if rings:
            ax.add_collection(PolyCollection(rings, zorder=z, gid=f"basemap:{gid}", **kw),
                              autolim=False)


def sea_names(theatre) -> list[dict]:
    """The seas the base map's names file lists: ``name``, ``lon``, ``lat``.

    >>> import sim
    >>> [s["name"] for s in sea_names(sim.load().theatre)]
    ['Mediterranean Sea']
    """
    if not theatre.basemap:
        return []
    path = sim_io.BASEMAP_DIR / (Path(theatre.basemap).stem + ".names.json")
    if not path.is_file():
        return []
    return list(sim_io._read_basemap(str(path.resolve())).get("seas", ()))


class _Grid:
    """Points every :data:`GRID` pixels over the axes, in pixels and in data."""

    def __init__(self, ax) -> None:
        box = ax.get_window_extent()
        self.x0, self.y0 = box.x0, box.y0
        self.nx = max(2, int(box.width // GRID))
        self.ny = max(2, int(box.height // GRID))
        xs = box.x0 + (np.arange(self.nx) + 0.5) * box.width / self.nx
        ys = box.y0 + (np.arange(self.ny) + 0.5) * box.height / self.ny
        self.sx, self.sy = box.width / self.nx, box.height / self.ny
        gx, gy = np.meshgrid(xs, ys)
        self.pixels = np.column_stack([gx.ravel(), gy.ravel()])
        self.data = ax.transData.inverted().transform(self.pixels)

    def mask_of(self, polys) -> np.ndarray:
        inside = np.zeros(len(self.data), dtype=bool)
        for poly in polys:
            hit = self._within(poly[0])
            for hole in poly[1:]:
                hit &= ~self._within(hole)
            inside |= hit
        return inside.reshape(self.ny, self.nx)

    def _within(self, ring) -> np.ndarray:
        """Which grid points lie inside ``ring`` (tested only inside its bounds)."""
        xy = np.asarray(ring, dtype=float)
        near = ((self.data[:, 0] >= xy[:, 0].min()) & (self.data[:, 0] <= xy[:, 0].max())
                & (self.data[:, 1] >= xy[:, 1].min()) & (self.data[:, 1] <= xy[:, 1].max()))
        hit = np.zeros(len(self.data), dtype=bool)
        if near.any():
            hit[near] = MplPath(xy).contains_points(self.data[near])
        return hit

    def cell(self, x: np.ndarray, y: np.ndarray):
        i = np.clip(((y - self.y0) / self.sy).astype(int), 0, self.ny - 1)
        j = np.clip(((x - self.x0) / self.sx).astype(int), 0, self.nx - 1)
        return i, j


def _regions(theatre, grid: _Grid):
    """(name, mask, anchor in pixels or None, may turn) of each sea and foreign country."""
    home = theatre.home_country
    out, land = [], np.zeros((grid.ny, grid.nx), dtype=bool)
    countries = []
    for feature in _features(theatre):
        code = feature["properties"].get("iso_a2", "")
        mask = grid.mask_of(_rings(feature))
        if _is_overlay(code, home):
            continue
        land |= mask
        if code != home and mask.any():
            countries.append((feature["properties"].get("name", code), mask, None, False))
    for sea in sea_names(theatre):
        out.append((sea["name"], ~land, (sea["lon"], sea["lat"]), True))
    return out + countries


def _depth(mask: np.ndarray) -> np.ndarray:
    """How far (pixels) each grid point lies inside ``mask`` from its edge or the
    frame's: the number of erosions (by a cell's eight neighbours) it survives.

    >>> _depth(np.ones((5, 5), dtype=bool))[2].tolist()
    [5.0, 10.0, 15.0, 10.0, 5.0]
    """
    depth = np.zeros(mask.shape)
    alive = mask.copy()
    while alive.any():
        depth += alive
        padded = np.pad(alive, 1, constant_values=False)  # the frame's edge is a shore too
        shrunk = alive.copy()
        for dy in (0, 1, 2):
            for dx in (0, 1, 2):
                shrunk &= padded[dy:dy + alive.shape[0], dx:dx + alive.shape[1]]
        alive = shrunk
    return depth * GRID


def _fits(grid: _Grid, mask: np.ndarray, box) -> bool:
    xs = np.linspace(box[0], box[2], 7)
    ys = np.linspace(box[1], box[3], 3)
    gx, gy = np.meshgrid(xs, ys)
    i, j = grid.cell(gx.ravel(), gy.ravel())
    return bool(mask[i, j].all())


def _spot(grid: _Grid, mask, wh, boxes: Boxes, anchor, turn: bool, ax):
    """The deepest open point of ``mask`` where a ``wh`` box fits: (x, y, rotation)."""
    depth = _depth(mask).ravel()
    order = np.argsort(-depth, kind="stable")
    if anchor is not None:
        ax_pt = ax.transData.transform(anchor)
        dist = np.hypot(*(grid.pixels - ax_pt).T)
        order = np.lexsort((dist, -np.round(depth / (4 * GRID))))
    w, h = wh
    shapes = [(w, h, 0)] + ([(h, w, 90)] if turn else [])
    frame = ax.get_window_extent()
    for k in order[:600]:
        if depth[k] < min(w, h) / 2:
            break
        x, y = grid.pixels[k]
        for bw, bh, rot in shapes:
            box = (x - bw / 2 - 2, y - bh / 2 - 2, x + bw / 2 + 2, y + bh / 2 + 2)
            if (frame.x0 + 2 <= box[0] and box[2] <= frame.x1 - 2 and frame.y0 + 2 <= box[1]
                    and box[3] <= frame.y1 - 2 and _fits(grid, mask, box)
                    and not boxes.hits(box)):
                return x, y, rot
    return None


def name_areas(ax, theatre, preset: Preset, boxes: Boxes, sizer) -> list[str]:
    """Write the names of the seas and foreign countries in the open; returns the
    names written. Each name's box joins ``boxes``."""
    if not _features(theatre):
        return []
    grid = _Grid(ax)
    inv = ax.transData.inverted()
    stroke = [pe.withStroke(linewidth=2.0, foreground="white")]
    done = []
    for name, mask, anchor, turn in _regions(theatre, grid):
        for fs in (preset.font("area"), round(preset.font("area") * 0.82, 2),
                   round(preset.font("area") * 0.7, 2)):
            wh = sizer.size(name, fs, "normal", "italic")
            spot = _spot(grid, mask, wh, boxes, anchor, turn, ax)
            if spot:
                break
        if not spot:
            continue
        x, y, rot = spot
        lon, lat = inv.transform((x, y))
        text = ax.text(lon, lat, name, fontsize=fs, fontstyle="italic", color=AREA_NAME,
                       ha="center", va="center", rotation=rot, zorder=1.9,
                       gid=f"area:{name}", path_effects=stroke if anchor is None else None)
        boxes.add(extent_box(text, ax.figure.canvas.get_renderer()), f"area:{name}")
        done.append(name)
    return done


def _scale_length(span_km: float) -> float:
    return next((k for k in (500, 200, 100, 50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1)
                 if k <= span_km / 5), 0.05)


SPOTS = ((0.03, 0.03), (0.97, 0.03), (0.03, 0.93), (0.97, 0.93), (0.5, 0.03), (0.03, 0.5),
         (0.97, 0.5), (0.5, 0.93))


def _bar(ax, preset: Preset, renderer, fx: float, fy: float):
    """Draw the scale bar at axes fraction (fx, fy): (line, text, box in pixels)."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    km_per_deg = 111.32 * math.cos(math.radians((y0 + y1) / 2))
    length = _scale_length((x1 - x0) * km_per_deg)
    width = length / km_per_deg
    start = x0 + (x1 - x0) * fx - (width if fx > 0.6 else width / 2 if fx == 0.5 else 0)
    lat = y0 + (y1 - y0) * fy
    stroke = [pe.withStroke(linewidth=3, foreground="white")]
    line, = ax.plot([start, start + width], [lat, lat], color="#222222", lw=preset.lw(2.5),
                    solid_capstyle="butt", zorder=9, path_effects=stroke, gid="scalebar")
    text = ax.annotate(f"{length:g} km", (start + width / 2, lat), xytext=(0, 3),
                       textcoords="offset points", ha="center", va="bottom",
                       fontsize=preset.font("scale"), zorder=9, path_effects=stroke,
                       gid="scalebar")
    a, b = extent_box(line, renderer), extent_box(text, renderer)
    box = (min(a[0], b[0]) - 2, min(a[1], b[1]) - 2, max(a[2], b[2]) + 2, max(a[3], b[3]) + 2)
    return line, text, box


def scale_bar(ax, preset: Preset, boxes: Boxes, renderer) -> tuple[float, float, float, float]:
    """A bar of a round number of km, in the first corner (then edge middle) where
    it covers no place and not the legend (else where it covers fewest); its box
    (pixels) joins ``boxes`` and is returned."""
    best = None
    for fx, fy in SPOTS:
        line, text, box = _bar(ax, preset, renderer, fx, fy)
        hits = int(boxes.hit_mask(np.array([box])).sum())
        if hits == 0:
            boxes.add(box, "scalebar")
            return box
        if best is None or hits < best[0]:
            best = (hits, fx, fy)
        line.remove()
        text.remove()
    _line, _text, box = _bar(ax, preset, renderer, best[1], best[2])
    boxes.add(box, "scalebar")
    return box


__all__ = ["draw_basemap", "name_areas", "overlay_keys", "scale_bar", "sea_names"]
