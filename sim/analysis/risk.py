"""Risk: how likely each lifeline is to be cut when contested places may fall.

Each place at risk falls (becomes impassable for the faction) independently
with its own probability; by default every contested place the faction's side
can still use, at 0.5. A Monte Carlo estimate then gives, for every lifeline
of the faction, the probability that it is cut (no passable route from its
source to any target, or the source or every target fallen), and for every
stronghold the probability that it is cut off from the capital (still held,
but in a pocket apart from the capital's) or lost. Each estimate comes with a
95% Wilson score interval. The same seed gives the same numbers: the trials
run in fixed blocks, each drawing from its own generator seeded by the seed
and the block's number, so they may be shared out among the processes of a
Dask cluster (:mod:`sim.batch`) without changing a count.

The trials run many at once. Everything no trial can change is contracted
first: the places that are not at risk form fixed connected pieces, each
shrunk to one node, and a place at risk whose neighbours all lie in one piece
is dropped unless it is itself a stronghold, a source or a target. Then one
breadth-first search per source runs on the small graph that is left, for 64
trials at a time in the bits of one 64-bit word, and numpy runs it over all
the words together.

>>> from sim.control import Control, Faction, Lifeline
>>> from sim.model import Place, Road, Theatre
>>> t = Theatre.build("toy", "Toy", "SY",
...     [Place(i, i.title(), 0, n) for n, i in enumerate(["cap", "a", "b", "port"])],
...     [Road("cap", "a", 1), Road("cap", "b", 1), Road("a", "port", 1), Road("b", "port", 1)])
>>> ctl = Control.of(dict.fromkeys(t.places, "gov"))
>>> gov = Faction("gov", capital="cap", strongholds=("cap", "port"))
>>> coast = Lifeline("Capital - the coast", "gov", "cap", ("port",))
>>> r = estimate_risk(t, ctl, gov, [coast], {"a": 0.5, "b": 0.5}, trials=20000, seed=1)
>>> round(r.lifelines[0].cut.probability, 2)   # exactly 0.25: both must fall
0.25
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..control import Control, Faction, Lifeline
from ..errors import InputError, UnknownNameError
from ..model import Theatre
from .arrays import Passable, held_mask, main_pocket_trials, passable_arrays

Z95 = 1.959963984540054
DEFAULT_P = 0.5
#: The most trials one estimate runs. At 10**8 the 95% interval is at most 0.0001 either
#: side, the precision of the JSON output; more would not change a figure shown. The
#: worst case on the bundled theatre (every place of the side at risk) runs about 4.5
#: million trials a second, so the limit is under half a minute there, and a quarter
#: of an hour at 150,000 trials a second on a 100,000-place map.
MAX_TRIALS = 10**8


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``hits / n`` (95% by default).

    >>> [round(x, 3) for x in wilson(5, 10)]
    [0.237, 0.763]
    >>> [round(x, 4) for x in wilson(0, 100)]
    [0.0, 0.037]
    """
    if n <= 0:
        return 0.0, 1.0
    p = hits / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if hits == 0 else max(0.0, centre - half)
    high = 1.0 if hits == n else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class Estimate:
    """A probability estimated from ``hits`` out of ``trials``, with its 95% interval."""

    hits: int
    trials: int

    @property
    def probability(self) -> float:
        return self.hits / self.trials if self.trials else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.hits, self.trials)

    def as_json(self) -> dict:
        low, high = self.interval
        return {"p": round(self.probability, 4), "low": round(low, 4), "high": round(high, 4),
                "hits": self.hits}


@dataclass(frozen=True)
class LifelineRisk:
    """The chance one lifeline is cut; ``connected`` says whether it is connected now,
    and ``status`` its status now (``connected``, ``cut``, ``source-lost``, ``target-lost``)."""

    lifeline: Lifeline
    cut: Estimate
    connected: bool = True
    status: str = "connected"


@dataclass(frozen=True)
class StrongholdRisk:
    """The chances one stronghold is cut off from the capital, or lost itself.

    ``now`` is its state before anything falls: ``connected``, ``cut-off`` or ``lost``.
    """

    place: str
    cut_off: Estimate
    lost: Estimate
    now: str = "connected"


@dataclass(frozen=True)
class Risk:
    """Estimated chances for one faction's lifelines and strongholds.

    ``at_risk`` lists each place that may fall with its probability, by id.
    """

    faction: Faction
    trials: int
    seed: int | None
    at_risk: tuple[tuple[str, float], ...]
    lifelines: tuple[LifelineRisk, ...]
    strongholds: tuple[StrongholdRisk, ...]


# ---------------------------------------------------------------- the kernel

def _popcount(words: np.ndarray) -> np.ndarray:
    """Set bits per row of a 2-D uint64 array."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words).sum(axis=-1, dtype=np.int64)
    as_bytes = words.view(np.uint8)  # pragma: no cover - numpy < 2
    return np.unpackbits(as_bytes, axis=-1).sum(axis=-1, dtype=np.int64)


@dataclass(frozen=True, eq=False)
class Contracted:
    """The graph a trial can change, with everything else shrunk.

    Node ``k < pieces`` is a fixed piece; node ``pieces + j`` is the ``j``-th
    kept place at risk (place ``risky[j]``). ``node_of[v]`` is the node of
    place ``v`` (-1 if impassable or dropped). Arcs ``src[i] -> dst[i]`` are
    sorted by ``dst``.
    """

    pieces: int
    risky: np.ndarray
    node_of: np.ndarray
    src: np.ndarray
    dst: np.ndarray

    @property
    def size(self) -> int:
        return self.pieces + len(self.risky)


def contract(graph: Passable, at_risk: np.ndarray, keep: np.ndarray) -> Contracted:
    """Shrink what no trial can change (see the module docstring).

    ``at_risk`` flags the places that may fall; ``keep`` the places whose
    own state is asked for (never dropped).
    """
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import connected_components

    n = graph.n
    fixed = graph.mask & ~at_risk
    u = graph.arrays.edge_u[graph.edges].astype(np.int64)
    v = graph.arrays.edge_v[graph.edges].astype(np.int64)
    both = fixed[u] & fixed[v]
    adj = csr_array((np.ones(int(both.sum()), dtype=np.int8), (u[both], v[both])), shape=(n, n))
    _, label = connected_components(adj, directed=False)
    # Renumber the pieces that hold a fixed place densely, in order of first place.
    fixed_ids = np.flatnonzero(fixed)
    uniq, first = np.unique(label[fixed_ids], return_index=True)
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(uniq))
    piece = np.full(n, -1, dtype=np.int64)
    piece[fixed_ids] = rank[np.searchsorted(uniq, label[fixed_ids])]
    pieces = len(uniq)
    risky = np.flatnonzero(graph.mask & at_risk)
    node = piece.copy()
    node[risky] = pieces + np.arange(len(risky))
    mixed = ~both
    a, b = node[u[mixed]], node[v[mixed]]
    # Drop places at risk that nobody asks about and that touch at most one piece and
    # no other place at risk: their fall never changes who reaches whom.
    while True:
        r_count = len(risky)
        big = np.iinfo(np.int64).max
        lo = np.full(r_count, big, dtype=np.int64)
        hi = np.full(r_count, -1, dtype=np.int64)
        many = np.zeros(r_count, dtype=bool)
        for x, y in ((a, b), (b, a)):
            sel = x >= pieces
            j, nb = x[sel] - pieces, y[sel]
            to_risky = nb >= pieces
            many[j[to_risky]] = True
            np.minimum.at(lo, j[~to_risky], nb[~to_risky])
            np.maximum.at(hi, j[~to_risky], nb[~to_risky])
        many |= (hi >= 0) & (lo != hi)
        drop = ~many & ~keep[risky]
        if not drop.any():
            break
        kept = np.flatnonzero(~drop)
        renum = np.full(pieces + r_count, -1, dtype=np.int64)
        renum[:pieces] = np.arange(pieces)
        renum[pieces + kept] = pieces + np.arange(len(kept))
        node[risky[drop]] = -1
        node[risky[kept]] = renum[pieces + kept]
        risky = risky[kept]
        ok = (renum[a] >= 0) & (renum[b] >= 0)
        a, b = renum[a[ok]], renum[b[ok]]
    arcs_src = np.concatenate([a, b])
    arcs_dst = np.concatenate([b, a])
    size = pieces + len(risky)
    if len(arcs_src):
        code = np.unique(arcs_dst * size + arcs_src)
        arcs_src, arcs_dst = code % size, code // size
    return Contracted(pieces, risky, node, arcs_src, arcs_dst)


def reach_bits(con: Contracted, alive: np.ndarray, start: int) -> np.ndarray:
    """Bit-parallel breadth-first search: which nodes ``start`` reaches in each trial.

    ``alive`` holds one row of uint64 words per node (a set bit: the node
    stands in that trial; fixed pieces always stand). Returns the same shape.
    Each step spreads only from the nodes that gained a trial in the last one.
    """
    reach = np.zeros_like(alive)
    reach[start] = alive[start]
    changed = np.zeros(con.size, dtype=bool)
    changed[start] = True
    while True:
        arcs = np.flatnonzero(changed[con.src])
        if not len(arcs):
            return reach
        src, dst = con.src[arcs], con.dst[arcs]
        rows, starts = np.unique(dst, return_index=True)
        gathered = np.bitwise_or.reduceat(reach[src], starts, axis=0)
        old = reach[rows]
        new = old | (gathered & alive[rows])
        grew = (new != old).any(axis=1)
        changed[:] = False
        changed[rows[grew]] = True
        reach[rows[grew]] = new[grew]


def _alive_words(rng: np.random.Generator, p_fall: np.ndarray, trials: int) -> np.ndarray:
    """Random survival bits: row ``j`` has bit ``t`` set when place ``j`` stands in trial ``t``.

    A place that falls with chance exactly one half takes one raw random bit
    per trial; other chances compare a single-precision uniform draw, drawn
    :data:`DRAW_ROWS` places at a time (a fixed number, so the draws never
    depend on anything but the block).
    """
    words = -(-trials // 64)
    out = np.empty((len(p_fall), words), dtype=np.uint64)
    half = p_fall == 0.5
    if half.any():
        out[half] = rng.integers(0, np.iinfo(np.uint64).max, size=(int(half.sum()), words),
                                 dtype=np.uint64, endpoint=True)
    rest = np.flatnonzero(~half)
    for k in range(0, len(rest), DRAW_ROWS):
        rows = rest[k:k + DRAW_ROWS]
        draws = rng.random((len(rows), words * 64), dtype=np.float32)
        stands = draws >= p_fall[rows].astype(np.float32)[:, None]
        out[rows] = np.packbits(stands, axis=1, bitorder="little").view(np.uint64)
    return out


#: Trials in one block: each block of trials draws from its own generator, seeded by the
#: run's seed and the block's number (:func:`sim.batch.block_rng`), so that the numbers
#: never depend on how the blocks are shared among chunks, workers or batches.
BLOCK = 4096
#: The places at risk whose uniform draws are made in one call (see :func:`_alive_words`).
DRAW_ROWS = 256


@dataclass(frozen=True, eq=False)
class _Trials:
    """What every chunk of trials needs: the contracted graph and the questions asked.

    ``batch_words`` is how many 64-trial words one search carries (memory).
    """

    con: Contracted
    p_kept: np.ndarray
    capital: int | None
    strongholds: np.ndarray
    lifelines: tuple
    own_nodes: np.ndarray
    held: np.ndarray | None
    trials: int
    seed: int
    batch_words: int

    @property
    def blocks(self) -> int:
        return -(-self.trials // BLOCK)

    def block_size(self, block: int) -> int:
        return min(BLOCK, self.trials - block * BLOCK)

    @property
    def per_batch(self) -> int:
        """Whole blocks searched together (at least one; a block may be split in words)."""
        return max(1, self.batch_words // (BLOCK // 64))


def _trial_chunk(work: _Trials, blocks: range) -> dict[str, np.ndarray]:
    """Hit counts over the blocks of trials ``blocks`` (a chunk of :func:`risk_arrays`)."""
    from ..batch import block_rng

    hits = {"lifeline_cut": np.zeros(len(work.lifelines), dtype=np.int64),
            "cut_off": np.zeros(len(work.strongholds), dtype=np.int64),
            "lost": np.zeros(len(work.strongholds), dtype=np.int64)}
    for first in range(blocks.start, blocks.stop, work.per_batch):
        group = range(first, min(first + work.per_batch, blocks.stop))
        words = np.concatenate([_alive_words(block_rng(work.seed, b), work.p_kept,
                                             work.block_size(b)) for b in group], axis=1)
        size = sum(work.block_size(b) for b in group)
        for w0 in range(0, words.shape[1], work.batch_words):
            part = words[:, w0:w0 + work.batch_words]
            batch = _Batch(work.con, part, min(size - 64 * w0, 64 * part.shape[1]))
            hits["lifeline_cut"] += batch.lifeline_cuts(work.lifelines)
            if len(work.strongholds):
                off, lost = batch.stronghold_hits(work.capital, work.strongholds,
                                                  work.own_nodes, work.held)
                hits["cut_off"] += off
                hits["lost"] += lost
    return hits


def risk_arrays(graph: Passable, at_risk: np.ndarray, p_fall: np.ndarray, capital: int | None,
                strongholds: np.ndarray, lifelines: Sequence[tuple[int, np.ndarray]],
                own: np.ndarray, trials: int, seed: int | np.random.Generator,
                chunk: int | None = None, held: np.ndarray | None = None,
                progress: Callable[[int, int], None] | None = None, *,
                workers: int | None = None, scheduler: str | None = None,
                chunks: int | None = None) -> dict[str, np.ndarray]:
    """The Monte Carlo kernel on arrays.

    ``at_risk`` is an index array of places that may fall, ``p_fall`` their
    probabilities. Returns hit counts: ``lifeline_cut`` per lifeline,
    ``cut_off`` and ``lost`` per stronghold. ``own`` flags the faction's own
    places (by the main-pocket rule, the capital's piece is a pocket only
    while it keeps one: :func:`~sim.analysis.arrays.main_pocket_trials`).
    ``held`` flags the strongholds the side holds now: one held but impassable
    (contested under a closed policy) is cut off in every trial, not lost.

    The trials run in blocks of :data:`BLOCK`, block ``b`` drawing from
    ``sim.batch.block_rng(seed, b)``; ``seed`` is a whole number (a
    generator stands for the seed it draws first). ``chunk`` caps the trials
    one search carries (memory); ``chunks`` (default: one per search here,
    else :func:`sim.batch.default_chunks`) is how many runs of whole blocks the
    work is cut into, and ``workers`` or ``scheduler`` where they run
    (:func:`sim.batch.run_chunks`). None of them changes a count. ``progress``,
    if given, is called with ``(trials done, trials)`` as chunks finish.
    """
    from ..batch import default_chunks, run_chunks, split

    if isinstance(seed, np.random.Generator):
        seed = int(seed.integers(0, 2**63))
    risky_mask = np.zeros(graph.n, dtype=bool)
    risky_mask[at_risk] = True
    prob = np.zeros(graph.n)
    prob[at_risk] = p_fall
    con = contract(graph, risky_mask, _asked(graph.n, capital, strongholds, lifelines,
                                             own & risky_mask))
    if chunk is None:  # about 32 MiB of words gathered per search step
        chunk = 64 * max(1, min(1024, (1 << 22) // max(1, len(con.src))))
    work = _Trials(con, prob[con.risky], capital, np.asarray(strongholds, dtype=np.int64),
                   tuple(lifelines), np.unique(con.node_of[own & (con.node_of >= 0)]),
                   held, int(trials), int(seed), max(1, chunk // 64))
    serial = -(-work.blocks // work.per_batch)
    parts = split(range(work.blocks), chunks or default_chunks(workers, scheduler, serial))
    results = run_chunks(_trial_chunk, parts, work, workers=workers, scheduler=scheduler,
                         weights=[sum(work.block_size(b) for b in part) for part in parts],
                         progress=progress)
    return {key: sum((r[key] for r in results), np.zeros_like(results[0][key]))
            for key in results[0]}


def _asked(n: int, capital: int | None, strongholds: np.ndarray,
           lifelines: Sequence[tuple[int, np.ndarray]], own_at_risk: np.ndarray) -> np.ndarray:
    """The places whose own state the trials ask for, which contraction must keep.

    The capital, strongholds, lifeline ends, and the faction's own places at
    risk (they decide whether the capital's piece is still a pocket).
    """
    keep = np.zeros(n, dtype=bool)
    keep[strongholds] = True
    roots = ([capital] if capital is not None else []) + [s for s, _ in lifelines]
    keep[[r for r in roots if r is not None]] = True
    for _, targets in lifelines:
        keep[targets] = True
    return keep | own_at_risk


class _Batch:
    """Up to one chunk of trials run together on the contracted graph, one bit a trial.

    ``standing`` are the kept places' survival words; the searches from each
    root are made once and shared by every question.
    """

    def __init__(self, con: Contracted, standing: np.ndarray, size: int) -> None:
        self.con, self.size = con, size
        self.words = -(-size // 64)
        self.mask = np.full(self.words, np.uint64(0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
        if size % 64:
            self.mask[-1] = np.uint64((1 << (size % 64)) - 1)
        alive = np.empty((con.size, self.words), dtype=np.uint64)
        alive[:con.pieces] = np.uint64(0xFFFFFFFFFFFFFFFF)
        alive[con.pieces:] = standing
        self.alive = alive
        self._reach: dict[int, np.ndarray] = {}

    def reach_from(self, place: int) -> np.ndarray:
        nd = int(self.con.node_of[place])
        if nd not in self._reach:
            self._reach[nd] = reach_bits(self.con, self.alive, nd)
        return self._reach[nd]

    def count(self, words: np.ndarray) -> np.ndarray:
        """Trials set in each row of ``words`` (within this batch)."""
        return _popcount(words & self.mask)

    def lifeline_cuts(self, lifelines: Sequence[tuple[int, np.ndarray]]) -> np.ndarray:
        """Per lifeline: in how many trials its source reaches none of its targets."""
        node_of = self.con.node_of
        out = np.zeros(len(lifelines), dtype=np.int64)
        for j, (source, targets) in enumerate(lifelines):
            if node_of[source] < 0:
                out[j] = self.size
                continue
            r = self.reach_from(source)
            ok = np.zeros(self.words, dtype=np.uint64)
            for t in np.unique(targets).tolist():
                if node_of[t] >= 0:
                    ok |= r[node_of[t]]
            out[j] = int(self.count((~ok)[None, :])[0])
        return out

    def stronghold_hits(self, capital: int | None, strongholds: np.ndarray,
                        own_nodes: np.ndarray, held: np.ndarray | None = None
                        ) -> tuple[np.ndarray, np.ndarray]:
        """Per stronghold: in how many trials it stands outside the main pocket, and has fallen."""
        nodes = self.con.node_of[strongholds]
        there = nodes >= 0
        up = np.zeros((len(strongholds), self.words), dtype=np.uint64)
        up[there] = self.alive[nodes[there]]
        if held is not None:  # held but impassable: still held in every trial
            up[~there & held] = np.uint64(0xFFFFFFFFFFFFFFFF)
        inside = np.zeros_like(up)
        if capital is not None and self.con.node_of[capital] >= 0:
            r = self.reach_from(capital)
            inside[there] = r[nodes[there]] & main_pocket_trials(r, own_nodes)
        return self.count(up & ~inside), self.count(~up)


# ---------------------------------------------------------------- the library function

def _label(theatre: Theatre, faction: str) -> str:
    info = theatre.factions.get(faction)
    return info.label if info else faction


def default_at_risk(theatre: Theatre, control: Control, faction: Faction) -> dict[str, float]:
    """Every contested place the faction's side can still pass through, at 0.5."""
    from .arrays import contested_mask, passable_mask, theatre_arrays

    arr = theatre_arrays(theatre)
    open_ = passable_mask(theatre, control, faction.side, arr) & contested_mask(theatre, control,
                                                                                arr)
    return dict.fromkeys(sorted(arr.ids[i] for i in np.flatnonzero(open_).tolist()), DEFAULT_P)


def _status_now(mask: np.ndarray, arr, lifeline: Lifeline, cut: bool) -> str:
    """A lifeline's status before any trial: lost when its source or every target is impassable."""
    if not cut:
        return "connected"
    if not mask[arr.index[lifeline.source]]:
        return "source-lost"
    if not any(mask[arr.index[t]] for t in lifeline.targets):
        return "target-lost"
    return "cut"


def _chances(theatre: Theatre, control: Control, faction: Faction,
             probabilities: Mapping[str, float]) -> dict[str, float]:
    """The chance each place at risk falls: the defaults, overridden by ``probabilities``.

    Every problem with ``probabilities`` is reported at once.
    """
    from .arrays import passable_mask, theatre_arrays

    chances = default_at_risk(theatre, control, faction)
    arr = theatre_arrays(theatre)
    mask = passable_mask(theatre, control, faction.side, arr)
    problems = []
    for place, p in probabilities.items():
        if place not in theatre.places:
            raise UnknownNameError("place", place, theatre.places_index.suggest(place))
        if not (0.0 <= p <= 1.0) or p != p:
            problems.append(f"the chance that {theatre.places[place].name} falls must be "
                            f"between 0 and 1, got {p}")
        elif not mask[arr.index[place]]:
            problems.append(f"{theatre.places[place].name} is not passable for the "
                            f"{_label(theatre, faction.id)} already; "
                            f"its fall changes nothing")
        else:
            chances[place] = float(p)
    if problems:
        raise InputError("; ".join(problems), key="probabilities")
    if not chances:
        raise InputError(f"no place may fall: no contested place is passable for the "
                         f"{_label(theatre, faction.id)}; give at least one place a chance "
                         f"to fall", key="probabilities")
    return chances


def estimate_risk(theatre: Theatre, control: Control, faction: Faction,
                  lifelines: Sequence[Lifeline], probabilities: Mapping[str, float] | None = None,
                  trials: int = 10000, seed: int | None = 0,
                  progress: Callable[[int, int], None] | None = None, *,
                  workers: int | None = None, scheduler: str | None = None,
                  chunks: int | None = None) -> Risk:
    """Estimate the chances that ``faction``'s lifelines are cut and strongholds cut off.

    ``probabilities`` maps place ids to the chance each falls; every
    contested place of the side not named keeps 0.5 (name one with 0 to keep
    it safe). Only the faction's own lifelines count. ``trials`` runs from 1
    to :data:`MAX_TRIALS`; ``seed`` is a whole number from 0 (or None: fresh
    randomness). ``progress``, if given, is called with ``(trials done,
    trials)`` after each chunk of trials, the last time with both equal.

    The trials run in fixed blocks, each seeded by ``seed`` and its number
    (:func:`risk_arrays`): ``workers`` (a local cluster of that many
    processes) or ``scheduler`` (the address of a running Dask cluster) share
    them out, ``chunks`` says in how many parts, and none of the three
    changes a number.
    """
    from ..batch import check_cluster, fresh_seed

    if trials < 1:
        raise InputError(f"trials must be at least 1, got {trials}", key="trials")
    if trials > MAX_TRIALS:
        raise InputError(f"trials must be at most {MAX_TRIALS:,}, got {trials:,} (that many "
                         f"already give every chance to within 0.01 percentage points)",
                         key="trials")
    if seed is not None and seed < 0:
        raise InputError(f"seed must be at least 0, got {seed}", key="seed")
    chances = _chances(theatre, control, faction, probabilities or {})
    graph = passable_arrays(theatre, control, faction.side)
    arr = graph.arrays
    own = tuple(ll for ll in lifelines if ll.faction == faction.id)
    places = sorted(chances)
    at_risk = np.asarray([arr.index[p] for p in places], dtype=np.int64)
    p_fall = np.asarray([chances[p] for p in places])
    capital = arr.index[faction.capital] if faction.capital else None
    strong_ids = list(dict.fromkeys(faction.strongholds))
    strong = np.asarray([arr.index[s] for s in strong_ids], dtype=np.int64)
    specs = [(arr.index[ll.source], np.asarray([arr.index[t] for t in ll.targets],
                                               dtype=np.int64)) for ll in own]
    own_mask = held_mask(control, faction.id, arr, theatre)
    kept = set(control.held_strongholds(faction))
    held = np.asarray([s in kept for s in strong_ids], dtype=bool)
    check_cluster(workers, scheduler)
    hits = risk_arrays(graph, at_risk, p_fall, capital, strong, specs, own_mask, trials,
                       fresh_seed() if seed is None else seed, held=held, progress=progress,
                       workers=workers, scheduler=scheduler, chunks=chunks)
    # The state now: one trial in which nothing falls.
    now = risk_arrays(graph, at_risk, np.zeros(len(at_risk)), capital, strong, specs, own_mask,
                      1, 0, held=held)
    states = ["lost" if x else "cut-off" if o else "connected"
              for o, x in zip(now["cut_off"], now["lost"])]
    return Risk(
        faction, trials, seed, tuple((p, chances[p]) for p in places),
        tuple(LifelineRisk(ll, Estimate(int(h), trials), not bool(b),
                           _status_now(graph.mask, arr, ll, bool(b)))
              for ll, h, b in zip(own, hits["lifeline_cut"], now["lifeline_cut"])),
        tuple(sorted((StrongholdRisk(s, Estimate(int(o), trials), Estimate(int(x), trials), st)
                      for s, o, x, st in zip(strong_ids, hits["cut_off"], hits["lost"], states)),
                     key=lambda r: r.place)))
