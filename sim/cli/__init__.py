"""The ``sim`` command line: parse, call the library (:mod:`sim.api`), render. Nothing else.

Every command takes ``--json`` for machines. Errors from the library become
one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import SimError
from . import campaign, data, questions
from .render import fail, usage_error


#: The command-line parser's error for a missing or malformed option (typer exports
#: only its subclass).
_UsageError = typer.BadParameter.__mro__[1]


class _Group(typer.core.TyperGroup):
    """Turns every :class:`~sim.errors.SimError`, and every misuse of the command line
    (a missing option, a value of the wrong type), into one stderr line and its exit code."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # plain `sim`: the help, as asked
                raise
            raise typer.Exit(usage_error(exc)) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except SimError as exc:
            raise typer.Exit(fail(exc)) from None
        except _UsageError as exc:
            raise typer.Exit(usage_error(exc)) from None


def _typer() -> typer.Typer:
    return typer.Typer(
        cls=_Group, no_args_is_help=True, rich_markup_mode=None,
        context_settings={"max_content_width": 100},
        help="sim: which strongholds are cut off if a place falls, and from what.",
    )


app = _typer()

# Each command: its name, function, summary for the top-level help, and the example
# its own help ends with.
COMMANDS = [
    ("what-if", questions.what_if_cmd, "If places fall: lifelines cut, strongholds cut off.",
     "sim what-if --fall homs --chart homs.png"),
    ("show", questions.show_cmd, "Control, pockets, lifelines and chokepoints.",
     "sim show --faction government"),
    ("critical", questions.critical_cmd, "Each held place ranked by what its fall alone cuts.",
     "sim critical --faction government --top 5"),
    ("cut", questions.cut_cmd, "The fewest captures that sever a lifeline.",
     "sim cut damascus latakia tartus"),
    ("routes", questions.routes_cmd, "The shortest passable routes between two places.",
     "sim routes damascus latakia --ignore-control"),
    ("risk", questions.risk_cmd, "Chances of cuts and losses when places may fall.",
     "sim risk --faction government --p homs=0.7"),
    ("places", data.places_cmd, "Every place of the theatre, with its governorate and holder.",
     "sim places --country LB"),
    ("factions", data.factions_cmd, "Factions: allies, adversary, capital, strongholds.",
     "sim factions syria-2024-11-26"),
    ("scenarios", data.scenarios_cmd, "The bundled scenarios.", "sim scenarios"),
    ("validate", data.validate_cmd, "Check a scenario or theatre; every problem at once.",
     "sim validate scenarios/syria-2024-12-06.toml"),
    ("export", data.export_cmd, "Write the map as GeoJSON, GraphML or CSV, for QGIS.",
     "sim export --fall homs -o after-homs.geojson"),
    ("ingest", data.ingest_cmd, "Read news reports into cited control claims.",
     "sim ingest report.md --base syria-2024-12-06"),
    ("timeline", campaign.timeline_cmd, "A campaign day by day: what each day's falls cut.",
     "sim timeline syria-2024-campaign --gif campaign.gif"),
    ("chart", campaign.chart_cmd, "Draw a map, a what-if, the critical places or a campaign.",
     "sim chart --kind map --preset projector -o map.png"),
    ("explore", campaign.explore_cmd, "Write a page to play what-ifs in a browser, offline.",
     "sim explore syria-2024-campaign -o explorer.html"),
]


def _register(into: typer.Typer, commands) -> typer.Typer:
    for name, func, summary, example in commands:
        into.command(name, short_help=summary, epilog=f"Example: {example}")(func)
    return into


_register(app, COMMANDS)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"sim {__version__}")
        raise typer.Exit()


def _main(version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print the version and exit.")] = None) -> None:
    """sim: which strongholds are cut off if a place falls, and from what."""


app.callback()(_main)


def app_for(args: list[str]) -> typer.Typer:
    """The app that parses ``args``: when they start with a command's name, an app of that
    command alone (typer turns every command it holds into click objects on each run, which
    costs more than the rest of a small what-if); else the whole app, for the top-level
    help, ``--version`` and misspelt commands."""
    picked = [c for c in COMMANDS if args and c[0] == args[0]]
    if not picked:
        return app
    one = _register(_typer(), picked)
    one.callback()(_main)
    return one


def main() -> None:
    """Entry point of the ``sim`` command."""
    import sys

    app_for(sys.argv[1:])(prog_name="sim")
