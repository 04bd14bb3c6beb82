"""CSV theatres: ``places.csv`` and ``roads.csv``, as a spreadsheet keeps them.

``places.csv`` has the columns ``id,name,lat,lon,kind,country,population,aliases``
(aliases separated by ``;``; ``governorate``, ``holder`` and ``status`` optional),
``roads.csv`` the columns ``a,b,km,class,ref`` (``km_basis`` and ``note`` optional).

>>> loaded = read_csv("id,lat,lon\\na,0,0\\nb,0,1\\n", "a,b,km\\na,b,111.2\\n", home_country="XA")
>>> loaded.theatre.road("b", "a").km, loaded.theatre.places["a"].kind
(111.2, 'town')
"""

from __future__ import annotations

from .. import schema
from .common import PLACE_COLUMNS, ROAD_COLUMNS, Loaded, _Draft
from .rows import csv_rows

#: The columns a ``places.csv`` may have: an export's, and where the coordinates came from.
PLACE_CSV_COLUMNS = (*PLACE_COLUMNS, "coord_source")


def read_csv(places_text: str, roads_text: str, *, places_file: str = "places.csv",
             roads_file: str = "roads.csv", folder: str = "", stem: str = "theatre",
             home_country: str | None = None, fast: bool = True) -> Loaded:
    """A theatre from the text of ``places.csv`` and ``roads.csv``.

    Places need ``id``, ``lat`` and ``lon`` (``name`` defaults to the id, ``kind``
    to ``town``, ``country`` to the home country); roads need ``a``, ``b`` and a
    positive ``km``. ``class`` defaults to ``primary``. Problems name the file and
    line (``roads.csv:4``).

    The files are read by the fast reader (:mod:`sim.formats.fast_csv`, the theatre
    kept as columns) unless it leaves them to the checking reader, which makes each
    record a :class:`~sim.model.Place` or a :class:`~sim.model.Road` and reports every
    problem; ``fast=False`` reads them with the checking reader only. Both give the
    same theatre.
    """
    if fast:
        from .fast_csv import read_csv_fast

        loaded = read_csv_fast(places_text, roads_text, places_file=places_file,
                               roads_file=roads_file, folder=folder, stem=stem,
                               home_country=home_country)
        if loaded is not None:
            return loaded
    draft = _Draft()
    pname, rname = places_file.rsplit("/", 1)[-1], roads_file.rsplit("/", 1)[-1]
    for line, row in csv_rows(places_text, pname, ("id", "lat", "lon"), draft.problems,
                                     known=PLACE_CSV_COLUMNS):
        draft.add_place(row, f"{pname}:{line}", "town")
    for line, row in csv_rows(roads_text, rname, ("a", "b", "km"), draft.problems,
                                     known=ROAD_COLUMNS):
        draft.add_road(row, f"{rname}:{line}")
    return draft.theatre(file=folder or places_file, stem=stem, meta={},
                         home_country=home_country)
