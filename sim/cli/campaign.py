"""The commands about campaigns, charts and pages: timeline, chart and explore.

Each parses its options, calls :mod:`sim.api` (and :mod:`sim.plot` to draw),
and prints the answer's text or JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import plot
from . import options as o
from .questions import show_answer
from .render import load, written

Preset = Annotated[str, typer.Option(
    "--preset", metavar="NAME", help="screen, projector (large type, fewer labels) or handout "
                                     "(A4, black-and-white safe).")]
Labels = Annotated[Optional[str], typer.Option(
    "--labels", metavar="WHICH",
    help="Which places are named: all, major or none (default: the preset's).")]
Dpi = Annotated[Optional[int], typer.Option(
    "--dpi", metavar="N", help="Dots per inch of a PNG (default: the preset's).")]


def timeline_cmd(
    scenario: Annotated[Optional[str], typer.Argument(
        help="Campaign scenario id or TOML file (default: the bundled campaign).",
        show_default=False)] = None,
    faction: Annotated[Optional[str], typer.Option(
        "--faction", "-f", metavar="FACTION",
        help="Whose lifelines to follow (default: the owner of the first lifeline).")] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", metavar="YYYY-MM-DD", help="Report this day only.")] = None,
    as_json: o.Json = False,
    gif: Annotated[Optional[Path], typer.Option(
        "--gif", metavar="FILE", help="Write an animated map, a frame a day.")] = None,
    frames: Annotated[Optional[Path], typer.Option(
        "--frames", metavar="DIR", help="Write a PNG map a day into DIR.")] = None,
    pdf: Annotated[Optional[Path], typer.Option(
        "--pdf", metavar="FILE", help="Write a flip-book handout, an A4 page a day.")] = None,
    preset: Preset = "screen", labels: Labels = None, dpi: Dpi = None,
    force: o.Force = False,
) -> None:
    """A campaign day by day: changes of hands, lifelines cut, strongholds and people cut off."""
    from ..timelines import default_campaign, timeline  # only for this command

    scen = load(scenario or default_campaign())
    answer = timeline(scen, faction=faction, date=date)
    # The library checks every target before it draws anything.
    plot.timeline_pictures(answer, gif=gif, frames=frames, pdf=pdf, preset=preset,
                           labels=labels, dpi=dpi, force=force)
    notes = [written(what, path) for what, path in (
        ("Animation", gif), (f"{len(answer.value.days)} maps, one a day,", frames),
        ("Flip-book", pdf)) if path is not None]
    extra = {k: str(v) for k, v in (("gif", gif), ("frames", frames), ("pdf", pdf)) if v}
    show_answer(answer, as_json, extra or None, "".join(notes))


def chart_cmd(
    scenario: o.Scenario = None,
    fall: o.Fall = [], contest: o.Contest = [], cut_road: o.CutRoad = [],
    open_road: o.OpenRoad = [], open_transit: o.OpenTransit = [],
    close_transit: o.CloseTransit = [],
    kind: Annotated[str, typer.Option(
        "--kind", "-k", metavar="KIND",
        help="map (who holds what), before-after (a what-if), critical (the places whose "
             "fall cuts most), lifelines or timeline (a campaign over time).")] = "map",
    out: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE", help="The chart file (PNG, SVG or PDF, by the "
                                               "suffix).")] = ...,
    faction: Annotated[Optional[str], typer.Option(
        "--faction", "-f", metavar="FACTION",
        help="Whose lifelines or places to judge (default: as what-if and timeline).")] = None,
    preset: Preset = "screen", labels: Labels = None,
    title: Annotated[Optional[str], typer.Option(
        "--title", metavar="TEXT", help="A title of your own.")] = None,
    dpi: Dpi = None, top: Annotated[int, typer.Option(
        "--top", metavar="N", help="How many places a critical chart ranks.")] = 10,
    as_json: o.Json = False, force: o.Force = False,
    theatre: o.Theatre = None, control: o.Control = None,
    default_holder: o.DefaultHolder = None, home_country: o.HomeCountry = None,
) -> None:
    """Draw a chart: a map, a what-if, the critical places, or a campaign over time."""
    from ..plot.kinds import chart, default_scenario
    from ..report import dumps
    from .render import echo

    plot.check_style(preset, labels, dpi)
    plot.check_path(out, force=force)
    scen = load(scenario or default_scenario(kind), theatre, control, default_holder,
                home_country)
    fig, _ = chart(scen, kind, fall=fall, contest=contest, cut_road=cut_road,
                   open_road=open_road, open_transit=open_transit, close_transit=close_transit,
                   faction=faction, preset=preset, labels=labels, title=title, top=top)
    plot.save(fig, out, dpi=dpi, force=force)
    if as_json:
        echo(dumps({"chart": str(out), "kind": kind, "scenario": scen.id}))
    else:
        echo(written(f"A {kind} chart of {scen.id}", out).lstrip("\n"))


def explore_cmd(
    scenario: o.Scenario = None,
    out: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE", help="The page to write (HTML).")] = Path("explorer.html"),
    as_json: o.Json = False, force: o.Force = False,
    theatre: o.Theatre = None, control: o.Control = None,
    default_holder: o.DefaultHolder = None, home_country: o.HomeCountry = None,
) -> None:
    """Write an explorer page: click a place or a road, read what its fall or cut does."""
    from ..explorer import explore, load_words
    from ..output import check_writable

    check_writable(out, force=force)
    scen = load(scenario, theatre, control, default_holder, home_country)
    answer = explore(scen, words=load_words(scen, name=scenario, theatre=theatre, control=control,
                                            default_holder=default_holder,
                                            home_country=home_country))
    answer.save(out, force=force)
    show_answer(answer, as_json, {"page": str(out)}, written("Explorer", out))
