"""Writers: the scenario TOML data an ingest result makes (a snapshot or a campaign)."""

from __future__ import annotations

from typing import Any, Sequence

from .values import Contradiction, DocumentInfo, IngestResult


def scenario_data(result: IngestResult, *, id: str, title: str, date: str, theatre: str,
                  extends: str, documents: Sequence[DocumentInfo] | None = None) -> dict:
    """Scenario TOML data that extends a base with the established holdings.

    Each ``[[control]]`` entry names one place, cites its document as the
    source, and carries the supporting sentences (``evidence``) and the
    confidence of the claims behind it.
    """
    docs = documents if documents is not None else result.documents
    out: dict[str, Any] = {
        "scenario": {"id": id, "title": title, "date": date, "theatre": theatre,
                     "extends": extends,
                     "description": "Derived by `sim ingest` from " +
                                    ", ".join(d.file for d in docs) + "."},
        "source": _sources(docs),
        "control": [],
    }
    for place, h in result.holdings.items():
        used = result.evidence.get(place, ())
        entry: dict[str, Any] = {"faction": h.faction, "places": [place], "status": h.status,
                                 "source": h.source, "fact": h.fact}
        if h.date:
            entry["date"] = h.date
        entry["evidence"] = list(dict.fromkeys(c.evidence for c in used))
        entry["confidence"] = max((c.confidence for c in used), default=0.0)
        out["control"].append(entry)
    return out


def _sources(docs: Sequence[DocumentInfo]) -> list[dict[str, str]]:
    """One ``[[source]]`` per document: its id, title (or file name), date, outlet, url."""
    out = []
    for d in docs:
        src = {"id": d.source, "title": d.title or d.file, "date": d.date or ""}
        if d.outlet:
            src["outlet"] = d.outlet
        if d.url:
            src["url"] = d.url
        out.append(src)
    return out


def campaign_data(result: IngestResult, *, id: str, title: str, theatre: str, extends: str,
                  documents: Sequence[DocumentInfo] | None = None) -> dict:
    """Campaign scenario TOML data: the base it extends, and one ``[[event]]`` per change
    of hands the result records, in the order they apply (date order).

    Each event gives the date, the place, the faction holding it after (for a contested
    place, the holder it keeps), its status (held or contested), the holder before
    (``from``), the document that reports it (``source``), the sentence (``evidence``)
    and the claim's confidence. A contested place nobody holds gives no event. Each
    same-date disagreement is a ``[[contradiction]]``: the factions, the winner, the
    sources. The scenario's date is the last event's (or the last document's).
    """
    docs = documents if documents is not None else result.documents
    dated = {d.source: d.date for d in docs}
    events = []
    for change in result.changes:
        when = change.date or dated.get(change.claim.source)
        if change.after is None or not when:
            continue
        event: dict[str, Any] = {"date": when, "place": change.place, "faction": change.after,
                                 "status": change.status}
        if change.before is not None:
            event["from"] = change.before
        event.update(source=change.claim.source, evidence=change.claim.evidence,
                     confidence=change.claim.confidence)
        events.append(event)
    last = max((e["date"] for e in events),
               default=max((d.date for d in docs if d.date), default=""))
    files = ", ".join(d.file.replace("\\", "/").rsplit("/", 1)[-1] for d in docs)
    out: dict[str, Any] = {
        "scenario": {"id": id, "title": title, "date": last, "theatre": theatre,
                     "extends": extends,
                     "description": f"A campaign read by `sim ingest --campaign` from "
                                    f"{len(docs)} document(s), in date order: {files}. Each "
                                    f"event is a change of hands one of them reports."},
        "source": _sources(docs),
    }
    for key, entries in (("event", events),
                         ("contradiction", [_contradiction(x) for x in result.contradictions])):
        if entries:
            out[key] = entries
    return out


def _contradiction(x: Contradiction) -> dict[str, Any]:
    entry: dict[str, Any] = {"date": x.date} if x.date else {}
    entry.update(place=x.place,
                 factions=list(dict.fromkeys(c.faction for c in x.claims if c.faction)),
                 winner=x.winner.faction,
                 sources=list(dict.fromkeys(c.source for c in x.claims)))
    if entry["winner"] is None:
        del entry["winner"]
    return entry
