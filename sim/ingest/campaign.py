"""Campaigns: the order a folder of reports is read in, and their dates before reading.

A campaign (``sim ingest --campaign``) reads its documents in date order on a
base scenario dated before the first of them; both need each document's date
before its claims are read. :func:`document_day` gives it as the reader
(:func:`~sim.ingest.read.read_claims`) will take it. The campaign's scenario
data is written by :func:`sim.ingest.writers.campaign_data`.

>>> from sim.ingest.documents import parse_document
>>> docs = [parse_document("Date: 2024-12-05\\n\\nInsurgents seized Hama.", "b.txt"),
...         parse_document("ALEPPO, Nov. 30, 2024 - Rebels captured Aleppo.", "a.txt")]
>>> [d.name for d in in_date_order(docs)]
['a.txt', 'b.txt']
"""

from __future__ import annotations

from typing import Sequence

from .timing import document_date
from .values import Document


def document_day(doc: Document, *, date: str | None = None,
                 after: str | None = None) -> str | None:
    """The date of ``doc``: ``date`` if given (``--date``), else its front matter's or its
    ``Date:`` line's, else the first full date of its opening lines; a dateline without a
    year is read only with ``after`` (the base scenario's date). None if it has none."""
    if date:
        return date
    for key in ("date", "date_line"):
        if doc.meta.get(key):
            return doc.meta[key]
    head = doc.text[doc.head_start:]
    return document_date(head) or (document_date(head, after=after) if after else None)


def in_date_order(docs: Sequence[Document], *, date: str | None = None,
                  after: str | None = None) -> list[Document]:
    """``docs`` sorted by :func:`document_day` (stable: of one date, in the order given;
    undated ones last)."""
    days = [document_day(d, date=date, after=after) for d in docs]
    order = sorted(range(len(docs)), key=lambda i: (days[i] is None, days[i] or "", i))
    return [docs[i] for i in order]
