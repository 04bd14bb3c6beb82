"""How `sim critical --pairs` scales with Dask workers on this machine (docs/scaling.md).

Run from the repository root (it needs the dask extra):

    .venv/bin/python tools/bench_scaling.py                 # 10^4 places, 3 repeats
    .venv/bin/python tools/bench_scaling.py --places 2500 --repeats 1   # a quick look

It writes the synthetic lattice theatre of ``tools/bench.py`` (``write_csv_theatre``)
with about ``--places`` places to a temporary folder, loads it once, and times the
whole library call ``sim.critical(..., pairs=True)`` (one sweep per first place)
serially and on a local cluster of 1, 2 and 4 worker processes. Each time on a
cluster includes starting and closing the cluster, as a run of
``sim critical --pairs --workers N`` pays it. Runs alternate between the settings
so that a change in the machine's load falls on all of them alike, and each
figure is the median of ``--repeats`` runs; the table also gives the machine's
load average (one minute) before each run, since other work on the same cores
slows every figure. Every run must give the same answer as the serial one, or
the script stops. It prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))


def timed(scenario, workers: int | None) -> tuple[float, object]:
    import sim

    start = time.perf_counter()
    answer = sim.critical(scenario, faction="gov", pairs=True, workers=workers)
    return time.perf_counter() - start, answer.value


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args(argv)

    import sim
    from bench import write_csv_theatre

    with tempfile.TemporaryDirectory() as folder:
        write_csv_theatre(args.places, Path(folder))
        scenario = sim.load(Path(folder) / "scenario.toml")
    settings: list[int | None] = [None, *args.workers]
    times: dict[int | None, list[float]] = {w: [] for w in settings}
    loads: dict[int | None, list[float]] = {w: [] for w in settings}
    reference = None
    for repeat in range(args.repeats):
        for workers in settings:
            loads[workers].append(os.getloadavg()[0])
            seconds, value = timed(scenario, workers)
            if reference is None:
                reference = value
            if value != reference:
                raise SystemExit(f"the answer on {workers} workers differs from the serial one")
            times[workers].append(seconds)
            print(f"repeat {repeat + 1}: {'serial' if workers is None else workers}: "
                  f"{seconds:.1f} s", file=sys.stderr, flush=True)
    serial = statistics.median(times[None])
    sweeps = reference.candidates - 1
    print(f"{scenario.id}: {len(scenario.theatre.places):,} places, "
          f"{len(scenario.theatre.roads):,} roads; {sweeps:,} sweeps, "
          f"{reference.considered:,} pairs; {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}; "
          f"median of {args.repeats} runs\n")
    print("| run | time (s) | speed-up | every run (s) | load before each run |")
    print("|---|---:|---:|---|---|")
    for workers in settings:
        median = statistics.median(times[workers])
        label = "serial (no cluster)" if workers is None else \
            f"`--workers {workers}`"
        runs = ", ".join(f"{t:.1f}" for t in times[workers])
        load = ", ".join(f"{x:.1f}" for x in loads[workers])
        print(f"| {label} | {median:.1f} | {serial / median:.2f}x | {runs} | {load} |")


if __name__ == "__main__":
    main()
