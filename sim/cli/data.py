"""The commands about data: places, scenarios, factions, validate, export, ingest."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import api, io
from ..errors import InputError
from ..report import dumps, tables
from . import options as o
from .questions import show_answer
from .render import echo, load


def places_cmd(
    scenario: o.Scenario = None,
    country: Annotated[Optional[str], typer.Option(
        "--country", metavar="COUNTRY", help="Only places of this country.")] = None,
    as_json: o.Json = False,
    theatre: o.Theatre = None, control: o.Control = None,
    default_holder: o.DefaultHolder = None, home_country: o.HomeCountry = None,
) -> None:
    """Every place of the scenario's theatre, with its governorate (if known) and holder."""
    scen = load(scenario, theatre, control, default_holder, home_country)
    show_answer(api.places(scen, country=country), as_json)


def scenarios_cmd(as_json: o.Json = False) -> None:
    """The bundled scenarios."""
    rows = api.scenarios()
    echo(dumps(tables.scenarios_json(rows)) if as_json else tables.scenarios_text(rows))


def factions_cmd(
    scenario: o.Scenario = None, as_json: o.Json = False,
    theatre: o.Theatre = None, control: o.Control = None,
    default_holder: o.DefaultHolder = None, home_country: o.HomeCountry = None,
) -> None:
    """The scenario's factions: names, allies, adversary, capital, strongholds, lifelines."""
    scen = load(scenario, theatre, control, default_holder, home_country)
    show_answer(api.factions(scen), as_json)


def validate_cmd(
    file: Annotated[Path, typer.Argument(help="A scenario TOML file, or a theatre: a folder, "
                                              "GraphML, GeoJSON or places.csv.")],
    as_json: o.Json = False,
) -> None:
    """Check a scenario or theatre file; report every problem at once."""
    show_answer(api.validate(file), as_json)


def export_cmd(
    scenario: o.Scenario = None,
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="PATH", help="File to write; for csv a folder that gets "
                                               "places.csv and roads.csv; - for standard "
                                               "output.")] = ...,
    fmt: Annotated[Optional[str], typer.Option(
        "--format", metavar="geojson|graphml|csv",
        help="Output format (default: from the -o suffix; no suffix means csv).")] = None,
    faction: Annotated[Optional[str], typer.Option(
        "--faction", "-f", metavar="FACTION", help="Whose pockets, chokepoints and usable roads (default: the "
                                "holder of the first fallen place, else the owner of the "
                                "first lifeline).")] = None,
    fall: o.Fall = [], contest: o.Contest = [], cut_road: o.CutRoad = [],
    open_road: o.OpenRoad = [], open_transit: o.OpenTransit = [],
    close_transit: o.CloseTransit = [],
    force: o.Force = False, as_json: o.Json = False,
    theatre: o.Theatre = None, control: o.Control = None,
    default_holder: o.DefaultHolder = None, home_country: o.HomeCountry = None,
) -> None:
    """Write the theatre with holders and analysis as GeoJSON, GraphML or CSV; with
    events, the state after them."""
    from ..formats import format_of

    fmt = fmt or format_of(output) or output
    if output == "-" and (fmt == "csv" or as_json):
        raise InputError("-o - writes one GeoJSON or GraphML text to standard output, "
                         "without --json", key="output")
    scen = load(scenario, theatre, control, default_holder, home_country)
    answer = api.export(scen, fmt, faction=faction, fall=fall, contest=contest,
                        cut_road=cut_road, open_road=open_road, open_transit=open_transit,
                        close_transit=close_transit)
    if output == "-":
        echo(answer.value if isinstance(answer.value, str) else iter(answer.value))
        return
    from ..formats.stream import tracked
    from .questions import progress_bar

    with progress_bar(f"Writing {output}", stream=None if not as_json else _Quiet()) as update:
        content = tracked(answer.value, update)
        files = [str(p) for p in io.write_export(output, content, force=force)]
    if as_json:
        echo(dumps(tables.export_json(answer.scenario, answer.faction, fmt, answer.events,
                                      files)))
    else:
        echo(tables.export_text(answer.scenario, answer.faction, files, answer.events))


class _Quiet:
    """A stream that is not a terminal: no progress bar under ``--json``."""

    @staticmethod
    def isatty() -> bool:
        return False


def ingest_cmd(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE...", show_default=False,
        help="News reports or digests (UTF-8 text, optional front matter with title, outlet, "
             "date, source_id), or folders of them (their .txt, .md and .markdown files "
             "but README, CHANGELOG and LICENSE, by name).")],
    theatre: Annotated[Optional[str], typer.Option(
        "--theatre", metavar="THEATRE", help="Theatre whose places and factions to look for (default: the base "
                          "scenario's, else syria).")] = None,
    base: Annotated[Optional[str], typer.Option(
        "--base", metavar="SCENARIO", help="Scenario the documents update (needed for -o; "
                                           "with --campaign, default: the bundled scenario "
                                           "dated last before the first document).")
    ] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", metavar="YYYY-MM-DD", help="Date of every document (else front matter, "
                                             "else a dateline in the text).")] = None,
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", metavar="X", help="Apply claims at least this confident (0-1).")
    ] = 0.6,
    as_json: o.Json = False,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="SCENARIO.toml",
        help="Write a scenario extending --base with the applied claims.")] = None,
    campaign: Annotated[bool, typer.Option(
        "--campaign", help="With -o: write a campaign, the documents read in date order "
                           "with one cited [[event]] per change of hands (each document "
                           "needs a date).")] = False,
    force: o.Force = False,
) -> None:
    """Read news reports: cited control claims, what-ifs, and a scenario derived from them."""
    if campaign:
        api.check_campaign_output(output, force=force)
    elif output is not None:
        api.check_scenario_output(output, base=base, force=force)
    answer = api.read_reports(files, theatre=theatre, base=base, date=date,
                              min_confidence=min_confidence, campaign=campaign)
    tail, extra = "", {"output": str(output)} if output else None
    if campaign:
        from ..report.ingest import campaign_summary, campaign_text

        data = api.campaign_scenario(answer, output)
        api.write_toml(output, data, force=force)
        answer = dataclasses.replace(answer, ref=str(output))
        extra["campaign"] = campaign_summary(str(output), data, len(answer.value.documents))
        tail = "\n" + campaign_text(extra["campaign"])
    elif output is not None:
        api.write_toml(output, api.derived_scenario(answer, output), force=force)
        answer = dataclasses.replace(answer, ref=str(output))
        tail = f"\nScenario written to {output} (extends {answer.scenario.id})\n"
    show_answer(answer, as_json, extra, tail)
