"""Whole commands for ``tools/bench.py``: every ``sim`` command end to end, and start-up.

Each command runs as a fresh process, its standard output to /dev/null: a
``python -c`` that runs the ``sim`` entry point (``sim.__main__.main``, as the
installed ``sim`` script does) and, at exit, writes its own peak resident
memory (``VmHWM`` of /proc/self/status, which exec resets) to a side file.
The wall time is taken around the process. ``ru_maxrss`` of the waited child
is not used: Linux carries the parent's high-water mark into a child it
forks or vforks, so a child of a 100 MiB bench process would never show
less. A process still running at its timeout is killed and reported as not
finished (its peak then is the last ``VmHWM`` read while it ran).
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SIM = str(Path(sys.executable).with_name("sim"))

#: Runs ``sim`` (or, after ``--code``, a script) and writes VmHWM in KiB to argv[1] at exit.
WRAPPER = textwrap.dedent("""
    import atexit, sys
    side = sys.argv[1]
    def _peak():
        with open("/proc/self/status") as f:
            kib = next(line.split()[1] for line in f if line.startswith("VmHWM:"))
        with open(side, "w") as f:
            f.write(kib)
    atexit.register(_peak)
    if sys.argv[2] == "--code":
        code, sys.argv = sys.argv[3], ["-c", *sys.argv[4:]]
        exec(compile(code, "<baseline>", "exec"), {"__name__": "__main__"})
    else:
        sys.argv = ["sim", *sys.argv[2:]]
        from sim.__main__ import main
        main()
""")


@dataclass(frozen=True)
class Run:
    """One process: its wall time, peak memory, exit code, and whether it finished in time."""

    seconds: float
    peak: int  # bytes
    code: int | None  # None: killed at the timeout
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.code == 0


def measure_sim(args: list[str], timeout: float, env: dict | None = None) -> Run:
    """``sim ARGS`` once in a fresh process: wall time and peak memory."""
    return _wrapped(list(args), timeout, env)


def measure_code(code: str, args: list[str], timeout: float, env: dict | None = None) -> Run:
    """``python -c CODE ARGS`` once in a fresh process: wall time and peak memory."""
    return _wrapped(["--code", code, *args], timeout, env)


def _wrapped(rest: list[str], timeout: float, env: dict | None) -> Run:
    with tempfile.TemporaryDirectory(prefix="sim-bench-run-") as tmp:
        side = Path(tmp) / "peak"
        run = measure([sys.executable, "-c", WRAPPER, str(side), *rest], timeout, env)
        if side.exists() and side.read_text().strip():
            run = Run(run.seconds, int(side.read_text()) * 1024, run.code, run.error)
    return run


def _hwm(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0


def measure(cmd: list[str], timeout: float, env: dict | None = None) -> Run:
    """Run ``cmd`` once with stdout to /dev/null: its wall time (and the last VmHWM seen)."""
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL,
                            cwd=ROOT, env=env, start_new_session=True)
    killed, peak = False, 0
    while True:
        pid, status = os.waitpid(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - t0 > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            killed = True
            pid, status = os.waitpid(proc.pid, 0)
            break
        if time.perf_counter() - t0 > 1:
            peak = max(peak, _hwm(proc.pid))
        time.sleep(0.002 if time.perf_counter() - t0 < 2 else 0.1)
    seconds = time.perf_counter() - t0
    proc.returncode = 0  # reaped here: keep Popen from waiting again
    err.seek(0)
    text = err.read().decode("utf-8", "replace").strip().splitlines()
    err.close()
    code = None if killed else os.waitstatus_to_exitcode(status)
    return Run(seconds, peak, code, text[-1] if text and code else "")


# ---------------------------------------------------------------- the CSV theatre

def write_csv_theatre(n: int, folder: Path, lattice=None) -> dict:
    """The lattice of about ``n`` places as a CSV theatre with a scenario, in ``folder``.

    The scenario: one faction ``gov`` holds every place (``reb`` is its adversary),
    its capital is the lattice's central junction, 50 strongholds, one lifeline
    from the capital to three strongholds of its piece, and 1% of places
    contested (for ``risk``). Returns the names the commands need: the capital,
    a place next to it, and the lifeline's first target.
    """
    if lattice is None:
        from bench_kernels import lattice
    arrays, graph, roles = lattice(n)
    side = int(round(n ** 0.5))
    r, c = np.divmod(np.arange(arrays.n), side)
    with open(folder / "places.csv", "w") as f:
        f.write("id,name,lat,lon,kind,country,population,aliases\n")
        f.writelines(f"p{i},P{i},{30 + r[i] * 0.001:.4f},{35 + c[i] * 0.001:.4f},town,SY,{pop},\n"
                     for i, pop in enumerate(arrays.population.tolist()))
    with open(folder / "roads.csv", "w") as f:
        f.write("a,b,km,class,ref\n")
        f.writelines(f"p{a},p{b},{km:.1f},primary,\n" for a, b, km in
                     zip(arrays.edge_u.tolist(), arrays.edge_v.tolist(), arrays.edge_km.tolist()))
    cap = roles["capital"]
    targets = [f'"p{t}"' for t in roles["targets"].tolist()]
    strong = sorted({f'"p{s}"' for s in roles["strongholds"][:47].tolist()} | set(targets))
    contested = np.random.default_rng(3).choice(np.delete(np.arange(arrays.n), cap),
                                                size=max(1, arrays.n // 100), replace=False)
    contested_list = ", ".join(f'"p{p}"' for p in np.sort(contested).tolist())
    (folder / "scenario.toml").write_text(textwrap.dedent(f"""\
        [scenario]
        id = "lattice"
        date = "2024-12-06"
        theatre = "."
        default_holder = "gov"

        [[source]]
        id = "bench"
        title = "A synthetic lattice for the benchmarks"
        outlet = "tools/bench.py"
        date = "2024-12-06"

        [factions.gov]
        capital = "p{cap}"
        adversary = "reb"
        strongholds = [{", ".join(strong)}]

        [factions.reb]
        adversary = "gov"

        [[lifeline]]
        name = "Capital - far"
        faction = "gov"
        source = "p{cap}"
        targets = [{", ".join(targets)}]

        [[control]]
        faction = "gov"
        status = "contested"
        source = "bench"
        fact = "One place in a hundred is fought over."
        places = [{contested_list}]
        """))
    return {"capital": f"p{cap}", "next": f"p{int(graph.neighbours(cap)[0])}",
            "target": f"p{int(roles['targets'][0])}", "places": arrays.n,
            "roads": len(arrays.edge_u)}


def commands(folder: Path, names: dict, out: Path) -> list[tuple[str, list[str]]]:
    """Every command benchmarked, with its arguments on the theatre in ``folder``."""
    sc = str(folder / "scenario.toml")
    cap, nxt, tgt = names["capital"], names["next"], names["target"]
    return [
        (f"what-if --fall {nxt}", ["what-if", sc, "--fall", nxt]),
        ("show", ["show", sc]),
        ("critical --faction gov", ["critical", sc, "--faction", "gov"]),
        (f"cut {cap} {tgt}", ["cut", sc, cap, tgt]),
        (f"routes {cap} {tgt}", ["routes", sc, cap, tgt]),
        ("risk --faction gov", ["risk", sc, "--faction", "gov"]),
        ("places", ["places", sc]),
        ("validate", ["validate", sc]),
        ("export --format geojson", ["export", sc, "--format", "geojson", "-o",
                                     str(out / "map.geojson"), "--force"]),
        ("export --format graphml", ["export", sc, "--format", "graphml", "-o",
                                     str(out / "map.graphml"), "--force"]),
        ("export --format csv", ["export", sc, "--format", "csv", "-o", str(out / "csv"),
                                 "--force"]),
        ("factions", ["factions", sc]),
        (f"what-if --fall {nxt} --json", ["what-if", sc, "--fall", nxt, "--json"]),
    ]


BASELINE = textwrap.dedent("""
    import csv, sys
    import networkx as nx
    folder, capital = sys.argv[1], sys.argv[2]
    g = nx.Graph()
    with open(folder + "/places.csv", newline="") as f:
        for row in csv.DictReader(f):
            g.add_node(row["id"], name=row["name"], lat=float(row["lat"]),
                       lon=float(row["lon"]), population=int(row["population"]))
    with open(folder + "/roads.csv", newline="") as f:
        for row in csv.DictReader(f):
            g.add_edge(row["a"], row["b"], km=float(row["km"]))
    print(len(nx.single_source_shortest_path_length(g, capital)))
""")


def bench_e2e(n: int, timeout: float, only: set[str] | None = None,
              log=print) -> dict:
    """Every command on the CSV theatre of about ``n`` places, cold and warm, and the baseline."""
    with tempfile.TemporaryDirectory(prefix="sim-bench-") as tmp:
        folder = Path(tmp) / "theatre"
        folder.mkdir()
        t0 = time.perf_counter()
        names = write_csv_theatre(n, folder)
        log(f"  CSV theatre of {names['places']:,} places written in "
            f"{time.perf_counter() - t0:.1f} s")
        out = Path(tmp) / "out"
        out.mkdir()
        base_runs = [measure_code(BASELINE, [str(folder), names["capital"]], timeout)
                     for _ in range(3)]
        base = Run(statistics.median(r.seconds for r in base_runs),
                   max(r.peak for r in base_runs), base_runs[0].code, base_runs[0].error)
        log(f"  baseline: {base.seconds:.2f} s, {base.peak / 2**20:,.0f} MiB")
        rows = []
        for label, args in commands(folder, names, out):
            if only and label.split()[0] not in only:
                continue
            cache = Path(tmp) / f"cache-{len(rows)}"
            cache.mkdir()
            env = {**os.environ, "SIM_CACHE_DIR": str(cache)}
            cold = measure_sim(args, timeout, env)
            warm = measure_sim(args, timeout, env) if cold.ok else None
            rows.append((label, cold, warm))
            log(f"  {label:<40} cold {_say(cold, timeout):>28}   warm "
                f"{_say(warm, timeout) if warm else 'not run':>28}")
    return {"n": names["places"], "roads": names["roads"], "baseline": base, "rows": rows,
            "timeout": timeout}


def _say(r: Run, timeout: float) -> str:
    if r.code is None:
        return f"did not finish in {timeout:.0f} s"
    if r.code:
        return f"failed (exit {r.code})"
    return f"{r.seconds:.2f} s, {r.peak / 2**20:,.0f} MiB"


# ---------------------------------------------------------------- start-up

def bench_startup(runs: int = 21) -> dict:
    """``sim what-if --fall homs`` against ``python -c "import networkx, typer"``.

    Medians of ``runs`` interleaved runs each, after a warm-up: with the bytecode
    caches as an installed package has them, and with no bytecode at all (an empty
    ``PYTHONPYCACHEPREFIX`` and ``PYTHONDONTWRITEBYTECODE=1``: every module compiled
    from source on every run, as on a read-only install that was never compiled).
    """
    ours_cmd = [SIM, "what-if", "--fall", "homs"]
    base_cmd = [sys.executable, "-c", "import networkx, typer"]
    out = {}
    with tempfile.TemporaryDirectory(prefix="sim-bench-") as tmp:
        cache = Path(tmp) / "cache"
        cache.mkdir()
        no_pyc = Path(tmp) / "no-pyc"
        no_pyc.mkdir()
        plain = {**os.environ, "SIM_CACHE_DIR": str(cache)}
        plain.pop("PYTHONDONTWRITEBYTECODE", None)
        plain.pop("PYTHONPYCACHEPREFIX", None)
        source = {**plain, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(no_pyc)}
        for mode, env in (("bytecode", plain), ("source", source)):
            for cmd in (ours_cmd, base_cmd):
                assert measure(cmd, 120, env).ok, cmd
            ours, base = [], []
            for _ in range(runs):
                ours.append(measure(ours_cmd, 120, env).seconds)
                base.append(measure(base_cmd, 120, env).seconds)
            assert not any(no_pyc.iterdir()), "bytecode was written"
            out[mode] = {"ours": statistics.median(ours), "baseline": statistics.median(base),
                         "ours_iqr": _iqr(ours), "base_iqr": _iqr(base), "runs": runs}
    return out


def _iqr(xs) -> tuple[float, float]:
    q = np.percentile(xs, [25, 75])
    return float(q[0]), float(q[1])
