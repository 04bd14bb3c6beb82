"""What the clause reader finds in a sentence, before the document's checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Match
from .mentions import Tok


@dataclass
class Raw:
    """A claim as the reader finds it, before dating and the document's checks."""

    place: str
    faction: str | None
    kind: str
    event: str
    confidence: float
    rule: str
    pos: int
    end: int
    actor: str | None = None
    notes: list[str] = field(default_factory=list)
    recipient_named: bool = False
    hedged: bool = False
    scope: str = "place"
    skip: list[tuple[int, int]] = field(default_factory=list)
    perfect: bool = False
    loser: str | None = None
    clause_start: int = 0
    date_hi: int = 0


@dataclass
class Dropped:
    """A predicate the reader found but did not turn into a claim, and why."""

    reason: str
    places: tuple[str, ...]


@dataclass
class Pred:
    m: Match
    start: int          # token index
    end: int
    subject: Tok | None = None
    clause: int = 0     # token index where its clause starts
    boundary: str = ""  # the word that starts the clause
    bidx: int = -1      # its token index
    skip: list[tuple[int, int]] = field(default_factory=list)   # appositives passed over


@dataclass
class Args:
    """A predicate's arguments: its voice, places, actor, taker (``recipient``), loser,
    the token after them (``end``) and the character ranges its dating skips."""

    voice: str
    places: list[Tok] = field(default_factory=list)
    actor: Tok | None = None
    recipient: Tok | None = None
    loser: Tok | None = None
    skip: list[tuple[int, int]] = field(default_factory=list)
    end: int = 0
