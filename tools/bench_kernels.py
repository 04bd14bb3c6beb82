"""The analysis kernels of ``tools/bench.py`` against their peers, on one synthetic graph each.

Every figure here is measured in the same run as its peers, on the same
graph, with the graph already built (each library's own structure, built
once and not timed). A peer that is not installed (the ``bench`` extra:
rustworkx, igraph, networkit) gives ``None`` and a note instead of a time.
"""

from __future__ import annotations

import importlib
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sim.analysis.arrays import from_edges, passable_from_mask  # noqa: E402
from sim.analysis.critical import sweep_arrays  # noqa: E402
from sim.analysis.cuts import vertex_cut_arrays  # noqa: E402
from sim.analysis.risk import risk_arrays  # noqa: E402

KEEP, DIAGONAL = 0.66, 0.12
PEERS = ("rustworkx", "igraph", "networkit")


# ---------------------------------------------------------------- the synthetic theatre

def lattice(n: int, seed: int = 0):
    """A road-like lattice of about ``n`` places: (arrays, passable graph, roles)."""
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import connected_components

    rng = np.random.default_rng(seed)
    side = int(round(n ** 0.5))
    idx = np.arange(side * side).reshape(side, side)
    pairs = [(idx[:, :-1], idx[:, 1:], KEEP), (idx[:-1, :], idx[1:, :], KEEP),
             (idx[:-1, :-1], idx[1:, 1:], DIAGONAL / 2), (idx[:-1, 1:], idx[1:, :-1], DIAGONAL / 2)]
    us, vs = [], []
    for a, b, p in pairs:
        keep = rng.random(a.size) < p
        us.append(a.ravel()[keep])
        vs.append(b.ravel()[keep])
    u, v = np.concatenate(us), np.concatenate(vs)
    km = 5.0 + 20.0 * rng.random(len(u))
    pop = rng.integers(0, 20000, side * side)
    arrays = from_edges(side * side, u, v, km, pop)
    graph = passable_from_mask(arrays, np.ones(arrays.n, dtype=bool))
    # The capital: a junction (three roads or more) of the largest piece, nearest the centre.
    adj = csr_array((np.ones(len(graph.indices), np.int8), graph.indices, graph.indptr),
                    shape=(arrays.n, arrays.n))
    _, label = connected_components(adj, directed=False)
    big = np.bincount(label).argmax()
    members = np.flatnonzero((label == big) & (graph.degree() >= 3))
    rows, cols = members // side, members % side
    capital = int(members[np.argmin((rows - side // 2) ** 2 + (cols - side // 2) ** 2)])
    perm = rng.permutation(arrays.n)
    perm = perm[perm != capital]
    n_strong, n_cont = max(3, arrays.n // 20), max(1, arrays.n // 10)
    strongholds = np.sort(perm[:n_strong])
    contested = np.sort(perm[n_strong:n_strong + n_cont])
    in_big = strongholds[label[strongholds] == big]
    targets = in_big[rng.permutation(len(in_big))[:3]]
    return arrays, graph, {"capital": capital, "strongholds": strongholds,
                           "contested": contested, "targets": targets, "label": label, "big": big}


def nx_graph(arrays):
    import networkx as nx
    g = nx.Graph()
    g.add_nodes_from(range(arrays.n))
    g.add_edges_from(zip(arrays.edge_u.tolist(), arrays.edge_v.tolist()))
    return g


def peer(name: str):
    """The peer's module, or None when it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def peer_graphs(arrays) -> dict:
    """Each installed peer's own undirected graph of the lattice, and its build time."""
    n, u, v = arrays.n, arrays.edge_u, arrays.edge_v
    out = {}
    builders = {
        "rustworkx": lambda rx: _rx_graph(rx, n, u, v),
        "igraph": lambda ig: ig.Graph(n=n, edges=np.column_stack([u, v])),
        "networkit": lambda nk: _nk_graph(nk, n, u, v),
    }
    for name, build in builders.items():
        mod = peer(name)
        if mod is not None:
            t0 = time.perf_counter()
            out[name] = (mod, build(mod))
            out[name] += (time.perf_counter() - t0,)
    return out


def _rx_graph(rx, n, u, v):
    g = rx.PyGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from_no_data(list(zip(u.tolist(), v.tolist())))
    return g


def _nk_graph(nk, n, u, v, weights=None, directed=False):
    g = nk.Graph(n, weighted=weights is not None, directed=directed)
    if weights is None:
        g.addEdges((u.astype(np.uint64), v.astype(np.uint64)))
    else:
        g.addEdges((np.asarray(weights, dtype=np.float64),
                    (u.astype(np.uint64), v.astype(np.uint64))))
    g.indexEdges()
    return g


def timed(fn, repeat: int = 5) -> float:
    """Median wall time of ``repeat`` runs after one warm-up."""
    return timed_spread(fn, repeat)[0]


def timed_spread(fn, repeat: int = 5) -> tuple[float, float, float]:
    """(median, fastest, slowest) wall time of ``repeat`` runs after one warm-up."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), max(times)


def repeats(n: int) -> int:
    return 7 if n <= 10**4 else (5 if n <= 10**5 else 3)


# ---------------------------------------------------------------- criticality sweep

def bench_sweep(n: int, naive_budget: float = 30.0) -> dict:
    """The sweep against each peer's articulation points, and the naive loop as context."""
    import networkx as nx

    arrays, graph, roles = lattice(n)
    cap, strong, targets = roles["capital"], roles["strongholds"], roles["targets"]
    rep = repeats(arrays.n)
    res = sweep_arrays(graph, cap, strong, [(cap, targets)])
    times = {"sim": timed_spread(lambda: sweep_arrays(graph, cap, strong, [(cap, targets)]), rep)}
    tree = res.capital_tree
    kids = np.flatnonzero(tree.cuts)
    cutting = set(tree.order[tree.parent[kids]].tolist())
    if np.count_nonzero(tree.parent == 0) < 2:
        cutting.discard(cap)  # the root cuts what it reaches, but is no articulation point then
    comp = set(tree.order.tolist())
    found, notes = {}, {}
    for name, (mod, g, build) in peer_graphs(arrays).items():
        call = {"rustworkx": lambda: mod.articulation_points(g),
                "igraph": lambda: g.articulation_points(),
                "networkit": lambda: _nk_cut_vertices(mod, g)}[name]
        times[name] = timed_spread(call, rep)
        found[name] = set(call())
        notes[name] = f"graph built in {build:.2f} s"
    g = nx_graph(arrays)
    times["networkx"] = timed_spread(lambda: list(nx.articulation_points(g)), max(1, rep - 2))
    found["networkx"] = set(nx.articulation_points(g))
    for name, aps in found.items():
        assert aps & comp == cutting, (name, len(aps & comp), len(cutting))
    naive = _naive_sweep(arrays, g, roles, res, naive_budget)
    return {"n": arrays.n, "m": len(arrays.edge_u), "times": times, "notes": notes,
            "aps": len(cutting), "naive": naive}


def _nk_cut_vertices(nk, g):
    """The cut vertices from networkit's biconnected components (it has no routine of its own)."""
    bcc = nk.components.BiconnectedComponents(g)
    bcc.run()
    seen, cut = set(), set()
    for comp in bcc.getComponents():
        for x in comp:
            (cut if x in seen else seen).add(x)
    return cut


def _naive_sweep(arrays, g, roles, res, budget: float) -> dict:
    """Remove one place, recompute the capital's piece with networkx; checked against the sweep.

    Timed on random places until ``budget`` seconds and 30 removals have passed
    (at most 2,000): the median, 10th and 90th percentile of one removal.
    """
    import networkx as nx

    cap, targets = roles["capital"], roles["targets"].tolist()
    strong_set = set(roles["strongholds"].tolist())
    main = nx.node_connected_component(g, cap)
    pop = arrays.population
    order = np.random.default_rng(1).permutation(arrays.n)
    per, started = [], time.perf_counter()
    for v in order.tolist():
        if len(per) >= 2000 or (len(per) >= 30 and time.perf_counter() - started > budget):
            break
        t0 = time.perf_counter()
        comp = set() if v == cap else nx.node_connected_component(nx.restricted_view(g, [v], []), cap)
        lost = main - comp - {v}
        cut = v == cap or not any(t in comp for t in targets)
        got = (len(lost & strong_set), int(pop[list(lost)].sum()))
        per.append(time.perf_counter() - t0)
        assert got == (res.strongholds[v], res.population[v]) and cut == bool(res.lifelines[v, 0]), v
    q = np.percentile(per, [10, 50, 90])
    return {"sample": len(per), "p10": q[0], "median": q[1], "p90": q[2],
            "total": q[1] * arrays.n}


# ---------------------------------------------------------------- minimum cut

def split_network(arrays):
    """The node-split network of the lattice as arcs: place v is 2v (in) and 2v+1 (out).

    Each place's arc in -> out has capacity 1, each road gives out -> in arcs both ways
    with a capacity no cut can reach. A cut between places s and t is a flow from
    2s+1 to 2t.
    """
    n, u, v = arrays.n, arrays.edge_u, arrays.edge_v
    big = float(n + 1)
    tail = np.concatenate([2 * np.arange(n), 2 * u + 1, 2 * v + 1])
    head = np.concatenate([2 * np.arange(n) + 1, 2 * v, 2 * u])
    cap = np.concatenate([np.ones(n), np.full(2 * len(u), big)])
    return tail, head, cap, big


def bench_cut(n: int, queries: int = 20, nx_budget: float = 60.0) -> dict:
    """One cut query (a capital, a stronghold) against node-split max-flow in each peer."""
    import networkx as nx

    arrays, graph, roles = lattice(n)
    cap, label, big_piece = roles["capital"], roles["label"], roles["big"]
    strong = roles["strongholds"]
    pool = strong[(label[strong] == big_piece) & (strong != cap)]
    rng = np.random.default_rng(2)
    pairs = [(cap, int(t)) for t in rng.choice(pool, size=min(queries, len(pool)), replace=False)]
    cost = np.ones(arrays.n, dtype=np.int64)

    def ours(s, t):
        el = np.ones(arrays.n, dtype=bool)
        el[[s, t]] = False
        value, cut = vertex_cut_arrays(graph, s, np.asarray([t]), cost, el)
        return None if value is None else len(cut)

    t0 = time.perf_counter()
    ours(*pairs[0])  # builds the flow network, once per graph
    build = time.perf_counter() - t0
    per_peer, sizes = {}, {}
    per_peer["sim"], sizes["sim"] = _per_query(ours, pairs)
    tail, head, capy, inf = split_network(arrays)
    notes = {}
    mod = peer("igraph")
    if mod is not None:
        t0 = time.perf_counter()
        dg = mod.Graph(n=2 * arrays.n, edges=np.column_stack([tail, head]), directed=True)
        caps = capy.tolist()
        notes["igraph"] = f"split network built in {time.perf_counter() - t0:.2f} s"

        def ig_cut(s, t):
            value = dg.mincut(2 * s + 1, 2 * t, caps).value
            return None if value >= inf else int(round(value))

        per_peer["igraph"], sizes["igraph"] = _per_query(ig_cut, pairs)
    mod = peer("networkit")
    if mod is not None:
        t0 = time.perf_counter()
        dg = _nk_graph(mod, 2 * arrays.n, tail, head, weights=capy, directed=True)
        notes["networkit"] = f"split network built in {time.perf_counter() - t0:.2f} s"

        def nk_cut(s, t):
            ek = mod.flow.EdmondsKarp(dg, 2 * s + 1, 2 * t)
            ek.run()
            value = ek.getMaxFlow()
            return None if value >= inf else int(round(value))

        per_peer["networkit"], sizes["networkit"] = _per_query(nk_cut, pairs)
    g = nx_graph(arrays)

    def nx_cut(s, t):
        return None if g.has_edge(s, t) else len(nx.minimum_node_cut(g, s, t))

    per_peer["networkx"], sizes["networkx"] = _per_query(nx_cut, pairs, budget=nx_budget)
    for name, got in sizes.items():
        assert got == sizes["sim"][:len(got)], (name, got, sizes["sim"])
    core = __import__("sim.analysis.cuts", fromlist=["peel"]).peel(graph).core
    flows = sum(1 for s, t in pairs if core[s] and core[t])
    known = [x for x in sizes["sim"] if x is not None]
    return {"n": arrays.n, "queries": len(pairs), "times": per_peer, "notes": notes,
            "build": build, "flows": flows, "sizes": f"{min(known)}-{max(known)}"}


def _per_query(fn, pairs, budget: float | None = None):
    """Times and answers of ``fn`` on each pair (until ``budget`` seconds, if given)."""
    times, sizes, started = [], [], time.perf_counter()
    for s, t in pairs:
        if budget is not None and times and time.perf_counter() - started > budget:
            break
        t0 = time.perf_counter()
        sizes.append(fn(s, t))
        times.append(time.perf_counter() - t0)
    return times, sizes


# ---------------------------------------------------------------- risk

def bench_risk(n: int, trials: int = 10_000, budget: float = 20.0) -> dict:
    """Trials a second: the kernel against a loop of components per trial in each peer."""
    arrays, graph, roles = lattice(n)
    cap, strong, targets, cont = (roles["capital"], roles["strongholds"], roles["targets"],
                                  roles["contested"])
    p = np.full(len(cont), 0.5)
    own = np.ones(arrays.n, dtype=bool)

    def ours_run():
        return risk_arrays(graph, cont, p, cap, strong, [(cap, targets)], own, trials,
                           np.random.default_rng(0))

    ours = timed(ours_run, repeat=3)
    got = ours_run()
    hits, ours_off = got["lifeline_cut"][0] / trials, got["cut_off"].sum() / trials
    u, v = arrays.edge_u, arrays.edge_v
    rates, notes, rate_hits = {"sim": trials / ours}, {}, {}

    def trial_loop(name, components):
        rng, done, cuts, off, started = np.random.default_rng(0), 0, 0, 0, time.perf_counter()
        while done < 20 or time.perf_counter() - started < budget:
            alive = np.ones(arrays.n, dtype=bool)
            alive[cont[rng.random(len(cont)) < p]] = False
            keep = alive[u] & alive[v]
            lab = np.asarray(components(u[keep], v[keep]))
            piece = lab == lab[cap]
            cuts += not bool(piece[targets].any())
            off += np.count_nonzero(alive[strong] & ~piece[strong])  # strongholds cut off
            done += 1
        rates[name] = done / (time.perf_counter() - started)
        rate_hits[name] = (cuts, off, done)

    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    def scipy_cc(a, b):
        adj = coo_array((np.ones(len(a), np.int8), (a, b)), shape=(arrays.n, arrays.n)).tocsr()
        return connected_components(adj, directed=False)[1]

    trial_loop("scipy", scipy_cc)
    mod = peer("igraph")
    if mod is not None:
        trial_loop("igraph", lambda a, b: mod.Graph(n=arrays.n, edges=np.column_stack([a, b]))
                   .connected_components().membership)
    mod = peer("networkit")
    if mod is not None:
        def nk_cc(a, b):
            g = _nk_graph(mod, arrays.n, a, b)  # kept alive while cc reads it
            cc = mod.components.ConnectedComponents(g)
            cc.run()
            return cc.getPartition().getVector()
        trial_loop("networkit", nk_cc)
    mod = peer("rustworkx")
    if mod is not None:
        def rx_cc(a, b):
            lab = np.empty(arrays.n, dtype=np.int64)
            for k, comp in enumerate(mod.connected_components(_rx_graph(mod, arrays.n, a, b))):
                lab[list(comp)] = k
            return lab
        trial_loop("rustworkx", rx_cc)
    rates["networkx"], rate_hits["networkx"] = _nx_trials(arrays, roles, p, budget)
    for name, (cut, off, done) in rate_hits.items():
        notes[name] = (f"{done:,} trials (lifeline cut in {cut / done:.1%}, "
                       f"{off / done:.1f} strongholds cut off a trial)")
    notes["sim"] = (f"{trials:,} trials, contraction included (lifeline cut in {hits:.1%}, "
                    f"{ours_off:.1f} strongholds cut off a trial)")
    return {"n": arrays.n, "rates": rates, "notes": notes}


def _nx_trials(arrays, roles, p, budget: float):
    import networkx as nx

    g = nx_graph(arrays)
    cap, strong, targets, cont = (roles["capital"], roles["strongholds"], roles["targets"],
                                  roles["contested"])
    rng, done, cuts, off, started = np.random.default_rng(0), 0, 0, 0, time.perf_counter()
    while done < 5 or time.perf_counter() - started < budget:
        fallen = cont[rng.random(len(cont)) < p]
        gone = set(fallen.tolist())
        comp = nx.node_connected_component(nx.restricted_view(g, fallen.tolist(), []), cap)
        cuts += not any(t in comp for t in targets.tolist())
        off += sum(1 for s in strong.tolist() if s not in comp and s not in gone)
        done += 1
    return done / (time.perf_counter() - started), (cuts, off, done)


# ---------------------------------------------------------------- the what-if kernel

def after_falls_call(graph, cap, strong, targets, fallen):
    """The call of ``sim.analysis.kernel.after_falls`` the bench times: ``fallen`` falls."""
    from sim.analysis.kernel import after_falls

    del targets  # the kernel answers for the capital's piece and the strongholds
    fall = np.asarray([fallen])
    return (lambda: after_falls(graph.indptr, graph.indices, graph.mask, fall, cap, strong)), ""


def bench_kernel(n: int) -> dict:
    """One what-if (a place next to the capital falls) against components in each peer."""
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import connected_components

    arrays, graph, roles = lattice(n)
    cap, strong, targets = roles["capital"], roles["strongholds"], roles["targets"]
    fallen = int(graph.neighbours(cap)[0])
    rep = repeats(arrays.n)
    times, notes = {}, {}
    call, why = after_falls_call(graph, cap, strong, targets, fallen)
    if call is None:
        notes["sim"] = why
    else:
        try:
            times["sim"] = timed_spread(call, rep)
        except Exception as e:  # noqa: BLE001 - a kernel being written: report, do not stop
            notes["sim"] = f"after_falls failed: {type(e).__name__}: {e}"
    ip, ix = graph.indptr, graph.indices.astype(np.int32)

    def scipy_cc():
        keep = ix != fallen
        keep[ip[fallen]:ip[fallen + 1]] = False
        dropped = np.concatenate([[0], np.cumsum(~keep)])
        ptr = (ip - dropped[ip]).astype(np.int32)
        adj = csr_array((np.ones(len(ptr) and int(ptr[-1]), np.int8), ix[keep], ptr),
                        shape=(arrays.n, arrays.n))
        return connected_components(adj, directed=False)[1]

    times["scipy"] = timed_spread(scipy_cc, rep)
    notes["scipy"] = "filtered CSR built in the timing"
    for name, (mod, g, build) in peer_graphs(arrays).items():
        times[name] = timed_inner(_remove_and_label(name, mod, g, fallen), rep)
        notes[name] = "removing the place's roads timed; putting them back not"
    return {"n": arrays.n, "times": times, "notes": notes}


def _remove_and_label(name, mod, g, v):
    """A call that removes place ``v`` and labels the pieces, returning the time that took;
    it puts the place's roads back afterwards, outside the time."""
    def run():
        if name == "igraph":
            t0 = time.perf_counter()
            inc = g.incident(v)
            ends = [g.es[e].tuple for e in inc]
            g.delete_edges(inc)
            g.connected_components().membership
            took = time.perf_counter() - t0
            g.add_edges(ends)
        elif name == "rustworkx":
            t0 = time.perf_counter()
            nbrs = list(g.neighbors(v))
            g.remove_node(v)
            mod.connected_components(g)
            took = time.perf_counter() - t0
            assert g.add_node(v) == v
            g.add_edges_from_no_data([(v, x) for x in nbrs])
        else:
            t0 = time.perf_counter()
            nbrs = list(g.iterNeighbors(v))
            g.removeNode(v)
            mod.components.ConnectedComponents(g).run()
            took = time.perf_counter() - t0
            g.restoreNode(v)
            for x in nbrs:
                g.addEdge(v, x)
        return took
    return run


def timed_inner(fn, repeat: int) -> tuple[float, float, float]:
    """Like :func:`timed_spread` for a call that returns its own time."""
    fn()
    times = [fn() for _ in range(repeat)]
    return statistics.median(times), min(times), max(times)
