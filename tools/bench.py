"""Benchmarks of the analyses on synthetic road-like theatres; writes docs/performance.md.

Run it with ``make bench`` (or ``.venv/bin/python tools/bench.py``). Every
figure is measured in the same run as its baseline, on the same graph:

* criticality sweep: the linear-time pass against the naive loop (make each
  place impassable in turn and recompute pockets and lifelines with
  networkx), timed on a sample of places and extrapolated to all of them;
* minimum cut: one query (one source, one target) against
  ``networkx.minimum_node_cut`` on the same passable graph;
* risk: trials a second against a networkx loop (one trial: draw the falls,
  take a view without the fallen places, search from the capital and from
  the lifeline's source);
* ``sim what-if`` on the Syria theatre: the whole process against
  ``python -c "import networkx, typer"``;
* memory: peak resident memory of a process that analyses a 10^6-place
  theatre, against the 2 GiB budget.

The synthetic theatre is a square lattice with random gaps and a few
diagonals (average degree about 2.9); 5% of places are strongholds, 10% are
contested; the faction holds everything; the capital is the junction (three
roads or more) of the largest piece nearest the lattice's centre; the
lifeline runs from the capital to three strongholds.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import textwrap
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


# ---------------------------------------------------------------- the synthetic theatre

def lattice(n: int, seed: int = 0):
    """A road-like lattice of about ``n`` places: (arrays, passable graph, roles)."""
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
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import connected_components
    adj = csr_array((np.ones(len(graph.indices), np.int8), graph.indices, graph.indptr),
                    shape=(arrays.n, arrays.n))
    _, label = connected_components(adj, directed=False)
    big = np.bincount(label).argmax()
    centre = (side // 2) * side + side // 2
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
    del centre
    return arrays, graph, {"capital": capital, "strongholds": strongholds,
                           "contested": contested, "targets": targets, "label": label, "big": big}


def nx_graph(arrays):
    import networkx as nx
    g = nx.Graph()
    g.add_nodes_from(range(arrays.n))
    g.add_edges_from(zip(arrays.edge_u.tolist(), arrays.edge_v.tolist()))
    return g


def timed(fn, repeat: int = 5) -> float:
    """Median wall time of ``repeat`` runs after one warm-up."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# ---------------------------------------------------------------- benchmarks

def bench_critical(n: int, sample: int) -> dict:
    import networkx as nx

    arrays, graph, roles = lattice(n)
    cap, strong, targets = roles["capital"], roles["strongholds"], roles["targets"]
    ours = timed(lambda: sweep_arrays(graph, cap, strong, [(cap, targets)]),
                 repeat=5 if n < 10**6 else 3)
    res = sweep_arrays(graph, cap, strong, [(cap, targets)])
    g = nx_graph(arrays)
    main = nx.node_connected_component(g, cap)
    strong_set = set(strong.tolist())
    pop = arrays.population
    rng = np.random.default_rng(1)
    places = rng.choice(arrays.n, size=min(sample, arrays.n), replace=False)

    def naive(v: int):
        h = nx.restricted_view(g, [v], [])
        if v == cap:
            comp = set()
        else:
            comp = nx.node_connected_component(h, cap)
        lost = main - comp - {v}
        ok = v != cap and any(t in comp for t in targets.tolist())
        return len(lost & strong_set), int(pop[list(lost)].sum()), not ok

    t0 = time.perf_counter()
    for v in places.tolist():
        s, p, cut = naive(v)
        assert s == res.strongholds[v] and p == res.population[v], v
        assert cut == bool(res.lifelines[v, 0]), v
    per_place = (time.perf_counter() - t0) / len(places)
    baseline = per_place * arrays.n
    return {"n": arrays.n, "m": len(arrays.edge_u), "ours": ours, "baseline": baseline,
            "sample": len(places)}


def bench_cut(n: int, queries: int, nx_queries: int) -> dict:
    import networkx as nx

    arrays, graph, roles = lattice(n)
    cap, label, big = roles["capital"], roles["label"], roles["big"]
    rng = np.random.default_rng(2)
    strong = roles["strongholds"]
    pool = strong[(label[strong] == big) & (strong != cap)]
    pairs = [(cap, int(t)) for t in rng.choice(pool, size=min(queries, len(pool)), replace=False)]
    cost = np.ones(arrays.n, dtype=np.int64)
    t0 = time.perf_counter()
    vertex_cut_arrays(graph, pairs[0][0], np.asarray([pairs[0][1]]), cost,
                      _eligible(arrays.n, *pairs[0]))
    build = time.perf_counter() - t0
    from sim.analysis.cuts import peel
    core = peel(graph).core
    times, sizes, flow_times = [], [], []
    for s, t in pairs:
        el = _eligible(arrays.n, s, t)
        t0 = time.perf_counter()
        value, cut = vertex_cut_arrays(graph, s, np.asarray([t]), cost, el)
        times.append(time.perf_counter() - t0)
        sizes.append(None if value is None else len(cut))
        if core[s] and core[t]:
            flow_times.append(times[-1])
    g = nx_graph(arrays)
    nx_times = []
    for (s, t), size in list(zip(pairs, sizes))[:nx_queries]:
        t0 = time.perf_counter()
        if g.has_edge(s, t):
            nx_size = None
        else:
            nx_size = len(nx.minimum_node_cut(g, s, t))
        nx_times.append(time.perf_counter() - t0)
        assert nx_size == size, (s, t, nx_size, size)
    return {"n": arrays.n, "ours": statistics.mean(times), "worst": max(times),
            "baseline": statistics.mean(nx_times), "queries": len(times),
            "nx_queries": len(nx_times), "build": build,
            "flow": statistics.mean(flow_times) if flow_times else None,
            "flows": len(flow_times),
            "sizes": f"{min(x for x in sizes if x is not None)}-"
                     f"{max(x for x in sizes if x is not None)}"}


def _eligible(n: int, s: int, t: int) -> np.ndarray:
    el = np.ones(n, dtype=bool)
    el[[s, t]] = False
    return el


def bench_risk(n: int, trials: int, nx_trials: int) -> dict:
    import networkx as nx

    arrays, graph, roles = lattice(n)
    cap, strong, targets, cont = (roles["capital"], roles["strongholds"], roles["targets"],
                                  roles["contested"])
    p = np.full(len(cont), 0.5)
    own = np.ones(arrays.n, dtype=bool)

    def ours_run():
        return risk_arrays(graph, cont, p, cap, strong, [(cap, targets)], own, trials,
                           np.random.default_rng(0))

    ours = timed(ours_run, repeat=3)
    g = nx_graph(arrays)
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    for _ in range(nx_trials):
        fallen = cont[rng.random(len(cont)) < p]
        h = nx.restricted_view(g, fallen.tolist(), [])
        alive = set(range(arrays.n)) - set(fallen.tolist())
        comp = nx.node_connected_component(h, cap) if cap in alive else set()
        _ = any(t in comp for t in targets.tolist())
        _ = [s for s in strong.tolist() if s in alive and s not in comp]
    nx_rate = nx_trials / (time.perf_counter() - t0)
    return {"n": arrays.n, "trials": trials, "ours": trials / ours, "baseline": nx_rate,
            "nx_trials": nx_trials}


def bench_whatif(repeat: int = 9) -> dict:
    py = sys.executable
    sim = str(Path(py).with_name("sim"))
    cmd_ours = [sim, "what-if", "--fall", "homs"]
    cmd_base = [py, "-c", "import networkx, typer"]

    def run(cmd):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        return time.perf_counter() - t0

    run(cmd_ours), run(cmd_base)
    ours, base = [], []
    for _ in range(repeat):
        ours.append(run(cmd_ours))
        base.append(run(cmd_base))
    return {"ours": statistics.median(ours), "baseline": statistics.median(base)}


MEMORY_CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    sys.path.insert(0, {tools!r})
    import numpy as np
    import bench
    from sim.analysis.critical import sweep_arrays
    from sim.analysis.cuts import vertex_cut_arrays
    from sim.analysis.risk import risk_arrays
    arrays, graph, roles = bench.lattice({n})
    cap, strong, targets = roles["capital"], roles["strongholds"], roles["targets"]
    sweep_arrays(graph, cap, strong, [(cap, targets)])
    t = int(targets[0])
    el = np.ones(arrays.n, dtype=bool); el[[cap, t]] = False
    vertex_cut_arrays(graph, cap, np.asarray([t]), np.ones(arrays.n, dtype=np.int64), el)
    risk_arrays(graph, roles["contested"], np.full(len(roles["contested"]), 0.5), cap, strong,
                [(cap, targets)], np.ones(arrays.n, dtype=bool), 2000, np.random.default_rng(0))
    print(bench.peak_memory())
""")

NX_MEMORY_CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    sys.path.insert(0, {tools!r})
    import bench
    arrays, graph, roles = bench.lattice({n})
    g = bench.nx_graph(arrays)
    print(bench.peak_memory())
""")


def peak_memory() -> int:
    """This process's peak resident memory in bytes.

    Read from ``VmHWM`` (reset by exec), not ``ru_maxrss``, which on Linux keeps the
    high-water mark of the parent the process was forked from.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def bench_memory(n: int) -> dict:
    def child(code):
        out = subprocess.run([sys.executable, "-c", code.format(
            root=str(ROOT), tools=str(ROOT / "tools"), n=n)], capture_output=True, text=True,
            check=True)
        return int(out.stdout.strip().splitlines()[-1])

    return {"n": n, "ours": child(MEMORY_CHILD), "baseline": child(NX_MEMORY_CHILD)}


def write_csv_theatre(n: int, folder: Path) -> None:
    """The lattice of about ``n`` places as a CSV theatre with a scenario, in ``folder``."""
    arrays, graph, roles = lattice(n)
    side = int(round(n ** 0.5))
    with open(folder / "places.csv", "w") as f:
        f.write("id,name,lat,lon,kind,country,population,aliases\n")
        for i in range(arrays.n):
            r, c = divmod(i, side)
            f.write(f"p{i},P{i},{30 + r * 0.001:.4f},{35 + c * 0.001:.4f},town,SY,"
                    f"{int(arrays.population[i])},\n")
    ip, ix = graph.indptr, graph.indices
    with open(folder / "roads.csv", "w") as f:
        f.write("a,b,km,class,ref\n")
        for a in range(arrays.n):
            for b in ix[ip[a]:ip[a + 1]]:
                if a < b:
                    f.write(f"p{a},p{b},1.0,primary,\n")  # the sweep ignores lengths
    cap = roles["capital"]
    strong = ", ".join(f'"p{s}"' for s in roles["strongholds"][:50])
    (folder / "scenario.toml").write_text(
        f'[scenario]\nid = "lattice"\ndate = "2024-12-06"\ntheatre = "."\n'
        f'default_holder = "gov"\n\n[factions.gov]\ncapital = "p{cap}"\nadversary = "reb"\n'
        f'strongholds = [{strong}]\n\n[factions.reb]\nadversary = "gov"\n\n'
        f'[[lifeline]]\nname = "Capital - far"\nfaction = "gov"\nsource = "p{cap}"\n'
        f'targets = ["p{roles["strongholds"][0]}"]\n')


LOAD_CHILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    sys.path.insert(0, {tools!r})
    import bench
    t0 = time.perf_counter()
    from sim.cli import app
    app([{args}], standalone_mode=False)
    print(time.perf_counter() - t0)
    print(bench.peak_memory())
""")

NX_LOAD_CHILD = textwrap.dedent("""
    import csv, sys, time
    sys.path.insert(0, {tools!r})
    import bench
    import networkx as nx
    t0 = time.perf_counter()
    g = nx.Graph()
    with open({folder!r} + "/places.csv") as f:
        for row in csv.DictReader(f):
            g.add_node(row["id"], name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
                       population=int(row["population"]))
    with open({folder!r} + "/roads.csv") as f:
        for row in csv.DictReader(f):
            g.add_edge(row["a"], row["b"], km=float(row["km"]))
    print(time.perf_counter() - t0)
    print(bench.peak_memory())
""")


def bench_load(n: int) -> dict:
    """Peak memory and time of `sim critical` on a CSV theatre of about ``n`` places,
    against reading the same files into a networkx Graph."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_csv_theatre(n, folder)
        args = ", ".join(repr(a) for a in ["critical", str(folder / "scenario.toml"),
                                           "--faction", "gov", "--top", "3"])

        def child(code):
            out = subprocess.run([sys.executable, "-c", code.format(
                root=str(ROOT), tools=str(ROOT / "tools"), args=args, folder=str(folder))],
                capture_output=True, text=True, check=True)
            seconds, peak = out.stdout.strip().splitlines()[-2:]
            return float(seconds), int(peak)

        ours, base = child(LOAD_CHILD), child(NX_LOAD_CHILD)
    return {"n": n, "ours": ours[1], "baseline": base[1], "ours_s": ours[0], "base_s": base[0]}


# ---------------------------------------------------------------- report

def fmt_s(x: float) -> str:
    if x >= 100:
        return f"{x:,.0f} s"
    if x >= 1:
        return f"{x:.2f} s"
    if x >= 0.001:
        return f"{x * 1000:.1f} ms"
    return f"{x * 1e6:.0f} µs"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="Smaller sizes, no 10^6 runs.")
    ap.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    args = ap.parse_args(argv)
    sizes = [10**3, 10**4] if args.quick else [10**3, 10**4, 10**5, 10**6]
    rows = []

    def row(what, size, ours, baseline, ratio, target, met, note=""):
        rows.append((what, size, ours, baseline, ratio, target, met, note))
        print(f"{what:<34} {size:>9}  {ours:>12}  {baseline:>14}  {ratio:>12}  "
              f"{'ok' if met else ('-' if met is None else 'MISSED')}  {note}", flush=True)

    for n in sizes:
        sample = {10**3: 200, 10**4: 50, 10**5: 20, 10**6: 3}[n]
        r = bench_critical(n, sample)
        target, met = "", None
        if n == 10**5:
            target = "< 0.05 s and >= 10,000x"
            met = r["ours"] < 0.05 and r["baseline"] / r["ours"] >= 10_000
        if n == 10**6:
            target, met = "< 0.5 s", r["ours"] < 0.5
        row("criticality sweep", f"{r['n']:,}", fmt_s(r["ours"]), fmt_s(r["baseline"]) + "*",
            f"{r['baseline'] / r['ours']:,.0f}x faster", target, met,
            f"naive loop extrapolated from {r['sample']} places")
    for n in sizes[:3]:
        q, nq = {10**3: (50, 20), 10**4: (30, 5), 10**5: (20, 2)}[n]
        r = bench_cut(n, q, nq)
        target, met = "", None
        if n == 10**5:
            target = "< 0.03 s a query and >= 100x"
            met = r["ours"] < 0.03 and r["baseline"] / r["ours"] >= 100
        row("minimum cut (a query)", f"{r['n']:,}", fmt_s(r["ours"]), fmt_s(r["baseline"]),
            f"{r['baseline'] / r['ours']:,.0f}x faster", target, met,
            f"mean of {r['queries']} queries (worst {fmt_s(r['worst'])}, cut sizes "
            f"{r['sizes']}); the {r['flows']} with both ends in the core (a full max-flow) "
            f"took {fmt_s(r['flow']) if r['flow'] else '-'} on average; networkx on "
            f"{r['nx_queries']}; network built once in {fmt_s(r['build'])}")
    for n in sizes[:3]:
        t, nt = {10**3: (10000, 200), 10**4: (10000, 40), 10**5: (10000, 5)}[n]
        r = bench_risk(n, t, nt)
        target, met = "", None
        if n == 10**5:
            target, met = ">= 10,000 trials/s", r["ours"] >= 10_000
        row("risk (trials a second)", f"{r['n']:,}", f"{r['ours']:,.0f}/s",
            f"{r['baseline']:,.1f}/s", f"{r['ours'] / r['baseline']:,.0f}x more", target, met,
            f"{r['trials']:,} trials incl. contraction; networkx loop on {r['nx_trials']}")
    r = bench_whatif()
    row("`sim what-if --fall homs` process", "Syria", fmt_s(r["ours"]), fmt_s(r["baseline"]),
        f"{r['ours'] / r['baseline']:.2f}x the baseline", "<= 1.5x", r["ours"] <= 1.5 * r["baseline"],
        'baseline: python -c "import networkx, typer"')
    if not args.quick:
        r = bench_memory(10**6)
        gib, mib = 2**30, 2**20
        row("peak memory, 10^6-place analysis", "1,000,000", f"{r['ours'] / mib:,.0f} MiB",
            f"{r['baseline'] / mib:,.0f} MiB", f"{r['ours'] / r['baseline']:.2f}x networkx",
            "<= 2 GiB", r["ours"] <= 2 * gib,
            "peak of a process that generates the theatre, then runs the sweep, one cut and "
            "2,000 risk trials; baseline: a process that generates it and builds the same "
            "graph as a networkx Graph")
        r = bench_load(10**6)
        row("peak memory, 10^6-place CSV theatre loaded and swept", "1,000,000",
            f"{r['ours'] / mib:,.0f} MiB", f"{r['baseline'] / mib:,.0f} MiB",
            f"{r['ours'] / r['baseline']:.2f}x networkx", "<= 2 GiB", r["ours"] <= 2 * gib,
            f"the whole `sim critical` process on places.csv + roads.csv ({r['ours_s']:.0f} s); "
            f"baseline: reading the same files into a networkx Graph with csv "
            f"({r['base_s']:.0f} s)")
    write_report(Path(args.output), rows, args.quick)


def write_report(path: Path, rows, quick: bool) -> None:
    import numpy
    import scipy
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    lines = [
        "# Performance",
        "",
        "Measured by `make bench` (which runs `.venv/bin/python tools/bench.py`); the tool",
        "rewrites this page. Each figure is set against a baseline measured in the same run on",
        "the same input. Figures marked * are extrapolated: the naive loop was timed on a sample",
        "of places and multiplied by the number of places.",
        "",
        "```sh",
        "make bench                          # all sizes, about three minutes",
        ".venv/bin/python tools/bench.py --quick   # 10^3 and 10^4 only",
        "```",
        "",
        f"Machine: {os.cpu_count()} cores, {cpu or platform.machine()}; Python "
        f"{platform.python_version()}, numpy {numpy.__version__}, scipy {scipy.__version__}"
        + (" (quick run)" if quick else "") + ".",
        "",
        "| What | Places | Ours | Baseline | Ratio | Target | Met | Notes |",
        "| --- | ---: | ---: | ---: | ---: | --- | :---: | --- |",
    ]
    for what, size, ours, base, ratio, target, met, note in rows:
        mark = "" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {what} | {size} | {ours} | {base} | {ratio} | {target} | {mark} | "
                     f"{note} |")
    lines += ["", PERF_NOTES.strip(), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {path}")


PERF_NOTES = """
## The synthetic theatres

A square lattice of side sqrt(n): each horizontal and vertical road exists with probability
0.66, each diagonal with probability 0.06, so the average degree is about 2.9 and almost
every place lies in one large piece, with dead ends, loops and bottlenecks much like a road
map. 5% of places are strongholds, 10% contested (each falls with chance 0.5 in the risk
runs). The faction holds every place; its capital is the centre; its lifeline runs from the
capital to three strongholds.

## How the fast paths work

* **Criticality sweep** (`sim/analysis/critical.py`): one depth-first search per root
  (scipy's compiled `depth_first_order`), then numpy only: each place's lowest reachable
  depth-first position by `minimum.reduceat` over the adjacency, subtree ends and low
  points by range minima over sparse tables, and what each removal cuts off by prefix sums
  in depth-first order. Linear in the roads, plus a logarithmic factor for the tables.
* **Minimum cut** (`sim/analysis/cuts.py`): dead-end trees are peeled off once per graph
  (a place hanging in one is cut off by any place on its way to the rest, so such queries
  need no flow at all); the rest is a node-split network (each place an entrance and an
  exit joined by an arc of its weight) built once per graph with every reverse arc already
  present, so that each query only fills a capacity array, runs scipy's `maximum_flow`
  (Edmonds-Karp) from the target side, which on road maps keeps its searches on the
  smaller side, and reads the cut nearest the source off the transposed residual network
  with one breadth-first search.
* **Risk** (`sim/analysis/risk.py`): the places no trial can change are contracted into
  fixed pieces, places at risk that touch only one piece and matter to nobody are dropped,
  then a breadth-first search spreads 64 trials per 64-bit word, over all words at once.

## Limits

* Loading scales to 10^6 places within the memory budget (the row above), but the
  commands built on networkx views (`what-if`, `show`, `routes`) are meant for theatres
  up to about 10^5 places: at 10^6, `sim what-if` took about 3 minutes and 5.7 GiB on this
  machine. `critical`, `cut` and `risk` work on arrays and stay fast at 10^6.
* `sim what-if` start-up is close to its budget. Most of it is importing networkx, which
  the baseline pays too; the rest is the package's own imports and reading the theatre
  and scenario files (about 25 ms). Two choices keep it within 1.5x: the readers of
  foreign formats, the charts, scipy and numpy are imported only when a command needs
  them, and typer stays below 0.27, whose later releases import pydantic on every command
  (about 0.1 s, more than the whole margin).
* The figures above are for the analysis kernels on arrays. The library functions
  (`criticality`, `min_cut`, `estimate_risk`) first turn a `Theatre` and a `Control` into
  those arrays, a pass in Python over places and roads (cached per theatre for the roads).
* A 10^6-place `Theatre` loaded from CSV takes about 30 s (parsing and checking every
  row in Python). Its networkx graph and its name index are built only when a command
  needs them, which keeps the load within the memory budget.
"""


if __name__ == "__main__":
    main()
