"""Campaigns: a scenario's dated events, each a change of hands citing its source.

A campaign scenario (``sim ingest --campaign`` writes one) lists ``[[event]]``
tables: on a date a place passes to a faction (or becomes contested, its
holder keeping it), with the source, the sentence and the confidence behind
it; and ``[[contradiction]]`` tables: the reports of one date that disagreed.
Its control is the control it starts from (the scenario it extends, and its
own ``[[control]]``) with every event applied in date order;
:meth:`sim.scenario.Scenario.control_on` gives the control on any date.

This module holds the values, the checks of those two tables (one problem per
bad value, with its line), and the rules that apply events to a control. The
format is documented in ``docs/scenario-format.md``.

>>> from sim.control import Control
>>> start = Control.of({"hama": "government", "homs": "government"})
>>> events = (CampaignEvent("2024-12-05", "hama", "opposition", before="government"),
...           CampaignEvent("2024-12-07", "homs", "opposition", before="government"))
>>> on = applied(start, events, until="2024-12-06")
>>> on.holder("hama"), on.holder("homs")
('opposition', 'government')
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import schema
from .control import Control, Holding
from .errors import InputError

#: The keys of an ``[[event]]`` table.
EVENT_KEYS = ("date", "place", "faction", "status", "from", "source", "evidence", "confidence")
#: The keys of a ``[[contradiction]]`` table.
CONTRADICTION_KEYS = ("date", "place", "factions", "winner", "sources")
#: What an event makes of its place.
EVENT_STATUSES = ("held", "contested")

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class CampaignEvent:
    """On ``date``, ``place`` passes to ``faction`` (``status`` held), or becomes contested
    while ``faction`` keeps it; ``before`` held it until then. ``source`` is the
    ``[[source]]`` that reports it, ``evidence`` its sentence."""

    date: str
    place: str
    faction: str
    status: str = "held"
    before: str | None = None
    source: str = ""
    evidence: str = ""
    confidence: float | None = None

    def holding(self) -> Holding:
        """The holding the event gives its place."""
        fact = self.evidence or f"{self.place}: {self.status} by {self.faction} on {self.date}"
        return Holding(self.faction, self.status, self.source, fact, self.date)

    def as_json(self) -> dict[str, Any]:
        return {"date": self.date, "place": self.place, "faction": self.faction,
                "status": self.status, "from": self.before, "source": self.source,
                "evidence": self.evidence, "confidence": self.confidence}


@dataclass(frozen=True)
class CampaignContradiction:
    """Reports of one date that gave ``place`` to different ``factions``; ``winner`` is
    the one applied, ``sources`` the reports."""

    date: str
    place: str
    factions: tuple[str, ...]
    winner: str | None
    sources: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"date": self.date, "place": self.place, "factions": list(self.factions),
                "winner": self.winner, "sources": list(self.sources)}


def applied(control: Control, events: Iterable[CampaignEvent], *,
            until: str | None = None) -> Control:
    """``control`` with ``events`` applied in date order (of one date, in their order),
    those after ``until`` (YYYY-MM-DD) left out."""
    out = control
    for event in sorted(events, key=lambda e: e.date):
        if until is None or event.date <= until:
            out = out.with_holding(event.place, event.holding())
    return out


def day(value: Any, what: str = "date", key: str = "date") -> str:
    """A date given as YYYY-MM-DD text (or a date), checked; :class:`InputError` if not.

    >>> day("2024-12-06")
    '2024-12-06'
    >>> day("6 Dec")
    Traceback (most recent call last):
    ...
    sim.errors.InputError: [date]: a date is YYYY-MM-DD, got '6 Dec'
    """
    text = value.isoformat() if isinstance(value, _dt.date) else str(value)
    if not _iso_day(text):
        raise InputError(f"a {what} is YYYY-MM-DD, got {text!r}", key=key)
    return text


def _iso_day(text: str) -> bool:
    if not _ISO_DAY.fullmatch(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- reading the tables

def read_events(read, value: Any, sources: Mapping[str, Any], date: str) -> list[CampaignEvent]:
    """``[[event]]``: the scenario's dated changes of hands, sorted by date (stable).
    ``read`` is the scenario's reader (:class:`sim.scenario._Reader`): names resolve as
    in ``[[control]]``; ``date`` is the scenario's date, which no event may be after."""
    events: list[CampaignEvent] = []
    for i, raw in schema.tables(value, "event", read.problems):
        key = f"event[{i}]"
        when = _date(read, raw.get("date"), f"{key}.date", date)
        pid = read.place(raw.get("place"), f"{key}.place") if "place" in raw else \
            read.bad("is required", f"{key}.place")
        fid = read.faction(raw.get("faction"), f"{key}.faction") if "faction" in raw else \
            read.bad("is required", f"{key}.faction")
        before = read.faction(raw["from"], f"{key}.from") if raw.get("from") else None
        status = schema.choice(raw.get("status"), f"[{key}.status]", EVENT_STATUSES,
                               _at(read, f"{key}.status"), read.problems, default="held")
        src = read.cites(raw, key, sources)
        evidence = read.text(raw.get("evidence"), f"{key}.evidence")
        sure = _confidence(read, raw.get("confidence"), f"{key}.confidence")
        if when and pid and fid and status:
            events.append(CampaignEvent(when, pid, fid, status, before, src, evidence, sure))
    return sorted(events, key=lambda e: e.date)


def read_contradictions(read, value: Any, sources: Mapping[str, Any]
                        ) -> list[CampaignContradiction]:
    """``[[contradiction]]``: same-date reports that disagreed, as the campaign lists them."""
    found: list[CampaignContradiction] = []
    for i, raw in schema.tables(value, "contradiction", read.problems):
        key = f"contradiction[{i}]"
        when = _date(read, raw.get("date"), f"{key}.date", None, required=False)
        pid = read.place(raw.get("place"), f"{key}.place") if "place" in raw else \
            read.bad("is required", f"{key}.place")
        sides = [read.faction(f, f"{key}.factions[{j}]")
                 for j, f in enumerate(read.list(raw.get("factions"), f"{key}.factions"))]
        winner = read.faction(raw["winner"], f"{key}.winner") if raw.get("winner") else None
        cited = read.list(raw.get("sources"), f"{key}.sources")
        for j, sid in enumerate(cited):
            if not isinstance(sid, str) or sid not in sources:
                read.bad(f"cites unknown source {schema.shown(sid)}", f"{key}.sources[{j}]")
        if pid:
            found.append(CampaignContradiction(when or "", pid, tuple(filter(None, sides)),
                                               winner, tuple(str(s) for s in cited)))
    return found


def _at(read, key: str) -> str:
    line = read.key_line(key)
    return f"line {line}" if line else ""


def _date(read, value: Any, key: str, latest: str | None, *, required: bool = True) -> str:
    if value is None or value == "":
        if required:
            read.bad("is required: the date of the event, YYYY-MM-DD", key)
        return ""
    text = value.isoformat() if isinstance(value, _dt.date) else value
    if not isinstance(text, str) or not _iso_day(text):
        read.bad(f"must be YYYY-MM-DD, got {schema.shown(value)}", key)
        return ""
    if latest and _iso_day(latest) and text > latest:
        read.bad(f"{text} is after the scenario's date {latest}", key)
        return ""
    return text


def _confidence(read, value: Any, key: str) -> float | None:
    sure = schema.number(value, f"[{key}]", _at(read, key), read.problems, required=False)
    if sure is not None and not 0 <= sure <= 1:
        read.bad(f"must be from 0 to 1, got {sure:g}", key)
        return None
    return sure


# ---------------------------------------------------------------- extends, and lines

def events_as_control(events: Any) -> list[Any]:
    """A campaign's ``[[event]]`` entries as the ``[[control]]`` entries a scenario that
    extends it inherits: the campaign's end state, not its events. Entries are taken in
    date order; one of the wrong kind is kept as it is, to be reported."""
    if not isinstance(events, list):
        return []

    def when(entry: Any) -> str:
        value = entry.get("date") if isinstance(entry, Mapping) else None
        return value.isoformat() if isinstance(value, _dt.date) else str(value or "")

    out: list[Any] = []
    for entry in sorted(events, key=when):
        if not isinstance(entry, Mapping):
            out.append(entry)
            continue
        control = {k: entry[k] for k in ("place", "faction", "status", "source", "date",
                                         "confidence") if k in entry}
        if isinstance(entry.get("evidence"), str):
            control["evidence"] = [entry["evidence"]]
            control["fact"] = entry["evidence"]
        out.append(control)
    return out


_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")


def key_lines(text: str) -> dict[str, int]:
    """The line of each key of a TOML text, by its dotted path as problems name it
    (``event[0].place``, ``scenario.date``), and of each table header.

    >>> key_lines("[scenario]\\nid = 'a'\\n\\n[[event]]\\ndate = 1\\n[[event]]\\nplace = 2\\n")
    {'scenario': 1, 'scenario.id': 2, 'event': 4, 'event[0]': 4, 'event[0].date': 5, \
'event[1]': 6, 'event[1].place': 7}
    """
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    prefix, quoted = "", False
    for n, line in enumerate(text.splitlines(), 1):
        was, quoted = quoted, quoted ^ ((line.count('"""') + line.count("'''")) % 2 == 1)
        if was:  # inside a multi-line string
            continue
        head = _HEADER.match(line)
        if head:
            name = head.group(2)
            if head.group(1) == "[[":
                counts[name] = counts.get(name, -1) + 1
                lines.setdefault(name, n)
                prefix = f"{name}[{counts[name]}]"
            else:
                prefix = name
            lines.setdefault(prefix, n)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(f"{prefix}.{key.group(1)}" if prefix else key.group(1), n)
    return lines


def toml_text(data: Mapping[str, Any]) -> str:
    """``data`` as TOML text, each array of flat tables (events, sources, control entries)
    written as ``[[name]]`` tables, one key a line (``tomli_w`` writes short ones inline),
    so that a person can edit each entry and a problem can name its line.

    >>> print(toml_text({"scenario": {"id": "c"}, "event": [{"place": "hama"}]}), end="")
    [scenario]
    id = "c"
    <BLANKLINE>
    [[event]]
    place = "hama"
    """
    import tomli_w

    def flat(key: str, value: Any) -> bool:
        return bool(_BARE.fullmatch(key) and isinstance(value, list) and value and all(
            isinstance(e, Mapping) and not any(isinstance(v, Mapping) or isinstance(v, list)
                                               and any(isinstance(x, Mapping) for x in v)
                                               for v in e.values()) for e in value))

    rest = {k: v for k, v in data.items() if not flat(k, v)}
    parts = [tomli_w.dumps(rest)] if rest else []
    parts += [f"[[{key}]]\n{tomli_w.dumps(entry)}" for key, value in data.items()
              if flat(key, value) for entry in value]
    return "\n".join(parts)


_BARE = re.compile(r"[A-Za-z0-9_-]+")
