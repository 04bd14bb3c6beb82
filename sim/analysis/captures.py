"""Best captures: the ``n`` captures that cut the most off a faction's capital.

:func:`best_captures` asks which at most ``n`` places, taken by the adversary,
would cut the most strongholds (or the most people) off the faction's capital,
that is out of its main pocket. It is exact for small ``n``: a search over
capture sets, pruned (a place whose neighbours are all joined to each other
never splits anything, so it is worth taking only last, unless it is one of the
faction's own and the capital an ally's; a place already cut off is no use), with the last
capture of each set chosen by one linear-time criticality sweep
(:func:`~sim.analysis.critical.sweep_arrays`) instead of trying every place.
The exact search runs at most one sweep per capture set of fewer than ``n``
places (:func:`exact_bound`). When that bound passes a budget of sweeps
(:data:`EXACT_SWEEPS`), the search is exact only for as many captures as the
budget allows, then greedy, one best capture at a time (at most one sweep a
capture); the result says which.

>>> from sim.control import Control, Faction
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.title(), 0, n, population=10) for n, i in enumerate(["cap", "jn", "a", "port"])],
...     [Road("cap", "jn", 1), Road("jn", "a", 1), Road("a", "port", 1)])
>>> gov = Faction("gov", capital="cap", strongholds=("cap", "port"))
>>> got = best_captures(t, Control.of(dict.fromkeys(t.places, "gov")), gov, 1)
>>> got.method, got.places, got.strongholds, got.population
('exact', ('jn',), ('port',), 20)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from ..control import Control, Faction
from ..errors import InputError
from ..model import Theatre
from .arrays import Passable, held_mask, main_pocket, passable_arrays

#: Sweeps the exact capture search may run; beyond them the search is greedy.
EXACT_SWEEPS = 2000
BY = ("strongholds", "population")


def exact_bound(pool: int, n: int, cap: int | None = None) -> int:
    """An upper bound on the sweeps the exact search runs for ``n`` captures from ``pool`` places.

    The search sweeps once for each capture set of ``0 .. n-1`` places it
    visits (the last capture of a set is chosen by that sweep), so it runs at
    most ``C(pool, 0) + C(pool, 1) + ... + C(pool, n-1)`` sweeps: ``2**pool``
    once ``n`` passes ``pool``. With ``cap``, the sum stops as soon as it
    passes ``cap`` (and returns a number above it).

    >>> exact_bound(21, 1), exact_bound(21, 2), exact_bound(21, 3), exact_bound(3, 100)
    (1, 22, 232, 8)
    >>> exact_bound(10**6, 10**6, cap=2000) > 2000
    True
    """
    total, term = 0, 1
    for k in range(min(n, pool + 1)):
        total += term
        if cap is not None and total > cap:
            break
        term = term * (pool - k) // (k + 1)
    return total


class _Spent(Exception):
    """The exact search reached its budget of sweeps."""


@dataclass(frozen=True)
class Captures:
    """The captures that cut the most off the capital, and what they cut.

    ``method`` is ``exact`` (every capture set of at most ``n`` places was
    covered, by search with pruning) or ``greedy`` (exact for as many
    captures as the budget of sweeps allowed, then one best capture at a
    time). ``sweeps`` counts the linear-time sweeps the search ran.
    ``population`` is the people cut off (the known population of the
    faction's own home-country places put outside the capital's pocket) and
    ``unknown`` how many such places have no known population.
    """

    faction: str
    n: int
    by: str
    method: str
    places: tuple[str, ...]
    strongholds: tuple[str, ...]
    population: int
    sweeps: int
    unknown: int = 0

    def as_json(self) -> dict:
        return {"faction": self.faction, "n": self.n, "by": self.by, "method": self.method,
                "places": list(self.places), "strongholds": list(self.strongholds),
                "population": self.population, "population_unknown": self.unknown,
                "sweeps": self.sweeps}


def _simplicial(graph: Passable) -> np.ndarray:
    """Places whose neighbours are all joined to each other (their fall never splits others)."""
    deg = graph.degree()
    out = deg <= 1
    for v in np.flatnonzero((deg >= 2) & (deg <= 6)).tolist():
        nb = graph.neighbours(v)
        ok = True
        for a, b in combinations(nb.tolist(), 2):
            row = graph.neighbours(a)
            j = np.searchsorted(row, b)
            if j >= len(row) or row[j] != b:
                ok = False
                break
        out[v] = ok
    return out


def _without(g: Passable, place: int) -> Passable:
    removed = np.zeros(g.n, dtype=bool)
    removed[place] = True
    return g.without(removed)


class _Search:
    """One capture search: what it asks, the sweeps it ran and the best outcome so far.

    A score is ``(strongholds cut off, population cut off)``; ``by`` says
    which of the two ranks first. Among equal scores the fewest captures win,
    then the set found first.
    """

    def __init__(self, capital: int, strongholds: np.ndarray, eligible: np.ndarray, n: int,
                 by: str, held: np.ndarray | None, population: np.ndarray | None,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.capital, self.strongholds, self.eligible, self.n = capital, strongholds, eligible, n
        self.held, self.population = held, population
        self.first = 0 if by == "strongholds" else 1
        self.sweeps = 0
        #: No sweep beyond this many (None: no limit); the next one raises :class:`_Spent`.
        self.limit: int | None = None
        #: The sweeps the search in progress expects at most, for ``progress``.
        self.total = 0
        self.progress = progress
        self.best: tuple = ((0, 0), ())
        self._gain_cache: dict = {}

    def gains(self, g: Passable) -> tuple[np.ndarray, np.ndarray]:
        """Per place: (strongholds, population) its capture alone would cut off in ``g``."""
        from .critical import sweep_arrays

        if self.limit is not None and self.sweeps >= self.limit:
            raise _Spent
        self.sweeps += 1
        res = sweep_arrays(g, self.capital, self.strongholds, held=self.held,
                           population=self.population)
        self.report(self.sweeps)
        return res.strongholds, res.population

    def report(self, done: int) -> None:
        if self.progress is not None:
            self.progress(min(done, self.total), self.total)

    def main(self, g: Passable) -> np.ndarray:
        return main_pocket(g, self.capital, self.held)

    def key(self, score) -> tuple:
        return (score[self.first], score[1 - self.first])

    def consider(self, score, chosen) -> None:
        cand = (self.key(score), tuple(sorted(chosen)))
        cur = (self.key(self.best[0]), self.best[1])
        if cand[0] > cur[0] or (cand[0] == cur[0] and len(cand[1]) < len(cur[1])):
            self.best = (score, cand[1])

    def best_single(self, g: Passable, in_main: np.ndarray):
        """The best one capture in ``g`` among places of the main pocket: ``(place, gain)``."""
        sh, pp = self.gains(g)
        cand = np.flatnonzero(self.eligible & in_main & g.mask)
        if not len(cand):
            return None
        order = np.lexsort((cand, -(pp[cand] if self.first == 0 else sh[cand]),
                            -(sh[cand] if self.first == 0 else pp[cand])))
        x = int(cand[order[0]])
        return x, (int(sh[x]), int(pp[x]))

    def gain_of(self, g: Passable, chosen: list[int], x: int) -> tuple[int, int]:
        """The gain of capturing ``x`` after ``chosen`` (one sweep per capture set, cached)."""
        k = tuple(chosen)
        if k not in self._gain_cache:
            self._gain_cache[k] = self.gains(g)
        sh, pp = self._gain_cache[k]
        return int(sh[x]), int(pp[x])

    def exact(self, g: Passable, pool: np.ndarray, chosen: list[int], score, start: int,
              in_main: np.ndarray) -> None:
        """Cover every capture set from ``pool`` (in order, from ``start``) that extends ``chosen``.

        The last capture of each set is the best single one, from a sweep.
        """
        if self.n - len(chosen) == 1:
            got = self.best_single(g, in_main)
            if got is not None:
                x, gain = got
                self.consider((score[0] + gain[0], score[1] + gain[1]), [*chosen, x])
            return
        for i in range(start, len(pool)):
            x = int(pool[i])
            if not in_main[x]:
                continue
            sh, pp = self.gain_of(g, chosen, x)
            new = (score[0] + sh, score[1] + pp)
            self.consider(new, [*chosen, x])
            after = _without(g, x)
            self.exact(after, pool, [*chosen, x], new, i + 1, self.main(after))

    def greedy(self, graph: Passable, chosen: Sequence[int] = (), score=(0, 0)) -> None:
        """Take the best single capture again and again, up to ``n``, while one gains,
        after the captures ``chosen`` (which scored ``score``)."""
        chosen = list(chosen)
        g = graph.without(np.isin(np.arange(graph.n), chosen)) if chosen else graph
        in_main = self.main(g)
        for _ in range(self.n - len(chosen)):
            got = self.best_single(g, in_main)
            if got is None or got[1] == (0, 0):
                break
            x, gain = got
            chosen.append(x)
            score = (score[0] + gain[0], score[1] + gain[1])
            self.consider(score, chosen)
            g = _without(g, x)
            in_main = self.main(g)


def capture_search(graph: Passable, capital: int, strongholds: np.ndarray, eligible: np.ndarray,
                   n: int, by: str = "strongholds", held: np.ndarray | None = None,
                   exact_sweeps: int = EXACT_SWEEPS, population: np.ndarray | None = None,
                   progress: Callable[[int, int], None] | None = None):
    """The capture search on arrays: returns ``(places, score, method, sweeps)``.

    ``score`` is ``(strongholds cut off, population cut off)``. Only places of
    the main pocket (:func:`~sim.analysis.arrays.main_pocket`) are worth
    taking; ``held`` flags the faction's own places (default: all).

    The search is exact when :func:`exact_bound` says it needs at most
    ``exact_sweeps`` sweeps (or when ``n`` is 1: one sweep answers it).
    Otherwise it is exact for the most captures ``m < n`` that fit the
    budget, then greedy from the best set of at most ``m``: the method is
    ``greedy``. The exact search also stops on reaching ``exact_sweeps``
    sweeps, and the greedy one goes on from the best set found so far. So
    ``sweeps`` never passes ``exact_sweeps`` (at least 1) plus ``n`` (and
    ``n`` counts for no more than one capture beyond the places worth
    taking). ``progress``, if given, is called with ``(sweeps done, sweeps
    expected at most)`` after each sweep, and once at the end with both equal
    to the sweeps run.
    """
    search = _Search(capital, strongholds, eligible, n, by, held, population, progress)
    main0 = search.main(graph)
    # A dead end (or a place whose neighbours all join each other) never splits others, so it
    # is only ever worth taking last, and the last capture is chosen by a sweep. But when the
    # capital is an ally's, taking one of the faction's own places can leave the capital's
    # piece with none of them (no main pocket at all): those stay candidates throughout.
    late = _simplicial(graph)
    if held is not None and not held[capital]:
        late &= ~held
    pool = np.flatnonzero(eligible & main0 & graph.mask & ~late)
    # No set is worth more than the whole pool and one last capture: a larger n asks the same.
    n = min(n, len(pool) + 1)
    if n <= 0:
        return (), (0, 0), "exact", 0
    exact_n = _exact_captures(len(pool), n, exact_sweeps)
    search.n, search.limit = exact_n, max(exact_sweeps, 1)
    search.total = exact_bound(len(pool), exact_n) + n - exact_n
    spent = False
    try:
        search.exact(graph, pool, [], (0, 0), 0, main0)
    except _Spent:  # not with a true bound; kept so that no search passes its budget
        spent = True
    search.limit = None
    method = "exact" if exact_n == n and not spent else "greedy"
    if method == "greedy":
        score, start = search.best
        search.n = n
        search.total = search.sweeps + n - len(start)
        search.greedy(graph, start, score)
    search.total = search.sweeps
    search.report(search.sweeps)
    return search.best[1], search.best[0], method, search.sweeps


def _exact_captures(pool: int, n: int, budget: int) -> int:
    """The most captures, from 1 to ``n``, whose exact search fits ``budget`` sweeps (at least 1)."""
    m = 1
    while m < n and exact_bound(pool, m + 1, cap=budget) <= budget:
        m += 1
    return m


def best_captures(theatre: Theatre, control: Control, faction: Faction, n: int,
                  by: str = "strongholds", exact_sweeps: int = EXACT_SWEEPS,
                  progress: Callable[[int, int], None] | None = None) -> Captures:
    """The at most ``n`` captures that cut the most off ``faction``'s capital.

    ``by`` ranks outcomes: ``strongholds`` (strongholds cut off, then
    population) or ``population`` (the other way round). Candidates are the
    places the faction's side holds, except the capital. Places captured are
    lost, not cut off, so they never count. Among equal outcomes the fewest
    captures win, then the first ids.

    Any ``n`` is accepted: one beyond the places worth taking asks for no
    more than taking them all, and the search stops there. ``exact_sweeps``
    is the budget of the exact search, in sweeps (:func:`capture_search`);
    ``progress``, if given, is called with ``(sweeps done, sweeps expected
    at most)`` after each sweep and at the end.
    """
    if by not in BY:
        raise InputError(f"by must be strongholds or population, got {by!r}", key="by")
    if n < 0:
        raise InputError(f"n, the number of captures, must be at least 0, got {n}", key="n")
    if not faction.capital:
        info = theatre.factions.get(faction.id)
        raise InputError(f"the {info.label if info else faction.id} have no capital to cut "
                         f"places off from")
    graph = passable_arrays(theatre, control, faction.side)
    arr = graph.arrays
    cap = arr.index[faction.capital]
    held = held_mask(control, faction.id, arr, theatre)
    side_held = np.zeros(arr.n, dtype=bool)
    side_held[[arr.index[p] for p, h in control.holdings.items() if h.faction in faction.side]] \
        = True
    eligible = side_held & graph.mask
    eligible[cap] = False
    # A stronghold counts while the faction or an ally holds it (else it is lost).
    strong = np.asarray([arr.index[s] for s in control.held_strongholds(faction)],
                        dtype=np.int64)
    known, unknown = arr.people_weights(held)
    places, score, method, sweeps = capture_search(graph, cap, strong, eligible, n, by, held,
                                                   exact_sweeps, known, progress)
    after = graph.without(np.isin(np.arange(arr.n), places))
    cut_off, moved = _cut_off_strongholds(graph, after, cap, strong, held, set(places))
    return Captures(faction.id, n, by, method, tuple(sorted(arr.ids[i] for i in places)),
                    tuple(sorted(arr.ids[i] for i in cut_off)), int(score[1]), sweeps,
                    int(unknown[moved].sum()))


def _cut_off_strongholds(before: Passable, after: Passable, cap: int, strong: np.ndarray,
                         held: np.ndarray, captured: set[int]) -> tuple[list[int], np.ndarray]:
    """Strongholds in the main pocket before and out of it after, and a mask of every
    place that moved out of it (the captured places aside)."""
    m0, m1 = main_pocket(before, cap, held), main_pocket(after, cap, held)
    moved = m0 & ~m1
    moved[list(captured)] = False
    return ([int(s) for s in strong.tolist() if m0[s] and not m1[s] and int(s) not in captured],
            moved)
