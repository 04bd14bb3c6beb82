"""Benchmarks of sim against its peers, and of every command end to end; writes docs/performance.md.

Run it with ``make bench`` (which installs the ``bench`` extra: rustworkx,
igraph, networkit) or ``.venv/bin/python tools/bench.py``. Every figure is
set against the best peer that computes the same or less, measured in the
same run on the same graph (``tools/bench_kernels.py``); every command runs
end to end in a fresh process on a CSV theatre of 10^5 and 10^6 places,
cold and warm, against a short networkx script (``tools/bench_commands.py``).
A peer that is not installed is skipped with a note.

``--only NAME`` (sweep, cut, risk, kernel, e2e, startup; repeatable) reruns
parts: the page keeps the other parts' tables from its last run. ``--sizes``
picks the sizes (e.g. ``--sizes 1e3,1e4``).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_commands import bench_e2e, bench_startup, write_csv_theatre  # noqa: E402,F401
from bench_kernels import (PEERS, bench_cut, bench_kernel, bench_risk, bench_sweep,  # noqa: E402
                           lattice, nx_graph, peer)

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("sweep", "cut", "risk", "kernel", "e2e", "startup")
GIB = 2**30
TARGETS = {"sweep": 0.25, "kernel": 0.05, "cold_s": 10.0, "cold_mem": 2 * GIB, "warm_s": 2.0,
           "startup": 1.3}


def peak_memory() -> int:
    """This process's peak resident memory in bytes (``VmHWM``, which exec resets)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# ---------------------------------------------------------------- formatting

def fmt_s(x: float | None) -> str:
    if x is None:
        return "-"
    if x >= 100:
        return f"{x:,.0f} s"
    if x >= 1:
        return f"{x:.2f} s"
    if x >= 0.001:
        return f"{x * 1000:.1f} ms"
    return f"{x * 1e6:.0f} µs"


def fmt_mib(b: int) -> str:
    return f"{b / 2**20:,.0f} MiB" if b else "-"


def met(value: float | None, target: float, unit=fmt_s) -> str:
    """'yes', or by how much ``value`` misses the ceiling ``target``."""
    if value is None:
        return "not measured"
    if value <= target:
        return "yes"
    return f"**no**: {unit(value)}, {value / target:.1f}x the target"


def ratio(ours: float | None, peer_time: float | None) -> str:
    if ours is None or peer_time is None:
        return "-"
    r = peer_time / ours
    return f"{r:,.1f}x faster" if r >= 1 else f"{1 / r:,.1f}x slower"


def table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def best(times: dict, names) -> tuple[str | None, float | None]:
    got = [(t, k) for k, t in times.items() if k in names and t is not None]
    return (min(got)[1], min(got)[0]) if got else (None, None)


def missing_note(found) -> str:
    gone = [p for p in PEERS if peer(p) is None]
    return (f"Not installed, so not measured: {', '.join(gone)} (`make bench` installs the "
            "`bench` extra)." if gone else "")


# ---------------------------------------------------------------- the parts

def part_sweep(sizes, log) -> list[str]:
    peers = ("rustworkx", "igraph", "networkit", "networkx")
    rows = []
    for n in sizes:
        r = bench_sweep(n)
        med = {k: v[0] for k, v in r["times"].items()}
        name, t = best(med, peers)
        nv = r["naive"]
        row = [f"{r['n']:,}", f"{r['m']:,}", fmt_s(med["sim"])]
        row += [fmt_s(med.get(p)) if p in med else "not installed" for p in peers]
        row += [f"{ratio(med['sim'], t)} than {name}",
                met(med["sim"], TARGETS["sweep"]) if r["n"] >= 10**6 else "",
                f"{fmt_s(nv['median'])} a removal (10th-90th percentile "
                f"{fmt_s(nv['p10'])}-{fmt_s(nv['p90'])}, {nv['sample']:,} removals); "
                f"{fmt_s(nv['total'])} for all {r['n']:,}"]
        rows.append(row)
        log("sweep", row)
    lines = table(["Places", "Roads", "sim sweep", "rustworkx", "igraph", "networkit",
                   "networkx", "Against the fastest peer", "Met (<= 0.25 s at 10^6)",
                   "Context: the naive loop"], rows)
    return lines + ["", missing_note(None)]


def part_cut(sizes, log) -> list[str]:
    peers = ("igraph", "networkit", "networkx")
    rows = []
    for n in sizes:
        budget = 60.0 if n <= 10**5 else 0.0
        r = bench_cut(n, nx_budget=budget)
        mean = {k: statistics.mean(v) for k, v in r["times"].items() if v}
        worst = {k: max(v) for k, v in r["times"].items() if v}
        count = {k: len(v) for k, v in r["times"].items()}
        name, t = best({k: v for k, v in mean.items() if count[k] == r["queries"]}, peers)
        row = [f"{r['n']:,}", f"{r['queries']} ({r['flows']} need a max-flow)",
               f"{fmt_s(mean['sim'])} (worst {fmt_s(worst['sim'])})"]
        for p in peers:
            if p not in mean:
                row.append("not installed")
            else:
                row.append(f"{fmt_s(mean[p])} (worst {fmt_s(worst[p])})"
                           + ("" if count[p] == r["queries"] else f", on {count[p]} queries"))
        row += [f"{ratio(mean['sim'], t)} than {name}" if name else "-",
                f"cut sizes {r['sizes']}; sim's flow network built once in {fmt_s(r['build'])}"]
        rows.append(row)
        log("cut", row)
    lines = table(["Places", "Queries", "sim (mean a query)", "igraph", "networkit", "networkx",
                   "Against the fastest peer on all queries", "Notes"], rows)
    return lines + ["", missing_note(None)]


def part_risk(sizes, log) -> list[str]:
    peers = ("scipy", "igraph", "networkit", "rustworkx")
    rows = []
    for n in sizes:
        r = bench_risk(n, budget=10.0 if n < 10**6 else 30.0)
        rates = r["rates"]
        got = {k: v for k, v in rates.items() if k in peers}
        name = max(got, key=got.get)
        row = [f"{r['n']:,}", f"{rates['sim']:,.0f}/s"]
        row += [f"{rates[p]:,.1f}/s" if p in rates else "not installed" for p in peers]
        row += [f"{rates['sim'] / got[name]:,.0f}x the trials of {name}",
                f"{rates['networkx']:,.2f}/s",
                "; ".join(f"{k}: {v}" for k, v in r["notes"].items())]
        rows.append(row)
        log("risk", row)
    lines = table(["Places", "sim", "scipy loop", "igraph loop", "networkit loop",
                   "rustworkx loop", "Against the fastest loop", "Context: networkx loop",
                   "Trials"], rows)
    return lines + ["", missing_note(None)]


def part_kernel(sizes, log) -> list[str]:
    peers = ("scipy", "igraph", "rustworkx", "networkit")
    rows, notes = [], {}
    for n in sizes:
        r = bench_kernel(n)
        med = {k: v[0] for k, v in r["times"].items()}
        name, t = best(med, peers)
        ours = med.get("sim")
        row = [f"{r['n']:,}", fmt_s(ours) if ours is not None else "not run"]
        row += [fmt_s(med.get(p)) if p in med else "not installed" for p in peers]
        row += [f"{ratio(ours, t)} than {name}" if ours is not None else "-",
                met(ours, TARGETS["kernel"]) if r["n"] >= 10**6 else ""]
        rows.append(row)
        notes.update(r["notes"])
        log("kernel", row)
    lines = table(["Places", "sim after_falls", "scipy", "igraph", "rustworkx", "networkit",
                   "Against the fastest peer", "Met (<= 0.05 s at 10^6)"], rows)
    extra = [f"* {k}: {v}." for k, v in sorted(notes.items())]
    return lines + [""] + extra + ["", missing_note(None)]


def part_e2e(sizes, log, timeout: float | None) -> dict[int, list[str]]:
    """One block per size (the page keeps the blocks of sizes not rerun)."""
    blocks = {}
    for n in sizes:
        out = []
        limit = timeout or (600.0 if n >= 10**6 else 120.0)
        r = bench_e2e(n, limit, log=lambda s: print(s, flush=True))
        base = r["baseline"]
        rows = []
        for label, cold, warm in r["rows"]:
            rows.append([f"`sim {label}`", _cell(cold, limit), fmt_mib(cold.peak),
                         _cell(warm, limit) if warm else "not run (the cold run did not end well)",
                         f"{cold.seconds / base.seconds:.1f}x" if cold.ok else "-",
                         met(cold.seconds, TARGETS["cold_s"]) if cold.ok else "**no**",
                         met(cold.peak, TARGETS["cold_mem"], fmt_mib) if cold.peak else "-",
                         met(warm.seconds, TARGETS["warm_s"]) if warm and warm.ok else "**no**"])
            log("e2e", rows[-1])
        out += [f"### {r['n']:,} places, {r['roads']:,} roads", "",
                f"Baseline (networkx script): {fmt_s(base.seconds)}, {fmt_mib(base.peak)} "
                f"(median of 3 runs). Timeout: {limit:.0f} s a run.", ""]
        out += table(["Command", "Cold", "Cold peak", "Warm", "Cold / baseline",
                      "Met (cold <= 10 s)", "Met (cold <= 2 GiB)", "Met (warm <= 2 s)"], rows)
        out.append("")
        out += [f"* `sim {label}` exited {c.code}: {c.error}" for label, c, _ in r["rows"]
                if c.code not in (0, None)]
        blocks[n] = out
    return blocks


def _cell(r, limit: float) -> str:
    if r.code is None:
        return f"did not finish in {limit:.0f} s"
    if r.code:
        return f"failed (exit {r.code})"
    return f"{fmt_s(r.seconds)}, {fmt_mib(r.peak)}"


def part_startup(sizes, log) -> list[str]:
    r = bench_startup()
    rows = []
    for mode, label in (("bytecode", "bytecode compiled (as installed, after one run)"),
                        ("source", "no bytecode (PYTHONDONTWRITEBYTECODE=1, an empty "
                                   "PYTHONPYCACHEPREFIX)")):
        x = r[mode]
        k = x["ours"] / x["baseline"]
        rows.append([label, f"{fmt_s(x['ours'])} (IQR {fmt_s(x['ours_iqr'][0])}-"
                            f"{fmt_s(x['ours_iqr'][1])})",
                     f"{fmt_s(x['baseline'])} (IQR {fmt_s(x['base_iqr'][0])}-"
                     f"{fmt_s(x['base_iqr'][1])})", f"{k:.2f}x",
                     "yes" if k <= TARGETS["startup"] else
                     f"**no**: {k:.2f}x, {k / TARGETS['startup']:.2f}x the target", x["runs"]])
        log("startup", rows[-1])
    return table(["Bytecode", "`sim what-if --fall homs`", 'python -c "import networkx, typer"',
                  "Ratio", "Met (<= 1.3x)", "Runs each"], rows)


# ---------------------------------------------------------------- the page

TITLES = {
    "sweep": "Criticality sweep",
    "cut": "Minimum cut",
    "risk": "Risk (trials a second)",
    "kernel": "The what-if kernel",
    "e2e": "Every command end to end",
    "startup": "Start-up",
}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", choices=PARTS, metavar="NAME",
                    help=f"Run only this part ({', '.join(PARTS)}); repeatable.")
    ap.add_argument("--sizes", help="Comma-separated sizes, e.g. 1e3,1e4 (default: 10^3 to 10^6; "
                                    "e2e: 10^5 and 10^6).")
    ap.add_argument("--timeout", type=float, help="Seconds a command may run in e2e (default: "
                                                  "600 at 10^6, 120 below).")
    ap.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    args = ap.parse_args(argv)
    sizes = sorted(int(float(s.replace("10^", "1e"))) for s in args.sizes.split(",")) \
        if args.sizes else None
    parts = args.only or list(PARTS)
    kernel_sizes = sizes or [10**3, 10**4, 10**5, 10**6]
    e2e_sizes = sizes or [10**5, 10**6]

    def log(part, row):
        print(f"[{part}] " + " | ".join(str(c) for c in row), flush=True)

    sections = {}
    for part in parts:
        print(f"== {part}", flush=True)
        if part == "e2e":
            body = part_e2e(e2e_sizes, log, args.timeout)
        else:
            body = globals()[f"part_{part}"](kernel_sizes, log)
        sections[part] = body
    write_page(Path(args.output), sections)


def machine_line() -> str:
    import numpy
    import scipy
    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = [f"Python {platform.python_version()}", f"numpy {numpy.__version__}",
                f"scipy {scipy.__version__}"]
    for name in ("networkx", *PEERS):
        mod = peer(name)
        versions.append(f"{name} {mod.__version__}" if mod else f"{name} not installed")
    return (f"{os.cpu_count()} cores ({cpu}), shared with other work while measuring; "
            + ", ".join(versions))


def write_page(path: Path, sections: dict) -> None:
    """Write the page: fresh sections from this run, the rest kept from the page as it was."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    stamp = f"Measured {datetime.date.today().isoformat()} on: {machine_line()}."
    blocks = []
    for part in PARTS:
        if part == "e2e":
            body = _e2e_blocks(old, sections.get(part, {}), stamp)
        elif part in sections:
            body = "\n".join([stamp, "", *sections[part]]).rstrip()
        else:
            body = _kept(old, part)
        blocks.append(f"## {TITLES[part]}\n\n{INTRO[part].strip()}\n\n<!-- bench:{part} -->\n"
                      f"{body}\n<!-- /bench:{part} -->\n")
    text = "\n".join([HEADER.strip(), "", *blocks, NOTES.strip(), ""])
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")


def _kept(old: str, key: str) -> str:
    m = re.search(rf"<!-- bench:{key} -->\n(.*?)\n<!-- /bench:{key} -->", old, re.S)
    return m.group(1) if m else f"Not measured yet: `tools/bench.py --only {key.split(':')[0]}`."


def _e2e_blocks(old: str, fresh: dict, stamp: str) -> str:
    """The end-to-end blocks by size: this run's, and the page's own for the other sizes."""
    inner = _kept(old, "e2e")
    sizes = {int(k) for k in re.findall(r"<!-- bench:e2e:(\d+) -->", inner)} | set(fresh)
    out = []
    for n in sorted(sizes):
        key = f"e2e:{n}"
        body = ("\n".join([stamp, "", *fresh[n]]).rstrip() if n in fresh
                else _kept(inner, key))
        out.append(f"<!-- bench:{key} -->\n{body}\n<!-- /bench:{key} -->")
    return "\n\n".join(out) if out else "Not measured yet: `tools/bench.py --only e2e`."


HEADER = """
# Performance

Written by `make bench` (which installs the `bench` extra and runs
`.venv/bin/python tools/bench.py`); the tool rewrites this page. Each figure of sim is
set against the fastest peer that computes the same or less, measured in the same run on
the same graph, with every library's graph built beforehand (building it is not timed).
Times are medians of several runs; the machine was shared with other work, so expect
noise of some tens of percent. A "Met" column gives each target; a missed one says by
how much.

```sh
make bench                                      # everything (an hour or more)
.venv/bin/python tools/bench.py --only sweep --sizes 1e5,1e6   # one part, some sizes
.venv/bin/python tools/bench.py --only e2e --sizes 1e5 --timeout 60
```

`--only` reruns one part and keeps the other parts' tables as they were (each says when
and where it was measured).
"""

INTRO = {
    "sweep": """
`sim.analysis.critical.sweep_arrays` on the lattice (every place held, one lifeline to
three strongholds): for every place, the strongholds, people and lifelines its fall
alone cuts off from the capital. The peers compute less, only which places are
articulation points: rustworkx and igraph `articulation_points`, networkx's linear
`articulation_points`, and networkit, which has no such routine, through its
`BiconnectedComponents` (a place in two blocks is one). The run checks that every peer
finds the same articulation points in the capital's piece as the sweep's tree. The naive
loop (remove each place in turn, recompute the capital's piece with networkx, and
compare with the sweep) is context only, not a yardstick: it is timed on random places
for at least 30 s (at most 2,000 removals) and its total is that median times the
number of places.
""",
    "cut": """
`vertex_cut_arrays`: the fewest places whose fall separates the capital from one
stronghold, on 20 queries (capital, a random stronghold of its piece). igraph (`mincut`,
push-relabel) and networkit (`EdmondsKarp`) run a max-flow on the same node-split network
(each place an arc of capacity 1 from its entrance to its exit, each road two arcs no cut
can use), built once and not timed; networkx runs `minimum_node_cut` on the undirected
graph. Every peer's cut size is checked against sim's. networkx runs on every query up to
10^5 places within 60 s (the table says on how many it ran), and on one query at 10^6.
Queries where one end hangs in a dead-end tree need no flow in sim (the table says how
many needed one); the peers run a full max-flow on all of them.
""",
    "risk": """
`risk_arrays`: 10,000 Monte Carlo trials in which each of the 10% contested places falls
with chance 0.5; each trial asks whether the lifeline is cut and which strongholds are
cut off from the capital. sim's rate includes contracting the places no trial can change.
The peer loops do per trial what a careful user would write: draw the falls, keep the
roads between surviving places (numpy), label the pieces with the library's connected
components (scipy's on a CSR built from them, igraph's, networkit's, rustworkx's on a
graph built from them), and read the answers off the labels. Each loop runs for at least
10 s (30 s at 10^6) and 20 trials. The networkx loop (a view without the fallen places,
one search from the capital) is context.
""",
    "kernel": """
`sim.analysis.kernel.after_falls`: a what-if on arrays, here the fall of a place next to
the capital. Against: scipy `connected_components` on the CSR with the place's roads
filtered out (the filtering timed), and igraph, rustworkx and networkit connected
components after removing the place's roads from their graph (the removal timed, putting
them back not). Target: at most 0.05 s at 10^6 places.
""",
    "e2e": """
Every command on the CSV theatre `write_csv_theatre` writes (the lattice as
`places.csv` and `roads.csv`; one faction holds everything, 50 strongholds, one
lifeline, 1% of places contested), each a fresh process with its output to /dev/null:
wall time and peak resident memory (`VmHWM`, written by the process at exit). **Cold**:
an empty cache (`SIM_CACHE_DIR` set to a new folder); **warm**: the same command again
with the same cache folder. The baseline is a short networkx script: read the two CSVs
with `csv`, build an `nx.Graph` with the places' attributes and the roads' km, and one
breadth-first search from the capital. Targets: cold at most 10 s and 2 GiB, warm at most
2 s. A run past its timeout is killed and reported as not finished.
""",
    "startup": """
`sim what-if --fall homs` on the bundled scenario, against `python -c "import networkx,
typer"`: the medians of interleaved runs of each (with a warm cache folder), both with the
bytecode caches an installed package has and with no bytecode at all, every module
compiled from source on each run. Target: at most 1.3x the baseline.
""",
}

NOTES = """
## The synthetic theatres

A square lattice of side sqrt(n): each horizontal and vertical road exists with probability
0.66, each diagonal with probability 0.06, so the average degree is about 2.9 and almost
every place lies in one large piece, with dead ends, loops and bottlenecks much like a road
map. 5% of places are strongholds, 10% contested (each falls with chance 0.5 in the risk
runs). The faction holds every place; its capital is the junction nearest the centre; its
lifeline runs from the capital to three strongholds.

## How the fast paths work

* **Criticality sweep** (`sim/analysis/critical.py`): one depth-first search per root
  (scipy's compiled `depth_first_order`), a second one over the tree it finds (which says
  where each subtree ends), then numpy only: each place's lowest reachable depth-first
  position by `minimum.reduceat` over the adjacency, low points folded up the tree, and
  what each removal cuts off by prefix sums in depth-first order. Linear in the roads,
  plus the sorts of the tree's places by parent.
* **Every command** (`sim/analysis/engine.py`): past 20,000 places the what-if, show,
  routes and export questions run on the same arrays: the passable places as a mask read
  from the holdings' integer codes, the usable roads as the theatre's one symmetric CSR
  with the unusable entries dropped, pieces by scipy's connected components, lifelines by
  its Dijkstra, chokepoints by the sweep's separation tree, routes by Yen's k-shortest
  over the same CSR (`sim/analysis/kroutes.py`). Theatres are read by vectorised readers
  and kept parsed in the user's cache (`sim/cache.py`); reports summarise, `--json`
  streams.
* **Minimum cut** (`sim/analysis/cuts.py`): dead-end trees are peeled off once per graph
  (a place hanging in one is cut off by any place on its way to the rest, so such queries
  need no flow at all); the rest is a node-split network built once per graph with every
  reverse arc already present, so that each query only fills a capacity array, runs
  scipy's `maximum_flow` (Edmonds-Karp) from the target side, and reads the cut nearest
  the source off the transposed residual network with one breadth-first search.
* **Risk** (`sim/analysis/risk.py`): the places no trial can change are contracted into
  fixed pieces, places at risk that touch only one piece and matter to nobody are dropped,
  then a breadth-first search spreads 64 trials per 64-bit word, over all words at once.

## Limits

* The kernel tables time the analyses on arrays. The library functions (`criticality`,
  `min_cut`, `estimate_risk`) first turn a `Theatre` and a `Control` into those arrays;
  the end-to-end table shows what a whole command costs, loading included.
* Where the targets are missed, and why:
  * `sim what-if --fall homs` start-up is met by a small margin, so a noisy run can miss
    it. Against a baseline of about 0.14 s, `sim` spends about 0.03 s importing its own
    modules, about 0.01 s loading the bundled theatre and scenario (TOML), and about
    0.01 s on the what-if and its report. It keeps this small in three ways. The command
    named first is parsed by an app of that command alone, because typer turns every
    command it holds into click objects on each run. The objects alive once the modules
    are imported, and again once the command is done, are frozen out of the garbage
    collector (`gc.freeze`), so neither the run nor the shutdown walks them. The readers
    of foreign formats, the charts, scipy and numpy are imported only when a command
    needs them, and typer stays below 0.27, whose later releases import pydantic on
    every command (about 0.1 s).
  * Cold runs at 10^6 places: parsing the CSV takes about 6 s of the 10 (splitting,
    checking and sorting a million ids in Python; `sim validate` and `sim factions`, which
    do little else, show it), so a command has about 4 s left. `sim cut` builds two
    node-split flow networks of 2 million nodes (one for the count of disjoint routes, one
    on the graph without its dead-end trees), and the exports write 720 MB (GeoJSON) and
    800 MB (GraphML) of text; both land just past the target.
  * Warm runs at 10^6 places: every command pays about 0.45 s of imports and 0.3 s of
    reading the cache before it starts. `sim what-if` then assesses the faction twice
    (before and after the fall: passable mask, pieces, a Dijkstra, a separation tree and
    the pockets, about 0.7 s each; a route the fall leaves whole is not searched again)
    and `--json` adds a million ids twice; the exports spend about 2 s making the text and
    2-3 s writing it to this machine's disk. On this virtual machine the system time of
    identical warm runs varied from 0.8 s to 3.8 s (memory being mapped in), so single
    warm figures near the target can land on either side of it. Two runs of the 10^6 rows
    an hour apart on an otherwise idle machine gave baselines of 13.05 s and 16.56 s, and
    every command moved with the baseline: in the faster run what-if took 9.83 s cold and
    2.70 s warm, critical 8.83 s and 2.00 s, and cut 10.23 s and 4.91 s.
"""


if __name__ == "__main__":
    main()
