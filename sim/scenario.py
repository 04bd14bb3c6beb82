"""Scenarios: a dated picture of control on a theatre, with the questions to ask of it.

A scenario names its theatre, its date, the sources it rests on, each
faction's role (allies, adversary, capital, strongholds), the lifelines a
teacher would ask about, and who holds every place, each holding citing the
source and the fact behind it. A scenario may ``extends`` another and list
only what changed.

This module turns already-parsed TOML data into a :class:`Scenario`; reading
files is :mod:`sim.io`'s job. The format is documented in
``docs/scenario-format.md``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from . import campaign, schema
from .campaign import CampaignContradiction, CampaignEvent
from .control import (CONTESTED_POLICIES, STATUSES, Control, Faction, Holding, Lifeline,
                      frozen_holdings, holding_factions, new_holdings, unheld_home)
from .errors import InputError, UnknownNameError
from .model import Theatre, road_key
from .schema import Problems


@dataclass(frozen=True)
class Source:
    """A document a scenario cites: title, outlet, date, address.

    ``secondary`` is True when the address is not the original publisher's
    (a republication or a later summary), because no original was found;
    ``outlet`` then says whose report it carries.
    """

    id: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    secondary: bool = False


@dataclass(frozen=True)
class Scenario:
    """A theatre plus a dated control, factions' roles and lifelines.

    A campaign scenario also has ``events`` (:class:`~sim.campaign.CampaignEvent`, in date
    order): its ``control`` is the control it starts from (``start``) with every event
    applied; :meth:`control_on` gives the control on any date between.
    """

    id: str
    title: str
    date: str
    theatre: Theatre
    control: Control
    factions: Mapping[str, Faction]
    lifelines: tuple[Lifeline, ...]
    sources: Mapping[str, Source] = field(default_factory=dict)
    description: str = ""
    extends: str | None = None
    path: str = ""
    events: tuple[CampaignEvent, ...] = ()
    contradictions: tuple[CampaignContradiction, ...] = ()
    start: Control | None = field(default=None, repr=False, compare=False)

    def faction(self, name: str) -> Faction:
        """The faction called ``name`` (id, name or alias)."""
        fid = self.theatre.factions_index.resolve(name)
        if fid not in self.factions:
            raise UnknownNameError("faction", name, sorted(self.factions))
        return self.factions[fid]

    def faction_label(self, fid: str | None) -> str:
        if fid is None:
            return "nobody"
        info = self.theatre.factions.get(fid)
        return info.label if info else fid

    def lifelines_of(self, faction: str) -> list[Lifeline]:
        return [ll for ll in self.lifelines if ll.faction == faction]

    def with_control(self, control: Control) -> Scenario:
        return replace(self, control=control)

    def control_on(self, date: str) -> Control:
        """The control on ``date`` (YYYY-MM-DD): the control the scenario starts from with
        the events up to and including that date applied. A scenario without events has
        one control, whatever the date.

        >>> import sim
        >>> sim.load().control_on("2024-12-01").holder("homs")
        'government'
        """
        when = campaign.day(date)
        if not self.events:
            return self.control
        return campaign.applied(self.start or self.control, self.events, until=when)


#: The keys each table of a scenario file may hold ("" is the top level).
KEYS = {
    "": ("scenario", "policy", "factions", "source", "control", "road", "lifeline", "event",
         "contradiction"),
    "scenario": ("id", "title", "date", "theatre", "extends", "default_holder", "description",
                 "home_country"),
    "policy": ("contested", "open_transit"),
    "factions": ("name", "short", "colour", "aliases", "allies", "adversary", "capital",
                 "strongholds", "transit"),
    "source": ("id", "title", "outlet", "date", "url", "secondary"),
    "control": ("faction", "place", "places", "status", "source", "fact", "date", "evidence",
                "confidence"),
    "road": ("a", "b", "state", "source", "fact", "date"),
    "lifeline": ("name", "faction", "source", "targets", "label"),
    "event": campaign.EVENT_KEYS,
    "contradiction": campaign.CONTRADICTION_KEYS,
}


def check_file(data: Mapping[str, Any], problems: Problems,
               lines: Mapping[str, int] | None = None) -> None:
    """Note what is wrong with one scenario file's ``data`` whatever its theatre: a key no
    table of :data:`KEYS` holds (a typo: ``defualt_holder``, ``[[lifelines]]``), with the
    closest known keys, and two ``[[source]]`` with one id or ``[[lifeline]]`` with one name.
    ``lines`` (:func:`sim.campaign.key_lines` of the file) gives each problem its line.

    >>> found = Problems()
    >>> check_file({"scenario": {"id": "a"}, "lifelines": [], "source": [{"id": "r"},
    ...             {"id": "r"}]}, found)
    >>> found.messages
    ['[lifelines] unknown key; did you mean: lifeline?', \
"[source[1].id] duplicate source id 'r' (first at source[0])"]
    """
    lines = lines or {}

    def unknown(record: Mapping[str, Any], known: tuple[str, ...], key: str = "") -> None:
        for name in record:
            if name not in known:
                where = f"{key}.{name}" if key else str(name)
                schema.unknown_keys({name: None}, known, problems, key=key,
                                    line=lines.get(where))

    unknown({k: v for k, v in data.items() if k != INHERITED}, KEYS[""])
    for name in ("scenario", "policy"):
        if isinstance(data.get(name), Mapping):
            unknown(data[name], KEYS[name], name)
    if isinstance(data.get("factions"), Mapping):
        for fid, table in data["factions"].items():
            if isinstance(table, Mapping):
                unknown(table, KEYS["factions"], f"factions.{fid}")
    for name in ("source", "control", "road", "lifeline", "event", "contradiction"):
        entries = data.get(name)
        for i, table in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(table, Mapping):
                unknown(table, KEYS[name], f"{name}[{i}]")
    for name, ident in (("source", "id"), ("lifeline", "name")):
        entries = data.get(name)
        first: dict[str, int] = {}
        for i, table in enumerate(entries if isinstance(entries, list) else []):
            value = table.get(ident) if isinstance(table, Mapping) else None
            if not isinstance(value, str):
                continue
            if value in first:
                problems.add(f"duplicate {name} {ident} {value!r} (first at {name}"
                             f"[{first[value]}])", key=f"{name}[{i}].{ident}")
            first.setdefault(value, i)


#: The keys of ``[scenario]`` a child never inherits from the scenario it extends.
OWN_KEYS = ("id", "title", "date", "description", "extends")

#: The key of merged data that counts, per array of tables, the entries a child inherited
#: (so that a problem in a child's own first ``[[control]]`` is called ``control[0]``).
INHERITED = "_inherited"


def merge_scenario_data(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict:
    """Child data on top of parent data, as ``extends`` means.

    Tables merge key by key; ``control`` and ``road`` entries of the child apply
    after the parent's; lifelines and sources of the child replace the parent's
    of the same name or id and add the rest. Events and contradictions are the
    child's own: a parent's events become control entries (its end state) that
    the child's apply after. A value of the wrong kind (a text where a table
    belongs) is kept as it is, for :func:`scenario_from_data` to report.

    >>> merge_scenario_data({"control": [1], "scenario": {"id": "a", "date": "x"}},
    ...                     {"control": [2], "scenario": {"id": "b"}})["control"]
    [1, 2]
    """
    scen = parent.get("scenario")
    if isinstance(scen, Mapping):  # a child names and dates itself
        scen = {k: v for k, v in scen.items() if k not in OWN_KEYS}
    out: dict[str, Any] = {
        "scenario": _merged_table(scen, child.get("scenario")),
        "policy": _merged_table(parent.get("policy"), child.get("policy")),
        "factions": _merged_factions(parent.get("factions"), child.get("factions")),
    }
    for key, ident in (("lifeline", "name"), ("source", "id")):
        out[key] = _merged_by(parent.get(key), child.get(key), ident)
    inherited = dict(parent.get(INHERITED) or {})
    ended = campaign.events_as_control(parent.get("event"))
    held = _joined(parent.get("control"), ended) if ended else parent.get("control")
    for key, before in (("control", held), ("road", parent.get("road"))):
        out[key] = _joined(before, child.get(key))
        if isinstance(before, list):
            inherited[key] = len(before)
    for key in ("event", "contradiction"):
        if key in child:
            out[key] = child[key]
    out[INHERITED] = inherited
    return out


def _odd(value: Any, kind: type) -> bool:
    return value is not None and not isinstance(value, kind)


def _merged_table(parent: Any, child: Any) -> Any:
    if _odd(child, Mapping) or _odd(parent, Mapping):
        return child if _odd(child, Mapping) else parent
    return {**(parent or {}), **(child or {})}


def _merged_factions(parent: Any, child: Any) -> Any:
    if _odd(child, Mapping) or _odd(parent, Mapping):
        return child if _odd(child, Mapping) else parent
    factions = {k: dict(v) if isinstance(v, Mapping) else v for k, v in (parent or {}).items()}
    for fid, table in (child or {}).items():
        before = factions.get(fid)
        merged = isinstance(table, Mapping) and isinstance(before, Mapping)
        factions[fid] = {**before, **table} if merged else table
    return factions


def _merged_by(parent: Any, child: Any, ident: str) -> Any:
    if _odd(child, list) or _odd(parent, list):
        return child if _odd(child, list) else parent
    merged: dict[Any, Any] = {}
    for side, items in enumerate((parent or [], child or [])):
        for i, item in enumerate(items):
            name = item.get(ident) if isinstance(item, Mapping) else (side, i)
            merged[repr(name) if isinstance(name, (list, dict)) else name] = item
    return list(merged.values())


def _joined(parent: Any, child: Any) -> Any:
    if _odd(child, list) or _odd(parent, list):
        return child if _odd(child, list) else parent
    return [*(parent or []), *(child or [])]


def scenario_from_data(data: Mapping[str, Any], theatre: Theatre, *, file: str = "",
                       locate=None, own: Mapping[str, Any] | None = None,
                       lines: Mapping[str, int] | None = None) -> Scenario:
    """Build and validate a scenario from merged TOML data.

    Every problem is collected and reported at once, each naming its key.
    ``locate(value)`` may return the line of the file where a bad value
    appears, for the message; ``lines`` (:func:`sim.campaign.key_lines`) the line
    of each key of the file's own tables. ``own`` is the file's own data when
    ``data`` is merged onto a parent's (``extends``): its keys are checked
    (:func:`check_file`).

    >>> from sim.model import FactionInfo, Place, Road
    >>> t = Theatre.build("t", "T", "XA", [Place("a", "A", 0, 0, country="XA"),
    ...                   Place("b", "B", 0, 1, country="XA")], [Road("a", "b", 111)],
    ...                   [FactionInfo("blue", "Blue")])
    >>> scen = scenario_from_data({"scenario": {"id": "s", "date": "2025-01-01",
    ...                                         "default_holder": "blue"}}, t)
    >>> scen.control.holder("b")
    'blue'
    >>> scenario_from_data({"scenario": {"id": "s", "date": "soon"}, "control": "a"}, t)
    Traceback (most recent call last):
    ...
    sim.errors.ValidationError: 3 problem(s): [scenario.date] must be YYYY-MM-DD, got 'soon'; \
[control] must be a list of tables ([[control]]), got 'a'; 2 place(s) of XA have no holder \
(name them in [[control]] or set scenario.default_holder): a, b
    """
    head = data.get("scenario")
    if not isinstance(head, Mapping):
        raise InputError("missing [scenario] table", file=file or None)
    inherited = data.get(INHERITED)
    read = _Reader(theatre, Problems(file), locate,
                   inherited if isinstance(inherited, Mapping) else None, lines)
    check_file(data if own is None else own, read.problems, lines)
    date = read.head(head)
    contested, open_transit = read.policy(data.get("policy"))
    sources = read.sources(data.get("source"))
    holdings = read.default_holdings(head.get("default_holder"), date)
    read.control(data.get("control"), sources, date, holdings)
    events = campaign.read_events(read, data.get("event"), sources, date)
    conflicts = campaign.read_contradictions(read, data.get("contradiction"), sources)
    cut = read.roads(data.get("road"), sources)
    holders = holding_factions(holdings) | {e.faction for e in events}
    factions, rights = read.factions(data.get("factions"), holders)
    lifelines = read.lifelines(data.get("lifeline"))
    read.unheld(holdings)
    read.problems.raise_if_any()

    start = Control(frozen_holdings(holdings), frozenset(cut),
                    frozenset(open_transit), contested,
                    MappingProxyType(dict(sorted(rights.items()))))
    sid = schema.as_text(head["id"])
    return Scenario(
        id=sid, title=schema.as_text(head.get("title")) or sid, date=date,
        theatre=theatre, control=campaign.applied(start, events),
        factions=MappingProxyType(dict(sorted(factions.items()))),
        lifelines=tuple(lifelines), sources=MappingProxyType(dict(sorted(sources.items()))),
        description=schema.as_text(head.get("description")),
        extends=schema.as_text(head.get("extends")) or None, path=file,
        events=tuple(events), contradictions=tuple(conflicts), start=start,
    )


class _Reader:
    """One pass over a scenario's data: names resolved against the theatre, one method
    per table, every problem collected (with its key, and its line if ``locate`` finds it)."""

    def __init__(self, theatre: Theatre, problems: Problems, locate=None,
                 inherited: Mapping[str, int] | None = None,
                 lines: Mapping[str, int] | None = None) -> None:
        self.theatre, self.problems, self.locate = theatre, problems, locate
        self.inherited = inherited or {}
        # Lines by key, for the campaign tables (other problems are placed by their value).
        self.lines = {k: n for k, n in (lines or {}).items()
                      if k.startswith(("event[", "contradiction["))}

    def entry(self, key: str, i: int) -> str:
        """The key of entry ``i`` of the merged ``[[key]]`` array: counted in the child's
        own file, or marked as the parent's."""
        n = self.inherited.get(key, 0)
        return f"{key}[{i - n}]" if i >= n else f"{key}[{i}] (of the scenario extended)"

    # ---- locations, names, lists

    def line(self, value: Any) -> int | None:
        """The line where ``value`` appears, if the file's locator finds it."""
        if self.locate is None or value is None or isinstance(value, (list, dict)):
            return None
        return self.locate(value)

    def key_line(self, key: str) -> int | None:
        """The line of ``key`` (``event[2].place``; ``.factions[1]`` counts as its list's)
        in a campaign table of the file, if known."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition("[")[0] if key.endswith("]") else key.rpartition(".")[0]
        return None

    def at(self, value: Any) -> str:
        """Where a validator's message about ``value`` begins: its line, if known."""
        line = self.line(value)
        return f"line {line}" if line else ""

    def bad(self, message: str, key: str, value: Any = None) -> None:
        self.problems.add(message, key=key, line=self.key_line(key) or self.line(value))

    def name(self, value: Any, key: str, kind: str) -> str | None:
        """The id of the place or faction called ``value``, or None after noting why."""
        if not isinstance(value, str):
            self.bad(f"must be a {kind} name, got {schema.shown(value)}", key)
            return None
        if kind == "place" and value in self.theatre.places:
            return value
        index = self.theatre.places_index if kind == "place" else self.theatre.factions_index
        found = index.lookup(value)
        if found is None:
            sugg = index.suggest(value)
            hint = f"; did you mean: {', '.join(sugg)}?" if sugg else ""
            where = f" in theatre {self.theatre.id!r}" if kind == "place" else ""
            self.bad(f"unknown {kind} {value!r}{where}{hint}", key, value)
        return found

    def place(self, value: Any, key: str) -> str | None:
        return self.name(value, key, "place")

    def faction(self, value: Any, key: str) -> str | None:
        return self.name(value, key, "faction")

    def places(self, value: Any, key: str) -> tuple[str, ...]:
        """The ids of a list of place names at ``key`` (bad ones noted and left out)."""
        found = (self.place(name, f"{key}[{j}]") for j, name in enumerate(self.list(value, key)))
        return tuple(pid for pid in found if pid)

    def list(self, value: Any, key: str) -> list:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.bad(f"must be a list, got {schema.shown(value)}", key)
        return []

    def text(self, value: Any, key: str, default: str = "") -> str:
        return schema.text(value, f"[{key}]", "", self.problems, default=default)

    def countries(self, value: Any, key: str, *, foreign: bool) -> set[str]:
        """ISO codes of countries of the theatre listed at ``key`` (foreign ones only
        if ``foreign``)."""
        known = set(self.theatre.countries())
        if foreign:
            known.discard(self.theatre.home_country)
        found = set()
        for code in self.list(value, key):
            up = schema.as_text(code).upper() if not isinstance(code, (list, dict)) else ""
            if up in known:
                found.add(up)
            else:
                self.bad(f"unknown {'foreign ' if foreign else ''}country {code!r}", key, code)
        return found

    # ---- one method per table

    def head(self, head: Mapping[str, Any]) -> str:
        """Check ``[scenario]``; return its date."""
        for key in ("id", "date"):
            if head.get(key) is None or head.get(key) == "":
                self.bad("is required", f"scenario.{key}")
            elif not isinstance(head.get(key), (str, _dt.date)):
                self.bad(f"must be text, got {schema.shown(head.get(key))}", f"scenario.{key}")
        for key in ("title", "description", "extends"):
            self.text(head.get(key), f"scenario.{key}")
        date = str(head.get("date", ""))
        try:
            _dt.date.fromisoformat(date)
        except ValueError:
            self.bad(f"must be YYYY-MM-DD, got {date!r}", "scenario.date", date)
        return date

    def policy(self, value: Any) -> tuple[str, set[str]]:
        """``[policy]``: how contested places count, and the countries open for transit."""
        policy = schema.table(value, "policy", self.problems)
        raw = policy.get("contested")
        contested = schema.choice(raw, "[policy.contested]", CONTESTED_POLICIES, self.at(raw),
                                  self.problems, default="holder")
        open_transit = self.countries(policy.get("open_transit"), "policy.open_transit",
                                      foreign=False)
        return contested or "holder", open_transit

    def sources(self, value: Any) -> dict[str, Source]:
        """``[[source]]``: the documents the scenario cites, by id."""
        sources: dict[str, Source] = {}
        for i, raw in schema.tables(value, "source", self.problems):
            key = f"source[{i}]"
            sid = self.text(raw.get("id"), f"{key}.id")
            if not sid:
                self.bad("needs an id", key)
                continue
            fields = [self.text(raw.get(k), f"{key}.{k}") for k in ("title", "outlet", "date",
                                                                     "url")]
            secondary = schema.flag(raw.get("secondary"), f"[{key}.secondary]", "", self.problems)
            sources[sid] = Source(sid, *fields, secondary)
        return sources

    def default_holdings(self, default: Any, date: str) -> Mapping[str, Holding]:
        """Every home-country place held by ``scenario.default_holder``, if given."""
        fid = None if default is None else self.faction(default, "scenario.default_holder")
        # One immutable holding shared by every place.
        return new_holdings(self.theatre,
                            Holding(fid, "held", "", "default holder", date) if fid else None)

    def control(self, value: Any, sources: Mapping[str, Source], date: str,
                holdings: dict[str, Holding]) -> None:
        """``[[control]]``: who holds which places, in file order (later entries win)."""
        for i, raw in schema.tables(value, "control", self.problems):
            key = self.entry("control", i)
            fid = self.faction(raw.get("faction"), f"{key}.faction")
            status = schema.choice(raw.get("status"), f"[{key}.status]", STATUSES,
                                   self.at(raw.get("status")), self.problems, default="held")
            src = self.cites(raw, key, sources)
            names = self.list(raw.get("places"), f"{key}.places")
            if "place" in raw:
                names = [raw["place"], *names]
            if not names:
                self.bad("names no place", key)
            fact = self.text(raw.get("fact"), f"{key}.fact")
            schema.strings(raw.get("evidence"), f"[{key}.evidence]", "", self.problems, sep=None)
            sure = schema.number(raw.get("confidence"), f"[{key}.confidence]", "", self.problems,
                                 required=False)
            if sure is not None and not 0 <= sure <= 1:
                self.bad(f"must be from 0 to 1, got {sure:g}", f"{key}.confidence")
            when = self.text(raw.get("date"), f"{key}.date", date)
            for j, name in enumerate(names):
                pid = self.place(name, f"{key}.places[{j}]")
                if pid and fid and status:
                    holdings[pid] = Holding(fid, status, src, fact, when)

    def cites(self, raw: Mapping[str, Any], key: str, sources: Mapping[str, Source]) -> str:
        """The source an entry cites (checked: it must be a ``[[source]]``)."""
        src = self.text(raw.get("source"), f"{key}.source")
        if src and src not in sources:
            self.bad(f"cites unknown source {src!r}", f"{key}.source", src)
        return src

    def roads(self, value: Any, sources: Mapping[str, Source]) -> set[tuple[str, str]]:
        """``[[road]]``: roads cut (or opened again), in file order."""
        cut: set[tuple[str, str]] = set()
        for i, raw in schema.tables(value, "road", self.problems):
            key = self.entry("road", i)
            self.cites(raw, key, sources)
            for name in ("fact", "date"):
                self.text(raw.get(name), f"{key}.{name}")
            a, b = self.place(raw.get("a"), f"{key}.a"), self.place(raw.get("b"), f"{key}.b")
            state = schema.choice(raw.get("state"), f"[{key}.state]", ("cut", "open"),
                                  self.at(raw.get("state")), self.problems, default="cut")
            if not (a and b):
                continue
            if road_key(a, b) not in self.theatre.roads:
                self.bad(f"no road joins {a} and {b}", key, raw.get("a"))
            elif state == "cut":
                cut.add(road_key(a, b))
            elif state == "open":
                cut.discard(road_key(a, b))
        return cut

    def factions(self, value: Any, holders: set[str]
                 ) -> tuple[dict[str, Faction], dict[str, frozenset[str]]]:
        """``[factions.X]``: each faction's allies (mutual), adversary, capital,
        strongholds and transit rights; a holder (of any date) without a table gets an
        empty role."""
        factions: dict[str, Faction] = {}
        rights: dict[str, frozenset[str]] = {}
        for fname, raw in schema.table(value, "factions", self.problems).items():
            key = f"factions.{fname}"
            fid = self.faction(fname, key)
            table = schema.table(raw, key, self.problems)
            if not fid or table is not raw:
                continue
            factions[fid], crossing = self._faction(fid, table, key)
            if crossing:
                rights[fid] = frozenset(crossing)
        for fid, fac in list(factions.items()):  # alliances are mutual
            for ally in fac.allies:
                if ally in factions and fid not in factions[ally].allies:
                    factions[ally] = replace(factions[ally], allies=factions[ally].allies | {fid})
        for fid in sorted(holders - set(factions)):
            factions[fid] = Faction(fid)
        return factions, rights

    def _faction(self, fid: str, raw: Mapping[str, Any], key: str) -> tuple[Faction, set[str]]:
        """One ``[factions.X]`` table: the faction's role, and the foreign countries it
        may cross. (Its ``name``, ``short``, ``colour`` and ``aliases`` are checked
        here; :func:`sim.formats.with_factions` uses them.)"""
        for name in ("name", "short"):
            self.text(raw.get(name), f"{key}.{name}")
        schema.colour(raw.get("colour"), "", self.problems, what=f"[{key}.colour]")
        schema.strings(raw.get("aliases"), f"[{key}.aliases]", "", self.problems, sep=None)
        allies = frozenset(filter(None, (self.faction(a, f"{key}.allies") for a in
                                         self.list(raw.get("allies"), f"{key}.allies"))))
        adversary = (self.faction(raw["adversary"], f"{key}.adversary")
                     if raw.get("adversary") not in (None, "") else None)
        capital = (self.place(raw["capital"], f"{key}.capital")
                   if raw.get("capital") not in (None, "") else None)
        strongholds = self.places(raw.get("strongholds"), f"{key}.strongholds")
        if capital and capital not in strongholds:
            strongholds = (capital, *strongholds)
        crossing = self.countries(raw.get("transit"), f"{key}.transit", foreign=True)
        return Faction(fid, allies, adversary, capital, strongholds), crossing

    def lifelines(self, value: Any) -> list[Lifeline]:
        """``[[lifeline]]``: a faction's source place and the targets it must reach."""
        lifelines: list[Lifeline] = []
        for i, raw in schema.tables(value, "lifeline", self.problems):
            key = f"lifeline[{i}]"
            fid = self.faction(raw.get("faction"), f"{key}.faction")
            src = self.place(raw.get("source"), f"{key}.source")
            targets = self.places(raw.get("targets"), f"{key}.targets")
            name = self.text(raw.get("name"), f"{key}.name")
            label = self.text(raw.get("label"), f"{key}.label")
            if not name and not isinstance(raw.get("name"), (list, dict)):
                self.bad("is required", f"{key}.name")
            if not targets:
                self.bad("names no place", f"{key}.targets")
            if fid and src and targets and name:
                lifelines.append(Lifeline(name, fid, src, targets, label))
        return lifelines

    def unheld(self, holdings: Mapping[str, Holding]) -> None:
        """Note the home-country places nobody holds."""
        th = self.theatre
        unheld = unheld_home(th, holdings)
        if unheld:
            shown = ", ".join(unheld[:8]) + (" ..." if len(unheld) > 8 else "")
            self.problems.add(f"{len(unheld)} place(s) of {th.home_country} have no holder "
                              f"(name them in [[control]] or set scenario.default_holder): {shown}")
