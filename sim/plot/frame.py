"""The frame every chart shares: a figure at a preset's size, its type sizes, the title
and notes wrapped to the figure's width, a legend under the title, the credits at the
foot, and the axes fitted into what is left, so that no text is clipped or overlaps.

matplotlib is imported here; :mod:`sim.plot` imports this module only to draw.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from .style import Preset, preset as find_preset

#: A chart's figure size where it differs from the preset's map size: a chart on a
#: screen is wider than tall; projector (16:9) and handout (A4 portrait) keep theirs.
CHART_FIGSIZE = {"screen": (10.0, 6.6)}
#: Type larger than a map's where a chart is read from afar: a chart has few words, and
#: the back row of a classroom must read them.
CHART_TYPE = {"projector": 1.35}

#: Line styles and markers told apart without colour, in the order lines take them.
#: (A dotted line is kept for the last stretch of a line that stops.)
LINE_STYLES = ("-", (0, (6, 2)), (0, (6, 2, 1.5, 2)), (0, (2.5, 1.5)), (0, (11, 3)),
               (0, (6, 2, 1.5, 2, 1.5, 2)), (0, (4, 1.5, 4, 4)))
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h")
#: Colours for lines that carry no faction (Okabe and Ito's colour-blind-safe set).
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
INK = "#1a1a1a"


@dataclass(frozen=True)
class Look:
    """A preset as a chart uses it: the figure's size and dpi, type sizes in points,
    line width and marker size, and whether to stay black-and-white."""

    preset: Preset
    figsize: tuple[float, float]
    dpi: int
    title: float
    text: float
    small: float
    line: float
    marker: float

    @property
    def bw(self) -> bool:
        return self.preset.bw


def look(name: str | Preset) -> Look:
    """The :class:`Look` of preset ``name`` (``screen``, ``projector``, ``handout`` or a
    :class:`~sim.plot.style.Preset`); an unknown name is an
    :class:`~sim.errors.InputError`."""
    p = find_preset(name)
    f = p.font_scale * CHART_TYPE.get(p.name, 1.0)
    return Look(p, CHART_FIGSIZE.get(p.name, p.figsize), p.dpi, title=13.5 * f, text=10.5 * f,
                small=9.0 * f, line=1.9 * p.line_scale, marker=6.5 * p.marker_scale)


def new_figure(lk: Look) -> Figure:
    """A figure at the look's size and dpi, with no GUI backend attached."""
    fig = Figure(figsize=lk.figsize, dpi=lk.dpi)
    renderer(fig)
    return fig


def renderer(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def wrap(fig, text: str, width_px: float, **props) -> str:
    """``text`` broken into lines no wider than ``width_px`` in ``fig``'s type."""
    if not text:
        return ""
    r = renderer(fig)
    size = props.get("fontsize", 10)
    chars = max(12, int(width_px / (size * fig.dpi / 72 * 0.48)))
    while True:
        lines = "\n".join(textwrap.wrap(text, chars, break_on_hyphens=False))
        probe = fig.text(0, 0, lines, **props)
        wide = probe.get_window_extent(r).width
        probe.remove()
        if wide <= width_px or chars <= 12:
            return lines
        chars = max(12, int(chars * min(0.95, width_px / wide)))


def style_axes(ax, lk: Look) -> None:
    """Type sizes and a quiet frame: no top or right spine, light grid lines."""
    ax.tick_params(labelsize=lk.small, colors=INK, length=3 * lk.preset.line_scale)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    ax.grid(True, color="#d9d9d9", lw=0.7 * lk.preset.line_scale)


def _legend(fig, lk: Look, handles, x: float, top: float, width: float):
    """A legend of ``handles`` under the title, in as many columns as fit ``width``."""
    r = renderer(fig)
    for ncol in range(len(handles), 0, -1):
        leg = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(x, top),
                         bbox_transform=fig.transFigure, ncol=ncol, fontsize=lk.small,
                         frameon=False, borderaxespad=0, handlelength=2.6,
                         columnspacing=1.6, borderpad=0)
        if leg.get_window_extent(r).width <= width or ncol == 1:
            return leg
        leg.remove()
    return None


def frame(fig, lk: Look, scenario, axes: Sequence, *, title: str, subtitle: str = "",
          handles: Sequence = (), notes: Sequence[str] = (), gap_pt: float = 14,
          max_height: float | None = None) -> Bbox:
    """Title, subtitle and legend stacked at the top, the credits at the foot, and
    ``axes`` (one above the other) fitted between them with the notes under them;
    returns the box (pixels) the axes were fitted in. ``max_height``: the most height
    (pixels) the axes and their texts may take; the notes follow them up."""
    from ._draw import credit

    r = renderer(fig)
    W, H = fig.bbox.width, fig.bbox.height
    px = fig.dpi / 72
    pad = 0.6 * lk.text * px
    width = W - 2 * pad
    y = H - pad
    for text, size, weight in ((title, lk.title, "bold"), (subtitle, lk.text, "normal")):
        if text:
            t = fig.text(pad / W, y / H, wrap(fig, text, width, fontsize=size, fontweight=weight),
                         va="top", ha="left", fontsize=size, fontweight=weight, color=INK,
                         linespacing=1.25)
            y = t.get_window_extent(r).y0 - 0.45 * size * px
    if handles:
        leg = _legend(fig, lk, list(handles), pad / W, y / H, width)
        y = leg.get_window_extent(r).y0 - 0.3 * lk.text * px
    top = y - 0.5 * lk.text * px
    credit(fig, scenario)
    cred = fig.texts[-1]
    cred.set_fontsize(max(cred.get_fontsize(), lk.small * 0.62))
    cred.set_text(wrap(fig, cred.get_text(), width, fontsize=cred.get_fontsize()))
    cred.set_position((pad / W, pad * 0.5 / H))
    y = cred.get_window_extent(r).y1 + 0.3 * lk.small * px
    placed = []
    for note in reversed(list(notes)):
        t = fig.text(pad / W, y / H, wrap(fig, note, width, fontsize=lk.small), va="bottom",
                     ha="left", fontsize=lk.small, color="#333333", linespacing=1.2)
        placed.append(t)
        y = t.get_window_extent(r).y1 + 0.3 * lk.small * px
    bottom = y + 0.3 * lk.small * px
    spare = top - bottom - max_height if max_height else 0
    if spare > 0:
        bottom += spare
        for t in placed:
            t.set_y(t.get_position()[1] + spare / H)
    box = Bbox.from_extents(pad, bottom, W - pad, top)
    fit(fig, axes, box, gap=gap_pt * px)
    return box


def fit(fig, axes: Sequence, box: Bbox, gap: float = 0.0, rounds: int = 4) -> None:
    """Place ``axes`` one above the other in ``box`` (pixels) so that each axis with its
    tick labels, axis labels and texts lies inside it; equal heights, ``gap`` apart."""
    r = renderer(fig)
    W, H = fig.bbox.width, fig.bbox.height
    axes = [ax for ax in axes if ax.get_visible()]
    n = len(axes)
    for _ in range(rounds if n else 0):
        pads = []
        for ax in axes:
            pos = ax.get_position().transformed(fig.transFigure)
            tight = ax.get_tightbbox(r)
            pads.append((pos.x0 - tight.x0, tight.x1 - pos.x1, pos.y0 - tight.y0,
                         tight.y1 - pos.y1))
        x0 = box.x0 + max(p[0] for p in pads)
        x1 = box.x1 - max(p[1] for p in pads)
        h = (box.height - sum(p[2] + p[3] for p in pads) - gap * (n - 1)) / n
        y = box.y1
        for ax, p in zip(axes, pads):
            y -= p[3]
            ax.set_position([x0 / W, (y - h) / H, max(x1 - x0, 1) / W, max(h, 1) / H])
            y -= h + p[2] + gap


def axis_title(ax, lk: Look, text: str, size: float | None = None) -> None:
    """A title over one axis, at its left, wrapped to its width."""
    if text:
        size = size or lk.text
        width = ax.get_window_extent(renderer(ax.figure)).width
        ax.set_title("\n".join(wrap(ax.figure, line, width, fontsize=size, fontweight="bold")
                               for line in text.split("\n")),
                     loc="left", fontsize=size, fontweight="bold", color=INK)


def legend_below(ax, lk: Look, handles) -> None:
    """A legend under ``ax`` and its labels, where a later layout of the figure (its
    owner's ``tight_layout``) can't make it cover the chart (for a chart drawn on a
    given axis)."""
    r = renderer(ax.figure)
    pos, tight = ax.get_window_extent(r), ax.get_tightbbox(r)
    ax.legend(handles=handles, loc="upper left", fontsize=lk.small, frameon=False,
              bbox_to_anchor=(0, (tight.y0 - pos.y0) / max(pos.height, 1)), borderaxespad=0)


def date_ticks(ax, lk: Look, dates: Sequence[str]) -> None:
    """A labelled tick at every date ("27 Nov"); where those labels would touch, the
    day alone with the month under it where a month begins; where even those would
    touch, every k-th date labelled and the others an unlabelled tick."""
    from ..report.charts import date_tick_labels

    r = renderer(ax.figure)
    ax.set_xlim(-0.4, len(dates) - 0.6)
    ax.tick_params(axis="x", labelsize=lk.small)
    space = ax.get_window_extent(r).width / max(len(dates), 1)
    for compact in (False, True):
        labels = date_tick_labels(dates, compact)
        ax.set_xticks(range(len(dates)), labels)
        widest = max((t.get_window_extent(r).width for t in ax.get_xticklabels()), default=0)
        if widest * 1.25 <= space:
            return
    step = 1
    while widest * 1.25 > space * step:
        step += 1
    ax.set_xticks(range(len(dates)), [lab if k % step == 0 else ""
                                      for k, lab in enumerate(date_tick_labels(dates))])


def drawn_ticklabels(ax) -> list:
    """The tick labels ``ax`` draws: those of ticks inside its view (matplotlib keeps
    others, undrawn, at stale places)."""
    out = []
    for axis in (ax.xaxis, ax.yaxis):
        lo, hi = sorted(axis.get_view_interval())
        eps = (hi - lo) * 1e-9
        for tick in axis.get_major_ticks():
            if lo - eps <= tick.get_loc() <= hi + eps:
                out += [lab for lab in (tick.label1, tick.label2) if lab.get_visible()]
    return out


def _segments(ax) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The drawn segments of the lines of ``ax``, in pixels (gaps left out)."""
    out = []
    for line in ax.lines:
        xy = ax.transData.transform(line.get_xydata())
        for p, q in zip(xy[:-1], xy[1:]):
            if all(v == v for v in (*p, *q)):
                out.append(((float(p[0]), float(p[1])), (float(q[0]), float(q[1]))))
    return out


def crosses(segment, box) -> bool:
    """Whether a segment ((x0, y0), (x1, y1)) passes through ``box`` (clipped the
    Liang-Barsky way: a segment inside the box counts).

    >>> from matplotlib.transforms import Bbox
    >>> box = Bbox.from_extents(0, 0, 10, 10)
    >>> crosses(((2, 2), (3, 3)), box), crosses(((-5, 5), (15, 5)), box), crosses(((-5, 12), (15, 12)), box)
    (True, True, False)
    """
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            lo = max(lo, r)
        else:
            hi = min(hi, r)
        if lo > hi:
            return False
    return True


def _spots(d: float):
    """Where a label may go around its point (offsets in points and alignment), the
    nearest and most natural first."""
    return ((d, 0, "left", "center"), (d, d * 1.3, "left", "center"),
            (d, -d * 1.3, "left", "center"), (0, d * 1.2, "center", "bottom"),
            (0, -d * 1.2, "center", "top"), (-d * 0.5, d, "right", "bottom"),
            (-d * 0.5, -d, "right", "top"), (-d, 0, "right", "center"),
            (d, d * 2.6, "left", "center"), (d, -d * 2.6, "left", "center"),
            (0, d * 2.6, "center", "bottom"), (0, -d * 2.6, "center", "top"),
            (d, d * 4, "left", "center"), (d, -d * 4, "left", "center"))


def place_label(ax, lk: Look, xy, text: str, placed: list, **props):
    """An annotation of ``text`` at data point ``xy``, where it stays in the figure and
    overlaps no box in ``placed`` and, if it can, crosses no line of ``ax``: the first
    such of the spots around the point. Its box is added to ``placed``."""
    r = renderer(ax.figure)
    fig_box = ax.figure.bbox
    lines = _segments(ax)
    fallback = None
    for dx, dy, ha, va in _spots(lk.small * 0.9):
        ann = ax.annotate(text, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                          fontsize=lk.small, color=INK, annotation_clip=False, **props)
        box = ann.get_window_extent(r)
        inside = (box.x0 >= fig_box.x0 and box.x1 <= fig_box.x1 and box.y0 >= fig_box.y0
                  and box.y1 <= fig_box.y1)
        ann.remove()
        if not inside or any(box.overlaps(b) for b in placed):
            continue
        pad = 0.35 * lk.small * ax.figure.dpi / 72  # the label's white box reaches further
        if not any(crosses(s, box.padded(pad)) for s in lines):
            fallback = (dx, dy, ha, va)
            break
        fallback = fallback or (dx, dy, ha, va)
    dx, dy, ha, va = fallback or _spots(lk.small * 0.9)[0]
    ann = ax.annotate(text, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                      fontsize=lk.small, color=INK, annotation_clip=False, **props)
    placed.append(ann.get_window_extent(r))
    return ann


def spread(ys: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Positions near ``ys`` at least ``gap`` apart within [low, high], in the order of
    ``ys`` (labels at the ends of lines that end close together).

    >>> spread([10, 11, 30], 5, 0, 100)
    [8.0, 13.0, 30.0]
    """
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    clusters = [[i] for i in order]

    def first(c: list[int]) -> float:
        want = sum(ys[i] for i in c) / len(c) - gap * (len(c) - 1) / 2
        return min(max(want, low), high - gap * (len(c) - 1))

    merged = True
    while merged:
        merged = False
        for k in range(len(clusters) - 1):
            a, b = clusters[k], clusters[k + 1]
            if first(a) + gap * len(a) > first(b) + 1e-9:
                clusters[k:k + 2] = [a + b]
                merged = True
                break
    out = [0.0] * len(ys)
    for c in clusters:
        for k, i in enumerate(c):
            out[i] = first(c) + gap * k
    return out
