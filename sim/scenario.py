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
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping

from .control import CONTESTED_POLICIES, STATUSES, Control, Faction, Holding, Lifeline
from .errors import InputError, UnknownNameError, ValidationError
from .model import Theatre, road_key


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
    """A theatre plus a dated control, factions' roles and lifelines."""

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

    def with_control(self, control: Control) -> "Scenario":
        return replace(self, control=control)


def _as_list(value: Any, key: str, problems: list[str]) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    problems.append(f"[{key}] must be a list")
    return []


def merge_scenario_data(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict:
    """Child data on top of parent data, as ``extends`` means.

    Tables merge key by key; ``control`` and ``road`` entries of the child apply
    after the parent's; lifelines and sources of the child replace the parent's
    of the same name or id and add the rest.

    >>> merge_scenario_data({"control": [1], "scenario": {"id": "a", "date": "x"}},
    ...                     {"control": [2], "scenario": {"id": "b"}})["control"]
    [1, 2]
    """
    out: dict[str, Any] = {}
    scen = dict(parent.get("scenario", {}))
    scen.pop("description", None)
    scen.update(child.get("scenario", {}))
    out["scenario"] = scen
    out["policy"] = {**parent.get("policy", {}), **child.get("policy", {})}
    factions = {k: dict(v) for k, v in parent.get("factions", {}).items()}
    for fid, table in child.get("factions", {}).items():
        factions.setdefault(fid, {}).update(table)
    out["factions"] = factions
    for key, ident in (("lifeline", "name"), ("source", "id")):
        merged = {item.get(ident): item for item in parent.get(key, [])}
        for item in child.get(key, []):
            merged[item.get(ident)] = item
        out[key] = list(merged.values())
    out["control"] = [*parent.get("control", []), *child.get("control", [])]
    out["road"] = [*parent.get("road", []), *child.get("road", [])]
    return out


def scenario_from_data(data: Mapping[str, Any], theatre: Theatre, *, file: str = "",
                       locate=None) -> Scenario:
    """Build and validate a scenario from merged TOML data.

    Every problem is collected and reported at once. ``locate(value)`` may
    return the line of the file where a bad value appears, for the message.
    """
    problems: list[str] = []

    def bad(msg: str, value: Any = None) -> None:
        line = locate(value) if (locate and value is not None) else None
        problems.append(f"line {line}: {msg}" if line else msg)

    def known(index_of, kind: str, where: str):
        """A checker of names (ids first, then the spellings ``index_of()`` knows)
        that records unknown ones as problems."""
        def check(name: Any, key: str) -> str | None:
            if not isinstance(name, str):
                bad(f"[{key}] must be a {kind} name, got {name!r}")
                return None
            found = index_of().lookup(name)
            if found is None:
                sugg = index_of().suggest(name)
                hint = f"; did you mean: {', '.join(sugg)}?" if sugg else ""
                bad(f"[{key}] unknown {kind} {name!r}{where}{hint}", name)
            return found
        return check

    by_spelling = known(lambda: theatre.places_index, "place", f" in theatre {theatre.id!r}")
    faction_id = known(lambda: theatre.factions_index, "faction", "")

    def place_id(name: Any, key: str) -> str | None:
        return name if isinstance(name, str) and name in theatre.places else by_spelling(name, key)

    head = data.get("scenario")
    if not isinstance(head, Mapping):
        raise InputError("missing [scenario] table", file=file or None)
    for key in ("id", "date"):
        if not isinstance(head.get(key), (str, _dt.date)):
            bad(f"[scenario.{key}] is required")
    date = str(head.get("date", ""))
    try:
        _dt.date.fromisoformat(date)
    except ValueError:
        bad(f"[scenario.date] must be YYYY-MM-DD, got {date!r}", date)

    policy = data.get("policy", {})
    contested = policy.get("contested", "holder")
    if contested not in CONTESTED_POLICIES:
        bad(f"[policy.contested] must be one of {', '.join(CONTESTED_POLICIES)}, got {contested!r}",
            contested)
    open_transit: set[str] = set()
    for code in _as_list(policy.get("open_transit"), "policy.open_transit", problems):
        if str(code).upper() in theatre.countries():
            open_transit.add(str(code).upper())
        else:
            bad(f"[policy.open_transit] unknown country {code!r}", code)

    sources: dict[str, Source] = {}
    for i, raw in enumerate(_as_list(data.get("source"), "source", problems)):
        if not isinstance(raw, Mapping) or not raw.get("id"):
            bad(f"[source[{i}]] needs an id")
            continue
        sources[raw["id"]] = Source(str(raw["id"]), str(raw.get("title", "")),
                                    str(raw.get("outlet", "")), str(raw.get("date", "")),
                                    str(raw.get("url", "")), raw.get("secondary") is True)

    holdings: dict[str, Holding] = {}
    default = head.get("default_holder")
    if default is not None:
        fid = faction_id(default, "scenario.default_holder")
        if fid:
            shared = Holding(fid, "held", "", "default holder", date)  # immutable: one for all
            for pid, place in theatre.places.items():
                if place.country == theatre.home_country:
                    holdings[pid] = shared
    for i, raw in enumerate(_as_list(data.get("control"), "control", problems)):
        key = f"control[{i}]"
        if not isinstance(raw, Mapping):
            bad(f"[{key}] must be a table")
            continue
        fid = faction_id(raw.get("faction"), f"{key}.faction")
        status = raw.get("status", "held")
        if status not in STATUSES:
            bad(f"[{key}.status] must be one of {', '.join(STATUSES)}, got {status!r}", status)
        src = raw.get("source", "")
        if src and src not in sources:
            bad(f"[{key}.source] cites unknown source {src!r}", src)
        names = _as_list(raw.get("places"), f"{key}.places", problems)
        if "place" in raw:
            names = [raw["place"], *names]
        if not names:
            bad(f"[{key}] names no place")
        for j, name in enumerate(names):
            pid = place_id(name, f"{key}.places[{j}]")
            if pid and fid:
                holdings[pid] = Holding(fid, status, src, str(raw.get("fact", "")),
                                        str(raw.get("date", date)))

    cut: set[tuple[str, str]] = set()
    for i, raw in enumerate(_as_list(data.get("road"), "road", problems)):
        key = f"road[{i}]"
        a, b = place_id(raw.get("a"), f"{key}.a"), place_id(raw.get("b"), f"{key}.b")
        state = raw.get("state", "cut")
        if state not in ("cut", "open"):
            bad(f"[{key}.state] must be cut or open, got {state!r}", state)
        if a and b:
            if road_key(a, b) not in theatre.roads:
                bad(f"[{key}] no road joins {a} and {b}", raw.get("a"))
            elif state == "cut":
                cut.add(road_key(a, b))
            else:
                cut.discard(road_key(a, b))

    factions: dict[str, Faction] = {}
    rights: dict[str, frozenset[str]] = {}
    for fname, raw in data.get("factions", {}).items():
        key = f"factions.{fname}"
        fid = faction_id(fname, key)
        if not fid:
            continue
        allies = frozenset(filter(None, (faction_id(a, f"{key}.allies") for a in
                                         _as_list(raw.get("allies"), f"{key}.allies", problems))))
        adversary = faction_id(raw["adversary"], f"{key}.adversary") if raw.get("adversary") else None
        capital = place_id(raw["capital"], f"{key}.capital") if raw.get("capital") else None
        strongholds = tuple(filter(None, (place_id(s, f"{key}.strongholds[{j}]") for j, s in
                                          enumerate(_as_list(raw.get("strongholds"),
                                                             f"{key}.strongholds", problems)))))
        if capital and capital not in strongholds:
            strongholds = (capital, *strongholds)
        crossing = set()
        for code in _as_list(raw.get("transit"), f"{key}.transit", problems):
            if str(code).upper() in theatre.countries() and str(code).upper() != theatre.home_country:
                crossing.add(str(code).upper())
            else:
                bad(f"[{key}.transit] unknown foreign country {code!r}", code)
        if crossing:
            rights[fid] = frozenset(crossing)
        factions[fid] = Faction(fid, allies, adversary, capital, strongholds)
    # Alliances are mutual.
    for fid, fac in list(factions.items()):
        for ally in fac.allies:
            if ally in factions and fid not in factions[ally].allies:
                factions[ally] = replace(factions[ally], allies=factions[ally].allies | {fid})
    for fid in sorted({h.faction for h in holdings.values()} - set(factions)):
        factions[fid] = Faction(fid)

    lifelines: list[Lifeline] = []
    for i, raw in enumerate(_as_list(data.get("lifeline"), "lifeline", problems)):
        key = f"lifeline[{i}]"
        fid = faction_id(raw.get("faction"), f"{key}.faction")
        src = place_id(raw.get("source"), f"{key}.source")
        targets = tuple(filter(None, (place_id(t, f"{key}.targets[{j}]") for j, t in
                                      enumerate(_as_list(raw.get("targets"), f"{key}.targets",
                                                         problems)))))
        if not raw.get("name"):
            bad(f"[{key}.name] is required")
        if not targets:
            bad(f"[{key}.targets] names no place")
        if fid and src and targets and raw.get("name"):
            lifelines.append(Lifeline(str(raw["name"]), fid, src, targets, str(raw.get("label", ""))))

    unheld = sorted(pid for pid, p in theatre.places.items()
                    if p.country == theatre.home_country and pid not in holdings)
    if unheld:
        shown = ", ".join(unheld[:8]) + (" ..." if len(unheld) > 8 else "")
        bad(f"{len(unheld)} place(s) of {theatre.home_country} have no holder "
            f"(name them in [[control]] or set scenario.default_holder): {shown}")
    if problems:
        raise ValidationError(problems, file=file or None)

    holdings = {k: holdings[k] for k in sorted(holdings)}
    control = Control(MappingProxyType(holdings), frozenset(cut),
                      frozenset(open_transit), contested,
                      MappingProxyType(dict(sorted(rights.items()))))
    return Scenario(
        id=str(head["id"]), title=str(head.get("title", head["id"])), date=date,
        theatre=theatre, control=control,
        factions=MappingProxyType(dict(sorted(factions.items()))),
        lifelines=tuple(lifelines), sources=MappingProxyType(dict(sorted(sources.items()))),
        description=str(head.get("description", "")).strip(),
        extends=head.get("extends"), path=file,
    )
