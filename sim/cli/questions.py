"""The commands that ask a question of a scenario: what-if, show, critical, cut, routes, risk.

Each parses its options, calls :mod:`sim.api`, and prints the answer's text or JSON.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Annotated, Optional

import typer

from .. import api
from .. import plot
from ..errors import InputError
from ..report import json_chunks
from . import options as o
from .render import echo, load, written


@contextmanager
def progress_bar(what: str, stream=None, delay: float = 0.5, *, enabled: bool = True):
    """A progress callback ``(done, total)`` that draws a bar with an ETA on ``stream``
    (stderr) once a run has lasted ``delay`` seconds, or None when ``stream`` is not a
    terminal, or when not ``enabled`` (under ``--json``): pipes, files and tests see
    nothing. The bar is gone when the run ends."""
    stream = sys.stderr if stream is None else stream
    if not enabled or not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeRemainingColumn)

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("ETA"), TimeRemainingColumn(),
                   console=Console(file=stream), transient=True)
    task = bar.add_task(what, total=None)
    start = time.monotonic()
    shown = False

    def update(done: int, total: int) -> None:
        nonlocal shown
        if not shown and done < total and time.monotonic() - start >= delay:
            bar.start()
            shown = True
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if shown:
            bar.stop()


# Where the long runs (critical --pairs, risk) run: here, or on a Dask cluster.
Workers = Annotated[Optional[int], typer.Option(
    "--workers", metavar="N", rich_help_panel="Cluster (the dask extra)",
    help="Run on N worker processes of a local Dask cluster (the same answer as without; "
         "see docs/scaling.md).")]
Scheduler = Annotated[Optional[str], typer.Option(
    "--scheduler", metavar="ADDRESS", rich_help_panel="Cluster (the dask extra)",
    help="Run on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786).")]


def show_answer(answer, as_json: bool, extra: dict | None = None, tail: str = "") -> None:
    if as_json:
        doc = answer.to_json()
        doc.update(extra or {})
        echo(json_chunks(doc))
    else:
        echo(answer.text() + tail)


def what_if_cmd(
    scenario: o.Scenario = None,
    fall: o.Fall = [], contest: o.Contest = [], cut_road: o.CutRoad = [],
    open_road: o.OpenRoad = [], open_transit: o.OpenTransit = [],
    close_transit: o.CloseTransit = [],
    faction: Annotated[Optional[str], typer.Option(
        "--faction", "-f", metavar="FACTION", help="Whose lifelines to judge (default: the holder of the first "
                                "fallen place).")] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", metavar="YYYY-MM-DD", help="Judge the events on the control of this date of a "
                                             "campaign scenario (default: the scenario's own "
                                             "date).")] = None,
    as_json: o.Json = False, chart: o.Chart = None, force: o.Force = False,
    theatre: o.Theatre = None, control: o.Control = None,
    default_holder: o.DefaultHolder = None, home_country: o.HomeCountry = None,
) -> None:
    """If places fall or roads are cut: which lifelines are cut, which strongholds cut off?"""
    scen = load(scenario, theatre, control, default_holder, home_country)
    if chart is not None:
        plot.check_path(chart, force=force)
    answer = api.what_if(scen, fall=fall, contest=contest, cut_road=cut_road,
                         open_road=open_road, open_transit=open_transit,
                         close_transit=close_transit, faction=faction, date=date)
    if chart is not None:
        plot.what_if(answer, filepath=chart, force=force)
    show_answer(answer, as_json, {"chart": str(chart)} if chart else None,
           written("Chart", chart) if chart else "")


def show_cmd(
    scenario: o.Scenario = None, as_json: o.Json = False, chart: o.Chart = None,
    faction: Annotated[Optional[str], typer.Option(
        "--faction", "-f", metavar="FACTION", help="Only this faction's pockets, lifelines and strongholds; also "
                                "whose map --chart draws (default: every faction; the map: "
                                "the owner of the first lifeline).")] = None,
    force: o.Force = False,
    theatre: o.Theatre = None, control: o.Control = None,
    default_holder: o.DefaultHolder = None, home_country: o.HomeCountry = None,
) -> None:
    """Control, pockets, lifelines and chokepoints of a scenario."""
    scen = load(scenario, theatre, control, default_holder, home_country)
    answer = api.show(scen, faction=faction)
    if chart is not None:
        plot.scenario(scen, faction=faction, filepath=chart, force=force)
    show_answer(answer, as_json, None, written("Chart", chart) if chart else "")


def critical_cmd(
    scenario: o.Scenario = None,
    faction: Annotated[str, typer.Option("--faction", "-f", metavar="FACTION", help="Whose places to sweep.")] = ...,
    top: Annotated[Optional[int], typer.Option(
        "--top", metavar="N", help="Show the N most critical places (default: 10 in text, "
                                   "all in JSON; more than there are shows all); with "
                                   "--pairs, the N most critical pairs (default 10).")] = None,
    pairs: Annotated[bool, typer.Option(
        "--pairs", help="Rank pairs of places by what their falls together cut, and say "
                        "what neither fall cuts alone.")] = False,
    workers: Workers = None, scheduler: Scheduler = None,
    as_json: o.Json = False,
    theatre: o.Theatre = None, control: o.Control = None,
    default_holder: o.DefaultHolder = None, home_country: o.HomeCountry = None,
) -> None:
    """For every place a faction holds, what its fall alone would cut; ranked (with --pairs:
    every pair of them, by what their falls together cut)."""
    scen = load(scenario, theatre, control, default_holder, home_country)
    with progress_bar("Sweeps", enabled=not as_json) as progress:
        answer = api.critical(scen, faction=faction, top=top, pairs=pairs, workers=workers,
                              scheduler=scheduler, progress=progress if pairs else None)
    show_answer(answer, as_json)


def _split_words(words: list[str], wanted: int | None = None) -> tuple[str | None, list[str]]:
    """Peel an optional leading scenario off positional words: the first word is one
    when it names a scenario, or when there is one word more than ``wanted``."""
    if words and (api.is_scenario_name(words[0]) or
                  (wanted is not None and len(words) == wanted + 1)):
        return words[0], list(words[1:])
    return None, list(words)


def cut_cmd(
    words: Annotated[Optional[list[str]], typer.Argument(
        metavar="[SCENARIO] SOURCE TARGET...", show_default=False,
        help="Scenario (optional), then the lifeline's source and targets.")] = None,
    faction: Annotated[Optional[str], typer.Option(
        "--faction", "-f", metavar="FACTION", help="Whose roads (default: the holder of SOURCE).")] = None,
    weight: Annotated[str, typer.Option(
        "--weight", metavar="uniform|population|ATTRIBUTE",
        help="What a capture costs: 1 a place, its population, or any numeric place "
             "attribute.")] = "uniform",
    captures: Annotated[Optional[int], typer.Option(
        "--captures", metavar="N", help="Instead: the N captures that cut the most off the "
                                        "capital (no SOURCE or TARGET); exact within 2,000 "
                                        "sweeps, else greedy beyond.")] = None,
    by: Annotated[str, typer.Option(
        "--by", metavar="strongholds|population",
        help="With --captures: what counts most.")] = "strongholds",
    as_json: o.Json = False,
    theatre: o.Theatre = None, control: o.Control = None,
    default_holder: o.DefaultHolder = None, home_country: o.HomeCountry = None,
) -> None:
    """The fewest (or cheapest) captures that sever a lifeline, or the most harmful ones."""
    scenario, places = _split_words(words or [])
    scen = load(scenario, theatre, control, default_holder, home_country)
    if captures is not None:
        if places:
            raise InputError("--captures takes no SOURCE or TARGET: it cuts places off the "
                             "capital", key="n")
        if faction is None:
            raise InputError("say whose capital: --faction FACTION", key="faction")
        with progress_bar("Sweeps") as progress:
            answer = api.captures(scen, captures, faction=faction, by=by, progress=progress)
        show_answer(answer, as_json)
        return
    if len(places) < 2:
        raise InputError("name the lifeline: SOURCE TARGET... (or use --captures N)")
    show_answer(api.cut(scen, places[0], places[1:], faction=faction, weight=weight), as_json)


def routes_cmd(
    words: Annotated[list[str], typer.Argument(
        metavar="[SCENARIO] A B", show_default=False,
        help="Scenario (optional), then the two places.")],
    faction: Annotated[Optional[str], typer.Option(
        "--faction", "-f", metavar="FACTION", help="Whose roads (default: the holder of A).")] = None,
    k: Annotated[int, typer.Option("--k", metavar="K",
                                   help=f"How many shortest routes to list (1 to "
                                        f"{api.MAX_ROUTES:,}).")] = 3,
    ignore_control: Annotated[bool, typer.Option(
        "--ignore-control", help="Also give the peacetime route (control ignored) and the "
                                 "detour factor.")] = False,
    as_json: o.Json = False,
    theatre: o.Theatre = None, control: o.Control = None,
    default_holder: o.DefaultHolder = None, home_country: o.HomeCountry = None,
) -> None:
    """The k shortest passable routes between two places, and how wide the corridor is."""
    scenario, places = _split_words(words, wanted=2)
    if len(places) != 2:
        raise InputError("name two places: [SCENARIO] A B")
    scen = load(scenario, theatre, control, default_holder, home_country)
    show_answer(api.routes(scen, *places, faction=faction, k=k, ignore_control=ignore_control),
           as_json)


def risk_cmd(
    scenario: o.Scenario = None,
    faction: Annotated[str, typer.Option(
        "--faction", "-f", metavar="FACTION", help="Whose lifelines and strongholds.")] = ...,
    p: Annotated[list[str], typer.Option(
        "--p", metavar="PLACE=CHANCE", help="PLACE falls with this chance (0-1); every other "
                                            "contested place keeps 0.5.")] = [],
    trials: Annotated[int, typer.Option(
        "--trials", metavar="N", help="Monte Carlo trials, at most 100,000,000 (a progress "
                                      "bar on a terminal for long runs).")] = 10000,
    seed: Annotated[int, typer.Option("--seed", metavar="S",
                                      help="Random seed, 0 or more (same seed, same "
                                           "numbers, with or without a cluster).")] = 0,
    workers: Workers = None, scheduler: Scheduler = None,
    as_json: o.Json = False,
    theatre: o.Theatre = None, control: o.Control = None,
    default_holder: o.DefaultHolder = None, home_country: o.HomeCountry = None,
) -> None:
    """The chance each lifeline is cut and each stronghold cut off when places may fall."""
    scen = load(scenario, theatre, control, default_holder, home_country)
    with progress_bar("Trials", enabled=not as_json) as progress:
        answer = api.risk(scen, faction=faction, chances=p, trials=trials, seed=seed,
                          progress=progress, workers=workers, scheduler=scheduler)
    show_answer(answer, as_json)
