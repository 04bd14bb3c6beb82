"""Reading one document: its sentences, in order, through the clause reader.

For each sentence the reader (:mod:`~sim.ingest.clauses`) gives claims; this
module dates them (:mod:`~sim.ingest.timing`), applies the document-wide
checks (unconfirmed or quoted claims, denials that reach back a sentence, the
taker of a place its holder left, province claims the text contradicts), turns
hedged events into what-ifs, and lists every sentence that names a place but
gave no claim ("seen, not read").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Mapping

from ..errors import InputError
from ..model import Theatre
from .clauses import read_sentence, sentence_places
from .events import Dropped, Raw
from .discourse import Ledger
from .documents import check_language, source_id
from .lexicon import lexicon
from .mentions import mentions, names
from .sentences import plain, sentences
from .timing import DateMark, date_marks, document_date
from .values import DEFAULT_MIN_CONFIDENCE, Claim, Document, DocumentInfo, Unread, WhatIf

_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.I)
_CONSEQUENCE = ("sever", "cut", "isolat", "block", "separat", "trap", "split", "encircl")


@dataclass(frozen=True)
class DocClaims:
    info: DocumentInfo
    claims: tuple[Claim, ...]
    what_ifs: tuple[WhatIf, ...]
    unread: tuple[Unread, ...]


def _author(doc: Document, spans: list[tuple[int, int]], theatre: Theatre,
            caseless: bool) -> str | None:
    """The faction a first-person document speaks for: the first faction its heading or
    first sentence names."""
    body = doc.body
    unquoted = re.sub(r'"[^"\n]*"|“[^”\n]*”', "", body)
    if not _FIRST_PERSON.search(unquoted):
        return None
    nm = names(theatre)
    for s, e in spans[:2]:
        for kind, ident, _, _ in mentions(doc.text, s, e, nm, caseless):
            if kind == "F":
                return ident
    return None


def _date_of(raw: Raw, marks: list[DateMark], positions: list[int], doc_date: str | None,
             sentence: tuple[int, int]) -> tuple[str | None, str]:
    """The date of a claim: a mark after its verb in its clause, else one before it in the
    clause, else the nearest in the sentence; a historic year in the clause makes it
    old. ``marks`` are sorted by position; ``positions`` are theirs."""
    lo, hi = raw.pos, raw.date_hi or raw.end
    a, b = bisect_left(positions, raw.clause_start), bisect_left(positions, hi)
    clause = [d for d in marks[a:b] if not any(x <= d.pos < y for x, y in raw.skip)]
    for d in clause:
        if d.basis == "historic":
            if raw.event == "holding" and d.word == "since" and not raw.perfect:
                continue        # "under rebel control since 2015": held still
            return doc_date, "historic"
    after = [d for d in clause if d.pos >= lo and d.date]
    if after:
        return after[0].date, after[0].basis
    before = [d for d in clause if d.pos < lo and (d.date or d.basis == "earlier")]
    if before:
        d = before[-1]
        return (d.date or doc_date), d.basis
    if raw.perfect:
        return doc_date, "earlier"
    # The nearest dated mark outside the clause, on either side.
    near = [d for d in (marks[a - 1] if a > 0 else None, marks[b] if b < len(marks) else None)
            if d is not None and d.basis != "historic" and d.date]
    if near:
        best = min(near, key=lambda d: (min(abs(d.pos - lo), abs(d.pos - hi)), d.pos))
        return best.date, best.basis
    return doc_date, "document" if doc_date else "none"


def read_claims(doc: Document, theatre: Theatre, *, index: int = 0, date: str | None = None,
                adversaries: Mapping[str, str | None] | None = None,
                source: str | None = None, base_date: str | None = None) -> DocClaims:
    """Every claim, what-if and unread sentence of one document (none applied yet)."""
    check_language(doc)
    doc_date, basis = _document_date(doc, date, base_date)
    sid = source or source_id(doc, index)
    info = DocumentInfo(doc.name, sid, doc_date, basis, doc.meta.get("title", ""),
                        doc.meta.get("outlet", ""), doc.meta.get("url", ""))
    r = _DocReader(doc, theatre, sid, doc_date)
    for n, (s, e) in enumerate(r.spans):
        r.sentence(n, s, e)
    if not r.any_place:
        raise InputError(f"names no place of theatre {theatre.id!r}; nothing to ingest",
                         file=doc.name)
    kinds = {pid: p.kind for pid, p in theatre.places.items()}
    claims = _finish(r.pending, r.hypos, adversaries, doc, sid, doc_date, r.negated, kinds)
    return DocClaims(info, tuple(claims), tuple(r.what_ifs), tuple(r.unread))


def _document_date(doc: Document, date: str | None,
                   base_date: str | None) -> tuple[str | None, str]:
    """The date of a document and where it comes from: the option, the front matter, a
    ``Date:`` line, or the first full date of its opening lines."""
    if date:
        return date, "option"
    if doc.meta.get("date"):
        return doc.meta["date"], "front matter"
    if doc.meta.get("date_line"):
        return doc.meta["date_line"], "text"
    head = doc.text[doc.head_start:]
    found = document_date(head)
    if found is None and base_date:
        found = document_date(head, after=base_date)
        return found, "text, year from the base scenario" if found else "none"
    return found, "text" if found else "none"


class _DocReader:
    """One document read sentence by sentence, with its ledger."""

    def __init__(self, doc: Document, theatre: Theatre, sid: str, doc_date: str | None) -> None:
        body = doc.body
        self.doc, self.theatre, self.sid, self.doc_date = doc, theatre, sid, doc_date
        self.caseless = not any(c.isupper() and c.isalpha() for c in body) or \
            not any(c.islower() and c.isalpha() for c in body)
        self.spans = sentences(doc.text, doc.body_start)
        self.ledger = Ledger(author=_author(doc, self.spans, theatre, self.caseless))
        self.nm = names(theatre)
        self.lex = lexicon()
        self.pending: list[tuple[Raw, tuple[int, int], str, str | None, str, list[str]]] = []
        self.hypos: list[tuple[Raw, tuple[int, int], str]] = []
        self.what_ifs: list[WhatIf] = []
        self.unread: list[Unread] = []
        self.negated: set[str] = set()      # places of events the text says did not happen
        self.any_place = False
        self.prev_claims: list[int] = []    # indexes into pending of the last sentence

    def sentence(self, n: int, s: int, e: int) -> None:
        doc = self.doc
        self.ledger.sentence = n
        raws, reader = read_sentence(doc.text, s, e, self.theatre, self.ledger, self.doc_date,
                                     self.caseless)
        named = any(x.kind in ("P", "V") and x.ref != "anaphora" for x in reader.t)
        _carry(reader, self.ledger)
        if not named and not raws and not reader.hypo:
            return                  # read for its factions only: "they" may refer to them
        self.any_place = self.any_place or named
        evidence = " ".join(doc.text[s:e].split())
        self.negated.update(x for dr in reader.dropped if dr.reason == "negated"
                            for x in dr.places)
        if evidence.rstrip().endswith("?"):
            reader.dropped.append(Dropped("a question", ()))     # it asks; it does not tell
            raws, reader.hypo = [], []
        denial_at = getattr(reader, "denial_at", None)
        if denial_at is not None:
            raws = self._denials(reader, raws, denial_at, e)
        self.prev_claims = self._record(raws, s, e, evidence)
        if reader.hypo:
            self._what_if(reader, s, e, evidence)
        elif not raws:
            places = tuple(sentence_places(reader))
            if places:
                reasons = [dr.reason for dr in reader.dropped]
                reason = ("denied" if denial_at is not None else
                          reasons[0] if reasons else "no event the reader knows")
                self.unread.append(Unread(places, reason, evidence, (s, e), self.sid,
                                          doc.name))

    def _denials(self, reader, raws: list[Raw], denial_at: int, e: int) -> list[Raw]:
        """A denial drops what it denies (the claims after it, else before it in the
        sentence, else those of the sentence before), and its denier keeps the places."""
        denier = getattr(reader, "denier", None)
        after = [r for r in raws if r.pos > denial_at]
        denied = after or [r for r in raws if r.pos < denial_at]
        gone = {id(r) for r in denied}
        raws = [r for r in raws if id(r) not in gone]
        if not denied and self.prev_claims:
            denied = [self.pending[k][0] for k in self.prev_claims]
            for k in self.prev_claims:
                self.pending[k][0].notes.append(f"denied by {denier or 'a source'} in the "
                                                "next sentence")
                self.pending[k][0].confidence = min(self.pending[k][0].confidence, 0.4)
        hyp_after = [h for h in reader.hypo if h.pos > denial_at]
        reader.hypo = [h for h in reader.hypo if h.pos <= denial_at]
        conf = float(self.lex.events["denial"]["confidence"])
        for r in denied + hyp_after:
            keep = denier and (r.event in ("withdrawal", "loss") and r.actor == denier or
                               r.event in ("capture", "entry", "siege", "contest")
                               and r.actor != denier)
            if keep and r.scope == "place":
                raws.append(Raw(r.place, denier, "held", "denial", conf, "denial", denial_at,
                                denial_at + 1, actor=denier,
                                notes=["the holder denies the report of its loss"],
                                clause_start=denial_at, date_hi=e))
        return raws

    def _record(self, raws: list[Raw], s: int, e: int, evidence: str) -> list[int]:
        """Date the claims of a sentence and weigh its doubts; their indexes in pending."""
        low = plain(self.doc.text[s:e])
        marks = date_marks(low, self.doc_date, s)
        positions = [d.pos for d in marks]
        quotes = [s + m.start() for m in re.finditer('"', low)]
        unsure = self.lex.sets["unsure"]
        doubt = any(w in low for w in unsure if " " in w) or any(
            re.search(rf"\b{re.escape(w)}\b", low) for w in unsure if " " not in w)
        weak = re.search(r"\b(?:reportedly|purportedly|claimed|claims|claiming)\b", low)
        mine = []
        for r in raws:
            d, dbasis = _date_of(r, marks, positions, self.doc_date, (s, e))
            notes = list(r.notes)
            if doubt:
                r.confidence -= 0.4
                notes.append("unconfirmed")
            elif weak:
                r.confidence -= 0.1
                notes.append("attributed claim")
            if bisect_left(quotes, r.pos) % 2 == 1:
                r.confidence -= 0.1
                notes.append("quoted")
            self.pending.append((r, (s, e), evidence, d, dbasis, notes))
            mine.append(len(self.pending) - 1)
        return mine

    def _what_if(self, reader, s: int, e: int, evidence: str) -> None:
        for h in reader.hypo:
            self.hypos.append((h, (s, e), evidence))
        events = tuple(dict.fromkeys(
            ("contest" if h.kind == "contested" else "fall", h.place,
             None if h.kind in ("contested", "withdrawn") else h.faction)
            for h in reader.hypo))
        threatened = _threatened(reader, {h.place for h in reader.hypo})
        self.what_ifs.append(WhatIf(events, tuple(threatened), evidence, (s, e), self.sid,
                                    self.doc.name, self.doc_date))


def _carry(reader, ledger: Ledger) -> None:
    """What the ledger keeps from a sentence: its last actor named as a doer."""
    for tok in reader.t:
        if tok.kind == "F" and tok.id and not tok.oblique:
            ledger.saw_actor(tok.id)


def _threatened(reader, events: set[str]) -> list[str]:
    """The places a hypothetical sentence says an event would cut off or isolate."""
    t = reader.t
    out: list[str] = []
    for i, tok in enumerate(t):
        if tok.kind == "w" and tok.w.startswith(_CONSEQUENCE):
            for x in t[max(0, i - 5):]:
                if x.kind == "P" and x.id not in events and x.id not in out and \
                        x.flag in ("",) and x.ref != "anaphora":
                    out.append(x.id)
            break
    return out


def _finish(pending, hypos, adversaries, doc, sid, doc_date, negated,
            theatre_kinds) -> list[Claim]:
    # The side that gains a place another side left: named, taking or holding it in this
    # document, or the leaver's adversary.
    takers: dict[str, set[str]] = {}
    for r, _, _, _, dbasis, notes in pending:
        if r.kind in ("captured", "held") and r.faction and dbasis != "historic" and \
                r.confidence >= DEFAULT_MIN_CONFIDENCE:
            takers.setdefault(r.place, set()).add(r.faction)
    claims: list[Claim] = []
    for r, span, evidence, d, dbasis, notes in pending:
        if r.kind == "withdrawn" and not r.recipient_named:
            options = sorted(f for f in takers.get(r.place, ()) if f != r.actor)
            adversary = (adversaries or {}).get(r.actor) if r.actor else None
            if len(options) == 1:
                r.faction = options[0]
            elif adversary and adversary != r.actor:
                r.faction = adversary
                r.confidence = min(r.confidence - 0.3, 0.5)
                notes.append("the taker is only assumed: the leaver's adversary in the "
                             "base scenario")
            else:
                r.faction = None
                r.confidence = min(r.confidence, 0.4)
                notes.append("the text does not say who took it")
        if r.scope == "province" and (theatre_kinds.get(r.place) in ("airbase", "crossing") or
                                      _contradicted(r, pending, negated)):
            # A province claim covers its towns, not its bases and border posts, and
            # not a place the text says otherwise of.
            continue
        c = r.confidence
        if dbasis == "historic":
            c -= 0.5
            notes.append("describes an earlier year")
        rank = 0 if dbasis in ("earlier", "historic") else 1
        claims.append(Claim(r.place, r.faction, r.kind, d, round(max(0.0, min(1.0, c)), 2),
                            evidence, span, sid, doc.name, r.actor, r.rule, tuple(notes),
                            dbasis, order=(span[0], r.pos, rank), event=r.event,
                            scope=r.scope))
    for h, span, evidence in hypos:
        claims.append(Claim(h.place, h.faction if h.kind != "withdrawn" else None,
                            "hypothetical", doc_date, round(max(0.0, min(1.0, h.confidence)), 2),
                            evidence, span, sid, doc.name, h.actor, h.rule,
                            ("hedged or conditional: never applied",),
                            "document" if doc_date else "none", order=(span[0], h.pos, 1),
                            event=h.event, scope=h.scope))
    claims = _dedupe(claims)
    claims.sort(key=lambda c: (c.span[0], c.order, c.place, c.kind))
    return claims


def _contradicted(r: Raw, pending, negated: set[str]) -> bool:
    """Whether the document says of a province claim's place something else: another
    faction holds or takes it, or an event there did not happen."""
    if r.place in negated:
        return True
    return any(q.place == r.place and q.faction != r.faction and q.kind in ("captured", "held")
               and q.faction for q, *_ in pending)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per sentence, place, kind and faction: the most confident."""
    best: dict[tuple, Claim] = {}
    for c in claims:
        key = (c.span, c.place, c.kind, c.faction)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return list(best.values())
