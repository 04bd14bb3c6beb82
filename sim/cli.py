"""The ``sim`` command line: parse, call the library, render. Nothing else.

Every command takes ``--json`` for machines. Errors from the library become
one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import functools
import inspect
import sys
import warnings
from contextvars import ContextVar
from pathlib import Path
from typing import Optional

import typer

from . import io, report
from .errors import InputError, LoadNote, SimError, ValidationError
from .events import CloseTransit, Contest, CutRoad, Event, Fall, OpenRoad, OpenTransit
from .scenario import Scenario

class _Group(typer.core.TyperGroup):
    """Turns every :class:`SimError` into one stderr line and its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except SimError as exc:
            raise typer.Exit(_fail(exc)) from None


app = typer.Typer(
    cls=_Group, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
    help="sim: which strongholds are cut off if a place falls, and from what.",
)

SCENARIO_ARG = typer.Argument(None, help="Scenario id or TOML file (default: the bundled default).",
                              show_default=False)
JSON_OPT = typer.Option(False, "--json", help="Print JSON for machines instead of text.")

# Options every command that loads a scenario may take: name, type, option.
THEATRE_OPTIONS = {
    "theatre_path": (Optional[str], typer.Option(
        None, "--theatre", metavar="PATH",
        help="Your own theatre: a GraphML, GeoJSON or places.csv file, a folder of CSVs, "
             "or a bundled theatre id.")),
    "control_file": (Optional[Path], typer.Option(
        None, "--control", metavar="FILE",
        help="Who holds what: a CSV (place,faction[,status]) or TOML control file.")),
    "default_holder": (Optional[str], typer.Option(
        None, "--default-holder", metavar="FACTION",
        help="Holder of every home-country place nobody else names.")),
    "home_country": (Optional[str], typer.Option(
        None, "--home-country", metavar="CC",
        help="Home country (ISO code) of a GraphML, GeoJSON or CSV theatre.")),
}
_THEATRE_CHOICE: ContextVar[dict] = ContextVar("theatre_choice", default={})


def theatre_options(command):
    """Give a command the options of :data:`THEATRE_OPTIONS`; :func:`scenario_from_cli`,
    called in its body, honours them.

    Use it below ``@app.command(...)``.
    """
    sig = inspect.signature(command)
    extra = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option,
                               annotation=kind)
             for name, (kind, option) in THEATRE_OPTIONS.items()]

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        token = _THEATRE_CHOICE.set({name: kwargs.pop(name, None) for name in THEATRE_OPTIONS})
        try:
            return command(*args, **kwargs)
        finally:
            _THEATRE_CHOICE.reset(token)

    wrapper.__signature__ = sig.replace(parameters=[*sig.parameters.values(), *extra])
    wrapper.__annotations__ = {**command.__annotations__,
                               **{name: kind for name, (kind, _) in THEATRE_OPTIONS.items()}}
    return wrapper


def scenario_from_cli(scenario: str | None) -> Scenario:
    """The scenario a command names, with the theatre options it was given.

    Notes the loader makes (a snapped GeoJSON line end) go to stderr.
    """
    choice = _THEATRE_CHOICE.get()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LoadNote)
        scen = io.load_scenario(scenario, theatre=choice.get("theatre_path"),
                                control=choice.get("control_file"),
                                default_holder=choice.get("default_holder"),
                                home_country=choice.get("home_country"))
    for note in caught:
        if issubclass(note.category, LoadNote):
            sys.stderr.write(f"note: {note.message}\n")
        else:
            warnings.warn_explicit(note.message, note.category, note.filename, note.lineno)
    return scen


def _echo(text: str) -> None:
    sys.stdout.write(text)


def _parse_fall(scenario: Scenario, spec: str) -> tuple[str, str | None]:
    place, _, faction = spec.partition(":")
    pid = scenario.theatre.places_index.resolve(place)
    return pid, (scenario.faction(faction).id if faction.strip() else None)


def _parse_road(scenario: Scenario, spec: str) -> tuple[str, str]:
    a, sep, b = spec.partition(":")
    if not sep:
        raise InputError(f"a road is given as A:B, got {spec!r}", key="--cut-road")
    pa = scenario.theatre.places_index.resolve(a)
    pb = scenario.theatre.places_index.resolve(b)
    scenario.theatre.road(pa, pb)
    return pa, pb


def build_events(scenario: Scenario, fall: list[str], contest: list[str], cut_road: list[str],
                 open_road: list[str], open_transit: list[str],
                 close_transit: list[str]) -> tuple[list[Event], str | None]:
    """Turn CLI options into events; also return the holder of the first fallen place."""
    events: list[Event] = []
    first_holder = None
    ctl = scenario.control
    for spec in fall:
        pid, new = _parse_fall(scenario, spec)
        old = ctl.holder(pid)
        if first_holder is None:
            first_holder = old
        if new is None:
            if old is None:
                raise InputError(f"nobody holds {scenario.theatre.places[pid].name}; say who "
                                 f"takes it: --fall {pid}:FACTION")
            adversary = scenario.factions[old].adversary if old in scenario.factions else None
            if adversary is None:
                raise InputError(f"the scenario names no adversary for the "
                                 f"{scenario.faction_label(old)}; say who takes "
                                 f"{scenario.theatre.places[pid].name}: --fall {pid}:FACTION")
            new = adversary
        if old == new and not ctl.is_contested(pid):
            raise InputError(f"{scenario.theatre.places[pid].name} is already held by "
                             f"the {scenario.faction_label(new)}")
        events.append(Fall(pid, new))
    for spec in contest:
        events.append(Contest(scenario.theatre.places_index.resolve(spec)))
    events += [CutRoad(*_parse_road(scenario, s)) for s in cut_road]
    events += [OpenRoad(*_parse_road(scenario, s)) for s in open_road]
    events += [OpenTransit(scenario.theatre.resolve_country(c)) for c in open_transit]
    events += [CloseTransit(scenario.theatre.resolve_country(c)) for c in close_transit]
    return events, first_holder


@app.command("what-if")
@theatre_options
def what_if_cmd(
    scenario: Optional[str] = SCENARIO_ARG,
    fall: list[str] = typer.Option([], "--fall", metavar="PLACE[:FACTION]",
                                   help="PLACE falls (to FACTION, else to its holder's adversary)."),
    contest: list[str] = typer.Option([], "--contest", metavar="PLACE",
                                      help="PLACE becomes contested."),
    cut_road: list[str] = typer.Option([], "--cut-road", metavar="A:B", help="The road A-B is cut."),
    open_road: list[str] = typer.Option([], "--open-road", metavar="A:B",
                                        help="The road A-B reopens."),
    open_transit: list[str] = typer.Option([], "--open-transit", metavar="COUNTRY",
                                           help="Allow transit through a foreign country (LB)."),
    close_transit: list[str] = typer.Option([], "--close-transit", metavar="COUNTRY",
                                            help="Refuse transit through a foreign country."),
    faction: Optional[str] = typer.Option(None, "--faction", "-f",
                                          help="Whose lifelines to judge (default: the holder "
                                               "of the first fallen place)."),
    as_json: bool = JSON_OPT,
    chart: Optional[Path] = typer.Option(None, "--chart", help="Write a before/after map (PNG, SVG, PDF)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing chart file."),
) -> None:
    """If places fall (or roads are cut), which lifelines are cut and strongholds cut off?"""
    from .analysis import what_if

    scen = scenario_from_cli(scenario)
    events, first_holder = build_events(scen, fall, contest, cut_road, open_road, open_transit,
                                        close_transit)
    if not events:
        raise InputError("name at least one event: --fall, --contest, --cut-road, --open-road, "
                         "--open-transit or --close-transit")
    if faction:
        fac = scen.faction(faction)
    else:
        fid = first_holder or next((scen.control.holder(e.place) for e in events
                                    if isinstance(e, Contest)), None)
        fid = fid or next((ll.faction for ll in scen.lifelines), None)
        if fid is None or fid not in scen.factions:
            raise InputError("say whose lifelines to judge: --faction FACTION")
        fac = scen.factions[fid]
    if chart is not None:
        _check_chart(chart, force)
    result = what_if(scen.theatre, scen.control, fac, scen.lifelines, events)
    if chart is not None:
        from . import charts
        data = charts.whatif_chart_bytes(scen, result, fmt=chart.suffix.lstrip(".") or "png")
        io.write_atomic(chart, data, force=force)
    if as_json:
        doc = report.whatif_json(scen, result)
        if chart is not None:
            doc["chart"] = str(chart)
        _echo(report.dumps(doc))
    else:
        _echo(report.whatif_text(scen, result))
        if chart is not None:
            _echo(f"\nChart written to {chart}\n")


def _check_chart(path: Path, force: bool) -> None:
    io.check_writable(path, force=force)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise InputError(f"chart file must end in .png, .svg or .pdf, got {path.name!r}",
                         key="--chart")


@app.command("show")
@theatre_options
def show_cmd(
    scenario: Optional[str] = SCENARIO_ARG,
    as_json: bool = JSON_OPT,
    chart: Optional[Path] = typer.Option(None, "--chart",
                                         help="Write a map of the scenario (PNG, SVG, PDF)."),
    faction: Optional[str] = typer.Option(None, "--faction", "-f",
                                          help="Only this faction's pockets, lifelines and "
                                               "strongholds; also whose map --chart draws "
                                               "(default: every faction; the map: the first "
                                               "faction with lifelines)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing chart file."),
) -> None:
    """Control, pockets, lifelines and chokepoints of a scenario."""
    scen = scenario_from_cli(scenario)
    only = scen.faction(faction).id if faction else None
    if chart is not None:
        _check_chart(chart, force)
        fid = scen.faction(faction).id if faction else next(
            (ll.faction for ll in scen.lifelines), next(iter(scen.factions), None))
        if fid is None:
            raise InputError("say whose map to draw: --faction FACTION")
        from . import charts
        data = charts.scenario_chart_bytes(scen, scen.factions[fid],
                                           fmt=chart.suffix.lstrip(".") or "png")
        io.write_atomic(chart, data, force=force)
    _echo(report.dumps(report.show_json(scen)) if as_json else report.show_text(scen, only))
    if chart is not None and not as_json:
        _echo(f"\nChart written to {chart}\n")


@app.command("places")
@theatre_options
def places_cmd(
    scenario: Optional[str] = SCENARIO_ARG,
    country: Optional[str] = typer.Option(None, "--country", help="Only places of this country."),
    as_json: bool = JSON_OPT,
) -> None:
    """Every place of the scenario's theatre, with its holder."""
    scen = scenario_from_cli(scenario)
    th = scen.theatre
    code = th.resolve_country(country) if country else None
    rows = []
    for pid, p in th.places.items():
        if code and p.country != code:
            continue
        h = scen.control.holdings.get(pid)
        rows.append({"id": pid, "name": p.name, "kind": p.kind, "country": p.country,
                     "population": p.population, "lat": p.lat, "lon": p.lon,
                     "holder": h.faction if h else None, "status": h.status if h else None,
                     "aliases": list(p.aliases)})
    if as_json:
        _echo(report.dumps({"schema": "sim.places/1", "scenario": scen.id, "places": rows}))
        return
    width = max(len(r["id"]) for r in rows) if rows else 2
    for r in rows:
        holder = (r["holder"] or "-") + (f" ({r['status']})" if r["status"] not in (None, "held") else "")
        _echo(f"{r['id']:<{width}}  {r['name']:<24} {r['kind']:<9} {r['country']}  {holder}\n")


@app.command("scenarios")
def scenarios_cmd(as_json: bool = JSON_OPT) -> None:
    """The bundled scenarios."""
    rows = []
    for path in io.list_scenarios():
        head = io.read_toml(path).get("scenario", {})
        rows.append({"id": path.stem, "date": str(head.get("date", "")),
                     "title": head.get("title", ""), "extends": head.get("extends"),
                     "default": path.stem == io.DEFAULT_SCENARIO})
    if as_json:
        _echo(report.dumps({"schema": "sim.scenarios/1", "scenarios": rows}))
        return
    for r in rows:
        mark = "*" if r["default"] else " "
        _echo(f"{mark} {r['id']:<20} {r['date']}  {r['title']}\n")
    _echo("(* the default scenario)\n")


@app.command("validate")
def validate_cmd(file: Path = typer.Argument(..., help="A scenario TOML file, or a theatre: "
                                                   "a folder, GraphML, GeoJSON or places.csv."),
                 as_json: bool = JSON_OPT) -> None:
    """Check a scenario or theatre file; report every problem at once."""
    if file.is_dir() or file.name == "theatre.toml" or io.foreign_source(file) is not None:
        _validate_theatre(file, as_json)
        return
    scen = io.load_scenario(file)
    held = len(scen.control.holdings)
    if as_json:
        _echo(report.dumps({"schema": "sim.validate/1", "file": str(file), "ok": True,
                            "scenario": scen.id, "places_held": held,
                            "lifelines": len(scen.lifelines)}))
    else:
        _echo(f"ok: {scen.id} ({scen.date}) on theatre {scen.theatre.id}: {held} holdings, "
              f"{len(scen.factions)} factions, {len(scen.lifelines)} lifelines\n")


def _validate_theatre(path: Path, as_json: bool) -> None:
    import networkx as nx

    if io.foreign_source(path) is not None:
        th = io.load_foreign(path).theatre
    else:
        th = io.load_theatre(path)
    th.places_index  # builds the name index: ambiguous spellings are reported here
    pieces = nx.number_connected_components(th.graph)
    if as_json:
        _echo(report.dumps({"schema": "sim.validate/1", "file": str(path), "ok": True,
                            "theatre": th.id, "places": len(th.places), "roads": len(th.roads),
                            "pieces": pieces}))
    else:
        note = "connected" if pieces == 1 else f"{pieces} pieces not joined by any road"
        _echo(f"ok: theatre {th.id}: {len(th.places)} places, {len(th.roads)} roads, {note}\n")


@app.command("export")
@theatre_options
def export_cmd(
    scenario: Optional[str] = SCENARIO_ARG,
    fmt: Optional[str] = typer.Option(None, "--format", metavar="geojson|graphml|csv",
                                      help="Output format (default: from the -o suffix; "
                                           "no suffix means csv)."),
    output: str = typer.Option(..., "--output", "-o", metavar="PATH",
                               help="File to write; for csv a folder that gets places.csv "
                                    "and roads.csv; - for standard output."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing files."),
    faction: Optional[str] = typer.Option(None, "--faction", "-f",
                                          help="Whose pockets, chokepoints and usable roads "
                                               "(default: the owner of the first lifeline)."),
    as_json: bool = JSON_OPT,
) -> None:
    """Write the theatre with holders and analysis as GeoJSON, GraphML or CSV."""
    from . import formats

    fmt = fmt or formats.format_of(output)
    if fmt not in formats.EXPORT_FORMATS:
        raise InputError(f"format must be one of {', '.join(formats.EXPORT_FORMATS)}, "
                         f"got {fmt or output!r}", key="--format")
    if output == "-" and (fmt == "csv" or as_json):
        raise InputError("-o - writes one GeoJSON or GraphML text to standard output, "
                         "without --json", key="--output")
    scen = scenario_from_cli(scenario)
    fac = scen.faction(faction) if faction else formats.default_faction(scen)
    content = formats.export(scen, fac, fmt)
    if output == "-":
        _echo(content)
        return
    written = io.write_export(output, content, force=force)
    th = scen.theatre
    if as_json:
        _echo(report.dumps({"schema": "sim.export/1", "scenario": scen.id, "format": fmt,
                            "faction": fac.id, "files": [str(p) for p in written],
                            "places": len(th.places), "roads": len(th.roads)}))
    else:
        _echo(f"Wrote {len(th.places)} places and {len(th.roads)} roads of {th.name}, seen by "
              f"the {scen.faction_label(fac.id)}, to {' and '.join(str(p) for p in written)}\n")


@app.command("ingest")
def ingest_cmd(
    files: list[Path] = typer.Argument(..., metavar="FILE...", show_default=False,
                                       help="News reports or digests (UTF-8 text, optional "
                                            "front matter with title, outlet, date, source_id)."),
    theatre: Optional[str] = typer.Option(None, "--theatre",
                                          help="Theatre whose places and factions to look for "
                                               "(default: the base scenario's, else syria)."),
    base: Optional[str] = typer.Option(None, "--base", metavar="SCENARIO",
                                       help="Scenario the documents update (needed for -o)."),
    date: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                                       help="Date of every document (else front matter, else "
                                            "a dateline in the text)."),
    min_confidence: float = typer.Option(0.6, "--min-confidence", metavar="X",
                                         help="Apply claims at least this confident (0-1)."),
    as_json: bool = JSON_OPT,
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="SCENARIO.toml",
                                          help="Write a scenario extending --base with the "
                                               "applied claims."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing -o file."),
) -> None:
    """Read news reports: cited control claims, what-ifs, and a scenario derived from them."""
    import tomli_w

    from . import ingest as ing

    if output is not None:
        if base is None:
            raise InputError("-o writes a scenario that extends another: give --base SCENARIO",
                             key="--output")
        if output.suffix != ".toml":
            raise InputError(f"the scenario file must end in .toml, got {output.name!r}",
                             key="--output")
        io.check_writable(output, force=force)
    scen = io.load_scenario(base) if base else None
    if scen is not None and theatre and io.load_theatre(theatre).id != scen.theatre.id:
        raise InputError(f"--theatre {theatre} differs from the theatre of {base} "
                         f"({scen.theatre.id})", key="--theatre")
    th = scen.theatre if scen else io.load_theatre(theatre or "syria")
    docs = [io.read_document(f) for f in files]
    adversaries = {f.id: f.adversary for f in scen.factions.values()} if scen else None
    result = ing.ingest(docs, th, base=scen.control if scen else None,
                        base_id=scen.id if scen else None, adversaries=adversaries, date=date,
                        min_confidence=min_confidence, base_date=scen.date if scen else None)
    ref = scen.id if scen else None
    if output is not None and scen is not None:
        undated = [d.file for d in result.documents if not d.date]
        if undated:
            raise InputError(f"cannot date {', '.join(undated)}: give --date YYYY-MM-DD or a "
                             f"front-matter date", key="--output")
        base_path = io.find_scenario(base).resolve()
        if base_path.parent in [d.resolve() for d in io.scenario_dirs()] or \
                base_path.parent == output.resolve().parent:
            extends = base_path.stem
        else:
            extends = str(base_path)
        data = ing.scenario_data(
            result, id=output.stem, title=f"{scen.title}, updated from "
            f"{len(result.documents)} document(s)",
            date=max(d.date for d in result.documents if d.date), theatre=th.id,
            extends=extends)
        io.write_atomic(output, tomli_w.dumps(data), force=force)
        ref = str(output)
    if as_json:
        doc = ing.to_json(result, ref)
        if output is not None:
            doc["output"] = str(output)
        _echo(report.dumps(doc))
    else:
        _echo(ing.review_text(result, ref))
        if output is not None:
            _echo(f"\nScenario written to {output} (extends {scen.id})\n")


# ---------------------------------------------------------------- analyses: critical, cut, routes, risk

def _split_words(words: list[str], wanted: int | None = None) -> tuple[str | None, list[str]]:
    """Peel an optional leading scenario off positional words.

    The first word is a scenario when it names a TOML file or a bundled scenario,
    or, if ``wanted`` words are expected after it, when there is one word too many.
    """
    import os

    if not words:
        return None, []
    first = words[0]
    known = {p.stem for p in io.list_scenarios()}
    if first.endswith(".toml") or os.sep in first or first in known or (
            wanted is not None and len(words) == wanted + 1):
        return first, list(words[1:])
    return None, list(words)


def _faction_or_holder(scen: Scenario, faction: str | None, place: str | None,
                       option: str = "--faction"):
    if faction:
        return scen.faction(faction)
    holder = scen.control.holder(place) if place else None
    if holder is None or holder not in scen.factions:
        raise InputError(f"say whose roads to use: {option} FACTION")
    return scen.factions[holder]


@app.command("critical")
@theatre_options
def critical_cmd(
    scenario: Optional[str] = SCENARIO_ARG,
    faction: str = typer.Option(..., "--faction", "-f", help="Whose places to sweep."),
    top: Optional[int] = typer.Option(None, "--top", metavar="N",
                                      help="Show the N most critical places (default: 10 in "
                                           "text, all in JSON)."),
    as_json: bool = JSON_OPT,
) -> None:
    """For every place a faction holds, what its fall alone would cut; ranked."""
    from . import report_analyses as ra
    from .analysis.critical import criticality

    if top is not None and top < 0:
        raise InputError(f"--top must be at least 0, got {top}", key="--top")
    scen = scenario_from_cli(scenario)
    fac = scen.faction(faction)
    result = criticality(scen.theatre, scen.control, fac, scen.lifelines)
    _echo(report.dumps(ra.critical_json(scen, result, top)) if as_json
          else ra.critical_text(scen, result, 10 if top is None else top))


@app.command("cut")
@theatre_options
def cut_cmd(
    words: Optional[list[str]] = typer.Argument(None, metavar="[SCENARIO] SOURCE TARGET...",
                                                show_default=False,
                                                help="Scenario (optional), then the lifeline's "
                                                     "source and targets."),
    faction: Optional[str] = typer.Option(None, "--faction", "-f",
                                          help="Whose roads (default: the holder of SOURCE)."),
    weight: str = typer.Option("uniform", "--weight", metavar="uniform|population|ATTRIBUTE",
                               help="What a capture costs: 1 a place, its population, or any "
                                    "numeric place attribute."),
    captures: Optional[int] = typer.Option(None, "--captures", metavar="N",
                                           help="Instead: the N captures that cut the most off "
                                                "the capital (no SOURCE or TARGET)."),
    by: str = typer.Option("strongholds", "--by", metavar="strongholds|population",
                           help="With --captures: what counts most."),
    as_json: bool = JSON_OPT,
) -> None:
    """The fewest (or cheapest) captures that sever a lifeline, or the most harmful ones."""
    from . import report_analyses as ra
    from .analysis.cuts import best_captures, min_cut

    scenario, places = _split_words(words or [])
    scen = scenario_from_cli(scenario)
    if captures is not None:
        if places:
            raise InputError("--captures takes no SOURCE or TARGET: it cuts places off the "
                             "capital", key="--captures")
        if not faction:
            raise InputError("say whose capital: --faction FACTION", key="--faction")
        fac = scen.faction(faction)
        result = best_captures(scen.theatre, scen.control, fac, captures, by=by)
        _echo(report.dumps(ra.captures_json(scen, result)) if as_json
              else ra.captures_text(scen, result))
        return
    if len(places) < 2:
        raise InputError("name the lifeline: SOURCE TARGET... (or use --captures N)")
    ids = [scen.theatre.places_index.resolve(p) for p in places]
    source, targets = ids[0], list(dict.fromkeys(ids[1:]))
    if source in targets:
        raise InputError(f"{scen.theatre.places[source].name} is both source and target")
    fac = _faction_or_holder(scen, faction, source)
    result = min_cut(scen.theatre, scen.control, fac, source, targets, weight=weight)
    _echo(report.dumps(ra.cut_json(scen, result)) if as_json else ra.cut_text(scen, result))


@app.command("routes")
@theatre_options
def routes_cmd(
    words: list[str] = typer.Argument(..., metavar="[SCENARIO] A B", show_default=False,
                                      help="Scenario (optional), then the two places."),
    faction: Optional[str] = typer.Option(None, "--faction", "-f",
                                          help="Whose roads (default: the holder of A)."),
    k: int = typer.Option(3, "--k", metavar="K", help="How many shortest routes to list."),
    ignore_control: bool = typer.Option(False, "--ignore-control",
                                        help="Also give the peacetime route (control ignored) "
                                             "and the detour factor."),
    as_json: bool = JSON_OPT,
) -> None:
    """The k shortest passable routes between two places, and how wide the corridor is."""
    from . import report_analyses as ra
    from .analysis.routes import find_routes

    scenario, places = _split_words(words, wanted=2)
    if len(places) != 2:
        raise InputError("name two places: [SCENARIO] A B")
    scen = scenario_from_cli(scenario)
    a, b = (scen.theatre.places_index.resolve(p) for p in places)
    fac = _faction_or_holder(scen, faction, a)
    result = find_routes(scen.theatre, scen.control, fac, a, b, k=k,
                         ignore_control=ignore_control)
    _echo(report.dumps(ra.routes_json(scen, result)) if as_json
          else ra.routes_text(scen, result))


@app.command("risk")
@theatre_options
def risk_cmd(
    scenario: Optional[str] = SCENARIO_ARG,
    faction: str = typer.Option(..., "--faction", "-f", help="Whose lifelines and strongholds."),
    p: list[str] = typer.Option([], "--p", metavar="PLACE=CHANCE",
                                help="PLACE falls with this chance (0-1); every other contested "
                                     "place keeps 0.5."),
    trials: int = typer.Option(10000, "--trials", metavar="N", help="Monte Carlo trials."),
    seed: int = typer.Option(0, "--seed", metavar="S", help="Random seed (same seed, same numbers)."),
    as_json: bool = JSON_OPT,
) -> None:
    """The chance each lifeline is cut and each stronghold cut off when places may fall."""
    from . import report_analyses as ra
    from .analysis.risk import estimate_risk

    scen = scenario_from_cli(scenario)
    fac = scen.faction(faction)
    chances: dict[str, float] = {}
    for spec in p:
        place, sep, value = spec.rpartition("=")
        if not sep or not place.strip():
            raise InputError(f"a chance is given as PLACE=CHANCE, got {spec!r}", key="--p")
        try:
            chance = float(value)
        except ValueError:
            raise InputError(f"the chance in {spec!r} is not a number", key="--p") from None
        chances[scen.theatre.places_index.resolve(place.strip())] = chance
    result = estimate_risk(scen.theatre, scen.control, fac, scen.lifelines, chances,
                           trials=trials, seed=seed)
    _echo(report.dumps(ra.risk_json(scen, result)) if as_json else ra.risk_text(scen, result))


def _fail(exc: SimError) -> int:
    if isinstance(exc, ValidationError):
        where = f"{exc.file}: " if exc.file else ""
        sys.stderr.write(f"error: {where}{len(exc.problems)} problem(s)\n")
        for problem in exc.problems:
            sys.stderr.write(f"  {problem}\n")
    else:
        sys.stderr.write(f"error: {exc}\n")
    return exc.exit_code


def main() -> None:
    """Entry point of the ``sim`` command."""
    app(prog_name="sim")
