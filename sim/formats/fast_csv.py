"""The fast reader of CSV theatres: ``places.csv`` and ``roads.csv`` read as columns.

The text is cut into batches of lines, and each batch into columns: by splitting
at commas where no field is quoted (every line then has as many commas as the
header), else by :mod:`csv`, as the checking reader reads it. The columns are
checked by :mod:`sim.formats.fast`; whatever it leaves alone (a problem, a line
with more fields than the header, an unknown column) sends the files to the
checking reader, :func:`sim.formats.csv.read_csv` with ``fast=False``.

>>> loaded = read_csv_fast("id,lat,lon\\na,0,0\\nb,0,1\\n", "a,b,km\\nb,a,111.2\\n",
...                        home_country="XA")
>>> loaded.theatre.road("a", "b"), loaded.theatre.columnar
(Road(a='b', b='a', km=111.2, road_class='primary', ref='', sourced=False, note=''), True)
>>> read_csv_fast("id,lat,lon\\na,0,0\\na,0,1\\n", "a,b,km\\n") is None   # a duplicate id
True
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterator, Sequence
from io import StringIO
from itertools import islice
from operator import methodcaller

from .common import ROAD_COLUMNS, Loaded
from .csv import PLACE_CSV_COLUMNS
from .fast import Places, Roads, Unusual, assemble, need, quiet_gc

#: About how many characters of a file make one batch of lines.
BATCH_CHARS = 1 << 20
#: How many rows of a file with quoted fields make one batch.
BATCH_ROWS = 20_000
#: The fields of a place and of a road record that the readers use.
PLACE_FIELDS = ("id", "name", "lat", "lon", "kind", "country", "governorate", "population",
                "aliases", "coord_source", "holder", "status")
ROAD_FIELDS = ("a", "b", "km", "class", "ref", "km_basis", "note")

Batch = tuple[dict[str, Sequence[str]], int]
_commas = methodcaller("count", ",")


def read_csv_fast(places_text: str, roads_text: str, *, places_file: str = "places.csv",
                  roads_file: str = "roads.csv", folder: str = "", stem: str = "theatre",
                  home_country: str | None = None) -> Loaded | None:
    """The theatre :func:`~sim.formats.csv.read_csv` reads from the same texts, kept as
    columns; None if the files hold anything the fast path leaves to the checking
    reader (every bad file among them)."""
    del roads_file  # named only in the checking reader's problems
    try:
        with quiet_gc():
            places = Places("town")
            for cols, n in batches(places_text, ("id", "lat", "lon"), PLACE_CSV_COLUMNS,
                                   PLACE_FIELDS):
                places.add(cols, n)
            done = places.finish(home_country)
            roads = Roads(done)
            for cols, m in batches(roads_text, ("a", "b", "km"), ROAD_COLUMNS, ROAD_FIELDS):
                roads.add(cols, m)
            return assemble(done, roads.finish(), file=folder or places_file, stem=stem,
                            meta={})
    except Unusual:
        return None


def batches(text: str, required: Sequence[str], known: Collection[str],
            fields: Sequence[str]) -> Iterator[Batch]:
    """The rows of a CSV text (header first) as batches of columns: field -> values,
    for the ``fields`` the header names, and the number of rows. A header without the
    ``required`` columns, naming one not ``known`` or one twice, a row with more fields
    than the header, and malformed CSV are :class:`Unusual`. Blank lines are skipped;
    missing trailing fields read as empty, as the checking reader reads them.

    >>> [({k: list(v) for k, v in cols.items()}, n)
    ...  for cols, n in batches("a,b\\nx,1\\n\\ny\\n", ("a",), "ab", "ab")]
    [({'a': ['x', 'y'], 'b': ['1', '']}, 2)]
    """
    text = text.lstrip("\ufeff")
    need("\x00" not in text)
    if '"' in text or "\r" in text:
        yield from _quoted(text, required, known, fields)
        return
    end = text.find("\n")
    columns = _header(text[:end] if end >= 0 else text, required, known)
    k, wanted = len(columns), [(f, columns.index(f)) for f in fields if f in columns]
    limit, pos = csv.field_size_limit(), len(text) if end < 0 else end + 1
    last = len(text) - text.endswith("\n")  # the text's last line break ends no row
    while pos < last:
        stop = text.find("\n", pos + BATCH_CHARS, last)
        stop = last if stop < 0 else stop
        chunk = text[pos:stop]
        pos = stop + 1
        lines = chunk.split("\n")
        if "" in lines:
            lines = [line for line in lines if line]
        if not lines:
            continue
        need(max(map(len, lines)) <= limit)  # a longer field is an error of the csv module
        if set(map(_commas, lines)) == {k - 1}:
            flat = (chunk if len(lines) == chunk.count("\n") + 1 else "\n".join(lines)
                    ).replace("\n", ",").split(",")
            yield {f: flat[j::k] for f, j in wanted}, len(lines)
        else:
            yield _columns([line.split(",") for line in lines], k, wanted)


def _quoted(text: str, required: Sequence[str], known: Collection[str],
            fields: Sequence[str]) -> Iterator[Batch]:
    """:func:`batches` of a text with quoted fields, read by the csv module."""
    reader = csv.reader(StringIO(text, newline=""))
    try:
        head = next(reader, None)
        need(head is not None)
        columns = _header(head, required, known)  # type: ignore[arg-type]
        k, wanted = len(columns), [(f, columns.index(f)) for f in fields if f in columns]
        while True:
            rows = list(islice(reader, BATCH_ROWS))
            if not rows:
                return
            rows = [row for row in rows if row]
            if rows:
                yield _columns(rows, k, wanted)
    except csv.Error:
        raise Unusual from None


def _header(head: str | list[str], required: Sequence[str], known: Collection[str]) -> list[str]:
    names = [h.strip() for h in (head.split(",") if isinstance(head, str) else head)]
    need(all(c in names for c in required) and all(c in known for c in names))
    need(len(set(names)) == len(names))
    return names


def _columns(rows: list[list[str]], k: int, wanted: list[tuple[str, int]]) -> Batch:
    """Rows as columns; a short row's missing fields read as empty."""
    need(max(map(len, rows)) <= k)
    if min(map(len, rows)) < k:
        rows = [row + [""] * (k - len(row)) for row in rows]
    cols = list(zip(*rows))
    return {f: cols[j] for f, j in wanted}, len(rows)
