"""Time the criticality sweep and the what-if kernel at 10^6 places, each against a baseline.

Run it with ``.venv/bin/python tools/bench_kernel.py`` (``--n`` for another size,
``--repeat`` for another number of runs). On the synthetic road-like lattice of
``tools/bench.py`` it prints the median of the runs of

* ``sweep_arrays`` (the criticality sweep: the capital, its strongholds and one
  lifeline), next to rustworkx's ``articulation_points`` on the same graph (built
  once, outside the timing; rustworkx is needed for this baseline only);
* ``after_falls`` (one fall next to the capital), next to scipy's
  ``connected_components`` on a CSR freshly filtered for the places passable after
  the fall (the filtering timed with it), which finds the capital's piece but not
  which strongholds were joined to it before.

Both baselines run in the same process on the same graph, and their answers are
checked against ours before anything is timed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench import lattice  # noqa: E402
from bench_kernels import timed as median_time  # noqa: E402

from sim.analysis.critical import separation_tree, sweep_arrays  # noqa: E402
from sim.analysis.kernel import after_falls, csgraph  # noqa: E402


def filtered_components(indptr, indices, mask):
    """The baseline: filter the CSR to the masked places, then scipy's connected components."""
    from scipy.sparse.csgraph import connected_components

    keep = mask[indices] & np.repeat(mask, np.diff(indptr))
    kept = np.zeros(len(keep) + 1, dtype=np.int64)
    np.cumsum(keep, out=kept[1:])
    return connected_components(csgraph(kept[indptr], indices[keep]), directed=False)[1]


def bench_sweep(graph, roles, repeat: int) -> tuple[float, float | None, str]:
    cap, strong, targets = roles["capital"], roles["strongholds"], roles["targets"]
    ours = median_time(lambda: sweep_arrays(graph, cap, strong, [(cap, targets)]), repeat)
    try:
        import rustworkx as rx
    except ImportError:
        return ours, None, "rustworkx is not installed (pip install rustworkx): no baseline"
    g = rx.PyGraph()
    g.add_nodes_from(range(graph.n))
    u = np.repeat(np.arange(graph.n), np.diff(graph.indptr))
    up = u < graph.indices
    g.add_edges_from_no_data(list(zip(u[up].tolist(), graph.indices[up].tolist())))
    # The same answer: in the capital's piece, the places whose removal cuts something off.
    tree = separation_tree(graph.indptr, graph.indices, cap)
    cuts = tree.cut_off(np.ones(graph.n, dtype=np.int64)) > 0
    cuts[cap] = int(np.count_nonzero(tree.parent == 0)) > 1
    points = np.zeros(graph.n, dtype=bool)
    points[list(rx.articulation_points(g))] = True
    assert (points[tree.order] == cuts[tree.order]).all(), "the sweep and rustworkx disagree"
    base = median_time(lambda: rx.articulation_points(g), repeat)
    return ours, base, f"rustworkx {rx.__version__} articulation_points"


def bench_falls(graph, roles, repeat: int) -> tuple[float, float, str]:
    cap, strong = roles["capital"], roles["strongholds"]
    ip, ix = graph.indptr, graph.indices
    mask = graph.mask
    fall = int(ix[ip[cap]])  # the capital's first neighbour
    after = mask.copy()
    after[fall] = False
    got = after_falls(ip, ix, mask, [fall], cap, strong)
    labels = filtered_components(ip, ix, after)
    assert (got.piece == (labels == labels[cap])).all(), "the kernel and scipy disagree"
    ours = median_time(lambda: after_falls(ip, ix, mask, [fall], cap, strong), repeat)
    base = median_time(lambda: filtered_components(ip, ix, after), repeat)
    return ours, base, "scipy connected_components on a freshly filtered CSR"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10**6, help="Places in the lattice (default 10^6).")
    ap.add_argument("--repeat", type=int, default=7, help="Timed runs of each (default 7).")
    args = ap.parse_args(argv)
    arrays, graph, roles = lattice(args.n)
    print(f"lattice of {arrays.n:,} places and {len(arrays.edge_u):,} roads; "
          f"median of {args.repeat} runs")
    rows = [("criticality sweep (sweep_arrays)", *bench_sweep(graph, roles, args.repeat)),
            ("after_falls, one fall next to the capital",
             *bench_falls(graph, roles, args.repeat))]
    for what, ours, base, name in rows:
        line = f"{what:<42} {ours * 1000:8.1f} ms"
        if base is None:
            print(f"{line}   ({name})")
        else:
            print(f"{line}   baseline {base * 1000:8.1f} ms ({name}), "
                  f"{base / ours:.1f}x")


if __name__ == "__main__":
    main()
