"""Benchmark of the k shortest routes on arrays (sim.analysis.kroutes) against networkx.

Run it with ``.venv/bin/python tools/bench_kroutes.py`` (``--quick``: 10^4 and
10^5 only). On the synthetic lattice of ``tools/bench.py`` (``lattice(n)``),
with its roads given new lengths drawn uniformly from 0.5 to 2 km (seeded),
it times ``k_shortest`` between the capital and the stronghold farthest from
it (by km, in the capital's piece) and, in the same run on the same graph,
networkx's ``shortest_simple_paths`` (the first k paths) on the sizes where
it finishes in reasonable time; the two must give the same routes. Every
figure is the median of several runs after one warm-up (networkx: fewer runs
at 10^5). It also says how each route's deviations were found: settled at
their first step from the tree of shortest ways, by a local search, or by a
Dijkstra over the whole graph (the fallback).

The figures are printed as a Markdown table; nothing is written.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from itertools import islice
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench import fmt_s, lattice  # noqa: E402
from bench_kernels import timed as median_time  # noqa: E402

from sim.analysis.arrays import from_edges, passable_from_mask  # noqa: E402
from sim.analysis.kroutes import k_shortest_search  # noqa: E402


def theatre(n: int, seed: int = 0):
    """(passable graph, capital, farthest stronghold, its distance) on ``lattice(n)``
    with road lengths uniform in 0.5-2 km."""
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import dijkstra

    arrays, _, roles = lattice(n, seed)
    km = np.random.default_rng(seed + 1).uniform(0.5, 2.0, len(arrays.edge_u))
    arrays = from_edges(arrays.n, arrays.edge_u, arrays.edge_v, km, arrays.population)
    graph = passable_from_mask(arrays, np.ones(arrays.n, dtype=bool))
    cap = roles["capital"]
    adj = csr_array((graph.km, graph.indices, graph.indptr), shape=(graph.n, graph.n))
    dist = dijkstra(adj, directed=True, indices=cap)
    strong = roles["strongholds"]
    strong = strong[np.isfinite(dist[strong])]
    far = int(strong[np.argmax(dist[strong])])
    return graph, cap, far, float(dist[far])


def networkx_routes(graph, source: int, target: int, k: int):
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(graph.n))
    a = graph.arrays
    g.add_weighted_edges_from(zip(a.edge_u.tolist(), a.edge_v.tolist(), a.edge_km.tolist()),
                              weight="km")

    def run():
        out = []
        for path in islice(nx.shortest_simple_paths(g, source, target, weight="km"), k):
            out.append((float(sum(g.edges[x, y]["km"] for x, y in zip(path, path[1:]))),
                        tuple(path)))
        return out

    return run


def bench(n: int, k: int, repeat: int, nx_repeat: int) -> dict:
    graph, cap, far, km = theatre(n)

    def ours():
        return k_shortest_search(graph.indptr, graph.indices, graph.km, graph.mask, cap, far, k)

    t_ours = median_time(ours, repeat)
    t_one = median_time(lambda: k_shortest_search(graph.indptr, graph.indices, graph.km,
                                                  graph.mask, cap, far, 1), repeat)
    found = ours()
    out = {"n": graph.n, "k": k, "ours": t_ours, "one": t_one, "found": found,
           "roads": len(found.routes[0][1]) - 1, "km": km, "nx": None}
    if nx_repeat:
        run = networkx_routes(graph, cap, far, k)
        times = []
        for _ in range(nx_repeat):
            t0 = time.perf_counter()
            theirs = run()
            times.append(time.perf_counter() - t0)
        assert [p for _, p in theirs] == [p for _, p in found.routes], "routes differ"
        assert [x for x, _ in theirs] == [x for x, _ in found.routes], "lengths differ"
        out["nx"] = statistics.median(times)
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10^4 and 10^5 only.")
    ap.add_argument("-k", type=int, default=3, help="How many routes (default 3).")
    args = ap.parse_args(argv)
    plan = [(10**4, 5, 3), (10**5, 5, 1)] + ([] if args.quick else [(10**6, 5, 0)])
    print("| Places | Roads on the shortest route | k_shortest (k=%d) | k=1 (one Dijkstra) "
          "| networkx shortest_simple_paths | Ratio | Deviations: looked at / first step / "
          "local search / Dijkstra fallback |" % args.k)
    print("| ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for n, repeat, nx_repeat in plan:
        r = bench(n, args.k, repeat, nx_repeat)
        f = r["found"]
        nx_cell = "-" if r["nx"] is None else fmt_s(r["nx"]) + (
            f" (median of {nx_repeat})" if nx_repeat > 1 else " (one run)")
        ratio = "-" if r["nx"] is None else f"{r['nx'] / r['ours']:,.0f}x faster"
        print(f"| {r['n']:,} | {r['roads']:,} ({r['km']:,.1f} km) | {fmt_s(r['ours'])} | "
              f"{fmt_s(r['one'])} | {nx_cell} | {ratio} | {f.deviations} / {f.direct} / "
              f"{f.local} / {f.dijkstra} |", flush=True)


if __name__ == "__main__":
    main()
