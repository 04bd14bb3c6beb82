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
    what_ifs = [replace(w, source=infos[i].source) for i, dc in enumerate(read) for w in dc.what_ifs]
    unread = [replace(u, source=infos[i].source) for i, dc in enumerate(read) for u in dc.unread]
    changes: list[Change] = []

    # Claims in the order they apply: date, then "earlier" before the rest, then
    # document date order, then position in the text.
    doc_rank = sorted(range(len(read)), key=lambda i: (infos[i].date or "", i))
    pool: list[Claim] = []
    apply_key: list[tuple] = []
    show_key: list[tuple] = []
    for pos, i in enumerate(doc_rank):
        for c in per_doc[i]:
            rank = c.order[2] if len(c.order) > 2 else 1
            apply_key.append((c.date or "", rank, pos, c.order))
            show_key.append((pos, c.span[0], c.order, c.place, c.kind))
            pool.append(c)

    holder: dict[str, str | None] = {}
    status: dict[str, str] = {}
    if base is not None:
        for pid, h in base.holdings.items():
            holder[pid], status[pid] = h.faction, h.status
    # place -> claims behind its current state: those that give it its holder (all of
    # that holder), then those that contest it in its latest date.
    support_held: dict[str, list[int]] = {}
    support_contest: dict[str, list[int]] = {}
    touched: set[str] = set()
    doc_contested: dict[str, bool] = {}
    applied: set[int] = set()
    why_not: dict[int, str] = {}
    contradictions: list[Contradiction] = []

    groups: dict[tuple, list[int]] = {}
    for uid in sorted(range(len(pool)), key=lambda u: apply_key[u]):
        groups.setdefault(apply_key[uid][:2], []).append(uid)
    for gkey in sorted(groups):
        by_place: dict[str, list[int]] = {}
        for uid in groups[gkey]:
            c = pool[uid]
            if c.kind == "hypothetical":
                continue
            if c.confidence < min_confidence:
                why_not[uid] = f"below the confidence threshold {min_confidence:.2f}"
            elif c.kind in HOLDER_KINDS and not c.faction:
                why_not[uid] = "no faction to give the place to"
            else:
                by_place.setdefault(c.place, []).append(uid)
        for place in sorted(by_place):
            uids = by_place[place]
            hs = [u for u in uids if pool[u].kind in HOLDER_KINDS]
            contests = [u for u in uids if pool[u].kind == "contested"]
            old = holder.get(place)
            if hs:
                # The most confident; of equals, the last.
                best = max(enumerate(hs), key=lambda t: (pool[t[1]].confidence, t[0]))[1]
                new = pool[best].faction
                if len({pool[u].faction for u in hs}) > 1:
                    contradictions.append(Contradiction(
                        place, gkey[0] or None, tuple(pool[u] for u in hs), pool[best]))
                agree = [u for u in hs if pool[u].faction == new]
                for u in hs:
                    if pool[u].faction != new:
                        why_not[u] = (f"outweighed by a more confident claim of the same "
                                      f"date ({new}, {pool[best].confidence:.2f})")
                flipped = any(pool[u].kind in ("captured", "withdrawn") for u in agree)
                live = [u for u in contests if pool[u].faction != new
                        and not (flipped and pool[u].faction is None)]
                for u in contests:
                    if not (pool[u].faction != new and not (flipped and pool[u].faction is None)):
                        why_not[u] = ("superseded by a capture of the same date" if flipped
                                      else "the side pressing on it already holds it")
                old_status = status.get(place)
                holder[place] = new
                if live:
                    status[place], doc_contested[place] = "contested", True
                elif flipped or new != old or place not in status:
                    status[place], doc_contested[place] = "held", False
                if new != old or status.get(place) != old_status:
                    changes.append(Change(gkey[0] or None, place, old, new, status[place],
                                          pool[best], old_status))
                # The claims that gave the place its holder still count if it keeps it.
                held = support_held.get(place) if new == old and not flipped else None
                if held is None:
                    support_held[place] = held = []
                held.extend(agree)
                support_contest[place] = live
                applied.update(agree + live)
            else:
                live = [u for u in contests if pool[u].faction is None or pool[u].faction != old]
                for u in contests:
                    if not (pool[u].faction is None or pool[u].faction != old):
                        why_not[u] = "the side pressing on it already holds it"
                if not live:
                    continue
                holder.setdefault(place, None)
                if status.get(place) != "contested":
                    changes.append(Change(gkey[0] or None, place, holder[place], holder[place],
                                          "contested", pool[live[0]], status.get(place)))
                status[place], doc_contested[place] = "contested", True
                support_held.setdefault(place, [])
                support_contest[place] = live
                applied.update(live)
            touched.add(place)

    support = {p: support_held[p] + support_contest[p] for p in support_held}
    final = {u: replace(pool[u], applied=u in applied,
                        notes=pool[u].notes + ((why_not[u],) if u in why_not else ()))
             for u in range(len(pool))}
    claims = tuple(final[u] for u in sorted(final, key=lambda u: show_key[u]))
    control = {p: holder[p] for p in sorted(touched)
               if holder.get(p) and any(pool[u].kind in HOLDER_KINDS for u in support[p])}
    contested = tuple(sorted(p for p in touched if doc_contested.get(p)
                             and status.get(p) == "contested"))
    holdings: dict[str, Holding] = {}
    evidence: dict[str, tuple[Claim, ...]] = {}
    for place in sorted(touched):
        fid = holder.get(place)
        if not fid:
            continue
        used = tuple(final[u] for u in support[place])
        lead = next((c for c in used if c.kind in HOLDER_KINDS), used[0])
        holdings[place] = Holding(fid, status[place], lead.source,
                                  _fact(theatre, place, fid, status[place], used),
                                  lead.date or "")
        evidence[place] = used
    return IngestResult(theatre.id, tuple(infos), claims, MappingProxyType(control), contested,
                        MappingProxyType(holdings), MappingProxyType(evidence), tuple(what_ifs),
                        tuple(contradictions), min_confidence, base_id, tuple(unread),
                        tuple(changes))


def _fact(theatre: Theatre, place: str, faction: str, status: str,
          claims: Sequence[Claim]) -> str:
    name = theatre.places[place].name if place in theatre.places else place
    info = theatre.factions.get(faction)
    who = info.label if info else faction
    kinds = sorted({c.kind for c in claims})
    tail = ", contested" if status == "contested" else ""
    return (f"{name}: held by the {who}{tail} (sim ingest, from claims: "
            f"{', '.join(kinds) or 'none'})")


def _fact(theatre: Theatre, place: str, faction: str, status: str,
          claims: Sequence[Claim]) -> str:
    name = theatre.places[place].name if place in theatre.places else place
    info = theatre.factions.get(faction)
    who = info.label if info else faction
    kinds = sorted({c.kind for c in claims})
    tail = ", contested" if status == "contested" else ""
    return (f"{name}: held by the {who}{tail} (sim ingest, from claims: "
            f"{', '.join(kinds) or 'none'})")
