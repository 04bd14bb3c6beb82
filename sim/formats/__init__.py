"""Your own road networks: GraphML, GeoJSON and CSV theatres, in and out.

A theatre need not be bundled. This package turns the text of three common
formats into a :class:`Loaded` theatre, and a scenario back into those formats
with its holders and analysis results as attributes (for QGIS, Gephi or a
spreadsheet). It is pure: text in, values out; :mod:`sim.io` reads and writes
the files.

- **GraphML** (:mod:`sim.formats.graphml`), as OSMnx writes it: node ``x``/``y``
  in degrees (or ``lon``/``lat``), edge ``length`` in metres (or ``km``).
  Parallel and opposite directed edges collapse into one undirected road with
  the shortest length; self-loops are dropped. Places take the node id, the
  ``name`` attribute (else the id) and kind ``junction`` unless the file says
  otherwise.
- **GeoJSON** (:mod:`sim.formats.geojson`): a FeatureCollection of Point
  features (places: ``id``, ``name``, ``kind``, ``country``, ``governorate``,
  ``population``, ``aliases``) and LineString features (roads: ``a``, ``b``, ``km``
  or ``length_m``, ``class``, ``ref``). A line without ``a``/``b`` is snapped to
  the nearest places within :data:`SNAP_KM` of its ends; a line without a
  length is measured along its coordinates.
- **CSV** (:mod:`sim.formats.csv`): ``places.csv``
  (``id,name,lat,lon,kind,country,population,aliases``, aliases separated by
  ``;``, and an optional ``governorate``) and ``roads.csv`` (``a,b,km,class,ref``).

Any of the three may also carry ``holder`` and ``status`` for places (as
:func:`export_geojson` and friends write them); they serve as the file's own
control when no scenario is given. Control files are read by
:mod:`sim.formats.control`, the bundled theatres' own folder format by
:mod:`sim.formats.theatre`; exports are written by :mod:`sim.formats.exports`,
the one module here that imports the analysis. Each module is imported when one
of its names is first used, so reading a file never loads the analysis.

Every record is checked by :mod:`sim.schema`, and every malformed one is
reported at once, each problem naming where it is: the CSV file and line, the
GraphML node or edge (and its line), the GeoJSON feature index. A large file is
read by a fast reader first (:mod:`sim.formats.fast` and one module a format),
which checks whole columns at once and keeps the theatre as :mod:`sim.columns`;
whatever it finds wrong or unusual, it leaves the file to the checking reader,
so the problems said are always the same. The holders a file names come as a
read-only mapping over arrays (:class:`HolderMap`, :attr:`Loaded.holder_columns`).

>>> from sim.formats import read_csv
>>> loaded = read_csv("id,lat,lon\\na,0,0\\nb,0,1\\n", "a,b,km\\na,b,111.2\\n", home_country="XA")
>>> loaded.theatre.road("b", "a").km, loaded.theatre.places["a"].kind
(111.2, 'town')
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

#: Where each name of the package lives; a module is imported when one of its names is
#: first asked for (so a bundled theatre's loader pays for no other format, and only
#: the exports import the analysis).
_HOMES = {
    "common": ("EXPORT_FORMATS", "FACTION_PALETTE", "OSM_CREDIT", "OSM_HIGHWAY_CLASS",
               "PLACE_COLUMNS", "ROAD_COLUMNS", "SNAP_KM", "UNKNOWN_COUNTRY", "HolderColumns",
               "HolderMap", "Loaded", "home_country_of", "slug", "_Draft", "_text"),
    "control": ("CONTROL_TOML_KEYS", "check_control", "faction_names", "read_control_csv",
                "read_control_toml", "with_factions"),
    "csv": ("read_csv",),
    "geojson": ("read_geojson",),
    "graphml": ("read_graphml", "_class_from_osm", "_geographic", "_osm_list", "_parse_xml"),
    "theatre": ("THEATRE_FILES", "read_factions_toml", "read_places_toml", "read_roads_csv",
                "theatre_head"),
    "exports": ("default_faction", "export", "export_chunks", "export_csv", "export_geojson", "export_graphml",
                "export_tables", "format_of"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = ["CONTROL_TOML_KEYS", "EXPORT_FORMATS", "FACTION_PALETTE", "OSM_CREDIT",
           "OSM_HIGHWAY_CLASS", "PLACE_COLUMNS", "ROAD_COLUMNS", "SNAP_KM", "THEATRE_FILES",
           "UNKNOWN_COUNTRY", "HolderColumns", "HolderMap", "Loaded", "check_control",
           "default_faction", "export", "export_chunks", "export_csv", "export_geojson",
           "export_graphml", "export_tables", "faction_names", "format_of", "home_country_of",
           "read_control_csv", "read_control_toml", "read_csv", "read_factions_toml",
           "read_geojson", "read_graphml", "read_places_toml", "read_roads_csv", "slug",
           "theatre_head", "with_factions"]


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME_OF})
