"""The resolver: claims of many documents, in date order, into control.

A later date overrides an earlier one ("earlier" events of a document come
before the rest of that date); among claims of one date the more confident
wins and a disagreement is reported as a :class:`~sim.ingest.values.Contradiction`.
Every change of hands is recorded (:class:`~sim.ingest.values.Change`) for the
campaign writer.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from types import MappingProxyType
from typing import Mapping, Sequence

from ..control import Control, Holding
from ..errors import InputError
from ..model import Theatre
from .read import read_claims
from .values import (DEFAULT_MIN_CONFIDENCE, HOLDER_KINDS, Change, Claim, Contradiction,
                     Document, DocumentInfo, IngestResult)


def ingest(documents: Sequence[Document], theatre: Theatre, *, base: Control | None = None,
           base_id: str | None = None, adversaries: Mapping[str, str | None] | None = None,
           date: str | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
           base_date: str | None = None) -> IngestResult:
    """Read the documents and apply their claims in date order.

    A later date overrides an earlier one ("earlier" events of a document come
    before the rest of that date); among claims of one date the more confident
    wins and a disagreement is reported as a :class:`Contradiction`. ``base``
    gives the holders that contested places keep; ``adversaries`` (faction ->
    its adversary, from the base scenario) names who gains a place its holder
    left when the text does not say.
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise InputError(f"the minimum confidence must be between 0 and 1, got {min_confidence}",
                         key="min_confidence")
    if date is not None:
        try:
            date = _dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise InputError(f"a date is YYYY-MM-DD, got {date!r}", key="date") from None
    if not documents:
        raise InputError("name at least one document")
    read = [read_claims(d, theatre, index=i, date=date, adversaries=adversaries,
                        base_date=base_date) for i, d in enumerate(documents)]
    infos, per_doc = _sources(read)
    r = _Resolver(theatre, base, min_confidence)
    r.pool_claims(infos, per_doc)
    r.run()
    what_ifs = [replace(w, source=infos[i].source) for i, dc in enumerate(read) for w in dc.what_ifs]
    unread = [replace(u, source=infos[i].source) for i, dc in enumerate(read) for u in dc.unread]
    return r.result(tuple(infos), tuple(what_ifs), base_id, tuple(unread))


def _sources(read) -> tuple[list[DocumentInfo], list[list[Claim]]]:
    """Each document's info and claims, with source ids made unique."""
    seen: dict[str, int] = {}
    infos: list[DocumentInfo] = []
    per_doc: list[list[Claim]] = []
    for dc in read:
        sid = dc.info.source
        seen[sid] = seen.get(sid, 0) + 1
        if seen[sid] > 1:
            sid = f"{sid}-{seen[sid]}"
        infos.append(replace(dc.info, source=sid))
        per_doc.append([replace(c, source=sid) for c in dc.claims])
    return infos, per_doc


class _Resolver:
    """The state of control as the claims apply, one date after another."""

    def __init__(self, theatre: Theatre, base: Control | None, min_confidence: float) -> None:
        self.theatre, self.min_confidence = theatre, min_confidence
        self.holder: dict[str, str | None] = {}
        self.status: dict[str, str] = {}
        if base is not None:
            for pid, h in base.holdings.items():
                self.holder[pid], self.status[pid] = h.faction, h.status
        # place -> claims behind its current state: those that give it its holder (all of
        # that holder), then those that contest it in its latest date.
        self.support_held: dict[str, list[int]] = {}
        self.support_contest: dict[str, list[int]] = {}
        self.touched: set[str] = set()
        self.doc_contested: dict[str, bool] = {}
        self.applied: set[int] = set()
        self.why_not: dict[int, str] = {}
        self.contradictions: list[Contradiction] = []
        self.changes: list[tuple[int, Change]] = []    # (the claim that made it, change)
        self.pool: list[Claim] = []
        self.apply_key: list[tuple] = []
        self.show_key: list[tuple] = []

    def pool_claims(self, infos: list[DocumentInfo], per_doc: list[list[Claim]]) -> None:
        """Claims in the order they apply: date, then "earlier" before the rest, then
        document date order, then position in the text."""
        doc_rank = sorted(range(len(infos)), key=lambda i: (infos[i].date or "", i))
        for pos, i in enumerate(doc_rank):
            for c in per_doc[i]:
                rank = c.order[2] if len(c.order) > 2 else 1
                self.apply_key.append((c.date or "", rank, pos, c.order))
                self.show_key.append((pos, c.span[0], c.order, c.place, c.kind))
                self.pool.append(c)

    def run(self) -> None:
        groups: dict[tuple, list[int]] = {}
        for uid in sorted(range(len(self.pool)), key=lambda u: self.apply_key[u]):
            groups.setdefault(self.apply_key[uid][:2], []).append(uid)
        for gkey in sorted(groups):
            by_place: dict[str, list[int]] = {}
            for uid in groups[gkey]:
                c = self.pool[uid]
                if c.kind == "hypothetical":
                    continue
                if c.confidence < self.min_confidence:
                    self.why_not[uid] = f"below the confidence threshold {self.min_confidence:.2f}"
                elif c.kind in HOLDER_KINDS and not c.faction:
                    self.why_not[uid] = "no faction to give the place to"
                else:
                    by_place.setdefault(c.place, []).append(uid)
            for place in sorted(by_place):
                uids = by_place[place]
                hs = [u for u in uids if self.pool[u].kind in HOLDER_KINDS]
                contests = [u for u in uids if self.pool[u].kind == "contested"]
                if hs:
                    self._hold(place, gkey[0] or None, hs, contests)
                elif not self._contest(place, gkey[0] or None, contests):
                    continue
                self.touched.add(place)

    def _hold(self, place: str, date: str | None, hs: list[int], contests: list[int]) -> None:
        """Claims that give ``place`` a holder on one date, and those that contest it."""
        pool, old = self.pool, self.holder.get(place)
        # The most confident; of equals, the last.
        best = max(enumerate(hs), key=lambda t: (pool[t[1]].confidence, t[0]))[1]
        new = pool[best].faction
        if len({pool[u].faction for u in hs}) > 1:
            self.contradictions.append(Contradiction(place, date, tuple(pool[u] for u in hs),
                                                     pool[best]))
        agree = [u for u in hs if pool[u].faction == new]
        for u in hs:
            if pool[u].faction != new:
                self.why_not[u] = (f"outweighed by a more confident claim of the same date "
                                   f"({new}, {pool[best].confidence:.2f})")
        flipped = any(pool[u].kind in ("captured", "withdrawn") for u in agree)

        def presses(u: int) -> bool:
            return pool[u].faction != new and not (flipped and pool[u].faction is None)
        live = [u for u in contests if presses(u)]
        for u in contests:
            if not presses(u):
                self.why_not[u] = ("superseded by a capture of the same date" if flipped
                                   else "the side pressing on it already holds it")
        old_status = self.status.get(place)
        self.holder[place] = new
        if live:
            self.status[place], self.doc_contested[place] = "contested", True
        elif flipped or new != old or place not in self.status:
            self.status[place], self.doc_contested[place] = "held", False
        if new != old or self.status.get(place) != old_status:
            self.changes.append((best, Change(date, place, old, new, self.status[place],
                                              pool[best], old_status)))
        # The claims that gave the place its holder still count if it keeps it.
        held = self.support_held.get(place) if new == old and not flipped else None
        if held is None:
            self.support_held[place] = held = []
        held.extend(agree)
        self.support_contest[place] = live
        self.applied.update(agree + live)

    def _contest(self, place: str, date: str | None, contests: list[int]) -> bool:
        """Claims that only contest ``place`` on one date; whether any applies."""
        old = self.holder.get(place)
        live = [u for u in contests if self.pool[u].faction is None
                or self.pool[u].faction != old]
        for u in contests:
            if u not in live:
                self.why_not[u] = "the side pressing on it already holds it"
        if not live:
            return False
        self.holder.setdefault(place, None)
        if self.status.get(place) != "contested":
            self.changes.append((live[0], Change(date, place, self.holder[place],
                                                 self.holder[place], "contested",
                                                 self.pool[live[0]], self.status.get(place))))
        self.status[place], self.doc_contested[place] = "contested", True
        self.support_held.setdefault(place, [])
        self.support_contest[place] = live
        self.applied.update(live)
        return True

    def result(self, infos, what_ifs, base_id, unread) -> IngestResult:
        pool, status, holder = self.pool, self.status, self.holder
        support = {p: self.support_held[p] + self.support_contest[p] for p in self.support_held}
        final = {u: replace(pool[u], applied=u in self.applied,
                            notes=pool[u].notes + ((self.why_not[u],) if u in self.why_not
                                                   else ()))
                 for u in range(len(pool))}
        claims = tuple(final[u] for u in sorted(final, key=lambda u: self.show_key[u]))
        touched = sorted(self.touched)
        control = {p: holder[p] for p in touched
                   if holder.get(p) and any(pool[u].kind in HOLDER_KINDS for u in support[p])}
        contested = tuple(p for p in touched if self.doc_contested.get(p)
                          and status.get(p) == "contested")
        holdings: dict[str, Holding] = {}
        evidence: dict[str, tuple[Claim, ...]] = {}
        for place in touched:
            fid = holder.get(place)
            if not fid:
                continue
            used = tuple(final[u] for u in support[place])
            lead = next((c for c in used if c.kind in HOLDER_KINDS), used[0])
            holdings[place] = Holding(fid, status[place], lead.source,
                                      _fact(self.theatre, place, fid, status[place], used),
                                      lead.date or "")
            evidence[place] = used
        changes = tuple(replace(ch, claim=final[uid]) for uid, ch in self.changes)
        return IngestResult(self.theatre.id, infos, claims, MappingProxyType(control),
                            contested, MappingProxyType(holdings), MappingProxyType(evidence),
                            what_ifs, tuple(self.contradictions), self.min_confidence, base_id,
                            unread, changes)


def _fact(theatre: Theatre, place: str, faction: str, status: str,
          claims: Sequence[Claim]) -> str:
    name = theatre.places[place].name if place in theatre.places else place
    info = theatre.factions.get(faction)
    who = info.label if info else faction
    kinds = sorted({c.kind for c in claims})
    tail = ", contested" if status == "contested" else ""
    return (f"{name}: held by the {who}{tail} (sim ingest, from claims: "
            f"{', '.join(kinds) or 'none'})")
