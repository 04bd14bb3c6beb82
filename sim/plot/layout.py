"""Figure layout: titles wrapped to the width they have, measured, and the maps
placed below them.

A figure of ours is laid out top down, in pixels: the title (wrapped by its
measured width against the figure's), the summary under it, then the maps,
each under its own wrapped title and shaped to the map's aspect, with the
legend beside or below them when it is outside; the credits line at the foot.
Nothing is placed by a count of characters.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.font_manager import FontProperties

#: Gaps (inches): round the figure, between blocks, under a map's title.
MARGIN, GAP, TITLE_PAD = 0.14, 0.08, 6 / 72


def wrap(text: str, width: float, fontsize: float, renderer, weight: str = "normal") -> str:
    """``text`` broken into lines no wider than ``width`` pixels at ``fontsize``
    (a word longer than the width keeps a line of its own)."""
    if not text:
        return ""
    prop = FontProperties(size=fontsize, weight=weight)

    def measure(s: str) -> float:
        return renderer.get_text_width_height_descent(s, prop, ismath=False)[0]

    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            trial = f"{line} {word}" if line else word
            if line and measure(trial) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return "\n".join(lines)


@dataclass
class Cell:
    """One map's place on the figure (pixels): its box and its wrapped title."""

    box: tuple[float, float, float, float]
    title: str


def _fit(w: float, h: float, aspect: float) -> tuple[float, float]:
    """The largest box of height/width ``aspect`` inside ``w`` x ``h``."""
    if w <= 0 or h <= 0:
        return 0.0, 0.0
    return (w, w * aspect) if w * aspect <= h else (h / aspect, h)


class Layout:
    """Lays out one figure of ours (see the module's text)."""

    def __init__(self, fig, renderer, preset) -> None:
        self.fig, self.renderer, self.preset = fig, renderer, preset
        self.dpi = fig.dpi
        self.W, self.H = fig.bbox.width, fig.bbox.height
        self.m, self.gap = MARGIN * self.dpi, GAP * self.dpi
        self.top = self.H - self.m
        self.bottom = self.m

    def header(self, text: str, kind: str, gid: str, weight: str = "normal") -> None:
        """A centred block of text under the previous one, wrapped to the figure."""
        if not text:
            return
        fs = self.preset.font(kind)
        body = wrap(text, self.W - 2 * self.m, fs, self.renderer, weight)
        t = self.fig.text(0.5, self.top / self.H, body, ha="center", va="top", fontsize=fs,
                          fontweight=weight, color="#111111" if kind == "title" else "#222222",
                          gid=gid)
        self.top = t.get_window_extent(self.renderer).y0 - self.gap

    def footer(self, text: str) -> None:
        """The credits line at the foot, left."""
        fs = self.preset.font("credit")
        body = wrap(text, self.W - 2 * self.m, fs, self.renderer)
        t = self.fig.text(self.m / self.W, self.m / self.H, body, ha="left", va="bottom",
                          fontsize=fs, color="#555555", gid="credit")
        self.bottom = t.get_window_extent(self.renderer).y1 + self.gap

    def _title_height(self, text: str) -> float:
        if not text:
            return 0.0
        fs = self.preset.font("map_title")
        return (text.count("\n") + 1) * fs * 1.2 * self.dpi / 72 + TITLE_PAD * self.dpi + 2

    def _cells(self, area, titles: list[str], aspect: float, column: bool) -> list[Cell]:
        x0, y0, x1, y1 = area
        n = len(titles)
        cw = (x1 - x0 - (0 if column else (n - 1) * self.gap)) / (1 if column else n)
        ch = (y1 - y0 - ((n - 1) * self.gap if column else 0)) / (n if column else 1)
        fs = self.preset.font("map_title")
        wrapped = [wrap(raw, cw, fs, self.renderer, "bold") for raw in titles]
        for _ in range(2):  # the titles' lines set the maps' width, which wraps them
            th = max(self._title_height(t) for t in wrapped)
            w, h = _fit(cw, ch - th, aspect)
            wrapped = [wrap(raw, max(w, cw * 0.5), fs, self.renderer, "bold") for raw in titles]
        # Maps side by side share one title height, so that they line up.
        th = max(self._title_height(t) for t in wrapped)
        cells = []
        for i, title in enumerate(wrapped):
            cx = x0 + (0 if column else i * (cw + self.gap))
            ctop = y1 - (i * (ch + self.gap) if column else 0)
            w, h = _fit(cw, ch - th, aspect)  # maps of one figure share one size
            left = cx + (cw - w) / 2
            top = ctop - (self._title_height(title) if column else th)
            cells.append(Cell((left, top - h, left + w, top), title))
        return cells

    def maps(self, titles: list[str], aspect: float, legend=None) -> tuple[list[Cell], str]:
        """Place the maps (one per title) in the room left, the legend (``legend``
        makes a figure legend of so many columns; None: no legend outside the maps)
        beside or below them, whichever leaves the maps larger,
        the whole group centred in the room. Returns the cells and where the
        legend went (``right``, ``below``, ``""``)."""
        area = (self.m, self.bottom, self.W - self.m, self.top)
        options = [("", 1, area, (0.0, 0.0))]
        if legend is not None:
            options = []
            # Of the layouts that leave the maps as large, the first wins: a legend of two
            # or three columns below, before one beside, before one too long or too wide.
            for ncols in (2, 3, 0, 1, 4, 5):
                trial = legend(max(ncols, 1))
                bb = trial.get_window_extent(self.renderer)
                trial.remove()
                size = (bb.width, bb.height)
                if ncols == 0:
                    options.append(("right", 1, (area[0], area[1],
                                                 area[2] - bb.width - self.gap, area[3]), size))
                elif bb.width <= area[2] - area[0]:
                    options.append(("below", ncols, (area[0], area[1] + bb.height + self.gap,
                                                     area[2], area[3]), size))
        best = None
        for where, ncols, room, size in options:
            for column in ((False, True) if len(titles) > 1 else (False,)):
                cells = self._cells(room, titles, aspect, column)
                got = sum((c.box[2] - c.box[0]) * (c.box[3] - c.box[1]) for c in cells)
                if best is None or got > best[0] * 1.02:
                    best = (got, cells, where, ncols, size)
        _got, cells, where, ncols, size = best
        cells = self._centre(cells, where, size, area)
        if legend is not None:
            self._put_legend(legend(ncols), cells, where)
        return cells, where

    def _centre(self, cells: list[Cell], where: str, size, area) -> list[Cell]:
        """The cells moved so that they and the legend sit in the middle of ``area``."""
        left = min(c.box[0] for c in cells)
        right = max(c.box[2] for c in cells)
        low = min(c.box[1] for c in cells)
        top = max(c.box[3] + self._title_height(c.title) for c in cells)
        if where == "right":
            right += self.gap + size[0]
        elif where == "below":
            low -= self.gap + size[1]
        dx = (area[0] + area[2]) / 2 - (left + right) / 2
        dy = ((area[1] + area[3]) / 2 - (low + top) / 2) * 0.4  # nearer the title than the foot
        return [Cell((c.box[0] + dx, c.box[1] + dy, c.box[2] + dx, c.box[3] + dy), c.title)
                for c in cells]

    def _put_legend(self, legend, cells: list[Cell], where: str) -> None:
        right = max(c.box[2] for c in cells)
        left = min(c.box[0] for c in cells)
        top = max(c.box[3] for c in cells)
        low = min(c.box[1] for c in cells)
        if where == "right":
            legend.set_bbox_to_anchor((min(right + self.gap, self.W) / self.W, top / self.H),
                                      transform=self.fig.transFigure)
            legend.set_loc("upper left")
        else:
            legend.set_bbox_to_anchor(((left + right) / 2 / self.W, (low - self.gap) / self.H),
                                      transform=self.fig.transFigure)
            legend.set_loc("upper center")

    def axes_for(self, cell: Cell):
        """A new axes on ``cell``'s box."""
        x0, y0, x1, y1 = cell.box
        ax = self.fig.add_axes((x0 / self.W, y0 / self.H, (x1 - x0) / self.W, (y1 - y0) / self.H))
        ax.set_anchor("N")
        return ax


__all__ = ["Cell", "Layout", "wrap"]
