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
>>> preset("slides")
Traceback (most recent call last):
...
sim.errors.InputError: [preset]: unknown preset 'slides' (known: handout, projector, screen)
"""

from __future__ import annotations

from dataclasses import dataclass


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
    - ``line_scale``: road and route widths relative to ``screen``;
    - ``marker_scale``: marker sizes (as lengths) relative to ``screen``;
    - ``bw``: black-and-white safe: faction carried by marker shape and fill
      pattern, roads by line style, no meaning left to colour alone.
    """

    name: str
    figsize: tuple[float, float]
    pair_figsize: tuple[float, float]
    dpi: int
    font_scale: float
    labels: str
    major_population: int
    line_scale: float
    marker_scale: float
    bw: bool


#: The labels levels: every place in the frame, the major ones, or none.
LABEL_LEVELS = ("all", "major", "none")

PRESETS: dict[str, Preset] = {
    "screen": Preset("screen", figsize=(10.0, 9.6), pair_figsize=(17.0, 9.6), dpi=110,
                     font_scale=1.0, labels="major", major_population=45_000,
                     line_scale=1.0, marker_scale=1.0, bw=False),
    "projector": Preset("projector", figsize=(16.0, 9.0), pair_figsize=(16.0, 9.0), dpi=120,
                        font_scale=1.45, labels="major", major_population=250_000,
                        line_scale=1.7, marker_scale=1.45, bw=False),
    "handout": Preset("handout", figsize=(8.27, 11.69), pair_figsize=(8.27, 11.69), dpi=200,
                      font_scale=0.95, labels="major", major_population=45_000,
                      line_scale=1.0, marker_scale=1.0, bw=True),
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


__all__ = ["LABEL_LEVELS", "PRESETS", "Preset", "check_labels", "preset"]
