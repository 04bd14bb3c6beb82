"""Style: the presets a map is drawn at, and the look of each faction.

No matplotlib here: a preset and a faction's style are plain values, so other
outputs (the HTML explorer, a timeline) can reuse them without drawing.

A **preset** is a named set of sizes for one use of a map:

- ``screen``: a map read on a monitor (the default; the sizes maps always had);
- ``projector``: read from the back of a classroom: 16:9, large type, thick
  roads, big markers, and only the biggest places named;
- ``handout``: printed on A4 portrait, in black and white: the marker shape and
  its fill carry the faction, roads and cut marks differ by line style.

>>> p = preset("projector")
>>> p.figsize, p.font_scale > 1, p.labels
((16.0, 9.0), True, 'major')
>>> preset("handout").bw
True
>>> preset("screen").legend, preset("projector").legend
('inside', 'outside')
>>> preset("slides")
Traceback (most recent call last):
...
sim.errors.InputError: [preset]: unknown preset 'slides' (known: handout, projector, screen)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Preset:
    """The sizes and options of one use of a map.

    Fields:

    - ``name``: the preset's name (``screen``, ``projector``, ``handout``);
    - ``figsize``: (width, height) in inches of a single map's figure;
    - ``pair_figsize``: (width, height) of a before/after pair of maps;
    - ``dpi``: the resolution a figure is saved at unless ``save`` is given one;
    - ``font_scale``: type size relative to ``screen`` (1.0);
    - ``labels``: the labels level used when a plot function is not given one
      (``all``, ``major`` or ``none``);
    - ``major_population``: at ``labels="major"``, a town of the home country is
      named when it has at least this many people (strongholds, capitals,
      chokepoints and marked places are always named);
    - ``strongholds``: at ``labels="major"``, name every stronghold whatever
      its size (else only the big ones, as other towns);
    - ``line_scale``: road and route widths relative to ``screen``;
    - ``marker_scale``: marker sizes (as lengths) relative to ``screen``;
    - ``bw``: black-and-white safe: faction carried by marker shape and fill
      pattern, roads by line style, no meaning left to colour alone;
    - ``legend``: ``inside`` the map, in the corner that hides no place, or
      ``outside`` it, beside or below the map (whichever leaves the map larger);
    - ``far_strongholds``: at ``labels="major"``, whether a stronghold's name may
      hang far from it on a long leader line when there is no room nearby (the
      projector leaves it out instead: fewer, clearer names).
    """

    name: str
    figsize: tuple[float, float]
    pair_figsize: tuple[float, float]
    dpi: int
    font_scale: float
    labels: str
    major_population: int
    strongholds: bool
    line_scale: float
    marker_scale: float
    bw: bool
    legend: str = "inside"
    far_strongholds: bool = True

    def font(self, kind: str) -> float:
        """The type size (points) of one kind of text: ``label``, ``label_big``,
        ``title``, ``map_title``, ``summary``, ``legend``, ``credit``, ``area``,
        ``scale``, ``date`` (the date over a campaign's frame).

        >>> preset("projector").font("label") > preset("screen").font("label")
        True
        """
        return round(FONT[kind] * self.font_scale, 2)

    def ms(self, kind: str) -> float:
        """A marker size (points across) of one kind of place: ``town``, ``city``,
        ``stronghold``, ``capital``, ``foreign``."""
        return round(MARKER_SIZE[kind] * self.marker_scale, 2)

    def lw(self, width: float) -> float:
        """A line width of the ``screen`` preset, scaled to this one."""
        return round(width * self.line_scale, 2)


#: Type sizes (points) of the ``screen`` preset; the others scale them.
FONT = {"label": 7.2, "label_big": 8.6, "title": 13.0, "map_title": 11.5, "summary": 10.0,
        "legend": 7.5, "credit": 7.5, "area": 9.5, "scale": 8.0, "date": 24.0}
#: Marker sizes (points across) of the ``screen`` preset.
MARKER_SIZE = {"foreign": 4.2, "town": 4.8, "city": 5.8, "stronghold": 8.6, "capital": 10.0}

#: The labels levels: every place in the frame, the major ones, or none.
LABEL_LEVELS = ("all", "major", "none")

PRESETS: dict[str, Preset] = {
    "screen": Preset("screen", figsize=(10.0, 9.6), pair_figsize=(17.0, 9.6), dpi=110,
                     font_scale=1.0, labels="major", major_population=45_000,
                     strongholds=True, line_scale=1.0, marker_scale=1.0, bw=False),
    "projector": Preset("projector", figsize=(16.0, 9.0), pair_figsize=(16.0, 9.0), dpi=120,
                        font_scale=1.45, labels="major", major_population=250_000,
                        strongholds=True, line_scale=1.7, marker_scale=1.3, bw=False,
                        legend="outside", far_strongholds=False),
    "handout": Preset("handout", figsize=(8.27, 11.69), pair_figsize=(8.27, 11.69), dpi=200,
                      font_scale=0.95, labels="major", major_population=45_000,
                      strongholds=True, line_scale=1.0, marker_scale=1.15, bw=True,
                      legend="outside"),
}


def preset(name: str | Preset) -> Preset:
    """The :class:`Preset` called ``name`` (a ``Preset`` is returned as it is).

    >>> preset("screen").figsize
    (10.0, 9.6)
    """
    if isinstance(name, Preset):
        return name
    if name in PRESETS:
        return PRESETS[name]
    from ..errors import InputError
    from ..schema import shown

    raise InputError(f"unknown preset {shown(name)} (known: {', '.join(sorted(PRESETS))})",
                     key="preset")


def check_labels(level: str | None, default: str = "major") -> str:
    """A labels level, checked: ``all``, ``major`` or ``none`` (None gives ``default``).

    >>> check_labels(None), check_labels("all")
    ('major', 'all')
    """
    if level is None:
        return default
    if level in LABEL_LEVELS:
        return level
    from ..errors import InputError
    from ..schema import shown

    raise InputError(f"unknown labels level {shown(level)} (known: {', '.join(LABEL_LEVELS)})",
                     key="labels")


# ---------------------------------------------------------------- colours of the map itself

SEA = "#d6e6f2"
LAND = "#f2efe6"
HOME_LAND = "#fbfaf6"
BORDER = "#9a9a9a"
#: Places abroad (held by nobody): a light grey that no faction colour comes near.
FOREIGN = "#c8c8c8"
#: The colour of a faction with no colour of its own.
NO_COLOUR = "#888888"
ROUTE = "#1b4f9c"
CUT_OFF_RING = "#e69f00"
CUT_MARK = "#b00000"
STAR = "#ffd400"
AREA_NAME = "#7a7a7a"
INK = "#111111"

#: Marker shapes given to factions in the theatre's order. Reserved for other
#: meanings and never given to a faction: ``s`` (a place abroad), ``D`` (a
#: chokepoint), ``*`` (a place that falls), ``X`` (a cut road).
MARKERS = ("o", "^", "v", "p", "P", "d", ">", "<", "h", "8", "H")
#: Marker fills of the black-and-white preset, in the same order: a half left
#: white is a pattern that survives a photocopier.
BW_FILLS = ("full", "left", "full", "bottom", "full", "right", "top")


@dataclass(frozen=True)
class Style:
    """How a faction's places are drawn: ``colour`` (the face), ``marker`` (a
    matplotlib marker code), ``fill`` (a matplotlib fillstyle: ``full``, or a
    half such as ``left`` with the other half ``alt``), ``edge`` (the outline).
    """

    colour: str
    marker: str
    fill: str = "full"
    edge: str = "#333333"
    alt: str = "white"

    def line_kw(self) -> dict[str, Any]:
        """Keyword arguments of :meth:`matplotlib.axes.Axes.plot` for one marker.

        >>> Style("#d55e00", "o").line_kw()["marker"]
        'o'
        """
        return {"marker": self.marker, "markerfacecolor": self.colour, "fillstyle": self.fill,
                "markerfacecoloralt": self.alt, "markeredgecolor": self.edge, "ls": ""}


def faction_styles(theatre, *, bw: bool = False) -> dict[str, Style]:
    """The style of each faction of ``theatre``: its own colour and a marker shape
    of its own, given in the theatre's faction order, so the same theatre always
    draws the same way (a map, a legend, the HTML explorer). With ``bw``, part of
    the factions also get a half-white fill, and every outline is black.

    >>> import sim
    >>> styles = faction_styles(sim.load().theatre)
    >>> styles["government"].colour, styles["government"].marker, styles["opposition"].marker
    ('#d55e00', 'o', '^')
    >>> faction_styles(sim.load().theatre, bw=True)["opposition"].fill
    'left'
    """
    out: dict[str, Style] = {}
    for i, (fid, info) in enumerate(theatre.factions.items()):
        colour = _long_hex((info.colour or NO_COLOUR).lower())
        edge = "white" if _dark(colour) else "#333333"
        fill = BW_FILLS[i % len(BW_FILLS)] if bw else "full"
        if bw:
            edge = "#000000" if fill != "full" or not _dark(colour) else "#777777"
        out[fid] = Style(colour, MARKERS[i % len(MARKERS)], fill, edge)
    return out


def place_style(styles: Mapping[str, Style], holder: str | None) -> Style:
    """The style of a place held by ``holder``: a grey square when no one holds it
    (a place abroad), a grey circle for a holder the theatre does not know."""
    if holder is None:
        return Style(FOREIGN, "s", edge="#8a8a8a")
    return styles.get(holder) or Style(NO_COLOUR, "o")


def _long_hex(colour: str) -> str:
    """``#rgb`` written out as ``#rrggbb``; any other colour as it is."""
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def _dark(colour: str) -> bool:
    """Is ``colour`` (#rrggbb) dark enough that a white outline shows better?"""
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)] if len(colour) == 7 else [0.5] * 3
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] < 0.18


__all__ = ["FOREIGN", "HOME_LAND", "LABEL_LEVELS", "LAND", "MARKERS", "PRESETS", "Preset", "Style",
           "check_labels", "faction_styles", "place_style", "preset"]
