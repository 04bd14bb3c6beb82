"""Writers: the scenario TOML data an ingest result makes (a snapshot or a campaign)."""

from __future__ import annotations

from typing import Any, Sequence

from .values import DocumentInfo, IngestResult


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
        "source": [],
        "control": [],
    }
    for d in docs:
        src = {"id": d.source, "title": d.title or d.file, "date": d.date or ""}
        if d.outlet:
            src["outlet"] = d.outlet
        if d.url:
            src["url"] = d.url
        out["source"].append(src)
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
