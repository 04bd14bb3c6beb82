"""The rows of a CSV text with their line numbers, every bad row noted as a problem.

The CSV theatre and control readers (:mod:`sim.formats.csv`, :mod:`sim.formats.control`,
:mod:`sim.formats.theatre`) read their rows here and check each row's fields with
:mod:`sim.schema`, noting problems in its :class:`~sim.schema.Problems` collector.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection, Iterator
from io import StringIO
from typing import Any

from ..schema import Problems, closest, shown

__all__ = ["csv_rows"]


def csv_rows(source: str, name: str, need: tuple[str, ...], problems: Problems, *,
             where: Callable[[int], str] | None = None, known: Collection[str] | None = None
             ) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows of a CSV text (header first) with their line numbers.

    A header without the columns ``need`` names, a row with more fields than
    the header, and malformed CSV are noted as problems at ``where(line)``
    (``NAME:LINE`` unless given); such rows are skipped. Missing trailing
    fields read as None. Given the ``known`` columns, a header naming another (a
    typo: ``populaton``) is a problem, with the closest known names.

    >>> found = Problems()
    >>> list(csv_rows("a,b,km\\nx,y,3\\nx,y,3,4\\n", "roads.csv", ("a", "b", "km"), found))
    [(2, {'a': 'x', 'b': 'y', 'km': '3'})]
    >>> found.messages
    ['roads.csv:3: more fields than header columns']
    """
    label = where or (lambda line: f"{name}:{line}")
    reader = csv.DictReader(StringIO(source.lstrip("\ufeff"), newline=""))
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        problems.add(f"{exc}", at=label(1))
        return
    reader.fieldnames = header
    missing = [c for c in need if c not in header]
    if known is not None:
        for column in header:
            if column not in known:
                problems.add(f"unknown column {shown(column)}{closest(column, known)}",
                             at=label(1))
        dupes = sorted({c for c in header if header.count(c) > 1})
        if dupes:
            problems.add(f"column {', '.join(dupes)} named twice", at=label(1))
    if missing:
        problems.add(f"header must name columns {', '.join(need)} (missing {', '.join(missing)})",
                     at=label(1))
        return
    try:
        for row in reader:
            if None in row:
                problems.add("more fields than header columns", at=label(reader.line_num))
                continue
            yield reader.line_num, row
    except csv.Error as exc:
        problems.add(f"{exc}", at=label(reader.line_num))
