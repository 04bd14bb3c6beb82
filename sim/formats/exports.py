"""Exports: a scenario as GeoJSON, GraphML or CSV, with holders and analysis results.

The files carry the holders and, seen by one faction, its pockets,
chokepoints, strongholds and usable roads as attributes (for QGIS, Gephi or a
spreadsheet); :mod:`sim.formats`' readers read them back. This is the one
module of :mod:`sim.formats` that runs the analysis.
"""

from __future__ import annotations

from collections import Counter

from ..control import Faction
from ..errors import InputError
from . import stream
from .common import EXPORT_FORMATS


def default_faction(scenario) -> Faction:
    """Whose view an export takes when none is named: the owner of the first lifeline,
    else the first faction with a capital, else the faction holding most places."""
    if scenario.lifelines:
        return scenario.factions[scenario.lifelines[0].faction]
    with_capital = [f for f in scenario.factions.values() if f.capital]
    if with_capital:
        return with_capital[0]
    counts = Counter(h.faction for h in scenario.control.holdings.values())
    if not counts:
        raise InputError("nobody holds any place; nothing to export")
    return scenario.factions[min(counts, key=lambda f: (-counts[f], f))]


def export_tables(scenario, faction: Faction) -> tuple[list[dict], list[dict]]:
    """Place and road rows with holders and the faction's analysis, in id order.

    Places: holder, status, ``pocket`` (1 = the main pocket, if the capital's;
    None outside the faction's pockets), ``main_pocket``, ``chokepoint`` (of any of
    the faction's lifelines), ``stronghold`` (its state, or None). Roads: km, class,
    ref, ``usable`` (by the faction: both ends passable and not cut) and ``cut``.
    """
    cols = stream.export_columns(scenario, faction)
    return list(cols.rows("places")), list(cols.rows("roads"))


def export_geojson(scenario, faction: Faction) -> str:
    """The scenario as a GeoJSON FeatureCollection (places as Points, roads as straight
    LineStrings, one feature a line); ``read_geojson`` reads it back."""
    return str(stream.chunks(scenario, faction, "geojson"))


def export_graphml(scenario, faction: Faction) -> str:
    """The scenario as undirected GraphML: node ``x``/``y`` in degrees, edge ``km`` and
    ``length`` in metres, holders and analysis as attributes; ``read_graphml`` reads it back."""
    return str(stream.chunks(scenario, faction, "graphml"))


def export_csv(scenario, faction: Faction) -> dict[str, str]:
    """The scenario as ``places.csv`` and ``roads.csv`` texts (file name -> text);
    ``read_csv`` reads them back."""
    return {name: str(c) for name, c in stream.chunks(scenario, faction, "csv").items()}


def export_chunks(scenario, faction: Faction, fmt: str):
    """:func:`export` as :class:`~sim.formats.stream.Chunks` of text (one, or for csv one
    by file name), produced as they are written: a large theatre's export streams."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"format must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}",
                         key="fmt")
    return stream.chunks(scenario, faction, fmt)


def export(scenario, faction: Faction, fmt: str) -> str | dict[str, str]:
    """The scenario in ``fmt`` (geojson, graphml or csv): one text, or for csv the
    texts of ``places.csv`` and ``roads.csv`` by file name."""
    writers = {"geojson": export_geojson, "graphml": export_graphml, "csv": export_csv}
    if fmt not in writers:
        raise InputError(f"format must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}",
                         key="fmt")
    return writers[fmt](scenario, faction)


def format_of(path: str) -> str | None:
    """The export format a file name implies, or None (a name without a suffix: a csv folder).

    >>> format_of("out/front.geojson"), format_of("out/front.graphml"), format_of("out/front")
    ('geojson', 'graphml', 'csv')
    """
    suffix = path.lower().rpartition("/")[2].rpartition(".")
    if not suffix[1]:
        return "csv"
    return {"geojson": "geojson", "json": "geojson", "graphml": "graphml"}.get(suffix[2])
