"""The commands about campaigns and charts: timeline and chart.

Each parses its options, calls :mod:`sim.api` (and :mod:`sim.plot` to draw),
and prints the answer's text or JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import plot
from ..timelines import default_campaign, timeline
from . import options as o
from .questions import show_answer
from .render import load, written

Preset = Annotated[str, typer.Option(
    "--preset", metavar="NAME", help="screen, projector (large type, fewer labels) or handout "
                                     "(A4, black-and-white safe).")]
Labels = Annotated[str, typer.Option(
    "--labels", metavar="WHICH", help="Which places are named: all, major or none.")]
Dpi = Annotated[Optional[int], typer.Option(
    "--dpi", metavar="N", help="Dots per inch of a PNG (default: the preset's).")]


def timeline_cmd(
    scenario: Annotated[Optional[str], typer.Argument(
        help="Campaign scenario id or TOML file (default: the bundled campaign).",
        show_default=False)] = None,
    faction: Annotated[Optional[str], typer.Option(
        "--faction", "-f", metavar="FACTION",
        help="Whose lifelines to follow (default: the owner of the first lifeline).")] = None,
    as_json: o.Json = False,
    gif: Annotated[Optional[Path], typer.Option(
        "--gif", metavar="FILE", help="Write an animated map, a frame a day.")] = None,
    frames: Annotated[Optional[Path], typer.Option(
        "--frames", metavar="DIR", help="Write a PNG map a day into DIR.")] = None,
    pdf: Annotated[Optional[Path], typer.Option(
        "--pdf", metavar="FILE", help="Write a flip-book handout, an A4 page a day.")] = None,
    preset: Preset = "screen", labels: Labels = "major", dpi: Dpi = None,
    force: o.Force = False,
) -> None:
    """A campaign day by day: changes of hands, lifelines cut, strongholds and people cut off."""
    from .. import output

    scen = load(scenario or default_campaign())
    plot.check_style(preset, labels, dpi)
    for path, key in ((gif, "gif"), (pdf, "pdf")):
        if path is not None:
            output.check_writable(path, force=force, key=key)
    answer = timeline(scen, faction=faction)
    notes = []
    if gif is not None:
        plot.timeline_gif(answer, gif, preset=preset, labels=labels, dpi=dpi, force=force)
        notes.append(written("Animation", gif))
    if frames is not None:
        plot.timeline_frames(answer, frames, preset=preset, labels=labels, dpi=dpi, force=force)
        notes.append(written(f"{len(answer.value.days)} maps, one a day,", frames))
    if pdf is not None:
        plot.timeline_pdf(answer, pdf, labels=labels, force=force)
        notes.append(written("Flip-book", pdf))
    extra = {k: str(v) for k, v in (("gif", gif), ("frames", frames), ("pdf", pdf)) if v}
    show_answer(answer, as_json, extra or None, "".join(notes))
