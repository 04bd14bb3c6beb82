"""The options commands share, as typed aliases (``Annotated``), so each command's
signature says what it takes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

Scenario = Annotated[Optional[str], typer.Argument(
    help="Scenario id or TOML file (default: the bundled default).", show_default=False)]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for machines instead of text.")]
Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")]
Chart = Annotated[Optional[Path], typer.Option(
    "--chart", metavar="FILE", help="Write a map (PNG, SVG or PDF, by the suffix).")]

# Your own theatre, on every command that loads a scenario.
Theatre = Annotated[Optional[str], typer.Option(
    "--theatre", metavar="PATH", rich_help_panel="Your own theatre",
    help="A GraphML, GeoJSON or places.csv file, a folder of CSVs, or a bundled theatre id.")]
Control = Annotated[Optional[Path], typer.Option(
    "--control", metavar="FILE", rich_help_panel="Your own theatre",
    help="Who holds what: a CSV (place,faction[,status]) or TOML control file.")]
DefaultHolder = Annotated[Optional[str], typer.Option(
    "--default-holder", metavar="FACTION", rich_help_panel="Your own theatre",
    help="Holder of every home-country place nobody else names.")]
HomeCountry = Annotated[Optional[str], typer.Option(
    "--home-country", metavar="CC", rich_help_panel="Your own theatre",
    help="Home country (ISO code) of a GraphML, GeoJSON or CSV theatre.")]

# Events, for what-if and export.
Fall = Annotated[list[str], typer.Option(
    "--fall", metavar="PLACE[:FACTION]", rich_help_panel="Events",
    help="PLACE falls (to FACTION, else to its holder's adversary).")]
Contest = Annotated[list[str], typer.Option(
    "--contest", metavar="PLACE", rich_help_panel="Events", help="PLACE becomes contested.")]
CutRoad = Annotated[list[str], typer.Option(
    "--cut-road", metavar="A:B", rich_help_panel="Events", help="The road A-B is cut.")]
OpenRoad = Annotated[list[str], typer.Option(
    "--open-road", metavar="A:B", rich_help_panel="Events", help="The road A-B reopens.")]
OpenTransit = Annotated[list[str], typer.Option(
    "--open-transit", metavar="COUNTRY", rich_help_panel="Events",
    help="Allow transit through a foreign country (LB).")]
CloseTransit = Annotated[list[str], typer.Option(
    "--close-transit", metavar="COUNTRY", rich_help_panel="Events",
    help="Refuse transit through a foreign country.")]

# Library keys (parameter names) as the flags that set them, for error lines.
FLAGS = {"fall": "--fall", "contest": "--contest", "cut_road": "--cut-road",
         "open_road": "--open-road", "open_transit": "--open-transit",
         "close_transit": "--close-transit", "faction": "--faction", "top": "--top",
         "weight": "--weight", "n": "--captures", "by": "--by", "k": "--k",
         "chances": "--p", "probabilities": "--p", "trials": "--trials", "seed": "--seed", "fmt": "--format",
         "filepath": "--chart", "output": "--output", "base": "--base", "date": "--date",
         "theatre": "--theatre", "min_confidence": "--min-confidence",
         "country": "--country", "control": "--control", "default_holder": "--default-holder",
         "gif": "--gif", "frames": "--frames", "pdf": "--pdf", "kind": "--kind",
         "preset": "--preset", "labels": "--labels", "dpi": "--dpi", "title": "--title",
         "workers": "--workers", "scheduler": "--scheduler"}
