"""Ingest reports: the review table and the ``sim.ingest/1`` JSON document.

What ``sim ingest`` prints, written from an
:class:`~sim.ingest.IngestResult`: every claim with its confidence, date and
the sentence that supports it, the control the documents establish, the
what-ifs they mention, the contradictions between them, and every sentence that
names a place but gave no claim ("seen, not read").
"""

from __future__ import annotations

from typing import Any

from ..ingest import SCHEMA, IngestResult


def to_json(result: IngestResult, scenario: str | None = None) -> dict[str, Any]:
    """The ``sim.ingest/1`` JSON document (see ``docs/ingest.md``)."""
    return {
        "schema": SCHEMA,
        "theatre": result.theatre,
        "base": result.base,
        "min_confidence": result.min_confidence,
        "documents": [d.as_json() for d in result.documents],
        "claims": [c.as_json() for c in result.claims],
        "control": dict(result.control),
        "contested": list(result.contested),
        "what_ifs": [w.as_json(scenario) for w in result.what_ifs],
        "contradictions": [c.as_json() for c in result.contradictions],
        "changes": [c.as_json() for c in result.changes],
        "unread": [u.as_json() for u in result.unread],
    }


def review_text(result: IngestResult, scenario: str | None = None) -> str:
    """The review table a person reads before trusting the claims."""
    docs = result.documents
    n_applied = sum(c.applied for c in result.claims)
    lines = [f"{len(docs)} document(s), {len(result.claims)} claim(s), {n_applied} applied "
             f"(confidence >= {result.min_confidence:.2f}; * = applied)", ""]
    for d in docs:
        when = f"{d.date} ({d.date_basis})" if d.date else "undated"
        lines.append(f"  {d.file}: source {d.source}, {when}")
    lines.append("")
    if result.claims:
        rows = [("", "place", "faction", "kind", "conf", "date", "evidence")]
        for c in result.claims:
            when = (c.date or "-") + {"earlier": " (earlier)", "historic": " (old)"}.get(
                c.date_basis, "")
            rows.append(("*" if c.applied else " ", c.place, c.faction or "?", c.kind,
                         f"{c.confidence:.2f}", when,
                         f"{c.evidence}  [{c.file} {c.span[0]}-{c.span[1]}]"))
        widths = [max(len(r[i]) for r in rows) for i in range(6)]
        for k, r in enumerate(rows):
            lines.append("  ".join(r[i].ljust(widths[i]) for i in range(6)) + "  " + r[6])
            if k:
                claim = result.claims[k - 1]
                extra = [n for n in claim.notes if n != "hedged or conditional: never applied"]
                if extra:
                    lines.append(" " * (sum(widths) + 12) + "note: " + "; ".join(extra))
    else:
        lines.append("No control claims found.")
    if result.unread:
        lines.append("")
        lines.append(f"Seen, not read ({len(result.unread)} sentence(s) that name a place but "
                     "gave no claim; check them):")
        for u in result.unread:
            lines.append(f"  {', '.join(u.places)}: {u.reason}  [{u.file} {u.span[0]}-"
                         f"{u.span[1]}]  {u.evidence}")
    lines.append("")
    lines.append("Control the documents establish:")
    if result.holdings:
        for place, h in result.holdings.items():
            lines.append(f"  {place}: {h.faction}" + (" (contested)" if h.status == "contested"
                                                      else ""))
    else:
        lines.append("  (none)")
    if result.what_ifs:
        lines.append("")
        lines.append("What-ifs (hypothetical, never applied):")
        for w in result.what_ifs:
            cmd = " ".join(["sim what-if", *([scenario] if scenario else []), *w.args])
            threat = f"  (threatens {', '.join(w.threatens)})" if w.threatens else ""
            lines.append(f"  {cmd}{threat}  [{w.file} {w.span[0]}-{w.span[1]}]")
    if result.contradictions:
        lines.append("")
        lines.append("Contradictions (the more confident claim won):")
        for x in result.contradictions:
            sides = ", ".join(f"{c.faction} {c.kind} {c.confidence:.2f}" for c in x.claims)
            lines.append(f"  {x.place} on {x.date or 'an unknown date'}: {sides} -> "
                         f"{x.winner.faction}")
    return "\n".join(lines) + "\n"


def campaign_summary(path: str, data: dict[str, Any], documents: int) -> dict[str, Any]:
    """What a campaign file written to ``path`` holds (``data``, from
    :func:`sim.api.campaign_scenario`): the ``"campaign"`` object of the JSON output."""
    return {"path": path, "events": len(data.get("event", [])),
            "contradictions": len(data.get("contradiction", [])), "documents": documents,
            "extends": data["scenario"]["extends"]}


def campaign_text(summary: dict[str, Any]) -> str:
    """The line ``sim ingest --campaign`` ends with: where the campaign went, what it holds."""
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return (f"Campaign written to {summary['path']}: {count(summary['events'], 'event')} from "
            f"{count(summary['documents'], 'document')} (extends {summary['extends']})\n")
