"""The values ingest produces: documents, claims, what-ifs and the result.

Pure data with ``as_json`` methods; no reading, no logic beyond formatting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..control import Control, Holding

#: What a claim does to control.
KINDS = ("captured", "held", "contested", "withdrawn", "hypothetical")
#: The kinds that give a place a holder.
HOLDER_KINDS = ("captured", "held", "withdrawn")
#: The event classes the clause reader tells apart (``Claim.event``).
EVENTS = ("capture", "entry", "withdrawal", "handover", "holding", "loss", "siege", "contest",
          "denial", "freed")
DEFAULT_MIN_CONFIDENCE = 0.6
SCHEMA = "sim.ingest/1"
#: The most bytes one document may have (32 MiB, far above any news report or digest).
#: :func:`sim.io.read_document` reads at most one byte more and refuses a longer file, so
#: that a device such as ``/dev/zero``, a pipe that never ends or a huge file is refused
#: instead of read until memory runs out. Ingest takes time linear in the text.
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """One text to ingest, with the metadata of its front matter.

    ``head_start`` is where the text after the front matter begins (its first
    lines give the date), ``body_start`` where the text after the header lines
    (``SOURCE:``, ``STYLE:``, ``Date:``) begins; claim spans are offsets into the
    whole ``text``.
    """

    text: str
    name: str = "<text>"
    meta: Mapping[str, str] = field(default_factory=dict)
    body_start: int = 0
    head_start: int = 0

    @property
    def body(self) -> str:
        return self.text[self.body_start:]


@dataclass(frozen=True)
class Claim:
    """A control claim read from one sentence of one document."""

    place: str
    faction: str | None
    kind: str
    date: str | None
    confidence: float
    evidence: str
    span: tuple[int, int]
    source: str = ""
    file: str = ""
    actor: str | None = None
    rule: str = ""
    notes: tuple[str, ...] = ()
    date_basis: str = "document"
    applied: bool = False
    order: tuple = field(default=(), compare=False, repr=False)
    event: str = ""
    scope: str = "place"

    def as_json(self) -> dict[str, Any]:
        return {"place": self.place, "faction": self.faction, "kind": self.kind,
                "event": self.event, "scope": self.scope,
                "date": self.date, "date_basis": self.date_basis,
                "confidence": self.confidence, "applied": self.applied,
                "evidence": self.evidence, "span": list(self.span), "source": self.source,
                "file": self.file, "actor": self.actor, "rule": self.rule,
                "notes": list(self.notes)}


@dataclass(frozen=True)
class WhatIf:
    """A hypothetical event a document mentions, as ``sim what-if`` takes it.

    ``events`` are ``("fall", place, faction-or-None)`` or ``("contest", place,
    None)``; ``threatens`` the places the sentence says the event would cut
    off or isolate.
    """

    events: tuple[tuple[str, str, str | None], ...]
    threatens: tuple[str, ...]
    evidence: str
    span: tuple[int, int]
    source: str = ""
    file: str = ""
    date: str | None = None

    @property
    def args(self) -> tuple[str, ...]:
        """The ``sim what-if`` options for these events."""
        out: list[str] = []
        for kind, place, faction in self.events:
            if kind == "fall":
                out += ["--fall", f"{place}:{faction}" if faction else place]
            else:
                out += ["--contest", place]
        return tuple(out)

    def as_json(self, scenario: str | None = None) -> dict[str, Any]:
        events = [{"type": "fall", "place": p, "faction": f} if k == "fall"
                  else {"type": "contest", "place": p} for k, p, f in self.events]
        command = " ".join(["sim what-if", *([scenario] if scenario else []), *self.args])
        return {"events": events, "args": list(self.args), "command": command,
                "threatens": list(self.threatens), "evidence": self.evidence,
                "span": list(self.span), "source": self.source, "file": self.file,
                "date": self.date}


@dataclass(frozen=True)
class Contradiction:
    """Claims of one date that give one place to different factions."""

    place: str
    date: str | None
    claims: tuple[Claim, ...]
    winner: Claim

    def as_json(self) -> dict[str, Any]:
        return {"place": self.place, "date": self.date, "winner": self.winner.faction,
                "claims": [{"faction": c.faction, "kind": c.kind, "confidence": c.confidence,
                            "evidence": c.evidence, "source": c.source, "span": list(c.span)}
                           for c in self.claims]}


@dataclass(frozen=True)
class DocumentInfo:
    """What the ingest knows of one document: name, source id, metadata, date."""

    file: str
    source: str
    date: str | None
    date_basis: str
    title: str = ""
    outlet: str = ""
    url: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "source": self.source, "date": self.date,
                "date_basis": self.date_basis, "title": self.title, "outlet": self.outlet,
                "url": self.url}


@dataclass(frozen=True)
class Unread:
    """A sentence that names a place but gave no claim: "seen, not read".

    ``reason`` says why, as far as the reader knows ("no event the reader knows",
    "negated", "hedged or conditional", "denied", "the actor is unknown", ...).
    """

    places: tuple[str, ...]
    reason: str
    evidence: str
    span: tuple[int, int]
    source: str = ""
    file: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"places": list(self.places), "reason": self.reason, "evidence": self.evidence,
                "span": list(self.span), "source": self.source, "file": self.file}


@dataclass(frozen=True)
class Change:
    """One change of hands (or of status) the applied claims make, in date order."""

    date: str | None
    place: str
    before: str | None
    after: str | None
    status: str
    claim: Claim
    before_status: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"date": self.date, "place": self.place, "from": self.before,
                "to": self.after, "status": self.status, "from_status": self.before_status,
                "source": self.claim.source, "file": self.claim.file,
                "evidence": self.claim.evidence, "confidence": self.claim.confidence}


@dataclass(frozen=True)
class IngestResult:
    """Everything read from a set of documents, and the control they establish.

    ``control`` maps each place the applied claims decide to its holder;
    ``contested`` lists the places they leave contested; ``holdings`` carries
    each of those places' :class:`~sim.control.Holding` with its provenance;
    ``evidence`` the applied claims behind each of them.
    """

    theatre: str
    documents: tuple[DocumentInfo, ...]
    claims: tuple[Claim, ...]
    control: Mapping[str, str]
    contested: tuple[str, ...]
    holdings: Mapping[str, Holding]
    evidence: Mapping[str, tuple[Claim, ...]]
    what_ifs: tuple[WhatIf, ...]
    contradictions: tuple[Contradiction, ...]
    min_confidence: float
    base: str | None = None
    unread: tuple[Unread, ...] = ()
    changes: tuple[Change, ...] = ()

    def applied(self) -> list[Claim]:
        return [c for c in self.claims if c.applied]

    def control_over(self, base: Control) -> Control:
        """``base`` with the holdings the documents establish laid over it."""
        out = base
        for place, holding in self.holdings.items():
            out = out.with_holding(place, holding)
        return out
