"""Ingest: English news text -> cited control claims, what-ifs and scenario data.

A *claim* says that a faction holds, took, left or presses on a place, on a
date, with the sentence that supports it (its *evidence*) and a *confidence* in
[0, 1]. A small pipeline reads each document, one stage a module:

1. :mod:`~sim.ingest.documents`: front matter, header lines, the date;
2. :mod:`~sim.ingest.sentences`: paragraphs, headings, list items, sentences;
3. :mod:`~sim.ingest.mentions`: places through the theatre's name index, factions
   by their names in ``factions.toml``;
4. :mod:`~sim.ingest.clauses`: the clause reader: faction and place phrases,
   event phrases of the lexicon (``sim/data/ingest/lexicon.toml``), and for each
   event its actor, class, places, taker and modality;
5. :mod:`~sim.ingest.discourse`: the ledger that carries the actor, the place
   and the author from sentence to sentence;
6. :mod:`~sim.ingest.timing`: the date of each event, and old years;
7. :mod:`~sim.ingest.read`: one document's claims, what-ifs and the sentences
   it saw but could not read;
8. :mod:`~sim.ingest.resolve`: every document's claims, in date order, into control;
9. :mod:`~sim.ingest.writers`: the scenario a result makes.

Kinds of claim (what it does to control): ``captured``, ``held``,
``withdrawn`` (``faction`` is the side that now holds it), ``contested`` (the
holder is unchanged) and ``hypothetical`` (hedged or conditional: listed among
the what-ifs, never applied). Precision comes before recall: a claim below the
confidence threshold (:data:`DEFAULT_MIN_CONFIDENCE`) is listed but not applied.

This package is pure: it reads no file (see :func:`sim.io.read_document`).

>>> from sim.model import FactionInfo, Place, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     places=[Place("hama", "Hama", 35.1, 36.7), Place("homs", "Homs", 34.7, 36.7,
...                                                     aliases=("Hims",))],
...     roads=[], factions=[FactionInfo("gov", "Government", aliases=("the army",)),
...                         FactionInfo("reb", "Rebels", aliases=("rebels", "insurgents"))])
>>> r = ingest_text("Rebels captured Hama on Thursday. Insurgents could soon take Hims.",
...                 t, date="2024-12-06")
>>> [(c.place, c.faction, c.kind, c.date, c.applied) for c in r.claims]
[('hama', 'reb', 'captured', '2024-12-05', True), ('homs', 'reb', 'hypothetical', '2024-12-06', False)]
>>> dict(r.control), r.what_ifs[0].args
({'hama': 'reb'}, ('--fall', 'homs:reb'))
"""

from __future__ import annotations

from typing import Any

from .documents import parse_document
from .read import read_claims
from .resolve import ingest
from .sentences import sentences
from .timing import document_date
from .values import (DEFAULT_MIN_CONFIDENCE, EVENTS, HOLDER_KINDS, KINDS, MAX_DOCUMENT_BYTES,
                     SCHEMA, Change, Claim, Contradiction, Document, DocumentInfo, IngestResult,
                     Unread, WhatIf)
from .writers import scenario_data

__all__ = ["DEFAULT_MIN_CONFIDENCE", "EVENTS", "HOLDER_KINDS", "KINDS", "MAX_DOCUMENT_BYTES",
           "SCHEMA", "Change", "Claim", "Contradiction", "Document", "DocumentInfo",
           "IngestResult", "Unread", "WhatIf", "document_date", "ingest", "ingest_text",
           "parse_document", "read_claims", "scenario_data", "sentences"]


def ingest_text(text: str, theatre, *, name: str = "<text>", **kw: Any) -> IngestResult:
    """:func:`ingest` of one text given as a string (front matter allowed)."""
    return ingest([parse_document(text, name)], theatre, **kw)
