"""Holdings as arrays: who holds each place of a large theatre, without a million objects.

A :class:`~sim.control.Control` maps place ids to :class:`~sim.control.Holding`
values. On a theatre kept as columns (:mod:`sim.columns`) most places share a few
holdings (every place the default holder takes has the same faction, status and
provenance), so the mapping is kept as :class:`HoldingTable`: one integer a place,
the position of its holding in a short tuple of distinct holdings (-1: nobody
holds it). Lookups, iteration and the vectorised questions the analyses ask
(:meth:`HoldingTable.held_by`, :meth:`HoldingTable.status_is`) read the arrays.

>>> from sim.columns import SortedIndex
>>> from sim.control import Holding
>>> draft = HoldingDraft(("a", "b", "c"))
>>> draft.fill(np.asarray([True, True, False]), Holding("gov"))
>>> draft["c"] = Holding("reb", "contested")
>>> table = draft.freeze()
>>> table["b"].faction, table["c"].status, len(table), sorted(table.factions())
('gov', 'contested', 3, ['gov', 'reb'])
>>> table.held_by({"gov"}).tolist()
[True, True, False]
>>> table.with_item("a", Holding("reb"))["a"].faction, table["a"].faction
('reb', 'gov')
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence

import numpy as np

from .columns import SortedIndex


class _Holdings:
    """What the draft and the table share: ids, codes into distinct holdings."""

    arrays = True  # what sim.control asks, without importing numpy for a small theatre

    def __init__(self, ids: Sequence[str], codes: np.ndarray, distinct: list,
                 index: Mapping[str, int] | None = None) -> None:
        self.ids = ids
        self.index = index if index is not None else SortedIndex(ids)
        self.codes = codes
        self.distinct = distinct

    def _code(self, pid: str) -> int:
        i = self.index.get(pid, -1) if isinstance(pid, str) else -1
        return -1 if i < 0 else int(self.codes[i])

    def __getitem__(self, pid: str):
        c = self._code(pid)
        if c < 0:
            raise KeyError(pid)
        return self.distinct[c]

    def __contains__(self, pid: object) -> bool:
        return self._code(pid) >= 0  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[str]:
        ids = self.ids
        return (ids[i] for i in np.flatnonzero(self.codes >= 0).tolist())

    def __len__(self) -> int:
        return int(np.count_nonzero(self.codes >= 0))

    def factions(self) -> set[str]:
        """The factions holding at least one place."""
        used = np.unique(self.codes[self.codes >= 0])
        return {self.distinct[int(c)].faction for c in used}

    def _where(self, keep) -> np.ndarray:
        ok = np.asarray([bool(keep(h)) for h in self.distinct] + [False], dtype=bool)
        return ok[self.codes]  # code -1 reads the final False


class HoldingDraft(_Holdings, Mapping):
    """Holdings being read (a scenario's default holder, then its ``[[control]]``)."""

    def __init__(self, ids: Sequence[str], index: Mapping[str, int] | None = None) -> None:
        super().__init__(ids, np.full(len(ids), -1, dtype=np.int32), [], index)
        self._seen: dict = {}

    def _code_of(self, holding) -> int:
        code = self._seen.get(holding)
        if code is None:
            code = self._seen[holding] = len(self.distinct)
            self.distinct.append(holding)
        return code

    def __setitem__(self, pid: str, holding) -> None:
        self.codes[self.index[pid]] = self._code_of(holding)

    def fill(self, mask: np.ndarray, holding) -> None:
        """Give ``holding`` to every place flagged in ``mask``."""
        self.codes[mask] = self._code_of(holding)

    def freeze(self) -> HoldingTable:
        return HoldingTable(self.ids, self.codes.copy(), list(self.distinct), self.index)


class HoldingTable(_Holdings, Mapping):
    """A read-only place id -> holding mapping kept as arrays (see the module)."""

    def with_item(self, pid: str, holding) -> HoldingTable:
        """The same holdings with ``pid`` held by ``holding`` (a new table)."""
        distinct = list(self.distinct)
        try:
            code = distinct.index(holding)
        except ValueError:
            code = len(distinct)
            distinct.append(holding)
        codes = self.codes.copy()
        codes[self.index[pid]] = code
        return HoldingTable(self.ids, codes, distinct, self.index)

    def held_by(self, factions: Collection[str]) -> np.ndarray:
        """Boolean array over the places: held by one of ``factions``."""
        return self._where(lambda h: h.faction in factions)

    def status_is(self, statuses: Collection[str]) -> np.ndarray:
        """Boolean array over the places: held, with one of ``statuses``."""
        return self._where(lambda h: h.status in statuses)

    def held(self) -> np.ndarray:
        """Boolean array over the places: held by anyone."""
        return self.codes >= 0

    def places_of(self, faction: str) -> list[str]:
        """Sorted ids of the places ``faction`` holds."""
        ids = self.ids
        return [ids[i] for i in np.flatnonzero(self.held_by({faction})).tolist()]

    def contested_of(self, faction: str) -> list[str]:
        """Sorted ids of the places ``faction`` holds as contested or besieged."""
        ids = self.ids
        mask = self._where(lambda h: h.faction == faction and h.status != "held")
        return [ids[i] for i in np.flatnonzero(mask).tolist()]

    def __eq__(self, other: object) -> bool:
        if (isinstance(other, HoldingTable) and other.ids is self.ids
                and other.distinct == self.distinct):
            return bool(np.array_equal(self.codes, other.codes))
        return Mapping.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]


def columnar_holdings(theatre, holding=None) -> HoldingDraft:
    """A draft of the holdings of a theatre kept as columns: every home-country place
    held by ``holding`` (a scenario's default holder), or none if it is None."""
    pc = theatre.columns[0]
    draft = HoldingDraft(pc.ids, pc.index)
    if holding is not None:
        draft.fill(pc.in_country(theatre.home_country), holding)
    return draft


def unheld_columns(theatre, holdings: _Holdings) -> list[str]:
    """Sorted ids of the home-country places of a columnar theatre nobody holds."""
    pc = theatre.columns[0]
    free = pc.in_country(theatre.home_country) & (holdings.codes < 0)
    return [pc.ids[i] for i in np.flatnonzero(free).tolist()]



def as_table(theatre, holdings: Mapping) -> HoldingTable:
    """``holdings`` (any mapping of a theatre kept as columns) as a :class:`HoldingTable`."""
    pc = theatre.columns[0]
    draft = HoldingDraft(pc.ids, pc.index)
    for pid, holding in holdings.items():
        draft[pid] = holding
    return draft.freeze()
